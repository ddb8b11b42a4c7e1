//! The access log of `coquille serve`: one JSON line per request, never the
//! article. A test binary of its own, because tracing caches which call sites
//! are enabled process-wide and other tests run in parallel threads.

use coquille::Checker;
use coquille::settings::ServerSettings;
use coquille_server::{AppState, FixedClock, serve};
use serde_json::{Value, json};
use std::io::Write;
use std::sync::Arc;

#[test]
fn access_log_has_one_line_per_request_and_never_the_body() {
    #[derive(Clone, Default)]
    struct Buf(Arc<std::sync::Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buf = Buf::default();
    let sink = buf.clone();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_writer(move || sink.clone())
        .finish();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    tracing::subscriber::with_default(subscriber, || {
        rt.block_on(async {
            // A stopped clock: every error answer falls in the same second
            // of the rate limiter however long the burst takes.
            let settings = ServerSettings {
                request_timeout_ms: 600_000,
                ..ServerSettings::default()
            };
            let state = AppState::new(
                Arc::new(Checker::default()),
                settings,
                FixedClock::at_secs(1_700_000_000),
            )
            .unwrap();
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let addr = listener.local_addr().unwrap();
            let (tx, rx) = tokio::sync::oneshot::channel::<()>();
            let done = tokio::spawn(serve(listener, state, async {
                let _ = rx.await;
            }));
            let secret_text = "Texte confidentiel zqxjkv.. à ne jamais journaliser.";
            let body = json!({"document_id": "doc-1", "fields": [{"name": "body", "content": secret_text}]});
            let body = serde_json::to_vec(&body).unwrap();
            tokio::task::spawn_blocking(move || {
                http_exchange(addr, "POST", "/v1/check", &body);
                http_exchange(addr, "GET", "/healthz", b"");
                // A burst of error answers: their lines are rate-limited.
                for _ in 0..40 {
                    http_exchange(addr, "GET", "/nothing", b"");
                }
            })
            .await
            .unwrap();
            let _ = tx.send(());
            done.await.unwrap().unwrap();
        });
    });
    let logs = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
    assert!(
        !logs.contains("zqxjkv"),
        "the article leaked into the logs:\n{logs}"
    );
    let access: Vec<Value> = logs
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["target"] == "coquille::access")
        .collect();
    assert_eq!(access[0]["fields"]["route"], "/v1/check");
    assert_eq!(access[0]["fields"]["status"], 200);
    assert_eq!(access[0]["fields"]["verdict"], "fail");
    assert_eq!(access[1]["fields"]["route"], "/healthz");
    // At most 10 error lines a second: 40 404s within one second of the
    // server's clock leave exactly 10 lines.
    let not_found = access
        .iter()
        .filter(|v| v["fields"]["status"] == 404)
        .count();
    assert_eq!(not_found, 10, "lines for 40 error answers");
    let answered = access
        .iter()
        .filter(|v| v["fields"]["status"].is_number())
        .count();
    assert_eq!(answered, 2 + not_found, "LOGS:{logs}");
}

/// One HTTP/1.1 request with `Connection: close`; returns the raw answer.
fn http_exchange(addr: std::net::SocketAddr, method: &str, path: &str, body: &[u8]) -> String {
    use std::io::Read;
    let mut conn = std::net::TcpStream::connect(addr).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    conn.write_all(head.as_bytes()).unwrap();
    conn.write_all(body).unwrap();
    let mut out = Vec::new();
    conn.read_to_end(&mut out).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}
