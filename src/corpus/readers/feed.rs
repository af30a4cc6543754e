//! RSS 2.0 / RSS 1.0, Atom and JSON Feed (feed-rs): every item becomes its own document, with its
//! full content where the feed carries it (`content:encoded`, Atom `content`), else its summary,
//! marked as such. The feed's title names the source.

use super::tree;
use super::Item;

fn html_or_text(s: &str) -> Vec<String> {
    if s.contains('<') {
        tree::paragraphs(&tree::from_html(s), &|_| false)
    } else {
        tree::text_paragraphs(s)
    }
}

pub fn read(bytes: &[u8]) -> Result<Vec<Item>, String> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| format!("malformed feed: {e}"))?;
    let source = feed.title.as_ref().map(|t| t.content.clone());
    let lang = feed.language.clone();
    let items = feed
        .entries
        .iter()
        .map(|e| {
            let content = e.content.as_ref().and_then(|c| c.body.clone());
            let (paragraphs, summary_only) = match content.filter(|c| !c.trim().is_empty()) {
                Some(c) => (html_or_text(&c), false),
                None => (
                    e.summary
                        .as_ref()
                        .map(|s| html_or_text(&s.content))
                        .unwrap_or_default(),
                    true,
                ),
            };
            Item {
                title: e.title.as_ref().map(|t| {
                    if t.content.contains('<') {
                        tree::from_html(&t.content).text()
                    } else {
                        t.content.clone()
                    }
                }),
                source: source.clone(),
                url: e.links.first().map(|l| l.href.clone()),
                date: e.published.or(e.updated).map(|d| d.to_rfc3339()),
                lang: e.language.clone().or_else(|| lang.clone()),
                paragraphs,
                summary_only,
            }
        })
        .collect::<Vec<_>>();
    if items.is_empty() {
        return Err("the feed has no items".into());
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_are_documents() {
        let items =
            read(include_bytes!("../../../tests/fixtures/sources/feed.rss")).unwrap_or_default();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].source.as_deref(), Some("Hafenkurier"));
        assert_eq!(items[0].lang.as_deref(), Some("de"));
        assert!(!items[0].summary_only);
        assert!(items[0].paragraphs.len() >= 2);
        assert!(items[1].summary_only);
        assert!(items[0]
            .date
            .as_deref()
            .is_some_and(|d| d.starts_with("2024-03-14")));
    }

    #[test]
    fn atom_and_json_feed() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>KXRV News</title><id>x</id><updated>2024-03-14T10:00:00Z</updated>
<entry><title>Bridge</title><id>1</id><updated>2024-03-14T10:00:00Z</updated><content type="html">&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</content></entry></feed>"#;
        let items = read(atom.as_bytes()).unwrap_or_default();
        assert_eq!(items[0].paragraphs, vec!["One.", "Two."]);
        assert_eq!(items[0].source.as_deref(), Some("KXRV News"));
        let json = r#"{"version":"https://jsonfeed.org/version/1.1","title":"KXRV News","items":[{"id":"1","title":"T","content_text":"Para one.\n\nPara two."}]}"#;
        let items = read(json.as_bytes()).unwrap_or_default();
        assert_eq!(items[0].paragraphs.len(), 2);
    }
}
