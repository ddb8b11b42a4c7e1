use crate::data;
use crate::declare_rule;
use crate::lang::lexicon::{Lang, zipf};
use crate::parallel::{Pairing, Parallel, name_with_exclamation};
use crate::rule::{Context, OptionsSchema, Rule, RuleMeta, Schema, Sink, findings_without_source};
use crate::span::Span;
use crate::text::chars::{NBSP, NNBSP, is_apostrophe, is_no_break_space, is_typographic_space};
use crate::text::{RegionKind, Tokens, is_code_pair_colon};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// No space before `;` `:` `!` `?` `»` or after `«` (English spacing in French text).
    ///
    /// ## What it does
    /// French puts a space (ideally a no-break one) before the high punctuation marks
    /// `;` `:` `!` `?` and `»`, and after `«`. The rule reports these marks glued to the
    /// preceding word (`vrai!`, `triple: philosophique`, `«vérification»`), a `«` used
    /// as a closing mark (`Le grand homme«`; one glued to a word but
    /// followed by its own `»`, `erronée« %s »`, opens: the space before it
    /// is missing), and suggests the fix with a no-break space
    /// (U+00A0 before `:`, the narrow U+202F elsewhere). A pair `«…»` glued on both sides
    /// is one finding.
    ///
    /// By default any space is accepted (U+0020, U+00A0, U+202F, a thin space, or the
    /// entity `&nbsp;`). With `strict = true` (see Options), an ordinary or thin space is
    /// reported too: it lets the mark wrap to the next line alone.
    ///
    /// Severity `warning`: missing French spacing is the most common trace of English
    /// typography left by machine translation, but it is typography, not a change of
    /// meaning, and some French web publications drop these spaces on purpose.
    ///
    /// ## Why it matters
    /// A French reader sees `vrai!` and `«mot»` as English typography at once.
    ///
    /// ## Example
    /// Bad: `LanguageTool offre une «vérification» orthographique. C'est vrai!`
    ///
    /// Good: `LanguageTool offre une « vérification » orthographique. C'est vrai !`
    ///
    /// ## Not flagged
    /// URLs, e-mail addresses, file paths, HTML tags and entities (`&nbsp;:`), `code`;
    /// times, ratios and scores (`12:30`, `3:1`), time formats (`%H:%M`); MAC and IPv6 addresses; emoticons
    /// (`:)`, `:-)`, `;)`); a colon between capitals, a name (`CS:GO`); repeated marks
    /// after a space (`!!`, `?!`); `(?)` and `[!]`;
    /// `»` continuing a quotation without `«`; names spelt with `!` (`Yahoo!`,
    /// `Jeopardy!`: `data/names-with-exclamation.txt`; in a unit of a bilingual
    /// file, a name its source writes with `!` inside a sentence: `Qalculate!`).
    ///
    /// ## Options
    /// In `coquille.toml`, table `[french-spacing]`:
    /// - `strict` (default `false`): require a no-break space (U+00A0 before `:`,
    ///   U+202F elsewhere) before high punctuation and inside « », instead of
    ///   accepting any space.
    ///
    /// ## Known false positives
    /// Other names ending in `!`, wiki-style prefixes (`Catégorie:Sport`),
    /// programming syntax outside backticks. English titles are left alone when the two
    /// words before the mark are English (`Roger Rabbit?`), so a French sentence ending
    /// in two English words is missed.
    pub struct FrenchSpacing {
        id: "french-spacing",
        category: Typography,
        severity: Warning,
    }
}

/// Options of `french-spacing`: its `[french-spacing]` table of
/// `coquille.toml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FrenchSpacingOptions {
    /// Require a no-break space (U+00A0 or U+202F) where French puts a space
    /// before high punctuation, instead of accepting any space.
    pub strict: bool,
}

static OPTIONS: Schema<FrenchSpacingOptions> = Schema::new();

/// Regions where these marks are syntax: tags, `code`, URLs, e-mail addresses and
/// character entities.
const SYNTAX: [RegionKind; 5] = [
    RegionKind::Tag,
    RegionKind::Code,
    RegionKind::Url,
    RegionKind::Email,
    RegionKind::Entity,
];

/// Names whose `!` belongs to the name (`Yahoo!`), without it.
static BANG_NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    data::NAMES_WITH_EXCLAMATION
        .words()
        .map(|n| n.trim_end_matches('!'))
        .collect()
});

/// Entities that stand for a no-break space.
static NBSP_ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:nbsp|#160|#xA0|#xa0|#8239|#x202[Ff]|thinsp|#8201|NoBreak);$")
        .expect("french-spacing entity regex")
});

