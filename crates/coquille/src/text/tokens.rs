//! The whitespace-delimited token around a position, and what it looks like;
//! how many words a text has.

use super::regions::{RegionKind, Regions};
use crate::span::Span;

/// The number of words of `text`: its whitespace-delimited tokens that hold
/// a letter or a digit outside a tag ([`RegionKind::Tag`] of `regions`,
/// which must be the regions of `text`). `l'homme`, `week-end`, `3,5` and
/// `1er` are one word each; a token of punctuation only (`—`, `…`, `»`) or
/// a bare tag (`<p>`, `</a>`) is none; `<b>mot</b>` is one.
///
/// ```
/// use coquille::text::{Regions, count_words};
/// let text = "<p>L'État a payé 3,5 millions — «\u{a0}enfin\u{a0}» !</p>";
/// assert_eq!(count_words(text, &Regions::new(text)), 6);
/// ```
pub fn count_words(text: &str, regions: &Regions<'_>) -> usize {
    let tags = regions.of(RegionKind::Tag);
    let base = text.as_ptr() as usize;
    let mut next_tag = 0;
    let mut words = 0;
    for token in text.split_whitespace() {
        let start = token.as_ptr() as usize - base;
        let counts = token.char_indices().any(|(i, c)| {
            if !c.is_alphanumeric() {
                return false;
            }
            let at = start + i;
            while tags.get(next_tag).is_some_and(|t| t.end <= at) {
                next_tag += 1;
            }
            tags.get(next_tag).is_none_or(|t| t.start > at)
        });
        words += usize::from(counts);
    }
    words
}

/// How many whitespace-delimited tokens `text` has: `text.split_whitespace()
/// .count()`, ASCII read byte by byte (a document's word count, taken on
/// every check).
///
/// ```
/// use coquille::text::count_tokens;
/// assert_eq!(count_tokens(" L'État\u{a0}a  payé\n3,5 M€ "), 5);
/// ```
pub fn count_tokens(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut tokens, mut after_white) = (0, true);
    for (i, &b) in bytes.iter().enumerate() {
        let white = if b.is_ascii() {
            // `char::is_whitespace` on ASCII: the vertical tab too.
            matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
        } else if b >= 0xc0 {
            // The first byte of a character beyond ASCII.
            text[i..].chars().next().is_some_and(char::is_whitespace)
        } else {
            // Inside a character: it was counted at its first byte.
            continue;
        };
        tokens += usize::from(after_white && !white);
        after_white = white;
    }
    tokens
}

/// A whitespace-delimited token of a text (or, around a span that holds
/// white space, the stretch from the white space before the span to the
/// white space after it), with what it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Its bytes in the text.
    pub span: Span,
    facts: Facts,
}

/// The marks of a token that tell an address or code from a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Facts {
    /// `/`, `\` or `@`.
    path_or_at: bool,
    /// Starts with `www.`.
    www: bool,
    /// `=`, `_`, `{` or `$`.
    code_sign: bool,
    /// `::`.
    double_colon: bool,
    colons: u8,
}

impl Facts {
    fn of(token: &str) -> Facts {
        let mut f = Facts {
            www: token.starts_with("www."),
            ..Facts::default()
        };
        let mut prev = 0u8;
        for b in token.bytes() {
            match b {
                b'/' | b'\\' | b'@' => f.path_or_at = true,
                b'=' | b'_' | b'{' | b'$' => f.code_sign = true,
                b':' => {
                    f.colons = f.colons.saturating_add(1);
                    f.double_colon |= prev == b':';
                }
                _ => {}
            }
            prev = b;
        }
        f
    }
}

impl Token {
    /// The token of `text` around `span`: from the white space before
    /// `span.start` to the white space after `span.end`.
    pub fn around(text: &str, span: Span) -> Token {
        let before = &text[..span.start];
        let start = before
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[span.end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| span.end + i);
        Token {
            span: Span::new(start, end),
            facts: Facts::of(&text[start..end]),
        }
    }

    /// A URL, a file path or an address: the token holds `/`, `\` or `@`, or
    /// starts with `www.`. Dots, colons and capitals mean something else
    /// there.
    pub fn is_address(&self) -> bool {
        self.facts.path_or_at || self.facts.www
    }

    /// Code: the token holds `=`, `_`, `{`, `$`, `::`, or two colons or more
    /// (`a != b`, `std::vector`, `00:80:41:ae`).
    pub fn is_code(&self) -> bool {
        self.facts.code_sign || self.facts.double_colon || self.facts.colons >= 2
    }
}

