use crate::data;
use crate::declare_rule;
use crate::lang::french::is_french;
use crate::lang::lexicon::{Lang, zipf};
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::char_at;
use crate::text::{Token, fold};
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// Two words run together, a lowercase letter meeting a capital: `abonnésTout voir`.
    ///
    /// ## What it does
    /// Looks inside each word for a lowercase letter directly followed by a
    /// capital (`articleLire`, `magazineThe`, `ukrainiennesLe`) and checks
    /// both halves against the French and English word lists
    /// (`lang::lexicon`). It reports the pair when both halves are words:
    /// two strings of a page (a menu entry and a title, a caption and a
    /// headline) were glued when the text was extracted and a space or a
    /// line break was lost.
    ///
    /// It leaves alone what is written that way on purpose: brands and names
    /// (`iPhone`, `eBay`, `YouTube`, `McDonald`, `PlayStation`, `LinkedIn`,
    /// `DeepMind`, `MacBook`, and the names in `data/glued-words-allow.txt`),
    /// chemical formulas (`NaCl`, `CaCO3`), units (`kWh`, `MHz`, `mAh`),
    /// acronyms (`ChatGPT`, `BioNTech`), code identifiers
    /// (`getElementById`, `useState(`, a property name `messageType:`),
    /// hashtags, mentions, URLs and e-mail
    /// addresses. To that end the left half must have three letters or more;
    /// a word that starts with a capital (`DeepMind`, `GiletsJaunes`) is
    /// split only when its first half is French and its second half starts
    /// a sentence (`PolitiqueLe Sénat…`: a section label glued to a title),
    /// when it is one word of five letters or more twice (`MaisonMaison`:
    /// a breadcrumb's label doubled, the fix keeps one), or when it is a
    /// menu of three French words or more; two English
    /// halves must end in a very common English word (`magazineThe`), which
    /// identifiers rarely do.
    ///
    /// Long runs in lower case are read too: a word glued to a French word
    /// that opens a phrase (`poreuxavec`, `l'Ouestnotamment`; the words are
    /// `data/function-words.txt`, class `glue-tail-fr`), when the run as a
    /// whole is in no word list, French or English, and its first part,
    /// four letters or more, is a French word. The space was lost with an
    /// inline tag when the page was translated or extracted. An error, with
    /// the space as a fix.
    ///
    /// Severity: `error` when both halves are common French words (any
    /// reader sees the missing space), with the space as a fix; `warning`
    /// otherwise, and when the two halves, in ASCII, are common English
    /// words too (`messageType`, `dateFormat`: the shape of a code
    /// identifier a technical text names).
    ///
    /// ## Why it matters
    /// Glued words are the mark of a scraped page: a reader stops at
    /// `abonnésTout` and the spelling checker of the newsroom misses it.
    ///
    /// ## Example
    /// Bad: `Histoires réservées aux abonnésTout voir`
    ///
    /// Good: `Histoires réservées aux abonnés` (and the menu entry removed),
    /// or at least `abonnés Tout voir`.
    ///
    /// ## Known false positives
    /// Rare camel-case brands and names made of two ordinary words (add them
    /// to `data/glued-words-allow.txt`).
    pub struct GluedWords {
        id: "glued-words",
        category: Leak,
        severity: Warning,
    }
}

static ALLOW: LazyLock<HashSet<String>> = LazyLock::new(|| {
    data::GLUED_WORDS_ALLOW
        .words()
        .map(|w| fold(w).into_owned())
        .collect()
});

/// Words that start a new sentence or title, glued to a capitalised word
/// before them (a section label, a menu entry).
static SENTENCE_STARTERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    data::SENTENCE_OPENERS
        .classes(&["label", "teaser"])
        .collect()
});

/// Zipf values of a word in both languages.
#[derive(Debug, Clone, Copy)]
struct Freq {
    fr: Option<f32>,
    en: Option<f32>,
}

