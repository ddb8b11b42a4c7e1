//! Building one checkable text out of a tree of nodes, and telling prose
//! from identifiers.
//!
//! A built text is Markdown: blocks are paragraphs apart (a blank line), so
//! no sentence runs into the next block; code is written as a code span or a
//! fenced block, which the checker does not read as prose. Every piece of
//! prose is copied as it is and recorded as a [`Segment`] with its node's
//! path.

use super::Segment;
use coquille::Format;

/// A text being built, with where each piece comes from.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    text: String,
    segments: Vec<Segment>,
}

impl Builder {
    /// Appends prose read from `path`.
    pub fn prose(&mut self, piece: &str, path: String) {
        if piece.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(piece);
        self.segments.push(Segment {
            start,
            end: self.text.len(),
            path,
        });
    }

    /// Appends a line break inside a block (Blocks' soft line break, Lexical's
    /// `linebreak`).
    pub fn line_break(&mut self) {
        self.text.push('\n');
    }

    /// Starts a new block: a blank line after what is there.
    pub fn block(&mut self) {
        if self.text.is_empty() {
            return;
        }
        while !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
    }

    /// A block of prose on its own (an alt text, a caption).
    pub fn prose_block(&mut self, piece: &str, path: String) {
        if is_prose(piece) {
            self.block();
            self.prose(piece, path);
        }
    }

    /// Inline code: a code span the checker leaves out.
    pub fn code_span(&mut self, code: &str) {
        if code.is_empty() {
            return;
        }
        let fence = "`".repeat(longest_run(code, '`') + 1);
        // A space inside the fence when the code starts or ends with a
        // backtick, as CommonMark asks.
        let pad = if code.starts_with('`') || code.ends_with('`') {
            " "
        } else {
            ""
        };
        for part in [fence.as_str(), pad, code, pad, fence.as_str()] {
            self.text.push_str(part);
        }
    }

    /// A code block: a fenced block the checker leaves out.
    pub fn code_block(&mut self, code: &str) {
        self.block();
        let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
        self.text.push_str(&fence);
        self.text.push('\n');
        self.text.push_str(code);
        if !code.ends_with('\n') {
            self.text.push('\n');
        }
        self.text.push_str(&fence);
        self.block();
    }

    /// The text and its segments; `None` when no prose was read.
    pub fn finish(mut self) -> Option<(String, Vec<Segment>)> {
        let any = self
            .segments
            .iter()
            .any(|s| self.text[s.start..s.end].chars().any(char::is_alphabetic));
        // Trailing breaks go, never a piece of prose.
        let end = self.text.trim_end().len();
        self.text
            .truncate(end.max(self.segments.last().map_or(0, |s| s.end)));
        any.then_some((self.text, self.segments))
    }
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Whether a string of a payload is prose to check, not an identifier: a
/// string with a letter, and if it is a single token, not a URL, an e-mail
/// address, a path, a date, a colour, a slug or an enumeration value
/// (`draft`, `mon-article`, `2024-05-01T10:00:00Z`). A one-word title with
/// a capital (`Bienvenue`) is prose.
pub(crate) fn is_prose(s: &str) -> bool {
    let t = s.trim();
    if !t.chars().any(char::is_alphabetic) {
        return false;
    }
    if t.contains(char::is_whitespace) {
        return true;
    }
    let identifier = t.contains("://")
        || t.starts_with("mailto:")
        || t.starts_with('/')
        || t.starts_with('#')
        || (t.contains('@') && t.contains('.'))
        || t.starts_with(|c: char| c.is_ascii_digit())
        || t.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_./:".contains(c))
        || (t.contains('.') && looks_like_file_name(t));
    !identifier
}

/// `photo.JPG`, `rapport-final.pdf`: a name with an extension of 2 to 4
/// ASCII letters or digits and no other dot.
fn looks_like_file_name(t: &str) -> bool {
    t.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && !stem.contains('.')
            && (2..=4).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && ext.chars().any(|c| c.is_ascii_alphabetic())
    })
}

/// The format to read a free string in: Markdown when it has Markdown's
/// marks (line breaks, code, links, emphasis, headings), text otherwise.
pub(crate) fn string_format(s: &str) -> Format {
    let markdown = s.contains('\n')
        || s.contains('`')
        || s.contains("](")
        || s.contains("**")
        || s.trim_start().starts_with('#');
    if markdown {
        Format::Markdown
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use coquille::markup::mask;

    #[test]
    fn prose_and_identifiers() {
        for prose in [
            "Bienvenue",
            "Le ministre a parlé.",
            "ÉTÉ",
            "index, follow",
            "Paris",
        ] {
            assert!(is_prose(prose), "{prose}");
        }
        for id in [
            "",
            "  ",
            "42",
            "draft",
            "mon-article-2024",
            "https://example.com/x",
            "jane@example.com",
            "/images/photo.jpg",
            "#ff0000",
            "2024-05-01T10:00:00.000Z",
            "photo.JPG",
            "api::article.article",
            "shared.seo",
        ] {
            assert!(!is_prose(id), "{id}");
        }
    }

    #[test]
    fn code_is_fenced_so_the_checker_does_not_read_it() {
        let mut b = Builder::default();
        b.prose("Lancez ", "a".into());
        b.code_span("npm `x` install");
        b.prose(" puis attendez.", "b".into());
        b.code_block("let x = \"Hello world\";\n```\n");
        b.prose_block("Fin du texte.", "c".into());
        let (text, segments) = b.finish().unwrap();
        let masked = mask(&text, Format::Markdown).unwrap();
        assert!(
            !masked.contains("npm") && !masked.contains("Hello"),
            "{masked:?}"
        );
        assert!(masked.contains("Lancez ") && masked.contains("Fin du texte."));
        let pieces: Vec<&str> = segments.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(pieces, ["Lancez ", " puis attendez.", "Fin du texte."]);
    }

    #[test]
    fn a_text_without_letters_is_nothing() {
        let mut b = Builder::default();
        b.prose(" ", "a".into());
        b.code_block("fn main() {}");
        assert!(b.finish().is_none());
    }
}
