//! A document: the input text, its format, its paragraph blocks and sentences.

use crate::markup;
use crate::span::{LineIndex, Span};
use crate::split;
use crate::text::Regions;
use std::borrow::Cow;
use std::sync::OnceLock;

pub use crate::markup::Format;

/// One sentence of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Its bytes in the input, without surrounding white space.
    pub span: Span,
    /// Index of the block (paragraph) it belongs to.
    pub block: usize,
}

/// A text prepared for checking.
///
/// The rules read a *view* of the text ([`Document::view`]):
/// - in HTML and Markdown, what readers never see as prose (scripts,
///   styles, comments, code) is blanked out ([`crate::markup`]);
/// - in HTML and Markdown, character entities are decoded (`&nbsp;` is read
///   as a no-break space, `c&rsquo;est` as `c’est`); the view is then
///   shorter than the input, and [`Document::input_span`] leads a span of
///   the view back to the input, covering whole entities;
/// - hard-wrapped paragraphs (a file or an e-mail filled at 72 columns) are
///   recognised per block, and the line breaks the wrapping put in are read
///   as spaces.
///
/// Without entities the view has the same length as the input and every
/// offset holds for both.
#[derive(Debug)]
pub struct Document<'a> {
    text: &'a str,
    /// The view, when it differs from `text`.
    view: Option<String>,
    format: Format,
    /// Blocks and sentences in input offsets (borrowed by a view, which
    /// shares them instead of holding a copy).
    blocks: Cow<'a, [Span]>,
    sentences: Cow<'a, [Sentence]>,
    /// With decoded entities: how view offsets lead back to the input, and
    /// the view's blocks and sentences (in view offsets).
    decoded: Option<Box<DecodedView>>,
    /// The text whose lines [`Document::line_index`] counts: the input, also
    /// for a view, whose paragraph breaks may stand for tags.
    input: &'a str,
    lines: OnceLock<LineIndex>,
    /// The input's line index when another owns it ([`InPlace`]).
    lent_lines: Option<&'a LineIndex>,
    /// Whether the text holds a digit ([`Document::has_digit`]).
    digits: OnceLock<bool>,
    /// The text folded ([`Document::folded`]).
    folded: OnceLock<String>,
    /// The runs of digits of the text, up to [`DIGIT_RUNS_KEPT_UP_TO`]
    /// bytes ([`Document::digit_runs`]).
    digit_runs: OnceLock<Vec<(usize, usize)>>,
    /// Protected regions of `text`, each kind found on first use.
    regions: Regions<'a>,
    /// Stretches of the view that stand for blanked-out markup, in view
    /// offsets, sorted and merged (borrowed by a view): see
    /// [`Document::blanked_at`].
    blanked: Cow<'a, [Span]>,
    /// The part of `blanked` that is code readers see as words of the
    /// sentence (`<code>INSERT</code>`'s `INSERT`): see
    /// [`Document::blanked_words_at`].
    worded: Cow<'a, [Span]>,
}

/// The stretches of `hidden` markup as sorted, merged spans of the text.
fn blanked_spans(hidden: &[markup::Hidden]) -> Vec<Span> {
    crate::text::merge_spans(
        hidden
            .iter()
            .filter(|h| h.range.start < h.range.end)
            .map(|h| Span::new(h.range.start, h.range.end))
            .collect(),
    )
}

/// The stretches of `hidden` code read as words ([`markup::Hidden::words`]),
/// sorted and merged.
fn worded_spans(hidden: &[markup::Hidden]) -> Vec<Span> {
    crate::text::merge_spans(
        hidden
            .iter()
            .filter(|h| h.words && h.range.start < h.range.end)
            .map(|h| Span::new(h.range.start, h.range.end))
            .collect(),
    )
}

/// `spans` of the masked text moved to the text with decoded entities.
fn to_decoded(spans: &mut [Span], map: &markup::OffsetMap) {
    for s in spans {
        *s = Span::new(map.to_decoded(s.start), map.to_decoded(s.end));
    }
}

