//! The disk store: a corpus's analysis in one redb file in the cache folder
//! (`corpus-<hash>.redb`, the hash of the corpus paths and language).
//!
//! Tables:
//! - `meta`: format, engine build, language, sentence count and total length, next ids;
//! - `files`: per corpus file (its path's bytes) its size and modification time when read, its
//!   documents (store id, postings segment, item number, date window, language) and why any of
//!   it was skipped: what opening reads, one small record per file;
//! - `docs`: per document its cache key and analysis (`cache::Entry`, bincode), fetched by id;
//! - `postings`: per (term, segment) the packed postings `(id, sentence, tf, len)` of the
//!   documents written in that segment (one segment per update batch, so a batch writes each of
//!   its terms once and removing a document rewrites only its own segment's lists);
//! - `df`: per term, the number of sentences containing it.
//!
//! Every update batch is one write transaction: a kill before its commit leaves the previous
//! commit, which redb guarantees intact. A file that is not a store or is damaged is replaced
//! with a new one and the caller is told.

use super::{Head, Hooks, Snapshot, Store};
use crate::corpus::cache::{self, Entry, EntryRef};
use crate::corpus::index::Postings;
use crate::corpus::load::{self, LoadOptions, LoadReport, Skipped};
use crate::corpus::{report_window, CorpusDoc};
use crate::lang::Lang;
use redb::{Database, ReadOnlyTable, ReadableDatabase, ReadableTable, TableDefinition};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

/// Bump when what is stored changes meaning.
const FORMAT: u32 = 1;

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const FILES: TableDefinition<&[u8], &[u8]> = TableDefinition::new("files");
const DOCS: TableDefinition<u32, &[u8]> = TableDefinition::new("docs");
const POSTINGS: TableDefinition<(&str, u32), &[u8]> = TableDefinition::new("postings");
const DF: TableDefinition<&str, u64> = TableDefinition::new("df");

/// Files read, analysed and committed together.
const BATCH_FILES: usize = 1_000;

