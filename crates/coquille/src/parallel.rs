//! What a bilingual check sees: the English source of the checked French
//! document, its sentences, and their alignment with the document's
//! sentences ([`crate::align`]).
//!
//! A [`Parallel`] is built once per check, either from a whole source text
//! (`coquille check --source`, the sentences aligned here) or from the source
//! of one unit of a bilingual file (XLIFF, PO, TMX: the unit is already
//! paired, its sentences are aligned inside it). Rules read it in
//! [`crate::Rule::check_with_source`].
//!
//! It also holds evidence several rules share, computed once on first use:
//! [`Parallel::copied_english`], the English words the target copied from
//! its source.

use crate::align::{self, Alignment, Link, Side};
use crate::document::{Document, Format};
use crate::glossary::KeptTerms;
use crate::lang::dictionary;
use crate::lang::english::is_loanword;
use crate::lang::lexicon::{Lang, zipf};
use crate::span::Span;
use std::sync::OnceLock;

/// How source and target were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// Two whole texts whose sentences were aligned by length and anchors:
    /// sentences may be left out or added.
    Aligned,
    /// The source and target of one unit of a bilingual file: paired by
    /// the translator's tool, so the unit as a whole is a translation of
    /// the source.
    Unit,
}

/// An inline code of a bilingual file's unit (an XLIFF `<x/>`, `<g>`,
/// `<ph>`, `<pc>`...; a TMX `<bpt>`...): the translation must carry the same
/// codes as its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineCode {
    /// What identifies the code across source and target: element name and
    /// id, with `/` before the name for a closing code (`g#1`, `/g#1`,
    /// `x#2`).
    pub key: String,
    /// Where the code stands in its text (an empty span: codes are not
    /// part of the text the rules read).
    pub at: usize,
}

/// The source of a checked document, aligned with it.
#[derive(Debug)]
pub struct Parallel<'a> {
    source: &'a str,
    source_format: Format,
    source_sentences: Vec<Span>,
    alignment: Alignment,
    pairing: Pairing,
    source_codes: Vec<InlineCode>,
    target_codes: Vec<InlineCode>,
    copied: OnceLock<Vec<CopiedRun>>,
    target_text: String,
    /// The target with its markup shown ([`Parallel::with_target_markup`]).
    target_markup: Option<String>,
    flags: Vec<String>,
    kept_terms: Option<&'a KeptTerms<'a>>,
}

/// A run of English words the target copied from its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CopiedRun {
    /// Bytes of the run in the target.
    pub target: Span,
    /// Bytes of the same words in the source.
    pub source: Span,
    /// Number of words.
    pub words: usize,
}

/// Expected characters of French per character of English when a unit is
/// too short to measure it (Gale and Church found 1.1 for French-English on
/// parliamentary text; news and software text measure 1.1–1.2).
pub const DEFAULT_RATIO: f64 = 1.15;

impl<'a> Parallel<'a> {
    /// Aligns `source` (English, in `source_format`) with the sentences of
    /// `target`.
    pub fn new(source: &'a str, source_format: Format, target: &Document<'_>) -> Self {
        let src = Side::english(source, source_format);
        let tgt = target_side(target);
        let alignment = align::align(&src, &tgt);
        Parallel {
            source,
            source_format,
            source_sentences: src.sentences,
            alignment,
            pairing: Pairing::Aligned,
            source_codes: Vec::new(),
            target_codes: Vec::new(),
            copied: OnceLock::new(),
            target_text: target.text().to_string(),
            target_markup: None,
            flags: Vec::new(),
            kept_terms: None,
        }
    }

