use crate::declare_rule;
use crate::document::Document;
use crate::glossary::{KeptTerms, TermUse, normalised};
use crate::lang::english::{self, Evidence};
use crate::parallel::{Pairing, Parallel, Word, english_not_french, quoted_or_code, words_in};
use crate::rule::{
    Context, DocumentSignals, Finding, OptionsSchema, PARALLEL_FROM, Rule, RuleMeta, Schema,
    Severity, Sink,
};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::in_quotation;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

declare_rule! {
    /// English words and phrases left untranslated in French text.
    ///
    /// ## What it does
    /// Scores every word for English against French (word frequencies in both
    /// languages, function words such as `the`/`of` against `le`/`des`,
    /// accents, elisions and English clitics such as `'s`), then smooths the
    /// scores over each sentence so that a run of English words, names
    /// included, is reported as one span. Runs of three words or more are
    /// confirmed by a character-model language detector (lingua). A word the
    /// full French lexicon (`data/lexicon-fr.tsv`) holds leans French; a verb
    /// form right after a determiner does not (`un charger`). Two English
    /// words glued (`colorsSize`), a hyphenated word holding English grammar
    /// (`shove-it`) or made of two English words ending in an adjective's
    /// head (`leak-proof`, `dishwasher-safe`; not `-friendly` or `-free`,
    /// which French journalism builds words with) and a product page's field
    /// label opening a line before a colon (`Package Included:`,
    /// `data/english-labels.txt`) are English. An English name of a country
    /// or language that French names otherwise (`data/english-exonyms.txt`)
    /// alone on a line (a site's selector: `French`) or after a comma at the
    /// end of a clause (an address: `Ljubljana, Slovenia`) is reported as
    /// `info`, and as an `error` in machine output (see below).
    ///
    /// ## Severity
    /// The level says how sure the rule is that the English is a leftover:
    /// - `error`: English grammar (two function words, or one inside the run:
    ///   `il a dit que the plan is ready`), a whole English sentence of four
    ///   words or more, an English line of its own (`Read more`, `Share
    ///   this`), a title-case run of four generic words or more without
    ///   grammar (`Folding Camp Chair Extra`);
    /// - `warning`: what a careful writer may borrow on purpose: a single word
    ///   (`idéal pour le hiking`), a term without grammar (`un level design
    ///   soigné`), a short sentence of three words or less, title-case words
    ///   with grammar that share their line with French (a work or an event:
    ///   `Finaliste : The Winds of Time`, `fêter May the Fourth`, `le film
    ///   Gabbar is Back`: a title may leave `is` in lower case), the title of
    ///   a work after its author's name and a dash at the start of a line, as
    ///   reviews head their pieces (`Cosmopaark – and I can’t breathe enough
    ///   : une ascension…`), an English
    ///   sentence that is a whole bracketed aside after no word (`… cette
    ///   semaine. (Read the English version here.)`), a sentence of three
    ///   words or less, even on its own line, whose `!` or `?` is spaced the
    ///   French way (`Have fun !`: typed so by a writer of French);
    /// - `info`: English cited as written: a bibliographic reference (below),
    ///   text in quotes, « » or emphasis, an embedded social-network post (a
    ///   signature, a short link, or a line naming two accounts by their `@`
    ///   handles), a gloss in brackets after a word (`l'esprit du client (top
    ///   of mind)`), names on a credit line (a line opened by `©` or a French
    ///   credit label: `ⓒ SM Entertainment`, `Photo : Gold and Goose
    ///   Photography / LAT Images`), a short line without English grammar
    ///   whose every word the lines above use (a caption: `Mir shoulder
    ///   lock` under a paragraph on Frank Mir's `inside shoulder lock`), a
    ///   term without grammar the text uses three times or more
    ///   (its topic: `le growth hacking`), the title of a work that heads a
    ///   section on a short line of its own and that a sentence of the text
    ///   names too (`Into the Breach` over `… en sortant Into the Breach, un
    ///   jeu de stratégie`; an interface label stands on lines of its own
    ///   only), and in a bilingual file, a term without grammar its
    ///   translators keep from the source as a rule (below).
    ///
    /// Then, once every rule has run, the document is reviewed: every
    /// `warning` of this rule becomes an `error` when the page holds an
    /// English sentence at `error`, or shows machine translation by the other
    /// rules (at least two findings at `warning` or more outside typography,
    /// an `error` among them or two rules, two per 1,000 words).
    /// There, a borrowed-looking word is one more leftover; in a careful page
    /// it keeps the benefit of the doubt.
    ///
    /// A line holding a command-line option (`apt list --installed`) is a
    /// command, not reported.
    ///
    /// Capitalised names and titles inside French (`le New York Times`,
    /// `Dmitri Peskov`, `la Bank of Scotland`), and capitalised words before
    /// a model code (a product: `Mountain Hardwear Yawn Patrol 30F`), are
    /// not reported, nor are
    /// English words French has adopted (`week-end`, `parking`, `podcast`,
    /// `Covid`), nor the words and phrases of the `allow` option.
    ///
    /// English in a bibliographic reference is the title of a cited work,
    /// which stays in its language: it is reported as `info` only, so that a
    /// reference list does not fail the gate. A sentence is a reference when
    /// it carries a source-language mark or an access note
    /// (`data/reference-cues.txt`: `(en)`, `consulté le`, `ISBN`), starts
    /// with a Wikipedia back-link (`^`), has an English date among at least
    /// three comma-separated fields (`The Guardian, October 4, 2001`), or is
    /// a list item naming a work's author (`- The Devils, de Ken Russell`).
    ///
    /// With the source text at hand (`--source`, bilingual files): English
    /// that is code or a quoted term (a command, an option), and in the
    /// units of a bilingual file single words, enumerations and capitals
    /// kept as in the source (a program's keywords and values), are not
    /// reported; in an article checked with `--source`, English the target
    /// copied from its source (`untranslated-copy`'s evidence) is an error
    /// even when it is a single word, and the finding points at the source.
    /// In a unit, words of its source set side by side in another order
    /// (French order, the noun first: `slot permanent` for `permanent
    /// slot`) are words taken one by one, not an English phrase: not
    /// reported either, unless one of them is English that the file
    /// translates as a rule elsewhere (`ID group thread` where the file
    /// writes `groupe`). Nor are, in a unit, a command of the source quoted
    /// TeX's way (`` `show warranty' ``) or set before its arguments in
    /// braces (`nmcli connection up { ARGUMENTS | help }`), an example the
    /// source gives after its label (`Exemple : list functions.`, no English
    /// function word in it), the symbol of a byte multiple (`To` for `TB`),
    /// words spelling an identifier of the unit (`cleaner id` beside
    /// `{cleaner_id}`), and a standard's name beside its acronym (`"aui"
    /// (Attachment Unit Interface)`).
    ///
    /// A bilingual file is also evidence of its translators' glossary: a
    /// term without English grammar (up to four words) that the targets
    /// keep, in three units or more, in at least half of the units whose
    /// source has it (words side by side in any order, case and plural `s`
    /// aside), is the file's chosen term, not a leftover: `info` (a
    /// software catalogue that keeps `trigger` or `snapshot` in French).
    /// A term the file translates more often than it keeps is reported
    /// where it stays, and English sentences always are.
    ///
    /// ## Why it matters
    /// Machine translation leaves English it could not parse, and scraped
    /// pages carry the site's English interface (`Must Read`, `Exit mobile
    /// version`). Any French reader sees it at once.
    ///
    /// ## Example
    /// Bad: `Delhi Confidential : Snap, chat in Lok Sabha Apply Christmas` (error)
    ///
    /// Bad: `La lampe est livrée avec un charger.` (warning; error in a
    /// machine-translated page)
    ///
    /// Good: `Cet article a été initialement publié dans le New York Times.`
    ///
    /// Info only: `- (en) Jane Doe, How the war was sold, The Observer, 2003.`
    ///
    /// ## Options
    /// In `coquille.toml`, table `[untranslated-english]`:
    /// - `min_words` (default `1`): the shortest run of English words
    ///   reported (`2` leaves single words alone).
    /// - `allow` (default `[]`): words and phrases never reported, in any
    ///   case (`["start-up", "Black Friday"]`).
    ///
    /// ## Known false positives
    /// English titles of books, songs or films quoted in French without
    /// italics or quotes around them at the start of a sentence (unless a
    /// heading of the text names them too); a quoted English line standing
    /// alone without quotation marks (a caption, a lyric); English
    /// jargon a careful text uses once or twice (a warning: `roadside
    /// attractions`, `un must have`), or a catalogue keeps in fewer than
    /// three units; lists of English terms on lines of their own (errors,
    /// as interface lines are); English words French uses that are missing
    /// from the loanword list and the French lexicon.
    pub struct UntranslatedEnglish {
        id: "untranslated-english",
        category: Language,
        severity: Error,
    }
}

/// Options of `untranslated-english`: its `[untranslated-english]` table of
/// `coquille.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UntranslatedEnglishOptions {
    /// Shortest run of English words reported (0 counts as 1).
    pub min_words: usize,
    /// Words and phrases never reported, compared case-insensitively.
    pub allow: Vec<String>,
}

impl Default for UntranslatedEnglishOptions {
    fn default() -> Self {
        UntranslatedEnglishOptions {
            min_words: 1,
            allow: Vec::new(),
        }
    }
}

static OPTIONS: Schema<UntranslatedEnglishOptions> = Schema::new();

static REFERENCE_CUES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| crate::data::REFERENCE_CUES.words().collect());

/// An English date in a citation: `October 4, 2001`, `Nov 13, 2002`.
static ENGLISH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.? \d{1,2}, \d{4}\b",
    )
    .expect("valid regex")
});

/// A list item that names a work's author: `- Titre, de Prénom Nom`.
static AUTHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[-–•*] .*, (?:de|par) \p{Lu}").expect("valid regex"));

/// Longest stretch of a sentence looked at around a run for reference cues.
const REFERENCE_WINDOW: usize = 600;

