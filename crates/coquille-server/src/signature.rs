//! Webhook signatures: Standard Webhooks, `X-Hub-Signature-256` (GitHub
//! style), Ghost's `X-Ghost-Signature`, Contentful's request verification
//! (`x-contentful-signature`), and shared bearer tokens.
//!
//! Every check works on the raw body bytes, before any parsing, compares in
//! constant time after a length check, and says why it failed so the reason
//! can go to logs and metrics (never to the client).

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

type HmacSha256 = Hmac<Sha256>;

/// Why a request was refused. The label is used in logs and metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rejection {
    /// No secret or token is configured for this adapter: nothing can verify.
    NoSecret,
    /// A required header is absent.
    MissingHeader,
    /// A header is present but not in the expected form.
    MalformedHeader,
    /// The signed timestamp is too far from the server clock.
    StaleTimestamp,
    /// No signature matched any secret.
    BadSignature,
    /// The bearer token did not match.
    BadToken,
}

impl Rejection {
    /// Short snake_case label.
    pub const fn as_str(self) -> &'static str {
        match self {
            Rejection::NoSecret => "no_secret_configured",
            Rejection::MissingHeader => "missing_header",
            Rejection::MalformedHeader => "malformed_header",
            Rejection::StaleTimestamp => "stale_timestamp",
            Rejection::BadSignature => "bad_signature",
            Rejection::BadToken => "bad_token",
        }
    }
}

/// Constant-time equality; different lengths (including an empty candidate
/// against a non-empty expectation) never match.
pub fn ct_eq(expected: &[u8], candidate: &[u8]) -> bool {
    !expected.is_empty()
        && expected.len() == candidate.len()
        && bool::from(expected.ct_eq(candidate))
}

fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = HmacSha256::new_from_slice(key).expect("HMAC accepts keys of any length");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

/// The key bytes of a Standard Webhooks secret: `whsec_<base64>` (the prefix
/// is optional). `None` when the base64 is invalid or empty.
pub fn standard_key(secret: &str) -> Option<Vec<u8>> {
    let b64 = secret.strip_prefix("whsec_").unwrap_or(secret);
    B64.decode(b64.trim()).ok().filter(|k| !k.is_empty())
}

/// The Standard Webhooks signature `v1,<base64>` of a message.
pub fn standard_sign(key: &[u8], id: &str, timestamp: i64, body: &[u8]) -> String {
    let ts = timestamp.to_string();
    let mac = hmac_sha256(key, &[id.as_bytes(), b".", ts.as_bytes(), b".", body]);
    format!("v1,{}", B64.encode(mac))
}

/// Verifies a Standard Webhooks delivery.
///
/// `signature_header` holds one or more space-separated `v1,<base64>`
/// signatures; any of them matching any key passes. The timestamp must be
/// within `tolerance_s` seconds of `now_s`, in either direction.
pub fn verify_standard(
    keys: &[Vec<u8>],
    id: &str,
    timestamp: &str,
    signature_header: &str,
    body: &[u8],
    now_s: i64,
    tolerance_s: u64,
) -> Result<(), Rejection> {
    if keys.is_empty() {
        return Err(Rejection::NoSecret);
    }
    if id.is_empty() || timestamp.is_empty() || signature_header.trim().is_empty() {
        return Err(Rejection::MissingHeader);
    }
    let ts: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| Rejection::MalformedHeader)?;
    if now_s.abs_diff(ts) > tolerance_s {
        return Err(Rejection::StaleTimestamp);
    }
    let ts_text = ts.to_string();
    let expected: Vec<[u8; 32]> = keys
        .iter()
        .map(|k| hmac_sha256(k, &[id.as_bytes(), b".", ts_text.as_bytes(), b".", body]))
        .collect();
    let mut any_v1 = false;
    for sig in signature_header.split_ascii_whitespace() {
        let Some(b64) = sig.strip_prefix("v1,") else {
            continue; // another scheme (v1a, ...): not ours to verify
        };
        any_v1 = true;
        let Ok(candidate) = B64.decode(b64) else {
            continue;
        };
        if expected.iter().any(|e| ct_eq(e, &candidate)) {
            return Ok(());
        }
    }
    Err(if any_v1 {
        Rejection::BadSignature
    } else {
        Rejection::MalformedHeader
    })
}

