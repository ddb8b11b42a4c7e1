//! Byte spans into the checked input and their conversion to lines, columns and
//! other offset encodings.
//!
//! Every offset Coquille stores is a UTF-8 byte offset into the input exactly as
//! it was given. Lines, columns and UTF-16/UTF-32 offsets are derived from it
//! only when a report is rendered.

use serde::{Deserialize, Serialize};

/// A half-open range `start..end` of UTF-8 byte offsets, both on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Builds a span; `start` must not exceed `end`.
    pub const fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Length in bytes.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when the two spans share at least one byte.
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub const fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span moved `delta` bytes to the right.
    pub const fn shift(&self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }

    /// The text this span covers in `text`.
    ///
    /// # Panics
    /// When the span is out of bounds or not on char boundaries of `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// How offsets are counted when they leave the library (LSP and LanguageTool
/// clients count UTF-16 code units; Python counts code points).
///
/// Named `utf-8`, `utf-16`, `utf-32` (also accepted without the dash).
/// `kebab-case` alone would give `utf8`: a digit does not start a new word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum OffsetEncoding {
    /// UTF-8 bytes (the library's own unit).
    #[default]
    #[serde(rename = "utf-8", alias = "utf8")]
    Utf8,
    /// UTF-16 code units.
    #[serde(rename = "utf-16", alias = "utf16")]
    Utf16,
    /// Unicode scalar values (code points).
    #[serde(rename = "utf-32", alias = "utf32")]
    Utf32,
}

/// Maps byte offsets of one text to 1-based line and column numbers.
///
/// Lines end at `\n`; a `\r` before it belongs to the line. Columns count
/// characters (Unicode scalar values), starting at 1.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex { line_starts }
    }

    /// An index from line starts (0 first, ascending), for a text whose
    /// lines are another text's, moved.
    pub fn from_starts(starts: impl IntoIterator<Item = usize>) -> Self {
        let mut line_starts: Vec<usize> = starts.into_iter().collect();
        if line_starts.first() != Some(&0) {
            line_starts.insert(0, 0);
        }
        LineIndex { line_starts }
    }

    /// Byte offsets where lines start, the first being 0.
    pub fn starts(&self) -> impl Iterator<Item = usize> + '_ {
        self.line_starts.iter().copied()
    }

    /// Number of lines (an empty text has one empty line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line number containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte span of 0-based `line`, without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// 1-based line and 1-based column (in characters) of byte `offset`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text[start..offset].chars().count() + 1;
        (line + 1, column)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i + 1)
}

/// Converts a UTF-8 byte offset of `text` to the same position counted in
/// `encoding` units.
pub fn convert_offset(text: &str, byte_offset: usize, encoding: OffsetEncoding) -> usize {
    let prefix = &text[..byte_offset];
    match encoding {
        OffsetEncoding::Utf8 => byte_offset,
        OffsetEncoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
        OffsetEncoding::Utf32 => prefix.chars().count(),
    }
}

/// Converts many sorted-or-not byte offsets at once in one pass over `text`.
///
/// Returns the converted offsets in the order given.
pub fn convert_offsets(text: &str, offsets: &[usize], encoding: OffsetEncoding) -> Vec<usize> {
    if encoding == OffsetEncoding::Utf8 {
        return offsets.to_vec();
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let mut units = 0usize;
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = offsets[i];
        while let Some(&(pos, c)) = chars.peek() {
            if pos >= target {
                break;
            }
            units += match encoding {
                OffsetEncoding::Utf16 => c.len_utf16(),
                _ => 1,
            };
            chars.next();
        }
        out[i] = units;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "été\nà Paris\r\nfin";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        let p = text.find("Paris").unwrap();
        assert_eq!(idx.line_col(text, p), (2, 3));
        assert_eq!(idx.line_span(text, 1).slice(text), "à Paris");
        assert_eq!(idx.line_col(text, text.len()), (3, 4));
    }

    #[test]
    fn offsets_convert_to_utf16_and_code_points() {
        let text = "a🎄é b";
        let b = text.find('b').unwrap();
        assert_eq!(b, 8);
        assert_eq!(convert_offset(text, b, OffsetEncoding::Utf16), 5);
        assert_eq!(convert_offset(text, b, OffsetEncoding::Utf32), 4);
        assert_eq!(
            convert_offsets(text, &[b, 0, 1], OffsetEncoding::Utf16),
            vec![5, 0, 1]
        );
    }

    #[test]
    fn offset_encodings_are_named_with_a_dash() {
        for (name, enc) in [
            ("utf-8", OffsetEncoding::Utf8),
            ("utf-16", OffsetEncoding::Utf16),
            ("utf-32", OffsetEncoding::Utf32),
        ] {
            let quoted = format!("\"{name}\"");
            assert_eq!(serde_json::to_string(&enc).unwrap(), quoted);
            assert_eq!(
                serde_json::from_str::<OffsetEncoding>(&quoted).unwrap(),
                enc
            );
            let bare = format!("\"{}\"", name.replace('-', ""));
            assert_eq!(serde_json::from_str::<OffsetEncoding>(&bare).unwrap(), enc);
        }
    }

    #[test]
    fn span_relations() {
        let a = Span::new(2, 5);
        assert!(a.overlaps(Span::new(4, 9)));
        assert!(!a.overlaps(Span::new(5, 9)));
        assert!(a.contains(Span::new(3, 5)));
        assert_eq!(a.shift(3), Span::new(5, 8));
        assert_eq!(a.len(), 3);
    }
}
