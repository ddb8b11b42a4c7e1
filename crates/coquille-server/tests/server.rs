//! `coquille serve` over real HTTP on 127.0.0.1 (port 0): the same findings
//! as the library and the CLI, webhook signatures, limits, the
//! LanguageTool-compatible API, probes and metrics, graceful shutdown.

use coquille::settings::{AdapterSettings, EmptyPayload, FieldMapping, ServerSettings};
use coquille::{Checker, Document, Format, OffsetEncoding};
use coquille_server::{AppState, Clock, FixedClock, SystemClock, serve};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/samples/allinfo-poutine-bielorussie.txt"
);
const SECRET: &str = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const OTHER_SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const MSG_ID: &str = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk";
const TS: u64 = 1649367553;
const VECTOR_BODY: &str = r#"{"email":"test@example.com","username":"test_user"}"#;
const VECTOR_SIG: &str = "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw=";
const EMOJI_TEXT: &str = "Bravo 🎉🎉 pour la victoire.. Les supporters 👍 ont fêté ça , , puis sont rentrés.\n\nLe maire 🏛️ a parlé.. Fin.\n";

/// How long a test waits for something the server must do before calling it
/// a failure: a bound against hangs, never a measure of speed (a debug build
/// on a machine shared with compilers can be slow).
const PATIENCE: Duration = Duration::from_secs(120);

/// The settings of every test: the defaults, with a request timeout far
/// above what a debug build on a loaded machine takes to check a body, so
/// that only the tests about timeouts (which set their own) depend on one.
fn test_settings() -> ServerSettings {
    ServerSettings {
        request_timeout_ms: 600_000,
        ..ServerSettings::default()
    }
}

struct TestServer {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    done: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl TestServer {
    async fn start(settings: ServerSettings, clock: Arc<dyn Clock>) -> TestServer {
        let state = AppState::new(Arc::new(Checker::default()), settings, clock).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let done = tokio::spawn(serve(listener, state, async {
            let _ = rx.await;
        }));
        TestServer {
            addr,
            stop: Some(tx),
            done,
        }
    }

    async fn default() -> TestServer {
        Self::start(test_settings(), Arc::new(SystemClock)).await
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    async fn shutdown(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.done.await.unwrap().unwrap();
    }
}

struct Answer {
    status: u16,
    headers: hyper::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map_or("", |v| v.to_str().unwrap_or(""))
    }

    fn assert_problem(&self, status: u16) -> Value {
        assert_eq!(
            self.status,
            status,
            "{}",
            String::from_utf8_lossy(&self.body)
        );
        assert_eq!(self.header("content-type"), "application/problem+json");
        let p = self.json();
        assert_eq!(p["status"], status);
        assert!(p["title"].is_string());
        p
    }
}

async fn send(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: impl Into<Vec<u8>>,
) -> Answer {
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<hyper::body::Bytes>>();
    let mut req = hyper::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let req = req
        .body(Full::new(hyper::body::Bytes::from(body.into())))
        .unwrap();
    let resp = client.request(req).await.expect("request sent");
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Answer {
        status,
        headers,
        body,
    }
}

async fn post_json(url: &str, body: &Value) -> Answer {
    send(
        "POST",
        url,
        &[("content-type", "application/json")],
        serde_json::to_vec(body).unwrap(),
    )
    .await
}

fn check_body(text: &str, encoding: &str) -> Value {
    json!({
        "document_id": "article-42",
        "fields": [
            {"name": "title", "format": "text", "content": "Poutine en Biélorussie"},
            {"name": "body", "format": "text", "content": text}
        ],
        "options": {"offset_encoding": encoding}
    })
}

fn library_report(text: &str, name: &str, encoding: OffsetEncoding) -> Value {
    let mut report =
        Checker::default().check(&Document::with_format(text, Format::Text), Some(name));
    report.convert_offsets(text, encoding);
    serde_json::to_value(report).unwrap()
}

#[tokio::test]
async fn sample_through_v1_check_matches_the_library_and_the_cli() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let server = TestServer::default().await;

    let a = post_json(&server.url("/v1/check"), &check_body(&text, "utf-8")).await;
    assert_eq!(a.status, 200);
    let v = a.json();
    assert_eq!(v["document_id"], "article-42");
    assert_eq!(v["fields"][1]["name"], "body");
    let report = &v["fields"][1]["report"];
    assert_eq!(report, &library_report(&text, "body", OffsetEncoding::Utf8));
    assert!(
        report["stats"]["findings"].as_u64().unwrap() > 0,
        "the sample has findings"
    );
    assert_eq!(v["verdict"], report["verdict"]);
    assert_eq!(v["summary"]["fields"], 2);
    assert!(v["duration_ms"].as_f64().unwrap() >= 0.0);

    // UTF-16 offsets when asked, converted exactly as the library does.
    let a16 = post_json(&server.url("/v1/check"), &check_body(&text, "utf-16")).await;
    let r16 = &a16.json()["fields"][1]["report"];
    assert_eq!(r16, &library_report(&text, "body", OffsetEncoding::Utf16));
    let units: Vec<u16> = text.encode_utf16().collect();
    for f in r16["findings"].as_array().unwrap() {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            String::from_utf16(&units[s..e]).unwrap(),
            f["text"].as_str().unwrap()
        );
    }
    assert_ne!(
        r16["findings"][0]["start"], report["findings"][0]["start"],
        "accents before the finding"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn fail_on_score_fails_a_field_without_errors() {
    let server = TestServer::default().await;
    // Warnings only: the verdict is `warn` under the default score gate.
    let text = "C'est vraiment incroyable !!! Vraiment ?? Oui.";
    let body =
        |options: Value| json!({"fields": [{"name": "body", "content": text}], "options": options});
    let v = post_json(&server.url("/v1/check"), &body(json!({})))
        .await
        .json();
    assert_eq!(v["verdict"], "warn", "{v}");
    assert_eq!(
        v["summary"]["fail_on_score"],
        coquille::score::DEFAULT_FAIL_ON_SCORE
    );
    let v = post_json(
        &server.url("/v1/check"),
        &body(json!({"fail_on_score": 1.0})),
    )
    .await
    .json();
    assert_eq!(v["verdict"], "fail", "{v}");
    assert_eq!(v["fields"][0]["report"]["score"]["fails"], true, "{v}");
    let a = post_json(
        &server.url("/v1/check"),
        &body(json!({"fail_on_score": -1.0})),
    )
    .await;
    assert_eq!(a.status, 422);
    server.shutdown().await;
}

#[tokio::test]
async fn fail_on_and_utf32_options_apply() {
    let server = TestServer::default().await;
    let body = json!({
        "fields": [{"name": "body", "content": EMOJI_TEXT}],
        "options": {"fail_on": "error", "offset_encoding": "utf-32"}
    });
    let v = post_json(&server.url("/v1/check"), &body).await.json();
    assert_eq!(v["verdict"], "fail");
    let chars: Vec<char> = EMOJI_TEXT.chars().collect();
    for f in v["fields"][0]["report"]["findings"].as_array().unwrap() {
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            f["text"].as_str().unwrap()
        );
    }
    // An HTML body: the script is not prose, the broken tag is reported.
    let html = json!({"fields": [{"name": "body", "format": "html",
        "content": "<p>Une phrase propre.</p><script>var x = \"Read more about this story\";</script>"}]});
    let v = post_json(&server.url("/v1/check"), &html).await.json();
    assert_eq!(v["verdict"], "pass", "{v}");
    let broken = json!({"fields": [{"name": "body", "format": "html",
        "content": "<p>Une phrase propre.</p>< /chiffre>"}]});
    let v = post_json(&server.url("/v1/check"), &broken).await.json();
    assert_eq!(v["verdict"], "fail", "{v}");
    assert_eq!(
        v["fields"][0]["report"]["findings"][0]["text"],
        "< /chiffre>"
    );
    let clean = json!({"fields": [{"name": "title", "content": "Une phrase propre."}]});
    let v = post_json(&server.url("/v1/check"), &clean).await.json();
    assert_eq!(v["verdict"], "pass");
    assert_eq!(v["summary"]["findings"], 0);
    server.shutdown().await;
}

