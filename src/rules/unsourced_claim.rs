//! `unsourced-claim`: a sentence states as fact something that needs attribution and has none.
//!
//! ## What it flags
//! An unattributed sentence (no reporting verb with a speaker, no "laut X"/"according to X", no
//! link or footnote, not reported speech continuing an attributed sentence) that
//! - quotes someone directly, or
//! - states a specific figure about the event (count, amount, duration, percentage) that is not
//!   established (two outlets state it as fact and no source contradicts it), or
//! - says what the corpus reports only as somebody's statement ("Musk erklärte, …").
//!
//! Headings (also headlines set as plain text in title case), questions and front matter are
//! never claims; neither are scores, ordinals, labels ("No. 5", "Week 17") and versions. A figure
//! that already has a `number-conflict` or `disputed-figure` finding is left to that rule; the
//! sentence's other figures still need a source (the fix is then a placeholder).
//!
//! ## Example
//! Draft: "Ferries will run every 15 minutes during rush hour." → fix "…, according to Harbor Ledger."
//! Entwurf: „„Wir arbeiten daran, ihn abzuschalten.““ → Fix „„Wir arbeiten daran, ihn abzuschalten“, sagte Musk.“
//!
//! ## Fix safety
//! One attribution per distinct supporting source or speaker; safe when there is exactly one
//! (every piece of evidence names it), the sentence does not follow an attributed sentence of
//! its paragraph (whose attribution the writer may mean to carry on), and the re-check is clean.

use crate::extract::claim::{headline, needs_source_in};
use crate::finding::{Applicability, Evidence, Finding, Relation, RuleId, Severity};
use crate::lang::Lang;
use crate::rules::evidence::sentence_evidence;
use crate::rules::fixes::{
    attribution, credited_before, distinct_who, identified_in, placeholder, single_source, NoSource,
    Who,
};
use crate::rules::{Rule, RuleContext, RuleMeta};

pub struct UnsourcedClaim;

static META: RuleMeta = RuleMeta {
    id: RuleId::UnsourcedClaim,
    summary: "A statement of fact that needs attribution and has none",
    default_severity: Severity::Warning,
    fixable: true,
    docs: "Flags an unattributed sentence that quotes someone directly, states a specific figure about the event \
(count, amount, duration, percentage), or says what the corpus reports only as somebody's statement. Attribution is \
a reporting verb with a speaker, \"laut X\", \"X zufolge\", \"nach Angaben von X\", \"according to X\", \"wie X \
berichtete\", a link or footnote, or German Konjunktiv I continuing an attributed sentence. Headings, questions and \
front matter are never claims. The fix inserts an attribution built from the corpus evidence.",
};

/// Whether draft figure `i` is established: at least two outlets state it as fact (not as
/// somebody's statement) and no source contradicts it — the newsroom's two-source practice.
fn established(ctx: &RuleContext, i: usize) -> bool {
    let Some(matches) = ctx.matches.figures.get(i) else {
        return false;
    };
    if matches.is_empty() || matches.iter().any(|m| !m.supports) {
        return false;
    }
    let mut outlets: Vec<&str> = Vec::new();
    for m in matches {
        let Some(d) = ctx.corpus.docs.get(m.doc) else {
            continue;
        };
        let Some(s) = d.doc.sentences.get(m.sentence) else {
            continue;
        };
        let at = d
            .facts
            .quantities
            .get(m.quantity)
            .map_or(s.span, |q| q.span);
        let as_fact = !d
            .facts
            .sentences
            .iter()
            .any(|f| f.span() == s.span && f.attributed)
            || !crate::extract::attribution::credits(
                &d.doc.masked,
                &d.facts.attributions,
                s.span,
                at,
            );
        if crate::figmap::trace() {
            eprintln!("established? doc {} {:?} as_fact {as_fact} supports {}", m.doc, d.source.name, m.supports);
        }
        if as_fact && !outlets.contains(&d.source.name.as_str()) {
            outlets.push(d.source.name.as_str());
        }
    }
    outlets.len() >= 2
}

/// Related corpus sentences at least this similar count as saying the same thing.
const SAME_STATEMENT: f32 = 0.6;

/// A sentence whose figure no source speaks of is about the reported event when a report of
/// the event has a sentence at least this similar to it.
const ABOUT_EVENT: f32 = 0.4;

/// Whether draft sentence `si` speaks of what the reports of its event speak of: one of its
/// related corpus sentences, from an event document, is at least [`ABOUT_EVENT`] similar.
/// Background and colour (a career record, a law, the length of a webcast) that no report of
/// the event mentions is not: its figures are no claims about the event to attribute.
fn about_event(ctx: &RuleContext, si: usize) -> bool {
    let Some(events) = ctx.matches.events.get(si) else {
        return true;
    };
    ctx.matches.related.get(si).is_some_and(|rel| {
        rel.iter()
            .any(|r| r.sim >= ABOUT_EVENT && events.binary_search(&r.doc).is_ok())
    })
}

