//! Bilingual files: XLIFF 1.2 and 2.0, gettext PO and TMX. Each is read
//! into [`Unit`]s, each with an id, its source text and its target text
//! as a translator reads them (entities and escapes decoded, inline codes
//! left out), and for each text an [`OffsetMap`] from its bytes back to the
//! bytes of the file, so that a finding in a unit's target points at the
//! right bytes of the file.
//!
//! Where the file spells a character differently from the text (an XML
//! entity `&amp;`, a character reference, a PO escape `\n` or `\"`), the
//! text's bytes map to the whole spelling in the file: a finding that
//! starts or ends inside it is widened to it and marked inexact
//! ([`FileSpan::exact`]).

mod key;
mod po;
mod xml;

use crate::document::Format;
use crate::parallel::InlineCode;
use crate::span::Span;
use serde::Serialize;
use std::fmt;

pub(crate) use key::identifier;
pub use key::{is_key_unit, is_message_key};
pub use po::parse_po;
pub use xml::{parse_tmx, parse_xliff};

/// The kinds of bilingual file Coquille reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BitextFormat {
    /// XLIFF 1.2 or 2.0 (`.xlf`, `.xliff`).
    Xliff,
    /// A gettext catalogue (`.po`).
    Po,
    /// A translation memory (`.tmx`).
    Tmx,
}

impl BitextFormat {
    /// The format a file name's extension says, if it is a bilingual one.
    pub fn from_path(path: &str) -> Option<Self> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "xlf" | "xliff" => Some(BitextFormat::Xliff),
            "po" => Some(BitextFormat::Po),
            "tmx" => Some(BitextFormat::Tmx),
            _ => None,
        }
    }

    /// The lowercase name.
    pub const fn as_str(self) -> &'static str {
        match self {
            BitextFormat::Xliff => "xliff",
            BitextFormat::Po => "po",
            BitextFormat::Tmx => "tmx",
        }
    }
}

impl fmt::Display for BitextFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A bilingual file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{format} file, byte {offset}: {message}")]
pub struct BitextError {
    /// The format being read.
    pub format: BitextFormat,
    /// Where reading stopped, in bytes of the file.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// A bilingual file, read.
#[derive(Debug, Clone)]
pub struct Bitext {
    /// Its format.
    pub format: BitextFormat,
    /// The format's version when the file says it (`1.2`, `2.0`).
    pub version: Option<String>,
    /// Source language as declared (`en`, `en-US`).
    pub source_lang: Option<String>,
    /// Target language as declared.
    pub target_lang: Option<String>,
    /// The units, in file order.
    pub units: Vec<Unit>,
}

/// One translation unit: a source text and, when translated, its target.
#[derive(Debug, Clone)]
pub struct Unit {
    /// Its id: XLIFF `id` (with the segment's id when a 2.0 unit has
    /// several), TMX `tuid` (else its number), PO the `msgid` (after the
    /// `msgctxt` and `|` when there is one, with `[n]` for a plural form).
    pub id: String,
    /// The source text.
    pub source: Segment,
    /// The target text, if any (an untranslated unit has none, or an empty
    /// one).
    pub target: Option<Segment>,
    /// The translation is marked as needing review (PO `fuzzy`, XLIFF
    /// `state="needs-*"` or `initial`).
    pub fuzzy: bool,
    /// PO flags (`c-format`, `python-format`...), empty elsewhere.
    pub flags: Vec<String>,
}

impl Unit {
    /// Whether the unit's source is a message key (`post.too_short_content`,
    /// `0d999f2`) and its target text of its own ([`is_key_unit`]): the
    /// bilingual rules then have no English to compare with and skip the
    /// unit; the monolingual rules still check its target. False for a unit
    /// without target.
    pub fn source_is_key(&self) -> bool {
        self.target
            .as_ref()
            .is_some_and(|t| is_key_unit(&self.source.text, &t.text))
            || self.translator_credits()
    }

    /// Whether the unit is the translators' credits of a KDE program
    /// (ki18n's convention: `msgctxt "NAME OF TRANSLATORS"` with `msgid
    /// "Your names"`, `msgctxt "EMAIL OF TRANSLATORS"` with `msgid "Your
    /// emails"`): its translation lists the translators, not a rendering
    /// of the English, as GNOME's `translator-credits` does.
    fn translator_credits(&self) -> bool {
        self.target.is_some()
            && ["NAME OF TRANSLATORS|", "EMAIL OF TRANSLATORS|"]
                .iter()
                .any(|c| self.id.starts_with(c))
    }
}

/// The text of a unit's source or target, with its map into the file.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// The text as a translator reads it.
    pub text: String,
    /// From bytes of `text` to bytes of the file.
    pub map: OffsetMap,
    /// Inline codes, at their places in `text`.
    pub codes: Vec<InlineCode>,
}

impl Segment {
    /// The format to check the text in: HTML when it holds tags (PO strings
    /// often carry `<b>` or `<a href>`), else plain text.
    pub fn format(&self) -> Format {
        let b = self.text.as_bytes();
        let tag = b
            .windows(2)
            .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'));
        if tag { Format::Html } else { Format::Text }
    }

