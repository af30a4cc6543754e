//! The language server: a view over the engine, speaking LSP over stdio.
//!
//! `server` holds the handlers, `state` what the server keeps between requests, `view` how
//! findings look in LSP, and `convert` turns byte spans into LSP positions (UTF-8 or UTF-16)
//! and back. Only this module imports LSP types; all checking happens in `analysis`.

pub mod convert;
pub mod framing;
pub mod origin;
pub mod server;
pub mod state;
pub mod tolerant;
pub mod view;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tower_lsp_server::{LspService, Server};

/// Runs the language server on stdin/stdout until the client sends `exit` (or closes stdin).
/// Returns an error when the client exits without `shutdown` first.
pub fn run() -> anyhow::Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FACTLINT_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(filter)
        .try_init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&shutdown);
    // One thread owns stdout: tower-lsp-server's messages and the screen's answers to malformed
    // ones reach it as whole frames (see `framing`).
    let (stdout, replies, written) = framing::spawn_writer(std::io::stdout());
    runtime.block_on(async move {
        let (service, socket) = LspService::new(move |client| server::Backend::new(client, flag));
        // Malformed messages are answered before tower-lsp-server sees them (see `framing`).
        Server::new(framing::ScreenedStdin::spawn(replies), stdout, socket)
            .serve(service)
            .await;
    });
    // Everything tower-lsp-server wrote is queued; let it reach the client, unless the client
    // stopped reading.
    if !written.wait(Duration::from_secs(5)) {
        tracing::warn!("not all messages could be written to the client");
    }
    // The stdin reader may still block on a pipe the client keeps open: don't wait for it.
    runtime.shutdown_timeout(Duration::from_millis(200));
    if shutdown.load(Ordering::SeqCst) {
        Ok(())
    } else {
        anyhow::bail!("the client exited without a shutdown request")
    }
}
