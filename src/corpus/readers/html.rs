//! Saved web pages: the article body by a Readability port (dom_smoothie), then prose paragraphs
//! without captions, credits, share bars or the byline line; metadata from the page
//! (`og:site_name`/publisher, `article:published_time`/JSON-LD `datePublished`, title, canonical
//! URL, `lang`).

use super::tree::{self, Elem};
use super::Item;

/// Class or id words of elements that are page furniture, not article prose.
const FURNITURE: &[&str] = &[
    "share",
    "social",
    "related",
    "newsletter",
    "promo",
    "advert",
    "ad-",
    "ads",
    "comment",
    "caption",
    "credit",
    "byline",
    "author",
    "subscribe",
    "breadcrumb",
    "sidebar",
    "teaser-list",
    "tags",
    "toolbar",
    "sponsor",
    "outbrain",
    "taboola",
    "signup",
    "copyright",
];

fn is_furniture(e: &Elem) -> bool {
    if matches!(e.name.as_str(), "footer" | "aside") {
        return true;
    }
    let words = format!(
        "{} {}",
        e.attr("class").unwrap_or_default(),
        e.attr("id").unwrap_or_default()
    )
    .to_ascii_lowercase();
    if words.trim().is_empty() {
        return false;
    }
    words.split_whitespace().any(|w| {
        FURNITURE.iter().any(|f| {
            w == *f
                || w.starts_with(&format!("{f}-"))
                || w.ends_with(&format!("-{f}"))
                || w.contains(&format!("-{f}-"))
                || (f.ends_with('-') && w.starts_with(f))
        })
    })
}

/// The paragraphs under `root` without page furniture, unless that would drop most of the text
/// (a wrapper of the whole article whose class merely mentions, say, the author).
fn without_furniture(root: &Elem) -> Vec<String> {
    let all = tree::paragraphs(root, &|_| false);
    let kept = tree::paragraphs(root, &is_furniture);
    let len = |ps: &[String]| ps.iter().map(String::len).sum::<usize>();
    if len(&kept) * 2 < len(&all) {
        all
    } else {
        kept
    }
}

pub fn read(html: &str) -> Result<Item, String> {
    let page = tree::from_html(html);
    // Classes are kept so that page furniture inside the article region can be recognised.
    let config = dom_smoothie::Config {
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::new(html, None, Some(config))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    let article = readability.parse();
    let (mut item, content) = match article {
        Ok(a) => {
            let item = Item {
                title: Some(a.title.clone()).filter(|t| !t.trim().is_empty()),
                source: a.site_name.clone(),
                url: a.url.clone(),
                date: a.published_time.clone(),
                lang: a.lang.clone(),
                ..Item::default()
            };
            let content = tree::from_html(&a.content);
            let mut paras = without_furniture(&content);
            if let Some(by) = a.byline.as_deref().map(tree::collapse) {
                paras.retain(|p| {
                    !(p == &by || (p.len() < 120 && p.ends_with(&by) && p.len() < by.len() + 8))
                });
            }
            (item, paras)
        }
        Err(_) => {
            // No article found: the page's body without navigation and furniture.
            let body = page.find("body").unwrap_or(&page);
            let paras = without_furniture(body);
            (Item::default(), paras)
        }
    };
    fill_from_page(&page, &mut item);
    item.paragraphs = content;
    Ok(item)
}

/// Metadata the article extraction did not find, from `<meta>`, `<link rel=canonical>`,
/// `<title>`, `<html lang>` and JSON-LD.
fn fill_from_page(page: &Elem, item: &mut Item) {
    let mut metas: Vec<(String, String)> = Vec::new();
    let mut canonical = None;
    let mut lang = None;
    let mut ld = Vec::new();
    for e in page.descendants() {
        match e.name.as_str() {
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                if let Some(c) = e.attr("content") {
                    metas.push((key, c.to_string()));
                }
            }
            "link"
                if e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                canonical = canonical.or_else(|| e.attr("href").map(str::to_string));
            }
            "html" => lang = lang.or_else(|| e.attr("lang").map(str::to_string)),
            "script"
                if e.attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json")) =>
            {
                ld.push(e.text());
            }
            _ => {}
        }
    }
    let meta = |keys: &[&str]| {
        keys.iter().find_map(|k| {
            metas
                .iter()
                .find(|(m, v)| m == k && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let json = ld
        .iter()
        .filter_map(|s| serde_json::from_str::<serde_json::Value>(s).ok())
        .collect::<Vec<_>>();
    let ld_field = |path: &[&str]| json.iter().find_map(|v| ld_find(v, path, 0));
    if item.source.is_none() {
        item.source = meta(&[
            "og:site_name",
            "application-name",
            "publisher",
            "twitter:site",
        ])
        .or_else(|| ld_field(&["publisher", "name"]));
    }
    if item.date.is_none() {
        item.date = meta(&[
            "article:published_time",
            "datepublished",
            "date",
            "dc.date",
            "dcterms.created",
            "pubdate",
        ])
        .or_else(|| ld_field(&["datePublished"]));
    }
    if item.title.is_none() {
        item.title = meta(&["og:title", "twitter:title"])
            .or_else(|| page.find("title").and_then(Elem::text_opt));
    }
    if item.url.is_none() {
        item.url = canonical.or_else(|| meta(&["og:url"]));
    }
    if item.lang.is_none() {
        item.lang = lang.or_else(|| meta(&["og:locale", "language", "content-language"]));
    }
}

/// A string at `path` in JSON-LD (objects, arrays and `@graph` searched, depth-bounded).
fn ld_find(v: &serde_json::Value, path: &[&str], depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().find_map(|x| ld_find(x, path, depth + 1)),
        serde_json::Value::Object(o) => {
            let first = path.first()?;
            if let Some(x) = o.get(*first) {
                if path.len() == 1 {
                    if let Some(s) = x.as_str() {
                        return Some(s.to_string());
                    }
                } else if let Some(s) = ld_find(x, &path[1..], depth + 1) {
                    return Some(s);
                }
            }
            o.get("@graph").and_then(|g| ld_find(g, path, depth + 1))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_body_and_metadata() {
        let html = include_str!("../../../tests/fixtures/sources/page.html");
        let item = read(html).unwrap_or_default();
        assert_eq!(item.source.as_deref(), Some("Hafenkurier"));
        assert_eq!(item.lang.as_deref(), Some("de"));
        assert!(item
            .date
            .as_deref()
            .is_some_and(|d| d.starts_with("2024-03-14")));
        assert!(item
            .title
            .as_deref()
            .is_some_and(|t| t.contains("Hafenbrücke")));
        let text = item.paragraphs.join("\n");
        assert!(
            text.contains("Die Hafenbrücke bleibt bis Ende Mai gesperrt"),
            "{text}"
        );
        for junk in [
            "Teilen auf",
            "Kommentare",
            "Foto: ",
            "Newsletter",
            "var x",
            "Mehr zum Thema",
        ] {
            assert!(!text.contains(junk), "{junk} in {text}");
        }
    }

    #[test]
    fn metadata_from_json_ld() {
        let v: serde_json::Value = serde_json::from_str(
            r#"{"@graph":[{"@type":"NewsArticle","datePublished":"2024-01-02","publisher":{"name":"KXRV News"}}]}"#,
        )
        .unwrap_or_default();
        assert_eq!(
            ld_find(&v, &["publisher", "name"], 0).as_deref(),
            Some("KXRV News")
        );
        assert_eq!(
            ld_find(&v, &["datePublished"], 0).as_deref(),
            Some("2024-01-02")
        );
    }
}
