//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding, which the Actions runner shows as an
//! annotation on the file and line (`error` for errors, `warning` for
//! warnings, `notice` for info). Inputs that could not be read are
//! `::error` lines naming the file. A document whose [score](crate::score)
//! is above the gate's `fail_on_score` gets one `::error` line of its own,
//! titled `coquille score`, on the document's first line.

use super::Report;
use crate::rule::Severity;
use std::fmt::Write;

/// The workflow commands of `report`, one a line.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for doc in &report.documents {
        let path = doc.path.as_deref().unwrap_or("-");
        for f in &doc.findings {
            let (end_line, end_column) = f.end_line_column();
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut message = f.message.clone();
            if let Some(s) = &f.suggestion {
                let _ = write!(message, " ({}: `{s}`)", f.suggestion_label());
            }
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={end_line},endColumn={end_column},title={}::{}",
                property(path),
                f.line,
                f.column,
                property(&format!("coquille {}", f.rule)),
                data(&message)
            );
        }
    }
    for doc in report.documents.iter().filter(|d| d.score.fails) {
        let path = doc.path.as_deref().unwrap_or("-");
        let _ = writeln!(
            out,
            "::error file={},line=1,col=1,endLine=1,endColumn=1,title=coquille score::{}",
            property(path),
            data(&score_message(doc))
        );
    }
    for e in &report.errors {
        let _ = writeln!(
            out,
            "::error file={},title=coquille::{}",
            property(&e.path),
            data(&e.message)
        );
    }
    out
}

/// Why a document fails by its score, for a person.
pub(crate) fn score_message(doc: &super::DocumentReport) -> String {
    format!(
        "score {} penalty points per 1,000 words ({} defects, {} words) is above fail_on_score {}",
        doc.score.value,
        doc.score.defects,
        doc.score.words,
        doc.score.fail_on_score.unwrap_or(f64::INFINITY)
    )
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Checker, Document};

    #[test]
    fn one_annotation_a_finding_with_escapes() {
        let mut report = Report::default();
        report.documents.push(Checker::default().check(
            &Document::new("Fin de phrase. . Et ensuite."),
            Some("a,b:c.txt"),
        ));
        report.errors.push(super::super::InputError {
            path: "x.txt".into(),
            message: "cannot read x.txt: 100%\nfailed".into(),
        });
        let out = render(&report);
        let first = out.lines().next().unwrap();
        assert!(
            first.starts_with("::error file=a%2Cb%3Ac.txt,line=1,col=14,endLine=1,endColumn=17,title=coquille duplicate-punctuation::"),
            "{first}"
        );
        assert!(
            out.ends_with(
                "::error file=x.txt,title=coquille::cannot read x.txt: 100%25%0Afailed\n"
            ),
            "{out}"
        );
    }

    #[test]
    fn a_document_failed_by_its_score_gets_a_line() {
        let mut checker = Checker::default();
        checker.set_fail_on_score(Some(1.0));
        let mut report = Report::default();
        report
            .documents
            .push(checker.check(&Document::new("Quoi !!! Vraiment ?? Oui."), Some("w.txt")));
        let out = render(&report);
        assert!(
            out.lines().any(|l| l.starts_with(
                "::error file=w.txt,line=1,col=1,endLine=1,endColumn=1,title=coquille score::score "
            )),
            "{out}"
        );
    }
}
