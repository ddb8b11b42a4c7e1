//! Throughput of the structure rules (`missing-sentence-boundary`,
//! `sentence-fragment`, `repeated-sentence`) on running French text.
//!
//! `cargo bench --bench structure_rules` reads
//! `../shared/eval/sequoia-fulldocs.running.txt` (or the file named by
//! `COQUILLE_STRUCTURE_BENCH_FILE`), pastes it eight times into one document
//! (≈ 2.6 MB, so `repeated-sentence` meets many copies and far ones), and
//! skips with a message when the file is absent. The document is split once,
//! outside the measure: only the rules are timed.

use coquille::rules::{MissingSentenceBoundary, RepeatedSentence, SentenceFragment};
use coquille::{Context, Document, Rule, RuleOptions, Sink};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn run(rule: &dyn Rule, doc: &Document<'_>, options: &RuleOptions) -> usize {
    let ctx = Context { doc, options };
    let mut sink = Sink::new(rule.meta());
    rule.check(&ctx, &mut sink);
    sink.findings().len()
}

fn bench(c: &mut Criterion) {
    let path = std::env::var("COQUILLE_STRUCTURE_BENCH_FILE").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/eval/sequoia-fulldocs.running.txt"
        )
        .to_string()
    });
    let one = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("structure_rules bench skipped: cannot read {path}: {e}");
            return;
        }
    };
    let text = [one.as_str(); 8].join("\n\n");
    let doc = Document::new(&text);
    let options = RuleOptions::default();
    let rules: [&dyn Rule; 3] = [
        &MissingSentenceBoundary,
        &SentenceFragment,
        &RepeatedSentence,
    ];
    for rule in rules {
        rule.warm_up();
    }
    let mut group = c.benchmark_group("structure_rules");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    for rule in rules {
        group.bench_function(rule.meta().id, |b| {
            b.iter(|| run(rule, black_box(&doc), &options))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
