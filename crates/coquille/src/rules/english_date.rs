use crate::data;
use crate::declare_rule;
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::{is_apostrophe, is_word_space, starts_with_digit};
use crate::text::references::{is_reference, line_around};
use crate::text::regex_util::BoundaryMatches;
use crate::text::{RegionKind, opens_sentence};
use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

declare_rule! {
    /// Dates written the English way: `December 5`, `Jun 29, 2023`, `octobre 24, 2025`, `5th`, `12/25/2024`, `le 5 Décembre`.
    ///
    /// ## What it does
    /// Reports, with the French date as suggestion:
    /// - an English month name before the day (`December 5`, `Dec. 5,
    ///   2024`, `Monday, December 5`) or before a year (`March 2023`):
    ///   `5 décembre`, `5 décembre 2024`, `lundi 5 décembre` (error);
    /// - a French month in the English order, day after month and year after
    ///   a comma (`octobre 24, 2025` → `24 octobre 2025`), or after a
    ///   weekday and a comma (`mardi, octobre 24`) (error);
    /// - an English ordinal (`5th`, `21st`, `2nd`) → `5e`, `21e`, `2e`
    ///   (`1st` is `1er` or `1re`: no suggestion) (error);
    /// - a US numeric date, month first, when the day is above 12
    ///   (`12/25/2024` → `25/12/2024`), and every slashed date of a document
    ///   that has one (error);
    /// - a capital on a French month after a day number or before a year
    ///   (`le 5 Décembre`, `en Septembre 1998`) and on a day name after an
    ///   article or before a day number (`le Lundi 3`) (warning).
    ///
    /// ## Why it matters
    /// French writes the day before the month, without a comma before the
    /// year, with `1er` and `5e` as ordinals, and with month and day names in
    /// lower case (`le lundi 5 décembre 2024`). Machine translation often
    /// keeps the English order, and a French reader stops at `December 5` or
    /// `octobre 24, 2025`; `12/05/2024` even reads as the wrong date.
    ///
    /// ## Example
    /// Bad: `Publié le octobre 24, 2025 à Dallas, mis à jour Jun 29, 2023`
    ///
    /// Good: `Publié le 24 octobre 2025 à Dallas, mis à jour le 29 juin 2023`
    ///
    /// ## Not flagged
    /// English dates inside an English phrase (`on December 5`, `May the
    /// 4th`) or cited in a bibliographic reference or an embedded post's
    /// byline (`The Guardian, October 4, 2001`, `(@compte) April 12, 2023`:
    /// see `text::references`), `May` after a capitalised name (`Theresa May 2016`), ordinals
    /// before a capitalised name (`20th Century Fox`, `5th Avenue`),
    /// slashed dates with the day first (`25/12/2024`) or ambiguous in a
    /// document without a US date, capitalised dates that name a holiday or
    /// an event (`le 14 Juillet`, `le 1er Mai`, `le 11 Novembre`: the list is
    /// in `data/calendar-en-fr.txt`) unless a year follows, day names in
    /// `Mardi gras`, `Vendredi saint`, `Lundi de Pâques`, `Jeudi noir`, and a
    /// capital at the start of a sentence or after a colon.
    ///
    /// ## Known false positives
    /// A capitalised month in the title of a work (`le film 5 Décembre`).
    pub struct EnglishDate {
        id: "english-date",
        category: Locale,
        severity: Error,
    }
}

struct Name {
    french: &'static str,
    english: &'static str,
    abbreviations: Vec<&'static str>,
}

struct Calendar {
    months: Vec<Name>,
    days: Vec<Name>,
    holidays: HashSet<(&'static str, &'static str)>,
    /// English words that show the date is inside an English phrase.
    english_before: HashSet<&'static str>,
    /// Words after a capitalised day name that make it part of a name.
    day_name_parts: HashSet<&'static str>,
    /// Words before a day name that make it a date.
    day_determiners: HashSet<&'static str>,
    /// Words after a day name that make it a date.
    day_followers: HashSet<&'static str>,
}

