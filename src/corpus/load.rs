//! Reading corpus folders: which files, which are skipped and why, and how a source is named.

use crate::corpus::{Corpus, CorpusDoc};
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
    pub skipped: Vec<Skipped>,
}

/// Options for loading a corpus.
#[derive(Default)]
pub struct LoadOptions<'a> {
    /// Language of documents that name none in their front matter; `None` detects it.
    pub lang: Option<Lang>,
    /// Called with (files done, files total) while reading.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

fn is_corpus_file(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("md" | "markdown" | "txt" | "text")
    )
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

/// Loads the corpus from folders, files and globs. Never fails: unreadable files are skipped and reported.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> (Corpus, LoadReport) {
    let mut report = LoadReport::default();
    let files = resolve(paths, &mut report);
    let mut docs = Vec::with_capacity(files.len());
    for (i, f) in files.iter().enumerate() {
        match read_text(f, MAX_FILE_BYTES) {
            Ok(text) if text.trim().is_empty() => report.skipped.push(Skipped {
                path: f.clone(),
                reason: "empty file".into(),
            }),
            Ok(text) => docs.push(read_document(f, &text, opts.lang)),
            Err(reason) => report.skipped.push(Skipped {
                path: f.clone(),
                reason,
            }),
        }
        if let Some(p) = opts.progress {
            p(i + 1, files.len());
        }
    }
    report.loaded = docs.len();
    (Corpus::from_docs(docs), report)
}

/// Parses and extracts one corpus document.
pub fn read_document(path: &Path, text: &str, lang: Option<Lang>) -> CorpusDoc {
    let doc = Document::parse(text, DocKind::from_path(Some(path)), lang);
    let facts = extract::extract(&doc);
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
        .or_else(|| doc.meta.title.clone())
        .unwrap_or_else(|| id.clone());
    let source = SourceRef {
        id,
        path: path.to_path_buf(),
        name,
        title: doc.meta.title.clone().or_else(|| {
            doc.sentences
                .first()
                .map(|s| s.span.slice(text).to_string())
        }),
        url: doc.meta.url.clone(),
        date: doc.meta.date.clone(),
    };
    let lines = LineIndex::new(text);
    CorpusDoc {
        source,
        doc,
        facts,
        lines,
    }
}

/// A trailing "(Quelle: X)", "(Quellen: X, Y)", "Source: X" note names the outlet.
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
}