/// Bytes of one packed posting: id, sentence, tf, len (u32 each, little-endian).
const POSTING: usize = 16;

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
struct Meta {
    format: u32,
    engine: String,
    lang: String,
    sentences: u64,
    total_len: u64,
    next_id: u32,
    next_segment: u32,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct FileRec {
    size: u64,
    mtime: u64,
    docs: Vec<DocHead>,
    skipped: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct DocHead {
    id: u32,
    segment: u32,
    item: Option<u32>,
    window: Option<(i64, i64)>,
    lang: Lang,
}

/// A corpus store in a redb file.
pub struct DiskStore {
    db: Arc<Database>,
    path: PathBuf,
    lang: String,
    /// Test hook: updates stop before committing, as if killed there.
    stop_before_commit: bool,
    hooks: Hooks,
}

/// The stores open in this process: a redb file can be opened once per process.
static OPEN: Mutex<Vec<(PathBuf, Weak<Database>)>> = Mutex::new(Vec::new());

fn lang_code(lang: Option<Lang>) -> &'static str {
    lang.map(|l| l.code()).unwrap_or("auto")
}

/// The store file of the corpus made of `roots` read with `lang`, in `dir`.
pub fn store_path(dir: &Path, roots: &[PathBuf], lang: Option<Lang>) -> PathBuf {
    let mut h = blake3::Hasher::new();
    for r in roots {
        let abs = std::fs::canonicalize(r).unwrap_or_else(|_| r.clone());
        h.update(abs.to_string_lossy().as_bytes());
        h.update(b"\0");
    }
    h.update(lang_code(lang).as_bytes());
    dir.join(format!("corpus-{}.redb", &h.finalize().to_hex()[..16]))
}

fn err(what: &str, e: impl std::fmt::Display) -> String {
    format!("corpus store: {what}: {e}")
}

/// Runs `f`, turning a panic (redb may panic on a damaged file) into an error.
fn guarded<T>(f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .unwrap_or_else(|_| Err("the store file is damaged".into()))
}

fn read_meta(db: &Database) -> Result<Option<Meta>, String> {
    guarded(|| {
        let txn = db.begin_read().map_err(|e| err("read", e))?;
        let table = match txn.open_table(META) {
            Ok(t) => t,
            Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
            Err(e) => return Err(err("read", e)),
        };
        let Some(v) = table.get("meta").map_err(|e| err("read", e))? else {
            return Ok(None);
        };
        bincode::deserialize(v.value())
            .map(Some)
            .map_err(|e| err("read", e))
    })
}

fn write_meta(db: &Database, meta: &Meta) -> Result<(), String> {
    let txn = db.begin_write().map_err(|e| err("write", e))?;
    {
        let mut t = txn.open_table(META).map_err(|e| err("write", e))?;
        let bytes = bincode::serialize(meta).map_err(|e| err("write", e))?;
        t.insert("meta", bytes.as_slice())
            .map_err(|e| err("write", e))?;
        // Create the other tables, so that readers find them.
        txn.open_table(FILES).map_err(|e| err("write", e))?;
        txn.open_table(DOCS).map_err(|e| err("write", e))?;
        txn.open_table(POSTINGS).map_err(|e| err("write", e))?;
        txn.open_table(DF).map_err(|e| err("write", e))?;
    }
    txn.commit().map_err(|e| err("write", e))
}

/// A file's size and modification time (nanoseconds since 1970).
fn stamp(path: &Path) -> Option<(u64, u64)> {
    let m = std::fs::metadata(path).ok()?;
    let t = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    Some((m.len(), t))
}

/// A file's key in `files`: its absolute path with `.` and `..` resolved (as the language
/// server names corpus paths, `workspace::normalize`), so that `factlint check` run from any
/// folder and the language server find each other's records instead of dropping them as files
/// no longer listed and reading the corpus again.
fn path_key(path: &Path) -> Vec<u8> {
    crate::workspace::normalize(path)
        .as_os_str()
        .as_encoded_bytes()
        .to_vec()
}

/// A file's documents as analysed, each with its item number.
type Analysed = Vec<(Option<u32>, CorpusDoc)>;

/// A file to read again: its size and mtime (`None`: it cannot be stat'ed) and its old record.
type Todo<'a> = (&'a PathBuf, Option<(u64, u64)>, Option<FileRec>);

/// What one update batch writes for one file.
struct Change {
    key: Vec<u8>,
    old: Option<FileRec>,
    /// The new record and its documents with their item numbers; `None` drops the file.
    new: Option<(FileRec, Analysed)>,
}

impl DiskStore {
    /// Opens (or creates) the store of the corpus made of `roots` in `dir`. A store written by
    /// another factlint build or format is started afresh; a damaged one too, and the second
    /// value says so. Fails when the file cannot be opened at all (another process holds it,
    /// the folder cannot be written).
    pub fn open(
        dir: &Path,
        roots: &[PathBuf],
        lang: Option<Lang>,
    ) -> Result<(DiskStore, Option<String>), String> {
        std::fs::create_dir_all(dir).map_err(|e| err(&dir.display().to_string(), e))?;
        let path = store_path(dir, roots, lang);
        let lang = lang_code(lang).to_string();
        let mut open = OPEN.lock().unwrap_or_else(|e| e.into_inner());
        open.retain(|(_, w)| w.strong_count() > 0);
        if let Some(db) = open
            .iter()
            .find(|(p, _)| *p == path)
            .and_then(|(_, w)| w.upgrade())
        {
            return Ok((DiskStore::with(db, path, lang), None));
        }
        let want = Meta {
            format: FORMAT,
            engine: cache::engine_id().to_string(),
            lang: lang.clone(),
            ..Meta::default()
        };
        let mut note = None;
        let db = match guarded(|| create(&path).map_err(|e| e.to_string())) {
            Ok(db) => match read_meta(&db) {
                Ok(Some(m))
                    if m.format == want.format && m.engine == want.engine && m.lang == lang =>
                {
                    db
                }
                // Another build's store is rebuilt silently: expected after an upgrade.
                Ok(_) => {
                    drop(db);
                    fresh(&path, &want)?
                }
                Err(e) => {
                    drop(db);
                    note = Some(format!("corpus store rebuilt: it is corrupt ({e})"));
                    fresh(&path, &want)?
                }
            },
            Err(e) if e.contains("already open") || e.contains("lock") => {
                return Err(err(
                    &path.display().to_string(),
                    "another factlint process is using it",
                ))
            }
            Err(e) => {
                note = Some(format!("corpus store rebuilt: it is corrupt ({e})"));
                fresh(&path, &want)?
            }
        };
        let db = Arc::new(db);
        open.push((path.clone(), Arc::downgrade(&db)));
        Ok((DiskStore::with(db, path, lang), note))
    }

