//! `POST /v2/check` and `GET /v2/languages`, compatible with LanguageTool's
//! HTTP API so its clients (browser add-ons, LTeX, editors, client libraries
//! such as `language_tool_python`, `languagetool-rust` and `pylanguagetool`)
//! can point at Coquille. Offsets and lengths are UTF-16 code units, as
//! LanguageTool (a Java program) counts them.
//!
//! Every field those clients read is given, with LanguageTool's types
//! (`software.buildDate` a string, `rule.urls`, `rule.category`,
//! `warnings.incompleteResults`, ...). Each match costs a bounded number of
//! bytes (a 40-character context each side, the sentence cut at
//! [`SENTENCE_CHARS`]) and matches are capped (`max_findings_per_field`), so
//! an answer never grows faster than the request.

use crate::problem::Problem;
use crate::{Admitted, AppState, Outcome, authorize, body_problem, run_blocking};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use coquille::checker::Limits;
use coquille::lang::detect::{self, Detected};
use coquille::report::DocumentReport;
use coquille::rule::{Category, RuleMeta};
use coquille::span::{OffsetEncoding, convert_offsets};
use coquille::{Document, Format, Sentence};
use serde::{Deserialize, Serialize};
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

/// Longest `sentence` of a match, in characters: a match in a long sentence
/// gets the part of it around the match.
pub(crate) const SENTENCE_CHARS: usize = 300;

/// `GET /v2/languages`.
pub(crate) async fn languages() -> Response {
    let list: Vec<_> = LANGUAGES
        .iter()
        .map(|(name, long)| serde_json::json!({"name": name, "code": "fr", "longCode": long}))
        .collect();
    axum::Json(list).into_response()
}

/// `GET /v2/check?text=...&language=fr`.
pub(crate) async fn check_get(
    State(state): State<Arc<AppState>>,
    admitted: Option<Extension<Admitted>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    match params_of(uri.query().unwrap_or("").as_bytes()) {
        Ok(params) => check(&state, admitted.map(|Extension(a)| a), &headers, params).await,
        Err(p) => p.into_response(),
    }
}

/// `POST /v2/check` with a form body (parameters in the query string are
/// accepted too; the body wins).
pub(crate) async fn check_post(
    State(state): State<Arc<AppState>>,
    admitted: Option<Extension<Admitted>>,
    headers: HeaderMap,
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
    drop(body);
    check(&state, admitted.map(|Extension(a)| a), &headers, params).await
}

/// Decodes `application/x-www-form-urlencoded` strictly: a value that is not
/// UTF-8 once percent-decoded is refused (400), as `/v1/check` refuses it,
/// instead of becoming U+FFFD that a rule would then report as mojibake.
pub(crate) fn params_of(bytes: &[u8]) -> Result<Vec<(String, String)>, Problem> {
    let decode = |part: &[u8]| -> Result<String, Problem> {
        let mut out = Vec::with_capacity(part.len());
        let mut i = 0;
        while i < part.len() {
            match part[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = part
                        .get(i + 1..i + 3)
                        .and_then(|h| std::str::from_utf8(h).ok())
                        .and_then(|h| u8::from_str_radix(h, 16).ok());
                    match hex {
                        Some(b) => {
                            out.push(b);
                            i += 2;
                        }
                        // A lone `%` stays, as browsers and serde_urlencoded do.
                        None => out.push(b'%'),
                    }
                }
                b => out.push(b),
            }
            i += 1;
        }
        String::from_utf8(out).map_err(|_| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "form parameters must be UTF-8 (after percent-decoding)",
            )
        })
    };
    bytes
        .split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = match pair.iter().position(|&b| b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &b""[..]),
            };
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
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

/// A markup piece of `data`: its byte range in the full text and what it
/// stands for in the plain text (`interpretAs`, often a paragraph break).
#[derive(Debug, PartialEq)]
struct Markup {
    start: usize,
    end: usize,
    interpret_as: String,
}

/// The text as the client counts it (markup included), the text checked
/// (markup blanked out, same byte length) and the markup pieces.
struct Input {
    full: String,
    checked: String,
    markup: Vec<Markup>,
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
            let interpret_as = a.interpret_as.unwrap_or_default();
            let breaks = interpret_as.matches('\n').count().min(m.len());
            input.checked.push_str(&"\n".repeat(breaks));
            input.checked.push_str(&" ".repeat(m.len() - breaks));
            input.markup.push(Markup {
                start,
                end: input.full.len(),
                interpret_as,
            });
        }
    }
    Ok(input)
}

