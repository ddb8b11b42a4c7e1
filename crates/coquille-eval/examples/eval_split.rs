//! Sentence-boundary evaluation of Coquille's splitter against gold sentences.
//!
//! ```text
//! cargo run --release --example eval_split -- [EVAL_DIR] [--json] [--wrap N] [--system NAME=DIR]...
//! ```
//!
//! `--wrap N` first fills every line of the running text at N columns, as a
//! hard-wrapped plain-text file or e-mail would be (greedy, breaking at
//! spaces only; blank lines kept), then scores the same way: the gold
//! sentences are aligned with white space normalised, so they are the same.
//! Errors then go to `bench-output/split-errors-KEY-wrapN.txt`.
//!
//! `EVAL_DIR` (default `../shared/eval`) holds, per corpus, the running text
//! (`X.running.txt`) and its gold sentences, one a line (`X.sents.txt`), for
//! X = `sequoia-fulldocs` and `ud-fr-pud`.
//!
//! **Alignment.** Each gold sentence is searched, in order, in the running
//! text with white space normalised (every run of white space counts as one
//! space); its end in the running text is a gold boundary. Predicted
//! sentences given as text (`--system NAME=DIR`, `DIR/sequoia.txt` and
//! `DIR/pud.txt`, one sentence a line) are aligned the same way.
//!
//! **Boundary.** The byte offset in the running text where a sentence ends
//! (after its last non-space character). Boundaries at the end of a paragraph
//! block (text followed by a blank line, or the end of the text) are given to
//! every splitter by the paragraph structure, so the headline numbers count
//! only *inner* boundaries, inside blocks; the `all` numbers count every
//! boundary except the end of the text.
//!
//! Systems scored: `coquille` (`Document::sentences`, what `coquille split`
//! prints), `uax29` (`unicode-segmentation`'s sentence bounds, per block) and
//! any `--system`. The `+semicolons` row is an ablation, not a system:
//! Coquille's cuts plus one after every semicolon, which is Sequoia's
//! annotation convention and not PUD's. Coquille's errors go to
//! `bench-output/split-errors-sequoia.txt` and `split-errors-pud.txt`.

use coquille::document::split_blocks;
use coquille::{Document, Span};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use unicode_segmentation::UnicodeSegmentation;

struct Corpus {
    key: &'static str,
    file: &'static str,
}

const CORPORA: [Corpus; 2] = [
    Corpus {
        key: "sequoia",
        file: "sequoia-fulldocs",
    },
    Corpus {
        key: "pud",
        file: "ud-fr-pud",
    },
];

/// The running text with white space runs collapsed to one space, and for
/// each normalised byte the original offset just after its character.
struct Normalised {
    text: String,
    ends: Vec<usize>,
}

