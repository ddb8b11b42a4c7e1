use crate::data;
use crate::declare_rule;
use crate::lang::french::{self, Class};
use crate::lang::lexicon::{Lang, zipf};
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::{char_at, is_apostrophe, is_letter, is_word_space, is_word_space_or_tab};
use crate::text::{fold, folded_chars};
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// The same word written twice in a row: `le le`, `de de`, `the the`.
    ///
    /// ## What it does
    /// Finds a word immediately repeated, separated only by spaces or a single
    /// line break (not a blank line, which starts a new paragraph), and
    /// suggests the word once. Case does not matter (`Le le`), except that a
    /// lowercase word followed by a capitalised one is a name (`de De Gaulle`).
    ///
    /// Words French repeats on purpose are left alone: reflexive `nous nous`
    /// and `vous vous`, a gerund's `en` before the pronoun `en` (`en en
    /// ajoutant`, a present participle after, without an object of its
    /// own), answers (`si si`, `non non`, `oui oui`), onomatopoeia
    /// (`bla bla`, `tic tac`… and any word said three times or more) and
    /// names (`Bora Bora`, `Pago Pago`: both capitalised and not a common
    /// French word; `La La Land`: a function word doubled in the same
    /// capitals before a capitalised word that leans to another language). Intensifying reduplication (`très très`, `vite vite`,
    /// `beaucoup beaucoup`) is only a warning, without suggestion.
    ///
    /// It also reports a noun or an adjective repeated across a comma
    /// (`livraison rapide, rapide et gratuite`) or across `et` (`un effort
    /// intense et intense`; not a number said again: `mille et mille
    /// fois`), which machine translation leaves when it renders two English
    /// words by one French word; adverbs,
    /// interjections, verbs and names repeated that way (`vite, vite`,
    /// `allez, allez`, `non, non`), a word said three times, a repetition
    /// before `!` or `?` (speech) and a word taken up to open a relative
    /// clause (`une constatation, constatation qui…`) are left alone.
    ///
    /// ## Why it matters
    /// A doubled word is the commonest slip of editing and of machine
    /// translation that glues segments back together. Readers stumble on it.
    ///
    /// ## Example
    /// Bad: `Il a rencontré le le président.`
    ///
    /// Good: `Il a rencontré le président.`
    ///
    /// ## Known false positives
    /// Rare legitimate doubles across a clause boundary written without
    /// comma (`Ce qu'il fait fait peur`, `Ce qu'elle est est rare`): `fait`,
    /// `est`, `sont`, `a`, `ont` after a relative `que/qu'…` are skipped, other
    /// verbs are not.
    pub struct RepeatedWord {
        id: "repeated-word",
        category: Structure,
        severity: Error,
    }
}

data::word_sets! {
    /// The word lists of `data/repeated-words.txt` and the function words that
    /// are never a name.
    struct Tables {
        /// Doubled on purpose in French or English.
        deliberate: HashSet<&'static str> = REPEATED_WORDS["deliberate"],
        /// Intensifiers and adverbs doubled for emphasis in speech.
        emphatic: HashSet<&'static str> = REPEATED_WORDS["emphatic"],
        /// Function words that are never names: `Le Le` is still a slip.
        function: HashSet<&'static str> = FUNCTION_WORDS["not-a-name"],
        /// Verbs that may follow themselves after a relative `ce que…`:
        /// `ce qu'il fait fait peur`.
        relative_verbs: HashSet<&'static str> = REPEATED_WORDS["after-relative"],
    }
}

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::load);

/// Words of `text` with their byte ranges; apostrophe-elided words are split
/// after the apostrophe (`l'un` → `l'`, `un`).
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        // Letters, and hyphens inside a word; ASCII bytes are read as they
        // are, other characters decoded.
        let mut start: Option<usize> = None;
        while i < bytes.len() {
            let (c, len) = char_at(text, i);
            let at = i;
            i += len;
            if is_letter(c) || (c == '-' && start.is_some()) {
                start.get_or_insert(at);
                continue;
            }
            let Some(s) = start.take() else { continue };
            // Elision: the word ends after the apostrophe.
            let e = if is_apostrophe(c) { i } else { at };
            return Some(trimmed(text, s, e));
        }
        start.map(|s| trimmed(text, s, text.len()))
    })
}

/// `(s, e)` without trailing hyphens, which are not part of words (a word
/// starts with a letter: something is left).
fn trimmed(text: &str, s: usize, e: usize) -> (usize, usize) {
    (s, s + text[s..e].trim_end_matches('-').len())
}

