//! `coquille serve` over real HTTP on 127.0.0.1 (port 0): the same findings
//! as the library and the CLI, webhook signatures, limits, the
//! LanguageTool-compatible API, probes and metrics, graceful shutdown.

use coquille::settings::{AdapterSettings, FieldMapping, ServerSettings};
use coquille::{Checker, Document, Format, OffsetEncoding};
use coquille_server::{AppState, Clock, FixedClock, SystemClock, serve};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

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
        Self::start(ServerSettings::default(), Arc::new(SystemClock)).await
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
    let source = "Highs will reach 82 °F on Sunday. Schools will stay closed until Monday.";
    let content =
        "Les maximales atteindront 82 degrés dimanche. Les écoles resteront fermées jusqu'à lundi.";
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
        ..ServerSettings::default()
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
        standard_settings(&[OTHER_SECRET, SECRET]),
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

    // The same delivery again replays the stored answer.
    let again = deliver(&server, MSG_ID, &TS.to_string(), &several, VECTOR_BODY).await;
    assert_eq!(again.status, 200);
    assert_eq!(again.header("coquille-replayed"), "true");
    assert_eq!(again.json(), v);
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
    let server =
        TestServer::start(standard_settings(&[SECRET]), FixedClock::at_secs(TS + 300)).await;
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
    let mut settings = standard_settings(&["s3cret"]);
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
        &[("authorization", "Bearer s3cret")],
        body.clone(),
    )
    .await;
    let v = a.json();
    assert_eq!(v["fields"][0]["name"], "chapo");
    assert_eq!(v["verdict"], "fail");
    send(
        "POST",
        &url,
        &[("authorization", "Bearer s3cre")],
        body.clone(),
    )
    .await
    .assert_problem(401);
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
        &[("authorization", "Bearer s3cret")],
        body,
    )
    .await;
    let v = a.json();
    assert_eq!(v["verdict"], "fail");
    assert_eq!(v["fields"][1]["report"]["findings"][0]["text"], "..");

    // unknown adapter
    send("POST", &server.url("/v1/webhooks/wordpress"), &[], "{}")
        .await
        .assert_problem(404);
    server.shutdown().await;
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let server = TestServer::start(standard_settings(&[SECRET]), FixedClock::at_secs(TS)).await;
    // Default limit: 2 MiB.
    let big = json!({"fields": [{"name": "body", "content": "a".repeat(2 * 1024 * 1024)}]});
    post_json(&server.url("/v1/check"), &big)
        .await
        .assert_problem(413);
    let a = deliver(
        &server,
        MSG_ID,
        &TS.to_string(),
        VECTOR_SIG,
        &"x".repeat(3 << 20),
    )
    .await;
    a.assert_problem(413);
    let lt = format!("language=fr&text={}", "a".repeat(3 << 20));
    send(
        "POST",
        &server.url("/v2/check"),
        &[("content-type", "application/x-www-form-urlencoded")],
        lt,
    )
    .await
    .assert_problem(413);
    // Just under the limit is fine.
    let ok = json!({"fields": [{"name": "body", "content": "a".repeat(2 * 1024 * 1024 - 100)}]});
    assert_eq!(post_json(&server.url("/v1/check"), &ok).await.status, 200);
    server.shutdown().await;

    let small = ServerSettings {
        max_body_bytes: 1000,
        ..ServerSettings::default()
    };
    let server = TestServer::start(small, Arc::new(SystemClock)).await;
    let body = json!({"fields": [{"name": "body", "content": "b".repeat(1000)}]});
    post_json(&server.url("/v1/check"), &body)
        .await
        .assert_problem(413);
    server.shutdown().await;
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
async fn api_token_protects_v1_check() {
    let settings = ServerSettings {
        api_token: Some("t0ken".into()),
        ..ServerSettings::default()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let body = serde_json::to_vec(&json!({"fields": [{"name": "t", "content": "Bien."}]})).unwrap();
    let url = server.url("/v1/check");
    send("POST", &url, &[], body.clone())
        .await
        .assert_problem(401);
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
async fn probes_rules_and_metrics() {
    let server = TestServer::default().await;
    assert_eq!(
        send("GET", &server.url("/healthz"), &[], "").await.status,
        200
    );
    let mut ready = 503;
    for _ in 0..100 {
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
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saturation_gets_503_with_retry_after_and_slow_requests_time_out() {
    let settings = ServerSettings {
        max_in_flight: 1,
        request_timeout_ms: 1500,
        ..ServerSettings::default()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let addr = server.addr;
    let slow = tokio::task::spawn_blocking(move || {
        let mut s = open_slow_request(addr, "/v1/check", 100);
        read_status(&mut s)
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let busy = post_json(&server.url("/v1/check"), &check_body("Bien.", "utf-8")).await;
    busy.assert_problem(503);
    assert_eq!(busy.header("retry-after"), "1");
    let m = String::from_utf8(send("GET", &server.url("/metrics"), &[], "").await.body).unwrap();
    assert!(m.contains("coquille_overloaded_total 1"), "{m}");
    assert!(
        m.contains(r#"coquille_http_requests_total{route="(overloaded)",status="503"} 1"#),
        "{m}"
    );
    // Probes still answer while saturated.
    assert_eq!(
        send("GET", &server.url("/healthz"), &[], "").await.status,
        200
    );
    // The slow request runs out of time.
    let (status, text) = slow.await.unwrap();
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("application/problem+json"));
    // And the slot is free again.
    let ok = post_json(&server.url("/v1/check"), &check_body("Bien.", "utf-8")).await;
    assert_eq!(ok.status, 200);
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_never_finish_their_headers_are_cut_off() {
    let settings = ServerSettings {
        request_timeout_ms: 300,
        ..ServerSettings::default()
    };
    let server = TestServer::start(settings, Arc::new(SystemClock)).await;
    let addr = server.addr;
    let took = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.write_all(b"POST /v1/check HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        let started = std::time::Instant::now();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        started.elapsed()
    })
    .await
    .unwrap();
    assert!(
        took < Duration::from_secs(5),
        "connection kept for {took:?}"
    );
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_requests_in_flight_and_refuses_new_ones() {
    let server = TestServer::default().await;
    let addr = server.addr;
    let body = serde_json::to_vec(&check_body("Fin.. ici.", "utf-8")).unwrap();
    let len = body.len();
    let mut s = open_slow_request(addr, "/v1/check", len);
    tokio::time::sleep(Duration::from_millis(200)).await;
    let TestServer { stop, done, .. } = server;
    let _ = stop.unwrap().send(());
    tokio::time::sleep(Duration::from_millis(200)).await;
    // New connections are refused once shutdown began.
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "listener still open"
    );
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
    tokio::time::timeout(Duration::from_secs(5), done)
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
        _ => {
            eprintln!(
                "SKIPPED: python3 with language-tool-python is not installed (pip install language-tool-python)"
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
