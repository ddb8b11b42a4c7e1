//! Word frequencies of English and French (wordfreq, Zipf scale), compiled in.
//!
//! Zipf 7 is once every 10 words, 3 is once per million words. Lists keep
//! words with Zipf ≥ 2.5; a word absent from a list is rarer than that (or not
//! a word of that language). Look-ups are case-insensitive: pass any casing.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The languages the lexicon knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

static EN_DATA: &str = include_str!("../../data/wordfreq-en.tsv");
static FR_DATA: &str = include_str!("../../data/wordfreq-fr.tsv");

fn parse(data: &'static str, name: &str) -> HashMap<&'static str, f32> {
    let mut map = HashMap::with_capacity(60_000);
    for (i, line) in data.lines().enumerate().skip(1) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, zipf) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{name}:{}: expected `word<TAB>zipf`", i + 1));
        let zipf: f32 = zipf
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}:{}: bad Zipf value {zipf:?}", i + 1));
        map.insert(word, zipf);
    }
    map
}

static EN: LazyLock<HashMap<&'static str, f32>> =
    LazyLock::new(|| parse(EN_DATA, "data/wordfreq-en.tsv"));
static FR: LazyLock<HashMap<&'static str, f32>> =
    LazyLock::new(|| parse(FR_DATA, "data/wordfreq-fr.tsv"));

/// Zipf frequency of `word` in `lang`, or `None` when the word is rarer than
/// Zipf 2.5 there (or unknown).
pub fn zipf(lang: Lang, word: &str) -> Option<f32> {
    let map = match lang {
        Lang::En => &*EN,
        Lang::Fr => &*FR,
    };
    if let Some(z) = map.get(word) {
        return Some(*z);
    }
    // wordfreq lists are lowercase; normalise curly apostrophes too.
    let lower: String = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect();
    map.get(lower.as_str()).copied()
}

/// Zipf frequency of `word` exactly as given (already lowercase, straight
/// apostrophes), without allocating: the fast path for hot loops.
pub fn zipf_exact(lang: Lang, word: &str) -> Option<f32> {
    let map = match lang {
        Lang::En => &*EN,
        Lang::Fr => &*FR,
    };
    map.get(word).copied()
}

/// Builds both tables now (they are otherwise built on first use).
pub fn warm_up() {
    LazyLock::force(&EN);
    LazyLock::force(&FR);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_and_answer_case_insensitively() {
        warm_up();
        assert!(zipf(Lang::En, "the").unwrap() > 7.0);
        assert!(zipf(Lang::Fr, "de").unwrap() > 7.0);
        assert_eq!(zipf(Lang::En, "The"), zipf(Lang::En, "the"));
        assert!(zipf(Lang::Fr, "xqzwv").is_none());
    }
}
