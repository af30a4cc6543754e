//! Figures in prose: digits and number words, scales, units, approximators, as intervals.

mod approx;
pub use approx::approximator_word;
mod context;
pub(crate) mod data;
mod date;
pub use date::{date_from_days, days_in_month, days_since_epoch};
mod number;
mod scan;
mod unit;

use crate::lang::Lang;
use crate::text::Span;
use data::QuantityData;
use date::{
    clock_after, date_range, dot_date_at, in_dateline, month_alone, month_before, range_join_at,
    set_date, weekday, year_after, DateParts,
};
use number::{Hint, Numeral};
use scan::{match_at, skip_space, Tok, TokKind};
use serde::Serialize;

/// What a figure measures; figures compare only within one dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// A count of things ("115.000 Zuschauer", "14 cables").
    Count,
    /// A plain number with nothing counted.
    Number,
    Duration,
    Currency,
    Percent,
    PercentagePoint,
    Speed,
    Length,
    Mass,
    Area,
    Volume,
    Temperature,
    Age,
    TimeOfDay,
    Date,
    Year,
    /// "twice", "612-mal", "three times".
    Multiplier,
    /// Information size, power, energy and other units.
    Other,
}

/// How the figure was qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Approx {
    Exact,
    About,
    AtLeast,
    MoreThan,
    /// Just over the value: „gut 61.000“, "a good hour", "just over 400" — a little more,
    /// not open-ended like "more than".
    JustOver,
    AtMost,
    LessThan,
    Nearly,
    Range,
}

/// One figure with its span (approximator and unit included), value and interval.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The value as stated, scale words applied ("1,3 Millionen" = 1300000; "25 %" = 25).
    pub value: f64,
    /// Interval the statement allows, in the same unit as `value` (approximators and rounding).
    pub low: f64,
    pub high: f64,
    /// Canonical unit ("min", "EUR", "USD", "%", "km/h", "°C", …), `None` for counts and numbers.
    pub unit: Option<String>,
    pub dimension: Dimension,
    pub approx: Approx,
    /// Multiply `value`, `low`, `high` by this to get the dimension's base unit (seconds, metres, …).
    pub factor: f64,
    /// The noun the count qualifies ("Zuhörer", "vehicles").
    pub counted: Option<String>,
    pub span: Span,
    /// Span of the number itself, without approximator or unit.
    pub number_span: Span,
    /// One side of a result or a win–loss record ("won 3-1", "Bowe (43-1)"): a score, which
    /// never needs a source of its own.
    #[serde(default)]
    pub score: bool,
}

/// Whether duration `q` places a happening in time rather than measuring it ("seven months
/// ago", "less than two weeks later", "vor zwei Wochen"): it dates, like a date. `text` is the
/// text `q`'s offsets point into.
pub fn dates_event(text: &str, q: &Quantity, lang: Lang) -> bool {
    if q.dimension != Dimension::Duration {
        return false;
    }
    let d = data::data(lang);
    let word = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut after = text.get(q.end..).unwrap_or("").split_whitespace();
    let next = after.next().map(word);
    // "25 Minuten später als geplant", "two hours later than planned": a delay, which is a
    // figure of its own.
    if after
        .next()
        .map(word)
        .is_some_and(|w| lang.text_data().comparison.contains(&w))
    {
        return false;
    }
    let prev = text
        .get(..q.start)
        .and_then(|t| t.split_whitespace().next_back())
        .map(word);
    next.is_some_and(|w| d.is(&d.context.dating_after, &w))
        || prev.is_some_and(|w| d.is(&d.context.dating_before, &w))
}

/// The significant digits of a figure's first number as written ("412,000" → 3, „7,12“ → 3,
/// "38" → 2, "zwei" → 0).
pub fn significant_digits(text: &str) -> usize {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '\'' | '\u{a0}' | '\u{202f}'))
        .filter(char::is_ascii_digit)
        .collect();
    digits.trim_start_matches('0').trim_end_matches('0').len()
}

/// Extracts the figures of each sentence of `text` (the masked prose of a document).
pub fn extract(text: &str, sentences: &[Span], lang: Lang) -> Vec<Quantity> {
    extract_with(text, sentences, lang, None)
}

/// [`extract`], with each sentence's figures from `memo` when it has seen the sentence.
pub fn extract_with(
    text: &str,
    sentences: &[Span],
    lang: Lang,
    memo: Option<&crate::extract::Memo>,
) -> Vec<Quantity> {
    let d = data::data(lang);
    let mut out = Vec::new();
    for s in sentences {
        if s.end > text.len()
            || s.start >= s.end
            || !text.is_char_boundary(s.start)
            || !text.is_char_boundary(s.end)
        {
            continue;
        }
        let find = || {
            let mut drafts = sentence(text, *s, lang, d);
            votes(text, &mut drafts, d);
            ranges(text, *s, d, &mut drafts);
            elliptic_currency(&mut drafts);
            drafts
                .into_iter()
                .map(|q| finish(text, q))
                .filter(|q| q.value.is_finite() && q.low.is_finite() && q.high.is_finite())
                .collect::<Vec<Quantity>>()
        };
        match memo {
            Some(m) => {
                let key = crate::extract::memo::key(text, *s, lang, "");
                out.extend(m.quantities.get(key, s.start, find));
            }
            None => out.extend(find()),
        }
    }
    out.sort_by_key(|q| (q.start, q.end));
    out.dedup_by(|b, a| b.start < a.end);
    out
}

/// A figure being assembled.
#[derive(Clone, Debug)]
struct Draft {
    start: usize,
    end: usize,
    num_start: usize,
    num_end: usize,
    value: f64,
    round: f64,
    scale: f64,
    unit: Option<String>,
    dimension: Dimension,
    factor: f64,
    counted: Option<String>,
    approx: Approx,
    interval: Option<(f64, f64)>,
    digits: bool,
    /// One side of a result ("38 zu 23", "3-1"): never part of a range.
    score: bool,
    /// A calendar date: its parts (value, interval and unit follow from them).
    date: Option<DateParts>,
}

impl Draft {
    fn new(start: usize, end: usize, value: f64, round: f64) -> Draft {
        Draft {
            start,
            end,
            num_start: start,
            num_end: end,
            value,
            round,
            scale: 1.0,
            unit: None,
            dimension: Dimension::Number,
            factor: 1.0,
            counted: None,
            approx: Approx::Exact,
            interval: None,
            digits: true,
            score: false,
            date: None,
        }
    }
    fn has_unit(&self) -> bool {
        !matches!(self.dimension, Dimension::Number | Dimension::Count)
    }
    fn exact_point(&self) -> bool {
        matches!(
            self.dimension,
            Dimension::Year | Dimension::Date | Dimension::TimeOfDay
        )
    }
}

fn finish(text: &str, q: Draft) -> Quantity {
    let round = if q.exact_point() { 0.0 } else { q.round };
    let (low, high) = q
        .interval
        .unwrap_or_else(|| approx::interval(q.value, round, q.approx));
    // Drop binary noise from the bounds ("2.4499999999999997").
    let clean = |x: f64| {
        if x.abs() < 1e6 {
            (x * 1e9).round() / 1e9
        } else {
            x
        }
    };
    let (low, high) = (clean(low), clean(high));
    let span = Span::new(q.start, q.end);
    Quantity {
        start: q.start,
        end: q.end,
        text: span.slice(text).to_string(),
        value: q.value,
        low,
        high,
        unit: q.unit,
        dimension: q.dimension,
        approx: q.approx,
        factor: q.factor,
        counted: q.counted,
        span,
        number_span: Span::new(q.num_start, q.num_end),
        score: q.score,
    }
}

fn month_of(d: &QuantityData, w: &str) -> Option<u32> {
    d.context.months.get(w).copied()
}

/// Index of the token starting at byte `pos`.
fn tok_at(toks: &[Tok], pos: usize) -> Option<usize> {
    toks.iter().position(|t| t.start == pos)
}

/// First token index at or after byte `pos`.
fn tok_from(toks: &[Tok], pos: usize) -> usize {
    toks.iter()
        .position(|t| t.start >= pos)
        .unwrap_or(toks.len())
}

fn is_currency_code(d: &QuantityData, w: &str) -> bool {
    d.units.iter().any(|u| {
        u.dim() == Dimension::Currency
            && u.forms
                .iter()
                .any(|f| f == w || f.trim_end_matches('$') == w)
    })
}

fn sentence(text: &str, s: Span, lang: Lang, d: &QuantityData) -> Vec<Draft> {
    sentence_with(text, s, lang, d, false)
}

/// The full dates of one day that sentence `s` states, a page's stamp or a dateline's date
/// included ("Zusammenfassung, Donnerstag, 15. Januar 2026, 9.12 Uhr", "BERLIN, 12. März
/// 2026 (dpa) –"), which [`extract`] leaves out as no figures of the story: what dates the
/// document itself.
pub fn stamp_dates(text: &str, s: Span, lang: Lang) -> Vec<Quantity> {
    if s.end > text.len()
        || s.start >= s.end
        || !text.is_char_boundary(s.start)
        || !text.is_char_boundary(s.end)
    {
        return Vec::new();
    }
    sentence_with(text, s, lang, data::data(lang), true)
        .into_iter()
        .map(|q| finish(text, q))
        .filter(|q| {
            q.dimension == Dimension::Date
                && q.unit.as_deref() == Some("date")
                && q.low == q.high
                && q.value.is_finite()
        })
        .collect()
}

