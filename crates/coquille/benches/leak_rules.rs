//! Throughput of the web-page leak rules (`boilerplate`, `glued-words`,
//! `truncated-text`) on running French text with page furniture in it.
//!
//! `cargo bench --bench leak_rules` reads
//! `../shared/eval/sequoia-fulldocs.running.txt` (or the file named by
//! `COQUILLE_LEAK_BENCH_FILE`), adds every article of
//! `tests/fixtures/leaks/` so that the rules find something, pastes the lot
//! four times into one document (≈ 1.5 MB), and skips with a message when
//! the file is absent. The document is split once, outside the measure: only
//! the rules are timed.

use coquille::rules::{Boilerplate, GluedWords, TruncatedText};
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
    let path = std::env::var("COQUILLE_LEAK_BENCH_FILE").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/eval/sequoia-fulldocs.running.txt"
        )
        .to_string()
    });
    let mut one = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("leak_rules bench skipped: cannot read {path}: {e}");
            return;
        }
    };
    let mut leaks: Vec<_> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/leaks"))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
    leaks.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    leaks.sort();
    for p in leaks {
        if let Ok(t) = std::fs::read_to_string(&p) {
            one.push_str("\n\n");
            one.push_str(&t);
        }
    }
    let text = [one.as_str(); 4].join("\n\n");
    let doc = Document::new(&text);
    let options = RuleOptions::default();
    let rules: [&dyn Rule; 3] = [&Boilerplate, &GluedWords, &TruncatedText];
    for rule in rules {
        rule.warm_up();
    }
    let mut group = c.benchmark_group("leak_rules");
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