fn names(class: &str) -> Vec<Name> {
    data::CALENDAR
        .class(class)
        .map(|entry| {
            let fields: Vec<&'static str> = entry.split('\t').map(str::trim).collect();
            let [french, english, abbreviations] = fields[..] else {
                panic!("data/calendar-en-fr.txt: `{entry}`: expected `French<TAB>English<TAB>abbreviations`");
            };
            Name {
                french,
                english,
                abbreviations: abbreviations
                    .split(' ')
                    .filter(|a| *a != "-" && !a.is_empty())
                    .collect(),
            }
        })
        .collect()
}

static CALENDAR: LazyLock<Calendar> = LazyLock::new(|| {
    let cal = Calendar {
        months: names("month"),
        days: names("day"),
        holidays: data::CALENDAR
            .class("holiday")
            .map(|h| {
                h.split_once(' ').unwrap_or_else(|| {
                    panic!("data/calendar-en-fr.txt: holiday `{h}`: expected `day month`")
                })
            })
            .collect(),
        english_before: data::CALENDAR.class("english-before").collect(),
        day_name_parts: data::CALENDAR.class("day-name-part").collect(),
        day_determiners: data::CALENDAR.class("day-determiner").collect(),
        day_followers: data::CALENDAR.class("day-follower").collect(),
    };
    assert_eq!(cal.months.len(), 12, "data/calendar-en-fr.txt: 12 months");
    assert_eq!(cal.days.len(), 7, "data/calendar-en-fr.txt: 7 days");
    cal
});

/// `a|b|c`, longest first so that `September` wins over `Sept`.
fn alternation<S: AsRef<str>>(words: impl Iterator<Item = S>) -> String {
    let mut v: Vec<S> = words.collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.as_ref().len()));
    v.iter()
        .map(|w| regex::escape(w.as_ref()))
        .collect::<Vec<_>>()
        .join("|")
}

fn capitalised(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The French month names, lower-case and capitalised.
fn french_months() -> String {
    alternation(
        CALENDAR
            .months
            .iter()
            .flat_map(|m| [m.french.to_string(), capitalised(m.french)]),
    )
}

/// An English month (full or abbreviated) before a day or a year, maybe
/// after a weekday.
static EN_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let cal = &*CALENDAR;
    let months = alternation(
        cal.months
            .iter()
            .flat_map(|m| std::iter::once(m.english).chain(m.abbreviations.iter().copied())),
    );
    let days = alternation(
        cal.days
            .iter()
            .flat_map(|d| std::iter::once(d.english).chain(d.abbreviations.iter().copied())),
    );
    Regex::new(&format!(
        r"(?:(?P<wd>{days})\.?,? )?(?P<m>{months})(?P<dot>\.)?[ \x{{a0}}](?:(?P<yo>\d{{4}})|(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?[ \x{{a0}}](?P<y>\d{{4}}))?)"
    ))
    .expect("english date pattern")
});

/// A French month before its day, with a comma before the year or after a
/// weekday: `octobre 24, 2025`, `mardi, octobre 24`.
static FR_DATE_EN_ORDER: LazyLock<Regex> = LazyLock::new(|| {
    let cal = &*CALENDAR;
    let days = alternation(
        cal.days
            .iter()
            .flat_map(|d| [d.french.to_string(), capitalised(d.french)]),
    );
    Regex::new(&format!(
        r"(?:(?P<wd>{days}), )?(?P<m>{})[ \x{{a0}}](?P<d>\d{{1,2}})(?:, (?P<y>\d{{4}}))?",
        french_months()
    ))
    .expect("french date in English order pattern")
});

/// An English ordinal: `5th`, `21st`.
static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?P<n>\d{1,4})(?:st|nd|rd|th)").expect("ordinal pattern"));

/// A capitalised French month after a day number or a word that takes a
/// year: `5 Décembre`, `en Septembre 1998`.
static CAPITAL_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let cal = &*CALENDAR;
    let months = alternation(cal.months.iter().map(|m| capitalised(m.french)));
    Regex::new(&format!(
        r"(?:(?P<day>1er|\d{{1,2}})|en|début|fin|courant|depuis|jusqu['’]en|mois de)[ \x{{a0}}](?P<m>{months})(?P<y>[ \x{{a0}}]\d{{4}})?"
    ))
    .expect("capital month pattern")
});