/// Whether the sentence around `span` (within `sentence`) is a bibliographic
/// reference; see the rule's documentation.
fn in_reference(text: &str, sentence: Span, span: Span) -> bool {
    // A bounded window: a sentence may be a whole 50 MB line.
    let mut from = sentence
        .start
        .max(span.start.saturating_sub(REFERENCE_WINDOW));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = sentence.end.min(span.end + REFERENCE_WINDOW).max(from);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let s = &text[from..to.max(from)];
    let at_start = from == sentence.start;
    let lower = s.to_lowercase();
    let item = s.trim_start_matches(['-', '–', '•', '*', ' ']);
    REFERENCE_CUES.iter().any(|c| lower.contains(c))
        || (at_start && item.starts_with('^'))
        || (ENGLISH_DATE.is_match(s) && s.matches(',').count() >= 3)
        || (at_start && AUTHOR.is_match(s))
}

/// The span as shown in a message: whole when short, otherwise its first
/// and last words around an ellipsis.
fn excerpt(span_text: &str) -> String {
    const HEAD: usize = 50;
    const TAIL: usize = 20;
    let n = span_text.chars().count();
    if n <= HEAD + TAIL + 10 {
        return span_text.to_string();
    }
    // Cut at spaces so that no word is broken.
    let head_end = span_text
        .char_indices()
        .nth(HEAD)
        .map_or(span_text.len(), |(i, _)| i);
    let head_end = span_text[..head_end].rfind(' ').unwrap_or(head_end);
    let tail_start = span_text.char_indices().nth(n - TAIL).map_or(0, |(i, _)| i);
    let tail_start = span_text[tail_start..]
        .find(' ')
        .map_or(tail_start, |i| tail_start + i + 1);
    format!(
        "{} … {}",
        span_text[..head_end].trim_end(),
        span_text[tail_start..].trim_start()
    )
}

/// Bytes of the groups of blocks a large document is cut into.
const GROUP_BYTES: usize = 256 * 1024;

/// `blocks` in consecutive groups of at least `bytes` bytes each (the last
/// one maybe less).
fn block_groups(blocks: &[Span], bytes: usize) -> Vec<&[Span]> {
    let mut groups = Vec::new();
    let mut start = 0;
    let mut size = 0;
    for (i, b) in blocks.iter().enumerate() {
        size += b.end - b.start;
        if size >= bytes {
            groups.push(&blocks[start..=i]);
            start = i + 1;
            size = 0;
        }
    }
    if start < blocks.len() {
        groups.push(&blocks[start..]);
    }
    groups
}

/// Documents from this size on keep a cache of word evidence.
const CACHE_FROM_BYTES: usize = 64 * 1024;

/// A block that embeds a post from a social network: a signature line
/// `— Name (@handle) Month D, YYYY`, a short link of the network, or a
/// line that names two accounts by their handles (`@brand x @artist are
/// back`), as posts do and prose does not. A handle is ASCII letters,
/// digits and `_` (as the networks allow): written `\w{2,30}`, the Unicode
/// class repeated thirty times made this regex cost about 60 ms to build,
/// paid by every check of a text with an `@`.
static EMBEDDED_POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)(?:^|\s)[—–-] [^\n]{0,80}\(@[A-Za-z0-9_]{1,30}\)|https?://t\.co/|pic\.twitter\.com/|(?:^|[\s(])@[A-Za-z0-9_]{2,30}\b[^\n]*?[\s(]@[A-Za-z0-9_]{2,30}\b",
    )
    .expect("valid regex")
});

/// Whether `text` holds an [`EMBEDDED_POST`]. Every match holds an `@`, a
/// `t.co/` or a `pic.twitter.com/`: text without them (most text) is not
/// searched (the regex's Unicode `\b` and `\w` make it leave its fast
/// engine for a slow one on non-ASCII text).
fn embedded_post_in(text: &str) -> bool {
    (text.contains('@') || text.contains("t.co/") || text.contains("pic.twitter.com/"))
        && EMBEDDED_POST.is_match(text)
}

/// Whether `span` of `text` lies inside quotation marks that open and close
/// within `block` ([`in_quotation`]), or inside Markdown emphasis
/// (`*title*`, `_title_`).
fn quoted(text: &str, block: Span, span: Span) -> bool {
    let before = &text[block.start..span.start];
    let after = &text[span.end..block.end];
    let emphasis = |c: char| before.ends_with(c) && after.starts_with(c);
    emphasis('*') || emphasis('_') || in_quotation(text, block, span)
}

/// How often a term occurs in a document: in the document's folded text
/// ([`Document::folded`]), and in its text lower-cased once, on first use.
struct TermCounts<'t> {
    doc: &'t Document<'t>,
    lowered: Option<String>,
}

impl<'t> TermCounts<'t> {
    fn new(doc: &'t Document<'t>) -> Self {
        TermCounts { doc, lowered: None }
    }

    /// Occurrences of `term` (any case, as whole words), its plural or
    /// singular included.
    fn count(&mut self, term: &str) -> usize {
        let folded = self.doc.folded();
        let term = crate::text::fold(term);
        let stem = term.strip_suffix('s').unwrap_or(&term);
        if stem.is_empty() {
            return 0;
        }
        let bytes = folded.as_bytes();
        let finder = memchr::memmem::Finder::new(stem.as_bytes());
        let mut n = 0;
        let mut from = 0;
        while let Some(i) = finder.find(&bytes[from..]) {
            let start = from + i;
            let mut end = start + stem.len();
            if bytes.get(end) == Some(&b's') {
                end += 1;
            }
            let word_char = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
            if !word_char(folded[..start].chars().next_back())
                && !word_char(folded[end..].chars().next())
            {
                n += 1;
            }
            from = start + stem.len();
        }
        n
    }
}

/// Most words of a line read as a heading by [`TermCounts::heading_and_prose`].
const HEADING_WORDS: usize = 12;

/// Least words beside a title on a line of prose that names it.
const PROSE_WORDS: usize = 3;

impl TermCounts<'_> {
    /// Whether the capitalised `run` (or its main title, before a colon:
    /// `Title: Subtitle`) is the title of a work that heads a section and
    /// that the text names: it stands at the start of a short line of its
    /// own (a heading: at most [`HEADING_WORDS`] words, no final full
    /// stop), and inside a line of prose (at least [`PROSE_WORDS`] other
    /// words beside it, in a sentence). An interface label left in English
    /// (`Read more`, `Share this`) stands on lines of its own only, however
    /// often; an English phrase left inside French is no heading.
    fn heading_and_prose(&mut self, run: &str) -> bool {
        let run = run.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !run.chars().any(char::is_uppercase) {
            return false;
        }
        let main = run.split(':').next().unwrap_or(run).trim_end();
        let lower = self
            .lowered
            .get_or_insert_with(|| crate::text::lowercase(self.doc.text()));
        [run, main]
            .iter()
            .filter(|t| t.chars().filter(|c| c.is_alphanumeric()).count() >= 4)
            .any(|t| heading_and_prose_in(lower, &t.to_lowercase()))
    }
}

/// [`TermCounts::heading_and_prose`] on the lowercase text and term.
fn heading_and_prose_in(lower: &str, term: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
    };
    let (mut heading, mut prose) = (false, false);
    let finder = memchr::memmem::Finder::new(term.as_bytes());
    let mut from = 0;
    while let Some(i) = finder.find(&lower.as_bytes()[from..]) {
        let (start, end) = (from + i, from + i + term.len());
        from = end;
        let word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        if word_char(lower[..start].chars().next_back()) || word_char(lower[end..].chars().next()) {
            continue;
        }
        let line_start = lower[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = lower[end..].find('\n').map_or(lower.len(), |i| end + i);
        let (before, after) = (&lower[line_start..start], &lower[end..line_end]);
        let line = lower[line_start..line_end].trim_end();
        let total = words(line);
        if words(before) == 0 && total <= HEADING_WORDS && !line.ends_with('.') {
            heading = true;
        } else if words(before) + words(after) >= PROSE_WORDS
            && (total > HEADING_WORDS || line.ends_with(['.', '!', '?', '…']))
        {
            prose = true;
        }
        if heading && prose {
            return true;
        }
    }
    false
}

/// How a country or language name left in English is reported.
const EXONYM_MESSAGE: &str = "English name of a country or language";

/// Longest English sentence that is only a `warning` outside machine output.
const SHORT_SENTENCE: usize = 3;

/// Least words of a capitalised English run reported as an `error`.
const LONG_HEADING: usize = 4;

/// Whether `span` of `text` is wholly inside round brackets right after a
/// word, within `block`: a gloss or an expansion (`le prospect (top of
/// mind)`, `les LLM (large language models)`).
fn glossed(text: &str, block: Span, span: Span) -> bool {
    let before = text[block.start..span.start].trim_end();
    let after = text[span.end..block.end].trim_start();
    let (before, after) = widen_to_gloss(before, after);
    let Some(head) = before.strip_suffix('(') else {
        return false;
    };
    // A bracketed list may end with `etc.`, whose dot stands before `)`:
    // `(bash, systemd, etc.)` glosses as `(bash, systemd)` does.
    let closed =
        after.starts_with(')') || (span.slice(text).ends_with(", etc") && after.starts_with(".)"));
    head.trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && closed
}

/// Most words of a bracketed gloss whose reported span is only a part
/// (`(machine learning)`, where `machine` is French too).
const GLOSS_WORDS: usize = 5;

/// `before` and `after` of a span inside brackets, moved past the other
/// words of the bracket when those are English words too (`(machine
/// learning)`, `(knowledge base)`: the detector reports the one word French
/// lacks). Unchanged when the bracket holds anything else: a French word,
/// a mark other than a hyphen or an apostrophe, or more than
/// [`GLOSS_WORDS`] words.
fn widen_to_gloss<'t>(before: &'t str, after: &'t str) -> (&'t str, &'t str) {
    let unchanged = (before, after);
    let Some(open) = before.rfind('(') else {
        return unchanged;
    };
    let Some(close) = after.find(')') else {
        return unchanged;
    };
    let (lead, trail) = (&before[open + 1..], &after[..close]);
    if lead.trim().is_empty() && trail.trim().is_empty() {
        return unchanged;
    }
    let words: Vec<&str> = lead
        .split_whitespace()
        .chain(trail.split_whitespace())
        .collect();
    let english = |w: &str| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            && crate::lang::lexicon::zipf(crate::lang::lexicon::Lang::En, &w.to_lowercase())
                .is_some_and(|z| z >= GLOSS_ZIPF)
    };
    if words.len() >= GLOSS_WORDS || !words.iter().all(|w| english(w)) {
        return unchanged;
    }
    (before[..=open].trim_end(), after[close..].trim_start())
}