    fn with(db: Arc<Database>, path: PathBuf, lang: String) -> DiskStore {
        DiskStore {
            db,
            path,
            lang,
            stop_before_commit: false,
            hooks: Hooks::from_env(BATCH_FILES),
        }
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn meta(&self) -> Result<Meta, String> {
        read_meta(&self.db)?.ok_or_else(|| err("read", "no meta record"))
    }

    /// Writes one batch of changes (the update's `number`-th, from 1) in one transaction.
    fn write_batch(&self, changes: Vec<Change>, number: usize) -> Result<(), String> {
        let mut meta = self.meta()?;
        let txn = self.db.begin_write().map_err(|e| err("write", e))?;
        {
            let mut docs_t = txn.open_table(DOCS).map_err(|e| err("write", e))?;
            let mut post_t = txn.open_table(POSTINGS).map_err(|e| err("write", e))?;
            let mut df_t = txn.open_table(DF).map_err(|e| err("write", e))?;
            let mut files_t = txn.open_table(FILES).map_err(|e| err("write", e))?;
            let mut gone: HashMap<(String, u32), HashSet<u32>> = HashMap::new();
            let mut df_delta: HashMap<String, i64> = HashMap::new();
            // Documents of changed and removed files leave the index.
            for old in changes.iter().filter_map(|c| c.old.as_ref()) {
                for h in &old.docs {
                    let Some(bytes) = docs_t.remove(h.id).map_err(|e| err("write", e))? else {
                        continue;
                    };
                    let (_, entry): (String, Entry) =
                        bincode::deserialize(bytes.value()).map_err(|e| err("read", e))?;
                    for terms in &entry.terms {
                        meta.sentences = meta.sentences.saturating_sub(1);
                        meta.total_len = meta.total_len.saturating_sub(terms.len() as u64);
                        let distinct: HashSet<&String> = terms.iter().collect();
                        for t in distinct {
                            *df_delta.entry(t.clone()).or_default() -= 1;
                            gone.entry((t.clone(), h.segment)).or_default().insert(h.id);
                        }
                    }
                }
            }
            let segment = meta.next_segment;
            meta.next_segment = meta.next_segment.wrapping_add(1);
            let mut added: HashMap<String, Vec<u8>> = HashMap::new();
            for c in changes {
                let Some((mut rec, docs)) = c.new else {
                    files_t
                        .remove(c.key.as_slice())
                        .map_err(|e| err("write", e))?;
                    continue;
                };
                for (item, d) in docs {
                    let id = meta.next_id;
                    meta.next_id = meta
                        .next_id
                        .checked_add(1)
                        .ok_or_else(|| err("write", "out of document ids; delete the store"))?;
                    let entry = EntryRef {
                        doc: &d.doc,
                        facts: &d.facts,
                        terms: &d.terms,
                    };
                    let bytes = bincode::serialize(&(d.key.as_str(), entry))
                        .map_err(|e| err("write", e))?;
                    docs_t
                        .insert(id, bytes.as_slice())
                        .map_err(|e| err("write", e))?;
                    for (si, terms) in d.terms.iter().enumerate() {
                        let len = terms.len() as u32;
                        meta.sentences += 1;
                        meta.total_len += u64::from(len);
                        let mut tf: HashMap<&str, u32> = HashMap::new();
                        for t in terms {
                            *tf.entry(t.as_str()).or_default() += 1;
                        }
                        for (t, n) in tf {
                            *df_delta.entry(t.to_string()).or_default() += 1;
                            let p = added.entry(t.to_string()).or_default();
                            for x in [id, si as u32, n, len] {
                                p.extend_from_slice(&x.to_le_bytes());
                            }
                        }
                    }
                    rec.docs.push(DocHead {
                        id,
                        segment,
                        item,
                        window: d.source.date.as_deref().and_then(report_window),
                        lang: d.doc.lang,
                    });
                }
                let bytes = bincode::serialize(&rec).map_err(|e| err("write", e))?;
                files_t
                    .insert(c.key.as_slice(), bytes.as_slice())
                    .map_err(|e| err("write", e))?;
            }
            for ((t, seg), ids) in gone {
                let kept: Vec<u8> =
                    match post_t.get((t.as_str(), seg)).map_err(|e| err("read", e))? {
                        Some(v) => v
                            .value()
                            .chunks_exact(POSTING)
                            .filter(|p| !ids.contains(&u32_at(p, 0)))
                            .flatten()
                            .copied()
                            .collect(),
                        None => continue,
                    };
                if kept.is_empty() {
                    post_t
                        .remove((t.as_str(), seg))
                        .map_err(|e| err("write", e))?;
                } else {
                    post_t
                        .insert((t.as_str(), seg), kept.as_slice())
                        .map_err(|e| err("write", e))?;
                }
            }
            for (t, p) in &added {
                post_t
                    .insert((t.as_str(), segment), p.as_slice())
                    .map_err(|e| err("write", e))?;
            }
            for (t, d) in df_delta {
                if d == 0 {
                    continue;
                }
                let now = df_t
                    .get(t.as_str())
                    .map_err(|e| err("read", e))?
                    .map_or(0, |v| v.value());
                let new = (now as i64).saturating_add(d);
                if new <= 0 {
                    df_t.remove(t.as_str()).map_err(|e| err("write", e))?;
                } else {
                    df_t.insert(t.as_str(), new as u64)
                        .map_err(|e| err("write", e))?;
                }
            }
            let mut meta_t = txn.open_table(META).map_err(|e| err("write", e))?;
            let bytes = bincode::serialize(&meta).map_err(|e| err("write", e))?;
            meta_t
                .insert("meta", bytes.as_slice())
                .map_err(|e| err("write", e))?;
        }
        self.hooks.pause(false, number);
        if self.stop_before_commit {
            // As if the process were killed here: the transaction is dropped uncommitted.
            drop(txn);
            return Ok(());
        }
        txn.commit().map_err(|e| err("write", e))?;
        self.hooks.pause(true, number);
        Ok(())
    }
}

fn u32_at(p: &[u8], i: usize) -> u32 {
    p.get(i * 4..i * 4 + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

/// redb's page cache: what the pages read and written may hold in memory. redb's default (1 GiB)
/// would keep most of a large store resident, the very thing the store is there to avoid.
const CACHE_BYTES: usize = 64 << 20;

/// Opens or creates the redb file at `path`.
fn create(path: &Path) -> Result<Database, redb::DatabaseError> {
    Database::builder().set_cache_size(CACHE_BYTES).create(path)
}

/// Replaces the file at `path` with a new, empty store.
fn fresh(path: &Path, meta: &Meta) -> Result<Database, String> {
    match std::fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(err(&path.display().to_string(), e)),
    }
    let db = guarded(|| create(path).map_err(|e| err("create", e)))?;
    write_meta(&db, meta)?;
    Ok(db)
}

impl Store for DiskStore {
    fn update(
        &self,
        files: &[PathBuf],
        opts: &LoadOptions,
        report: &mut LoadReport,
    ) -> Result<(), String> {
        if self.meta()?.lang != self.lang {
            return Err(err("read", "the store is for another language setting"));
        }
        // What changed: compared by path, size and modification time, before reading anything.
        let mut todo: Vec<Todo> = Vec::new();
        let mut removed: Vec<Change> = Vec::new();
        guarded(|| {
            let txn = self.db.begin_read().map_err(|e| err("read", e))?;
            let files_t = txn.open_table(FILES).map_err(|e| err("read", e))?;
            let listed: HashSet<Vec<u8>> = files.iter().map(|f| path_key(f)).collect();
            for f in files {
                let now = stamp(f);
                let old: Option<FileRec> = files_t
                    .get(path_key(f).as_slice())
                    .map_err(|e| err("read", e))?
                    .and_then(|v| bincode::deserialize(v.value()).ok());
                match (&old, now) {
                    (Some(o), Some((size, mtime))) if o.size == size && o.mtime == mtime => {
                        report.from_cache += o.docs.len();
                    }
                    _ => todo.push((f, now, old)),
                }
            }
            for row in files_t.iter().map_err(|e| err("read", e))? {
                let (k, v) = row.map_err(|e| err("read", e))?;
                if !listed.contains(k.value()) {
                    removed.push(Change {
                        key: k.value().to_vec(),
                        old: bincode::deserialize(v.value()).ok(),
                        new: None,
                    });
                }
            }
            Ok(())
        })?;
        let total = files.len();
        let mut done = total - todo.len();
        self.hooks.trace(done, todo.len(), removed.len());
        if let Some(p) = opts.progress {
            p(done, total);
        }
        if !removed.is_empty() && todo.is_empty() {
            guarded(|| self.write_batch(removed, 1))?;
            return Ok(());
        }
        let mut removed = Some(removed);
        for (number, batch) in todo.chunks(self.hooks.batch).enumerate() {
            let paths: Vec<PathBuf> = batch.iter().map(|(f, _, _)| (*f).clone()).collect();
            let mut recs: Vec<Option<FileRec>> = Vec::with_capacity(batch.len());
            let mut per_file: Vec<Analysed> = Vec::with_capacity(batch.len());
            let analysed = super::analyse_files(&paths, opts);
            for (i, ((_, now, _), read)) in batch.iter().zip(analysed).enumerate() {
                let (size, mtime) = now.unwrap_or((0, 0));
                match read {
                    // Not kept: a file that cannot be read now may be readable next time.
                    super::FileAnalysis::Unreadable(reason) => {
                        report.skipped.push(Skipped {
                            path: paths[i].clone(),
                            reason,
                        });
                        recs.push(None);
                        per_file.push(Vec::new());
                    }
                    // A file that cannot be stat'ed is recorded with size and time 0: it is
                    // read again next time.
                    super::FileAnalysis::Read { docs, skipped } => {
                        recs.push(Some(FileRec {
                            size,
                            mtime,
                            skipped,
                            ..FileRec::default()
                        }));
                        per_file.push(docs);
                    }
                }
            }
            let mut changes: Vec<Change> = removed.take().unwrap_or_default();
            for (((f, _, old), rec), docs) in batch.iter().zip(recs).zip(per_file) {
                changes.push(Change {
                    key: path_key(f),
                    old: old.clone(),
                    new: rec.map(|r| (r, docs)),
                });
            }
            guarded(|| self.write_batch(changes, number + 1))?;
            done += batch.len();
            if let Some(p) = opts.progress {
                p(done, total);
            }
        }
        Ok(())
    }

    fn snapshot(
        &self,
        files: &[PathBuf],
        report: &mut LoadReport,
    ) -> Result<Arc<dyn Snapshot>, String> {
        guarded(|| {
            let meta = self.meta()?;
            let txn = self.db.begin_read().map_err(|e| err("read", e))?;
            let files_t = txn.open_table(FILES).map_err(|e| err("read", e))?;
            let mut heads = Vec::new();
            let mut ids = Vec::new();
            for f in files {
                let Some(v) = files_t
                    .get(path_key(f).as_slice())
                    .map_err(|e| err("read", e))?
                else {
                    continue;
                };
                let rec: FileRec = bincode::deserialize(v.value()).map_err(|e| err("read", e))?;
                for reason in rec.skipped {
                    report.skipped.push(Skipped {
                        path: f.clone(),
                        reason,
                    });
                }
                for d in rec.docs {
                    heads.push(Head {
                        path: f.clone(),
                        item: d.item,
                        window: d.window,
                        lang: d.lang,
                    });
                    ids.push(d.id);
                }
            }
            let place = ids
                .iter()
                .enumerate()
                .map(|(i, id)| (*id, i as u32))
                .collect();
            Ok(Arc::new(DiskSnapshot {
                heads,
                ids,
                place,
                docs: txn.open_table(DOCS).map_err(|e| err("read", e))?,
                postings: txn.open_table(POSTINGS).map_err(|e| err("read", e))?,
                df: txn.open_table(DF).map_err(|e| err("read", e))?,
                sentences: (meta.sentences as usize, meta.total_len),
                df_memo: Mutex::new(HashMap::new()),
                _db: Arc::clone(&self.db),
            }) as Arc<dyn Snapshot>)
        })
    }
}

/// A read transaction's view of a disk store.
struct DiskSnapshot {
    heads: Vec<Head>,
    /// Per document (corpus order), its store id.
    ids: Vec<u32>,
    /// Per store id, the document's place in corpus order.
    place: HashMap<u32, u32>,
    docs: ReadOnlyTable<u32, &'static [u8]>,
    postings: ReadOnlyTable<(&'static str, u32), &'static [u8]>,
    df: ReadOnlyTable<&'static str, u64>,
    sentences: (usize, u64),
    /// Document frequencies already read (idf is asked for often, for few terms).
    df_memo: Mutex<HashMap<String, usize>>,
    _db: Arc<Database>,
}

impl Postings for DiskSnapshot {
    fn df(&self, term: &str) -> usize {
        if let Some(n) = self.df_memo.lock().ok().and_then(|m| m.get(term).copied()) {
            return n;
        }
        let n = guarded(|| {
            Ok(self
                .df
                .get(term)
                .ok()
                .flatten()
                .map_or(0, |v| v.value() as usize))
        })
        .unwrap_or(0);
        if let Ok(mut m) = self.df_memo.lock() {
            if m.len() >= 1_000_000 {
                m.clear();
            }
            m.insert(term.to_string(), n);
        }
        n
    }

    fn each(&self, term: &str, f: &mut dyn FnMut(usize, u32, u32, u32)) {
        let _ = guarded(|| {
            let range = self
                .postings
                .range((term, 0u32)..=(term, u32::MAX))
                .map_err(|e| err("read", e))?;
            for row in range {
                let Ok((_, v)) = row else { continue };
                for p in v.value().chunks_exact(POSTING) {
                    if let Some(&doc) = self.place.get(&u32_at(p, 0)) {
                        f(doc as usize, u32_at(p, 1), u32_at(p, 2), u32_at(p, 3));
                    }
                }
            }
            Ok(())
        });
    }
}

impl Snapshot for DiskSnapshot {
    fn heads(&self) -> &[Head] {
        &self.heads
    }

    fn sentences(&self) -> (usize, u64) {
        self.sentences
    }

    fn fetch(&self, doc: usize) -> Option<CorpusDoc> {
        let head = self.heads.get(doc)?;
        let id = *self.ids.get(doc)?;
        let (key, entry): (String, Entry) = guarded(|| {
            let v = self
                .docs
                .get(id)
                .map_err(|e| err("read", e))?
                .ok_or_else(|| err("read", "missing document"))?;
            bincode::deserialize(v.value()).map_err(|e| err("read", e))
        })
        .ok()?;
        let mut d = load::from_entry(&head.path, key, entry);
        if let Some(n) = head.item {
            d.source.id = format!("{}#{n}", d.source.id);
        }
        Some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;

    fn put(dir: &Path, name: &str, text: &str) {
        let _ = std::fs::write(dir.join(name), text);
    }

    fn doc(source: &str, date: &str, body: &str) -> String {
        format!("---\ntitle: {source} report\nsource: {source}\ndate: {date}\n---\n\n{body}\n")
    }

    /// A corpus folder of three documents in two languages, and a feed-like file is not needed:
    /// items are covered by `load`'s tests.
    fn corpus(dir: &Path) {
        let _ = std::fs::create_dir_all(dir);
        put(
            dir,
            "a.md",
            &doc(
                "Hafenkurier",
                "2026-03-01",
                "Laut Feuerwehr wurden 14 Menschen verletzt. Die Brücke bleibt bis Freitag gesperrt.",
            ),
        );
        put(
            dir,
            "b.md",
            &doc(
                "Valley Times",
                "2026-03-02",
                "About 68,000 vehicles cross the bridge every day, the city said. The bridge was closed on Monday.",
            ),
        );
        put(
            dir,
            "c.md",
            &doc(
                "Nordwelle",
                "2026-03-03",
                "Nach Angaben der Polizei wurden 12 Menschen verletzt. Die Brücke ist gesperrt.",
            ),
        );
        put(dir, "empty.md", "");
    }

    fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
        load::resolve(paths, &mut LoadReport::default())
    }

    /// Updates the store of `paths` in `cache` and opens its corpus.
    fn open_corpus(cache: &Path, paths: &[PathBuf]) -> (Corpus, LoadReport) {
        let (store, note) =
            DiskStore::open(cache, paths, None).unwrap_or_else(|e| panic!("open: {e}"));
        let mut report = LoadReport::default();
        report.notes.extend(note);
        let fs = files(paths);
        store
            .update(&fs, &LoadOptions::default(), &mut report)
            .unwrap_or_else(|e| panic!("update: {e}"));
        let snap = store
            .snapshot(&fs, &mut report)
            .unwrap_or_else(|e| panic!("snapshot: {e}"));
        (Corpus::from_snapshot(snap), report)
    }

    /// Both corpora hold the same documents in the same order, and their indexes give the same
    /// frequencies, documents and search hits (scores included) for every term and sentence.
    fn assert_same(a: &Corpus, b: &Corpus) {
        assert_eq!(a.docs.len(), b.docs.len());
        assert_eq!(a.windows, b.windows);
        assert_eq!(a.langs, b.langs);
        assert_eq!(a.index.sentences(), b.index.sentences());
        for i in 0..a.docs.len() {
            let (Some(x), Some(y)) = (a.docs.get(i), b.docs.get(i)) else {
                panic!("document {i} missing");
            };
            assert_eq!(x.source, y.source);
            assert_eq!(x.doc.text, y.doc.text);
            assert_eq!(x.facts.quantities, y.facts.quantities);
            assert_eq!(x.terms, y.terms);
            assert_eq!(x.key, y.key);
            for terms in &x.terms {
                assert_eq!(a.index.search(terms, 40), b.index.search(terms, 40));
                for t in terms {
                    assert_eq!(a.index.df(t), b.index.df(t), "{t}");
                    assert_eq!(a.index.docs_with(t), b.index.docs_with(t), "{t}");
                    assert_eq!(a.index.idf(t).to_bits(), b.index.idf(t).to_bits(), "{t}");
                }
            }
        }
    }

    #[test]
    fn a_stored_corpus_equals_the_loaded_one_and_fetches_only_what_is_asked() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path().join("corpus");
        corpus(&dir);
        let paths = [dir.clone()];
        let (stored, report) = open_corpus(&tmp.path().join("cache"), &paths);
        assert_eq!(stored.docs.fetched(), 0);
        assert!(stored.docs.iter().next().is_none());
        assert!(report
            .skipped
            .iter()
            .any(|s| s.reason == "empty file" && s.path.ends_with("empty.md")));
        assert!(stored.docs.get(1).is_some());
        assert_eq!(stored.docs.fetched(), 1);
        let (memory, _) = load::load(&paths, &LoadOptions::default());
        assert_same(&stored, &memory);
        // A second open reads nothing again.
        let (again, r2) = open_corpus(&tmp.path().join("cache"), &paths);
        assert_eq!(r2.from_cache, 3);
        assert_same(&again, &memory);
    }

    #[test]
    fn an_incremental_update_equals_a_fresh_build() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path().join("corpus");
        corpus(&dir);
        let paths = [dir.clone()];
        let cache = tmp.path().join("cache");
        let (first, _) = open_corpus(&cache, &paths);
        assert_eq!(first.docs.len(), 3);
        drop(first);
        // One changed, one added, one removed.
        put(
            &dir,
            "b.md",
            &doc(
                "Valley Times",
                "2026-03-02",
                "About 70,000 vehicles cross the bridge every day, the city said.",
            ),
        );
        put(
            &dir,
            "a2.md",
            &doc(
                "Hafenkurier",
                "2026-03-04",
                "Die Feuerwehr meldet nun 15 Verletzte. Die Brücke bleibt gesperrt.",
            ),
        );
        let _ = std::fs::remove_file(dir.join("c.md"));
        let (updated, report) = open_corpus(&cache, &paths);
        assert_eq!(report.from_cache, 1, "only a.md is unchanged");
        let (fresh, _) = open_corpus(&tmp.path().join("fresh"), &paths);
        assert_same(&updated, &fresh);
        let (memory, _) = load::load(&paths, &LoadOptions::default());
        assert_same(&updated, &memory);
        assert!(updated.docs[2].doc.text.contains("70,000"));
        assert_eq!(updated.index.df("12"), 0);
    }

    #[test]
    fn an_update_killed_before_its_commit_leaves_the_previous_state() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path().join("corpus");
        corpus(&dir);
        let paths = [dir.clone()];
        let cache = tmp.path().join("cache");
        let (before, _) = open_corpus(&cache, &paths);
        put(
            &dir,
            "b.md",
            &doc(
                "Valley Times",
                "2026-03-02",
                "About 70,000 vehicles cross the bridge every day, the city said.",
            ),
        );
        put(&dir, "d.md", &doc("Nordwelle", "2026-03-05", "Neu."));
        let (mut store, _) =
            DiskStore::open(&cache, &paths, None).unwrap_or_else(|e| panic!("{e}"));
        store.stop_before_commit = true;
        let fs = files(&paths);
        let mut report = LoadReport::default();
        store
            .update(&fs, &LoadOptions::default(), &mut report)
            .unwrap_or_else(|e| panic!("{e}"));
        // The store still holds the state before the update, whole.
        let snap = store
            .snapshot(&fs, &mut LoadReport::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let after = Corpus::from_snapshot(snap);
        assert_same(&after, &before);
        assert!(after.docs[1].doc.text.contains("68,000"));
        drop((after, before, store));
        // The next run completes the update.
        let (next, _) = open_corpus(&cache, &paths);
        let (memory, _) = load::load(&paths, &LoadOptions::default());
        assert_same(&next, &memory);
        assert_eq!(next.docs.len(), 4);
    }

    #[test]
    fn a_corrupt_store_is_rebuilt_with_a_message() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path().join("corpus");
        corpus(&dir);
        let paths = [dir.clone()];
        let cache = tmp.path().join("cache");
        let (first, _) = open_corpus(&cache, &paths);
        drop(first);
        let file = store_path(&cache, &paths, None);
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(bytes.len() > 4096);
        let (memory, _) = load::load(&paths, &LoadOptions::default());
        for damage in [
            b"not a store".to_vec(),
            bytes[..bytes.len() / 2].to_vec(),
            bytes.iter().map(|b| b ^ 0x5a).collect(),
        ] {
            let _ = std::fs::write(&file, &damage);
            let (rebuilt, report) = open_corpus(&cache, &paths);
            assert!(
                report.notes.iter().any(|n| n.contains("corrupt")),
                "{:?}",
                report.notes
            );
            assert_same(&rebuilt, &memory);
        }
    }
}
