use crate::data::SPORTS_CALQUES;
use crate::declare_rule;
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// A game's vocabulary translated word for word: `au quatrième trimestre` for *in the fourth quarter*, `12 planches` for *12 boards*, `10 plats` for *10 dimes*.
    ///
    /// ## What it does
    /// In a paragraph that shows a game (a score such as `21-0`, or a
    /// number of points, rebounds, touchdowns, yards or baskets) and no
    /// finance (no profit, turnover, millions, shares, sales nor
    /// percentage), reports (error):
    /// - `trimestre`, a quarter of the year, for the quarter of a game
    ///   (`quart-temps` in basketball, `quart` in football);
    /// - a number of `planches` (English slang *boards*) or `plats`
    ///   (*dimes*) for rebounds and assists.
    ///
    /// ## Why it matters
    /// French sports writing says `quart-temps`, `rebonds` and `passes
    /// décisives`; the word-for-word renderings come from a machine that
    /// translated an American game recap, and a reader stops at them.
    ///
    /// ## Example
    /// Bad: `Les Hawks menaient 54-40 et Young a marqué 12 points au quatrième trimestre, avec 9 planches.`
    ///
    /// Good: `Les Hawks menaient 54-40 et Young a marqué 12 points au quatrième quart-temps, avec 9 rebonds.`
    ///
    /// ## Not flagged
    /// `trimestre` beside finance (`bénéfice du quatrième trimestre`, a
    /// club's revenue), or in a paragraph that shows no game; `plats` and
    /// `planches` anywhere else (a menu, a workshop).
    ///
    /// ## Data
    /// The calques, a game's units and the finance words are in
    /// `data/sports-calques-fr.txt`.
    pub struct SportsCalque {
        id: "sports-calque",
        category: Language,
        severity: Error,
    }
}

/// The calques of `data/sports-calques-fr.txt`, the longer first: read
/// for every text (the prefilter), so kept apart from the regexes, which
/// only a text holding a calque's word compiles.
static CALQUES: LazyLock<Vec<Calque>> = LazyLock::new(|| {
    let mut calques: Vec<Calque> = SPORTS_CALQUES
        .classes(&["alone", "counted"])
        .map(|entry| {
            let (word, rest) = entry.split_once("->").unwrap_or((entry, ""));
            let (fix, meaning) = rest.split_once(';').unwrap_or((rest, ""));
            let word = word.trim();
            let tail = &word[word.chars().next().map_or(0, char::len_utf8)..];
            Calque {
                word,
                tail,
                tail_upper: tail.to_uppercase(),
                fix: fix.trim(),
                meaning: meaning.trim(),
            }
        })
        .collect();
    calques.sort_by_key(|c| std::cmp::Reverse(c.word.len()));
    calques
});

/// The regexes built from `data/sports-calques-fr.txt`.
struct Tables {
    /// A calque alone, or counted after a number.
    calque: Regex,
    /// A game: a score (`21-0`, `117–112`) or a count of a game's units.
    game: Regex,
    /// Finance: a quarter of the year is meant there.
    finance: Regex,
}

/// One calque: the word, what to write instead, what the English meant.
struct Calque {
    word: &'static str,
    /// The word but its first letter, as written and in capitals, for the
    /// prefilter (`rimestre` finds `Trimestre`).
    tail: &'static str,
    tail_upper: String,
    fix: &'static str,
    meaning: &'static str,
}

/// `a|b|c` of the escaped entries of some classes, the longer first, so
/// that `trimestres` is not read as `trimestre` and a letter.
fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let escaped: Vec<String> = words
        .iter()
        .map(|w| regex::escape(w).replace('\'', "['’]"))
        .collect();
    escaped.join("|")
}

impl Tables {
    fn load() -> Self {
        let word = |entry: &'static str| entry.split_once("->").map_or(entry, |(w, _)| w).trim();
        let calque = format!(
            "(?i){}|[0-9]{{1,3}}[ \\x{{a0}}]+(?:{})",
            alternation(SPORTS_CALQUES.classes(&["alone"]).map(word)),
            alternation(SPORTS_CALQUES.classes(&["counted"]).map(word)),
        );
        let game = format!(
            "(?i)(?:^|[^0-9])[0-9]{{1,3}}[-–][0-9]{{1,3}}(?:[^0-9]|$)|(?:[0-9]+|{})[ \\x{{a0}}]+(?:{})",
            alternation(SPORTS_CALQUES.classes(&["number-word"])),
            alternation(SPORTS_CALQUES.classes(&["game-unit"])),
        );
        let finance = format!(
            "(?i){}|[0-9][ \\x{{a0}}\\x{{202f}}]?%",
            alternation(SPORTS_CALQUES.classes(&["finance"])),
        );
        Tables {
            calque: Regex::new(&calque).expect("valid regex from data/sports-calques-fr.txt"),
            game: Regex::new(&game).expect("valid regex from data/sports-calques-fr.txt"),
            finance: Regex::new(&finance).expect("valid regex from data/sports-calques-fr.txt"),
        }
    }
}

/// Whether `text` may hold a calque: each word but its first letter
/// (`rimestre` finds `Trimestre`), as written or in capitals.
fn may_hold_one(text: &str) -> bool {
    CALQUES
        .iter()
        .any(|c| text.contains(c.tail) || text.contains(c.tail_upper.as_str()))
}

static TABLES: LazyLock<Tables> = LazyLock::new(Tables::load);

impl Rule for SportsCalque {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&CALQUES);
        LazyLock::force(&TABLES);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // Most texts hold none of the words: no regex for them.
        if !may_hold_one(text) {
            return;
        }
        let tables = &*TABLES;
        for m in tables.calque.find_iter(text) {
            let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if letter(text[..m.start()].chars().next_back())
                || letter(text[m.end()..].chars().next())
            {
                continue;
            }
            let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[m.end()..]
                .find('\n')
                .map_or(text.len(), |i| m.end() + i);
            let paragraph = &text[line_start..line_end];
            if !tables.game.is_match(paragraph) || tables.finance.is_match(paragraph) {
                continue;
            }
            let found = m.as_str();
            let word_at = found.rfind(|c: char| c.is_whitespace()).map_or(0, |i| {
                i + found[i..].chars().next().map_or(1, char::len_utf8)
            });
            let word = &found[word_at..];
            let lower = word.to_lowercase();
            let Some(calque) = CALQUES.iter().find(|c| c.word == lower) else {
                continue;
            };
            let span = Span::new(m.start() + word_at, m.end());
            let (meaning, fix) = (calque.meaning, calque.fix);
            sink.report_suggestion(
                span,
                format!(
                    "`{word}` translated word for word ({meaning}): French sports writing says `{fix}`"
                ),
                fix,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked};

    #[test]
    fn flags_a_games_vocabulary_in_a_game() {
        assert_marked(
            &SportsCalque,
            "Les Hawks menaient 54-40 au début du deuxième ⟦trimestre⟧.",
        );
        assert_marked(
            &SportsCalque,
            "Young a fini avec 31 points, 9 ⟦planches⟧ et 11 ⟦plats⟧ en deux ⟦trimestres⟧.",
        );
    }

    #[test]
    fn leaves_finance_and_other_paragraphs_alone() {
        assert_clean(
            &SportsCalque,
            "Le club a publié un bénéfice de 12 millions au quatrième trimestre, après un 3-1.",
        );
        assert_clean(
            &SportsCalque,
            "Au premier trimestre, la ligue a signé un accord.",
        );
        assert_clean(
            &SportsCalque,
            "Le chef propose 12 plats et l'atelier 30 planches pour 4 à 6 personnes.",
        );
    }
}
