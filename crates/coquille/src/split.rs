//! French sentence splitter.
//!
//! [`split`] cuts one block of text (a paragraph: [`crate::Document`] has
//! already cut the input at blank lines) into sentences. It scans the bytes
//! once for the few characters that can end a sentence (`.`, `!`, `?`, `…`
//! and line breaks) and decides each candidate from its immediate context:
//!
//! - a run of final punctuation (`?!`, `...`, `.»`) with the closing quotes and
//!   brackets that follow it (`! »`, `.)`, `?”`) ends a sentence only when the
//!   next word does not start in lower case, so speech tags stay attached
//!   (`« Viens ! » a-t-il dit.`);
//! - a full stop after an abbreviation (`data/abbreviations-fr.txt`), an
//!   initial (`Andrew E. Kramer`) or a dotted acronym ends a sentence only
//!   when the next word is a usual sentence opener (`Le`, `Il`, `Mais`...:
//!   `data/sentence-openers-fr.txt`); after a title (`M.`, `Mme`, `Dr`)
//!   never;
//! - digits around a dot or comma (`3,5`, `12.30`, `1.000.000`), URLs and
//!   e-mail addresses never end a sentence; a list number at the start of a
//!   line (`1. Introduction`) neither;
//! - a full stop glued to a capitalised word (`fin.Le début`, common in
//!   scraped text) ends a sentence unless the word before is an initial or
//!   an abbreviation (`M.Dupont`) or the token is a URL;
//! - a line without final punctuation (a headline, a caption, a list item)
//!   is a sentence of its own, unless the next line goes on in lower case or
//!   the line ends with a comma, a colon, an opening bracket, an article or
//!   a preposition (`data/line-continuation-words-fr.txt`);
//! - in a hard-wrapped block (a text filled at 72 columns), the line breaks
//!   the wrapping put in are spaces ([`crate::Document::view`] shows the
//!   rules the same text);
//! - a colon or a closing bracket before an inline list item
//!   (`dites à votre médecin : - si vous...`) ends a sentence;
//! - a heading run into the next sentence after a bracket ("Patients âgés
//!   (65 ans) Aucun ajustement...") ends before a sentence opener followed
//!   by a lower-case word;
//! - a cut inside a « quotation that goes on to a speech tag (« ... . ... »,
//!   a-t-il dit) is undone: the quotation and its tag are one sentence.
//!
//! Every look-around is bounded, so the scan stays linear on any input, and
//! every slice is taken on a char boundary: the splitter never panics.
//!
//! ```
//! let text = "« Viens ! » a-t-il dit. M. Dupont est venu à 12.30.Le soir, rien.";
//! let s: Vec<&str> = coquille::split::split(text).iter().map(|s| s.slice(text)).collect();
//! assert_eq!(s, ["« Viens ! » a-t-il dit.", "M. Dupont est venu à 12.30.", "Le soir, rien."]);
//! ```

use crate::data;
use crate::span::Span;
use crate::text::chars::{
    is_apostrophe, is_bullet, is_closing_bracket, is_closing_quote, is_final_mark as is_terminal,
    is_inline_bullet, is_inline_space,
};
use crate::text::fold;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How an abbreviation behaves before a capitalised word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbr {
    /// Rarely ends a sentence: a new sentence only before a usual opener.
    Plain,
    /// Precedes a name: never ends a sentence.
    Title,
    /// Also an ordinary word: an abbreviation only before a number.
    Word,
    /// "J.-C.": after "av." or "après", an era that may end a sentence;
    /// otherwise the initials of a first name ("J.-C. Marchianni").
    Era,
    /// Announces what follows ("cf.", "c.-à-d."): never ends a sentence,
    /// whatever its case.
    NonFinal,
}

/// The word lists that make the splitter French or English: the machinery
/// is the same, the abbreviations, sentence openers and words that cannot
/// end a line are the language's.
#[derive(Debug)]
struct Tables {
    abbreviations: HashMap<&'static str, Abbr>,
    starters: HashSet<&'static str>,
    continuation: HashSet<&'static str>,
}

