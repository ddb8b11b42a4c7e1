//! `coquille serve`: the pre-publish gate for CMS webhooks, and a
//! LanguageTool-compatible API.
//!
//! The server holds no rule, filter or JSON shape of its own: every check is
//! one [`Checker`] (shared as an `Arc`) run on the blocking
//! pool, every answer carries the CLI's [`DocumentReport`](coquille::DocumentReport).
//!
//! | route | what |
//! | --- | --- |
//! | `POST /v1/check` | check named fields; answer per-field reports + verdict |
//! | `POST /v1/webhooks/{adapter}` | signed CMS webhooks (`standard`, `github-style`, `ghost`, `strapi`, `contentful`) |
//! | `POST /v2/check`, `GET /v2/languages` | LanguageTool-compatible API, with CORS |
//! | `GET /v1/rules`, `/healthz`, `/readyz`, `/metrics` | rules, probes, Prometheus metrics |
//!
//! A gate answers `200` with a verdict for every request it could check;
//! HTTP errors (always `application/problem+json`) are kept for requests it
//! could not: 400/422 bad input, 401 bad credentials, 413 body too large,
//! 503 saturated or timed out (with `Retry-After`).
//!
//! ```no_run
//! use coquille_server::{AppState, SystemClock, serve};
//! use coquille::{Checker, Settings};
//! use std::sync::Arc;
//!
//! # async fn run() -> std::io::Result<()> {
//! let settings = Settings::default();
//! let state = AppState::new(Arc::new(Checker::default()), settings.server, Arc::new(SystemClock))
//!     .expect("valid settings");
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! serve(listener, state, async { let _ = tokio::signal::ctrl_c().await; }).await
//! # }
//! ```

mod check;
mod clock;
mod languagetool;
mod metrics;
mod problem;
mod replay;
pub mod signature;
mod webhooks;

pub use check::{CheckAnswer, CheckOptions, CheckRequest, FieldAnswer, FieldInput, Summary};
pub use clock::{Clock, FixedClock, SystemClock};
pub use metrics::Metrics;
pub use problem::{PROBLEM_JSON, Problem};
pub use webhooks::Adapter;

use axum::Router;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use coquille::settings::{ServerSettings, Settings};
use coquille::{Checker, CheckerError};
use serde::Serialize;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tower_http::cors::{Any, CorsLayer};

/// Everything the handlers share: one checker, the settings, the clock.
pub struct AppState {
    checker: Arc<Checker>,
    settings: ServerSettings,
    clock: Arc<dyn Clock>,
    metrics: Metrics,
    /// Bounds the checks running at once on the blocking pool.
    workers: Semaphore,
    /// Bounds the requests in flight; beyond it, 503.
    in_flight: Arc<Semaphore>,
    replay: replay::ReplayCache,
    adapters: webhooks::Adapters,
    ready: AtomicBool,
    shutting_down: AtomicBool,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// Prepares the shared state. Fails on unusable settings (an undecodable
    /// `whsec_` secret, an unknown adapter name, a zero limit).
    pub fn new(
        checker: Arc<Checker>,
        settings: ServerSettings,
        clock: Arc<dyn Clock>,
    ) -> Result<Arc<Self>, ServeError> {
        if settings.max_body_bytes == 0 || settings.max_in_flight == 0 {
            return Err(ServeError::Config(
                "max_body_bytes and max_in_flight must be above 0".into(),
            ));
        }
        let adapters = webhooks::Adapters::new(&settings)?;
        let workers = if settings.check_workers == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            settings.check_workers
        };
        Ok(Arc::new(AppState {
            checker,
            workers: Semaphore::new(workers),
            in_flight: Arc::new(Semaphore::new(settings.max_in_flight)),
            replay: replay::ReplayCache::new(settings.replay_cache_size, settings.replay_window_s),
            adapters,
            settings,
            clock,
            metrics: Metrics::default(),
            ready: AtomicBool::new(false),
            shutting_down: AtomicBool::new(false),
        }))
    }

    /// The metrics this server keeps.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Builds every rule's lazy tables, then marks the server ready. Runs on
    /// the blocking pool; `serve` calls it.
    pub async fn warm_up(self: &Arc<Self>) {
        let checker = Arc::clone(&self.checker);
        let _ = tokio::task::spawn_blocking(move || {
            for rule in checker.rules() {
                rule.warm_up();
            }
            // One small check loads whatever the rules load on first use.
            let _ = checker.check_text("Une phrase en français. Another one in English.");
        })
        .await;
        self.ready.store(true, Ordering::Release);
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The settings are unusable.
    #[error("invalid server settings: {0}")]
    Config(String),
    /// The checker could not be built from the settings.
    #[error(transparent)]
    Checker(#[from] CheckerError),
    /// Binding or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What the access log and metrics record about a response, set by handlers
/// as a response extension.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Outcome {
    pub verdict: Option<&'static str>,
    pub findings: Option<usize>,
    pub reason: Option<&'static str>,
    pub adapter: Option<&'static str>,
    pub replayed: bool,
}

/// The route template that matched, copied into the response for the log.
#[derive(Debug, Clone)]
struct RouteLabel(String);

/// The router with every route and middleware, ready for `axum::serve`.
pub fn router(state: Arc<AppState>) -> Router {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
        .allow_headers(Any);
    let languagetool = Router::new()
        .route(
            "/v2/check",
            post(languagetool::check_post).get(languagetool::check_get),
        )
        .route("/v2/languages", get(languagetool::languages))
        .layer(cors);
    Router::new()
        .route("/v1/check", post(check::handler))
        .route("/v1/webhooks/{adapter}", post(webhooks::handler))
        .route("/v1/rules", get(rules))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .merge(languagetool)
        .route_layer(middleware::from_fn(label_route))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(state.settings.max_body_bytes))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), observe))
        .with_state(state)
}

