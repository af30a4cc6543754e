//! Tokens of a sentence (words, digit numbers, symbols) and case-insensitive form matching.

use super::data::QuantityData;

/// A number written in digits, already read with the language's separators.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DigitNum {
    pub value: f64,
    /// The rounding unit its precision implies ("45" → 1, "1,3" → 0.1, "115.000" → 1000).
    pub round: f64,
    /// An integer written without any separator ("2019", "0033").
    pub plain_int: bool,
    pub digits: usize,
    /// The other convention's reading of an ambiguous "4,800" (German) or "4.800" (English):
    /// taken when the figure counts things, which cannot be fractional.
    pub alt: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TokKind {
    Word,
    Digits(DigitNum),
    Sym(char),
    /// Something that must not yield figures (identifiers, version numbers, IP addresses).
    Blocked,
}

/// One token with its byte span in the whole text.
#[derive(Clone, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Lower-cased text (words only).
    pub lower: String,
    /// No whitespace between this token and the previous one.
    pub glued: bool,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokKind::Word)
    }
    pub fn is_sym(&self, c: char) -> bool {
        self.kind == TokKind::Sym(c)
    }
    pub fn digits(&self) -> Option<DigitNum> {
        match self.kind {
            TokKind::Digits(d) => Some(d),
            _ => None,
        }
    }
}

pub fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{202f}' | '\u{a0}' | '\u{2009}')
}

/// Tokenizes `text[start..end]`.
pub fn tokenize(text: &str, start: usize, end: usize, d: &QuantityData) -> Vec<Tok> {
    let Some(slice) = text.get(start..end) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = slice.char_indices().map(|(i, c)| (start + i, c)).collect();
    let pos_of = |k: usize| chars.get(k).map(|x| x.0).unwrap_or(end);
    let mut toks = Vec::new();
    let mut glued = false;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        if is_space(c) {
            glued = false;
            k += 1;
            continue;
        }
        let next_digit = chars.get(k + 1).is_some_and(|x| x.1.is_ascii_digit());
        let prev_alnum = k > 0 && chars[k - 1].1.is_alphanumeric();
        if c.is_ascii_digit() || (matches!(c, '.' | ',') && next_digit && !prev_alnum) {
            let (items, next) = scan_number(&chars, k, d);
            let mut first = true;
            for (s, e, kind) in items {
                toks.push(Tok {
                    start: pos_of(s),
                    end: pos_of(e),
                    kind,
                    lower: String::new(),
                    glued: glued && first,
                });
                first = false;
            }
            k = next.max(k + 1);
            glued = true;
            continue;
        }
        if c.is_alphabetic() {
            let s = k;
            while k < chars.len() && chars[k].1.is_alphabetic() {
                k += 1;
            }
            let (a, b) = (pos_of(s), pos_of(k));
            let w = text.get(a..b).unwrap_or("");
            toks.push(Tok {
                start: a,
                end: b,
                kind: TokKind::Word,
                lower: w.to_lowercase(),
                glued,
            });
            glued = true;
            continue;
        }
        toks.push(Tok {
            start: pos_of(k),
            end: pos_of(k + 1),
            kind: TokKind::Sym(c),
            lower: String::new(),
            glued,
        });
        glued = true;
        k += 1;
    }
    toks
}

fn read_digits(chars: &[(usize, char)], mut k: usize) -> usize {
    while k < chars.len() && chars[k].1.is_ascii_digit() {
        k += 1;
    }
    k
}

