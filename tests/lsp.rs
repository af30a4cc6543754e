//! The language server end to end: the real `factlint lsp` binary spoken to over stdio
//! (Content-Length framed JSON-RPC, see `common`), with a corpus written to a temp dir.

mod common;

use common::{
    apply_edits, edits_for, file_uri, offset, options, position, range_text, with_code, Lsp,
};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const LEDGER: &str = "---\ntitle: Kessler Bridge traffic\nsource: Harbor Ledger\ndate: 2024-05-02\nlang: en\n---\n\nThe Kessler Bridge is the city's busiest crossing.\nAbout 68,000 vehicles cross the Kessler Bridge every day.\n";
const HAFEN: &str = "---\ntitle: Unfall am Hafen\nsource: Hafenkurier\ndate: 2024-06-11\nlang: de\n---\n\nAm Dienstag kam es am Hafen zu einem schweren Unfall.\nLaut Polizei wurden 14 Menschen verletzt.\n";
const EN_DRAFT: &str =
    "# Kessler Bridge\n\n😀 About 90,000 vehicles cross the Kessler Bridge every day.\n";
const DE_DRAFT: &str =
    "---\nlang: de\n---\n\n# Unfall am Hafen\n\nBei dem Unfall wurden 14 Menschen verletzt.\n";

/// A workspace with both corpus documents; returns (temp dir, workspace root, corpus folder).
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    common::workspace(&[
        ("ledger-bridge.md", LEDGER),
        ("hafenkurier-unfall.md", HAFEN),
    ])
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

