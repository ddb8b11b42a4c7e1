//! Finds runs of English words left in French text.
//!
//! The detector works on word tokens. Each token gets a score, the evidence
//! that it is English rather than French, in Zipf units (log10 of relative
//! frequency):
//!
//! - **frequency**: English Zipf minus French Zipf from the wordfreq lexicons;
//! - **function words**: a bonus for closed-class words only one language has
//!   (`the`, `of`, `which` / `le`, `des`, `qui`);
//! - **morphology**: French accents and elisions (`l'`, `qu'`), English
//!   clitics (`'s`, `n't`) and suffixes of words neither lexicon knows;
//! - **capitalisation**: a run of capitalised words (a name or a title, with
//!   `of`, `the`, `and` inside: `Bank of Scotland`) next to clear French is
//!   neutral; a capitalised word rare in both lexicons is neutral anyway.
//!
//! A two-state (French, English) Viterbi pass over each segment (text between
//! strong punctuation) turns token scores into spans: entering English costs
//! more than staying in it, so a run of English words, names included, is one
//! span, while one English-looking name in a French sentence is not enough to
//! switch. Candidate spans of three words or more are then confirmed by
//! lingua (English and French models only); whatlang is available as a
//! second confirmer for evaluation.
//!
//! Words French has adopted (`week-end`, `podcast`, `Covid`) come from
//! `data/loanwords-en-fr.txt` and never count as English evidence.

use super::lexicon::{FastMap, FastSet, Lang, zipf_exact};
use crate::data;
use crate::span::Span;
use crate::text::chars::{
    char_at, is_alphanumeric, is_apostrophe, is_french_letter, is_opening_bracket,
};
use crate::text::{fold_into, fold_onto};
use aho_corasick::AhoCorasick;
use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use regex::Regex;
use std::sync::LazyLock;

/// One run of English words found in French text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnglishSpan {
    /// Bytes of the run in the text given to [`english_spans`].
    pub span: Span,
    /// Number of word tokens in the run.
    pub words: usize,
    /// The run is a whole sentence (or heading) of three words or more.
    pub whole_sentence: bool,
    /// The run holds English grammar: a function word (`the`, `was`,
    /// `with`) or a clitic (`'s`, `n't`). A run without it is a term
    /// (`lead nurturing`, `early access`) or a single word, which careful
    /// French also borrows.
    pub syntax: bool,
    /// Every word of the run is capitalised: a title, a name or a label.
    pub capitalised: bool,
    /// The run is a line of its own (a heading, an interface label).
    pub line: bool,
}

/// Which pieces of evidence the detector uses. [`Evidence::default`] turns
/// everything on except whatlang; the other settings exist to measure each
/// piece's contribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Evidence {
    /// English vs French word frequency.
    pub frequency: bool,
    /// Closed-class words of each language.
    pub function_words: bool,
    /// Accents, elisions, clitics, suffixes.
    pub morphology: bool,
    /// The full French lexicon: a word it does not hold is not French.
    pub lexicon: bool,
    /// Capitalised runs next to French are names, not English.
    pub capitalisation: bool,
    /// Smooth token labels into spans with Viterbi (off: each token on its own).
    pub smoothing: bool,
    /// Confirm candidate spans of 3+ words with lingua.
    pub lingua: bool,
    /// Confirm candidate spans of 3+ words with whatlang.
    pub whatlang: bool,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            frequency: true,
            function_words: true,
            morphology: true,
            lexicon: true,
            capitalisation: true,
            smoothing: true,
            lingua: true,
            whatlang: false,
        }
    }
}

/// Lowercase English words French has adopted (single words and phrases).
static LOANWORDS: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| data::LOANWORDS.words().collect());

static LINGUA: LazyLock<LanguageDetector> = LazyLock::new(|| {
    LanguageDetectorBuilder::from_languages(&[Language::English, Language::French])
        .with_preloaded_language_models()
        .build()
});

static WHATLANG: LazyLock<whatlang::Detector> = LazyLock::new(|| {
    whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Fra])
});

/// Builds the detector's tables and language models now.
pub fn warm_up() {
    LazyLock::force(&LOANWORDS);
    LazyLock::force(&PHRASE_HEADS);
    LazyLock::force(&WORDS);
    LazyLock::force(&LINGUA);
    LazyLock::force(&WHATLANG);
    LazyLock::force(&LIST_MARKER);
    LazyLock::force(&TITLE_END);
    LazyLock::force(&TITLE_CUE);
    super::teams::warm_up();
}

/// The shared lingua detector (English and French only).
pub fn lingua_detector() -> &'static LanguageDetector {
    &LINGUA
}

/// Whether `word_or_phrase` (any case) is an English loanword French uses.
pub fn is_loanword(word_or_phrase: &str) -> bool {
    LOANWORDS.contains(&*crate::text::fold(word_or_phrase))
}

/// First words of the loan phrases (`in` of `in vitro`).
static PHRASE_HEADS: LazyLock<FastSet<&'static str>> = LazyLock::new(|| {
    LOANWORDS
        .iter()
        .filter_map(|p| p.split_once(' ').map(|(head, _)| head))
        .collect()
});

data::word_sets! {
    /// The word lists of `data/function-words.txt` and `data/word-endings.txt`
    /// the detector reads.
    struct Words {
        /// English closed-class words that are not French words.
        en_function: FastSet<&'static str> = FUNCTION_WORDS["en"],
        /// French closed-class (and very common short) words that are not
        /// English words.
        fr_function: FastSet<&'static str> = FUNCTION_WORDS["fr"],
        /// English function words that start no name or title: capitalised
        /// inside French (`… la They will play …`) they are still English.
        never_names: FastSet<&'static str> = FUNCTION_WORDS["en-not-a-name"],
        /// Words that may stand inside a name between capitalised words.
        connectors: FastSet<&'static str> = FUNCTION_WORDS["connector"],
        /// French elided words (before an apostrophe).
        elisions: Vec<&'static str> = FUNCTION_WORDS["elided"],
        en_suffixes: Vec<&'static str> = WORD_ENDINGS["en"],
        fr_suffixes: Vec<&'static str> = WORD_ENDINGS["fr"],
        /// English clitics, in order: the first that ends a word is stripped.
        en_clitics: Vec<&'static str> = WORD_ENDINGS["en-clitic"],
        /// English function words that no French hyphenated word holds.
        en_glue: FastSet<&'static str> = FUNCTION_WORDS["en-glue"],
        /// Last parts of English hyphenated adjectives (`leak-proof`).
        en_compound_heads: FastSet<&'static str> = WORD_ENDINGS["en-compound-head"],
    }
}

/// English field labels of product pages (`package included`).
static LABELS: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| crate::data::ENGLISH_LABELS.words().collect());

static WORDS: LazyLock<Words> = LazyLock::new(Words::load);

/// English names of countries and languages French names otherwise.
static EXONYMS: LazyLock<FastSet<&'static str>> =
    LazyLock::new(|| crate::data::ENGLISH_EXONYMS.words().collect());

/// English names of countries and languages that French names otherwise
/// (`data/english-exonyms.txt`: `Slovenia`, `Turkey`, `French`) where a
/// site's selector or an address puts them: alone on a line (bullets
/// aside), or after a comma and before the end of the line or a comma,
/// full stop, semicolon or bracket (`Ljubljana, Slovenia, EU`). Elsewhere
/// such a word is part of a name (`Japan Expo`, `Air India`, `Made in
/// Italy`), and a word glued to its neighbours by a hyphen or an apostrophe
/// is no name of its own.
pub fn english_exonyms(text: &str) -> Vec<Span> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '_');
    let word_end = |from: usize| {
        text[from..]
            .char_indices()
            .find(|&(_, c)| !is_word(c))
            .map_or(text.len(), |(i, _)| from + i)
    };
    let mut out = Vec::new();
    let mut from = 0;
    // Every name starts with an ASCII capital (a test checks the list), so
    // only the words that start with one are read.
    while let Some(k) = text.as_bytes()[from..]
        .iter()
        .position(u8::is_ascii_uppercase)
    {
        let start = from + k;
        let end = word_end(start);
        from = end.max(start + 1);
        if text[..start].chars().next_back().is_some_and(is_word)
            || !EXONYMS.contains(&text[start..end])
        {
            continue;
        }
        let before = text[..start].trim_end_matches([' ', '\t', '\u{a0}']);
        let line_start = before
            .trim_end_matches(['-', '–', '—', '•', '*', '▪', '►', ' ', '\t'])
            .chars()
            .next_back()
            .is_none_or(|c| c == '\n');
        let after = text[end..].trim_start_matches([' ', '\t', '\u{a0}', '\r']);
        let line_end = after.chars().next().is_none_or(|c| c == '\n');
        let closes = after
            .chars()
            .next()
            .is_some_and(|c| matches!(c, ',' | '.' | ';' | ')'));
        let selector = line_start && line_end;
        let address = before.ends_with(',') && (line_end || closes);
        if selector || address {
            out.push(Span::new(start, end));
        }
    }
    out
}

/// Zipf assumed for a word absent from a lexicon (the lists stop at 2.5).
const FLOOR: f32 = 1.5;
/// Largest frequency evidence one token can carry.
const CLIP: f32 = 3.0;
/// Bonus for a function word of one language only.
const FUNCTION_BONUS: f32 = 1.5;
/// Cost of switching from French to English inside a segment.
const ENTER: f32 = 1.0;
/// Cost of switching back to French.
const LEAVE: f32 = 1.0;
/// Cost of starting a segment in English, and of ending one in English.
const EDGE: f32 = 0.6;

#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    /// Evidence for English (positive) against French (negative).
    score: f32,
    /// Is a word (not a number or an elided article).
    word: bool,
    /// Starts with an uppercase letter.
    cap: bool,
    /// Only uppercase letters (an acronym).
    acronym: bool,
    /// First word of its segment, or right after an opening quote.
    initial: bool,
    /// A connector that may sit inside a name (`of`, `the`, `and`, `de`).
    connector: bool,
    /// Punctuation (other than spaces) separates it from the previous token.
    after_punct: bool,
    /// A quote or bracket separates it from the previous token.
    after_bracket: bool,
    /// Index of the segment the token belongs to.
    segment: usize,
    /// An English loanword of French (or allowed by the options).
    loan: bool,
    /// First word of a loan phrase.
    phrase_head: bool,
    /// An English function word that is never a name, even capitalised.
    never_name: bool,
    /// An English function word or clitic: English grammar.
    grammar: bool,
    /// A form of the French lexicon.
    french: bool,
    /// Part of an English field label opening a line (`Package Included:`):
    /// no name or title, whatever the context steps read.
    label: bool,
}

/// Characters that end a segment: sentence punctuation, separators, symbols.
fn is_hard_break(c: char) -> bool {
    if c.is_alphanumeric() || c.is_whitespace() && c != '\n' {
        return false;
    }
    !matches!(
        c,
        ',' | '\''
            | '’'
            | '‘'
            | '"'
            | '«'
            | '»'
            | '“'
            | '”'
            | '('
            | ')'
            | '['
            | ']'
            | '-'
            | '–'
            | '—'
            | '/'
            | '&'
            | '%'
            | '$'
            | '€'
            | '£'
            | '+'
            | '*'
            | '#'
            | '@'
            | '\u{a0}'
            | '\u{202f}'
            | '\u{2009}'
            | '\u{ad}'
    )
}

fn is_opening_quote(c: char) -> bool {
    crate::text::chars::is_opening_quote(c) || is_opening_bracket(c)
}

/// End of an HTML tag, comment or declaration starting at `start` (a `<`).
fn tag_end(text: &str, start: usize) -> Option<usize> {
    let rest = &text[start + 1..];
    let first = rest.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '/' || first == '!') {
        return None;
    }
    // A bounded window, cut on a char boundary.
    let window = &rest[..rest.floor_char_boundary(1000)];
    let close = window.find('>')?;
    if window[..close].contains('<') {
        return None;
    }
    Some(start + 1 + close + 1)
}

/// End of a whitespace-delimited chunk starting at `start` when it is a URL,
/// an e-mail address or a file name.
///
/// Chunks may start at every character of a run of opening quotes, all
/// ending at the same delimiter: `cache` describes the chunk from the first
/// of them, so each later start is answered without reading the chunk again
/// (that was quadratic on a long run of `“`).
fn code_chunk_end(text: &str, start: usize, cache: &mut Option<ChunkFacts>) -> Option<usize> {
    let facts = match cache {
        Some(f) if f.from <= start && start <= f.end => f,
        _ if !may_be_code(text, start) => return None,
        _ => cache.insert(ChunkFacts::of(text, start)),
    };
    let end = facts.end;
    let after = |p: Option<usize>| p.is_some_and(|p| p >= start);
    let first_at = facts.ats.get(facts.ats.partition_point(|&a| a < start));
    let code = after(facts.last_scheme)
        || text[start..end].starts_with("www.")
        || after(facts.last_underscore)
        || after(facts.second_last_slash)
        || first_at.is_some_and(|&a| a > start && facts.last_dot.is_some_and(|d| d > a));
    code.then_some(end)
}

/// Whether the chunk from `start` may be code: it starts with `www.` or
/// holds one of the marks [`code_chunk_end`] reads (`_`, `/`, `@`, `:`).
/// Bytes are read up to an ASCII delimiter of a chunk; a chunk that ends
/// earlier (at `»`, `”` or a Unicode space) is a part of what is read, so a
/// `false` here is exact, and most words are answered without decoding a
/// character.
fn may_be_code(text: &str, start: usize) -> bool {
    let rest = &text.as_bytes()[start..];
    if rest.starts_with(b"www.") {
        return true;
    }
    rest.iter()
        .find(|&&b| {
            matches!(
                b,
                b'_' | b'/'
                    | b'@'
                    | b':'
                    | b' '
                    | b'\t'
                    | b'\n'
                    | b'\r'
                    | 0x0b
                    | 0x0c
                    | b'"'
                    | b'<'
                    | b'>'
            )
        })
        .is_some_and(|&b| matches!(b, b'_' | b'/' | b'@' | b':'))
}

/// Where the marks that make a chunk code stand in `text[from..end]`, the
/// chunk read from `from` to its delimiter.
struct ChunkFacts {
    from: usize,
    end: usize,
    /// Start of the last `://`.
    last_scheme: Option<usize>,
    last_underscore: Option<usize>,
    /// The last `/` but one.
    second_last_slash: Option<usize>,
    /// Every `@`, in order.
    ats: Vec<usize>,
    last_dot: Option<usize>,
}

