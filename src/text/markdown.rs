//! Markdown and plain-text parsing into prose blocks, with front matter, comments and links.

use crate::text::Span;
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// What kind of block a piece of prose belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    TableCell,
}

/// A block of prose: sentences never cross block boundaries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBlock {
    pub kind: BlockKind,
    /// From the first to the last prose byte of the block.
    pub span: Span,
    pub in_quote: bool,
}

/// A link in the prose: the span of its visible text and where it points.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    pub span: Span,
    pub dest: String,
}

/// An HTML comment (`<!-- … -->`), with its inner text; used for suppression directives.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Comment {
    pub span: Span,
    pub body: String,
}

/// The result of parsing: prose with everything else blanked, and the structure around it.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Same length as the input; non-prose bytes are spaces (newlines are kept).
    pub masked: String,
    pub blocks: Vec<RawBlock>,
    pub front_matter: Option<(Span, String, FrontMatterKind)>,
    pub comments: Vec<Comment>,
    pub links: Vec<Link>,
    /// Footnote references (`[^1]`), which cite a source.
    pub footnotes: Vec<Span>,
}

/// Which syntax the front matter uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontMatterKind {
    Yaml,
    Toml,
}

/// Finds YAML (`---`) or TOML (`+++`) front matter at the very start of the text.
pub fn front_matter(text: &str) -> Option<(Span, String, FrontMatterKind)> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let (fence, kind) = if body.starts_with("---") {
        ("---", FrontMatterKind::Yaml)
    } else if body.starts_with("+++") {
        ("+++", FrontMatterKind::Toml)
    } else {
        return None;
    };
    let first_nl = body.find('\n')?;
    if body[..first_nl].trim_end() != fence {
        return None;
    }
    let mut pos = first_nl + 1;
    while pos <= body.len() {
        let line_end = body[pos..]
            .find('\n')
            .map(|i| pos + i)
            .unwrap_or(body.len());
        let line = body[pos..line_end].trim_end();
        if line == fence || (kind == FrontMatterKind::Yaml && line == "...") {
            let content = body[first_nl + 1..pos].to_string();
            let end = (line_end + 1).min(body.len());
            return Some((Span::new(0, bom + end), content, kind));
        }
        if line_end >= body.len() {
            break;
        }
        pos = line_end + 1;
    }
    None
}

fn finish(text: &str, bytes: Vec<u8>) -> String {
    // Only whole UTF-8 sequences were copied over ASCII spaces, so this cannot fail; fall back to
    // the original text rather than panic if it ever did.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// Parses plain text: paragraphs are separated by blank lines and every byte is prose.
pub fn parse_plain(text: &str) -> Parsed {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                blocks.push(RawBlock {
                    kind: BlockKind::Paragraph,
                    span: Span::new(s, last_end),
                    in_quote: false,
                });
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            last_end = pos + content.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        blocks.push(RawBlock {
            kind: BlockKind::Paragraph,
            span: Span::new(s, last_end),
            in_quote: false,
        });
    }
    Parsed {
        masked: text.to_string(),
        blocks,
        ..Parsed::default()
    }
}

