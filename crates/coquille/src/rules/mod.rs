//! Every rule, one file each, registered in [`ALL`] sorted by id.

use crate::rule::Rule;

mod accent_apostrophe;
mod addition;
mod boilerplate;
mod broken_markup;
mod capital_accent;
mod currency_position;
mod degree_comparative;
mod duplicate_punctuation;
mod elision;
mod english_age;
mod english_date;
mod english_number_format;
mod english_possessive;
mod english_quotes;
mod fahrenheit_decade;
mod french_spacing;
mod glued_words;
mod imperial_units;
mod leaked_shortcode;
mod length_ratio;
mod markdown_residue;
mod markup_mismatch;
mod missing_sentence_boundary;
mod missing_space_after_punctuation;
mod mojibake;
mod name_translated;
mod number_mismatch;
mod omission;
mod repeated_sentence;
mod repeated_word;
mod sentence_fragment;
mod space_before_punctuation;
mod sports_calque;
mod stray_full_stop;
mod title_case;
mod translated_media_name;
mod translated_team_name;
mod truncated_text;
mod twelve_hour_clock;
mod untranslated_copy;
mod untranslated_english;
mod us_place_format;
mod us_time_zone;

pub use accent_apostrophe::AccentApostrophe;
pub use addition::Addition;
pub use boilerplate::Boilerplate;
pub use broken_markup::BrokenMarkup;
pub use capital_accent::CapitalAccent;
pub use currency_position::CurrencyPosition;
pub use degree_comparative::DegreeComparative;
pub use duplicate_punctuation::DuplicatePunctuation;
pub use elision::Elision;
pub use english_age::EnglishAge;
pub use english_date::EnglishDate;
pub use english_number_format::EnglishNumberFormat;
pub use english_possessive::EnglishPossessive;
pub use english_quotes::EnglishQuotes;
pub use fahrenheit_decade::FahrenheitDecade;
pub use french_spacing::{FrenchSpacing, FrenchSpacingOptions};
pub use glued_words::GluedWords;
pub use imperial_units::ImperialUnits;
pub use leaked_shortcode::LeakedShortcode;
pub use length_ratio::LengthRatio;
pub use markdown_residue::MarkdownResidue;
pub use markup_mismatch::MarkupMismatch;
pub use missing_sentence_boundary::MissingSentenceBoundary;
pub use missing_space_after_punctuation::MissingSpaceAfterPunctuation;
pub use mojibake::Mojibake;
pub use name_translated::NameTranslated;
pub use number_mismatch::NumberMismatch;
pub use omission::Omission;
pub use repeated_sentence::RepeatedSentence;
pub use repeated_word::RepeatedWord;
pub use sentence_fragment::SentenceFragment;
pub use space_before_punctuation::SpaceBeforePunctuation;
pub use sports_calque::SportsCalque;
pub use stray_full_stop::StrayFullStop;
pub use title_case::TitleCase;
pub use translated_media_name::TranslatedMediaName;
pub use translated_team_name::TranslatedTeamName;
pub use truncated_text::TruncatedText;
pub use twelve_hour_clock::TwelveHourClock;
pub use untranslated_copy::UntranslatedCopy;
pub use untranslated_english::{UntranslatedEnglish, UntranslatedEnglishOptions};
pub use us_place_format::UsPlaceFormat;
pub use us_time_zone::UsTimeZone;

