//! Realistic paragraphs for the structure rules: `tests/fixtures/<rule-id>.txt`
//! hold marked text (⟦ ⟧ around each expected finding, `#` comment lines);
//! the rule, run alone on the whole file, must report exactly those spans.

use coquille::{Context, Document, RuleOptions, Sink, Span, rules};

/// Text without comments and marks, and the marked spans in it.
fn parse(fixture: &str) -> (String, Vec<Span>) {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut open = None;
    for line in fixture.split_inclusive('\n') {
        if line.starts_with('#') {
            continue;
        }
        for c in line.chars() {
            match c {
                '⟦' => open = Some(text.len()),
                '⟧' => spans.push(Span::new(open.take().expect("unbalanced ⟧"), text.len())),
                c => text.push(c),
            }
        }
    }
    assert!(open.is_none(), "unbalanced ⟦");
    (text, spans)
}

fn check_fixture(id: &str) {
    let path = format!("tests/fixtures/{id}.txt");
    let fixture = std::fs::read_to_string(&path).unwrap();
    let (text, expected) = parse(&fixture);
    let rule = rules::by_id(id).unwrap_or_else(|| panic!("no rule {id}"));
    let doc = Document::new(&text);
    let options = RuleOptions::default();
    let ctx = Context {
        doc: &doc,
        options: &options,
    };
    let mut sink = Sink::new(rule.meta());
    rule.check(&ctx, &mut sink);
    let mut got: Vec<Span> = sink.findings().iter().map(|f| f.span).collect();
    got.sort_by_key(|s| (s.start, s.end));
    let show = |spans: &[Span]| -> Vec<&str> { spans.iter().map(|s| s.slice(&text)).collect() };
    assert_eq!(
        show(&got),
        show(&expected),
        "{path}: findings differ from the marks"
    );
    assert_eq!(got, expected, "{path}: same texts, different offsets");
}

#[test]
fn missing_sentence_boundary_fixture() {
    check_fixture("missing-sentence-boundary");
}

#[test]
fn sentence_fragment_fixture() {
    check_fixture("sentence-fragment");
}

#[test]
fn repeated_sentence_fixture() {
    check_fixture("repeated-sentence");
}