/// `s` ends with an entity standing for a no-break space. Looks at the last bytes
/// only, so that the cost does not grow with the text.
fn ends_with_nbsp_entity(s: &str) -> bool {
    if !s.ends_with(';') {
        return false;
    }
    let mut from = s.len().saturating_sub(12);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    NBSP_ENTITY.is_match(&s[from..])
}

fn is_high(c: char) -> bool {
    matches!(c, ';' | ':' | '!' | '?')
}

/// The no-break space French puts before `mark`.
fn nbsp_for(mark: char) -> char {
    if mark == ':' { NBSP } else { NNBSP }
}

/// The mark at `pos..end` belongs to an address, a path, a time or some code.
fn is_technical(text: &str, pos: usize, end: usize, mark: char, tokens: &mut Tokens<'_>) -> bool {
    let prev = text[..pos].chars().next_back();
    let next = text[end..].chars().next();
    if matches!(mark, ':' | ';' | '.')
        && prev.is_some_and(|p| p.is_ascii_digit())
        && next.is_some_and(|n| n.is_ascii_digit())
    {
        return true; // 12:30, 3:1, 1;2
    }
    if mark == ':' && strftime_before(&text[..pos]) && text[end..].starts_with('%') {
        return true; // %H:%M, a time's format
    }
    if matches!(mark, '!' | '?') && next == Some('=') {
        return true; // != in code
    }
    if mark == ':' && is_code_pair_colon(text, pos) {
        return true; // NYSE:SNAP, an exchange and a ticker
    }
    let token = tokens.around(Span::new(pos, end));
    token.is_address() || token.is_code()
}

/// Whether `before` ends on a conversion of a time format (`%H`, `%I`,
/// `%M`, `%-H`): `%H:%M` is a time written as a program fills it in.
fn strftime_before(before: &str) -> bool {
    let mut rev = before.chars().rev();
    let Some(letter) = rev.next() else {
        return false;
    };
    let mut p = rev.next();
    if matches!(p, Some('-' | '_' | '0')) {
        p = rev.next();
    }
    letter.is_ascii_alphabetic() && p == Some('%') && rev.next() != Some('%')
}

