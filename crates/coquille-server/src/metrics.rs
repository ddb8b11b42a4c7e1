//! Prometheus metrics, written in the text exposition format by hand: a few
//! counters and one histogram do not justify a metrics framework.
//!
//! Labels take only bounded values (route templates, rule ids, verdicts,
//! adapter names, rejection reasons): never a document or delivery id.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::time::Duration;

/// Upper bounds of the check latency histogram, in seconds.
const BUCKETS: [f64; 13] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

#[derive(Debug, Default, Clone)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Histogram {
    fn observe(&mut self, secs: f64) {
        for (i, le) in BUCKETS.iter().enumerate() {
            if secs <= *le {
                self.counts[i] += 1;
            }
        }
        self.count += 1;
        self.sum += secs;
    }
}

/// Every metric the server keeps.
#[derive(Debug, Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, u16), u64>>,
    latency: Mutex<BTreeMap<&'static str, Histogram>>,
    findings: Mutex<BTreeMap<(&'static str, &'static str), u64>>,
    verdicts: Mutex<BTreeMap<(&'static str, &'static str), u64>>,
    rejections: Mutex<BTreeMap<(&'static str, &'static str), u64>>,
    replays: Mutex<BTreeMap<&'static str, u64>>,
    conflicts: Mutex<BTreeMap<&'static str, u64>>,
    timeouts: Mutex<BTreeMap<&'static str, u64>>,
    slow_bodies: Mutex<BTreeMap<&'static str, u64>>,
    stopped: Mutex<BTreeMap<&'static str, u64>>,
    truncated: Mutex<BTreeMap<&'static str, u64>>,
    overloaded: AtomicU64,
    log_suppressed: AtomicU64,
    in_flight: AtomicI64,
    checks_running: AtomicI64,
    pending_body_bytes: AtomicI64,
}

/// Counts one check as running while it lives.
#[derive(Debug)]
pub(crate) struct Running<'m>(&'m AtomicI64);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

fn bump<K: Ord>(map: &Mutex<BTreeMap<K, u64>>, key: K, by: u64) {
    *map.lock()
        .unwrap_or_else(|e| e.into_inner())
        .entry(key)
        .or_default() += by;
}

impl Metrics {
    /// Counts one answered request.
    pub fn request(&self, route: &str, status: u16) {
        bump(&self.requests, (route.to_string(), status), 1);
    }

    /// Records how long one check took; `endpoint` is `v1`, `webhook` or `v2`.
    pub fn check_latency(&self, endpoint: &'static str, took: Duration) {
        self.latency
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(endpoint)
            .or_default()
            .observe(took.as_secs_f64());
    }

    /// Counts findings of one rule at one severity.
    pub fn findings(&self, rule: &'static str, severity: &'static str, n: u64) {
        bump(&self.findings, (rule, severity), n);
    }

    /// Counts one verdict given by `endpoint`.
    pub fn verdict(&self, endpoint: &'static str, verdict: &'static str) {
        bump(&self.verdicts, (endpoint, verdict), 1);
    }

    /// Counts one refused webhook.
    pub fn rejection(&self, adapter: &'static str, reason: &'static str) {
        bump(&self.rejections, (adapter, reason), 1);
    }

    /// Counts one replayed delivery.
    pub fn replay(&self, adapter: &'static str) {
        bump(&self.replays, adapter, 1);
    }

    /// Counts one signed delivery id reused for another body (409).
    pub fn conflict(&self, adapter: &'static str) {
        bump(&self.conflicts, adapter, 1);
    }

    /// Counts one request refused because the server was saturated.
    pub fn overloaded(&self) {
        self.overloaded.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one request on `route` that ran out of time.
    pub fn timeout(&self, route: &'static str) {
        bump(&self.timeouts, route, 1);
    }

    /// Counts one request on `route` whose body came too slowly (408).
    pub fn slow_body(&self, route: &'static str) {
        bump(&self.slow_bodies, route, 1);
    }

    /// Counts one answer whose findings were cut at the cap, by endpoint.
    pub fn truncated(&self, endpoint: &'static str) {
        bump(&self.truncated, endpoint, 1);
    }

    /// Counts one check stopped before its end.
    pub(crate) fn check_stopped(&self, why: &coquille::checker::Stopped) {
        let reason = match why {
            coquille::checker::Stopped::Cancelled => "cancelled",
            coquille::checker::Stopped::DeadlinePassed => "deadline",
        };
        bump(&self.stopped, reason, 1);
    }

    /// Counts one access-log line not written (rate limit).
    pub fn log_suppressed(&self) {
        self.log_suppressed.fetch_add(1, Ordering::Relaxed);
    }

    /// Adds `delta` to the number of requests in flight.
    pub fn in_flight(&self, delta: i64) {
        self.in_flight.fetch_add(delta, Ordering::Relaxed);
    }

    /// Adds `delta` to the bytes of request bodies held.
    pub fn pending_body_bytes(&self, delta: i64) {
        self.pending_body_bytes.fetch_add(delta, Ordering::Relaxed);
    }

    /// Counts one check as running until the guard is dropped.
    pub(crate) fn check_running(&self) -> Running<'_> {
        self.checks_running.fetch_add(1, Ordering::Relaxed);
        Running(&self.checks_running)
    }

