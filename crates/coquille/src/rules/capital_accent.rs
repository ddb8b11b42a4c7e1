use crate::data;
use crate::declare_rule;
use crate::lang::lexicon::{Lang, zipf};
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::chars::{NBSP, char_at, is_letter, is_word_space, is_word_space_or_tab};
use crate::text::fold;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

declare_rule! {
    /// A capital letter that lost its accent: `A lire aussi`, `Etat`, `Ecole`, `CA VA`.
    ///
    /// ## What it does
    /// Finds capitalised words whose initial accent was dropped (`Etat`, `Etats-Unis`,
    /// `Ecole`, `Egypte`, `Eglise`, `Ile`, from the list in `data/capital-accent.txt`, also
    /// in capitals inside a run of capitals: `ETATS-UNIS`), the preposition `à` written `A`
    /// at the start of a sentence, a line, a quotation or a dash (`A lire aussi`,
    /// `A partir de`, `A Paris`) and `Ça` written `Ca`/`CA` (`CA VA`). The suggestion is
    /// the accented form.
    ///
    /// ## Why it matters
    /// French keeps accents on capitals (Académie française, Imprimerie nationale).
    /// Dropped accents come from typewriter habits, English keyboards and machine
    /// translation; `A` for `À` can even change the meaning (`A` is a letter, a note,
    /// a category).
    ///
    /// ## Example
    /// Bad: `A lire aussi : le budget de l'Etat.`
    ///
    /// Good: `À lire aussi : le budget de l'État.`
    ///
    /// ## Not flagged
    /// `A` as a letter, a note or a name (`la note A`, `plan A`, `catégorie A`, `A4`,
    /// `A et B`, `A. Dupont`), Latin locutions (`A priori`, `A fortiori`, `A contrario`),
    /// English titles (`A Beautiful Mind`), given names whose bearers often write them
    /// without accent (`Eric`, `Emile`, `Etienne`), acronyms in capitals (`CA` alone).
    ///
    /// ## Known false positives
    /// A proper name that happens to be an entry of the list without its accent (a brand
    /// `Elan`, a village spelt `Etang`): rare, and the rule is only an `info`.
    ///
    /// ## Severity
    /// `info`: many careful French writers and publications leave capitals without
    /// accents on purpose. On real text none of its findings lay on a marked defect:
    /// 10 in careful French from the web (`eval/clean-web`), 1 outside the annotation of
    /// machine-translated pages (`eval/mt`), 44 in the careful newswire of PUD and
    /// Sequoia (`notes/issue-11-score.md`). A house style that wants accents sets it to
    /// `warning` in `[severity]`.
    pub struct CapitalAccent {
        id: "capital-accent",
        category: Typography,
        severity: Info,
    }
}

/// Unaccented title-case or capitals form → accented form.
static WORDS: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for (bare, accented) in data::CAPITAL_ACCENT.pairs() {
        map.insert(bare.to_string(), accented.to_string());
        if bare.chars().count() >= 4 {
            map.insert(bare.to_uppercase(), accented.to_uppercase());
        }
    }
    map
});

data::word_sets! {
    /// The word lists of `data/capital-a-cues-fr.txt` and the French words that
    /// introduce a noun.
    struct Cues {
        /// Words after which a sentence-initial `A` is a letter or a name, not `à`.
        letter_before: HashSet<&'static str> = CAPITAL_A_CUES["letter-before"],
        /// Latin locutions written with a bare `a`.
        latin: HashSet<&'static str> = CAPITAL_A_CUES["latin"],
        /// Past participles that follow the verb `a` but never the preposition `à`.
        participles: HashSet<&'static str> = CAPITAL_A_CUES["participle"],
        /// Words after `Ca` that show it is `Ça`.
        ca_next: HashSet<&'static str> = CAPITAL_A_CUES["ca-next"],
        /// French words that may precede an entry that is also an English word
        /// (`l'Education`, `une Edition`), telling it is French.
        french_before: HashSet<&'static str> = FUNCTION_WORDS["noun-introducer-fr"],
    }
}