fn plain_gap(gap: &str) -> bool {
    // Most gaps are one space.
    if gap == " " {
        return true;
    }
    !gap.is_empty()
        && gap
            .chars()
            .all(|c| is_word_space_or_tab(c) || c == '\n' || c == '\r')
        && gap.matches('\n').count() <= 1
}

impl Rule for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&TABLES);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // One pass over the words. They are taken in groups joined by plain
        // gaps only: a pair or a run never spans another gap, so each group
        // is checked on its own and no list of every word of the text is
        // kept. The last three words with the new one make the window of a
        // pair across a comma (the pair and a word on each side, to see a
        // litany); the few pairs that are the same word across a comma are
        // kept and looked at after the groups.
        let mut group: Vec<(usize, usize)> = Vec::new();
        let mut window: [Option<(usize, usize)>; 3] = [None; 3];
        // The pair across `et` spans three words (`intense et intense`):
        // the word before, the pair with its `et`, and the word after.
        let mut et_window: [Option<(usize, usize)>; 5] = [None; 5];
        let mut et_pairs = Vec::new();
        let mut et_pair = |w: &[Option<(usize, usize)>; 5]| {
            if let [before, Some(w1), Some(_), Some(w2), after] = *w
                && et_gap(&text[w1.1..w2.0])
                && text[w1.0..w1.1] == text[w2.0..w2.1]
            {
                et_pairs.push((before, w1, w2, after));
            }
        };
        let mut comma_pairs = Vec::new();
        let mut comma_pair = |window: &[Option<(usize, usize)>; 3], after| {
            if let [before, Some(w1), Some(w2)] = *window
                && comma_gap(&text[w1.1..w2.0])
                && text[w1.0..w1.1] == text[w2.0..w2.1]
            {
                comma_pairs.push((before, w1, w2, after));
            }
        };
        for w in words(text) {
            if let Some(&(_, end)) = group.last()
                && !plain_gap(&text[end..w.0])
            {
                check_group(text, &group, sink);
                group.clear();
            }
            group.push(w);
            comma_pair(&window, Some(w));
            window = [window[1], window[2], Some(w)];
            et_window = [
                et_window[1],
                et_window[2],
                et_window[3],
                et_window[4],
                Some(w),
            ];
            et_pair(&et_window);
        }
        check_group(text, &group, sink);
        comma_pair(&window, None);
        et_window = [et_window[1], et_window[2], et_window[3], et_window[4], None];
        et_pair(&et_window);
        for (before, w1, w2, after) in comma_pairs {
            check_comma_pair(text, before, w1, w2, after, false, sink);
        }
        for (before, w1, w2, after) in et_pairs {
            check_comma_pair(text, before, w1, w2, after, true, sink);
        }
    }
}

fn comma_gap(gap: &str) -> bool {
    matches!(gap, ", " | ",\u{a0}")
}

/// Prepositions that put each copy of a pair joined by `et` in a phrase of
/// its own when they stand on both sides: `bébés à bobos et bobos à dodos`.
const CHAIN_LINKS: &[&str] = &[
    "à", "a", "de", "d", "en", "vers", "pour", "par", "sur", "sans",
];

/// The gap of a pair joined by `et`: `intense et intense`.
fn et_gap(gap: &str) -> bool {
    matches!(gap, " et " | "\u{a0}et ")
}

