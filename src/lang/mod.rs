//! English-versus-French evidence: lexicons, language detectors and span
//! labelling.

pub mod lexicon;
