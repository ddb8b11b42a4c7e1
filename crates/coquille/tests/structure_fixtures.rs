//! The structure rules (`missing-sentence-boundary`, `sentence-fragment`,
//! `stray-full-stop`, `repeated-sentence`) on every 120-character window of the sample and of
//! their fixtures (the fixtures themselves are checked by `fixtures.rs`).

mod common;

use coquille::rules;

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
    for id in [
        "missing-sentence-boundary",
        "sentence-fragment",
        "stray-full-stop",
        "repeated-sentence",
    ] {
        let rule = rules::by_id(id).unwrap();
        for text in &texts {
            common::assert_rule_sound(rule, text);
        }
    }
}