/// Whether the colon at byte `colon` joins two codes in capitals, a stock
/// exchange and a ticker as finance pages write them (`NYSE:SNAP`,
/// `AMEX:ACU`, `EPA:MC`): a code of two to six capitals (digits allowed
/// after the first) right before it, and one of one to six right after
/// it, each ending the run of letters and digits. Such a pair is an
/// identifier, never two words of prose that lost their space.
///
/// ```
/// use coquille::text::is_code_pair_colon;
/// assert!(is_code_pair_colon("(NYSE:SNAP) a chuté", 5));
/// assert!(!is_code_pair_colon("Note:Le texte", 4));
/// assert!(!is_code_pair_colon("ATTENTION:Vous", 9));
/// ```
pub fn is_code_pair_colon(text: &str, colon: usize) -> bool {
    if text.as_bytes().get(colon) != Some(&b':') {
        return false;
    }
    let code = |s: &str| {
        let n = s.chars().count();
        s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && n <= 6
    };
    let before = &text[..colon];
    let start = before.rfind(|c: char| !c.is_alphanumeric()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let after = &text[colon + 1..];
    let end = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    let (left, right) = (&before[start..], &after[..end]);
    left.chars().count() >= 2 && code(left) && !right.is_empty() && code(right)
}

/// How far from a span [`in_quotation`] looks for its quotation marks, each
/// way: far more than any quotation (the longest line of the corpora, in
/// Sequoia's running text, is 83 kB), and a bound on a text of one huge
/// line, where a scan from the line's start for every span would be
/// quadratic.
const QUOTE_REACH: usize = 128 * 1024;

/// Whether `span` of `text` lies inside quotation marks (`« »`, `“ ”`,
/// straight `"`) that open before it and close after it on its line,
/// within `within` (a block of the text, or the whole of it): words cited
/// or reported, not the writer's own.
///
/// ```
/// use coquille::Span;
/// use coquille::text::in_quotation;
/// let text = "On dit « très pire » ici.";
/// let all = Span::new(0, text.len());
/// assert!(in_quotation(text, all, Span::new(10, 20)));
/// assert!(!in_quotation(text, all, Span::new(0, 6)));
/// ```
pub fn in_quotation(text: &str, within: Span, span: Span) -> bool {
    let before = &text[within.start..span.start];
    let after = &text[span.end..within.end];
    let line_start = before.ceil_char_boundary(before.len().saturating_sub(QUOTE_REACH));
    let line_start = before[line_start..]
        .rfind('\n')
        .map_or(line_start, |i| line_start + i + 1);
    let (mut guillemets, mut curly, mut straight) = (0i32, 0i32, false);
    for c in before[line_start..].chars() {
        match c {
            '«' => guillemets += 1,
            '»' => guillemets = (guillemets - 1).max(0),
            '“' => curly += 1,
            '”' => curly = (curly - 1).max(0),
            '"' => straight = !straight,
            _ => {}
        }
    }
    let reach = after.floor_char_boundary(QUOTE_REACH);
    let line_end = after[..reach].find('\n').unwrap_or(reach);
    let rest = &after[..line_end];
    (guillemets > 0 && rest.contains('»'))
        || (curly > 0 && rest.contains('”'))
        || (straight && rest.contains('"'))
}

/// How far back [`opens_sentence`] looks for the end of the sentence before.
const OPENS_SENTENCE_WINDOW: usize = 200;

/// Whether the word at byte `pos` opens a sentence: at the start of a line,
/// or after `.`, `!`, `?`, `…`, `:`, an opening quote or bracket, a dash or a
/// bullet (white space skipped). Looks back at most 200 bytes: a word after
/// that many bytes of blanks is taken as a sentence start.
pub fn opens_sentence(text: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(OPENS_SENTENCE_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..pos];
    let line = before.rsplit('\n').next().unwrap_or(before).trim_end();
    line.is_empty()
        || line.ends_with([
            '.', '!', '?', ':', '«', '"', '“', '(', '—', '–', '-', '•', '…',
        ])
}

/// Finds the [`Token`] around positions of one text, remembering the last
/// one: the marks of one long token (`!?.,;:` or `a@b.c` repeated without a
/// space) share it, where reading the token again for each was quadratic.
#[derive(Debug)]
pub struct Tokens<'t> {
    text: &'t str,
    /// The last whitespace-free token found.
    last: Option<Token>,
}

