use crate::data;
use crate::declare_rule;
use crate::rule::{Context, Edit, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::chars::{is_word_space, skip_word_space};
use crate::text::folded_chars;
use crate::text::regex_util::{BoundaryMatches, WindowMatches};
use aho_corasick::AhoCorasick;
use regex::{Captures, Regex};
use std::sync::LazyLock;

declare_rule! {
    /// Imperial or US units left in French text: `55 miles`, `24 à 32 pouces`, `1,2 oz`, `75 °F`.
    ///
    /// ## What it does
    /// Finds a number (or a range `24 à 32`) followed by an imperial or US
    /// unit, whether the translation kept the English name (`miles`, `feet`,
    /// `inches`, `yards`, `pounds`, `lbs`, `ounces`, `oz`, `mph`, `square
    /// feet`) or translated it into a unit no French measure goes by
    /// (`milles`, `pieds`, `pouces`, `verges`, `gallons`): an error; units
    /// French also has or names on purpose (`livres`, `onces`, `acres`,
    /// `°F`, `degrés Fahrenheit`) and feet in aviation (`30 000 pieds
    /// d'altitude`) are warnings. It suggests the metric value: `55 miles` →
    /// `environ 89 km`, `95 °F` → `35 °C`. The converted value keeps two
    /// significant digits (temperatures are rounded to the degree, and lose
    /// their `environ` when exact); no suggestion is made when the number
    /// itself is ambiguous (`1,200 miles`: 1.2 or 1200?).
    ///
    /// Fahrenheit given as plain `degrés`, `°` or `F` (`il fera 95 degrés à
    /// Dallas`, `moins 12 F`) is an error with the Celsius value as
    /// suggestion, when the sentence is about the weather (not angles,
    /// cooking, alcohol or fire) and the value cannot be Celsius: above 60,
    /// above 45 in a text that names a US place (`data/us-places.txt`), any
    /// value in a text already in Fahrenheit that gives no Celsius, or `F`
    /// after a negative number or in a weather sentence not about money
    /// (where `F` is francs).
    ///
    /// English names after a number word (`à quelques miles`, `deux feet`)
    /// are reported too, without suggestion; so are `pieds` and `pouces`
    /// after a number word when they measure something: followed by `de`
    /// and a size or a matter (`un pied de neige`, `trois pouces de pluie`,
    /// `deux pieds de haut`), or measuring a matter named before them
    /// (`des chutes de neige d'un pied`).
    ///
    /// Nothing is reported when a metric value already goes with it (`55 miles
    /// (89 km)`, `10 000 pieds, soit 3 000 m`, `100 mètres (328 pieds)`).
    ///
    /// In a recipe that abbreviates its spoon measures as cooks do (`1 c. à
    /// thé`, `2 c. à soupe`), `lb` and `oz` are warnings: the weights of
    /// Quebec kitchens (`1 lb de beurre`), where a translation engine would
    /// have spelt the spoons out.
    ///
    /// In a text about American football (two cues or more of the game:
    /// `touchdown`, `quarterback`, `NFL`, `à la passe`…), `yards` is
    /// information: the game is measured in yards and French sports writing
    /// keeps them (`623 yards à la passe`), as Quebec writing keeps `verges`.
    ///
    /// ## Why it matters
    /// French readers do not think in miles, feet or pounds: an article that
    /// keeps them reads as an untouched translation of American copy.
    ///
    /// ## Example
    /// Bad: `à seulement environ 55 miles de la frontière`
    ///
    /// Good: `à seulement environ 89 km de la frontière`
    ///
    /// ## Not flagged
    /// Words that are units only in some contexts: `livres` and `pounds`
    /// without a context of weight (`3 livres de poche`, `5 millions de
    /// livres`), `pieds` outside a context of size (`3 pieds de vigne`),
    /// `pouces` for screens, wheels and the seat pitch of a cabin (`un écran
    /// de 55 pouces`, `un pitch de 31 pouces`, standard French), troy ounces of metals (`1 800 dollars l'once d'or`), nautical
    /// miles (`milles marins`, `milles nautiques`, legal in French), frequent
    /// flyer miles, names (`Miles Davis`).
    ///
    /// ## Known false positives
    /// Aviation altitudes in feet (`30 000 pieds`), which French aviation
    /// journalism keeps (a warning); historical land measures in `acres`; a
    /// French heat record above 45 °C written as plain `degrés` in a text
    /// that also names a US place and gives no value in Celsius (`°C`,
    /// `Celsius`, `50 degrés C` make `48 degrés` Celsius).
    pub struct ImperialUnits {
        id: "imperial-units",
        category: Locale,
        severity: Warning,
    }
}

const METRIC: &str = r"km/h|km²|km2|km|m²|m2|mètres?|kilomètres?|centimètres?|cm|mm|m|kg|kilos?|kilogrammes?|grammes?|g|tonnes?|t|litres?|l|L|°\s?C|degrés Celsius|ha|hectares?";

const NUM: &str = r"\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)*";

/// Searched through [`BoundaryMatches`]: a `\b` leads every pattern below
/// but is left out of the regex, which keeps the regex engine's DFA (see
/// `regex_util`); a trailing `(?:\W|$)` stands for `\b`.
static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let unit = [
        r"square (?:feet|foot|miles?|inch(?:es)?|yards?)",
        r"sq\.? ?(?:ft|mi)",
        r"cubic (?:feet|foot|inch(?:es)?)",
        r"(?:pieds|milles|miles|pouces|verges) (?:carrés|cubes)",
        r"pi[²2]",
        r"pi carrés",
        r"(?:miles?|milles) (?:per hour|an hour|par heure|à l['’]heure|/ ?h)",
        r"mph",
        r"mi/h",
        r"miles?",
        r"milles",
        r"feet|foot|ft",
        r"pieds?",
        r"inch(?:es)?",
        r"pouces?",
        r"yards?|yd",
        r"verges?",
        r"pounds?|lbs?",
        r"livres?",
        r"ounces?|oz",
        r"onces?",
        r"gallons?",
        r"acres?",
        r"°\s?F",
        r"(?:degrés|degrees|degree|degré) Fahrenheit",
    ]
    .join("|");
    Regex::new(&format!(
        r"(?P<n1>{NUM})(?:\s*(?P<conn>à|-|–|et|ou|to|and)\s*(?P<n2>{NUM}))?[ \x{{a0}}\x{{202f}}]?(?P<unit>{unit})"
    ))
    .expect("imperial-units pattern")
});

/// How every unit of [`PATTERN`] begins but `°F`, and the first unit of
/// [`COMBO`]: a match of either ends a number with one of them, after at
/// most one word space.
const UNIT_STARTS: [&str; 26] = [
    "square ",
    "sq",
    "cubic ",
    "pi",
    "mi",
    "mph",
    "feet",
    "foot",
    "ft",
    "inch",
    "pouce",
    "yard",
    "yd",
    "verge",
    "pound",
    "lb",
    "livre",
    "ounce",
    "oz",
    "once",
    "gallon",
    "acre",
    "degrés Fahrenheit",
    "degrees Fahrenheit",
    "degree Fahrenheit",
    "degré Fahrenheit",
];

/// Whether `rest` starts with a unit of [`PATTERN`] or [`COMBO`].
fn starts_with_unit(rest: &str) -> bool {
    UNIT_STARTS.iter().any(|u| rest.starts_with(u))
        || rest.strip_prefix('°').is_some_and(|r| {
            r.strip_prefix(char::is_whitespace)
                .unwrap_or(r)
                .starts_with('F')
        })
}

/// Whether `rest` starts with a unit of [`PLAIN_DEGREES`].
fn starts_with_degrees(rest: &str) -> bool {
    rest.starts_with("degré") || rest.starts_with(['°', 'F'])
}

/// Words that may stand between two numbers of a match of [`PATTERN`] or
/// [`PLAIN_DEGREES`]: the range connectors and the `moins` of a negative
/// value (`-`, `–` and `−` are among [`in_number`]'s characters).
const NUMBER_LINKS: [&str; 6] = ["à", "et", "ou", "to", "and", "moins"];

/// The characters a number of [`NUM`] or the space around a range connector
/// is made of: digits (`\d`: any decimal digit), `.`, `,`, spaces, dashes.
fn in_number(c: char) -> bool {
    c.is_numeric() || c.is_whitespace() || matches!(c, '.' | ',' | '-' | '–' | '−')
}