static CUES: LazyLock<Cues> = LazyLock::new(Cues::load);

/// True when the word at `start..end` sits in a URL, an address or a file name.
fn in_identifier(text: &str, start: usize, end: usize) -> bool {
    let prev = text[..start].chars().next_back();
    let mut after = text[end..].chars();
    let next = after.next();
    let next2 = after.next();
    matches!(prev, Some('@' | '/' | '.' | '_' | '\\' | '#' | '=' | '&'))
        || matches!(next, Some('@' | '/' | '_' | '\\' | '='))
        || (next == Some('.') && next2.is_some_and(char::is_alphanumeric))
        || prev.is_some_and(|p| p.is_ascii_digit())
        || next.is_some_and(|n| n.is_ascii_digit())
}

/// The previous non-space character says a sentence, a line, a quotation or an
/// incise starts here.
fn starts_unit(text: &str, start: usize) -> (bool, Option<char>) {
    let before = text[..start].trim_end_matches(is_word_space_or_tab);
    match before.chars().next_back() {
        None | Some('\n' | '\r') => (true, None),
        Some(c @ ('.' | '!' | '?' | '…' | '«' | '“' | '"' | '(' | '—' | '–' | ':' | '|' | '>')) => {
            (true, Some(c))
        }
        Some(c) => (false, Some(c)),
    }
}

/// The word following position `pos` (after one space), if any.
fn next_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let rest = &text[pos..];
    let mut chars = rest.chars();
    let sp = chars.next()?;
    if !is_word_space(sp) {
        return None;
    }
    let wstart = pos + sp.len_utf8();
    let w = &text[wstart..];
    let wend = w.find(|c: char| !c.is_alphabetic()).unwrap_or(w.len());
    if wend == 0 {
        return None;
    }
    Some((wstart, &w[..wend]))
}

fn check_a(text: &str, start: usize, sink: &mut Sink<'_>) {
    let end = start + 1;
    let (unit, prev) = starts_unit(text, start);
    if !unit {
        return;
    }
    // `A.` `A,` `A-` `A4`, `A'`: initials, letters, paper sizes.
    let Some((wstart, word)) = next_word(text, end) else {
        // `A 20 ans`, `A 18 heures`: a number then a lower-case word.
        let rest = text[end..].trim_start_matches(is_word_space);
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        let after = rest[digits..].trim_start_matches(is_word_space);
        if digits > 0
            && rest.len() > digits
            && rest[digits..].starts_with(is_word_space)
            && after.chars().next().is_some_and(char::is_lowercase)
        {
            let w: &str = after
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            if CUES.letter_before.contains(w) {
                return; // `A 380 et A 350`
            }
            sink.report_suggestion(
                Span::new(start, end),
                "the preposition `à` keeps its accent on a capital: `À`",
                "À",
            );
        }
        return;
    };
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return;
    }
    let lower = fold(word);
    if lower == "n" || lower == "ne" {
        // `A n'est pas B` (a letter) but `À n'en plus pouvoir`.
        let after = text[wstart + word.len()..].trim_start_matches(['\'', '’', ' ']);
        let verb = after
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if matches!(
            verb,
            "est" | "était" | "a" | "avait" | "sont" | "y" | "vaut"
        ) {
            return;
        }
    }
    if CUES.latin.contains(&*lower) || CUES.letter_before.contains(&*lower) {
        return;
    }
    // `A reçu`, `A qualifié`: the verb `a` of a fragment (`[Il] a reçu`), not `à`.
    if is_past_participle(&lower) {
        return;
    }
    let first_upper = word.chars().next().is_some_and(char::is_uppercase);
    if first_upper {
        // `A Beautiful Mind`: an English title, not `À`.
        let en = zipf(Lang::En, word).unwrap_or(0.0);
        let fr = zipf(Lang::Fr, word).unwrap_or(0.0);
        if en > fr + 0.5 {
            return;
        }
        // All capitals (`A B C`, `A NOUS`): only after a line or quotation start.
        if word.chars().all(|c| !c.is_lowercase()) && prev == Some(':') {
            return;
        }
    } else if prev == Some(':') && zipf(Lang::Fr, word).is_none() {
        return;
    }
    // `A` may still be a letter or a name the rule does not know: a person
    // judges.
    sink.report_suggestion(
        Span::new(start, end),
        "the preposition `à` keeps its accent on a capital: `À`",
        "À",
    );
}

