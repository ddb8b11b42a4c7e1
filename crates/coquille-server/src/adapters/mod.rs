//! What CMSs really send, read into the fields the checker takes.
//!
//! Each adapter turns one webhook payload into [`Field`]s: a name that is the
//! field's path in the payload, a format, and the text the checker reads.
//! A field is either a string of the payload exactly as sent (offsets in its
//! findings point into that string) or a text the adapter built from a
//! structured value (Strapi Blocks, Contentful Rich Text, Ghost's Lexical):
//! then the answer carries that text and its [`Segment`]s, which say from
//! which node of the payload each stretch of it comes.
//!
//! Nothing here knows HTTP: the server calls an adapter's `read` on the
//! parsed payload, and answers 422 with its [`AdapterError`]. Fields read by
//! walking a payload come in key order (serde_json sorts object keys).
//!
//! - [`strapi`]: Strapi v5 `entry.*` (Blocks, rich text, components, dynamic
//!   zones, media texts).
//! - [`contentful`]: Contentful entries, `fields.<id>.<locale>`, one locale
//!   chosen explicitly, Rich Text documents.
//! - [`ghost`]: Ghost `post.current` / `page.current`.
//! - [`frontmatter`]: a Markdown file with YAML or TOML front matter (Hugo,
//!   Jekyll, Eleventy, Astro...).

pub mod contentful;
pub mod frontmatter;
pub mod ghost;
pub mod strapi;
mod text;

use coquille::Format;
use serde::Serialize;

/// Where a stretch of a built text comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// First byte (or unit of the answer's offset encoding) of the stretch.
    pub start: usize,
    /// End of the stretch, exclusive.
    pub end: usize,
    /// The payload node it was read from (`entry.body[2].children[0]`).
    pub path: String,
}

/// One text an adapter read.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Its path in the payload (`post.current.custom_excerpt`,
    /// `fields.body.fr-FR`); the answer's field name.
    pub path: String,
    /// How the checker reads it.
    pub format: Format,
    /// The text checked; offsets of its findings point into it.
    pub text: String,
    /// `None`: `text` is the payload's string at `path`, as sent. `Some`: the
    /// adapter built `text` from the structure at `path`, and these say where
    /// each piece of it comes from.
    pub segments: Option<Vec<Segment>>,
}

/// A payload an adapter cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AdapterError {
    /// Not the shape this CMS sends.
    #[error("not a {cms} payload: {reason}")]
    Shape {
        /// Which CMS.
        cms: &'static str,
        /// What is missing or wrong.
        reason: String,
    },
    /// The chosen locale is not in the entry.
    #[error(
        "the entry has no field in locale `{wanted}` (its locales: {available}); \
         a locale is matched exactly, never by fallback"
    )]
    UnknownLocale {
        /// The locale asked for.
        wanted: String,
        /// The entry's locales, comma-separated.
        available: String,
    },
    /// The entry has several locales and none was chosen.
    #[error(
        "the entry has several locales ({available}): choose the one to check with \
         `locale` in [server.adapters.contentful] or `?locale=` on the webhook URL"
    )]
    NoLocaleChosen {
        /// The entry's locales, comma-separated.
        available: String,
    },
    /// Front matter that does not parse.
    #[error("the front matter is not valid {syntax}: {reason}")]
    FrontMatter {
        /// `YAML` or `TOML`.
        syntax: &'static str,
        /// The parser's message.
        reason: String,
    },
}

/// Deepest nesting an adapter follows (components in components, lists in
/// lists); deeper values are not read. serde_json stops at 128 levels anyway.
pub(crate) const MAX_DEPTH: usize = 64;

/// A path with a key appended: `a.b`.
pub(crate) fn key(path: &str, k: &str) -> String {
    if path.is_empty() {
        k.to_string()
    } else {
        format!("{path}.{k}")
    }
}

/// A path with an index appended: `a[3]`.
pub(crate) fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers shared by the adapters' tests.
    use super::Field;
    use coquille::{Checker, Document, Finding};

    /// The fixture at `tests/fixtures/cms/NAME`, parsed; a missing fixture
    /// fails the test.
    pub fn fixture(name: &str) -> serde_json::Value {
        let text = fixture_text(name);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The fixture's text.
    pub fn fixture_text(name: &str) -> String {
        let path = format!("{}/tests/fixtures/cms/{name}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Each field's path, in order.
    pub fn paths(fields: &[Field]) -> Vec<&str> {
        fields.iter().map(|f| f.path.as_str()).collect()
    }

    /// The field at `path`.
    pub fn field<'f>(fields: &'f [Field], path: &str) -> &'f Field {
        fields
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("no field {path} in {:?}", paths(fields)))
    }

    /// What the checker finds in a field.
    pub fn findings(field: &Field) -> Vec<Finding> {
        Checker::default().findings(&Document::with_format(&field.text, field.format))
    }

    /// The path of the segment holding byte `at` of a built field.
    pub fn segment_at(field: &Field, at: usize) -> &str {
        field
            .segments
            .as_ref()
            .expect("a built field")
            .iter()
            .find(|s| s.start <= at && at < s.end)
            .map(|s| s.path.as_str())
            .unwrap_or_else(|| panic!("no segment at {at} in {}", field.path))
    }

    /// Fails on any finding in any field (the fixtures are careful French).
    pub fn assert_no_finding(fields: &[Field]) {
        for f in fields {
            let found = findings(f);
            assert!(found.is_empty(), "{}: {found:?}", f.path);
        }
    }

    /// Fails unless each of `wanted` is the text of one of the field's
    /// segments.
    pub fn assert_pieces(field: &Field, wanted: &[&str]) {
        let pieces: Vec<&str> = segment_texts(field).iter().map(|(_, t)| *t).collect();
        for want in wanted {
            assert!(pieces.contains(want), "{want:?} not in {pieces:?}");
        }
    }

    /// Every segment's path and text.
    pub fn segment_texts(field: &Field) -> Vec<(&str, &str)> {
        field
            .segments
            .as_ref()
            .expect("a built field")
            .iter()
            .map(|s| (s.path.as_str(), &field.text[s.start..s.end]))
            .collect()
    }
}
