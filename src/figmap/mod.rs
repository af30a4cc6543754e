//! The figure map: the figures of an event's source documents grouped into **quantities** (the
//! delay of a stream, its audience, the load it was tested with), each with its **variants**
//! (value, sentence, document, outlet, speaker). It is the one place that decides whether two
//! figures measure the same thing; the rules read it.
//!
//! Building: every figure of the event's reports that stands in reporting text (not a reader
//! comment) is compared with the figures of the other reports ([`similar::similarity`]: kind and
//! unit, the words around the figure and of its sentence, counted noun, qualifiers such as
//! forecast or test, places, companion figures). Pairs above [`LINK`] are merged greedily, best
//! first, while the average similarity between the two groups stays above [`LINK`]: several
//! reports phrasing one quantity differently hold together through each other, while one shared
//! word does not chain two quantities into one.
//!
//! Aligning: a draft figure is compared with every variant; the quantity of the best variant is
//! its quantity (none below [`ALIGN_MIN`]), and support and contradiction are read from that
//! quantity's variants, so they are symmetric by construction.

pub mod briefing;
pub mod reporting;
pub mod similar;

use crate::config::Tolerance;
use crate::corpus::Corpus;
use crate::extract::{Dimension, Quantity};
use crate::lang::Lang;
use crate::text::Span;
pub use similar::{agree, comparable, interval, local_context, overlap, Local, Mention};
use std::collections::HashMap;

/// A draft figure's quantity, its variants with their similarity to the draft figure, and
/// whether the alignment is clear (see [`FigureMap::align_clear`]).
pub type Alignment = (usize, Vec<(usize, f32)>, bool);

/// Two source figures this similar measure the same quantity.
pub const LINK: f32 = 0.4;

/// Whether `FACTLINT_TRACE_MAP` asks for every pair similarity and alignment on stderr (for
/// developers reading why two figures did or did not make one quantity).
pub fn trace() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var_os("FACTLINT_TRACE_MAP").is_some())
}

/// Whether `FACTLINT_TRACE_MAP=pairs` asks for the parts of every source pair's similarity
/// too (not only of a draft figure's alignment).
pub fn trace_pairs() -> bool {
    static TRACE: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *TRACE.get_or_init(|| std::env::var("FACTLINT_TRACE_MAP").is_ok_and(|v| v == "pairs"))
}
/// A draft figure this similar to a variant is aligned to its quantity.
pub const ALIGN_MIN: f32 = 0.3;
/// A source stating the draft's figure this close (below [`ALIGN_MIN`]) keeps a figure no
/// variant supports from being called unsupported.
const WEAK_SUPPORT: f32 = ALIGN_MIN;
/// The same for a calendar date (a day, a month of a year, a span of them) or a time of day to
/// the minute or a span of times: stating the very date ("takes office Jan. 1" beside "sworn
/// in on Jan. 1") is itself a tie between the two sentences, which a count ("two", "14") is
/// not.
const WEAK_SUPPORT_DAY: f32 = 0.0;
/// A draft figure no variant supports is judged against its quantity only when aligned this
/// strongly (a contradiction on a weak alignment is a guess).
pub const CONFLICT_MIN: f32 = 0.45;
/// A draft figure aligned at [`ALIGN_MIN`] but below [`CONFLICT_MIN`] is judged against its
/// quantity all the same when no figure of another quantity comes within this of it: the
/// quantity is the only one its context fits, so the alignment is no guess between several.
pub const CLEAR_MARGIN: f32 = 0.15;

/// Contradicting variants of a draft figure whose values span more than this factor are
/// no contradiction (see [`FigureMap::align`]).
pub const SCATTER: f64 = 10.0;

/// Two quantities whose best variants are this close to a draft figure are a tie (see
/// [`FigureMap::align`]).
pub const NEAR_TIE: f32 = 0.03;

/// One corpus figure: document, sentence and index into the document's `facts.quantities`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigRef {
    pub doc: usize,
    pub sentence: usize,
    pub quantity: usize,
}

/// What a variant is compared by (owned, so the map can be kept).
#[derive(Debug)]
pub struct Features {
    pub at: FigRef,
    pub local: Local,
    pub counted: Option<String>,
    pub lang: Lang,
    /// When the figure holds (a year in its window, else its document's date).
    pub when: Option<(i64, i64)>,
    /// The other figures in its window.
    pub near: Vec<Quantity>,
    /// Its sentence's and its window's terms, weighted.
    pub sent: similar::Weighted,
    pub loc: similar::Weighted,
    /// Whether its sentence attributes what it says to somebody (else the outlet speaks).
    pub voiced: bool,
}

/// The figures of a set of documents, grouped into quantities.
#[derive(Debug, Default)]
pub struct FigureMap {
    /// The documents the map covers, sorted.
    pub docs: Vec<usize>,
    /// Every figure of those documents that takes part (reporting text only).
    pub figures: Vec<Features>,
    /// Per quantity, indexes into `figures`, in document order.
    pub quantities: Vec<Vec<usize>>,
    /// Per figure, its quantity.
    pub quantity_of: Vec<usize>,
    /// The places its documents name after a place preposition, lower case: what
    /// [`similar::implicit_place`] knows as places.
    pub places: std::collections::HashSet<String>,
    /// The level of each place its documents name with a level noun („Stadt Marlenbach“),
    /// where they agree on it: [`similar::implied_scope`].
    pub levels: HashMap<String, usize>,
}

/// The level of each place the documents `docs` name with a level noun, where they agree
/// ([`crate::extract::place::place_levels`]).
fn place_levels(corpus: &Corpus, docs: &[usize]) -> HashMap<String, usize> {
    let mut levels: HashMap<String, Option<usize>> = HashMap::new();
    for d in docs.iter().filter_map(|&di| corpus.docs.get(di)) {
        for (p, l) in crate::extract::place::place_levels(&d.doc) {
            levels
                .entry(p)
                .and_modify(|x| {
                    if *x != Some(l) {
                        *x = None;
                    }
                })
                .or_insert(Some(l));
        }
    }
    levels
        .into_iter()
        .filter_map(|(p, l)| Some((p, l?)))
        .collect()
}

/// The bucket of figures that can be compared at all (same kind; currencies and date kinds apart).
fn kind(q: &Quantity) -> String {
    match q.dimension {
        Dimension::Count | Dimension::Number => "count".into(),
        // Dates with and without their year are one bucket: they compare by the day of the
        // year ([`similar::month_day_pair`]).
        Dimension::Date if q.unit.as_deref() == Some("md") => "Date:date".into(),
        Dimension::Currency | Dimension::Date => {
            format!("{:?}:{}", q.dimension, q.unit.as_deref().unwrap_or(""))
        }
        d => format!("{d:?}"),
    }
}

/// The spans of the sources the attributions of a sentence name: who reports a figure is not
/// whose figure it is.
pub fn speaker_spans(facts: &crate::extract::Facts, sentence: Span) -> Vec<Span> {
    facts
        .attributions
        .iter()
        .filter(|a| a.sentence_span == sentence || sentence.contains(a.cue))
        .filter_map(|a| a.source.as_ref().map(|s| Span::new(s.start, s.end)))
        .collect()
}

/// The speaker spans a figure's context must not take for whose figure it is: all of them,
/// except, for an age, a speaker it stands right beside, whose own age it is ("Renata Solvik,
/// 52, told reporters", "52-year-old Renata Solvik said"). An age apart from the speaker is
/// somebody else's ("Atururi said a 10-year-old girl was killed").
pub fn owned_speakers(text: &str, q: &Quantity, speakers: &[Span]) -> Vec<Span> {
    if q.dimension != crate::extract::Dimension::Age {
        return speakers.to_vec();
    }
    let beside = |sp: &Span| {
        let gap = if sp.end <= q.span.start {
            text.get(sp.end..q.span.start)
        } else if q.span.end <= sp.start {
            text.get(q.span.end..sp.start)
        } else {
            Some("")
        };
        gap.is_some_and(|g| {
            g.chars()
                .all(|c| c.is_whitespace() || matches!(c, ',' | '(' | ')'))
        })
    };
    speakers.iter().filter(|sp| !beside(sp)).copied().collect()
}

fn quantity(corpus: &Corpus, at: FigRef) -> Option<&Quantity> {
    corpus.docs.get(at.doc)?.facts.quantities.get(at.quantity)
}

