//! Extraction: what a document states — figures, attributions, quotations, and which sentences are claims.
//!
//! Extraction never fails: it works on whatever the text model produced and returns facts.

pub mod attribution;
pub mod claim;
pub mod memo;
pub mod place;
pub mod quantity;
pub mod quote;

pub use attribution::{AttrKind, Attribution, SourceText};
pub use memo::Memo;
pub use quantity::{date_from_days, days_in_month, days_since_epoch, Approx, Dimension, Quantity};
pub use quote::Quote;

use crate::lang::Lang;
use crate::text::{Document, Span};
use serde::{Deserialize, Serialize};

/// What the engine knows about one sentence.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct SentenceFacts {
    pub start: usize,
    pub end: usize,
    /// The sentence states something that needs attribution.
    pub claim: bool,
    /// The sentence carries attribution (directly, or as reported speech continuing an attributed one).
    pub attributed: bool,
    pub heading: bool,
    pub question: bool,
}

impl SentenceFacts {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Everything extracted from one document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Facts {
    pub language: Lang,
    pub sentences: Vec<SentenceFacts>,
    pub quantities: Vec<Quantity>,
    pub attributions: Vec<Attribution>,
    pub quotes: Vec<Quote>,
}

impl Facts {
    /// Quantities inside sentence `i`.
    pub fn quantities_in(&self, span: Span) -> impl Iterator<Item = &Quantity> {
        self.quantities
            .iter()
            .filter(move |q| span.contains(q.span))
    }

    /// Attributions inside sentence span.
    pub fn attributions_in(&self, span: Span) -> impl Iterator<Item = &Attribution> {
        self.attributions.iter().filter(move |a| {
            span.contains(a.cue) || span.overlaps(a.span) && a.sentence_span == span
        })
    }
}

/// The text whose words are compared between draft and corpus: the masked prose with the figures'
/// numbers and the attributions' cues and sources blanked, so that what is said, not who said it
/// or which number, decides whether two sentences speak of the same thing.
pub fn term_text(doc: &Document, facts: &Facts) -> String {
    let spans = facts
        .quantities
        .iter()
        .map(|q| q.number_span)
        .chain(
            facts
                .attributions
                .iter()
                .filter(|a| a.kind != AttrKind::Turn)
                .map(|a| a.cue),
        )
        .chain(
            facts
                .attributions
                .iter()
                .filter_map(|a| a.source.as_ref().map(|s| Span::new(s.start, s.end))),
        );
    crate::text::words::blank_spans(&doc.masked, spans)
}

/// The comparison terms of sentence `s` of `doc`, read from `blanked` ([`term_text`]): its
/// content words and, for a table cell, those of its row's other cells and of its column's
/// header ("| Lydia Perrault | 4,232 |" under "Votes"): a cell alone says nothing of what it
/// counts. Draft and corpus read sentences through this one function.
pub fn sentence_terms(doc: &Document, blanked: &str, s: &crate::text::Sentence) -> Vec<String> {
    let mut terms = crate::text::words::content_terms(blanked, s.span, doc.lang);
    let in_cell = doc
        .blocks
        .get(s.block)
        .is_some_and(|b| b.kind == crate::text::BlockKind::TableCell);
    if !in_cell {
        return terms;
    }
    if let Some(ctx) = crate::text::table::cell_context(&doc.text, s.span) {
        for span in ctx.others.iter().chain(ctx.header.iter()) {
            for t in crate::text::words::content_terms(blanked, *span, doc.lang) {
                if !terms.contains(&t) {
                    terms.push(t);
                }
            }
        }
    }
    terms
}

/// Runs every extractor over a parsed document.
pub fn extract(doc: &Document) -> Facts {
    extract_with(doc, None)
}

/// [`extract`], reusing the per-sentence results in `memo` (the language server keeps one, so
/// that a keystroke re-extracts the edited sentence only). Gives exactly what [`extract`] gives.
pub fn extract_with(doc: &Document, memo: Option<&Memo>) -> Facts {
    let spans: Vec<Span> = doc.sentences.iter().map(|s| s.span).collect();
    let quantities = quantity::extract_with(&doc.masked, &spans, doc.lang, memo);
    let attributions = attribution::extract_with(doc, memo);
    let quotes = quote::extract(doc, &attributions);
    let sentences = claim::classify(doc, &quantities, &attributions, &quotes);
    Facts {
        language: doc.lang,
        sentences,
        quantities,
        attributions,
        quotes,
    }
}
