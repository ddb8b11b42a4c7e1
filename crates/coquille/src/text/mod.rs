//! The text layer: what every rule needs to know about characters, words and
//! the parts of a text that are not prose, defined once.
//!
//! - [`chars`]: character classes (spaces, apostrophes, dashes, quotes,
//!   bullets, letters);
//! - [`fold`], [`fold_into`], [`fold_onto`], [`folded_chars`]: the word normaliser
//!   (lower case, apostrophes made straight) used for every look-up in a
//!   word list;
//! - [`Regions`]: the protected regions of a document (tags, code, URLs,
//!   e-mail addresses, entities, domains, file names, numbers with their
//!   units), found once per [`Document`](crate::Document) and queried by the
//!   rules ([`Document::regions`](crate::Document::regions));
//! - [`Tokens`]: the whitespace-delimited token around a position, and what
//!   it looks like (a path, an address, code), with the cache that keeps a
//!   scan of a long token linear; [`count_words`], the words of a text
//!   (the denominator of the [document score](crate::score));
//! - [`lines`]: the lines of a text with their offsets;
//! - `patterns`: literal patterns found leftmost-longest, one by one in a
//!   short text and by an automaton built once enough text has been
//!   searched (team names, their French renderings);
//! - [`references`]: bibliographic references, source notes and embedded
//!   posts, where dates and numbers keep the style of their source
//!   (`english-date`, `stray-full-stop`, `sentence-fragment`).
//!
//! Where a rule asks "is this markup, an address or code?":
//! - `french-spacing`: the mark is in a tag, `code`, a URL, an e-mail
//!   address or an entity ([`Regions`]), or its token is an address or code
//!   ([`Token::is_address`], [`Token::is_code`]);
//! - `english-quotes`: the quote is in a tag or `code` ([`Regions`]);
//! - `english-date`, `twelve-hour-clock`, `currency-position`,
//!   `us-place-format`, `stray-full-stop`: the match is in a region of
//!   [`RegionKind::NOT_PROSE`]; `missing-space-after-punctuation`: the same
//!   or an entity;
//! - `duplicate-punctuation`: the marks' token is an address;
//! - `glued-words`: the chunk is an address, or code by the rule's own,
//!   wider signs (`#hashtag`, `getElement(`, `obj.method`).
//!
//! Three checks stay where they are, because their answer differs on
//! purpose: `capital-accent` looks at the characters right around a word
//! (`www.Etat.fr`, `Etat_2`), the sentence splitter at the text before a
//! glued full stop (it runs before a document exists), and the English
//! detector at chunks of one paragraph, which it skips as non-words.

pub mod chars;
pub(crate) mod patterns;
pub mod references;
pub(crate) mod regex_util;
mod regions;
mod tokens;
mod words;

pub(crate) use regions::merge as merge_spans;
pub use regions::{Region, RegionKind, Regions, warm_up as warm_up_regions};
pub use tokens::{
    Token, Tokens, count_tokens, count_words, in_quotation, is_code_pair_colon, opens_sentence,
};
pub use words::{fold, fold_into, fold_onto, folded_chars, lowercase, word_end};

/// The lines of `text`, each with the byte offset where it starts and its
/// line break (`\n`, or `\r\n`) kept; the last line may have none.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    })
}