/// The capitalised French month and day names: one of them is in every
/// match of [`CAPITAL_MONTH`] and [`CAPITAL_DAY`].
static CAPITAL_NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let cal = &*CALENDAR;
    cal.months
        .iter()
        .map(|m| capitalised(m.french))
        .chain(cal.days.iter().map(|d| capitalised(d.french)))
        .collect()
});

/// A capitalised French day name.
static CAPITAL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let cal = &*CALENDAR;
    let days = alternation(cal.days.iter().map(|d| capitalised(d.french)));
    Regex::new(&format!(r"(?:{days})s?")).expect("capital day pattern")
});

/// A numeric date with slashes: `12/25/2024`, `5/08/19`.
static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})").expect("slashed date pattern")
});

// What every match of a pattern holds around one of its numbers: a text
// without it leaves the pattern unbuilt and unsearched (building the
// patterns costs more than checking a short text).

/// How many letters (`char::is_alphabetic`) `s` ends with, counted up to
/// `most`.
fn trailing_letters(s: &str, most: usize) -> usize {
    s.chars()
        .rev()
        .take(most)
        .take_while(|c| c.is_alphabetic())
        .count()
}

/// The fewest letters an English month name or abbreviation ends with, and
/// a French month name: a word that ends with fewer letters ends with none
/// of them (a text ending with a name ends with at least its letters). A
/// number after `le`, `en` or `à` is looked at no further.
static MONTH_LETTERS: LazyLock<[usize; 2]> = LazyLock::new(|| {
    let fewest = |forms: &mut dyn Iterator<Item = &str>| {
        forms
            .map(|f| trailing_letters(f, usize::MAX))
            .min()
            .unwrap_or(0)
    };
    let cal = &*CALENDAR;
    [
        fewest(
            &mut cal
                .months
                .iter()
                .flat_map(|m| std::iter::once(m.english).chain(m.abbreviations.iter().copied())),
        ),
        fewest(&mut FRENCH_NAMES[0].iter().map(String::as_str)),
    ]
});

/// Whether a number of `text` follows an English month name or
/// abbreviation, maybe with a dot, and a space or no-break space: what
/// every match of [`EN_DATE`] holds.
fn may_hold_english_date(text: &str, runs: impl IntoIterator<Item = (usize, usize)>) -> bool {
    let cal = &*CALENDAR;
    let least = MONTH_LETTERS[0];
    runs.into_iter().any(|(start, _)| {
        let Some(before) = text[..start].strip_suffix([' ', '\u{a0}']) else {
            return false;
        };
        let undotted = before.strip_suffix('.').unwrap_or(before);
        if trailing_letters(before, least) < least && trailing_letters(undotted, least) < least {
            return false;
        }
        cal.months.iter().any(|m| {
            std::iter::once(m.english)
                .chain(m.abbreviations.iter().copied())
                .any(|w| before.ends_with(w) || undotted.ends_with(w))
        })
    })
}

/// The French month and day names, each lower case and capitalised.
static FRENCH_NAMES: LazyLock<[Vec<String>; 2]> = LazyLock::new(|| {
    let forms = |names: &[Name]| -> Vec<String> {
        names
            .iter()
            .flat_map(|n| [n.french.to_string(), capitalised(n.french)])
            .collect()
    };
    [forms(&CALENDAR.months), forms(&CALENDAR.days)]
});

/// Whether `text` may hold a match of [`FR_DATE_EN_ORDER`] with a year or
/// a weekday (the others report nothing): a French month, a space and a
/// number followed by `, ` and a digit, or with `DAY, ` before the month.
fn may_hold_french_in_english_order(
    text: &str,
    runs: impl IntoIterator<Item = (usize, usize)>,
) -> bool {
    let [months, days] = &*FRENCH_NAMES;
    let least = MONTH_LETTERS[1];
    runs.into_iter().any(|(start, end)| {
        let Some(before) = text[..start].strip_suffix([' ', '\u{a0}']) else {
            return false;
        };
        if trailing_letters(before, least) < least {
            return false;
        }
        let year = || {
            text[end..]
                .strip_prefix(", ")
                .is_some_and(starts_with_digit)
        };
        months
            .iter()
            .filter_map(|m| before.strip_suffix(m.as_str()))
            .any(|b| {
                year()
                    || b.strip_suffix(", ")
                        .is_some_and(|b| days.iter().any(|d| b.ends_with(d.as_str())))
            })
    })
}