#[test]
fn initialize_progress_logs_and_clean_exit() {
    let (_dir, root, corpus) = workspace();
    std::fs::write(corpus.join("broken.md"), [0u8, 159, 146, 150]).expect("write");
    let mut lsp = Lsp::start();
    let caps = json!({
        "general": { "positionEncodings": ["utf-8", "utf-16"] },
        "window": { "workDoneProgress": true },
        "workspace": { "configuration": true, "didChangeWatchedFiles": { "dynamicRegistration": true } },
    });
    let init = lsp.initialize(&root, options(&corpus), caps);
    let c = &init["capabilities"];
    assert_eq!(c["positionEncoding"], "utf-8");
    assert_eq!(c["textDocumentSync"]["change"], 2);
    assert_eq!(c["hoverProvider"], true);
    assert_eq!(c["definitionProvider"], true);
    assert_eq!(
        c["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    // Indexing reports progress and logs the skipped file.
    lsp.wait_for("progress end", |m| {
        m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end"
    });
    assert!(lsp
        .seen
        .iter()
        .any(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "begin"));
    assert!(lsp
        .server_requests
        .iter()
        .any(|m| m["method"] == "window/workDoneProgress/create"));
    lsp.wait_any("log of the skipped file", |m| {
        m["method"] == "window/logMessage"
            && m["params"]["message"]
                .as_str()
                .is_some_and(|s| s.contains("broken.md"))
    });
    assert!(lsp
        .server_requests
        .iter()
        .any(|m| m["method"] == "workspace/configuration"));
    let watched = lsp.server_requests.iter().any(|m| {
        m["method"] == "client/registerCapability"
            && m["params"]["registrations"][0]["method"] == "workspace/didChangeWatchedFiles"
    });
    assert!(watched, "{:#?}", lsp.server_requests);
    // Documents are checked and diagnostics carry the version.
    let uri = file_uri(&root.join("draft.md"));
    lsp.open(&uri, "Nothing to see here.\n", 7);
    lsp.diagnostics(&uri, 7);
    // With UTF-8 negotiated, columns count bytes (the emoji is four).
    let uri = file_uri(&root.join("bridge.md"));
    lsp.open(&uri, EN_DRAFT, 1);
    let diags = lsp.diagnostics_where(&uri, 1, "number-conflict", |d| {
        with_code(d, "number-conflict").is_some()
    });
    let r = &with_code(&diags, "number-conflict")
        .cloned()
        .unwrap_or_default()["range"];
    let line_start = EN_DRAFT.find('😀').unwrap_or(0);
    let col = |p: &Value| line_start + p["character"].as_u64().unwrap_or(0) as usize;
    let flagged = EN_DRAFT.get(col(&r["start"])..col(&r["end"])).unwrap_or("");
    assert!(
        flagged.contains("90,000") && !flagged.starts_with(' '),
        "{flagged:?} {r}"
    );
    lsp.shutdown();
}

#[test]
fn utf16_is_the_default_and_exit_without_shutdown_fails() {
    let (_dir, root, corpus) = workspace();
    let mut lsp = Lsp::start();
    let init = lsp.initialize(&root, options(&corpus), json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    lsp.notify("exit", Value::Null);
    let status = lsp.wait_exit();
    assert_eq!(
        status.code(),
        Some(1),
        "LSP: exit without shutdown is status 1"
    );
}

#[test]
fn malformed_input_does_not_kill_the_server() {
    let (_dir, root, corpus) = workspace();
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("draft.md"));
    let unknown = file_uri(&root.join("never-opened.md"));
    // Requests and edits for a document that is not open.
    let h = lsp.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": unknown }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(h.is_null());
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": unknown, "version": 2 }, "contentChanges": [{ "text": "x" }] }),
    );
    // Out-of-range and reversed positions.
    lsp.open(&uri, "Zähler 😀\r\nzwei\n", 1);
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 999, "character": 999 }, "end": { "line": 999, "character": 1000 } }, "text": "!" },
            { "range": { "start": { "line": 0, "character": 8 }, "end": { "line": 0, "character": 7 } }, "text": "?" },
            { "range": { "start": { "line": 0, "character": 500 }, "end": { "line": 1, "character": 1 } }, "text": "" }
        ] }),
    );
    lsp.diagnostics(&uri, 2);
    let far = json!({ "line": 4_000_000_000u32, "character": 4_000_000_000u32 });
    lsp.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": far }),
    );
    lsp.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": far }),
    );
    lsp.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": { "start": far, "end": { "line": 0, "character": 0 } }, "context": { "diagnostics": [] } }),
    );
    // Invalid params are an error answer, not a crash.
    let id = lsp.request_id("textDocument/hover", json!({ "nonsense": true }));
    lsp.wait_for("an error answer", |m| {
        m["id"] == json!(id) && m.get("error").is_some()
    });
    let id = lsp.request_id(
        "workspace/executeCommand",
        json!({ "command": "factlint.ignoreFinding", "arguments": [42] }),
    );
    lsp.wait_for("an error answer", |m| {
        m["id"] == json!(id) && m.get("error").is_some()
    });
    lsp.shutdown();
}

#[test]
fn rapid_incremental_edits_publish_the_last_version() {
    let (_dir, root, corpus) = workspace();
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("rapid.md"));
    let mut text = String::from("Übersicht\n");
    lsp.open(&uri, &text, 0);
    // Type 200 characters (ASCII, umlauts, emoji) at the end of the first line, one edit each.
    let typed: Vec<char> = "ä😀b ".chars().cycle().take(200).collect();
    for (i, c) in typed.iter().enumerate() {
        let at = position(&text, text.find('\n').unwrap_or(text.len()));
        text.insert(text.find('\n').unwrap_or(text.len()), *c);
        lsp.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": i + 1 }, "contentChanges": [{ "range": { "start": at, "end": at }, "text": c.to_string() }] }),
        );
    }
    lsp.diagnostics(&uri, 200);
    // Nothing older may follow.
    let deadline = Instant::now() + Duration::from_millis(800);
    while Instant::now() < deadline {
        if let Some(m) = lsp.recv(Duration::from_millis(50)) {
            if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
                assert_eq!(
                    m["params"]["version"], 200,
                    "stale diagnostics after the last version"
                );
            }
        }
    }
    lsp.shutdown();
}

