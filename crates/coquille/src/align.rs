//! Sentence alignment of a French text with its English source.
//!
//! Both texts are split into sentences (the French splitter for the target,
//! [`crate::split::split_english`] for the source) and the two sentence
//! sequences are aligned in the manner of Gale and Church (1993): a dynamic
//! programme over the sentences finds the sequence of *links* that costs
//! least, where a link pairs 1 source sentence with 1 target sentence (1–1),
//! 2 with 1 (2–1), 1 with 2 (1–2), or leaves a sentence without counterpart
//! (1–0: an omission, 0–1: an addition). A link's cost is
//!
//! - a prior for its kind (1–1 links are by far the most frequent);
//! - a length term: the target length is expected to be `c` times the
//!   source length (`c` is measured on the two texts themselves), with a
//!   variance that grows with the length; the cost is the negative log of
//!   the two-sided tail probability of the observed difference;
//! - a lexical term: each English content word whose French translation
//!   (`data/dictionary-en-fr.tsv`) the link's target contains is evidence
//!   for the link, each one whose translation it lacks evidence against
//!   (log-likelihood ratios of a word being found in a translation and in
//!   another sentence);
//! - an anchor term: tokens that a translation keeps — numbers, URLs and
//!   e-mail addresses, markup tags and placeholders, capitalised words found
//!   as such in both texts (names), question and exclamation marks — are
//!   counted per link, and each anchor that the link leaves unpaired (while
//!   it does occur in the other text) costs [`ANCHOR_COST`].
//!
//! The programme is *banded*: only cells within a band around the diagonal
//! of the two sequences are computed, and the band is widened and the
//! programme run again when the best path touches its edge. Memory is
//! linear in the number of sentences times the band width, so a megabyte of
//! parallel text aligns in well under a second.
//!
//! ```
//! use coquille::align::{align_texts, Side};
//! use coquille::Format;
//!
//! let en = "The Kings won 110 to 98. Fans cheered. The coach was pleased.";
//! let fr = "Les Kings ont gagné 110 à 98. Les supporters ont applaudi. L'entraîneur était satisfait.";
//! let a = align_texts(en, Format::Text, fr, Format::Text);
//! assert_eq!(a.links.len(), 3);
//! assert!(a.links.iter().all(|l| l.source.is_some() && l.target.is_some()));
//! ```

use crate::document::{Document, Format, split_blocks};
use crate::lang::dictionary;
use crate::markup;
use crate::span::Span;
use crate::split;
use serde::Serialize;
use std::collections::HashSet;
use std::ops::Range;

/// One side of a parallel text: the text and its sentences.
#[derive(Debug, Clone)]
pub struct Side<'a> {
    /// The text as given.
    pub text: &'a str,
    /// Its sentences, in order, as byte spans of `text`.
    pub sentences: Vec<Span>,
}

impl<'a> Side<'a> {
    /// An English text (the source) split into sentences, markup of
    /// `format` left out as the French document does.
    pub fn english(text: &'a str, format: Format) -> Self {
        Side {
            text,
            sentences: english_sentences(text, format),
        }
    }

    /// A French text (the target) split into sentences as
    /// [`Document`] splits it.
    pub fn french(text: &'a str, format: Format) -> Self {
        let doc = Document::with_format(text, format);
        Side {
            text,
            sentences: doc.sentences().iter().map(|s| s.span).collect(),
        }
    }

    /// A side whose sentences are already known.
    pub fn with_sentences(text: &'a str, sentences: Vec<Span>) -> Self {
        Side { text, sentences }
    }
}

/// Sentences of an English text in `format`, as byte spans of `text`:
/// blocks at blank lines, markup of HTML and Markdown left out, each block
/// split by [`split::split_english`].
pub fn english_sentences(text: &str, format: Format) -> Vec<Span> {
    let masked = markup::mask(text, format);
    let base = masked.as_deref().unwrap_or(text);
    let mut out = Vec::new();
    for block in split_blocks(base) {
        for s in split::split_english(block.slice(base)) {
            out.push(s.shift(block.start));
        }
    }
    out
}

