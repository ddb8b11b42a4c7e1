//! `POST /v1/check`, and the check every endpoint shares: the library's
//! `Checker` on the blocking pool, its `DocumentReport` per field.

use crate::adapters::Segment;
use crate::problem::Problem;
use crate::{Admitted, AppState, Outcome, authorize, body_problem, json_problem, run_blocking};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use coquille::checker::Limits;
use coquille::report::{DocumentReport, Gate, Tool, Verdict};
use coquille::rule::Severity;
use coquille::{Document, Format, OffsetEncoding};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Instant;

/// The body of `POST /v1/check`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The caller's id of the document, echoed back (never logged as a metric label).
    #[serde(default)]
    pub document_id: Option<String>,
    /// The parts of the document to check.
    pub fields: Vec<FieldInput>,
    /// How to check and report.
    #[serde(default)]
    pub options: CheckOptions,
}

/// One part of a document (title, body, ...).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldInput {
    /// Its name, echoed back.
    pub name: String,
    /// `text`, `html` or `markdown` (default `text`).
    #[serde(default)]
    pub format: Format,
    /// The text itself; offsets in the answer point into it.
    pub content: String,
    /// The English original of `content`, when it is a translation: the
    /// sentences are aligned and the bilingual rules (`omission`,
    /// `number-mismatch`, `markup-mismatch`...) run; their findings carry
    /// `source: [start, end]`, offsets into this text.
    #[serde(default)]
    pub source: Option<String>,
    /// The format of `source` (default: the field's `format`).
    #[serde(default)]
    pub source_format: Option<Format>,
    /// Set by a webhook adapter that built `content` from a structured value
    /// (never read from a request): where each piece of it comes from. The
    /// answer then carries the text and these.
    #[serde(skip)]
    pub segments: Option<Vec<Segment>>,
}

/// Options of a check request.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckOptions {
    /// Lowest severity that makes the verdict `fail` (default: the server's).
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// Penalty points per 1,000 words above which a field fails
    /// (`coquille::score`; default: the server's `fail_on_score`).
    #[serde(default)]
    pub fail_on_score: Option<f64>,
    /// Unit of `start`/`end` in the answer (default `utf-8`).
    #[serde(default)]
    pub offset_encoding: OffsetEncoding,
}

/// The report of one field: the CLI's JSON report of that text.
#[derive(Debug, Clone, Serialize)]
pub struct FieldAnswer {
    /// The field's name.
    pub name: String,
    /// The format it was checked as.
    pub format: Format,
    /// The report, exactly as `coquille check --format json` gives it.
    pub report: DocumentReport,
    /// The text checked, when a webhook adapter built it (Strapi Blocks,
    /// Contentful Rich Text, Ghost's Lexical, a Markdown body with its front
    /// matter blanked): the findings' offsets point into it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Where each piece of `text` comes from in the payload, offsets in the
    /// answer's encoding.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segments: Option<Vec<Segment>>,
}

/// Counts over every field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Fields checked.
    pub fields: usize,
    /// Findings over all fields.
    pub findings: usize,
    /// Findings at severity `error`.
    pub errors: usize,
    /// Findings at severity `warning`.
    pub warnings: usize,
    /// Findings at severity `info`.
    pub infos: usize,
    /// The severity that fails the verdict.
    pub fail_on: Option<Severity>,
    /// Findings found but not listed (beyond `max_findings_per_field` or
    /// `max_findings_per_request`); they still count in the verdict.
    pub omitted: usize,
    /// `true` when some field's findings were cut (its report says
    /// `truncated` too).
    pub truncated: bool,
    /// The score (penalty points per 1,000 words) above which a field
    /// fails; `null` when the score fails nothing.
    pub fail_on_score: Option<f64>,
}

/// The answer of `/v1/check` and of the webhooks.
#[derive(Debug, Clone, Serialize)]
pub struct CheckAnswer {
    /// Which tool answered.
    pub tool: Tool,
    /// The webhook adapter that received the request, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adapter: Option<&'static str>,
    /// The webhook delivery id, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_id: Option<String>,
    /// The caller's document id, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_id: Option<String>,
    /// The worst verdict over all fields.
    pub verdict: Verdict,
    /// Counts.
    pub summary: Summary,
    /// Time spent checking, in milliseconds.
    pub duration_ms: f64,
    /// Unit of every `start`/`end`.
    pub offset_encoding: OffsetEncoding,
    /// One report per field, in the order given.
    pub fields: Vec<FieldAnswer>,
    /// Something the caller should know (e.g. no field found in a payload).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl CheckAnswer {
    /// What the access log and metrics record about this answer.
    pub(crate) fn outcome(&self) -> Outcome {
        Outcome {
            verdict: Some(self.verdict.as_str()),
            findings: Some(self.summary.findings),
            ..Outcome::default()
        }
    }
}

