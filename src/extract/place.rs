//! Where a report is from: the places a document names as its own (its dateline, "in X",
//! "near X", „bei X“), and how often a text mentions a place. News about look-alike events
//! (the other town's budget vote, the second wildfire the next day) shares every common word
//! with the draft; what sets such a report apart is the place it is datelined and set in.

use crate::lang::Lang;
use crate::text::words::words_in;
use crate::text::{Document, Span};
use regex::Regex;
use std::sync::OnceLock;

/// A dateline counts this much more than one "in X".
const DATELINE_WEIGHT: u32 = 2;
/// Datelines are looked for in this many prose paragraphs from the start.
const DATELINE_PARAGRAPHS: usize = 3;
/// A place name has at least this many letters (no "Ore", "St").
const MIN_PLACE_LEN: usize = 3;

/// Dateline forms at the start of a paragraph, the place in group 1: "DUNMORE, Ore. (Allied
/// Press) —", "Berlin (dpa) –", "WASHINGTON, " and a local paper's „Bergheim. Deutlich …“.
fn datelines() -> &'static [Regex; 5] {
    static RX: OnceLock<[Regex; 5]> = OnceLock::new();
    RX.get_or_init(|| {
        let rx = |s: &str| Regex::new(s).unwrap_or_else(|e| panic!("built-in pattern: {e}"));
        [
            rx(r"^(\p{Lu}[\p{Lu}'’\- ]{2,30}?)(?:,\s*[^—–()\n]{1,25}?)?\s*\([^)\n]{1,40}\)\s*[—–-]"),
            rx(r"^(\p{Lu}[\p{L}\-]+(?: \p{Lu}[\p{L}\-]+)?)\s*\([^)\n]{1,40}\)\s*[—–-]"),
            rx(r"^(\p{Lu}[\p{Lu}'’\-]{2,}(?: \p{Lu}[\p{Lu}'’\-]+){0,2}),\s"),
            rx(r"^(\p{Lu}[\p{Ll}\-]{2,})\.\s+\p{Lu}"),
            // "Merlau, 13. Juni 2024.", "Ashby, June 13, 2024 –": a place and the full date.
            rx(r"^(\p{Lu}[\p{Ll}\-]{2,}(?: \p{Lu}[\p{Ll}\-]+)?),\s+(?:\d{1,2}\.\s*\p{L}+\.?\s+\d{4}|\p{Lu}\p{Ll}+\.?\s+\d{1,2},\s+\d{4})"),
        ]
    })
}

/// A word that can name a place: capitalised, long enough, not a function word, month or
/// weekday of `lang`.
pub fn place_word(lang: Lang, w: &str) -> Option<String> {
    let w = w
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches('.');
    if !w.chars().next().is_some_and(|c| c.is_uppercase())
        || w.chars().count() < MIN_PLACE_LEN
        || !w.chars().all(|c| c.is_alphabetic() || c == '-')
    {
        return None;
    }
    let lower = w.to_lowercase();
    let td = lang.text_data();
    if td.is_stopword(&lower)
        || td.months.contains(&lower)
        || crate::extract::quantity::data::data(lang)
            .context
            .weekdays
            .contains_key(&lower)
    {
        return None;
    }
    Some(lower)
}

/// The places a document sets itself in, with their weight (a dateline counts
/// [`DATELINE_WEIGHT`], each "in X" one), heaviest first, ties in order of first appearance.
/// "in Halle 4" (a place followed by a number) names a hall, a ward or a gate, not a town.
pub fn doc_places(doc: &Document) -> Vec<(String, u32)> {
    let lang = doc.lang;
    let mut weights: Vec<(String, u32)> = Vec::new();
    let mut add = |p: String, w: u32| match weights.iter_mut().find(|(q, _)| *q == p) {
        Some(e) => e.1 += w,
        None => weights.push((p, w)),
    };
    let prose_blocks = doc
        .blocks
        .iter()
        .filter(|b| !matches!(b.kind, crate::text::BlockKind::Heading))
        .take(DATELINE_PARAGRAPHS);
    for b in prose_blocks {
        let Some(text) = doc.masked.get(b.span.start..b.span.end) else {
            continue;
        };
        let text = text.trim_start();
        if let Some(m) = datelines()
            .iter()
            .find_map(|rx| rx.captures(text).and_then(|c| c.get(1)))
        {
            let first = m.as_str().split_whitespace().next().unwrap_or("");
            if let Some(p) = place_word(lang, first) {
                add(p, DATELINE_WEIGHT);
            }
        }
    }
    let preps = &lang.text_data().place_prepositions;
    let words = words_in(&doc.masked, Span::new(0, doc.masked.len()));
    for (k, pair) in words.windows(2).enumerate() {
        if !preps.iter().any(|p| p == &pair[0].text.to_lowercase()) {
            continue;
        }
        // Adjacent words only: "in. Bergheim" is no place phrase.
        let gap = doc.masked.get(pair[0].span.end..pair[1].span.start);
        if !gap.is_some_and(|g| g.chars().all(|c| c == ' ')) {
            continue;
        }
        let numbered = words
            .get(k + 2)
            .is_some_and(|n| n.text.starts_with(|c: char| c.is_ascii_digit()));
        if numbered {
            continue;
        }
        if let Some(p) = place_word(lang, pair[1].text) {
            add(p, 1);
        }
    }
    // Stable: ties keep their order of first appearance.
    weights.sort_by_key(|w| std::cmp::Reverse(w.1));
    weights
}