/// The kind of a link: how many source and target sentences it pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum LinkKind {
    /// One source sentence, one target sentence.
    #[serde(rename = "1-1")]
    OneOne,
    /// Two source sentences translated as one.
    #[serde(rename = "2-1")]
    TwoOne,
    /// One source sentence translated as two.
    #[serde(rename = "1-2")]
    OneTwo,
    /// A source sentence without translation.
    #[serde(rename = "1-0")]
    OneZero,
    /// A target sentence without source.
    #[serde(rename = "0-1")]
    ZeroOne,
}

impl LinkKind {
    /// The kind as written in reports: `1-1`, `2-1`, `1-2`, `1-0`, `0-1`.
    pub const fn as_str(self) -> &'static str {
        match self {
            LinkKind::OneOne => "1-1",
            LinkKind::TwoOne => "2-1",
            LinkKind::OneTwo => "1-2",
            LinkKind::OneZero => "1-0",
            LinkKind::ZeroOne => "0-1",
        }
    }

    const ALL: [LinkKind; 5] = [
        LinkKind::OneOne,
        LinkKind::OneZero,
        LinkKind::ZeroOne,
        LinkKind::TwoOne,
        LinkKind::OneTwo,
    ];

    /// Source and target sentences the link takes.
    const fn sizes(self) -> (usize, usize) {
        match self {
            LinkKind::OneOne => (1, 1),
            LinkKind::TwoOne => (2, 1),
            LinkKind::OneTwo => (1, 2),
            LinkKind::OneZero => (1, 0),
            LinkKind::ZeroOne => (0, 1),
        }
    }

    /// Negative log of the prior probability of the kind (Gale and
    /// Church's estimates: 0.89 for 1–1, 0.089 for 2–1 and 1–2 together,
    /// 0.0099 for 1–0 and 0–1 together).
    fn prior_cost(self) -> f64 {
        match self {
            LinkKind::OneOne => 0.116_534,                      // -ln 0.89
            LinkKind::TwoOne | LinkKind::OneTwo => 3.112_179,   // -ln 0.0445
            LinkKind::OneZero | LinkKind::ZeroOne => 5.298_317, // -ln 0.005
        }
    }
}

/// A link of an alignment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// The kind of link.
    pub kind: LinkKind,
    /// Indices of the source sentences it takes.
    pub source_sentences: Range<usize>,
    /// Indices of the target sentences it takes.
    pub target_sentences: Range<usize>,
    /// Bytes of the source text from its first sentence's start to its last
    /// sentence's end; `None` for a 0–1 link.
    pub source: Option<Span>,
    /// Bytes of the target text likewise; `None` for a 1–0 link.
    pub target: Option<Span>,
    /// The link's cost (lower is surer).
    pub cost: f64,
    /// The length part of the cost: how unlikely the two lengths are for a
    /// translation, in nats.
    pub length_cost: f64,
}

/// The alignment of two texts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// The links, in text order.
    pub links: Vec<Link>,
    /// Characters of target per character of source, measured on the texts.
    pub ratio: f64,
}

/// Cost of an anchor a link leaves unpaired, in nats.
pub const ANCHOR_COST: f64 = 1.5;

/// Evidence, in nats, of a content word's translation found in a link's
/// target: `ln(p / q)`, where `p` = 0.5 is the share of the English
/// content words the dictionary knows whose translation a French
/// translation contains, and `q` = 0.05 the share another French sentence
/// contains.
const FOUND_WORD_GAIN: f64 = std::f64::consts::LN_10; // ln(0.5 / 0.05)
/// Evidence against, for one not found: `ln((1 - q) / (1 - p))`.
const MISSED_WORD_COST: f64 = 0.641_854; // ln(0.95 / 0.5)

/// Variance of the target length per source character (Gale and Church
/// measured 6.8 on English, French and German).
const VARIANCE: f64 = 6.8;

/// Characters of French per character of English (white space excluded)
/// expected before measuring: 1.15 on news text (PUD measures 1.13).
pub const PRIOR_RATIO: f64 = 1.15;

/// Weight of [`PRIOR_RATIO`] against the measured ratio, in characters: a
/// text of this length counts as much as the prior.
const PRIOR_WEIGHT: f64 = 1000.0;

