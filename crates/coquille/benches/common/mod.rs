//! What the rule benches share: the running text of Sequoia and a group that
//! times some rules alone on one document split once, outside the measure.

use coquille::{Context, Document, Rule, RuleOptions, Sink};
use criterion::{Criterion, Throughput};
use std::hint::black_box;

/// `../shared/eval/sequoia-fulldocs.running.txt`, or the file named by the
/// environment variable `var`; `None` (with a message naming `bench`) when
/// it cannot be read.
pub fn sequoia(var: &str, bench: &str) -> Option<String> {
    let path = std::env::var(var).unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/eval/sequoia-fulldocs.running.txt"
        )
        .to_string()
    });
    std::fs::read_to_string(&path)
        .map_err(|e| eprintln!("{bench} bench skipped: cannot read {path}: {e}"))
        .ok()
}

/// Times each of `rules` alone on `text`, in the group `name`.
pub fn bench_rules(c: &mut Criterion, name: &str, text: &str, rules: &[&dyn Rule]) {
    let doc = Document::new(text);
    let options = RuleOptions::default();
    for rule in rules {
        rule.warm_up();
    }
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    for &rule in rules {
        group.bench_function(rule.meta().id, |b| {
            b.iter(|| {
                let ctx = Context {
                    doc: black_box(&doc),
                    options: &options,
                    scratch: None,
                };
                let mut sink = Sink::new(rule.meta());
                rule.check(&ctx, &mut sink);
                sink.findings().len()
            })
        });
    }
    group.finish();
}
