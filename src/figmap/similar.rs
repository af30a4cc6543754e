//! What makes two figures the same quantity: comparable kinds, agreement of values as
//! intervals, and the local context (words, qualifiers, places, companion figures) that tells
//! one quantity of a story from another.

use crate::config::Tolerance;
use crate::corpus::Corpus;
use crate::extract::{Approx, Dimension, Quantity};
use crate::lang::Lang;
use crate::text::words::words_in;
use crate::text::Span;
use std::collections::HashSet;

/// The idf-weighted share of `a`'s distinct terms that `b` contains.
pub fn overlap(corpus: &Corpus, a: &[String], b: &[String]) -> f32 {
    let bs: HashSet<&str> = b.iter().map(|s| s.as_str()).collect();
    let mut seen = HashSet::new();
    let (mut total, mut shared) = (0.0f32, 0.0f32);
    for t in a {
        if !seen.insert(t.as_str()) {
            continue;
        }
        let w = corpus.index.idf(t);
        total += w;
        if bs.contains(t.as_str()) {
            shared += w;
        }
    }
    if total <= 0.0 {
        0.0
    } else {
        shared / total
    }
}

/// Whether two figures can measure the same quantity at all.
pub fn comparable(a: &Quantity, b: &Quantity) -> bool {
    // One side of a result or record ("a 10-8 round", "his record to 52-3") is compared only
    // with sides of results, never with a count of rounds or games.
    if a.score != b.score {
        return false;
    }
    let dim_ok = a.dimension == b.dimension
        || matches!(
            (a.dimension, b.dimension),
            (Dimension::Count, Dimension::Number) | (Dimension::Number, Dimension::Count)
        );
    if !dim_ok {
        return false;
    }
    match a.dimension {
        Dimension::Currency => a.unit == b.unit,
        // A date compares with a date of the same kind (with year, without, a weekday), and a
        // date written without its year with a full date by its day of the year.
        Dimension::Date => a.unit.is_some() && (a.unit == b.unit || month_day_pair(a, b).is_some()),
        _ => true,
    }
}

/// For a date written without its year ("Jan. 1") and a full date ("January 2, 2026"), in
/// either order: the two as days of the year (month*100+day), the full date's year dropped.
/// `None` for other pairs, and for a full date whose span crosses a year's end.
pub fn month_day_pair(a: &Quantity, b: &Quantity) -> Option<(Quantity, Quantity)> {
    match (a.unit.as_deref(), b.unit.as_deref()) {
        (Some("md"), Some("date")) => Some((a.clone(), month_day(b)?)),
        (Some("date"), Some("md")) => Some((month_day(a)?, b.clone())),
        _ => None,
    }
}

/// A full date as the day of the year it names: value, bounds and unit as a date written
/// without its year. `None` for other figures and for a span across a year's end.
pub fn month_day(q: &Quantity) -> Option<Quantity> {
    if q.dimension != Dimension::Date || q.unit.as_deref() != Some("date") {
        return None;
    }
    let md = |days: f64| {
        let (y, m, d) = crate::extract::date_from_days(days.round() as i64);
        (y, f64::from(m * 100 + d))
    };
    let (y0, v) = md(q.value);
    let (y1, lo) = md(q.low.min(q.value));
    let (y2, hi) = md(q.high.max(q.value));
    if y0 != y1 || y0 != y2 {
        return None;
    }
    let mut out = q.clone();
    out.value = v;
    out.low = lo;
    out.high = hi;
    out.unit = Some("md".into());
    Some(out)
}

/// [`comparable`]; and, for a draft figure `a` against a source's `b` (`directed`), a count of
/// one side of a vote ("Dagegen votierten 23 Mitglieder") with that side of a source's tally
/// ("38 zu 23 Stimmen"): the tally says how many voted so, and "no source supports 23" would
/// be false. Not the other way: a draft's tally ("scheiterte mit 8 zu 14 Stimmen") names one
/// vote by both its sides, and a lone count of some vote's no-side is no evidence about it.
pub fn comparable_mentions(a: &Mention, b: &Mention, directed: bool) -> bool {
    let count = |q: &Quantity| matches!(q.dimension, Dimension::Count | Dimension::Number);
    comparable(a.q, b.q)
        || (directed
            && !a.q.score
            && b.q.score
            && count(a.q)
            && count(b.q)
            && a.local.side.is_some()
            && b.local.side.is_some())
}

/// The interval of a figure in its dimension's base unit. Approximators stretch it by the
/// configured tolerance; exact figures and explicit bounds keep the extractor's interval
/// (which carries the rounding the figure's precision implies).
pub fn interval(q: &Quantity, tol: &Tolerance) -> (f64, f64) {
    let f = if q.factor > 0.0 { q.factor } else { 1.0 };
    let (lo, hi) = if q.low <= q.high {
        (q.low, q.high)
    } else {
        (q.high, q.low)
    };
    let v = q.value;
    let (lo, hi) = match q.approx {
        // "around 2:40 p.m.": the extractor's quarter of an hour, not a share of the hour.
        Approx::About if q.dimension == Dimension::TimeOfDay => (lo, hi),
        Approx::About => (lo.min(v * (1.0 - tol.about)), hi.max(v * (1.0 + tol.about))),
        Approx::Nearly => (lo.min(v * (1.0 - tol.nearly)), hi.max(v)),
        Approx::JustOver => (lo.min(v), hi.max(v * (1.0 + tol.just_over))),
        Approx::MoreThan | Approx::AtLeast => {
            (lo.min(v), hi.max(v).min(v * (1.0 + tol.more_than)).max(v))
        }
        _ => (lo, hi),
    };
    let (a, b) = (lo * f, hi * f);
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Whether two figures agree: each states a value the other allows. Two approximate figures
/// ("about 55,000" and "about 48,000") whose stretched intervals merely touch do not agree;
/// ranges are compared by overlap.
pub fn agree(a: &Quantity, b: &Quantity, tol: &Tolerance) -> bool {
    if let Some((x, y)) = month_day_pair(a, b) {
        return agree(&x, &y, tol);
    }
    // A bare clock time ("at 10:02", no "a.m."/"p.m.", no „Uhr“) on a twelve-hour dial may be
    // either half of the day: "10:02" agrees with "10:02 p.m.".
    if let Some(at) = [a, b].into_iter().position(bare_clock) {
        let (bare, other) = if at == 0 { (a, b) } else { (b, a) };
        if other.dimension == Dimension::TimeOfDay && !bare_clock(other) {
            let mut pm = bare.clone();
            pm.value += 12.0;
            pm.low += 12.0;
            pm.high += 12.0;
            if agree_plain(&pm, other, tol) {
                return true;
            }
        }
    }
    agree_plain(a, b, tol)
}

/// A time of day written with digits only ("10:02", "9:44"), one to twelve o'clock: which
/// half of the day it means is not written.
fn bare_clock(q: &Quantity) -> bool {
    q.dimension == Dimension::TimeOfDay
        && !q.text.chars().any(char::is_alphabetic)
        && q.low >= 1.0
        && q.high < 13.0
}

/// [`agree`] without the twelve-hour reading of a bare clock time.
fn agree_plain(a: &Quantity, b: &Quantity, tol: &Tolerance) -> bool {
    let (al, ah) = interval(a, tol);
    let (bl, bh) = interval(b, tol);
    // Epsilon for rounding of converted units and of stored bounds (12:05 a.m. is
    // 0.0833… h, its bounds kept to nine decimals).
    let eps = 1e-7 * ah.abs().max(bh.abs()).max(1.0);
    if a.approx == Approx::Range && b.approx == Approx::Range {
        // Two spans of time (opening hours, a fair's days) agree only end for end: "from
        // 9 a.m. to 5 p.m." is not "from 8 a.m. to 8 p.m.", though they overlap. Estimates
        // ("$55 million to $70 million") agree where they overlap.
        if point(a) && point(b) {
            return (al - bl).abs() <= eps && (ah - bh).abs() <= eps;
        }
        return al <= bh + eps && bl <= ah + eps;
    }
    let inside = |v: f64, lo: f64, hi: f64| lo - eps <= v && v <= hi + eps;
    let (av, bv) = (anchor(a), anchor(b));
    inside(av, bl, bh) || inside(bv, al, ah)
}

/// A name as a key, lower case and without an English possessive: "Kellner's line" names
/// Kellner.
fn name_key(word: &str) -> String {
    let lower = word.to_lowercase();
    ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|p| lower.strip_suffix(p))
        .filter(|k| !k.is_empty())
        .map_or_else(|| lower.clone(), str::to_string)
}

impl Local {
    /// The context of a point in time: only a plan, forecast, proposal or demand qualifies a
    /// date or time ("planned for June 20"); an area level ("sold nationwide from March 2022"),
    /// a rate or "last" ("its last day will be June 20") says nothing about when.
    pub fn for_point(mut self, q: &Quantity) -> Local {
        if point(q) {
            self.qualifiers = std::mem::take(&mut self.point_qualifiers);
        } else {
            self.point_head = None;
        }
        self
    }
}

/// Punctuation that ends a clause between two words.
pub const CLAUSE_BREAKS: [char; 8] = [',', ';', ':', '.', '(', ')', '–', '—'];

/// [`CLAUSE_BREAKS`] but the full stop, which inside a sentence ends an abbreviation ("a.m.",
/// "Dr."), no clause.
pub const INNER_BREAKS: [char; 7] = [',', ';', ':', '(', ')', '–', '—'];

/// Whether `text[lo..hi]` (the text between two words) holds a clause break: one of `marks`
/// (as [`CLAUSE_BREAKS`]), but not the separator inside a number ("84,000", "3.5", "10:30").
pub fn breaks_clause(text: &str, lo: usize, hi: usize, marks: &[char]) -> bool {
    let Some(gap) = text.get(lo..hi) else {
        return false;
    };
    let before = text.get(..lo).and_then(|t| t.chars().next_back());
    let after = text.get(hi..).and_then(|t| t.chars().next());
    let chars: Vec<char> = before.into_iter().chain(gap.chars()).chain(after).collect();
    let skip = usize::from(before.is_some());
    let inner = chars.len() - skip - usize::from(after.is_some());
    (skip..skip + inner).any(|i| {
        chars.get(i).is_some_and(|c| marks.contains(c)) && {
            let digit = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c: &char| c.is_ascii_digit())
            };
            !(digit(i.checked_sub(1)) && digit(Some(i + 1)))
        }
    })
}

/// Whether two values are equal but for rounding (of converted units, of stored bounds).
pub fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Whether a figure is a point in time (a date, a year, a time of day), not an amount.
pub fn point(q: &Quantity) -> bool {
    matches!(
        q.dimension,
        Dimension::Date | Dimension::Year | Dimension::TimeOfDay
    )
}

/// The value a figure states, in base units (the middle of a range).
fn anchor(q: &Quantity) -> f64 {
    let f = if q.factor > 0.0 { q.factor } else { 1.0 };
    if q.approx == Approx::Range {
        (q.low + q.high) / 2.0 * f
    } else {
        q.value * f
    }
}

/// The counted noun as a comparison term; `None` for generic nouns ("Menschen", "people"),
/// which any count of persons may use and so tell nothing about the quantity.
pub fn counted_term(lang: Lang, q: &Quantity) -> Option<String> {
    q.counted
        .as_deref()
        .map(str::to_lowercase)
        .filter(|c| !lang.text_data().generic_counted.contains(c))
        .map(|c| crate::text::words::term(lang, &c))
}

