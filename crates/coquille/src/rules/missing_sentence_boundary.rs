use crate::data;
use crate::declare_rule;
use crate::lang::lexicon::{Lang, zipf};
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::chars::{char_at, is_apostrophe, is_horizontal_space, is_letter};
use crate::text::fold;
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// Two sentences run together without a full stop between them.
    ///
    /// ## What it does
    /// Finds a lower-case word directly followed (spaces only, same line) by
    /// a capitalised French function word that can only start a sentence
    /// (`Le`, `La`, `Les`, `L'`, `Un`, `Des`, `Il`, `Elle`, `Ce`, `C'`, `Dans`,
    /// `Pour`, `Mais`, `Selon`, `En`, `Depuis`, `Enfin`...), itself followed by
    /// a lower-case French word, a number or a comma: `régions ukrainiennes
    /// Le président russe`, `a été signé hier Le 15 mars`, `rien changé Mais,
    /// selon lui`. The openers are the `label` and `opener` classes of
    /// `data/sentence-openers-fr.txt`.
    ///
    /// Names and titles are left alone by three pieces of evidence:
    /// - the word after the capitalised one is capitalised too (`Le Monde`,
    ///   `La Haye`, `Le Pen`, `Les Républicains`, `L'Express`); single
    ///   capital letters are not openers (`le réseau A cible`);
    /// - the lower-case word cannot end a clause: an article, a preposition,
    ///   a conjunction or a name particle (`à La Rochelle`, `de La Fontaine`);
    /// - the lower-case word introduces a name or a title (`le journal`,
    ///   `le film`, `intitulé`, `baptisé`, `lu`, `a chanté`, `s'appelle`...;
    ///   these words and those of the previous point are
    ///   `data/run-on-words-fr.txt`);
    ///
    /// the lower-case word after the opener must be a French word (in the
    /// lexicon) and the one before it must not be an English word.
    ///
    /// ## Why it matters
    /// Scraped pages glue a headline to the photo caption or the first
    /// paragraph that follows it; a cut-and-paste drops a full stop. The
    /// reader stumbles on a sentence that never ends.
    ///
    /// ## Example
    /// Bad: `la situation est difficile dans plusieurs régions ukrainiennes Le président russe Vladimir Poutine assiste aux pourparlers`
    ///
    /// Good: `la situation est difficile dans plusieurs régions ukrainiennes. Le président russe Vladimir Poutine assiste aux pourparlers`
    ///
    /// ## Not flagged
    /// `selon Le Monde`, `à La Haye`, `les électeurs de La France insoumise`,
    /// `le roman La Peste`, `intitulé Les feux de l'automne`, a new line
    /// between the two words (titles on their own line), a placeholder
    /// before the capital (`%s Vous pouvez`: the program's text goes there).
    ///
    /// ## Known false positives
    /// A title of a work whose second word is lower case, written without
    /// quotes after a word that does not announce it (`elle a adoré La
    /// guerre des mondes`). Quote titles: `« La guerre des mondes »`.
    ///
    /// A capital put by mistake on a word inside a sentence (`si vous La
    /// désirez`, an OCR error) is reported too: the message offers both
    /// readings.
    ///
    /// ## Not flagged (known misses)
    /// A sentence that ends with a capitalised word (`en Ukraine Le
    /// président`: names such as `Kim Jong Il` look the same) or that starts
    /// with a name (`rejetées Blanche Maupas avait`).
    pub struct MissingSentenceBoundary {
        id: "missing-sentence-boundary",
        category: Structure,
        severity: Warning,
    }
}

data::word_sets! {
    /// The openers, the words after which a capital does not open a
    /// sentence, and the elided words.
    struct Tables {
        openers: HashSet<&'static str> = SENTENCE_OPENERS["label", "opener"],
        elided: HashSet<&'static str> = FUNCTION_WORDS["elided"],
    }
}

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::load);
static BLOCKERS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| data::RUN_ON_WORDS.words().collect());

fn is_word_char(c: char) -> bool {
    is_letter(c)
}

fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || c == '-'
}

/// A word of the text: letters, with apostrophes and hyphens inside.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

