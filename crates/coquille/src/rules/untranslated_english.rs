use crate::declare_rule;
use crate::lang::english::{self, Evidence};
use crate::parallel::{Pairing, Parallel, quoted_or_code, words_in};
use crate::rule::{Context, OptionsSchema, Rule, RuleMeta, Schema, Severity, Sink};
use crate::span::Span;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

declare_rule! {
    /// English words and phrases left untranslated in French text.
    ///
    /// ## What it does
    /// Scores every word for English against French (word frequencies in both
    /// languages, function words such as `the`/`of` against `le`/`des`,
    /// accents, elisions and English clitics such as `'s`), then smooths the
    /// scores over each sentence so that a run of English words, names
    /// included, is reported as one span. Runs of three words or more are
    /// confirmed by a character-model language detector (lingua). A run of two
    /// words or more, or a whole English sentence, is an error; a single
    /// English word is a warning.
    ///
    /// Capitalised names and titles inside French (`le New York Times`,
    /// `Dmitri Peskov`, `la Bank of Scotland`) are not reported, nor are
    /// English words French has adopted (`week-end`, `parking`, `podcast`,
    /// `Covid`), nor the words and phrases of the `allow` option.
    ///
    /// English in a bibliographic reference is the title of a cited work,
    /// which stays in its language: it is reported as `info` only, so that a
    /// reference list does not fail the gate. A sentence is a reference when
    /// it carries a source-language mark or an access note
    /// (`data/reference-cues.txt`: `(en)`, `consulté le`, `ISBN`), starts
    /// with a Wikipedia back-link (`^`), has an English date among at least
    /// three comma-separated fields (`The Guardian, October 4, 2001`), or is
    /// a list item naming a work's author (`- The Devils, de Ken Russell`).
    ///
    /// With the source text at hand (`--source`, bilingual files): English
    /// that is code or a quoted term (a command, an option), and in the
    /// units of a bilingual file single words, enumerations and capitals
    /// kept as in the source (a program's keywords and values), are not
    /// reported; in an article checked with `--source`, English the target
    /// copied from its source (`untranslated-copy`'s evidence) is an error
    /// even when it is a single word, and the finding points at the source.
    ///
    /// ## Why it matters
    /// Machine translation leaves English it could not parse, and scraped
    /// pages carry the site's English interface (`Must Read`, `Exit mobile
    /// version`). Any French reader sees it at once.
    ///
    /// ## Example
    /// Bad: `Delhi Confidential : Snap, chat in Lok Sabha Apply Christmas`
    ///
    /// Good: `Cet article a été initialement publié dans le New York Times.`
    ///
    /// Info only: `- (en) Jane Doe, How the war was sold, The Observer, 2003.`
    ///
    /// ## Options
    /// In `coquille.toml`, table `[untranslated-english]`:
    /// - `min_words` (default `1`): the shortest run of English words
    ///   reported (`2` leaves single words alone).
    /// - `allow` (default `[]`): words and phrases never reported, in any
    ///   case (`["start-up", "Black Friday"]`).
    ///
    /// ## Known false positives
    /// English titles of books, songs or films quoted in French without
    /// italics or quotes around them at the start of a sentence; English
    /// words French uses that are missing from the loanword list.
    pub struct UntranslatedEnglish {
        id: "untranslated-english",
        category: Language,
        severity: Error,
    }
}

/// Options of `untranslated-english`: its `[untranslated-english]` table of
/// `coquille.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UntranslatedEnglishOptions {
    /// Shortest run of English words reported (0 counts as 1).
    pub min_words: usize,
    /// Words and phrases never reported, compared case-insensitively.
    pub allow: Vec<String>,
}

impl Default for UntranslatedEnglishOptions {
    fn default() -> Self {
        UntranslatedEnglishOptions {
            min_words: 1,
            allow: Vec::new(),
        }
    }
}

static OPTIONS: Schema<UntranslatedEnglishOptions> = Schema::new();

static REFERENCE_CUES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::data::REFERENCE_CUES.words().collect());

/// An English date in a citation: `October 4, 2001`, `Nov 13, 2002`.
static ENGLISH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2}, \d{4}\b",
    )
    .expect("valid regex")
});

/// A list item that names a work's author: `- Titre, de Prénom Nom`.
static AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-–•*] .*, (?:de|par) \p{Lu}").expect("valid regex"));

/// Longest stretch of a sentence looked at around a run for reference cues.
const REFERENCE_WINDOW: usize = 600;

