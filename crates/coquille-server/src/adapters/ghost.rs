//! Ghost: a post or page webhook (`post.published`, `post.edited`,
//! `page.published`...), `post.current` or `page.current`.
//!
//! Read, in this order, each when present and prose:
//!
//! | path | format |
//! |---|---|
//! | `title` | text |
//! | `custom_excerpt` | text |
//! | `html` | html: the body as readers get it, with image `alt`s and `title`s and `figcaption`s (the checker reads those in HTML) |
//! | `lexical` | when `html` is absent: the editor's document, built into Markdown (see below) |
//! | `feature_image_alt` | text |
//! | `feature_image_caption` | html (Ghost stores captions as HTML) |
//! | `meta_title`, `meta_description` | text |
//! | `og_title`, `og_description` | text |
//! | `twitter_title`, `twitter_description` | text |
//! | `email_subject` | text |
//!
//! Not read: `excerpt` when Ghost generated it (it repeats the start of
//! `plaintext`, itself the body again), `plaintext`, `mobiledoc` (the
//! pre-2023 editor format: its `html` is sent too), tags, authors and tiers
//! (shared objects, not the post's text), code injection, URLs and ids.
//!
//! Lexical: text nodes (`text`, `extended-text`; inline code, format bit 16,
//! fenced), line breaks, block nodes (paragraph, heading, quote, aside, list
//! items) as blocks, code blocks fenced, and the texts of cards: `alt`,
//! `caption`, `title` (image, video, file, gallery images), `calloutText`,
//! toggles' `heading` and `content`, buttons' `buttonText`, headers'
//! `header` and `subheader`, products' `productTitle` and
//! `productDescription`, `markdown` and `html` cards.

use super::text::{Builder, is_prose};
use super::{AdapterError, Field, MAX_DEPTH, index, key};
use coquille::Format;
use serde_json::Value;

/// Keys of the post read as they are, after the body.
const AFTER_BODY: &[(&str, Format)] = &[
    ("feature_image_alt", Format::Text),
    ("feature_image_caption", Format::Html),
    ("meta_title", Format::Text),
    ("meta_description", Format::Text),
    ("og_title", Format::Text),
    ("og_description", Format::Text),
    ("twitter_title", Format::Text),
    ("twitter_description", Format::Text),
    ("email_subject", Format::Text),
];

/// Lexical nodes that start a block.
const BLOCK_NODES: &[&str] = &[
    "paragraph",
    "heading",
    "extended-heading",
    "quote",
    "extended-quote",
    "aside",
    "listitem",
];

/// String keys of Lexical cards that readers see as text.
const CARD_TEXT: &[&str] = &[
    "alt",
    "caption",
    "title",
    "calloutText",
    "heading",
    "content",
    "buttonText",
    "header",
    "subheader",
    "productTitle",
    "productDescription",
    "markdown",
    "html",
];

/// The fields of a Ghost post or page webhook.
pub fn read(payload: &Value) -> Result<Vec<Field>, AdapterError> {
    let (base, post) = ["post", "page"]
        .iter()
        .find_map(|kind| {
            let current = payload.get(kind)?.get("current")?;
            Some((key(kind, "current"), current.as_object()?))
        })
        .ok_or_else(|| AdapterError::Shape {
            cms: "Ghost",
            reason: "no `post.current` or `page.current` object".into(),
        })?;
    let mut out = Vec::new();
    let verbatim = |k: &str, format: Format, out: &mut Vec<Field>| {
        if let Some(s) = post.get(k).and_then(Value::as_str)
            && is_prose(s)
        {
            out.push(Field {
                path: key(&base, k),
                format,
                text: s.to_string(),
                segments: None,
            });
        }
    };
    verbatim("title", Format::Text, &mut out);
    verbatim("custom_excerpt", Format::Text, &mut out);
    if post.get("html").is_some_and(Value::is_string) {
        verbatim("html", Format::Html, &mut out);
    } else if let Some(lexical) = post.get("lexical").and_then(Value::as_str) {
        let path = key(&base, "lexical");
        let doc: Value = serde_json::from_str(lexical).map_err(|e| AdapterError::Shape {
            cms: "Ghost",
            reason: format!("`{path}` is not JSON: {e}"),
        })?;
        let mut b = Builder::default();
        node(&doc["root"], &key(&path, "root"), &mut b, 0);
        if let Some((text, segments)) = b.finish() {
            out.push(Field {
                path,
                format: Format::Markdown,
                text,
                segments: Some(segments),
            });
        }
    }
    for (k, format) in AFTER_BODY {
        verbatim(k, *format, &mut out);
    }
    Ok(out)
}

