//! Scores the checker on the real-text corpora of `eval/`, annotated by hand
//! before Coquille was run on them (see `eval/README.md`).
//!
//! ```text
//! cargo run --release -p coquille-eval --example eval_real [-- EVAL_DIR [CORPUS ...] [--paragraphs FILE ...]]
//!     (default: eval, corpora mt and clean-web, and the paragraphs of
//!     ../shared/eval/ud-fr-pud.running.txt and ../shared/eval/sequoia-fulldocs.running.txt)
//! ```
//!
//! This one command is the calibration of the gate (`notes/issue-11-score.md`):
//! run it again when rules change.
//!
//! Each document is checked whole, as a CMS posts one article, with the
//! default settings (`fail_on = "error"`, the default `fail_on_score`). For
//! each corpus it prints:
//! - verdicts: how many documents fail, warn, pass;
//! - recall per defect class of the `must` rows: a row is *found* when any
//!   finding overlaps it, *found at error* when an `error` finding does, and
//!   *found by its kind* when a finding of a rule meant for that class does
//!   (`RULES_FOR` below);
//! - precision: findings that overlap no annotated row (`must` or `minor`) are
//!   *outside the annotation*; on a careful corpus they are false alarms;
//! - false fails: documents whose `fail` verdict rests on no annotated defect
//!   (every `error` finding lies outside the annotation, and the score of the
//!   findings inside the annotation alone is not above `fail_on_score`);
//! - the document score ([`coquille::score`]) of each document: words,
//!   defects, penalty points per 1,000 words, verdict and what failed it
//!   (`severity`, `score` or both).
//!
//! Each `--paragraphs` file (careful newswire French, PUD and Sequoia) is
//! checked one paragraph block at a time; it prints how many blocks fail, by
//! severity and by score.
//!
//! Last, the calibration table: for thresholds from 5 to 100 points, how
//! many documents of each corpus the score alone fails and the whole gate
//! fails (on `clean-web`, the false fails).
//!
//! Every miss and every finding outside the annotation is written to
//! `bench-output/real-<corpus>.txt` for review; every finding with its
//! weight, to `bench-output/score-findings.tsv`.

use coquille::document::split_blocks;
use coquille::score::{self, WORD_FLOOR};
use coquille::{Checker, Document, DocumentReport, FindingReport, Severity, Verdict, rules};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use coquille_eval::real::{Corpus, overlaps};

/// The rules meant for each defect class. A class is *covered* when one of
/// its rules exists; ids of rules not written yet are listed so that the
/// coverage grows as they land.
const RULES_FOR: &[(&str, &[&str])] = &[
    (
        "english",
        &[
            "untranslated-english",
            "untranslated-copy",
            "english-possessive",
        ],
    ),
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
    ("number-format", &["english-number-format", "english-age"]),
    ("currency", &["currency-position", "english-number-format"]),
    ("date", &["english-date"]),
    ("time", &["twelve-hour-clock", "us-time-zone"]),
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

/// Thresholds of the calibration table.
const THRESHOLDS: &[f64] = &[5.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 75.0, 100.0];

/// One checked document, for the calibration table.
struct Scored {
    /// Penalty points per 1,000 words.
    value: f64,
    /// The same, counting only the findings inside the annotation (on an
    /// annotated corpus; else `value`).
    inside_value: f64,
    /// Some finding is at `error`.
    error: bool,
    /// Some `error` finding lies inside the annotation.
    error_inside: bool,
    /// The corpus is annotated (else every fail counts as false).
    annotated: bool,
}

impl Scored {
    /// Whether `threshold` fails it, and whether that fail is false.
    fn fails(&self, threshold: f64) -> (bool, bool) {
        let fails = self.value > threshold || self.error;
        let real = self.annotated && (self.error_inside || self.inside_value > threshold);
        (fails, fails && !real)
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut paragraphs = Vec::new();
    while let Some(i) = args.iter().position(|a| a == "--paragraphs") {
        args.remove(i);
        if i < args.len() {
            paragraphs.push(args.remove(i));
        } else {
            eprintln!("eval_real: --paragraphs needs a file");
            std::process::exit(2);
        }
    }
    let dir = args.first().cloned().unwrap_or_else(|| "eval".to_string());
    let names: Vec<&str> = if args.len() > 1 {
        args[1..].iter().map(String::as_str).collect()
    } else {
        vec!["mt", "clean-web"]
    };
    if args.is_empty() && paragraphs.is_empty() {
        paragraphs = vec![
            "../shared/eval/ud-fr-pud.running.txt".to_string(),
            "../shared/eval/sequoia-fulldocs.running.txt".to_string(),
        ];
    }
    let checker = Checker::default();
    std::fs::create_dir_all("bench-output").ok();
    let mut tsv =
        String::from("corpus\tdocument\twords\trule\tcategory\tseverity\tweight\tinside\ttext\n");
    let mut table: Vec<(String, Vec<Scored>)> = Vec::new();
    for name in names {
        let path = Path::new(&dir).join(name);
        let corpus = match Corpus::load(&path) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("eval_real: {e}");
                std::process::exit(2);
            }
        };
        table.push((name.to_string(), score(name, &corpus, &checker, &mut tsv)));
    }
    for file in &paragraphs {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("eval_real: cannot read {file} (../shared is /work/wt/shared): {e}");
                std::process::exit(2);
            }
        };
        let name = Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        table.push((
            name.clone(),
            score_paragraphs(&name, &text, &checker, &mut tsv),
        ));
    }
    calibration(&table, &checker);
    match std::fs::write("bench-output/score-findings.tsv", tsv) {
        Ok(()) => println!("every finding with its weight: bench-output/score-findings.tsv"),
        Err(e) => eprintln!("eval_real: cannot write bench-output/score-findings.tsv: {e}"),
    }
}

