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
fn stray_full_stop_fixture() {
    check_fixture("stray-full-stop");
}

#[test]
fn repeated_sentence_fixture() {
    check_fixture("repeated-sentence");
}

/// No input makes the structure rules panic: every 120-byte window (on char
/// boundaries) of the sample and the fixtures, plus edge cases of
/// punctuation, elision and multi-byte characters at the ends.
#[test]
fn structure_rules_never_panic() {
    let mut texts = vec![
        String::new(),
        ". , ; .".to_string(),
        ", a".to_string(),
        "a. ".to_string(),
        "é L'".to_string(),
        "é L’é".to_string(),
        "mot Le".to_string(),
        "mot Le 1".to_string(),
        "mot Mais,".to_string(),
        ". . . a . , é ; ê".to_string(),
        "«». , ».\n, \n. x\n.".to_string(),
        "x\u{a0}Le\u{202f}président. déclarant\t. qu’".to_string(),
    ];
    for path in [
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/samples/allinfo-poutine-bielorussie.txt"
        ),
        "tests/fixtures/missing-sentence-boundary.txt",
        "tests/fixtures/sentence-fragment.txt",
        "tests/fixtures/stray-full-stop.txt",
        "tests/fixtures/repeated-sentence.txt",
    ] {
        let text = std::fs::read_to_string(path).unwrap();
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for (n, &start) in bounds.iter().enumerate().step_by(7) {
            let end = bounds[(n + 120).min(bounds.len() - 1)];
            texts.push(text[start..end].to_string());
        }
    }
    let options = RuleOptions::default();
    for id in [
        "missing-sentence-boundary",
        "sentence-fragment",
        "stray-full-stop",
        "repeated-sentence",
    ] {
        let rule = rules::by_id(id).unwrap();
        for text in &texts {
            let doc = Document::new(text);
            let ctx = Context {
                doc: &doc,
                options: &options,
            };
            let mut sink = Sink::new(rule.meta());
            rule.check(&ctx, &mut sink);
            for f in sink.findings() {
                assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
                assert!(f.span.start <= f.span.end && f.span.end <= text.len());
            }
        }
    }
}
