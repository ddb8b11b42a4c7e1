//! Throughput of the whole checker: every default rule, with the document
//! split into blocks and sentences and the report built, as `coquille check`
//! and the server run it.
//!
//! `cargo bench --bench checker` measures one document of
//! `../shared/eval/sequoia-fulldocs.running.txt` (327 kB of careful French;
//! another file with `COQUILLE_CHECKER_BENCH_FILE`, skipped with a message
//! when absent) and the sample article `data/samples/allinfo-poutine-bielorussie.txt`
//! (4 kB, full of defects). Criterion reports MiB/s.

use coquille::{Checker, rules};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const SAMPLE: &str = include_str!("../../../data/samples/allinfo-poutine-bielorussie.txt");

fn bench(c: &mut Criterion) {
    let checker = Checker::default();
    for rule in rules::ALL {
        rule.warm_up();
    }
    let path = std::env::var("COQUILLE_CHECKER_BENCH_FILE").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/eval/sequoia-fulldocs.running.txt"
        )
        .to_string()
    });
    let mut inputs = vec![("sample", SAMPLE.to_string())];
    match std::fs::read_to_string(&path) {
        Ok(text) => inputs.insert(0, ("sequoia", text)),
        Err(e) => eprintln!("checker bench: Sequoia part skipped: cannot read {path}: {e}"),
    }
    let mut group = c.benchmark_group("checker");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| checker.check_text(black_box(text)).findings.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
