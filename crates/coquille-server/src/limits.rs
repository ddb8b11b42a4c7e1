//! What keeps one request from taking the server down: the body budget and
//! minimum body rate, the in-flight slot held until a check has really
//! stopped, the write timeout of connections, rate-limited error logging and
//! route labels known before routing.

use crate::AppState;
use crate::problem::Problem;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, StatusCode, header};
use http_body_util::BodyExt;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::OwnedSemaphorePermit;

/// The route templates, so that a request refused or timed out before (or
/// outside) routing is still counted under its route.
pub(crate) fn route_of(path: &str) -> &'static str {
    match path {
        "/v1/check" => "/v1/check",
        "/v2/check" => "/v2/check",
        "/v2/languages" => "/v2/languages",
        "/v1/rules" => "/v1/rules",
        "/healthz" => "/healthz",
        "/readyz" => "/readyz",
        "/metrics" => "/metrics",
        p if one_segment_after(p, "/v1/webhooks/") => "/v1/webhooks/{adapter}",
        p if one_segment_after(p, "/v1/rules/") => "/v1/rules/{id}",
        _ => "unmatched",
    }
}

fn one_segment_after(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
}

/// Everything one request holds while it is read, queued or checked: its
/// place among `max_in_flight`, its share of `max_pending_body_bytes`, and
/// the in-flight gauge. Shared (an `Arc`) between the handler and the check
/// running on the blocking pool, so it is released when the last of them
/// ends: a check whose client left keeps the slot until it has stopped.
pub(crate) struct Slot {
    state: Arc<AppState>,
    _in_flight: OwnedSemaphorePermit,
    _body: BodyReservation,
}

impl Slot {
    pub(crate) fn new(
        state: Arc<AppState>,
        in_flight: OwnedSemaphorePermit,
        body: BodyReservation,
    ) -> Arc<Slot> {
        state.metrics.in_flight(1);
        Arc::new(Slot {
            state,
            _in_flight: in_flight,
            _body: body,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.state.metrics.in_flight(-1);
    }
}

/// A request's share of `max_pending_body_bytes`, taken before its body is
/// read and shown in the `coquille_pending_body_bytes` gauge from then until
/// it is dropped (with the [`Slot`] that holds it once admitted).
pub(crate) struct BodyReservation {
    state: Arc<AppState>,
    permit: OwnedSemaphorePermit,
}

impl BodyReservation {
    pub(crate) fn new(state: Arc<AppState>, permit: OwnedSemaphorePermit) -> Self {
        state
            .metrics
            .pending_body_bytes(permit.num_permits() as i64);
        BodyReservation { state, permit }
    }
}

impl Drop for BodyReservation {
    fn drop(&mut self) {
        self.state
            .metrics
            .pending_body_bytes(-(self.permit.num_permits() as i64));
    }
}

/// Sets a flag when dropped unless disarmed: the handler's future being
/// dropped (client gone, request timed out) tells the check to stop.
pub(crate) struct CancelOnDrop(pub(crate) Arc<AtomicBool>);

impl CancelOnDrop {
    pub(crate) fn disarm(self) {
        std::mem::forget(self);
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Release);
    }
}

/// How much of `max_pending_body_bytes` a request reserves before its body is
/// read: its declared length, else the largest body accepted.
pub(crate) fn body_reservation(headers: &HeaderMap, max_body: usize) -> Result<usize, Problem> {
    let Some(len) = headers.get(header::CONTENT_LENGTH) else {
        return Ok(max_body);
    };
    let len: usize = len
        .to_str()
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| Problem::new(StatusCode::BAD_REQUEST, "malformed Content-Length"))?;
    if len > max_body {
        return Err(too_large());
    }
    Ok(len)
}

fn too_large() -> Problem {
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "the request body is larger than the server accepts",
    )
}

/// Before this much time has passed, a body may arrive at any rate.
pub(crate) const BODY_GRACE: Duration = Duration::from_secs(1);

