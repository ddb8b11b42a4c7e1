//! `POST /v1/webhooks/{adapter}`: CMS webhooks, verified over the raw body
//! before anything is parsed, then checked like `/v1/check`.

use crate::adapters;
use crate::check::{
    CheckAnswer, CheckOptions, CheckRequest, FieldInput, answer_response, run_check,
};
use crate::problem::Problem;
use crate::replay::{Digest, Seen};
use crate::signature::{self, Rejection};
use crate::{Admitted, AppState, Outcome, ServeError, body_problem, json_problem};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, OriginalUri, Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use coquille::Format;
use coquille::report::Tool;
use coquille::settings::{EmptyPayload, FieldMapping, ServerSettings};
use serde_json::Value;
use sha2::{Digest as _, Sha256};
use std::sync::Arc;

/// A kind of webhook sender: how it signs and where its text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Adapter {
    /// Standard Webhooks: `webhook-id`, `webhook-timestamp`,
    /// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`,
    /// secrets `whsec_<base64>`.
    Standard,
    /// `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
    GithubStyle,
    /// Ghost: `X-Ghost-Signature: sha256=<hex HMAC of body + t>, t=<ms>`;
    /// payload `post.current.{title,html}`.
    Ghost,
    /// Strapi signs nothing: a shared `Authorization: Bearer <token>` header
    /// (set in Strapi's webhook headers); payload `entry.*`
    /// ([`crate::adapters::strapi`]).
    Strapi,
    /// Contentful: its request verification (`x-contentful-signature`) when
    /// signing secrets are configured, else a bearer token set as a custom
    /// header; payload `fields.<id>.<locale>`
    /// ([`crate::adapters::contentful`]).
    Contentful,
    /// A Markdown file with front matter (Hugo, Jekyll...), posted by a
    /// build or CI step with a bearer token: the raw file (`Content-Type:
    /// text/markdown`) or `{"path": ..., "content": ...}`
    /// ([`crate::adapters::frontmatter`]).
    Markdown,
}

/// The kind of secret an adapter verifies with. A secret of one kind is never
/// accepted by an adapter of another: a bearer token travels in a header
/// (and may be logged by a proxy), a signing key never does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SecretKind {
    /// A Standard Webhooks `whsec_<base64>` key.
    StandardKey,
    /// An HMAC key (github-style, Ghost).
    HmacKey,
    /// A bearer token (Strapi, Contentful).
    Token,
}

impl Adapter {
    /// Every adapter.
    pub const ALL: [Adapter; 6] = [
        Adapter::Standard,
        Adapter::GithubStyle,
        Adapter::Ghost,
        Adapter::Strapi,
        Adapter::Contentful,
        Adapter::Markdown,
    ];

    /// The name in the URL and in the configuration.
    pub const fn name(self) -> &'static str {
        match self {
            Adapter::Standard => "standard",
            Adapter::GithubStyle => "github-style",
            Adapter::Ghost => "ghost",
            Adapter::Strapi => "strapi",
            Adapter::Contentful => "contentful",
            Adapter::Markdown => "markdown",
        }
    }

    /// The adapter with this name.
    pub fn from_name(name: &str) -> Option<Adapter> {
        Adapter::ALL.into_iter().find(|a| a.name() == name)
    }

    fn secret_kind(self) -> SecretKind {
        match self {
            Adapter::Standard => SecretKind::StandardKey,
            Adapter::GithubStyle | Adapter::Ghost => SecretKind::HmacKey,
            Adapter::Strapi | Adapter::Contentful | Adapter::Markdown => SecretKind::Token,
        }
    }

    /// The fields checked when the configuration names none, for the
    /// adapters that read payloads by paths (`standard`, `github-style`);
    /// the CMS adapters read their payloads whole ([`crate::adapters`]),
    /// unless `[server.adapters.NAME] fields` maps paths. A path may list
    /// alternatives separated by `|`; the first present is used.
    pub fn default_fields(self) -> Vec<FieldMapping> {
        let f = |name: &str, path: &str, format: Format| FieldMapping {
            name: name.into(),
            path: path.into(),
            format,
        };
        match self {
            Adapter::Standard | Adapter::GithubStyle => vec![
                f("title", "data.title|title", Format::Text),
                f("body", "data.body|body", Format::Text),
            ],
            Adapter::Ghost | Adapter::Strapi | Adapter::Contentful | Adapter::Markdown => {
                Vec::new()
            }
        }
    }

    /// What the adapter reads, for the answer to a payload with nothing.
    fn reads(self) -> &'static str {
        match self {
            Adapter::Standard | Adapter::GithubStyle => "",
            Adapter::Ghost => {
                "post.current or page.current: title, custom_excerpt, html (or lexical), \
                 feature_image_alt, feature_image_caption, meta, Open Graph and Twitter texts, \
                 email_subject"
            }
            Adapter::Strapi => {
                "entry: text and rich-text strings, Blocks, components, dynamic zones, \
                 media alternative texts and captions"
            }
            Adapter::Contentful => "fields.<id>.<locale>: strings and Rich Text documents",
            Adapter::Markdown => "front matter titles, descriptions, alt texts, and the body",
        }
    }
}

