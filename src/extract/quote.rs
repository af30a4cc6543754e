//! Quotations with their speakers.

use crate::extract::{attribution, Attribution};
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
///
/// Quotations marked by two apostrophes (`''We will,'' he said.`, in languages whose newspapers
/// print them so) are the ones attribution treats as quotes; such a quotation belongs to the
/// sentence it opens in and may run on into the next ones.
pub fn extract(doc: &Document, attributions: &[Attribution]) -> Vec<Quote> {
    let mut out = Vec::new();
    let apostrophes: Vec<quotes::QuoteSpan> = doc
        .blocks
        .iter()
        .flat_map(|b| {
            let marked = quotes::scan(&doc.masked, b.span);
            attribution::apostrophe_quotes(doc, b.span)
                .into_iter()
                .filter(move |q| !marked.iter().any(|m| m.outer.overlaps(q.outer)))
        })
        .collect();
    for s in &doc.sentences {
        let mut here: Vec<quotes::QuoteSpan> = quotes::scan(&doc.masked, s.span)
            .into_iter()
            .filter(|q| q.depth == 0)
            .collect();
        here.extend(
            apostrophes
                .iter()
                .filter(|q| s.span.contains_offset(q.outer.start))
                .cloned(),
        );
        here.sort_by_key(|q| q.outer.start);
        for q in here {
            // "The End of Time," is a title, not a quotation.
            if attribution::is_title(doc.lang, q.inner.slice(&doc.text)) {
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

    #[test]
    fn english_quotes_in_two_apostrophes() {
        check(
            "''We will rebuild the bridge,'' said Mr. Brown.",
            Lang::En,
            &[Some("Mr. Brown")],
        );
        check(
            "''We will rebuild the bridge. It will take two years,'' the mayor said.",
            Lang::En,
            &[Some("the mayor")],
        );
        check(
            "The mayor said: ''We will rebuild the bridge.''",
            Lang::En,
            &[Some("The mayor")],
        );
        // A possessive or a single apostrophe is no quotation.
        check("The mayor's plan won't pass.", Lang::En, &[]);
        // Nested in “…”: the outer quotation only.
        check(
            "“He told me ''never again'' and left,” Brown said.",
            Lang::En,
            &[Some("Brown")],
        );
    }

    #[test]
    fn a_quotation_opening_the_next_paragraph_continues_its_speaker() {
        check(
            "“We are really shocked,” said her nephew.\n\n“She was so nice.”\n\n“She always helped.”\n\nThe shop stayed closed.\n\n“Nobody knows why.”",
            Lang::En,
            &[
                Some("her nephew"),
                Some("her nephew"),
                Some("her nephew"),
                None,
            ],
        );
        check(
            "„Wir sind erschüttert“, sagte der Bürgermeister.\n\n„Das darf nie wieder passieren.“",
            Lang::De,
            &[Some("der Bürgermeister"), Some("der Bürgermeister")],
        );
        // A heading between them ends the speaker's turn.
        check(
            "“We are really shocked,” said her nephew.\n\n# Later\n\n“She was so nice.”",
            Lang::En,
            &[Some("her nephew"), None],
        );
    }

    #[test]
    fn titles_in_title_case_are_no_quotations() {
        check(
            "Smith was first introduced in the Christmas special, \"The End of Time.\"",
            Lang::En,
            &[],
        );
        check(
            "He starred in the series \"Thick of It,\" and in \"World War Z\" last year.",
            Lang::En,
            &[],
        );
        // Speech, even short and capitalised, stays a quotation.
        check(
            "\"No, I did not,\" Brown said. \"We Will Win!\" he shouted.",
            Lang::En,
            &[Some("Brown"), Some("he")],
        );
        // German capitalises every noun: title case tells nothing.
        check(
            "„Die Lage ist ernst“, sagte Berg.",
            Lang::De,
            &[Some("Berg")],
        );
    }

    #[test]
    fn german_two_apostrophes_are_no_quotation() {
        // In German text two apostrophes are wiki markup, not quotation marks.
        check("Die ''Brücke'' wird neu gebaut, sagte Berg.", Lang::De, &[]);
    }
}
