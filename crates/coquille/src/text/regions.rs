//! The protected regions of a text: the parts that are not prose (markup,
//! code, addresses, numbers), where punctuation, quotes and capitals follow
//! other rules than French typography.
//!
//! Each kind is found on first use, once per document, and kept sorted: a
//! query is a binary search.

use super::chars::is_word_space;
use super::regex_util::BoundaryMatches;
use crate::span::Span;
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

/// What a protected region is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegionKind {
    /// An HTML or XML tag, comment or declaration on one line: `<p>`,
    /// `</a>`, `<a href="x">`, `<!-- x -->`.
    Tag,
    /// Code: inline code between backticks, on one line (`` `a:b` ``), and
    /// lines of source code in running text: a fenced
    /// block (` ``` `), a line with an assignment (`fruits = ['Pommes']`), a
    /// method call (`", ".join(fruits)`) or a prefixed string literal
    /// (`f"Total : {n}"`), and the lines that follow it while its brackets
    /// stay open.
    Code,
    /// A URL: `https://x.fr/a?b=c`, `www.x.fr/page`, `mailto:a@b.fr`,
    /// `doi:10.1000/x`, `ISBN:978…`, up to the next white space.
    Url,
    /// An e-mail address: `jean.dupont@exemple.fr`.
    Email,
    /// A character entity: `&nbsp;`, `&#233;`, `&#xE9;`.
    Entity,
    /// A bare domain name: `exemple.fr`, `LeMonde.fr`, `service-public.gouv.fr`.
    Domain,
    /// A file name with a usual extension: `rapport_final.pdf`, `photo.jpg`.
    FileName,
    /// A number with its inner separators and its unit, if any: `12:30`,
    /// `3,5 %`, `1 000 km`, `1.2.3`, `5/08/2019`, `75 °F`.
    Number,
}

impl RegionKind {
    /// Every kind, in order.
    pub const ALL: [RegionKind; 8] = [
        RegionKind::Tag,
        RegionKind::Code,
        RegionKind::Url,
        RegionKind::Email,
        RegionKind::Entity,
        RegionKind::Domain,
        RegionKind::FileName,
        RegionKind::Number,
    ];

    /// The kinds that hold no prose: markup, code, addresses and file names,
    /// where the conventions of French text (dates, times, money, spaces
    /// after punctuation, capitals after a full stop) do not apply. Entities
    /// and numbers are left out: they stand inside prose.
    pub const NOT_PROSE: [RegionKind; 6] = [
        RegionKind::Tag,
        RegionKind::Code,
        RegionKind::Url,
        RegionKind::Email,
        RegionKind::Domain,
        RegionKind::FileName,
    ];
}

/// One protected region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Its bytes.
    pub span: Span,
    /// What it is.
    pub kind: RegionKind,
}

/// The protected regions of one text, each kind found on first use.
///
/// Regions of one kind never overlap; regions of different kinds may (an
/// e-mail address inside a `mailto:` URL).
pub struct Regions<'t> {
    text: &'t str,
    found: [OnceLock<Vec<Span>>; 8],
}

impl std::fmt::Debug for Regions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let found: Vec<(RegionKind, usize)> = RegionKind::ALL
            .iter()
            .zip(&self.found)
            .filter_map(|(k, f)| f.get().map(|v| (*k, v.len())))
            .collect();
        f.debug_struct("Regions").field("found", &found).finish()
    }
}

impl<'t> Regions<'t> {
    /// The regions of `text`; nothing is searched until asked.
    pub fn new(text: &'t str) -> Self {
        Regions {
            text,
            found: Default::default(),
        }
    }

    /// The regions of `kind`, sorted and without overlap.
    pub fn of(&self, kind: RegionKind) -> &[Span] {
        self.found[kind as usize].get_or_init(|| find(self.text, kind))
    }

    /// The region of `kind` holding byte `offset`, if any.
    pub fn at_of(&self, kind: RegionKind, offset: usize) -> Option<Span> {
        let spans = self.of(kind);
        let k = spans.partition_point(|s| s.end <= offset);
        spans.get(k).copied().filter(|s| s.start <= offset)
    }