/// The counted noun of a bare count that ends a "label: figure" line of a list or fact box
/// ("- Households under evacuation orders: 1,650", „Evakuierte Haushalte: 1.650“): the
/// label's head — in English the word before its first preposition, else its last word; in
/// German its last capitalised word.
pub fn label_counted(text: &str, q: &Quantity, lang: Lang) -> Option<String> {
    if q.counted.is_some() || !matches!(q.dimension, Dimension::Count | Dimension::Number) {
        return None;
    }
    let line_start = text.get(..q.span.start)?.rfind('\n').map_or(0, |i| i + 1);
    let rest = text.get(q.span.end..)?;
    let line_end = rest.find('\n').unwrap_or(rest.len());
    if !rest
        .get(..line_end)?
        .trim()
        .trim_end_matches(['.', '|'])
        .trim()
        .is_empty()
    {
        return None;
    }
    let label = text.get(line_start..q.span.start)?.trim_end();
    let label = label.strip_suffix(':')?;
    label_head(label, lang)
}

/// The counted noun a label names: in English the word before its first preposition, else its
/// last word; in German its last capitalised word. `None` for generic or function words.
fn label_head(label: &str, lang: Lang) -> Option<String> {
    let words: Vec<&str> = label
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let preps = &lang.text_data().label_prepositions;
    let cut = words
        .iter()
        .position(|w| preps.contains(&w.to_lowercase()))
        .unwrap_or(words.len());
    let before = words.get(..cut)?;
    let head = match lang {
        Lang::En => before.last()?,
        Lang::De => before
            .iter()
            .rev()
            .find(|w| w.chars().next().is_some_and(char::is_uppercase))?,
    };
    let lower = head.to_lowercase();
    (!lang.text_data().generic_counted.contains(&lower) && !lang.text_data().is_stopword(&lower))
        .then(|| crate::text::words::term(lang, &lower))
}

/// The text a figure is read in: its sentence, or for a table cell its whole row ("| Lydia
/// Perrault | 4,232 | 3.8% |": whose votes, with which share).
pub fn figure_unit(doc: &crate::text::Document, sentence: &crate::text::Sentence) -> Span {
    let in_cell = doc
        .blocks
        .get(sentence.block)
        .is_some_and(|b| b.kind == crate::text::BlockKind::TableCell);
    if !in_cell {
        return sentence.span;
    }
    crate::text::table::cell_context(&doc.text, sentence.span)
        .and_then(|c| {
            let lo = c
                .others
                .iter()
                .map(|o| o.start)
                .min()?
                .min(sentence.span.start);
            let hi = c.others.iter().map(|o| o.end).max()?.max(sentence.span.end);
            Some(Span::new(lo, hi))
        })
        .unwrap_or(sentence.span)
}

/// The counted noun of a bare count in a table cell: its column's header ("Votes") unless that
/// names a measure ("Wert", "Value"), else the row's first cell ("| Evakuierte in Grafenried |
/// 3.100 | 1.870 |"), read as a label.
pub fn table_counted(
    doc: &crate::text::Document,
    sentence: &crate::text::Sentence,
    q: &Quantity,
) -> Option<String> {
    if q.counted.is_some()
        || !matches!(q.dimension, Dimension::Count | Dimension::Number)
        || !doc
            .blocks
            .get(sentence.block)
            .is_some_and(|b| b.kind == crate::text::BlockKind::TableCell)
    {
        return None;
    }
    let lang = doc.lang;
    let ctx = crate::text::table::cell_context(&doc.text, sentence.span)?;
    let read = |span: Span| {
        doc.masked
            .get(span.start..span.end)
            .and_then(|t| label_head(t, lang))
    };
    // A header that names a measure ("Wert", "Value", "Anzahl") says nothing of what is
    // counted: the row's label does.
    let measure = |span: &Span| {
        doc.masked.get(span.start..span.end).is_some_and(|t| {
            let t = t.trim().to_lowercase();
            lang.text_data()
                .measure_nouns
                .iter()
                .any(|m| lang.stem(m) == lang.stem(&t))
        })
    };
    ctx.header
        .filter(|h| !measure(h))
        .and_then(read)
        .or_else(|| {
            ctx.others
                .first()
                .filter(|c| c.end <= q.span.start)
                .copied()
                .and_then(read)
        })
}

pub fn base_value(q: &Quantity) -> f64 {
    q.value * if q.factor > 0.0 { q.factor } else { 1.0 }
}

/// Words this far from a figure (in words) are its local context.
const LOCAL_WINDOW: usize = 6;
/// Qualifiers (forecast, capacity, …) count this far from a figure.
const QUALIFIER_WINDOW: usize = 8;
/// Penalty when both figures come with a companion figure of one kind ("over 12 months" vs
/// "over two years") and the companions disagree.
const COMPANION_PENALTY: f32 = 0.35;
/// Bonus when two figures share a specific companion ([`companions_agree`]).
const COMPANION_BONUS: f32 = 0.15;
/// Penalty per qualifier group (forecast, capacity, test, …) present on one side only.
const QUALIFIER_PENALTY: f32 = 0.35;
/// Penalty when both figures are placed ("in Bayern", "in Texas") and the places differ.
const PLACE_PENALTY: f32 = 0.5;
/// Penalty when the names nearest two figures differ (another person's or firm's figure).
const NAME_PENALTY: f32 = 0.5;
/// Bonus for two ages next to the same name.
const NAME_BONUS_AGE: f32 = 0.5;
/// Words after (or before) a figure searched for its head.
const HEAD_WINDOW: usize = 3;
/// Bonus when two figures have the same head ("Verspätung" / "verspätet").
const HEAD_BONUS: f32 = 0.25;

/// Penalty for two counts of which one sentence names the other's counted noun without
/// counting it with its figure (see `similarity`).
const COUNTED_ELSEWHERE: f32 = 0.4;

/// Whether a mention's counted noun is a common noun of the lexicon, not a name ("180
/// Harwenstedter" counts people of the place the other sentence names).
fn counted_common(m: &Mention) -> bool {
    match (m.q.counted.as_deref(), m.local.lang) {
        (Some(c), Some(lang)) => crate::lang::lexicon::common_noun(lang, c),
        _ => false,
    }
}

/// Whether two mentions' counted nouns are related words by the lexicon (a shared synset, a
/// German compound's head).
fn counted_related(a: &Mention, b: &Mention) -> bool {
    match (a.q.counted.as_deref(), b.q.counted.as_deref(), a.local.lang) {
        (Some(x), Some(y), Some(lang)) => crate::lang::lexicon::related(lang, x, y),
        _ => false,
    }
}
/// Bonus when two figures' heads are related words ("Verspätung" / "Verzögerung"): a synonym
/// is weaker evidence than the same word ("Mitglieder" / "Ratsmitglieder" may still be the
/// yes and the no votes).
const RELATED_HEAD_BONUS: f32 = 0.15;

/// Bonus when two figures count the same word, beyond the same synonym group: the guests
/// of an opening ceremony are guests before they are visitors of the fair.
const SAME_WORD_BONUS: f32 = 0.05;

/// Whether `a` and `b` count one word (the same stem of their counted nouns).
fn same_counted_word(a: &Mention, b: &Mention) -> bool {
    let lang = a.local.lang.unwrap_or(Lang::En);
    match (a.q.counted.as_deref(), b.q.counted.as_deref()) {
        (Some(x), Some(y)) => x.eq_ignore_ascii_case(y) || lang.stem(x) == lang.stem(y),
        _ => false,
    }
}

/// The local context of a figure: comparison terms of the words near it in its sentence (other
/// figures' numbers excluded), and the qualifier groups among them.
#[derive(Clone, Debug, Default)]
pub struct Local {
    pub terms: Vec<String>,
    pub qualifiers: HashSet<usize>,
    /// The qualifier groups given by words that qualify a date or time too ("planned",
    /// "proposed"): see [`Local::for_point`].
    pub point_qualifiers: HashSet<usize>,
    /// Capitalised words after "in"/"im"/"across"…: where the figure applies.
    pub places: HashSet<String>,
    /// The area levels (ward, city, county: [`Lang::scope_level`]) named near the figure.
    pub scopes: HashSet<usize>,
    /// The byte extent of the local window, for companion figures.
    pub extent: Span,
    /// The word the figure measures, as a comparison term (see [`local_context`]).
    pub head: Option<String>,
    /// That word as written, lower case, when the lexicon may compare it
    /// ([`crate::lang::lexicon::related`], when the terms differ): not across a clause
    /// boundary, and in German only a noun.
    pub head_word: Option<String>,
    /// A second reading of the head (and head word) of a point in time that follows a
    /// preposition ("his finest season in 2008 with 59 receptions", "adjourned at 11:52
    /// p.m."): the word before the phrase, what it dates. [`head_relation`] takes the closer
    /// of the two readings. `None` for any other figure (see [`Local::for_point`]).
    pub point_head: Option<(Option<String>, Option<String>)>,
    /// The language of the figure's text (what `head_word` is a word of).
    pub lang: Option<Lang>,
    /// The name nearest the figure in its window (English: a capitalised word that is not a
    /// function word), lower case: whose figure it is ("Whitcombe's 58,214 votes").
    pub name: Option<String>,
    /// Every name in the window (a name of several words: "the Lumen Tour").
    pub names: HashSet<String>,
    /// Every name in the figure's sentence, within the window or not.
    pub sentence_names: HashSet<String>,
    /// `name` is surely a name: not one capitalised word opening its sentence ("Shares fell
    /// 6.2 percent", where the capital is the sentence's).
    pub name_sure: bool,
    /// How many years before the report's time the figure holds: 1 for "im Vorjahr", "last
    /// year", "a year earlier"; one more for each such phrase before it in its sentence that
    /// dates another figure ("84,000 visits last year, down from 97,000 the year before": the
    /// 97,000 is two years back). 0: the report's own time.
    pub years_back: u8,
    /// The side of a vote the figure counts (a group of [`crate::lang::TextData::vote_sides`]):
    /// a side word in the figure or at most [`SIDE_AFTER`] words after it in its clause
    /// ("14 Räte dafür, acht dagegen"), else right before it ("dagegen stimmten sieben").
    pub side: Option<usize>,
    /// The figure's role in a change ([`Change`]), from the preposition right before it.
    pub change: Option<Change>,
    /// The clock time (minutes after midnight) that opens the figure's paragraph or list item,
    /// a live blog's or ticker's entry time ("**10:58 p.m.** With 62 percent …"): figures of
    /// entries of other times are other moments of the count (see [`block_moment`]).
    pub moment: Option<i64>,
}

/// The clock time opening paragraph `block` before any word, in minutes after midnight, when
/// `q` is not that time itself: the entry time of a live blog or ticker entry.
pub fn block_moment(text: &str, block: Span, q: &Quantity, figures: &[Quantity]) -> Option<i64> {
    let first = figures
        .iter()
        .filter(|f| f.span.start >= block.start && f.span.end <= block.end)
        .min_by_key(|f| f.span.start)?;
    let lead = text.get(block.start..first.span.start)?;
    let opens = lead.chars().all(|c| !c.is_alphanumeric());
    (opens && first.dimension == Dimension::TimeOfDay && first.span != q.span)
        .then(|| (first.value * 60.0).round() as i64)
}

