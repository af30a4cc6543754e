//! The disk store: a corpus's analysis in one redb file in the cache folder
//! (`corpus-<hash>.redb`, the hash of the corpus paths and language).
//!
//! Tables:
//! - `meta`: format, engine build, language, sentence count and total length, next ids;
//! - `files`: per corpus file (its path's bytes) its size and modification time when read, its
//!   documents (store id, postings segment, item number, date window, language) and why any of
//!   it was skipped: what opening reads, one small record per file;
//! - `docs`: per document its cache key and analysis (`cache::Entry`, bincode, deflated: a
//!   record is about six times its document's text, mostly repeated words, and a quarter of
//!   that deflated), fetched by id;
//! - `postings`: per (term, segment) the packed postings `(id, sentence, tf, len)` of the
//!   documents written in that segment (one segment per update batch, so a batch writes each of
//!   its terms once); a removed document's postings stay until its segment is merged, and
//!   readers skip them (their ids belong to no listed file);
//! - `df`: per term, the number of sentences containing it;
//! - `segment_terms`: per segment (but the oldest), its terms, so that merging the newest
//!   segments reads only their lists.
//!
//! `meta` also holds the live segments (`segments`: id, documents written, documents removed
//! since) and the last walk of the corpus folders (`listing`, see [`DiskStore::resolve`]).
//!
//! After an update, segments are merged ([`DiskStore::compact`]): the newest ones together
//! whenever the older segment before them holds at most twice as many live documents as they
//! do, all of them when a quarter of the documents written are removed ones; a bulk index
//! thus ends with one segment, a term is one read, and a few changed files merge only the
//! small newest segments. Every update batch and every merge is one write transaction: a kill
//! before its commit leaves the previous commit, which redb guarantees intact. A file that is
//! not a store or is damaged is replaced with a new one and the caller is told.

use super::{Head, Hooks, Snapshot, Store};
use crate::corpus::cache::{self, Entry, EntryRef};
use crate::corpus::index::Postings;
use crate::corpus::load::{self, stamp, LoadOptions, LoadReport, Skipped};
use crate::corpus::{report_window, CorpusDoc};
use crate::lang::Lang;
use redb::{
    Database, ReadOnlyTable, ReadableDatabase, ReadableTable, ReadableTableMetadata,
    TableDefinition,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, Weak};

/// Bump when what is stored changes meaning.
const FORMAT: u32 = 3;

/// The largest document record [`unpack`] inflates (a damaged file must not exhaust memory).
const RECORD_MAX: u64 = 1 << 30;

/// A document record as stored: its bincode bytes deflated at the fastest level (about 160 MB
/// per second and a quarter of the size on news-length documents, which also ends most
/// records' rounding up to a large page).
fn pack(raw: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut e = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(raw.len() / 3),
        flate2::Compression::fast(),
    );
    e.write_all(raw).map_err(|x| err("write", x))?;
    e.finish().map_err(|x| err("write", x))
}

/// The bincode bytes of a stored document record ([`pack`]).
fn unpack(stored: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut out = Vec::with_capacity(stored.len().saturating_mul(5));
    flate2::read::DeflateDecoder::new(stored)
        .take(RECORD_MAX)
        .read_to_end(&mut out)
        .map_err(|x| err("read", x))?;
    Ok(out)
}

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const FILES: TableDefinition<&[u8], &[u8]> = TableDefinition::new("files");
const DOCS: TableDefinition<u32, &[u8]> = TableDefinition::new("docs");
const POSTINGS: TableDefinition<(&str, u32), &[u8]> = TableDefinition::new("postings");
const DF: TableDefinition<&str, u64> = TableDefinition::new("df");
const SEGTERMS: TableDefinition<u32, &[u8]> = TableDefinition::new("segment_terms");

/// A live postings segment: its id, the documents written to it, how many of them are removed.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq)]
struct Seg {
    id: u32,
    docs: u64,
    dead: u64,
}

impl Seg {
    fn live(&self) -> u64 {
        self.docs.saturating_sub(self.dead)
    }
}

