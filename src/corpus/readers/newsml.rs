//! NewsML-G2 (news items and messages; packages hold no text of their own) and NewsML 1.2.
//!
//! G2: headline from `contentMeta/headline`, source from `creditline`, else the provider's or
//! creator's name, date `versionCreated` (else `contentCreated`, `firstCreated`), language from
//! `xml:lang` or `contentMeta/language`, body from `contentSet/inlineXML` as XHTML or NITF (or
//! `inlineData` text). Editorial notes (`edNote`, dpa's notepad) live in `itemMeta` and are never
//! read; in the XHTML the header (slugline, headline, kicker), info and link boxes are left out,
//! and headings repeating a headline are dropped.
//!
//! 1.2: each `NewsItem`; the first `HeadLine`; the body from the `NewsComponent` whose `Role` is
//! "Body" (else every text component but captions and contacts); provider from the envelope.

use super::digitalwires::is_wire_furniture;
use super::tree::{self, Elem};
use super::Item;

pub fn read_g2(xml: &str) -> Result<Vec<Item>, String> {
    let root = tree::from_xml(xml)?;
    let items: Vec<&Elem> = if root.name == "newsitem" {
        vec![&root]
    } else {
        root.find_all("newsitem")
    };
    if items.is_empty() {
        return Err(
            if root.name == "packageitem" || !root.find_all("packageitem").is_empty() {
                "a NewsML-G2 package without news items (it only refers to them)".into()
            } else {
                "no NewsML-G2 news item found".into()
            },
        );
    }
    Ok(items.into_iter().map(g2_item).collect())
}

fn text_of(e: Option<&Elem>) -> Option<String> {
    e.and_then(Elem::text_opt)
}

fn g2_item(item: &Elem) -> Item {
    let meta = item.child("contentmeta");
    let item_meta = item.child("itemmeta");
    let headlines: Vec<&Elem> = meta
        .map(|m| m.children_named("headline").collect())
        .unwrap_or_default();
    let headline = headlines
        .iter()
        .find(|h| {
            h.attr("role")
                .is_some_and(|r| r.contains("title") || r.contains("main"))
        })
        .or_else(|| headlines.iter().find(|h| h.attr("role").is_none()))
        .or(headlines.first())
        .and_then(|h| h.text_opt());
    let provider = item_meta.and_then(|m| m.child("provider"));
    let source = text_of(meta.and_then(|m| m.child("creditline")))
        .or_else(|| text_of(provider.and_then(|p| p.child("name"))))
        .or_else(|| provider.and_then(|p| p.attr("literal").map(str::to_string)))
        .or_else(|| {
            text_of(
                meta.and_then(|m| m.child("creator"))
                    .and_then(|c| c.child("name")),
            )
        })
        .or_else(|| {
            provider
                .and_then(|p| p.attr("qcode"))
                .map(|q| q.rsplit(':').next().unwrap_or(q).to_string())
        });
    let date = ["versioncreated", "contentcreated", "firstcreated"]
        .iter()
        .find_map(|n| {
            text_of(item_meta.and_then(|m| m.child(n)))
                .or_else(|| text_of(meta.and_then(|m| m.child(n))))
        });
    let lang = item.attr("lang").map(str::to_string).or_else(|| {
        meta.and_then(|m| m.child("language"))
            .and_then(|l| l.attr("tag").map(str::to_string))
    });
    let heads: Vec<String> = headlines.iter().filter_map(|h| h.text_opt()).collect();
    let mut paragraphs = Vec::new();
    let mut nitf_item = None;
    if let Some(set) = item.child("contentset") {
        for c in set.elems() {
            let ct = c
                .attr("contenttype")
                .unwrap_or_default()
                .to_ascii_lowercase();
            match c.name.as_str() {
                "inlinexml" if ct.contains("nitf") || c.find("nitf").is_some() => {
                    if let Ok(n) = super::nitf::item_of(c) {
                        paragraphs = n.paragraphs.clone();
                        nitf_item = Some(n);
                    }
                }
                "inlinexml" => {
                    let body = c.find("body").unwrap_or(c);
                    paragraphs = tree::paragraphs(body, &|e: &Elem| {
                        is_wire_furniture(e)
                            || (matches!(e.name.as_str(), "h1" | "h2" | "h3")
                                && heads.contains(&e.text()))
                    });
                }
                "inlinedata" => paragraphs = tree::text_paragraphs(&c.text_with_lines()),
                _ => continue,
            }
            if !paragraphs.is_empty() {
                break;
            }
        }
    }
    let nitf = nitf_item.unwrap_or_default();
    Item {
        title: headline.or(nitf.title),
        source: source.or(nitf.source),
        url: None,
        date: date.or(nitf.date),
        lang: lang.or(nitf.lang),
        paragraphs,
        summary_only: false,
    }
}

