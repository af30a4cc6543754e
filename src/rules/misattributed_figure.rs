//! `misattributed-figure`: an attributed figure that some source supports, but not the source or
//! speaker it is attributed to.
//!
//! ## What it flags
//! A figure in a sentence attributed to X ("laut Welt", "according to the Sentinel", "…, said
//! Ortiz") when the figure's quantity in the figure map has a variant that supports it, and X
//! either states a different figure for that quantity or states none of it while another source
//! does (the figure is somebody else's). A figure no source supports is a `number-conflict`
//! instead; an attribution to a name the corpus does not know is left alone.
//!
//! ## Example
//! Corpus: Welt "etwa 30 Minuten später", two other outlets 45 minutes. Draft: "Laut Welt begann
//! der Stream 45 Minuten später." → `misattributed-figure`; fixes: "laut <outlet that says 45>",
//! or Welt's figure "etwa 30 Minuten".
//!
//! ## Fix safety
//! Both fixes change what the sentence claims; never applied automatically.

use crate::corpus::Corpus;
use crate::extract::{Approx, Dimension, Quantity};
use crate::finding::{Applicability, Edit, Evidence, Finding, Fix, Relation, RuleId, Severity};
use crate::figmap::{agree, comparable};
use crate::lang::Lang;
use crate::rules::evidence::FigureMatch;
use crate::rules::figures::{figure_findings_evidence, replacements_from, split};
use crate::rules::fixes::Who;
use crate::rules::{Rule, RuleContext, RuleMeta};

pub struct MisattributedFigure;

static META: RuleMeta = RuleMeta {
    id: RuleId::MisattributedFigure,
    summary: "A figure attributed to a source that does not state it",
    default_severity: Severity::Warning,
    fixable: true,
    docs: "Flags an attributed figure (\"laut X\", \"according to X\", \"…, X said\") that some corpus source supports, \
but not X: X states a different figure for the same quantity, or none while another source does. Fixes: attribute \
it to a source that states it, or use X's figure (never applied automatically).",
};

/// The words of a name that identify it (lower case, articles and short words dropped; so
/// are the kinds of document a source puts out: "the city's press release" names the city,
/// „die Pressemitteilung der Stadt“ the Stadt).
fn name_words(s: &str, lang: Lang) -> Vec<String> {
    let lex = crate::extract::attribution::lexicon::lexicon(lang);
    s.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .filter(|w| w.chars().count() >= 3 && !lang.text_data().is_stopword(w) && w != "the")
        .filter(|w| !lex.is_source_noun(w) && !lex.document_modifiers.contains(w.as_str()))
        .collect()
}

/// Whether two names name the same source: every identifying word of the shorter is a word of
/// the longer, or the start of one ("Polizei" / "Polizeiinspektion", "Sentinel" / "Ridgeport
/// Daily Sentinel").
pub fn same_source(a: &str, b: &str, lang: Lang) -> bool {
    let (wa, wb) = (name_words(a, lang), name_words(b, lang));
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    let (short, long) = if wa.len() <= wb.len() {
        (wa, wb)
    } else {
        (wb, wa)
    };
    short.iter().all(|s| {
        long.iter().any(|l| {
            l == s || (s.chars().count() >= 4 && l.starts_with(s.as_str()) && !l.ends_with("er"))
        })
    })
}

/// The name an attribution gives, whitespace collapsed; a name that runs into a figure ("nach
/// Angaben der Messe 12 Euro pro Tag") ends before it.
fn name_before_figure(named: &crate::extract::SourceText, quantities: &[Quantity]) -> String {
    let span = crate::text::Span::new(named.start, named.end);
    let cut = quantities
        .iter()
        .filter(|x| span.overlaps(x.number_span))
        .map(|x| x.span.start.max(named.start) - named.start)
        .min()
        .unwrap_or(named.text.len());
    named
        .text
        .get(..cut)
        .unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a figure match is stated by `named` (as its outlet or its speaker).
fn stated_by(corpus: &Corpus, m: &FigureMatch, named: &str, lang: Lang) -> bool {
    let Some(d) = corpus.docs.get(m.doc) else {
        return false;
    };
    let speaker = crate::figmap::briefing::speaker(corpus, m.doc, m.sentence);
    match speaker {
        Some(sp) if same_source(&sp, named, lang) => true,
        // A figure a document gives as somebody else's statement is not the outlet's own.
        Some(_) => false,
        None => same_source(&d.source.name, named, lang),
    }
}

/// Whether `named` is the outlet of a corpus document.
fn outlet(corpus: &Corpus, docs: &[usize], named: &str, lang: Lang) -> bool {
    docs.iter()
        .filter_map(|&i| corpus.docs.get(i))
        .any(|d| same_source(&d.source.name, named, lang))
}

/// Whether `named` is a speaker some corpus document quotes.
fn speaker_known(corpus: &Corpus, docs: &[usize], named: &str, lang: Lang) -> bool {
    docs.iter().filter_map(|&i| corpus.docs.get(i)).any(|d| {
        d.facts.attributions.iter().any(|a| {
            a.source.as_ref().is_some_and(|s| {
                same_source(&s.text, named, lang)
                    && !crate::figmap::briefing::is_figure(&d.facts, s)
            })
        })
    })
}

/// Whether `named`'s own documents or statements anywhere hold a figure agreeing with `q` (the
/// map may not have aligned it: then no verdict against `named`).
/// Only reports of the quantity's time count: when the reports the map aligned are dated, a
/// report from outside their span (an archive's flood of another year) is another occasion,
/// whatever figure it gives.
fn states_anywhere(
    ctx: &RuleContext,
    docs: &[usize],
    q: &Quantity,
    named: &str,
    aligned: &[FigureMatch],
) -> bool {
    let lang = ctx.doc.lang;
    let windows = &ctx.corpus.windows;
    let span = aligned
        .iter()
        .filter_map(|m| windows.get(m.doc).copied().flatten())
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
    let of_the_time = |i: usize| match (span, windows.get(i).copied().flatten()) {
        (Some((lo, hi)), Some((a, b))) => a <= hi && lo <= b,
        _ => true,
    };
    // A small count of something else is not the figure ("seven library branches" is no
    // "seven votes in favor"): where both name what they count, it must be one thing. (A
    // specific large figure, "412,000 units" / "412,000 cookers", is one by its value.)
    let small = matches!(q.dimension, Dimension::Count | Dimension::Number)
        && q.value < crate::rules::evidence::SMALL_COUNT;
    let counted = crate::figmap::similar::counted_term(lang, q).filter(|_| small);
    let other_thing = |d: &crate::corpus::CorpusDoc, c: &Quantity| {
        match (&counted, crate::figmap::similar::counted_term(d.doc.lang, c)) {
            (Some(x), Some(y)) => x != &y && !crate::lang::lexicon::related(lang, x, &y),
            _ => false,
        }
    };
    // A source named by what it is ("organisers", „die Veranstalter“: no name, every word a
    // common noun) may be the author of any party's own document (a press release, a
    // statement) that gives the figure; which one it is cannot be told by name.
    let lex = crate::extract::attribution::lexicon::lexicon(lang);
    let described = {
        let words: Vec<&str> = named
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && !lang.text_data().is_stopword(&w.to_lowercase()))
            .collect();
        !words.is_empty()
            && words
                .iter()
                .all(|w| {
                    crate::lang::lexicon::common_noun(lang, w)
                        && (lang == Lang::De || w.starts_with(char::is_lowercase))
                })
    };
    let party_document = |d: &crate::corpus::CorpusDoc| {
        d.source
            .name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| lex.is_source_noun(&w.to_lowercase()))
    };
    docs.iter()
        .filter(|&&i| of_the_time(i))
        .filter_map(|&i| ctx.corpus.docs.get(i))
        .any(|d| {
        let own = same_source(&d.source.name, named, lang) || (described && party_document(d));
        d.facts.quantities.iter().any(|c| {
            // "bis zu 7,50 Metern" bounds a figure from above; it states none of them.
            if !comparable(q, c)
                || !agree(q, c, &ctx.config.tolerance)
                || matches!(c.approx, Approx::AtMost | Approx::LessThan)
                || other_thing(d, c)
            {
                return false;
            }
            own || d.facts.attributions.iter().any(|a| {
                a.sentence_span.contains(c.span)
                    && a.source
                        .as_ref()
                        .is_some_and(|s| same_source(&s.text, named, lang))
            })
        })
    })
}


