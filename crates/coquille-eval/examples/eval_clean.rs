//! False alarms on careful human French.
//!
//! Checks each paragraph block of each given file on its own (as a CMS would
//! post one article), counts findings per rule and per 1,000 sentences, counts
//! blocks whose verdict is `fail`, and writes every finding with its context
//! to `bench-output/clean-findings.txt` for review.
//!
//! ```text
//! cargo run --release --example eval_clean -- ../shared/eval/ud-fr-pud.running.txt ../shared/eval/sequoia-fulldocs.running.txt
//! ```
//! Sentence counts come from the sibling `.sents.txt` file (gold) when present.

use coquille::document::split_blocks;
use coquille::{Checker, Document, Severity, Verdict};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let files = if files.is_empty() {
        vec![
            "../shared/eval/ud-fr-pud.running.txt".to_string(),
            "../shared/eval/sequoia-fulldocs.running.txt".to_string(),
        ]
    } else {
        files
    };
    let checker = Checker::default();
    let mut listing = String::new();
    println!(
        "{:<36} {:>6} {:>9} {:>6}  findings by rule (per 1,000 sentences)",
        "file", "blocks", "sentences", "failed"
    );
    for file in &files {
        let text = match std::fs::read_to_string(file) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("eval_clean: cannot read {file}: {e}");
                std::process::exit(2);
            }
        };
        let gold = file.replace(".running.txt", ".sents.txt");
        let sentences = if Path::new(&gold).exists() && gold != *file {
            std::fs::read_to_string(&gold)
                .map(|g| g.lines().filter(|l| !l.trim().is_empty()).count())
                .unwrap_or(0)
        } else {
            Document::new(&text).sentences().len()
        };
        let mut per_rule: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        let blocks = split_blocks(&text);
        let mut failed = 0;
        for block in &blocks {
            let block_text = block.slice(&text);
            let doc = Document::new(block_text);
            let findings = checker.findings(&doc);
            if Verdict::of(&findings, Severity::Error) == Verdict::Fail {
                failed += 1;
            }
            for f in &findings {
                let e = per_rule.entry(f.rule).or_default();
                if f.severity == Severity::Error {
                    e.0 += 1;
                } else {
                    e.1 += 1;
                }
                let abs = f.span.start + block.start;
                let lo = floor(&text, abs.saturating_sub(60));
                let hi = ceil(&text, (abs + f.span.len() + 60).min(text.len()));
                let _ = writeln!(
                    listing,
                    "{file}:{abs}\t{}\t{}\t{:?}\t{}\t…{}…",
                    f.rule,
                    f.severity,
                    doc.slice(f.span),
                    f.message,
                    text[lo..hi].replace('\n', " ⏎ ")
                );
            }
        }
        let name = Path::new(file).file_name().unwrap().to_string_lossy();
        let rules: Vec<String> = per_rule
            .iter()
            .map(|(r, (e, w))| {
                format!(
                    "{r}: {} error + {} other ({:.2})",
                    e,
                    w,
                    (e + w) as f64 * 1000.0 / sentences.max(1) as f64
                )
            })
            .collect();
        println!(
            "{:<36} {:>6} {:>9} {:>6}  {}",
            name,
            blocks.len(),
            sentences,
            failed,
            if rules.is_empty() {
                "none".to_string()
            } else {
                rules.join("; ")
            }
        );
    }
    std::fs::create_dir_all("bench-output").ok();
    std::fs::write("bench-output/clean-findings.txt", listing).ok();
    println!("every finding: bench-output/clean-findings.txt");
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