impl ChunkFacts {
    fn of(text: &str, from: usize) -> Self {
        let rest = &text[from..];
        let len = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '»' | '”'))
            .unwrap_or(rest.len());
        let chunk = &rest[..len];
        let mut facts = ChunkFacts {
            from,
            end: from + len,
            last_scheme: chunk.rfind("://").map(|i| from + i),
            last_underscore: None,
            second_last_slash: None,
            ats: Vec::new(),
            last_dot: None,
        };
        let mut last_slash = None;
        for (i, b) in chunk.bytes().enumerate() {
            let p = Some(from + i);
            match b {
                b'_' => facts.last_underscore = p,
                b'/' => {
                    facts.second_last_slash = last_slash;
                    last_slash = p;
                }
                b'@' => facts.ats.push(from + i),
                b'.' => facts.last_dot = p,
                _ => {}
            }
        }
        facts
    }
}

/// Splits `text` into word tokens with segment numbers.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    Tokenizer::new(text).push_until(&mut tokens, usize::MAX);
    tokens
}

/// The word tokens of a text, with segment numbers: what [`tokenize`]
/// collects, read a few at a time so that a huge block can be checked
/// piece by piece ([`english_spans_chunked`]) with the very same tokens.
struct Tokenizer<'t> {
    text: &'t str,
    /// Where reading goes on (a character boundary).
    pos: usize,
    segment: usize,
    seg_has_words: bool,
    after_punct: bool,
    after_bracket: bool,
    opening: bool,
    chunk_start: bool,
    chunk_cache: Option<ChunkFacts>,
    /// A token read and not given yet.
    pending: Option<Token>,
}

impl<'t> Tokenizer<'t> {
    fn new(text: &'t str) -> Self {
        Tokenizer {
            text,
            pos: 0,
            segment: 0,
            seg_has_words: false,
            after_punct: false,
            after_bracket: false,
            opening: false,
            chunk_start: true,
            chunk_cache: None,
            pending: None,
        }
    }
}

impl Tokenizer<'_> {
    /// Pushes the next tokens on `out`, up to the end of the text or to the
    /// first token read in this call that starts a segment at byte `until`
    /// or later (kept for the next call). Returns whether the text was read
    /// to its end.
    fn push_until(&mut self, out: &mut Vec<Token>, until: usize) -> bool {
        if let Some(t) = self.pending.take() {
            out.push(t);
        }
        let text = self.text;
        let bytes = text.as_bytes();
        // The state in locals while reading.
        let mut pos = self.pos;
        let mut segment = self.segment;
        let mut seg_has_words = self.seg_has_words;
        let mut after_punct = self.after_punct;
        let mut after_bracket = self.after_bracket;
        let mut opening = self.opening;
        let mut chunk_start = self.chunk_start;
        let chunk_cache = &mut self.chunk_cache;
        let pending = &mut self.pending;
        let ended = loop {
            if pos >= text.len() {
                break true;
            }
            let i = pos;
            let (c, len) = char_at(text, i);
            pos += len;
            // Markup, URLs, e-mail addresses and file names are not words.
            let skip_to = if c == '<' {
                tag_end(text, i)
            } else if chunk_start && !c.is_whitespace() {
                code_chunk_end(text, i, chunk_cache)
            } else {
                None
            };
            chunk_start = c.is_whitespace() || is_opening_quote(c);
            if let Some(end) = skip_to {
                pos = pos.max(end);
                after_punct = true;
                after_bracket = true;
                chunk_start = true;
                continue;
            }
            if is_alphanumeric(c) {
                // A word: letters/digits with inner apostrophes, hyphens,
                // access keys (`&` between lower-case letters) and (between
                // digits) dots or commas.
                // `end` is where reading goes on, as `pos` is.
                let start = i;
                let mut end = pos;
                loop {
                    // ASCII letters and digits, most of a word, without
                    // decoding them.
                    while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                        end += 1;
                    }
                    if end >= text.len() {
                        break;
                    }
                    let j = end;
                    let (d, _) = char_at(text, j);
                    if is_alphanumeric(d) {
                        end = j + d.len_utf8();
                        continue;
                    }
                    let next = text[j + d.len_utf8()..].chars().next();
                    let joins = match d {
                        '-' | '\u{2011}' => next.is_some_and(char::is_alphabetic),
                        // An access key inside a word of an interface string:
                        // `Suiva&nt`, `he&xadécimal` (`AT&T`, `R&D` stay apart).
                        '&' => {
                            text[..j]
                                .chars()
                                .next_back()
                                .is_some_and(char::is_lowercase)
                                && next.is_some_and(char::is_lowercase)
                        }
                        d if is_apostrophe(d) => next.is_some_and(char::is_alphabetic),
                        '.' | ',' => {
                            bytes[end - 1].is_ascii_digit()
                                && next.is_some_and(|n| n.is_ascii_digit())
                        }
                        _ => false,
                    };
                    if !joins {
                        break;
                    }
                    // Elision: `l'`, `qu'`… ends a token of its own.
                    if is_apostrophe(d) {
                        let head = &text[start..end];
                        if WORDS.elisions.iter().any(|e| head.eq_ignore_ascii_case(e)) {
                            break;
                        }
                    }
                    end = j + d.len_utf8();
                }
                pos = end;
                // An elided prefix takes its apostrophe with it.
                let mut tok_end = end;
                if let Some(d) = text[end..].chars().next()
                    && is_apostrophe(d)
                {
                    let j = end;
                    let head = &text[start..end];
                    let next = text[j + d.len_utf8()..].chars().next();
                    if next.is_some_and(char::is_alphabetic)
                        && WORDS.elisions.iter().any(|e| head.eq_ignore_ascii_case(e))
                    {
                        tok_end = j + d.len_utf8();
                        pos = tok_end;
                    }
                }
                let first = text[start..].chars().next().unwrap_or(' ');
                let token = Token {
                    start,
                    end: tok_end,
                    score: 0.0,
                    word: true,
                    cap: first.is_uppercase(),
                    acronym: false,
                    initial: !seg_has_words || opening,
                    connector: false,
                    after_punct,
                    after_bracket,
                    segment,
                    loan: false,
                    phrase_head: false,
                    never_name: false,
                    grammar: false,
                    french: false,
                    label: false,
                };
                let starts_segment = !seg_has_words;
                seg_has_words = true;
                after_punct = false;
                after_bracket = false;
                opening = false;
                if starts_segment && start >= until {
                    *pending = Some(token);
                    break false;
                }
                out.push(token);
            } else if is_hard_break(c) {
                if seg_has_words {
                    segment += 1;
                    seg_has_words = false;
                }
                after_punct = true;
                opening = false;
            } else if !c.is_whitespace() {
                after_punct = true;
                after_bracket |= matches!(c, '«' | '»' | '“' | '”' | '"' | '(' | ')' | '[' | ']');
                opening = is_opening_quote(c);
            }
        };
        self.pos = pos;
        self.segment = segment;
        self.seg_has_words = seg_has_words;
        self.after_punct = after_punct;
        self.after_bracket = after_bracket;
        self.opening = opening;
        self.chunk_start = chunk_start;
        ended
    }
}

/// Most words whose evidence a [`WordScores`] keeps in each of its two
/// tables (a few MB); a full table starts afresh.
const SCORE_CACHE_WORDS: usize = 50_000;

/// Evidence of the words already scored, to reuse over the blocks of one
/// document ([`english_spans_cached`]). A word's evidence depends on nothing
/// but its lowercase form (for one [`Evidence`] and allow-list), and looking it
/// up here is one hash look-up instead of about eight in large tables: most of
/// the detector's time on big inputs. The tokens as written are kept as well,
/// with their shape (`Shape`): most tokens of a text are written as before, and
/// are then scored without folding or reading them again.
#[derive(Default)]
pub struct WordScores {
    ev: Option<Evidence>,
    allow: Vec<String>,
    /// By folded word.
    words: FastMap<String, WordEvidence>,
    /// By token as written.
    tokens: FastMap<String, (WordEvidence, Shape)>,
    /// Bytes of text scored through this cache: from how much text an
    /// automaton built once pays (team names).
    searched: usize,
}

impl std::fmt::Debug for WordScores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "WordScores({} words, {} tokens)",
            self.words.len(),
            self.tokens.len()
        )
    }
}

impl WordScores {
    /// Empties the cache unless it was filled with `ev` and `allow`.
    fn prepare(&mut self, ev: &Evidence, allow: &[String]) {
        if self.ev != Some(*ev) || self.allow != allow {
            self.words.clear();
            self.tokens.clear();
            self.ev = Some(*ev);
            self.allow = allow.to_vec();
        }
    }

    /// The evidence of the lowercase word `lower`.
    fn score(&mut self, lower: &str, ev: &Evidence, allow: &[String]) -> WordEvidence {
        if let Some(found) = self.words.get(lower) {
            return *found;
        }
        let found = word_score(lower, ev, allow);
        if self.words.len() >= SCORE_CACHE_WORDS {
            self.words.clear();
        }
        self.words.insert(lower.to_string(), found);
        found
    }

    /// The evidence and shape of the token `written`, as written: looked up
    /// as written, else folded into `buf` ([`token_evidence`]).
    fn token(
        &mut self,
        written: &str,
        buf: &mut String,
        ev: &Evidence,
        allow: &[String],
    ) -> (WordEvidence, Shape) {
        if let Some(found) = self.tokens.get(written) {
            return *found;
        }
        let found = (
            token_evidence(written, buf, |lower| self.score(lower, ev, allow)),
            Shape::of(written),
        );
        if self.tokens.len() >= SCORE_CACHE_WORDS {
            self.tokens.clear();
        }
        self.tokens.insert(written.to_string(), found);
        found
    }
}

/// The evidence of the token `written`: its word folded into `buf`, without
/// the `&` of an access key, given to `score`.
fn token_evidence(
    written: &str,
    buf: &mut String,
    score: impl FnOnce(&str) -> WordEvidence,
) -> WordEvidence {
    fold_into(written, buf);
    // The word an access key marks is looked up without it.
    if buf.contains('&') {
        buf.retain(|c| c != '&');
    }
    score(buf)
}

/// Evidence (English positive) of one word, given folded (see
/// [`crate::text::fold`]), from frequency, function words and morphology;
/// capitalisation is applied later, on runs.
fn word_score(lower: &str, ev: &Evidence, allow: &[String]) -> WordEvidence {
    // Elided French article or pronoun.
    if lower.ends_with('\'') {
        let score = if ev.morphology { -3.0 } else { 0.0 };
        return WordEvidence {
            score,
            capitalised_score: score,
            french: true,
            ..WordEvidence::NEUTRAL
        };
    }
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        return WordEvidence::NEUTRAL;
    }
    let words = &*WORDS;
    let (en_f, fr_f) = (&words.en_function, &words.fr_function);
    let connector = words.connectors.contains(lower);
    let loan = LOANWORDS.contains(lower) || allow.iter().any(|a| a == lower);
    // English clitics: strip them for the look-up, keep them as evidence.
    let mut morph = 0.0;
    let mut stem = lower;
    for suffix in &words.en_clitics {
        if let Some(s) = lower.strip_suffix(suffix)
            && !s.is_empty()
        {
            morph += 1.5;
            stem = s;
            break;
        }
    }
    let en = zipf_exact(Lang::En, stem);
    let fr = zipf_exact(Lang::Fr, stem);
    let known = en.is_some() || fr.is_some();
    // The full French lexicon, for lowercase words: a word it holds is
    // French (an adopted loanword at worst), one it does not hold is no
    // French word, whatever its frequency on the French web (where English
    // is common). Names are left to the capitalisation evidence.
    let french = ev.lexicon && in_french_lexicon(stem);
    let mut lexicon_shift = 0.0;
    if ev.lexicon && ev.frequency && en.is_some() && !loan {
        let en = en.unwrap_or(FLOOR);
        let fr = fr.unwrap_or(FLOOR);
        let lexical = if french {
            en - fr.max(IN_LEXICON)
        } else if !stem.chars().any(is_french_letter) {
            // English words are common on the French web: a word the
            // lexicon lacks counts as rarer in French than the web says,
            // but one about as frequent in French as in English is in
            // French use (a borrowing, a brand, an abbreviation: `gif`,
            // `mn`, `dunk`).
            en - zipf_exact(Lang::Fr, stem)
                .map_or(NOT_FRENCH, |f| (f - WEB_BORROWING).max(NOT_FRENCH))
        } else {
            en - fr
        };
        lexicon_shift = lexical.clamp(-CLIP, CLIP) - (en - fr).clamp(-CLIP, CLIP);
    }
    let mut score = 0.0;
    if ev.frequency {
        score = if known {
            (en.unwrap_or(FLOOR) - fr.unwrap_or(FLOOR)).clamp(-CLIP, CLIP)
        } else {
            f32::NAN
        };
        if score.is_nan() {
            // Unknown as a whole: a hyphenated compound scores as its parts.
            score = if stem.contains('-') {
                let parts: Vec<f32> = stem
                    .split('-')
                    .filter(|p| !p.is_empty())
                    .map(freq_score)
                    .map(|s| if s.is_nan() { 0.0 } else { s })
                    .collect();
                parts.iter().sum::<f32>() / parts.len().max(1) as f32
            } else {
                0.0
            };
        }
    }
    if ev.function_words {
        if en_f.contains(stem) && !fr_f.contains(stem) {
            score += FUNCTION_BONUS;
        } else if fr_f.contains(stem) && !en_f.contains(stem) {
            score -= FUNCTION_BONUS;
        }
    }
    if ev.morphology {
        if stem.chars().any(is_french_letter) {
            score = score.min(0.0) - 2.0;
        } else if !known {
            if stem.len() > 4 && words.en_suffixes.iter().any(|s| stem.ends_with(s)) {
                score += 1.0;
            } else if stem.len() > 4 && words.fr_suffixes.iter().any(|s| stem.ends_with(s)) {
                score -= 1.0;
            }
        }
        score += morph;
    }
    let capitalised_score = if loan { score.min(LOAN_MAX) } else { score };
    score += lexicon_shift;
    if ev.lexicon && !french && !loan && (english_inflection(stem) || english_compound(stem)) {
        score = score.max(SINGLE_WORD);
    }
    if loan {
        score = score.min(LOAN_MAX);
    }
    WordEvidence {
        score,
        capitalised_score,
        connector,
        loan,
        phrase_head: PHRASE_HEADS.contains(lower),
        never_name: ev.capitalisation && words.never_names.contains(stem),
        grammar: (morph > 0.0 || en_f.contains(stem)) && !fr_f.contains(stem) && !loan,
        french,
    }
}

