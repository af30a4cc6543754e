//! The acceptance test of the corpus store: `factlint check` of the bundled drafts against a
//! corpus of more than 200 documents (so that event documents come from the index, not "all of
//! them") gives the same findings, byte for byte, from the in-memory corpus and from the disk
//! store (`store = "disk"`), cold, warm, and after a corpus file changed.

use std::path::Path;
use std::process::Command;

mod common;
use common::{filler, story};

fn check(dir: &Path, config: &str) -> (Option<i32>, String) {
    let _ = std::fs::write(dir.join(".factlint.toml"), config);
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir)
        .args(["check", "--format", "json", "drafts"])
        .env("FACTLINT_CACHE_DIR", dir.join("cache"))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("store not used") && !stderr.contains("panicked"),
        "{stderr}"
    );
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn check_gives_the_same_findings_from_memory_and_from_the_disk_store() {
    let tmp = story();
    let dir = tmp.path();
    let more = dir.join("corpus").join("more");
    let memory = "corpus = [\"corpus\"]\n";
    let disk = "corpus = [\"corpus\"]\nstore = \"disk\"\n";
    let expected = check(dir, memory);
    let findings: serde_json::Value =
        serde_json::from_str(&expected.1).unwrap_or_else(|e| panic!("{e}: {}", expected.1));
    assert!(
        expected.1.contains("number-conflict"),
        "the drafts must have findings to compare: {findings}"
    );
    let stores = || {
        std::fs::read_dir(dir.join("cache"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "redb"))
            .count()
    };
    assert_eq!(stores(), 0, "the in-memory run writes no store");
    assert_eq!(check(dir, disk), expected, "cold store");
    assert_eq!(stores(), 1, "`store = \"disk\"` opens the store");
    assert_eq!(check(dir, disk), expected, "warm store");
    // A changed corpus file: the store updates it, the findings follow the in-memory corpus.
    let _ = std::fs::write(more.join("r007.md"), filler(1007));
    let _ = std::fs::remove_file(more.join("r008.md"));
    let expected = check(dir, memory);
    assert_eq!(check(dir, disk), expected, "updated store");
}
