use crate::declare_rule;
use crate::lang::dictionary::{french_key, translation_keys};
use crate::parallel::{Pairing, Parallel};
use crate::rule::{Context, Rule, RuleMeta, Severity, Sink, findings_without_source};
use crate::span::Span;
use crate::text::chars::{is_blank as is_space, is_emoji, is_hyphen};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::collections::HashSet;
use std::sync::{LazyLock, OnceLock};

declare_rule! {
    /// Web-page furniture left in the article: "À lire aussi", "Tout voir", "Exit mobile version".
    ///
    /// ## What it does
    /// Looks for the interface text of content-management systems, themes,
    /// plugins and news sites (related-article links, share buttons, paywall
    /// and newsletter labels, cookie banners, advertising slots, photo
    /// credits), in French and English, from the phrase list
    /// `data/boilerplate-phrases.txt`. Matching ignores case, accents
    /// (`A lire aussi` = `À lire aussi`), apostrophe style and the kind of
    /// spaces, on whole words; a phrase glued to the word before it
    /// (`abonnésTout voir`) still counts as a whole word.
    ///
    /// A phrase alone proves little: "lire la suite" and "publicité" are
    /// French words. So the rule scores where the phrase stands in its line.
    /// It is reported when it stands apart from running text (at the edge of
    /// the line, next to a link separator `|` `•` `»` `›`, glued to another
    /// word without a space, or next to other interface text) on both sides,
    /// or on one side when the line holds more evidence: an emoji, a promo
    /// code, other interface text. Phrases that are only ever interface
    /// text ("Exit mobile version", "Partager sur Facebook") need to stand
    /// apart on one side only; single common words ("Menu", "Partager")
    /// need a line of interface text around them. A phrase inside a real
    /// sentence is never reported, nor a one-word phrase that is a headline
    /// kicker (`Publicité : Meta condamné…`).
    ///
    /// A short line of three link labels or more joined by one kind of
    /// separator (`Politique | Économie | Société`, `Climat • Énergie •
    /// Transports`) is reported too, as a warning, even when no label is in
    /// the list: a menu, a breadcrumb or a tag list. So is a line of two
    /// hashtags or more and nothing else (`#Dallas #Météo`), the tags of a
    /// social-media post (a warning: a blog may end a post with its tags).
    ///
    /// An excerpt mark `[…]` or `[...]` followed by the label of its link
    /// and nothing else on the line (`[…] More`, `[…] Lire la suite`; labels
    /// in `data/truncation-cues.txt`, class `more-link`) is reported as an
    /// error: the teaser of another page, cut where the CMS cut it.
    ///
    /// A photo credit on a caption line of its own (`Crédit photo :
    /// Netflix`) is article content: a published photo names its author. It
    /// is reported as `info` only (the photo may have been lost in the copy);
    /// run into the text or beside other interface text, it is furniture.
    ///
    /// Severity: `error` when the phrase stands apart on both sides or the
    /// line carries strong evidence (two signs among emoji, promo code,
    /// several interface phrases): any reader sees page furniture. `warning`
    /// otherwise.
    ///
    /// ## Why it matters
    /// Scraped or copy-pasted articles carry the page around them: a "read
    /// also" link, a share bar, the AMP footer. Published as is, the article
    /// looks like a bad copy.
    ///
    /// ## Example
    /// Bad: `A lire aussi |Les travaux de Banksy près de Kyiv ont inspiré l'Ukraine.`
    ///
    /// Good: the line removed.
    ///
    /// ## Not flagged
    /// `Il faut lire la suite du rapport.`, `la publicité à la télévision`,
    /// `Tout voir, tout entendre : c'est son métier.`, `#MeToo a changé
    /// le débat.`, `Il cite Hugo […] la suite du poème.` In a unit of a
    /// bilingual file (a program's strings), a phrase that stands for words
    /// of the unit's source, or their French translation (`Copier le lien`
    /// for `Copy Anchor Link`): the program's own label.
    ///
    /// ## Known false positives
    /// Articles about web interfaces that quote their labels on a line of
    /// their own; a heading that happens to be one of the phrases and sits
    /// next to a separator.
    pub struct Boilerplate {
        id: "boilerplate",
        category: Leak,
        severity: Error,
    }
}

/// How much a phrase proves by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Weak,
    Normal,
    Strong,
}

#[derive(Debug)]
struct Entry {
    family: &'static str,
    strength: Strength,
    words: usize,
    /// A photo credit (class `credits`): a caption line of its own is
    /// article content, not furniture ([`caption_line`]).
    credit: bool,
}

struct Table {
    /// The phrases, normalised, each with its variants.
    patterns: Vec<String>,
    /// Their automaton for texts of [`AUTOMATON_FROM`] bytes or more: a
    /// contiguous NFA, quick to build (built on the first such text).
    nfa: OnceLock<AhoCorasick>,
    /// The same automaton as a DFA, searched about twice as fast but slow
    /// to build (a few ms): built on the first long text.
    dfa: OnceLock<AhoCorasick>,
    entries: Vec<Entry>,
    /// Length in bytes of the longest normalised phrase.
    longest: usize,
}

/// The phrases' automaton of `kind`: both kinds find the same matches, in
/// the same order.
fn automaton(patterns: &[String], kind: AhoCorasickKind) -> AhoCorasick {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(Some(kind))
        .build(patterns)
        .expect("boilerplate phrases build an automaton")
}

/// Normalised text from which the DFA pays for its building.
const DFA_FROM: usize = 32 * 1024;

