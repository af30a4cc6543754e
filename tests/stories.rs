//! Many stories in one workspace (issue 13), in the CLI and the language server: every draft is
//! checked with the `.factlint.toml` nearest to it, against that configuration's corpus only;
//! corpus files are never drafts; a draft without any configuration is told so once.
//!
//! The workspace is `tests/fixtures/stories` copied into a temp dir:
//! `livestream/` (English, its own `sources/` and config), `sturm/` (German, likewise) and
//! `unconfigured/` (a draft and no configuration anywhere above it).

mod common;

use common::{file_uri, Lsp};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The fixture workspace copied into a fresh temp dir; returns (temp dir, its root).
fn stories() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir
        .path()
        .canonicalize()
        .expect("canonical")
        .join("stories");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories");
    copy_tree(&from, &root);
    (dir, root)
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read fixture dir").flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

fn factlint(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env("XDG_CACHE_HOME", cwd.join(".cache"))
        .args(args)
        .output()
        .expect("run factlint")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn report(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&o.stdout),
            stderr(o)
        )
    })
}

/// Per checked file (path as reported): its findings' rules and evidence paths.
fn by_file(v: &Value) -> Vec<(String, Vec<(String, Vec<String>)>)> {
    v["files"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let findings = f["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|x| {
                    let rule = x["rule"].as_str().unwrap_or("").to_string();
                    let evidence = x["evidence"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|e| e["source"]["path"].as_str().unwrap_or("").to_string())
                        .collect();
                    (rule, evidence)
                })
                .collect();
            (f["path"].as_str().unwrap_or("").to_string(), findings)
        })
        .collect()
}

/// Each story's draft has a number-conflict, and every piece of evidence of every finding comes
/// from its own story's `sources/`.
fn assert_own_sources(v: &Value) {
    let files = by_file(v);
    for (story, draft) in [("livestream", "draft.md"), ("sturm", "entwurf.md")] {
        let (path, findings) = files
            .iter()
            .find(|(p, _)| Path::new(p).ends_with(draft))
            .unwrap_or_else(|| panic!("{story}/{draft} not checked: {v:#}"));
        assert!(
            findings.iter().any(|(rule, _)| rule == "number-conflict"),
            "{path}: no number-conflict against its own sources: {findings:?}"
        );
        for (rule, evidence) in findings {
            for e in evidence {
                assert!(
                    e.contains(&format!("{story}/sources/")),
                    "{path}: {rule} has evidence from another story: {e}"
                );
            }
        }
    }
}

#[test]
fn cli_checks_each_draft_against_its_own_story() {
    let (dir, root) = stories();
    let cwd = dir.path().canonicalize().expect("canonical");
    // The whole workspace: three drafts, and none of the corpus documents.
    let out = factlint(&cwd, &["check", "--format", "json", "stories"]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let v = report(&out);
    let mut paths: Vec<String> = by_file(&v).into_iter().map(|(p, _)| p).collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "stories/livestream/draft.md",
            "stories/sturm/entwurf.md",
            "stories/unconfigured/notes.md"
        ]
    );
    assert_own_sources(&v);
    // The unconfigured draft is told once, by name.
    let err = stderr(&out);
    assert_eq!(err.matches("no corpus configured").count(), 1, "{err}");
    assert!(err.contains("unconfigured/notes.md"), "{err}");
    // Named one by one, from inside a story (relative paths): the same judgement.
    let out = factlint(
        &root.join("sturm"),
        &[
            "check",
            "--format",
            "json",
            "entwurf.md",
            "../livestream/draft.md",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    assert_own_sources(&report(&out));
    assert!(!stderr(&out).contains("no corpus configured"));
}

#[test]
fn cli_exclude_globs_and_config_for_all() {
    let (dir, root) = stories();
    let cwd = dir.path().canonicalize().expect("canonical");
    std::fs::create_dir_all(root.join("sturm/alt")).expect("mkdir");
    std::fs::write(
        root.join("sturm/alt/entwurf-1.md"),
        "Der Sturm hat 500 Bäume entwurzelt.\n",
    )
    .expect("write");
    let config = root.join("sturm/.factlint.toml");
    let text = std::fs::read_to_string(&config).expect("read");
    std::fs::write(&config, format!("{text}exclude = [\"alt/**\"]\n")).expect("write");
    let out = factlint(&cwd, &["check", "--format", "json", "stories/sturm"]);
    let paths: Vec<String> = by_file(&report(&out)).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["stories/sturm/entwurf.md"], "{}", stderr(&out));
    // `--config` is used for every draft: the German story's sources now judge both drafts,
    // and neither story's corpus is linted.
    let out = factlint(
        &cwd,
        &[
            "check",
            "--format",
            "json",
            "--config",
            "stories/sturm/.factlint.toml",
            "stories/livestream",
            "stories/sturm",
        ],
    );
    let files = by_file(&report(&out));
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        ["stories/livestream/draft.md", "stories/sturm/entwurf.md"],
        "{}",
        stderr(&out)
    );
    let livestream = &files[0].1;
    assert!(
        !livestream.iter().any(|(r, _)| r == "number-conflict"),
        "judged against the wrong corpus on purpose, yet a conflict: {livestream:?}"
    );
}

/// A configured corpus path that does not exist, a corpus without a readable document and a
/// `--corpus` typo each fail the run with exit status 2, naming what was looked for.
#[test]
fn cli_misconfigured_corpus_fails_with_exit_2() {
    let (dir, root) = stories();
    let cwd = dir.path().canonicalize().expect("canonical");
    let config = root.join("sturm/.factlint.toml");
    std::fs::write(&config, "corpus = \"quellen\"\n").expect("write");
    let out = factlint(&cwd, &["check", "stories"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("quellen")
            && err.contains("does not exist")
            && err.contains("sturm/.factlint.toml"),
        "{err}"
    );
    std::fs::write(&config, "corpus = \"sources/*.pdf\"\n").expect("write");
    let out = factlint(&cwd, &["check", "stories/sturm/entwurf.md"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no readable document") && err.contains("sources/*.pdf"),
        "{err}"
    );
    let out = factlint(
        &cwd,
        &[
            "check",
            "--corpus",
            "does-not-exist",
            "stories/livestream/draft.md",
        ],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("does-not-exist"), "{err}");
}