/// Whether the sentence around `span` (within `sentence`) is a bibliographic
/// reference; see the rule's documentation.
fn in_reference(text: &str, sentence: Span, span: Span) -> bool {
    // A bounded window: a sentence may be a whole 50 MB line.
    let mut from = sentence
        .start
        .max(span.start.saturating_sub(REFERENCE_WINDOW));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = sentence.end.min(span.end + REFERENCE_WINDOW).max(from);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let s = &text[from..to.max(from)];
    let at_start = from == sentence.start;
    let lower = s.to_lowercase();
    let item = s.trim_start_matches(['-', '–', '•', '*', ' ']);
    REFERENCE_CUES.iter().any(|c| lower.contains(c))
        || (at_start && item.starts_with('^'))
        || (ENGLISH_DATE.is_match(s) && s.matches(',').count() >= 3)
        || (at_start && AUTHOR.is_match(s))
}

/// The span as shown in a message: whole when short, otherwise its first
/// and last words around an ellipsis.
fn excerpt(span_text: &str) -> String {
    const HEAD: usize = 50;
    const TAIL: usize = 20;
    let n = span_text.chars().count();
    if n <= HEAD + TAIL + 10 {
        return span_text.to_string();
    }
    // Cut at spaces so that no word is broken.
    let head_end = span_text
        .char_indices()
        .nth(HEAD)
        .map_or(span_text.len(), |(i, _)| i);
    let head_end = span_text[..head_end].rfind(' ').unwrap_or(head_end);
    let tail_start = span_text.char_indices().nth(n - TAIL).map_or(0, |(i, _)| i);
    let tail_start = span_text[tail_start..]
        .find(' ')
        .map_or(tail_start, |i| tail_start + i + 1);
    format!(
        "{} … {}",
        span_text[..head_end].trim_end(),
        span_text[tail_start..].trim_start()
    )
}

/// Documents from this size on keep a cache of word evidence.
const CACHE_FROM_BYTES: usize = 64 * 1024;