/// One adapter's secrets and mapping, prepared at start-up.
#[derive(Debug)]
struct Prepared {
    /// Raw secret bytes (HMAC keys for github-style and Ghost, tokens for
    /// Strapi and Contentful).
    secrets: Vec<Vec<u8>>,
    /// Decoded `whsec_` keys (Standard Webhooks).
    standard_keys: Vec<Vec<u8>>,
    fields: Vec<FieldMapping>,
    custom_fields: bool,
    locale: Option<String>,
    /// Contentful's request-verification secrets.
    signing_secrets: Vec<Vec<u8>>,
}

/// Every adapter, prepared.
#[derive(Debug)]
pub(crate) struct Adapters {
    prepared: Vec<(Adapter, Prepared)>,
}

impl Adapters {
    pub(crate) fn new(settings: &ServerSettings) -> Result<Self, ServeError> {
        for name in settings.adapters.keys() {
            if Adapter::from_name(name).is_none() {
                return Err(ServeError::Config(format!(
                    "unknown webhook adapter `{name}` in [server.adapters] (known: {})",
                    known_adapters()
                )));
            }
        }
        let mut prepared = Vec::new();
        for adapter in Adapter::ALL {
            let own = settings.adapters.get(adapter.name());
            let kind = adapter.secret_kind();
            let secrets: Vec<String> = match own {
                Some(a) if !a.secrets.is_empty() => {
                    // Given to this adapter by name: they must be its kind.
                    if kind != SecretKind::StandardKey
                        && a.secrets.iter().any(|s| s.starts_with("whsec_"))
                    {
                        return Err(ServeError::Config(format!(
                            "[server.adapters.{}] secrets: a whsec_ key belongs to the standard adapter",
                            adapter.name()
                        )));
                    }
                    a.secrets.clone()
                }
                // The shared lists, split by kind.
                _ => match kind {
                    SecretKind::StandardKey => settings
                        .webhook_secrets
                        .iter()
                        .filter(|s| s.starts_with("whsec_"))
                        .cloned()
                        .collect(),
                    SecretKind::HmacKey => settings
                        .webhook_secrets
                        .iter()
                        .filter(|s| !s.starts_with("whsec_"))
                        .cloned()
                        .collect(),
                    SecretKind::Token => settings.webhook_tokens.clone(),
                },
            };
            if kind == SecretKind::Token && secrets.iter().any(|s| s.starts_with("whsec_")) {
                return Err(ServeError::Config(
                    "webhook_tokens: a whsec_ key is a Standard Webhooks signing key, not a bearer token"
                        .into(),
                ));
            }
            let mut standard_keys = Vec::new();
            if kind == SecretKind::StandardKey {
                for (i, s) in secrets.iter().enumerate() {
                    match signature::standard_key(s) {
                        Some(k) => standard_keys.push(k),
                        None => {
                            return Err(ServeError::Config(format!(
                                "Standard Webhooks secret #{} is not whsec_ followed by valid base64",
                                i + 1
                            )));
                        }
                    }
                }
            }
            if adapter != Adapter::Contentful && own.is_some_and(|a| !a.signing_secrets.is_empty())
            {
                return Err(ServeError::Config(format!(
                    "[server.adapters.{}] signing_secrets: only the contentful adapter verifies Contentful signatures",
                    adapter.name()
                )));
            }
            let custom = own.is_some_and(|a| !a.fields.is_empty());
            prepared.push((
                adapter,
                Prepared {
                    secrets: secrets.iter().map(|s| s.as_bytes().to_vec()).collect(),
                    standard_keys,
                    fields: if custom {
                        own.map(|a| a.fields.clone()).unwrap_or_default()
                    } else {
                        adapter.default_fields()
                    },
                    custom_fields: custom,
                    locale: own.and_then(|a| a.locale.clone()),
                    signing_secrets: own
                        .map(|a| {
                            a.signing_secrets
                                .iter()
                                .map(|s| s.as_bytes().to_vec())
                                .collect()
                        })
                        .unwrap_or_default(),
                },
            ));
        }
        Ok(Adapters { prepared })
    }

