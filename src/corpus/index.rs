//! A BM25 index over corpus sentences, on stemmed content terms: built in memory from loaded
//! documents, or read from an on-disk store (`corpus::store`). Both give their postings through
//! [`Postings`] and share one scorer, so a search gives the same hits, scores and order whichever
//! holds the corpus.

use crate::corpus::CorpusDoc;
use std::collections::HashMap;
use std::sync::Arc;

/// Where an index's postings come from (an on-disk store implements this).
pub trait Postings: Send + Sync {
    /// In how many corpus sentences `term` occurs.
    fn df(&self, term: &str) -> usize;
    /// Calls `f(doc, sentence, tf, len)` for every corpus sentence containing `term`: `doc` is
    /// the document's place in the corpus, `tf` the term's count in the sentence and `len` the
    /// sentence's number of terms.
    fn each(&self, term: &str, f: &mut dyn FnMut(usize, u32, u32, u32));
    /// Reads the frequencies of `terms` ahead, in one go where that is cheaper than one by one
    /// (a database); later [`Postings::df`] calls give the same values.
    fn prefetch_df(&self, _terms: &[&str]) {}
}

/// A corpus sentence that matched a query.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    pub doc: usize,
    pub sentence: usize,
    pub score: f32,
}

#[derive(Clone, Copy, Debug)]
struct Posting {
    doc: u32,
    sentence: u32,
    tf: u16,
}

/// Inverted index from stemmed term to the corpus sentences containing it.
#[derive(Default)]
pub struct Index {
    postings: HashMap<String, Vec<Posting>>,
    /// Per document, per sentence: its number of terms.
    lens: Vec<Vec<u32>>,
    /// Postings read from a store instead of `postings` and `lens`.
    store: Option<Arc<dyn Postings>>,
    n_sentences: usize,
    avg_len: f32,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("terms", &self.postings.len())
            .field("store", &self.store.is_some())
            .field("n_sentences", &self.n_sentences)
            .finish()
    }
}

/// The average sentence length BM25 normalises by.
fn average(total_len: u64, n_sentences: usize) -> f32 {
    if n_sentences == 0 {
        1.0
    } else {
        (total_len as f32 / n_sentences as f32).max(1.0)
    }
}

const K1: f32 = 1.2;
/// Terms in more than this share of the sentences are common (see [`Index::search`]) …
const COMMON_SHARE: f32 = 0.01;
/// … if they are in more than this many.
const COMMON_MIN: usize = 2_000;
const B: f32 = 0.75;

impl Index {
    /// Indexes every sentence of every document.
    pub fn build(docs: &[CorpusDoc]) -> Index {
        let mut idx = Index::default();
        let mut total_len = 0usize;
        for (di, d) in docs.iter().enumerate() {
            let mut doc_lens = Vec::with_capacity(d.terms.len());
            for (si, terms) in d.terms.iter().enumerate() {
                total_len += terms.len();
                let mut tf: HashMap<&str, u16> = HashMap::new();
                for t in terms {
                    *tf.entry(t.as_str()).or_default() += 1;
                }
                for (t, n) in tf {
                    idx.postings
                        .entry(t.to_string())
                        .or_default()
                        .push(Posting {
                            doc: di as u32,
                            sentence: si as u32,
                            tf: n,
                        });
                }
                idx.n_sentences += 1;
                doc_lens.push(terms.len() as u32);
            }
            idx.lens.push(doc_lens);
        }
        idx.avg_len = average(total_len as u64, idx.n_sentences);
        idx
    }

    /// An index over a store's postings, with its sentence count and total sentence length.
    pub fn from_store(store: Arc<dyn Postings>, n_sentences: usize, total_len: u64) -> Index {
        Index {
            store: Some(store),
            n_sentences,
            avg_len: average(total_len, n_sentences),
            ..Index::default()
        }
    }

    /// Reads the frequencies of `terms` ahead from a store that answers many at once (no
    /// effect on the answers, only on the number of round trips).
    pub fn prefetch(&self, terms: &[&str]) {
        if let Some(s) = &self.store {
            s.prefetch_df(terms);
        }
    }

    /// In how many corpus sentences `term` occurs.
    pub fn df(&self, term: &str) -> usize {
        match &self.store {
            Some(s) => s.df(term),
            None => self.postings.get(term).map_or(0, |p| p.len()),
        }
    }

    /// Calls `f(doc, sentence, tf, len)` for every sentence containing `term` (generic, so the
    /// in-memory loop stays as tight as before the store existed).
    fn each(&self, term: &str, mut f: impl FnMut(usize, u32, u32, u32)) {
        if let Some(s) = &self.store {
            return s.each(term, &mut f);
        }
        for p in self.postings.get(term).into_iter().flatten() {
            let len = self
                .lens
                .get(p.doc as usize)
                .and_then(|d| d.get(p.sentence as usize))
                .copied()
                .unwrap_or(0);
            f(p.doc as usize, p.sentence, u32::from(p.tf), len);
        }
    }

