//! Character classes, defined once for every rule.
//!
//! Spaces come in a few named classes rather than one, because the rules
//! differ on purpose on tabs and thin spaces, and merging the classes would
//! change findings. Which rule uses which class:
//!
//! | class | characters | used by |
//! |---|---|---|
//! | [`is_no_break_space`] | U+00A0, U+202F | `french-spacing` (strict mode) |
//! | [`is_word_space`] | space, U+00A0, U+202F | `capital-accent`, `english-number-format`, `repeated-word` (plus tab and line breaks), `english-date`, `twelve-hour-clock`, `us-place-format`, `imperial-units`, `stray-full-stop` |
//! | [`is_word_space_or_tab`] | the above and tab | `broken-markup` (inside tags), `capital-accent` (before a word), `stray-full-stop` |
//! | [`is_inline_space`] | space, U+00A0, U+202F, thin U+2009 | `duplicate-punctuation`, `missing-space-after-punctuation`, the sentence splitter |
//! | [`is_horizontal_space`] | the above and tab | `missing-sentence-boundary`, `space-before-punctuation` |
//! | [`is_typographic_space`] | [`is_inline_space`] and figure U+2007 | `french-spacing` |
//! | [`is_blank`] | any white space but a line feed | `boilerplate`, `truncated-text` |

use regex::Regex;
use std::sync::LazyLock;

/// No-break space, U+00A0 (French puts it before `:`).
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space, U+202F (French puts it before `;` `!` `?` `»` and
/// after `«`, and between thousands).
pub const NNBSP: char = '\u{202f}';
/// Thin space, U+2009.
pub const THIN_SPACE: char = '\u{2009}';
/// Figure space, U+2007.
pub const FIGURE_SPACE: char = '\u{2007}';

/// A no-break space: U+00A0 or U+202F.
pub fn is_no_break_space(c: char) -> bool {
    matches!(c, NBSP | NNBSP)
}

/// A space typed between two words: U+0020 or a no-break space.
pub fn is_word_space(c: char) -> bool {
    c == ' ' || is_no_break_space(c)
}

/// A [word space](is_word_space) or a tab.
pub fn is_word_space_or_tab(c: char) -> bool {
    is_word_space(c) || c == '\t'
}

/// A space inside a line of typeset French: a [word space](is_word_space)
/// or a thin space (U+2009).
pub fn is_inline_space(c: char) -> bool {
    is_word_space(c) || c == THIN_SPACE
}

/// An [inline space](is_inline_space) or a tab: any horizontal space a rule
/// steps over on one line.
pub fn is_horizontal_space(c: char) -> bool {
    is_inline_space(c) || c == '\t'
}

/// Any space a typesetter puts before high punctuation: an [inline
/// space](is_inline_space) or a figure space (U+2007).
pub fn is_typographic_space(c: char) -> bool {
    is_inline_space(c) || c == FIGURE_SPACE
}

/// Any white space but a line feed (`\r` and tabs included): what stands
/// between two words of one line.
pub fn is_blank(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

/// An apostrophe: straight `'`, typographic `’` (U+2019) or the modifier
/// letter `ʼ` (U+02BC). [`fold`](super::fold) makes all three straight.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// A hyphen joining the parts of a word: `-`, U+2010, non-breaking U+2011.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// A dash or hyphen standing between words: `-`, en dash `–`, em dash `—`.
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—')
}

/// A mark that opens a line of a list: `-`, `–`, `—`, `•`, `*`, `·`, `▪`,
/// `►` (followed by a space).
pub fn is_bullet(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '•' | '*' | '·' | '▪' | '►')
}

/// A mark that opens an item of a list run inside a line (`dites-le : -
/// si vous…`): `-`, `–`, `•`, `*`, `▪`. Not the em dash, which opens
/// dialogue.
pub fn is_inline_bullet(c: char) -> bool {
    matches!(c, '-' | '–' | '•' | '*' | '▪')
}

/// An opening quotation mark: `«`, `“`, `‘`, straight `"`.
pub fn is_opening_quote(c: char) -> bool {
    matches!(c, '«' | '“' | '‘' | '"')
}

/// A closing quotation mark: `»`, `”`, `’`, straight `"` and `'`.
pub fn is_closing_quote(c: char) -> bool {
    matches!(c, '»' | '”' | '’' | '"' | '\'')
}

/// An opening bracket: `(` or `[`.
pub fn is_opening_bracket(c: char) -> bool {
    matches!(c, '(' | '[')
}

/// A closing bracket: `)` or `]`.
pub fn is_closing_bracket(c: char) -> bool {
    matches!(c, ')' | ']')
}