#[test]
fn rapid_edits_end_with_the_right_text() {
    let (_dir, root, corpus) = workspace();
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("rapid.md"));
    let mut text = String::from(
        "# Kessler Bridge\n\n😀 About 68,000 vehicles cross the Kessler Bridge every day.\n",
    );
    lsp.open(&uri, &text, 0);
    lsp.diagnostics(&uri, 0);
    // 200 edits: type and delete a word in the heading, then change 68,000 into 90,000.
    let mut version = 0;
    for i in 0..198 {
        let head_end = text.find('\n').unwrap_or(0);
        let (start, end, new) = if i % 2 == 0 {
            (head_end, head_end, "ü")
        } else {
            (head_end - 2, head_end, "")
        };
        let change = json!({ "range": { "start": position(&text, start), "end": position(&text, end) }, "text": new });
        text.replace_range(start..end, new);
        version += 1;
        lsp.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }));
    }
    for (from, to) in [("68", "90"), ("90,000", "90,000")] {
        let start = text.find(from).unwrap_or(0);
        let change = json!({ "range": { "start": position(&text, start), "end": position(&text, start + from.len()) }, "text": to });
        text.replace_range(start..start + from.len(), to);
        version += 1;
        lsp.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }));
    }
    assert_eq!(version, 200);
    let diags = lsp.diagnostics(&uri, 200);
    let d = with_code(&diags, "number-conflict")
        .unwrap_or_else(|| panic!("no number-conflict in {diags:#?}"));
    assert!(range_text(&text, &d["range"]).contains("90,000"), "{d}");
    assert!(text.starts_with("# Kessler Bridge\n"), "{text:?}");
    lsp.shutdown();
}

