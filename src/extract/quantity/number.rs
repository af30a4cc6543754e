//! Numerals: digit numbers and number-word sequences ("zwei Millionen eintausend", "one and a half",
//! "drei Viertel", "1,3 Millionen") read into one value.

use super::data::QuantityData;
use super::scan::{Tok, TokKind};
use crate::lang::Lang;
use std::cell::RefCell;
use std::collections::HashMap;
use text2num::{text2digits, Language};

/// What a single word means to the numeral reader.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WClass {
    Cardinal(f64),
    Hundred,
    Scale(f64),
    /// "dozen" (12), "pair" (2): multiplies the number before it.
    Dozen(f64),
    Article,
    Denominator(f64),
    FracWord(f64),
    Point,
    Connector,
    Negative,
    /// "twice", "zweimal", "dreifach".
    Times(f64),
    /// "dreijährige".
    AgeWord(f64),
    /// "zweistündig": value and seconds per unit.
    DurationWord(f64, f64),
    Other,
}

/// A special reading of the numeral, decided by the words it is made of.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hint {
    None,
    Times,
    Age,
    Duration(f64),
}

/// A numeral found in a sentence.
#[derive(Clone, Debug)]
pub struct Numeral {
    /// Token range `[t0, t1)`.
    pub t0: usize,
    pub t1: usize,
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Rounding unit the wording implies (0 = exact).
    pub round: f64,
    /// Product of the scale words applied ("Millionen").
    pub scale: f64,
    pub words: bool,
    pub hint: Hint,
    /// The numeral is exactly one digit token.
    pub single: Option<super::scan::DigitNum>,
    /// The numeral is or ends in a fraction ("a fifth", "zwei Drittel", "3/4").
    pub fraction: bool,
}

fn t2n(word: &str, lang: Lang) -> Option<f64> {
    static DE: std::sync::LazyLock<Language> = std::sync::LazyLock::new(Language::german);
    static EN: std::sync::LazyLock<Language> = std::sync::LazyLock::new(Language::english);
    let l: &Language = match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    };
    let s = text2digits(word, l).ok()?;
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.') || s.ends_with('.') {
        return None;
    }
    s.parse().ok()
}

fn cardinal(word: &str, d: &QuantityData, lang: Lang) -> Option<f64> {
    if word.is_empty() {
        return None;
    }
    if let Some(v) = d.cardinals.get(word) {
        return Some(*v);
    }
    if d.articles.forms.iter().any(|a| a == word) && lang == Lang::En {
        return None;
    }
    if let Some(v) = t2n(word, lang) {
        return Some(v);
    }
    if lang == Lang::De && (word.contains("ue") || word.contains("ae") || word.contains("oe")) {
        let w = word
            .replace("ue", "ü")
            .replace("ae", "ä")
            .replace("oe", "ö");
        return t2n(&w, lang);
    }
    None
}

fn classify_uncached(w: &str, d: &QuantityData, lang: Lang) -> WClass {
    let wd = &d.words;
    if d.is(&wd.vague, w) {
        return WClass::Other;
    }
    if d.is(&d.articles.forms, w) {
        return WClass::Article;
    }
    if d.is(&wd.negative, w) {
        return WClass::Negative;
    }
    if d.is(&wd.decimal_point, w) {
        return WClass::Point;
    }
    if d.is(&wd.connector, w) {
        return WClass::Connector;
    }
    if let Some(v) = wd.scales.get(w) {
        return if *v == 100.0 {
            WClass::Hundred
        } else {
            WClass::Scale(*v)
        };
    }
    if d.is(&wd.dozen, w) {
        return WClass::Dozen(12.0);
    }
    if let Some(v) = wd.groups.get(w) {
        return WClass::Dozen(*v);
    }
    if let Some(v) = wd.fractions.get(w) {
        return WClass::Denominator(*v);
    }
    if let Some(v) = wd.fraction_words.get(w) {
        return WClass::FracWord(*v);
    }
    if let Some(v) = wd.multiplier_words.get(w) {
        return WClass::Times(*v);
    }
    if let Some(v) = cardinal(w, d, lang) {
        return WClass::Cardinal(v);
    }
    // Compounds: a cardinal followed by a known ending.
    let prefix_value = |suffix: &str| -> Option<f64> {
        let p = w.strip_suffix(suffix)?;
        let p = p.trim_end_matches('-');
        cardinal(p, d, lang).or_else(|| {
            if d.is(&d.articles.forms, p) {
                Some(1.0)
            } else {
                None
            }
        })
    };
    for s in &wd.plus_half_suffixes {
        if let Some(n) = prefix_value(s) {
            return WClass::FracWord(n + 0.5);
        }
    }
    for (s, den) in &wd.fractions {
        if s.len() > 4 || lang == Lang::De {
            if let Some(n) = prefix_value(s) {
                return WClass::FracWord(n / den);
            }
        }
    }
    for s in &wd.times_suffixes {
        if let Some(n) = prefix_value(s) {
            if n > 1.0 {
                return WClass::Times(n);
            }
        }
    }
    for s in &d.context.age_suffixes {
        if let Some(n) = prefix_value(s) {
            return WClass::AgeWord(n);
        }
    }
    for (s, f) in &d.context.duration_suffixes {
        if let Some(n) = prefix_value(s) {
            return WClass::DurationWord(n, *f);
        }
    }
    WClass::Other
}

