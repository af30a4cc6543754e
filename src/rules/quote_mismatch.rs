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
            if let Some((d, s)) = m.found {
                // Found, but given to somebody else: "a quotation given to a speaker the corpus
                // does not give it to".
                if let Some(f) = other_speaker(ctx, q, d, s) {
                    out.push(f);
                }
                continue;
            }
            if !m.checkable {
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

/// Who a corpus document says sentence `si` is by: the speaker of a quotation in it, else the
/// source of its attribution (a transcript turn, "sagte Sagebiel").
fn corpus_speaker(cd: &crate::corpus::CorpusDoc, si: usize) -> Option<String> {
    let s = cd.doc.sentences.get(si)?;
    cd.facts
        .quotes
        .iter()
        .filter(|x| x.sentence_span.overlaps(s.span))
        .find_map(|x| x.speaker.clone())
        .or_else(|| {
            cd.facts
                .attributions
                .iter()
                .filter(|a| a.sentence_span == s.span)
                .find_map(|a| a.source.as_ref().map(|x| x.text.clone()))
        })
}

/// The words of a speaker that name a person: capitalised, not function words or pronouns
/// ("Finanzvorstand Henrik Sagebiel" → finanzvorstand, henrik, sagebiel; "sie" → none).
fn name_words(speaker: &str, lang: Lang) -> Vec<String> {
    let td = lang.text_data();
    speaker
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_lowercase)
        .filter(|w| !td.is_stopword(w) && !td.person_pronouns.contains(w))
        .collect()
}

/// A finding when the sources give quotation `q` (found in sentence `si` of document `d`) to a
/// person other than the one the draft names.
fn other_speaker(
    ctx: &RuleContext,
    q: &crate::extract::Quote,
    d: usize,
    si: usize,
) -> Option<Finding> {
    let draft = name_words(q.speaker.as_deref()?, ctx.doc.lang);
    let cd = ctx.corpus.docs.get(d)?;
    let theirs = corpus_speaker(cd, si)?;
    let source = name_words(&theirs, cd.doc.lang);
    if draft.is_empty() || source.is_empty() || draft.iter().any(|w| source.contains(w)) {
        return None;
    }
    // Only a report of the draft's own event says whose words these are.
    let at = ctx.doc.sentences.iter().position(|s| s.span.contains(q.span))?;
    if ctx
        .matches
        .events
        .get(at)
        .is_some_and(|ev| ev.binary_search(&d).is_err())
    {
        return None;
    }
    let who = q.speaker.clone().unwrap_or_default();
    // Fix: name the sources' speaker where the draft names its own (outside the quotation).
    let printed = printed_name(&theirs);
    let sentence = ctx.doc.sentences.get(at)?.span;
    let fixes = sentence
        .slice(&ctx.doc.text)
        .match_indices(who.as_str())
        .map(|(i, _)| Span::new(sentence.start + i, sentence.start + i + who.len()))
        .filter(|sp| !q.span.overlaps(*sp))
        .last()
        .filter(|_| !who.is_empty())
        .map(|span| crate::finding::Fix {
            title: if ctx.doc.lang == Lang::De {
                format!("Zitat {printed} zuschreiben")
            } else {
                format!("Attribute the quotation to {printed}")
            },
            edits: vec![Edit {
                span,
                replacement: printed.clone(),
            }],
            applicability: Applicability::Unsafe,
        })
        .into_iter()
        .collect();
    let message = if ctx.doc.lang == Lang::De {
        format!("Die Quellen geben dieses Zitat {theirs}, nicht {who}: „{}“", q.text)
    } else {
        format!("The sources give this quotation to {theirs}, not {who}: \"{}\"", q.text)
    };
    Some(Finding {
        rule: RuleId::QuoteMismatch,
        severity: META.default_severity,
        span: q.span,
        message,
        evidence: sentence_evidence(cd, si, Relation::Contradicts)
            .into_iter()
            .collect(),
        fixes,
    })
}

/// A speaker as a newspaper prints the name: a transcript's "HENRIK SAGEBIEL" as "Henrik
/// Sagebiel", anything else as the source has it.
fn printed_name(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_string();
    }
    name.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map(|c| c.to_uppercase().chain(cs.flat_map(char::to_lowercase)).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
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

    #[test]
    fn a_quotation_given_to_another_speaker_is_flagged() {
        let corpus = [(
            "a.md",
            "„Wir planen vorsichtig, aber nicht ängstlich“, sagte Finanzvorstand Henrik Sagebiel.\n",
        )];
        let bad = findings(
            &corpus,
            "„Wir planen vorsichtig, aber nicht ängstlich“, sagte Martina Ostrowski.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert!(bad[0].message.contains("Sagebiel"), "{bad:?}");
        assert_eq!(
            bad[0].fixes.first().map(|f| f.edits[0].replacement.as_str()),
            Some("Finanzvorstand Henrik Sagebiel"),
            "{bad:?}"
        );
        for ok in [
            "„Wir planen vorsichtig, aber nicht ängstlich“, sagte Sagebiel.\n",
            "„Wir planen vorsichtig, aber nicht ängstlich“, sagte er.\n",
        ] {
            let f = findings(&corpus, ok, RuleId::QuoteMismatch);
            assert!(f.is_empty(), "{ok}: {f:?}");
        }
    }

    #[test]
    fn an_elided_quotation_is_found_part_by_part() {
        let corpus = [(
            "a.md",
            "„Wir sind in diesen Tagen an die Grenze der Belastbarkeit gegangen“, sagte Roth.\n",
        )];
        let ok = findings(
            &corpus,
            "„Wir sind … an die Grenze der Belastbarkeit gegangen“, sagte Roth.\n",
            RuleId::QuoteMismatch,
        );
        assert!(ok.is_empty(), "{ok:?}");
        let bad = findings(
            &corpus,
            "„Wir sind … an die Grenze der Geduld gegangen“, sagte Roth.\n",
            RuleId::QuoteMismatch,
        );
        assert_eq!(bad.len(), 1, "{bad:?}");
    }
}
