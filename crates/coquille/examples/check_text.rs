//! Checks a string with the library and prints each finding.
//!
//! `cargo run --example check_text` (or pass your own text as arguments).

use coquille::{Checker, Document};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = if args.is_empty() {
        "Les troupes sont arrivées depuis la Pologne. .".to_string()
    } else {
        args.join(" ")
    };
    let checker = Checker::default();
    let doc = Document::new(&text);
    for f in checker.findings(&doc) {
        let (line, col) = doc.line_index().line_col(&text, f.span.start);
        println!(
            "{line}:{col} {} [{}] {:?}: {}",
            f.severity,
            f.rule,
            doc.slice(f.span),
            f.message
        );
    }
}