/// Least English frequency (Zipf) of the other words of a gloss.
const GLOSS_ZIPF: f32 = 3.0;

/// Whether `span` of `text` is, with at most its final mark, the whole of
/// a bracketed aside that follows no word (`… à retenir. (Read the English
/// version here.)`): English the writer set apart from the French, not a
/// gloss ([`glossed`]) nor words left inside a French sentence.
fn aside(text: &str, block: Span, span: Span) -> bool {
    let before = text[block.start..span.start].trim_end();
    let after = text[span.end..block.end]
        .trim_start_matches(['.', '!', '?', '…', ' '])
        .trim_start();
    let Some(head) = before.strip_suffix('(') else {
        return false;
    };
    !head
        .trim_end()
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
        && after.starts_with(')')
}

/// Whether `span` is the title of a work set after its author's name at
/// the start of its line, as music and book reviews head their pieces
/// (`Cosmopaark – and I can’t breathe enough : une ascension…`,
/// `Slowdive – everything is alive`): the line opens with one to four
/// capitalised words, then a dash between spaces, then the span, which the
/// line ends or a French colon, a dash or a bracket follows. The title
/// keeps its language and its own capitals, lower case included.
fn after_author(text: &str, span: Span) -> bool {
    let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let head = &text[from..span.start];
    let Some(author) = [" – ", " — ", " - "]
        .iter()
        .find_map(|dash| head.strip_suffix(dash))
    else {
        return false;
    };
    let words: Vec<&str> = author.split_whitespace().collect();
    let named = (1..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()));
    let to = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let tail = text[span.end..to].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    named && (tail.is_empty() || tail.starts_with([':', '–', '—', '(']) || tail.starts_with("- "))
}

/// How far back, in bytes, a caption's words are looked for in the prose.
const CAPTION_WINDOW: usize = 1500;

/// Most words of a line read as a caption ([`caption`]).
const CAPTION_WORDS: usize = 5;

/// Whether `span`, a short English line without English grammar, is a
/// caption echoing the prose above it: every word of it (case aside)
/// stands in the text of the lines just before (`Mir shoulder lock`
/// under a paragraph on `le inside shoulder lock` of Frank Mir; `Korean
/// Zombie twister` under `… Korean Zombie Chan Sung Jung … avec un
/// twister`). An image's caption or alternative text names what the prose
/// has just described, in the words the prose uses; a line of an English
/// interface (`Read more`, `Lately on Instagram`) does not repeat the
/// French prose above it.
fn caption(text: &str, span: Span) -> bool {
    let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    if from == 0 {
        return false;
    }
    let mut window = from.saturating_sub(CAPTION_WINDOW);
    while !text.is_char_boundary(window) {
        window += 1;
    }
    let prose = crate::text::fold(&text[window..from]);
    let prose: std::collections::HashSet<&str> = prose
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let run = crate::text::fold(span.slice(text));
    let mut words = run
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    words.peek().is_some() && words.all(|w| prose.contains(w))
}

/// A French credit label that opens a line: `Photo :`, `Photo de:`,
/// `Crédit photo :`, `Source :`, `Illustration ©`.
static CREDIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:photos?|crédits?(?: photos?)?|source|illustrations?|images?|vidéo)(?:\s+(?:de|par))?\s*(?::|©|ⓒ)",
    )
    .expect("valid regex")
});

/// Whether `span` sits on a credit line: a line opened by a copyright
/// sign (`© SM Entertainment`, `ⓒ AFP`) or by a French credit label
/// (`Photo de: Gold and Goose Photography / LAT Images / via Getty
/// Images`). What follows names photographers, agencies and rights
/// holders, in their language: no prose left untranslated. An English
/// label (`Image credit: …`) is no French credit line, and the words of the
/// line before the span must be the label alone.
fn credit_line(text: &str, span: Span) -> bool {
    let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let head = text[from..span.start].trim();
    let run = span.slice(text);
    if head.is_empty() {
        return run.starts_with(['©', 'ⓒ']);
    }
    if matches!(head, "©" | "ⓒ") {
        return true;
    }
    CREDIT_LABEL
        .find(head)
        .is_some_and(|m| head[m.end()..].trim().is_empty())
}

/// Whether `span` lies wholly inside one protected region of the text
/// layer (markup, code, an address, a file name, a number and its unit).
fn protected(ctx: &Context<'_>, span: Span) -> bool {
    let regions = ctx.doc.regions();
    let inside = |span: Span| {
        RegionKind::ALL.iter().any(|&kind| {
            regions
                .at_of(kind, span.start)
                .is_some_and(|r| r.end >= span.end)
        })
    };
    if inside(span) {
        return true;
    }
    // Over several lines of code (each line is a region of its own):
    // every line's part is code.
    let text = span.slice(ctx.text());
    text.contains('\n')
        && crate::text::lines(text)
            .map(|(at, piece)| (span.start + at, piece))
            .all(|(start, piece)| {
                let lead = piece.len() - piece.trim_start().len();
                let body = piece.trim();
                body.is_empty() || {
                    let from = start + lead;
                    regions
                        .at_of(RegionKind::Code, from)
                        .is_some_and(|r| r.end >= from + body.len())
                }
            })
}

/// Whether a short English sentence (`Have fun !`, `V for Victory ?`)
/// ends with its `!` or `?` spaced the French way: typed by a writer of
/// French on purpose; an English sentence left over keeps its English
/// typography (`Have fun!`).
fn french_typed(text: &str, span: Span, words: usize) -> bool {
    let mut after = text[span.end..].chars();
    words <= SHORT_SENTENCE
        && after
            .next()
            .is_some_and(|c| matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        && after.next().is_some_and(|c| matches!(c, '!' | '?'))
}

/// Whether the line of `span` holds a command-line option (`--installed`,
/// `--get-selections=x`): two hyphens glued to a lower-case word, which
/// neither English nor French prose writes (a dash is spaced or single).
fn command_line(text: &str, span: Span) -> bool {
    let from = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let to = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    text[from..to].split_whitespace().any(|token| {
        token.strip_prefix("--").is_some_and(|name| {
            name.starts_with(|c: char| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '=' | '_' | '.'))
        })
    })
}

/// How a finding of English grammar over a whole sentence starts.
const SENTENCE_MESSAGE: &str = "English sentence left untranslated";

/// Occurrences from which a borrowed term is the text's topic.
const TOPIC_COUNT: usize = 3;

/// Documents longer than this are not searched for topic terms (each
/// search reads the whole text).
const TOPIC_MAX_BYTES: usize = 1 << 20;

impl Rule for UntranslatedEnglish {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn options(&self) -> Option<&'static dyn OptionsSchema> {
        Some(&OPTIONS)
    }

    fn warm_up(&self) {
        english::warm_up();
        LazyLock::force(&REFERENCE_CUES);
        LazyLock::force(&ENGLISH_DATE);
        LazyLock::force(&AUTHOR);
        LazyLock::force(&EMBEDDED_POST);
    }

    /// With the source at hand, English kept on purpose is not reported:
    /// in an aligned text, a run whose words are all in the source and that
    /// is code or a quoted term (`quoted_or_code`); in a unit of a
    /// bilingual file (a program's strings, which name its commands,
    /// options and values), any code or quoted term, and a single word, an
    /// enumeration, a word in capitals or a command (followed by its
    /// arguments, a colon, or the end of the line) found as such in the
    /// source, or words of the source set side by side in another order
    /// (French order, the noun first: `slot permanent` for `permanent
    /// slot`, `options grant` for `grant options`: no English phrase but
    /// words of the source taken one by one) or one word of the source
    /// among French words the translator wrote in place of the others
    /// (`manifest distant` for `Remote manifest`), unless one of them is English
    /// the file translates as a rule elsewhere. A term the file keeps as a
    /// rule ([`Parallel::kept_terms`]) is `info`. In an aligned text, a run
    /// the source shows was copied (`Parallel::copied_english`) is an error
    /// whatever its length, and says so. The rest as without a source.
    fn check_with_source(&self, ctx: &Context<'_>, source: &Parallel<'_>, sink: &mut Sink<'_>) {
        let mut own = Sink::new(self.meta());
        let unit = source.pairing() == Pairing::Unit;
        self.check_in(ctx, source.kept_terms(), unit, &mut own);
        let copied = source.copied_english();
        let text = source.target();
        let src_words: Vec<&str> = words_in(source.source(), Span::new(0, source.source().len()))
            .iter()
            .map(|w| w.text)
            .collect();
        let src_norm = normalised(source.source());
        for f in own.into_findings() {
            let words = words_in(text, f.span);
            // A hyphenated word of the source written with another hyphen
            // (`fast‐path`, U+2010, for `fast-path`) is the source's word.
            let in_source = words.iter().all(|w| src_words.contains(&w.text))
                || src_words.contains(
                    &f.span
                        .slice(text)
                        .replace(['\u{2010}', '\u{2011}'], "-")
                        .as_str(),
                );
            let code = quoted_or_code(text, f.span);
            let unit = source.pairing() == Pairing::Unit;
            // A program's strings name its commands, options and values:
            // code or quoted terms are kept on purpose, and so are single
            // words, enumerations and capitals the source has as they are.
            // A command as a program's messages name it: followed by its
            // arguments (`git branch [<options>]`), a colon (`git apply :
            // erreur`), or ending the line.
            let next = text[f.span.end..]
                .trim_start_matches([' ', '\t'])
                .chars()
                .next();
            let command = matches!(
                next,
                None | Some('[' | '<' | '(' | '{' | '-' | '|' | ':' | '\n' | '\r')
            );
            let run = f.span.slice(text);
            let kept = if unit {
                code || byte_unit_of_source(run, source.source())
                    || quoted_terms_among_french(&words, text, f.span, source.source())
                    || spells_identifier(&words, text, source.source())
                    || (in_source
                        && (example_of_source(&words, text, f.span.start, source.source())
                            || expands_acronym_beside(text, f.span)))
                    || ((french_order(&src_norm, f.span.slice(text))
                        || one_source_word_among_french(&src_norm, f.span.slice(text)))
                        && !translated_elsewhere(source.kept_terms(), &words))
                    || (in_source
                        && (words.len() == 1
                            || command
                            || f.span.slice(text).contains(',')
                            || words.iter().any(|w| {
                                w.text.len() > 1 && !w.text.chars().any(char::is_lowercase)
                            })))
            } else {
                in_source && code
            };
            if kept {
                continue;
            }
            let upgrade = !unit;
            match copied.iter().find(|r| r.target.overlaps(f.span)) {
                Some(run) if f.severity != Severity::Info => sink.report_with_source(
                    f.span,
                    run.source,
                    if upgrade { Severity::Error } else { f.severity },
                    format!("{} (copied from the source)", f.message),
                ),
                _ => sink.push(f.span, f.message, f.severity, f.suggestion),
            }
        }
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        self.check_in(ctx, None, false, sink);
    }

    /// In a document that shows other machine-translation artefacts (or an
    /// English sentence of its own), every `warning` becomes an `error`:
    /// there, a borrowed-looking term is a leftover too.
    fn review(&self, _ctx: &Context<'_>, signals: &DocumentSignals, own: &mut [Finding]) {
        let mine = DocumentSignals::from_findings("", own);
        // English sentences are sure leftovers (dense enough: a long
        // careful text may quote one).
        let sentences = own
            .iter()
            .filter(|f| f.severity == Severity::Error && f.message.starts_with(SENTENCE_MESSAGE))
            .count();
        let leftover = sentences > 0 && signals.dense(sentences);
        if leftover || signals.machine_translated(&mine) {
            for f in own.iter_mut().filter(|f| {
                f.severity == Severity::Warning
                    || (f.severity == Severity::Info && f.message.starts_with(EXONYM_MESSAGE))
            }) {
                f.severity = Severity::Error;
            }
        }
    }
}

