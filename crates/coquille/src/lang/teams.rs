//! North American professional sports teams (`data/sports-teams-en-fr.txt`):
//! their cities, their nicknames and the French renderings translation
//! engines give the nicknames. Read by `translated-team-name` and by the
//! English detector, for which a team's full name (`Atlanta Falcons`,
//! `ATLANTA FALCONS`) is a name, not English left untranslated.

use crate::data;
use crate::lang::french;
use crate::span::Span;
use crate::text::patterns::Patterns;
use aho_corasick::AhoCorasickKind;
use std::sync::LazyLock;

/// One team.
#[derive(Debug)]
pub struct Team {
    /// `nba`, `nfl`, `mlb` or `nhl`.
    pub league: &'static str,
    /// The city's names, English first (`New Orleans`, `La Nouvelle-Orléans`).
    pub cities: Vec<&'static str>,
    /// The real nickname, `Pelicans`.
    pub nickname: &'static str,
    /// The French word-for-word renderings of the nickname (`Pélicans`).
    pub renderings: Vec<&'static str>,
}

impl Team {
    /// Whether the nickname is a French word too (`Lions`): then its
    /// presence tells nothing about the league.
    pub fn is_french_word(&self) -> bool {
        french::is_french(&self.nickname.to_lowercase())
    }
}

struct Teams {
    teams: Vec<Team>,
    /// Every `City Nickname` full name, ASCII case ignored.
    full_names: Patterns,
}

/// Text from which the full names' automaton pays for its building: until
/// a caller has searched that much, a text is searched name by name.
const AUTOMATON_FROM: usize = 8 * 1024;

static TEAMS: LazyLock<Teams> = LazyLock::new(|| {
    let mut teams = Vec::new();
    for league in ["nba", "nfl", "mlb", "nhl"] {
        for entry in data::SPORTS_TEAMS.class(league) {
            let fields: Vec<&'static str> = entry.split('\t').map(str::trim).collect();
            let [cities, nickname, renderings] = fields[..] else {
                panic!(
                    "data/sports-teams-en-fr.txt: `{entry}`: expected `cities<TAB>nickname<TAB>renderings`"
                );
            };
            teams.push(Team {
                league,
                cities: cities.split('|').collect(),
                nickname,
                renderings: renderings.split('|').filter(|r| *r != "-").collect(),
            });
        }
    }
    let full: Vec<String> = teams
        .iter()
        .flat_map(|t: &Team| t.cities.iter().map(move |c| format!("{c} {}", t.nickname)))
        .collect();
    // A DFA, built once enough text was searched: the quickest automaton to
    // search, and these names are searched in every block of a document.
    let full_names = Patterns::new(full, AhoCorasickKind::DFA, true, AUTOMATON_FROM);
    Teams { teams, full_names }
});

/// Every team of the list.
pub fn all() -> &'static [Team] {
    &TEAMS.teams
}

/// The spans of `text` that are a team's full name, city then nickname, in
/// any ASCII case (`Atlanta Falcons`, `ATLANTA FALCONS`), as whole words.
/// `seen` is how much text the caller has searched so far, this one
/// included: from 8 kB the automaton is built.
pub fn full_names(text: &str, seen: usize) -> Vec<Span> {
    TEAMS
        .full_names
        .find(text, seen)
        .into_iter()
        .filter(|&(start, end, _)| {
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|(start, end, _)| Span::new(start, end))
        .collect()
}

/// Builds the tables now (a test forces it so that malformed data fails CI).
pub fn warm_up() {
    TEAMS.full_names.warm_up();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_list_and_finds_full_names() {
        warm_up();
        assert!(
            all()
                .iter()
                .any(|t| t.nickname == "Pelicans" && t.renderings == ["Pélicans"])
        );
        let text = "ATLANTA FALCONS\nles Kansas City Chiefs ; Atlantans";
        let found: Vec<&str> = full_names(text, text.len())
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(found, ["ATLANTA FALCONS", "Kansas City Chiefs"]);
        // The same through the automaton, on a long text.
        assert_eq!(full_names(text, AUTOMATON_FROM).len(), 2);
    }
}
