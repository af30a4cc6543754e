//! ninjs (IPTC's news in JSON), versions 1.x to 3.0: `headlines` (role main) or `headline`;
//! the body from `bodies` / `body_html` / `body_text`, preferring HTML, then NITF (parsed as NITF),
//! then plain text; `copyrightHolder` as the source; `versionCreated`; `language`.
//! `descriptions` are excerpts, never the body.

use super::digitalwires::is_wire_furniture;
use super::tree;
use super::Item;
use serde_json::Value;

fn s(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        v.get(*k)
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|x| !x.trim().is_empty())
    })
}

fn html_paragraphs(html: &str) -> Vec<String> {
    let t = tree::from_html(html);
    let body = t
        .descendants()
        .into_iter()
        .find(|e| e.has_class("bodytext"))
        .unwrap_or(&t);
    tree::paragraphs(body, &is_wire_furniture)
}

pub fn read(json: &str) -> Result<Item, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("malformed JSON: {e}"))?;
    if !v.is_object() {
        return Err("not a ninjs item (no JSON object)".into());
    }
    let title = v
        .get("headlines")
        .and_then(Value::as_array)
        .and_then(|hs| {
            hs.iter()
                .find(|h| h.get("role").and_then(Value::as_str) == Some("main"))
                .or(hs.first())
                .and_then(|h| s(h, &["value"]))
        })
        .or_else(|| s(&v, &["headline", "title"]));
    // Candidate bodies: (content type, value).
    let mut bodies: Vec<(String, String)> = Vec::new();
    if let Some(bs) = v.get("bodies").and_then(Value::as_array) {
        for b in bs {
            let ct = s(b, &["contentType", "contenttype", "role"]).unwrap_or_default();
            if let Some(val) = s(b, &["value"]) {
                bodies.push((ct.to_ascii_lowercase(), val));
            }
        }
    }
    if let Some(h) = s(&v, &["body_html", "bodyHtml"]) {
        bodies.push(("text/html".into(), h));
    }
    if let Some(t) = s(&v, &["body_text", "bodyText"]) {
        bodies.push(("text/plain".into(), t));
    }
    let pick = |want: &dyn Fn(&str) -> bool| bodies.iter().find(|(ct, _)| want(ct));
    let mut nitf = None;
    let paragraphs = if let Some((_, h)) = pick(&|ct| ct.contains("html")) {
        html_paragraphs(h)
    } else if let Some((_, x)) = pick(&|ct| ct.contains("nitf") || ct.contains("xml")) {
        let n = tree::from_xml(x).and_then(|root| super::nitf::item_of(&root))?;
        let p = n.paragraphs.clone();
        nitf = Some(n);
        p
    } else if let Some((_, t)) = bodies.first() {
        tree::text_paragraphs(t)
    } else {
        Vec::new()
    };
    let nitf = nitf.unwrap_or_default();
    let url = s(&v, &["uri"]).filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    Ok(Item {
        title: title.or(nitf.title),
        source: s(&v, &["copyrightHolder", "copyrightholder", "provider"])
            .or(nitf.source)
            .or_else(|| {
                v.get("by")
                    .and_then(Value::as_str)
                    .and_then(|b| b.rsplit(',').next())
                    .map(|b| b.trim().to_string())
            }),
        url,
        date: s(
            &v,
            &[
                "versionCreated",
                "versioncreated",
                "firstCreated",
                "firstcreated",
            ],
        )
        .or(nitf.date),
        lang: s(&v, &["language"]).or(nitf.lang),
        paragraphs,
        summary_only: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_body_preferred_and_metadata() {
        let item =
            read(include_str!("../../../tests/fixtures/sources/ninjs.json")).unwrap_or_default();
        assert_eq!(item.title.as_deref(), Some("Harbor bridge to stay closed"));
        assert_eq!(item.source.as_deref(), Some("Harbor Ledger"));
        assert_eq!(item.lang.as_deref(), Some("en"));
        assert_eq!(item.paragraphs.len(), 2, "{:?}", item.paragraphs);
    }

    #[test]
    fn nitf_body_in_a_string() {
        let nitf = include_str!("../../../tests/fixtures/sources/story.nitf.xml");
        let json = serde_json::json!({
            "headlines": [{"role": "main", "value": "H"}],
            "bodies": [{"contentType": "text/vnd.IPTC.NITF", "value": nitf}],
            "language": "en"
        });
        let item = read(&json.to_string()).unwrap_or_default();
        assert_eq!(item.source.as_deref(), Some("Harbor Ledger"));
        assert_eq!(item.paragraphs.len(), 2);
    }
}