/// What a view with decoded entities needs besides its text.
#[derive(Debug)]
struct DecodedView {
    map: markup::OffsetMap,
    blocks: Vec<Span>,
    sentences: Vec<Sentence>,
}

impl<'a> Document<'a> {
    /// Prepares plain `text` for checking.
    pub fn new(text: &'a str) -> Self {
        Self::with_format(text, Format::Text)
    }

    /// Prepares `text` in `format` for checking.
    pub fn with_format(text: &'a str, format: Format) -> Self {
        let hidden = markup::hidden_ranges(text, format);
        let mut blanked = blanked_spans(&hidden);
        let mut worded = worded_spans(&hidden);
        let mut masked = markup::mask_ranges(text, hidden);
        if masked.is_none() {
            blanked.clear();
            worded.clear();
        }
        let mut map = None;
        if format != Format::Text
            && let Some((decoded, m)) = markup::decode_entities(masked.as_deref().unwrap_or(text))
        {
            masked = Some(decoded);
            to_decoded(&mut blanked, &m);
            to_decoded(&mut worded, &m);
            map = Some(m);
        }
        let base = masked.as_deref().unwrap_or(text);
        let mut blocks = split_blocks(base);
        blocks.shrink_to_fit();
        let mut sentences = Vec::new();
        let mut unwrapped_blocks = Vec::new();
        for (first, wave) in waves(&blocks) {
            unwrapped_blocks.extend(wave_sentences(base, wave, first, &mut sentences));
        }
        // A document lives as long as its check: no spare capacity (the
        // sentences of 64 MB take 14 MB, and doubling leaves up to as much).
        sentences.shrink_to_fit();
        // Same length: the unwrapped blocks replace their bytes in the view.
        let mut view = masked;
        for (block, u) in unwrapped_blocks {
            view.get_or_insert_with(|| text.to_string())
                .replace_range(block.start..block.end, &u);
        }
        let (blocks, sentences, decoded) = match map {
            None => (blocks, sentences, None),
            Some(map) => {
                let input_blocks = blocks.iter().map(|b| map.span_to_input(*b)).collect();
                let input_sentences = sentences
                    .iter()
                    .map(|s| Sentence {
                        span: map.span_to_input(s.span),
                        block: s.block,
                    })
                    .collect();
                let decoded = DecodedView {
                    map,
                    blocks,
                    sentences,
                };
                (input_blocks, input_sentences, Some(Box::new(decoded)))
            }
        };
        Document {
            text,
            view,
            format,
            blocks: Cow::Owned(blocks),
            sentences: Cow::Owned(sentences),
            decoded,
            input: text,
            lines: OnceLock::new(),
            lent_lines: None,
            digits: OnceLock::new(),
            folded: OnceLock::new(),
            digit_runs: OnceLock::new(),
            regions: Regions::new(text),
            blanked: Cow::Owned(blanked),
            worded: Cow::Owned(worded),
        }
    }

    /// Whether the byte at `pos` of the text the rules read stands for
    /// markup blanked out ([`crate::markup::mask`]: a tag, a comment, code),
    /// not for white space of the text: `Windows<sup>®</sup>.` reads
    /// `Windows ®      .`, and no space stands before its full stop. Always
    /// `false` on a document without a view, and meant for the view (on
    /// the input of a document that has one, offsets are the view's).
    pub fn blanked_at(&self, pos: usize) -> bool {
        let i = self.blanked.partition_point(|s| s.end <= pos);
        self.blanked.get(i).is_some_and(|s| s.start <= pos)
    }

    /// Whether the byte at `pos` of the text the rules read stands for
    /// blanked-out code that readers see as a word of the sentence (the
    /// contents of `<code>`, a Markdown code span), not for a tag or a
    /// comment: `instructions <code>INSERT</code>,` reads `instructions`,
    /// a space, then blanks that stand for the word `INSERT`.
    pub fn blanked_words_at(&self, pos: usize) -> bool {
        let i = self.worded.partition_point(|s| s.end <= pos);
        self.worded.get(i).is_some_and(|s| s.start <= pos)
    }