impl Tables {
    /// The abbreviations of `abbreviations` the splitter reads (all but
    /// those known only before lower case), the sentence openers, and the
    /// words that cannot end a line.
    fn load(
        abbreviations: &'static data::DataFile,
        starters: impl Iterator<Item = &'static str>,
        continuation: &'static data::DataFile,
    ) -> Self {
        let mut abbr = HashMap::new();
        for (class, kind) in [
            ("plain", Abbr::Plain),
            ("title", Abbr::Title),
            ("word", Abbr::Word),
            ("era", Abbr::Era),
            ("nonfinal", Abbr::NonFinal),
        ] {
            if abbreviations.has_class(class) {
                abbr.extend(abbreviations.class(class).map(|w| (w, kind)));
            }
        }
        Tables {
            abbreviations: abbr,
            starters: starters.collect(),
            continuation: continuation.words().collect(),
        }
    }
}

static FRENCH: LazyLock<Tables> = LazyLock::new(|| {
    Tables::load(
        &data::ABBREVIATIONS,
        data::SENTENCE_OPENERS.classes(&["label", "opener", "usual"]),
        &data::LINE_CONTINUATION_WORDS,
    )
});

static ENGLISH: LazyLock<Tables> = LazyLock::new(|| {
    Tables::load(
        &data::ABBREVIATIONS_EN,
        data::SENTENCE_OPENERS_EN.words(),
        &data::LINE_CONTINUATION_WORDS_EN,
    )
});

static EXCLAMATION_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    data::NAMES_WITH_EXCLAMATION
        .words()
        .map(|l| l.trim_end_matches('!'))
        .collect()
});

/// Loads the splitter's tables (otherwise loaded on first use).
pub fn warm_up() {
    LazyLock::force(&FRENCH);
    LazyLock::force(&ENGLISH);
    LazyLock::force(&EXCLAMATION_NAMES);
}

/// Bytes that can end a sentence: `.`, `!`, `?`, `\n`, `)`, `:` and `-`
/// (before an inline list item), and 0xE2, the first byte of `…` and `–`
/// (checked in full when met).
const fn candidate_table() -> [bool; 256] {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b'\n' as usize] = true;
    t[b')' as usize] = true;
    t[b':' as usize] = true;
    t[b'-' as usize] = true;
    t[0xE2] = true;
    t
}
static CANDIDATE: [bool; 256] = candidate_table();

/// Splits one block of text into sentences, returned as trimmed byte spans of
/// `text`, in order and without overlap. Never panics.
pub fn split(text: &str) -> Vec<Span> {
    split_in(text, &FRENCH)
}

/// Splits one block of English text into sentences, as [`split`] does for
/// French: the same scan, with English abbreviations (`Mr.`, `Inc.`,
/// `Jan.`: `data/abbreviations-en.txt`), sentence openers
/// (`data/sentence-openers-en.txt`) and words that cannot end a line
/// (`data/line-continuation-words-en.txt`). Used to align a French text with
/// its English source.
///
/// ```
/// let text = "Mr. Smith paid $3.5 million to Acme Inc. in Jan. 2016. He left.";
/// let s: Vec<&str> = coquille::split::split_english(text).iter().map(|s| s.slice(text)).collect();
/// assert_eq!(s, ["Mr. Smith paid $3.5 million to Acme Inc. in Jan. 2016.", "He left."]);
/// ```
pub fn split_english(text: &str) -> Vec<Span> {
    split_in(text, &ENGLISH)
}

fn split_in(text: &str, t: &Tables) -> Vec<Span> {
    match unwrap_lines_in(text, t) {
        // Same length and char boundaries: the spans hold for `text`.
        Some(unwrapped) => split_lines_in(&unwrapped, t),
        None => split_lines_in(text, t),
    }
}

/// Narrowest and widest column a hard-wrapped text is recognised at.
const WRAP_COLUMNS: std::ops::RangeInclusive<usize> = 30..=160;

/// Hard-wrapped text (an e-mail, a file filled at 72 columns): the line
/// breaks the wrapper put in, because the next word did not fit, are turned
/// into spaces, so that "a rencontré\nEmmanuel Macron." stays one sentence
/// and the rules read it as the writer wrote it. Returns `None` when no
/// break is soft, which is the case of one paragraph a line and of lists of
/// headlines. Otherwise the text has the same length and char boundaries,
/// so offsets into it hold for `text`.
///
/// Only blocks whose lines are all at most 160 columns wide are looked at.
/// A break is soft (unless the next line is a list item):
/// - when the block is wrapped at `w` = its widest line: at least two
///   lines, and at least half of all lines but the last, are *full* and cut
///   mid-sentence (at least `w / 2` wide, the next line's first word would
///   not have fit after them, no final mark at the end: lines of a comment
///   thread or a menu have one). Then every break after a full line is
///   soft; breaks after short lines (the end of a paragraph) stay;
/// - or, in any such block, when a line of 30 columns or more without a
///   final mark goes on with a lower-case word, or ends with an article or
///   a preposition (`data/line-continuation-words-fr.txt`): the sentence
///   visibly goes on.
pub(crate) fn unwrap_lines(text: &str) -> Option<String> {
    unwrap_lines_in(text, &FRENCH)
}