    /// The source of one unit of a bilingual file, `target` being the
    /// unit's translation. `ratio` is the expected length ratio (measured on
    /// the whole file; [`DEFAULT_RATIO`] otherwise); `source_codes` and
    /// `target_codes` the unit's inline codes, if the format has them.
    pub fn unit(
        source: &'a str,
        source_format: Format,
        target: &Document<'_>,
        ratio: f64,
        source_codes: Vec<InlineCode>,
        target_codes: Vec<InlineCode>,
    ) -> Self {
        let src = Side::english(source, source_format);
        let tgt = target_side(target);
        let alignment = align::align_with_ratio(&src, &tgt, ratio);
        Parallel {
            source,
            source_format,
            source_sentences: src.sentences,
            alignment,
            pairing: Pairing::Unit,
            source_codes,
            target_codes,
            copied: OnceLock::new(),
            target_text: target.text().to_string(),
            target_markup: None,
            flags: Vec::new(),
            kept_terms: None,
        }
    }

    /// A unit of a bilingual file whose source is not text but a message key
    /// ([`crate::bitext::Unit::source_is_key`]): paired as a unit (a
    /// program's string, whose code and quoted terms are kept on purpose)
    /// but with no source text to compare with. The bilingual rules do not
    /// run on such a unit ([`crate::bilingual::unit_findings`]).
    pub fn unit_without_source(target: &Document<'_>, target_codes: Vec<InlineCode>) -> Self {
        Parallel::unit(
            "",
            Format::Text,
            target,
            DEFAULT_RATIO,
            Vec::new(),
            target_codes,
        )
    }

    /// The target with the markup that the text the rules read blanks out
    /// shown again, at the same offsets ([`Document::markup_shown`]): set
    /// by the checker when the target is read through a view.
    pub fn with_target_markup(mut self, text: Option<String>) -> Self {
        debug_assert!(
            text.as_ref()
                .is_none_or(|t| t.len() == self.target_text.len())
        );
        self.target_markup = text;
        self
    }

    /// The target as given, markup included, at the offsets of
    /// [`Parallel::target`] (which has tags, comments and code blanked out
    /// when the target is HTML or Markdown).
    pub fn target_with_markup(&self) -> &str {
        self.target_markup.as_deref().unwrap_or(&self.target_text)
    }

    /// The flags of a bilingual file's unit (PO: `c-format`,
    /// `python-brace-format`, `no-c-format`...), which say what its
    /// placeholders look like.
    pub fn with_flags(mut self, flags: Vec<String>) -> Self {
        self.flags = flags;
        self
    }

    /// The evidence of the whole bilingual file the unit belongs to: the
    /// terms its translators keep from the source ([`KeptTerms`]).
    pub fn with_kept_terms(mut self, kept_terms: &'a KeptTerms<'a>) -> Self {
        self.kept_terms = Some(kept_terms);
        self
    }

    /// The terms the unit's file keeps from its sources
    /// ([`Parallel::with_kept_terms`]); `None` for other inputs.
    pub fn kept_terms(&self) -> Option<&'a KeptTerms<'a>> {
        self.kept_terms
    }

    /// The unit's flags ([`Parallel::with_flags`]); empty for other inputs.
    pub fn flags(&self) -> &[String] {
        &self.flags
    }

    /// The source text as given.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The target text as given (rules read a view of it in which hidden
    /// markup is blanked out; offsets are the same).
    pub fn target(&self) -> &str {
        &self.target_text
    }

    /// The source text's format.
    pub fn source_format(&self) -> Format {
        self.source_format
    }

    /// The source's sentences.
    pub fn source_sentences(&self) -> &[Span] {
        &self.source_sentences
    }

    /// The alignment of the source's sentences with the target's
    /// ([`Document::sentences`] of the checked document).
    pub fn alignment(&self) -> &Alignment {
        &self.alignment
    }

    /// The alignment's links, in order.
    pub fn links(&self) -> &[Link] {
        &self.alignment.links
    }

    /// How source and target were paired.
    pub fn pairing(&self) -> Pairing {
        self.pairing
    }

    /// Whether sentence by sentence comparison makes sense: always for an
    /// aligned text; for a unit, when both texts read as prose
    /// ([`looks_like_prose`]), not tables of options.
    pub fn sentences_comparable(&self) -> bool {
        self.pairing == Pairing::Aligned
            || (looks_like_prose(self.source) && looks_like_prose(&self.target_text))
    }