    /// Whether a region of one of `kinds` holds byte `offset`.
    pub fn covers(&self, kinds: &[RegionKind], offset: usize) -> bool {
        kinds.iter().any(|&k| self.at_of(k, offset).is_some())
    }

    /// The first region (in [`RegionKind`] order) that holds byte `offset`.
    pub fn at(&self, offset: usize) -> Option<Region> {
        RegionKind::ALL
            .iter()
            .find_map(|&kind| self.at_of(kind, offset).map(|span| Region { span, kind }))
    }

    /// Whether `span` shares a byte with a protected region of any kind.
    pub fn is_protected(&self, span: Span) -> bool {
        RegionKind::ALL.iter().any(|&kind| {
            let spans = self.of(kind);
            let k = spans.partition_point(|s| s.end <= span.start);
            spans.get(k).is_some_and(|s| s.overlaps(span))
        })
    }

    /// Every region of every kind, sorted by start (then kind).
    pub fn iter(&self) -> impl Iterator<Item = Region> + '_ {
        let mut all: Vec<Region> = RegionKind::ALL
            .iter()
            .flat_map(|&kind| self.of(kind).iter().map(move |&span| Region { span, kind }))
            .collect();
        all.sort_by_key(|r| (r.span.start, r.kind));
        all.into_iter()
    }
}

/// The patterns of `kind` (none for numbers, found by hand), compiled on
/// first use. Several patterns of one kind are searched one by one (joined,
/// they share no literal and the regex engine loses its fast search) and
/// their matches merged.
fn patterns(kind: RegionKind) -> &'static [Regex] {
    fn compile(patterns: &[&str]) -> Vec<Regex> {
        patterns
            .iter()
            .map(|p| Regex::new(p).expect("region pattern"))
            .collect()
    }
    static TAG: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(&[r"<[A-Za-z/!][^<>\n]*>"]));
    static CODE: LazyLock<Vec<Regex>> = LazyLock::new(|| compile(&[r"`[^`\n]+`"]));
    // Each preceded by `\b` (`leading_boundary`).
    static URL: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        compile(&[
            r"[A-Za-z][A-Za-z0-9+.\-]*://\S+",
            r"www\.\S+",
            r"(?:mailto|tel|urn|doi|isbn|ISBN):\S+",
        ])
    });
    static EMAIL: LazyLock<Vec<Regex>> =
        LazyLock::new(|| compile(&[r"[\w.+\-]+@[\w\-]+\.[\w.\-]+"]));
    static ENTITY: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        compile(&[r"&(?:[A-Za-z][A-Za-z0-9]{1,8}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"])
    });
    static DOMAIN: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        compile(&[&format!(
            r"(?:[A-Za-z0-9](?:[A-Za-z0-9\-]{{0,61}}[A-Za-z0-9])?\.)+(?:{})",
            DOMAIN_ENDS.join("|")
        )])
    });
    static FILE_NAME: LazyLock<Vec<Regex>> = LazyLock::new(|| {
        compile(&[
            r"[\w\-]+\.(?:pdf|docx?|xlsx?|pptx?|od[tsp]|txt|csv|jpe?g|png|gif|svg|webp|zip|html?|mp[34]|json|xml|exe)",
        ])
    });
    match kind {
        RegionKind::Tag => &TAG,
        RegionKind::Code => &CODE,
        RegionKind::Url => &URL,
        RegionKind::Email => &EMAIL,
        RegionKind::Entity => &ENTITY,
        RegionKind::Domain => &DOMAIN,
        RegionKind::FileName => &FILE_NAME,
        RegionKind::Number => &[],
    }
}

/// The top-level domains a [`RegionKind::Domain`] ends with.
const DOMAIN_ENDS: [&str; 17] = [
    "com", "fr", "org", "net", "eu", "info", "io", "be", "ch", "ca", "lu", "de", "uk", "gouv",
    "edu", "gov", "int",
];