impl Elem {
    /// The text with line breaks kept (for plain-text payloads).
    pub fn text_with_lines(&self) -> String {
        self.children
            .iter()
            .map(|c| match c {
                tree::Node::Text(t) => t.clone(),
                tree::Node::Elem(e) => e.text_with_lines(),
            })
            .collect()
    }
}

pub fn read_v1(xml: &str) -> Result<Vec<Item>, String> {
    let root = tree::from_xml(xml)?;
    let envelope_source = root.find("newsenvelope").and_then(|e| {
        e.find("sentfrom")
            .and_then(|s| s.find("party"))
            .and_then(|p| p.attr("formalname").map(str::to_string))
            .or_else(|| {
                e.find("newsservice")
                    .and_then(|s| s.attr("formalname").map(str::to_string))
            })
    });
    let items = root.find_all("newsitem");
    if items.is_empty() {
        return Err("no NewsML 1.2 NewsItem found".into());
    }
    Ok(items
        .into_iter()
        .map(|item| v1_item(item, envelope_source.clone()))
        .collect())
}

fn role_of(c: &Elem) -> String {
    c.child("role")
        .and_then(|r| r.attr("formalname"))
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn v1_item(item: &Elem, envelope_source: Option<String>) -> Item {
    let title = item.find("headline").and_then(Elem::text_opt);
    let management = item.child("newsmanagement");
    let date = ["firstcreated", "thisrevisioncreated"]
        .iter()
        .find_map(|n| text_of(management.and_then(|m| m.child(n))));
    let lang = item
        .find("language")
        .and_then(|l| l.attr("formalname").map(str::to_string));
    let provider = item
        .find("provider")
        .and_then(|p| p.find("party"))
        .and_then(|p| p.attr("formalname").map(str::to_string));
    let source = provider.or(envelope_source).or_else(|| {
        item.find("source")
            .and_then(|p| p.find("party"))
            .and_then(|p| p.attr("formalname").map(str::to_string))
    });
    let components = item.find_all("newscomponent");
    let body: Vec<&&Elem> = components.iter().filter(|c| role_of(c) == "body").collect();
    let chosen: Vec<&Elem> = if body.is_empty() {
        components
            .iter()
            .filter(|c| {
                let r = role_of(c);
                !(r.contains("caption")
                    || r.contains("contact")
                    || r.contains("headline")
                    || r.contains("photo")
                    || r.contains("logo"))
            })
            .copied()
            .collect()
    } else {
        body.into_iter().copied().collect()
    };
    let mut paragraphs = Vec::new();
    for c in chosen {
        for ci in c.children_named("contentitem") {
            if let Some(data) = ci.child("datacontent") {
                let body = data.find("body").unwrap_or(data);
                paragraphs.extend(tree::paragraphs(body, &is_wire_furniture));
            }
        }
    }
    Item {
        title,
        source,
        url: None,
        date,
        lang,
        paragraphs,
        summary_only: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g2_item_without_notepad() {
        let items = read_g2(include_str!(
            "../../../tests/fixtures/sources/newsml-g2.xml"
        ))
        .unwrap_or_default();
        assert_eq!(items.len(), 1);
        let i = &items[0];
        assert_eq!(
            i.title.as_deref(),
            Some("Hafenbrücke bleibt bis Mai gesperrt")
        );
        assert_eq!(i.source.as_deref(), Some("dpa"));
        assert_eq!(i.date.as_deref(), Some("2024-03-14T10:15:00+01:00"));
        assert_eq!(i.lang.as_deref(), Some("de"));
        let text = i.paragraphs.join("\n");
        assert!(
            text.starts_with("Die Hafenbrücke bleibt länger zu."),
            "{text}"
        );
        assert!(!text.contains("0171"), "{text}");
        assert!(!text.contains("Verkehr"), "slugline leaked: {text}");
    }

    #[test]
    fn v1_body_component() {
        let items = read_v1(include_str!("../../../tests/fixtures/sources/newsml1.xml"))
            .unwrap_or_default();
        assert_eq!(items.len(), 1);
        let i = &items[0];
        assert_eq!(i.title.as_deref(), Some("Harbor Bridge Repairs Extended"));
        assert_eq!(i.source.as_deref(), Some("Business Wire"));
        assert_eq!(i.date.as_deref(), Some("20240314T101500+0000"));
        let text = i.paragraphs.join("\n");
        assert!(text.contains("repairs will last until May"));
        assert!(!text.contains("Contact"), "{text}");
    }

    #[test]
    fn package_without_items_is_an_error() {
        assert!(read_g2("<packageItem xmlns='http://iptc.org/std/nar/2006-10-01/'/>").is_err());
    }
}
