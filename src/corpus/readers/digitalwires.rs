//! dpa digitalwires JSON: headline, teaser, dateline and `article_html`; the notepad, editorial
//! notes, info and link boxes (where dpa puts staff contacts "not for publication") are never
//! read as prose.

use super::tree::{self, Elem};
use super::Item;
use serde_json::Value;

/// Elements of agency XHTML that are not article prose: notepads, info and link boxes, the
/// header with slugline and headline.
pub fn is_wire_furniture(e: &Elem) -> bool {
    if e.name == "header" {
        return true;
    }
    let class = e.attr("class").unwrap_or_default().to_ascii_lowercase();
    class.split_whitespace().any(|c| {
        c.contains("notepad")
            || c.contains("infobox")
            || c.contains("linkbox")
            || c.contains("ednote")
            || c.starts_with("np-")
            || c == "closingline"
            || c == "slugline"
    })
}

fn s(v: &Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .filter(|x| !x.trim().is_empty())
}

pub fn read(json: &str) -> Result<Item, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("malformed JSON: {e}"))?;
    if !v.is_object() {
        return Err("not a digitalwires item (no JSON object)".into());
    }
    let mut paras = Vec::new();
    if let Some(t) = s(&v, "teaser") {
        paras.push(t);
    }
    let body_html = s(&v, "article_html").unwrap_or_default();
    let body = tree::from_html(&body_html);
    let has_dateline = body.descendants().iter().any(|e| e.has_class("dateline"));
    let mut body_paras = tree::paragraphs(&body, &is_wire_furniture);
    if !has_dateline {
        if let (Some(d), Some(first)) = (s(&v, "dateline"), body_paras.first_mut()) {
            *first = format!("{}{first}", d.trim_end().to_string() + " ");
        }
    }
    paras.extend(body_paras);
    let provider = v
        .get("categories")
        .and_then(Value::as_array)
        .and_then(|cs| {
            cs.iter()
                .find(|c| c.get("type").and_then(Value::as_str) == Some("dnltype:provider"))
                .and_then(|c| s(c, "name"))
        });
    Ok(Item {
        title: s(&v, "headline"),
        source: s(&v, "creditline").or(provider),
        url: s(&v, "url").or_else(|| s(&v, "canonical_url")),
        date: s(&v, "version_created")
            .or_else(|| s(&v, "updated"))
            .or_else(|| s(&v, "content_created")),
        lang: s(&v, "language"),
        paragraphs: paras,
        summary_only: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teaser_dateline_body_without_notepad() {
        let item = read(include_str!(
            "../../../tests/fixtures/sources/digitalwires.json"
        ))
        .unwrap_or_default();
        assert_eq!(item.source.as_deref(), Some("dpa"));
        assert_eq!(item.lang.as_deref(), Some("de"));
        assert_eq!(item.date.as_deref(), Some("2024-03-14T10:15:00+01:00"));
        assert_eq!(item.paragraphs[0], "Die Hafenbrücke bleibt länger zu.");
        assert!(item.paragraphs[1].starts_with("Hamburg (dpa) - Die Hafenbrücke"));
        let text = item.paragraphs.join("\n");
        assert!(!text.contains("0171"), "{text}");
        assert!(!text.contains("Notizblock"));
    }

    #[test]
    fn malformed_json_is_an_error() {
        assert!(read("{\"headline\": ").is_err());
        assert!(read("[]").is_err());
    }
}