/// The `X-Hub-Signature-256` value `sha256=<hex>` of a body.
pub fn github_sign(secret: &[u8], body: &[u8]) -> String {
    format!("sha256={}", hex::encode(hmac_sha256(secret, &[body])))
}

/// Verifies `X-Hub-Signature-256: sha256=<hex>` over the raw body with any of
/// the secrets.
pub fn verify_github(secrets: &[&[u8]], header: &str, body: &[u8]) -> Result<(), Rejection> {
    if secrets.is_empty() {
        return Err(Rejection::NoSecret);
    }
    let header = header.trim();
    if header.is_empty() {
        return Err(Rejection::MissingHeader);
    }
    let hex_part = header
        .strip_prefix("sha256=")
        .ok_or(Rejection::MalformedHeader)?;
    let candidate = hex::decode(hex_part).map_err(|_| Rejection::BadSignature)?;
    if secrets
        .iter()
        .any(|s| ct_eq(&hmac_sha256(s, &[body]), &candidate))
    {
        Ok(())
    } else {
        Err(Rejection::BadSignature)
    }
}

/// The `X-Ghost-Signature` value `sha256=<hex>, t=<ms>` of a body: HMAC-SHA256
/// over the body followed by the timestamp in milliseconds.
pub fn ghost_sign(secret: &[u8], body: &[u8], timestamp_ms: i64) -> String {
    let t = timestamp_ms.to_string();
    let mac = hmac_sha256(secret, &[body, t.as_bytes()]);
    format!("sha256={}, t={t}", hex::encode(mac))
}

/// Verifies `X-Ghost-Signature: sha256=<hex>, t=<ms>`. The timestamp must be
/// within `tolerance_s` seconds of `now_ms`.
pub fn verify_ghost(
    secrets: &[&[u8]],
    header: &str,
    body: &[u8],
    now_ms: i64,
    tolerance_s: u64,
) -> Result<(), Rejection> {
    if secrets.is_empty() {
        return Err(Rejection::NoSecret);
    }
    if header.trim().is_empty() {
        return Err(Rejection::MissingHeader);
    }
    let mut sig = None;
    let mut ts = None;
    for part in header.split(',') {
        let part = part.trim();
        if let Some(h) = part.strip_prefix("sha256=") {
            sig = Some(h);
        } else if let Some(t) = part.strip_prefix("t=") {
            ts = Some(t);
        }
    }
    let (Some(sig), Some(ts)) = (sig, ts) else {
        return Err(Rejection::MalformedHeader);
    };
    let ts_ms: i64 = ts.parse().map_err(|_| Rejection::MalformedHeader)?;
    if now_ms.abs_diff(ts_ms) > tolerance_s.saturating_mul(1000) {
        return Err(Rejection::StaleTimestamp);
    }
    let candidate = hex::decode(sig).map_err(|_| Rejection::BadSignature)?;
    if secrets
        .iter()
        .any(|s| ct_eq(&hmac_sha256(s, &[body, ts.as_bytes()]), &candidate))
    {
        Ok(())
    } else {
        Err(Rejection::BadSignature)
    }
}

/// Verifies `Authorization: Bearer <token>` against any of the tokens.
pub fn verify_bearer(tokens: &[&[u8]], authorization: &str) -> Result<(), Rejection> {
    if tokens.is_empty() {
        return Err(Rejection::NoSecret);
    }
    let authorization = authorization.trim();
    if authorization.is_empty() {
        return Err(Rejection::MissingHeader);
    }
    let (scheme, token) = authorization
        .split_once(' ')
        .ok_or(Rejection::MalformedHeader)?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(Rejection::MalformedHeader);
    }
    let token = token.trim().as_bytes();
    if tokens.iter().any(|t| ct_eq(t, token)) {
        Ok(())
    } else {
        Err(Rejection::BadToken)
    }
}

/// A request as Contentful signs it: method, path with its query as
/// received, and a way to read a header by its lower-case name.
pub struct ContentfulRequest<'r> {
    /// `POST`.
    pub method: &'r str,
    /// The path and query of the request line (`/v1/webhooks/contentful?locale=fr`).
    pub path_and_query: &'r str,
    /// A header's value by lower-case name.
    pub header: &'r dyn Fn(&str) -> Option<String>,
    /// The raw body.
    pub body: &'r [u8],
}