/// Whether a number of `text` is followed by `st`, `nd`, `rd` or `th`
/// (every match of [`ORDINAL`]).
fn may_hold_ordinal(text: &str, runs: impl IntoIterator<Item = (usize, usize)>) -> bool {
    runs.into_iter().any(|(_, end)| {
        let rest = &text[end..];
        ["st", "nd", "rd", "th"].iter().any(|s| rest.starts_with(s))
    })
}

/// Whether a number of `text` is followed by a slash and a digit (every
/// match of [`SLASHED`]).
fn may_hold_slashed(text: &str, runs: impl IntoIterator<Item = (usize, usize)>) -> bool {
    runs.into_iter()
        .any(|(_, end)| text[end..].strip_prefix('/').is_some_and(starts_with_digit))
}

fn next_char(text: &str, pos: usize) -> Option<char> {
    text[pos..].chars().next()
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// The word (letters, apostrophes, hyphens) before `pos` on the same line,
/// skipping spaces (within 100 bytes), with the character just before that
/// word.
fn word_before(text: &str, pos: usize) -> (&str, Option<char>) {
    let mut from = pos.saturating_sub(100);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let line_start = text[from..pos].rfind('\n').map_or(from, |i| from + i + 1);
    let before = text[line_start..pos].trim_end_matches(is_word_space);
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || is_apostrophe(c) || c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    (word, before[..start].chars().next_back())
}

/// The word after `pos` (after spaces), on the same line.
fn word_after(text: &str, pos: usize) -> &str {
    let rest = text[pos..].trim_start_matches(is_word_space);
    let n: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-' || is_apostrophe(*c))
        .map(char::len_utf8)
        .sum();
    &rest[..n]
}

fn french_month_of(word: &str) -> Option<&'static Name> {
    let w = word.trim_end_matches('.');
    CALENDAR.months.iter().find(|m| {
        m.english == w
            || m.abbreviations.contains(&w)
            || m.french == w
            || capitalised(m.french) == w
    })
}

fn french_day_of(word: &str) -> Option<&'static str> {
    let w = word.trim_end_matches('.');
    CALENDAR
        .days
        .iter()
        .find(|d| {
            d.english == w
                || d.abbreviations.contains(&w)
                || d.french == w
                || capitalised(d.french) == w
        })
        .map(|d| d.french)
}

fn day_number(d: &str) -> Option<u32> {
    d.parse::<u32>().ok().filter(|n| (1..=31).contains(n))
}

/// `5 décembre 2024`, `1er décembre`, `lundi 5 décembre`, capitalised at the
/// start of a sentence.
fn french_date(
    weekday: Option<&str>,
    day: Option<u32>,
    month: &str,
    year: Option<&str>,
    initial: bool,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(w) = weekday {
        parts.push(w.to_string());
    }
    match day {
        Some(1) => parts.push("1er".into()),
        Some(d) => parts.push(d.to_string()),
        None => {}
    }
    parts.push(month.to_string());
    if let Some(y) = year {
        parts.push(y.to_string());
    }
    let s = parts.join(" ");
    if initial { capitalised(&s) } else { s }
}

fn in_prose(ctx: &Context<'_>, span: Span) -> bool {
    !ctx.doc.regions().covers(&RegionKind::NOT_PROSE, span.start)
}

/// A date cited in its source's style: in a bibliographic reference or the
/// byline of an embedded post.
fn cited(ctx: &Context<'_>, span: Span) -> bool {
    is_reference(line_around(ctx.text(), span.start, 300))
}

