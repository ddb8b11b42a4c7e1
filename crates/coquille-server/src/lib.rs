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
//! | `POST /v1/webhooks/{adapter}` | signed CMS webhooks (`standard`, `github-style`, `ghost`, `strapi`, `contentful`, `markdown`), read by [`adapters`] |
//! | `POST /v2/check`, `GET /v2/languages` | LanguageTool-compatible API |
//! | `GET /v1/rules`, `/v1/rules/{id}`, `/healthz`, `/readyz`, `/metrics` | rules, probes, Prometheus metrics |
//!
//! A gate answers `200` with a verdict for every request it could check;
//! HTTP errors (always `application/problem+json`) are kept for requests it
//! could not: 400/422 bad input (422 also for a webhook with nothing to
//! check), 401 bad credentials, 408 body too slow, 409 a delivery id reused
//! for another body, 413 body too large, 503 saturated or timed out (with
//! `Retry-After`).
//!
//! What one request may cost is bounded: its body (`max_body_bytes`, and all
//! bodies held at once `max_pending_body_bytes`), its time (headers, body
//! rate, check, writing the answer), the checks running at once
//! (`check_workers`; a check whose client left or whose time ran out stops
//! before its next rule and keeps its slot until it has), and its answer
//! (`max_findings_per_field` / `_per_request`, marked `truncated`).
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

pub mod adapters;
mod check;
mod clock;
mod languagetool;
mod limits;
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
use axum::body::Body;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use coquille::checker::{Limits, Stopped};
use coquille::settings::{ServerSettings, Settings};
use coquille::{Checker, CheckerError};
use limits::{CancelOnDrop, LogLimiter, Slot};
use serde::Serialize;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;
use tower_http::cors::{AllowOrigin, Any, CorsLayer};