#[test]
fn number_conflict_with_utf16_ranges_fix_hover_and_definition() {
    let (_dir, root, corpus) = workspace();
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("bridge.md"));
    let mut text = EN_DRAFT.to_string();
    lsp.open(&uri, &text, 1);
    let diags = lsp.diagnostics_where(&uri, 1, "number-conflict", |d| {
        with_code(d, "number-conflict").is_some()
    });
    let d = with_code(&diags, "number-conflict")
        .cloned()
        .unwrap_or_default();
    // The range is in UTF-16 units: the emoji counts two. It covers the figure on word boundaries.
    assert_eq!(d["range"]["start"]["line"], 2);
    let flagged = range_text(&text, &d["range"]);
    assert!(flagged.contains("90,000"), "{flagged:?}");
    let (a, b) = (
        offset(&text, &d["range"]["start"]),
        offset(&text, &d["range"]["end"]),
    );
    assert!(
        !text[..a].chars().next_back().is_some_and(is_word)
            && !text[b..].chars().next().is_some_and(is_word),
        "{flagged:?}"
    );
    assert_eq!(d["source"], "factlint");
    assert!(
        d["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.ends_with("number-conflict")),
        "{d}"
    );
    let ledger_uri = file_uri(&corpus.join("ledger-bridge.md"));
    let rel = d["relatedInformation"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ev = rel
        .iter()
        .find(|r| r["location"]["uri"] == ledger_uri)
        .unwrap_or_else(|| panic!("no ledger evidence: {d:#}"));
    assert!(
        ev["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("contradicts: Harbor Ledger") && m.contains("68,000")),
        "{ev}"
    );
    assert_eq!(ev["location"]["range"]["start"]["line"], 8);

    // Hover and definition on the flagged figure.
    let at = position(&text, text.find("90,000").unwrap_or(0) + 1);
    let hover = lsp.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    let md = hover["contents"]["value"].as_str().unwrap_or("");
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert!(
        md.contains("68,000") && md.contains("Harbor Ledger") && md.contains("contradicts"),
        "{md}"
    );
    let defs = lsp.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    let defs = defs.as_array().cloned().unwrap_or_default();
    assert!(
        defs.iter()
            .any(|l| l["uri"] == ledger_uri && l["range"]["start"]["line"] == 8),
        "{defs:#?}"
    );
    let none = lsp.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(none.is_null(), "{none}");

    // The fix replaces the figure; after applying it the finding is gone.
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": d["range"], "context": { "diagnostics": [d] } }),
    );
    let actions = actions.as_array().cloned().unwrap_or_default();
    let fix = actions
        .iter()
        .find(|a| {
            edits_for(a, &uri)
                .iter()
                .any(|e| e["newText"].as_str().is_some_and(|t| t.contains("68,000")))
        })
        .unwrap_or_else(|| panic!("no fix with 68,000: {actions:#?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert!(actions
        .iter()
        .any(|a| a["title"] == "Disable number-conflict for this line"));
    text = apply_edits(&text, &edits_for(fix, &uri));
    assert!(text.contains("68,000 vehicles"), "{text}");
    lsp.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": text }] }));
    let after = lsp.diagnostics(&uri, 2);
    assert!(with_code(&after, "number-conflict").is_none(), "{after:#?}");
    lsp.shutdown();
}

#[test]
fn unsourced_claim_fix_disable_and_ignore() {
    let (_dir, root, corpus) = workspace();
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("unfall.md"));
    let text = DE_DRAFT.to_string();
    lsp.open(&uri, &text, 1);
    let diags = lsp.diagnostics_where(&uri, 1, "unsourced-claim", |d| {
        with_code(d, "unsourced-claim").is_some()
    });
    let d = with_code(&diags, "unsourced-claim")
        .cloned()
        .unwrap_or_default();
    assert!(range_text(&text, &d["range"]).contains("14"), "{d}");
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": d["range"], "context": { "diagnostics": [d] } }),
    );
    let actions = actions.as_array().cloned().unwrap_or_default();
    let fix = actions
        .iter()
        .find(|a| {
            edits_for(a, &uri).iter().any(|e| {
                e["newText"]
                    .as_str()
                    .is_some_and(|t| t.contains("Hafenkurier") || t.contains("Polizei"))
            })
        })
        .unwrap_or_else(|| panic!("no attribution fix: {actions:#?}"));

    // The attribution fix.
    let fixed = apply_edits(&text, &edits_for(fix, &uri));
    lsp.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": fixed }] }));
    let after = lsp.diagnostics(&uri, 2);
    assert!(
        with_code(&after, "unsourced-claim").is_none(),
        "{fixed}\n{after:#?}"
    );

    // Back to the draft: the suppression comment.
    lsp.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": text }] }));
    lsp.diagnostics_where(&uri, 3, "unsourced-claim again", |d| {
        with_code(d, "unsourced-claim").is_some()
    });
    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable unsourced-claim for this line")
        .cloned()
        .unwrap_or_default();
    let disabled = apply_edits(&text, &edits_for(&disable, &uri));
    assert!(
        disabled.contains("<!-- factlint-disable-next-line unsourced-claim -->\nBei dem Unfall"),
        "{disabled}"
    );
    lsp.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [{ "text": disabled }] }));
    let after = lsp.diagnostics(&uri, 4);
    assert!(with_code(&after, "unsourced-claim").is_none(), "{after:#?}");

    // Back again, then "Ignore this finding": kept in the workspace, survives an edit above it.
    lsp.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 5 }, "contentChanges": [{ "text": text }] }));
    lsp.diagnostics_where(&uri, 5, "unsourced-claim again", |d| {
        with_code(d, "unsourced-claim").is_some()
    });
    let ignore = actions
        .iter()
        .find(|a| a["command"]["command"] == "factlint.ignoreFinding")
        .cloned()
        .unwrap_or_default();
    lsp.request("workspace/executeCommand", ignore["command"].clone());
    lsp.diagnostics_where(&uri, 5, "ignored", |d| {
        with_code(d, "unsourced-claim").is_none()
    });
    let moved = text.replace(
        "# Unfall am Hafen\n",
        "# Unfall am Hafen\n\nEin neuer Absatz.\n",
    );
    lsp.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": 6 }, "contentChanges": [{ "text": moved }] }));
    let after = lsp.diagnostics(&uri, 6);
    assert!(with_code(&after, "unsourced-claim").is_none(), "{after:#?}");
    let stored = std::fs::read_to_string(root.join(".factlint-ignore.json")).unwrap_or_default();
    assert!(stored.contains("unsourced-claim"), "{stored}");
    lsp.shutdown();
}

