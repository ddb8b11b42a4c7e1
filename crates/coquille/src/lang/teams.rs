//! North American professional sports teams (`data/sports-teams-en-fr.txt`):
//! their cities, their nicknames and the French renderings translation
//! engines give the nicknames. Read by `translated-team-name` and by the
//! English detector, for which a team's full name (`Atlanta Falcons`,
//! `ATLANTA FALCONS`) is a name, not English left untranslated.

use crate::data;
use crate::lang::french;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
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
    /// Whether the nickname is a French word too (`Lions`): then its
    /// presence tells nothing about the league.
    pub french_word: bool,
}

struct Teams {
    teams: Vec<Team>,
    /// Every `City Nickname` full name, ASCII case ignored.
    full_names: AhoCorasick,
}

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
                french_word: french::is_french(&nickname.to_lowercase()),
            });
        }
    }
    let full: Vec<String> = teams
        .iter()
        .flat_map(|t: &Team| t.cities.iter().map(move |c| format!("{c} {}", t.nickname)))
        .collect();
    // A contiguous NFA: quick to build (the English detector asks for it
    // on a process's first text) and quick enough to search.
    let full_names = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .ascii_case_insensitive(true)
        .build(&full)
        .expect("team names build an automaton");
    Teams { teams, full_names }
});

/// Every team of the list.
pub fn all() -> &'static [Team] {
    &TEAMS.teams
}

/// The spans of `text` that are a team's full name, city then nickname, in
/// any ASCII case (`Atlanta Falcons`, `ATLANTA FALCONS`), as whole words.
pub fn full_names(text: &str) -> impl Iterator<Item = Span> + '_ {
    TEAMS.full_names.find_iter(text).filter_map(move |m| {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        (!before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric))
            .then(|| Span::new(m.start(), m.end()))
    })
}

/// Builds the tables now (a test forces it so that malformed data fails CI).
pub fn warm_up() {
    LazyLock::force(&TEAMS);
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
        let found: Vec<&str> = full_names(text).map(|s| &text[s.start..s.end]).collect();
        assert_eq!(found, ["ATLANTA FALCONS", "Kansas City Chiefs"]);
    }
}
