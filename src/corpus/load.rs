//! Reading corpus folders: which files, which are skipped and why, and how a source is named.

use crate::corpus::{cache, readers, Corpus, CorpusDoc};
use crate::extract;
use crate::finding::SourceRef;
use crate::lang::Lang;
use crate::text::{DocKind, Document, LineIndex};
use std::path::{Path, PathBuf};

/// Largest corpus file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 5 * 1024 * 1024;

/// A file that was not read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

/// What loading did.
#[derive(Clone, Debug, Default)]
pub struct LoadReport {
    pub loaded: usize,
    /// Documents taken from the persisted cache instead of being analysed again.
    pub from_cache: usize,
    pub skipped: Vec<Skipped>,
    /// Notes about the cache (discarded as corrupt, could not be written).
    pub notes: Vec<String>,
}

/// Options for loading a corpus.
#[derive(Default)]
pub struct LoadOptions<'a> {
    /// Language of documents that name none in their front matter; `None` detects it.
    pub lang: Option<Lang>,
    /// Called with (files done, files total) while reading.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
    /// Where the persisted cache lives; `None` disables it.
    pub cache_dir: Option<PathBuf>,
}

fn is_corpus_file(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("md" | "markdown" | "txt" | "text")
    ) || readers::has_source_extension(p)
}

/// Expands folders, files and globs into the list of corpus files; missing paths are reported.
pub fn resolve(paths: &[PathBuf], report: &mut LoadReport) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for p in paths {
        let s = p.to_string_lossy();
        if s.contains(['*', '?', '[']) {
            match glob::glob(&s) {
                Ok(entries) => {
                    let mut any = false;
                    for e in entries.flatten() {
                        any = true;
                        if e.is_dir() {
                            walk(&e, &mut files);
                        } else if e.is_file() {
                            files.push(e);
                        }
                    }
                    if !any {
                        report.skipped.push(Skipped {
                            path: p.clone(),
                            reason: "the pattern matches no file".into(),
                        });
                    }
                }
                Err(e) => report.skipped.push(Skipped {
                    path: p.clone(),
                    reason: format!("invalid pattern: {e}"),
                }),
            }
        } else if p.is_dir() {
            walk(p, &mut files);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            report.skipped.push(Skipped {
                path: p.clone(),
                reason: "no such file or folder".into(),
            });
        }
    }
    files.sort();
    files.dedup();
    files
}

/// For corpus paths that are all folders (no file, no pattern): the files `resolve` gives, and
/// every folder the walk read. `None` when a path is not a folder, or the walk met an error or a
/// symbolic link (what those list can change without any folder of the corpus changing).
pub fn resolve_folders(paths: &[PathBuf]) -> Option<(Vec<PathBuf>, Vec<PathBuf>)> {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for p in paths {
        if p.to_string_lossy().contains(['*', '?', '[']) || !p.is_dir() {
            return None;
        }
        for e in walkdir::WalkDir::new(p)
            .follow_links(true)
            .sort_by_file_name()
        {
            let e = e.ok()?;
            if e.path_is_symlink() {
                return None;
            }
            if e.file_type().is_dir() {
                dirs.push(e.path().to_path_buf());
            }
            let name = e.file_name().to_string_lossy();
            if name.starts_with('.') && e.depth() > 0 {
                continue;
            }
            if e.file_type().is_file() && is_corpus_file(e.path()) {
                files.push(e.into_path());
            }
        }
    }
    files.sort();
    files.dedup();
    Some((files, dirs))
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    for e in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let name = e.file_name().to_string_lossy();
        if name.starts_with('.') && e.depth() > 0 {
            continue;
        }
        if e.file_type().is_file() && is_corpus_file(e.path()) {
            files.push(e.into_path());
        }
    }
}