/// Where the map aligned nothing: the reports of the draft sentence's event (`events`) that
/// state figure `q` itself, word for word in value — written with at least three significant
/// digits ("412,000", „7,12 Meter“), so no other quantity's by chance; not a date, year or time,
/// of which every story has many — in their own reporting (no comments). "The corpus gives the
/// figure as somebody else's" needs no alignment then.
fn same_specific(ctx: &RuleContext, events: &[usize], q: &Quantity) -> Vec<FigureMatch> {
    if crate::figmap::similar::point(q) || crate::extract::quantity::significant_digits(&q.text) < 3
    {
        return Vec::new();
    }
    let value = crate::figmap::similar::base_value;
    let mut out = Vec::new();
    for &d in events {
        let Some(cd) = ctx.corpus.docs.get(d) else {
            continue;
        };
        for (k, c) in cd.facts.quantities.iter().enumerate() {
            if c.dimension != q.dimension
                || !comparable(q, c)
                || value(c) != value(q)
                || crate::extract::quantity::significant_digits(&c.text) < 3
            {
                continue;
            }
            let Some(si) = cd.doc.sentences.iter().position(|s| s.span.contains(c.span)) else {
                continue;
            };
            if !crate::figmap::reporting::is_reporting(cd, si) {
                continue;
            }
            out.push(FigureMatch {
                doc: d,
                sentence: si,
                quantity: k,
                sim: 0.0,
                supports: true,
            });
        }
    }
    out
}

/// The name the draft credits figure `q` of `sentence` to: of two credits in one sentence, a
/// prepositional one right before the figure is the figure's („Der VR-7 soll laut A 49.800
/// Euro kosten, laut B 48.900 Euro.“, „… zwei Tage (laut B: anderthalb Tage) gesperrt, sagte
/// A.“), else the one whose span holds it, else the first. `None` when it names nothing.
fn credit_of<'a>(
    ctx: &'a RuleContext,
    sentence: crate::text::Span,
    q: &Quantity,
) -> Option<(&'a crate::extract::Attribution, String)> {
    let attrs: Vec<_> = ctx.facts.attributions_in(sentence).collect();
    let nearest = (attrs.len() >= 2)
        .then(|| {
            attrs
                .iter()
                .filter(|a| {
                    a.kind == crate::extract::AttrKind::Preposition && a.cue.end <= q.span.start
                })
                .max_by_key(|a| a.cue.start)
        })
        .flatten();
    let attr = nearest
        .or_else(|| attrs.iter().find(|a| a.span.contains(q.span)))
        .or(attrs.first());
    let attr = *attr?;
    let named = attr.source.as_ref()?;
    let name = name_before_figure(named, &ctx.facts.quantities);
    (!name_words(&name, ctx.doc.lang).is_empty()).then_some((attr, name))
}

