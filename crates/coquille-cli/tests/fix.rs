//! `coquille check --fix` and `--diff`: certain suggestions only, nothing
//! changed outside an edit, the same result in any run, and a second run
//! that changes nothing.

use predicates::prelude::*;
use std::path::Path;

mod common;
use common::{ROOT, SAMPLE, coquille_in as coquille};

fn copy_sample(dir: &Path) -> String {
    let text = std::fs::read_to_string(Path::new(ROOT).join(SAMPLE)).unwrap();
    std::fs::write(dir.join("sample.txt"), &text).unwrap();
    text
}

/// The lines a unified diff removes (`-`) and adds (`+`), headers left out.
fn changed_lines(diff: &str) -> (Vec<&str>, Vec<&str>) {
    let body = diff
        .lines()
        .filter(|l| !l.starts_with("---") && !l.starts_with("+++"));
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    for l in body {
        if let Some(r) = l.strip_prefix('-') {
            removed.push(r);
        } else if let Some(a) = l.strip_prefix('+') {
            added.push(a);
        }
    }
    (removed, added)
}

#[test]
fn diff_shows_the_fixes_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let before = copy_sample(dir.path());
    let out = coquille(dir.path())
        .args(["check", "--no-config", "--diff", "sample.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "changes to make");
    let diff = String::from_utf8(out.stdout).unwrap();
    assert!(
        diff.starts_with("--- sample.txt\n+++ sample.txt\n"),
        "{diff}"
    );
    let (removed, added) = changed_lines(&diff);
    assert!(removed.iter().any(|l| l.contains("depuis la Pologne. .")));
    assert!(added.iter().any(|l| l.ends_with("depuis la Pologne.")));
    assert!(String::from_utf8_lossy(&out.stderr).contains("would change 1 file"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sample.txt")).unwrap(),
        before
    );
}

#[test]
fn fix_applies_what_diff_shows_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let before = copy_sample(dir.path());
    let diff = coquille(dir.path())
        .args(["check", "--no-config", "--diff", "sample.txt"])
        .output()
        .unwrap()
        .stdout;
    let fixed = coquille(dir.path())
        .args([
            "check",
            "--no-config",
            "--fix",
            "--format",
            "json",
            "sample.txt",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&fixed.stderr).contains("applied"));
    let after = std::fs::read_to_string(dir.path().join("sample.txt")).unwrap();
    assert_ne!(after, before);
    // What --diff printed is exactly what --fix did.
    let expected = similar_lines(&before, &after);
    let (removed, added) = changed_lines(std::str::from_utf8(&diff).unwrap());
    assert_eq!((removed, added), expected);
    // The report is what remains: no certain suggestion is left, and the
    // suggestions for a person to judge are still there, unapplied. (A
    // finding folded into another's is that other rule's view of the same
    // defect: its suggestion is not what `--fix` applies.)
    let v: serde_json::Value = serde_json::from_slice(&fixed.stdout).unwrap();
    let findings: Vec<&serde_json::Value> = v["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("folded_into").is_none())
        .collect();
    assert!(
        findings.iter().all(|f| f["suggestion_certain"] != true),
        "{findings:?}"
    );
    let to_judge: Vec<&str> = findings
        .iter()
        .filter(|f| f["suggestion_certain"] == false)
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert!(
        !to_judge.is_empty(),
        "no uncertain suggestion on the sample"
    );
    for text in to_judge {
        assert!(after.contains(text), "{text:?} was changed");
    }
    // Twice: nothing more to change.
    coquille(dir.path())
        .args(["check", "--no-config", "--diff", "sample.txt"])
        .assert()
        .code(0)
        .stdout("");
    coquille(dir.path())
        .args(["check", "--no-config", "--fix", "sample.txt"])
        .assert()
        .stderr(predicate::str::contains("applied 0 fixes to 0 files"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sample.txt")).unwrap(),
        after
    );
}

/// Applies the certain suggestions of a JSON report (byte offsets into
/// `text`) without the library: the expected result of one `--fix` pass,
/// which fixes each defect once, as the finding that counts suggests (not
/// the findings folded into it).
fn apply_certain(text: &str, report: &serde_json::Value) -> (String, usize) {
    let mut edits: Vec<(usize, usize, &str)> = report["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["suggestion_certain"] == true && f.get("folded_into").is_none())
        .map(|f| {
            let at = |k: &str| f[k].as_u64().unwrap() as usize;
            (at("start"), at("end"), f["suggestion"].as_str().unwrap())
        })
        .collect();
    edits.sort();
    assert!(
        edits.windows(2).all(|w| w[0].1 <= w[1].0),
        "overlapping certain suggestions: {edits:?}"
    );
    let mut out = text.to_string();
    for &(start, end, replacement) in edits.iter().rev() {
        out.replace_range(start..end, replacement);
    }
    (out, edits.len())
}

/// `--fix` changes exactly the bytes the certain suggestions of the report
/// name, into those suggestions, and nothing else: the file after the fix is
/// the report's certain suggestions applied by hand.
#[test]
fn fix_applies_exactly_the_certain_suggestions_of_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<p>Il a dit&nbsp;: c&rsquo;est fini.. Vraiment&nbsp;?</p>\n\
                <p>La ville est à 55 miles. A Varsovie, on dit “non”.</p>\n\
                <p>La guerre continue. . Fin&nbsp;!</p>\n";
    for (name, text) in [
        ("sample.txt", copy_sample(dir.path())),
        ("a.html", html.into()),
    ] {
        std::fs::write(dir.path().join(name), &text).unwrap();
        let report = coquille(dir.path())
            .args(["check", "--no-config", "--format", "json", name])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&report.stdout).unwrap();
        let findings = report["documents"][0]["findings"].as_array().unwrap();
        assert!(
            findings.iter().any(|f| f["suggestion_certain"] == false),
            "{name}: no suggestion for a person: the test proves nothing"
        );
        let (expected, n) = apply_certain(&text, &report);
        assert!(n > 0, "{name}: no certain suggestion");
        let out = coquille(dir.path())
            .args(["check", "--no-config", "--fix", name])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("applied {n} fix")),
            "{name}: {stderr}"
        );
        let after = std::fs::read_to_string(dir.path().join(name)).unwrap();
        assert_eq!(after, expected, "{name}");
    }
}

/// The lines that differ between two texts (same line count: fixes here
/// never add or remove a line).
fn similar_lines<'a>(a: &'a str, b: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    assert_eq!(a.lines().count(), b.lines().count());
    a.lines().zip(b.lines()).filter(|(x, y)| x != y).unzip()
}

#[test]
fn fix_keeps_every_byte_outside_its_edits_in_html() {
    let dir = tempfile::tempdir().unwrap();
    let html = "<p>Il a dit&nbsp;: c&rsquo;est fini.. Vraiment&nbsp;? Oui&nbsp;;</p>\n<p>La guerre continue. . Fin.</p>\n";
    std::fs::write(dir.path().join("a.html"), html).unwrap();
    coquille(dir.path())
        .args(["check", "--no-config", "--fix", "a.html"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("applied 1 fix to 1 file"));
    let after = std::fs::read_to_string(dir.path().join("a.html")).unwrap();
    assert_eq!(
        after,
        html.replace("continue. . Fin", "continue. Fin"),
        "only the doubled full stop changes; the entities stay as written"
    );
}

#[test]
fn fix_refuses_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    coquille(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin("Fin. .")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--diff"));
}
