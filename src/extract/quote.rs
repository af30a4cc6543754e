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

/// Finds the outermost quotations in each sentence. The speaker comes from the attributions, which
/// already resolve colon introductions ("Musk: „…“") and frames in the next sentence.
pub fn extract(doc: &Document, attributions: &[Attribution]) -> Vec<Quote> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        for q in quotes::scan(&doc.masked, s.span) {
            if q.depth != 0 {
                continue;
            }
            // The sentence's own attribution first, then any sentence the quotation runs into
            // (a quote closed in the next sentence: "… Das ist sicher.“, sagte er.").
            let speaker = attributions
                .iter()
                .filter(|a| a.sentence_span == s.span)
                .chain(
                    attributions
                        .iter()
                        .filter(|a| a.sentence_span != s.span && a.sentence_span.overlaps(q.outer)),
                )
                .find_map(|a| a.source.as_ref().map(|s| s.text.clone()));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::attribution;
    use crate::lang::Lang;
    use crate::text::DocKind;

    /// The speakers of the quotations of `text`, in order.
    fn check(text: &str, lang: Lang, expected: &[Option<&str>]) {
        let doc = Document::parse(text, DocKind::Plain, Some(lang));
        let quotes = extract(&doc, &attribution::extract(&doc));
        let got: Vec<Option<&str>> = quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(got, expected, "{text}");
    }

    #[test]
    fn speakers_from_frames_colons_and_next_sentences() {
        check(
            "„Wir bauen die Brücke neu“, sagte Bürgermeisterin Anna Berg.",
            Lang::De,
            &[Some("Bürgermeisterin Anna Berg")],
        );
        check(
            "Berg: „Wir bauen die Brücke neu.“",
            Lang::De,
            &[Some("Berg")],
        );
        check(
            "„Wir bauen die Brücke neu.“ Das teilte die Stadt am Montag mit.",
            Lang::De,
            &[Some("die Stadt")],
        );
        check(
            "“We will rebuild the bridge,” the mayor said.",
            Lang::En,
            &[Some("the mayor")],
        );
        check(
            "Brooks: “We will rebuild the bridge.”",
            Lang::En,
            &[Some("Brooks")],
        );
        check(
            "Das Projekt heißt „Neue Brücke“ und kostet viel.",
            Lang::De,
            &[None],
        );
    }
}