/// Where a number or range ending at `end` may begin at the earliest: back
/// over [`in_number`]'s characters and [`NUMBER_LINKS`] (`24 à 32`, `entre
/// 60 et moins 5`).
fn number_start(text: &str, end: usize) -> usize {
    let mut at = end;
    loop {
        let head = text[..at].trim_end_matches(in_number);
        let Some(link) = NUMBER_LINKS.iter().find(|w| head.ends_with(*w)) else {
            return head.len();
        };
        at = head.len() - link.len();
    }
}

/// The longest stretch a match of [`PATTERN`], [`COMBO`] or [`PLAIN_DEGREES`]
/// covers after the end of the number its unit follows (a space, `milles à
/// l’heure`, `degrees Fahrenheit`; the second unit and the character after
/// it in [`COMBO`]), with room to spare.
const AFTER_NUMBER: usize = 40;

/// The longest stretch of a match of [`COMBO`] before its second number,
/// from its first (`12 pounds and `), with room to spare.
const BEFORE_NUMBER: usize = 24;

/// The windows of `text` that hold every match of a pattern `NUMBER[
/// ]?UNIT` whose unit `unit` accepts ([`PATTERN`], [`COMBO`],
/// [`PLAIN_DEGREES`]), sorted and disjoint, for [`WindowMatches`]: around
/// each number followed by such a unit, from where the number or range may
/// begin ([`number_start`], less [`BEFORE_NUMBER`] for [`COMBO`]'s first
/// measure) to [`AFTER_NUMBER`] bytes after it and the next white space
/// (where no match can end with `$`). A text without such a number has none,
/// and its patterns are neither built nor run.
fn unit_windows(
    text: &str,
    runs: impl IntoIterator<Item = (usize, usize)>,
    unit: fn(&str) -> bool,
) -> Vec<(usize, usize)> {
    let mut windows: Vec<(usize, usize)> = runs
        .into_iter()
        .filter(|&(_, end)| unit(skip_word_space(&text[end..])))
        .map(|(_, end)| {
            let start = number_start(text, end).saturating_sub(BEFORE_NUMBER);
            around(text, start, end + AFTER_NUMBER)
        })
        .collect();
    windows.sort_unstable();
    merged(windows)
}

/// The longest stretch of a match of [`WORDED`] or [`WORDED_FR`] before its
/// unit (`des centaines de `, whose letters may be three bytes long under
/// `(?i)`), with room to spare.
const BEFORE_WORDED_UNIT: usize = 64;

/// The longest stretch of a match of [`WORDED`] or [`WORDED_FR`] from the
/// start of its unit (`inches` and the character after it).
const WORDED_UNIT: usize = 16;

/// The windows of `text` that hold every match of [`WORDED`] or
/// [`WORDED_FR`], whose units begin with one of `stems`, for
/// [`WindowMatches`]: around each stem, from [`BEFORE_WORDED_UNIT`] bytes
/// before it to [`WORDED_UNIT`] bytes after it and the next white space
/// (where no match can end with `$`). No stem overlaps itself, so the
/// occurrences `memmem` finds are all of them.
fn stem_windows(text: &str, stems: &[&str]) -> Vec<(usize, usize)> {
    let mut windows: Vec<(usize, usize)> = stems
        .iter()
        .flat_map(|stem| memchr::memmem::find_iter(text.as_bytes(), stem.as_bytes()))
        .map(|at| {
            around(
                text,
                at.saturating_sub(BEFORE_WORDED_UNIT),
                at + WORDED_UNIT,
            )
        })
        .collect();
    windows.sort_unstable();
    merged(windows)
}

/// The window from `start` (or the character boundary before) to `after`
/// (or the character boundary after) and past the next white space.
fn around(text: &str, mut start: usize, after: usize) -> (usize, usize) {
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut after = after.min(text.len());
    while !text.is_char_boundary(after) {
        after += 1;
    }
    let stop = text[after..]
        .char_indices()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(text.len(), |(i, c)| after + i + c.len_utf8());
    (start, stop)
}

/// Sorted windows, the overlapping ones merged.
fn merged(windows: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(windows.len());
    for (start, end) in windows {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Whether `text` may hold a match of [`PRIMES`]: a `″`, or a number
/// followed (after at most one white space) by a foot mark.
fn may_hold_primes(text: &str, runs: impl IntoIterator<Item = (usize, usize)>) -> bool {
    text.contains('″')
        || runs.into_iter().any(|(_, end)| {
            let rest = &text[end..];
            let rest = rest.strip_prefix(char::is_whitespace).unwrap_or(rest);
            rest.starts_with(['\'', '′', '’'])
        })
}

/// Two units in one measure: `6 pieds 2 pouces`, `7 livres 8 onces`.
static COMBO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<a>\d{1,3})[ \x{a0}]?(?P<u1>pieds?|feet|foot|ft|livres?|pounds?|lbs?)[ \x{a0}](?:et |and )?(?P<b>\d{1,2}(?:[.,]\d+)?)[ \x{a0}]?(?P<u2>pouces?|inch(?:es)?|onces?|ounces?|oz)(?:\W|$)",
    )
    .expect("combo pattern")
});

/// What every match of [`WORDED`] contains: the stems of its unit names.
const WORDED_UNITS: [&str; 5] = ["mile", "feet", "inch", "yard", "mph"];

/// English unit names after a French number word: `à quelques miles de`.
static WORDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|quelques|plusieurs|des dizaines de|des centaines de|des milliers de|centaines de|milliers de)) (?P<unit>miles?|feet|inch(?:es)?|yards?|mph)(?:\W|$)",
    )
    .expect("worded pattern")
});

/// What every match of [`WORDED_FR`] contains.
const WORDED_FR_UNITS: [&str; 2] = ["pied", "pouce"];

/// French names of feet and inches after a French number word: `un pied de
/// neige`, `trois pouces`. A measure only when [`worded_fr_measures`] says
/// so (`les deux pieds dans le plat`, `deux pouces levés` are not).
static WORDED_FR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:(?:un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|cent|quelques|plusieurs)) (?P<unit>pieds?|pouces?)(?:\W|$)",
    )
    .expect("worded French pattern")
});

/// Whether `pieds` or `pouces` after a number word (`start..end`, the number
/// word and the unit) measure something: `de` or `d'` follows with a size or
/// a matter (`un pied de neige`, `deux pieds de haut`), or a matter and `de`
/// come right before (`de la neige d'un pied`).
fn worded_fr_measures(text: &str, start: usize, end: usize) -> bool {
    let cues = &*CUES;
    let after: String = folded_chars(text[end..].trim_start()).take(40).collect();
    if let Some(next) = after
        .strip_prefix("de ")
        .or_else(|| after.strip_prefix("d'"))
        && cues
            .size
            .iter()
            .chain(&cues.matter)
            .any(|d| next.starts_with(d))
    {
        return true;
    }
    let from = (start.saturating_sub(60)..=start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    let before: String = folded_chars(&text[from..start]).collect();
    let before = before.trim_end();
    let Some(head) = before
        .strip_suffix("d'")
        .or_else(|| before.strip_suffix(" de"))
    else {
        return false;
    };
    let last = head
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    !last.is_empty() && cues.matter.iter().any(|m| last.starts_with(m))
}

/// Inches as `"` or `″` after a number, and feet-inches `5'11"`.
static PRIMES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?P<ft>\d{1,2})\s?['′’]\s?(?P<in>\d{1,2})\s?(?:"|″|”|'')|(?P<n>\d+(?:[.,]\d+)?)(?:″)"#,
    )
    .expect("primes pattern")
});

/// A metric value right after the unit: `(89 km)`, `, soit 3 000 m`.
static METRIC_FOLLOWS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^\s*(?:\(|,|–|—|-)?\s*(?:soit|ou|environ|about|approximately|près de|plus de|~|≈)?\s*(?:environ\s*)?(?:{NUM})\s?(?:{METRIC})\b"
    ))
    .expect("metric pattern")
});

/// A metric value right before, the imperial one in parentheses:
/// `100 mètres (328 pieds)`.
static METRIC_PRECEDES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:{NUM})\s?(?:{METRIC})\s*[(,–—-]\s*(?:soit|ou|environ|about)?\s*$"
    ))
    .expect("metric-before pattern")
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Always a unit after a number.
    Nothing,
    /// A context of weight (`pèse`, `poids`, `kilos`…).
    Weight,
    /// A context of size (`haut`, `altitude`, `long`…) or a following
    /// dimension (`de haut`).
    Size,
    /// Not about screens or wheels.
    NotScreen,
    /// Not about precious metals.
    NotMetal,
    /// Not loyalty-programme miles, not nautical miles.
    NotMiles,
}

/// How to read a unit found in the text.
struct Unit {
    severity: Severity,
    need: Need,
    /// Metric value = imperial × factor (+ offset for temperatures).
    factor: f64,
    offset: f64,
    metric: &'static str,
    /// The metric value is rounded to an integer (temperatures).
    integer: bool,
}

