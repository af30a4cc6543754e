//! The acceptance test of the corpus store: `factlint check` of the bundled drafts against a
//! corpus of more than 200 documents (so that event documents come from the index, not "all of
//! them") gives the same findings, byte for byte, from the in-memory corpus and from the disk
//! store (`store = "disk"`), cold, warm, and after a corpus file changed; and the store's crash
//! safety: an update killed (SIGKILL) at exact points of its batches, or after a range of delays,
//! is completed by the next run, whose findings equal a fresh store's, and the store is never
//! found corrupt.

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

/// The story folder's config for the disk store.
const DISK: &str = "corpus = [\"corpus\"]\nstore = \"disk\"\n";

/// `factlint check` of the drafts with the disk store in `cache`, the test hooks of
/// `corpus/store/disk.rs` (`FACTLINT_TEST_STORE_*`) set from `env`: the process, not waited for.
fn spawn_check(dir: &Path, cache: &Path, env: &[(&str, &str)]) -> std::process::Child {
    let _ = std::fs::write(dir.join(".factlint.toml"), DISK);
    let mut c = Command::new(env!("CARGO_BIN_EXE_factlint"));
    c.current_dir(dir)
        .args(["check", "--format", "json", "drafts"])
        .env("FACTLINT_CACHE_DIR", cache)
        .env("FACTLINT_TEST_STORE_TRACE", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (k, v) in env {
        c.env(k, v);
    }
    c.spawn().unwrap_or_else(|e| panic!("{e}"))
}

/// A check run to its end: (exit status, findings, stderr). The store must not have been found
/// corrupt, nor been left unused.
fn run_check(dir: &Path, cache: &Path, env: &[(&str, &str)]) -> (Option<i32>, String, String) {
    let out = spawn_check(dir, cache, env)
        .wait_with_output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    for bad in ["corrupt", "store not used", "panicked"] {
        assert!(!stderr.contains(bad), "{bad}: {stderr}");
    }
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

/// What the run's update was to do: (files to read, files removed), from the trace hook.
fn planned(stderr: &str) -> (usize, usize) {
    let line = stderr
        .lines()
        .find_map(|l| l.strip_prefix("factlint-test: store update: "))
        .unwrap_or_else(|| panic!("no store trace: {stderr}"));
    let num = |after: &str| {
        line.split(", ")
            .find_map(|p| p.strip_suffix(after))
            .and_then(|n| n.trim().parse::<usize>().ok())
            .unwrap_or_else(|| panic!("{line}"))
    };
    (num(" to read"), num(" removed"))
}

/// Starts a check whose store update pauses at `at` (`before-commit:N`, `after-commit:N`) and
/// kills it there with SIGKILL; fails when the update never gets there.
fn kill_at(dir: &Path, cache: &Path, batch: &str, at: &str) {
    let child = spawn_check(
        dir,
        cache,
        &[
            ("FACTLINT_TEST_STORE_BATCH", batch),
            ("FACTLINT_TEST_STORE_PAUSE", at),
        ],
    );
    common::kill_at_line(child, &format!("store paused {at}"));
}

/// Rewrites, adds and removes corpus files (different ones each round): `changed` rewritten,
/// `added` new, `removed` deleted (none of those rewritten), among the 240 filler reports.
fn change_corpus(dir: &Path, round: usize, changed: usize, added: usize, removed: usize) {
    let more = dir.join("corpus").join("more");
    let rewritten: Vec<usize> = (0..changed).map(|i| (round * 37 + i * 3) % 240).collect();
    for n in &rewritten {
        let _ = std::fs::write(more.join(format!("r{n:03}.md")), filler(10_000 * round + n));
    }
    for i in 0..added {
        let _ = std::fs::write(
            more.join(format!("n{round}-{i:02}.md")),
            filler(5_000 + 100 * round + i),
        );
    }
    let mut gone = 0;
    for i in 0..240 {
        if gone == removed {
            break;
        }
        let n = (round * 53 + i * 7) % 240;
        if !rewritten.contains(&n) && std::fs::remove_file(more.join(format!("r{n:03}.md"))).is_ok()
        {
            gone += 1;
        }
    }
}

/// Findings of a fresh store of the folder as it is now (a new cache folder).
fn fresh_findings(dir: &Path) -> (Option<i32>, String) {
    let fresh = dir.join("fresh-cache");
    let _ = std::fs::remove_dir_all(&fresh);
    let (code, out, _) = run_check(dir, &fresh, &[]);
    let _ = std::fs::remove_dir_all(&fresh);
    (code, out)
}

#[test]
fn a_store_update_killed_midway_is_completed_by_the_next_run() {
    let tmp = story();
    let dir = tmp.path();
    let cache = dir.join("cache");
    let batch = "20";
    // The store, built whole.
    let (_, first, _) = run_check(dir, &cache, &[]);
    assert!(first.contains("number-conflict"), "{first}");
    assert_eq!(fresh_findings(dir).1, first);

    // Each round changes 30 files, adds 40 and removes 15: 70 files to read in batches of 20,
    // the removals written with the first batch. The update is killed at one point; the next
    // run reads exactly what was not committed, and gives the findings of a fresh store.
    let rounds: [(&[&str], usize, usize); 4] = [
        // (kill points in order, files the run after the kills reads, files it removes)
        (&["before-commit:1"], 70, 15),
        (&["after-commit:1"], 50, 0),
        (&["before-commit:3"], 30, 0),
        // Killed, then the run that resumes killed too.
        (&["after-commit:2", "before-commit:1"], 30, 0),
    ];
    for (round, (points, to_read, removed)) in rounds.iter().enumerate() {
        change_corpus(dir, round + 1, 30, 40, 15);
        for at in *points {
            kill_at(dir, &cache, batch, at);
        }
        let (code, findings, stderr) =
            run_check(dir, &cache, &[("FACTLINT_TEST_STORE_BATCH", batch)]);
        assert_eq!(
            planned(&stderr),
            (*to_read, *removed),
            "round {round}, killed at {points:?}: what the next run had left to do"
        );
        assert_eq!(
            (code, findings),
            fresh_findings(dir),
            "round {round}, killed at {points:?}"
        );
        // And nothing is left to do.
        let (_, _, stderr) = run_check(dir, &cache, &[]);
        assert_eq!(planned(&stderr), (0, 0), "round {round}");
    }
}

#[test]
fn a_store_update_killed_at_any_moment_leaves_a_usable_store() {
    let tmp = story();
    let dir = tmp.path();
    let cache = dir.join("cache");
    let (_, first, _) = run_check(dir, &cache, &[]);
    assert!(first.contains("number-conflict"), "{first}");
    // SIGKILL after a delay, wherever the update is then (reading, analysing, writing,
    // committing, or done): the next run gives the findings of a fresh store. The delays only
    // spread the kill points; nothing is asserted about time.
    for (round, ms) in [5u64, 30, 80, 150, 300, 600].into_iter().enumerate() {
        change_corpus(dir, 10 + round, 30, 40, 15);
        let mut child = spawn_check(dir, &cache, &[("FACTLINT_TEST_STORE_BATCH", "10")]);
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let _ = child.kill();
        let _ = child.wait();
        let (code, findings, _) = run_check(dir, &cache, &[]);
        assert_eq!(
            (code, findings),
            fresh_findings(dir),
            "killed after {ms} ms"
        );
    }
}

/// The language server honours `store = "disk"` as `factlint check` does: with that setting it
/// opens the corpus from the disk store in the configured cache folder (the store file exists
/// once its first diagnostics are out) and publishes the findings `check` prints with the same
/// configuration. That they come from the store and not from the corpus files is shown by a
/// corpus file changed behind the store's back (same size and modification time, which is all
/// the store compares before reading a file): a server started afterwards, like `check`, still
/// reports the conflict the stored analysis holds, while the in-memory corpus, which reads the
/// files, no longer does.
#[test]
fn the_language_server_opens_the_disk_store_as_check_does() {
    use common::{file_uri, Lsp};
    use serde_json::{json, Value};
    const LEDGER: &str = "---\ntitle: Kessler Bridge traffic\nsource: Harbor Ledger\ndate: 2024-05-02\nlang: en\n---\n\nThe Kessler Bridge is the city's busiest crossing.\nAbout 68,000 vehicles cross the Kessler Bridge every day.\n";
    const DRAFT: &str =
        "# Kessler Bridge\n\nAbout 90,000 vehicles cross the Kessler Bridge every day.\n";
    const DISK: &str = "corpus = [\"corpus\"]\nstore = \"disk\"\ncache-dir = \"cache\"\n";
    const MEMORY: &str = "corpus = [\"corpus\"]\ncache-dir = \"cache\"\n";
    let (_tmp, root, corpus) = common::workspace(&[("ledger-bridge.md", LEDGER)]);
    let ledger = corpus.join("ledger-bridge.md");
    let draft = root.join("bridge.md");
    std::fs::write(&draft, DRAFT).unwrap_or_else(|e| panic!("{e}"));
    let config = |text: &str| std::fs::write(root.join(".factlint.toml"), text);
    let stores = || {
        std::fs::read_dir(root.join("cache"))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "redb"))
            .count()
    };
    // (rule, line, column) of each finding of `factlint check` with the folder's config, sorted.
    let check = || {
        let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .current_dir(&root)
            .args(["check", "--format", "json", "bridge.md"])
            .env_remove("FACTLINT_CACHE_DIR")
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("store not used"), "{stderr}");
        let v: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
        let mut found: Vec<(String, u64, u64)> = v["files"][0]["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                let at = &f["range"]["start"];
                (
                    f["rule"].as_str().unwrap_or_default().to_string(),
                    at["line"].as_u64().unwrap_or_default(),
                    at["column_utf16"].as_u64().unwrap_or_default(),
                )
            })
            .collect();
        found.sort();
        found
    };
    // The same from the language server's first diagnostics of the draft (0-based positions);
    // the server's log messages, which must not say that the store was not used.
    let serve = || {
        let mut lsp = Lsp::start();
        lsp.initialize(&root, json!({ "debounceMs": 0 }), json!({}));
        let uri = file_uri(&draft);
        lsp.open(&uri, DRAFT, 1);
        let diags = lsp.diagnostics(&uri, 1);
        let store_files = stores();
        let logs: Vec<String> = lsp
            .seen
            .iter()
            .filter(|m| m["method"] == "window/logMessage" || m["method"] == "window/showMessage")
            .filter_map(|m| m["params"]["message"].as_str().map(String::from))
            .collect();
        lsp.shutdown();
        assert!(
            !logs.iter().any(|l| l.contains("store not used")),
            "{logs:#?}"
        );
        let mut found: Vec<(String, u64, u64)> = diags
            .iter()
            .map(|d| {
                let at = &d["range"]["start"];
                (
                    d["code"].as_str().unwrap_or_default().to_string(),
                    at["line"].as_u64().unwrap_or_default() + 1,
                    at["character"].as_u64().unwrap_or_default() + 1,
                )
            })
            .collect();
        found.sort();
        (found, store_files)
    };
    let conflict = |found: &[(String, u64, u64)]| found.iter().any(|f| f.0 == "number-conflict");

    config(DISK).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(stores(), 0);
    let (served, store_files) = serve();
    assert_eq!(
        store_files, 1,
        "the server opened the disk store in the cache folder"
    );
    assert!(conflict(&served), "{served:?}");
    assert_eq!(served, check(), "the server's findings are check's");

    // The corpus file changed, its size and modification time kept: the store keeps its analysis.
    let mtime = std::fs::metadata(&ledger)
        .and_then(|m| m.modified())
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&ledger, LEDGER.replace("68,000", "90,000")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::File::options()
        .write(true)
        .open(&ledger)
        .and_then(|f| f.set_modified(mtime))
        .unwrap_or_else(|e| panic!("{e}"));
    config(MEMORY).unwrap_or_else(|e| panic!("{e}"));
    let from_files = check();
    assert!(!conflict(&from_files), "{from_files:?}");
    config(DISK).unwrap_or_else(|e| panic!("{e}"));
    let from_store = check();
    assert!(conflict(&from_store), "{from_store:?}");
    let (served, _) = serve();
    assert_eq!(
        served, from_store,
        "the server reads the store, not the files"
    );
}
