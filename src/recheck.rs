//! Re-checking offered fixes: a fix is applied to the draft and the draft analysed again
//! (cheap: the blocks it did not touch come from the block memo). A fix whose finding is still
//! there, or that brings a `number-conflict`, `misattributed-figure` or `quote-mismatch` where
//! the draft had no finding, is dropped: it would outrun the judgement it rests on. A fix stays `safe` only when the re-check is clean — no finding of
//! its rule where it was and no new finding at all — and no other safe fix touches the same
//! sentence (two attributions of one sentence applied together would attribute it twice).

use crate::finding::{Applicability, Edit, Finding, RuleId};
use crate::text::{Document, Span};

/// At most this many fixes are re-checked per analysis; the rest lose `safe`.
pub const MAX_RECHECKS: usize = 64;

/// Where an offset of the old text stands after the edits.
fn map(pos: usize, edits: &[Edit]) -> usize {
    let mut delta: isize = 0;
    for e in edits {
        if e.span.end <= pos {
            delta += e.replacement.len() as isize - e.span.len() as isize;
        } else if e.span.start < pos {
            // Inside a replaced region: its end in the new text.
            return (e.span.start as isize + delta) as usize + e.replacement.len();
        }
    }
    (pos as isize + delta).max(0) as usize
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// Verdicts already reached, under the text the fix's findings depend on (its section with a
/// block either side, the fix, and what the whole draft contributes): a keystroke elsewhere in
/// the draft does not re-check this section's fixes again.
#[derive(Debug, Default)]
pub struct Memo {
    map: std::sync::Mutex<std::collections::HashMap<String, Verdict>>,
}

/// Entries kept before the memo starts over.
const LIMIT: usize = 20_000;

impl Memo {
    fn get(&self, key: &str) -> Option<Verdict> {
        self.map.lock().ok()?.get(key).copied()
    }

    fn put(&self, key: String, v: Verdict) {
        if let Ok(mut m) = self.map.lock() {
            if m.len() >= LIMIT {
                m.clear();
            }
            m.insert(key, v);
        }
    }
}

/// The memo key of `fix` in `doc`: the whole draft's part (language, kind, links, footnotes,
/// date), the text of the fix's section (heading to heading) with one block either side, and
/// the fix's edits relative to it. `whole` is what the caller adds (configuration, corpus).
pub fn key(doc: &Document, fix: &crate::finding::Fix, whole: &str) -> Option<String> {
    let at = fix.edits.iter().map(|e| e.span.start).min()?;
    let i = doc.sentence_at(at.min(doc.text.len().saturating_sub(1)))?;
    let b = doc.sentences.get(i)?.block;
    let heading = |k: usize| {
        doc.blocks
            .get(k)
            .is_some_and(|x| x.kind == crate::text::BlockKind::Heading)
    };
    let mut first = b;
    while first > 0 && !heading(first) {
        first -= 1;
    }
    let mut last = b + 1;
    while last < doc.blocks.len() && !heading(last) {
        last += 1;
    }
    let from = doc.blocks.get(first.saturating_sub(1))?.span.start;
    let to = doc
        .blocks
        .get(last.min(doc.blocks.len().saturating_sub(1)))?
        .span
        .end;
    if at < from || fix.edits.iter().any(|e| e.span.end > to) {
        return None;
    }
    let section = doc.text.get(from..to)?;
    let links: Vec<&str> = doc.links.iter().map(|l| l.dest.as_str()).collect();
    let edits: Vec<String> = fix
        .edits
        .iter()
        .map(|e| {
            format!(
                "{}-{}:{}",
                e.span.start - from,
                e.span.end - from,
                e.replacement
            )
        })
        .collect();
    Some(format!(
        "{whole}\u{1}{:?}/{:?}/{:?}/{}/{:?}\u{1}{section}\u{1}{}",
        doc.lang,
        doc.kind,
        links,
        doc.footnotes.len(),
        doc.meta.date,
        edits.join("\u{2}")
    ))
}

/// The outcome of re-checking one fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// The finding is gone and nothing new appeared.
    Clean,
    /// The finding is gone; another verdict changed where there was a finding, or a new
    /// `unsourced-claim` / `disputed-figure` appeared (a replaced figure now wants a source):
    /// fine to offer, not to apply unasked.
    Acceptable,
    /// The finding is still there, or a new finding of another rule appeared.
    Fails,
}