/// The segments to merge: `Some(j)` merges `segs[j..]` into one. The newest segments are
/// merged when the segment before them holds at most twice as many live documents as they
/// do together (a bulk index's equal batches: all of them; one changed file after a large
/// segment: nothing until the small ones add up); all segments when a quarter of the documents
/// written are removed ones (their postings are skipped by readers until then).
fn merge_plan(segs: &[Seg]) -> Option<usize> {
    let docs: u64 = segs.iter().map(|s| s.docs).sum();
    let dead: u64 = segs.iter().map(|s| s.dead).sum();
    if dead > 0 && dead.saturating_mul(4) > docs {
        return Some(0);
    }
    (0..segs.len().saturating_sub(1)).find(|&j| {
        let rest: u64 = segs[j + 1..].iter().map(Seg::live).sum();
        segs[j].live() <= rest.saturating_mul(2)
    })
}

/// The segment holding documents written as segment `id`: the newest live one not newer
/// (merged segments keep the id of their oldest part).
fn owner(segs: &mut [Seg], id: u32) -> Option<&mut Seg> {
    segs.iter_mut().rev().find(|s| s.id <= id)
}

fn read_segs(t: &impl ReadableTable<&'static str, &'static [u8]>) -> Result<Vec<Seg>, String> {
    match t.get("segments").map_err(|e| err("read", e))? {
        Some(v) => bincode::deserialize(v.value()).map_err(|e| err("read", e)),
        None => Ok(Vec::new()),
    }
}

/// One term's postings rows: (segment, packed postings).
type Rows = Vec<(u32, Vec<u8>)>;

/// Bytes of postings a merge holds in memory before writing them.
const MERGE_CHUNK: usize = 8 << 20;

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
    /// Test hook: no segment is merged (a store as before merging existed).
    no_merge: bool,
    /// How much older than a walk its folders must be for the listing to be kept (`RACY_NS`).
    racy_ns: u64,
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
        txn.open_table(SEGTERMS).map_err(|e| err("write", e))?;
    }
    txn.commit().map_err(|e| err("write", e))
}

/// The corpus folders as last walked: the files the walk listed and, per folder it read, its
/// modification and change times (nanoseconds). Adding, removing or renaming an entry changes
/// its folder's times (and `chmod` its change time), so equal times mean the same entries.
#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
struct Listing {
    roots: Vec<PathBuf>,
    cwd: PathBuf,
    dirs: Vec<(PathBuf, (u64, u64))>,
    files: Vec<PathBuf>,
}

/// A folder's modification and change times, nanoseconds since 1970.
#[cfg(unix)]
fn dir_times(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    let ns = |s: i64, n: i64| {
        u64::try_from(s)
            .ok()?
            .checked_mul(1_000_000_000)?
            .checked_add(u64::try_from(n).ok()?)
    };
    Some((
        ns(m.mtime(), m.mtime_nsec())?,
        ns(m.ctime(), m.ctime_nsec())?,
    ))
}

#[cfg(not(unix))]
fn dir_times(_: &Path) -> Option<(u64, u64)> {
    None
}

/// A listing is saved only when every folder's times are older than the walk by this much: a
/// folder changed within a file system's time granularity of the walk could change again with
/// the same times, unseen ("racy" in git's words); it is walked again next time.
const RACY_NS: u64 = 2_000_000_000;

