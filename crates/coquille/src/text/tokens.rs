//! The whitespace-delimited token around a position, and what it looks like.

use crate::span::Span;

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
