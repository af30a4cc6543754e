//! DOCX (Word): `word/document.xml` from the zip, each `w:p` a paragraph of its `w:t` runs;
//! title, author, date and language from `docProps/core.xml`.

use super::tree::{self, Elem, Node};
use super::Item;
use std::io::Read;

/// Largest uncompressed part read (a zip bomb is refused, not inflated).
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("malformed DOCX: {e}")),
    };
    if file.size() > MAX_PART_BYTES {
        return Err(format!("{name} in the DOCX is too large"));
    }
    let mut s = String::new();
    file.take(MAX_PART_BYTES)
        .read_to_string(&mut s)
        .map_err(|e| format!("malformed DOCX: {e}"))?;
    Ok(Some(s))
}

pub fn read(bytes: &[u8]) -> Result<Item, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip/DOCX file: {e}"))?;
    let doc = part(&mut archive, "word/document.xml")?
        .ok_or("a zip file without word/document.xml (not a DOCX)")?;
    let root = tree::from_xml(&doc)?;
    let mut paragraphs = Vec::new();
    for p in root.find_all("p") {
        let mut s = String::new();
        runs(p, &mut s);
        let s = tree::collapse(&s);
        if !s.is_empty() {
            paragraphs.push(s);
        }
    }
    let mut item = Item {
        paragraphs,
        ..Item::default()
    };
    if let Some(core) = part(&mut archive, "docProps/core.xml")? {
        if let Ok(c) = tree::from_xml(&core) {
            item.title = c.find("title").and_then(Elem::text_opt);
            item.source = c.find("creator").and_then(Elem::text_opt);
            item.date = c.find("created").and_then(Elem::text_opt);
            item.lang = c.find("language").and_then(Elem::text_opt);
        }
    }
    if item.title.is_none() {
        item.title = item
            .paragraphs
            .first()
            .filter(|p| p.chars().count() <= 150)
            .cloned();
    }
    Ok(item)
}

/// The text runs of a paragraph (`w:t`, tabs and breaks as spaces), not nested paragraphs.
fn runs(e: &Elem, out: &mut String) {
    for c in &e.children {
        if let Node::Elem(c) = c {
            match c.name.as_str() {
                "t" => out.push_str(&c.text_with_lines()),
                "tab" | "br" | "cr" => out.push(' '),
                "p" | "delText" | "deltext" | "instrtext" => {}
                _ => runs(c, out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_core_properties() {
        let item = read(include_bytes!(
            "../../../tests/fixtures/sources/transcript.docx"
        ))
        .unwrap_or_default();
        assert_eq!(item.title.as_deref(), Some("Pressekonferenz Hafenbrücke"));
        assert_eq!(item.paragraphs.len(), 2, "{:?}", item.paragraphs);
        assert!(item.paragraphs[1].contains("bis Ende Mai"));
    }

    #[test]
    fn broken_zips_are_errors() {
        let full = include_bytes!("../../../tests/fixtures/sources/transcript.docx");
        assert!(read(b"PK\x03\x04 broken").is_err());
        for cut in [4, full.len() / 2, full.len() - 10] {
            assert!(read(&full[..cut]).is_err());
        }
    }
}