    /// Inline codes of the source and of the target (empty unless the
    /// bilingual file has them).
    pub fn codes(&self) -> (&[InlineCode], &[InlineCode]) {
        (&self.source_codes, &self.target_codes)
    }

    /// Pairs of source and target text to compare: for an aligned text, one
    /// per link that has both sides; for a unit, the whole unit (its
    /// placeholders, numbers and names belong to the unit, whichever
    /// sentence carries them).
    pub fn pairs(&self) -> Vec<(Span, Span)> {
        match self.pairing {
            Pairing::Unit => {
                if self.source.trim().is_empty() || self.target_text.trim().is_empty() {
                    return Vec::new();
                }
                vec![(
                    Span::new(0, self.source.len()),
                    Span::new(0, self.target_text.len()),
                )]
            }
            Pairing::Aligned => self
                .links()
                .iter()
                .filter_map(|l| Some((l.source?, l.target?)))
                .collect(),
        }
    }

    /// Of the English content words of `source` (bytes of the source) that
    /// the dictionary knows, how many have a translation, or themselves,
    /// among the words of `target` (bytes of the target): `(found, known)`.
    pub fn words_translated(&self, source: Span, target: Span) -> (usize, usize) {
        let keys: std::collections::HashSet<u64> = words_in(&self.target_text, target)
            .iter()
            .filter_map(|w| dictionary::french_key(w.text))
            .collect();
        let (mut found, mut known) = (0, 0);
        for w in words_in(self.source, source) {
            let k = dictionary::translation_keys(w.text);
            if k.is_empty() {
                continue;
            }
            known += 1;
            if k.iter().any(|k| keys.contains(k)) {
                found += 1;
            }
        }
        (found, known)
    }

    /// English words of the target copied from the aligned source that are
    /// not French: lower-case words (names are kept on purpose) that are
    /// common in English and much rarer in French, not a loanword French
    /// uses, found as such in the source sentence(s) of their link. Runs of
    /// adjacent words are one run. Computed once.
    pub fn copied_english(&self) -> &[CopiedRun] {
        self.copied.get_or_init(|| copied_english(self))
    }
}

fn target_side<'t>(target: &Document<'t>) -> Side<'t> {
    Side::with_sentences(
        target.text(),
        target.sentences().iter().map(|s| s.span).collect(),
    )
}

/// A word of a text, with its bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'t> {
    pub(crate) text: &'t str,
    pub(crate) span: Span,
}

/// The words of `text` within `span`: runs of letters, digits, inner
/// apostrophes and hyphens.
pub(crate) fn words_in(text: &str, span: Span) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let s = span.slice(text);
    let mut start = None;
    let mut iter = s.char_indices().peekable();
    while let Some((p, c)) = iter.next() {
        let inner = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && iter.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(p);
        } else if let Some(b) = start.take() {
            out.push(Word {
                text: &s[b..p],
                span: Span::new(span.start + b, span.start + p),
            });
        }
    }
    if let Some(b) = start {
        out.push(Word {
            text: &s[b..],
            span: Span::new(span.start + b, span.end),
        });
    }
    out
}

/// Whether `word` (as written) is English and not French: no French
/// letter, at least 2 letters, Zipf ≥ 3 in English and at least 1.5 above
/// its French Zipf (30 times more frequent), not a loanword.
pub fn english_not_french(word: &str) -> bool {
    if word.chars().count() < 2
        || !word
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-')
    {
        return false;
    }
    let Some(en) = zipf(Lang::En, word) else {
        return false;
    };
    let fr = zipf(Lang::Fr, word).unwrap_or(1.5);
    en >= 3.0 && en - fr >= 1.5 && !is_loanword(word)
}

