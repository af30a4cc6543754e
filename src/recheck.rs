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
    // Suppression comments anywhere in the draft decide which findings the re-check sees (a
    // `factlint-disable` above the section covers it), and the blocks' kinds come from the
    // whole draft's parse: both are part of the verdict.
    let comments: Vec<String> = doc
        .comments
        .iter()
        .filter(|c| c.body.trim_start().starts_with("factlint"))
        .map(|c| format!("{}:{}", c.span.start as i64 - from as i64, c.body.trim()))
        .collect();
    let kinds: Vec<String> = doc
        .blocks
        .iter()
        .filter(|b| b.span.end > from && b.span.start < to)
        .map(|b| format!("{:?}", b.kind))
        .collect();
    Some(format!(
        "{whole}\u{1}{:?}/{:?}/{:?}/{}/{:?}\u{1}{}\u{1}{}\u{1}{section}\u{1}{}",
        doc.lang,
        doc.kind,
        links,
        doc.footnotes.len(),
        doc.meta.date,
        comments.join("\u{2}"),
        kinds.join("/"),
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
    let all = vec![true; findings.len()];
    fixes_of(doc, text, findings, &all, memo, analyse);
}

/// What the eager pass does with one fix before any analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plan {
    /// Display-only: kept as it is.
    Keep,
    /// Changes nothing: dropped.
    Drop,
    /// Past [`MAX_RECHECKS`]: kept, not `safe`.
    OverBudget,
    /// Re-checked.
    Check,
}

/// One offered fix, in the order the eager pass meets them.
struct Slot {
    finding: usize,
    fix: usize,
    plan: Plan,
    /// The sentences it edits when it may end up `safe` (a re-checked fix offered as safe).
    sentences: Vec<Span>,
}

impl Slot {
    fn may_be_safe(&self) -> bool {
        !self.sentences.is_empty()
    }
}