/// How the extensions of a [`RegionKind::FileName`] begin (its pattern
/// names them: `docx?`, `jpe?g`, `html?`…).
const FILE_EXTENSION_STARTS: [&str; 19] = [
    "pdf", "doc", "xls", "ppt", "od", "txt", "csv", "jp", "png", "gif", "svg", "webp", "zip",
    "htm", "mp3", "mp4", "json", "xml", "exe",
];

/// Compiles the patterns of `kinds` and reads the units now (they are
/// otherwise built on first use), so that a bad pattern fails a test.
pub fn warm_up(kinds: &[RegionKind]) {
    for &kind in kinds {
        patterns(kind);
    }
    LazyLock::force(&UNITS);
    LazyLock::force(&CODE_SIGNS);
}

/// Kinds whose match must not run on into a letter or digit: `exemple.fr`
/// but not the start of `exemple.france`.
fn needs_word_end(kind: RegionKind) -> bool {
    matches!(kind, RegionKind::Domain | RegionKind::FileName)
}

/// Whether `text` holds what every match of `kind` holds: a text without
/// it is left unsearched, and the patterns unbuilt (they cost more to build
/// than a short text to check).
fn possible(text: &str, kind: RegionKind) -> bool {
    match kind {
        RegionKind::Tag => text.contains('<'),
        // Backticks, or what every sign of a code line holds (see
        // `CODE_SIGNS`): an equals sign, a bracket, a straight quote.
        RegionKind::Code => text.contains(['`', '=', '(', '"', '\'']),
        // `://`, `www.`, or a colon after one of the schemes of the third
        // pattern (French puts a colon after many words).
        RegionKind::Url => {
            text.contains("://")
                || text.contains("www.")
                || text.match_indices(':').any(|(i, _)| {
                    ["mailto", "tel", "urn", "doi", "isbn", "ISBN"]
                        .iter()
                        .any(|scheme| text[..i].ends_with(scheme))
                })
        }
        RegionKind::Email => text.contains('@'),
        RegionKind::Entity => text.contains('&'),
        // A letter or digit, a dot and a top-level domain: `exemple.fr`.
        RegionKind::Domain => text.match_indices('.').any(|(i, _)| {
            text.as_bytes()
                .get(i.wrapping_sub(1))
                .is_some_and(u8::is_ascii_alphanumeric)
                && DOMAIN_ENDS.iter().any(|end| text[i + 1..].starts_with(end))
        }),
        // A dot and the start of a file extension: `rapport.pdf`.
        RegionKind::FileName => text.match_indices('.').any(|(i, _)| {
            FILE_EXTENSION_STARTS
                .iter()
                .any(|ext| text[i + 1..].starts_with(ext))
        }),
        RegionKind::Number => true,
    }
}

