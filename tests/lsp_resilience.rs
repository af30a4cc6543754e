//! The language server under abuse: the real `factlint lsp` binary fed malformed frames (answered
//! with JSON-RPC errors), unknown methods, requests for unopened documents, impossible ranges, a
//! 10 MB document, documents over the size limit, a storm of 1,000 edits, a close while analysis
//! runs and a corpus that disappears or fills with binary files. After each the server must still
//! answer, and it must exit 0 after `shutdown` and `exit`. Every wait has a timeout, so a dead or
//! hung server fails the test instead of blocking it.

mod common;

use common::{
    apply_edits, edits_for, file_uri, frame, options, position, range_text, with_code, Lsp,
};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const LEDGER: &str = "---\ntitle: Kessler Bridge traffic\nsource: Harbor Ledger\nlang: en\n---\n\nAbout 68,000 vehicles cross the Kessler Bridge every day.\n";
const DRAFT: &str =
    "# Kessler Bridge\n\n😀 About 90,000 vehicles cross the Kessler Bridge every day.\n";

/// A started server with the bridge draft open and its first diagnostics in.
fn started() -> (tempfile::TempDir, PathBuf, PathBuf, Lsp, String) {
    let (dir, root, corpus) = common::workspace(&[("ledger-bridge.md", LEDGER)]);
    let mut lsp = Lsp::start_quiet();
    lsp.initialize(
        &root,
        options(&corpus),
        json!({ "workspace": { "configuration": true } }),
    );
    let uri = file_uri(&root.join("bridge.md"));
    lsp.open(&uri, DRAFT, 1);
    lsp.diagnostics(&uri, 1);
    (dir, root, corpus, lsp, uri)
}

/// Waits for the server's error answer with `id` and checks it is a JSON-RPC error object.
fn error_answer(lsp: &mut Lsp, what: &str, id: &Value, code: i64) -> Value {
    let m = lsp.wait_for(&format!("the error answer to {what}"), |m| {
        m.get("method").is_none() && m.get("error").is_some() && m.get("id") == Some(id)
    });
    assert_eq!(m["jsonrpc"], "2.0", "{what}: {m}");
    assert_eq!(m["error"]["code"], code, "{what}: {m}");
    let message = if code == -32700 {
        "Parse error"
    } else {
        "Invalid Request"
    };
    assert_eq!(m["error"]["message"], message, "{what}: {m}");
    m
}

/// The hover on the flagged figure, which names the corpus figure it contradicts.
fn hover_works(lsp: &mut Lsp, uri: &str) {
    let h = lsp.hover(uri, 2, 10);
    let md = h["contents"]["value"].as_str().unwrap_or("");
    assert!(md.contains("68,000"), "hover: {h}");
}

