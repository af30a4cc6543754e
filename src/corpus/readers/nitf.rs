//! NITF (News Industry Text Format), standalone or inside NewsML-G2 and ninjs: `body.content` is
//! the prose; headline from `hl1` or `title`, source from the copyright holder, date from
//! `date.issue`.

use super::tree::{self, Elem};
use super::Item;

pub fn read(xml: &str) -> Result<Item, String> {
    let root = tree::from_xml(xml)?;
    item_of(&root)
}

/// The item of a parsed `<nitf>` element (or an element containing one).
pub fn item_of(root: &Elem) -> Result<Item, String> {
    let nitf = if root.name == "nitf" {
        root
    } else {
        root.find("nitf").ok_or("no <nitf> element")?
    };
    let title = nitf
        .find("hl1")
        .and_then(Elem::text_opt)
        .or_else(|| nitf.find("title").and_then(Elem::text_opt));
    let source = nitf
        .find("doc.copyright")
        .and_then(|c| c.attr("holder").map(str::to_string))
        .or_else(|| nitf.find("distributor").and_then(Elem::text_opt));
    let date = ["date.issue", "date.release"].iter().find_map(|n| {
        nitf.find(n)
            .and_then(|d| d.attr("norm").map(str::to_string))
    });
    let lang = nitf.attr("lang").map(str::to_string).or_else(|| {
        nitf.find("body")
            .and_then(|b| b.attr("lang").map(str::to_string))
    });
    let paragraphs = nitf
        .find("body.content")
        .map(|b| tree::paragraphs(b, &|e: &Elem| e.name == "media"))
        .unwrap_or_default();
    Ok(Item {
        title,
        source,
        url: None,
        date,
        lang,
        paragraphs,
        summary_only: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_content_only() {
        let item = read(include_str!(
            "../../../tests/fixtures/sources/story.nitf.xml"
        ))
        .unwrap_or_default();
        assert_eq!(item.title.as_deref(), Some("Harbor bridge to stay closed"));
        assert_eq!(item.source.as_deref(), Some("Harbor Ledger"));
        assert_eq!(item.date.as_deref(), Some("20240314T101500+0100"));
        assert_eq!(item.paragraphs.len(), 2);
        assert!(!item.paragraphs.join(" ").contains("By Jane"));
    }
}