fn find(text: &str, kind: RegionKind) -> Vec<Span> {
    if kind == RegionKind::Number {
        return numbers(text);
    }
    if !possible(text, kind) {
        return Vec::new();
    }
    let mut spans: Vec<Span> = Vec::new();
    if kind == RegionKind::Code {
        spans = code_lines(text);
    }
    for re in patterns(kind) {
        // A `\b` before a pattern is checked by hand: the regex engine
        // leaves its fast DFA for a slow one on non-ASCII text when a
        // pattern holds a Unicode `\b`.
        let matches: Box<dyn Iterator<Item = Span>> = if kind == RegionKind::Url {
            Box::new(BoundaryMatches::new(re, text).map(|(_, span)| span))
        } else {
            Box::new(re.find_iter(text).map(|m| Span::new(m.start(), m.end())))
        };
        for m in matches {
            if needs_word_end(kind)
                && text[m.end..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            spans.push(m);
        }
    }
    merge(spans)
}

/// Signs that a line is source code, not prose: an assignment at the start
/// of the line of a value that looks like code (`fruits = [`, `total += 1`,
/// `n = len(x)`, `const x = "a"`, `y = None`; not `==`, nor `Note = 4/5` or
/// `Prix = 20 $`, which keep their French conventions), a line that is one call whose first argument is a literal or
/// nothing (`print("Bonjour")`, `init();`), a method call glued to what it
/// applies to (`", ".join(`, `console.log(`), a string literal with a
/// prefix (`f"…"`, `r'…'`, `b"…"`), a block opened by a brace at the end
/// of its line after a name or a call (`build {`, `step('Compile') {`,
/// `function init() {`). French prose writes none of them: it
/// puts a space before a bracket and words around an equals sign
/// (`étudiant(e)s` and `Article 3(1)` are no call).
///
/// Only where a match starts counts (its line), so a sign ends on a
/// non-word character rather than on `\b`: a Unicode word boundary makes
/// the regex engine leave its DFA for a slow one on any non-ASCII text.
static CODE_SIGNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        r#"(?m)^[ \t]*(?:(?:let|const|var|val|int|float|double|char|string|auto|my|local|export)[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*(?:\[[^\]\n]*\])?[ \t]*(?:[-+*/%|&^]|//|\*\*)?=[ \t]*(?:["'\[{(]|[A-Za-z_][A-Za-z0-9_.]*[(\[]|-?[0-9][0-9._]*[ \t]*;?[ \t]*$|(?:True|False|None|null|true|false|nil|new)(?:\W|$))"#,
        r#"(?m)^[ \t]*[A-Za-z_][A-Za-z0-9_.]*\((?:\)|["'\d\[{])[^\n]*\)[ \t]*;?[ \t]*$"#,
        r#"[A-Za-z0-9_"')\]]\.[A-Za-z_][A-Za-z0-9_]*\("#,
        r#"(?m)(?:^|[ \t(\[{=,])[frbu]{1,2}["'][^\s"']"#,
        r#"^[ \t]*(?:[A-Za-z_][A-Za-z0-9_.]*[ \t]+){0,3}[A-Za-z_][A-Za-z0-9_.]*(?:[ \t]*\([^()\n]*\))?[ \t]*\{[ \t]*$"#,
    ]
    .iter()
    .map(|p| Regex::new(p).expect("code-line pattern"))
    .collect()
});

/// Whether the `k`th of [`CODE_SIGNS`] may match in `line` (one line, its
/// line break left out): a byte test of what every match holds, so that
/// prose (which has apostrophes, brackets and dots, but seldom where code
/// puts them) is not searched by the regexes. `false` only when the regex
/// cannot match.
fn code_sign_possible(line: &str, k: usize) -> bool {
    let b = line.as_bytes();
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    match k {
        // An assignment: an equals sign.
        0 => line.contains('='),
        // A call alone on its line: an identifier from the line's start
        // (after spaces and tabs) up to its first opening bracket.
        1 => line.find('(').is_some_and(|at| {
            let head = line[..at].trim_start_matches([' ', '\t']);
            head.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
                && head.bytes().all(|c| ident(c) || c == b'.')
        }),
        // A method call glued to what it applies to: a dot between a word
        // character (or a quote or a bracket) and an identifier, and an
        // opening bracket.
        2 => {
            line.contains('(')
                && line.match_indices('.').any(|(at, _)| {
                    at > 0
                        && (ident(b[at - 1]) || matches!(b[at - 1], b'"' | b'\'' | b')' | b']'))
                        && b.get(at + 1)
                            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
                })
        }
        // A block opened at the end of the line, after a word or a call.
        4 => line.trim_end().ends_with('{'),
        // A prefixed string literal: `f`, `r`, `b` or `u` right before a
        // straight quote, itself at the line's start or after a space, a
        // bracket, `=`, `,` or another of those letters.
        // (One search a quote: a search for either of two characters
        // decodes every character of the line.)
        3 => ['"', '\''].iter().any(|&quote| {
            line.match_indices(quote).any(|(at, _)| {
                let prefix = |c: u8| matches!(c, b'f' | b'r' | b'b' | b'u');
                at > 0
                    && prefix(b[at - 1])
                    && (at == 1
                        || matches!(b[at - 2], b' ' | b'\t' | b'(' | b'[' | b'{' | b'=' | b',')
                        || prefix(b[at - 2]))
            })
        }),
        _ => false,
    }
}

/// Whether `line` (without its line break) has a sign of code
/// ([`CODE_SIGNS`]). Every sign lies within one line, so each regex is
/// asked only about the lines its byte test ([`code_sign_possible`]) lets
/// through.
fn has_code_sign(line: &str) -> bool {
    (0..CODE_SIGNS.len()).any(|k| code_sign_possible(line, k) && CODE_SIGNS[k].is_match(line))
}