impl<'t> Tokens<'t> {
    /// A token finder over `text`.
    pub fn new(text: &'t str) -> Self {
        Tokens { text, last: None }
    }

    /// The token around `span` ([`Token::around`]).
    pub fn around(&mut self, span: Span) -> Token {
        if let Some(t) = self.last
            && t.span.contains(span)
        {
            return t;
        }
        let t = Token::around(self.text, span);
        // A span with white space inside gives a stretch that holds white
        // space: a narrower span inside it may have another token.
        if !self.text[span.start..span.end].contains(char::is_whitespace) {
            self.last = Some(t);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_counted_as_split_whitespace_counts_them() {
        // Each character between two letters, and alone at either end.
        for c in (0..=0x3100u32).filter_map(char::from_u32) {
            for text in [format!("a{c}b"), format!("{c}a"), format!("a {c}")] {
                assert_eq!(
                    count_tokens(&text),
                    text.split_whitespace().count(),
                    "{text:?}"
                );
            }
        }
        let text = " a b\u{a0}c\u{202f}d\u{2009}e\u{b}f\u{c}g\r\nh\u{85}i\u{3000}j ";
        assert_eq!(count_tokens(text), 10);
        assert_eq!(count_tokens(""), 0);
    }

    fn token(text: &str, at: &str) -> (String, bool, bool) {
        let start = text.find(at).unwrap();
        let t = Token::around(text, Span::new(start, start + at.len()));
        (t.span.slice(text).to_string(), t.is_address(), t.is_code())
    }

    #[test]
    fn tokens_are_whitespace_delimited() {
        assert_eq!(
            token("voir http://a.fr/x?y ici", "?"),
            ("http://a.fr/x?y".into(), true, false)
        );
        assert_eq!(
            token("std::vector!", "!"),
            ("std::vector!".into(), false, true)
        );
        assert_eq!(
            token("mac 00:80:41:ae ok", ":41"),
            ("00:80:41:ae".into(), false, true)
        );
        assert_eq!(
            token("www.exemple.fr..", ".."),
            ("www.exemple.fr..".into(), true, false)
        );
        assert_eq!(token("a != b", "!"), ("!=".into(), false, true));
        assert_eq!(token("Fin.. Début", ".."), ("Fin..".into(), false, false));
        assert_eq!(token("un. . deux", ". ."), ("un. .".into(), false, false));
        assert_eq!(token("é", "é"), ("é".into(), false, false));
    }

    #[test]
    fn sentence_openings() {
        let text = "Fin. Le début\nLigne : Ici « Là » et là";
        for (word, opens) in [
            ("Fin", true),
            ("Le", true),
            ("début", false),
            ("Ligne", true),
            ("Ici", true),
            ("Là", true),
            ("et", false),
        ] {
            assert_eq!(
                opens_sentence(text, text.find(word).unwrap()),
                opens,
                "{word}"
            );
        }
        let far = format!("{}mot", " ".repeat(300));
        assert!(opens_sentence(&far, 300));
    }

    #[test]
    fn words_are_tokens_with_a_letter_or_digit_outside_tags() {
        for (text, words) in [
            ("", 0),
            ("   \n\t ", 0),
            ("Le chat dort.", 3),
            ("l’homme, le week-end : 1er mai, 3,5 %", 6),
            ("— … » « ! ?", 0),
            ("<p>Un</p> <br/> <a href=\"https://x.fr\">deux</a> trois", 3),
            ("un\u{a0}:\u{202f}deux\n\ntrois", 3),
            ("< /chiffre> reste", 2),
        ] {
            assert_eq!(count_words(text, &Regions::new(text)), words, "{text:?}");
        }
    }

    #[test]
    fn the_last_token_is_reused_only_when_it_holds_the_span() {
        let text = "a@b.c..d e.f x . y";
        let mut tokens = Tokens::new(text);
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        assert!(tokens.around(at("..")).is_address());
        assert!(tokens.around(at(".c")).is_address());
        assert!(!tokens.around(at(".f")).is_address());
        // A span with a space inside is not remembered: the lone `.` after
        // it has a token of its own.
        assert_eq!(tokens.around(at("x . y")).span, at("x . y"));
        let dot = text.rfind('.').unwrap();
        assert_eq!(
            tokens.around(Span::new(dot, dot + 1)).span,
            Span::new(dot, dot + 1)
        );
    }
}
