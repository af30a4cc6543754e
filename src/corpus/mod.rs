//! The reference corpus: source documents read by the same engine as drafts, and an index to find
//! the sentences and figures that speak of the same thing as a draft's.

pub mod add;
pub mod cache;
pub mod fetch;
pub mod index;
pub mod load;
pub mod places;
pub mod readers;
pub mod store;

use crate::extract::Facts;
use crate::finding::SourceRef;
use crate::lang::Lang;
use crate::text::{Document, LineIndex};
pub use index::{Hit, Index};
pub use load::{LoadOptions, LoadReport, Skipped};
use std::sync::Arc;

/// One corpus document with everything the engine extracted from it.
#[derive(Debug)]
pub struct CorpusDoc {
    pub source: SourceRef,
    pub doc: Document,
    pub facts: Facts,
    pub lines: LineIndex,
    /// Per sentence, the comparison terms (figures blanked, stemmed, synonyms merged).
    pub terms: Vec<Vec<String>>,
    /// The cache key of the document's content.
    pub key: String,
}

/// Days a document's date stands for on either side: reports of one event appear within weeks.
pub const REPORT_WINDOW: i64 = 30;

/// The day interval (days since 1970-01-01) of an ISO date `YYYY-MM-DD`, `YYYY-MM` or `YYYY`
/// (front matter), widened by `REPORT_WINDOW` days.
pub fn report_window(date: &str) -> Option<(i64, i64)> {
    let mut parts = date.trim().get(..10.min(date.trim().len()))?.split('-');
    let y: i32 = parts.next()?.trim().parse().ok()?;
    if !(1000..=9999).contains(&y) {
        return None;
    }
    let m: Option<u32> = parts
        .next()
        .and_then(|x| x.parse().ok())
        .filter(|m| (1..=12).contains(m));
    let d: Option<u32> = parts
        .next()
        .and_then(|x| x.get(..2).unwrap_or(x).parse().ok())
        .filter(|d| (1..=31).contains(d));
    let (lo, hi) = match (m, d) {
        (Some(m), Some(d)) => {
            let x = crate::extract::days_since_epoch(y, m, d);
            (x, x)
        }
        (Some(m), None) => (
            crate::extract::days_since_epoch(y, m, 1),
            crate::extract::days_since_epoch(y, m, 28),
        ),
        _ => (
            crate::extract::days_since_epoch(y, 1, 1),
            crate::extract::days_since_epoch(y, 12, 31),
        ),
    };
    Some((lo - REPORT_WINDOW, hi + REPORT_WINDOW))
}

/// The documents of a corpus, by their place in it (files in path order, items in file order).
/// Held in memory, or fetched from a store (`corpus::store`) the first time they are asked for:
/// then only the documents a draft's retrieval touches are ever read.
#[derive(Default)]
pub struct Docs {
    memory: Vec<CorpusDoc>,
    stored: Option<Stored>,
}

/// Documents fetched on demand from a store snapshot, each at most once.
struct Stored {
    slots: Vec<std::sync::OnceLock<Option<Box<CorpusDoc>>>>,
    snapshot: Arc<dyn store::Snapshot>,
}

impl std::fmt::Debug for Docs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Docs")
            .field("len", &self.len())
            .field("stored", &self.stored.is_some())
            .finish()
    }
}

impl Docs {
    /// The number of documents.
    pub fn len(&self) -> usize {
        match &self.stored {
            Some(s) => s.slots.len(),
            None => self.memory.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The document at `i`, fetched from the store on first use; `None` past the end (or when
    /// the store can no longer be read).
    pub fn get(&self, i: usize) -> Option<&CorpusDoc> {
        match &self.stored {
            Some(s) => s
                .slots
                .get(i)?
                .get_or_init(|| s.snapshot.fetch(i).map(Box::new))
                .as_deref(),
            None => self.memory.get(i),
        }
    }

    /// Fetches the documents at `docs` not fetched yet, together (one round trip to a
    /// database); [`Docs::get`] then gives them. No effect on an in-memory corpus.
    pub fn prefetch(&self, docs: impl IntoIterator<Item = usize>) {
        let Some(s) = &self.stored else { return };
        let mut want: Vec<usize> = docs
            .into_iter()
            .filter(|i| s.slots.get(*i).is_some_and(|slot| slot.get().is_none()))
            .collect();
        want.sort_unstable();
        want.dedup();
        if want.len() < 2 {
            return;
        }
        for (i, d) in want.iter().zip(s.snapshot.fetch_many(&want)) {
            if let Some(slot) = s.slots.get(*i) {
                let _ = slot.set(d.map(Box::new));
            }
        }
    }

    /// The documents already at hand, in order: every document of an in-memory corpus; of a
    /// stored one, those fetched so far (every document a piece of evidence came from is among
    /// them). [`Docs::all`] fetches the rest too.
    pub fn iter(&self) -> Box<dyn Iterator<Item = &CorpusDoc> + '_> {
        match &self.stored {
            Some(s) => Box::new(
                s.slots
                    .iter()
                    .filter_map(|slot| slot.get().and_then(|d| d.as_deref())),
            ),
            None => Box::new(self.memory.iter()),
        }
    }

    /// Every document, in order, fetching those not fetched yet (reads a whole stored corpus).
    pub fn all(&self) -> impl Iterator<Item = &CorpusDoc> + '_ {
        // Fetched in chunks: one round trip per chunk where the store is a database.
        const CHUNK: usize = 500;
        (0..self.len()).filter_map(move |i| {
            if i % CHUNK == 0 {
                self.prefetch(i..(i + CHUNK).min(self.len()));
            }
            self.get(i)
        })
    }

    /// How many documents were fetched from the store (all, in memory).
    pub fn fetched(&self) -> usize {
        match &self.stored {
            Some(s) => s.slots.iter().filter(|slot| slot.get().is_some()).count(),
            None => self.memory.len(),
        }
    }
}

impl std::ops::Index<usize> for Docs {
    type Output = CorpusDoc;