impl FigureMap {
    /// Builds the map of the documents `docs` (indexes into `corpus.docs`).
    pub fn build(corpus: &Corpus, docs: &[usize], tol: &Tolerance) -> FigureMap {
        let mut docs = docs.to_vec();
        docs.sort_unstable();
        docs.dedup();
        let mut figures = Vec::new();
        let places: std::collections::HashSet<String> = docs
            .iter()
            .filter_map(|&di| corpus.docs.get(di))
            .flat_map(|d| crate::extract::place::doc_places(&d.doc))
            .map(|(p, _)| p)
            .collect();
        let levels = place_levels(corpus, &docs);
        for &di in &docs {
            let Some(d) = corpus.docs.get(di) else {
                continue;
            };
            for (si, s) in d.doc.sentences.iter().enumerate() {
                let in_sentence: Vec<(usize, &Quantity)> = d
                    .facts
                    .quantities
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| s.span.contains(q.span))
                    .collect();
                if in_sentence.is_empty() || !reporting::is_reporting(d, si) {
                    continue;
                }
                let numbers: Vec<Span> = in_sentence.iter().map(|(_, q)| q.number_span).collect();
                let owners = similar::owners(in_sentence.iter().map(|(_, q)| *q));
                let dated = corpus.windows.get(di).copied().flatten();
                let speakers = speaker_spans(&d.facts, s.span);
                for (n, &(qi, q)) in in_sentence.iter().enumerate() {
                    // "$55 million to $70 million" is one figure with two numbers: its second
                    // half makes no variant of its own.
                    let second_half = q.approx == crate::extract::Approx::Range
                        && in_sentence[..n].iter().any(|(_, p)| {
                            p.approx == crate::extract::Approx::Range
                                && p.low == q.low
                                && p.high == q.high
                        });
                    if second_half {
                        continue;
                    }
                    let local = local_context(
                        &d.doc.masked,
                        s.span,
                        q.span,
                        &numbers,
                        &owners,
                        &crate::figmap::owned_speakers(&d.doc.masked, q, &speakers),
                        d.doc.lang,
                    )
                    .for_point(q);
                    let mut local = local;
                    if local.places.is_empty() && local.scopes.is_empty() {
                        local.places.extend(similar::implicit_place(
                            &d.doc.masked,
                            s.span,
                            q.span,
                            &places,
                            d.doc.lang,
                        ));
                    }
                    similar::implied_scope(&mut local, &levels);
                    local.moment = similar::block_moment(
                        &d.doc.masked,
                        d.doc.blocks.get(s.block).map_or(s.span, |b| b.span),
                        q,
                        &d.facts.quantities,
                    );
                    let when =
                        similar::table_when(&d.doc, s, q, &d.facts.quantities).or(similar::when(
                            &d.doc.masked,
                            d.doc.blocks.get(s.block).map_or(s.span, |b| b.span),
                            s.span,
                            q,
                            &local,
                            &d.facts.quantities,
                            dated,
                        ));
                    figures.push(Features {
                        at: FigRef {
                            doc: di,
                            sentence: si,
                            quantity: qi,
                        },
                        near: similar::companions(&d.doc.masked, q, &local, &d.facts.quantities),
                        loc: similar::Weighted::new(corpus, &local.terms),
                        sent: similar::Weighted::new(corpus, corpus.terms(di, si)),
                        local,
                        counted: similar::counted_term(d.doc.lang, q)
                            .or_else(|| similar::label_counted(&d.doc.masked, q, d.doc.lang))
                            .or_else(|| similar::table_counted(&d.doc, s, q)),
                        lang: d.doc.lang,
                        when,
                        voiced: !speakers.is_empty(),
                    });
                }
            }
        }
        let mut map = FigureMap {
            docs,
            figures,
            places,
            levels,
            ..FigureMap::default()
        };
        map.group(corpus, tol);
        map
    }

    /// Whether figures `x` and `y` are of one document, both in its own voice, of the same
    /// moment, and disagree.
    fn one_voice_disagrees(&self, corpus: &Corpus, x: usize, y: usize, tol: &Tolerance) -> bool {
        let (Some(a), Some(b)) = (self.figures.get(x), self.figures.get(y)) else {
            return false;
        };
        a.at.doc == b.at.doc
            && !a.voiced
            && !b.voiced
            && !similar::moments_differ(&a.local, &b.local)
            && match (quantity(corpus, a.at), quantity(corpus, b.at)) {
                (Some(qa), Some(qb)) => !similar::agree(qa, qb, tol),
                _ => false,
            }
    }

    /// The mention of figure `i` for similarity.
    pub fn mention<'a>(&'a self, corpus: &'a Corpus, i: usize) -> Option<Mention<'a>> {
        let f = self.figures.get(i)?;
        let d = corpus.docs.get(f.at.doc)?;
        Some(Mention {
            q: d.facts.quantities.get(f.at.quantity)?,
            near: &f.near,
            local: &f.local,
            counted: f.counted.as_deref(),
            sent: &f.sent,
            loc: &f.loc,
            when: f.when,
            credited: false,
        })
    }

    fn group(&mut self, corpus: &Corpus, tol: &Tolerance) {
        let n = self.figures.len();
        let mut buckets: HashMap<(String, Lang), Vec<usize>> = HashMap::new();
        for (i, f) in self.figures.iter().enumerate() {
            if let Some(q) = quantity(corpus, f.at) {
                buckets.entry((kind(q), f.lang)).or_default().push(i);
            }
        }
        // How many figures of each kind each document has: two reports whose only figure of a
        // kind (a duration, an amount of money) is close in size state the same quantity in
        // other words ("45 minutes behind schedule" / "40 minutes late").
        // Durations count per unit: a report's "zweistündige Versammlung" is its only meeting
        // length beside a tenure of "38 Jahre".
        let only_kind = |q: &Quantity| match q.dimension {
            Dimension::Duration => format!("{}:{}", kind(q), q.unit.as_deref().unwrap_or("")),
            _ => kind(q),
        };
        let mut per_doc: HashMap<(usize, String), usize> = HashMap::new();
        for f in &self.figures {
            if let Some(q) = quantity(corpus, f.at) {
                *per_doc.entry((f.at.doc, only_kind(q))).or_default() += 1;
            }
        }
        let only = |f: &Features, q: &Quantity| {
            // Counts are too many to pair by kind; dates and times all look alike in size.
            !matches!(
                q.dimension,
                Dimension::Count
                    | Dimension::Number
                    | Dimension::Date
                    | Dimension::Year
                    | Dimension::TimeOfDay
            ) && per_doc.get(&(f.at.doc, only_kind(q))) == Some(&1)
        };
        let mut sims: HashMap<(usize, usize), f32> = HashMap::new();
        let mut edges: Vec<(f32, usize, usize)> = Vec::new();
        let mut keys: Vec<&(String, Lang)> = buckets.keys().collect();
        keys.sort();
        for key in keys {
            let members = &buckets[key];
            for (x, &i) in members.iter().enumerate() {
                let Some(a) = self.mention(corpus, i) else {
                    continue;
                };
                for &j in &members[x + 1..] {
                    if self.figures[i].at.doc == self.figures[j].at.doc {
                        continue;
                    }
                    let Some(b) = self.mention(corpus, j) else {
                        continue;
                    };
                    let mut s = similar::similarity(&a, &b, tol, false);
                    if similar::magnitudes_apart(a.q, b.q, similar::APART_RATIO) {
                        s -= similar::APART_PENALTY;
                    }
                    // Of one unit: a report's only span in hours (the rain's "48 Stunden") and
                    // another's only span in days (a bridge's „zwei Tage gesperrt“) are no
                    // two wordings of one quantity.
                    if only(&self.figures[i], a.q)
                        && only(&self.figures[j], b.q)
                        && a.q.unit == b.q.unit
                    {
                        let ratio = similar::base_value(b.q) / similar::base_value(a.q);
                        if (1.0 / 1.5..=1.5).contains(&ratio) {
                            s = s.max(LINK);
                        }
                    }
                    if trace() {
                        eprintln!(
                            "pair {:.2} {:?} | {:?} || {:?} | {:?}",
                            s,
                            a.q.text,
                            corpus
                                .docs
                                .get(self.figures[i].at.doc)
                                .map(|d| &d.source.name),
                            b.q.text,
                            corpus
                                .docs
                                .get(self.figures[j].at.doc)
                                .map(|d| &d.source.name)
                        );
                    }
                    if s > 0.0 {
                        sims.insert((i, j), s);
                        if s >= LINK {
                            edges.push((s, i, j));
                        }
                    }
                }
            }
        }
        edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        // Greedy average linkage over the strong pairs.
        let mut of: Vec<usize> = (0..n).collect();
        let mut groups: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
        let sim = |i: usize, j: usize| -> f32 {
            let k = if i < j { (i, j) } else { (j, i) };
            sims.get(&k).copied().unwrap_or(0.0)
        };
        for (_, i, j) in edges {
            let (gi, gj) = (of[i], of[j]);
            if gi == gj {
                continue;
            }
            // Figures of different times never make one quantity, however many links.
            let times_clash = groups[gi].iter().any(|&x| {
                groups[gj].iter().any(|&y| {
                    matches!((self.figures[x].when, self.figures[y].when),
                        (Some((al, ah)), Some((bl, bh))) if ah < bl || bh < al)
                })
            });
            if times_clash {
                continue;
            }
            // A report does not contradict itself: two figures of one document in its own
            // voice that disagree measure two things (the running back's 63 yards and his
            // college career's 6,728; this season's ten missed games and another player's
            // six), unless they are two moments of a count. Figures it attributes to
            // different people may disagree ("police said 14, the fire service 17").
            let self_contradiction = groups[gi].iter().any(|&x| {
                groups[gj]
                    .iter()
                    .any(|&y| self.one_voice_disagrees(corpus, x, y, tol))
            });
            if self_contradiction {
                continue;
            }
            let (mut total, mut count) = (0.0f32, 0usize);
            for &x in &groups[gi] {
                for &y in &groups[gj] {
                    if self.figures[x].at.doc != self.figures[y].at.doc {
                        total += sim(x, y);
                        count += 1;
                    }
                }
            }
            if trace_pairs() {
                let text = |g: &[usize]| {
                    g.iter()
                        .filter_map(|&x| self.figure(corpus, x).map(|q| q.text.clone()))
                        .collect::<Vec<_>>()
                };
                eprintln!(
                    "merge? {:.2} {:?} + {:?}",
                    total / (count.max(1) as f32),
                    text(&groups[gi]),
                    text(&groups[gj])
                );
            }
            if count == 0 || total / (count as f32) < LINK {
                continue;
            }
            let moved = std::mem::take(&mut groups[gj]);
            for &y in &moved {
                of[y] = gi;
            }
            groups[gi].extend(moved);
        }
        let mut quantities: Vec<Vec<usize>> =
            groups.into_iter().filter(|g| !g.is_empty()).collect();
        for g in &mut quantities {
            g.sort_unstable_by_key(|&i| self.figures[i].at);
        }
        quantities.sort_by_key(|g| g.first().map(|&i| self.figures[i].at));
        let mut quantity_of = vec![0; n];
        for (qi, g) in quantities.iter().enumerate() {
            for &i in g {
                quantity_of[i] = qi;
            }
        }
        self.quantities = quantities;
        self.quantity_of = quantity_of;
    }

    /// The quantity a draft figure measures, with the similarity of each of its variants to the
    /// draft figure; `None` when no variant is similar enough.
    pub fn align(
        &self,
        corpus: &Corpus,
        draft: &Mention,
        tol: &Tolerance,
    ) -> Option<(usize, Vec<(usize, f32)>)> {
        self.align_clear(corpus, draft, tol)
            .map(|(qi, variants, _)| (qi, variants))
    }

    /// [`FigureMap::align`], with whether the alignment is clear: no figure of another
    /// quantity (not set apart from the draft figure, nor of another place or time) comes
    /// within [`CLEAR_MARGIN`] of the best variant's similarity.
    pub fn align_clear(
        &self,
        corpus: &Corpus,
        draft: &Mention,
        tol: &Tolerance,
    ) -> Option<Alignment> {
        let dated = |f: &Features| self.dated(draft, f);
        let apart = |m: usize| self.set_apart(draft, m);
        let elsewhere = |m: usize| self.elsewhere(corpus, draft, m);
        let sims = self.similarities(corpus, draft, tol);
        let mut best: Option<(usize, f32)> = None;
        for (i, &s) in sims.iter().enumerate() {
            if s >= ALIGN_MIN && best.is_none_or(|(_, b)| s > b) {
                best = Some((i, s));
            }
        }
        let (i, top) = best?;
        let qi = *self.quantity_of.get(i)?;
        let members = self.quantities.get(qi)?;
        // Whether a quantity has a variant that agrees with the draft figure.
        let supports = |q: usize| {
            self.quantities.get(q).is_some_and(|g| {
                g.iter().any(|&m| {
                    !elsewhere(m)
                        && self
                            .figure(corpus, m)
                            .is_some_and(|c| similar::agree(draft.q, c, tol))
                })
            })
        };
        // A near tie between two quantities that would give different verdicts ("starben 14
        // Menschen" as close to "14 Menschen wurden verletzt" as to "drei leicht verletzt"):
        // which one the figure measures is a guess, and a guessed verdict misleads. No verdict.
        // Figures set apart from the draft figure (the year before, a forecast, another place)
        // are told apart by that, not tied.
        let close: Vec<f32> = sims
            .iter()
            .enumerate()
            .map(|(j, &s)| if apart(j) { f32::MIN } else { s })
            .collect();
        if near_tie(top, qi, &close, &self.quantity_of, supports) {
            if trace() {
                eprintln!("align refused (near tie) {:?}", draft.q.text);
            }
            return None;
        }
        let agrees = |m: usize| {
            self.figure(corpus, m)
                .is_some_and(|c| similar::agree(draft.q, c, tol))
        };
        type Scored = Vec<(usize, f32)>;
        // A variant whose context sets it apart from the draft figure (another person's
        // figure, a forecast, another place) contradicts nothing the draft says, though the
        // grouping put it with the others ("Butler returned an interception 32 yards" against
        // "Quinn … for 162 yards").
        let (mut variants, away): (Scored, Scored) = members
            .iter()
            .map(|&m| (m, sims[m]))
            .filter(|&(m, _)| {
                // Nor does a variant stating the draft's figure support it when it is qualified
                // otherwise (a forecast, a test, a capacity) and nothing else ties it to the
                // draft figure (a negative similarity): "forecast gusts of up to 60 mph"
                // against "Gusts reached 60 mph".
                let keep = if agrees(m) {
                    !(sims[m] < 0.0
                        && self
                            .figures
                            .get(m)
                            .is_some_and(|f| f.local.qualifiers != draft.local.qualifiers))
                } else {
                    // A value a thousand times off is another thing the grouping put here
                    // ("a one-off payment of £1,500" beside "a package worth £1.2bn").
                    self.figures
                        .get(m)
                        .is_none_or(|f| !similar::plainly_apart(draft.local, &f.local, dated(f)))
                        && !self
                            .figure(corpus, m)
                            .is_some_and(|c| magnitudes_apart(draft.q, c))
                };
                if !keep && trace() {
                    eprintln!("apart {:?}", self.figure(corpus, m).map(|q| &q.text));
                }
                keep
            })
            .partition(|&(m, _)| !elsewhere(m));
        // Only variants of elsewhere agree: whether the draft's place is the sources' is not
        // known, and "no source supports it" would be a guess. No verdict.
        if away.iter().any(|&(m, _)| agrees(m)) && !variants.iter().any(|&(m, _)| agrees(m)) {
            if trace() {
                eprintln!("align refused (support only elsewhere) {:?}", draft.q.text);
            }
            return None;
        }
        // A source that states the draft's figure in a context as close as a contradiction
        // needs is support, even where the grouping put it apart ("ein 87-jähriger Rentner"
        // beside three reports of "ein 78 Jahre alter Mann"): the draft's wording must not
        // hide a supporting source. Not when its context sets it apart (another place, a
        // forecast, another person's figure): "In Lützenbrück mussten 950 Menschen …" does not
        // support "In Grafenried mussten 950 Menschen …".
        for (j, &s) in sims.iter().enumerate() {
            if s >= CONFLICT_MIN
                && self.quantity_of.get(j) != Some(&qi)
                && !apart(j)
                && !elsewhere(j)
                && agrees(j)
            {
                variants.push((j, s));
            }
        }
        // No variant agrees, but a source states the draft's figure in a context that half
        // fits ("rund 80 Beamte" against "etwa 80 Polizistinnen und Polizisten"): "no source
        // supports this" would be false if that is the same quantity, and which it is is not
        // known. No verdict.
        let stating: Vec<(usize, f32)> = sims
            .iter()
            .enumerate()
            .filter(|&(j, _)| !apart(j) && !elsewhere(j) && agrees(j))
            .map(|(j, &s)| (j, s))
            .collect();
        let weak = stating.iter().map(|&(_, s)| s).fold(f32::MIN, f32::max);
        // An amount (not a date or time, which many things of a story share) credited to a
        // source keeps the sources stating it in that half-fitting context as its support:
        // whose figure it is can then be told ("2024 habe der Umsatz bei 278 Millionen Euro
        // gelegen, sagte Sagebiel": 278 in one report's "im Vorjahr", 287 in Sagebiel's own
        // words). So does an uncredited day or time that another report contradicts in a
        // context as close as a contradiction needs: a dispute between the sources, not "no
        // source supports it". Else no verdict: a dispute on a half-fitting alignment would be
        // a guess.
        if !variants.iter().any(|&(m, _)| agrees(m)) && weak >= weak_support(draft.q) {
            // A day against a strong contradiction ("It will close on June 20": one report's
            // "Its last day will be June 20", another's "will close on June 27"): the sources
            // disagree on it, whichever the draft follows.
            let strong_contradiction = variants
                .iter()
                .any(|&(m, s)| s >= CONFLICT_MIN && !agrees(m));
            let day = similar::point(draft.q) && !draft.credited && strong_contradiction;
            let weak_variants: Vec<(usize, f32)> = stating
                .into_iter()
                .filter(|&(_, s)| {
                    s >= if day {
                        weak_support(draft.q)
                    } else {
                        WEAK_SUPPORT
                    }
                })
                .collect();
            if weak_variants.is_empty() || (!day && (similar::point(draft.q) || !draft.credited)) {
                if trace() {
                    eprintln!("align refused (weak support {weak:.2}) {:?}", draft.q.text);
                }
                return None;
            }
            if trace() {
                eprintln!("align weakly supported ({weak:.2}) {:?}", draft.q.text);
            }
            variants.extend(weak_variants);
        }
        // Contradictions scattered over more than a factor of [`SCATTER`] (an order of magnitude: "716 yards", "6,728
        // yards", "63 yards" against "70 yards rushing") where no variant supports the draft
        // figure are not one quantity's variants but a kind's: several players, seasons or
        // occasions. Which of them the draft figure measures is unknown, and "no source
        // supports this" would be a guess. (With support, the variants nearest it in value
        // make the dispute, and the rules show them.)
        if !similar::point(draft.q) && !variants.iter().any(|&(m, _)| agrees(m)) {
            let values: Vec<f64> = variants
                .iter()
                .filter(|&&(m, _)| !agrees(m))
                .filter_map(|&(m, _)| self.figure(corpus, m))
                .map(similar::base_value)
                .filter(|v| *v > 0.0)
                .collect();
            let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = values.iter().copied().fold(0.0f64, f64::max);
            if values.len() >= 2 && hi > SCATTER * lo {
                if trace() {
                    eprintln!("contradictions scattered {:?}: {lo} … {hi}", draft.q.text);
                }
                variants.retain(|&(m, _)| agrees(m));
            }
        }
        let rival = sims
            .iter()
            .enumerate()
            .filter(|&(j, &s)| {
                s > f32::MIN && self.quantity_of.get(j) != Some(&qi) && !apart(j) && !elsewhere(j)
            })
            .map(|(_, &s)| s)
            .fold(f32::MIN, f32::max);
        let clear = rival < top - CLEAR_MARGIN;
        Some((qi, variants, clear))
    }

    /// Whether both the draft figure and figure `f` are dated and their times do not clash.
    fn dated(&self, draft: &Mention, f: &Features) -> bool {
        draft.when.is_some() && f.when.is_some() && !similar::times_clash(draft.when, f.when)
    }

    /// Whether figure `m`'s context sets it apart from the draft figure (another place, a
    /// forecast, another person's figure): no support from outside its quantity.
    fn set_apart(&self, draft: &Mention, m: usize) -> bool {
        self.figures
            .get(m)
            .is_none_or(|f| similar::sets_apart(draft.local, &f.local, self.dated(draft, f)))
    }

    /// Whether figure `m` is of another time or another place than the draft figure: no
    /// evidence about it, whatever the grouping says ("In Lützenbrück mussten 950 Menschen …"
    /// beside "In Grafenried mussten 950 Menschen …").
    fn elsewhere(&self, corpus: &Corpus, draft: &Mention, m: usize) -> bool {
        self.figures.get(m).is_none_or(|f| {
            similar::times_clash(draft.when, f.when)
                || similar::places_clash(draft.local, &f.local)
                || self
                    .figure(corpus, m)
                    .is_some_and(|c| similar::year_clash(draft.q, draft.when, c, f.when))
        })
    }

    /// The draft figure's similarity to every figure of the map (`f32::MIN` where the two
    /// cannot be compared or are magnitudes apart).
    fn similarities(&self, corpus: &Corpus, draft: &Mention, tol: &Tolerance) -> Vec<f32> {
        // A figure no source states anywhere, whose digits are a source figure's with two
        // swapped ("68 Millionen" for "86 Millionen", "$481.6 million" for "$418.6 million"):
        // the typist's slip, most likely of that figure. (A figure some source states is no
        // slip: "48.900 Euro" is not "49.800 Euro" mistyped where a report gives 48.900.)
        // (Asked only once a source figure is such a swap.)
        let stated_somewhere = std::cell::OnceCell::new();
        let stated = || {
            *stated_somewhere.get_or_init(|| {
                (0..self.figures.len()).any(|i| {
                    self.figure(corpus, i).is_some_and(|c| {
                        similar::comparable(draft.q, c) && similar::agree(draft.q, c, tol)
                    })
                })
            })
        };
        let mut sims: Vec<f32> = vec![f32::MIN; self.figures.len()];
        for (i, slot) in sims.iter_mut().enumerate() {
            let Some(m) = self.mention(corpus, i) else {
                continue;
            };
            if !similar::comparable_mentions(draft, &m, true) || magnitudes_apart(draft.q, m.q) {
                continue;
            }
            let mut s = similar::similarity(draft, &m, tol, true);
            if similar::transposed(draft.q, m.q) && !stated() {
                s += similar::TRANSPOSED_BONUS;
            }
            if trace() {
                eprintln!(
                    "align {:.2} {:?} -> {:?} {:?}",
                    s, draft.q.text, m.q.text, m.local.head
                );
            }
            *slot = s;
        }
        sims
    }

    /// Figures that state the draft figure's value where nothing aligns the draft figure
    /// surely: each with a positive similarity, none set apart from the draft figure or of
    /// another time or place, and no figure of another value at least as similar. Two reports
    /// giving "knapp eine Stunde" for a pause the draft lists as "Dauer der Gewitterpause:
    /// knapp eine Stunde" corroborate it, however differently they word it. With similarities.
    pub fn corroborating(
        &self,
        corpus: &Corpus,
        draft: &Mention,
        tol: &Tolerance,
    ) -> Vec<(usize, f32)> {
        let sims = self.similarities(corpus, draft, tol);
        let mut agreeing = Vec::new();
        let mut rival = f32::MIN;
        for (j, &s) in sims.iter().enumerate() {
            if s == f32::MIN || self.set_apart(draft, j) || self.elsewhere(corpus, draft, j) {
                continue;
            }
            let agrees = self
                .figure(corpus, j)
                .is_some_and(|c| similar::agree(draft.q, c, tol));
            if agrees {
                if s > 0.0 {
                    agreeing.push((j, s));
                }
            } else {
                rival = rival.max(s);
            }
        }
        agreeing.retain(|&(_, s)| s > rival);
        agreeing
    }

    /// The corpus figure of variant `i`.
    pub fn figure<'a>(&self, corpus: &'a Corpus, i: usize) -> Option<&'a Quantity> {
        quantity(corpus, self.figures.get(i)?.at)
    }
}