impl EnglishDate {
    fn english_dates(ctx: &Context<'_>, sink: &mut Sink<'_>) -> bool {
        let text = ctx.text();
        let mut found = false;
        for (caps, whole) in BoundaryMatches::new(&EN_DATE, text) {
            let Some(m) = caps.name("m") else { continue };
            if next_char(text, whole.end).is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let month_word = m.as_str();
            let abbreviated = !CALENDAR.months.iter().any(|n| n.english == month_word);
            // `Sept 747 livrés`: a French `Sept` needs the dot or a year.
            if month_word == "Sept" && caps.name("dot").is_none() && caps.name("y").is_none() {
                continue;
            }
            let (prev, _) = word_before(text, whole.start);
            if CALENDAR
                .english_before
                .contains(prev.to_lowercase().as_str())
            {
                continue;
            }
            // `Theresa May 2016`, `Brian May 3`: a name.
            if month_word == "May" && prev.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let day = match caps.name("d") {
                Some(d) => match day_number(d.as_str()) {
                    Some(n) => Some(n),
                    None => continue,
                },
                None => None,
            };
            // A month and a year alone are English only when the month is
            // spelt out: `Mar 2023` may be anything.
            if day.is_none() && abbreviated {
                continue;
            }
            if !in_prose(ctx, whole) || cited(ctx, whole) {
                continue;
            }
            let Some(month) = french_month_of(month_word) else {
                continue;
            };
            let weekday = caps.name("wd").and_then(|w| french_day_of(w.as_str()));
            let year = caps
                .name("y")
                .or_else(|| caps.name("yo"))
                .map(|y| y.as_str());
            let fix = french_date(
                weekday,
                day,
                month.french,
                year,
                opens_sentence(text, whole.start),
            );
            found = true;
            sink.report_fix(
                whole,
                format!("date in English: write `{fix}` (day before month, month in French)"),
                fix,
            );
        }
        found
    }

    fn french_in_english_order(ctx: &Context<'_>, sink: &mut Sink<'_>) -> bool {
        let text = ctx.text();
        let mut found = false;
        for (caps, whole) in BoundaryMatches::new(&FR_DATE_EN_ORDER, text) {
            let (Some(m), Some(d)) = (caps.name("m"), caps.name("d")) else {
                continue;
            };
            let weekday = caps.name("wd");
            let year = caps.name("y");
            if year.is_none() && weekday.is_none() {
                continue;
            }
            if next_char(text, whole.end).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Some(day) = day_number(d.as_str()) else {
                continue;
            };
            if !in_prose(ctx, whole) {
                continue;
            }
            let Some(month) = french_month_of(m.as_str()) else {
                continue;
            };
            let fix = french_date(
                weekday.and_then(|w| french_day_of(w.as_str())),
                Some(day),
                month.french,
                year.map(|y| y.as_str()),
                opens_sentence(text, whole.start),
            );
            found = true;
            sink.report_fix(
                whole,
                format!("date in the English order: write `{fix}`"),
                fix,
            );
        }
        found
    }

    fn ordinals(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for (caps, whole) in BoundaryMatches::new(&ORDINAL, text) {
            let Some(n) = caps.name("n") else { continue };
            if next_char(text, whole.end).is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let (prev, _) = word_before(text, whole.start);
            if prev.eq_ignore_ascii_case("the") {
                continue;
            }
            // `20th Century Fox`, `5th Avenue`: part of a name.
            if word_after(text, whole.end)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
            {
                continue;
            }
            if !in_prose(ctx, whole) {
                continue;
            }
            let n = n.as_str().trim_start_matches('0');
            if n == "1" {
                sink.report(
                    whole,
                    "English ordinal: write `1er` (or `1re` in the feminine)",
                );
            } else if !n.is_empty() {
                let fix = format!("{n}e");
                sink.report_fix(whole, format!("English ordinal: write `{fix}`"), fix);
            }
        }
    }

