//! The leak corpus (`tests/fixtures/leaks/`): French article bodies carrying
//! the furniture of the pages they were taken from, each with the findings
//! expected (`NAME.expected.tsv`, same format as `data/samples/`). For every
//! rule that exists, each `must` row is matched (same rule, overlapping span)
//! and no `must-not` row is violated; rows of rules not registered yet are
//! skipped. For the rules whose expectations are complete there, every
//! finding must also be expected (`must` or `may`): no false alarm.

use coquille::{Checker, Document, Span, rules};
use std::path::PathBuf;

/// Rules for which the corpus lists every acceptable finding.
const COMPLETE: &[&str] = &["boilerplate", "glued-words", "truncated-text"];

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
            assert!(c.len() >= 5, "malformed row {l:?}");
            Row {
                kind: c[0].to_string(),
                rule: c[1].to_string(),
                span: Span::new(c[2].parse().unwrap(), c[3].parse().unwrap()),
                text: c[4].to_string(),
            }
        })
        .collect()
}

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
        for row in &expected {
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
                "must" if !matched => failures.push(format!(
                    "{name}: missed   {} {}-{} {:?}",
                    row.rule, row.span.start, row.span.end, row.text
                )),
                "must-not" if matched => failures.push(format!(
                    "{name}: violated {} {}-{} {:?}",
                    row.rule, row.span.start, row.span.end, row.text
                )),
                _ => {}
            }
            if row.kind != "may" {
                scored += 1;
            }
        }
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
    use coquille::{Context, RuleOptions, Sink};
    let options = RuleOptions::default();
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
            let doc = Document::new(t);
            let ctx = Context {
                doc: &doc,
                options: &options,
            };
            let mut sink = Sink::new(rule.meta());
            rule.check(&ctx, &mut sink);
            for f in sink.findings() {
                assert!(
                    t.is_char_boundary(f.span.start) && t.is_char_boundary(f.span.end),
                    "{id}: span {:?} not on char boundaries in {t:?}",
                    f.span
                );
            }
        }
    }
}