    /// The document at `i`; panics past the end, like a slice (tests only: code uses `get`).
    fn index(&self, i: usize) -> &CorpusDoc {
        match self.get(i) {
            Some(d) => d,
            None => panic!("no corpus document {i} of {}", self.len()),
        }
    }
}

/// The loaded corpus.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Docs,
    pub index: Index,
    /// Per document, the days its date stands for (see [`report_window`]).
    pub windows: Vec<Option<(i64, i64)>>,
    /// Retrieval results for sentences already seen (a draft being typed repeats them).
    pub memo: Memo,
    /// Tells this corpus apart from every other built in the process (0: empty), for caches of
    /// results that depend on it.
    pub id: u64,
    /// The languages of the corpus's documents.
    pub langs: Vec<Lang>,
    /// Its documents set somewhere else than most of it ([`places::elsewhere`]), computed on
    /// first use.
    elsewhere: std::sync::OnceLock<Vec<places::Elsewhere>>,
}

/// The next corpus id.
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Memoised retrieval: for a sentence's terms, the related corpus sentences `(doc, sentence, sim)`.
#[derive(Debug, Default)]
pub struct Memo {
    map: Locked<Vec<String>, Arc<RelatedList>>,
    figures: Locked<String, Arc<Vec<FigureTuple>>>,
    quotes: Locked<String, QuoteTuple>,
    events: Locked<u64, Arc<Vec<usize>>>,
    maps: Locked<u64, Arc<crate::figmap::FigureMap>>,
    /// Content words of a corpus sentence: (document, sentence, language) →
    /// `text::words::content_terms` of its span in its document's text.
    sentence_terms: Locked<(usize, usize, Lang), Arc<Vec<String>>>,
    /// `rules::evidence::Matches::copied_from`: (a draft sentence's words, the corpus sentences
    /// related to it word for word at most) → the documents holding it word for word.
    copied: Locked<CopiedKey, Arc<Vec<usize>>>,
}

/// The key of [`Memo::copied`]: a draft sentence's words and the (document, sentence) pairs of
/// the corpus sentences its word-for-word comparison reads.
pub type CopiedKey = (Vec<String>, Vec<(usize, usize)>);

/// Memoised related sentences: (doc, sentence, similarity), best first.
pub type RelatedList = Vec<(usize, usize, f32)>;

/// A memoised quote lookup: (found at (doc, sentence), closest (doc, sentence, share), checkable).
pub type QuoteTuple = (Option<(usize, usize)>, Option<(usize, usize, f32)>, bool);

/// A memoised same-quantity match: (doc, sentence, quantity index, similarity, supports).
pub type FigureTuple = (usize, usize, usize, f32, bool);

/// Entries kept before the memo starts over (bounds memory in a long editing session).
const MEMO_LIMIT: usize = 50_000;

/// A memo table: a map behind a lock.
type Locked<K, V> = std::sync::Mutex<std::collections::HashMap<K, V>>;

/// The value under `key` in `map`, or `compute()` stored under `owned(key)`; the table starts
/// over at [`MEMO_LIMIT`] entries. A poisoned lock only costs the memo, never the answer.
fn cached<K, Q, V>(
    map: &Locked<K, V>,
    key: &Q,
    owned: impl FnOnce(&Q) -> K,
    compute: impl FnOnce() -> V,
) -> V
where
    K: std::borrow::Borrow<Q> + std::hash::Hash + Eq,
    Q: std::hash::Hash + Eq + ?Sized,
    V: Clone,
{
    if let Ok(m) = map.lock() {
        if let Some(v) = m.get(key) {
            return v.clone();
        }
    }
    let v = compute();
    if let Ok(mut m) = map.lock() {
        if m.len() >= MEMO_LIMIT {
            m.clear();
        }
        m.insert(owned(key), v.clone());
    }
    v
}

impl Memo {
    /// The memoised lookup of a quotation's words.
    pub fn quote(&self, key: &str, compute: impl FnOnce() -> QuoteTuple) -> QuoteTuple {
        cached(&self.quotes, key, str::to_string, compute)
    }

