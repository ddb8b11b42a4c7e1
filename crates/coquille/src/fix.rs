//! Applying suggestions: `coquille check --fix` and `--diff`.
//!
//! Only certain suggestions are applied ([`Edit::certain`]); a suggestion
//! for a person to judge (a converted measure, a guessed accent) never is.
//! Edits are applied by [`apply_edits`], to the input bytes they name and
//! nothing else: every byte outside an applied edit is copied unchanged. When
//! edits overlap, the one that starts first wins (then the shorter one, then
//! the smaller replacement), and the others wait for the next pass; two
//! insertions at the same place are never both applied in one pass.
//!
//! [`Checker::fix`] checks, applies, and checks again until a pass changes
//! nothing (at most [`MAX_PASSES`] passes), so that running it a second
//! time on its own output changes nothing.

use crate::checker::Checker;
use crate::document::{Document, Format};
use crate::rule::{Edit, Finding, apply_edits};

/// Most check-and-apply passes [`Checker::fix`] makes.
pub const MAX_PASSES: usize = 10;

/// The suggestion of `finding` if a fixer may apply it without a person
/// reading it ([`Edit::certain`]).
pub fn certain_edit(finding: &Finding) -> Option<&Edit> {
    finding.suggestion.as_ref().filter(|e| e.certain)
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
            let found = self.findings(&Document::with_format(&current, format));
            let (text, n) = apply_edits(&current, found.iter().filter_map(certain_edit));
            if n == 0 {
                return Fixed {
                    text: current,
                    applied,
                    passes: pass,
                    settled: true,
                };
            }
            applied += n;
            current = text;
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
    use crate::rule::select_edits;
    use crate::span::Span;

    fn edit(start: usize, end: usize, r: &str) -> Edit {
        Edit::certain(Span::new(start, end), r)
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
        let got = apply_edits(text, &edits);
        assert_eq!(got, ("abX+fghZ".to_string(), 3));
        let mut reversed = edits.to_vec();
        reversed.reverse();
        assert_eq!(apply_edits(text, &reversed), got);
        assert_eq!(select_edits(text, &reversed), select_edits(text, &edits));
    }

    #[test]
    fn bytes_outside_the_edits_are_untouched() {
        let text = "Été — fin. . Et « là »  !";
        let at = text.find(". .").unwrap();
        let edits = [
            edit(at, at + 3, "."),
            edit(text.len(), text.len() + 1, "x"),
            edit(1, 2, "?"),
            edit(0, 2, "É"),
        ];
        // Out of bounds, off a char boundary or changing nothing: left out.
        assert_eq!(select_edits(text, &edits), [&edits[0]]);
        let (fixed, n) = apply_edits(text, &edits);
        assert_eq!(n, 1);
        assert_eq!(fixed, format!("{}.{}", &text[..at], &text[at + 3..]));
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

    #[test]
    fn suggestions_for_a_person_are_never_applied() {
        let checker = Checker::default();
        // capital-accent suggests `À` and imperial-units a rounded
        // conversion: both for a person to judge. The doubled full stop has
        // a certain fix.
        let text = "A Varsovie, la ville est à 55 miles de la frontière. .";
        let found = checker.findings(&Document::new(text));
        let possible: Vec<&Edit> = found
            .iter()
            .filter_map(|f| f.suggestion.as_ref())
            .filter(|e| !e.certain)
            .collect();
        assert!(
            !possible.is_empty(),
            "no uncertain suggestion: the test proves nothing ({found:?})"
        );
        let fixed = checker.fix(text, Format::Text);
        assert_eq!(fixed.applied, 1, "{fixed:?}");
        assert_eq!(
            fixed.text,
            "A Varsovie, la ville est à 55 miles de la frontière."
        );
        for e in possible {
            assert!(fixed.text.contains(e.span.slice(text)), "{e:?} applied");
        }
    }
}
