//! Terms a bilingual file's translators keep from the source: evidence
//! about a whole catalogue that a check of one unit cannot see on its own.
//!
//! A software catalogue's translators keep some English terms on purpose
//! (`trigger`, `slot`, `postmaster` in PostgreSQL's French messages): the
//! term stands in the target of unit after unit whose source has it. A
//! leftover is the other way round: a term the catalogue translates
//! elsewhere, or English no other unit keeps. [`KeptTerms`] counts, for a
//! term, the units whose source has it and those whose target keeps it
//! too, over the whole file; it is built once per file
//! ([`crate::bilingual::unit_findings`]) and reaches the rules through
//! [`crate::parallel::Parallel::kept_terms`].

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Least units of a file whose target keeps a term of their source for the
/// term to be the translators' choice ("several units", not one slip
/// copied twice).
pub const KEPT_UNITS: usize = 3;

/// Longest term, in words, looked up: glossary terms are short noun
/// phrases (`background writer`, `hot standby`).
pub const MAX_TERM_WORDS: usize = 4;

/// How a file's translators treat one term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermUse {
    /// Units whose source has the term.
    pub in_source: usize,
    /// Of those, units whose target has it too.
    pub kept: usize,
}

impl TermUse {
    /// Whether the translators keep the term as a rule: in [`KEPT_UNITS`]
    /// units or more, and in at least half of the units whose source has it
    /// (a term the file mostly translates is left over where it stays).
    pub fn is_glossary(&self) -> bool {
        self.kept >= KEPT_UNITS && 2 * self.kept >= self.in_source
    }

    /// Whether the translators translate the term as a rule: its source
    /// has it in [`KEPT_UNITS`] units or more, and the targets keep it in
    /// fewer than half of them.
    pub fn is_translated(&self) -> bool {
        self.in_source >= KEPT_UNITS && 2 * self.kept < self.in_source
    }
}

/// The source and target texts of a bilingual file's translated units, with
/// an index of their words built on first use, and the terms looked up so
/// far.
#[derive(Debug)]
pub struct KeptTerms<'b> {
    pairs: Vec<(&'b str, &'b str)>,
    index: OnceLock<Index>,
    seen: Mutex<HashMap<Vec<u32>, Option<TermUse>>>,
}

/// Each unit's words as ids, and for each word the units that have it.
#[derive(Debug, Default)]
struct Index {
    ids: HashMap<String, u32>,
    source: Vec<Vec<u32>>,
    target: Vec<Vec<u32>>,
    /// Units whose source has the word (ascending, once each).
    in_source: HashMap<u32, Vec<u32>>,
}

impl<'b> KeptTerms<'b> {
    /// The evidence of a file whose translated units are `pairs` of source
    /// and target text. Nothing is read before the first look-up.
    pub fn new(pairs: Vec<(&'b str, &'b str)>) -> Self {
        KeptTerms {
            pairs,
            index: OnceLock::new(),
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// How the file treats `term` (text of a target): the units whose
    /// source has its words side by side (in any order, with plural `s` and
    /// case ignored: `BEFORE trigger` for `trigger BEFORE`, `Triggers` for
    /// `triggers`), and those of them whose target has them side by side
    /// too. `None` for a term of no word or more than [`MAX_TERM_WORDS`].
    pub fn term_use(&self, term: &str) -> Option<TermUse> {
        let index = self.index.get_or_init(|| Index::of(&self.pairs));
        let words = normalised(term);
        if words.is_empty() || words.len() > MAX_TERM_WORDS {
            return None;
        }
        let Some(ids) = words
            .iter()
            .map(|w| index.ids.get(w.as_str()).copied())
            .collect::<Option<Vec<u32>>>()
        else {
            // A word no source has.
            return Some(TermUse {
                in_source: 0,
                kept: 0,
            });
        };
        if let Some(found) = self.seen.lock().ok().and_then(|s| s.get(&ids).copied()) {
            return found;
        }
        let found = Some(index.term_use(&ids));
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(ids, found);
        }
        found
    }
}

impl Index {
    fn of(pairs: &[(&str, &str)]) -> Index {
        let mut index = Index::default();
        for (k, (source, target)) in pairs.iter().enumerate() {
            let s = index.intern(source);
            let t = index.intern(target);
            let mut once = s.clone();
            once.sort_unstable();
            once.dedup();
            for w in once {
                index.in_source.entry(w).or_default().push(k as u32);
            }
            index.source.push(s);
            index.target.push(t);
        }
        index
    }

    fn intern(&mut self, text: &str) -> Vec<u32> {
        normalised(text)
            .into_iter()
            .map(|w| {
                let next = self.ids.len() as u32;
                *self.ids.entry(w).or_insert(next)
            })
            .collect()
    }

