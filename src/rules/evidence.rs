//! Matching a draft against the corpus: related sentences and same-quantity figures, computed once per draft.

use crate::config::Config;
use crate::corpus::Corpus;
use crate::extract::Facts;
use crate::text::Document;

/// Corpus matches for a draft.
#[derive(Debug, Default)]
pub struct Matches {}

impl Matches {
    pub fn compute(doc: &Document, facts: &Facts, corpus: &Corpus, config: &Config) -> Matches {
        let _ = (doc, facts, corpus, config);
        Matches {}
    }
}
