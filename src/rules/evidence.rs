//! Matching a draft against the corpus, once per draft, for all rules: the corpus sentences that
//! speak of the same thing as each draft sentence, the corpus figures that measure the same
//! quantity as each draft figure, and where each draft quotation is found.

use crate::config::{Config, Tolerance};
use crate::corpus::{Corpus, CorpusDoc};
use crate::extract::{Dimension, Facts, Quantity};
pub use crate::figmap::{agree, interval, local_context, overlap, Local};
use crate::figmap::{FigureMap, Mention};
use crate::finding::{Evidence, Relation};
use crate::lang::Lang;
use crate::text::words::{content_terms, words_in};
use crate::text::{Document, Span};
use std::collections::HashSet;

/// A corpus sentence related to a draft sentence.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Related {
    pub doc: usize,
    pub sentence: usize,
    pub sim: f32,
}

/// A corpus figure judged to measure the same quantity as a draft figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FigureMatch {
    pub doc: usize,
    pub sentence: usize,
    /// Index into the corpus document's `facts.quantities`.
    pub quantity: usize,
    pub sim: f32,
    pub supports: bool,
}

/// Where a draft quotation stands in the corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuoteMatch {
    /// The corpus sentence containing the quoted words (allowing inflection and punctuation).
    pub found: Option<(usize, usize)>,
    /// Otherwise the corpus sentence sharing most of the quoted words, with that share.
    pub closest: Option<(usize, usize, f32)>,
    /// Whether the quote has words to look for at all (not only function words).
    pub checkable: bool,
}

/// Corpus matches for one draft.
#[derive(Debug, Default)]
pub struct Matches {
    /// Per draft sentence, related corpus sentences, best first.
    pub related: Vec<Vec<Related>>,
    /// Per draft quantity (same order as `facts.quantities`), the same-quantity corpus figures.
    pub figures: Vec<Vec<FigureMatch>>,
    /// Per draft quote (same order as `facts.quotes`).
    pub quotes: Vec<QuoteMatch>,
    /// Where matching stopped when the time budget ran out: the byte offset of the first
    /// sentence left unmatched (nothing from there on may be reported).
    pub cutoff: Option<usize>,
    /// Per draft sentence, a hash of its section's event documents (what figure matches depend
    /// on beyond the sentence itself).
    pub sections: Vec<u64>,
    /// Per draft sentence, its section's event documents (sorted).
    pub events: Vec<std::sync::Arc<Vec<usize>>>,
}

/// A related corpus sentence at least this similar may be the same sentence (see
/// [`Matches::copied_from`]).
const VERBATIM: f32 = 0.9;