/// What [`word_score`] finds about one word.
#[derive(Debug, Clone, Copy)]
struct WordEvidence {
    /// Evidence of the word in lower case.
    score: f32,
    /// Evidence of the word capitalised (a name, maybe): without the French
    /// lexicon's, which holds few foreign names.
    capitalised_score: f32,
    connector: bool,
    loan: bool,
    phrase_head: bool,
    never_name: bool,
    grammar: bool,
    french: bool,
}

impl WordEvidence {
    /// No evidence either way (numbers).
    const NEUTRAL: WordEvidence = WordEvidence {
        score: 0.0,
        capitalised_score: 0.0,
        connector: false,
        loan: false,
        phrase_head: false,
        never_name: false,
        grammar: false,
        french: false,
    };
}

/// Whether the lowercase `word` is a form of the French lexicon, as a common
/// word (the capitalised spelling of a name does not count: `jordan`).
fn in_french_lexicon(word: &str) -> bool {
    french_classes(word).is_some()
}

/// The lexicon classes of the lowercase `word` as written, with a straight
/// apostrophe read as the dictionary's `’`, or with `oe`/`ae` read as the
/// ligatures French often types without (`manoeuvre`, `coeur`).
fn french_classes(word: &str) -> Option<super::french::WordClasses> {
    use super::french::classes;
    classes(word)
        .or_else(|| {
            word.contains('\'')
                .then(|| classes(&word.replace('\'', "’")))
                .flatten()
        })
        .or_else(|| {
            (word.contains("oe") || word.contains("ae"))
                .then(|| classes(&word.replace("oe", "œ").replace("ae", "æ")))
                .flatten()
        })
}

/// Whether `word`, no French word, is an English `-ing` or `-ed` form of a
/// common English word (`inching`, `hiking`, `folded`): rare forms the
/// frequency lists miss.
fn english_inflection(word: &str) -> bool {
    let Some(root) = word.strip_suffix("ing").or_else(|| word.strip_suffix("ed")) else {
        return false;
    };
    // The root without its last letter (`grabbed` → `grab`), cut on a character
    // boundary: the root may end in a French letter (`barricadéed`).
    let shortened = root
        .char_indices()
        .last()
        .map(|(last, _)| root[..last].to_string());
    let roots: [Option<String>; 3] = [Some(root.to_string()), Some(format!("{root}e")), shortened];
    roots.iter().flatten().any(|r| {
        r.len() >= 3
            && zipf_exact(Lang::En, r).is_some_and(|z| z >= COMMON_ENGLISH)
            && !in_french_lexicon(r)
    })
}

/// Whether `word`, a hyphenated word that is no French word, holds an
/// English function word that no French compound holds (`shove-it`,
/// `point-and-shoot`, `ready-to-use`) beside a common English word, and no
/// French function word or letter; or is two common English words, the first
/// no French word, ending in the head of an English adjective (`leak-proof`,
/// `dishwasher-safe`).
fn english_compound(word: &str) -> bool {
    if !word.contains('-') {
        return false;
    }
    let words = &*WORDS;
    let parts: Vec<&str> = word.split('-').collect();
    let plain = parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()));
    // Two common English content words ending in an adjective's head
    // (`leak-proof`), neither a French word on its own.
    if plain
        && parts.len() == 2
        && words.en_compound_heads.contains(parts[1])
        && !in_french_lexicon(parts[0])
        && zipf_exact(Lang::En, parts[0]).is_some_and(|z| z >= GENERIC_ENGLISH)
    {
        return true;
    }
    plain
        && parts.iter().any(|p| words.en_glue.contains(p))
        && !parts.iter().any(|p| words.fr_function.contains(p))
        && parts.iter().any(|p| {
            !words.en_glue.contains(p)
                && zipf_exact(Lang::En, p).is_some_and(|z| z >= GENERIC_ENGLISH)
        })
}

/// French determiners after which a French verb form cannot stand: `un
/// charger` is the English noun.
const DETERMINERS: &[&str] = &[
    "un",
    "une",
    "cet",
    "cette",
    "mon",
    "ton",
    "ma",
    "ta",
    "sa",
    "notre",
    "votre",
    "chaque",
    "quelques",
    "plusieurs",
    "aucun",
    "aucune",
];

/// Makes English a verb-only French form that follows a determiner and is a
/// common English word, not much rarer in English than in French: `livré
/// avec un charger` (`ce`, also a pronoun, is no determiner here: `ce
/// sera`, `pour ce faire`).
fn apply_determiner_homographs(tokens: &mut [Token], text: &str) {
    use super::french::Class;
    let mut lower = String::new();
    for k in 1..tokens.len() {
        let (d, t) = (tokens[k - 1], tokens[k]);
        if t.cap || !t.word || t.loan || !t.french || t.after_punct || d.segment != t.segment {
            continue;
        }
        // The determiners are ASCII: compared without folding.
        let det = &text[d.start..d.end];
        if !DETERMINERS.iter().any(|x| x.eq_ignore_ascii_case(det)) {
            continue;
        }
        fold_into(&text[t.start..t.end], &mut lower);
        // The cheapest test first: most words after a determiner are no
        // common English word.
        let en = zipf_exact(Lang::En, &lower).unwrap_or(0.0);
        if en < GENERIC_ENGLISH {
            continue;
        }
        let verb_only = french_classes(&lower).is_some_and(|c| {
            c.any(&[Class::Verb, Class::Infinitive])
                && !c.any(&[
                    Class::Noun,
                    Class::Adjective,
                    Class::Adverb,
                    Class::Participle,
                ])
        });
        if verb_only && zipf_exact(Lang::Fr, &lower).unwrap_or(0.0) - en < HOMOGRAPH_MARGIN {
            tokens[k].score = tokens[k].score.max(SINGLE_WORD);
        }
    }
}

/// Most a verb form after a determiner may be more frequent in French than
/// in English (Zipf) and still be read as the English word.
const HOMOGRAPH_MARGIN: f32 = 1.0;

/// French Zipf given to a word the French lexicon does not hold.
const NOT_FRENCH: f32 = 0.0;
/// How much the French web frequency of a word the French lexicon does not
/// hold is discounted (Zipf units: ten times rarer).
const WEB_BORROWING: f32 = 1.0;
/// Least French Zipf of a word the French lexicon holds.
const IN_LEXICON: f32 = 2.5;

/// English Zipf minus French Zipf, clipped; NaN when neither lexicon knows
/// the word.
fn freq_score(w: &str) -> f32 {
    let en = zipf_exact(Lang::En, w);
    let fr = zipf_exact(Lang::Fr, w);
    if en.is_none() && fr.is_none() {
        return f32::NAN;
    }
    (en.unwrap_or(FLOOR) - fr.unwrap_or(FLOOR)).clamp(-CLIP, CLIP)
}

/// Least evidence of the first and last token of a reported run.
const EDGE_EVIDENCE: f32 = 0.3;

/// Most evidence a loanword carries (it helps inside an English run but is
/// never enough on its own).
const LOAN_MAX: f32 = 0.5;

/// Most neutral tokens (names, numbers) added at each edge of a run.
const MAX_EDGE_NAMES: usize = 3;

/// Runs of 3+ words whose mean evidence per word is below this (or holding
/// a French-leaning word) are sent to the confirmers.
const CONFIRM_BELOW: f32 = 1.5;

/// lingua's English confidence below which a candidate run is dropped.
const LINGUA_VETO: f32 = 0.25;

/// Least evidence of the strongest token of a reported run.
const STRONGEST: f32 = 1.5;
/// Least evidence of a single word reported on its own.
const SINGLE_WORD: f32 = 3.0;

/// How many tokens on each side of a name or title are searched for context.
const CONTEXT_WINDOW: usize = 8;

/// Score below which a token is clear French context.
const FRENCH_CONTEXT: f32 = -0.5;

/// Neutralises capitalised runs (names, titles) that touch clear French.
///
/// A run is a capitalised word followed by more capitalised words, possibly
/// joined by connectors (`Bank of Scotland`, `Citizens for a Free Kuwait`).
fn apply_capitalisation(tokens: &mut [Token], text: &str) {
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i];
        // A capitalised function word followed by a lowercase word is English
        // (`They will play`); followed by a capital it may open a title
        // (`When Harry Met Sally`).
        let opens_title = tokens
            .get(i + 1)
            .is_some_and(|n| n.segment == t.segment && n.cap);
        if !(t.word && t.cap) || (t.never_name && !opens_title) {
            i += 1;
            continue;
        }
        let seg = t.segment;
        let joined = |k: usize| tokens[k].segment == seg && !tokens[k].after_punct;
        let mut j = i + 1;
        while j < n && joined(j) {
            if tokens[j].cap {
                j += 1;
                continue;
            }
            let mut k = j;
            while k < n && joined(k) && tokens[k].connector && !tokens[k].cap {
                k += 1;
            }
            if k > j && k < n && joined(k) && tokens[k].cap {
                j = k + 1;
            } else {
                break;
            }
        }
        // Nearest clear word on each side; loanwords and other capitalised
        // words (names in a list: `J. Cole, Busta Rhymes et Rihanna`) say
        // nothing.
        let says = |k: &usize| {
            let t = &tokens[*k];
            !(t.loan || (t.cap && t.word && t.score > FRENCH_CONTEXT))
        };
        let left = (i.saturating_sub(CONTEXT_WINDOW)..i)
            .rev()
            .take_while(|&k| tokens[k].segment == seg)
            .filter(says)
            .map(|k| tokens[k].score)
            .find(|s| s.abs() >= 0.5);
        let mut decisive_right = (j..n.min(j + CONTEXT_WINDOW))
            .take_while(|&k| tokens[k].segment == seg)
            .filter(says)
            .filter(|&k| tokens[k].score.abs() >= 0.5);
        let right_at = decisive_right.next();
        let right = right_at.map(|k| tokens[k].score);
        // One lowercase English word after the name, then French again, is
        // the name's tail (`par Car of the Century awards, comme`).
        let tail = right_at.is_some_and(|k| !tokens[k].cap)
            && decisive_right
                .next()
                .is_some_and(|k| tokens[k].score <= FRENCH_CONTEXT);
        // French before the run, or French after it when English does not
        // come right before (`the Australian Open sujettes` is English).
        let french_context = (left.is_some_and(|s| s <= FRENCH_CONTEXT)
            && (!right.is_some_and(|s| s >= STRONGEST) || tail))
            || (right.is_some_and(|s| s <= FRENCH_CONTEXT) && !left.is_some_and(|s| s > 0.0));
        let mut lower = String::new();
        // A heading of generic English words alone on its line is no name.
        let line_start = text[..tokens[i].start]
            .chars()
            .rev()
            .find(|c| !matches!(c, ' ' | '\t'))
            .is_none_or(|c| c == '\n');
        let generic = line_start
            && left.is_none()
            && right.is_none()
            && (j == n || tokens[j].segment != seg)
            && generic_run(&tokens[i..j], text);
        for tok in &mut tokens[i..j] {
            fold_into(&text[tok.start..tok.end], &mut lower);
            let en = zipf_exact(Lang::En, &lower).unwrap_or(0.0);
            let fr = zipf_exact(Lang::Fr, &lower).unwrap_or(0.0);
            let rare = en.max(fr) < 3.0;
            if ((french_context && !generic) || (rare && !tok.initial)) && !tok.label {
                tok.score = tok.score.clamp(-0.2, 0.0);
            }
        }
        i = j;
    }
}

/// A line of its own (a heading, a label) made of two words or more, none
/// leaning French and some leaning English: `Exit mobile version`.
fn english_line(text: &str, seg: &[Token], words: usize, ev: &Evidence) -> bool {
    let (Some(first), Some(last)) = (seg.first(), seg.last()) else {
        return false;
    };
    // Cheap tests first: evidence, then whether the segment is a line alone.
    let sum: f32 = seg.iter().map(|t| t.score).sum();
    let strongest = seg.iter().map(|t| t.score).fold(0.0, f32::max);
    let plausible = if words == 1 {
        strongest >= LABEL_WORD
    } else {
        words >= 2
            && seg.iter().any(|t| t.word && !t.cap)
            && seg.iter().all(|t| t.score >= -0.3)
            && sum >= LINE_EVIDENCE
            && strongest >= LINE_EVIDENCE
    };
    if !plausible {
        return false;
    }
    // No letter or digit between the segment and the line breaks around it:
    // each side is read only up to the first line break or alphanumeric, not
    // to the line's ends (a one-line block made that quadratic).
    let clear = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    let alone = clear(
        text[..first.start]
            .chars()
            .rev()
            .find(|&c| c == '\n' || c.is_alphanumeric()),
    ) && clear(
        text[last.end..]
            .chars()
            .find(|&c| c == '\n' || c.is_alphanumeric()),
    );
    if !alone {
        return false;
    }
    if words == 1 {
        // A one-word label (`Subscribe`, `Advertisement`) needs strong
        // evidence, or good evidence that lingua confirms.
        return strongest >= SINGLE_WORD
            || (ev.lingua
                && seg.iter().find(|t| t.word).is_some_and(|w| {
                    LINGUA.compute_language_confidence(&text[w.start..w.end], Language::English)
                        >= 0.8
                }));
    }
    true
}

/// Least evidence of a one-word English line confirmed by lingua.
const LABEL_WORD: f32 = 2.0;

/// Least total (and strongest single) evidence of an English line.
const LINE_EVIDENCE: f32 = 1.0;

/// Best French/English labelling of one segment's scores (true = English).
fn viterbi(scores: &[f32]) -> Vec<bool> {
    let n = scores.len();
    let mut labels = vec![false; n];
    if n == 0 {
        return labels;
    }
    // back[i][s] = previous state for state s at i.
    let mut back = Vec::with_capacity(n);
    let (mut fr, mut en) = (-scores[0] / 2.0, scores[0] / 2.0 - EDGE);
    back.push([false, false]);
    for &s in &scores[1..] {
        let fr_from_fr = fr;
        let fr_from_en = en - LEAVE;
        let en_from_en = en;
        let en_from_fr = fr - ENTER;
        let (nfr, bfr) = if fr_from_fr >= fr_from_en {
            (fr_from_fr, false)
        } else {
            (fr_from_en, true)
        };
        let (nen, ben) = if en_from_en >= en_from_fr {
            (en_from_en, true)
        } else {
            (en_from_fr, false)
        };
        fr = nfr - s / 2.0;
        en = nen + s / 2.0;
        back.push([bfr, ben]);
    }
    let mut state = en - EDGE > fr;
    for i in (0..n).rev() {
        labels[i] = state;
        state = back[i][state as usize];
    }
    labels
}

