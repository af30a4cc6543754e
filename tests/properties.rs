//! Property tests for engine invariants: spans on char boundaries inside the document, masked
//! text of the same length, deterministic findings, fixes that never corrupt surrounding text.

use factlint::analysis;
use factlint::config::Config;
use factlint::corpus::Corpus;
use factlint::text::{DocKind, Document, LineIndex};
use proptest::prelude::*;

/// Text drawn from news-like pieces, Markdown syntax and awkward characters.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::collection::vec(
        prop_oneof![
            Just("Der Hafen war etwa 45 Minuten gesperrt. ".to_string()),
            Just("„Wir arbeiten daran“, sagte Musk. ".to_string()),
            Just("About 90,000 vehicles cross the bridge, officials said. ".to_string()),
            Just("Laut Feuerwehr wurden 14 Menschen verletzt. ".to_string()),
            Just("\"This is it,\" he said.\n".to_string()),
            Just("# Titel 3\n\n".to_string()),
            Just("- Punkt 1,5 Mio. Euro\n".to_string()),
            Just("```\ncode 5\n```\n".to_string()),
            Just("<!-- factlint-disable -->".to_string()),
            Just("---\ntitle: x\n---\n".to_string()),
            Just("[Link](http://x.example/7) ".to_string()),
            Just("😀 ".to_string()),
            Just("\r\n".to_string()),
            Just("z. B. am 13. Juli um 9:42 p.m. ".to_string()),
            Just("»Nein« ‚ja‘ ".to_string()),
            "[\\PC]{0,12}".prop_map(|s| s),
        ],
        0..16,
    );
    pieces.prop_map(|v| v.concat())
}

fn corpus() -> Corpus {
    Corpus::from_texts(
        [
            ("a.md", "---\nsource: Hafenkurier\n---\nDer Hafen war mehr als 40 Minuten gesperrt. Laut Feuerwehr wurden 14 Menschen verletzt.\n"),
            ("b.md", "About 68,000 vehicles cross the bridge every day, officials said. \"This is it,\" Brooks said.\n"),
        ],
        None,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn document_spans_are_valid(text in newsy(), plain in any::<bool>()) {
        let kind = if plain { DocKind::Plain } else { DocKind::Markdown };
        let d = Document::parse(&text, kind, None);
        prop_assert_eq!(d.masked.len(), text.len());
        for s in &d.sentences {
            prop_assert!(s.span.start <= s.span.end && s.span.end <= text.len());
            prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
        }
    }

    #[test]
    fn findings_are_valid_and_deterministic(text in newsy()) {
        let c = corpus();
        let cfg = Config::default();
        let a = analysis::analyze(&text, None, &c, &cfg);
        let b = analysis::analyze(&text, None, &c, &cfg);
        prop_assert_eq!(&a.findings, &b.findings);
        let spans = a.findings.iter().map(|f| f.span)
            .chain(a.facts.quantities.iter().map(|q| q.span))
            .chain(a.facts.quotes.iter().map(|q| q.span))
            .chain(a.facts.attributions.iter().map(|q| q.cue));
        for s in spans {
            prop_assert!(s.start <= s.end && s.end <= text.len(), "{s:?}");
            prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{s:?}");
        }
        for f in &a.findings {
            for fix in &f.fixes {
                let fixed = fix.apply(&text);
                // Text before the first edit and after the last edit is untouched.
                let first = fix.edits.iter().map(|e| e.span.start).min().unwrap_or(0);
                let last = fix.edits.iter().map(|e| e.span.end).max().unwrap_or(0);
                prop_assert!(fixed.starts_with(&text[..first]));
                prop_assert!(fixed.ends_with(&text[last..]));
            }
        }
    }

    #[test]
    fn line_columns_round_trip(text in newsy()) {
        let idx = LineIndex::new(&text);
        for (off, _) in text.char_indices() {
            let lc = idx.line_col(&text, off);
            let line_start = idx.line_start(lc.line - 1);
            prop_assert_eq!(line_start + lc.col_byte - 1, off);
            let prefix = &text[line_start..off];
            prop_assert_eq!(prefix.encode_utf16().count() + 1, lc.col_utf16);
        }
    }
}