    /// The memoised event documents of a draft section (keyed by a hash of its terms).
    pub fn events(&self, key: u64, compute: impl FnOnce() -> Vec<usize>) -> Arc<Vec<usize>> {
        cached(&self.events, &key, |k| *k, || Arc::new(compute()))
    }

    /// The memoised figure map of a set of event documents (keyed by a hash of them and the
    /// tolerance).
    pub fn map(
        &self,
        key: u64,
        compute: impl FnOnce() -> crate::figmap::FigureMap,
    ) -> Arc<crate::figmap::FigureMap> {
        cached(&self.maps, &key, |k| *k, || Arc::new(compute()))
    }

    /// The memoised figure matches for `key` (a sentence and a figure's place in it).
    pub fn figures(
        &self,
        key: String,
        compute: impl FnOnce() -> Vec<FigureTuple>,
    ) -> Arc<Vec<FigureTuple>> {
        cached(&self.figures, key.as_str(), str::to_string, || {
            Arc::new(compute())
        })
    }

    /// The memoised content words of sentence `sentence` of corpus document `doc` read in
    /// `lang` (`compute` gives them on a miss).
    pub fn sentence_terms(
        &self,
        key: (usize, usize, Lang),
        compute: impl FnOnce() -> Vec<String>,
    ) -> Arc<Vec<String>> {
        cached(&self.sentence_terms, &key, |k| *k, || Arc::new(compute()))
    }

    /// The memoised corpus documents that hold a draft sentence word for word, keyed by the
    /// sentence's words and the (document, sentence) pairs its comparison reads.
    pub fn copied(&self, key: CopiedKey, compute: impl FnOnce() -> Vec<usize>) -> Arc<Vec<usize>> {
        cached(&self.copied, &key, |k| k.clone(), || Arc::new(compute()))
    }

    /// The memoised related sentences for `terms`, computing and storing them on a miss.
    pub fn related(
        &self,
        terms: &[String],
        compute: impl FnOnce() -> RelatedList,
    ) -> Arc<RelatedList> {
        cached(&self.map, terms, <[String]>::to_vec, || Arc::new(compute()))
    }
}

impl Corpus {
    /// An empty corpus: figure and quote checks have nothing to compare against.
    pub fn empty() -> Corpus {
        Corpus::default()
    }

    /// Builds a corpus from in-memory documents `(id, file name, text)`; used by tests and the server.
    pub fn from_texts<'a>(
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
        lang: Option<Lang>,
    ) -> Corpus {
        let docs = texts
            .into_iter()
            .map(|(name, text)| load::read_document(std::path::Path::new(name), text, lang))
            .collect();
        Corpus::from_docs(docs)
    }

    /// Indexes already-read documents.
    pub fn from_docs(docs: Vec<CorpusDoc>) -> Corpus {
        let index = Index::build(&docs);
        let windows = docs
            .iter()
            .map(|d| d.source.date.as_deref().and_then(report_window))
            .collect();
        let mut langs: Vec<Lang> = docs.iter().map(|d| d.doc.lang).collect();
        langs.sort();
        langs.dedup();
        Corpus {
            windows,
            id: next_id(),
            docs: Docs {
                memory: docs,
                stored: None,
            },
            index,
            memo: Memo::default(),
            langs,
            elsewhere: std::sync::OnceLock::new(),
        }
    }

    /// A corpus over a store snapshot: its index and document heads are the store's, documents
    /// are fetched when first asked for.
    pub fn from_snapshot(snapshot: Arc<dyn store::Snapshot>) -> Corpus {
        let heads = snapshot.heads();
        let windows = heads.iter().map(|h| h.window).collect();
        let mut langs: Vec<Lang> = heads.iter().map(|h| h.lang).collect();
        langs.sort();
        langs.dedup();
        let slots = (0..heads.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        let (n_sentences, total_len) = snapshot.sentences();
        let postings: Arc<dyn index::Postings> = snapshot.clone();
        Corpus {
            windows,
            id: next_id(),
            docs: Docs {
                memory: Vec::new(),
                stored: Some(Stored { slots, snapshot }),
            },
            index: Index::from_store(postings, n_sentences, total_len),
            memo: Memo::default(),
            langs,
            elsewhere: std::sync::OnceLock::new(),
        }
    }

    /// The comparison terms of a corpus sentence.
    pub fn terms(&self, doc: usize, sentence: usize) -> &[String] {
        self.docs
            .get(doc)
            .and_then(|d| d.terms.get(sentence))
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Why the store behind this corpus failed to answer since it was opened (see
    /// [`store::Snapshot::failure`]): results computed since then are incomplete.
    pub fn failure(&self) -> Option<String> {
        self.docs.stored.as_ref().and_then(|s| s.snapshot.failure())
    }

    /// Its documents set somewhere else than most of it (reads every document once).
    pub fn elsewhere(&self) -> &[places::Elsewhere] {
        self.elsewhere.get_or_init(|| places::elsewhere(&self.docs))
    }
}