/// What `language` asks for: French (a variant), or detection.
#[derive(Debug, Clone, PartialEq)]
enum Wanted {
    /// `fr` or `fr-XX`: the code as given, and its name.
    French(String, &'static str),
    /// `auto`: the text's own language.
    Auto,
}

fn wanted(language: &str) -> Option<Wanted> {
    let l = language.trim();
    if l.eq_ignore_ascii_case("auto") {
        return Some(Wanted::Auto);
    }
    let lower = l.to_ascii_lowercase().replace('_', "-");
    if lower != "fr" && !lower.starts_with("fr-") {
        return None;
    }
    let name = LANGUAGES
        .iter()
        .find(|(_, code)| code.eq_ignore_ascii_case(&lower))
        .map_or("French", |(name, _)| name);
    let code = match lower.split_once('-') {
        Some((_, region)) => format!("fr-{}", region.to_ascii_uppercase()),
        None => "fr".into(),
    };
    Some(Wanted::French(code, name))
}

/// LanguageTool's category id for ours.
fn category_id(c: Category) -> String {
    c.as_str().to_ascii_uppercase().replace('-', "_")
}

/// A category's name for people: `Punctuation`.
fn category_name(c: Category) -> String {
    let s = c.as_str().replace('-', " ");
    let mut chars = s.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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

/// Whether `start..end` overlaps one of the `markup` pieces (in order and
/// disjoint, as [`input_of`] builds them).
fn in_markup(markup: &[Markup], start: usize, end: usize) -> bool {
    let k = markup.partition_point(|m| m.end <= start);
    markup.get(k).is_some_and(|m| m.start < end)
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

/// Line breaks and tabs as spaces.
fn flat(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// The byte `chars` characters before `from` in `text` (or 0).
fn back(text: &str, from: usize, chars: usize) -> usize {
    if chars == 0 {
        return from;
    }
    text[..from]
        .char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte `chars` characters after `from` in `text` (or its end).
fn forward(text: &str, from: usize, chars: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| from + i)
}

// The answer, field for field as LanguageTool gives it (and as
// languagetool-rust's types decode it).

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Answer {
    software: Software,
    warnings: Warnings,
    language: LanguageAnswer,
    matches: Vec<Match>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Software {
    name: &'static str,
    version: &'static str,
    build_date: &'static str,
    api_version: u32,
    premium: bool,
    status: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Warnings {
    incomplete_results: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LanguageAnswer {
    name: String,
    code: String,
    detected_language: DetectedLanguage,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DetectedLanguage {
    name: String,
    code: String,
    confidence: f64,
    source: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Match {
    message: String,
    short_message: String,
    replacements: Vec<Replacement>,
    offset: usize,
    length: usize,
    context: Context,
    sentence: String,
    #[serde(rename = "type")]
    kind: Kind,
    rule: RuleAnswer,
    ignore_for_incomplete_sentence: bool,
    context_for_sure_match: i32,
}

#[derive(Serialize)]
struct Replacement {
    value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Kind {
    type_name: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleAnswer {
    id: &'static str,
    description: &'static str,
    issue_type: &'static str,
    category: CategoryAnswer,
    urls: Vec<UrlAnswer>,
    is_premium: bool,
}

#[derive(Serialize)]
struct CategoryAnswer {
    id: String,
    name: String,
}

#[derive(Serialize)]
struct UrlAnswer {
    value: String,
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
    let ctx_start = back(full, start, CONTEXT_CHARS);
    let ctx_end = forward(full, end, CONTEXT_CHARS);
    let prefix = if ctx_start > 0 { "..." } else { "" };
    let suffix = if ctx_end < full.len() { "..." } else { "" };
    let text = format!("{prefix}{}{suffix}", flat(&full[ctx_start..ctx_end]));
    Context {
        offset: utf16_len(prefix) + utf16_len(&full[ctx_start..start]),
        length: utf16_len(&full[start..end]),
        text,
    }
}

/// The sentence of a match as plain text: markup pieces replaced by what they
/// stand for, line breaks as spaces, and at most [`SENTENCE_CHARS`]
/// characters (around the match when the sentence is longer).
fn sentence_text(input: &Input, sentence: (usize, usize), hit: (usize, usize)) -> String {
    let full = input.full.as_str();
    let (mut s, mut e) = sentence;
    if full[s..e].chars().count() > SENTENCE_CHARS {
        let half = SENTENCE_CHARS / 2;
        s = back(full, hit.0, half).max(s);
        e = forward(full, s, SENTENCE_CHARS).min(e);
    }
    let mut out = String::new();
    let mut at = s;
    let k = input.markup.partition_point(|m| m.end <= s);
    for m in input.markup[k..].iter().take_while(|m| m.start < e) {
        out.push_str(&full[at.min(m.start).max(s)..m.start.max(s)]);
        out.push_str(&m.interpret_as);
        at = m.end.min(e);
    }
    out.push_str(&full[at.max(s).min(e)..e]);
    flat(&out).trim().to_string()
}

/// The base of rule documentation links: this server as the client reached
/// it, when the `Host` header is a plain host name.
fn docs_base(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.len() <= 255
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
        })
        .map_or_else(String::new, |h| format!("http://{h}"))
}

async fn check(
    state: &Arc<AppState>,
    admitted: Option<Admitted>,
    headers: &HeaderMap,
    params: Vec<(String, String)>,
) -> Response {
    if let Some(resp) = authorize(state, headers, param(&params, "apiKey")) {
        return resp;
    }
    let Some(language) = param(&params, "language") else {
        return Problem::new(StatusCode::BAD_REQUEST, "missing parameter: `language`")
            .into_response();
    };
    // The value is never echoed back: it is the caller's text.
    let Some(wanted) = wanted(language) else {
        return Problem::new(
            StatusCode::BAD_REQUEST,
            "unsupported language: Coquille checks French (fr, fr-FR, fr-BE, fr-CH, fr-CA) or auto",
        )
        .into_response();
    };
    let input = match input_of(&params) {
        Ok(i) => i,
        Err(p) => return p.into_response(),
    };
    let enabled = list(&params, "enabledRules");
    let disabled = list(&params, "disabledRules");
    let enabled_categories = list(&params, "enabledCategories");
    let disabled_categories = list(&params, "disabledCategories");
    let enabled_only = param(&params, "enabledOnly") == Some("true");
    if enabled_only && enabled.is_empty() && enabled_categories.is_empty() {
        return Problem::new(
            StatusCode::BAD_REQUEST,
            "enabledOnly=true needs enabledRules or enabledCategories",
        )
        .into_response();
    }
    drop(params);
    let cap = state
        .settings
        .max_findings_per_field
        .min(state.settings.max_findings_per_request);
    let checker = Arc::clone(&state.checker);
    let base = docs_base(headers);
    let done = run_blocking(state, admitted, move |limits| {
        let started = Instant::now();
        let detected = detect::detect(&input.checked);
        let (name, code, check) = match &wanted {
            Wanted::French(code, name) => (name.to_string(), code.clone(), true),
            Wanted::Auto => match detected {
                Some(d) if !d.is_french() => (d.name.to_string(), d.code.to_string(), false),
                _ => ("French".to_string(), "fr".to_string(), true),
            },
        };
        let detected = detected.unwrap_or(Detected {
            code: "fr",
            name: "French",
            confidence: 0.0,
        });
        let language = LanguageAnswer {
            name,
            code,
            detected_language: DetectedLanguage {
                name: detected.name.into(),
                code: detected.code.into(),
                confidence: (detected.confidence * 1000.0).round() / 1000.0,
                source: "coquille",
            },
        };
        if !check {
            // Not French: nothing Coquille can say about it.
            return Ok((language, Vec::new(), Vec::new(), false, started.elapsed()));
        }
        let selected = |m: &RuleMeta| {
            let category = category_id(m.category);
            let on =
                !enabled_only || enabled.contains(m.id) || enabled_categories.contains(&category);
            on && !disabled.contains(m.id) && !disabled_categories.contains(&category)
        };
        let doc = Document::with_format(&input.checked, Format::Text);
        let limited = checker.findings_within(
            &doc,
            &Limits {
                max_findings: Some(cap),
                only: Some(&selected),
                ..*limits
            },
        )?;
        let mut report = DocumentReport::from_limited(None, &doc, limited, checker.gate());
        report
            .findings
            .retain(|f| !in_markup(&input.markup, f.start, f.end));
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
                let sentence = sentences.find(f.start).map_or_else(String::new, |s| {
                    sentence_text(&input, (s.span.start, s.span.end), (f.start, f.end))
                });
                Match {
                    message: f.message.clone(),
                    short_message: String::new(),
                    replacements: f
                        .suggestion
                        .iter()
                        .map(|s| Replacement { value: s.clone() })
                        .collect(),
                    offset,
                    length: utf16_len(&full[f.start..f.end]),
                    context: context(full, f.start, f.end),
                    sentence,
                    kind: Kind { type_name: "Other" },
                    rule: RuleAnswer {
                        id: f.rule,
                        description: meta.map_or("", |m| m.summary()),
                        issue_type: issue_type(f.category),
                        category: CategoryAnswer {
                            id: category_id(f.category),
                            name: category_name(f.category),
                        },
                        urls: vec![UrlAnswer {
                            value: format!("{base}/v1/rules/{}", f.rule),
                        }],
                        is_premium: false,
                    },
                    ignore_for_incomplete_sentence: false,
                    context_for_sure_match: 0,
                }
            })
            .collect();
        Ok((
            language,
            matches,
            report.findings,
            report.truncated,
            started.elapsed(),
        ))
    })
    .await;
    let (language, matches, findings, truncated, took) = match done {
        Ok(x) => x,
        Err(p) => return p.into_response(),
    };
    state.metrics.check_latency("v2", took);
    if truncated {
        state.metrics.truncated("v2");
    }
    for f in &findings {
        state.metrics.findings(f.rule, f.severity.as_str(), 1);
    }
    let answer = Answer {
        software: Software {
            name: "Coquille",
            version: env!("CARGO_PKG_VERSION"),
            build_date: "",
            api_version: 1,
            premium: false,
            status: "",
        },
        warnings: Warnings {
            incomplete_results: truncated,
        },
        language,
        matches,
    };
    let mut resp = axum::Json(answer).into_response();
    resp.extensions_mut().insert(Outcome {
        findings: Some(findings.len()),
        ..Outcome::default()
    });
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markup(start: usize, end: usize) -> Markup {
        Markup {
            start,
            end,
            interpret_as: String::new(),
        }
    }

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
        let ranges = [(0, 2), (5, 5), (7, 9), (12, 20)];
        let markup: Vec<Markup> = ranges.iter().map(|&(s, e)| markup(s, e)).collect();
        for start in 0..22 {
            for end in start..22 {
                let scan = ranges.iter().any(|&(s, e)| start < e && s < end);
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
        let ranges: Vec<_> = input.markup.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(ranges, vec![(3, 6), (15, 18)]);
    }

    #[test]
    fn the_sentence_of_a_match_is_plain_text_and_bounded() {
        let params = vec![(
            "data".to_string(),
            r#"{"annotation":[{"markup":"<p>"},{"text":"Un "},{"markup":"<b>"},{"text":"mot.. ici"},{"markup":"</b>"},{"text":"."},{"markup":"<br/>","interpretAs":"\n"},{"text":"Fin."}]}"#
                .to_string(),
        )];
        let input = input_of(&params).unwrap();
        let hit = input.full.find("..").unwrap();
        let end = input.full.find("</b>.").unwrap() + 5;
        assert_eq!(
            sentence_text(&input, (3, end), (hit, hit + 2)),
            "Un mot.. ici."
        );
        let long = format!("{}Fin.. ici{}", "mot ".repeat(200), " encore".repeat(200));
        let input = input_of(&[("text".to_string(), long.clone())]).unwrap();
        let hit = long.find("..").unwrap();
        let s = sentence_text(&input, (0, long.len()), (hit, hit + 2));
        assert!(s.chars().count() <= SENTENCE_CHARS, "{}", s.len());
        assert!(s.contains("Fin.. ici"), "{s}");
    }

    #[test]
    fn languages_asked_for() {
        assert_eq!(
            wanted("fr-fr"),
            Some(Wanted::French("fr-FR".into(), "French (France)"))
        );
        assert_eq!(wanted("fr"), Some(Wanted::French("fr".into(), "French")));
        assert_eq!(
            wanted("fr_BE"),
            Some(Wanted::French("fr-BE".into(), "French (Belgium)"))
        );
        assert_eq!(wanted("auto"), Some(Wanted::Auto));
        for no in ["en-US", "de", "french", "<script>"] {
            assert_eq!(wanted(no), None, "{no}");
        }
    }

    #[test]
    fn form_decoding_is_strict_about_utf8() {
        let p = params_of(b"language=fr&text=caf%C3%A9+ok%21&empty&x=%zz").unwrap();
        assert_eq!(
            p,
            vec![
                ("language".into(), "fr".into()),
                ("text".into(), "café ok!".into()),
                ("empty".into(), "".into()),
                ("x".into(), "%zz".into()),
            ]
        );
        assert_eq!(params_of(b"text=caf%C3%A9%FF").unwrap_err().status, 400);
        assert_eq!(params_of(b"text=\xff").unwrap_err().status, 400);
        assert!(params_of(b"").unwrap().is_empty());
    }

    #[test]
    fn category_names_read_well() {
        assert_eq!(category_name(Category::Punctuation), "Punctuation");
        assert_eq!(category_id(Category::Punctuation), "PUNCTUATION");
    }
}