    fn slashed(ctx: &Context<'_>, sink: &mut Sink<'_>, us_evidence: bool) {
        let text = ctx.text();
        let mut dates: Vec<(Span, u32, u32, &str, &str, &str)> = Vec::new();
        for (caps, whole) in BoundaryMatches::new(&SLASHED, text) {
            let (Some(a), Some(b), Some(y)) = (caps.name("a"), caps.name("b"), caps.name("y"))
            else {
                continue;
            };
            if prev_char(text, whole.start).is_some_and(|c| matches!(c, '/' | '.' | '-'))
                || next_char(text, whole.end)
                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-'))
            {
                continue;
            }
            let (Ok(an), Ok(bn)) = (a.as_str().parse::<u32>(), b.as_str().parse::<u32>()) else {
                continue;
            };
            if !(1..=12).contains(&an) || !(1..=31).contains(&bn) || !in_prose(ctx, whole) {
                continue;
            }
            dates.push((whole, an, bn, a.as_str(), b.as_str(), y.as_str()));
        }
        let us = us_evidence || dates.iter().any(|d| d.2 > 12);
        if !us {
            return;
        }
        for (span, an, bn, a, b, y) in dates {
            if an == bn {
                continue;
            }
            let fix = format!("{b}/{a}/{y}");
            let message = if bn > 12 {
                format!("US date, month first: write `{fix}` (day first in French)")
            } else {
                format!(
                    "US date, month first, in a text with US dates: write `{fix}` (day first in French)"
                )
            };
            if bn > 12 {
                sink.report_fix(span, message, fix);
            } else {
                sink.report_suggestion(span, message, fix);
            }
        }
    }

    fn capital_months(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for (caps, whole) in BoundaryMatches::new(&CAPITAL_MONTH, text) {
            let Some(m) = caps.name("m") else { continue };
            if next_char(text, m.end()).is_some_and(|c| c.is_alphanumeric() || c == '-') {
                continue;
            }
            let year = caps.name("y");
            if year.is_some_and(|y| next_char(text, y.end()).is_some_and(|c| c.is_alphanumeric())) {
                continue;
            }
            let lower = m.as_str().to_lowercase();
            match caps.name("day") {
                Some(day) => {
                    if prev_char(text, whole.start)
                        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/'))
                    {
                        continue;
                    }
                    if day.as_str() != "1er" && day_number(day.as_str()).is_none() {
                        continue;
                    }
                    if year.is_none() && CALENDAR.holidays.contains(&(day.as_str(), lower.as_str()))
                    {
                        continue;
                    }
                }
                None => {
                    if year.is_none() {
                        continue;
                    }
                }
            }
            if !in_prose(ctx, whole) {
                continue;
            }
            let span = Span::new(m.start(), m.end());
            sink.push(
                span,
                format!("month names take no capital in French: write `{lower}`"),
                Severity::Warning,
                Some(Edit::certain(span, lower.clone())),
            );
        }
    }

    fn capital_days(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for (_, whole) in BoundaryMatches::new(&CAPITAL_DAY, text) {
            if next_char(text, whole.end).is_some_and(|c| c.is_alphanumeric() || c == '-') {
                continue;
            }
            if opens_sentence(text, whole.start) {
                continue;
            }
            let (prev, _) = word_before(text, whole.start);
            let next = word_after(text, whole.end);
            let next_lower = next.to_lowercase();
            if CALENDAR.day_name_parts.contains(next_lower.as_str()) {
                continue;
            }
            let dated = CALENDAR
                .day_determiners
                .contains(prev.to_lowercase().as_str())
                || CALENDAR.day_followers.contains(next_lower.as_str())
                || next == "1er"
                || day_number(next).is_some();
            if !dated || !in_prose(ctx, whole) {
                continue;
            }
            let lower = whole.slice(text).to_lowercase();
            sink.push(
                whole,
                format!("day names take no capital in French: write `{lower}`"),
                Severity::Warning,
                Some(Edit::certain(whole, lower.clone())),
            );
        }
    }
}

