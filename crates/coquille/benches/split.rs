//! Throughput of the sentence splitter alone on the Sequoia running text.
//!
//! `cargo bench --bench split` (reads `../shared/eval/sequoia-fulldocs.running.txt`,
//! or the file named by `COQUILLE_SPLIT_BENCH_FILE`; skips with a message when
//! it is absent).

use coquille::document::split_blocks;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let path = std::env::var("COQUILLE_SPLIT_BENCH_FILE").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/eval/sequoia-fulldocs.running.txt"
        )
        .to_string()
    });
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("split bench skipped: cannot read {path}: {e}");
            return;
        }
    };
    coquille::split::warm_up();
    let blocks = split_blocks(&text);
    let mut group = c.benchmark_group("split");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("sequoia, per block", |b| {
        b.iter(|| {
            let mut n = 0;
            for block in &blocks {
                n += coquille::split::split(black_box(block.slice(&text))).len();
            }
            n
        })
    });
    group.bench_function("sequoia, one block", |b| {
        b.iter(|| coquille::split::split(black_box(&text)).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
