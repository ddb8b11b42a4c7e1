//! Places of the United States (`data/us-places.txt`): the states with their
//! postal codes, Associated Press abbreviations and French names, and the
//! largest cities. Rules use them to recognise a US place format (`Austin,
//! TX`) or a text set in the United States (where plain `degrés` are
//! Fahrenheit).

use crate::data;
use crate::span::Span;
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::LazyLock;

/// A state (or the District of Columbia).
#[derive(Debug)]
pub struct State {
    /// Postal code: `TX`.
    pub code: &'static str,
    /// English name: `California`.
    pub english: &'static str,
    /// French name: `Californie`.
    pub french: &'static str,
    /// Associated Press abbreviations, with their dots: `Calif.`, `Cal.`.
    pub abbreviations: Vec<&'static str>,
}

struct Places {
    states: Vec<State>,
    /// Every state name (English and French) and city.
    names: Vec<&'static str>,
    finder: AhoCorasick,
}

static PLACES: LazyLock<Places> = LazyLock::new(|| {
    let mut states = Vec::new();
    let mut names = Vec::new();
    for entry in data::US_PLACES.class("state") {
        let fields: Vec<&'static str> = entry.split('\t').map(str::trim).collect();
        let [code, english, french, abbreviations] = fields[..] else {
            panic!(
                "data/us-places.txt: `{entry}`: expected `CODE<TAB>English<TAB>French<TAB>abbreviations`"
            );
        };
        states.push(State {
            code,
            english,
            french,
            abbreviations: abbreviations
                .split(' ')
                .filter(|a| *a != "-" && !a.is_empty())
                .collect(),
        });
        names.push(english);
        if french != english {
            names.push(french);
        }
    }
    names.extend(data::US_PLACES.class("city"));
    let finder = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&names)
        .expect("US place names build an automaton");
    Places {
        states,
        names,
        finder,
    }
});

/// The state whose postal code is `code` (`TX`), if any.
pub fn state_by_code(code: &str) -> Option<&'static State> {
    PLACES.states.iter().find(|s| s.code == code)
}

/// The state whose Associated Press abbreviation is `abbreviation`, dot
/// included (`Calif.`), if any.
pub fn state_by_abbreviation(abbreviation: &str) -> Option<&'static State> {
    PLACES
        .states
        .iter()
        .find(|s| s.abbreviations.contains(&abbreviation))
}

/// Whether `name` is a US state (in English or French) or a listed city.
pub fn is_place(name: &str) -> bool {
    PLACES.names.contains(&name)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// The US places named in `text` (states in English or French, cities),
/// as whole words: `Dallas`, `Californie`; not `Mainer` or `Maine-et-Loire`.
pub fn places_in(text: &str) -> impl Iterator<Item = Span> + '_ {
    PLACES.finder.find_iter(text).filter_map(move |m| {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        (!before.is_some_and(is_name_char) && !after.is_some_and(is_name_char))
            .then(|| Span::new(m.start(), m.end()))
    })
}

/// Whether `text` names a US place ([`places_in`]).
pub fn mentions_place(text: &str) -> bool {
    places_in(text).next().is_some()
}

/// Builds the tables now (a test forces them so that a malformed data file
/// fails CI).
pub fn warm_up() {
    LazyLock::force(&PLACES);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_found_by_code_and_abbreviation() {
        warm_up();
        assert_eq!(PLACES.states.len(), 51);
        assert_eq!(state_by_code("TX").unwrap().french, "Texas");
        assert_eq!(state_by_code("CA").unwrap().french, "Californie");
        assert_eq!(state_by_abbreviation("Calif.").unwrap().code, "CA");
        assert_eq!(state_by_abbreviation("Wisc.").unwrap().code, "WI");
        assert!(state_by_code("XX").is_none());
        assert!(state_by_abbreviation("Ca.").is_none());
        assert!(is_place("Dallas") && is_place("Caroline du Nord"));
    }

    #[test]
    fn places_are_whole_words() {
        let text =
            "Il fait chaud à Dallas et en Californie, pas dans le Maine-et-Loire ni à Dallasville.";
        let found: Vec<&str> = places_in(text).map(|s| s.slice(text)).collect();
        assert_eq!(found, ["Dallas", "Californie"]);
        assert!(!mentions_place("Il fait chaud à Lyon."));
    }
}