    /// The Prometheus text exposition of every metric.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(4096);
        header(
            &mut out,
            "coquille_http_requests_total",
            "counter",
            "HTTP requests answered, by route template and status.",
        );
        for ((route, status), n) in self
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "coquille_http_requests_total{{route=\"{}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        header(
            &mut out,
            "coquille_check_duration_seconds",
            "histogram",
            "Time spent checking the text of one request, by endpoint.",
        );
        for (endpoint, h) in self
            .latency
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            for (le, c) in BUCKETS.iter().zip(h.counts) {
                let _ = writeln!(
                    out,
                    "coquille_check_duration_seconds_bucket{{endpoint=\"{endpoint}\",le=\"{le}\"}} {c}"
                );
            }
            let _ = writeln!(
                out,
                "coquille_check_duration_seconds_bucket{{endpoint=\"{endpoint}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "coquille_check_duration_seconds_sum{{endpoint=\"{endpoint}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "coquille_check_duration_seconds_count{{endpoint=\"{endpoint}\"}} {}",
                h.count
            );
        }
        header(
            &mut out,
            "coquille_findings_total",
            "counter",
            "Findings reported, by rule and severity.",
        );
        for ((rule, sev), n) in self
            .findings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "coquille_findings_total{{rule=\"{rule}\",severity=\"{sev}\"}} {n}"
            );
        }
        header(
            &mut out,
            "coquille_verdicts_total",
            "counter",
            "Verdicts given, by endpoint and verdict.",
        );
        for ((endpoint, v), n) in self
            .verdicts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "coquille_verdicts_total{{endpoint=\"{endpoint}\",verdict=\"{v}\"}} {n}"
            );
        }
        header(
            &mut out,
            "coquille_webhook_rejections_total",
            "counter",
            "Webhook deliveries refused with 401, by adapter and reason.",
        );
        for ((adapter, reason), n) in self
            .rejections
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "coquille_webhook_rejections_total{{adapter=\"{adapter}\",reason=\"{reason}\"}} {n}"
            );
        }
        labelled(
            &mut out,
            "coquille_webhook_replays_total",
            "Repeated deliveries answered from the stored verdict, by adapter.",
            "adapter",
            &self.replays,
        );
        labelled(
            &mut out,
            "coquille_webhook_conflicts_total",
            "Signed delivery ids reused for a different body (409), by adapter.",
            "adapter",
            &self.conflicts,
        );
        labelled(
            &mut out,
            "coquille_timeouts_total",
            "Requests that ran out of time (503), by route.",
            "route",
            &self.timeouts,
        );
        labelled(
            &mut out,
            "coquille_slow_bodies_total",
            "Requests whose body came slower than min_body_rate (408), by route.",
            "route",
            &self.slow_bodies,
        );
        labelled(
            &mut out,
            "coquille_checks_stopped_total",
            "Checks stopped before their end: client gone (cancelled) or out of time (deadline).",
            "reason",
            &self.stopped,
        );
        labelled(
            &mut out,
            "coquille_truncated_answers_total",
            "Answers whose findings were cut at max_findings_per_field or _per_request, by endpoint.",
            "endpoint",
            &self.truncated,
        );
        for (name, kind, help, value) in [
            (
                "coquille_overloaded_total",
                "counter",
                "Requests refused with 503 because too many requests or body bytes were in flight.",
                self.overloaded.load(Ordering::Relaxed) as i64,
            ),
            (
                "coquille_log_lines_suppressed_total",
                "counter",
                "Error access-log lines not written because of the rate limit.",
                self.log_suppressed.load(Ordering::Relaxed) as i64,
            ),
            (
                "coquille_in_flight_requests",
                "gauge",
                "Requests being handled now, including checks still stopping after their client left.",
                self.in_flight.load(Ordering::Relaxed),
            ),
            (
                "coquille_checks_running",
                "gauge",
                "Checks running now on the blocking pool.",
                self.checks_running.load(Ordering::Relaxed),
            ),
            (
                "coquille_pending_body_bytes",
                "gauge",
                "Bytes of request bodies held now: reserved before a body is read, released when its check has stopped.",
                self.pending_body_bytes.load(Ordering::Relaxed),
            ),
        ] {
            header(&mut out, name, kind, help);
            let _ = writeln!(out, "{name} {value}");
        }
        out
    }
}

/// A counter with one label.
fn labelled(
    out: &mut String,
    name: &str,
    help: &str,
    label: &str,
    values: &Mutex<BTreeMap<&'static str, u64>>,
) {
    header(out, name, "counter", help);
    for (value, n) in values.lock().unwrap_or_else(|e| e.into_inner()).iter() {
        let _ = writeln!(out, "{name}{{{label}=\"{value}\"}} {n}");
    }
}

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposition_has_counters_and_a_cumulative_histogram() {
        let m = Metrics::default();
        m.request("/v1/check", 200);
        m.request("/v1/check", 200);
        m.check_latency("v1", Duration::from_millis(3));
        m.findings("duplicate-punctuation", "error", 2);
        m.verdict("v1", "fail");
        let text = m.render();
        assert!(
            text.contains("coquille_http_requests_total{route=\"/v1/check\",status=\"200\"} 2")
        );
        assert!(
            text.contains(
                "coquille_check_duration_seconds_bucket{endpoint=\"v1\",le=\"0.0025\"} 0"
            )
        );
        assert!(
            text.contains("coquille_check_duration_seconds_bucket{endpoint=\"v1\",le=\"0.005\"} 1")
        );
        assert!(
            text.contains("coquille_check_duration_seconds_bucket{endpoint=\"v1\",le=\"+Inf\"} 1")
        );
        assert!(text.contains(
            "coquille_findings_total{rule=\"duplicate-punctuation\",severity=\"error\"} 2"
        ));
        assert!(text.contains("coquille_verdicts_total{endpoint=\"v1\",verdict=\"fail\"} 1"));
        assert!(text.contains("# TYPE coquille_check_duration_seconds histogram"));
    }
}