/// What one check is given besides the document: the options (`allow`
/// folded) and, in a unit of a bilingual file, the terms the file keeps.
#[derive(Clone, Copy)]
struct Given<'a> {
    min_words: usize,
    allow: &'a [String],
    kept: Option<&'a KeptTerms<'a>>,
    /// Whether a line holding a command-line option is a command, no
    /// prose: in an article; not in a unit of a program's strings, whose
    /// help lines describe their options in prose (`--force si vous…`).
    commands_are_code: bool,
}

impl UntranslatedEnglish {
    /// [`Rule::check`], with the terms the translators of the bilingual
    /// file being checked keep from their sources, if any.
    fn check_in(
        &self,
        ctx: &Context<'_>,
        kept: Option<&KeptTerms<'_>>,
        unit: bool,
        sink: &mut Sink<'_>,
    ) {
        let text = ctx.text();
        let options = ctx.options.get::<UntranslatedEnglishOptions>(Self::META.id);
        let allow: Vec<String> = options
            .allow
            .iter()
            .map(|w| crate::text::fold(w).into_owned())
            .collect();
        let given = Given {
            min_words: options.min_words.max(1),
            allow: &allow,
            kept,
            commands_are_code: !unit,
        };
        let given = &given;
        // Word evidence cached: in the checker's cache, kept between
        // documents, or, for a rule run alone, over the document when it is
        // large (the same findings either way; a new cache costs more than it
        // saves on a short article).
        let blocks = ctx.doc.blocks();
        match ctx.scratch {
            // A large document is cut into groups of blocks, checked on every
            // core, their findings pushed in the blocks' order: the same
            // findings as on one thread (no term is counted over the
            // document at that size, see `TOPIC_MAX_BYTES`).
            Some(scratch)
                if text.len() >= PARALLEL_FROM.max(TOPIC_MAX_BYTES + 1)
                    && rayon::current_num_threads() > 1 =>
            {
                use rayon::prelude::*;
                let groups = block_groups(blocks, GROUP_BYTES);
                // A few groups a thread at a time: the findings waiting to be
                // pushed are those of one wave.
                for wave in groups.chunks(4 * rayon::current_num_threads()) {
                    let parts: Vec<Vec<Finding>> = wave
                        .par_iter()
                        .map(|group| {
                            let mut part = Sink::new(&Self::META);
                            scratch.with_word_scores(|scores| {
                                self.find(ctx, given, group, Some(scores), &mut part)
                            });
                            part.into_findings()
                        })
                        .collect();
                    for f in parts.into_iter().flatten() {
                        sink.push(f.span, f.message, f.severity, f.suggestion);
                    }
                }
            }
            Some(scratch) => {
                scratch.with_word_scores(|scores| self.find(ctx, given, blocks, Some(scores), sink))
            }
            None => {
                let mut scores =
                    (text.len() >= CACHE_FROM_BYTES).then(english::WordScores::default);
                self.find(ctx, given, blocks, scores.as_mut(), sink)
            }
        }
    }

    /// The findings of [`Rule::check`] in `blocks`, with the word evidence
    /// cached in `scores` when given.
    fn find(
        &self,
        ctx: &Context<'_>,
        given: &Given<'_>,
        blocks: &[Span],
        mut scores: Option<&mut english::WordScores>,
        sink: &mut Sink<'_>,
    ) {
        let text = ctx.text();
        let Given {
            min_words,
            allow,
            kept,
            commands_are_code,
        } = *given;
        let evidence = Evidence::default();
        let mut terms = TermCounts::new(ctx.doc);
        for block in blocks {
            let block_text = block.slice(text);
            let mut embedded_post = None;
            let spans = match scores.as_deref_mut() {
                Some(scores) => english::english_spans_cached(block_text, &evidence, allow, scores),
                None => english::english_spans_with(block_text, &evidence, allow),
            };
            // English names of countries and languages in a selector or an
            // address (`Ljubljana, Slovenia`): `info`, an error in machine
            // output (see `review`).
            for name in english::english_exonyms(block_text) {
                let span = name.shift(block.start);
                if spans.iter().any(|f| f.span.overlaps(name)) || protected(ctx, span) {
                    continue;
                }
                let shown = excerpt(span.slice(text));
                sink.push(
                    span,
                    format!("{EXONYM_MESSAGE}: “{shown}”"),
                    Severity::Info,
                    None,
                );
            }
            for found in spans {
                if found.words < min_words {
                    continue;
                }
                let span = found.span.shift(block.start);
                // Inside an address, a file name or a number with its unit
                // (`pic.twitter.com/…`, `4 500 mAh`): no prose.
                if protected(ctx, span) {
                    continue;
                }
                // A command with a long option on its line (`dpkg
                // --get-selections`): code, not prose.
                if commands_are_code && command_line(text, span) {
                    continue;
                }
                let shown = excerpt(span.slice(text));
                let sentences = ctx.doc.sentences();
                let k = sentences.partition_point(|s| s.span.end <= span.start);
                let reference = sentences
                    .get(k)
                    .is_some_and(|s| in_reference(text, s.span, span));
                let cited = quoted(text, *block, span)
                    || *embedded_post.get_or_insert_with(|| embedded_post_in(block_text));
                let credit = !reference && !cited && credit_line(text, span);
                let authored = !reference && !cited && after_author(text, span);
                let captioned = !reference
                    && !cited
                    && found.line
                    && !found.syntax
                    && found.words <= CAPTION_WORDS
                    && caption(text, span);
                // A borrowed term (no English grammar) the text keeps using.
                let topic = !found.syntax
                    && !found.line
                    && text.len() <= TOPIC_MAX_BYTES
                    && terms.count(span.slice(text)) >= TOPIC_COUNT;
                // A title that heads a section and that the section's
                // prose names (`Into the Breach` above `… en sortant Into
                // the Breach, un titre …`).
                let headed = !reference
                    && !cited
                    && text.len() <= TOPIC_MAX_BYTES
                    && terms.heading_and_prose(span.slice(text));
                // A term the file's translators keep from the source unit
                // after unit (a catalogue's glossary: `trigger`, `slot`).
                let glossary = if found.syntax {
                    None
                } else {
                    kept.and_then(|k| k.term_use(span.slice(text)))
                        .filter(TermUse::is_glossary)
                };
                let (severity, message) = if reference {
                    (
                        Severity::Info,
                        format!("English title in a reference, as published: “{shown}”"),
                    )
                } else if cited {
                    (
                        Severity::Info,
                        format!("English quoted as said or written: “{shown}”"),
                    )
                } else if authored {
                    (
                        Severity::Warning,
                        format!("English title of a work after its author’s name: “{shown}”"),
                    )
                } else if captioned {
                    (
                        Severity::Info,
                        format!("English caption naming what the text above describes: “{shown}”"),
                    )
                } else if credit {
                    (
                        Severity::Info,
                        format!("English names on a credit line: “{shown}”"),
                    )
                } else if topic {
                    (
                        Severity::Info,
                        format!("English term the text is about, used throughout: “{shown}”"),
                    )
                } else if headed {
                    (
                        Severity::Info,
                        format!("English title of a section, named in its text: “{shown}”"),
                    )
                } else if let Some(used) = glossary {
                    (
                        Severity::Info,
                        format!(
                            "English term the translators keep from the source ({} of {} units): “{shown}”",
                            used.kept, used.in_source
                        ),
                    )
                } else if glossed(text, *block, span) {
                    (
                        Severity::Info,
                        format!("English gloss in brackets: “{shown}”"),
                    )
                } else if found.whole_sentence && (found.syntax || !found.capitalised) {
                    // A short sentence in a careful text may be a quotation
                    // without its marks (`Everything is connected.`); a
                    // title-case run sharing its line with French is the
                    // title of a work (`Finaliste : The Legend of Time`); a
                    // sentence that is a whole bracketed aside was set apart
                    // on purpose (a link to the page in English, a line of a
                    // song).
                    let short = found.words <= SHORT_SENTENCE && !found.line;
                    let title = found.capitalised && !found.line;
                    let set_apart = aside(text, *block, span);
                    (
                        strong_or_weak(
                            ((found.syntax && !short && !title) || found.line)
                                && !set_apart
                                && !french_typed(text, span, found.words),
                        ),
                        format!("{SENTENCE_MESSAGE}: “{shown}”"),
                    )
                } else if found.words >= 2 {
                    // A long title-case run of generic words without
                    // grammar is a heading or a label left in English
                    // (`Folding Camp Chair Extra Large`), no name.
                    let heading = found.capitalised && !found.syntax && found.words >= LONG_HEADING;
                    // Title-case words with English grammar inside French
                    // name a work or an event (`fêter May the Fourth`).
                    let title = found.capitalised && !found.line;
                    (
                        strong_or_weak(
                            ((found.syntax && !title)
                                || (found.line && !found.capitalised)
                                || heading)
                                && !french_typed(text, span, found.words),
                        ),
                        format!("English words left untranslated: “{shown}”"),
                    )
                } else {
                    (
                        Severity::Warning,
                        format!("English word left untranslated: “{shown}”"),
                    )
                };
                sink.push(span, message, severity, None);
            }
        }
    }
}