/// Classifies one lower-cased word (cached per thread).
pub fn classify(w: &str, d: &QuantityData, lang: Lang) -> WClass {
    thread_local! {
        static CACHE: RefCell<HashMap<(Lang, String), WClass>> = RefCell::new(HashMap::new());
    }
    if w.is_empty() || !w.chars().any(|c| c.is_alphabetic()) {
        return WClass::Other;
    }
    if let Some(c) = CACHE.with(|c| c.borrow().get(&(lang, w.to_string())).copied()) {
        return c;
    }
    let c = classify_uncached(w, d, lang);
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() > 50_000 {
            cache.clear();
        }
        cache.insert((lang, w.to_string()), c);
    });
    c
}

fn class_of(t: &Tok, d: &QuantityData, lang: Lang) -> WClass {
    if t.is_word() {
        classify(&t.lower, d, lang)
    } else {
        WClass::Other
    }
}

/// Rounding unit of an integer from its trailing zeros ("115000" → 1000, "45" → 1, "100" → 10).
pub fn round_of_int(v: f64) -> f64 {
    let v = v.abs();
    if v.fract() != 0.0 || v == 0.0 || v > 1e18 {
        return 0.0;
    }
    let s = format!("{}", v as u64);
    let digits = s.len();
    let tz = s.len() - s.trim_end_matches('0').len();
    10f64.powi(tz.min(digits.saturating_sub(2)) as i32)
}

/// Whether the token may continue a number-word sequence.
fn numberish(c: WClass) -> bool {
    matches!(
        c,
        WClass::Cardinal(_)
            | WClass::Hundred
            | WClass::Scale(_)
            | WClass::Dozen(_)
            | WClass::Denominator(_)
    )
}