/// Longest run of lines a code line's open brackets carry on into.
const CODE_CONTINUATION: usize = 50;

/// The lines of source code in `text`, each trimmed of its surrounding
/// white space (see [`RegionKind::Code`]): the lines inside a fence of
/// three backticks (the fences included), the lines with a sign of code
/// ([`CODE_SIGNS`]), and after such a line, the lines that follow while
/// the brackets it opened stay open (a call or a list over several lines),
/// up to a blank line.
fn code_lines(text: &str) -> Vec<Span> {
    // Fences, paired in order: an opening fence without a closing one is a
    // line of its own, not the start of a block that runs to the end.
    let fences: Vec<usize> = text
        .match_indices("```")
        .map(|(at, _)| at)
        .filter(|&at| text[line_start(text, at)..at].trim().is_empty())
        .map(|at| line_start(text, at))
        .collect();
    let fenced_blocks: Vec<(usize, usize)> = fences.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    let mut out = Vec::new();
    let mut next_block = 0;
    let mut depth = 0i32;
    let mut carried = 0;
    for (start, line) in super::lines(text) {
        while fenced_blocks
            .get(next_block)
            .is_some_and(|&(_, end)| end < start)
        {
            next_block += 1;
        }
        let content = line.trim();
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(start + lead, start + lead + content.len());
        let in_fence = fenced_blocks
            .get(next_block)
            .is_some_and(|&(open, close)| open <= start && start <= close);
        let fence = content.starts_with("```");
        if in_fence || fence {
            if !content.is_empty() {
                out.push(span);
            }
            depth = 0;
            continue;
        }
        let carried_on = depth > 0 && carried < CODE_CONTINUATION && !content.is_empty();
        // A line a bracket carries on into needs no sign of its own.
        if !(carried_on || has_code_sign(line.strip_suffix('\n').unwrap_or(line))) {
            depth = 0;
            continue;
        }
        if carried_on {
            carried += 1;
            depth += bracket_balance(content);
        } else {
            carried = 0;
            depth = bracket_balance(content);
        }
        out.push(span);
    }
    out.extend(config_blocks(text));
    out.sort_by_key(|s| s.start);
    out.dedup();
    out
}

/// A key of a configuration file (YAML) opening its line: a lower-case
/// ASCII name glued to its colon, after an optional list dash (`jobs:`,
/// `runs-on: linux-box`, `- uses: ./build/step`).
fn config_key(content: &str) -> Option<&str> {
    let rest = content.strip_prefix("- ").unwrap_or(content);
    let colon = rest.find(':')?;
    let key = &rest[..colon];
    let after = &rest[colon + 1..];
    (key.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && key.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'_' | b'-' | b'.')
        })
        && (after.is_empty() || after.starts_with(' ')))
    .then_some(key)
}

/// The lines of configuration blocks (YAML) in `text`: a run of lines
/// between blank lines whose least indented lines all start with a key
/// ([`config_key`]), at least three lines, with a key alone on its line
/// (`steps:`) that the next line, further indented, fills in. A list of
/// properties written as prose (`Couleur : rouge`, `Color: Red`, `Size:
/// M`) nests nothing and is not code.
fn config_blocks(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut run: Vec<(Span, usize, &str)> = Vec::new();
    let flush = |run: &mut Vec<(Span, usize, &str)>, out: &mut Vec<Span>| {
        let least = run.iter().map(|&(_, indent, _)| indent).min().unwrap_or(0);
        let nests = run.windows(2).any(|w| {
            let (_, indent, content) = w[0];
            config_key(content)
                .is_some_and(|k| content.trim_start_matches("- ").len() == k.len() + 1)
                && w[1].1 > indent
        });
        let keyed = run
            .iter()
            .filter(|&&(_, indent, _)| indent == least)
            .all(|&(_, _, content)| config_key(content).is_some());
        if run.len() >= 3 && nests && keyed {
            out.extend(run.iter().map(|&(span, _, _)| span));
        }
        run.clear();
    };
    for (start, line) in super::lines(text) {
        let content = line.trim();
        if content.is_empty() {
            flush(&mut run, &mut out);
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        run.push((
            Span::new(start + indent, start + indent + content.len()),
            indent,
            content,
        ));
    }
    flush(&mut run, &mut out);
    out
}

/// The byte where the line holding `at` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Opening brackets minus closing ones in `line`.
fn bracket_balance(line: &str) -> i32 {
    line.bytes()
        .map(|b| match b {
            b'(' | b'[' | b'{' => 1,
            b')' | b']' | b'}' => -1,
            _ => 0,
        })
        .sum()
}

/// Sorts `spans` and merges those that overlap.
pub(crate) fn merge(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| s.start);
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start < last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Units written after a number (`data/number-words.txt`).
static UNITS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::data::NUMBER_WORDS.class("unit").collect());