    fn term_use(&self, ids: &[u32]) -> TermUse {
        // The units whose source has every word: the shortest list first.
        let mut lists: Vec<&Vec<u32>> = ids
            .iter()
            .map(|w| self.in_source.get(w).map_or(&EMPTY, |l| l))
            .collect();
        lists.sort_by_key(|l| l.len());
        let mut sorted = ids.to_vec();
        sorted.sort_unstable();
        let (mut in_source, mut kept) = (0, 0);
        for &u in lists[0] {
            if !lists[1..].iter().all(|l| l.binary_search(&u).is_ok()) {
                continue;
            }
            let u = u as usize;
            if side_by_side(&self.source[u], &sorted) {
                in_source += 1;
                if side_by_side(&self.target[u], &sorted) {
                    kept += 1;
                }
            }
        }
        TermUse { in_source, kept }
    }
}

static EMPTY: Vec<u32> = Vec::new();

/// Whether `words` holds the (sorted) `term` as consecutive words, in any
/// order.
fn side_by_side(words: &[u32], term: &[u32]) -> bool {
    let n = term.len();
    words.len() >= n
        && words.windows(n).any(|w| {
            let mut w = w.to_vec();
            w.sort_unstable();
            w == term
        })
}

/// The words of `text` as the glossary compares them: runs of letters and
/// digits (a hyphen or an apostrophe separates: `channel-binding` is
/// `channel binding`), lower-cased, a final plural `s` dropped from words of
/// four letters or more (not `ss`); the `s` of an English possessive
/// (`trigger's`) is no word.
pub fn normalised(text: &str) -> Vec<String> {
    fn flush(word: &mut String, after_apostrophe: bool, out: &mut Vec<String>) {
        if word.is_empty() {
            return;
        }
        if after_apostrophe && word == "s" {
            word.clear();
            return;
        }
        let n = word.chars().count();
        if n >= 4 && word.ends_with('s') && !word.ends_with("ss") {
            word.pop();
        }
        out.push(std::mem::take(word));
    }
    let mut out = Vec::new();
    let mut word = String::new();
    let mut after_apostrophe = false;
    let mut prev = ' ';
    for c in text.chars() {
        if c.is_alphanumeric() {
            if word.is_empty() {
                after_apostrophe = matches!(prev, '\'' | '’');
            }
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, after_apostrophe, &mut out);
        }
        prev = c;
    }
    flush(&mut word, after_apostrophe, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_compared_folded_without_plural_or_possessive() {
        assert_eq!(
            normalised("BEFORE trigger's WHEN, Triggers channel-binding"),
            ["before", "trigger", "when", "trigger", "channel", "binding"]
        );
        assert_eq!(normalised("les options grant"), ["les", "option", "grant"]);
        assert_eq!(normalised("process pass"), ["process", "pass"]);
    }

    fn catalogue() -> Vec<(&'static str, &'static str)> {
        vec![
            (
                "Triggers on views are disabled",
                "Les triggers sur les vues sont désactivés",
            ),
            (
                "BEFORE trigger's WHEN condition",
                "la condition WHEN d'un trigger BEFORE",
            ),
            (
                "trigger \"%s\" does not exist",
                "le trigger « %s » n'existe pas",
            ),
            ("invalid trigger name", "nom de trigger invalide"),
            ("window function", "fonction de fenêtrage"),
            (
                "window functions are not allowed",
                "les fonctions de fenêtrage ne sont pas autorisées",
            ),
            ("window frame", "cadre de fenêtrage"),
            (
                "Window ordering columns",
                "Les colonnes de tri de la window",
            ),
            ("the window is closed", "la window est fermée"),
            ("the window is open", "la window est ouverte"),
        ]
    }

    #[test]
    fn a_term_kept_unit_after_unit_is_the_glossary() {
        let kept = KeptTerms::new(catalogue());
        let t = kept.term_use("triggers").unwrap();
        assert_eq!(
            t,
            TermUse {
                in_source: 4,
                kept: 4
            }
        );
        assert!(t.is_glossary());
        // Reordered in the French, still the same words side by side.
        let t = kept.term_use("trigger BEFORE").unwrap();
        assert_eq!(
            t,
            TermUse {
                in_source: 1,
                kept: 1
            }
        );
        assert!(!t.is_glossary());
    }

    #[test]
    fn a_term_the_file_mostly_translates_is_no_glossary() {
        // Kept in three units of six: translated as often as kept.
        let kept = KeptTerms::new(catalogue());
        let t = kept.term_use("window").unwrap();
        assert_eq!(
            t,
            TermUse {
                in_source: 6,
                kept: 3
            }
        );
        assert!(t.is_glossary());
        let mut pairs = catalogue();
        pairs.push(("window size", "taille du cadre de fenêtrage"));
        let t = KeptTerms::new(pairs).term_use("window").unwrap();
        assert_eq!(
            t,
            TermUse {
                in_source: 7,
                kept: 3
            }
        );
        assert!(!t.is_glossary());
        // A word no source has, and a phrase too long to be a term.
        assert_eq!(kept.term_use("cadre").unwrap().in_source, 0);
        assert_eq!(kept.term_use("the window is very closed"), None);
    }
}
