//! Readers for sources as a newsroom receives them: saved web pages, agency copy (NewsML-G2,
//! NewsML 1.2, NITF, ninjs, dpa digitalwires, IPTC 7901), feeds (RSS, Atom, JSON Feed), PDF and
//! DOCX. Each reader turns a file into [`Item`]s — title, source (outlet or agency), URL, date,
//! language and prose paragraphs — and [`Item::to_markdown`] turns an item into the Markdown with
//! front matter that the rest of the engine reads, so a converted source is analysed exactly like
//! a Markdown source with the same text. Offsets of evidence point into that converted text, not
//! into the original file.
//!
//! Formats are recognised by content first, then by extension ([`detect`]). No reader panics on
//! any input: malformed files are errors with a reason, and [`read_bytes`] also catches a panic
//! in a third-party parser and reports it as a reason.

pub mod digitalwires;
pub mod docx;
pub mod feed;
pub mod html;
pub mod iptc7901;
pub mod newsml;
pub mod ninjs;
pub mod nitf;
pub mod pdf;
pub mod tree;

use std::path::Path;

/// Largest file converted by a reader (PDF and DOCX may be larger than text sources).
pub const MAX_SOURCE_BYTES: u64 = 50 * 1024 * 1024;

/// One source document read from a file (a feed or a NewsML message may hold several).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Item {
    pub title: Option<String>,
    /// The outlet or agency.
    pub source: Option<String>,
    pub url: Option<String>,
    /// ISO 8601 date or date-time, as given where possible.
    pub date: Option<String>,
    pub lang: Option<String>,
    /// Prose paragraphs, in order.
    #[serde(skip)]
    pub paragraphs: Vec<String>,
    /// The text is only a summary (a feed item without its full content).
    #[serde(skip)]
    pub summary_only: bool,
}

/// The formats a reader exists for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown or plain text: read by the engine directly.
    Text,
    Html,
    NewsmlG2,
    Newsml1,
    Nitf,
    Ninjs,
    Digitalwires,
    Iptc7901,
    Feed,
    Pdf,
    Docx,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "HTML",
            Format::NewsmlG2 => "NewsML-G2",
            Format::Newsml1 => "NewsML 1.2",
            Format::Nitf => "NITF",
            Format::Ninjs => "ninjs",
            Format::Digitalwires => "dpa digitalwires",
            Format::Iptc7901 => "IPTC 7901",
            Format::Feed => "feed",
            Format::Pdf => "PDF",
            Format::Docx => "DOCX",
        }
    }
}

/// File extensions a corpus folder is searched for besides Markdown and text.
pub const SOURCE_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xml", "json", "rss", "atom", "pdf", "docx", "iptc", "nitf", "newsml",
    "7901",
];

/// Whether a file with this path is read as a source by its extension.
pub fn has_source_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| SOURCE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Recognises the format from the content, falling back to the extension. `None`: not a format
/// factlint reads.
pub fn detect(path: Option<&Path>, bytes: &[u8]) -> Option<Format> {
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF-") {
        return Some(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(Format::Docx);
    }
    let head = &bytes[..bytes.len().min(4096)];
    let head_text = String::from_utf8_lossy(head);
    let trimmed = head_text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('\u{1}') || (trimmed.contains('\u{2}') && head.contains(&b'\n')) {
        return Some(Format::Iptc7901);
    }
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        if let Some(f) = detect_json(bytes) {
            return Some(f);
        }
    }
    if trimmed.starts_with('<') {
        let lower = trimmed.to_ascii_lowercase();
        if let Some(root) = root_element(&lower) {
            match root.as_str() {
                "html" => return Some(Format::Html),
                "rss" | "feed" | "rdf" => return Some(Format::Feed),
                "newsmessage" | "newsitem" | "packageitem" | "knowledgeitem" => {
                    return Some(Format::NewsmlG2)
                }
                "newsml" => return Some(Format::Newsml1),
                "nitf" => return Some(Format::Nitf),
                _ => {}
            }
        }
        // Markdown may hold HTML; only a file that is not named Markdown or text is a page for
        // merely containing `<html`.
        let text_named = matches!(ext.as_str(), "md" | "markdown" | "txt" | "text");
        if !text_named && (lower.contains("<!doctype html") || lower.contains("<html")) {
            return Some(Format::Html);
        }
    }
    match ext.as_str() {
        "md" | "markdown" | "txt" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "rss" | "atom" => Some(Format::Feed),
        "pdf" => Some(Format::Pdf),
        "docx" => Some(Format::Docx),
        "iptc" | "7901" => Some(Format::Iptc7901),
        "nitf" => Some(Format::Nitf),
        "newsml" => Some(Format::NewsmlG2),
        _ => None,
    }
}