    fn get(&self, adapter: Adapter) -> &Prepared {
        &self
            .prepared
            .iter()
            .find(|(a, _)| *a == adapter)
            .expect("every adapter is prepared")
            .1
    }
}

fn header_str<'h>(headers: &'h HeaderMap, name: &str) -> &'h str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// Who sent a verified delivery, as far as the signature says.
struct Delivery {
    /// The sender's delivery id, if it gives one.
    id: Option<String>,
    /// Whether the id is covered by the signature (Standard Webhooks signs
    /// `id.timestamp.body`; `X-GitHub-Delivery` is not signed). Only a
    /// signed id may key the replay cache: anyone can put any id next to a
    /// captured body.
    signed: bool,
}

/// Checks the credentials of a delivery over its raw bytes.
fn verify(
    state: &AppState,
    adapter: Adapter,
    headers: &HeaderMap,
    uri: &Uri,
    body: &[u8],
) -> Result<Delivery, Rejection> {
    let p = state.adapters.get(adapter);
    let secrets: Vec<&[u8]> = p.secrets.iter().map(Vec::as_slice).collect();
    let tolerance = state.settings.timestamp_tolerance_s;
    let unsigned = |id: Option<String>| Delivery { id, signed: false };
    match adapter {
        Adapter::Standard => {
            let id = header_str(headers, "webhook-id");
            signature::verify_standard(
                &p.standard_keys,
                id,
                header_str(headers, "webhook-timestamp"),
                header_str(headers, "webhook-signature"),
                body,
                state.clock.now_s(),
                tolerance,
            )?;
            Ok(Delivery {
                id: Some(id.to_string()),
                signed: true,
            })
        }
        Adapter::GithubStyle => {
            signature::verify_github(&secrets, header_str(headers, "x-hub-signature-256"), body)?;
            let id = header_str(headers, "x-github-delivery");
            Ok(unsigned((!id.is_empty()).then(|| id.to_string())))
        }
        Adapter::Ghost => {
            signature::verify_ghost(
                &secrets,
                header_str(headers, "x-ghost-signature"),
                body,
                state.clock.now_ms(),
                tolerance,
            )?;
            Ok(unsigned(None))
        }
        Adapter::Contentful if !p.signing_secrets.is_empty() => {
            let keys: Vec<&[u8]> = p.signing_secrets.iter().map(Vec::as_slice).collect();
            let header = |name: &str| {
                headers
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            let req = signature::ContentfulRequest {
                method: "POST",
                path_and_query: uri.path_and_query().map_or("/", |p| p.as_str()),
                header: &header,
                body,
            };
            signature::verify_contentful(&keys, &req, state.clock.now_ms(), tolerance)?;
            Ok(unsigned(None))
        }
        Adapter::Strapi | Adapter::Contentful | Adapter::Markdown => {
            signature::verify_bearer(&secrets, header_str(headers, "authorization"))?;
            Ok(unsigned(None))
        }
    }
}

/// `POST /v1/webhooks/{adapter}`.
pub(crate) async fn handler(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
    OriginalUri(uri): OriginalUri,
    admitted: Option<Extension<Admitted>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let Some(adapter) = Adapter::from_name(&name) else {
        return Problem::new(
            StatusCode::NOT_FOUND,
            format!("unknown webhook adapter (known: {})", known_adapters()),
        )
        .into_response();
    };
    let outcome = Outcome {
        adapter: Some(adapter.name()),
        ..Outcome::default()
    };
    let with = |mut resp: Response, o: Outcome| {
        resp.extensions_mut().insert(o);
        resp
    };
    let body = match body {
        Ok(b) => b,
        Err(rejection) => return with(body_problem(rejection).into_response(), outcome),
    };
    let delivery = match verify(&state, adapter, &headers, &uri, &body) {
        Ok(d) => d,
        Err(reason) => {
            state.metrics.rejection(adapter.name(), reason.as_str());
            // The reason goes to the log line and the metrics, never to the caller.
            return with(
                Problem::new(
                    StatusCode::UNAUTHORIZED,
                    "the webhook could not be authenticated",
                )
                .into_response(),
                Outcome {
                    reason: Some(reason.as_str()),
                    ..outcome
                },
            );
        }
    };
    // The replay cache: keyed by the signed id, remembering a hash of the body
    // and a digest of the verdict.
    let replay_key = delivery
        .id
        .as_deref()
        .filter(|id| delivery.signed && id.len() <= crate::replay::MAX_ID_BYTES)
        .map(|id| format!("{}\u{0}{id}", adapter.name()));
    let body_hash: [u8; 32] = Sha256::digest(&body).into();
    if let Some(key) = &replay_key {
        match state.replay.seen(key, &body_hash, state.clock.now_s()) {
            Seen::New => {}
            Seen::Same(digest) => {
                state.metrics.replay(adapter.name());
                let answer = replayed_answer(adapter, delivery.id.clone(), digest);
                let mut resp = answer_response(&answer);
                resp.headers_mut()
                    .insert("coquille-replayed", HeaderValue::from_static("true"));
                return with(
                    resp,
                    Outcome {
                        replayed: true,
                        ..answer.outcome()
                    },
                );
            }
            Seen::Other => {
                state.metrics.conflict(adapter.name());
                return with(
                    Problem::new(
                        StatusCode::CONFLICT,
                        "this delivery id was already used for a different body",
                    )
                    .into_response(),
                    outcome,
                );
            }
        }
    }
    let raw_text =
        adapter == Adapter::Markdown && header_str(&headers, "content-type").starts_with("text/");
    let payload: Value = if raw_text {
        match std::str::from_utf8(&body) {
            Ok(text) => serde_json::json!({ "content": text }),
            Err(_) => {
                return with(
                    Problem::new(StatusCode::BAD_REQUEST, "the body is not UTF-8").into_response(),
                    outcome,
                );
            }
        }
    } else {
        match serde_json::from_slice(&body) {
            Ok(v) => v,
            Err(e) => return with(json_problem(&e).into_response(), outcome),
        }
    };
    drop(body);
    let locale = query_param(uri.query().unwrap_or(""), "locale");
    let (fields, options, document_id) =
        match fields_of(&state, adapter, &payload, locale.as_deref()) {
            Ok(x) => x,
            Err(p) => return with(p.into_response(), outcome),
        };
    drop(payload);
    let no_fields = fields.is_empty();
    if no_fields && state.settings.empty_payload == EmptyPayload::Reject {
        // Nothing was checked, so nothing may pass the gate.
        return with(
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "the payload has no text the {} adapter reads (it reads {}); nothing was \
                     checked, so it cannot pass; set empty_payload = \"pass\" to let such \
                     deliveries pass",
                    adapter.name(),
                    looked_for(&state, adapter)
                ),
            )
            .into_response(),
            outcome,
        );
    }
    let admitted = admitted.map(|Extension(a)| a);
    let mut answer = match run_check(&state, admitted, fields, options, "webhook").await {
        Ok(a) => a,
        Err(p) => return with(p.into_response(), outcome),
    };
    answer.adapter = Some(adapter.name());
    answer.delivery_id = delivery.id;
    answer.document_id = document_id;
    if no_fields {
        answer.note = Some("no checkable text field found in the payload".into());
    }
    let resp = answer_response(&answer);
    if let Some(key) = replay_key {
        state
            .replay
            .put(key, body_hash, state.clock.now_s(), Digest::of(&answer));
    }
    let o = answer.outcome();
    with(
        resp,
        Outcome {
            adapter: Some(adapter.name()),
            ..o
        },
    )
}