/// Serves `listener` until `shutdown` resolves, then stops accepting, lets
/// in-flight requests finish (30 s at most) and returns.
///
/// Connections are HTTP/1.1 (hyper). A client gets `request_timeout_ms` to
/// send its request headers, then the same again for its body and the check.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    const GRACE: Duration = Duration::from_secs(30);
    let warm = Arc::clone(&state);
    tokio::spawn(async move { warm.warm_up().await });
    let header_timeout = Duration::from_millis(state.settings.request_timeout_ms.max(1));
    let app = router(Arc::clone(&state));
    // Every connection task holds a `open` receiver: `closed()` resolves when
    // the last one ends. `stop` tells them to finish gracefully.
    let (open_tx, open_rx) = tokio::sync::watch::channel(());
    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then go on.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut stop = stop_rx.clone();
        let open = open_rx.clone();
        tokio::spawn(async move {
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            let mut conn = std::pin::pin!(conn);
            let mut stopping = false;
            loop {
                tokio::select! {
                    result = conn.as_mut() => {
                        if let Err(e) = result {
                            tracing::debug!(error = %e, "connection ended with an error");
                        }
                        break;
                    }
                    _ = stop.wait_for(|s| *s), if !stopping => {
                        // Finish the request in flight, then close.
                        conn.as_mut().graceful_shutdown();
                        stopping = true;
                    }
                }
            }
            drop(open);
        });
    }
    drop(listener);
    state.shutting_down.store(true, Ordering::Release);
    tracing::info!("shutdown began: no new connections, finishing requests in flight");
    let _ = stop_tx.send(true);
    drop(open_rx);
    tokio::select! {
        () = open_tx.closed() => tracing::info!("shutdown complete"),
        () = tokio::time::sleep(GRACE) => tracing::warn!(
            grace_s = GRACE.as_secs(),
            "requests still in flight after the grace period; stopping"
        ),
    }
    Ok(())
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}

/// Options of `coquille serve`.
#[derive(Debug, Clone, Default)]
pub struct ServeOptions {
    /// Address to listen on (default: `[server] addr`, else 127.0.0.1:8080).
    pub addr: Option<String>,
    /// The configuration (rules and `[server]`).
    pub settings: Settings,
}

