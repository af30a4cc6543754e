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
            let verdict = match analyse(&fixed) {
                Some(after) => judge(f, &fix.edits, &before, &after),
                None => Verdict::Acceptable,
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
