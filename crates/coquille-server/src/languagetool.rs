//! `POST /v2/check` and `GET /v2/languages`, compatible with LanguageTool's
//! HTTP API so its clients (browser add-ons, LTeX, editors, client libraries)
//! can point at Coquille. Offsets and lengths are UTF-16 code units, as
//! LanguageTool (a Java program) counts them.

use crate::problem::Problem;
use crate::{AppState, Outcome, body_problem};
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use coquille::report::DocumentReport;
use coquille::rule::Category;
use coquille::span::{OffsetEncoding, convert_offsets};
use coquille::{Document, Format, Sentence};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Instant;

/// French variants answered by `/v2/languages`.
const LANGUAGES: &[(&str, &str)] = &[
    ("French", "fr"),
    ("French (France)", "fr-FR"),
    ("French (Belgium)", "fr-BE"),
    ("French (Switzerland)", "fr-CH"),
    ("French (Canada)", "fr-CA"),
];

/// Characters of context on each side of a match.
const CONTEXT_CHARS: usize = 40;

/// `GET /v2/languages`.
pub(crate) async fn languages() -> Response {
    let list: Vec<_> = LANGUAGES
        .iter()
        .map(|(name, long)| json!({"name": name, "code": "fr", "longCode": long}))
        .collect();
    axum::Json(list).into_response()
}

/// `GET /v2/check?text=...&language=fr`.
pub(crate) async fn check_get(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    match params_of(uri.query().unwrap_or("").as_bytes()) {
        Ok(params) => check(&state, params).await,
        Err(p) => p.into_response(),
    }
}

/// `POST /v2/check` with a form body (parameters in the query string are
/// accepted too; the body wins).
pub(crate) async fn check_post(
    State(state): State<Arc<AppState>>,
    uri: Uri,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(r) => return body_problem(r).into_response(),
    };
    let mut params = match params_of(uri.query().unwrap_or("").as_bytes()) {
        Ok(p) => p,
        Err(p) => return p.into_response(),
    };
    match params_of(&body) {
        Ok(more) => params.extend(more),
        Err(p) => return p.into_response(),
    }
    check(&state, params).await
}

fn params_of(bytes: &[u8]) -> Result<Vec<(String, String)>, Problem> {
    serde_urlencoded::from_bytes(bytes).map_err(|e| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            format!("malformed form parameters: {e}"),
        )
    })
}

/// The last value of a parameter.
fn param<'p>(params: &'p [(String, String)], name: &str) -> Option<&'p str> {
    params
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn list(params: &[(String, String)], name: &str) -> HashSet<String> {
    param(params, name)
        .map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// LanguageTool's `data` parameter: text and markup pieces.
#[derive(Deserialize)]
struct Data {
    annotation: Vec<Annotation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Annotation {
    text: Option<String>,
    markup: Option<String>,
    interpret_as: Option<String>,
}

/// The text as the client counts it (markup included), the text checked
/// (markup blanked out, same byte length) and the markup's byte ranges.
struct Input {
    full: String,
    checked: String,
    markup: Vec<(usize, usize)>,
}

fn input_of(params: &[(String, String)]) -> Result<Input, Problem> {
    if let Some(text) = param(params, "text") {
        return Ok(Input {
            full: text.to_string(),
            checked: text.to_string(),
            markup: Vec::new(),
        });
    }
    let Some(data) = param(params, "data") else {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "missing parameter: `text` or `data`",
        ));
    };
    let data: Data = serde_json::from_str(data).map_err(|e| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            format!("`data` is not LanguageTool's annotation JSON: {e}"),
        )
    })?;
    let mut input = Input {
        full: String::new(),
        checked: String::new(),
        markup: Vec::new(),
    };
    for a in data.annotation {
        if let Some(t) = a.text {
            input.full.push_str(&t);
            input.checked.push_str(&t);
        } else if let Some(m) = a.markup {
            let start = input.full.len();
            input.full.push_str(&m);
            // Same byte length, so offsets agree: a paragraph break stays a
            // paragraph break, anything else becomes spaces.
            let breaks = a
                .interpret_as
                .as_deref()
                .map_or(0, |i| i.matches('\n').count())
                .min(m.len());
            input.checked.push_str(&"\n".repeat(breaks));
            input.checked.push_str(&" ".repeat(m.len() - breaks));
            input.markup.push((start, input.full.len()));
        }
    }
    Ok(input)
}

fn is_french(language: &str) -> bool {
    let l = language.to_ascii_lowercase();
    l == "auto" || l == "fr" || l.starts_with("fr-") || l.starts_with("fr_")
}

/// LanguageTool's category id for ours.
fn category_id(c: Category) -> String {
    c.as_str().to_ascii_uppercase().replace('-', "_")
}