/// Reads a whole body of at most `max` bytes. After [`BODY_GRACE`], at least
/// `min_rate` bytes per second must have arrived on average, and the body
/// must be complete by `deadline`; otherwise 408, and the connection is
/// closed (its remaining bytes are never read).
pub(crate) async fn read_body(
    body: Body,
    max: usize,
    min_rate: u64,
    deadline: Instant,
) -> Result<Bytes, Problem> {
    let started = Instant::now();
    let mut body = body;
    let mut buf: Vec<u8> = Vec::new();
    loop {
        let rate_deadline = if min_rate == 0 {
            deadline
        } else {
            let allowed = BODY_GRACE + Duration::from_secs_f64(buf.len() as f64 / min_rate as f64);
            deadline.min(started + allowed)
        };
        let frame = match tokio::time::timeout_at(rate_deadline.into(), body.frame()).await {
            Err(_) => {
                return Err(Problem::new(
                    StatusCode::REQUEST_TIMEOUT,
                    "the request body arrived too slowly",
                ));
            }
            Ok(None) => break,
            Ok(Some(Err(e))) => {
                return Err(Problem::new(
                    StatusCode::BAD_REQUEST,
                    format!("the request body could not be read: {e}"),
                ));
            }
            Ok(Some(Ok(frame))) => frame,
        };
        if let Ok(data) = frame.into_data() {
            if buf.len() + data.len() > max {
                return Err(too_large());
            }
            buf.extend_from_slice(&data);
        }
    }
    Ok(Bytes::from(buf))
}

/// Error responses are logged at most [`LogLimiter::PER_SECOND`] a second; the
/// rest are counted and the count logged once the next second begins.
#[derive(Debug, Default)]
pub(crate) struct LogLimiter {
    inner: Mutex<(u64, u64, u64)>, // (second, logged in it, suppressed in it)
}

impl LogLimiter {
    /// Error lines logged per second at most.
    pub(crate) const PER_SECOND: u64 = 10;

    /// Whether to log one more error line now; when a new second begins,
    /// also how many were suppressed in the last one.
    pub(crate) fn admit(&self, now_s: u64) -> (bool, u64) {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let mut reported = 0;
        if g.0 != now_s {
            reported = g.2;
            *g = (now_s, 0, 0);
        }
        if g.1 < Self::PER_SECOND {
            g.1 += 1;
            (true, reported)
        } else {
            g.2 += 1;
            (false, reported)
        }
    }
}

/// A TCP connection whose writes give up after `timeout` without progress: a
/// client that stops reading its answer loses its connection (reset, so the
/// unsent answer is dropped at once) instead of pinning it.
pub(crate) struct TimedStream {
    inner: tokio::net::TcpStream,
    timeout: Duration,
    stalled: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl TimedStream {
    pub(crate) fn new(inner: tokio::net::TcpStream, timeout: Duration) -> Self {
        TimedStream {
            inner,
            timeout,
            stalled: None,
        }
    }

    /// Passes a write's result on; a write pending for the whole timeout
    /// becomes an error (and the connection is reset when dropped).
    fn watch<T>(
        &mut self,
        cx: &mut Context<'_>,
        polled: Poll<std::io::Result<T>>,
    ) -> Poll<std::io::Result<T>> {
        if polled.is_ready() {
            self.stalled = None;
            return polled;
        }
        let timeout = self.timeout;
        let sleep = self
            .stalled
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        if sleep.as_mut().poll(cx).is_ready() {
            let _ = self.inner.set_zero_linger();
            return Poll::Ready(Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                "the client did not read its answer",
            )));
        }
        Poll::Pending
    }
}

impl AsyncRead for TimedStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for TimedStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.watch(cx, polled)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.watch(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_are_labelled_by_template() {
        assert_eq!(route_of("/v1/check"), "/v1/check");
        assert_eq!(route_of("/v1/webhooks/ghost"), "/v1/webhooks/{adapter}");
        assert_eq!(route_of("/v1/webhooks/"), "unmatched");
        assert_eq!(route_of("/v1/webhooks/a/b"), "unmatched");
        assert_eq!(
            route_of("/v1/rules/duplicate-punctuation"),
            "/v1/rules/{id}"
        );
        assert_eq!(route_of("/etc/passwd"), "unmatched");
    }

    #[test]
    fn error_logging_is_rate_limited_and_reports_what_it_dropped() {
        let l = LogLimiter::default();
        let admitted = (0..100).filter(|_| l.admit(7).0).count() as u64;
        assert_eq!(admitted, LogLimiter::PER_SECOND);
        assert_eq!(l.admit(8), (true, 100 - LogLimiter::PER_SECOND));
        assert_eq!(l.admit(8), (true, 0));
    }

    #[test]
    fn reservation_follows_content_length() {
        let mut h = HeaderMap::new();
        assert_eq!(body_reservation(&h, 100).unwrap(), 100);
        h.insert(header::CONTENT_LENGTH, "42".parse().unwrap());
        assert_eq!(body_reservation(&h, 100).unwrap(), 42);
        h.insert(header::CONTENT_LENGTH, "101".parse().unwrap());
        assert_eq!(body_reservation(&h, 100).unwrap_err().status, 413);
        h.insert(header::CONTENT_LENGTH, "x".parse().unwrap());
        assert_eq!(body_reservation(&h, 100).unwrap_err().status, 400);
    }
}
