//! Which text of a source document is reporting. Reader comments, forum posts and similar
//! text below an article are no outlet's statement: their figures make no variants. What gives
//! them away in any language is the writer speaking for themselves — first or second person
//! singular outside a quotation — and exclamation.

use crate::corpus::CorpusDoc;
use crate::text::words::words_in;

/// Whether sentence `si` of a corpus document reports (its figures may be variants).
pub fn is_reporting(d: &CorpusDoc, si: usize) -> bool {
    let Some(s) = d.doc.sentences.get(si) else {
        return false;
    };
    let quoted = |pos: usize| {
        d.facts
            .quotes
            .iter()
            .any(|q| q.sentence_span.overlaps(s.span) && q.span.contains_offset(pos))
    };
    let text = s.span.slice(&d.doc.masked);
    if let Some(end) = text.trim_end().char_indices().last() {
        if end.1 == '!' && !quoted(s.span.start + end.0) {
            return false;
        }
    }
    let personal = &d.doc.lang.text_data().personal;
    !words_in(&d.doc.masked, s.span)
        .iter()
        .any(|w| !quoted(w.span.start) && personal.iter().any(|p| p == &w.text.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use crate::corpus::Corpus;

    fn reporting(text: &str) -> Vec<bool> {
        let c = Corpus::from_texts([("a.md", text)], None);
        let d = &c.docs[0];
        (0..d.doc.sentences.len())
            .map(|i| super::is_reporting(d, i))
            .collect()
    }

    #[test]
    fn comments_are_not_reporting_in_either_language() {
        let r = reporting(
            "Der Stream begann mit 40 Minuten Verspätung. Gegen 450.000.000 Bürger, die auch Ihn bezahlen! \
             Ich habe 3 Stunden gewartet. Musk sagte: „Ich habe 8 Millionen getestet.“\n",
        );
        assert_eq!(r, vec![true, false, false, true]);
        let r = reporting(
            "The stream started 40 minutes late. I waited for 3 hours and you did too. \
             \"I counted 8 million,\" Musk said.\n",
        );
        assert_eq!(r, vec![true, false, true]);
    }
}
