//! Checks bilingual files (XLIFF, PO, TMX) end to end and counts findings
//! per rule, for reading them by hand.
//!
//! ```text
//! cargo run --release -p coquille-eval --example eval_bitext -- [--out FILE.tsv] [--translation-only] FILE...
//! ```
//!
//! For each file: units read, units with a target checked, findings per
//! rule; then the totals, and findings per 1,000 checked units per rule.
//! `--out` writes every finding as a TSV row (`file, unit, rule, severity,
//! text, message, source, target, context`) to read each kind by hand;
//! `context` is the finding in its target, marked `⟦…⟧`, with 40
//! characters either side.
//! `--translation-only` runs only the bilingual rules (category
//! `translation`) and `untranslated-english`.

use coquille::bilingual::unit_findings;
use coquille::bitext::{BitextFormat, parse};
use coquille::rule::Category;
use coquille::{Checker, Settings};
use std::collections::BTreeMap;
use std::fmt::Write as _;

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// The finding at `span` of `target`, marked `⟦…⟧`, with 40 characters
/// either side.
fn context(target: &str, span: coquille::Span) -> String {
    let (start, end) = (span.start.min(target.len()), span.end.min(target.len()));
    if !target.is_char_boundary(start) || !target.is_char_boundary(end) {
        return String::new();
    }
    let before: String = target[..start]
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = target[end..].chars().take(40).collect();
    format!("{before}⟦{}⟧{after}", &target[start..end])
}

fn main() {
    let mut out_path = None;
    let mut files = Vec::new();
    let mut translation_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out_path = Some(args.next().expect("--out FILE")),
            "--translation-only" => translation_only = true,
            _ => files.push(a),
        }
    }
    assert!(!files.is_empty(), "give bilingual files to check");
    let settings = if translation_only {
        let select = coquille::rules::ALL
            .iter()
            .map(|r| r.meta())
            .filter(|m| m.category == Category::Translation || m.id == "untranslated-english")
            .map(|m| m.id.to_string())
            .collect();
        Settings {
            select,
            ..Settings::default()
        }
    } else {
        Settings::default()
    };
    let checker = Checker::new(settings).expect("valid settings");
    let mut per_rule: BTreeMap<&'static str, usize> = BTreeMap::new();
    let (mut units, mut checked) = (0usize, 0usize);
    let mut tsv =
        String::from("file\tunit\trule\tseverity\ttext\tmessage\tsource\ttarget\tcontext\n");
    let started = std::time::Instant::now();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let format = BitextFormat::from_path(path)
            .unwrap_or_else(|| panic!("{path}: not .xlf, .po or .tmx"));
        let bitext = parse(&text, format).unwrap_or_else(|e| panic!("{path}: {e}"));
        let n_checked = bitext
            .units
            .iter()
            .filter(|u| u.target.as_ref().is_some_and(|t| !t.text.trim().is_empty()))
            .count();
        units += bitext.units.len();
        checked += n_checked;
        let found = unit_findings(&checker, &bitext);
        let mut file_rules: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &found {
            *per_rule.entry(f.finding.rule).or_default() += 1;
            *file_rules.entry(f.finding.rule).or_default() += 1;
            let u = &bitext.units[f.unit];
            let target = u.target.as_ref().map(|t| t.text.as_str()).unwrap_or("");
            let _ = writeln!(
                tsv,
                "{path}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                clean(&u.id),
                f.finding.rule,
                f.finding.severity,
                clean(&text[f.file.span.start..f.file.span.end]),
                clean(&f.finding.message),
                clean(&u.source.text),
                clean(target),
                clean(&context(target, f.finding.span))
            );
        }
        println!(
            "{path}: {} units, {n_checked} checked, {} findings {:?}",
            bitext.units.len(),
            found.len(),
            file_rules
        );
    }
    let took = started.elapsed();
    println!(
        "\n{} files, {units} units, {checked} checked ({:.1} s)",
        files.len(),
        took.as_secs_f64()
    );
    println!("rule\tfindings\tper 1,000 checked units");
    for (rule, n) in &per_rule {
        println!(
            "{rule}\t{n}\t{:.2}",
            *n as f64 * 1000.0 / checked.max(1) as f64
        );
    }
    if let Some(p) = out_path {
        std::fs::write(&p, tsv).unwrap_or_else(|e| panic!("{p}: {e}"));
        println!("findings written to {p}");
    }
}
