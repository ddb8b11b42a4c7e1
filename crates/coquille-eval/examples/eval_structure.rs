//! Recall of the structure rules on damage made from careful French.
//!
//! Takes the gold sentences of `../shared/eval/{sequoia-fulldocs,ud-fr-pud}.sents.txt`
//! and damages them the way scraping and machine translation do:
//! - `missing-sentence-boundary`: two consecutive sentences joined without
//!   their full stop (`... régions ukrainiennes Le président ...`);
//! - `sentence-fragment`: a `, ` before a participle or a relative replaced by
//!   `. , ` (a stray full stop) or by `. ` (a full stop cutting the sentence);
//! - `repeated-sentence`: a paragraph of two sentences pasted twice, or its
//!   first sentence pasted again with its last word dropped.
//!
//! Prints, per rule, how many damaged texts were flagged at the damage and how
//! many findings fell elsewhere.
//!
//! Run: `cargo run --release --example eval_structure [EVAL_DIR]`

use coquille::rules::{MissingSentenceBoundary, RepeatedSentence, SentenceFragment};
use coquille::{Context, Document, Finding, Rule, RuleOptions, Sink};

fn run(rule: &dyn Rule, text: &str) -> Vec<Finding> {
    let doc = Document::new(text);
    let options = RuleOptions::default();
    let ctx = Context {
        doc: &doc,
        options: &options,
        scratch: None,
    };
    let mut sink = Sink::new(rule.meta());
    rule.check(&ctx, &mut sink);
    sink.into_findings()
}

#[derive(Default)]
struct Score {
    cases: usize,
    hits: usize,
    elsewhere: usize,
    missed: Vec<String>,
}

impl Score {
    fn add(&mut self, text: &str, findings: &[Finding], at: (usize, usize)) {
        self.cases += 1;
        let mut hit = false;
        for f in findings {
            if f.span.start < at.1 && at.0 < f.span.end {
                hit = true;
            } else {
                self.elsewhere += 1;
            }
        }
        if hit {
            self.hits += 1;
        } else if self.missed.len() < 15 {
            let lo = text.floor_char_boundary(at.0.saturating_sub(50));
            let hi = text.ceil_char_boundary((at.1 + 50).min(text.len()));
            self.missed.push(text[lo..hi].replace('\n', " "));
        }
    }

    fn print(&self, name: &str) {
        println!(
            "{name}: {} / {} damaged texts flagged at the damage ({:.1} %), {} findings elsewhere",
            self.hits,
            self.cases,
            100.0 * self.hits as f64 / self.cases.max(1) as f64,
            self.elsewhere
        );
        for m in &self.missed {
            println!("    missed: …{m}…");
        }
    }
}

fn last_word(s: &str) -> &str {
    let s = s.trim_end_matches('.');
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval".to_string());
    for corpus in ["sequoia-fulldocs", "ud-fr-pud"] {
        let path = format!("{dir}/{corpus}.sents.txt");
        let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let sents: Vec<&str> = data
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        println!("== {corpus}: {} sentences", sents.len());

        // missing-sentence-boundary
        let mut score = Score::default();
        for pair in sents.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let w = last_word(a);
            if !a.ends_with('.')
                || a.ends_with("..")
                || w.is_empty()
                || w.chars().any(char::is_uppercase)
                || !b.chars().next().is_some_and(char::is_uppercase)
            {
                continue;
            }
            let head = &a[..a.len() - 1];
            let text = format!("{head} {b}");
            let junction = (head.len() - w.len(), head.len() + 2);
            score.add(&text, &run(&MissingSentenceBoundary, &text), junction);
        }
        score.print("missing-sentence-boundary (full stop dropped between sentences)");

        // sentence-fragment
        let mut stray = Score::default();
        let mut cut = Score::default();
        for s in &sents {
            let Some(i) = s.find(", ") else { continue };
            let rest = &s[i + 2..];
            let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            let continues = (word.ends_with("ant") && word.chars().count() >= 6)
                || matches!(word.as_str(), "qui" | "dont" | "et" | "mais" | "où");
            if !continues {
                continue;
            }
            let text = format!("{}. , {rest}", &s[..i]);
            stray.add(&text, &run(&SentenceFragment, &text), (i, i + 3));
            let text = format!("{}. {rest}", &s[..i]);
            cut.add(&text, &run(&SentenceFragment, &text), (i, i + 2));
        }
        stray.print("sentence-fragment (`, participle` turned into `. , participle`)");
        cut.print("sentence-fragment (`, participle` turned into `. participle`)");

        // repeated-sentence: a paragraph of two sentences pasted twice, and
        // its first sentence pasted again with its last word dropped (a near
        // copy). The damage is the pasted text.
        let mut exact = Score::default();
        let mut near = Score::default();
        for pair in sents.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.split_whitespace().count() <= 3 {
                continue;
            }
            let text = format!("{a} {b}\n\n{a} {b}");
            let start = a.len() + b.len() + 3;
            exact.add(&text, &run(&RepeatedSentence, &text), (start, text.len()));
            // Near copy: the last word of `a` dropped, when it has no digit
            // (a different number is a different fact, never reported) and
            // is under a tenth of the sentence.
            let cut = a.trim_end_matches(['.', '!', '?', ' ']);
            let Some(sp) = cut.rfind(' ') else { continue };
            let last = &cut[sp + 1..];
            if last.chars().any(|c| c.is_ascii_digit())
                || last.chars().count() * 12 > a.chars().count()
            {
                continue;
            }
            let copy = &cut[..sp];
            let text = format!("{a} {b}\n\n{copy}.");
            let start = a.len() + b.len() + 3;
            near.add(&text, &run(&RepeatedSentence, &text), (start, text.len()));
        }
        exact.print("repeated-sentence (paragraph of two sentences pasted twice)");
        near.print("repeated-sentence (first sentence pasted again, its last word dropped)");
    }
}