    /// A span of the view ([`Document::view`]) as a span of the input: the
    /// same span, unless entities were decoded, in which case it grows to
    /// cover whole entities.
    pub fn input_span(&self, view_span: Span) -> Span {
        match &self.decoded {
            Some(d) => d.map.span_to_input(view_span),
            None => view_span,
        }
    }

    /// How view offsets lead back to the input, when entities were decoded.
    pub fn offset_map(&self) -> Option<&markup::OffsetMap> {
        self.decoded.as_ref().map(|d| &d.map)
    }

    /// The whole input.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The view's text ([`Document::view_text`]) with what it blanks out
    /// (tags, comments, code) shown again, at the view's offsets: the input
    /// itself unless entities were decoded, in which case they stay
    /// decoded. `None` when the view is the input itself. For the rules
    /// that compare markup with a source (`markup-mismatch`).
    pub fn markup_shown(&self) -> Option<String> {
        let view = self.view.as_deref()?;
        Some(match &self.decoded {
            None => self.text.to_string(),
            Some(d) => d.map.shown_in(self.text, view),
        })
    }

    /// The text as the rules read it: the input with hidden markup blanked
    /// out, entities decoded and the line breaks of hard-wrapped paragraphs
    /// turned into spaces. Without decoded entities it has the same length
    /// as [`Document::text`], so every offset holds for both, and char
    /// boundaries are the same outside blanked-out markup; with them,
    /// [`Document::input_span`] leads its offsets back. `None` when it is
    /// the input itself.
    pub fn view_text(&self) -> Option<&str> {
        self.view.as_deref()
    }

    /// This document as the rules read it: over [`Document::view_text`]
    /// (the same blocks and sentences, in view offsets), or `None` when that
    /// is the input itself. Its line index counts the input's lines.
    pub fn view(&self) -> Option<Document<'_>> {
        let text = self.view.as_deref()?;
        let (blocks, sentences, lines) = match &self.decoded {
            None => (&self.blocks[..], &self.sentences[..], OnceLock::new()),
            Some(d) => {
                // The input's line starts, moved to view offsets (a line
                // start never falls inside an entity).
                let starts = self.line_index().starts().map(|s| d.map.to_decoded(s));
                (
                    &d.blocks[..],
                    &d.sentences[..],
                    OnceLock::from(LineIndex::from_starts(starts)),
                )
            }
        };
        Some(Document {
            text,
            view: None,
            format: self.format,
            blocks: Cow::Borrowed(blocks),
            sentences: Cow::Borrowed(sentences),
            decoded: None,
            input: self.input,
            lines,
            lent_lines: None,
            digits: OnceLock::new(),
            folded: OnceLock::new(),
            digit_runs: OnceLock::new(),
            regions: Regions::new(text),
            blanked: Cow::Borrowed(&self.blanked),
            worded: Cow::Borrowed(&self.worded),
        })
    }

    /// The input's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Paragraph blocks: runs of non-blank lines, trimmed.
    pub fn blocks(&self) -> &[Span] {
        &self.blocks
    }

    /// Sentences in input order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The text of a span of this document.
    pub fn slice(&self, span: Span) -> &'a str {
        span.slice(self.text)
    }

    /// The protected regions of this document's text (tags, code, URLs,
    /// addresses, entities, domains, file names, numbers), each kind found
    /// once, on first use.
    pub fn regions(&self) -> &Regions<'a> {
        &self.regions
    }

    /// Whether the text may hold a digit as a regex's `\d` reads it
    /// ([`crate::text::chars::has_digit`]), found once: the rules whose
    /// every pattern starts with a digit skip a text without one.
    pub fn has_digit(&self) -> bool {
        *self
            .digits
            .get_or_init(|| crate::text::chars::has_digit(self.text))
    }

    /// The text folded ([`crate::text::fold`]: lower case, straight
    /// apostrophes), found once: for the rules that look for terms in any
    /// case over the whole text. Its offsets are not those of the text
    /// (folding may change a character's length).
    pub fn folded(&self) -> &str {
        self.folded
            .get_or_init(|| crate::text::fold(self.text).into_owned())
    }

    /// The runs of characters of the text a regex's `\d` may read as digits
    /// ([`crate::text::chars::digit_runs`]), in order: where the rules whose
    /// patterns hold a number look first, before building or running them.
    /// Found once and kept for a text of up to [`DIGIT_RUNS_KEPT_UP_TO`]
    /// bytes (a dozen rules ask); a longer text is scanned at each call,
    /// so that its runs are never held.
    pub fn digit_runs(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let kept = (self.text.len() <= DIGIT_RUNS_KEPT_UP_TO).then(|| {
            self.digit_runs
                .get_or_init(|| crate::text::chars::digit_runs(self.text).collect())
                .iter()
                .copied()
        });
        let scanned = kept
            .is_none()
            .then(|| crate::text::chars::digit_runs(self.text));
        kept.into_iter()
            .flatten()
            .chain(scanned.into_iter().flatten())
    }

    /// Line index of the input (of the input as given, also for a view),
    /// built on first use.
    pub fn line_index(&self) -> &LineIndex {
        if let Some(lines) = self.lent_lines {
            return lines;
        }
        self.lines.get_or_init(|| LineIndex::new(self.input))
    }
}

