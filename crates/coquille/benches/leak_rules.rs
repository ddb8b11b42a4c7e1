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

mod common;

use coquille::rules::{Boilerplate, GluedWords, TruncatedText};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let Some(mut one) = common::sequoia("COQUILLE_LEAK_BENCH_FILE", "leak_rules") else {
        return;
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
    common::bench_rules(
        c,
        "leak_rules",
        &text,
        &[&Boilerplate, &GluedWords, &TruncatedText],
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
