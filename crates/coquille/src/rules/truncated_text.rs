use crate::data;
use crate::declare_rule;
use crate::lang::french::{self, Class};
use crate::lang::lexicon::{Lang, zipf};
use crate::rule::{Context, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::{is_apostrophe, is_blank as is_space};
use crate::text::fold;
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// A teaser or sentence cut off with "…": `comment créer…`, `avec le principal…`.
    ///
    /// ## What it does
    /// Looks at each ellipsis (`…`, `...`, `[…]`) that ends a line or is
    /// followed by a new capitalised start or a link separator, and reports
    /// it when the words before it show that the text was cut, not
    /// suspended:
    /// - it ends on a word that can never end a clause: an article, a
    ///   determiner, a preposition, a clitic pronoun, a relative word
    ///   (`avec le…`, `l'un des…`, `dont…`), or on `le plus…` after a noun
    ///   or a copula (`le pays le plus…`, `elle est la plus…`; not `pour le
    ///   moins…`, `au plus…`, nor `ce qu'il aime le plus…`, an adverb);
    /// - it ends on a determiner and an adjective that stands before its noun,
    ///   after a preposition (`avec le principal…`);
    /// - it ends on a question word or `pour`/`de` and a verb that needs an
    ///   object (`comment créer…`, `pour éviter…`);
    /// - at the end of a line only: on a lowercase word that is not a word
    ///   (`le gouvernem…`), after a quotation mark that was never closed, or
    ///   with a WordPress excerpt mark `[…]` straight after a word, or when
    ///   the line is one of a list of teasers: the nearest non-blank line
    ///   before or after it is also a single sentence of 3 to 30 words cut
    ///   with `…` (a related-articles block).
    ///
    /// The cue words are in `data/truncation-cues.txt`.
    ///
    /// Severity: `error` when the text ends on a function word at the end of
    /// a line (any reader sees it is cut), `warning` otherwise.
    ///
    /// ## Why it matters
    /// Aggregators and scrapers copy the teasers of related articles, cut at
    /// a fixed length. In an article they read as sentences that stop in the
    /// middle.
    ///
    /// ## Example
    /// Bad: `5 questions | Lakshadweep n'est pas bien relié avec le principal…`
    ///
    /// Good: the teaser removed, or the full title.
    ///
    /// ## Not flagged
    /// Suspension and quotation marks: `Et puis…`, `Je ne pense pas...`,
    /// `« Nous verrons bien… »`, `[…]` between two sentences of a quotation,
    /// enumerations `1, 2, 3…`, `etc.`, an ellipsis followed by the rest of
    /// the sentence (`tout bonnement... alimentaire`).
    ///
    /// ## Known false positives
    /// Dialogue interrupted on purpose after a function word (`Il est dans
    /// le…`) at the end of a paragraph, and consecutive one-sentence
    /// paragraphs that each trail off with `…`; fiction does this, news
    /// rarely.
    pub struct TruncatedText {
        id: "truncated-text",
        category: Leak,
        severity: Warning,
    }
}

data::word_sets! {
    /// The word lists of `data/truncation-cues.txt`, and the determiners.
    struct Cues {
        function: HashSet<&'static str> = TRUNCATION_CUES["function"],
        degree: HashSet<&'static str> = TRUNCATION_CUES["degree"],
        /// `pour le moins`, `au plus`: complete as they are.
        degree_phrases: HashSet<&'static str> = TRUNCATION_CUES["degree-phrase"],
        /// Verbs after which `le plus` still needs its adjective.
        copulas: HashSet<&'static str> = TRUNCATION_CUES["copula"],
        prenominal: HashSet<&'static str> = TRUNCATION_CUES["prenominal"],
        interrogative: HashSet<&'static str> = TRUNCATION_CUES["interrogative"],
        transitive: HashSet<&'static str> = TRUNCATION_CUES["transitive"],
        /// Words after which a verb in the infinitive needs its object here.
        infinitive_introducers: HashSet<&'static str> = TRUNCATION_CUES["infinitive-introducer"],
        /// Determiners, after which a noun must follow.
        determiners: HashSet<&'static str> = FUNCTION_WORDS["determiner"],
    }
}

