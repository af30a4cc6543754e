//! A small element tree shared by the readers: built from XML (quick-xml) or HTML (html5ever via
//! dom_query), walked to find metadata and to turn a body into prose paragraphs.
//!
//! Names are local (namespace prefix dropped) and lower-case, so XHTML, NITF and NewsML can be
//! matched the same way. Depth is capped (deeper elements are flattened into their ancestor), so
//! every walk over the tree is bounded, whatever the input.

use std::borrow::Cow;

/// Deepest nesting kept; deeper elements' content joins the element at this depth.
const MAX_DEPTH: usize = 200;

#[derive(Clone, Debug, Default)]
pub struct Elem {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Clone, Debug)]
pub enum Node {
    Elem(Elem),
    Text(String),
}

fn local(name: &str) -> String {
    name.rsplit(':').next().unwrap_or(name).to_ascii_lowercase()
}

impl Elem {
    fn new(name: &str) -> Elem {
        Elem {
            name: local(name),
            ..Elem::default()
        }
    }

    /// The attribute with this local name (case-insensitive).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c.eq_ignore_ascii_case(class)))
    }

    /// Child elements.
    pub fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this name.
    pub fn child(&self, name: &str) -> Option<&Elem> {
        self.elems().find(|e| e.name == name)
    }

    /// Child elements with this name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Elem> + 'a {
        self.elems().filter(move |e| e.name == name)
    }

    /// Every descendant element (not `self`) in document order.
    pub fn descendants(&self) -> Vec<&Elem> {
        let mut out = Vec::new();
        let mut stack: Vec<&Elem> = self.elems().collect::<Vec<_>>();
        stack.reverse();
        while let Some(e) = stack.pop() {
            out.push(e);
            let mut kids: Vec<&Elem> = e.elems().collect();
            kids.reverse();
            stack.extend(kids);
        }
        out
    }

    /// The first descendant element with this name.
    pub fn find(&self, name: &str) -> Option<&Elem> {
        self.descendants().into_iter().find(|e| e.name == name)
    }

    /// Descendant elements with this name, in document order.
    pub fn find_all(&self, name: &str) -> Vec<&Elem> {
        self.descendants()
            .into_iter()
            .filter(|e| e.name == name)
            .collect()
    }

    /// The element's text, whitespace collapsed.
    pub fn text(&self) -> String {
        let mut s = String::new();
        collect_text(self, &mut s);
        collapse(&s)
    }

    /// The trimmed text, `None` when empty.
    pub fn text_opt(&self) -> Option<String> {
        Some(self.text()).filter(|t| !t.is_empty())
    }
}

fn collect_text(e: &Elem, out: &mut String) {
    for c in &e.children {
        match c {
            Node::Text(t) => out.push_str(t),
            Node::Elem(e) => {
                if matches!(e.name.as_str(), "script" | "style") {
                    continue;
                }
                if is_block(&e.name) {
                    out.push(' ');
                }
                collect_text(e, out);
                if is_block(&e.name) {
                    out.push(' ');
                }
            }
        }
    }
}

/// Collapses runs of whitespace (including no-break spaces) to one space and trims.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Elements that start and end a paragraph.
pub fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "caption"
            | "figure"
            | "hr"
            | "br"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "body"
            | "html"
            | "hl1"
            | "hl2"
            | "hedline"
            | "byline"
            | "dateline"
            | "abstract"
            | "block"
            | "body.content"
            | "body.head"
            | "body.end"
            | "tagline"
            | "bq"
            | "nitf"
            | "fieldset"
            | "form"
            | "nav"
            | "aside"
    )
}

/// Elements that never hold prose.
pub fn is_never_prose(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "button"
            | "form"
            | "input"
            | "select"
            | "textarea"
            | "iframe"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "canvas"
            | "figcaption"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "nav"
            | "img"
            | "picture"
            | "source"
    )
}

/// The prose paragraphs under `root`: block elements separate paragraphs, inline text joins,
/// whitespace is collapsed; elements for which `skip` says so (and those that never hold prose)
/// are left out with everything inside them.
pub fn paragraphs(root: &Elem, skip: &dyn Fn(&Elem) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    walk(root, skip, &mut buf, &mut out);
    flush(&mut buf, &mut out);
    out
}

fn flush(buf: &mut String, out: &mut Vec<String>) {
    let p = collapse(buf);
    if !p.is_empty() {
        out.push(p);
    }
    buf.clear();
}

fn walk(e: &Elem, skip: &dyn Fn(&Elem) -> bool, buf: &mut String, out: &mut Vec<String>) {
    for c in &e.children {
        match c {
            Node::Text(t) => buf.push_str(t),
            Node::Elem(c) => {
                if is_never_prose(&c.name) || skip(c) {
                    continue;
                }
                let block = is_block(&c.name);
                if block {
                    flush(buf, out);
                }
                walk(c, skip, buf, out);
                if block {
                    flush(buf, out);
                }
            }
        }
    }
}

/// Text paragraphs of plain text: blank lines separate paragraphs, lines within one join.
pub fn text_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut buf, &mut out);
        } else {
            buf.push(' ');
            buf.push_str(line);
        }
    }
    flush(&mut buf, &mut out);
    out
}

