use crate::data;
use crate::declare_rule;
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::{is_word_space, skip_word_space, starts_with_digit};
use crate::text::fold;
use crate::text::regex_util::BoundaryMatches;
use regex::{Captures, Regex};
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// Numbers written the English way in French text: `3.5 millions`, `1,000 personnes`, `$5 million`.
    ///
    /// ## What it does
    /// Reports, with the French form as suggestion:
    /// - thousands commas: `1,000,000` (always), and `1,000` or `25,500` when
    ///   the number is round (`,000`) or counts people or things that cannot
    ///   be fractional (`1,500 personnes`, `2,300 soldats`) — otherwise
    ///   `1,335 euros` is a French decimal and is left alone;
    /// - a decimal point before a magnitude, a unit, a currency or a
    ///   percentage: `3.5 millions`, `12.5 %`, `2.75 euros`, or in a rating
    ///   or score: `4.0 / 5`, `8.5/10`, `4.5 sur 5`, `4.5 étoiles`;
    /// - a currency sign before an amount written the English way:
    ///   `$5 million` → `5 millions de dollars`, `$2.5` → `2,5 $`;
    /// - English `million`/`billion` after a number of 2 or more, where French
    ///   writes `millions`/`milliards` (`5 billion` is 5 milliards), and
    ///   `trillion` or `bn` after any number. `1,9 billion` is left alone:
    ///   the French `billion` is a thousand milliards, the English
    ///   `trillion`, and `1,9 billion de dollars` is how French writes
    ///   $1.9 trillion;
    /// - an English thousands comma split by a space, as some translation
    ///   pipelines print it (`8, 000 personnes`, `3, 500 habitants`): when
    ///   the group is `000` or counts people or things, and the number does
    ///   not continue a list of numbers (`1, 2, 300 personnes`);
    /// - a decimal with a leading point and no integer part, as English
    ///   prints batting averages (`une moyenne de .240`, `.306/.386/.420`):
    ///   French writes `0,240`.
    ///
    /// Thousands are suggested with a narrow no-break space (U+202F), as
    /// French typography has it (`1 000 000`).
    ///
    /// ## Why it matters
    /// In French the comma is the decimal mark: `1,000 personnes` reads as
    /// "one person" and `3.5 millions` as a typo. Machine translation often
    /// leaves numbers untouched.
    ///
    /// ## Example
    /// Bad: `3.5 millions de personnes, dont 1,000 enfants`
    ///
    /// Good: `3,5 millions de personnes, dont 1 000 enfants`
    ///
    /// ## Not flagged
    /// Version numbers (`1.2.3`, `Web 2.0`), IP addresses, dates (`11.01.02`),
    /// times (`12.30`), section numbers (`rubrique 5.1`), identifiers, French
    /// decimals with three digits (`1,335 euros`), a currency sign alone
    /// before a French amount (`£760`, house style) and the older French
    /// thousands dot (`150.000 euros`, still common in the press and accepted
    /// here: it cannot be read as a decimal before a round thousand), an
    /// engine named by its displacement as its badge writes it (`les blocs
    /// 2.0 litres`, `un 2.0 litres diesel`), a calibre (`.357 Magnum`, `un
    /// revolver .357`).
    ///
    /// ## Known false positives
    /// Measures given with a precision of three decimals in round numbers
    /// (`1,000 mg` is skipped before units, but not before every noun).
    pub struct EnglishNumberFormat {
        id: "english-number-format",
        category: Locale,
        severity: Error,
    }
}

data::word_sets! {
    /// The word lists of `data/number-words.txt`.
    struct Words {
        /// Nouns that count whole people or things: a number before them
        /// cannot be a decimal with three digits.
        count_nouns: HashSet<&'static str> = NUMBER_WORDS["count-noun"],
        /// Words after a number with a decimal point that make it a quantity.
        quantity: HashSet<&'static str> = NUMBER_WORDS["quantity"],
        /// Units before which a three-decimal number is plausible in French.
        measure_units: HashSet<&'static str> = NUMBER_WORDS["measure-unit"],
        /// Words before a number that make it a section or version number.
        sections: HashSet<&'static str> = NUMBER_WORDS["section"],
        /// Words after `2.0 litres` that make it an engine's name.
        engine_after: HashSet<&'static str> = NUMBER_WORDS["engine-after"],
        /// Words before `2.0 litres` that make it an engine's name.
        engine_before: HashSet<&'static str> = NUMBER_WORDS["engine-before"],
        /// Words after a leading-dot number that make it a calibre.
        calibre_after: HashSet<&'static str> = NUMBER_WORDS["calibre-after"],
        /// Words before a leading-dot number that make it a calibre.
        calibre_before: HashSet<&'static str> = NUMBER_WORDS["calibre-before"],
    }
}