/// [`sentence`]; with `stamps`, a page's stamp and a dateline's date are kept.
fn sentence_with(text: &str, s: Span, lang: Lang, d: &QuantityData, stamps: bool) -> Vec<Draft> {
    let mut toks = scan::tokenize(text, s.start, s.end, d);
    for (a, b) in context::blocked_chunks(text, s.start, s.end) {
        for t in toks.iter_mut() {
            if t.start >= a && t.end <= b {
                t.kind = TokKind::Blocked;
            }
        }
    }
    let limit = s.end;
    let unit_at = |pos: usize| {
        unit::unit_at(text, pos, limit, d).is_some_and(|h| h.def.dim() != Dimension::Temperature)
    };
    let mut out: Vec<Draft> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        if t.kind == TokKind::Blocked {
            i += 1;
            continue;
        }
        if let Some(dn) = t.digits() {
            // Identifiers: digits glued to letters before them ("SCP-173", "t0", "A380").
            let prev = i.checked_sub(1).map(|k| &toks[k]);
            let prev2 = i.checked_sub(2).map(|k| &toks[k]);
            let glued_word = |x: Option<&Tok>| x.is_some_and(|p| p.is_word());
            if t.glued {
                let code = prev.is_some_and(|p| {
                    let w = text.get(p.start..p.end).unwrap_or("");
                    w.chars().count() == 3
                        && w.chars().all(|c| c.is_uppercase())
                        && is_currency_code(d, &p.lower)
                });
                let id = (glued_word(prev) && !code)
                    || (prev.is_some_and(|p| p.is_sym('-') || p.is_sym('_'))
                        && glued_word(prev2)
                        && prev.is_some_and(|p| p.glued))
                    || prev.is_some_and(|p| p.is_sym('\\') || p.is_sym('#') || p.is_sym('_'));
                if id {
                    i += 1;
                    continue;
                }
            }
            if let Some((qs, next)) = race_time_or_score(text, s, &toks, i, dn, lang, d) {
                out.extend(qs);
                i = next.max(i + 1);
                continue;
            }
            if let Some((q, next)) = date_or_time(text, s, &toks, i, dn, lang, d) {
                if let Some(q) = q {
                    out.push(q);
                }
                i = next.max(i + 1);
                continue;
            }
        }
        if t.is_word() {
            if let Some((q, next)) = weekday(text, s, &toks, i, d) {
                out.push(q);
                i = next.max(i + 1);
                continue;
            }
            // A rate follows a figure of another kind ("gallons … a year", not "a day and a week").
            if let Some((q, next)) = month_alone(text, s, &toks, i, d) {
                out.push(q);
                i = next.max(i + 1);
                continue;
            }
            let prev_end = out
                .last()
                .filter(|q| q.dimension != Dimension::Duration)
                .map(|q| q.end);
            if let Some((q, next)) = article_unit(text, s, &toks, i, prev_end, lang, d) {
                out.push(q);
                i = next.max(i + 1);
                continue;
            }
        }
        let Some(num) = number::parse(&toks, i, d, lang, &unit_at) else {
            i += 1;
            continue;
        };
        if is_pronoun_one(text, s.end, &toks, &num, d) || is_surname(text, &toks, &num, lang, d) {
            i = num.t1;
            continue;
        }
        // "a fourth-year student", "a third-party app": an ordinal in a compound.
        if ordinal_compound(&toks, &num, d) {
            i = num.t1 + 2;
            continue;
        }
        // "a sixth round stoppage", "a third straight win": an ordinal before its noun.
        if ordinal_before_noun(&toks, &num, d, &|k| {
            toks.get(k).is_some_and(|t| unit_at(t.start))
        }) {
            i = num.t1;
            continue;
        }
        let next = num.t1.max(i + 1);
        match build(text, s, &toks, &num, lang, d) {
            Some((q, t_end))
                if is_model_name(text, &toks, &num, &q, lang, d)
                    || labelled(text, &toks, &num, &q, lang, d) =>
            {
                i = t_end.max(next);
            }
            Some((q, t_end)) => {
                if let Some((r, k)) = ratio(text, s, &toks, &q, num.t1, lang, d) {
                    out.push(r);
                    i = k.max(next);
                    continue;
                }
                out.push(q);
                i = t_end.max(next);
            }
            None => i = next,
        }
    }
    // "the 1982-83 season", "2003/04": one span of two years, not a year and a count.
    let mut k = 0;
    while k + 1 < out.len() {
        let (x, y) = (&out[k], &out[k + 1]);
        let glue = text.get(x.end..y.start).unwrap_or("");
        let short = text.get(y.start..y.end).unwrap_or("");
        // Any number may reach here: only a year's value is small enough to count on.
        let next_year = (x.value.is_finite() && x.value.abs() < 1e6)
            .then(|| (x.value as i64 + 1).rem_euclid(100));
        if x.dimension == Dimension::Year
            && next_year.is_some()
            && matches!(glue, "-" | "–" | "/")
            && short.len() == 2
            && short.bytes().all(|b| b.is_ascii_digit())
            && short.parse::<i64>().ok() == next_year
        {
            let end = y.end;
            let high = x.value + 1.0;
            out.remove(k + 1);
            let x = &mut out[k];
            x.end = end;
            x.approx = Approx::Range;
            x.interval = Some((x.value, high));
        }
        k += 1;
    }
    // "Thursday, Sept. 18", "am Donnerstag, den 18. September": the date, not also the weekday.
    let links = &d.context.weekday_date_links;
    let mut k = 0;
    while k + 1 < out.len() {
        let (x, y) = (&out[k], &out[k + 1]);
        let between = text
            .get(x.end..y.start)
            .unwrap_or("")
            .trim_matches(|c: char| c == ',' || scan::is_space(c))
            .to_lowercase();
        if x.unit.as_deref() == Some("weekday")
            && y.date.is_some()
            && (between.is_empty() || d.is(links, &between))
        {
            out.remove(k);
        } else {
            k += 1;
        }
    }
    if stamps {
        return out;
    }
    // "Updated: January 6, 2011, 11:34 AM ET": the page's stamp, not the story's figures.
    if publication_stamp(text, s, d) || bare_stamp(text, s, &out) {
        out.clear();
    }
    // "BERLIN, 12. März (dpa) –": the dateline dates the report, not the event.
    if out
        .first()
        .is_some_and(|q| q.date.is_some() && in_dateline(text, s, q))
    {
        out.remove(0);
    }
    out
}

/// A stamp is at most this many words long.
const STAMP_WORDS: usize = 14;

/// Whether sentence `s` is a publication stamp: a label ("Updated", „Stand“) opening it,
/// followed by a colon, a link word ("at", „am“), a digit, a weekday or a month, in a short
/// sentence ("Last updated 13:26 14/09/2013", "PUBLISHED: WEDNESDAY, MARCH 13, 2013").
fn publication_stamp(text: &str, s: Span, d: &QuantityData) -> bool {
    let Some(sentence) = text.get(s.start..s.end) else {
        return false;
    };
    let trimmed = sentence.trim_start_matches(|c: char| !c.is_alphanumeric());
    if trimmed.split_whitespace().count() > STAMP_WORDS {
        return false;
    }
    let lower = trimmed.to_lowercase();
    d.words.stamp_labels.iter().any(|label| {
        let Some(rest) = lower.strip_prefix(label.as_str()) else {
            return false;
        };
        if rest.starts_with(char::is_alphanumeric) {
            return false;
        }
        let rest = rest.trim_start();
        if rest.starts_with(':') || rest.starts_with(|c: char| c.is_ascii_digit()) {
            return true;
        }
        let next: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '.')
            .collect();
        let next = next.trim_end_matches('.');
        d.words.stamp_links.iter().any(|l| l == next)
            || d.context.weekdays.contains_key(next)
            || d.context.months.contains_key(next)
    })
}

/// At most this many words besides its date and time make a line a bare stamp ("ET", "GMT",
/// "at", „Uhr“).
const BARE_STAMP_WORDS: usize = 2;

/// Whether sentence `s` is only a date and a time of day ("September 16, 2013 9:36 am",
/// „16.09.2013, 09:36 Uhr“) or a full date ("on Feb. 04, 2009"): a page's stamp, with nothing
/// said about the story.
fn bare_stamp(text: &str, s: Span, out: &[Draft]) -> bool {
    // Only a line of its own: a table's cell ("| Messwert | Juli 2025 | September 2017 |")
    // shares its line with the other cells and heads or fills a column — the table's dates.
    let before = text.get(..s.start).unwrap_or("");
    let after = text.get(s.end..).unwrap_or("");
    let line_before = before.rsplit('\n').next().unwrap_or("");
    let line_after = after.split('\n').next().unwrap_or("");
    if line_before
        .chars()
        .chain(line_after.chars())
        .any(char::is_alphanumeric)
    {
        return false;
    }
    let has = |dim: Dimension| out.iter().any(|q| q.dimension == dim);
    let full_date = out.len() == 1
        && out.iter().any(|q| {
            q.dimension == Dimension::Date
                && q.approx != Approx::Range
                && text.get(q.start..q.end).is_some_and(|t| {
                    t.as_bytes()
                        .windows(4)
                        .any(|w| w.iter().all(u8::is_ascii_digit))
                })
        });
    if !(has(Dimension::Date) && (has(Dimension::TimeOfDay) || full_date)) {
        return false;
    }
    let Some(sentence) = text.get(s.start..s.end) else {
        return false;
    };
    let mut rest = String::with_capacity(sentence.len());
    for (i, c) in sentence.char_indices() {
        let at = s.start + i;
        let covered = out.iter().any(|q| q.start <= at && at < q.end);
        rest.push(if covered { ' ' } else { c });
    }
    rest.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
        <= BARE_STAMP_WORDS
}

