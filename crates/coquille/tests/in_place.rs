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

/// A document large enough to be split into sentences, reviewed, mapped and
/// sorted on every core: its reports, in place or not, are the same on one
/// thread and on two.
#[test]
fn large_documents_report_the_same_on_any_number_of_threads() {
    let mut pieces: Vec<String> = CASES.iter().map(|c| c.to_string()).collect();
    for path in files() {
        pieces.push(std::fs::read_to_string(&path).unwrap());
    }
    let mut text = String::new();
    let mut i = 0;
    // Just over the size from which the checker uses every core, with
    // blocks of every kind (wrapped lines, markup, entities).
    while text.len() < coquille::checker::PARALLEL_FROM + 4096 {
        text.push_str(&pieces[i % pieces.len()].replace("coquille-ignore", "coquille"));
        text.push_str("\n\n");
        i += 1;
    }
    let run = |threads: usize, format: Format| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            // A few rules with many findings keep the test fast in a debug
            // build; the paths are the same.
            let checker = Checker::new(coquille::Settings {
                select: [
                    "french-spacing",
                    "english-quotes",
                    "duplicate-punctuation",
                    "repeated-word",
                ]
                .map(String::from)
                .to_vec(),
                ..coquille::Settings::default()
            })
            .unwrap();
            let usual = checker.check(&Document::with_format(&text, format), Some("f"));
            let mut buffer = text.clone();
            let in_place = checker.check_in_place(&mut buffer, format, Some("f"));
            assert_eq!(buffer, text, "{format:?}: the input came back changed");
            (
                serde_json::to_string(&usual).unwrap(),
                serde_json::to_string(&in_place).unwrap(),
            )
        })
    };
    for format in [Format::Text, Format::Html] {
        let (one, one_in_place) = run(1, format);
        let (two, two_in_place) = run(2, format);
        let findings = one.matches("\"rule\"").count();
        assert!(findings > 1000, "{format:?}: {findings} findings");
        assert_eq!(one, one_in_place, "{format:?}: in place, one thread");
        assert_eq!(one, two, "{format:?}: two threads");
        assert_eq!(one, two_in_place, "{format:?}: in place, two threads");
    }
}