impl Freq {
    fn of(word: &str) -> Freq {
        Freq {
            fr: zipf(Lang::Fr, word),
            en: zipf(Lang::En, word),
        }
    }
    fn is_word(self) -> bool {
        self.fr.is_some() || self.en.is_some()
    }
    /// Known in French and more frequent there than in English.
    fn french(self) -> bool {
        match (self.fr, self.en) {
            (Some(f), Some(e)) => f > e,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

/// The whitespace-delimited chunk at `start..end` looks like a URL, an
/// address, a hashtag, a mention or code, where capitals inside words mean
/// something else.
fn is_technical(text: &str, start: usize, end: usize) -> bool {
    let chunk = &text[start..end];
    if Token::around(text, Span::new(start, end)).is_address()
        || chunk.starts_with(['#', '$', '`', '<'])
        || chunk.contains("www.")
        || chunk.contains(['_', '=', '{', '}', '`', '<', '>'])
    {
        return true;
    }
    // `messageType:`, `userId:`: a property name of JSON or YAML before its
    // value, its code formatting lost. Only ASCII camel case: a French word
    // glued to a label (`abonnésTout:`) is not taken for one.
    if let Some(key) = chunk.strip_suffix(':')
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return true;
    }
    // `obj.getElement`, `leMonde.fr`, `useState(`: a dot between letters or a
    // call.
    // Read with the two previous characters: no Vec per chunk (one per word
    // of the input was most of this rule's time).
    let (mut p0, mut p1): (Option<char>, Option<char>) = (None, None);
    for c in chunk.chars() {
        if let Some(b) = p1 {
            if b.is_alphanumeric() && c == '(' {
                return true;
            }
            if let Some(a) = p0
                && ((b == '.' && a.is_alphanumeric() && c.is_alphanumeric())
                    || (b == ':' && c == ':'))
            {
                return true;
            }
        }
        (p0, p1) = (p1, Some(c));
    }
    false
}

/// Splits a run of letters at each lowercase-to-capital transition; returns
/// byte offsets (relative to the run) of each part's start.
fn humps(run: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut prev: Option<char> = None;
    for (i, c) in run.char_indices() {
        if prev.is_some_and(char::is_lowercase) && c.is_uppercase() {
            starts.push(i);
        }
        prev = Some(c);
    }
    starts
}

fn is_title_case(part: &str) -> bool {
    let mut chars = part.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

/// What to do with a run of letters made of several parts.
struct Verdict {
    severity: Severity,
    fix: Option<String>,
}

fn judge(parts: &[&str]) -> Option<Verdict> {
    let first = parts[0];
    if first.chars().count() < 3 || !parts[1..].iter().all(|p| is_title_case(p)) {
        return None;
    }
    let capital_start = first.chars().next().is_some_and(char::is_uppercase);
    if capital_start && !is_title_case(first) {
        return None;
    }
    if !capital_start && !first.chars().all(char::is_lowercase) {
        return None;
    }
    let freqs: Vec<Freq> = parts.iter().map(|p| Freq::of(p)).collect();
    if !freqs.iter().all(|f| f.is_word()) {
        return None;
    }
    let all_french = freqs.iter().all(|f| f.french());
    if parts.len() > 2 {
        // A glued menu ("AccueilPolitiqueÉconomie"): every part a French
        // word of four letters or more; otherwise a brand or an identifier.
        if !all_french || parts.iter().any(|p| p.chars().count() < 4) {
            return None;
        }
    } else if capital_start && parts[0] == parts[1] && first.chars().count() >= 5 {
        // `MaisonMaison`, `AccueilAccueil`: one label twice (an icon's text
        // and the link's), glued when the page was extracted. No brand
        // doubles a word of five letters or more.
        let severity = if freqs[0].fr.is_some_and(|z| z >= 3.0) {
            Severity::Error
        } else {
            Severity::Warning
        };
        return Some(Verdict {
            severity,
            fix: Some(first.to_string()),
        });
    } else if capital_start {
        // `DeepMind`, `GiletsJaunes`, `CanalPlus`: names and hashtags written
        // without their `#`. A glued section label starts a sentence:
        // `PolitiqueLe Sénat adopte…`.
        if !freqs[0].french() || !SENTENCE_STARTERS.contains(parts[1]) {
            return None;
        }
    } else if !freqs[0].french() && !freqs[1].french() {
        // Two English halves: `magazineThe` yes, `getElement` no.
        if freqs[1].en.is_none_or(|z| z < 6.0) {
            return None;
        }
    }
    let common_french = all_french && freqs.iter().all(|f| f.fr.is_some_and(|z| z >= 3.0));
    // Two words English has too, in ASCII lower camel case (`messageType`,
    // `dateFormat`): also the shape of a code identifier named in a
    // technical text, so a person judges.
    let identifier = !capital_start
        && parts.len() == 2
        && parts.iter().all(|p| p.is_ascii())
        && freqs.iter().all(|f| f.en.is_some_and(|z| z >= 3.0));
    let severity = if common_french && !identifier {
        Severity::Error
    } else {
        Severity::Warning
    };
    let fix = common_french.then(|| parts.join(" "));
    Some(Verdict { severity, fix })
}

impl Rule for GluedWords {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&ALLOW);
        LazyLock::force(&GLUE_TAILS);
        LazyLock::force(&GLUE_TAIL_ENDS);
        LazyLock::force(&SENTENCE_STARTERS);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        // Whitespace-delimited chunks, read byte by byte (only non-ASCII
        // characters decoded). Only a chunk with a capital right after a
        // lowercase letter can hold a glued run: the others, most of a text,
        // are not looked at further.
        let mut chunk_start = None;
        let mut prev_lower = false;
        let mut hump = false;
        let mut i = 0;
        while i < bytes.len() {
            // ASCII answered from the byte (`char::is_whitespace` on ASCII
            // includes the vertical tab), the rest decoded.
            let b = bytes[i];
            let (white, upper, lower, len) = if b.is_ascii() {
                (
                    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
                    b.is_ascii_uppercase(),
                    b.is_ascii_lowercase(),
                    1,
                )
            } else {
                let (c, len) = char_at(text, i);
                (c.is_whitespace(), c.is_uppercase(), c.is_lowercase(), len)
            };
            if white {
                if let Some(s) = chunk_start.take() {
                    check_any_chunk(text, s, i, hump, sink);
                }
                (prev_lower, hump) = (false, false);
            } else {
                chunk_start.get_or_insert(i);
                hump |= prev_lower && upper;
                prev_lower = lower;
            }
            i += len;
        }
        if let Some(s) = chunk_start {
            check_any_chunk(text, s, text.len(), hump, sink);
        }
    }
}

/// Sends the chunk at `start..end` to the check its shape calls for: one
/// with a capital after a lowercase letter may hold camel-case runs; a long
/// one without may hold a word glued to a phrase-opening word.
fn check_any_chunk(text: &str, start: usize, end: usize, hump: bool, sink: &mut Sink<'_>) {
    if hump {
        check_chunk(text, start, end, sink);
    } else if end - start >= LOWER_GLUE_MIN_BYTES {
        check_lower_chunk(text, start, end, sink);
    }
}

/// Calls `f` with the start and end (relative to `chunk`) of each run of
/// letters in `chunk` that touches no digit: a run touching a digit is a
/// formula, a unit or a product name (`CaCO3`, `TF1Info`).
fn for_each_letter_run(chunk: &str, mut f: impl FnMut(usize, usize)) {
    let mut run_start: Option<usize> = None;
    let mut prev_digit = false;
    let mut run_after_digit = false;
    for (i, c) in chunk
        .char_indices()
        .chain(std::iter::once((chunk.len(), ' ')))
    {
        if c.is_alphabetic() {
            if run_start.is_none() {
                run_start = Some(i);
                run_after_digit = prev_digit;
            }
        } else {
            if let Some(s) = run_start.take()
                && !run_after_digit
                && !c.is_ascii_digit()
            {
                f(s, i);
            }
            prev_digit = c.is_ascii_digit();
        }
    }
}

fn check_chunk(text: &str, start: usize, end: usize, sink: &mut Sink<'_>) {
    let chunk = &text[start..end];
    if !chunk.chars().any(char::is_lowercase) || is_technical(text, start, end) {
        return;
    }
    for_each_letter_run(chunk, |s, e| check_run(text, start + s, start + e, sink));
}

/// Shortest run worth reading for a word glued to a phrase-opening word:
/// four letters, then `dans` or `avec` at least.
const LOWER_GLUE_MIN_BYTES: usize = 8;

/// French words that open a phrase and end no other French word
/// (`data/function-words.txt`, class `glue-tail-fr`).
static GLUE_TAILS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| data::FUNCTION_WORDS.class("glue-tail-fr").collect());

