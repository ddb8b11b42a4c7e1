use crate::declare_rule;
use crate::lang::french::{self, Class};
use crate::lang::lexicon::{Lang, zipf};
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::chars::{char_at, is_apostrophe, is_letter};

declare_rule! {
    /// English title case in French: `Le Maire Annonce Sa Démission`, `Un Nouveau Record Pour La Ville`.
    ///
    /// ## What it does
    /// Reads each sentence and headline and counts the words after the
    /// first that are capitalised although they are common French words
    /// (nouns, verbs, adjectives, articles, prepositions: the French lexicon
    /// knows them in lower case and not as names). It reports the sentence
    /// when three such words or more are capitalised, no content word is in
    /// lower case, and at least one capital cannot be a name's: a verb
    /// (`Annonce`) or an article, preposition or pronoun before another
    /// capitalised word (`Sa Démission`, `Pour La Ville`), or six such
    /// words or more, the English way of capitalising every content word
    /// and no article or preposition (`Maîtriser les Techniques d'Analyse
    /// pour des Décisions d'Investissement Rentables`). The message shows
    /// the sentence in French capitalisation.
    ///
    /// ## Why it matters
    /// English capitalises every important word of a title; French
    /// capitalises the first word and names only (`Le maire annonce sa
    /// démission`). Title case is the first thing a French reader notices in
    /// a machine-translated headline.
    ///
    /// ## Example
    /// Bad: `Le Maire Annonce Sa Démission`
    ///
    /// Good: `Le maire annonce sa démission`
    ///
    /// ## Not flagged
    /// Names and titles of works made of names or foreign words (`Le Loup de
    /// Wall Street`, `Golden State Warriors`), a title inside a sentence
    /// after a comma or a quote (`Roger Monclain, Les Damnés de la Guerre`),
    /// acronyms and text in capitals, sentences with a content word in
    /// lower case (`La Guerre des étoiles`).
    ///
    /// ## Known false positives
    /// Names made of common words that the lexicon does not know as names
    /// (`Parti Socialiste Unifié`), and titles of works capitalised English
    /// style on purpose.
    pub struct TitleCase {
        id: "title-case",
        category: Typography,
        severity: Error,
    }
}

/// Capitalised common words that make a sentence title case on their own,
/// without a capitalised verb or article to prove it.
const MANY_CAPITALS: usize = 6;

/// Whether a sentence of many capitals has the shape of an English title:
/// an article or a preposition left in lower case among the capitals
/// (`Maîtriser les Techniques d'Analyse pour des Décisions`), and no
/// quotation, list separator or accelerator mark, where capitals are the
/// matter (`«Texte Dans Un Champ»`, an example of case conversion),
/// keywords (`Tâche;Tâches;Projets`) or menu labels (`_Fichier`).
fn english_title_shape(text: &str, kinds: &[(Span, Kind, Option<char>)]) -> bool {
    if text.contains(['«', '»', '"', '“', '”', ';', '_']) {
        return false;
    }
    kinds.iter().any(|(span, kind, _)| {
        let word = span.slice(text);
        *kind == Kind::Neutral
            && word.starts_with(char::is_lowercase)
            && french::classes(word)
                .is_some_and(|c| c.any(&[Class::Determiner, Class::Preposition]))
    })
}

/// What a word of the sentence says about its capitalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A common French word with a capital.
    Capital {
        /// An article, preposition, pronoun or conjunction.
        grammatical: bool,
        /// A finite verb that is no noun or adjective.
        verb: bool,
    },
    /// A content word in lower case: the sentence is not in title case.
    LowerContent,
    /// Anything else: names, unknown or foreign words, lower-case
    /// grammatical words, single letters, acronyms.
    Neutral,
}

const GRAMMATICAL: &[Class] = &[
    Class::Determiner,
    Class::Preposition,
    Class::Pronoun,
    Class::Conjunction,
    Class::Grammatical,
];
const NAMES: &[Class] = &[
    Class::Place,
    Class::FirstName,
    Class::Surname,
    Class::ProperName,
];
const CONTENT: &[Class] = &[
    Class::Noun,
    Class::Adjective,
    Class::Verb,
    Class::Infinitive,
    Class::Participle,
];

