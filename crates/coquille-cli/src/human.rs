//! The human-readable report: each finding with its place, its rule, its
//! message and the source line underlined, then a summary.

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use coquille::Severity;
use coquille::{DocumentReport, Report, Verdict};

use std::fmt::Write;

/// Width the renderer cuts lines to around the flagged text.
const TERM_WIDTH: usize = 120;

/// The annotation renderer for human reports.
pub fn renderer(color: bool) -> Renderer {
    if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .term_width(TERM_WIDTH)
}

/// Each finding of `doc`, whose input is `text`, with its place, rule,
/// message and the source line underlined.
pub fn render_document(renderer: &Renderer, doc: &DocumentReport, text: &str) -> String {
    let mut out = String::new();
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
            let _ = write!(label, "{}: `{s}`", f.suggestion_label());
        }
        let mut title = format!("{} [{}]", f.message, f.rule);
        if !f.related.is_empty() {
            let _ = write!(title, " (also: {})", f.related.join(", "));
        }
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
    if !doc.findings.is_empty() {
        let _ = writeln!(out, "{path}: {}\n", score_line(doc));
    }
    out
}

/// The score of `doc`, and whether it fails it.
pub fn score_line(doc: &DocumentReport) -> String {
    let s = &doc.score;
    let mut line = format!(
        "score {} per 1,000 words ({} defect{}, {} words)",
        s.value,
        s.defects,
        if s.defects == 1 { "" } else { "s" },
        s.words
    );
    match s.fail_on_score {
        Some(limit) if s.fails => {
            let _ = write!(line, ", above {limit}: fails");
        }
        Some(limit) => {
            let _ = write!(line, ", fails above {limit}");
        }
        None => {}
    }
    line
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
    let by_score = report.documents.iter().filter(|d| d.score.fails).count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut out = format!(
        "{} error{}, {} warning{}, {} info in {} document{} ({} failed",
        counts[2],
        plural(counts[2]),
        counts[1],
        plural(counts[1]),
        counts[0],
        files,
        plural(files),
        failed,
    );
    if by_score > 0 {
        let _ = write!(out, ", {by_score} by score");
    }
    if let [doc] = report.documents.as_slice() {
        let _ = write!(out, "; score {} per 1,000 words", doc.score.value);
    } else if let Some(worst) = report
        .documents
        .iter()
        .max_by(|a, b| a.score.value.total_cmp(&b.score.value))
    {
        let _ = write!(
            out,
            "; highest score {} per 1,000 words ({})",
            worst.score.value,
            worst.path.as_deref().unwrap_or("-")
        );
    }
    out.push(')');
    let errors = report.errors.len();
    if errors > 0 {
        let _ = write!(out, ", {errors} input{} not checked: error", plural(errors));
    } else {
        let _ = write!(out, ": {}", report.verdict().as_str());
    }
    out
}

/// Findings per rule, most frequent first, then the total.
pub fn statistics(report: &Report) -> String {
    let stats = report.statistics();
    let width = stats.iter().map(|s| s.rule.len()).max().unwrap_or(0);
    let mut out = String::new();
    for s in &stats {
        let _ = writeln!(
            out,
            "{:>6}  {:<width$}  {:<7}  {} fixable",
            s.count,
            s.rule,
            s.severity.as_str(),
            s.fixable
        );
    }
    let total: usize = stats.iter().map(|s| s.count).sum();
    let docs = report.documents.len();
    let _ = writeln!(
        out,
        "{total:>6}  finding{} in {docs} document{}",
        if total == 1 { "" } else { "s" },
        if docs == 1 { "" } else { "s" }
    );
    out
}
