//! Shared by the figure rules: splitting matches into support and contradiction, messages, evidence, fixes.

use crate::extract::Quantity;
use crate::finding::{Evidence, Fix};
use crate::lang::Lang;
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

/// Replacement fixes: the contradicting sources' figures, most frequent first, in the draft's language.
pub fn replacement_fixes(ctx: &RuleContext, q: &Quantity, contradicts: &[FigureMatch]) -> Vec<Fix> {
    let mut counts: Vec<(String, usize, String)> = Vec::new();
    for m in contradicts {
        let Some(d) = ctx.corpus.docs.get(m.doc) else {
            continue;
        };
        if d.doc.lang != ctx.doc.lang {
            continue;
        }
        let t = figure_text(ctx, m);
        match counts.iter_mut().find(|(x, _, _)| *x == t) {
            Some(c) => c.1 += 1,
            None => counts.push((
                t,
                1,
                crate::rules::fixes::outlet_name(&d.source, ctx.doc.lang)
                    .unwrap_or_else(|| d.source.id.clone()),
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
