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

/// A finding's rule and the paths of its evidence.
type Judged = (String, Vec<String>);

/// Per checked file (path as reported): its findings' rules and evidence paths.
fn by_file(v: &Value) -> Vec<(String, Vec<Judged>)> {
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
/// Evidence paths are read against `cwd` (the folder factlint ran in).
fn assert_own_sources(v: &Value, cwd: &Path) {
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
                let at = cwd.join(e).canonicalize().unwrap_or_else(|_| cwd.join(e));
                assert!(
                    at.to_string_lossy().contains(&format!("{story}/sources/")),
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
    assert_own_sources(&v, &cwd);
    // Sources are named as the drafts are: relative to the current folder.
    for (_, findings) in by_file(&v) {
        for (_, evidence) in findings {
            assert!(
                evidence.iter().all(|e| e.starts_with("stories/")),
                "{evidence:?}"
            );
        }
    }
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
    assert_own_sources(&report(&out), &root.join("sturm"));
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

/// `factlint figures` with drafts of two stories maps each against its own sources.
#[test]
fn cli_figures_of_two_stories() {
    let (dir, _root) = stories();
    let cwd = dir.path().canonicalize().expect("canonical");
    let out = factlint(
        &cwd,
        &[
            "figures",
            "--format",
            "json",
            "stories/livestream/draft.md",
            "stories/sturm/entwurf.md",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = report(&out);
    let docs = |story: &str| {
        v["quantities"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|q| q["variants"].as_array().cloned().unwrap_or_default())
            .flat_map(|x| x["sources"].as_array().cloned().unwrap_or_default())
            .filter(|s| s["doc"].as_str().is_some_and(|d| d.contains(story)))
            .count()
    };
    assert!(docs("livestream/sources/") > 0, "{v:#}");
    assert!(docs("sturm/sources/") > 0, "{v:#}");
    let text = v.to_string();
    assert!(text.contains("48,000") && text.contains("120"), "{text}");
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

// The language server.

/// Client capabilities with progress and dynamic file watching.
fn caps() -> Value {
    json!({
        "window": { "workDoneProgress": true },
        "workspace": {
            "workspaceFolders": true,
            "didChangeWatchedFiles": { "dynamicRegistration": true }
        },
    })
}

fn open_file(lsp: &mut Lsp, path: &Path, version: i64) -> String {
    let uri = file_uri(path);
    let text = std::fs::read_to_string(path).expect("read draft");
    lsp.open(&uri, &text, version);
    uri
}

/// Waits for diagnostics of `uri` at `version` with (or without) a number-conflict.
fn conflicts(lsp: &mut Lsp, uri: &str, version: i64, present: bool) -> Vec<Value> {
    lsp.diagnostics_where(
        uri,
        version,
        &format!("{uri}: number-conflict present = {present}"),
        |d| common::with_code(d, "number-conflict").is_some() == present,
    )
}

/// The evidence locations of a diagnostic.
fn evidence_uris(d: &Value) -> Vec<String> {
    d["relatedInformation"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| r["location"]["uri"].as_str().map(String::from))
        .collect()
}

/// `window/showMessage` texts of `typ` (1 error, 2 warning, 3 info) received so far.
fn shown(lsp: &Lsp, typ: i64) -> Vec<String> {
    lsp.seen
        .iter()
        .filter(|m| m["method"] == "window/showMessage" && m["params"]["type"] == typ)
        .filter_map(|m| m["params"]["message"].as_str().map(String::from))
        .collect()
}

fn watched_change(lsp: &mut Lsp, path: &Path) {
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(path), "type": 2 }] }),
    );
}

#[test]
fn server_checks_each_draft_against_its_own_story() {
    let (_dir, root) = stories();
    let mut lsp = Lsp::start();
    let init = lsp.initialize(&root, json!({ "debounceMs": 0 }), caps());
    assert_eq!(
        init["capabilities"]["workspace"]["workspaceFolders"]["supported"],
        true
    );
    let live = open_file(&mut lsp, &root.join("livestream/draft.md"), 1);
    let sturm = open_file(&mut lsp, &root.join("sturm/entwurf.md"), 1);
    for (uri, story) in [(&live, "livestream"), (&sturm, "sturm")] {
        // In whichever order the two corpora finish loading.
        let m = lsp.wait_any(&format!("{uri}: a number-conflict"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && common::with_code(
                    m["params"]["diagnostics"].as_array().map_or(&[], |a| a),
                    "number-conflict",
                )
                .is_some()
        });
        let diags = m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for d in &diags {
            for e in evidence_uris(d) {
                assert!(
                    e.contains(&format!("/{story}/sources/")),
                    "{uri}: evidence from another story: {e}"
                );
            }
        }
        let d = common::with_code(&diags, "number-conflict")
            .cloned()
            .unwrap_or_default();
        assert!(!evidence_uris(&d).is_empty(), "{d}");
    }
    // Each story's corpus was indexed once, with progress.
    let begins = lsp
        .seen
        .iter()
        .filter(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin")
        .count();
    assert_eq!(begins, 2, "one indexing per story");
    // Both corpora are watched.
    let last_watch = lsp
        .server_requests
        .iter()
        .rev()
        .find(|m| m["method"] == "client/registerCapability")
        .map(|m| m.to_string())
        .unwrap_or_default();
    assert!(
        last_watch.contains("livestream/sources") && last_watch.contains("sturm/sources"),
        "{last_watch}"
    );
    // The unconfigured drafts: told once for the workspace, by name.
    let notes = open_file(&mut lsp, &root.join("unconfigured/notes.md"), 1);
    lsp.diagnostics(&notes, 1);
    std::fs::write(root.join("unconfigured/more.md"), "Noch ein Entwurf.\n").expect("write");
    let more = open_file(&mut lsp, &root.join("unconfigured/more.md"), 1);
    lsp.diagnostics(&more, 1);
    lsp.drain(std::time::Duration::from_millis(300));
    let told: Vec<String> = shown(&lsp, 3)
        .into_iter()
        .filter(|m| m.contains("no corpus configured"))
        .collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("unconfigured/notes.md") && told[0].contains(".factlint.toml"));
    // Code actions for what real clients send: a context diagnostic without message, severity
    // or code, and a range past the end of the text.
    let text = std::fs::read_to_string(root.join("livestream/draft.md")).expect("read");
    let at = text.find("75,000").expect("figure");
    let start = common::position(&text, at);
    let bare = json!({ "range": { "start": start, "end": start } });
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": live }, "range": { "start": start, "end": start }, "context": { "diagnostics": [bare] } }),
    );
    let titles: Vec<&str> = actions
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(titles.iter().any(|t| t.contains("48,000")), "{titles:?}");
    let far = json!({ "line": 400, "character": 2 });
    let r = lsp.response(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": live }, "range": { "start": start, "end": far }, "context": {} }),
    );
    assert!(r.get("error").is_none() && r["result"].is_array(), "{r}");
    // A corpus document opened in the editor is no draft: no diagnostics; the same text
    // beside the sources is one.
    let source = root.join("livestream/sources/riverside-gazette.md");
    let source_uri = open_file(&mut lsp, &source, 1);
    assert!(lsp.diagnostics(&source_uri, 1).is_empty());
    let copy = file_uri(&root.join("livestream/copy.md"));
    lsp.open(&copy, &std::fs::read_to_string(&source).expect("read"), 1);
    assert!(
        !lsp.diagnostics(&copy, 1).is_empty(),
        "the control has no findings"
    );
    // A closed story's corpus may go; its other drafts bring it back.
    lsp.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": sturm } }),
    );
    // Dropped: the watchers are registered again without it.
    lsp.wait_for("watchers without the closed story's corpus", |m| {
        m["method"] == "client/registerCapability" && !m.to_string().contains("sturm/sources")
    });
    let sturm = open_file(&mut lsp, &root.join("sturm/entwurf.md"), 2);
    conflicts(&mut lsp, &sturm, 2, true);
    let sturm_loads = lsp
        .seen
        .iter()
        .filter(|m| {
            m["method"] == "$/progress"
                && m["params"]["value"]["kind"] == "begin"
                && m.to_string().contains("sturm/sources")
        })
        .count();
    assert_eq!(sturm_loads, 2, "the story's corpus was not loaded again");
    lsp.shutdown();
}

