use crate::declare_rule;
use crate::parallel::{Pairing, Parallel};
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink, findings_without_source};
use crate::span::Span;
use crate::text::chars::char_at;
use crate::text::{RegionKind, Regions};

declare_rule! {
    /// English quotation marks (“ ”, ‘ ’, "…") around French text, and quotes never closed.
    ///
    /// ## What it does
    /// Pairs the quotation marks of each paragraph. A pair of English curly quotes
    /// (`“…”`, `‘…’`) or straight quotes (`"…"`) that is not inside French guillemets
    /// is reported with the French form as suggestion: `« … »` with narrow no-break
    /// spaces (U+202F) inside. Broken quoting is reported too: an opening quote never
    /// closed in its paragraph (`‘Lakshadweep n'est pas…`; a `«` when no `«`
    /// follows it in its paragraph nor opens the next), a closing `”` without an
    /// opening one, a quote turned the wrong way (`”amis”`, `’beaux quartiers’`), and
    /// a pair whose marks do not match (`« stupide”`, `‘ton ami”`).
    ///
    /// Severity: a well-formed pair of curly English quotes is a `warning`: French
    /// uses « », but `“ ”` are also an accepted second-level or house-style choice, so
    /// a gate should not fail an article for them alone. A pair of straight quotes is
    /// `info`: a keyboard habit many careful French web texts share (and corpora that
    /// normalise « » to `"`); so is, in a unit of a bilingual file, a pair of curly
    /// quotes around what the source quotes too (a program's names and values:
    /// `‘input.d.mark’`). Broken quoting (unclosed, reversed, mismatched) is an
    /// `error`: every reader sees it.
    ///
    /// ## Why it matters
    /// Machine translation keeps the source's English quotes; scraped pages lose one
    /// half of a pair. French readers expect « ».
    ///
    /// ## Example
    /// Bad: `la formation d'un “espace de défense unifié”, sans décrire`
    ///
    /// Good: `la formation d'un « espace de défense unifié », sans décrire`
    ///
    /// ## Not flagged
    /// `“ ”` (or any quotes) inside « » — the correct French inner quotes; apostrophes
    /// (`l’homme`, `aujourd’hui`, `presqu’`); inches after a number (`15"`), and a
    /// doubled prime after one (seconds: `0’’038`, `27''`); quotes in
    /// HTML tags (`<a href="page.html">`) and in `code`; a quoted sign or letter that
    /// is being talked about (`le signe “…”`, `après “n’”`); a quotation running over
    /// several paragraphs that reopens each one; a `‘` after a letter, the ʿayn of a
    /// transliteration (`Rabī‘ al-awwal`); a `"` opening on a mark glued to its word
    /// (`"!foo"`).
    ///
    /// ## Known false positives
    /// A straight `"` used for seconds of arc or as a ditto mark; English text quoted
    /// inside a French article (its quotes are English on purpose).
    pub struct EnglishQuotes {
        id: "english-quotes",
        category: Typography,
        severity: Warning,
    }
}

/// Whether `inner` stands between quotation marks of any kind in `source`.
fn quoted_in_source(source: &str, inner: &str) -> bool {
    let is_quote = |c: char| matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”' | '`');
    !inner.trim().is_empty()
        && source.match_indices(inner).any(|(i, _)| {
            source[..i].chars().next_back().is_some_and(is_quote)
                && source[i + inner.len()..]
                    .chars()
                    .next()
                    .is_some_and(is_quote)
        })
}

/// Regions where quotes are syntax, not typography: HTML tags and `code`.
const SYNTAX: [RegionKind; 2] = [RegionKind::Tag, RegionKind::Code];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `“ ”` `„`
    Double,
    /// `‘ ’` or straight `'`
    Single,
    /// straight `"` (or `''`)
    Straight,
    /// `«`
    Guillemet,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    kind: Kind,
    start: usize,
    end: usize,
    /// The mark is turned the wrong way (`”amis`).
    reversed: bool,
}

/// The quotes open so far in a block, with counts that keep every question
/// the checker asks of it O(1): a block with thousands of quotes left open
/// made the scans quadratic.
#[derive(Default)]
struct Stack {
    items: Vec<Open>,
    /// How many entries of each kind (indexed by `Kind as usize`).
    counts: [usize; 4],
    /// Indices in `items` of the `«` entries, in order.
    guillemets: Vec<usize>,
}

