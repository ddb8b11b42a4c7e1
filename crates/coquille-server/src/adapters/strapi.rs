//! Strapi v5: the `entry` of a webhook (`entry.publish`, `entry.update`...).
//!
//! A webhook carries no schema, so the adapter reads the entry by its shapes:
//!
//! - a Blocks value (an array of nodes `{type, children}` whose types are
//!   Blocks' root types) becomes one built field: paragraphs, headings,
//!   quotes, list items (nested lists too), link texts, each its own block
//!   or inline piece; an image's `alternativeText` and `caption` each a
//!   block; code blocks and inline code fenced, so not read as prose;
//! - a string that is prose (a letter in it, and not an identifier: a slug,
//!   URL, e-mail, date, file name or enumeration value): a `richtext` or
//!   long text is read as Markdown, a short one as text;
//! - components and repeatable components (objects and arrays of objects),
//!   dynamic zones (objects with `__component`), at any depth;
//! - a media object (`mime`, `url`...): only its `alternativeText` and
//!   `caption`;
//! - not read: Strapi's own keys (`id`, `documentId`, `locale`,
//!   `localizations`, dates, `createdBy`...), relations (objects with a
//!   `documentId` below the entry: other documents, checked when they are
//!   published), strings that are identifiers (slugs, URLs, enumeration
//!   values, dates).
//!
//! Node types come from `@strapi/types`
//! (`dist/schema/attribute/definitions/blocks.d.ts`).

use super::text::{Builder, is_prose, string_format};
use super::{AdapterError, Field, MAX_DEPTH, index, key};
use coquille::Format;
use serde_json::{Map, Value};

/// Keys Strapi itself sets on entries, components and media, and the
/// values of Strapi's SEO component that machines read, not people.
const SYSTEM_KEYS: &[&str] = &[
    "id",
    "documentId",
    "locale",
    "localizations",
    "createdAt",
    "updatedAt",
    "publishedAt",
    "createdBy",
    "updatedBy",
    "__component",
    "__temp_key__",
    "status",
    // The SEO plugin's machine-read values.
    "metaRobots",
    "metaViewport",
    "structuredData",
];

/// Blocks' root node types.
const ROOT_TYPES: &[&str] = &["paragraph", "heading", "quote", "code", "list", "image"];

/// The fields of a Strapi webhook payload.
pub fn read(payload: &Value) -> Result<Vec<Field>, AdapterError> {
    let entry = payload
        .get("entry")
        .and_then(Value::as_object)
        .ok_or_else(|| AdapterError::Shape {
            cms: "Strapi",
            reason: "no `entry` object".into(),
        })?;
    let mut out = Vec::new();
    object(entry, "entry", 0, &mut out);
    Ok(out)
}

fn object(map: &Map<String, Value>, path: &str, depth: usize, out: &mut Vec<Field>) {
    if depth > MAX_DEPTH {
        return;
    }
    if is_media(map) {
        for k in ["alternativeText", "caption"] {
            if let Some(s) = map.get(k).and_then(Value::as_str) {
                string(s, &key(path, k), Some(Format::Text), out);
            }
        }
        return;
    }
    for (k, v) in map {
        if SYSTEM_KEYS.contains(&k.as_str()) {
            continue;
        }
        value(v, &key(path, k), depth + 1, out);
    }
}

fn value(v: &Value, path: &str, depth: usize, out: &mut Vec<Field>) {
    match v {
        Value::String(s) => string(s, path, None, out),
        Value::Object(map) => {
            // A relation: another document.
            if map.contains_key("documentId") && !is_media(map) {
                return;
            }
            object(map, path, depth, out);
        }
        Value::Array(items) if is_blocks(items) => {
            let mut b = Builder::default();
            for (i, node) in items.iter().enumerate() {
                block(node, &index(path, i), &mut b, depth + 1);
            }
            if let Some((text, segments)) = b.finish() {
                out.push(Field {
                    path: path.to_string(),
                    format: Format::Markdown,
                    text,
                    segments: Some(segments),
                });
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                value(item, &index(path, i), depth + 1, out);
            }
        }
        _ => {}
    }
}

fn string(s: &str, path: &str, format: Option<Format>, out: &mut Vec<Field>) {
    if is_prose(s) {
        out.push(Field {
            path: path.to_string(),
            format: format.unwrap_or_else(|| string_format(s)),
            text: s.to_string(),
            segments: None,
        });
    }
}

fn is_media(map: &Map<String, Value>) -> bool {
    map.contains_key("mime") || (map.contains_key("url") && map.contains_key("hash"))
}

fn node_type(v: &Value) -> Option<&str> {
    v.get("type").and_then(Value::as_str)
}

fn is_blocks(items: &[Value]) -> bool {
    !items.is_empty()
        && items.iter().all(|n| {
            node_type(n).is_some_and(|t| ROOT_TYPES.contains(&t))
                && n.get("children").is_some_and(Value::is_array)
        })
}