fn unwrap_lines_in(text: &str, t: &Tables) -> Option<String> {
    let max_bytes = WRAP_COLUMNS.end() * 4;
    let mut lines = Vec::new();
    let mut widths = Vec::new();
    for line in text.split('\n') {
        if line.len() > max_bytes {
            return None;
        }
        let width = line.trim_end().chars().count();
        if width > *WRAP_COLUMNS.end() {
            return None;
        }
        lines.push(line);
        widths.push(width);
    }
    if lines.len() < 2 {
        return None;
    }
    let w = widths.iter().copied().max().unwrap_or(0);
    let mut full = vec![false; lines.len()];
    let mut goes_on = vec![false; lines.len()];
    let mut evidence = 0usize;
    for i in 0..lines.len() - 1 {
        let next = lines[i + 1].trim_start();
        if next.is_empty() || starts_list_item(next) {
            continue;
        }
        let line = lines[i].trim_end();
        let end = line.trim_end_matches(['»', '"', '”', ')', '\'', '’']);
        let final_mark = end.ends_with(is_terminal);
        let word = next.chars().take_while(|c| !c.is_whitespace()).count();
        full[i] = widths[i] * 2 >= w && widths[i] + 1 + word > w;
        if full[i] && !final_mark {
            evidence += 1;
        }
        goes_on[i] = !final_mark
            && widths[i] >= *WRAP_COLUMNS.start()
            && (next.starts_with(char::is_lowercase) || {
                let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
                t.continuation.contains(&*fold(last))
            });
    }
    let wrapped = WRAP_COLUMNS.contains(&w) && evidence >= 2 && evidence * 2 >= lines.len() - 1;
    let soft: Vec<bool> = (0..lines.len())
        .map(|i| (wrapped && full[i]) || goes_on[i])
        .collect();
    if !soft.contains(&true) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push(if soft[i - 1] { ' ' } else { '\n' });
        }
        match line.strip_suffix('\r') {
            Some(l) if soft[i] => {
                out.push_str(l);
                out.push(' ');
            }
            _ => out.push_str(line),
        }
    }
    Some(out)
}

/// A line that starts a list item: `- `, `• `, `1. `, `2) `.
fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some(c) if is_bullet(c) => chars.next().is_some_and(char::is_whitespace),
        // "1. ", "12) ", but not a year ending a sentence ("1970. Je").
        Some(c) if c.is_ascii_digit() => {
            let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
            if line.len() - rest.len() > 2 {
                return false;
            }
            let mut r = rest.chars();
            matches!(r.next(), Some('.' | ')')) && r.next().is_some_and(char::is_whitespace)
        }
        _ => false,
    }
}

/// [`split`] without undoing a hard wrap first: every line break is a real
/// one.
pub(crate) fn split_lines(text: &str) -> Vec<Span> {
    split_lines_in(text, &FRENCH)
}

fn split_lines_in(text: &str, t: &Tables) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !CANDIDATE[bytes[i] as usize] {
            i += 1;
            continue;
        }
        match bytes[i] {
            b'\n' => {
                let blank = text[line_start..i].trim().is_empty();
                line_start = i + 1;
                if !blank && line_ends_sentence(text, start, i, t) {
                    push_trimmed(text, start, i, &mut out);
                    start = i;
                }
                i += 1;
            }
            b')' => {
                if heading_before_sentence(text, start, i, t) {
                    push_trimmed(text, start, i + 1, &mut out);
                    start = i + 1;
                }
                i += 1;
            }
            b':' => {
                if colon_opens_list(text, i) {
                    push_trimmed(text, start, i + 1, &mut out);
                    start = i + 1;
                }
                i += 1;
            }
            b'-' => {
                if item_after_closing(text, line_start, i, 1) {
                    push_trimmed(text, start, i, &mut out);
                    start = i;
                }
                i += 1;
            }
            0xE2 if text[i..].starts_with('–') => {
                if item_after_closing(text, line_start, i, '–'.len_utf8()) {
                    push_trimmed(text, start, i, &mut out);
                    start = i;
                }
                i += '–'.len_utf8();
            }
            0xE2 if !text[i..].starts_with('…') => i += 1,
            _ => {
                let (next, cut) = terminator(text, i, t);
                let cut = cut.filter(|&c| !quotation_goes_on(text, start, i, c));
                if let Some(cut) = cut {
                    push_trimmed(text, start, cut, &mut out);
                    start = cut;
                }
                i = next.max(i + 1);
            }
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '«' | '“' | '"' | '„' | '‘' | '(' | '[' | '—' | '–' | '-' | '•' | '*' | '¿' | '¡'
    )
}