fn copied_english(p: &Parallel<'_>) -> Vec<CopiedRun> {
    let mut out = Vec::new();
    for (source, target) in p.pairs() {
        let src_words = words_in(p.source, source);
        let tgt_words = words_in(&p.target_text, target);
        // Each target word found as such (lower case) in the source, and
        // whether it is English and not French.
        let marks: Vec<Option<(Span, bool)>> = tgt_words
            .iter()
            .map(|w| {
                if !w.text.chars().next().is_some_and(char::is_lowercase) {
                    return None;
                }
                let s = src_words.iter().find(|s| s.text == w.text)?;
                Some((s.span, english_not_french(w.text)))
            })
            .collect();
        // Maximal runs of adjacent copied words, trimmed to English words
        // at both ends ("que the situation", where "situation" is French
        // too but inside the copied run).
        let mut k = 0;
        while k < tgt_words.len() {
            if marks[k].is_none() {
                k += 1;
                continue;
            }
            let mut end = k + 1;
            while end < tgt_words.len()
                && marks[end].is_some()
                && adjacent(&p.target_text, tgt_words[end - 1].span, tgt_words[end].span)
            {
                end += 1;
            }
            let english = |i: &usize| marks[*i].is_some_and(|(_, e)| e);
            let first = (k..end).find(english);
            let last = (k..end).rev().find(english);
            if let (Some(a), Some(b)) = (first, last) {
                let spans = marks[a..=b].iter().flatten().map(|(s, _)| *s);
                let source = spans
                    .clone()
                    .reduce(|x, y| Span::new(x.start.min(y.start), x.end.max(y.end)))
                    .unwrap_or(Span::new(0, 0));
                out.push(CopiedRun {
                    target: Span::new(tgt_words[a].span.start, tgt_words[b].span.end),
                    source,
                    words: b - a + 1,
                });
            }
            k = end;
        }
    }
    out
}

/// Whether `span` of `text` is code or a quoted term: inside quotation
/// marks or backticks on its line (or TeX's `` `quoted' ``), holding or touching characters of code
/// (`--option`, `a/b`, `x=y`, `name_with_underscores`, `%s`, `<file>`,
/// `[...]`, `|`), or right after a command-line option or a path. Such text
/// keeps its English on purpose.
pub fn quoted_or_code(text: &str, span: Span) -> bool {
    let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |p| span.end + p);
    let before = &text[line_start..span.start];
    let after = &text[span.end..line_end];
    // Quote marks, not apostrophes between letters (`l'option`).
    let quotes = |s: &str, q: char| {
        let chars: Vec<char> = s.chars().collect();
        (0..chars.len())
            .filter(|&k| {
                chars[k] == q
                    && !(k > 0
                        && chars[k - 1].is_alphabetic()
                        && chars.get(k + 1).is_some_and(|c| c.is_alphabetic()))
            })
            .count()
    };
    let open = |o: char, c: char| {
        if o == c {
            quotes(before, o) % 2 == 1 && after.contains(c)
        } else {
            quotes(before, o) > quotes(before, c)
        }
    };
    let inner = span.slice(text);
    let touching = |c: Option<char>| {
        c.is_some_and(|c| {
            matches!(
                c,
                '-' | '/'
                    | '='
                    | '_'
                    | '%'
                    | '$'
                    | '<'
                    | '>'
                    | '['
                    | ']'
                    | '|'
                    | '\\'
                    | '.'
                    | '@'
                    | '{'
                    | '}'
            )
        })
    };
    // TeX's and GNU's old quoting, a backtick closed by an apostrophe
    // (`type `show warranty'`).
    let tex = before
        .rfind('`')
        .is_some_and(|b| quotes(&before[b + 1..], '\'') == 0)
        && quotes(after, '\'') > 0;
    tex || open('«', '»')
        || open('“', '”')
        || open('‘', '’')
        || open('"', '"')
        || open('`', '`')
        || open('\'', '\'')
        || inner.contains([
            '/', '=', '_', '%', '$', '<', '>', '[', ']', '|', '\\', '{', '}', '@',
        ])
        || inner.contains("--")
        || inner.split_whitespace().any(|w| w.starts_with('-'))
        || (touching(before.chars().next_back()) && !before.ends_with(" -"))
        || touching(after.chars().next()) && !after.starts_with(". ") && after != "."
        || before.trim_end().ends_with(['-', '/', '=', '$', '<', '['])
}