/// What a token's text tells of its form, apart from its evidence: read
/// once per token as written ([`WordScores`]).
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// Not a number nor an elided word (`l'`).
    word: bool,
    /// Letters in the token.
    letters: usize,
    /// A lowercase letter in the token.
    lowercase: bool,
    /// A capital inside ([`mixed_case_name`]).
    mixed_case: bool,
    /// Two English words glued, the second capitalised ([`glued_english`]).
    glued: bool,
}

impl Shape {
    fn of(w: &str) -> Shape {
        let (letters, lowercase) = if w.is_ascii() {
            let b = w.as_bytes();
            (
                b.iter().filter(|c| c.is_ascii_alphabetic()).count(),
                b.iter().any(u8::is_ascii_lowercase),
            )
        } else {
            (
                w.chars().filter(|c| c.is_alphabetic()).count(),
                w.chars().any(char::is_lowercase),
            )
        };
        Shape {
            word: !w.bytes().any(|b| b.is_ascii_digit()) && !w.ends_with(is_apostrophe),
            letters,
            lowercase,
            mixed_case: mixed_case_name(w),
            glued: glued_english(w),
        }
    }
}

impl Token {
    /// Sets this token's evidence from its word's, and its shape.
    fn score_with(&mut self, found: WordEvidence, shape: Shape, text: &str, ev: &Evidence) {
        self.score = if self.cap {
            found.capitalised_score
        } else {
            found.score
        };
        self.connector = found.connector;
        self.loan = found.loan;
        self.phrase_head = found.phrase_head;
        self.never_name = found.never_name;
        self.grammar = found.grammar;
        self.french = found.french;
        // A capital inside a word that starts in lower case is the shape of
        // a brand or a unit (`iPhone`, `eBay`, `mAh`, `kWh`), read as a
        // capitalised name, unless it glues two English words (`colorsSize`).
        if ev.capitalisation && !self.cap && shape.mixed_case {
            self.cap = true;
            self.score = found.capitalised_score;
        }
        // Two English words run together (`colorsSize`): a template's fields
        // glued by a lost line break, English as each of them.
        if ev.lexicon && !self.cap && shape.glued {
            self.score = self.score.max(SINGLE_WORD);
        }
        self.word = shape.word;
        let letters = shape.letters;
        self.acronym = letters >= 2 && !shape.lowercase;
        let initial_letter = letters == 1 && self.cap && text[self.end..].starts_with('.');
        if ev.capitalisation && (self.acronym && letters <= 5 || initial_letter) {
            self.score = 0.0;
        }
    }
}

/// Whether `word`, starting in lower case, has a capital inside that does
/// not glue two common English words: `iPhone`, `mAh`, not `colorsSize`.
fn mixed_case_name(word: &str) -> bool {
    let Some(k) = word
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c.is_uppercase())
        .map(|(k, _)| k)
    else {
        return false;
    };
    let (head, tail) = word.split_at(k);
    let common = |w: &str| {
        w.chars().count() >= 3
            && w.chars().all(char::is_alphabetic)
            && zipf_exact(Lang::En, &crate::text::fold(w)).is_some_and(|z| z >= GENERIC_ENGLISH)
    };
    !(common(head) && common(tail))
}

/// Whether `word` glues two common English words, the second capitalised
/// and the only capital, one of them at least no French word: `colorsSize`
/// (not `iPhone`, `macOS`, `getElementById`).
fn glued_english(word: &str) -> bool {
    if !word.starts_with(|c: char| c.is_lowercase()) {
        return false;
    }
    let mut capitals = word
        .char_indices()
        .skip(1)
        .filter(|&(_, c)| c.is_uppercase());
    let Some((k, _)) = capitals.next() else {
        return false;
    };
    if capitals.next().is_some() {
        return false;
    }
    let (head, tail) = word.split_at(k);
    let common = |w: &str| {
        w.len() >= 3
            && w.bytes().all(|b| b.is_ascii_alphabetic())
            && zipf_exact(Lang::En, &w.to_ascii_lowercase()).is_some_and(|z| z >= GENERIC_ENGLISH)
    };
    common(head)
        && common(tail)
        && !(in_french_lexicon(head) && in_french_lexicon(&tail.to_ascii_lowercase()))
}

/// Tokens of `text` with their evidence.
fn score_tokens(
    text: &str,
    ev: &Evidence,
    allow: &[String],
    cache: Option<&mut WordScores>,
) -> Vec<Token> {
    let (mut tokens, searched) = score_words(text, ev, allow, cache);
    apply_context(&mut tokens, text, ev, searched);
    tokens
}

/// The least evidence a token of a reported run holds: a run needs a token
/// of [`STRONGEST`] evidence, a line of English one of [`LINE_EVIDENCE`]
/// (or [`LABEL_WORD`] alone), so a text whose tokens all hold less has
/// nothing to report.
const LEAST_REPORTED: f32 = LINE_EVIDENCE;

/// Tokens of `text` with the evidence of their words and of two-word loan
/// phrases and determiners: every step that can raise a token's evidence.
/// The context steps that follow ([`apply_context`]) only lower it. Also
/// returns how much text `cache` has scored, this one included.
fn score_words(
    text: &str,
    ev: &Evidence,
    allow: &[String],
    mut cache: Option<&mut WordScores>,
) -> (Vec<Token>, usize) {
    let mut tokens = tokenize(text);
    let searched = searched_with(text, ev, allow, cache.as_deref_mut());
    score_segments(&mut tokens, text, ev, allow, cache);
    (tokens, searched)
}

/// How much text `cache` has scored once `text` is (see [`WordScores`]),
/// or the length of `text` without a cache; `cache` is emptied first
/// unless it was filled with `ev` and `allow`.
fn searched_with(
    text: &str,
    ev: &Evidence,
    allow: &[String],
    cache: Option<&mut WordScores>,
) -> usize {
    match cache {
        Some(cache) => {
            cache.prepare(ev, allow);
            cache.searched = cache.searched.saturating_add(text.len());
            cache.searched
        }
        None => text.len(),
    }
}

/// The evidence of `tokens`, whole segments of `text`: each word's, then
/// two-word loan phrases and determiners, which never reach over a
/// segment's end (so that scoring segments apart or together is the same).
fn score_segments(
    tokens: &mut [Token],
    text: &str,
    ev: &Evidence,
    allow: &[String],
    mut cache: Option<&mut WordScores>,
) {
    let mut buf = String::new();
    for t in tokens.iter_mut() {
        let w = &text[t.start..t.end];
        let (found, shape) = match cache.as_deref_mut() {
            Some(cache) => cache.token(w, &mut buf, ev, allow),
            None => (
                token_evidence(w, &mut buf, |lower| word_score(lower, ev, allow)),
                Shape::of(w),
            ),
        };
        t.score_with(found, shape, text, ev);
    }
    // Two-word loan phrases (`in vitro`, `fake news`).
    let mut phrase = String::new();
    for k in 1..tokens.len() {
        let (a, b) = (tokens[k - 1], tokens[k]);
        if a.segment != b.segment || b.after_punct || (!a.phrase_head && allow.is_empty()) {
            continue;
        }
        fold_into(&text[a.start..a.end], &mut phrase);
        phrase.push(' ');
        fold_onto(&text[b.start..b.end], &mut phrase);
        if LOANWORDS.contains(phrase.as_str()) || allow.contains(&phrase) {
            for t in &mut tokens[k - 1..=k] {
                t.score = t.score.min(0.0);
                t.loan = true;
            }
        }
    }
    if ev.lexicon {
        apply_determiner_homographs(tokens, text);
    }
    if ev.lexicon && ev.capitalisation {
        apply_english_labels(tokens, text);
    }
}

/// Most words of an English field label.
const LABEL_WORDS: usize = 3;

/// Makes English a field label of product pages that opens a line before a
/// colon (`Package Included: 1 x sac`, `- Features :`), one of its words
/// at least no French word: an interface leftover, no name or title
/// (`data/english-labels.txt`).
fn apply_english_labels(tokens: &mut [Token], text: &str) {
    let mut phrase = String::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        // Only spaces and bullets between the line's start and the label.
        let line_start = text[..t.start]
            .chars()
            .rev()
            .take_while(|&c| c != '\n')
            .all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '•' | '*' | '▪' | '►'));
        if !(t.word && t.cap && line_start) {
            i += 1;
            continue;
        }
        let mut found = None;
        phrase.clear();
        for j in i..tokens.len().min(i + LABEL_WORDS) {
            let w = tokens[j];
            if !w.word || w.segment != t.segment || (j > i && (w.after_punct || w.after_bracket)) {
                break;
            }
            if j > i {
                phrase.push(' ');
            }
            fold_onto(&text[w.start..w.end], &mut phrase);
            let colon = text[w.end..]
                .trim_start_matches([' ', '\t', '\u{a0}', '\u{202f}'])
                .starts_with(':');
            if colon {
                if LABELS.contains(phrase.replace('’', "'").as_str())
                    && tokens[i..=j].iter().any(|k| !k.french)
                {
                    found = Some(j + 1);
                }
                break;
            }
        }
        let Some(end) = found else {
            i += 1;
            continue;
        };
        for k in &mut tokens[i..end] {
            k.score = k.score.max(SINGLE_WORD);
            k.never_name = true;
            k.label = true;
        }
        i = end;
    }
}

/// Lowers the evidence of names, titles and loanwords that the context
/// shows (each step neutralises or clamps; none raises a token above zero).
fn apply_context(tokens: &mut [Token], text: &str, ev: &Evidence, searched: usize) {
    if ev.capitalisation {
        apply_quoted_titles(tokens, text);
        apply_listed_titles(tokens, text);
        apply_quote_sources(tokens, text);
        apply_collaborations(tokens, text);
        apply_title_cues(tokens, text);
        apply_headed_titles(tokens, text);
        apply_team_names(tokens, text, searched);
        apply_dash_headings(tokens, text);
        apply_spaced_letters(tokens, text);
        apply_date_formats(tokens, text);
        apply_model_names(tokens, text);
        apply_capitalisation(tokens, text);
    }
}

/// Most capitalised words of a product name before its model code.
const MODEL_NAME_WORDS: usize = 6;

/// Whether `code` is a model designation: letters and digits mixed (`30F`,
/// `S7`, `XM4`), or a Roman numeral of two letters or more (`II`, `IV`).
fn model_code(code: &str) -> bool {
    let mixed = code.bytes().all(|b| b.is_ascii_alphanumeric())
        && code.bytes().any(|b| b.is_ascii_digit())
        && code.bytes().any(|b| b.is_ascii_alphabetic());
    let roman = code.len() >= 2 && code.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'));
    mixed || roman
}

/// Neutralises the capitalised words right before a model code: a product's
/// name (`Mountain Hardwear Yawn Patrol 30F`, `Sea to Summit Tanami Tm II`),
/// no English prose.
fn apply_model_names(tokens: &mut [Token], text: &str) {
    for k in 1..tokens.len() {
        let code = tokens[k];
        let before = tokens[k - 1];
        if code.after_punct
            || code.segment != before.segment
            || !(before.cap && before.word)
            || !model_code(&text[code.start..code.end])
        {
            continue;
        }
        let mut first = k - 1;
        let mut words = 1;
        while first > 0 && words < MODEL_NAME_WORDS {
            let t = tokens[first];
            let prev = tokens[first - 1];
            if t.after_punct || t.after_bracket || prev.segment != t.segment {
                break;
            }
            if prev.cap && prev.word {
                words += 1;
            } else if !(prev.connector && first >= 2 && tokens[first - 2].cap) {
                break;
            }
            first -= 1;
        }
        let (start, end) = (tokens[first].start, code.end);
        neutralise(tokens, start, end);
    }
}

/// Neutralises titles in quotes inside French: `l'album « Over My Head »`,
/// `un after-show « the Talking Dead »`. A quoted title has at most twelve
/// words, each capitalised or a short lowercase connector.
fn apply_quoted_titles(tokens: &mut [Token], text: &str) {
    for (body_start, close) in quote_pairs(text) {
        apply_quoted_title(tokens, body_start, close);
    }
}

/// The quotations of `text` that may hold a title ([`apply_quoted_titles`]):
/// each opening mark paired with the next closing one of its kind, the
/// pairs read from the start of the text one after the other (none after
/// an opening mark that is never closed); as the start of the body (after
/// the opening mark) and the closing mark's offset, for bodies of at most
/// 200 bytes on one line.
fn quote_pairs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut search = 0;
    std::iter::from_fn(move || {
        loop {
            let rel = text[search..].find(['«', '“', '"'])?;
            let open = search + rel;
            let open_char = text[open..].chars().next().unwrap_or('"');
            let body_start = open + open_char.len_utf8();
            let close_char = match open_char {
                '«' => '»',
                '“' => '”',
                _ => '"',
            };
            let Some(close_rel) = text[body_start..].find(close_char) else {
                // Nothing is paired after a mark never closed.
                search = text.len();
                return None;
            };
            let close = body_start + close_rel;
            search = close + close_char.len_utf8();
            if close - body_start > 200 || text[body_start..close].contains('\n') {
                continue;
            }
            return Some((body_start, close));
        }
    })
}

/// [`apply_quoted_titles`] on the quotation between `body_start` and
/// `close`.
fn apply_quoted_title(tokens: &mut [Token], body_start: usize, close: usize) {
    let first = tokens.partition_point(|t| t.start < body_start);
    let last = tokens.partition_point(|t| t.end <= close);
    if first >= last || last - first > 12 {
        return;
    }
    let inside = &tokens[first..last];
    let title_like = inside.iter().any(|t| t.cap)
        && inside
            .iter()
            .all(|t| t.cap || !t.word || t.end - t.start <= 4);
    if !title_like {
        return;
    }
    let decisive = |t: &Token| t.score.abs() >= 0.5 && !t.cap;
    // One of the two nearest clear words on either side is French.
    let french = |t: &Token| t.score <= FRENCH_CONTEXT;
    let left = tokens[first.saturating_sub(CONTEXT_WINDOW)..first]
        .iter()
        .rev()
        .filter(|t| decisive(t))
        .take(2)
        .any(french);
    let right = tokens[last..tokens.len().min(last + CONTEXT_WINDOW)]
        .iter()
        .filter(|t| decisive(t))
        .take(2)
        .any(french);
    if left || right {
        for t in &mut tokens[first..last] {
            t.score = t.score.clamp(-0.2, 0.0);
            t.loan = true;
        }
    }
}

/// Short lower-case words a title in title case keeps in lower case: more
/// than the connectors that join a name (`WORDS.connectors`: `Bank of
/// Scotland`), since titles also keep `at`, `or`, `feat`, `et`, `les`.
const TITLE_CONNECTORS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "and", "for", "at", "by", "or", "vs", "feat", "de",
    "la", "le", "les", "et", "du", "des",
];

