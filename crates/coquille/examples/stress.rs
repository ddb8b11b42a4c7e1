//! The hard inputs of `tests/pathological.rs` at full size, with the time
//! each rule takes: window edges inside multi-byte characters for every
//! window size up to 2000 bytes, both ways, and one 2 MB line of 25 runs of
//! 80 kB. Panics (non-zero exit) on an unsound span; a rule quadratic on a
//! long run shows up as a time out of line with the others.
//!
//! `cargo run --release -p coquille --example stress`

#[path = "../tests/common/mod.rs"]
mod common;

use coquille::{Checker, Context, Document, RuleOptions, Sink, rules};
use std::time::Instant;

fn main() {
    let checker = Checker::default();
    for rule in rules::ALL {
        rule.warm_up();
    }
    let windows: Vec<usize> = common::WINDOWS
        .iter()
        .chain(common::WIDE_WINDOWS)
        .copied()
        .collect();
    let texts = common::window_edge_texts(&windows, true);
    let t = Instant::now();
    let mut found = 0;
    for text in &texts {
        found += common::assert_sound(&checker, text);
    }
    println!(
        "window edges: {} texts, {found} findings, all sound, in {:.2?}",
        texts.len(),
        t.elapsed()
    );

    let line = common::pathological_line(80_000);
    let doc = Document::new(&line);
    let options = RuleOptions::default();
    let ctx = Context {
        doc: &doc,
        options: &options,
        scratch: None,
    };
    println!("pathological line: {} bytes", line.len());
    for rule in rules::ALL {
        let t = Instant::now();
        let mut sink = Sink::new(rule.meta());
        rule.check(&ctx, &mut sink);
        println!(
            "  {:<28} {:>7} findings in {:>9.2?}",
            rule.meta().id,
            sink.findings().len(),
            t.elapsed()
        );
    }
    let t = Instant::now();
    let n = common::assert_sound(&checker, &line);
    println!(
        "  whole check: {n} findings, all sound, in {:.2?}",
        t.elapsed()
    );
}
