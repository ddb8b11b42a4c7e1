//! Throughput of the structure rules (`missing-sentence-boundary`,
//! `sentence-fragment`, `repeated-sentence`) on running French text.
//!
//! `cargo bench --bench structure_rules` reads
//! `../shared/eval/sequoia-fulldocs.running.txt` (or the file named by
//! `COQUILLE_STRUCTURE_BENCH_FILE`), pastes it eight times into one document
//! (≈ 2.6 MB, so `repeated-sentence` meets many copies and far ones), and
//! skips with a message when the file is absent. The document is split once,
//! outside the measure: only the rules are timed.

mod common;

use coquille::rules::{MissingSentenceBoundary, RepeatedSentence, SentenceFragment};
use criterion::{Criterion, criterion_group, criterion_main};

fn bench(c: &mut Criterion) {
    let Some(one) = common::sequoia("COQUILLE_STRUCTURE_BENCH_FILE", "structure_rules") else {
        return;
    };
    let text = [one.as_str(); 8].join("\n\n");
    common::bench_rules(
        c,
        "structure_rules",
        &text,
        &[
            &MissingSentenceBoundary,
            &SentenceFragment,
            &RepeatedSentence,
        ],
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