    /// The file bytes of `span`, a span of [`Segment::text`].
    pub fn file_span(&self, span: Span) -> FileSpan {
        self.map.to_file(span)
    }

    fn push_exact(&mut self, s: &str, file_offset: usize) {
        if s.is_empty() {
            return;
        }
        self.map
            .push(self.text.len(), s.len(), file_offset, s.len(), true);
        self.text.push_str(s);
    }

    fn push_decoded(&mut self, s: &str, file: Span) {
        if s.is_empty() {
            return;
        }
        self.map
            .push(self.text.len(), s.len(), file.start, file.len(), false);
        self.text.push_str(s);
    }

    fn push_code(&mut self, key: String) {
        self.codes.push(InlineCode {
            key,
            at: self.text.len(),
        });
    }
}

/// A span of the file a finding maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FileSpan {
    /// Bytes of the file.
    pub span: Span,
    /// False when an end fell inside an escape or entity and was widened to
    /// it.
    pub exact: bool,
}

/// Pieces of a text, each the image of bytes of the file: copied as is
/// (exact, byte for byte), or decoded from an escape or entity.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    text: usize,
    text_len: usize,
    file: usize,
    file_len: usize,
    exact: bool,
}

impl OffsetMap {
    fn push(&mut self, text: usize, text_len: usize, file: usize, file_len: usize, exact: bool) {
        // Merge a copied piece with the previous one when they are contiguous.
        if let Some(last) = self.pieces.last_mut()
            && exact
            && last.exact
            && last.text + last.text_len == text
            && last.file + last.file_len == file
        {
            last.text_len += text_len;
            last.file_len += file_len;
            return;
        }
        self.pieces.push(Piece {
            text,
            text_len,
            file,
            file_len,
            exact,
        });
    }

    /// The file offset of text offset `pos` as the start (`end` false) or
    /// the end (`end` true) of a span, and whether it is exact.
    fn offset(&self, pos: usize, end: bool) -> Option<(usize, bool)> {
        let k = if end {
            // The piece that ends at or contains pos.
            self.pieces.partition_point(|p| p.text + p.text_len < pos)
        } else {
            self.pieces.partition_point(|p| p.text + p.text_len <= pos)
        };
        let p = self.pieces.get(k).or(self.pieces.last())?;
        let within = pos.clamp(p.text, p.text + p.text_len) - p.text;
        if p.exact {
            return Some((p.file + within, pos >= p.text && pos <= p.text + p.text_len));
        }
        match (within, end) {
            (0, false) => Some((p.file, true)),
            (w, true) if w == p.text_len => Some((p.file + p.file_len, true)),
            (_, false) => Some((p.file, false)),
            (_, true) => Some((p.file + p.file_len, false)),
        }
    }

    /// The file bytes of `span` (bytes of the text).
    pub fn to_file(&self, span: Span) -> FileSpan {
        let (Some((start, a)), Some((end, b))) =
            (self.offset(span.start, false), self.offset(span.end, true))
        else {
            return FileSpan {
                span: Span::new(0, 0),
                exact: false,
            };
        };
        FileSpan {
            span: Span::new(start, end.max(start)),
            exact: a && b,
        }
    }
}

/// Reads `file` as `format`.
pub fn parse(file: &str, format: BitextFormat) -> Result<Bitext, BitextError> {
    match format {
        BitextFormat::Xliff => parse_xliff(file),
        BitextFormat::Po => parse_po(file),
        BitextFormat::Tmx => parse_tmx(file),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_pieces_map_byte_for_byte_and_escapes_widen() {
        // File: `a &amp; b` → text `a & b`.
        let mut s = Segment::default();
        s.push_exact("a ", 10);
        s.push_decoded("&", Span::new(12, 17));
        s.push_exact(" b", 17);
        assert_eq!(s.text, "a & b");
        let f = s.file_span(Span::new(0, 1));
        assert_eq!((f.span, f.exact), (Span::new(10, 11), true));
        let f = s.file_span(Span::new(2, 3));
        assert_eq!((f.span, f.exact), (Span::new(12, 17), true));
        let f = s.file_span(Span::new(0, 5));
        assert_eq!((f.span, f.exact), (Span::new(10, 19), true));
        let f = s.file_span(Span::new(4, 5));
        assert_eq!((f.span, f.exact), (Span::new(18, 19), true));
    }

    #[test]
    fn a_span_ending_inside_a_multi_byte_escape_is_widened() {
        // File `\u00e9` style: one decoded char of 2 bytes from 6 file bytes.
        let mut s = Segment::default();
        s.push_exact("x", 0);
        s.push_decoded("éa", Span::new(1, 9));
        let f = s.file_span(Span::new(1, 3));
        assert_eq!((f.span, f.exact), (Span::new(1, 9), false));
    }

    #[test]
    fn formats_come_from_extensions() {
        assert_eq!(
            BitextFormat::from_path("a/b.XLF"),
            Some(BitextFormat::Xliff)
        );
        assert_eq!(BitextFormat::from_path("fr.po"), Some(BitextFormat::Po));
        assert_eq!(BitextFormat::from_path("mem.tmx"), Some(BitextFormat::Tmx));
        assert_eq!(BitextFormat::from_path("a.txt"), None);
    }
}