fn normalise(text: &str) -> Normalised {
    let mut out = String::with_capacity(text.len());
    let mut ends = Vec::with_capacity(text.len());
    let mut in_space = false;
    for (p, c) in text.char_indices() {
        let after = p + c.len_utf8();
        if c.is_whitespace() {
            if !in_space && !out.is_empty() {
                out.push(' ');
                ends.push(after);
            }
            in_space = true;
        } else {
            in_space = false;
            out.push(c);
            ends.extend(std::iter::repeat_n(after, c.len_utf8()));
        }
    }
    Normalised { text: out, ends }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Aligns sentences given as text to the running text; returns their end
/// offsets and the number that could not be found.
fn align(norm: &Normalised, sentences: &[&str]) -> (Vec<usize>, usize) {
    let mut cursor = 0;
    let mut ends = Vec::new();
    let mut missing = 0;
    for s in sentences {
        let s = collapse(s);
        if s.is_empty() {
            continue;
        }
        match norm.text[cursor..].find(&s) {
            Some(p) => {
                let end = cursor + p + s.len();
                ends.push(norm.ends[end - 1]);
                cursor = end;
            }
            None => missing += 1,
        }
    }
    (ends, missing)
}

#[derive(Default, Clone, Copy)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn p(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    fn r(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn json(&self) -> String {
        format!(
            "{{\"precision\": {:.5}, \"recall\": {:.5}, \"f1\": {:.5}, \"tp\": {}, \"fp\": {}, \"fn\": {}}}",
            self.p(),
            self.r(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

fn score(gold: &BTreeSet<usize>, pred: &BTreeSet<usize>) -> Score {
    Score {
        tp: gold.intersection(pred).count(),
        fp: pred.difference(gold).count(),
        fn_: gold.difference(pred).count(),
    }
}

struct Eval {
    gold_inner: BTreeSet<usize>,
    gold_all: BTreeSet<usize>,
    block_ends: BTreeSet<usize>,
    text_end: usize,
}

impl Eval {
    fn split(&self, ends: impl IntoIterator<Item = usize>) -> (BTreeSet<usize>, BTreeSet<usize>) {
        let all: BTreeSet<usize> = ends.into_iter().filter(|&e| e < self.text_end).collect();
        let inner = all
            .iter()
            .copied()
            .filter(|e| !self.block_ends.contains(e))
            .collect();
        (inner, all)
    }
}

fn main() {
    let mut dir = PathBuf::from("../shared/eval");
    let mut json = false;
    let mut wrap: Option<usize> = None;
    let mut systems: Vec<(String, PathBuf)> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--json" {
            json = true;
        } else if a == "--wrap" {
            match args.next().and_then(|v| v.parse().ok()) {
                Some(n) if n > 0 => wrap = Some(n),
                _ => {
                    eprintln!("--wrap needs a number of columns");
                    std::process::exit(2);
                }
            }
        } else if a == "--system" {
            let Some(v) = args.next() else {
                eprintln!("--system needs NAME=DIR");
                std::process::exit(2);
            };
            let Some((n, d)) = v.split_once('=') else {
                eprintln!("--system needs NAME=DIR");
                std::process::exit(2);
            };
            systems.push((n.to_string(), PathBuf::from(d)));
        } else if a == "-h" || a == "--help" {
            println!(
                "usage: eval_split [EVAL_DIR] [--json] [--wrap N] [--system NAME=DIR]...\n\
                 EVAL_DIR defaults to ../shared/eval; DIR holds sequoia.txt and pud.txt,\n\
                 one predicted sentence a line."
            );
            return;
        } else {
            dir = PathBuf::from(a);
        }
    }

    let mut json_corpora = Vec::new();
    for corpus in &CORPORA {
        let mut running = read(&dir.join(format!("{}.running.txt", corpus.file)));
        if let Some(n) = wrap {
            running = hard_wrap(&running, n);
        }
        let gold_text = read(&dir.join(format!("{}.sents.txt", corpus.file)));
        let gold_sents: Vec<&str> = gold_text.lines().filter(|l| !l.trim().is_empty()).collect();
        let norm = normalise(&running);
        let (gold_ends, gold_missing) = align(&norm, &gold_sents);
        let blocks = split_blocks(&running);
        let block_ends: BTreeSet<usize> = blocks.iter().map(|b| b.end).collect();
        let text_end = running.trim_end().len();
        let mut eval = Eval {
            gold_inner: BTreeSet::new(),
            gold_all: BTreeSet::new(),
            block_ends,
            text_end,
        };
        let (gi, ga) = eval.split(gold_ends);
        eval.gold_inner = gi;
        eval.gold_all = ga;

        // Coquille, exactly as `coquille split` sees it.
        let doc = Document::new(&running);
        let coquille_spans: Vec<Span> = doc.sentences().iter().map(|s| s.span).collect();
        // Plain UAX #29, per block.
        let mut uax = Vec::new();
        for b in &blocks {
            let t = b.slice(&running);
            for (off, s) in t.split_sentence_bound_indices() {
                let trimmed = s.trim_end();
                if !trimmed.trim_start().is_empty() {
                    uax.push(b.start + off + trimmed.len());
                }
            }
        }

        let mut results: Vec<(String, Score, Score, usize)> = Vec::new();
        let push = |name: &str, ends: Vec<usize>, missing: usize, results: &mut Vec<_>| {
            let (inner, all) = eval.split(ends);
            results.push((
                name.to_string(),
                score(&eval.gold_inner, &inner),
                score(&eval.gold_all, &all),
                missing,
            ));
        };
        push(
            "coquille",
            coquille_spans.iter().map(|s| s.end).collect(),
            0,
            &mut results,
        );
        push("uax29", uax, 0, &mut results);
        // Ablation, not a system: Coquille plus a cut after every semicolon
        // followed by white space, to show what Sequoia's convention costs
        // on PUD (see notes/issue-6-splitter.md).
        let mut semi: Vec<usize> = coquille_spans.iter().map(|s| s.end).collect();
        semi.extend(
            running
                .match_indices(';')
                .map(|(p, _)| p + 1)
                .filter(|&p| running[p..].starts_with(char::is_whitespace)),
        );
        push("+semicolons", semi, 0, &mut results);
        for (name, d) in &systems {
            let p = d.join(format!("{}.txt", corpus.key));
            let pred_text = read(&p);
            let pred: Vec<&str> = pred_text.lines().collect();
            let (ends, missing) = align(&norm, &pred);
            push(name, ends, missing, &mut results);
        }

        let key = match wrap {
            Some(n) => format!("{}-wrap{n}", corpus.key),
            None => corpus.key.to_string(),
        };
        write_errors(&key, &running, &eval, &coquille_spans);

        if json {
            let mut s = format!(
                "{{\"corpus\": \"{}\", \"gold_sentences\": {}, \"gold_unaligned\": {}, \"inner_boundaries\": {}, \"systems\": {{",
                corpus.key,
                gold_sents.len(),
                gold_missing,
                eval.gold_inner.len()
            );
            for (k, (name, inner, all, missing)) in results.iter().enumerate() {
                if k > 0 {
                    s.push_str(", ");
                }
                let _ = write!(
                    s,
                    "\"{name}\": {{\"inner\": {}, \"all\": {}, \"unaligned\": {missing}}}",
                    inner.json(),
                    all.json()
                );
            }
            s.push_str("}}");
            json_corpora.push(s);
        } else {
            println!(
                "{}: {} gold sentences ({} unaligned), {} inner boundaries, {} blocks",
                corpus.key,
                gold_sents.len(),
                gold_missing,
                eval.gold_inner.len(),
                blocks.len()
            );
            println!(
                "  {:<12} {:>7} {:>7} {:>7} {:>5} {:>5} | {:>7} (all boundaries)",
                "system", "P", "R", "F1", "FP", "FN", "F1"
            );
            for (name, inner, all, missing) in &results {
                println!(
                    "  {:<12} {:>7.4} {:>7.4} {:>7.4} {:>5} {:>5} | {:>7.4}{}",
                    name,
                    inner.p(),
                    inner.r(),
                    inner.f1(),
                    inner.fp,
                    inner.fn_,
                    all.f1(),
                    if *missing > 0 {
                        format!(" ({missing} sentences unaligned)")
                    } else {
                        String::new()
                    }
                );
            }
        }
    }
    if json {
        println!("{{\"corpora\": [{}]}}", json_corpora.join(", "));
    }
}

fn read(p: &Path) -> String {
    match std::fs::read_to_string(p) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot read {}: {e}", p.display());
            std::process::exit(2);
        }
    }
}