/// `rapide, rapide`, `intense et intense`: a noun or an adjective repeated
/// across a comma or `et` (`by_et` says which), given the word before the
/// pair and the word after it (to see a litany).
fn check_comma_pair(
    text: &str,
    before: Option<(usize, usize)>,
    (s1, e1): (usize, usize),
    (s2, e2): (usize, usize),
    after: Option<(usize, usize)>,
    by_et: bool,
    sink: &mut Sink<'_>,
) {
    let gap = if by_et { et_gap } else { comma_gap };
    if !gap(&text[e1..s2]) {
        return;
    }
    let (a, b) = (&text[s1..e1], &text[s2..e2]);
    if a != b || a.chars().count() < 3 || a.starts_with(char::is_uppercase) {
        return;
    }
    // A part of an identifier (`prénom, nom et nom_complet`).
    if text[e2..].starts_with(['_', '-']) || text[..s1].ends_with(['_', '-']) {
        return;
    }
    // Numbers said again for a multitude (`mille et mille fois`), or a
    // unit and its compound (`mille et mille marin`).
    if by_et
        && matches!(
            a.to_lowercase().as_str(),
            "mille" | "cent" | "cents" | "million" | "millions" | "milliard" | "milliards"
        )
    {
        return;
    }
    // A chain across `et`, a preposition on both sides (`de bébés à bobos
    // et bobos à dodos`, `de ville en ville et ville en …`): each copy
    // belongs to its own phrase.
    if by_et
        && before.is_some_and(|(x, y)| CHAIN_LINKS.contains(&&*fold(&text[x..y])))
        && after.is_some_and(|(x, y)| CHAIN_LINKS.contains(&&*fold(&text[x..y])))
    {
        return;
    }
    // Three times or more: a litany (`encore, encore, encore`).
    let same = |(x1, y1): (usize, usize), (x2, y2): (usize, usize)| {
        text[x1..y1] == text[x2..y2] && (comma_gap(&text[y1..x2]) || et_gap(&text[y1..x2]))
    };
    if before.is_some_and(|w0| same(w0, (s1, e1))) || after.is_some_and(|w3| same((s2, e2), w3)) {
        return;
    }
    // Speech: `Silence, silence !`, `Vraiment, vraiment ?`.
    let rest = text[e2..].trim_start_matches(is_word_space);
    if rest.starts_with(['!', '?', '…']) || a.ends_with(is_apostrophe) {
        return;
    }
    // A word taken up to start a relative: `une constatation, constatation
    // qui…` (rhetoric, not a slip).
    let next: String = folded_chars(rest)
        .take_while(|c| c.is_alphabetic() || *c == '\'')
        .collect();
    if matches!(
        next.as_str(),
        "qui" | "que" | "qu'" | "dont" | "où" | "lequel" | "laquelle" | "lesquels" | "lesquelles"
    ) {
        return;
    }
    let folded = fold(a);
    let tables = &*TABLES;
    if tables.deliberate.contains(&*folded) || tables.emphatic.contains(&*folded) {
        return;
    }
    let Some(classes) = french::classes(a) else {
        return;
    };
    if !classes.any(&[Class::Noun, Class::Adjective])
        || classes.any(&[
            Class::Adverb,
            Class::Interjection,
            Class::Verb,
            Class::Pronoun,
            Class::Determiner,
        ])
    {
        return;
    }
    let span = Span::new(s1, e2);
    let joined = &text[s1..e2];
    let message = if by_et {
        format!("word repeated across `et`: `{joined}`")
    } else {
        format!("word repeated across a comma: `{joined}`")
    };
    sink.push(
        span,
        message,
        Severity::Error,
        Some(Edit::possible(span, a.to_string())),
    );
}

/// Checks consecutive words `ws` of `text` for repetitions.
fn check_group(text: &str, ws: &[(usize, usize)], sink: &mut Sink<'_>) {
    let mut i = 0;
    while i + 1 < ws.len() {
        let (s1, e1) = ws[i];
        let (s2, e2) = ws[i + 1];
        let a = &text[s1..e1];
        let b = &text[s2..e2];
        // Compared lowercase without building either string: most pairs
        // differ, most already by their first letter when it is ASCII (its
        // lower case is ASCII too).
        let (a0, b0) = (a.as_bytes()[0], b.as_bytes()[0]);
        if (a0.is_ascii() && b0.is_ascii() && !a0.eq_ignore_ascii_case(&b0))
            || !folded_chars(a).eq(folded_chars(b))
            || !plain_gap(&text[e1..s2])
            || a.ends_with(is_apostrophe)
        {
            i += 1;
            continue;
        }
        let folded = fold(a);
        let la: &str = &folded;
        // Three or more: onomatopoeia or a song (`la la la`).
        let mut run_end = i + 1;
        while run_end + 1 < ws.len() {
            let (s3, e3) = ws[run_end + 1];
            let (_, e_prev) = ws[run_end];
            if fold(&text[s3..e3]) == la && plain_gap(&text[e_prev..s3]) {
                run_end += 1;
            } else {
                break;
            }
        }
        if run_end > i + 1 {
            i = run_end + 1;
            continue;
        }
        i += 1;
        let single = la.chars().count() == 1;
        // Letters and initials: `le plan A a échoué`, `x x`.
        if single && (!matches!(la, "a" | "à" | "y") || a != la || b != la) {
            continue;
        }
        let tables = &*TABLES;
        if tables.deliberate.contains(la) {
            continue;
        }
        // `en en ajoutant`: the gerund's `en`, then the pronoun `en` (`by
        // adding some`).
        if la == "en" && a == b && gerund_follows(text, e2) {
            continue;
        }
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let function = tables.function.contains(la);
        // `de De Gaulle`: a name after a word.
        if cap(b) && !cap(a) {
            continue;
        }
        // `Bora Bora`, `Pago Pago`: reduplicated names are rare words;
        // `Paris Paris` is a slip.
        if cap(b) && !function && zipf(Lang::Fr, la).is_none_or(|z| z < 4.0) {
            continue;
        }
        // `La La Land`: a function word doubled in the same capitals, in a
        // title-case run that goes on in another language, is a title or a
        // band's name; `Le Le Monde` is a slip (`Monde` is French).
        if function && a == b && cap(a) && foreign_name_follows(text, e2) {
            continue;
        }
        // `Ce qu'il fait fait peur`.
        if tables.relative_verbs.contains(la) {
            let before = fold(
                &text[text[..s1]
                    .char_indices()
                    .rev()
                    .nth(30)
                    .map_or(0, |(p, _)| p)..s1],
            );
            if before.contains("que ") || before.contains("qu'") || before.contains("qui ") {
                continue;
            }
        }
        let span = Span::new(s1, e2);
        if tables.emphatic.contains(la) {
            sink.push(
                span,
                format!("`{a}` repeated: emphatic reduplication belongs to speech"),
                Severity::Warning,
                None,
            );
        } else {
            sink.push(
                span,
                format!("word repeated: `{a} {b}`"),
                Severity::Error,
                Some(Edit::certain(span, a)),
            );
        }
        i += 1;
    }
}

