//! Every rule, one file each, registered in [`ALL`] sorted by id.

use crate::rule::Rule;

mod capital_accent;
mod duplicate_punctuation;
mod english_quotes;
mod french_spacing;
mod space_before_punctuation;

pub use capital_accent::CapitalAccent;
pub use duplicate_punctuation::DuplicatePunctuation;
pub use english_quotes::EnglishQuotes;
pub use french_spacing::FrenchSpacing;
pub use space_before_punctuation::SpaceBeforePunctuation;

/// Every rule Coquille has, sorted by id.
pub static ALL: &[&dyn Rule] = &[
    &CapitalAccent,
    &DuplicatePunctuation,
    &EnglishQuotes,
    &FrenchSpacing,
    &SpaceBeforePunctuation,
];

/// The rule with this id, if any.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| r.meta().id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_unique_and_kebab_case() {
        let ids: Vec<&str> = ALL.iter().map(|r| r.meta().id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            ids, sorted,
            "rules::ALL must be sorted by id, without duplicates"
        );
        for id in ids {
            assert!(
                id.split('-').all(|p| !p.is_empty()
                    && p.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
                "{id} is not kebab-case"
            );
        }
    }

    #[test]
    fn every_rule_is_documented() {
        for rule in ALL {
            let meta = rule.meta();
            assert!(!meta.summary().is_empty(), "{} has no summary", meta.id);
            for section in ["## Why", "## Example"] {
                assert!(
                    meta.docs.contains(section),
                    "{} docs lack a `{section}` section",
                    meta.id
                );
            }
        }
    }
}
