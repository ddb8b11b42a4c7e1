//! Hard inputs, at sizes that keep `cargo test` fast: window edges inside
//! multi-byte characters, and one long line of long runs. No rule may panic
//! or report a span off a char boundary. The same inputs at full size, with
//! the time each takes, are `cargo run --release -p coquille --example
//! stress` (a rule quadratic on a long run shows up there).

mod common;

use coquille::{Checker, Document};

/// Rules look at bounded windows of bytes around what they find (so that
/// huge inputs stay linear); a window edge that falls inside a multi-byte
/// character must not panic. Every rule runs, through the checker, on texts
/// where such edges fall at every byte of 2-, 3- and 4-byte characters,
/// before and after the usual triggers.
#[test]
fn no_rule_panics_at_window_edges() {
    let checker = Checker::default();
    let texts = common::window_edge_texts(common::WINDOWS, false);
    assert!(texts.len() > 2000);
    for text in &texts {
        common::assert_sound(&checker, text);
    }
    // Both ways with a line break, on the narrow windows.
    for text in common::window_edge_texts(&common::WINDOWS[..4], true) {
        common::assert_sound(&checker, &text);
    }
}

/// One line of 25 runs of about 4 kB each: every rule gets through it with
/// sound spans, and the report serialises.
#[test]
fn a_pathological_line_is_checked_without_panic() {
    let text = common::pathological_line(4_000);
    assert!(text.len() > 100_000 && !text.contains('\n'));
    let checker = Checker::default();
    assert!(common::assert_sound(&checker, &text) > 0);
    let report = checker.check(&Document::new(&text), Some("pathological.txt"));
    assert!(report.findings.iter().all(|f| f.line == 1));
    let json = serde_json::to_string(&report).expect("the report serialises");
    assert!(json.contains("\"pathological.txt\""));
}
