//! factlint: checks news drafts against a reference corpus.
//!
//! Pipeline: `text` (Markdown → prose, sentences) → `extract` (figures, attributions, quotes,
//! claims) → `corpus` (the same for source documents, plus an index) → `rules` (findings with
//! evidence and fixes) → `analysis` (the façade) → `report` / `lsp` → `cli`.
//!
//! Invariants:
//! - Only `lsp/` imports LSP types; only `report/sarif.rs` knows SARIF.
//! - The library never prints; renderers take `&mut dyn Write` (the CLI prints warnings).
//! - Extraction never fails and never panics on any input.
//! - Spans are UTF-8 byte offsets into the original text; only `text/line_index.rs` makes
//!   line/column, and only `lsp/` makes LSP positions.
//! - The server is a view: it converts and holds state; all checking lives in `analysis`.
#![warn(clippy::print_stdout)]

pub mod analysis;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod extract;
pub mod figmap;
pub mod finding;
pub mod lang;
pub mod lsp;
pub mod recheck;
pub mod report;
pub mod rules;
pub mod suppress;
pub mod text;
pub mod workspace;