/// Band half-width the programme starts with, beyond the difference in
/// sentence counts.
const START_BAND: usize = 16;

/// Splits both texts and aligns their sentences.
pub fn align_texts(
    source: &str,
    source_format: Format,
    target: &str,
    target_format: Format,
) -> Alignment {
    align(
        &Side::english(source, source_format),
        &Side::french(target, target_format),
    )
}

/// Aligns the sentences of two sides. The length ratio of the two
/// languages is measured on the texts themselves.
pub fn align(source: &Side<'_>, target: &Side<'_>) -> Alignment {
    align_inner(source, target, None)
}

/// Aligns the sentences of two sides expecting `ratio` characters of target
/// per character of source (for short texts, such as the units of a
/// bilingual file, whose own ratio says little).
pub fn align_with_ratio(source: &Side<'_>, target: &Side<'_>, ratio: f64) -> Alignment {
    align_inner(source, target, Some(ratio.clamp(0.5, 2.5)))
}

fn align_inner(source: &Side<'_>, target: &Side<'_>, fixed: Option<f64>) -> Alignment {
    let mut src = Prepared::new(source, Role::Source);
    let mut tgt = Prepared::new(target, Role::Target);
    keep_shared_anchors(&mut src, &mut tgt);
    let total_s: usize = src.lens.iter().sum();
    let total_t: usize = tgt.lens.iter().sum();
    // The measured ratio, drawn towards the usual one for short texts
    // (whose few sentences say little about it).
    let ratio = match fixed {
        Some(r) => r,
        None => ((total_t as f64 + PRIOR_RATIO * PRIOR_WEIGHT) / (total_s as f64 + PRIOR_WEIGHT))
            .clamp(0.5, 2.5),
    };
    let mut scorer = Scorer {
        src: &src,
        tgt: &tgt,
        ratio,
    };
    let mut path = best_path(&scorer);
    // The ratio of the whole texts is biased by what one side lacks: measure
    // it again on the 1–1 links and align once more.
    let (mut s1, mut t1) = (0usize, 0usize);
    for &(i, j, kind) in &path {
        if kind == LinkKind::OneOne {
            s1 += src.lens[i];
            t1 += tgt.lens[j];
        }
    }
    if fixed.is_none() && t1 > 0 {
        let again =
            ((t1 as f64 + PRIOR_RATIO * PRIOR_WEIGHT) / (s1 as f64 + PRIOR_WEIGHT)).clamp(0.5, 2.5);
        if (again - ratio).abs() > 0.02 {
            scorer.ratio = again;
            path = best_path(&scorer);
        }
    }
    let ratio = scorer.ratio;
    let links = path
        .into_iter()
        .map(|(i, j, kind)| {
            let (di, dj) = kind.sizes();
            let (cost, length_cost) = scorer.cost(i, j, kind);
            Link {
                kind,
                source_sentences: i..i + di,
                target_sentences: j..j + dj,
                source: cover(&source.sentences[i..i + di]),
                target: cover(&target.sentences[j..j + dj]),
                cost,
                length_cost,
            }
        })
        .collect();
    Alignment { links, ratio }
}

/// The best path, widening the band until it no longer touches its edge.
fn best_path(scorer: &Scorer<'_>) -> Vec<(usize, usize, LinkKind)> {
    let n = scorer.src.lens.len();
    let m = scorer.tgt.lens.len();
    let mut band = START_BAND + n.abs_diff(m) / 2;
    loop {
        let (path, touched) = banded_path(scorer, n, m, band);
        if !touched || band >= n.max(m) {
            return path;
        }
        band *= 2;
    }
}

/// The span from the first sentence's start to the last one's end.
fn cover(sentences: &[Span]) -> Option<Span> {
    Some(Span::new(sentences.first()?.start, sentences.last()?.end))
}