/// The name of the first element of an XML/HTML text (lower-case, prefix dropped).
fn root_element(lower: &str) -> Option<String> {
    let mut rest = lower;
    loop {
        let start = rest.find('<')?;
        rest = &rest[start + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            if let Some(body) = rest.strip_prefix("!--") {
                let end = body.find("-->")?;
                rest = &body[end + 3..];
            } else if rest.starts_with("!doctype html") {
                return Some("html".into());
            } else {
                let end = rest.find('>')?;
                rest = &rest[end + 1..];
            }
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
            .collect();
        return Some(name.rsplit(':').next().unwrap_or(&name).to_string());
    }
}

fn detect_json(bytes: &[u8]) -> Option<Format> {
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let o = v.as_object()?;
    if o.get("version")
        .and_then(|v| v.as_str())
        .is_some_and(|v| v.contains("jsonfeed.org"))
    {
        return Some(Format::Feed);
    }
    if o.contains_key("article_html")
        || o.get("format")
            .and_then(|v| v.as_str())
            .is_some_and(|f| f.starts_with("digitalwires"))
    {
        return Some(Format::Digitalwires);
    }
    if o.contains_key("headlines")
        || o.contains_key("bodies")
        || o.contains_key("body_html")
        || o.contains_key("body_text")
        || o.contains_key("headline") && (o.contains_key("uri") || o.contains_key("versioncreated"))
    {
        return Some(Format::Ninjs);
    }
    None
}

/// Reads the items of a source file of a known non-text format. Never panics: a parser that
/// panics is reported as a reason.
pub fn read_bytes(path: Option<&Path>, bytes: &[u8]) -> Result<(Format, Vec<Item>), String> {
    let format = detect(path, bytes).ok_or_else(|| "not a format factlint reads".to_string())?;
    let run = || read_format(format, path, bytes);
    let items = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
        .map_err(|_| format!("the {} reader failed on this file", format.name()))??;
    let items: Vec<Item> = items
        .into_iter()
        .map(finish)
        .filter(|i| !i.paragraphs.is_empty())
        .collect();
    if items.is_empty() {
        return Err(format!("no text found ({})", format.name()));
    }
    Ok((format, items))
}

/// Runs the reader of `format` (not guarded against panics: see [`read_bytes`]).
fn read_format(format: Format, path: Option<&Path>, bytes: &[u8]) -> Result<Vec<Item>, String> {
    let text = || {
        std::str::from_utf8(bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes))
            .map_err(|e| format!("not UTF-8 (invalid byte at offset {})", e.valid_up_to()))
    };
    match format {
        Format::Text => Ok(vec![markdown_item(text()?, path)]),
        Format::Html => html::read(&decode_html(bytes)).map(|i| vec![i]),
        Format::NewsmlG2 => newsml::read_g2(text()?),
        Format::Newsml1 => newsml::read_v1(text()?),
        Format::Nitf => nitf::read(text()?).map(|i| vec![i]),
        Format::Ninjs => ninjs::read(text()?).map(|i| vec![i]),
        Format::Digitalwires => digitalwires::read(text()?).map(|i| vec![i]),
        Format::Iptc7901 => iptc7901::read(&String::from_utf8_lossy(bytes)).map(|i| vec![i]),
        Format::Feed => feed::read(bytes),
        Format::Pdf => pdf::read(bytes).map(|i| vec![i]),
        Format::Docx => docx::read(bytes).map(|i| vec![i]),
    }
}

/// A Markdown or text source as the engine reads it: front matter as metadata, blocks as
/// paragraphs (markup blanked).
fn markdown_item(text: &str, path: Option<&Path>) -> Item {
    use crate::text::{DocKind, Document};
    let doc = Document::parse(text, DocKind::from_path(path), None);
    let paragraphs = doc
        .blocks
        .iter()
        .map(|b| tree::collapse(b.span.slice(&doc.masked)))
        .collect();
    Item {
        title: doc.meta.title,
        source: doc.meta.source,
        url: doc.meta.url,
        date: doc.meta.date,
        lang: doc.meta.lang.or_else(|| Some(doc.lang.code().to_string())),
        paragraphs,
        summary_only: false,
    }
}

