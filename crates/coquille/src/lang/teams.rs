//! North American professional sports teams (`data/sports-teams-en-fr.txt`):
//! their cities, their nicknames and the French renderings translation
//! engines give the nicknames. Read by `translated-team-name` and by the
//! English detector, for which a team's full name (`Atlanta Falcons`,
//! `ATLANTA FALCONS`) is a name, not English left untranslated.

use crate::data;
use crate::lang::french;
use crate::span::Span;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::sync::{LazyLock, OnceLock};

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
    /// Every `City Nickname` full name, in ASCII lower case.
    full: Vec<String>,
    /// Their automaton, ASCII case ignored, for texts of [`AUTOMATON_FROM`]
    /// bytes or more.
    full_names: OnceLock<AhoCorasick>,
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
        .flat_map(|t: &Team| {
            t.cities
                .iter()
                .map(move |c| format!("{c} {}", t.nickname).to_ascii_lowercase())
        })
        .collect();
    Teams {
        teams,
        full,
        full_names: OnceLock::new(),
    }
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
    let t = &*TEAMS;
    let mut found: Vec<(usize, usize)> = Vec::new();
    if text.len() >= AUTOMATON_FROM || seen >= AUTOMATON_FROM || t.full_names.get().is_some() {
        let ac = t.full_names.get_or_init(|| {
            // A contiguous NFA: quick to build and to search.
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .ascii_case_insensitive(true)
                .build(&t.full)
                .expect("team names build an automaton")
        });
        found.extend(ac.find_iter(text).map(|m| (m.start(), m.end())));
    } else {
        // ASCII lower case keeps every byte where it is.
        let lower = text.to_ascii_lowercase();
        let mut all: Vec<(usize, usize)> = Vec::new();
        for name in &t.full {
            all.extend(
                lower
                    .match_indices(name.as_str())
                    .map(|(i, m)| (i, i + m.len())),
            );
        }
        found = leftmost_longest(all.into_iter().map(|(s, e)| (s, e, ())).collect())
            .into_iter()
            .map(|(s, e, ())| (s, e))
            .collect();
    }
    found
        .into_iter()
        .filter(|&(start, end)| {
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|(start, end)| Span::new(start, end))
        .collect()
}

/// Of matches `(start, end, pattern)` found pattern by pattern, those a
/// leftmost-longest automaton would give: the leftmost first, the longest
/// at one start (then the lowest pattern), none overlapping one kept.
pub(crate) fn leftmost_longest<T: Ord + Copy>(
    mut all: Vec<(usize, usize, T)>,
) -> Vec<(usize, usize, T)> {
    all.sort_by_key(|&(start, end, id)| (start, std::cmp::Reverse(end), id));
    let mut kept = Vec::with_capacity(all.len());
    let mut from = 0;
    for m in all {
        if m.0 >= from {
            from = m.1;
            kept.push(m);
        }
    }
    kept
}

/// Builds the tables now (a test forces it so that malformed data fails CI).
pub fn warm_up() {
    full_names(" ", AUTOMATON_FROM);
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