/// Whether `side` is a short run of title words: at most `max` words,
/// each capitalised, a number, or a short connector, one capitalised at
/// least, and no full stop at its end (a sentence).
fn title_side(side: &str, max: usize, any_case: bool) -> bool {
    let words: Vec<&str> = side.split_whitespace().collect();
    if words.is_empty() || words.len() > max || side.ends_with('.') || side.contains(':') {
        return false;
    }
    let capitalised = |w: &str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let bare = |w: &str| -> String {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    // A title in quotes starts with its mark: `“Mike’s Song”`.
    let unquoted = |w: &str| w.trim_start_matches(['“', '"', '‘', '\'', '(']).to_string();
    words.iter().any(|w| w.chars().any(char::is_uppercase))
        && words.iter().all(|w| {
            any_case
                || capitalised(&unquoted(w))
                || TITLE_CONNECTORS.contains(&bare(w).as_str())
                || !w.chars().any(char::is_alphabetic)
        })
}

/// Whether `side` may be a name in any case: at most `max` words, no colon
/// and no full stop at its end (a sentence).
fn name_side(side: &str, max: usize) -> bool {
    let words = side.split_whitespace().count();
    (1..=max).contains(&words) && !side.ends_with('.') && !side.contains(':')
}

/// Neutralises a review's heading `Artist – Title` on a line of its own:
/// `The Madcaps – Slow Down`, `dEUS – How To Replace It`, `Black Rebel
/// Motorcycle Club – Wrong Creatures`, `alt-J – « Hunger Of The Pine »`:
/// names of a band and of a work, not English left untranslated. The artist
/// side has at most six words with a capital (or none when the title is in
/// quotes), the title side at most ten words in title case.
fn apply_dash_headings(tokens: &mut [Token], text: &str) {
    neutralise_each(tokens, dash_headings(text));
}

/// The lines of `text` that [`apply_dash_headings`] neutralises, as byte
/// ranges, in order.
fn dash_headings(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    crate::text::lines(text).filter_map(|(line_start, line)| {
        let body = line.trim_end();
        if body.len() > 160 {
            return None;
        }
        let (sep, len) = [" – ", " — ", " - "]
            .iter()
            .find_map(|d| body.find(d).map(|i| (i, d.len())))?;
        let (left, right) = (&body[..sep], &body[sep + len..]);
        // An artist written in lower case (`alt-J`, `ya$$`) is a name too
        // when the title after the dash is in quotes, as titles are marked.
        let quoted = right.trim_start().starts_with(['«', '“', '"']);
        let artist = title_side(left.trim(), 6, true) || (quoted && name_side(left.trim(), 6));
        (artist && title_side(right.trim(), 10, false))
            .then_some((line_start, line_start + body.len()))
    })
}

/// Neutralises the full names of North American sports teams, in any case:
/// `ATLANTA FALCONS` heading a team's section, `les Kansas City Chiefs`
/// (`crate::lang::teams`): names of organisations, not English left in the
/// text.
fn apply_team_names(tokens: &mut [Token], text: &str, searched: usize) {
    for span in super::teams::full_names(text, searched) {
        neutralise(tokens, span.start, span.end);
    }
}

/// Neutralises the name of a collaboration: names joined by a lower-case
/// `x` (`Harbour Runner x Silver Coast`, `Silver Coast Low Grey Mist x
/// North Pier`), as fashion and music name a joint release. Each
/// side is a run of capitalised words (a number or a connector inside), at
/// most six, on the same line; English prose writes no `x` between names.
fn apply_collaborations(tokens: &mut [Token], text: &str) {
    apply_collaborations_in(tokens, text, (0, text.len()));
}

/// [`apply_collaborations`] for the ` x ` between `from` and `to` of `text`
/// (`tokens` being those of that piece, or more).
fn apply_collaborations_in(tokens: &mut [Token], text: &str, (from, to): (usize, usize)) {
    let mut search = from;
    while let Some(rel) = text[search..to].find(" x ") {
        let at = search + rel;
        search = at + 3;
        // The tokens of the `x` and of the words on either side of it.
        let next = tokens.partition_point(|t| t.start < at + 3);
        if next < 2 || next >= tokens.len() {
            continue;
        }
        let name_word = |t: &Token| {
            t.word && (t.cap || text[t.start..t.end].starts_with(|c: char| c.is_ascii_digit()))
        };
        let (before, after) = (next - 2, next);
        if tokens[next - 1].start != at + 1
            || tokens[before].end != at
            || tokens[after].start != at + 3
            || !name_word(&tokens[before])
            || !name_word(&tokens[after])
        {
            continue;
        }
        let same_line =
            |a: &Token, b: &Token| !text[a.end.min(b.start)..a.start.max(b.end)].contains('\n');
        let connector =
            |t: &Token| TITLE_CONNECTORS.contains(&text[t.start..t.end].to_lowercase().as_str());
        let mut first = before;
        while first > 0
            && before - first < 6
            && same_line(&tokens[first - 1], &tokens[before])
            && (name_word(&tokens[first - 1])
                || connector(&tokens[first - 1]) && first >= 2 && name_word(&tokens[first - 2]))
        {
            first -= 1;
        }
        let mut last = after;
        while last + 1 < tokens.len()
            && last - after < 6
            && same_line(&tokens[after], &tokens[last + 1])
            && (name_word(&tokens[last + 1])
                || connector(&tokens[last + 1]) && tokens.get(last + 2).is_some_and(&name_word))
        {
            last += 1;
        }
        neutralise(tokens, tokens[first].start, tokens[last].end);
    }
}

/// Verbs that make what follows a quotation a report in English (`"We
/// won." Smith said.`), not the quotation's source.
const REPORTING_VERBS: &[&str] = &["said", "says", "told", "wrote", "writes", "asked", "added"];

/// Neutralises the source after a quotation that fills its line: a line
/// that opens with a quotation mark and, after its closing mark, names
/// where the words come from in at most five words, capitalised and
/// ended by a full stop, as a page of quotations does (`"Je reviendrai
/// plus vite que prévu" Back to the river.`, `« Rien ne sert de courir »
/// Running Late Again.`). The source is a title or a name.
fn apply_quote_sources(tokens: &mut [Token], text: &str) {
    neutralise_each(tokens, quote_sources(text));
}

/// The sources that [`apply_quote_sources`] neutralises, as byte ranges of
/// `text`, in order.
fn quote_sources(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    crate::text::lines(text).filter_map(|(start, line)| {
        let body = line.trim_end();
        let lead = body.len() - body.trim_start().len();
        if !body[lead..].starts_with(['«', '"', '“']) {
            return None;
        }
        let close = body.rfind(['»', '"', '”'])?;
        if close <= lead {
            return None;
        }
        let after = close + body[close..].chars().next().map_or(1, char::len_utf8);
        let source = body[after..].strip_suffix('.')?;
        let trimmed = source.trim();
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        if words.is_empty()
            || words.len() > 5
            || !trimmed.starts_with(char::is_uppercase)
            || words
                .iter()
                .any(|w| REPORTING_VERBS.contains(&w.trim_matches(',').to_lowercase().as_str()))
        {
            return None;
        }
        let from = start + after + (source.len() - source.trim_start().len());
        Some((from, from + trimmed.len()))
    })
}

/// [`neutralise`] for each range of `ranges`.
fn neutralise_each(tokens: &mut [Token], ranges: impl IntoIterator<Item = (usize, usize)>) {
    for (start, end) in ranges {
        neutralise(tokens, start, end);
    }
}

/// Makes the tokens of `range` of `text` neutral: a title or a name, in any
/// language, is no evidence either way.
fn neutralise(tokens: &mut [Token], start: usize, end: usize) {
    let first = tokens.partition_point(|t| t.start < start);
    let last = tokens.partition_point(|t| t.end <= end);
    for t in tokens.iter_mut().take(last).skip(first) {
        if t.label {
            continue;
        }
        t.score = t.score.clamp(-0.2, 0.0);
        t.loan = true;
    }
}

/// A list item: bullets, dashes and numbers (`1.`, `01.`, `100 –`, `— 3.`)
/// at the start of a line, then the item.
static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t]*(?:(?:[-–—•*▪►]|\d{1,3}[ \t]*[.)–—-]|\d{1,3}[.)]?[ \t]+[–—-])[ \t]*)+")
        .expect("valid regex")
});

/// Where the title of a list item ends: its author (`de`, `d’`, `par`,
/// `by` and a capital), a bracket, a colon or a dash.
static TITLE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[ \t]+(?:de|d[’']|par|by|feat\.?|ft\.)[ \t]*\p{Lu}|[ \t]*[(\[]|[ \t]*:|[ \t]+[–—-][ \t]",
    )
    .expect("valid regex")
});

/// Neutralises the titles of list items: `1. The Social Network de David
/// Fincher (2010)`, `07.The World's First Ever Monster Truck Front Flip`,
/// `- Under the silver lake de David Robert Mitchell`. An item is a title
/// when an author, a bracket or a colon follows it, or when it is written
/// in title case in a numbered list, or in a bulleted list that the text
/// announces as a list of works (see [`announced_as_works`]); at most
/// twelve words.
fn apply_listed_titles(tokens: &mut [Token], text: &str) {
    neutralise_each(tokens, listed_titles(text));
}

/// The titles of list items that [`apply_listed_titles`] neutralises, as
/// byte ranges of `text`, in order.
fn listed_titles(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    // The list the current item belongs to: where its previous item's line
    // ended, and whether the text announced it as a list of works.
    let mut previous_end = None;
    let mut announced = false;
    LIST_MARKER.find_iter(text).filter_map(move |m| {
        let line_end = text[m.end()..]
            .find('\n')
            .map_or(text.len(), |i| m.end() + i);
        if previous_end.map(|e: usize| e + 1) != Some(m.start()) {
            announced = announced_as_works(text, m.start());
        }
        previous_end = Some(line_end);
        let item = &text[m.end()..line_end];
        let (title, cut) = match TITLE_END.find(item) {
            Some(e) if e.start() > 0 => (&item[..e.start()], true),
            _ => (item, false),
        };
        let split = |s: &'_ str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
                .filter(|w| w.chars().any(char::is_alphabetic))
                .map(str::to_string)
                .collect()
        };
        let words = split(title);
        if words.is_empty() || words.len() > 12 {
            return None;
        }
        let capitalised = |w: &String| w.chars().next().is_some_and(char::is_uppercase);
        let in_title_case = |words: &[String]| {
            words.first().is_some_and(capitalised)
                && words.iter().filter(|w| capitalised(w)).count() * 2 >= words.len()
        };
        let title_case = in_title_case(&words);
        let first_capitalised = capitalised(&words[0]);
        // Title case alone makes a title in a numbered list (a track list),
        // not in a bulleted one (product features), unless the text said
        // the list holds works: then the whole item is the title (`Paper
        // Kite Wars: Return of the Wind`).
        let numbered = m.as_str().bytes().any(|b| b.is_ascii_digit());
        let whole = split(item);
        if announced && whole.len() <= 12 && in_title_case(&whole) {
            Some((m.end(), line_end))
        } else {
            ((cut && first_capitalised) || (title_case && numbered))
                .then_some((m.end(), m.end() + title.len()))
        }
    })
}

/// Plural nouns of works: a list they announce holds titles.
static WORKS_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\p{L}])(?:titres|jeux|films|albums|séries|livres|romans|morceaux|chansons|épisodes|singles|clips|podcasts|mixtapes|spectacles)(?:[^\p{L}]|$)",
    )
    .expect("valid regex")
});

/// Whether the bulleted list whose first item starts at `at` is announced
/// as a list of works: the line before it ends with a colon (`en voici la
/// liste :`) and the text just before it, that line or the paragraph
/// above, names works in the plural (`douze jeux`, `les films suivants`).
/// A list of product features is announced by what it describes
/// (`Caractéristiques :`), not by works.
fn announced_as_works(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    if !before.ends_with(':') {
        return false;
    }
    let from = before.floor_char_boundary(before.len().saturating_sub(400));
    WORKS_CUE.is_match(&before[from..])
}

/// Words after which a capitalised run names a work or a group: `l'album
/// Over My Head`, `Titre original : Days without end`, and in fashion a
/// named edition: `le pack Harbour Days`, `le coloris Grey Mist`.
static TITLE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i)\b(?:albums?|titres?(?: original)?|singles?|morceaux?|morceau|chansons?|films?|séries?|jeux|jeu|livres?|romans?|groupes?|épisodes?|saisons?|émissions?|labels?|mixtapes?|EP|opus|clips?|sagas?|spectacles?|podcasts?|intitulée?s?|baptisée?s?|nommée?s?|appelée?s?|packs?|capsules?|coloris|colorways?)[ \t\u{a0}]*:?[ \t\u{a0}]*[«“"]?[ \t\u{a0}]*$"#,
    )
    .expect("valid regex")
});

/// The stems of [`TITLE_CUE`]'s words: one of them is in every match.
const TITLE_CUE_STEMS: &[&str] = &[
    "album",
    "titre",
    "single",
    "morceau",
    "chanson",
    "film",
    "série",
    "jeu",
    "livre",
    "roman",
    "groupe",
    "épisode",
    "saison",
    "émission",
    "label",
    "mixtape",
    "ep",
    "opus",
    "clip",
    "saga",
    "spectacle",
    "podcast",
    "intitulé",
    "baptisé",
    "nommé",
    "appelé",
    "pack",
    "capsule",
    "coloris",
    "colorway",
];

/// [`TITLE_CUE_STEMS`] in any case: ASCII case is ignored, and each `é`
/// is given in both cases (the only letter of the stems outside ASCII).
static TITLE_CUE_STEM_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let variants = TITLE_CUE_STEMS.iter().flat_map(|s| {
        let upper = s.replace('é', "É");
        std::iter::once(s.to_string()).chain((upper != *s).then_some(upper))
    });
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(variants)
        .expect("the title cue stems build an automaton")
});

/// Where the stems of the title cues stand in `text`, in any case, sorted
/// by start: a title cue can only end a text that holds one of them.
/// Building [`TITLE_CUE`] (case-insensitive, with Unicode word boundaries)
/// and running it costs more than this one pass, so it runs only before a
/// capitalised word that a stem precedes closely.
fn title_cue_stems(text: &str) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = TITLE_CUE_STEM_FINDER
        .find_overlapping_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    found.sort_unstable();
    found
}

/// Neutralises a title named after a cue word (see [`TITLE_CUE`]): the
/// capitalised word after the cue and what follows it in the segment up to
/// the first clear French word, at most twelve words.
fn apply_title_cues(tokens: &mut [Token], text: &str) {
    apply_title_cues_with(tokens, text, &title_cue_stems(text));
}