/// Parses Markdown (CommonMark with tables and footnotes).
pub fn parse_markdown(text: &str) -> Parsed {
    let mut bytes: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' { b'\n' } else { b' ' })
        .collect();
    let fm = front_matter(text);
    let offset = fm.as_ref().map(|f| f.0.end).unwrap_or(0);
    let body = &text[offset..];
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);

    struct Open {
        kind: Option<BlockKind>,
        block: Option<usize>,
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut comments = Vec::new();
    let mut links = Vec::new();
    let mut footnotes = Vec::new();
    let mut quote_depth = 0usize;
    let mut skip_text = 0usize; // inside code blocks, autolinks, images, HTML blocks
    let mut link_stack: Vec<(usize, String, bool)> = Vec::new();

    for (ev, range) in Parser::new_ext(body, opts).into_offset_iter() {
        let span = Span::new(range.start + offset, range.end + offset);
        match ev {
            Event::Start(tag) => {
                let kind = match &tag {
                    Tag::Paragraph => Some(BlockKind::Paragraph),
                    Tag::Heading { .. } => Some(BlockKind::Heading),
                    Tag::Item => Some(BlockKind::ListItem),
                    Tag::TableCell => Some(BlockKind::TableCell),
                    _ => None,
                };
                match &tag {
                    Tag::BlockQuote(_) => quote_depth += 1,
                    Tag::CodeBlock(_)
                    | Tag::Image { .. }
                    | Tag::HtmlBlock
                    | Tag::MetadataBlock(_) => skip_text += 1,
                    Tag::Link {
                        link_type,
                        dest_url,
                        ..
                    } => {
                        let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        if auto {
                            skip_text += 1;
                        }
                        link_stack.push((span.start, dest_url.to_string(), auto));
                    }
                    _ => {}
                }
                stack.push(Open { kind, block: None });
            }
            Event::End(end) => {
                match end {
                    TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                    TagEnd::CodeBlock
                    | TagEnd::Image
                    | TagEnd::HtmlBlock
                    | TagEnd::MetadataBlock(_) => skip_text = skip_text.saturating_sub(1),
                    TagEnd::Link => {
                        if let Some((start, dest, auto)) = link_stack.pop() {
                            if auto {
                                skip_text = skip_text.saturating_sub(1);
                            } else {
                                links.push(Link {
                                    span: Span::new(start, span.end),
                                    dest,
                                });
                            }
                        }
                    }
                    _ => {}
                }
                stack.pop();
            }
            Event::Text(_) => {
                if skip_text > 0 {
                    continue;
                }
                for (i, b) in text.as_bytes()[span.start..span.end.min(text.len())]
                    .iter()
                    .enumerate()
                {
                    bytes[span.start + i] = *b;
                }
                // Attach the text to the innermost open block. When another block began since
                // the open block last took text (a heading or table nested in a tight list
                // item), the text after it is a new block: blocks never overlap, so sentences
                // stay in text order.
                let last = blocks.len().checked_sub(1);
                if let Some(open) = stack.iter_mut().rev().find(|o| o.kind.is_some()) {
                    let idx = match open.block {
                        Some(i) if Some(i) == last => i,
                        _ => {
                            blocks.push(RawBlock {
                                kind: open.kind.unwrap_or(BlockKind::Paragraph),
                                span,
                                in_quote: quote_depth > 0,
                            });
                            open.block = Some(blocks.len() - 1);
                            blocks.len() - 1
                        }
                    };
                    let b = &mut blocks[idx];
                    b.span = Span::new(b.span.start.min(span.start), b.span.end.max(span.end));
                }
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                let s = h.trim();
                if let Some(rest) = s.strip_prefix("<!--") {
                    let body = rest.strip_suffix("-->").unwrap_or(rest);
                    comments.push(Comment {
                        span,
                        body: body.trim().to_string(),
                    });
                }
            }
            Event::FootnoteReference(_) => footnotes.push(span),
            _ => {}
        }
    }
    // Multi-line HTML comments arrive as several Html events; merge consecutive pieces.
    let comments = merge_comments(text, comments);
    Parsed {
        masked: finish(text, bytes),
        blocks,
        front_matter: fm,
        comments,
        links,
        footnotes,
    }
}

fn merge_comments(text: &str, pieces: Vec<Comment>) -> Vec<Comment> {
    let mut out: Vec<Comment> = Vec::new();
    let mut open: Option<usize> = None;
    for c in pieces {
        let raw = c.span.slice(text);
        if let Some(start) = open {
            if raw.contains("-->") {
                let span = Span::new(start, c.span.end);
                let full = span.slice(text).trim();
                let inner = full
                    .trim_start_matches("<!--")
                    .trim_end()
                    .trim_end_matches("-->")
                    .trim();
                out.push(Comment {
                    span,
                    body: inner.to_string(),
                });
                open = None;
            }
            continue;
        }
        if raw.trim_start().starts_with("<!--") && !raw.contains("-->") {
            open = Some(c.span.start);
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> String {
        parse_markdown(text)
            .masked
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn front_matter_code_html_and_links_are_not_prose() {
        let t = "---\ntitle: T 5\n---\n# Head 1\n\nText `code 7` and [link](http://x/9) <!-- c 8 -->.\n\n```\nfenced 3\n```\n\n    indented 4\n\n<div>html 6</div>\n\n<https://auto/2>\n";
        assert_eq!(prose(t), "Head 1 Text and link .");
        let p = parse_markdown(t);
        assert_eq!(p.masked.len(), t.len());
        assert_eq!(p.links.len(), 1);
        assert_eq!(p.comments.len(), 1);
        assert_eq!(p.comments[0].body, "c 8");
        assert!(p.front_matter.is_some());
    }

    #[test]
    fn blocks_for_headings_items_and_cells() {
        let t = "# A\n\n- one\n- two\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n> quoted\n";
        let p = parse_markdown(t);
        let kinds: Vec<BlockKind> = p.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(kinds[0], BlockKind::Heading);
        assert!(kinds.contains(&BlockKind::ListItem));
        assert!(kinds.contains(&BlockKind::TableCell));
        assert!(p.blocks.iter().any(|b| b.in_quote));
    }

    #[test]
    fn plain_paragraphs() {
        let p = parse_plain("Eins.\nZwei.\n\n  Drei.  \n");
        assert_eq!(p.blocks.len(), 2);
        assert_eq!(
            p.blocks[1].span.slice("Eins.\nZwei.\n\n  Drei.  \n"),
            "Drei."
        );
    }

    #[test]
    fn toml_front_matter() {
        let t = "+++\nlang = \"de\"\n+++\nText";
        let (span, content, kind) = front_matter(t).unwrap_or_default_fm();
        assert_eq!(kind, FrontMatterKind::Toml);
        assert_eq!(content, "lang = \"de\"\n");
        assert_eq!(span.end, 20);
    }

    trait OrDefault {
        fn unwrap_or_default_fm(self) -> (Span, String, FrontMatterKind);
    }
    impl OrDefault for Option<(Span, String, FrontMatterKind)> {
        fn unwrap_or_default_fm(self) -> (Span, String, FrontMatterKind) {
            self.unwrap_or((Span::default(), String::new(), FrontMatterKind::Yaml))
        }
    }
}