/// Reads the numeral starting at token `i`. `unit_at` tells whether a unit word starts at a byte offset.
pub fn parse(
    toks: &[Tok],
    i: usize,
    d: &QuantityData,
    lang: Lang,
    unit_at: &dyn Fn(usize) -> bool,
) -> Option<Numeral> {
    let n = toks.len();
    let mut j = i;
    let mut sign = 1.0;
    let first = toks.get(j)?;
    let c0 = class_of(first, d, lang);
    let next_is_digits_glued = |k: usize| {
        toks.get(k + 1)
            .is_some_and(|t| t.glued && t.digits().is_some())
    };
    if c0 == WClass::Negative {
        let nc = toks.get(j + 1).map(|t| class_of(t, d, lang));
        let ok = toks.get(j + 1).is_some_and(|t| t.digits().is_some())
            || matches!(nc, Some(WClass::Cardinal(_)) | Some(WClass::Hundred));
        if !ok {
            return None;
        }
        sign = -1.0;
        j += 1;
    } else if first.is_sym('-') || first.is_sym('−') {
        let prev_ok = j == 0 || !first.glued || toks[j - 1].is_sym('(');
        let spaced_start = j == 0 && toks.get(j + 1).is_some_and(|t| t.digits().is_some());
        if !((prev_ok && next_is_digits_glued(j)) || spaced_start) {
            return None;
        }
        sign = -1.0;
        j += 1;
    }
    let mut total = 0.0f64;
    let mut cur = 0.0f64;
    let mut part = 0.0f64; // added since the last connector or scale
    let mut last_scale = f64::INFINITY;
    let mut max_scale = 1.0f64;
    let mut scale = 1.0f64;
    let mut any = false;
    let mut words = false;
    let mut article = false;
    let mut fraction = false;
    let mut frac_after_scale = false;
    let mut after_connector = false;
    let mut frac_connector = false;
    let mut connector_after_hundred = false;
    let mut after_connector_last = false;
    let mut digit_round: Option<f64> = None;
    let mut single = None;
    let mut items = 0;
    let mut end_tok = j;
    let mut prev: WClass = WClass::Other;
    let mut hint = Hint::None;
    while j < n {
        let t = &toks[j];
        if t.kind == TokKind::Blocked {
            break;
        }
        if let Some(dn) = t.digits() {
            if let Some((fv, k)) = slash_fraction(toks, j) {
                if !any {
                    cur = fv;
                } else if single.is_some() && cur.fract() == 0.0 && fv < 1.0 {
                    // "2 1/4"
                    cur += fv;
                } else {
                    break;
                }
                any = true;
                fraction = true;
                single = None;
                items += 1;
                prev = WClass::Cardinal(fv);
                j = k;
                end_tok = j;
                continue;
            }
            if !any {
                cur = dn.value;
                part = dn.value;
                digit_round = Some(dn.round);
                single = Some(dn);
                if let Some(fv) = toks.get(j + 1).filter(|t| t.glued).and_then(vulgar) {
                    cur += fv;
                    fraction = true;
                    single = None;
                    any = true;
                    items += 1;
                    j += 2;
                    end_tok = j;
                    prev = WClass::Cardinal(fv);
                    continue;
                }
            } else if matches!(prev, WClass::Scale(_) | WClass::Hundred)
                && dn.value.fract() == 0.0
                && dn.value < last_scale.min(1000.0)
                && (cur == 0.0 || (cur % 100.0 == 0.0 && dn.value < 100.0))
                && (!after_connector || dn.value < 100.0)
            {
                cur += dn.value;
                part = dn.value;
                single = None;
            } else {
                break;
            }
            any = true;
            items += 1;
            after_connector = false;
            prev = WClass::Cardinal(dn.value);
            j += 1;
            end_tok = j;
            continue;
        }
        // Hyphen inside spelled numbers ("sixty-one", "one - fourth").
        if (t.is_sym('-') || t.is_sym('‑')) && words && matches!(prev, WClass::Cardinal(_)) {
            let nc = toks.get(j + 1).map(|t| class_of(t, d, lang));
            if matches!(nc, Some(c) if numberish(c)) {
                j += 1;
                continue;
            }
            break;
        }
        if let Some(fv) = vulgar(t) {
            if any {
                break;
            }
            cur = fv;
            fraction = true;
            any = true;
            items += 1;
            j += 1;
            end_tok = j;
            prev = WClass::Cardinal(fv);
            continue;
        }
        let c = class_of(t, d, lang);
        match c {
            WClass::Cardinal(v) => {
                if !any {
                    cur = v;
                    part = v;
                } else if (after_connector && frac_connector)
                    || can_add(cur, v, last_scale, total > 0.0)
                {
                    if single.is_some()
                        && !after_connector
                        && !matches!(prev, WClass::Scale(_) | WClass::Hundred)
                    {
                        break;
                    }
                    cur += v;
                    part = if after_connector && connector_after_hundred {
                        part + v
                    } else if after_connector || matches!(prev, WClass::Scale(_)) {
                        v
                    } else {
                        part + v
                    };
                } else if let Some((den, k)) =
                    tens_ordinal(toks, j, d, lang).filter(|_| cur > 0.0 && !fraction)
                {
                    // "one twenty-fifth", "three twenty-firsts": the ordinal is the denominator.
                    let whole = total + cur;
                    total = 0.0;
                    cur = whole / den;
                    fraction = true;
                    any = true;
                    items += 1;
                    j = k;
                    end_tok = j;
                    break;
                } else {
                    break;
                }
                single = None;
            }
            WClass::Hundred => {
                if !any {
                    if t.lower.ends_with('s') {
                        break;
                    }
                    cur = 100.0;
                } else if cur > 0.0 && (cur < 100.0 || (single.is_some() && cur < 1000.0)) {
                    cur *= 100.0;
                    if let Some(r) = digit_round.as_mut() {
                        *r *= 100.0;
                    }
                    scale *= 100.0;
                } else {
                    break;
                }
                part = cur;
                single = None;
            }
            WClass::Scale(s) => {
                if !any {
                    // A bare "tausend"/"thousand" is a number; "thousands" is vague.
                    if s > 1000.0 || t.lower.ends_with('s') || t.lower.ends_with('e') {
                        break;
                    }
                    total = s;
                    last_scale = s;
                    max_scale = s;
                } else if cur == 0.0 && total > 0.0 && s > max_scale {
                    total *= s;
                    last_scale = s;
                    max_scale = s;
                } else if cur > 0.0 && s < last_scale {
                    total += cur * s;
                    cur = 0.0;
                    last_scale = s;
                    max_scale = max_scale.max(s);
                    if let Some(r) = digit_round.as_mut() {
                        if matches!(prev, WClass::Cardinal(_)) && items == 1 {
                            *r *= s;
                        }
                    }
                } else {
                    break;
                }
                scale *= s;
                part = 0.0;
                frac_after_scale = false;
                single = None;
                // "Mio.", "Mrd.": the abbreviation's dot, unless it ends the sentence.
                let dotted = format!("{}.", t.lower);
                if toks.get(j + 1).is_some_and(|x| x.glued && x.is_sym('.'))
                    && toks.get(j + 2).is_some()
                    && d.words.scales.contains_key(&dotted)
                {
                    j += 1;
                }
            }
            WClass::Dozen(gv) => {
                if !any || cur == 0.0 {
                    break;
                }
                cur *= gv;
                part = cur;
                single = None;
            }
            WClass::Article => {
                if any {
                    let den_next = matches!(
                        toks.get(j + 1).map(|t| class_of(t, d, lang)),
                        Some(WClass::Denominator(_))
                    );
                    if !(after_connector && den_next) {
                        break;
                    }
                    cur += 1.0;
                    part = 1.0;
                    after_connector = false;
                    prev = c;
                    j += 1;
                    continue;
                }
                let nc = toks.get(j + 1).map(|t| class_of(t, d, lang));
                match nc {
                    Some(
                        WClass::Hundred
                        | WClass::Scale(_)
                        | WClass::Dozen(_)
                        | WClass::Denominator(_),
                    ) if !matches!(nc, Some(WClass::Denominator(x)) if x < 2.0) => {
                        cur = 1.0;
                        part = 1.0;
                        article = true;
                    }
                    _ if tens_ordinal(toks, j + 1, d, lang).is_some() => {
                        cur = 1.0;
                        part = 1.0;
                        article = true;
                    }
                    _ => {
                        let next_start = toks.get(j + 1).map(|t| t.start);
                        if d.articles.before_units && next_start.is_some_and(unit_at) {
                            cur = 1.0;
                            article = true;
                            any = true;
                            words = true;
                            j += 1;
                            end_tok = j;
                            break;
                        }
                        return None;
                    }
                }
            }
            WClass::Denominator(dv) => {
                if any
                    && part > 0.0
                    && matches!(
                        prev,
                        WClass::Cardinal(_) | WClass::Article | WClass::Hundred
                    )
                {
                    let tens_before = matches!(prev, WClass::Cardinal(tv) if (20.0..100.0).contains(&tv) && tv % 10.0 == 0.0)
                        && !after_connector_last
                        && dv < 10.0;
                    if tens_before && part > prev_value(prev) {
                        // "one hundred thirty fifths" = 100/35.
                        let tv = prev_value(prev);
                        cur = (cur - tv) / (tv + dv);
                        total = 0.0;
                        fraction = true;
                        j += 1;
                        end_tok = j;
                        break;
                    }
                    if dv < 2.0 {
                        break;
                    }
                    cur = cur - part + part / dv;
                    if cur < 1.0 && total > 0.0 && part == cur * dv {
                        frac_after_scale = true;
                    }
                    fraction = true;
                } else if any
                    && cur == 0.0
                    && total > 0.0
                    && matches!(prev, WClass::Scale(_))
                    && dv > 2.0
                {
                    cur = total / dv;
                    total = 0.0;
                    fraction = true;
                } else if !any
                    && dv >= 2.0
                    && matches!(
                        toks.get(j + 1).map(|t| class_of(t, d, lang)),
                        Some(WClass::Scale(_))
                    )
                {
                    cur = 1.0 / dv;
                    fraction = true;
                } else if !any
                    && dv >= 2.0
                    && d.is(&d.words.share_bare_words, &t.lower)
                    && toks.get(j + 1).is_some_and(|x| {
                        d.is(&d.words.share_of, &x.lower) || d.is(&d.words.share_bare, &x.lower)
                    })
                {
                    // "half of the trains", "half the staff".
                    cur = 1.0 / dv;
                    fraction = true;
                } else if !any
                    && matches!(
                        toks.get(j + 1).map(|t| class_of(t, d, lang)),
                        Some(WClass::Article)
                    )
                    && matches!(
                        toks.get(j + 2).map(|t| class_of(t, d, lang)),
                        Some(WClass::Scale(_) | WClass::Dozen(_) | WClass::Hundred)
                    )
                {
                    // "half a million", "half a dozen".
                    cur = 1.0 / dv;
                    fraction = true;
                    j += 1;
                } else {
                    break;
                }
                part = 0.0;
                single = None;
            }
            WClass::FracWord(v) => {
                if any {
                    break;
                }
                if t.lower == "hälfte" || t.lower == "half" {
                    let ok = j > 0 && d.is(&d.words.half_articles, &toks[j - 1].lower);
                    if !ok {
                        return None;
                    }
                }
                cur = v;
                part = 0.0;
                fraction = true;
            }
            WClass::Connector => {
                if !any {
                    break;
                }
                let nt = toks.get(j + 1);
                let nc = nt.map(|t| class_of(t, d, lang));
                let nnc = toks.get(j + 2).map(|t| class_of(t, d, lang));
                let next_num = nt.is_some_and(|t| {
                    t.digits()
                        .is_some_and(|x| x.value.fract() == 0.0 && x.value < 1000.0)
                }) || matches!(nc, Some(WClass::Cardinal(_)));
                let _ = nnc;
                let frac_next = fraction_ahead(toks, j + 1, d, lang);
                let after_hundred =
                    cur > 0.0 && cur % 100.0 == 0.0 && matches!(prev, WClass::Hundred);
                let after_scale = cur == 0.0 && total > 0.0;
                // "3 hundred and 2 hundred": the next number takes its own multiplier.
                let k3 = if nt.is_some_and(|t| t.digits().is_some())
                    || matches!(nc, Some(WClass::Cardinal(_)))
                {
                    toks.get(j + 2).map(|t| class_of(t, d, lang))
                } else {
                    None
                };
                let own_scale = match k3 {
                    Some(WClass::Hundred) => matches!(prev, WClass::Hundred),
                    Some(WClass::Scale(s2)) => s2 >= last_scale,
                    _ => false,
                };
                if own_scale {
                    break;
                }
                frac_connector = frac_next;
                connector_after_hundred = after_hundred;
                if frac_next {
                    if after_scale {
                        frac_after_scale = true;
                    }
                } else if !(next_num && (after_hundred || after_scale)) {
                    break;
                }
                after_connector = true;
                j += 1;
                continue;
            }
            WClass::Point => {
                if !any || fraction || cur.fract() != 0.0 {
                    break;
                }
                let (digits, k) = read_decimals(toks, j + 1, d, lang);
                if digits.is_empty() {
                    break;
                }
                let frac: f64 = format!("0.{digits}").parse().unwrap_or(0.0);
                cur += frac;
                digit_round = Some(10f64.powi(-(digits.len() as i32)));
                single = None;
                words = true;
                any = true;
                items += 1;
                prev = WClass::Cardinal(frac);
                j = k;
                end_tok = j;
                continue;
            }
            WClass::Times(v) if !any => {
                cur = v;
                hint = Hint::Times;
                words = true;
                any = true;
                j += 1;
                end_tok = j;
                break;
            }
            WClass::AgeWord(v) if !any => {
                cur = v;
                hint = Hint::Age;
                words = true;
                any = true;
                j += 1;
                end_tok = j;
                break;
            }
            WClass::DurationWord(v, f) if !any => {
                cur = v;
                hint = Hint::Duration(f);
                words = true;
                any = true;
                j += 1;
                end_tok = j;
                break;
            }
            _ => break,
        }
        any = true;
        items += 1;
        after_connector_last = after_connector;
        after_connector = false;
        words = true;
        prev = c;
        j += 1;
        end_tok = j;
    }
    if !any || end_tok <= i {
        return None;
    }
    // A lone article is no number.
    if article && end_tok == i + 1 && !d.articles.before_units {
        return None;
    }
    if frac_after_scale && cur < 1.0 && last_scale.is_finite() {
        total += cur * last_scale;
        cur = 0.0;
    }
    let value = sign * (total + cur);
    let round = if fraction {
        0.0
    } else if let Some(r) = digit_round.filter(|_| !words || items <= 1 || scale > 1.0) {
        r
    } else if value.abs() < 100.0 {
        // Small spelled numbers ("zwei", "a dozen") are exact counts.
        0.0
    } else {
        round_of_int(value)
    };
    let start = toks[i].start;
    let end = toks[end_tok - 1].end;
    Some(Numeral {
        t0: i,
        t1: end_tok,
        start,
        end,
        value,
        round,
        scale,
        words,
        hint,
        single: if end_tok == i + 1 { single } else { None },
        fraction,
    })
}

