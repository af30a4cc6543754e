//! Load time and memory of the lexicons (`cargo run --release --example lexicon_cost`), and
//! word pairs to try: `… -- de Verspätung Verzögerung en late delay`.
use factlint::lang::{lexicon, Lang};
use std::time::Instant;

fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

fn main() {
    for lang in Lang::ALL {
        let before = rss_kib();
        let t = Instant::now();
        let lex = lexicon::lexicon(lang);
        println!(
            "{lang}: {} stems ({} KiB) from {} in {:?}, RSS +{} KiB (available: {})",
            lex.len(),
            lex.heap_bytes() / 1024,
            lexicon::source(lang).display(),
            t.elapsed(),
            rss_kib().saturating_sub(before),
            lexicon::available(lang)
        );
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut lang = Lang::De;
    let mut i = 0;
    while i < args.len() {
        if let Some(l) = Lang::from_code(&args[i]) {
            lang = l;
            i += 1;
            continue;
        }
        if let Some(b) = args.get(i + 1) {
            let t = Instant::now();
            let r = lexicon::related(lang, &args[i], b);
            println!("{lang} {} ~ {}: {r} ({:?})", args[i], b, t.elapsed());
        }
        i += 2;
    }
}
