use crate::data;
use crate::declare_rule;
use crate::lang::french::{self, Class};
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::chars::is_apostrophe;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::LazyLock;

declare_rule! {
    /// Names of English-language media translated word for word: `le magazine Personnes`, `selon le Courrier quotidien`, `a confié à Variété`.
    ///
    /// ## What it does
    /// Looks for the French word-for-word renderings of the names of
    /// English-language newspapers, magazines and channels
    /// (`data/media-names-en-fr.txt`: `Personnes` for People, `Courrier
    /// quotidien` for the Daily Mail, `Journal de Wall Street`), written with
    /// their capital as a name, right after a word that introduces a source:
    /// a noun of the press (`magazine`, `journal`, `quotidien`, `tabloïd`,
    /// `site`, `chaîne`…) or a preposition that names one (`à`, `selon`,
    /// `avec`, `par`, `pour`, `dans`, `d'après`; `de`, `du` too before a
    /// name of two words or more), an article between them or not (`selon
    /// le Courrier quotidien`). The outlet's real name is suggested.
    ///
    /// ## Why it matters
    /// French-language media cite these outlets by their English names (`le
    /// magazine People`, `le Daily Mail`). `a confirmé à Personnes` tells a
    /// French reader nothing, and is one of the surest signs of a machine
    /// translation of American celebrity news.
    ///
    /// ## Example
    /// Bad: `L'actrice a confirmé la nouvelle au magazine Personnes.`
    ///
    /// Good: `L'actrice a confirmé la nouvelle au magazine People.`
    ///
    /// ## Not flagged
    /// The same words as common words or in other names: `des personnes
    /// âgées`, `l'Association des Personnes handicapées` (an adjective
    /// follows), `la date limite`, `avant la Date limite` (no source word
    /// before it), a rendering at the start of a sentence, code and URLs.
    /// Outlets whose rendering is the name of a French-language title (`Le
    /// Soleil`, `L'Indépendant`) are not listed.
    ///
    /// ## Known false positives
    /// A French publication or a work whose name is one of the renderings,
    /// cited after a preposition (`un article paru dans Variété`, for a
    /// French magazine of that name).
    pub struct TranslatedMediaName {
        id: "translated-media-name",
        category: Language,
        severity: Error,
    }
}

/// Nouns of the press that introduce a title (`le magazine Personnes`).
const PRESS_NOUNS: &[&str] = &[
    "magazine",
    "revue",
    "journal",
    "quotidien",
    "hebdomadaire",
    "mensuel",
    "tabloïd",
    "tabloïde",
    "tabloid",
    "site",
    "média",
    "chaîne",
    "émission",
    "publication",
    "périodique",
];

/// Prepositions that name a source (`a confié à Personnes`, `selon Variété`).
const SOURCE_PREPOSITIONS: &[&str] = &[
    "à",
    "au",
    "selon",
    "avec",
    "par",
    "pour",
    "dans",
    "d'après",
    "d’après",
];

/// Prepositions that introduce a source only before a longer name (`un
/// article du Courrier quotidien`; `de Personnes` may be a name of
/// something else).
const LONG_NAME_PREPOSITIONS: &[&str] = &["de", "du", "d'", "d’"];

struct Media {
    /// The outlet's name as French-language media write it.
    name: &'static str,
    /// A word-for-word rendering of it.
    rendering: &'static str,
    /// The rendering has more than one word.
    long: bool,
}

/// The renderings, searched in one pass (`MEDIA`'s order).
static RENDERINGS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::NoncontiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(MEDIA.iter().map(|m| m.rendering))
        .expect("media renderings build an automaton")
});

static MEDIA: LazyLock<Vec<Media>> = LazyLock::new(|| {
    data::MEDIA_NAMES
        .pairs()
        .flat_map(|(name, renderings)| {
            renderings
                .split('|')
                .map(str::trim)
                .map(move |rendering| Media {
                    name,
                    rendering,
                    long: rendering.contains(' '),
                })
        })
        .collect()
});

/// The word that ends right before `pos` on the same line (spaces skipped),
/// with a glued elision (`d'`, `l'`) counted as a word: a slice of `text`.
fn word_before(text: &str, pos: usize) -> &str {
    let before = &text[..pos];
    let trimmed = before.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    if trimmed.len() == before.len() {
        // Glued: `d'Personnes`, `d’après`.
        if let Some(c) = trimmed.chars().next_back()
            && is_apostrophe(c)
        {
            let start = trimmed[..trimmed.len() - c.len_utf8()]
                .rfind(|c: char| !c.is_alphabetic())
                .map_or(0, |i| i + 1);
            return &trimmed[start..];
        }
        return "";
    }
    let start = trimmed
        .rfind(|c: char| !(c.is_alphabetic() || is_apostrophe(c)))
        .map_or(0, |i| {
            i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
        });
    &trimmed[start..]
}

