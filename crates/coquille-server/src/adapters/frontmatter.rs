//! A Markdown file with front matter, as static-site generators read it
//! (Hugo, Jekyll, Eleventy, Astro, Docusaurus...): YAML between `---` lines
//! or TOML between `+++` lines at the very top.
//!
//! Read:
//! - the front matter's text keys, at any depth of tables and lists
//!   (`title`, `cover.alt`, `seo.description`, `images[0].caption`), as
//!   text fields named `front_matter.<path>`. A key is text when its name,
//!   lower-cased and without `_` or `-`, is one of [`TEXT_KEYS`]; its value
//!   is read when it is a string, or each string of a list. Other keys
//!   (`date`, `draft`, `layout`, `slug`, `tags`, `categories`, `aliases`,
//!   `weight`...) are not prose.
//! - the body, as Markdown, in a field named `body` whose text is the file
//!   with the front matter blanked out (spaces, line breaks kept): offsets
//!   and lines of its findings are the file's.
//!
//! Front matter that does not parse is an error, never skipped.

use super::text::is_prose;
use super::{AdapterError, Field, MAX_DEPTH, Segment, index, key};
use coquille::Format;
use serde_json::Value;

/// Front-matter keys whose values readers see as text (normalised: lower
/// case, no `_` or `-`). From the keys Hugo, Jekyll, Eleventy, Astro and
/// Docusaurus document, and the SEO and Open Graph names themes use.
pub const TEXT_KEYS: &[&str] = &[
    "title",
    "subtitle",
    "linktitle",
    "headline",
    "description",
    "summary",
    "excerpt",
    "abstract",
    "lead",
    "teaser",
    "intro",
    "tagline",
    "caption",
    "alt",
    "alttext",
    "imagealt",
    "metatitle",
    "metadescription",
    "seotitle",
    "seodescription",
    "ogtitle",
    "ogdescription",
    "twittertitle",
    "twitterdescription",
];

/// The fields of a Markdown file.
pub fn read(file: &str) -> Result<Vec<Field>, AdapterError> {
    let mut out = Vec::new();
    let body_text = match split(file) {
        Some((syntax, inner, end)) => {
            let data = parse(syntax, &file[inner])?;
            walk(&data, "front_matter", false, 0, &mut out);
            // Byte for byte, so offsets stay the file's.
            let mut blanked: String = file[..end]
                .chars()
                .flat_map(|c| {
                    let fill = if c == '\n' || c == '\r' { c } else { ' ' };
                    std::iter::repeat_n(fill, if fill == ' ' { c.len_utf8() } else { 1 })
                })
                .collect();
            blanked.push_str(&file[end..]);
            blanked
        }
        None => file.to_string(),
    };
    if body_text.chars().any(char::is_alphabetic) {
        let end = body_text.len();
        out.push(Field {
            path: "body".into(),
            format: Format::Markdown,
            text: body_text,
            segments: Some(vec![Segment {
                start: 0,
                end,
                path: "body".into(),
            }]),
        });
    }
    Ok(out)
}

#[derive(Clone, Copy)]
enum Syntax {
    Yaml,
    Toml,
}

/// The front matter: its syntax, the range of its contents and where the
/// body starts. `None` when the file does not start with a fence line.
fn split(file: &str) -> Option<(Syntax, std::ops::Range<usize>, usize)> {
    let start = if file.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &file[start..];
    let (syntax, fence) = if rest.starts_with("---") {
        (Syntax::Yaml, "---")
    } else if rest.starts_with("+++") {
        (Syntax::Toml, "+++")
    } else {
        return None;
    };
    let first_end = rest.find('\n')?;
    if rest[..first_end].trim_end() != fence {
        return None;
    }
    let inner_start = start + first_end + 1;
    let mut pos = inner_start;
    for line in file[inner_start..].split_inclusive('\n') {
        let bare = line.trim_end();
        if bare == fence || (matches!(syntax, Syntax::Yaml) && bare == "...") {
            return Some((syntax, inner_start..pos, pos + line.len()));
        }
        pos += line.len();
    }
    None
}

