//! SARIF 2.1.0, the format of code-scanning tools (GitHub code scanning,
//! Azure DevOps, VS Code's SARIF viewer).
//!
//! One run; `tool.driver.rules` holds the metadata of the rules given
//! (id, summary, documentation, default level, category); each result has
//! its rule, level, message, a region with lines and columns counted in
//! Unicode code points (`columnKind: unicodeCodePoints`, as the report's
//! columns) plus the byte offset and length, a `partialFingerprints` entry
//! that survives edits elsewhere in the file, and a certain suggestion as a
//! `fix` (one for a person to judge is the property `suggestion`). Inputs that could not be read are tool execution notifications,
//! and make `executionSuccessful` false. The run's property `scores` holds
//! each document's [score](crate::score) (penalty points per 1,000 words,
//! points, defects, words, the gate's `fail_on_score`, and whether the
//! score fails the document).
//!
//! Relative paths are given against `%SRCROOT%` (the folder the tool ran
//! in, as GitHub expects); absolute ones as `file://` URIs.

use super::{Report, fingerprints};
use crate::rule::{RuleMeta, Severity};
use serde_json::{Value, json};

/// The schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The SARIF log of `report`; `rules` are described in the driver (give
/// every rule that ran, so that a result's `ruleIndex` points at its rule).
pub fn render(report: &Report, rules: &[&RuleMeta]) -> Value {
    let rule_index = |id: &str| rules.iter().position(|m| m.id == id);
    let mut results = Vec::new();
    for doc in &report.documents {
        let path = doc.path.as_deref().unwrap_or("-");
        for (f, fingerprint) in doc.findings.iter().zip(fingerprints(doc)) {
            let (end_line, end_column) = f.end_line_column();
            let location = json!({
                "physicalLocation": {
                    "artifactLocation": artifact_location(path),
                    "region": {
                        "startLine": f.line,
                        "startColumn": f.column,
                        "endLine": end_line,
                        "endColumn": end_column,
                        "byteOffset": f.start,
                        "byteLength": f.end - f.start,
                        "snippet": {"text": f.text},
                    },
                },
            });
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": {"text": f.message},
                "locations": [location],
                "partialFingerprints": {"coquilleFinding/v1": fingerprint},
                "properties": {"category": f.category.as_str()},
            });
            if let Some(i) = rule_index(f.rule) {
                result["ruleIndex"] = json!(i);
            }
            if !f.related.is_empty() {
                result["properties"]["related"] = json!(f.related);
            }
            // Only a certain suggestion is a SARIF fix (a tool may apply it
            // unread); one for a person to judge stays a property.
            if let (Some(replacement), Some(false)) = (&f.suggestion, f.suggestion_certain) {
                result["properties"]["suggestion"] = json!(replacement);
            } else if let Some(replacement) = &f.suggestion {
                result["fixes"] = json!([{
                    "description": {"text": format!("Replace with `{replacement}`")},
                    "artifactChanges": [{
                        "artifactLocation": artifact_location(path),
                        "replacements": [{
                            "deletedRegion": {"byteOffset": f.start, "byteLength": f.end - f.start},
                            "insertedContent": {"text": replacement},
                        }],
                    }],
                }]);
            }
            results.push(result);
        }
    }
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact_location(&e.path)}}],
            })
        })
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "rules": rules.iter().map(|m| describe(m)).collect::<Vec<_>>(),
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The folder coquille ran in."}}},
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
            "properties": {"scores": scores(report)},
        }],
    })
}

/// Each document's score, for the run's property bag.
fn scores(report: &Report) -> Vec<Value> {
    report
        .documents
        .iter()
        .map(|d| {
            let mut v = json!(d.score);
            v["path"] = json!(d.path.as_deref().unwrap_or("-"));
            v["verdict"] = json!(d.verdict);
            v
        })
        .collect()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A rule as a SARIF `reportingDescriptor`.
fn describe(m: &RuleMeta) -> Value {
    let docs: String = m
        .docs
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    json!({
        "id": m.id,
        "name": pascal_case(m.id),
        "shortDescription": {"text": m.summary()},
        "fullDescription": {"text": m.summary()},
        "help": {"text": docs, "markdown": docs},
        "defaultConfiguration": {"level": level(m.default_severity)},
        "properties": {"category": m.category.as_str(), "tags": [m.category.as_str()]},
    })
}

/// `duplicate-punctuation` → `DuplicatePunctuation` (SARIF's rule `name`).
fn pascal_case(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// Where a result is: relative paths against `%SRCROOT%`, absolute ones as
/// `file://` URIs, standard input as `stdin`.
fn artifact_location(path: &str) -> Value {
    let path = path.replace('\\', "/");
    if path == "-" {
        return json!({"uri": "stdin"});
    }
    if path.starts_with('/') {
        return json!({"uri": format!("file://{}", percent_encode(&path))});
    }
    let mut rel = path.as_str();
    while let Some(rest) = rel.strip_prefix("./") {
        rel = rest;
    }
    json!({"uri": percent_encode(rel), "uriBaseId": "%SRCROOT%"})
}

/// Percent-encodes what a URI path may not hold as is.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Document};

    #[test]
    fn results_point_at_the_finding_in_code_points() {
        let text = "Été déjà là.\nFin de phrase. . Et « le le » reste.";
        let checker = Checker::default();
        let mut report = Report::default();
        report
            .documents
            .push(checker.check(&Document::new(text), Some("./docs/a b.txt")));
        let rules: Vec<&RuleMeta> = crate::rules::ALL.iter().map(|r| r.meta()).collect();
        let log = render(&report, &rules);
        let run = &log["runs"][0];
        assert_eq!(log["version"], "2.1.0");
        assert_eq!(run["columnKind"], "unicodeCodePoints");
        let results = run["results"].as_array().unwrap();
        let dp = results
            .iter()
            .find(|r| r["ruleId"] == "duplicate-punctuation")
            .unwrap();
        let region = &dp["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], 2);
        assert_eq!(region["startColumn"], 14);
        assert_eq!(region["endColumn"], 17);
        assert_eq!(region["snippet"]["text"], ". .");
        let i = dp["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            run["tool"]["driver"]["rules"][i]["id"],
            "duplicate-punctuation"
        );
        let uri = &dp["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(uri["uri"], "docs/a%20b.txt");
        assert_eq!(uri["uriBaseId"], "%SRCROOT%");
        assert!(dp["partialFingerprints"]["coquilleFinding/v1"].is_string());
        let score = &run["properties"]["scores"][0];
        assert_eq!(score["path"], "./docs/a b.txt");
        assert_eq!(score["words"], 10);
        assert!(score["value"].as_f64().unwrap() > 0.0, "{score}");
        assert_eq!(score["fail_on_score"], crate::score::DEFAULT_FAIL_ON_SCORE);
        assert!(score["fails"].is_boolean());
    }

    #[test]
    fn rule_names_and_uris() {
        assert_eq!(pascal_case("duplicate-punctuation"), "DuplicatePunctuation");
        assert_eq!(
            artifact_location("/tmp/é.txt")["uri"],
            "file:///tmp/%C3%A9.txt"
        );
        assert_eq!(artifact_location("-")["uri"], "stdin");
    }
}
