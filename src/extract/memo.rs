//! Per-sentence memo of the extractors' most expensive steps, for a draft being edited: a
//! keystroke changes one sentence, and every other sentence's figures and attribution cues come
//! back from here instead of being found again.
//!
//! Keys are the sentence's text with a little text either side (the extractors look only inside
//! the sentence, the margin guards against a future change that looks further), values have
//! spans relative to the sentence start (see `text::memo`). A memo must never change what is extracted:
//! `tests::memo_gives_what_extraction_without_it_gives` and the `extract` fuzz target compare
//! the two.

use crate::extract::attribution::detect::Found;
use crate::extract::attribution::tokens::Tok;
use crate::extract::Quantity;
use crate::text::memo::{Shift, Table};

pub use crate::text::memo::key;

/// The memo; one per language server (drafts share sentences rarely, but cheaply).
#[derive(Debug, Default)]
pub struct Memo {
    /// Sentence boundaries per block (used by `Document::parse_with`).
    pub text: crate::text::memo::Memo,
    pub(crate) quantities: Table<Quantity>,
    pub(crate) cues: Table<Found>,
    pub(crate) tokens: Table<Tok>,
}

impl Shift for Quantity {
    fn shift(&self, by: isize) -> Quantity {
        let mut q = self.clone();
        q.start = q.start.saturating_add_signed(by);
        q.end = q.end.saturating_add_signed(by);
        q.span = q.span.shift(by);
        q.number_span = q.number_span.shift(by);
        q
    }
}

impl Shift for Found {
    fn shift(&self, by: isize) -> Found {
        Found {
            cue: self.cue.shift(by),
            source: self.source.map(|s| s.shift(by)),
            kind: self.kind,
        }
    }
}

impl Shift for Tok {
    fn shift(&self, by: isize) -> Tok {
        let mut t = self.clone();
        t.span = t.span.shift(by);
        t
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::{extract, extract_with, Memo};
    use crate::text::{DocKind, Document};

    /// Extraction with a memo, after edits that move, change and repeat sentences, equals
    /// extraction without one.
    #[test]
    fn memo_gives_what_extraction_without_it_gives() {
        let memo = Memo::default();
        let base = "# Sturmflut\n\nDer Pegel stieg laut Hafenamt auf 3,40 Meter. „Wir sind vorbereitet“, \
                    sagte Bürgermeisterin Jana Holm. Sie erwarte bis zu 2.000 Helfer. Etwa 45 Minuten \
                    später war die Straße gesperrt.\n\n- rund 300 Feuerwehrleute\n- 12 Boote (Quelle: DWD)\n\n\
                    Police said about 40 people were hurt, up from 12.\n";
        let edits = [
            base.to_string(),
            base.replace("3,40", "3,4"),
            format!("Vorweg: 17 Menschen.\n\n{base}"),
            base.replace("sagte Bürgermeisterin Jana Holm", "hieß es"),
            base.replace("Etwa 45", "Knapp 50"),
            format!("{base}\n{base}"),
            base.replace("\n\n", "\n"),
        ];
        for (i, text) in edits.iter().enumerate() {
            let doc = Document::parse(text, DocKind::Markdown, None);
            let again = Document::parse_with(text, DocKind::Markdown, None, Some(&memo.text));
            assert_eq!(doc.sentences, again.sentences, "edit {i}");
            let fresh = serde_json::to_value(extract(&doc)).unwrap_or_default();
            // Twice: the first fills the memo, the second reads from it.
            for round in 0..2 {
                let memoised =
                    serde_json::to_value(extract_with(&doc, Some(&memo))).unwrap_or_default();
                assert_eq!(fresh, memoised, "edit {i}, round {round}");
            }
        }
    }
}