fn unit_of(raw: &str) -> Option<Unit> {
    let u = raw.to_lowercase();
    let u = u.as_str();
    let en = Severity::Error;
    // French names of units French uses on its own (`livre`, `once`,
    // `acre`) or that name the scale (`°F`): warnings.
    let fr = Severity::Warning;
    // French names of units no French measure goes by (`pieds`, `pouces`,
    // `milles`, `verges`, `gallons`): errors, like the English names.
    let fr_foreign = Severity::Error;
    let unit = |severity, need, factor, metric| Unit {
        severity,
        need,
        factor,
        offset: 0.0,
        metric,
        integer: false,
    };
    Some(if u.contains("fahrenheit") || u.starts_with('°') {
        Unit {
            severity: fr,
            need: Need::Nothing,
            factor: 5.0 / 9.0,
            offset: -32.0 * 5.0 / 9.0,
            metric: "°C",
            integer: true,
        }
    } else if u.starts_with("square") || u.starts_with("sq") {
        let (f, m) = if u.contains("mi") && !u.contains("in") {
            (2.589_988, "km²")
        } else if u.contains("inch") {
            (6.4516, "cm²")
        } else if u.contains("yard") {
            (0.836_127, "m²")
        } else {
            (0.092_903, "m²")
        };
        unit(en, Need::Nothing, f, m)
    } else if u.starts_with("cubic") {
        if u.contains("inch") {
            unit(en, Need::Nothing, 16.387, "cm³")
        } else {
            unit(en, Need::Nothing, 0.028_317, "m³")
        }
    } else if u.ends_with("carrés") || u.starts_with("pi") && (u.ends_with('2') || u.ends_with('²'))
    {
        let (f, m) = if u.starts_with("mille") {
            (2.589_988, "km²")
        } else if u.starts_with("pouce") {
            (6.4516, "cm²")
        } else if u.starts_with("verge") {
            (0.836_127, "m²")
        } else {
            (0.092_903, "m²")
        };
        unit(fr_foreign, Need::Nothing, f, m)
    } else if u.ends_with("cubes") {
        unit(fr_foreign, Need::Nothing, 0.028_317, "m³")
    } else if u == "mph"
        || u == "mi/h"
        || u.contains("hour")
        || u.contains("heure")
        || u.ends_with('h')
    {
        unit(en, Need::Nothing, 1.609_344, "km/h")
    } else if u == "mile" || u == "miles" {
        unit(en, Need::NotMiles, 1.609_344, "km")
    } else if u == "milles" {
        unit(fr_foreign, Need::NotMiles, 1.609_344, "km")
    } else if matches!(u, "feet" | "foot" | "ft") {
        unit(en, Need::Nothing, 0.3048, "m")
    } else if u.starts_with("pied") {
        unit(fr_foreign, Need::Size, 0.3048, "m")
    } else if u.starts_with("inch") {
        unit(en, Need::Nothing, 2.54, "cm")
    } else if u.starts_with("pouce") {
        unit(fr_foreign, Need::NotScreen, 2.54, "cm")
    } else if u.starts_with("yard") || u == "yd" {
        unit(en, Need::Nothing, 0.9144, "m")
    } else if u.starts_with("verge") {
        unit(fr_foreign, Need::Size, 0.9144, "m")
    } else if u.starts_with("lb") {
        unit(en, Need::Nothing, 0.453_592, "kg")
    } else if u.starts_with("pound") {
        unit(en, Need::Weight, 0.453_592, "kg")
    } else if u.starts_with("livre") {
        unit(fr, Need::Weight, 0.453_592, "kg")
    } else if u.starts_with("ounce") || u == "oz" {
        unit(en, Need::NotMetal, 28.349_52, "g")
    } else if u.starts_with("once") {
        unit(fr, Need::NotMetal, 28.349_52, "g")
    } else if u.starts_with("gallon") {
        unit(fr_foreign, Need::Nothing, 3.785_41, "l")
    } else if u.starts_with("acre") {
        unit(fr, Need::Nothing, 0.404_686, "ha")
    } else {
        return None;
    })
}

/// Reads a number as written in the text. `None` when its reading is
/// ambiguous (`1,200`, `1.200`: a decimal or a thousands separator).
fn parse_number(s: &str) -> Option<f64> {
    let compact: String = s.chars().filter(|&c| !is_word_space(c)).collect();
    let seps: Vec<(usize, char)> = compact
        .char_indices()
        .filter(|(_, c)| *c == '.' || *c == ',')
        .collect();
    let normal = match seps.as_slice() {
        [] => compact,
        [(i, _)] => {
            let decimals = compact.len() - i - 1;
            if decimals == 3 {
                return None;
            }
            compact.replace(',', ".")
        }
        many => {
            let (last_i, last_c) = many[many.len() - 1];
            let all_same = many.iter().all(|(_, c)| *c == last_c);
            if all_same {
                // 1,000,000 or 1.000.000: thousands.
                compact.replace(last_c, "")
            } else {
                // 1,234.5 or 1.234,5: the last one is the decimal mark.
                let (int, dec) = compact.split_at(last_i);
                format!("{}.{}", int.replace(['.', ','], ""), &dec[1..])
            }
        }
    };
    normal.parse().ok()
}

/// French formatting with two significant digits: 88.5 → `89`, 3048 → `3 000`,
/// 1.524 → `1,5`.
fn format_metric(v: f64, integer: bool) -> String {
    format_metric_sig(v, if integer { 0 } else { 2 })
}

/// French formatting with `sig` significant digits (0: rounded to an integer).
fn format_metric_sig(v: f64, sig: i32) -> String {
    let rounded = if sig == 0 || v == 0.0 {
        v.round()
    } else {
        let magnitude = v.abs().log10().floor() as i32;
        let scale = 10f64.powi(magnitude + 1 - sig);
        (v / scale).round() * scale
    };
    if rounded.fract().abs() < 1e-9 || rounded.abs() >= 10.0 {
        let n = rounded.round() as i64;
        let digits = n.unsigned_abs().to_string();
        let mut grouped = String::new();
        for (i, d) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push('\u{202f}');
            }
            grouped.push(d);
        }
        if n < 0 {
            format!("−{grouped}")
        } else {
            grouped
        }
    } else {
        let s = format!("{rounded:.2}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        s.replace('.', ",")
    }
}

fn convert(v: f64, unit: &Unit) -> (f64, &'static str) {
    let m = v * unit.factor + unit.offset;
    // Small values read better in a smaller unit, big ones in a bigger one.
    match unit.metric {
        "kg" if m < 1.0 => (m * 1000.0, "g"),
        "g" if m >= 1000.0 => (m / 1000.0, "kg"),
        "cm" if m >= 100.0 => (m / 100.0, "m"),
        _ => (m, unit.metric),
    }
}

/// Whether `cue` stands in `s` at the start of a word (no letter right
/// before it).
fn starts_a_word(s: &str, cue: &str) -> bool {
    s.match_indices(cue)
        .any(|(i, _)| !s[..i].chars().next_back().is_some_and(char::is_alphabetic))
}

