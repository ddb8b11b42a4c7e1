//! Evaluates the untranslated-English detector on a labelled set built from
//! real text, against two baselines, with an ablation of each piece of
//! evidence; then counts false alarms on careful human French.
//!
//! ```text
//! cargo run --release --example eval_english
//! cargo run --release --example eval_english -- --no-ablation
//! ```
//!
//! The labelled set: for each case, an English fragment of 2–8 words cut at
//! word boundaries from the English side of a row of
//! `../shared/eval/ud-fr-pud.en-fr.tsv` is inserted at a word boundary of the
//! French side of another row (fixed seed). The 1,000 untouched French
//! sentences are the negatives. A predicted span is right when it overlaps an
//! inserted span; an inserted span is found when predicted spans cover at
//! least half of its bytes.
//!
//! False alarms: every span flagged in `ud-fr-pud.sents.txt` and
//! `sequoia-fulldocs.sents.txt` (one sentence a line) is written to
//! `bench-output/english-flags.txt` for review.

use coquille::lang::english::{self, Evidence, english_spans_with, lingua_detector};
use coquille::span::Span;
use lingua::Language;
use std::fmt::Write as _;
use std::time::Instant;

const EVAL_DIR: &str = "../shared/eval";
const CASES: usize = 3000;
const SEED: u64 = 0x5EED_C0C0_11E5_2026;

/// splitmix64: a tiny, well-mixed PRNG so the set is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

struct Case {
    text: String,
    gold: Vec<Span>,
}

/// Trims punctuation from the ends of a fragment so it starts and ends on a word.
fn trim_fragment(s: &str) -> &str {
    s.trim_matches(|c: char| !c.is_alphanumeric())
}

fn build_cases(rows: &[(String, String)]) -> Vec<Case> {
    let mut rng = Rng(SEED);
    let mut cases = Vec::with_capacity(CASES + rows.len());
    while cases.len() < CASES {
        let host = rng.below(rows.len());
        let mut donor = rng.below(rows.len());
        if donor == host {
            donor = (donor + 1) % rows.len();
        }
        let en_words: Vec<&str> = rows[donor].0.split_whitespace().collect();
        let len = 2 + rng.below(7);
        if en_words.len() < len {
            continue;
        }
        let start = rng.below(en_words.len() - len + 1);
        let joined = en_words[start..start + len].join(" ");
        let fragment = trim_fragment(&joined);
        if fragment.split_whitespace().count() < 2 {
            continue;
        }
        let fr = &rows[host].1;
        // Word boundaries: the start, every space, the end.
        let mut bounds = vec![0];
        bounds.extend(fr.match_indices(' ').map(|(i, _)| i));
        bounds.push(fr.len());
        let at = bounds[rng.below(bounds.len())];
        let mut text = String::with_capacity(fr.len() + fragment.len() + 2);
        let gold_start;
        if at == 0 {
            gold_start = 0;
            text.push_str(fragment);
            text.push(' ');
            text.push_str(fr);
        } else if at == fr.len() {
            text.push_str(fr);
            text.push(' ');
            gold_start = text.len();
            text.push_str(fragment);
        } else {
            text.push_str(&fr[..at]);
            text.push(' ');
            gold_start = text.len();
            text.push_str(fragment);
            text.push_str(&fr[at..]);
        }
        cases.push(Case {
            gold: vec![Span::new(gold_start, gold_start + fragment.len())],
            text,
        });
    }
    for (_, fr) in rows {
        cases.push(Case {
            text: fr.clone(),
            gold: Vec::new(),
        });
    }
    cases
}

#[derive(Default)]
struct Score {
    predicted: usize,
    correct: usize,
    gold: usize,
    found: usize,
    fa_negatives: usize,
}

impl Score {
    fn add(&mut self, case: &Case, pred: &[Span]) {
        self.predicted += pred.len();
        self.correct += pred
            .iter()
            .filter(|p| case.gold.iter().any(|g| g.overlaps(**p)))
            .count();
        if case.gold.is_empty() {
            self.fa_negatives += pred.len();
        }
        for g in &case.gold {
            self.gold += 1;
            let covered: usize = pred
                .iter()
                .map(|p| p.end.min(g.end).saturating_sub(p.start.max(g.start)))
                .sum();
            if covered * 2 >= g.len() {
                self.found += 1;
            }
        }
    }
    fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    fn recall(&self) -> f64 {
        self.found as f64 / self.gold.max(1) as f64
    }
    fn line(&self, name: &str, secs: f64) -> String {
        format!(
            "{name:<34} P={:.3} R={:.3}  predicted={} correct={} found={}/{} spans-on-negatives={}  {secs:.1}s",
            self.precision(),
            self.recall(),
            self.predicted,
            self.correct,
            self.found,
            self.gold,
            self.fa_negatives
        )
    }
}

fn eval<F: FnMut(&str) -> Vec<Span>>(name: &str, cases: &[Case], mut f: F) {
    let t = Instant::now();
    let mut score = Score::default();
    for c in cases {
        let pred = f(&c.text);
        score.add(c, &pred);
    }
    println!("{}", score.line(name, t.elapsed().as_secs_f64()));
}

fn detector(ev: Evidence) -> impl FnMut(&str) -> Vec<Span> {
    move |t: &str| {
        english_spans_with(t, &ev, &[])
            .into_iter()
            .map(|s| s.span)
            .collect()
    }
}

