//! A parsed document: original text, masked prose, language, metadata, blocks and sentences.

use crate::lang::Lang;
use crate::text::markdown::{self, FrontMatterKind};
pub use crate::text::markdown::{BlockKind, Comment, Link};
use crate::text::{sentences, Span};
use std::path::Path;

/// Markdown or plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DocKind {
    Markdown,
    Plain,
}

impl DocKind {
    /// `.txt` and `.text` are plain text; everything else is read as Markdown.
    pub fn from_path(path: Option<&Path>) -> DocKind {
        match path
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
        {
            Some(e) if e == "txt" || e == "text" => DocKind::Plain,
            _ => DocKind::Markdown,
        }
    }
}

/// Where the document's language came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LangSource {
    FrontMatter,
    Config,
    Detected,
    Default,
}

/// Front-matter metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub lang: Option<String>,
}

/// A block of prose.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
    pub in_quote: bool,
}

/// A sentence (or headline, or list line) of prose.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub block: usize,
    pub heading: bool,
    pub question: bool,
}

/// A parsed document. All spans are byte offsets into `text`.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Document {
    pub text: String,
    /// `text` with every non-prose byte replaced by a space (newlines kept); same length.
    pub masked: String,
    pub kind: DocKind,
    pub lang: Lang,
    pub lang_source: LangSource,
    pub meta: Meta,
    pub front_matter: Option<Span>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    pub comments: Vec<Comment>,
    pub links: Vec<Link>,
    pub footnotes: Vec<Span>,
}

impl Document {
    /// Parses a document. `lang` is the configured language, used when the front matter names none;
    /// without either the language is detected, and English is the last resort.
    pub fn parse(text: &str, kind: DocKind, lang: Option<Lang>) -> Document {
        Document::parse_with(text, kind, lang, None)
    }

    /// [`Document::parse`], with each block's sentence boundaries from `memo` when it has seen
    /// the block (the result is the same).
    pub fn parse_with(
        text: &str,
        kind: DocKind,
        lang: Option<Lang>,
        memo: Option<&super::memo::Memo>,
    ) -> Document {
        let parsed = match kind {
            DocKind::Markdown => markdown::parse_markdown(text),
            DocKind::Plain => {
                let mut p = markdown::parse_plain(text);
                // Plain text may still open with front matter.
                if let Some(fm) = markdown::front_matter(text) {
                    let cut = fm.0.end;
                    let mut masked: Vec<u8> = p.masked.into_bytes();
                    for b in masked.iter_mut().take(cut) {
                        if *b != b'\n' {
                            *b = b' ';
                        }
                    }
                    p.masked = String::from_utf8(masked).unwrap_or_else(|_| text.to_string());
                    p.blocks.retain(|b| b.span.start >= cut);
                    p.front_matter = Some(fm);
                }
                p
            }
        };
        let meta = parsed
            .front_matter
            .as_ref()
            .map(|(_, c, k)| parse_meta(c, *k))
            .unwrap_or_default();
        let (lang, lang_source) = if let Some(l) = meta.lang.as_deref().and_then(Lang::from_code) {
            (l, LangSource::FrontMatter)
        } else if let Some(l) = lang {
            (l, LangSource::Config)
        } else if let Some(l) = Lang::detect(&parsed.masked) {
            (l, LangSource::Detected)
        } else {
            (Lang::En, LangSource::Default)
        };
        let blocks: Vec<Block> = parsed
            .blocks
            .iter()
            .map(|b| Block {
                kind: b.kind,
                span: b.span,
                in_quote: b.in_quote,
            })
            .collect();
        let mut sents = Vec::new();
        for (bi, b) in blocks.iter().enumerate() {
            let spans = match memo {
                Some(m) => m.sentences.get(
                    super::memo::key(&parsed.masked, b.span, lang, ""),
                    b.span.start,
                    || sentences::split(&parsed.masked, b.span, lang),
                ),
                None => sentences::split(&parsed.masked, b.span, lang),
            };
            for s in spans {
                let body = s
                    .slice(&parsed.masked)
                    .trim_end_matches(['"', '“', '”', '«', '»', '\'', '’', ')', ' ']);
                sents.push(Sentence {
                    span: s,
                    block: bi,
                    heading: b.kind == BlockKind::Heading,
                    question: body.ends_with('?'),
                });
            }
        }
        Document {
            text: text.to_string(),
            masked: parsed.masked,
            kind,
            lang,
            lang_source,
            meta,
            front_matter: parsed.front_matter.map(|f| f.0),
            blocks,
            sentences: sents,
            comments: parsed.comments,
            links: parsed.links,
            footnotes: parsed.footnotes,
        }
    }

    /// The sentence containing byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        // Sentences are in text order and do not overlap: the first ending after `offset` is
        // the only one that can hold it.
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.span.start <= offset && offset < s.span.end)
            .map(|_| i)
    }
}