/// Reads a file as UTF-8 text, refusing binary, huge and non-UTF-8 files with a reason.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > max_bytes {
        return Err(format!(
            "too large ({} bytes; the limit is {max_bytes})",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err("binary file".into());
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The texts of a corpus file: a Markdown or text file as it is; a source in another format
/// (web page, wire copy, feed, PDF, DOCX) as one Markdown text per item (`corpus::readers`).
fn read_items(path: &Path) -> Result<Vec<String>, String> {
    match readers::corpus_texts(path, MAX_FILE_BYTES) {
        None => read_text(path, MAX_FILE_BYTES).map(|t| vec![t]),
        Some(texts) => texts,
    }
}

/// The number of worker threads for corpus work.
pub(crate) fn workers() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// `f` of every item on `threads` threads, handed out one at a time (sizes vary a lot), as
/// `(index, result)` in no particular order. A worker that panics loses its results: callers
/// name what is missing.
pub(crate) fn on_all_cores<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<(usize, R)> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    })
}

/// [`read_items`] of every file, in file order; on all cores when converting sources from other
/// formats is part of it (a web page takes milliseconds, a Markdown file microseconds).
pub(crate) fn read_all(files: &[PathBuf]) -> Vec<Result<Vec<String>, String>> {
    let threads = workers();
    let converted = files
        .iter()
        .filter(|f| readers::has_source_extension(f))
        .count();
    if threads == 1 || converted < 2 {
        return files.iter().map(|f| read_items(f)).collect();
    }
    let mut done = on_all_cores(files, threads, |f| read_items(f));
    done.sort_by_key(|(i, _)| *i);
    // A worker that died (a bug) leaves its files out: they are named, not lost silently.
    let mut out: Vec<Result<Vec<String>, String>> = Vec::with_capacity(files.len());
    let mut it = done.into_iter().peekable();
    for i in 0..files.len() {
        match it.peek() {
            Some((j, _)) if *j == i => {
                if let Some((_, r)) = it.next() {
                    out.push(r);
                }
            }
            _ => out.push(Err(
                "factlint failed on this file (internal error; please report it)".into(),
            )),
        }
    }
    out
}

/// Loads the corpus from folders, files and globs. Never fails: unreadable files are skipped and
/// reported. Documents whose content is in the cache are not analysed again.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> (Corpus, LoadReport) {
    let mut report = LoadReport::default();
    let files = resolve(paths, &mut report);
    let mut cache = opts
        .cache_dir
        .as_deref()
        .map(|d| cache::Cache::open(d, paths));
    if let Some(reason) = cache.as_ref().and_then(|c| c.discarded.clone()) {
        report.notes.push(format!("corpus cache rebuilt: {reason}"));
    }
    // Read every file and take what the cache has; documents to analyse wait in `todo`.
    let mut slots: Vec<Option<CorpusDoc>> = Vec::with_capacity(files.len());
    let mut todo: Vec<(usize, &Path, String, String)> = Vec::new();
    // For each slot: its item number when its file holds several items (a feed, a NewsML message).
    let mut item_of_slot: Vec<Option<usize>> = Vec::with_capacity(files.len());
    let read = read_all(&files);
    for ((i, f), items) in files.iter().enumerate().zip(read) {
        match items {
            Ok(texts) if texts.len() == 1 && texts[0].trim().is_empty() => {
                report.skipped.push(Skipped {
                    path: f.clone(),
                    reason: "empty file".into(),
                })
            }
            Ok(texts) => {
                let several = texts.len() > 1;
                for (n, text) in texts.into_iter().enumerate() {
                    item_of_slot.push(several.then_some(n + 1));
                    let key = cache::key(&text, opts.lang);
                    match cache.as_mut().and_then(|c| c.take(&key)) {
                        Some(entry) if entry.doc.text == text => {
                            report.from_cache += 1;
                            slots.push(Some(from_entry(f, key, entry)));
                        }
                        _ => {
                            todo.push((slots.len(), f.as_path(), text, key));
                            slots.push(None);
                        }
                    }
                }
            }
            Err(reason) => report.skipped.push(Skipped {
                path: f.clone(),
                reason,
            }),
        }
        if let Some(p) = opts.progress {
            // Counted in documents; a file with several items adds to the total.
            let total = files.len().max(slots.len() + files.len() - i - 1);
            p(slots.len() - todo.len(), total);
        }
    }
    let total = slots.len();
    let ready = total - todo.len();
    for (slot, doc) in analyse_all(todo, opts, ready, total) {
        match doc {
            Ok(doc) => slots[slot] = Some(doc),
            Err(skipped) => report.skipped.push(skipped),
        }
    }
    let docs: Vec<CorpusDoc> = slots
        .into_iter()
        .zip(item_of_slot)
        .filter_map(|(doc, item)| {
            let mut doc = doc?;
            if let Some(n) = item {
                doc.source.id = format!("{}#{n}", doc.source.id);
            }
            Some(doc)
        })
        .collect();
    report.loaded = docs.len();
    if let Some(c) = &cache {
        if report.from_cache < docs.len() || c.discarded.is_some() || !c.is_empty() {
            let entries = docs
                .iter()
                .map(|d| {
                    (
                        d.key.as_str(),
                        cache::EntryRef {
                            doc: &d.doc,
                            facts: &d.facts,
                            terms: &d.terms,
                        },
                    )
                })
                .collect();
            if let Err(e) = c.save(entries) {
                report.notes.push(format!(
                    "corpus cache not written to {}: {e}",
                    c.path().display()
                ));
            }
        }
    }
    (Corpus::from_docs(docs), report)
}

