//! HTML and Markdown as the rules read them. [`mask`] gives a text of the
//! same length in which what readers never see as prose is blanked out, so
//! that the rules do not read `var x = "Hello world"` as untranslated
//! English nor `<p>«` as a misplaced guillemet, while every offset still
//! points into the input exactly as given.
//!
//! - HTML: comments (`<!-- -->`) and the contents of `script`, `style`,
//!   `template` and `code` elements are blanked; these contents end at their
//!   own end tag, so a scan for it finds them exactly. Well-formed tags of
//!   known HTML elements are blanked too: a block element (`<p>`, `</h2>`,
//!   `<li>`...) becomes a paragraph break, `<br>` a line break, any other
//!   tag spaces. The values of `alt`, `title` and `aria-label`, which
//!   readers and screen readers get as text, stay, each as a paragraph of
//!   its own. Broken tags (`< /p>`, `</chiffre>`, `<a href=« x »>`) stay,
//!   for `broken-markup`.
//! - Markdown: fenced and indented code blocks, inline code spans and the
//!   metadata block at the top (YAML front matter), found by
//!   [`pulldown_cmark`], plus all of the above in raw HTML.
//!
//! Character entities (`&nbsp;`, `&rsquo;`, `&#8217;`) are then decoded by
//! [`decode_entities`], so that the rules read `venu&nbsp;:` as a no-break
//! space before a colon and `c&rsquo;est` as one word. A decoded entity is
//! shorter than its source, so that text is not the same length as the
//! input: an [`OffsetMap`] leads every offset back to the input.

use crate::span::Span;
use pulldown_cmark::{Event, Options, Parser, Tag};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// The format of the input.
///
/// Offsets always point into the input exactly as given. In HTML and
/// Markdown, what readers never see as prose (scripts, styles, comments,
/// code) is blanked out before the rules read the text ([`mask`]);
/// the rest, tags included, is read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text.
    #[default]
    Text,
    /// HTML: scripts, styles, comments and code are not read.
    Html,
    /// Markdown: code and front matter are not read.
    Markdown,
}

/// `text` with what readers never see as prose blanked out: every byte of it
/// becomes a space, line breaks excepted (so paragraphs keep their lines),
/// and block tags become breaks. Same length as `text`; `None` when nothing
/// is hidden (plain text hides only its suppression comments).
///
/// A multi-byte character inside a hidden range becomes several spaces, so a
/// byte offset that falls inside a hidden range may not be a char boundary
/// of `text`: callers keep only findings whose ends are char boundaries of
/// `text` (the checker does).
pub fn mask(text: &str, format: Format) -> Option<String> {
    mask_ranges(text, hidden_ranges(text, format))
}

/// [`mask`] for the [`hidden_ranges`] of `text` already found.
pub(crate) fn mask_ranges(text: &str, ranges: Vec<Hidden>) -> Option<String> {
    if ranges.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    mask_bytes(&mut bytes, ranges);
    // Every non-ASCII character was replaced whole (ranges are on char
    // boundaries), so the bytes are valid UTF-8.
    String::from_utf8(bytes).ok()
}

/// Blanks out `ranges` ([`hidden_ranges`] of the text `bytes` holds) as
/// [`mask`] does, in place.
pub(crate) fn mask_bytes(bytes: &mut [u8], ranges: Vec<Hidden>) {
    for Hidden { range, breaks, .. } in ranges {
        let start = range.start;
        for (k, b) in bytes[range].iter_mut().enumerate() {
            if k < breaks {
                *b = b'\n';
            } else if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
        debug_assert!(breaks == 0 || start < bytes.len());
    }
}

/// A stretch of the input that is not prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// Its bytes, on char boundaries.
    pub range: Range<usize>,
    /// How many line breaks it stands for (2: a paragraph break; 1: `<br>`).
    pub breaks: usize,
    /// Whether it is code that readers see in the sentence as a word (the
    /// contents of `<code>`, a Markdown code span), not a tag or a comment.
    pub words: bool,
}