/// Decides the run of final punctuation starting at byte `i`. Returns where
/// to resume the scan and, when the run ends a sentence, the cut position.
fn terminator(text: &str, i: usize, t: &Tables) -> (usize, Option<usize>) {
    // The run of final marks.
    let mut j = i;
    let mut dots = 0usize;
    let mut strong = false; // `!` or `?`
    let mut ellipsis = false;
    for c in text[i..].chars() {
        match c {
            '.' => dots += 1,
            '!' | '?' => strong = true,
            '…' => ellipsis = true,
            _ => break,
        }
        j += c.len_utf8();
    }
    if dots >= 2 {
        ellipsis = true;
    }
    // Closing quotes, brackets and footnote calls that belong to the
    // sentence.
    let mut end = j;
    let mut k = j;
    loop {
        let rest = &text[k..];
        let mut chars = rest.char_indices();
        let Some((_, c)) = chars.next() else { break };
        if is_closing_quote(c)
            || is_closing_bracket(c)
            || matches!(c, '¹' | '²' | '³' | '\u{2070}'..='\u{2079}')
        {
            k += c.len_utf8();
            end = k;
            continue;
        }
        if let Some(n) = footnote_len(rest) {
            // "fin.[1] Le début": a footnote call belongs to the sentence.
            k += n;
            end = k;
            continue;
        }
        if is_inline_space(c) {
            // `! »`: a space then a closing guillemet.
            let mut m = k + c.len_utf8();
            let mut closed = false;
            for (_, d) in text[m..].char_indices() {
                if is_inline_space(d) {
                    m += d.len_utf8();
                    continue;
                }
                if matches!(d, '»' | '”') {
                    m += d.len_utf8();
                    closed = true;
                }
                break;
            }
            if !closed && text[m..].starts_with('"') {
                // `aventures. " Le`: a straight quote between spaces after
                // a final mark closes the quotation.
                let after = text[m + 1..].chars().next();
                if after.is_none_or(char::is_whitespace) {
                    m += 1;
                    closed = true;
                }
            }
            if closed {
                k = m;
                end = m;
                continue;
            }
        }
        break;
    }
    // Further final marks after a closing quote (`» .`) are handled when the
    // scan reaches them.
    let after_ws = skip_spaces(text, end);
    if after_ws >= text.len() {
        return (end, None);
    }
    let spaced = after_ws > end;
    let Some(next) = text[after_ws..].chars().next() else {
        return (end, None);
    };
    if is_terminal(next) {
        // `» .` or `. .`: the later mark decides.
        return (after_ws, None);
    }
    let single_dot = dots == 1 && !strong && !ellipsis;

    if !spaced {
        // Glued: "fin.Le début", "Quoi?Non". Never inside numbers, domain
        // names or abbreviations.
        if end > j {
            // A closing quote glued to the next word: "fin.»Le" is rare; treat
            // as glued text only when the next word is a capitalised word.
            return (end, glued_word(text, after_ws).then_some(end));
        }
        if !(single_dot || strong) || !glued_word(text, after_ws) {
            return (end, None);
        }
        let token = token_before(text, i);
        // "fin.Le début", "Paris.Le maire", but not "Rapport.Docx".
        // "l'AFP.Le ministre" too, when an opener follows.
        let lower_token = token.chars().next().is_some_and(char::is_lowercase);
        let starter = starts_with_starter(text, after_ws, t);
        if !lower_token && !starter {
            return (end, None);
        }
        if token.is_empty()
            || token.chars().count() < 2
            || !(starter || token.chars().last().is_some_and(char::is_lowercase))
            || (token.contains('.') && !token.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
            || abbreviation(token, t).is_some()
        {
            return (end, None);
        }
        let chunk = chunk_before(text, i);
        if chunk.contains("://")
            || chunk.contains('@')
            || chunk.contains('/')
            || chunk.starts_with("www")
        {
            return (end, None);
        }
        return (end, Some(end));
    }

    // Spaced: decide on the next character.
    let (word_pos, via_opener) = if is_opener(next) {
        let p = skip_spaces(text, after_ws + next.len_utf8());
        (p, true)
    } else {
        (after_ws, false)
    };
    let word_first = text[word_pos..].chars().next();
    let dash = via_opener && matches!(next, '-' | '–' | '—' | '•' | '*');
    // A lower-case "à" opening a sentence stands for "À", which many writers
    // cannot type: "...des hommes. à la ménopause, les ovaires...".
    let lower_a = !via_opener && starts_with_word(text, word_pos, "à");
    let next_kind = match word_first {
        // ". - si vous..." (an inline list) or ". à 12 mois".
        Some(c) if c.is_lowercase() && single_dot && (dash || lower_a) => NextKind::Upper,
        Some(c) if c.is_lowercase() => return (end, None),
        Some(c) if c.is_numeric() => NextKind::Digit,
        Some(c) if c.is_uppercase() && roman_numeral_word(text, word_pos) => NextKind::Digit,
        Some(c) if c.is_uppercase() => NextKind::Upper,
        // An opener followed by something else (`. « »`, `. - -`).
        _ if via_opener => NextKind::Upper,
        _ => return (end, None),
    };
    if !(single_dot || strong || ellipsis) {
        return (end, None);
    }
    let next_is_digit = !via_opener && next_kind == NextKind::Digit;
    let starter = !via_opener && (lower_a || opens_sentence(text, word_pos, t));

    if strong {
        if &text[i..j] == "!" && EXCLAMATION_NAMES.contains(token_before(text, i)) {
            // "pour Yahoo! News": the mark belongs to the name.
            return (end, starter.then_some(end));
        }
        return (end, Some(end));
    }
    if ellipsis {
        // `(...)` and `[…]` mark a cut inside a quotation; a number after
        // "..." goes on with the sentence ("à savoir... 30 F").
        let before = text[..i].chars().next_back();
        if matches!(before, Some('(' | '[')) || next_is_digit {
            return (end, None);
        }
        return (end, Some(end));
    }

    // A single full stop.
    if end > j && text[j..end].contains(['»', '”', ')', ']']) {
        // `.)` or `. »`: the dot closed the inner text.
        return (end, Some(end));
    }
    let token = token_before(text, i);
    if token.is_empty() {
        return (end, Some(end));
    }
    if is_list_marker(text, i, token) {
        return (end, None);
    }
    let ambiguous_cut = if via_opener {
        Some(end)
    } else if next_is_digit {
        None
    } else {
        starter.then_some(end)
    };
    let abbr = abbreviation(token, t);
    if lower_a && (abbr.is_some() || is_initial(token) || is_dotted_acronym(token)) {
        return (end, None);
    }
    match abbr {
        Some(Abbr::Title | Abbr::NonFinal) => return (end, None),
        Some(Abbr::Plain) => return (end, ambiguous_cut),
        Some(Abbr::Word) => {
            // "art. 5", "vol. XII", "art. L. 123-4": references.
            let reference = next_is_digit || {
                let mut c = text[word_pos..].chars();
                matches!((c.next(), c.next()), (Some(a), Some('.')) if a.is_uppercase())
            };
            return (end, (!reference).then_some(end));
        }
        Some(Abbr::Era) => {
            let before = text[..i - token.len()].trim_end();
            let prev = before
                .rsplit(|c: char| !(c.is_alphabetic() || c == '.'))
                .next()
                .unwrap_or("");
            let era = matches!(
                &*fold(prev.trim_end_matches('.')),
                "av" | "apr" | "avant" | "après"
            );
            return (
                end,
                if era && !next_is_digit {
                    Some(end)
                } else {
                    ambiguous_cut
                },
            );
        }
        None => {}
    }
    if is_initial(token) || is_dotted_acronym(token) {
        return (end, ambiguous_cut);
    }
    (end, Some(end))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextKind {
    Upper,
    Digit,
}

/// True when the text at `pos` is the word `word` (followed by a non-letter).
fn starts_with_word(text: &str, pos: usize, word: &str) -> bool {
    let rest = &text[pos..];
    rest.starts_with(word)
        && !rest[word.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
}

/// A Roman numeral used as a number ("Vol. XVII", "t. II"): upper-case
/// I, V, X, L, C letters, at least two or followed by a comma.
fn roman_numeral_word(text: &str, pos: usize) -> bool {
    let rest = &text[pos..];
    let len = rest
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X' | b'L' | b'C'))
        .count();
    if len == 0 {
        return false;
    }
    let after = rest[len..].chars().next();
    match after {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some(',' | ')' | ';') => true,
        Some(_) => len >= 2,
    }
}

/// Length of a footnote call at the start of `rest`: `[1]`, `[12]`, `[a]`,
/// `[réf. nécessaire]` is not one.
fn footnote_len(rest: &str) -> Option<usize> {
    let inner = rest.strip_prefix('[')?;
    let close = inner.as_bytes().iter().take(5).position(|&b| b == b']')?;
    let body = &inner[..close];
    (!body.is_empty() && body.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(close + 2)
}

/// A capitalised word glued after a mark: an upper-case letter followed by a
/// lower-case one ("Le", "Ensuite"), not "M.D." or "exemple.Com" style codes.
fn glued_word(text: &str, pos: usize) -> bool {
    let mut chars = text[pos..].chars();
    matches!(
        (chars.next(), chars.next()),
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase()
    )
}

fn skip_spaces(text: &str, mut pos: usize) -> usize {
    for c in text[pos..].chars() {
        if !c.is_whitespace() {
            break;
        }
        pos += c.len_utf8();
    }
    pos
}

/// Longest word looked at before a full stop.
const MAX_TOKEN_CHARS: usize = 48;
/// Longest stretch looked at around a cut inside a quotation.
const MAX_QUOTE_BYTES: usize = 400;
/// Longest stretch without spaces looked at before a glued full stop.
const MAX_CHUNK_BYTES: usize = 256;

/// The word before byte `i` (letters, digits, inner dots and hyphens, `°`,
/// `/`), stopping at an apostrophe so that "l'art" gives "art".
fn token_before(text: &str, i: usize) -> &str {
    let before = &text[..i];
    let mut start = i;
    // Bounded, so that a long run without spaces stays linear.
    for (p, c) in before.char_indices().rev().take(MAX_TOKEN_CHARS) {
        if c.is_alphanumeric() || matches!(c, '.' | '-' | '°' | '/' | 'º') {
            start = p;
        } else {
            break;
        }
    }
    before[start..].trim_start_matches(['.', '-', '/'])
}

/// Everything before byte `i` back to the previous white space (at most
/// [`MAX_CHUNK_BYTES`] bytes).
fn chunk_before(text: &str, i: usize) -> &str {
    let mut from = i.saturating_sub(MAX_CHUNK_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..i];
    before.rsplit(char::is_whitespace).next().unwrap_or(before)
}

/// True when `word` (without its final dot) is a known French abbreviation
/// (`etc`, `M`, `cf`, `av`...).
pub fn is_abbreviation(word: &str) -> bool {
    abbreviation(word, &FRENCH).is_some()
}

fn abbreviation(token: &str, t: &Tables) -> Option<Abbr> {
    if let Some(&a) = t.abbreviations.get(token) {
        return Some(a);
    }
    if token.chars().any(char::is_uppercase)
        && let Some(&a) = t.abbreviations.get(&*fold(token))
        && a != Abbr::Title
    {
        return Some(a);
    }
    None
}

/// One capital letter ("E"), or a name ending in a hyphenated or dotted
/// initial ("J.-P", "Jean-P"). Lower-case letters are words ("il y a.").
fn is_initial(token: &str) -> bool {
    let last = token.rsplit(['.', '-']).next().unwrap_or(token);
    let mut chars = last.chars();
    match (chars.next(), chars.next()) {
        (Some(a), None) => a.is_uppercase(),
        _ => false,
    }
}

/// "U.S.A", "LL.AA.II.RR", "S.N.C.F": dot-separated pieces of one or two
/// letters.
fn is_dotted_acronym(token: &str) -> bool {
    token.contains('.')
        && token.split('.').all(|p| {
            let n = p.chars().count();
            (1..=2).contains(&n) && p.chars().all(char::is_alphabetic)
        })
}

/// A list number or letter at the start of a line: "1.", "a.", "IV.".
fn is_list_marker(text: &str, i: usize, token: &str) -> bool {
    let start = i - token.len();
    let line_start = text[..start].trim_end_matches([' ', '\t']);
    if !(line_start.is_empty() || line_start.ends_with('\n')) {
        return false;
    }
    token.chars().all(|c| c.is_ascii_digit())
        || (token.chars().count() == 1 && token.chars().all(|c| c.is_alphabetic()))
        || token.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

/// The word `rest` starts with, with its apostrophe when elided (`L'`).
fn leading_word(rest: &str) -> &str {
    let mut end = 0;
    for (p, c) in rest.char_indices() {
        if c.is_alphabetic() {
            end = p + c.len_utf8();
        } else {
            if is_apostrophe(c) {
                end = p + c.len_utf8();
            }
            break;
        }
    }
    &rest[..end]
}

/// True when the word at `pos` is a usual sentence opener ("Le", "L'",
/// "Mais").
fn starts_with_starter(text: &str, pos: usize, t: &Tables) -> bool {
    let word = leading_word(&text[pos..]);
    !word.is_empty() && t.starters.contains(word)
}

/// A sentence opener that is not the first word of a name: "Le chat", "L'Europe",
/// but not "Le Goff", "La Fontaine", "De Gaulle" (after "J." they are surnames).
fn opens_sentence(text: &str, pos: usize, t: &Tables) -> bool {
    if !starts_with_starter(text, pos, t) {
        return false;
    }
    let rest = &text[pos..];
    let word_end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(rest.len(), |(p, _)| p);
    let after = &rest[word_end..];
    if after.starts_with(is_apostrophe) {
        return true;
    }
    let next = after.trim_start_matches([' ', '\u{a0}']);
    !next.chars().next().is_some_and(char::is_uppercase)
}

/// A final mark at byte `i` inside a « quotation that goes on after the cut
/// and ends with a speech tag: « Je dois féliciter Andy. Devenir numéro un
/// est quelque chose », a constaté Federer. The quotation and its tag are
/// one sentence. Looks at most [`MAX_QUOTE_BYTES`] either side.
fn quotation_goes_on(text: &str, start: usize, i: usize, cut: usize) -> bool {
    if text[i..cut].contains('»') {
        return false;
    }
    let mut from = i.saturating_sub(MAX_QUOTE_BYTES).max(start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..i];
    let open = match (before.rfind('«'), before.rfind('»')) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    };
    if !open {
        return false;
    }
    let mut to = (cut + MAX_QUOTE_BYTES).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let after = &text[cut..to];
    let Some(close) = after.find('»') else {
        return false;
    };
    if after[..close].contains('«') {
        return false;
    }
    let tail = after[close + '»'.len_utf8()..].trim_start();
    let tail = match tail.strip_prefix(',') {
        Some(t) => t.trim_start(),
        None => tail,
    };
    tail.chars().next().is_some_and(char::is_lowercase)
}

/// After a closing bracket without final punctuation (byte `close`): a heading or caption run into the next sentence, "Patients âgés
/// (65 ans) Aucun ajustement n'est nécessaire", where a sentence opener
/// follows, itself followed by a lower-case word ("Le réseau", "L'étude"),
/// so that names such as "Le Monde" do not count.
/// The bracket must follow some words of the sentence that started at
/// `start`: "(EN) J'ai voté" and "- (fr) Une analyse" are not headings.
fn heading_before_sentence(text: &str, start: usize, close: usize, t: &Tables) -> bool {
    let pos = close + 1;
    // Bounded look-back, so that a run of brackets stays linear.
    let mut from = close.saturating_sub(MAX_CHUNK_BYTES).max(start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let Some(open) = text[from..close].rfind('(').map(|p| from + p) else {
        return false;
    };
    // Words before the bracket? (Beyond the bounded window, assume so: a
    // sentence that long is not a bracket alone.)
    if from == start && !text[start..open].chars().any(char::is_alphabetic) {
        // A whole sentence in brackets: "(La séance est levée à 12h30)
        // Monsieur le Président..."
        let inner = &text[open + 1..close];
        let whole = text[start..open].trim().is_empty()
            && inner.contains(' ')
            && inner.chars().next().is_some_and(char::is_uppercase);
        let next = skip_spaces(text, close + 1);
        return whole
            && next > close + 1
            && text[next..].chars().next().is_some_and(char::is_uppercase);
    }
    let word = skip_spaces(text, pos);
    if word == pos || word >= text.len() {
        return false;
    }
    let rest = &text[word..];
    let first = leading_word(rest);
    let end = first.len();
    if end == 0 {
        return false;
    }
    // A sentence opener ("Le réseau"), or, after a short heading, any
    // capitalised word ("Patients âgés (65 ans) Aclasta peut être...").
    let opener = t.starters.contains(first)
        || (first.chars().next().is_some_and(char::is_uppercase)
            && short_heading(&text[start..open]));
    if !opener {
        return false;
    }
    let after = if first.ends_with(is_apostrophe) {
        &rest[end..]
    } else {
        match rest[end..].strip_prefix(' ') {
            Some(r) => r,
            None => return false,
        }
    };
    after.chars().next().is_some_and(char::is_lowercase)
}

/// A few words without punctuation: a heading or caption ("Patients âgés").
fn short_heading(s: &str) -> bool {
    if s.len() > 160 {
        return false;
    }
    let s = s.trim();
    s.len() <= 80
        && !s.contains([',', ';', ':', '.', '!', '?', '«', '"'])
        && s.split_whitespace().count() <= 5
}

/// A colon that opens an inline list (byte `i`):
/// `dites à votre médecin : - si vous êtes traité...`. Each item is a
/// sentence, as after a line break. Not before an em dash, which opens
/// dialogue: `Il demanda : — Tu viens ?`.
fn colon_opens_list(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    let after = rest.trim_start_matches(is_inline_space);
    if after.len() == rest.len() {
        return false;
    }
    let mut chars = after.chars();
    chars.next().is_some_and(is_inline_bullet)
        && chars.next().is_some_and(is_inline_space)
        && chars.next().is_some_and(|c| !c.is_whitespace())
}

/// A spaced dash (byte `i`, `len` bytes) that opens a new item on a line that
/// is itself a list item, after a closing quote or bracket: "- L'entrevue
/// de J. Bucher (2002) - Audition de M. Bucher". Not after a word, where the
/// dash is more often part of a title ("Nouvelle Terre - L'avènement").
fn item_after_closing(text: &str, line_start: usize, i: usize, len: usize) -> bool {
    let Some(before) = text[line_start..i].strip_suffix(' ') else {
        return false;
    };
    let mut after = text[i + len..].chars();
    if !(after.next().is_some_and(is_inline_space) && after.next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    let mut back = before.chars().rev();
    let closing = back
        .next()
        .is_some_and(|c| matches!(c, '"' | ')' | '»' | '”' | ']'));
    let inner = back.next().is_some_and(|c| !c.is_whitespace());
    if !(closing && inner) {
        return false;
    }
    // The line starts with a list mark (after a few spaces at most, so that
    // a line of blanks is not scanned again at every dash).
    let mut item = before.chars().skip_while(|&c| is_inline_space(c)).take(2);
    before
        .chars()
        .take_while(|&c| is_inline_space(c))
        .take(9)
        .count()
        <= 8
        && item.next().is_some_and(is_inline_bullet)
        && item.next().is_some_and(is_inline_space)
}

/// At a line break (byte `nl`) in the sentence that started at `start`: does
/// the line end a sentence without final punctuation?
fn line_ends_sentence(text: &str, start: usize, nl: usize, t: &Tables) -> bool {
    let line = text[start..nl].trim_end();
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    if is_terminal(last) {
        // The final mark has been decided already.
        return false;
    }
    if matches!(last, '»' | '”' | '"' | ')' | ']') {
        // A closing quote after a final mark: decided already.
        let inner = line[..line.len() - last.len_utf8()].trim_end();
        if inner.chars().next_back().is_some_and(is_terminal) {
            return false;
        }
    }
    let next_start = skip_spaces(text, nl);
    let Some(next) = text[next_start..].chars().next() else {
        return false;
    };
    let next_is_item = is_bullet(next);
    if next_is_item {
        return true;
    }
    if matches!(
        last,
        ',' | ';' | ':' | '-' | '–' | '(' | '[' | '«' | '“' | '\'' | '’' | '/' | '&'
    ) {
        return false;
    }
    // "dans les vieilles régions de / Nouvelle-France": no sentence or
    // headline ends with an article or a preposition.
    let last_word = line
        .rsplit(|c: char| c.is_whitespace() || is_apostrophe(c))
        .next()
        .unwrap_or("");
    if t.continuation.contains(&*fold(last_word)) {
        return false;
    }
    !next.is_lowercase()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod english_tests;
