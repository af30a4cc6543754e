//! Screens the client's messages before tower-lsp-server reads them.
//!
//! tower-lsp-server decodes stdin with a tokio-util `FramedRead`, which ends the stream after the
//! first decode error: one message with a malformed header or body (not JSON, not JSON-RPC) would
//! end the whole server. This reader frames stdin itself, drops such messages with a warning and
//! hands only well-formed ones on, re-framed.

use std::io::{BufRead, Read};
use std::pin::Pin;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, ReadBuf};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Why a message was dropped.
#[derive(Debug, PartialEq, Eq)]
pub enum Dropped {
    MissingLength,
    BadLength(String),
    NotJsonRpc(String),
}

/// The next message from `r`: `None` at end of input, `Some(Err)` for a message to drop.
pub fn next_message(r: &mut impl BufRead) -> Option<Result<Vec<u8>, Dropped>> {
    let mut len: Option<Result<usize, Dropped>> = None;
    let mut any_header = false;
    loop {
        let mut raw = Vec::new();
        if r.read_until(b'\n', &mut raw).ok()? == 0 {
            return None;
        }
        let line = String::from_utf8_lossy(&raw);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if any_header {
                break;
            }
            continue;
        }
        any_header = true;
        // A body without a length runs into the next header: start at the header's name.
        let lower = line.to_ascii_lowercase();
        if let Some(at) = lower.find("content-length:") {
            let value = line[at + "content-length:".len()..].trim();
            len = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| Dropped::BadLength(value.to_string())),
            );
        }
    }
    let n = match len {
        None => return Some(Err(Dropped::MissingLength)),
        Some(Err(e)) => return Some(Err(e)),
        Some(Ok(n)) => n,
    };
    let mut body = Vec::new();
    if r.take(n as u64).read_to_end(&mut body).ok()? < n {
        return None;
    }
    let ok = serde_json::from_slice::<Request>(&body).is_ok()
        || serde_json::from_slice::<Response>(&body).is_ok();
    if ok {
        Some(Ok(body))
    } else {
        let head = String::from_utf8_lossy(&body[..body.len().min(80)]).into_owned();
        Some(Err(Dropped::NotJsonRpc(head)))
    }
}

/// An `AsyncRead` of the well-formed messages on stdin, read by a thread.
pub struct ScreenedStdin {
    rx: mpsc::Receiver<Vec<u8>>,
    pending: Vec<u8>,
    pos: usize,
}

impl ScreenedStdin {
    pub fn spawn() -> ScreenedStdin {
        let (tx, rx) = mpsc::channel::<Vec<u8>>(16);
        std::thread::spawn(move || {
            let stdin = std::io::stdin();
            let mut r = stdin.lock();
            while let Some(m) = next_message(&mut r) {
                match m {
                    Ok(body) => {
                        let mut framed =
                            format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
                        framed.extend_from_slice(&body);
                        if tx.blocking_send(framed).is_err() {
                            break;
                        }
                    }
                    Err(e) => tracing::warn!("dropped a malformed message from the client: {e:?}"),
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

    fn all(input: &str) -> Vec<Result<String, Dropped>> {
        let mut r = std::io::Cursor::new(input.as_bytes().to_vec());
        let mut out = Vec::new();
        while let Some(m) = next_message(&mut r) {
            out.push(m.map(|b| String::from_utf8_lossy(&b).into_owned()));
        }
        out
    }

    const OK: &str = r#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn malformed_messages_are_dropped_and_the_next_one_read() {
        let input = [
            frame("{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": "),
            frame("{}"),
            "Content-Length: abc\r\n\r\n".to_string(),
            "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".to_string(),
            frame(OK),
        ]
        .concat();
        let got = all(&input);
        assert!(matches!(got[0], Err(Dropped::NotJsonRpc(_))), "{got:?}");
        assert!(matches!(got[1], Err(Dropped::NotJsonRpc(_))), "{got:?}");
        assert_eq!(got[2], Err(Dropped::BadLength("abc".into())));
        assert_eq!(got[3], Err(Dropped::MissingLength));
        assert_eq!(got[4], Ok(OK.to_string()));
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn truncated_input_ends_the_stream() {
        assert!(all("Content-Length: 99\r\n\r\n{}").is_empty());
        assert!(all("").is_empty());
    }
}
