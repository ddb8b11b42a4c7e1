//! Inline suppression: comments in the checked text that turn rules off.
//!
//! One syntax for every input format, an HTML comment, which never occurs
//! in prose:
//!
//! ```text
//! <!-- coquille-ignore english-quotes, untranslated-english -->
//! <!-- coquille-ignore -->
//! <!-- coquille-ignore-file french-spacing -->
//! ```
//!
//! - `coquille-ignore RULE-ID[, RULE-ID ...]` turns the named rules off for
//!   one block (paragraph): the block the comment stands in, or, when it
//!   stands between blocks, the next one. Without ids it turns every rule
//!   off for that block.
//! - `coquille-ignore-file RULE-ID[, ...]` turns them off for the whole
//!   document (every rule without ids).
//! - Ids are separated by commas and/or spaces; they are compared without
//!   regard to case.
//!
//! In HTML and Markdown the comment is already invisible to readers. In
//! plain text the comment must stand on a line of its own, and that line is
//! not read by the rules: a plain text has no comment syntax of its own, and
//! a `#` or `//` line would be ambiguous in prose (`# 1`, a URL).
//!
//! A suppression applies to findings that start in its scope; findings of
//! other rules in the same bytes are still reported.

use crate::span::Span;

/// Where a directive applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The block the comment stands in, or else the next block.
    Block,
    /// The whole document.
    File,
}

/// One `<!-- coquille-ignore ... -->` comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The comment, `<!--` to `-->`, in input bytes.
    pub span: Span,
    /// Where it applies.
    pub scope: Scope,
    /// The rule ids as written, lowercased; empty: every rule.
    pub rules: Vec<String>,
}

impl Directive {
    /// Whether this directive names `rule` (or names no rule: all of them).
    pub fn covers(&self, rule: &str) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| r == rule)
    }
}

const OPEN: &str = "<!--";
const CLOSE: &str = "-->";
pub(crate) const KEYWORD: &str = "coquille-ignore";

/// Every suppression comment of `text`, in order. With `own_line`, only
/// comments that stand alone on their line(s) count (plain text).
pub fn directives(text: &str, own_line: bool) -> Vec<Directive> {
    let mut out = Vec::new();
    let mut pos = 0;
    // The comment openers through one vector search, most texts having none.
    while let Some(rel) = memchr::memmem::find(&text.as_bytes()[pos..], OPEN.as_bytes()) {
        let open = pos + rel;
        let body_start = open + OPEN.len();
        let Some(close_rel) = text[body_start..].find(CLOSE) else {
            break;
        };
        let body_end = body_start + close_rel;
        let end = body_end + CLOSE.len();
        pos = end;
        let Some(rest) = text[body_start..body_end].trim().strip_prefix(KEYWORD) else {
            continue;
        };
        let (scope, ids) = match rest.strip_prefix("-file") {
            Some(ids) => (Scope::File, ids),
            None => (Scope::Block, rest),
        };
        // `coquille-ignored` or `coquille-ignore-next` are not ours.
        if !(ids.is_empty() || ids.starts_with(|c: char| c.is_whitespace())) {
            continue;
        }
        if own_line && !alone_on_its_lines(text, open, end) {
            continue;
        }
        let rules = ids
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|id| !id.is_empty())
            .map(str::to_lowercase)
            .collect();
        out.push(Directive {
            span: Span::new(open, end),
            scope,
            rules,
        });
    }
    out
}

/// Whether only white space stands around `start..end` on its lines.
fn alone_on_its_lines(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty()
}

/// The span a directive applies to, given the document's blocks (sorted,
/// in input bytes): the first block that ends after the comment; `None`
/// when no block does.
pub fn scope_span(directive: &Directive, blocks: &[Span], text_len: usize) -> Option<Span> {
    match directive.scope {
        Scope::File => Some(Span::new(0, text_len)),
        Scope::Block => {
            let i = blocks.partition_point(|b| b.end <= directive.span.end);
            blocks.get(i).copied()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ids_scopes_and_ignores_other_comments() {
        let text = "<!-- coquille-ignore english-quotes, Untranslated-English -->\n\
                    <!--coquille-ignore-->\n\
                    <!-- coquille-ignore-file french-spacing boilerplate -->\n\
                    <!-- coquille-ignored x --><!-- note --><!-- coquille-ignore-next x -->";
        let d = directives(text, false);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].scope, Scope::Block);
        assert_eq!(d[0].rules, ["english-quotes", "untranslated-english"]);
        assert!(d[0].covers("english-quotes") && !d[0].covers("boilerplate"));
        assert!(d[1].rules.is_empty() && d[1].covers("boilerplate"));
        assert_eq!(d[2].scope, Scope::File);
        assert_eq!(d[2].rules, ["french-spacing", "boilerplate"]);
        assert_eq!(d[0].span.slice(text), text.lines().next().unwrap());
    }

    #[test]
    fn plain_text_wants_the_comment_alone_on_its_line() {
        let text =
            "Une phrase <!-- coquille-ignore x --> ici.\n  <!-- coquille-ignore y -->  \nFin.";
        let d = directives(text, true);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].rules, ["y"]);
    }

    #[test]
    fn a_block_directive_covers_its_block_or_the_next() {
        let blocks = [Span::new(0, 10), Span::new(30, 50), Span::new(60, 70)];
        let between = Directive {
            span: Span::new(12, 28),
            scope: Scope::Block,
            rules: vec![],
        };
        assert_eq!(scope_span(&between, &blocks, 70), Some(Span::new(30, 50)));
        let inside = Directive {
            span: Span::new(35, 40),
            ..between.clone()
        };
        assert_eq!(scope_span(&inside, &blocks, 70), Some(Span::new(30, 50)));
        let last = Directive {
            span: Span::new(71, 80),
            ..between
        };
        assert_eq!(scope_span(&last, &blocks, 80), None);
    }

    #[test]
    fn unclosed_and_odd_comments_do_not_panic() {
        for text in [
            "<!--",
            "<!-- coquille-ignore",
            "<!---->",
            "<!-- coquille-ignore é -->é",
        ] {
            let _ = directives(text, true);
            let _ = directives(text, false);
        }
    }
}