#[test]
fn malformed_messages_are_answered_with_json_rpc_errors() {
    let (_dir, _root, _corpus, mut lsp, uri) = started();
    let null = Value::Null;
    let cases: Vec<(&str, Vec<u8>, Value, i64)> = vec![
        (
            "truncated JSON",
            frame(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": "),
            null.clone(),
            -32700,
        ),
        (
            "a body that is not UTF-8",
            frame(b"{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":\"\xff\xfe\"}"),
            null.clone(),
            -32700,
        ),
        ("an empty object", frame(b"{}"), null.clone(), -32600),
        ("a batch", frame(b"[1, 2, 3]"), null.clone(), -32600),
        (
            "a request without a method",
            frame(b"{\"jsonrpc\":\"2.0\",\"id\":77}"),
            json!(77),
            -32600,
        ),
        (
            "a method that is a number",
            frame(b"{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"method\":42}"),
            json!("s-1"),
            -32600,
        ),
        (
            "a non-numeric length",
            b"Content-Length: twelve\r\n\r\n".to_vec(),
            null.clone(),
            -32700,
        ),
        (
            "no length at all",
            b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{\"jsonrpc\":\"2.0\"}"
                .to_vec(),
            null.clone(),
            -32700,
        ),
    ];
    for (what, bytes, id, code) in cases {
        lsp.raw(bytes);
        error_answer(&mut lsp, what, &id, code);
        // The server goes on: the next request is answered in full.
        hover_works(&mut lsp, &uri);
    }
    // Stray blank lines between messages are not a message: nothing to answer.
    lsp.raw(b"\r\n\r\n".to_vec());
    hover_works(&mut lsp, &uri);
    let errors = lsp.seen.iter().filter(|m| m.get("error").is_some()).count();
    assert_eq!(
        errors, 8,
        "one answer per malformed message: {:#?}",
        lsp.seen
    );
    lsp.shutdown();
}

#[test]
fn unknown_methods() {
    let (_dir, _root, _corpus, mut lsp, uri) = started();
    let r = lsp.response("factlint/noSuchThing", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = lsp.response("textDocument/noSuchThing", Value::Null);
    assert_eq!(r["error"]["code"], -32601, "{r}");
    // An unknown notification is ignored: no response, and the server carries on.
    lsp.notify("factlint/noSuchNotification", json!({ "x": 1 }));
    lsp.notify("$/cancelRequest", json!({ "id": 12345 }));
    lsp.hover(&uri, 2, 10);
    assert!(
        !lsp.seen.iter().any(|m| m.get("id") == Some(&Value::Null)),
        "a notification was answered: {:#?}",
        lsp.seen
    );
    lsp.shutdown();
}

#[test]
fn requests_for_unopened_documents() {
    let (_dir, root, _corpus, mut lsp, _uri) = started();
    let ghost = file_uri(&root.join("ghost.md"));
    let range =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 3, "character": 0 } });
    assert!(lsp.hover(&ghost, 0, 0).is_null());
    let r = lsp.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": ghost }, "range": range, "context": { "diagnostics": [] } }),
    );
    assert!(r.is_null() || r == json!([]), "{r}");
    let r = lsp.request(
        "textDocument/definition",
        json!({ "textDocument": { "uri": ghost }, "position": { "line": 0, "character": 0 } }),
    );
    assert!(r.is_null() || r == json!([]), "{r}");
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": ghost, "version": 2 }, "contentChanges": [{ "range": range, "text": "x" }] }),
    );
    lsp.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": ghost } }),
    );
    lsp.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": ghost } }),
    );
    // Not a file URI at all.
    assert!(lsp.hover("untitled:Untitled-1", 0, 0).is_null());
    assert!(lsp.hover(&ghost, 0, 0).is_null());
    lsp.shutdown();
}

#[test]
fn ranges_past_the_end_and_inside_a_surrogate_pair() {
    let (_dir, _root, _corpus, mut lsp, uri) = started();
    for (line, ch) in [
        (2, 1),
        (2, 999),
        (99, 0),
        (u32::MAX, u32::MAX),
        (0, u32::MAX),
    ] {
        lsp.hover(&uri, line, ch);
        let r = lsp.request(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": line, "character": ch }, "end": { "line": 0, "character": 0 } },
                "context": { "diagnostics": [] },
            }),
        );
        assert!(r.is_null() || r.is_array(), "{r}");
        lsp.request(
            "textDocument/definition",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": ch } }),
        );
    }
    // Edits inside the emoji's surrogate pair and past the end change the text without a panic.
    let changes = json!([
        { "range": { "start": { "line": 2, "character": 1 }, "end": { "line": 2, "character": 1 } }, "text": "x" },
        { "range": { "start": { "line": 50, "character": 3 }, "end": { "line": 40, "character": 0 } }, "text": "\nEnd." },
        { "range": { "start": { "line": 2, "character": 4000000000u32 }, "end": { "line": 3, "character": 7 } }, "text": "" },
    ]);
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": changes }),
    );
    lsp.diagnostics(&uri, 2);
    lsp.hover(&uri, 2, 1);
    lsp.shutdown();
}

/// The `window/showMessage` warnings (type 2) received so far that name `file`.
fn size_warnings(lsp: &Lsp, file: &str) -> Vec<String> {
    lsp.seen
        .iter()
        .filter(|m| m["method"] == "window/showMessage" && m["params"]["type"] == 2)
        .filter_map(|m| m["params"]["message"].as_str())
        .filter(|s| s.contains(file) && s.contains("not checked"))
        .map(String::from)
        .collect()
}