/// What of `text` is not prose, in order (stretches may overlap). In plain
/// text, that is only the suppression comments ([`crate::suppress`]).
pub fn hidden_ranges(text: &str, format: Format) -> Vec<Hidden> {
    match format {
        // Plain text: only the suppression comments on lines of their own.
        Format::Text => crate::suppress::directives(text, true)
            .into_iter()
            .map(|d| Hidden {
                range: d.span.start..d.span.end,
                breaks: 0,
                words: false,
            })
            .collect(),
        Format::Html => html_hidden(text),
        Format::Markdown => {
            let mut ranges: Vec<Hidden> = markdown_code(text)
                .into_iter()
                .map(|range| Hidden {
                    range,
                    breaks: 0,
                    words: true,
                })
                .collect();
            ranges.extend(html_hidden(text));
            ranges.sort_by_key(|h| (h.range.start, h.range.end));
            ranges
        }
    }
}

/// Elements whose contents are not prose.
const HIDDEN_ELEMENTS: [&str; 4] = ["script", "style", "template", "code"];

/// Elements that start a new paragraph.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Comments, the contents of [`HIDDEN_ELEMENTS`] and well-formed tags.
fn html_hidden(text: &str) -> Vec<Hidden> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(rel) = text[pos..].find('<') {
        let lt = pos + rel;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            let end = text[lt + 4..]
                .find("-->")
                .map_or(text.len(), |i| lt + 4 + i + 3);
            out.push(Hidden {
                range: lt..end,
                breaks: 0,
                words: false,
            });
            pos = end;
            continue;
        }
        let Some(tag) = well_formed_tag(text, lt) else {
            pos = lt + 1;
            continue;
        };
        let breaks = if tag.name == "br" {
            1
        } else if BLOCK_ELEMENTS.contains(&tag.name.as_str()) {
            2
        } else {
            0
        };
        // Text that readers (or screen readers) get from attributes stays,
        // as a paragraph of its own: `<img alt="Le ministre à Paris">`;
        // unless it repeats a caption or link text nearby, which is read
        // there.
        let mut from = lt;
        let prose: Vec<Range<usize>> = tag
            .prose
            .iter()
            .filter(|v| !repeated_nearby(text, lt, tag.end, text[(*v).clone()].trim()))
            .cloned()
            .collect();
        for value in &prose {
            out.push(Hidden {
                range: from..value.start,
                breaks: 2.min(value.start - from),
                words: false,
            });
            from = value.end;
        }
        let breaks = if prose.is_empty() { breaks } else { 2 };
        out.push(Hidden {
            range: from..tag.end,
            breaks: breaks.min(tag.end - from),
            words: false,
        });
        pos = tag.end;
        if tag.closing || tag.self_closing || !HIDDEN_ELEMENTS.contains(&tag.name.as_str()) {
            continue;
        }
        let end = find_end_tag(text, tag.end, &tag.name).unwrap_or(text.len());
        if end > tag.end {
            out.push(Hidden {
                range: tag.end..end,
                breaks: 0,
                words: tag.name == "code",
            });
        }
        pos = end.max(tag.end);
    }
    out
}

/// A tag as [`well_formed_tag`] reads it.
struct HtmlTag {
    /// Lower-cased element name.
    name: String,
    closing: bool,
    self_closing: bool,
    /// Just after its `>`.
    end: usize,
    /// Values of the attributes that are prose (`alt`, `title`), in order.
    prose: Vec<Range<usize>>,
}

/// Attributes whose values readers get as text.
const PROSE_ATTRIBUTES: [&str; 3] = ["alt", "title", "aria-label"];