fn can_add(cur: f64, v: f64, last_scale: f64, after_scale: bool) -> bool {
    if v >= last_scale {
        return false;
    }
    if cur == 0.0 {
        return after_scale;
    }
    if v >= 100.0 {
        return false;
    }
    let r = cur % 100.0;
    if r == 0.0 {
        return true;
    }
    r % 10.0 == 0.0 && r >= 20.0 && v < 10.0
}

/// Digits after "point"/"Komma": "point seventy-one" → "71", "Komma fünfzehn" → "15".
fn read_decimals(toks: &[Tok], mut k: usize, d: &QuantityData, lang: Lang) -> (String, usize) {
    let mut out = String::new();
    while k < toks.len() {
        let t = &toks[k];
        if let Some(dn) = t.digits() {
            if !dn.plain_int {
                break;
            }
            out.push_str(&format!("{}", dn.value as u64));
            k += 1;
            continue;
        }
        match class_of(t, d, lang) {
            WClass::Cardinal(v) if v < 100.0 && v.fract() == 0.0 => {
                let mut v = v;
                let mut k2 = k + 1;
                if v >= 20.0 && v % 10.0 == 0.0 {
                    let mut m = k2;
                    if toks.get(m).is_some_and(|t| t.is_sym('-')) {
                        m += 1;
                    }
                    if let Some(WClass::Cardinal(u)) = toks.get(m).map(|t| class_of(t, d, lang)) {
                        if u < 10.0 {
                            v += u;
                            k2 = m + 1;
                        }
                    }
                }
                out.push_str(&format!("{}", v as u64));
                k = k2;
            }
            _ => break,
        }
    }
    (out, k)
}

