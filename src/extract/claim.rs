//! Which sentences are claims that need attribution, judged from the draft alone.
//!
//! A sentence needs attribution when it quotes someone directly or states a specific figure about
//! the event (a count, amount, duration, percentage…). Headings, questions and front matter never
//! do. Whether the corpus reports a statement only as somebody's words is decided later, by the
//! `unsourced-claim` rule, which sees the corpus.

use crate::extract::{AttrKind, Attribution, Dimension, Quantity, Quote, SentenceFacts};
use crate::text::Document;

/// Whether a figure of this dimension is "specific" enough to need a source. Scores and
/// records ("won 3-1", "Bowe (43-1)") are results anyone can look up, not claims; a tally
/// that names what it counts ("38 votes to 23") stays a figure.
pub fn needs_source(q: &Quantity) -> bool {
    let result = q.score && q.counted.is_none();
    let no_figure = matches!(
        q.dimension,
        Dimension::Year | Dimension::Date | Dimension::TimeOfDay | Dimension::Number
    );
    !(result || no_figure)
}

/// [`needs_source`] for a figure in `text`: a duration that dates a happening ("two weeks
/// later", "vor zwei Wochen") dates it like a date and needs no source of its own.
pub fn needs_source_in(text: &str, q: &Quantity, lang: crate::lang::Lang) -> bool {
    needs_source(q)
        && !crate::extract::quantity::dates_event(text, q, lang)
        && !partitive(text, q, lang)
        && !statistic(text, q, lang)
}

/// A player's or team's statistic ("finished with 20 points", "193 yards on the ground", „zwei
/// Tore“): the game's score sheet, looked up like a result, not a claim that needs a source.
/// (Still a figure: another report's different count of it is a conflict.)
fn statistic(text: &str, q: &Quantity, lang: crate::lang::Lang) -> bool {
    // Money and shares are never a score sheet's: "a $38 million loss" needs its source.
    if matches!(q.dimension, Dimension::Currency | Dimension::Percent) {
        return false;
    }
    let stats = &lang.text_data().stat_counted;
    let is_stat = |w: &str| stats.iter().any(|s| s == &w.to_lowercase());
    if q.counted.as_deref().is_some_and(is_stat) {
        return true;
    }
    // The word right after the number, in the figure ("16 points", "269 yards", read as units)
    // or after it ("two touchdowns").
    text.get(q.number_span.end..)
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '.')
        .map(|w| w.trim_end_matches('.'))
        .find(|w| !w.is_empty())
        .is_some_and(is_stat)
}