/// A side's sentences as the programme needs them: lengths, anchors and
/// lexical evidence.
struct Prepared {
    /// Length of each sentence in characters, white space excluded.
    lens: Vec<usize>,
    /// Sorted anchor ids of each sentence.
    anchors: Vec<Vec<u32>>,
    /// Source side: for each sentence, for each English content word the
    /// dictionary knows, the keys of its French translations.
    words: Vec<Vec<Vec<u64>>>,
    /// Target side: the sorted keys of each sentence's French words (with
    /// repeats).
    keys: Vec<Vec<u64>>,
    /// Target side: a 256-bit filter of each sentence's keys, to reject a
    /// word absent from a sentence without searching.
    filters: Vec<[u64; 4]>,
}

fn filter_bit(key: u64) -> (usize, u64) {
    let b = (key >> 56) as usize;
    (b / 64, 1u64 << (b % 64))
}

/// Which side a [`Prepared`] is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Source,
    Target,
}

impl Prepared {
    fn new(side: &Side<'_>, role: Role) -> Self {
        let n = side.sentences.len();
        let mut p = Prepared {
            lens: Vec::with_capacity(n),
            anchors: Vec::with_capacity(n),
            words: Vec::with_capacity(if role == Role::Source { n } else { 0 }),
            keys: Vec::with_capacity(if role == Role::Target { n } else { 0 }),
            filters: Vec::with_capacity(if role == Role::Target { n } else { 0 }),
        };
        for s in &side.sentences {
            let t = s.slice(side.text);
            p.lens
                .push(t.chars().filter(|c| !c.is_whitespace()).count());
            let mut a: Vec<u32> = sentence_anchors(t).iter().map(|a| intern(a)).collect();
            a.sort_unstable();
            p.anchors.push(a);
            let tokens = t
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
                .filter(|w| !w.is_empty());
            match role {
                Role::Source => p.words.push(
                    tokens
                        .map(dictionary::translation_keys)
                        .filter(|k| !k.is_empty())
                        .collect(),
                ),
                Role::Target => {
                    let mut k: Vec<u64> = tokens.filter_map(dictionary::french_key).collect();
                    k.sort_unstable();
                    let mut filter = [0u64; 4];
                    for &key in &k {
                        let (w, b) = filter_bit(key);
                        filter[w] |= b;
                    }
                    p.filters.push(filter);
                    p.keys.push(k);
                }
            }
        }
        p
    }
}

/// A stable id for an anchor string (an FNV-1a hash folded to 32 bits:
/// collisions only cost a little alignment quality).
fn intern(anchor: &str) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in anchor.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 32)) as u32
}

/// Keeps in each sentence only the anchors found in both texts: only those
/// can be paired.
fn keep_shared_anchors(src: &mut Prepared, tgt: &mut Prepared) {
    let in_source: HashSet<u32> = src.anchors.iter().flatten().copied().collect();
    let in_target: HashSet<u32> = tgt.anchors.iter().flatten().copied().collect();
    for a in &mut src.anchors {
        a.retain(|x| in_target.contains(x));
    }
    for a in &mut tgt.anchors {
        a.retain(|x| in_source.contains(x));
    }
}

/// The tokens of a sentence that a translation keeps, normalised:
/// numbers (`1,000`, `1 000` and `1000` are one anchor; `3.5` and `3,5`
/// too), URLs and e-mail addresses, markup tags, placeholders (`{name}`,
/// `%s`), capitalised words (names; only those found in both texts count),
/// and `?` and `!`.
pub fn sentence_anchors(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut words = sentence.split_whitespace().peekable();
    while let Some(w) = words.next() {
        if w.contains("://") || w.starts_with("www.") || (w.contains('@') && w.contains('.')) {
            out.push(
                w.trim_end_matches(['.', ',', ';', ')', '»', '"', '”'])
                    .to_lowercase(),
            );
            continue;
        }
        if w.starts_with('<') && w.len() > 1 {
            let name: String = w[1..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '/')
                .collect();
            if !name.is_empty() {
                out.push(format!("<{name}"));
            }
        }
        if w.contains('?') {
            out.push("?".into());
        }
        if w.contains('!') {
            out.push("!".into());
        }
        // Numbers, with French digit grouping ("1 000", "10 000") joined.
        let mut digits = number_of(w);
        if let Some(d) = digits.as_mut() {
            while let Some(next) = words.peek() {
                let group = next.trim_end_matches(['.', ',', ';', ':', ')', '%']);
                if group.len() == 3
                    && group.bytes().all(|b| b.is_ascii_digit())
                    && d.len() <= 3
                    && !d.contains('.')
                {
                    d.push_str(group);
                    words.next();
                } else {
                    break;
                }
            }
            out.push(std::mem::take(d));
            continue;
        }
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        let mut chars = core.chars();
        if let Some(first) = chars.next()
            && first.is_uppercase()
            && core.chars().count() >= 3
            && core.chars().all(|c| c.is_alphanumeric() || c == '-')
        {
            out.push(core.to_string());
        }
    }
    out
}

