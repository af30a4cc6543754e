//! Calendar dates and weekdays: their parts and values (days since 1970-01-01 with a year,
//! month*100+day without), the readers shared by `date_or_time`, ranges of dates, months named
//! alone, weekdays that date an event, and wire datelines.

use super::*;

/// The parts of a calendar date ("14. Juli 2023", "Nov. 8", "Mai 2023", "14. bis 17. Oktober").
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct DateParts {
    pub year: Option<i32>,
    pub month: u32,
    /// `None`: the whole month.
    pub day: Option<u32>,
    /// The last day (month, day) of a range of days.
    pub until: Option<(u32, u32)>,
}

pub(super) fn leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

pub fn days_in_month(y: Option<i32>, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y.is_none_or(leap) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a valid date (proleptic Gregorian calendar).
pub fn days_since_epoch(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date (year, month, day) `days` days after 1970-01-01: the inverse of
/// [`days_since_epoch`].
pub fn date_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl DateParts {
    pub fn valid(&self) -> bool {
        let day_ok = |m: u32, d: u32| d >= 1 && d <= days_in_month(self.year, m);
        (1..=12).contains(&self.month)
            && self.day.is_none_or(|d| day_ok(self.month, d))
            && self.until.is_none_or(|(m, d)| day_ok(m, d))
    }

    /// Value, low, high and unit: days since 1970-01-01 ("date") with a year, month*100+day
    /// ("md") without.
    pub fn resolve(&self) -> (f64, f64, f64, &'static str) {
        let first = self.day.unwrap_or(1);
        let (lm, ld) = match (self.until, self.day) {
            (Some(u), _) => u,
            (None, Some(d)) => (self.month, d),
            (None, None) => (self.month, days_in_month(self.year, self.month).max(1)),
        };
        match self.year {
            Some(y) => {
                let v = days_since_epoch(y, self.month, first) as f64;
                // A range into the next month of the next year ("28. Dezember bis 3. Januar 2027"
                // is dated by its last day's year).
                let ly = if lm < self.month { y + 1 } else { y };
                let hi = days_since_epoch(ly, lm, ld) as f64;
                (v, v, hi.max(v), "date")
            }
            None => {
                let v = f64::from(self.month * 100 + first);
                let hi = match (self.day, self.until) {
                    (None, None) => f64::from(self.month * 100 + 31),
                    _ => f64::from(lm * 100 + ld),
                };
                (v, v, if hi >= v { hi } else { 1231.0 }, "md")
            }
        }
    }
}

/// Makes `q` the date `p`: value, interval and unit. False when `p` is no valid date.
pub(super) fn set_date(q: &mut Draft, p: DateParts) -> bool {
    if !p.valid() {
        return false;
    }
    let (v, lo, hi, unit) = p.resolve();
    q.value = v;
    q.round = 0.0;
    q.interval = Some((lo, hi));
    q.unit = Some(unit.into());
    q.dimension = Dimension::Date;
    q.factor = 1.0;
    q.date = Some(p);
    true
}

/// Whether the date `q` stands in a wire story's dateline: a place (capitalised words) and a
/// comma before it at the start of the sentence, and after it an agency in brackets and a dash,
/// a dash, or nothing but the full stop ("Lindhagen, 9. Oktober 2025.").
pub(super) fn in_dateline(text: &str, s: Span, q: &Draft) -> bool {
    let before = text.get(s.start..q.start).unwrap_or("").trim();
    let Some(place) = before.strip_suffix(',').map(str::trim) else {
        return false;
    };
    let words: Vec<&str> = place.split_whitespace().collect();
    let place_ok = !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '/' | '\'' | '’'))
        });
    if !place_ok {
        return false;
    }
    let dash = |r: &str| r.starts_with(['-', '–', '—', ':']);
    let after = text.get(q.end..s.end).unwrap_or("").trim_start();
    // "Lindhagen, 9. Oktober 2025." standing alone before the report.
    if after.trim_end().is_empty() || after.trim_end() == "." {
        return true;
    }
    if let Some(rest) = after.strip_prefix('(') {
        return rest
            .find(')')
            .and_then(|e| rest.get(e + 1..))
            .is_some_and(|r| dash(r.trim_start()));
    }
    dash(after)
}