#[tokio::test]
async fn a_field_with_its_english_source_gets_the_bilingual_rules() {
    let server = TestServer::default().await;
    // `82 °C` for `82 °F`: only the source shows the number was not
    // converted (`82 degrés` would be `imperial-units`' plain-degrees
    // finding, which ranks first). The apostrophe before it makes UTF-32
    // offsets differ from bytes.
    let source = "Sunday’s highs will reach 82 °F. Schools will stay closed until Monday.";
    let content =
        "Les maximales atteindront 82 °C dimanche. Les écoles resteront fermées jusqu'à lundi.";
    let body = json!({"fields": [{"name": "body", "content": content, "source": source}],
        "options": {"offset_encoding": "utf-32"}});
    let v = post_json(&server.url("/v1/check"), &body).await.json();
    assert_eq!(v["verdict"], "fail", "{v}");
    let f = &v["fields"][0]["report"]["findings"][0];
    assert_eq!(f["rule"], "number-mismatch", "{v}");
    assert_eq!(f["text"], "82");
    // Source offsets are in the source, in the requested unit.
    let chars: Vec<char> = source.chars().collect();
    let (s, e) = (
        f["source"][0].as_u64().unwrap() as usize,
        f["source"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(chars[s..e].iter().collect::<String>(), "82");
    // Without a source, the same field passes the bilingual rules.
    let alone = json!({"fields": [{"name": "body", "content": content}]});
    let v = post_json(&server.url("/v1/check"), &alone).await.json();
    assert!(
        v["fields"][0]["report"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["category"] != "translation"),
        "{v}"
    );
    server.shutdown().await;
}

fn standard_settings(secrets: &[&str]) -> ServerSettings {
    ServerSettings {
        webhook_secrets: secrets.iter().map(|s| s.to_string()).collect(),
        ..test_settings()
    }
}

/// For the Standard Webhooks test vector, whose payload has no text field:
/// such a delivery passes only when `empty_payload = "pass"`.
fn vector_settings(secrets: &[&str]) -> ServerSettings {
    ServerSettings {
        empty_payload: EmptyPayload::Pass,
        ..standard_settings(secrets)
    }
}

async fn deliver(server: &TestServer, id: &str, ts: &str, sig: &str, body: &str) -> Answer {
    send(
        "POST",
        &server.url("/v1/webhooks/standard"),
        &[
            ("content-type", "application/json"),
            ("webhook-id", id),
            ("webhook-timestamp", ts),
            ("webhook-signature", sig),
        ],
        body.as_bytes().to_vec(),
    )
    .await
}

#[tokio::test]
async fn standard_webhooks_test_vector_verifies_with_the_clock_pinned() {
    let server = TestServer::start(
        vector_settings(&[OTHER_SECRET, SECRET]),
        FixedClock::at_secs(TS),
    )
    .await;
    let a = deliver(&server, MSG_ID, &TS.to_string(), VECTOR_SIG, VECTOR_BODY).await;
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    let v = a.json();
    assert_eq!(v["adapter"], "standard");
    assert_eq!(v["delivery_id"], MSG_ID);
    assert_eq!(v["verdict"], "pass", "no text field in this payload");
    assert!(v["note"].is_string());

    // Several signatures in the header: one valid is enough.
    let several = format!("v1,AAAA {VECTOR_SIG}");
    let a = deliver(&server, "msg_other", &TS.to_string(), &several, VECTOR_BODY).await;
    assert_eq!(a.status, 401, "signed with another id");

    // The same delivery again replays the stored verdict (a digest: the
    // counts, not the findings).
    let again = deliver(&server, MSG_ID, &TS.to_string(), &several, VECTOR_BODY).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.header("coquille-replayed"), "true");
    let r = again.json();
    for key in ["verdict", "summary", "delivery_id", "adapter"] {
        assert_eq!(r[key], v[key], "{key}");
    }
    server.shutdown().await;
}

#[tokio::test]
async fn bad_signatures_and_stale_timestamps_get_a_generic_401() {
    let server = TestServer::start(standard_settings(&[SECRET]), FixedClock::at_secs(TS)).await;
    let ts = TS.to_string();
    let truncated = &VECTOR_SIG[..VECTOR_SIG.len() - 6];
    let other = {
        let key = coquille_server::signature::standard_key(OTHER_SECRET).unwrap();
        coquille_server::signature::standard_sign(&key, MSG_ID, TS as i64, VECTOR_BODY.as_bytes())
    };
    let mut bodies = Vec::new();
    for sig in ["", "v1,", truncated, &other] {
        let a = deliver(&server, MSG_ID, &ts, sig, VECTOR_BODY).await;
        let p = a.assert_problem(401);
        bodies.push(p["detail"].clone());
    }
    // Missing header altogether.
    let a = send(
        "POST",
        &server.url("/v1/webhooks/standard"),
        &[("webhook-id", MSG_ID), ("webhook-timestamp", &ts)],
        VECTOR_BODY,
    )
    .await;
    bodies.push(a.assert_problem(401)["detail"].clone());
    // Every 401 says the same thing: the reason is not for the caller.
    assert!(bodies.windows(2).all(|w| w[0] == w[1]), "{bodies:?}");
    server.shutdown().await;

    // Stale: the clock 301 s after the signed timestamp (and before).
    for now in [TS + 301, TS - 301] {
        let server =
            TestServer::start(standard_settings(&[SECRET]), FixedClock::at_secs(now)).await;
        let a = deliver(&server, MSG_ID, &ts, VECTOR_SIG, VECTOR_BODY).await;
        a.assert_problem(401);
        let metrics = send("GET", &server.url("/metrics"), &[], "").await;
        let text = String::from_utf8(metrics.body).unwrap();
        assert!(
            text.contains(r#"coquille_webhook_rejections_total{adapter="standard",reason="stale_timestamp"} 1"#),
            "{text}"
        );
        server.shutdown().await;
    }
    // Within the tolerance it passes.
    let server = TestServer::start(vector_settings(&[SECRET]), FixedClock::at_secs(TS + 300)).await;
    assert_eq!(
        deliver(&server, MSG_ID, &ts, VECTOR_SIG, VECTOR_BODY)
            .await
            .status,
        200
    );
    server.shutdown().await;
}

#[tokio::test]
async fn a_signed_article_gets_a_verdict() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let server = TestServer::start(standard_settings(&[SECRET]), Arc::new(SystemClock)).await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let body = serde_json::to_string(&json!({
        "type": "article.updated",
        "data": {"title": "Poutine en Biélorussie", "body": text}
    }))
    .unwrap();
    let key = coquille_server::signature::standard_key(SECRET).unwrap();
    let sig = coquille_server::signature::standard_sign(&key, "msg_1", now, body.as_bytes());
    let a = deliver(&server, "msg_1", &now.to_string(), &sig, &body).await;
    assert_eq!(a.status, 200);
    let v = a.json();
    assert_eq!(v["fields"][1]["name"], "body");
    assert_eq!(
        v["fields"][1]["report"],
        library_report(&text, "body", OffsetEncoding::Utf8)
    );
    assert_eq!(v["verdict"], "fail");
    server.shutdown().await;
}

#[tokio::test]
async fn other_adapters_verify_and_map_their_payloads() {
    use coquille_server::signature::{ghost_sign, github_sign};
    // HMAC keys (github-style, ghost) and bearer tokens (strapi, contentful)
    // are different secrets: a signing key is never accepted as a token.
    let mut settings = standard_settings(&["s3cret"]);
    settings.webhook_tokens = vec!["t0ken".into()];
    settings.adapters.insert(
        "strapi".into(),
        AdapterSettings {
            fields: vec![FieldMapping {
                name: "chapo".into(),
                path: "entry.lead".into(),
                format: Format::Text,
            }],
            ..AdapterSettings::default()
        },
    );
    settings.adapters.insert(
        "contentful".into(),
        AdapterSettings {
            locale: Some("fr".into()),
            ..AdapterSettings::default()
        },
    );
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let bad = "Un texte.. avec un défaut.";

    // github-style
    let body = serde_json::to_vec(&json!({"title": "Titre", "body": bad})).unwrap();
    let sig = github_sign(b"s3cret", &body);
    let url = server.url("/v1/webhooks/github-style");
    let a = send("POST", &url, &[("x-hub-signature-256", &sig)], body.clone()).await;
    assert_eq!(a.json()["verdict"], "fail");
    let wrong = github_sign(b"other", &body);
    send(
        "POST",
        &url,
        &[("x-hub-signature-256", &wrong)],
        body.clone(),
    )
    .await
    .assert_problem(401);
    send("POST", &url, &[("x-hub-signature-256", "sha256=")], body)
        .await
        .assert_problem(401);

    // ghost: post.current.{title,html}
    let body = serde_json::to_vec(&json!({
        "post": {"current": {"title": "Titre", "html": format!("<p>{bad}</p>")}, "previous": {}}
    }))
    .unwrap();
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let sig = ghost_sign(b"s3cret", &body, now_ms);
    let a = send(
        "POST",
        &server.url("/v1/webhooks/ghost"),
        &[("x-ghost-signature", &sig)],
        body,
    )
    .await;
    let v = a.json();
    assert_eq!(v["fields"][1]["format"], "html");
    let f = &v["fields"][1]["report"]["findings"][0];
    assert_eq!(f["start"], 11, "offsets point into the submitted html");
    assert_eq!(f["text"], "..");

    // strapi: bearer token, configured mapping
    let body =
        serde_json::to_vec(&json!({"event": "entry.update", "entry": {"lead": bad}})).unwrap();
    let url = server.url("/v1/webhooks/strapi");
    let a = send(
        "POST",
        &url,
        &[("authorization", "Bearer t0ken")],
        body.clone(),
    )
    .await;
    let v = a.json();
    assert_eq!(v["fields"][0]["name"], "chapo");
    assert_eq!(v["verdict"], "fail");
    for wrong in ["Bearer t0ke", "Bearer s3cret"] {
        send("POST", &url, &[("authorization", wrong)], body.clone())
            .await
            .assert_problem(401);
    }
    send("POST", &url, &[], body).await.assert_problem(401);

    // contentful: fields.<id>.<locale>
    let body = serde_json::to_vec(&json!({
        "sys": {"id": "x"},
        "fields": {"title": {"en-US": "Title", "fr": "Titre"}, "body": {"en-US": "Fine.", "fr": bad}}
    }))
    .unwrap();
    let a = send(
        "POST",
        &server.url("/v1/webhooks/contentful"),
        &[("authorization", "Bearer t0ken")],
        body.clone(),
    )
    .await;
    let v = a.json();
    assert_eq!(v["verdict"], "fail");
    // Fields come in the payload's key order, named by their paths.
    assert_eq!(v["fields"][0]["name"], "fields.body.fr");
    assert_eq!(v["fields"][0]["report"]["findings"][0]["text"], "..");
    assert_eq!(v["fields"][1]["name"], "fields.title.fr");
    send(
        "POST",
        &server.url("/v1/webhooks/contentful"),
        &[("authorization", "Bearer s3cret")],
        body,
    )
    .await
    .assert_problem(401);

    // unknown adapter
    send("POST", &server.url("/v1/webhooks/wordpress"), &[], "{}")
        .await
        .assert_problem(404);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_bodies_get_413() {
    // Too large by its Content-Length: refused from the headers alone, on
    // every endpoint that takes a body. No body byte is ever sent, so the
    // answer cannot have waited for the body to be read.
    let server = TestServer::start(standard_settings(&[SECRET]), Arc::new(SystemClock)).await;
    let max = ServerSettings::default().max_body_bytes;
    assert_eq!(max, 2 * 1024 * 1024, "the documented default");
    let ts = TS.to_string();
    for (path, headers, len) in [
        (
            "/v1/check",
            vec![("Content-Type", "application/json")],
            max + 1,
        ),
        (
            "/v1/webhooks/standard",
            vec![
                ("Content-Type", "application/json"),
                ("webhook-id", MSG_ID),
                ("webhook-timestamp", ts.as_str()),
                ("webhook-signature", VECTOR_SIG),
            ],
            3 << 20,
        ),
        (
            "/v2/check",
            vec![("Content-Type", "application/x-www-form-urlencoded")],
            3 << 20,
        ),
    ] {
        let mut head = format!("POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {len}\r\n");
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        let addr = server.addr;
        let (status, text) = tokio::task::spawn_blocking(move || raw_exchange(addr, &head, &[]))
            .await
            .unwrap();
        assert_eq!(status, 413, "{path}: {text}");
        assert!(text.contains("application/problem+json"), "{text}");
    }
    // Too large without a declared length (chunked): refused as soon as one
    // byte more than the limit has arrived, the body never finished.
    let mut chunks = Vec::new();
    for len in std::iter::repeat_n(64 * 1024, max / (64 * 1024)).chain([1]) {
        chunks.extend_from_slice(format!("{len:x}\r\n").as_bytes());
        chunks.extend(std::iter::repeat_n(b' ', len));
        chunks.extend_from_slice(b"\r\n");
    }
    let addr = server.addr;
    let (status, text) = tokio::task::spawn_blocking(move || {
        let head = "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n";
        raw_exchange(addr, head, &chunks)
    })
    .await
    .unwrap();
    assert_eq!(status, 413, "{text}");
    // Exactly the limit is accepted and checked (a short text padded with
    // JSON whitespace, so the check itself is quick).
    let mut at_limit =
        serde_json::to_vec(&json!({"fields": [{"name": "body", "content": "Fin.. ici."}]}))
            .unwrap();
    at_limit.resize(max, b' ');
    let a = send(
        "POST",
        &server.url("/v1/check"),
        &[("content-type", "application/json")],
        at_limit,
    )
    .await;
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    assert_eq!(a.json()["verdict"], "fail");
    server.shutdown().await;

    // A configured limit, at its boundary, with whole bodies.
    let small = ServerSettings {
        max_body_bytes: 1000,
        ..test_settings()
    };
    let server = TestServer::start(small, Arc::new(SystemClock)).await;
    let mut body =
        serde_json::to_vec(&json!({"fields": [{"name": "body", "content": "Bien."}]})).unwrap();
    body.resize(1000, b' ');
    let a = send(
        "POST",
        &server.url("/v1/check"),
        &[("content-type", "application/json")],
        body.clone(),
    )
    .await;
    assert_eq!(a.status, 200, "{}", String::from_utf8_lossy(&a.body));
    body.push(b' ');
    send(
        "POST",
        &server.url("/v1/check"),
        &[("content-type", "application/json")],
        body,
    )
    .await
    .assert_problem(413);
    server.shutdown().await;
}

/// Sends `head` (request line and headers, without the blank line that ends
/// them) and `body` on a new connection, then reads one answer: its status
/// and its text. Write errors are ignored (a server may answer and close
/// before taking all of a body); the answer is read up to its
/// Content-Length, not until the server closes.
fn raw_exchange(addr: SocketAddr, head: &str, body: &[u8]) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    s.set_write_timeout(Some(PATIENCE)).unwrap();
    let _ = s
        .write_all(format!("{head}\r\n").as_bytes())
        .and_then(|()| s.write_all(body));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            if buf.len() >= end + 4 + len {
                break;
            }
        }
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[tokio::test]
async fn malformed_requests_get_problem_json() {
    let server = TestServer::default().await;
    let url = server.url("/v1/check");
    let p = send(
        "POST",
        &url,
        &[("content-type", "application/json")],
        "{\"fields\": [",
    )
    .await
    .assert_problem(400);
    assert!(p["detail"].as_str().unwrap().contains("malformed JSON"));
    send("POST", &url, &[], "not json")
        .await
        .assert_problem(400);
    // Valid JSON, wrong shape.
    post_json(&url, &json!({"fields": "body"}))
        .await
        .assert_problem(422);
    post_json(
        &url,
        &json!({"fields": [{"name": "x", "content": "y", "format": "pdf"}]}),
    )
    .await
    .assert_problem(422);
    post_json(
        &url,
        &json!({"fields": [], "options": {"fail_on": "fatal"}}),
    )
    .await
    .assert_problem(422);
    // Unknown route and method.
    send("GET", &server.url("/v1/nothing"), &[], "")
        .await
        .assert_problem(404);
    let a = send("GET", &url, &[], "").await;
    a.assert_problem(405);
    assert!(a.header("allow").contains("POST"));
    server.shutdown().await;
}

#[tokio::test]
async fn api_token_protects_every_checking_endpoint() {
    let settings = ServerSettings {
        api_token: Some("t0ken".into()),
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let body = serde_json::to_vec(&json!({"fields": [{"name": "t", "content": "Bien."}]})).unwrap();
    let url = server.url("/v1/check");
    let p = send("POST", &url, &[], body.clone()).await;
    p.assert_problem(401);
    assert_eq!(p.header("www-authenticate"), "Bearer");
    send(
        "POST",
        &url,
        &[("authorization", "Bearer t0ke")],
        body.clone(),
    )
    .await
    .assert_problem(401);
    let a = send("POST", &url, &[("authorization", "Bearer t0ken")], body).await;
    assert_eq!(a.status, 200);
    // The LanguageTool endpoint: the same token, as a header or as
    // LanguageTool's own `apiKey` parameter (what its clients can send).
    let lt = server.url("/v2/check");
    let form = "language=fr&text=Fin..%20ici.";
    send("POST", &lt, &[], form).await.assert_problem(401);
    send("GET", &format!("{lt}?{form}"), &[], "")
        .await
        .assert_problem(401);
    send("POST", &lt, &[], format!("{form}&apiKey=t0ke"))
        .await
        .assert_problem(401);
    let a = send("POST", &lt, &[("authorization", "Bearer t0ken")], form).await;
    assert_eq!(a.status, 200);
    let a = send("POST", &lt, &[], format!("{form}&username=me&apiKey=t0ken")).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["matches"].as_array().unwrap().len(), 1);
    // No CORS for another origin when a token guards the API.
    let pre = send(
        "OPTIONS",
        &lt,
        &[
            ("origin", "https://elsewhere.example"),
            ("access-control-request-method", "POST"),
        ],
        "",
    )
    .await;
    assert_eq!(pre.header("access-control-allow-origin"), "");
    server.shutdown().await;

    // Configured origins are allowed, others not; `*` with a token is refused.
    let settings = ServerSettings {
        api_token: Some("t0ken".into()),
        cors_origins: vec!["https://editor.example".into()],
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    for (origin, allowed) in [
        ("https://editor.example", "https://editor.example"),
        ("https://elsewhere.example", ""),
    ] {
        let pre = send(
            "OPTIONS",
            &server.url("/v1/check"),
            &[
                ("origin", origin),
                ("access-control-request-method", "POST"),
                (
                    "access-control-request-headers",
                    "authorization,content-type",
                ),
            ],
            "",
        )
        .await;
        assert_eq!(
            pre.header("access-control-allow-origin"),
            allowed,
            "{origin}"
        );
    }
    server.shutdown().await;
    let open = ServerSettings {
        api_token: Some("t0ken".into()),
        cors_origins: vec!["*".into()],
        ..test_settings()
    };
    let err = AppState::new(Arc::new(Checker::default()), open, Arc::new(SystemClock))
        .unwrap_err()
        .to_string();
    assert!(err.contains("cors_origins"), "{err}");
}

#[tokio::test]
async fn every_answer_says_nosniff_and_no_store() {
    let server = TestServer::default().await;
    let ok = post_json(&server.url("/v1/check"), &check_body("Bien.", "utf-8")).await;
    let bad = post_json(&server.url("/v1/check"), &json!({"nope": 1})).await;
    let missing = send("GET", &server.url("/nothing"), &[], "").await;
    let probe = send("GET", &server.url("/healthz"), &[], "").await;
    for a in [&ok, &bad, &missing, &probe] {
        assert_eq!(
            a.header("x-content-type-options"),
            "nosniff",
            "{}",
            a.status
        );
        assert_eq!(a.header("cache-control"), "no-store", "{}", a.status);
    }
    // CORS on /v1/check too (no token: any origin).
    let pre = send(
        "OPTIONS",
        &server.url("/v1/check"),
        &[
            ("origin", "https://editor.example"),
            ("access-control-request-method", "POST"),
        ],
        "",
    )
    .await;
    assert_eq!(pre.header("access-control-allow-origin"), "*");
    server.shutdown().await;
}

#[tokio::test]
async fn webhooks_with_nothing_to_check_fail_closed() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let key = coquille_server::signature::standard_key(SECRET).unwrap();
    let body = r#"{"type":"ping","data":{"id":42}}"#;
    let sig = coquille_server::signature::standard_sign(&key, "msg_ping", now, body.as_bytes());
    let server = TestServer::start(standard_settings(&[SECRET]), Arc::new(SystemClock)).await;
    let p = deliver(&server, "msg_ping", &now.to_string(), &sig, body)
        .await
        .assert_problem(422);
    assert!(p["detail"].as_str().unwrap().contains("data.body"), "{p}");
    server.shutdown().await;
    let server = TestServer::start(vector_settings(&[SECRET]), Arc::new(SystemClock)).await;
    let a = deliver(&server, "msg_ping", &now.to_string(), &sig, body).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["verdict"], "pass");
    assert!(a.json()["note"].is_string());
    server.shutdown().await;
}