/// HTML bytes as text: UTF-8, else Windows-1252/Latin-1 (what a page without a charset usually is).
fn decode_html(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.trim_start_matches('\u{feff}').to_string(),
        Err(_) => bytes.iter().map(|&b| b as char).collect(),
    }
}

/// Reads a file: its format and items. Files over the size limit are refused.
pub fn read_path(path: &Path, max_bytes: u64) -> Result<(Format, Vec<Item>), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > max_bytes {
        return Err(format!(
            "too large ({} bytes; the limit is {max_bytes})",
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    read_bytes(Some(path), &bytes)
}

/// The corpus hook: `None` when the file is Markdown or plain text (read by the engine as it
/// is); else the Markdown text of each item, or why the file is skipped.
pub fn corpus_texts(path: &Path, max_bytes: u64) -> Option<Result<Vec<String>, String>> {
    let mut head = [0u8; 4096];
    let n = {
        use std::io::Read;
        let mut f = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) => return Some(Err(format!("cannot read: {e}"))),
        };
        let mut n = 0;
        while n < head.len() {
            match f.read(&mut head[n..]) {
                Ok(0) | Err(_) => break,
                Ok(k) => n += k,
            }
        }
        n
    };
    match detect(Some(path), &head[..n]) {
        Some(Format::Text) => None,
        None if !has_source_extension(path) => None,
        // JSON is only recognised whole: `read_path` detects again on the whole file.
        f => {
            // PDF and DOCX files are larger than the text they hold.
            let limit = if matches!(f, Some(Format::Pdf | Format::Docx)) {
                max_bytes.max(MAX_SOURCE_BYTES)
            } else {
                max_bytes
            };
            Some(
                read_path(path, limit)
                    .map(|(_, items)| items.iter().map(|i| i.to_markdown(None)).collect()),
            )
        }
    }
}

/// Trims metadata, drops empty fields, normalises dates and language tags.
fn finish(mut item: Item) -> Item {
    let clean = |o: Option<String>| o.map(|s| tree::collapse(&s)).filter(|s| !s.is_empty());
    item.title = clean(item.title);
    item.source = clean(item.source);
    item.url = clean(item.url);
    item.date = clean(item.date).map(|d| normalize_date(&d));
    item.lang = clean(item.lang).map(|l| l.replace('_', "-"));
    item.paragraphs = item
        .paragraphs
        .iter()
        .map(|p| tree::collapse(p))
        .filter(|p| !p.is_empty())
        .collect();
    if item.lang.is_none() {
        item.lang = detect_lang(&item.paragraphs.join(" "));
    }
    item
}

/// The language of a text as a two-letter code, when detection is reliable.
pub fn detect_lang(text: &str) -> Option<String> {
    let info = whatlang::detect(text)?;
    if !info.is_reliable() {
        return None;
    }
    let code = match info.lang() {
        whatlang::Lang::Deu => "de",
        whatlang::Lang::Eng => "en",
        whatlang::Lang::Fra => "fr",
        whatlang::Lang::Spa => "es",
        whatlang::Lang::Ita => "it",
        whatlang::Lang::Por => "pt",
        whatlang::Lang::Nld => "nl",
        whatlang::Lang::Swe => "sv",
        whatlang::Lang::Dan => "da",
        whatlang::Lang::Nob => "no",
        whatlang::Lang::Fin => "fi",
        whatlang::Lang::Pol => "pl",
        whatlang::Lang::Ces => "cs",
        whatlang::Lang::Rus => "ru",
        whatlang::Lang::Tur => "tr",
        whatlang::Lang::Cmn => "zh",
        whatlang::Lang::Jpn => "ja",
        _ => return None,
    };
    Some(code.to_string())
}

/// Basic ISO 8601 (`20130516T040100+0000`) becomes extended (`2013-05-16T04:01:00+00:00`); RFC
/// 822/2822 dates become ISO 8601; anything else is kept as given.
pub fn normalize_date(d: &str) -> String {
    let b = d.as_bytes();
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) && (b.len() == 8 || b[8] == b'T') {
        let mut out = format!("{}-{}-{}", &d[0..4], &d[4..6], &d[6..8]);
        let rest = &d[8..];
        if let Some(t) = rest.strip_prefix('T') {
            let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
            if digits.len() >= 4 {
                out.push_str(&format!("T{}:{}", &digits[0..2], &digits[2..4]));
                if digits.len() >= 6 {
                    out.push_str(&format!(":{}", &digits[4..6]));
                }
                let zone = &t[digits.len()..];
                if zone.len() == 5 && (zone.starts_with('+') || zone.starts_with('-')) {
                    out.push_str(&format!("{}:{}", &zone[..3], &zone[3..]));
                } else {
                    out.push_str(zone);
                }
            }
        }
        return out;
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc2822(d) {
        return t.to_rfc3339();
    }
    d.to_string()
}