/// The well-formed tag of a known HTML element starting at `lt` (a `<`):
/// the name right after `<` or `</`, then attributes whose values are in
/// straight quotes or unquoted, on at most 2,000 bytes. `< /p>`,
/// `</chiffre>` and `<a href=« x »>` are not.
fn well_formed_tag(text: &str, lt: usize) -> Option<HtmlTag> {
    let bytes = text.as_bytes();
    let mut i = lt + 1;
    let closing = bytes.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    let name = text[name_start..i].to_ascii_lowercase();
    if name.is_empty() || !HTML_ELEMENTS.contains(&name.as_str()) {
        return None;
    }
    let limit = (lt + 2000).min(bytes.len());
    let mut self_closing = false;
    let mut prose = Vec::new();
    loop {
        let &b = bytes.get(i).filter(|_| i < limit)?;
        match b {
            b'>' => {
                return Some(HtmlTag {
                    name,
                    closing,
                    self_closing,
                    end: i + 1,
                    prose,
                });
            }
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'/' => {
                self_closing = true;
                i += 1;
            }
            _ if closing => return None,
            _ => {
                // An attribute: a name, then maybe `=` and a value.
                self_closing = false;
                let start = i;
                while i < limit
                    && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'=' | b'>' | b'/')
                {
                    if !(bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'-' | b'_' | b':' | b'.' | b'@'))
                    {
                        return None;
                    }
                    i += 1;
                }
                if i == start {
                    return None;
                }
                let attribute = &bytes[start..i];
                if i < limit && bytes[i] == b'=' {
                    i += 1;
                    if i >= limit {
                        return None;
                    }
                    let q = bytes[i];
                    if q == b'"' || q == b'\'' {
                        let close = bytes[i + 1..limit].iter().position(|&c| c == q)?;
                        let value = i + 1..i + 1 + close;
                        if PROSE_ATTRIBUTES
                            .iter()
                            .any(|a| attribute.eq_ignore_ascii_case(a.as_bytes()))
                            && !text[value.clone()].trim().is_empty()
                        {
                            prose.push(value);
                        }
                        i += 1 + close + 1;
                    } else {
                        // Unquoted: ASCII up to white space or `>`, no quotes
                        // (`href=« x »` is not well formed).
                        let s = i;
                        while i < limit && !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'>')
                        {
                            i += 1;
                        }
                        let value = &bytes[s..i];
                        if value.is_empty()
                            || value.iter().any(|&c| {
                                !c.is_ascii() || matches!(c, b'"' | b'\'' | b'<' | b'=' | b'`')
                            })
                        {
                            return None;
                        }
                    }
                }
            }
        }
    }
}

/// How offsets of a text with decoded entities lead back to the input.
///
/// Each decoded entity is one segment: its bytes in the input (`&rsquo;`)
/// and in the decoded text (`’`); between segments the two texts are the
/// same byte for byte. An offset that falls inside a decoded segment (only
/// possible when an entity decodes to two characters) is pushed out to the
/// entity's start for a span start and to its end for a span end, so that a
/// span always covers whole entities in the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(input, decoded)` byte ranges of each decoded entity, in order.
    segments: Vec<(Range<usize>, Range<usize>)>,
}

impl OffsetMap {
    /// `view` (the decoded text this map leads back to `input`, with
    /// stretches blanked out at the same length) with every byte outside a
    /// decoded entity taken from `input`: what was blanked out shown again,
    /// at the view's offsets.
    pub fn shown_in(&self, input: &str, view: &str) -> String {
        let mut out = String::with_capacity(view.len());
        let mut at = 0;
        for (i, d) in &self.segments {
            out.push_str(&input[at..i.start]);
            out.push_str(&view[d.clone()]);
            at = i.end;
        }
        out.push_str(&input[at..]);
        out
    }

    /// The `(input, decoded)` byte ranges of each decoded entity, in order.
    pub(crate) fn segments(&self) -> &[(Range<usize>, Range<usize>)] {
        &self.segments
    }

