//! Per-sentence memo of the extractors' most expensive steps, for a draft being edited: a
//! keystroke changes one sentence, and every other sentence's figures and attribution cues come
//! back from here instead of being found again.
//!
//! Keys are the sentence's text with a little text either side (the extractors look only inside
//! the sentence, the margin guards against a future change that looks further), values have
//! spans relative to the sentence start. A memo must never change what is extracted:
//! `tests::memo_gives_what_extraction_without_it_gives` and the `extract` fuzz target compare
//! the two.

use crate::extract::attribution::detect::Found;
use crate::extract::Quantity;
use crate::lang::Lang;
use crate::text::Span;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Entries kept per table before it starts over (a long session stays bounded).
const LIMIT: usize = 20_000;
/// Bytes of context either side of a sentence that are part of its key.
const MARGIN: usize = 16;

/// The memo; one per language server (drafts share sentences rarely, but cheaply).
#[derive(Debug, Default)]
pub struct Memo {
    quantities: Mutex<HashMap<String, Arc<Vec<Quantity>>>>,
    cues: Mutex<HashMap<String, Arc<Vec<Found>>>>,
}

/// The memo key of the sentence `s` of `text` (plus `extra`, which must hold whatever else the
/// result depends on).
pub fn key(text: &str, s: Span, lang: Lang, extra: &str) -> String {
    let mut a = s.start.saturating_sub(MARGIN).min(text.len());
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = s.end.saturating_add(MARGIN).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let (before, inner, after) = (
        text.get(a..s.start).unwrap_or(""),
        text.get(s.start..s.end).unwrap_or(""),
        text.get(s.end..b).unwrap_or(""),
    );
    format!("{lang:?}\u{1}{before}\u{1}{inner}\u{1}{after}\u{1}{extra}")
}

fn cached<T: Clone>(
    map: &Mutex<HashMap<String, Arc<Vec<T>>>>,
    key: String,
    compute: impl FnOnce() -> Vec<T>,
) -> Arc<Vec<T>> {
    if let Ok(m) = map.lock() {
        if let Some(v) = m.get(&key) {
            return Arc::clone(v);
        }
    }
    let v = Arc::new(compute());
    if let Ok(mut m) = map.lock() {
        if m.len() >= LIMIT {
            m.clear();
        }
        m.insert(key, Arc::clone(&v));
    }
    v
}

fn shift(s: Span, by: isize) -> Span {
    Span::new(
        s.start.saturating_add_signed(by),
        s.end.saturating_add_signed(by),
    )
}

fn shift_quantity(q: &Quantity, by: isize) -> Quantity {
    let mut q = q.clone();
    q.start = q.start.saturating_add_signed(by);
    q.end = q.end.saturating_add_signed(by);
    q.span = shift(q.span, by);
    q.number_span = shift(q.number_span, by);
    q
}

fn shift_found(f: &Found, by: isize) -> Found {
    Found {
        cue: shift(f.cue, by),
        source: f.source.map(|s| shift(s, by)),
        kind: f.kind,
    }
}

impl Memo {
    /// The figures of the sentence starting at `start` under `key`, computing them on a miss.
    pub(crate) fn quantities(
        &self,
        key: String,
        start: usize,
        compute: impl FnOnce() -> Vec<Quantity>,
    ) -> Vec<Quantity> {
        let by = start as isize;
        let rel = cached(&self.quantities, key, || {
            compute().iter().map(|q| shift_quantity(q, -by)).collect()
        });
        rel.iter().map(|q| shift_quantity(q, by)).collect()
    }

    /// The attribution cues of the sentence starting at `start` under `key`.
    pub(crate) fn cues(
        &self,
        key: String,
        start: usize,
        compute: impl FnOnce() -> Vec<Found>,
    ) -> Vec<Found> {
        let by = start as isize;
        let rel = cached(&self.cues, key, || {
            compute().iter().map(|f| shift_found(f, -by)).collect()
        });
        rel.iter().map(|f| shift_found(f, by)).collect()
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