/// Numbers: ASCII digits not glued to a letter before them, with inner
/// separators between digits (`12:30`, `1.2.3`, `3,5`, `5/08`), thousands
/// groups after a space (`1 000 000`) and a unit after them (`12 km`).
fn numbers(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            // To the next digit (an ASCII byte, so a character's start).
            match bytes[i..].iter().position(u8::is_ascii_digit) {
                Some(k) => i += k,
                None => break,
            }
            continue;
        }
        if text[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            // Digits inside a word or an identifier (`A320`, `v2.5`): skip it
            // whole.
            let mut chars = text[i..].char_indices().peekable();
            let mut end = text.len() - i;
            while let Some((k, c)) = chars.next() {
                let joins = matches!(c, '.' | ',' | ':' | ';' | '/')
                    && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
                if !(c.is_alphanumeric() || joins) {
                    end = k;
                    break;
                }
            }
            i += end;
            continue;
        }
        let start = i;
        let mut end = start + digits(start);
        loop {
            let rest = &text[end..];
            let Some(c) = rest.chars().next() else { break };
            let after = end + c.len_utf8();
            if matches!(c, '.' | ',' | ':' | ';' | '/') && digits(after) > 0 {
                end = after + digits(after);
            } else if is_word_space(c) && digits(after) == 3 {
                end = after + 3;
            } else {
                break;
            }
        }
        // The unit, after at most one word space.
        let rest = &text[end..];
        let gap = rest
            .chars()
            .next()
            .filter(|&c| is_word_space(c))
            .map_or(0, char::len_utf8);
        let unit = UNITS
            .iter()
            .filter(|u| rest[gap..].starts_with(*u))
            .map(|u| end + gap + u.len())
            .filter(|&e| !text[e..].chars().next().is_some_and(char::is_alphanumeric))
            .max();
        if let Some(unit_end) = unit {
            end = unit_end;
        }
        out.push(Span::new(start, end));
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_found_as_the_patterns_with_a_leading_boundary_find_them() {
        let slow: Vec<Regex> = [
            r"\b[A-Za-z][A-Za-z0-9+.\-]*://\S+",
            r"\bwww\.\S+",
            r"\b(?:mailto|tel|urn|doi|isbn|ISBN):\S+",
        ]
        .iter()
        .map(|p| Regex::new(p).unwrap())
        .collect();
        for text in [
            "voir https://exemple.fr, ftp://x.y et www.exemple.fr.",
            "éhttps://a.b éa.http://x.y_www.z é.www.z w.www.x",
            "àmailto:a@b.fr (tel:+33) doi:10.1/x isbn:1 ISBN:2 xurn:3 _urn:4",
            "e\u{301}http://x.y ٣www.z 中http://a.b",
            "",
        ] {
            let mut expected: Vec<Span> = slow
                .iter()
                .flat_map(|re| re.find_iter(text).map(|m| Span::new(m.start(), m.end())))
                .collect();
            expected = merge(expected);
            assert_eq!(find(text, RegionKind::Url), expected, "{text}");
        }
    }

    #[test]
    fn url_prefilter_never_hides_a_match() {
        let cases = [
            "voir https://exemple.fr, ftp://x.y, www.exemple.fr, mailto:a@b.fr, tel:+33123",
            "doi:10.1000/182, isbn:978-2, ISBN:978, urn:isbn:0451, Note : voir, à 10:30",
        ];
        let url = |t: &str| possible(t, RegionKind::Url);
        for re in patterns(RegionKind::Url) {
            assert!(crate::rule::testing::assert_prefilter(re, url, &cases) > 0);
        }
        assert!(!url("Le prix : 12,50 € à 10 h, 45 % : voir plus bas."));
    }

    #[test]
    fn domain_and_file_prefilters_never_hide_a_match() {
        let cases = [
            "exemple.com, a.fr, b-c.org, x.net, europa.eu, w.info, z.io, k.be, s.ch, t.ca, l.lu",
            "d.de, bbc.co.uk, service-public.gouv.fr, mit.edu, nasa.gov, who.int, 9.fr, EX.com",
            "a.pdf, b.doc, c.docx, d.xls, e.xlsx, f.ppt, g.pptx, h.odt, i.ods, j.odp, k.txt",
            "l.csv, m.jpg, n.jpeg, o.png, p.gif, q.svg, r.webp, s.zip, t.htm, u.html, v.mp3",
            "w.mp4, x.json, y.xml, z.exe, été.pdf, rapport-final.docx, _x.txt",
            "3 p.m., M. Dupont, etc. fin., U.S.A., 1.5 fr, .com, é.fr",
        ];
        for kind in [RegionKind::Domain, RegionKind::FileName] {
            let may = |t: &str| possible(t, kind);
            for re in patterns(kind) {
                assert!(crate::rule::testing::assert_prefilter(re, may, &cases) > 0);
            }
        }
        let prose = "Le December 5, il a payé $5 à 3 p.m. ; il faisait 95 degrés. M. Dupont, etc.";
        assert!(!possible(prose, RegionKind::Domain));
        assert!(!possible(prose, RegionKind::FileName));
    }

    fn found(text: &str, kind: RegionKind) -> Vec<&str> {
        Regions::new(text)
            .of(kind)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn each_kind_is_found() {
        use RegionKind::*;
        let text = "Voir <a href=\"x\">ici</a>, `a:b`, https://x.fr/a?b=c et www.y.fr, \
                    mailto:j@x.fr, jean.dupont@exemple.fr, &nbsp; &#233;, LeMonde.fr, \
                    rapport_final.pdf, à 12:30, 3,5 %, 1 000 km et 75 °F.";
        assert_eq!(found(text, Tag), ["<a href=\"x\">", "</a>"]);
        assert_eq!(found(text, Code), ["`a:b`"]);
        assert_eq!(
            found(text, Url),
            ["https://x.fr/a?b=c", "www.y.fr,", "mailto:j@x.fr,"]
        );
        assert_eq!(found(text, Email), ["j@x.fr", "jean.dupont@exemple.fr"]);
        assert_eq!(found(text, Entity), ["&nbsp;", "&#233;"]);
        assert_eq!(
            found(text, Domain),
            ["x.fr", "www.y.fr", "x.fr", "exemple.fr", "LeMonde.fr"]
        );
        assert_eq!(found(text, FileName), ["rapport_final.pdf"]);
        // Kinds may overlap: the digits of `&#233;` are a number too.
        assert_eq!(
            found(text, Number),
            ["233", "12:30", "3,5 %", "1 000 km", "75 °F"]
        );
    }

    #[test]
    fn words_and_identifiers_are_not_numbers_or_names() {
        use RegionKind::*;
        assert!(found("A320, v2.5 et exemple.france, note.pdfs", Number).is_empty());
        assert!(found("exemple.france", Domain).is_empty());
        assert!(found("note.pdfs", FileName).is_empty());
        assert_eq!(found("En 2019 ans et 3 mois", Number), ["2019 ans", "3"]);
    }

    #[test]
    fn queries_answer_by_offset_and_span() {
        let text = "a <b>x</b> 12:30 fin";
        let r = Regions::new(text);
        let colon = text.find(':').unwrap();
        assert!(r.covers(&[RegionKind::Number], colon));
        assert!(!r.covers(&[RegionKind::Tag], colon));
        assert_eq!(r.at(3).map(|r| r.kind), Some(RegionKind::Tag));
        assert_eq!(r.at(0), None);
        assert!(r.is_protected(Span::new(0, 3)));
        assert!(!r.is_protected(Span::new(0, 2)));
        let kinds: Vec<RegionKind> = r.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [RegionKind::Tag, RegionKind::Tag, RegionKind::Number]
        );
    }

    #[test]
    fn lines_of_code_are_code() {
        let text = "Vous pouvez utiliser les mêmes guillemets :\n\n\
                    fruits = ['Pommes', 'Poires']\n\
                    f\"Voici : {\", \".join(fruits)}\"\n\n\
                    Sur plusieurs lignes :\n\n\
                    f\"Liste : {\", \".join([\n    'Pommes',  # 3 pommes\n])}\"\n\
                    Et voilà (enfin).\n\n```\nlet x = \"a\";\n```\nFin.";
        assert_eq!(
            found(text, RegionKind::Code),
            [
                "fruits = ['Pommes', 'Poires']",
                "f\"Voici : {\", \".join(fruits)}\"",
                "f\"Liste : {\", \".join([",
                "'Pommes',  # 3 pommes",
                "])}\"",
                "```",
                "let x = \"a\";",
                "```",
            ]
        );
        let text = "Affichez :\nprint(\"Bonjour\")\nconst x = \"a\";\nn = len(x)\ntotal += 1\nFin.";
        assert_eq!(
            found(text, RegionKind::Code),
            [
                "print(\"Bonjour\")",
                "const x = \"a\";",
                "n = len(x)",
                "total += 1"
            ]
        );
    }

    #[test]
    fn blocks_and_configuration_files_are_code() {
        let text = "La chaîne :\n\nbuild {\n  runner all\n  steps {\n    step('Compile') { run { sh 'make' } }\n  }\n}\n\nPuis la configuration :\n\njobs:\n  test:\n    runs-on: linux-box\n    steps:\n      - uses: ./build/step\n\nFin.";
        assert_eq!(
            found(text, RegionKind::Code),
            [
                "build {",
                "runner all",
                "steps {",
                "step('Compile') { run { sh 'make' } }",
                "}",
                "}",
                "jobs:",
                "test:",
                "runs-on: linux-box",
                "steps:",
                "- uses: ./build/step",
            ]
        );
    }

    #[test]
    fn properties_and_braces_in_prose_are_not_code() {
        for text in [
            "Caractéristiques :\ncouleur: rouge\ntaille: M\nmatière: coton",
            "Specs:\ncolor: red\nsize: small\nweight: light",
            "L'ensemble des entiers {\n1, 2, 3} est infini.",
            "Il a écrit : les accolades { et } servent en code.",
        ] {
            assert!(found(text, RegionKind::Code).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn prose_is_not_code() {
        for text in [
            "Il a dit \"bonjour\" (en anglais) à ses ami(e)s.",
            "La Juventus en Serie B\", L'Équipe, 14 juillet 2006.",
            "Le prix = le coût + la marge, disait-il. Voir exemple.fr (page 2).",
            "Les étudiant(e)s (voir la PEP 602 à ce sujet) ; M. Dupont (Paris).",
            "```\nUne ligne de texte après une marque ouverte.\nEt une autre.",
            "x == y\nNote = 4/5\nPrix = 20 $ le kilo",
            "Candidat(e)s\nAmi(e)\nArticle 3(1)\nlen(fruits)",
        ] {
            let code = found(text, RegionKind::Code);
            assert!(
                code.iter().all(|c| c.starts_with("```")),
                "{text:?}: {code:?}"
            );
        }
    }

    #[test]
    fn every_pattern_compiles() {
        warm_up(&RegionKind::ALL);
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "<",
            "&#;",
            "1",
            "1,",
            "é1 km",
            "1\u{a0}000\u{202f}",
            "`",
            "a@",
            "x.fr",
        ] {
            let r = Regions::new(text);
            for kind in RegionKind::ALL {
                for s in r.of(kind) {
                    assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                }
            }
        }
    }
}
