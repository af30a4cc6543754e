//! `disputed-figure`: an unattributed figure that some sources support and others contradict.
//!
//! ## What it flags
//! A figure stated as fact when the corpus disagrees with itself: at least one source supports
//! it and at least one states a different figure for the same quantity. Attributed to a source,
//! the figure is fine: the reader then knows whose figure it is.
//!
//! ## Example
//! Corpus: Harbor Ledger "$340 million", Channel 9 "$310 million". Draft: "The repairs will
//! cost $340 million." → `disputed-figure`; fix: "…, according to Harbor Ledger."
//!
//! ## Fix safety
//! One attribution fix per distinct supporting source, never applied automatically: which side
//! of a dispute to name is an editor's choice (and the dispute a judgement a person checks).

use crate::finding::{Applicability, Finding, RuleId, Severity};
use crate::rules::figures::{
    consensus, describe, dissent, figure_findings_evidence, split, with_dissent,
};
use crate::rules::fixes::{distinct_who, figure_attribution};
use crate::rules::{Rule, RuleContext, RuleMeta};

pub struct DisputedFigure;

static META: RuleMeta = RuleMeta {
    id: RuleId::DisputedFigure,
    summary: "An unattributed figure the sources disagree on",
    default_severity: Severity::Warning,
    fixable: true,
    docs: "Flags an unattributed figure that some corpus documents support and others contradict. The fix attributes \
it to a supporting source (\"laut Hafenkurier\", \"according to KXRV News\", or the speaker the source quotes). \
Attributed figures are not flagged.",
};