/// Past participles that follow the verb `a` but never the preposition `à`.
fn is_past_participle(w: &str) -> bool {
    if CUES.participles.contains(w) {
        return true;
    }
    let stem_ok = w.chars().count() >= 4 && !matches!(w, "côté" | "côtés" | "l'été");
    stem_ok && (w.ends_with('é') || w.ends_with("ée") || w.ends_with("és") || w.ends_with("ées"))
}

/// An entry that is also a common English word (`Edition`, `Education`) right after a
/// word that is not French (`Beirut Edition`) is left alone.
fn english_context(text: &str, start: usize, word: &str) -> bool {
    if zipf(Lang::En, word).unwrap_or(0.0) < 3.5 {
        return false;
    }
    let before = text[..start].trim_end_matches([' ', '\'', '’', NBSP, '(']);
    let prev: &str = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if prev.is_empty() {
        return false; // start of a line or after punctuation
    }
    !CUES.french_before.contains(&*fold(prev))
        && zipf(Lang::En, prev).unwrap_or(0.0) >= zipf(Lang::Fr, prev).unwrap_or(0.0)
}

/// `Ca va`, `CA VA`, `Ca y est`: `Ça`.
fn check_ca(text: &str, start: usize, word: &str, sink: &mut Sink<'_>) {
    let Some((_, next)) = next_word(text, start + word.len()) else {
        return;
    };
    let caps = word == "CA";
    let next_ok = if caps {
        next.chars().all(|c| !c.is_lowercase()) && CUES.ca_next.contains(&*fold(next))
    } else {
        CUES.ca_next.contains(next)
    };
    if !next_ok {
        return;
    }
    let fix = if caps { "ÇA" } else { "Ça" };
    sink.report_fix(
        Span::new(start, start + word.len()),
        format!("`{word}` lost its cedilla: `{fix}`"),
        fix,
    );
}

/// Is the word at `start..end` inside a run of capitals (a headline in capitals)?
fn in_capitals_run(text: &str, start: usize, end: usize) -> bool {
    let is_caps_word = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase())
    };
    let before = text[..start].trim_end_matches([' ', '-', NBSP]);
    let prev_word: &str = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let after = text[end..].trim_start_matches([' ', '-', NBSP]);
    let next_word: &str = after
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    is_caps_word(prev_word) || is_caps_word(next_word)
}