/// Every word of `text` in order, with the bytes between consecutive words
/// available through the spans.
fn words(text: &str) -> impl Iterator<Item = Word> + '_ {
    let mut start: Option<usize> = None;
    // Read byte by byte, non-ASCII characters decoded (`char_at`).
    let mut i = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        while i < text.len() {
            let (c, len) = char_at(text, i);
            let at = i;
            i += len;
            if is_word_char(c) {
                if start.is_none() {
                    start = Some(at);
                }
                continue;
            }
            if let Some(s) = start {
                // An apostrophe or hyphen between letters stays inside the word;
                // a final apostrophe too (`L'`, `qu'`).
                let next_is_letter = i < text.len() && is_word_char(char_at(text, i).0);
                if is_joiner(c) && next_is_letter {
                    continue;
                }
                start = None;
                let end = if is_apostrophe(c) { i } else { at };
                return Some(Word { start: s, end });
            }
        }
        if done {
            return None;
        }
        done = true;
        start.take().map(|s| Word {
            start: s,
            end: text.len(),
        })
    })
}

fn starts_lowercase(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_lowercase)
}

fn all_lowercase(w: &str) -> bool {
    !w.chars().any(char::is_uppercase)
}

/// `w` can follow a sentence opener: a lower-case French word (`président`),
/// or an elided word before anything (`l'Insee`, `qu'il`).
fn lowercase_follower(w: &str) -> bool {
    if !starts_lowercase(w) {
        return false;
    }
    if let Some(i) = w.find(is_apostrophe) {
        let head = &w[..i];
        if all_lowercase(head) && TABLES.elided.contains(head) {
            return true;
        }
    }
    all_lowercase(w) && is_french(w)
}

/// `w` is a French word: in the lexicon, or an elided form whose parts are.
fn is_french(w: &str) -> bool {
    if zipf(Lang::Fr, w).is_some() {
        return true;
    }
    match w.find(is_apostrophe) {
        Some(i) => {
            let rest = &w[i + w[i..].chars().next().map_or(1, char::len_utf8)..];
            !rest.is_empty() && zipf(Lang::Fr, rest).is_some()
        }
        None => false,
    }
}

fn only_horizontal_space(s: &str) -> bool {
    !s.is_empty() && s.chars().all(is_horizontal_space)
}

impl Rule for MissingSentenceBoundary {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&TABLES);
        LazyLock::force(&BLOCKERS);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        // Line by line: the two sentences must share a line, and the word
        // list stays small on large inputs.
        let mut offset = 0;
        for line in ctx.text().split_inclusive('\n') {
            check_line(line, offset, sink);
            offset += line.len();
        }
    }
}