#[test]
fn corpus_change_triggers_a_recheck() {
    let (_dir, root, corpus) = workspace();
    let ledger = corpus.join("ledger-bridge.md");
    std::fs::write(&ledger, LEDGER.replace("68,000", "90,000")).expect("write");
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("bridge.md"));
    lsp.open(&uri, EN_DRAFT, 1);
    let before = lsp.diagnostics(&uri, 1);
    assert!(
        with_code(&before, "number-conflict").is_none(),
        "{before:#?}"
    );
    std::fs::write(&ledger, LEDGER).expect("write");
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": file_uri(&ledger), "type": 2 }] }),
    );
    lsp.diagnostics_where(&uri, 1, "number-conflict after the corpus change", |d| {
        with_code(d, "number-conflict").is_some()
    });
    lsp.shutdown();
}

#[test]
fn config_file_then_client_settings_on_did_change_configuration() {
    let (_dir, root, _corpus) = workspace();
    // The corpus and debounce come from .factlint.toml in the workspace root.
    std::fs::write(
        root.join(".factlint.toml"),
        "corpus = \"corpus\"\ndebounce-ms = 0\n",
    )
    .expect("write");
    let mut lsp = Lsp::start();
    lsp.initialize(
        &root,
        json!(null),
        json!({ "workspace": { "configuration": true } }),
    );
    let uri = file_uri(&root.join("bridge.md"));
    lsp.open(&uri, EN_DRAFT, 1);
    let diags = lsp.diagnostics_where(&uri, 1, "number-conflict", |d| {
        with_code(d, "number-conflict").is_some()
    });
    assert_eq!(
        with_code(&diags, "number-conflict").map(|d| d["severity"].clone()),
        Some(json!(1))
    );
    // The client's settings override the file once it says they changed.
    lsp.config_answer = json!({ "severity": { "number-conflict": "hint" } });
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    lsp.diagnostics_where(&uri, 1, "number-conflict as a hint", |d| {
        with_code(d, "number-conflict").is_some_and(|d| d["severity"] == 4)
    });
    lsp.config_answer = json!({ "severity": { "number-conflict": "off" } });
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    lsp.diagnostics_where(&uri, 1, "number-conflict off", |d| {
        with_code(d, "number-conflict").is_none()
    });
    lsp.shutdown();
}

const WELT: &str = "---\nsource: Welt\nlang: de\n---\n\nDer Livestream startete etwa 30 Minuten später als geplant.\n";
const BOTE: &str =
    "---\nsource: Bote\nlang: de\n---\n\nDer Livestream startete mit 45 Minuten Verspätung.\n";
const KURIER: &str =
    "---\nsource: Kurier\nlang: de\n---\n\nDer Livestream begann mit etwa 45 Minuten Verspätung.\n";