/// Longest text whose digit runs a [`Document`] keeps
/// ([`Document::digit_runs`]).
pub const DIGIT_RUNS_KEPT_UP_TO: usize = 1 << 20;

/// A document whose view ([`Document::view`]) is written over its input's
/// own buffer, with what gives the input back
/// ([`crate::Checker::check_in_place`]): a large input is then held once
/// instead of twice (the input and its view) while the rules run.
///
/// The view is the one [`Document::with_format`] builds, made by the same
/// steps (markup blanked out, entities decoded, hard-wrapped blocks joined),
/// each applied to the buffer; each step records the input bytes it
/// replaces, and [`InPlace::restore`] puts them back, last step first.
#[derive(Debug)]
pub(crate) struct InPlace {
    format: Format,
    input_len: usize,
    /// Blocks and sentences in view offsets.
    blocks: Vec<Span>,
    sentences: Vec<Sentence>,
    map: Option<markup::OffsetMap>,
    /// The input's lines, in input offsets.
    input_lines: LineIndex,
    /// The same line starts in view offsets, when entities were decoded.
    view_lines: Option<LineIndex>,
    /// One record per step that made the view, in the order they ran.
    undo: Vec<Undo>,
    /// Blanked-out markup, in view offsets ([`Document::blanked_at`]).
    blanked: Vec<Span>,
    /// The part of it read as words ([`Document::blanked_words_at`]).
    worded: Vec<Span>,
}

/// What one step of [`InPlace`] replaced: stretches of its output, each
/// with the bytes they stood for, in order.
#[derive(Debug, Default)]
struct Undo {
    /// `(start in the output, length in the output, length before)`.
    pieces: Vec<(usize, usize, usize)>,
    /// The bytes before, of every piece end to end.
    bytes: Vec<u8>,
}

impl Undo {
    fn push(&mut self, at: usize, len: usize, before: &[u8]) {
        self.pieces.push((at, len, before.len()));
        self.bytes.extend_from_slice(before);
    }

