//! The client's messages in, the server's messages out.
//!
//! # In: screening stdin
//!
//! tower-lsp-server decodes stdin with a tokio-util `FramedRead`, which ends the stream after the
//! first decode error: one message with a malformed header or body would end the whole server.
//! So a thread frames stdin itself ([`next_message`]), hands only well-formed JSON-RPC messages
//! on to tower-lsp-server (re-framed, through [`ScreenedStdin`]) and answers the others itself, as
//! JSON-RPC 2.0 says, with an error response ([`Dropped::reply`]):
//!
//! | the message | the answer |
//! |---|---|
//! | body is not JSON (or not UTF-8, or empty) | `-32700` Parse error, id `null` |
//! | JSON, but not a request, notification or response | `-32600` Invalid Request, with the message's `id` when it has a string or number id, else `null` |
//! | a batch (JSON array, empty or not) | one `-32600` Invalid Request, id `null`; no part of it is run |
//! | a header block without a usable `Content-Length` | `-32700` Parse error, id `null` |
//! | a `Content-Length` over [`MAX_CONTENT_LENGTH`] (256 MiB) | `-32700` Parse error, id `null` |
//!
//! Batches: LSP never sends them, and tower-lsp-server can neither run one nor answer with an
//! array, so a batch is refused as a whole rather than half run.
//!
//! Without a usable `Content-Length` the end of the body is unknown. The header block is
//! skipped and answered; what follows is read as header lines until the next blank line. A body
//! without a newline (what clients send) thus runs into the next message's header line, where
//! `Content-Length` is found again (the last one on the line): that one message is lost and the
//! session goes on. A body spread over lines with blank lines among them may be answered more
//! than once. The server never exits over malformed input; only the end of stdin (also inside a
//! message) ends it.
//!
//! A `Content-Length` over [`MAX_CONTENT_LENGTH`] counts as unusable, so a bogus length such as
//! 10^12 cannot make the reader wait for bytes that never come while the client waits for
//! answers. A wrong length under the cap still swallows what follows, up to that many bytes: the
//! framing has no other way to find the end of a body.
//!
//! Header lines are read with bounded memory: of a line longer than [`MAX_HEADER_LINE`] only its
//! last `MAX_HEADER_LINE` bytes are kept and read as the line, with no answer of its own. The long
//! lines a session sees are bodies without a usable length running into the next header, whose
//! `Content-Length` is at the line's end and so survives the cut; a stream without any newline
//! is read (and discarded) until one comes or stdin ends, in constant memory.
//!
//! # Out: one writer for stdout
//!
//! These answers must reach stdout without landing inside one of tower-lsp-server's own
//! messages, which its `FramedWrite` may write in several pieces. So stdout has one owner, a
//! writer thread ([`spawn_writer`]) fed whole frames through a bounded channel. tower-lsp-server
//! writes into a [`FrameSink`], which cuts what it gets into whole frames by their
//! `Content-Length` before passing them on; the screening thread sends its answers as whole
//! frames through [`Replies`]. Each frame is written with one `write_all`, so frames never
//! interleave whatever pieces tower-lsp-server writes, and the bounded channel keeps the
//! back-pressure of a client that reads slowly. (Injecting the answers into tower-lsp-server's
//! own outgoing stream is not possible through its API without a tower `Service` wrapper, and
//! relying on `FramedWrite` flushing only at frame boundaries would tie correctness to its
//! internals.)

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::future::Future;
use std::io::{BufRead, BufReader, Read, Write};
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// The largest `Content-Length` accepted: 256 MiB. Far above what editing needs (drafts over
/// `max-document-bytes`, 5 MiB by default, are not even analysed), yet a bogus length is refused
/// at once rather than waited for. A larger length is answered like an unparseable one
/// ([`Dropped::TooLong`]) and its message skipped: the server never sees a message that large,
/// e.g. a `didOpen` of a file near 256 MiB, whatever `max-document-bytes` says.
pub const MAX_CONTENT_LENGTH: u64 = 256 * 1024 * 1024;

/// The longest header line kept: 8 KiB. Real header lines are a few dozen bytes; longer lines
/// keep only their last 8 KiB (see the module docs).
pub const MAX_HEADER_LINE: usize = 8 * 1024;