impl Rule for EnglishDate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        // English dates, French ones in English order, ordinals and slashed
        // dates all hold a digit.
        // Each is searched only where it can match (see
        // `may_hold_english_date` and the others).
        if ctx.doc.has_digit() {
            let text = ctx.text();
            let runs = || ctx.doc.digit_runs();
            let english = may_hold_english_date(text, runs()) && Self::english_dates(ctx, sink);
            if may_hold_french_in_english_order(text, runs()) {
                Self::french_in_english_order(ctx, sink);
            }
            if may_hold_ordinal(text, runs()) {
                Self::ordinals(ctx, sink);
            }
            if may_hold_slashed(text, runs()) {
                Self::slashed(ctx, sink, english);
            }
        }
        // Capitalised French month and day names: only where one occurs.
        let text = ctx.text();
        if CAPITAL_NAMES.iter().any(|n| text.contains(n.as_str())) {
            Self::capital_months(ctx, sink);
            Self::capital_days(ctx, sink);
        }
    }

    fn warm_up(&self) {
        LazyLock::force(&CALENDAR);
        LazyLock::force(&FRENCH_NAMES);
        LazyLock::force(&MONTH_LETTERS);
        LazyLock::force(&EN_DATE);
        LazyLock::force(&FR_DATE_EN_ORDER);
        LazyLock::force(&ORDINAL);
        LazyLock::force(&CAPITAL_MONTH);
        LazyLock::force(&CAPITAL_DAY);
        LazyLock::force(&SLASHED);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{
        assert_clean, assert_fixed, assert_marked, assert_prefilter, assert_prefilter_part, run,
    };

    use crate::text::chars::digit_runs;

    // The prefilters over the text's own digit runs.
    fn may_hold_english_date(t: &str) -> bool {
        super::may_hold_english_date(t, digit_runs(t))
    }
    fn may_hold_french_in_english_order(t: &str) -> bool {
        super::may_hold_french_in_english_order(t, digit_runs(t))
    }
    fn may_hold_ordinal(t: &str) -> bool {
        super::may_hold_ordinal(t, digit_runs(t))
    }
    fn may_hold_slashed(t: &str) -> bool {
        super::may_hold_slashed(t, digit_runs(t))
    }

    #[test]
    fn prefilters_never_hide_a_finding() {
        let cases = [
            "December 5, 2024, Dec. 5, Sept 11, May 2016, Monday, March 3rd, Mar\u{a0}٣",
            "octobre 24, 2025, mardi, octobre 24, Mardi, Octobre 24, le 5 mai 2024, août 15, 2020",
            "the 5th, 21st, 2nd, 3rd, 11th, 12/25/2024, 5/08/19, ١٢/٣/٢٠٢٤, 1/2",
            "dimanche, décembre 3, Samedi, Août 12, 2021",
        ];
        let rule = &EnglishDate;
        let n = assert_prefilter_part(
            rule,
            |ctx, sink| {
                EnglishDate::english_dates(ctx, sink);
            },
            may_hold_english_date,
            &cases,
        );
        assert!(n > 0);
        let n = assert_prefilter_part(
            rule,
            |ctx, sink| {
                EnglishDate::french_in_english_order(ctx, sink);
            },
            may_hold_french_in_english_order,
            &cases,
        );
        assert!(n > 0);
        // The patterns themselves, stricter than the findings.
        assert!(assert_prefilter(&EN_DATE, may_hold_english_date, &cases) > 0);
        assert!(assert_prefilter(&ORDINAL, may_hold_ordinal, &cases) > 0);
        assert!(assert_prefilter(&SLASHED, may_hold_slashed, &cases) > 0);
        // A month name is three letters or more (`mai`, `Dec`).
        assert_eq!(*MONTH_LETTERS, [3, 3]);
        let plain = "Le 5 mai 2024, le prix est passé à 12,50 € pour 3 kg : 7 % en un an.";
        assert!(!may_hold_english_date(plain));
        assert!(!may_hold_french_in_english_order(plain));
        assert!(!may_hold_ordinal(plain));
        assert!(!may_hold_slashed(plain));
    }

    #[test]
    fn flags_english_month_order() {
        assert_marked(&EnglishDate, "Le sommet aura lieu le ⟦December 5⟧ à Paris.");
        assert_marked(&EnglishDate, "Mis à jour ⟦Jun 29, 2023⟧ par la rédaction");
        assert_marked(&EnglishDate, "publié ⟦Dec. 5, 2024⟧ et ⟦May 02, 2023⟧");
        assert_marked(&EnglishDate, "Réunion ⟦Monday, December 5⟧ au siège.");
        assert_marked(&EnglishDate, "depuis ⟦March 2023⟧, les prix montent");
        assert_marked(&EnglishDate, "Publié le ⟦octobre 24, 2025⟧ à 10 h.");
        assert_marked(&EnglishDate, "le ⟦mardi, octobre 24⟧ au soir");
    }

    #[test]
    fn suggests_the_french_date() {
        assert_fixed(
            &EnglishDate,
            "Le sommet aura lieu le December 5 à Paris.",
            "Le sommet aura lieu le 5 décembre à Paris.",
        );
        assert_fixed(
            &EnglishDate,
            "publié Dec. 1, 2024",
            "publié 1er décembre 2024",
        );
        assert_fixed(
            &EnglishDate,
            "Jun 29, 2023 – Dallas",
            "29 juin 2023 – Dallas",
        );
        assert_fixed(
            &EnglishDate,
            "Réunion Monday, December 5 au siège.",
            "Réunion lundi 5 décembre au siège.",
        );
        assert_fixed(
            &EnglishDate,
            "Publié le octobre 24, 2025.",
            "Publié le 24 octobre 2025.",
        );
        assert_fixed(&EnglishDate, "le 5th anniversaire", "le 5e anniversaire");
        assert_fixed(&EnglishDate, "le 12/25/2024 à midi", "le 25/12/2024 à midi");
        assert_fixed(&EnglishDate, "le 5 Décembre", "le 5 décembre");
        assert_fixed(&EnglishDate, "le Lundi 3 mars", "le lundi 3 mars");
    }

    #[test]
    fn flags_ordinals_and_us_numeric_dates() {
        assert_marked(
            &EnglishDate,
            "pour son ⟦5th⟧ anniversaire, le ⟦21st⟧ siècle",
        );
        assert_marked(&EnglishDate, "arrivé ⟦1st⟧.");
        assert_marked(&EnglishDate, "le ⟦12/25/2024⟧, puis le ⟦03/04/2025⟧");
        assert_marked(&EnglishDate, "le ⟦December 5⟧, puis le ⟦03/04/2025⟧");
        let f = run(&EnglishDate, "le 12/25/2024");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn flags_capitalised_months_and_days_as_warnings() {
        assert_marked(&EnglishDate, "le 5 ⟦Décembre⟧, puis le 1er ⟦Mars⟧");
        assert_marked(&EnglishDate, "le 14 ⟦Juillet⟧ 1789 et en ⟦Septembre⟧ 1998");
        assert_marked(&EnglishDate, "le ⟦Lundi⟧ 3 mars et ce ⟦Mardi⟧ matin");
        let f = run(&EnglishDate, "le 5 Décembre");
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn leaves_french_dates_and_names_alone() {
        for text in [
            "Le sommet aura lieu le 5 décembre 2024 à Paris.",
            "le lundi 3 mars, et mardi 4 mars.",
            "le défilé du 14 Juillet, la fête du 1er Mai et le 11 Novembre",
            "Mardi gras, le Vendredi saint, le Lundi de Pâques, le Jeudi noir",
            "Robinson et Vendredi. Mardi, il pleuvra. Samedi 10 mars : départ.",
            "It happened on December 5, 2024. May the 4th be with you.",
            "- (en) Maggie O'Kane, This time, The Guardian, December 5, 2002.",
            "— 941 (@analyst941) April 12, 2023",
            "sous Theresa May 2016 et Brian May 3 fois",
            "la 20th Century Fox et la 5th Avenue",
            "le 25/12/2024, le 05/08/2019 et 3/4 des voix",
            "https://exemple.fr/2024/12/25/article et www.x.fr/12/25/2024",
            "Sept 747 ont été livrés. En mai 2019, 12 000 personnes.",
            "en mai 2019, 12 personnes ; octobre 2022 ; Mai 68.",
            "atterrir sur Mars en 2030 ; la planète Mars",
        ] {
            assert_clean(&EnglishDate, text);
        }
    }
}