fn node(n: &Value, path: &str, b: &mut Builder, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let kind = n.get("type").and_then(Value::as_str).unwrap_or("");
    match kind {
        "text" | "extended-text" => {
            let text = n.get("text").and_then(Value::as_str).unwrap_or("");
            let format = n.get("format").and_then(Value::as_u64).unwrap_or(0);
            if format & 16 != 0 {
                b.code_span(text);
            } else {
                b.prose(text, path.to_string());
            }
            return;
        }
        "linebreak" => {
            b.line_break();
            return;
        }
        "codeblock" => {
            if let Some(code) = n.get("code").and_then(Value::as_str) {
                b.code_block(code);
            }
            return;
        }
        _ => {}
    }
    if BLOCK_NODES.contains(&kind) {
        b.block();
    }
    for k in CARD_TEXT {
        if let Some(s) = n.get(*k).and_then(Value::as_str) {
            b.prose_block(s, key(path, k));
        }
    }
    for list in ["children", "images"] {
        if let Some(items) = n.get(list).and_then(Value::as_array) {
            let base = key(path, list);
            for (i, c) in items.iter().enumerate() {
                node(c, &index(&base, i), b, depth + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::testing::*;
    use serde_json::json;

    const FIXTURE: &str = "ghost-post-published.json";

    #[test]
    fn the_published_fixture_reads_every_text_field() {
        let fields = read(&fixture(FIXTURE)).unwrap();
        assert_eq!(
            paths(&fields),
            [
                "post.current.title",
                "post.current.custom_excerpt",
                "post.current.html",
                "post.current.feature_image_alt",
                "post.current.feature_image_caption",
                "post.current.meta_title",
                "post.current.meta_description",
                "post.current.og_title",
                "post.current.og_description",
                "post.current.twitter_title",
                "post.current.twitter_description",
                "post.current.email_subject",
            ]
        );
        assert_eq!(field(&fields, "post.current.html").format, Format::Html);
        assert_no_finding(&fields);
    }

    #[test]
    fn without_html_the_lexical_document_is_read() {
        let mut payload = fixture(FIXTURE);
        payload["post"]["current"]["html"] = Value::Null;
        let fields = read(&payload).unwrap();
        let body = field(&fields, "post.current.lexical");
        assert_eq!(body.format, Format::Markdown);
        assert_pieces(
            body,
            &[
                "Ce que disent les chiffres",
                "La fréquentation des bibliothèques a augmenté de ",
                "douze pour cent",
                "Les prêts de bandes dessinées",
                "Une lectrice dans la salle de lecture rénovée.",
                "Photo prise le jour de la réouverture.",
                "Horaires élargis le dimanche",
                // A toggle card's content is HTML, read as such.
                "<p>Les bibliothécaires reçoivent désormais le public le dimanche matin.</p>",
            ],
        );
        let masked = coquille::markup::mask(&body.text, Format::Markdown).unwrap();
        assert!(!masked.contains("SELECT") && !masked.contains("pret_id"));
        assert_no_finding(&fields);
    }

    #[test]
    fn a_defect_in_an_image_caption_of_the_lexical_body_is_found_there() {
        let mut payload = fixture(FIXTURE);
        let current = &mut payload["post"]["current"];
        current["html"] = Value::Null;
        let mut doc: Value = serde_json::from_str(current["lexical"].as_str().unwrap()).unwrap();
        let image = &mut doc["root"]["children"][3];
        assert_eq!(image["type"], "image");
        image["caption"] = json!("Photo prise le jour de la réouverture .");
        current["lexical"] = json!(doc.to_string());
        let fields = read(&payload).unwrap();
        let body = field(&fields, "post.current.lexical");
        let found = findings(body);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "space-before-punctuation");
        assert_eq!(
            found[0].span.start,
            body.text.find("réouverture .").unwrap() + "réouverture".len()
        );
        assert_eq!(
            segment_at(body, found[0].span.start),
            "post.current.lexical.root.children[3].caption"
        );
    }

    #[test]
    fn a_deleted_post_has_nothing_and_another_payload_is_an_error() {
        let deleted = json!({"post": {"current": {}, "previous": {"title": "Ancien titre"}}});
        assert_eq!(read(&deleted).unwrap(), []);
        assert!(matches!(
            read(&json!({"member": {"current": {}}})),
            Err(AdapterError::Shape { .. })
        ));
        let page = json!({"page": {"current": {"title": "À propos de nous"}}});
        assert_eq!(paths(&read(&page).unwrap()), ["page.current.title"]);
    }
}
