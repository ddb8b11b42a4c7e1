//! Pins the reports on the sample, the leak corpus, the clean fixtures and the
//! two human-translated corpora of `../shared/eval` (PUD, Sequoia): every
//! finding with its span, rule, severity, message and suggestion, and each
//! file's verdict and score (`coquille::score`). A change to
//! any rule that moves one finding shows here as a reviewed snapshot diff
//! (`INSTA_UPDATE=always cargo test --test reports`, then read the diff).
//!
//! The corpora of `../shared` must be there: a missing file fails the test.

use coquille::{Checker, Document, Format};
use std::fmt::Write;
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// One line a finding, then the verdict, for each file in order.
fn report_lines(files: &[PathBuf]) -> String {
    let checker = Checker::default();
    let mut out = String::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| {
            panic!("{}: {e} (is ../shared beside the project?)", file.display())
        });
        let name = file.file_name().unwrap().to_string_lossy();
        let format = match file.extension().and_then(|e| e.to_str()) {
            Some("html") => Format::Html,
            Some("md") => Format::Markdown,
            _ => Format::Text,
        };
        let report = checker.check(&Document::with_format(&text, format), Some(&name));
        let score = &report.score;
        writeln!(
            out,
            "## {name}: {} (score {} per 1,000 words: {} points, {} defects, {} words)",
            report.verdict.as_str(),
            score.value,
            score.points,
            score.defects,
            score.words
        )
        .unwrap();
        for f in &report.findings {
            writeln!(
                out,
                "{}-{} {} {} {:?} {:?} -> {:?}",
                f.start, f.end, f.rule, f.severity, f.text, f.message, f.suggestion
            )
            .unwrap();
        }
    }
    out
}

fn files_in(dir: &str, ext: &str) -> Vec<PathBuf> {
    let dir = Path::new(ROOT).join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no .{ext} file in {}", dir.display());
    files
}

fn shared(name: &str) -> Vec<PathBuf> {
    vec![Path::new(ROOT).join("../shared/eval").join(name)]
}

#[test]
fn sample_report() {
    insta::assert_snapshot!(report_lines(&files_in("data/samples", "txt")));
}

#[test]
fn leak_corpus_report() {
    insta::assert_snapshot!(report_lines(&files_in(
        "crates/coquille/tests/fixtures/leaks",
        "txt"
    )));
}

#[test]
fn clean_fixtures_report() {
    insta::assert_snapshot!(report_lines(&files_in(
        "crates/coquille/tests/fixtures/clean",
        "txt"
    )));
}

#[test]
fn pud_report() {
    insta::assert_snapshot!(report_lines(&shared("ud-fr-pud.running.txt")));
}

#[test]
fn sequoia_report() {
    insta::assert_snapshot!(report_lines(&shared("sequoia-fulldocs.running.txt")));
}
