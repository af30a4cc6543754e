//! Engine benchmarks (criterion), on generated drafts and corpora (`benches/common/gen.rs`, the same
//! generator as `examples/gen_corpus.rs`, seed 1):
//!
//! - `read/draft-2000w`: parse + extract of a 2,000-word German draft (`analysis::read`);
//! - `analyze/draft-2000w/corpus-1000`: `analysis::analyze` of that draft against 1,000 documents;
//! - `corpus/index-1000`: reading and indexing those 1,000 documents (`Corpus::from_texts`).
//!
//! `cargo bench --bench engine` (add `-- read` to run one group). Whole-process figures (CLI,
//! language server, 10,000 and 100,000 documents) come from `scripts/bench.sh`.

#[path = "common/gen.rs"]
mod gen;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use factlint::analysis;
use factlint::config::Config;
use factlint::corpus::Corpus;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const SEED: u64 = 1;
const CORPUS_DOCS: usize = 1000;

fn corpus_texts(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| (gen::doc_path(i), gen::document(SEED, i)))
        .collect()
}

fn build_corpus(texts: &[(String, String)]) -> Corpus {
    Corpus::from_texts(texts.iter().map(|(p, t)| (p.as_str(), t.as_str())), None)
}

fn read(c: &mut Criterion) {
    let draft = gen::draft(SEED, 2000, gen::Lang::De, gen::DRAFT_STORIES);
    let config = Config::default();
    let path = Path::new("draft.md");
    let mut g = c.benchmark_group("read");
    g.throughput(Throughput::Bytes(draft.len() as u64));
    g.bench_function("draft-2000w", |b| {
        b.iter(|| analysis::read(black_box(&draft), Some(path), &config))
    });
    g.finish();
}

fn analyze(c: &mut Criterion) {
    let draft = gen::draft(SEED, 2000, gen::Lang::De, gen::DRAFT_STORIES);
    let corpus = build_corpus(&corpus_texts(CORPUS_DOCS));
    let config = Config::default();
    let path = Path::new("draft.md");
    let mut g = c.benchmark_group("analyze");
    g.sample_size(20).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Bytes(draft.len() as u64));
    g.bench_function(format!("draft-2000w/corpus-{CORPUS_DOCS}"), |b| {
        b.iter(|| analysis::analyze(black_box(&draft), Some(path), &corpus, &config))
    });
    g.finish();
}

fn index(c: &mut Criterion) {
    let texts = corpus_texts(CORPUS_DOCS);
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group("corpus");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("index-{CORPUS_DOCS}"), |b| {
        b.iter_batched(
            || (),
            |_| build_corpus(black_box(&texts)),
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, read, analyze, index);
criterion_main!(benches);