/// The answer to a repeated delivery: the stored verdict and counts, no
/// findings (the cache keeps a digest, not the answer).
fn replayed_answer(adapter: Adapter, delivery_id: Option<String>, d: Digest) -> CheckAnswer {
    CheckAnswer {
        tool: Tool::default(),
        adapter: Some(adapter.name()),
        delivery_id,
        document_id: d.document_id,
        verdict: d.verdict,
        summary: d.summary,
        duration_ms: 0.0,
        offset_encoding: d.offset_encoding,
        fields: Vec::new(),
        note: Some(
            "repeated delivery: the verdict it got the first time; its findings are not repeated"
                .into(),
        ),
    }
}

/// The fields an adapter looks for, for the 422 of an empty payload.
fn looked_for(state: &AppState, adapter: Adapter) -> String {
    let p = state.adapters.get(adapter);
    if !p.custom_fields && !adapter.reads().is_empty() {
        return adapter.reads().to_string();
    }
    p.fields
        .iter()
        .map(|m| format!("{}: {}", m.name, m.path))
        .collect::<Vec<_>>()
        .join(", ")
}

type Extracted = (Vec<FieldInput>, CheckOptions, Option<String>);

/// The fields to check in a verified payload: the `/v1/check` shape when a
/// generic sender posts it (at the top or under `data`), the mapping when
/// one is configured, else what the CMS adapter reads ([`crate::adapters`]).
/// `locale` (the URL's `?locale=`) overrides the configured one.
fn fields_of(
    state: &AppState,
    adapter: Adapter,
    payload: &Value,
    locale: Option<&str>,
) -> Result<Extracted, Problem> {
    let p = state.adapters.get(adapter);
    let locale = locale.or(p.locale.as_deref());
    if !p.custom_fields {
        let unreadable = |e: adapters::AdapterError| {
            Problem::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())
        };
        let read = match adapter {
            Adapter::Standard | Adapter::GithubStyle => None,
            Adapter::Ghost => Some(adapters::ghost::read(payload)),
            Adapter::Strapi => Some(adapters::strapi::read(payload)),
            Adapter::Contentful => Some(adapters::contentful::read(payload, locale)),
            Adapter::Markdown => Some(match payload.get("content").and_then(Value::as_str) {
                Some(text) => adapters::frontmatter::read(text),
                None => Err(adapters::AdapterError::Shape {
                    cms: "Markdown",
                    reason: "no `content` string (send the file as text/markdown, or JSON \
                             {\"path\": ..., \"content\": ...})"
                        .into(),
                }),
            }),
        };
        if let Some(read) = read {
            let fields = read.map_err(unreadable)?;
            let document_id = match adapter {
                Adapter::Markdown => payload.get("path"),
                Adapter::Contentful => payload.pointer("/sys/id"),
                Adapter::Strapi => payload.pointer("/entry/documentId"),
                _ => None,
            }
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| {
                ["/post/current/id", "/page/current/id"]
                    .iter()
                    .find_map(|ptr| payload.pointer(ptr)?.as_str().map(str::to_string))
                    .filter(|_| adapter == Adapter::Ghost)
            });
            let fields = fields
                .into_iter()
                .map(|f| FieldInput {
                    name: f.path,
                    format: f.format,
                    content: f.text,
                    source: None,
                    source_format: None,
                    segments: f.segments,
                })
                .collect();
            return Ok((fields, CheckOptions::default(), document_id));
        }
        let candidate = [Some(payload), payload.get("data")]
            .into_iter()
            .flatten()
            .find(|v| v.get("fields").is_some_and(Value::is_array));
        if let Some(v) = candidate {
            let req: CheckRequest =
                serde_json::from_value(v.clone()).map_err(|e| json_problem(&e))?;
            return Ok((req.fields, req.options, req.document_id));
        }
    }
    let fields = p
        .fields
        .iter()
        .filter_map(|m| {
            let content = m
                .path
                .split('|')
                .find_map(|path| lookup(payload, path.trim(), locale))?;
            Some(FieldInput {
                name: m.name.clone(),
                format: m.format,
                content: content.to_string(),
                source: None,
                source_format: None,
                segments: None,
            })
        })
        .collect();
    Ok((fields, CheckOptions::default(), None))
}