/// Hover on a draft figure shows its quantity in the figure map with every variant and its
/// source; `factlint.figures` returns the map as JSON, for the whole corpus and for a draft.
#[test]
fn hover_shows_the_quantity_and_figures_command_returns_the_map() {
    let (_dir, root, corpus) =
        common::workspace(&[("welt.md", WELT), ("bote.md", BOTE), ("kurier.md", KURIER)]);
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("draft.md"));
    let text = "---\nlang: de\n---\n\nDer Livestream startete mit 45 Minuten Verspätung.\n";
    lsp.open(&uri, text, 1);
    let diags = lsp.diagnostics_where(&uri, 1, "disputed-figure", |d| {
        with_code(d, "disputed-figure").is_some()
    });
    assert!(with_code(&diags, "disputed-figure").is_some(), "{diags:#?}");
    let at = position(text, text.find("45 Minuten").unwrap_or(0) + 1);
    let hover = lsp.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": uri }, "position": at }),
    );
    let md = hover["contents"]["value"].as_str().unwrap_or("");
    assert!(
        md.contains("figure map")
            && md.contains("contested")
            && md.contains("etwa 30 Minuten")
            && md.contains("Welt")
            && md.contains("Bote"),
        "{md}"
    );
    let all = lsp.request(
        "workspace/executeCommand",
        json!({ "command": "factlint.figures", "arguments": [] }),
    );
    let qs = all["quantities"].as_array().cloned().unwrap_or_default();
    assert_eq!(qs.len(), 1, "{all:#}");
    assert_eq!(qs[0]["contested"], true);
    assert_eq!(qs[0]["dimension"], "duration");
    let texts: Vec<&str> = qs[0]["variants"]
        .as_array()
        .map(|v| v.iter().filter_map(|x| x["text"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        texts.contains(&"etwa 30 Minuten") && texts.contains(&"45 Minuten"),
        "{all:#}"
    );
    let mine = lsp.request(
        "workspace/executeCommand",
        json!({ "command": "factlint.figures", "arguments": [uri] }),
    );
    assert_eq!(mine["quantities"], all["quantities"], "{mine:#}");
    lsp.shutdown();
}

/// `factlint.corpus` lists the story's documents with outlet, title and date; `factlint.figures`
/// with a position names the quantity the draft figure there aligns to; `factlint.reindex`
/// loads the corpus again (a document added since is listed).
#[test]
fn corpus_command_lists_documents_figures_select_and_reindex() {
    let (_dir, root, corpus) = common::workspace(&[
        ("welt.md", WELT),
        ("bote.md", BOTE),
        ("ledger-bridge.md", LEDGER),
    ]);
    let mut lsp = Lsp::start();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("draft.md"));
    let text = "---\nlang: de\n---\n\nDer Livestream startete mit 45 Minuten Verspätung.\n";
    lsp.open(&uri, text, 1);
    lsp.diagnostics_where(&uri, 1, "disputed-figure", |d| {
        with_code(d, "disputed-figure").is_some()
    });
    let listing = lsp.request(
        "workspace/executeCommand",
        json!({ "command": "factlint.corpus", "arguments": [uri] }),
    );
    let docs = listing["documents"].as_array().cloned().unwrap_or_default();
    assert_eq!(docs.len(), 3, "{listing:#}");
    // Dated documents first.
    assert_eq!(docs[0]["source"], "Harbor Ledger", "{listing:#}");
    assert_eq!(docs[0]["title"], "Kessler Bridge traffic");
    assert_eq!(docs[0]["date"], "2024-05-02");
    assert!(docs[0]["path"]
        .as_str()
        .is_some_and(|p| p.ends_with("ledger-bridge.md")));
    let sources: Vec<&str> = docs.iter().filter_map(|d| d["source"].as_str()).collect();
    assert!(
        sources.contains(&"Welt") && sources.contains(&"Bote"),
        "{listing:#}"
    );

    let at = position(text, text.find("45 Minuten").unwrap_or(0) + 1);
    let fig = lsp.request(
        "workspace/executeCommand",
        json!({ "command": "factlint.figures", "arguments": [uri, at] }),
    );
    let selected = fig["selected"].as_str().unwrap_or("");
    assert!(
        fig["quantities"].as_array().is_some_and(|qs| qs
            .iter()
            .any(|q| q["id"] == selected && q["contested"] == true)),
        "{fig:#}"
    );
    let elsewhere = position(text, text.find("Livestream").unwrap_or(0) + 1);
    let none = lsp.request(
        "workspace/executeCommand",
        json!({ "command": "factlint.figures", "arguments": [uri, elsewhere] }),
    );
    assert!(none.get("selected").is_none(), "{none:#}");

    std::fs::write(corpus.join("kurier.md"), KURIER).expect("write");
    lsp.request(
        "workspace/executeCommand",
        json!({ "command": "factlint.reindex", "arguments": [] }),
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut n = 0;
    while Instant::now() < deadline {
        let l = lsp.request(
            "workspace/executeCommand",
            json!({ "command": "factlint.corpus", "arguments": [uri] }),
        );
        n = l["documents"].as_array().map_or(0, Vec::len);
        if n == 4 {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(n, 4, "the re-indexed corpus lists the new document");
    lsp.shutdown();
}
