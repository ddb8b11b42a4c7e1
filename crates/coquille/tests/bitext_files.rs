//! Bilingual files checked end to end: a real XLIFF 1.2 catalogue
//! (Symfony's French validation messages), a real XLIFF 2.0 catalogue (Bolt
//! CMS's French validation messages) and an XLIFF 2.0 file built from
//! Symfony's Security catalogue with inline codes (see
//! `fixtures/bitext/README.md`). Every finding's file offsets, sliced from
//! the file, give its text, and that text is the unit target text at the
//! finding's unit offsets (entities decoded).

use coquille::bilingual::check_bitext;
use coquille::bitext::{Bitext, BitextFormat, parse};
use coquille::{Checker, DocumentReport};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/bitext/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn decode(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Checks `name` and asserts that every finding slices back to its text,
/// in the file and in its unit; gives the report and the file as read.
fn check_and_slice(name: &str) -> (DocumentReport, Bitext) {
    let file = fixture(name);
    let bitext = parse(&file, BitextFormat::Xliff).expect("a readable XLIFF file");
    assert!(
        bitext.units.len() >= 19,
        "{name}: {} units",
        bitext.units.len()
    );
    let report = check_bitext(&Checker::default(), &file, &bitext, Some(name));
    for f in &report.findings {
        assert_eq!(&file[f.start..f.end], f.text, "{name}: {f:?}");
        let unit = f
            .unit
            .as_ref()
            .expect("findings of bilingual files name their unit");
        let u = bitext
            .units
            .iter()
            .find(|u| u.id == unit.id)
            .unwrap_or_else(|| panic!("{name}: no unit {}", unit.id));
        let target = &u.target.as_ref().expect("a checked unit has a target").text;
        let in_unit = &target[unit.start..unit.end];
        if unit.exact {
            assert_eq!(decode(&f.text), in_unit, "{name}: unit {}: {f:?}", unit.id);
        } else {
            assert!(decode(&f.text).contains(in_unit.trim()), "{name}: {f:?}");
        }
        let (line, _) = (f.line, f.column);
        assert_eq!(line, file[..f.start].matches('\n').count() + 1);
    }
    (report, bitext)
}

#[test]
fn xliff_1_2_symfony_validators_is_checked_end_to_end() {
    let (report, _) = check_and_slice("symfony-validators.fr.xlf");
    // The catalogue is careful French: no finding of a bilingual rule.
    let translation: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.category == coquille::Category::Translation)
        .map(|f| (&f.rule, &f.text, &f.message))
        .collect();
    assert!(translation.is_empty(), "{translation:?}");
}

#[test]
fn xliff_2_0_units_segments_and_inline_codes_are_checked_end_to_end() {
    let (report, _) = check_and_slice("security.fr.xliff20.xlf");
    // Unit 91 drops the `<ph id="1"/>` of its source.
    let dropped = report
        .findings
        .iter()
        .find(|f| f.rule == "markup-mismatch")
        .expect("the dropped inline code is found");
    assert_eq!(dropped.unit.as_ref().unwrap().id, "91");
    assert!(dropped.message.contains("ph#1"), "{}", dropped.message);
    // Unit 90 has two segments, each its own unit; nothing wrong in them.
    assert!(
        report
            .findings
            .iter()
            .filter(|f| f.category == coquille::Category::Translation)
            .all(|f| f.unit.as_ref().unwrap().id == "91"),
        "{:?}",
        report.findings
    );
}

#[test]
fn xliff_2_0_bolt_validators_is_checked_end_to_end() {
    let (report, bitext) = check_and_slice("bolt-validators.fr.xlf");
    assert_eq!(bitext.version.as_deref(), Some("2.0"));
    assert_eq!(bitext.target_lang.as_deref(), Some("fr"));
    assert_eq!(bitext.units.len(), 108);
    let unit = |id: &str| {
        bitext
            .units
            .iter()
            .find(|u| u.id == id)
            .unwrap_or_else(|| panic!("no unit {id}"))
    };
    // Seven targets rename Symfony's `{{ compared_value }}` placeholder
    // `{{compare_value}}`: the translator replaces placeholders by their
    // exact name, so the French reader would see the braces.
    let mut renamed: Vec<&str> = bitext
        .units
        .iter()
        .filter(|u| {
            u.source.text.contains("{{ compared_value }}")
                && u.target
                    .as_ref()
                    .is_some_and(|t| t.text.contains("{{compare_value}}"))
        })
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(renamed.len(), 7, "{renamed:?}");
    // 35 sources are message keys, not English: hashes (`0d999f2`) and
    // dotted keys (`post.blank_summary`). They are told apart from the one
    // one-word English source, `Error`, and not compared with their
    // targets (the monolingual rules still check those).
    let keys: Vec<&str> = bitext
        .units
        .iter()
        .filter(|u| u.source_is_key())
        .map(|u| u.source.text.as_str())
        .collect();
    assert_eq!(keys.len(), 35, "{keys:?}");
    assert!(keys.contains(&"0d999f2") && keys.contains(&"post.blank_summary"));
    let one_token: Vec<&str> = bitext
        .units
        .iter()
        .filter(|u| !u.source_is_key() && !u.source.text.trim().contains(char::is_whitespace))
        .map(|u| u.source.text.as_str())
        .collect();
    assert_eq!(one_token, ["Error"]);
    // The file's findings are those seven and one slip of its translator,
    // a space after an apostrophe (`L' URL n'est pas valide.`): a warning.
    let slips: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule == "accent-apostrophe")
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(slips, ["' "]);
    let mut found: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule != "accent-apostrophe")
        .map(|f| {
            assert_eq!(
                (f.rule, f.text.as_str()),
                ("markup-mismatch", "{{compare_value}}"),
                "{f:?}"
            );
            let id = f.unit.as_ref().unwrap().id.as_str();
            assert!(!unit(id).source_is_key(), "{id}");
            id
        })
        .collect();
    renamed.sort_unstable();
    found.sort_unstable();
    assert_eq!(found, renamed);
}