/// Values further apart than this factor are not one quantity's variants: a misprint or a
/// slip of the unit (thousand for million, "48.900" read as "48,900") is a factor of a
/// thousand, and a day ticket's 35 euros against a machine's 48,900 euros is two things.
pub const MAGNITUDE_GAP: f64 = 1100.0;

/// Whether two figures' values are more than [`MAGNITUDE_GAP`] apart (dates, years and times
/// of day are compared as points in time, not by size).
fn magnitudes_apart(a: &Quantity, b: &Quantity) -> bool {
    let (x, y) = (similar::base_value(a).abs(), similar::base_value(b).abs());
    !similar::point(a)
        && !similar::point(b)
        && x > 0.0
        && y > 0.0
        && x.max(y) > MAGNITUDE_GAP * x.min(y)
}

/// How close a source stating the draft's figure must come to keep it from being called
/// unsupported: [`WEAK_SUPPORT_DAY`] for a date or a time to the minute, else [`WEAK_SUPPORT`].
fn weak_support(q: &Quantity) -> f32 {
    let day = q.dimension == Dimension::Date && matches!(q.unit.as_deref(), Some("md" | "date"));
    let minute = q.dimension == Dimension::TimeOfDay
        && (q.value.fract() != 0.0 || q.approx == crate::extract::Approx::Range);
    if day || minute {
        WEAK_SUPPORT_DAY
    } else {
        WEAK_SUPPORT
    }
}

/// Whether a draft figure aligned to quantity `qi` with similarity `top` is as close (within
/// [`NEAR_TIE`]) to a variant of another quantity whose verdict differs (`supports`: whether a
/// quantity has a variant agreeing with the draft figure). `sims` per variant, `quantity_of` its
/// quantity.
fn near_tie(
    top: f32,
    qi: usize,
    sims: &[f32],
    quantity_of: &[usize],
    supports: impl Fn(usize) -> bool,
) -> bool {
    let verdict = supports(qi);
    sims.iter().zip(quantity_of).any(|(&s, &qj)| {
        s >= ALIGN_MIN && s >= top - NEAR_TIE && qj != qi && supports(qj) != verdict
    })
}