/// Both figures stand in entries of different times.
pub fn moments_differ(a: &Local, b: &Local) -> bool {
    matches!((a.moment, b.moment), (Some(x), Some(y)) if x != y)
}

/// A figure's role in a change: the level before it, the level after it, or its amount. The
/// old rate, the new one and the rise are three quantities ("von 380 auf 425 Prozent", "um
/// zwölf Prozent").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    From,
    To,
    By,
}

/// Words after a "from" figure in which its "to" figure must follow.
const CHANGE_SPAN: usize = 4;

/// The role in a change of the figure spanning words `first..=last` (see [`Local::change`]).
fn change_of(
    lang: Lang,
    words: &[crate::text::words::Word<'_>],
    first: usize,
    last: usize,
) -> Option<Change> {
    let td = lang.text_data();
    let lower = |k: usize| words.get(k).map(|w| w.text.to_lowercase());
    let mut before = lower(first.checked_sub(1)?)?;
    // One adverb may stand between the preposition and the figure: „um durchschnittlich acht
    // Prozent“, "by another 8 percent".
    let mut at = first;
    if !td.change_by.contains(&before) && first >= 2 {
        let adverb = words.get(first - 1).is_some_and(|w| {
            w.text.chars().all(char::is_alphabetic)
                && w.text.starts_with(|c: char| c.is_lowercase())
        });
        if let Some(prep) = lower(first - 2).filter(|p| adverb && td.change_by.contains(p)) {
            before = prep;
            at = first - 1;
        }
    }
    if td.change_by.contains(&before) {
        // "is being fought by 410 firefighters": the agent of a passive, not an amount.
        let passive = (2..=3).any(|n| {
            at.checked_sub(n)
                .and_then(lower)
                .is_some_and(|w| td.passive_auxiliaries.contains(&w))
        });
        return (!passive).then_some(Change::By);
    }
    // "vier Prozent mehr als im Vorjahr", "1,000 fewer than last year": the amount.
    if lower(last + 1).is_some_and(|w| td.change_comparatives.contains(&w)) {
        return Some(Change::By);
    }
    let number = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
    };
    if td.change_to.contains(&before) {
        // "beat him 35,120 to 31,004": between two bare numbers "to" joins a tally, unless a
        // "from" opens it ("from 380 to 425").
        let tally = first >= 2
            && number(first - 2)
            && !(first >= 3 && lower(first - 3).is_some_and(|w| td.change_from.contains(&w)));
        return (!tally).then_some(Change::To);
    }
    let to_follows = (last + 1..=last + CHANGE_SPAN)
        .any(|k| lower(k).is_some_and(|w| td.change_to.contains(&w)) && number(k + 1));
    (td.change_from.contains(&before) && to_follows).then_some(Change::From)
}

/// Both figures have a role in a change, and not the same; or one is the amount of a change
/// or a margin ("beating Oyelaran by about 8,300 votes", „um zwölf Prozent“) and the other a
/// level, which it never is.
pub fn changes_differ(a: &Local, b: &Local) -> bool {
    match (a.change, b.change) {
        (Some(x), Some(y)) => x != y,
        (Some(Change::By), None) | (None, Some(Change::By)) => true,
        _ => false,
    }
}

/// Bonus when two figures count the same side of a vote (their counted nouns then say no
/// more: „Gegenstimmen“, „Räte … dagegen“).
const SAME_SIDE_BONUS: f32 = 0.4;
/// Bonus when two figures are both the amount of a change (see [`Change::By`]): weaker than a
/// shared side, since a rise and a fall are both amounts.
const SAME_CHANGE_BONUS: f32 = 0.2;

/// Words after a figure in which the side of a vote it counts is named.
const SIDE_AFTER: usize = 3;
/// Words before a figure in which the side of a vote it counts is named.
const SIDE_BEFORE: usize = 2;

/// The vote side group of a lower-cased word, if any.
fn vote_side(lang: Lang, lower: &str) -> Option<usize> {
    lang.text_data()
        .vote_sides
        .iter()
        .position(|g| g.iter().any(|w| w == lower))
}

/// Words around a tally in which its noun ("Stimmen", "votes") is looked for.
const TALLY_NOUN_WINDOW: usize = 4;

/// The side a count of a tally counts: "38 zu 23 Stimmen", "by a vote of 38 to 23": the first
/// the first side (for), the second the second (against).
fn tally_side(
    lang: Lang,
    words: &[crate::text::words::Word<'_>],
    first: usize,
    last: usize,
) -> Option<usize> {
    let td = lang.text_data();
    let lower = |k: usize| words.get(k).map(|w| w.text.to_lowercase());
    let number = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
    };
    let joiner = |k: usize| lower(k).is_some_and(|w| td.tally_joiners.contains(&w));
    let noun_near = |a: usize, b: usize| {
        (a.saturating_sub(TALLY_NOUN_WINDOW)..=b + TALLY_NOUN_WINDOW)
            .any(|k| lower(k).is_some_and(|w| td.tally_nouns.contains(&w)))
    };
    if first == last && joiner(last + 1) && number(last + 2) && noun_near(first, last + 2) {
        return Some(0);
    }
    if first == last
        && first >= 2
        && joiner(first - 1)
        && number(first - 2)
        && noun_near(first - 2, last)
    {
        return Some(1);
    }
    None
}

/// The side of a vote the figure spanning words `first..=last` counts (see [`Local::side`]).
fn side_of(
    lang: Lang,
    text: &str,
    words: &[crate::text::words::Word<'_>],
    first: usize,
    last: usize,
) -> Option<usize> {
    let clause_break = |a: &crate::text::words::Word<'_>, b: &crate::text::words::Word<'_>| {
        breaks_clause(text, a.span.end, b.span.start, &CLAUSE_BREAKS)
    };
    if let Some(side) = tally_side(lang, words, first, last) {
        return Some(side);
    }
    let mut k = first;
    while k < words.len() && k <= last + SIDE_AFTER {
        if k > first
            && words
                .get(k - 1)
                .zip(words.get(k))
                .is_some_and(|(a, b)| clause_break(a, b))
        {
            break;
        }
        if let Some(g) = words
            .get(k)
            .and_then(|w| vote_side(lang, &w.text.to_lowercase()))
        {
            return Some(g);
        }
        k += 1;
    }
    let mut k = first;
    while k > 0 && first - k < SIDE_BEFORE {
        if words
            .get(k - 1)
            .zip(words.get(k))
            .is_some_and(|(a, b)| clause_break(a, b))
        {
            break;
        }
        k -= 1;
        if let Some(g) = words
            .get(k)
            .and_then(|w| vote_side(lang, &w.text.to_lowercase()))
        {
            return Some(g);
        }
    }
    // A verb of voting with a side's preposition in the figure's clause: „Für den Entwurf
    // stimmten 38 Ratsmitglieder“, "38 members voted against it".
    let td = lang.text_data();
    let joined = |k: usize| {
        words
            .get(k)
            .zip(words.get(k + 1))
            .is_some_and(|(a, b)| !clause_break(a, b))
    };
    let (mut lo, mut hi) = (first, last);
    while lo > 0 && joined(lo - 1) {
        lo -= 1;
    }
    while joined(hi) {
        hi += 1;
    }
    let clause: Vec<String> = words
        .get(lo..=hi)
        .unwrap_or(&[])
        .iter()
        .map(|w| w.text.to_lowercase())
        .collect();
    if !clause.iter().any(|w| td.vote_verbs.contains(w)) {
        return None;
    }
    let sides: Vec<usize> = clause
        .iter()
        .filter_map(|w| td.vote_prepositions.iter().position(|p| p == w))
        .collect();
    match sides.as_slice() {
        [side] => Some(*side),
        _ => None,
    }
}

/// Whether two figures' companions (other figures in their local windows) of a common kind all
/// disagree: "9.5 percent over 12 months" vs "7 percent over two years".
pub fn companions_disagree(qa: &[Quantity], ca: &[Quantity], tol: &Tolerance) -> bool {
    let mut shared_kind = false;
    for a in qa {
        for b in ca {
            if comparable(a, b) {
                shared_kind = true;
                if agree(a, b, tol) {
                    return false;
                }
            }
        }
    }
    shared_kind
}

/// Both figures come with the same specific companion — a day's date or a figure of three
/// or more significant digits ("zum 1. März 2027 um acht Prozent" and "werden zum 1. März
/// 2027 um durchschnittlich acht Prozent angehoben"): two reports phrasing one statement
/// differently.
pub fn companions_agree(qa: &[Quantity], ca: &[Quantity], tol: &Tolerance) -> bool {
    let specific = |q: &Quantity| match q.dimension {
        // A written date, not a weekday ("am Montag", resolved against the report's date).
        Dimension::Date => q.low == q.high && q.text.chars().any(|c| c.is_ascii_digit()),
        Dimension::Year | Dimension::TimeOfDay | Dimension::Age => false,
        _ => crate::extract::quantity::significant_digits(&q.text) >= 3,
    };
    qa.iter()
        .any(|a| specific(a) && ca.iter().any(|b| comparable(a, b) && agree(a, b, tol)))
}

/// Words at most this far apart make two figures companions.
const COMPANION_GAP: usize = 3;

/// The companions of a figure: the other figures that specify it ("9.5 percent over 12
/// months", "61.400 Besucher aus 38 Ländern"): close to it in its local window, with no clause
/// boundary or coordination between them ("kostet 49.800 Euro und kommt ab Mai 2026": the date
/// is another statement, not a companion of the price).
pub fn companions(text: &str, q: &Quantity, local: &Local, all: &[Quantity]) -> Vec<Quantity> {
    all.iter()
        .filter(|x| x.span != q.span && local.extent.contains(x.span))
        .filter(|x| {
            let (lo, hi) = if x.span.start >= q.span.end {
                (q.span.end, x.span.start)
            } else {
                (x.span.end, q.span.start)
            };
            let Some(between) = text.get(lo..hi.max(lo)) else {
                return false;
            };
            let words: Vec<String> = between
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            words.len() <= COMPANION_GAP
                && !between.contains([',', ';', ':', '(', ')', '–', '—'])
                && !words.iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "und" | "oder" | "and" | "or" | "but" | "aber" | "sowie"
                    )
                })
        })
        .cloned()
        .collect()
}

/// The number spans of the quantities that can own a qualifier word near them: counts and
/// measures, not dates, years, times of day or durations (see [`local_context`]).
pub fn owners<'a>(quantities: impl IntoIterator<Item = &'a Quantity>) -> Vec<(Span, bool)> {
    quantities
        .into_iter()
        .map(|q| {
            // The halves of a range ("$55 million to $70 million") are one figure: neither
            // takes the other's qualifier ("estimate").
            let owns = !matches!(
                q.dimension,
                Dimension::Date | Dimension::Year | Dimension::TimeOfDay | Dimension::Duration
            ) && q.approx != crate::extract::Approx::Range;
            (q.span, owns)
        })
        .collect()
}