/// Most bytes between a title cue's stem and the title ([`TITLE_CUE`] is
/// matched on the 40 bytes before a capitalised word).
const TITLE_CUE_REACH: usize = 40;

/// [`apply_title_cues`], given the stems of the cues of `text` that may
/// stand before the tokens ([`title_cue_stems`]).
fn apply_title_cues_with(tokens: &mut [Token], text: &str, stems: &[(usize, usize)]) {
    let n = tokens.len();
    if stems.is_empty() {
        return;
    }
    let mut i = 0;
    while i < n {
        let t = tokens[i];
        if !(t.cap && t.word) {
            i += 1;
            continue;
        }
        let from = text.floor_char_boundary(t.start.saturating_sub(TITLE_CUE_REACH));
        let before = &text[from..t.start];
        let first = stems.partition_point(|&(start, _)| start < from);
        let stem_before = stems[first..]
            .iter()
            .take_while(|&&(start, _)| start < t.start)
            .any(|&(_, end)| end <= t.start);
        if !stem_before || !TITLE_CUE.is_match(before) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < n
            && j - i < 12
            && tokens[j].segment == t.segment
            && tokens[j].score > FRENCH_CONTEXT
            && !tokens[j].after_bracket
        {
            j += 1;
        }
        neutralise(tokens, t.start, tokens[j - 1].end);
        i = j;
    }
}

/// Neutralises a title that heads a line or follows a label, followed by a
/// bracket or a colon: `League of Legends : le championnat s'agrandit`,
/// `The Crown (Saison 4)`, `Finaliste : The Legend of Zelda : A Link to
/// the Past`. The run must be in title case; when English follows the
/// colon, it must also hold a word that is no common English word (a name:
/// `Zelda`), since an English heading such as `Customer Service: Time
/// Zones` is a leftover.
fn apply_headed_titles(tokens: &mut [Token], text: &str) {
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let t = tokens[i];
        if !(t.initial && t.cap && t.word) {
            i += 1;
            continue;
        }
        // The title-case run, connectors inside.
        let mut j = i + 1;
        while j < n
            && tokens[j].segment == t.segment
            && !tokens[j].after_bracket
            && (tokens[j].cap || tokens[j].connector || !tokens[j].word)
        {
            j += 1;
        }
        let last = &tokens[j - 1];
        if j < n && tokens[j].segment == t.segment {
            // French or lowercase words go on: not a heading.
            i = j;
            continue;
        }
        let rest = text[last.end..].trim_start_matches([' ', '\t', '\u{a0}']);
        let bracket = rest.starts_with(['(', '[']);
        let colon = rest.starts_with(':');
        if !(bracket || colon) || (j - i == 1 && t.never_name) {
            i = j;
            continue;
        }
        let french_after = tokens[j..n.min(j + CONTEXT_WINDOW)]
            .iter()
            .take_while(|k| !text[last.end..k.start].contains('\n'))
            .find(|k| k.score.abs() >= 0.5)
            .is_none_or(|k| k.score <= FRENCH_CONTEXT);
        let named = || {
            let mut lower = String::new();
            tokens[i..j]
                .iter()
                .filter(|k| k.word && !k.connector)
                .any(|k| {
                    fold_into(&text[k.start..k.end], &mut lower);
                    zipf_exact(Lang::En, &lower).is_none_or(|z| z < COMMON_ENGLISH)
                })
        };
        if bracket || french_after || named() {
            neutralise(tokens, t.start, last.end);
        }
        i = j;
    }
}

/// Whether a capitalised run is made of generic English words, no name:
/// `Folding Camp Chair`, `Customer Service`. Two words or more besides
/// connectors, each a common English word that the French lexicon does not
/// hold as a name, one at least no French word; no title or loanword.
fn generic_run(run: &[Token], text: &str) -> bool {
    let words: Vec<&Token> = run.iter().filter(|t| t.word && !t.connector).collect();
    if words.len() < 2 || run.iter().any(|t| t.loan || t.acronym || !t.word) {
        return false;
    }
    let mut lower = String::new();
    let mut english_only = false;
    for t in words {
        let w = &text[t.start..t.end];
        fold_into(w, &mut lower);
        if zipf_exact(Lang::En, &lower).is_none_or(|z| z < GENERIC_ENGLISH)
            || super::french::classes(w).is_some_and(|c| c.only_names())
        {
            return false;
        }
        english_only |= !t.french;
    }
    english_only
}

/// Zipf from which an English word is generic enough to be no name.
const GENERIC_ENGLISH: f32 = 3.0;

/// Zipf from which an English word is common (not a name).
const COMMON_ENGLISH: f32 = 3.5;

/// Neutralises letters spaced out one by one (`R É P U B L I Q U E`):
/// single letters, three in a row at least, are no words.
fn apply_spaced_letters(tokens: &mut [Token], text: &str) {
    let single = |t: &Token| t.word && text[t.start..t.end].chars().count() == 1;
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        while j < tokens.len() && single(&tokens[j]) {
            j += 1;
        }
        if j - i >= 3 {
            for t in &mut tokens[i..j] {
                t.score = 0.0;
                t.loan = true;
            }
        }
        i = j.max(i + 1);
    }
}

/// Whether `s` is a field of a date or time format: one of the letters
/// formats use (`Y`, `A` for `année`, `M`, `D`, `J` for `jour`, `h`, `H`,
/// `m`, `s`), two to four times (`YYYY`, `AAAA`, `JJ`, `hh`, `mm`).
fn date_field(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    "YyAaMDdJjHhms".contains(first) && (2..=4).contains(&s.len()) && s.chars().all(|c| c == first)
}

/// Neutralises the fields of a date or time format written out
/// (`AAAA-MM-JJ hh:mm`, `hh:mm:ss`, `DD/MM/YYYY`): a word whose stretch
/// of text between spaces is two fields or more joined by `-`, `/`, `:` or
/// `.` (`hh` alone, or `hh mm`, stays a word).
fn apply_date_formats(tokens: &mut [Token], text: &str) {
    const REACH: usize = 24;
    let joined = |chunk: &str| {
        let chunk = chunk.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | ';'));
        let mut fields = 0;
        for part in chunk.split(['-', '/', ':', '.']) {
            if !date_field(part) {
                return false;
            }
            fields += 1;
        }
        fields >= 2
    };
    for t in tokens.iter_mut() {
        if !t.word
            || !text[t.start..t.end]
                .split(['-', '/', ':', '.'])
                .all(date_field)
        {
            continue;
        }
        let from = text.floor_char_boundary(t.start.saturating_sub(REACH));
        let to = text.ceil_char_boundary((t.end + REACH).min(text.len()));
        let start = text[from..t.start]
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(from, |(i, c)| from + i + c.len_utf8());
        let end = text[t.end..to]
            .find(char::is_whitespace)
            .map_or(to, |i| t.end + i);
        if joined(&text[start..end]) {
            t.score = t.score.clamp(-0.2, 0.0);
            t.loan = true;
        }
    }
}

/// English runs in `text` (a sentence, paragraph or document of French),
/// with every piece of evidence on and no allow-list.
pub fn english_spans(text: &str) -> Vec<EnglishSpan> {
    english_spans_with(text, &Evidence::default(), &[])
}

/// English runs in `text`, with the evidence chosen and `allow`: lowercase
/// words and phrases that are never reported.
pub fn english_spans_with(text: &str, ev: &Evidence, allow: &[String]) -> Vec<EnglishSpan> {
    english_spans_in(text, ev, allow, None)
}

/// [`english_spans_with`], reusing and filling `scores`: pass the same
/// [`WordScores`] for every block of a document. It pays on large documents
/// only (on a short article, filling it costs more than it saves).
pub fn english_spans_cached(
    text: &str,
    ev: &Evidence,
    allow: &[String],
    scores: &mut WordScores,
) -> Vec<EnglishSpan> {
    english_spans_in(text, ev, allow, Some(scores))
}

fn english_spans_in(
    text: &str,
    ev: &Evidence,
    allow: &[String],
    scores: Option<&mut WordScores>,
) -> Vec<EnglishSpan> {
    if text.len() >= CHUNKED_FROM {
        return english_spans_chunked(text, ev, allow, scores, PIECE_BYTES).0;
    }
    let (mut tokens, searched) = score_words(text, ev, allow, scores);
    // Most French text: no word leans English enough to be reported, and
    // the context steps can only lower the evidence.
    if !tokens.iter().any(|t| t.score >= LEAST_REPORTED) {
        return Vec::new();
    }
    if !ev.capitalisation {
        return runs(&tokens, text, ev, allow);
    }
    scored_spans(&mut tokens, text, ev, allow, searched)
}

/// The runs of `text` once `tokens`, all its tokens, are scored: the text
/// is read in pieces, cut wherever [`english_spans_chunked`] may cut a huge
/// text ([`may_cut`]), which gives the runs of the whole; the context steps
/// read only the pieces that hold a token leaning English enough to be
/// reported, most of a French text being in the others.
fn scored_spans(
    tokens: &mut [Token],
    text: &str,
    ev: &Evidence,
    allow: &[String],
    searched: usize,
) -> Vec<EnglishSpan> {
    let mut context = PieceContext::new(text, searched);
    let mut out = Vec::new();
    // The first token and the first byte of the current piece.
    let (mut first, mut from) = (0, 0);
    let mut c = CUT_MARGIN;
    while c + CUT_MARGIN < tokens.len() {
        if !may_cut(&tokens[first..], c - first, text) {
            c += 1;
            continue;
        }
        let to = tokens[c].start;
        piece_spans(
            &mut tokens[first..c],
            text,
            ev,
            allow,
            (from, to),
            &mut context,
            &mut out,
        );
        (first, from) = (c, to);
        c = first + CUT_MARGIN;
    }
    piece_spans(
        &mut tokens[first..],
        text,
        ev,
        allow,
        (from, text.len()),
        &mut context,
        &mut out,
    );
    out
}

/// Texts from this size on (a block of one huge line) are read piece by
/// piece ([`english_spans_chunked`]): the tokens of the whole text would
/// take about seven times its size.
const CHUNKED_FROM: usize = 1 << 20;

/// Least bytes of a piece of a huge text ([`english_spans_chunked`]).
const PIECE_BYTES: usize = 256 * 1024;

/// Tokens on each side of a cut between pieces that hold no quotation
/// mark: more than a quoted title's [`CONTEXT_WINDOW`].
const CUT_MARGIN: usize = CONTEXT_WINDOW + 1;

/// [`english_spans_in`] on a huge `text`, read in pieces of at least
/// `piece_bytes` bytes: the same runs, with the tokens of one piece at a
/// time. The tokens are read once, in order, whole segments at a time;
/// the text is cut before a segment (`R`) when
///
/// - the segment before it (`L`) has no token leaning English: it is
///   French throughout whatever its context, no run touches it, and runs
///   on either side of it are never merged (its words stand between);
/// - `L` holds [`CONTEXT_WINDOW`] tokens or more: a title that heads a
///   segment reads the tokens after it up to that far
///   ([`apply_headed_titles`]), so only a title that ends `L` reads over
///   the cut, and it only lowers the evidence of `L`, which stays French;
/// - no quotation mark stands within [`CUT_MARGIN`] tokens of the cut: no
///   quoted title reads the context of the other piece, nor has its body
///   cut (a quotation that spans the cut holds more than twelve tokens, so
///   no title);
/// - `L`'s last token and `R`'s first one are not both single letters
///   ([`apply_spaced_letters`] reads runs of them over segments).
///
/// Every other step reads a segment's tokens only (the labelling, the
/// runs, names and titles that run to a segment's end), the text around a
/// token (read in the whole text here as well), or ranges of the text
/// found without tokens (list items, team names, dash headings: found as
/// the whole text is read). A text without such a cut is read whole. Also returns the number of pieces read.
fn english_spans_chunked(
    text: &str,
    ev: &Evidence,
    allow: &[String],
    mut scores: Option<&mut WordScores>,
    piece_bytes: usize,
) -> (Vec<EnglishSpan>, usize) {
    let searched = searched_with(text, ev, allow, scores.as_deref_mut());
    let mut context = PieceContext::new(text, searched);
    let mut tokens = Tokenizer::new(text);
    let mut buf: Vec<Token> = Vec::new();
    let mut out = Vec::new();
    // Where the current piece starts in `text`, and the first token of
    // `buf` that may still start the next one.
    let mut from = 0;
    let mut candidate = CUT_MARGIN;
    let mut pieces = 1;
    loop {
        // Whole segments of at least 4 kB, scored.
        let scored = buf.len();
        let batch_end = buf.last().map_or(0, |t| t.end) + 4096;
        let exhausted = tokens.push_until(&mut buf, batch_end);
        score_segments(&mut buf[scored..], text, ev, allow, scores.as_deref_mut());
        let cut = (candidate.max(CUT_MARGIN)..buf.len().saturating_sub(CUT_MARGIN))
            .find(|&c| buf[c].start - from >= piece_bytes && may_cut(&buf, c, text));
        match cut {
            Some(c) => {
                let to = buf[c].start;
                piece_spans(
                    &mut buf[..c],
                    text,
                    ev,
                    allow,
                    (from, to),
                    &mut context,
                    &mut out,
                );
                buf.drain(..c);
                from = to;
                candidate = CUT_MARGIN;
                pieces += 1;
            }
            None if exhausted => {
                piece_spans(
                    &mut buf,
                    text,
                    ev,
                    allow,
                    (from, text.len()),
                    &mut context,
                    &mut out,
                );
                return (out, pieces);
            }
            None => candidate = buf.len().saturating_sub(CUT_MARGIN),
        }
    }
}

/// Whether [`english_spans_chunked`] may cut the text before `tokens[c]`
/// (scored, with [`CUT_MARGIN`] tokens on each side).
fn may_cut(tokens: &[Token], c: usize, text: &str) -> bool {
    let (l, r) = (&tokens[c - 1], &tokens[c]);
    if l.segment == r.segment {
        return false;
    }
    let single = |t: &Token| t.word && text[t.start..t.end].chars().count() == 1;
    if single(l) && single(r) {
        return false;
    }
    let around = &text[tokens[c - CUT_MARGIN].start..tokens[c + CUT_MARGIN - 1].end];
    if around.contains(['«', '»', '“', '”', '"']) {
        return false;
    }
    let l_start = tokens[..c]
        .iter()
        .rposition(|t| t.segment != l.segment)
        .map_or(0, |k| k + 1);
    c - l_start >= CONTEXT_WINDOW && !tokens[l_start..c].iter().any(|t| t.score > 0.0)
}

