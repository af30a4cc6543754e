//! The language server end to end: the real `factlint lsp` binary spoken to over stdio
//! (Content-Length framed JSON-RPC), with a corpus written to a temp dir.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

const LEDGER: &str = "---\ntitle: Kessler Bridge traffic\nsource: Harbor Ledger\ndate: 2024-05-02\nlang: en\n---\n\nThe Kessler Bridge is the city's busiest crossing.\nAbout 68,000 vehicles cross the Kessler Bridge every day.\n";
const HAFEN: &str = "---\ntitle: Unfall am Hafen\nsource: Hafenkurier\ndate: 2024-06-11\nlang: de\n---\n\nAm Dienstag kam es am Hafen zu einem schweren Unfall.\nLaut Polizei wurden 14 Menschen verletzt.\n";
const EN_DRAFT: &str =
    "# Kessler Bridge\n\n😀 About 90,000 vehicles cross the Kessler Bridge every day.\n";
const DE_DRAFT: &str =
    "---\nlang: de\n---\n\n# Unfall am Hafen\n\nBei dem Unfall wurden 14 Menschen verletzt.\n";

/// A running `factlint lsp` and the messages it sent.
struct Lsp {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    seen: Vec<Value>,
    next_id: i64,
    /// Server-to-client requests, as received (they are answered automatically).
    server_requests: Vec<Value>,
    /// `wait_for` looks at `seen[mark..]` first; a match moves the mark past it.
    mark: usize,
    /// What `workspace/configuration` answers for each item.
    config_answer: Value,
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut len = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(v) = line.strip_prefix("Content-Length:") {
            len = v.trim().parse::<usize>().ok();
        }
    }
    let mut buf = vec![0; len?];
    r.read_exact(&mut buf).ok()?;
    serde_json::from_slice(&buf).ok()
}

fn file_uri(p: &Path) -> String {
    format!("file://{}", p.display()).replace(' ', "%20")
}

impl Lsp {
    fn start() -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn factlint lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        Lsp {
            child,
            stdin,
            rx,
            seen: Vec::new(),
            next_id: 1,
            server_requests: Vec::new(),
            mark: 0,
            config_answer: Value::Null,
        }
    }

    fn send(&mut self, msg: &Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).expect("write");
        self.stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    fn request_id(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Receives one message, answering server-to-client requests; `None` on timeout.
    fn recv(&mut self, timeout: Duration) -> Option<Value> {
        match self.rx.recv_timeout(timeout) {
            Ok(m) => {
                if m.get("method").is_some() && m.get("id").is_some() {
                    let result = match m["method"].as_str() {
                        Some("workspace/configuration") => {
                            let n = m["params"]["items"]
                                .as_array()
                                .map(|a| a.len())
                                .unwrap_or(1);
                            Value::Array(vec![self.config_answer.clone(); n])
                        }
                        _ => Value::Null,
                    };
                    let reply =
                        json!({ "jsonrpc": "2.0", "id": m["id"].clone(), "result": result });
                    self.send(&reply);
                    self.server_requests.push(m.clone());
                }
                self.seen.push(m.clone());
                Some(m)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => panic!(
                "the server closed stdout; messages so far: {:#?}",
                self.seen
            ),
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_id(method, params);
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(m) = self.recv(Duration::from_millis(100)) {
                if m.get("method").is_none() && m["id"] == json!(id) {
                    assert!(m.get("error").is_none(), "{method} failed: {m}");
                    return m["result"].clone();
                }
            }
        }
        panic!("no answer to {method}");
    }

    /// Waits for a message matching `pred` after the last one matched (received already or not).
    fn wait_for(&mut self, what: &str, mut pred: impl FnMut(&Value) -> bool) -> Value {
        if let Some(i) = self.seen[self.mark..].iter().position(&mut pred) {
            self.mark += i + 1;
            return self.seen[self.mark - 1].clone();
        }
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(m) = self.recv(Duration::from_millis(100)) {
                if pred(&m) {
                    self.mark = self.seen.len();
                    return m;
                }
            }
        }
        panic!("timed out waiting for {what}; received: {:#?}", self.seen);
    }

    /// Waits until some message ever received matches `pred` (order does not matter).
    fn wait_any(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(m) = self.seen.iter().find(|m| pred(m)) {
                return m.clone();
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; received: {:#?}",
                self.seen
            );
            self.recv(Duration::from_millis(100));
        }
    }

    /// Waits for diagnostics for `uri` at `version` and returns them.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Waits for diagnostics for `uri` at `version` that satisfy `pred`.
    fn diagnostics_where(
        &mut self,
        uri: &str,
        version: i64,
        what: &str,
        pred: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        let m = self.wait_for(what, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
                && pred(
                    m["params"]["diagnostics"]
                        .as_array()
                        .map(|a| a.as_slice())
                        .unwrap_or(&[]),
                )
        });
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn initialize(&mut self, root: &Path, options: Value, capabilities: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "workspaceFolders": [{ "uri": file_uri(root), "name": "ws" }],
                "initializationOptions": options,
                "capabilities": capabilities,
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": version, "text": text } }),
        );
    }

    /// Sends `shutdown` and `exit` and returns the exit status.
    fn shutdown(mut self) -> std::process::ExitStatus {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null());
        self.notify("exit", Value::Null);
        wait_exit(&mut self.child)
    }
}

fn wait_exit(child: &mut Child) -> std::process::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A workspace with a corpus folder; returns (temp dir, workspace root, corpus folder).
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    let corpus = root.join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("ledger-bridge.md"), LEDGER).expect("write");
    std::fs::write(corpus.join("hafenkurier-unfall.md"), HAFEN).expect("write");
    (dir, root, corpus)
}

fn options(corpus: &Path) -> Value {
    json!({ "corpus": [corpus.to_string_lossy()], "debounceMs": 0 })
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
fn offset(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().unwrap_or(0) as usize;
    let col = pos["character"].as_u64().unwrap_or(0) as usize;
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..]
        .find('\n')
        .map(|i| start + i)
        .unwrap_or(text.len());
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units >= col {
            return start + i;
        }
        units += c.len_utf16();
    }
    end
}

/// The LSP position (UTF-16) of a byte offset.
fn position(text: &str, byte: usize) -> Value {
    let before = &text[..byte];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    json!({ "line": line, "character": before[line_start..].encode_utf16().count() })
}

fn range_text<'a>(text: &'a str, range: &Value) -> &'a str {
    &text[offset(text, &range["start"])..offset(text, &range["end"])]
}

/// Applies LSP text edits (UTF-16) to `text`.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"]),
                offset(text, &e["range"]["end"]),
                e["newText"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

fn edits_for(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn with_code<'a>(diags: &'a [Value], code: &str) -> Option<&'a Value> {
    diags.iter().find(|d| d["code"] == code)
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
    assert!(lsp.shutdown().success());
}

#[test]
fn utf16_is_the_default_and_exit_without_shutdown_fails() {
    let (_dir, root, corpus) = workspace();
    let mut lsp = Lsp::start();
    let init = lsp.initialize(&root, options(&corpus), json!({}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    lsp.notify("exit", Value::Null);
    let status = wait_exit(&mut lsp.child);
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
    assert!(lsp.shutdown().success());
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
    assert!(lsp.shutdown().success());
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
    assert!(lsp.shutdown().success());
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
    assert!(lsp.shutdown().success());
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
    assert!(lsp.shutdown().success());
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
    assert!(lsp.shutdown().success());
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
    assert!(lsp.shutdown().success());
}