/// The name a level noun names at word `k` of `words`, if any: „Stadt Marlenbach“,
/// „Landkreis Grevenau“, "the city of Ashby" (a capitalised word after the level noun, or
/// after "of" in English, that is no common noun of the lexicon), "Harlan County" (English: a
/// place word before it). `k` must be a level noun (`Lang::scope_level`).
pub fn leveled_name(lang: Lang, words: &[crate::text::words::Word], k: usize) -> Option<String> {
    let name = |w: &crate::text::words::Word| {
        place_word(lang, w.text).filter(|_| !crate::lang::lexicon::common_noun(lang, w.text))
    };
    let next = words.get(k + 1);
    match lang {
        Lang::De => next.and_then(name),
        Lang::En => {
            let of = next.is_some_and(|w| w.text == "of");
            let after = if of { words.get(k + 2) } else { None };
            let before = k.checked_sub(1).and_then(|j| words.get(j));
            let capital = words
                .get(k)
                .is_some_and(|w| w.text.starts_with(char::is_uppercase));
            after
                .and_then(name)
                .or_else(|| before.filter(|_| capital).and_then(name))
        }
    }
}

/// The level each place a document names with a level noun has ([`leveled_name`]: „Stadt
/// Marlenbach“ is a town, „Landkreis Grevenau“ a county; levels from `Lang::scope_level`).
pub fn place_levels(doc: &Document) -> Vec<(String, usize)> {
    let lang = doc.lang;
    let words = words_in(&doc.masked, Span::new(0, doc.masked.len()));
    let mut out: Vec<(String, usize)> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let Some(level) = lang.scope_level(&w.text.to_lowercase()) else {
            continue;
        };
        if let Some(p) = leveled_name(lang, &words, k) {
            if !out.contains(&(p.clone(), level)) {
                out.push((p, level));
            }
        }
    }
    out
}

/// The town a document is about: of the places it names ([`doc_places`]), the one mentioned
/// most, twice or more and more often than any other; `None` where no place stands out. A
/// report's figure set in another town in a sentence that names this one for the contrast is
/// the other town's (`rules::evidence`).
pub fn home_place(doc: &Document) -> Option<String> {
    let mentions = Mentions::of(doc);
    let mut counts: Vec<(usize, String)> = doc_places(doc)
        .into_iter()
        .map(|(p, _)| (mentions.count(&p), p))
        .collect();
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    match counts.as_slice() {
        [(n, p), rest @ ..] if *n >= 2 && rest.iter().all(|(m, _)| m < n) => Some(p.clone()),
        _ => None,
    }
}

/// The lower-cased words of a text's prose, sorted, for [`Mentions::count`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Mentions(Vec<String>);

/// A mention may carry this many letters past the place's name ("Bergheimer", "Ashby's").
const MENTION_SUFFIX: usize = 3;

impl Mentions {
    /// The prose words of `doc` (front matter, markup and code are not prose).
    pub fn of(doc: &Document) -> Mentions {
        Mentions::of_text(&doc.masked)
    }

    /// The words of a plain text.
    pub fn of_text(text: &str) -> Mentions {
        let mut w: Vec<String> = words_in(text, Span::new(0, text.len()))
            .into_iter()
            .map(|w| w.text.to_lowercase())
            .collect();
        w.sort_unstable();
        Mentions(w)
    }