/// Computes the local context of the figure at `q_span` in `sentence`.
pub fn local_context(
    text: &str,
    sentence: Span,
    q_span: Span,
    numbers: &[Span],
    owners: &[(Span, bool)],
    speakers: &[Span],
    lang: Lang,
) -> Local {
    let words = words_in(text, sentence);
    let inside = |w: Span| numbers.iter().any(|n| n.overlaps(w));
    let first = words
        .iter()
        .position(|w| w.span.end > q_span.start)
        .unwrap_or(words.len());
    let last = words
        .iter()
        .rposition(|w| w.span.start < q_span.end)
        .unwrap_or(first);
    let lo = first.saturating_sub(LOCAL_WINDOW);
    let hi = (last + LOCAL_WINDOW + 1).min(words.len());
    let mut terms = Vec::new();
    let mut qualifiers = HashSet::new();
    // The qualifier groups given by words that qualify a date or time too ("planned").
    let mut point_groups = HashSet::new();
    let mut places = HashSet::new();
    let mut scopes = HashSet::new();
    let window = words.get(lo..hi).unwrap_or(&[]);
    let q_lo = first.saturating_sub(QUALIFIER_WINDOW);
    let q_hi = (last + QUALIFIER_WINDOW + 1).min(words.len());
    let comparison = &lang.text_data().comparison;
    // The word positions of the sentence's other counts and measures (`owners`: not times,
    // which qualify nothing — "Für 2025 rechnet Veltra mit 310 Millionen" forecasts the 310
    // million, "four years ago" dates a figure). A qualifier or "years ago" nearer one of them
    // than this figure is that figure's ("268,900 registered voters, a turnout of 41.8
    // percent"; "41.8 percent, up from 33.5 percent four years ago"); a word of another figure
    // ("Vier Tage") is that figure's.
    let other_figures: Vec<(Span, bool)> = owners
        .iter()
        .copied()
        .filter(|(n, _)| !n.overlaps(q_span))
        .collect();
    let others: Vec<usize> = other_figures
        .iter()
        .filter(|(_, owns)| *owns)
        .filter_map(|(n, _)| words.iter().position(|w| w.span.overlaps(*n)))
        .collect();
    // Distance in words, a clause break between counting as five more ("41,8 Prozent, vor vier
    // Jahren bei 33,5 Prozent": the "vor" is the second figure's).
    let apart = |a: usize, b: usize| {
        let (lo, hi) = (a.min(b), a.max(b));
        let broken = match (words.get(lo), words.get(hi)) {
            (Some(x), Some(y)) if lo < hi => {
                breaks_clause(text, x.span.end, y.span.start, &INNER_BREAKS)
            }
            _ => false,
        };
        hi - lo + if broken { 5 } else { 0 }
    };
    let nearer_other = |k: usize| {
        let own = if k < first {
            apart(k, first)
        } else if k > last {
            apart(last, k)
        } else {
            0
        };
        // A word in brackets after this figure, with another figure in them, is that one's:
        // "3,80 Euro (Vorjahr: 3,50 Euro)", "$3.80 (last year: $3.50)".
        let bracketed = |o: usize| {
            let gap = |x: usize, y: usize| match (words.get(x), words.get(y)) {
                (Some(a), Some(b)) => text.get(a.span.end..b.span.start).unwrap_or(""),
                _ => "",
            };
            k > last && o > k && {
                let before = gap(last, k);
                before.contains('(') && !before.contains(')') && !gap(k, o).contains(')')
            }
        };
        others.iter().any(|&o| apart(o, k) < own || bracketed(o))
            || words
                .get(k)
                .is_some_and(|w| other_figures.iter().any(|(n, _)| n.contains(w.span)))
    };
    // "im Vorjahr", "last year", "a year earlier" at word `j`: a year before.
    let earlier_year_at = |j: usize| {
        let td = lang.text_data();
        let year_word = |x: Option<&crate::text::words::Word>| {
            x.is_some_and(|x| td.year_words.contains(&x.text.to_lowercase()))
        };
        words.get(j).is_some_and(|w| {
            let lower = w.text.to_lowercase();
            td.year_before.iter().any(|p| lower.starts_with(p.as_str()))
                || (td.earlier.contains(&lower)
                    && (year_word(j.checked_sub(1).and_then(|p| words.get(p)))
                        || year_word(words.get(j + 1))))
                || (td.ago_before.contains(&lower) && year_word(words.get(j + 2)))
        })
    };
    let mut years_back = 0u8;
    for (k, w) in words.iter().enumerate().take(q_hi).skip(q_lo) {
        // An area level counts for every figure near it: "Ward 3 led the city with 55.2
        // percent" names both the ward and the city the figure is compared across. Not one
        // in another clause, nearer another figure: „in der Stadt bei 7,2 Prozent, im
        // Landkreis bei 4,9 Prozent“.
        let other_clause = || {
            let (lo, hi) = if w.span.start >= q_span.end {
                (q_span.end, w.span.start)
            } else {
                (w.span.end, q_span.start)
            };
            breaks_clause(text, lo, hi, &INNER_BREAKS)
        };
        if let Some(g) = lang.scope_level(&w.text.to_lowercase()) {
            if !(nearer_other(k) && other_clause()) {
                scopes.insert(g);
            }
        }
        if nearer_other(k) {
            continue;
        }
        // "später als geplant", "more than expected": the plan is what the figure is measured
        // against, not what it is.
        let compared_at = |back: usize| {
            k.checked_sub(back)
                .and_then(|p| words.get(p))
                .is_some_and(|p| comparison.iter().any(|c| c == &p.text.to_lowercase()))
        };
        if compared_at(1) {
            continue;
        }
        let lower = w.text.to_lowercase();
        // "vier Prozent mehr als im Vorjahr", "more than the year before": the year before is
        // what the figure is compared with, not when it holds.
        let compared_year = compared_at(2) || compared_at(3);
        // "im Vorjahr", "last year", "a year earlier": the figure holds a year before.
        let td = lang.text_data();
        if compared_year
            && (td.year_before.iter().any(|p| lower.starts_with(p.as_str()))
                || td.earlier.contains(&lower))
        {
            continue;
        }
        if earlier_year_at(k) {
            // The same phrase dating another figure before it in the sentence makes this one
            // relative to that one: "the year before" last year.
            let before = (0..k.min(first))
                .filter(|&j| earlier_year_at(j) && nearer_other(j))
                .count();
            years_back = years_back.max(1 + u8::try_from(before.min(3)).unwrap_or(3));
            continue;
        }
        // A hyphenated compound qualifies as its last part does: "a four-day tour" is a span
        // of days as "four days" is, "long-planned" a plan.
        let group = lang.qualifier_group(&lower).or_else(|| {
            lower
                .rsplit_once('-')
                .and_then(|(_, part)| lang.qualifier_group(part))
        });
        if let Some(g) = group {
            if lang.qualifies_point(&lower) {
                point_groups.insert(g);
            }
            qualifiers.insert(g);
        }
    }
    // A clause opened after a comma by „als“ / "when" holds when the time before the comma
    // does: „gegenüber dem Vorjahr, als die FORMA 52.300 Besucher verzeichnete“, "up from
    // last year, when 52,300 came" (the year before is the other figure's comparison, but
    // this figure's time).
    if years_back == 0 {
        let mut j = first.min(words.len());
        while j > 0
            && !words
                .get(j - 1)
                .zip(words.get(j))
                .is_some_and(|(a, b)| breaks_clause(text, a.span.end, b.span.start, &INNER_BREAKS))
        {
            j -= 1;
        }
        let opens = words.get(j).is_some_and(|w| {
            lang.text_data()
                .when_relatives
                .contains(&w.text.to_lowercase())
        });
        let comma = j > 0
            && words
                .get(j - 1)
                .zip(words.get(j))
                .and_then(|(a, b)| text.get(a.span.end..b.span.start))
                .is_some_and(|g| g.contains(','));
        if opens && comma && (earlier_year_at(j - 1) || j >= 2 && earlier_year_at(j - 2)) {
            years_back = 1;
        }
    }
    let extent = Span::new(
        window.first().map(|w| w.span.start).unwrap_or(q_span.start),
        window.last().map(|w| w.span.end).unwrap_or(q_span.end),
    );
    // A place nearer another count of the sentence is that count's ("Im Landkreis werden 4.800
    // Menschen evakuiert, davon 1.870 in Grafenried": Grafenried is the 1.870's place).
    for (k, pair) in window.windows(2).enumerate() {
        let prep = pair[0].text.to_lowercase();
        let place = pair[1].text;
        // Nor is a place past another count, or right after one ("1.870 in Grafenried und 950
        // in Lützenbrück": Grafenried is the 1.870's, however near the 950).
        let at = lo + k + 1;
        let past_other = others
            .iter()
            .any(|&o| (at < first && o < at && at - o <= 3) || (at > last && o > last && o < at));
        if nearer_other(at) || past_other {
            continue;
        }
        if lang.text_data().place_prepositions.contains(&prep) {
            // English names a place with its article too: "in the United States".
            let named = match window.get(k + 2) {
                Some(next) if lang == Lang::En && place.eq_ignore_ascii_case("the") => next.text,
                _ => place,
            };
            if let Some(p) = crate::extract::place::place_word(lang, named) {
                places.insert(p);
            }
        } else if lang.scope_level(&prep).is_some() {
            // „in der Stadt Marlenbach“, „der Gemeinde Oberweiler“: a place its level names.
            if let Some(p) = crate::extract::place::leveled_name(lang, window, k) {
                places.insert(p);
            }
        }
    }
    // "315 Millionen Euro – nach 278 Millionen im Vorjahr": a figure compared with an earlier
    // count of its sentence measures what that one does; the words before it are its words too.
    let own_kind = owners
        .iter()
        .find(|(n, _)| n.overlaps(q_span))
        .is_none_or(|(_, owns)| *owns);
    let compared_with = first
        .checked_sub(1)
        .and_then(|p| words.get(p))
        .filter(|p| {
            own_kind
                && lang
                    .text_data()
                    .compared_before
                    .contains(&p.text.to_lowercase())
        })
        .and_then(|p| {
            other_figures
                .iter()
                .filter(|(n, owns)| *owns && n.end <= p.span.start)
                .max_by_key(|(n, _)| n.end)
        })
        .and_then(|(n, _)| words.iter().position(|w| w.span.end > n.start));
    let borrowed = compared_with
        .map(|e| words.get(e.saturating_sub(LOCAL_WINDOW)..e).unwrap_or(&[]))
        .unwrap_or(&[]);
    for w in window.iter().chain(borrowed) {
        if inside(w.span) && !q_span.contains(w.span) {
            continue;
        }
        let lower = w.text.to_lowercase();
        // Words of the figure itself (number, unit) are compared as a figure, not as words.
        if crate::text::words::is_content(lang, &lower) && !q_span.contains(w.span) {
            terms.push(crate::text::words::term(lang, &lower));
        }
    }
    // The head: the first content word after the figure (its noun or predicate: "45 Minuten
    // Verspätung", "30 Minuten später", "40 minutes late"), else the last before it.
    let td = lang.text_data();
    let content = |w: &crate::text::words::Word<'_>| {
        let lower = w.text.to_lowercase();
        // Time words ("im Vorjahr", "last year") say when, not what; who reports, not what.
        let timely = td.year_words.contains(&lower)
            || td.earlier.contains(&lower)
            || td.year_before.iter().any(|p| lower.starts_with(p.as_str()))
            || td.months.contains(&lower)
            // "Menschen", "people": any count of persons; the head is what follows.
            || td.generic_counted.contains(&lower)
            // "…, of which approximately $281 million": the next figure's approximator.
            || crate::extract::quantity::approximator_word(
                &lower,
                crate::extract::quantity::data::data(lang),
            );
        (!inside(w.span)
            && !timely
            && !speakers.iter().any(|sp| sp.overlaps(w.span))
            && crate::text::words::is_content(lang, &lower))
        .then_some((
            lower,
            w.span,
            w.text.chars().next().is_some_and(char::is_uppercase),
        ))
    };
    // Function words do not count towards the window: "Fourteen of them were taken to
    // hospital" is headed by "taken" as "16 were taken to hospital" is.
    // With `strict`, the search stops at any clause break: in a list of
    // labelled figures ("Tageskarte 29 Euro, im Online-Vorverkauf 24 Euro, Dauerkarte 59
    // Euro") the word past the comma is the next figure's label.
    // Without it (across clauses), the search still stops at a semicolon: the clause past it
    // is a parallel statement of its own ("the highest turnout, at 55.2 percent; Ward 7 the
    // lowest").
    let within =
        |ws: &mut dyn Iterator<Item = &crate::text::words::Word<'_>>, strict: bool, edge: usize| {
            let mut counted = 0;
            let mut at = edge;
            let breaks: &[char] = if strict {
                &[',', ';', ':', '(', ')', '–', '—']
            } else {
                &[';']
            };
            for w in ws {
                let p = at;
                let (lo, hi) = if w.span.start >= p {
                    (p, w.span.start)
                } else {
                    (w.span.end, p)
                };
                if text.get(lo..hi.max(lo)).unwrap_or("").contains(breaks) {
                    return None;
                }
                at = if w.span.start >= p {
                    w.span.end
                } else {
                    w.span.start
                };
                if let Some(c) = content(w) {
                    return Some(c);
                }
                if !td.is_stopword(&w.text.to_lowercase()) {
                    counted += 1;
                }
                if counted >= HEAD_WINDOW {
                    break;
                }
            }
            None
        };
    // Within the figure's clause first, after it and then before it; else across clauses.
    let (q_end, q_start) = (
        words
            .get(last)
            .map_or(q_span.end, |w| w.span.end.max(q_span.end)),
        words
            .get(first)
            .map_or(q_span.start, |w| w.span.start.min(q_span.start)),
    );
    let found = within(&mut words.iter().skip(last + 1), true, q_end)
        .or_else(|| {
            within(
                &mut words.get(..first).unwrap_or(&[]).iter().rev(),
                true,
                q_start,
            )
        })
        .or_else(|| within(&mut words.iter().skip(last + 1), false, q_end))
        .or_else(|| {
            within(
                &mut words.get(..first).unwrap_or(&[]).iter().rev(),
                false,
                q_start,
            )
        });
    // A point in time after a preposition ("in 2008", "at 11:52 p.m.", „um 14 Uhr“) is an
    // adjunct: it dates the word before it, in its clause.
    let after_preposition = first
        .checked_sub(1)
        .and_then(|k| words.get(k))
        .is_some_and(|w| td.point_prepositions.contains(&w.text.to_lowercase()));
    let point_found = after_preposition
        .then(|| {
            within(
                &mut words.get(..first).unwrap_or(&[]).iter().rev(),
                true,
                q_start,
            )
        })
        .flatten();
    let head_of = |found: &Option<(String, Span, bool)>| {
        found
            .as_ref()
            .map(|(w, _, _)| crate::text::words::term(lang, w))
    };
    // The lexicon compares a head only when it is the figure's own word: no clause boundary
    // between them ("41.8 percent, the elections board said") and, in German, a noun
    // (capitalised; "vorgesehen" / "eingeplant" say little about what is measured).
    let word_of = |found: Option<(String, Span, bool)>| {
        found.and_then(|(w, span, capital)| {
            let (lo, hi) = if span.start >= q_span.end {
                (q_span.end, span.start)
            } else {
                (span.end, q_span.start)
            };
            let between = text.get(lo..hi).unwrap_or("");
            let clause = between.contains(CLAUSE_BREAKS);
            (!clause && (lang != Lang::De || capital)).then_some(w)
        })
    };
    let point_head = point_found
        .is_some()
        .then(|| (head_of(&point_found), word_of(point_found)));
    let head = head_of(&found);
    let head_word = word_of(found);
    // Whose figure: the nearest name. In German capitals mark every noun, so there the name
    // is only weighed for ages (see [`similarity`]), whose owner is always a person.
    let mut names = HashSet::new();
    let is_name_at = |k: usize| {
        words.get(k).is_some_and(|w| {
            let lower = w.text.to_lowercase();
            w.text.chars().next().is_some_and(char::is_uppercase)
                && w.text.chars().count() > 1
                && !inside(w.span)
                && !speakers.iter().any(|sp| sp.overlaps(w.span))
                && !lang.text_data().is_stopword(&lower)
                && !lang.text_data().months.contains(&lower)
                && (k > 0
                    || words
                        .get(1)
                        .is_some_and(|n| !n.text.chars().next().is_some_and(char::is_uppercase)))
        })
    };
    let name = {
        let is_name = is_name_at;
        for k in lo..hi {
            if is_name(k) {
                if let Some(w) = words.get(k) {
                    names.insert(name_key(w.text));
                }
            }
        }
        let pronoun = |k: usize| {
            words.get(k).is_some_and(|w| {
                lang.text_data()
                    .person_pronouns
                    .contains(&w.text.to_lowercase())
            })
        };
        // A name of several words ("City Councilman Marcus Oyelaran") is known by its last.
        let last_of_run = |mut k: usize| {
            while is_name(k + 1)
                && words.get(k).zip(words.get(k + 1)).is_some_and(|(a, b)| {
                    text.get(a.span.end..b.span.start)
                        .is_some_and(|gap| gap.chars().all(char::is_whitespace))
                })
            {
                k += 1;
            }
            k
        };
        // "in New York", "near Ashby": a place, which says where, not whose.
        let placed = |k: usize| {
            let mut start = k;
            while start > 0 && is_name(start - 1) {
                start -= 1;
            }
            start
                .checked_sub(1)
                .and_then(|p| words.get(p))
                .is_some_and(|p| {
                    lang.text_data()
                        .place_prepositions
                        .contains(&p.text.to_lowercase())
                })
        };
        // The nearest name, unless a personal pronoun is nearer ("She took 53 percent …,
        // defeating Marcus Oyelaran": whose figure is said in another sentence).
        let at = |k: usize| {
            if pronoun(k) {
                Some(None)
            } else if is_name(k) && !placed(k) {
                let end = last_of_run(k);
                Some(words.get(end).map(|w| (name_key(w.text), k, end)))
            } else {
                None
            }
        };
        // After the figure, a relative clause ("a $418.6 million budget that closes the
        // Eastgate Branch Library") or the next clause names somebody else. (English: German
        // relative pronouns are its articles too.)
        let relatives = &crate::extract::attribution::lexicon::lexicon(lang).relatives;
        let after_end = (last + 1..words.len())
            .find(|&k| {
                words.get(k).is_some_and(|w| {
                    lang == Lang::En && relatives.contains(w.text.to_lowercase().as_str())
                }) || words.get(k - 1).zip(words.get(k)).is_some_and(|(a, b)| {
                    breaks_clause(text, a.span.end, b.span.start, &INNER_BREAKS)
                })
            })
            .unwrap_or(words.len());
        let near = (1..=LOCAL_WINDOW).find_map(|d| {
            [
                first.checked_sub(d),
                Some(last + d).filter(|&k| k < after_end),
            ]
            .into_iter()
            .flatten()
            .find_map(at)
        });
        // English: else the nearest name earlier in the sentence, its subject ("A big reason
        // was Quinn, who was just 10 of 22 for 162 yards").
        // Only a sure name: not a capital opening the sentence ("Officials had expected …").
        let earlier = || {
            (lang == Lang::En)
                .then(|| {
                    (0..first.saturating_sub(LOCAL_WINDOW))
                        .rev()
                        .find_map(at)
                        .filter(|n| n.as_ref().is_none_or(|&(_, k, end)| k > 0 || end > k))
                })
                .flatten()
        };
        near.or_else(earlier).flatten()
    };
    let sentence_names: HashSet<String> = (0..words.len())
        .filter(|&k| is_name_at(k))
        .filter_map(|k| words.get(k).map(|w| name_key(w.text)))
        .collect();
    // A run opening the sentence alone may be a capitalised common noun.
    let name_sure = name.as_ref().is_some_and(|&(_, k, end)| {
        let mut start = k;
        while start > 0 && is_name_at(start - 1) {
            start -= 1;
        }
        start > 0 || end > start
    });
    let name = name.map(|(n, _, _)| n);
    Local {
        terms,
        qualifiers,
        point_qualifiers: point_groups,
        places,
        scopes,
        extent,
        head,
        head_word,
        point_head,
        lang: Some(lang),
        name,
        names,
        sentence_names,
        name_sure,
        years_back,
        side: side_of(lang, text, &words, first, last),
        // "um 10 Uhr", "by 2030": a time or year after "by"/„um“ is no amount of change.
        change: change_of(lang, &words, first, last).filter(|c| *c != Change::By || own_kind),
        moment: None,
    }
}

