//! Contentful: an entry (or asset) as its webhooks send it (the Content
//! Management API's shape): `fields.<field id>.<locale code>`.
//!
//! One locale is read, chosen explicitly: the configured or requested code
//! must be one of the entry's locales exactly (`fr`, `fr-FR` and `fr-CA` are
//! three locales; there is no fallback from one to another), else the payload
//! is refused with the entry's locales. With no locale chosen, an entry with
//! a single locale is read in it and an entry with several is refused. A
//! field not translated into the locale (Contentful stores non-localized
//! fields under the default locale only) is not read.
//!
//! In that locale, per field: a string that is prose (Symbol, Text; a Text
//! with Markdown marks is read as Markdown), each prose string of a list
//! (Symbol list), and a Rich Text document, read into one built field: every
//! `text` node (the `code` mark fenced as code), paragraphs and headings as
//! blocks, so lists, quotes, tables and hyperlinks are read through their
//! content. Links to other entries and assets (`sys.type = Link`), embedded
//! entries and numbers, dates, locations and JSON objects are not text.
//!
//! Node types: `@contentful/rich-text-types` (`BLOCKS`, `INLINES`, `MARKS`).

use super::text::{Builder, is_prose, string_format};
use super::{AdapterError, Field, MAX_DEPTH, index, key};
use coquille::Format;
use serde_json::{Map, Value};
use std::collections::BTreeSet;

/// The fields of a Contentful payload in `locale`.
pub fn read(payload: &Value, locale: Option<&str>) -> Result<Vec<Field>, AdapterError> {
    let fields = payload
        .get("fields")
        .and_then(Value::as_object)
        .ok_or_else(|| AdapterError::Shape {
            cms: "Contentful",
            reason: "no `fields` object".into(),
        })?;
    let locales: BTreeSet<&str> = fields
        .values()
        .filter_map(Value::as_object)
        .flat_map(Map::keys)
        .map(String::as_str)
        .collect();
    let available = || locales.iter().copied().collect::<Vec<_>>().join(", ");
    let locale = match locale {
        Some(wanted) if locales.contains(wanted) => wanted,
        Some(wanted) => {
            return Err(AdapterError::UnknownLocale {
                wanted: wanted.to_string(),
                available: available(),
            });
        }
        None if locales.len() <= 1 => match locales.first() {
            Some(only) => only,
            None => return Ok(Vec::new()),
        },
        None => {
            return Err(AdapterError::NoLocaleChosen {
                available: available(),
            });
        }
    };
    let mut out = Vec::new();
    for (id, by_locale) in fields {
        if let Some(v) = by_locale.get(locale) {
            value(v, &key(&key("fields", id), locale), &mut out);
        }
    }
    Ok(out)
}

fn value(v: &Value, path: &str, out: &mut Vec<Field>) {
    match v {
        Value::String(s) if is_prose(s) => out.push(Field {
            path: path.to_string(),
            format: string_format(s),
            text: s.clone(),
            segments: None,
        }),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if item.is_string() {
                    value(item, &index(path, i), out);
                }
            }
        }
        Value::Object(_) if v.get("nodeType").and_then(Value::as_str) == Some("document") => {
            let mut b = Builder::default();
            node(v, path, &mut b, 0);
            if let Some((text, segments)) = b.finish() {
                out.push(Field {
                    path: path.to_string(),
                    format: Format::Markdown,
                    text,
                    segments: Some(segments),
                });
            }
        }
        _ => {}
    }
}