/// Text from which an automaton pays for its building: in a shorter text,
/// when the checker has not been given that much text either, each phrase
/// is looked for in turn, which costs less than building the contiguous
/// NFA (about 2.7 M instructions) on a title or a 100-byte string.
const AUTOMATON_FROM: usize = 2 * 1024;

impl Table {
    /// The automaton for a normalised text of `len` bytes.
    fn ac(&self, len: usize) -> &AhoCorasick {
        if len < DFA_FROM {
            self.nfa
                .get_or_init(|| automaton(&self.patterns, AhoCorasickKind::ContiguousNFA))
        } else {
            self.dfa
                .get_or_init(|| automaton(&self.patterns, AhoCorasickKind::DFA))
        }
    }

    /// Every occurrence of every phrase in `norm`, overlapping, as `(start,
    /// end, phrase)`, in the order of the automaton's overlapping search: by
    /// end, the longest first, then by phrase number (its match lists).
    fn occurrences(&self, norm: &str, seen: usize) -> Vec<(usize, usize, usize)> {
        // A short text is searched phrase by phrase unless the checker has
        // been given enough text to pay for the automaton (`seen`, kept by
        // the checker, not by the process) or the automaton is there.
        // The DFA, once built (by a long text or a warm-up, as a server
        // does), serves every text: the same matches, in the same order.
        if norm.len() >= AUTOMATON_FROM || seen >= AUTOMATON_FROM || self.nfa.get().is_some() {
            let ac = match self.dfa.get() {
                Some(dfa) => dfa,
                None => self.ac(norm.len()),
            };
            return ac
                .find_overlapping_iter(norm)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
        }
        self.phrase_by_phrase(norm)
    }

    /// [`Table::occurrences`] without an automaton.
    fn phrase_by_phrase(&self, norm: &str) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        for (id, phrase) in self.patterns.iter().enumerate() {
            let mut from = 0;
            while let Some(i) = norm[from..].find(phrase.as_str()) {
                let start = from + i;
                found.push((start, start + phrase.len(), id));
                from = start + norm[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
        found.sort_by_key(|&(start, end, id)| (end, std::cmp::Reverse(end - start), id));
        found
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut patterns = Vec::new();
    let mut entries = Vec::new();
    for e in crate::data::BOILERPLATE_PHRASES.checked() {
        let family = e.note.unwrap_or(e.class);
        let line = e.text;
        let (strength, phrase) = match line.as_bytes()[0] {
            b'+' => (Strength::Strong, &line[1..]),
            b'?' => (Strength::Weak, &line[1..]),
            _ => (Strength::Normal, line),
        };
        let norm = normalize(phrase.trim());
        assert!(
            !norm.is_empty(),
            "data/boilerplate-phrases.txt:{}: empty phrase",
            e.line
        );
        let words = norm.split(' ').count();
        // French writes a space before `:` and `?`, English does not: accept both.
        let mut variants = vec![norm.clone()];
        for mark in [":", "?", "!"] {
            let spaced = format!(" {mark}");
            if norm.contains(&spaced) {
                variants.push(norm.replace(&spaced, mark));
            } else if norm.contains(mark) {
                variants.push(norm.replace(mark, &spaced));
            }
        }
        for v in variants {
            patterns.push(v);
            entries.push(Entry {
                family,
                strength,
                words,
                credit: e.class == "credits",
            });
        }
    }
    let longest = patterns.iter().map(String::len).max().unwrap_or(0);
    Table {
        patterns,
        nfa: OnceLock::new(),
        dfa: OnceLock::new(),
        entries,
        longest,
    }
});

/// Promo codes: advertising evidence.
static PROMO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:code\s+promo|promo\s+code|code\s+de\s+r[ée]duction|coupon)\s*:?\s+[A-Z][A-Z0-9]*[0-9][A-Z0-9]*\b")
        .expect("valid promo-code regex")
});

/// Lowercase, accent-free, apostrophe- and space-normalised copy of `text`.
/// Newlines are kept so that no phrase spans two lines.
fn normalize(text: &str) -> String {
    let mut n = Normalized::default();
    for (i, c) in text.char_indices() {
        n.push(i, c);
    }
    n.out
}

/// A normalised copy built one input character at a time (see [`normalize`]),
/// with, for each byte of the copy, where the input character it comes from
/// starts ([`Normalized::source`] gives its whole range).
/// Only a run of spaces joins characters, so a copy may start afresh at any
/// character that does not follow a space ([`is_cut`]).
#[derive(Default)]
struct Normalized {
    out: String,
    /// For each byte of `out`, the first input byte of its character (of
    /// the first space of a run of spaces).
    starts: Vec<usize>,
    in_space: bool,
}

impl Normalized {
    fn clear(&mut self) {
        self.out.clear();
        self.starts.clear();
        self.in_space = false;
    }

    /// Room for `n` more bytes: a window is normalised without growing.
    fn reserve(&mut self, n: usize) {
        self.out.reserve(n);
        self.starts.reserve(n);
    }

    /// The input bytes byte `k` of the copy comes from: its character, or
    /// the whole run of spaces it stands for. A copy never ends inside a
    /// run of spaces (it ends at a cut or at the end of `text`), so the run
    /// is read again from `text`.
    fn source(&self, text: &str, k: usize) -> (usize, usize) {
        let start = self.starts[k];
        let mut chars = text[start..].chars();
        let Some(c) = chars.next() else {
            return (start, start);
        };
        let mut end = start + c.len_utf8();
        if is_space(c) {
            for c in chars.take_while(|&c| is_space(c)) {
                end += c.len_utf8();
            }
        }
        (start, end)
    }

