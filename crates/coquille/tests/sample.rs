//! Scores the checker against every `data/samples/*.expected.tsv`: each `must`
//! row of an existing rule is matched (same rule, or a finding that names it
//! in `related`, with an overlapping span) and no
//! `must-not` row is violated. Rows of rules that do not exist yet are skipped,
//! so the test grows by itself as rules are added.

use coquille::{Checker, Document, Span, rules};
use std::path::Path;

struct Row {
    kind: String,
    rule: String,
    span: Span,
    text: String,
}

fn rows(tsv: &str) -> Vec<Row> {
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            Row {
                kind: c[0].to_string(),
                rule: c[1].to_string(),
                span: Span::new(c[2].parse().unwrap(), c[3].parse().unwrap()),
                text: c.get(4).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

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
        for row in rows(&std::fs::read_to_string(&tsv_path).unwrap()) {
            if rules::by_id(&row.rule).is_none() {
                continue;
            }
            // A defect several rules see is reported once, by the most
            // specific rule; the others are named in `related`.
            let matched = findings.iter().any(|f| {
                (f.rule == row.rule || f.related.contains(&row.rule.as_str()))
                    && f.span.overlaps(row.span)
            });
            match row.kind.as_str() {
                "must" => {
                    scored += 1;
                    if !matched {
                        failures.push(format!(
                            "{name}: missed   {} {}-{} {:?}",
                            row.rule, row.span.start, row.span.end, row.text
                        ));
                    }
                }
                "must-not" => {
                    scored += 1;
                    if matched {
                        failures.push(format!(
                            "{name}: violated {} {}-{} {:?}",
                            row.rule, row.span.start, row.span.end, row.text
                        ));
                    }
                }
                _ => {}
            }
        }
    }
    assert!(scored > 0, "no row of an existing rule was scored");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
