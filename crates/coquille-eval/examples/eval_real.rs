//! Scores the checker on the real-text corpora of `eval/`, annotated by hand
//! before Coquille was run on them (see `eval/README.md`).
//!
//! ```text
//! cargo run --release --example eval_real [-- EVAL_DIR [CORPUS ...]]
//!     (default: eval, corpora mt and clean-web)
//! ```
//!
//! Each document is checked whole, as a CMS posts one article. For each
//! corpus it prints:
//! - verdicts: how many documents fail, warn, pass;
//! - recall per defect class of the `must` rows: a row is *found* when any
//!   finding overlaps it, *found at error* when an `error` finding does, and
//!   *found by its kind* when a finding of a rule meant for that class does
//!   (`RULES_FOR` below);
//! - precision: findings that overlap no annotated row (`must` or `minor`) are
//!   *outside the annotation*; on a careful corpus they are false alarms;
//! - false fails: documents whose `fail` verdict rests on no annotated defect
//!   (every `error` finding lies outside the annotation).
//!
//! Every miss and every finding outside the annotation is written to
//! `bench-output/real-<corpus>.txt` for review.

use coquille::{Checker, Document, FindingReport, Severity, Verdict, rules};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use coquille_eval::real::{Corpus, overlaps};

/// The rules meant for each defect class. A class is *covered* when one of
/// its rules exists; ids of rules not written yet are listed so that the
/// coverage grows as they land.
const RULES_FOR: &[(&str, &[&str])] = &[
    ("english", &["untranslated-english", "untranslated-copy"]),
    ("markup", &["broken-markup"]),
    (
        "punctuation",
        &[
            "duplicate-punctuation",
            "space-before-punctuation",
            "sentence-fragment",
        ],
    ),
    (
        "spacing",
        &[
            "glued-words",
            "missing-space-after-punctuation",
            "french-spacing",
        ],
    ),
    ("quotes", &["english-quotes"]),
    ("units", &["imperial-units"]),
    ("number-format", &["english-number-format"]),
    ("currency", &["currency-position", "english-number-format"]),
    ("date", &["english-date"]),
    ("time", &["twelve-hour-clock"]),
    ("title-case", &["title-case"]),
    ("place-format", &["us-place-format"]),
    ("elision", &["elision"]),
    (
        "sentence-break",
        &[
            "sentence-fragment",
            "missing-sentence-boundary",
            "stray-full-stop",
        ],
    ),
    ("boilerplate", &["boilerplate"]),
    ("truncated", &["truncated-text"]),
    ("repetition", &["repeated-word", "repeated-sentence"]),
    ("encoding", &["mojibake"]),
    ("name-translated", &["name-translated"]),
    ("mistranslation", &[]),
    ("grammar", &[]),
    ("other", &[]),
];

fn rules_for(class: &str) -> &'static [&'static str] {
    RULES_FOR
        .iter()
        .find(|(c, _)| *c == class)
        .map(|(_, r)| *r)
        .unwrap_or(&[])
}

fn covered(class: &str) -> bool {
    rules_for(class).iter().any(|id| rules::by_id(id).is_some())
}

#[derive(Default)]
struct ClassScore {
    rows: usize,
    found: usize,
    found_error: usize,
    found_kind: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args.first().cloned().unwrap_or_else(|| "eval".to_string());
    let names: Vec<&str> = if args.len() > 1 {
        args[1..].iter().map(String::as_str).collect()
    } else {
        vec!["mt", "clean-web"]
    };
    let checker = Checker::default();
    std::fs::create_dir_all("bench-output").ok();
    for name in names {
        let path = Path::new(&dir).join(name);
        let corpus = match Corpus::load(&path) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("eval_real: {e}");
                std::process::exit(2);
            }
        };
        score(name, &corpus, &checker);
    }
}

