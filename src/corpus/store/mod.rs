//! The corpus store: a corpus kept analysed on disk and opened, not loaded. Its sentence index
//! and per-document records are read when a draft's retrieval asks for them, so opening a large
//! corpus costs a walk of its folders and one small record per file, and checking a draft reads
//! only the documents its sentences and sections touch.
//!
//! [`Store`] is what a backend implements (`disk.rs`: an embedded redb file in the cache
//! folder); [`Snapshot`] is a consistent read-only view of one, which [`Corpus::from_snapshot`]
//! serves to the engine. The engine analyses documents itself (`load.rs`), so every backend
//! stores the same records, and the BM25 scorer is shared (`index.rs`), so every backend ranks
//! the same sentences the same way as the in-memory corpus.

pub mod disk;
pub mod postgres;

use crate::config::StoreKind;
use crate::corpus::index::Postings;
use crate::corpus::load::{self, LoadOptions, LoadReport};
use crate::corpus::{Corpus, CorpusDoc};
use crate::lang::Lang;
use std::path::PathBuf;
use std::sync::Arc;

/// What a snapshot knows of a document without fetching it.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    /// The corpus file it was read from.
    pub path: PathBuf,
    /// Its item number when its file holds several (a feed, a NewsML message).
    pub item: Option<u32>,
    /// The days its date stands for (`corpus::report_window`).
    pub window: Option<(i64, i64)>,
    pub lang: Lang,
}

/// A consistent read-only view of a store: later updates do not change it.
pub trait Snapshot: Postings {
    /// The documents, in corpus order (files in path order, items in file order).
    fn heads(&self) -> &[Head];
    /// The number of indexed sentences and their total number of terms.
    fn sentences(&self) -> (usize, u64);
    /// The document at `doc` (its place in [`Snapshot::heads`]), read from the store; `None`
    /// when it cannot be read.
    fn fetch(&self, doc: usize) -> Option<CorpusDoc>;
    /// The documents at `docs`, as [`Snapshot::fetch`] gives them one by one (a database
    /// answers them in one round trip).
    fn fetch_many(&self, docs: &[usize]) -> Vec<Option<CorpusDoc>> {
        docs.iter().map(|d| self.fetch(*d)).collect()
    }
    /// Why the store could not answer a read since the snapshot was opened (a database that
    /// went away, a query that timed out): the answers given since are incomplete, so a check
    /// that read from it must not be trusted. `None` for embedded stores, which cannot fail so.
    fn failure(&self) -> Option<String> {
        None
    }
}

/// What reading and analysing one corpus file gave.
pub(crate) enum FileAnalysis {
    /// It cannot be read now (it may be readable next time): not recorded.
    Unreadable(String),
    /// Its documents, each with its item number when the file holds several, and why any of
    /// it was skipped (an empty file, a binary one, a document the engine failed on).
    Read {
        docs: Vec<(Option<u32>, CorpusDoc)>,
        skipped: Vec<String>,
    },
}

/// Reads and analyses `paths` (a batch) on all cores, the way `load.rs` does, per file in order.
pub(crate) fn analyse_files(paths: &[PathBuf], opts: &LoadOptions) -> Vec<FileAnalysis> {
    let texts = load::read_all(paths);
    let mut jobs: Vec<(usize, Option<u32>, String)> = Vec::new();
    let mut out: Vec<FileAnalysis> = Vec::with_capacity(paths.len());
    for (i, read) in texts.into_iter().enumerate() {
        let mut skipped = Vec::new();
        match read {
            Ok(t) if t.len() == 1 && t[0].trim().is_empty() => skipped.push("empty file".into()),
            Ok(t) => {
                let several = t.len() > 1;
                for (n, text) in t.into_iter().enumerate() {
                    jobs.push((i, several.then_some(n as u32 + 1), text));
                }
            }
            Err(reason) if reason.starts_with("cannot read") => {
                out.push(FileAnalysis::Unreadable(reason));
                continue;
            }
            Err(reason) => skipped.push(reason),
        }
        out.push(FileAnalysis::Read {
            docs: Vec::new(),
            skipped,
        });
    }
    let mut analysed = load::on_all_cores(&jobs, load::workers(), |(i, _, text)| {
        let path = &paths[*i];
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            load::read_document_keyed(
                path,
                text,
                opts.lang,
                crate::corpus::cache::key(text, opts.lang),
            )
        }))
        .ok()
    });
    analysed.sort_by_key(|(j, _)| *j);
    let mut it = analysed.into_iter().peekable();
    for (j, (i, item, _)) in jobs.iter().enumerate() {
        let doc = match it.peek() {
            Some((k, _)) if *k == j => it.next().and_then(|(_, d)| d),
            _ => None,
        };
        if let Some(FileAnalysis::Read { docs, skipped }) = out.get_mut(*i) {
            match doc {
                Some(d) => docs.push((*item, d)),
                None => skipped.push(
                    "factlint failed on this document (internal error; please report it)".into(),
                ),
            }
        }
    }
    out
}