pub use crate::corpus::{report_window, REPORT_WINDOW};

/// Whether the year or date `x` opens `unit` (a paragraph, a sentence): at most `words` words
/// before it. It then dates the figures after it ("In the 2021 municipal election, …",
/// „**Juni 2013** – …“).
pub fn opens_unit(text: &str, unit: Span, x: &Quantity, words: usize) -> bool {
    unit.contains(x.span)
        && matches!(x.dimension, Dimension::Year | Dimension::Date)
        && text
            .get(unit.start..x.span.start)
            .unwrap_or("")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count()
            <= words
}

/// When a figure holds: a year or dated day in its local window ("der Rekord von 7,38 Metern
/// aus dem Jahr 2013"), else `fallback` (its document's date). Figures of different times are
/// different quantities, however alike their words.
pub fn when(
    text: &str,
    block: Span,
    sentence: Span,
    q: &Quantity,
    local: &Local,
    all: &[Quantity],
    fallback: Option<(i64, i64)>,
) -> Option<(i64, i64)> {
    // A date dates itself; an age holds at the time of the report ("Die 57-Jährige führt das
    // Unternehmen seit 2019").
    if matches!(
        q.dimension,
        Dimension::Year | Dimension::Date | Dimension::Age
    ) {
        return fallback;
    }
    let bounds = local
        .lang
        .map(|l| &l.text_data().span_bounds[..])
        .unwrap_or(&[]);
    // A paragraph that opens with a date is dated by it ("**Juni 2013** – Rekordpegel …, der
    // Schaden liegt bei 61 Millionen Euro"): a chronicle, a timeline, a live blog.
    // So does a sentence that opens with one ("In the 2021 municipal election, 88,950 ballots
    // were cast and turnout was 33.5 percent"; „Im Jahr 2019 kamen 40.000 Besucher“).
    let opens = |unit: Span, x: &Quantity, words: usize| {
        x.span != q.span && x.span.start < q.span.start && opens_unit(text, unit, x, words)
    };
    // Not a year that its own sentence sets beside a day ("The 1931 cast-iron main ruptured
    // … on Monday, March 9"): it describes a thing there, the day dates the event.
    let beside_a_day = |x: &Quantity| {
        x.dimension == Dimension::Year
            && all.iter().any(|d| {
                d.span != x.span
                    && d.dimension == Dimension::Date
                    && text
                        .get(x.span.end..d.span.start.max(x.span.end))
                        .is_some_and(|between| !between.contains(['.', '!', '?', '\n']))
            })
    };
    let lead = all
        .iter()
        .find(|x| opens(block, x, 1) && !beside_a_day(x))
        .or_else(|| {
            all.iter()
                .find(|x| opens(sentence, x, 2) && !beside_a_day(x))
        });
    for x in all
        .iter()
        .filter(|x| local.extent.contains(x.span))
        .chain(lead)
    {
        if x.span == q.span {
            continue;
        }
        // "seit 2019", "until 2030": a bound of a span, not when the figure holds.
        let before = text.get(..x.span.start).unwrap_or("").trim_end();
        let prev = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if bounds.contains(&prev) {
            continue;
        }
        if let Some(span) = dated_span(x) {
            return Some(span);
        }
    }
    // A paragraph that opens with a past year or date, but for an answer word or two ("Yes.
    // In January 2011, a blizzard closed the runway for about 28 hours."), is one of
    // background: its later sentences tell of that time too ("That storm stranded about 600
    // passengers"). Only a time before the report's: a paragraph may go on from yesterday to
    // today; and only at its opening: a date further on is an aside („Bereits im März 2025 war
    // dort …“), not the paragraph's time.
    if let Some(span) = all
        .iter()
        .filter(|x| x.span.start < sentence.start && opens_background(text, block, x, local.lang))
        .filter_map(dated_span)
        .find(|(_, hi)| fallback.is_some_and(|(lo, _)| *hi < lo))
    {
        return Some(span);
    }
    // A sentence that opens with a word referring back to a time („Damals hatte ein Bagger
    // …“, "Then, …") tells of the past time its paragraph named last before it („Zuletzt war
    // Marlenbach im November 2019 ohne Strom gewesen.“).
    let opener = text
        .get(sentence.start..sentence.end)
        .and_then(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
        })
        .map(str::to_lowercase);
    let refers_back = opener.is_some_and(|w| {
        local
            .lang
            .is_some_and(|l| l.text_data().then_words.contains(&w))
    });
    if refers_back {
        let named = all
            .iter()
            .rev()
            .filter(|x| {
                block.contains(x.span)
                    && x.span.end <= sentence.start
                    && matches!(x.dimension, Dimension::Year | Dimension::Date)
            })
            .find_map(dated_span);
        if let Some(span) = named.filter(|(_, hi)| fallback.is_some_and(|(lo, _)| *hi < lo)) {
            return Some(span);
        }
    }
    // A paragraph that opens with "Two years ago," („Vor zwei Jahren …“) tells of that time:
    // its figures hold that long before the report ("Two years ago, the council voted 5-4 …
    // That meeting ended at 1:15 a.m.").
    if let Some(back) = local
        .lang
        .and_then(|l| all.iter().find_map(|x| ago_opening(text, block, x, q, l)))
    {
        return fallback.map(|(lo, hi)| (lo - back, hi - back));
    }
    if local.years_back > 0 {
        let back = 365 * i64::from(local.years_back);
        return fallback.map(|(lo, hi)| (lo - back, hi - back));
    }
    fallback
}