impl Stack {
    fn count(&mut self, kind: Kind, delta: isize) {
        let n = &mut self.counts[kind as usize];
        *n = n.saturating_add_signed(delta);
    }

    fn push(&mut self, o: Open) {
        self.count(o.kind, 1);
        if o.kind == Kind::Guillemet {
            self.guillemets.push(self.items.len());
        }
        self.items.push(o);
    }

    fn pop(&mut self) -> Option<Open> {
        let o = self.items.pop()?;
        self.count(o.kind, -1);
        if o.kind == Kind::Guillemet {
            self.guillemets.pop();
        }
        Some(o)
    }

    fn last(&self) -> Option<&Open> {
        self.items.last()
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn has(&self, kind: Kind) -> bool {
        self.counts[kind as usize] > 0
    }

    /// Index of the innermost open `«`.
    fn last_guillemet(&self) -> Option<usize> {
        self.guillemets.last().copied()
    }

    /// Removes and returns the entries above index `k` (no `«` among them
    /// when `k` is [`Stack::last_guillemet`]).
    fn split_above(&mut self, k: usize) -> Vec<Open> {
        let above = self.items.split_off(k + 1);
        for o in &above {
            self.count(o.kind, -1);
        }
        self.guillemets.retain(|&g| g <= k);
        above
    }
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn opens_before(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | '/'))
}

/// Content that names a sign or a letter rather than quoting words: no run of two
/// letters (`“…”`, `“n’”`, `'a'`).
fn is_mention(content: &str) -> bool {
    if content.trim().is_empty() {
        return false;
    }
    let mut run = 0;
    for c in content.chars() {
        if c.is_alphabetic() {
            run += 1;
            if run >= 2 {
                return false;
            }
        } else {
            run = 0;
        }
    }
    true
}

fn french(inner: &str) -> String {
    let inner = inner.trim_matches(|c: char| c.is_whitespace());
    format!("«\u{202f}{inner}\u{202f}»")
}

struct Block<'t> {
    text: &'t str,
    base: usize,
    regions: &'t Regions<'t>,
}

impl Block<'_> {
    fn report_pair(&self, open: Open, close: (usize, usize), malformed: bool, sink: &mut Sink<'_>) {
        let inner = &self.text[open.end..close.0];
        if !malformed && is_mention(inner) {
            return;
        }
        let span = Span::new(self.base + open.start, self.base + close.1);
        let straight = matches!(&self.text[open.start..open.end], "\"" | "'" | "''");
        let (severity, message) = if malformed {
            (
                Severity::Error,
                "mismatched or reversed quotation marks; French uses « »",
            )
        } else if straight {
            (
                Severity::Info,
                "straight quotation marks; French typography uses « » with narrow no-break spaces inside",
            )
        } else {
            (
                Severity::Warning,
                "English quotation marks; French uses « » with narrow no-break spaces inside",
            )
        };
        // A mismatched pair may be two quotations, or an apostrophe taken
        // for a quote: a person judges.
        let suggestion = Some(if malformed {
            Edit::possible(span, french(inner))
        } else {
            Edit::certain(span, french(inner))
        });
        sink.push(span, message, severity, suggestion);
    }

    fn report_lone(&self, start: usize, end: usize, message: &str, sink: &mut Sink<'_>) {
        let span = Span::new(self.base + start, self.base + end);
        sink.push(span, message, Severity::Error, None);
    }
}

/// What the mark at hand is.
enum Mark {
    Opener(Kind, bool),
    Closer(Kind),
    /// Straight `"` or `''`: decided by what is open.
    Straight,
    Ignore,
}

