//! Where the checker's time goes: each rule alone, the document's
//! preparation and the whole check, over a set of files, one thread.
//!
//! `cargo run --release -p coquille --example rule_times -- [--rounds N] [--whole | --only ID,ID | --warm-up] FILE...`
//!
//! Every file is one document (its format from its extension). Each rule
//! runs `N` rounds (default 3) over all the documents, prepared once outside
//! the measure; the table gives the best round per rule, in ms and MB/s, the
//! rules sorted by time. This guides work; the numbers that are reported
//! come from `cargo bench` (`benches/checker.rs`, `benches/rules.rs`).

use coquille::{Checker, Context, Document, Format, RuleOptions, Sink, rules};
use std::time::{Duration, Instant};

fn best<F: FnMut()>(rounds: usize, mut f: F) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut rounds = 3;
    // `--whole`: only the whole check, `rounds` times (for a profiler).
    let whole_only = args.iter().any(|a| a == "--whole");
    let warm_up_only = args.iter().any(|a| a == "--warm-up");
    args.retain(|a| a != "--warm-up");
    args.retain(|a| a != "--whole");
    if let Some(i) = args.iter().position(|a| a == "--rounds") {
        rounds = args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .expect("--rounds N");
        args.drain(i..i + 2);
    }
    // `--only ID,ID`: the table for these rules only (to profile one rule).
    let mut only: Option<Vec<String>> = None;
    if let Some(i) = args.iter().position(|a| a == "--only") {
        only = Some(
            args.get(i + 1)
                .expect("--only ID,ID")
                .split(',')
                .map(str::to_string)
                .collect(),
        );
        args.drain(i..i + 2);
    }
    if args.is_empty() {
        eprintln!("usage: rule_times [--rounds N] [--whole | --only ID,ID | --warm-up] FILE...");
        std::process::exit(2);
    }
    let texts: Vec<(String, Format)> = args
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            let format = match p.rsplit('.').next() {
                Some("html" | "htm") => Format::Html,
                Some("md" | "markdown") => Format::Markdown,
                _ => Format::Text,
            };
            (text, format)
        })
        .collect();
    let bytes: usize = texts.iter().map(|(t, _)| t.len()).sum();
    let mb = bytes as f64 / 1e6;
    // `--warm-up`: what building each rule's tables and automata costs
    // (what a process pays once, before its first check).
    if warm_up_only {
        let mut rows: Vec<(&str, Duration)> = rules::ALL
            .iter()
            .map(|rule| {
                let t = Instant::now();
                rule.warm_up();
                (rule.meta().id, t.elapsed())
            })
            .collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.1));
        let sum: Duration = rows.iter().map(|r| r.1).sum();
        println!(
            "warm-up, in the order of rules::ALL, sorted: {:.1} ms",
            sum.as_secs_f64() * 1e3
        );
        for (id, time) in rows {
            println!("  {:<32} {:>9.2} ms", id, time.as_secs_f64() * 1e3);
        }
        return;
    }
    for rule in rules::ALL {
        rule.warm_up();
    }
    let checker = Checker::default();
    let prepare = if only.is_some() {
        Duration::ZERO
    } else {
        best(rounds, || {
            for (t, f) in &texts {
                std::hint::black_box(Document::with_format(t, *f));
            }
        })
    };
    let whole = if only.is_some() {
        Duration::ZERO
    } else {
        best(rounds, || {
            for (t, f) in &texts {
                std::hint::black_box(checker.findings(&Document::with_format(t, *f)));
            }
        })
    };
    if whole_only {
        println!("whole check: {:.1} ms", whole.as_secs_f64() * 1e3);
        return;
    }
    let docs: Vec<Document<'_>> = texts
        .iter()
        .map(|(t, f)| Document::with_format(t, *f))
        .collect();
    let views: Vec<Option<Document<'_>>> = docs.iter().map(|d| d.view()).collect();
    let options = RuleOptions::default();
    let mut rows = Vec::new();
    for rule in rules::ALL {
        if only
            .as_ref()
            .is_some_and(|o| !o.iter().any(|id| id == rule.meta().id))
        {
            continue;
        }
        let time = best(rounds, || {
            for (d, v) in docs.iter().zip(&views) {
                let ctx = Context {
                    doc: v.as_ref().unwrap_or(d),
                    options: &options,
                    scratch: None,
                };
                let mut sink = Sink::new(rule.meta());
                rule.check(&ctx, &mut sink);
                std::hint::black_box(sink.findings().len());
            }
        });
        rows.push((rule.meta().id, time));
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.1));
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let rate = |d: Duration| mb / d.as_secs_f64().max(1e-9);
    println!(
        "{} files, {bytes} bytes, best of {rounds} rounds, one thread",
        texts.len()
    );
    println!(
        "{:<34} {:>9.1} ms {:>8.2} MB/s",
        "whole check (prepare included)",
        ms(whole),
        rate(whole)
    );
    println!(
        "{:<34} {:>9.1} ms {:>8.2} MB/s",
        "prepare (Document::with_format)",
        ms(prepare),
        rate(prepare)
    );
    let sum: Duration = rows.iter().map(|r| r.1).sum();
    println!(
        "{:<34} {:>9.1} ms {:>8.2} MB/s",
        "rules alone, summed",
        ms(sum),
        rate(sum)
    );
    for (id, time) in rows {
        println!(
            "  {:<32} {:>9.1} ms {:>5.1}%",
            id,
            ms(time),
            100.0 * time.as_secs_f64() / sum.as_secs_f64().max(1e-9)
        );
    }
}