/// An article (or "half" and an article) before a unit word: the figure 1 (or ½), with an
/// adjective between them as its approximator ("eine knappe Stunde", "an hour and a half",
/// "half an hour", "a good hour"). Rates ("twice a day", "$5 a day", "2.4 billion gallons of
/// fuel a year") are no figures; `prev_end` is where the sentence's previous figure ends.
fn article_unit(
    text: &str,
    s: Span,
    toks: &[Tok],
    i: usize,
    prev_end: Option<usize>,
    lang: Lang,
    d: &QuantityData,
) -> Option<(Draft, usize)> {
    let ar = &d.articles;
    let t = &toks[i];
    let half = d.is(&ar.half_before, &t.lower);
    if !half && !d.is(&ar.forms, &t.lower) {
        return None;
    }
    if let Some(p) = i.checked_sub(1).map(|k| &toks[k]) {
        let rate = p.digits().is_some()
            || d.is(&ar.rate_before, &p.lower)
            || (p.is_word()
                && matches!(
                    number::classify(&p.lower, d, lang),
                    number::WClass::Cardinal(_)
                        | number::WClass::Hundred
                        | number::WClass::Scale(_)
                        | number::WClass::Dozen(_)
                        | number::WClass::Times(_)
                ))
            || unit::unit_at(text, p.start, p.end, d).is_some_and(|h| h.end == p.end);
        if rate {
            return None;
        }
    }
    let mut k = i + 1;
    let mut value = 1.0;
    let mut num_end = t.end;
    if half {
        let a = toks.get(k).filter(|x| d.is(&ar.forms, &x.lower))?;
        num_end = a.end;
        value = 0.5;
        k += 1;
    }
    let mut approx = Approx::Exact;
    let mut adjective = false;
    if let Some(a) = toks
        .get(k)
        .filter(|x| x.is_word())
        .and_then(|x| ar.adjectives.get(&x.lower))
    {
        approx = *a;
        adjective = true;
        k += 1;
    }
    if ar.before_units && !half && !adjective {
        // "eine Stunde": the numeral reader takes it.
        return None;
    }
    let ut = toks.get(k)?;
    let h = unit::unit_at(text, ut.start, s.end, d)?;
    let form = text.get(h.start..h.end).unwrap_or("").to_lowercase();
    if !ar.before_units && !d.is(&ar.unit_forms, &form) {
        return None;
    }
    let k_end = tok_from(toks, h.end);
    // "a year-long", "an hour's drive" stay; "a day-care" does not count.
    if toks
        .get(k_end)
        .is_some_and(|x| x.glued && (x.is_sym('-') || x.is_sym('‑')))
    {
        return None;
    }
    // "… gallons of fuel a year": after a figure in the same clause, with no word that opens a
    // duration before it ("for a year") or places it in time after it ("a year ago").
    if !ar.before_units {
        let clause = prev_end.is_some_and(|e| {
            text.get(e..t.start)
                .is_some_and(|g| !g.contains([',', ';', ':', '(', ')']))
        });
        let opened = i.checked_sub(1).is_some_and(|k| {
            toks[k].is_word() && d.is(&ar.duration_before, &toks[k].lower)
                || approx::approximator(text, s.start, t.start, d).is_some()
        });
        let placed = toks
            .get(k_end)
            .is_some_and(|x| x.is_word() && d.is(&ar.duration_after, &x.lower));
        if clause && !opened && !placed {
            return None;
        }
    }
    let mut end = h.end;
    let mut next = k_end;
    // "an hour and a half".
    if !half {
        let conn = toks
            .get(k_end)
            .is_some_and(|x| d.is(&d.words.connector, &x.lower));
        let art = toks
            .get(k_end + 1)
            .is_some_and(|x| d.is(&ar.forms, &x.lower));
        let hw = toks
            .get(k_end + 2)
            .filter(|x| d.words.fractions.get(&x.lower) == Some(&2.0));
        if let (true, true, Some(hw)) = (conn, art, hw) {
            value += 0.5;
            end = hw.end;
            next = k_end + 3;
        }
    }
    let mut q = Draft::new(t.start, end, value, 0.0);
    q.num_end = num_end;
    q.digits = false;
    q.dimension = h.def.dim();
    q.unit = Some(h.def.unit.clone());
    q.factor = if q.dimension == Dimension::Currency {
        1.0
    } else {
        h.def.factor()
    };
    q.approx = approx;
    // "a year old".
    if q.dimension == Dimension::Duration {
        if let Some(e) = context::form_after(text, q.end, s.end, &d.context.age_after) {
            q.end = e;
            q.dimension = Dimension::Age;
            next = tok_from(toks, e);
        }
    }
    Some((q, next))
}

/// "a fourth-year student", "a third-party app": an ordinal word glued by a hyphen to a noun.
/// So is a zero written as a word ("a zero-day flaw", "zero-sum", "Null-Toleranz"): a term, no
/// figure.
fn ordinal_compound(toks: &[Tok], num: &Numeral, d: &QuantityData) -> bool {
    if !num.words || num.t1 == 0 {
        return false;
    }
    let last = &toks[num.t1 - 1].lower;
    let ordinal = num.fraction
        && d.words.fractions.get(last).is_some_and(|v| *v >= 3.0)
        && !last.ends_with('s');
    let zero = num.value == 0.0 && num.t1 == num.t0 + 1;
    (ordinal || zero)
        && toks
            .get(num.t1)
            .is_some_and(|x| x.glued && (x.is_sym('-') || x.is_sym('‑')))
        && toks.get(num.t1 + 1).is_some_and(|x| x.glued && x.is_word())
}

/// "a sixth round stoppage", "a third straight win": an English ordinal ("third", "-th")
/// read as a fraction, but followed by a word that is neither "of" (a share: "a fifth of
/// trains") nor a unit ("a tenth mile"): an ordinal, no figure.
fn ordinal_before_noun(
    toks: &[Tok],
    num: &Numeral,
    d: &QuantityData,
    unit_at: &dyn Fn(usize) -> bool,
) -> bool {
    if !num.words || !num.fraction || num.t1 == 0 {
        return false;
    }
    let last = &toks[num.t1 - 1].lower;
    let ordinal_form = last == "third" || (last.ends_with("th") && !last.ends_with("ths"));
    if !ordinal_form || d.words.fractions.get(last).is_none_or(|v| *v < 3.0) {
        return false;
    }
    toks.get(num.t1).is_some_and(|x| {
        x.is_word() && !x.glued && !d.is(&d.words.share_of, &x.lower) && !unit_at(num.t1)
    })
}

/// The most members of a list of numbers looked back over for its label.
const LIST_MEMBERS: usize = 12;

/// "Nr. 5", "No. 1", "Platz 2", "Week 17", "version 2.1": a label before the number makes it a
/// name, rank or version. A count whose noun follows the number stays a figure ("in der Woche 17
/// Menschen").
fn labelled(
    text: &str,
    toks: &[Tok],
    num: &Numeral,
    q: &Draft,
    lang: Lang,
    d: &QuantityData,
) -> bool {
    if num.words || num.t0 == 0 || q.start != num.start {
        return false;
    }
    // A later member of a list of labelled numbers ("versions 6, 7, 8 and 9", „Gleise 3 und
    // 4“) is labelled by the label before the first.
    let mut first = num.t0;
    for _ in 0..LIST_MEMBERS {
        let Some(k) = first.checked_sub(1) else { break };
        let join =
            |t: &Tok| t.is_sym(',') || (t.is_word() && d.is(&d.context.list_joins, &t.lower));
        let mut j = k;
        // ", and": a comma and a conjunction join one member.
        while j > 0 && toks.get(j).is_some_and(join) && toks.get(j - 1).is_some_and(join) {
            j -= 1;
        }
        if !toks.get(j).is_some_and(join) || j == 0 || toks[j - 1].digits().is_none() {
            break;
        }
        first = j - 1;
    }
    if first == 0 {
        return false;
    }
    let prev = &toks[first - 1];
    let dotted = prev.is_sym('.') && prev.glued && first >= 2 && toks[first - 2].is_word();
    let word = if dotted {
        format!("{}.", toks[first - 2].lower)
    } else if prev.is_word() {
        prev.lower.clone()
    } else {
        return false;
    };
    if !d.is(&d.context.label_before, &word) {
        return false;
    }
    match q.dimension {
        Dimension::Number => true,
        // "Nr. 5", "No. 1 team": an abbreviated label always names.
        Dimension::Count if dotted => true,
        // "Highway 38 remains closed", "Route 66": in English a capitalised label is part of a
        // name (a verb in -s after it is no plural noun).
        Dimension::Count if lang == Lang::En && capitalised(text, prev) => true,
        Dimension::Count => {
            let noun = context::counted_noun(text, toks, num.t1, d, lang);
            let next = toks
                .get(num.t1)
                .map(|x| text.get(x.start..x.end).unwrap_or(""));
            // "Week 17 of the season", "Game 3 winner": no plural noun right after the number.
            let plural = noun.as_deref().is_some_and(|c| {
                let c = c.to_lowercase();
                lang == Lang::De || c.ends_with('s') || d.is(&d.context.plural_irregular, &c)
            });
            noun.is_none() || noun.as_deref() != next || !plural
        }
        _ => false,
    }
}