    /// The input offset of a span start at `offset` in the decoded text.
    pub fn start_to_input(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|(_, d)| d.start <= offset);
        match i.checked_sub(1).map(|i| &self.segments[i]) {
            None => offset,
            Some((input, decoded)) if offset >= decoded.end => input.end + (offset - decoded.end),
            Some((input, _)) => input.start,
        }
    }

    /// The input offset of a span end at `offset` in the decoded text.
    pub fn end_to_input(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|(_, d)| d.start < offset);
        match i.checked_sub(1).map(|i| &self.segments[i]) {
            None => offset,
            Some((input, decoded)) if offset >= decoded.end => input.end + (offset - decoded.end),
            Some((input, _)) => input.end,
        }
    }

    /// A span of the decoded text as a span of the input.
    pub fn span_to_input(&self, span: Span) -> Span {
        let start = self.start_to_input(span.start);
        if span.is_empty() {
            return Span::new(start, start);
        }
        Span::new(start, self.end_to_input(span.end).max(start))
    }

    /// The decoded-text offset of input `offset` (an entity's inner bytes go
    /// to the decoded character's start).
    pub fn to_decoded(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|(r, _)| r.start <= offset);
        match i.checked_sub(1).map(|i| &self.segments[i]) {
            None => offset,
            Some((input, decoded)) if offset >= input.end => decoded.end + (offset - input.end),
            Some((_, decoded)) => decoded.start,
        }
    }

    /// The input ranges of the decoded entities, in order.
    pub fn entities(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        self.segments.iter().map(|(r, _)| r.clone())
    }

    /// The decoded entities whose input bytes lie inside `span`, as
    /// `(input range, decoded range)`.
    pub fn entities_in(&self, span: Span) -> &[(Range<usize>, Range<usize>)] {
        let from = self.segments.partition_point(|(r, _)| r.start < span.start);
        let to = self.segments.partition_point(|(r, _)| r.end <= span.end);
        &self.segments[from..to.max(from)]
    }
}

/// Longest entity name looked up (the longest HTML name has 31 letters).
const MAX_ENTITY_NAME: usize = 32;

/// Decodes the character entities of HTML (also in Markdown, which reads
/// them the same way): every named entity of the HTML standard with its
/// semicolon (`&nbsp;`, `&rsquo;`, `&laquo;`; names are case-sensitive, as
/// browsers read them) and numeric references (`&#8217;`, `&#x2019;`;
/// `&#146;` and the other C1 codes as Windows-1252, as browsers do).
/// White-space references (`&#10;`, `&Tab;`) become a space: in HTML a line
/// break in running text is a space, and it must not start a new line here.
///
/// Left as written, so that `broken-markup` still sees them: an entity
/// escaped twice (`&amp;nbsp;` stays whole, its `&amp;` included), cut by a
/// space (`& nbsp;`), without its semicolon (`&nbsp`), unknown names and
/// references to no character (`&#0;`, `&#xD800;`).
///
/// Run it on the masked text (see [`mask`]), where what is not prose is
/// already blanked. `None` when there is nothing to decode.
pub fn decode_entities(text: &str) -> Option<(String, OffsetMap)> {
    let bytes = text.as_bytes();
    // Entities decode to fewer bytes than they take (the few that do not
    // grow the string once): sized from the input, the string never holds
    // twice its text while it grows.
    let mut out = String::new();
    let mut map = OffsetMap::default();
    let mut copied = 0;
    let mut pos = 0;
    while let Some(rel) = memchr_amp(&bytes[pos..]) {
        let amp = pos + rel;
        pos = amp + 1;
        let Some((len, decoded)) = entity_at(text, amp) else {
            continue;
        };
        // `&amp;nbsp;`: an entity escaped twice shows as text; keep it.
        if len == 5 && entity_at(text, amp + 5).is_some() && bytes[amp + 5] != b'&' {
            pos = amp + 5;
            continue;
        }
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[copied..amp]);
        let start = out.len();
        match decoded {
            Decoded::Named(s) => out.push_str(s),
            Decoded::Char(c) => out.push(c),
        }
        map.segments.push((amp..amp + len, start..out.len()));
        copied = amp + len;
        pos = copied;
    }
    if map.segments.is_empty() {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, map))
}

