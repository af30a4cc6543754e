//! Quotations with their speakers.

use crate::extract::Attribution;
use crate::text::{quotes, Document, Span};
use serde::Serialize;

/// A quotation in the prose.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct Quote {
    /// Span including the quotation marks.
    pub start: usize,
    pub end: usize,
    /// The quoted words, without marks.
    pub text: String,
    pub speaker: Option<String>,
    pub span: Span,
    pub inner: Span,
    /// The sentence the quotation stands in.
    pub sentence_span: Span,
}

/// Finds the outermost quotations in each sentence; the speaker comes from the sentence's attribution.
pub fn extract(doc: &Document, attributions: &[Attribution]) -> Vec<Quote> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        for q in quotes::scan(&doc.masked, s.span) {
            if q.depth != 0 {
                continue;
            }
            let speaker = attributions
                .iter()
                .find(|a| a.sentence_span == s.span)
                .and_then(|a| a.source.as_ref().map(|s| s.text.clone()));
            out.push(Quote {
                start: q.outer.start,
                end: q.outer.end,
                text: q.inner.slice(&doc.text).to_string(),
                speaker,
                span: q.outer,
                inner: q.inner,
                sentence_span: s.span,
            });
        }
    }
    out
}
