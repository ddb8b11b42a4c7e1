//! HTML as WordPress (block editor, TinyMCE) and CKEditor save it: entities
//! such as `&nbsp;` before `: ; ! ?`, `&rsquo;` and `&laquo;&nbsp;` are read
//! as the characters they stand for, so careful French passes; a real defect
//! in the same article is still reported, at offsets into the raw HTML.

use coquille::document::Format;
use coquille::{Checker, Document, Verdict};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/html/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn report(html: &str) -> coquille::DocumentReport {
    Checker::default().check(&Document::with_format(html, Format::Html), Some("article"))
}

#[test]
fn wordpress_and_ckeditor_articles_pass() {
    for name in ["wordpress-article.html", "ckeditor-article.html"] {
        let html = fixture(name);
        // The fixtures hold what the issue is about.
        for entity in [
            "&nbsp;:",
            "&nbsp;;",
            "&nbsp;!",
            "&nbsp;?",
            "&rsquo;",
            "&laquo;&nbsp;",
        ] {
            assert!(html.contains(entity), "{name} lacks {entity}");
        }
        let r = report(&html);
        assert_eq!(r.verdict, Verdict::Pass, "{name}: {:#?}", r.findings);
    }
}

/// Replaces the one occurrence of `from` in `html` by `to`, and returns the
/// new text and the byte offset of `to` in it.
fn inject(html: &str, from: &str, to: &str) -> (String, usize) {
    assert_eq!(html.matches(from).count(), 1, "{from}");
    let at = html.find(from).unwrap();
    (html.replacen(from, to, 1), at)
}

#[test]
fn a_real_defect_fails_with_offsets_on_the_raw_html() {
    let html = fixture("wordpress-article.html");
    // A doubled full stop after an entity, on a line full of entities.
    let (bad, at) = inject(&html, "que prévu.", "que prévu. .");
    let r = report(&bad);
    assert_eq!(r.verdict, Verdict::Fail);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "duplicate-punctuation")
        .expect("the doubled full stop is reported");
    let start = at + "que prévu".len();
    assert_eq!((f.start, f.end), (start, start + 3));
    assert_eq!(&bad[f.start..f.end], ". .");
    assert_eq!(f.text, ". .");
    let line_start = bad[..start].rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(f.line, bad[..start].matches('\n').count() + 1);
    assert_eq!(f.column, bad[line_start..start].chars().count() + 1);

    // Stacked marks right after `&nbsp;`: the span is on the raw marks.
    let (bad, at) = inject(&html, "indépendante&nbsp;!", "indépendante&nbsp;!!");
    let r = report(&bad);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "duplicate-punctuation")
        .expect("`!!` is reported");
    let start = at + "indépendante&nbsp;".len();
    assert_eq!((f.start, f.end), (start, start + 2));

    // An entity escaped twice shows as text: still `broken-markup`.
    let (bad, at) = inject(&html, "20&nbsp;%", "20&amp;nbsp;%");
    let r = report(&bad);
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "broken-markup")
        .expect("`&amp;nbsp;` is reported");
    assert_eq!((f.start, f.end), (at + 2, at + 2 + "&amp;nbsp;".len()));
    assert_eq!(f.suggestion.as_deref(), Some("&nbsp;"));

    // A finding on a decoded character covers its whole entity.
    let (bad, at) = inject(
        &html,
        "d&rsquo;attendre&nbsp;&raquo;",
        "d&rsquo;attendre&nbsp;&raquo;&raquo;",
    );
    let r = report(&bad);
    let second = at + "d&rsquo;attendre&nbsp;&raquo;".len();
    let f = r
        .findings
        .iter()
        .find(|f| f.start == second)
        .expect("the second `»` is reported");
    assert_eq!(f.text, "&raquo;");
}

#[test]
fn escaped_markup_is_never_unescaped_by_a_suggestion() {
    // `&lt; /p&gt;` shows `< /p>` to readers; a fix written back must not
    // turn it into a real tag.
    let html = "<p>Il a écrit &lt; /chiffre&gt; dans le texte.</p>";
    let findings = Checker::default().findings(&Document::with_format(html, Format::Html));
    let f = findings
        .iter()
        .find(|f| f.rule == "broken-markup")
        .expect("the escaped broken tag shows as text: reported");
    assert_eq!(f.span.slice(html), "&lt; /chiffre&gt;");
    assert_eq!(f.suggestion, None, "its repair would write a real tag");
}