impl Rule for UntranslatedEnglish {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn options(&self) -> Option<&'static dyn OptionsSchema> {
        Some(&OPTIONS)
    }

    fn warm_up(&self) {
        english::warm_up();
        LazyLock::force(&REFERENCE_CUES);
        LazyLock::force(&ENGLISH_DATE);
        LazyLock::force(&AUTHOR);
    }

    /// With the source at hand, English kept on purpose is not reported:
    /// in an aligned text, a run whose words are all in the source and that
    /// is code or a quoted term (`quoted_or_code`); in a unit of a
    /// bilingual file (a program's strings, which name its commands,
    /// options and values), any code or quoted term, and a single word, an
    /// enumeration, a word in capitals or a command (followed by its
    /// arguments, a colon, or the end of the line) found as such in the
    /// source. In an
    /// aligned text, a run the source shows was copied
    /// (`Parallel::copied_english`) is an error whatever its length, and
    /// says so. The rest as without a source.
    fn check_with_source(&self, ctx: &Context<'_>, source: &Parallel<'_>, sink: &mut Sink<'_>) {
        let mut own = Sink::new(self.meta());
        self.check(ctx, &mut own);
        let copied = source.copied_english();
        let text = source.target();
        let src_words: Vec<&str> = words_in(source.source(), Span::new(0, source.source().len()))
            .iter()
            .map(|w| w.text)
            .collect();
        for f in own.into_findings() {
            let words = words_in(text, f.span);
            let in_source = words.iter().all(|w| src_words.contains(&w.text));
            let code = quoted_or_code(text, f.span);
            let unit = source.pairing() == Pairing::Unit;
            // A program's strings name its commands, options and values:
            // code or quoted terms are kept on purpose, and so are single
            // words, enumerations and capitals the source has as they are.
            // A command as a program's messages name it: followed by its
            // arguments (`git branch [<options>]`), a colon (`git apply :
            // erreur`), or ending the line.
            let next = text[f.span.end..]
                .trim_start_matches([' ', '\t'])
                .chars()
                .next();
            let command = matches!(
                next,
                None | Some('[' | '<' | '(' | '-' | '|' | ':' | '\n' | '\r')
            );
            let kept = if unit {
                code || (in_source
                    && (words.len() == 1
                        || command
                        || f.span.slice(text).contains(',')
                        || words
                            .iter()
                            .any(|w| w.text.len() > 1 && !w.text.chars().any(char::is_lowercase))))
            } else {
                in_source && code
            };
            if kept {
                continue;
            }
            let upgrade = !unit;
            match copied.iter().find(|r| r.target.overlaps(f.span)) {
                Some(run) if f.severity != Severity::Info => sink.report_with_source(
                    f.span,
                    run.source,
                    if upgrade { Severity::Error } else { f.severity },
                    format!("{} (copied from the source)", f.message),
                ),
                _ => sink.push(f.span, f.message, f.severity, f.suggestion),
            }
        }
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let options = ctx.options.get::<UntranslatedEnglishOptions>(Self::META.id);
        let min_words = options.min_words.max(1);
        let allow: Vec<String> = options
            .allow
            .iter()
            .map(|w| crate::text::fold(w).into_owned())
            .collect();
        let allow = &allow;
        let evidence = Evidence::default();
        // Word evidence cached over the document when it is large (the same
        // findings either way; on a short article the cache costs more than it
        // saves).
        let mut scores = (text.len() >= CACHE_FROM_BYTES).then(english::WordScores::default);
        for block in ctx.doc.blocks() {
            let block_text = block.slice(text);
            let spans = match scores.as_mut() {
                Some(scores) => english::english_spans_cached(block_text, &evidence, allow, scores),
                None => english::english_spans_with(block_text, &evidence, allow),
            };
            for found in spans {
                if found.words < min_words {
                    continue;
                }
                let span = found.span.shift(block.start);
                let shown = excerpt(span.slice(text));
                let sentences = ctx.doc.sentences();
                let k = sentences.partition_point(|s| s.span.end <= span.start);
                let reference = sentences
                    .get(k)
                    .is_some_and(|s| in_reference(text, s.span, span));
                let (severity, message) = if reference {
                    (
                        Severity::Info,
                        format!("English title in a reference, as published: “{shown}”"),
                    )
                } else if found.whole_sentence {
                    (
                        Severity::Error,
                        format!("English sentence left untranslated: “{shown}”"),
                    )
                } else if found.words >= 2 {
                    (
                        Severity::Error,
                        format!("English words left untranslated: “{shown}”"),
                    )
                } else {
                    (
                        Severity::Warning,
                        format!("English word left untranslated: “{shown}”"),
                    )
                };
                sink.push(span, message, severity, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleOptions;
    use crate::rule::testing::{assert_clean, assert_marked, run, run_with};

    #[test]
    fn flags_english_runs() {
        assert_marked(
            &UntranslatedEnglish,
            "⟦Delhi Confidential : Snap, chat in Lok Sabha Apply Christmas⟧ 🎄 code promo",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Fin de l'article.\n\n⟦Exit mobile version⟧",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Le ministre a déclaré que ⟦the situation was extremely difficult⟧ dans la région.",
        );
    }

    #[test]
    fn leaves_names_titles_and_loanwords_alone() {
        assert_clean(
            &UntranslatedEnglish,
            "Cet article a été initialement publié dans le New York Times.",
        );
        assert_clean(
            &UntranslatedEnglish,
            "Le porte-parole du Kremlin, Dmitri Peskov, a rejeté les spéculations.",
        );
        assert_clean(
            &UntranslatedEnglish,
            "Les travaux de Banksy près de Kyiv ont inspiré l'Ukraine.",
        );
        assert_clean(
            &UntranslatedEnglish,
            "Ce week-end, la start-up a lancé un podcast sur le Covid et le parking.",
        );
    }

    #[test]
    fn leaves_titles_loanwords_and_quoted_names_alone() {
        for text in [
            "Le festival South by Southwest s'est ouvert à Austin, au Texas.",
            "Le single Shape of You d'Ed Sheeran reste le plus écouté sur Spotify.",
            "Ce produit est un must pour les fans.",
            "Il a fait son coming out en direct sur le plateau de The Voice.",
            "When Harry Met Sally est un film culte.",
            "Voir <a href=\"https://www.example.com/news/breaking-story\" class=\"link\">l'article</a>.",
            "Écrire à press@newsroom.example.com ou lire le fichier user_guide_final.pdf ici.",
            "Les clients de la Bank of Scotland obtiennent un taux fixe.",
            "Il a enregistré une chanson sur son album « Over My Head » (1994).",
            "Le gouvernement local est la « City of Cape Town », une municipalité.",
            "Mais il semble que BA and IAG ont trouvé la solution.",
            "Selon le Washington Post, Joe Biden a signé l'Inflation Reduction Act mardi.",
            "Elle a regardé Breaking Bad et The Crown sur Netflix pendant le week-end.",
            "L'acide n'interagit pas avec les enzymes du cytochrome P450 humain in vitro.",
        ] {
            assert_clean(&UntranslatedEnglish, text);
        }
    }

    #[test]
    fn flags_english_sentences_and_ui_labels() {
        assert_marked(
            &UntranslatedEnglish,
            "Le ministre a dit : « ⟦We will never surrender⟧ ».",
        );
        assert_marked(
            &UntranslatedEnglish,
            "⟦Read more⟧: Le gouvernement annonce des mesures.",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Les deux équipes ⟦They will play on Saturday⟧ au stade.",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Fin.\n\n⟦Click here to subscribe to our newsletter⟧",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Fin de l'article.\n\n⟦Subscribe⟧\n\nContact",
        );
        let f = run(
            &UntranslatedEnglish,
            "Fin.\n\nClick here to subscribe to our newsletter",
        );
        assert!(f[0].message.starts_with("English sentence"));
    }

    #[test]
    fn a_single_word_is_a_warning() {
        let f = run(
            &UntranslatedEnglish,
            "Le rapport, which est clair, sera publié hier.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].span
                .slice("Le rapport, which est clair, sera publié hier."),
            "which"
        );
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn long_runs_are_shown_as_an_excerpt() {
        let text = "Le président a parlé. The quick brown fox jumps over the lazy dog. It was a bright cold day in April, and the clocks were striking thirteen. Puis il est parti.";
        let f = run(&UntranslatedEnglish, text);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].span.slice(text),
            "The quick brown fox jumps over the lazy dog. It was a bright cold day in April, and the clocks were striking thirteen"
        );
        assert!(
            f[0].message
                .contains("The quick brown fox jumps over the lazy dog. It … striking thirteen"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn severity_follows_length() {
        let f = run(
            &UntranslatedEnglish,
            "Il a dit que the situation was very bad hier.",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].suggestion.is_none());
        assert!(f[0].message.contains("the situation was very bad"));
    }

    #[test]
    fn english_titles_in_references_are_info() {
        for text in [
            "Sources\n\n- (en) Jane Doe, How the war was sold to the public, The Observer, 2003.",
            "- ^ Why the markets panicked last week. Daily Planet. Consulté le 12 mars 2020.",
            "- Sam Lee, What we learned from the floods, The Courier, March 3, 2019.",
            "- The sound of the city at night, de Jean Martin (1955)",
            "Voir aussi : Crime and Punishment in the Digital Age, ISBN 978-0-00-000000-0.",
        ] {
            let f = run(&UntranslatedEnglish, text);
            assert!(!f.is_empty(), "{text}");
            assert!(
                f.iter().all(|f| f.severity == Severity::Info),
                "{text}: {f:?}"
            );
            assert!(f[0].message.starts_with("English title in a reference"));
        }
    }

    #[test]
    fn english_outside_references_stays_an_error() {
        // A date, or an author, without the rest of a citation.
        for text in [
            "- Putin says the West wants to destroy Russia, October 4, 2022",
            "Le ministre a dit que the situation was very bad, de Paris à Lyon.",
            "Must Read\n\nPutin threatens Poland over the Wagner group in Belarus",
        ] {
            let f = run(&UntranslatedEnglish, text);
            assert!(
                f.iter().any(|f| f.severity == Severity::Error),
                "{text}: {f:?}"
            );
        }
    }

    #[test]
    fn a_single_word_copied_from_the_source_is_an_error() {
        use crate::rule::testing::run_bilingual;
        let en = "The report, which is clear, will be published tomorrow.";
        let fr = "Le rapport, which est clair, sera publié demain.";
        let f = run_bilingual(&UntranslatedEnglish, en, fr);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].span.slice(fr), "which");
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].source.unwrap().slice(en), "which");
        assert!(f[0].message.ends_with("(copied from the source)"));
    }

    #[test]
    fn options_are_honoured() {
        let text = "Le ministre a déclaré que the situation was difficult hier.";
        let id = UntranslatedEnglish::META.id;
        let opts = RuleOptions::default().with(
            id,
            UntranslatedEnglishOptions {
                min_words: 5,
                ..Default::default()
            },
        );
        assert!(run_with(&UntranslatedEnglish, text, &opts).is_empty());
        let opts = RuleOptions::default().with(
            id,
            UntranslatedEnglishOptions {
                allow: vec!["The Situation was difficult".to_string()],
                ..Default::default()
            },
        );
        assert!(run_with(&UntranslatedEnglish, text, &opts).is_empty());
    }
}