/// Why a message was not handed on to tower-lsp-server.
#[derive(Debug, PartialEq)]
pub enum Dropped {
    /// A header block without `Content-Length`.
    MissingLength,
    /// A `Content-Length` that is not a number.
    BadLength(String),
    /// A `Content-Length` over [`MAX_CONTENT_LENGTH`].
    TooLong(u64),
    /// The body is not JSON (the parser's complaint).
    NotJson(String),
    /// JSON, but not a JSON-RPC message: the id to answer with (`null` when it has none) and why.
    Invalid { id: Value, why: String },
    /// A JSON array: a batch.
    Batch,
}

impl Dropped {
    /// The JSON-RPC error response that answers the message.
    pub fn reply(&self) -> Value {
        const PARSE_ERROR: (i64, &str) = (-32700, "Parse error");
        const INVALID_REQUEST: (i64, &str) = (-32600, "Invalid Request");
        let ((code, message), id, data) = match self {
            Dropped::MissingLength => (
                PARSE_ERROR,
                Value::Null,
                "no Content-Length header; the message was skipped".to_string(),
            ),
            Dropped::BadLength(v) => (
                PARSE_ERROR,
                Value::Null,
                format!("invalid Content-Length {v:?}; the message was skipped"),
            ),
            Dropped::TooLong(n) => (
                PARSE_ERROR,
                Value::Null,
                format!(
                    "Content-Length {n} is over the limit of {MAX_CONTENT_LENGTH} bytes; the message was skipped"
                ),
            ),
            Dropped::NotJson(e) => (
                PARSE_ERROR,
                Value::Null,
                format!("the body is not JSON: {e}"),
            ),
            Dropped::Invalid { id, why } => (INVALID_REQUEST, id.clone(), why.clone()),
            Dropped::Batch => (
                INVALID_REQUEST,
                Value::Null,
                "batches are not supported; no part of this one was run".to_string(),
            ),
        };
        json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code, "message": message, "data": data },
        })
    }
}

/// The next message from `r`: `None` at end of input, `Some(Err)` for a message to drop.
pub fn next_message(r: &mut impl BufRead) -> Option<Result<Vec<u8>, Dropped>> {
    let mut len: Option<Result<u64, Dropped>> = None;
    let mut any_header = false;
    let mut raw = Vec::new();
    loop {
        read_header_line(r, &mut raw)?;
        let line = String::from_utf8_lossy(&raw);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if any_header {
                break;
            }
            continue;
        }
        any_header = true;
        // A body without a length runs into the next header: start at the header's name (the
        // last one, in case the body mentions it).
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.rfind("content-length:") {
            let value = line[at + "content-length:".len()..].trim();
            len = Some(match value.parse::<u64>() {
                Ok(n) if n > MAX_CONTENT_LENGTH => Err(Dropped::TooLong(n)),
                Ok(n) => Ok(n),
                Err(_) => Err(Dropped::BadLength(value.to_string())),
            });
        }
    }
    let n = match len {
        None => return Some(Err(Dropped::MissingLength)),
        Some(Err(e)) => return Some(Err(e)),
        Some(Ok(n)) => n,
    };
    // Grows with the bytes that arrive, not with the announced length.
    let mut body = Vec::new();
    if (r.take(n).read_to_end(&mut body).ok()? as u64) < n {
        return None;
    }
    // Params real clients send that lsp-types would refuse are made acceptable (`tolerant`).
    Some(screen(&body).map(|()| super::tolerant::normalize(body)))
}