/// Everything the handlers share: one checker, the settings, the clock.
pub struct AppState {
    checker: Arc<Checker>,
    settings: ServerSettings,
    clock: Arc<dyn Clock>,
    metrics: Metrics,
    /// Bounds the checks running at once on the blocking pool.
    workers: Arc<Semaphore>,
    /// Bounds the requests in flight; beyond it, 503.
    in_flight: Arc<Semaphore>,
    /// Bounds the bytes of request bodies held at once; beyond it, 503.
    body_budget: Arc<Semaphore>,
    log_limiter: LogLimiter,
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
    /// `whsec_` secret, a secret of the wrong kind for its adapter, an
    /// unknown adapter name, a zero limit, CORS open to any origin while an
    /// API token is set).
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
        if settings.max_body_bytes > u32::MAX as usize {
            return Err(ServeError::Config(
                "max_body_bytes must be below 4 GiB".into(),
            ));
        }
        if settings.max_pending_body_bytes < settings.max_body_bytes {
            return Err(ServeError::Config(
                "max_pending_body_bytes must be at least max_body_bytes".into(),
            ));
        }
        cors_layer(&settings)?;
        let adapters = webhooks::Adapters::new(&settings)?;
        let workers = if settings.check_workers == 0 {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        } else {
            settings.check_workers
        };
        let budget = settings.max_pending_body_bytes.min(Semaphore::MAX_PERMITS);
        Ok(Arc::new(AppState {
            checker,
            workers: Arc::new(Semaphore::new(workers)),
            in_flight: Arc::new(Semaphore::new(settings.max_in_flight)),
            body_budget: Arc::new(Semaphore::new(budget)),
            log_limiter: LogLimiter::default(),
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

/// What a request holds while it is handled, for the handlers to pass on to
/// the check they start (so the slot outlives a client that leaves).
#[derive(Clone)]
pub(crate) struct Admitted {
    /// Held, not read: released with the last clone.
    _slot: Arc<Slot>,
    /// When the request runs out of time.
    pub deadline: Instant,
}

/// CORS for the checking endpoints (`/v1/check`, `/v2/*`): the configured
/// origins; else any origin when no API token is set, and none when one is.
fn cors_layer(settings: &ServerSettings) -> Result<Option<CorsLayer>, ServeError> {
    let base = CorsLayer::new()
        .allow_methods([Method::GET, Method::POST])
        .allow_headers(Any)
        .max_age(Duration::from_secs(600));
    let origins = &settings.cors_origins;
    if origins.iter().any(|o| o == "*") {
        if settings.api_token.is_some() {
            return Err(ServeError::Config(
                "cors_origins = [\"*\"] would let any web page use the API token's endpoints: list the origins".into(),
            ));
        }
        return Ok(Some(base.allow_origin(Any)));
    }
    if origins.is_empty() {
        return Ok(settings.api_token.is_none().then(|| base.allow_origin(Any)));
    }
    let list = origins
        .iter()
        .map(|o| {
            HeaderValue::from_str(o.trim_end_matches('/'))
                .map_err(|_| ServeError::Config(format!("invalid CORS origin `{o}`")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(base.allow_origin(AllowOrigin::list(list))))
}

/// The router with every route and middleware, ready for `axum::serve`.
pub fn router(state: Arc<AppState>) -> Router {
    let checking = Router::new()
        .route("/v1/check", post(check::handler))
        .route(
            "/v2/check",
            post(languagetool::check_post).get(languagetool::check_get),
        )
        .route("/v2/languages", get(languagetool::languages));
    // Validated by `AppState::new`.
    let checking = match cors_layer(&state.settings).ok().flatten() {
        Some(cors) => checking.layer(cors),
        None => checking,
    };
    Router::new()
        .route("/v1/webhooks/{adapter}", post(webhooks::handler))
        .route("/v1/rules", get(rules))
        .route("/v1/rules/{id}", get(rule_doc))
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics_text))
        .merge(checking)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(state.settings.max_body_bytes))
        .layer(middleware::from_fn_with_state(Arc::clone(&state), observe))
        .with_state(state)
}

/// Serves `listener` until `shutdown` resolves, then stops accepting, lets
/// in-flight requests finish (30 s at most) and returns.
///
/// Connections are HTTP/1.1 (hyper). A client gets `request_timeout_ms` to
/// send its request headers (the same bounds an idle keep-alive connection),
/// then the same again for its body and the check; its body must keep to
/// `min_body_rate`; a write of the answer that makes no progress for
/// `write_timeout_ms` resets the connection.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    const GRACE: Duration = Duration::from_secs(30);
    let warm = Arc::clone(&state);
    tokio::spawn(async move { warm.warm_up().await });
    let header_timeout = Duration::from_millis(state.settings.request_timeout_ms.max(1));
    let write_timeout = Duration::from_millis(state.settings.write_timeout_ms.max(1));
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
            let io = hyper_util::rt::TokioIo::new(limits::TimedStream::new(stream, write_timeout));
            let conn = builder.serve_connection(io, service);
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
/// (`COQUILLE_WEBHOOK_SECRET` and `COQUILLE_WEBHOOK_TOKEN`, space-separated;
/// `COQUILLE_API_TOKEN`), sets
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
    let list = |name: &str| -> Option<Vec<String>> {
        let list: Vec<String> = var(name)?.split_whitespace().map(str::to_string).collect();
        (!list.is_empty()).then_some(list)
    };
    if let Some(secrets) = list("COQUILLE_WEBHOOK_SECRET") {
        settings.webhook_secrets = secrets;
    }
    if let Some(tokens) = list("COQUILLE_WEBHOOK_TOKEN") {
        settings.webhook_tokens = tokens;
    }
    if let Some(token) = var("COQUILLE_API_TOKEN") {
        let token = token.trim();
        if !token.is_empty() {
            settings.api_token = Some(token.to_string());
        }
    }
}

/// Routes that answer even when the server is saturated.
fn is_probe(route: &str) -> bool {
    matches!(route, "/healthz" | "/readyz" | "/metrics")
}

/// The outer middleware: body budget and rate, concurrency limit, timeout,
/// problem+json and security headers on every answer, metrics, and one log
/// line per request (never the body; error lines rate-limited).
async fn observe(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let route = limits::route_of(req.uri().path());
    let resp = if is_probe(route) {
        next.run(req).await
    } else {
        admit_and_run(&state, route, req, next, started).await
    };
    let resp = secure(ensure_problem(resp).await);
    finish(&state, &method, route, started, resp)
}

/// Reads the body within the budget and rate, takes an in-flight slot, and
/// runs the request until its deadline.
async fn admit_and_run(
    state: &Arc<AppState>,
    route: &'static str,
    req: Request,
    next: Next,
    started: Instant,
) -> Response {
    let settings = &state.settings;
    let deadline = started + Duration::from_millis(settings.request_timeout_ms.max(1));
    let (parts, body) = req.into_parts();
    let has_body = parts.headers.contains_key(header::CONTENT_LENGTH)
        || parts.headers.contains_key(header::TRANSFER_ENCODING);
    let reserve = if has_body {
        match limits::body_reservation(&parts.headers, settings.max_body_bytes) {
            Ok(n) => n,
            Err(p) => return p.into_response(),
        }
    } else {
        0
    };
    // A full server makes a request wait a little (queue_wait_ms) before
    // refusing it: a client that retries at once without honouring
    // Retry-After then costs a timer, not a busy loop of refusals that would
    // take the CPU from the checks.
    let wait_until = deadline.min(Instant::now() + Duration::from_millis(settings.queue_wait_ms));
    let reserve = u32::try_from(reserve).unwrap_or(u32::MAX);
    let budget = Arc::clone(&state.body_budget);
    let Some(body_permit) = wait_for(wait_until, budget.acquire_many_owned(reserve)).await else {
        return overloaded(state, "too many request bodies held at once; retry later");
    };
    let body_permit = limits::BodyReservation::new(Arc::clone(state), body_permit);
    let bytes = match limits::read_body(
        body,
        settings.max_body_bytes,
        settings.min_body_rate,
        deadline,
    )
    .await
    {
        Ok(b) => b,
        Err(p) => {
            let slow = p.status == StatusCode::REQUEST_TIMEOUT.as_u16();
            let mut resp = p.into_response();
            if slow {
                state.metrics.slow_body(route);
                // The rest of the body is never read: the connection ends.
                resp.headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            return resp;
        }
    };
    let slots = Arc::clone(&state.in_flight);
    let Some(in_flight) = wait_for(wait_until, slots.acquire_owned()).await else {
        return overloaded(state, "too many requests in flight; retry later");
    };
    let admitted = Admitted {
        _slot: Slot::new(Arc::clone(state), in_flight, body_permit),
        deadline,
    };
    let mut req = Request::from_parts(parts, Body::from(bytes));
    req.extensions_mut().insert(admitted);
    match tokio::time::timeout_at(deadline.into(), next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => {
            // Dropping the handler told its check to stop; its slot is
            // released when the check has.
            state.metrics.timeout(route);
            Problem::new(StatusCode::SERVICE_UNAVAILABLE, "the request took too long")
                .retry_after(1)
                .into_response()
        }
    }
}

/// A semaphore permit, if one comes before `until`.
async fn wait_for<P, E>(until: Instant, acquire: impl Future<Output = Result<P, E>>) -> Option<P> {
    tokio::time::timeout_at(until.into(), acquire)
        .await
        .ok()
        .and_then(Result::ok)
}

fn overloaded(state: &AppState, detail: &str) -> Response {
    state.metrics.overloaded();
    Problem::new(StatusCode::SERVICE_UNAVAILABLE, detail)
        .retry_after(1)
        .into_response()
}

/// Headers every answer carries: never sniffed as another type, never cached
/// (verdicts and reports are about one article at one moment).
fn secure(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn finish(
    state: &AppState,
    method: &Method,
    route: &'static str,
    started: Instant,
    resp: Response,
) -> Response {
    let status = resp.status().as_u16();
    state.metrics.request(route, status);
    if status >= 400 {
        // An attacker can make error answers cheaply: their lines are
        // rate-limited, the rest counted.
        let now_s = state.clock.now_s().max(0) as u64;
        let (admitted, suppressed) = state.log_limiter.admit(now_s);
        if suppressed > 0 {
            tracing::warn!(
                target: "coquille::access",
                suppressed,
                "error responses not logged in the previous second (rate limit)"
            );
        }
        if !admitted {
            state.metrics.log_suppressed();
            return resp;
        }
    }
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

/// Runs `work` on the blocking pool once a check worker is free, within the
/// request's limits. If the caller goes away (client gone, request timed
/// out), the work is told to stop; the worker and the request's slot stay
/// taken until it has.
pub(crate) async fn run_blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    admitted: Option<Admitted>,
    work: impl FnOnce(&Limits<'_>) -> Result<T, Stopped> + Send + 'static,
) -> Result<T, Problem> {
    let worker = Arc::clone(&state.workers)
        .acquire_owned()
        .await
        .map_err(|_| Problem::new(StatusCode::SERVICE_UNAVAILABLE, "shutting down"))?;
    let deadline = admitted.as_ref().map_or_else(
        || Instant::now() + Duration::from_millis(state.settings.request_timeout_ms.max(1)),
        |a| a.deadline,
    );
    let flag = Arc::new(AtomicBool::new(false));
    let cancel_on_drop = CancelOnDrop(Arc::clone(&flag));
    let st = Arc::clone(state);
    let joined = tokio::task::spawn_blocking(move || {
        let _held = (worker, admitted);
        let _running = st.metrics.check_running();
        let limits = Limits {
            cancel: Some(&flag),
            deadline: Some(deadline),
            ..Limits::default()
        };
        let out = work(&limits);
        if let Err(why) = &out {
            st.metrics.check_stopped(why);
        }
        out
    })
    .await;
    cancel_on_drop.disarm();
    match joined {
        Ok(Ok(t)) => Ok(t),
        Ok(Err(_)) => Err(Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the request took too long",
        )
        .retry_after(1)),
        Err(e) => {
            tracing::error!(error = %e, "check task failed");
            Err(Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the check failed",
            ))
        }
    }
}

/// The API token policy of every checking endpoint: when `api_token` is set,
/// `Authorization: Bearer <token>` (or LanguageTool's `apiKey` parameter,
/// which its clients can send) must carry it. Returns the 401 to send, if
/// any.
pub(crate) fn authorize(
    state: &AppState,
    headers: &axum::http::HeaderMap,
    api_key: Option<&str>,
) -> Option<Response> {
    let token = state.settings.api_token.as_ref()?;
    let auth = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let tokens: &[&[u8]] = &[token.as_bytes()];
    let result = match api_key {
        Some(key) if auth.is_empty() => {
            if signature::ct_eq(token.as_bytes(), key.as_bytes()) {
                Ok(())
            } else {
                Err(signature::Rejection::BadToken)
            }
        }
        _ => signature::verify_bearer(tokens, auth),
    };
    result.err().map(|reason| {
        let mut resp = Problem::new(StatusCode::UNAUTHORIZED, "missing or invalid credentials")
            .into_response();
        resp.headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        resp.extensions_mut().insert(Outcome {
            reason: Some(reason.as_str()),
            ..Outcome::default()
        });
        resp
    })
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
    let mut text = state.metrics.render();
    let (entries, bytes) = state.replay.usage();
    for (name, help, value) in [
        (
            "coquille_replay_cache_entries",
            "Signed webhook deliveries remembered (replay cache).",
            entries,
        ),
        (
            "coquille_replay_cache_bytes",
            "About how many bytes the replay cache holds.",
            bytes,
        ),
    ] {
        text.push_str(&format!(
            "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}\n"
        ));
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
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

fn rule_info(state: &AppState, rule: &dyn coquille::Rule) -> RuleInfo {
    let m = rule.meta();
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
}

async fn rules(State(state): State<Arc<AppState>>) -> Response {
    let list: Vec<RuleInfo> = coquille::rules::ALL
        .iter()
        .map(|r| rule_info(&state, *r))
        .collect();
    axum::Json(serde_json::json!({ "rules": list })).into_response()
}

/// `GET /v1/rules/{id}`: one rule's documentation (the page LanguageTool
/// clients open from a match's `rule.urls`).
async fn rule_doc(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    match coquille::rules::by_id(&id) {
        Some(r) => axum::Json(rule_info(&state, r)).into_response(),
        None => Problem::new(StatusCode::NOT_FOUND, "no such rule").into_response(),
    }
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
            "COQUILLE_WEBHOOK_TOKEN" => Some("t1 t2".into()),
            _ => None,
        });
        assert_eq!(s.webhook_secrets, vec!["whsec_a", "whsec_b"]);
        assert_eq!(s.webhook_tokens, vec!["t1", "t2"]);
        assert_eq!(s.api_token.as_deref(), Some("tok"));
        let mut kept = ServerSettings {
            webhook_secrets: vec!["from-file".into()],
            ..ServerSettings::default()
        };
        apply_env(&mut kept, |_| None);
        assert_eq!(kept.webhook_secrets, vec!["from-file"]);
    }
}