    /// The documents whose sentences contain `term`, in order, each once.
    pub fn docs_with(&self, term: &str) -> Vec<usize> {
        let mut v: Vec<usize> = Vec::new();
        self.each(term, |doc, _, _, _| v.push(doc));
        v.sort_unstable();
        v.dedup();
        v
    }

    /// The number of indexed sentences.
    pub fn sentences(&self) -> usize {
        self.n_sentences
    }

    /// Inverse document frequency of a term (over sentences); unknown terms get the highest.
    pub fn idf(&self, term: &str) -> f32 {
        let n = self.n_sentences as f32;
        let df = self.df(term) as f32;
        ((n - df + 0.5) / (df + 0.5) + 1.0).ln()
    }

    /// The best `limit` sentences for the query terms, by BM25.
    ///
    /// Terms are scored rarest first, and common terms (in more than [`COMMON_SHARE`] of the
    /// sentences) only when no rarer term found anything: their posting lists grow with the
    /// corpus, their weight is small, and which sentences are related is decided afterwards by
    /// the idf-weighted overlap of all terms. This keeps a search's cost near constant as the
    /// corpus grows.
    pub fn search(&self, query: &[String], limit: usize) -> Vec<Hit> {
        // FxHash: the accumulator is hashed once per posting; its order never matters (the
        // hits are sorted with every tie broken).
        let mut scores: HashMap<(u32, u32), f32, rustc_hash::FxBuildHasher> = HashMap::default();
        let mut seen = std::collections::HashSet::new();
        let mut terms: Vec<(&String, usize)> = query
            .iter()
            .filter(|t| seen.insert(t.as_str()))
            .map(|t| (t, self.df(t)))
            .filter(|(_, df)| *df > 0)
            .collect();
        terms.sort_by_key(|(t, df)| (*df, t.as_str()));
        let common = ((self.n_sentences as f32 * COMMON_SHARE) as usize).max(COMMON_MIN);
        for (t, df) in terms {
            if df > common && !scores.is_empty() {
                // Sorted by frequency: every later term is common too.
                break;
            }
            let idf = self.idf(t);
            let avg_len = self.avg_len;
            self.each(t, |doc, sentence, tf, len| {
                let (tf, len) = (tf as f32, len as f32);
                let s = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg_len));
                *scores.entry((doc as u32, sentence)).or_default() += s;
            });
        }
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .map(|((d, s), score)| Hit {
                doc: d as usize,
                sentence: s as usize,
                score,
            })
            .collect();
        // A total order (every tie broken), so the best `limit` are one set whatever the
        // selection: selected first, then only they are sorted (a full sort of every scored
        // sentence was 12 % of a check at 100,000 documents).
        let order = |a: &Hit, b: &Hit| {
            b.score
                .total_cmp(&a.score)
                .then(a.doc.cmp(&b.doc))
                .then(a.sentence.cmp(&b.sentence))
        };
        if limit == 0 {
            return Vec::new();
        }
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_by(order);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Postings with many equal scores: terms "a" (every sentence), "b" (every third), "c"
    /// (every fifth, twice), over 7 documents of 9 sentences of two lengths.
    struct Fake;

    impl Postings for Fake {
        fn df(&self, term: &str) -> usize {
            let mut n = 0;
            self.each(term, &mut |_, _, _, _| n += 1);
            n
        }

        fn each(&self, term: &str, f: &mut dyn FnMut(usize, u32, u32, u32)) {
            for doc in 0..7usize {
                for s in 0..9u32 {
                    let i = doc as u32 * 9 + s;
                    let len = 4 + (i % 2) * 3;
                    match term {
                        "a" => f(doc, s, 1, len),
                        "b" if i.is_multiple_of(3) => f(doc, s, 1, len),
                        "c" if i.is_multiple_of(5) => f(doc, s, 2, len),
                        _ => {}
                    }
                }
            }
        }
    }

    /// The best `limit` hits are the first `limit` of all hits in order, for every limit.
    #[test]
    fn search_gives_the_first_hits_of_the_full_order() {
        let idx = Index::from_store(Arc::new(Fake), 63 * 40, 63 * 40 * 5);
        let q: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let all = idx.search(&q, usize::MAX);
        assert_eq!(all.len(), 63);
        assert!(all.windows(2).any(|w| w[0].score == w[1].score));
        for limit in 0..=64 {
            let got = idx.search(&q, limit);
            assert_eq!(got, all[..limit.min(all.len())].to_vec(), "limit {limit}");
        }
    }
}