fn score(name: &str, corpus: &Corpus, checker: &Checker) {
    let mut listing = String::new();
    let mut verdicts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut classes: BTreeMap<String, ClassScore> = BTreeMap::new();
    let mut findings_total = 0;
    let mut outside_total = 0;
    let mut outside_by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut false_fails = Vec::new();
    let mut words = 0;
    for doc in &corpus.documents {
        let report = checker.check(&Document::new(&doc.text), Some(&doc.id));
        words += doc.text.split_whitespace().count();
        *verdicts.entry(report.verdict.as_str()).or_default() += 1;
        let _ = writeln!(listing, "## {} [{}]", doc.id, report.verdict.as_str());
        for row in &doc.rows {
            if row.level != "must" {
                continue;
            }
            let s = classes.entry(row.defect.clone()).or_default();
            s.rows += 1;
            let hits: Vec<&FindingReport> = report
                .findings
                .iter()
                .filter(|f| overlaps(f.start, f.end, row))
                .collect();
            if !hits.is_empty() {
                s.found += 1;
            }
            if hits.iter().any(|f| f.severity == Severity::Error) {
                s.found_error += 1;
            }
            if hits
                .iter()
                .any(|f| rules_for(&row.defect).contains(&f.rule))
            {
                s.found_kind += 1;
            }
            if hits.is_empty() {
                let _ = writeln!(
                    listing,
                    "  missed   {:<15} {}-{} {:?}",
                    row.defect, row.start, row.end, row.text
                );
            }
        }
        let mut error_inside = false;
        let mut error_outside = false;
        for f in &report.findings {
            findings_total += 1;
            let inside = doc.rows.iter().any(|r| overlaps(f.start, f.end, r));
            if f.severity == Severity::Error {
                if inside {
                    error_inside = true;
                } else {
                    error_outside = true;
                }
            }
            if !inside {
                outside_total += 1;
                *outside_by_rule.entry(f.rule).or_default() += 1;
                let _ = writeln!(
                    listing,
                    "  outside  {:<26} {:<7} {}-{} {:?} {}",
                    f.rule, f.severity, f.start, f.end, f.text, f.message
                );
            }
        }
        if report.verdict == Verdict::Fail && error_outside && !error_inside {
            false_fails.push(doc.id.clone());
        }
    }
    let n = corpus.documents.len();
    println!("== {name}: {n} documents, {words} words");
    let fail = verdicts.get("fail").copied().unwrap_or(0);
    println!(
        "verdicts: fail {} ({:.0}%), warn {}, pass {}",
        fail,
        pct(fail, n),
        verdicts.get("warn").copied().unwrap_or(0),
        verdicts.get("pass").copied().unwrap_or(0)
    );
    println!(
        "false fails (every error outside the annotation): {} {:?}",
        false_fails.len(),
        false_fails
    );
    println!(
        "findings {findings_total}, outside the annotation {outside_total} ({:.1}%): {:?}",
        pct(outside_total, findings_total),
        outside_by_rule
    );
    println!(
        "{:<16} {:>5} {:>8} {:>9} {:>9}  covered",
        "must defects", "rows", "found", "at error", "by kind"
    );
    let (mut rows_c, mut found_c, mut error_c, mut kind_c) = (0, 0, 0, 0);
    for (class, s) in &classes {
        let cov = covered(class);
        if cov {
            rows_c += s.rows;
            found_c += s.found;
            error_c += s.found_error;
            kind_c += s.found_kind;
        }
        println!(
            "{:<16} {:>5} {:>7.0}% {:>8.0}% {:>8.0}%  {}",
            class,
            s.rows,
            pct(s.found, s.rows),
            pct(s.found_error, s.rows),
            pct(s.found_kind, s.rows),
            if cov { "yes" } else { "no" }
        );
    }
    println!(
        "{:<16} {:>5} {:>7.0}% {:>8.0}% {:>8.0}%",
        "covered kinds",
        rows_c,
        pct(found_c, rows_c),
        pct(error_c, rows_c),
        pct(kind_c, rows_c)
    );
    let out = format!("bench-output/real-{name}.txt");
    match std::fs::write(&out, listing) {
        Ok(()) => println!("every miss and finding outside the annotation: {out}\n"),
        Err(e) => eprintln!("eval_real: cannot write {out}: {e}"),
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}