impl FigureMap {
    /// The quantity of a corpus figure, if it takes part in the map.
    pub fn quantity_at(&self, at: FigRef) -> Option<usize> {
        let i = self.figures.iter().position(|f| f.at == at)?;
        self.quantity_of.get(i).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::FigureMap;
    use crate::config::Tolerance;
    use crate::corpus::Corpus;

    /// The map of an in-memory corpus, each quantity as the sorted texts of its variants.
    fn groups(docs: &[(&str, &str)]) -> Vec<Vec<String>> {
        let c = Corpus::from_texts(docs.iter().copied(), None);
        let all: Vec<usize> = (0..c.docs.len()).collect();
        let map = FigureMap::build(&c, &all, &Tolerance::default());
        let mut out: Vec<Vec<String>> = map
            .quantities
            .iter()
            .map(|g| {
                let mut t: Vec<String> = g
                    .iter()
                    .filter_map(|&i| map.figure(&c, i).map(|q| q.text.clone()))
                    .collect();
                t.sort();
                t
            })
            .collect();
        out.sort();
        out
    }

    /// A sentence opening with „Damals“ tells of the past time the sentence before names: its
    /// figures hold then, not at the report's date (so they never join this week's).
    #[test]
    fn a_sentence_opening_with_then_holds_at_the_time_named_before() {
        let when_of = |text: &str, fig: &str| {
            let c = Corpus::from_texts([("mna.md", text)], None);
            let map = FigureMap::build(&c, &[0], &Tolerance::default());
            (0..map.figures.len())
                .find(|&i| map.figure(&c, i).is_some_and(|q| q.text == fig))
                .and_then(|i| map.figures[i].when)
        };
        let year_2020 = crate::extract::days_since_epoch(2020, 1, 1);
        let then = "---\nsource: mna\ndate: 2026-01-15\n---\nAm Donnerstag hatten alle wieder Strom.\n\nZuletzt war Marlenbach im November 2019 ohne Strom gewesen. Damals waren rund 9.800 Haushalte ohne Strom.\n";
        let (_, hi) = when_of(then, "rund 9.800").expect("dated");
        assert!(hi < year_2020, "{hi}");
        let now = then.replace("Damals waren", "Diesmal waren");
        let (lo, _) = when_of(&now, "rund 9.800").expect("dated");
        assert!(lo > year_2020, "{lo}");
    }

    /// A year after an article describes a thing ("The 1931 cast-iron main ruptured …"): it
    /// does not date the paragraph, as "In January 2011, …" does.
    #[test]
    fn a_year_after_an_article_does_not_date_its_paragraph() {
        let when_of = |text: &str, fig: &str| {
            let c = Corpus::from_texts([("courier.md", text)], crate::lang::Lang::En.into());
            let map = FigureMap::build(&c, &[0], &Tolerance::default());
            (0..map.figures.len())
                .find(|&i| map.figure(&c, i).is_some_and(|q| q.text == fig))
                .and_then(|i| map.figures[i].when)
        };
        let year_2020 = crate::extract::days_since_epoch(2020, 1, 1);
        let main = "---\nsource: Courier\ndate: 2026-03-10\n---\nThe 1931 cast-iron main ruptured near Fifth Street on Monday. It opened a sinkhole about 40 feet wide.\n";
        let (lo, _) = when_of(main, "about 40 feet").expect("dated");
        assert!(lo > year_2020, "{lo}");
        let storm = "---\nsource: Courier\ndate: 2026-03-10\n---\nIn January 2011, a blizzard closed the runway. That storm stranded about 600 passengers.\n";
        let (_, hi) = when_of(storm, "about 600").expect("dated");
        assert!(hi < year_2020, "{hi}");
    }

    fn together(gs: &[Vec<String>], a: &str, b: &str) -> bool {
        gs.iter()
            .any(|g| g.iter().any(|x| x == a) && g.iter().any(|x| x == b))
    }

    #[test]
    fn one_delay_phrased_three_ways_is_one_quantity_and_a_test_load_is_another() {
        let gs = groups(&[
            ("a.md", "---\nsource: Welt\n---\nDer Livestream startete etwa 30 Minuten später als geplant. Rund 1,3 Millionen Zuhörer verfolgten das Gespräch. Das System war zuvor mit acht Millionen Zuhörern getestet worden.\n"),
            ("b.md", "---\nsource: Bote\n---\nDer Livestream begann mit 45 Minuten Verspätung. Etwa eine Million Zuhörer verfolgten das Gespräch. Musk sagte, man habe mit acht Millionen Zuhörern getestet.\n"),
            ("c.md", "---\nsource: Kurier\n---\nDas Gespräch begann mit mehr als 40 Minuten Verspätung.\n"),
        ]);
        assert!(together(&gs, "etwa 30 Minuten", "45 Minuten"), "{gs:?}");
        assert!(together(&gs, "45 Minuten", "mehr als 40 Minuten"), "{gs:?}");
        assert!(
            together(&gs, "Rund 1,3 Millionen", "Etwa eine Million"),
            "{gs:?}"
        );
        assert!(
            !together(&gs, "Rund 1,3 Millionen", "acht Millionen"),
            "{gs:?}"
        );
    }

    /// Two source figures fifty times apart with other leading digits are two quantities,
    /// whatever noun they count: an airport's yearly passengers are no rival count of the
    /// stranded ones, while two reports of the stranded stay one quantity.
    #[test]
    fn figures_far_apart_are_two_quantities() {
        let gs = groups(&[
            ("a.md", "---\nsource: Wire\n---\nThe airport handles about 1.2 million passengers a year.\n"),
            ("b.md", "---\nsource: Examiner\n---\nNearly 2,000 passengers were stranded at the airport.\n"),
            ("c.md", "---\nsource: Post\n---\nAbout 1,100 passengers were stranded at the airport.\n"),
        ]);
        assert!(together(&gs, "Nearly 2,000", "About 1,100"), "{gs:?}");
        assert!(!together(&gs, "about 1.2 million", "About 1,100"), "{gs:?}");
        assert!(
            !together(&gs, "about 1.2 million", "Nearly 2,000"),
            "{gs:?}"
        );
    }

    /// Of two figures counting one synonym group in the same words otherwise, the one counting
    /// the same word is the closer: guests are guests before they are visitors.
    #[test]
    fn the_same_counted_word_is_closer_than_its_synonym() {
        let c = Corpus::from_texts(
            [
                ("a.md", "Rund 1.200 Gäste kamen am Dienstag."),
                ("b.md", "Rund 72.000 Besucher kamen am Dienstag."),
                ("c.md", "Rund 1.800 Gäste kamen am Dienstag."),
            ],
            Some(crate::lang::Lang::De),
        );
        let tol = Tolerance::default();
        let map = FigureMap::build(&c, &[0, 1, 2], &tol);
        let of = |d: usize| map.figures.iter().position(|f| f.at.doc == d);
        let (Some(a), Some(b), Some(x)) = (of(0), of(1), of(2)) else {
            panic!("three figures expected");
        };
        let (Some(a), Some(b), Some(x)) =
            (map.mention(&c, a), map.mention(&c, b), map.mention(&c, x))
        else {
            panic!("three mentions expected");
        };
        let guests = crate::figmap::similar::similarity(&x, &a, &tol, true);
        let visitors = crate::figmap::similar::similarity(&x, &b, &tol, true);
        assert!(guests > visitors, "{guests} vs {visitors}");
    }

    /// A clause opened by „als“ / "when" after a comma holds when the year before the comma
    /// does: last year's count is last year's, not a rival of this year's.
    #[test]
    fn a_when_clause_after_last_year_is_last_years() {
        let gs = groups(&[
            ("a.md", "---\nsource: Messe\n---\nDas ist ein Plus von 17 Prozent gegenüber dem Vorjahr, als die Messe 52.300 Besucher zählte.\n"),
            ("b.md", "---\nsource: Anzeiger\n---\nMehr als 61.000 Besucher kamen zur Messe.\n"),
        ]);
        assert!(!together(&gs, "52.300", "Mehr als 61.000"), "{gs:?}");
        let en = groups(&[
            ("a.md", "---\nsource: Fair\n---\nThat is up 17 percent from last year, when the fair drew 52,300 visitors.\n"),
            ("b.md", "---\nsource: Ledger\n---\nMore than 61,000 visitors came to the fair.\n"),
        ]);
        assert!(!together(&en, "52,300", "More than 61,000"), "{en:?}");
    }

    /// Two reports' only meeting lengths, a half apart, are one quantity, whatever other
    /// durations (a tenure in years) a report has, and whichever report is asked first.
    #[test]
    fn the_only_durations_of_their_unit_half_apart_are_one_quantity() {
        let gs = groups(&[
            ("a.md", "---\nsource: Tageblatt\n---\nNach einer zweistündigen Versammlung standen viele Beschäftigte vor dem Tor. Hallmann arbeitet seit 38 Jahren im Werk.\n"),
            ("b.md", "---\nsource: Kurier\n---\nRund 900 Beschäftigte kamen zur Versammlung, die knapp drei Stunden dauerte.\n"),
        ]);
        assert!(
            together(&gs, "zweistündigen", "knapp drei Stunden"),
            "{gs:?}"
        );
        assert!(!together(&gs, "zweistündigen", "38 Jahren"), "{gs:?}");
        // Not of two units: the rain's only span in hours, the bridge's only span in days.
        let gs = groups(&[
            ("a.md", "---\nsource: Wetterdienst\n---\nNach 142 Litern Regen pro Quadratmeter in 48 Stunden stieg der Fluss über die Ufer.\n"),
            ("b.md", "---\nsource: Kurier\n---\nDie Merlachbrücke war zwei Tage gesperrt.\n"),
        ]);
        assert!(!together(&gs, "48 Stunden", "zwei Tage"), "{gs:?}");
    }

    #[test]
    fn a_forecast_and_another_candidates_tally_are_other_quantities() {
        let gs = groups(&[
            ("a.md", "---\nsource: Courier\n---\nWhitcombe received 58,214 votes. Oyelaran received 48,211 votes. Officials had expected turnout of 45 percent; turnout was 41.8 percent.\n"),
            ("b.md", "---\nsource: Wire\n---\nWhitcombe won with 58,214 votes, while Oyelaran got 48,211 votes. Turnout was nearly 42 percent, below the 45 percent forecast.\n"),
        ]);
        assert!(together(&gs, "58,214", "58,214"), "{gs:?}");
        assert!(!together(&gs, "58,214", "48,211"), "{gs:?}");
        assert!(together(&gs, "41.8 percent", "nearly 42 percent"), "{gs:?}");
        assert!(!together(&gs, "41.8 percent", "45 percent"), "{gs:?}");
    }

    #[test]
    fn dates_and_times_of_the_event_are_compared_and_ages_of_two_people_are_not() {
        let gs = groups(&[
            ("a.md", "---\nsource: Courier\n---\nThe quake struck at 9:42 p.m. on Tuesday. The mayor, Ann Lee, 63, visited the site; the rescued boy, Tim Ward, 12, is in hospital.\n"),
            ("b.md", "---\nsource: Wire\n---\nThe quake struck at 9:24 p.m. on Tuesday. Mayor Ann Lee, 63, toured the site. Rescuers freed Tim Ward, 12, from the rubble.\n"),
        ]);
        assert!(together(&gs, "9:42 p.m.", "9:24 p.m."), "{gs:?}");
        assert!(!together(&gs, "63", "12"), "{gs:?}");
    }

    /// A qualifier belongs to the figure nearest it: "registered" to the registered voters,
    /// not to the turnout beside them; "four years ago" to the turnout it follows, not to the
    /// one it is compared with. A sentence opening with a year dates its figures.
    #[test]
    fn a_qualifier_is_the_nearest_figures_and_an_opening_year_dates_the_sentence() {
        use crate::figmap::similar::{local_context, owners, when};
        use crate::lang::Lang;
        use crate::text::Span;
        let facts = |t: &str| {
            let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(Lang::En));
            crate::extract::extract(&doc).quantities
        };
        let local = |t: &str, fig: &str| {
            let qs = facts(t);
            let q = qs.iter().find(|q| q.text == fig).cloned();
            let q = q.unwrap_or_else(|| panic!("{fig} not in {qs:?}"));
            let numbers: Vec<Span> = qs.iter().map(|x| x.number_span).collect();
            let all = Span::new(0, t.len());
            let l = local_context(t, all, q.span, &numbers, &owners(&qs), &[], Lang::En);
            let w = when(t, all, all, &q, &l, &qs, None);
            (l, w)
        };
        let t = "A total of 112,406 ballots were cast out of 268,900 registered voters, a turnout of 41.8 percent.";
        assert!(local(t, "41.8 percent").0.qualifiers.is_empty());
        assert!(!local(t, "268,900").0.qualifiers.is_empty());
        let t = "Turnout was nearly 42 percent, up from 33.5 percent four years ago.";
        assert!(local(t, "nearly 42 percent").0.years_back == 0);
        assert!(local(t, "33.5 percent").0.years_back == 1);
        let de = |t: &str, fig: &str| {
            let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(Lang::De));
            let qs = crate::extract::extract(&doc).quantities;
            let q = qs.iter().find(|q| q.text == fig).cloned();
            let q = q.unwrap_or_else(|| panic!("{fig} not in {qs:?}"));
            let numbers: Vec<Span> = qs.iter().map(|x| x.number_span).collect();
            let all = Span::new(0, t.len());
            local_context(t, all, q.span, &numbers, &owners(&qs), &[], Lang::De).years_back == 1
        };
        let t = "Die Wahlbeteiligung lag bei 41,8 Prozent, vor vier Jahren bei 33,5 Prozent.";
        assert!(de(t, "33,5 Prozent"));
        assert!(!de(t, "41,8 Prozent"));
        let t = "In the 2021 municipal election, 88,950 ballots were cast and turnout was 33.5 percent.";
        let (_, w) = local(t, "33.5 percent");
        let y2021 = (
            crate::extract::days_since_epoch(2021, 1, 1),
            crate::extract::days_since_epoch(2021, 12, 31),
        );
        assert_eq!(w, Some(y2021));
    }

    /// A year-before word between two figures, as near to both, is the later one's: the
    /// bracketed figure is last year's, not the one the sentence states.
    #[test]
    fn a_bracketed_year_before_is_its_own_figures() {
        use crate::lang::Lang;
        let t = "Das Viertele kostete in diesem Jahr 3,80 Euro (Vorjahr: 3,50 Euro).";
        assert!(local_of(t, "3,80 Euro", Lang::De).years_back == 0);
        assert!(local_of(t, "3,50 Euro", Lang::De).years_back == 1);
        let t = "A glass cost $3.80 (last year: $3.50).";
        assert!(local_of(t, "$3.80", Lang::En).years_back == 0);
    }

    /// A name in a relative clause after the figure's noun is not whose the figure is: "a
    /// $418.6 million budget that closes the Eastgate Branch Library" is nobody's budget.
    #[test]
    fn a_name_past_a_relative_pronoun_owns_no_figure() {
        use crate::lang::Lang;
        let t = "The council voted 6-3, with six members in favor, to approve a $418.6 million budget that closes the Eastgate Branch Library.";
        assert_eq!(local_of(t, "$418.6 million", Lang::En).name, None);
        let t = "The council approved a $418.6 million budget for the Eastgate Branch Library.";
        assert_eq!(
            local_of(t, "$418.6 million", Lang::En).name.as_deref(),
            Some("library")
        );
    }

    /// "The year before" after a figure of last year dates its own figure a year before that:
    /// two years back, another quantity than last year's.
    #[test]
    fn the_year_before_last_year_is_two_years_back() {
        use crate::lang::Lang;
        let t = "Eastgate had about 84,000 visits last year, down from 97,000 the year before.";
        assert_eq!(local_of(t, "about 84,000", Lang::En).years_back, 1);
        assert_eq!(local_of(t, "97,000", Lang::En).years_back, 2);
        let t = "Der Umsatz lag im vergangenen Jahr bei 315 Millionen Euro, nach 278 Millionen Euro im Vorjahr.";
        assert_eq!(local_of(t, "315 Millionen Euro", Lang::De).years_back, 1);
        assert_eq!(local_of(t, "278 Millionen Euro", Lang::De).years_back, 2);
        // Against the report's own year, the year before is one back.
        let t = "Revenue reached $315 million, up from $278 million a year earlier.";
        assert_eq!(local_of(t, "$278 million", Lang::En).years_back, 1);
    }

    /// A paragraph opened by "Two years ago," („Vor zwei Jahren …“ where the span is a figure)
    /// tells of that time: its figures hold two years before the report, also in the sentences
    /// after the first ("That meeting ended at 1:15 a.m."). One that merely mentions a span
    /// ("It took two years") dates nothing.
    #[test]
    fn a_paragraph_opened_by_ago_is_dated_back() {
        use crate::lang::Lang;
        let when_of = |t: &str, fig: &str| {
            let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(Lang::En));
            let qs = crate::extract::extract(&doc).quantities;
            let q = qs.iter().find(|q| q.text == fig).expect("the figure");
            let local = local_of(t, fig, Lang::En);
            let all = crate::text::Span::new(0, t.len());
            crate::figmap::similar::when(t, all, all, q, &local, &qs, Some((20_000, 20_060)))
        };
        let t = "Two years ago, the council voted to keep the branch open. That meeting ended at 1:15 a.m.";
        let (lo, hi) = when_of(t, "1:15 a.m.").expect("a time");
        assert!(
            (700..760).contains(&(20_000 - lo)) && hi - lo == 60,
            "{lo}..{hi}"
        );
        let t = "The repairs took two years. The bridge reopened at 6 a.m.";
        assert_eq!(when_of(t, "6 a.m."), Some((20_000, 20_060)));
    }

    /// "Im Normalbetrieb", "normally": the usual level is another quantity than the peak
    /// the same sentence shape reports.
    #[test]
    fn the_normal_level_is_qualified() {
        use crate::lang::Lang;
        let normal = local_of(
            "Im Normalbetrieb gibt die Talsperre etwa drei Kubikmeter pro Sekunde ab.",
            "etwa drei Kubikmeter",
            Lang::De,
        );
        let peak = local_of(
            "In der Spitze gab die Talsperre 85 Kubikmeter pro Sekunde ab.",
            "85 Kubikmeter",
            Lang::De,
        );
        assert!(
            !normal.qualifiers.is_subset(&peak.qualifiers),
            "{:?} {:?}",
            normal.qualifiers,
            peak.qualifiers
        );
        let normal = local_of(
            "The dam normally releases about 100 cubic feet per second.",
            "about 100 cubic feet",
            Lang::En,
        );
        let peak = local_of(
            "The dam released 3,000 cubic feet per second at its peak.",
            "3,000 cubic feet",
            Lang::En,
        );
        assert!(
            !normal.qualifiers.is_subset(&peak.qualifiers),
            "{:?} {:?}",
            normal.qualifiers,
            peak.qualifiers
        );
    }

    /// A date, year or time after a preposition dates the word before it: "his finest season
    /// in 2008 with 59 receptions" has a second head reading, "season", that "the best of his
    /// four NFL seasons in 2010 with 59 catches" shares, though the words after differ.
    #[test]
    fn a_point_after_a_preposition_dates_the_word_before() {
        use crate::figmap::similar::{head_relation, HeadRelation};
        use crate::lang::Lang;
        let a = local_of(
            "Jackson had his finest season in 2008 with 59 receptions for 1,098 yards.",
            "2008",
            Lang::En,
        );
        let b = local_of(
            "Jackson enjoyed the best of his four NFL seasons in 2010 with 59 catches for 1,098 yards.",
            "2010",
            Lang::En,
        );
        assert_eq!(head_relation(&a, &b), HeadRelation::Same);
        // A count has no such reading: "59 receptions" is not measured by "season".
        let c = local_of(
            "Jackson had his finest season in 2008 with 59 receptions for 1,098 yards.",
            "59",
            Lang::En,
        );
        assert!(c.point_head.is_none());
    }

    /// The local context of figure `fig` in the one-sentence text `t`.
    fn local_of(t: &str, fig: &str, lang: crate::lang::Lang) -> crate::figmap::similar::Local {
        use crate::figmap::similar::{local_context, owners};
        use crate::text::Span;
        let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(lang));
        let qs = crate::extract::extract(&doc).quantities;
        let q = qs.iter().find(|q| q.text == fig);
        let q = q.unwrap_or_else(|| panic!("{fig} not in {qs:?}"));
        let numbers: Vec<Span> = qs.iter().map(|x| x.number_span).collect();
        local_context(
            t,
            Span::new(0, t.len()),
            q.span,
            &numbers,
            &owners(&qs),
            &[],
            lang,
        )
        .for_point(q)
    }

    /// An area level says where, not when: it qualifies a count sold nationwide, not the date
    /// it was sold from; nor does "last" or a rate qualify a date, while a plan still does.
    #[test]
    fn an_area_level_qualifies_no_date() {
        use crate::lang::Lang::{De, En};
        let t = "Stores nationwide sold 460,000 cookers from March 2022 through August 2024.";
        assert!(local_of(t, "from March 2022", En).qualifiers.is_empty());
        assert!(!local_of(t, "460,000", En).qualifiers.is_empty());
        let t = "The cookers were planned for sale nationwide from March 2022.";
        assert!(!local_of(t, "March 2022", En).qualifiers.is_empty());
        // "last" and a rate say nothing about when either: "its last day will be June 20".
        assert!(local_of("Its last day will be June 20.", "June 20", En)
            .qualifiers
            .is_empty());
        assert!(
            !local_of("The vote had been planned for June 20.", "June 20", En)
                .qualifiers
                .is_empty()
        );
        assert!(!local_of(
            "Die Abstimmung war für den 20. Juni geplant.",
            "20. Juni",
            De
        )
        .qualifiers
        .is_empty());
        let t = "Bundesweit wurden ab März 2022 rund 460.000 Geräte verkauft.";
        assert!(local_of(t, "März 2022", De).qualifiers.is_empty());
        assert!(!local_of(t, "rund 460.000", De).qualifiers.is_empty());
    }

    /// A comparative right after a figure makes it the amount of a change, and "the year
    /// before" after a comparison is what it is compared with, not when it holds: "vier Prozent
    /// mehr als im Vorjahr" is a rise like "wächst um vier Prozent", in both languages.
    #[test]
    fn an_amount_compared_with_the_year_before_is_a_change_of_this_year() {
        use crate::figmap::similar::{changes_differ, Change};
        use crate::lang::Lang;
        let rise = local_of("Der Etat wächst um vier Prozent.", "vier Prozent", Lang::De);
        let more = local_of(
            "Das sind vier Prozent mehr als im Vorjahr.",
            "vier Prozent",
            Lang::De,
        );
        assert_eq!(more.change, Some(Change::By));
        assert!(more.years_back == 0);
        assert!(!changes_differ(&rise, &more));
        // The year before itself still dates its own figure.
        let before = local_of(
            "Im Vorjahr lag der Etat bei 1,1 Mrd. Euro.",
            "1,1 Mrd. Euro",
            Lang::De,
        );
        assert!(before.years_back == 1);
        let fewer = local_of(
            "That is 1,200 fewer than a year earlier.",
            "1,200",
            Lang::En,
        );
        assert_eq!(fewer.change, Some(Change::By));
        assert!(fewer.years_back == 0);
        let level = local_of(
            "Enrollment reached 12,400 a year earlier.",
            "12,400",
            Lang::En,
        );
        assert!(level.years_back == 1);
        assert_eq!(level.change, None);
    }

    /// A figure with no place near it is placed by a known place standing bare before it in
    /// its sentence (the clause's subject or topic), not by one in a place phrase further back,
    /// one after a determiner or one opening a longer name; in both languages, and in the map.
    #[test]
    fn a_bare_place_before_a_figure_places_it() {
        use crate::figmap::similar::implicit_place;
        use crate::lang::Lang;
        use crate::text::Span;
        let known: std::collections::HashSet<String> = ["ostheim", "westerau", "dunmore", "texas"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let at = |t: &str, fig: &str, lang| {
            let start = t.find(fig).unwrap_or_else(|| panic!("{fig} not in {t}"));
            let span = Span::new(start, start + fig.len());
            implicit_place(t, Span::new(0, t.len()), span, &known, lang)
        };
        let t = "Anders als in Westerau, wo die Schäden auf 40 Millionen Euro geschätzt werden, kam Ostheim glimpflich davon: 620 Menschen mussten ihre Häuser verlassen, drei wurden verletzt.";
        assert_eq!(at(t, "620", Lang::De).as_deref(), Some("ostheim"));
        assert_eq!(at(t, "drei", Lang::De).as_deref(), Some("ostheim"));
        // The place phrase further back is the place of what it stands near: no guess.
        assert_eq!(at(t, "40 Millionen", Lang::De), None);
        // Not a known place, or after a determiner (a German noun), or no place at all.
        assert_eq!(
            at("Nordheim meldete 620 Evakuierte.", "620", Lang::De),
            None
        );
        assert_eq!(
            at("Die Ostheim meldete 620 Evakuierte.", "620", Lang::De),
            None
        );
        let t = "Dunmore fared worse: 4,200 residents left their homes.";
        assert_eq!(at(t, "4,200", Lang::En).as_deref(), Some("dunmore"));
        // Part of a longer name: the governor's figure, not one placed in Texas.
        let t = "Texas Gov. Rick Perry said 40 people were hurt.";
        assert_eq!(at(t, "40", Lang::En), None);
        // Through the map: the bare place sets the report's figure apart from the draft's
        // other place; without it the figure would be placed nowhere and support anything.
        let c = Corpus::from_texts(
            [
                ("a.md", "In Ostheim mussten 620 Menschen ihre Häuser verlassen. In Westerau mussten 1.400 Menschen ihre Häuser verlassen."),
                ("b.md", "Anders als in Westerau, wo ein Mann starb, kam Ostheim glimpflich davon: 620 Menschen mussten ihre Häuser verlassen."),
            ],
            Some(Lang::De),
        );
        let map = FigureMap::build(&c, &[0, 1], &Tolerance::default());
        let placed = map
            .figures
            .iter()
            .find(|f| f.at.doc == 1)
            .map(|f| f.local.places.clone());
        assert_eq!(
            placed,
            Some(["ostheim".to_string()].into_iter().collect()),
            "{:?}",
            map.places
        );
    }

    /// A promise is a plan, in both languages: "promised results by 10 p.m." names the time
    /// the plans name ("expected … by 10 p.m."), not a time something happened.
    #[test]
    fn a_promised_time_is_a_planned_time() {
        use crate::lang::Lang;
        let promised = local_of(
            "The Board had promised complete results by 10 p.m.",
            "by 10 p.m.",
            Lang::En,
        );
        let expected = local_of(
            "The Board had expected complete results by 10 p.m.",
            "by 10 p.m.",
            Lang::En,
        );
        assert!(!promised.qualifiers.is_empty(), "{promised:?}");
        assert_eq!(promised.qualifiers, expected.qualifiers);
        let de = local_of(
            "Die Stadt hatte Ergebnisse bis 22 Uhr versprochen.",
            "bis 22 Uhr",
            Lang::De,
        );
        let geplant = local_of(
            "Die Stadt hatte Ergebnisse bis 22 Uhr geplant.",
            "bis 22 Uhr",
            Lang::De,
        );
        assert!(!de.qualifiers.is_empty(), "{de:?}");
        assert_eq!(de.qualifiers, geplant.qualifiers);
    }

    /// A place nearer another count of the sentence is that count's; an area level (ward,
    /// city, county) sets figures of different levels apart, in both languages.
    #[test]
    fn places_and_area_levels_belong_to_their_own_figures() {
        use crate::figmap::similar::places_clash;
        use crate::lang::Lang;
        let t =
            "Im Landkreis Merlachtal werden 4.800 Menschen evakuiert, davon 1.870 in Grafenried.";
        let (county, town) = (
            local_of(t, "4.800", Lang::De),
            local_of(t, "1.870", Lang::De),
        );
        assert!(!county.places.contains("grafenried"), "{:?}", county.places);
        assert!(town.places.contains("grafenried"), "{:?}", town.places);
        let city = local_of(
            "Die Stadt gab die Zahl der Evakuierten mit 1.870 an.",
            "1.870",
            Lang::De,
        );
        assert!(places_clash(&city, &county));
        let t = "Insgesamt mussten 4.800 Menschen ihre Häuser verlassen, darunter 1.870 in Grafenried und 950 in Lützenbrück.";
        let l = local_of(t, "950", Lang::De);
        assert!(!l.places.contains("grafenried"), "{:?}", l.places);
        assert!(l.places.contains("lützenbrück"), "{:?}", l.places);
        let other_city = local_of("Die Stadt nannte 1.900 Evakuierte.", "1.900", Lang::De);
        assert!(!places_clash(&city, &other_city));
        // English: the turnout across the city is not the ward's; a ward compared across the
        // city names both levels and clashes with neither.
        let citywide = local_of(
            "Turnout across the city hit 55.2 percent.",
            "55.2 percent",
            Lang::En,
        );
        let ward = local_of(
            "Ward 3 recorded the highest turnout, at 55.2 percent; Ward 7 the lowest, at 27.9 percent.",
            "55.2 percent",
            Lang::En,
        );
        let led = local_of(
            "Ward 3 led the city with 55.2 percent turnout, the Board said.",
            "55.2 percent",
            Lang::En,
        );
        assert!(places_clash(&citywide, &ward));
        assert!(!places_clash(&led, &ward));
        // Without a level on one side nothing is known.
        let bare = local_of("Turnout was 41.8 percent.", "41.8 percent", Lang::En);
        assert!(!places_clash(&citywide, &bare));
        // The whole world is wider than any named place; the article does not hide the place.
        let t = "Kellner is recalling about 412,000 cookers in the United States, and more than 640,000 worldwide.";
        let (us, world) = (
            local_of(t, "about 412,000", Lang::En),
            local_of(t, "more than 640,000", Lang::En),
        );
        let draft = local_of(
            "Kellner is recalling 640,000 cookers in the United States.",
            "640,000",
            Lang::En,
        );
        assert!(draft.places.contains("united"), "{:?}", draft.places);
        assert!(places_clash(&draft, &world));
        assert!(!places_clash(&draft, &us));
        let weltweit = local_of(
            "Weltweit wurden 640.000 Geräte verkauft.",
            "640.000",
            Lang::De,
        );
        let in_place = local_of(
            "In Kanada wurden 38.000 Geräte verkauft.",
            "38.000",
            Lang::De,
        );
        assert!(places_clash(&weltweit, &in_place));
        assert!(!places_clash(&weltweit, &bare));
    }

    /// "this year's ballots" is no yearly rate, "after ten hours" no hourly one: the rate
    /// qualifier is not a word that stems to the time unit.
    #[test]
    fn a_time_unit_is_no_rate() {
        use crate::lang::Lang;
        let l = local_of(
            "Of this year's ballots, 31,200 were returned by mail.",
            "31,200",
            Lang::En,
        );
        assert!(l.qualifiers.is_empty(), "{:?}", l.qualifiers);
        let l = local_of(
            "After ten hours, 400 homes still had no power.",
            "400",
            Lang::En,
        );
        assert!(l.qualifiers.is_empty(), "{:?}", l.qualifiers);
        let l = local_of(
            "About 90,000 vehicles cross the bridge daily.",
            "About 90,000",
            Lang::En,
        );
        assert!(!l.qualifiers.is_empty());
    }

    /// An age beside a speaker is the speaker's own, so the speaker may be its owner's name;
    /// an age apart from the speaker is somebody else's, and the speaker's name is no name of
    /// the figure's.
    #[test]
    fn an_age_is_the_speakers_only_beside_the_speaker() {
        use crate::lang::Lang;
        use crate::text::Span;
        let speakers_of = |t: &str, fig: &str| {
            let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(Lang::En));
            let facts = crate::extract::extract(&doc);
            let q = facts.quantities.iter().find(|q| q.text == fig).cloned();
            let q = q.unwrap_or_else(|| panic!("{fig} not in {:?}", facts.quantities));
            let speakers = crate::figmap::speaker_spans(&facts, Span::new(0, t.len()));
            assert_eq!(speakers.len(), 1, "{speakers:?}");
            let owned = crate::figmap::owned_speakers(t, &q, &speakers);
            owned
                .iter()
                .map(|s| s.slice(t).to_string())
                .collect::<Vec<_>>()
        };
        let apart = speakers_of(
            "Governor Atururi said a 10-year-old girl was killed in the quake.",
            "10-year-old",
        );
        assert_eq!(apart, vec!["Governor Atururi".to_string()]);
        let beside = speakers_of(
            "Renata Solvik, 52, told reporters the road was closed.",
            "52",
        );
        assert!(beside.is_empty(), "{beside:?}");
    }

    /// Two sure names set figures plainly apart only when neither figure's sentence names the
    /// other's: a draft naming "NFL" nearest and a source naming "Dolphins" nearest, both
    /// sentences about the 2008 Miami Dolphins, are not two owners.
    #[test]
    fn names_set_apart_only_when_the_other_sentence_lacks_them() {
        use crate::figmap::similar::plainly_apart;
        use crate::lang::Lang;
        let draft = local_of(
            "Darius Butler returned an interception 32 yards for a TD in helping the Colts join the 2008 Miami Dolphins as the only NFL teams to win at least 10 games after losing 14 or more the previous season.",
            "14",
            Lang::En,
        );
        let source = local_of(
            "Indianapolis joins the 2008 Miami Dolphins as the only teams to win at least 10 games after losing 14 or more the previous season.",
            "14",
            Lang::En,
        );
        assert!(
            draft.name != source.name,
            "{:?} {:?}",
            draft.name,
            source.name
        );
        assert!(!plainly_apart(&draft, &source, false));
        let other = local_of(
            "Brady Quinn was just 10 of 22 for 162 yards in the loss.",
            "162 yards",
            Lang::En,
        );
        let butler = local_of(
            "Darius Butler returned an interception 32 yards in the win.",
            "32 yards",
            Lang::En,
        );
        assert!(plainly_apart(&other, &butler, false));
    }

    /// A hyphenated compound qualifies as its last part: "a four-day ski tour" and "four days
    /// of ski touring" are both spans of days, not one a daily rate and the other not.
    #[test]
    fn a_hyphenated_compound_qualifies_as_its_last_part() {
        use crate::lang::Lang;
        let days = local_of(
            "Rait had planned to spend four days ski touring in the area.",
            "four days",
            Lang::En,
        );
        let compound = local_of(
            "He had been planning a four-day ski tour of the area.",
            "four-day",
            Lang::En,
        );
        assert_eq!(days.qualifiers, compound.qualifiers);
        assert!(!crate::figmap::similar::plainly_apart(
            &days, &compound, false
        ));
        let planned = local_of(
            "The long-planned bridge will carry 90,000 vehicles.",
            "90,000",
            Lang::En,
        );
        assert!(!planned.qualifiers.is_empty(), "{:?}", planned.qualifiers);
    }

    /// Across clauses the head is not sought past a semicolon: the clause after it is a
    /// parallel statement ("…; Ward 7 the lowest, at 27.9 percent").
    #[test]
    fn a_head_is_not_sought_past_a_semicolon() {
        use crate::lang::Lang;
        let l = local_of(
            "Ward 3 recorded the highest turnout, at 55.2 percent; Ward 7 the lowest, at 27.9 percent.",
            "55.2 percent",
            Lang::En,
        );
        assert!(
            l.head.as_deref().is_some_and(|h| h.starts_with("turnout")),
            "{:?}",
            l.head
        );
    }

    /// A margin or an amount of change ("beating Oyelaran by about 8,300 votes") is never a
    /// level ("Oyelaran received 49,870 votes"); the agent of a passive ("fought by 410
    /// firefighters") and a time after „um“ are no amounts.
    #[test]
    fn a_margin_is_no_level_but_an_agent_is() {
        use crate::figmap::similar::{changes_differ, Change};
        use crate::lang::Lang;
        let local = local_of;
        let margin = local(
            "Whitcombe won, beating Oyelaran by about 8,300 votes.",
            "about 8,300",
            Lang::En,
        );
        let level = local("Oyelaran received 49,870 votes.", "49,870", Lang::En);
        assert_eq!(margin.change, Some(Change::By));
        assert!(changes_differ(&margin, &level));
        let agent = local(
            "The fire is being fought by 410 firefighters.",
            "410",
            Lang::En,
        );
        assert_eq!(agent.change, None);
        let time = local("Die Hallen öffneten täglich um 10 Uhr.", "10 Uhr", Lang::De);
        assert_eq!(time.change, None);
        // A margin named by its noun is a qualifier the level lacks.
        let noun = local(
            "Her margin was more than 10,000 votes.",
            "more than 10,000",
            Lang::En,
        );
        assert!(!noun.qualifiers.is_empty() && level.qualifiers.is_empty());
        let de = local("Ihr Vorsprung betrug 8.300 Stimmen.", "8.300", Lang::De);
        assert!(!de.qualifiers.is_empty());
        // An adverb between the preposition and the amount: still the amount of a change.
        let adverb = local(
            "Die Beiträge werden um durchschnittlich acht Prozent angehoben.",
            "acht Prozent",
            Lang::De,
        );
        assert_eq!(adverb.change, Some(Change::By));
    }

    /// Two reports phrasing one statement differently share its specific companion (a written
    /// date); a weekday or a year is no such companion.
    #[test]
    fn a_shared_written_date_is_a_companion_that_agrees() {
        use crate::figmap::similar::companions_agree;
        let tol = crate::config::Tolerance::default();
        let figs = |t: &str| {
            let doc = crate::text::Document::parse(
                t,
                crate::text::DocKind::Plain,
                Some(crate::lang::Lang::De),
            );
            crate::extract::extract(&doc).quantities
        };
        let a = figs("Die Preise steigen zum 1. März 2027.");
        let b = figs("Die Preise gelten ab dem 1. März 2027.");
        let other = figs("Die Preise steigen zum 1. April 2027.");
        let weekday = figs("am Montag");
        assert!(companions_agree(&a, &b, &tol));
        assert!(!companions_agree(&a, &other, &tol));
        assert!(!companions_agree(&weekday, &weekday, &tol));
    }

    /// The next figure's approximator is no head: "for approximately $334 million, of which
    /// approximately $281 million …" is headed by what was bought, not by "approximately".
    #[test]
    fn another_figures_approximator_is_no_head() {
        use crate::figmap::similar::local_context;
        use crate::lang::Lang;
        use crate::text::Span;
        for (t, fig, lang) in [
            (
                "AMD agreed to buy SeaMicro, a maker of microservers, for approximately $334 million, of which approximately $281 million will be paid in cash.",
                "approximately $334 million",
                Lang::En,
            ),
            (
                "Die Stadt kaufte das Areal am Hafen, für rund 12 Millionen Euro, davon etwa 3 Millionen Euro aus Fördermitteln.",
                "rund 12 Millionen Euro",
                Lang::De,
            ),
        ] {
            let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(lang));
            let qs = crate::extract::extract(&doc).quantities;
            let q = qs.iter().find(|q| q.text == fig);
            let q = q.unwrap_or_else(|| panic!("{fig} not in {qs:?}"));
            let numbers: Vec<Span> = qs.iter().map(|x| x.number_span).collect();
            let head = local_context(t, Span::new(0, t.len()), q.span, &numbers, &[], &[], lang).head;
            assert!(
                head.as_deref()
                    .is_some_and(|h| !h.starts_with("approxim") && !h.starts_with("etwa")),
                "{t}: {head:?}"
            );
        }
    }

    /// figure's past the comma: two reports of the same prices group price by price.
    #[test]
    fn a_labelled_list_groups_each_figure_with_its_own_label() {
        use crate::figmap::similar::local_context;
        use crate::lang::Lang;
        use crate::text::Span;
        let t = "Eintritt: Tageskarte 29 Euro, im Online-Vorverkauf 24 Euro, Dauerkarte 59 Euro.";
        let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(Lang::De));
        let qs = crate::extract::extract(&doc).quantities;
        let head = |fig: &str| {
            let q = qs.iter().find(|q| q.text == fig);
            let q = q.unwrap_or_else(|| panic!("{fig} not in {qs:?}"));
            let numbers: Vec<Span> = qs.iter().map(|x| x.number_span).collect();
            let all = Span::new(0, t.len());
            local_context(t, all, q.span, &numbers, &[], &[], Lang::De).head
        };
        let (a, b, c) = (head("29 Euro"), head("24 Euro"), head("59 Euro"));
        assert!(
            a.as_deref().is_some_and(|h| h.starts_with("tageskart")),
            "{a:?}"
        );
        assert!(
            b.as_deref().is_some_and(|h| h.starts_with("online")),
            "{b:?}"
        );
        assert!(
            c.as_deref().is_some_and(|h| h.starts_with("dauerkart")),
            "{c:?}"
        );
        // A label across a clause break when the figure's clause has no word of its own.
        let t = "Turnout: 41.8 percent.";
        let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(Lang::En));
        let qs = crate::extract::extract(&doc).quantities;
        let numbers: Vec<Span> = qs.iter().map(|x| x.number_span).collect();
        let l = local_context(
            t,
            Span::new(0, t.len()),
            qs[0].span,
            &numbers,
            &[],
            &[],
            Lang::En,
        );
        assert!(
            l.head.as_deref().is_some_and(|h| h.starts_with("turnout")),
            "{:?}",
            l.head
        );
    }

    /// A figure compared with an earlier one of its sentence ("– nach 278 Millionen Euro im
    /// Vorjahr") measures what that one does: it reads the words before the earlier figure.
    #[test]
    fn a_figure_compared_with_an_earlier_one_reads_its_words() {
        use crate::figmap::similar::{local_context, owners};
        use crate::lang::Lang;
        use crate::text::Span;
        let terms = |t: &str, fig: &str, lang: Lang| {
            let doc = crate::text::Document::parse(t, crate::text::DocKind::Plain, Some(lang));
            let qs = crate::extract::extract(&doc).quantities;
            let q = qs.iter().find(|q| q.text == fig);
            let q = q.unwrap_or_else(|| panic!("{fig} not in {qs:?}"));
            let numbers: Vec<Span> = qs.iter().map(|x| x.number_span).collect();
            let all = Span::new(0, t.len());
            local_context(t, all, q.span, &numbers, &owners(&qs), &[], lang).terms
        };
        let t = "Für dieses Jahr peilt Veltra einen Umsatz von rund 315 Millionen Euro an – nach 278 Millionen Euro im Vorjahr.";
        let got = terms(t, "278 Millionen Euro", Lang::De);
        assert!(got.iter().any(|w| w.starts_with("umsatz")), "{got:?}");
        // Not after a word of time: "nach" is no comparison there.
        let t = "Das Spiel dauerte lange, der Umsatz lag bei 315 Millionen Euro. Nach 20 Minuten fiel das Tor.";
        let got = terms(t, "20 Minuten", Lang::De);
        assert!(!got.iter().any(|w| w.starts_with("umsatz")), "{got:?}");
    }

    #[test]
    fn a_time_agrees_with_itself_whatever_its_rounding() {
        use crate::figmap::similar::agree;
        let c = Corpus::from_texts(
            [
                ("a.md", "- 12:05 a.m.: Oyelaran calls Whitcombe.\n"),
                ("b.md", "**12:05 a.m.** Oyelaran has called Whitcombe.\n"),
            ],
            None,
        );
        let (a, b) = (
            &c.docs[0].facts.quantities[0],
            &c.docs[1].facts.quantities[0],
        );
        assert!(agree(a, b, &Tolerance::default()), "{a:?} {b:?}");
    }

    /// "About" is a figure's own rounding, not licence for a tenth either way: two reports'
    /// "about 112,000" and "roughly 102,000" ballots disagree; the exact count still agrees
    /// with both its roundings.
    #[test]
    fn about_allows_rounding_not_another_figure() {
        use crate::figmap::similar::agree;
        let c = Corpus::from_texts(
            [
                (
                    "a.md",
                    "KPEL put the number of ballots cast at about 112,000.\n",
                ),
                ("b.md", "Roughly 102,000 ballots were cast.\n"),
                ("c.md", "A total of 112,406 ballots were cast.\n"),
                (
                    "d.md",
                    "Etwa 4.800 Menschen mussten ihre Häuser verlassen.\n",
                ),
                (
                    "e.md",
                    "Rund 5.300 Menschen mussten ihre Häuser verlassen.\n",
                ),
                ("f.md", "Die Stadt zählte 4.812 Evakuierte.\n"),
            ],
            None,
        );
        let q = |d: usize| &c.docs[d].facts.quantities[0];
        let tol = Tolerance::default();
        assert!(!agree(q(0), q(1), &tol), "{:?} {:?}", q(0), q(1));
        assert!(agree(q(0), q(2), &tol), "{:?} {:?}", q(0), q(2));
        assert!(!agree(q(3), q(4), &tol), "{:?} {:?}", q(3), q(4));
        assert!(agree(q(3), q(5), &tol), "{:?} {:?}", q(3), q(5));
    }

    /// The same words about the same town, eleven years apart: two floods, two quantities; a
    /// record level quoted with its year stays with that year.
    #[test]
    fn reports_of_another_time_are_another_quantity() {
        let gs = groups(&[
            ("a.md", "---\nsource: Bote\ndate: 2013-06-03\n---\nIn Grafenried stieg der Pegel der Merlach auf 7,38 Meter.\n"),
            ("b.md", "---\nsource: Kurier\ndate: 2024-06-09\n---\nIn Grafenried stieg der Pegel der Merlach auf 6,84 Meter.\n"),
            ("c.md", "---\nsource: Blatt\ndate: 2024-06-10\n---\nIn Grafenried stieg der Pegel der Merlach auf knapp 6,90 Meter. Der Rekord aus dem Jahr 2013 lag bei 7,38 Metern.\n"),
        ]);
        assert!(!together(&gs, "7,38 Meter", "6,84 Meter"), "{gs:?}");
        assert!(together(&gs, "6,84 Meter", "knapp 6,90 Meter"), "{gs:?}");
        // The record with its year is not this year's level.
        assert!(!together(&gs, "7,38 Metern", "6,84 Meter"), "{gs:?}");
    }

    #[test]
    fn a_paragraph_opening_with_a_date_is_dated_by_it_and_a_bound_dates_nothing() {
        let gs = groups(&[
            ("chronik.md", "---\nsource: Blatt\ndate: 2024-06-20\n---\n**Juni 2013** – Die Merlach steigt auf 7,38 Meter. Der Schaden liegt bei 61 Millionen Euro.\n\n**Juni 2024** – Die Merlach steigt auf 6,84 Meter.\n"),
            ("a.md", "---\nsource: Bote\ndate: 2024-06-10\n---\nDer Schaden liegt bei 38 Millionen Euro.\n"),
            ("b.md", "---\nsource: Kurier\ndate: 2024-06-11\n---\nDer Schaden liegt bei rund 45 Millionen Euro.\n"),
            ("c.md", "---\nsource: Anzeiger\ndate: 2024-06-12\n---\nDie 57-jährige Bürgermeisterin Jana Roth ist seit 2019 im Amt.\n"),
            ("d.md", "---\nsource: Zeitung\ndate: 2024-06-12\n---\nBürgermeisterin Jana Roth (75) sprach von einer Katastrophe.\n"),
        ]);
        assert!(
            together(&gs, "38 Millionen Euro", "rund 45 Millionen Euro"),
            "{gs:?}"
        );
        assert!(
            !together(&gs, "61 Millionen Euro", "38 Millionen Euro"),
            "{gs:?}"
        );
        assert!(
            !together(&gs, "61 Millionen Euro", "rund 45 Millionen Euro"),
            "{gs:?}"
        );
        // "seit 2019" bounds her time in office; her age is one quantity with the other report's.
        assert!(together(&gs, "57-jährige", "75"), "{gs:?}");
    }

    #[test]
    fn a_figure_belongs_to_the_nearest_name_by_its_last_word_and_not_past_a_pronoun() {
        use crate::figmap::similar::local_context;
        use crate::lang::Lang;
        use crate::text::Span;
        let name = |t: &str, fig: &str| {
            let at = t.find(fig).unwrap_or(0);
            let q = Span::new(at, at + fig.len());
            local_context(t, Span::new(0, t.len()), q, &[q], &[], &[], Lang::En).name
        };
        let s = "She took 53 percent of the vote, defeating City Councilman Marcus Oyelaran.";
        assert_eq!(name(s, "53 percent"), None);
        // Past the figure's clause, a name is somebody else's: the 53 percent is the mayor's.
        let s = "The mayor took 53 percent of the vote, defeating City Councilman Marcus Oyelaran.";
        assert_eq!(name(s, "53 percent"), None);
        let s = "The mayor won 53 percent against Councilman Marcus Oyelaran.";
        assert_eq!(name(s, "53 percent").as_deref(), Some("oyelaran"));
        let s = "Whitcombe, 44, won 53 percent of the vote, defeating Councilman Marcus Oyelaran.";
        assert_eq!(name(s, "53 percent").as_deref(), Some("whitcombe"));
    }

    /// "starben 14 Menschen" as close to "14 Menschen wurden verletzt" (supports) as to "drei
    /// wurden leicht verletzt" (contradicts): a guess, so no verdict; a clear lead or two close
    /// quantities with the same verdict are no tie.
    #[test]
    fn a_near_tie_between_quantities_with_different_verdicts_is_refused() {
        use super::near_tie;
        let quantity_of = [0, 0, 1, 2];
        let supports = |q: usize| q == 0;
        assert!(near_tie(
            0.39,
            1,
            &[0.39, 0.2, 0.39, 0.39],
            &quantity_of,
            supports
        ));
        assert!(near_tie(
            0.55,
            1,
            &[0.53, 0.2, 0.55, 0.1],
            &quantity_of,
            supports
        ));
        assert!(!near_tie(
            0.55,
            1,
            &[0.50, 0.2, 0.55, 0.1],
            &quantity_of,
            supports
        ));
        assert!(!near_tie(
            0.39,
            1,
            &[0.1, 0.2, 0.39, 0.39],
            &quantity_of,
            supports
        ));
        // Below the alignment threshold nothing ties.
        assert!(!near_tie(
            0.2,
            1,
            &[0.2, 0.2, 0.2, 0.2],
            &quantity_of,
            supports
        ));
    }

    /// The votes for and the votes against are two quantities; each side's counts are one,
    /// however each report words it (a tally "38 zu 23 Stimmen" counts for, then against).
    #[test]
    fn the_sides_of_a_vote_are_quantities_of_their_own() {
        use crate::figmap::similar::local_context;
        use crate::lang::Lang;
        use crate::text::Span;
        let side = |t: &str, fig: &str, lang| {
            let at = t.find(fig).unwrap_or(0);
            let q = Span::new(at, at + fig.len());
            local_context(t, Span::new(0, t.len()), q, &[q], &[], &[], lang).side
        };
        let de = "Am Ende stimmten 14 Räte dafür, acht dagegen.";
        assert_eq!(side(de, "14", Lang::De), Some(0));
        assert_eq!(side(de, "acht", Lang::De), Some(1));
        let pm = "Für den Haushalt stimmten 14 Mitglieder des Gemeinderats, sieben stimmten dagegen, eines enthielt sich.";
        // A verb of voting and a side's preposition in the clause: „Für … stimmten 14“.
        assert_eq!(side(pm, "14", Lang::De), Some(0));
        assert_eq!(
            side(
                "Für die Sanierung des Bades sind 14 Millionen Euro vorgesehen.",
                "14",
                Lang::De
            ),
            None
        );
        assert_eq!(
            side("Twelve members voted for the plan.", "Twelve", Lang::En),
            Some(0)
        );
        assert_eq!(
            side("The plan for 12 new homes passed.", "12", Lang::En),
            None
        );
        assert_eq!(side(pm, "sieben", Lang::De), Some(1));
        assert_eq!(side(pm, "eines", Lang::De), Some(2));
        let tally = "Mit 38 zu 23 Stimmen setzte sich die Koalition durch.";
        assert_eq!(side(tally, "38", Lang::De), Some(0));
        assert_eq!(side(tally, "23", Lang::De), Some(1));
        // No tally without a vote: "von 10 zu 20 Prozent" is no count of sides.
        assert_eq!(
            side("Der Anteil stieg von 10 zu 20 Prozent.", "20", Lang::De),
            None
        );
        let en = "Seven members voted against the plan and 12 voted in favor.";
        assert_eq!(side(en, "Seven", Lang::En), Some(1));
        assert_eq!(side(en, "12", Lang::En), Some(0));
        let gs = groups(&[
            (
                "a.md",
                "---\nsource: Radio\n---\nAm Ende stimmten 14 Räte dafür, acht dagegen.\n",
            ),
            (
                "b.md",
                "---\nsource: Bote\n---\nAm Ende stimmten 14 Räte für den Haushalt, sieben Räte stimmten dagegen.\n",
            ),
        ]);
        assert!(together(&gs, "acht", "sieben"), "{gs:?}");
        assert!(!together(&gs, "14", "sieben"), "{gs:?}");
        assert!(!together(&gs, "acht", "14"), "{gs:?}");
    }

    /// The level before a change, the level after it and its amount are three quantities;
    /// "35,120 to 31,004" is a tally, not a change.
    #[test]
    fn the_roles_in_a_change_are_quantities_of_their_own() {
        use crate::figmap::similar::{local_context, Change};
        use crate::lang::Lang;
        use crate::text::Span;
        let role = |t: &str, fig: &str, lang| {
            let at = t.find(fig).unwrap_or(0);
            let q = Span::new(at, at + fig.len());
            local_context(t, Span::new(0, t.len()), q, &[q], &[], &[], lang).change
        };
        let de =
            "Der Hebesatz steigt von 380 auf 425 Prozent, die Gebühren steigen um acht Prozent.";
        assert_eq!(role(de, "380", Lang::De), Some(Change::From));
        assert_eq!(role(de, "425 Prozent", Lang::De), Some(Change::To));
        assert_eq!(role(de, "acht Prozent", Lang::De), Some(Change::By));
        assert_eq!(role("Sie kamen von 380 Orten.", "380", Lang::De), None);
        let en = "The rate rose from 380 to 425 percent; Whitcombe won 35,120 to 31,004.";
        assert_eq!(role(en, "380", Lang::En), Some(Change::From));
        assert_eq!(role(en, "425 percent", Lang::En), Some(Change::To));
        assert_eq!(role(en, "31,004", Lang::En), None);
        let gs = groups(&[
            (
                "a.md",
                "---\nsource: Bote\n---\nDer Hebesatz der Grundsteuer steigt von 380 auf 425 Prozent.\n",
            ),
            (
                "b.md",
                "---\nsource: Ticker\n---\nDer Antrag, den Hebesatz der Grundsteuer nur auf 400 statt auf 425 Prozent zu erhöhen, ist abgelehnt.\n",
            ),
        ]);
        assert!(!together(&gs, "380", "400"), "{gs:?}");
    }

    /// A live blog's entries: the same count at two entry times is two moments of it.
    #[test]
    fn live_blog_entries_of_other_times_are_other_moments() {
        let gs = groups(&[(
            "blog.md",
            "---\nsource: Courier\n---\n**9:15 p.m.** With 12 percent of precincts reporting, Whitcombe leads.\n\n\
             **10:58 p.m.** With 62 percent of precincts reporting, Whitcombe leads.\n",
        )]);
        assert!(!together(&gs, "12 percent", "62 percent"), "{gs:?}");
        use crate::figmap::similar::block_moment;
        use crate::lang::Lang;
        use crate::text::Span;
        // A list item as the masked text has it (the marker blanked).
        let t = "  10:58 p.m.: With 62 percent of precincts reporting.";
        let qs = crate::extract::quantity::extract(t, &[Span::new(0, t.len())], Lang::En);
        let block = Span::new(0, t.len());
        assert_eq!(qs.len(), 2, "{qs:?}");
        assert_eq!(block_moment(t, block, &qs[1], &qs), Some(22 * 60 + 58));
        // The entry time itself has no moment; nor has a time inside the text.
        assert_eq!(block_moment(t, block, &qs[0], &qs), None);
        let t = "With 62 percent reporting at 10:58 p.m.";
        let qs = crate::extract::quantity::extract(t, &[Span::new(0, t.len())], Lang::En);
        assert_eq!(block_moment(t, Span::new(0, t.len()), &qs[0], &qs), None);
    }

    /// A side of a result or record is compared only with sides of results.
    #[test]
    fn a_score_is_no_count() {
        use crate::figmap::similar::comparable;
        use crate::lang::Lang;
        use crate::text::Span;
        let qs = |t: &str| crate::extract::quantity::extract(t, &[Span::new(0, t.len())], Lang::En);
        let round = qs("I scored it a 10-8 round.");
        let rounds = qs("Klitschko dominated over 10 rounds.");
        let other = qs("He won a 10-7 round.");
        assert!(round.iter().all(|q| q.score), "{round:?}");
        let (Some(a), Some(b), Some(c)) = (round.first(), rounds.first(), other.first()) else {
            panic!("figures: {round:?} {rounds:?} {other:?}");
        };
        assert!(!comparable(a, b));
        assert!(comparable(a, c));
    }

    #[test]
    fn synonymous_heads_from_the_lexicon_make_one_quantity() {
        use crate::figmap::similar::{head_relation, local_context, HeadRelation};
        use crate::lang::{lexicon, Lang};
        use crate::text::Span;
        if !lexicon::available(Lang::De) {
            eprintln!(
                "note: German lexicon not installed; skipping (tests/editors/lexicon.deps.sh)"
            );
            return;
        }
        let a = "Der Autobauer Nordwerk erzielte im dritten Quartal einen Gewinn von 120 Millionen Euro. Der Umsatz stieg auf 2,1 Milliarden Euro.";
        let b = "Nordwerk wies für das dritte Quartal einen Profit von 118 Millionen Euro aus. Der Umsatz lag bei 2,2 Milliarden Euro.";
        let local = |t: &str, fig: &str| {
            let at = t.find(fig).unwrap_or(0);
            let end = t[at..].find('.').map_or(t.len(), |e| at + e);
            let q = Span::new(at, at + fig.len());
            local_context(t, Span::new(0, end), q, &[q], &[], &[], Lang::De)
        };
        let (la, lb) = (
            local(a, "120 Millionen Euro"),
            local(b, "118 Millionen Euro"),
        );
        // The comparison terms differ (no hand synonym group): only the lexicon relates them.
        assert_ne!(la.head, lb.head, "{la:?} {lb:?}");
        assert_eq!(
            head_relation(&la, &lb),
            HeadRelation::Related,
            "{la:?} {lb:?}"
        );
        let gs = groups(&[
            ("a.md", &format!("---\nsource: Welt\n---\n{a}\n")),
            ("b.md", &format!("---\nsource: Bote\n---\n{b}\n")),
        ]);
        assert!(
            together(&gs, "120 Millionen Euro", "118 Millionen Euro"),
            "{gs:?}"
        );
        assert!(
            !together(&gs, "120 Millionen Euro", "2,2 Milliarden Euro"),
            "{gs:?}"
        );
    }

    #[test]
    fn a_report_does_not_contradict_itself_in_its_own_voice() {
        // One report's 63 yards and 918 yards are two players' (or two seasons'): in its own
        // voice a report gives one figure per quantity. Figures it attributes to two people
        // may disagree: police 14, the fire service 17.
        let gs = groups(&[
            ("a.md", "---\nsource: Courier\n---\nThomas rushed for 63 yards in the win. He finished his college career with 918 yards rushing.\n"),
            ("b.md", "---\nsource: Ledger\n---\nThomas ran for 63 yards in the win over Atlanta.\n"),
        ]);
        assert!(!together(&gs, "63 yards", "918 yards"), "{gs:?}");
        let gs = groups(&[
            ("a.md", "---\nsource: Courier\n---\nPolice said 14 people were injured in the crash. The fire service said 17 people were injured in the crash.\n"),
            ("b.md", "---\nsource: Ledger\n---\nFourteen people were injured in the crash.\n"),
        ]);
        assert!(together(&gs, "14", "17"), "{gs:?}");
    }

    #[test]
    fn a_capital_opening_a_sentence_is_no_sure_name_and_a_place_names_no_owner() {
        use crate::figmap::similar::local_context;
        use crate::lang::Lang;
        use crate::text::Span;
        let local = |text: &str, fig: &str| {
            let at = text.find(fig).unwrap_or(0);
            local_context(
                text,
                Span::new(0, text.len()),
                Span::new(at, at + fig.len()),
                &[],
                &[],
                &[],
                Lang::En,
            )
        };
        let a = local("Shares fell 6.2 percent on Thursday.", "6.2 percent");
        assert!(!a.name_sure, "{a:?}");
        let b = local(
            "Kellner shares fell 4.8 percent in New York on Thursday.",
            "4.8 percent",
        );
        assert_ne!(b.name.as_deref(), Some("york"), "{b:?}");
        let c = local(
            "Darius Butler returned an interception 32 yards for a TD.",
            "32 yards",
        );
        let d = local(
            "A big reason was Quinn, who threw for 162 yards.",
            "162 yards",
        );
        assert!(c.name_sure && d.name_sure, "{c:?} {d:?}");
        assert!(super::similar::plainly_apart(&c, &d, false));
        assert!(!super::similar::plainly_apart(&a, &b, false));
    }

    /// Shares are summed in one order: the same term sets give the same share to the last
    /// bit, whatever order the terms came in (ties between sources then break the same way
    /// run after run).
    #[test]
    fn a_weighted_share_does_not_depend_on_term_order() {
        use super::similar::Weighted;
        let c = Corpus::from_texts(
            [("a.md", "Der Bus kippte in den Graben. Die Polizei zählte 14 Verletzte und zwei Hubschrauber.\n")],
            None,
        );
        let terms: Vec<String> = [
            "bus",
            "grab",
            "polizei",
            "verletzt",
            "hubschraub",
            "kind",
            "zähl",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let other: Vec<String> = terms.iter().take(4).cloned().collect();
        let a = Weighted::new(&c, &terms);
        let b = Weighted::new(&c, &other);
        for shift in 1..terms.len() {
            let mut t = terms.clone();
            t.rotate_left(shift);
            t.push("bus".into());
            let r = Weighted::new(&c, &t);
            assert_eq!(r.share_in(&b).to_bits(), a.share_in(&b).to_bits());
            assert_eq!(b.share_in(&r).to_bits(), b.share_in(&a).to_bits());
        }
    }

    /// „gut 61.000“ is a little more than 61,000: not the forecast „rund 55.000“, and not „gut
    /// 52.000“; „etwas mehr als 100.000“ allows „rund 115.000“.
    #[test]
    fn just_over_is_a_little_more() {
        use crate::lang::Lang;
        let q = |t: &str| {
            crate::extract::quantity::extract(t, &[crate::text::Span::new(0, t.len())], Lang::De)
                .into_iter()
                .next()
                .expect("a figure")
        };
        let tol = Tolerance::default();
        assert!(!super::agree(
            &q("gut 61.000 Besucher"),
            &q("rund 55.000 Besucher"),
            &tol
        ));
        assert!(!super::agree(
            &q("gut 72.000 Besucher"),
            &q("gut 52.000 Besucher"),
            &tol
        ));
        assert!(super::agree(
            &q("etwas mehr als 100.000 Zuschauer"),
            &q("rund 115.000 Zuschauer"),
            &tol
        ));
        assert!(super::agree(&q("eine gute Stunde"), &q("65 Minuten"), &tol));
    }

    /// A bare clock time ("at 10:02") may be either half of the day: it agrees with "10:02
    /// p.m." and "10:02 a.m.", not with "10:20 p.m."; „10.02 Uhr“ is on a 24-hour dial.
    #[test]
    fn a_bare_clock_time_is_either_half_of_the_day() {
        use crate::lang::Lang;
        let q = |t: &str, lang: Lang| {
            crate::extract::quantity::extract(t, &[crate::text::Span::new(0, t.len())], lang)
                .into_iter()
                .find(|q| q.dimension == crate::extract::Dimension::TimeOfDay)
                .expect("a time")
        };
        let tol = Tolerance::default();
        let bare = q("We had her out at 10:02.", Lang::En);
        assert!(super::agree(
            &bare,
            &q("She was freed at 10:02 p.m.", Lang::En),
            &tol
        ));
        assert!(super::agree(
            &q("She was freed at 10:02 p.m.", Lang::En),
            &bare,
            &tol
        ));
        assert!(super::agree(
            &bare,
            &q("She was freed at 10:02 a.m.", Lang::En),
            &tol
        ));
        assert!(!super::agree(
            &bare,
            &q("She was freed at 10:20 p.m.", Lang::En),
            &tol
        ));
        assert!(!super::agree(
            &q("Sie war um 10.02 Uhr frei.", Lang::De),
            &q("Sie war um 22.02 Uhr frei.", Lang::De),
            &tol
        ));
    }

    /// A fact box's "label: figure" line counts what its label names.
    #[test]
    fn a_list_label_names_what_its_figure_counts() {
        use super::similar::label_counted;
        use crate::lang::Lang;
        let first = |text: &str, lang: Lang| {
            let q = crate::extract::quantity::extract(
                text,
                &[crate::text::Span::new(0, text.len())],
                lang,
            )
            .into_iter()
            .next()
            .expect("a figure");
            label_counted(text, &q, lang)
        };
        let en = first("- Households under evacuation orders: 1,650\n", Lang::En);
        assert_eq!(en, Some(crate::text::words::term(Lang::En, "households")));
        let de = first("- Evakuierte Haushalte: 1.650\n", Lang::De);
        assert_eq!(de, Some(crate::text::words::term(Lang::De, "haushalte")));
        // Not a label: the figure does not end its line.
        assert_eq!(first("Households: 1,650 in three zones\n", Lang::En), None);
    }
}