static WORDS: LazyLock<Words> = LazyLock::new(Words::load);

/// `(?:\W|$)` stands for `\b` (a Unicode `\b` stops the regex engine's fast
/// DFA on non-ASCII text); matches end at the magnitude, or at the number
/// (see [`BoundaryMatches::ending_at`]).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<cur>US\$|\$|£|€)?[ \x{a0}\x{202f}]?(?P<num>\d+(?:[.,]\d+)*)(?:[ \x{a0}\x{202f}]?(?P<mag>millions?|milliards?|billions?|trillions?|bn|M)(?:\W|$))?",
    )
    .expect("number pattern")
});

/// Whether `text` holds what every reported number holds (see `check`): a
/// point between digits (`3.5`, `1,234.5`), a comma before three digits
/// (`1,000`), or an English magnitude word after a number (`2 million`,
/// `3 billion`, `5bn`). French decimals (`12,50`) and plain numbers are
/// never reported, and a text with nothing else leaves [`NUMBER`] unbuilt.
fn may_report(text: &str, runs: impl IntoIterator<Item = (usize, usize)>) -> bool {
    runs.into_iter().any(|(_, end)| {
        let rest = &text[end..];
        if let Some(r) = rest.strip_prefix('.') {
            return starts_with_digit(r);
        }
        if let Some(r) = rest.strip_prefix(',') {
            // A group of three digits as `\d+` reads it, counted in bytes:
            // three ASCII digits, or digits beyond ASCII (let through).
            let ascii = r.bytes().take_while(u8::is_ascii_digit).count();
            return ascii == 3 || r.as_bytes().get(ascii).is_some_and(|&b| b >= 0x80);
        }
        let r = skip_word_space(rest);
        r.strip_prefix("million")
            .is_some_and(|m| !m.starts_with('s'))
            || ["billion", "trillion", "bn"]
                .iter()
                .any(|w| r.starts_with(w))
    })
}

/// A rating after a number that ends at `end`: `4.5/5`, `4.0 / 5`, `8.5 sur
/// 10`, `4.5 étoiles`.
fn is_rating(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(is_word_space);
    // `words`: after `sur`, the scale must end the rating (`4.5 sur 5.`,
    // `sur 10 points`), not count things (`3.2 sur 5 ports`).
    let out_of = |r: &str, words: bool| {
        let r = r.trim_start_matches(is_word_space);
        let n = r.bytes().take_while(u8::is_ascii_digit).count();
        let decimal = |c: char| c == '.' || c == ',';
        let more = r[n..].starts_with(|c: char| c.is_ascii_digit())
            || r[n..].starts_with(decimal) && r[n + 1..].starts_with(|c: char| c.is_ascii_digit());
        let tail = r[n..].trim_start_matches(is_word_space);
        matches!(&r[..n], "5" | "10" | "20" | "100")
            && !more
            && (!words
                || tail.is_empty()
                || tail.starts_with(|c: char| !c.is_alphanumeric())
                || tail.starts_with("étoile")
                || tail.starts_with("point"))
    };
    if let Some(r) = rest.strip_prefix('/') {
        return out_of(r, false);
    }
    if let Some(r) = rest.strip_prefix("sur ") {
        return out_of(r, true);
    }
    rest.starts_with("étoile")
}

/// The next word after `end`, if any.
fn next_word(text: &str, end: usize) -> &str {
    let rest = text[end..].trim_start_matches(is_word_space);
    if let Some(c) = rest.chars().next()
        && matches!(c, '%' | '€' | '$' | '£')
    {
        return &rest[..c.len_utf8()];
    }
    let n: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '°')
        .map(char::len_utf8)
        .sum();
    &rest[..n]
}

