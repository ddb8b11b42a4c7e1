//! Sentence alignment of English sources with their French translations,
//! measured on UD French-PUD (1,000 human-translated sentence pairs grouped
//! in documents).
//!
//! ```text
//! cargo run --release -p coquille-eval --example eval_align -- [PUD_TSV] [--seed N] [--runs K] [--errors FILE]
//! ```
//!
//! `PUD_TSV` defaults to `../shared/eval/ud-fr-pud.en-fr.tsv` (columns
//! `sent_id, doc, en, fr`). The harness prints:
//!
//! 1. **English splitter.** Each document's English sentences joined by one
//!    space into a running text, split with `split::split_english`: inner
//!    boundaries (between two gold sentences of a document) found, missed
//!    and invented.
//! 2. **Alignment.** Each document's English and French sentences joined into
//!    two running texts, split (English and French splitters) and aligned.
//!    A gold pair counts as correctly paired when the links that touch its
//!    English sentence are exactly the links that touch its French sentence
//!    and these links touch no other gold sentence, on either side (so a
//!    splitter that cuts a gold sentence in two does not by itself make an
//!    error, but a link that joins two gold pairs does). Measured per
//!    document and on the whole corpus as one text pair (documents as
//!    paragraphs).
//! 3. **Omissions.** In 10% of the documents (seeded; `--runs K` repeats
//!    with seeds N..N+K and adds up), one French sentence is dropped; every document is then checked with its source by the
//!    `omission` rule. Found: the dropped sentence's source is reported;
//!    false: any other omission reported, in any document.

use coquille::align::{Side, align};
use coquille::{Checker, Document, Format, Settings, Span};
use std::collections::BTreeMap;
use std::fmt::Write as _;

struct Pair {
    en: String,
    fr: String,
}

fn load(path: &str) -> BTreeMap<String, Vec<Pair>> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {path}: {e} (give the PUD TSV path)"));
    let mut docs: BTreeMap<String, Vec<Pair>> = BTreeMap::new();
    for (k, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(cols.len() == 4, "{path}:{}: expected 4 columns", k + 1);
        docs.entry(cols[1].to_string()).or_default().push(Pair {
            en: cols[2].trim().to_string(),
            fr: cols[3].trim().to_string(),
        });
    }
    assert!(!docs.is_empty(), "{path}: no sentence pairs");
    docs
}

/// Joins sentences with one space; returns the text and each sentence's span.
fn join<'a>(sentences: impl Iterator<Item = &'a str>) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    for s in sentences {
        if !text.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(s);
        spans.push(Span::new(start, text.len()));
    }
    (text, spans)
}

