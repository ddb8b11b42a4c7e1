//! GitHub Actions workflow commands: one `::error`, `::warning` or
//! `::notice` line per finding, which the Actions runner shows as an
//! annotation on the file and line (`error` for errors, `warning` for
//! warnings, `notice` for info). Inputs that could not be read are
//! `::error` lines naming the file.

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
}