/// Test hooks, always compiled in and read from the environment when a disk store is opened or
/// an ingest starts, for the crash-safety tests (`tests/store.rs`, `tests/postgres.rs`), which
/// kill a real `factlint check` or `factlint corpus ingest` at exact points of an update. They
/// change batch sizes, timing and stderr, never what is stored. Not for users.
/// - `FACTLINT_TEST_STORE_BATCH=K`: K files per update batch instead of the backend's own;
/// - `FACTLINT_TEST_STORE_TRACE=1`: a disk store update prints what it will do to stderr
///   (`factlint-test: store update: U unchanged, R to read, D removed`);
/// - `FACTLINT_TEST_STORE_PAUSE=before-commit:N` (or `after-commit:N`): at that point of the
///   update's N-th batch (from 1), print `factlint-test: store paused before-commit:N` and sleep
///   (two minutes at most, then go on), to be killed there.
#[derive(Clone, Debug)]
pub(crate) struct Hooks {
    /// Files per batch.
    pub batch: usize,
    trace: bool,
    /// (after the commit, batch number from 1).
    pause: Option<(bool, usize)>,
}

impl Hooks {
    pub(crate) fn from_env(batch: usize) -> Hooks {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let pause = var("FACTLINT_TEST_STORE_PAUSE").and_then(|v| {
            let (at, n) = v.split_once(':')?;
            let after = match at {
                "before-commit" => false,
                "after-commit" => true,
                _ => return None,
            };
            Some((after, n.trim().parse().ok()?))
        });
        Hooks {
            batch: var("FACTLINT_TEST_STORE_BATCH")
                .and_then(|v| v.trim().parse().ok())
                .filter(|n| *n > 0)
                .unwrap_or(batch),
            trace: var("FACTLINT_TEST_STORE_TRACE").is_some(),
            pause,
        }
    }

    /// Prints what an update will do, when asked to.
    pub(crate) fn trace(&self, unchanged: usize, read: usize, removed: usize) {
        if self.trace {
            eprintln!(
                "factlint-test: store update: {unchanged} unchanged, {read} to read, {removed} removed"
            );
        }
    }

    /// Prints whether the corpus folders' last listing was used, when asked to.
    pub(crate) fn listing(&self, reused: bool) {
        if self.trace {
            eprintln!(
                "factlint-test: store listing: {}",
                if reused { "reused" } else { "walked" }
            );
        }
    }

    /// Sleeps when the update is to be killed at this point.
    pub(crate) fn pause(&self, after: bool, batch: usize) {
        if self.pause == Some((after, batch)) {
            let at = if after {
                "after-commit"
            } else {
                "before-commit"
            };
            eprintln!("factlint-test: store paused {at}:{batch}");
            std::thread::sleep(std::time::Duration::from_secs(120));
        }
    }
}

/// A corpus store backend.
pub trait Store {
    /// Brings the store up to date with `files` (the resolved corpus files): unchanged files
    /// (same path, size and modification time) are kept without being read, changed and new
    /// ones are read, analysed and stored, files no longer listed are dropped. Work is committed
    /// in batches; an interrupted update leaves the last committed state, never a broken one.
    /// Files that cannot be used are added to `report.skipped`.
    fn update(
        &self,
        files: &[PathBuf],
        opts: &LoadOptions,
        report: &mut LoadReport,
    ) -> Result<(), String>;

    /// A snapshot of what the store holds for `files`, in their order; files it holds no
    /// documents for are left out (and named in `report.skipped` when the store knows why).
    fn snapshot(
        &self,
        files: &[PathBuf],
        report: &mut LoadReport,
    ) -> Result<Arc<dyn Snapshot>, String>;
}

/// Opens the corpus of `paths` kept as `store` says (`store` in `.factlint.toml`): loaded into
/// memory, or opened from the disk store ([`open_corpus`]). What the CLI and the language server
/// both call, so that a configuration gives the same corpus to either.
pub fn open(store: StoreKind, paths: &[PathBuf], opts: &LoadOptions) -> (Corpus, LoadReport) {
    match store {
        StoreKind::Memory => load::load(paths, opts),
        StoreKind::Disk => open_corpus(paths, opts),
    }
}

/// Opens the corpus of `paths` from its store in `opts.cache_dir`, updating the store first.
/// Falls back to loading the corpus into memory, with a note saying why, when there is no cache
/// folder or the store cannot be used (another process holds it, the disk fails). Never fails.
pub fn open_corpus(paths: &[PathBuf], opts: &LoadOptions) -> (Corpus, LoadReport) {
    let in_memory = |why: String| {
        let (corpus, mut report) = load::load(paths, opts);
        report.notes.push(format!(
            "corpus store not used ({why}): corpus loaded in memory"
        ));
        (corpus, report)
    };
    let Some(dir) = opts.cache_dir.as_deref() else {
        return in_memory("caching is off".into());
    };
    let mut report = LoadReport::default();
    let store = match disk::DiskStore::open(dir, paths, opts.lang) {
        Ok((store, note)) => {
            report.notes.extend(note);
            store
        }
        Err(e) => return in_memory(e),
    };
    let files = store.resolve(paths, &mut report);
    if let Err(e) = store.update(&files, opts, &mut report) {
        return in_memory(e);
    }
    match store.snapshot(&files, &mut report) {
        Ok(snapshot) => {
            report.loaded = snapshot.heads().len();
            (Corpus::from_snapshot(snapshot), report)
        }
        Err(e) => in_memory(e),
    }
}