static CUES: LazyLock<Cues> = LazyLock::new(Cues::load);

/// A word before the ellipsis: its start and its lowercase form (curly
/// apostrophes made straight).
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    lower: String,
    capital: bool,
}

/// The last `n` words of `before` (last one first), stopping at anything
/// that is not a letter, an apostrophe, a hyphen or a space.
fn last_words(before: &str, n: usize) -> Vec<Word> {
    let mut words = Vec::new();
    let mut end = before.len();
    while words.len() < n {
        let head = &before[..end];
        let trimmed = head.trim_end_matches(is_space);
        let mut start = trimmed.len();
        let mut chars = trimmed.char_indices().rev().peekable();
        // "l'", "qu'", "jusqu'": a word that ends with its apostrophe.
        if let Some(&(i, c)) = chars.peek()
            && is_apostrophe(c)
        {
            start = i;
            chars.next();
        }
        let apostrophe_end = start < trimmed.len();
        for (i, c) in chars {
            if c.is_alphabetic() || (c == '-' && !apostrophe_end) {
                start = i;
            } else {
                break;
            }
        }
        let word = &trimmed[start..];
        if word.is_empty() || !word.chars().next().is_some_and(char::is_alphabetic) {
            break;
        }
        words.push(Word {
            start,
            lower: fold(word).into_owned(),
            capital: word.chars().next().is_some_and(char::is_uppercase),
        });
        end = start;
        // Words are separated by spaces or by an apostrophe ("l'autre").
        let gap = &before[..end];
        if !(gap.ends_with(is_space) || gap.ends_with(is_apostrophe)) {
            break;
        }
    }
    words
}

/// What follows the ellipsis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum After {
    /// Nothing more on the line.
    LineEnd,
    /// A capitalised word or a link separator: a new piece of text.
    NewStart,
}

fn after_marker(text: &str, end: usize) -> Option<After> {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches(is_space);
    match trimmed.chars().next() {
        None => Some(After::LineEnd),
        Some('\n' | '\r') => {
            // Hard-wrapped prose goes on in lowercase on the next line.
            let next = trimmed
                .trim_start_matches(['\r', '\n'])
                .trim_start_matches(is_space);
            let wrapped = !trimmed.trim_start_matches('\r').starts_with("\n\n")
                && next.chars().next().is_some_and(char::is_lowercase);
            (!wrapped).then_some(After::LineEnd)
        }
        Some(c) if c.is_uppercase() => Some(After::NewStart),
        // `»` right after the ellipsis closes a quotation: not a separator.
        Some('|' | '•' | '›' | '►' | '→') => Some(After::NewStart),
        _ => None,
    }
}

/// Whether at least `n` words stand since the start of the sentence (or of
/// the line). Read backwards and only until the `n`th word: reading the whole
/// sentence was quadratic on a long line with many ellipses.
fn sentence_has_words(before: &str, n: usize) -> bool {
    let mut count = 0;
    let mut in_word = false;
    for c in before.chars().rev() {
        if matches!(c, '\n' | '.' | '!' | '?' | '|' | '•') {
            break;
        }
        if !c.is_alphanumeric() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            count += 1;
            if count >= n {
                return true;
            }
        }
    }
    false
}