/// The words and numbers of a text, lower case, in order (what "word for word" compares).
fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The documents of the `related` sentences at [`VERBATIM`] or more whose words are `own`,
/// sorted, each once: what [`Matches::copied_from`] computes.
fn copied_among(corpus: &Corpus, own: &[String], related: &[Related]) -> Vec<usize> {
    let mut out: Vec<usize> = related
        .iter()
        .filter(|r| r.sim >= VERBATIM)
        .filter(|r| {
            corpus.docs.get(r.doc).is_some_and(|d| {
                d.doc
                    .sentences
                    .get(r.sentence)
                    .is_some_and(|cs| tokens(cs.span.slice(&d.doc.text)) == own)
            })
        })
        .map(|r| r.doc)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

impl Matches {
    /// The corpus documents that hold draft sentence `si` word for word (figures included).
    pub fn copied_from(&self, doc: &Document, corpus: &Corpus, si: usize) -> Vec<usize> {
        let Some(s) = doc.sentences.get(si) else {
            return Vec::new();
        };
        let own = tokens(s.span.slice(&doc.text));
        // The answer depends on these words and the verbatim candidates only: memoised in the
        // corpus (every re-check of a fix asks again for every sentence of the draft).
        let candidates: Vec<(usize, usize)> = self
            .related
            .get(si)
            .map(|rel| {
                rel.iter()
                    .filter(|r| r.sim >= VERBATIM)
                    .map(|r| (r.doc, r.sentence))
                    .collect()
            })
            .unwrap_or_default();
        if candidates.is_empty() {
            return Vec::new();
        }
        let related = self.related.get(si).map_or(&[][..], |r| r.as_slice());
        let found = corpus.memo.copied((own.clone(), candidates), || {
            copied_among(corpus, &own, related)
        });
        found.as_ref().clone()
    }

    /// The corpus document the draft reprints, if any: one document holds at least half of the
    /// draft's sentences of six words or more (and at least four of them) word for word — wire
    /// copy run under the paper's name, a partner's story taken over whole. Those sentences are
    /// that document's, credited by the byline: they need no attribution of their own and the
    /// figure rules read them as attributed to it (see [`Matches::credited`]). Sentences the
    /// draft adds are checked as ever.
    pub fn reprint(&self, doc: &Document, corpus: &Corpus) -> Option<usize> {
        let mut eligible = 0usize;
        let mut per_doc: std::collections::BTreeMap<usize, usize> = Default::default();
        for (si, s) in doc.sentences.iter().enumerate() {
            if s.span.slice(&doc.text).split_whitespace().count() < 6 {
                continue;
            }
            eligible += 1;
            for d in self.copied_from(doc, corpus, si) {
                *per_doc.entry(d).or_default() += 1;
            }
        }
        let (&d, &n) = per_doc
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
        (n >= 4 && 2 * n >= eligible).then_some(d)
    }

    /// Whether draft sentence `si` is a sentence of the document the draft reprints
    /// ([`Matches::reprint`], passed in as `reprint`), word for word.
    pub fn credited(
        &self,
        doc: &Document,
        corpus: &Corpus,
        reprint: Option<usize>,
        si: usize,
    ) -> bool {
        reprint.is_some_and(|d| self.copied_from(doc, corpus, si).contains(&d))
    }

    /// Computes all matches of a draft against the corpus.
    pub fn compute(doc: &Document, facts: &Facts, corpus: &Corpus, config: &Config) -> Matches {
        Matches::compute_until(doc, facts, corpus, config, None)
    }

    /// [`Matches::compute`], stopping at the first sentence reached after `deadline`: that
    /// sentence and the rest get no matches, and `cutoff` says where they start.
    pub fn compute_until(
        doc: &Document,
        facts: &Facts,
        corpus: &Corpus,
        config: &Config,
        deadline: Option<std::time::Instant>,
    ) -> Matches {
        let mut m = Matches::default();
        if corpus.is_empty() {
            m.related = vec![Vec::new(); doc.sentences.len()];
            m.figures = vec![Vec::new(); facts.quantities.len()];
            m.quotes = vec![QuoteMatch::default(); facts.quotes.len()];
            return m;
        }
        let text = crate::extract::term_text(doc, facts);
        let draft_terms: Vec<Vec<String>> = doc
            .sentences
            .iter()
            .map(|s| crate::extract::sentence_terms(doc, &text, s))
            .collect();
        {
            // One round trip for every term's frequency where the corpus is in a database.
            let mut all: Vec<&str> = draft_terms.iter().flatten().map(|t| t.as_str()).collect();
            all.sort_unstable();
            all.dedup();
            corpus.index.prefetch(&all);
        }
        for (si, terms) in draft_terms.iter().enumerate() {
            if m.cutoff.is_none() && deadline.is_some_and(|d| std::time::Instant::now() >= d) {
                m.cutoff = Some(doc.sentences[si].span.start);
            }
            if m.cutoff.is_some() {
                m.related.push(Vec::new());
                continue;
            }
            // Unchanged sentences (the usual case while typing) come from the corpus's memo.
            let rel = corpus.memo.related(terms, || {
                let hits = corpus.index.search(terms, 40);
                corpus.docs.prefetch(hits.iter().map(|h| h.doc));
                let mut rel: Vec<(usize, usize, f32)> = hits
                    .iter()
                    .map(|h| {
                        (
                            h.doc,
                            h.sentence,
                            overlap(corpus, terms, corpus.terms(h.doc, h.sentence)),
                        )
                    })
                    .collect();
                rel.sort_by(|a, b| b.2.total_cmp(&a.2));
                rel
            });
            m.related.push(
                rel.iter()
                    .map(|&(doc, sentence, sim)| Related { doc, sentence, sim })
                    .collect(),
            );
        }
        let mut sections = event_docs(doc, &draft_terms, &m.related, corpus, m.cutoff.is_some());
        // When the section's event happened, from the dates of the reports it relates to (or
        // the draft's own date): figures of other times are other quantities.
        let own = doc
            .meta
            .date
            .as_deref()
            .and_then(crate::figmap::similar::report_window);
        let windows = section_windows(doc, &m.related, corpus);
        let home = crate::extract::place::home_place(doc);
        for (sec, w) in sections.iter_mut().zip(&windows) {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            sec.0.hash(&mut h);
            w.or(own).hash(&mut h);
            // The town the draft is about depends on the whole draft and decides which
            // figures of other towns are evidence: part of the section's key (and so of the
            // figure memo's and the rules' block keys).
            home.hash(&mut h);
            sec.0 = h.finish();
        }
        m.sections = sections.iter().map(|(h, _)| *h).collect();
        m.events = sections
            .iter()
            .map(|(_, e)| std::sync::Arc::clone(e))
            .collect();
        let unchecked = |span: Span| m.cutoff.is_some_and(|c| span.end > c);
        for (n, q) in facts.quantities.iter().enumerate() {
            // "$55 million to $70 million" is one figure with two numbers: it is judged once,
            // by its first half (as the figure map keeps only the first half of a source's).
            let second_half = q.approx == crate::extract::Approx::Range
                && facts.quantities[..n].iter().any(|p| {
                    p.approx == crate::extract::Approx::Range
                        && p.low == q.low
                        && p.high == q.high
                        && doc.sentence_at(p.span.start) == doc.sentence_at(q.span.start)
                });
            // A year opening a sentence that dates the sentence's count ("2024 lag der Umsatz
            // bei 287 Millionen Euro"): the time the figure holds, not a figure of its own —
            // another year there names another quantity.
            let frame = q.dimension == Dimension::Year
                && doc
                    .sentence_at(q.span.start)
                    .and_then(|si| doc.sentences.get(si))
                    .is_some_and(|s| {
                        crate::figmap::similar::opens_unit(&doc.masked, s.span, q, 2)
                            && facts.quantities.iter().any(|x| {
                                x.span.start > q.span.end
                                    && s.span.contains(x.span)
                                    && !matches!(
                                        x.dimension,
                                        Dimension::Year
                                            | Dimension::Date
                                            | Dimension::TimeOfDay
                                            | Dimension::Duration
                                    )
                            })
                    });
            if unchecked(q.span) || second_half || frame {
                m.figures.push(Vec::new());
                continue;
            }
            let si = doc.sentences.iter().position(|s| s.span.contains(q.span));
            let figs = match si {
                Some(si) => {
                    // Keyed by the sentence's text and the figure's place in it: the result
                    // depends on nothing else in the draft.
                    let sent = doc.sentences[si].span;
                    let t = &config.tolerance;
                    let (section, event) = &sections[si];
                    // The draft's language decides stems, counted nouns and which corpus
                    // documents count, so it is part of the key.
                    // The entry time opening the figure's paragraph (a live blog's) may
                    // stand in an earlier sentence: part of the key.
                    let moment = crate::figmap::similar::block_moment(
                        &doc.masked,
                        doc.blocks
                            .get(doc.sentences[si].block)
                            .map_or(sent, |b| b.span),
                        q,
                        &facts.quantities,
                    );
                    // A date opening the paragraph dates the figure (`similar::when`), and the
                    // speakers the sentence's attributions name may stand outside it: both are
                    // part of the key.
                    let block_start = doc
                        .blocks
                        .get(doc.sentences[si].block)
                        .map_or(sent.start, |b| b.span.start.min(sent.start));
                    let speakers: Vec<(isize, isize)> = crate::figmap::speaker_spans(facts, sent)
                        .iter()
                        .map(|s| {
                            (
                                s.start as isize - sent.start as isize,
                                s.end as isize - sent.start as isize,
                            )
                        })
                        .collect();
                    // A table cell is read in its row and under its column's header
                    // (`figmap::similar::figure_unit`, `table_when`): both are part of the key.
                    let table = if doc
                        .blocks
                        .get(doc.sentences[si].block)
                        .is_some_and(|b| b.kind == crate::text::BlockKind::TableCell)
                    {
                        let unit = crate::figmap::similar::figure_unit(doc, &doc.sentences[si]);
                        let ctx = crate::text::table::cell_context(&doc.text, sent);
                        let header = ctx
                            .as_ref()
                            .and_then(|c| c.header)
                            .map_or("", |h| h.slice(&doc.text));
                        let headers: Vec<&str> = ctx
                            .as_ref()
                            .map(|c| c.headers.iter().map(|h| h.slice(&doc.text)).collect())
                            .unwrap_or_default();
                        format!(
                            "{}\u{2}{}\u{2}{header}\u{2}{headers:?}",
                            sent.start - unit.start.min(sent.start),
                            unit.slice(&doc.text)
                        )
                    } else {
                        String::new()
                    };
                    let key = format!(
                        "{:?}\u{1}{}\u{1}{}\u{1}{}\u{1}{}\u{1}{}/{}/{}/{}\u{1}{section}\u{1}{moment:?}\u{1}{speakers:?}\u{1}{table}",
                        doc.lang,
                        doc.masked.get(block_start..sent.start).unwrap_or(""),
                        sent.slice(&doc.masked),
                        q.span.start - sent.start,
                        q.span.end - sent.start,
                        t.about,
                        t.nearly,
                        t.more_than,
                        t.just_over
                    );
                    let window = windows.get(si).copied().flatten().or(own);
                    let tuples = corpus.memo.figures(key, || {
                        if crate::figmap::trace() {
                            let names: Vec<&str> = event
                                .iter()
                                .filter_map(|&d| corpus.docs.get(d))
                                .map(|d| d.source.name.as_str())
                                .collect();
                            eprintln!("figure {:?}: event documents {names:?}", q.text);
                        }
                        let map = figure_map(corpus, event, t);
                        let draft = Draft {
                            doc,
                            facts,
                            home: home.as_deref(),
                        };
                        match_figure(draft, q, &draft_terms[si], window, &map, corpus, t)
                            .into_iter()
                            .map(|f| (f.doc, f.sentence, f.quantity, f.sim, f.supports))
                            .collect()
                    });
                    tuples
                        .iter()
                        .map(|&(doc, sentence, quantity, sim, supports)| FigureMatch {
                            doc,
                            sentence,
                            quantity,
                            sim,
                            supports,
                        })
                        .collect()
                }
                None => Vec::new(),
            };
            m.figures.push(figs);
        }
        one_source_figure_per_sentence(doc, facts, &mut m.figures);
        stated_values_contradict_nothing(doc, facts, corpus, &mut m.figures);
        for q in &facts.quotes {
            if m.cutoff.is_some_and(|c| q.span.end > c) {
                m.quotes.push(QuoteMatch::default());
                continue;
            }
            // Quotes are looked for in documents of the draft's language, as its stems.
            let key = format!("{:?}\u{1}{}", doc.lang, q.inner.slice(&doc.masked));
            let (found, closest, checkable) = corpus.memo.quote(&key, || {
                let r = match_quote(doc, q.inner, corpus);
                (r.found, r.closest, r.checkable)
            });
            m.quotes.push(QuoteMatch {
                found,
                closest,
                checkable,
            });
        }
        m
    }

    /// Evidence for a figure match.
    pub fn figure_evidence(&self, corpus: &Corpus, f: &FigureMatch) -> Option<Evidence> {
        let d = corpus.docs.get(f.doc)?;
        let q = d.facts.quantities.get(f.quantity)?;
        let mut e = sentence_evidence(
            d,
            f.sentence,
            if f.supports {
                Relation::Supports
            } else {
                Relation::Contradicts
            },
        )?;
        e.figure = Some(q.text.clone());
        // A figure in the speaker's own phrase ("Renata Solvik, 52, told reporters …") is the
        // outlet's, not something the speaker said.
        let s = d.doc.sentences.get(f.sentence)?.span;
        let in_subject = d
            .facts
            .attributions
            .iter()
            .filter(|a| a.sentence_span == s)
            .filter_map(|a| a.source.as_ref().map(|src| (src, a.cue)))
            .any(|(src, cue)| q.span.start >= src.start && q.span.end <= cue.start);
        if in_subject {
            e.speaker = None;
        }
        Some(e)
    }
}

/// Evidence pointing at a corpus sentence.
pub fn sentence_evidence(d: &CorpusDoc, sentence: usize, relation: Relation) -> Option<Evidence> {
    let s = d.doc.sentences.get(sentence)?;
    let excerpt: String = s
        .span
        .slice(&d.doc.text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let speaker = d
        .facts
        .attributions
        .iter()
        .find(|a| a.sentence_span == s.span)
        .and_then(|a| a.source.as_ref().map(|s| s.text.clone()));
    Some(Evidence {
        source: d.source.clone(),
        span: s.span,
        start: d.lines.line_col(&d.doc.text, s.span.start),
        end: d.lines.line_col(&d.doc.text, s.span.end),
        excerpt,
        relation,
        figure: None,
        speaker,
    })
}

/// The reports of the event a section of the draft (the sentences between two headings) is
/// about, sorted. In a large corpus, many reports use the same words as the section (every
/// rail strike has cancelled trains and commuters); what sets the event's own reports apart are
/// the section's rare words (names of places, firms, events). So documents are scored by the
/// idf of the rare section terms they contain, and those near the best are kept. In a small
/// corpus (under [`EVENT_MIN_CORPUS`] documents) every document is taken to be about the event,
/// except reports set in a place the draft never names, apart from the place the draft and most
/// reports share (`corpus::places`).
type EventDocs = Vec<usize>;

/// At most this many documents are kept as reports of a section's event.
const EVENT_DOCS: usize = 48;
/// A document scoring below this share of the best document is about another event.
const EVENT_RELATIVE: f32 = 0.5;
/// A term is rare when at most this share of corpus sentences contain it …
const RARE_SHARE: f32 = 0.002;
/// … or at most this many.
const RARE_MIN: usize = 8;
/// Corpora smaller than this are taken to be about the draft's events: every document counts (in a handful of reports on one event, "rare" says nothing, and a short report shares
/// fewer words than a long one without being about something else).
pub const EVENT_MIN_CORPUS: usize = 200;

/// The sections of a draft (heading to heading) as sentence index ranges `(start, end)`.
fn sections_of(doc: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < doc.sentences.len() {
        let mut end = start + 1;
        while end < doc.sentences.len() && !doc.sentences[end].heading {
            end += 1;
        }
        out.push((start, end));
        start = end;
    }
    out
}

/// Per draft sentence, its section's id (a hash of its event documents, for memo keys) and
/// event documents, shared by the sentences of one section.
fn event_docs(
    doc: &Document,
    draft_terms: &[Vec<String>],
    related: &[Vec<Related>],
    corpus: &Corpus,
    partial: bool,
) -> Vec<(u64, std::sync::Arc<Vec<usize>>)> {
    use std::hash::{Hash, Hasher};
    let mut out = Vec::with_capacity(doc.sentences.len());
    // Reports of a look-alike event somewhere else the draft never names (small corpora only:
    // a large one's event documents are chosen by the section's rare words, names among them).
    let small = corpus.docs.len() < EVENT_MIN_CORPUS;
    let mentions = if small {
        crate::extract::place::Mentions::of(doc)
    } else {
        crate::extract::place::Mentions::default()
    };
    let elsewhere = if small {
        crate::corpus::places::not_about(corpus.elsewhere(), &mentions)
    } else {
        Vec::new()
    };
    // Reports from a place the draft names only in passing (the neighbouring town's festival a
    // week before), while it names the place they are set apart from far more: evidence only
    // for the paragraphs that name their place.
    let passing: Vec<&crate::corpus::places::Elsewhere> = if small {
        corpus
            .elsewhere()
            .iter()
            .filter(|e| {
                let own = mentions.count(&e.own);
                own > 0
                    && e.rivals
                        .iter()
                        .any(|y| mentions.count(y) >= PASSING_RIVAL * own)
            })
            .collect()
    } else {
        Vec::new()
    };
    if crate::figmap::trace() {
        eprintln!(
            "elsewhere: {:?}; not about: {elsewhere:?}; in passing: {:?}",
            corpus.elsewhere(),
            passing.iter().map(|e| e.doc).collect::<Vec<_>>()
        );
    }
    for (start, end) in sections_of(doc) {
        let section = draft_terms.get(start..end).unwrap_or(&[]);
        let mut h = std::collections::hash_map::DefaultHasher::new();
        section.hash(&mut h);
        elsewhere.hash(&mut h);
        let key = h.finish();
        let compute = || {
            section_event_docs(
                section,
                related.get(start..end).unwrap_or(&[]),
                corpus,
                &elsewhere,
            )
        };
        // Matching cut short by the time budget left related lists empty: not to be memoised.
        let docs = if partial {
            std::sync::Arc::new(compute())
        } else {
            corpus.memo.events(key, compute)
        };
        // Figure matches depend on the event documents, not on the rest of the section: keyed
        // by them, they stay memoised while the section is edited.
        let mut h = std::collections::hash_map::DefaultHasher::new();
        docs.hash(&mut h);
        let whole = (h.finish(), docs);
        // The usual case (no report from a place named in passing): one list for the section,
        // no paragraph read.
        if passing.is_empty() {
            out.extend(std::iter::repeat_n(whole, end - start));
            continue;
        }
        for si in start..end {
            let block = doc
                .sentences
                .get(si)
                .and_then(|s| doc.blocks.get(s.block))
                .map_or("", |b| b.span.slice(&doc.masked));
            // A sentence set in a place named in passing, and naming none of the places it is
            // set apart from ("Zum Vergleich: Im benachbarten Mettenbach schenkten 21 Winzer
            // aus"), speaks of that place: only its reports are evidence.
            let sentence = doc
                .sentences
                .get(si)
                .map_or("", |s| s.span.slice(&doc.masked));
            let said = crate::extract::place::Mentions::of_text(sentence);
            let there: Vec<usize> = passing
                .iter()
                .filter(|e| {
                    said.count(&e.own) > 0
                        && e.rivals.iter().all(|r| said.count(r) == 0)
                        && whole.1.binary_search(&e.doc).is_ok()
                })
                .map(|e| e.doc)
                .collect();
            if !there.is_empty() {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                there.hash(&mut h);
                out.push((h.finish(), std::sync::Arc::new(there)));
                continue;
            }
            let here = crate::extract::place::Mentions::of_text(block);
            let drop: Vec<usize> = passing
                .iter()
                .filter(|e| here.count(&e.own) == 0 && whole.1.binary_search(&e.doc).is_ok())
                .map(|e| e.doc)
                .collect();
            if drop.is_empty() {
                out.push((whole.0, std::sync::Arc::clone(&whole.1)));
                continue;
            }
            let docs: Vec<usize> = whole
                .1
                .iter()
                .copied()
                .filter(|d| !drop.contains(d))
                .collect();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            docs.hash(&mut h);
            out.push((h.finish(), std::sync::Arc::new(docs)));
        }
    }
    out
}

/// A place the draft names at least this many times as often as another is what it is about;
/// the other it names in passing.
const PASSING_RIVAL: usize = 2;

/// The event documents of one section (see [`EventDocs`]), sorted.
fn section_event_docs(
    section: &[Vec<String>],
    related: &[Vec<Related>],
    corpus: &Corpus,
    elsewhere: &[usize],
) -> EventDocs {
    if corpus.docs.len() < EVENT_MIN_CORPUS {
        // All of them but the reports from elsewhere: the same list for every section, so
        // figure matches stay memoised while a section is edited.
        return (0..corpus.docs.len())
            .filter(|d| elsewhere.binary_search(d).is_err())
            .collect();
    }
    let rare_df = ((corpus.index.sentences() as f32 * RARE_SHARE) as usize).max(RARE_MIN);
    let mut terms: Vec<&str> = section.iter().flatten().map(|t| t.as_str()).collect();
    terms.sort_unstable();
    terms.dedup();
    let mut score: std::collections::HashMap<usize, f32> =
        related.iter().flatten().map(|r| (r.doc, 0.0)).collect();
    for t in terms {
        if !(1..=rare_df).contains(&corpus.index.df(t)) {
            continue;
        }
        let w = corpus.index.idf(t);
        for d in corpus.index.docs_with(t) {
            // Only documents related to some sentence of the section can be its reports.
            if let Some(s) = score.get_mut(&d) {
                *s += w;
            }
        }
    }
    let mut ranked: Vec<(usize, f32)> = score.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let best = ranked.first().map_or(0.0, |r| r.1);
    if crate::figmap::trace() {
        let top: Vec<String> = ranked
            .iter()
            .take(30)
            .map(|(d, s)| {
                format!(
                    "{}={s:.1}",
                    corpus.docs.get(*d).map_or("?", |x| x.source.name.as_str())
                )
            })
            .collect();
        eprintln!("event ranking: {}", top.join(" "));
    }
    let mut docs: Vec<usize> = ranked
        .into_iter()
        .take_while(|r| r.1 >= best * EVENT_RELATIVE)
        .take(EVENT_DOCS)
        .map(|r| r.0)
        .collect();
    docs.sort_unstable();
    docs
}

/// A section's time weighs this much more than any other time its related reports are from,
/// or it is left open.
const WINDOW_MARGIN: f32 = 1.5;

/// Two figures of one draft sentence are two quantities: a source figure that supports one
/// of them is that one's, and contradicts no other figure of the sentence ("600 Unterschriften
/// für Tempo 50" against „rund 600 Unterschriften“: the 50 is not the signatures).
fn one_source_figure_per_sentence(doc: &Document, facts: &Facts, figures: &mut [Vec<FigureMatch>]) {
    let sentence_of: Vec<Option<usize>> = facts
        .quantities
        .iter()
        .map(|q| doc.sentence_at(q.span.start))
        .collect();
    let mut taken: HashSet<(Option<usize>, usize, usize, usize)> = HashSet::new();
    for (qi, ms) in figures.iter().enumerate() {
        for m in ms.iter().filter(|m| m.supports) {
            taken.insert((
                sentence_of.get(qi).copied().flatten(),
                m.doc,
                m.sentence,
                m.quantity,
            ));
        }
    }
    if taken.is_empty() {
        return;
    }
    for (qi, ms) in figures.iter_mut().enumerate() {
        let si = sentence_of.get(qi).copied().flatten();
        if si.is_none() || ms.iter().any(|m| m.supports) {
            continue;
        }
        ms.retain(|m| !taken.contains(&(si, m.doc, m.sentence, m.quantity)));
    }
}

/// A source figure whose value a draft sentence states itself, as another figure of the same
/// kind, is that figure's variant and contradicts no other figure of the sentence: "hit by the
/// 7.6 and 7.5 magnitude quakes" is not contradicted by a report of a 7.6 quake, nor "four bombs
/// were dropped … the other two" by "four bombs". Only where a source supports the figure: one
/// no source supports keeps its contradictions. One side of a score ("the Colts (10-5)")
/// is a figure of its own kind: only another side of a score states it.
fn stated_values_contradict_nothing(
    doc: &Document,
    facts: &Facts,
    corpus: &Corpus,
    figures: &mut [Vec<FigureMatch>],
) {
    let base = |q: &crate::extract::Quantity| q.value * q.factor;
    let same = crate::figmap::similar::same_value;
    // A plain number and a count are one kind here: "the 7.6 and 7.5 magnitude quakes" gives
    // the counted noun to the second only.
    let kind = |d: Dimension| {
        if d == Dimension::Number {
            Dimension::Count
        } else {
            d
        }
    };
    let sentence_of: Vec<Option<usize>> = facts
        .quantities
        .iter()
        .map(|q| doc.sentence_at(q.span.start))
        .collect();
    for (qi, ms) in figures.iter_mut().enumerate() {
        let (Some(q), Some(si)) = (
            facts.quantities.get(qi),
            sentence_of.get(qi).copied().flatten(),
        ) else {
            continue;
        };
        let others: Vec<f64> = facts
            .quantities
            .iter()
            .enumerate()
            .filter(|&(oi, o)| {
                oi != qi
                    && sentence_of.get(oi).copied().flatten() == Some(si)
                    && o.score == q.score
                    && kind(o.dimension) == kind(q.dimension)
                    && !same(base(o), base(q))
            })
            .map(|(_, o)| base(o))
            .collect();
        // A figure no source supports keeps its contradictions: the draft may have swapped
        // two figures ("90,000 cross the bridge, and 68,000 use the tunnel").
        if others.is_empty() || !ms.iter().any(|m| m.supports) {
            continue;
        }
        ms.retain(|m| {
            m.supports
                || !corpus
                    .docs
                    .get(m.doc)
                    .and_then(|d| d.facts.quantities.get(m.quantity))
                    .is_some_and(|f| others.iter().any(|&v| same(v, base(f))))
        });
    }
}

/// Per draft sentence, the time window of its section's event: the dated reports its sentences
/// relate to, grouped by overlapping dates, the heaviest group (by similarity) when it clearly
/// outweighs the others. `None` when the corpus's reports are all of one time, or it is unclear.
fn section_windows(
    doc: &Document,
    related: &[Vec<Related>],
    corpus: &Corpus,
) -> Vec<Option<(i64, i64)>> {
    let dates = &corpus.windows;
    let overlap = |a: (i64, i64), b: (i64, i64)| a.0 <= b.1 && b.0 <= a.1;
    let mut out = Vec::with_capacity(doc.sentences.len());
    for (start, end) in sections_of(doc) {
        let mut score: std::collections::HashMap<usize, f32> = std::collections::HashMap::new();
        for rel in related.get(start..end).unwrap_or(&[]) {
            let mut best: std::collections::HashMap<usize, f32> = std::collections::HashMap::new();
            for r in rel {
                let e = best.entry(r.doc).or_default();
                *e = e.max(r.sim);
            }
            for (d, s) in best {
                *score.entry(d).or_default() += s;
            }
        }
        // In document order, so that sums do not depend on hash order.
        let mut dated: Vec<(usize, (i64, i64), f32)> = score
            .iter()
            .filter_map(|(&d, &s)| dates.get(d).copied().flatten().map(|w| (d, w, s)))
            .collect();
        dated.sort_unstable_by_key(|x| x.0);
        let dated: Vec<((i64, i64), f32)> = dated.into_iter().map(|(_, w, s)| (w, s)).collect();
        let mass = Masses::new(&dated);
        let mass = |w: (i64, i64)| mass.overlapping(w);
        let mut ranked: Vec<((i64, i64), f32)> =
            dated.iter().map(|(w, _)| (*w, mass(*w))).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let window = ranked.first().and_then(|&(w, m)| {
            let rival = ranked
                .iter()
                .filter(|(x, _)| !overlap(*x, w))
                .map(|(_, m)| *m)
                .fold(0.0f32, f32::max);
            // Only when another time is present at all, and clearly lighter.
            (rival > 0.0 && m >= rival * WINDOW_MARGIN).then_some(w)
        });
        out.extend(std::iter::repeat_n(window, end - start));
    }
    out
}

/// The summed weight of the dated reports whose windows overlap a window, for every report of
/// a section in O(n log n) rather than by pairs: a window `[b0, b1]` overlaps `[a0, a1]` when
/// `b0 <= a1` and not `b1 < a0` (and `b1 < a0` implies `b0 <= a1`), so the sum is the weight of
/// windows starting by `a1` less the weight of those ending before `a0`.
struct Masses {
    /// Window starts, sorted, with the running weight up to and including each.
    starts: Vec<(i64, f64)>,
    /// Window ends, sorted, with the running weight up to and including each.
    ends: Vec<(i64, f64)>,
}

impl Masses {
    fn new(dated: &[((i64, i64), f32)]) -> Self {
        let running = |mut v: Vec<(i64, f32)>| -> Vec<(i64, f64)> {
            v.sort_by_key(|x| x.0);
            let mut sum = 0.0f64;
            v.into_iter()
                .map(|(k, w)| {
                    sum += f64::from(w);
                    (k, sum)
                })
                .collect()
        };
        Masses {
            starts: running(dated.iter().map(|(w, s)| (w.0, *s)).collect()),
            ends: running(dated.iter().map(|(w, s)| (w.1, *s)).collect()),
        }
    }

    /// The weight of entries of `v` (sorted by key) whose key satisfies `below`.
    fn upto(v: &[(i64, f64)], below: impl Fn(i64) -> bool) -> f64 {
        let n = v.partition_point(|x| below(x.0));
        n.checked_sub(1).and_then(|i| v.get(i)).map_or(0.0, |x| x.1)
    }

    fn overlapping(&self, w: (i64, i64)) -> f32 {
        let started = Self::upto(&self.starts, |b0| b0 <= w.1);
        let ended = Self::upto(&self.ends, |b1| b1 < w.0);
        (started - ended).max(0.0) as f32
    }
}

/// The figure map of an event's documents, memoised by the documents and the tolerance.
pub fn figure_map(corpus: &Corpus, event: &[usize], tol: &Tolerance) -> std::sync::Arc<FigureMap> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    event.hash(&mut h);
    for x in [tol.about, tol.nearly, tol.more_than, tol.just_over] {
        x.to_bits().hash(&mut h);
    }
    corpus
        .memo
        .map(h.finish(), || FigureMap::build(corpus, event, tol))
}

/// The draft being matched.
#[derive(Clone, Copy)]
struct Draft<'a> {
    doc: &'a Document,
    facts: &'a Facts,
    /// The town the draft is about ([`crate::extract::place::home_place`]).
    home: Option<&'a str>,
}

