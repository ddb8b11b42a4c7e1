//! Units whose source is a message key, not text.
//!
//! Many catalogues are keyed: the unit's source (an XLIFF `<source>`, a PO
//! `msgid`) holds an identifier such as `post.too_short_content` or a hash
//! such as `0d999f2`, and the English text lives in another file (Symfony
//! applications that extract keys, i18next and Angular projects, Part-DB,
//! Bolt CMS's `validators.fr.xlf`). Comparing a French sentence with such a
//! source says nothing about the translation: every placeholder of the
//! French is "not in the source", the hash's digits are "missing", the
//! sentence "has no counterpart". [`is_key_unit`] tells such units apart,
//! once per unit, so that the bilingual rules skip them
//! ([`crate::bilingual::unit_findings`]); the monolingual rules still check
//! their target.
//!
//! The test is on the shape of the source, and is strict, because a real
//! one-word English source (`Save`, `Cancel`, `Email`, `OK`, `Sign-in`)
//! must still be compared with its translation. English words have vowels,
//! no digits inside, and are not joined by `.` or `_`; keys are one token
//! made for a program. Two English shapes come close and are kept apart: a
//! GTK access key (`Pre_view`, `Co_nnect`: one `_` inside an English word)
//! and abbreviations (`Sym.Val.`, ending in `.`).

use crate::lang::lexicon::{Lang, zipf};

/// Characters an identifier is made of, besides ASCII letters and digits.
const KEY_PUNCTUATION: &[u8] = b"_.-:/";

/// Whether `source` is a message key rather than text: one token without
/// white space, of ASCII letters, digits and `_ . - : /` only, that is
///
/// - words joined by `.` or `_`: a `.` or `_` stands between two letters
///   or digits, and at least two of the parts (cut at `_ . - : /`) have
///   two characters or more with a letter (`post.too_short_content`,
///   `user.not_valid_email`, `ERROR_CODE`, `KP_Enter`; not `e.g`, `3.14`,
///   `v1.2`, `x86_64`), and it is not an English word with an access key
///   (one `_` whose removal leaves English words: `Pre_view`,
///   `T_wo-sided`);
/// - or a hash: six hexadecimal digits or more, at least one a digit
///   (`0d999f2`, `9670078`; not `facade`);
/// - or a random id: six letters and digits or more that alternate at
///   least twice (`o8A8a0H`, `jG0QFKw`; not `OAuth2`, `MP3`), or six
///   letters or more without a vowel, not all capitals (`jdjkwq`; not
///   `rhythm`, which has `y`).
///
/// A hyphen alone does not make a key: `sign-in`, `e-mail`, `up-to-date`
/// are English. Nor does a token that ends like a label or an
/// abbreviation, in `:` or `.` (`Si_ze:`, `Sym.Val.`).
///
/// One pseudo-message of gettext catalogues is a key by convention:
/// `translator-credits` (GNOME and GTK programs, for `GtkAboutDialog`),
/// whose translation lists the translators, not a rendering of English.
pub fn is_message_key(source: &str) -> bool {
    let s = source.trim();
    if s == "translator-credits" || s == "translator_credits" {
        return true;
    }
    let b = s.as_bytes();
    if b.is_empty()
        || b.len() > 256
        || s.ends_with(['.', ':'])
        || !b
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || KEY_PUNCTUATION.contains(c))
    {
        return false;
    }
    (joined_words(b) && !access_key(s)) || hash(b) || random_id(b)
}

/// Words joined by `.` or `_` (see [`is_message_key`]).
fn joined_words(b: &[u8]) -> bool {
    joins(b)
        && b.split(|c| KEY_PUNCTUATION.contains(c))
            .filter(|part| part.len() >= 2 && part.iter().any(u8::is_ascii_alphabetic))
            .count()
            >= 2
}

/// A `.` or `_` between two letters or digits.
fn joins(b: &[u8]) -> bool {
    b.windows(3).any(|w| {
        matches!(w[1], b'.' | b'_') && w[0].is_ascii_alphanumeric() && w[2].is_ascii_alphanumeric()
    })
}

/// An English word or compound with the `_` that marks its access key in
/// GTK and Glade (`Pre_view`, `Co_nnect`, `T_wo-sided`): one `_`, and
/// without it English words only.
fn access_key(s: &str) -> bool {
    s.matches('_').count() == 1
        && !s.contains(['.', ':', '/'])
        && s.replace('_', "")
            .split('-')
            .all(|w| zipf(Lang::En, w).is_some())
}

/// Six hexadecimal digits or more, one of them at least a digit.
fn hash(b: &[u8]) -> bool {
    b.len() >= 6 && b.iter().all(u8::is_ascii_hexdigit) && b.iter().any(u8::is_ascii_digit)
}

