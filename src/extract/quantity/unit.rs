//! Units after (or currency signs before) a number, with their dimension and factor.

use super::data::{QuantityData, UnitDef};
use super::scan::{match_at, match_back, skip_space, skip_space_back};
use super::Dimension;

/// A unit found in the text.
#[derive(Clone, Copy, Debug)]
pub struct UnitHit<'a> {
    pub start: usize,
    pub end: usize,
    pub def: &'a UnitDef,
}

/// The unit whose form starts exactly at `pos` (longest form wins).
pub fn unit_at<'a>(
    text: &str,
    pos: usize,
    limit: usize,
    d: &'a QuantityData,
) -> Option<UnitHit<'a>> {
    for (form, cased, idx) in &d.unit_forms {
        if let Some(end) = match_at(text, pos, limit, form, *cased) {
            let def = d.units.get(*idx)?;
            return Some(UnitHit {
                start: pos,
                end,
                def,
            });
        }
    }
    None
}

/// A unit after a number ending at `pos`: optional space, optional hyphen ("12-Pfund", "12 - Pfund"),
/// optional currency adjective ("16,4 Millionen kanadischen Dollar").
pub fn unit_after<'a>(
    text: &str,
    pos: usize,
    limit: usize,
    d: &'a QuantityData,
) -> Option<UnitHit<'a>> {
    let p = skip_space(text, pos, limit);
    if let Some(h) = unit_at(text, p, limit, d) {
        return Some(h);
    }
    // Forms only valid glued to the digits: "30C", "86F".
    if p == pos {
        for def in &d.units {
            if let Some(end) = def
                .glued
                .iter()
                .find_map(|f| match_at(text, p, limit, f, true))
            {
                return Some(UnitHit { start: p, end, def });
            }
        }
    }
    if text
        .get(p..)
        .is_some_and(|r| r.starts_with('-') || r.starts_with('‑'))
    {
        let p2 = skip_space(text, p + 1, limit);
        if let Some(h) = unit_at(text, p2, limit, d) {
            if h.def.dim() != Dimension::Temperature || !h.def.unit.starts_with('°') {
                return Some(h);
            }
        }
    }
    // One adjective before a currency noun.
    let rest = text.get(p..limit)?;
    let wlen: usize = rest
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    if wlen >= 3 {
        let word = rest[..wlen].to_lowercase();
        let adj = d
            .context
            .currency_adjective_endings
            .iter()
            .any(|e| word.ends_with(e.as_str()));
        let first_lower = rest.chars().next().is_some_and(|c| c.is_lowercase());
        if adj && (first_lower || d.dot_ordinals) {
            let p2 = skip_space(text, p + wlen, limit);
            if p2 > p + wlen {
                if let Some(h) = unit_at(text, p2, limit, d) {
                    if h.def.dim() == Dimension::Currency {
                        return Some(UnitHit {
                            start: p,
                            end: h.end,
                            def: h.def,
                        });
                    }
                }
            }
        }
    }
    None
}

/// A currency sign or code right before a number starting at `pos` ("$ 75", "USD115", "€2").
pub fn currency_before<'a>(
    text: &str,
    floor: usize,
    pos: usize,
    d: &'a QuantityData,
) -> Option<UnitHit<'a>> {
    let e = skip_space_back(text, floor, pos);
    // Allow at most one space between sign and number.
    if pos - e > 2 {
        return None;
    }
    for (form, cased, idx) in &d.unit_forms {
        let def = d.units.get(*idx)?;
        if def.dim() != Dimension::Currency || def.subunit || *cased {
            continue;
        }
        // Only signs and codes, not words ("Dollar 5" is rare and "euro 5" ambiguous).
        let is_code = form.chars().all(|c| c.is_ascii_alphabetic()) && form.len() == 3;
        let is_sign = form.chars().any(|c| !c.is_alphanumeric() && c != ' ');
        if !is_code && !is_sign {
            continue;
        }
        if let Some(s) = match_back(text, floor, e, form) {
            let written = text.get(s..e).unwrap_or("");
            if is_code && !written.chars().all(|c| c.is_uppercase()) {
                continue;
            }
            // "c $": a one-letter country prefix glued by a space.
            return Some(UnitHit {
                start: s,
                end: e,
                def,
            });
        }
    }
    None
}
