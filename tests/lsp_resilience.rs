//! The language server under abuse: the real `factlint lsp` binary fed malformed frames (answered
//! with JSON-RPC errors), unknown methods, requests for unopened documents, impossible ranges, a
//! 10 MB document, a close while analysis runs and a corpus that disappears or fills with binary
//! files. After each the server must still answer, and it must exit 0 after `shutdown` and `exit`.
//! Every wait has a timeout, so a dead or hung server fails the test instead of blocking it.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(60);

const LEDGER: &str = "---\ntitle: Kessler Bridge traffic\nsource: Harbor Ledger\nlang: en\n---\n\nAbout 68,000 vehicles cross the Kessler Bridge every day.\n";
const DRAFT: &str =
    "# Kessler Bridge\n\n😀 About 90,000 vehicles cross the Kessler Bridge every day.\n";

/// A running `factlint lsp`. Writes go through a thread, so a server that stops reading cannot
/// block the test; reads come from a thread, so every wait can time out.
struct Lsp {
    child: Child,
    tx: Option<Sender<Vec<u8>>>,
    rx: Receiver<Value>,
    seen: Vec<Value>,
    next_id: i64,
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

fn frame(body: &[u8]) -> Vec<u8> {
    let mut v = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    v.extend_from_slice(body);
    v
}

impl Lsp {
    fn start() -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("lsp")
            .env(
                "XDG_CACHE_HOME",
                std::env::temp_dir().join("factlint-resilience-cache"),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn factlint lsp");
        let mut stdin = child.stdin.take().expect("stdin");
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
        let (wtx, wrx) = mpsc::channel::<Vec<u8>>();
        std::thread::spawn(move || {
            for bytes in wrx {
                if stdin.write_all(&bytes).and_then(|_| stdin.flush()).is_err() {
                    break;
                }
            }
        });
        Lsp {
            child,
            tx: Some(wtx),
            rx,
            seen: Vec::new(),
            next_id: 1,
        }
    }

    fn raw(&mut self, bytes: Vec<u8>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(bytes);
        }
    }

    fn send(&mut self, msg: &Value) {
        self.raw(frame(msg.to_string().as_bytes()));
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

    /// One message (answering server requests with null); `None` on timeout; panics when the
    /// server closed its output.
    fn recv(&mut self, timeout: Duration) -> Option<Value> {
        match self.rx.recv_timeout(timeout) {
            Ok(m) => {
                if m.get("method").is_some() && m.get("id").is_some() {
                    let result = match m["method"].as_str() {
                        Some("workspace/configuration") => {
                            let n = m["params"]["items"].as_array().map_or(1, |a| a.len());
                            Value::Array(vec![Value::Null; n])
                        }
                        _ => Value::Null,
                    };
                    self.send(
                        &json!({ "jsonrpc": "2.0", "id": m["id"].clone(), "result": result }),
                    );
                }
                self.seen.push(m.clone());
                Some(m)
            }
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => {
                let status = self.child.try_wait().ok().flatten();
                panic!("the server closed stdout (status {status:?})");
            }
        }
    }

    /// The whole response to a request (result or error).
    fn response(&mut self, method: &str, params: Value) -> Value {
        let id = self.request_id(method, params);
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(m) = self.recv(Duration::from_millis(100)) {
                if m.get("method").is_none() && m["id"] == json!(id) {
                    return m;
                }
            }
        }
        panic!("no answer to {method} (id {id}) within {WAIT:?}");
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let m = self.response(method, params);
        assert!(m.get("error").is_none(), "{method} failed: {m}");
        m["result"].clone()
    }

    fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Some(m) = self.recv(Duration::from_millis(100)) {
                if pred(&m) {
                    return m;
                }
            }
        }
        panic!("timed out waiting for {what}");
    }

    /// Collects messages for `d`.
    fn drain(&mut self, d: Duration) {
        let deadline = Instant::now() + d;
        while Instant::now() < deadline {
            self.recv(Duration::from_millis(50));
        }
    }

    fn initialize(&mut self, root: &Path, corpus: Option<&Path>) {
        let options = match corpus {
            Some(c) => json!({ "corpus": [c.to_string_lossy()], "debounceMs": 0 }),
            None => json!({ "debounceMs": 0 }),
        };
        self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": file_uri(root),
                "workspaceFolders": [{ "uri": file_uri(root), "name": "ws" }],
                "initializationOptions": options,
                "capabilities": { "workspace": { "configuration": true } },
            }),
        );
        self.notify("initialized", json!({}));
    }

    fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": version, "text": text } }),
        );
    }

    fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
    }

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

    fn rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// `shutdown` (answered with null), `exit`, and the exit status, which must be 0.
    fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null(), "shutdown answered {r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                assert_eq!(status.code(), Some(0), "exit status {status:?}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Lsp {
    fn drop(&mut self) {
        self.tx = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    let corpus = root.join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    std::fs::write(corpus.join("ledger-bridge.md"), LEDGER).expect("write");
    (dir, root, corpus)
}

/// A started server with the bridge draft open and its first diagnostics in.
fn started() -> (tempfile::TempDir, PathBuf, PathBuf, Lsp, String) {
    let (dir, root, corpus) = workspace();
    let mut lsp = Lsp::start();
    lsp.initialize(&root, Some(&corpus));
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
    lsp.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [
            { "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 5 } }, "text": "Nearly" }
        ] }),
    );
    lsp.hover(&uri, 0, 5);
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
    lsp.tx = None;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(Some(status)) = lsp.child.try_wait() {
            // Documented: exiting without `shutdown` is an error (status 1), but it does exit.
            assert_eq!(status.code(), Some(1), "{status:?}");
            return;
        }
        assert!(Instant::now() < deadline, "the server did not exit on EOF");
        std::thread::sleep(Duration::from_millis(20));
    }
}
