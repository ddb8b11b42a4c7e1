use crate::data;
use crate::declare_rule;
use crate::lang::lexicon::{Lang, zipf};
use crate::rule::{Context, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::{
    is_apostrophe, is_closing_bracket, is_closing_quote, is_opening_bracket, is_opening_quote,
};
use crate::text::fold;
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// A sentence that starts with a stray comma or full stop, or a full stop that cuts a sentence in two.
    ///
    /// ## What it does
    /// Reports two shapes of broken sentence:
    /// - a sentence (after `.`, `!`, `?` or at the start of a line) that
    ///   starts with a comma, a semicolon or a lone full stop followed by a
    ///   word on the same line: `dans la guerre. , déclarant aux
    ///   journalistes` (error);
    /// - a full stop followed, on the same line, by a lower-case word that
    ///   can only continue a sentence: a conjunction or relative (`et`,
    ///   `mais`, `qui`, `dont`...) or a present participle (`déclarant`,
    ///   `ajoutant`): `dans la guerre. déclarant aux journalistes` (warning).
    ///
    /// The full stop must end a word that is not an abbreviation, a number
    /// of two digits or more, or a closing quote or bracket. A full stop after
    /// an abbreviation (`etc.`, `cf.`, `env.`, `p.`, `M.`, `J.-C.`, `B.C.E.`),
    /// an ellipsis (`...`, `…`), and `?` or `!` followed by
    /// lower case (`Vraiment ? demanda-t-il`, correct French) are not reported.
    ///
    /// ## Why it matters
    /// When a machine translation or a CMS drops the start of a clause or
    /// pastes a full stop in the middle of a sentence, the article shows a
    /// sentence without a beginning. Readers see it at once.
    ///
    /// ## Example
    /// Bad: `a rejeté les spéculations sur la guerre. , déclarant aux journalistes lundi que`
    ///
    /// Good: `a rejeté les spéculations sur la guerre, déclarant aux journalistes lundi que`
    ///
    /// ## Known false positives
    /// An abbreviation missing from the list followed by a conjunction
    /// (`réimpr. et`); a list item ending with a full stop whose next item
    /// starts in lower case on the same line.
    ///
    /// ## Not flagged (known misses)
    /// A sentence that merely starts in lower case after a full stop
    /// (`... à 12 mois. à 24 mois, ...`, the lost capital of `À`): its
    /// capital is missing but it is a whole sentence; only words that
    /// cannot open a sentence show a cut.
    pub struct SentenceFragment {
        id: "sentence-fragment",
        category: Structure,
        severity: Error,
    }
}

struct Tables {
    /// Every abbreviation, folded.
    abbrev: HashSet<String>,
    continues: HashSet<&'static str>,
    not_participle: HashSet<&'static str>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| Tables {
    abbrev: data::ABBREVIATIONS
        .words()
        .map(|w| fold(w).into_owned())
        .collect(),
    continues: data::FRAGMENT_WORDS.class("continues").collect(),
    not_participle: data::FRAGMENT_WORDS.class("not-participle").collect(),
});

/// End of the word starting at `start` (letters, with apostrophes and
/// hyphens between letters), or `start` when no letter is there.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            end = start + i + c.len_utf8();
        } else if (is_apostrophe(c) || c == '-')
            && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
        {
            continue;
        } else {
            break;
        }
    }
    end
}

/// Skips white space from `pos`; returns the new position and whether a
/// line break was crossed.
fn skip_space(text: &str, pos: usize) -> (usize, bool) {
    let rest = &text[pos..];
    let trimmed = rest.trim_start();
    let skipped = &rest[..rest.len() - trimmed.len()];
    (pos + skipped.len(), skipped.contains('\n'))
}

/// The token that ends just before `end` (back to white space), without the
/// closing quotes and brackets it ends with.
fn word_before(text: &str, end: usize) -> &str {
    let before = &text[..end];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[start..]
        .trim_end_matches(|c| is_closing_quote(c) || is_closing_bracket(c))
        .trim_start_matches(|c| is_opening_quote(c) || is_opening_bracket(c) || c == '\'')
}

/// The lower-case word at `start` shows that the text before it goes on.
fn continues_sentence(tables: &Tables, word: &str) -> bool {
    if word.chars().any(char::is_uppercase) {
        return false;
    }
    let lower = fold(word);
    if tables.continues.contains(&*lower) {
        return true;
    }
    if let Some(i) = lower.find('\'') {
        return tables.continues.contains(&lower[..=i]);
    }
    lower.ends_with("ant")
        && lower.chars().count() >= 6
        && !lower.contains('-')
        && !tables.not_participle.contains(&*lower)
        && zipf(Lang::Fr, &lower).is_some()
}

