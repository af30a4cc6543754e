//! The JSON-RPC client the language-server tests (`lsp.rs`, `lsp_resilience.rs`) share: the real
//! `factlint lsp` binary spoken to over stdio (Content-Length framed), a workspace with a corpus in
//! a temp dir, and helpers for LSP positions and edits.
//!
//! Writes go through a thread, so a server that stops reading cannot block a test; reads come
//! from a thread, so every wait can time out: a dead or hung server fails the test instead of
//! blocking it.

// Each test crate uses a different part of this module.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

/// The longest a test waits for any one thing.
pub const WAIT: Duration = Duration::from_secs(60);

/// A running `factlint lsp` and the messages it sent.
pub struct Lsp {
    pub child: Child,
    tx: Option<Sender<Vec<u8>>>,
    rx: Receiver<Value>,
    /// Every message received, in order.
    pub seen: Vec<Value>,
    next_id: i64,
    /// Server-to-client requests, as received (they are answered automatically).
    pub server_requests: Vec<Value>,
    /// `wait_for` looks at `seen[mark..]` first; a match moves the mark past it.
    mark: usize,
    /// What `workspace/configuration` answers for each item.
    pub config_answer: Value,
}

/// One framed message from `r`; `None` at the end or on anything that is not a whole frame.
pub fn read_message(r: &mut impl BufRead) -> Option<Value> {
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

pub fn file_uri(p: &Path) -> String {
    format!("file://{}", p.display()).replace(' ', "%20")
}

/// `body` with a `Content-Length` header.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut v = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    v.extend_from_slice(body);
    v
}

impl Lsp {
    /// Starts the server with its stderr (logs) shown.
    pub fn start() -> Lsp {
        Lsp::spawn(Stdio::inherit())
    }

    /// Starts the server with its stderr discarded (for tests that make it warn a lot).
    pub fn start_quiet() -> Lsp {
        Lsp::spawn(Stdio::null())
    }

    fn spawn(stderr: Stdio) -> Lsp {
        let mut child = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .arg("lsp")
            .env(
                "XDG_CACHE_HOME",
                std::env::temp_dir().join("factlint-lsp-test-cache"),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
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
            server_requests: Vec::new(),
            mark: 0,
            config_answer: Value::Null,
        }
    }

    /// Sends bytes as they are (for malformed frames).
    pub fn raw(&mut self, bytes: Vec<u8>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(bytes);
        }
    }

    /// Closes the server's stdin.
    pub fn close_stdin(&mut self) {
        self.tx = None;
    }

    pub fn send(&mut self, msg: &Value) {
        self.raw(frame(msg.to_string().as_bytes()));
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    pub fn request_id(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Receives one message, answering server-to-client requests; `None` on timeout; panics
    /// when the server closed its output.
    pub fn recv(&mut self, timeout: Duration) -> Option<Value> {
        match self.rx.recv_timeout(timeout) {
            Ok(m) => {
                if m.get("method").is_some() && m.get("id").is_some() {
                    let result = match m["method"].as_str() {
                        Some("workspace/configuration") => {
                            let n = m["params"]["items"].as_array().map_or(1, |a| a.len());
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
            Err(RecvTimeoutError::Disconnected) => {
                let status = self.child.try_wait().ok().flatten();
                panic!(
                    "the server closed stdout (status {status:?}); messages so far: {:#?}",
                    self.seen
                );
            }
        }
    }

    /// The whole response to a request (result or error).
    pub fn response(&mut self, method: &str, params: Value) -> Value {
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

    /// The result of a request, which must not fail.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let m = self.response(method, params);
        assert!(m.get("error").is_none(), "{method} failed: {m}");
        m["result"].clone()
    }

    /// Waits for a message matching `pred` after the last one matched (received already or not).
    pub fn wait_for(&mut self, what: &str, mut pred: impl FnMut(&Value) -> bool) -> Value {
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
    pub fn wait_any(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
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

    /// Collects messages for `d`.
    pub fn drain(&mut self, d: Duration) {
        let deadline = Instant::now() + d;
        while Instant::now() < deadline {
            self.recv(Duration::from_millis(50));
        }
    }

    /// Waits for diagnostics for `uri` at `version` and returns them.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.diagnostics_where(
            uri,
            version,
            &format!("diagnostics for {uri} v{version}"),
            |_| true,
        )
    }

    /// Waits for diagnostics for `uri` at `version` that satisfy `pred`.
    pub fn diagnostics_where(
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

    /// `initialize` (which must succeed) and `initialized`; the result.
    pub fn initialize(&mut self, root: &Path, options: Value, capabilities: Value) -> Value {
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

    pub fn open(&mut self, uri: &str, text: &str, version: i64) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "markdown", "version": version, "text": text } }),
        );
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
    }

    /// The server's resident memory in kB, from `/proc`.
    pub fn rss_kb(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// `shutdown` (answered with null), `exit`, and the exit status, which must be 0.
    pub fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.is_null(), "shutdown answered {r}");
        self.notify("exit", Value::Null);
        let status = self.wait_exit();
        assert_eq!(status.code(), Some(0), "exit status {status:?}");
    }

    /// Waits for the server to exit (killing it and failing after 20 s).
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
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

/// A workspace with a corpus folder holding `files` (name, text); returns (temp dir, workspace
/// root, corpus folder).
pub fn workspace(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().canonicalize().expect("canonical");
    let corpus = root.join("corpus");
    std::fs::create_dir_all(&corpus).expect("mkdir");
    for (name, text) in files {
        std::fs::write(corpus.join(name), text).expect("write");
    }
    (dir, root, corpus)
}

/// `initializationOptions` with the corpus and no debounce.
pub fn options(corpus: &Path) -> Value {
    json!({ "corpus": [corpus.to_string_lossy()], "debounceMs": 0 })
}

/// The byte offset of an LSP position (UTF-16 columns) in `text`.
pub fn offset(text: &str, pos: &Value) -> usize {
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
pub fn position(text: &str, byte: usize) -> Value {
    let before = &text[..byte];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    json!({ "line": line, "character": before[line_start..].encode_utf16().count() })
}

pub fn range_text<'a>(text: &'a str, range: &Value) -> &'a str {
    &text[offset(text, &range["start"])..offset(text, &range["end"])]
}

/// Applies LSP text edits (UTF-16) to `text`.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
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

/// The edits a code action makes to `uri`.
pub fn edits_for(action: &Value, uri: &str) -> Vec<Value> {
    action["edit"]["changes"][uri]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The first diagnostic with rule `code`.
pub fn with_code<'a>(diags: &'a [Value], code: &str) -> Option<&'a Value> {
    diags.iter().find(|d| d["code"] == code)
}

