//! HTML and Markdown input: what readers never see as prose (scripts,
//! styles, comments, code, tags) raises nothing, tags break paragraphs, and
//! broken markup is still reported, at offsets into the input as given.

use coquille::document::Format;
use coquille::{Checker, Document};

fn findings(text: &str, format: Format) -> Vec<(&'static str, String)> {
    Checker::default()
        .findings(&Document::with_format(text, format))
        .into_iter()
        .map(|f| (f.rule, f.span.slice(text).to_string()))
        .collect()
}

fn clean_paragraphs() -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir("tests/fixtures/clean")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.split("\n\n")
                .map(|p| p.trim().replace('&', "&amp;"))
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The clean fixtures as a CMS would post them: one line of HTML, headings,
/// links, emphasis, a figure, a script and a comment in English.
#[test]
fn clean_french_as_html_raises_nothing() {
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Article</title>\
         <style>p { margin: 0 }</style><script>var label = \"Read more about this story\";</script>\
         </head><body><article class=\"post\">",
    );
    for (i, p) in clean_paragraphs().iter().enumerate() {
        if i % 4 == 0 {
            html.push_str("<h2 class=\"wp-block-heading\">Une section</h2>");
        }
        let mut words: Vec<String> = p.split(' ').map(str::to_string).collect();
        if words.len() > 4 {
            words[2] = format!(
                "<a href=\"https://www.example.com/news/{i}\" target=\"_blank\">{}</a>",
                words[2]
            );
            words[3] = format!("<em>{}</em>", words[3]);
        }
        html.push_str(&format!("<p>{}</p>", words.join(" ")));
        if i % 5 == 2 {
            html.push_str(
                "<!-- TODO: check the translation with the desk --><figure><img src=\"/a.jpg\" \
                 alt=\"\"/><figcaption>Photo d'illustration.</figcaption></figure>",
            );
        }
    }
    html.push_str(
        "<pre><code>let label = \"Click here to subscribe\";</code></pre></article></body></html>",
    );
    let found = findings(&html, Format::Html);
    assert!(found.is_empty(), "{found:#?}");
    // The same text read as plain text trips over the markup.
    assert!(!findings(&html, Format::Text).is_empty());
}

#[test]
fn clean_french_as_markdown_raises_nothing() {
    let mut md = String::from("---\ntitle: Un article\nlayout: post\ntags: [news, world]\n---\n\n");
    for (i, p) in clean_paragraphs().iter().enumerate() {
        if i % 4 == 0 {
            md.push_str("## Une section\n\n");
        }
        md.push_str(p);
        md.push_str("\n\n");
        if i % 5 == 2 {
            md.push_str("```js\nconst label = \"Read more about this story\";\n```\n\n");
            md.push_str(&format!(
                "Voir la note {i} sur la fonction `getUserName()` et `read more` dans le code.\n\n"
            ));
        }
    }
    let found = findings(&md, Format::Markdown);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn broken_markup_and_english_prose_are_still_found_in_html() {
    let html = "<p>Le président a parlé.</p><p>< /chiffre>Delhi Confidential : the situation was extremely difficult for everyone.</p><p>Voir <a href=« page.html »>la page</a>.</p>";
    let found = findings(html, Format::Html);
    let rules: Vec<&str> = found.iter().map(|f| f.0).collect();
    assert!(rules.contains(&"broken-markup"), "{found:#?}");
    assert!(rules.contains(&"untranslated-english"), "{found:#?}");
    assert!(found.iter().any(|f| f.1 == "< /chiffre>"), "{found:#?}");
    assert!(
        found.iter().any(|f| f.1.contains("href=« page.html »")),
        "{found:#?}"
    );
}

/// Paragraphs that HTML puts side by side on one line are separate blocks:
/// a heading without a full stop does not run into the next paragraph.
#[test]
fn html_block_tags_separate_paragraphs() {
    let html = "<h2>Le contexte</h2><p>Le ministre est arrivé mardi.</p><ul><li>premier point</li><li>Second point</li></ul>";
    let doc = Document::with_format(html, Format::Html);
    let sentences: Vec<&str> = doc.sentences().iter().map(|s| doc.slice(s.span)).collect();
    assert_eq!(
        sentences,
        [
            "Le contexte",
            "Le ministre est arrivé mardi.",
            "premier point",
            "Second point"
        ]
    );
}