/// A sentence naming a year at least this many years before the draft's own is background (a
/// career record, an earlier disaster, an old conviction): its figures are public record, not
/// claims about the reported event.
const BACKGROUND_YEARS: f64 = 2.0;

/// Whether text `gap` between two words leaves them in one clause: no bracket, dash, colon or
/// semicolon, and no comma opening a relative or subordinate clause ("…, which rekindled
/// memories of quakes in 2002"); an introductory phrase's comma does not part them ("In 2013,
/// 3,100 people …").
fn same_clause(gap: &str, lang: Lang) -> bool {
    if gap.contains([';', ':', '(', ')', '–', '—']) {
        return false;
    }
    let lex = crate::extract::attribution::lexicon::lexicon(lang);
    let sub = &lang.text_data().subordinators;
    !gap.split(',').skip(1).any(|after| {
        after
            .split_whitespace()
            .next()
            .map(|w| w.to_lowercase())
            .is_some_and(|w| lex.relatives.contains(&w) || sub.contains(&w))
    })
}

/// The draft's year: its front matter's date, else the latest year it names (alone or in a
/// full date) or its event's reports are dated. It depends on the whole draft: the rules'
/// block cache keys hold it ([`crate::rules::run_cached`]).
pub(crate) fn draft_year(
    doc: &crate::text::Document,
    facts: &crate::extract::Facts,
    corpus: &crate::corpus::Corpus,
    matches: &crate::rules::evidence::Matches,
) -> Option<f64> {
    let dated = doc
        .meta
        .date
        .as_deref()
        .and_then(|d| d.trim().get(..4))
        .and_then(|y| y.parse::<f64>().ok());
    dated.or_else(|| {
        facts
            .quantities
            .iter()
            .filter_map(|q| match q.dimension {
                crate::extract::Dimension::Year => Some(q.value),
                // A full date: days since 1970-01-01.
                crate::extract::Dimension::Date if q.unit.as_deref() == Some("date") => {
                    Some((1970.0 + q.value / 365.2425).floor())
                }
                _ => None,
            })
            // An undated draft is as recent as the reports of its event.
            .chain(
                matches
                    .events
                    .iter()
                    .flat_map(|e| e.iter())
                    .filter_map(|&d| corpus.windows.get(d).copied().flatten())
                    .map(|(lo, hi)| crate::extract::date_from_days((lo + hi) / 2).0 as f64),
            )
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.max(v))))
    })
}