/// The sentence-sized window of text around a match, lowercased.
fn window(text: &str, start: usize, end: usize) -> String {
    // At most 200 bytes each side: only that much is searched, so a block
    // without sentence punctuation costs no more than a short one.
    let stop = |b: &u8| matches!(b, b'.' | b'!' | b'?' | b'\n');
    let bytes = text.as_bytes();
    let lo = start.saturating_sub(200);
    let from = bytes[lo..start]
        .iter()
        .rposition(stop)
        .map_or(lo, |i| lo + i + 1);
    let hi = (end + 200).min(text.len());
    let to = bytes[end..hi].iter().position(stop).map_or(hi, |i| end + i);
    let from = (0..=from)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let to = (to..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    folded_chars(&text[from..to]).collect()
}

data::word_sets! {
    /// The context words of `data/imperial-cues.txt`, each looked for inside
    /// the lower-cased sentence around a measure.
    struct Cues {
        weight: Vec<&'static str> = IMPERIAL_CUES["weight"],
        currency: Vec<&'static str> = IMPERIAL_CUES["currency"],
        size: Vec<&'static str> = IMPERIAL_CUES["size"],
        screen: Vec<&'static str> = IMPERIAL_CUES["screen"],
        metal: Vec<&'static str> = IMPERIAL_CUES["metal"],
        loyalty: Vec<&'static str> = IMPERIAL_CUES["loyalty"],
        /// Matter measured by its height, right after `de`: `3 pieds d'eau`.
        matter: Vec<&'static str> = IMPERIAL_CUES["matter"],
        /// Word beginnings of the weather (Fahrenheit as plain degrees).
        weather: Vec<&'static str> = IMPERIAL_CUES["weather"],
        /// Word beginnings of angles, alcohol, cooking, fire, the body.
        not_weather: Vec<&'static str> = IMPERIAL_CUES["not-weather"],
        /// Word beginnings of money, where `F` is francs.
        money: Vec<&'static str> = IMPERIAL_CUES["money"],
        /// Word beginnings of flight, where altitudes are in feet.
        aviation: Vec<&'static str> = IMPERIAL_CUES["aviation"],
        /// Spoon measures abbreviated as cooks write them (`c. à thé`).
        kitchen: Vec<&'static str> = IMPERIAL_CUES["kitchen"],
        /// Word beginnings of American football, measured in yards.
        gridiron: Vec<&'static str> = IMPERIAL_CUES["gridiron"],
    }
}

static CUES: LazyLock<Cues> = LazyLock::new(Cues::load);

fn context_allows(need: Need, text: &str, start: usize, end: usize) -> bool {
    if need == Need::Nothing {
        return true;
    }
    let w = window(text, start, end);
    let after: String = folded_chars(text[end..].trim_start()).take(40).collect();
    let cues = &*CUES;
    let any_in = |list: &[&str], s: &str| list.iter().any(|cue| s.contains(cue));
    // Size cues start a word: `long` is no size in `prolongation`.
    let any_word_in = |list: &[&str], s: &str| list.iter().any(|cue| starts_a_word(s, cue));
    match need {
        Need::Nothing => true,
        Need::Weight => !any_in(&cues.currency, &w) && any_in(&cues.weight, &w),
        Need::Size => {
            if after.starts_with("de ") || after.starts_with("d'") {
                // `3 pieds de vigne` unless `3 pieds de haut`.
                let next = after.trim_start_matches("de ").trim_start_matches("d'");
                cues.size
                    .iter()
                    .chain(&cues.matter)
                    .any(|d| next.starts_with(d))
            } else {
                any_word_in(&cues.size, &w) && !w.contains("à pied")
            }
        }
        Need::NotScreen => !any_in(&cues.screen, &w),
        Need::NotMetal => !any_in(&cues.metal, &w),
        Need::NotMiles => {
            !after.starts_with("marin")
                && !after.starts_with("nautique")
                && !any_in(&cues.loyalty, &w)
        }
    }
}

fn suggestion(n1: &str, conn: Option<&str>, n2: Option<&str>, unit: &Unit) -> Option<String> {
    let v1 = parse_number(n1).filter(|v| *v < 1e12)?;
    let (m1, metric) = convert(v1, unit);
    let mut out = String::new();
    match (conn, n2) {
        (Some(conn), Some(n2)) => {
            let v2 = parse_number(n2).filter(|v| *v < 1e12)?;
            let m2 = v2 * unit.factor + unit.offset;
            let m2 = if metric == unit.metric {
                m2
            } else {
                convert(v2, unit).0
            };
            let conn = match conn {
                "-" | "–" | "to" => "à",
                "and" => "et",
                c => c,
            };
            if conn == "à" {
                out.push_str("environ ");
            }
            out.push_str(&format_metric(m1, unit.integer));
            out.push(' ');
            out.push_str(conn);
            out.push(' ');
            out.push_str(&format_metric(m2, unit.integer));
        }
        _ => {
            // `95 °F` is exactly `35 °C`; `75 °F` is about `24 °C`.
            let exact = unit.integer && (m1 - m1.round()).abs() < 0.05;
            if !exact {
                out.push_str("environ ");
            }
            out.push_str(&format_metric(m1, unit.integer));
        }
    }
    out.push('\u{a0}');
    out.push_str(metric);
    Some(out)
}

/// Plain degrees, a degree sign or an `F` after a number or a range: `95
/// degrés`, `entre 60 et 70 degrés`, `95°`, `12 F`. Whether they are
/// Fahrenheit is decided from the values and the context
/// ([`ImperialUnits::fahrenheit_as_degrees`]).
static PLAIN_DEGREES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<n1>{NUM})(?:\s*(?P<conn>à|-|–|et|ou)\s*(?P<neg2>moins |-|−)?(?P<n2>{NUM}))?[ \x{{a0}}\x{{202f}}]?(?P<unit>degrés|degré|°|F)"
    ))
    .expect("plain degrees pattern")
});

/// `lb` and `oz`, the symbols of the pound and the ounce (`lbs` is
/// English only).
fn is_kitchen_weight(unit: &str) -> bool {
    matches!(unit, "lb" | "oz")
}

/// Whether the text, folded (`lower`), is a recipe written by a cook: it abbreviates its spoon
/// measures (`1 c. à thé`, `c.à.s`; the `kitchen` cues of
/// `data/imperial-cues.txt`), which a translation engine spells out.
fn in_cooks_recipe(lower: &str) -> bool {
    KITCHEN.is_match(lower)
}

/// The `kitchen` cues, found in one pass over the text.
static KITCHEN: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(&CUES.kitchen).expect("kitchen cues"));

/// The `gridiron` cues, found in one pass over the text (overlapping
/// matches: every occurrence of every cue).
static GRIDIRON: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(&CUES.gridiron).expect("gridiron cues"));

/// Whether the text, folded (`lower`), is about American football: two different `gridiron`
/// cues of `data/imperial-cues.txt` or more (`touchdown`, `quarterback`,
/// `NFL`, `à la passe`) begin words of it. The game is measured in yards,
/// which French sports writing keeps.
fn about_gridiron(lower: &str) -> bool {
    // Only the cues the text holds somewhere are looked at word starts.
    let mut held = vec![false; CUES.gridiron.len()];
    for found in GRIDIRON.find_overlapping_iter(lower) {
        held[found.pattern().as_usize()] = true;
    }
    CUES.gridiron
        .iter()
        .zip(held)
        .filter(|&(cue, held)| held && has_cue(lower, std::slice::from_ref(cue)))
        .nth(1)
        .is_some()
}

