use crate::declare_rule;
use crate::lang::french;
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::split::is_abbreviation;
use crate::text::chars::{
    char_at, is_apostrophe, is_closing_bracket, is_closing_quote, is_inline_space,
};
use crate::text::{RegionKind, Tokens, is_code_pair_colon};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Where a glued mark is not prose: markup, code, addresses, file names
/// ([`RegionKind::NOT_PROSE`]) and character entities (`&amp;nbsp;`).
const SKIPPED: [RegionKind; 7] = {
    let [a, b, c, d, e, f] = RegionKind::NOT_PROSE;
    [a, b, c, d, e, f, RegionKind::Entity]
};

declare_rule! {
    /// A space missing after punctuation (`oui,mais`, `Bravo !que`, `fin.Le début`, `2)Quels`) or before a list number (`Porto1. Visitez`).
    ///
    /// ## What it does
    /// Reports a word glued to the punctuation mark before it, and suggests
    /// the space:
    /// - after `,` `;` `:` between two words (`oui,mais` → `oui, mais`),
    ///   and after a colon spaced on its left only (`critères :une` →
    ///   `critères : une`);
    /// - after `!` `?` `…` before a word or an opening bracket (`Bravo
    ///   !que`, `espace ?(oui ou non)`, `croit…fort`);
    /// - after a full stop between two French words (`fin.Le début`,
    ///   `et.d’un`), not after an abbreviation or an initial;
    /// - after a closing bracket before a capitalised word (`2)Quels`).
    ///
    /// It also reports a list number glued to the word before it, the line
    /// break of a list lost (`Porto1. Visitez`), without suggestion.
    ///
    /// ## Why it matters
    /// French, like English, puts a space after these marks. A missing one
    /// glues two words into one for the reader, the spelling checker and the
    /// search engine; it is left by careless typing, by a CMS that joins
    /// fields, or by a translation engine that lost the markup around a
    /// list.
    ///
    /// ## Example
    /// Bad: `oui,mais non. Bravo !que la fête commence.2)Quels horaires ?`
    ///
    /// Good: `oui, mais non. Bravo ! que la fête commence. 2) Quels horaires ?`
    ///
    /// ## Not flagged
    /// URLs, e-mail addresses, domain and file names, code, entities and
    /// numbers (`3,5`, `12:30`, `www.x.fr`, `Node.js`, `&amp;`), an exchange
    /// and a ticker (`NYSE:SNAP`), dotted
    /// abbreviations and initials (`J.-C.`, `p.ex.`, `U.S.A.`), emoticons
    /// (`:D`, `mdr :p`), emoji shortcodes (`bravo :smile:`), single letters
    /// (`x,y`, `C:Windows`, `C :Windows`), capitals on both sides
    /// of a colon (`CS:GO`), names with an
    /// exclamation mark (`Yahoo!Mail`), inclusive writing (`ami(e)s`), a
    /// bracketed prefix (`(Dés)Activer`).
    ///
    /// ## Known false positives
    /// Identifiers and code written in running text without backticks
    /// (`fichier.Ouvrir`).
    pub struct MissingSpaceAfterPunctuation {
        id: "missing-space-after-punctuation",
        category: Punctuation,
        severity: Error,
    }
}

static EXCLAMATION_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    crate::data::NAMES_WITH_EXCLAMATION
        .words()
        .map(|l| l.trim_end_matches('!'))
        .collect()
});

/// The letters (with inner apostrophes and hyphens) right after `pos`.
fn word_after(text: &str, pos: usize) -> &str {
    let rest = &text[pos..];
    let mut end = 0;
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_alphabetic() {
            end = i + c.len_utf8();
        } else if (is_apostrophe(c) || c == '-')
            && chars.peek().is_some_and(|(_, n)| n.is_alphabetic())
        {
            continue;
        } else {
            break;
        }
    }
    &rest[..end]
}

/// The letters (with inner apostrophes and hyphens) right before `pos`.
fn word_before(text: &str, pos: usize) -> &str {
    let before = &text[..pos];
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || is_apostrophe(c) || c == '-')
        .last()
        .map_or(pos, |(i, _)| i);
    before[start..].trim_start_matches(|c: char| !c.is_alphabetic())
}