impl Rule for CapitalAccent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&WORDS);
        LazyLock::force(&CUES);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // Runs of letters (`is_letter`) that start with `A`, `E`, `I`, `O`
        // or `C`: only those bytes are looked at, each a word's start when
        // no letter comes before it.
        let bytes = text.as_bytes();
        let mut from = 0;
        while let Some(k) = bytes[from..]
            .iter()
            .position(|b| matches!(b, b'A' | b'E' | b'I' | b'O' | b'C'))
        {
            let start = from + k;
            from = start + 1;
            if text[..start].chars().next_back().is_some_and(is_letter) {
                continue;
            }
            let mut i = from;
            while i < text.len() {
                let (n, len) = char_at(text, i);
                if !is_letter(n) {
                    break;
                }
                i += len;
            }
            let end = i;
            from = end;
            let word = &text[start..end];
            if in_identifier(text, start, end) {
                continue;
            }
            if word == "A" {
                check_a(text, start, sink);
                continue;
            }
            if word == "Ca" || word == "CA" {
                check_ca(text, start, word, sink);
                continue;
            }
            let Some(accented) = WORDS.get(word) else {
                continue;
            };
            let caps = word.chars().skip(1).any(char::is_uppercase);
            if !caps && english_context(text, start, word) {
                continue;
            }
            if caps && !in_capitals_run(text, start, end) {
                continue;
            }
            sink.report_fix(
                Span::new(start, end),
                format!("accent dropped from the capital: `{accented}`"),
                accented.clone(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_fixed, assert_marked, run};

    #[test]
    fn flags_a_for_a_grave() {
        assert_marked(&CapitalAccent, "⟦A⟧ lire aussi | Les travaux de Banksy");
        assert_marked(&CapitalAccent, "Il est parti. ⟦A⟧ partir de demain, rien.");
        assert_marked(&CapitalAccent, "⟦A⟧ Paris, il pleut. ⟦A⟧ 20 ans, il part.");
        assert_marked(&CapitalAccent, "—\u{a0}⟦A⟧ n’en plus pouvoir");
        assert_marked(&CapitalAccent, "« ⟦A⟧ bientôt », dit-il.");
    }

    #[test]
    fn flags_dropped_accents() {
        assert_marked(&CapitalAccent, "Le budget de l’⟦Etat⟧ et les ⟦Etats⟧-Unis.");
        assert_marked(
            &CapitalAccent,
            "L'⟦Ecole⟧ normale, l'⟦Eglise⟧ et l'⟦Egypte⟧.",
        );
        assert_marked(&CapitalAccent, "⟦CA⟧ VA BIEN ; ⟦Ca⟧ va.");
        assert_marked(&CapitalAccent, "LES ⟦ETATS⟧-UNIS");
    }

    #[test]
    fn suggests_the_accented_form() {
        let f = run(&CapitalAccent, "A lire aussi : l'Etat.");
        let fixes: Vec<&str> = f
            .iter()
            .map(|f| f.suggestion.as_ref().unwrap().replacement.as_str())
            .collect();
        assert_eq!(fixes, vec!["À", "État"]);
        // `A` may be a letter the rule does not know: only the accent of a
        // listed word is certain.
        let certain: Vec<bool> = f
            .iter()
            .map(|f| f.suggestion.as_ref().unwrap().certain)
            .collect();
        assert_eq!(certain, [false, true]);
        assert_fixed(
            &CapitalAccent,
            "A lire aussi : l'Etat. CA VA.",
            "A lire aussi : l'État. ÇA VA.",
        );
    }

    #[test]
    fn leaves_letters_names_and_locutions_alone() {
        assert_clean(
            &CapitalAccent,
            "Il a eu la note A. Le plan A reste valable.",
        );
        assert_clean(&CapitalAccent, "Une feuille A4, la catégorie A, de A à Z.");
        assert_clean(&CapitalAccent, "A 380 et A 4. A+ ou A-. Vitamine A.");
        assert_clean(&CapitalAccent, "A priori, nul ne peut y parvenir.");
        assert_clean(&CapitalAccent, "A et B sont deux points. A est le premier.");
        assert_clean(
            &CapitalAccent,
            "A. Dupont et Eric Martin, Emile et Etienne.",
        );
        assert_clean(&CapitalAccent, "Il a vu A Beautiful Mind hier.");
        assert_clean(&CapitalAccent, "Le CA de l'entreprise, le CA du club.");
        assert_clean(&CapitalAccent, "Voir www.Etat.fr et ETAT en sigle.");
        assert_clean(&CapitalAccent, "L'État, l'École, l'Égypte.");
        assert_clean(
            &CapitalAccent,
            "\"A reçu la bénédiction\", \"A qualifié les maçons\"",
        );
        assert_clean(
            &CapitalAccent,
            "Extreme Makeover- Beirut Edition. Drinking From Home.",
        );
    }
}
