//! Throughput of each rule alone, every rule of `rules::ALL`, on newswire
//! and on machine-translated text.
//!
//! `cargo bench -p coquille --bench rules` times each rule on
//! `../shared/eval/sequoia-fulldocs.running.txt` (group `rules-newswire`)
//! and on the 50 pages of `eval/mt/` joined into one document (group
//! `rules-mt`, 88 kB). Each document is split once, outside the measure.
//! A missing corpus fails the bench with its path. Filter with criterion's
//! argument: `cargo bench -p coquille --bench rules -- untranslated`.

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;

fn bench(c: &mut Criterion) {
    let newswire = common::sequoia("COQUILLE_RULES_BENCH_FILE", "rules")
        .expect("rules bench: the newswire corpus is needed");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/mt");
    let mut pages: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("rules bench: cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    pages.sort();
    let mt: Vec<String> = pages
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect();
    assert!(!mt.is_empty(), "rules bench: no page in {}", dir.display());
    let rules: Vec<&dyn coquille::Rule> = coquille::rules::ALL.to_vec();
    common::bench_rules(c, "rules-newswire", &newswire, &rules);
    common::bench_rules(c, "rules-mt", &mt.join("\n\n"), &rules);
}

criterion_group!(benches, bench);
criterion_main!(benches);