fn node(n: &Value, path: &str, b: &mut Builder, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let kind = n.get("nodeType").and_then(Value::as_str).unwrap_or("");
    if kind == "text" {
        let text = n.get("value").and_then(Value::as_str).unwrap_or("");
        let code = n.get("marks").and_then(Value::as_array).is_some_and(|m| {
            m.iter()
                .any(|m| m.get("type").and_then(Value::as_str) == Some("code"))
        });
        if code {
            b.code_span(text);
        } else {
            b.prose(text, path.to_string());
        }
        return;
    }
    if kind == "paragraph" || kind.starts_with("heading-") {
        b.block();
    }
    if let Some(content) = n.get("content").and_then(Value::as_array) {
        let base = key(path, "content");
        for (i, c) in content.iter().enumerate() {
            node(c, &index(&base, i), b, depth + 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::testing::*;
    use serde_json::json;

    const FIXTURE: &str = "contentful-entry-publish.json";

    #[test]
    fn the_publish_fixture_reads_the_chosen_locale_only() {
        let payload = fixture(FIXTURE);
        let fields = read(&payload, Some("fr-FR")).unwrap();
        assert_eq!(
            paths(&fields),
            [
                "fields.body.fr-FR",
                "fields.heroCaption.fr-FR",
                "fields.keywords.fr-FR[1]",
                "fields.summary.fr-FR",
                "fields.title.fr-FR",
            ]
        );
        let body = field(&fields, "fields.body.fr-FR");
        assert_pieces(
            body,
            &[
                "Une saison sous le signe de la sobriété",
                "Le festival réduit de moitié ",
                "ses déplacements en avion",
                "La billetterie ouvre le 2 mai.",
                "Les concerts gratuits du dimanche",
                "Les navettes depuis la gare",
                "Nous voulions un festival plus proche de son public.",
                "Lieu",
                "Jauge",
                "Le théâtre de verdure",
            ],
        );
        let masked = coquille::markup::mask(&body.text, Format::Markdown).unwrap();
        assert!(!masked.contains("festival.json"), "code is left out");
        assert!(
            !fields.iter().any(|f| f.text.contains("Summer")),
            "no English read"
        );
        assert_no_finding(&fields);
    }

    #[test]
    fn every_locale_is_chosen_exactly() {
        let payload = fixture(FIXTURE);
        let en = read(&payload, Some("en-US")).unwrap();
        assert!(
            en.iter()
                .all(|f| f.path.ends_with("en-US") || f.path.contains("en-US["))
        );
        let ca = read(&payload, Some("fr-CA")).unwrap();
        assert_eq!(paths(&ca), ["fields.title.fr-CA"]);
        for wanted in ["fr", "FR-fr", "de-DE"] {
            let err = read(&payload, Some(wanted)).unwrap_err();
            assert_eq!(
                err,
                AdapterError::UnknownLocale {
                    wanted: wanted.into(),
                    available: "en-US, fr-CA, fr-FR".into()
                }
            );
        }
        assert!(matches!(
            read(&payload, None),
            Err(AdapterError::NoLocaleChosen { .. })
        ));
        let single = json!({"fields": {"title": {"fr": "Un titre"}}});
        assert_eq!(paths(&read(&single, None).unwrap()), ["fields.title.fr"]);
    }

    #[test]
    fn a_defect_in_a_table_cell_is_found_there() {
        let mut payload = fixture(FIXTURE);
        let body = &mut payload["fields"]["body"]["fr-FR"];
        // content[5]: the table; row 1, cell 0, paragraph 0, text 0.
        let cell = &mut body["content"][5]["content"][1]["content"][0]["content"][0]["content"][0];
        assert_eq!(cell["value"], "Le théâtre de verdure");
        cell["value"] = json!("Le le théâtre de verdure");
        let fields = read(&payload, Some("fr-FR")).unwrap();
        let body = field(&fields, "fields.body.fr-FR");
        let found = findings(body);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "repeated-word");
        assert_eq!(found[0].span.start, body.text.find("Le le").unwrap());
        assert_eq!(
            segment_at(body, found[0].span.start),
            "fields.body.fr-FR.content[5].content[1].content[0].content[0].content[0]"
        );
    }

    #[test]
    fn no_fields_is_an_error_and_links_are_not_text() {
        assert!(matches!(
            read(&json!({"sys": {"type": "Entry"}}), Some("fr")),
            Err(AdapterError::Shape { .. })
        ));
        let links = json!({"fields": {"hero": {"fr": {"sys": {"type": "Link", "linkType": "Asset", "id": "x"}}},
                                       "rating": {"fr": 4}}});
        assert_eq!(read(&links, Some("fr")).unwrap(), []);
    }
}