/// "one of the stars", „einer der Stars“: one picked out of a group, not a count that needs a
/// source.
fn partitive(text: &str, q: &Quantity, lang: crate::lang::Lang) -> bool {
    let td = lang.text_data();
    if q.value != 1.0
        || q.approx != crate::extract::Approx::Exact
        || !td
            .partitive_numbers
            .contains(&q.span.slice(text).trim().to_lowercase())
    {
        return false;
    }
    let after: Vec<String> = text
        .get(q.span.end..)
        .unwrap_or("")
        .split_whitespace()
        .take(3)
        .map(|w| w.to_lowercase())
        .collect();
    let after = after.join(" ");
    td.partitive_after.iter().any(|p| {
        after
            .strip_prefix(p.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    })
}

/// Whether an attribution names who is speaking. A quotation or hearsay ("soll … haben") with no
/// speaker is reported speech (and listed as such in the facts), but it does not source a claim.
pub fn names_source(a: &Attribution) -> bool {
    match a.kind {
        AttrKind::Quote | AttrKind::Hearsay => a.source.is_some(),
        _ => true,
    }
}

/// Whether a list item follows an attributed lead-in ending in a colon ("Laut Ministerium:"),
/// which sources every item of the list.
fn lead_in_attributed(
    doc: &Document,
    block: usize,
    sourced: &dyn Fn(crate::text::Span) -> bool,
) -> bool {
    use crate::text::BlockKind;
    if doc.blocks.get(block).map(|b| b.kind) != Some(BlockKind::ListItem) {
        return false;
    }
    let mut b = block;
    while b > 0 && doc.blocks[b].kind == BlockKind::ListItem {
        b -= 1;
    }
    if doc.blocks[b].kind == BlockKind::ListItem {
        return false;
    }
    let lead = doc.blocks[b].span;
    let Some(last) = doc.sentences.iter().rev().find(|s| lead.contains(s.span)) else {
        return false;
    };
    last.span.slice(&doc.text).trim_end().ends_with(':') && sourced(last.span)
}

/// Whether a table cell's table is credited as a whole: by a source line right under it
/// ("*Source: Port Ellery Board of Elections, final unofficial results.*", „Quellen: …“) or
/// by an attributed lead-in ending in a colon right before it ("Laut Gemeinde:").
fn table_credited(
    doc: &Document,
    block: usize,
    attributions: &[Attribution],
    sourced: &dyn Fn(crate::text::Span) -> bool,
) -> bool {
    use crate::text::BlockKind;
    let cell = |b: usize| {
        doc.blocks
            .get(b)
            .is_some_and(|x| x.kind == BlockKind::TableCell)
    };
    if !cell(block) {
        return false;
    }
    let mut last = block;
    while cell(last + 1) {
        last += 1;
    }
    let mut first = block;
    while first > 0 && cell(first - 1) {
        first -= 1;
    }
    // The caption: the block right after the table, when it is a source line.
    let caption = doc.blocks.get(last + 1).and_then(|b| {
        doc.sentences
            .iter()
            .find(|s| b.span.contains(s.span))
            .filter(|s| {
                attributions.iter().any(|a| {
                    a.sentence_span == s.span && a.kind == AttrKind::Note && {
                        let before = doc.text.get(s.span.start..a.cue.start).unwrap_or("");
                        !before.chars().any(char::is_alphanumeric)
                    }
                })
            })
    });
    if caption.is_some() {
        return true;
    }
    let Some(lead) = first.checked_sub(1).and_then(|b| doc.blocks.get(b)) else {
        return false;
    };
    doc.sentences
        .iter()
        .rev()
        .find(|s| lead.span.contains(s.span))
        .is_some_and(|s| s.span.slice(&doc.text).trim_end().ends_with(':') && sourced(s.span))
}

/// A paragraph that is one line in title case with no closing punctuation ("Microsoft
/// Releases Critical Patch For IE Zero Day Flaw"): a headline set as plain text, which, like a
/// heading, states no claim.
pub fn headline(doc: &Document, s: &crate::text::Sentence) -> bool {
    let Some(block) = doc.blocks.get(s.block) else {
        return false;
    };
    // A table cell is read in its row, never as a headline ("| Dana Whitcombe | 58,214 |").
    if block.kind == crate::text::BlockKind::TableCell {
        return false;
    }
    let t = s.span.slice(&doc.text).trim();
    block.span.slice(&doc.text).trim() == t
        && !t.contains('\n')
        && !t.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '“', '»', '«', '\''])
        && crate::extract::attribution::title_case(doc.lang, t, 30)
}

