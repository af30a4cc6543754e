//! `analysis::analyze` against a small in-memory corpus (English and German, built once):
//! never panics, every finding, evidence and fix span is valid, and applying each fix never
//! panics and keeps the text valid UTF-8 (guaranteed by `String`) around the edit. The shared
//! corpus keeps its memos across inputs, and analysis goes through the language server's
//! extraction memo, as in an editing session; the findings must equal those of a fresh corpus
//! without any memo.
#![no_main]

mod common;

use common::check_span;
use factlint::analysis;
use factlint::config::Config;
use factlint::corpus::Corpus;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

const CORPUS: &[(&str, &str)] = &[
    (
        "harbor.md",
        "---\nsource: Harbor Ledger\ntitle: Ferries\n---\nFerry service will run every 15 minutes during rush hour.\nThe city said about 68,000 cars cross the bridge each day.\n\"We will not raise fares this year,\" Mayor Lena Ortiz said.\n",
    ),
    (
        "bote.md",
        "---\nsource: Stadtbote\nlang: de\n---\nRund 1,3 Millionen Menschen besuchten das Fest, teilte die Stadt mit.\nDie Sanierung kostet mehr als 40 Millionen Euro.\n„Wir bauen weiter“, sagte Bürgermeisterin Anna Weber.\n",
    ),
    (
        "wire.txt",
        "Officials said more than 90,000 cars cross the bridge each day.\nThe temperature reached 38 °C on Tuesday, up 12 % from last year.\n",
    ),
];

fn memo() -> &'static factlint::analysis::Memo {
    static M: OnceLock<factlint::analysis::Memo> = OnceLock::new();
    M.get_or_init(Default::default)
}

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| Corpus::from_texts(CORPUS.iter().copied(), None))
}

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
    let corpus = corpus();
    let a = analysis::analyze_with(text, Some(path), corpus, &config, Some(memo()));
    let fresh = Corpus::from_texts(CORPUS.iter().copied(), None);
    let b = analysis::analyze(text, Some(path), &fresh, &config);
    assert_eq!(
        a.findings, b.findings,
        "memoised analysis differs from a fresh one"
    );
    for f in &a.findings {
        check_span(text, f.span, "finding");
        for e in &f.evidence {
            let doc = corpus
                .docs
                .iter()
                .find(|d| d.source.id == e.source.id)
                .map(|d| d.doc.text.as_str());
            if let Some(src) = doc {
                check_span(src, e.span, "evidence");
            }
        }
        for fix in &f.fixes {
            for e in &fix.edits {
                check_span(text, e.span, "fix edit");
            }
            let fixed = fix.apply(text);
            // Applying a fix and reading the result again must not panic either.
            let _ = analysis::read(&fixed, Some(path), &config);
        }
    }
});