/// Whether the year or date `x` opens paragraph `block`: a word before it at most ("In
/// January 2011, …"), after an answer of two words at most ("Yes.") — not a date further on in
/// a sentence ("Eastgate opened in 1968 and has 11 employees").
fn opens_background(text: &str, block: Span, x: &Quantity, lang: Option<Lang>) -> bool {
    if !block.contains(x.span) || !matches!(x.dimension, Dimension::Year | Dimension::Date) {
        return false;
    }
    let Some(before) = text.get(block.start..x.span.start) else {
        return false;
    };
    let count = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count()
    };
    // The one word before may be a preposition ("In January 2011, …"), not an article: "The
    // 1931 cast-iron main ruptured …" names what the year describes, not the paragraph's time.
    let article = |t: &str| {
        lang.is_some_and(|lang| {
            t.split(|c: char| !c.is_alphanumeric())
                .rfind(|w| !w.is_empty())
                .is_some_and(|w| {
                    crate::extract::attribution::lexicon::lexicon(lang)
                        .determiners
                        .contains(&w.to_lowercase())
                })
        })
    };
    match before.rfind(['.', '!', '?']) {
        Some(i) => {
            count(&before[..i]) <= 2 && count(&before[i + 1..]) <= 1 && !article(&before[i + 1..])
        }
        None => count(before) <= 1 && !article(before),
    }
}

/// The days a duration that opens paragraph `block` before figure `q` measures back ("Two
/// years ago, …", „Vor zwei Jahren …“); `None` for any other figure, and for spans shorter than
/// a day.
fn ago_opening(text: &str, block: Span, x: &Quantity, q: &Quantity, lang: Lang) -> Option<i64> {
    if x.dimension != Dimension::Duration || !block.contains(x.span) || x.span.start >= q.span.start
    {
        return None;
    }
    let td = lang.text_data();
    let before: Vec<String> = text
        .get(block.start..x.span.start)?
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let next = text
        .get(x.span.end..)?
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .map(str::to_lowercase);
    let ago = match before.as_slice() {
        [] => next.is_some_and(|n| td.ago_after.contains(&n)),
        [w] => td.ago_before.contains(w),
        _ => false,
    };
    let days = (x.value * x.factor / 86_400.0).round();
    (ago && days.is_finite() && days >= 1.0).then_some(days as i64)
}

/// When a figure in a table cell holds: the year or date that heads its column ("| | 2013 |
/// 2024 |" over "| Evakuierte | 3.100 | 1.870 |"): a table of several years puts each year's
/// figure under its own header. `None` outside tables, for dates and years themselves, under
/// headers that are no year or date, and in tables with fewer than two such columns.
pub fn table_when(
    doc: &crate::text::Document,
    sentence: &crate::text::Sentence,
    q: &Quantity,
    all: &[Quantity],
) -> Option<(i64, i64)> {
    if matches!(q.dimension, Dimension::Year | Dimension::Date)
        || !doc
            .blocks
            .get(sentence.block)
            .is_some_and(|b| b.kind == crate::text::BlockKind::TableCell)
    {
        return None;
    }
    let ctx = crate::text::table::cell_context(&doc.text, sentence.span)?;
    let header = ctx.header?;
    // Only a table that compares years or dates column by column: a single year over a
    // table ("| Posten | 2027 |") names what the table is about (a budget year), not when
    // its figures were reported.
    let dated = |h: &Span| {
        all.iter()
            .any(|x| h.contains(x.span) && matches!(x.dimension, Dimension::Year | Dimension::Date))
    };
    if ctx.headers.iter().filter(|h| dated(h)).count() < 2 {
        return None;
    }
    all.iter()
        .find(|x| header.contains(x.span))
        .and_then(dated_span)
}

/// The days a year or a full date covers when it dates a figure (a date ±3 days); `None` for
/// other figures.
fn dated_span(x: &Quantity) -> Option<(i64, i64)> {
    match (x.dimension, x.unit.as_deref()) {
        (Dimension::Year, _) if x.value.fract() == 0.0 && (1000.0..=9999.0).contains(&x.value) => {
            let y = x.value as i32;
            Some((
                crate::extract::days_since_epoch(y, 1, 1),
                crate::extract::days_since_epoch(y, 12, 31),
            ))
        }
        (Dimension::Date, Some("date")) => {
            Some((x.low.floor() as i64 - 3, x.high.ceil() as i64 + 3))
        }
        _ => None,
    }
}

/// Distinct comparison terms with their idf weights: computed once per figure, so comparing
/// two figures costs lookups, not set building (the same value as [`overlap`]).
#[derive(Clone, Debug, Default)]
pub struct Weighted {
    /// Terms with their weights, sorted by term: sums run in one order, so the same sets give
    /// the same share to the last bit, run after run (a hash map's order would not).
    weights: Vec<(String, f32)>,
    total: f32,
}

impl Weighted {
    pub fn new(corpus: &Corpus, terms: &[String]) -> Weighted {
        let mut sorted: Vec<&String> = terms.iter().collect();
        sorted.sort_unstable();
        sorted.dedup();
        let weights: Vec<(String, f32)> = sorted
            .into_iter()
            .map(|t| (t.clone(), corpus.index.idf(t)))
            .collect();
        let total = weights.iter().map(|(_, w)| *w).sum();
        Weighted { weights, total }
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    fn weight(&self, t: &str) -> Option<f32> {
        self.weights
            .binary_search_by(|(x, _)| x.as_str().cmp(t))
            .ok()
            .and_then(|i| self.weights.get(i))
            .map(|(_, w)| *w)
    }

    pub fn contains(&self, t: &str) -> bool {
        self.weight(t).is_some()
    }

    /// The weighted share of this set's terms that `other` contains.
    pub fn share_in(&self, other: &Weighted) -> f32 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let shared: f32 = self
            .weights
            .iter()
            .filter(|(t, _)| other.contains(t))
            .map(|(_, w)| *w)
            .sum();
        shared / self.total
    }
}

/// How two figures' heads compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadRelation {
    /// The same comparison term ("Verspätung" / "verspätet").
    Same,
    /// Words the lexicon relates ("Verspätung" / "Verzögerung", "viewers" / "spectators",
    /// "Polizeisprecher" / "Sprecher").
    Related,
    None,
}

/// How the heads of two figures compare (see [`crate::lang::lexicon::related`]).
pub fn head_relation(a: &Local, b: &Local) -> HeadRelation {
    // The head and, for a point after a preposition, its second reading (no copies: this runs
    // for every pair of figures).
    fn readings(l: &Local) -> impl Iterator<Item = (Option<&str>, Option<&str>)> {
        std::iter::once((l.head.as_deref(), l.head_word.as_deref())).chain(
            l.point_head
                .as_ref()
                .map(|(h, w)| (h.as_deref(), w.as_deref())),
        )
    }
    let mut best = HeadRelation::None;
    for (ah, aw) in readings(a) {
        for (bh, bw) in readings(b) {
            if ah.is_some() && ah == bh {
                return HeadRelation::Same;
            }
            if best == HeadRelation::None {
                if let (Some(x), Some(y), Some(lang)) = (aw, bw, a.lang) {
                    if b.lang == a.lang && crate::lang::lexicon::related(lang, x, y) {
                        best = HeadRelation::Related;
                    }
                }
            }
        }
    }
    best
}

/// Both figures are placed ("in Grafenried", "in Texas") and no place is shared.
/// So are two figures counted over different area levels ("across the city" against "Ward 3
/// … the highest turnout"; „Die Stadt gab … mit 1.870 an“ against „Im Landkreis … 4.800“).
/// A figure counted worldwide ("more than 640,000 worldwide") is not one placed anywhere in
/// particular ("640,000 cookers in the United States").
pub fn places_clash(a: &Local, b: &Local) -> bool {
    let world_against_place = |x: &Local, y: &Local| {
        x.lang.is_some_and(|l| {
            let world = l.text_data().scopes.len().saturating_sub(1);
            x.scopes.contains(&world) && !y.places.is_empty() && !y.scopes.contains(&world)
        })
    };
    (!a.places.is_empty() && !b.places.is_empty() && a.places.is_disjoint(&b.places))
        || (!a.scopes.is_empty() && !b.scopes.is_empty() && a.scopes.is_disjoint(&b.scopes))
        || world_against_place(a, b)
        || world_against_place(b, a)
}

