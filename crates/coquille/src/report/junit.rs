//! JUnit XML, which CI systems (GitLab, Jenkins, Azure) show as test
//! results: one test suite per document, one test case per finding. A
//! finding at or above the document's failing severity is a `<failure>`;
//! one below it passes, its message in `<system-out>`. A document without
//! findings is one passing test case; an input that could not be read is a
//! suite with one `<error>`. When the gate has a `fail_on_score`, each suite
//! has a test case `score`, a `<failure>` when the document's
//! [score](crate::score) is above it; the suite's properties give the score,
//! its words and the threshold.

use super::Report;
use std::fmt::Write;

/// The JUnit XML of `report`.
pub fn render(report: &Report) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for doc in &report.documents {
        let path = doc.path.as_deref().unwrap_or("-");
        let mut cases = String::new();
        let mut failed = 0;
        for f in &doc.findings {
            let name = format!("{} at {}:{}", f.rule, f.line, f.column);
            let mut detail = format!(
                "{path}:{}:{}: {} [{}]\nflagged: {}",
                f.line, f.column, f.message, f.rule, f.text
            );
            if let Some(s) = &f.suggestion {
                let _ = write!(detail, "\n{}: {s}", f.suggestion_label());
            }
            let _ = writeln!(
                cases,
                "    <testcase name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\">",
                escape(&name),
                escape(path),
                escape(path),
                f.line
            );
            if f.severity >= doc.fail_on {
                failed += 1;
                let _ = writeln!(
                    cases,
                    "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                    escape(f.rule),
                    escape(&f.message),
                    escape(&detail)
                );
            } else {
                let _ = writeln!(cases, "      <system-out>{}</system-out>", escape(&detail));
            }
            cases.push_str("    </testcase>\n");
        }
        let mut count = doc.findings.len().max(1);
        if let Some(limit) = doc.score.fail_on_score {
            count += 1;
            let detail = format!(
                "{path}: score {} per 1,000 words ({} defects, {} words); fails above {limit}",
                doc.score.value, doc.score.defects, doc.score.words
            );
            let _ = writeln!(
                cases,
                "    <testcase name=\"score\" classname=\"{}\" file=\"{}\">",
                escape(path),
                escape(path)
            );
            if doc.score.fails {
                failed += 1;
                let _ = writeln!(
                    cases,
                    "      <failure type=\"score\" message=\"{}\">{}</failure>",
                    escape(&format!(
                        "score {} per 1,000 words is above {limit}",
                        doc.score.value
                    )),
                    escape(&detail)
                );
            } else {
                let _ = writeln!(cases, "      <system-out>{}</system-out>", escape(&detail));
            }
            cases.push_str("    </testcase>\n");
        }
        let properties = format!(
            "    <properties>\n      <property name=\"score\" value=\"{}\"/>\n      <property name=\"words\" value=\"{}\"/>\n{}    </properties>\n",
            doc.score.value,
            doc.score.words,
            doc.score
                .fail_on_score
                .map(|l| format!("      <property name=\"fail_on_score\" value=\"{l}\"/>\n"))
                .unwrap_or_default()
        );
        if doc.findings.is_empty() {
            let _ = writeln!(
                cases,
                "    <testcase name=\"no findings\" classname=\"{}\" file=\"{}\"/>",
                escape(path),
                escape(path)
            );
        }
        tests += count;
        failures += failed;
        let _ = write!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{count}\" failures=\"{failed}\" errors=\"0\">\n{properties}{cases}  </testsuite>\n",
            escape(path)
        );
    }
    for e in &report.errors {
        tests += 1;
        let _ = write!(
            suites,
            "  <testsuite name=\"{p}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"read\" classname=\"{p}\" file=\"{p}\">\n      <error message=\"{m}\">{m}</error>\n    </testcase>\n  </testsuite>\n",
            p = escape(&e.path),
            m = escape(&e.message)
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"coquille\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n{suites}</testsuites>\n",
        report.errors.len()
    )
}

/// Escapes text for an XML attribute or element; characters XML 1.0 cannot
/// hold (most control characters) become U+FFFD.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Document};

    #[test]
    fn failures_follow_the_failing_severity_and_text_is_escaped() {
        let mut report = Report::default();
        let checker = Checker::default();
        report.documents.push(checker.check(
            &Document::new("Fin de phrase. . Et <a> & « ça » !!!\u{1}"),
            Some("a&b.txt"),
        ));
        report
            .documents
            .push(checker.check(&Document::new("Une phrase correcte."), Some("ok.txt")));
        let xml = render(&report);
        assert!(xml.contains("<testsuite name=\"a&amp;b.txt\""), "{xml}");
        assert!(
            xml.contains("<failure type=\"duplicate-punctuation\""),
            "{xml}"
        );
        assert!(xml.contains("<testcase name=\"no findings\" classname=\"ok.txt\""));
        assert!(!xml.contains('\u{1}'));
        // `!!!` is a warning, below the default failing severity.
        assert!(xml.contains("<system-out>"), "{xml}");
        let failures = xml.matches("<failure").count();
        assert!(xml.contains(&format!(
            "failures=\"{failures}\" errors=\"0\">\n  <testsuite"
        )));
        assert!(xml.contains("<testcase name=\"score\" classname=\"ok.txt\""));
        assert!(
            xml.contains("<property name=\"words\" value=\"3\"/>"),
            "{xml}"
        );
    }

    #[test]
    fn a_document_failed_by_its_score_has_a_failing_score_case() {
        let mut checker = Checker::default();
        checker.set_fail_on_score(Some(1.0));
        let mut report = Report::default();
        // Warnings only: no finding fails, the score does.
        report
            .documents
            .push(checker.check(&Document::new("Quoi !!! Vraiment ?? Oui."), Some("w.txt")));
        assert!(report.documents[0].score.fails);
        let xml = render(&report);
        assert!(xml.contains("<failure type=\"score\""), "{xml}");
        assert_eq!(xml.matches("<failure").count(), 1, "{xml}");
    }
}