fn main() {
    let ablation = !std::env::args().any(|a| a == "--no-ablation");
    let tsv = std::fs::read_to_string(format!("{EVAL_DIR}/ud-fr-pud.en-fr.tsv"))
        .expect("read ../shared/eval/ud-fr-pud.en-fr.tsv (run from the repository root)");
    let rows: Vec<(String, String)> = tsv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() >= 4).then(|| (f[2].to_string(), f[3].to_string()))
        })
        .collect();
    let cases = build_cases(&rows);
    english::warm_up();
    println!(
        "labelled set: {} sentences with one inserted English fragment, {} untouched French sentences (seed {SEED:#x})",
        CASES,
        rows.len()
    );
    eval(
        "coquille untranslated-english",
        &cases,
        detector(Evidence::default()),
    );
    // Misses and wrong spans, for review.
    let mut review = String::new();
    for c in &cases {
        let pred: Vec<Span> = english_spans_with(&c.text, &Evidence::default(), &[])
            .into_iter()
            .map(|s| s.span)
            .collect();
        for g in &c.gold {
            let covered: usize = pred
                .iter()
                .map(|p| p.end.min(g.end).saturating_sub(p.start.max(g.start)))
                .sum();
            if covered * 2 < g.len() {
                let _ = writeln!(review, "MISS\t{}\t{}", g.slice(&c.text), c.text);
            }
        }
        for p in &pred {
            if !c.gold.iter().any(|g| g.overlaps(*p)) {
                let _ = writeln!(review, "WRONG\t{}\t{}", p.slice(&c.text), c.text);
            }
        }
    }
    std::fs::create_dir_all("bench-output").ok();
    std::fs::write("bench-output/english-eval-review.txt", review).expect("write bench-output");

    // Baselines.
    let lingua = lingua_detector();
    eval("baseline lingua multiple-languages", &cases, |t| {
        lingua
            .detect_multiple_languages_of(t)
            .into_iter()
            .filter(|r| r.language() == Language::English)
            .map(|r| Span::new(r.start_index(), r.end_index()))
            .collect()
    });
    let wl = whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Fra]);
    eval("baseline whatlang per sentence", &cases, |t| {
        match wl.detect(t) {
            Some(info) if info.lang() == whatlang::Lang::Eng => vec![Span::new(0, t.len())],
            _ => Vec::new(),
        }
    });

    if ablation {
        println!("ablation (each piece of evidence off in turn, or a confirmer added):");
        let all = Evidence::default();
        let variants: [(&str, Evidence); 7] = [
            (
                "  without frequency",
                Evidence {
                    frequency: false,
                    ..all
                },
            ),
            (
                "  without function words",
                Evidence {
                    function_words: false,
                    ..all
                },
            ),
            (
                "  without morphology",
                Evidence {
                    morphology: false,
                    ..all
                },
            ),
            (
                "  without capitalisation",
                Evidence {
                    capitalisation: false,
                    ..all
                },
            ),
            (
                "  without smoothing (per token)",
                Evidence {
                    smoothing: false,
                    ..all
                },
            ),
            (
                "  without lingua confirmation",
                Evidence {
                    lingua: false,
                    ..all
                },
            ),
            (
                "  with whatlang confirmation",
                Evidence {
                    whatlang: true,
                    ..all
                },
            ),
        ];
        let corpora: Vec<String> = ["ud-fr-pud.sents.txt", "sequoia-fulldocs.sents.txt"]
            .iter()
            .filter_map(|f| std::fs::read_to_string(format!("{EVAL_DIR}/{f}")).ok())
            .collect();
        for (name, ev) in variants {
            eval(name, &cases, detector(ev));
            let flagged: usize = corpora
                .iter()
                .flat_map(|c| c.lines())
                .map(|l| english_spans_with(l, &ev, &[]).len())
                .sum();
            println!(
                "{:<34} spans flagged on ud-fr-pud + sequoia sentences: {flagged}",
                ""
            );
        }
    }

    // False alarms on careful human French.
    let mut listing = String::new();
    let _ = writeln!(
        listing,
        "# untranslated-english: every span flagged on careful human French (one sentence a line).\n# Produced by `cargo run --release --example eval_english`; class column reviewed by hand in notes/issue-3-english.md.\n# file:line\tspan\tsentence"
    );
    for file in ["ud-fr-pud.sents.txt", "sequoia-fulldocs.sents.txt"] {
        let path = format!("{EVAL_DIR}/{file}");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("eval_english: {path} missing, skipped");
            continue;
        };
        let mut sentences = 0;
        let mut flagged = 0;
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            sentences += 1;
            for s in english::english_spans(line) {
                flagged += 1;
                let _ = writeln!(listing, "{file}:{}\t{}\t{line}", n + 1, s.span.slice(line));
            }
        }
        println!(
            "{file}: {flagged} spans flagged in {sentences} sentences = {:.2} per 1,000 sentences",
            flagged as f64 * 1000.0 / sentences as f64
        );
    }
    std::fs::create_dir_all("bench-output").ok();
    std::fs::write("bench-output/english-flags.txt", listing).expect("write bench-output");
    println!("flagged spans listed in bench-output/english-flags.txt");
}