/// Reads one line, up to and with its `\n`, into `line`, keeping only its last
/// [`MAX_HEADER_LINE`] bytes; the rest is read and discarded. `None` at the end of input (or on
/// a read error) before a `\n`: a message cut off in its header is no message.
fn read_header_line(r: &mut impl BufRead, line: &mut Vec<u8>) -> Option<()> {
    line.clear();
    loop {
        let buf = match r.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        if buf.is_empty() {
            return None;
        }
        let (part, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let used = part.len();
        // Only the tail of `part` can be kept; copy no more than that.
        let part = &part[used.saturating_sub(MAX_HEADER_LINE)..];
        line.extend_from_slice(part);
        if line.len() > MAX_HEADER_LINE {
            line.drain(..line.len() - MAX_HEADER_LINE);
        }
        r.consume(used);
        if done {
            return Some(());
        }
    }
}

/// Whether tower-lsp-server may see `body`: a request or notification with a method, or a
/// response. Anything it passes, tower-lsp-server decodes (a message it cannot decode would end
/// its input stream).
fn screen(body: &[u8]) -> Result<(), Dropped> {
    // tower-lsp-server defaults a missing `method` to "": that is no request.
    let request = serde_json::from_slice::<Request>(body).is_ok_and(|r| !r.method().is_empty());
    if request || serde_json::from_slice::<Response>(body).is_ok() {
        return Ok(());
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| Dropped::NotJson(e.to_string()))?;
    let obj = match &value {
        Value::Array(_) => return Err(Dropped::Batch),
        Value::Object(obj) => obj,
        _ => {
            return Err(Dropped::Invalid {
                id: Value::Null,
                why: "a message must be a JSON object".into(),
            })
        }
    };
    let id = match obj.get("id") {
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        _ => Value::Null,
    };
    let why = if obj.get("jsonrpc") != Some(&json!("2.0")) {
        "`jsonrpc` must be \"2.0\""
    } else if let Some(method) = obj.get("method") {
        if method.as_str().is_some_and(|m| !m.is_empty()) {
            "`id` must be a string, an integer or null"
        } else {
            "`method` must be a method name"
        }
    } else if obj.contains_key("result") || obj.contains_key("error") {
        "a response needs an `id` and one of `result` or `error`"
    } else {
        "neither a request (`method`) nor a response (`result` or `error`)"
    };
    Err(Dropped::Invalid {
        id,
        why: why.into(),
    })
}

/// `body` with a `Content-Length` header.
pub fn frame(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// The length of the whole frame at the start of `buf`, once its header is complete. A header
/// without a usable length (tower-lsp-server writes none) counts as a frame of its own.
fn frame_len(buf: &[u8]) -> Option<usize> {
    let head = buf.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let body = String::from_utf8_lossy(&buf[..head])
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.trim()
                .eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    Some(head + body)
}

/// Starts the thread that owns `out` (stdout) and writes the frames it is sent, each whole.
/// Returns the sink for tower-lsp-server, the handle for the screen's answers, and what tells
/// when everything sent has been written.
pub fn spawn_writer<W: Write + Send + 'static>(mut out: W) -> (FrameSink, Replies, Finished) {
    let (tx, mut rx) = mpsc::channel::<Vec<u8>>(64);
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        while let Some(frame) = rx.blocking_recv() {
            if let Err(e) = out.write_all(&frame).and_then(|()| out.flush()) {
                tracing::warn!("cannot write to the client: {e}");
                break;
            }
        }
        drop(done_tx);
    });
    let replies = Replies(tx.downgrade());
    let sink = FrameSink {
        tx: Some(tx),
        buf: Vec::new(),
        frame_end: None,
        ready: VecDeque::new(),
        reserving: None,
    };
    (sink, replies, Finished(done_rx))
}

/// Tells when the writer thread has written everything and ended: once the [`FrameSink`] is
/// dropped or shut down and the queue is empty (the [`Replies`] handle does not keep it alive).
pub struct Finished(std::sync::mpsc::Receiver<()>);

impl Finished {
    /// Waits up to `timeout`; whether the writer finished.
    pub fn wait(self, timeout: Duration) -> bool {
        matches!(
            self.0.recv_timeout(timeout),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected)
        )
    }
}

/// Sends the screen's answers to the writer. Holds the channel weakly: once tower-lsp-server's
/// side is gone, the session is over and answers are dropped.
#[derive(Clone)]
pub struct Replies(mpsc::WeakSender<Vec<u8>>);

impl Replies {
    /// Sends `body` framed, waiting for room in the queue. Call from a plain thread, not from
    /// async code.
    pub fn send(&self, body: &Value) {
        let sent = self
            .0
            .upgrade()
            .is_some_and(|tx| tx.blocking_send(frame(body.to_string().as_bytes())).is_ok());
        if !sent {
            tracing::debug!("session over; not sent: {body}");
        }
    }
}

type Reserve = Pin<
    Box<dyn Future<Output = Result<mpsc::OwnedPermit<Vec<u8>>, mpsc::error::SendError<()>>> + Send>,
>;

/// The `AsyncWrite` tower-lsp-server writes its messages into: cut into whole frames and sent
/// to the writer thread (see the module docs).
pub struct FrameSink {
    tx: Option<mpsc::Sender<Vec<u8>>>,
    /// Bytes of a frame not yet complete.
    buf: Vec<u8>,
    /// The length of the frame in `buf`, once its header is in.
    frame_end: Option<usize>,
    /// Whole frames waiting for room in the queue.
    ready: VecDeque<Vec<u8>>,
    reserving: Option<Reserve>,
}