/// Whether the word after one space at `end` is a present participle: a
/// lower-case French word in `-ant` (`ajoutant`, `modifiant`), the verb of
/// a gerund.
fn gerund_follows(text: &str, end: usize) -> bool {
    fn next_word(rest: &str) -> Option<(&str, &str)> {
        let rest = rest.strip_prefix(|c: char| is_word_space(c))?;
        let end = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(rest.len(), |(i, _)| i);
        Some((&rest[..end], &rest[end..]))
    }
    let Some((word, after)) = next_word(&text[end..]) else {
        return false;
    };
    // An object of its own after the participle (`en en activant toutes
    // les options`, `en en ajoutant des lignes`): the pronoun has nothing
    // to stand for, the double `en` is a slip.
    let object = next_word(after).is_some_and(|(w, rest)| {
        let w = fold(w).to_string();
        let w = if matches!(w.as_str(), "tout" | "tous" | "toute" | "toutes") {
            next_word(rest).map_or(String::new(), |(w2, _)| fold(w2).to_string())
        } else {
            w
        };
        !w.is_empty()
            && (matches!(w.as_str(), "l" | "d")
                || french::classes(&w).is_some_and(|c| c.has(Class::Determiner)))
    });
    !object
        && word.chars().count() >= 5
        && word.ends_with("ant")
        && word.chars().all(char::is_lowercase)
        // The dictionary does not tag present participles: a French word
        // in `-ant` that is no noun, adverb or preposition (`enfant`,
        // `maintenant`, `avant`).
        && zipf(Lang::Fr, word).is_some()
        && french::classes(word).is_none_or(|c| {
            !c.any(&[
                Class::Noun,
                Class::Adverb,
                Class::Preposition,
                Class::Conjunction,
            ])
        })
}

