//! What the integration tests share: the rows of the `*.expected.tsv` files,
//! a sound-span check of one rule, and hard inputs, also read by
//! `examples/stress.rs` (full sizes, in release, with timings): texts that put
//! the edge of every rule's bounded look-around inside multi-byte
//! characters, and one long line of long runs of what the rules look at.

#![allow(dead_code)] // each user takes what it needs

use coquille::{Checker, Context, Document, Finding, Rule, RuleOptions, Sink, Span, rules};

/// One row of an `*.expected.tsv` file (`kind<TAB>rule<TAB>start<TAB>end<TAB>text`).
pub struct Row {
    /// `must`, `may` or `must-not`.
    pub kind: String,
    pub rule: String,
    pub span: Span,
    pub text: String,
}

/// The rows of an `*.expected.tsv` file, after its header line.
pub fn rows(tsv: &str) -> Vec<Row> {
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert!(c.len() >= 4, "malformed row {l:?}");
            Row {
                kind: c[0].to_string(),
                rule: c[1].to_string(),
                span: Span::new(c[2].parse().unwrap(), c[3].parse().unwrap()),
                text: c.get(4).unwrap_or(&"").to_string(),
            }
        })
        .collect()
}

/// Scores `findings` of the file `name` against its expected `rows`: a `must`
/// row of an existing rule needs a finding of that rule overlapping it, a
/// `must-not` row none (`may` rows are not scored). Pushes a message a
/// failure; returns the number of rows scored.
pub fn score(name: &str, findings: &[Finding], rows: &[Row], failures: &mut Vec<String>) -> usize {
    let mut scored = 0;
    for row in rows {
        if rules::by_id(&row.rule).is_none() || row.kind == "may" {
            continue;
        }
        scored += 1;
        // A defect several rules see is reported once, by the most specific
        // rule; the others are named in `related`.
        let matched = findings.iter().any(|f| {
            (f.rule == row.rule || f.related.contains(&row.rule.as_str()))
                && f.span.overlaps(row.span)
        });
        let failed = match row.kind.as_str() {
            "must" => !matched,
            "must-not" => matched,
            other => panic!("{name}: unknown row kind `{other}`"),
        };
        if failed {
            let what = if matched { "violated" } else { "missed  " };
            failures.push(format!(
                "{name}: {what} {} {}-{} {:?}",
                row.rule, row.span.start, row.span.end, row.text
            ));
        }
    }
    scored
}

/// Runs `rule` alone on `text` (plain text, default options), findings
/// sorted by position.
pub fn run_rule(rule: &dyn Rule, text: &str) -> Vec<Finding> {
    let doc = Document::new(text);
    let options = RuleOptions::default();
    let ctx = Context {
        doc: &doc,
        options: &options,
        scratch: None,
    };
    let mut sink = Sink::new(rule.meta());
    rule.check(&ctx, &mut sink);
    let mut found = sink.into_findings();
    found.sort_by_key(|f| (f.span.start, f.span.end));
    found
}

/// Runs `rule` alone on `text` and asserts every span it reports is on char
/// boundaries of `text`.
pub fn assert_rule_sound(rule: &dyn Rule, text: &str) {
    for f in run_rule(rule, text) {
        assert!(
            f.span.end <= text.len()
                && text.is_char_boundary(f.span.start)
                && text.is_char_boundary(f.span.end),
            "{}: span {:?} not on char boundaries in {text:?}",
            rule.meta().id,
            f.span
        );
    }
}

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