/// The weights and the threshold, then how many documents each threshold
/// fails, by score alone and with the severity gate.
fn calibration(table: &[(String, Vec<Scored>)], checker: &Checker) {
    println!("== calibration (coquille::score)");
    let weights: Vec<String> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| format!("{s} {}", score::severity_weight(*s)))
        .collect();
    println!(
        "severity weights: {}; word floor {WORD_FLOOR}; default fail_on_score {:?}",
        weights.join(", "),
        checker.fail_on_score()
    );
    let mut categories: Vec<String> = rules::ALL
        .iter()
        .map(|r| {
            let c = r.meta().category;
            format!("{c} {}", score::category_weight(c))
        })
        .collect();
    categories.sort();
    categories.dedup();
    println!("category weights: {}", categories.join(", "));
    print!("{:>9}", "threshold");
    for (name, docs) in table {
        print!("  {:>34}", format!("{name} ({})", docs.len()));
    }
    println!();
    println!(
        "{:>9}{}",
        "",
        "  score / no error / gate / false".repeat(table.len())
    );
    for &t in THRESHOLDS {
        print!("{t:>9}");
        for (_, docs) in table {
            let by_score = docs.iter().filter(|d| d.value > t).count();
            let added = docs.iter().filter(|d| d.value > t && !d.error).count();
            let gate = docs.iter().filter(|d| d.fails(t).0).count();
            let false_fails = docs.iter().filter(|d| d.fails(t).1).count();
            print!(
                "  {:>34}",
                format!("{by_score} / {added} / {gate} / {false_fails}")
            );
        }
        println!();
    }
    println!(
        "(score: documents the score fails; no error: of them, those without an error finding, \
         which only the score fails; gate: documents failed by an error or the score; false: \
         fails that rest on no annotated defect, every fail on an unannotated corpus)\n"
    );
}

/// Why `report` failed: `severity`, `score`, `both` or `-`.
fn failed_by(report: &DocumentReport) -> &'static str {
    let severity = report.findings.iter().any(|f| f.severity >= report.fail_on);
    match (severity, report.score.fails) {
        (true, true) => "both",
        (true, false) => "severity",
        (false, true) => "score",
        (false, false) => "-",
    }
}

/// Points per 1,000 words of the findings `keep` selects, each weighed alone.
fn partial_value(report: &DocumentReport, keep: impl Fn(&FindingReport) -> bool) -> f64 {
    let points: f64 = report
        .findings
        .iter()
        .filter(|f| keep(f))
        .map(|f| score::weight(f.severity, f.category))
        .sum();
    // Starting from 0.0: an empty sum of floats is -0.0.
    points * 1000.0 / report.score.words.max(WORD_FLOOR) as f64 + 0.0
}

fn score_paragraphs(name: &str, text: &str, checker: &Checker, tsv: &mut String) -> Vec<Scored> {
    let mut scored = Vec::new();
    let (mut by_severity, mut by_score, mut failed) = (0, 0, 0);
    let mut worst: Vec<(f64, String)> = Vec::new();
    for block in split_blocks(text) {
        let block_text = block.slice(text);
        let report = checker.check(&Document::new(block_text), None);
        let why = failed_by(&report);
        by_severity += usize::from(matches!(why, "severity" | "both"));
        by_score += usize::from(matches!(why, "score" | "both"));
        failed += usize::from(report.verdict == Verdict::Fail);
        for f in &report.findings {
            let _ = writeln!(
                tsv,
                "{name}\t{}\t{}\t{}\t{}\t{}\t{}\tfalse\t{}",
                block.start,
                report.score.words,
                f.rule,
                f.category,
                f.severity,
                score::weight(f.severity, f.category),
                f.text.escape_debug()
            );
        }
        if report.score.value > 0.0 {
            let head: String = block_text.chars().take(60).collect();
            worst.push((
                report.score.value,
                format!("{}@{}: {head}", name, block.start),
            ));
        }
        scored.push(Scored {
            value: report.score.value,
            inside_value: report.score.value,
            error: report
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error),
            error_inside: false,
            annotated: false,
        });
    }
    println!(
        "== {name}: {} paragraphs; fail {failed} (by severity {by_severity}, by score {by_score})",
        scored.len()
    );
    worst.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (value, what) in worst.iter().take(5) {
        println!("  highest score {value:>6.1}  {what}");
    }
    println!();
    scored
}