    /// The runs of bytes where `after`, written at `at`, differs from
    /// `before` (the same length).
    fn push_changes(&mut self, at: usize, before: &[u8], after: &[u8]) {
        debug_assert_eq!(before.len(), after.len());
        let mut i = 0;
        while i < before.len() {
            if before[i] == after[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < before.len() && before[i] != after[i] {
                i += 1;
            }
            self.push(at + start, i - start, &before[start..i]);
        }
    }

    /// Puts the bytes before back into `text`. Every piece is at least as
    /// long before as after ([`InPlace::new`] checks it), so the text only
    /// grows and the bytes can be moved back to front.
    fn restore(&self, text: &mut String) {
        if self.pieces.is_empty() {
            return;
        }
        let mut bytes = std::mem::take(text).into_bytes();
        self.restore_bytes(&mut bytes);
        *text = String::from_utf8(bytes).expect("the input was valid UTF-8");
    }

    fn restore_bytes(&self, bytes: &mut Vec<u8>) {
        let after_len = bytes.len();
        let grown: usize = self
            .pieces
            .iter()
            .map(|&(_, len, before)| before - len)
            .sum();
        bytes.resize(after_len + grown, 0);
        let mut shift = grown;
        let mut tail_end = after_len;
        let mut from = self.bytes.len();
        for &(at, len, before) in self.pieces.iter().rev() {
            bytes.copy_within(at + len..tail_end, at + len + shift);
            shift -= before - len;
            from -= before;
            bytes[at + shift..at + shift + before]
                .copy_from_slice(&self.bytes[from..from + before]);
            tail_end = at;
        }
        debug_assert_eq!(shift, 0);
    }
}

impl InPlace {
    /// Writes the view of `text` in `format` over `text` and returns what
    /// reads it and gives `text` back; `None`, with `text` as it was, when
    /// an entity decodes to more bytes than it takes (the input could not
    /// be put back in place).
    pub(crate) fn new(text: &mut String, format: Format) -> Option<Self> {
        let input_len = text.len();
        let input_lines = LineIndex::new(text);
        let mut undo = Vec::new();
        let mut blanked = Vec::new();
        let mut worded = Vec::new();
        // What readers never see as prose, blanked out (`markup::mask`).
        let hidden = markup::hidden_ranges(text, format);
        if !hidden.is_empty() {
            let mut ranges: Vec<(usize, usize)> = hidden
                .iter()
                .map(|h| (h.range.start, h.range.end))
                .collect();
            ranges.sort_unstable();
            let mut step = Undo::default();
            let mut last: Option<(usize, usize)> = None;
            for (start, end) in ranges {
                match &mut last {
                    Some((_, e)) if start <= *e => *e = (*e).max(end),
                    _ => {
                        if let Some((s, e)) = last {
                            step.push(s, e - s, &text.as_bytes()[s..e]);
                        }
                        last = Some((start, end));
                    }
                }
            }
            if let Some((s, e)) = last {
                step.push(s, e - s, &text.as_bytes()[s..e]);
            }
            let spans = blanked_spans(&hidden);
            let words = worded_spans(&hidden);
            let mut bytes = std::mem::take(text).into_bytes();
            markup::mask_bytes(&mut bytes, hidden);
            match String::from_utf8(bytes) {
                Ok(masked) => {
                    *text = masked;
                    undo.push(step);
                    blanked = spans;
                    worded = words;
                }
                // `mask` leaves such a text unmasked.
                Err(e) => {
                    let mut bytes = e.into_bytes();
                    step.restore_bytes(&mut bytes);
                    *text = String::from_utf8(bytes).expect("the input was valid UTF-8");
                }
            }
        }
        // Entities decoded: the view is shorter.
        let mut map = None;
        let mut view_lines = None;
        if format != Format::Text
            && let Some((decoded, m)) = markup::decode_entities(text)
        {
            if m.segments().iter().any(|(i, d)| d.len() > i.len()) {
                for step in undo.iter().rev() {
                    step.restore(text);
                }
                return None;
            }
            let mut step = Undo::default();
            for (i, d) in m.segments() {
                step.push(d.start, d.len(), &text.as_bytes()[i.clone()]);
            }
            text.clear();
            text.push_str(&decoded);
            drop(decoded);
            undo.push(step);
            view_lines = Some(LineIndex::from_starts(
                input_lines.starts().map(|s| m.to_decoded(s)),
            ));
            to_decoded(&mut blanked, &m);
            to_decoded(&mut worded, &m);
            map = Some(m);
        }
        // Blocks and sentences, hard-wrapped blocks joined
        // (`Document::with_format`).
        let mut blocks = split_blocks(text);
        blocks.shrink_to_fit();
        let mut sentences = Vec::new();
        let mut step: Option<Undo> = None;
        for (first, wave) in waves(&blocks) {
            // Each wave's joined blocks written over their bytes at once, so
            // that the joined texts are never all held together.
            for (block, u) in wave_sentences(text, wave, first, &mut sentences) {
                let step = step.get_or_insert_with(Undo::default);
                step.push_changes(block.start, block.slice(text).as_bytes(), u.as_bytes());
                text.replace_range(block.start..block.end, &u);
            }
        }
        sentences.shrink_to_fit();
        undo.extend(step);
        Some(InPlace {
            format,
            input_len,
            blocks,
            sentences,
            map,
            input_lines,
            view_lines,
            undo,
            blanked,
            worded,
        })
    }

