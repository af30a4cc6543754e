//! Where evidence from a converted source (web page, wire copy, feed; `corpus::readers`) stands in
//! the original file. The engine's offsets are into the converted Markdown, which the editor never
//! sees; a location in the original file is found by the excerpt's first words (whitespace and
//! markup between words allowed), else the file's start. PDF and DOCX have no text to point into:
//! their start. Results are cached per file version and excerpt.

use crate::text::line_index::{LineCol, LineIndex};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

type Key = (PathBuf, u64, Option<SystemTime>, String);

static CACHE: Mutex<Option<HashMap<Key, (LineCol, LineCol)>>> = Mutex::new(None);

/// Largest original file searched.
const MAX_BYTES: u64 = 8 * 1024 * 1024;

fn start() -> LineCol {
    LineCol {
        line: 1,
        col_utf16: 1,
        col_char: 1,
        col_byte: 1,
    }
}

/// The start and end of `excerpt` in the original file at `path`, when `path` is a source
/// converted by a reader; `None` for Markdown and text (their offsets are the file's own).
pub fn locate(path: &Path, excerpt: &str) -> Option<(LineCol, LineCol)> {
    if !crate::corpus::readers::has_source_extension(path) {
        return None;
    }
    let meta = std::fs::metadata(path).ok();
    let key: Key = (
        path.to_path_buf(),
        meta.as_ref().map_or(0, |m| m.len()),
        meta.as_ref().and_then(|m| m.modified().ok()),
        excerpt.to_string(),
    );
    if let Ok(cache) = CACHE.lock() {
        if let Some(hit) = cache.as_ref().and_then(|c| c.get(&key)) {
            return Some(*hit);
        }
    }
    let found = search(path, excerpt, key.1).unwrap_or_else(|| (start(), start()));
    if let Ok(mut cache) = CACHE.lock() {
        let c = cache.get_or_insert_with(HashMap::new);
        if c.len() > 10_000 {
            c.clear();
        }
        c.insert(key, found);
    }
    Some(found)
}

fn search(path: &Path, excerpt: &str, len: u64) -> Option<(LineCol, LineCol)> {
    if len > MAX_BYTES {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let words: Vec<&str> = excerpt
        .split_whitespace()
        .map(|w| w.trim_matches('…'))
        .filter(|w| !w.is_empty())
        .collect();
    // The longest run of the first words (at most 8, at least 3) found in the original.
    for n in (3..=words.len().min(8)).rev() {
        let pattern = words[..n]
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join(r"(?:\s|<[^>]{0,200}>)+");
        let Ok(re) = regex::Regex::new(&pattern) else {
            continue;
        };
        if let Some(m) = re.find(&text) {
            let lines = LineIndex::new(&text);
            return Some((
                lines.line_col(&text, m.start()),
                lines.line_col(&text, m.end()),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_excerpt_in_a_web_page() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("page.html");
        let _ = std::fs::write(
            &p,
            "<html>\n<body>\n<p>Intro.</p>\n<p>Nach Angaben der <b>Behörde</b> fahren\n täglich 68.000 Fahrzeuge.</p>",
        );
        let (s, _) = locate(
            &p,
            "Nach Angaben der Behörde fahren täglich 68.000 Fahrzeuge.",
        )
        .unwrap_or_else(|| (start(), start()));
        assert_eq!((s.line, s.col_char), (4, 4));
        let (s, _) = locate(&p, "Nichts davon steht dort.").unwrap_or_else(|| (start(), start()));
        assert_eq!(s.line, 1);
        assert!(locate(Path::new("a.md"), "x").is_none());
    }
}