fn classify(c: char, prev: Option<char>, next: Option<char>, single_open: bool) -> Mark {
    match c {
        '«' => Mark::Opener(Kind::Guillemet, false),
        '»' => Mark::Closer(Kind::Guillemet),
        '„' => Mark::Opener(Kind::Double, false),
        '“' => {
            if is_letter(prev) && (is_space(next) || next.is_some_and(|n| n.is_ascii_punctuation()))
            {
                Mark::Closer(Kind::Double)
            } else {
                Mark::Opener(Kind::Double, false)
            }
        }
        '”' => {
            if opens_before(prev) && is_letter(next) {
                Mark::Opener(Kind::Double, true)
            } else {
                Mark::Closer(Kind::Double)
            }
        }
        '‘' => {
            if is_letter(prev) && is_letter(next) {
                Mark::Ignore // a misplaced apostrophe (`l‘homme`)
            } else if is_letter(prev) && !single_open {
                // After a letter, no quote opens: the ʿayn of a
                // transliteration (`Rabī‘ al-awwal`) or an apostrophe.
                Mark::Ignore
            } else {
                Mark::Opener(Kind::Single, false)
            }
        }
        '’' | '\'' => {
            if is_letter(prev) && is_letter(next) {
                Mark::Ignore // apostrophe
            } else if opens_before(prev) && next.is_some_and(char::is_alphabetic) {
                Mark::Opener(Kind::Single, c == '’')
            } else if single_open && !next.is_some_and(char::is_alphanumeric) {
                Mark::Closer(Kind::Single) // also `‘excuses ’`
            } else {
                Mark::Ignore // apostrophe at the end of a word, or stray
            }
        }
        '"' => Mark::Straight,
        _ => Mark::Ignore,
    }
}