#[test]
fn server_follows_an_edited_config() {
    let (_dir, root) = stories();
    let mut lsp = Lsp::start();
    lsp.initialize(&root, json!({ "debounceMs": 0 }), caps());
    let sturm = open_file(&mut lsp, &root.join("sturm/entwurf.md"), 1);
    conflicts(&mut lsp, &sturm, 1, true);
    let config = root.join("sturm/.factlint.toml");
    // A broken config: shown with file, line and key; the last good one stays in force.
    std::fs::write(
        &config,
        "corpus = \"sources\"\nlanguage = \"de\"\n[severity]\nnumber-conflict = \"loud\"\n",
    )
    .expect("write");
    watched_change(&mut lsp, &config);
    let error = lsp.wait_for("a config error message", |m| {
        m["method"] == "window/showMessage" && m["params"]["type"] == 1
    });
    let error = error["params"]["message"]
        .as_str()
        .unwrap_or("")
        .to_string();
    for part in ["sturm/.factlint.toml", "line 4", "severity.number-conflict"] {
        assert!(error.contains(part), "{part:?} not in {error}");
    }
    conflicts(&mut lsp, &sturm, 1, true);
    // Fixed, with the rule turned off: takes effect without a restart.
    std::fs::write(
        &config,
        "corpus = \"sources\"\nlanguage = \"de\"\n[severity]\nnumber-conflict = \"off\"\n",
    )
    .expect("write");
    watched_change(&mut lsp, &config);
    conflicts(&mut lsp, &sturm, 1, false);
    // A corpus path that does not exist is said, naming it.
    std::fs::write(&config, "corpus = \"quellen\"\n").expect("write");
    watched_change(&mut lsp, &config);
    lsp.wait_for("a warning naming the missing corpus", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["type"] == 2
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("quellen") && s.contains("does not exist"))
    });
    conflicts(&mut lsp, &sturm, 1, false);
    // Back to the sources: the conflict returns.
    std::fs::write(&config, "corpus = \"sources\"\n").expect("write");
    watched_change(&mut lsp, &config);
    conflicts(&mut lsp, &sturm, 1, true);
    // A story whose config never read: said when its draft opens; the draft is still checked.
    let broken = root.join("unconfigured/.factlint.toml");
    std::fs::write(&broken, "corpus = [\"notes\"\nlanguage = \"en\"\n").expect("write");
    let notes = open_file(&mut lsp, &root.join("unconfigured/notes.md"), 1);
    // The message and the draft's diagnostics may come in either order: look at all seen.
    let m = lsp.wait_any("the broken config named", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["type"] == 1
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("unconfigured/.factlint.toml"))
    });
    let text = m["params"]["message"].as_str().unwrap_or("").to_string();
    assert!(text.contains("line "), "{text}");
    let d = lsp.wait_any("diagnostics for the unconfigured draft", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == notes.as_str()
            && m["params"]["version"] == 1
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
    });
    assert_eq!(d["params"]["version"], 1, "{d}");
    lsp.shutdown();
}