/// [`fixes`] for the findings `wanted` marks (by index; missing entries count as not wanted):
/// their fixes end up exactly as [`fixes`] leaves them, while only the fixes their outcome
/// depends on are re-checked — their own, and the earlier fixes offered as safe that edit one
/// of their sentences (a safe fix there makes theirs unsafe), and so on back. Other findings
/// keep their fixes as offered. What the language server calls for the findings a code action
/// is asked for.
pub fn fixes_of(
    doc: &Document,
    text: &str,
    findings: &mut [Finding],
    wanted: &[bool],
    memo: Option<(&Memo, &str)>,
    analyse: impl Fn(&str) -> Option<Vec<Finding>>,
) {
    let is_wanted = |i: usize| wanted.get(i).copied().unwrap_or(false);
    // The plan of the eager pass: which fixes are re-checked (the budget counts them in order,
    // whatever their verdicts) and which may become safe.
    let mut budget = MAX_RECHECKS;
    let mut slots: Vec<Slot> = Vec::new();
    for (fi, f) in findings.iter().enumerate() {
        for (xi, fix) in f.fixes.iter().enumerate() {
            let plan = if fix.applicability == Applicability::DisplayOnly {
                Plan::Keep
            } else if fix.apply(text) == text {
                Plan::Drop
            } else if budget == 0 {
                Plan::OverBudget
            } else {
                budget -= 1;
                Plan::Check
            };
            let sentences = if plan == Plan::Check && fix.applicability == Applicability::Safe {
                sentences_of(doc, text, fix)
            } else {
                Vec::new()
            };
            slots.push(Slot {
                finding: fi,
                fix: xi,
                plan,
                sentences,
            });
        }
    }
    // Which re-checks the wanted findings need, back to front: their own, and every earlier
    // fix that may be safe and shares a sentence with a needed fix that may be safe.
    let mut needed = vec![false; slots.len()];
    let mut relevant: Vec<Span> = Vec::new();
    for (i, s) in slots.iter().enumerate().rev() {
        if s.plan != Plan::Check {
            continue;
        }
        let shares = s.may_be_safe() && s.sentences.iter().any(|x| relevant.contains(x));
        if is_wanted(s.finding) || shares {
            needed[i] = true;
            relevant.extend(s.sentences.iter().copied());
        }
    }
    let before: Vec<Finding> = findings.to_vec();
    let mut verdicts: Vec<Option<Verdict>> = vec![None; slots.len()];
    for (i, s) in slots.iter().enumerate() {
        if !needed[i] {
            continue;
        }
        let (Some(f), Some(fix)) = (
            before.get(s.finding),
            before.get(s.finding).and_then(|f| f.fixes.get(s.fix)),
        ) else {
            continue;
        };
        let k = memo.and_then(|(_, whole)| key(doc, fix, whole));
        let known = memo.zip(k.as_ref()).and_then(|((m, _), k)| m.get(k));
        verdicts[i] = Some(match known {
            Some(v) => v,
            None => match analyse(&fix.apply(text)) {
                Some(after) => {
                    let v = judge(f, &fix.edits, &before, &after);
                    if let (Some((m, _)), Some(k)) = (memo, k) {
                        m.put(k, v);
                    }
                    v
                }
                None => Verdict::Acceptable,
            },
        });
    }
    // The eager pass over the needed fixes, in order.
    let mut safe_sentences: Vec<Span> = Vec::new();
    let mut slot = slots.iter().zip(&verdicts).peekable();
    for (fi, f) in findings.iter_mut().enumerate() {
        let mut kept = Vec::with_capacity(f.fixes.len());
        while let Some((s, verdict)) = slot.next_if(|(s, _)| s.finding == fi) {
            let Some(mut fix) = f.fixes.get(s.fix).cloned() else {
                continue;
            };
            match s.plan {
                Plan::Keep => {
                    kept.push(fix);
                    continue;
                }
                Plan::Drop => continue,
                Plan::OverBudget => {
                    fix.applicability = fix.applicability.min(Applicability::Unsafe);
                    kept.push(fix);
                    continue;
                }
                Plan::Check => {}
            }
            // Not needed: neither wanted nor able to change a wanted fix.
            let Some(verdict) = verdict else { continue };
            match verdict {
                Verdict::Fails => continue,
                Verdict::Acceptable => {
                    fix.applicability = fix.applicability.min(Applicability::Unsafe)
                }
                Verdict::Clean => {}
            }
            if fix.applicability == Applicability::Safe {
                if s.sentences.iter().any(|x| safe_sentences.contains(x)) {
                    fix.applicability = Applicability::Unsafe;
                } else {
                    safe_sentences.extend(s.sentences.iter().copied());
                }
            }
            kept.push(fix);
        }
        if !is_wanted(fi) {
            continue;
        }
        same_edits_once(&mut kept);
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

/// Two fixes that make the same edits are one choice (a replacement two sources support,
/// written alike in the draft's style: „8 Millionen“ and „acht Millionen“): the first stays.
fn same_edits_once(fixes: &mut Vec<crate::finding::Fix>) {
    let mut seen: Vec<Vec<crate::finding::Edit>> = Vec::new();
    fixes.retain(|x| {
        let fresh = !seen.contains(&x.edits);
        if fresh {
            seen.push(x.edits.clone());
        }
        fresh
    });
}

/// The sentences a fix edits.
fn sentences_of(doc: &Document, text: &str, fix: &crate::finding::Fix) -> Vec<Span> {
    fix.edits
        .iter()
        .filter_map(|e| doc.sentence_at(e.span.start.min(text.len().saturating_sub(1))))
        .filter_map(|i| doc.sentences.get(i).map(|s| s.span))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Of two fixes with the same edits, only the first is offered.
    #[test]
    fn two_fixes_with_the_same_edits_are_one() {
        use crate::finding::{Applicability, Edit, Fix};
        let fix = |title: &str, by: &str| Fix {
            title: title.to_string(),
            edits: vec![Edit {
                span: Span::new(4, 11),
                replacement: by.to_string(),
            }],
            applicability: Applicability::Unsafe,
        };
        let mut fixes = vec![
            fix("Durch „acht Millionen“ ersetzen", "acht Millionen"),
            fix("Durch „acht Millionen“ ersetzen (Welt)", "acht Millionen"),
            fix("Durch „7,5 Millionen“ ersetzen", "7,5 Millionen"),
        ];
        same_edits_once(&mut fixes);
        let titles: Vec<&str> = fixes.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Durch „acht Millionen“ ersetzen",
                "Durch „7,5 Millionen“ ersetzen"
            ]
        );
    }

    use crate::finding::{Fix, Severity};
    use crate::text::DocKind;
    use std::cell::Cell;

    /// What the fake analysis says about the draft with one fix applied.
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Outcome {
        Clean,
        Acceptable,
        Fails,
    }

    const TEXT: &str = "Der Hafen war 45 Minuten gesperrt. Es gab Verletzte.\n\n\
                        Im Hafen lagen 3 Boote.\n\nDer Rest.\n";

    fn at(needle: &str) -> Span {
        let i = TEXT.find(needle).unwrap_or(0);
        Span::new(i, i + needle.len())
    }

    fn fix(title: &str, span: Span, replacement: &str, applicability: Applicability) -> Fix {
        Fix {
            title: title.into(),
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            applicability,
        }
    }

    /// Three findings: two in the first sentence (their safe fixes edit it both), one in the
    /// second paragraph with two fixes.
    fn findings() -> Vec<Finding> {
        let finding = |rule, span, fixes| Finding {
            rule,
            severity: Severity::Warning,
            span,
            message: String::new(),
            evidence: Vec::new(),
            fixes,
        };
        let first = at("Der Hafen war 45 Minuten gesperrt.");
        let boats = at("Im Hafen lagen 3 Boote.");
        vec![
            finding(
                RuleId::UnsourcedClaim,
                first,
                vec![fix(
                    "a",
                    Span::new(first.end - 1, first.end - 1),
                    ", sagte A",
                    Applicability::Safe,
                )],
            ),
            finding(
                RuleId::NumberConflict,
                at("45"),
                vec![
                    fix("b", at("45"), "40", Applicability::Safe),
                    fix("b2", at("45"), "45", Applicability::Safe),
                ],
            ),
            finding(
                RuleId::UnsourcedClaim,
                boats,
                vec![
                    fix(
                        "c",
                        Span::new(boats.end - 1, boats.end - 1),
                        ", sagte C",
                        Applicability::Safe,
                    ),
                    fix("d", at("3"), "drei", Applicability::Unsafe),
                    fix("e", at("3"), "3 (?)", Applicability::DisplayOnly),
                ],
            ),
        ]
    }

    /// A fake analysis: the fix whose replacement the fixed text contains has `outcomes`'
    /// outcome (by fix title order a, b, c, d).
    fn analyse<'a>(
        outcomes: &'a [Outcome; 4],
        calls: &'a Cell<usize>,
    ) -> impl Fn(&str) -> Option<Vec<Finding>> + 'a {
        move |fixed: &str| {
            calls.set(calls.get() + 1);
            let which = [", sagte A", "40", ", sagte C", "drei"]
                .iter()
                .position(|r| fixed.contains(r))?;
            let everywhere = |rule| Finding {
                rule,
                severity: Severity::Warning,
                span: Span::new(0, fixed.len()),
                message: String::new(),
                evidence: Vec::new(),
                fixes: Vec::new(),
            };
            Some(match outcomes[which] {
                Outcome::Clean => Vec::new(),
                // A new claim without a source where the draft had no finding.
                Outcome::Acceptable => {
                    let rest = fixed.find("Der Rest.").unwrap_or(0);
                    vec![Finding {
                        span: Span::new(rest, rest + 9),
                        ..everywhere(RuleId::UnsourcedClaim)
                    }]
                }
                Outcome::Fails => RuleId::ALL.iter().map(|r| everywhere(*r)).collect(),
            })
        }
    }

    /// Every finding's fixes re-checked alone (`fixes_of`, as for one code action) come out as
    /// the eager pass over all of them gives them, whatever the re-checks say: among others,
    /// a safe fix in a sentence an earlier safe fix edits becomes unsafe only when that earlier
    /// fix passes its own re-check, which the lazy pass must therefore run too.
    #[test]
    fn lazy_recheck_equals_eager_recheck() {
        let doc = Document::parse(TEXT, DocKind::Markdown, None);
        let all = [Outcome::Clean, Outcome::Acceptable, Outcome::Fails];
        let mut differs = 0;
        for a in all {
            for b in all {
                for c in all {
                    for d in all {
                        let outcomes = [a, b, c, d];
                        let calls = Cell::new(0);
                        let mut eager = findings();
                        fixes(&doc, TEXT, &mut eager, None, analyse(&outcomes, &calls));
                        assert_eq!(calls.get(), 4, "one re-check per fix that changes the text");
                        for i in 0..eager.len() {
                            let mut wanted = vec![false; eager.len()];
                            wanted[i] = true;
                            let mut lazy = findings();
                            calls.set(0);
                            fixes_of(
                                &doc,
                                TEXT,
                                &mut lazy,
                                &wanted,
                                None,
                                analyse(&outcomes, &calls),
                            );
                            assert_eq!(lazy[i], eager[i], "finding {i}, {outcomes:?}");
                            // The others are left as offered.
                            for (j, (l, o)) in lazy.iter().zip(findings()).enumerate() {
                                if j != i {
                                    assert_eq!(*l, o);
                                }
                            }
                            // Only what finding i depends on is re-checked: the second
                            // paragraph's fixes need nothing of the first's, and the first
                            // finding needs nothing after it.
                            let expected = [1, 2, 2][i];
                            assert_eq!(calls.get(), expected, "finding {i}");
                        }
                        if eager[1].fixes.first().map(|x| x.applicability)
                            != Some(Applicability::Safe)
                            && b == Outcome::Clean
                        {
                            differs += 1;
                        }
                    }
                }
            }
        }
        // The case the dependency is for occurs: fix b passes clean yet is not safe because
        // fix a took its sentence.
        assert!(differs > 0);
    }

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

    /// A suppression comment outside the fix's section still decides what the re-check sees:
    /// the memo key must tell the drafts apart (else one draft's verdict serves the other).
    #[test]
    fn suppression_comments_elsewhere_are_part_of_the_key() {
        let intro = "# A\n\nEins.\n\n# B\n\nZwei.\n\n# C\n\n";
        let body = "Der Hafen war 45 Minuten gesperrt.\n";
        let plain = format!("{intro}{body}");
        let disabled = format!("<!-- factlint-disable -->\n\n{intro}{body}");
        let key_of = |text: &str| {
            let doc = Document::parse(text, DocKind::Markdown, None);
            let at = text.find("45").unwrap_or(0);
            let f = fix("x", Span::new(at, at + 2), "40", Applicability::Safe);
            key(&doc, &f, "w")
        };
        let (a, b) = (key_of(&plain), key_of(&disabled));
        assert!(a.is_some() && b.is_some());
        assert_ne!(a, b);
        // The same draft gives the same key (the memo is still used).
        assert_eq!(key_of(&plain), a);
    }
}
