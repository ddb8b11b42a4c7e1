//! English-versus-French evidence: lexicons, language detectors and span
//! labelling.

pub mod detect;
pub mod dictionary;
pub mod english;
pub mod french;
pub mod lexicon;
pub mod teams;
pub mod us;

pub use english::{EnglishSpan, Evidence, english_spans, english_spans_with};