/// Whether draft figure `qi` is credited to a source whose own documents or statements, in the
/// reports of its sentence's event, state that figure: then the reporter has it from there,
/// and "no source supports it" would be false even where the map aligned it elsewhere
/// ("Die Betriebsversammlung begann nach Angaben der Gewerkschaft um 9 Uhr" beside the
/// union's "am Dienstag um 9 Uhr … zu einer Betriebsversammlung zusammengekommen").
/// Only a day or time: every story has many, so the map aligns them least surely, while an
/// amount or count the named source states of another thing ("640,000 worldwide" against
/// "in the United States") is told apart by its context.
pub fn named_source_states(ctx: &RuleContext, qi: usize) -> bool {
    let Some(q) = ctx
        .facts
        .quantities
        .get(qi)
        .filter(|q| crate::figmap::similar::point(q))
    else {
        return false;
    };
    let Some(sentence) = ctx
        .facts
        .sentences
        .iter()
        .find(|s| s.span().contains(q.span))
        .filter(|s| s.attributed && !s.heading && !s.question)
    else {
        return false;
    };
    let Some((_, name)) = credit_of(ctx, sentence.span(), q) else {
        return false;
    };
    let si = ctx.doc.sentences.iter().position(|s| s.span.contains(q.span));
    let matches = ctx.matches.figures.get(qi).map_or(&[][..], |m| m.as_slice());
    let mut docs: Vec<usize> = matches.iter().map(|m| m.doc).collect();
    if let Some(ev) = si.and_then(|si| ctx.matches.events.get(si)) {
        docs.extend(ev.iter().copied());
    }
    docs.sort_unstable();
    docs.dedup();
    let lang = ctx.doc.lang;
    (outlet(ctx.corpus, &docs, &name, lang) || speaker_known(ctx.corpus, &docs, &name, lang))
        && states_anywhere(ctx, &docs, q, &name, matches)
}