/// Whether the words of `run` (a run of a unit's target) stand side by side
/// in the unit's source, `source` ([`normalised`] words), in another order
/// and never in theirs: the translator set the source's words in French
/// order (`slot permanent` for `permanent slot`, `trigger BEFORE` for
/// `BEFORE trigger`), which English does not write. Each is a word of the
/// source on its own, not an English phrase left over.
fn french_order(source: &[String], run: &str) -> bool {
    let run = normalised(run);
    let n = run.len();
    if n < 2 || n > source.len() {
        return false;
    }
    let mut sorted = run.clone();
    sorted.sort_unstable();
    let mut other_order = false;
    for w in source.windows(n) {
        if w == run.as_slice() {
            return false;
        }
        let mut w = w.to_vec();
        w.sort_unstable();
        other_order |= w == sorted;
    }
    other_order
}

/// Whether `run` (a run of a unit's target) is one word of the unit's
/// source, `source` ([`normalised`] words), among words the translator
/// wrote: French words (Zipf 3 or more in French) that are no word of the
/// source (`manifest distant` for `Remote manifest`, `Legal portrait` for
/// `legal port.`). English left over in a unit comes from its source; what
/// is left of it here is a single word kept, as units keep single words of
/// their source.
fn one_source_word_among_french(source: &[String], run: &str) -> bool {
    let run = normalised(run);
    let from_source = run.iter().filter(|w| source.contains(w)).count();
    run.len() >= 2
        && from_source == 1
        && run.iter().filter(|w| !source.contains(w)).all(|w| {
            w.chars().all(char::is_alphabetic)
                && crate::lang::lexicon::zipf(crate::lang::lexicon::Lang::Fr, w)
                    .is_some_and(|z| z >= 3.0)
        })
}

/// Whether the words of a run of a unit's target (`words`, in `target`'s
/// `span`) are terms quoted as the unit's `source` quotes them (a program's
/// argument, option or value names: `'category'`, `‘make.names’`) and
/// French words around them (`argument 'category' incorrect` for `invalid
/// 'category' argument`, `mode de 'by' incorrect`): no English phrase, but
/// names the program reads, among words French shares with English
/// (`argument`, `incorrect`, `type`). A quoted term the source does not
/// quote, or an English word outside the quotes (`the 'category' argument`),
/// is still reported.
fn quoted_terms_among_french(words: &[Word<'_>], target: &str, span: Span, source: &str) -> bool {
    let line_start = target[..span.start].rfind('\n').map_or(0, |p| p + 1);
    let line_end = target[span.end..]
        .find('\n')
        .map_or(target.len(), |p| span.end + p);
    let quoted: Vec<Span> = quoted_spans(&target[line_start..line_end])
        .into_iter()
        .map(|q| Span::new(line_start + q.start, line_start + q.end))
        .filter(|q| {
            let term = q.slice(target);
            q.overlaps(span) && (quoted_in(source, term) || word_of(source, term))
        })
        .collect();
    if quoted.is_empty() {
        return false;
    }
    let mut outside = 0;
    for w in words {
        if quoted.iter().any(|q| q.overlaps(w.span)) {
            continue;
        }
        outside += 1;
        let lower = w.text.to_lowercase();
        if english_not_french(w.text)
            || !crate::lang::lexicon::zipf(crate::lang::lexicon::Lang::Fr, &lower)
                .is_some_and(|z| z >= 3.0)
        {
            return false;
        }
    }
    outside > 0
}

/// Opening quotation marks and the marks that may close them.
const QUOTE_PAIRS: [(char, &[char]); 4] = [
    ('\'', &['\'', '’']),
    ('‘', &['’', '\'']),
    ('"', &['"', '”']),
    ('“', &['”', '"']),
];

/// The insides of the quotations of `line` (straight or curly, single or
/// double; an apostrophe between two letters is no quotation mark), as
/// spans of `line`.
fn quoted_spans(line: &str) -> Vec<Span> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let between_letters = |k: usize| {
        k > 0
            && chars[k - 1].1.is_alphabetic()
            && chars.get(k + 1).is_some_and(|&(_, c)| c.is_alphabetic())
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        let Some((_, closers)) = QUOTE_PAIRS.iter().find(|(o, _)| *o == c) else {
            k += 1;
            continue;
        };
        if matches!(c, '\'' | '’') && between_letters(k) {
            k += 1;
            continue;
        }
        let start = at + c.len_utf8();
        let close =
            (k + 1..chars.len()).find(|&j| closers.contains(&chars[j].1) && !between_letters(j));
        match close {
            Some(j) => {
                if chars[j].0 > start {
                    out.push(Span::new(start, chars[j].0));
                }
                k = j + 1;
            }
            None => k += 1,
        }
    }
    out
}

/// Whether `term` is one word (letters, digits, `.`, `_`) that `source`
/// has as a whole word: a name the translator put in quotation marks
/// (`argument 'filename' incorrect` for `invalid filename argument`).
fn word_of(source: &str, term: &str) -> bool {
    let name = |c: char| c.is_alphanumeric() || matches!(c, '.' | '_');
    !term.is_empty()
        && term.chars().all(name)
        && source.match_indices(term).any(|(i, _)| {
            !source[..i].chars().next_back().is_some_and(name)
                && !source[i + term.len()..].chars().next().is_some_and(name)
        })
}