/// Where the next word after `end` ends (`end` itself when there is none).
fn after_word(text: &str, end: usize) -> usize {
    let rest = text[end..].trim_start_matches(is_word_space);
    let from = text.len() - rest.len();
    from + next_word(text, end).len()
}

/// The word right before `start`, if any (letters and digits).
fn word_before(text: &str, start: usize) -> &str {
    let head = text[..start].trim_end_matches(is_word_space);
    let n: usize = head
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum();
    &head[head.len() - n..]
}

/// The decimals written with a leading point and no integer part in
/// `text` (`.240`, `.306/.386/.420`), as English prints batting averages,
/// where French writes `0,240` (Québec's press `,240`): the span of the
/// point and its digits. Three or four digits, no more, the point after a
/// space, a bracket, the line's start, or a slash that follows another such
/// number (`.306/.386`, never a path); after the digits no letter, digit
/// or point before a digit (a file extension, a version, an address).
fn leading_points(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, _) in text.match_indices('.') {
        let n = bytes[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(3..=4).contains(&n) {
            continue;
        }
        let end = i + 1 + n;
        let before = text[..i].chars().next_back();
        let opens = match before {
            None | Some('\n' | ' ' | '\u{a0}' | '\u{202f}' | '(') => true,
            Some('/') => out.last().is_some_and(|s: &Span| s.end + 1 == i),
            _ => false,
        };
        let mut rest = text[end..].chars();
        let closes = match rest.next() {
            None => true,
            Some('.' | ',') => !rest.next().is_some_and(|c| c.is_alphanumeric()),
            Some(c) => !c.is_alphanumeric() && c != '_',
        };
        if opens && closes {
            out.push(Span::new(i, end));
        }
    }
    out
}

/// French form of a number written the English way: `1,234.5` → `1 234,5`.
fn frenchify(num: &str) -> String {
    let (int, dec) = match num.rfind('.') {
        Some(i) => (&num[..i], Some(&num[i + 1..])),
        None => (num, None),
    };
    let mut out = int.replace(',', "\u{202f}");
    if let Some(d) = dec {
        out.push(',');
        out.push_str(d);
    }
    out
}

fn value(num_fr: &str) -> Option<f64> {
    num_fr
        .replace('\u{202f}', "")
        .replace(',', ".")
        .parse()
        .ok()
}

fn currency_name(cur: &str, plural_de: bool) -> &'static str {
    match (cur, plural_de) {
        ("€", true) => "d’euros",
        ("€", false) => "€",
        ("£", true) => "de livres",
        ("£", false) => "£",
        (_, true) => "de dollars",
        (_, false) => "$",
    }
}

fn french_magnitude(mag: &str, v: f64) -> &'static str {
    let plural = v >= 2.0;
    match (mag, plural) {
        ("million" | "millions" | "M", false) => "million",
        ("million" | "millions" | "M", true) => "millions",
        ("billion" | "billions" | "bn", false) => "milliard",
        ("billion" | "billions" | "bn", true) => "milliards",
        ("milliard" | "milliards", false) => "milliard",
        ("milliard" | "milliards", true) => "milliards",
        (_, false) => "billion",
        (_, true) => "billions",
    }
}

impl Rule for EnglishNumberFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // The pattern starts with a digit; it is built and run only where
        // a number can be reported.
        if !ctx.doc.has_digit() {
            return;
        }
        if may_hold_split_thousands(text, ctx.doc.digit_runs()) {
            Self::report_split_thousands(text, sink);
        }
        if text.contains('.') {
            Self::report_leading_point(text, sink);
        }
        if !may_report(text, ctx.doc.digit_runs()) {
            return;
        }
        Self::report(text, sink);
    }

    fn warm_up(&self) {
        LazyLock::force(&NUMBER);
        LazyLock::force(&SPLIT_THOUSANDS);
        LazyLock::force(&WORDS);
    }
}

/// A thousands comma followed by a space: `8, 000 personnes`.
static SPLIT_THOUSANDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<a>\d{1,3}), (?P<b>\d{3})[ \x{a0}]").expect("split thousands pattern")
});