fn score(name: &str, corpus: &Corpus, checker: &Checker, tsv: &mut String) -> Vec<Scored> {
    let mut scored = Vec::new();
    let mut per_document = String::new();
    let mut listing = String::new();
    let mut verdicts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut classes: BTreeMap<String, ClassScore> = BTreeMap::new();
    let mut findings_total = 0;
    let mut outside_total = 0;
    let mut outside_by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut inside_by_rule: BTreeMap<&str, usize> = BTreeMap::new();
    let mut false_fails = Vec::new();
    let mut words = 0;
    let mut sentences = 0;
    for doc in &corpus.documents {
        let document = Document::new(&doc.text);
        sentences += document.sentences().len();
        let report = checker.check(&document, Some(&doc.id));
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
            } else {
                let best = hits
                    .iter()
                    .map(|f| f.severity)
                    .max()
                    .unwrap_or(Severity::Info);
                let _ = writeln!(
                    listing,
                    "  found    {:<15} {:<7} {}-{} {:?} by {}",
                    row.defect,
                    best,
                    row.start,
                    row.end,
                    row.text,
                    hits.iter().map(|f| f.rule).collect::<Vec<_>>().join(", ")
                );
            }
        }
        let mut error_inside = false;
        for f in &report.findings {
            findings_total += 1;
            let inside = doc.rows.iter().any(|r| overlaps(f.start, f.end, r));
            let _ = writeln!(
                tsv,
                "{name}\t{}\t{}\t{}\t{}\t{}\t{}\t{inside}\t{}",
                doc.id,
                report.score.words,
                f.rule,
                f.category,
                f.severity,
                score::weight(f.severity, f.category),
                f.text.escape_debug()
            );
            if f.severity == Severity::Error && inside {
                error_inside = true;
            }
            if inside {
                *inside_by_rule.entry(f.rule).or_default() += 1;
            } else {
                outside_total += 1;
                *outside_by_rule.entry(f.rule).or_default() += 1;
                let _ = writeln!(
                    listing,
                    "  outside  {:<26} {:<7} {}-{} {:?} {}",
                    f.rule, f.severity, f.start, f.end, f.text, f.message
                );
            }
        }
        let inside_value = partial_value(&report, |f| {
            doc.rows.iter().any(|r| overlaps(f.start, f.end, r))
        });
        let score_inside = report.score.fail_on_score.is_some_and(|t| inside_value > t);
        if report.verdict == Verdict::Fail && !error_inside && !score_inside {
            false_fails.push(doc.id.clone());
        }
        let _ = writeln!(
            per_document,
            "  {:<44} {:>6} {:>4} {:>7.1} {:>7.1}  {:<4} {}",
            doc.id,
            report.score.words,
            report.score.defects,
            report.score.value,
            inside_value,
            report.verdict.as_str(),
            failed_by(&report)
        );
        scored.push(Scored {
            value: report.score.value,
            inside_value,
            error: report
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error),
            error_inside,
            annotated: true,
        });
    }
    let n = corpus.documents.len();
    println!("== {name}: {n} documents, {words} words, {sentences} sentences");
    let fail = verdicts.get("fail").copied().unwrap_or(0);
    println!(
        "verdicts: fail {} ({:.0}%), warn {}, pass {}",
        fail,
        pct(fail, n),
        verdicts.get("warn").copied().unwrap_or(0),
        verdicts.get("pass").copied().unwrap_or(0)
    );
    let by_score_only = scored
        .iter()
        .filter(|d| !d.error && report_fails(d, checker))
        .count();
    println!("of which by score alone (no error): {by_score_only}");
    println!(
        "false fails (no error and no score inside the annotation): {} {:?}",
        false_fails.len(),
        false_fails
    );
    println!(
        "  {:<44} {:>6} {:>4} {:>7} {:>7}  verdict, failed by",
        "document", "words", "defs", "score", "inside"
    );
    print!("{per_document}");
    println!(
        "findings {findings_total}, outside the annotation {outside_total} ({:.1}%): {:?}",
        pct(outside_total, findings_total),
        outside_by_rule
    );
    println!(
        "findings on an annotated row, by rule: {:?}",
        inside_by_rule
    );
    let per_1000: Vec<String> = outside_by_rule
        .iter()
        .map(|(rule, n)| format!("{rule} {:.2}", *n as f64 * 1000.0 / sentences.max(1) as f64))
        .collect();
    println!(
        "outside the annotation per 1,000 sentences: {}",
        per_1000.join(", ")
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
    scored
}

/// Whether the default gate's score fails `d`.
fn report_fails(d: &Scored, checker: &Checker) -> bool {
    checker.fail_on_score().is_some_and(|t| d.value > t)
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}