/// The last four bytes of each of [`GLUE_TAILS`] (every one has four at
/// least), read as a number: one comparison a word before any string is.
static GLUE_TAIL_ENDS: LazyLock<Vec<u32>> = LazyLock::new(|| {
    GLUE_TAILS
        .iter()
        .filter_map(|t| t.as_bytes().last_chunk::<4>())
        .map(|k| u32::from_le_bytes(*k))
        .collect()
});

/// Where the run splits into a word and a phrase-opening word glued to it
/// (`poreuxavec` → 6), when the run as a whole is no word of any list: the
/// space between them was lost with an inline tag or a line break.
fn lower_glue_split(run: &str) -> Option<usize> {
    if run.len() < LOWER_GLUE_MIN_BYTES {
        return None;
    }
    let tail = GLUE_TAILS.iter().find(|t| run.ends_with(**t))?;
    let split = run.len() - tail.len();
    let head = &run[..split];
    if head.chars().count() < 4 || !run.chars().skip(1).all(char::is_lowercase) {
        return None;
    }
    let french = |w: &str| zipf(Lang::Fr, w).is_some() || is_french(w);
    (french(head) && !french(run) && zipf(Lang::En, run).is_none()).then_some(split)
}

fn check_lower_chunk(text: &str, start: usize, end: usize, sink: &mut Sink<'_>) {
    let chunk = &text[start..end];
    // Most chunks end with no phrase opener: one look at the end of the
    // chunk, past its closing punctuation, before reading its runs.
    let last_word = chunk.trim_end_matches(|c: char| !c.is_alphanumeric());
    let Some(key) = last_word.as_bytes().last_chunk::<4>() else {
        return;
    };
    if !GLUE_TAIL_ENDS.contains(&u32::from_le_bytes(*key))
        || !GLUE_TAILS.iter().any(|t| last_word.ends_with(*t))
    {
        return;
    }
    let mut technical = None;
    for_each_letter_run(chunk, |s, e| {
        let run = &chunk[s..e];
        let Some(split) = lower_glue_split(run) else {
            return;
        };
        if *technical.get_or_insert_with(|| is_technical(text, start, end))
            || ALLOW.contains(&*fold(run))
        {
            return;
        }
        let span = Span::new(start + s, start + e);
        let fixed = format!("{} {}", &run[..split], &run[split..]);
        let message = format!("words run together: `{fixed}` (a space was lost)");
        sink.push(
            span,
            message,
            Severity::Error,
            Some(Edit::possible(span, fixed)),
        );
    });
}