/// What the steps of [`apply_context`] that read the text rather than the
/// tokens find in a text read in pieces (a huge one, or a scored one:
/// [`scored_spans`]): found once (team names) or as the pieces come
/// (quotations, list items, the sources after quotations, dash headings),
/// and given to each piece in turn; the collaborations of each piece are
/// looked for in it.
struct PieceContext<'t> {
    text: &'t str,
    searched: usize,
    quotes: std::iter::Peekable<Box<dyn Iterator<Item = (usize, usize)> + 't>>,
    listed: Ranges<'t>,
    sources: Ranges<'t>,
    dashes: Ranges<'t>,
    teams: Option<Ranges<'t>>,
}

impl<'t> PieceContext<'t> {
    fn new(text: &'t str, searched: usize) -> Self {
        let quotes: Box<dyn Iterator<Item = (usize, usize)> + 't> = Box::new(quote_pairs(text));
        PieceContext {
            text,
            searched,
            quotes: quotes.peekable(),
            listed: Ranges::new(listed_titles(text)),
            sources: Ranges::new(quote_sources(text)),
            dashes: Ranges::new(dash_headings(text)),
            teams: None,
        }
    }

    /// [`apply_context`] on `tokens`, the piece of the text between `from`
    /// and `to`.
    fn apply(&mut self, tokens: &mut [Token], (from, to): (usize, usize)) {
        let text = self.text;
        while let Some((body_start, close)) = self.quotes.next_if(|&(b, _)| b < to) {
            // A quotation that ends in a later piece holds no title
            // (`may_cut`).
            if close < to {
                apply_quoted_title(tokens, body_start, close);
            }
        }
        self.listed.apply(tokens, to);
        self.sources.apply(tokens, to);
        apply_collaborations_in(tokens, text, (from, to));
        // The stems of the cues that may stand before the piece's tokens.
        let start = text.floor_char_boundary(from.saturating_sub(TITLE_CUE_REACH + 4));
        let stems: Vec<(usize, usize)> = title_cue_stems(&text[start..to])
            .into_iter()
            .map(|(a, b)| (start + a, start + b))
            .collect();
        apply_title_cues_with(tokens, text, &stems);
        apply_headed_titles(tokens, text);
        let searched = self.searched;
        self.teams
            .get_or_insert_with(|| {
                let names = super::teams::full_names(text, searched);
                Ranges::new(names.into_iter().map(|s| (s.start, s.end)))
            })
            .apply(tokens, to);
        self.dashes.apply(tokens, to);
        apply_spaced_letters(tokens, text);
        apply_date_formats(tokens, text);
        apply_model_names(tokens, text);
        apply_capitalisation(tokens, text);
    }

    /// Passes over the piece of the text that ends at `to`, left as it is.
    fn skip(&mut self, to: usize) {
        while self.quotes.next_if(|&(b, _)| b < to).is_some() {}
        self.listed.apply(&mut [], to);
        self.sources.apply(&mut [], to);
        self.dashes.apply(&mut [], to);
        if let Some(teams) = &mut self.teams {
            teams.apply(&mut [], to);
        }
    }
}

/// Byte ranges of a text to neutralise, in order of their starts, given to
/// the pieces of the text in turn: each range to every piece it reaches.
struct Ranges<'t> {
    ranges: std::iter::Peekable<Box<dyn Iterator<Item = (usize, usize)> + 't>>,
    /// Ranges that reach past the pieces given so far.
    open: Vec<(usize, usize)>,
}

impl<'t> Ranges<'t> {
    fn new(ranges: impl Iterator<Item = (usize, usize)> + 't) -> Self {
        let ranges: Box<dyn Iterator<Item = (usize, usize)> + 't> = Box::new(ranges);
        Ranges {
            ranges: ranges.peekable(),
            open: Vec::new(),
        }
    }

    /// Neutralises `tokens`, the piece of the text that ends at `to`, in
    /// every range that reaches them.
    fn apply(&mut self, tokens: &mut [Token], to: usize) {
        for &(start, end) in &self.open {
            neutralise(tokens, start, end);
        }
        self.open.retain(|&(_, end)| end > to);
        while let Some((start, end)) = self.ranges.next_if(|&(start, _)| start < to) {
            neutralise(tokens, start, end);
            if end > to {
                self.open.push((start, end));
            }
        }
    }
}

/// The runs of one piece of [`english_spans_chunked`] or [`scored_spans`],
/// `tokens` (whole segments, scored) between `from` and `to` in `text`,
/// pushed on `out`.
fn piece_spans(
    tokens: &mut [Token],
    text: &str,
    ev: &Evidence,
    allow: &[String],
    range: (usize, usize),
    context: &mut PieceContext<'_>,
    out: &mut Vec<EnglishSpan>,
) {
    let Some(base) = tokens.first().map(|t| t.segment) else {
        return;
    };
    // The runs index their segments from the piece's first.
    for t in tokens.iter_mut() {
        t.segment -= base;
    }
    // As on a whole text: most pieces hold no word that leans English
    // enough to be reported.
    if !tokens.iter().any(|t| t.score >= LEAST_REPORTED) {
        context.skip(range.1);
        return;
    }
    if ev.capitalisation {
        context.apply(tokens, range);
    } else {
        context.skip(range.1);
    }
    out.extend(runs(tokens, text, ev, allow));
}

/// The runs of English in `tokens` of `text`, with their evidence in
/// context: each segment labelled, runs trimmed and extended, confirmed,
/// and merged when only punctuation separates them.
fn runs(tokens: &[Token], text: &str, ev: &Evidence, allow: &[String]) -> Vec<EnglishSpan> {
    // Label each segment.
    let mut labels = vec![false; tokens.len()];
    let mut seg_word_counts: Vec<usize> = Vec::new();
    let mut line_segments: Vec<bool> = Vec::new();
    let mut seg_start = 0;
    while seg_start < tokens.len() {
        let seg = tokens[seg_start].segment;
        let seg_end = (seg_start..tokens.len())
            .find(|&k| tokens[k].segment != seg)
            .unwrap_or(tokens.len());
        let seg_tokens = &tokens[seg_start..seg_end];
        seg_word_counts.push(seg_tokens.iter().filter(|t| t.word).count());
        // A segment with no token leaning English is French throughout: the
        // labelling keeps every label French (English costs `EDGE` or
        // `ENTER` and gains nothing) and no line of it is English.
        if !seg_tokens.iter().any(|t| t.score > 0.0) {
            line_segments.push(false);
            seg_start = seg_end;
            continue;
        }
        let scores: Vec<f32> = seg_tokens.iter().map(|t| t.score).collect();
        let seg_labels = if ev.smoothing {
            viterbi(&scores)
        } else {
            scores.iter().map(|&s| s > ENTER + EDGE).collect()
        };
        labels[seg_start..seg_end].copy_from_slice(&seg_labels);
        if ev.smoothing
            && english_line(
                text,
                seg_tokens,
                seg_word_counts[seg_word_counts.len() - 1],
                ev,
            )
        {
            labels[seg_start..seg_end].fill(true);
            line_segments.push(true);
        } else {
            line_segments.push(false);
        }
        seg_start = seg_end;
    }
    // Collect runs, trimmed to tokens with English evidence at both ends.
    let mut spans = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !labels[i] {
            i += 1;
            continue;
        }
        // A bracket or a quote ends a run: a gloss in brackets or a quotation
        // is judged on its own (`l'esprit du prospect (top of mind)`). So
        // does a line break before a capital: each line of a list is an
        // item of its own (`Nike Pegasus Trail 5` above `Brooks Caldera 7`),
        // as the merging below already says; prose wrapped at a line length
        // goes on in lower case and stays one run. A table's cell separator
        // `|` ends a run too: each cell is an item (`| Container Registry |
        // Docker Registry |`).
        let mut j = i + 1;
        while j < tokens.len()
            && labels[j]
            && !tokens[j].after_bracket
            && !text[tokens[j - 1].end..tokens[j].start].contains('|')
            && !(tokens[j].cap
                && tokens[j].segment != tokens[j - 1].segment
                && text[tokens[j - 1].end..tokens[j].start].contains('\n'))
        {
            j += 1;
        }
        let mut a = i;
        let mut b = j;
        let seg = tokens[a].segment;
        if line_segments[seg] {
            let words = tokens[a..b].iter().filter(|t| t.word).count();
            spans.push((a, b, words, seg_word_counts[seg]));
            i = j;
            continue;
        }
        while a < b && tokens[a].score <= EDGE_EVIDENCE {
            a += 1;
        }
        while b > a && tokens[b - 1].score <= EDGE_EVIDENCE {
            b -= 1;
        }
        // `a`, the English article, is also the French verb (`il a`). An
        // article never ends an English phrase (its noun follows it), so a
        // run that ends on `a` ends on the French verb: `le postmaster a
        // quitté`, `ce slot a été invalidé`.
        while b > a + 1 && &text[tokens[b - 1].start..tokens[b - 1].end] == "a" {
            b -= 1;
            while b > a && tokens[b - 1].score <= EDGE_EVIDENCE {
                b -= 1;
            }
        }
        if a < b {
            // Names, numbers and loanwords at the edges belong to the run
            // (`at the Australian Open`, `the 9th Boeing`).
            let (core_a, core_b) = (a, b);
            // Only names and numbers: a lowercase word is no name (`lead a`).
            let neutral = |t: &Token| {
                t.segment == seg && t.score.abs() <= EDGE_EVIDENCE && (t.cap || !t.word)
            };
            while a > 0
                && core_a - a < MAX_EDGE_NAMES
                && !tokens[a].after_punct
                && neutral(&tokens[a - 1])
            {
                a -= 1;
            }
            while b < tokens.len()
                && b - core_b < MAX_EDGE_NAMES
                && !tokens[b].after_bracket
                && neutral(&tokens[b])
            {
                b += 1;
            }
            // French homographs of common English words after a run with
            // English grammar or two clear English words, up to the end of
            // the segment or a quote, end the English (`"Reuters admits
            // altering Beirut photo"`).
            let core = &tokens[core_a..core_b];
            if core.iter().any(|t| t.grammar)
                || core.iter().filter(|t| t.score >= SINGLE_WORD).count() >= 2
            {
                let mut e = b;
                while e < tokens.len()
                    && tokens[e].segment == seg
                    && !tokens[e].after_bracket
                    && english_homograph(&tokens[e], text)
                {
                    e += 1;
                }
                let boundary =
                    e == tokens.len() || tokens[e].segment != seg || tokens[e].after_bracket;
                if boundary {
                    b = e;
                }
            }
            let seg_words = seg_word_counts[seg];
            let words = tokens[a..b].iter().filter(|t| t.word).count();
            let strongest = tokens[a..b].iter().map(|t| t.score).fold(0.0, f32::max);
            // A single word needs strong evidence and no capital (names).
            let core_words = tokens[core_a..core_b].iter().filter(|t| t.word).count();
            let single_ok = core_words > 1
                || (strongest >= SINGLE_WORD && (!tokens[core_a].cap || tokens[core_a].never_name));
            if words > 0 && strongest >= STRONGEST && single_ok {
                spans.push((a, b, words, seg_words));
            }
        }
        i = j;
    }
    let mut out: Vec<EnglishSpan> = Vec::new();
    for (a, b, words, seg_words) in spans {
        let seg = tokens[a].segment;
        let span = Span::new(tokens[a].start, tokens[b - 1].end);
        let s = &text[span.start..span.end];
        if !allow.is_empty() || words > 1 {
            let lower = crate::text::fold(s);
            if LOANWORDS.contains(&*lower) || allow.iter().any(|a| *a == lower) {
                continue;
            }
        }
        let french_inside = tokens[a..b].iter().any(|t| t.score < -0.3);
        let mean = tokens[a..b].iter().map(|t| t.score).sum::<f32>() / words.max(1) as f32;
        if words >= 3 && (french_inside || mean < CONFIRM_BELOW) && !confirmed(s, ev, french_inside)
        {
            continue;
        }
        let run = &tokens[a..b];
        // English grammar: two function words, or one inside the run (a
        // function word at an edge may make a term: `before trance`).
        let grammar = run.iter().filter(|t| t.grammar).count();
        let inner = run.len() > 2 && run[1..run.len() - 1].iter().any(|t| t.grammar);
        out.push(EnglishSpan {
            span,
            words,
            whole_sentence: words >= 3 && words * 10 >= seg_words * 8,
            syntax: grammar >= 2 || inner || (words == 1 && grammar == 1),
            capitalised: title_case(run, text),
            line: line_segments[seg],
        });
    }
    // Merge runs separated by nothing but punctuation and spaces.
    let mut merged: Vec<EnglishSpan> = Vec::with_capacity(out.len());
    for s in out {
        if let Some(last) = merged.last_mut() {
            // Edge extension may make neighbouring runs touch or overlap.
            let gap = text.get(last.span.end..s.span.start).unwrap_or("");
            if !gap.chars().any(char::is_alphanumeric) && !gap.contains(['\n', '|']) {
                last.span.end = last.span.end.max(s.span.end);
                last.words += s.words;
                last.whole_sentence |= s.whole_sentence;
                last.syntax |= s.syntax;
                last.capitalised &= s.capitalised;
                last.line |= s.line;
                continue;
            }
        }
        merged.push(s);
    }
    merged
}

/// Forms of `to be` that English titles often leave in lower case between
/// capitalised words (`Gabbar is Back`, `The Kids are Alright`).
const TITLE_LOWER_VERBS: [&str; 4] = ["is", "are", "was", "were"];

/// Whether every word of `run` is capitalised, a connector (`Bank of
/// Scotland`) or, between capitalised words, a form of `to be` that titles
/// leave in lower case (`Gabbar is Back`): a title, a name or a label.
fn title_case(run: &[Token], text: &str) -> bool {
    let words: Vec<&Token> = run.iter().filter(|t| t.word).collect();
    words.iter().enumerate().all(|(i, t)| {
        t.cap
            || t.connector
            || (i > 0
                && i + 1 < words.len()
                && words[i + 1].cap
                && TITLE_LOWER_VERBS.contains(&&text[t.start..t.end]))
    })
}

/// Whether `t` is a lowercase French word that is also a common English
/// word (`photo`, `image`, `manipulation`).
fn english_homograph(t: &Token, text: &str) -> bool {
    t.word
        && !t.cap
        && t.french
        && t.score > -1.0
        && zipf_exact(Lang::En, &crate::text::fold(&text[t.start..t.end]))
            .is_some_and(|z| z >= COMMON_ENGLISH)
}

