//! Units after (or currency signs before) a number, with their dimension and factor.

use super::data::{is_code, QuantityData, UnitDef};
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
    let first = text.get(pos..limit).and_then(|h| h.chars().next());
    for &k in d.unit_first.get(first) {
        let Some((form, cased, idx)) = d.unit_forms.get(k) else {
            continue;
        };
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
    // Only currencies' signs and codes, not words ("Dollar 5" is rare and "euro 5" ambiguous),
    // and of those the forms that may end with the character before `e` (`currency_last`).
    let last = text.get(floor..e).and_then(|h| h.chars().next_back());
    for &k in d.currency_last.get(last) {
        let Some((form, _, idx)) = d.unit_forms.get(k) else {
            continue;
        };
        let def = d.units.get(*idx)?;
        let is_code = is_code(form);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    /// `unit_at` as it was before `unit_first`: every form tried in order.
    fn unit_at_every<'a>(
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

    /// `currency_before` as it was before `currency_last`: every form tried in order.
    fn currency_before_every<'a>(
        text: &str,
        floor: usize,
        pos: usize,
        d: &'a QuantityData,
    ) -> Option<UnitHit<'a>> {
        let e = skip_space_back(text, floor, pos);
        if pos - e > 2 {
            return None;
        }
        for (form, cased, idx) in &d.unit_forms {
            let def = d.units.get(*idx)?;
            if def.dim() != Dimension::Currency || def.subunit || *cased {
                continue;
            }
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
                return Some(UnitHit {
                    start: s,
                    end: e,
                    def,
                });
            }
        }
        None
    }

    fn same_hit(a: Option<UnitHit>, b: Option<UnitHit>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                a.start == b.start && a.end == b.end && std::ptr::eq(a.def, b.def)
            }
            _ => false,
        }
    }

    /// Texts with units of every kind: the fixtures, the labelled suites, and every unit form
    /// of both languages written after and before a number in upper, lower and title case.
    fn texts() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in ["fixtures", "tests/fixtures", "tests/eval"] {
            for e in walkdir::WalkDir::new(root.join(dir))
                .sort_by_file_name()
                .into_iter()
                .flatten()
            {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "md") {
                    if let Ok(t) = std::fs::read_to_string(p) {
                        out.push(t);
                    }
                }
            }
        }
        for lang in Lang::ALL {
            let d = super::super::data::data(lang);
            let mut forms = String::new();
            for (f, _, _) in &d.unit_forms {
                forms.push_str(&format!(
                    "12 {f}, 3{f} und {} 4; {}5 {} x. ",
                    f.to_uppercase(),
                    f,
                    f.chars()
                        .enumerate()
                        .map(|(i, c)| if i == 0 { c.to_ascii_uppercase() } else { c })
                        .collect::<String>()
                ));
            }
            out.push(forms);
        }
        out
    }

    /// The indexed lookups find exactly what trying every form finds, at every place of every
    /// text, in both languages.
    #[test]
    fn indexed_unit_lookups_equal_trying_every_form() {
        let texts = texts();
        assert!(texts.len() > 50, "fixtures found: {}", texts.len());
        let (mut places, mut units, mut currencies) = (0, 0, 0);
        for lang in Lang::ALL {
            let d = super::super::data::data(lang);
            for t in &texts {
                let bounds: Vec<usize> =
                    t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
                for &pos in &bounds {
                    places += 1;
                    let a = unit_at(t, pos, t.len(), d);
                    units += usize::from(a.is_some());
                    assert!(
                        same_hit(a, unit_at_every(t, pos, t.len(), d)),
                        "unit_at {lang:?} at {pos} of {:?}",
                        t.get(pos..(pos + 20).min(t.len()))
                    );
                    let floor = bounds
                        .iter()
                        .copied()
                        .filter(|b| *b + 12 >= pos && *b <= pos)
                        .min()
                        .unwrap_or(0);
                    let c = currency_before(t, floor, pos, d);
                    currencies += usize::from(c.is_some());
                    assert!(
                        same_hit(c, currency_before_every(t, floor, pos, d)),
                        "currency_before {lang:?} at {pos}"
                    );
                }
            }
        }
        // The comparison saw hits of both kinds, not only misses.
        assert!(
            places > 100_000 && units > 1_000 && currencies > 50,
            "{places} {units} {currencies}"
        );
    }
}