/// Small deterministic generator (xorshift64*), so that runs are repeatable
/// without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Gold pairs correctly paired by `links` (see the module docs).
fn correct_pairs(
    links: &[(Option<Span>, Option<Span>)],
    gold_en: &[Span],
    gold_fr: &[Span],
) -> Vec<bool> {
    let touching = |span: Span, side: usize| -> Vec<usize> {
        links
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                let s = if side == 0 { l.0 } else { l.1 };
                s.is_some_and(|s| s.overlaps(span))
            })
            .map(|(k, _)| k)
            .collect()
    };
    (0..gold_en.len())
        .map(|k| {
            let a = touching(gold_en[k], 0);
            let b = touching(gold_fr[k], 1);
            if a.is_empty() || a != b {
                return false;
            }
            a.iter().all(|&l| {
                let (s, t) = links[l];
                let others_en = gold_en
                    .iter()
                    .enumerate()
                    .any(|(o, g)| o != k && s.is_some_and(|s| s.overlaps(*g)));
                let others_fr = gold_fr
                    .iter()
                    .enumerate()
                    .any(|(o, g)| o != k && t.is_some_and(|t| t.overlaps(*g)));
                !others_en && !others_fr
            })
        })
        .collect()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = "../shared/eval/ud-fr-pud.en-fr.tsv".to_string();
    let mut seed = 13u64;
    let mut runs = 1u64;
    let mut errors_path = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = args.next().and_then(|s| s.parse().ok()).expect("--seed N"),
            "--runs" => runs = args.next().and_then(|s| s.parse().ok()).expect("--runs N"),
            "--errors" => errors_path = Some(args.next().expect("--errors FILE")),
            _ => path = a,
        }
    }
    let docs = load(&path);
    let n_pairs: usize = docs.values().map(Vec::len).sum();
    println!(
        "{} documents, {n_pairs} sentence pairs ({path})",
        docs.len()
    );
    let mut errors = String::new();

    // 1. English splitter.
    let (mut found, mut missed, mut invented) = (0usize, 0usize, 0usize);
    for pairs in docs.values() {
        let (text, gold) = join(pairs.iter().map(|p| p.en.as_str()));
        let gold_ends: Vec<usize> = gold[..gold.len() - 1].iter().map(|s| s.end).collect();
        let got: Vec<usize> = coquille::split::split_english(&text)
            .iter()
            .map(|s| s.end)
            .filter(|&e| e < text.trim_end().len())
            .collect();
        for e in &gold_ends {
            if got.contains(e) {
                found += 1;
            } else {
                missed += 1;
                let _ = writeln!(errors, "split missed: …{}|", tail(&text[..*e]));
            }
        }
        for e in &got {
            if !gold_ends.contains(e) {
                invented += 1;
                let _ = writeln!(
                    errors,
                    "split invented: …{}|{}…",
                    tail(&text[..*e]),
                    head(&text[*e..])
                );
            }
        }
    }
    let p = found as f64 / (found + invented).max(1) as f64;
    let r = found as f64 / (found + missed).max(1) as f64;
    println!(
        "english splitter, inner boundaries: {found} found, {missed} missed, {invented} invented: precision {p:.3}, recall {r:.3}, F1 {:.3}",
        2.0 * p * r / (p + r).max(1e-9)
    );

    // 2. Alignment per document, and of the whole corpus as one text.
    let mut correct = 0usize;
    for pairs in docs.values() {
        let (en, gold_en) = join(pairs.iter().map(|p| p.en.as_str()));
        let (fr, gold_fr) = join(pairs.iter().map(|p| p.fr.as_str()));
        let a = align(
            &Side::english(&en, Format::Text),
            &Side::french(&fr, Format::Text),
        );
        let links: Vec<_> = a.links.iter().map(|l| (l.source, l.target)).collect();
        let ok = correct_pairs(&links, &gold_en, &gold_fr);
        correct += ok.iter().filter(|&&b| b).count();
        for (k, good) in ok.iter().enumerate() {
            if !good {
                let _ = writeln!(
                    errors,
                    "misaligned: {}\n  links: {}",
                    gold_en[k].slice(&en),
                    a.links
                        .iter()
                        .map(|l| format!("{:?}", l.kind))
                        .collect::<Vec<_>>()
                        .join(" ")
                );
            }
        }
    }
    println!(
        "alignment per document: {correct}/{n_pairs} pairs correctly paired ({:.4})",
        correct as f64 / n_pairs as f64
    );
    let (mut en_all, mut fr_all) = (String::new(), String::new());
    let (mut gold_en_all, mut gold_fr_all) = (Vec::new(), Vec::new());
    for pairs in docs.values() {
        for (text, gold, side) in [
            (&mut en_all, &mut gold_en_all, 0),
            (&mut fr_all, &mut gold_fr_all, 1),
        ] {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let (t, spans) = join(pairs.iter().map(|p| {
                if side == 0 {
                    p.en.as_str()
                } else {
                    p.fr.as_str()
                }
            }));
            let base = text.len();
            text.push_str(&t);
            gold.extend(spans.iter().map(|s| s.shift(base)));
        }
    }
    let started = std::time::Instant::now();
    let (src, tgt) = (
        Side::english(&en_all, Format::Text),
        Side::french(&fr_all, Format::Text),
    );
    let split_took = started.elapsed();
    let a = align(&src, &tgt);
    let took = started.elapsed();
    println!(
        "  (splitting {:.1} ms of it)",
        split_took.as_secs_f64() * 1000.0
    );
    let links: Vec<_> = a.links.iter().map(|l| (l.source, l.target)).collect();
    let whole = correct_pairs(&links, &gold_en_all, &gold_fr_all)
        .iter()
        .filter(|&&b| b)
        .count();
    println!(
        "alignment of the whole corpus as one text ({} + {} bytes, {} links, ratio {:.3}, {:.1} ms): {whole}/{n_pairs} ({:.4})",
        en_all.len(),
        fr_all.len(),
        a.links.len(),
        a.ratio,
        took.as_secs_f64() * 1000.0,
        whole as f64 / n_pairs as f64
    );

    // 3. Omissions: drop one French sentence in 10% of the documents.
    let checker = Checker::new(Settings {
        select: vec!["omission".into()],
        ..Settings::default()
    })
    .expect("the omission rule exists");
    let (mut dropped, mut detected, mut false_alarms) = (0usize, 0usize, 0usize);
    for run in 0..runs {
        let mut rng = Rng((seed + run).max(1));
        for pairs in docs.values() {
            let drop = (pairs.len() >= 2 && rng.below(10) == 0).then(|| rng.below(pairs.len()));
            let (en, gold_en) = join(pairs.iter().map(|p| p.en.as_str()));
            let (fr, _) = join(
                pairs
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| Some(*k) != drop)
                    .map(|(_, p)| p.fr.as_str()),
            );
            let doc = Document::new(&fr);
            let findings = checker.findings_with_source(&doc, &en, Format::Text);
            let mut hit = false;
            for f in &findings {
                let source = f.source.expect("omission findings carry their source span");
                if drop.is_some_and(|k| source.overlaps(gold_en[k])) {
                    hit = true;
                } else {
                    false_alarms += 1;
                    let _ = writeln!(errors, "false omission: {}\n  in: {fr}", source.slice(&en));
                }
            }
            if let Some(k) = drop {
                dropped += 1;
                if hit {
                    detected += 1;
                } else {
                    let _ = writeln!(errors, "omission missed: {}", gold_en[k].slice(&en));
                }
            }
        }
    }
    println!(
        "omissions (seeds {seed}..{}): {dropped} French sentences dropped, {detected} found ({:.3}), {false_alarms} false omissions over {} documents checked",
        seed + runs,
        detected as f64 / dropped.max(1) as f64,
        docs.len() * runs as usize
    );
    if let Some(p) = errors_path {
        std::fs::write(&p, errors).unwrap_or_else(|e| panic!("cannot write {p}: {e}"));
        println!("errors written to {p}");
    }
}

fn tail(s: &str) -> &str {
    let mut from = s.len().saturating_sub(50);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

fn head(s: &str) -> &str {
    let mut to = s.len().min(30);
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    &s[..to]
}