#[tokio::test]
async fn replays_are_keyed_by_the_signed_id_and_the_body() {
    use coquille_server::signature::{github_sign, standard_key, standard_sign};
    let mut settings = standard_settings(&[SECRET, "hmac-key"]);
    settings.webhook_tokens = vec!["t0ken".into()];
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let passing = r#"{"title":"Titre","body":"Une phrase correcte."}"#;
    let failing = r#"{"title":"Titre","body":"Un texte.. avec un défaut."}"#;
    // Standard Webhooks: another validly signed body under a used id is
    // refused, never answered with the first body's verdict.
    let key = standard_key(SECRET).unwrap();
    let sign = |body: &str| standard_sign(&key, "msg_1", now, body.as_bytes());
    let ts = now.to_string();
    let first = deliver(&server, "msg_1", &ts, &sign(passing), passing).await;
    assert_eq!(first.json()["verdict"], "pass");
    deliver(&server, "msg_1", &ts, &sign(failing), failing)
        .await
        .assert_problem(409);
    let retry = deliver(&server, "msg_1", &ts, &sign(passing), passing).await;
    assert_eq!(retry.header("coquille-replayed"), "true");
    assert_eq!(retry.json()["verdict"], "pass");
    // github-style: the delivery id is not signed, so it keys nothing: a
    // captured body sent first under another article's id changes nothing.
    let url = server.url("/v1/webhooks/github-style");
    for (body, verdict) in [(passing, "pass"), (failing, "fail"), (failing, "fail")] {
        let sig = github_sign(b"hmac-key", body.as_bytes());
        let a = send(
            "POST",
            &url,
            &[
                ("x-hub-signature-256", &sig),
                ("x-github-delivery", "article-b"),
            ],
            body,
        )
        .await;
        assert_eq!(a.json()["verdict"], verdict);
        assert_eq!(a.header("coquille-replayed"), "");
    }
    // A whsec_ key or an HMAC key is never a bearer token.
    let strapi = server.url("/v1/webhooks/strapi");
    for token in [SECRET, "hmac-key"] {
        send(
            "POST",
            &strapi,
            &[("authorization", &format!("Bearer {token}"))],
            r#"{"entry":{"title":"Titre"}}"#,
        )
        .await
        .assert_problem(401);
    }
    let m = String::from_utf8(send("GET", &server.url("/metrics"), &[], "").await.body).unwrap();
    assert!(
        m.contains(r#"coquille_webhook_conflicts_total{adapter="standard"} 1"#),
        "{m}"
    );
    server.shutdown().await;
    // A whsec_ key given to a bearer adapter is a configuration error.
    let mut wrong = ServerSettings {
        webhook_tokens: vec![SECRET.into()],
        ..test_settings()
    };
    assert!(
        AppState::new(
            Arc::new(Checker::default()),
            wrong.clone(),
            Arc::new(SystemClock)
        )
        .is_err()
    );
    wrong.webhook_tokens.clear();
    wrong.adapters.insert(
        "ghost".into(),
        AdapterSettings {
            secrets: vec![SECRET.into()],
            ..AdapterSettings::default()
        },
    );
    assert!(AppState::new(Arc::new(Checker::default()), wrong, Arc::new(SystemClock)).is_err());
}

#[tokio::test]
async fn answers_are_capped_and_say_so() {
    let settings = ServerSettings {
        max_findings_per_field: 10,
        max_findings_per_request: 15,
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let text = "Fin.. ici. ".repeat(30);
    let body = json!({"fields": [
        {"name": "a", "content": text},
        {"name": "b", "content": text},
        {"name": "c", "content": "Bien."},
    ]});
    let v = post_json(&server.url("/v1/check"), &body).await.json();
    let listed: Vec<usize> = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["report"]["findings"].as_array().unwrap().len())
        .collect();
    assert_eq!(listed, [10, 5, 0]);
    assert_eq!(v["fields"][0]["report"]["truncated"], true);
    assert_eq!(v["fields"][0]["report"]["omitted"], 20);
    assert_eq!(v["fields"][1]["report"]["omitted"], 25);
    assert!(v["fields"][2]["report"].get("truncated").is_none());
    assert_eq!(v["summary"]["truncated"], true);
    assert_eq!(v["summary"]["omitted"], 45);
    assert_eq!(v["summary"]["findings"], 15);
    assert_eq!(v["verdict"], "fail");
    // The LanguageTool answer: capped, flagged, each match small.
    let text = "Le mot , , ".repeat(1200);
    let form = serde_urlencoded::to_string([("language", "fr"), ("text", text.as_str())]).unwrap();
    let a = send("POST", &server.url("/v2/check"), &[], form).await;
    let v = a.json();
    assert_eq!(v["matches"].as_array().unwrap().len(), 10);
    assert_eq!(v["warnings"]["incompleteResults"], true);
    assert!(a.body.len() < 10 * 2000, "{} bytes", a.body.len());
    for m in v["matches"].as_array().unwrap() {
        let sentence = m["sentence"].as_str().unwrap();
        assert!(sentence.chars().count() <= 300, "{}", sentence.len());
    }
    server.shutdown().await;
}

fn utf16_slice(text: &str, offset: u64, length: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[offset as usize..(offset + length) as usize]).unwrap()
}