fn capitalised(text: &str, t: &Tok) -> bool {
    t.is_word()
        && text
            .get(t.start..t.end)
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// A word that may stand before a number as part of the prose (approximators, prepositions,
/// number words, units, months) rather than as a name.
fn function_word(text: &str, t: &Tok, d: &QuantityData, lang: Lang) -> bool {
    let a = &d.approx;
    let w = t.lower.as_str();
    approximator_word(w, d)
        || [
            &a.range_open,
            &d.context.not_counted,
            &d.context.year_preps,
            &d.context.age_before,
            &d.context.label_keep,
            &d.articles.forms,
        ]
        .iter()
        .any(|l| d.is(l, w))
        || number::classify(w, d, lang) != number::WClass::Other
        || month_of(d, w).is_some()
        || unit::unit_at(text, t.start, t.end, d).is_some()
}

/// "Claudia Tausend", "Herr Hundert": a capitalised number word after a capitalised name or title,
/// not followed by a noun it could count.
fn is_surname(text: &str, toks: &[Tok], num: &Numeral, lang: Lang, d: &QuantityData) -> bool {
    if !num.words || num.t1 != num.t0 + 1 || num.t0 == 0 || !capitalised(text, &toks[num.t0]) {
        return false;
    }
    let mut p = num.t0 - 1;
    // "Dr. Hundert"
    if toks[p].is_sym('.') && p > 0 && d.is(&d.context.titles, &toks[p - 1].lower) {
        p -= 1;
    }
    let prev = &toks[p];
    if !capitalised(text, prev) {
        return false;
    }
    let title = d.is(&d.context.titles, &prev.lower);
    if !title && function_word(text, prev, d, lang) {
        return false;
    }
    // "Einige Tausend Menschen", "Thousand Oaks": a following noun is counted.
    let next_noun = toks.get(num.t1).is_some_and(|x| match lang {
        Lang::De => capitalised(text, x),
        Lang::En => capitalised(text, x) || (x.is_word() && x.lower.ends_with('s')),
    });
    !next_noun
}

/// "Boeing 737", "iPhone 15", "Windows 11", "PowerPack 500": a number right after a capitalised word
/// that is not the first of the sentence nor a unit, month, preposition or approximator, and that
/// counts nothing, is part of a product or model name.
fn is_model_name(
    text: &str,
    toks: &[Tok],
    num: &Numeral,
    q: &Draft,
    lang: Lang,
    d: &QuantityData,
) -> bool {
    if num.words || !num.single.is_some_and(|x| x.plain_int) || q.start != num.start {
        return false;
    }
    let counts_nothing = match q.dimension {
        Dimension::Number => true,
        Dimension::Count => {
            lang == Lang::En
                && q.counted.as_deref().is_none_or(|c| {
                    !c.ends_with('s') && !d.is(&d.context.plural_irregular, &c.to_lowercase())
                })
        }
        _ => false,
    };
    if !counts_nothing || num.t0 < 2 {
        return false;
    }
    let prev = &toks[num.t0 - 1];
    if toks[num.t0].glued || !prev.is_word() || prev.glued && toks[num.t0 - 2].is_word() {
        return false;
    }
    let has_upper = text
        .get(prev.start..prev.end)
        .is_some_and(|w| w.chars().any(char::is_uppercase));
    if !has_upper || function_word(text, prev, d, lang) {
        return false;
    }
    // "…, im zweiten Werk in Brökendorf 610;": a place after its preposition, then a number
    // closing the clause, is an elliptical count of that place, not a model name.
    let place_before = toks[num.t0 - 2].is_word()
        && lang
            .text_data()
            .place_prepositions
            .contains(&toks[num.t0 - 2].lower);
    let clause_ends = toks
        .get(num.t1)
        .is_none_or(|t| t.is_sym(';') || t.is_sym(',') || t.is_sym('.'));
    if place_before && clause_ends {
        return false;
    }
    // Headlines in title case capitalise every word.
    if lang == Lang::En {
        let long: Vec<&Tok> = toks
            .iter()
            .filter(|t| t.is_word() && t.end - t.start >= 4)
            .collect();
        let caps = long.iter().filter(|t| capitalised(text, t)).count();
        if long.len() >= 3 && caps * 10 >= long.len() * 7 {
            return false;
        }
    }
    true
}

/// "this one", "no one", "one another": "one" as a pronoun.
fn is_pronoun_one(text: &str, limit: usize, toks: &[Tok], num: &Numeral, d: &QuantityData) -> bool {
    if num.t1 != num.t0 + 1 || num.value != 1.0 || !num.words {
        return false;
    }
    let w = &toks[num.t0].lower;
    if w != "one" {
        return false;
    }
    let prev = num
        .t0
        .checked_sub(1)
        .map(|k| toks[k].lower.as_str())
        .unwrap_or("");
    let next = toks.get(num.t1).map(|t| t.lower.as_str()).unwrap_or("");
    let unit_follows = toks
        .get(num.t1)
        .is_some_and(|t| unit::unit_at(text, t.start, limit, d).is_some());
    !unit_follows
        && (d.is(&d.articles.pronoun_after, prev) || d.is(&d.articles.pronoun_before, next))
}

/// Whether one of the score context words is among the few words around tokens `a..b`.
fn score_context(toks: &[Tok], a: usize, b: usize, d: &QuantityData) -> bool {
    let lo = a.saturating_sub(4);
    let hi = (b + 3).min(toks.len());
    toks[lo..hi]
        .iter()
        .any(|t| t.is_word() && d.is(&d.words.score_context, &t.lower))
}

/// Race and match times ("2:21:05", "3:45,2 Minuten") as durations in seconds, and results
/// ("38:23", "ein 3:1-Sieg", "won 3-1") as two counts.
fn race_time_or_score(
    text: &str,
    s: Span,
    toks: &[Tok],
    i: usize,
    dn: scan::DigitNum,
    lang: Lang,
    d: &QuantityData,
) -> Option<(Vec<Draft>, usize)> {
    let t = &toks[i];
    if !dn.plain_int {
        return None;
    }
    let tk = |k: usize| toks.get(k);
    let glued_sym = |k: usize, c: char| tk(k).is_some_and(|x| x.glued && x.is_sym(c));
    // A two-digit group ("05", "41", "41,2"): its value and rounding.
    let two_digit = |k: usize| -> Option<(f64, f64)> {
        let x = tk(k).filter(|x| x.glued)?;
        let v = x.digits()?;
        let ok = if v.plain_int {
            x.end - x.start == 2
        } else {
            v.digits == 2 && v.round < 1.0
        };
        (ok && v.value < 60.0).then_some((v.value, if v.plain_int { 1.0 } else { v.round }))
    };
    let ends_group = |k: usize| {
        tk(k).is_none_or(|x| {
            !(x.glued && (x.digits().is_some() || x.is_sym(':') || (x.is_word() && !x.is_sym('-'))))
        })
    };
    let ctx = &d.context;
    if glued_sym(i + 1, ':') {
        // h:mm:ss(,d)
        if let (Some((m, _)), true) = (two_digit(i + 2), glued_sym(i + 3, ':')) {
            let x = tk(i + 2).and_then(|x| x.digits());
            if x.is_some_and(|x| x.plain_int) {
                if let Some((sec, round)) = two_digit(i + 4).filter(|_| ends_group(i + 5)) {
                    let mut end = toks[i + 4].end;
                    let clock = context::form_after(text, end, s.end, &ctx.clock)
                        .or_else(|| context::form_after(text, end, s.end, &ctx.pm_words))
                        .or_else(|| context::form_after(text, end, s.end, &ctx.am_words));
                    if let Some(e) = clock.filter(|_| dn.value <= 24.0) {
                        let mut q = Draft::new(t.start, e, dn.value + m / 60.0 + sec / 3600.0, 0.0);
                        q.num_end = end;
                        q.dimension = Dimension::TimeOfDay;
                        q.unit = Some("h".into());
                        q.factor = 3600.0;
                        return Some((vec![q], tok_from(toks, e)));
                    }
                    if let Some(h) = unit::unit_after(text, end, s.end, d)
                        .filter(|h| h.def.dim() == Dimension::Duration && h.def.factor() == 3600.0)
                    {
                        end = h.end;
                    }
                    let mut q = Draft::new(t.start, end, dn.value * 3600.0 + m * 60.0 + sec, round);
                    q.num_end = toks[i + 4].end;
                    q.dimension = Dimension::Duration;
                    q.unit = Some("s".into());
                    return Some((vec![q], tok_from(toks, end)));
                }
            }
        }
        // m:ss(,d) Minuten, h:mm Stunden.
        if let Some((sec, round)) = two_digit(i + 2).filter(|_| ends_group(i + 3)) {
            let num_end = toks[i + 2].end;
            if let Some(h) = unit::unit_after(text, num_end, s.end, d)
                .filter(|h| h.def.dim() == Dimension::Duration)
            {
                let f = h.def.factor();
                let plain = round >= 1.0;
                if f == 60.0 || (f == 3600.0 && plain) {
                    let v = dn.value * f + sec * f / 60.0;
                    let mut q = Draft::new(t.start, h.end, v, round * f / 60.0);
                    q.num_end = num_end;
                    q.dimension = Dimension::Duration;
                    q.unit = Some("s".into());
                    return Some((vec![q], tok_from(toks, h.end)));
                }
            }
        }
    }
    // Results: "38:23", "3:1-Sieg", "won 3-1".
    let sep = if glued_sym(i + 1, ':') {
        ':'
    } else if glued_sym(i + 1, '-') || glued_sym(i + 1, '–') {
        if glued_sym(i + 1, '-') {
            '-'
        } else {
            '–'
        }
    } else {
        return None;
    };
    let y_tok = tk(i + 2).filter(|x| x.glued)?;
    let y = y_tok.digits().filter(|y| y.plain_int)?;
    if tk(i + 3).is_some_and(|x| {
        x.glued
            && (x.is_sym(':')
                || x.digits().is_some()
                || x.is_sym('.') && tk(i + 4).is_some_and(|z| z.glued && z.digits().is_some()))
    }) {
        return None;
    }
    if i > 0 && toks[i - 1].glued && !toks[i - 1].is_sym('(') {
        return None;
    }
    let y_len = y_tok.end - y_tok.start;
    let clock_like = dn.value <= 24.0 && y_len == 2 && y.value < 60.0;
    let ctx_ok = score_context(toks, i, i + 3, d)
        || (tk(i + 3).is_some_and(|x| x.glued && x.is_sym('-'))
            && tk(i + 4).is_some_and(|x| x.glued && x.is_word()));
    let small = dn.value < 200.0 && y.value < 200.0 && dn.digits <= 3;
    // A win–loss record in parentheses: "Bowe (43-1)", "the Colts (11-4)".
    let record = sep != ':'
        && i > 0
        && toks[i - 1].is_sym('(')
        && tk(i + 3).is_some_and(|x| x.is_sym(')') || x.is_sym(','));
    let is_score = match sep {
        ':' => small && (!clock_like || ctx_ok),
        // A falling or level pair ("a 15-2 run", "led 33-26", "12-12") is no range: a result.
        _ => small && y_len <= 3 && (ctx_ok || record || y.value <= dn.value),
    };
    let lo = i.saturating_sub(4);
    let blocked = toks[lo..(i + 4).min(toks.len())]
        .iter()
        .any(|t| t.is_word() && d.is(&d.words.score_blockers, &t.lower));
    // "im Verhältnis 1:3", "a 1:50 scale": a ratio, neither a result nor a clock time.
    if blocked {
        return Some((Vec::new(), i + 3));
    }
    if !is_score {
        return None;
    }
    // "38:23 Stimmen": the noun both sides count.
    let counted = context::counted_noun(text, toks, i + 3, d, lang)
        .filter(|c| d.is(&d.words.score_counted, &c.to_lowercase()));
    let mk = |tok: &Tok, v: f64| {
        let mut q = Draft::new(tok.start, tok.end, v, 1.0);
        q.dimension = Dimension::Count;
        q.counted = counted.clone();
        q.score = true;
        q
    };
    Some((vec![mk(t, dn.value), mk(y_tok, y.value)], i + 3))
}

/// Dates ("13. Juli", "March 3, 2019", "Mai 2023"), clock times ("9:42 p.m.", "20:15 Uhr") and
/// ordinals ("am 3. Platz", "4th"). `Some((None, next))` skips an ordinal.
fn date_or_time(
    text: &str,
    s: Span,
    toks: &[Tok],
    i: usize,
    dn: scan::DigitNum,
    lang: Lang,
    d: &QuantityData,
) -> Option<(Option<Draft>, usize)> {
    let t = &toks[i];
    let tk = |k: usize| toks.get(k);
    // Clock time "10.30 Uhr", "9.30am".
    if !dn.plain_int && dn.value < 24.0 && (dn.round - 0.01).abs() < 1e-9 {
        let ctx = &d.context;
        let minutes = ((dn.value.fract() * 100.0).round()).min(99.0);
        let pm = context::form_after(text, t.end, s.end, &ctx.pm_words);
        let other = context::form_after(text, t.end, s.end, &ctx.clock)
            .or_else(|| context::form_after(text, t.end, s.end, &ctx.am_words));
        if minutes < 60.0 && (pm.is_some() || other.is_some()) {
            let mut h = dn.value.trunc();
            if pm.is_some() && h < 12.0 {
                h += 12.0;
            }
            let am = context::form_after(text, t.end, s.end, &ctx.am_words);
            if pm.is_none() && am.is_some() && h == 12.0 {
                h = 0.0;
            }
            let end = pm.or(other).unwrap_or(t.end);
            let mut q = Draft::new(t.start, end, h + minutes / 60.0, 0.0);
            q.num_end = t.end;
            q.dimension = Dimension::TimeOfDay;
            q.unit = Some("h".into());
            q.factor = 3600.0;
            return Some((Some(q), tok_from(toks, end)));
        }
    }
    // Clock time hh:mm.
    if dn.plain_int && dn.value <= 24.0 && tk(i + 1).is_some_and(|x| x.glued && x.is_sym(':')) {
        if let Some(m) = tk(i + 2)
            .filter(|x| x.glued && x.end - x.start == 2)
            .and_then(|x| x.digits())
        {
            if m.value < 60.0
                && !tk(i + 3)
                    .is_some_and(|x| x.glued && x.is_sym(':') && tk(i + 4).is_some_and(|y| y.glued))
            {
                let mut end = toks[i + 2].end;
                let mut h = dn.value;
                let ctx = &d.context;
                if let Some(e) = context::form_after(text, end, s.end, &ctx.pm_words) {
                    end = e;
                    if h < 12.0 {
                        h += 12.0;
                    }
                } else if let Some(e) = context::form_after(text, end, s.end, &ctx.am_words) {
                    end = e;
                    if h == 12.0 {
                        h = 0.0;
                    }
                } else if let Some(e) = context::form_after(text, end, s.end, &ctx.clock) {
                    end = e;
                } else if context::form_after(text, end, s.end, &ctx.countdown).is_some() {
                    // "with 7:42 left in the first half": a game clock, no time of day.
                    return Some((None, i + 3));
                }
                let mut q = Draft::new(t.start, end, h + m.value / 60.0, 0.0);
                q.num_end = toks[i + 2].end;
                q.dimension = Dimension::TimeOfDay;
                q.unit = Some("h".into());
                q.factor = 3600.0;
                return Some((Some(q), tok_from(toks, end)));
            }
        }
        return Some((None, i + 3));
    }
    // English ordinals "4th", "21st"; with a month before them, a date.
    if let Some(suf) = tk(i + 1).filter(|x| x.glued && x.is_word()) {
        if matches!(suf.lower.as_str(), "st" | "nd" | "rd" | "th") && dn.plain_int {
            let (month, mstart) = month_before(text, toks, i, d);
            if let Some(m) = month.filter(|_| dn.value >= 1.0 && dn.value <= 31.0) {
                let (year, end, next) = year_after(toks, i + 2, suf.end);
                let mut q = Draft::new(mstart, end, dn.value, 0.0);
                q.num_start = t.start;
                q.num_end = t.end;
                let p = DateParts {
                    year,
                    month: m,
                    day: Some(dn.value as u32),
                    until: None,
                };
                if set_date(&mut q, p) {
                    return Some((Some(q), next));
                }
            }
            // "the 4th of July".
            let of = tk(i + 2).filter(|x| d.is(&d.context.day_of_month, &x.lower));
            let m = tk(i + 3)
                .filter(|x| x.is_word() && capitalised(text, x))
                .and_then(|x| month_of(d, &x.lower).map(|m| (m, x.end)));
            if let (Some(_), Some((m, mend)), true) = (of, m, month.is_none()) {
                let (year, end, next) = year_after(toks, i + 4, mend);
                let mut q = Draft::new(t.start, end, dn.value, 0.0);
                q.num_end = t.end;
                let p = DateParts {
                    year,
                    month: m,
                    day: Some(dn.value as u32),
                    until: None,
                };
                if set_date(&mut q, p) {
                    return Some((Some(q), next));
                }
            }
            return Some((None, i + 2));
        }
    }
    // German "13." ordinals and dates.
    if d.dot_ordinals && dn.plain_int && tk(i + 1).is_some_and(|x| x.glued && x.is_sym('.')) {
        let dot_end = toks[i + 1].end;
        let sentence_final = skip_space(text, dot_end, s.end) >= s.end;
        // "1. Januar 2024 war …": a date with its year is no list number.
        let list_number = i == 0 && dot_date_at(toks, i, d).is_none_or(|x| x.year.is_none());
        if !sentence_final {
            if !list_number {
                if let Some(dd) = dot_date_at(toks, i, d) {
                    let mut q = Draft::new(t.start, dd.end, dn.value, 0.0);
                    q.num_end = t.end;
                    let p = DateParts {
                        year: dd.year,
                        month: dd.month,
                        day: Some(dd.day),
                        until: None,
                    };
                    if set_date(&mut q, p) {
                        return Some((Some(q), dd.next));
                    }
                    return Some((None, dd.next));
                }
                // "14. bis 17. Oktober 2026", "14.–17. Oktober".
                if let Some(k) = range_join_at(toks, i + 2, d) {
                    if let Some(dd) = dot_date_at(toks, k, d) {
                        let mut q = Draft::new(t.start, dd.end, dn.value, 0.0);
                        q.num_end = t.end;
                        let p = DateParts {
                            year: dd.year,
                            month: dd.month,
                            day: Some(dn.value as u32),
                            until: Some((dd.month, dd.day)),
                        };
                        if dn.value < f64::from(dd.day) && set_date(&mut q, p) {
                            q.approx = Approx::Range;
                            return Some((Some(q), dd.next));
                        }
                    }
                }
            }
            return Some((None, i + 2));
        }
    }
    // "1." or "1)" opening a sentence: list numbering.
    if i == 0
        && dn.plain_int
        && tk(1).is_some_and(|x| x.glued && (x.is_sym('.') || x.is_sym(')')))
        && tk(2).is_some()
    {
        return Some((None, 2));
    }
    // Month before: "March 3", "Mai 2023", "May 8, 1945", "Jan. 5", "Oct. 14-17, 2026".
    let (month, mstart) = month_before(text, toks, i, d);
    if let (Some(m), true) = (month, dn.plain_int && !t.glued) {
        let mwd = toks.get(tok_from(toks, mstart))?;
        let capital_ok = lang == Lang::De
            || text
                .get(mwd.start..mwd.end)
                .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
        if capital_ok || mwd.lower != "may" {
            if (1.0..=31.0).contains(&dn.value) && dn.digits <= 2 {
                let mut until = None;
                let mut day_end = t.end;
                let mut k = i + 1;
                // "Oct. 14-17", "October 14 to 17".
                if let Some(j) = range_join_at(toks, i + 1, d) {
                    let d2 = tk(j).and_then(|x| {
                        x.digits()
                            .filter(|y| y.plain_int && y.digits <= 2 && y.value > dn.value)
                            .map(|y| (y, x.end))
                    });
                    if let Some((d2, d2_end)) = d2 {
                        let bare = tk(j + 1).is_none_or(|x| {
                            !x.is_word() || unit::unit_at(text, x.start, s.end, d).is_none()
                        }) && !clock_after(text, d2_end, s.end, d);
                        if bare {
                            until = Some((m, d2.value as u32));
                            day_end = d2_end;
                            k = j + 1;
                        }
                    }
                }
                if until.is_none() && clock_after(text, t.end, s.end, d) {
                    return None;
                }
                let (year, end, next) = year_after(toks, k, day_end);
                let mut q = Draft::new(mstart, end, dn.value, 0.0);
                q.num_start = t.start;
                q.num_end = t.end;
                let p = DateParts {
                    year,
                    month: m,
                    day: Some(dn.value as u32),
                    until,
                };
                if set_date(&mut q, p) {
                    if until.is_some() {
                        q.approx = Approx::Range;
                    }
                    return Some((Some(q), next));
                }
                return Some((None, next));
            }
            if dn.digits == 4 && (1000.0..=2200.0).contains(&dn.value) {
                // "Mai 2023", "November 2023": the whole month.
                let mut q = Draft::new(mstart, t.end, dn.value, 0.0);
                q.num_start = t.start;
                let p = DateParts {
                    year: Some(dn.value as i32),
                    month: m,
                    day: None,
                    until: None,
                };
                if set_date(&mut q, p) {
                    return Some((Some(q), i + 1));
                }
            }
        }
    }
    // Day before month: "14 July 2023", "3 March".
    if dn.plain_int && dn.digits <= 2 && (1.0..=31.0).contains(&dn.value) && !t.glued {
        if let Some(w) = tk(i + 1).filter(|x| x.is_word() && !x.glued) {
            let dotted = tk(i + 2).is_some_and(|x| x.glued && x.is_sym('.'));
            let m = if dotted {
                month_of(d, &format!("{}.", w.lower)).or_else(|| month_of(d, &w.lower))
            } else {
                month_of(d, &w.lower)
            };
            let capital = capitalised(text, w);
            if let (Some(m), true) = (m, capital && !(lang == Lang::En && w.lower == "may")) {
                let (mut end, mut k) = (w.end, i + 2);
                if dotted && month_of(d, &format!("{}.", w.lower)).is_some() {
                    end = toks[i + 2].end;
                    k = i + 3;
                }
                let (year, end, next) = year_after(toks, k, end);
                let mut q = Draft::new(t.start, end, dn.value, 0.0);
                q.num_end = t.end;
                let p = DateParts {
                    year,
                    month: m,
                    day: Some(dn.value as u32),
                    until: None,
                };
                if set_date(&mut q, p) {
                    return Some((Some(q), next));
                }
            }
        }
    }
    None
}

/// Builds the figure around a numeral: scale letters, units, currency, age, clock, counted noun.
fn build(
    text: &str,
    s: Span,
    toks: &[Tok],
    num: &Numeral,
    lang: Lang,
    d: &QuantityData,
) -> Option<(Draft, usize)> {
    let ctx = &d.context;
    let mut q = Draft::new(num.start, num.end, num.value, num.round);
    q.scale = num.scale;
    q.digits = !num.words;
    let mut t = num.t1;
    let pre_cur = unit::currency_before(text, s.start, num.start, d);
    // Scientific notation: "1.3e6", "12.32e+14", "1.1^23", "1.3x10^6".
    if !num.words {
        if let Some((v, k)) = exponent(toks, t, q.value) {
            q.value = v;
            q.round = 0.0;
            q.end = toks[k - 1].end;
            t = k;
        }
    }
    // Scale letters glued to digits: "100k", "1,2M", "£5m".
    if num.single.is_some() || (!num.words && num.scale == 1.0) {
        if let Some(x) = toks.get(t).filter(|x| x.glued && x.is_word()) {
            let w = text.get(x.start..x.end).unwrap_or("");
            let after_glued = toks
                .get(t + 1)
                .is_some_and(|y| y.glued && (y.is_word() || y.digits().is_some()));
            if let Some(sc) = d.words.glued_scales.get(w) {
                let m_ok = w != "m" || pre_cur.is_some();
                // "5G", "4K": generations and resolutions, not giga or kilo.
                let one_digit = num.single.is_some_and(|x| x.plain_int && x.digits == 1);
                let letter_ok = !(one_digit && matches!(w, "G" | "K"));
                let hyphen_after = toks.get(t + 1).is_some_and(|y| y.glued && y.is_sym('-'));
                if m_ok && letter_ok && !after_glued && !hyphen_after {
                    q.value *= sc;
                    q.round *= sc;
                    q.scale *= sc;
                    q.end = x.end;
                    t += 1;
                }
            }
        }
    }
    // Scale letters after a space, closing the clause: "2.33 k", "1,674.5 G".
    if !num.words && q.end == num.end {
        if let Some(x) = toks.get(t).filter(|x| !x.glued && x.is_word()) {
            let w = text.get(x.start..x.end).unwrap_or("");
            let closes = toks.get(t + 1).is_none_or(|y| matches!(y.kind, TokKind::Sym(c) if matches!(c, '.' | ',' | ';' | ')' | '!' | '?')));
            if let Some(sc) = d.words.glued_scales.get(w).filter(|_| closes && w != "m") {
                q.value *= sc;
                q.round *= sc;
                q.scale *= sc;
                q.end = x.end;
                t += 1;
            }
        }
    }
    if let Some(r) = share(text, s, toks, &q, num, t, lang, d) {
        return Some(r);
    }
    match num.hint {
        Hint::Times => {
            q.dimension = Dimension::Multiplier;
            q.unit = Some("x".into());
            return Some((q, t));
        }
        Hint::Age => {
            q.dimension = Dimension::Age;
            q.unit = Some("a".into());
            q.factor = 31_557_600.0;
            return Some((q, t));
        }
        Hint::Duration(f) => {
            q.dimension = Dimension::Duration;
            q.unit = Some(duration_unit(f).into());
            q.factor = f;
            return Some((q, t));
        }
        Hint::None => {}
    }
    // Hyphenated compounds: "63-jährig", "63-year-old", "612-mal", "55,000-seat", "3-inch".
    if toks
        .get(t)
        .is_some_and(|x| x.glued && (x.is_sym('-') || x.is_sym('‑')))
    {
        if let Some(w) = toks.get(t + 1).filter(|x| x.glued && x.is_word()) {
            // "two-time champion".
            if d.is(&ctx.not_figure_compounds, &w.lower) {
                return None;
            }
            // "a two-handed assault", "a three-sided deal": an English adjective made of a
            // number and a participle-like "-ed" word describes, it counts nothing.
            if lang == Lang::En
                && w.lower.len() > 4
                && w.lower.ends_with("ed")
                && !toks.get(t + 2).is_some_and(|x| x.glued)
            {
                return None;
            }
            let wpos = w.start;
            if let Some(e) = ctx
                .age_suffixes
                .iter()
                .filter_map(|f| match_at(text, wpos, s.end, f, false))
                .max()
            {
                q.end = e;
                q.dimension = Dimension::Age;
                q.unit = Some("a".into());
                q.factor = 31_557_600.0;
                if let Some(f) = ctx
                    .age_suffixes
                    .iter()
                    .find(|f| match_at(text, wpos, s.end, f, false) == Some(e))
                {
                    if f.starts_with("month") {
                        q.unit = Some("mo".into());
                        q.factor = 2_629_800.0;
                    } else if f.starts_with("week") {
                        q.unit = Some("wk".into());
                        q.factor = 604_800.0;
                    } else if f.starts_with("day") {
                        q.unit = Some("d".into());
                        q.factor = 86_400.0;
                    }
                }
                return Some((q, tok_from(toks, e)));
            }
            for (f, secs) in &ctx.duration_suffixes {
                if let Some(e) = match_at(text, wpos, s.end, f, false) {
                    q.end = e;
                    q.dimension = Dimension::Duration;
                    q.unit = Some(duration_unit(*secs).into());
                    q.factor = *secs;
                    return Some((q, tok_from(toks, e)));
                }
            }
            if d.is(&d.words.times, &w.lower) || d.is(&d.words.times_suffixes, &w.lower) {
                q.end = w.end;
                q.dimension = Dimension::Multiplier;
                q.unit = Some("x".into());
                return Some((q, t + 2));
            }
        }
    }
    // Clock times: "20 Uhr", "10 p.m.", "2 Uhr morgens", "11pm".
    if num.single.is_some_and(|x| x.plain_int && x.value <= 24.0) {
        let pm = context::form_after(text, q.end, s.end, &ctx.pm_words);
        let am = context::form_after(text, q.end, s.end, &ctx.am_words);
        let clock = context::form_after(text, q.end, s.end, &ctx.clock);
        if pm.is_some() || am.is_some() || clock.is_some() {
            let mut end = pm.or(am).or(clock).unwrap_or(q.end);
            let mut h = q.value;
            if pm.is_some() && h < 12.0 {
                h += 12.0;
            }
            if pm.is_none() && am.is_some() && h == 12.0 {
                h = 0.0;
            }
            if let Some(c) = clock {
                if let Some(e) = context::form_after(text, c, s.end, &ctx.pm_words) {
                    end = e;
                    if h < 12.0 {
                        h += 12.0;
                    }
                } else if let Some(e) = context::form_after(text, c, s.end, &ctx.am_words) {
                    end = e;
                }
            }
            q.value = h;
            q.end = end;
            q.dimension = Dimension::TimeOfDay;
            q.unit = Some("h".into());
            q.factor = 3600.0;
            return Some((q, tok_from(toks, end)));
        }
    }
    // Units after the number.
    let mut post = unit::unit_after(text, q.end, s.end, d);
    // "$ 20,000.00 $ 37,305.97": a sign followed by a number belongs to that number.
    if let Some(h) = post {
        let sign = h.def.dim() == Dimension::Currency
            && !text
                .get(h.start..h.end)
                .unwrap_or("")
                .chars()
                .any(char::is_alphabetic);
        let next_digit = text
            .get(skip_space(text, h.end, s.end)..)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
        if sign && (pre_cur.is_some() || next_digit) {
            post = None;
        }
    }
    let mut unit_def = None;
    if let Some(h) = post {
        // A sign-only unit form glued to a following word ("5 $x") is still fine; take it.
        unit_def = Some(h.def);
        q.end = h.end;
        // "1.2 billion pounds" is money unless "of" follows ("2 million pounds of beef").
        if let Some(other) = h.def.scaled.as_deref().filter(|_| q.scale >= 1e6) {
            let of_follows = text
                .get(skip_space(text, h.end, s.end)..s.end)
                .is_some_and(|r| {
                    r.split(|c: char| !c.is_alphabetic())
                        .next()
                        .is_some_and(|w| w.eq_ignore_ascii_case("of"))
                });
            if !of_follows {
                if let Some(u) = d.units.iter().find(|u| u.unit == other) {
                    unit_def = Some(u);
                }
            }
        }
    } else if let Some(h) = pre_cur {
        unit_def = Some(h.def);
        q.start = h.start;
    }
    if let Some(u) = unit_def {
        q.dimension = u.dim();
        q.unit = Some(u.unit.clone());
        q.factor = u.factor();
        if q.dimension == Dimension::Currency && !u.subunit {
            q.factor = 1.0;
            if post.is_some() {
                add_subunit(text, s, toks, &mut q, lang, d);
            }
        }
        if post.is_some() {
            add_smaller_unit(text, s, toks, &mut q, u, lang, d);
        }
        // Composite units: "Kilometer pro Stunde" is in the data; "50 km/ms", "meters per millisecond".
        if post.is_some() && q.dimension == Dimension::Length {
            let p = skip_space(text, q.end, s.end);
            let sep = ["pro ", "per ", "je ", "/", "an ", "a "]
                .iter()
                .find_map(|f| match_at(text, p, s.end, f.trim_end(), false).map(|e| (e, *f)));
            if let Some((e, _)) = sep {
                let p2 = skip_space(text, e, s.end);
                if let Some(h2) =
                    unit::unit_at(text, p2, s.end, d).filter(|h| h.def.dim() == Dimension::Duration)
                {
                    q.dimension = Dimension::Speed;
                    q.factor = u.factor() / h2.def.factor();
                    q.unit = Some(format!("{}/{}", u.unit, h2.def.unit));
                    q.end = h2.end;
                }
            }
        }
        // Ages: "5 Jahre alt", "ten years old", "6 weeks of age".
        if q.dimension == Dimension::Duration {
            if let Some(e) = context::form_after(text, q.end, s.end, &ctx.age_after) {
                q.end = e;
                q.dimension = Dimension::Age;
            } else if context::form_before(text, s.start, q.start, &ctx.age_before).is_some() {
                q.dimension = Dimension::Age;
            }
        }
        let next = tok_from(toks, q.end);
        return Some((q, next));
    }
    // "Oyelaran, 62, said", "Whitcombe, 44, of Leeds": an age in apposition to a name.
    if apposition_age(text, toks, num, lang, d) {
        q.dimension = Dimension::Age;
        q.unit = Some("a".into());
        q.factor = 31_557_600.0;
        return Some((q, t));
    }
    // Age without a unit: "aged 63", "im Alter von 95".
    if context::form_before(text, s.start, q.start, &ctx.age_before).is_some() && q.value < 150.0 {
        q.dimension = Dimension::Age;
        q.unit = Some("a".into());
        q.factor = 31_557_600.0;
        return Some((q, t));
    }
    // Multipliers: "three times", "612 Mal".
    if toks
        .get(t)
        .is_some_and(|x| x.is_word() && d.is(&d.words.times, &x.lower))
    {
        q.end = toks[t].end;
        q.dimension = Dimension::Multiplier;
        q.unit = Some("x".into());
        return Some((q, t + 1));
    }
    // A word glued to digits that is no unit or scale: an identifier ("3D", "4x4").
    if !num.words && toks.get(t).is_some_and(|x| x.glued && x.is_word()) {
        return None;
    }
    // Years.
    if let Some(dn) = num.single {
        if dn.plain_int && dn.digits == 4 && (1000.0..=2200.0).contains(&dn.value) {
            let prev = num
                .t0
                .checked_sub(1)
                .map(|k| toks[k].lower.as_str())
                .unwrap_or("");
            let counted = context::counted_noun(text, toks, t, d, lang);
            // "the 2013 Christmas Special", "the 2012 Olympics": where only names are
            // capitalised, a capitalised word after a year names the occasion, not what is
            // counted (a round figure such as "2000 Americans" stays a count).
            let named = lang != Lang::De
                && dn.value % 100.0 != 0.0
                && counted
                    .as_deref()
                    .is_some_and(|c| c.chars().next().is_some_and(char::is_uppercase));
            // German: a noun reached past other words ("Für 2025 rechnet Veltra mit …") is no
            // counted noun of a year-like figure that is not round ("2000 neue Besucher" is).
            let adjacent = || {
                toks.get(t)
                    .and_then(|x| text.get(x.start..x.end))
                    .is_some_and(|w| counted.as_deref() == Some(w))
            };
            let plural = !named
                && counted.as_deref().is_some_and(|c| {
                    c.ends_with('s')
                        || (lang == Lang::De && (dn.value % 100.0 == 0.0 || adjacent()))
                });
            let attributive = dn.value <= 2100.0 && year_attributive(text, toks, num.t0, t, d);
            if attributive
                || d.is(&ctx.year_preps, prev)
                || (!plural && (1800.0..=2100.0).contains(&dn.value))
            {
                q.dimension = Dimension::Year;
                return Some((q, t));
            }
        }
    }
    // Hyphenated count noun "55,000-seat".
    if toks.get(t).is_some_and(|x| x.glued && x.is_sym('-')) {
        if let Some(w) = toks.get(t + 1).filter(|x| x.glued && x.is_word()) {
            let wt = text.get(w.start..w.end).unwrap_or("");
            if wt.chars().count() > 1 {
                q.counted = Some(wt.to_string());
                q.dimension = Dimension::Count;
                return Some((q, t + 2));
            }
        }
    }
    if let Some(c) = context::counted_noun(text, toks, t, d, lang) {
        q.counted = Some(c);
        q.dimension = Dimension::Count;
        // "4,800 Zuschauer": people come whole, so the ambiguous group is a thousands group.
        if let Some(alt) = num.single.and_then(|x| x.alt) {
            q.value = if q.value < 0.0 { -alt } else { alt };
            q.round = number::round_of_int(alt);
        }
    }
    Some((q, t))
}

/// "Name, 62," or "Name, 62, of …": a bare number of 1 to 120 between commas after a name.
fn apposition_age(text: &str, toks: &[Tok], num: &Numeral, lang: Lang, d: &QuantityData) -> bool {
    let Some(dn) = num.single.filter(|x| x.plain_int && !num.words) else {
        return false;
    };
    if !(1.0..=120.0).contains(&dn.value) || num.t0 < 2 {
        return false;
    }
    // "Martina Ostrowski (75)": the age in brackets after a name (two capitalised words).
    if toks[num.t0 - 1].is_sym('(') && toks.get(num.t1).is_some_and(|x| x.is_sym(')')) {
        let named = |k: usize| {
            toks.get(k).is_some_and(|w| {
                w.is_word()
                    && capitalised(text, w)
                    && !function_word(text, w, d, lang)
                    && !d.context.weekdays.contains_key(&w.lower)
            })
        };
        // Small bracketed numbers are references ("Absatz (3)"), not ages.
        return (10.0..=110.0).contains(&dn.value)
            && num.t0 >= 3
            && named(num.t0 - 2)
            && named(num.t0 - 3);
    }
    if !toks[num.t0 - 1].is_sym(',') {
        return false;
    }
    let mut p = num.t0 - 2;
    // "Smith Jr., 62,".
    if toks[p].is_sym('.') && toks[p].glued && p > 0 {
        p -= 1;
    }
    let name = &toks[p];
    let ctx = &d.context;
    if !capitalised(text, name)
        || function_word(text, name, d, lang)
        || ctx.weekdays.contains_key(&name.lower)
        || text.get(name.start..name.end).is_some_and(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        })
    {
        return false;
    }
    toks.get(num.t1).is_some_and(|x| {
        (x.is_sym(',') && toks.get(num.t1 + 1).is_none_or(|y| y.digits().is_none()))
            || (x.is_word() && d.is(&ctx.age_apposition_after, &x.lower))
            // Ending the sentence: "…," said Mayor Teresa Alvarez, 61.
            || (x.is_sym('.') && toks.get(num.t1 + 1).is_none())
    })
}