/// Counts below this are small (see [`match_figure`]).
pub const SMALL_COUNT: f64 = 20.0;
/// How surely a small count must be aligned for "no source supports it".
const SMALL_CONFLICT_MIN: f32 = 0.65;

fn match_figure(
    draft: Draft,
    q: &Quantity,
    terms: &[String],
    window: Option<(i64, i64)>,
    map: &FigureMap,
    corpus: &Corpus,
    tol: &Tolerance,
) -> Vec<FigureMatch> {
    let Draft { doc, facts, home } = draft;
    let lang = doc.lang;
    let Some(q_sentence) = doc.sentences.iter().find(|s| s.span.contains(q.span)) else {
        return Vec::new();
    };
    // A table cell is read in its row.
    let unit = crate::figmap::similar::figure_unit(doc, q_sentence);
    let numbers: Vec<Span> = facts
        .quantities
        .iter()
        .filter(|x| unit.contains(x.span))
        .map(|x| x.number_span)
        .collect();
    let owners =
        crate::figmap::similar::owners(facts.quantities.iter().filter(|x| unit.contains(x.span)));
    let speakers = crate::figmap::speaker_spans(facts, q_sentence.span);
    let mut local = local_context(
        &doc.masked,
        unit,
        q.span,
        &numbers,
        &owners,
        &crate::figmap::owned_speakers(&doc.masked, q, &speakers),
        lang,
    )
    .for_point(q);
    if local.places.is_empty() && local.scopes.is_empty() {
        local.places.extend(crate::figmap::similar::implicit_place(
            &doc.masked,
            unit,
            q.span,
            &map.places,
            lang,
        ));
    }
    crate::figmap::similar::implied_scope(&mut local, &map.levels);
    local.moment = crate::figmap::similar::block_moment(
        &doc.masked,
        doc.blocks
            .get(q_sentence.block)
            .map_or(q_sentence.span, |b| b.span),
        q,
        &facts.quantities,
    );
    let counted = crate::figmap::similar::counted_term(lang, q)
        .or_else(|| crate::figmap::similar::label_counted(&doc.masked, q, lang))
        .or_else(|| crate::figmap::similar::table_counted(doc, q_sentence, q));
    let sent = crate::figmap::similar::Weighted::new(corpus, terms);
    let loc = crate::figmap::similar::Weighted::new(corpus, &local.terms);
    let near = crate::figmap::similar::companions(&doc.masked, q, &local, &facts.quantities);
    let credited = facts
        .sentences
        .iter()
        .any(|f| f.attributed && f.span().contains(q.span));
    let mention = Mention {
        credited,
        q,
        near: &near,
        local: &local,
        counted: counted.as_deref(),
        sent: &sent,
        loc: &loc,
        when: crate::figmap::similar::table_when(doc, q_sentence, q, &facts.quantities).or(
            crate::figmap::similar::when(
                &doc.masked,
                doc.blocks
                    .get(q_sentence.block)
                    .map_or(q_sentence.span, |b| b.span),
                unit,
                q,
                &local,
                &facts.quantities,
                window,
            ),
        ),
    };
    let here = crate::extract::place::Mentions::of_text(q_sentence.span.slice(&doc.masked));
    // A figure a report sets in another place than the draft's own town while its sentence
    // names that town for the contrast ("Anders als in Grafenried, …, kam Lützenbrück
    // glimpflich davon: … der Schaden liegt bei 17 Millionen Euro") is the other place's: no
    // evidence for a draft sentence that does not name that place.
    let contrasted = |i: usize| {
        let Some(f) = map.figures.get(i) else {
            return true;
        };
        // A wider area than the town ("für den Landkreis Merlachtal") is no other town.
        const TOWN: usize = 1;
        let wider = |p: &String| {
            map.levels.get(p).is_some_and(|&l| {
                l > map
                    .levels
                    .get(home.unwrap_or_default())
                    .copied()
                    .unwrap_or(TOWN)
            })
        };
        home.is_some_and(|home| {
            !f.local.places.is_empty()
                && f.local
                    .places
                    .iter()
                    .all(|p| p != home && here.count(p) == 0 && !wider(p))
                && corpus
                    .docs
                    .get(f.at.doc)
                    .and_then(|d| d.doc.sentences.get(f.at.sentence).map(|x| (d, x)))
                    .is_some_and(|(d, x)| {
                        crate::extract::place::Mentions::of_text(x.span.slice(&d.doc.masked))
                            .count(home)
                            > 0
                    })
        })
    };
    let as_match = |i: usize, sim: f32| {
        let f = map.figures.get(i)?;
        let c = map.figure(corpus, i)?;
        Some(FigureMatch {
            doc: f.at.doc,
            sentence: f.at.sentence,
            quantity: f.at.quantity,
            sim,
            supports: agree(q, c, tol),
        })
    };
    // An uncredited figure that nothing aligns surely, or that only one report supports, is
    // corroborated by other reports stating its value in a context that fits at all, with no
    // figure of another value fitting as well ([`FigureMap::corroborating`]): two outlets
    // stating it make it established, whatever their wording. Not a day, a year or a time
    // (many things of a story share one), nor a small count.
    let small = matches!(q.dimension, Dimension::Count | Dimension::Number) && q.high < SMALL_COUNT;
    let corroborate = |mut cands: Vec<FigureMatch>| {
        if credited
            || small
            || crate::figmap::similar::point(q)
            || cands.iter().any(|c| !c.supports)
        {
            return cands;
        }
        let outlets = |cands: &[FigureMatch]| {
            let mut names: Vec<&str> = cands
                .iter()
                .filter_map(|c| corpus.docs.get(c.doc).map(|d| d.source.name.as_str()))
                .collect();
            names.sort_unstable();
            names.dedup();
            names.len()
        };
        if outlets(&cands) >= 2 {
            return cands;
        }
        let mut more = cands.clone();
        for (i, sim) in map.corroborating(corpus, &mention, tol) {
            if contrasted(i) {
                continue;
            }
            if let Some(m) = as_match(i, sim) {
                if !more.iter().any(|c| c.doc == m.doc) {
                    more.push(m);
                }
            }
        }
        if outlets(&more) >= 2 {
            if crate::figmap::trace() {
                eprintln!("corroborated {:?}: {more:?}", q.text);
            }
            more.sort_by(|a, b| b.sim.total_cmp(&a.sim));
            cands = more;
        }
        cands
    };
    let Some((_, variants, clear)) = map.align_clear(corpus, &mention, tol) else {
        if crate::figmap::trace() {
            eprintln!("no alignment {:?}", q.text);
        }
        return corroborate(Vec::new());
    };
    if crate::figmap::trace() {
        eprintln!(
            "variants {:?}: {variants:?} clear {clear} home {home:?}",
            q.text
        );
    }
    let mut cands: Vec<FigureMatch> = variants
        .iter()
        .filter_map(|&(i, sim)| {
            if contrasted(i) {
                if crate::figmap::trace() {
                    eprintln!(
                        "elsewhere {:?}: {:?} in {home:?}",
                        q.text,
                        map.figures.get(i).map(|f| &f.local.places)
                    );
                }
                return None;
            }
            as_match(i, sim)
        })
        .collect();
    // "No source supports this" is the verdict that misleads most when wrong: it needs a
    // confident alignment, where support needs only some.
    let best = cands.iter().map(|c| c.sim).fold(f32::MIN, f32::max);
    // A small count ("six", "two games") is said of many things in a story: "no source
    // supports it" needs the quantity aligned surely.
    // A quantity that no other comes near, stated by two reports that each align with the
    // figure, is the figure's even on a weaker alignment: neither a guess between quantities
    // nor one report's wording.
    let aligned_docs: HashSet<usize> = cands
        .iter()
        .filter(|c| c.sim >= crate::figmap::ALIGN_MIN)
        .map(|c| c.doc)
        .collect();
    let needed = if small {
        SMALL_CONFLICT_MIN
    } else if clear && aligned_docs.len() >= 2 {
        crate::figmap::ALIGN_MIN
    } else {
        crate::figmap::CONFLICT_MIN
    };
    if !cands.iter().any(|c| c.supports) && best < needed {
        return corroborate(Vec::new());
    }
    if crate::figmap::trace() {
        for c in &cands {
            eprintln!(
                "candidate {:?}: doc {} figure {} sim {:.2} supports {}",
                q.text, c.doc, c.quantity, c.sim, c.supports
            );
        }
    }
    // A contradiction far off in value needs the figure aligned in its own right: a variant
    // the grouping put with the others but whose context the draft figure does not share
    // ("Eleven more were damaged" against "37 homes", "52 structures") disputes nothing. Near
    // values ("knapp zwei Stunden", "fast zweieinhalb Stunden") are the quantity's variants.
    let v = crate::figmap::similar::base_value(q);
    let far = |c: &FigureMatch| {
        corpus
            .docs
            .get(c.doc)
            .and_then(|d| d.facts.quantities.get(c.quantity))
            .map(crate::figmap::similar::base_value)
            .is_some_and(|w| v > 0.0 && w > 0.0 && (w / v >= 2.0 || v / w >= 2.0))
    };
    cands.retain(|c| c.supports || c.sim >= crate::figmap::ALIGN_MIN || !far(c));
    // One figure per corpus document: the most similar (supporting wins ties), except that a
    // document stating the draft's figure in an aligned sentence does not contradict it with
    // a figure of another sentence far off in value ("bis zu 180 Harwenstedter sollen dort
    // unterkommen" beside "mit seinen 1.240 Beschäftigten": the report states the 180 too).
    // Within one sentence the local context tells the two figures apart ("revenue of €1.2bn
    // …, has set aside €140 million").
    let supported_at: HashSet<(usize, usize)> = cands
        .iter()
        .filter(|c| c.supports && c.sim >= crate::figmap::ALIGN_MIN)
        .map(|c| (c.doc, c.sentence))
        .collect();
    cands.retain(|c| {
        c.supports
            || !far(c)
            || !supported_at
                .iter()
                .any(|&(d, s)| d == c.doc && s != c.sentence)
    });
    cands.sort_by(|a, b| b.sim.total_cmp(&a.sim).then(b.supports.cmp(&a.supports)));
    let mut seen_docs = HashSet::new();
    cands.retain(|c| seen_docs.insert(c.doc));
    corroborate(cands)
}