/// Whether the confirmers agree that `span_text` is English.
/// lingua must be confident, or merely unsure when no word of the run leans
/// French.
fn confirmed(span_text: &str, ev: &Evidence, french_inside: bool) -> bool {
    if ev.lingua {
        let en = LINGUA.compute_language_confidence(span_text, Language::English) as f32;
        if en < LINGUA_VETO || (french_inside && en < 0.5) {
            return false;
        }
    }
    if ev.whatlang
        && let Some(info) = WHATLANG.detect(span_text)
        && info.lang() == whatlang::Lang::Fra
        && info.confidence() > 0.5
    {
        return false;
    }
    true
}

/// Token scores and labels of `text`, one `word score label` line per token:
/// a debugging aid for tuning.
#[doc(hidden)]
pub fn explain(text: &str) -> String {
    use std::fmt::Write as _;
    let tokens = score_tokens(text, &Evidence::default(), &[], None);
    let mut out = String::new();
    for t in &tokens {
        let _ = writeln!(
            out,
            "{}\t{:.2}\tseg{}{}",
            &text[t.start..t.end],
            t.score,
            t.segment,
            if t.initial { " initial" } else { "" }
        );
    }
    let _ = writeln!(
        out,
        "lingua EN confidence of whole text: {:.2}",
        LINGUA.compute_language_confidence(text, Language::English)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        english_spans(text)
            .iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    #[test]
    fn a_hyphenated_word_holding_english_grammar_is_english() {
        assert_eq!(
            found("Le sac a une poche extensible pour shove-it."),
            ["shove-it"]
        );
        assert_eq!(
            found("La poche est trop petite pour les point-and-shoots de voyage."),
            ["point-and-shoots"]
        );
        // Particles and `to` make words French adopted or keeps on purpose.
        assert!(found("Un spectacle de stand-up après un check-in rapide.").is_empty());
        assert!(found("Chaque page a son call-to-action en bas.").is_empty());
    }

    #[test]
    fn every_english_exonym_starts_with_an_ascii_capital() {
        assert!(!EXONYMS.is_empty());
        assert!(
            EXONYMS
                .iter()
                .all(|n| n.starts_with(|c: char| c.is_ascii_uppercase()))
        );
    }

    #[test]
    fn english_country_names_in_addresses_and_selectors() {
        let text = "Adresse : Trzin, Slovenia, EU\nLangue :\n- French\n";
        let found: Vec<&str> = english_exonyms(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(found, ["Slovenia", "French"]);
        // Names made with them, and French names, are not.
        for careful in [
            "Le salon Japan Expo ouvre, Air India, vole.",
            "Le label Made in Italy, puis Turkey-Fest.",
            "Voyage en Slovénie, puis en Turquie.",
        ] {
            assert!(english_exonyms(careful).is_empty(), "{careful}");
        }
    }

    #[test]
    fn a_hyphenated_english_adjective_is_english() {
        assert_eq!(
            found("Une gourde leak-proof pour le sport."),
            ["leak-proof"]
        );
        // French words before the head, and heads French builds words
        // with, are not enough.
        assert!(found("Un hôtel dog-friendly près de la plage.").is_empty());
        assert!(found("La formule anti-proof du magazine.").is_empty());
    }

    #[test]
    fn two_english_words_glued_are_english() {
        assert_eq!(
            found("Tailles disponibles : colorsSize rouge"),
            ["colorsSize"]
        );
        // Brands and units keep their inner capital.
        assert!(found("Son iPhone tourne sous macOS avec une batterie de 4 000 mAh.").is_empty());
    }

    #[test]
    fn an_english_field_label_opening_a_line_is_english() {
        assert_eq!(
            found("Package Included: 1 x sac à dos"),
            ["Package Included"]
        );
        assert_eq!(
            found("Sac de randonnée\n- Features : imperméable et léger"),
            ["Features"]
        );
        // French labels and titles before a colon stay French or names.
        assert!(found("Description : un sac léger et solide.").is_empty());
        assert!(found("Into the Breach : un jeu de stratégie au tour par tour.").is_empty());
    }

    #[test]
    fn capitals_before_a_model_code_name_a_product() {
        assert!(
            found("Meilleur sac portable : Mountain Hardwear Yawn Patrol 30F, très chaud.")
                .is_empty()
        );
        assert!(found("Pour les couples : Sea to Summit Tanami Tm II, léger.").is_empty());
        // Without a model code, an English heading stays English.
        assert_eq!(
            found("Folding Camp Chair Extra Large"),
            ["Folding Camp Chair Extra Large"]
        );
    }

    #[test]
    fn finds_english_runs() {
        assert_eq!(
            found("Il a dit que the situation was very difficult pour tous."),
            ["the situation was very difficult"]
        );
        assert_eq!(found("Exit mobile version"), ["Exit mobile version"]);
        assert_eq!(
            found(
                "Cet article a été publié. This article was first published in the New York Times."
            ),
            ["This article was first published in the New York Times"]
        );
    }

    #[test]
    fn an_english_suffix_on_a_french_letter_is_read_without_panicking() {
        // `-ed` glued to a word ending in `é`: the root is cut on a character
        // boundary, not a byte.
        assert!(!english_inflection("barricadéed"));
        assert!(!english_inflection("éed"));
        assert!(english_inflection("grabbed"));
        let _ = found("UN homme barricadéed lui-même à l’intérieur d’une maison.");
    }

    #[test]
    fn a_run_does_not_cross_a_table_cell() {
        let text = "| Composant | Outil | Rôle |\n| Container Registry | Docker Registry | Stockage des images |";
        let spans = found(text);
        assert!(spans.iter().all(|s| !s.contains('|')), "{spans:?}");
        // Prose with no cell separator is one run as before.
        assert_eq!(
            found("Il a dit que the situation was very difficult pour tous."),
            ["the situation was very difficult"]
        );
    }

    #[test]
    fn a_run_does_not_cross_a_line_break() {
        // A list of names, one a line: each line is judged on its own.
        let text = "Voici les modèles testés cette saison :\nTopo Athletic Pursuit 2\nMerrell MTL Long Sky 2 Matryx\nAltra Experience Wild\nNike Pegasus Trail 5\n";
        let spans = found(text);
        assert!(spans.iter().all(|s| !s.contains('\n')), "{spans:?}");
        // English on one line still makes one run, and so does English
        // prose wrapped at a line length.
        assert_eq!(
            found("Il a dit que the situation was very difficult pour tous.\nLa suite."),
            ["the situation was very difficult"]
        );
        assert_eq!(
            found("Note : lines starting with a hash are\nremoved before checking the file.\n"),
            ["lines starting with a hash are\nremoved before checking the file"]
        );
    }

    #[test]
    fn a_run_does_not_end_on_the_french_verb_a() {
        // `a` after an English term is the French verb (`il a`): an English
        // article would be followed by its noun.
        assert_eq!(found("Le postmaster a quitté la session."), ["postmaster"]);
        assert_eq!(
            found("le processus background writer a reçu une demande d'arrêt"),
            ["background writer"]
        );
        // Inside an English run the article stays.
        assert_eq!(
            found("Il a dit que the server has a problem with the disk."),
            ["the server has a problem with the disk"]
        );
    }

    #[test]
    fn names_in_french_stay_french() {
        assert!(found("Cet article a été initialement publié dans le New York Times.").is_empty());
        assert!(
            found("Le porte-parole du Kremlin, Dmitri Peskov, a rejeté les spéculations.")
                .is_empty()
        );
        assert!(found("Les clients de la Bank of Scotland obtiennent un taux fixe.").is_empty());
        assert!(
            found("Il a passé le week-end au parking avec son podcast sur le Covid.").is_empty()
        );
    }

    #[test]
    fn a_heading_artist_dash_quoted_title_is_names() {
        let review = "\n\nLe duo signe un disque sombre et très réussi.";
        // An artist in lower case before a title in quotes.
        assert!(found(&format!("mc brume – « Night Drive Forever »{review}")).is_empty());
        assert!(found(&format!("The Wild Ones – Slow Burning Light{review}")).is_empty());
        // A title in curly quotes glued to its marks.
        assert!(found(&format!("Walk The Long Way – “Tom’s Old Song”{review}")).is_empty());
        // Without quotes, an all-lower-case left side is no artist's name:
        // the line is read as before.
        assert!(!found(&format!("read the story – Share This Page Now{review}")).is_empty());
    }

    #[test]
    fn elisions_and_accents_are_french() {
        assert!(found("L'homme qu'on attendait n'est jamais venu à l'heure.").is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "",
            "'",
            "’s",
            "l'",
            "a-",
            "-a",
            "3.5.",
            "🎄 x 🎄",
            "\u{a0}Hello world\u{a0}",
            "notre obsession croissante pour at Southsea (to la fabrication d'objets.",
            "<a href=\"https://x.fr/a_b\">lien</a> <",
            "a@b.c http:// www. <! <x",
        ];
        let all = Evidence::default();
        let variants = [
            all,
            Evidence {
                smoothing: false,
                ..all
            },
            Evidence {
                capitalisation: false,
                ..all
            },
        ];
        for t in odd {
            for ev in &variants {
                for (i, _) in t.char_indices() {
                    let _ = english_spans_with(&t[i..], ev, &[]);
                }
            }
        }
    }

    /// The runs of `text` read whole and read in pieces of at least
    /// `piece_bytes` bytes: the same, or the text's name and both lists.
    fn chunked_as_whole(text: &str, piece_bytes: usize, name: &str) -> usize {
        let ev = Evidence::default();
        let (tokens, searched) = score_words(text, &ev, &[], None);
        let whole = if tokens.iter().any(|t| t.score >= LEAST_REPORTED) {
            let mut tokens = tokens;
            apply_context(&mut tokens, text, &ev, searched);
            runs(&tokens, text, &ev, &[])
        } else {
            Vec::new()
        };
        let (pieces, n) = english_spans_chunked(text, &ev, &[], None, piece_bytes);
        assert_eq!(whole, pieces, "{name}: read whole, then in {n} pieces");
        // What the detector does: scored whole, its context read in pieces.
        assert_eq!(whole, english_spans(text), "{name}: context in pieces");
        let mut cached = WordScores::default();
        let (again, _) = english_spans_chunked(text, &ev, &[], Some(&mut cached), piece_bytes);
        assert_eq!(whole, again, "{name}: in pieces, with a cache");
        n
    }

    #[test]
    fn the_fields_of_a_date_format_are_no_english() {
        for text in ["AAAA-MM-JJ hh:mm", "Heure au format hh:mm:ss (JJ/MM/AAAA)"] {
            assert!(english_spans(text).is_empty(), "{text}");
        }
        // English around a format is still found; the format is not in it.
        let text = "Date (AAAA-MM-JJ hh:mm) : please enter the date of the event";
        let spans = english_spans(text);
        assert!(!spans.is_empty(), "{text}");
        assert!(
            spans.iter().all(|s| !s.span.slice(text).contains("hh")),
            "{text}"
        );
    }

    #[test]
    fn a_huge_block_read_in_pieces_gives_the_runs_of_the_whole() {
        // Sentences whose context steps reach far: quoted titles, titles
        // after a cue, headings before a colon, names, spaced letters, list
        // items, team names, English sentences in a row (merged), a
        // quotation that spans many sentences.
        let sentences = [
            "Le ministre a déclaré que the situation was extremely difficult dans la région.",
            "Il a enregistré une chanson sur son album « Over My Head » en 1994.",
            "The quick brown fox jumps over the lazy dog. It was a bright cold day in April.",
            "Read more: Le gouvernement annonce des mesures.",
            "Les Kansas City Chiefs ont gagné contre les Atlanta Falcons hier soir.",
            "R É P U B L I Q U E F R A N Ç A I S E.",
            "- The Quiet Harbour de Ellen Marsh (2016) reste un classique.",
            "Titre original : Nights without rest. Le roman est traduit par Anne Vidal.",
            "League of Legends : le championnat s'agrandit cette année encore.",
            "Ce produit est idéal pour le hiking en montagne, avec un charger.",
            "Il a dit \"Hello there my friend\" puis il est parti.",
            "Voir https://www.example.com/news/breaking-story pour l'article.",
            "La Bank of Scotland et le New York Times ont publié un communiqué.",
            "A. B. C. D. sont des lettres.",
            "« Une citation qui ne se ferme pas tout de suite. Puis une autre phrase.",
            "Et la voilà fermée » dit-il.",
            "Le groupe @someband a écrit que the new record is almost done and ready.",
            "Exit mobile version",
            "Le studio mise sur un gameplay nerveux et un level design soigné.",
            "Il a ajouté que the plan is ready pour la rentrée.",
            "La paire Harbour Runner High Grey Mist x Silver Coast arrive en boutique samedi.",
            "Harbour Runner High Grey Mist x Silver Coast.",
            "\"Je reviendrai, et plus vite que prévu\" Back to the river.",
        ];
        let mut text = String::new();
        let mut k = 0;
        while text.len() < 60_000 {
            for (i, s) in sentences.iter().enumerate() {
                // Vary the sequence so that cuts fall in many places.
                if (i + k) % 3 != 0 {
                    text.push_str(s);
                    text.push(' ');
                }
            }
            text.push_str(&format!("({k}) "));
            k += 1;
        }
        for piece_bytes in [0, 100, 1000, 10_000] {
            let n = chunked_as_whole(&text, piece_bytes, "synthetic");
            assert!(n > 1, "{piece_bytes}: {n} pieces");
        }
        // Over lines too: the same sentences one to a line.
        let lines = text.replace(". ", ".\n");
        assert!(chunked_as_whole(&lines, 0, "synthetic lines") > 1);
    }

    #[test]
    fn texts_of_the_repository_read_in_pieces_give_the_runs_of_the_whole() {
        // Every text of the evaluation sets and fixtures, as it is and on
        // one line, cut wherever it may be.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for dir in [
            "eval/mt",
            "eval/clean-web",
            "crates/coquille/tests/fixtures",
            "crates/coquille/tests/fixtures/leaks",
            "crates/coquille/tests/fixtures/clean",
            "crates/coquille/tests/fixtures/html",
            "data/samples",
        ] {
            for entry in std::fs::read_dir(root.join(dir)).expect("a folder of texts") {
                files.push(entry.expect("a file").path());
            }
        }
        // The corpora beside the repository (the other corpus tests need
        // them too).
        for name in ["sequoia-fulldocs.running.txt", "ud-fr-pud.running.txt"] {
            let path = root.join("../shared/eval").join(name);
            assert!(
                path.exists(),
                "{} not found (is ../shared beside the project?)",
                path.display()
            );
            files.push(path);
        }
        files.sort();
        let mut cut = 0;
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let name = path.display().to_string();
            cut += chunked_as_whole(&text, 0, &name) - 1;
            cut += chunked_as_whole(&text.replace('\n', " "), 0, &name) - 1;
        }
        assert!(cut > 500, "{cut} cuts");
    }
}
