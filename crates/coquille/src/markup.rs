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
//!   for `broken-markup`, and so do entities.
//! - Markdown: fenced and indented code blocks, inline code spans and the
//!   metadata block at the top (YAML front matter), found by
//!   [`pulldown_cmark`], plus all of the above in raw HTML.

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
/// is hidden (and for plain text).
///
/// A multi-byte character inside a hidden range becomes several spaces, so a
/// byte offset that falls inside a hidden range may not be a char boundary
/// of `text`: callers keep only findings whose ends are char boundaries of
/// `text` (the checker does).
pub fn mask(text: &str, format: Format) -> Option<String> {
    let ranges = hidden_ranges(text, format);
    if ranges.is_empty() {
        return None;
    }
    let mut bytes = text.as_bytes().to_vec();
    for Hidden { range, breaks } in ranges {
        let start = range.start;
        for (k, b) in bytes[range].iter_mut().enumerate() {
            if k < breaks {
                *b = b'\n';
            } else if !matches!(*b, b'\n' | b'\r') {
                *b = b' ';
            }
        }
        debug_assert!(breaks == 0 || start < text.len());
    }
    // Every non-ASCII character was replaced whole (ranges are on char
    // boundaries), so the bytes are valid UTF-8.
    String::from_utf8(bytes).ok()
}

/// A stretch of the input that is not prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// Its bytes, on char boundaries.
    pub range: Range<usize>,
    /// How many line breaks it stands for (2: a paragraph break; 1: `<br>`).
    pub breaks: usize,
}

/// What of `text` is not prose, in order (stretches may overlap).
pub fn hidden_ranges(text: &str, format: Format) -> Vec<Hidden> {
    match format {
        Format::Text => Vec::new(),
        Format::Html => html_hidden(text),
        Format::Markdown => {
            let mut ranges: Vec<Hidden> = markdown_code(text)
                .into_iter()
                .map(|range| Hidden { range, breaks: 0 })
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
            });
            from = value.end;
        }
        let breaks = if prose.is_empty() { breaks } else { 2 };
        out.push(Hidden {
            range: from..tag.end,
            breaks: breaks.min(tag.end - from),
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
    }
}