/// Reads `title`, `source`, `url`, `date`, `lang`/`language` from YAML (`key: value` lines) or TOML.
/// The common escapes of a double-quoted YAML string (`\"`, `\\`, `\n`, `\t`).
fn unescape_yaml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out.trim().to_string()
}

fn parse_meta(content: &str, kind: FrontMatterKind) -> Meta {
    let mut meta = Meta::default();
    let mut set = |key: &str, value: String| {
        let value = value.trim();
        let value = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            // A double-quoted YAML string: `\"` and `\\` are escapes.
            Some(inner) if kind == FrontMatterKind::Yaml => unescape_yaml(inner),
            _ => value
                .trim_matches(|c| c == '"' || c == '\'')
                .trim()
                .to_string(),
        };
        if value.is_empty() {
            return;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = Some(value),
            "source" | "outlet" | "publisher" => meta.source = Some(value),
            "url" | "link" => meta.url = Some(value),
            "date" => meta.date = Some(value),
            "lang" | "language" => meta.lang = Some(value),
            _ => {}
        }
    };
    match kind {
        FrontMatterKind::Yaml => {
            for line in content.lines() {
                if line.starts_with([' ', '\t', '-', '#']) {
                    continue;
                }
                if let Some((k, v)) = line.split_once(':') {
                    set(k, v.to_string());
                }
            }
        }
        FrontMatterKind::Toml => {
            if let Ok(toml::Value::Table(t)) = content.parse::<toml::Value>() {
                for (k, v) in t {
                    let s = match v {
                        toml::Value::String(s) => s,
                        toml::Value::Datetime(d) => d.to_string(),
                        other => other.to_string(),
                    };
                    set(&k, s);
                }
            }
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_sets_language_and_meta() {
        let t = "---\ntitle: Brücke\nsource: Hafenkurier\nlang: de\n---\n# Titel\n\nDie Brücke schließt. Sie öffnet 2027 wieder.\n";
        let d = Document::parse(t, DocKind::Markdown, Some(Lang::En));
        assert_eq!(d.lang, Lang::De);
        assert_eq!(d.lang_source, LangSource::FrontMatter);
        assert_eq!(d.meta.source.as_deref(), Some("Hafenkurier"));
        let s: Vec<&str> = d.sentences.iter().map(|s| s.span.slice(t)).collect();
        assert_eq!(
            s,
            vec!["Titel", "Die Brücke schließt.", "Sie öffnet 2027 wieder."]
        );
        assert!(d.sentences[0].heading);
    }

    #[test]
    fn config_then_detection() {
        let t = "The bridge will close in March for eighteen months, officials said on Monday.";
        assert_eq!(
            Document::parse(t, DocKind::Plain, Some(Lang::De)).lang_source,
            LangSource::Config
        );
        let d = Document::parse(t, DocKind::Plain, None);
        assert_eq!((d.lang, d.lang_source), (Lang::En, LangSource::Detected));
    }

    #[test]
    fn questions_are_marked() {
        let d = Document::parse(
            "Will commuters switch to the ferry? They will.",
            DocKind::Plain,
            Some(Lang::En),
        );
        assert!(d.sentences[0].question);
        assert!(!d.sentences[1].question);
    }

    /// A block nested inside a tight list item (a heading, a quote, a table) splits the item's
    /// own text in two: the item becomes two blocks, so blocks and sentences stay in text order
    /// and never overlap (found by the `parse` fuzz target).
    #[test]
    fn text_around_a_nested_block_keeps_sentences_in_order() {
        for t in [
            "- Die Fähre fuhr. Sie kam an.\n  # Titel\n  Danach regnete es.\n",
            "- one\n  > quoted line\n\n  two\n",
            "1. a\n   | x | y |\n   |---|---|\n   | 1 | 2 |\n   b\n",
            "- a\n  ```\n  code\n  ```\n  b\n",
            "> - a\n>   # h\n>   zed\n",
        ] {
            let d = Document::parse(t, DocKind::Markdown, Some(Lang::En));
            let mut prev = 0;
            for s in &d.sentences {
                assert!(s.span.start >= prev, "sentences out of order in {t:?}");
                prev = s.span.end;
            }
            let mut prev = 0;
            for b in &d.blocks {
                assert!(b.span.start >= prev, "blocks overlap in {t:?}");
                prev = b.span.end;
            }
            let words: Vec<&str> = d.sentences.iter().map(|s| s.span.slice(t)).collect();
            let joined = words.join(" ");
            for w in ["Titel", "Danach", "quoted", "two", "zed"] {
                if t.contains(w) {
                    assert!(joined.contains(w), "{w} lost from {t:?}: {words:?}");
                }
            }
        }
    }
}