    /// The document the rules read, over `view`: the text [`InPlace::new`]
    /// left in the buffer. The same as [`Document::view`] of the input's
    /// document (or that document itself when it has no view).
    pub(crate) fn document<'a>(&'a self, view: &'a str) -> Document<'a> {
        let lines = self.view_lines.as_ref().unwrap_or(&self.input_lines);
        Document {
            text: view,
            view: None,
            format: self.format,
            blocks: Cow::Borrowed(&self.blocks),
            sentences: Cow::Borrowed(&self.sentences),
            decoded: None,
            input: view,
            lines: OnceLock::new(),
            lent_lines: Some(lines),
            digits: OnceLock::new(),
            folded: OnceLock::new(),
            digit_runs: OnceLock::new(),
            regions: Regions::new(view),
            blanked: Cow::Borrowed(&self.blanked),
            worded: Cow::Borrowed(&self.worded),
        }
    }

    /// Turns the view back into the input; returns the input's lines (in
    /// input offsets), the rest freed.
    pub(crate) fn restore(self, text: &mut String) -> LineIndex {
        for step in self.undo.iter().rev() {
            step.restore(text);
        }
        debug_assert_eq!(text.len(), self.input_len);
        self.input_lines
    }

    /// Whether the rules read a view that differs from the input (the
    /// input's [`Document::view`] is `Some`).
    pub(crate) fn has_view(&self) -> bool {
        !self.undo.is_empty()
    }

    /// How view offsets lead back to the input, when entities were decoded.
    pub(crate) fn offset_map(&self) -> Option<&markup::OffsetMap> {
        self.map.as_ref()
    }