/// A document that grows over `max-document-bytes` loses its stale diagnostics and the user is
/// told once; told again only after it fit in between.
#[test]
fn over_the_size_limit_warns_once_and_clears_diagnostics() {
    let (_dir, root, corpus) = common::workspace(&[("ledger-bridge.md", LEDGER)]);
    std::fs::write(root.join(".factlint.toml"), "max-document-bytes = 300\n").expect("write");
    let mut lsp = Lsp::start_quiet();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("bridge.md"));
    let set = |lsp: &mut Lsp, version: i64, text: &str| {
        lsp.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [{ "text": text }] }),
        );
        lsp.diagnostics(&uri, version)
    };
    lsp.open(&uri, DRAFT, 1);
    let d = lsp.diagnostics(&uri, 1);
    assert!(with_code(&d, "number-conflict").is_some(), "{d:#?}");
    let big = format!(
        "{DRAFT}\n{}\n",
        "More words without any figures. ".repeat(8)
    );
    assert!(big.len() > 300);
    let d = set(&mut lsp, 2, &big);
    assert!(d.is_empty(), "stale diagnostics over the limit: {d:#?}");
    let d = set(&mut lsp, 3, &format!("{big}x"));
    assert!(d.is_empty(), "{d:#?}");
    let told = size_warnings(&lsp, "bridge.md");
    assert_eq!(told.len(), 1, "{told:#?}");
    for part in [
        big.len().to_string(),
        "limit of 300 bytes".into(),
        "max-document-bytes".into(),
    ] {
        assert!(told[0].contains(&part), "{part:?} not in {told:?}");
    }
    // Under the limit it is checked again; over it once more, the user is told again.
    let d = set(&mut lsp, 4, DRAFT);
    assert!(with_code(&d, "number-conflict").is_some(), "{d:#?}");
    assert!(set(&mut lsp, 5, &big).is_empty());
    assert_eq!(size_warnings(&lsp, "bridge.md").len(), 2);
    lsp.shutdown();
}

/// When the time budget runs out, the rest of the draft is not reported on, and the user is
/// told from which line, once, until a check completes again.
#[test]
fn time_budget_ran_out_is_reported_once() {
    let (_dir, root, corpus) = common::workspace(&[("ledger-bridge.md", LEDGER)]);
    let mut lsp = Lsp::start_quiet();
    // 1 ms cannot cover parsing and extracting thousands of sentences first (the budget counts
    // from the start of an analysis), so matching stops at the first sentence.
    let mut opts = options(&corpus);
    opts["timeBudgetMs"] = json!(1);
    lsp.initialize(&root, opts, json!({}));
    let uri = file_uri(&root.join("budget.md"));
    let long = format!(
        "{DRAFT}\n{}",
        "Officials said 12 lanes were open on the bridge. ".repeat(4000)
    );
    lsp.open(&uri, &long, 1);
    let d = lsp.diagnostics(&uri, 1);
    assert!(
        with_code(&d, "number-conflict").is_none(),
        "reported from the unchecked part: {d:#?}"
    );
    let told = |lsp: &Lsp| -> Vec<String> {
        lsp.seen
            .iter()
            .filter(|m| m["method"] == "window/showMessage" && m["params"]["type"] == 2)
            .filter_map(|m| m["params"]["message"].as_str())
            .filter(|s| s.contains("budget.md") && s.contains("time-budget-ms"))
            .map(String::from)
            .collect()
    };
    let t = told(&lsp);
    assert_eq!(t.len(), 1, "{:#?}", lsp.seen);
    assert!(
        t[0].contains("from line 1 on") && t[0].contains("1 ms"),
        "{t:?}"
    );
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": format!("{long}x") }] }),
    );
    lsp.diagnostics(&uri, 2);
    assert_eq!(told(&lsp).len(), 1, "told again on an edit");
    // No budget: the whole draft is checked and the conflict is reported.
    lsp.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "factlint": { "corpus": [corpus.to_string_lossy()], "debounceMs": 0, "timeBudgetMs": 0 } } }),
    );
    let d = lsp.wait_for("diagnostics without a budget", |m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["uri"] == uri
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|d| d.iter().any(|x| x["code"] == "number-conflict"))
    });
    assert!(d["params"]["diagnostics"].is_array());
    lsp.shutdown();
}