/// Re-expresses the `source` offsets of a report's findings, bytes of
/// `source`, in `encoding`.
fn convert_source_offsets(report: &mut DocumentReport, source: &str, encoding: OffsetEncoding) {
    let raw: Vec<usize> = report
        .findings
        .iter()
        .flat_map(|f| std::iter::once(f).chain(&f.folded))
        .filter_map(|f| f.source)
        .flatten()
        .collect();
    let converted = coquille::span::convert_offsets(source, &raw, encoding);
    let mut it = converted.chunks(2);
    report.for_each_finding_mut(|f| {
        if f.source.is_some()
            && let Some(&[a, b]) = it.next()
        {
            f.source = Some([a, b]);
        }
    });
}

/// Checks every field on the blocking pool and builds the answer.
/// `endpoint` labels the latency and verdict metrics. Findings are capped per
/// field and per request; a check whose request goes away stops.
pub(crate) async fn run_check(
    state: &Arc<AppState>,
    admitted: Option<Admitted>,
    fields: Vec<FieldInput>,
    options: CheckOptions,
    endpoint: &'static str,
) -> Result<CheckAnswer, Problem> {
    let checker = Arc::clone(&state.checker);
    if options.fail_on_score.is_some_and(|s| s.is_nan() || s < 0.0) {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "`options.fail_on_score` must be 0 or more",
        ));
    }
    let gate = Gate {
        fail_on: options.fail_on.unwrap_or(checker.fail_on()),
        fail_on_score: options
            .fail_on_score
            .or(checker.fail_on_score())
            .filter(|s| s.is_finite()),
    };
    let encoding = options.offset_encoding;
    let per_field = state.settings.max_findings_per_field;
    let mut left = state.settings.max_findings_per_request;
    let (answers, took) = run_blocking(state, admitted, move |limits| {
        let started = Instant::now();
        let mut answers = Vec::with_capacity(fields.len());
        for field in fields {
            let doc = Document::with_format(&field.content, field.format);
            let capped = Limits {
                max_findings: Some(per_field.min(left)),
                ..*limits
            };
            let limited = match &field.source {
                Some(source) => checker.findings_with_source_within(
                    &doc,
                    source,
                    field.source_format.unwrap_or(field.format),
                    &capped,
                )?,
                None => checker.findings_within(&doc, &capped)?,
            };
            let mut report = DocumentReport::from_limited(Some(&field.name), &doc, limited, gate);
            left -= report.findings.len();
            report.convert_offsets(&field.content, encoding);
            if let Some(source) = &field.source {
                convert_source_offsets(&mut report, source, encoding);
            }
            let segments = field.segments.map(|mut segments| {
                let raw: Vec<usize> = segments.iter().flat_map(|s| [s.start, s.end]).collect();
                let conv = coquille::span::convert_offsets(&field.content, &raw, encoding);
                for (s, pair) in segments.iter_mut().zip(conv.chunks(2)) {
                    (s.start, s.end) = (pair[0], pair[1]);
                }
                segments
            });
            let text = segments.is_some().then(|| field.content.clone());
            answers.push(FieldAnswer {
                name: field.name,
                format: field.format,
                report,
                text,
                segments,
            });
        }
        Ok((answers, started.elapsed()))
    })
    .await?;
    state.metrics.check_latency(endpoint, took);
    let mut summary = Summary {
        fields: answers.len(),
        fail_on: Some(gate.fail_on),
        fail_on_score: gate.fail_on_score,
        ..Summary::default()
    };
    for a in &answers {
        summary.omitted += a.report.omitted;
        summary.truncated |= a.report.truncated;
    }
    if summary.truncated {
        state.metrics.truncated(endpoint);
    }
    for f in answers.iter().flat_map(|a| &a.report.findings) {
        summary.findings += 1;
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
        state.metrics.findings(f.rule, f.severity.as_str(), 1);
    }
    let verdict = answers
        .iter()
        .map(|a| a.report.verdict)
        .max()
        .unwrap_or(Verdict::Pass);
    state.metrics.verdict(endpoint, verdict.as_str());
    Ok(CheckAnswer {
        tool: Tool::default(),
        adapter: None,
        delivery_id: None,
        document_id: None,
        verdict,
        summary,
        // Microsecond precision: more digits would be noise.
        duration_ms: (took.as_secs_f64() * 1e6).round() / 1e3,
        offset_encoding: encoding,
        fields: answers,
        note: None,
    })
}

/// A JSON answer with the outcome attached for the access log.
pub(crate) fn answer_response(answer: &CheckAnswer) -> Response {
    let mut resp = (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_vec(answer).unwrap_or_default(),
    )
        .into_response();
    resp.extensions_mut().insert(answer.outcome());
    resp
}

/// `POST /v1/check`.
pub(crate) async fn handler(
    State(state): State<Arc<AppState>>,
    admitted: Option<Extension<Admitted>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    if let Some(resp) = authorize(&state, &headers, None) {
        return resp;
    }
    let body = match body {
        Ok(b) => b,
        Err(rejection) => return body_problem(rejection).into_response(),
    };
    let request: CheckRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return json_problem(&e).into_response(),
    };
    drop(body);
    let admitted = admitted.map(|Extension(a)| a);
    match run_check(&state, admitted, request.fields, request.options, "v1").await {
        Ok(mut answer) => {
            answer.document_id = request.document_id;
            answer_response(&answer)
        }
        Err(p) => p.into_response(),
    }
}