#[tokio::test]
async fn languagetool_api_counts_utf16_and_allows_cors() {
    let server = TestServer::default().await;
    let form = serde_urlencoded::to_string([
        ("language", "fr-FR"),
        ("text", EMOJI_TEXT),
        ("enabledRules", "duplicate-punctuation"),
        ("enabledOnly", "true"),
    ])
    .unwrap();
    let a = send(
        "POST",
        &server.url("/v2/check"),
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("origin", "https://editor.example"),
        ],
        form,
    )
    .await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("access-control-allow-origin"), "*");
    let v = a.json();
    let matches = v["matches"].as_array().unwrap();
    assert_eq!(matches.len(), 3);
    for m in matches {
        let text = utf16_slice(
            EMOJI_TEXT,
            m["offset"].as_u64().unwrap(),
            m["length"].as_u64().unwrap(),
        );
        let ctx = &m["context"];
        assert_eq!(
            utf16_slice(
                ctx["text"].as_str().unwrap(),
                ctx["offset"].as_u64().unwrap(),
                ctx["length"].as_u64().unwrap()
            ),
            text
        );
        assert!(text == ".." || text == ", ,", "{text}");
        assert_eq!(m["rule"]["id"], "duplicate-punctuation");
        assert_eq!(m["rule"]["category"]["id"], "PUNCTUATION");
        assert_eq!(m["rule"]["issueType"], "typographical");
        assert!(m["message"].is_string() && m["replacements"].is_array());
    }
    // The emoji before the last match: 4-byte chars count 2 units.
    let last = &matches[2];
    let expect = EMOJI_TEXT[..EMOJI_TEXT.rfind("..").unwrap()]
        .encode_utf16()
        .count();
    assert_eq!(last["offset"].as_u64().unwrap() as usize, expect);
    assert_eq!(matches[1]["replacements"][0]["value"], ",");

    // disabledRules and GET with query parameters.
    let q = serde_urlencoded::to_string([
        ("language", "fr"),
        ("text", "Fin.. ici."),
        ("disabledRules", "duplicate-punctuation"),
    ])
    .unwrap();
    let a = send("GET", &server.url(&format!("/v2/check?{q}")), &[], "").await;
    assert_eq!(a.json()["matches"].as_array().unwrap().len(), 0);

    // `data` with markup: offsets count the markup, findings never land in it.
    let data = r#"{"annotation":[{"markup":"<p>"},{"text":"Fin 🎉.. ici."},{"markup":"</p>"}]}"#;
    let form = serde_urlencoded::to_string([("language", "fr"), ("data", data)]).unwrap();
    let v = send("POST", &server.url("/v2/check"), &[], form)
        .await
        .json();
    assert_eq!(v["matches"][0]["offset"], 9);
    assert_eq!(v["matches"][0]["length"], 2);

    // Languages, preflight, errors.
    let langs = send("GET", &server.url("/v2/languages"), &[], "")
        .await
        .json();
    assert!(
        langs
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["longCode"] == "fr-FR")
    );
    let pre = send(
        "OPTIONS",
        &server.url("/v2/check"),
        &[
            ("origin", "https://editor.example"),
            ("access-control-request-method", "POST"),
        ],
        "",
    )
    .await;
    assert!(pre.status == 200 || pre.status == 204, "{}", pre.status);
    assert_eq!(pre.header("access-control-allow-origin"), "*");
    let form = serde_urlencoded::to_string([("language", "en-US"), ("text", "Hello.")]).unwrap();
    send("POST", &server.url("/v2/check"), &[], form)
        .await
        .assert_problem(400);
    send("POST", &server.url("/v2/check"), &[], "language=fr")
        .await
        .assert_problem(400);
    server.shutdown().await;
}