impl Rule for DisputedFigure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        for (qi, q) in ctx.facts.quantities.iter().enumerate() {
            if !ctx.wants(q.span) {
                continue;
            }
            let Some(matches) = ctx.matches.figures.get(qi) else {
                continue;
            };
            let (supports, contradicts) = split(matches);
            if supports.is_empty() || contradicts.is_empty() {
                continue;
            }
            // A sentence of the document the draft reprints is that document's: it states the
            // figure, and the byline credits it.
            if ctx.doc.sentence_at(q.span.start).is_some_and(|si| ctx.credited(si)) {
                continue;
            }
            let Some(sentence) = ctx
                .facts
                .sentences
                .iter()
                .find(|s| s.span().contains(q.span))
            else {
                continue;
            };
            // Headings and questions state nothing that needs a source.
            if sentence.attributed || sentence.heading || sentence.question {
                continue;
            }
            let evidence = figure_findings_evidence(ctx, &supports, &contradicts);
            let message = describe(ctx, q, &supports, &contradicts);
            let supporting: Vec<_> = evidence
                .iter()
                .filter(|e| e.relation == crate::finding::Relation::Supports)
                .cloned()
                .collect();
            let who = distinct_who(ctx.corpus, ctx.doc.lang, supporting.iter(), 4);
            // Which side of a dispute to name is an editor's choice: never applied unasked.
            let app = Applicability::Unsafe;
            // Where as many sources as support the draft's figure give another, a credit alone
            // would make it look settled: each credit to a supporting source names their
            // figure. Where they outnumber it (or the body whose statement it is gives it), the
            // draft's figure is the outlier: the first fix puts their figure in, credited.
            let dissent = dissent(ctx, q, &supports, &contradicts);
            let consensus = dissent
                .as_ref()
                .and_then(|(d, _)| consensus(ctx, sentence.span(), q, d));
            let outvoted = dissent.as_ref().is_some_and(|(_, o)| *o);
            let mut fixes: Vec<_> = match &consensus {
                Some(c) if outvoted => c.fix.iter().cloned().collect(),
                _ => Vec::new(),
            };
            fixes.extend(who.iter().filter_map(|w| {
                let f = figure_attribution(ctx.doc, sentence.span(), q.span, w, app)?;
                Some(match &consensus {
                    Some(c) => with_dissent(ctx, sentence.span(), q.span, f, c),
                    None => f,
                })
            }));
            out.push(Finding {
                rule: RuleId::DisputedFigure,
                severity: META.default_severity,
                span: q.span,
                message,
                evidence,
                fixes,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::tests::findings;

    const CORPUS: [(&str, &str); 2] = [
        ("ledger.md", "---\nsource: Harbor Ledger\n---\nThe repairs to the Kessler Bridge will cost $340 million.\n"),
        ("wave.md", "---\nsource: Channel 9 Wave\n---\nThe Kessler Bridge repairs will cost $310 million.\n"),
    ];

    #[test]
    fn unattributed_disputed_figure_gets_attribution_fix() {
        let f = findings(
            &CORPUS,
            "The Kessler Bridge repairs will cost $340 million.\n",
            RuleId::DisputedFigure,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        let fixed = f[0].fixes[0].apply("The Kessler Bridge repairs will cost $340 million.\n");
        // "Ledger" names a newspaper: "the" (the sources never write the name in their text).
        assert!(fixed.contains("according to the Harbor Ledger"), "{fixed}");
    }

    /// "In Lützenbrück mussten 950 Menschen …" is no support for 950 in Grafenried, where the
    /// sources say 1.870 and about 1.900: not disputed (a conflict, or no verdict).
    #[test]
    fn a_figure_of_another_place_is_no_support() {
        let corpus = [
            ("a.md", "---\nsource: Bote\n---\nIn Lützenbrück mussten 950 Menschen ihre Wohnungen verlassen.\n"),
            ("b.md", "---\nsource: Kurier\n---\nIn Grafenried mussten 1.870 Menschen ihre Häuser verlassen.\n"),
            ("c.md", "---\nsource: Stadt\n---\nIn Grafenried mussten rund 1.900 Menschen ihre Wohnungen verlassen.\n"),
        ];
        let draft = "In Grafenried mussten 950 Menschen ihre Wohnungen verlassen.\n";
        let f = findings(&corpus, draft, RuleId::DisputedFigure);
        assert!(f.is_empty(), "{f:?}");
        // The same figure where the sources place it is supported.
        let ok = findings(
            &corpus,
            "In Lützenbrück mussten 950 Menschen ihre Wohnungen verlassen.\n",
            RuleId::NumberConflict,
        );
        assert!(ok.is_empty(), "{ok:?}");
    }

    fn fixed_all(corpus: &[(&str, &str)], draft: &str) -> Vec<String> {
        let f = findings(corpus, draft, RuleId::DisputedFigure);
        f.first()
            .map(|f| f.fixes.iter().map(|x| x.apply(draft)).collect())
            .unwrap_or_default()
    }

    /// As many sources dispute the figure as support it: the credit names their figure, in a
    /// sentence of its own. Outvoted: their figure, credited, comes first.
    #[test]
    fn a_credit_names_the_disputing_figure_and_an_outvoted_figure_is_replaced() {
        let draft = "The Kessler Bridge repairs will cost $340 million.\n";
        assert_eq!(
            fixed_all(&CORPUS, draft),
            vec!["The Kessler Bridge repairs will cost $340 million, according to the Harbor Ledger. Channel 9 Wave reported $310 million.\n".to_string()]
        );
        let three = [
            CORPUS[0],
            CORPUS[1],
            ("post.md", "---\nsource: Coast Post\n---\nRepairs to the Kessler Bridge will cost $310 million.\n"),
        ];
        assert_eq!(
            fixed_all(&three, draft),
            vec![
                "The Kessler Bridge repairs will cost $310 million, according to Channel 9 Wave.\n".to_string(),
                "The Kessler Bridge repairs will cost $340 million, according to the Harbor Ledger. Channel 9 Wave reported $310 million.\n".to_string(),
            ]
        );
    }

    #[test]
    fn german_credit_names_the_disputing_figure_and_an_outvoted_figure_is_replaced() {
        let corpus = [
            ("a.md", "---\nsource: Lindhagener Anzeiger\n---\nDie Hallen der Messe öffneten täglich um 10 Uhr.\n"),
            ("b.md", "---\nsource: Kurier\n---\nDie Hallen der Messe öffneten täglich um 9 Uhr.\n"),
        ];
        let draft = "Die Hallen der Messe öffneten täglich um 10 Uhr.\n";
        assert_eq!(
            fixed_all(&corpus, draft),
            vec!["Die Hallen der Messe öffneten laut Lindhagener Anzeiger täglich um 10 Uhr. Laut Kurier ist von 9 Uhr die Rede.\n".to_string()]
        );
        let three = [
            corpus[0],
            corpus[1],
            ("c.md", "---\nsource: Tagblatt\n---\nDie Hallen der Messe öffneten täglich um 9 Uhr.\n"),
        ];
        assert_eq!(
            fixed_all(&three, draft),
            vec![
                "Die Hallen der Messe öffneten laut Kurier täglich um 9 Uhr.\n".to_string(),
                "Die Hallen der Messe öffneten laut Lindhagener Anzeiger täglich um 10 Uhr. Laut Kurier ist von 9 Uhr die Rede.\n".to_string(),
            ]
        );
    }

    #[test]
    fn attributed_figure_is_fine() {
        let f = findings(
            &CORPUS,
            "The Kessler Bridge repairs will cost $340 million, according to the Harbor Ledger.\n",
            RuleId::DisputedFigure,
        );
        assert!(f.is_empty(), "{f:?}");
    }
}
