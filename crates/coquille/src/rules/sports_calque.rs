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
    pub struct SportsCalque {
        id: "sports-calque",
        category: Language,
        severity: Error,
    }
}

/// The renderings: `trimestre(s)`, or a number then `planches` or `plats`.
static CALQUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)trimestres?|[0-9]{1,3}[ \x{a0}]+(?:planches|plats)").expect("valid regex")
});

/// A game: a score (`21-0`, `117–112`) or a count of a game's units.
static GAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^0-9])[0-9]{1,3}[-–][0-9]{1,3}(?:[^0-9]|$)|(?:[0-9]+|un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt)[ \x{a0}]+(?:points|rebonds|touchés?|touchdowns?|verges|yards|paniers)",
    )
    .expect("valid regex")
});

/// Finance: a quarter of the year is meant there.
static FINANCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)bénéfices?|chiffre d.affaires|revenus?|milliards?|millions?|dollars|euros|bourse|actions?|actionnaires|ventes|résultats financiers|[0-9][ \x{a0}\x{202f}]?%",
    )
    .expect("valid regex")
});

impl Rule for SportsCalque {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // Most texts hold none of the words: no regex for them.
        if !(text.contains("rimestre")
            || text.contains("RIMESTRE")
            || text.contains("planches")
            || text.contains("plats"))
        {
            return;
        }
        for m in CALQUE.find_iter(text) {
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
            if !GAME.is_match(paragraph) || FINANCE.is_match(paragraph) {
                continue;
            }
            let found = m.as_str();
            let word_at = found.rfind(|c: char| c.is_whitespace()).map_or(0, |i| {
                i + found[i..].chars().next().map_or(1, char::len_utf8)
            });
            let word = &found[word_at..];
            let span = Span::new(m.start() + word_at, m.end());
            let (meaning, fix) = match word.to_lowercase().as_str() {
                "planches" => ("rebounds, *boards*", "rebonds"),
                "plats" => ("assists, *dimes*", "passes décisives"),
                w if w.ends_with('s') => ("a game's quarters", "quarts-temps"),
                _ => ("a game's quarter", "quart-temps"),
            };
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
