//! The report in every machine output format, on the bundled sample (the
//! human one is `human_report.rs`'s): pinned as
//! snapshots (reviewed like the library's), SARIF validated against the
//! official 2.1.0 schema, plus `--output`, `--statistics`,
//! `--stdin-filename` and the README's JSON example.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

mod common;
use common::{ROOT, SAMPLE, coquille};

/// Standard output of `coquille check --no-config ARGS`, version redacted
/// so that a release does not churn the snapshots.
fn output(args: &[&str]) -> String {
    let out = coquille()
        .args(["check", "--no-config", "--color", "never"])
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .replace(env!("CARGO_PKG_VERSION"), "[version]")
}

#[test]
fn json_report_of_the_sample() {
    insta::assert_snapshot!(output(&["--format", "json", SAMPLE]));
}

#[test]
fn sarif_report_of_the_sample() {
    insta::assert_snapshot!(output(&["--format", "sarif", SAMPLE]));
}

#[test]
fn github_report_of_the_sample() {
    let out = output(&["--format", "github", SAMPLE]);
    for line in out.lines() {
        assert!(is_workflow_command(line), "not a workflow command: {line}");
    }
    insta::assert_snapshot!(out);
}

#[test]
fn junit_report_of_the_sample() {
    let out = output(&["--format", "junit", SAMPLE]);
    assert!(out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"));
    insta::assert_snapshot!(out);
}

#[test]
fn gitlab_report_of_the_sample() {
    let out = output(&["--format", "gitlab", SAMPLE]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for issue in v.as_array().unwrap() {
        for key in [
            "description",
            "check_name",
            "fingerprint",
            "severity",
            "location",
        ] {
            assert!(issue.get(key).is_some(), "{key} missing in {issue}");
        }
    }
    insta::assert_snapshot!(out);
}

/// `::error file=..,line=..,col=..,endLine=..,endColumn=..,title=..::message`.
fn is_workflow_command(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("::") else {
        return false;
    };
    let Some((command, rest)) = rest.split_once(' ') else {
        return false;
    };
    let Some((props, message)) = rest.split_once("::") else {
        return false;
    };
    let keys: Vec<&str> = props
        .split(',')
        .map(|p| p.split_once('=').map_or("", |(k, _)| k))
        .collect();
    matches!(command, "error" | "warning" | "notice")
        && keys == ["file", "line", "col", "endLine", "endColumn", "title"]
        && !message.is_empty()
}

/// Runs `tests/sarif/validate.py` on `log`; Ok when valid.
fn validate_sarif(log: &Path) -> Result<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif");
    let out = std::process::Command::new("python3")
        .arg(dir.join("validate.py"))
        .arg(dir.join("sarif-schema-2.1.0.json"))
        .arg(log)
        .output()
        .expect("python3 runs (needed to validate SARIF against its schema)");
    assert_ne!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn sarif_is_valid_against_the_official_2_1_0_schema() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("coquille.sarif");
    // The sample, the HTML fixtures, and a missing file (a notification).
    coquille()
        .args(["check", "--no-config", "--format", "sarif", "--output"])
        .arg(&log)
        .args([
            SAMPLE,
            "crates/coquille/tests/fixtures/html",
            "no/such/file.txt",
        ])
        .assert()
        .code(2)
        .stdout("");
    let valid = validate_sarif(&log).unwrap_or_else(|e| panic!("invalid SARIF:\n{e}"));
    assert!(valid.starts_with("valid: "), "{valid}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    let run = &v["runs"][0];
    assert!(!run["results"].as_array().unwrap().is_empty());
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), coquille::rules::ALL.len());
    // The validator is not a rubber stamp: a wrong level is caught.
    let mut broken = v.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    let bad = dir.path().join("broken.sarif");
    std::fs::write(&bad, serde_json::to_string(&broken).unwrap()).unwrap();
    let err = validate_sarif(&bad).expect_err("a level outside the schema is invalid");
    assert!(err.contains("fatal"), "{err}");
}

#[test]
fn output_file_and_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.json");
    coquille()
        .args(["check", "--no-config", "--format", "json", "--output"])
        .arg(&file)
        .arg(SAMPLE)
        .assert()
        .code(1)
        .stdout("");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(v["documents"][0]["path"], SAMPLE);

    let stats = output(&["--statistics", SAMPLE]);
    assert!(stats.contains("duplicate-punctuation"), "{stats}");
    assert!(stats.lines().last().unwrap().ends_with(": fail"), "{stats}");
    let json: serde_json::Value =
        serde_json::from_str(&output(&["--statistics", "--format", "json", SAMPLE])).unwrap();
    let total: u64 = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["count"].as_u64().unwrap())
        .sum();
    let report: serde_json::Value =
        serde_json::from_str(&output(&["--format", "json", SAMPLE])).unwrap();
    assert_eq!(
        total,
        report["documents"][0]["stats"]["findings"]
            .as_u64()
            .unwrap()
    );
    coquille()
        .args(["check", "--statistics", "--format", "sarif", SAMPLE])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--statistics"));
}

