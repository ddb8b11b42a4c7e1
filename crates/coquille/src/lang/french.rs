//! The French lexicon: every inflected form of the Grammalecte/Dicollecte
//! dictionary (`data/lexicon-fr.tsv`, MPL-2.0) with its word classes.
//!
//! The list is compiled into a finite-state map by the build script, so a
//! look-up parses nothing at start-up and costs a walk of the word's bytes.
//! Forms are stored as the dictionary writes them: common words in lower
//! case, names capitalised (`Paris`, `Marie`), abbreviations as written
//! (`km`, `ONU`). [`classes_any_case`] also tries the lower-case and the
//! capitalised spelling, for words at the start of a sentence or in capitals.

use std::sync::LazyLock;

static FST_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon-fr.fst"));

static MAP: LazyLock<fst::Map<&'static [u8]>> =
    LazyLock::new(|| fst::Map::new(FST_BYTES).expect("the build script wrote a valid map"));

/// A word class of the lexicon. The order is the bit order of
/// [`WordClasses`] and of the build script's `CLASSES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Class {
    /// Common noun.
    Noun,
    /// Adjective.
    Adjective,
    /// Finite verb form (indicative, subjunctive, conditional, imperative).
    Verb,
    /// Infinitive.
    Infinitive,
    /// Participle.
    Participle,
    /// Adverb.
    Adverb,
    /// Determiner (`le`, `des`, `ses`, `aucun`).
    Determiner,
    /// Preposition (`de`, `entre`, `sans`).
    Preposition,
    /// Pronoun (`il`, `les`, `en`, `dont`).
    Pronoun,
    /// Conjunction (`et`, `si`, `que`).
    Conjunction,
    /// Another grammatical word.
    Grammatical,
    /// Place name (`Paris`, `Ouagadougou`).
    Place,
    /// First name (`Marie`).
    FirstName,
    /// Surname (`Dupont`).
    Surname,
    /// Another proper name.
    ProperName,
    /// Interjection.
    Interjection,
    /// Number word (`seize`).
    Number,
    /// Title (`messeigneurs`).
    Title,
    /// Unit or symbol (`km`, `€`).
    Unit,
    /// Anything else the dictionary holds.
    Other,
    /// Takes no elision before it: aspirated h and a few others (`le héros`, `le onze`).
    NoElision,
    /// A word in h that takes elision (`l'homme`).
    Elision,
}

/// The set of classes of one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WordClasses(u32);

impl WordClasses {
    /// Whether the form has class `c`.
    pub fn has(self, c: Class) -> bool {
        self.0 & (1 << c as u32) != 0
    }

    /// Whether the form has any of `classes`.
    pub fn any(self, classes: &[Class]) -> bool {
        classes.iter().any(|&c| self.has(c))
    }

    /// Whether every reading of the form is a name (place, first name,
    /// surname or other proper name).
    pub fn only_names(self) -> bool {
        let names = [
            Class::Place,
            Class::FirstName,
            Class::Surname,
            Class::ProperName,
        ];
        let mask: u32 = names.iter().map(|&c| 1 << c as u32).sum();
        let flags = (1 << Class::NoElision as u32) | (1 << Class::Elision as u32);
        self.0 & mask != 0 && self.0 & !(mask | flags) == 0
    }
}

/// The classes of `form` exactly as written, or `None` when the dictionary
/// does not hold it.
pub fn classes(form: &str) -> Option<WordClasses> {
    MAP.get(form).map(|bits| WordClasses(bits as u32))
}

/// The classes of `word` as written, else in lower case, else capitalised
/// (the union of what is found first). Apostrophes: the dictionary writes ’
/// in elided forms (`aujourd’hui`); `'` is tried as ’ too.
pub fn classes_any_case(word: &str) -> Option<WordClasses> {
    if let Some(c) = classes(word) {
        return Some(c);
    }
    if word.contains('\'') {
        return classes_any_case(&word.replace('\'', "’"));
    }
    let lower = word.to_lowercase();
    if lower != word
        && let Some(c) = classes(&lower)
    {
        return Some(c);
    }
    let mut chars = lower.chars();
    let first = chars.next()?;
    let capitalised: String = first.to_uppercase().chain(chars).collect();
    if capitalised != word {
        return classes(&capitalised);
    }
    None
}

/// Whether `word` (any case) is a French form.
pub fn is_french(word: &str) -> bool {
    classes_any_case(word).is_some()
}

/// Builds the map now (a test forces it so that a malformed build fails CI).
pub fn warm_up() {
    LazyLock::force(&MAP);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_have_their_classes() {
        warm_up();
        let homme = classes("homme").unwrap();
        assert!(homme.has(Class::Noun) && homme.has(Class::Elision));
        assert!(classes("héros").unwrap().has(Class::NoElision));
        assert!(classes("charger").unwrap().has(Class::Infinitive));
        assert!(!classes("charger").unwrap().has(Class::Noun));
        let les = classes("les").unwrap();
        assert!(les.has(Class::Determiner) && les.has(Class::Pronoun));
        assert!(classes("Paris").unwrap().only_names());
        assert!(!classes("homme").unwrap().only_names());
        assert!(classes("hiking").is_none());
    }

    #[test]
    fn any_case_finds_sentence_starts_capitals_and_apostrophes() {
        assert!(is_french("Homme"));
        assert!(is_french("HOMME"));
        assert!(is_french("paris"));
        assert!(is_french("aujourd'hui"));
        assert!(is_french("aujourd’hui"));
        assert!(!is_french("Stainless"));
        assert!(!is_french(""));
    }
}