fn parse(syntax: Syntax, text: &str) -> Result<Value, AdapterError> {
    match syntax {
        Syntax::Toml => toml::from_str::<toml::Table>(text)
            .map_err(|e| AdapterError::FrontMatter {
                syntax: "TOML",
                reason: e.message().to_string(),
            })
            .and_then(|t| {
                serde_json::to_value(t).map_err(|e| AdapterError::FrontMatter {
                    syntax: "TOML",
                    reason: e.to_string(),
                })
            }),
        Syntax::Yaml => {
            let docs = yaml_rust2::YamlLoader::load_from_str(text).map_err(|e| {
                AdapterError::FrontMatter {
                    syntax: "YAML",
                    reason: e.to_string(),
                }
            })?;
            Ok(docs
                .first()
                .map(|d| yaml_to_json(d, 0))
                .unwrap_or(Value::Null))
        }
    }
}

fn yaml_to_json(y: &yaml_rust2::Yaml, depth: usize) -> Value {
    use yaml_rust2::Yaml;
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match y {
        Yaml::String(s) | Yaml::Real(s) => Value::String(s.clone()),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(items) => items.iter().map(|i| yaml_to_json(i, depth + 1)).collect(),
        Yaml::Hash(map) => Value::Object(
            map.iter()
                .filter_map(|(k, v)| {
                    let k = match k {
                        Yaml::String(s) | Yaml::Real(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => return None,
                    };
                    Some((k, yaml_to_json(v, depth + 1)))
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

fn is_text_key(k: &str) -> bool {
    let norm: String = k
        .chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    TEXT_KEYS.contains(&norm.as_str())
}

/// Text keys' strings under `v`; `text` when `v` is the value of a text key.
fn walk(v: &Value, path: &str, text: bool, depth: usize, out: &mut Vec<Field>) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::String(s) if text && is_prose(s) => out.push(Field {
            path: path.to_string(),
            format: Format::Text,
            text: s.clone(),
            segments: None,
        }),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(item, &index(path, i), text, depth + 1, out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                walk(item, &key(path, k), is_text_key(k), depth + 1, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapters::testing::*;

    #[test]
    fn the_hugo_yaml_fixture_reads_titles_descriptions_and_alt_texts() {
        let file = fixture_text("hugo-post.md");
        let fields = read(&file).unwrap();
        assert_eq!(
            paths(&fields),
            [
                "front_matter.cover.alt",
                "front_matter.cover.caption",
                "front_matter.description",
                "front_matter.images[0].alt",
                "front_matter.seo.title",
                "front_matter.summary",
                "front_matter.title",
                "body",
            ]
        );
        let body = field(&fields, "body");
        assert_eq!(body.text.len(), file.len());
        assert!(!body.text.contains("draft"), "the front matter is blanked");
        assert_eq!(
            body.text.lines().count(),
            file.lines().count(),
            "lines are the file's"
        );
        assert_no_finding(&fields);
    }

    #[test]
    fn the_jekyll_and_toml_fixtures_read_their_titles() {
        let fields = read(&fixture_text("jekyll-post.md")).unwrap();
        assert_eq!(
            paths(&fields),
            ["front_matter.description", "front_matter.title", "body"]
        );
        let fields = read(&fixture_text("hugo-post-toml.md")).unwrap();
        assert_eq!(
            paths(&fields),
            [
                "front_matter.description",
                "front_matter.params.image_alt",
                "front_matter.title",
                "body"
            ]
        );
        assert_no_finding(&fields);
    }

    #[test]
    fn a_defect_in_a_front_matter_title_is_found_there() {
        let file = fixture_text("hugo-post.md").replace(
            "title: \"Le tramway arrive dans le quartier nord\"",
            "title: \"Le tramway arrive dans le le quartier nord\"",
        );
        let fields = read(&file).unwrap();
        let title = field(&fields, "front_matter.title");
        let found = findings(title);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule, "repeated-word");
        assert_eq!(title.text, "Le tramway arrive dans le le quartier nord");
        assert!(found[0].span.start >= title.text.find("le le").unwrap());
    }

    #[test]
    fn broken_front_matter_is_an_error_and_a_file_without_prose_is_nothing() {
        for broken in [
            "---\ntitle: [unclosed\n---\nTexte.",
            "+++\ntitle = \n+++\nTexte.",
        ] {
            assert!(
                matches!(read(broken), Err(AdapterError::FrontMatter { .. })),
                "{broken}"
            );
        }
        assert_eq!(read("---\ndraft: true\nweight: 3\n---\n\n").unwrap(), []);
        // No closing fence: not front matter, the whole file is the body.
        let open = read("---\ntitle: Un titre\n").unwrap();
        assert_eq!(paths(&open), ["body"]);
    }
}
