use crate::declare_rule;
use crate::markup::Format;
use crate::parallel::{Pairing, Parallel};
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink, findings_without_source};
use crate::span::Span;
use crate::text::RegionKind;

declare_rule! {
    /// Markdown bold or heading marks shown as text: `**Choix des graines**`, `## Conclusion`.
    ///
    /// ## What it does
    /// In plain-text and HTML input (where Markdown is not rendered), reports:
    /// - a pair of double asterisks around words on one line, glued to them
    ///   on the inside (`**1. Choix des graines de tomate**`), suggesting the
    ///   words alone;
    /// - two to six `#` and a space at the start of a line before a word
    ///   (`## Les étapes`), suggesting the heading alone.
    ///
    /// ## Why it matters
    /// Text generated or machine-translated as Markdown and pasted into a
    /// page that does not render it shows its asterisks and hashes to the
    /// reader: nobody looked at the page before it went out.
    ///
    /// ## Example
    /// Bad: `**2. Rassemblez le matériel**`
    ///
    /// Good: `2. Rassemblez le matériel`
    ///
    /// ## Not flagged
    /// Markdown input (`--format markdown`, `.md` files), where the marks are
    /// markup; a single asterisk (`lourd*`, a footnote call; `*` for a
    /// multiplication); asterisks spaced from the words (`5 ** 2`, `* * *`);
    /// hashtags (`#Paris`) and a single `#` (`# 1`); code and URLs; in a unit
    /// of a bilingual file, marks its source has too (an application that
    /// renders Markdown in its strings).
    ///
    /// Severity: `error`; a `warning` in a text that names Markdown or its
    /// asterisks (`Markdown`, `astérisques`): a tutorial may show the marks
    /// on purpose.
    ///
    /// ## Known false positives
    /// An article about Markdown that shows its syntax outside code
    /// formatting (a warning, see above).
    pub struct MarkdownResidue {
        id: "markdown-residue",
        category: Markup,
        severity: Error,
    }
}

/// The longest bold span looked at, in bytes.
const MAX_LEN: usize = 300;

/// Where the marks mean something else.
const SKIPPED: [RegionKind; 3] = [RegionKind::Code, RegionKind::Url, RegionKind::Tag];

/// Bold pairs on `line` (which starts at byte `at` of the text): the span of
/// each `**…**` and the words inside.
fn bold_pairs(line: &str, at: usize) -> Vec<(Span, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find("**").map(|i| from + i) {
        let inner_start = open + 2;
        let rest = &line[inner_start..];
        // Three asterisks or more (`***`, `* * *`) are no bold mark.
        if rest.starts_with('*') || line[..open].ends_with('*') {
            from = inner_start + rest.len() - rest.trim_start_matches('*').len();
            continue;
        }
        let Some(close) = rest.find("**") else { break };
        let inner = &rest[..close];
        let end = inner_start + close + 2;
        let glued = inner.starts_with(|c: char| !c.is_whitespace())
            && inner.ends_with(|c: char| !c.is_whitespace());
        let wordy = inner.chars().filter(|c| c.is_alphabetic()).count() >= 2;
        if glued && wordy && close <= MAX_LEN && !line[end..].starts_with('*') {
            found.push((Span::new(at + open, at + end), inner));
            from = end;
        } else {
            from = inner_start;
        }
    }
    found
}

/// The length of a Markdown heading's marks and their space at the start of
/// `line` (`## ` is 3), when a letter or a digit follows.
fn heading_marks(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if !(2..=6).contains(&hashes) {
        return None;
    }
    let after = line[hashes..].strip_prefix(' ')?;
    after
        .starts_with(char::is_alphanumeric)
        .then_some(hashes + 1)
}

/// Whether `text` names Markdown or its asterisks (`astérisques`,
/// `asterisks`): a tutorial that shows the syntax.
fn talks_about_markdown(text: &str) -> bool {
    [
        "markdown",
        "Markdown",
        "MARKDOWN",
        "astérisque",
        "Astérisque",
        "asterisk",
    ]
    .iter()
    .any(|w| text.contains(w))
}