#[test]
fn stdin_filename_names_the_input_and_picks_format_and_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("site")).unwrap();
    std::fs::write(
        dir.path().join("site/coquille.toml"),
        "fail_on = \"warning\"\n",
    )
    .unwrap();
    // `&nbsp;:` is correct French HTML; `!!!` a warning.
    let html = "<p>Il a dit&nbsp;: c&rsquo;est fini&nbsp;!!!</p>";
    let mut cmd = Command::cargo_bin("coquille").unwrap();
    let out = cmd
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "site/post.html",
            "-",
        ])
        .write_stdin(html)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["path"], "site/post.html");
    let rules: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["duplicate-punctuation"], "read as HTML");
    assert_eq!(doc["verdict"], "fail", "site/coquille.toml applies");
    assert_eq!(out.status.code(), Some(1));
}

/// The README's JSON example is real output: every key and value it shows
/// is in the report of the same command, and its finding is one of them.
#[test]
fn readme_json_example_matches_the_real_output() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let section = &readme[readme
        .find("## JSON report")
        .expect("README has a JSON report section")..];
    let command = section
        .lines()
        .find(|l| l.starts_with("coquille check"))
        .expect("the section names its command");
    let start = section.find("```json\n").unwrap() + 8;
    let end = start + section[start..].find("```").unwrap();
    let example: serde_json::Value =
        serde_json::from_str(&section[start..end]).expect("the example is JSON");
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let out = coquille().args(&args).output().unwrap();
    let real: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(example["tool"], real["tool"]);
    assert_eq!(example["errors"], real["errors"]);
    let (e, r) = (&example["documents"][0], &real["documents"][0]);
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(e), keys(r), "document keys");
    for key in ["path", "verdict", "stats", "score"] {
        assert_eq!(e[key], r[key], "{key}");
    }
    let shown = &e["findings"][0];
    assert_eq!(keys(shown), keys(&r["findings"][0]), "finding keys");
    assert!(
        r["findings"].as_array().unwrap().contains(shown),
        "the README's finding is not in the real report: {shown}"
    );
}

/// The team's scorer (`../shared/tools/score-findings.py`) matches findings
/// by `rule` and bytes; the JSON report lists the findings folded into
/// another's (one defect, several rules) after it, each on its own bytes,
/// so the report of the sample, as printed, meets every `must` row and no
/// `must-not` row.
#[test]
fn the_shared_scorer_reads_the_json_report_as_printed() {
    let root = Path::new(ROOT);
    let scorer = root.join("../shared/tools/score-findings.py");
    assert!(
        scorer.is_file(),
        "{} is missing: is ../shared beside the project?",
        scorer.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    std::fs::write(&report, output(&["--format", "json", SAMPLE])).unwrap();
    let expected = root.join("data/samples/allinfo-poutine-bielorussie.expected.tsv");
    let out = std::process::Command::new("python3")
        .arg(&scorer)
        .arg(&expected)
        .arg(&report)
        .current_dir(root)
        .output()
        .expect("python3 runs");
    let score = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{score}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = score.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("must 18/18, must-not violated 0,"),
        "{score}"
    );
}

/// In the JSON report, each finding folded into another follows it with
/// `folded_into` (the index of the finding that counts), and keeps its own
/// rule, bytes and text; `stats.findings` counts the defects, once each.
#[test]
fn folded_findings_follow_the_finding_they_were_folded_into() {
    let report: serde_json::Value =
        serde_json::from_str(&output(&["--format", "json", SAMPLE])).unwrap();
    let doc = &report["documents"][0];
    let findings = doc["findings"].as_array().unwrap();
    let counted = findings.iter().filter(|f| f.get("folded_into").is_none());
    assert_eq!(
        counted.count() as u64,
        doc["stats"]["findings"].as_u64().unwrap()
    );
    let text = std::fs::read(Path::new(ROOT).join(SAMPLE)).unwrap();
    let mut folded = 0;
    for (i, f) in findings.iter().enumerate() {
        let Some(into) = f.get("folded_into") else {
            continue;
        };
        folded += 1;
        let into = into.as_u64().unwrap() as usize;
        assert!(into < i, "{f}");
        let host = &findings[into];
        assert!(host.get("folded_into").is_none(), "{host}");
        assert!(
            host["related"].as_array().unwrap().contains(&f["rule"]),
            "{host} does not name {f}"
        );
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf8_lossy(&text[s..e]),
            f["text"].as_str().unwrap()
        );
        // Every finding between the host and this one is folded into it.
        assert!(
            findings[into + 1..i]
                .iter()
                .all(|g| g["folded_into"] == into),
            "{f}"
        );
    }
    assert!(folded >= 4, "the sample has four folded findings: {folded}");
}