/// The nearest localization-quality issue type (LanguageTool's `issueType`).
fn issue_type(c: Category) -> &'static str {
    match c {
        Category::Markup => "markup",
        Category::Punctuation | Category::Typography => "typographical",
        Category::Language => "untranslated",
        Category::Locale => "locale-violation",
        Category::Leak => "addition",
        Category::Encoding => "characters",
        Category::Structure => "grammar",
        Category::Translation => "mistranslation",
    }
}

/// Whether `start..end` overlaps one of the `markup` ranges (in order and
/// disjoint, as [`input_of`] builds them).
fn in_markup(markup: &[(usize, usize)], start: usize, end: usize) -> bool {
    let k = markup.partition_point(|&(_, e)| e <= start);
    markup.get(k).is_some_and(|&(s, _)| s < end)
}

/// Finds the first sentence holding a byte (an empty sentence holds the
/// byte it starts at), by binary search when the sentences come in order.
struct SentenceFinder<'d> {
    sentences: &'d [Sentence],
    /// Largest end (at least start + 1) up to each sentence.
    max_end: Vec<usize>,
    sorted: bool,
}

impl<'d> SentenceFinder<'d> {
    fn new(sentences: &'d [Sentence]) -> Self {
        let max_end = sentences
            .iter()
            .scan(0, |m, s| {
                *m = (*m).max(s.span.end.max(s.span.start + 1));
                Some(*m)
            })
            .collect();
        let sorted = sentences
            .windows(2)
            .all(|w| w[0].span.start <= w[1].span.start);
        SentenceFinder {
            sentences,
            max_end,
            sorted,
        }
    }

    fn find(&self, pos: usize) -> Option<&'d Sentence> {
        let holds = |s: &Sentence| s.span.start <= pos && pos < s.span.end.max(s.span.start + 1);
        if !self.sorted {
            return self.sentences.iter().find(|s| holds(s));
        }
        // The first sentence whose end passes `pos` is the only candidate
        // before it; it holds `pos` if it does not start after it.
        let i = self.max_end.partition_point(|&m| m <= pos);
        self.sentences.get(i).filter(|s| holds(s))
    }
}

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Match {
    message: String,
    short_message: String,
    replacements: Vec<serde_json::Value>,
    offset: usize,
    length: usize,
    context: Context,
    sentence: String,
    #[serde(rename = "type")]
    kind: serde_json::Value,
    rule: serde_json::Value,
    ignore_for_incomplete_sentence: bool,
    context_for_sure_match: i32,
}

#[derive(Serialize)]
struct Context {
    text: String,
    offset: usize,
    length: usize,
}

/// The context of `full[start..end]`: up to 40 characters each side, line
/// breaks as spaces, `...` where cut; offset and length in UTF-16 units.
fn context(full: &str, start: usize, end: usize) -> Context {
    let ctx_start = full[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(i, _)| i);
    let ctx_end = full[end..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(full.len(), |(i, _)| end + i);
    let prefix = if ctx_start > 0 { "..." } else { "" };
    let suffix = if ctx_end < full.len() { "..." } else { "" };
    let flat = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if matches!(c, '\n' | '\r' | '\t') {
                    ' '
                } else {
                    c
                }
            })
            .collect()
    };
    let text = format!("{prefix}{}{suffix}", flat(&full[ctx_start..ctx_end]));
    Context {
        offset: utf16_len(prefix) + utf16_len(&full[ctx_start..start]),
        length: utf16_len(&full[start..end]),
        text,
    }
}