/// Whether the `!` at `bang` of a unit's target ends a name its `source`
/// writes with its `!` inside a sentence, a lower-case word after it
/// (`Qalculate! definitions`): the mark is the name's, not the sentence's.
pub fn name_with_exclamation(target: &str, bang: usize, source: &str) -> bool {
    let word: String = target[..bang]
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .take(30)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.chars().count() < 2 {
        return false;
    }
    let named = format!("{word}!");
    source.match_indices(&named).any(|(i, _)| {
        let before = source[..i].chars().next_back();
        let mut after = source[i + named.len()..].chars();
        !before.is_some_and(char::is_alphanumeric)
            && after.next() == Some(' ')
            && after.next().is_some_and(char::is_lowercase)
    })
}

/// Whether `text` reads as prose rather than a table of options (a
/// command's help: lines starting with `-`, columns aligned with runs of
/// spaces or tabs), whose sentences cannot be aligned one by one.
pub fn looks_like_prose(text: &str) -> bool {
    text.lines().enumerate().all(|(k, line)| {
        let t = line.trim();
        if k > 0 && line.starts_with("   ") && !t.is_empty() {
            return false;
        }
        let option = t.starts_with('-')
            && t.chars()
                .nth(1)
                .is_some_and(|c| c.is_alphanumeric() || c == '-');
        let columns = t.contains("   ") || t.contains('\t');
        !option && !columns
    })
}

/// Two words separated by spaces only.
fn adjacent(text: &str, a: Span, b: Span) -> bool {
    a.end <= b.start && text[a.end..b.start].chars().all(|c| c == ' ')
}

/// `span` of `text` without the white space around it; `None` when nothing
/// else is left.
pub(crate) fn trimmed(text: &str, span: Span) -> Option<Span> {
    let s = span.slice(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    (start < end).then(|| Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_its_exclamation_mark_is_told_by_the_source() {
        let source = "Not a Yippee! definitions file.";
        assert!(name_with_exclamation("Fichier Yippee! : x", 14, source));
        assert!(!name_with_exclamation("Fichier Zorglub! : x", 15, source));
        assert!(!name_with_exclamation("Fait! : x", 4, "Done! Next file."));
    }

    #[test]
    fn copied_english_words_are_found_in_the_source() {
        let en = "The minister said the situation was extremely difficult for everyone.";
        let fr = "Le ministre a dit que the situation was extremely difficile pour tous.";
        let doc = Document::new(fr);
        let p = Parallel::new(en, Format::Text, &doc);
        let runs: Vec<&str> = p
            .copied_english()
            .iter()
            .map(|r| r.target.slice(fr))
            .collect();
        assert_eq!(runs, ["the situation was extremely"]);
        assert_eq!(
            p.copied_english()[0].source.slice(en),
            "the situation was extremely"
        );
    }

    #[test]
    fn names_loanwords_and_french_words_are_not_copies() {
        let en = "The Sacramento Kings played a great match in the week-end, said coach Smith on Twitter.";
        let fr = "Les Kings de Sacramento ont joué un grand match ce week-end, a déclaré l'entraîneur Smith sur Twitter.";
        let doc = Document::new(fr);
        let p = Parallel::new(en, Format::Text, &doc);
        assert!(p.copied_english().is_empty(), "{:?}", p.copied_english());
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let t = "L'entraîneur, week-end: don't (go)";
        let w: Vec<&str> = words_in(t, Span::new(0, t.len()))
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(w, ["L'entraîneur", "week-end", "don't", "go"]);
    }
}
