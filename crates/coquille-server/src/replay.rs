//! Remembers, for a while, the verdict given to each *signed* webhook
//! delivery id, so a repeated delivery (a CMS retry) gets the same verdict
//! without a new check, and the same id with another body is refused.
//!
//! An entry is the id (at most [`MAX_ID_BYTES`]), a SHA-256 of the body and a
//! digest of the verdict (counts, never findings): well under 1 KB, so the
//! cache holds at most about `replay_cache_size` KB.

use crate::check::{CheckAnswer, Summary};
use coquille::OffsetEncoding;
use coquille::report::Verdict;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Longest delivery id remembered; a longer one is checked but not cached.
pub(crate) const MAX_ID_BYTES: usize = 256;

/// What the cache keeps of an answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Digest {
    pub verdict: Verdict,
    pub summary: Summary,
    pub offset_encoding: OffsetEncoding,
    /// The caller's document id, when at most [`MAX_ID_BYTES`].
    pub document_id: Option<String>,
}

impl Digest {
    pub(crate) fn of(answer: &CheckAnswer) -> Digest {
        Digest {
            verdict: answer.verdict,
            summary: answer.summary,
            offset_encoding: answer.offset_encoding,
            document_id: answer
                .document_id
                .clone()
                .filter(|d| d.len() <= MAX_ID_BYTES),
        }
    }
}

/// What the cache knows of a delivery id.
#[derive(Debug, PartialEq)]
pub(crate) enum Seen {
    /// Not seen within the window.
    New,
    /// Seen with the same body: its verdict.
    Same(Digest),
    /// Seen with another body.
    Other,
}

#[derive(Debug)]
struct Entry {
    at: i64,
    body: [u8; 32],
    digest: Digest,
}

/// A bounded map from delivery key to entry, oldest evicted first, entries
/// older than the window ignored.
#[derive(Debug)]
pub(crate) struct ReplayCache {
    inner: Mutex<Inner>,
    capacity: usize,
    window_s: i64,
}

#[derive(Debug, Default)]
struct Inner {
    map: HashMap<String, Entry>,
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

    /// What is known of `key` (delivered with a body hashing to `body`)
    /// within the window.
    pub(crate) fn seen(&self, key: &str, body: &[u8; 32], now_s: i64) -> Seen {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        match inner
            .map
            .get(key)
            .filter(|e| now_s.saturating_sub(e.at) <= self.window_s)
        {
            None => Seen::New,
            Some(e) if &e.body == body => Seen::Same(e.digest.clone()),
            Some(_) => Seen::Other,
        }
    }

    /// Remembers the verdict given to `key` and its body. A key already
    /// present keeps its first entry: a second body never replaces it.
    pub(crate) fn put(&self, key: String, body: [u8; 32], now_s: i64, digest: Digest) {
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
            if inner.map.get(&k).is_some_and(|e| e.at == at) {
                inner.map.remove(&k);
            }
        }
        if inner.map.contains_key(&key) {
            return;
        }
        inner.order.push_back((key.clone(), now_s));
        inner.map.insert(
            key,
            Entry {
                at: now_s,
                body,
                digest,
            },
        );
    }

    /// Entries held, and about how many bytes they take (keys twice, hashes,
    /// digests).
    pub(crate) fn usage(&self) -> (usize, usize) {
        let inner = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        let bytes = inner
            .map
            .iter()
            .map(|(k, e)| {
                2 * k.len()
                    + std::mem::size_of::<Entry>()
                    + e.digest.document_id.as_ref().map_or(0, String::len)
            })
            .sum();
        (inner.map.len(), bytes)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.usage().0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(verdict: Verdict) -> Digest {
        Digest {
            verdict,
            summary: Summary::default(),
            offset_encoding: OffsetEncoding::Utf8,
            document_id: None,
        }
    }

    #[test]
    fn stores_within_the_window_and_stays_bounded() {
        let c = ReplayCache::new(2, 600);
        let (a, b) = ([1; 32], [2; 32]);
        c.put("a".into(), a, 1000, digest(Verdict::Pass));
        assert_eq!(c.seen("a", &a, 1600), Seen::Same(digest(Verdict::Pass)));
        assert_eq!(c.seen("a", &a, 1601), Seen::New);
        c.put("b".into(), a, 1001, digest(Verdict::Fail));
        c.put("c".into(), a, 1002, digest(Verdict::Fail));
        assert_eq!(c.len(), 2);
        assert_eq!(c.seen("a", &a, 1002), Seen::New, "oldest evicted");
        assert_ne!(c.seen("b", &a, 1002), Seen::New);
        assert_ne!(c.seen("c", &a, 1002), Seen::New);
        c.put("d".into(), b, 5000, digest(Verdict::Pass));
        assert_eq!(c.len(), 1, "expired entries dropped");
    }

    #[test]
    fn an_entry_stays_under_one_kilobyte() {
        let c = ReplayCache::new(10, 600);
        let key = format!("standard\u{0}{}", "i".repeat(MAX_ID_BYTES));
        let mut d = digest(Verdict::Fail);
        d.document_id = Some("d".repeat(MAX_ID_BYTES));
        c.put(key, [1; 32], 1000, d);
        let (entries, bytes) = c.usage();
        assert_eq!(entries, 1);
        assert!(bytes < 1024, "{bytes}");
    }

    #[test]
    fn another_body_under_a_known_id_is_told_apart_and_never_stored() {
        let c = ReplayCache::new(10, 600);
        c.put("id".into(), [1; 32], 1000, digest(Verdict::Fail));
        assert_eq!(c.seen("id", &[2; 32], 1001), Seen::Other);
        c.put("id".into(), [2; 32], 1001, digest(Verdict::Pass));
        assert_eq!(
            c.seen("id", &[1; 32], 1002),
            Seen::Same(digest(Verdict::Fail))
        );
        assert_eq!(c.seen("id", &[2; 32], 1002), Seen::Other);
    }
}