/// The default listening address.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// Runs `coquille serve`: reads secrets from the environment
/// (`COQUILLE_WEBHOOK_SECRET`, space-separated; `COQUILLE_API_TOKEN`), sets
/// up JSON logs on standard error (filter: `COQUILLE_LOG`, default `info`),
/// and serves until SIGINT or SIGTERM.
pub fn main(options: ServeOptions) -> Result<(), ServeError> {
    let mut settings = options.settings;
    apply_env(&mut settings.server, |k| std::env::var(k).ok());
    let filter = tracing_subscriber::EnvFilter::try_from_env("COQUILLE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .json()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_current_span(false)
        .try_init();
    let addr = options
        .addr
        .or_else(|| settings.server.addr.clone())
        .unwrap_or_else(|| DEFAULT_ADDR.to_string());
    let server_settings = settings.server.clone();
    let checker = Arc::new(Checker::new(settings)?);
    let state = AppState::new(checker, server_settings, Arc::new(SystemClock))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        tracing::info!(addr = %listener.local_addr()?, version = env!("CARGO_PKG_VERSION"), "listening");
        serve(listener, state, shutdown_signal()).await
    })?;
    Ok(())
}

/// Environment variables override the file: secrets belong there.
pub fn apply_env(settings: &mut ServerSettings, var: impl Fn(&str) -> Option<String>) {
    if let Some(secrets) = var("COQUILLE_WEBHOOK_SECRET") {
        let list: Vec<String> = secrets.split_whitespace().map(str::to_string).collect();
        if !list.is_empty() {
            settings.webhook_secrets = list;
        }
    }
    if let Some(token) = var("COQUILLE_API_TOKEN") {
        let token = token.trim();
        if !token.is_empty() {
            settings.api_token = Some(token.to_string());
        }
    }
}

/// Paths that answer even when the server is saturated.
fn is_probe(path: &str) -> bool {
    matches!(path, "/healthz" | "/readyz" | "/metrics")
}

/// The outer middleware: concurrency limit, timeout, problem+json for every
/// error, metrics, and one log line per request (never the body).
async fn observe(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let permit = if is_probe(&path) {
        None
    } else {
        match Arc::clone(&state.in_flight).try_acquire_owned() {
            Ok(p) => Some(p),
            Err(_) => {
                state.metrics.overloaded();
                let mut resp = Problem::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "too many requests in flight; retry later",
                )
                .retry_after(1)
                .into_response();
                // Not routed: the raw path would be an unbounded label.
                resp.extensions_mut()
                    .insert(RouteLabel("(overloaded)".into()));
                return finish(&state, &method, None, started, resp);
            }
        }
    };
    state.metrics.in_flight(1);
    let timeout = Duration::from_millis(state.settings.request_timeout_ms.max(1));
    let resp = match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => {
            state.metrics.timeout();
            Problem::new(StatusCode::SERVICE_UNAVAILABLE, "the request took too long")
                .retry_after(1)
                .into_response()
        }
    };
    state.metrics.in_flight(-1);
    drop(permit);
    let resp = ensure_problem(resp).await;
    finish(&state, &method, Some(&path), started, resp)
}

fn finish(
    state: &AppState,
    method: &axum::http::Method,
    path: Option<&str>,
    started: Instant,
    resp: Response,
) -> Response {
    let route = resp
        .extensions()
        .get::<RouteLabel>()
        .map_or("unmatched", |r| r.0.as_str());
    // Probes are labelled by their path (a fixed set) even when unrouted.
    let route = match path {
        Some(p) if is_probe(p) => p,
        _ => route,
    };
    let status = resp.status().as_u16();
    state.metrics.request(route, status);
    let o = resp
        .extensions()
        .get::<Outcome>()
        .copied()
        .unwrap_or_default();
    tracing::info!(
        target: "coquille::access",
        method = %method,
        route,
        status,
        duration_ms = started.elapsed().as_secs_f64() * 1000.0,
        verdict = o.verdict,
        findings = o.findings,
        adapter = o.adapter,
        reject_reason = o.reason,
        replayed = o.replayed,
    );
    resp
}

