//! The language server: a view over the engine, speaking LSP over stdio.

/// Runs the language server on stdin/stdout until the client exits.
pub fn run() -> anyhow::Result<()> {
    anyhow::bail!("the language server is not built yet")
}
