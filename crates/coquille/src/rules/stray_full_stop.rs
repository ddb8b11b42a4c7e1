use crate::data;
use crate::declare_rule;
use crate::lang::french::{self, Class};
use crate::lang::lexicon::{Lang, zipf};
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::split::is_abbreviation;
use crate::text::chars::{
    is_apostrophe, is_closing_bracket, is_closing_quote, is_opening_bracket, is_opening_quote,
    is_word_space, is_word_space_or_tab,
};
use crate::text::references::{is_reference, line_around};
use crate::text::word_end;
use crate::text::{RegionKind, fold};
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// A full stop where none belongs: inside a sentence before a lower-case word (`a percuté une voiture. camion`), or after an abbreviation French writes without one (`Mme. Bovary`, `no. 12`).
    ///
    /// ## What it does
    /// - A full stop followed, on the same line, by a lower-case French
    ///   word (`voiture. camion`, `la nuit. pendant`, `la guerre.
    ///   déclarant`): the sentence was cut by a stray full stop, or it lost
    ///   its capital (error). A full stop after an abbreviation (`etc.`,
    ///   `cf.`, `M.`, `av. J.-C.`, `p.`), a one-digit number, an initial or a dotted
    ///   acronym (`B.C.E.`), an ellipsis, and a word with inner capitals
    ///   after it (`iPhone`, `eBay`) are left alone, and so is `à` after a
    ///   full stop, most often the capital `À` typed without its accent and
    ///   lower-cased by the keyboard.
    /// - A full stop after `Mme`, `Mlle`, `Mgr` (and `Dr`, `Pr` before a
    ///   known first name), which end with the word's last letter and take
    ///   none in French: `Mme. Bovary` → `Mme Bovary` (warning); `no.`
    ///   before a number, the English `No.`: `no. 12` → `n° 12` (warning;
    ///   not after `Vol.`, in a journal cited in its own style).
    ///
    /// ## Why it matters
    /// A full stop in the middle of a sentence is what a reader sees first
    /// in a machine translation that cut a sentence on an English
    /// abbreviation or glued two segments. A dot after `Mme` is a mistake of
    /// French typography that English habits bring in.
    ///
    /// ## Example
    /// Bad: `La voiture a percuté une voiture. camion qui arrivait. Mme. Dupont a témoigné.`
    ///
    /// Good: `La voiture a percuté un camion qui arrivait. Mme Dupont a témoigné.`
    ///
    /// ## Known false positives
    /// An abbreviation missing from the lists (`data/abbreviations-fr.txt`,
    /// `data/fragment-words-fr.txt`) followed by a lower-case word
    /// (`réimpr. et`); a list whose items start in lower case on one line.
    pub struct StrayFullStop {
        id: "stray-full-stop",
        category: Punctuation,
        severity: Error,
    }
}

struct Tables {
    /// Every abbreviation of `data/abbreviations-fr.txt`, folded.
    abbrev: HashSet<String>,
    continues: HashSet<&'static str>,
    not_participle: HashSet<&'static str>,
    /// Abbreviations French writes without a full stop (`Mme`).
    no_dot: HashSet<&'static str>,
    /// The same before a first name only (`Dr. Dre` is a stage name).
    no_dot_before_name: HashSet<&'static str>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| Tables {
    abbrev: data::ABBREVIATIONS
        .words()
        .map(|w| fold(w).into_owned())
        .collect(),
    continues: data::FRAGMENT_WORDS.class("continues").collect(),
    not_participle: data::FRAGMENT_WORDS.class("not-participle").collect(),
    no_dot: data::FRAGMENT_WORDS.class("no-dot").collect(),
    no_dot_before_name: data::FRAGMENT_WORDS.class("no-dot-before-name").collect(),
});

/// The token that ends just before `end` (back to white space, at most 64
/// bytes: a longer token is no word), without the closing quotes and
/// brackets it ends with.
fn token_before(text: &str, end: usize) -> &str {
    let mut from = end.saturating_sub(64);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..end];
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[start..]
        .trim_end_matches(|c| is_closing_quote(c) || is_closing_bracket(c))
        .trim_start_matches(|c| is_opening_quote(c) || is_opening_bracket(c) || c == '\'')
}