/// Documents analysed at once in parallel only above this many (threads cost more for a few).
const PARALLEL_MIN: usize = 32;

/// Parses and extracts the documents in `todo` (slot, path, text, cache key) on all cores,
/// reporting progress from `ready` of `total` files on. A document whose analysis panics (a bug)
/// comes back as `Err` with the reason, to be skipped and named, not to end the run.
fn analyse_all(
    todo: Vec<(usize, &Path, String, String)>,
    opts: &LoadOptions,
    ready: usize,
    total: usize,
) -> Vec<(usize, Result<CorpusDoc, Skipped>)> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = workers();
    let done = AtomicUsize::new(ready);
    let one = |(slot, path, text, key): &(usize, &Path, String, String)| {
        let doc = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            read_document_keyed(path, text, opts.lang, key.clone())
        }))
        .map_err(|_| Skipped {
            path: path.to_path_buf(),
            reason: "factlint failed on this document (internal error; please report it)".into(),
        });
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(p) = opts.progress {
            p(n, total);
        }
        (*slot, doc)
    };
    if threads == 1 || todo.len() < PARALLEL_MIN {
        return todo.iter().map(one).collect();
    }
    on_all_cores(&todo, threads, one)
        .into_iter()
        .map(|(_, r)| r)
        .collect()
}

/// Parses and extracts one corpus document.
pub fn read_document(path: &Path, text: &str, lang: Option<Lang>) -> CorpusDoc {
    read_document_keyed(path, text, lang, cache::key(text, lang))
}

pub(crate) fn read_document_keyed(
    path: &Path,
    text: &str,
    lang: Option<Lang>,
    key: String,
) -> CorpusDoc {
    let doc = Document::parse(text, DocKind::from_path(Some(path)), lang);
    let facts = extract::extract(&doc);
    let blanked = extract::term_text(&doc, &facts);
    let terms = doc
        .sentences
        .iter()
        .map(|s| extract::sentence_terms(&doc, &blanked, s))
        .collect();
    from_entry(path, key, cache::Entry { doc, facts, terms })
}

/// Builds a corpus document from its analysis; the source is named from the path and metadata.
pub(crate) fn from_entry(path: &Path, key: String, entry: cache::Entry) -> CorpusDoc {
    let cache::Entry { doc, facts, terms } = entry;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let id = file_name
        .split('.')
        .next()
        .unwrap_or(&file_name)
        .to_string();
    let name = doc
        .meta
        .source
        .clone()
        .or_else(|| source_note(&doc))
        .or_else(|| dateline_source(&doc))
        .or_else(|| doc.meta.title.clone())
        .unwrap_or_else(|| id.clone());
    let title = doc.meta.title.clone().or_else(|| {
        doc.sentences
            .first()
            .map(|s| s.span.slice(&doc.text).to_string())
    });
    let source = SourceRef {
        id,
        path: path.to_path_buf(),
        name,
        title,
        url: doc.meta.url.clone(),
        date: doc.meta.date.clone().or_else(|| dateline(&doc, &facts)),
    };
    let lines = LineIndex::new(&doc.text);
    CorpusDoc {
        source,
        doc,
        facts,
        lines,
        terms,
        key,
    }
}