/// Whether `text` holds a number followed by `, ` and three digits.
fn may_hold_split_thousands(text: &str, runs: impl IntoIterator<Item = (usize, usize)>) -> bool {
    runs.into_iter().any(|(_, end)| {
        text[end..]
            .strip_prefix(", ")
            .is_some_and(|r| r.bytes().take_while(u8::is_ascii_digit).count() == 3)
    })
}

impl EnglishNumberFormat {
    /// Reports an English thousands comma split by a space (`8, 000
    /// personnes`): the group is `000` or a count noun follows, and the
    /// first number neither continues a word or a number nor a list of
    /// numbers (`1, 2, 300 personnes`).
    fn report_split_thousands(text: &str, sink: &mut Sink<'_>) {
        for caps in SPLIT_THOUSANDS.captures_iter(text) {
            let (Some(a), Some(b)) = (caps.name("a"), caps.name("b")) else {
                continue;
            };
            let before = &text[..a.start()];
            if before
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '-'))
            {
                continue;
            }
            // `1, 2, 300 personnes`: a list of numbers, not a thousand.
            let list = before
                .trim_end_matches(is_word_space)
                .strip_suffix(',')
                .is_some_and(|r| r.ends_with(|c: char| c.is_ascii_digit()));
            if list {
                continue;
            }
            let word = fold(next_word(text, b.end()));
            if b.as_str() != "000" && !WORDS.count_nouns.contains(word.as_ref()) {
                continue;
            }
            let span = Span::new(a.start(), b.end());
            sink.push(
                span,
                "thousands written the English way, split after the comma: French writes a space between thousands",
                Severity::Error,
                Some(Edit::possible(
                    span,
                    format!("{}\u{202f}{}", a.as_str(), b.as_str()),
                )),
            );
        }
    }

    /// Reports the decimals written with a leading point (`.240`), but a
    /// cartridge's calibre (`.357 Magnum`, `une balle de .22`... three
    /// digits at least here, with a calibre word on either side).
    fn report_leading_point(text: &str, sink: &mut Sink<'_>) {
        for found in leading_points(text) {
            let point = found.start;
            let digits = &text[point + 1..found.end];
            let next = fold(next_word(text, found.end));
            let prev = fold(word_before(text, point));
            if WORDS.calibre_after.contains(next.as_ref())
                || WORDS.calibre_before.contains(prev.as_ref())
            {
                continue;
            }
            sink.push(
                found,
                "decimal written the English way, with a leading point: French writes `0,` before the decimals",
                Severity::Error,
                Some(Edit::possible(found, format!("0,{digits}"))),
            );
        }
    }

    /// Reports the numbers of `text` written the English way.
    fn report(text: &str, sink: &mut Sink<'_>) {
        let end = |c: &Captures<'_>| {
            c.name("mag")
                .or_else(|| c.name("num"))
                .map_or(0, |m| m.end())
        };
        for (caps, whole) in BoundaryMatches::ending_at(&NUMBER, text, end) {
            let Some(num_m) = caps.name("num") else {
                continue;
            };
            let num = num_m.as_str();
            let cur = caps.name("cur").map(|m| m.as_str());
            let mag = caps.name("mag").map(|m| m.as_str());
            let start = if cur.is_some() {
                whole.start
            } else {
                num_m.start()
            };
            let before = text[..start].chars().next_back();
            let after = text[num_m.end()..].chars().next();
            // Part of a word, an identifier or a longer dotted/slashed token.
            if before.is_some_and(|c| {
                c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '-' | '_' | ':')
            }) && cur.is_none()
            {
                continue;
            }
            if after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '_' | '-'))
                && mag.is_none()
                && !(after == Some('/') && is_rating(text, num_m.end()))
            {
                continue;
            }
            // A sentence-final dot or comma is not part of the number; the
            // regex never takes it, since it needs a digit after.
            let seps: Vec<char> = num.chars().filter(|c| *c == '.' || *c == ',').collect();
            let groups: Vec<&str> = num.split(['.', ',']).collect();
            let next = next_word(text, whole.end);

            // English thousands commas, maybe with a decimal point.
            let commas_then_point = !seps.is_empty()
                && seps[..seps.len() - 1].iter().all(|&c| c == ',')
                && groups[1..groups.len() - 1].iter().all(|g| g.len() == 3)
                && groups[0].len() <= 3;
            let all_commas_thousands = seps.iter().all(|&c| c == ',')
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3);
            let english = if seps.len() >= 2 && all_commas_thousands {
                // 1,000,000
                Some(Severity::Error)
            } else if seps.len() >= 2
                && commas_then_point
                && seps[seps.len() - 1] == '.'
                && seps.len() >= 2
            {
                // 1,234.5
                Some(Severity::Error)
            } else if seps.len() == 1 && seps[0] == ',' && all_commas_thousands {
                // 1,000: round thousands or a count of people.
                let round = groups[1] == "000";
                let counted = WORDS.count_nouns.contains(&*fold(next));
                let measured = WORDS.measure_units.contains(next);
                if (round && !measured) || counted || cur.is_some() {
                    Some(Severity::Error)
                } else {
                    None
                }
            } else if seps.len() == 1 && seps[0] == '.' && groups[1].len() <= 2 {
                // 3.5 millions, 12.5 %, 4.5/5
                let quantity = mag.is_some()
                    || is_rating(text, num_m.end())
                    || cur.is_some()
                    || WORDS.quantity.contains(next)
                    || WORDS.quantity.contains(&*fold(next));
                let section = {
                    let prev = text[..start]
                        .trim_end()
                        .rsplit(|c: char| !c.is_alphanumeric() && c != '°' && c != '§')
                        .next()
                        .unwrap_or("");
                    WORDS.sections.contains(&*fold(prev))
                };
                // `2.0 litres diesel`, `les blocs 2.0 litres`: an engine
                // named by its displacement as its badge writes it.
                let engine = groups[0].len() == 1
                    && groups[1].len() == 1
                    && matches!(fold(next).as_ref(), "litre" | "litres" | "l")
                    && (WORDS
                        .engine_after
                        .contains(&*fold(next_word(text, after_word(text, whole.end))))
                        || WORDS
                            .engine_before
                            .contains(&*fold(word_before(text, start))));
                // `12.30 heures` is a time.
                let time = groups[1].len() == 2
                    && groups[0].parse::<u32>().is_ok_and(|h| h < 24)
                    && groups[1].parse::<u32>().is_ok_and(|m| m < 60)
                    && matches!(next, "h" | "heures" | "heure" | "hrs");
                (quantity && !section && !time && !engine).then_some(Severity::Error)
            } else {
                None
            };

            // A currency sign before the amount; English magnitude words.
            let value_as_written = value(&num.replace(',', ".")).unwrap_or(0.0);
            let english_magnitude = match mag {
                // Singular after 2 or more is English grammar; below 2 the
                // French `billion` (10^12) reads the same and may be right.
                Some("million" | "billion") => value_as_written >= 2.0,
                Some("trillion" | "bn") => true,
                _ => false,
            };
            // A currency sign alone before the amount (`£760`) is left to
            // house style: careful French translators write it too.
            let severity = if english.is_some() || english_magnitude {
                Severity::Error
            } else {
                continue;
            };

            // The French form.
            let num_fr = if english.is_some() {
                frenchify(num)
            } else {
                num.to_string()
            };
            let v = value(&num_fr).unwrap_or(0.0);
            let (span, replacement, message) = match (cur, mag) {
                (Some(c), Some(m)) => {
                    let fm = french_magnitude(m, v);
                    (
                        Span::new(start, whole.end),
                        format!("{num_fr} {fm} {}", currency_name(c, true)),
                        "amount written the English way: currency after the number in French",
                    )
                }
                (Some(c), None) => (
                    Span::new(start, num_m.end()),
                    format!("{num_fr}\u{a0}{}", currency_name(c, false)),
                    "amount written the English way: currency after the number in French",
                ),
                (None, Some(m)) if english_magnitude => {
                    let fm = french_magnitude(m, v);
                    (
                        Span::new(num_m.start(), whole.end),
                        format!("{num_fr} {fm}"),
                        "English magnitude word: in French `million` takes an s and a billion is a `milliard`",
                    )
                }
                _ => (
                    Span::new(num_m.start(), num_m.end()),
                    num_fr.clone(),
                    "number written the English way: French uses a decimal comma and spaces between thousands",
                ),
            };
            // Digits and separators only are certain; moving a currency or
            // changing a magnitude word rewords the amount.
            let edit = if cur.is_none() && (mag.is_none() || !english_magnitude) {
                Edit::certain(span, replacement)
            } else {
                Edit::possible(span, replacement)
            };
            sink.push(span, message, severity, Some(edit));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{
        assert_clean, assert_fixed, assert_marked, assert_prefilter_part, run,
    };
    use crate::text::chars::digit_runs;

    fn may_report(t: &str) -> bool {
        super::may_report(t, digit_runs(t))
    }

    #[test]
    fn flags_an_english_thousands_comma_split_by_a_space() {
        assert_marked(
            &EnglishNumberFormat,
            "Quelque ⟦8, 000⟧ personnes ont fui, puis ⟦3, 500⟧ habitants.",
        );
        assert_eq!(fixes("Quelque 8, 000 personnes"), ["8\u{202f}000"]);
        // A list of numbers, a decimal count and other nouns are left alone.
        for text in [
            "Les chapitres 1, 2, 300 personnes l'ont lu.",
            "Au kilomètre 12, 345 mètres plus loin.",
            "En 2019, 500 personnes sont venues.",
            "Les lots 12, 150 et 300 sont vendus.",
        ] {
            assert_clean(&EnglishNumberFormat, text);
        }
    }

    #[test]
    fn prefilter_never_hides_a_finding() {
        let cases = [
            "1,000 personnes, 1,234.5 km, 3.5 millions, 12.5 %, 4.5/5, 2 million, 3 billion, 5bn",
            "$1,500, £2.50, €3 trillion, 1,000,000, 12,345,678.9, ٣.٥ %, 1,٣٣٣ euros, 2\u{a0}million",
            "$1,٣5 et 1,٣5 personnes, 10,500 habitants, 4,000 ans, 2,5 millions, 12,50 €, 45 %, 7 billions, 3 millions",
        ];
        let found = assert_prefilter_part(
            &EnglishNumberFormat,
            |ctx, sink| EnglishNumberFormat::report(ctx.text(), sink),
            may_report,
            &cases,
        );
        assert!(found > 0);
        assert!(!may_report(
            "Le 5 mai 2024, 12,50 € pour 3 kg : 7 % en un an, 2 millions."
        ));
    }

    fn fixes(text: &str) -> Vec<String> {
        run(&EnglishNumberFormat, text)
            .into_iter()
            .map(|f| f.suggestion.map(|e| e.replacement).unwrap_or_default())
            .collect()
    }

    #[test]
    fn flags_english_numbers() {
        assert_marked(
            &EnglishNumberFormat,
            "⟦3.5⟧ millions de personnes, dont ⟦1,000⟧ enfants.",
        );
        assert_marked(
            &EnglishNumberFormat,
            "Il y a ⟦1,000,000⟧ de livres et ⟦2,300⟧ soldats.",
        );
        assert_marked(
            &EnglishNumberFormat,
            "Une hausse de ⟦12.5⟧ % et ⟦2.75⟧ euros.",
        );
        assert_marked(
            &EnglishNumberFormat,
            "Il a reçu ⟦$5 million⟧ et ⟦$2.50⟧, pas £760.",
        );
        assert_marked(
            &EnglishNumberFormat,
            "soit ⟦5 billion⟧ et ⟦12 million⟧ d'habitants",
        );
        assert_marked(&EnglishNumberFormat, "un total de ⟦1,234.5⟧ tonnes");
        assert_marked(
            &EnglishNumberFormat,
            "Note : ⟦4.0⟧ / 5, soit ⟦4.5⟧ étoiles ; ⟦8.5⟧/10 et ⟦4.5⟧ sur 5.",
        );
    }

    #[test]
    fn a_french_billion_below_two_is_left_alone() {
        // The French `billion` is 10^12: $1.9 trillion is `1,9 billion`.
        assert_clean(
            &EnglishNumberFormat,
            "Un plan de 1,9 billion de dollars, soit 1 billion et 3 billions.",
        );
        assert_marked(
            &EnglishNumberFormat,
            "Un plan de ⟦1,9 trillion⟧ et de ⟦2 billion⟧ de dollars.",
        );
    }

    #[test]
    fn suggests_the_french_form() {
        assert_eq!(fixes("3.5 millions"), vec!["3,5"]);
        assert_eq!(fixes("1,000,000 d'euros"), vec!["1\u{202f}000\u{202f}000"]);
        assert_eq!(fixes("$5 million"), vec!["5 millions de dollars"]);
        assert_eq!(fixes("$1.5 billion"), vec!["1,5 milliard de dollars"]);
        assert_eq!(fixes("€2.50"), vec!["2,50\u{a0}€"]);
        assert_eq!(fixes("5 billion"), vec!["5 milliards"]);
        assert_eq!(fixes("12 million"), vec!["12 millions"]);
        assert_eq!(fixes("4.0 / 5"), vec!["4,0"]);
        assert_fixed(
            &EnglishNumberFormat,
            "Note : 4.0 / 5, soit 4.5 étoiles.",
            "Note : 4,0 / 5, soit 4,5 étoiles.",
        );
        // Digits are certain; moving a currency or a magnitude rewords.
        assert_fixed(
            &EnglishNumberFormat,
            "dont 1,000 enfants et 3.5 millions, pour $5 million.",
            "dont 1\u{202f}000 enfants et 3,5 millions, pour $5 million.",
        );
    }

    #[test]
    fn flags_a_leading_point_decimal() {
        assert_marked(
            &EnglishNumberFormat,
            "Il n’a jamais frappé plus de ⟦.240⟧. Ligne de ⟦.306⟧/⟦.386⟧/⟦.420⟧ dans les mineures, (⟦.9940⟧).",
        );
        // The suggestion, applied, gives the French decimal.
        let text = "une moyenne de .181 cette année";
        let f = run(&EnglishNumberFormat, text);
        assert_eq!(f.len(), 1);
        let edit = f[0].suggestion.as_ref().expect("a suggestion");
        let fixed = format!(
            "{}{}{}",
            &text[..f[0].span.start],
            edit.replacement,
            &text[f[0].span.end..]
        );
        assert_eq!(fixed, "une moyenne de 0,181 cette année");
    }

    #[test]
    fn leaves_calibres_extensions_and_paths_alone() {
        assert_clean(
            &EnglishNumberFormat,
            "Un .357 Magnum, une balle .308 et un revolver .380 ; le fichier dir/.123 et v1.240 ; le .24015 ; 3 .5.",
        );
        assert_clean(
            &EnglishNumberFormat,
            "Le site .com, l’extension .mp4 et 0,240 de moyenne.",
        );
    }

    #[test]
    fn an_engine_named_by_its_displacement_is_no_english_decimal() {
        assert_clean(
            &EnglishNumberFormat,
            "Le 1.4 essence ou le 2.0 litres diesel ; les blocs 2.0 litres ; un moteur 1.6 l.",
        );
        assert_marked(
            &EnglishNumberFormat,
            "Ajoutez ⟦2.5⟧ litres d’eau, puis ⟦1.5⟧ l de lait.",
        );
    }

    #[test]
    fn leaves_french_and_technical_numbers_alone() {
        assert_clean(
            &EnglishNumberFormat,
            "3,5 millions, 1 000 personnes, 1,335 euros par litre, 5,330 mg, 1,5 million.",
        );
        assert_clean(
            &EnglishNumberFormat,
            "Version 1.2.3, IP 192.168.0.1, le 11.01.02 à 12.30, voir rubrique 5.1.",
        );
        assert_clean(
            &EnglishNumberFormat,
            "Une amende de 150.000 euros et 2.700.000 F ; Web 2.0 ; A3.5 ; 1,000 mg.",
        );
        assert_clean(
            &EnglishNumberFormat,
            "En 2019, 12 000 euros. Fin 3. Puis 4, 5 et 6.",
        );
        assert_clean(
            &EnglishNumberFormat,
            "Il est 12.30 h. Windows 3.1 est sorti. Le 49.3 et l'USB 3.2 sur 5 ports.",
        );
        assert_clean(
            &EnglishNumberFormat,
            "Android 14.1, iOS 17.2 et 2/5 ; la note 4,5/5 et 4,0 / 5 ; 3.5/50.",
        );
        // An entry of a FAQ, numbered as a section is.
        assert_clean(
            &EnglishNumberFormat,
            "Se référer à la FAQ 6.27 pour les détails.",
        );
        assert_eq!(fixes("Mettre à 1.0 pour une copie"), vec!["1,0"]);
    }
}
