//! Word frequencies of English and French (wordfreq, Zipf scale), compiled in.
//!
//! Zipf 7 is once every 10 words, 3 is once per million words. Lists keep
//! words with Zipf ≥ 2.5; a word absent from a list is rarer than that (or not
//! a word of that language). Look-ups are case-insensitive: pass any casing.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, non-cryptographic hasher (multiply-rotate, as in rustc's FxHash)
/// for the static word tables: their keys are fixed at build time, so
/// hash flooding is not a concern, and look-ups are the detectors' hot loop.
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// A `HashMap` keyed by static words, hashed with [`FxHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A `HashSet` of static words, hashed with [`FxHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

/// The languages the lexicon knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

/// A word-frequency table built at compile time (`build.rs`): a perfect
/// hash of the words (`phf_shared`'s, with the displacements the build
/// found) gives the one slot a word can be in; its word is compared.
struct Table {
    key: phf_shared::HashKey,
    disps: &'static [(u32, u32)],
    /// The words end to end, in slot order.
    words: &'static str,
    /// Where each slot's word ends in `words`.
    ends: &'static [u32],
    zipf: &'static [f32],
}

impl Table {
    fn get(&self, word: &str) -> Option<f32> {
        let hashes = phf_shared::hash(word, &self.key);
        let i = phf_shared::get_index(&hashes, self.disps, self.ends.len()) as usize;
        let start = match i {
            0 => 0,
            _ => self.ends[i - 1] as usize,
        };
        (self.words.get(start..self.ends[i] as usize) == Some(word)).then(|| self.zipf[i])
    }

    /// The table of `lang`.
    fn of(lang: Lang) -> &'static Table {
        match lang {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }
}

// `static EN` and `static FR`, built from `data/wordfreq-en.tsv` and
// `data/wordfreq-fr.tsv` by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/wordfreq.rs"));

/// Zipf frequency of `word` in `lang`, or `None` when the word is rarer than
/// Zipf 2.5 there (or unknown).
pub fn zipf(lang: Lang, word: &str) -> Option<f32> {
    let map = Table::of(lang);
    if let Some(z) = map.get(word) {
        return Some(z);
    }
    // wordfreq lists are lowercase, with straight apostrophes.
    match crate::text::fold(word) {
        std::borrow::Cow::Owned(folded) => map.get(folded.as_str()),
        std::borrow::Cow::Borrowed(_) => None,
    }
}

/// Zipf frequency of `word` exactly as given (already lowercase, straight
/// apostrophes), without allocating: the fast path for hot loops.
pub fn zipf_exact(lang: Lang, word: &str) -> Option<f32> {
    Table::of(lang).get(word)
}

/// The words of `lang`'s table that start with `prefix` and are longer than
/// it, with their Zipf values (`carac` → `caractère`, `caractères`…). A scan
/// of the whole table: for rare questions, not for every word of a text.
pub fn extensions(lang: Lang, prefix: &str) -> impl Iterator<Item = (&'static str, f32)> + '_ {
    let table = Table::of(lang);
    table.ends.iter().enumerate().filter_map(move |(i, &end)| {
        let start = match i {
            0 => 0,
            _ => table.ends[i - 1] as usize,
        };
        let word = table.words.get(start..end as usize)?;
        (word.len() > prefix.len() && word.starts_with(prefix)).then(|| (word, table.zipf[i]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_load_and_answer_case_insensitively() {
        assert!(zipf(Lang::En, "the").unwrap() > 7.0);
        assert!(zipf(Lang::Fr, "de").unwrap() > 7.0);
        assert_eq!(zipf(Lang::En, "The"), zipf(Lang::En, "the"));
        assert!(zipf(Lang::Fr, "xqzwv").is_none());
    }

    #[test]
    fn extensions_are_the_longer_words_a_prefix_begins() {
        let found: Vec<&str> = extensions(Lang::Fr, "caract").map(|(w, _)| w).collect();
        assert!(found.contains(&"caractère"), "{found:?}");
        assert!(found.iter().all(|w| w.starts_with("caract") && w.len() > 6));
        assert!(!extensions(Lang::Fr, "caract").any(|(w, _)| w == "caract"));
        assert_eq!(extensions(Lang::Fr, "xqzwv").count(), 0);
    }
}
