use crate::data;
use crate::declare_rule;
use crate::lang::french::{self, Class};
use crate::rule::{Context, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::{char_at, is_apostrophe};
use crate::text::references::is_reference;
use crate::text::word_end;
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// A sentence that starts with a stray comma or full stop, or a verbless fragment split off the sentence before it (`jusqu'à 20 heures. Mercredi.`).
    ///
    /// ## What it does
    /// Reports two shapes of broken sentence:
    /// - a sentence (after `.`, `!`, `?` or at the start of a line) that
    ///   starts with a comma, a semicolon or a lone full stop followed by a
    ///   word on the same line: `dans la guerre. , déclarant aux
    ///   journalistes` (error);
    /// - a fragment of one to five words, without a verb, made only of
    ///   names (of people, places, days) with articles and prepositions
    ///   between them, standing between a full stop and the end of its
    ///   sentence inside a paragraph: `un avis a été émis jusqu'à 20 heures.
    ///   Mercredi.`, `ont battu les Broncos dimanche 22-16. Denver.`, `a
    ///   déclaré le shérif du comté de Nassau. Bill Leeper.`. Machine
    ///   translation cut the sentence on an English abbreviation or left a
    ///   complement behind. It is an error when the fragment is a day alone
    ///   or follows a title (`gouverneur`, `shérif`, `sénateur`), alone or
    ///   with its place (`le shérif du comté de Nassau`), a warning
    ///   otherwise.
    ///
    /// A full stop followed by a lower-case word (`la guerre. déclarant`)
    /// is `stray-full-stop`'s.
    ///
    /// ## Why it matters
    /// When a machine translation or a CMS drops the start of a clause or
    /// pastes a full stop in the middle of a sentence, the article shows a
    /// sentence without a beginning, or a name standing alone. Readers see it
    /// at once.
    ///
    /// ## Example
    /// Bad: `a rejeté les spéculations sur la guerre. , déclarant aux journalistes lundi que`
    ///
    /// Good: `a rejeté les spéculations sur la guerre, déclarant aux journalistes lundi que`
    ///
    /// Bad: `Un avis de chaleur a été émis jusqu'à 20 heures. Mercredi. L'avis couvre quatre comtés.`
    ///
    /// Good: `Un avis de chaleur a été émis jusqu'à mercredi 20 heures. L'avis couvre quatre comtés.`
    ///
    /// ## Not flagged
    /// A verbless sentence with a common word (`Un record.`, `Retour à
    /// Paris.`), a name alone at the start of a paragraph, after a
    /// question, an exclamation, a short sentence or a label with a colon,
    /// lists of short items (`Paris. Lyon. Marseille.`), fragments with a
    /// comma, a colon or quotes, and references (`- ^ Titre. Ynetnews.`).
    ///
    /// ## Known false positives
    /// A signature or a name given alone as an answer inside a paragraph
    /// (`Qui l'a vu ? Personne. Pierre Dupont.`).
    pub struct SentenceFragment {
        id: "sentence-fragment",
        category: Structure,
        severity: Error,
    }
}

data::word_sets! {
    /// The words of a fragment of names (`data/fragment-words-fr.txt`).
    struct Words {
        /// Day names and parts of the day, allowed in lower case.
        time: HashSet<&'static str> = FRAGMENT_WORDS["time"],
        /// Titles an English abbreviation stood for (`Gov.`, `Sen.`).
        titles: HashSet<&'static str> = FRAGMENT_WORDS["title"],
        /// Articles and prepositions between names.
        link: HashSet<&'static str> = FRAGMENT_WORDS["link"],
    }
}

static WORDS: LazyLock<Words> = LazyLock::new(Words::load);

