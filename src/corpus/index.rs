//! A BM25 index over corpus sentences, on stemmed content terms.

use crate::corpus::CorpusDoc;
use std::collections::HashMap;

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
#[derive(Debug, Default)]
pub struct Index {
    postings: HashMap<String, Vec<Posting>>,
    /// Per document, per sentence: its number of terms.
    lens: Vec<Vec<u32>>,
    n_sentences: usize,
    avg_len: f32,
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
        idx.avg_len = if idx.n_sentences == 0 {
            1.0
        } else {
            (total_len as f32 / idx.n_sentences as f32).max(1.0)
        };
        idx
    }

    /// Inverse document frequency of a term (over sentences); unknown terms get the highest.
    /// In how many corpus sentences `term` occurs.
    pub fn df(&self, term: &str) -> usize {
        self.postings.get(term).map_or(0, |p| p.len())
    }

    /// The documents whose sentences contain `term`, in order, each once.
    pub fn docs_with(&self, term: &str) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .postings
            .get(term)
            .map(|p| p.iter().map(|x| x.doc as usize).collect())
            .unwrap_or_default();
        v.dedup();
        v
    }

    /// The number of indexed sentences.
    pub fn sentences(&self) -> usize {
        self.n_sentences
    }

    pub fn idf(&self, term: &str) -> f32 {
        let n = self.n_sentences as f32;
        let df = self.postings.get(term).map(|p| p.len()).unwrap_or(0) as f32;
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
        let mut scores: HashMap<(u32, u32), f32> = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        let mut terms: Vec<(&String, &Vec<Posting>)> = query
            .iter()
            .filter(|t| seen.insert(t.as_str()))
            .filter_map(|t| self.postings.get(t).map(|p| (t, p)))
            .collect();
        terms.sort_by_key(|(t, p)| (p.len(), t.as_str()));
        let common = ((self.n_sentences as f32 * COMMON_SHARE) as usize).max(COMMON_MIN);
        for (t, plist) in terms {
            if plist.len() > common && !scores.is_empty() {
                // Sorted by frequency: every later term is common too.
                break;
            }
            let idf = self.idf(t);
            for p in plist {
                let len = self
                    .lens
                    .get(p.doc as usize)
                    .and_then(|d| d.get(p.sentence as usize))
                    .copied()
                    .unwrap_or(0) as f32;
                let tf = p.tf as f32;
                let s = idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.avg_len));
                *scores.entry((p.doc, p.sentence)).or_default() += s;
            }
        }
        let mut hits: Vec<Hit> = scores
            .into_iter()
            .map(|((d, s), score)| Hit {
                doc: d as usize,
                sentence: s as usize,
                score,
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then(a.doc.cmp(&b.doc))
                .then(a.sentence.cmp(&b.sentence))
        });
        hits.truncate(limit);
        hits
    }
}