    /// [`push`](Self::push) of each character of `s`, which starts at byte
    /// `at` of the text; printable ASCII, most of a text, without decoding.
    fn push_str(&mut self, at: usize, s: &str) {
        let bytes = s.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            let b = bytes[k];
            if b.is_ascii_graphic() && b != b'`' {
                self.in_space = false;
                self.out.push(char::from(b.to_ascii_lowercase()));
                self.starts.push(at + k);
                k += 1;
            } else {
                let c = s[k..].chars().next().unwrap_or(' ');
                self.push(at + k, c);
                k += c.len_utf8();
            }
        }
    }

    /// Appends the input character `c` found at byte `i`.
    fn push(&mut self, i: usize, c: char) {
        if is_space(c) {
            if !self.in_space {
                self.out.push(' ');
                self.starts.push(i);
                self.in_space = true;
            }
            return;
        }
        self.in_space = false;
        if c.is_ascii() && c != '`' {
            // Most characters: one byte, lowercased in place.
            self.out.push(c.to_ascii_lowercase());
            self.starts.push(i);
            return;
        }
        let (out, starts) = (&mut self.out, &mut self.starts);
        let mut push = |s: &str| {
            starts.extend(std::iter::repeat_n(i, s.len()));
            out.push_str(s);
        };
        match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => push("'"),
            c if is_hyphen(c) => push("-"),
            'œ' | 'Œ' => push("oe"),
            'æ' | 'Æ' => push("ae"),
            _ => {
                for l in lowercase(c) {
                    let base = match l {
                        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
                        'ç' => 'c',
                        'è' | 'é' | 'ê' | 'ë' => 'e',
                        'ì' | 'í' | 'î' | 'ï' => 'i',
                        'ñ' => 'n',
                        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
                        'ù' | 'ú' | 'û' | 'ü' => 'u',
                        'ý' | 'ÿ' => 'y',
                        other => other,
                    };
                    let mut buf = [0u8; 4];
                    push(base.encode_utf8(&mut buf));
                }
            }
        }
    }
}

/// The lower case of `c` ([`char::to_lowercase`]), the Latin-1 letters of
/// French (`É`, `é`, `ç`) without the case tables.
fn lowercase(c: char) -> impl Iterator<Item = char> {
    let latin1 = match c {
        // `À`…`Þ` but `×`: their lower case is 0x20 further.
        '\u{c0}'..='\u{de}' if c != '\u{d7}' => char::from_u32(c as u32 + 0x20),
        // `ß`…`ÿ`: lower case already.
        '\u{df}'..='\u{ff}' => Some(c),
        _ => None,
    };
    let table = if latin1.is_none() {
        Some(c.to_lowercase())
    } else {
        None
    };
    latin1.into_iter().chain(table.into_iter().flatten())
}

/// Whether a normalised copy may start at byte `pos` of `text` (a char
/// boundary): at the start, or after a character that is not a space.
fn is_cut(text: &str, pos: usize) -> bool {
    !text[..pos].chars().next_back().is_some_and(is_space)
}

/// Link separators of menus, breadcrumbs and share bars.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        '|' | '•'
            | '·'
            | '∙'
            | '●'
            | '■'
            | '▪'
            | '◆'
            | '»'
            | '›'
            | '>'
            | '<'
            | '►'
            | '▶'
            | '→'
            | '⟩'
            | '/'
            | '('
            | ')'
            | '['
            | ']'
    ) || is_emoji(c)
}

/// Where a phrase stands on one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Line edge, separator, glued word, other interface text.
    Apart,
    /// A lowercase word or a comma: the phrase is part of a sentence.
    Prose,
    /// Anything else (a number, a capitalised word, sentence punctuation).
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    entry: usize,
}

fn left_side(line: &str, line_start: usize, hit: &Hit, prev_end: Option<usize>) -> Side {
    let before = &line[..hit.start - line_start];
    if let Some(p) = prev_end {
        let gap = &line[p - line_start..hit.start - line_start];
        if gap
            .chars()
            .all(|c| is_space(c) || is_separator(c) || c == ':')
        {
            return Side::Apart;
        }
    }
    let trimmed = before.trim_end_matches(is_space);
    let Some(last) = trimmed.chars().next_back() else {
        return Side::Apart;
    };
    let glued = trimmed.len() == before.len();
    if is_separator(last) {
        return Side::Apart;
    }
    if glued && !matches!(last, '\'' | '’' | '-' | '«' | '"' | '“' | '‘') {
        return Side::Apart;
    }
    if last.is_lowercase() || matches!(last, ',' | ';' | '\'' | '’') {
        return Side::Prose;
    }
    Side::Other
}

fn right_side(
    line: &str,
    line_start: usize,
    hit: &Hit,
    next_start: Option<usize>,
    label: bool,
) -> Side {
    let after = &line[hit.end - line_start..];
    if let Some(n) = next_start {
        let gap = &line[hit.end - line_start..n - line_start];
        if gap
            .chars()
            .all(|c| is_space(c) || is_separator(c) || c == ':')
        {
            return Side::Apart;
        }
    }
    let trimmed = after.trim_start_matches(is_space);
    let Some(first) = trimmed.chars().next() else {
        return Side::Apart;
    };
    let glued = trimmed.len() == after.len();
    if is_separator(first) || matches!(first, '…' | '→') || trimmed.starts_with("...") {
        return Side::Apart;
    }
    if first == ':' && label {
        return Side::Apart;
    }
    if glued && first.is_uppercase() {
        return Side::Apart;
    }
    if first.is_lowercase() || first == ',' {
        return Side::Prose;
    }
    Side::Other
}