/// Whether a word of `window` (lower case) begins with one of `cues`.
fn has_cue(window: &str, cues: &[&'static str]) -> bool {
    cues.iter().any(|cue| {
        window.match_indices(cue).any(|(i, _)| {
            !window[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
        })
    })
}

fn is_aviation(text: &str, start: usize, end: usize) -> bool {
    has_cue(&window(text, start, end), &CUES.aviation)
}

/// A plain-degree value found in the text, to be judged Fahrenheit or not.
struct Degrees {
    span: Span,
    /// The values, signed.
    values: (f64, Option<f64>),
    conn: Option<String>,
    /// `F` rather than `degrés` or `°`.
    letter_f: bool,
    weather: bool,
}

/// `35 °C`, `environ 24 °C`, `entre 16 et 21 °C` from Fahrenheit values.
fn celsius(values: (f64, Option<f64>), conn: Option<&str>) -> String {
    let c = |f: f64| (f - 32.0) * 5.0 / 9.0;
    match (values.1, conn) {
        (Some(v2), Some(conn)) => {
            let conn = if matches!(conn, "-" | "–") {
                "à"
            } else {
                conn
            };
            format!(
                "{} {conn} {}\u{a0}°C",
                format_metric(c(values.0), true),
                format_metric(c(v2), true)
            )
        }
        _ => {
            let m = c(values.0);
            let about = if (m - m.round()).abs() < 0.05 {
                ""
            } else {
                "environ "
            };
            format!("{about}{}\u{a0}°C", format_metric(m, true))
        }
    }
}

fn metric_precedes(text: &str, start: usize) -> bool {
    let from = (start.saturating_sub(80)..=start)
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(start);
    METRIC_PRECEDES.is_match(&text[from..start])
}

fn next_is_word_char(text: &str, end: usize) -> bool {
    text[end..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || c == '_')
}

impl ImperialUnits {
    /// Fahrenheit given as plain `degrés`, `°` or `F`: `il fera 95 degrés à
    /// Dallas`, `moins 12 F`. A value is Fahrenheit when the sentence is
    /// about the weather (and not about angles, cooking or fire) and:
    /// - it is written `F` after a negative number, or `F` in a weather
    ///   sentence that is not about money (where `F` is francs);
    /// - it lies between 61 and 135, hotter than any weather in Celsius;
    /// - it lies between 46 and 60 in a text that names a US place;
    /// - the text is in Fahrenheit already (a value above, `°F`,
    ///   `Fahrenheit`) and does not give Celsius.
    ///
    /// Values are looked for in `windows` ([`unit_windows`]).
    fn fahrenheit_as_degrees(text: &str, windows: &[(usize, usize)], sink: &mut Sink<'_>) {
        let mut found: Vec<Degrees> = Vec::new();
        // A value the text gives in Celsius with a bare `C` (`50 degrés C`),
        // which the plain `°C` and `Celsius` looked for below do not show.
        let mut bare_celsius = false;
        let whole_end = |c: &Captures<'_>| c.get(0).map_or(0, |m| m.end());
        for (caps, whole) in WindowMatches::with_end(&PLAIN_DEGREES, text, windows, whole_end) {
            let (Some(n1), Some(unit)) = (caps.name("n1"), caps.name("unit")) else {
                continue;
            };
            let (start, end) = (whole.start, whole.end);
            let after = &text[end..];
            let unit = unit.as_str();
            // `°C`, `°F`, `degrés Celsius`, `degrés de latitude`, `F1`...
            if next_is_word_char(text, end) {
                continue;
            }
            let next: String = folded_chars(after.trim_start()).take(12).collect();
            if unit != "F"
                && next.starts_with('c')
                && !next[1..].starts_with(|c: char| c.is_alphanumeric() || c == '\'')
            {
                bare_celsius = true;
                continue;
            }
            if unit != "F"
                && [
                    "c ",
                    "c.",
                    "c,",
                    "celsius",
                    "fahrenheit",
                    "f ",
                    "f.",
                    "f,",
                    "kelvin",
                    "k ",
                    "de ",
                    "d'",
                    "nord",
                    "sud",
                    "est",
                    "ouest",
                    "baumé",
                    "-",
                ]
                .iter()
                .any(|p| next.starts_with(p))
                || unit == "F" && (next.starts_with("cfa") || after.starts_with('-'))
            {
                continue;
            }
            // Digits glued to a word or a decimal before them: `A320`.
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | '°'))
            {
                continue;
            }
            let before = text[..start].trim_end_matches(is_word_space);
            // `moins 12`, but not `au moins 12` (at least) nor `néanmoins`.
            let minus_word = before.strip_suffix("moins").is_some_and(|b| {
                !b.ends_with(char::is_alphanumeric)
                    && !["au", "du", "le", "pour", "plus", "ou", "rien", "non"]
                        .iter()
                        .any(|w| {
                            b.trim_end()
                                .strip_suffix(w)
                                .is_some_and(|bb| !bb.ends_with(char::is_alphanumeric))
                        })
            });
            let negative = minus_word || before.ends_with('−') || {
                let b = &text[..start];
                b.ends_with('-') && !b[..b.len() - 1].ends_with(char::is_alphanumeric)
            };
            let span_start = if negative {
                if minus_word {
                    before.len() - "moins".len()
                } else if text[..start].ends_with('-') {
                    start - 1
                } else {
                    before.len() - '−'.len_utf8()
                }
            } else {
                start
            };
            let Some(v1) = parse_number(n1.as_str()) else {
                continue;
            };
            let v1 = if negative { -v1 } else { v1 };
            let v2 = caps
                .name("n2")
                .and_then(|n| parse_number(n.as_str()))
                .map(|v| if caps.name("neg2").is_some() { -v } else { v });
            if caps.name("n2").is_some() && v2.is_none() {
                continue;
            }
            let w = window(text, start, end);
            if has_cue(&w, &CUES.not_weather) {
                continue;
            }
            let letter_f = unit == "F";
            if letter_f && has_cue(&w, &CUES.money) {
                continue;
            }
            if METRIC_FOLLOWS.is_match(after) {
                continue;
            }
            found.push(Degrees {
                span: Span::new(span_start, end),
                values: (v1, v2),
                conn: caps.name("conn").map(|c| c.as_str().to_string()),
                letter_f,
                weather: has_cue(&w, &CUES.weather),
            });
        }
        if found.is_empty() {
            return;
        }
        let max = |d: &Degrees| d.values.1.map_or(d.values.0, |v2| d.values.0.max(v2));
        let min = |d: &Degrees| d.values.1.map_or(d.values.0, |v2| d.values.0.min(v2));
        let in_range = |d: &Degrees| min(d) >= -80.0 && max(d) <= 135.0;
        let gives_celsius = bare_celsius || text.contains("°C") || text.contains("Celsius");
        let mut us_place: Option<bool> = None;
        let mut certain: Vec<bool> = found
            .iter()
            .map(|d| {
                if !in_range(d) {
                    return false;
                }
                if d.letter_f {
                    return min(d) < 0.0 || d.weather;
                }
                if !d.weather {
                    return false;
                }
                let hottest = max(d);
                if (61.0..=135.0).contains(&hottest) {
                    return true;
                }
                // Beside values the text gives in Celsius, a heat record
                // of 46 to 60 degrees is Celsius too (`50 degrés C à
                // Phoenix, 48 degrés à Athènes`).
                (46.0..=60.0).contains(&hottest)
                    && !gives_celsius
                    && *us_place.get_or_insert_with(|| crate::lang::us::mentions_place(text))
            })
            .collect();
        let in_fahrenheit =
            certain.iter().any(|&c| c) || text.contains("Fahrenheit") || text.contains("°F");
        if in_fahrenheit && !gives_celsius {
            for (d, c) in found.iter().zip(certain.iter_mut()) {
                if !*c && d.weather && in_range(d) {
                    *c = true;
                }
            }
        }
        for (d, c) in found.iter().zip(certain) {
            if !c {
                continue;
            }
            let fix = celsius(d.values, d.conn.as_deref());
            let what = if d.letter_f { "`F`" } else { "plain degrees" };
            sink.push(
                d.span,
                format!(
                    "Fahrenheit temperature given as {what}: a French reader reads Celsius; write `{}`",
                    fix.replace('\u{a0}', " ")
                ),
                Severity::Error,
                Some(approximate_edit(text, d.span, fix)),
            );
        }
    }
}

/// The suggestion for `span`: `replacement`, and when it starts with
/// `environ` after `de` or `que`, the elided word with it (`de 3 pieds` →
/// `d’environ 90 cm`, not `de environ`).
fn approximate_edit(text: &str, span: Span, replacement: String) -> Edit {
    if replacement.starts_with("environ ") {
        let before = &text[..span.start];
        for word in ["de", "De", "que", "Que"] {
            let Some(head) = before.strip_suffix(' ').and_then(|b| b.strip_suffix(word)) else {
                continue;
            };
            if head.chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let apostrophe = if text.contains('’') { '’' } else { '\'' };
            let elided = &word[..word.len() - 1];
            return Edit::possible(
                Span::new(head.len(), span.end),
                format!("{elided}{apostrophe}{replacement}"),
            );
        }
    }
    Edit::possible(span, replacement)
}

