//! `quote-mismatch`: text in quotation marks that the corpus does not contain.
//!
//! ## What it flags
//! A direct quotation of three or more words whose words (compared as stems, so inflection and
//! punctuation do not matter) appear in no corpus document in that order: a paraphrase presented
//! as a quote, or a misquote. Short scare quotes („massiven“) are not checked.
//!
//! ## Example
//! Corpus: Musk called it „ein massiver DDoS-Angriff auf X“. Draft: Musk sagte, es sei „ein
//! massiver Cyberangriff von bisher unbekanntem Ausmaß“ gewesen. → `quote-mismatch`.
//!
//! ## Fix safety
//! Two fixes, never applied automatically: use the corpus wording, or drop the quotation marks
//! (indirect speech).

use crate::finding::{Applicability, Edit, Finding, Relation, RuleId, Severity};
use crate::lang::Lang;
use crate::rules::evidence::sentence_evidence;
use crate::rules::{Rule, RuleContext, RuleMeta};
use crate::text::Span;

pub struct QuoteMismatch;

static META: RuleMeta = RuleMeta {
    id: RuleId::QuoteMismatch,
    summary: "A quotation the corpus does not contain",
    default_severity: Severity::Warning,
    fixable: true,
    docs: "Flags text in quotation marks (three words or more) that no corpus document contains, allowing for \
inflection and punctuation, e.g. a paraphrase presented as a direct quote. Fixes: replace the words with the corpus \
wording of the closest quotation, or remove the quotation marks.",
};

/// The closest corpus sentence must share this much of the quote to be shown as evidence.
const CLOSEST_MIN: f32 = 0.3;

impl Rule for QuoteMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        if ctx.corpus.is_empty() {
            return;
        }
        let de = ctx.doc.lang == Lang::De;
        for (qi, q) in ctx.facts.quotes.iter().enumerate() {
            if !ctx.wants(q.span) || q.text.split_whitespace().count() < 3 {
                continue;
            }
            let Some(m) = ctx.matches.quotes.get(qi) else {
                continue;
            };
            if m.found.is_some() || !m.checkable {
                continue;
            }
            let mut evidence = Vec::new();
            let mut fixes = Vec::new();
            // Evidence is the source's own version of the statement: a close sentence in a report
            // of the same event, never a look-alike from another story.
            let si = ctx.doc.sentences.iter().position(|s| s.span.contains(q.span));
            let of_event = |d: usize| {
                si.and_then(|si| ctx.matches.events.get(si))
                    .is_none_or(|ev| ev.binary_search(&d).is_ok())
            };
            if let Some((d, s, _)) = m
                .closest
                .filter(|c| c.2 >= CLOSEST_MIN && of_event(c.0))
            {
                if let Some(cd) = ctx.corpus.docs.get(d) {
                    if let Some(e) = sentence_evidence(cd, s, Relation::Contradicts) {
                        evidence.push(e);
                    }
                    // The corpus's own quotation in that sentence, if it has one.
                    if let Some(cs) = cd.doc.sentences.get(s) {
                        if let Some(cq) = cd
                            .facts
                            .quotes
                            .iter()
                            .filter(|x| {
                                cs.span.contains(x.span) && x.text.split_whitespace().count() >= 2
                            })
                            .max_by_key(|x| x.text.len())
                        {
                            let title = if de {
                                format!("Wortlaut der Quelle: „{}“", cq.text)
                            } else {
                                format!("Use the source's wording: \"{}\"", cq.text)
                            };
                            fixes.push(crate::finding::Fix {
                                title,
                                edits: vec![Edit {
                                    span: q.inner,
                                    replacement: cq.text.clone(),
                                }],
                                applicability: Applicability::Unsafe,
                            });
                        }
                    }
                }
            }
            // Indirect speech: drop the quotation marks.
            let open = Span::new(q.span.start, q.inner.start);
            let close = Span::new(q.inner.end, q.span.end);
            let title = if de {
                "Als indirekte Rede ohne Anführungszeichen".to_string()
            } else {
                "Make it indirect speech (remove the quotation marks)".to_string()
            };
            fixes.push(crate::finding::Fix {
                title,
                edits: vec![
                    Edit {
                        span: open,
                        replacement: String::new(),
                    },
                    Edit {
                        span: close,
                        replacement: String::new(),
                    },
                ],
                applicability: Applicability::Unsafe,
            });
            let message = if de {
                format!("Dieses Zitat steht so in keiner Quelle: „{}“", q.text)
            } else {
                format!("No source contains this quotation: \"{}\"", q.text)
            };
            out.push(Finding {
                rule: RuleId::QuoteMismatch,
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

    const CORPUS: [(&str, &str); 1] = [("a.md", "Die Polizei sprach von „einer sehr unübersichtlichen Lage am Hafen“ und sperrte die Brücke.\n")];

    #[test]
    fn paraphrase_as_quote_is_flagged_and_inflection_allowed() {
        let bad = findings(
            &CORPUS,
            "Die Polizei sprach von „einem völligen Chaos im Hafengebiet“.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(bad.len(), 1, "{bad:?}");
        let ok = findings(
            &CORPUS,
            "Die Polizei sprach von einer „sehr unübersichtlichen Lage am Hafen“.\n",
            RuleId::QuoteMismatch,
        );
        assert!(ok.is_empty(), "{ok:?}");
    }
}