/// The word after a full stop shows that the sentence goes on: a
/// conjunction, a relative, a present participle.
fn continues_sentence(tables: &Tables, word: &str) -> bool {
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

/// The first word after `pos`, skipping spaces on the same line.
fn next_word(text: &str, pos: usize) -> Option<(usize, usize)> {
    let rest = &text[pos..];
    let trimmed = rest.trim_start_matches(is_word_space_or_tab);
    let k = pos + rest.len() - trimmed.len();
    let end = word_end(text, k);
    (end > k).then_some((k, end))
}

impl StrayFullStop {
    /// `voiture. camion`: a full stop before a lower-case word.
    fn before_lower_case(ctx: &Context<'_>, tables: &Tables, i: usize, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let before = text[..i].chars().next_back();
        let after = text[i + 1..].chars().next();
        // Ellipses: `...`, `. . .`.
        if before == Some('.') || after == Some('.') || text[..i].ends_with(". ") {
            return;
        }
        if !after.is_some_and(is_word_space_or_tab) {
            return;
        }
        let Some((k, end)) = next_word(text, i + 1) else {
            return;
        };
        let word = &text[k..end];
        let mut chars = word.chars();
        if !chars.next().is_some_and(char::is_lowercase) || chars.any(char::is_uppercase) {
            return;
        }
        // `à` after a full stop is most often a lost capital `À`.
        if word == "à" {
            return;
        }
        let prev = token_before(text, i);
        // A word, or a number of two digits or more (`en 2023.`; `le point
        // 3.` may number a list).
        let ends_sentence = if prev.bytes().all(|b| b.is_ascii_digit()) {
            prev.len() >= 2
        } else {
            prev.chars().count() >= 2
                && prev
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || is_apostrophe(c))
                && !is_abbreviation(prev)
                && !tables.abbrev.contains(&*fold(prev))
        };
        if !ends_sentence {
            return;
        }
        if french::classes(word).is_none() {
            return;
        }
        if ctx.doc.regions().covers(&RegionKind::NOT_PROSE, k)
            || ctx.doc.regions().covers(&RegionKind::NOT_PROSE, i)
        {
            return;
        }
        let message = if continues_sentence(tables, word) {
            format!(
                "“{word}” continues a sentence: the full stop before it cuts the sentence in two"
            )
        } else {
            format!(
                "full stop before the lower-case “{word}”: a stray full stop inside a sentence, or a lost capital"
            )
        };
        sink.report(Span::new(i, end), message);
    }

    /// `Mme. Bovary`, `no. 12`: a dot French does not write.
    fn after_abbreviation(ctx: &Context<'_>, i: usize, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let prev = token_before(text, i);
        // `prev` must end right at the dot (no closing bracket between).
        let start = i - prev.len();
        if !text.is_char_boundary(start) || &text[start..i] != prev {
            return;
        }
        let Some((k, end)) = next_word(text, i + 1) else {
            // `no. 12`: a number follows.
            return Self::number_sign(ctx, prev, start, i, sink);
        };
        if k == i + 1 {
            return;
        }
        let next = &text[k..end];
        let named = next.starts_with(char::is_uppercase);
        let tables = &*TABLES;
        let fits = tables.no_dot.contains(prev) && named
            || tables.no_dot_before_name.contains(prev)
                && french::classes(next).is_some_and(|c| c.has(Class::FirstName));
        if !fits || ctx.doc.regions().covers(&RegionKind::NOT_PROSE, start) {
            return;
        }
        let span = Span::new(start, i + 1);
        sink.push(
            span,
            format!("no full stop after `{prev}` in French: write `{prev}`"),
            Severity::Warning,
            Some(Edit::certain(span, prev.to_string())),
        );
    }

    /// `no. 12`, `No. 1`: the English abbreviation of `number`.
    fn number_sign(ctx: &Context<'_>, prev: &str, start: usize, i: usize, sink: &mut Sink<'_>) {
        let text = ctx.text();
        if !matches!(prev, "no" | "No") {
            return;
        }
        let rest = text[i + 1..].trim_start_matches(is_word_space);
        if !rest.starts_with(|c: char| c.is_ascii_digit())
            || ctx.doc.regions().covers(&RegionKind::NOT_PROSE, start)
        {
            return;
        }
        // A journal cited in its own style: `Vol. XVII, No. 3, pp. 571-597`.
        let line = line_around(text, start, 200);
        if is_reference(line) || line.to_lowercase().contains("vol.") {
            return;
        }
        let fix = if prev == "No" { "N°" } else { "n°" };
        let span = Span::new(start, i + 1);
        sink.push(
            span,
            format!("`{prev}.` is the English abbreviation of “number”: write `{fix}`"),
            Severity::Warning,
            Some(Edit::certain(span, fix.to_string())),
        );
    }
}

