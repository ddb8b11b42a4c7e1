//! English-versus-French evidence: lexicons, language detectors and span
//! labelling.

pub mod lexicon;
pub mod english;

pub use english::{EnglishSpan, Evidence, english_spans, english_spans_with};