/// A file's size and modification time (nanoseconds since 1970, 0 where unknown): what tells
/// a changed file from an unchanged one without reading it.
pub fn stamp_of(m: &std::fs::Metadata) -> (u64, u64) {
    let t = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
    (m.len(), t)
}

/// [`stamp_of`] the file at `path`, if it can be read.
pub fn stamp(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|m| stamp_of(&m))
}

/// A trailing "(Quelle: X)", "(Quellen: X, Y)", "Source: X" note names the outlet.
/// Paragraphs from the start of a document within which a dateline's credit names its source.
const DATELINE_CREDIT_BLOCKS: usize = 4;

/// The agency a wire's dateline credits ("Marlenbach (mna) - …", "PORT ALDEN (NWS) — …"):
/// what a plain-text wire without a `source` field is.
fn dateline_source(doc: &Document) -> Option<String> {
    doc.blocks
        .iter()
        .take(DATELINE_CREDIT_BLOCKS)
        .find_map(|b| {
            let p = b.span.slice(&doc.text).trim_start();
            // The dateline's place: a few capitalised words ("Berlin/München", "PORT ALDEN").
            let place = p.split('(').next().unwrap_or("");
            let words: Vec<&str> = place.split([' ', '/']).filter(|w| !w.is_empty()).collect();
            let placed = !words.is_empty()
                && words.len() <= 4
                && words.iter().all(|w| w.starts_with(char::is_uppercase));
            placed
                .then(|| crate::corpus::readers::iptc7901::dateline_credit(p))
                .flatten()
        })
}