/// A sentence-final mark: `.`, `!`, `?`, `…`.
pub fn is_final_mark(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// A letter French writes with a diacritic (or a ligature): `é`, `à`, `ç`,
/// `œ`… Their presence makes a word French rather than English.
pub fn is_french_letter(c: char) -> bool {
    matches!(
        c,
        'é' | 'è'
            | 'ê'
            | 'ë'
            | 'à'
            | 'â'
            | 'î'
            | 'ï'
            | 'ô'
            | 'ù'
            | 'û'
            | 'ç'
            | 'œ'
            | 'æ'
            | 'É'
            | 'È'
            | 'Ê'
            | 'À'
            | 'Â'
            | 'Î'
            | 'Ô'
            | 'Ç'
            | 'Œ'
    )
}

/// [`char::is_alphanumeric`], answered like [`is_letter`] without the
/// Unicode tables for ASCII and the Latin letters: the test a tokenizer
/// makes on every character.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

/// [`char::is_alphabetic`], the Latin letters of French (`é`, `À`, `ç`,
/// `œ`) answered without the Unicode tables: for the loops that read every
/// character of a text.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        // `À`…`ſ` (Latin-1 and Latin Extended-A) but `×` and `÷`.
        '\u{c0}'..='\u{17f}' => !matches!(c, '\u{d7}' | '\u{f7}'),
        _ => !c.is_ascii() && c.is_alphabetic(),
    }
}

/// The character at byte `i` of `text` (a character boundary) and its
/// length in bytes; an ASCII byte is read without decoding. For the loops
/// that read a text byte by byte and decode only where it is not ASCII.
#[inline]
pub fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        (char::from(b), 1)
    } else {
        let c = text[i..]
            .chars()
            .next()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        (c, c.len_utf8())
    }
}

/// A pictograph: emoji and the symbol and dingbat blocks.
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF)
}

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\w$").expect("word-class regex"));

/// Whether `c` is in the regex crate's Unicode `\w` class (letters, marks,
/// digits, connector punctuation).
pub fn is_regex_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    let mut buf = [0u8; 4];
    WORD.is_match(c.encode_utf8(&mut buf))
}

/// Whether `text` may hold a decimal digit as a regex's `\d` reads it
/// (Unicode `Nd`): an ASCII digit, or any numeric character (a superset).
/// Rules whose patterns all start with a digit skip a text without one,
/// which spares both the search and, on a short text, building the regex.
pub fn has_digit(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || (!text.is_ascii() && text.chars().any(is_numeric))
}

/// The runs of characters a regex's `\d` may read as digits (ASCII digits,
/// and any numeric character beyond ASCII: a superset of Unicode `Nd`, as in
/// [`has_digit`]), as byte ranges `(start, end)`, in order.
///
/// A pattern whose matches hold a digit next to something else (a unit
/// after it, a month before it) holds it at the end or the start of one of
/// these runs: rules look there first, and build and run the pattern only
/// when it can match, which on a short text costs far less than building it.
pub fn digit_runs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    // The length of the digit at `i` (a character boundary), or 0.
    let digit_at = move |i: usize| -> usize {
        let b = bytes[i];
        if b.is_ascii_digit() {
            1
        } else if b < 0x80 {
            0
        } else {
            text[i..]
                .chars()
                .next()
                .filter(|&c| is_numeric(c))
                .map_or(0, char::len_utf8)
        }
    };
    // The length of the character at `i`, a character boundary.
    let char_len = move |i: usize| -> usize {
        match bytes[i] {
            b if b < 0x80 => 1,
            b if b >= 0xF0 => 4,
            b if b >= 0xE0 => 3,
            _ => 2,
        }
    };
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos < bytes.len() {
            // ASCII that is no digit, most of a text, byte by byte.
            if bytes[pos] < 0x80 && !bytes[pos].is_ascii_digit() {
                pos += 1;
                continue;
            }
            let n = digit_at(pos);
            if n == 0 {
                pos += char_len(pos);
                continue;
            }
            let start = pos;
            pos += n;
            while pos < bytes.len() {
                let n = digit_at(pos);
                if n == 0 {
                    break;
                }
                pos += n;
            }
            return Some((start, pos));
        }
        None
    })
}

/// [`char::is_numeric`], answered without the Unicode tables for ASCII,
/// the Latin letters and the general punctuation (`’`, `–`, `…`): the test
/// [`digit_runs`] makes on every character beyond ASCII.
#[inline]
pub fn is_numeric(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_digit(),
        // Latin-1: `¹` `²` `³` `¼` `½` `¾`; from `À` to the end of Latin
        // Extended-B, no numeric character.
        0x80..=0xbf => matches!(c, '¹' | '²' | '³' | '¼' | '½' | '¾'),
        0xc0..=0x24f | 0x2000..=0x206f => false,
        _ => c.is_numeric(),
    }
}

/// Whether `s` starts with a character a regex's `\d` may read as a digit
/// (see [`digit_runs`]).
pub fn starts_with_digit(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_numeric)
}

