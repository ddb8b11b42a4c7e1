//! GitLab Code Quality: a JSON array of issues, each with a description, a
//! check name (the rule id), a fingerprint unique in the report, a severity
//! (`major` for errors, `minor` for warnings, `info` for info) and a
//! location (path, begin and end line and column). GitLab shows them in
//! merge requests (`artifacts: reports: codequality:`). A document whose
//! [score](crate::score) is above the gate's `fail_on_score` is one more
//! `major` issue, check name `score`, on its first line.

use super::{Report, fingerprints, stable_hash};
use crate::rule::Severity;
use serde_json::{Value, json};

/// The Code Quality report of `report`.
pub fn render(report: &Report) -> Value {
    let mut issues = Vec::new();
    for doc in &report.documents {
        let path = doc.path.as_deref().unwrap_or("-");
        let path = path.strip_prefix("./").unwrap_or(path);
        for (f, fp) in doc.findings.iter().zip(fingerprints(doc)) {
            let (end_line, end_column) = f.end_line_column();
            issues.push(json!({
                "type": "issue",
                "description": f.message,
                "check_name": f.rule,
                "categories": ["Style"],
                "fingerprint": format!("{:016x}", stable_hash(&[path, &fp])),
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "location": {
                    "path": path,
                    "positions": {
                        "begin": {"line": f.line, "column": f.column},
                        "end": {"line": end_line, "column": end_column},
                    },
                },
            }));
        }
    }
    for doc in report.documents.iter().filter(|d| d.score.fails) {
        let path = doc.path.as_deref().unwrap_or("-");
        let path = path.strip_prefix("./").unwrap_or(path);
        issues.push(json!({
            "type": "issue",
            "description": super::github::score_message(doc),
            "check_name": "score",
            "categories": ["Style"],
            "fingerprint": format!("{:016x}", stable_hash(&[path, "score"])),
            "severity": "major",
            "location": {"path": path, "lines": {"begin": 1}},
        }));
    }
    Value::Array(issues)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Document};

    #[test]
    fn issues_have_unique_fingerprints_and_positions() {
        let text = "Fin de phrase. . Et ensuite. . Fin.";
        let mut report = Report::default();
        for path in ["./a.txt", "b.txt"] {
            report
                .documents
                .push(Checker::default().check(&Document::new(text), Some(path)));
        }
        let v = render(&report);
        let issues = v.as_array().unwrap();
        // Two findings each, and each fails by its score (two errors in six
        // words): one more issue each.
        assert_eq!(issues.len(), 6);
        let mut fps: Vec<&str> = issues
            .iter()
            .map(|i| i["fingerprint"].as_str().unwrap())
            .collect();
        fps.sort_unstable();
        fps.dedup();
        assert_eq!(fps.len(), 6, "fingerprints are unique");
        assert_eq!(issues[0]["location"]["path"], "a.txt");
        assert_eq!(issues[0]["location"]["positions"]["begin"]["column"], 14);
        assert_eq!(issues[0]["severity"], "major");
    }

    #[test]
    fn a_document_failed_by_its_score_is_one_more_issue() {
        let mut checker = Checker::default();
        checker.set_fail_on_score(Some(1.0));
        let mut report = Report::default();
        report
            .documents
            .push(checker.check(&Document::new("Quoi !!! Vraiment ?? Oui."), Some("w.txt")));
        let v = render(&report);
        let score = v
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["check_name"] == "score")
            .unwrap_or_else(|| panic!("{v}"));
        assert_eq!(score["severity"], "major");
        assert_eq!(score["location"]["path"], "w.txt");
    }
}