/// The line after `line_end` goes on with a lowercase word: the text is
/// hard-wrapped prose.
fn next_line_continues(text: &str, line_end: usize) -> bool {
    let rest = &text[line_end..];
    let Some(rest) = rest.strip_prefix('\n') else {
        return false;
    };
    let next = rest.split('\n').next().unwrap_or("").trim_start();
    next.chars().next().is_some_and(char::is_lowercase)
}

/// All valid, non-overlapping phrase occurrences in `text`, leftmost-longest.
///
/// The text is normalised and searched in windows of about [`WINDOW`] bytes,
/// each extended past its end by the longest phrase so that a phrase that
/// starts in it is seen whole: the copy and its byte map (16 bytes per byte)
/// stay small on a 50 MB input.
fn find_hits(text: &str, seen: usize) -> Vec<Hit> {
    let table = &*TABLE;
    let mut all: Vec<Hit> = Vec::new();
    let mut norm = Normalized::default();
    let mut from = 0;
    while from < text.len() {
        let mut to = (from + WINDOW).min(text.len());
        while to < text.len() && !(text.is_char_boundary(to) && is_cut(text, to)) {
            to += 1;
        }
        norm.clear();
        norm.reserve(to - from + table.longest);
        norm.push_str(from, &text[from..to]);
        let own = norm.out.len();
        let mut more = text[to..].char_indices();
        let mut at = to;
        while norm.out.len() < own + table.longest || !is_cut(text, at) {
            let Some((i, c)) = more.next() else { break };
            norm.push(to + i, c);
            at = to + i + c.len_utf8();
        }
        find_hits_in(text, &norm, own, seen, &mut all);
        from = to;
    }
    all.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut chosen: Vec<Hit> = Vec::new();
    for h in all {
        if chosen.last().is_none_or(|c| h.start >= c.end) {
            chosen.push(h);
        }
    }
    chosen
}

/// Bytes of input normalised at once by [`find_hits`].
const WINDOW: usize = 1 << 20;

/// Pushes to `all` the valid phrase occurrences of the normalised window
/// `norm` that start in its first `own` bytes.
fn find_hits_in(text: &str, norm: &Normalized, own: usize, seen: usize, all: &mut Vec<Hit>) {
    for (m_start, m_end, pattern) in TABLE.occurrences(&norm.out, seen) {
        if m_start >= own {
            continue;
        }
        let start = norm.source(text, m_start).0;
        let end = norm.source(text, m_end - 1).1;
        let phrase = &text[start..end];
        let first = phrase.chars().next().unwrap_or(' ');
        let last = phrase.chars().next_back().unwrap_or(' ');
        let prev = text[..start].chars().next_back();
        let next = text[end..].chars().next();
        if first.is_alphanumeric()
            && prev.is_some_and(char::is_alphanumeric)
            && !(prev.is_some_and(char::is_lowercase) && first.is_uppercase())
        {
            continue;
        }
        if last.is_alphanumeric()
            && next.is_some_and(char::is_alphanumeric)
            && !(last.is_lowercase() && next.is_some_and(char::is_uppercase))
        {
            continue;
        }
        all.push(Hit {
            start,
            end,
            entry: pattern,
        });
    }
}

impl Rule for Boilerplate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        TABLE.ac(0);
        TABLE.ac(DFA_FROM);
        LazyLock::force(&PROMO);
        LazyLock::force(&MORE_LINKS);
        crate::lang::dictionary::warm_up();
    }

    /// In a unit of a bilingual file (a program's string), a phrase that
    /// stands for words of the unit's source (`stands_for_source`) is the
    /// program's own interface text, translated where it belongs (`Copier
    /// le lien` for `Copy Anchor Link`, `(imprimer)` after `print`, `---[
    /// Menu principal ]---`): no page furniture left in an article. In an
    /// article checked against its source, furniture the source carries too
    /// is still furniture, and reported.
    fn check_with_source(&self, ctx: &Context<'_>, source: &Parallel<'_>, sink: &mut Sink<'_>) {
        if source.pairing() != Pairing::Unit {
            return self.check(ctx, sink);
        }
        let text = ctx.text();
        for f in findings_without_source(self, ctx) {
            if !stands_for_source(f.span.slice(text), source.source()) {
                sink.push_finding(f);
            }
        }
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let seen = ctx.scratch.map_or(text.len(), |s| s.checked_bytes());
        let hits = find_hits(text, seen);
        let entries = &TABLE.entries;
        let mut i = 0;
        while i < hits.len() {
            // The hits of one line.
            let line_start = text[..hits[i].start].rfind('\n').map_or(0, |p| p + 1);
            let line_end = text[hits[i].start..]
                .find('\n')
                .map_or(text.len(), |p| hits[i].start + p);
            let mut j = i;
            while j < hits.len() && hits[j].start < line_end {
                j += 1;
            }
            check_line(text, line_start, line_end, &hits[i..j], entries, sink);
            i = j;
        }
        // Lines of links with no known phrase: menus, breadcrumbs, tag lists.
        // Spans reported so far, by start, with the largest end up to each:
        // `overlaps_reported` is a binary search, not a scan per line.
        let mut reported: Vec<Span> = sink.findings().iter().map(|f| f.span).collect();
        reported.sort_by_key(|r| r.start);
        let max_end: Vec<usize> = reported
            .iter()
            .scan(0, |m, r| {
                *m = (*m).max(r.end);
                Some(*m)
            })
            .collect();
        let overlaps_reported = |span: Span| {
            let k = reported.partition_point(|r| r.start < span.end);
            k > 0 && max_end[k - 1] > span.start
        };
        for (start, line) in crate::text::lines(text) {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let lead = line.len() - line.trim_start().len();
            let span = Span::new(start + lead, start + lead + trimmed.len());
            if overlaps_reported(span) {
                continue;
            }
            if let Some(label) = excerpt_more(trimmed) {
                sink.push(
                    span,
                    format!("an excerpt cut with `[…]` and its `{label}` link: the teaser of another page"),
                    Severity::Error,
                    None,
                );
            } else if let Some(tags) = hashtag_line(trimmed) {
                sink.push(
                    span,
                    format!("a line of {tags} hashtags left from a social-media post"),
                    Severity::Warning,
                    None,
                );
            } else if let Some(items) = menu_items(trimmed) {
                sink.push(
                    span,
                    format!("a line of {items} navigation links (menu, breadcrumb or tags) left in the article"),
                    Severity::Warning,
                    None,
                );
            }
        }
    }
}