/// Whether `term` stands between quotation marks in `source`.
fn quoted_in(source: &str, term: &str) -> bool {
    let is_quote = |c: char| matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”' | '`');
    !term.trim().is_empty()
        && source.match_indices(term).any(|(i, _)| {
            source[..i].chars().next_back().is_some_and(is_quote)
                && source[i + term.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_quote)
        })
}

/// Whether `run` is the French symbol of a byte multiple (`ko`, `Mo`, `Go`,
/// `To`, `Po`, `Kio`, `Mio`…) standing for the source's (`kB`, `MB`, `TB`,
/// `KiB`…): `To` for `TB` is the téraoctet, no English `to`. French also
/// writes the decimal symbol for a binary multiple (`To` for `TiB`).
fn byte_unit_of_source(run: &str, source: &str) -> bool {
    let Some(stem) = run.trim().strip_suffix('o') else {
        return false;
    };
    let n = stem.chars().count();
    (1..=2).contains(&n)
        && stem.chars().all(|c| c.is_ascii_alphabetic())
        && source.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| {
            let w = if n == 1 && w.len() == 3 && w.ends_with("iB") {
                w.replacen("iB", "B", 1)
            } else {
                w.to_string()
            };
            w.len() == n + 1 && w.ends_with('B') && w[..n].eq_ignore_ascii_case(stem)
        })
}

/// Whether the words of a run spell an identifier of the unit, joined by
/// `_` or `.` (`cleaner id` beside `{cleaner_id}`, `data frame` for R's
/// `data.frame`): the name of a variable, a class or a key the message
/// talks about, written as words.
fn spells_identifier(words: &[Word<'_>], target: &str, source: &str) -> bool {
    if words.len() < 2 {
        return false;
    }
    let lower: Vec<String> = words.iter().map(|w| w.text.to_lowercase()).collect();
    ["_", "."]
        .iter()
        .any(|sep| spells_joined(&lower.join(sep), target, source))
}

/// Whether `joined` stands in `target` or `source` as a whole token.
fn spells_joined(joined: &str, target: &str, source: &str) -> bool {
    let holds = |t: &str| {
        t.to_lowercase().match_indices(joined).any(|(i, m)| {
            let lower = t.to_lowercase();
            let before = lower[..i].chars().next_back();
            let after = lower[i + m.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    holds(target) || holds(source)
}

/// Whether the run at `start` of a unit's target follows an example's
/// label (`Exemple : list functions.`, `(exemple : help save)`) in a unit
/// whose source gives an example too (`Example:`, `e.g.`), and holds no
/// English function word: what follows is typed as it is, a command and
/// its arguments (an English sentence there is still prose left over).
fn example_of_source(words: &[Word<'_>], target: &str, start: usize, source: &str) -> bool {
    static EN_FUNCTION: LazyLock<std::collections::HashSet<&'static str>> =
        LazyLock::new(|| crate::data::FUNCTION_WORDS.class("en").collect());
    if words
        .iter()
        .any(|w| EN_FUNCTION.contains(w.text.to_lowercase().as_str()))
    {
        return false;
    }
    let spaces = [' ', '\u{a0}', '\u{202f}'];
    let before = target[..start].trim_end_matches(spaces);
    let Some(label) = before.strip_suffix(':') else {
        return false;
    };
    let label = label.trim_end_matches(spaces).to_lowercase();
    let word = label
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let source = source.to_lowercase();
    matches!(word, "exemple" | "exemples" | "ex")
        && (source.contains("example") || source.contains("e.g."))
}

/// Whether the run at `span` is the expansion of an acronym written beside
/// it in brackets, after it (`Adaptive Load Balancing (alb)`) or before it
/// (`"aui" (Attachment Unit Interface)`): a standard's name with its
/// abbreviation, cited as the source gives it. The acronym is the
/// initials of the run's last words (two or more).
fn expands_acronym_beside(text: &str, span: Span) -> bool {
    let mut words: Vec<&str> = words_in(text, span).iter().map(|w| w.text).collect();
    let bare = |t: &str| -> String {
        t.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut acronyms: Vec<String> = Vec::new();
    // Inside the run: its last word, in an opening bracket.
    if let Some(last) = words.last().copied() {
        let at = span.slice(text).rfind(last).map(|i| span.start + i);
        if at.is_some_and(|i| text[..i].ends_with('(')) {
            acronyms.push(bare(last));
            words.pop();
        }
    }
    // After the run: ` (alb)`.
    let after = text[span.end..].trim_start();
    if let Some(rest) = after.strip_prefix('(')
        && let Some(close) = rest.find(')')
    {
        acronyms.push(bare(&rest[..close]));
    }
    // Before it: `"aui" (`.
    if let Some(before) = text[..span.start].trim_end().strip_suffix('(') {
        let token = before
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        acronyms.push(bare(token));
    }
    let initials: String = words
        .iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect();
    acronyms.iter().any(|a| {
        let n = a.chars().count();
        (2..=6).contains(&n)
            && a.chars().all(|c| c.is_alphabetic())
            && initials.ends_with(a.as_str())
            && initials.chars().count() >= n
    })
}

/// Whether one of `words` is English (not French) and a term the file's
/// translators translate as a rule ([`TermUse::is_translated`]): where it
/// stays, even among words set in French order, it is left over (`ID group
/// thread` in a file that writes `groupe`).
fn translated_elsewhere(kept: Option<&KeptTerms<'_>>, words: &[Word<'_>]) -> bool {
    let Some(kept) = kept else {
        return false;
    };
    words.iter().any(|w| {
        english_not_french(&crate::text::fold(w.text))
            && kept.term_use(w.text).is_some_and(|u| u.is_translated())
    })
}

/// `error` for English grammar or an interface line; `warning` for what a
/// careful writer might borrow (a term, a title-like run), which
/// [`UntranslatedEnglish::review`] makes an error in machine output.
fn strong_or_weak(strong: bool) -> Severity {
    if strong {
        Severity::Error
    } else {
        Severity::Warning
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleOptions;
    use crate::rule::testing::{assert_clean, assert_marked, assert_unit_clean, run, run_with};

    #[test]
    fn what_a_programs_unit_types_or_names_as_its_source_does_is_kept() {
        use crate::rule::testing::unit_texts;
        let rule = &UntranslatedEnglish;
        for (source, target) in [
            // The command of a synopsis, before its arguments in braces.
            (
                "Usage: netctl link prune { ARGUMENTS | help }",
                "Syntaxe : netctl link prune { ARGUMENTS | help }",
            ),
            // Commands quoted TeX's way.
            (
                "For details type `show license'.",
                "Pour plus de détails, tapez `show license'.",
            ),
            // An example after its label, as the source gives it.
            ("Example: list countries.", "Exemple : list countries."),
            // The symbol of a terabyte.
            ("TB", "To"),
            // The French decimal symbol for a binary multiple.
            ("TiB", "To"),
            // A word of the source, written with another hyphen.
            ("Turn off fast-path", "Désactiver le mode fast\u{2010}path"),
            // The words of an identifier of the unit.
            (
                "Bad value for the fetch mode = {fetch_mode}",
                "Valeur non valide pour fetch mode = {fetch_mode}",
            ),
            (
                "'data' must be a data.frame or a list",
                "'data' doit être un data frame ou une liste",
            ),
            // A standard's name next to its acronym.
            (
                "One of \"tp\" (Twisted Pair) or \"fdi\" (Fibre Distributed Interface).",
                "Un de \"tp\" (paire torsadée) ou \"fdi\" (Fibre Distributed Interface).",
            ),
        ] {
            assert_unit_clean(rule, source, target);
        }
        // English prose of the source left in the target is still reported,
        // after a label, beside brackets or quoted the same way.
        for (source, target, found) in [
            (
                "Example: this removes the stale entries.",
                "Exemple : this removes the stale entries.",
                "this removes the stale entries",
            ),
            (
                "The hello time, in seconds.",
                "Le hello time, en secondes.",
                "hello time",
            ),
        ] {
            assert_eq!(unit_texts(rule, source, target), [found], "{target}");
        }
        assert!(byte_unit_of_source("Kio", "4 KiB"));
        assert!(!byte_unit_of_source("To", "Go to"));
        assert!(byte_unit_of_source("To", "TiB"));
        assert!(!byte_unit_of_source("To", "GiB"));
        assert!(expands_acronym_beside(
            "Balancing Load Adaptive (bla)",
            Span::new(0, 23)
        ));
        assert!(!expands_acronym_beside(
            "Balancing Load Adaptive (xyz)",
            Span::new(0, 23)
        ));
    }

    #[test]
    fn names_quoted_as_the_source_quotes_them_among_french_are_kept() {
        use crate::rule::testing::unit_texts;
        let rule = &UntranslatedEnglish;
        for (source, target) in [
            (
                "invalid 'category' argument",
                "argument 'category' incorrect",
            ),
            ("invalid mode for 'by'", "mode de 'by' incorrect"),
            (
                "invalid 'row.names', length %d",
                "‘row.names’ incorrect, longueur %d",
            ),
        ] {
            assert_unit_clean(rule, source, target);
        }
        // English around the quoted name, or a name the source does not
        // quote, is still English left over.
        assert_eq!(
            unit_texts(
                rule,
                "invalid 'category' argument",
                "the 'category' argument is wrong"
            )
            .len(),
            1
        );
        assert_eq!(
            unit_texts(
                rule,
                "invalid kind argument",
                "argument 'category' incorrect"
            )
            .len(),
            1
        );
        // A word of the source the translator quoted as a name.
        assert_unit_clean(
            rule,
            "invalid filename argument",
            "argument 'filename' incorrect",
        );
        assert_eq!(
            quoted_spans("l'argument 'a' et “b” puis \"c"),
            [Span::new(12, 13), Span::new(21, 22)]
        );
    }

    #[test]
    fn one_word_of_the_source_among_french_words_is_a_word_kept() {
        let source = normalised("Fatal Error: Remote manifest does not match local one.");
        // `distant`, the translator's French for `Remote`.
        assert!(one_source_word_among_french(&source, "manifest distant"));
        // Two words of the source; a word that is neither the source's
        // nor French.
        assert!(!one_source_word_among_french(&source, "remote manifest"));
        assert!(!one_source_word_among_french(&source, "manifest remoted"));
        assert!(!one_source_word_among_french(&source, "manifest"));
        let source = normalised("legal port.");
        assert!(one_source_word_among_french(&source, "Legal portrait"));
    }

    #[test]
    fn embedded_posts_found_as_the_regex_finds_them() {
        for (text, post) in [
            ("— Une artiste (@artiste) 4 mars 2021", true),
            ("Voir https://t.co/abc123 pour la suite.", true),
            ("pic.twitter.com/xyz", true),
            ("@marque x @artiste are back", true),
            ("Écrivez-nous à contact@exemple.fr, merci.", false),
            (
                "Un texte sans arobase ni lien, avec des accents : été.",
                false,
            ),
            ("", false),
        ] {
            assert_eq!(embedded_post_in(text), post, "{text}");
            assert_eq!(EMBEDDED_POST.is_match(text), post, "{text}");
        }
    }

    #[test]
    fn flags_english_runs() {
        assert_marked(
            &UntranslatedEnglish,
            "⟦Delhi Confidential : Snap, chat in Lok Sabha Apply Christmas⟧ 🎄 code promo",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Fin de l'article.\n\n⟦Exit mobile version⟧",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Le ministre a déclaré que ⟦the situation was extremely difficult⟧ dans la région.",
        );
    }

    #[test]
    fn a_title_heading_its_section_and_named_in_it_is_info() {
        let page = "Nos coups de cœur de l'été.\n\nWinds of the Valley\n\n\
                    Le petit studio a surpris tout le monde en sortant Winds of the Valley, \
                    un jeu de stratégie exigeant.\n\n\
                    Beyond: The Long Road\n\n\
                    Avec Beyond, l'équipe signe une aventure courte mais touchante.\n";
        let found = run(&UntranslatedEnglish, page);
        assert!(!found.is_empty());
        assert!(
            found.iter().all(|f| f.severity == Severity::Info),
            "{found:?}"
        );
    }

    #[test]
    fn an_english_line_the_prose_never_names_stays_reported() {
        // An interface label repeated on lines of its own, never inside a
        // French sentence.
        let page = "Le maire a annoncé sa démission hier soir devant le conseil.\n\n\
                    Read the full story\n\n\
                    Le conseil municipal se réunira lundi pour désigner son successeur.\n\n\
                    Read the full story\n";
        let found = run(&UntranslatedEnglish, page);
        assert!(
            found.iter().any(|f| f.severity == Severity::Error),
            "{found:?}"
        );
        // A heading whose words the prose does not name.
        let page = "Nos coups de cœur de l'été.\n\nWinds of the Valley\n\n\
                    Le petit studio a surpris tout le monde avec un jeu de stratégie exigeant.\n";
        let found = run(&UntranslatedEnglish, page);
        assert!(
            found.iter().any(|f| f.severity == Severity::Error),
            "{found:?}"
        );
    }

    #[test]
    fn an_english_sentence_set_apart_in_brackets_is_a_warning() {
        let found = run(
            &UntranslatedEnglish,
            "Voici ce qu'il faut retenir de la semaine. (Read the English version of this page here.)",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
        // Inside a French sentence, the same words are an error.
        let found = run(
            &UntranslatedEnglish,
            "Voici ce qu'il faut retenir, read the English version of this page here, pour la semaine.",
        );
        assert!(
            found.iter().any(|f| f.severity == Severity::Error),
            "{found:?}"
        );
    }

    #[test]
    fn a_short_english_line_spaced_the_french_way_is_a_warning() {
        for text in [
            "Le titan arrive.\nV for Victory ?\nLe titan en question, c'est Vitality.",
            "Voilà pour ce guide.\nHave fun !\nÀ bientôt pour la suite.",
        ] {
            let found = run(&UntranslatedEnglish, text);
            assert!(!found.is_empty(), "{text}");
            assert!(
                found.iter().all(|f| f.severity == Severity::Warning),
                "{text}: {found:?}"
            );
        }
        // English typography: left over, an error.
        let found = run(
            &UntranslatedEnglish,
            "Voilà pour ce guide.\nHave fun with it!\nÀ bientôt pour la suite.",
        );
        assert!(
            found.iter().any(|f| f.severity == Severity::Error),
            "{found:?}"
        );
    }

    #[test]
    fn a_bracketed_list_closed_by_etc_is_a_gloss_only_in_brackets() {
        let f = run(
            &UntranslatedEnglish,
            "Des outils système (bash, systemd, etc.) pour le noyau et la suite.",
        );
        assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:?}");
        // Outside brackets, English grammar before `etc.` stays an error.
        let f = run(
            &UntranslatedEnglish,
            "Il a dit que the plan is ready for the team, etc. et la suite.",
        );
        assert!(f.iter().any(|f| f.severity == Severity::Error), "{f:?}");
    }

    #[test]
    fn a_command_with_a_long_option_is_code() {
        assert_clean(
            &UntranslatedEnglish,
            "Pour lister les paquets :\n\napt list --installed\n\nPour vérifier un paquet.",
        );
        // The same words without the option are an English line.
        let found = run(
            &UntranslatedEnglish,
            "Pour lister les paquets :\n\nlist the installed packages\n\nPour vérifier un paquet.",
        );
        assert!(!found.is_empty());
        // A spaced double hyphen is a dash, not an option.
        let found = run(
            &UntranslatedEnglish,
            "Il a dit -- read the English version of this page here -- pour la semaine.",
        );
        assert!(!found.is_empty());
        // In a unit of a program's strings, a help line describes its option
        // in prose: English left in it is still reported.
        let found = crate::rule::testing::run_unit(
            &UntranslatedEnglish,
            "Pass --force if you really want to send.",
            "Passez --force is vous souhaitez vraiment envoyer.",
        );
        assert!(!found.is_empty());
    }

    #[test]
    fn names_on_a_credit_line_are_info() {
        for text in [
            "Les groupes se lancent.\n\nⓒ SM Entertainment\n\nLe public suit.",
            "La chute au virage 8.\nPhoto de: Gold and Goose Photography / LAT Images / via Getty Images\nLe pilote revient.",
            "Le départ.\nCrédit photo : Rick Scuteri for the New York Daily\nFin.",
        ] {
            let f = run(&UntranslatedEnglish, text);
            assert!(
                f.iter().all(|f| f.severity == Severity::Info),
                "{text:?}: {:?}",
                f.iter()
                    .map(|f| (f.span.slice(text), f.severity))
                    .collect::<Vec<_>>()
            );
        }
        // An English label opens no French credit line, and a French label
        // inside a sentence is prose.
        let text = "Le départ.\nImage credit: all the photos were taken by the team\nFin.";
        assert!(
            run(&UntranslatedEnglish, text)
                .iter()
                .any(|f| f.severity > Severity::Info)
        );
        let text = "La photo montre que the team was ready for the game.";
        assert!(
            run(&UntranslatedEnglish, text)
                .iter()
                .any(|f| f.severity > Severity::Info)
        );
    }

    #[test]
    fn a_caption_echoing_the_prose_above_is_info() {
        let text = "Le Coréen s’empressait de le finaliser avec un twister, face à Korean Zombie.\n\nKorean Zombie twister\n\nLa même année, Nick Pace faisait ses débuts.";
        let f = run(&UntranslatedEnglish, text);
        assert!(
            f.iter()
                .filter(|f| f.span.slice(text) == "Korean Zombie twister")
                .all(|f| f.severity == Severity::Info),
            "{:?}",
            f.iter()
                .map(|f| (f.span.slice(text), f.severity))
                .collect::<Vec<_>>()
        );
        // A line of an English interface the prose never uses stays reported.
        let text = "Le Coréen s’empressait de le finaliser avec un twister.\n\nFollow our live coverage\n\nLa même année.";
        assert!(
            run(&UntranslatedEnglish, text)
                .iter()
                .any(|f| f.severity > Severity::Info)
        );
    }

    /// `name` gets no `error` (a warning at most); `prose`, the same
    /// English written as a sentence, gets one.
    fn a_warning_at_most_here_an_error_there(name: &str, prose: &str) {
        let f = run(&UntranslatedEnglish, name);
        assert!(
            f.iter().all(|f| f.severity <= Severity::Warning),
            "{:?}",
            f.iter()
                .map(|f| (f.span.slice(name), f.severity))
                .collect::<Vec<_>>()
        );
        assert!(
            run(&UntranslatedEnglish, prose)
                .iter()
                .any(|f| f.severity == Severity::Error)
        );
    }

    #[test]
    fn a_title_after_its_authors_name_is_a_warning() {
        let text = "Chroniques\nCosmopaark – and I can’t breathe enough : une ascension vers de nouveaux horizons\nAvec leur premier album, les Bordelais s’imposent.";
        // The same words after a French word and a dash are prose.
        let prose = "Chroniques\nLe groupe revient – and I can’t breathe enough without them, says the singer\nFin.";
        a_warning_at_most_here_an_error_there(text, prose);
    }

    #[test]
    fn a_title_that_leaves_is_in_lower_case_is_a_title() {
        let text =
            "Le film de l’acteur Akshay Kumar, Gabbar is Back, est le seul à avoir gagné plus.";
        // In sentence case, the same words are English grammar left over.
        let prose = "Le film de l’acteur, Gabbar is back in town, est le seul à avoir gagné plus.";
        a_warning_at_most_here_an_error_there(text, prose);
    }

    #[test]
    fn a_title_that_leaves_a_short_preposition_in_lower_case_is_a_name() {
        // English titles and the names of horses or songs leave `at`,
        // `with`, `from`, `into` in lower case between capitals.
        let text = "Il s’est imposé avec deux longueurs d’avance sur Walkin at Dawn, 2e, et Rain from Heaven, 3e.";
        // In sentence case, the same words are English grammar left over.
        let prose =
            "Il s’est imposé, walkin at dawn with the others, avec deux longueurs d’avance.";
        a_warning_at_most_here_an_error_there(text, prose);
    }

    #[test]
    fn indian_units_and_band_words_are_loanwords() {
        assert_clean(
            &UntranslatedEnglish,
            "Le film totalise 47,54 crores en Inde, soit 4 754 lakhs ; les boys bands et le girls band de la k-pop ; un album de dream pop.",
        );
    }

    #[test]
    fn leaves_names_titles_and_loanwords_alone() {
        assert_clean(
            &UntranslatedEnglish,
            "Cet article a été initialement publié dans le New York Times.",
        );
        assert_clean(
            &UntranslatedEnglish,
            "Le porte-parole du Kremlin, Dmitri Peskov, a rejeté les spéculations.",
        );
        assert_clean(
            &UntranslatedEnglish,
            "Les travaux de Banksy près de Kyiv ont inspiré l'Ukraine.",
        );
        assert_clean(
            &UntranslatedEnglish,
            "Ce week-end, la start-up a lancé un podcast sur le Covid et le parking.",
        );
    }

    #[test]
    fn leaves_titles_loanwords_and_quoted_names_alone() {
        for text in [
            "Le festival South by Southwest s'est ouvert à Austin, au Texas.",
            "Le single Shape of You d'Ed Sheeran reste le plus écouté sur Spotify.",
            "Ce produit est un must pour les fans.",
            "Il a fait son coming out en direct sur le plateau de The Voice.",
            "When Harry Met Sally est un film culte.",
            "Voir <a href=\"https://www.example.com/news/breaking-story\" class=\"link\">l'article</a>.",
            "Écrire à press@newsroom.example.com ou lire le fichier user_guide_final.pdf ici.",
            "Les clients de la Bank of Scotland obtiennent un taux fixe.",
            "Il a enregistré une chanson sur son album « Over My Head » (1994).",
            "Le gouvernement local est la « City of Cape Town », une municipalité.",
            "Mais il semble que BA and IAG ont trouvé la solution.",
            "Selon le Washington Post, Joe Biden a signé l'Inflation Reduction Act mardi.",
            "Elle a regardé Breaking Bad et The Crown sur Netflix pendant le week-end.",
            "L'acide n'interagit pas avec les enzymes du cytochrome P450 humain in vitro.",
        ] {
            assert_clean(&UntranslatedEnglish, text);
        }
    }

    #[test]
    fn a_gloss_is_the_whole_bracket_even_when_part_of_it_is_french_too() {
        let text = "L'apprentissage automatique (machine learning) progresse. \
                    Une base de connaissances (knowledge base) aide l'équipe.";
        let f = run(&UntranslatedEnglish, text);
        assert!(!f.is_empty(), "{f:?}");
        assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:?}");
        // A French word in the bracket: no gloss, words left in a sentence.
        let f = run(
            &UntranslatedEnglish,
            "Le rapport (voir le dernier shipping manifest) est arrivé.",
        );
        assert!(f.iter().any(|f| f.severity > Severity::Info), "{f:?}");
    }

    #[test]
    fn flags_english_sentences_and_ui_labels() {
        assert_marked(
            &UntranslatedEnglish,
            "Le ministre a dit : « ⟦We will never surrender⟧ ».",
        );
        assert_marked(
            &UntranslatedEnglish,
            "⟦Read more⟧: Le gouvernement annonce des mesures.",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Les deux équipes ⟦They will play on Saturday⟧ au stade.",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Fin.\n\n⟦Click here to subscribe to our newsletter⟧",
        );
        assert_marked(
            &UntranslatedEnglish,
            "Fin de l'article.\n\n⟦Subscribe⟧\n\nContact",
        );
        let f = run(
            &UntranslatedEnglish,
            "Fin.\n\nClick here to subscribe to our newsletter",
        );
        assert!(f[0].message.starts_with("English sentence"));
    }

    #[test]
    fn a_single_word_is_a_warning() {
        let f = run(
            &UntranslatedEnglish,
            "Le rapport, which est clair, sera publié hier.",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0].span
                .slice("Le rapport, which est clair, sera publié hier."),
            "which"
        );
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn long_runs_are_shown_as_an_excerpt() {
        let text = "Le président a parlé. The quick brown fox jumps over the lazy dog. It was a bright cold day in April, and the clocks were striking thirteen. Puis il est parti.";
        let f = run(&UntranslatedEnglish, text);
        assert_eq!(f.len(), 1);
        assert_eq!(
            f[0].span.slice(text),
            "The quick brown fox jumps over the lazy dog. It was a bright cold day in April, and the clocks were striking thirteen"
        );
        assert!(
            f[0].message
                .contains("The quick brown fox jumps over the lazy dog. It … striking thirteen"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn severity_follows_length() {
        let f = run(
            &UntranslatedEnglish,
            "Il a dit que the situation was very bad hier.",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].suggestion.is_none());
        assert!(f[0].message.contains("the situation was very bad"));
    }

    #[test]
    fn english_titles_in_references_are_info() {
        for text in [
            "Sources\n\n- (en) Jane Doe, How the war was sold to the public, The Observer, 2003.",
            "- ^ Why the markets panicked last week. Daily Planet. Consulté le 12 mars 2020.",
            "- Sam Lee, What we learned from the floods, The Courier, March 3, 2019.",
            "Voir aussi : Crime and Punishment in the Digital Age, ISBN 978-0-00-000000-0.",
        ] {
            let f = run(&UntranslatedEnglish, text);
            assert!(!f.is_empty(), "{text}");
            assert!(
                f.iter().all(|f| f.severity == Severity::Info),
                "{text}: {f:?}"
            );
            assert!(f[0].message.starts_with("English title in a reference"));
        }
    }

    #[test]
    fn english_outside_references_stays_an_error() {
        // A date, or an author, without the rest of a citation.
        for text in [
            "- Putin says the West wants to destroy Russia, October 4, 2022",
            "Le ministre a dit que the situation was very bad, de Paris à Lyon.",
            "Must Read\n\nPutin threatens Poland over the Wagner group in Belarus",
        ] {
            let f = run(&UntranslatedEnglish, text);
            assert!(
                f.iter().any(|f| f.severity == Severity::Error),
                "{text}: {f:?}"
            );
        }
    }

    /// Runs the whole checker (rules, then their review) on `text`.
    fn checked(text: &str) -> Vec<Finding> {
        crate::Checker::default()
            .findings(&crate::Document::new(text))
            .into_iter()
            .filter(|f| f.rule == "untranslated-english")
            .collect()
    }

    #[test]
    fn single_english_words_inside_french_are_found() {
        for (text, word) in [
            (
                "Ce sac à dos léger est parfait pour le hiking en montagne.",
                "hiking",
            ),
            (
                "La lampe est livrée avec un charger et une housse.",
                "charger",
            ),
            ("Les Bleus avaient été inching vers la victoire.", "inching"),
        ] {
            let f = run(&UntranslatedEnglish, text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].span.slice(text), word);
            assert_eq!(f[0].severity, Severity::Warning);
        }
        // A French verb after a pronoun stays French.
        assert_clean(&UntranslatedEnglish, "Il faut le charger avant de partir.");
    }

    #[test]
    fn generic_english_headings_are_found() {
        let text = "Notre sélection.\n\nFolding Camp Chair\n\nUne chaise pliante et légère.";
        let f = run(&UntranslatedEnglish, text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].span.slice(text), "Folding Camp Chair");
    }

    #[test]
    fn borrowed_terms_are_warnings_grammar_is_an_error() {
        let f = run(
            &UntranslatedEnglish,
            "Le studio mise sur un gameplay nerveux et un level design soigné.",
        );
        assert!(!f.is_empty());
        assert!(f.iter().all(|f| f.severity == Severity::Warning), "{f:?}");
        let f = run(
            &UntranslatedEnglish,
            "Il a ajouté que the plan is ready pour la rentrée.",
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Error);
        // A term with a function word at its edge is still a term.
        let f = run(
            &UntranslatedEnglish,
            "La soirée commence par un before techno au bord du canal.",
        );
        assert!(f.iter().all(|f| f.severity == Severity::Warning), "{f:?}");
    }

    #[test]
    fn titles_in_lists_headings_and_after_cues_are_left_alone() {
        for text in [
            "Nos films préférés\n\n1. The Quiet Harbour de Ellen Marsh (2016)\n\n2. Under the pale moon de Tom Ruskin (2019)",
            "L'album\n\n01. Broken Window Blues\n02. Never Look Back Again\n03. Summer In The Yard",
            "Midnight Garden Stories (Saison 2) : une saison plus sombre que la première.",
            "Final Frontier Racing : le championnat s'ouvre aux amateurs.",
            "Le roman est traduit par Anne Vidal. Titre original : Nights without rest.",
            "Les featurings annoncés avec J. Doe, Lucky Rhymes et Mara restent à confirmer.",
            "R É P U B L I Q U E F R A N Ç A I S E",
            "- The sound of the city at night, de Jean Martin (1955)",
            "Chroniques\n\nThe Harbour Kids – Slow Down Again\n\nLe quatuor revient avec un deuxième album plus nerveux.",
            "Les sorties\n\nnoFX Band – How To Lose It All\n\nUn disque court et sec.",
        ] {
            assert_clean(&UntranslatedEnglish, text);
        }
        // A sentence around a dash is no heading.
        let f = run(
            &UntranslatedEnglish,
            "Le groupe a écrit sur son site :\n\nWe are back on the road – and we love every minute of it.\n\nLa tournée commence lundi.",
        );
        assert!(!f.is_empty());
    }

    #[test]
    fn a_bulleted_list_announced_as_works_holds_titles() {
        // The paragraph above names the works, the list is announced by a
        // colon: each title-case item is a title, the colon inside one too.
        let works = "Le studio a confirmé pas moins de douze jeux pour cette année.\nEn voici la liste :\n- Silver Harbour Nights\n- Lost Signal Run\n- Paper Kite Wars: Return of the Wind\n- Deep Forest Tales";
        assert_clean(&UntranslatedEnglish, works);
        // A bulleted list of product features is no list of works.
        let features = "Le sac est livré avec plusieurs atouts.\nCaractéristiques :\n- Waterproof Outer Shell\n- Long Lasting Zipper Pull\n- Padded Laptop Sleeve Inside";
        assert!(!run(&UntranslatedEnglish, features).is_empty());
    }

    #[test]
    fn the_source_after_a_quotation_line_is_a_name() {
        // A page of quotations: each line, then the film it comes from.
        let quotes = "Mes répliques préférées :\n\n\"Je reviendrai, et plus vite que prévu\" Back to the river.\n\n« Rien ne sert de courir, il faut partir à point » Running Late Again.";
        assert_clean(&UntranslatedEnglish, quotes);
        // An English report after a quotation is English left in the text.
        let report = "Le joueur a parlé après le match.\n\"Nous étions prêts\" the coach said after the game.";
        assert!(!run(&UntranslatedEnglish, report).is_empty());
    }

    #[test]
    fn collaborations_and_named_editions_are_names() {
        for text in [
            "La boutique réédite la paire avec le pack Silver Coast x Harbour Runner cet automne.",
            "Nouvelle sortie\n\nHarbour Runner High Grey Mist x Silver Coast\n\nLa paire arrive en boutique samedi prochain.",
            "Après le coloris Grey Mist sorti en début de mois, la seconde paire arrive.",
        ] {
            assert_clean(&UntranslatedEnglish, text);
        }
        // Without the `x`, an English phrase in French stays English.
        let f = run(
            &UntranslatedEnglish,
            "La boutique réédite la paire with the grey mist and silver coast cet automne.",
        );
        assert!(!f.is_empty());
    }

    #[test]
    fn cited_glossed_and_topic_english_is_info() {
        for text in [
            "Le slogan « Think different » a marqué la décennie.",
            "Il faut rester dans l'esprit du client (top of mind) sans l'importuner.",
            "- Des outils système (bash, systemd, etc.)\n- Des logiciels de base.",
            "Le growth hacking séduit. Le growth hacking coûte peu. Bref, le growth hacking est partout.",
            "Le leak a fuité.\nWe are almost done with the new record https://t.co/abc123\n— Some Band (@someband) May 2, 2024",
            "Le leak a fuité.\n\nBIG NEWS: @someband x @somebrand are working on a new record together this year.",
        ] {
            let f = run(&UntranslatedEnglish, text);
            assert!(!f.is_empty(), "{text}");
            assert!(
                f.iter().all(|f| f.severity == Severity::Info),
                "{text}: {f:?}"
            );
        }
    }

    #[test]
    fn one_handle_in_a_line_is_no_embedded_post() {
        // Prose names one account; an English sentence beside it is no post.
        let f = run(
            &UntranslatedEnglish,
            "Le groupe @someband a écrit que the new record is almost done and ready.",
        );
        assert!(f.iter().any(|f| f.severity == Severity::Error), "{f:?}");
    }

    #[test]
    fn review_makes_warnings_errors_in_machine_output() {
        // Alone, a borrowed word is a warning.
        let careful = "Le test complet du sac pour le hiking est en ligne.";
        assert!(
            checked(careful)
                .iter()
                .all(|f| f.severity == Severity::Warning)
        );
        // Beside an English sentence left in the page, it is a leftover.
        let machine = "Le test complet du sac pour le hiking est en ligne. This bag was designed for long walks in the mountains. La suite.";
        let f = checked(machine);
        assert!(f.len() >= 2, "{f:?}");
        assert!(f.iter().all(|f| f.severity == Severity::Error), "{f:?}");
    }

    #[test]
    fn title_case_inside_french_is_a_warning() {
        // A title of a work or an event after French on its line.
        for text in [
            "Finaliste : The Winds of Time : A Song for the Sea (Super Console)",
            "Le parc fête chaque année le May the Fourth avec ses visiteurs.",
        ] {
            let f = run(&UntranslatedEnglish, text);
            assert!(
                f.iter().all(|f| f.severity < Severity::Error),
                "{text}: {f:?}"
            );
        }
        // The same words in lower case are an English clause.
        let f = run(
            &UntranslatedEnglish,
            "Finaliste : the winds of time are a song for the sea (Super Console)",
        );
        assert!(f.iter().any(|f| f.severity == Severity::Error), "{f:?}");
    }

    #[test]
    fn one_slip_of_another_rule_is_no_machine_output() {
        // One doubled word beside a borrowed word: a careful writer's typo.
        let text = "Le test complet du sac pour le hiking est en ligne de de puis hier.";
        let f = checked(text);
        assert!(!f.is_empty());
        assert!(f.iter().all(|f| f.severity == Severity::Warning), "{f:?}");
    }

    #[test]
    fn a_single_word_copied_from_the_source_is_an_error() {
        use crate::rule::testing::run_bilingual;
        let en = "The report, which is clear, will be published tomorrow.";
        let fr = "Le rapport, which est clair, sera publié demain.";
        let f = run_bilingual(&UntranslatedEnglish, en, fr);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].span.slice(fr), "which");
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(f[0].source.unwrap().slice(en), "which");
        assert!(f[0].message.ends_with("(copied from the source)"));
    }

    #[test]
    fn options_are_honoured() {
        let text = "Le ministre a déclaré que the situation was difficult hier.";
        let id = UntranslatedEnglish::META.id;
        let opts = RuleOptions::default().with(
            id,
            UntranslatedEnglishOptions {
                min_words: 5,
                ..Default::default()
            },
        );
        assert!(run_with(&UntranslatedEnglish, text, &opts).is_empty());
        let opts = RuleOptions::default().with(
            id,
            UntranslatedEnglishOptions {
                allow: vec!["The Situation was difficult".to_string()],
                ..Default::default()
            },
        );
        assert!(run_with(&UntranslatedEnglish, text, &opts).is_empty());
    }
}
