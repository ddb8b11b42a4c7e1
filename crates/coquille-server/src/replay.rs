//! Remembers the answer given to each webhook delivery id for a while, so a
//! repeated delivery (CMS retries) gets the same verdict without a new check.

use axum::body::Bytes;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// A bounded map from delivery key to stored answer, oldest evicted first,
/// entries older than the window ignored.
#[derive(Debug)]
pub(crate) struct ReplayCache {
    inner: Mutex<Inner>,
    capacity: usize,
    window_s: i64,
}

#[derive(Debug, Default)]
struct Inner {
    map: HashMap<String, (i64, Bytes)>,
    order: VecDeque<(String, i64)>,
}

impl ReplayCache {
    pub(crate) fn new(capacity: usize, window_s: u64) -> Self {
        ReplayCache {
            inner: Mutex::new(Inner::default()),
            capacity,
            window_s: i64::try_from(window_s).unwrap_or(i64::MAX),
        }
    }

    /// The answer stored for `key` within the window, if any.
    pub(crate) fn get(&self, key: &str, now_s: i64) -> Option<Bytes> {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        inner
            .map
            .get(key)
            .filter(|(at, _)| now_s.saturating_sub(*at) <= self.window_s)
            .map(|(_, b)| b.clone())
    }

    /// Stores the answer for `key`.
    pub(crate) fn put(&self, key: String, now_s: i64, answer: Bytes) {
        if self.capacity == 0 {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        // Drop expired entries, then the oldest ones while full.
        while let Some((k, at)) = inner.order.front().cloned() {
            let expired = now_s.saturating_sub(at) > self.window_s;
            if !expired && inner.map.len() < self.capacity {
                break;
            }
            inner.order.pop_front();
            if inner.map.get(&k).is_some_and(|(stored, _)| *stored == at) {
                inner.map.remove(&k);
            }
        }
        inner.order.push_back((key.clone(), now_s));
        inner.map.insert(key, (now_s, answer));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.inner.lock().unwrap().map.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_within_the_window_and_stays_bounded() {
        let c = ReplayCache::new(2, 600);
        c.put("a".into(), 1000, Bytes::from_static(b"A"));
        assert_eq!(c.get("a", 1600).as_deref(), Some(&b"A"[..]));
        assert_eq!(c.get("a", 1601), None);
        c.put("b".into(), 1001, Bytes::from_static(b"B"));
        c.put("c".into(), 1002, Bytes::from_static(b"C"));
        assert_eq!(c.len(), 2);
        assert_eq!(c.get("a", 1002), None, "oldest evicted");
        assert!(c.get("b", 1002).is_some() && c.get("c", 1002).is_some());
        c.put("d".into(), 5000, Bytes::from_static(b"D"));
        assert_eq!(c.len(), 1, "expired entries dropped");
    }
}