/// Labels of the link after a cut excerpt (`data/truncation-cues.txt`).
static MORE_LINKS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::data::TRUNCATION_CUES
        .classes(&["more-link"])
        .collect()
});

/// Whether `phrase`, found in a unit's target, stands for words of the
/// unit's `source`: one of its words of four letters or more is a word of
/// the source or one of its French translations
/// (`data/dictionary-en-fr.tsv`): `lien` for `Link`, `imprimer` for
/// `print`, `menu` for `menu`.
fn stands_for_source(phrase: &str, source: &str) -> bool {
    // Words, and the parts of a word in camel case (`PageUp`: a key's
    // name).
    let words = |t: &str| -> Vec<String> {
        let mut out = Vec::new();
        for w in t
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            out.push(w.to_string());
            let mut part = String::new();
            for c in w.chars() {
                if c.is_uppercase() && part.chars().next_back().is_some_and(char::is_lowercase) {
                    out.push(std::mem::take(&mut part));
                }
                part.push(c);
            }
            if part.len() < w.len() {
                out.push(part);
            }
        }
        out
    };
    let mut keys: HashSet<u64> = HashSet::new();
    for w in words(source) {
        keys.extend(translation_keys(&w));
        keys.extend(french_key(&w));
    }
    words(phrase)
        .iter()
        .filter(|w| w.chars().count() >= 4)
        .any(|w| french_key(w).is_some_and(|k| keys.contains(&k)))
}

/// The link label when `line` ends with an excerpt mark `[…]` or `[...]`
/// followed by a "more" label only (`[…] More`, `locaux […] Lire la
/// suite`).
fn excerpt_more(line: &str) -> Option<&str> {
    // Most lines have no bracket: one byte search instead of two.
    if !line.as_bytes().contains(&b'[') {
        return None;
    }
    let (_, after) = line
        .rsplit_once("[…]")
        .or_else(|| line.rsplit_once("[...]"))?;
    let label = after.trim();
    let lower = label.to_lowercase();
    let bare = lower.trim_end_matches(['→', '›', '»', '>', '.', ' ']);
    MORE_LINKS
        .iter()
        .any(|m| *m == bare || *m == lower)
        .then_some(label)
}

/// The number of hashtags when `line` holds two or more and nothing else.
fn hashtag_line(line: &str) -> Option<usize> {
    let mut n = 0;
    for token in line.split(is_space) {
        if token.is_empty() {
            continue;
        }
        let name = token.strip_prefix('#')?;
        let name = name.trim_end_matches([',', '.']);
        if name.is_empty()
            || !name.chars().all(|c| c.is_alphanumeric() || c == '_')
            || name.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        n += 1;
    }
    (n >= 2).then_some(n)
}

/// The number of items when `line` is a short run of link labels joined by
/// one kind of separator (`Politique | Économie | Société`,
/// `Accueil › Actualités › Monde`): three items or more, each of one to four
/// words starting with a capital or a digit, without sentence punctuation.
fn menu_items(line: &str) -> Option<usize> {
    if line.chars().count() > 120 {
        return None;
    }
    let sep = ['|', '•', '›', '·', '»', '>', '►']
        .into_iter()
        .find(|&c| line.matches(c).count() >= 2)?;
    if sep == '»' && line.contains('«') {
        return None;
    }
    // A separator between two letters is part of a word: inclusive writing
    // (`local·e·s`), not a link bar.
    let chars: Vec<char> = line.chars().collect();
    if chars
        .windows(3)
        .any(|w| w[1] == sep && w[0].is_alphanumeric() && w[2].is_alphanumeric())
    {
        return None;
    }
    let items: Vec<&str> = line.split(sep).map(str::trim).collect();
    let good = items.iter().all(|item| {
        let words = item.split_whitespace().count();
        (1..=4).contains(&words)
            && item
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            && !item.contains(['.', '!', '?', ';', ',', '«', '»', '"', '“'])
    });
    (good && items.len() >= 3).then_some(items.len())
}

/// Longest attribution after a credit on a caption line, in characters.
const CAPTION_ATTRIBUTION: usize = 80;