/// Classifies every sentence of the document.
pub fn classify(
    doc: &Document,
    quantities: &[Quantity],
    attributions: &[Attribution],
    quotes: &[Quote],
) -> Vec<SentenceFacts> {
    let sourced = |span: crate::text::Span| {
        attributions
            .iter()
            .any(|a| a.sentence_span == span && names_source(a))
    };
    doc.sentences
        .iter()
        .map(|s| {
            let never = s.heading || s.question || headline(doc, s);
            let attributed = sourced(s.span)
                || lead_in_attributed(doc, s.block, &sourced)
                || table_credited(doc, s.block, attributions, &sourced);
            let has_quote = quotes
                .iter()
                .any(|q| s.span.contains(q.span) && q.text.split_whitespace().count() >= 2);
            let has_figure = quantities
                .iter()
                .any(|q| s.span.contains(q.span) && needs_source_in(&doc.text, q, doc.lang));
            SentenceFacts {
                start: s.span.start,
                end: s.span.end,
                claim: !never && (has_quote || has_figure),
                attributed: !never && attributed,
                heading: s.heading,
                question: s.question,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::text::{DocKind, Document};

    fn flags(text: &str) -> Vec<(bool, bool)> {
        let d = Document::parse(text, DocKind::Markdown, Some(Lang::De));
        crate::extract::extract(&d)
            .sentences
            .iter()
            .map(|s| (s.claim, s.attributed))
            .collect()
    }

    #[test]
    fn list_items_after_attributed_lead_in() {
        let f = flags("Die Folgen in Bayern, laut Gesundheitsministerium:\n\n- 1.240 Behandlungen in Notaufnahmen\n- 35 Prozent mehr Einsätze\n\nDanach kamen 12 Menschen.\n");
        assert_eq!(
            f,
            vec![(false, true), (true, true), (true, true), (true, false)]
        );
    }

    #[test]
    fn headlines_set_as_plain_text_are_no_claims() {
        let d = Document::parse(
            "Storm Kills 12 People In Texas\n\nThe storm killed 12 people in Texas.\n\nStorm kills 12 people in Texas\n",
            DocKind::Markdown,
            Some(Lang::En),
        );
        let f: Vec<bool> = crate::extract::extract(&d)
            .sentences
            .iter()
            .map(|s| s.claim)
            .collect();
        assert_eq!(f, vec![false, true, true]);
    }

    #[test]
    fn durations_that_date_a_happening_are_no_claims() {
        let en = |t: &str| {
            let d = Document::parse(t, DocKind::Markdown, Some(Lang::En));
            crate::extract::extract(&d).sentences[0].claim
        };
        assert!(!en("Less than two weeks later, he was arrested.\n"));
        assert!(!en("The bullet killed her seven months ago.\n"));
        assert!(en("The trial lasted two weeks.\n"));
        assert!(en("The show began two hours later than planned.\n"));
        assert_eq!(
            flags("Vor zwei Wochen wurde er verhaftet.\n\nDer Prozess dauerte zwei Wochen.\n"),
            vec![(false, false), (true, false)]
        );
    }

    #[test]
    fn headings_and_questions_are_never_claims() {
        let f = flags("# 14 Verletzte\n\nWie viele Menschen kamen, 14 oder 20?\n\n„Wir arbeiten daran, ihn abzuschalten“, sagte Musk.\n");
        assert_eq!(f, vec![(false, false), (false, false), (true, true)]);
    }
}

#[cfg(test)]
mod partitive_tests {
    use crate::lang::Lang;
    use crate::text::Span;

    /// Per figure of `text`, whether it needs a source.
    fn needs(text: &str, lang: Lang) -> Vec<bool> {
        crate::extract::quantity::extract(text, &[Span::new(0, text.len())], lang)
            .iter()
            .map(|q| super::needs_source_in(text, q, lang))
            .collect()
    }

    /// "one of the stars" picks one out of a group; "one bomb" and "drei der Stars" count.
    #[test]
    fn one_of_a_group_is_no_count_to_source() {
        assert_eq!(
            needs("Thomas, one of the stars of the run, was hurt.", Lang::En),
            vec![false]
        );
        // German "einer der" is no figure at all, or none that needs a source.
        assert!(needs("Einer der Stars fehlte.", Lang::De)
            .iter()
            .all(|n| !n));
        assert_eq!(
            needs("One bomb landed in the school.", Lang::En),
            vec![true]
        );
        assert_eq!(needs("Drei der Stars fehlten.", Lang::De), vec![true]);
    }

    /// A game's statistics are its score sheet, public record; what else the sentence counts
    /// still needs a source.
    #[test]
    fn statistics_need_no_source() {
        assert_eq!(
            needs("Redick holds that mark with 2,769 points.", Lang::En),
            vec![false]
        );
        assert_eq!(
            needs(
                "He had 269 yards and two touchdowns before 40,000 fans.",
                Lang::En
            ),
            vec![false, false, true]
        );
        assert_eq!(
            needs("Müller erzielte zwei Tore vor 12.000 Zuschauern.", Lang::De),
            vec![false, true]
        );
        // Money is no statistic, whatever word follows it; nor are a rescue service's calls.
        assert_eq!(
            needs("The recall led to a $38 million loss.", Lang::En),
            vec![true]
        );
        assert_eq!(needs("Das DRK hatte 143 Einsätze.", Lang::De), vec![true]);
    }
}