/// Escapes what Markdown would read as markup at the start of a paragraph or inline.
fn escape_markdown(p: &str) -> String {
    let mut out = String::with_capacity(p.len() + 8);
    for c in p.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '<' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    let starts_with_marker = out.starts_with(['#', '>', '-', '+', '=', '|', '~']) || {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && out[digits..].starts_with(['.', ')'])
    };
    if starts_with_marker {
        let digits = out.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 {
            out.insert(digits, '\\');
        } else {
            out.insert(0, '\\');
        }
    }
    out
}

/// A front-matter value on one line, double-quoted (with `\"` and `\\`) when YAML needs it.
fn yaml_value(v: &str) -> String {
    let v = tree::collapse(v);
    let plain = !v.is_empty()
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.ends_with([':', '"', '\''])
        && !v.starts_with([
            '"', '\'', '[', ']', '{', '}', '>', '|', '*', '&', '!', '%', '@', '`', '#', '-', '?',
            ',',
        ]);
    if plain {
        v
    } else {
        format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

impl Item {
    /// The prose as paragraphs separated by blank lines.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// Markdown with front matter (title, source, url, date, lang, and `retrieved` when given).
    pub fn to_markdown(&self, retrieved: Option<&str>) -> String {
        let mut out = String::from("---\n");
        let fields = [
            ("title", &self.title),
            ("source", &self.source),
            ("url", &self.url),
            ("date", &self.date),
            ("lang", &self.lang),
        ];
        for (k, v) in fields {
            if let Some(v) = v {
                out.push_str(&format!("{k}: {}\n", yaml_value(v)));
            }
        }
        if let Some(r) = retrieved {
            out.push_str(&format!("retrieved: {}\n", yaml_value(r)));
        }
        if self.summary_only {
            out.push_str("content: summary\n");
        }
        out.push_str("---\n\n");
        for p in &self.paragraphs {
            out.push_str(&escape_markdown(p));
            out.push_str("\n\n");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{DocKind, Document};

    /// Every prefix of every fixture (and a few mangled copies) is read or refused with a reason:
    /// no reader panics on truncated or corrupted input.
    #[test]
    fn truncated_and_corrupted_inputs_never_panic() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sources");
        let mut n = 0;
        for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = e.path();
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let Some(format) = detect(Some(&path), &bytes) else {
                continue;
            };
            let step = (bytes.len() / 97).max(1);
            let mut inputs: Vec<Vec<u8>> = (0..bytes.len())
                .step_by(step)
                .map(|cut| bytes[..cut].to_vec())
                .collect();
            let mut flipped = bytes.clone();
            for i in (0..flipped.len()).step_by(7) {
                flipped[i] = flipped[i].wrapping_add(31);
            }
            inputs.push(flipped);
            inputs.push(bytes.repeat(2));
            for input in inputs {
                n += 1;
                if format == Format::Pdf {
                    // pdf-extract may panic on broken files; `read_bytes` turns that into a reason.
                    let _ = read_bytes(Some(&path), &input);
                } else {
                    let _ = read_format(format, Some(&path), &input);
                }
            }
        }
        assert!(n > 500, "{n}");
    }

    /// A JSON source is recognised in a corpus folder even when its kind shows only past the
    /// first kilobytes; an unknown JSON file is skipped with a reason.
    #[test]
    fn corpus_hook_reads_long_json_and_refuses_unknown_json() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let long = format!(
            "{{\"padding\": \"{}\", \"headline\": \"H\", \"article_html\": \"<p>Text eins.</p>\"}}",
            "x".repeat(10_000)
        );
        let p = dir.path().join("item.json");
        let _ = std::fs::write(&p, long);
        let texts = corpus_texts(&p, 1 << 20)
            .and_then(Result::ok)
            .unwrap_or_default();
        assert_eq!(texts.len(), 1);
        assert!(texts[0].contains("Text eins."));
        let q = dir.path().join("meta.json");
        let _ = std::fs::write(&q, "{\"a\": 1}");
        assert!(matches!(corpus_texts(&q, 1 << 20), Some(Err(_))));
        let m = dir.path().join("a.md");
        let _ = std::fs::write(&m, "# Hi");
        assert!(corpus_texts(&m, 1 << 20).is_none());
    }

    #[test]
    fn dates_are_normalised() {
        assert_eq!(
            normalize_date("20130516T040100+0000"),
            "2013-05-16T04:01:00+00:00"
        );
        assert_eq!(normalize_date("20130516"), "2013-05-16");
        assert_eq!(
            normalize_date("Tue, 10 Jun 2003 04:00:00 GMT"),
            "2003-06-10T04:00:00+00:00"
        );
        assert_eq!(normalize_date("2024-01-02"), "2024-01-02");
    }

    #[test]
    fn markdown_round_trips_through_the_engine() {
        let item = Item {
            title: Some("Hafen: 40 Schiffe \"gestaut\"".into()),
            source: Some("Hafenkurier".into()),
            url: Some("https://example.org/a".into()),
            date: Some("2024-05-01".into()),
            lang: Some("de".into()),
            paragraphs: vec![
                "# Not a heading, *not* emphasis".into(),
                "1. Not a list".into(),
                "Im Hafen lagen 40 Schiffe.".into(),
            ],
            summary_only: false,
        };
        let md = item.to_markdown(Some("2024-05-02T10:00:00Z"));
        let doc = Document::parse(&md, DocKind::Markdown, None);
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Hafen: 40 Schiffe \"gestaut\"")
        );
        assert_eq!(doc.meta.source.as_deref(), Some("Hafenkurier"));
        assert_eq!(doc.meta.date.as_deref(), Some("2024-05-01"));
        assert_eq!(doc.blocks.len(), 3, "{md}");
        assert!(doc.masked.contains("Im Hafen lagen 40 Schiffe."));
    }

    proptest::proptest! {
        /// Whatever the title and paragraphs, the Markdown an item becomes gives back its
        /// metadata and one block per paragraph.
        #[test]
        fn markdown_round_trip(
            title in r#"[-a-zA-Zä0-9 :#'"*_<>\\\[\]!|&=+.()]{1,40}"#,
            paras in proptest::collection::vec(r#"[-a-zA-Zä0-9 :#'"*_<>`\\\[\]!|&=+.()~]{1,60}"#, 1..5),
        ) {
            let item = finish(Item {
                title: Some(title),
                source: Some("Hafenkurier".into()),
                paragraphs: paras,
                ..Item::default()
            });
            proptest::prop_assume!(item.title.is_some());
            let md = item.to_markdown(None);
            let doc = Document::parse(&md, DocKind::Markdown, None);
            proptest::prop_assert_eq!(&doc.meta.title, &item.title, "{}", md);
            proptest::prop_assert_eq!(doc.blocks.len(), item.paragraphs.len(), "{}", md);
        }
    }

    #[test]
    fn formats_are_recognised_by_content() {
        let d = |b: &str| detect(Some(Path::new("x.bin")), b.as_bytes());
        assert_eq!(d("<!DOCTYPE html><html><p>x"), Some(Format::Html));
        assert_eq!(
            d("<?xml version='1.0'?><rss version='2.0'>"),
            Some(Format::Feed)
        );
        assert_eq!(
            d("<?xml version='1.0'?>\n<!-- c --><newsMessage xmlns='x'>"),
            Some(Format::NewsmlG2)
        );
        assert_eq!(d("<NewsML Version='1.2'>"), Some(Format::Newsml1));
        assert_eq!(d("<nitf><body/></nitf>"), Some(Format::Nitf));
        assert_eq!(d("{\"article_html\": \"\"}"), Some(Format::Digitalwires));
        assert_eq!(
            d("{\"version\": \"https://jsonfeed.org/version/1.1\"}"),
            Some(Format::Feed)
        );
        assert_eq!(d("{\"headlines\": []}"), Some(Format::Ninjs));
        assert_eq!(d("%PDF-1.4"), Some(Format::Pdf));
        assert_eq!(d("\u{1}nsb0000 4 vm\n\u{2}Titel\n"), Some(Format::Iptc7901));
        assert_eq!(d("just text"), None);
        assert_eq!(
            detect(
                Some(Path::new("a.md")),
                b"<!-- x -->\n# T\n\nSee <b>the</b> <html> tag."
            ),
            Some(Format::Text)
        );
        assert_eq!(
            detect(Some(Path::new("a.md")), b"# Heading"),
            Some(Format::Text)
        );
    }
}