/// Whether the word after one space at `end` is capitalised and leans to
/// another language than French: more frequent in English than in French,
/// or unknown to the French word list (`Land`, `Tigre` does not).
fn foreign_name_follows(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let Some(rest) = rest.strip_prefix(|c: char| is_word_space(c)) else {
        return false;
    };
    let word_end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    let word = &rest[..word_end];
    if !word.starts_with(char::is_uppercase) || word.chars().count() < 2 {
        return false;
    }
    let folded = fold(word);
    match zipf(Lang::Fr, &folded) {
        None => true,
        Some(fr) => zipf(Lang::En, &folded).is_some_and(|en| en > fr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{apply_suggestions, assert_clean, assert_fixed, assert_marked, run};

    #[test]
    fn flags_doubled_words() {
        assert_marked(
            &RepeatedWord,
            "Il a vu ⟦le le⟧ président ⟦de de⟧ la République.",
        );
        assert_marked(&RepeatedWord, "⟦Le le⟧ maire. Read ⟦the the⟧ book.");
        assert_marked(&RepeatedWord, "Il y a un ⟦doublon doublon⟧.");
        assert_marked(&RepeatedWord, "une phrase coupée ⟦de\nde⟧ travers");
        // `en en` before anything but a gerund's verb is a slip.
        assert_marked(&RepeatedWord, "Il vit ⟦en en⟧ France, ⟦en en⟧ avant.");
        // A gerund with an object of its own: the pronoun is one too many.
        assert_marked(
            &RepeatedWord,
            "Mettre à jour, ⟦en en⟧ activant toutes les options.",
        );
        assert_marked(&RepeatedWord, "l'⟦avion avion⟧ et ⟦Paris Paris⟧");
        // A doubled article before a French word or a name that is French:
        // a slip, capitals or not.
        assert_marked(
            &RepeatedWord,
            "⟦Le Le⟧ Monde a publié. Selon ⟦La La⟧ Tribune.",
        );
        assert_marked(&RepeatedWord, "⟦La La⟧ ville. Aux Jeux de ⟦La La⟧.");
    }

    #[test]
    fn suggests_one_word() {
        let f = run(&RepeatedWord, "Il a vu Le le président.");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, "Le");
        assert_fixed(
            &RepeatedWord,
            "Il a vu le le président de de la République.",
            "Il a vu le président de la République.",
        );
    }

    #[test]
    fn emphasis_is_a_warning_without_fix() {
        let f = run(&RepeatedWord, "C'est très très bien.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].suggestion.is_none());
    }

    #[test]
    fn leaves_legitimate_doubles_alone() {
        assert_clean(
            &RepeatedWord,
            "Nous nous levons, vous vous couchez, l'un l'autre.",
        );
        assert_clean(&RepeatedWord, "Bla bla, tic tac, la la la, si si, non non.");
        assert_clean(
            &RepeatedWord,
            "Le général de De Gaulle à Bora Bora et Pago Pago.",
        );
        assert_clean(&RepeatedWord, "Elle elle-même, le l'avion, A A, x x.");
        assert_clean(
            &RepeatedWord,
            "4. La La Land de Damien Chazelle (2017). Elle a vu La La Land.",
        );
        assert_clean(&RepeatedWord, "Ce qu'il fait fait peur. Ce qui est est.");
        // The gerund's `en`, then the pronoun: `by adding some`.
        assert_clean(
            &RepeatedWord,
            "Participez aux traductions en en ajoutant ou en en modifiant.",
        );
        assert_clean(&RepeatedWord, "Un titre de\n\nde nouveau.");
        assert_clean(&RepeatedWord, "Oui, oui. De, de. le-le");
        assert_clean(
            &RepeatedWord,
            "Le plan A a échoué, la vitamine A a aidé. OK OK, allô allô.",
        );
    }

    #[test]
    fn flags_a_noun_or_adjective_repeated_across_a_comma() {
        assert_marked(&RepeatedWord, "une livraison ⟦rapide, rapide⟧ et gratuite");
        assert_marked(&RepeatedWord, "un ⟦chapeau, chapeau⟧ de paille");
        let f = run(&RepeatedWord, "une livraison rapide, rapide et gratuite");
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(
            apply_suggestions(&RepeatedWord, "une livraison rapide, rapide et gratuite"),
            "une livraison rapide et gratuite"
        );
    }

    #[test]
    fn a_chain_across_et_is_no_repetition() {
        assert_clean(
            &RepeatedWord,
            "Tant de bibis à bébés et bébés à bobos, de dadas au dodo.",
        );
        assert_marked(&RepeatedWord, "Un effort ⟦intense et intense⟧ à fournir.");
    }

    #[test]
    fn flags_a_noun_or_adjective_repeated_across_et() {
        assert_marked(&RepeatedWord, "un effort ⟦intense et intense⟧, pas soulagé");
        assert_eq!(
            apply_suggestions(&RepeatedWord, "un effort intense et intense, pas soulagé"),
            "un effort intense, pas soulagé"
        );
        // Adverbs and verbs said again, a litany, different words.
        for text in [
            "Il tourne et tourne, encore et encore, plus et plus.",
            "Elle écrit, écrit et écrit sans fin.",
            "Un effort intense et soutenu.",
            "Avec prénom, nom et nom_complet, ou nom, nom-complet.",
            "Mille et mille fois merci ; en km, mille et mille marin.",
        ] {
            assert_clean(&RepeatedWord, text);
        }
    }

    #[test]
    fn leaves_repetitions_of_speech_across_a_comma_alone() {
        for text in [
            "Vite, vite, allez, allez ! Non, non, oui, oui.",
            "Silence, silence ! Encore, encore, encore.",
            "Paris, Paris ; un petit, petit village ; doucement, doucement.",
            "Il a dit rapide, puis rapide, rapide, rapide.",
            "C'est une constatation, constatation qui provoquera des frictions.",
        ] {
            assert_clean(&RepeatedWord, text);
        }
    }
}