/// The place a figure's sentence is about when no place stands near the figure: the nearest
/// known place (one the sources name after a place preposition: `known`, lower case) before the
/// figure in its sentence, standing bare as its clause's subject or topic ("Anders als in
/// Grafenried …, kam Lützenbrück vergleichsweise glimpflich davon: 950 Menschen mussten …";
/// "Dunmore fared worse: 4,200 residents left"). A place in a place phrase is the place of
/// what it stands near, and the search stops there ("Anders als in Grafenried, wo … 40
/// Millionen": no implicit place). Nor is it a place when a determiner stands before it (a
/// German noun: „die Sicherheit“) or another capitalised word follows (part of a longer name:
/// "Texas Gov. Perry", "the New York Times").
pub fn implicit_place(
    text: &str,
    sentence: Span,
    q_span: Span,
    known: &HashSet<String>,
    lang: Lang,
) -> Option<String> {
    if known.is_empty() {
        return None;
    }
    let words = words_in(
        text,
        Span::new(sentence.start, q_span.start.max(sentence.start)),
    );
    let td = lang.text_data();
    let determiners = &crate::extract::attribution::lexicon::lexicon(lang).determiners;
    let capital = |w: &crate::text::words::Word| w.text.starts_with(char::is_uppercase);
    for k in (0..words.len()).rev() {
        let Some(w) = words.get(k) else {
            continue;
        };
        let Some(p) = crate::extract::place::place_word(lang, w.text) else {
            continue;
        };
        if !known.contains(&p) {
            continue;
        }
        let prev = k
            .checked_sub(1)
            .and_then(|j| words.get(j))
            .map(|x| x.text.to_lowercase());
        if prev
            .as_ref()
            .is_some_and(|x| td.place_prepositions.contains(x))
        {
            return None;
        }
        // English names a place with its article: "in the United States".
        let the_before = lang == Lang::En
            && prev.as_deref() == Some("the")
            && k.checked_sub(2)
                .and_then(|j| words.get(j))
                .is_some_and(|x| td.place_prepositions.contains(&x.text.to_lowercase()));
        if the_before {
            return None;
        }
        if prev.as_ref().is_some_and(|x| determiners.contains(x)) {
            continue;
        }
        if words.get(k + 1).is_some_and(capital) {
            continue;
        }
        return Some(p);
    }
    None
}

/// A figure placed only by a name takes that place's level as the area it is counted over,
/// where the sources name the place with a level noun (`levels`, [`crate::extract::place::place_levels`]):
/// "In Marlenbach waren mehr als 18.000 Haushalte betroffen" counts a town's households, not
/// the county's („im Landkreis fast 25.000“). Places of different levels, or one of unknown
/// level, imply nothing.
pub fn implied_scope(local: &mut Local, levels: &std::collections::HashMap<String, usize>) {
    if !local.scopes.is_empty() || local.places.is_empty() {
        return;
    }
    let found: Option<Vec<usize>> = local
        .places
        .iter()
        .map(|p| levels.get(p).copied())
        .collect();
    if let Some(found) = found {
        if let Some(&first) = found.first() {
            if found.iter().all(|&l| l == first) {
                local.scopes.insert(first);
            }
        }
    }
}

/// Both times are known and do not overlap.
pub fn times_clash(a: Option<(i64, i64)>, b: Option<(i64, i64)>) -> bool {
    matches!((a, b), (Some((al, ah)), Some((bl, bh))) if ah < bl || bh < al)
}

/// A date written without its year and a full date that cannot be the same day: the first,
/// read in the year nearest the time its figure holds (`when`: its document's date or a year
/// beside it), falls in another year than the second ("vom 14. bis 17. Oktober" in a report
/// of October 2025 is not "14. bis 17. Oktober 2026"; "Jan. 2" in a report of November 2025
/// may well be "January 2, 2026"). Either order; false when the time is unknown.
pub fn year_clash(
    a: &Quantity,
    a_when: Option<(i64, i64)>,
    b: &Quantity,
    b_when: Option<(i64, i64)>,
) -> bool {
    let (md, when, full) = match (a.unit.as_deref(), b.unit.as_deref()) {
        (Some("md"), Some("date")) => (a, a_when, b),
        (Some("date"), Some("md")) => (b, b_when, a),
        _ => return false,
    };
    let Some((lo, hi)) = when else {
        return false;
    };
    let centre = (lo + hi) / 2;
    let (year, _, _) = crate::extract::date_from_days(centre);
    let (month, day) = ((md.value as u32) / 100, (md.value as u32) % 100);
    // The year in which that day lies nearest the time the figure holds.
    let Some(nearest) = (year - 1..=year + 1)
        .filter_map(|y| i32::try_from(y).ok())
        .filter(|&y| day >= 1 && day <= crate::extract::days_in_month(Some(y), month))
        .map(|y| crate::extract::days_since_epoch(y, month, day))
        .min_by_key(|&d| (d - centre).abs())
    else {
        return false;
    };
    let (read, _, _) = crate::extract::date_from_days(nearest);
    let (full_year, _, _) = crate::extract::date_from_days(full.value.round() as i64);
    read != full_year
}

/// Whether two figures' contexts say outright that they measure different things: both are
/// placed and the places differ, a qualifier group (forecast, test, capacity, …) or "the year
/// before" stands on one side only, or (English, where capitals mark names) the names nearest
/// them differ. The penalties of [`similarity`] for the same signals weigh them against shared
/// words; here they are a veto (see [`crate::figmap::FigureMap::align`]).
///
/// `dated`: both figures' times are known and overlap, so "the year before" on one side only
/// says nothing more ("2024 lag der Umsatz bei …" against "… im Vorjahr", written in 2025).
pub fn sets_apart(a: &Local, b: &Local, dated: bool) -> bool {
    let places = places_clash(a, b);
    let qualifiers = a.qualifiers != b.qualifiers
        || (!dated && a.years_back != b.years_back)
        || sides_differ(a, b)
        || changes_differ(a, b)
        || moments_differ(a, b);
    let names = a.lang == Some(Lang::En)
        && matches!((&a.name, &b.name), (Some(x), Some(y))
            if x != y && !b.names.contains(x) && !a.names.contains(y));
    places || qualifiers || names
}

/// Whether two figures' contexts say outright, on both sides, that they measure different
/// things, so that one's figure cannot contradict the other's: stricter than [`sets_apart`],
/// which also counts a qualifier or a name found on one side only. Both placed elsewhere;
/// both qualified, differently ("budgeted" against "tested"); the year before against this
/// one; different sides of a vote, roles in a change or moments; (English) both surely named,
/// differently ("Butler returned an interception 32 yards" against "Quinn … for 162 yards").
/// `dated` as for [`sets_apart`].
pub fn plainly_apart(a: &Local, b: &Local, dated: bool) -> bool {
    let qualified =
        !a.qualifiers.is_empty() && !b.qualifiers.is_empty() && a.qualifiers != b.qualifiers;
    // Two sure names, neither of which the other figure's sentence names at all: "the 2008
    // Miami Dolphins as the only NFL teams … after losing 14" names the Dolphins too.
    let names = a.lang == Some(Lang::En)
        && a.name_sure
        && b.name_sure
        && matches!((&a.name, &b.name), (Some(x), Some(y))
            if x != y && !b.sentence_names.contains(x) && !a.sentence_names.contains(y));
    places_clash(a, b)
        || qualified
        || (!dated && a.years_back != b.years_back)
        || sides_differ(a, b)
        || changes_differ(a, b)
        || moments_differ(a, b)
        || names
}

/// Both figures count a side of a vote, and not the same side.
pub fn sides_differ(a: &Local, b: &Local) -> bool {
    matches!((a.side, b.side), (Some(x), Some(y)) if x != y)
}

/// A figure with what its similarity to other figures is computed from.
#[derive(Clone, Debug)]
pub struct Mention<'a> {
    pub q: &'a Quantity,
    /// The other figures in its local window (see [`companions`]).
    pub near: &'a [Quantity],
    pub local: &'a Local,
    pub counted: Option<&'a str>,
    /// The comparison terms of the figure's sentence, weighted.
    pub sent: &'a Weighted,
    /// The comparison terms of the figure's local window, weighted.
    pub loc: &'a Weighted,
    /// When the figure holds (see [`when`]), if known.
    pub when: Option<(i64, i64)>,
    /// Its sentence credits a source ("laut X", "…, X said"): a draft's figure whose source
    /// must be told right (see [`crate::figmap::FigureMap::align_clear`]).
    pub credited: bool,
}

/// Bonus when a draft figure's digits are a source figure's with two adjacent ones swapped
/// (see [`transposed`]).
pub const TRANSPOSED_BONUS: f32 = 0.3;

/// Whether `a` is `b` with two adjacent digits swapped: same dimension, unit and magnitude,
/// written with at least two digits that differ (not a date, year or time of day, whose digits
/// say when; not a small count, of which a story has many).
pub fn transposed(a: &Quantity, b: &Quantity) -> bool {
    if a.dimension != b.dimension
        || a.unit != b.unit
        || point(a)
        || (matches!(a.dimension, Dimension::Count | Dimension::Number) && a.value < 100.0)
    {
        return false;
    }
    let digits =
        |q: &Quantity| -> Vec<char> { q.text.chars().filter(char::is_ascii_digit).collect() };
    let (xs, ys) = (digits(a), digits(b));
    if xs.len() < 2 || xs.len() != ys.len() {
        return false;
    }
    let diff: Vec<usize> = (0..xs.len()).filter(|&i| xs.get(i) != ys.get(i)).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && xs.get(*i) == ys.get(*j) && xs.get(*j) == ys.get(*i))
        && {
            let (x, y) = (base_value(a).abs(), base_value(b).abs());
            // The same scale: "418.6 million" is no slip of "481.6 billion".
            x > 0.0 && y > 0.0 && x.max(y) < 10.0 * x.min(y)
        }
}

/// Whether two magnitudes (counts, amounts, percentages, measures — not dates, times, years
/// or ages) are more than `ratio` times apart, with other leading digits: not one figure
/// misreported (a slipped digit, a rounded value, a confused scale word — "800.000" for "8
/// Millionen", "2 Millionen" for "2 Milliarden" keep their digits) but two quantities.
pub fn magnitudes_apart(q: &Quantity, f: &Quantity, ratio: f64) -> bool {
    let magnitude = |x: &Quantity| {
        matches!(
            x.dimension,
            Dimension::Count
                | Dimension::Number
                | Dimension::Currency
                | Dimension::Percent
                | Dimension::Length
                | Dimension::Mass
                | Dimension::Area
                | Dimension::Volume
        )
    };
    if !magnitude(q) || !magnitude(f) {
        return false;
    }
    let (a, b) = (q.value * q.factor, f.value * f.factor);
    if !(a.is_finite() && b.is_finite()) || a <= 0.0 || b <= 0.0 {
        return false;
    }
    if a.max(b) / a.min(b) <= ratio {
        return false;
    }
    // The leading digits, as a number in [1, 10) rounded to two significant digits.
    let digits = |v: f64| {
        let m = v / 10f64.powf(v.log10().floor());
        (m * 10.0).round()
    };
    digits(a) != digits(b)
}

/// Two source figures this many times apart (see [`magnitudes_apart`]) are two quantities
/// unless their words say otherwise: a city's yearly passengers are no rival of the stranded
/// ones. Wider than a replacement's bound: estimates of one crowd may differ twentyfold.
pub const APART_RATIO: f64 = 50.0;