/// The word that starts right after `pos` on the same line, if any.
fn word_after(text: &str, pos: usize) -> &str {
    let rest = &text[pos..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let end = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    &trimmed[..end]
}

/// Whether `word` (lower case) may only describe the noun before it: an
/// adjective or a participle, no verb or grammatical word (`Personnes
/// âgées`, `Personnes handicapées`).
fn describes(word: &str) -> bool {
    if !word.starts_with(char::is_lowercase) {
        return false;
    }
    french::classes(word).is_some_and(|c| {
        c.any(&[Class::Adjective, Class::Participle])
            && !c.any(&[
                Class::Verb,
                Class::Determiner,
                Class::Pronoun,
                Class::Preposition,
                Class::Conjunction,
                Class::Adverb,
            ])
    })
}

impl Rule for TranslatedMediaName {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for found in RENDERINGS.find_iter(text) {
            let media = &MEDIA[found.pattern().as_usize()];
            let (start, end) = (found.start(), found.end());
            // Whole words only.
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                || text[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            // Past an article: `selon le Courrier quotidien`.
            let mut before = word_before(text, start);
            if ["le", "la", "les", "l'", "l’", "Le", "La", "Les", "L'", "L’"].contains(&before)
            {
                let article_start = before.as_ptr() as usize - text.as_ptr() as usize;
                before = word_before(text, article_start);
            }
            let before = before.to_lowercase();
            let cue = PRESS_NOUNS.contains(&before.as_str())
                || SOURCE_PREPOSITIONS.contains(&before.as_str())
                || (media.long && LONG_NAME_PREPOSITIONS.contains(&before.as_str()));
            if !cue {
                continue;
            }
            if !media.long && describes(word_after(text, end)) {
                continue;
            }
            if ctx.doc.regions().covers(&RegionKind::NOT_PROSE, start) {
                continue;
            }
            let span = Span::new(start, end);
            sink.report_suggestion(
                span,
                format!(
                    "name of a medium translated word for word: `{}` is `{}`, which French-language media cite by its English name",
                    media.rendering, media.name
                ),
                media.name,
            );
        }
    }

    fn warm_up(&self) {
        LazyLock::force(&RENDERINGS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{apply_suggestions, assert_clean, assert_marked};

    #[test]
    fn flags_translated_media_after_a_source_word() {
        assert_marked(
            &TranslatedMediaName,
            "L’actrice a confirmé au magazine ⟦Personnes⟧ qu’elle attend un enfant.",
        );
        assert_marked(
            &TranslatedMediaName,
            "Il a publié une déclaration envoyée à ⟦Personnes⟧.",
        );
        assert_marked(
            &TranslatedMediaName,
            "Les photos publiées par le ⟦Courrier quotidien⟧ ont fait le tour du web.",
        );
        assert_marked(
            &TranslatedMediaName,
            "Selon un article du ⟦Journal de Wall Street⟧, la banque recule.",
        );
    }

    #[test]
    fn suggests_the_real_name() {
        assert_eq!(
            apply_suggestions(
                &TranslatedMediaName,
                "Elle l’a confirmé au magazine Personnes."
            ),
            "Elle l’a confirmé au magazine People."
        );
    }

    #[test]
    fn leaves_common_words_and_other_names_alone() {
        assert_clean(
            &TranslatedMediaName,
            "Des personnes âgées attendaient. Personnes présentes : douze.",
        );
        assert_clean(
            &TranslatedMediaName,
            "Un don à l’Association pour Personnes handicapées, avant la Date limite.",
        );
        assert_clean(
            &TranslatedMediaName,
            "La date limite approche ; Variété et chanson française se mêlent.",
        );
        assert_clean(
            &TranslatedMediaName,
            "Il a confié au magazine People qu’il lit le Daily Mail.",
        );
    }

    #[test]
    fn every_listed_rendering_is_read() {
        assert!(MEDIA.len() >= 20);
        assert!(
            MEDIA.iter().all(|m| {
                !m.rendering.is_empty() && m.rendering.starts_with(char::is_uppercase)
            })
        );
    }
}