/// A spelled fraction before "of"/"der": a share ("a fifth of trains" = 20 %, "ein Drittel der
/// Befragten" = 33,3 %), or a fraction of a number or unit ("a quarter of a million", "three
/// quarters of an hour").
#[allow(clippy::too_many_arguments)]
fn share(
    text: &str,
    s: Span,
    toks: &[Tok],
    q: &Draft,
    num: &Numeral,
    t: usize,
    lang: Lang,
    d: &QuantityData,
) -> Option<(Draft, usize)> {
    let frac = q.value;
    if !(num.fraction && num.words && num.scale == 1.0 && frac > 0.0 && frac < 1.0) {
        return None;
    }
    let w = &d.words;
    let next = toks.get(t).filter(|x| x.is_word())?;
    let bare_half = d.is(&w.share_bare, &next.lower)
        && toks
            .get(num.t1.checked_sub(1)?)
            .is_some_and(|x| d.is(&w.share_bare_words, &x.lower));
    if !d.is(&w.share_of, &next.lower) && !bare_half {
        return None;
    }
    let k = t + 1;
    // A fraction of a number: "a quarter of a million", "ein Drittel von 300 Befragten".
    if !bare_half {
        if let Some(n2) = number::parse(toks, k, d, lang, &|_| false).filter(|n| !n.fraction) {
            let (mut y, end) = build(text, s, toks, &n2, lang, d)?;
            if matches!(
                y.dimension,
                Dimension::Year | Dimension::Date | Dimension::TimeOfDay
            ) {
                return None;
            }
            y.value *= frac;
            y.round *= frac;
            y.start = q.start;
            y.num_start = q.num_start;
            return Some((y, end));
        }
        // "three quarters of an hour".
        let mut k2 = k;
        if toks
            .get(k2)
            .is_some_and(|x| d.is(&d.articles.forms, &x.lower) || x.lower == "a" || x.lower == "an")
        {
            k2 += 1;
        }
        if let Some(h) = toks
            .get(k2)
            .and_then(|x| unit::unit_at(text, x.start, s.end, d))
        {
            let mut y = q.clone();
            y.end = h.end;
            y.dimension = h.def.dim();
            y.unit = Some(h.def.unit.clone());
            y.factor = h.def.factor();
            if y.dimension == Dimension::Currency {
                y.factor = 1.0;
            }
            return Some((y, tok_from(toks, h.end)));
        }
    }
    let mut p = q.clone();
    p.value = frac * 100.0;
    p.round = 1.0;
    p.dimension = Dimension::Percent;
    p.unit = Some("%".into());
    p.factor = 1.0;
    Some((p, t))
}

