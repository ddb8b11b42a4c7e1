//! The leak corpus (`tests/fixtures/leaks/`): French article bodies carrying
//! the furniture of the pages they were taken from, each with the findings
//! expected (`NAME.expected.tsv`, same format as `data/samples/`). For every
//! rule that exists, each `must` row is matched (same rule, overlapping span)
//! and no `must-not` row is violated; rows of rules not registered yet are
//! skipped. For the rules whose expectations are complete there, every
//! finding must also be expected (`must` or `may`): no false alarm.

mod common;

use common::rows;
use coquille::{Checker, Document, rules};
use std::path::PathBuf;

/// Rules for which the corpus lists every acceptable finding.
const COMPLETE: &[&str] = &["boilerplate", "glued-words", "truncated-text"];

fn articles() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/fixtures/leaks")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "txt") && !p.to_string_lossy().ends_with(".md")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn corpus_is_large_enough_and_consistent() {
    let files = articles();
    assert!(files.len() >= 30, "only {} articles", files.len());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let tsv = file.with_extension("expected.tsv");
        let tsv = std::fs::read_to_string(&tsv)
            .unwrap_or_else(|_| panic!("{} has no expected.tsv", file.display()));
        for row in rows(&tsv) {
            assert!(
                matches!(row.kind.as_str(), "must" | "must-not" | "may"),
                "{}: bad kind {}",
                file.display(),
                row.kind
            );
            let shown = row
                .span
                .slice(&text)
                .replace('\n', "\\n")
                .replace('\u{a0}', "\\u00a0");
            assert_eq!(shown, row.text, "{}: offsets do not match", file.display());
        }
    }
}

#[test]
fn leak_corpus_meets_its_expectations() {
    let checker = Checker::default();
    let mut scored = 0;
    let mut failures = Vec::new();
    for file in articles() {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let expected = rows(&std::fs::read_to_string(file.with_extension("expected.tsv")).unwrap());
        let findings = checker.findings(&Document::new(&text));
        scored += common::score(&name, &findings, &expected, &mut failures);
        for f in findings.iter().filter(|f| COMPLETE.contains(&f.rule)) {
            let expected_here = expected.iter().any(|r| {
                r.rule == f.rule && (r.kind == "must" || r.kind == "may") && r.span.overlaps(f.span)
            });
            if !expected_here {
                failures.push(format!(
                    "{name}: unexpected {} {}-{} {:?}: {}",
                    f.rule,
                    f.span.start,
                    f.span.end,
                    f.span.slice(&text),
                    f.message
                ));
            }
        }
    }
    assert!(scored > 0, "no row of an existing rule was scored");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The leak rules never panic, whatever piece of a page they are given:
/// every prefix and suffix of every article, cut at char boundaries.
#[test]
fn leak_rules_survive_any_cut() {
    let extra = [
        "",
        "…",
        "...",
        "[…]",
        "(...)",
        "À",
        "aB",
        "\n\n…\n",
        "🎄",
        "|",
        " | ",
        "a…\n",
        "l'…",
        "’…",
        "Tout voir\u{a0}",
        "[…",
        "…]",
    ];
    let mut texts: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    for file in articles() {
        let text = std::fs::read_to_string(&file).unwrap();
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .step_by(5)
            .collect();
        for &i in &bounds {
            texts.push(text[..i].to_string());
            texts.push(text[i..].to_string());
        }
    }
    for id in COMPLETE {
        let Some(rule) = rules::by_id(id) else {
            continue;
        };
        for t in &texts {
            common::assert_rule_sound(rule, t);
        }
    }
}