/// The words right before the mark are English, not French (a title or a quotation
/// in English): of the last three words, two or more are English and none is French,
/// and the last one is not French.
fn english_before(before: &str) -> bool {
    if !before.chars().next_back().is_some_and(char::is_alphabetic) {
        return false;
    }
    let lean = |w: &str| {
        let en = zipf(Lang::En, w).unwrap_or(0.0);
        let fr = zipf(Lang::Fr, w).unwrap_or(0.0);
        if en >= 3.0 && en > fr + 1.0 {
            1
        } else if fr >= 3.0 && fr > en + 1.0 {
            -1
        } else {
            0
        }
    };
    let words: Vec<i32> = before
        .rsplit(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(3)
        .map(lean)
        .collect();
    words.first().is_some_and(|&l| l >= 0)
        && words.iter().filter(|&&l| l == 1).count() >= 2
        && !words.contains(&-1)
}

/// `:)`, `:-)`, `;)`, `:D`, `:p`, `:/` glued to a word.
fn is_emoticon(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    let mut n = rest.next();
    if matches!(n, Some('-' | '\'' | 'o')) {
        n = rest.next();
    }
    match n {
        Some(')' | '(' | ']' | '[' | '|' | '*' | '3' | '/' | '$' | '@') => true,
        Some('D' | 'P' | 'p' | 'O' | 'S' | 'X') => !rest.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

impl Rule for FrenchSpacing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn options(&self) -> Option<&'static dyn OptionsSchema> {
        Some(&OPTIONS)
    }

    fn warm_up(&self) {
        LazyLock::force(&NBSP_ENTITY);
        LazyLock::force(&BANG_NAMES);
        crate::text::warm_up_regions(&SYNTAX);
    }

    /// In a unit of a bilingual file, the `!` of a name its source writes
    /// with it inside a sentence (`Qalculate! definitions`:
    /// [`crate::parallel::name_with_exclamation`]) is the name's, glued to
    /// it: no space goes before it.
    fn check_with_source(&self, ctx: &Context<'_>, source: &Parallel<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let unit = source.pairing() == Pairing::Unit;
        for f in findings_without_source(self, ctx) {
            if unit
                && f.span.slice(text) == "!"
                && name_with_exclamation(text, f.span.start, source.source())
            {
                continue;
            }
            sink.push_finding(f);
        }
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        let strict = ctx
            .options
            .get::<FrenchSpacingOptions>(Self::META.id)
            .strict;
        let regions = ctx.doc.regions();
        let in_mask = |pos: usize| regions.covers(&SYNTAX, pos);
        // `»` already covered by a finding on their `«`.
        let mut handled: HashSet<usize> = HashSet::new();
        let mut tokens = Tokens::new(text);
        let mut iter = text.char_indices().peekable();
        while let Some((pos, c)) = iter.next() {
            if !(is_high(c) || c == '«' || c == '»') || in_mask(pos) {
                continue;
            }
            let before = &text[..pos];
            let prev = before.chars().next_back();
            if c == '«' {
                self.check_open(text, pos, prev, strict, &mut handled, sink);
                continue;
            }
            if handled.contains(&pos) {
                continue;
            }
            // Markup blanked out right before the mark reads as spaces
            // (`<b>mot</b>:` reads `mot    :`): what stands before the
            // mark is what stands before the markup.
            let mut from = pos;
            while from > 0 && ctx.doc.blanked_at(from - 1) {
                from -= 1;
            }
            let before = &text[..from];
            let prev = before.chars().next_back();
            // The run of marks starting here: `!!`, `?!`, `!»`.
            let mut end = pos + c.len_utf8();
            if c == '!' || c == '?' {
                while let Some(&(i, n)) = iter.peek() {
                    if n != '!' && n != '?' {
                        break;
                    }
                    end = i + n.len_utf8();
                    iter.next();
                }
            }
            let Some(p) = prev else { continue };
            if p == '\n' || p == '\r' || p == '\t' {
                continue;
            }
            if is_typographic_space(p) || ends_with_nbsp_entity(before) {
                if strict && !is_no_break_space(p) && !ends_with_nbsp_entity(before) {
                    let span = Span::new(pos - p.len_utf8(), end);
                    sink.report_fix(
                        span,
                        format!("use a no-break space before `{c}`"),
                        format!("{}{}", nbsp_for(c), &text[pos..end]),
                    );
                }
                continue;
            }
            if c == '»' {
                if p == '«' {
                    continue;
                }
                sink.report_fix(
                    Span::new(pos, end),
                    "French puts a no-break space before `»`",
                    "\u{202f}»",
                );
                continue;
            }
            if matches!(p, '(' | '[' | '"' | '“' | '‘' | '\'' | '«' | '!' | '?') {
                continue; // (?) [!] "?"
            }
            if c == '!' && BANG_NAMES.iter().any(|b| before.ends_with(b)) {
                continue; // names spelt with `!`
            }
            if english_before(before) {
                continue; // `Who Framed Roger Rabbit?`: English typography for English
            }
            if is_technical(text, pos, end, c, &mut tokens)
                || ((c == ':' || c == ';') && is_emoticon(text, end))
            {
                continue;
            }
            // Glued on both sides (`espace;manquant`): the word after is in the span.
            let after = &text[end..];
            let word_len = after
                .find(|ch: char| !ch.is_alphabetic())
                .unwrap_or(after.len());
            let marks = &text[pos..end];
            if word_len > 0 && p.is_alphanumeric() {
                let word = &after[..word_len];
                sink.report_fix(
                    Span::new(pos, end + word_len),
                    format!("French puts a space before `{marks}` and one after it"),
                    format!("{}{marks} {word}", nbsp_for(c)),
                );
            } else {
                sink.report_fix(
                    Span::new(pos, end),
                    format!("French puts a no-break space before `{marks}`"),
                    format!("{}{marks}", nbsp_for(c)),
                );
            }
        }
    }
}

/// Whether the `«` at `pos` (ending at `end`) opens a pair on its line: no
/// `«` is left open before it on the line, and a `»` follows it before any
/// other `«` (`erronée« %s »`: glued to the word before, it still opens,
/// and the space missing is the one before it). A `«` that closes a
/// quotation (`« Le grand homme«`) has one open before it, or no `»` of its
/// own after it.
fn opens_a_pair(text: &str, pos: usize, end: usize) -> bool {
    // Guillemets before it on its line, looked at over 200 characters at
    // most (a long line of `«` would make a full look quadratic).
    let (mut open, mut closed) = (0usize, 0usize);
    for c in text[..pos].chars().rev().take(200) {
        match c {
            '\n' => break,
            '«' => open += 1,
            '»' => closed += 1,
            _ => {}
        }
    }
    // Its own `»`: the first of `«`, `»` or a line break after it.
    open <= closed
        && text[end..]
            .find(['«', '»', '\n'])
            .is_some_and(|i| text[end + i..].starts_with('»'))
}

impl FrenchSpacing {
    /// `«` at `pos`: missing space after it, or turned into a closing mark.
    fn check_open(
        &self,
        text: &str,
        pos: usize,
        prev: Option<char>,
        strict: bool,
        handled: &mut HashSet<usize>,
        sink: &mut Sink<'_>,
    ) {
        let end = pos + '«'.len_utf8();
        let next = text[end..].chars().next();
        // After a slash (`« S »/« PL »`) a `«` opens the next alternative;
        // after an apostrophe (`d'« expect »`) it opens a quotation that an
        // elided word introduces.
        let prev_word = prev.is_some_and(|p| {
            !p.is_whitespace() && !matches!(p, '(' | '[' | '/') && !is_apostrophe(p)
        });
        let closes = next.is_none_or(|n| n.is_whitespace() || matches!(n, '.' | ',' | ';' | ')'));
        if prev_word && closes && prev != Some('«') {
            if opens_a_pair(text, pos, end) {
                sink.report_fix(
                    Span::new(pos, end),
                    "no space before `«`: it opens a quotation",
                    " «",
                );
                return;
            }
            sink.report_fix(
                Span::new(pos, end),
                "`«` used as a closing mark: French closes with `»`",
                "\u{202f}»",
            );
            return;
        }
        let Some(n) = next else { return };
        if n == '»' || n == '\n' || n == '\r' {
            return;
        }
        if is_typographic_space(n) {
            if strict && !is_no_break_space(n) {
                sink.report_fix(
                    Span::new(pos, end + n.len_utf8()),
                    "use a no-break space after `«`",
                    "«\u{202f}",
                );
            }
            return;
        }
        if n == '&' {
            let tail = &text[end..];
            let semi = tail.char_indices().take(10).find(|&(_, c)| c == ';');
            if semi.is_some_and(|(i, _)| ends_with_nbsp_entity(&tail[..=i])) {
                return; // `«&nbsp;`
            }
        }
        // The matching `»` in the same line, before any other `«` (read only up
        // to the first of the three: finding the line end first was quadratic
        // on a long line of `«`).
        let close = text[end..]
            .find(['«', '»', '\n'])
            .filter(|&i| text[end + i..].starts_with('»'))
            .map(|i| end + i);
        if let Some(close) = close {
            let before_close = text[..close].chars().next_back();
            if before_close.is_some_and(|b| !b.is_whitespace() && b != '«') {
                handled.insert(close);
                let inner = &text[end..close];
                sink.report_fix(
                    Span::new(pos, close + '»'.len_utf8()),
                    "French puts no-break spaces inside « »",
                    format!("«\u{202f}{inner}\u{202f}»"),
                );
                return;
            }
        }
        sink.report_fix(
            Span::new(pos, end),
            "French puts a no-break space after `«`",
            "«\u{202f}",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::RuleOptions;
    use crate::rule::testing::{
        assert_clean, assert_fixed, assert_marked, assert_unit_clean, run, run_with,
    };

    #[test]
    fn markup_before_the_mark_is_no_space() {
        let findings = |html: &str| crate::rule::testing::run_html(&FrenchSpacing, html);
        // `<b>mot</b>:` has no space before its colon; the check reads the
        // tag as spaces.
        let found = findings("<p>Voici le <b>mot</b>: rien, et <i>vraiment</i>?</p>");
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].suggestion.as_ref().unwrap().replacement, "\u{a0}:");
        // A real space before the mark, beside a tag or not, is a space.
        assert!(
            findings("<p>Voici le <b>mot</b> : rien, et <i>vraiment </i>\u{202f}?</p>").is_empty()
        );
    }

    #[test]
    fn flags_missing_space_before_high_punctuation() {
        assert_marked(&FrenchSpacing, "C'est vrai⟦!⟧");
        assert_marked(&FrenchSpacing, "Qu'est ce que c'est⟦?⟧");
        assert_marked(
            &FrenchSpacing,
            "L'enjeu de ce livre est donc triple⟦:⟧ philosophique⟦;⟧",
        );
        assert_marked(&FrenchSpacing, "Et encore⟦!?⟧");
        assert_marked(&FrenchSpacing, "«\u{a0}Il manque deux espaces.⟦»⟧");
        assert_marked(&FrenchSpacing, "espace⟦;manquant⟧ et Voyelles⟦:a⟧.");
        assert_marked(&FrenchSpacing, "ATTENTION⟦:Le⟧ site ferme.");
        // A conversion then a colon, without a time's conversion after it.
        assert_marked(&FrenchSpacing, "Erreur %s⟦:⟧ %s et le %%H⟦:⟧%M");
    }

    #[test]
    fn one_finding_for_a_pair_glued_on_both_sides() {
        assert_marked(
            &FrenchSpacing,
            "LanguageTool offre une ⟦«vérification»⟧ orthographique.",
        );
        let f = run(&FrenchSpacing, "une «vérification» orthographique");
        assert_eq!(
            f[0].suggestion.as_ref().unwrap().replacement,
            "«\u{202f}vérification\u{202f}»"
        );
        assert_marked(&FrenchSpacing, "Do ⟦«⟧this »");
        assert_marked(&FrenchSpacing, "«\u{a0}Le grand homme⟦«⟧");
        assert_marked(&FrenchSpacing, "Le grand homme⟦«⟧ a dit « oui ».");
        // Glued to the word before, a `«` with its own `»` after it opens:
        // the space missing is the one before it.
        assert_marked(&FrenchSpacing, "commande erronée⟦«⟧ %s » et « ceci ».");
        let f = run(&FrenchSpacing, "commande erronée« %s »");
        assert_eq!(f[0].message, "no space before `«`: it opens a quotation");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, " «");
        // After an elided word the guillemet opens a quotation.
        assert_clean(
            &FrenchSpacing,
            "la valeur d'«\u{202f}expect\u{202f}» ou l’«\u{202f}autre\u{202f}».",
        );
    }

    #[test]
    fn suggests_no_break_spaces() {
        let f = run(&FrenchSpacing, "triple: philosophique");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, "\u{a0}:");
        let f = run(&FrenchSpacing, "vrai!");
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, "\u{202f}!");
        assert_fixed(
            &FrenchSpacing,
            "Une «vérification» triple: vrai!",
            "Une «\u{202f}vérification\u{202f}» triple\u{a0}: vrai\u{202f}!",
        );
    }

    #[test]
    fn accepts_any_space_by_default_and_no_break_ones_when_strict() {
        assert_clean(&FrenchSpacing, "Qui ? Moi\u{a0}! Oui\u{202f}; « non ».");
        let strict = RuleOptions::default().with(
            FrenchSpacing::META.id,
            FrenchSpacingOptions { strict: true },
        );
        let f = run_with(&FrenchSpacing, "Qui ? Moi\u{a0}! « non »", &strict);
        let got: Vec<_> = f.iter().map(|f| f.span).collect();
        assert_eq!(
            got,
            vec![Span::new(3, 5), Span::new(13, 16), Span::new(19, 22)]
        );
    }

    #[test]
    fn leaves_technical_marks_alone() {
        for text in [
            "Bonjour :) et à 23:30, le 5/08/2019.",
            "Bonjour:) ou ;-) ou :D",
            "☀️9:00 et 00:80:41:ae:fd:7e et fe80::1",
            "%e %b %Y, %H:%M ou %-I:%M %p",
            "Voir http://exemple.fr/page?id=3 ou mailto:a@b.fr ou jean@exemple.fr",
            "Dossier C:\\Program Files (x86)",
            "il est venu&nbsp;: c’était bien…",
            "«&nbsp;Oui&#8239;»",
            "C'est vrai !! Et ?! Vraiment (?) [!]",
            "« Je suis Chris… » « Je suis Chris ! »",
            "ne peut pas utiliser « S » et « PL »/« MI » ensemble",
            "N.B.\u{a0}: ceci. Score 3:1. Code `a:b;c` et <p style=\"a:b;\">x</p>",
            "—\u{202f}Oui, nous t’avons vu arriver.\u{202f}»",
            "si a != b alors",
            "par Thomas Lifson pour Yahoo! News",
            "le film Who Framed Roger Rabbit? est sorti et Keep Calm and Carry On! aussi",
            "des jeux comme CS:GO ou Rocket League",
        ] {
            assert_clean(&FrenchSpacing, text);
        }
    }

    /// `rules::tests` runs every rule on the edge cases with default
    /// options; strict mode takes other paths.
    #[test]
    fn spans_stay_on_char_boundaries_on_odd_input_when_strict() {
        let strict = RuleOptions::default().with(
            FrenchSpacing::META.id,
            FrenchSpacingOptions { strict: true },
        );
        crate::rule::testing::assert_sound_spans(&FrenchSpacing, &strict);
    }

    #[test]
    fn a_names_exclamation_mark_the_source_shows_takes_no_space() {
        use crate::rule::testing::unit_texts;
        let source = "File not identified as Yippee! definitions file: %s.";
        assert_unit_clean(
            &FrenchSpacing,
            source,
            "Fichier de définitions Yippee! : %s.",
        );
        assert_eq!(
            unit_texts(
                &FrenchSpacing,
                "Done! Next file: %s.",
                "Fait! Fichier suivant : %s."
            ),
            ["!"]
        );
    }
}