/// Copies a folder tree (files and subfolders), ignoring what cannot be copied.
pub fn copy_dir(from: &Path, to: &Path) {
    let _ = std::fs::create_dir_all(to);
    for e in std::fs::read_dir(from).into_iter().flatten().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            let _ = std::fs::copy(e.path(), target);
        }
    }
}

/// Reports of other events that share words and kinds of figures with the drafts' events.
pub fn filler(i: usize) -> String {
    let places = [
        "Riverside",
        "Northbridge",
        "Hafenstadt",
        "Elbufer",
        "Lakeside",
        "Bergheim",
    ];
    let place = places[i % places.len()];
    let day = 1 + i % 28;
    let month = 1 + i % 12;
    if i.is_multiple_of(2) {
        format!(
            "---\ntitle: {place} report {i}\nsource: Wire {w}\ndate: 2026-{month:02}-{day:02}\n---\n\n\
             About {n} fans came to the concert in {place} on Saturday, the promoter said. \
             The show started {m} minutes late. The arena holds {c} people.\n",
            w = i % 7,
            n = 1_000 + 37 * i,
            m = 5 + i % 50,
            c = 2_000 + 41 * i,
        )
    } else {
        format!(
            "---\ntitle: Bericht {i} aus {place}\nsource: Agentur {w}\ndate: 2026-{month:02}-{day:02}\n---\n\n\
             Nach Angaben der Feuerwehr wurden in {place} {n} Menschen verletzt. \
             Der Pegel stieg auf {p} Meter. Die Straße blieb {h} Stunden gesperrt.\n",
            w = i % 5,
            n = 2 + i % 30,
            p = 3 + i % 6,
            h = 1 + i % 20,
        )
    }
}

/// A story folder: the fixture drafts, the fixture corpus and 240 more reports.
pub fn story() -> tempfile::TempDir {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path();
    copy_dir(&root.join("corpus"), &dir.join("corpus"));
    copy_dir(&root.join("drafts"), &dir.join("drafts"));
    let more = dir.join("corpus").join("more");
    let _ = std::fs::create_dir_all(&more);
    for i in 0..240 {
        let _ = std::fs::write(more.join(format!("r{i:03}.md")), filler(i));
    }
    tmp
}

/// Waits for `child` (its stderr piped) to write a line containing `marker` to stderr, then
/// kills it with SIGKILL (no destructor, no flush, no unwinding). Fails the test when it never
/// does (it ended first, or did not within [`WAIT`]).
pub fn kill_at_line(mut child: Child, marker: &str) {
    let stderr = child
        .stderr
        .take()
        .unwrap_or_else(|| panic!("stderr not piped"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut seen = Vec::new();
    let found = loop {
        match rx.recv_timeout(WAIT) {
            Ok(line) if line.contains(marker) => break true,
            Ok(line) => seen.push(line),
            Err(_) => break false,
        }
    };
    let _ = child.kill();
    let _ = child.wait();
    assert!(found, "never saw {marker:?} on stderr: {seen:#?}");
}