fn classify(word: &str) -> Kind {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Kind::Neutral;
    };
    if word.chars().count() < 2 {
        return Kind::Neutral;
    }
    if first.is_uppercase() {
        // Acronyms and inner capitals: `ONU`, `DeSantis`, `McCarthy`.
        if chars.any(char::is_uppercase) {
            return Kind::Neutral;
        }
        if french::classes(word).is_some_and(|c| c.any(NAMES)) {
            return Kind::Neutral;
        }
        let lower = word.to_lowercase();
        let Some(lc) = french::classes(&lower) else {
            return Kind::Neutral;
        };
        // English words French also has (`Fun`, `Street`, `Tour`).
        let en = zipf(Lang::En, &lower).unwrap_or(0.0);
        let fr = zipf(Lang::Fr, &lower).unwrap_or(0.0);
        if en > fr {
            return Kind::Neutral;
        }
        let content = lc.any(&[Class::Noun, Class::Adjective]);
        Kind::Capital {
            grammatical: lc.any(GRAMMATICAL) && !content,
            verb: lc.has(Class::Verb) && !content && !lc.has(Class::Participle),
        }
    } else if first.is_lowercase() {
        match french::classes(word) {
            Some(c) if c.any(CONTENT) && !c.any(GRAMMATICAL) && word.chars().count() >= 3 => {
                Kind::LowerContent
            }
            _ => Kind::Neutral,
        }
    } else {
        Kind::Neutral
    }
}

/// The words of `text` (letters with inner hyphens and apostrophes) with
/// their spans, and the last character before each that is not a space,
/// into `out` (cleared first: one buffer serves every sentence).
fn words(text: &str, out: &mut Vec<(Span, Option<char>)>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut before_word: Option<char> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        let at = i;
        i += len;
        let joins = (c == '-' || is_apostrophe(c))
            && start.is_some()
            && i < bytes.len()
            && is_letter(char_at(text, i).0);
        if is_letter(c) || joins {
            if start.is_none() {
                start = Some(at);
                before_word = prev;
            }
        } else if let Some(s) = start.take() {
            out.push((Span::new(s, at), before_word));
        }
        if !c.is_whitespace() {
            prev = Some(c);
        }
    }
    if let Some(s) = start {
        out.push((Span::new(s, text.len()), before_word));
    }
}

/// The character before a word that opens a title or a clause inside the
/// sentence: after it, a capital is a title's first word.
fn opens_title(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        matches!(
            c,
            ',' | ':' | ';' | '(' | '«' | '"' | '“' | '‘' | '–' | '—' | '/' | '[' | '|' | '.'
        )
    })
}

/// The part of a word before its elision apostrophe is skipped: `L'Homme`
/// is judged on `Homme`.
fn after_elision(word: &str) -> (usize, &str) {
    match word.char_indices().find(|&(_, c)| is_apostrophe(c)) {
        Some((i, c)) if i <= 5 => (i + c.len_utf8(), &word[i + c.len_utf8()..]),
        _ => (0, word),
    }
}

