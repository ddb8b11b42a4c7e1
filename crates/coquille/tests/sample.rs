//! Scores the checker against every `data/samples/*.expected.tsv`: each `must`
//! row of an existing rule is matched (same rule, or a finding that names it
//! in `related`, with an overlapping span) and no
//! `must-not` row is violated. Rows of rules that do not exist yet are skipped,
//! so the test grows by itself as rules are added.

mod common;

use common::rows;
use coquille::{Checker, Document};
use std::path::Path;

#[test]
fn samples_meet_their_expectations() {
    let checker = Checker::default();
    let mut scored = 0;
    let mut failures = Vec::new();
    let mut samples: Vec<_> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(".expected.tsv"))
            .collect();
    samples.sort();
    assert!(!samples.is_empty(), "no sample expectations found");
    for tsv_path in samples {
        let name = tsv_path.to_string_lossy().replace(".expected.tsv", ".txt");
        let text = std::fs::read_to_string(Path::new(&name)).unwrap();
        let findings = checker.findings(&Document::new(&text));
        let expected = rows(&std::fs::read_to_string(&tsv_path).unwrap());
        scored += common::score(&name, &findings, &expected, &mut failures);
    }
    assert!(scored > 0, "no row of an existing rule was scored");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
