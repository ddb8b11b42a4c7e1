//! The human-readable report: each finding with its place, its rule, its
//! message and the source line underlined, then a summary.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use coquille::Severity;
use coquille::{DocumentReport, Report, Verdict};
use std::fmt::Write;

/// Width the renderer cuts lines to around the flagged text.
const TERM_WIDTH: usize = 120;

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
    let index = coquille::LineIndex::new(text);
    for f in &doc.findings {
        let level = match f.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let line = index.line_of(f.start);
        // The report's column (counting from the line start again for each
        // finding was quadratic on a long line).
        let column = f.column;
        let (source, start, end) = excerpt(text, &index, f.start, f.end);
        let mut label = String::new();
        if let Some(s) = &f.suggestion {
            let _ = write!(label, "suggestion: `{s}`");
        }
        let title = format!("{} [{}]", f.message, f.rule);
        let snippet = Snippet::source(source)
            .line_start(line + 1)
            .annotation(AnnotationKind::Primary.span(start..end).label(label));
        let group = level.primary_title(title).element(snippet);
        // The origin is written here rather than by the renderer so that its
        // column stays right when a long line is cut to an excerpt.
        let rendered = renderer.render(&[group]);
        let (title_line, rest) = rendered.split_once('\n').unwrap_or((&rendered, ""));
        let gutter = " ".repeat((line + 1).to_string().len());
        let _ = write!(
            out,
            "{title_line}\n{gutter}--> {path}:{}:{column}\n{rest}",
            line + 1
        );
        out.push_str("\n\n");
    }
}

/// Longest excerpt of a line shown around a finding, in bytes.
const MAX_EXCERPT: usize = 300;

/// The source lines under a finding, cut around it when a line is long (a
/// 50 MB file may be one line), with the finding's range inside the excerpt.
fn excerpt(
    text: &str,
    index: &coquille::LineIndex,
    start: usize,
    end: usize,
) -> (String, usize, usize) {
    let first = index.line_of(start);
    let last = index
        .line_of(end.max(start + 1) - 1)
        .clamp(first, first + 4);
    let lo = index.line_span(text, first).start;
    let hi = index.line_span(text, last).end.max(lo);
    let end = end.min(hi).max(start);
    let mut from = lo;
    let mut to = hi;
    if hi - lo > MAX_EXCERPT {
        let room = MAX_EXCERPT.saturating_sub(end - start) / 2;
        from = floor_char(text, start.saturating_sub(room).max(lo));
        to = ceil_char(text, (end + room).min(hi)).max(end);
    }
    let mut source = String::new();
    if from > lo {
        source.push('…');
    }
    let shift = source.len();
    source.push_str(&text[from..to]);
    if to < hi {
        source.push('…');
    }
    (source, start - from + shift, end - from + shift)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
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
