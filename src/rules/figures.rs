//! Shared by the figure rules: splitting matches into support and contradiction, messages, evidence, fixes.

use crate::extract::Quantity;
use crate::figmap::similar::comparable;
use crate::finding::{Evidence, Fix};
use crate::lang::Lang;
use crate::rules::evidence::agree;
use crate::rules::evidence::FigureMatch;
use crate::rules::fixes::replace_figure;
use crate::rules::RuleContext;

/// Supporting and contradicting matches.
pub fn split(matches: &[FigureMatch]) -> (Vec<FigureMatch>, Vec<FigureMatch>) {
    matches.iter().partition(|m| m.supports)
}

/// Evidence for a figure finding: supporting first, then contradicting.
pub fn figure_findings_evidence(
    ctx: &RuleContext,
    supports: &[FigureMatch],
    contradicts: &[FigureMatch],
) -> Vec<Evidence> {
    supports
        .iter()
        .chain(contradicts)
        .filter_map(|m| ctx.matches.figure_evidence(ctx.corpus, m))
        .collect()
}

fn figure_text(ctx: &RuleContext, m: &FigureMatch) -> String {
    ctx.corpus
        .docs
        .get(m.doc)
        .and_then(|d| d.facts.quantities.get(m.quantity))
        .map(|q| q.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn group(ctx: &RuleContext, ms: &[FigureMatch]) -> String {
    let mut figs: Vec<String> = Vec::new();
    for m in ms {
        let t = figure_text(ctx, m);
        if !figs.contains(&t) {
            figs.push(t);
        }
    }
    let ids: Vec<String> = ms
        .iter()
        .filter_map(|m| ctx.corpus.docs.get(m.doc))
        .map(|d| short_name(&d.source.name, &d.source.id))
        .collect();
    format!("{} ({})", join_or(&figs, ctx.doc.lang), ids.join(", "))
}

fn short_name(name: &str, id: &str) -> String {
    if name == id {
        id.to_string()
    } else {
        format!("{name} [{id}]")
    }
}

fn join_or(items: &[String], lang: Lang) -> String {
    let or = if lang == Lang::De { " oder " } else { " or " };
    match items {
        [] => String::new(),
        [one] => format!("„{one}“")
            .replace('„', if lang == Lang::De { "„" } else { "\"" })
            .replace('“', if lang == Lang::De { "“" } else { "\"" }),
        _ => {
            let q: Vec<String> = items
                .iter()
                .map(|i| join_or(std::slice::from_ref(i), lang))
                .collect();
            let (last, rest) = q
                .split_last()
                .map(|(l, r)| (l.clone(), r.to_vec()))
                .unwrap_or_default();
            format!("{}{or}{last}", rest.join(", "))
        }
    }
}

/// An editor's note: "etwa 45 Minuten: 1 source says …, 4 say … — ids".
pub fn describe(
    ctx: &RuleContext,
    q: &Quantity,
    supports: &[FigureMatch],
    contradicts: &[FigureMatch],
) -> String {
    let de = ctx.doc.lang == Lang::De;
    let n = |k: usize| -> String {
        match (de, k) {
            (true, 1) => "1 Quelle nennt".into(),
            (true, k) => format!("{k} Quellen nennen"),
            (false, 1) => "1 source says".into(),
            (false, k) => format!("{k} sources say"),
        }
    };
    let text = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if supports.is_empty() {
        let none = if de {
            "keine Quelle stützt diese Zahl"
        } else {
            "no source supports this figure"
        };
        format!(
            "{text}: {none}; {} {}",
            n(contradicts.len()),
            group(ctx, contradicts)
        )
    } else {
        format!(
            "{text}: {} {}, {} {}",
            n(supports.len()),
            group(ctx, supports),
            n(contradicts.len()),
            group(ctx, contradicts)
        )
    }
}

fn corpus_figure<'c>(ctx: &RuleContext<'c>, m: &FigureMatch) -> Option<&'c Quantity> {
    ctx.corpus
        .docs
        .get(m.doc)
        .and_then(|d| d.facts.quantities.get(m.quantity))
}