#[test]
fn ten_megabyte_document() {
    let (_dir, root, _corpus, mut lsp, _uri) = started();
    let sentence = "About 90,000 vehicles cross the Kessler Bridge every day, officials said. ";
    let mut text = String::with_capacity(10 * 1024 * 1024 + 100);
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(sentence);
        if text.len() % 4096 < sentence.len() {
            text.push_str("\n\n");
        }
    }
    let uri = file_uri(&root.join("huge.md"));
    lsp.open(&uri, &text, 1);
    lsp.hover(&uri, 0, 5);
    lsp.hover(&uri, 1_000_000, 0);
    // Over the default limit (5 MiB): not checked, and the user is told so with the numbers.
    let diags = lsp.diagnostics(&uri, 1);
    assert!(diags.is_empty(), "{diags:#?}");
    let told = size_warnings(&lsp, "huge.md");
    assert_eq!(told.len(), 1, "{:#?}", lsp.seen);
    for part in [
        text.len().to_string(),
        (5 * 1024 * 1024).to_string(),
        "max-document-bytes".into(),
    ] {
        assert!(told[0].contains(&part), "{part:?} not in {told:?}");
    }
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 5 } }, "text": "Nearly" }
        ] }),
    );
    lsp.hover(&uri, 0, 5);
    assert!(lsp.diagnostics(&uri, 2).is_empty());
    // Once per document, not on every keystroke.
    assert_eq!(size_warnings(&lsp, "huge.md").len(), 1, "{:#?}", lsp.seen);
    lsp.drain(Duration::from_secs(1));
    let rss = lsp.rss_kb().expect("VmRSS of the server");
    eprintln!("server VmRSS after a 10 MB document: {rss} kB");
    assert!(
        rss < 1024 * 1024,
        "the server holds {rss} kB after a 10 MB document"
    );
    lsp.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    lsp.shutdown();
}

/// A deterministic pseudo-random sequence (xorshift64).
struct Rng(u64);