/// Contentful's canonical request: `method`, the normalised path, the
/// signed headers as `name:value` joined by `;` in name order (with
/// `x-contentful-signed-headers` and `x-contentful-timestamp` among them,
/// holding the list of names and the timestamp), and the body, joined by
/// line breaks. As `@contentful/node-apps-toolkit` computes it
/// (`signRequest`, `verifyRequest`).
fn contentful_canonical(req: &ContentfulRequest<'_>, signed: &str, ts_ms: i64) -> Vec<u8> {
    let mut headers = std::collections::BTreeMap::new();
    for name in signed.split(',') {
        let name = name.trim().to_ascii_lowercase();
        if let Some(value) = (req.header)(&name) {
            let value = value.trim().to_string();
            headers.insert(name, value);
        }
    }
    headers.insert("x-contentful-timestamp".into(), ts_ms.to_string());
    headers.insert("x-contentful-signed-headers".into(), String::new());
    let names = headers.keys().cloned().collect::<Vec<_>>().join(",");
    headers.insert("x-contentful-signed-headers".into(), names);
    let headers = headers
        .iter()
        .map(|(k, v)| format!("{k}:{v}"))
        .collect::<Vec<_>>()
        .join(";");
    let mut out = format!(
        "{}\n{}\n{}\n",
        req.method,
        contentful_path(req.path_and_query),
        headers
    )
    .into_bytes();
    out.extend_from_slice(req.body);
    out
}

/// The path as Contentful's toolkit normalises it: the query (up to a
/// second `?`) percent-encoded like Node's `querystring.escape`, then the
/// whole encoded like JavaScript's `encodeURI`.
fn contentful_path(uri: &str) -> String {
    let mut parts = uri.split('?');
    let path = parts.next().unwrap_or("");
    let query = parts.next().unwrap_or("");
    let joined = if query.is_empty() {
        path.to_string()
    } else {
        let escaped = percent_encode(query, b"-_.!~*'()");
        format!("{path}?{escaped}")
    };
    percent_encode(&joined, b";,/?:@&=+$-_.!~*'()#")
}

