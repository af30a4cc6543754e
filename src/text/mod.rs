//! The text model: a document's prose, its blocks and sentences, with exact byte offsets.
//!
//! Markdown is parsed with pulldown-cmark; everything that is not prose (front matter, code,
//! HTML, link destinations, markup characters) is blanked out in [`Document::masked`], a copy
//! of the text with the same byte length, so every later stage can search it with plain regexes
//! and still report offsets into the original.

pub mod document;
pub mod line_index;
pub mod markdown;
pub mod memo;
pub mod quotes;
pub mod sentences;
pub mod span;
pub mod table;
pub mod words;

pub use document::{Block, BlockKind, DocKind, Document, LangSource, Meta, Sentence};
pub use line_index::LineIndex;
pub use span::Span;