/// Whether the sentence `text` is a fragment made of names (people,
/// places, days), with no verb and no common word.
fn is_name_fragment(text: &str) -> bool {
    let lists = &*WORDS;
    if text.contains([':', ';', ',', '«', '»', '"', '“', '”', '?', '!', '…', '^']) {
        return false;
    }
    let mut words = 0;
    let mut names = 0;
    let mut start: Option<usize> = None;
    let mut spans = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = (c == '-' || is_apostrophe(c))
            && start.is_some()
            && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || joins {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            spans.push((s, i));
            // More than five words: not a fragment, no need to read on.
            if spans.len() > 5 {
                return false;
            }
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    for (k, &(s, e)) in spans.iter().enumerate() {
        let w = &text[s..e];
        words += 1;
        if words > 5 {
            return false;
        }
        if w.chars().all(|c| c.is_ascii_digit() || c == '-') {
            continue;
        }
        let lower = w.to_lowercase();
        let capital = w.starts_with(char::is_uppercase);
        if lists.time.contains(lower.as_str()) {
            names += usize::from(capital);
            continue;
        }
        if !capital {
            if lists.link.contains(w) {
                continue;
            }
            return false;
        }
        if french::classes(w).is_some_and(|c| {
            c.any(&[
                Class::Place,
                Class::FirstName,
                Class::Surname,
                Class::ProperName,
            ])
        }) {
            names += 1;
            continue;
        }
        match french::classes(&lower) {
            // Unknown to the lexicon: a foreign name (`Leeper`, `DeSantis`).
            None => names += 1,
            // An article or a preposition opening the fragment: `Le`, `De`.
            Some(_) if k == 0 && lists.link.contains(lower.as_str()) => {}
            // A common word: a nominal sentence (`Un record.`).
            Some(_) => return false,
        }
    }
    names > 0
}

/// Skips white space from `pos`; returns the new position and whether a
/// line break was crossed.
fn skip_space(text: &str, pos: usize) -> (usize, bool) {
    let rest = &text[pos..];
    let trimmed = rest.trim_start();
    let skipped = &rest[..rest.len() - trimmed.len()];
    (pos + skipped.len(), skipped.contains('\n'))
}

impl Rule for SentenceFragment {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&WORDS);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        self.name_fragments(ctx, sink);
        // Read byte by byte: the marks looked for are ASCII, other
        // characters only end the start of a line.
        let bytes = text.as_bytes();
        let mut line_start = true;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if !b.is_ascii() {
                let (c, len) = char_at(text, i);
                line_start &= c.is_whitespace();
                i += len;
                continue;
            }
            let c = char::from(b);
            i += 1;
            let at_line_start = line_start;
            if c == '\n' {
                line_start = true;
            } else if !c.is_whitespace() {
                line_start = false;
            }
            if !matches!(c, ',' | ';' | '.' | '!' | '?') {
                continue;
            }
            let i = i - 1;
            // The characters around the mark, as far as a full stop goes.
            let before = (i > 0 && bytes[i - 1] == b'.').then_some('.');
            let next = (bytes.get(i + 1) == Some(&b'.')).then_some('.');

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
            }
        }
    }
}

/// Nouns of a jurisdiction between a title and its place: `le shérif du
/// comté de Nassau`, `le gouverneur de l'État de New York`.
const JURISDICTIONS: &[&str] = &["comté", "état", "ville", "district", "province", "région"];

/// Whether `sentence` ends with a title, alone (`le gouverneur`) or with
/// the place it is the title of (`le shérif du comté de Nassau`,
/// `le sénateur de Floride`): the name that followed in English was cut
/// off by the full stop.
fn ends_with_title(sentence: &str) -> bool {
    let words = sentence
        .rsplit(|c: char| !c.is_alphabetic() && c != '-')
        .filter(|w| !w.is_empty())
        .take(7);
    for (i, word) in words.enumerate() {
        let lower = word.to_lowercase();
        if WORDS.titles.contains(lower.as_str()) {
            return true;
        }
        // Only the place (names, links, a jurisdiction) may stand between
        // the title and the full stop.
        let place_word = word.starts_with(char::is_uppercase)
            || WORDS.link.contains(lower.as_str())
            || JURISDICTIONS.contains(&lower.as_str());
        if !place_word || (i == 0 && !word.starts_with(char::is_uppercase)) {
            return false;
        }
    }
    false
}

