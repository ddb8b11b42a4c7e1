//! Applying suggestions: `coquille check --fix` and `--diff`.
//!
//! Only certain suggestions are applied ([`is_certain`]). Edits are applied
//! to the input bytes they name and nothing else: every byte outside an
//! applied edit is copied unchanged. When edits overlap, the one that
//! starts first wins (then the shorter one, then the smaller replacement),
//! and the others wait for the next pass; two insertions at the same place
//! are never both applied in one pass.
//!
//! [`Checker::fix`] checks, applies, and checks again until a pass changes
//! nothing (at most [`MAX_PASSES`] passes), so that running it a second
//! time on its own output changes nothing.

use crate::checker::Checker;
use crate::document::{Document, Format};
use crate::rule::{Edit, Finding};

/// Most check-and-apply passes [`Checker::fix`] makes.
pub const MAX_PASSES: usize = 10;

/// Whether `finding`'s suggestion may be applied without a person reading
/// it. Every suggestion a rule offers today is documented as certain
/// ([`Edit`]); when suggestions carry their own certainty, this is the one
/// place that reads it.
pub fn is_certain(finding: &Finding) -> bool {
    finding.suggestion.is_some()
}

/// The outcome of [`apply`]: the new text and the edits applied, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The text with the edits applied.
    pub text: String,
    /// The edits applied, sorted by position, in `text`'s *input* offsets.
    pub edits: Vec<Edit>,
}

/// Applies the edits of `edits` that do not overlap an earlier one (see the
/// module documentation) to `text`. Edits out of bounds, off char
/// boundaries or that change nothing are skipped.
pub fn apply(text: &str, edits: &[Edit]) -> Applied {
    let mut sorted: Vec<&Edit> = edits
        .iter()
        .filter(|e| {
            e.span.start <= e.span.end
                && text.get(e.span.start..e.span.end).is_some()
                && text[e.span.start..e.span.end] != e.replacement
        })
        .collect();
    sorted.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.replacement).cmp(&(b.span.start, b.span.end, &b.replacement))
    });
    let mut out = String::with_capacity(text.len());
    let mut taken: Vec<Edit> = Vec::new();
    let mut copied = 0;
    for e in sorted {
        if let Some(last) = taken.last() {
            let same_insertion =
                e.span.is_empty() && last.span.is_empty() && e.span.start == last.span.start;
            if e.span.start < last.span.end || same_insertion {
                continue;
            }
        }
        out.push_str(&text[copied..e.span.start]);
        out.push_str(&e.replacement);
        copied = e.span.end;
        taken.push(e.clone());
    }
    out.push_str(&text[copied..]);
    Applied {
        text: out,
        edits: taken,
    }
}

/// What [`Checker::fix`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The fixed text.
    pub text: String,
    /// Edits applied over all passes.
    pub applied: usize,
    /// Passes that changed the text.
    pub passes: usize,
    /// False when the last pass still changed the text ([`MAX_PASSES`]
    /// reached): running it again might change more.
    pub settled: bool,
}

impl Checker {
    /// Applies the certain suggestions of this checker to `text` until none
    /// is left (see the [module documentation](self)).
    pub fn fix(&self, text: &str, format: Format) -> Fixed {
        let mut current = text.to_string();
        let mut applied = 0;
        for pass in 0..MAX_PASSES {
            let edits: Vec<Edit> = self
                .findings(&Document::with_format(&current, format))
                .into_iter()
                .filter(is_certain)
                .filter_map(|f| f.suggestion)
                .collect();
            let done = apply(&current, &edits);
            if done.edits.is_empty() {
                return Fixed {
                    text: current,
                    applied,
                    passes: pass,
                    settled: true,
                };
            }
            applied += done.edits.len();
            current = done.text;
        }
        Fixed {
            text: current,
            applied,
            passes: MAX_PASSES,
            settled: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn edit(start: usize, end: usize, r: &str) -> Edit {
        Edit {
            span: Span::new(start, end),
            replacement: r.into(),
        }
    }

    #[test]
    fn overlapping_edits_are_resolved_the_same_way_in_any_order() {
        let text = "abcdefghij";
        let edits = [
            edit(2, 5, "X"),
            edit(3, 4, "Y"),
            edit(5, 5, "+"),
            edit(5, 5, "-"),
            edit(8, 10, "Z"),
            edit(0, 1, "a"),
        ];
        let got = apply(text, &edits);
        assert_eq!(got.text, "abX+fghZ");
        let mut reversed = edits.to_vec();
        reversed.reverse();
        assert_eq!(apply(text, &reversed), got);
        assert_eq!(got.edits.len(), 3);
    }

    #[test]
    fn bytes_outside_the_edits_are_untouched() {
        let text = "Été — fin. . Et « là »  !";
        let at = text.find(". .").unwrap();
        let edits = [
            edit(at, at + 3, "."),
            edit(text.len(), text.len() + 1, "x"),
            edit(1, 2, "?"),
            edit(0, 1, "É"),
        ];
        let got = apply(text, &edits);
        // Out of bounds, off a char boundary or changing nothing: skipped.
        assert_eq!(got.edits, [edit(at, at + 3, ".")]);
        assert_eq!(got.text, format!("{}.{}", &text[..at], &text[at + 3..]));
    }

    #[test]
    fn fixing_twice_changes_nothing_the_second_time() {
        let checker = Checker::default();
        let text =
            "La guerre continue. . Les troupes sont là.. Les chars ,,arrivent.\n\nFin de phrase .";
        let once = checker.fix(text, Format::Text);
        assert!(once.applied > 0 && once.settled, "{once:?}");
        assert_ne!(once.text, text);
        let twice = checker.fix(&once.text, Format::Text);
        assert_eq!(twice.text, once.text);
        assert_eq!(twice.applied, 0);
    }
}
