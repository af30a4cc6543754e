//! Engine benchmarks (criterion): placeholder until the benchmark suite lands.

use criterion::{criterion_group, criterion_main, Criterion};

fn parse(c: &mut Criterion) {
    let text = "Der Hafen war am Dienstag sechs Stunden lang gesperrt. Laut Feuerwehr wurden 14 Menschen verletzt.\n".repeat(50);
    c.bench_function("parse+extract 100 sentences", |b| {
        b.iter(|| factlint::analysis::read(&text, None, &factlint::config::Config::default()))
    });
}

criterion_group!(benches, parse);
criterion_main!(benches);