/// Whether the credit `hit` is a caption line of its own: at the start of
/// its line, then a colon or a dash and a short attribution (a name, an
/// agency: `Crédit photo : Netflix`, `Crédits photo – AFP / Jean Dupont`)
/// that ends the line, in a line that does not run on into a sentence.
fn caption_line(text: &str, line_start: usize, line_end: usize, hit: &Hit) -> bool {
    if !text[line_start..hit.start]
        .trim_matches(is_space)
        .is_empty()
    {
        return false;
    }
    let rest = text[hit.end..line_end].trim_matches(is_space);
    let Some(attribution) = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix(['-', '–', '—']))
    else {
        return false;
    };
    let attribution = attribution.trim_matches(is_space);
    let words = attribution
        .split(is_space)
        .filter(|w| !w.is_empty())
        .count();
    (1..=8).contains(&words)
        && attribution.chars().count() <= CAPTION_ATTRIBUTION
        && !attribution.contains(". ")
        && !next_line_continues(text, line_end)
}

fn check_line(
    text: &str,
    line_start: usize,
    line_end: usize,
    hits: &[Hit],
    entries: &[Entry],
    sink: &mut Sink<'_>,
) {
    let line = &text[line_start..line_end];
    let mut evidence = 0;
    if line.chars().any(is_emoji) {
        evidence += 1;
    }
    if PROMO.is_match(line) {
        evidence += 1;
    }
    if hits.len() >= 2 {
        evidence += 1;
    }
    let separators = line
        .chars()
        .filter(|&c| matches!(c, '|' | '•' | '›' | '»' | '►' | '·'))
        .count();

    // (hit, severity) of the hits to report.
    let mut flagged: Vec<(Hit, Severity)> = Vec::new();
    for (k, hit) in hits.iter().enumerate() {
        let entry = &entries[hit.entry];
        // A label introducing what follows its colon ("À lire aussi :",
        // "Crédits photo :"). A single word before a colon is more often a
        // headline kicker ("Publicité : Meta condamné…").
        let label = (text[hit.start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
            || hit.start == line_start)
            && (entry.words >= 2 || entry.strength == Strength::Strong);
        let mut left = left_side(line, line_start, hit, k.checked_sub(1).map(|p| hits[p].end));
        // After a full sentence, a label that runs to the end of the line
        // ("… a été adopté. Lire la suite") stands apart too.
        if left == Side::Other
            && text[hit.end..line_end].trim().is_empty()
            && text[line_start..hit.start]
                .trim_end()
                .ends_with(['.', '!', '?', '…'])
        {
            left = Side::Apart;
        }
        let mut right = right_side(
            line,
            line_start,
            hit,
            hits.get(k + 1).map(|n| n.start),
            label,
        );
        // Hard-wrapped prose: a sentence that goes on across the line break.
        if left == Side::Apart
            && hit.start == line_start
            && !text[hit.start..].starts_with(char::is_uppercase)
            && text[..line_start]
                .trim_end()
                .ends_with(|c: char| c.is_alphabetic() || c == ',')
        {
            left = Side::Prose;
        }
        if right == Side::Apart
            && text[hit.end..line_end].trim().is_empty()
            && next_line_continues(text, line_end)
        {
            right = Side::Prose;
        }
        let both = left == Side::Apart && right == Side::Apart;
        let one = left == Side::Apart || right == Side::Apart;
        let prose = left == Side::Prose || right == Side::Prose;
        let report = match entry.strength {
            Strength::Strong => {
                (one && !prose)
                    || both
                    || (entry.words >= 4 && !(left == Side::Prose && right == Side::Prose))
            }
            Strength::Normal => both || (one && !prose && evidence >= 1),
            Strength::Weak => both && (hits.len() >= 2 || separators >= 1 || evidence >= 1),
        };
        if !report {
            continue;
        }
        if entry.credit
            && hits.len() == 1
            && evidence == 0
            && separators == 0
            && caption_line(text, line_start, line_end, hit)
        {
            sink.push(
                Span::new(hit.start, hit.end),
                "a photo credit on a caption line: right beside its photo, check that the photo is still there",
                Severity::Info,
                None,
            );
            continue;
        }
        let strong_line = evidence >= 2 || both;
        let severity = if strong_line {
            Severity::Error
        } else {
            Severity::Warning
        };
        flagged.push((*hit, severity));
    }

    // Merge neighbours separated only by spaces and separators into one finding.
    let mut k = 0;
    while k < flagged.len() {
        let (first, mut severity) = flagged[k];
        let mut end = first.end;
        let mut families = vec![entries[first.entry].family];
        let mut m = k + 1;
        while m < flagged.len() {
            let gap = &text[end..flagged[m].0.start];
            if !gap
                .chars()
                .all(|c| is_space(c) || is_separator(c) || c == ':')
            {
                break;
            }
            end = flagged[m].0.end;
            severity = severity.max(flagged[m].1);
            let fam = entries[flagged[m].0.entry].family;
            if !families.contains(&fam) {
                families.push(fam);
            }
            m += 1;
        }
        // Take in a separator or colon right after the phrase ("A lire aussi |").
        let rest = &text[end..line_end];
        let trimmed = rest.trim_start_matches(is_space);
        if let Some(c) = trimmed.chars().next()
            && (matches!(c, '|' | '•' | '›' | '»' | ':' | '►' | '→'))
        {
            end += rest.len() - trimmed.len() + c.len_utf8();
        }
        let span = Span::new(first.start, end);
        sink.push(
            span,
            format!(
                "web-page furniture left in the article ({}): remove it",
                families.join(", ")
            ),
            severity,
            None,
        );
        k = m;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_automata_find_the_same_matches() {
        let table = &*TABLE;
        let text: String = table
            .patterns
            .iter()
            .step_by(3)
            .fold(String::new(), |mut t, p| {
                t.push_str(p);
                t.push_str(" et ");
                t
            });
        let found = |ac: &AhoCorasick| -> Vec<(usize, usize, usize)> {
            ac.find_overlapping_iter(&text)
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect()
        };
        let small = found(table.ac(0));
        assert!(small.len() >= table.patterns.len() / 3);
        assert_eq!(small, found(table.ac(DFA_FROM)));
    }

    /// The phrase-by-phrase search of short texts finds what the automaton
    /// finds, in its order: on the phrases themselves run together, and on
    /// every line of the real text at hand, normalised.
    #[test]
    fn short_texts_find_what_the_automaton_finds() {
        let table = &*TABLE;
        let mut texts: Vec<String> = table
            .patterns
            .chunks(7)
            .map(|c| c.join(" "))
            .chain(table.patterns.chunks(5).map(|c| c.concat()))
            .collect();
        texts.push(
            "cœur, Œuvre, « lire la suite », Partager sur Facebook ; Tous droits réservés".into(),
        );
        texts.extend(
            crate::rule::testing::prefilter_lines(&[])
                .iter()
                .map(|l| normalize(l)),
        );
        let mut with_hits = 0;
        for text in texts.iter().filter(|t| t.len() < AUTOMATON_FROM) {
            let by_automaton: Vec<(usize, usize, usize)> = table
                .ac(0)
                .find_overlapping_iter(text.as_str())
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            with_hits += usize::from(!by_automaton.is_empty());
            assert_eq!(table.phrase_by_phrase(text), by_automaton, "{text:?}");
        }
        assert!(with_hits > 100, "{with_hits}");
    }
    use crate::rule::testing::{assert_clean, assert_marked, assert_unit_clean, run};

    #[test]
    fn table_loads() {
        Boilerplate.warm_up();
        assert!(TABLE.entries.len() > 100);
    }

    #[test]
    fn flags_lines_of_interface_text() {
        assert_marked(&Boilerplate, "Texte.\n\n⟦Exit mobile version⟧");
        assert_marked(
            &Boilerplate,
            "Intro.\n\n⟦Histoires réservées aux abonnésTout voir⟧\n\nSuite.",
        );
        assert_marked(
            &Boilerplate,
            "⟦A lire aussi |⟧Les travaux de Banksy près de Kyiv ont inspiré l'Ukraine.",
        );
        assert_marked(
            &Boilerplate,
            "⟦À lire aussi :⟧ La réforme des retraites adoptée",
        );
        assert_marked(&Boilerplate, "Fin de l'article.\n⟦Publicité⟧\nSuite.");
        assert_marked(
            &Boilerplate,
            "⟦Partager sur Facebook Partager sur X Copier le lien⟧",
        );
        assert_marked(&Boilerplate, "⟦Partager | Imprimer | E-mail⟧");
        assert_marked(&Boilerplate, "⟦Crédits photo :⟧ AFP | ⟦Partager⟧");
        assert_marked(&Boilerplate, "<p>Texte.</p><p>⟦Publicité⟧</p>");
        assert_marked(&Boilerplate, "Par Jeanne Martin | 5 ⟦min de lecture⟧");
        assert_marked(
            &Boilerplate,
            "Apply Christmas 🎄 code promo SD25 ⟦Must Read |⟧Le russe Poutine déclare",
        );
        assert_marked(
            &Boilerplate,
            "publié dans le New York Times.⟦Exit mobile version⟧",
        );
        assert_marked(&Boilerplate, "Il vous reste 72 % ⟦de cet article à lire⟧.");
        assert_marked(&Boilerplate, "⟦Read more⟧\n\n⟦Skip to content⟧");
    }

    #[test]
    fn flags_translated_related_labels_and_an_english_breadcrumb() {
        assert_marked(
            &Boilerplate,
            "Texte de l’article.\n\n⟦LIÉ:⟧ 10 meilleurs roguelikes classiques\n\nSuite.",
        );
        assert_marked(
            &Boilerplate,
            "Texte.\n⟦En rapport:⟧ Saison des ouragans 2019 : à quoi s’attendre\nSuite.",
        );
        assert_marked(
            &Boilerplate,
            "⟦Home »⟧ MONDE » Un adjoint tué par balle en Floride.",
        );
        assert_marked(
            &Boilerplate,
            "Il a signé la loi. (⟦CONNEXES:⟧ Le président signera vendredi un projet de loi)",
        );
        assert_clean(
            &Boilerplate,
            "Lié à la crise, ce recul n’étonne personne. En rapport avec la loi, il se tait.",
        );
        assert_clean(
            &Boilerplate,
            "Il traite des maladies connexes : la grippe et le rhume. Les sujets connexes suivent.",
        );
        assert_clean(&Boilerplate, "Home est le titre de son premier album.");
        let f = run(
            &Boilerplate,
            "Texte.\n\nLIÉ: 10 meilleurs roguelikes\n\nSuite.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn a_photo_credit_caption_is_only_info() {
        let text = "dans plus de 10 pays.\n\nCrédit photo : Netflix\n\nVous ne serez pas surpris.\n\
                    Crédits photo – AFP / Jean Dupont";
        let f = run(&Boilerplate, text);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:?}");
        assert_eq!(f[0].span.slice(text), "Crédit photo");
        // Run into the text, beside other furniture, or a label alone: furniture.
        for marked in [
            "dans plus de 10 pays. ⟦Crédit photo :⟧ NetflixVous ne serez pas surpris.",
            "⟦Crédit photo :⟧ Netflix | ⟦Partager sur Facebook⟧",
            "Texte.\n\n⟦Crédits photo :⟧\n\nSuite.",
        ] {
            assert_marked(&Boilerplate, marked);
            let (text, _) = crate::rule::testing::parse_marked(marked);
            assert!(
                run(&Boilerplate, &text)
                    .iter()
                    .all(|f| f.severity > Severity::Info)
            );
        }
    }

    #[test]
    fn flags_lines_of_links() {
        assert_marked(
            &Boilerplate,
            "Titre\n⟦Politique | Économie | Société | Culture⟧\nTexte.",
        );
        assert_marked(&Boilerplate, "⟦France › Île-de-France › Paris⟧");
        assert_clean(
            &Boilerplate,
            "Il a dit « oui » puis « non » et encore « oui ».",
        );
        assert_clean(&Boilerplate, "Le score : 3 | 2 | 1, et c'est fini.");
        assert_clean(&Boilerplate, "Les prix > 10 € et les remises > 5 %.");
        assert_clean(&Boilerplate, "NOUS SOMMES LOCAL·E·S");
    }

    #[test]
    fn phrases_inside_sentences_are_left_alone() {
        assert_clean(&Boilerplate, "Il faut lire la suite du rapport.");
        assert_clean(
            &Boilerplate,
            "Le ministre veut encadrer la publicité à la télévision.",
        );
        assert_clean(&Boilerplate, "Tout voir, tout entendre : c'est son métier.");
        assert_clean(
            &Boilerplate,
            "Réservé aux abonnés, ce service coûte dix euros par mois.",
        );
        assert_clean(&Boilerplate, "Ce service est réservé aux abonnés.");
        assert_clean(&Boilerplate, "Il a voulu en savoir plus sur ses voisins.");
        assert_clean(
            &Boilerplate,
            "Menu\n\nEntrée, plat et dessert pour 25 euros.",
        );
        assert_clean(&Boilerplate, "Accueil");
        assert_clean(
            &Boilerplate,
            "Publicité : Meta condamné à une amende record par Bruxelles",
        );
        assert_clean(
            &Boilerplate,
            "Annonce : le gouvernement recule sur la réforme",
        );
        assert_clean(
            &Boilerplate,
            "Publicité mensongère : l'entreprise condamnée à payer une amende.",
        );
        assert_clean(
            &Boilerplate,
            "Il a partagé la vidéo sur Facebook et Twitter.",
        );
        assert_clean(
            &Boilerplate,
            "Le ministre a demandé qu'on prenne le temps de\nlire la suite\ndu rapport avant de conclure.",
        );
    }

    #[test]
    fn glued_phrase_is_a_whole_word_but_a_word_part_is_not() {
        assert_clean(&Boilerplate, "Les publicités et les annonceurs.");
        assert_clean(&Boilerplate, "Une publicitée");
        assert_marked(&Boilerplate, "dernier article⟦Lire la suite →⟧");
    }

    #[test]
    fn a_programs_label_standing_for_its_source_is_no_furniture() {
        use crate::rule::testing::unit_texts;
        for (source, target) in [
            ("Copy Anchor Link", "Copier le lien Anchor"),
            ("Ctrl+PageUp", "Ctrl+Haut de page"),
            ("---[ Main menu ]---", "---[ Menu principal ]---"),
            (
                "Type 'print' to show the values.",
                "Saisissez « print » (imprimer) pour afficher les valeurs.",
            ),
        ] {
            assert_unit_clean(&Boilerplate, source, target);
        }
        // Furniture the unit's source does not have.
        assert_eq!(
            unit_texts(
                &Boilerplate,
                "The file was saved.",
                "Le fichier a été enregistré. | Partager sur Facebook"
            ),
            ["Partager sur Facebook"]
        );
        assert!(stands_for_source(
            "Copier le lien",
            "Copy the Selected Link"
        ));
        assert!(!stands_for_source("Copier le lien", "Save the file"));
    }

    #[test]
    fn severity_follows_the_evidence() {
        let f = run(&Boilerplate, "Texte.\n\nExit mobile version");
        assert_eq!(f[0].severity, Severity::Error);
        assert_marked(&Boilerplate, "La séance est levée. ⟦Lire la suite⟧");
        assert_clean(&Boilerplate, "Le vote a eu lieu hier Must Read");
        let f = run(&Boilerplate, "Selon l'AFP Must Read");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn flags_hashtag_lines_and_excerpt_links() {
        assert_marked(
            &Boilerplate,
            "Le maire a parlé.\n\n⟦#Dallas #Texas #Météo⟧\n\nLa suite demain.",
        );
        assert_marked(&Boilerplate, "Le maire a parlé.\n⟦[…] More⟧\nLa suite.");
        assert_marked(
            &Boilerplate,
            "⟦Le conseil a voté la hausse des impôts locaux [...] More →⟧\nFin.",
        );
        let f = run(&Boilerplate, "Texte.\n#Dallas #Texas");
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn leaves_single_hashtags_and_quotations_alone() {
        for text in [
            "#MeToo a changé le débat.\n#1 des ventes\n#Dallas",
            "Il cite Hugo […] la suite du poème.\nVoir la page #3 #4 du dossier.",
            "Les numéros #12 #13 sont épuisés.\n[…] Et la suite ?",
        ] {
            assert_clean(&Boilerplate, text);
        }
    }
}