/// `text` with every byte percent-encoded (upper-case hex) except ASCII
/// letters, digits and `keep`.
fn percent_encode(text: &str, keep: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || keep.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `x-contentful-signature` of a request (hex HMAC-SHA256 of the
/// canonical request), for tests and clients.
pub fn contentful_sign(
    secret: &[u8],
    req: &ContentfulRequest<'_>,
    signed: &str,
    ts_ms: i64,
) -> String {
    hex::encode(hmac_sha256(
        secret,
        &[&contentful_canonical(req, signed, ts_ms)],
    ))
}

/// Verifies Contentful's webhook request signature: headers
/// `x-contentful-signature`, `x-contentful-signed-headers` and
/// `x-contentful-timestamp` (milliseconds, within `tolerance_s` of `now_ms`).
pub fn verify_contentful(
    secrets: &[&[u8]],
    req: &ContentfulRequest<'_>,
    now_ms: i64,
    tolerance_s: u64,
) -> Result<(), Rejection> {
    if secrets.is_empty() {
        return Err(Rejection::NoSecret);
    }
    let get = |name: &str| {
        (req.header)(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let (Some(sig), Some(signed), Some(ts)) = (
        get("x-contentful-signature"),
        get("x-contentful-signed-headers"),
        get("x-contentful-timestamp"),
    ) else {
        return Err(Rejection::MissingHeader);
    };
    let ts_ms: i64 = ts.parse().map_err(|_| Rejection::MalformedHeader)?;
    if now_ms.abs_diff(ts_ms) > tolerance_s.saturating_mul(1000) {
        return Err(Rejection::StaleTimestamp);
    }
    let candidate = hex::decode(&sig).map_err(|_| Rejection::BadSignature)?;
    let canonical = contentful_canonical(req, &signed, ts_ms);
    if secrets
        .iter()
        .any(|s| ct_eq(&hmac_sha256(s, &[&canonical]), &candidate))
    {
        Ok(())
    } else {
        Err(Rejection::BadSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    const ID: &str = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk";
    const TS: i64 = 1649367553;
    const BODY: &[u8] = br#"{"email":"test@example.com","username":"test_user"}"#;
    const SIG: &str = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";

    fn key() -> Vec<Vec<u8>> {
        vec![standard_key(SECRET).unwrap()]
    }

    #[test]
    fn standard_webhooks_test_vector() {
        assert_eq!(standard_sign(&key()[0], ID, TS, BODY), SIG);
        assert_eq!(
            verify_standard(&key(), ID, "1649367553", SIG, BODY, TS, 300),
            Ok(())
        );
    }

    #[test]
    fn standard_accepts_any_of_several_signatures_and_secrets() {
        let other = standard_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap();
        let header = format!("v1,Zm9v v1a,ignored {SIG}");
        let keys = vec![other, key()[0].clone()];
        assert_eq!(
            verify_standard(&keys, ID, "1649367553", &header, BODY, TS + 299, 300),
            Ok(())
        );
    }

    #[test]
    fn standard_rejections() {
        let k = key();
        let v = |sig: &str, now: i64| verify_standard(&k, ID, "1649367553", sig, BODY, now, 300);
        assert_eq!(v("", TS), Err(Rejection::MissingHeader));
        assert_eq!(v("v1,", TS), Err(Rejection::BadSignature));
        assert_eq!(v(&SIG[..SIG.len() - 4], TS), Err(Rejection::BadSignature));
        assert_eq!(v("v2,abc", TS), Err(Rejection::MalformedHeader));
        assert_eq!(v(SIG, TS + 301), Err(Rejection::StaleTimestamp));
        assert_eq!(v(SIG, TS - 301), Err(Rejection::StaleTimestamp));
        let other = vec![standard_key("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").unwrap()];
        assert_eq!(
            verify_standard(&other, ID, "1649367553", SIG, BODY, TS, 300),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            verify_standard(&[], ID, "1649367553", SIG, BODY, TS, 300),
            Err(Rejection::NoSecret)
        );
        // The body is part of what is signed.
        assert_eq!(
            verify_standard(&k, ID, "1649367553", SIG, b"{}", TS, 300),
            Err(Rejection::BadSignature)
        );
    }

    #[test]
    fn github_style_round_trip_and_rejections() {
        let sig = github_sign(b"It's a Secret to Everybody", b"Hello, World!");
        // GitHub's documented example.
        assert_eq!(
            sig,
            "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
        );
        let s: &[&[u8]] = &[b"It's a Secret to Everybody"];
        assert_eq!(verify_github(s, &sig, b"Hello, World!"), Ok(()));
        assert_eq!(
            verify_github(s, &sig, b"Hello, World?"),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            verify_github(s, "sha256=", b"Hello, World!"),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            verify_github(s, "", b"Hello, World!"),
            Err(Rejection::MissingHeader)
        );
        assert_eq!(
            verify_github(s, &sig[..20], b"Hello, World!"),
            Err(Rejection::BadSignature)
        );
    }

    #[test]
    fn ghost_round_trip_and_stale() {
        let now = 1_700_000_000_000;
        let sig = ghost_sign(b"secret", b"{}", now);
        let s: &[&[u8]] = &[b"secret"];
        assert_eq!(verify_ghost(s, &sig, b"{}", now + 1000, 300), Ok(()));
        assert_eq!(
            verify_ghost(s, &sig, b"{}", now + 301_000, 300),
            Err(Rejection::StaleTimestamp)
        );
        assert_eq!(
            verify_ghost(s, "sha256=00", b"{}", now, 300),
            Err(Rejection::MalformedHeader)
        );
        assert_eq!(
            verify_ghost(&[b"other"], &sig, b"{}", now, 300),
            Err(Rejection::BadSignature)
        );
    }

    #[test]
    fn bearer_tokens() {
        let t: &[&[u8]] = &[b"tok-1", b"tok-2"];
        assert_eq!(verify_bearer(t, "Bearer tok-2"), Ok(()));
        assert_eq!(verify_bearer(t, "bearer tok-1"), Ok(()));
        assert_eq!(verify_bearer(t, "Bearer "), Err(Rejection::MalformedHeader));
        assert_eq!(verify_bearer(t, "Bearer tok"), Err(Rejection::BadToken));
        assert_eq!(
            verify_bearer(t, "Basic tok-1"),
            Err(Rejection::MalformedHeader)
        );
        assert_eq!(verify_bearer(t, ""), Err(Rejection::MissingHeader));
    }

    /// A request signed by Contentful's own toolkit
    /// (`@contentful/node-apps-toolkit` 3.x `signRequest`, run with Node on
    /// this request): the signature this code must accept.
    #[test]
    fn contentful_signatures_match_contentfuls_toolkit() {
        let secret = b"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkQ2hhbmdlIG1lIGluIHByb2R1Y3Rpb24u";
        let body = r#"{"fields":{"title":{"fr-FR":"Un titre.. raté"}}}"#.as_bytes();
        let ts = 1_764_640_000_000_i64;
        let signature = "09a8c7aedfccb523b09f021cbf3e0d1c316b185d1427847507f4909dbf9c6c07";
        let headers = |sig: &'static str, ts: &'static str| {
            move |name: &str| -> Option<String> {
                let value = match name {
                    "content-type" => "application/vnd.contentful.management.v1+json",
                    "x-contentful-topic" => "ContentManagement.Entry.publish",
                    "x-contentful-signed-headers" => {
                        "content-type,x-contentful-signed-headers,x-contentful-timestamp,x-contentful-topic"
                    }
                    "x-contentful-timestamp" => ts,
                    "x-contentful-signature" => sig,
                    _ => return None,
                };
                Some(value.to_string())
            }
        };
        let good = headers(signature, "1764640000000");
        let req = ContentfulRequest {
            method: "POST",
            path_and_query: "/v1/webhooks/contentful?locale=fr-FR",
            header: &good,
            body,
        };
        let keys: [&[u8]; 2] = [b"another secret", secret];
        assert_eq!(verify_contentful(&keys, &req, ts + 1000, 300), Ok(()));
        let signed = req_signed_headers(&req);
        assert_eq!(contentful_sign(secret, &req, &signed, ts), signature);
        // Another body, path, secret or time does not pass.
        let other_body = ContentfulRequest { body: b"{}", ..req };
        assert_eq!(
            verify_contentful(&keys, &other_body, ts, 300),
            Err(Rejection::BadSignature)
        );
        let other_path = ContentfulRequest {
            path_and_query: "/v1/webhooks/contentful?locale=fr",
            ..req
        };
        assert_eq!(
            verify_contentful(&keys, &other_path, ts, 300),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            verify_contentful(&[b"another secret"], &req, ts, 300),
            Err(Rejection::BadSignature)
        );
        assert_eq!(
            verify_contentful(&keys, &req, ts + 301_000, 300),
            Err(Rejection::StaleTimestamp)
        );
        assert_eq!(
            verify_contentful(&[], &req, ts, 300),
            Err(Rejection::NoSecret)
        );
        let none = |_: &str| -> Option<String> { None };
        let bare = ContentfulRequest {
            header: &none,
            ..req
        };
        assert_eq!(
            verify_contentful(&keys, &bare, ts, 300),
            Err(Rejection::MissingHeader)
        );
        let bad_ts = headers(signature, "soon");
        let odd = ContentfulRequest {
            header: &bad_ts,
            ..req
        };
        assert_eq!(
            verify_contentful(&keys, &odd, ts, 300),
            Err(Rejection::MalformedHeader)
        );
    }

    fn req_signed_headers(req: &ContentfulRequest<'_>) -> String {
        (req.header)("x-contentful-signed-headers").unwrap_or_default()
    }

    #[test]
    fn contentful_paths_are_normalised_like_the_toolkit() {
        assert_eq!(
            contentful_path("/v1/webhooks/contentful"),
            "/v1/webhooks/contentful"
        );
        assert_eq!(
            contentful_path("/hook?locale=fr-FR&x=a b"),
            "/hook?locale%253Dfr-FR%2526x%253Da%2520b"
        );
        assert_eq!(contentful_path("/café"), "/caf%C3%A9");
    }
}