/// `critères majeurs :une fatigue`: the French space before the colon is
/// there, the one after it is not. The word before must be a French word of
/// two letters or more (not `C :` nor a code), the word after a French word
/// in lower case (no emoticon `:D`, no `:smile:` shortcode).
fn spaced_colon_glued(text: &str, i: usize, followed: &str) -> bool {
    let before = text[..i].trim_end_matches(is_inline_space);
    let word = word_before(text, before.len());
    if letters(word) < 2 || !before.ends_with(word) || !is_french(word) {
        return false;
    }
    let after = &text[i + 1..];
    letters(followed) >= 2
        && followed.starts_with(char::is_lowercase)
        && is_french_start(followed)
        && !after[followed.len()..].starts_with(':')
}

/// Everything before `pos` back to the previous white space, at most 64
/// bytes (a longer token is no word).
fn chunk_before(text: &str, pos: usize) -> &str {
    let mut from = pos.saturating_sub(64);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..pos];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

/// A French word, or a hyphenated form whose first part is one
/// (`Acceptez-vous`).
fn is_french(word: &str) -> bool {
    french::classes_any_case(word).is_some()
        || word
            .split_once('-')
            .is_some_and(|(first, _)| french::classes_any_case(first).is_some())
}

/// Two capitals or more: an acronym (`ASP`, `NET`).
fn is_acronym(word: &str) -> bool {
    word.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// A French word, or an elided article or pronoun before its apostrophe
/// (`d’un`, `l'an`).
fn is_french_start(word: &str) -> bool {
    if is_french(word) {
        return true;
    }
    match word.char_indices().find(|&(_, c)| is_apostrophe(c)) {
        Some((i, _)) => matches!(
            word[..i].to_lowercase().as_str(),
            "l" | "d" | "j" | "m" | "n" | "s" | "t" | "c" | "qu" | "jusqu" | "lorsqu" | "puisqu"
        ),
        None => false,
    }
}

/// Whether `chunk` (the text before a `)`, back to the white space) is an
/// opening bracket and a few letters only: an optional prefix of the word
/// after it (`(Dés)Activer`, `(Re)Démarrer`), which toggles the word; no
/// aside ends there.
fn bracketed_prefix(chunk: &str) -> bool {
    chunk.strip_prefix('(').is_some_and(|inner| {
        (1..=4).contains(&inner.chars().count()) && inner.chars().all(char::is_alphabetic)
    })
}

fn letters(word: &str) -> usize {
    word.chars().filter(|c| c.is_alphabetic()).count()
}

impl Rule for MissingSpaceAfterPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let regions = ctx.doc.regions();
        let mut tokens = Tokens::new(text);
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate() {
            // Only the marks below and ASCII digits start anything: every
            // other byte is skipped undecoded but 0xE2, which may start `…`
            // (a lead byte, so `i` is a character boundary).
            if !matches!(
                b,
                b',' | b';' | b':' | b'.' | b'!' | b'?' | b')' | b'0'..=b'9' | 0xE2
            ) {
                continue;
            }
            let c = char_at(text, i).0;
            let after = i + c.len_utf8();
            let Some(next) = text[after..].chars().next() else {
                continue;
            };
            // Only a mark followed by a letter (or a bracket, after `!?…`).
            let candidate = match c {
                ',' | ';' | ':' | '.' => next.is_alphabetic(),
                '!' | '?' | '…' => next.is_alphabetic() || next == '(',
                ')' => next.is_uppercase(),
                _ => {
                    if c.is_ascii_digit() {
                        self.glued_list_number(ctx, i, sink);
                    }
                    continue;
                }
            };
            if !candidate {
                continue;
            }
            let prev = text[..i].chars().next_back();
            let followed = word_after(text, after);
            let before_word = word_before(text, i);
            let ok = match c {
                ',' | ';' => {
                    prev.is_some_and(|p| {
                        p.is_alphabetic() || is_closing_quote(p) || is_closing_bracket(p)
                    }) && (letters(followed) >= 2 || letters(before_word) >= 2)
                        && !(letters(followed) == 1 && letters(before_word) == 1)
                }
                ':' if prev.is_some_and(is_inline_space) => spaced_colon_glued(text, i, followed),
                ':' => {
                    letters(before_word) >= 2
                        && prev.is_some_and(char::is_alphabetic)
                        // Emoticons: `:D`, `:p`.
                        && letters(followed) >= 2
                        // Codes in capitals on both sides: a name (`CS:GO`),
                        // an exchange and a ticker (`NYSE:SNAP`), no sentence
                        // glued to a label.
                        && !is_code_pair_colon(text, i)
                }
                '!' | '?' => {
                    let before = text[..i].trim_end_matches(is_inline_space);
                    before
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_alphabetic() || is_closing_quote(p))
                        && (next == '(' || letters(followed) >= 2)
                        && !(c == '!' && EXCLAMATION_NAMES.contains(chunk_before(text, i)))
                }
                '…' => {
                    prev.is_some_and(char::is_alphabetic) && (next == '(' || letters(followed) >= 2)
                }
                '.' => {
                    let chunk = chunk_before(text, i);
                    prev.is_some_and(char::is_alphabetic)
                        && letters(before_word) >= 2
                        && letters(followed) >= 2
                        // Inclusive writing: `acteurs.trices`, `brillant.e.s`.
                        && !text[after + followed.len()..].starts_with('.')
                        // Dotted abbreviations, initials, versions: `J.-C`, `U.S`.
                        && !chunk.contains('.')
                        && !is_abbreviation(before_word)
                        && !is_acronym(before_word)
                        && !is_acronym(followed)
                        && is_french(before_word)
                        && if next.is_uppercase() {
                            letters(followed) >= 2 && is_french(followed)
                        } else {
                            is_french_start(followed)
                        }
                }
                ')' => {
                    // `2)Quels`, `a)Le`, `(voir plus haut)La suite`; not
                    // a bracketed prefix of the word (`(Dés)Activer`).
                    letters(followed) >= 2
                        && is_french(followed)
                        && !bracketed_prefix(chunk_before(text, i))
                }
                _ => false,
            };
            if !ok {
                continue;
            }
            if regions.covers(&SKIPPED, i) || regions.covers(&SKIPPED, after) {
                continue;
            }
            let token = tokens.around(Span::new(i, after));
            if token.is_address() || token.is_code() {
                continue;
            }
            // `:` in a token with a digit on the left: `1:a`, `v2:beta`.
            if c == ':' && bytes[..i].last().is_some_and(u8::is_ascii_digit) {
                continue;
            }
            let end = if next == '(' {
                after + 1
            } else {
                after + followed.len()
            };
            let span = Span::new(i, end);
            let mark = &text[i..after];
            let fix = format!("{mark} {}", &text[after..end]);
            sink.report_fix(
                span,
                format!("missing space after `{mark}`: write `{fix}`"),
                fix,
            );
        }
    }

    fn warm_up(&self) {
        LazyLock::force(&EXCLAMATION_NAMES);
    }
}

