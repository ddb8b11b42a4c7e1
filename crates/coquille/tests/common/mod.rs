//! Hard inputs shared by `tests/pathological.rs` (small sizes, every
//! `cargo test`) and `examples/stress.rs` (full sizes, in release, with
//! timings): texts that put the edge of every rule's bounded look-around
//! inside multi-byte characters, and one long line of long runs of what the
//! rules look at.

#![allow(dead_code)] // each user takes what it needs

use coquille::{Checker, Document};

/// Sizes of the windows the rules and the splitter read around what they
/// find, in bytes: 12 (`french-spacing`'s entity look-back), 30
/// (`duplicate-punctuation`'s word before), 48 (the splitter's token), 80 and
/// 200 (`imperial-units`), 256 and 400 (the splitter's chunk and quotation),
/// 300 (`broken-markup`'s tag), 600 (`untranslated-english`'s reference).
pub const WINDOWS: &[usize] = &[12, 30, 48, 80, 200, 256, 300, 400, 600];

/// Wider windows, read in HTML or by the English detector (1000, 2000), and
/// round sizes a future window may take (500, 1024).
pub const WIDE_WINDOWS: &[usize] = &[500, 1000, 1024, 2000];

/// What the rules look at, one trigger each.
pub const TRIGGERS: &[&str] = &[
    "<a ",
    "« ",
    "\"",
    "(",
    "http://x/",
    "Le ",
    "1 ",
    "…",
    "A. ",
    "- ",
    "le ",
    ": ",
    "&",
    ". .",
    "12 miles ",
    "“",
];

/// Texts where a trigger's window of `window` bytes, give or take 4, ends at
/// every byte of 2-, 3- and 4-byte characters, before and after the trigger
/// (and, with `both_ways`, with the trigger again on the next line).
pub fn window_edge_texts(windows: &[usize], both_ways: bool) -> Vec<String> {
    // A run of `é€𝄞` (2 + 3 + 4 bytes): nine shifts put an edge at each byte.
    let wide = "é€𝄞".repeat(4);
    let mut texts = Vec::new();
    for &window in windows {
        for n in window.saturating_sub(4)..=window + 4 {
            for t in TRIGGERS {
                let pad = "a".repeat(n.saturating_sub(t.len()));
                texts.push(format!("{t}{pad}{wide} >"));
                texts.push(format!("{wide}{pad}{t}"));
                if both_ways {
                    texts.push(format!("{t} {pad}{wide}\n{t}"));
                }
            }
        }
    }
    texts
}

/// Patterns repeated into long runs by [`pathological_line`].
pub const PATTERNS: &[&str] = &[
    "“",
    "« “ ‘ \" ' » ” ’ „ ‘‘ '' \"mot ",
    "\"a",
    "!?.,;:…",
    "! ? . , ; : … . . ",
    "A ",
    "A 20 ans Ca va Etat CA VA ",
    "ETAT ",
    "12 miles 3'4\" 5 pieds 6 pouces 7,5 oz 1 000 km 75 °F deux miles 2″ ",
    "1",
    "123 ",
    "é1 a. B ",
    "abcDef",
    "le ",
    "a@b.c",
    "http://",
    "<",
    "<a href=x ",
    "&amp;",
    "Ã© â€™ ",
    "mot… Mot… ",
    "...",
    "the quick brown fox ",
    " ",
    "\u{a0}",
];

/// One line made of each pattern repeated to about `run` bytes: a rule
/// quadratic on a long run of what it looks at shows up here.
pub fn pathological_line(run: usize) -> String {
    let mut text = String::new();
    for p in PATTERNS {
        text.push_str(&p.repeat(run / p.len() + 1));
        text.push(' ');
    }
    text
}

/// Checks `text` and asserts every finding and every suggested edit has a
/// span on char boundaries of `text`; returns the number of findings.
pub fn assert_sound(checker: &Checker, text: &str) -> usize {
    let findings = checker.findings(&Document::new(text));
    for f in &findings {
        let sound = |s: coquille::Span| {
            s.start <= s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        };
        assert!(sound(f.span), "{}: unsound span {:?}", f.rule, f.span);
        if let Some(e) = &f.suggestion {
            assert!(sound(e.span), "{}: unsound edit {:?}", f.rule, e.span);
        }
    }
    findings.len()
}
