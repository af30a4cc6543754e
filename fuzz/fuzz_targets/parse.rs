//! `Document::parse` on arbitrary UTF-8, as Markdown and as plain text.
//! Invariants: `masked` has the same byte length as the text (and keeps every newline), and every
//! block and sentence span lies inside the text on char boundaries, sentences in order.
#![no_main]

mod common;

use common::check_span;
use factlint::lang::Lang;
use factlint::text::{DocKind, Document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The first byte picks the configured language, so all three paths are exercised.
    let lang = match data.first().map(|b| b % 3) {
        Some(0) => Some(Lang::De),
        Some(1) => Some(Lang::En),
        _ => None,
    };
    for kind in [DocKind::Markdown, DocKind::Plain] {
        let doc = Document::parse(text, kind, lang);
        assert_eq!(doc.text, text);
        assert_eq!(
            doc.masked.len(),
            text.len(),
            "masked length differs ({kind:?})"
        );
        for (a, b) in text.bytes().zip(doc.masked.bytes()) {
            if a == b'\n' {
                assert_eq!(b, b'\n', "masking removed a newline ({kind:?})");
            }
        }
        for b in &doc.blocks {
            check_span(text, b.span, "block");
            check_span(&doc.masked, b.span, "block (masked)");
        }
        let mut prev = 0;
        for s in &doc.sentences {
            check_span(text, s.span, "sentence");
            check_span(&doc.masked, s.span, "sentence (masked)");
            assert!(s.block < doc.blocks.len(), "sentence names a missing block");
            assert!(s.span.start >= prev, "sentences out of order ({kind:?})");
            prev = s.span.end;
            let _ = doc.sentence_at(s.span.start);
        }
        if let Some(fm) = doc.front_matter {
            check_span(text, fm, "front matter");
        }
        for f in &doc.footnotes {
            check_span(text, *f, "footnote");
        }
    }
});