impl MissingSpaceAfterPunctuation {
    /// `Porto1. Visitez`: the number of a list item glued to the last word
    /// of the item before. Called at each ASCII digit.
    fn glued_list_number(&self, ctx: &Context<'_>, i: usize, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let bytes = text.as_bytes();
        // The first digit, after a lower-case letter.
        let Some(prev) = text[..i].chars().next_back() else {
            return;
        };
        if !prev.is_lowercase() {
            return;
        }
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 2 {
            return;
        }
        let dot = i + digits;
        if bytes.get(dot) != Some(&b'.')
            || bytes.get(dot + 1) != Some(&b' ')
            || !text[dot + 2..].starts_with(char::is_uppercase)
        {
            return;
        }
        let word = word_before(text, i);
        if letters(word) < 3 || !is_french(word) || chunk_before(text, i).contains('.') {
            return;
        }
        if ctx.doc.regions().covers(&SKIPPED, i) {
            return;
        }
        sink.report(
            Span::new(i, dot + 1),
            format!(
                "list number `{}` glued to the word before it: the list's line breaks were lost",
                &text[i..=dot]
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_fixed, assert_marked, run};

    #[test]
    fn a_colon_spaced_on_its_left_only() {
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "défini par deux critères ⟦:une⟧ fatigue et un malaise",
        );
        assert_fixed(
            &MissingSpaceAfterPunctuation,
            "deux critères :une fatigue",
            "deux critères : une fatigue",
        );
        // An emoticon, a shortcode, a capital after the colon, a drive letter.
        assert_clean(
            &MissingSpaceAfterPunctuation,
            "trop drôle :p et bravo :smile: voilà",
        );
        assert_clean(
            &MissingSpaceAfterPunctuation,
            "le disque C :windows est plein",
        );
        assert_clean(&MissingSpaceAfterPunctuation, "deux critères : une fatigue");
    }

    #[test]
    fn flags_glued_words() {
        assert_marked(&MissingSpaceAfterPunctuation, "oui⟦,mais⟧ non");
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "Bravo ⟦!que⟧ la fête commence",
        );
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "C’est la fin⟦.Le⟧ début suit",
        );
        assert_marked(&MissingSpaceAfterPunctuation, "lunettes et⟦.d’un⟧ casque");
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "espace⟦;manquant⟧ et espace⟦?manquant⟧",
        );
        assert_marked(&MissingSpaceAfterPunctuation, "une espace ⟦?(⟧oui ou non)");
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "merde⟦…(⟧je suis fatigué) ça se croit⟦…fort⟧…",
        );
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "Réponses :\n2⟦)Quels⟧ horaires ? 3⟦)Acceptez-vous⟧",
        );
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "Il est compatible⟦,Let⟧ me know",
        );
        assert_marked(&MissingSpaceAfterPunctuation, "Note⟦:voici⟧ la suite");
        // Capitals on one side only: a label glued to its text.
        assert_marked(&MissingSpaceAfterPunctuation, "ATTENTION⟦:Le⟧ site ferme");
        // An aside of one word glued to the next sentence.
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "Il est parti (enfin⟦)Personne⟧ ne l'a vu.",
        );
    }

    #[test]
    fn a_bracketed_prefix_is_part_of_its_word() {
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "(Dés)Activer la liste et (Re)Démarrer le service",
        );
    }

    #[test]
    fn flags_glued_list_numbers() {
        assert_marked(
            &MissingSpaceAfterPunctuation,
            "Les plus belles villes : Lisbonne et Porto⟦1.⟧ Visitez la ville.",
        );
        assert!(
            run(&MissingSpaceAfterPunctuation, "Porto1. Visitez")[0]
                .suggestion
                .is_none()
        );
    }

    #[test]
    fn suggests_the_space() {
        assert_fixed(
            &MissingSpaceAfterPunctuation,
            "oui,mais non",
            "oui, mais non",
        );
        assert_fixed(
            &MissingSpaceAfterPunctuation,
            "fin.Le début",
            "fin. Le début",
        );
        assert_fixed(
            &MissingSpaceAfterPunctuation,
            "2)Quels horaires",
            "2) Quels horaires",
        );
        assert_fixed(&MissingSpaceAfterPunctuation, "Bravo !que", "Bravo ! que");
        assert_fixed(
            &MissingSpaceAfterPunctuation,
            "espace ?(oui)",
            "espace ? (oui)",
        );
    }

    #[test]
    fn leaves_addresses_numbers_and_abbreviations_alone() {
        for text in [
            "Voir https://exemple.fr/a,b;c?d=e!f et www.exemple.fr, jean.dupont@exemple.fr.",
            "Il mesure 3,5 m ; il est 12:30 ; le fichier rapport.pdf ; exemple.fr ; Node.js.",
            "En 52 av. J.-C. ; p.ex. ; U.S.A. ; M.Dupont ; etc.Voilà.",
            "Super :D ; les coordonnées x,y ; le disque C:Windows ; std::vector.",
            "Il joue à CS:GO et à Valorant.",
            "Yahoo!Mail ; les ami(e)s et élu(e)s ; 1,2-dichloroéthane.",
            "Le code `a,b` et &amp;nbsp; et &eacute;t&eacute;.",
            "ASP.NET et iPhone.Le ; mp3. Le fichier ; COVID19. Le virus ; 2)1 ; a)b",
            "Il a dit : « Oui ! » puis « Non ? » et (voir plus haut).",
            "des acteurs.trices brillant.e.s et des élu.e.s",
        ] {
            assert_clean(&MissingSpaceAfterPunctuation, text);
        }
    }
}