impl Rng {
    /// A number below `n`.
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const STORM_HEAD: &str =
    "---\nlang: en\n---\n\n# Kessler Bridge\n\nThe harbour master said: “The ferries ";
const STORM_TAIL: &str = " were cancelled all day long.”\n\n😀 About 90,000 vehicles cross the Kessler Bridge every day.\n";

/// 1,000 incremental edits (inserts, deletes and replacements of umlauts, emoji, a ZWJ sequence
/// and words, at pseudo-random places inside a quotation, some two to a notification), sent
/// without waiting. The last version's diagnostics must show that the server's text is exactly
/// the client's: the quote-mismatch message quotes the edited words, its range and the number
/// conflict's range (a line further down) fall on the right text, and the "remove the quotation
/// marks" fix applies cleanly to the client's text.
#[test]
fn a_thousand_edit_storm_ends_with_the_right_text() {
    const VERSIONS: i64 = 1000;
    let began = Instant::now();
    let (_dir, root, corpus) = common::workspace(&[("ledger-bridge.md", LEDGER)]);
    let mut lsp = Lsp::start_quiet();
    lsp.initialize(&root, options(&corpus), json!({}));
    let uri = file_uri(&root.join("storm.md"));
    let mut text = format!("{STORM_HEAD}{STORM_TAIL}");
    lsp.open(&uri, &text, 0);
    let tokens = [
        "ä",
        "Ö",
        "ü",
        "ß",
        "😀",
        "🚢",
        "👩‍👩‍👧",
        "e",
        "n",
        " ",
        "Grüße ",
        "Fähre ",
        "naïve ",
    ];
    // The edited region: bytes STORM_HEAD.len().. of `text`, `region` long.
    let from = STORM_HEAD.len();
    let mut region = 0;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut inserts, mut deletes) = (0, 0);
    for version in 1..=VERSIONS {
        let mut changes = Vec::new();
        for _ in 0..if version % 10 == 0 { 2 } else { 1 } {
            let bounds: Vec<usize> = text[from..from + region]
                .char_indices()
                .map(|(i, _)| from + i)
                .chain([from + region])
                .collect();
            let chars = bounds.len() - 1;
            let (a, b, new) = if chars > 0 && (chars > 60 || rng.below(5) < 2) {
                // Delete one to three characters, sometimes replacing them.
                let i = rng.below(chars);
                let j = (i + 1 + rng.below(3)).min(chars);
                let new = if rng.below(4) == 0 {
                    tokens[rng.below(tokens.len())]
                } else {
                    ""
                };
                deletes += 1;
                (bounds[i], bounds[j], new)
            } else {
                let at = bounds[rng.below(bounds.len())];
                inserts += 1;
                (at, at, tokens[rng.below(tokens.len())])
            };
            changes.push(json!({ "range": { "start": position(&text, a), "end": position(&text, b) }, "text": new }));
            text.replace_range(a..b, new);
            region = region + new.len() - (b - a);
        }
        lsp.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        );
    }
    assert!(
        inserts > 300 && deletes > 300,
        "{inserts} inserts, {deletes} deletes"
    );
    let edited = &text[from..from + region];
    assert!(
        edited.contains(|c: char| c.len_utf16() == 2)
            && edited.contains(|c: char| "äöüÖß".contains(c)),
        "the storm left no emoji or umlaut to check: {edited:?}"
    );

    let diags = lsp.diagnostics(&uri, VERSIONS);
    let inner = format!("The ferries {edited} were cancelled all day long.");
    let quote = with_code(&diags, "quote-mismatch")
        .cloned()
        .unwrap_or_else(|| panic!("no quote-mismatch in {diags:#?}"));
    assert_eq!(
        quote["message"],
        format!("No source contains this quotation: \"{inner}\""),
        "the server's text differs from the client's"
    );
    assert_eq!(range_text(&text, &quote["range"]), format!("“{inner}”"));
    let conflict = with_code(&diags, "number-conflict")
        .unwrap_or_else(|| panic!("no number-conflict in {diags:#?}"));
    assert!(
        range_text(&text, &conflict["range"]).contains("90,000"),
        "{conflict}"
    );
    // The replacement fix of the figure after the emoji lands where the client sees it (UTF-16
    // positions after a surrogate pair).
    let actions = lsp.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri }, "range": conflict["range"], "context": { "diagnostics": [conflict] } }),
    );
    let replace = actions
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Replace with"))
        })
        .unwrap_or_else(|| panic!("no replacement fix: {actions:#}"));
    let edits = edits_for(replace, &uri);
    let new = edits
        .first()
        .and_then(|e| e["newText"].as_str())
        .unwrap_or_else(|| panic!("no edit in {replace:#}"))
        .to_string();
    let old = range_text(&text, &conflict["range"]).to_string();
    assert_eq!(apply_edits(&text, &edits), text.replacen(&old, &new, 1));

    let rss = lsp.rss_kb().expect("VmRSS of the server");
    eprintln!(
        "1,000 edits: server VmRSS {rss} kB, {:?} in all",
        began.elapsed()
    );
    assert!(
        rss < 300 * 1024,
        "the server holds {rss} kB after 1,000 edits"
    );
    lsp.shutdown();
}

#[test]
fn close_while_analysis_runs() {
    let (_dir, root, _corpus, mut lsp, _uri) = started();
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&format!(
            "About {} vehicles cross the Kessler Bridge every day, the ledger said.\n\n",
            60_000 + i
        ));
    }
    let uri = file_uri(&root.join("long.md"));
    lsp.open(&uri, &text, 1);
    lsp.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    lsp.hover(&uri, 0, 0);
    // Whatever was in flight, the last word on the closed document is "no diagnostics".
    lsp.drain(Duration::from_secs(3));
    lsp.hover(&uri, 0, 0);
    lsp.drain(Duration::from_secs(1));
    let last = lsp
        .seen
        .iter()
        .rev()
        .find(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .cloned()
        .expect("diagnostics cleared on close");
    assert_eq!(
        last["params"]["diagnostics"],
        json!([]),
        "stale diagnostics after close"
    );
    // Open, change and close in quick succession, many times.
    for v in 0..20 {
        lsp.open(&uri, DRAFT, v);
        lsp.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": v + 100 }, "contentChanges": [{ "text": text }] }),
        );
        lsp.notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        );
    }
    lsp.hover(&uri, 0, 0);
    lsp.shutdown();
}