/// Six letters and digits or more, in at least three runs of letters and
/// digits, or letters without a vowel and not all capitals.
fn random_id(b: &[u8]) -> bool {
    if b.len() < 6 || !b.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let runs = 1 + b
        .windows(2)
        .filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit())
        .count();
    let vowel = |c: &u8| b"aeiouyAEIOUY".contains(c);
    let letters_only = b.iter().all(u8::is_ascii_alphabetic);
    runs >= 3 || (letters_only && !b.iter().any(vowel) && b.iter().any(u8::is_ascii_lowercase))
}

/// Whether a unit with source `source` and target `target` is a keyed
/// unit: its source is a message key ([`is_message_key`]) and its target is
/// text of its own: a word of two letters or more, not the key, and not an
/// identifier itself. A target that copies the key (`post.title` left as it
/// is) is still compared with it: a key shown to the reader is a defect the
/// bilingual rules may see. A target that is one identifier too
/// (`column_name` → `nom_colonne`, a syntax's metavariable translated) is a
/// name translated as a name, and compared as before.
pub fn is_key_unit(source: &str, target: &str) -> bool {
    let key = source.trim();
    is_message_key(key) && !target.contains(key) && has_word(target) && !identifier(target)
}

/// One token without white space with a `.` or `_` joining letters or
/// digits (`nom_colonne`, `calendar:week_start:1`).
pub(crate) fn identifier(s: &str) -> bool {
    let s = s.trim();
    let c: Vec<char> = s.chars().collect();
    !s.contains(char::is_whitespace)
        && c.windows(3)
            .any(|w| matches!(w[1], '.' | '_') && w[0].is_alphanumeric() && w[2].is_alphanumeric())
}

/// Two letters in a row somewhere in `s`.
fn has_word(s: &str) -> bool {
    let mut run = 0;
    for c in s.chars() {
        run = if c.is_alphabetic() { run + 1 } else { 0 };
        if run >= 2 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_and_snake_keys_are_keys() {
        for key in [
            "post.too_short_content",
            "comment.blank",
            "user.not_valid_email",
            "attachment_type.caption",
            "ERROR_CODE",
            "errors/not_found",
            "common:buttons.save",
            " nav.home \n",
            "KP_Enter",
            "Page_Down",
            "calendar:week_start:0",
            "translator-credits",
        ] {
            assert!(is_message_key(key), "{key}");
        }
    }

    #[test]
    fn hashes_and_random_ids_are_keys() {
        for key in [
            "0d999f2", "0824486", "9670078", "5188ff9", "266051e", "o8A8a0H", "jG0QFKw", "jdjkwq",
        ] {
            assert!(is_message_key(key), "{key}");
        }
    }

    #[test]
    fn one_english_word_is_not_a_key() {
        for text in [
            "Save",
            "Cancel",
            "Email",
            "E-mail",
            "OK",
            "Settings",
            "Error",
            "sign-in",
            "up-to-date",
            "facade",
            "rhythm",
            "HTML",
            "MP3",
            "OAuth2",
            "Windows10",
            "x86_64",
            "v1.2.3",
            "3.14",
            "e.g.",
            "i.e.",
            "Ph.D.",
            "etc.",
            "Name:",
            "and/or",
            "2FA",
            "24h",
            "2024",
            "1000",
            "#hashtag",
            "{count}",
            "%s",
            "Save file",
            "",
            // Access keys and abbreviations (GTK's and binutils' catalogues).
            "Pre_view",
            "Co_nnect",
            "Se_lection",
            "T_wo-sided:",
            "Si_ze:",
            "Sym.Val.",
        ] {
            assert!(!is_message_key(text), "{text}");
        }
    }

    #[test]
    fn a_key_unit_has_its_own_words_in_its_target() {
        assert!(is_key_unit(
            "post.blank_summary",
            "Donnez à votre publication un résumé !"
        ));
        assert!(is_key_unit(
            "0d999f2",
            "Vous devez sélectionner au moins {{limit}} choix."
        ));
        // A one-word target is text of its own too.
        assert!(is_key_unit("nav.home", "Accueil"));
        // A target that copies the key, or has no word, is compared.
        assert!(!is_key_unit("post.title", "post.title"));
        assert!(!is_key_unit("0d999f2", "0d999f2 !"));
        assert!(!is_key_unit("1234567", "1 234 567"));
        // An identifier translated as an identifier is compared.
        assert!(!is_key_unit("column_name", "nom_colonne"));
        assert!(is_key_unit("Page_Down", "Page bas"));
        // Text sources are compared whatever their target.
        assert!(!is_key_unit("Save", "Enregistrer"));
        assert!(!is_key_unit("Email", "E-mail"));
        assert!(!is_key_unit("Settings", "Paramètres du compte"));
        assert!(!is_key_unit("Co_nnect", "Se co_nnecter"));
    }
}