impl Rule for UnsourcedClaim {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        let de = ctx.doc.lang == Lang::De;
        let year = draft_year(ctx.doc, ctx.facts, ctx.corpus, ctx.matches);
        for (si, s) in ctx.facts.sentences.iter().enumerate() {
            if s.heading || s.question || !ctx.wants(s.span()) {
                continue;
            }
            // A quotation standing alone after another speaker's sentence, which the sources
            // give to somebody else, has no speaker of its own.
            let implied: Vec<usize> = if s.attributed {
                (0..ctx.facts.quotes.len())
                    .filter(|&qi| {
                        ctx.facts.quotes.get(qi).is_some_and(|q| s.span().contains(q.span))
                            && crate::rules::quote_mismatch::implied_speaker_differs(ctx, qi)
                    })
                    .collect()
            } else {
                Vec::new()
            };
            if s.attributed && implied.is_empty() {
                continue;
            }
            // A sentence of the document the draft reprints is credited by the byline.
            if ctx.credited(si) {
                continue;
            }
            // A headline set as plain text is a heading.
            if ctx.doc.sentences.get(si).is_some_and(|d| headline(ctx.doc, d)) {
                continue;
            }
            let span = s.span();
            let mut evidence: Vec<Evidence> = Vec::new();
            let mut reasons: Vec<&str> = Vec::new();
            let mut verb: Option<String> = None;
            // A direct quotation without a speaker.
            for (qi, q) in ctx.facts.quotes.iter().enumerate() {
                if !span.contains(q.span)
                    || (q.speaker.is_some() && !implied.contains(&qi))
                    || q.text.split_whitespace().count() < 3
                {
                    continue;
                }
                reasons.push(if de {
                    "Zitat ohne Sprecher"
                } else {
                    "quotation without a speaker"
                });
                if let Some(Some((d, sent))) = ctx.matches.quotes.get(qi).map(|m| m.found) {
                    if let Some(e) = ctx
                        .corpus
                        .docs
                        .get(d)
                        .and_then(|cd| sentence_evidence(cd, sent, Relation::Supports))
                    {
                        evidence.push(e);
                    }
                }
            }
            // A specific figure, unless a figure rule already reports it: the sentence's other
            // figures still need their source.
            let contradicted = |i: usize| {
                ctx.matches
                    .figures
                    .get(i)
                    .is_some_and(|m| m.iter().any(|x| !x.supports))
            };
            let all_idx: Vec<usize> = ctx
                .facts
                .quantities
                .iter()
                .enumerate()
                .filter(|(_, q)| span.contains(q.span) && needs_source_in(&ctx.doc.text, q, ctx.doc.lang))
                .map(|(i, _)| i)
                .filter(|&i| !established(ctx, i))
                .collect();
            // A figure no source speaks of, in a sentence no report of the event speaks of:
            // background, not a claim about the event.
            let unspoken = |i: usize| ctx.matches.figures.get(i).is_none_or(|m| m.is_empty());
            let all_idx: Vec<usize> = if all_idx.iter().any(|&i| unspoken(i)) && !about_event(ctx, si) {
                all_idx.into_iter().filter(|&i| !unspoken(i)).collect()
            } else {
                all_idx
            };
            // A sentence set years before the draft's own ("killed by the 2004 tsunami", "his
            // best season in 2008" in a 2011 report): background, public record.
            // The old year must stand in the figure's clause: "… were injured in the
            // earthquakes, which rekindled memories of quakes that hit the town in 2002" is
            // about this quake.
            let background = |i: usize| {
                let (Some(y), Some(f)) = (year, ctx.facts.quantities.get(i)) else {
                    return false;
                };
                // The figure's clause refers back to that time ("; damals wurden …", "…, then
                // the worst on record").
                let then_words = &ctx.doc.lang.text_data().then_words;
                let clause_says_then = {
                    let text = &ctx.doc.text;
                    let from = text
                        .get(span.start..f.span.start)
                        .and_then(|t| t.rfind([';', ':', ',', '–', '—']))
                        .map_or(span.start, |k| span.start + k);
                    text.get(from..f.span.start).is_some_and(|t| {
                        t.split(|c: char| !c.is_alphanumeric())
                            .any(|w| then_words.contains(&w.to_lowercase()))
                    })
                };
                ctx.facts.quantities.iter().any(|q| {
                    let (lo, hi) = if q.span.start < f.span.start {
                        (q.span.end, f.span.start)
                    } else {
                        (f.span.end, q.span.start)
                    };
                    // A year, or a full date's year ("im September 2017").
                    let old = match q.dimension {
                        crate::extract::Dimension::Year => Some(q.value),
                        crate::extract::Dimension::Date if q.unit.as_deref() == Some("date") => {
                            Some(crate::extract::date_from_days(q.value as i64).0 as f64)
                        }
                        _ => None,
                    };
                    span.contains(q.span)
                        && old.is_some_and(|o| o <= y - BACKGROUND_YEARS)
                        && (ctx
                            .doc
                            .text
                            .get(lo..hi.max(lo))
                            .is_some_and(|g| same_clause(g, ctx.doc.lang))
                            || (q.span.start < f.span.start && clause_says_then))
                })
            };
            let all_idx: Vec<usize> = all_idx
                .into_iter()
                .filter(|&i| contradicted(i) || !background(i))
                .collect();
            let figure_flagged = all_idx.iter().any(|&i| contradicted(i));
            let figure_idx: Vec<usize> = all_idx.into_iter().filter(|&i| !contradicted(i)).collect();
            if !figure_idx.is_empty() {
                reasons.push(if de {
                    "konkrete Zahl"
                } else {
                    "specific figure"
                });
                for &i in &figure_idx {
                    for m in ctx.matches.figures[i].iter().filter(|m| m.supports) {
                        if let Some(e) = ctx.matches.figure_evidence(ctx.corpus, m) {
                            evidence.push(e);
                        }
                    }
                }
            }
            // The corpus reports it only as somebody's statement.
            let related = ctx
                .matches
                .related
                .get(si)
                .map(|v| v.as_slice())
                .unwrap_or(&[]);
            let strong: Vec<_> = related.iter().filter(|r| r.sim >= SAME_STATEMENT).collect();
            // When a figure in the sentence conflicts with the sources, attributing the sentence
            // to them would put a wrong figure in their mouth: the figure rules speak instead.
            if !figure_flagged && !strong.is_empty() {
                let attributed: Vec<_> = strong
                    .iter()
                    .filter(|r| {
                        ctx.corpus.docs.get(r.doc).is_some_and(|d| {
                            d.doc.sentences.get(r.sentence).is_some_and(|cs| {
                                d.facts
                                    .sentences
                                    .iter()
                                    .any(|f| f.span() == cs.span && f.attributed)
                            })
                        })
                    })
                    .collect();
                if attributed.len() == strong.len() && reasons.is_empty() {
                    reasons.push(if de {
                        "die Quellen berichten es nur als Aussage"
                    } else {
                        "the sources report it only as a statement"
                    });
                }
                // With figures to source, a statement names its speaker for the sentence only
                // where it states one of them: "Analysts … estimate $55 million to $70 million"
                // is no source for "The recall will cost $38 million".
                let states_figure = |r: &crate::rules::evidence::Related| {
                    figure_idx.is_empty()
                        || figure_idx.iter().any(|&i| {
                            ctx.matches.figures[i]
                                .iter()
                                .any(|m| m.supports && m.doc == r.doc && m.sentence == r.sentence)
                        })
                };
                if attributed.len() == strong.len() {
                    for r in attributed.iter().filter(|r| states_figure(r)) {
                        if let Some(d) = ctx.corpus.docs.get(r.doc) {
                            if let Some(e) = sentence_evidence(d, r.sentence, Relation::Supports) {
                                if verb.is_none() {
                                    verb = cue_verb(d, r.sentence);
                                }
                                evidence.insert(0, e);
                            }
                        }
                    }
                }
            }
            if reasons.is_empty() {
                continue;
            }
            let mut seen = std::collections::HashSet::new();
            evidence.retain(|e| seen.insert((e.source.id.clone(), e.span)));
            // With a figure the sources contradict, naming a source for the whole sentence would
            // put that figure in its mouth: only a placeholder then.
            // A source whose sentence states the sentence's time or figure as a plan that was
            // not kept („angesetzt für 10.30 Uhr, begann 25 Minuten später als geplant“) says
            // the opposite of a sentence stating it as what happened: it is credited with nothing.
            let body = span.slice(&ctx.doc.text);
            let contrary = |e: &crate::finding::Evidence| {
                crate::rules::fixes::doc_of(ctx.corpus, &e.source)
                    .and_then(|d| d.doc.text.get(e.span.start..e.span.end))
                    .is_some_and(|src| {
                        crate::rules::fixes::states_a_plan_not_kept(body, src, ctx.doc.lang)
                    })
            };
            let credible: Vec<crate::finding::Evidence> =
                evidence.iter().filter(|e| !contrary(e)).cloned().collect();
            let who = if figure_flagged && !figure_idx.is_empty() {
                Vec::new()
            } else {
                let events = ctx.matches.events.get(si).map(|e| e.as_slice()).unwrap_or(&[]);
                distinct_who(ctx.corpus, ctx.doc.lang, credible.iter(), 4)
                    .into_iter()
                    .map(|w| identified_in(ctx.corpus, events, w))
                    .collect()
            };
            // After an attributed sentence of the same paragraph, the writer may mean the
            // attribution to carry on: a person decides.
            let after_attributed = si
                .checked_sub(1)
                .and_then(|p| ctx.facts.sentences.get(p))
                .is_some_and(|p| {
                    p.attributed
                        && ctx.doc.sentences.get(si - 1).map(|x| x.block)
                            == ctx.doc.sentences.get(si).map(|x| x.block)
                });
            // A source sentence stating a figure the draft's sentence leaves out ("Marktführer
            // bei Robotern bis zehn Kilogramm Traglast" against "Marktführer bei Robotern") may
            // be a qualifier the claim dropped: a person decides.
            let values: Vec<f64> = ctx
                .facts
                .quantities
                .iter()
                .filter(|q| span.contains(q.span))
                .map(crate::figmap::similar::base_value)
                .collect();
            // (A quotation's evidence names its speaker with an age or years of service: no
            // qualifier of the quoted words.)
            let quoted = ctx
                .facts
                .quotes
                .iter()
                .any(|q| span.contains(q.span) && q.speaker.is_none());
            let says_more = !quoted && evidence.iter().any(|e| {
                crate::rules::fixes::doc_of(ctx.corpus, &e.source).is_some_and(|d| {
                    d.facts.quantities.iter().any(|f| {
                        f.span.start >= e.span.start
                            && f.span.end <= e.span.end
                            && !values.iter().any(|&v| {
                                crate::figmap::similar::same_value(
                                    v,
                                    crate::figmap::similar::base_value(f),
                                )
                            })
                    })
                })
            });
            let app = if single_source(ctx, &evidence, &who) && !after_attributed && !says_more {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let mut fixes: Vec<_> = who
                .iter()
                .filter_map(|w| {
                    attribution(
                        ctx.doc,
                        span,
                        w,
                        verb.as_deref().filter(|_| matches!(w, Who::Speaker { .. })),
                        app,
                    )
                })
                .collect();
            // The next sentence of the paragraph credits the source at its end: joining the two
            // gives both one attribution, where a credit of this one's own would repeat it. The
            // join comes first, and no credit is applied unasked beside it.
            if let Some(fold) = who
                .iter()
                .find_map(|w| crate::rules::fixes::fold_into_next(ctx.doc, span, w))
            {
                for f in &mut fixes {
                    f.applicability = Applicability::Unsafe;
                }
                fixes.insert(0, fold);
            }
            crate::rules::fixes::dedup_fixes(&mut fixes);
            // A placeholder only where no source can be named at all; where one can but no
            // attribution fits the sentence, the finding stands without a fix.
            if fixes.is_empty() && who.is_empty() && credible.len() == evidence.len() {
                let why = if figure_flagged && !figure_idx.is_empty() {
                    NoSource::Disputed
                } else if evidence.is_empty() {
                    NoSource::NoneFound
                } else {
                    NoSource::Unnamed
                };
                let ids: Vec<&str> = evidence.iter().map(|e| e.source.id.as_str()).collect();
                fixes.extend(placeholder(ctx.doc, span, why, &ids));
            }
            // The sentence before credits the source the evidence names: the claim is that
            // source's, stated here as fact — in German, reported speech carries it on.
            let continued = who.iter().find(|w| credited_before(ctx.doc, span, w));
            let message = match (de, continued) {
                (true, Some(w)) => format!(
                    "Behauptung ohne Quelle ({}): der Satz davor nennt {} als Quelle, dieser steht im Indikativ als Tatsache da",
                    reasons.join(", "),
                    w.name()
                ),
                (true, None) => format!("Behauptung ohne Quelle ({})", reasons.join(", ")),
                (false, Some(w)) => format!(
                    "Claim without attribution ({}): the sentence before credits {}, this one states it as fact",
                    reasons.join(", "),
                    w.name()
                ),
                (false, None) => format!("Claim without attribution ({})", reasons.join(", ")),
            };
            out.push(Finding {
                rule: RuleId::UnsourcedClaim,
                severity: META.default_severity,
                span,
                message,
                evidence,
                fixes,
            });
        }
    }
}