fn closed() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the stdout writer ended")
}

impl FrameSink {
    fn split_frames(&mut self) {
        loop {
            let end = match self.frame_end.or_else(|| frame_len(&self.buf)) {
                Some(end) => end,
                None => return,
            };
            if self.buf.len() < end {
                self.frame_end = Some(end);
                return;
            }
            let rest = self.buf.split_off(end);
            self.ready.push_back(std::mem::replace(&mut self.buf, rest));
            self.frame_end = None;
        }
    }

    /// Sends the whole frames on; pending while the queue is full.
    fn poll_drain(&mut self, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        while !self.ready.is_empty() {
            let Some(tx) = &self.tx else {
                return Poll::Ready(Err(closed()));
            };
            let reserve = self
                .reserving
                .get_or_insert_with(|| Box::pin(tx.clone().reserve_owned()));
            let permit = ready!(reserve.as_mut().poll(cx));
            self.reserving = None;
            match (permit, self.ready.pop_front()) {
                (Ok(permit), Some(frame)) => {
                    permit.send(frame);
                }
                (Ok(_), None) => {}
                (Err(_), _) => return Poll::Ready(Err(closed())),
            }
        }
        Poll::Ready(Ok(()))
    }
}

impl AsyncWrite for FrameSink {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let this = self.get_mut();
        ready!(this.poll_drain(cx))?;
        this.buf.extend_from_slice(data);
        this.split_frames();
        Poll::Ready(Ok(data.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.get_mut().poll_drain(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        if !this.buf.is_empty() {
            // Cannot happen with tower-lsp-server's whole frames; written rather than lost.
            this.ready.push_back(std::mem::take(&mut this.buf));
            this.frame_end = None;
        }
        ready!(this.poll_drain(cx))?;
        // Lets the writer finish once the queue is empty.
        this.reserving = None;
        this.tx = None;
        Poll::Ready(Ok(()))
    }
}

/// An `AsyncRead` of the well-formed messages on stdin, read by a thread that answers the others
/// through [`Replies`].
pub struct ScreenedStdin {
    rx: mpsc::Receiver<Vec<u8>>,
    pending: Vec<u8>,
    pos: usize,
}

impl ScreenedStdin {
    pub fn spawn(replies: Replies) -> ScreenedStdin {
        ScreenedStdin::spawn_reader(std::io::stdin(), replies)
    }

    fn spawn_reader<R: Read + Send + 'static>(input: R, replies: Replies) -> ScreenedStdin {
        let (tx, rx) = mpsc::channel::<Vec<u8>>(16);
        std::thread::spawn(move || {
            let mut r = BufReader::new(input);
            while let Some(m) = next_message(&mut r) {
                match m {
                    Ok(body) => {
                        if tx.blocking_send(frame(&body)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        tracing::warn!("answered a malformed message from the client: {e:?}");
                        replies.send(&e.reply());
                    }
                }
            }
        });
        ScreenedStdin {
            rx,
            pending: Vec::new(),
            pos: 0,
        }
    }
}

impl AsyncRead for ScreenedStdin {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.pos >= self.pending.len() {
            match self.rx.poll_recv(cx) {
                Poll::Ready(Some(chunk)) => {
                    self.pending = chunk;
                    self.pos = 0;
                }
                // End of input.
                Poll::Ready(None) => return Poll::Ready(Ok(())),
                Poll::Pending => return Poll::Pending,
            }
        }
        let n = buf.remaining().min(self.pending.len() - self.pos);
        let start = self.pos;
        buf.put_slice(&self.pending[start..start + n]);
        self.pos += n;
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::poll_fn;
    use std::sync::{Arc, Mutex};

    // tokio's `io-util` is not enabled: the few helpers the tests need.
    async fn write_all(sink: &mut FrameSink, mut data: &[u8]) {
        while !data.is_empty() {
            let n = poll_fn(|cx| Pin::new(&mut *sink).poll_write(cx, data))
                .await
                .expect("write");
            data = &data[n..];
        }
    }

    async fn read_to_end(r: &mut ScreenedStdin) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let mut chunk = [0u8; 100];
            let mut buf = ReadBuf::new(&mut chunk);
            poll_fn(|cx| Pin::new(&mut *r).poll_read(cx, &mut buf))
                .await
                .expect("read");
            if buf.filled().is_empty() {
                return out;
            }
            out.extend_from_slice(buf.filled());
        }
    }