impl Rule for MarkdownResidue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    /// In a unit of a bilingual file, marks the source has too are the
    /// program's own (it renders Markdown).
    fn check_with_source(&self, ctx: &Context<'_>, source: &Parallel<'_>, sink: &mut Sink<'_>) {
        let unit = source.pairing() == Pairing::Unit;
        let src = source.source();
        for f in findings_without_source(self, ctx) {
            let marked = f.span.slice(ctx.text());
            let mark = if marked.starts_with('#') { "# " } else { "**" };
            if unit && src.contains(mark) {
                continue;
            }
            sink.push_finding(f);
        }
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        if ctx.doc.format() == Format::Markdown {
            return;
        }
        let text = ctx.text();
        let regions = ctx.doc.regions();
        // A text that names the syntax (a Markdown tutorial) may show it on
        // purpose: a person judges.
        // Asked only once a mark is found: most texts have none.
        let default = sink.default_severity();
        let talks = std::cell::OnceCell::new();
        let severity = || {
            *talks.get_or_init(|| {
                if talks_about_markdown(text) {
                    Severity::Warning
                } else {
                    default
                }
            })
        };
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            if let Some(len) = heading_marks(body)
                && !regions.covers(&SKIPPED, at)
            {
                let span = Span::new(at, at + len);
                sink.push(
                    span,
                    "Markdown heading marks left as text: the page shows the `#`",
                    severity(),
                    Some(Edit::possible(span, String::new())),
                );
            }
            if body.contains("**") {
                for (span, inner) in bold_pairs(body, at) {
                    if regions.covers(&SKIPPED, span.start) {
                        continue;
                    }
                    sink.push(
                        span,
                        "Markdown bold marks left as text: the page shows the `**`",
                        severity(),
                        Some(Edit::possible(span, inner.to_string())),
                    );
                }
            }
            at += line.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{
        apply_suggestions, assert_clean, assert_marked, assert_unit_clean, unit_texts,
    };

    #[test]
    fn a_text_about_markdown_gets_a_warning() {
        let f = crate::rule::testing::run(
            &MarkdownResidue,
            "En Markdown, le gras se met entre astérisques doubles :\n**et ça c'est du gras**",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        let f = crate::rule::testing::run(&MarkdownResidue, "**2. Rassemblez le matériel**");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn flags_bold_and_heading_marks_in_plain_text() {
        assert_marked(
            &MarkdownResidue,
            "⟦**1. Choix des graines**⟧\nAvant de vous lancer, il faut ⟦**bien**⟧ choisir.",
        );
        assert_marked(&MarkdownResidue, "Intro.\n⟦## ⟧Les étapes\nTexte.");
        assert_eq!(
            apply_suggestions(
                &MarkdownResidue,
                "**2. Rassemblez le matériel**\n## Conclusion"
            ),
            "2. Rassemblez le matériel\nConclusion"
        );
    }

    #[test]
    fn leaves_asterisks_and_hashes_of_prose_alone() {
        assert_clean(
            &MarkdownResidue,
            "Un terrain lourd* ou caillouteux. Calcul : 5 ** 2 = 25.\n* * *\n#Paris # 1\n### \n",
        );
        assert_clean(&MarkdownResidue, "Trois étoiles ***Michelin*** et ** seul.");
        assert_clean(&MarkdownResidue, "Le code `**gras**` s'écrit ainsi.");
    }

    #[test]
    fn markdown_input_is_markup() {
        let doc = crate::Document::with_format("**Gras** et\n## Titre", Format::Markdown);
        let ctx = Context {
            doc: &doc,
            options: &crate::rule::RuleOptions::default(),
            scratch: None,
        };
        let mut sink = Sink::new(MarkdownResidue.meta());
        MarkdownResidue.check(&ctx, &mut sink);
        assert!(sink.into_findings().is_empty());
    }

    #[test]
    fn a_unit_whose_source_has_the_marks_is_left_alone() {
        assert_unit_clean(
            &MarkdownResidue,
            "**Warning**: disk full",
            "**Attention** : disque plein",
        );
        assert_eq!(
            unit_texts(
                &MarkdownResidue,
                "Warning: disk full",
                "**Attention** : disque plein"
            )
            .len(),
            1
        );
    }
}