fn source_note(doc: &Document) -> Option<String> {
    let last = doc.sentences.iter().rev().take(3);
    for s in last {
        let t = s
            .span
            .slice(&doc.text)
            .trim()
            .trim_start_matches('(')
            .trim_end_matches([')', '.']);
        let lower = t.to_lowercase();
        for key in ["quellen:", "quelle:", "sources:", "source:"] {
            if let Some(rest) = lower.strip_prefix(key) {
                let start = t.len() - rest.len();
                let names = t[start..].trim();
                let first = names.split([',', ';', '/']).next().unwrap_or(names).trim();
                if !first.is_empty() && first.len() < 60 {
                    return Some(first.to_string());
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_name_from_front_matter_note_or_file() {
        let d = read_document(
            Path::new("a/wire-1.md"),
            "---\nsource: Harbor Ledger\n---\nText.",
            Some(Lang::En),
        );
        assert_eq!(d.source.name, "Harbor Ledger");
        assert_eq!(d.source.id, "wire-1");
        let d = read_document(
            Path::new("b/000_abc.txt"),
            "Ein Text.\n(Quellen: Welt, FoxNews)",
            Some(Lang::De),
        );
        assert_eq!(d.source.name, "Welt");
        let d = read_document(
            Path::new("c/003.txt"),
            "Nur Text ohne Angabe.",
            Some(Lang::De),
        );
        assert_eq!(d.source.name, "003");
    }

    /// Loading many documents (in parallel) keeps the files' order and gives each document what
    /// reading it alone gives; progress reaches the total.
    #[test]
    fn parallel_loading_keeps_order_and_results() {
        let dir = std::env::temp_dir().join(format!("factlint-par-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::create_dir_all(&dir);
        let n = PARALLEL_MIN * 3;
        for i in 0..n {
            let text = format!(
                "---\nsource: Bote {i}\n---\nIn Ort {i} kamen etwa {} Menschen, sagte Jana Holm.\n",
                i * 10 + 5
            );
            let _ = std::fs::write(dir.join(format!("doc-{i:03}.md")), text);
        }
        let last = std::sync::atomic::AtomicUsize::new(0);
        let progress = |done: usize, total: usize| {
            assert!(done <= total);
            last.fetch_max(done, std::sync::atomic::Ordering::Relaxed);
        };
        let opts = LoadOptions {
            lang: None,
            progress: Some(&progress),
            cache_dir: None,
        };
        let (corpus, report) = load(std::slice::from_ref(&dir), &opts);
        assert_eq!(report.loaded, n);
        assert_eq!(last.into_inner(), n);
        for (i, d) in corpus.docs.iter().enumerate() {
            let path = dir.join(format!("doc-{i:03}.md"));
            assert_eq!(d.source.path, path);
            let alone = read_document(&path, &d.doc.text, None);
            assert_eq!(d.facts.quantities, alone.facts.quantities);
            assert_eq!(d.terms, alone.terms);
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn bad_files_are_skipped_with_reasons() {
        let dir = std::env::temp_dir().join(format!("factlint-load-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let _ = std::fs::write(dir.join("ok.md"), "Die Brücke ist gesperrt.");
        let _ = std::fs::write(dir.join("bin.md"), [0u8, 159, 146, 150]);
        let _ = std::fs::write(
            dir.join("latin1.txt"),
            [0x4du8, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e],
        );
        let _ = std::fs::write(dir.join("empty.txt"), "");
        let (corpus, report) = load(&[dir.clone(), dir.join("missing")], &LoadOptions::default());
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(corpus.docs.len(), 1);
        let reasons: Vec<&str> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(report.skipped.len(), 4, "{reasons:?}");
        assert!(reasons.iter().any(|r| r.contains("binary")));
        assert!(reasons.iter().any(|r| r.contains("UTF-8")));
        assert!(reasons.iter().any(|r| r.contains("empty")));
        assert!(reasons.iter().any(|r| r.contains("no such")));
    }

    #[test]
    fn cache_is_used_and_rebuilt_when_corrupt_or_stale() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let corpus = dir.path().join("corpus");
        let cache = dir.path().join("cache");
        let _ = std::fs::create_dir_all(&corpus);
        let _ = std::fs::write(
            corpus.join("a.md"),
            "Laut Feuerwehr wurden 14 Menschen verletzt.",
        );
        let _ = std::fs::write(
            corpus.join("b.md"),
            "About 68,000 vehicles cross the bridge every day.",
        );
        let opts = LoadOptions {
            cache_dir: Some(cache.clone()),
            ..LoadOptions::default()
        };
        let paths = [corpus.clone()];
        let (first, r1) = load(&paths, &opts);
        assert_eq!((r1.loaded, r1.from_cache), (2, 0));
        let (second, r2) = load(&paths, &opts);
        assert_eq!((r2.loaded, r2.from_cache), (2, 2));
        assert_eq!(
            first.docs[1].facts.quantities,
            second.docs[1].facts.quantities
        );
        assert_eq!(first.docs[0].terms, second.docs[0].terms);
        // A changed file is analysed again; the others still come from the cache.
        let _ = std::fs::write(
            corpus.join("b.md"),
            "About 70,000 vehicles cross the bridge every day.",
        );
        let (third, r3) = load(&paths, &opts);
        assert_eq!(r3.from_cache, 1);
        assert!(third.docs[1].doc.text.contains("70,000"));
        // A corrupt cache is rebuilt, with a note, never trusted.
        for e in std::fs::read_dir(&cache).into_iter().flatten().flatten() {
            let _ = std::fs::write(e.path(), b"not a cache");
        }
        let (_, r4) = load(&paths, &opts);
        assert_eq!(r4.from_cache, 0);
        assert!(
            r4.notes.iter().any(|n| n.contains("corrupt")),
            "{:?}",
            r4.notes
        );
        let (_, r5) = load(&paths, &opts);
        assert_eq!(r5.from_cache, 2);
    }
}

/// Bytes from the start of a document's body within which a date is its dateline.
const DATELINE_BYTES: usize = 300;
/// Lines from the start of a document's body within which a date is its dateline.
const DATELINE_LINES: usize = 3;

/// The date a document without a `date` field gives in its first lines, as `YYYY-MM-DD`: a
/// dateline ("WASHINGTON, Nov. 2, 2021 (AP) —"), a release's or certificate's date line
/// ("Certified Results – Municipal General Election, November 2, 2021"). Only a full date of
/// one day counts.
fn dateline(doc: &Document, facts: &extract::Facts) -> Option<String> {
    let body = doc.sentences.first()?.span.start;
    let rest = doc.text.get(body..)?;
    let mut end = body + rest.len().min(DATELINE_BYTES);
    let mut lines = 0;
    for (i, c) in rest.char_indices() {
        if c == '\n' && rest.get(..i).is_some_and(|r| !r.trim().is_empty()) {
            lines += 1;
            if lines == DATELINE_LINES {
                end = end.min(body + i);
                break;
            }
        }
    }
    // A stamp or a dateline is no figure of the story (`facts` leaves it out), but it dates
    // the document: read the first lines' sentences with their stamps.
    let q = doc
        .sentences
        .iter()
        .take_while(|s| s.span.start < end)
        .flat_map(|s| {
            extract::quantity::stamp_dates(&doc.masked, s.span, doc.lang)
                .into_iter()
                .chain(
                    facts
                        .quantities
                        .iter()
                        .filter(|q| s.span.contains(q.span))
                        .cloned(),
                )
        })
        .find(|q| {
            q.dimension == extract::Dimension::Date
                && q.unit.as_deref() == Some("date")
                && q.low == q.high
                && q.span.start >= body
                && q.span.end <= end
        })?;
    let (y, m, d) = extract::date_from_days(q.low as i64);
    (1000..=9999)
        .contains(&y)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod dateline_tests {
    use super::*;

    /// A document without a date field is dated by a full date in its first lines, not by
    /// one further down or one without a day.
    #[test]
    fn a_dateline_dates_an_undated_document() {
        let date = |text: &str| {
            read_document(Path::new("x.txt"), text, Some(Lang::En))
                .source
                .date
        };
        assert_eq!(
            date("BOARD OF ELECTIONS\nCertified Results - General Election, November 2, 2021\n\nJim Harlan 40,739 votes\n").as_deref(),
            Some("2021-11-02")
        );
        assert_eq!(
            date("Results\n\nJim Harlan drew 40,739 votes.\nMore text.\nEven more.\nThe count ended on November 2, 2021.\n"),
            None
        );
        assert_eq!(
            date("Results for November 2021\n\nJim Harlan drew 40,739 votes.\n"),
            None
        );
        assert_eq!(
            date("---\ndate: 2024-06-09\n---\nOn November 2, 2021, it rained.\n").as_deref(),
            Some("2024-06-09")
        );
        // A wire's or a release's header line that is only its sender and a stamp, which is
        // no figure of the story, still dates it.
        let de = |text: &str| {
            read_document(Path::new("x.txt"), text, Some(Lang::De))
                .source
                .date
        };
        assert_eq!(
            de("Nachrichtenagentur mna – Landesdienst\nZusammenfassung, Donnerstag, 15. Januar 2026, 9.12 Uhr\n\nMarlenbach (mna) - Seit Donnerstagmorgen haben alle Haushalte wieder Strom.\n").as_deref(),
            Some("2026-01-15")
        );
        assert_eq!(
            de("Landratsamt Grevenau\nPressemitteilung Nr. 7/2026 – Mittwoch, 14. Januar 2026, 9.00 Uhr\n\nDer Führungsstab tagte.\n").as_deref(),
            Some("2026-01-14")
        );
    }

    /// A plain-text wire without a `source` field is named by its dateline's credit.
    #[test]
    fn a_datelines_credit_names_a_plain_wire() {
        let name = |text: &str, lang: Lang| {
            read_document(Path::new("wire-7.txt"), text, Some(lang))
                .source
                .name
        };
        assert_eq!(
            name(
                "Stromausfall im Landkreis\n\nMarlenbach (mna) - Der Strom fiel aus.\n",
                Lang::De
            ),
            "mna"
        );
        assert_eq!(
            name(
                "Limo breaks record\n\nPORT ALDEN (NWS) — Joseph Limo won.\n",
                Lang::En
            ),
            "NWS"
        );
        assert_eq!(
            name(
                "Limo breaks record\n\nJoseph Limo won (again) - a record.\n",
                Lang::En
            ),
            "wire-7"
        );
    }
}