    /// The input's length in bytes.
    pub(crate) fn input_len(&self) -> usize {
        self.input_len
    }
}

/// Pushes the sentences of `block` (the `i`th block of `base`) onto
/// `sentences`, in `base` offsets; returns the block's text with its
/// hard-wrapped lines joined when they are (the same length: it replaces
/// the block's bytes in a view).
fn block_sentences(
    base: &str,
    block: Span,
    i: usize,
    sentences: &mut Vec<Sentence>,
) -> Option<String> {
    let block_text = block.slice(base);
    let unwrapped = split::unwrap_lines(block_text);
    let spans = split::split_lines(unwrapped.as_deref().unwrap_or(block_text));
    sentences.extend(spans.into_iter().map(|s| Sentence {
        span: s.shift(block.start),
        block: i,
    }));
    unwrapped
}

/// Documents from this size on are prepared and have their rules run in
/// parallel (on the current rayon pool), and the rules that can cut them
/// into parts do so ([`crate::rule::Scratch`]); smaller ones are checked on
/// one thread.
pub const PARALLEL_FROM: usize = 1 << 20;

/// Bytes of blocks split into sentences together: a large document's
/// blocks are split on every core a wave at a time, and only one wave's
/// joined texts are held at once.
const WAVE_BYTES: usize = 4 << 20;

/// Bytes from the start of the first of `blocks` to the end of the last.
fn span_of(blocks: &[Span]) -> usize {
    match (blocks.first(), blocks.last()) {
        (Some(a), Some(b)) => b.end - a.start,
        _ => 0,
    }
}

/// `blocks` in consecutive waves of about [`WAVE_BYTES`] each (all of them
/// at once when the document is too small to be split in parallel), with
/// the index of each wave's first block.
fn waves(blocks: &[Span]) -> impl Iterator<Item = (usize, &[Span])> {
    let parallel = span_of(blocks) >= PARALLEL_FROM && rayon::current_num_threads() > 1;
    let mut first = 0;
    std::iter::from_fn(move || {
        if first >= blocks.len() {
            return None;
        }
        let start = first;
        let mut end = blocks.len();
        if parallel {
            let from = blocks[start].start;
            end = start + 1;
            while end < blocks.len() && blocks[end - 1].end - from < WAVE_BYTES {
                end += 1;
            }
        }
        first = end;
        Some((start, &blocks[start..end]))
    })
}

/// The sentences of `wave` (blocks of `base`, the first being block
/// `first`) pushed onto `sentences` in order, and the wave's blocks whose
/// hard-wrapped lines were joined, with their joined text
/// ([`block_sentences`]). A large wave of several blocks is split on every
/// core; the result is the sequential one.
fn wave_sentences(
    base: &str,
    wave: &[Span],
    first: usize,
    sentences: &mut Vec<Sentence>,
) -> Vec<(Span, String)> {
    let mut joined = Vec::new();
    if wave.len() > 1 && span_of(wave) >= PARALLEL_FROM && rayon::current_num_threads() > 1 {
        use rayon::prelude::*;
        let each: Vec<(Vec<Sentence>, Option<String>)> = wave
            .par_iter()
            .enumerate()
            .map(|(k, block)| {
                let mut own = Vec::new();
                let u = block_sentences(base, *block, first + k, &mut own);
                (own, u)
            })
            .collect();
        for ((own, u), block) in each.into_iter().zip(wave) {
            sentences.extend(own);
            joined.extend(u.map(|u| (*block, u)));
        }
    } else {
        for (k, block) in wave.iter().enumerate() {
            if let Some(u) = block_sentences(base, *block, first + k, sentences) {
                joined.push((*block, u));
            }
        }
    }
    joined
}

/// Splits `text` into blocks separated by blank lines (lines of white space
/// only). Each block is trimmed of surrounding white space.
pub fn split_blocks(text: &str) -> Vec<Span> {
    let mut blocks = Vec::new();
    let mut block_start: Option<usize> = None;
    let mut block_end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content_start = pos + (line.len() - line.trim_start().len());
        let trimmed_len = line.trim_end().len();
        if line.trim().is_empty() {
            if let Some(s) = block_start.take() {
                blocks.push(Span::new(s, block_end));
            }
        } else {
            if block_start.is_none() {
                block_start = Some(content_start);
            }
            block_end = pos + trimmed_len;
        }
        pos += line.len();
    }
    if let Some(s) = block_start {
        blocks.push(Span::new(s, block_end));
    }
    blocks
}

