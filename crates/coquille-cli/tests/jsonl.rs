//! `coquille check --jsonl` and `coquille batch` through the real binary:
//! one line per record in input order, error lines that do not stop the
//! batch, several inputs, exit codes, the summary.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};
use std::io::Write;

fn coquille() -> Command {
    let mut cmd = Command::cargo_bin("coquille").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn record(id: &str, body: &str) -> String {
    json!({"id": id, "fields": [{"name": "body", "content": body}]}).to_string() + "\n"
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_malformed_record_gives_an_error_line_and_the_batch_goes_on() {
    let mut input = String::new();
    for i in 0..50 {
        if i == 25 {
            input.push_str(
                "{\"id\": \"r25\", \"fields\": [{\"name\": \"body\", \"content\": \"cut\n",
            );
        } else {
            input.push_str(&record(&format!("r{i}"), "Il pleut sur Lyon ce matin."));
        }
    }
    let out = coquille()
        .args(["check", "--jsonl", "--no-config", "--jobs", "2"])
        .write_stdin(input)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("50 records in"))
        .stderr(predicate::str::contains(
            "49 pass, 0 warn, 0 fail, 1 error (first at line 26)",
        ));
    let out = lines(&out.get_output().stdout);
    assert_eq!(out.len(), 50);
    for (i, o) in out.iter().enumerate() {
        assert_eq!(o["id"], format!("r{i}"));
        assert_eq!(o["line"], i + 1);
        assert_eq!(o.get("error").is_some(), i == 25, "{o}");
    }
}

#[test]
fn batch_reads_files_in_turn_and_fails_with_exit_1_on_a_failing_record() {
    let mut a = tempfile::NamedTempFile::new().unwrap();
    a.write_all(record("a", "Le temps est beau.").as_bytes())
        .unwrap();
    let mut b = tempfile::NamedTempFile::new().unwrap();
    b.write_all(record("b", "Les forces russes sont arrivées. .").as_bytes())
        .unwrap();
    let out = coquille()
        .args(["batch", "--no-config"])
        .arg(a.path())
        .arg(b.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("duplicate-punctuation"));
    let out = lines(&out.get_output().stdout);
    let got: Vec<(&Value, &Value)> = out.iter().map(|o| (&o["id"], &o["verdict"])).collect();
    assert_eq!(
        got,
        [(&json!("a"), &json!("pass")), (&json!("b"), &json!("fail"))]
    );
    let f = &out[1]["fields"][0]["report"]["findings"][0];
    assert_eq!(f["rule"], "duplicate-punctuation");
    assert_eq!(
        &"Les forces russes sont arrivées. ."[f["start"].as_u64().unwrap() as usize..],
        ". ."
    );
}

#[test]
fn a_missing_input_is_an_error_and_the_others_are_still_read() {
    let mut a = tempfile::NamedTempFile::new().unwrap();
    a.write_all(record("a", "Le temps est beau.").as_bytes())
        .unwrap();
    let out = coquille()
        .args(["batch", "--no-config", "no-such-file.jsonl"])
        .arg(a.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read no-such-file.jsonl"));
    assert_eq!(lines(&out.get_output().stdout).len(), 1);
}

#[test]
fn jsonl_refuses_the_options_of_file_reports() {
    coquille()
        .args(["check", "--jsonl", "--format", "sarif"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be used with"));
    coquille()
        .args(["check", "--progress", "x.txt"])
        .assert()
        .code(2);
}
