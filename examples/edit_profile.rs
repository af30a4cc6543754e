//! Per-edit engine cost, phase by phase: loads a corpus (with its cache), then re-analyses a
//! draft after one-character edits in its middle, as the language server does on typing.
//!
//! `cargo run --release --example edit_profile -- CORPUS DRAFT [EDITS]`
//! (run under `perf record --call-graph dwarf` for a profile of the steady state).

use factlint::config::Config;
use factlint::corpus::{self, LoadOptions};
use factlint::text::{DocKind, Document};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: edit_profile CORPUS DRAFT [EDITS]");
        std::process::exit(2);
    }
    let edits: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(50);
    let config = Config::default();
    let opts = LoadOptions {
        lang: None,
        progress: None,
        cache_dir: config.effective_cache_dir(),
    };
    let t = Instant::now();
    let (corpus, _) = corpus::load::load(&[args[1].clone().into()], &opts);
    eprintln!("corpus: {} docs in {:?}", corpus.docs.len(), t.elapsed());
    let mut text = std::fs::read_to_string(&args[2]).unwrap_or_default();
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    let mid = text[..half].rfind(". ").map_or(0, |i| i + 2);
    let typed = "Die Polizei sprach am Abend von 12 Verletzten. ";
    let memo = factlint::extract::Memo::default();
    let (mut parse, mut read, mut check) = (0f64, 0f64, 0f64);
    let _ = factlint::analysis::analyze(&text, None, &corpus, &config);
    for i in 0..edits {
        let k = i % typed.len();
        if (i / typed.len()).is_multiple_of(2) {
            text.insert_str(mid + k, &typed[k..k + 1]);
        } else {
            text.remove(mid + typed.len() - 1 - k);
        }
        let t = Instant::now();
        let doc = Document::parse_with(&text, DocKind::Markdown, config.language, Some(&memo.text));
        parse += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let facts = factlint::extract::extract_with(&doc, Some(&memo));
        read += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let f = factlint::rules::run(&doc, &facts, &corpus, &config);
        check += t.elapsed().as_secs_f64();
        std::hint::black_box(f);
    }
    let n = edits.max(1) as f64;
    eprintln!(
        "per edit: parse {:.2} ms, extract {:.2} ms, rules (matches+checks) {:.2} ms",
        parse * 1e3 / n,
        read * 1e3 / n,
        check * 1e3 / n
    );
}
