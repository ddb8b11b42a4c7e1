//! `Checker::check_in_place` writes the view over the input's buffer and puts
//! the input back: its report must be `Checker::check`'s, byte for byte, and
//! the text must come back unchanged, whatever the format and whatever the
//! view changed (markup blanked out, entities decoded, wrapped lines joined).

use coquille::{Checker, Document, Format};

fn files() -> Vec<std::path::PathBuf> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut out = Vec::new();
    for dir in [
        "tests/fixtures",
        "tests/fixtures/html",
        "tests/fixtures/clean",
        "tests/fixtures/leaks",
    ] {
        let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) else {
            continue;
        };
        for e in entries.flatten() {
            if e.path().is_file() {
                out.push(e.path());
            }
        }
    }
    out.push(format!("{root}/../../data/samples/allinfo-poutine-bielorussie.txt").into());
    out.sort();
    out
}

/// Synthetic texts for each step of the view, and for their edges.
const CASES: &[&str] = &[
    "",
    "\n\n",
    "Une phrase.",
    "Titre\n\nLe ministre de l'Économie a reçu mardi les dirigeants des grandes\r\nbanques françaises, dont le directeur général de la Société générale\nFrédéric Oudéa. Il leur a demandé de soutenir les entreprises.",
    "<h2>Titre</h2>\n<p>Il l&rsquo;a dit&nbsp;: oui.</p>\n<p>Fin&nbsp;!</p>",
    "<p>A&amp;B &lt;b&gt; c&#39;est &#x2019; &nGt; et &amp;nbsp; puis &nbsp</p>",
    "<p>Entité longue en tête &nGt; puis le reste.</p>",
    "<script>var x = '&lt;';</script><p>Texte&nbsp;: « ok » <!-- commentaire --> fin.</p>\n\n<pre>code\nici</pre>",
    "# Titre\n\nDu texte avec `du code` et des &eacute;l&eacute;ments.\n\n```\nbloc de code\n```\n\nUn paragraphe coupé à la main pour tenir dans soixante-dix colonnes, puis\nqui continue sur la ligne suivante sans point final et encore une fois\ncomme un courriel. Fin.",
    "Les «  guillemets » , et the quick brown fox jumps over the lazy dog.\n<!-- coquille-ignore -->\nFin..",
    "é&eacute;<br>\n<p>\u{a0}&#160;&#10;x</p>",
];

fn same_report(text: &str, format: Format, what: &str) {
    let checker = Checker::default();
    let expected = checker.check(&Document::with_format(text, format), Some("f"));
    let mut buffer = text.to_string();
    let got = checker.check_in_place(&mut buffer, format, Some("f"));
    assert_eq!(
        buffer, text,
        "{what} ({format:?}): the input came back changed"
    );
    assert_eq!(
        serde_json::to_string(&got).unwrap(),
        serde_json::to_string(&expected).unwrap(),
        "{what} ({format:?})"
    );
}

#[test]
fn in_place_reports_are_the_usual_ones() {
    for path in files() {
        let text = std::fs::read_to_string(&path).unwrap();
        for format in [Format::Text, Format::Html, Format::Markdown] {
            same_report(&text, format, &path.display().to_string());
        }
    }
    for (i, text) in CASES.iter().enumerate() {
        for format in [Format::Text, Format::Html, Format::Markdown] {
            same_report(text, format, &format!("case {i}"));
        }
    }
}
