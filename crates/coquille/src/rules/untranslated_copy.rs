use crate::declare_rule;
use crate::lang::english::english_spans;
use crate::parallel::{Parallel, english_not_french, quoted_or_code, trimmed};
use crate::rule::{Context, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;

declare_rule! {
    /// Source text copied into the translation without being translated.
    ///
    /// ## What it does
    /// Needs the source (not run on a unit of a bilingual file whose source
    /// is a message key such as `post.too_short_content` or `0d999f2`: it has
    /// no English to compare with). Reports:
    /// - a target sentence (a unit of a bilingual file) equal or nearly
    ///   equal to its source (normalised Levenshtein similarity of 0.9 or
    ///   more, case and spacing aside) when the source is English prose (at
    ///   least three lower-case words of prose that are English and not
    ///   French) and the target repeats three quarters of them: names,
    ///   codes, numbers, command synopses (`git branch [<options>]`, whose
    ///   options and metavariables are not prose) and words both languages
    ///   share (`Menu`, `Description`) are not reported;
    /// - a run of two or more English words that are not French, copied from
    ///   the aligned source sentence, that `untranslated-english` does not
    ///   find on its own (the source is the proof it is English: `the
    ///   settings file` copied into a French sentence). Words inside quotes
    ///   or code (`git commit`, « sort ») are left alone.
    ///
    /// This evidence is shared with `untranslated-english`, which reports
    /// the English it finds as errors when the source shows it was copied.
    ///
    /// ## Why it matters
    /// A sentence left in English, or a phrase the machine translation
    /// skipped, is what a French reader notices first.
    ///
    /// ## Example
    /// Source: `Save the settings file before you quit.`
    ///
    /// Bad: `Save the settings file before you quit.` (copied), or
    /// `Enregistrez the settings file avant de quitter.`
    ///
    /// Good: `Enregistrez le fichier de réglages avant de quitter.`
    ///
    /// ## Known false positives
    /// English titles of works, quoted without quotation marks, that the
    /// translator kept on purpose.
    pub struct UntranslatedCopy {
        id: "untranslated-copy",
        category: Translation,
        severity: Error,
    }
}

/// Similarity from which a target is a copy of its source.
const SIMILAR: f64 = 0.9;

/// Fewest English prose words a source needs for its copy to be reported.
const MIN_ENGLISH_WORDS: usize = 3;

/// A command synopsis or code rather than prose: a fifth or more of its
/// chunks hold characters of code (`|`, `<`, `[`, `(`, `;`, `=`).
fn code_like(s: &str) -> bool {
    let chunks: Vec<&str> = s.split_whitespace().collect();
    let code = chunks
        .iter()
        .filter(|c| c.contains(['|', '<', '>', '[', ']', '{', '}', '(', ')', ';', '=']))
        .count();
    code * 5 >= chunks.len().max(1)
}

/// The words of prose in `s`: outside square, angle and curly brackets,
/// without options (`--all`), code (`a_b`, `x=y`, `a/b`) and words in
/// capitals (`FILE`, `NULL`).
fn prose_words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth: i32 = 0;
    for chunk in s.split_whitespace() {
        let before = depth;
        for c in chunk.chars() {
            match c {
                '[' | '<' | '{' => depth += 1,
                ']' | '>' | '}' => depth = (depth - 1).max(0),
                _ => {}
            }
        }
        if before > 0 || depth > 0 {
            continue;
        }
        let w = chunk.trim_matches(|c: char| {
            matches!(
                c,
                ',' | '.'
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | '('
                    | ')'
                    | '"'
                    | '\''
                    | '«'
                    | '»'
                    | '“'
                    | '”'
                    | '‘'
                    | '’'
            )
        });
        let word = w.chars().count() >= 2
            && !w.starts_with('-')
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            && w.chars().any(char::is_lowercase);
        if word {
            out.push(w);
        }
    }
    out
}

