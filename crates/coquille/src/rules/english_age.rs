use crate::declare_rule;
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::chars::{is_apostrophe, letters_at};
use crate::text::fold;

declare_rule! {
    /// An age set between commas after a name, the English way: `Shannon Hicks, 59, a défié l'ordre`.
    ///
    /// ## What it does
    /// English news gives a person's age as a bare number between commas
    /// right after the name (*Shannon Hicks, 59, defied the order*).
    /// Translation engines copy it as it is. The rule reports a number from
    /// 1 to 120, alone between two commas, right after a capitalised word
    /// (the name) and before a word in lower case (the rest of the
    /// sentence), and suggests `59 ans`.
    ///
    /// ## Why it matters
    /// French says the unit: `Shannon Hicks, 59 ans, a défié…`. A bare
    /// number after a name reads as a jersey number or a list item, and
    /// marks the text as translated from English.
    ///
    /// ## Example
    /// Bad: `Shannon Hicks, 59, a défié un ordre d'évacuation.`
    ///
    /// Good: `Shannon Hicks, 59 ans, a défié un ordre d'évacuation.`
    ///
    /// ## Not flagged
    /// An age with its unit (`Marie Curie, 32 ans, arrive`); a list of
    /// numbers (`les lots 4, 5, 6`), a reference (`Jean, 3, 16`), a score
    /// (`Lyon, 3, Marseille, 1`), an address (`Paris, 15, rue de la Paix`),
    /// a place after a preposition (`En Bretagne, 12, selon la préfecture,
    /// ont…`: a count, not an age), a lower-case noun before the number
    /// (`Parmi les blessés, 12, selon la police`), `et` or `ou` before the
    /// name or after the number (a list), numbers above 120, code and URLs.
    ///
    /// ## Known false positives
    /// A count set between commas after a name that no preposition
    /// introduces (`Pour Lyon, les Verts, 3, ont…`).
    pub struct EnglishAge {
        id: "english-age",
        category: Locale,
        severity: Error,
    }
}

/// Words (folded) before the name that make it a place or a complement,
/// and the number after it a count (`En Bretagne, 12, selon…`), or an item
/// of a list (`Martin, 7, et Durand, 9, sont…`).
const PREPOSITIONS: &[&str] = &[
    "et", "ou", "à", "a", "au", "aux", "en", "dans", "de", "du", "des", "d", "pour", "par",
    "parmi", "chez", "selon", "sur", "sous", "vers", "avec", "contre", "entre", "depuis", "après",
    "avant",
];

/// Words (folded) after the number that make the number part of an address
/// or a list: `Paris, 15, rue de la Paix`, `Lyon, 3, et Nice`.
const NOT_AFTER: &[&str] = &[
    "et",
    "ou",
    "rue",
    "avenue",
    "av",
    "boulevard",
    "bd",
    "place",
    "chemin",
    "allée",
    "impasse",
    "quai",
    "route",
    "cours",
    "bis",
    "ter",
];

/// The word that ends right before byte `end` of `text` (letters and
/// hyphens), and the text before it.
fn word_before(text: &str, end: usize) -> (&str, &str) {
    let before = &text[..end];
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '-')
        .last()
        .map_or(end, |(i, _)| i);
    (&text[start..end], &text[..start])
}

/// A capitalised name: an upper-case letter then lower-case ones.
fn is_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 2
        && word.chars().any(char::is_lowercase)
}

/// Whether the word before `name` (ending at the end of `before`) is a
/// preposition, `et`, `ou`, or an elided `d'`, `l'`: the name is a complement.
fn introduced(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.ends_with(is_apostrophe) {
        return true;
    }
    let (word, _) = word_before(trimmed, trimmed.len());
    PREPOSITIONS.contains(&&*fold(word))
}

impl Rule for EnglishAge {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        if !ctx.doc.has_digit() {
            return;
        }
        let bytes = text.as_bytes();
        // An ASCII digit right after `, ` starts a run of digits: the runs
        // the document keeps, not every comma of the text.
        let commas = ctx
            .doc
            .digit_runs()
            .filter(|&(start, _)| text[..start].ends_with(", "))
            .map(|(start, _)| start - 2);
        for comma in commas {
            let from = comma + 2;
            let digits = bytes[from..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if !(1..=3).contains(&digits) || bytes[from] == b'0' {
                continue;
            }
            let to = from + digits;
            if !text[to..].starts_with(", ") {
                continue;
            }
            let age: u32 = text[from..to].parse().unwrap_or(0);
            if !(1..=120).contains(&age) {
                continue;
            }
            let (name, before) = word_before(text, comma);
            if !is_name(name) || introduced(before) {
                continue;
            }
            let next = letters_at(text, to + 2);
            if !next.starts_with(char::is_lowercase) || NOT_AFTER.contains(&&*fold(next)) {
                continue;
            }
            if ctx.doc.regions().covers(&RegionKind::NOT_PROSE, from) {
                continue;
            }
            let span = Span::new(from, to);
            sink.push(
                span,
                format!("an age given the English way (`{name}, {age},`): French says `{age} ans`"),
                Severity::Error,
                Some(Edit::possible(span, format!("{age} ans"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{apply_suggestions, assert_clean, assert_marked};

    #[test]
    fn flags_a_bare_age_after_a_name() {
        assert_marked(
            &EnglishAge,
            "Shannon Hicks, ⟦59⟧, a défié un ordre d'évacuation.",
        );
        assert_marked(
            &EnglishAge,
            "Le jeune Tom Basse, ⟦6⟧, la gauche, regarde le feu.",
        );
        assert_eq!(
            apply_suggestions(&EnglishAge, "Jane Doe, 34, est arrivée hier."),
            "Jane Doe, 34 ans, est arrivée hier."
        );
    }

    #[test]
    fn leaves_counts_lists_and_ages_with_their_unit_alone() {
        for text in [
            "Marie Curie, 32 ans, arrive à Paris.",
            "Les lots 4, 5, 6, et 7 sont vendus.",
            "Lire Jean, 3, 16 et Luc, 2, 1.",
            "Score final : Lyon, 3, Marseille, 1.",
            "Écrire à Paris, 15, rue de la Paix.",
            "En Bretagne, 12, selon la préfecture, ont été évacués.",
            "Parmi les blessés, 12, selon la police, sont graves.",
            "Les numéros Martin, 7, et Durand, 9, sont titulaires.",
            "Le dossier Dupont, 250, a été classé.",
            "Voir le code `f(Hicks, 59, a)` plus bas.",
        ] {
            assert_clean(&EnglishAge, text);
        }
    }
}