/// Every rule Coquille has, sorted by id.
pub static ALL: &[&dyn Rule] = &[
    &AccentApostrophe,
    &Addition,
    &Boilerplate,
    &BrokenMarkup,
    &CapitalAccent,
    &CurrencyPosition,
    &DegreeComparative,
    &DuplicatePunctuation,
    &Elision,
    &EnglishAge,
    &EnglishDate,
    &EnglishNumberFormat,
    &EnglishPossessive,
    &EnglishQuotes,
    &FahrenheitDecade,
    &FrenchSpacing,
    &GluedWords,
    &ImperialUnits,
    &LeakedShortcode,
    &LengthRatio,
    &MarkdownResidue,
    &MarkupMismatch,
    &MissingSentenceBoundary,
    &MissingSpaceAfterPunctuation,
    &Mojibake,
    &NameTranslated,
    &NumberMismatch,
    &Omission,
    &RepeatedSentence,
    &RepeatedWord,
    &SentenceFragment,
    &SpaceBeforePunctuation,
    &SportsCalque,
    &StrayFullStop,
    &TitleCase,
    &TranslatedMediaName,
    &TranslatedTeamName,
    &TruncatedText,
    &TwelveHourClock,
    &UntranslatedCopy,
    &UntranslatedEnglish,
    &UsPlaceFormat,
    &UsTimeZone,
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
    ". , ; .",
    ", a",
    "a. ",
    "é L'",
    "é L’é",
    "mot Le 1",
    "mot Mais,",
    ". . . a . , é ; ê",
    "«». , ».\n, \n. x\n.",
    "x\u{a0}Le\u{202f}président. déclarant\t. qu’",
    "lʼhomme Lʼ lʼ",
    "«\u{2009}a\u{2007}!\t»",
    "http://a.b/c?d=e, a@b.fr.. `x:y` <b c=\"d\"> &nbsp;:",
    "1 000 km, 12:30, 3,5 %",
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

    /// The text of the section `heading` (`## Options`) of `docs`, up to the
    /// next section.
    fn section<'d>(docs: &'d str, heading: &str) -> Option<&'d str> {
        let start = docs.find(&format!("{heading}\n"))? + heading.len() + 1;
        let rest = &docs[start..];
        Some(&rest[..rest.find("\n## ").map_or(rest.len(), |i| i + 1)])
    }

    /// A rule with options documents the keys of its options struct, as
    /// `coquille.toml` spells them, under `## Options` (one `` - `key` ``
    /// item each, with the table's name); a rule without options has no such
    /// section, or one that says so.
    #[test]
    fn every_rule_documents_its_options_as_configured() {
        let mut with_options = 0;
        for rule in ALL {
            let meta = rule.meta();
            let docs = section(meta.docs, "## Options");
            let Some(schema) = rule.options() else {
                assert!(
                    docs.is_none_or(|s| s.contains("no options")),
                    "{}: `## Options` but no options struct",
                    meta.id
                );
                continue;
            };
            with_options += 1;
            let docs = docs.unwrap_or_else(|| panic!("{}: options without `## Options`", meta.id));
            assert!(
                docs.contains(&format!("`[{}]`", meta.id)),
                "{}: `## Options` does not name the table `[{}]`",
                meta.id,
                meta.id
            );
            let mut keys: Vec<String> = docs
                .lines()
                .filter_map(|l| l.trim().strip_prefix("- `"))
                .filter_map(|l| l.split('`').next())
                .map(str::to_string)
                .collect();
            keys.sort();
            assert_eq!(keys, schema.keys(), "{}: documented keys", meta.id);
        }
        assert!(with_options >= 2);
    }

    /// Every rule, on the odd inputs of [`EDGE_CASES`], reports spans on
    /// character boundaries (and does not panic).
    #[test]
    fn every_rule_survives_the_edge_cases() {
        for rule in ALL {
            crate::rule::testing::assert_sound_spans(*rule, &Default::default());
        }
    }

    /// The examples of `## Example` in a rule's docs: the first
    /// `` `code` `` of each line starting `Source:`, `Bad:` or `Good:`, read
    /// on over the next lines when it is wrapped (its lines joined by a
    /// space). Returns the source (for bilingual rules), the bad and the good
    /// examples.
    fn examples(docs: &str) -> (Option<String>, Vec<String>, Vec<String>) {
        let section = section(docs, "## Example").unwrap_or("");
        let lines: Vec<&str> = section.lines().map(str::trim).collect();
        let (mut source, mut bad, mut good) = (None, Vec::new(), Vec::new());
        for (k, line) in lines.iter().enumerate() {
            let Some((label, rest)) = ["Source:", "Bad:", "Good:"]
                .iter()
                .find_map(|l| Some((*l, line.strip_prefix(l)?.trim_start().strip_prefix('`')?)))
            else {
                continue;
            };
            let mut code = rest.to_string();
            let mut next = k + 1;
            while !code.contains('`') && next < lines.len() && !lines[next].is_empty() {
                code.push(' ');
                code.push_str(lines[next]);
                next += 1;
            }
            let code = code.split('`').next().unwrap_or("").to_string();
            match label {
                "Source:" => source = Some(code),
                "Bad:" => bad.push(code),
                _ => good.push(code),
            }
        }
        (source, bad, good)
    }

    /// Every rule flags the bad example of its docs and passes the good one;
    /// applying its certain suggestions to the bad example changes nothing
    /// outside them and leaves nothing to report where they landed, and
    /// nothing at all when every finding had one.
    #[test]
    fn every_rule_flags_its_bad_example_and_passes_its_good_one() {
        use crate::rule::testing::{assert_clean, fix, run, run_bilingual};
        let mut fixed_examples = 0;
        for rule in ALL {
            let id = rule.meta().id;
            let (source, bad, good) = examples(rule.meta().docs);
            assert!(!bad.is_empty(), "{id}: no `Bad: `…`` example in its docs");
            if let Some(source) = source {
                // A bilingual rule: its examples are translations of the source.
                for text in &bad {
                    let found = run_bilingual(*rule, &source, text);
                    assert!(!found.is_empty(), "{id}: nothing found in {text:?}");
                }
                for text in &good {
                    let found = run_bilingual(*rule, &source, text);
                    assert!(found.is_empty(), "{id}: {found:?} in {text:?}");
                }
                continue;
            }
            for text in &bad {
                let found = run(*rule, text);
                assert!(
                    !found.is_empty(),
                    "{id}: nothing found in its bad example {text:?}"
                );
                let (fixed, applied) = fix(*rule, text);
                let all_certain = found
                    .iter()
                    .all(|f| f.suggestion.as_ref().is_some_and(|e| e.certain));
                if all_certain {
                    assert!(applied > 0);
                    assert_clean(*rule, &fixed);
                    fixed_examples += 1;
                }
            }
            for text in &good {
                assert_clean(*rule, text);
            }
        }
        assert!(
            fixed_examples >= 5,
            "only {fixed_examples} bad examples fixed"
        );
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