/// The number a word holds, normalised: thousands separators dropped,
/// the decimal mark a dot. `None` when the word has no digit.
fn number_of(word: &str) -> Option<String> {
    let core = word.trim_matches(|c: char| !c.is_ascii_digit());
    if core.is_empty()
        || !core
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        return None;
    }
    let groups: Vec<&str> = core.split([',', '.']).collect();
    let separators: Vec<char> = core.chars().filter(|c| matches!(c, ',' | '.')).collect();
    // "1,000", "1.000.000", "12,345,678": grouping of thousands.
    let grouped = groups.len() >= 2
        && groups[0].len() <= 3
        && groups[1..].iter().all(|g| g.len() == 3)
        && separators.windows(2).all(|w| w[0] == w[1])
        && (groups.len() > 2 || separators[0] == ',');
    if grouped {
        return Some(groups.concat());
    }
    Some(core.replace(',', "."))
}

/// Computes link costs.
struct Scorer<'s> {
    src: &'s Prepared,
    tgt: &'s Prepared,
    ratio: f64,
}

impl Scorer<'_> {
    /// Cost and length cost of the link of `kind` starting at source
    /// sentence `i` and target sentence `j`.
    fn cost(&self, i: usize, j: usize, kind: LinkKind) -> (f64, f64) {
        let (di, dj) = kind.sizes();
        let ls: usize = self.src.lens[i..i + di].iter().sum();
        let lt: usize = self.tgt.lens[j..j + dj].iter().sum();
        // A sentence left out has no length to compare: its cost is the
        // prior alone. (Gale and Church's length term would make dropping a
        // long sentence so costly that it would be merged into a
        // neighbour's link instead, hiding the omission.)
        let length = if di == 0 || dj == 0 {
            0.0
        } else {
            length_cost(ls as f64, lt as f64, self.ratio)
        };
        let a = merged(&self.src.anchors[i..i + di]);
        let b = merged(&self.tgt.anchors[j..j + dj]);
        let unpaired = unpaired(&a, &b);
        let lexical = if di == 0 || dj == 0 {
            0.0
        } else {
            let (found, missed) = self.lexical(i..i + di, j..j + dj);
            MISSED_WORD_COST * missed as f64 - FOUND_WORD_GAIN * found as f64
        };
        let cost = kind.prior_cost() + length + ANCHOR_COST * unpaired as f64 + lexical;
        (cost, length)
    }

    /// Content words of source sentences `s` whose translation is (found)
    /// or is not (missed) among the words of target sentences `t`.
    fn lexical(&self, s: Range<usize>, t: Range<usize>) -> (usize, usize) {
        // Each target word justifies one source word at most: in repetitive
        // text, two source sentences with the same words do not both find
        // them in one target sentence.
        // (A bit set per target sentence marks the words used; words past
        // the first 512 of a sentence are never marked.)
        let filters = &self.tgt.filters[t.clone()];
        let targets = &self.tgt.keys[t];
        let mut used = [[0u64; 8]; 2];
        let (mut found, mut missed) = (0, 0);
        for word in self.src.words[s].iter().flatten() {
            let mut hit = false;
            'keys: for k in word {
                let (fw, fb) = filter_bit(*k);
                for ((set, used), filter) in targets.iter().zip(used.iter_mut()).zip(filters) {
                    if filter[fw] & fb == 0 {
                        continue;
                    }
                    let mut p = set.partition_point(|x| x < k);
                    while p < set.len() && set[p] == *k {
                        let (w, b) = (p / 64, 1u64 << (p % 64));
                        if w >= used.len() {
                            hit = true;
                            break 'keys;
                        }
                        if used[w] & b == 0 {
                            used[w] |= b;
                            hit = true;
                            break 'keys;
                        }
                        p += 1;
                    }
                }
            }
            if hit {
                found += 1;
            } else {
                missed += 1;
            }
        }
        (found, missed)
    }
}