fn check_block(block: &Block<'_>, next_block_start: Option<char>, sink: &mut Sink<'_>) {
    let text = block.text;
    let mut stack = Stack::default();
    // The second mark of a doubled `''` is read with the first: skipped.
    let mut skip_to = 0;
    // Every mark starts with one of these bytes (`«` `»` with C2, the
    // curly marks with E2): the bytes in between are skipped unread.
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(k) = bytes[at..]
        .iter()
        .position(|&b| matches!(b, b'\'' | b'"' | 0xc2 | 0xe2))
    {
        let pos = at + k;
        let (c, c_len) = char_at(text, pos);
        at = pos + c_len;
        if pos < skip_to || !matches!(c, '«' | '»' | '“' | '”' | '„' | '‘' | '’' | '\'' | '"')
        {
            continue;
        }
        let prev = text[..pos].chars().next_back();
        let mut len = c.len_utf8();
        let mut next = text[pos + len..].chars().next();
        if block.regions.covers(&SYNTAX, block.base + pos) {
            continue;
        }
        // `''` and `‘‘` `’’` used as double quotes.
        let mut mark_c = c;
        if matches!(c, '\'' | '’') && next == Some(c) && prev.is_some_and(|p| p.is_ascii_digit())
        {
            // A doubled prime after a number marks seconds or inches
            // (`0’’038` in a lap time, `12''`), as `"` after a digit does.
            skip_to = pos + 2 * c.len_utf8();
            continue;
        }
        if matches!(c, '\'' | '‘' | '’') && next == Some(c) && !(is_letter(prev) && c == '\'') {
            mark_c = match c {
                '\'' => '"',
                '‘' => '“',
                _ => '”',
            };
            len += c.len_utf8();
            skip_to = pos + len;
            next = text[pos + len..].chars().next();
            if c == '\'' && is_space(prev) && is_space(next) {
                // `''` standing alone names the doubled quote of SQL or of
                // an escape (`Utilisez '' pour écrire des guillemets`).
                continue;
            }
        } else if c == '\'' && next == Some('\'') && is_letter(prev) {
            // `grand''` closing a straight double
            mark_c = '"';
            len += 1;
            skip_to = pos + len;
            next = text[pos + len..].chars().next();
        }
        let end = pos + len;
        let single_open = stack.has(Kind::Single);
        let mut wrong_side = false;
        let mark = match classify(mark_c, prev, next, single_open) {
            Mark::Straight => {
                let top_english = stack.last().is_some_and(|o| o.kind != Kind::Guillemet);
                let straight_open = stack.has(Kind::Straight);
                // Orientation first: `␣"mot` opens, `mot"␣` closes; toggle otherwise.
                let clear_open = opens_before(prev)
                    && next.is_some_and(|n| !n.is_whitespace() && !n.is_ascii_punctuation());
                let clear_close = !opens_before(prev)
                    && (is_space(next) || next.is_some_and(|n| !n.is_alphanumeric()));
                // `"mot "suite`: a closing quote with its space on the wrong side (or
                // a second opening one); either way one broken pair.
                wrong_side = clear_open && straight_open;
                let closes = straight_open || (top_english && clear_close);
                if closes {
                    Mark::Closer(Kind::Straight)
                } else if prev.is_some_and(|p| p.is_ascii_digit()) {
                    Mark::Ignore // inches: `15"`
                } else if prev.is_some_and(char::is_whitespace)
                    && next
                        .is_some_and(|n| matches!(n, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']'))
                    && !is_letter(text[end..].chars().nth(1))
                {
                    // `grandeur ".`: it can only close, and nothing is open
                    // (`"!foo"` opens on a mark that belongs to its word).
                    block.report_lone(pos, end, "closing quote without an opening one", sink);
                    Mark::Ignore
                } else {
                    Mark::Opener(Kind::Straight, false)
                }
            }
            m => m,
        };
        match mark {
            Mark::Ignore | Mark::Straight => {}
            Mark::Opener(kind, reversed) => stack.push(Open {
                kind,
                start: pos,
                end,
                reversed,
            }),
            Mark::Closer(Kind::Guillemet) => {
                if let Some(k) = stack.last_guillemet() {
                    for o in stack.split_above(k) {
                        if &text[o.start..o.end] != "'" {
                            block.report_lone(o.start, o.end, "opening quote never closed", sink);
                        }
                    }
                    stack.pop();
                }
                // A `»` without `«`: a dialogue or quotation continued; fine.
            }
            Mark::Closer(kind) => {
                // A straight `'` left open inside is an elision (`"Reuters 'Image"`).
                if kind != Kind::Single {
                    while stack
                        .last()
                        .is_some_and(|o| o.kind == Kind::Single && &text[o.start..o.end] == "'")
                    {
                        stack.pop();
                    }
                }
                let Some(top) = stack.last().copied() else {
                    if kind == Kind::Double {
                        block.report_lone(pos, end, "closing quote without an opening one", sink);
                    }
                    continue;
                };
                if top.kind == Kind::Guillemet && kind == Kind::Single {
                    continue; // an apostrophe inside « »
                }
                stack.pop();
                let inside_other = !stack.is_empty();
                // `"…”` or `‘…”`: the marks do not match.
                let malformed = top.kind != kind || top.reversed || wrong_side;
                if top.kind == Kind::Guillemet {
                    // `« stupide”`
                    block.report_pair(top, (pos, end), true, sink);
                } else if !inside_other {
                    // Nested pairs are covered by the outer one; pairs inside « » are
                    // the correct French inner quotes.
                    block.report_pair(top, (pos, end), malformed, sink);
                }
            }
        }
    }
    for o in stack.items {
        let mark = &text[o.start..o.end];
        if mark == "'" {
            // A lone straight `'` is as often an elision (`'em`, `nés 'en`) as
            // a quote.
            continue;
        }
        if o.kind == Kind::Guillemet
            && next_block_start != Some('«')
            && !text[o.end..].contains('«')
        {
            // A French quotation that runs over several paragraphs reopens
            // each with `«`; a `«` whose paragraph ends, with no `«` opening
            // the next, was never closed (`«Les indices de chaleur… du soleil.`).
            // One followed by another `«` in its paragraph is left alone: a
            // quotation reopened after an incise (`«Par contre…, a-t-il
            // ajouté. «IQ…`) is a habit of the press.
            block.report_lone(o.start, o.end, "opening quote never closed", sink);
            continue;
        }
        if o.kind == Kind::Guillemet {
            continue;
        }
        if next_block_start.is_some_and(|n| mark.starts_with(n)) {
            continue; // an English multi-paragraph quotation
        }
        block.report_lone(o.start, o.end, "opening quote never closed", sink);
    }
}