/// A quotation mark opened in the line before `pos` and never closed.
fn unclosed_quote(line_before: &str) -> bool {
    let chars: Vec<char> = line_before.chars().collect();
    let mut french = 0i32;
    let mut curly = 0i32;
    let mut single = 0i32;
    let mut straight = 0;
    for (i, &c) in chars.iter().enumerate() {
        let letter_before = i > 0 && chars[i - 1].is_alphabetic();
        let letter_after = chars.get(i + 1).is_some_and(|c| c.is_alphabetic());
        match c {
            '«' => french += 1,
            '»' => french -= 1,
            '“' => curly += 1,
            '”' => curly -= 1,
            '‘' => single += 1,
            // ’ between letters is an apostrophe.
            '’' if !(letter_before && letter_after) => single -= 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    french > 0 || curly > 0 || single > 0 || straight % 2 == 1
}

/// An ellipsis mark: its span, and whether it is the bracketed `[…]`.
#[derive(Debug, Clone, Copy)]
struct Marker {
    start: usize,
    end: usize,
    bracketed: bool,
}

fn markers(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Only a full stop or the first byte of `…` (E2 80 A6) can start a
    // marker: the text in between is skipped by one vector search.
    while let Some(k) = memchr::memchr2(b'.', 0xe2, &bytes[i..]) {
        i += k;
        let (len, found) = if text[i..].starts_with('…') {
            ('…'.len_utf8(), true)
        } else if text[i..].starts_with("...") {
            let mut n = 3;
            while bytes.get(i + n) == Some(&b'.') {
                n += 1;
            }
            (n, n == 3)
        } else {
            (text[i..].chars().next().map_or(1, char::len_utf8), false)
        };
        if found {
            let mut m = Marker {
                start: i,
                end: i + len,
                bracketed: false,
            };
            let open = text[..i].chars().next_back();
            let close = text[i + len..].chars().next();
            if matches!(
                (open, close),
                (Some('['), Some(']')) | (Some('('), Some(')'))
            ) {
                m.start -= 1;
                m.end += 1;
                m.bracketed = true;
            }
            out.push(m);
        }
        i += len;
    }
    out
}

impl Rule for TruncatedText {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&CUES);
        LazyLock::force(&ENDINGS);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let cues = &*CUES;
        for m in markers(text) {
            let Some(after) = after_marker(text, m.end) else {
                continue;
            };
            let before = &text[..m.start];
            // The ellipsis must follow a word (not `1, 2, 3…`, not `. […]`).
            let Some(prev) = before.trim_end_matches(is_space).chars().next_back() else {
                continue;
            };
            if !(prev.is_alphabetic() || is_apostrophe(prev)) {
                continue;
            }
            let words = last_words(before, 3);
            let Some(last) = words.first() else {
                continue;
            };
            if last.lower == "etc" || !sentence_has_words(before, 3) {
                continue;
            }
            let w1 = words.get(1).map(|w| w.lower.as_str()).unwrap_or("");
            let w2 = words.get(2).map(|w| w.lower.as_str()).unwrap_or("");
            let at_end = after == After::LineEnd;
            // Only read when needed: it is a whole line.
            let line_before = || before.rsplit('\n').next().unwrap_or(before);

            // (evidence start, severity, message)
            let verdict: Option<(usize, Severity, String)> =
                if !last.capital && cues.function.contains(last.lower.as_str()) {
                    let sev = if at_end && !m.bracketed {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    Some((
                        last.start,
                        sev,
                        format!(
                            "text cut off after `{}`: the sentence is incomplete",
                            last.lower
                        ),
                    ))
                } else if cues.degree.contains(last.lower.as_str())
                    && cues.determiners.contains(w1)
                    && !degree_complete(cues, &last.lower, w1, w2)
                {
                    Some((
                        words[1].start,
                        if at_end {
                            Severity::Error
                        } else {
                            Severity::Warning
                        },
                        format!(
                            "text cut off after `{w1} {}`: the adjective is missing",
                            last.lower
                        ),
                    ))
                } else if cues.prenominal.contains(last.lower.as_str())
                    && cues.determiners.contains(w1)
                    && (cues.function.contains(w2) && !cues.determiners.contains(w2))
                {
                    Some((
                        words[1].start,
                        Severity::Warning,
                        format!(
                            "text cut off after `{w1} {}`: the noun is missing",
                            last.lower
                        ),
                    ))
                } else if cues.transitive.contains(last.lower.as_str())
                    && (cues.interrogative.contains(w1) || cues.infinitive_introducers.contains(w1))
                {
                    Some((
                        words[1].start,
                        Severity::Warning,
                        format!(
                            "text cut off after `{w1} {}`: the verb's object is missing",
                            last.lower
                        ),
                    ))
                } else if at_end && !last.capital && is_cut_word(&last.lower) {
                    Some((
                        last.start,
                        Severity::Warning,
                        format!("text cut off inside a word (`{}`)", last.lower),
                    ))
                } else if at_end && !m.bracketed && unclosed_quote(line_before()) {
                    Some((
                        last.start,
                        Severity::Warning,
                        "text cut off inside a quotation that is never closed".to_string(),
                    ))
                } else if at_end && m.bracketed && text[..m.start].ends_with(' ') {
                    Some((
                        last.start,
                        Severity::Warning,
                        "excerpt cut off with `[…]`: the teaser of another page".to_string(),
                    ))
                } else if at_end && !m.bracketed && in_teaser_list(text, m) {
                    Some((
                        last.start,
                        Severity::Warning,
                        "teaser cut off: one of a list of lines cut with `…`".to_string(),
                    ))
                } else {
                    None
                };
            if let Some((start, severity, message)) = verdict {
                sink.push(Span::new(start, m.end), message, severity, None);
            }
        }
    }
}

/// `le plus…` or `le moins…` that needs no adjective: a set phrase
/// (`pour le moins`, `au plus`), or an adverb after a verb other than a
/// copula (`ce qu'il aime le plus`).
fn degree_complete(cues: &Cues, last: &str, w1: &str, w2: &str) -> bool {
    let two = format!("{w1} {last}");
    let three = format!("{w2} {two}");
    if cues.degree_phrases.contains(two.as_str()) || cues.degree_phrases.contains(three.as_str()) {
        return true;
    }
    !cues.copulas.contains(w2)
        && french::classes(w2)
            .is_some_and(|c| c.any(&[Class::Verb, Class::Participle]) && !c.has(Class::Noun))
}

/// The line around byte `pos`, trimmed.
fn line_at(text: &str, pos: usize) -> (usize, usize) {
    let start = text[..pos].rfind('\n').map_or(0, |p| p + 1);
    let end = text[pos..].find('\n').map_or(text.len(), |p| pos + p);
    (start, end)
}

/// A line that looks like a teaser: one sentence of 3 to 30 words starting
/// with a capital or a digit and ending with `…` or `...` right after a word.
fn is_teaser_line(line: &str) -> bool {
    let line = line.trim();
    let Some(body) = line.strip_suffix('…').or_else(|| line.strip_suffix("...")) else {
        return false;
    };
    if body.ends_with('.') || !body.ends_with(char::is_alphabetic) {
        return false;
    }
    let words = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count();
    (3..=30).contains(&words)
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !body.contains(['.', '!', '?', '…', '«', '»', '"', '“', '”'])
}

/// The marker ends a teaser line and the nearest non-blank line before or
/// after it is a teaser line too: a block of related-article teasers cut at
/// a fixed length (`Le prix de l'essence atteint un niveau…`).
fn in_teaser_list(text: &str, m: Marker) -> bool {
    let (start, end) = line_at(text, m.start);
    if !is_teaser_line(&text[start..end]) {
        return false;
    }
    let before = text[..start].trim_end();
    let prev = before.rsplit('\n').next().unwrap_or("");
    let after = text[end..].trim_start();
    let next = after.split('\n').next().unwrap_or("");
    (!before.is_empty() && is_teaser_line(prev)) || (!after.is_empty() && is_teaser_line(next))
}

/// Endings that complete a word cut in the middle (`gouvernem` + `ent`).
static ENDINGS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::WORD_ENDINGS.class("completion").collect());

