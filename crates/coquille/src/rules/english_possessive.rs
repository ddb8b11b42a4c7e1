use crate::declare_rule;
use crate::lang::french::is_french;
use crate::lang::lexicon::{Lang, zipf_exact};
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::chars::{char_at, is_apostrophe};

declare_rule! {
    /// An English possessive `'s` left after a word: `la chambre de votre
    /// enfant ' s`, `le jouet de l'enfant's`, `chez McDonald ' s`.
    ///
    /// ## What it does
    /// Finds `'s` (straight or curly apostrophe) after a word when
    /// - spaces split it from the word or stand inside it (`enfant ' s`,
    ///   `enfant 's`, `enfant' s`): what machine translation leaves when it
    ///   cuts the English possessive into tokens and joins them back, after a
    ///   French word or a name alike;
    /// - or it is glued to a word in lower case that is French, and more
    ///   frequent in French than in English (`enfant's`): French has no
    ///   possessive `'s`, so the English construction came through
    ///   untranslated.
    ///
    /// ## Why it matters
    /// French says `de l'enfant`; `enfant ' s` is visibly broken, and any
    /// reader sees it. Names keep their `'s` as written (`McDonald's`), but
    /// not with spaces inside.
    ///
    /// ## Example
    /// Bad: `Parfait pour la chambre de votre enfant ' s, facile à nettoyer.`
    ///
    /// Good: `Parfait pour la chambre de votre enfant, facile à nettoyer.`
    ///
    /// ## Not flagged
    /// Names with their `'s` (`Kiehl's`, `McDonald's`), English words
    /// (`children's`, left to `untranslated-english`), a quoted letter (`le
    /// 's' du pluriel`), decades (`les 80's`), code and addresses.
    ///
    /// The suggestion (to check) drops the `'s` after a French word and
    /// closes the spaces after a name.
    pub struct EnglishPossessive {
        id: "english-possessive",
        category: Language,
        severity: Error,
    }
}

/// Whether `c` may follow the `s` of a possessive: a space, punctuation that
/// ends a phrase, or the end of the text (not a quote: `'s'` is a letter
/// quoted).
fn ends_possessive(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '»' | '”')
        }
    }
}

/// The word that ends at `end` in `text` (letters and inner hyphens), if any.
fn word_before(text: &str, end: usize) -> Option<Span> {
    let start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '-')
        .last()
        .map(|(i, _)| i)?;
    let word = &text[start..end];
    (word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word.starts_with(char::is_alphabetic))
    .then(|| Span::new(start, end))
}

impl Rule for EnglishPossessive {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        // Every apostrophe followed by `s`, possibly after one space. An
        // apostrophe starts with `'`, E2 (`’`) or CA (`ʼ`): only those bytes
        // are looked at.
        let apostrophes = memchr::memchr3_iter(b'\'', 0xe2, 0xca, bytes)
            .map(|at| (at, char_at(text, at).0))
            .filter(|&(_, c)| is_apostrophe(c));
        for (at, c) in apostrophes {
            let after = at + c.len_utf8();
            let space_after = matches!(bytes.get(after), Some(b' '));
            let s_at = after + usize::from(space_after);
            if bytes.get(s_at) != Some(&b's') || !ends_possessive(text[s_at + 1..].chars().next()) {
                continue;
            }
            let space_before = at > 0 && bytes[at - 1] == b' ';
            let word_end = at - usize::from(space_before);
            let Some(word) = word_before(text, word_end) else {
                continue;
            };
            let w = word.slice(text);
            let lower_case = w.starts_with(char::is_lowercase);
            let spaced = space_before || space_after;
            let glued_french = !spaced && lower_case && is_french(w) && {
                let folded = crate::text::fold(w);
                let en = zipf_exact(Lang::En, &folded).unwrap_or(0.0);
                zipf_exact(Lang::Fr, &folded).is_some_and(|fr| fr > en)
            };
            if !spaced && !glued_french {
                continue;
            }
            let span = Span::new(word.start, s_at + 1);
            if ctx.doc.regions().covers(&RegionKind::NOT_PROSE, span.start)
                || ctx.doc.regions().covers(&RegionKind::NOT_PROSE, at)
            {
                continue;
            }
            let (message, replacement) = if lower_case {
                (
                    format!(
                        "English possessive `'s` after the French word `{w}`: a leftover of the English construction (French says `de l'…`)"
                    ),
                    w.to_string(),
                )
            } else {
                (
                    format!(
                        "possessive `'s` split by spaces after `{w}`: write `{w}'s` or rephrase"
                    ),
                    format!("{w}{c}s"),
                )
            };
            sink.push(
                span,
                message,
                Severity::Error,
                Some(Edit::possible(span, replacement)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{apply_suggestions, assert_clean, assert_marked};

    #[test]
    fn flags_spaced_and_french_possessives() {
        assert_marked(
            &EnglishPossessive,
            "Parfait pour la chambre de votre ⟦enfant ' s⟧, facile à nettoyer.",
        );
        assert_marked(&EnglishPossessive, "Le jouet de l'⟦enfant's⟧ est solide.");
        assert_marked(
            &EnglishPossessive,
            "Nous avons mangé chez ⟦McDonald ’ s⟧ hier.",
        );
        assert_marked(
            &EnglishPossessive,
            "La robe de la ⟦mariée 's⟧ était blanche.",
        );
    }

    #[test]
    fn leaves_names_english_words_letters_and_decades_alone() {
        assert_clean(
            &EnglishPossessive,
            "Le baume de Kiehl's et les frites de McDonald's sont connus.",
        );
        assert_clean(&EnglishPossessive, "Le rayon children's books est au fond.");
        assert_clean(&EnglishPossessive, "Le 's' du pluriel ne se prononce pas.");
        assert_clean(
            &EnglishPossessive,
            "La mode des 80's revient, aujourd'hui s'il pleut.",
        );
        assert_clean(
            &EnglishPossessive,
            "Voir https://exemple.fr/l'enfant's/ pour la suite.",
        );
    }

    #[test]
    fn suggestions_drop_the_possessive_or_close_the_spaces() {
        assert_eq!(
            apply_suggestions(&EnglishPossessive, "La chambre de votre enfant ' s, ici."),
            "La chambre de votre enfant, ici."
        );
        assert_eq!(
            apply_suggestions(&EnglishPossessive, "Un repas chez McDonald ' s hier."),
            "Un repas chez McDonald's hier."
        );
    }
}