impl Rule for MisattributedFigure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        let lang = ctx.doc.lang;
        for (qi, q) in ctx.facts.quantities.iter().enumerate() {
            if !ctx.wants(q.span) {
                continue;
            }
            let Some(matches) = ctx.matches.figures.get(qi) else {
                continue;
            };
            let (supports, _) = split(matches);
            let si = ctx.doc.sentences.iter().position(|s| s.span.contains(q.span));
            let (matches, supports): (&[FigureMatch], Vec<FigureMatch>) = if supports.is_empty() {
                let events = si
                    .and_then(|si| ctx.matches.events.get(si))
                    .map(|e| e.as_slice())
                    .unwrap_or(&[]);
                // Only reports that speak of what the sentence speaks of: an archive's gauge
                // table that happens to list "712 cm (1899)" is no report of this flood.
                let related: Vec<usize> = si
                    .and_then(|si| ctx.matches.related.get(si))
                    .map(|rel| rel.iter().map(|r| r.doc).collect())
                    .unwrap_or_default();
                let near: Vec<usize> = events
                    .iter()
                    .copied()
                    .filter(|d| related.contains(d))
                    .collect();
                let found = same_specific(ctx, &near, q);
                if found.is_empty() || !matches.is_empty() {
                    continue;
                }
                (&[], found)
            } else {
                (matches.as_slice(), supports)
            };
            let Some(sentence) = ctx
                .facts
                .sentences
                .iter()
                .find(|s| s.span().contains(q.span))
            else {
                continue;
            };
            if !sentence.attributed || sentence.heading || sentence.question {
                continue;
            }
            let Some((attr, name)) = credit_of(ctx, sentence.span(), q) else {
                continue;
            };
            let Some(named) = attr.source.as_ref() else {
                continue;
            };
            // The documents about this: those of the quantity and those related to the sentence
            // (not the whole archive, which a keystroke must not scan).
            let mut docs: Vec<usize> = matches.iter().chain(&supports).map(|m| m.doc).collect();
            // Without an alignment, the named outlet's reports are found among the event's.
            if matches.is_empty() {
                if let Some(ev) = si.and_then(|si| ctx.matches.events.get(si)) {
                    docs.extend(ev.iter().copied());
                }
            }
            if let Some(rel) = si.and_then(|si| ctx.matches.related.get(si)) {
                docs.extend(rel.iter().map(|r| r.doc));
            }
            docs.sort_unstable();
            docs.dedup();
            let is_outlet = outlet(ctx.corpus, &docs, &name, lang);

            if !is_outlet && !speaker_known(ctx.corpus, &docs, &name, lang) {
                continue;
            }
            let by_named: Vec<&FigureMatch> = matches
                .iter()
                .filter(|m| stated_by(ctx.corpus, m, &name, lang))
                .collect();
            // Whether the named source gives the figure anywhere is asked of all the event's
            // reports: one the map did not align ("Die 1.870 Bewohnerinnen und Bewohner, die …
            // ihre Wohnungen verlassen mussten") still says it.
            let mut stating = docs.clone();
            if let Some(ev) = si.and_then(|si| ctx.matches.events.get(si)) {
                stating.extend(ev.iter().copied());
                stating.sort_unstable();
                stating.dedup();
            }
            if by_named.iter().any(|m| m.supports) || states_anywhere(ctx, &stating, q, &name, matches) {
                continue;
            }
            let others: Vec<FigureMatch> = supports
                .iter()
                .filter(|m| !stated_by(ctx.corpus, m, &name, lang))
                .copied()
                .collect();
            if others.is_empty() {
                continue;
            }
            // Named but silent on this quantity: only an outlet whose reports are in the corpus
            // (what it says is known), or a speaker when every supporting source gives the
            // figure as somebody else's statement.
            // A date or a time of the event is nobody's statement, nor is a span that dates it
            // ("Four years ago, …, according to the Board"): a source silent on it
            // ("the hospital" on when the ambulances arrived) is no evidence against naming it.
            let when = crate::figmap::similar::point(q) || crate::extract::quantity::dates_event(&ctx.doc.masked, q, lang);
            if by_named.is_empty() && when {
                continue;
            }
            if by_named.is_empty()
                && !is_outlet
                && !others
                    .iter()
                    .all(|m| crate::figmap::briefing::speaker(ctx.corpus, m.doc, m.sentence).is_some())
            {
                continue;
            }
            let named_figs: Vec<FigureMatch> = by_named.iter().map(|m| **m).collect();
            let evidence: Vec<Evidence> = figure_findings_evidence(ctx, &others, &named_figs);
            let figure = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let who: Vec<Who> = crate::rules::fixes::distinct_who(
                ctx.corpus,
                lang,
                evidence.iter().filter(|e| e.relation == Relation::Supports),
                3,
            );
            // Whose figure it is must be said: no finding that cannot name another source.
            if who.is_empty() {
                continue;
            }
            // The message names sources, not the phrases a fix would write („laut dem
            // Norddeutschen Pressedienst“): a phrase is named by its document's source.
            let mut names: Vec<String> = Vec::new();
            for w in &who {
                let named = match w {
                    Who::Phrase(_) => evidence
                        .iter()
                        .filter(|e| e.relation == Relation::Supports)
                        .map(|e| e.source.name.clone())
                        .find(|n| !names.contains(n)),
                    _ => Some(w.name().to_string()),
                };
                if let Some(n) = named.filter(|n| !names.contains(n)) {
                    names.push(n);
                }
            }
            let from = names.join(", ");
            // The named source as the corpus names it („Polizeiinspektion Grafenried“, not the
            // draft's „der Polizei“, which would need its case changed).
            let shown = named_figs
                .first()
                .and_then(|m| {
                    crate::figmap::briefing::speaker(ctx.corpus, m.doc, m.sentence)
                        .or_else(|| ctx.corpus.docs.get(m.doc).map(|d| d.source.name.clone()))
                })
                .or_else(|| {
                    docs.iter()
                        .filter_map(|&i| ctx.corpus.docs.get(i))
                        .map(|d| &d.source.name)
                        .find(|n| same_source(n, &name, lang))
                        .cloned()
                })
                .unwrap_or_else(|| name.clone());
            let name = &shown;
            let message = match (lang, named_figs.is_empty()) {
                (Lang::De, false) => {
                    format!("{figure}: {name} nennt eine andere Zahl; die Zahl stammt von {from}")
                }
                (Lang::De, true) => {
                    format!("{figure}: {name} nennt diese Zahl nicht; sie stammt von {from}")
                }
                (Lang::En, false) => {
                    format!("{figure}: {name} gives a different figure; this one is from {from}")
                }
                (Lang::En, true) => {
                    format!("{figure}: {name} does not give this figure; it is from {from}")
                }
            };
            // The wrong source's name is replaced (never a second attribution added), by a
            // name that fits its slot: an outlet or a person, or in English an organisation.
            // A subject before its verb ("Analysts … estimate") is not replaced: the verb would
            // not agree. After "laut", "according to", "zufolge" or after the verb, a name fits;
            // after „nach Angaben“ it takes „von“.
            // A subject before its verb is replaced only when the verb agrees with any
            // singular name: English past tense or -s, German third person singular.
            let verb = attr.cue.slice(&ctx.doc.text).trim().to_lowercase();
            let verb = verb.split_whitespace().next().unwrap_or("").to_string();
            let singular = match lang {
                Lang::En => verb.ends_with('s') || verb.ends_with("ed") || verb == "said",
                Lang::De => verb.ends_with('t') || verb.ends_with("te"),
            };
            let plural_subject = match lang {
                Lang::En => named
                    .text
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.ends_with('s') && !w.ends_with("ss")),
                Lang::De => false,
            };
            let subject_first = attr.kind == crate::extract::AttrKind::Verb
                && named.start < attr.cue.start
                && named.end <= q.span.start
                && (!singular || plural_subject);
            let sentence_start = named.start == sentence.span().start;
            let cue = attr.cue.slice(&ctx.doc.text).to_lowercase();
            let genitive_slot = lang == Lang::De
                && !cue.contains("laut")
                && !cue.contains("zufolge")
                && attr.kind == crate::extract::AttrKind::Preposition
                && matches!(
                    named.text.split_whitespace().next(),
                    Some("der" | "des" | "dem" | "den")
                );
            // A named span that takes in a figure is no name to replace.
            let takes_figure = ctx
                .facts
                .quantities
                .iter()
                .any(|x| x.span.start < named.end && named.start < x.span.end);
            // The sentence's other figures that need a source: a new name for the whole
            // sentence must be one that gives them too (a figure no source gives, none does),
            // else the fix moves the sentence's other claims to a source that does not make them ("Four years ago, 88,950 ballots were
            // cast, according to the Board" → "according to the mayor-elect", who said "four
            // years ago" but never 88,950).
            let others_backed: Vec<Vec<String>> = ctx
                .facts
                .quantities
                .iter()
                .enumerate()
                .filter(|(i, o)| {
                    *i != qi
                        && sentence.span().contains(o.span)
                        && crate::extract::claim::needs_source_in(&ctx.doc.text, o, lang)
                })
                .map(|(i, _)| {
                    ctx.matches
                        .figures
                        .get(i)
                        .map(|v| v.as_slice())
                        .unwrap_or(&[])
                        .iter()
                        .filter(|m| m.supports)
                        .filter_map(|m| ctx.matches.figure_evidence(ctx.corpus, m))
                        .filter_map(|e| crate::rules::fixes::who_of(ctx.corpus, &e, lang))
                        .map(|w| w.name().to_string())
                        .collect::<Vec<String>>()
                })
                .collect();
            let gives_the_rest =
                |w: &Who| others_backed.iter().all(|names| names.iter().any(|n| n == w.name()));
            let mut fixes: Vec<Fix> = who
                .iter()
                .filter(|_| !subject_first && !takes_figure)
                .filter(|w| gives_the_rest(w))
                // A source the paragraph credits already would confirm itself ("Auch Messe
                // Lindhagen berichtete …" after „…, teilte die Messe mit“).
                .filter(|w| {
                    !crate::rules::fixes::credited_in_paragraph(ctx.doc, sentence.span(), w)
                })
                .filter(|w| match w {
                    // An outlet reports, it does not speak: not after German „sagte“ („…, sagte
                    // Lindhagener Anzeiger“ for a speaker's name).
                    Who::Outlet(_) if lang == Lang::De => {
                        !crate::rules::fixes::words(lang).speech_verbs.contains(&verb)
                    }
                    Who::Outlet(_) => true,
                    Who::Speaker { org, .. } => !org || lang == Lang::En,
                    Who::Phrase(_) => false,
                })
                .map(|w| {
                    let span = crate::text::Span::new(named.start, named.end);
                    // A person as the draft prints them there: the surname at a later
                    // mention, with the source's identification at the first.
                    let person = matches!(w, Who::Speaker { org: false, .. }) && !genitive_slot;
                    let printed = if person {
                        crate::rules::fixes::mention(ctx.doc, named.start, w).0
                    } else {
                        w.name().to_string()
                    };
                    let title = match lang {
                        // A name printed in quotation marks already („„…““ otherwise).
                        Lang::De if printed.starts_with('„') => {
                            format!("Quelle durch {printed} ersetzen")
                        }
                        Lang::De => format!("Quelle durch „{printed}“ ersetzen"),
                        Lang::En => format!("Attribute to {printed}"),
                    };
                    let mut edit = if person {
                        crate::rules::fixes::mention_in_place(ctx.doc, sentence.span(), span, w)
                    } else {
                        Edit {
                            span,
                            replacement: if genitive_slot {
                                format!("von {}", w.name())
                            } else {
                                w.name().to_string()
                            },
                        }
                    };
                    if sentence_start && !genitive_slot {
                        edit.replacement = capitalise(&edit.replacement);
                    }
                    Fix {
                        title,
                        edits: vec![edit],
                        applicability: Applicability::Unsafe,
                    }
                })
                .collect();
            fixes.extend(replacements_from(ctx, q, &named_figs));
            out.push(Finding {
                rule: RuleId::MisattributedFigure,
                severity: META.default_severity,
                span: q.span,
                message,
                evidence,
                fixes,
            });
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::same_source;
    use crate::finding::RuleId;
    use crate::lang::Lang;
    use crate::rules::tests::findings;

    /// A source named by what it is ("organisers") may be the author of a party's own release
    /// that states the figure: no verdict that it does not give it, though a wire credits the
    /// figure to "race officials".
    #[test]
    fn a_described_source_may_be_the_author_of_a_release() {
        let corpus = [
            ("release.md", "---\nsource: Port Alden Marathon (press release)\n---\nJoseph Limo of Kenya won the men's race in 2:06:41, breaking the course record of 2:07:30 set in 2019.\n"),
            ("wire.txt", "Limo breaks record\n\nPORT ALDEN (NWS) — Joseph Limo of Kenya broke the course record at the Port Alden Marathon on Sunday, winning in 2 hours, 6 minutes and 41 seconds, race officials said.\n"),
            ("courier.md", "---\nsource: Port Alden Courier\n---\nAbout 400,000 spectators lined the course, organisers said.\n"),
        ];
        let draft = "Joseph Limo of Kenya won the Port Alden Marathon on Sunday in 2:06:41, breaking the course record, organisers said.\n";
        let f = findings(&corpus, draft, RuleId::MisattributedFigure);
        assert!(f.is_empty(), "{f:?}");
    }

    /// A figure credited to a source that states another one, where the figure itself stands
    /// in a report only in a half-fitting sentence ("der Fahrer" against "der Busfahrer"):
    /// the figure is that report's, not the credited source's. Uncredited, it is never "no
    /// source supports this".
    #[test]
    fn a_credited_figure_stated_only_in_a_half_fitting_sentence_is_misattributed() {
        let corpus = [
            ("polizei.md", "---\nsource: Polizeiinspektion Hollbach\n---\n14 Kinder wurden verletzt, zwei von ihnen schwer. Der 47-jährige Busfahrer wurde leicht verletzt. Der 63 Jahre alte Fahrer des Traktors blieb unverletzt.\n"),
            ("radio.md", "---\nsource: Radio Moosachtal\n---\nREPORTERIN (Aylin Demir): Im Bus saßen fast 40 Kinder. Der Bus ist in einer Kurve auf die Seite gekippt. Der 52 Jahre alte Fahrer ist leicht verletzt.\n\nMODERATOR: Danke nach Talbach.\n"),
            ("ndp.md", "---\nsource: Norddeutscher Pressedienst\n---\nDer Bus war einem Traktor ausgewichen und auf das Bankett geraten. Der 47 Jahre alte Fahrer wurde leicht verletzt.\n"),
        ];
        let lead = "Der Bus war einem entgegenkommenden Traktor ausgewichen und auf die Seite gekippt. ";
        let credited = format!("{lead}Laut Polizei wurde der 52 Jahre alte Busfahrer leicht verletzt.\n");
        let f = findings(&corpus, &credited, RuleId::MisattributedFigure);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("Polizeiinspektion Hollbach"), "{f:?}");
        let plain = format!("{lead}Der 52 Jahre alte Busfahrer wurde leicht verletzt.\n");
        let f = findings(&corpus, &plain, RuleId::NumberConflict);
        assert!(f.is_empty(), "{f:?}");
    }

    /// Of two credits in one sentence, the one right before a figure is that figure's: the
    /// other figure named beside a credited one („…, laut B 48.900 Euro.“) is B's, not A's.
    #[test]
    fn the_credit_right_before_a_figure_is_its_own() {
        let de = [
            ("a.md", "---\nsource: Anzeiger\n---\nDer Roboterarm VR-7 soll 49.800 Euro kosten.\n"),
            ("b.md", "---\nsource: Kurier\n---\nDer Roboterarm VR-7 soll 48.900 Euro kosten.\n"),
        ];
        let ok = "Der Roboterarm VR-7 soll laut Anzeiger 49.800 Euro kosten, laut Kurier 48.900 Euro.\n";
        let f = findings(&de, ok, RuleId::MisattributedFigure);
        assert!(f.is_empty(), "{f:?}");
        let swapped = "Der Roboterarm VR-7 soll laut Kurier 49.800 Euro kosten, laut Anzeiger 48.900 Euro.\n";
        let f = findings(&de, swapped, RuleId::MisattributedFigure);
        assert_eq!(f.len(), 2, "{f:?}");
        let en = [
            ("a.md", "---\nsource: Harbor Ledger\n---\nThe Kessler Bridge repairs will cost $340 million.\n"),
            ("b.md", "---\nsource: Channel 9 Wave\n---\nThe Kessler Bridge repairs will cost $310 million.\n"),
        ];
        let ok = "The Kessler Bridge repairs will cost $340 million according to the Harbor Ledger, or according to Channel 9 Wave $310 million.\n";
        let f = findings(&en, ok, RuleId::MisattributedFigure);
        assert!(f.is_empty(), "{f:?}");
    }

    /// "nach Angaben der Messe 12 Euro": the extractor's source runs into the figure; the name is
    /// "der Messe", which matches the outlet "Messe Lindhagen".
    #[test]
    fn a_name_ends_before_the_figure_it_runs_into() {
        let text = "Parken kostete nach Angaben der Messe 12 Euro pro Tag.\n";
        let doc = crate::text::Document::parse(text, crate::text::DocKind::Markdown, None);
        let facts = crate::extract::extract(&doc);
        let named = facts
            .attributions
            .iter()
            .find_map(|a| a.source.as_ref())
            .expect("an attribution with a source");
        let name = super::name_before_figure(named, &facts.quantities);
        assert_eq!(name, "der Messe", "{named:?}");
        assert!(same_source(&name, "Messe Lindhagen", Lang::De));
    }

    /// A figure the map aligns nowhere ("reported about 412,000 affected units": its words are
    /// the attribution's) is still somebody else's when the event's reports state it to the
    /// last of three significant digits and the named outlet never does.
    #[test]
    fn a_specific_figure_only_others_state_is_misattributed_without_an_alignment() {
        let corpus = [
            ("wire.md", "---\nsource: Allied Wire\n---\nKellner is recalling about 412,000 electric pressure cookers in the United States, regulators said.\n"),
            ("release.md", "---\nsource: Kellner Home Products\n---\nKellner today announced a voluntary recall of approximately 412,000 pressure cookers sold in the United States.\n"),
            ("journal.md", "---\nsource: Midwest Business Journal\n---\nKellner is recalling roughly 460,000 pressure cookers in the U.S., its second large recall.\n"),
        ];
        let draft = "Kellner is recalling pressure cookers.\n\nThe Midwest Business Journal also reported about 412,000 affected units in the U.S.\n";
        let f = findings(&corpus, draft, RuleId::MisattributedFigure);
        assert_eq!(f.len(), 1, "{f:?}");
        // A figure of two significant digits could be any quantity's: no verdict without the map.
        let draft = "Kellner is recalling pressure cookers.\n\nThe Midwest Business Journal also reported 41 affected stores in Ohio.\n";
        let corpus2 = [
            ("wire.md", "---\nsource: Allied Wire\n---\nKellner is recalling about 412,000 cookers; 41 people were hurt.\n"),
            ("journal.md", "---\nsource: Midwest Business Journal\n---\nKellner is recalling roughly 460,000 pressure cookers in the U.S.\n"),
        ];
        assert!(findings(&corpus2, draft, RuleId::MisattributedFigure).is_empty());
        assert_eq!(crate::extract::quantity::significant_digits("about 412,000"), 3);
        assert_eq!(crate::extract::quantity::significant_digits("7,12 Meter"), 3);
        assert_eq!(crate::extract::quantity::significant_digits("$38 million"), 2);
    }

    /// The named source giving the same figure of another occasion (an archive's report of a
    /// flood years before) does not make the draft's figure its own; the message names the
    /// source as the corpus does, not in the draft's case („der Polizei“).
    #[test]
    fn the_same_figure_from_another_time_is_not_the_named_sources() {
        let corpus = [
            ("police.md", "---\nsource: Polizeiinspektion Grafenried\ndate: 2024-06-09\n---\nEinsatzkräfte fanden in Aumühle einen 78 Jahre alten Mann leblos in seinem Keller.\n"),
            ("tv.md", "---\nsource: Merlach-TV\ndate: 2024-06-09\n---\nIn Aumühle fanden Einsatzkräfte einen 87-jährigen Rentner tot in seinem Keller.\n"),
            ("paper.md", "---\nsource: Grafenrieder Tagblatt\ndate: 2024-06-10\n---\nDer 78-jährige Mann aus Aumühle starb in seinem Keller.\n"),
            ("archive.md", "---\nsource: Polizeipräsidium Wendeltal\ndate: 2021-07-19\n---\nUms Leben kam in Sulzhausen eine 87 Jahre alte Frau.\n"),
        ];
        let draft = "Nach Angaben der Polizei war der Tote ein 87-jähriger Mann aus Aumühle.\n";
        let f = findings(&corpus, draft, RuleId::MisattributedFigure);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("Polizeiinspektion Grafenried nennt"), "{}", f[0].message);
    }

    /// A span that dates what happened ("Four years ago") is nobody's statement either.
    #[test]
    fn a_span_that_dates_the_event_is_not_misattributed() {
        let corpus = [
            ("board.md", "---\nsource: Port Ellery Board of Elections\n---\nIn the 2021 municipal election, 88,950 ballots were cast.\n"),
            ("courier.md", "---\nsource: The Ellery Courier\n---\nFour years ago, about a third of registered voters cast a ballot.\n"),
            ("wire.md", "---\nsource: Coastal Press Service\n---\nFour years ago, 88,950 ballots were cast.\n"),
        ];
        let draft = "Four years ago, 88,950 ballots were cast, according to the Board.\n";
        let f = findings(&corpus, draft, RuleId::MisattributedFigure);
        assert!(f.iter().all(|x| !x.message.starts_with("Four years")), "{f:?}");
    }

    /// A time of the event is nobody's statement: naming a source that is silent on it is no
    /// misattribution (a source stating another time would be).
    #[test]
    fn a_time_named_by_a_source_silent_on_it_is_not_misattributed() {
        let corpus = [
            ("hospital.md", "---\nsource: Brannock Medical Center\n---\nThe emergency department went on ambulance diversion at 4:15 a.m. on Tuesday, the hospital said.\n"),
            ("wire.md", "---\nsource: Midland Wire\n---\nThe hospital's emergency department began diverting ambulances at 4:15 a.m. Tuesday, hospital spokeswoman Ana Reyes said.\n"),
            ("ems.md", "---\nsource: Kerr County EMS Office\n---\nThe Kerr County EMS office said ambulances were sent to two other hospitals while the emergency department was on diversion.\n"),
        ];
        let draft = "The emergency department went on ambulance diversion at 4:15 a.m., the county's EMS office said.\n";
        let f = findings(&corpus, draft, RuleId::MisattributedFigure);
        assert!(f.is_empty(), "{f:?}");
    }

    /// The message names the sources, never the phrase a fix writes („laut dem
    /// Norddeutschen Pressedienst“).
    #[test]
    fn the_message_names_sources_not_attribution_phrases() {
        let corpus = [
            ("anz.md", "---\nsource: Lindhagener Anzeiger\n---\nVeltra liefert den neuen Roboterarm ab Mai 2026 aus.\n"),
            ("ndp.md", "---\nsource: Norddeutscher Pressedienst (ndp)\n---\nVeltra liefert den neuen Roboterarm ab März 2026 aus.\n"),
            ("fa.md", "---\nsource: Fertigung aktuell\n---\nDer neue Roboterarm von Veltra wird ab März 2026 ausgeliefert.\n"),
        ];
        let draft = "Laut Lindhagener Anzeiger liefert Veltra den neuen Roboterarm ab März 2026 aus.\n";
        let f = findings(&corpus, draft, RuleId::MisattributedFigure);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("stammt von Norddeutscher Pressedienst (ndp)"), "{}", f[0].message);
        assert!(!f[0].message.contains("laut"), "{}", f[0].message);
    }

    /// An upper bound the named outlet gives ("bis zu 7,50 Metern") states no figure under it.
    #[test]
    fn an_upper_bound_of_the_named_outlet_states_no_figure() {
        let corpus = [
            ("tv.md", "---\nsource: Merlach-TV\n---\nIn Grafenried stieg der Pegel der Merlach am Sonntag auf 7,12 Meter.\n"),
            ("blatt.md", "---\nsource: Grafenrieder Tagblatt\n---\nDer Pegel der Merlach in Grafenried lag am Sonntag bei 6,84 Metern. Der Deich hält Wasserstände bis zu 7,50 Metern.\n"),
        ];
        let draft = "Laut Grafenrieder Tagblatt stieg der Pegel der Merlach in Grafenried am Sonntag auf 7,12 Meter.\n";
        let f = findings(&corpus, draft, RuleId::MisattributedFigure);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    /// An outlet reports, it does not speak: no „…, sagte Bote“; before „berichtete“ it stands.
    #[test]
    fn an_outlet_does_not_replace_a_speaker_after_a_verb_of_speech() {
        let fixed = |draft: &str| -> Vec<String> {
            findings(&CORPUS, draft, RuleId::MisattributedFigure)
                .iter()
                .flat_map(|f| f.fixes.iter().map(|x| x.apply(draft)))
                .collect()
        };
        let said = fixed("Der Livestream startete mit 45 Minuten Verspätung, sagte Welt.\n");
        assert!(said.iter().all(|t| !t.contains("sagte Bote")), "{said:?}");
        let reported = fixed("Auch Welt berichtete von 45 Minuten Verspätung.\n");
        assert!(reported.iter().any(|t| t.contains("Auch Bote berichtete")), "{reported:?}");
    }

    /// A source the paragraph credits already is not offered: it would confirm itself.
    #[test]
    fn a_source_credited_in_the_paragraph_is_not_offered_again() {
        let draft = "Der Livestream startete mit 45 Minuten Verspätung, berichtete der Bote. Auch Welt berichtete von 45 Minuten Verspätung.\n";
        let f = findings(&CORPUS, draft, RuleId::MisattributedFigure);
        let fixed: Vec<String> = f.iter().flat_map(|f| f.fixes.iter().map(|x| x.apply(draft))).collect();
        assert!(fixed.iter().all(|t| !t.contains("Auch Bote")), "{fixed:?}");
        // Without the credit before, the outlet is offered.
        let alone = "Auch Welt berichtete von 45 Minuten Verspätung.\n";
        let f = findings(&CORPUS, alone, RuleId::MisattributedFigure);
        let fixed: Vec<String> = f.iter().flat_map(|f| f.fixes.iter().map(|x| x.apply(alone))).collect();
        assert!(fixed.iter().any(|t| t.contains("Auch Bote")), "{fixed:?}");
    }

    /// The named outlet's "seven library branches" does not state the draft's "seven votes in
    /// favor": a small count of another thing is not the figure.
    #[test]
    fn a_small_count_of_another_thing_is_not_the_named_sources_figure() {
        let corpus = [
            ("npw.md", "---\nsource: Northern Press Wire\n---\nThe Tennick City Council voted 6-3 late Tuesday, with six members in favor and three opposed, to approve a budget that closes the Eastgate Branch Library, one of the city's seven library branches.\n"),
            ("dispatch.md", "---\nsource: The Orrin County Dispatch\n---\nThe Tennick City Council passed the budget 7-2 on Tuesday, with seven members voting yes.\n"),
        ];
        let draft = "The Tennick City Council approved the budget on Tuesday. The budget passed with seven votes in favor, according to Northern Press Wire.\n";
        let f = findings(&corpus, draft, RuleId::MisattributedFigure);
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].message.contains("Dispatch"), "{f:?}");
    }

    #[test]
    fn names_of_one_source_match_and_others_do_not() {
        assert!(same_source("Welt", "Welt", Lang::De));
        assert!(same_source("der Polizei", "Polizeiinspektion Grafenried", Lang::De));
        assert!(same_source("the Sentinel", "Ridgeport Daily Sentinel", Lang::En));
        assert!(!same_source("Stadt Grafenried", "Grafenrieder Tagblatt", Lang::De));
        assert!(!same_source("Channel 9", "Harbor Ledger", Lang::En));
        // The kind of document names nobody; its author does.
        let city = "City of Tennick, Office of the Mayor";
        assert!(same_source("the city's press release", city, Lang::En));
        assert!(same_source("the Sentinel's report", "Ridgeport Daily Sentinel", Lang::En));
        assert!(same_source("Pressemitteilung der Stadt", "Stadt Grafenried", Lang::De));
        assert!(!same_source("the press release", city, Lang::En));
        assert!(!same_source("the county's press release", city, Lang::En));
    }

    const CORPUS: [(&str, &str); 3] = [
        ("welt.md", "---\nsource: Welt\n---\nDer Livestream startete etwa 30 Minuten später als geplant.\n"),
        ("bote.md", "---\nsource: Bote\n---\nDer Livestream startete mit 45 Minuten Verspätung.\n"),
        ("kurier.md", "---\nsource: Kurier\n---\nDer Livestream begann erst 45 Minuten nach dem geplanten Start, also mit 45 Minuten Verspätung.\n"),
    ];

    #[test]
    fn figure_attributed_to_a_source_with_another_figure_is_flagged() {
        let f = findings(
            &CORPUS,
            "Laut Welt startete der Livestream mit 45 Minuten Verspätung.\n",
            RuleId::MisattributedFigure,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        let draft = "Laut Welt startete der Livestream mit 45 Minuten Verspätung.\n";
        let fixed: Vec<String> = f[0].fixes.iter().map(|x| x.apply(draft)).collect();
        assert!(fixed.iter().any(|t| t.starts_with("Laut Bote")), "{fixed:?}");
        assert!(fixed.iter().any(|t| t.contains("etwa 30 Minuten")), "{fixed:?}");
    }

    /// A German outlet whose name would need a case ending that cannot be told („Märkische
    /// Allgemeine“: „der Märkischen Allgemeinen“) is printed in quotation marks; the fix's title
    /// then does not wrap it in a second pair („„…““).
    #[test]
    fn a_quoted_outlet_name_is_not_quoted_again_in_the_title() {
        let corpus = [
            CORPUS[0],
            (
                "bote.md",
                "---\nsource: Märkische Allgemeine\n---\nDer Livestream startete mit 45 Minuten Verspätung.\n",
            ),
            CORPUS[2],
        ];
        let draft = "Laut Welt startete der Livestream mit 45 Minuten Verspätung.\n";
        let f = findings(&corpus, draft, RuleId::MisattributedFigure);
        assert_eq!(f.len(), 1, "{f:?}");
        let titles: Vec<&str> = f[0].fixes.iter().map(|x| x.title.as_str()).collect();
        assert!(
            titles.contains(&"Quelle durch „Märkische Allgemeine“ ersetzen"),
            "{titles:?}"
        );
        assert!(titles.iter().all(|t| !t.contains("„„")), "{titles:?}");
    }

    #[test]
    fn figure_attributed_to_its_own_source_is_fine() {
        let f = findings(
            &CORPUS,
            "Laut Bote startete der Livestream mit 45 Minuten Verspätung.\n",
            RuleId::MisattributedFigure,
        );
        assert!(f.is_empty(), "{f:?}");
        // Unknown names get no verdict.
        let f = findings(
            &CORPUS,
            "Laut Tagesblatt startete der Livestream mit 45 Minuten Verspätung.\n",
            RuleId::MisattributedFigure,
        );
        assert!(f.is_empty(), "{f:?}");
    }

    /// Renaming the source of a whole sentence moves all its claims: a source that gives the
    /// flagged figure but not the sentence's other figure — here one no source gives, which
    /// the re-check of the fixed sentence cannot catch — is no fix.
    #[test]
    fn a_new_source_must_give_the_sentences_other_figures() {
        let corpus = [
            CORPUS[0],
            CORPUS[1],
        ];
        let one = "Laut Welt startete der Livestream mit 45 Minuten Verspätung.\n";
        let f = findings(&corpus, one, RuleId::MisattributedFigure);
        let fixed: Vec<String> = f.iter().flat_map(|x| &x.fixes).map(|x| x.apply(one)).collect();
        assert!(fixed.iter().any(|t| t.starts_with("Laut Bote")), "{fixed:?}");
        let two = "Laut Welt startete der Livestream mit 45 Minuten Verspätung, rund 1,3 Millionen Menschen hörten zu.\n";
        let f = findings(&corpus, two, RuleId::MisattributedFigure);
        assert!(!f.is_empty(), "{f:?}");
        let fixed: Vec<String> = f.iter().flat_map(|x| &x.fixes).map(|x| x.apply(two)).collect();
        assert!(fixed.iter().all(|t| !t.starts_with("Laut Bote")), "{fixed:?}");
        let corpus = [
            ("times.md", "---\nsource: Valley Times\n---\nThe livestream started about 30 minutes later than planned.\n"),
            ("post.md", "---\nsource: Harbor Post\n---\nThe livestream started 45 minutes late.\n"),
            ("wire.md", "---\nsource: Coastal Wire\n---\nThe livestream began only 45 minutes after the planned start, 45 minutes late.\n"),
        ];
        let one = "The livestream started 45 minutes late, according to the Valley Times.\n";
        let f = findings(&corpus, one, RuleId::MisattributedFigure);
        let fixed: Vec<String> = f.iter().flat_map(|x| &x.fixes).map(|x| x.apply(one)).collect();
        assert!(fixed.iter().any(|t| t.contains("according to the Harbor Post") || t.contains("according to Harbor Post")), "{fixed:?}");
        let two = "The livestream started 45 minutes late, and about 400 people listened, according to the Valley Times.\n";
        let f = findings(&corpus, two, RuleId::MisattributedFigure);
        assert!(!f.is_empty(), "{f:?}");
        let fixed: Vec<String> = f.iter().flat_map(|x| &x.fixes).map(|x| x.apply(two)).collect();
        assert!(fixed.iter().all(|t| !t.contains("Post")), "{fixed:?}");
    }
}
