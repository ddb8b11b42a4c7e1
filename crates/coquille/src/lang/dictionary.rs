//! A small English → French dictionary (`data/dictionary-en-fr.tsv`, from
//! French Wiktionary's translation tables, CC BY-SA): lexical evidence that
//! a French sentence translates an English one, and the translations of the
//! words of a name.
//!
//! French words are compared by a *key*: lower case, plural `s`/`x` dropped,
//! cut to its first five characters, so that inflected forms (`rois`,
//! `royale`, `décidé`) meet their dictionary form (`roi`, `royal`,
//! `décider`) often enough for evidence; English words are looked up with
//! their inflections removed (`kings`, `played`, `running`).

use super::lexicon::{FastMap, Lang, zipf};
use std::sync::LazyLock;

static DATA: &str = include_str!("../../../../data/dictionary-en-fr.tsv");

static DICT: LazyLock<FastMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut map = FastMap::default();
    for (i, line) in DATA.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (en, fr) = line.split_once('\t').unwrap_or_else(|| {
            panic!(
                "data/dictionary-en-fr.tsv:{}: expected `english<TAB>french...`",
                i + 1
            )
        });
        map.insert(en, fr.split(' ').filter(|w| !w.is_empty()).collect());
    }
    map
});

/// Builds the table now (it is otherwise built on first use).
pub fn warm_up() {
    LazyLock::force(&DICT);
    LazyLock::force(&KEYS);
}

/// The French translations of the English `word` (any case), trying its
/// base forms when the word itself is not an entry; empty when unknown.
pub fn translations(word: &str) -> &'static [&'static str] {
    let lower = word.to_lowercase();
    for form in english_base_forms(&lower) {
        if let Some(t) = DICT.get(form.as_str()) {
            return t;
        }
    }
    &[]
}

/// `word` (lower case) and the base forms its inflection may come from:
/// `kings` → `king`, `cities` → `city`, `played` → `play`, `making` →
/// `make`, `stopped` → `stop`.
fn english_base_forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut push = |s: &str| {
        if s.len() >= 2 && !out.iter().any(|o| o == s) {
            out.push(s.to_string());
        }
    };
    if let Some(s) = word.strip_suffix("ies") {
        push(&format!("{s}y"));
    }
    if let Some(s) = word.strip_suffix("es") {
        push(s);
    }
    if let Some(s) = word.strip_suffix('s') {
        push(s);
    }
    if let Some(s) = word.strip_suffix("ied") {
        push(&format!("{s}y"));
    }
    for suffix in ["ed", "ing"] {
        if let Some(s) = word.strip_suffix(suffix) {
            push(s);
            push(&format!("{s}e"));
            // Doubled consonant: "stopped", "running".
            let b = s.as_bytes();
            if b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] {
                push(&s[..s.len() - 1]);
            }
        }
    }
    if let Some(s) = word.strip_suffix('d') {
        push(s);
    }
    out
}

/// The comparison key of a French word: lower case, a plural `s` or `x`
/// dropped, its first five characters. `None` for words of fewer than
/// three letters.
pub fn french_key(word: &str) -> Option<u64> {
    let lower = word.to_lowercase();
    let lower = lower.replace('’', "'");
    // Elided article or pronoun: "l'état" → "état".
    let lower = match lower.split_once('\'') {
        Some((head, tail)) if head.chars().count() <= 5 => tail.to_string(),
        _ => lower,
    };
    let n = lower.chars().count();
    if n < 3 {
        return None;
    }
    let stem = if n > 3 {
        lower.strip_suffix(['s', 'x']).unwrap_or(&lower)
    } else {
        &lower
    };
    let prefix: String = stem.chars().take(5).collect();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in prefix.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    Some(h)
}

/// Whether an English word carries content worth looking up: at least three
/// letters, not among the most frequent words (`the`, `was`, `have`), which
/// every sentence has.
pub fn is_content_word(word: &str) -> bool {
    word.len() >= 3
        && word.bytes().all(|c| c.is_ascii_alphabetic())
        && zipf(Lang::En, word).is_none_or(|z| z < 6.0)
}

/// Most translations of a word used as lexical evidence (the most frequent
/// in French come first).
const MAX_KEYS: usize = 5;

/// The keys of each entry's first translations, built on first use.
static KEYS: LazyLock<FastMap<&'static str, Vec<u64>>> = LazyLock::new(|| {
    DICT.iter()
        .map(|(en, fr)| {
            let mut keys: Vec<u64> = fr
                .iter()
                .take(MAX_KEYS)
                .filter_map(|t| french_key(t))
                .collect();
            keys.sort_unstable();
            keys.dedup();
            (*en, keys)
        })
        .collect()
});

/// The keys of the French translations of the English `word`, when it is a
/// content word the dictionary knows, plus the key of the word itself
/// (names and words spelled alike in both languages: `transition`,
/// `police`).
pub fn translation_keys(word: &str) -> Vec<u64> {
    if !is_content_word(word) {
        return Vec::new();
    }
    let lower = word.to_ascii_lowercase();
    let found = KEYS.get(lower.as_str()).or_else(|| {
        english_base_forms(&lower)
            .iter()
            .skip(1)
            .find_map(|f| KEYS.get(f.as_str()))
    });
    let Some(keys) = found else {
        return Vec::new();
    };
    let mut keys = keys.clone();
    if let Some(own) = french_key(&lower)
        && !keys.contains(&own)
    {
        keys.push(own);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_english_words_find_their_entries() {
        assert!(translations("kings").contains(&"roi"));
        assert!(translations("Warriors").contains(&"guerrier"));
        assert!(translations("apple").contains(&"pomme"));
        assert!(translations("xqzwv").is_empty());
    }

    #[test]
    fn french_keys_meet_inflected_forms() {
        assert_eq!(french_key("rois"), french_key("roi"));
        assert_eq!(french_key("décidé"), french_key("décider"));
        assert_eq!(french_key("l'État"), french_key("état"));
        assert_ne!(french_key("pomme"), french_key("porte"));
        assert_eq!(french_key("le"), None);
    }

    #[test]
    fn function_words_are_not_content_words() {
        assert!(!is_content_word("the"));
        assert!(is_content_word("kings"));
        assert!(translation_keys("the").is_empty());
        assert!(translation_keys("kings").contains(&french_key("rois").unwrap()));
    }
}