#[test]
fn server_with_several_workspace_folders() {
    let (_dir, root) = stories();
    let mut lsp = Lsp::start();
    let folder = |name: &str| json!({ "uri": file_uri(&root.join(name)), "name": name });
    lsp.request(
        "initialize",
        json!({
            "processId": null,
            "rootUri": file_uri(&root.join("livestream")),
            "workspaceFolders": [folder("livestream"), folder("sturm")],
            "initializationOptions": { "debounceMs": 0 },
            "capabilities": caps(),
        }),
    );
    lsp.notify("initialized", json!({}));
    // Both folders' corpora are indexed at the start (a figure map needs no draft).
    let mut ends = 0;
    while ends < 2 {
        lsp.wait_for("indexing ends", |m| {
            m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
        });
        ends += 1;
    }
    let figures = lsp.request(
        "workspace/executeCommand",
        json!({ "command": "factlint.figures", "arguments": [] }),
    );
    assert!(figures.is_object(), "{figures}");
    let sturm = open_file(&mut lsp, &root.join("sturm/entwurf.md"), 1);
    let diags = conflicts(&mut lsp, &sturm, 1, true);
    // "Ignore this finding" is kept in the draft's own workspace folder.
    let d = common::with_code(&diags, "number-conflict")
        .cloned()
        .unwrap_or_default();
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": sturm }, "range": d["range"], "context": { "diagnostics": [d] } }),
    );
    let ignore = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Ignore this finding (number-conflict"))
        })
        .cloned()
        .unwrap_or_else(|| panic!("no ignore action in {actions}"));
    lsp.request("workspace/executeCommand", ignore["command"].clone());
    conflicts(&mut lsp, &sturm, 1, false);
    let kept =
        std::fs::read_to_string(root.join("sturm/.factlint-ignore.json")).unwrap_or_default();
    assert!(kept.contains("number-conflict"), "{kept:?}");
    assert!(!root.join("livestream/.factlint-ignore.json").exists());
    lsp.notify(
        "workspace/didChangeWorkspaceFolders",
        json!({ "event": { "added": [folder("unconfigured")], "removed": [folder("livestream")] } }),
    );
    let notes = open_file(&mut lsp, &root.join("unconfigured/notes.md"), 1);
    lsp.diagnostics(&notes, 1);
    lsp.wait_any("the unconfigured folder told", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["type"] == 3
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("no corpus configured") && s.contains("unconfigured"))
    });
    let live = open_file(&mut lsp, &root.join("livestream/draft.md"), 1);
    conflicts(&mut lsp, &live, 1, true);
    lsp.shutdown();
}