impl Rule for UntranslatedCopy {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        crate::lang::english::warm_up();
    }

    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}

    fn check_with_source(&self, ctx: &Context<'_>, p: &Parallel<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let mut copies: Vec<Span> = Vec::new();
        for (source, target) in p.pairs() {
            let s = normalise(source.slice(p.source()));
            let t = normalise(target.slice(text));
            if s.is_empty() || t.is_empty() {
                continue;
            }
            // English prose of the source (not options, metavariables or
            // code), and how much of it the target repeats.
            let english: Vec<&str> = prose_words(source.slice(p.source()))
                .into_iter()
                .filter(|w| {
                    w.chars().next().is_some_and(char::is_lowercase) && english_not_french(w)
                })
                .collect();
            if english.len() < MIN_ENGLISH_WORDS || code_like(source.slice(p.source())) {
                continue;
            }
            let target_prose = prose_words(target.slice(text));
            let repeated = english.iter().filter(|w| target_prose.contains(w)).count();
            if repeated * 4 < english.len() * 3 {
                continue;
            }
            let sim = strsim::normalized_levenshtein(&s, &t);
            if sim >= SIMILAR
                && let Some(at) = trimmed(text, target)
            {
                copies.push(at);
                sink.report_with_source(
                    at,
                    source,
                    sink.default_severity(),
                    if sim >= 0.999 {
                        "This sentence is the source, copied untranslated".to_string()
                    } else {
                        "This sentence is nearly the source, left untranslated".to_string()
                    },
                );
            }
        }
        // Copied runs the English detector does not find.
        for run in p.copied_english() {
            if run.words < 2 || copies.iter().any(|c| c.contains(run.target)) {
                continue;
            }
            if quoted_or_code(text, run.target) {
                continue;
            }
            let Some(sentence) = ctx
                .doc
                .sentences()
                .iter()
                .find(|s| s.span.contains(run.target))
            else {
                continue;
            };
            let detected = english_spans(sentence.span.slice(text))
                .iter()
                .any(|e| e.span.shift(sentence.span.start).overlaps(run.target));
            if detected {
                continue;
            }
            sink.report_with_source(
                run.target,
                run.source,
                Severity::Error,
                format!(
                    "English copied from the source, untranslated: “{}”",
                    run.target.slice(text)
                ),
            );
        }
    }
}

/// Lower case, white space runs made one space, trimmed.
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_bilingual, assert_clean};

    #[test]
    fn copied_sentences_are_reported() {
        assert_bilingual(
            &UntranslatedCopy,
            "Save the settings file before you quit.",
            "⟦Save the settings file before you quit.⟧",
        );
        assert_bilingual(
            &UntranslatedCopy,
            "Show all files in the directory",
            "⟦Show all files in the directory⟧",
        );
        assert_bilingual(
            &UntranslatedCopy,
            "The storm hit the coast. Save the settings file before you quit.",
            "La tempête a frappé la côte. ⟦Save the settings file before you quit !⟧",
        );
    }

    #[test]
    fn copied_runs_the_detector_finds_are_left_to_it() {
        // `untranslated-english` reports this run, as an error since the
        // source shows it was copied: no second finding here.
        assert_bilingual(
            &UntranslatedCopy,
            "Open the settings window and choose a colour.",
            "Ouvrez la fenêtre settings window et choisissez une couleur.",
        );
        let p = {
            let doc = crate::Document::new(
                "Ouvrez la fenêtre settings window et choisissez une couleur.",
            );
            Parallel::new(
                "Open the settings window and choose a colour.",
                crate::Format::Text,
                &doc,
            )
            .copied_english()
            .to_vec()
        };
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].words, 2);
    }

    #[test]
    fn names_codes_quotes_and_shared_words_pass() {
        for (en, fr) in [
            ("Description", "Description"),
            (
                "git checkout [<options>] <branch> -- <file>",
                "git checkout [<options>] <branche> -- <fichier>",
            ),
            ("Print all files", "Afficher tous les fichiers"),
            (
                "while COMMANDS; do COMMANDS-2; done",
                "while COMMANDES; do COMMANDES-2; done",
            ),
            ("Sacramento Kings", "Sacramento Kings"),
            (
                "Run git commit to save.",
                "Lancez « git commit » pour enregistrer.",
            ),
            ("Version 2.1 of GNU Make", "Version 2.1 de GNU Make"),
            ("The New York Times said so.", "Le New York Times l'a dit."),
        ] {
            assert_bilingual(&UntranslatedCopy, en, fr);
        }
        assert_clean(&UntranslatedCopy, "Save the settings file before you quit.");
    }
}