/// The names of every adapter, for messages.
fn known_adapters() -> String {
    Adapter::ALL.map(Adapter::name).join(", ")
}

/// The first value of `name` in a URL query, percent-decoded.
fn query_param(query: &str, name: &str) -> Option<String> {
    crate::languagetool::params_of(query.as_bytes())
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The string at a dot-separated `path` of `value`. `*` picks `locale` when
/// the object has it, else its first key; numbers index arrays.
fn lookup<'v>(value: &'v Value, path: &str, locale: Option<&str>) -> Option<&'v str> {
    let mut v = value;
    for seg in path.split('.') {
        v = match v {
            Value::Object(map) if seg == "*" => locale
                .and_then(|l| map.get(l))
                .or_else(|| map.values().next())?,
            Value::Object(map) => map.get(seg)?,
            Value::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    v.as_str()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lookup_follows_paths_locales_and_indices() {
        let v = json!({
            "post": {"current": {"title": "Titre", "html": "<p>Corps</p>"}},
            "fields": {"title": {"en-US": "Title", "fr": "Titre"}},
            "list": [{"a": "x"}]
        });
        assert_eq!(lookup(&v, "post.current.title", None), Some("Titre"));
        assert_eq!(lookup(&v, "fields.title.*", Some("fr")), Some("Titre"));
        assert_eq!(lookup(&v, "fields.title.*", None), Some("Title"));
        assert_eq!(lookup(&v, "fields.title.*", Some("de")), Some("Title"));
        assert_eq!(lookup(&v, "list.0.a", None), Some("x"));
        assert_eq!(lookup(&v, "post.current", None), None, "not a string");
        assert_eq!(lookup(&v, "post.previous.title", None), None);
    }

    #[test]
    fn adapter_names_round_trip() {
        for a in Adapter::ALL {
            assert_eq!(Adapter::from_name(a.name()), Some(a));
            // Every adapter reads something: paths, or a CMS's payload.
            assert!(!a.default_fields().is_empty() || !a.reads().is_empty());
        }
        assert_eq!(Adapter::from_name("wordpress"), None);
    }

    #[test]
    fn bad_whsec_secret_and_unknown_adapter_are_config_errors() {
        let s = ServerSettings {
            webhook_secrets: vec!["whsec_!!!".into()],
            ..ServerSettings::default()
        };
        assert!(Adapters::new(&s).is_err());
        let mut s = ServerSettings::default();
        s.adapters.insert("wordpress".into(), Default::default());
        assert!(Adapters::new(&s).is_err());
        let plain = ServerSettings {
            webhook_secrets: vec!["a plain secret".into()],
            ..ServerSettings::default()
        };
        assert!(Adapters::new(&plain).is_ok());
    }
}