/// A vulgar fraction character ("½", "¾").
pub fn vulgar(t: &Tok) -> Option<f64> {
    let TokKind::Sym(c) = t.kind else { return None };
    let v = match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    };
    Some(v)
}

/// "3/4" at token `j` (digits, glued slash, glued digits, and no further slash); value and next token.
fn slash_fraction(toks: &[Tok], j: usize) -> Option<(f64, usize)> {
    let a = toks.get(j)?.digits()?;
    let slash = toks.get(j + 1)?;
    if !slash.glued || !(slash.is_sym('/') || slash.is_sym('⁄')) {
        return None;
    }
    let bt = toks.get(j + 2)?;
    let b = bt.digits()?;
    if !bt.glued || !a.plain_int || !b.plain_int || b.value == 0.0 || a.value >= b.value {
        return None;
    }
    if toks
        .get(j + 3)
        .is_some_and(|t| t.glued && (t.is_sym('/') || t.digits().is_some() || t.is_word()))
    {
        return None;
    }
    Some((a.value / b.value, j + 3))
}

fn prev_value(c: WClass) -> f64 {
    match c {
        WClass::Cardinal(v) => v,
        _ => 0.0,
    }
}

/// A tens word and a unit ordinal at `j` ("twenty-fifth", "twenty firsts"): the denominator and next token.
fn tens_ordinal(toks: &[Tok], j: usize, d: &QuantityData, lang: Lang) -> Option<(f64, usize)> {
    let WClass::Cardinal(tv) = class_of(toks.get(j)?, d, lang) else {
        return None;
    };
    if !(20.0..100.0).contains(&tv) || tv % 10.0 != 0.0 {
        return None;
    }
    let mut k = j + 1;
    if toks.get(k).is_some_and(|t| t.is_sym('-')) {
        k += 1;
    }
    match class_of(toks.get(k)?, d, lang) {
        WClass::Denominator(dv) if dv < 10.0 => Some((tv + dv, k + 1)),
        _ => None,
    }
}

/// Whether a fraction follows ("a half", "three quarters", "fifty-four hundredths").
fn fraction_ahead(toks: &[Tok], mut k: usize, d: &QuantityData, lang: Lang) -> bool {
    let mut n = 0;
    while let Some(t) = toks.get(k) {
        if n > 5 {
            return false;
        }
        match class_of(t, d, lang) {
            WClass::Denominator(dv) => return n > 0 && dv >= 2.0,
            WClass::Cardinal(_) | WClass::Article | WClass::Hundred => {}
            _ if t.is_sym('-') && n > 0 => {}
            _ => return false,
        }
        n += 1;
        k += 1;
    }
    false
}