/// The corpus's own reporting verb for a sentence, when its attribution is a verb.
fn cue_verb(d: &crate::corpus::CorpusDoc, sentence: usize) -> Option<String> {
    let s = d.doc.sentences.get(sentence)?;
    let a = d
        .facts
        .attributions
        .iter()
        .find(|a| a.sentence_span == s.span && a.kind == crate::extract::AttrKind::Verb)?;
    let cue = a.cue.slice(&d.doc.text).trim();
    (!cue.contains(' ')).then(|| cue.to_string())
}

#[cfg(test)]
mod tests {
    use crate::finding::RuleId;
    use crate::rules::tests::findings;

    /// Two outlets stating a figure in words unlike the draft's ("Nach knapp einer Stunde
    /// durften die Gäste zurück", "Nach einer Unterbrechung von knapp einer Stunde kehrten
    /// die Besucher zurück" for "die Zwangspause dauerte knapp eine Stunde") still establish
    /// it when no figure of another value fits the draft figure as well. Not with one outlet,
    /// nor where another report gives another length for the same pause.
    #[test]
    fn a_figure_two_outlets_state_in_other_words_is_established() {
        let draft = "Wegen eines Gewitters ließ der Verein am Samstag das Gelände des Kellbacher Sommerfests räumen, die Zwangspause dauerte knapp eine Stunde.\n";
        let a = (
            "a.md",
            "---\nsource: Kellbacher Anzeiger\n---\nAm Samstag um 20.40 Uhr ließ der Verein das Gelände des Kellbacher Sommerfests wegen eines Gewitters räumen. Nach knapp einer Stunde durften die Gäste zurück an die Stände.\n",
        );
        let b = (
            "b.md",
            "---\nsource: Kellbach Live\n---\nDas Gelände des Sommerfests in Kellbach ist wieder geöffnet. Nach einer Unterbrechung von knapp einer Stunde kehrten die Besucher zurück.\n",
        );
        let f = findings(&[a, b], draft, RuleId::UnsourcedClaim);
        assert!(f.is_empty(), "{f:?}");
        let f = findings(&[a], draft, RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
        let against = (
            "c.md",
            "---\nsource: Kreisblatt\n---\nWegen des Gewitters blieb das Gelände des Kellbacher Sommerfests am Samstag zwei Stunden lang geräumt.\n",
        );
        let three = [a, b, against];
        let f: Vec<_> = [RuleId::UnsourcedClaim, RuleId::DisputedFigure, RuleId::NumberConflict]
            .into_iter()
            .flat_map(|r| findings(&three, draft, r))
            .collect();
        assert!(!f.is_empty(), "{f:?}");
    }

    /// Two outlets stating a figure as fact, with no source against it: established, no
    /// attribution needed. One outlet, or one of them quoting somebody: a claim.
    #[test]
    fn a_figure_two_outlets_state_as_fact_is_established() {
        let draft = "The Kessler Bridge carries 68,000 vehicles a day.\n";
        let two = [
            ("a.md", "---\nsource: Harbor Ledger\n---\nThe Kessler Bridge carries 68,000 vehicles a day.\n"),
            ("b.md", "---\nsource: Channel 9\n---\nEvery day 68,000 vehicles use the Kessler Bridge, which it carries.\n"),
        ];
        let f = crate::rules::tests::findings(&two, draft, crate::finding::RuleId::UnsourcedClaim);
        assert!(f.is_empty(), "{f:?}");
        let one = [two[0]];
        let f = crate::rules::tests::findings(&one, draft, crate::finding::RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
        let said = [
            two[0],
            ("b.md", "---\nsource: Channel 9\n---\nThe Kessler Bridge carries 68,000 vehicles a day, the mayor said.\n"),
        ];
        let f = crate::rules::tests::findings(&said, draft, crate::finding::RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
        // An attribution in another part of the sentence, past a semicolon, credits nothing
        // of this part: the figure is the outlet's own.
        let apart = [
            two[0],
            ("b.md", "---\nsource: Channel 9\n---\nThe Kessler Bridge carries 68,000 vehicles a day; tolls will rise in May, the mayor said.\n"),
        ];
        let f = crate::rules::tests::findings(&apart, draft, crate::finding::RuleId::UnsourcedClaim);
        assert!(f.is_empty(), "{f:?}");
    }

    /// A figure the sources contradict is the figure rules' business; the sentence's other
    /// figures still need a source.
    #[test]
    fn other_figures_of_a_sentence_with_a_conflict_still_need_a_source() {
        let corpus = [(
            "a.md",
            "---\nsource: Harbor Ledger\n---\nThe Kessler Bridge carries 68,000 vehicles a day across the river above the water.\n",
        )];
        let draft =
            "The Kessler Bridge carries 90,000 vehicles a day across the river, 40 feet above the water.\n";
        let conflict = crate::rules::tests::findings(&corpus, draft, RuleId::NumberConflict);
        assert_eq!(conflict.len(), 1, "{conflict:?}");
        let f = crate::rules::tests::findings(&corpus, draft, RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].fixes.iter().all(|x| !x.apply(draft).contains("Harbor Ledger")), "{f:?}");
        // With no other figure, the conflict alone speaks.
        let draft = "The Kessler Bridge carries 90,000 vehicles a day.\n";
        let f = crate::rules::tests::findings(&corpus, draft, RuleId::UnsourcedClaim);
        assert!(f.is_empty(), "{f:?}");
    }

    /// A figure no source speaks of needs a source when its sentence speaks of what the event's
    /// reports speak of; in background that no report touches, it is no claim about the event.
    /// A credit is safe only where the source's sentence states no figure the draft's leaves
    /// out: "the largest maker of cobots up to 10 kilograms" may be a qualifier the claim
    /// dropped, and a person decides.
    #[test]
    fn a_source_saying_more_makes_the_credit_unsafe() {
        use crate::finding::Applicability;
        let draft = "Corvane is the largest maker of cobots in Europe.\n";
        let app = |source: &str| -> Vec<Applicability> {
            let corpus = [("a.md", source)];
            crate::rules::tests::findings(&corpus, draft, RuleId::UnsourcedClaim)
                .iter()
                .flat_map(|f| f.fixes.iter().map(|x| x.applicability))
                .collect()
        };
        let more = app("---\nsource: Valley Times\n---\nMarta Lind, the chief executive, said Corvane was the largest maker of cobots up to 10 kilograms in Europe.\n");
        assert!(!more.is_empty() && more.iter().all(|a| *a == Applicability::Unsafe), "{more:?}");
        let same = app("---\nsource: Valley Times\n---\nMarta Lind, the chief executive, said Corvane was the largest maker of cobots in Europe.\n");
        assert!(same.contains(&Applicability::Safe), "{same:?}");
    }

    /// An undated draft is as recent as its event's reports: a figure of a full date years
    /// before them is background, also in a clause that refers back to it ("; damals …").
    #[test]
    fn an_undated_drafts_old_dates_are_background() {
        let report = |when: &str| {
            format!(
                "---\nsource: Presseagentur\ndate: 2025-07-14\n---\nDie Talsperre gab in der Nacht 85 Kubikmeter pro Sekunde ab. Bereits im {when} hatte der Betreiber Wasser ablassen müssen; damals wurden in Salwerode rund 200 Menschen in Sicherheit gebracht.\n"
            )
        };
        let draft = |when: &str| {
            format!("Bereits im {when} hatte der Betreiber Wasser ablassen müssen; damals wurden in Salwerode rund 200 Menschen in Sicherheit gebracht.\n")
        };
        let old = report("September 2017");
        let f = crate::rules::tests::findings(&[("a.md", old.as_str())], &draft("September 2017"), RuleId::UnsourcedClaim);
        assert!(f.is_empty(), "{f:?}");
        // A month of this year is the event's time: its figure needs a source.
        let recent = report("Juni 2025");
        let f = crate::rules::tests::findings(&[("a.md", recent.as_str())], &draft("Juni 2025"), RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    /// A figure in the clause of a year at least two years before the draft's own is background
    /// (public record), in both languages; a figure of this year in the same sentence's other
    /// clause is not.
    #[test]
    fn a_figure_of_a_year_long_past_is_background() {
        let de = [(
            "a.md",
            "---\nsource: Tagblatt\ndate: 2024-06-10\n---\nDer Pegel stieg am Sonntag auf 6,84 Meter. Beim Hochwasser 2013 mussten 3.100 Menschen in Grafenried ihre Häuser verlassen.\n",
        )];
        let draft = "---\ndate: 2024-06-11\n---\nDer Pegel stieg am Sonntag auf 6,84 Meter, berichtete das Tagblatt. 2013 hatten in Grafenried 3.100 Menschen ihre Häuser verlassen müssen.\n";
        let f = crate::rules::tests::findings(&de, draft, RuleId::UnsourcedClaim);
        assert!(f.is_empty(), "{f:?}");
        let en = [(
            "b.md",
            "---\nsource: Tribune\ndate: 2024-06-10\n---\nThe quake struck on June 10, 2024. In 2013, some 3,100 people in Grafenried were forced to leave their homes.\n",
        )];
        let draft = "The quake struck on June 10, 2024. In 2013, 3,100 people in Grafenried had to leave their homes.\n";
        let f = crate::rules::tests::findings(&en, draft, RuleId::UnsourcedClaim);
        assert!(f.is_empty(), "{f:?}");
        // This year's figure beside a relative clause about an old one still needs a source.
        let draft = "The quake struck on June 10, 2024. At least 40 people were injured in Grafenried, which had last been hit in 2013.\n";
        let en = [(
            "b.md",
            "---\nsource: Tribune\ndate: 2024-06-10\n---\nThe quake struck on June 10, 2024. At least 40 people were injured in Grafenried.\n",
        )];
        let f = crate::rules::tests::findings(&en, draft, RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn an_unspoken_figure_needs_a_source_only_in_a_sentence_about_the_event() {
        let corpus = [(
            "a.md",
            "---\nsource: Harbor Ledger\n---\nThe Kessler Bridge will close for repairs in March after cables corroded.\n",
        )];
        let about = "The Kessler Bridge will close for repairs in March after 14 cables corroded.\n";
        let f = crate::rules::tests::findings(&corpus, about, RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
        let background = "The town library holds 12,000 maps.\n";
        let f = crate::rules::tests::findings(&corpus, background, RuleId::UnsourcedClaim);
        assert!(f.is_empty(), "{f:?}");
    }


    const CORPUS: [(&str, &str); 1] = [(
        "ledger.md",
        "---\nsource: Harbor Ledger\n---\nFerry service will expand to run every 15 minutes during rush hour.\n\n\"This is the most complex repair in the state's history,\" Transportation Secretary Alan Brooks said.\n",
    )];

    /// A source line under a table credits every cell of it.
    #[test]
    fn a_source_line_under_a_table_credits_its_cells() {
        let corpus = [("board.md", "---\nsource: Board of Elections\n---\nDana Whitcombe won 51.8 percent of the vote.\n")];
        let table = "Results.\n\n| Candidate | Share |\n|---|---|\n| Dana Whitcombe | 51.8% |\n";
        let f = findings(&corpus, table, RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
        let credited = format!("{table}\n*Source: Board of Elections, final results.*\n");
        let f = findings(&corpus, &credited, RuleId::UnsourcedClaim);
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn figure_without_attribution_gets_source_fix() {
        let draft = "Ferries will run every 15 minutes during rush hour.\n";
        let f = findings(&CORPUS, draft, RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].fixes
                .iter()
                .any(|x| x.apply(draft).contains("according to the Harbor Ledger")),
            "{:?}",
            f[0].fixes
        );
    }

    #[test]
    fn a_reprint_is_credited_by_its_byline_and_what_it_adds_is_not() {
        let wire = "---\nsource: Allied Press\n---\nThe Jays led 33-26 at the half, paced by 13 points from McDermott.\n\nMcDermott led all players with 23 points while also grabbing seven rebounds.\n\nArtino scored a career-high 14 points and added six rebounds in the win.\n\nThe Jays shot 46.8 percent for the game and owned the glass by a wide margin.\n\nDrake was paced by 13 points from Seth VanDeest in the loss.\n";
        let corpus = [("wire.md", wire)];
        let copied = "McDermott led all players with 23 points while also grabbing seven rebounds.\n\nArtino scored a career-high 14 points and added six rebounds in the win.\n\nThe Jays shot 46.8 percent for the game and owned the glass by a wide margin.\n\nDrake was paced by 13 points from Seth VanDeest in the loss.\n\nOff the bench, the Jays shot 46.8 percent.\n";
        let f = findings(&corpus, copied, RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(copied[f[0].span.start..].starts_with("Off the bench"), "{f:?}");
        // One copied sentence among the draft's own is no reprint: it needs its source.
        let own = "The Jays shot 46.8 percent for the game and owned the glass by a wide margin.\n\nThe arena sold 17,400 tickets for the quarterfinal game.\n\nFans waited 40 minutes in the cold before the doors opened.\n";
        let f = findings(&corpus, own, RuleId::UnsourcedClaim);
        assert!(f.iter().any(|x| own[x.span.start..].starts_with("The Jays")), "{f:?}");
    }

    #[test]
    fn quote_without_speaker_and_clean_sentences() {
        let draft = "\"This is the most complex repair in the state's history.\"\n\nWill commuters switch to the ferry?\n\n# Ferries every 15 minutes\n\nBrooks said ferries will run every 15 minutes.\n";
        let f = findings(&CORPUS, draft, RuleId::UnsourcedClaim);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].span.slice(draft).starts_with("\"This is"));
    }

    /// A German sentence after one that credits the same source: the finding says so, and its
    /// fix carries the attribution on in Konjunktiv instead of a second „laut“.
    #[test]
    fn a_sentence_after_one_crediting_its_source_goes_on_in_konjunktiv() {
        let corpus = [(
            "messe.md",
            "---\nsource: Messe Lindhagen\n---\nZur FORMA kamen 61.400 Fachbesucher aus 38 Ländern. \
             Das ist ein Plus von 17 Prozent gegenüber dem Vorjahr.\n",
        )];
        let draft = "Nach Angaben der Messe Lindhagen kamen 61.400 Fachbesucher aus 38 Ländern. \
                     Das ist ein Plus von 17 Prozent gegenüber dem Vorjahr.\n";
        let f = crate::rules::tests::findings(&corpus, draft, RuleId::UnsourcedClaim);
        let f = f
            .iter()
            .find(|x| x.span.slice(draft).starts_with("Das ist"))
            .expect("a finding on the second sentence");
        assert!(f.message.contains("der Satz davor nennt Messe Lindhagen"), "{}", f.message);
        let fixed: Vec<String> = f.fixes.iter().map(|x| x.apply(draft)).collect();
        assert_eq!(
            fixed,
            vec![draft.replace("Das ist ein Plus", "Das sei ein Plus")],
            "{f:?}"
        );
    }

    /// Golden: the next sentence of the paragraph credits the source at its end: the claim is
    /// joined to it with a semicolon (one attribution for both) before any credit of its own,
    /// which would repeat it; that credit is then never applied unasked.
    #[test]
    fn golden_a_claim_joins_the_next_sentence_that_credits_its_source() {
        let cases: [(&str, &str, &str); 2] = [
            (
                "---\nsource: Port Ellery Board of Elections\n---\nWhitcombe finished with 58,214 votes. Oyelaran received 49,870 votes.\n",
                "Whitcombe finished with 58,214 votes. Oyelaran received 49,870 votes, the Board of Elections said.\n",
                "Whitcombe finished with 58,214 votes; Oyelaran received 49,870 votes, the Board of Elections said.\n",
            ),
            (
                "---\nsource: Wahlamt Lennbach\n---\nMüller erhielt am Sonntag 12.400 Stimmen. Schulz kam auf 9.800 Stimmen.\n",
                "Müller erhielt am Sonntag 12.400 Stimmen. Schulz kam auf 9.800 Stimmen, teilte das Wahlamt mit.\n",
                "Müller erhielt am Sonntag 12.400 Stimmen; Schulz kam auf 9.800 Stimmen, teilte das Wahlamt mit.\n",
            ),
        ];
        for (source, draft, want) in cases {
            let f = findings(&[("a.md", source)], draft, RuleId::UnsourcedClaim);
            let first = f.iter().find(|x| x.span.start == 0).unwrap_or_else(|| panic!("{draft:?}: {f:?}"));
            let fixed: Vec<String> = first.fixes.iter().map(|x| x.apply(draft)).collect();
            assert_eq!(fixed.first().map(String::as_str), Some(want), "{fixed:?}");
            assert!(
                first.fixes.iter().all(|x| x.applicability != crate::finding::Applicability::Safe),
                "{first:?}"
            );
        }
    }
}