fn merged(parts: &[Vec<u32>]) -> std::borrow::Cow<'_, [u32]> {
    match parts {
        [] => std::borrow::Cow::Borrowed(&[]),
        [one] => std::borrow::Cow::Borrowed(one),
        _ => {
            let mut v: Vec<u32> = parts.iter().flatten().copied().collect();
            v.sort_unstable();
            std::borrow::Cow::Owned(v)
        }
    }
}

/// Anchors of `a` and `b` (sorted) left unpaired by the link.
fn unpaired(a: &[u32], b: &[u32]) -> usize {
    let (mut x, mut y, mut unpaired) = (0, 0, 0);
    while x < a.len() && y < b.len() {
        match a[x].cmp(&b[y]) {
            std::cmp::Ordering::Equal => {
                x += 1;
                y += 1;
            }
            std::cmp::Ordering::Less => {
                unpaired += 1;
                x += 1;
            }
            std::cmp::Ordering::Greater => {
                unpaired += 1;
                y += 1;
            }
        }
    }
    unpaired + (a.len() - x) + (b.len() - y)
}

/// Gale and Church's length cost: `-ln P(|δ| ≥ |d|)` where `d` is the
/// difference between the target length and `ratio` times the source
/// length, over its standard deviation.
pub fn length_cost(source_len: f64, target_len: f64, ratio: f64) -> f64 {
    let mean = (source_len + target_len / ratio) / 2.0;
    if mean <= 0.0 {
        return 0.0;
    }
    let delta = (target_len - ratio * source_len) / (mean * VARIANCE).sqrt();
    -ln_two_sided_tail(delta.abs())
}

