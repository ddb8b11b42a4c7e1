//! Every rule, one file each, registered in [`ALL`] sorted by id.

use crate::rule::Rule;

mod addition;
mod boilerplate;
mod broken_markup;
mod capital_accent;
mod duplicate_punctuation;
mod english_number_format;
mod english_quotes;
mod french_spacing;
mod glued_words;
mod imperial_units;
mod length_ratio;
mod markup_mismatch;
mod missing_sentence_boundary;
mod mojibake;
mod name_translated;
mod number_mismatch;
mod omission;
mod regex_util;
mod repeated_sentence;
mod repeated_word;
mod sentence_fragment;
mod space_before_punctuation;
mod truncated_text;
mod untranslated_copy;
mod untranslated_english;

pub use addition::Addition;
pub use boilerplate::Boilerplate;
pub use broken_markup::BrokenMarkup;
pub use capital_accent::CapitalAccent;
pub use duplicate_punctuation::DuplicatePunctuation;
pub use english_number_format::EnglishNumberFormat;
pub use english_quotes::EnglishQuotes;
pub use french_spacing::FrenchSpacing;
pub use glued_words::GluedWords;
pub use imperial_units::ImperialUnits;
pub use length_ratio::LengthRatio;
pub use markup_mismatch::MarkupMismatch;
pub use missing_sentence_boundary::MissingSentenceBoundary;
pub use mojibake::Mojibake;
pub use name_translated::NameTranslated;
pub use number_mismatch::NumberMismatch;
pub use omission::Omission;
pub use repeated_sentence::RepeatedSentence;
pub use repeated_word::RepeatedWord;
pub use sentence_fragment::SentenceFragment;
pub use space_before_punctuation::SpaceBeforePunctuation;
pub use truncated_text::TruncatedText;
pub use untranslated_copy::UntranslatedCopy;
pub use untranslated_english::UntranslatedEnglish;

/// Every rule Coquille has, sorted by id.
pub static ALL: &[&dyn Rule] = &[
    &Addition,
    &Boilerplate,
    &BrokenMarkup,
    &CapitalAccent,
    &DuplicatePunctuation,
    &EnglishNumberFormat,
    &EnglishQuotes,
    &FrenchSpacing,
    &GluedWords,
    &ImperialUnits,
    &LengthRatio,
    &MarkupMismatch,
    &MissingSentenceBoundary,
    &Mojibake,
    &NameTranslated,
    &NumberMismatch,
    &Omission,
    &RepeatedSentence,
    &RepeatedWord,
    &SentenceFragment,
    &SpaceBeforePunctuation,
    &TruncatedText,
    &UntranslatedCopy,
    &UntranslatedEnglish,
];

/// The rule with this id, if any.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| r.meta().id == id)
}

/// Odd inputs every rule must survive with spans on character boundaries.
#[cfg(test)]
pub(crate) const EDGE_CASES: &[&str] = &[
    "",
    " ",
    "\n\n\n",
    "<",
    ">",
    "&",
    "&;",
    "&#;",
    "&#x;",
    "&#99999999999;",
    "&amp;",
    "&amp;#xD800;",
    "< /",
    "</",
    "<İİ>",
    "< /İ>",
    "<\u{a0}p>",
    "Ã",
    "Ã ",
    "â€",
    "ðŸ",
    "\u{fffd}",
    "\u{0}\u{85}\u{7f}",
    "1",
    "1,",
    "1.",
    ",1",
    "$",
    "$1",
    "€1.5 billion",
    "1,000,000,000,000,000,000,000,000 personnes",
    "99999999999999999999999999 miles",
    "0 miles",
    "1e308 miles",
    "5'11\"",
    "le le le",
    "le\nle",
    "l' l'",
    "Ééé ééé",
    "İ İ",
    "ﬁ ﬁ",
];

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

    /// Rules look at bounded windows of bytes around what they find (so that
    /// huge inputs stay linear); a window edge that falls inside a multi-byte
    /// character must not panic. Every rule runs, through the checker, on
    /// texts where such edges fall at every byte of 2-, 3- and 4-byte
    /// characters, before and after the usual triggers.
    #[test]
    fn no_rule_panics_at_window_edges() {
        use crate::{Checker, Document};
        let checker = Checker::default();
        // The padding brings the trigger's window edge into this run.
        let wide = "é€𝄞".repeat(4);
        let triggers = [
            "<a ",
            "« ",
            "\"",
            "(",
            "http://x/",
            "Le ",
            "1 ",
            "…",
            "A. ",
            "- ",
            "le ",
            ": ",
            "&",
            ". .",
            "12 miles ",
            "“",
        ];
        let mut checked = 0;
        for window in [12usize, 48, 80, 200, 256, 400, 500, 600, 1000, 1024, 2000] {
            for n in window.saturating_sub(4)..=window + 4 {
                for t in triggers {
                    let pad = "a".repeat(n.saturating_sub(t.len()));
                    for text in [
                        format!("{t}{pad}{wide} >"),
                        format!("{wide}{pad}{t}"),
                        format!("{t} {pad}{wide}\n{t}"),
                    ] {
                        let doc = Document::new(&text);
                        for f in checker.findings(&doc) {
                            assert!(
                                f.span.end <= text.len()
                                    && text.is_char_boundary(f.span.start)
                                    && text.is_char_boundary(f.span.end),
                                "{}: unsound span {:?}",
                                f.rule,
                                f.span
                            );
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 1000);
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