/// Context around byte `at`, with `⟂` at the boundary, on one line.
fn context(text: &str, at: usize, width: usize) -> String {
    let mut a = at.saturating_sub(width);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (at + width).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}⟂{}", &text[a..at], &text[at..b]).replace(['\n', '\r'], "¶")
}

/// A first, automatic guess of the error's kind, from the text around it.
fn classify(text: &str, at: usize, missed: bool) -> &'static str {
    let before = text[..at].trim_end();
    let after = text[at..].trim_start();
    let last = before.chars().next_back().unwrap_or(' ');
    let next = after.chars().next().unwrap_or(' ');
    let word: String = before
        .chars()
        .rev()
        .skip_while(|c| matches!(c, '.' | '!' | '?' | '…' | '»' | '"' | ')'))
        .take_while(|c| !c.is_whitespace())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if matches!(last, ';' | ':') {
        return "convention: gold cuts after a semicolon or colon";
    }
    if missed && next.is_lowercase() {
        return "convention: gold sentence starts in lower case";
    }
    if matches!(last, ')' | '"' | '»') && !before[..before.len() - 1].ends_with(['.', '!', '?']) {
        return "heading or caption run into the next sentence (no final mark)";
    }
    if !matches!(last, '.' | '!' | '?' | '…' | '»' | '"' | '”' | ')') {
        return "heading or list item without final punctuation";
    }
    if matches!(last, '»' | '"' | '”') || matches!(next, '«' | '"' | '“') {
        return "quotation";
    }
    if matches!(next, '.' | '?' | '!') || word.is_empty() {
        return "stray punctuation (\"? .\", \".. /..\")";
    }
    if word.contains('.') || word.chars().count() <= 2 && word.chars().all(char::is_uppercase) {
        return "initials or dotted acronym";
    }
    if last == '!' {
        return "exclamation mark inside a name (Yahoo!)";
    }
    "other full stop"
}

/// Fills each line at `width` columns (greedy, at spaces; a longer word
/// stays whole), like a text editor's or mailer's hard wrap.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut col = 0;
        for (k, word) in line.split_whitespace().enumerate() {
            let w = word.chars().count();
            if k > 0 && col + 1 + w > width {
                out.push('\n');
                col = 0;
            } else if k > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += w;
        }
    }
    out
}

fn write_errors(key: &str, text: &str, eval: &Eval, spans: &[Span]) {
    let (inner, _) = eval.split(spans.iter().map(|s| s.end));
    let fps: Vec<usize> = inner.difference(&eval.gold_inner).copied().collect();
    let fns: Vec<usize> = eval.gold_inner.difference(&inner).copied().collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Coquille sentence-splitter errors on {key} (inner boundaries).\n\
         # Written by `cargo run --release --example eval_split`. ⟂ marks the boundary;\n\
         # ¶ a line break. `class` is an automatic first guess; see notes/issue-6-splitter.md.\n\
         # false splits: {}, missed splits: {}\n",
        fps.len(),
        fns.len(),
    );
    for (kind, list) in [("false split", &fps), ("missed split", &fns)] {
        for &at in list.iter() {
            let _ = writeln!(
                out,
                "{kind}\t{at}\t{}\t{}",
                classify(text, at, kind == "missed split"),
                context(text, at, 70)
            );
        }
    }
    let _ = std::fs::create_dir_all("bench-output");
    let path = format!("bench-output/split-errors-{key}.txt");
    if let Err(e) = std::fs::write(&path, out) {
        eprintln!("cannot write {path}: {e}");
    }
}