/// "die 1962 eröffnete Brücke", "the 1350-built church": a year before an attributive participle.
/// `t0` is the year's token, `t` the token after it.
fn year_attributive(text: &str, toks: &[Tok], t0: usize, t: usize, d: &QuantityData) -> bool {
    let ctx = &d.context;
    // "1998-built", "1850-founded".
    if toks.get(t).is_some_and(|x| x.glued && x.is_sym('-')) {
        if let Some(w) = toks.get(t + 1).filter(|x| x.glued && x.is_word()) {
            let l = w.lower.as_str();
            return d.is(&ctx.year_participles, l)
                || ctx
                    .year_participle_endings
                    .iter()
                    .any(|e| l.len() > e.len() + 2 && l.ends_with(e.as_str()));
        }
        return false;
    }
    // Determiner, year, inflected lower-case participle, noun.
    let Some(det) = t0.checked_sub(1).map(|k| &toks[k]) else {
        return false;
    };
    if !d.is(&ctx.year_attr_det, &det.lower) {
        return false;
    }
    let (Some(w1), Some(w2)) = (toks.get(t), toks.get(t + 1)) else {
        return false;
    };
    if !w1.is_word() || capitalised(text, w1) || d.is(&ctx.not_counted, &w1.lower) {
        return false;
    }
    if unit::unit_at(text, w1.start, w1.end, d).is_some() || !capitalised(text, w2) {
        return false;
    }
    let l = w1.lower.as_str();
    let inflected = ["e", "en", "er", "es", "em"].iter().any(|e| l.ends_with(e));
    let singular = d.is(&ctx.year_attr_singular, &det.lower) || (l.ends_with('e'));
    inflected && singular
}