impl Rule for ImperialUnits {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // Every pattern starts with a digit but `WORDED` and `WORDED_FR`,
        // which need one of their unit names.
        if !ctx.doc.has_digit()
            && !WORDED_UNITS.iter().any(|u| text.contains(u))
            && !WORDED_FR_UNITS.iter().any(|u| text.contains(u))
        {
            return;
        }
        // Each pattern is built and run only where it can match (see
        // `unit_windows`).
        // Searched only in the windows around such numbers.
        let windows = unit_windows(text, ctx.doc.digit_runs(), starts_with_unit);
        let units = !windows.is_empty();
        let mut combos: Vec<Span> = Vec::new();
        let u2_end = |c: &Captures<'_>| c.name("u2").map_or(0, |m| m.end());
        let combo_matches = units.then(|| WindowMatches::with_end(&COMBO, text, &windows, u2_end));
        for (caps, whole) in combo_matches.into_iter().flatten() {
            let (Some(a), Some(u1), Some(b), Some(u2)) = (
                caps.name("a"),
                caps.name("u1"),
                caps.name("b"),
                caps.name("u2"),
            ) else {
                continue;
            };
            let big = u1.as_str();
            let small = u2.as_str();
            let length = |u: &str| u.starts_with("pi") || u.starts_with('f');
            let is_length = length(big);
            let small_is_length = small.starts_with("po") || small.starts_with("in");
            if is_length != small_is_length {
                continue;
            }
            let (Some(a), Some(b)) = (parse_number(a.as_str()), parse_number(b.as_str())) else {
                continue;
            };
            let english = |u: &str| {
                matches!(u, "feet" | "foot" | "ft" | "oz" | "lb" | "lbs")
                    || u.starts_with("pound")
                    || u.starts_with("inch")
                    || u.starts_with("ounce")
            };
            // Feet and inches have no French use; pounds and ounces do.
            let severity = if english(big) || english(small) || is_length {
                Severity::Error
            } else {
                Severity::Warning
            };
            let replacement = if is_length {
                if b >= 12.0 {
                    continue;
                }
                let cm = (a * 12.0 + b) * 2.54;
                format!("environ {}\u{a0}m", format_metric_sig(cm / 100.0, 3))
            } else {
                if b >= 16.0 {
                    continue;
                }
                let kg = (a * 16.0 + b) * 0.028_349_52;
                format!("environ {}\u{a0}kg", format_metric_sig(kg, 2))
            };
            let span = whole;
            if next_is_word_char(text, span.end) {
                continue;
            }
            combos.push(span);
            sink.push(
                span,
                format!(
                    "imperial measure `{}` in French text: write `{replacement}`",
                    whole.slice(text)
                ),
                severity,
                Some(Edit::possible(span, replacement)),
            );
        }
        // `combos` are in order and do not overlap: their ends are sorted too.
        let in_combo = |start: usize, end: usize| {
            let k = combos.partition_point(|c| c.end <= start);
            combos.get(k).is_some_and(|c| c.start < end)
        };
        let whole_end = |c: &Captures<'_>| c.get(0).map_or(0, |m| m.end());
        let unit_matches =
            units.then(|| WindowMatches::with_end(&PATTERN, text, &windows, whole_end));
        let mut cooks_recipe: Option<bool> = None;
        let mut gridiron: Option<bool> = None;
        for (caps, whole) in unit_matches.into_iter().flatten() {
            let (Some(unit_m), Some(n1)) = (caps.name("unit"), caps.name("n1")) else {
                continue;
            };
            let (start, end) = (whole.start, whole.end);
            if next_is_word_char(text, end) || in_combo(start, end) {
                continue;
            }
            // A number glued to a word or a decimal before it: `A320`, `v2.5`.
            if text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == ',')
                && text[..start]
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            // The digits of a placeholder (`%2 pouces`: Qt's second
            // argument): the program fills in the value, no number to convert.
            if text[..start].ends_with('%') {
                continue;
            }
            let raw_unit = unit_m.as_str();
            // Names: `Miles Davis`; units are written in lowercase (but `°F`).
            if raw_unit.starts_with(char::is_uppercase) {
                continue;
            }
            let Some(unit) = unit_of(raw_unit) else {
                continue;
            };
            if !context_allows(unit.need, text, start, end) {
                continue;
            }
            if METRIC_FOLLOWS.is_match(&text[end..]) || metric_precedes(text, start) {
                continue;
            }
            let span = Span::new(start, end);
            let conn = caps.name("conn").map(|m| m.as_str());
            let n2 = caps.name("n2").map(|m| m.as_str());
            // American football is measured in yards, in French too: no
            // metres to suggest (`un retour de 96 yards`).
            if (raw_unit.starts_with("yard") || raw_unit == "yd")
                && *gridiron.get_or_insert_with(|| about_gridiron(ctx.doc.folded()))
            {
                sink.push(
                    span,
                    format!(
                        "imperial unit `{raw_unit}` in a text about American football: the game's own unit, which French sports writing keeps"
                    ),
                    Severity::Info,
                    None,
                );
                continue;
            }
            let fix = suggestion(n1.as_str(), conn, n2, &unit);
            // Aviation gives altitudes in feet, in French too; a cook's
            // recipe weighs in `lb` and `oz` (Quebec kitchens).
            let severity = if raw_unit.starts_with("pied") && is_aviation(text, start, end)
                || is_kitchen_weight(raw_unit)
                    && *cooks_recipe.get_or_insert_with(|| in_cooks_recipe(ctx.doc.folded()))
            {
                Severity::Warning
            } else {
                unit.severity
            };
            let message = match &fix {
                Some(f) => format!("imperial unit `{raw_unit}` in French text: write `{f}`"),
                None => format!("imperial unit `{raw_unit}` in French text: give the metric value"),
            };
            sink.push(
                span,
                message,
                severity,
                fix.map(|replacement| approximate_edit(text, span, replacement)),
            );
        }
        let unit_end = |c: &Captures<'_>| c.name("unit").map_or(0, |m| m.end());
        let worded_windows = stem_windows(text, &WORDED_UNITS);
        let worded_matches = (!worded_windows.is_empty())
            .then(|| WindowMatches::with_end(&WORDED, text, &worded_windows, unit_end));
        for (caps, whole) in worded_matches.into_iter().flatten() {
            let Some(unit_m) = caps.name("unit") else {
                continue;
            };
            let (start, end) = (whole.start, whole.end);
            let Some(unit) = unit_of(unit_m.as_str()) else {
                continue;
            };
            if !context_allows(unit.need, text, start, end)
                || METRIC_FOLLOWS.is_match(&text[end..])
                || metric_precedes(text, start)
            {
                continue;
            }
            sink.push(
                Span::new(start, end),
                format!(
                    "imperial unit `{}` left in French text: give the metric value",
                    unit_m.as_str()
                ),
                unit.severity,
                None,
            );
        }
        let worded_fr_windows = stem_windows(text, &WORDED_FR_UNITS);
        let worded_fr_matches = (!worded_fr_windows.is_empty())
            .then(|| WindowMatches::with_end(&WORDED_FR, text, &worded_fr_windows, unit_end));
        for (caps, whole) in worded_fr_matches.into_iter().flatten() {
            let Some(unit_m) = caps.name("unit") else {
                continue;
            };
            let (start, end) = (whole.start, whole.end);
            let Some(unit) = unit_of(unit_m.as_str()) else {
                continue;
            };
            if !worded_fr_measures(text, start, end)
                || METRIC_FOLLOWS.is_match(&text[end..])
                || metric_precedes(text, start)
            {
                continue;
            }
            let raw_unit = unit_m.as_str();
            let severity = if raw_unit.starts_with("pied") && is_aviation(text, start, end) {
                Severity::Warning
            } else {
                unit.severity
            };
            sink.push(
                Span::new(start, end),
                format!("imperial unit `{raw_unit}` left in French text: give the metric value"),
                severity,
                None,
            );
        }
        let degree_windows = unit_windows(text, ctx.doc.digit_runs(), starts_with_degrees);
        if !degree_windows.is_empty() {
            Self::fahrenheit_as_degrees(text, &degree_windows, sink);
        }
        let prime_matches = may_hold_primes(text, ctx.doc.digit_runs())
            .then(|| BoundaryMatches::new(&PRIMES, text));
        for (caps, whole) in prime_matches.into_iter().flatten() {
            let (start, end) = (whole.start, whole.end);
            if next_is_word_char(text, end) || METRIC_FOLLOWS.is_match(&text[end..]) {
                continue;
            }
            let cm = if let (Some(ft), Some(inch)) = (caps.name("ft"), caps.name("in")) {
                let (Ok(ft), Ok(inch)) = (ft.as_str().parse::<f64>(), inch.as_str().parse::<f64>())
                else {
                    continue;
                };
                if inch >= 12.0 {
                    continue;
                }
                Some((ft * 12.0 + inch) * 2.54)
            } else {
                caps.name("n")
                    .and_then(|n| parse_number(n.as_str()))
                    .map(|v| v * 2.54)
            };
            let span = Span::new(start, end);
            let fix = cm.map(|cm| {
                if cm >= 100.0 {
                    format!("environ {}\u{a0}m", format_metric_sig(cm / 100.0, 3))
                } else {
                    format!("environ {}\u{a0}cm", format_metric_sig(cm, 2))
                }
            });
            sink.push(
                span,
                "feet and inches written with prime marks: give the metric value",
                Severity::Warning,
                fix.map(|replacement| approximate_edit(text, span, replacement)),
            );
        }
    }

    fn warm_up(&self) {
        LazyLock::force(&PLAIN_DEGREES);
        LazyLock::force(&PATTERN);
        LazyLock::force(&PRIMES);
        LazyLock::force(&WORDED);
        LazyLock::force(&WORDED_FR);
        LazyLock::force(&COMBO);
        LazyLock::force(&METRIC_FOLLOWS);
        LazyLock::force(&METRIC_PRECEDES);
        LazyLock::force(&CUES);
        LazyLock::force(&KITCHEN);
        LazyLock::force(&GRIDIRON);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{
        apply_suggestions, assert_clean, assert_marked, assert_prefilter, run,
    };
    use crate::text::chars::digit_runs;

    fn fix(text: &str) -> Option<String> {
        run(&ImperialUnits, text)
            .into_iter()
            .next()
            .and_then(|f| f.suggestion)
            .map(|e| e.replacement)
    }

    /// Tricky inputs for the prefilters: every pattern must be skipped only
    /// where it cannot match.
    const PREFILTER_CASES: &[&str] = &[
        "à 55 miles de là, 12\u{a0}pieds, 3\u{202f}lbs, 4 mi/h, 5 mph",
        "1 200 pieds carrés, 3 sq ft, 2 sq. mi, 7 cubic feet, 9 pi², 9 pi carrés",
        "75 °F, 75° F, 75°\u{a0}F, 75 °\tF, 100 degrés Fahrenheit, 40 degrees Fahrenheit",
        "5'11\", 5 ′ 11″, 6’2”, 5 '11'', 3,5″, 24″, 12\u{a0}″",
        "٣ miles, ５ feet, 𝟙 yard, 12² pieds, 1,5 oz, 2.5 lbs, 24 à 32 pouces, 3-4 verges",
        "6 pieds 2 pouces, 7 livres et 8 onces, 5 feet and 11 inches, 3\u{a0}ft 2 in",
        "deux feet, quelques miles, des milliers de yards, à 3 mph",
        "un pied de neige, Trois pouces de pluie, neige d'un pied, deux pieds",
        "il fera 95 degrés, 95°, 12 F, moins 12 F, −12 F, entre 60 et 70 degrés",
        "5 gallons, 3 acres, 2 onces, 4 ounces, 8 inch, 3 yd",
    ];

    #[test]
    fn windows_hold_every_match() {
        let mut texts: Vec<&str> = PREFILTER_CASES.to_vec();
        texts.extend([
            "de 1 000 000 000,5 à moins 12 000 degrés, 24  et\n 32 miles, 2-3\u{a0}°\nF",
            "5 pieds 11,123456789012345678901234567890 pouces, 7 livres et 8 onces",
            "A320 miles, x5 miles, 12 pounds and 3 oz",
            "12 milles à l’heure, 95 degrees Fahrenheit, 3 square feet, 6 ft 2 in",
            "6 pieds 2 pouces",
            "15 ft 4 inches.",
            "à quelques miles, DES CENTAINES DE feet, deux mph; trois pieds de neige, un pouce",
            "plusieurs inches",
        ]);
        for text in texts {
            let whole_end = |c: &Captures<'_>| c.get(0).map_or(0, |m| m.end());
            let unit_end = |c: &Captures<'_>| c.name("unit").map_or(0, |m| m.end());
            let by_unit = |unit| unit_windows(text, digit_runs(text), unit);
            for (re, windows, end) in [
                (
                    &*PATTERN,
                    by_unit(starts_with_unit),
                    whole_end as fn(&Captures<'_>) -> usize,
                ),
                (&*COMBO, by_unit(starts_with_unit), whole_end),
                (&*PLAIN_DEGREES, by_unit(starts_with_degrees), whole_end),
                (&*WORDED, stem_windows(text, &WORDED_UNITS), unit_end),
                (&*WORDED_FR, stem_windows(text, &WORDED_FR_UNITS), unit_end),
            ] {
                let whole: Vec<Span> = BoundaryMatches::with_end(re, text, end)
                    .map(|(_, s)| s)
                    .collect();
                let windowed: Vec<Span> = WindowMatches::with_end(re, text, &windows, end)
                    .map(|(_, s)| s)
                    .collect();
                assert_eq!(windowed, whole, "{text:?}");
            }
        }
    }

    #[test]
    fn prefilters_never_hide_a_match() {
        let cases = PREFILTER_CASES;
        let units = |t: &str| !unit_windows(t, digit_runs(t), starts_with_unit).is_empty();
        assert!(assert_prefilter(&PATTERN, units, cases) > 0);
        assert!(assert_prefilter(&COMBO, units, cases) > 0);
        let degrees = |t: &str| !unit_windows(t, digit_runs(t), starts_with_degrees).is_empty();
        assert!(assert_prefilter(&PLAIN_DEGREES, degrees, cases) > 0);
        let may_hold_primes = |t: &str| may_hold_primes(t, digit_runs(t));
        assert!(assert_prefilter(&PRIMES, may_hold_primes, cases) > 0);
        let worded = |t: &str| WORDED_UNITS.iter().any(|u| t.contains(u));
        assert!(assert_prefilter(&WORDED, worded, cases) > 0);
        let worded_fr = |t: &str| WORDED_FR_UNITS.iter().any(|u| t.contains(u));
        assert!(assert_prefilter(&WORDED_FR, worded_fr, cases) > 0);
        // And they let nothing through on plain text.
        assert!(!units(
            "Le 5 mai 2024, le prix est passé à 12,50 € pour 3 kg."
        ));
        assert!(!degrees("Le 5 mai 2024, 45 % des clients."));
        assert!(!may_hold_primes("Le 5 mai 2024, l’an 2000."));
    }

    #[test]
    fn the_digits_of_a_placeholder_are_no_value() {
        // Qt's `%2`: the program fills in a size it gives in inches.
        assert_clean(&ImperialUnits, "%1 x %2 pouces (%3)");
        assert_marked(&ImperialUnits, "%1 x ⟦8 pouces⟧ (%3)");
    }

    #[test]
    fn flags_english_and_french_unit_names() {
        assert_marked(
            &ImperialUnits,
            "à seulement environ ⟦55 miles⟧ de la frontière",
        );
        assert_marked(&ImperialUnits, "Il est tombé ⟦24 à 32 pouces⟧ de neige.");
        assert_marked(
            &ImperialUnits,
            "un sachet de ⟦1,2 oz⟧ et ⟦10 lbs⟧ de farine",
        );
        assert_marked(
            &ImperialUnits,
            "Il faisait ⟦75 °F⟧ puis ⟦80 degrés Fahrenheit⟧.",
        );
        assert_marked(
            &ImperialUnits,
            "roulait à ⟦65 mph⟧ sur ⟦2 500 pieds carrés⟧",
        );
        assert_marked(&ImperialUnits, "Il pèse ⟦180 livres⟧ et mesure ⟦6 pieds⟧.");
        assert_marked(&ImperialUnits, "une tour de ⟦300 feet⟧ sur ⟦40 acres⟧");
        assert_marked(&ImperialUnits, "Il mesure ⟦5'11\"⟧ et pèse ⟦200 pounds⟧.");
        assert_marked(
            &ImperialUnits,
            "à ⟦quelques miles⟧ de là, ⟦des centaines de miles⟧",
        );
    }

    #[test]
    fn seat_pitch_in_inches_is_standard_french() {
        assert_clean(
            &ImperialUnits,
            "10 centimètres d’espace entre les rangées (pitch de 36 pouces)",
        );
        assert_marked(
            &ImperialUnits,
            "10 centimètres d’espace entre les rangées, soit ⟦36 pouces⟧ de plus",
        );
    }

    #[test]
    fn a_size_cue_starts_a_word() {
        // `long` inside `prolongation` sets no size: a football gain.
        assert_clean(
            &ImperialUnits,
            "Il a réussi un placement de 58 verges à la fin de la prolongation.",
        );
        assert_marked(
            &ImperialUnits,
            "Le mur est long de ⟦58 verges⟧ et haut de trois mètres.",
        );
    }

    #[test]
    fn flags_feet_and_inches_after_a_number_word_when_they_measure() {
        assert_marked(
            &ImperialUnits,
            "La tempête pourrait laisser ⟦un pied⟧ de neige, voire ⟦trois pouces⟧ de pluie.",
        );
        assert_marked(
            &ImperialUnits,
            "Des chutes de neige d’⟦un pied⟧ sont attendues, le mur fait ⟦deux pieds⟧ de haut.",
        );
        // Not a measure: body parts, thumbs, plants, idioms.
        assert_clean(
            &ImperialUnits,
            "Il a mis les deux pieds dans le plat, deux pouces levés, devant un pied de vigne.",
        );
        assert_clean(
            &ImperialUnits,
            "Elle marchait d’un pied léger dans la neige, à deux pieds de lui.",
        );
        // A metric value goes with it.
        assert_clean(&ImperialUnits, "un pied (30 cm) de neige est attendu");
    }

    #[test]
    fn suggests_metric_values() {
        assert_eq!(
            fix("à 55 miles de là").as_deref(),
            Some("environ 89\u{a0}km")
        );
        assert_eq!(
            fix("24 à 32 pouces de neige").as_deref(),
            Some("environ 61 à 81\u{a0}cm")
        );
        assert_eq!(fix("1,2 oz").as_deref(), Some("environ 34\u{a0}g"));
        assert_eq!(fix("75 °F").as_deref(), Some("environ 24\u{a0}°C"));
        assert_eq!(
            fix("à 10 000 feet").as_deref(),
            Some("environ 3\u{202f}000\u{a0}m")
        );
        assert_eq!(fix("5 feet").as_deref(), Some("environ 1,5\u{a0}m"));
        assert_eq!(fix("65 mph").as_deref(), Some("environ 100\u{a0}km/h"));
        assert_eq!(
            fix("6 pieds 2 pouces").as_deref(),
            Some("environ 1,88\u{a0}m")
        );
        assert_eq!(
            fix("6 feet 2 inches").as_deref(),
            Some("environ 1,88\u{a0}m")
        );
        assert_eq!(
            fix("7 livres 8 onces").as_deref(),
            Some("environ 3,4\u{a0}kg")
        );
        assert_eq!(fix("5'11\"").as_deref(), Some("environ 1,8\u{a0}m"));
        assert_eq!(fix("à 1,200 miles").as_deref(), None);
        assert_eq!(fix("99999999999999999999 miles").as_deref(), None);
        let f = run(&ImperialUnits, "à 55 miles de là, à 3 milles de là");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn leaves_legitimate_uses_alone() {
        assert_clean(
            &ImperialUnits,
            "à 55 miles (89 km) de là, 10 000 pieds, soit 3 000 m.",
        );
        assert_clean(
            &ImperialUnits,
            "La dalle Oled se fait plus petite (6,4 pouces), mais reste lumineuse.",
        );
        assert_clean(
            &ImperialUnits,
            "Enterré à une profondeur de 100 mètres (328 pieds).",
        );
        assert_clean(
            &ImperialUnits,
            "Il a acheté 3 livres de poche et 2 livres d'histoire.",
        );
        assert_clean(
            &ImperialUnits,
            "Une amende de 5 millions de livres sterling.",
        );
        assert_clean(&ImperialUnits, "Il a planté 300 pieds de vigne.");
        assert_clean(&ImperialUnits, "Un téléviseur avec un écran de 55 pouces.");
        assert_clean(
            &ImperialUnits,
            "L'once d'or vaut 1 800 dollars, soit 2 onces d'or.",
        );
        assert_clean(
            &ImperialUnits,
            "à 12 milles marins des côtes, 200 milles nautiques",
        );
        assert_clean(
            &ImperialUnits,
            "Miles Davis, 3 Miles, 1000 milliards, 20 ftp, 5 pi",
        );
        assert_clean(
            &ImperialUnits,
            "Il a cumulé 50 000 miles sur son compte de fidélité.",
        );
        assert_clean(&ImperialUnits, "Il a dit \"j'en veux 3\" puis est parti.");
    }

    #[test]
    fn flags_fahrenheit_given_as_plain_degrees() {
        assert_marked(&ImperialUnits, "Il fera ⟦95 degrés⟧ à Dallas mercredi.");
        assert_marked(
            &ImperialUnits,
            "La température tombera à ⟦moins 12 F⟧ cette nuit.",
        );
        assert_marked(
            &ImperialUnits,
            "Des températures entre ⟦60 et 70 degrés⟧ sont prévues.",
        );
        assert_marked(&ImperialUnits, "La chaleur flirtera avec ⟦100 degrés⟧.");
        // 50 degrees is Fahrenheit in a US text, Celsius elsewhere.
        assert_marked(
            &ImperialUnits,
            "À Chicago, la température baisse à ⟦50 degrés⟧.",
        );
        assert_clean(
            &ImperialUnits,
            "À Jacobabad, la température a atteint 50 degrés.",
        );
        // Beside values given in Celsius with a bare `C`, a heat record is
        // Celsius too, even in a text that names a US place.
        assert_clean(
            &ImperialUnits,
            "À Phoenix, il a fait 50 degrés C. Le record de chaleur à Athènes est de 48 degrés.",
        );
        assert_marked(
            &ImperialUnits,
            "À Phoenix, la chaleur a atteint ⟦50 degrés⟧. Le record à Athènes est de ⟦48 degrés⟧.",
        );
        // A text in Fahrenheit: its low values are Fahrenheit too.
        assert_marked(
            &ImperialUnits,
            "Il fera ⟦99 degrés⟧ mardi. La nuit, la température descendra à ⟦40 degrés⟧.",
        );
        let f = run(&ImperialUnits, "Il fera 95 degrés à Dallas.");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn suggests_celsius_for_plain_degrees() {
        assert_eq!(
            fix("Il fera 95 degrés à Dallas.").as_deref(),
            Some("35\u{a0}°C")
        );
        assert_eq!(
            fix("La température tombera à moins 12 F.").as_deref(),
            Some("environ −24\u{a0}°C")
        );
        assert_eq!(
            fix("Des températures entre 60 et 70 degrés sont prévues.").as_deref(),
            Some("16 et 21\u{a0}°C")
        );
        assert_eq!(fix("Il faisait 95 °F.").as_deref(), Some("35\u{a0}°C"));
        for (text, fixed) in [
            (
                "Il fera 95 degrés à Dallas.",
                "Il fera 35\u{a0}°C à Dallas.",
            ),
            ("Il fera moins 12 F.", "Il fera environ −24\u{a0}°C."),
            ("une crue de 3 pieds", "une crue d'environ 0,91\u{a0}m"),
            (
                "Il ne reste que 3 pieds d'eau.",
                "Il ne reste qu'environ 0,91\u{a0}m d'eau.",
            ),
        ] {
            assert_eq!(apply_suggestions(&ImperialUnits, text), fixed);
        }
    }

    #[test]
    fn a_cooks_recipe_weighs_in_pounds_and_ounces_as_a_warning() {
        let recipe = "1 lb de beurre salé, 8 oz de fromage, 1 c. à thé de vanille.";
        let f = run(&ImperialUnits, recipe);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|f| f.severity == Severity::Warning), "{f:?}");
        // Spoons spelt out, as a translation writes them: still errors.
        let f = run(
            &ImperialUnits,
            "1 lb de beurre salé, 8 oz de fromage, 1 cuillère à café de vanille.",
        );
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(f.iter().all(|f| f.severity == Severity::Error), "{f:?}");
        // `lbs` is English whoever writes the recipe.
        let f = run(&ImperialUnits, "2 lbs de bœuf et 1 c. à soupe d'huile.");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn yards_of_american_football_are_information() {
        // Two cues of the game: its yards are the sport's unit.
        let game = "Le quarterback a lancé pour 312 yards et trois touchdowns.";
        let f = run(&ImperialUnits, game);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].severity, Severity::Info);
        assert!(f[0].suggestion.is_none(), "{f:?}");
        let f = run(
            &ImperialUnits,
            "En NCAA, il a cumulé 623 yards à la passe face à LSU.",
        );
        assert_eq!(f[0].severity, Severity::Info);
        // One cue is not enough, and other units keep their severity.
        let f = run(
            &ImperialUnits,
            "Le quarterback habite à 300 yards du stade.",
        );
        assert_eq!(f[0].severity, Severity::Error);
        let f = run(
            &ImperialUnits,
            "Après le touchdown en NFL, le stade était à 20 miles de la ville.",
        );
        assert_eq!(f[0].severity, Severity::Error);
        // `inflation` holds no `nfl` cue: words are matched at their start.
        let f = run(
            &ImperialUnits,
            "Avec l'inflation, le touchdown ne vaut rien : la maison est à 300 yards.",
        );
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn leaves_celsius_angles_cooking_and_francs_alone() {
        for text in [
            "Il fera 35 degrés à Paris et 42 degrés à Séville.",
            "La voiture a fait un virage à 90 degrés.",
            "Préchauffer le four à 180 degrés, l'eau bout à 100 degrés.",
            "Un rhum à 70 degrés et un angle de 120°.",
            "Le loyer est de 850 F et le billet coûte 17 F.",
            "Au moins 105 degrés de ressenti, c'est trop chaud ? Non : 41 degrés Celsius.",
            "Il fera au moins 30 degrés, et même 95 degrés Fahrenheit (35 °C) à Dallas.",
            "Paris est à 48 degrés de latitude nord ; la chaleur y est rare.",
            "Arrêt n° 995 F-D du 12 mai, la chaleur de l'été.",
        ] {
            assert_clean(&ImperialUnits, text);
        }
    }

    #[test]
    fn flags_floods_in_feet_and_keeps_aviation_a_warning() {
        assert_marked(&ImperialUnits, "une crue de ⟦3 pieds⟧ a touché la ville");
        assert_marked(&ImperialUnits, "il y avait ⟦2 pieds⟧ d'eau dans la rue");
        let f = run(&ImperialUnits, "une crue de 3 pieds");
        assert_eq!(f[0].severity, Severity::Error);
        let f = run(
            &ImperialUnits,
            "l'avion volait à une altitude de 30 000 pieds",
        );
        assert_eq!(f[0].severity, Severity::Warning);
    }
}
