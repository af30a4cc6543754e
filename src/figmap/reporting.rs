//! Which text of a source document is reporting. Reader comments, forum posts and similar
//! text below an article are no outlet's statement: their figures make no variants. What gives
//! them away in any language is the writer speaking for themselves — first or second person
//! singular outside a quotation — and exclamation.

use crate::corpus::CorpusDoc;
use crate::text::words::words_in;

/// Whether sentence `si` of a corpus document reports (its figures may be variants). A
/// comment gives itself away in one sentence ("Ich war am Mittwoch da"), but the rest of it is
/// comment too ("Und 35 Euro für eine Tageskarte ist eine Frechheit."): a paragraph with a
/// comment sentence is comment, except for what it attributes to somebody.
pub fn is_reporting(d: &CorpusDoc, si: usize) -> bool {
    let Some(s) = d.doc.sentences.get(si) else {
        return false;
    };
    // A question asserts nothing ("Warum haben Sie nicht schon am Samstag Wasser
    // abgelassen?"): its figures are nobody's statement.
    if s.question || speaks_for_self(d, si) {
        return false;
    }
    if attributed(d, s.span) {
        return true;
    }
    !d.doc
        .sentences
        .iter()
        .enumerate()
        .any(|(k, o)| k != si && o.block == s.block && speaks_for_self(d, k))
}

/// Whether a source names who says the sentence (a transcript turn, "sagte Musk").
fn attributed(d: &CorpusDoc, sentence: crate::text::span::Span) -> bool {
    d.facts
        .attributions
        .iter()
        .any(|a| a.sentence_span == sentence && a.source.is_some())
}

/// Whether the sentence stands in a transcript turn of the outlet's own staff ("REPORTER: Ich
/// stehe an der Salwebrücke …"): a reporter on air speaks in the first person and reports.
fn house_turn(d: &CorpusDoc, sentence: crate::text::span::Span) -> bool {
    let text = &d.doc.text;
    let Some(before) = text.get(..sentence.start) else {
        return false;
    };
    // The turn's line: a blank line ends a turn.
    let start = before.rfind("\n\n").map_or(0, |i| i + 2);
    let Some(line) = text.get(start..sentence.end) else {
        return false;
    };
    let Some((label, _)) = line.split_once(':') else {
        return false;
    };
    let role = label.split('(').next().unwrap_or("").trim().to_lowercase();
    !role.is_empty()
        && label.len() <= 60
        && crate::extract::attribution::lexicon::lexicon(d.doc.lang)
            .house_roles
            .contains(&role)
}

/// Whether sentence `si` is the writer speaking for themselves: first or second person
/// singular or an exclamation outside quotes, and no source named for it.
fn speaks_for_self(d: &CorpusDoc, si: usize) -> bool {
    let Some(s) = d.doc.sentences.get(si) else {
        return false;
    };
    if s.heading || attributed(d, s.span) || house_turn(d, s.span) {
        return false;
    }
    let quoted = |pos: usize| {
        d.facts
            .quotes
            .iter()
            .any(|q| q.sentence_span.overlaps(s.span) && q.span.contains_offset(pos))
    };
    let text = s.span.slice(&d.doc.masked);
    if let Some(end) = text.trim_end().char_indices().last() {
        if end.1 == '!' && !quoted(s.span.start + end.0) {
            return true;
        }
    }
    let personal = &d.doc.lang.text_data().personal;
    words_in(&d.doc.masked, s.span)
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
            "Der Stream begann mit 40 Minuten Verspätung.\n\nGegen 450.000.000 Bürger, die auch Ihn bezahlen! \
             Ich habe 3 Stunden gewartet. Musk sagte: „Ich habe 8 Millionen getestet.“\n",
        );
        assert_eq!(r, vec![true, false, false, true]);
        let r = reporting(
            "The stream started 40 minutes late.\n\nI waited for 3 hours and you did too. \
             \"I counted 8 million,\" Musk said.\n",
        );
        assert_eq!(r, vec![true, false, true]);
    }

    #[test]
    fn a_comment_paragraph_is_comment_in_every_sentence() {
        let r = reporting(
            "Die Tageskarte kostet 29 Euro.\n\n**Kalle** · 18.10.2025\nRekord? Ich war am Mittwoch da. \
             Und 35 Euro für eine Tageskarte ist zu viel.\n\nDie Messe zählte 61.400 Besucher.\n",
        );
        assert_eq!(r.first(), Some(&true));
        assert_eq!(r.last(), Some(&true));
        assert!(r[1..r.len() - 1].iter().all(|x| !x), "{r:?}");
    }

    /// A reporter on air speaks in the first person and reports: a turn of the outlet's own
    /// staff ("REPORTER:", „ANMODERATION:“) is reporting, however personal.
    #[test]
    fn a_reporter_on_air_reports_in_the_first_person() {
        let r = reporting(
            "---\nsource: Radio Salwetal\nlang: de\n---\n\
             ANMODERATION: Rund 450 Menschen mussten ihre Häuser verlassen.\n\n\
             REPORTER: Ich stehe an der Brücke. Die Talsperre gab rund 120 Kubikmeter pro Sekunde \
             ab, so viel habe ich hier noch nie gesehen.\n\n\
             O-TON ANTON REISCHL: Ich wohne hier seit 40 Jahren.\n",
        );
        assert_eq!(r, vec![true, true, true, true], "{r:?}");
    }

    /// A question asserts nothing, in a transcript turn or in prose: its figures make no
    /// variants; the answer does.
    #[test]
    fn a_question_is_not_reporting() {
        let r = reporting(
            "---\nsource: Landratsamt\nlang: de\n---\n\
             FRAGE (Lukas Hainz, Radio): Warum haben Sie nicht schon am Samstag Wasser abgelassen?\n\n\
             FENNHOFF: Am Samstag war der See zu 71 Prozent gefüllt.\n",
        );
        assert_eq!(r, vec![false, true], "{r:?}");
    }

    #[test]
    fn a_speaker_speaking_for_themselves_is_reported() {
        let r = reporting("MARTINA OSTROWSKI: Ich erwarte 310 Millionen Euro Umsatz.\n");
        assert_eq!(r, vec![true]);
    }
}