fn children(node: &Value) -> &[Value] {
    node.get("children")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// A root node (or a list's child).
fn block(node: &Value, path: &str, b: &mut Builder, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match node_type(node) {
        Some("list") => {
            for (i, item) in children(node).iter().enumerate() {
                block(item, &index(&key(path, "children"), i), b, depth + 1);
            }
        }
        Some("code") => b.code_block(&plain(node)),
        Some("image") => {
            if let Some(image) = node.get("image") {
                for k in ["alternativeText", "caption"] {
                    if let Some(s) = image.get(k).and_then(Value::as_str) {
                        b.prose_block(s, key(&key(path, "image"), k));
                    }
                }
            }
        }
        // paragraph, heading, quote, list-item, and any type to come: its text.
        _ => {
            b.block();
            inline(children(node), &key(path, "children"), b, depth + 1);
        }
    }
}

/// Inline nodes: text (inline code fenced), links, anything with children.
fn inline(nodes: &[Value], path: &str, b: &mut Builder, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for (i, n) in nodes.iter().enumerate() {
        let here = index(path, i);
        match node_type(n) {
            Some("text") => {
                let text = n.get("text").and_then(Value::as_str).unwrap_or("");
                if n.get("code").and_then(Value::as_bool) == Some(true) {
                    b.code_span(text);
                } else {
                    b.prose(text, here);
                }
            }
            // A nested list inside a list item.
            Some("list") => block(n, &here, b, depth + 1),
            _ => inline(children(n), &key(&here, "children"), b, depth + 1),
        }
    }
}

/// The text of a node's descendants, as is (a code block's code).
fn plain(node: &Value) -> String {
    let mut out = String::new();
    fn walk(n: &Value, out: &mut String, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if let Some(t) = n.get("text").and_then(Value::as_str) {
            out.push_str(t);
        }
        for c in children(n) {
            walk(c, out, depth + 1);
        }
    }
    walk(node, &mut out, 0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::testing::*;
    use serde_json::json;

    #[test]
    fn the_publish_fixture_reads_every_text_field() {
        let fields = read(&fixture("strapi-v5-entry-publish.json")).unwrap();
        assert_eq!(
            paths(&fields),
            [
                "entry.blocks[0].body",
                "entry.blocks[0].title",
                "entry.blocks[1].body",
                "entry.blocks[1].title",
                "entry.blocks[2].file.alternativeText",
                "entry.blocks[2].file.caption",
                "entry.blocks[3].items[0].answer",
                "entry.blocks[3].items[0].question",
                "entry.body",
                "entry.content",
                "entry.cover.alternativeText",
                "entry.cover.caption",
                "entry.description",
                "entry.seo.metaDescription",
                "entry.seo.metaImage.alternativeText",
                "entry.seo.metaTitle",
                "entry.title",
            ]
        );
        let body = field(&fields, "entry.body");
        assert_eq!(body.format, Format::Markdown);
        // Every kind of node is read; the code is not.
        assert_pieces(
            body,
            &[
                "Ce que change la réforme",
                "Le texte adopté mardi ",
                "au Sénat",
                "Les communes de moins de mille habitants",
                "Les intercommunalités",
                "Les syndicats mixtes, qui perdent leur droit de veto.",
                "Une réforme attendue depuis dix ans.",
                "La salle des séances du Sénat, le jour du vote.",
                "Le Sénat en séance publique.",
            ],
        );
        assert!(!body.text.contains("https://"), "link URLs are not text");
        let masked = coquille::markup::mask(&body.text, Format::Markdown).unwrap();
        assert!(!masked.contains("SELECT") && !masked.contains("npm"));
        assert_eq!(
            segment_at(body, body.text.find("Les syndicats").unwrap()),
            "entry.body[3].children[1].children[0].children[0]"
        );
        // The careful French of the fixture passes.
        assert_no_finding(&fields);
    }

    #[test]
    fn a_defect_in_a_nested_list_item_is_found_there() {
        let mut payload = fixture("strapi-v5-entry-publish.json");
        let node = &mut payload["entry"]["body"][3]["children"][1]["children"][0]["children"][0];
        node["text"] = json!("Les syndicats mixtes , qui perdent leur droit de veto.");
        let fields = read(&payload).unwrap();
        let body = field(&fields, "entry.body");
        let found = findings(body);
        assert_eq!(found.len(), 1, "{found:?}");
        let f = &found[0];
        assert_eq!(f.rule, "space-before-punctuation");
        let at = body.text.find("mixtes ,").unwrap() + "mixtes".len();
        assert_eq!(f.span.start, at);
        assert_eq!(
            segment_at(body, f.span.start),
            "entry.body[3].children[1].children[0].children[0]"
        );
    }

    #[test]
    fn nothing_readable_is_no_field_and_no_entry_is_an_error() {
        let only_ids = json!({"event": "entry.publish", "entry": {
            "id": 3, "documentId": "abc", "slug": "mon-article", "views": 12,
            "body": [{"type": "paragraph", "children": [{"type": "text", "text": ""}]}]
        }});
        assert_eq!(read(&only_ids).unwrap(), []);
        assert!(matches!(
            read(&json!({"event": "media.create", "media": {}})),
            Err(AdapterError::Shape { .. })
        ));
    }
}