/// A lowercase word of four letters or more found in neither lexicon, that a
/// common ending turns into a French or English word: cut in the middle
/// (`gouvernem…`), not merely rare (`ratifiez…`).
fn is_cut_word(word: &str) -> bool {
    word.chars().count() >= 4
        && word.chars().all(char::is_alphabetic)
        && zipf(Lang::Fr, word).is_none()
        && zipf(Lang::En, word).is_none()
        && ENDINGS.iter().any(|e| {
            let whole = format!("{word}{e}");
            zipf(Lang::Fr, &whole).is_some_and(|z| z >= 3.0)
                || zipf(Lang::En, &whole).is_some_and(|z| z >= 3.0)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked, run};

    #[test]
    fn cues_load() {
        TruncatedText.warm_up();
        assert!(CUES.function.contains("le"));
        assert!(CUES.transitive.contains("créer"));
    }

    #[test]
    fn flags_cut_teasers() {
        assert_marked(
            &TruncatedText,
            "Avec l'Inde traversant la population chinoise l'année prochaine, ⟦comment créer…⟧",
        );
        assert_marked(
            &TruncatedText,
            "5 questions | Lakshadweep n'est pas connecté correctement avec ⟦le principal…⟧",
        );
        assert_marked(
            &TruncatedText,
            "Le gouvernement a présenté mardi ⟦les…⟧\n\nSuite.",
        );
        assert_marked(&TruncatedText, "La réforme voulue par l'exécutif ⟦d'…⟧");
        assert_marked(&TruncatedText, "C'est l'un ⟦des plus…⟧");
        assert_marked(
            &TruncatedText,
            "Voici les astuces du jardinier ⟦pour éviter...⟧ Lire la suite",
        );
        assert_marked(&TruncatedText, "Le ministre a reconnu que le ⟦gouvernem…⟧");
        assert_marked(
            &TruncatedText,
            "Le maire déclare : « Nous ne laisserons pas ⟦faire…⟧",
        );
        assert_marked(
            &TruncatedText,
            "Le conseil municipal a voté la hausse des impôts locaux ⟦qui […]⟧",
        );
        assert_marked(
            &TruncatedText,
            "Le conseil municipal a voté la hausse des impôts ⟦locaux […]⟧",
        );
    }

    #[test]
    fn le_plus_needs_its_adjective_only_after_a_noun_or_a_copula() {
        assert_marked(&TruncatedText, "Voici le pays ⟦le plus…⟧");
        assert_marked(&TruncatedText, "De toutes ses sœurs, elle est ⟦la plus…⟧");
        for text in [
            "Un point de vue à nuancer, pour le moins…\n\nLa suite.",
            "Il viendra demain, du moins…\n\nLa suite.",
            "Une réforme discutable, à tout le moins…",
            "Le voyage durera trois jours au plus…",
            "C'est ce que les enfants aiment le plus…",
        ] {
            assert_clean(&TruncatedText, text);
        }
    }

    #[test]
    fn flags_lists_of_teasers_cut_after_any_word() {
        assert_marked(
            &TruncatedText,
            "Vous aimerez aussi\n\nLe prix de l'essence atteint un ⟦niveau…⟧\n\nMunicipales : la gauche unie dans trois ⟦grandes…⟧\n",
        );
        assert_clean(
            &TruncatedText,
            "Il attendait, seul dans la nuit...\n\nLa pluie tombait. Il pensait à elle…\n",
        );
    }

    #[test]
    fn leaves_suspension_alone() {
        for text in [
            "Et puis…",
            "Je ne pense pas... Nous devrions agir.",
            "Le motif est tout bonnement... alimentaire.",
            "à savoir... 30 F.",
            "Il a compté 1, 2, 3…",
            "des pommes, des poires, etc…",
            "la Somatem, entreprise d'ascenseurs, et d'autres...",
            "Si vous ratifiez... Madame la Présidente, cette résolution",
            "« Nous irons dans le… » Il s'arrête.",
            "Il a dit aussi. [...] Les Irakiens ont tout détruit.",
            "le roi Pierre... ont réveillé des souvenirs",
            "Le prix est en hausse pour le moment…",
            "C'est le principal…",
            "Rien n'est joué, mais…",
            "Que faire…",
            "Si vous ratifiez...",
            "Le maire a rappelé que les…\nhabitants devront patienter.",
        ] {
            assert_clean(&TruncatedText, text);
        }
    }

    #[test]
    fn severity_is_error_only_for_a_function_word_at_line_end() {
        let f = run(&TruncatedText, "Le gouvernement a présenté mardi les…");
        assert_eq!(f[0].severity, Severity::Error);
        let f = run(&TruncatedText, "Un titre qui finit sur comment créer…");
        assert_eq!(f[0].severity, Severity::Warning);
    }
}
