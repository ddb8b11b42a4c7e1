//! Throughput of the untranslated-English detector alone on careful French
//! (`../shared/eval/sequoia-fulldocs.running.txt`, read at bench time), one
//! thread, paragraph by paragraph as the rule runs it.
//!
//! ```text
//! cargo bench --bench english
//! ```

use coquille::document::split_blocks;
use coquille::lang::english;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/eval/sequoia-fulldocs.running.txt"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("english bench: {path} not found, skipped");
        return;
    };
    english::warm_up();
    let blocks = split_blocks(&text);
    let mut group = c.benchmark_group("untranslated-english");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("sequoia-fulldocs.running.txt", |b| {
        b.iter(|| {
            let mut n = 0;
            for block in &blocks {
                n += english::english_spans(black_box(block.slice(&text))).len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