#[tokio::test]
async fn languagetool_answers_carry_what_its_clients_read() {
    let server = TestServer::default().await;
    let url = server.url("/v2/check");
    let post = |form: String| {
        let url = url.clone();
        async move {
            send(
                "POST",
                &url,
                &[
                    ("content-type", "application/x-www-form-urlencoded"),
                    ("host", "coquille.test:8080"),
                ],
                form,
            )
            .await
        }
    };
    let form =
        serde_urlencoded::to_string([("language", "fr-FR"), ("text", "Fin.. ici.")]).unwrap();
    let v = post(form).await.json();
    assert!(v["software"]["buildDate"].is_string(), "{v}");
    assert_eq!(v["software"]["apiVersion"], 1);
    assert_eq!(v["warnings"]["incompleteResults"], false);
    assert_eq!(v["language"]["code"], "fr-FR");
    assert_eq!(v["language"]["name"], "French (France)");
    assert_eq!(v["language"]["detectedLanguage"]["code"], "fr");
    let m = &v["matches"][0];
    assert_eq!(m["rule"]["id"], "duplicate-punctuation");
    assert_eq!(
        m["rule"]["urls"][0]["value"],
        "http://coquille.test:8080/v1/rules/duplicate-punctuation"
    );
    assert_eq!(m["rule"]["category"]["name"], "Punctuation");
    assert_eq!(m["type"]["typeName"], "Other");
    assert_eq!(m["sentence"], "Fin.. ici.");
    for key in ["shortMessage", "message"] {
        assert!(m[key].is_string(), "{key}");
    }
    // The documentation link works.
    let doc = send(
        "GET",
        &server.url("/v1/rules/duplicate-punctuation"),
        &[],
        "",
    )
    .await
    .json();
    assert_eq!(doc["id"], "duplicate-punctuation");
    send("GET", &server.url("/v1/rules/no-such-rule"), &[], "")
        .await
        .assert_problem(404);

    // language=auto: an English text is not checked as French.
    let english = "The troops arrived at the border last night.. according to the ministry.";
    let form = serde_urlencoded::to_string([("language", "auto"), ("text", english)]).unwrap();
    let v = post(form).await.json();
    assert_eq!(v["language"]["code"], "en", "{v}");
    assert_eq!(v["language"]["detectedLanguage"]["name"], "English");
    assert_eq!(v["matches"].as_array().unwrap().len(), 0);
    let french = "Les troupes sont arrivées hier soir.. selon le ministère.";
    let form = serde_urlencoded::to_string([("language", "auto"), ("text", french)]).unwrap();
    let v = post(form).await.json();
    assert_eq!(v["language"]["code"], "fr");
    assert_eq!(v["matches"].as_array().unwrap().len(), 1);

    // enabledOnly with enabledCategories (and nothing else) keeps that category.
    let form = serde_urlencoded::to_string([
        ("language", "fr"),
        ("text", "Fin.. ici , , là."),
        ("enabledOnly", "true"),
        ("enabledCategories", "PUNCTUATION"),
    ])
    .unwrap();
    let v = post(form).await.json();
    let matches = v["matches"].as_array().unwrap();
    assert!(matches.len() >= 2, "{v}");
    assert!(
        matches
            .iter()
            .all(|m| m["rule"]["category"]["id"] == "PUNCTUATION")
    );
    let form =
        serde_urlencoded::to_string([("language", "fr"), ("text", "x"), ("enabledOnly", "true")])
            .unwrap();
    post(form).await.assert_problem(400);

    // Markup: the sentence is the plain text, without the markup.
    let data = r#"{"annotation":[{"markup":"<p>"},{"text":"Un "},{"markup":"<b>"},{"text":"mot.. ici"},{"markup":"</b>"},{"text":"."},{"markup":"</p>","interpretAs":"\n\n"}]}"#;
    let form = serde_urlencoded::to_string([("language", "fr"), ("data", data)]).unwrap();
    let v = post(form).await.json();
    assert_eq!(v["matches"][0]["sentence"], "Un mot.. ici.");

    // Invalid UTF-8 is refused as /v1/check refuses it; the language value
    // is never echoed back.
    post("language=fr&text=caf%C3%A9%FF%FE+fin..".into())
        .await
        .assert_problem(400);
    let p = post("language=%3Cimg+src%3Dx%3E&text=Bien.".into())
        .await
        .assert_problem(400);
    assert!(!p.to_string().contains("<img"), "{p}");
    server.shutdown().await;
}