/// Reads a digit number at `k` (char index); returns (start, end, kind) in char indices and the next index.
fn scan_number(
    chars: &[(usize, char)],
    k0: usize,
    d: &QuantityData,
) -> (Vec<(usize, usize, TokKind)>, usize) {
    // Groups as (start, end) char indices; separators between them.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut seps: Vec<char> = Vec::new();
    let mut k = k0;
    if !chars[k].1.is_ascii_digit() {
        groups.push((k, k));
        seps.push(chars[k].1);
        k += 1;
    }
    let e = read_digits(chars, k);
    groups.push((k, e));
    k = e;
    while let Some(&(_, c)) = chars.get(k) {
        let next_is_digit = chars.get(k + 1).is_some_and(|x| x.1.is_ascii_digit());
        if matches!(c, '.' | ',') && next_is_digit {
            let e = read_digits(chars, k + 1);
            seps.push(c);
            groups.push((k + 1, e));
            k = e;
            continue;
        }
        if is_space(c) && c != '\n' && next_is_digit && seps.iter().all(|s| *s == ' ') {
            let first_len = groups[0].1 - groups[0].0;
            let e = read_digits(chars, k + 1);
            // A following fraction "2 1/4" is not a thousands group.
            let slash = chars.get(e).is_some_and(|x| x.1 == '/');
            if e - (k + 1) == 3 && (1..=3).contains(&first_len) && !slash {
                seps.push(' ');
                groups.push((k + 1, e));
                k = e;
                continue;
            }
        }
        break;
    }
    let end = k;
    let text_of = |g: (usize, usize)| -> String { chars[g.0..g.1].iter().map(|x| x.1).collect() };
    let gs: Vec<String> = groups.iter().map(|g| text_of(*g)).collect();
    // Merge space-separated thousands groups.
    let mut mg: Vec<String> = vec![gs[0].clone()];
    let mut ms: Vec<char> = Vec::new();
    for (i, s) in seps.iter().enumerate() {
        if *s == ' ' {
            if let Some(last) = mg.last_mut() {
                last.push_str(&gs[i + 1]);
            }
        } else {
            ms.push(*s);
            mg.push(gs[i + 1].clone());
        }
    }
    let spaced = seps.contains(&' ');
    let blocked = vec![(k0, end, TokKind::Blocked)];
    let dec = d.decimal_char();
    let th = d.thousands.chars().next().unwrap_or(',');
    let regular = |mg: &[String]| -> bool {
        let western = mg[1..].iter().all(|g| g.len() == 3);
        // Indian grouping "12,34,567": pairs, then a final group of three.
        let indian = mg.len() >= 3
            && mg[mg.len() - 1].len() == 3
            && mg[1..mg.len() - 1].iter().all(|g| g.len() == 2);
        !mg[0].is_empty() && mg[0].len() <= 3 && (western || indian)
    };
    let int_num = |s: &str, plain: bool| -> TokKind {
        let value: f64 = s.parse().unwrap_or(0.0);
        let digits = s.trim_start_matches('0').len().max(1);
        let tz = s.len() - s.trim_end_matches('0').len();
        let tz = if value == 0.0 {
            0
        } else {
            tz.min(digits.saturating_sub(2))
        };
        TokKind::Digits(DigitNum {
            value,
            round: 10f64.powi(tz as i32),
            plain_int: plain,
            digits,
            alt: None,
        })
    };
    let dec_num = |int: &str, frac: &str| -> TokKind {
        let s = format!("{}.{}", if int.is_empty() { "0" } else { int }, frac);
        let value: f64 = s.parse().unwrap_or(0.0);
        TokKind::Digits(DigitNum {
            value,
            round: 10f64.powi(-(frac.len() as i32)),
            plain_int: false,
            digits: int.len(),
            alt: None,
        })
    };
    if ms.is_empty() {
        return (vec![(k0, end, int_num(&mg[0], !spaced))], end);
    }
    let first = ms[0];
    if ms.iter().all(|s| *s == first) {
        let n = ms.len();
        let joined: String = mg.concat();
        if first == th {
            if regular(&mg) {
                return (vec![(k0, end, int_num(&joined, false))], end);
            }
            if n == 1 {
                return (vec![(k0, end, dec_num(&mg[0], &mg[1]))], end);
            }
        } else if first == dec {
            if n == 1 {
                let mut kind = dec_num(&mg[0], &mg[1]);
                if let TokKind::Digits(dn) = &mut kind {
                    if regular(&mg) && mg[0] != "0" {
                        dn.alt = joined.parse().ok();
                    }
                }
                return (vec![(k0, end, kind)], end);
            }
            if regular(&mg) {
                return (vec![(k0, end, int_num(&joined, false))], end);
            }
        }
        if first == ',' && !spaced && !mg[0].is_empty() {
            // A list of numbers ("22,24,26").
            let items = groups
                .iter()
                .map(|g| (g.0, g.1, int_num(&text_of(*g), true)))
                .collect();
            return (items, end);
        }
        return (blocked, end);
    }
    // Both separators: the last one is the decimal mark, the others group thousands.
    let last = ms[ms.len() - 1];
    let others_ok = ms[..ms.len() - 1].iter().all(|s| *s != last);
    let int_groups = &mg[..mg.len() - 1];
    if others_ok && regular(int_groups) {
        return (
            vec![(k0, end, dec_num(&int_groups.concat(), &mg[mg.len() - 1]))],
            end,
        );
    }
    (blocked, end)
}