fn watched(lsp: &mut Lsp, changes: Vec<(PathBuf, u8)>) {
    let changes: Vec<Value> = changes
        .into_iter()
        .map(|(p, t)| json!({ "uri": file_uri(&p), "type": t }))
        .collect();
    lsp.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": changes }),
    );
}

#[test]
fn corpus_disappears_and_fills_with_binary_files() {
    let (_dir, _root, corpus, mut lsp, uri) = started();
    let ledger = corpus.join("ledger-bridge.md");
    // The corpus folder disappears.
    std::fs::remove_dir_all(&corpus).expect("rm corpus");
    watched(&mut lsp, vec![(ledger.clone(), 3)]);
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": DRAFT }] }),
    );
    lsp.diagnostics(&uri, 2);
    lsp.hover(&uri, 2, 10);
    // It comes back full of binary, empty, non-UTF-8 and huge-line files.
    std::fs::create_dir_all(&corpus).expect("mkdir");
    let mut created = Vec::new();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("zeros.md", vec![0u8; 4096]),
        ("latin1.md", b"Stra\xdfe mit 12 Autos.\n".to_vec()),
        ("empty.md", Vec::new()),
        ("png.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec()),
        ("one-line.txt", vec![b'9'; 300_000]),
        ("ledger-bridge.md", LEDGER.as_bytes().to_vec()),
    ];
    for (name, bytes) in files {
        let p = corpus.join(name);
        std::fs::write(&p, bytes).expect("write");
        created.push((p, 1));
    }
    watched(&mut lsp, created);
    lsp.hover(&uri, 2, 10);
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 3 }, "contentChanges": [{ "text": DRAFT }] }),
    );
    lsp.diagnostics(&uri, 3);
    // The folder is replaced by a file of the same name.
    std::fs::remove_dir_all(&corpus).expect("rm corpus");
    std::fs::write(&corpus, [0u8, 1, 2, 3]).expect("write");
    watched(&mut lsp, vec![(ledger, 3), (corpus.clone(), 1)]);
    lsp.hover(&uri, 2, 10);
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 4 }, "contentChanges": [{ "text": DRAFT }] }),
    );
    lsp.diagnostics(&uri, 4);
    lsp.shutdown();
}

#[test]
fn stdin_closed_without_shutdown_ends_the_server() {
    let (_dir, _root, _corpus, mut lsp, _uri) = started();
    lsp.close_stdin();
    let status = lsp.wait_exit();
    // Documented: exiting without `shutdown` is an error (status 1), but it does exit.
    assert_eq!(status.code(), Some(1), "{status:?}");
}

#[test]
fn a_huge_content_length_is_answered_and_the_next_request_served() {
    let (_dir, _root, _corpus, mut lsp, uri) = started();
    // Its body, a request without a newline after it, runs into the next header and is lost.
    let swallowed = br#"{"jsonrpc":"2.0","id":"swallowed","method":"shutdown"}"#;
    let mut bytes = b"Content-Length: 1000000000000\r\n\r\n".to_vec();
    bytes.extend_from_slice(swallowed);
    lsp.raw(bytes);
    let m = error_answer(&mut lsp, "Content-Length 10^12", &Value::Null, -32700);
    let data = m["error"]["data"].as_str().unwrap_or_default();
    assert!(data.contains("1000000000000"), "{m}");
    hover_works(&mut lsp, &uri);
    assert!(
        !lsp.seen.iter().any(|m| m["id"] == "swallowed"),
        "{:#?}",
        lsp.seen
    );
    lsp.shutdown();
}