impl Rule for StrayFullStop {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&TABLES);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let tables = &*TABLES;
        for (i, _) in text.match_indices('.') {
            // Only a dot that ends a word or a number.
            match text[..i].chars().next_back() {
                Some(c) if c.is_alphabetic() => {
                    Self::before_lower_case(ctx, tables, i, sink);
                    Self::after_abbreviation(ctx, i, sink);
                }
                Some(c) if c.is_ascii_digit() => Self::before_lower_case(ctx, tables, i, sink),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_fixed, assert_marked, run};

    #[test]
    fn flags_a_full_stop_before_a_lower_case_word() {
        assert_marked(
            &StrayFullStop,
            "La voiture a percuté une voiture⟦. camion⟧ qui arrivait.",
        );
        assert_marked(
            &StrayFullStop,
            "Il est parti pendant la nuit⟦. pendant⟧ ce temps, rien.",
        );
        assert_marked(&StrayFullStop, "Les ventes sont⟦. en⟧ baisse.");
        assert_marked(
            &StrayFullStop,
            "a rejeté les spéculations sur la guerre⟦. déclarant⟧ aux journalistes",
        );
        assert_marked(
            &StrayFullStop,
            "Il a signé l'accord⟦. qui⟧ entre en vigueur.",
        );
        let f = run(&StrayFullStop, "une voiture. camion");
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.contains("lost capital"));
        let f = run(&StrayFullStop, "la guerre. déclarant");
        assert!(f[0].message.contains("continues a sentence"));
    }

    #[test]
    fn flags_dots_after_abbreviations_french_writes_without() {
        assert_marked(
            &StrayFullStop,
            "J’ai pensé à ⟦Mme.⟧ Bovary toute la journée.",
        );
        assert_marked(&StrayFullStop, "C’est situé au ⟦no.⟧ 12.");
        let f = run(&StrayFullStop, "à Mme. Bovary");
        assert_eq!(f[0].severity, Severity::Warning);
        assert_fixed(&StrayFullStop, "à Mme. Bovary", "à Mme Bovary");
        assert_fixed(&StrayFullStop, "au No. 1 mondial", "au N° 1 mondial");
        assert_fixed(&StrayFullStop, "C’est au no. 12.", "C’est au n° 12.");
    }

    #[test]
    fn leaves_abbreviations_numbers_and_capitals_alone() {
        for text in [
            "des pommes, des poires, etc. et des fruits.",
            "Voir cf. le chapitre 3, p. 12 et M. le maire.",
            "Et puis... et puis rien. Et puis… mais non.",
            "Vraiment ? demanda-t-il. Quoi ! et alors ?",
            "Né en 52 av. J.-C. apparaissent les premiers textes.",
            "La B.C.E. des pays membres décide. La P.I.B. pendant",
            "Il a grandi à Roanne. à son retour, il a travaillé.",
            "Un iPhone. iPhone est une marque. eBay aussi.",
            "Voir www.exemple.fr. puis la page 3. et la suite.",
            "Et puis. . . rien. Un essai (Dupont et al. qui le montrent).",
            "Mme Bovary, Dr. Dre et M. Dupont ; le no 12 ; Mme. ; il a dit no.",
            "(Cass. soc. 7-3-2018) ; Études internationales, Vol. XVII, No. 3, pp. 571-597",
        ] {
            assert_clean(&StrayFullStop, text);
        }
    }
}
