//! Pathological input: one 2 MB line made of long runs of what the rules look
//! at (quote marks, punctuation, capitals, numbers and units, glued words,
//! markup, mojibake). Every rule must get through it without a panic, with
//! sound spans, and the report must serialise. Not timed: a rule that is
//! quadratic on a long run shows up as this test never finishing (each run
//! is about 80 kB).

use coquille::{Checker, Document};

/// Runs repeated to about `RUN` bytes each, joined on a single line.
const RUN: usize = 80_000;

const PATTERNS: &[&str] = &[
    "“",
    "« “ ‘ \" ' » ” ’ „ ‘‘ '' \"mot ",
    "\"a",
    "!?.,;:…",
    "! ? . , ; : … . . ",
    "A ",
    "A 20 ans Ca va Etat CA VA ",
    "ETAT ",
    "12 miles 3'4\" 5 pieds 6 pouces 7,5 oz 1 000 km 75 °F deux miles 2″ ",
    "1",
    "123 ",
    "é1 a. B ",
    "abcDef",
    "le ",
    "a@b.c",
    "http://",
    "<",
    "<a href=x ",
    "&amp;",
    "Ã© â€™ ",
    "mot… Mot… ",
    "...",
    "the quick brown fox ",
    " ",
    "\u{a0}",
];

fn pathological_line() -> String {
    let mut text = String::new();
    for p in PATTERNS {
        let run = p.repeat(RUN / p.len() + 1);
        text.push_str(&run);
        text.push(' ');
    }
    text
}

#[test]
fn a_pathological_line_is_checked_without_panic() {
    let text = pathological_line();
    assert!(text.len() > 2_000_000 && !text.contains('\n'));
    let checker = Checker::default();
    let doc = Document::new(&text);
    let findings = checker.findings(&doc);
    assert!(!findings.is_empty());
    for f in &findings {
        assert!(
            f.span.start <= f.span.end
                && f.span.end <= text.len()
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end),
            "{} reported an unsound span {:?}",
            f.rule,
            f.span
        );
        if let Some(edit) = &f.suggestion {
            assert!(
                text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end),
                "{} suggested an edit at an unsound span {:?}",
                f.rule,
                edit.span
            );
        }
    }
    let report = checker.check(&doc, Some("pathological.txt"));
    assert_eq!(report.findings.len(), findings.len());
    assert!(report.findings.iter().all(|f| f.line == 1));
    let json = serde_json::to_string(&report).expect("the report serialises");
    assert!(json.contains("\"pathological.txt\""));
}