/// The contradicting figures a replacement may take: only variants of the finding's own quantity
/// that are each aligned to the draft's figure as confidently as a contradiction needs; none at
/// all when the quantity is not certain — its variants state figures that disagree with each
/// other with no majority (a vote total beside a margin, a ward's turnout beside the city's), or one of them is a
/// figure the draft already gives to something else in the same sentence ("Von den 980
/// Beschäftigten arbeiten 980 …"). Where most variants agree, the outliers are left out.
pub fn certain_replacements(
    ctx: &RuleContext,
    q: &Quantity,
    contradicts: &[FigureMatch],
) -> Vec<FigureMatch> {
    let tol = &ctx.config.tolerance;
    let sure: Vec<FigureMatch> = contradicts
        .iter()
        .filter(|m| m.sim >= crate::figmap::CONFLICT_MIN)
        .cloned()
        .collect();
    let figs: Vec<&Quantity> = sure.iter().filter_map(|m| corpus_figure(ctx, m)).collect();
    if figs.len() != sure.len() || figs.is_empty() {
        return Vec::new();
    }
    // The variants that agree with most of the others, when they are more than half of all;
    // with no majority (sources that disagree, or a quantity that mixes several) the quantity
    // is not certain enough to put a figure in the draft: the finding's evidence shows them.
    let agreeing = |a: &Quantity| figs.iter().filter(|b| agree(a, b, tol)).count();
    let best = figs.iter().map(|a| agreeing(a)).max().unwrap_or(0);
    if best * 2 <= figs.len() {
        return Vec::new();
    }
    let Some(anchor) = figs.iter().find(|a| agreeing(a) == best).copied() else {
        return Vec::new();
    };
    let kept: Vec<(FigureMatch, &Quantity)> = sure
        .into_iter()
        .zip(figs)
        .filter(|(_, f)| agree(anchor, f, tol))
        .collect();
    // The draft's other figures in the same sentence: one that states the replacement's value
    // means the draft has that figure for another quantity.
    let sentence = ctx.doc.sentence_at(q.span.start);
    let taken = ctx.facts.quantities.iter().any(|o| {
        o.span != q.span
            && ctx.doc.sentence_at(o.span.start) == sentence
            && kept
                .iter()
                .any(|(_, f)| comparable(o, f) && agree(o, f, tol) && !agree(o, q, tol))
    });
    if taken {
        return Vec::new();
    }
    kept.into_iter().map(|(m, _)| m).collect()
}

/// Replacement fixes: the contradicting sources' figures, most frequent first, in the draft's
/// language — only those [`certain_replacements`] allows.
pub fn replacement_fixes(ctx: &RuleContext, q: &Quantity, contradicts: &[FigureMatch]) -> Vec<Fix> {
    let sure = certain_replacements(ctx, q, contradicts);
    replacements_from(ctx, q, &sure)
}

/// Whether the source's figure `f` is too far from the draft's `q` to be the same quantity
/// misreported: more than twenty times larger or smaller, with other leading digits. A
/// reporter slips a digit, rounds, or confuses a scale word ("800.000" for "8 Millionen", "2
/// Millionen" for "2 Milliarden", same digits); "35 Euro" for a day ticket is not a slip of
/// "48.900 Euro" (a robot's price), nor "450 Prozent" of "12 Prozent": such a figure belongs to
/// another quantity, and pasting it in would make a true sentence false. Only for magnitudes
/// (counts, amounts, percentages, measures), not for dates, times, years or ages.
fn another_magnitude(q: &Quantity, f: &Quantity) -> bool {
    use crate::extract::quantity::Dimension as D;
    let magnitude = |x: &Quantity| {
        matches!(
            x.dimension,
            D::Count
                | D::Number
                | D::Currency
                | D::Percent
                | D::Length
                | D::Mass
                | D::Area
                | D::Volume
        )
    };
    if !magnitude(q) || !magnitude(f) {
        return false;
    }
    let (a, b) = (q.value * q.factor, f.value * f.factor);
    if !(a.is_finite() && b.is_finite()) || a <= 0.0 || b <= 0.0 {
        return false;
    }
    let ratio = if a > b { a / b } else { b / a };
    if ratio <= 20.0 {
        return false;
    }
    // The leading digits, as a number in [1, 10) rounded to two significant digits.
    let digits = |v: f64| {
        let m = v / 10f64.powf(v.log10().floor());
        (m * 10.0).round()
    };
    digits(a) != digits(b)
}