/// `s` without one leading [word space](is_word_space), if it has one (a
/// regex's optional `[ \x{a0}\x{202f}]?`).
pub fn skip_word_space(s: &str) -> &str {
    s.strip_prefix(is_word_space).unwrap_or(s)
}

/// `s` without one trailing [word space](is_word_space), if it has one.
pub fn drop_word_space(s: &str) -> &str {
    s.strip_suffix(is_word_space).unwrap_or(s)
}

/// The run of letters (`char::is_alphabetic`) of `text` that starts at
/// byte `start`: empty when no letter is there.
pub fn letters_at(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let len = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(k, _)| k);
    &rest[..len]
}

/// Where the run of letters of `text` that ends at byte `end` starts (`end`
/// itself when no letter comes right before it).
pub fn letters_start(text: &str, end: usize) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(end, |(k, _)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_runs_around_a_position() {
        let text = "l'été, déjà";
        assert_eq!(letters_at(text, 2), "été");
        assert_eq!(letters_at(text, 7), "");
        assert_eq!(letters_at(text, text.len()), "");
        assert_eq!(letters_start(text, 7), 2);
        assert_eq!(letters_start(text, 9), 9);
        assert_eq!(letters_start(text, text.len()), 9);
    }

    #[test]
    fn is_letter_is_is_alphabetic() {
        for c in ('\0'..='\u{3000}').chain(['𝔸', '😀', '\u{10ffff}']) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
        }
    }

    #[test]
    fn alphanumeric_as_the_standard_library_says() {
        for c in (0..=0x3000u32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn char_at_reads_ascii_and_the_rest() {
        let text = "aé€😀";
        assert_eq!(char_at(text, 0), ('a', 1));
        assert_eq!(char_at(text, 1), ('é', 2));
        assert_eq!(char_at(text, 3), ('€', 3));
        assert_eq!(char_at(text, 6), ('😀', 4));
    }

    #[test]
    fn digits_ascii_or_not() {
        assert!(has_digit("le 5 mai"));
        assert!(has_digit("le ٣ mai"));
        assert!(!has_digit("le cinq mai, à l’aube"));
    }

    #[test]
    fn is_numeric_as_the_standard_library_says() {
        for c in (0..=0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
        }
    }

    #[test]
    fn digit_runs_find_every_digit() {
        fn runs(t: &str) -> Vec<&str> {
            digit_runs(t).map(|(a, b)| &t[a..b]).collect()
        }
        assert_eq!(runs("le 5 mai 2024, à 12,50 €"), ["5", "2024", "12", "50"]);
        assert_eq!(runs("é٣٤x7"), ["٣٤", "7"]);
        assert_eq!(runs("12²€"), ["12²"]);
        assert!(runs("le cinq mai, à l’aube").is_empty());
        assert_eq!(runs("9"), ["9"]);
        // Every `\d` of the regex crate lies in a run.
        let re = Regex::new(r"\d").unwrap();
        for t in ["a1b22 ٣ ５ 𝟙 ½ ²x", "١٢/٣", "x𝟘𝟗y"] {
            let covered: Vec<(usize, usize)> = digit_runs(t).collect();
            for m in re.find_iter(t) {
                assert!(
                    covered.iter().any(|&(a, b)| a <= m.start() && m.end() <= b),
                    "{t:?} {m:?}"
                );
            }
        }
    }

    #[test]
    fn space_classes_nest() {
        let all = [
            ' ',
            '\t',
            '\n',
            '\r',
            NBSP,
            NNBSP,
            THIN_SPACE,
            FIGURE_SPACE,
            'a',
        ];
        for c in all {
            assert!(!is_no_break_space(c) || is_word_space(c));
            assert!(!is_word_space(c) || is_word_space_or_tab(c) && is_inline_space(c));
            assert!(!is_inline_space(c) || is_horizontal_space(c) && is_typographic_space(c));
            assert!(!is_horizontal_space(c) || is_blank(c));
        }
        assert!(!is_blank('\n') && is_blank('\r'));
        assert!(!is_inline_space('\t') && is_horizontal_space('\t'));
        assert!(is_typographic_space(FIGURE_SPACE) && !is_horizontal_space(FIGURE_SPACE));
    }

    #[test]
    fn apostrophes_include_the_modifier_letter() {
        for c in ['\'', '’', 'ʼ'] {
            assert!(is_apostrophe(c));
        }
        assert!(!is_apostrophe('‘') && !is_apostrophe('`'));
    }

    #[test]
    fn word_class_matches_the_regex_class() {
        let re = Regex::new(r"^\w$").unwrap();
        for c in ['a', 'é', '_', '1', '²', '٣', '-', ' ', '’', 'ß', '\u{301}'] {
            let mut b = [0u8; 4];
            assert_eq!(
                is_regex_word_char(c),
                re.is_match(c.encode_utf8(&mut b)),
                "{c:?}"
            );
        }
    }
}
