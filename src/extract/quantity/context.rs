//! Context around a number: what must not yield figures (URLs, phone numbers, identifiers),
//! word forms before and after it, and the noun a count qualifies.

use super::data::QuantityData;
use super::scan::{is_space, match_at, match_back, skip_space, skip_space_back, Tok, TokKind};
use crate::lang::Lang;

/// Byte ranges of whitespace-delimited chunks that are URLs, e-mail addresses, phone numbers or
/// numeric dates/identifiers ("5/17/2018", "+1-222-2222", "2023-07-13").
pub fn blocked_chunks(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let Some(slice) = text.get(start..end) else {
        return out;
    };
    let mut chunk_start: Option<usize> = None;
    let check = |a: usize, b: usize, out: &mut Vec<(usize, usize)>| {
        let c = text.get(a..b).unwrap_or("");
        let c = c.trim_matches(|ch: char| {
            matches!(ch, '(' | ')' | ',' | ';' | '"' | '\'' | '“' | '”' | '„')
        });
        let lower = c.to_lowercase();
        let url = lower.contains("://")
            || lower.starts_with("www.")
            || (lower.contains('@') && lower.contains('.'));
        let phone = c.starts_with('+') && c.chars().nth(1).is_some_and(|x| x.is_ascii_digit());
        // Digit groups separated by '-' or '/', at least three of them.
        let mut groups = 0;
        let mut slash_or_dash = false;
        let mut in_digits = false;
        let mut other = false;
        for ch in c.chars() {
            if ch.is_ascii_digit() {
                if !in_digits {
                    groups += 1;
                }
                in_digits = true;
            } else {
                in_digits = false;
                if matches!(ch, '-' | '/') {
                    slash_or_dash = true;
                } else if ch != '.' {
                    other = true;
                }
            }
        }
        let numeric_id = groups >= 3 && slash_or_dash && !other;
        // Hashes and codes: six or more hex characters mixing letters and digits ("a3f9c21").
        let hash = c.len() >= 6
            && c.chars().all(|ch| ch.is_ascii_hexdigit())
            && c.chars().any(|ch| ch.is_ascii_digit())
            && c.chars().any(|ch| ch.is_ascii_alphabetic());
        // Digit groups continuing a phone number ("+49 30 1234567").
        let phone_tail = out.last().is_some_and(|l: &(usize, usize)| {
            text.get(l.0..l.1)
                .is_some_and(|p| p.trim_start_matches('(').starts_with('+'))
                && text
                    .get(l.1..a)
                    .is_some_and(|gap| gap.chars().all(is_space))
        }) && !c.is_empty()
            && c.chars()
                .all(|ch| ch.is_ascii_digit() || matches!(ch, '-' | '/' | '(' | ')'));
        if phone_tail {
            if let Some(l) = out.last_mut() {
                l.1 = b;
            }
        } else if url || phone || numeric_id || hash {
            out.push((a, b));
        }
    };
    for (i, ch) in slice.char_indices() {
        let pos = start + i;
        if is_space(ch) {
            if let Some(a) = chunk_start.take() {
                check(a, pos, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(pos);
        }
    }
    if let Some(a) = chunk_start {
        check(a, end, &mut out);
    }
    out
}

/// The longest of `forms` ending right before `pos` (whitespace skipped); its start.
pub fn form_before(text: &str, floor: usize, pos: usize, forms: &[String]) -> Option<usize> {
    let e = skip_space_back(text, floor, pos);
    let mut best: Option<usize> = None;
    for f in forms {
        if let Some(s) = match_back(text, floor, e, f) {
            if best.is_none_or(|b| s < b) {
                best = Some(s);
            }
        }
    }
    best
}

/// The longest of `forms` starting right after `pos` (whitespace skipped); its end.
pub fn form_after(text: &str, pos: usize, limit: usize, forms: &[String]) -> Option<usize> {
    let p = skip_space(text, pos, limit);
    let mut best: Option<usize> = None;
    for f in forms {
        if let Some(e) = match_at(text, p, limit, f, false) {
            if best.is_none_or(|b| e > b) {
                best = Some(e);
            }
        }
    }
    best
}

fn is_possessive(toks: &[Tok], k: usize) -> bool {
    toks.get(k + 1)
        .is_some_and(|t| t.glued && (t.is_sym('\'') || t.is_sym('’')))
        && toks.get(k + 2).is_some_and(|t| t.glued && t.lower == "s")
}

/// The noun a count qualifies, from token `t` on ("115.000 Zuschauer", "14 of the bridge's cables").
pub fn counted_noun(
    text: &str,
    toks: &[Tok],
    mut t: usize,
    d: &QuantityData,
    lang: Lang,
) -> Option<String> {
    let nc = &d.context.not_counted;
    let word_text = |k: usize| -> &str {
        toks.get(k)
            .map(|x| text.get(x.start..x.end).unwrap_or(""))
            .unwrap_or("")
    };
    match lang {
        Lang::De => {
            // Partitive "14 der Kabel".
            if toks
                .get(t)
                .is_some_and(|x| matches!(x.lower.as_str(), "der" | "des"))
            {
                t += 1;
            }
            let mut k = t;
            let mut seen = 0;
            while seen < 3 {
                let x = toks.get(k)?;
                if x.kind != TokKind::Word {
                    return None;
                }
                let w = word_text(k);
                if d.is(nc, &x.lower) {
                    return None;
                }
                if w.chars().next().is_some_and(|c| c.is_uppercase()) {
                    // "410.000 PowerPack 500 Akkus": a model name before the noun. A number
                    // with a thousands separator is a count of its own, not a model's: "an
                    // zwei Standorten 1.240 Menschen" counts Standorte.
                    let model = toks.get(k + 1).is_some_and(|n| {
                        n.digits().is_some() && !word_text(k + 1).contains(['.', ','])
                    }) && toks.get(k + 2).is_some_and(|n| {
                        n.is_word() && word_text(k + 2).starts_with(char::is_uppercase)
                    });
                    if model {
                        k += 2;
                        seen += 1;
                        continue;
                    }
                    return (w.chars().count() > 1).then(|| w.to_string());
                }
                k += 1;
                seen += 1;
            }
            None
        }
        Lang::En => {
            if toks.get(t).is_some_and(|x| x.lower == "of") {
                t += 1;
                if toks.get(t).is_some_and(|x| {
                    matches!(
                        x.lower.as_str(),
                        "the"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                            | "our"
                            | "my"
                            | "your"
                            | "these"
                            | "those"
                    )
                }) {
                    t += 1;
                }
            }
            let mut run: Vec<usize> = Vec::new();
            let mut k = t;
            while k < toks.len() && run.len() < 3 {
                let x = &toks[k];
                if x.kind != TokKind::Word || d.is(nc, &x.lower) {
                    break;
                }
                if is_possessive(toks, k) {
                    k += 3;
                    continue;
                }
                // "410,000 PowerPack 500 batteries": skip the model number.
                let capital = word_text(k).chars().any(char::is_uppercase);
                if capital
                    && toks
                        .get(k + 1)
                        .is_some_and(|n| n.digits().is_some() && !n.glued)
                    && toks.get(k + 2).is_some_and(|n| n.is_word())
                {
                    k += 2;
                    continue;
                }
                run.push(k);
                k += 1;
            }
            let pick = run
                .iter()
                .copied()
                .find(|&k| toks[k].lower.ends_with('s') && toks[k].lower.len() > 2)
                .or_else(|| run.first().copied())?;
            let w = word_text(pick);
            (w.chars().count() > 1).then(|| w.to_string())
        }
    }
}