#[tokio::test]
async fn probes_rules_and_metrics() {
    let server = TestServer::default().await;
    assert_eq!(
        send("GET", &server.url("/healthz"), &[], "").await.status,
        200
    );
    // Ready once the rules' tables are built (seconds in a debug build).
    let until = Instant::now() + PATIENCE;
    let mut ready = 503;
    while Instant::now() < until {
        ready = send("GET", &server.url("/readyz"), &[], "").await.status;
        if ready == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(ready, 200);
    let rules = send("GET", &server.url("/v1/rules"), &[], "").await.json();
    let list = rules["rules"].as_array().unwrap();
    assert_eq!(list.len(), coquille::rules::ALL.len());
    assert!(
        list.iter()
            .all(|r| r["enabled"] == true && r["docs"].is_string())
    );
    assert!(
        list[0]["docs"]
            .as_str()
            .unwrap()
            .contains("\n## What it does\n")
    );

    let body = check_body("Fin.. ici.", "utf-8");
    post_json(&server.url("/v1/check"), &body).await;
    let m = String::from_utf8(send("GET", &server.url("/metrics"), &[], "").await.body).unwrap();
    for needle in [
        r#"coquille_http_requests_total{route="/v1/check",status="200"} 1"#,
        r#"coquille_http_requests_total{route="/healthz",status="200"} 1"#,
        r#"coquille_findings_total{rule="duplicate-punctuation",severity="error"} 1"#,
        r#"coquille_verdicts_total{endpoint="v1",verdict="fail"} 1"#,
        r#"coquille_check_duration_seconds_count{endpoint="v1"} 1"#,
        "# TYPE coquille_check_duration_seconds histogram",
    ] {
        assert!(m.contains(needle), "missing {needle} in\n{m}");
    }
    assert!(!m.contains("article-42"), "no document id in metrics");
    server.shutdown().await;
}

/// Opens a request whose body never completes: it holds its slot until the
/// socket is written to again or closed.
fn open_slow_request(addr: SocketAddr, path: &str, body_len: usize) -> std::net::TcpStream {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {body_len}\r\n\r\n{{"
    )
    .unwrap();
    s.flush().unwrap();
    s
}

fn read_status(s: &mut std::net::TcpStream) -> (u16, String) {
    s.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// A /v1/check body whose check takes a while: a finding every few bytes.
fn dense_body(bytes: usize) -> Vec<u8> {
    let text: String = "Fin. . ".chars().cycle().take(bytes).collect();
    serde_json::to_vec(&json!({"fields": [{"name": "body", "content": text}]})).unwrap()
}

/// The value of one metric line (`name{labels} value`), 0 when absent.
async fn metric(server: &TestServer, line: &str) -> f64 {
    let m = String::from_utf8(send("GET", &server.url("/metrics"), &[], "").await.body).unwrap();
    m.lines()
        .find_map(|l| l.strip_prefix(line)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0.0)
}

/// Polls a metric until it has `value` ([`PATIENCE`] at most).
async fn metric_reaches(server: &TestServer, line: &str, value: f64) -> bool {
    let until = Instant::now() + PATIENCE;
    while Instant::now() < until {
        if metric(server, line).await == value {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

/// A finding-dense body whose check takes seconds even in a release build.
const HEAVY: usize = 1_500_000;

/// Posts `body` to /v1/check on a new connection and leaves the answer
/// unread: dropping the stream is a client leaving.
fn post_raw(addr: SocketAddr, body: &[u8]) -> std::net::TcpStream {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(body).unwrap();
    s
}

/// A server with one slot and one worker, and a long check holding them,
/// running; the test ends it by dropping the returned connection (the check
/// is then cancelled), never by waiting for it.
async fn one_slot_taken(queue_wait_ms: u64) -> (TestServer, std::net::TcpStream, usize) {
    let settings = ServerSettings {
        max_in_flight: 1,
        check_workers: 1,
        queue_wait_ms,
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let body = dense_body(HEAVY);
    let heavy = post_raw(server.addr, &body);
    assert!(metric_reaches(&server, "coquille_checks_running", 1.0).await);
    (server, heavy, body.len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saturation_gets_503_with_retry_after() {
    let (server, heavy, _) = one_slot_taken(0).await;
    let busy = post_json(&server.url("/v1/check"), &check_body("Bien.", "utf-8")).await;
    busy.assert_problem(503);
    assert_eq!(busy.header("retry-after"), "1");
    let m = String::from_utf8(send("GET", &server.url("/metrics"), &[], "").await.body).unwrap();
    assert!(m.contains("coquille_overloaded_total 1"), "{m}");
    assert!(
        m.contains(r#"coquille_http_requests_total{route="/v1/check",status="503"} 1"#),
        "{m}"
    );
    // The heavy check was still running when the 503 was given.
    assert_eq!(metric(&server, "coquille_checks_running").await, 1.0);
    // Probes still answer while saturated.
    assert_eq!(
        send("GET", &server.url("/healthz"), &[], "").await.status,
        200
    );
    // Its client leaves: the check stops, the slot is free again, every
    // gauge back to 0.
    drop(heavy);
    for gauge in [
        "coquille_in_flight_requests",
        "coquille_checks_running",
        "coquille_pending_body_bytes",
    ] {
        assert!(metric_reaches(&server, gauge, 0.0).await, "{gauge}");
    }
    let ok = post_json(&server.url("/v1/check"), &check_body("Bien.", "utf-8")).await;
    assert_eq!(ok.status, 200);
    server.shutdown().await;

    // With a queue wait, the second request waits for the slot instead.
    let (server, heavy, heavy_len) = one_slot_taken(600_000).await;
    let body = serde_json::to_vec(&check_body("Bien.", "utf-8")).unwrap();
    let len = body.len();
    let url = server.url("/v1/check");
    let waited = tokio::spawn(async move {
        send("POST", &url, &[("content-type", "application/json")], body).await
    });
    // It has reserved its body while the heavy check holds the slot...
    assert!(
        metric_reaches(
            &server,
            "coquille_pending_body_bytes",
            (heavy_len + len) as f64
        )
        .await
    );
    assert_eq!(metric(&server, "coquille_checks_running").await, 1.0);
    // ... and is served once the slot is free.
    drop(heavy);
    assert_eq!(waited.await.unwrap().status, 200);
    assert_eq!(metric(&server, "coquille_overloaded_total").await, 0.0);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_bodies_are_cut_off_without_holding_a_slot() {
    // The request timeout is far away: only the rate rule can cut a body.
    // 10 bytes a second on average after the first second.
    let settings = ServerSettings {
        max_in_flight: 2,
        min_body_rate: 10,
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let addr = server.addr;
    const LEN: usize = 10_000;
    // Five clients trickle their bodies at 20 bytes a second (fast enough)
    // until told to stop, then stall.
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let slow: Vec<_> = (0..5)
        .map(|_| {
            let stop = Arc::clone(&stop);
            tokio::task::spawn_blocking(move || {
                let mut s = open_slow_request(addr, "/v1/check", LEN);
                while !stop.load(std::sync::atomic::Ordering::Acquire) {
                    std::thread::sleep(Duration::from_millis(50));
                    if s.write_all(b" ").is_err() {
                        break;
                    }
                }
                read_status(&mut s)
            })
        })
        .collect();
    // All five are being read (their bytes reserved)...
    assert!(metric_reaches(&server, "coquille_pending_body_bytes", (5 * LEN) as f64).await);
    // ... and hold no slot: a normal request goes through at once.
    let ok = post_json(&server.url("/v1/check"), &check_body("Bien.", "utf-8")).await;
    assert_eq!(ok.status, 200);
    assert_eq!(metric(&server, "coquille_overloaded_total").await, 0.0);
    // Once they stall, they are cut off: 408, and their bytes released.
    stop.store(true, std::sync::atomic::Ordering::Release);
    for s in slow {
        let (status, text) = s.await.unwrap();
        assert_eq!(status, 408, "{text}");
        assert!(text.contains("application/problem+json"), "{text}");
    }
    assert_eq!(
        metric(&server, r#"coquille_slow_bodies_total{route="/v1/check"}"#).await,
        5.0
    );
    assert!(metric_reaches(&server, "coquille_pending_body_bytes", 0.0).await);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn checks_stop_when_their_client_leaves_or_their_time_runs_out() {
    let settings = ServerSettings {
        check_workers: 1,
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    // A client posts a long check and leaves once it runs.
    let s = post_raw(server.addr, &dense_body(HEAVY));
    assert!(metric_reaches(&server, "coquille_checks_running", 1.0).await);
    drop(s);
    // The check stops (before its next rule) and only then frees its slot.
    assert!(
        metric_reaches(
            &server,
            r#"coquille_checks_stopped_total{reason="cancelled"}"#,
            1.0
        )
        .await
    );
    for gauge in ["coquille_in_flight_requests", "coquille_checks_running"] {
        assert!(metric_reaches(&server, gauge, 0.0).await, "{gauge}");
    }
    server.shutdown().await;

    // Out of time: 503, counted under its route, and the check stops. The
    // time is long enough to read the body (milliseconds) and far too short
    // to check it (seconds even in a release build).
    let settings = ServerSettings {
        request_timeout_ms: 1_000,
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let a = send(
        "POST",
        &server.url("/v1/check"),
        &[("content-type", "application/json")],
        dense_body(HEAVY),
    )
    .await;
    a.assert_problem(503);
    assert_eq!(a.header("retry-after"), "1");
    assert_eq!(
        metric(&server, r#"coquille_timeouts_total{route="/v1/check"}"#).await,
        1.0
    );
    assert!(metric_reaches(&server, "coquille_checks_running", 0.0).await);
    assert!(metric_reaches(&server, "coquille_in_flight_requests", 0.0).await);
    // Stopped before its end (by the deadline, or by the cancellation the
    // timeout sent it, whichever it saw first), not run to completion.
    let stopped = metric(
        &server,
        r#"coquille_checks_stopped_total{reason="cancelled"}"#,
    )
    .await
        + metric(
            &server,
            r#"coquille_checks_stopped_total{reason="deadline"}"#,
        )
        .await;
    assert_eq!(stopped, 1.0);
    let m = String::from_utf8(send("GET", &server.url("/metrics"), &[], "").await.body).unwrap();
    assert!(!m.contains("unmatched"), "{m}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_does_not_read_its_answer_is_reset() {
    let settings = ServerSettings {
        write_timeout_ms: 300,
        max_findings_per_field: 1_000_000,
        max_findings_per_request: 1_000_000,
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    // A small receive buffer, and an answer of megabytes never read.
    let sock = socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
    sock.set_recv_buffer_size(4096).unwrap();
    sock.connect(&server.addr.into()).unwrap();
    let mut s: std::net::TcpStream = sock.into();
    let body = dense_body(200_000);
    write!(
        s,
        "POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(&body).unwrap();
    // The answer is made...
    assert!(
        metric_reaches(
            &server,
            r#"coquille_http_requests_total{route="/v1/check",status="200"}"#,
            1.0
        )
        .await
    );
    // ... its writing stalls, and after the write timeout the server resets
    // the connection: the client sees the reset without reading a byte
    // (reading would let the writes progress).
    let (got, answer_len) = tokio::task::spawn_blocking(move || {
        let until = Instant::now() + PATIENCE;
        let reset = loop {
            if let Some(e) = s.take_error().unwrap() {
                break Some(e);
            }
            if Instant::now() >= until {
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(
            reset.map(|e| e.kind()),
            Some(std::io::ErrorKind::ConnectionReset)
        );
        let mut buf = Vec::new();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        let _ = s.read_to_end(&mut buf);
        let head = String::from_utf8_lossy(&buf[..buf.len().min(4096)]).to_string();
        let answer_len: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length: "))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        (buf.len(), answer_len)
    })
    .await
    .unwrap();
    assert!(
        got < answer_len.max(1),
        "{got} bytes read of an answer of {answer_len}: the connection was not reset"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_never_finish_their_headers_are_cut_off() {
    let settings = ServerSettings {
        request_timeout_ms: 300,
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let addr = server.addr;
    let closed = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(b"POST /v1/check HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        // The server ends the connection (end of stream, or a reset); only
        // if it kept it open would this read time out.
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        let mut buf = Vec::new();
        match s.read_to_end(&mut buf) {
            Ok(_) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => Ok(()),
            Err(e) => Err(e),
        }
    })
    .await
    .unwrap();
    assert!(closed.is_ok(), "connection kept: {closed:?}");
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_requests_in_flight_and_refuses_new_ones() {
    // No minimum body rate: the request in flight may wait as long as the
    // test takes (a loaded machine) without being cut off for slowness.
    let settings = ServerSettings {
        min_body_rate: 0,
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let addr = server.addr;
    let body = serde_json::to_vec(&check_body("Fin.. ici.", "utf-8")).unwrap();
    let len = body.len();
    let mut s = open_slow_request(addr, "/v1/check", len);
    // The server is reading its body.
    assert!(metric_reaches(&server, "coquille_pending_body_bytes", len as f64).await);
    let TestServer { stop, done, .. } = server;
    let _ = stop.unwrap().send(());
    // New connections are refused once shutdown began.
    let until = Instant::now() + PATIENCE;
    while std::net::TcpStream::connect(addr).is_ok() {
        assert!(Instant::now() < until, "listener still open");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(
        !done.is_finished(),
        "server waits for the request in flight"
    );
    // The request in flight completes normally.
    let (status, text) = tokio::task::spawn_blocking(move || {
        s.write_all(&body[1..]).unwrap();
        read_status(&mut s)
    })
    .await
    .unwrap();
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("\"verdict\":\"fail\""));
    tokio::time::timeout(PATIENCE, done)
        .await
        .expect("server stops after the last request")
        .unwrap()
        .unwrap();
}

#[test]
fn language_tool_python_client_gets_utf16_offsets() {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import language_tool_python"])
        .output();
    match probe {
        Ok(o) if o.status.success() => {}
        // In CI the client must be there (.ci/run installs it): a test that
        // cannot run there fails instead of passing silently.
        _ if std::env::var_os("CI").is_some() => panic!(
            "CI is set but python3 with language-tool-python is missing (pip install language-tool-python==3.4.0)"
        ),
        _ => {
            eprintln!(
                "SKIPPED (not in CI): python3 with language-tool-python is not installed (pip install language-tool-python==3.4.0)"
            );
            return;
        }
    }
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let server = TestServer::default().await;
        let url = format!("http://{}/", server.addr);
        let out = tokio::task::spawn_blocking(move || {
            std::process::Command::new("python3")
                .args([
                    concat!(
                        env!("CARGO_MANIFEST_DIR"),
                        "/../../scripts/languagetool_client.py"
                    ),
                    &url,
                ])
                .output()
                .unwrap()
        })
        .await
        .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "client failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.contains("OK"), "{stdout}");
        server.shutdown().await;
    });
}

/// The answer of `/v2/check` as `languagetool-rust` 3.0.1 decodes it: the
/// same required fields with the same types, and the same optional ones
/// (`check::responses::Response` and the types it holds). The crate itself
/// is not a dev-dependency: with its reqwest, url and ICU stack it changed
/// the features of serde and tokio for tests, and CI rebuilt the workspace
/// twice; `scripts/lt_clients.sh` runs its `ltrs` command against a real
/// server instead.
// Every field is decoded to check that it is there with its type; few are
// read afterwards.
#[allow(dead_code)]
mod ltrs_schema {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Response {
        pub language: Language,
        pub matches: Vec<Match>,
        pub sentence_ranges: Option<Vec<[usize; 2]>>,
        pub software: Software,
        pub warnings: Option<Warnings>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Software {
        pub api_version: usize,
        pub build_date: String,
        pub name: String,
        pub premium: bool,
        pub premium_hint: Option<String>,
        pub status: String,
        pub version: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Warnings {
        pub incomplete_results: bool,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Language {
        pub code: String,
        pub detected_language: DetectedLanguage,
        pub name: String,
    }

    #[derive(Deserialize)]
    pub struct DetectedLanguage {
        pub code: String,
        pub confidence: Option<f64>,
        pub name: String,
        pub source: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Match {
        pub context: Context,
        pub context_for_sure_match: isize,
        pub ignore_for_incomplete_sentence: bool,
        pub length: usize,
        pub message: String,
        pub more_context: Option<MoreContext>,
        pub offset: usize,
        pub replacements: Vec<Replacement>,
        pub rule: Rule,
        pub sentence: String,
        pub short_message: String,
        #[serde(rename = "type")]
        pub kind: Type,
    }

    #[derive(Deserialize)]
    pub struct Context {
        pub length: usize,
        pub offset: usize,
        pub text: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct MoreContext {
        pub line_number: usize,
        pub line_offset: usize,
    }

    #[derive(Deserialize)]
    pub struct Replacement {
        pub value: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Rule {
        pub category: Category,
        pub description: String,
        pub id: String,
        pub is_premium: Option<bool>,
        pub issue_type: String,
        pub source_file: Option<String>,
        pub sub_id: Option<String>,
        pub urls: Option<Vec<Url>>,
    }

    #[derive(Deserialize)]
    pub struct Category {
        pub id: String,
        pub name: String,
    }

    #[derive(Deserialize)]
    pub struct Url {
        pub value: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Type {
        pub type_name: String,
    }
}

#[tokio::test]
async fn languagetool_answers_decode_as_languagetool_rust_decodes_them() {
    let settings = ServerSettings {
        max_findings_per_field: 5,
        ..test_settings()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let data = r#"{"annotation":[{"markup":"<p>"},{"text":"Fin 🎉.. ici , , là."},{"markup":"</p>","interpretAs":"\n\n"}]}"#;
    let many = "Le mot , , ".repeat(20);
    let cases: [&[(&str, &str)]; 4] = [
        &[("language", "fr-FR"), ("text", EMOJI_TEXT)],
        &[("language", "fr"), ("data", data)],
        &[
            ("language", "auto"),
            ("text", "The troops arrived at the border last night."),
        ],
        &[("language", "fr"), ("text", &many)],
    ];
    for params in cases {
        let form = serde_urlencoded::to_string(params).unwrap();
        let a = send("POST", &server.url("/v2/check"), &[], form).await;
        assert_eq!(a.status, 200);
        let r: ltrs_schema::Response = serde_json::from_slice(&a.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&a.body)));
        assert_eq!(r.software.name, "Coquille");
        assert!(!r.language.code.is_empty() && !r.language.detected_language.code.is_empty());
        for m in &r.matches {
            assert!(!m.rule.id.is_empty() && !m.rule.category.id.is_empty());
            let urls = m.rule.urls.as_ref().expect("rule.urls");
            assert!(urls[0].value.ends_with(&format!("/v1/rules/{}", m.rule.id)));
            assert!(m.context.offset + m.context.length <= m.context.text.encode_utf16().count());
        }
        if params[1].1 == many {
            assert_eq!(r.matches.len(), 5);
            assert!(r.warnings.unwrap().incomplete_results);
        }
    }
    server.shutdown().await;
}

fn cms_fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/cms/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The segment of a built field (in an answer) holding offset `at`.
fn segment_at(field: &Value, at: u64) -> String {
    field["segments"]
        .as_array()
        .expect("a built field has segments")
        .iter()
        .find(|s| s["start"].as_u64().unwrap() <= at && at < s["end"].as_u64().unwrap())
        .map(|s| s["path"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no segment at {at}: {field}"))
}

/// The real payload shapes of each CMS, posted to their webhooks: every text
/// field is read, a defect deep in a structured body is reported with its
/// field, its offset in the text the answer carries and the node it came
/// from, and a payload with nothing readable does not pass.
#[tokio::test]
async fn cms_adapters_read_real_payloads_end_to_end() {
    use coquille_server::signature::{ContentfulRequest, contentful_sign, ghost_sign};
    let contentful_secret = "c".repeat(32) + &"0123456789abcdef".repeat(2);
    let mut settings = standard_settings(&["s3cret"]);
    settings.webhook_tokens = vec!["t0ken".into()];
    settings.adapters.insert(
        "contentful".into(),
        AdapterSettings {
            locale: Some("fr-FR".into()),
            signing_secrets: vec![contentful_secret.clone()],
            ..AdapterSettings::default()
        },
    );
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let bearer = [("authorization", "Bearer t0ken")];

    // Strapi: a defect in a list item nested in a list of a Blocks body.
    let mut strapi: Value =
        serde_json::from_str(&cms_fixture("strapi-v5-entry-publish.json")).unwrap();
    let url = server.url("/v1/webhooks/strapi");
    let a = send("POST", &url, &bearer, serde_json::to_vec(&strapi).unwrap()).await;
    let v = a.json();
    assert_eq!(v["verdict"], "pass", "{v}");
    assert_eq!(v["summary"]["fields"], 17);
    assert_eq!(v["document_id"], "hx1c9m0v7s2l5k8q3w4e6r1t");
    strapi["entry"]["body"][3]["children"][1]["children"][0]["children"][0]["text"] =
        json!("Les syndicats mixtes , qui perdent leur droit de veto.");
    let a = send("POST", &url, &bearer, serde_json::to_vec(&strapi).unwrap()).await;
    let v = a.json();
    assert_eq!(v["verdict"], "fail");
    let body = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "entry.body")
        .unwrap();
    let f = &body["report"]["findings"][0];
    assert_eq!(f["rule"], "space-before-punctuation");
    let text = body["text"].as_str().unwrap();
    let start = f["start"].as_u64().unwrap();
    assert_eq!(
        &text[start as usize..f["end"].as_u64().unwrap() as usize],
        " ,"
    );
    assert!(text[..start as usize].ends_with("Les syndicats mixtes"));
    assert_eq!(
        segment_at(body, start),
        "entry.body[3].children[1].children[0].children[0]"
    );
    // Nothing readable: refused, never a pass.
    let p = send(
        "POST",
        &url,
        &bearer,
        r#"{"event":"entry.publish","entry":{"id":1,"documentId":"x","slug":"a-b"}}"#,
    )
    .await
    .assert_problem(422);
    assert!(p["detail"].as_str().unwrap().contains("cannot pass"), "{p}");
    send("POST", &url, &bearer, r#"{"event":"media.create"}"#)
        .await
        .assert_problem(422);

    // Ghost: every text field, HMAC signature.
    let ghost = cms_fixture("ghost-post-published.json");
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let sig = ghost_sign(b"s3cret", ghost.as_bytes(), now_ms);
    let a = send(
        "POST",
        &server.url("/v1/webhooks/ghost"),
        &[("x-ghost-signature", &sig)],
        ghost,
    )
    .await;
    let v = a.json();
    assert_eq!(v["verdict"], "pass", "{v}");
    let names: Vec<&str> = v["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"post.current.feature_image_alt"),
        "{names:?}"
    );
    assert!(names.contains(&"post.current.og_description"), "{names:?}");
    assert_eq!(names.len(), 12);

    // Contentful: signed with its request verification, locale from the URL.
    let mut payload: Value =
        serde_json::from_str(&cms_fixture("contentful-entry-publish.json")).unwrap();
    payload["fields"]["body"]["fr-FR"]["content"][5]["content"][1]["content"][0]["content"][0]["content"]
        [0]["value"] = json!("Le le théâtre de verdure");
    let body = serde_json::to_vec(&payload).unwrap();
    let send_contentful = |path: &'static str, body: Vec<u8>, secret: String| {
        let url = server.url(path);
        async move {
            let ts = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_millis() as i64;
            let ts_text = ts.to_string();
            let signed = "content-type,x-contentful-signed-headers,x-contentful-timestamp,x-contentful-topic";
            let topic = "ContentManagement.Entry.publish";
            let ctype = "application/vnd.contentful.management.v1+json";
            let header = |name: &str| -> Option<String> {
                match name {
                    "content-type" => Some(ctype.to_string()),
                    "x-contentful-topic" => Some(topic.to_string()),
                    _ => None,
                }
            };
            let req = ContentfulRequest {
                method: "POST",
                path_and_query: path,
                header: &header,
                body: &body,
            };
            let sig = contentful_sign(secret.as_bytes(), &req, signed, ts);
            send(
                "POST",
                &url,
                &[
                    ("content-type", ctype),
                    ("x-contentful-topic", topic),
                    ("x-contentful-signed-headers", signed),
                    ("x-contentful-timestamp", &ts_text),
                    ("x-contentful-signature", &sig),
                ],
                body.clone(),
            )
            .await
        }
    };
    let a = send_contentful(
        "/v1/webhooks/contentful",
        body.clone(),
        contentful_secret.clone(),
    )
    .await;
    let v = a.json();
    assert_eq!(v["verdict"], "fail", "{v}");
    assert_eq!(v["document_id"], "5KsDBWseXY6QegucYAoacS");
    let field = &v["fields"][0];
    assert_eq!(field["name"], "fields.body.fr-FR");
    let f = &field["report"]["findings"][0];
    assert_eq!(f["rule"], "repeated-word");
    assert_eq!(
        segment_at(field, f["start"].as_u64().unwrap()),
        "fields.body.fr-FR.content[5].content[1].content[0].content[0].content[0]"
    );
    // ?locale= chooses another locale; an unknown one is refused.
    let a = send_contentful(
        "/v1/webhooks/contentful?locale=fr-CA",
        body.clone(),
        contentful_secret.clone(),
    )
    .await;
    let v = a.json();
    assert_eq!(v["fields"][0]["name"], "fields.title.fr-CA");
    assert_eq!(v["summary"]["fields"], 1);
    let p = send_contentful(
        "/v1/webhooks/contentful?locale=fr",
        body.clone(),
        contentful_secret.clone(),
    )
    .await
    .assert_problem(422);
    assert!(
        p["detail"]
            .as_str()
            .unwrap()
            .contains("en-US, fr-CA, fr-FR"),
        "{p}"
    );
    // With signing secrets, a wrong signature or a bearer token is refused.
    send_contentful("/v1/webhooks/contentful", body.clone(), "x".repeat(64))
        .await
        .assert_problem(401);
    send(
        "POST",
        &server.url("/v1/webhooks/contentful"),
        &bearer,
        body,
    )
    .await
    .assert_problem(401);

    // Markdown with front matter, raw: offsets are the file's.
    let md = cms_fixture("hugo-post.md").replace("en présence des élus.", "en présence des élus..");
    let a = send(
        "POST",
        &server.url("/v1/webhooks/markdown"),
        &[
            ("authorization", "Bearer t0ken"),
            ("content-type", "text/markdown; charset=utf-8"),
        ],
        md.clone(),
    )
    .await;
    let v = a.json();
    assert_eq!(v["verdict"], "fail", "{v}");
    let body = v["fields"].as_array().unwrap().last().unwrap();
    assert_eq!(body["name"], "body");
    let f = &body["report"]["findings"][0];
    assert_eq!(
        f["start"].as_u64().unwrap() as usize,
        md.find("élus..").unwrap() + "élus".len()
    );
    assert_eq!(v["fields"][0]["name"], "front_matter.cover.alt");
    // As JSON, with its path as the document id.
    let a = send(
        "POST",
        &server.url("/v1/webhooks/markdown"),
        &bearer,
        serde_json::to_vec(&json!({"path": "content/posts/tramway.md", "content": md})).unwrap(),
    )
    .await;
    assert_eq!(a.json()["document_id"], "content/posts/tramway.md");
    send(
        "POST",
        &server.url("/v1/webhooks/markdown"),
        &[
            ("authorization", "Bearer t0ken"),
            ("content-type", "text/markdown"),
        ],
        "---\ntitle: [oops\n---\nTexte.",
    )
    .await
    .assert_problem(422);
    server.shutdown().await;
}