impl Rule for TitleCase {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let mut ws = Vec::new();
        for sentence in ctx.doc.sentences() {
            let text = ctx.doc.slice(sentence.span);
            // Quick rejections: short, fewer than three capitals opening a
            // word past the first letter (the words counted below open with
            // a letter after a character that is not one), all capitals, or
            // fewer than ten letters. One pass over the sentence.
            if text.len() < 12 {
                continue;
            }
            let (mut letters, mut all_upper, mut openers) = (0, true, 0);
            let mut prev_letter = true;
            let bytes = text.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                // ASCII, most of a sentence, without decoding.
                let (letter, upper) = if bytes[i].is_ascii() {
                    let b = bytes[i];
                    i += 1;
                    (b.is_ascii_alphabetic(), b.is_ascii_uppercase())
                } else {
                    let (c, len) = char_at(text, i);
                    i += len;
                    (is_letter(c), c.is_uppercase())
                };
                if letter {
                    letters += 1;
                    all_upper &= upper;
                    openers += usize::from(upper && !prev_letter);
                }
                prev_letter = letter;
            }
            if openers < 3 || all_upper || letters < 10 {
                continue;
            }
            words(text, &mut ws);
            if ws.len() < 4 {
                continue;
            }
            // At least three capitals after the first word, before any
            // look-up.
            let capitalised = ws[1..]
                .iter()
                .filter(|(s, _)| s.slice(text).starts_with(char::is_uppercase))
                .count();
            if capitalised < 3 {
                continue;
            }
            let mut kinds: Vec<(Span, Kind, Option<char>)> = Vec::with_capacity(ws.len());
            let mut lower_content = false;
            for &(span, before) in &ws[1..] {
                let (skip, word) = after_elision(span.slice(text));
                let kind = classify(word);
                if kind == Kind::LowerContent {
                    lower_content = true;
                    break;
                }
                kinds.push((Span::new(span.start + skip, span.end), kind, before));
            }
            if lower_content {
                continue;
            }
            let capitals = kinds
                .iter()
                .filter(|(_, k, _)| matches!(k, Kind::Capital { .. }))
                .count();
            if capitals < 3 {
                continue;
            }
            let strong = kinds.iter().enumerate().any(|(i, (_, k, before))| match k {
                Kind::Capital { verb: true, .. } => !opens_title(*before),
                Kind::Capital {
                    grammatical: true, ..
                } => {
                    !opens_title(*before)
                        && kinds.get(i + 1).is_some_and(|(_, next, _)| {
                            matches!(
                                next,
                                Kind::Capital {
                                    grammatical: false,
                                    ..
                                }
                            )
                        })
                }
                _ => false,
            });
            // Many capitals and none a name's: English title case keeps its
            // articles and prepositions in lower case (`Maîtriser les
            // Techniques d'Analyse pour des Décisions`), and French names
            // made of common words capitalise fewer of them.
            if !strong && (capitals < MANY_CAPITALS || !english_title_shape(text, &kinds)) {
                continue;
            }
            let mut french = text.to_string();
            for (span, kind, _) in kinds.iter().rev() {
                if matches!(kind, Kind::Capital { .. }) {
                    let lower = span.slice(text).to_lowercase();
                    french.replace_range(span.start..span.end, &lower);
                }
            }
            sink.report(
                sentence.span,
                format!(
                    "title case: French capitalises only the first word and names (`{}`)",
                    french.trim_end_matches(['.', '!', '?'])
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked, run};

    #[test]
    fn flags_english_title_case() {
        assert_marked(&TitleCase, "⟦Le Maire Annonce Sa Démission⟧");
        assert_marked(
            &TitleCase,
            "⟦Un Nouveau Record Pour La Ville⟧\n\nLe texte suit.",
        );
        assert_marked(
            &TitleCase,
            "Le texte. ⟦Les Pompiers Luttent Contre Un Incendie.⟧",
        );
        let f = run(&TitleCase, "Le Maire Annonce Sa Démission");
        assert!(
            f[0].message.contains("`Le maire annonce sa démission`"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].severity, crate::rule::Severity::Error);
    }

    #[test]
    fn many_capitals_with_lower_case_articles_are_title_case() {
        assert_marked(
            &TitleCase,
            "⟦Bénéfices des Fonds : Maîtriser les Techniques d'Analyse pour des Décisions d'Investissement Rentables⟧",
        );
        // Five capitals: a long name may have as many.
        assert_clean(
            &TitleCase,
            "Ministère de l'Économie, des Finances et de la Souveraineté Industrielle et Numérique",
        );
        // Capitals as matter: an example in quotes, keywords, no article.
        for text in [
            "Exemple avant : « Texte Dans Un Champ Écrit Pour Voir », après : le reste",
            "Organisateur;Tâche;Tâches;Projets;Activités;Productivité;Plan;Planification",
            "Bénéfices Actions Maîtriser Techniques Analyse Décisions Investissement Rentables",
        ] {
            assert_clean(&TitleCase, text);
        }
    }

    #[test]
    fn leaves_french_capitalisation_and_names_alone() {
        for text in [
            "Le maire annonce sa démission",
            "Le Loup de Wall Street de Martin Scorsese",
            "Roger Monclain, Les Damnés de la Guerre, 1934.",
            "Jean-Pierre Raffarin et Dominique de Villepin à Paris",
            "La Guerre des étoiles ressort au cinéma",
            "LE MAIRE ANNONCE SA DÉMISSION",
            "She Looks Like Fun, Golden State Warriors",
            "L'ONU et l'OTAN réunis à New York",
            "Le Figaro et Le Monde publient un sondage",
        ] {
            assert_clean(&TitleCase, text);
        }
    }
}