/// A weekday that dates something: after "am", "on", "last" …, or with a part of the day
/// ("Tuesday night", "Montagabend"). Not in names ("Black Friday").
pub(super) fn weekday(
    text: &str,
    s: Span,
    toks: &[Tok],
    i: usize,
    d: &QuantityData,
) -> Option<(Draft, usize)> {
    let ctx = &d.context;
    let t = &toks[i];
    let w = t.lower.as_str();
    let (day, compound) = match ctx.weekdays.get(w) {
        Some(v) => (*v, false),
        None => {
            let v = ctx.weekdays.iter().find_map(|(k, v)| {
                w.strip_prefix(k.as_str())
                    .filter(|rest| d.is(&ctx.dayparts, rest))
                    .map(|_| *v)
            })?;
            (v, true)
        }
    };
    if toks
        .get(i + 1)
        .is_some_and(|x| x.glued && !x.is_sym(',') && !x.is_sym('.'))
    {
        return None;
    }
    let mut end = t.end;
    let mut next = i + 1;
    let part = toks
        .get(i + 1)
        .filter(|x| !compound && x.is_word() && d.is(&ctx.dayparts, &x.lower));
    if let Some(x) = part {
        end = x.end;
        next = i + 2;
    }
    let before = context::form_before(text, s.start, t.start, &ctx.weekday_before).is_some();
    if !(compound || part.is_some() || before) {
        return None;
    }
    let v = f64::from(day);
    let mut q = Draft::new(t.start, end, v, 0.0);
    q.num_end = t.end;
    q.dimension = Dimension::Date;
    q.unit = Some("weekday".into());
    q.interval = Some((v, v));
    Some((q, next))
}

/// A month named without day or year after a word that dates by it ("im Juli", "in July",
/// "Anfang Mai"): the whole month, month*100+1 ..= month*100+31. A number after it belongs to
/// the date read from that number ("Mai 2023", "March 3").
pub(super) fn month_alone(
    text: &str,
    s: Span,
    toks: &[Tok],
    i: usize,
    d: &QuantityData,
) -> Option<(Draft, usize)> {
    let t = &toks[i];
    let dotted = toks.get(i + 1).is_some_and(|x| x.glued && x.is_sym('.'));
    let dotted_month = if dotted {
        month_of(d, &format!("{}.", t.lower))
    } else {
        None
    };
    let month = dotted_month.or_else(|| month_of(d, &t.lower))?;
    // "may" is a month only capitalised.
    if !capitalised(text, t) {
        return None;
    }
    let after = if dotted_month.is_some() { i + 2 } else { i + 1 };
    if toks
        .get(after)
        .is_some_and(|x| x.digits().is_some() || (x.glued && !x.is_sym(',') && !x.is_sym('.')))
    {
        return None;
    }
    context::form_before(text, s.start, t.start, &d.context.month_preps)?;
    let end = if dotted_month.is_some() {
        toks[i + 1].end
    } else {
        t.end
    };
    let mut q = Draft::new(t.start, end, 0.0, 0.0);
    let p = DateParts {
        year: None,
        month,
        day: None,
        until: None,
    };
    set_date(&mut q, p).then_some((q, after))
}

/// The month named right before token `i` ("March 3", "Jan. 5"): its number and start.
/// A short form without its dot ("Jan 5", "Oct 14") counts only capitalised.
pub(super) fn month_before(
    text: &str,
    toks: &[Tok],
    i: usize,
    d: &QuantityData,
) -> (Option<u32>, usize) {
    if i == 0 {
        return (None, 0);
    }
    let abbrev = i >= 2 && toks[i - 1].is_sym('.') && toks[i - 1].glued;
    if abbrev {
        let m = month_of(d, &format!("{}.", toks[i - 2].lower));
        return (m, toks[i - 2].start);
    }
    let w = &toks[i - 1];
    let short =
        w.lower.chars().count() <= 4 && d.context.months.contains_key(&format!("{}.", w.lower));
    if short && !capitalised(text, w) {
        return (None, w.start);
    }
    (month_of(d, &w.lower), w.start)
}

/// A four-digit year from token `k` on (after an optional comma): the year, the figure's end
/// (`end` when there is none) and the next token.
pub(super) fn year_after(toks: &[Tok], k: usize, end: usize) -> (Option<i32>, usize, usize) {
    let k2 = if toks.get(k).is_some_and(|x| x.is_sym(',')) {
        k + 1
    } else {
        k
    };
    match toks
        .get(k2)
        .and_then(|x| x.digits())
        .filter(|y| y.plain_int && y.digits == 4 && (1000.0..=2200.0).contains(&y.value))
    {
        Some(y)
            if !toks.get(k2 + 1).is_some_and(|x| {
                x.glued && (x.is_word() || x.digits().is_some() || x.is_sym('-'))
            }) =>
        {
            (Some(y.value as i32), toks[k2].end, k2 + 1)
        }
        _ => (None, end, k),
    }
}

