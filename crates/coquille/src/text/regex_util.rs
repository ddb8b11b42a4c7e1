//! A fast, exact stand-in for regex searches that the `regex` crate runs
//! slowly.
//!
//! A Unicode word boundary `\b` anywhere in a pattern stops the lazy DFA at the
//! first non-ASCII byte (nearly every line of French), and the search falls
//! back to the PikeVM: 30–40 MB/s instead of GB/s. [`BoundaryMatches`]
//! iterates the matches of `\b(?:re)` with `re` written without the leading
//! `\b`; a trailing `\b` after a word character is written `(?:\W|$)` in
//! `re` and the match end taken from a group.

use crate::span::Span;
use crate::text::chars::is_regex_word_char as is_word_char;
use regex::{Captures, Regex};

/// Whether `\b` holds at `pos` when the character at `pos` is a word
/// character: at the start, or after a non-word character.
fn boundary_before_word(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

/// The matches of `\b(?:re)`, in the order and with the spans
/// `captures_iter` would give, found with `re` (no leading `\b`), which keeps
/// the DFA fast.
///
/// Every match of `re` must begin with a word character and be non-empty. The
/// span of a match ends where `end` says (the end of the whole match unless a
/// trailing `(?:\W|$)` stands for `\b`); the next search starts there.
pub(crate) struct BoundaryMatches<'r, 't> {
    re: &'r Regex,
    text: &'t str,
    pos: usize,
    end: fn(&Captures<'t>) -> usize,
    leading: bool,
}

impl<'r, 't> BoundaryMatches<'r, 't> {
    /// Matches of `\b(?:re)` whose span is the whole match.
    pub(crate) fn new(re: &'r Regex, text: &'t str) -> Self {
        Self::with_end(re, text, |c| c.get(0).map_or(0, |m| m.end()))
    }

    /// Matches of `\b(?:re)` whose span ends at `end(captures)`.
    pub(crate) fn with_end(re: &'r Regex, text: &'t str, end: fn(&Captures<'t>) -> usize) -> Self {
        BoundaryMatches {
            re,
            text,
            pos: 0,
            end,
            leading: true,
        }
    }

    /// The matches of `re` itself (no leading `\b`), as `captures_iter` would
    /// give them, each ending at `end(captures)`: for a trailing `\b` written
    /// `(?:\W|$)`. Matches must be non-empty.
    pub(crate) fn ending_at(re: &'r Regex, text: &'t str, end: fn(&Captures<'t>) -> usize) -> Self {
        BoundaryMatches {
            leading: false,
            ..Self::with_end(re, text, end)
        }
    }
}

impl<'t> Iterator for BoundaryMatches<'_, 't> {
    type Item = (Captures<'t>, Span);

    fn next(&mut self) -> Option<Self::Item> {
        let text = self.text;
        while self.pos <= text.len() {
            let caps = self.re.captures_at(text, self.pos)?;
            let start = caps.get(0).map_or(self.pos, |m| m.start());
            if self.leading && !boundary_before_word(text, start) {
                // No match of `\b(?:re)` starts inside this run of word
                // characters, nor on the non-word character that ends it.
                let run = text[start..]
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(text.len(), |(i, _)| start + i);
                self.pos = if run > start {
                    run
                } else {
                    start + text[start..].chars().next().map_or(1, char::len_utf8)
                };
                continue;
            }
            let end = (self.end)(&caps).max(start);
            self.pos = if end > start {
                end
            } else {
                start + text[start..].chars().next().map_or(1, char::len_utf8)
            };
            return Some((caps, Span::new(start, end)));
        }
        None
    }
}

/// The matches of [`BoundaryMatches`] over `text`, searched only inside
/// `windows` (sorted, disjoint `(start, end)` byte ranges on character
/// boundaries): the same matches as over the whole text when every one of
/// those lies inside a window. Each window is searched as the text cut at its
/// end, from its start (or from where the previous match left off): so the
/// pattern must look at nothing after its match but through `$`, and no
/// match may end with `$` at a window's end that is not the text's end.
pub(crate) struct WindowMatches<'r, 't, 'w> {
    matches: BoundaryMatches<'r, 't>,
    text: &'t str,
    windows: &'w [(usize, usize)],
}

impl<'r, 't, 'w> WindowMatches<'r, 't, 'w> {
    /// The matches of `\b(?:re)` in `windows` of `text`, each span ending at
    /// `end(captures)` (see [`BoundaryMatches::with_end`]).
    pub(crate) fn with_end(
        re: &'r Regex,
        text: &'t str,
        windows: &'w [(usize, usize)],
        end: fn(&Captures<'t>) -> usize,
    ) -> Self {
        WindowMatches {
            // Over the empty text, which holds no match (they are
            // non-empty), until the first window.
            matches: BoundaryMatches::with_end(re, "", end),
            text,
            windows,
        }
    }
}

impl<'t> Iterator for WindowMatches<'_, 't, '_> {
    type Item = (Captures<'t>, Span);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(found) = self.matches.next() {
                return Some(found);
            }
            let (&(start, end), rest) = self.windows.split_first()?;
            self.windows = rest;
            self.matches.text = &self.text[..end];
            self.matches.pos = self.matches.pos.max(start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(re: &Regex, text: &str) -> Vec<(usize, usize)> {
        re.find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    const TEXTS: &[&str] = &[
        "",
        "12 miles, a12 miles, é12 miles, _3 miles 4 miles5 miles",
        "5 milesX 6 miles; 7 miles",
        "12345 miles 1 2 3 miles ² 9 miles",
        "x https://a.b www.c.d mail@x.fr <b>`c`</b> &amp; é://x",
    ];

    #[test]
    fn boundary_matches_equal_the_slow_pattern() {
        let slow = Regex::new(r"\b(?P<n>\d+) (?P<u>miles?)\b").unwrap();
        let fast = Regex::new(r"(?P<n>\d+) (?P<u>miles?)(?:\W|$)").unwrap();
        for text in TEXTS {
            let got: Vec<(usize, usize)> =
                BoundaryMatches::with_end(&fast, text, |c| c.name("u").map_or(0, |m| m.end()))
                    .map(|(_, s)| (s.start, s.end))
                    .collect();
            assert_eq!(got, spans_of(&slow, text), "{text:?}");
        }
        let slow = Regex::new(r"\b\d+").unwrap();
        let fast = Regex::new(r"\d+").unwrap();
        for text in TEXTS {
            let got: Vec<(usize, usize)> = BoundaryMatches::new(&fast, text)
                .map(|(_, s)| (s.start, s.end))
                .collect();
            assert_eq!(got, spans_of(&slow, text), "{text:?}");
        }
    }
}