/// Rewrites an error response that is not problem+json yet (axum's own 404,
/// 405, 413, ...) into one, keeping its status and headers.
async fn ensure_problem(resp: Response) -> Response {
    let status = resp.status();
    let is_problem = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes() == problem::PROBLEM_JSON.as_bytes());
    if !(status.is_client_error() || status.is_server_error()) || is_problem {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let detail = axum::body::to_bytes(body, 16 * 1024)
        .await
        .ok()
        .and_then(|b| String::from_utf8(b.to_vec()).ok())
        .filter(|s| !s.trim().is_empty());
    let problem = match detail {
        Some(d) => Problem::new(status, d),
        None => Problem::bare(status),
    };
    let fresh = problem.into_response();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static(problem::PROBLEM_JSON),
    );
    let (_, body) = fresh.into_parts();
    Response::from_parts(parts, body)
}

/// Copies the matched route template into the response.
async fn label_route(req: Request, next: Next) -> Response {
    let label = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let mut resp = next.run(req).await;
    if let Some(l) = label {
        resp.extensions_mut().insert(RouteLabel(l));
    }
    resp
}

/// A body that could not be read: too large (413) or broken (400).
pub(crate) fn body_problem(rejection: BytesRejection) -> Problem {
    let status = rejection.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        Problem::new(status, "the request body is larger than the server accepts")
    } else {
        Problem::new(status, rejection.body_text())
    }
}

/// A body that is not the JSON expected: 400 when it is not JSON at all, 422
/// when it is JSON of the wrong shape.
pub(crate) fn json_problem(e: &serde_json::Error) -> Problem {
    use serde_json::error::Category;
    match e.classify() {
        Category::Data => Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("the JSON does not have the expected shape: {e}"),
        ),
        _ => Problem::new(StatusCode::BAD_REQUEST, format!("malformed JSON: {e}")),
    }
}

async fn not_found() -> Response {
    Problem::new(StatusCode::NOT_FOUND, "no such route").into_response()
}

async fn healthz() -> Response {
    axum::Json(serde_json::json!({"status": "ok"})).into_response()
}

async fn readyz(State(state): State<Arc<AppState>>) -> Response {
    if state.shutting_down.load(Ordering::Acquire) {
        Problem::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down").into_response()
    } else if !state.ready.load(Ordering::Acquire) {
        Problem::new(StatusCode::SERVICE_UNAVAILABLE, "warming up")
            .retry_after(1)
            .into_response()
    } else {
        axum::Json(serde_json::json!({"status": "ready"})).into_response()
    }
}

async fn metrics_text(State(state): State<Arc<AppState>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}

#[derive(Serialize)]
struct RuleInfo {
    id: &'static str,
    category: coquille::Category,
    default_severity: coquille::Severity,
    enabled: bool,
    summary: &'static str,
    /// Markdown, without the doc comment's leading space on each line.
    docs: String,
}

async fn rules(State(state): State<Arc<AppState>>) -> Response {
    let list: Vec<RuleInfo> = coquille::rules::ALL
        .iter()
        .map(|r| {
            let m = r.meta();
            RuleInfo {
                id: m.id,
                category: m.category,
                default_severity: m.default_severity,
                enabled: state.checker.rules().any(|e| e.meta().id == m.id),
                summary: m.summary(),
                docs: m
                    .docs
                    .lines()
                    .map(|l| l.strip_prefix(' ').unwrap_or(l))
                    .collect::<Vec<_>>()
                    .join("\n"),
            }
        })
        .collect();
    axum::Json(serde_json::json!({ "rules": list })).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_overrides_secrets() {
        let mut s = ServerSettings {
            webhook_secrets: vec!["from-file".into()],
            ..ServerSettings::default()
        };
        apply_env(&mut s, |k| match k {
            "COQUILLE_WEBHOOK_SECRET" => Some(" whsec_a  whsec_b ".into()),
            "COQUILLE_API_TOKEN" => Some("tok".into()),
            _ => None,
        });
        assert_eq!(s.webhook_secrets, vec!["whsec_a", "whsec_b"]);
        assert_eq!(s.api_token.as_deref(), Some("tok"));
        let mut kept = ServerSettings {
            webhook_secrets: vec!["from-file".into()],
            ..ServerSettings::default()
        };
        apply_env(&mut kept, |_| None);
        assert_eq!(kept.webhook_secrets, vec!["from-file"]);
    }
}