    fn all(input: &str) -> Vec<Result<String, Dropped>> {
        let mut r = std::io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some(m) = next_message(&mut r) {
            out.push(m.map(|b| String::from_utf8_lossy(&b).into_owned()));
        }
        out
    }

    const OK: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn invalid(id: Value) -> impl Fn(&Result<String, Dropped>) -> bool {
        move |m| matches!(m, Err(Dropped::Invalid { id: got, .. }) if *got == id)
    }

    #[test]
    fn malformed_messages_are_dropped_and_the_next_one_read() {
        let input = [
            framed("{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": "),
            framed("{}"),
            "Content-Length: abc\r\n\r\n".to_string(),
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".to_string(),
            framed(OK),
        ]
        .concat();
        let got = all(&input);
        assert!(matches!(got[0], Err(Dropped::NotJson(_))), "{got:?}");
        assert!(invalid(Value::Null)(&got[1]), "{got:?}");
        assert_eq!(got[2], Err(Dropped::BadLength("abc".into())));
        assert_eq!(got[3], Err(Dropped::MissingLength));
        assert_eq!(got[4], Ok(OK.to_string()));
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn a_body_without_length_is_skipped_up_to_the_next_header() {
        let input = [
            "Content-Type: x\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"shutdown\"}",
            &framed(OK),
        ]
        .concat();
        assert_eq!(
            all(&input),
            vec![Err(Dropped::MissingLength), Ok(OK.to_string())]
        );
    }

    #[test]
    fn a_huge_length_is_refused_and_the_next_message_read() {
        // The bogus frame's body (no newline, as clients send) runs into the next header.
        let input = [
            "Content-Length: 1000000000000\r\n\r\n",
            r#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#,
            &framed(OK),
        ]
        .concat();
        assert_eq!(
            all(&input),
            vec![Err(Dropped::TooLong(1_000_000_000_000)), Ok(OK.to_string())]
        );
        let r = Dropped::TooLong(1_000_000_000_000).reply();
        assert_eq!(
            (r["error"]["code"].clone(), r["id"].clone()),
            (json!(-32700), Value::Null)
        );
        let data = r["error"]["data"].as_str().unwrap_or_default();
        assert!(
            data.contains("1000000000000") && data.contains("268435456"),
            "{r}"
        );
        // The cap itself is accepted (the input ends before the body does); one more is not.
        let at = |n: u64| all(&format!("Content-Length: {n}\r\n\r\n{{}}"));
        assert_eq!(at(MAX_CONTENT_LENGTH), vec![]);
        assert_eq!(
            at(MAX_CONTENT_LENGTH + 1),
            vec![Err(Dropped::TooLong(MAX_CONTENT_LENGTH + 1))]
        );
        // Beyond u64: not a number at all.
        assert_eq!(
            all("Content-Length: 99999999999999999999999\r\n\r\n"),
            vec![Err(Dropped::BadLength("99999999999999999999999".into()))]
        );
    }

    /// `len` bytes of `x` without a newline, then `tail`, in the small pieces a pipe gives.
    struct Flood {
        left: usize,
        tail: std::io::Cursor<Vec<u8>>,
    }

    impl Read for Flood {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return self.tail.read(buf);
            }
            let n = buf.len().min(self.left).min(4096);
            buf[..n].fill(b'x');
            self.left -= n;
            Ok(n)
        }
    }

    #[test]
    fn a_long_header_line_keeps_its_tail_in_bounded_memory() {
        let tail = format!("Content-Length: {}\r\n\r\n{OK}", OK.len());
        let mut r = BufReader::new(Flood {
            left: 64 << 20,
            tail: std::io::Cursor::new(tail.into_bytes()),
        });
        let mut line = Vec::new();
        assert_eq!(read_header_line(&mut r, &mut line), Some(()));
        assert_eq!(line.len(), MAX_HEADER_LINE);
        let header = format!("xxContent-Length: {}\r\n", OK.len());
        assert!(line.ends_with(header.as_bytes()));
        assert!(
            line.capacity() <= 4 * MAX_HEADER_LINE,
            "{}",
            line.capacity()
        );
        // The same flood as a header: the length at its end still frames the message.
        let mut r = BufReader::new(Flood {
            left: 64 << 20,
            tail: std::io::Cursor::new(framed(OK).into_bytes()),
        });
        assert_eq!(next_message(&mut r), Some(Ok(OK.as_bytes().to_vec())));
        // Without any newline the input is read to its end, and that ends the stream.
        let mut r = BufReader::new(Flood {
            left: 1 << 20,
            tail: std::io::Cursor::new(Vec::new()),
        });
        assert_eq!(next_message(&mut r), None);
    }

