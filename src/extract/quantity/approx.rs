//! Approximators and bounds ("etwa", "more than", "bis zu") and the intervals they allow.

use super::context::form_before;
use super::data::QuantityData;
use super::Approx;

/// The approximator right before `pos`, with its start.
pub fn approximator(
    text: &str,
    floor: usize,
    pos: usize,
    d: &QuantityData,
) -> Option<(Approx, usize)> {
    let a = &d.approx;
    let lists = [
        (Approx::About, &a.about),
        (Approx::Nearly, &a.nearly),
        (Approx::MoreThan, &a.more_than),
        (Approx::JustOver, &a.just_over),
        (Approx::AtLeast, &a.at_least),
        (Approx::AtMost, &a.up_to),
        (Approx::LessThan, &a.less_than),
    ];
    let mut best: Option<(Approx, usize)> = None;
    for (kind, forms) in lists {
        if let Some(s) = form_before(text, floor, pos, forms) {
            if best.is_none_or(|(_, b)| s < b) {
                best = Some((kind, s));
            }
        }
    }
    best
}

/// Hours a bare bound of a clock time reaches ("before 4 a.m.": from 2 a.m.).
const TIME_BOUND_HOURS: f64 = 2.0;
/// Hours "shortly before/after" a clock time reaches.
const TIME_SHORTLY_HOURS: f64 = 0.5;
/// Hours "around" a clock time reaches either side ("around 2:40 p.m.": 2:25 to 2:55).
const TIME_ABOUT_HOURS: f64 = 0.25;

/// A bound right before the clock time at `pos` whose value is `value` hours: its kind, its
/// start and the interval of hours it allows ("before 4 a.m." → 2–4, „kurz nach 22 Uhr“ →
/// 22–22.5). The longest bound wins ("shortly after" over "after").
pub fn time_bound(
    text: &str,
    floor: usize,
    pos: usize,
    value: f64,
    d: &QuantityData,
) -> Option<(Approx, usize, (f64, f64))> {
    let a = &d.approx;
    let lists = [
        (&a.time_shortly_before, Approx::AtMost, -TIME_SHORTLY_HOURS),
        (&a.time_shortly_after, Approx::AtLeast, TIME_SHORTLY_HOURS),
        (&a.time_before, Approx::AtMost, -TIME_BOUND_HOURS),
        (&a.time_after, Approx::AtLeast, TIME_BOUND_HOURS),
        (&a.time_about, Approx::About, TIME_ABOUT_HOURS),
    ];
    let mut best: Option<(Approx, usize, (f64, f64))> = None;
    for (forms, kind, reach) in lists {
        if let Some(s) = form_before(text, floor, pos, forms) {
            if best.is_none_or(|(_, b, _)| s < b) {
                let (lo, hi) = if kind == Approx::About {
                    ((value - reach).max(0.0), (value + reach).min(24.0))
                } else if reach < 0.0 {
                    ((value + reach).max(0.0), value)
                } else {
                    (value, (value + reach).min(24.0))
                };
                best = Some((kind, s, (lo, hi)));
            }
        }
    }
    best
}

/// Whether `word` (lower case) is, on its own, one of the language's approximators or bounds
/// ("approximately", "etwa", "over"): a word about another figure's precision, never what a
/// figure measures.
pub fn approximator_word(word: &str, d: &QuantityData) -> bool {
    let a = &d.approx;
    [
        &a.about,
        &a.nearly,
        &a.more_than,
        &a.just_over,
        &a.at_least,
        &a.up_to,
        &a.less_than,
    ]
    .iter()
    .any(|l| d.is(l, word))
}

/// The interval a value allows under an approximator; `round` is the rounding unit of a bare value.
pub fn interval(value: f64, round: f64, approx: Approx) -> (f64, f64) {
    let (lo, hi) = match approx {
        Approx::Exact | Approx::Range => (value - round / 2.0, value + round / 2.0),
        Approx::About => (value * 0.925, value * 1.075),
        Approx::Nearly => (value * 0.9, value),
        Approx::MoreThan | Approx::AtLeast => (value, value * 1.5),
        Approx::JustOver => (value, value * 1.2),
        Approx::AtMost | Approx::LessThan => (value * 0.5, value),
    };
    if lo <= hi {
        (lo, hi)
    } else {
        (hi, lo)
    }
}
