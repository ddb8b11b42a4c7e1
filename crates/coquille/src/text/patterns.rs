//! A set of literal patterns found leftmost-longest, pattern by pattern in
//! a short text and with an Aho-Corasick automaton once enough text has
//! been searched to pay for building it: a 100-byte check builds nothing,
//! a batch or a long document builds the automaton once.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::OnceLock;

/// Literal patterns, searched leftmost-longest (the leftmost match, the
/// longest at one start, none overlapping another).
pub(crate) struct Patterns {
    /// The patterns, in ASCII lower case when case is ignored.
    patterns: Vec<String>,
    kind: AhoCorasickKind,
    ascii_case_insensitive: bool,
    /// Text (this one, or all searched so far) from which the automaton
    /// is built.
    automaton_from: usize,
    automaton: OnceLock<AhoCorasick>,
}

impl Patterns {
    /// `patterns` searched with an automaton of `kind` from
    /// `automaton_from` bytes of text; `ascii_case_insensitive` ignores
    /// ASCII case (the byte offsets are those of the text as given).
    pub(crate) fn new(
        patterns: Vec<String>,
        kind: AhoCorasickKind,
        ascii_case_insensitive: bool,
        automaton_from: usize,
    ) -> Self {
        let patterns = if ascii_case_insensitive {
            patterns.iter().map(|p| p.to_ascii_lowercase()).collect()
        } else {
            patterns
        };
        Patterns {
            patterns,
            kind,
            ascii_case_insensitive,
            automaton_from,
            automaton: OnceLock::new(),
        }
    }

    /// The matches in `text` as `(start, end, pattern)`, in order; the same
    /// with or without the automaton. `seen` is how much text the caller
    /// has searched so far, this one included.
    pub(crate) fn find(&self, text: &str, seen: usize) -> Vec<(usize, usize, usize)> {
        if text.len() >= self.automaton_from
            || seen >= self.automaton_from
            || self.automaton.get().is_some()
        {
            return self
                .automaton()
                .find_iter(text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
        }
        // ASCII lower case keeps every byte where it is.
        let lowered;
        let haystack = if self.ascii_case_insensitive {
            lowered = text.to_ascii_lowercase();
            lowered.as_str()
        } else {
            text
        };
        let mut all: Vec<(usize, usize, usize)> = Vec::new();
        for (id, pattern) in self.patterns.iter().enumerate() {
            all.extend(
                haystack
                    .match_indices(pattern.as_str())
                    .map(|(i, m)| (i, i + m.len(), id)),
            );
        }
        all.sort_by_key(|&(start, end, id)| (start, std::cmp::Reverse(end), id));
        let mut kept = Vec::with_capacity(all.len());
        let mut from = 0;
        for m in all {
            if m.0 >= from {
                from = m.1;
                kept.push(m);
            }
        }
        kept
    }

    /// Builds the automaton now.
    pub(crate) fn warm_up(&self) {
        self.automaton();
    }

    fn automaton(&self) -> &AhoCorasick {
        self.automaton.get_or_init(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(self.kind))
                .ascii_case_insensitive(self.ascii_case_insensitive)
                .build(&self.patterns)
                .expect("literal patterns build an automaton")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways_find_the_same() {
        let words = ["Loups", "Loups des bois", "bois", "Kings", "KINGS x"];
        let text = "Les Loups des bois, les kings x et les Loups ; bois.";
        for ci in [false, true] {
            let short = Patterns::new(
                words.iter().map(|w| w.to_string()).collect(),
                AhoCorasickKind::ContiguousNFA,
                ci,
                1 << 20,
            );
            let long = Patterns::new(
                words.iter().map(|w| w.to_string()).collect(),
                AhoCorasickKind::DFA,
                ci,
                0,
            );
            assert_eq!(
                short.find(text, 0),
                long.find(text, 0),
                "case-insensitive: {ci}"
            );
        }
    }
}