/// A word or dash joining the two ends of a range at token `k` ("bis", "to", "-"), but not "and"
/// or "und" (those need "between"): the token after it.
pub(super) fn range_join_at(toks: &[Tok], k: usize, d: &QuantityData) -> Option<usize> {
    let x = toks.get(k)?;
    let ok = x.is_sym('-')
        || x.is_sym('–')
        || (x.is_word()
            && d.approx.range_join.contains(&x.lower)
            && !d.is(&d.words.connector, &x.lower));
    ok.then_some(k + 1)
}

/// Whether a clock word ("Uhr", "p.m.") follows byte `pos`.
pub(super) fn clock_after(text: &str, pos: usize, limit: usize, d: &QuantityData) -> bool {
    let c = &d.context;
    [&c.clock, &c.pm_words, &c.am_words]
        .iter()
        .any(|l| context::form_after(text, pos, limit, l).is_some())
}

/// A German date "14. Oktober[.] [2026]" starting at token `k`.
pub(super) struct DotDate {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
    pub end: usize,
    pub next: usize,
}

pub(super) fn dot_date_at(toks: &[Tok], k: usize, d: &QuantityData) -> Option<DotDate> {
    let dn = toks.get(k)?.digits().filter(|x| x.plain_int)?;
    if !(1.0..=31.0).contains(&dn.value) || !toks.get(k + 1)?.is_sym('.') || !toks[k + 1].glued {
        return None;
    }
    let w = toks.get(k + 2).filter(|x| x.is_word())?;
    let month = month_of(d, &w.lower)?;
    let (mut end, mut next) = (w.end, k + 3);
    // "14. Okt. 2026"; a sentence's full stop after "September" stays out.
    if toks.get(k + 3).is_some_and(|x| x.is_sym('.') && x.glued)
        && month_of(d, &format!("{}.", w.lower)).is_some()
    {
        end = toks[k + 3].end;
        next += 1;
    }
    let (year, end, next) = year_after(toks, next, end);
    Some(DotDate {
        day: dn.value as u32,
        month,
        year,
        end,
        next,
    })
}

/// Two dates joined as a range ("14. Juli bis 17. August 2026", "between March 3 and April 5"):
/// the first takes the second's year when it has none; both get the interval from the first's
/// first day to the second's last.
#[allow(clippy::too_many_arguments)]
pub(super) fn date_range(
    text: &str,
    s: Span,
    d: &QuantityData,
    qs: &mut [Draft],
    in_range: &mut [bool],
    i: usize,
    mut xd: DateParts,
    yd: DateParts,
) {
    let a = &d.approx;
    let between = text
        .get(qs[i].end..qs[i + 1].start)
        .unwrap_or("")
        .trim()
        .to_lowercase();
    if between.is_empty() || !a.range_join.contains(&between) {
        return;
    }
    let opener = context::form_before(text, s.start, qs[i].start, &a.range_open);
    if d.is(&d.words.connector, &between) && opener.is_none() {
        return;
    }
    if xd.year.is_none() && yd.year.is_some() {
        xd.year = if xd.month > yd.month {
            yd.year.map(|y| y - 1)
        } else {
            yd.year
        };
    }
    if xd.year.is_some() != yd.year.is_some() {
        return;
    }
    let mut x = qs[i].clone();
    if !set_date(&mut x, xd) {
        return;
    }
    let (Some((lo, _)), Some((_, hi))) = (x.interval, qs[i + 1].interval) else {
        return;
    };
    if hi < lo {
        return;
    }
    if let Some(o) = opener {
        x.start = o;
    }
    x.approx = Approx::Range;
    x.interval = Some((lo, hi));
    qs[i] = x;
    qs[i + 1].approx = Approx::Range;
    qs[i + 1].interval = Some((lo, hi));
    in_range[i] = true;
    in_range[i + 1] = true;
}

#[cfg(test)]
mod epoch_tests {
    use super::*;

    #[test]
    fn days_and_dates_round_trip() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2021, 11, 2),
            (1969, 12, 31),
            (2400, 3, 1),
        ] {
            assert_eq!(
                date_from_days(days_since_epoch(y, m, d)),
                (i64::from(y), m, d)
            );
        }
        assert_eq!(date_from_days(0), (1970, 1, 1));
        assert_eq!(date_from_days(-1), (1969, 12, 31));
    }
}
