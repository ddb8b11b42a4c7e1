//! The fixture convention: `tests/fixtures/<rule-id>.txt` holds realistic
//! text for one rule, with ⟦ ⟧ around each finding it must report and `#`
//! comment lines. The rule runs alone on the whole text, comment lines
//! removed, and must report exactly the marked spans. Examples that must not
//! see each other are paragraphs of their own (a blank line between them).
//!
//! Every fixture names a rule of `rules::ALL`, and every rule with a fixture
//! is checked here.

mod common;

use coquille::{Span, rules};
use std::path::Path;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

/// Text without comment lines and marks, and the marked spans in it.
fn parse(fixture: &str) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut open = None;
    for line in fixture.split_inclusive('\n') {
        if line.starts_with('#') {
            continue;
        }
        for c in line.chars() {
            match c {
                '⟦' => open = Some(text.len()),
                '⟧' => spans.push(Span::new(open.take().expect("unbalanced ⟧"), text.len())),
                c => text.push(c),
            }
        }
    }
    assert!(open.is_none(), "unbalanced ⟦");
    (text, spans)
}

/// The differences between what the rule reports on its fixture and the
/// marks, as messages.
fn check(path: &Path) -> Vec<String> {
    let id = path.file_stem().unwrap().to_string_lossy();
    let Some(rule) = rules::by_id(&id) else {
        return vec![format!("{}: names no rule", path.display())];
    };
    let fixture = std::fs::read_to_string(path).unwrap();
    let (text, expected) = parse(&fixture);
    let got: Vec<Span> = common::run_rule(rule, &text)
        .iter()
        .map(|f| f.span)
        .collect();
    let line = |s: &Span| text[..s.start].matches('\n').count() + 1;
    let mut problems = Vec::new();
    for s in got.iter().filter(|s| !expected.contains(s)) {
        problems.push(format!(
            "{id}: unexpected finding {:?} (text line {})",
            s.slice(&text),
            line(s)
        ));
    }
    for s in expected.iter().filter(|s| !got.contains(s)) {
        problems.push(format!(
            "{id}: missed {:?} (text line {})",
            s.slice(&text),
            line(s)
        ));
    }
    problems
}

#[test]
fn every_fixture_gives_exactly_its_marks() {
    let mut fixtures: Vec<_> = std::fs::read_dir(DIR)
        .unwrap_or_else(|e| panic!("{DIR}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 12, "fixtures missing from {DIR}");
    let problems: Vec<String> = fixtures.iter().flat_map(|p| check(p)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