/// A few HTML entities that XHTML in wire copy uses without declaring them.
fn html_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" => "\u{a0}",
        "shy" => "\u{ad}",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "laquo" => "«",
        "raquo" => "»",
        "bdquo" => "„",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "euro" => "€",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "auml" => "ä",
        "ouml" => "ö",
        "uuml" => "ü",
        "Auml" => "Ä",
        "Ouml" => "Ö",
        "Uuml" => "Ü",
        "szlig" => "ß",
        "eacute" => "é",
        "egrave" => "è",
        "agrave" => "à",
        "ccedil" => "ç",
        "middot" => "·",
        "bull" => "•",
        "deg" => "°",
        "sect" => "§",
        "zwnj" | "zwj" => "",
        _ => return None,
    })
}

/// Parses XML into a tree. Malformed XML is an error naming the position.
pub fn from_xml(xml: &str) -> Result<Elem, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut stack: Vec<Elem> = vec![Elem::new("#document")];
    let mut overflow = 0usize;
    let attrs_of = |s: &quick_xml::events::BytesStart| -> Vec<(String, String)> {
        s.attributes()
            .flatten()
            .map(|a| {
                let key = local(&String::from_utf8_lossy(a.key.as_ref()));
                let value = a
                    .decode_and_unescape_value_with(reader_decoder(), html_entity)
                    .map(Cow::into_owned)
                    .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
                (key, value)
            })
            .collect()
    };
    loop {
        let ev = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match ev {
            Event::Start(s) => {
                if stack.len() > MAX_DEPTH {
                    overflow += 1;
                    continue;
                }
                let mut e = Elem::new(&String::from_utf8_lossy(s.name().as_ref()));
                e.attrs = attrs_of(&s);
                stack.push(e);
            }
            Event::Empty(s) => {
                let mut e = Elem::new(&String::from_utf8_lossy(s.name().as_ref()));
                e.attrs = attrs_of(&s);
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Elem(e));
                }
            }
            Event::End(_) => {
                if overflow > 0 {
                    overflow -= 1;
                    continue;
                }
                if stack.len() > 1 {
                    if let Some(done) = stack.pop() {
                        if let Some(top) = stack.last_mut() {
                            top.children.push(Node::Elem(done));
                        }
                    }
                } else {
                    return Err(format!(
                        "malformed XML at byte {}: unexpected closing tag",
                        reader.buffer_position()
                    ));
                }
            }
            Event::Text(t) => {
                let s = t
                    .unescape_with(html_entity)
                    .map(Cow::into_owned)
                    .unwrap_or_else(|_| String::from_utf8_lossy(&t).into_owned());
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Text(s));
                }
            }
            Event::CData(t) => {
                let s = String::from_utf8_lossy(&t).into_owned();
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Text(s));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() != 1 {
        return Err("malformed XML: the document ends inside an element".into());
    }
    let doc = stack.pop().unwrap_or_default();
    doc.children
        .into_iter()
        .find_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| "no XML element found".to_string())
}

fn reader_decoder() -> quick_xml::encoding::Decoder {
    quick_xml::Reader::from_str("").decoder()
}

/// Parses HTML (a whole page or a fragment) into a tree rooted at a `#document` element.
pub fn from_html(html: &str) -> Elem {
    let doc = dom_query::Document::from(html);
    let mut root = Elem::new("#document");
    convert(&doc.root(), &mut root, 0);
    root
}

fn convert(node: &dom_query::NodeRef, into: &mut Elem, depth: usize) {
    for c in node.children() {
        if c.is_text() {
            into.children.push(Node::Text(c.text().to_string()));
        } else if c.is_element() {
            let name = c.node_name().map(|n| n.to_string()).unwrap_or_default();
            if depth >= MAX_DEPTH {
                into.children.push(Node::Text(format!(" {} ", c.text())));
                continue;
            }
            let mut e = Elem::new(&name);
            e.attrs = c
                .attrs()
                .iter()
                .map(|a| (local(&a.name.local), a.value.to_string()))
                .collect();
            convert(&c, &mut e, depth + 1);
            into.children.push(Node::Elem(e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_tree_and_paragraphs() {
        let x = r#"<?xml version="1.0"?><a:root xmlns:a="u"><b k="v">Hello <i>big</i>
        world&nbsp;!</b><p>Two</p><script>x</script></a:root>"#;
        let t = from_xml(x).unwrap_or_default();
        assert_eq!(t.name, "root");
        assert_eq!(t.child("b").and_then(|b| b.attr("k")), Some("v"));
        assert_eq!(paragraphs(&t, &|_| false), vec!["Hello big world !", "Two"]);
    }

    #[test]
    fn malformed_xml_is_an_error() {
        assert!(from_xml("<a><b></a").is_err());
        assert!(from_xml("<a>").is_err());
        assert!(from_xml("").is_err());
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "<div>".repeat(5000) + "x" + &"</div>".repeat(5000);
        let t = from_html(&deep);
        assert_eq!(paragraphs(&t, &|_| false), vec!["x"]);
        let t = from_xml(&deep).unwrap_or_default();
        assert_eq!(paragraphs(&t, &|_| false), vec!["x"]);
    }

    #[test]
    fn html_paragraphs_skip_non_prose() {
        let t = from_html("<p>One <b>two</b></p><figure><img><figcaption>Foto: X</figcaption></figure><p>Three<br>Four</p>");
        assert_eq!(paragraphs(&t, &|_| false), vec!["One two", "Three", "Four"]);
    }
}