#[cfg(test)]
mod tests {
    #[test]
    fn waves_cover_every_block_once_in_order() {
        let blocks: Vec<Span> = (0..40)
            .map(|i| Span::new(i * (1 << 19), i * (1 << 19) + 1000))
            .collect();
        let pool = |n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
        };
        // One thread: a single wave. Two: waves of about WAVE_BYTES each.
        let one: Vec<(usize, usize)> =
            pool(1).install(|| waves(&blocks).map(|(f, w)| (f, w.len())).collect());
        assert_eq!(one, vec![(0, 40)]);
        let two: Vec<(usize, usize)> =
            pool(2).install(|| waves(&blocks).map(|(f, w)| (f, w.len())).collect());
        assert!(two.len() > 2, "{two:?}");
        let mut next = 0;
        for (first, len) in two {
            assert_eq!(first, next);
            assert!(len >= 1);
            let wave = &blocks[first..first + len];
            assert!(len == 1 || span_of(&wave[..len - 1]) < WAVE_BYTES);
            next = first + len;
        }
        assert_eq!(next, blocks.len());
        assert_eq!(waves(&[]).count(), 0);
    }

    use super::*;

    #[test]
    fn hard_wrapped_blocks_are_read_as_one_line() {
        let wrapped = "Titre\n\nLe ministre de l'Économie a reçu mardi les dirigeants des grandes\r\nbanques françaises, dont le directeur général de la Société générale\nFrédéric Oudéa. Il leur a demandé de soutenir les entreprises.";
        let doc = Document::new(wrapped);
        let flowed = doc.view_text().expect("the second block is wrapped");
        assert_eq!(flowed.len(), wrapped.len());
        assert_eq!(
            flowed,
            wrapped
                .replace("grandes\r\n", "grandes  ")
                .replace("générale\n", "générale ")
        );
        let view = doc.view().unwrap();
        assert_eq!(view.text(), flowed);
        assert_eq!(view.sentences(), doc.sentences());
        assert_eq!(doc.sentences().len(), 3);
        // One paragraph a line, or headlines: nothing to flow.
        let lines = "Poutine menace la Pologne\nLa Biélorussie accueille Wagner\nLe Kremlin dément";
        assert!(Document::new(lines).view_text().is_none());
        assert!(Document::new("Une phrase.").view().is_none());
    }

    #[test]
    fn entities_are_read_decoded_and_spans_point_into_the_input() {
        let html = "<h2>Titre</h2>\n<p>Il l&rsquo;a dit&nbsp;: oui.</p>\n<p>Fin&nbsp;!</p>";
        let doc = Document::with_format(html, Format::Html);
        let view = doc.view().unwrap();
        assert!(view.text().contains("Il l’a dit\u{a0}: oui."));
        let sentences: Vec<&str> = doc.sentences().iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(
            sentences,
            ["Titre", "Il l&rsquo;a dit&nbsp;: oui.", "Fin&nbsp;!"]
        );
        let in_view: Vec<&str> = view
            .sentences()
            .iter()
            .map(|s| view.slice(s.span))
            .collect();
        assert_eq!(in_view, ["Titre", "Il l’a dit\u{a0}: oui.", "Fin\u{a0}!"]);
        for (s, v) in doc.sentences().iter().zip(view.sentences()) {
            assert_eq!(doc.input_span(v.span), s.span);
        }
        // Lines are the input's, counted in view offsets.
        let fin = view.text().find("Fin").unwrap();
        assert_eq!(view.line_index().line_of(fin), 2);
        // Plain text keeps its entities: they show as text.
        let text = "Il l&rsquo;a dit.";
        assert!(Document::new(text).view().is_none());
    }

    #[test]
    fn blocks_are_separated_by_blank_lines() {
        let text = "  Titre\n\nUn paragraphe\nsur deux lignes.  \n \t\nFin.";
        let blocks: Vec<&str> = split_blocks(text).iter().map(|b| b.slice(text)).collect();
        assert_eq!(
            blocks,
            vec!["Titre", "Un paragraphe\nsur deux lignes.", "Fin."]
        );
    }

    #[test]
    fn empty_and_blank_inputs_have_no_block() {
        assert!(split_blocks("").is_empty());
        assert!(split_blocks(" \n\t\n").is_empty());
        assert!(Document::new("\n\n").sentences().is_empty());
    }

    #[test]
    fn sentences_point_into_the_input() {
        let text = "Titre\n\nPremière phrase. Deuxième phrase.";
        let doc = Document::new(text);
        let s: Vec<&str> = doc.sentences().iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(s, vec!["Titre", "Première phrase.", "Deuxième phrase."]);
        assert_eq!(doc.sentences()[2].block, 1);
    }
}