/// Where `parts` stand one after another in `toks` (each part a contiguous run of stems): the
/// sentence of the first part's start.
fn parts_in_order(toks: &[(String, usize)], parts: &[Vec<String>]) -> Option<usize> {
    let mut from = 0;
    let mut first = None;
    for part in parts {
        let rest = toks.get(from..)?;
        if part.is_empty() || rest.len() < part.len() {
            return None;
        }
        let pos = rest
            .windows(part.len())
            .position(|w| w.iter().zip(part).all(|((a, _), b)| a == b))?;
        first.get_or_insert(rest[pos].1);
        from += pos + part.len();
    }
    first
}

/// Lower-cased stems of the words of corpus sentences `from..to` of a document.
fn stemmed_sentences(d: &CorpusDoc, from: usize, to: usize, lang: Lang) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for si in from..to.min(d.doc.sentences.len()) {
        for w in words_in(&d.doc.masked, d.doc.sentences[si].span) {
            out.push((lang.stem(&w.text.to_lowercase()), si));
        }
    }
    out
}

/// Finds a quotation's words in the corpus. Candidates come from the index (the sentences that
/// share the quote's rare words), so the cost does not grow with the corpus; each candidate and
/// the sentence after it (quotes may run over a sentence end) are compared word by word, as
/// stems, so inflection and punctuation do not matter.
fn match_quote(doc: &Document, inner: Span, corpus: &Corpus) -> QuoteMatch {
    let words = words_in(&doc.masked, inner);
    let quote: Vec<String> = words
        .iter()
        .map(|w| doc.lang.stem(&w.text.to_lowercase()))
        .collect();
    // An ellipsis ("…", "...", "[…]") marks left-out words: each part stands in the source,
    // in order, not the whole as one run.
    let gaps: Vec<usize> = {
        let text = inner.slice(&doc.masked);
        let mut at = Vec::new();
        for pat in ["…", "..."] {
            at.extend(text.match_indices(pat).map(|(i, _)| inner.start + i));
        }
        at.sort_unstable();
        at.dedup_by(|a, b| a.abs_diff(*b) < 3);
        at
    };
    let parts: Vec<Vec<String>> = if gaps.is_empty() {
        vec![quote.clone()]
    } else {
        let mut parts: Vec<Vec<String>> = vec![Vec::new(); gaps.len() + 1];
        for (w, stem) in words.iter().zip(&quote) {
            let k = gaps.iter().filter(|&&g| g < w.span.start).count();
            if let Some(p) = parts.get_mut(k) {
                p.push(stem.clone());
            }
        }
        parts.retain(|p| !p.is_empty());
        parts
    };
    let mut m = QuoteMatch::default();
    if quote.is_empty() {
        return m;
    }
    let terms = content_terms(&doc.masked, inner, doc.lang);
    m.checkable = !terms.is_empty();
    let qset: HashSet<&str> = quote.iter().map(|s| s.as_str()).collect();
    let hits = corpus.index.search(&terms, 30);
    corpus.docs.prefetch(hits.iter().map(|h| h.doc));
    for h in hits {
        let Some(d) = corpus.docs.get(h.doc) else {
            continue;
        };
        if d.doc.lang != doc.lang {
            continue;
        }
        let reach = if parts.len() > 1 { 4 } else { 2 };
        let toks = stemmed_sentences(d, h.sentence, h.sentence + reach, doc.lang);
        if let Some(si) = parts_in_order(&toks, &parts) {
            m.found = Some((h.doc, si));
            return m;
        }
        // Closest: the candidate sentence holding the largest share of the quoted words.
        let found: HashSet<&str> = toks
            .iter()
            .filter(|(t, si)| *si == h.sentence && qset.contains(t.as_str()))
            .map(|(t, _)| t.as_str())
            .collect();
        let share = found.len() as f32 / qset.len() as f32;
        if m.closest.is_none_or(|(_, _, s)| share > s) {
            m.closest = Some((h.doc, h.sentence, share));
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::Masses;

    /// The memoised figure matches of a table cell change with its row and its column's
    /// header, as a fresh computation's do.
    #[test]
    fn a_table_cells_memo_follows_its_row_and_header() {
        let corpus = [
            ("a.md", "---\nsource: Board\ndate: 2025-11-05\n---\nIndependent Lydia Perrault drew 4,322 votes.\n"),
            ("b.md", "---\nsource: Courier\ndate: 2025-11-05\n---\nPerrault won 3.8 percent of the vote.\n"),
        ];
        let shared = crate::corpus::Corpus::from_texts(corpus.iter().copied(), None);
        let config = crate::config::Config::default();
        let run = |c: &crate::corpus::Corpus, draft: &str| {
            let doc = crate::text::Document::parse(draft, crate::text::DocKind::Markdown, None);
            let facts = crate::extract::extract(&doc);
            let m = super::Matches::compute(&doc, &facts, c, &config);
            m.figures
                .iter()
                .map(|f| {
                    f.iter()
                        .map(|x| (x.doc, x.quantity, x.supports))
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        let drafts = [
            "R.\n\n| Candidate | Votes |\n|---|---|\n| Lydia Perrault | 4,232 |\n",
            "R.\n\n| Candidate | Share |\n|---|---|\n| Lydia Perrault | 4,232 |\n",
            "R.\n\n| | 2021 | 2025 |\n|---|---|---|\n| Lydia Perrault | 4,232 | 1 |\n",
            "R.\n\n| | 2025 | 2021 |\n|---|---|---|\n| Lydia Perrault | 4,232 | 1 |\n",
        ];
        for d in drafts {
            let fresh = crate::corpus::Corpus::from_texts(corpus.iter().copied(), None);
            assert_eq!(run(&shared, d), run(&fresh, d), "{d}");
        }
    }

    /// A report's figure set in another town, in a sentence that names the draft's own town
    /// for the contrast, is that town's: no evidence for a draft sentence that does not name
    /// it, evidence for one that does.
    #[test]
    fn a_figure_of_the_contrasted_town_is_that_towns() {
        use crate::finding::RuleId;
        let corpus = [
            ("bote.md", "---\nsource: Bote\n---\nAnders als in Grafenried, wo ein Mann starb, kam Lützenbrück glimpflich davon: 950 Menschen mussten ihre Häuser verlassen, der Schaden liegt bei 17 Millionen Euro.\n"),
            ("kurier.md", "---\nsource: Kurier\n---\nDas Wasser stieg in Grafenried über die Ufer. Der Schaden liegt bei mehr als 45 Millionen Euro.\n"),
            ("stadt.md", "---\nsource: Stadt\n---\nIn Lützenbrück wurden die Keller geräumt.\n"),
        ];
        let draft = "Das Wasser stieg in Grafenried über die Ufer. In Grafenried wurden Häuser geräumt. Der Schaden liegt bei mehr als 45 Millionen Euro.\n";
        let f = crate::rules::tests::findings(&corpus, draft, RuleId::DisputedFigure);
        assert!(f.is_empty(), "{f:?}");
        // Named in the sentence, the other town's report speaks of it.
        let there = "Das Wasser stieg in Grafenried über die Ufer. In Grafenried wurden Häuser geräumt. In Lützenbrück liegt der Schaden bei mehr als 45 Millionen Euro.\n";
        let f = crate::rules::tests::findings(&corpus, there, RuleId::DisputedFigure);
        assert!(
            f.iter().any(|x| x.message.contains("17 Millionen")),
            "{f:?}"
        );
    }

    /// A neighbouring town's festival, which the draft names in one paragraph only, is an
    /// event report for that paragraph and for no other.
    #[test]
    fn a_place_named_in_passing_is_evidence_only_where_it_is_named() {
        let corpus = [
            ("pm.md", "---\nsource: Weinbauverein Wallbrunn\n---\n**Wallbrunn.** Beim Weinfest in Wallbrunn schenkten 34 Winzer aus. Wallbrunn feierte vier Tage.\n"),
            ("anzeiger.md", "---\nsource: Wallbrunner Anzeiger\n---\n**Wallbrunn.** In Wallbrunn schenkten 34 Winzer aus. Die Wallbrunner Altstadt war voll.\n"),
            ("bote.md", "---\nsource: Lenzachtal-Bote\n---\n**Wallbrunn.** Das Wallbrunner Weinfest ist vorbei, in Wallbrunn waren 34 Winzer dabei.\n"),
            ("m-bote.md", "---\nsource: Lenzachtal-Bote\n---\n**Mettenbach.** In Mettenbach schenkten beim Winzerfest 21 Winzer aus. Mettenbach zählte rund 40.000 Gäste. In Mettenbach war es heiß.\n"),
        ];
        let draft = "Das Weinfest in Wallbrunn ist vorbei. In Wallbrunn kamen viele Gäste.\n\n34 Winzer schenkten an ihren Ständen aus. Die Wallbrunner waren zufrieden.\n\nIm benachbarten Mettenbach schenkten eine Woche zuvor 21 Winzer aus.\n";
        let c = crate::corpus::Corpus::from_texts(corpus.iter().copied(), None);
        let doc = crate::text::Document::parse(draft, crate::text::DocKind::Markdown, None);
        let facts = crate::extract::extract(&doc);
        let m = super::Matches::compute(&doc, &facts, &c, &crate::config::Config::default());
        let mettenbach = c
            .docs
            .iter()
            .position(|d| d.doc.masked.contains("Mettenbach zählte"))
            .expect("the Mettenbach report");
        let with = |needle: &str| {
            let si = doc
                .sentences
                .iter()
                .position(|s| s.span.slice(draft).contains(needle))
                .expect("the sentence");
            m.events[si].contains(&mettenbach)
        };
        assert!(!with("34 Winzer"), "{:?}", m.events);
        assert!(!with("Das Weinfest"), "{:?}", m.events);
        assert!(with("21 Winzer"), "{:?}", m.events);
        // The sentence set in Mettenbach reads only Mettenbach's reports.
        let si = doc
            .sentences
            .iter()
            .position(|s| s.span.slice(draft).contains("21 Winzer"))
            .expect("the sentence");
        assert_eq!(m.events[si].as_slice(), &[mettenbach], "{:?}", m.events);
    }

    /// The figure findings of `draft` against `corpus`: (figure text, rule).
    /// A figure placed only in a town the sources name with a level noun („der Stadt
    /// Marlenbach“) counts the town: a county's total („im Landkreis fast 25.000“) is no variant
    /// of it. Where no source tells the town's level, the two may be one quantity.
    #[test]
    fn a_towns_count_is_not_the_countys() {
        use crate::finding::RuleId;
        let a = ("a.md", "---\nsource: Kreisecho\n---\nAm Dienstagabend fiel im Umspannwerk der Strom aus. In Marlenbach waren mehr als 18.000 Haushalte betroffen.\n");
        let b = ("b.md", "---\nsource: mna\n---\nAm Dienstagabend fiel im Umspannwerk Marlenbach-Nord der Strom aus. Insgesamt waren im Landkreis fast 25.000 Haushalte betroffen.\n");
        let c = ("c.md", "---\nsource: Landratsamt\n---\nDas THW half in der Stadt Marlenbach mit Notstromaggregaten.\n");
        let draft = "In Marlenbach waren rund 18.500 Haushalte betroffen.\n";
        assert_eq!(figure_findings(&[a, b, c], draft), vec![]);
        assert_eq!(
            figure_findings(&[a, b], draft),
            vec![("rund 18.500".to_string(), RuleId::DisputedFigure)]
        );
    }

    /// A table's source column credits each row ("| Einsatzkräfte in der Spitze | mehr als 400
    /// | Landratsamt |"), and a header that names a measure ("Wert") leaves the row's label to
    /// say what is counted: the figure is the other report's, not the credited office's.
    #[test]
    fn a_table_row_credited_to_the_wrong_source_is_misattributed() {
        use crate::finding::RuleId;
        let a = ("landratsamt.md", "---\nsource: Landratsamt Grevenau\n---\nIn der Spitze waren rund 350 Einsatzkräfte von Feuerwehren und THW im Einsatz.\n");
        let b = ("kreisecho.md", "---\nsource: Kreisecho\n---\nIn der Spitze waren mehr als 400 Einsatzkräfte von Feuerwehr und THW im Einsatz.\n");
        let draft = "| Kennzahl | Wert | Quelle |\n|---|---|---|\n| Einsatzkräfte in der Spitze | mehr als 400 | Landratsamt |\n";
        assert_eq!(
            figure_findings(&[a, b], draft),
            vec![("mehr als 400".to_string(), RuleId::MisattributedFigure)]
        );
        let right = "| Kennzahl | Wert | Quelle |\n|---|---|---|\n| Einsatzkräfte in der Spitze | mehr als 400 | Kreisecho |\n";
        assert_eq!(figure_findings(&[a, b], right), vec![]);
    }

    fn figure_findings(
        corpus: &[(&str, &str)],
        draft: &str,
    ) -> Vec<(String, crate::finding::RuleId)> {
        use crate::finding::RuleId;
        let c = crate::corpus::Corpus::from_texts(corpus.iter().copied(), None);
        let a = crate::analysis::analyze(draft, None, &c, &crate::config::Config::default());
        a.findings
            .iter()
            .filter(|f| {
                matches!(
                    f.rule,
                    RuleId::NumberConflict | RuleId::DisputedFigure | RuleId::MisattributedFigure
                )
            })
            .map(|f| (f.span.slice(draft).to_string(), f.rule))
            .collect()
    }

    /// A source figure that supports one figure of a draft sentence contradicts no other one
    /// ("600 signatures for limit 20" against "about 600 signatures"); a draft range the source
    /// gives is no conflict.
    #[test]
    fn a_source_figure_supporting_one_draft_figure_contradicts_no_other() {
        let corpus = [
            ("a.md", "---\nsource: Ledger\n---\nA residents' group in Oakvale has collected about 600 signatures, the group said.\n"),
            ("b.md", "---\nsource: Wire\n---\nAnalysts at Garrow estimate the repairs will cost $55 million to $70 million, the wire reported. The Oakvale council expects the repairs to cost about $38 million.\n"),
            ("c.md", "---\nsource: Times\n---\nThe ferry carried 300 passengers across the bay on Sunday.\n"),
        ];
        let found = figure_findings(
            &corpus,
            "A residents' group in Oakvale has collected 600 signatures for limit 20, the group said.\n\nAnalysts at Garrow estimate the repairs will cost $55 million to $70 million, the wire reported.\n",
        );
        assert!(found.is_empty(), "{found:?}");
        // The same source figure still contradicts a draft figure that is alone in its sentence.
        let found = figure_findings(
            &corpus,
            "A residents' group in Oakvale has collected 900 signatures, the group said.\n",
        );
        assert!(found.iter().any(|(t, _)| t.contains("900")), "{found:?}");
    }

    /// A source figure whose value the draft sentence states itself, as another figure of the
    /// same kind (a plain number and a count alike), contradicts none of its other figures; it
    /// still contradicts a sentence that does not state it, and one side of a score states no
    /// count.
    #[test]
    fn a_value_the_sentence_states_contradicts_none_of_its_other_figures() {
        let corpus = crate::corpus::Corpus::from_texts(
            [(
                "a.md",
                "The largest quake there measured magnitude 7.6 in 2002. On Sunday one of magnitude 7.5 struck.\n",
            )],
            None,
        );
        let at = |text: &str| {
            corpus
                .docs
                .get(0)
                .and_then(|d| d.facts.quantities.iter().position(|q| q.text == text))
        };
        let (Some(other), Some(same)) = (at("7.6"), at("7.5")) else {
            panic!("no 7.6 and 7.5 in the source");
        };
        // The draft's 7.5, contradicted by the source's 7.6 and (`supported`) supported by its
        // 7.5: how many of those matches are kept.
        let kept = |draft: &str, supported: bool| -> usize {
            let doc = crate::text::Document::parse(draft, crate::text::DocKind::Markdown, None);
            let facts = crate::extract::extract(&doc);
            let m = |quantity: usize, supports: bool| super::FigureMatch {
                doc: 0,
                sentence: 0,
                quantity,
                sim: 0.9,
                supports,
            };
            let mut figures: Vec<Vec<super::FigureMatch>> = facts
                .quantities
                .iter()
                .map(|q| match (q.text.contains("7.5"), supported) {
                    (true, true) => vec![m(other, false), m(same, true)],
                    (true, false) => vec![m(other, false)],
                    _ => Vec::new(),
                })
                .collect();
            super::stated_values_contradict_nothing(&doc, &facts, &corpus, &mut figures);
            figures.iter().map(Vec::len).sum()
        };
        let both = "The city was hit by the 7.6 and 7.5 magnitude quakes on Sunday.\n";
        assert_eq!(kept(both, true), 1);
        // Unsupported, the figure keeps its contradiction (the draft may have swapped them).
        assert_eq!(kept(both, false), 1);
        assert_eq!(
            kept(
                "The city was hit by a 7.5 magnitude quake on Sunday.\n",
                true
            ),
            2
        );
        let apart =
            "The city was hit by a 7.5 magnitude quake on Sunday. It had a 7.6 quake in 2002.\n";
        assert_eq!(kept(apart, true), 2);
    }

    /// The corpus memos of draft sentences copied word for word and of corpus sentences' content
    /// words give what computing afresh gives: per sentence, and as whole analyses (every fix
    /// re-checked) on a fresh corpus, on the same corpus again, and on one whose memos other
    /// drafts filled first.
    #[test]
    fn copied_and_sentence_term_memos_equal_fresh_computation() {
        use super::{copied_among, tokens, Matches};
        use crate::corpus::Corpus;
        use crate::text::words::content_terms;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut copied_seen = 0;
        for lang in ["de", "en"] {
            let mut texts: Vec<(String, String)> = Vec::new();
            for e in std::fs::read_dir(root.join("corpus").join(lang))
                .into_iter()
                .flatten()
                .flatten()
            {
                let name = e.file_name().to_string_lossy().to_string();
                if let Ok(t) = std::fs::read_to_string(e.path()) {
                    texts.push((name, t));
                }
            }
            texts.sort();
            assert!(texts.len() >= 2, "{lang}: {}", texts.len());
            let draft = std::fs::read_to_string(root.join("drafts").join(lang).join(match lang {
                "de" => "sturmflut.md",
                _ => "concert.md",
            }))
            .unwrap_or_default();
            assert!(!draft.is_empty());
            // A draft that reprints a source: its sentences are copied word for word.
            let reprint = texts
                .iter()
                .find(|(n, _)| n.ends_with(".md"))
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            let build =
                || Corpus::from_texts(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())), None);
            let config = crate::config::Config::default();
            let fresh = build();
            let first = crate::analysis::analyze(&draft, None, &fresh, &config).findings;
            let again = crate::analysis::analyze(&draft, None, &fresh, &config).findings;
            assert_eq!(first, again, "{lang}: the same corpus again");
            let warmed = build();
            let _ = crate::analysis::analyze(&reprint, None, &warmed, &config);
            let after = crate::analysis::analyze(&draft, None, &warmed, &config).findings;
            assert_eq!(first, after, "{lang}: memos filled by another draft first");
            for text in [&draft, &reprint] {
                let doc = crate::text::Document::parse(text, crate::text::DocKind::Markdown, None);
                let facts = crate::extract::extract(&doc);
                let m = Matches::compute(&doc, &facts, &warmed, &config);
                for (si, s) in doc.sentences.iter().enumerate() {
                    let own = tokens(s.span.slice(&doc.text));
                    let direct = copied_among(&warmed, &own, &m.related[si]);
                    assert_eq!(
                        m.copied_from(&doc, &warmed, si),
                        direct,
                        "{lang} sentence {si}"
                    );
                    copied_seen += usize::from(!direct.is_empty());
                }
            }
            for (d, cd) in warmed.docs.iter().enumerate() {
                for (ci, cs) in cd.doc.sentences.iter().enumerate() {
                    let direct = content_terms(&cd.doc.text, cs.span, cd.doc.lang);
                    let memo = warmed.memo.sentence_terms((d, ci, cd.doc.lang), || {
                        content_terms(&cd.doc.text, cs.span, cd.doc.lang)
                    });
                    assert_eq!(*memo, direct);
                }
            }
        }
        // The reprints' sentences were found copied: the memo held real answers.
        assert!(copied_seen >= 4, "{copied_seen}");
    }

    /// The sorted-sums masses equal the pairwise sums, windows touching at their ends included.
    #[test]
    fn masses_equal_the_pairwise_sums() {
        let mut x: u64 = 7;
        let mut next = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((x >> 33) % m) as i64
        };
        for n in [0usize, 1, 2, 5, 40] {
            let dated: Vec<((i64, i64), f32)> = (0..n)
                .map(|_| {
                    let a = next(200);
                    ((a, a + next(60)), 0.25 + next(8) as f32 / 8.0)
                })
                .collect();
            let masses = Masses::new(&dated);
            let mut probes: Vec<(i64, i64)> = dated.iter().map(|d| d.0).collect();
            probes.extend([(0, 0), (-5, -1), (100, 100), (259, 400)]);
            for w in probes {
                let pairwise: f32 = dated
                    .iter()
                    .filter(|(b, _)| b.0 <= w.1 && w.0 <= b.1)
                    .map(|(_, s)| s)
                    .sum();
                let fast = masses.overlapping(w);
                assert!(
                    (fast - pairwise).abs() < 1e-3,
                    "{w:?}: {fast} vs {pairwise} ({n} windows)"
                );
            }
        }
    }
}