fn same(a: char, b: char, cased: bool) -> bool {
    if cased {
        a == b
    } else {
        a == b || a.to_lowercase().eq(b.to_lowercase())
    }
}

/// Matches `form` at byte `pos` of `text` (not past `limit`); a space in the form matches any
/// run of whitespace. Returns the end of the match; a form ending in a letter or digit must end
/// at a word boundary.
pub fn match_at(text: &str, pos: usize, limit: usize, form: &str, cased: bool) -> Option<usize> {
    let hay = text.get(pos..limit)?;
    let mut it = hay.char_indices().peekable();
    let mut last_form = ' ';
    for fc in form.chars() {
        last_form = fc;
        if fc == ' ' {
            let mut n = 0;
            while let Some(&(_, c)) = it.peek() {
                if is_space(c) {
                    it.next();
                    n += 1;
                } else {
                    break;
                }
            }
            if n == 0 {
                return None;
            }
            continue;
        }
        let (_, c) = it.next()?;
        if !same(c, fc, cased) {
            return None;
        }
    }
    let end = it.peek().map(|x| pos + x.0).unwrap_or(limit);
    if last_form.is_alphanumeric() {
        if let Some(&(_, c)) = it.peek() {
            if c.is_alphanumeric() {
                return None;
            }
        }
    }
    Some(end)
}

/// Matches `form` ending at byte `end` of `text` (not before `floor`); returns its start.
pub fn match_back(text: &str, floor: usize, end: usize, form: &str) -> Option<usize> {
    let hay = text.get(floor..end)?;
    let mut it = hay.char_indices().rev().peekable();
    let mut first_form = ' ';
    let mut start = end;
    for fc in form.chars().rev() {
        first_form = fc;
        if fc == ' ' {
            let mut n = 0;
            while let Some(&(i, c)) = it.peek() {
                if is_space(c) {
                    start = floor + i;
                    it.next();
                    n += 1;
                } else {
                    break;
                }
            }
            if n == 0 {
                return None;
            }
            continue;
        }
        let (i, c) = it.next()?;
        if !same(c, fc, false) {
            return None;
        }
        start = floor + i;
    }
    if first_form.is_alphanumeric() {
        if let Some(&(_, c)) = it.peek() {
            if c.is_alphanumeric() {
                return None;
            }
        }
    }
    Some(start)
}

/// Skips whitespace from `pos`; returns the first non-space byte offset (or `limit`).
pub fn skip_space(text: &str, pos: usize, limit: usize) -> usize {
    let Some(hay) = text.get(pos..limit) else {
        return pos;
    };
    for (i, c) in hay.char_indices() {
        if !is_space(c) {
            return pos + i;
        }
    }
    limit
}

/// Skips whitespace backwards from `pos`; returns the offset just after the last non-space char.
pub fn skip_space_back(text: &str, floor: usize, pos: usize) -> usize {
    let Some(hay) = text.get(floor..pos) else {
        return pos;
    };
    for (i, c) in hay.char_indices().rev() {
        if !is_space(c) {
            return floor + i + c.len_utf8();
        }
    }
    floor
}
