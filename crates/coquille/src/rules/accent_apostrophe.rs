use crate::data;
use crate::declare_rule;
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::chars::{is_apostrophe, letters_start};
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// A mark standing for the apostrophe of an elision, or a space after it: `d´identification`, `d »exercices`, `d' arrivée`.
    ///
    /// ## What it does
    /// Reports, after an elided French word (`l`, `d`, `j`, `m`, `n`, `s`,
    /// `t`, `c`, `qu`, `jusqu`, `lorsqu`, `puisqu`, `quoiqu`, `presqu`:
    /// `data/function-words.txt`, class `elided`) and before the letter that
    /// follows it:
    /// - the spacing acute accent (U+00B4) or a guillemet (`»`, `«`, with one
    ///   space before or after it, or none) standing for the apostrophe
    ///   (error); the typographic apostrophe `’` is suggested;
    /// - a space between the apostrophe and the next word (`d' arrivée`,
    ///   `l’ Union`; warning); the space is removed.
    ///
    /// ## Why it matters
    /// The accent is no apostrophe: it sits higher, leans the wrong way and
    /// breaks the word for search and spelling tools. It comes from a
    /// keyboard or a tool of another language (the Spanish `d´` of a page
    /// translated from Spanish); a French reader sees it at once. A
    /// guillemet glued to an elided word (`d »exercices`) is a straight
    /// apostrophe that a converter of quotation marks took for the closing
    /// mark of a quotation: the word reads as a broken quotation. A space
    /// after the apostrophe cuts the elided word from its word: it comes
    /// from a machine translation that rebuilt the words of a link or a
    /// tag (`d' Adolfo`, `l' Union`) and, more rarely, from a careless
    /// typist, hence a warning.
    ///
    /// ## Example
    /// Bad: `Données d´identification de l´Entreprise, la combinaison d »exercices, la date d' arrivée`
    ///
    /// Good: `Données d’identification de l’Entreprise, la combinaison d’exercices, la date d’arrivée`
    ///
    /// ## Not flagged
    /// The accent alone or after a word that is not elided (`a´`, a prime
    /// written with it: `5´`), the left single quotation mark `‘` (some careful
    /// pages use it all through as their apostrophe), a guillemet after a
    /// word that is not elided (`«Bof!»`, `« Le » et`), a letter quoted
    /// between marks (`la lettre 'l' a`, `«d»`), the English possessive
    /// (`the dogs' owners`), code and URLs.
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
        for (pos, mark) in text.char_indices() {
            let spaced = match mark {
                '\u{b4}' | '»' | '«' => false,
                '\'' | '’' => true,
                _ => continue,
            };
            let after = pos + mark.len_utf8();
            let is_space = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}');
            // A guillemet may keep one space of the quotation it was taken
            // for, before or after it (`d »exercices`); an apostrophe is
            // reported only with a space after it.
            let guillemet = matches!(mark, '»' | '«');
            let gap_before = match text[..pos].chars().next_back() {
                Some(c) if guillemet && is_space(c) => c.len_utf8(),
                _ => 0,
            };
            let gap_after = match text[after..].chars().next() {
                Some(' ') if spaced => 1,
                Some(c) if guillemet && gap_before == 0 && is_space(c) => c.len_utf8(),
                _ if spaced => continue,
                _ => 0,
            };
            if !text[after + gap_after..].starts_with(char::is_alphabetic) {
                continue;
            }
            let start = letters_start(text, pos - gap_before);
            let word = &text[start..pos - gap_before];
            if !ELIDED.contains(word.to_lowercase().as_str()) {
                continue;
            }
            // A letter quoted between marks (`la lettre 'l' a`, `«d»`) is
            // no elision.
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| is_apostrophe(c) || matches!(c, '«' | '»' | '‘' | '"'))
            {
                continue;
            }
            if regions.covers(&[RegionKind::Code, RegionKind::Url], pos) {
                continue;
            }
            if spaced {
                let span = Span::new(pos, after + gap_after);
                sink.push(
                    span,
                    format!("space after the apostrophe of `{word}{mark}`: remove it"),
                    Severity::Warning,
                    Some(Edit::certain(span, mark.to_string())),
                );
                continue;
            }
            let span = Span::new(pos - gap_before, after + gap_after);
            let severity = sink.default_severity();
            let message = if mark == '\u{b4}' {
                "acute accent `´` used as an apostrophe: write `’`".to_string()
            } else {
                format!("guillemet `{mark}` used as an apostrophe: write `’`")
            };
            sink.push(
                span,
                message,
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

    #[test]
    fn flags_a_guillemet_standing_for_the_apostrophe() {
        assert_marked(
            &AccentApostrophe,
            "La combinaison d⟦ »⟧exercices et l⟦«⟧avis, qu⟦»⟧il ait.",
        );
        assert_eq!(
            apply_suggestions(&AccentApostrophe, "la combinaison d »exercices"),
            "la combinaison d’exercices"
        );
    }

    #[test]
    fn leaves_quotation_guillemets_alone() {
        assert_clean(
            &AccentApostrophe,
            "«Bof!» jusqu’en avril, « Le » et «le»mot, la lettre «d» seule, «d»ou.",
        );
    }

    #[test]
    fn warns_of_a_space_after_the_apostrophe() {
        assert_marked(
            &AccentApostrophe,
            "La date d⟦' ⟧arrivée, l⟦’ ⟧Union, qu⟦' ⟧il vienne.",
        );
        assert_eq!(
            apply_suggestions(&AccentApostrophe, "avant la date d' arrivée"),
            "avant la date d'arrivée"
        );
    }

    #[test]
    fn leaves_other_spaces_after_apostrophes_alone() {
        assert_clean(
            &AccentApostrophe,
            "The dogs' owners, la lettre 'l' a, d'accord, l’avis, aujourd' hui' x, 'd' est.",
        );
    }
}