/// `ln(2 (1 - Φ(x)))` = `ln erfc(x / √2)` for `x ≥ 0`, accurate enough for
/// costs, and finite for any `x`.
fn ln_two_sided_tail(x: f64) -> f64 {
    let z = x / std::f64::consts::SQRT_2;
    if z < 4.0 {
        // Abramowitz and Stegun 7.1.26, |error| < 1.5e-7.
        let t = 1.0 / (1.0 + 0.327_591_1 * z);
        let poly = t
            * (0.254_829_592
                + t * (-0.284_496_736
                    + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
        (poly * (-z * z).exp()).max(1e-300).ln()
    } else {
        // Asymptotic expansion: erfc(z) ≈ e^{-z²} / (z √π).
        -z * z - (z * std::f64::consts::PI.sqrt()).ln()
    }
}

/// Back-pointer of a cell: which link kind reached it (`NONE` for the
/// origin or an unreached cell).
const NONE: u8 = u8::MAX;

/// The best path of the banded programme, as `(i, j, kind)` links, and
/// whether it touched the band's edge (so that a wider band might find a
/// better one).
fn banded_path(
    scorer: &Scorer<'_>,
    n: usize,
    m: usize,
    band: usize,
) -> (Vec<(usize, usize, LinkKind)>, bool) {
    // Row i holds columns lo(i)..=hi(i) around the diagonal.
    let center = |i: usize| {
        if n == 0 {
            m
        } else {
            ((i as u128 * m as u128 + n as u128 / 2) / n as u128) as usize
        }
    };
    let lo = |i: usize| center(i).saturating_sub(band);
    let hi = |i: usize| (center(i) + band).min(m);
    let width = 2 * band + 1;
    let mut back = vec![NONE; (n + 1) * width];
    // Costs of the last three rows (i, i-1, i-2), indexed by j - lo(row).
    let mut rows: [Vec<f64>; 3] = [
        vec![f64::INFINITY; width],
        vec![f64::INFINITY; width],
        vec![f64::INFINITY; width],
    ];
    // Cost of cell (i - di, j) (di >= 1), or infinity outside the band.
    let get = |rows: &[Vec<f64>; 3], di: usize, i: usize, j: usize| -> f64 {
        let r = i - di;
        if j < lo(r) || j > hi(r) {
            return f64::INFINITY;
        }
        rows[r % 3][j - lo(r)]
    };
    for i in 0..=n {
        let (l, h) = (lo(i), hi(i));
        let mut row = vec![f64::INFINITY; width];
        for j in l..=h {
            if i == 0 && j == 0 {
                row[0] = 0.0;
                continue;
            }
            let mut best = f64::INFINITY;
            let mut best_kind = NONE;
            for (k, kind) in LinkKind::ALL.iter().enumerate() {
                let (di, dj) = kind.sizes();
                if di > i || dj > j {
                    continue;
                }
                let prev = if di == 0 {
                    // Same row, an earlier column (already computed).
                    if j - dj < l {
                        f64::INFINITY
                    } else {
                        row[j - dj - l]
                    }
                } else {
                    get(&rows, di, i, j - dj)
                };
                if !prev.is_finite() {
                    continue;
                }
                let c = prev + scorer.cost(i - di, j - dj, *kind).0;
                if c < best {
                    best = c;
                    best_kind = k as u8;
                }
            }
            row[j - l] = best;
            back[i * width + (j - l)] = best_kind;
        }
        rows[i % 3] = row;
    }
    // Walk back from (n, m).
    let mut path = Vec::new();
    let mut touched = false;
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let l = lo(i);
        if j < l || j > hi(i) {
            // Unreachable corner: cannot happen with a band that contains
            // the end point, which `center(n) == m` guarantees.
            break;
        }
        if band < n.max(m) && ((j == l && l > 0) || (j == hi(i) && hi(i) < m)) {
            touched = true;
        }
        let k = back[i * width + (j - l)];
        let Some(kind) = LinkKind::ALL.get(k as usize).copied() else {
            break;
        };
        let (di, dj) = kind.sizes();
        i -= di;
        j -= dj;
        path.push((i, j, kind));
    }
    path.reverse();
    (path, touched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(a: &Alignment) -> Vec<LinkKind> {
        a.links.iter().map(|l| l.kind).collect()
    }

    #[test]
    fn one_to_one_texts_align_one_to_one() {
        let en = "The Kings won 110 to 98 on Sunday. Fans cheered loudly in the arena. The coach said he was pleased with the defence.";
        let fr = "Les Kings ont gagné 110 à 98 dimanche. Les supporters ont applaudi bruyamment dans la salle. L'entraîneur s'est dit satisfait de la défense.";
        let a = align_texts(en, Format::Text, fr, Format::Text);
        assert_eq!(kinds(&a), [LinkKind::OneOne; 3]);
        let l = &a.links[1];
        assert_eq!(
            l.source.unwrap().slice(en),
            "Fans cheered loudly in the arena."
        );
        assert_eq!(
            l.target.unwrap().slice(fr),
            "Les supporters ont applaudi bruyamment dans la salle."
        );
    }

    #[test]
    fn a_dropped_sentence_is_a_one_zero_link() {
        let en = "The storm hit the coast on Tuesday night. More than 40,000 homes and businesses lost power across three counties, and dozens of roads were blocked by fallen trees. Officials said repairs could take a week. Schools will stay closed until Monday.";
        let fr = "La tempête a frappé la côte mardi soir. Selon les autorités, les réparations pourraient prendre une semaine. Les écoles resteront fermées jusqu'à lundi.";
        let a = align_texts(en, Format::Text, fr, Format::Text);
        assert_eq!(
            kinds(&a),
            [
                LinkKind::OneOne,
                LinkKind::OneZero,
                LinkKind::OneOne,
                LinkKind::OneOne
            ]
        );
        assert_eq!(a.links[1].target, None);
        assert_eq!(
            a.links[1].source.unwrap().slice(en),
            "More than 40,000 homes and businesses lost power across three counties, and dozens of roads were blocked by fallen trees."
        );
    }

    #[test]
    fn a_merged_translation_is_a_two_one_link() {
        let en = "He resigned in March. He had been in office for twelve years. His successor was sworn in on Friday at the palace.";
        let fr = "Il a démissionné en mars, après douze ans au pouvoir. Son successeur a prêté serment vendredi au palais.";
        let a = align_texts(en, Format::Text, fr, Format::Text);
        assert_eq!(kinds(&a), [LinkKind::TwoOne, LinkKind::OneOne]);
        assert_eq!(
            a.links[0].source.unwrap().slice(en),
            "He resigned in March. He had been in office for twelve years."
        );
    }

    #[test]
    fn empty_sides_give_one_sided_links() {
        let a = align_texts("", Format::Text, "Une phrase. Une autre.", Format::Text);
        assert_eq!(kinds(&a), [LinkKind::ZeroOne, LinkKind::ZeroOne]);
        let a = align_texts("One. Two.", Format::Text, "", Format::Text);
        assert_eq!(kinds(&a), [LinkKind::OneZero, LinkKind::OneZero]);
        assert!(
            align_texts("", Format::Text, "", Format::Text)
                .links
                .is_empty()
        );
    }

    #[test]
    fn numbers_normalise_across_conventions() {
        assert_eq!(number_of("1,000"), Some("1000".into()));
        assert_eq!(number_of("1.000.000"), Some("1000000".into()));
        assert_eq!(number_of("3.5"), Some("3.5".into()));
        assert_eq!(number_of("3,5"), Some("3.5".into()));
        assert_eq!(number_of("(2016)."), Some("2016".into()));
        assert_eq!(number_of("abc"), None);
        let fr = sentence_anchors("Il a payé 1 000 euros, soit 3,5 %.");
        let en = sentence_anchors("He paid 1,000 euros, or 3.5%.");
        assert!(fr.contains(&"1000".to_string()) && en.contains(&"1000".to_string()));
        assert!(fr.contains(&"3.5".to_string()) && en.contains(&"3.5".to_string()));
    }

    #[test]
    fn the_band_widens_for_long_omissions() {
        // 150 source sentences, the target drops 60 in the middle: the path
        // leaves the first band.
        let nouns = [
            ("horse", "cheval"),
            ("teacher", "professeur"),
            ("farmer", "agriculteur"),
            ("doctor", "médecin"),
            ("soldier", "soldat"),
            ("baker", "boulanger"),
            ("lawyer", "avocat"),
            ("painter", "peintre"),
            ("sailor", "marin"),
            ("judge", "juge"),
            ("priest", "prêtre"),
            ("nurse", "infirmière"),
        ];
        let en: Vec<String> = (0..150)
            .map(|k| {
                let (a, b) = (nouns[k % 12].0, nouns[(k / 12) % 12].0);
                format!("The {a} and the {b} met in room {k}.")
            })
            .collect();
        let fr: Vec<String> = (0..150)
            .filter(|k| !(40..100).contains(k))
            .map(|k| {
                let (a, b) = (nouns[k % 12].1, nouns[(k / 12) % 12].1);
                format!("Le {a} et le {b} se sont vus dans la salle {k}.")
            })
            .collect();
        let (en, fr) = (en.join(" "), fr.join(" "));
        let a = align_texts(&en, Format::Text, &fr, Format::Text);
        // The sentences share most of their words, so a kept neighbour may
        // take a dropped one in a 2-1 link; but every 1-0 link is a dropped
        // sentence, and nearly all are found.
        let drops: Vec<usize> = a
            .links
            .iter()
            .filter(|l| l.kind == LinkKind::OneZero)
            .map(|l| l.source_sentences.start)
            .collect();
        assert!(drops.len() >= 55, "{}", drops.len());
        assert!(drops.iter().all(|k| (40..100).contains(k)), "{drops:?}");
    }

    #[test]
    fn tail_probability_is_monotone_and_finite() {
        let mut last = 0.0;
        for k in 0..200 {
            let v = -ln_two_sided_tail(k as f64 * 0.1);
            assert!(v.is_finite() && v >= last - 1e-9, "{k}: {v}");
            last = v;
        }
        assert!(ln_two_sided_tail(0.0).abs() < 1e-6);
        assert!(ln_two_sided_tail(1e6).is_finite());
    }
}
