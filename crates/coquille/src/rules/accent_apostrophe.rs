use crate::data;
use crate::declare_rule;
use crate::rule::{Context, Edit, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::chars::letters_start;
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// An acute accent `´` standing for the apostrophe of an elision: `d´identification`, `l´Entreprise`.
    ///
    /// ## What it does
    /// Reports the spacing acute accent (U+00B4) between an elided French
    /// word (`l`, `d`, `j`, `m`, `n`, `s`, `t`, `c`, `qu`, `jusqu`,
    /// `lorsqu`, `puisqu`, `quoiqu`, `presqu`: `data/function-words.txt`,
    /// class `elided`) and the letter that follows, and
    /// suggests the typographic apostrophe `’`.
    ///
    /// ## Why it matters
    /// The accent is no apostrophe: it sits higher, leans the wrong way and
    /// breaks the word for search and spelling tools. It comes from a
    /// keyboard or a tool of another language (the Spanish `d´` of a page
    /// translated from Spanish); a French reader sees it at once.
    ///
    /// ## Example
    /// Bad: `Données d´identification de l´Entreprise`
    ///
    /// Good: `Données d’identification de l’Entreprise`
    ///
    /// ## Not flagged
    /// The accent alone or after a word that is not elided (`a´`, a prime
    /// written with it: `5´`), the left single quotation mark `‘` (some careful
    /// pages use it all through as their apostrophe), code and URLs.
    ///
    /// ## Known false positives
    /// None known.
    pub struct AccentApostrophe {
        id: "accent-apostrophe",
        category: Typography,
        severity: Error,
    }
}

/// The French words that elide their vowel before another word
/// (`data/function-words.txt`, class `elided`).
static ELIDED: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data::FUNCTION_WORDS.class("elided").collect());

impl Rule for AccentApostrophe {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&ELIDED);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let regions = ctx.doc.regions();
        for (pos, _) in text.match_indices('\u{b4}') {
            let after = pos + '\u{b4}'.len_utf8();
            if !text[after..].starts_with(char::is_alphabetic) {
                continue;
            }
            let word = &text[letters_start(text, pos)..pos];
            if !ELIDED.contains(word.to_lowercase().as_str()) {
                continue;
            }
            if regions.covers(&[RegionKind::Code, RegionKind::Url], pos) {
                continue;
            }
            let span = Span::new(pos, after);
            let severity = sink.default_severity();
            sink.push(
                span,
                "acute accent `´` used as an apostrophe: write `’`",
                severity,
                Some(Edit::certain(span, "\u{2019}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{apply_suggestions, assert_clean, assert_marked};

    #[test]
    fn flags_the_accent_of_an_elision() {
        assert_marked(
            &AccentApostrophe,
            "Données d⟦´⟧identification de l⟦´⟧Entreprise, jusqu⟦´⟧ici.",
        );
        assert_eq!(
            apply_suggestions(&AccentApostrophe, "d´identification"),
            "d’identification"
        );
    }

    #[test]
    fn leaves_other_accents_alone() {
        assert_clean(
            &AccentApostrophe,
            "Un angle de 5´ et a´b, le ´ seul, d’accord, l‘avis.",
        );
    }
}
