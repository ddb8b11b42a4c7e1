//! The word normaliser: the form in which words are compared and looked up
//! in the word lists of `data/` and the frequency lexicons.

use super::chars::is_apostrophe;
use std::borrow::Cow;

/// The characters of `word` lower-cased one by one, every apostrophe (`’`,
/// `ʼ`) made straight (`'`).
///
/// Characters are lower-cased on their own: a final `Σ` gives `σ`, as in
/// the frequency lexicons, not `ς`.
pub fn folded_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
}

/// `word` lower-cased with its apostrophes made straight ([`folded_chars`]),
/// the form of every word list. Borrowed, without allocating, when `word`
/// is already in that form, as most words of a French text are.
///
/// ```
/// use coquille::text::fold;
/// assert_eq!(fold("L’État"), "l'état");
/// assert!(matches!(fold("aujourd'hui"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(word.to_ascii_lowercase());
        }
        return Cow::Borrowed(word);
    }
    if word.chars().all(is_folded) {
        Cow::Borrowed(word)
    } else {
        let mut buf = String::with_capacity(word.len());
        fold_onto(word, &mut buf);
        Cow::Owned(buf)
    }
}

/// [`fold`] into `buf` (cleared first): the form for hot loops that reuse
/// one buffer.
pub fn fold_into(word: &str, buf: &mut String) {
    buf.clear();
    fold_onto(word, buf);
}

/// [`fold`] appended to `buf` (not cleared): a phrase folded word by word.
pub fn fold_onto(word: &str, buf: &mut String) {
    // The same characters as `folded_chars`, the ASCII ones (most letters of
    // a French word) without the case tables.
    for c in word.chars() {
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
        } else if is_apostrophe(c) {
            buf.push('\'');
        } else {
            buf.extend(
                c.to_lowercase()
                    .map(|l| if is_apostrophe(l) { '\'' } else { l }),
            );
        }
    }
}

/// `text` in lower case: the same string as [`str::to_lowercase`], its runs
/// of ASCII lowered in place without the case tables (the standard
/// library reads every character after the first non-ASCII one through
/// them), the other characters one by one as `str::to_lowercase` does. For
/// a whole document lowered at once.
///
/// ```
/// assert_eq!(coquille::text::lowercase("L’ÉTÉ À PARIS, ΟΔΟΣ"), "l’été à paris, οδος");
/// ```
pub fn lowercase(text: &str) -> String {
    // A capital sigma lowers by its context (`ς` at the end of a word):
    // left to the standard library.
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        let ascii_end = bytes[k..]
            .iter()
            .position(|b| !b.is_ascii())
            .map_or(bytes.len(), |n| k + n);
        let at = out.len();
        out.push_str(&text[k..ascii_end]);
        out[at..].make_ascii_lowercase();
        k = ascii_end;
        if let Some(c) = text[k..].chars().next() {
            out.extend(c.to_lowercase());
            k += c.len_utf8();
        }
    }
    out
}

/// `c` is its own folded form.
fn is_folded(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_uppercase();
    }
    if is_apostrophe(c) {
        return false;
    }
    let mut lower = c.to_lowercase();
    lower.len() == 1 && lower.next() == Some(c)
}

/// End of the word starting at `start` (letters, with apostrophes and
/// hyphens between letters), or `start` when no letter is there.
pub fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            end = start + i + c.len_utf8();
        } else if (is_apostrophe(c) || c == '-')
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            continue;
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_apostrophes() {
        for (word, folded) in [
            ("Le", "le"),
            ("ÉTAT", "état"),
            ("aujourd’hui", "aujourd'hui"),
            ("lʼhomme", "l'homme"),
            ("Qu'", "qu'"),
            ("İ", "i\u{307}"),
            ("ΣΑΣ", "σασ"),
            ("", ""),
        ] {
            assert_eq!(fold(word), folded, "{word}");
            let mut buf = String::from("left over");
            fold_into(word, &mut buf);
            assert_eq!(buf, folded, "{word}");
            assert_eq!(folded_chars(word).collect::<String>(), folded);
        }
    }

    #[test]
    fn lowercase_is_the_standard_librarys() {
        let every: String = (0..=0x3000u32).filter_map(char::from_u32).collect();
        for text in [
            every.as_str(),
            "L’ÉTAT, Paris et İSTANBUL",
            "ΣΑΣ ΣΑΣ. Σ",
            "",
            "ASCII ONLY",
            "éÉ",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text:?}");
        }
    }

    #[test]
    fn folded_words_are_borrowed() {
        for word in ["le", "d'", "été", "œuvre", "1,5", "ﬁ"] {
            assert!(matches!(fold(word), Cow::Borrowed(_)), "{word}");
        }
        for word in ["Le", "l’", "ǅ"] {
            assert!(matches!(fold(word), Cow::Owned(_)), "{word}");
        }
    }
}
