//! Hard-wrapped text is checked like the same text on long lines: the line
//! breaks a wrapper puts in (a plain-text file or an e-mail filled at 72
//! columns) must not create findings, hide findings or move offsets.

use coquille::{Checker, Document};
use std::path::Path;

/// Fills every line longer than `width` columns by turning the last space
/// that fits into a line break: same bytes, same offsets.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut col = 0;
        let mut last_space: Option<usize> = None;
        let line_start = out.len();
        for c in line.chars() {
            if c == ' ' {
                last_space = Some(out.len());
            }
            out.push(c);
            col += 1;
            if col > width
                && let Some(sp) = last_space.take()
            {
                // SAFETY of the edit: a space is one byte, so is '\n'.
                out.replace_range(sp..sp + 1, "\n");
                col = out[sp + 1..].chars().count();
            }
        }
        debug_assert!(out.len() - line_start == line.len());
    }
    out
}

type Key = (&'static str, usize, usize, String);

fn findings(text: &str) -> Vec<Key> {
    Checker::default()
        .findings(&Document::new(text))
        .into_iter()
        .map(|f| {
            (
                f.rule,
                f.span.start,
                f.span.end,
                format!("{:?}", f.severity),
            )
        })
        .collect()
}

fn same_findings_when_wrapped(path: &Path, problems: &mut Vec<String>) {
    let text = std::fs::read_to_string(path).unwrap();
    let wrapped = hard_wrap(&text, 72);
    assert_eq!(wrapped.len(), text.len());
    assert_ne!(wrapped, text, "{} has no long line", path.display());
    let (a, b) = (findings(&text), findings(&wrapped));
    for f in a.iter().filter(|f| !b.contains(f)) {
        problems.push(format!("{}: lost when wrapped: {f:?}", path.display()));
    }
    for f in b.iter().filter(|f| !a.contains(f)) {
        let excerpt = &wrapped[f.1..f.2];
        problems.push(format!(
            "{}: new when wrapped: {f:?} {excerpt:?}",
            path.display()
        ));
    }
}

#[test]
fn the_wrapper_simulation_keeps_bytes() {
    let t = "Le ministre a reçu mardi les dirigeants des grandes banques françaises.";
    let w = hard_wrap(t, 30);
    assert_eq!(w.len(), t.len());
    assert!(w.lines().all(|l| l.chars().count() <= 30), "{w}");
    assert_eq!(w.replace('\n', " "), t);
}

#[test]
fn wrapped_fixtures_give_the_same_findings() {
    let mut problems = Vec::new();
    let mut files: Vec<_> = [
        "tests/fixtures/clean",
        "tests/fixtures/leaks",
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/samples"),
    ]
    .iter()
    .flat_map(|d| std::fs::read_dir(d).unwrap())
    .map(|e| e.unwrap().path())
    .filter(|p| p.extension().is_some_and(|e| e == "txt"))
    .collect();
    files.sort();
    assert!(files.len() >= 40);
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        if text.lines().any(|l| l.chars().count() > 72) {
            same_findings_when_wrapped(f, &mut problems);
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The human-translated news of UD French-PUD (../shared/eval), wrapped at 72
/// columns. The evaluation data must be beside the project: a missing file
/// fails, never skips.
#[test]
fn wrapped_pud_gives_the_same_findings() {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/eval/ud-fr-pud.running.txt"
    ));
    assert!(
        path.exists(),
        "{} not found (is ../shared beside the project?)",
        path.display()
    );
    let mut problems = Vec::new();
    same_findings_when_wrapped(path, &mut problems);
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
