//! `analysis::read` (parse + extract) on arbitrary UTF-8: never panics, every figure and
//! quotation span lies inside the text on char boundaries, and extraction through the language
//! server's per-sentence memo (shared by all inputs of a run, as by all edits of a session)
//! gives exactly what extraction without it gives.
#![no_main]

mod common;

use common::check_span;
use factlint::analysis;
use factlint::config::Config;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::LazyLock;

static MEMO: LazyLock<factlint::extract::Memo> = LazyLock::new(Default::default);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let config = Config::default();
    let path = if data.first().is_some_and(|b| b % 2 == 0) {
        Path::new("draft.md")
    } else {
        Path::new("draft.txt")
    };
    let (doc, facts) = analysis::read(text, Some(path), &config);
    assert_eq!(doc.masked.len(), text.len());
    let again = factlint::text::Document::parse_with(text, doc.kind, None, Some(&MEMO.text));
    assert_eq!(doc.sentences, again.sentences, "memo changed the sentences");
    let memoised = factlint::extract::extract_with(&doc, Some(&MEMO));
    assert_eq!(
        format!("{facts:?}"),
        format!("{memoised:?}"),
        "memo changed the facts"
    );
    for q in &facts.quantities {
        check_span(text, q.span, "quantity");
        check_span(text, q.number_span, "quantity number");
        assert!(
            q.span.contains(q.number_span) || q.number_span.is_empty(),
            "number outside figure"
        );
    }
    for q in &facts.quotes {
        check_span(text, q.span, "quote");
        check_span(text, q.inner, "quote inner");
        check_span(text, q.sentence_span, "quote sentence");
    }
});