fn memchr_amp(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'&')
}

/// What an entity stands for.
#[derive(Debug, Clone, Copy)]
enum Decoded {
    Named(&'static str),
    Char(char),
}

/// The well-formed entity at `amp` (a `&`, or for an escaped-twice check
/// the position right after `&amp;`, read as if an `&` were there): its
/// length in the input and the text it stands for.
fn entity_at(text: &str, amp: usize) -> Option<(usize, Decoded)> {
    let bytes = text.as_bytes();
    // After `&amp;` the body starts right away (`&amp;nbsp;`).
    let body_start = if bytes.get(amp) == Some(&b'&') {
        amp + 1
    } else {
        amp
    };
    let rest = &bytes[body_start.min(bytes.len())..];
    let semi = rest
        .iter()
        .take(MAX_ENTITY_NAME + 2)
        .position(|&b| b == b';')?;
    let body = &rest[..semi];
    let len = body_start - amp + semi + 1;
    if let Some(num) = body.strip_prefix(b"#") {
        let (digits, radix) = match num.strip_prefix(b"x").or_else(|| num.strip_prefix(b"X")) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || digits.len() > 8 {
            return None;
        }
        let digits = std::str::from_utf8(digits).ok()?;
        if !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let code = u32::from_str_radix(digits, radix).ok()?;
        return numeric_reference(code).map(|c| (len, Decoded::Char(c)));
    }
    if body.is_empty() || !body.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let i = html_escape::NAMED_ENTITIES
        .binary_search_by(|(name, _)| (*name).cmp(body))
        .ok()?;
    let decoded = html_escape::NAMED_ENTITIES[i].1;
    Some((
        len,
        Decoded::Named(if is_white(decoded) { " " } else { decoded }),
    ))
}

fn is_white(s: &str) -> bool {
    matches!(s, "\t" | "\n" | "\r" | "\u{c}")
}

/// What a numeric character reference stands for, as a browser reads it;
/// `None` for no character (NUL, surrogates, past U+10FFFF).
fn numeric_reference(code: u32) -> Option<char> {
    /// `&#128;`..`&#159;` as Windows-1252 (the HTML standard's table).
    const C1: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    let c = match code {
        0x09 | 0x0a | 0x0c | 0x0d => ' ',
        0x80..=0x9f => C1[(code - 0x80) as usize],
        0 => return None,
        _ => char::from_u32(code)?,
    };
    Some(c)
}

/// HTML element names (current and common obsolete ones).
pub(crate) const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// How far around a tag [`repeated_nearby`] looks.
const NEARBY: usize = 2000;

/// Whether `value` also appears within [`NEARBY`] bytes before `start` or
/// after `end` (a caption that repeats an image's `alt`).
fn repeated_nearby(text: &str, start: usize, end: usize, value: &str) -> bool {
    let before = &text[text.floor_char_boundary(start.saturating_sub(NEARBY))..start];
    let after = &text[end..text.floor_char_boundary((end + NEARBY).min(text.len()))];
    before.contains(value) || after.contains(value)
}

/// Start of the first `</name` (any case) at or after `from`.
fn find_end_tag(text: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut pos = from;
    while let Some(rel) = text[pos..].find("</") {
        let at = pos + rel;
        let rest = &bytes[at + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        pos = at + 2;
    }
    None
}

/// Code blocks, inline code and the metadata block of Markdown.
fn markdown_code(text: &str) -> Vec<Range<usize>> {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) | Event::Code(_) => {
                out.push(range);
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str, format: Format) -> String {
        mask(text, format).unwrap_or_else(|| text.to_string())
    }

    #[test]
    fn html_code_comments_and_tags_are_blanked() {
        let html = "<p>Le ministre</p><!-- note à l'équipe --><SCRIPT type=\"x\">var x = \"Hello world\";</SCRIPT><style>\np { color: red }\n</style><p class='a b' data-x=1>a dit <code>let é = 1</code>.<br/>Fin</p>";
        let m = masked(html, Format::Html);
        assert_eq!(m.len(), html.len());
        // Block tags are paragraph breaks, `<br>` a line break.
        assert!(m.starts_with("\n\n Le ministre\n\n  "), "{m:?}");
        for hidden in [
            "note", "Hello", "SCRIPT", "color", "class", "let", "code", "br",
        ] {
            assert!(!m.contains(hidden), "{hidden} in {m:?}");
        }
        assert!(m.contains("a dit "));
        assert!(m.contains(".\n    Fin"), "{m:?}");
        let blocks = crate::document::split_blocks(&m);
        let texts: Vec<&str> = blocks.iter().map(|b| b.slice(html)).collect();
        assert_eq!(texts[0], "Le ministre");
    }

    #[test]
    fn alt_and_title_text_stays_as_a_paragraph() {
        let html = "<p>Le ministre.<img src=\"/a.jpg\" alt=\"Une photo à Paris\" title='Photo'/>Il a parlé.</p><img alt=\"\">";
        let m = masked(html, Format::Html);
        assert_eq!(m.len(), html.len());
        let blocks: Vec<&str> = crate::document::split_blocks(&m)
            .iter()
            .map(|b| b.slice(html))
            .collect();
        assert_eq!(
            blocks,
            ["Le ministre.", "Une photo à Paris", "Photo", "Il a parlé."]
        );
    }

    #[test]
    fn alt_text_that_repeats_the_caption_is_read_once() {
        let html = "<figure><img alt=\"Le ministre à Paris\" src=\"a.jpg\"><figcaption>Le ministre à Paris</figcaption></figure>";
        let m = masked(html, Format::Html);
        assert_eq!(m.matches("Le ministre à Paris").count(), 1, "{m:?}");
        let blocks = crate::document::split_blocks(&m);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].slice(html), "Le ministre à Paris");
    }

    #[test]
    fn broken_tags_and_prose_are_left_alone() {
        for html in [
            "Le ministre a dit : « Non ».",
            "< /p>Delhi",
            "</chiffre>Delhi",
            "<a href=« page.html »>lien",
            "<codec>x</codec>",
            "<p",
        ] {
            assert_eq!(masked(html, Format::Html), html, "{html}");
        }
        assert!(mask("<p>Un texte. <script> sans fin", Format::Text).is_none());
    }

    #[test]
    fn unclosed_elements_hide_the_rest() {
        let html = "<p>Avant</p><script>var x = 1; <!-- et rien";
        let m = masked(html, Format::Html);
        assert!(m.contains("Avant"));
        assert!(m[m.find("Avant").unwrap() + 5..].trim().is_empty(), "{m:?}");
        assert_eq!(masked("<!-- é", Format::Html).trim(), "");
        assert_eq!(masked("<script", Format::Html), "<script");
    }

    #[test]
    fn markdown_code_and_front_matter_are_blanked() {
        let md = "---\ntitle: Un titre\nlayout: post\n---\n\nLe ministre a dit `hello world` hier.\n\n```rust\nlet x = \"Hello world, this is code\";\n```\n\n    indented code here\n\nFin <!-- note -->.";
        let m = masked(md, Format::Markdown);
        assert_eq!(m.len(), md.len());
        assert!(!m.contains("layout"));
        assert!(m.contains("Le ministre a dit "));
        assert!(!m.contains("hello"));
        assert!(!m.contains("Hello"));
        assert!(!m.contains("indented"));
        assert!(m.contains("Fin "));
        assert!(!m.contains("note"));
        assert_eq!(m.matches('\n').count(), md.matches('\n').count());
    }

    fn decoded(text: &str) -> String {
        decode_entities(text).map_or_else(|| text.to_string(), |(t, _)| t)
    }

    #[test]
    fn entities_are_decoded_with_a_way_back() {
        let html = "venu&nbsp;: c&rsquo;est &laquo;&#160;oui&#xA0;&raquo; &#146;";
        let (text, map) = decode_entities(html).unwrap();
        assert_eq!(text, "venu\u{a0}: c’est «\u{a0}oui\u{a0}» ’");
        // Each decoded character leads back to its whole entity.
        for (entity, decoded) in [("&nbsp;", "\u{a0}"), ("&rsquo;", "’"), ("&laquo;", "«")] {
            let at = text.find(decoded).unwrap();
            let span = map.span_to_input(Span::new(at, at + decoded.len()));
            assert_eq!(span.slice(html), entity);
        }
        // Offsets between entities move by what the entities before saved.
        let colon = text.find(':').unwrap();
        assert_eq!(
            map.span_to_input(Span::new(colon, colon + 1)).slice(html),
            ":"
        );
        let word = text.find("c’est").unwrap();
        assert_eq!(
            map.span_to_input(Span::new(word, word + "c’est".len()))
                .slice(html),
            "c&rsquo;est"
        );
        assert_eq!(map.to_decoded(html.find(':').unwrap()), colon);
        assert_eq!(map.entities().count(), 7);
    }

    #[test]
    fn broken_entities_stay_as_written() {
        for broken in [
            "&amp;nbsp;",
            "&amp;#8217;",
            "& nbsp;",
            "&nbsp ;",
            "&nbsp suite",
            "& ;",
            "&;",
            "&nosuchentity;",
            "&NBSP;",
            "&#0;",
            "&#xD800;",
            "&#x110000;",
            "&#99999999999;",
            "&#x;",
            "&#12a;",
            "AT&T",
        ] {
            assert_eq!(decoded(broken), broken, "{broken}");
        }
        // A lone `&amp;` is an ampersand.
        assert_eq!(decoded("AT&amp;T et &amp;&nbsp;!"), "AT&T et &\u{a0}!");
        // White-space references are read as a space, never a new line.
        assert_eq!(decoded("a&#10;b&NewLine;c&Tab;d"), "a b c d");
    }

    #[test]
    fn spans_inside_a_two_character_entity_cover_it_whole() {
        // `&NotEqualTilde;` decodes to two characters.
        let html = "x &NotEqualTilde; y";
        let (text, map) = decode_entities(html).unwrap();
        let at = text.find('≂').unwrap();
        let inner = Span::new(at, at + '≂'.len_utf8());
        assert_eq!(map.span_to_input(inner).slice(html), "&NotEqualTilde;");
        let after = Span::new(at + '≂'.len_utf8(), text.len() - 2);
        assert_eq!(map.span_to_input(after).slice(html), "&NotEqualTilde;");
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "<",
            "<!--",
            "<!-->",
            "<script",
            "<script>",
            "</script>",
            "<code/>",
            "`",
            "```",
            "<scripté>",
            "<é",
            "<script>é</scr",
            "~~~\né",
            "<style\u{a0}>x</style>",
        ] {
            for format in [Format::Text, Format::Html, Format::Markdown] {
                let m = masked(text, format);
                assert_eq!(m.len(), text.len(), "{text:?}");
            }
        }
        for text in [
            "&",
            "&#",
            "&#x",
            "&amp;",
            "&amp;&",
            "&amp;amp;",
            "&é;",
            "&#é;",
            "&&&;;",
        ] {
            if let Some((d, map)) = decode_entities(text) {
                let all = map.span_to_input(Span::new(0, d.len()));
                assert_eq!(all, Span::new(0, text.len()), "{text:?}");
            }
        }
    }
}