/// Checks one line of the input that starts at byte `offset`.
fn check_line(text: &str, offset: usize, sink: &mut Sink<'_>) {
    let tables = &*TABLES;
    // Three words at a time from a stream: a long line keeps no word list.
    let mut ws = words(text).peekable();
    let Some(mut prev) = ws.next() else {
        return;
    };
    while let Some(w2) = ws.next() {
        let w1 = std::mem::replace(&mut prev, w2);
        let second = &text[w2.start..w2.end];
        // Cheap filter first: the second word must start with a capital.
        if !second.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        if !only_horizontal_space(&text[w1.end..w2.start]) {
            continue;
        }
        // The opener and what follows it: the rest of an elided word
        // (`L'inflation`), or the next word on the same line.
        let elided = second
            .find(is_apostrophe)
            .map(|i| i + second[i..].chars().next().map_or(1, char::len_utf8))
            .filter(|&i| i < second.len() && tables.openers.contains(&second[..i]));
        let (opener, third): (&str, Option<&str>) = match elided {
            Some(i) => (&second[..i], Some(&second[i..])),
            None => {
                let next = ws.peek().and_then(|w3| {
                    only_horizontal_space(&text[w2.end..w3.start]).then(|| &text[w3.start..w3.end])
                });
                (second, next)
            }
        };
        if !tables.openers.contains(opener) {
            continue;
        }
        // A new sentence goes on with a lower-case word (`Le président`),
        // a number (`Le 15 mars`, `En 2007`) or a comma (`Mais, en`);
        // a name goes on with a capital (`Le Monde`).
        let after_opener = &text[w2.start + opener.len()..];
        let follows = if elided.is_some() {
            third.is_some_and(lowercase_follower)
        } else if after_opener.starts_with(',') {
            true
        } else {
            let rest = after_opener.trim_start_matches(is_horizontal_space);
            rest.len() < after_opener.len()
                && (rest.starts_with(|c: char| c.is_ascii_digit())
                    || third.is_some_and(|t| rest.starts_with(t) && lowercase_follower(t)))
        };
        if !follows {
            continue;
        }
        let first = &text[w1.start..w1.end];
        if !starts_lowercase(first) || !all_lowercase(first) {
            continue;
        }
        // The first word must not be glued to something before it: a
        // digit, a dot (`www.exemple`), a slash; nor be a placeholder
        // (`%s Vous`, `{name} Le`), whose text may end its own sentence.
        if text[..w1.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '/' | '_' | '@' | '%' | '{'))
        {
            continue;
        }
        let lower_first = fold(first);
        // `s'appelle`, `l'intitulé`: the word after the elision counts too.
        let after_elision = lower_first.rsplit('\'').next().unwrap_or("");
        if BLOCKERS.contains(&*lower_first)
            || BLOCKERS.contains(after_elision)
            || lower_first.ends_with('\'')
        {
            continue;
        }
        // A French word, or at least not an English one (rare French
        // words are missing from the lexicon: `charniers`, `bloggeurs`).
        if !is_french(first) && zipf(Lang::En, first).is_some() {
            continue;
        }
        let span = Span::new(offset + w1.start, offset + w2.start + opener.len());
        sink.report(
                span,
                format!(
                    "two sentences seem to run together: a full stop is probably missing between “{first}” and “{opener}” (or “{opener}” should be lower case)"
                ),
            );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked};

    #[test]
    fn warm_up_loads_the_tables() {
        MissingSentenceBoundary.warm_up();
        assert!(TABLES.openers.contains("Le"));
        assert!(BLOCKERS.contains("selon"));
    }

    #[test]
    fn flags_a_headline_glued_to_a_caption() {
        assert_marked(
            &MissingSentenceBoundary,
            "la situation est extrêmement difficile dans plusieurs régions \
             ⟦ukrainiennes Le⟧ président russe Vladimir Poutine et le président biélorusse",
        );
    }

    #[test]
    fn flags_other_openers() {
        assert_marked(
            &MissingSentenceBoundary,
            "Le gouvernement a annoncé des mesures ⟦nouvelles Il⟧ a précisé que rien ne changerait.",
        );
        assert_marked(
            &MissingSentenceBoundary,
            "Les prix ont encore augmenté ce ⟦mois L'⟧inflation atteint un record.",
        );
        assert_marked(
            &MissingSentenceBoundary,
            "Les secours sont arrivés très ⟦rapidement Selon⟧ les pompiers, personne n'a été blessé.",
        );
    }

    #[test]
    fn flags_numbers_commas_and_elisions_after_the_opener() {
        assert_marked(
            &MissingSentenceBoundary,
            "le ministère refusait d'examiner le ⟦dossier Le⟧ 26 mars 1922, il fut rejeté.",
        );
        assert_marked(
            &MissingSentenceBoundary,
            "cela va être un peu ⟦différent Mais⟧, en rupture avec sa rhétorique",
        );
        assert_marked(
            &MissingSentenceBoundary,
            "la possibilité d'envoyer des mails depuis ⟦l'avion C'⟧est parfois utile.",
        );
    }

    #[test]
    fn leaves_names_and_titles_alone() {
        for text in [
            "C'est ce que rapporte Le Monde dans son édition de mardi.",
            "La Cour siège à La Haye depuis 1945.",
            "Une victoire pour Les Républicains aux élections.",
            "Il a lu Les Misérables cet été.",
            "Elle a vu le film La guerre des boutons hier soir.",
            "Un roman intitulé Les feux de l'automne est paru.",
            "La ville de La Rochelle accueille le festival.",
            "Une interview accordée à L'Express mardi.",
            "Les électeurs de La France insoumise ont voté.",
            "Il a répondu au journal Le Parisien.",
            "Les propos de Marine Le Pen ont choqué.",
            "Le réseau A cible Taïwan et la vitamine D est utile.",
            "Une interview de D'Artagnan et des salariés de L'Oréal sont là.",
            "Il a joué dans la pièce En attendant Godot.",
            "Elle a chanté La vie en rose puis a repris Les feuilles mortes.",
            "Ce groupe s'appelle Les enfants du pays.",
        ] {
            assert_clean(&MissingSentenceBoundary, text);
        }
    }

    #[test]
    fn leaves_line_breaks_and_punctuation_alone() {
        assert_clean(
            &MissingSentenceBoundary,
            "Poutine visite la Biélorussie\nLe président russe est arrivé lundi.",
        );
        assert_clean(
            &MissingSentenceBoundary,
            "Il l'a dit : Le président est parti. Puis, Il est revenu.",
        );
        assert_clean(
            &MissingSentenceBoundary,
            "Voir www.exemple.fr Le site est fermé.",
        );
        // A placeholder: the program's text, which may end its sentence.
        assert_clean(
            &MissingSentenceBoundary,
            "%s Vous devrez peut-être installer le greffon. {nom} Le fichier est prêt.",
        );
        assert_marked(
            &MissingSentenceBoundary,
            "Le greffon est ⟦absent Vous⟧ devrez peut-être l'installer.",
        );
    }
}
