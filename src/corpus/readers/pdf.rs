//! PDF (text layer, pdf-extract): pages' text joined into paragraphs (hard-wrapped lines joined,
//! hyphenation at line ends undone); lines that repeat on most pages (running headers, footers)
//! and bare page numbers are dropped. The title is the document information's `Title`, else the
//! first short paragraph. Encrypted or image-only PDFs are errors with that reason.

use super::tree;
use super::Item;
use std::collections::HashMap;

pub fn read(bytes: &[u8]) -> Result<Item, String> {
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|e| format!("malformed PDF: {e}"))?;
    if doc.is_encrypted() {
        return Err("encrypted PDF".into());
    }
    let info_title = info_string(&doc, b"Title");
    let info_author = info_string(&doc, b"Author");
    let pages = pdf_extract::extract_text_from_mem_by_pages(bytes)
        .map_err(|e| format!("cannot read the PDF's text: {e}"))?;
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err("the PDF has no text layer (scanned or image-only)".into());
    }
    // Lines on most pages of a multi-page document are running headers or footers.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for p in &pages {
        let mut seen: Vec<String> = p
            .lines()
            .map(tree::collapse)
            .filter(|l| !l.is_empty())
            .collect();
        seen.sort();
        seen.dedup();
        for l in seen {
            *counts.entry(l).or_default() += 1;
        }
    }
    let repeated =
        |l: &str| pages.len() >= 3 && counts.get(l).copied().unwrap_or(0) * 2 > pages.len();
    let mut text = String::new();
    for p in &pages {
        for line in p.lines() {
            let l = tree::collapse(line);
            if l.chars().all(|c| c.is_ascii_digit()) && !l.is_empty() || repeated(&l) {
                continue;
            }
            text.push_str(&l);
            text.push('\n');
        }
        text.push('\n');
    }
    let paragraphs: Vec<String> = tree::text_paragraphs(&dehyphenate(&text));
    let title = info_title.or_else(|| {
        paragraphs
            .first()
            .filter(|p| p.chars().count() <= 150)
            .cloned()
    });
    Ok(Item {
        title,
        source: info_author,
        url: None,
        date: None,
        lang: None,
        paragraphs,
        summary_only: false,
    })
}

/// "Verkehrs-\nminister" → "Verkehrsminister" (a hyphen at a line end before a lower-case letter).
fn dehyphenate(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let next_lower = lines
            .peek()
            .and_then(|n| n.chars().next())
            .is_some_and(char::is_lowercase);
        if let Some(stem) = line
            .strip_suffix('-')
            .filter(|s| next_lower && s.chars().last().is_some_and(char::is_alphabetic))
        {
            out.push_str(stem);
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn info_string(doc: &pdf_extract::Document, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let dict = match info {
        pdf_extract::Object::Reference(id) => doc.get_dictionary(*id).ok()?,
        pdf_extract::Object::Dictionary(d) => d,
        _ => return None,
    };
    let v = dict.get(key).ok()?;
    let bytes = v.as_str().ok()?;
    let s = if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    };
    Some(tree::collapse(&s)).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_layer_paragraphs() {
        let item = read(include_bytes!(
            "../../../tests/fixtures/sources/release.pdf"
        ))
        .unwrap_or_default();
        let text = item.paragraphs.join("\n");
        assert!(
            text.contains("Die Hafenbrücke bleibt bis Ende Mai gesperrt"),
            "{text}"
        );
    }

    #[test]
    fn broken_pdfs_are_errors() {
        let full = include_bytes!("../../../tests/fixtures/sources/release.pdf");
        assert!(read(b"%PDF-1.4 garbage").is_err());
        for cut in [10, full.len() / 3, full.len() / 2] {
            let _ = std::panic::catch_unwind(|| read(&full[..cut]));
        }
    }

    #[test]
    fn hyphens_at_line_ends_are_joined() {
        assert_eq!(
            dehyphenate("Verkehrs-\nminister sagt"),
            "Verkehrsminister sagt\n"
        );
        assert_eq!(dehyphenate("Nord-\nSüd"), "Nord-\nSüd\n");
    }
}
