//! Generates a deterministic, invented news corpus and drafts for benchmarks.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --docs 10000 --seed 1 --out target/bench/corpus-10000
//! cargo run --release --example gen_corpus -- --draft-words 2000 --draft-out target/bench/draft-2000.md
//! ```
//!
//! `--docs N --out DIR` writes N documents (`DIR/000/doc-000000.md`, …; about half German, half
//! English, in stories of five reports each) and `DIR/corpus.json` with counts and bytes; about
//! 900 bytes each, or at least B bytes with `--doc-bytes B` (news length: 3000; more paragraphs
//! about the same story, the first ones those of the short document).
//! `--draft-words W --draft-out FILE` writes a draft of at least W words (`--draft-lang de|en`,
//! default de) about the first stories, which every corpus with the same seed contains.
//! The same seed always gives the same bytes; a smaller corpus is a prefix of a larger one.

#[path = "../benches/common/gen.rs"]
mod gen;

use std::path::PathBuf;
use std::process::ExitCode;

struct Args {
    docs: Option<usize>,
    seed: u64,
    out: Option<PathBuf>,
    draft_words: Option<usize>,
    draft_out: Option<PathBuf>,
    draft_lang: gen::Lang,
    draft_stories: usize,
    doc_bytes: usize,
}

const USAGE: &str = "usage: gen_corpus [--docs N --out DIR [--doc-bytes B]] [--draft-words W --draft-out FILE [--draft-lang de|en] \
[--draft-stories K]] [--seed S]";

fn parse() -> Result<Args, String> {
    let mut a = Args {
        docs: None,
        seed: 1,
        out: None,
        draft_words: None,
        draft_out: None,
        draft_lang: gen::Lang::De,
        draft_stories: gen::DRAFT_STORIES,
        doc_bytes: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "-h" || flag == "--help" {
            return Err(USAGE.to_string());
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let num = |v: &str| {
            v.replace('_', "")
                .parse::<usize>()
                .map_err(|e| format!("{flag} {v}: {e}"))
        };
        match flag.as_str() {
            "--docs" => a.docs = Some(num(&value)?),
            "--seed" => a.seed = num(&value)? as u64,
            "--out" => a.out = Some(PathBuf::from(value)),
            "--draft-words" => a.draft_words = Some(num(&value)?),
            "--draft-out" => a.draft_out = Some(PathBuf::from(value)),
            "--draft-stories" => a.draft_stories = num(&value)?,
            "--doc-bytes" => a.doc_bytes = num(&value)?,
            "--draft-lang" => {
                a.draft_lang = gen::Lang::from_code(&value)
                    .ok_or(format!("--draft-lang {value}: use de or en"))?
            }
            _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
        }
    }
    if a.docs.is_some() != a.out.is_some() || a.draft_words.is_some() != a.draft_out.is_some() {
        return Err(format!(
            "--docs goes with --out, --draft-words with --draft-out\n{USAGE}"
        ));
    }
    if a.docs.is_none() && a.draft_words.is_none() {
        return Err(USAGE.to_string());
    }
    Ok(a)
}

fn write_corpus(
    seed: u64,
    n: usize,
    doc_bytes: usize,
    out: &std::path::Path,
) -> std::io::Result<(u64, usize)> {
    std::fs::create_dir_all(out)?;
    for folder in 0..n.div_ceil(1000) {
        std::fs::create_dir_all(out.join(format!("{folder:03}")))?;
    }
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8);
    let results: Vec<std::io::Result<(u64, usize)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || -> std::io::Result<(u64, usize)> {
                    let (mut bytes, mut de) = (0u64, 0usize);
                    for i in (t..n).step_by(threads) {
                        let text = gen::document_sized(seed, i, doc_bytes);
                        if text.contains("\nlang: de\n") {
                            de += 1;
                        }
                        bytes += text.len() as u64;
                        std::fs::write(out.join(gen::doc_path(i)), text)?;
                    }
                    Ok((bytes, de))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("generator thread panicked")))
            })
            .collect()
    });
    let (mut bytes, mut de) = (0, 0);
    for r in results {
        let (b, d) = r?;
        bytes += b;
        de += d;
    }
    Ok((bytes, de))
}

fn main() -> ExitCode {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let (Some(n), Some(out)) = (args.docs, &args.out) {
        let start = std::time::Instant::now();
        match write_corpus(args.seed, n, args.doc_bytes, out) {
            Ok((bytes, de)) => {
                let meta = format!(
                    "{{\"docs\": {n}, \"seed\": {}, \"bytes\": {bytes}, \"de\": {de}, \"en\": {}}}\n",
                    args.seed,
                    n - de
                );
                if let Err(e) = std::fs::write(out.join("corpus.json"), meta) {
                    eprintln!("gen_corpus: {}: {e}", out.display());
                    return ExitCode::FAILURE;
                }
                eprintln!(
                    "gen_corpus: {n} documents ({de} de, {} en, {:.1} MB) in {} in {:.2} s",
                    n - de,
                    bytes as f64 / 1e6,
                    out.display(),
                    start.elapsed().as_secs_f64()
                );
            }
            Err(e) => {
                eprintln!("gen_corpus: {}: {e}", out.display());
                return ExitCode::FAILURE;
            }
        }
    }
    if let (Some(w), Some(out)) = (args.draft_words, &args.draft_out) {
        let text = gen::draft(args.seed, w, args.draft_lang, args.draft_stories);
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(dir);
        }
        if let Err(e) = std::fs::write(out, &text) {
            eprintln!("gen_corpus: {}: {e}", out.display());
            return ExitCode::FAILURE;
        }
        eprintln!(
            "gen_corpus: draft of {} words ({}) in {}",
            text.split_whitespace().count(),
            args.draft_lang.code(),
            out.display()
        );
    }
    ExitCode::SUCCESS
}