impl Rule for EnglishQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        crate::text::warm_up_regions(&SYNTAX);
    }

    /// In a unit of a bilingual file, a pair of curly quotes around what
    /// the source quotes too, as it is (`‘input.d.mark’` for
    /// `'input.d.mark'`, `“hclust”`), is the program's way of quoting its
    /// names and values (R's `sQuote` writes `‘…’` in every language):
    /// `info`, as straight quotes are.
    fn check_with_source(&self, ctx: &Context<'_>, source: &Parallel<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let unit = source.pairing() == Pairing::Unit;
        for f in findings_without_source(self, ctx) {
            let quoted = f.span.slice(text);
            let mut inner = quoted.chars();
            inner.next();
            inner.next_back();
            let inner = inner.as_str();
            // A well-matched pair only (`‘Gamma'` mixes two kinds), and
            // not a string of code (`url(method = “libcurl”)`), where curly
            // quotes break it.
            let matched = matches!(
                (quoted.chars().next(), quoted.chars().next_back()),
                (Some('‘'), Some('’')) | (Some('“'), Some('”'))
            );
            let in_code = text[..f.span.start].trim_end().ends_with(['=', '(', ',']);
            if unit
                && f.severity == Severity::Warning
                && matched
                && !in_code
                && quoted_in_source(source.source(), inner)
            {
                sink.push(
                    f.span,
                    "curly quotation marks around what the source quotes too (the program's \
                     quoting); French typography uses « » with narrow no-break spaces inside",
                    Severity::Info,
                    f.suggestion,
                );
                continue;
            }
            sink.push_finding(f);
        }
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let doc = ctx.doc;
        let blocks = doc.blocks();
        for (k, b) in blocks.iter().enumerate() {
            let next_start = blocks.get(k + 1).and_then(|n| doc.slice(*n).chars().next());
            let block = Block {
                text: doc.slice(*b),
                base: b.start,
                regions: doc.regions(),
            };
            check_block(&block, next_start, sink);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_fixed, assert_marked, run};

    #[test]
    fn curly_quotes_around_what_the_source_quotes_are_the_programs() {
        use crate::rule::testing::run_unit;
        let found = run_unit(
            &EnglishQuotes,
            "'input.d.mark' has no characters",
            "‘input.d.mark’ ne contient aucun caractère",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Info);
        // Quotes the source does not have, a string of code, stay a warning.
        for (source, target) in [
            ("invalid sample type", "type ‘sample’ incorrect"),
            (
                "url(method = \"libcurl\") is not supported",
                "url(method = “libcurl”) n'est pas pris en charge",
            ),
        ] {
            let found = run_unit(&EnglishQuotes, source, target);
            assert_eq!(found.len(), 1, "{target}");
            assert_eq!(found[0].severity, Severity::Warning, "{target}");
        }
    }

    #[test]
    fn flags_english_quotes_around_french() {
        assert_marked(
            &EnglishQuotes,
            "la formation d'un ⟦“espace de défense unifié”⟧, sans décrire",
        );
        assert_marked(&EnglishQuotes, "Il a dit ⟦\"non\"⟧ hier.");
        assert_marked(&EnglishQuotes, "les ⟦‘beaux quartiers’⟧ de la ville");
        assert_marked(&EnglishQuotes, "⟦\" Mangez \"⟧, déclara-t-elle.");
    }

    #[test]
    fn suggests_guillemets_with_narrow_spaces() {
        let f = run(&EnglishQuotes, "un “espace unifié”, sans");
        assert_eq!(
            f[0].suggestion.as_ref().unwrap().replacement,
            "«\u{202f}espace unifié\u{202f}»"
        );
        assert_eq!(f[0].severity, Severity::Warning);
        assert_fixed(
            &EnglishQuotes,
            "un “espace unifié”, puis \"non\" et ”amis”.",
            "un «\u{202f}espace unifié\u{202f}», puis «\u{202f}non\u{202f}» et ”amis”.",
        );
    }

    #[test]
    fn flags_broken_quoting_as_errors() {
        assert_marked(
            &EnglishQuotes,
            "5 questions | ⟦‘⟧Lakshadweep n'est pas connecté correctement",
        );
        assert_marked(&EnglishQuotes, "C’est ⟦“⟧compliqué.");
        assert_marked(&EnglishQuotes, "Eux et leurs ⟦”amis”⟧ sont finis !");
        assert_marked(&EnglishQuotes, "C’est ⟦«\u{a0}stupide”⟧.");
        assert_marked(&EnglishQuotes, "Le ⟦‘grand'⟧ homme.");
        assert_marked(&EnglishQuotes, "Fin de la phrase⟦”⟧ et suite.");
        assert_marked(
            &EnglishQuotes,
            "de grandeur ⟦\"⟧. Nous avons dit ⟦\"oui\"⟧ hier.",
        );
        assert_marked(
            &EnglishQuotes,
            "Soumis à l'⟦\"autorisation de transfert \"⟧du 17 mai.",
        );
        let f = run(&EnglishQuotes, "C’est “compliqué.");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn a_guillemet_never_closed_is_broken_unless_the_next_paragraph_reopens() {
        assert_marked(
            &EnglishQuotes,
            "Il a tweeté ce matin. ⟦«⟧Les indices de chaleur donneront l’impression.\n\nLa suite.",
        );
        assert_marked(&EnglishQuotes, "Fin du texte : ⟦«⟧ il viendra.");
        // Reopened after an incise, in the same paragraph.
        assert_clean(
            &EnglishQuotes,
            "«Par contre, il y aura du travail, a-t-il ajouté. «IQ sera là. »",
        );
        // A quotation over several paragraphs reopens each with `«`.
        assert_clean(
            &EnglishQuotes,
            "Il dit : « Le premier point est réglé.\n\n« Le second reste à voir. »",
        );
    }

    #[test]
    fn placeholders_in_quotes_and_a_named_doubled_quote_are_not_broken_quoting() {
        // Program messages: a quoted placeholder, and SQL's doubled quote.
        for text in [
            "La méthode \"%s\" n'a pas été enregistrée.",
            "Le module \"{name}\" est absent.",
            "Utilisez '' pour écrire des guillemets dans une chaîne.",
        ] {
            let found = run(&EnglishQuotes, text);
            assert!(
                found.iter().all(|f| f.severity != Severity::Error),
                "{text}: {found:?}"
            );
        }
        // A quote opening on a mark glued to its word; a transliteration's
        // ʿayn after a letter.
        for text in [
            "Notez que \"!foo\" est un raccourci pour \"&!foo\".",
            "Le mois de Rabī‘ al-awwal.",
        ] {
            let found = run(&EnglishQuotes, text);
            assert!(
                found.iter().all(|f| f.severity != Severity::Error),
                "{text}: {found:?}"
            );
        }
        // A quote before a full stop still closes nothing.
        assert!(
            run(&EnglishQuotes, "Une grandeur \". Puis la suite.")
                .iter()
                .any(|f| f.message == "closing quote without an opening one")
        );
    }

    #[test]
    fn leaves_french_quotes_apostrophes_and_code_alone() {
        assert_clean(
            &EnglishQuotes,
            "Il a dit « c’est le “meilleur” choix » aujourd’hui.",
        );
        assert_clean(&EnglishQuotes, "L’homme d’aujourd’hui, presqu’île, l'été.");
        assert_clean(&EnglishQuotes, "Un écran de 15\" et un autre de 17\".");
        // A doubled prime after a number: seconds of a lap time, inches.
        assert_clean(&EnglishQuotes, "Il échoue à 0’’038 du pole, en 1’23’’456.");
        assert_clean(&EnglishQuotes, "Une dalle de 27'' et la suite.");
        // After a letter, the doubled mark still quotes.
        assert_marked(&EnglishQuotes, "Il dit ⟦’’⟧oui puis part.");
        assert_clean(&EnglishQuotes, "« Thought 'Ya Knew » a grimpé.");
        assert_marked(&EnglishQuotes, "(en) ⟦\"Reuters 'Image Problem\"⟧ par B.");
        assert_clean(
            &EnglishQuotes,
            "Clique <a href=\"page.html\">ici</a> ou `x = \"a\"`.",
        );
        assert_clean(&EnglishQuotes, "le signe “…” ou le signe « ! » ?");
        assert_clean(&EnglishQuotes, "Après “n’”, il faut une forme verbale.");
        assert_clean(
            &EnglishQuotes,
            "—\u{202f}Oui, nous t’avons vu arriver.\u{202f}»",
        );
        assert_marked(
            &EnglishQuotes,
            "“Premier paragraphe.\n\n⟦“Second paragraphe.”⟧",
        );
    }
}