fn check_run(text: &str, start: usize, end: usize, sink: &mut Sink<'_>) {
    let run = &text[start..end];
    // Most runs are plain words: no capital after a lowercase letter, no part
    // list to build.
    if !run
        .chars()
        .zip(run.chars().skip(1))
        .any(|(p, c)| p.is_lowercase() && c.is_uppercase())
    {
        return;
    }
    let starts = humps(run);
    if starts.len() < 2 || ALLOW.contains(&*fold(run)) {
        return;
    }
    let mut parts = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(run.len());
        parts.push(&run[s..e]);
    }
    let Some(verdict) = judge(&parts) else {
        return;
    };
    let span = Span::new(start, end);
    let message = format!(
        "words run together: `{}` (a space or a line break was lost)",
        parts.join(" ")
    );
    // A space, or a line break, or the menu entry removed: a person judges.
    let suggestion = verdict.fix.map(|r| Edit::possible(span, r));
    sink.push(span, message, verdict.severity, suggestion);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked, run};

    #[test]
    fn flags_glued_words() {
        assert_marked(&GluedWords, "Histoires réservées aux ⟦abonnésTout⟧ voir");
        assert_marked(&GluedWords, "Voir le dernier ⟦articleLire⟧ la suite");
        assert_marked(&GluedWords, "Abonnez-vous au ⟦magazineThe⟧ Angler");
        assert_marked(
            &GluedWords,
            "plusieurs régions ⟦ukrainiennesLe⟧ président russe",
        );
        assert_marked(&GluedWords, "⟦AccueilPolitiqueÉconomie⟧");
        assert_marked(&GluedWords, "⟦PolitiqueLe⟧ Sénat adopte la loi");
        assert_marked(&GluedWords, "⟦MaisonMaison⟧ > Blog > Météo");
    }

    #[test]
    fn a_doubled_label_keeps_one_copy() {
        let f = run(&GluedWords, "AccueilAccueil > Sport");
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(
            crate::rule::testing::apply_suggestions(&GluedWords, "AccueilAccueil > Sport"),
            "Accueil > Sport"
        );
        // Short doubled words are names and brands: `BonBon`, `CouCou`.
        assert_clean(&GluedWords, "BonBon, CouCou et TamTam");
    }

    #[test]
    fn leaves_brands_units_formulas_and_code_alone() {
        for text in [
            "Le nouvel iPhone et eBay, YouTube, McDonald et la PlayStation.",
            "Sur LinkedIn, DeepMind présente un MacBook.",
            "Le sel (NaCl) et le calcaire (CaCO3).",
            "Une batterie de 5000 mAh, 12 kWh, 2,4 MHz, un pH de 7.",
            "Appelez getElementById puis useState() dans le code.",
            "Un objet de type messageType: message, avec userId: 42.",
            "Le mot-dièse #JeSuisCharlie, le compte @LeMonde, www.leMonde.fr.",
            "L'appli TousAntiCovid et BlaBlaCar, LeBonCoin.",
            "Shia LaBeouf, ExxonMobil, SaskTel, NoMa, CeCe, McGregor.",
            "ChatGPT, OpenAI et BioNTech.",
            "Les GiletsJaunes, NousToutes, CanalPlus, TéléLoisirs, MontBlanc.",
            "l'ONU et d'Orsay, aujourd'hui.",
        ] {
            assert_clean(&GluedWords, text);
        }
    }

    #[test]
    fn fix_only_for_two_common_french_words() {
        let f = run(&GluedWords, "aux abonnésTout voir");
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(
            f[0].suggestion.as_ref().map(|e| e.replacement.as_str()),
            Some("abonnés Tout")
        );
        let f = run(&GluedWords, "au magazineThe Angler");
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].suggestion.is_none());
    }

    #[test]
    fn every_phrase_opener_has_four_bytes_to_compare() {
        assert_eq!(GLUE_TAIL_ENDS.len(), GLUE_TAILS.len());
    }

    #[test]
    fn a_word_glued_to_a_phrase_opener() {
        assert_marked(&GluedWords, "Le tissu est ⟦poreuxavec⟧ une finition mate.");
        assert_marked(
            &GluedWords,
            "Les orages ont frappé l'⟦Ouestnotamment⟧ la côte.",
        );
        assert_marked(&GluedWords, "Le ⟦marchédans⟧ la ville.");
        let text = "Le tissu est poreuxavec une finition mate.";
        assert_eq!(run(&GluedWords, text)[0].severity, Severity::Error);
        assert_eq!(
            crate::rule::testing::apply_suggestions(&GluedWords, text),
            "Le tissu est poreux avec une finition mate."
        );
    }

    #[test]
    fn words_and_names_ending_like_a_phrase_opener_are_left_alone() {
        for text in [
            // Words of the lexicons: `dessous`, `pourtant`, `artisans`, `désormais`.
            "Au-dessous, pourtant, les artisans travaillent désormais ensemble.",
            // Names: the first part is no French word, or too short.
            "Danvers, Sánchez, Dupuis et Nevers.",
            // An address, a part touching a digit, a hyphenated compound.
            "Voir https://exemple.fr/poreuxavec et le modèle poreuxavec2.",
            "Un sous-marin, un contre-exemple, un avant-centre.",
        ] {
            assert_clean(&GluedWords, text);
        }
    }

    #[test]
    fn an_identifier_shape_is_a_warning() {
        // Both halves French and English words, in ASCII: an identifier a
        // technical text may name (`messageType`, `dateFormat`).
        for text in [
            "Le champ messageType indique le type.",
            "La propriété dateFormat fixe le format.",
        ] {
            let f = run(&GluedWords, text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].severity, Severity::Warning, "{text}");
        }
        // French labels glued stay errors: `gratuiteAjouter`, `forfaitsTous`.
        for text in [
            "Livraison gratuiteAjouter au panier",
            "Voir nos forfaitsTous les prix",
        ] {
            let f = run(&GluedWords, text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].severity, Severity::Error, "{text}");
        }
    }
}
