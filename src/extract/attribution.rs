//! Attribution: reporting verbs with a speaker, prepositional cues, source notes, links, reported speech.

use crate::text::{Document, Span};
use serde::Serialize;

/// How a sentence is attributed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttrKind {
    /// A reporting verb with a speaker: "sagte Musk", "the company said".
    Verb,
    /// "laut X", "X zufolge", "nach Angaben von X", "according to X", "wie X berichtete".
    Preposition,
    /// "(Quelle: dpa)", "(DWD)".
    Note,
    /// A Markdown link or footnote to a source.
    Link,
    /// German Konjunktiv I continuing an attributed sentence.
    Continuation,
}

/// The speaker or source named by an attribution.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SourceText {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// One attribution in a sentence.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Attribution {
    /// The attributed content (at least the sentence).
    pub start: usize,
    pub end: usize,
    pub cue: Span,
    pub source: Option<SourceText>,
    pub kind: AttrKind,
    #[serde(skip)]
    pub span: Span,
    /// The sentence this attribution belongs to.
    #[serde(skip)]
    pub sentence_span: Span,
}

/// Finds the attributions of every sentence of the document.
pub fn extract(doc: &Document) -> Vec<Attribution> {
    let _ = doc;
    Vec::new()
}