/// "15 Dollar und 15 Cent", "thirteen dollars and forty-five cents", "15 dollars 50".
fn add_subunit(text: &str, s: Span, toks: &[Tok], q: &mut Draft, lang: Lang, d: &QuantityData) {
    let mut k = tok_from(toks, q.end);
    if toks
        .get(k)
        .is_some_and(|x| d.is(&d.words.connector, &x.lower))
    {
        k += 1;
    }
    let Some(n) = number::parse(toks, k, d, lang, &|_| false) else {
        return;
    };
    if n.value.fract() != 0.0 || n.value >= 100.0 || n.value < 0.0 {
        return;
    }
    if let Some(h) = unit::unit_after(text, n.end, s.end, d) {
        if h.def.subunit && h.def.dim() == Dimension::Currency {
            q.value += n.value * h.def.factor();
            q.end = h.end;
        }
        return;
    }
    // A bare two-digit number closing the sentence or clause.
    let after = skip_space(text, n.end, s.end);
    let closes = after >= s.end
        || text
            .get(after..)
            .is_some_and(|r| r.starts_with(['.', ',', ';', '!', '?', ')']));
    if closes && toks.get(n.t1).is_none_or(|x| !x.is_word()) {
        q.value += n.value / 100.0;
        q.end = n.end;
    }
    let _ = tok_at(toks, 0);
}

/// "ein Volumen von 48,6 Millionen Euro, und 3,4 Millionen davon fließen …", "$48.6 million,
/// 3.4 million of it for the pool": a scaled number with neither unit nor counted noun after an
/// amount of money in its sentence is an amount in that currency, the unit left unsaid.
fn elliptic_currency(qs: &mut [Draft]) {
    let mut currency: Option<(Option<String>, f64)> = None;
    for q in qs.iter_mut() {
        if q.dimension == Dimension::Currency {
            currency = Some((q.unit.clone(), q.factor));
            continue;
        }
        let bare = matches!(q.dimension, Dimension::Number | Dimension::Count)
            && q.unit.is_none()
            && q.counted.is_none()
            && !q.score
            && q.scale >= 1e6;
        if let (true, Some((unit, factor))) = (bare, &currency) {
            q.dimension = Dimension::Currency;
            q.unit = unit.clone();
            q.factor = *factor;
        }
    }
}

/// Results joined by a word: "38 zu 23 Stimmen", "by 38 votes to 23": both sides count the noun.
fn votes(text: &str, qs: &mut [Draft], d: &QuantityData) {
    let w = &d.words;
    for i in 0..qs.len().saturating_sub(1) {
        let (x, y) = (&qs[i], &qs[i + 1]);
        let bare = |q: &Draft| {
            matches!(q.dimension, Dimension::Number | Dimension::Count)
                && q.value.fract() == 0.0
                && q.value >= 0.0
                && q.scale == 1.0
                && !q.score
        };
        if !bare(x) || !bare(y) {
            continue;
        }
        let counted = x.counted.clone().or_else(|| y.counted.clone());
        let Some(c) = counted.filter(|c| d.is(&w.score_counted, &c.to_lowercase())) else {
            continue;
        };
        if y.counted.as_ref().is_some_and(|yc| yc != &c) {
            continue;
        }
        let between = text.get(x.end..y.start).unwrap_or("").trim();
        let between = match &x.counted {
            Some(xc) => between.strip_prefix(xc.as_str()).unwrap_or(between).trim(),
            None => between,
        }
        .to_lowercase();
        if !d.is(&w.score_join, &between) {
            continue;
        }
        for q in &mut qs[i..i + 2] {
            q.dimension = Dimension::Count;
            q.counted = Some(c.clone());
            q.score = true;
        }
    }
}