fn judge(f: &Finding, fix_edits: &[Edit], before: &[Finding], after: &[Finding]) -> Verdict {
    let mut edits: Vec<Edit> = fix_edits.to_vec();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let moved = |s: Span| {
        Span::new(
            map(s.start, &edits),
            map(s.end, &edits).max(map(s.start, &edits)),
        )
    };
    let here = moved(f.span);
    if after
        .iter()
        .any(|g| g.rule == f.rule && overlaps(g.span, here))
    {
        return Verdict::Fails;
    }
    // Findings that were not there before: of another rule where one was (a changed verdict),
    // or where none was at all (new).
    let changed: Vec<&Finding> = after
        .iter()
        .filter(|g| {
            !before
                .iter()
                .any(|o| o.rule == g.rule && overlaps(moved(o.span), g.span))
        })
        .collect();
    if changed.is_empty() {
        return Verdict::Clean;
    }
    let new_wrong = changed.iter().any(|g| {
        let fresh = !before.iter().any(|o| overlaps(moved(o.span), g.span));
        fresh && g.rule != RuleId::UnsourcedClaim && g.rule != RuleId::DisputedFigure
    });
    if new_wrong {
        Verdict::Fails
    } else {
        Verdict::Acceptable
    }
}

/// Re-checks every fix of `findings` (of `text`) with `analyse`, which returns the findings of
/// another version of the draft (`None` when it could not be checked in time).
pub fn fixes(
    doc: &Document,
    text: &str,
    findings: &mut [Finding],
    memo: Option<(&Memo, &str)>,
    analyse: impl Fn(&str) -> Option<Vec<Finding>>,
) {
    let before: Vec<Finding> = findings.to_vec();
    let mut budget = MAX_RECHECKS;
    let mut safe_sentences: Vec<Span> = Vec::new();
    for f in findings.iter_mut() {
        let mut kept = Vec::with_capacity(f.fixes.len());
        for mut fix in std::mem::take(&mut f.fixes) {
            if fix.applicability == Applicability::DisplayOnly {
                kept.push(fix);
                continue;
            }
            let fixed = fix.apply(text);
            if fixed == text {
                continue;
            }
            if budget == 0 {
                fix.applicability = fix.applicability.min(Applicability::Unsafe);
                kept.push(fix);
                continue;
            }
            budget -= 1;
            let k = memo.and_then(|(_, whole)| key(doc, &fix, whole));
            let known = memo.zip(k.as_ref()).and_then(|((m, _), k)| m.get(k));
            let verdict = match known {
                Some(v) => v,
                None => match analyse(&fixed) {
                    Some(after) => {
                        let v = judge(f, &fix.edits, &before, &after);
                        if let (Some((m, _)), Some(k)) = (memo, k) {
                            m.put(k, v);
                        }
                        v
                    }
                    None => Verdict::Acceptable,
                },
            };
            match verdict {
                Verdict::Fails => continue,
                Verdict::Acceptable => {
                    fix.applicability = fix.applicability.min(Applicability::Unsafe)
                }
                Verdict::Clean => {}
            }
            if fix.applicability == Applicability::Safe {
                let sentences: Vec<Span> = fix
                    .edits
                    .iter()
                    .filter_map(|e| doc.sentence_at(e.span.start.min(text.len().saturating_sub(1))))
                    .filter_map(|i| doc.sentences.get(i).map(|s| s.span))
                    .collect();
                if sentences.iter().any(|s| safe_sentences.contains(s)) {
                    fix.applicability = Applicability::Unsafe;
                } else {
                    safe_sentences.extend(sentences);
                }
            }
            kept.push(fix);
        }
        f.fixes = kept;
        // A finding keeps one safe fix at most: with two, which to apply is a choice.
        let safe = f
            .fixes
            .iter()
            .filter(|x| x.applicability == Applicability::Safe)
            .count();
        if safe > 1 {
            for x in &mut f.fixes {
                x.applicability = x.applicability.min(Applicability::Unsafe);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_move_with_edits() {
        let edits = [
            Edit {
                span: Span::new(2, 2),
                replacement: "abc".into(),
            },
            Edit {
                span: Span::new(5, 8),
                replacement: "x".into(),
            },
        ];
        assert_eq!(map(1, &edits), 1);
        assert_eq!(map(2, &edits), 5);
        assert_eq!(map(4, &edits), 7);
        assert_eq!(map(6, &edits), 9);
        assert_eq!(map(9, &edits), 10);
    }
}