    /// How often `place` (lower-cased) is mentioned: words that are the name or the name with
    /// a short ending (an adjective, a genitive).
    pub fn count(&self, place: &str) -> usize {
        let from = self.0.partition_point(|w| w.as_str() < place);
        self.0[from..]
            .iter()
            .take_while(|w| w.starts_with(place))
            .filter(|w| w.chars().count() <= place.chars().count() + MENTION_SUFFIX)
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A level noun before a name gives the name its level; a common noun after it does not.
    #[test]
    fn a_level_noun_names_a_places_level() {
        let doc = |t: &str, lang: Lang| Document::parse(t, crate::text::DocKind::Plain, Some(lang));
        let de = place_levels(&doc(
            "Das THW half in der Stadt Marlenbach und im Landkreis Grevenau. Die Stadt Feuerwehr half.",
            Lang::De,
        ));
        assert!(de.contains(&("marlenbach".to_string(), 1)), "{de:?}");
        assert!(de.contains(&("grevenau".to_string(), 2)), "{de:?}");
        if crate::lang::lexicon::available(Lang::De) {
            assert!(!de.iter().any(|(p, _)| p == "feuerwehr"), "{de:?}");
        }
        let en = place_levels(&doc(
            "Totals across Tarrow County ranged widely, and the city of Ashby was spared.",
            Lang::En,
        ));
        assert!(en.contains(&("tarrow".to_string(), 2)), "{en:?}");
        assert!(en.contains(&("ashby".to_string(), 1)), "{en:?}");
    }
    use crate::text::DocKind;

    fn places(text: &str, lang: Lang) -> Vec<(String, u32)> {
        doc_places(&Document::parse(text, DocKind::Plain, Some(lang)))
    }

    #[test]
    fn datelines_and_place_phrases() {
        let en = "Second fire near Ashby\n\nASHBY, Ore. (Allied Press) — A second wildfire broke out near Ashby, about 80 miles south of Dunmore.\n\nGusts reached 45 mph in Ashby.";
        assert_eq!(places(en, Lang::En), vec![("ashby".to_string(), 5)]);
        let de = "Bergheim. Deutlich schneller ging es am Donnerstag im Bergheimer Gemeinderat: Die Sitzung in Bergheim begann um 19 Uhr.";
        assert_eq!(places(de, Lang::De), vec![("bergheim".to_string(), 3)]);
        let dpa =
            "Berlin (dpa) – Die Bahn streikt. In Hamburg fielen Züge aus, auch in Hamburg-Altona.";
        let p = places(dpa, Lang::De);
        assert_eq!(p.first(), Some(&("berlin".to_string(), 2)));
        // A place and the full date open a town's release.
        let pm = "Merlau, 13. Juni 2024. Nach dem Hochwasser legt die Stadtverwaltung eine erste Bilanz vor.";
        assert_eq!(
            places(pm, Lang::De).first(),
            Some(&("merlau".to_string(), 2))
        );
        let en = "Ashby, June 13, 2024 – The city council met on Thursday.";
        assert_eq!(
            places(en, Lang::En).first(),
            Some(&("ashby".to_string(), 2))
        );
        assert!(p.contains(&("hamburg".to_string(), 1)));
    }

    #[test]
    fn not_places() {
        // Months, weekdays, function words, numbered halls and wards, sentence breaks.
        let en = "Prices rose in March. Voting in Ward 3 closed in Tuesday's dark. In The end it was in. London called.";
        assert!(
            places(en, Lang::En).is_empty(),
            "{:?}",
            places(en, Lang::En)
        );
        let de = "Die Messe in Halle 4 begann im März. Nein. Das war in Ordnung.";
        let p = places(de, Lang::De);
        assert_eq!(p, vec![("ordnung".to_string(), 1)]);
    }

    #[test]
    fn a_document_is_about_the_place_it_names_most() {
        let doc = |t: &str| Document::parse(t, DocKind::Plain, Some(Lang::De));
        let home = super::home_place(&doc(
            "In Grafenried stieg das Wasser. In Aumühle brach der Deich. Grafenried räumte, Grafenried half.",
        ));
        assert_eq!(home.as_deref(), Some("grafenried"));
        // A tie, or a place named once: none stands out.
        assert_eq!(
            super::home_place(&doc(
                "In Grafenried stieg das Wasser. In Aumühle brach der Deich."
            )),
            None
        );
    }

    #[test]
    fn mentions_count_forms_of_a_name() {
        let m = Mentions::of_text(
            "Bergheim, im Bergheimer Rat; Bergheimerinnen; Berg. Ashby's airport",
        );
        assert_eq!(m.count("bergheim"), 2);
        assert_eq!(m.count("ashby"), 1);
        assert_eq!(m.count("dunmore"), 0);
    }
}