impl SentenceFragment {
    /// `jusqu'à 20 heures. Mercredi.`: a fragment of names after a full
    /// stop, inside a paragraph.
    fn name_fragments(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let doc = ctx.doc;
        let text = ctx.text();
        let sentences = doc.sentences();
        for j in 1..sentences.len() {
            let (p, s) = (sentences[j - 1], sentences[j]);
            if p.block != s.block {
                continue;
            }
            let (pt, st) = (doc.slice(p.span), doc.slice(s.span));
            // Both end with a plain full stop, on one line.
            if !pt.ends_with('.')
                || pt.ends_with("..")
                || !st.ends_with('.')
                || text[p.span.end..s.span.start].contains('\n')
            {
                continue;
            }
            // A fragment of names (tested first: few sentences are).
            let fragment = &st[..st.len() - 1];
            if !is_name_fragment(fragment) {
                continue;
            }
            // The sentence before is a sentence, not a list item, a label
            // or a reference.
            if pt.split_whitespace().nth(5).is_none() || pt.contains(':') {
                continue;
            }
            // Lists of names: `Paris. Lyon. Marseille.`
            if let Some(n) = sentences.get(j + 1)
                && n.block == s.block
                && is_name_fragment(doc.slice(n.span).trim_end_matches('.'))
            {
                continue;
            }
            if is_reference(pt) {
                continue;
            }
            // Certain when the fragment is a day alone (`20 heures.
            // Mercredi.`) or the name after a title (`le gouverneur. Ron
            // DeSantis`); a place alone may be a writer's stage direction
            // (`Apollonies.`).
            let certain = WORDS.time.contains(fragment.to_lowercase().as_str())
                || ends_with_title(&pt[..pt.len() - 1]);
            sink.push(
                Span::new(p.span.end - 1, s.span.end),
                format!(
                    "“{st}” has no verb: a fragment split off the sentence before by a stray full stop"
                ),
                if certain {
                    Severity::Error
                } else {
                    Severity::Warning
                },
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
        assert_eq!(f[0].severity, crate::rule::Severity::Error);
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
    fn flags_fragments_of_names_split_off_a_sentence() {
        assert_marked(
            &SentenceFragment,
            "Un avis de chaleur a été émis jusqu'à 20 heures⟦. Mercredi.⟧ L'avis couvre quatre comtés.",
        );
        assert_marked(
            &SentenceFragment,
            "Les Chiefs ont battu les Broncos dimanche 22-16⟦. Denver.⟧",
        );
        assert_marked(
            &SentenceFragment,
            "a déclaré le shérif du comté de Nassau⟦. Bill Leeper.⟧ McDowell, un vétéran, a fui.",
        );
        assert_marked(
            &SentenceFragment,
            "L'ouragan touche terre, selon le gouverneur⟦. Ron DeSantis le mercredi après-midi.⟧",
        );
        let f = run(
            &SentenceFragment,
            "Un avis a été émis jusqu'à 20 heures. Mercredi. L'avis suit.",
        );
        assert_eq!(f[0].severity, crate::rule::Severity::Error);
        let f = run(
            &SentenceFragment,
            "Les Chiefs ont battu les Broncos dimanche 22-16. Denver.",
        );
        assert_eq!(f[0].severity, crate::rule::Severity::Warning);
        // The title with its place before the name cut off.
        let f = run(
            &SentenceFragment,
            "a déclaré le shérif du comté de Nassau. Bill Leeper. McDowell, un vétéran, a fui.",
        );
        assert_eq!(f[0].severity, crate::rule::Severity::Error);
        // A place after a sentence that does not end on a title.
        let f = run(
            &SentenceFragment,
            "Le cortège a traversé les rues de la ville de Lyon. Villeurbanne. Puis il est reparti.",
        );
        assert!(
            f.iter()
                .all(|f| f.severity == crate::rule::Severity::Warning)
        );
    }

    #[test]
    fn leaves_verbless_sentences_and_lists_alone() {
        for text in [
            "Le club a battu son record de points. Un record. Bravo Marseille !",
            "Le train part de Lyon à midi. Retour à Paris. Puis plus rien.",
            "Les villes retenues sont connues. Paris. Lyon. Marseille.",
            "Denver.\n\nLes Chiefs ont gagné dimanche.",
            "Qui a gagné ? Denver. Le score était serré.",
            "Il a dit : Paris. Puis il est parti.",
            "Catégories : Financement illégal du RPR. Paris.",
            "- ^ \"Reuters admits altering Beirut photo\". Ynetnews. Dernier accès.",
            "Valéry Giscard d'Estaing, Le Pouvoir et la vie. L'affrontement, Cie 12, 1991.",
        ] {
            assert_clean(&SentenceFragment, text);
        }
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