/// Ranges ("zwischen 4.050 und 10.800 m²", "100 bis 300 Milliarden", "40 - 50 Jahre"), then the
/// approximators before each figure.
fn ranges(text: &str, s: Span, d: &QuantityData, qs: &mut [Draft]) {
    let a = &d.approx;
    let mut in_range = vec![false; qs.len()];
    for i in 0..qs.len().saturating_sub(1) {
        if in_range[i] {
            continue;
        }
        let (x, y) = (&qs[i], &qs[i + 1]);
        // "quadrupled to twice the level": a spelled multiplier opens no range.
        if x.score || y.score || (x.dimension == Dimension::Multiplier && !x.digits) {
            continue;
        }
        if let (Some(xd), Some(yd)) = (x.date, y.date) {
            date_range(text, s, d, qs, &mut in_range, i, xd, yd);
            continue;
        }
        if (x.has_unit() && x.exact_point() != y.exact_point()) || x.dimension == Dimension::Date {
            continue;
        }
        let between = text.get(x.end..y.start).unwrap_or("").trim().to_lowercase();
        if between.is_empty() || !a.range_join.contains(&between) {
            continue;
        }
        let opener = context::form_before(text, s.start, x.start, &a.range_open);
        let conj = matches!(between.as_str(), "und" | "and");
        if conj && opener.is_none() {
            continue;
        }
        if x.has_unit() && y.has_unit() && x.dimension != y.dimension {
            continue;
        }
        if x.dimension == Dimension::Year && y.dimension != Dimension::Year {
            continue;
        }
        let (mut x, y) = (x.clone(), y.clone());
        if !x.has_unit() && y.has_unit() {
            x.unit = y.unit.clone();
            x.dimension = y.dimension;
            x.factor = y.factor;
        }
        if x.scale == 1.0 && y.scale > 1.0 && x.value.abs() <= (y.value / y.scale).abs() {
            x.value *= y.scale;
            x.round *= y.scale;
            x.scale = y.scale;
        }
        // A range runs upwards: "35,120 to 31,004" is a tally, "from 40 to 30" a change.
        if x.value > y.value {
            continue;
        }
        if x.counted.is_none() && y.counted.is_some() {
            x.counted = y.counted.clone();
            x.dimension = y.dimension;
        }
        if let Some(o) = opener {
            x.start = o;
        }
        let round = |q: &Draft| if q.exact_point() { 0.0 } else { q.round };
        let lo = (x.value - round(&x) / 2.0).min(y.value - round(&y) / 2.0);
        let hi = (x.value + round(&x) / 2.0).max(y.value + round(&y) / 2.0);
        x.approx = Approx::Range;
        x.interval = Some((lo, hi));
        let mut y = y;
        y.approx = Approx::Range;
        y.interval = Some((lo, hi));
        qs[i] = x;
        qs[i + 1] = y;
        in_range[i] = true;
        in_range[i + 1] = true;
    }
    let mut prev_end = s.start;
    for k in 0..qs.len() {
        let second_of_range =
            in_range[k] && k > 0 && in_range[k - 1] && qs[k - 1].interval == qs[k].interval;
        // "bis 2025" and "gegen 20 Uhr" are no approximators of years and times.
        if !qs[k].exact_point() && !second_of_range {
            if let Some((kind, st)) = approx::approximator(text, s.start, qs[k].start, d) {
                let earlier = (k > 0).then(|| &qs[k - 1]);
                if period_span(text, s, &qs[k], earlier, st, d) {
                    prev_end = qs[k].end;
                    continue;
                }
                if st >= prev_end {
                    qs[k].start = st;
                    if !in_range[k] {
                        qs[k].approx = kind;
                    }
                }
            }
        } else if qs[k].dimension == Dimension::TimeOfDay && !in_range[k] {
            // "before 4 a.m.", „kurz nach 22 Uhr“: a bound of the time, part of the figure.
            if let Some((kind, st, bounds)) =
                approx::time_bound(text, s.start, qs[k].start, qs[k].value, d)
            {
                if st >= prev_end {
                    qs[k].start = st;
                    qs[k].approx = kind;
                    qs[k].interval = Some(bounds);
                }
            }
        }
        prev_end = qs[k].end;
    }
}

/// "9.5 percent over 12 months", "£2.1bn over two years", "über drei Jahre verteilt": "over" before
/// a duration that follows another figure (or is marked as spread) is a span of time, not "more
/// than". `st` is where the approximator starts.
fn period_span(
    text: &str,
    s: Span,
    q: &Draft,
    earlier: Option<&Draft>,
    st: usize,
    d: &QuantityData,
) -> bool {
    let a = &d.approx;
    if q.dimension != Dimension::Duration {
        return false;
    }
    let word = text.get(st..q.start).unwrap_or("").trim().to_lowercase();
    if !d.is(&a.period, &word) {
        return false;
    }
    if context::form_after(text, q.end, s.end, &a.period_after).is_some()
        || context::form_before(text, s.start, st, &a.period_lead).is_some()
    {
        return true;
    }
    if context::form_before(text, s.start, st, &a.period_blockers).is_some() {
        return false;
    }
    earlier.is_some_and(|e| e.end <= st && !matches!(e.dimension, Dimension::Date))
}

/// Scientific notation after a digit number ending before token `t`; the new value and next token.
fn exponent(toks: &[Tok], t: usize, base: f64) -> Option<(f64, usize)> {
    let glued = |k: usize| toks.get(k).filter(|x| x.glued);
    let signed_int = |mut k: usize| -> Option<(f64, usize)> {
        let mut sign = 1.0;
        while let Some(x) = glued(k).filter(|x| x.is_sym('+') || x.is_sym('-') || x.is_sym('−')) {
            if !x.is_sym('+') {
                sign = -sign;
            }
            k += 1;
        }
        let dn = glued(k)?.digits()?;
        if !dn.plain_int || dn.value > 300.0 {
            return None;
        }
        Some((sign * dn.value, k + 1))
    };
    let first = glued(t)?;
    if first.is_word() && (first.lower == "e") {
        let (e, k) = signed_int(t + 1)?;
        return Some((base * 10f64.powf(e), k));
    }
    if first.is_sym('^') {
        let (e, k) = signed_int(t + 1)?;
        let v = base.abs().powf(e);
        return Some((if base < 0.0 { -v } else { v }, k));
    }
    if first.is_word() && (first.lower == "x" || first.lower == "×") || first.is_sym('×') {
        let ten = glued(t + 1)?.digits()?;
        if ten.value != 10.0 || !glued(t + 2)?.is_sym('^') {
            return None;
        }
        let (e, k) = signed_int(t + 3)?;
        return Some((base * 10f64.powf(e), k));
    }
    None
}

/// "one in three", "two out of five", "1 over 3": a ratio of two plain numbers.
fn ratio(
    text: &str,
    s: Span,
    toks: &[Tok],
    x: &Draft,
    t: usize,
    lang: Lang,
    d: &QuantityData,
) -> Option<(Draft, usize)> {
    if !matches!(x.dimension, Dimension::Number) {
        return None;
    }
    let after = toks.get(t)?.start;
    let e = d
        .words
        .ratio
        .iter()
        .filter_map(|f| match_at(text, after, s.end, f, false))
        .max()?;
    let form = text.get(after..e).unwrap_or("").to_lowercase();
    let k = tok_from(toks, e);
    let ny = number::parse(toks, k, d, lang, &|_| false)?;
    let (y, k_end) = build(text, s, toks, &ny, lang, d)?;
    if y.value <= 0.0 || !matches!(y.dimension, Dimension::Number | Dimension::Count) {
        return None;
    }
    let over = d.words.ratio_free.contains(&form);
    if over {
        if y.counted.is_some() {
            return None;
        }
    } else if x.value > y.value {
        return None;
    }
    let mut r = Draft::new(x.start, y.end, x.value / y.value, 0.0);
    r.num_start = x.num_start;
    r.num_end = y.num_end;
    r.counted = y.counted.clone();
    r.dimension = if r.counted.is_some() {
        Dimension::Count
    } else {
        Dimension::Number
    };
    r.unit = Some("ratio".into());
    Some((r, k_end))
}

/// Canonical unit of a duration given in seconds per unit.
fn duration_unit(secs: f64) -> &'static str {
    match secs as u64 {
        1 => "s",
        60 => "min",
        3600 => "h",
        86_400 => "d",
        604_800 => "wk",
        2_629_800 => "mo",
        31_557_600 => "a",
        _ => "s",
    }
}

#[cfg(test)]
mod tests;

/// "5 feet 2 inches", "2 Stunden und 30 Minuten": a smaller unit with its own number joins the figure.
fn add_smaller_unit(
    text: &str,
    s: Span,
    toks: &[Tok],
    q: &mut Draft,
    u: &data::UnitDef,
    lang: Lang,
    d: &QuantityData,
) {
    let Some(then) = u.then.as_deref() else {
        return;
    };
    let mut k = tok_from(toks, q.end);
    if toks
        .get(k)
        .is_some_and(|x| d.is(&d.words.connector, &x.lower))
    {
        k += 1;
    }
    let Some(n) = number::parse(toks, k, d, lang, &|_| false) else {
        return;
    };
    if n.value < 0.0 {
        return;
    }
    let p = skip_space(text, n.end, s.end);
    let small = unit::unit_at(text, p, s.end, d)
        .filter(|h| h.def.unit == then)
        .map(|h| (h.end, h.def.factor()));
    let bare = u
        .then_forms
        .iter()
        .find_map(|f| match_at(text, p, s.end, f, false));
    let small_factor = d
        .units
        .iter()
        .find(|x| x.unit == then && x.dim() == u.dim())
        .map(|x| x.factor());
    let (end, f) = match (small, bare, small_factor) {
        (Some((e, f)), _, _) => (e, f),
        (None, Some(e), Some(f)) => (e, f),
        _ => return,
    };
    if u.factor() <= 0.0 {
        return;
    }
    q.value += n.value * f / u.factor();
    q.round = 0.0;
    q.end = end;
}