/// Replacement fixes from figures a rule has already tied to the draft's figure (the named
/// source's own figure for a misattributed one).
pub fn replacements_from(ctx: &RuleContext, q: &Quantity, contradicts: &[FigureMatch]) -> Vec<Fix> {
    let mut counts: Vec<(String, usize, String)> = Vec::new();
    for m in contradicts {
        let Some(d) = ctx.corpus.docs.get(m.doc) else {
            continue;
        };
        if d.doc.lang != ctx.doc.lang {
            continue;
        }
        if corpus_figure(ctx, m).is_some_and(|f| another_magnitude(q, f)) {
            continue;
        }
        let t = figure_text(ctx, m);
        match counts.iter_mut().find(|(x, _, _)| *x == t) {
            Some(c) => c.1 += 1,
            None => counts.push((
                t,
                1,
                // No printable name (a file id): the title names none.
                crate::rules::fixes::outlet_name(&d.source, ctx.doc.lang).unwrap_or_default(),
            )),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    counts
        .into_iter()
        .take(3)
        .filter_map(|(t, _, src)| {
            // A bare number replaces the draft's number (and approximator), not the noun it
            // counts: "Twenty-three injuries" → "Nine injuries".
            // One end of a range ("$55 million to $70 million") is not replaced by a single
            // figure: the range would be left half-changed.
            let text = &ctx.doc.text;
            let ranged = ctx.facts.quantities.iter().any(|o| {
                let gap = if o.span.start >= q.span.end {
                    text.get(q.span.end..o.span.start)
                } else if o.span.end <= q.span.start {
                    text.get(o.span.end..q.span.start)
                } else {
                    None
                };
                gap.is_some_and(|g| {
                    matches!(
                        g.trim(),
                        "to" | "bis" | "-" | "–" | "bis zu" | "and" | "und"
                    )
                })
            });
            if ranged {
                return None;
            }
            // After a determiner ("Another 83,000"), the source's approximator would not fit.
            let before = text.get(..q.span.start).unwrap_or("");
            let prev = before
                .split_whitespace()
                .last()
                .unwrap_or("")
                .to_lowercase();
            let determiner = matches!(
                prev.as_str(),
                "another"
                    | "the"
                    | "these"
                    | "those"
                    | "weitere"
                    | "weiteren"
                    | "die"
                    | "der"
                    | "den"
            );
            let digits = |w: &str| w.chars().any(|c| c.is_ascii_digit());
            let t = if determiner && t.split_whitespace().any(digits) {
                t.split_whitespace()
                    .skip_while(|w| !digits(w))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                t
            };
            let bare = crate::rules::fixes::bare_number(&t, ctx.doc.lang);
            let (span, original) =
                if bare && q.number_span.end < q.span.end && q.span.start <= q.number_span.start {
                    let span = crate::text::Span::new(q.span.start, q.number_span.end);
                    (span, span.slice(&ctx.doc.text).to_string())
                } else {
                    (q.span, q.text.clone())
                };
            replace_figure(span, &original, &t, ctx.doc.lang, &src)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::tests::findings;

    fn replacements(corpus: &[(&str, &str)], draft: &str) -> Option<Vec<String>> {
        let f = findings(corpus, draft, RuleId::NumberConflict);
        let first = f.first()?;
        Some(
            first
                .fixes
                .iter()
                .flat_map(|x| x.edits.iter().map(|e| e.replacement.clone()))
                .collect(),
        )
    }

    /// Sources that agree offer their figure; where most agree, the outlier is left out; where
    /// they disagree with no majority, the quantity is not certain and no figure is offered.
    #[test]
    fn no_replacement_when_the_sources_disagree() {
        let one = [
            ("a.md", "---\nsource: Ledger\n---\nAbout 68,000 vehicles cross the Kessler Bridge every day.\n"),
            ("b.md", "---\nsource: Wave\n---\nRoughly 70,000 vehicles cross the Kessler Bridge every day.\n"),
        ];
        let draft = "About 90,000 vehicles cross the Kessler Bridge every day.\n";
        let r = replacements(&one, draft).expect("a conflict");
        assert!(r.iter().any(|x| x.contains("68,000")), "{r:?}");
        let split = [
            ("a.md", "---\nsource: Ledger\n---\nAbout 68,000 vehicles cross the Kessler Bridge every day.\n"),
            ("b.md", "---\nsource: Wave\n---\nAbout 30,000 vehicles cross the Kessler Bridge every day.\n"),
        ];
        let r = replacements(&split, draft).expect("a conflict");
        assert!(r.is_empty(), "{r:?}");
        // Where most agree, the outlier is left out.
        let most = [
            split[0],
            one[1],
            ("c.md", "---\nsource: Post\n---\nAbout 30,000 vehicles cross the Kessler Bridge every day.\n"),
        ];
        let r = replacements(&most, draft).expect("a conflict");
        assert!(r.iter().any(|x| x.contains("68,000")), "{r:?}");
        assert!(!r.iter().any(|x| x.contains("30,000")), "{r:?}");
    }

    /// A figure the draft already gives to something else in the sentence is not pasted in.
    #[test]
    fn no_replacement_that_the_sentence_already_states() {
        let corpus = [(
            "a.md",
            "---\nsource: Ledger\n---\nAbout 68,000 vehicles cross the Kessler Bridge every day.\n",
        )];
        let r = replacements(
            &corpus,
            "About 90,000 vehicles cross the Kessler Bridge every day, and 68,000 use the tunnel.\n",
        )
        .expect("a conflict");
        assert!(r.is_empty(), "{r:?}");
    }

    /// A source figure many times larger or smaller, with other digits, is another quantity's
    /// (a robot's price for a day ticket): not offered. The same digits on another scale are a
    /// slip the source corrects ("800.000" for "8 Millionen").
    #[test]
    fn no_replacement_from_another_magnitude() {
        let corpus = [(
            "a.md",
            "---\nsource: Ledger\n---\nA day pass for the fair costs 2,900 euros, the organisers said.\n",
        )];
        let r = replacements(
            &corpus,
            "A day pass for the fair costs 35 euros, the organisers said.\n",
        )
        .expect("a conflict");
        assert!(r.is_empty(), "{r:?}");
        let r = replacements(
            &corpus,
            "A day pass for the fair costs 3,500 euros, the organisers said.\n",
        )
        .expect("a conflict");
        assert!(r.iter().any(|x| x.contains("2,900")), "{r:?}");
        let corpus = [(
            "a.md",
            "---\nsource: Bote\n---\nDas System war mit 8 Millionen Zuhörern getestet worden.\n",
        )];
        let r = replacements(
            &corpus,
            "Das System war mit 800.000 Zuhörern getestet worden.\n",
        )
        .expect("a conflict");
        assert!(r.iter().any(|x| x.contains("8 Millionen")), "{r:?}");
        let r = replacements(
            &corpus,
            "Das System war mit 12.000 Zuhörern getestet worden.\n",
        )
        .expect("a conflict");
        assert!(r.is_empty(), "{r:?}");
    }
}