impl Rule for SentenceFragment {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&TABLES);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let tables = &*TABLES;
        let mut prev: Option<char> = None;
        let mut line_start = true;
        for (i, c) in text.char_indices() {
            let at_line_start = line_start;
            if c == '\n' {
                line_start = true;
            } else if !c.is_whitespace() {
                line_start = false;
            }
            let before = prev;
            prev = Some(c);
            let next = text[i + c.len_utf8()..].chars().next();

            // A line that starts with a comma, a semicolon or a lone full
            // stop, then a word on the same line.
            if at_line_start && matches!(c, ',' | ';' | '.') {
                let (k, crossed) = skip_space(text, i + 1);
                let end = word_end(text, k);
                if k > i + 1 && !crossed && end > k && next != Some('.') {
                    sink.report(
                        Span::new(i, end),
                        format!("a sentence starts with a stray `{c}`: its beginning is missing"),
                    );
                }
                continue;
            }

            let is_stop = match c {
                // Not inside `...` nor `. . .` (its later dots follow ". ").
                '.' => before != Some('.') && next != Some('.') && !text[..i].ends_with(". "),
                '!' | '?' => true,
                _ => false,
            };
            if !is_stop || at_line_start {
                continue;
            }
            let after = i + c.len_utf8();
            let (k, crossed_line) = skip_space(text, after);
            if k == after || k >= text.len() {
                continue;
            }
            let Some(d) = text[k..].chars().next() else {
                continue;
            };

            // ". , déclarant" / ". ; et" / ". . Le": a stray mark then a word.
            let stray = !crossed_line
                && match d {
                    ',' | ';' => true,
                    // ". . Le"; not "? . Publisher" (a title ending in `?`
                    // in a reference: duplicate-punctuation's business).
                    '.' => {
                        c == '.'
                            && !text[k + 1..].starts_with('.')
                            && !text[k + 1..].starts_with(" .")
                    }
                    _ => false,
                };
            if stray {
                let (w, crossed) = skip_space(text, k + 1);
                let end = word_end(text, w);
                let spaced = w > k + 1 && !crossed;
                if spaced && end > w {
                    sink.report(
                        Span::new(k, end),
                        format!(
                            "a sentence starts with a stray `{d}`: part of the sentence is missing or a full stop is misplaced"
                        ),
                    );
                }
                continue;
            }

            // "la guerre. déclarant": a full stop inside a sentence.
            if c != '.' || crossed_line || !d.is_lowercase() {
                continue;
            }
            // What the full stop ends: a word that is not an abbreviation, a
            // number of two digits or more (`en 1904.`), or a closing quote or
            // bracket standing alone (`« verbal ».`).
            let prev_word = word_before(text, i);
            let ends_sentence = if prev_word.is_empty() {
                text[..i].ends_with(|ch: char| !ch.is_whitespace())
            } else if prev_word.chars().all(|ch| ch.is_ascii_digit()) {
                prev_word.len() >= 2
            } else {
                prev_word.chars().count() >= 2
                    && prev_word
                        .chars()
                        .all(|ch| ch.is_alphabetic() || ch == '-' || is_apostrophe(ch))
                    && !tables.abbrev.contains(&*fold(prev_word))
            };
            if !ends_sentence {
                continue;
            }
            let end = word_end(text, k);
            let word = &text[k..end];
            if end == k || !continues_sentence(tables, word) {
                continue;
            }
            sink.push(
                Span::new(i, end),
                format!(
                    "“{word}” continues a sentence: the full stop before it cuts the sentence in two"
                ),
                Severity::Warning,
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked, run};

    #[test]
    fn warm_up_loads_the_tables() {
        SentenceFragment.warm_up();
        assert!(TABLES.abbrev.contains("etc"));
        assert!(TABLES.continues.contains("qu'"));
    }

    #[test]
    fn flags_a_stray_comma_after_a_full_stop() {
        assert_marked(
            &SentenceFragment,
            "impliquée dans la guerre. ⟦, déclarant⟧ aux journalistes lundi que",
        );
        assert_marked(&SentenceFragment, "Il est parti ! ⟦; et⟧ puis plus rien.");
        assert_marked(
            &SentenceFragment,
            "depuis la Pologne. ⟦. Le⟧ président est là.",
        );
        let f = run(&SentenceFragment, "la guerre. , déclarant");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn flags_a_line_starting_with_a_comma() {
        assert_marked(
            &SentenceFragment,
            "Le porte-parole a rejeté ces spéculations.\n⟦, ajoutant⟧ qu'elles étaient absurdes.",
        );
        assert_marked(
            &SentenceFragment,
            "Fin du paragraphe.\n⟦. Le⟧ président est parti.",
        );
        assert_clean(
            &SentenceFragment,
            "Fin du paragraphe.\n... et la suite.\n.\nFin.",
        );
    }

    #[test]
    fn flags_a_full_stop_before_a_continuation() {
        assert_marked(
            &SentenceFragment,
            "a rejeté les spéculations sur la guerre⟦. déclarant⟧ aux journalistes",
        );
        assert_marked(
            &SentenceFragment,
            "Il a signé l'accord⟦. qui⟧ entre en vigueur.",
        );
        assert_marked(
            &SentenceFragment,
            "Le texte a été voté⟦. qu'il⟧ soit juste ou non.",
        );
        let f = run(
            &SentenceFragment,
            "sur la guerre. déclarant aux journalistes",
        );
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn leaves_legitimate_lower_case_alone() {
        for text in [
            "des pommes, des poires, etc. et des fruits.",
            "Voir cf. le chapitre 3, p. 12 et M. le maire.",
            "Et puis... et puis rien. Et puis… mais non.",
            "Vraiment ? demanda-t-il. Quoi ! et alors ?",
            "Né en 52 av. J.-C. apparaissent les premiers textes.",
            "La B.C.E. des pays membres décide.",
            "Il a grandi à Roanne. à son retour, il a travaillé.",
            "Un iPhone. iPhone est une marque. eBay aussi.",
            "Il est parti pendant la nuit. pendant ce temps, rien.",
            "Voir www.exemple.fr, puis la page 3. Fin.",
            "Et puis. . . rien.",
            "Un essai (Dupont et al. qui le montrent).",
            "Voir le point 3. et la suite.",
        ] {
            assert_clean(&SentenceFragment, text);
        }
    }
}