/// A file's key in `files`: its absolute path with `.` and `..` resolved (as the language
/// server names corpus paths, `workspace::normalize`), so that `factlint check` run from any
/// folder and the language server find each other's records instead of dropping them as files
/// no longer listed and reading the corpus again.
fn path_key(path: &Path) -> Vec<u8> {
    // An absolute path with no empty, `.` or `..` part and no trailing slash is its own
    // normal form (what the walk of an absolute corpus folder gives): no allocation of parts.
    let b = path.as_os_str().as_encoded_bytes();
    if cfg!(unix)
        && b.len() > 1
        && b.first() == Some(&b'/')
        && !b.ends_with(b"/")
        && b[1..]
            .split(|&c| c == b'/')
            .all(|part| !part.is_empty() && part != b"." && part != b"..")
    {
        return b.to_vec();
    }
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
            no_merge: false,
            racy_ns: RACY_NS,
            hooks: Hooks::from_env(BATCH_FILES),
        }
    }

    /// The corpus files of `paths`, as `load::resolve` lists them. When the paths are folders
    /// whose times (modification and change, of every folder below them) equal those of the
    /// last walk, the files that walk listed, without walking again; else a walk, whose listing
    /// is kept for next time. Files changed in place change no folder: `update` still compares
    /// each file's size and modification time, so they are read again as before.
    pub fn resolve(&self, paths: &[PathBuf], report: &mut LoadReport) -> Vec<PathBuf> {
        self.resolve_listed(paths, report).0
    }

    /// `resolve`, and whether the last listing was used.
    fn resolve_listed(&self, paths: &[PathBuf], report: &mut LoadReport) -> (Vec<PathBuf>, bool) {
        let cwd = std::env::current_dir().unwrap_or_default();
        let plain = paths
            .iter()
            .all(|p| !p.to_string_lossy().contains(['*', '?', '[']) && p.is_dir());
        if !plain || cfg!(not(unix)) {
            return (load::resolve(paths, report), false);
        }
        let last: Option<Listing> = guarded(|| {
            let txn = self.db.begin_read().map_err(|e| err("read", e))?;
            let t = txn.open_table(META).map_err(|e| err("read", e))?;
            let l = t
                .get("listing")
                .map_err(|e| err("read", e))?
                .and_then(|v| bincode::deserialize(v.value()).ok());
            Ok(l)
        })
        .ok()
        .flatten();
        if let Some(l) = last {
            if l.roots == paths
                && l.cwd == cwd
                && l.dirs.iter().all(|(d, t)| dir_times(d) == Some(*t))
            {
                self.hooks.listing(true);
                return (l.files, true);
            }
        }
        self.hooks.listing(false);
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        let Some((files, dirs)) = load::resolve_folders(paths) else {
            return (load::resolve(paths, report), false);
        };
        let dirs: Option<Vec<(PathBuf, (u64, u64))>> = dirs
            .into_iter()
            .map(|d| {
                let t = dir_times(&d)?;
                (t.0.max(t.1).saturating_add(self.racy_ns) < started).then_some((d, t))
            })
            .collect();
        let listing = Listing {
            roots: paths.to_vec(),
            cwd,
            dirs: dirs.unwrap_or_default(),
            files,
        };
        // Saved only when no folder is racy; else any saved listing is dropped.
        let keep = !listing.dirs.is_empty();
        let _ = guarded(|| {
            let txn = self.db.begin_write().map_err(|e| err("write", e))?;
            {
                let mut t = txn.open_table(META).map_err(|e| err("write", e))?;
                if keep {
                    let bytes = bincode::serialize(&listing).map_err(|e| err("write", e))?;
                    t.insert("listing", bytes.as_slice())
                        .map_err(|e| err("write", e))?;
                } else {
                    t.remove("listing").map_err(|e| err("write", e))?;
                }
            }
            txn.commit().map_err(|e| err("write", e))
        });
        (listing.files, false)
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Merges segments after an update (also one that found nothing to read: a merge killed
    /// before its commit is done again).
    fn merge(&self) -> Result<(), String> {
        if self.stop_before_commit || self.no_merge {
            return Ok(());
        }
        // Most opens merge nothing: decided in a read transaction.
        let plan = guarded(|| {
            let txn = self.db.begin_read().map_err(|e| err("read", e))?;
            let meta_t = txn.open_table(META).map_err(|e| err("read", e))?;
            Ok(merge_plan(&read_segs(&meta_t)?))
        })?;
        if plan.is_none() {
            return Ok(());
        }
        guarded(|| self.compact()).map(|_| ())
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
            let mut terms_t = txn.open_table(SEGTERMS).map_err(|e| err("write", e))?;
            let mut meta_t = txn.open_table(META).map_err(|e| err("write", e))?;
            let mut segs = read_segs(&meta_t)?;
            let mut df_delta: HashMap<String, i64> = HashMap::new();
            // Documents of changed and removed files leave the index.
            for old in changes.iter().filter_map(|c| c.old.as_ref()) {
                for h in &old.docs {
                    let Some(bytes) = docs_t.remove(h.id).map_err(|e| err("write", e))? else {
                        continue;
                    };
                    let (_, entry): (String, Entry) = bincode::deserialize(&unpack(bytes.value())?)
                        .map_err(|e| err("read", e))?;
                    // Its postings stay in its segment (readers skip them) until a merge.
                    if let Some(s) = owner(&mut segs, h.segment) {
                        s.dead += 1;
                    }
                    for terms in &entry.terms {
                        meta.sentences = meta.sentences.saturating_sub(1);
                        meta.total_len = meta.total_len.saturating_sub(terms.len() as u64);
                        let distinct: HashSet<&String> = terms.iter().collect();
                        for t in distinct {
                            *df_delta.entry(t.clone()).or_default() -= 1;
                        }
                    }
                }
            }
            let segment = meta.next_segment;
            meta.next_segment = meta.next_segment.wrapping_add(1);
            let mut added: HashMap<String, Vec<u8>> = HashMap::new();
            let mut written = 0u64;
            for c in changes {
                let Some((mut rec, docs)) = c.new else {
                    files_t
                        .remove(c.key.as_slice())
                        .map_err(|e| err("write", e))?;
                    continue;
                };
                for (item, d) in docs {
                    written += 1;
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
                    let bytes = pack(
                        &bincode::serialize(&(d.key.as_str(), entry))
                            .map_err(|e| err("write", e))?,
                    )?;
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
            if written > 0 {
                segs.push(Seg {
                    id: segment,
                    docs: written,
                    dead: 0,
                });
                let mut terms: Vec<&str> = added.keys().map(String::as_str).collect();
                terms.sort_unstable();
                let bytes = bincode::serialize(&terms).map_err(|e| err("write", e))?;
                terms_t
                    .insert(segment, bytes.as_slice())
                    .map_err(|e| err("write", e))?;
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
            let bytes = bincode::serialize(&meta).map_err(|e| err("write", e))?;
            meta_t
                .insert("meta", bytes.as_slice())
                .map_err(|e| err("write", e))?;
            let bytes = bincode::serialize(&segs).map_err(|e| err("write", e))?;
            meta_t
                .insert("segments", bytes.as_slice())
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

    /// Merges postings segments as `merge_plan` says, in one write transaction: each term's
    /// lists in the merged segments become one list (in segment order, so a term's postings
    /// keep their order), without the postings of removed documents. Returns whether it merged.
    fn compact(&self) -> Result<bool, String> {
        let txn = self.db.begin_write().map_err(|e| err("write", e))?;
        {
            let mut meta_t = txn.open_table(META).map_err(|e| err("write", e))?;
            let segs = read_segs(&meta_t)?;
            let Some(j) = merge_plan(&segs) else {
                return Ok(false);
            };
            let merged = &segs[j..];
            let target = merged[0].id;
            // The documents still listed: postings of any other id are dropped.
            let mut live: HashSet<u32, rustc_hash::FxBuildHasher> = HashSet::default();
            {
                let files_t = txn.open_table(FILES).map_err(|e| err("read", e))?;
                for row in files_t.iter().map_err(|e| err("read", e))? {
                    let (_, v) = row.map_err(|e| err("read", e))?;
                    let rec: FileRec =
                        bincode::deserialize(v.value()).map_err(|e| err("read", e))?;
                    live.extend(rec.docs.iter().map(|d| d.id));
                }
            }
            let mut terms_t = txn.open_table(SEGTERMS).map_err(|e| err("write", e))?;
            let mut post_t = txn.open_table(POSTINGS).map_err(|e| err("write", e))?;
            // The terms of the merged segments, when they are not all of them.
            let mut terms: Option<Vec<String>> = None;
            if j > 0 {
                let mut all: Vec<String> = Vec::new();
                let mut known = true;
                for s in merged {
                    match terms_t.get(s.id).map_err(|e| err("read", e))? {
                        Some(v) => all.extend(
                            bincode::deserialize::<Vec<String>>(v.value())
                                .map_err(|e| err("read", e))?,
                        ),
                        None => known = false,
                    }
                }
                all.sort_unstable();
                all.dedup();
                terms = known.then_some(all);
            }
            match &terms {
                Some(terms) => {
                    for t in terms {
                        let mut rows: Rows = Vec::new();
                        for row in post_t
                            .range((t.as_str(), target)..=(t.as_str(), u32::MAX))
                            .map_err(|e| err("read", e))?
                        {
                            let (k, v) = row.map_err(|e| err("read", e))?;
                            rows.push((k.value().1, v.value().to_vec()));
                        }
                        merge_rows(&mut post_t, t, rows, target, &live)?;
                    }
                }
                None => {
                    // Every segment: one pass over the table, a chunk of terms at a time.
                    let mut from: Option<String> = None;
                    loop {
                        let mut chunk: Vec<(String, Rows)> = Vec::new();
                        let mut bytes = 0usize;
                        let mut next: Option<String> = None;
                        {
                            let range = match &from {
                                Some(t) => post_t.range((t.as_str(), 0u32)..),
                                None => post_t.range(("", 0u32)..),
                            }
                            .map_err(|e| err("read", e))?;
                            for row in range {
                                let (k, v) = row.map_err(|e| err("read", e))?;
                                let (t, seg) = k.value();
                                if chunk.last().is_none_or(|(last, _)| last != t) {
                                    if bytes >= MERGE_CHUNK {
                                        next = Some(t.to_string());
                                        break;
                                    }
                                    chunk.push((t.to_string(), Vec::new()));
                                }
                                bytes += v.value().len();
                                if let Some((_, rows)) = chunk.last_mut() {
                                    rows.push((seg, v.value().to_vec()));
                                }
                            }
                        }
                        for (t, rows) in chunk {
                            merge_rows(&mut post_t, &t, rows, target, &live)?;
                        }
                        match next {
                            Some(t) => from = Some(t),
                            None => break,
                        }
                    }
                }
            }
            for s in merged {
                terms_t.remove(s.id).map_err(|e| err("write", e))?;
            }
            if let Some(terms) = &terms {
                let bytes = bincode::serialize(terms).map_err(|e| err("write", e))?;
                terms_t
                    .insert(target, bytes.as_slice())
                    .map_err(|e| err("write", e))?;
            }
            let mut after: Vec<Seg> = segs[..j].to_vec();
            after.push(Seg {
                id: target,
                docs: merged.iter().map(Seg::live).sum(),
                dead: 0,
            });
            let bytes = bincode::serialize(&after).map_err(|e| err("write", e))?;
            meta_t
                .insert("segments", bytes.as_slice())
                .map_err(|e| err("write", e))?;
        }
        txn.commit().map_err(|e| err("write", e))?;
        Ok(true)
    }
}

/// Writes one term's `rows` (segment, postings; in segment order) as one list under segment
/// `target`, without the postings of documents not `live`.
fn merge_rows(
    post_t: &mut redb::Table<(&'static str, u32), &'static [u8]>,
    term: &str,
    rows: Rows,
    target: u32,
    live: &HashSet<u32, rustc_hash::FxBuildHasher>,
) -> Result<(), String> {
    let alive = |p: &[u8]| live.contains(&u32_at(p, 0));
    if let [(seg, v)] = rows.as_slice() {
        if *seg == target && v.chunks_exact(POSTING).all(alive) {
            return Ok(());
        }
    }
    let mut list: Vec<u8> = Vec::with_capacity(rows.iter().map(|(_, v)| v.len()).sum());
    for (seg, v) in &rows {
        for p in v.chunks_exact(POSTING).filter(|p| alive(p)) {
            list.extend_from_slice(p);
        }
        post_t.remove((term, *seg)).map_err(|e| err("write", e))?;
    }
    if !list.is_empty() {
        post_t
            .insert((term, target), list.as_slice())
            .map_err(|e| err("write", e))?;
    }
    Ok(())
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
            let keys: Vec<Vec<u8>> = files.iter().map(|f| path_key(f)).collect();
            let listed: HashSet<&[u8]> = keys.iter().map(Vec::as_slice).collect();
            // Listed files with a record: when they are all the records, none is unlisted.
            let mut found = 0u64;
            for (f, key) in files.iter().zip(&keys) {
                let now = stamp(f);
                let old: Option<FileRec> = files_t
                    .get(key.as_slice())
                    .map_err(|e| err("read", e))?
                    .and_then(|v| {
                        found += 1;
                        bincode::deserialize(v.value()).ok()
                    });
                match (&old, now) {
                    (Some(o), Some((size, mtime))) if o.size == size && o.mtime == mtime => {
                        report.from_cache += o.docs.len();
                    }
                    _ => todo.push((f, now, old)),
                }
            }
            let all = files_t.len().map_err(|e| err("read", e))?;
            if keys.len() == listed.len() && found == all {
                return Ok(());
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
            return self.merge();
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
        self.merge()
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
            let mut place = vec![u32::MAX; ids.iter().max().map_or(0, |m| *m as usize + 1)];
            for (i, id) in ids.iter().enumerate() {
                if let Some(p) = place.get_mut(*id as usize) {
                    *p = i as u32;
                }
            }
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
    /// Per store id, the document's place in corpus order (`u32::MAX`: no listed document,
    /// such as a removed one whose postings are still stored).
    place: Vec<u32>,
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
                    match self.place.get(u32_at(p, 0) as usize) {
                        Some(&doc) if doc != u32::MAX => {
                            f(doc as usize, u32_at(p, 1), u32_at(p, 2), u32_at(p, 3))
                        }
                        _ => {}
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
            bincode::deserialize(&unpack(v.value())?).map_err(|e| err("read", e))
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

    /// A record comes back from the store byte for byte, and a damaged one is an error, not a
    /// panic or a wrong record.
    #[test]
    fn records_round_trip_deflated() {
        let raw: Vec<u8> = (0..50_000u32)
            .flat_map(|i| (i % 251).to_le_bytes())
            .collect();
        let packed = pack(&raw).unwrap_or_default();
        assert!(!packed.is_empty() && packed.len() < raw.len() / 2);
        assert_eq!(unpack(&packed).ok(), Some(raw));
        assert!(unpack(b"\xff not a deflate stream").is_err());
        assert!(unpack(&packed[..packed.len() / 2]).is_err());
    }

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
        let corpus = update_and_open(&store, paths, &mut report);
        (corpus, report)
    }

    /// Updates `store` with the files of `paths` and opens its corpus, noting in `report`.
    fn update_and_open(store: &DiskStore, paths: &[PathBuf], report: &mut LoadReport) -> Corpus {
        let fs = files(paths);
        store
            .update(&fs, &LoadOptions::default(), report)
            .unwrap_or_else(|e| panic!("update: {e}"));
        let snap = store
            .snapshot(&fs, report)
            .unwrap_or_else(|e| panic!("snapshot: {e}"));
        Corpus::from_snapshot(snap)
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

    fn segments(store: &DiskStore) -> Vec<Seg> {
        let txn = store.db.begin_read().unwrap_or_else(|e| panic!("{e}"));
        let t = txn.open_table(META).unwrap_or_else(|e| panic!("{e}"));
        read_segs(&t).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Every postings row: (term, segment, ids).
    fn rows(store: &DiskStore) -> Vec<(String, u32, Vec<u32>)> {
        let txn = store.db.begin_read().unwrap_or_else(|e| panic!("{e}"));
        let t = txn.open_table(POSTINGS).unwrap_or_else(|e| panic!("{e}"));
        let mut out = Vec::new();
        for row in t.iter().unwrap_or_else(|e| panic!("{e}")) {
            let (k, v) = row.unwrap_or_else(|e| panic!("{e}"));
            let (term, seg) = k.value();
            let ids = v
                .value()
                .chunks_exact(POSTING)
                .map(|p| u32_at(p, 0))
                .collect();
            out.push((term.to_string(), seg, ids));
        }
        out
    }

    /// Updates `store` with the files of `paths` and opens its corpus.
    fn reopen(store: &DiskStore, paths: &[PathBuf]) -> Corpus {
        update_and_open(store, paths, &mut LoadReport::default())
    }

    /// Fourteen documents in a folder, sharing words so that terms have postings in many batches.
    fn many(dir: &Path) {
        corpus(dir);
        for i in 0..11 {
            put(
                dir,
                &format!("n{i:02}.md"),
                &doc(
                    if i % 2 == 0 { "Hafenkurier" } else { "Nordwelle" },
                    &format!("2026-03-{:02}", i + 1),
                    &format!(
                        "Laut Feuerwehr wurden {} Menschen verletzt. Die Brücke bleibt bis Freitag gesperrt. Der Hafen meldet {} Schiffe.",
                        10 + i,
                        40 + i
                    ),
                ),
            );
        }
    }

    #[test]
    fn a_merged_store_equals_an_unmerged_one_and_memory_through_updates() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path().join("corpus");
        many(&dir);
        let paths = [dir.clone()];
        let open = |name: &str, merge: bool| {
            let (mut s, _) = DiskStore::open(&tmp.path().join(name), &paths, None)
                .unwrap_or_else(|e| panic!("{e}"));
            s.hooks.batch = 2;
            s.no_merge = !merge;
            s
        };
        let merged = open("merged", true);
        let unmerged = open("unmerged", false);
        let m = reopen(&merged, &paths);
        let u = reopen(&unmerged, &paths);
        // Eight batches: the unmerged store has eight segments, the merged one a single one,
        // every term one row.
        assert_eq!(segments(&unmerged).len(), 8);
        assert_eq!(segments(&merged).len(), 1, "{:?}", segments(&merged));
        let r = rows(&merged);
        assert!(r.windows(2).all(|w| w[0].0 != w[1].0));
        assert!(rows(&unmerged).len() > r.len());
        let (memory, _) = load::load(&paths, &LoadOptions::default());
        assert_same(&m, &u);
        assert_same(&m, &memory);
        drop((m, u, memory));
        // Rounds of changes: one file changed, then one added, then one removed, then most
        // changed (a quarter removed: everything is merged again).
        let changes: [&dyn Fn(); 4] = [
            &|| {
                put(
                    &dir,
                    "n03.md",
                    &doc("Nordwelle", "2026-03-03", "Die Brücke ist wieder offen."),
                )
            },
            &|| {
                put(
                    &dir,
                    "n20.md",
                    &doc(
                        "Hafenkurier",
                        "2026-03-09",
                        "Laut Polizei wurden 9 Menschen verletzt.",
                    ),
                )
            },
            &|| {
                let _ = std::fs::remove_file(dir.join("n05.md"));
            },
            &|| {
                for i in [0, 1, 2, 4, 6, 7, 8] {
                    put(
                        &dir,
                        &format!("n{i:02}.md"),
                        &doc(
                            "Nordwelle",
                            "2026-03-05",
                            &format!("Der Hafen meldet {i} Schiffe."),
                        ),
                    );
                }
            },
        ];
        let mut merges = 0;
        for (round, change) in changes.iter().enumerate() {
            change();
            let before = segments(&merged).len();
            let m = reopen(&merged, &paths);
            let u = reopen(&unmerged, &paths);
            let (memory, _) = load::load(&paths, &LoadOptions::default());
            assert_same(&m, &u);
            assert_same(&m, &memory);
            let after = segments(&merged);
            merges += usize::from(after.len() <= before);
            // A merge leaves no postings of removed documents behind.
            if after.len() == 1 {
                let snap_ids: usize = rows(&merged).iter().map(|(_, _, ids)| ids.len()).sum();
                let fresh =
                    DiskStore::open(&tmp.path().join(format!("fresh{round}")), &paths, None)
                        .unwrap_or_else(|e| panic!("{e}"))
                        .0;
                drop(reopen(&fresh, &paths));
                let fresh_ids: usize = rows(&fresh).iter().map(|(_, _, ids)| ids.len()).sum();
                assert_eq!(
                    snap_ids, fresh_ids,
                    "round {round}: postings of removed documents kept"
                );
            }
        }
        assert!(merges >= 2, "{merges} merges");
        assert_eq!(segments(&merged).len(), 1, "{:?}", segments(&merged));
    }

    #[test]
    fn path_keys_are_normalised_paths() {
        for p in [
            "/a/b/c.md",
            "/a/./b/c.md",
            "/a/x/../b/c.md",
            "/a//b/c.md",
            "/a/b/",
            "/",
            "a/b.md",
            "./a/../b.md",
            "/a/b/..",
            "/a/.b/c.md",
        ] {
            let want = crate::workspace::normalize(Path::new(p));
            assert_eq!(
                path_key(Path::new(p)),
                want.as_os_str().as_encoded_bytes(),
                "{p}"
            );
        }
    }

    #[test]
    fn merge_plan_merges_equal_batches_and_keeps_a_large_segment() {
        let seg = |id, docs, dead| Seg { id, docs, dead };
        assert_eq!(merge_plan(&[seg(0, 1000, 0)]), None);
        let bulk: Vec<Seg> = (0..100).map(|i| seg(i, 1000, 0)).collect();
        assert_eq!(merge_plan(&bulk), Some(0));
        assert_eq!(merge_plan(&[seg(0, 100_000, 0), seg(1, 1, 0)]), None);
        assert_eq!(
            merge_plan(&[seg(0, 100_000, 1), seg(1, 1, 0), seg(2, 1, 0)]),
            Some(1)
        );
        assert_eq!(merge_plan(&[seg(0, 100_000, 30_000)]), Some(0));
        let mut segs = [seg(0, 10, 0), seg(4, 5, 0), seg(9, 1, 0)];
        assert_eq!(owner(&mut segs, 6).map(|s| s.id), Some(4));
        assert_eq!(owner(&mut segs, 0).map(|s| s.id), Some(0));
        assert_eq!(owner(&mut segs, 12).map(|s| s.id), Some(9));
    }

    #[test]
    fn an_unchanged_folder_is_listed_without_a_walk_and_changes_are_seen() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path().join("corpus");
        corpus(&dir);
        let _ = std::fs::create_dir_all(dir.join("sub"));
        put(
            &dir.join("sub"),
            "s.md",
            &doc("Nordwelle", "2026-03-06", "Die Fähre fährt wieder."),
        );
        let paths = [dir.clone()];
        let (mut store, _) = DiskStore::open(&tmp.path().join("cache"), &paths, None)
            .unwrap_or_else(|e| panic!("{e}"));
        store.racy_ns = 0;
        let listed = |store: &DiskStore| {
            let mut r = LoadReport::default();
            let (fs, reused) = store.resolve_listed(&paths, &mut r);
            assert_eq!(fs, files(&paths));
            reused
        };
        assert!(!listed(&store));
        assert!(listed(&store));
        drop(reopen(&store, &paths));
        // Changed in place: the folder is not walked, the file is read again.
        let _ = std::fs::OpenOptions::new()
            .append(true)
            .open(dir.join("a.md"))
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"Die Feuerwehr zog ab.\n"));
        assert!(listed(&store));
        let c = reopen(&store, &paths);
        assert!(c.docs[0].doc.text.contains("zog ab"));
        drop(c);
        // A file added to, or removed from, a folder below the root: walked again.
        put(
            &dir.join("sub"),
            "t.md",
            &doc("Nordwelle", "2026-03-07", "Neu."),
        );
        assert!(!listed(&store));
        assert!(listed(&store));
        let _ = std::fs::remove_file(dir.join("sub").join("s.md"));
        assert!(!listed(&store));
        // A folder changed just before the walk: its listing is not kept.
        store.racy_ns = RACY_NS;
        put(&dir, "z.md", &doc("Nordwelle", "2026-03-08", "Jetzt."));
        assert!(!listed(&store));
        assert!(!listed(&store));
        // Another set of roots is walked.
        store.racy_ns = 0;
        assert!(!listed(&store));
        assert!(listed(&store));
        let other = [dir.join("sub")];
        let mut r = LoadReport::default();
        let (fs, reused) = store.resolve_listed(&other, &mut r);
        assert!(!reused);
        assert_eq!(fs, files(&other));
    }
}