    #[test]
    fn a_long_body_without_length_still_finds_the_next_header() {
        // Over MAX_HEADER_LINE, and mentioning a Content-Length of its own.
        let body = format!(
            r#"{{"jsonrpc":"2.0","method":"x","params":"Content-Length: 5 {}"}}"#,
            "é".repeat(MAX_HEADER_LINE)
        );
        let input = ["Content-Type: x\r\n\r\n", &body, &framed(OK)].concat();
        assert_eq!(
            all(&input),
            vec![Err(Dropped::MissingLength), Ok(OK.to_string())]
        );
        let short = "Content-Type: x\r\n\r\n{\"params\":\"Content-Length: 5\"}";
        assert_eq!(
            all(&[short, &framed(OK)].concat()),
            vec![Err(Dropped::MissingLength), Ok(OK.to_string())]
        );
    }

    #[test]
    fn invalid_requests_keep_their_id() {
        let cases = [
            (r#"{"jsonrpc":"2.0","id":7}"#, json!(7)),
            (r#"{"jsonrpc":"2.0","id":"a","method":5}"#, json!("a")),
            (r#"{"jsonrpc":"1.0","id":8,"method":"x"}"#, json!(8)),
            (r#"{"jsonrpc":"2.0","id":1.5,"method":"x"}"#, json!(1.5)),
            (
                r#"{"jsonrpc":"2.0","id":{"a":1},"method":"x"}"#,
                Value::Null,
            ),
            (r#"{"jsonrpc":"2.0","method":""}"#, Value::Null),
            (r#""just a string""#, Value::Null),
        ];
        for (body, id) in cases {
            let got = all(&framed(body));
            assert_eq!(got.len(), 1, "{body}: {got:?}");
            assert!(invalid(id.clone())(&got[0]), "{body}: {got:?}");
            let Err(d) = &got[0] else { unreachable!() };
            let reply = d.reply();
            assert_eq!(reply["error"]["code"], -32600, "{reply}");
            assert_eq!(reply["error"]["message"], "Invalid Request", "{reply}");
            assert_eq!(reply["id"], id, "{reply}");
        }
    }

    #[test]
    fn valid_requests_notifications_and_responses_pass() {
        for body in [
            OK,
            r#"{"jsonrpc":"2.0","method":"exit"}"#,
            r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            r#"{"jsonrpc":"2.0","id":"x","result":null}"#,
            r#"{"jsonrpc":"2.0","id":4,"error":{"code":-32601,"message":"no"}}"#,
        ] {
            assert_eq!(all(&framed(body)), vec![Ok(body.to_string())]);
        }
    }

    #[test]
    fn replies_follow_json_rpc() {
        let parse = |d: Dropped| d.reply();
        for d in [
            Dropped::MissingLength,
            Dropped::BadLength("x".into()),
            Dropped::TooLong(MAX_CONTENT_LENGTH + 1),
            Dropped::NotJson("eof".into()),
        ] {
            let r = parse(d);
            assert_eq!(r["jsonrpc"], "2.0");
            assert_eq!(r["id"], Value::Null, "{r}");
            assert_eq!(r["error"]["code"], -32700, "{r}");
            assert_eq!(r["error"]["message"], "Parse error", "{r}");
            assert!(r["error"]["data"].is_string(), "{r}");
        }
        for batch in ["[]", "[1, 2]", r#"[{"jsonrpc":"2.0","id":1,"method":"x"}]"#] {
            let got = all(&framed(batch));
            assert_eq!(got, vec![Err(Dropped::Batch)], "{batch}");
            let r = Dropped::Batch.reply();
            assert_eq!(
                (r["error"]["code"].clone(), r["id"].clone()),
                (json!(-32600), Value::Null)
            );
        }
        // Not UTF-8, and empty: not JSON.
        let mut r = std::io::Cursor::new(b"Content-Length: 4\r\n\r\n\"\xff\xfe\"".to_vec());
        assert!(matches!(
            next_message(&mut r),
            Some(Err(Dropped::NotJson(_)))
        ));
        assert!(matches!(all(&framed(""))[..], [Err(Dropped::NotJson(_))]));
    }

    #[test]
    fn truncated_input_ends_the_stream() {
        assert!(all("Content-Length: 99\r\n\r\n{}").is_empty());
        assert!(all("").is_empty());
    }

    #[test]
    fn frame_lengths() {
        let f = frame(b"{}");
        assert_eq!(frame_len(&f), Some(f.len()));
        assert_eq!(frame_len(&f[..f.len() - 1]), Some(f.len()));
        assert_eq!(frame_len(b"Content-Length: 2\r\n"), None);
        assert_eq!(
            frame_len(b"content-length:3\r\nX-Other: 1\r\n\r\nabcdef"),
            Some(35)
        );
        assert_eq!(frame_len(b"X: 1\r\n\r\nabc"), Some(8));
    }

    /// A `Write` into shared memory.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            let mut v = self.0.lock().unwrap_or_else(|e| e.into_inner());
            // Short writes, to show that frames stay whole anyway.
            let n = b.len().min(7);
            v.extend_from_slice(&b[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The bodies of the frames in `out`; panics on anything that is not a whole frame.
    fn bodies(out: &[u8]) -> Vec<String> {
        let mut r = std::io::Cursor::new(out.to_vec());
        let mut got = Vec::new();
        while let Some(m) = next_message(&mut r) {
            let body = m.unwrap_or_else(|e| panic!("a broken frame: {e:?}"));
            got.push(String::from_utf8_lossy(&body).into_owned());
        }
        assert_eq!(r.position() as usize, out.len(), "trailing bytes");
        got
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn server_frames_and_replies_never_interleave() {
        let out = Shared::default();
        let (mut sink, replies, finished) = spawn_writer(out.clone());
        let server: Vec<String> = (0..200)
            .map(|i| {
                format!(
                    r#"{{"jsonrpc":"2.0","id":{i},"result":"{}"}}"#,
                    "é".repeat(i)
                )
            })
            .collect();
        let answers = std::thread::spawn(move || {
            for i in 0..200 {
                replies.send(&json!({ "jsonrpc": "2.0", "id": null, "error": { "code": -32700, "message": i.to_string() } }));
            }
        });
        // The server's frames arrive in pieces that cut through headers and bodies.
        let bytes: Vec<u8> = server.iter().flat_map(|b| frame(b.as_bytes())).collect();
        for piece in bytes.chunks(13) {
            write_all(&mut sink, piece).await;
            if piece[0] % 3 == 0 {
                poll_fn(|cx| Pin::new(&mut sink).poll_flush(cx))
                    .await
                    .expect("flush");
            }
        }
        answers.join().expect("reply thread");
        poll_fn(|cx| Pin::new(&mut sink).poll_shutdown(cx))
            .await
            .expect("shutdown");
        assert!(finished.wait(Duration::from_secs(30)), "writer did not end");
        let written = out.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let got = bodies(&written);
        let from_server: Vec<&String> = got.iter().filter(|b| b.contains("result")).collect();
        assert_eq!(from_server.len(), 200);
        assert!(
            from_server.iter().zip(&server).all(|(a, b)| *a == b),
            "order kept"
        );
        assert_eq!(got.iter().filter(|b| b.contains("-32700")).count(), 200);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_screen_answers_and_hands_on() {
        let out = Shared::default();
        let (sink, replies, finished) = spawn_writer(out.clone());
        let input = [
            framed("{\"jsonrpc\":\"2.0\",\"id\":9,"),
            framed(r#"{"jsonrpc":"2.0","id":10}"#),
            framed(OK),
        ]
        .concat();
        let mut screened = ScreenedStdin::spawn_reader(std::io::Cursor::new(input), replies);
        let passed = read_to_end(&mut screened).await;
        assert_eq!(bodies(&passed), vec![OK.to_string()]);
        drop(sink);
        assert!(finished.wait(Duration::from_secs(30)), "writer did not end");
        let written = out.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let answers: Vec<Value> = bodies(&written)
            .iter()
            .map(|b| serde_json::from_str(b).expect("JSON"))
            .collect();
        assert_eq!(answers.len(), 2, "{answers:?}");
        assert_eq!(answers[0]["error"]["code"], -32700);
        assert_eq!(answers[0]["id"], Value::Null);
        assert_eq!(answers[1]["error"]["code"], -32600);
        assert_eq!(answers[1]["id"], 10);
    }
}
