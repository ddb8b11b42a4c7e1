//! The human-readable report: each finding with its place, its rule, its
//! message and the source line underlined, then a summary.

use super::{DocumentReport, Report, Verdict};
use crate::rule::Severity;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use std::fmt::Write;

/// Width the source excerpt is cut to around the flagged text.
const TERM_WIDTH: usize = 100;

/// Renders `report`; `sources[i]` is the text of `report.documents[i]`.
/// With `color`, ANSI styles are used.
pub fn render(report: &Report, sources: &[&str], color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(TERM_WIDTH);
    let mut out = String::new();
    for (doc, text) in report.documents.iter().zip(sources) {
        render_document(&renderer, doc, text, &mut out);
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

fn render_document(renderer: &Renderer, doc: &DocumentReport, text: &str, out: &mut String) {
    let path = doc.path.as_deref().unwrap_or("<input>");
    let index = crate::span::LineIndex::new(text);
    for f in &doc.findings {
        let level = match f.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let line = index.line_of(f.start);
        let line_span = index.line_span(text, line);
        // A finding may run over several lines: show them all.
        let last_line = index.line_of(f.end.max(f.start + 1) - 1).max(line);
        let end_span = index.line_span(text, last_line);
        let source = &text[line_span.start..end_span.end.max(line_span.start)];
        let start = f.start - line_span.start;
        let end = (f.end - line_span.start).min(source.len()).max(start);
        let mut label = String::new();
        if let Some(s) = &f.suggestion {
            let _ = write!(label, "suggestion: `{s}`");
        }
        let title = format!("{} [{}]", f.message, f.rule);
        let group = level.primary_title(title).element(
            Snippet::source(source)
                .line_start(line + 1)
                .path(path)
                .annotation(AnnotationKind::Primary.span(start..end).label(label)),
        );
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
}

/// The one-line summary closing a human report.
pub fn summary(report: &Report) -> String {
    let mut counts = [0usize; 3];
    for d in &report.documents {
        for f in &d.findings {
            counts[f.severity as usize] += 1;
        }
    }
    let files = report.documents.len();
    let failed = report
        .documents
        .iter()
        .filter(|d| d.verdict == Verdict::Fail)
        .count();
    format!(
        "{} error{}, {} warning{}, {} info in {} document{} ({} failed): {}",
        counts[2],
        if counts[2] == 1 { "" } else { "s" },
        counts[1],
        if counts[1] == 1 { "" } else { "s" },
        counts[0],
        files,
        if files == 1 { "" } else { "s" },
        failed,
        report.verdict().as_str()
    )
}