/// Similarity penalty for two source figures [`APART_RATIO`] apart.
pub const APART_PENALTY: f32 = 0.3;

/// Similarity penalty for figures that date or place in time (dates, years, times of day,
/// ages): they need more shared context than counts, since every story has many of them.
const TIMELIKE_PENALTY: f32 = 0.1;

/// How strongly `a` and `b` measure the same quantity (≤ 0: not at all). `directed`: how much
/// of `a`'s context `b` shares (a draft figure against a source's); otherwise the mean of both
/// directions (two source figures).
pub fn similarity(a: &Mention, b: &Mention, tol: &Tolerance, directed: bool) -> f32 {
    if !comparable_mentions(a, b, directed) {
        return 0.0;
    }
    if let (Some((al, ah)), Some((bl, bh))) = (a.when, b.when) {
        if ah < bl || bh < al {
            return 0.0;
        }
    }
    let share = |x: &Weighted, y: &Weighted| {
        if directed {
            x.share_in(y)
        } else {
            (x.share_in(y) + y.share_in(x)) / 2.0
        }
    };
    let sent = share(a.sent, b.sent);
    let local = if a.loc.is_empty() || b.loc.is_empty() {
        sent
    } else {
        share(a.loc, b.loc)
    };
    let mut sim = 0.4 * sent + 0.6 * local;
    // A head that is the counted noun is weighed as the counted noun, not twice.
    let counted_head = a.local.head.is_some() && a.local.head.as_deref() == a.counted;
    match head_relation(a.local, b.local) {
        _ if counted_head => {}
        HeadRelation::Same => sim += HEAD_BONUS,
        HeadRelation::Related => sim += RELATED_HEAD_BONUS,
        HeadRelation::None => {}
    }
    // Counts of one side of a vote: „sieben Gegenstimmen“, "acht dagegen", "7 Nein-Stimmen".
    let same_side = matches!((a.local.side, b.local.side), (Some(x), Some(y)) if x == y);
    if same_side {
        sim += SAME_SIDE_BONUS;
    }
    // Two amounts of a change ("wächst um vier Prozent", "vier Prozent mehr als im Vorjahr"):
    // the role is shared however differently the growth is worded.
    if a.local.change == Some(Change::By) && b.local.change == Some(Change::By) {
        sim += SAME_CHANGE_BONUS;
    }

    match (a.counted, b.counted) {
        _ if same_side => {}
        (Some(x), Some(y)) if x == y => {
            sim += 0.2;
            // One word, not only one synonym group: "Gäste" against "Gäste", not "Besucher".
            if x.starts_with('~') && same_counted_word(a, b) {
                sim += SAME_WORD_BONUS;
            }
        }
        // One sentence names the other's counted noun without counting it with this figure
        // ("…an beiden Standorten rund 1.850 Mitarbeiter" against "an seinen zwei Standorten";
        // "11 employees; … offered positions" against "38 vacant positions"): two things
        // counted, unless the lexicon relates the two nouns.
        (Some(x), Some(y))
            if ((b.sent.contains(x) && counted_common(a))
                || (a.sent.contains(y) && counted_common(b)))
                && !counted_related(a, b) =>
        {
            sim -= COUNTED_ELSEWHERE
        }
        (Some(_), Some(_)) => sim -= 0.15,
        // A counted noun the other sentence does not mention at all is a different quantity.
        (Some(x), None) if !b.sent.contains(x) => sim -= 0.15,
        (None, Some(y)) if !directed && !a.sent.contains(y) => sim -= 0.15,
        _ => {}
    }
    let mut differing = a
        .local
        .qualifiers
        .symmetric_difference(&b.local.qualifiers)
        .count();
    // Where both times are known, they decide; else "last year" on one side only differs.
    if (a.when.is_none() || b.when.is_none()) && a.local.years_back != b.local.years_back {
        differing += 1;
    }
    // The votes for and the votes against are two quantities, however alike their words.
    if sides_differ(a.local, b.local) {
        differing += 2;
    }
    // So are the level before a change, the level after it and its amount.
    if changes_differ(a.local, b.local) {
        differing += 2;
    }
    // A count at 9:15 p.m. and the same count at 10:58 p.m. are two moments of it.
    if moments_differ(a.local, b.local) {
        differing += 2;
    }
    sim -= QUALIFIER_PENALTY * differing as f32;
    if places_clash(a.local, b.local) {
        sim -= PLACE_PENALTY;
    }
    // German capitalises every noun: there a differing "name" may be "Mann" against "Rentner",
    // so only a shared one counts, and only for ages.
    let german = a.local.lang == Some(Lang::De);
    if let (Some(x), Some(y), true) = (
        &a.local.name,
        &b.local.name,
        !german || a.q.dimension == Dimension::Age,
    ) {
        if x != y && !b.local.names.contains(x) && !a.local.names.contains(y) {
            if !german {
                sim -= NAME_PENALTY;
            }
        } else if a.q.dimension == Dimension::Age {
            // One person's age: the name is what it measures.
            sim += NAME_BONUS_AGE;
        }
    }
    if companions_disagree(a.near, b.near, tol) {
        sim -= COMPANION_PENALTY;
    } else if companions_agree(a.near, b.near, tol) {
        sim += COMPANION_BONUS;
    }
    if matches!(
        a.q.dimension,
        Dimension::Date | Dimension::Year | Dimension::TimeOfDay | Dimension::Age
    ) {
        sim -= TIMELIKE_PENALTY;
    }
    if (directed && crate::figmap::trace()) || crate::figmap::trace_pairs() {
        eprintln!(
            "  parts {:?} -> {:?}: sent {sent:.2} local {local:.2} head {:?}/{:?} counted {:?}/{:?} qual {:?}/{:?} earlier {}/{} sides {} changes {} moments {} places {:?}{:?}/{:?}{:?} names {:?}/{:?} companions {} when {:?}/{:?}",
            a.q.text,
            b.q.text,
            a.local.head,
            b.local.head,
            a.counted,
            b.counted,
            a.local.qualifiers,
            b.local.qualifiers,
            a.local.years_back,
            b.local.years_back,
            sides_differ(a.local, b.local),
            changes_differ(a.local, b.local),
            moments_differ(a.local, b.local),
            a.local.places,
            a.local.scopes,
            b.local.places,
            b.local.scopes,
            a.local.name,
            b.local.name,
            companions_disagree(a.near, b.near, tol),
            a.when,
            b.when,
        );
    }
    sim
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A comma or point between digits separates a number's groups; it breaks no clause.
    #[test]
    fn a_number_separator_breaks_no_clause() {
        let t = "about 84,000 visits last year, down from 97,000";
        let at = |w: &str| t.find(w).unwrap_or(0);
        assert!(!breaks_clause(
            t,
            at("about") + 5,
            at("visits"),
            &CLAUSE_BREAKS
        ));
        assert!(!breaks_clause(t, at("84") + 2, at("000"), &CLAUSE_BREAKS));
        assert!(breaks_clause(t, at("year") + 4, at("down"), &CLAUSE_BREAKS));
        let t = "at 3:15 p.m. Monday";
        assert!(!breaks_clause(
            t,
            t.find('m').unwrap_or(0) + 1,
            t.find("Monday").unwrap_or(0),
            &INNER_BREAKS
        ));
        assert!(breaks_clause(
            t,
            t.find('m').unwrap_or(0) + 1,
            t.find("Monday").unwrap_or(0),
            &CLAUSE_BREAKS
        ));
    }

    /// Two adjacent digits swapped, in the same unit and magnitude: 68/86, 418.6/481.6,
    /// 36/63 years; not 68/88, nor a small count, nor dates or years.
    #[test]
    fn swapped_digits_are_told() {
        let parse = |t: &str, lang: Lang| {
            let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(lang));
            crate::extract::extract(&doc).quantities.into_iter().next()
        };
        let pair = |a: &str, b: &str, lang: Lang| match (parse(a, lang), parse(b, lang)) {
            (Some(x), Some(y)) => transposed(&x, &y),
            _ => false,
        };
        assert!(pair(
            "Es kostet 68 Millionen Euro.",
            "Es kostet 86 Millionen Euro.",
            Lang::De
        ));
        assert!(pair(
            "It costs $481.6 million.",
            "It costs $418.6 million.",
            Lang::En
        ));
        assert!(pair("a 63-year-old man", "a 36-year-old man", Lang::En));
        assert!(!pair(
            "Es kostet 68 Millionen Euro.",
            "Es kostet 88 Millionen Euro.",
            Lang::De
        ));
        assert!(!pair(
            "It costs $481.6 million.",
            "It costs $481.6 million.",
            Lang::En
        ));
        assert!(!pair(
            "It costs $481.6 million.",
            "It costs $418.6 billion.",
            Lang::En
        ));
        assert!(!pair(
            "Sie fanden 12 Tiere.",
            "Sie fanden 21 Tiere.",
            Lang::De
        ));
        assert!(!pair(
            "It happened in 2012.",
            "It happened in 2021.",
            Lang::En
        ));
    }

    #[test]
    fn a_possessive_names_its_owner() {
        assert_eq!(name_key("Kellner's"), "kellner");
        assert_eq!(name_key("Kellner’s"), "kellner");
        assert_eq!(name_key("Jones'"), "jones");
        assert_eq!(name_key("Kellner"), "kellner");
        assert_eq!(name_key("'"), "'");
    }

    fn date(unit: &str, value: f64) -> Quantity {
        Quantity {
            start: 0,
            end: 1,
            text: String::new(),
            value,
            low: value,
            high: value,
            unit: Some(unit.into()),
            dimension: Dimension::Date,
            approx: Approx::Exact,
            factor: 1.0,
            counted: None,
            span: crate::text::Span::new(0, 1),
            number_span: crate::text::Span::new(0, 1),
            score: false,
        }
    }

    /// "Jan. 2" in a report of November 2025 may be January 2, 2026, not January 2, 2025;
    /// "14 Oct" in a report of October 2025 is not in 2026. Unknown times clash with nothing.
    #[test]
    fn a_date_without_its_year_is_read_in_the_nearest_year() {
        let day = |y, m, d| crate::extract::days_since_epoch(y, m, d);
        let nov_2025 = Some((day(2025, 11, 1), day(2025, 11, 30)));
        let oct_2025 = Some((day(2025, 10, 1), day(2025, 10, 30)));
        let jan2 = date("md", 102.0);
        let full = |y, m, d| date("date", day(y, m, d) as f64);
        assert!(!year_clash(&jan2, nov_2025, &full(2026, 1, 2), None));
        assert!(year_clash(&jan2, nov_2025, &full(2025, 1, 2), None));
        let oct14 = date("md", 1014.0);
        assert!(year_clash(&full(2026, 10, 14), None, &oct14, oct_2025));
        assert!(!year_clash(&full(2025, 10, 14), None, &oct14, oct_2025));
        assert!(!year_clash(&full(2026, 10, 14), None, &oct14, None));
        // The day of the year of a full date, and none across a year's end.
        let md = month_day(&full(2026, 1, 2)).map(|q| q.value);
        assert_eq!(md, Some(102.0));
        let mut span = full(2025, 12, 28);
        span.high = day(2026, 1, 3) as f64;
        assert!(month_day(&span).is_none());
    }
}