async fn check(state: &Arc<AppState>, params: Vec<(String, String)>) -> Response {
    let Some(language) = param(&params, "language").map(str::to_string) else {
        return Problem::new(StatusCode::BAD_REQUEST, "missing parameter: `language`")
            .into_response();
    };
    if !is_french(&language) {
        return Problem::new(
            StatusCode::BAD_REQUEST,
            format!("language `{language}` is not supported: Coquille checks French (fr)"),
        )
        .into_response();
    }
    let input = match input_of(&params) {
        Ok(i) => i,
        Err(p) => return p.into_response(),
    };
    let enabled = list(&params, "enabledRules");
    let disabled = list(&params, "disabledRules");
    let disabled_categories = list(&params, "disabledCategories");
    let enabled_only = param(&params, "enabledOnly") == Some("true");
    let Ok(_permit) = state.workers.acquire().await else {
        return Problem::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down").into_response();
    };
    let checker = Arc::clone(&state.checker);
    let joined = tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        let doc = Document::with_format(&input.checked, Format::Text);
        let findings: Vec<_> = checker
            .findings(&doc)
            .into_iter()
            .filter(|f| {
                (!enabled_only || enabled.contains(f.rule))
                    && !disabled.contains(f.rule)
                    && !disabled_categories.contains(&category_id(f.category))
                    && !in_markup(&input.markup, f.span.start, f.span.end)
            })
            .collect();
        let report = DocumentReport::from_findings(None, &doc, findings, checker.fail_on());
        let full = input.full.as_str();
        // Per finding: UTF-16 offsets in one pass and the sentence by binary
        // search (from the text start and over every sentence, each finding
        // cost the size of the text: quadratic on a 2 MB body).
        let starts: Vec<usize> = report.findings.iter().map(|f| f.start).collect();
        let offsets = convert_offsets(full, &starts, OffsetEncoding::Utf16);
        let sentences = SentenceFinder::new(doc.sentences());
        let matches: Vec<Match> = report
            .findings
            .iter()
            .zip(offsets)
            .map(|(f, offset)| {
                let meta = coquille::rules::by_id(f.rule).map(|r| r.meta());
                let sentence = sentences
                    .find(f.start)
                    .and_then(|s| full.get(s.span.start..s.span.end))
                    .unwrap_or("")
                    .to_string();
                Match {
                    message: f.message.clone(),
                    short_message: String::new(),
                    replacements: f.suggestion.iter().map(|s| json!({ "value": s })).collect(),
                    offset,
                    length: utf16_len(&full[f.start..f.end]),
                    context: context(full, f.start, f.end),
                    sentence,
                    kind: json!({"typeName": "Other"}),
                    rule: json!({
                        "id": f.rule,
                        "description": meta.map_or("", |m| m.summary()),
                        "issueType": issue_type(f.category),
                        "category": {"id": category_id(f.category), "name": f.category.as_str()},
                    }),
                    ignore_for_incomplete_sentence: false,
                    context_for_sure_match: 0,
                }
            })
            .collect();
        (matches, report.findings, started.elapsed())
    })
    .await;
    let (matches, findings, took) = match joined {
        Ok(x) => x,
        Err(e) => {
            tracing::error!(error = %e, "check task failed");
            return Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "the check failed")
                .into_response();
        }
    };
    state.metrics.check_latency("v2", took);
    for f in &findings {
        state.metrics.findings(f.rule, f.severity.as_str(), 1);
    }
    let body = json!({
        "software": {
            "name": "Coquille",
            "version": env!("CARGO_PKG_VERSION"),
            "buildDate": null,
            "apiVersion": 1,
            "premium": false,
            "status": "",
        },
        "warnings": {"incompleteResults": false},
        "language": {
            "name": "French",
            "code": "fr",
            "detectedLanguage": {"name": "French", "code": "fr", "confidence": 1.0},
        },
        "matches": matches,
    });
    let mut resp = axum::Json(body).into_response();
    resp.extensions_mut().insert(Outcome {
        findings: Some(findings.len()),
        ..Outcome::default()
    });
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_and_markup_look_ups_equal_the_scans() {
        let text = "Un. Deux trois.\n\nQuatre.. cinq ! Six";
        let doc = Document::new(text);
        let finder = SentenceFinder::new(doc.sentences());
        for pos in 0..=text.len() {
            let scan = doc
                .sentences()
                .iter()
                .find(|s| s.span.start <= pos && pos < s.span.end.max(s.span.start + 1));
            assert_eq!(finder.find(pos), scan, "{pos}");
        }
        let markup = [(0, 2), (5, 5), (7, 9), (12, 20)];
        for start in 0..22 {
            for end in start..22 {
                let scan = markup.iter().any(|&(s, e)| start < e && s < end);
                assert_eq!(in_markup(&markup, start, end), scan, "{start}..{end}");
            }
        }
    }

    #[test]
    fn context_counts_utf16_and_marks_cuts() {
        let full = format!("{}🎉 fin.. ici\nsuite", "x".repeat(50));
        let start = full.find("..").unwrap();
        let c = context(&full, start, start + 2);
        assert!(c.text.starts_with("..."));
        assert!(!c.text.contains('\n'));
        let units: Vec<u16> = c.text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[c.offset..c.offset + c.length]).unwrap(),
            ".."
        );
    }

    #[test]
    fn data_markup_keeps_offsets() {
        let params = vec![(
            "data".to_string(),
            r#"{"annotation":[{"text":"Un "},{"markup":"<b>"},{"text":"mot.. ici"},{"markup":"<p>","interpretAs":"\n\n"}]}"#
                .to_string(),
        )];
        let input = input_of(&params).unwrap();
        assert_eq!(input.full, "Un <b>mot.. ici<p>");
        assert_eq!(input.checked.len(), input.full.len());
        assert_eq!(&input.checked[3..6], "   ");
        assert_eq!(&input.checked[15..], "\n\n ");
        assert_eq!(input.markup, vec![(3, 6), (15, 18)]);
    }

    #[test]
    fn only_french_is_accepted() {
        for ok in ["fr", "fr-FR", "FR-ca", "auto", "fr_BE"] {
            assert!(is_french(ok), "{ok}");
        }
        for no in ["en-US", "de", "french"] {
            assert!(!is_french(no), "{no}");
        }
    }
}
