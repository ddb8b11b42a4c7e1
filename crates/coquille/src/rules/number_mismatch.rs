use crate::declare_rule;
use crate::parallel::{Parallel, trimmed};
use crate::rule::{Context, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;

declare_rule! {
    /// Numbers of the source missing, changed or left unconverted.
    ///
    /// ## What it does
    /// Needs the source (not run on a unit of a bilingual file whose source
    /// is a message key such as `post.too_short_content` or `0d999f2`: it has
    /// no English to compare with). For each aligned sentence pair (each unit
    /// of a bilingual file), the numbers of the source are looked for in the
    /// target, by value, whatever the notation: `1,000` = `1 000` = `1000`,
    /// `3.5` = `3,5`, `$1.2 billion` = `1,2 milliard de dollars`,
    /// `21st century` = `XXIe siècle`, `3 p.m.` = `15 h`, `two` of the
    /// source may be `deux` in the target and `3` may be `trois`.
    ///
    /// Imperial measures may be kept or converted: `55 miles` may become
    /// `55 miles` or about `89 km` (within 10%, rounding allowed), `82 °F`
    /// `82 °F` or about `28 °C`. A value copied with a metric unit, `55 km`
    /// for `55 miles` or `82 degrés` for `82 °F`, is an error. A number of
    /// the source found nowhere in the target is a warning: changed when the
    /// target has another number left over, missing otherwise.
    ///
    /// Numbers inside URLs, placeholders, character references (`&#215;`),
    /// identifiers (`UTF-8`, `MP3`) and version strings are left alone. A
    /// number opening a compound (`2-tailed`) may be a numeral prefix in the
    /// target (`bilatéral`, `bi-variée`).
    ///
    /// ## Why it matters
    /// A reader cannot see that a figure was changed, and a temperature of
    /// 82 °F printed as `82 degrés` tells a French reader it is scorching.
    ///
    /// ## Example
    /// Source: `Highs will reach 82 °F on Sunday, 55 miles inland.`
    ///
    /// Bad: `Les maximales atteindront 82 degrés dimanche, à 55 km à
    /// l'intérieur des terres.`
    ///
    /// Good: `Les maximales atteindront 28 °C dimanche, à 89 km à
    /// l'intérieur des terres.`
    ///
    /// ## Known false positives
    /// A number the translator spelled out in words beyond twenty, or
    /// folded into an expression (`a dozen` → `une douzaine` is understood,
    /// `twice` → `deux fois` is not).
    pub struct NumberMismatch {
        id: "number-mismatch",
        category: Translation,
        severity: Warning,
    }
}

/// Imperial units of the source, with their metric conversion.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Imperial {
    /// Explicit Fahrenheit degrees.
    Fahrenheit,
    /// Any other unit: metric value = value × factor.
    Factor(f64, &'static str),
}

/// What follows a number in the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TargetUnit {
    None,
    /// A metric unit (km, m, kg, °C, degrés...).
    Metric,
    /// An imperial unit kept (miles, pieds, °F...).
    Imperial,
}

#[derive(Debug, Clone)]
struct Number {
    /// The values the notation may stand for.
    values: Vec<f64>,
    span: Span,
    imperial: Option<Imperial>,
    unit: TargetUnit,
    /// The number is `degrés` (without `Celsius`), in the target.
    bare_degrees: bool,
}

impl Rule for NumberMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}

    fn check_with_source(&self, ctx: &Context<'_>, p: &Parallel<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for (source, target) in p.pairs() {
            let src = numbers(p.source(), source, Lang::English);
            if src.is_empty() {
                continue;
            }
            let tgt = numbers(text, target, Lang::French);
            compare(p.source(), text, target, &src, &tgt, sink);
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    English,
    French,
}

/// Relative tolerance of a kept value (notation differences only).
fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A converted value: within 10%, or within rounding to a unit.
fn close(converted: f64, got: f64) -> bool {
    (converted - got).abs() <= (0.1 * converted.abs()).max(0.5 + 0.02 * converted.abs())
}

fn convert(v: f64, unit: Imperial) -> f64 {
    match unit {
        Imperial::Fahrenheit => (v - 32.0) * 5.0 / 9.0,
        Imperial::Factor(f, _) => v * f,
    }
}

fn compare(
    source_text: &str,
    text: &str,
    target: Span,
    src: &[Number],
    tgt: &[Number],
    sink: &mut Sink<'_>,
) {
    let mut used = vec![false; tgt.len()];
    let mut unmatched: Vec<&Number> = Vec::new();
    // Kept values first, then conversions.
    let mut pending: Vec<&Number> = Vec::new();
    for s in src {
        // Zero is often a word: "< 0" is "négatif", "0 files" is "aucun fichier".
        if s.values.iter().all(|v| *v == 0.0) {
            continue;
        }
        let k = (0..tgt.len()).find(|&k| {
            !used[k]
                && s.values
                    .iter()
                    .any(|a| tgt[k].values.iter().any(|b| same(*a, *b)))
        });
        match k {
            Some(k) => {
                used[k] = true;
                if let Some(unit) = s.imperial
                    && copied_as_metric(unit, &tgt[k])
                {
                    let v = s.values[0];
                    let want = convert(v, unit);
                    let (shown_unit, message_unit) = match unit {
                        Imperial::Fahrenheit => ("°F", "°C"),
                        Imperial::Factor(_, u) => ("", u),
                    };
                    sink.report_with_source(
                        tgt[k].span,
                        s.span,
                        Severity::Error,
                        format!(
                            "`{}` of the source{} is copied with a metric unit: about {} {message_unit}",
                            s.span.slice(source_text),
                            if shown_unit.is_empty() { String::new() } else { format!(" ({shown_unit})") },
                            round_shown(want)
                        ),
                    );
                }
            }
            None => {
                // `[0,1]`, `1,2`: two numbers the source lists without a
                // space (an interval, a pair), which English never writes
                // as a decimal; the target may space them (`[0, 1]`).
                if let Some((a, b)) = pair_of_numbers(s.span.slice(source_text)) {
                    let find = |v: f64, skip: Option<usize>, used: &[bool]| {
                        (0..tgt.len()).find(|&k| {
                            !used[k] && Some(k) != skip && tgt[k].values.iter().any(|x| same(*x, v))
                        })
                    };
                    let ka = find(a, None, &used);
                    if let Some(ka) = ka
                        && let Some(kb) = find(b, Some(ka), &used)
                    {
                        used[ka] = true;
                        used[kb] = true;
                        continue;
                    }
                }
                pending.push(s);
            }
        }
    }
    for s in pending {
        let k = s.imperial.and_then(|unit| {
            (0..tgt.len()).find(|&k| {
                !used[k]
                    && s.values
                        .iter()
                        .any(|a| tgt[k].values.iter().any(|b| close(convert(*a, unit), *b)))
            })
        });
        match k {
            Some(k) => used[k] = true,
            None if spelled_in(text, target, &s.values) => {}
            None if compound(source_text, s.span)
                && (prefixed_in(text, target, &s.values)
                    || compound_word_in(text, target, &s.values)) => {}
            None => unmatched.push(s),
        }
    }
    let leftover: Vec<&Number> = tgt
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(n, _)| n)
        .collect();
    // A number found as written elsewhere in the target ("TLSv1.3" for
    // "TLS 1.3") is kept.
    let target_text = target.slice(text);
    unmatched.retain(|s| !target_text.contains(s.span.slice(source_text)));
    if unmatched.len() > 1 {
        // Several numbers missing from one pair: one finding.
        if let Some(at) = trimmed(text, target) {
            let shown: Vec<&str> = unmatched
                .iter()
                .map(|s| s.span.slice(source_text))
                .collect();
            let span = Span::new(
                unmatched[0].span.start,
                unmatched[unmatched.len() - 1].span.end,
            );
            sink.report_with_source(
                at,
                span,
                Severity::Warning,
                format!(
                    "Numbers of the source are missing from the translation: `{}`",
                    shown.join("`, `")
                ),
            );
        }
        return;
    }
    for s in unmatched {
        let shown = s.span.slice(source_text);
        match leftover.as_slice() {
            [one] => sink.report_with_source(
                one.span,
                s.span,
                Severity::Warning,
                format!("`{shown}` of the source became `{}`", one.span.slice(text)),
            ),
            _ => {
                if let Some(at) = trimmed(text, target) {
                    sink.report_with_source(
                        at,
                        s.span,
                        Severity::Warning,
                        format!("`{shown}` of the source is missing from the translation"),
                    );
                }
            }
        }
    }
}

fn copied_as_metric(unit: Imperial, t: &Number) -> bool {
    match unit {
        Imperial::Fahrenheit => t.bare_degrees || t.unit == TargetUnit::Metric,
        Imperial::Factor(..) => t.unit == TargetUnit::Metric,
    }
}

fn round_shown(v: f64) -> String {
    if v.abs() >= 10.0 {
        format!("{}", v.round() as i64)
    } else {
        format!("{:.1}", v).replace('.', ",")
    }
}

/// French number words, for values a translator spelled out.
const FRENCH_WORDS: &[(&str, f64)] = &[
    ("zéro", 0.0),
    ("un", 1.0),
    ("une", 1.0),
    ("deux", 2.0),
    ("trois", 3.0),
    ("quatre", 4.0),
    ("cinq", 5.0),
    ("six", 6.0),
    ("sept", 7.0),
    ("huit", 8.0),
    ("neuf", 9.0),
    ("dix", 10.0),
    ("onze", 11.0),
    ("douze", 12.0),
    ("douzaine", 12.0),
    ("treize", 13.0),
    ("quatorze", 14.0),
    ("quinze", 15.0),
    ("quinzaine", 15.0),
    ("seize", 16.0),
    ("vingt", 20.0),
    ("vingtaine", 20.0),
    ("trente", 30.0),
    ("trentaine", 30.0),
    ("quarante", 40.0),
    ("cinquante", 50.0),
    ("soixante", 60.0),
    ("cent", 100.0),
    ("centaine", 100.0),
    ("mille", 1000.0),
    ("millier", 1000.0),
    ("million", 1e6),
    ("milliard", 1e9),
    ("moitié", 0.5),
    ("demi", 0.5),
    ("premier", 1.0),
    ("première", 1.0),
    ("deuxième", 2.0),
    ("second", 2.0),
    ("seconde", 2.0),
    ("troisième", 3.0),
    ("quatrième", 4.0),
    ("cinquième", 5.0),
    ("dixième", 10.0),
    ("quart", 0.25),
    ("tiers", 1.0 / 3.0),
];

/// Whether one of `values` is spelled out as a French word in `span`.
fn spelled_in(text: &str, span: Span, values: &[f64]) -> bool {
    let s = span.slice(text).to_lowercase();
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| {
            let singular = w.strip_suffix('s').unwrap_or(w);
            FRENCH_WORDS
                .iter()
                .any(|(f, v)| (*f == w || *f == singular) && values.iter().any(|x| same(*x, *v)))
        })
}

/// Latin and Greek numeral prefixes of French words.
const NUMERAL_PREFIXES: &[(&str, f64)] = &[
    ("uni", 1.0),
    ("mono", 1.0),
    ("bi", 2.0),
    ("tri", 3.0),
    ("quadri", 4.0),
    ("tétra", 4.0),
    ("penta", 5.0),
    ("hexa", 6.0),
];

/// Whether the number at `span` of the source opens a compound, a hyphen
/// and a word after it (`2-tailed`, `3-way`).
fn compound(source: &str, span: Span) -> bool {
    let mut after = source[span.end..].chars();
    after.next() == Some('-') && after.next().is_some_and(char::is_alphabetic)
}

/// Whether one of `values` stands in `span` as the numeral prefix of a
/// word (`bi-variée`, `bilatéral`, `tricœur` for `2-tailed`, `2-tailed`,
/// `3-core`): the prefix then a hyphen, or then a French word of four
/// letters or more (`bien`, `unique`, `trier` are no such words).
fn prefixed_in(text: &str, span: Span, values: &[f64]) -> bool {
    let s = span.slice(text).to_lowercase();
    s.split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|w| !w.is_empty())
        .any(|w| {
            NUMERAL_PREFIXES.iter().any(|(prefix, v)| {
                values.iter().any(|x| same(*x, *v))
                    && w.strip_prefix(prefix).is_some_and(|rest| {
                        rest.starts_with('-')
                            || (rest.chars().count() >= 4
                                && crate::lang::french::classes_any_case(rest).is_some())
                    })
            })
        })
}

/// The two numbers of `raw` when it is two runs of digits joined by one
/// comma, the second not a group of three (`0,1`; not `1,500`).
fn pair_of_numbers(raw: &str) -> Option<(f64, f64)> {
    let (a, b) = raw.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !(digits(a) && digits(b) && b.len() != 3) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// French words that say the number of a compound without a digit: the
/// multiplicatives (`double` for `2-fold`, `Dual-`), and the sides of a
/// sheet (`recto` for `1-sided`, `recto-verso` for `2-sided`).
const COMPOUND_WORDS: &[(&str, f64)] = &[
    ("simple", 1.0),
    ("recto", 1.0),
    ("double", 2.0),
    ("recto-verso", 2.0),
    ("triple", 3.0),
    ("quadruple", 4.0),
];

/// Whether one of `values` is said in `span` by a word of
/// [`COMPOUND_WORDS`] (`Impression recto-verso` for `2-Sided Printing`,
/// `Désactivé (recto)` for `Off (1-Sided)`; `recto verso` is one word).
fn compound_word_in(text: &str, span: Span, values: &[f64]) -> bool {
    let s = span
        .slice(text)
        .to_lowercase()
        .replace("recto verso", "recto-verso");
    s.split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|w| !w.is_empty())
        .any(|w| {
            let singular = w.strip_suffix('s').unwrap_or(w);
            COMPOUND_WORDS
                .iter()
                .any(|(f, v)| (*f == w || *f == singular) && values.iter().any(|x| same(*x, *v)))
        })
}

/// The numbers of `text` within `span`.
fn numbers(text: &str, span: Span, lang: Lang) -> Vec<Number> {
    let s = span.slice(text);
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // The chunk around: skip URLs, placeholders, identifiers.
        let chunk_start = s[..i]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(p, c)| p + c.len_utf8());
        let chunk_end = s[i..].find(char::is_whitespace).map_or(s.len(), |p| i + p);
        let chunk = &s[chunk_start..chunk_end];
        let before = s[..i].chars().next_back();
        let glued_to_word = before.is_some_and(|c| c.is_alphabetic() || c == '_')
            || (matches!(before, Some('-' | '.' | '/' | ':' | '#' | '$' | '%'))
                && s[..i - 1]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphabetic() || c == '_'));
        // Digits of a character reference: `&#215;`.
        let in_entity = s[..i].ends_with("&#");
        // Digits of a printf conversion: `%.250s`, `%03lo`.
        let in_placeholder = s[..i]
            .chars()
            .rev()
            .take(8)
            .find(|c| !matches!(c, '0'..='9' | '.' | '-' | '+' | '#' | '*' | '\''))
            == Some('%');
        if chunk.contains("://")
            || chunk.contains("www.")
            || chunk.contains('@')
            || chunk.contains(['{', '}', '\\'])
            || glued_to_word
            || in_placeholder
            || in_entity
        {
            i = skip_digits(b, i);
            continue;
        }
        // The number: digits with grouping separators and one decimal mark.
        let (end, raw) = scan(s, i, lang);
        let after = &s[end..];
        // Glued letters: ordinals and units pass, other words ("3D",
        // "4K", "5G") are identifiers.
        let glued: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        // ("32bits", "10px": a unit glued in lower case is fine.)
        let lower_unit = glued.chars().count() <= 5 && glued.chars().all(char::is_lowercase);
        if !glued.is_empty() && !ordinal_or_unit(&glued) && !lower_unit {
            i = end + glued.len();
            continue;
        }
        // Version strings, dates: 1.2.3, 2016-01-05, 10.0.0.1.
        let iso_date = raw.len() == 4
            && after.starts_with('-')
            && after[1..].starts_with(|c: char| c.is_ascii_digit());
        if iso_date
            || (after.starts_with(['.', '-'])
                && after[1..].starts_with(|c: char| c.is_ascii_digit())
                && raw.matches(['.', ',']).count() >= 1)
        {
            i = skip_literal(b, end);
            continue;
        }
        let Some(mut values) = parse_values(&raw, lang) else {
            i = end.max(i + 1);
            continue;
        };
        let (scale, unit_words) = following_words(after);
        // Scale words: million, milliard, billion, k.
        if let Some(m) = scale_of(&scale, lang) {
            let scaled: Vec<f64> = values.iter().map(|v| v * m).collect();
            values.extend(scaled);
        }
        // Times: 3 p.m. → 15 h.
        if lang == Lang::English && is_pm(after) {
            let pm: Vec<f64> = values
                .iter()
                .filter(|v| **v < 12.0)
                .map(|v| v + 12.0)
                .collect();
            values.extend(pm);
        }
        let (imperial, unit, bare_degrees) = match lang {
            Lang::English => (
                imperial_unit(&glued, &unit_words, after),
                TargetUnit::None,
                false,
            ),
            Lang::French => {
                let (u, bare) = target_unit(&glued, &unit_words, after);
                (None, u, bare)
            }
        };
        out.push(Number {
            values,
            span: Span::new(span.start + i, span.start + end),
            imperial,
            unit,
            bare_degrees,
        });
        i = end.max(i + 1);
    }
    if lang == Lang::French {
        out.extend(roman_centuries(text, span));
    }
    out
}

fn skip_digits(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'.' | b',' | b'-' | b'_'))
    {
        i += 1;
    }
    i
}

fn skip_literal(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_digit() || matches!(b[i], b'.' | b'-' | b'/' | b':')) {
        i += 1;
    }
    i
}

/// Scans a number from byte `i`: digits, thousands groups (`,` `.` in
/// English; spaces, `.` in French, and `,` too since machine translation
/// copies it) and a decimal part. Returns its end and its raw text with
/// spaces removed.
fn scan(s: &str, i: usize, lang: Lang) -> (usize, String) {
    let b = s.as_bytes();
    let mut j = i;
    let mut raw = String::new();
    while j < b.len() && b[j].is_ascii_digit() {
        raw.push(b[j] as char);
        j += 1;
    }
    loop {
        let rest = &s[j..];
        let sep = rest.chars().next();
        let Some(sep) = sep else { break };
        let space = matches!(sep, ' ' | '\u{a0}' | '\u{202f}');
        if !(matches!(sep, ',' | '.') || (space && lang == Lang::French)) {
            break;
        }
        let after = &rest[sep.len_utf8()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            break;
        }
        if space {
            // "1 000 000": groups of exactly three digits after a first one
            // of at most three.
            let grouped = raw.contains(' ');
            if digits != 3 || raw.contains(['.', ',']) || (!grouped && raw.len() > 3) {
                break;
            }
            let next = after.as_bytes().get(3).copied();
            if next.is_some_and(|c| c.is_ascii_alphanumeric()) {
                break;
            }
            raw.push(' ');
        } else {
            raw.push(sep);
        }
        raw.push_str(&after[..digits]);
        j += sep.len_utf8() + digits;
    }
    (j, raw)
}

/// The values a raw number may stand for in `lang`.
fn parse_values(raw: &str, lang: Lang) -> Option<Vec<f64>> {
    let no_space: String = raw.chars().filter(|c| *c != ' ').collect();
    let grouped_by = |sep: char| -> bool {
        let groups: Vec<&str> = no_space.split(sep).collect();
        groups.len() >= 2
            && groups[0].len() <= 3
            && groups[1..]
                .iter()
                .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    };
    let mut out = Vec::new();
    let plain = |s: &str| s.parse::<f64>().ok().filter(|v| v.is_finite());
    if raw.contains(' ') {
        // French grouping with spaces, maybe a decimal comma after.
        let (int, dec) = no_space.split_once(',').unwrap_or((&no_space, ""));
        let v = if dec.is_empty() {
            plain(int)
        } else {
            plain(&format!("{int}.{dec}"))
        };
        out.extend(v);
        return (!out.is_empty()).then_some(out);
    }
    let has_comma = no_space.contains(',');
    let has_dot = no_space.contains('.');
    match (has_comma, has_dot) {
        (false, false) => out.extend(plain(&no_space)),
        (true, false) => {
            if grouped_by(',') {
                out.extend(plain(&no_space.replace(',', "")));
            }
            if (lang == Lang::French || !grouped_by(','))
                && let Some((a, b)) = no_space.split_once(',')
                && !b.contains(',')
            {
                out.extend(plain(&format!("{a}.{b}")));
            }
        }
        (false, true) => {
            if grouped_by('.') && (lang == Lang::French || no_space.matches('.').count() > 1) {
                out.extend(plain(&no_space.replace('.', "")));
            }
            if no_space.matches('.').count() == 1 {
                out.extend(plain(&no_space));
            }
        }
        (true, true) => {
            // 1,234.5 (English) or 1.234,5 (French with dot groups).
            let c = no_space.rfind(',').unwrap_or(0);
            let d = no_space.rfind('.').unwrap_or(0);
            if d > c {
                out.extend(plain(&no_space.replace(',', "")));
            } else {
                out.extend(plain(&no_space.replace('.', "").replace(',', ".")));
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The word after a number (lower case, without punctuation) and the two
/// words after it.
fn following_words(after: &str) -> (String, Vec<String>) {
    let words: Vec<String> = after
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .take(3)
        .map(|w| {
            w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '°' || c == '/' || c == '²'))
                .to_lowercase()
        })
        .collect();
    (words.first().cloned().unwrap_or_default(), words)
}

fn scale_of(word: &str, lang: Lang) -> Option<f64> {
    let w = word.trim_end_matches('s');
    match (lang, w) {
        (_, "million" | "m" | "mn") => Some(1e6),
        (Lang::English, "billion" | "bn" | "b") => Some(1e9),
        (Lang::French, "milliard" | "md" | "mrd" | "mds") => Some(1e9),
        (Lang::French, "billion") => Some(1e12),
        (Lang::English, "trillion" | "tn") => Some(1e12),
        (Lang::English, "thousand" | "k") => Some(1e3),
        (Lang::French, "mille" | "k") => Some(1e3),
        _ => None,
    }
}

fn is_pm(after: &str) -> bool {
    let a = after.trim_start();
    let a = a
        .strip_prefix(':')
        .map(|r| {
            r.trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start()
        })
        .unwrap_or(a);
    let lower = a.to_ascii_lowercase();
    lower.starts_with("p.m") || lower.starts_with("pm")
}

fn ordinal_or_unit(glued: &str) -> bool {
    matches!(
        glued.to_lowercase().as_str(),
        "st" | "nd"
            | "rd"
            | "th"
            | "er"
            | "re"
            | "e"
            | "ème"
            | "eme"
            | "es"
            | "km"
            | "kg"
            | "cm"
            | "mm"
            | "m"
            | "g"
            | "mg"
            | "l"
            | "ml"
            | "h"
            | "min"
            | "mi"
            | "ft"
            | "lb"
            | "lbs"
            | "oz"
            | "mph"
            | "am"
            | "pm"
            | "s"
            | "ha"
            | "kb"
            | "mb"
            | "gb"
            | "tb"
            | "ko"
            | "mo"
            | "go"
            | "to"
            | "px"
            | "pt"
            | "em"
            | "k"
            | "bn"
            | "mn"
            | "md"
    )
}

/// The imperial unit after a number of the source, if any.
fn imperial_unit(glued: &str, words: &[String], after: &str) -> Option<Imperial> {
    let first = if glued.is_empty() {
        words.first().map(String::as_str).unwrap_or("")
    } else {
        glued
    };
    let second = words.get(1).map(String::as_str).unwrap_or("");
    let a = after.trim_start();
    if a.starts_with("°F")
        || a.starts_with("° F")
        || a.starts_with("ºF")
        || first == "fahrenheit"
        || (first == "degrees" && second == "fahrenheit")
    {
        return Some(Imperial::Fahrenheit);
    }
    let f = match first.to_lowercase().as_str() {
        "mile" | "miles" | "mi" => Imperial::Factor(1.609_344, "km"),
        "mph" => Imperial::Factor(1.609_344, "km/h"),
        "foot" | "feet" | "ft" => Imperial::Factor(0.3048, "m"),
        "inch" | "inches" => Imperial::Factor(2.54, "cm"),
        "yard" | "yards" | "yd" => Imperial::Factor(0.9144, "m"),
        "pound" | "pounds" | "lb" | "lbs" => Imperial::Factor(0.453_592, "kg"),
        "ounce" | "ounces" | "oz" => Imperial::Factor(28.35, "g"),
        "gallon" | "gallons" | "gal" => Imperial::Factor(3.785, "l"),
        "acre" | "acres" => Imperial::Factor(0.4047, "ha"),
        "square" if matches!(second, "miles" | "mile") => Imperial::Factor(2.59, "km²"),
        "square" if matches!(second, "feet" | "foot") => Imperial::Factor(0.0929, "m²"),
        _ => return None,
    };
    Some(f)
}

/// The unit after a number of the target: metric, imperial kept, or none;
/// and whether it is `degrés` alone.
fn target_unit(glued: &str, words: &[String], after: &str) -> (TargetUnit, bool) {
    let first = if glued.is_empty() {
        words.first().map(String::as_str).unwrap_or("")
    } else {
        glued
    };
    let second = words.get(1).map(String::as_str).unwrap_or("");
    let a = after.trim_start();
    if a.starts_with("°F")
        || a.starts_with("° F")
        || second == "fahrenheit"
        || first == "fahrenheit"
    {
        return (TargetUnit::Imperial, false);
    }
    if a.starts_with("°C") || a.starts_with("° C") || second == "celsius" {
        return (TargetUnit::Metric, false);
    }
    if matches!(first, "degré" | "degrés" | "°") || a.starts_with('°') {
        return (TargetUnit::Metric, true);
    }
    let u = match first.to_lowercase().as_str() {
        "km" | "kilomètre" | "kilomètres" | "m" | "mètre" | "mètres" | "cm" | "centimètre"
        | "centimètres" | "mm" | "kg" | "kilo" | "kilos" | "kilogramme" | "kilogrammes" | "g"
        | "gramme" | "grammes" | "l" | "litre" | "litres" | "ha" | "hectare" | "hectares"
        | "km/h" | "km²" | "m²" => TargetUnit::Metric,
        "mile" | "miles" | "milles" | "pied" | "pieds" | "pouce" | "pouces" | "livre"
        | "livres" | "once" | "onces" | "gallon" | "gallons" | "acre" | "acres" | "yard"
        | "yards" | "verge" | "verges" | "mph" => TargetUnit::Imperial,
        _ => TargetUnit::None,
    };
    (u, false)
}

/// French centuries and ordinals in Roman numerals: `XXIe siècle`, `IIIe`.
fn roman_centuries(text: &str, span: Span) -> Vec<Number> {
    let s = span.slice(text);
    let mut out = Vec::new();
    let mut pos = 0;
    for w in s.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let word = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        let roman = word
            .strip_suffix("ème")
            .or_else(|| word.strip_suffix("er"))
            .or_else(|| word.strip_suffix('e'));
        if let Some(r) = roman
            && !r.is_empty()
            && r.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
            && let Some(v) = roman_value(r)
        {
            out.push(Number {
                values: vec![v],
                span: Span::new(span.start + pos, span.start + pos + word.len()),
                imperial: None,
                unit: TargetUnit::None,
                bare_degrees: false,
            });
        }
        pos += w.len();
    }
    out
}

fn roman_value(r: &str) -> Option<f64> {
    let val = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        _ => 0,
    };
    let digits: Vec<i32> = r.chars().map(val).collect();
    let mut total = 0;
    for (k, d) in digits.iter().enumerate() {
        if digits.get(k + 1).is_some_and(|n| n > d) {
            total -= d;
        } else {
            total += d;
        }
    }
    (total > 0).then_some(f64::from(total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{
        assert_bilingual, assert_clean, assert_unit_clean, run_bilingual, unit_texts,
    };

    #[test]
    fn notations_and_conversions_that_keep_the_value_pass() {
        for (en, fr) in [
            (
                "It cost 1,000 dollars and weighed 3.5 tons.",
                "Il a coûté 1 000 dollars et pesait 3,5 tonnes.",
            ),
            (
                "It cost $1.2 billion in 2016.",
                "Il a coûté 1,2 milliard de dollars en 2016.",
            ),
            (
                "It is 55 miles from the coast.",
                "C'est à 89 km de la côte.",
            ),
            (
                "It is 55 miles from the coast.",
                "C'est à 55 miles de la côte.",
            ),
            (
                "Highs reached 82 °F on Sunday.",
                "Les maximales ont atteint 28 °C dimanche.",
            ),
            (
                "Highs reached 82 degrees Fahrenheit on Sunday.",
                "Les maximales ont atteint 82 degrés Fahrenheit dimanche.",
            ),
            (
                "The meeting starts at 3 p.m. with two speakers.",
                "La réunion commence à 15 h avec deux orateurs.",
            ),
            (
                "In the 21st century, 50% of people use UTF-8.",
                "Au XXIe siècle, 50 % des gens utilisent UTF-8.",
            ),
            (
                "Version 2.4.1 was released on 2016-01-05.",
                "La version 2.4.1 est sortie le 5 janvier 2016.",
            ),
            (
                "He won 3 of his 4 matches.",
                "Il a gagné trois de ses quatre matchs.",
            ),
            (
                "The 2015-16 season was his best.",
                "La saison 2015-2016 a été sa meilleure.",
            ),
            (
                "Open http://example.com/page/42 now.",
                "Ouvrez http://example.com/page/42 maintenant.",
            ),
        ] {
            let f = run_bilingual(&NumberMismatch, en, fr);
            assert!(
                f.is_empty(),
                "{en} / {fr}: {:?}",
                f.iter().map(|f| &f.message).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn unconverted_imperial_values_are_errors() {
        assert_bilingual(
            &NumberMismatch,
            "Highs will reach 82 °F on Sunday.",
            "Les maximales atteindront ⟦82⟧ degrés dimanche.",
        );
        assert_bilingual(
            &NumberMismatch,
            "The town is 55 miles inland.",
            "La ville est à ⟦55⟧ km à l'intérieur des terres.",
        );
        let f = run_bilingual(
            &NumberMismatch,
            "Highs will reach 82 °F on Sunday.",
            "Il fera 82 degrés.",
        );
        assert_eq!(f[0].severity, Severity::Error);
        assert!(f[0].message.contains("28 °C"), "{}", f[0].message);
    }

    #[test]
    fn numeral_prefixes_and_character_references() {
        for (en, fr) in [
            ("Exact Sig. (2-tailed)", "Sig. exacte (bilatérale)"),
            ("Sig. (1-tailed)", "Sig. (uni-variée)"),
            (
                "%%.%dlf&#215;10<sup>%d</sup>",
                "%%.%dlf&#215;10<sup>%d</sup>",
            ),
        ] {
            assert_unit_clean(&NumberMismatch, en, fr);
        }
        // The sides of a sheet, a multiplicative; two numbers the source
        // joins by a comma, spaced.
        for (en, fr) in [
            ("'x' must cover [0,1]", "'x' doit couvrir [0, 1]"),
            ("2-Sided Printing", "Impression recto-verso"),
            ("2-Sided Printing", "Impression recto verso"),
            ("Off (1-Sided)", "Désactivé (recto)"),
            (
                "Enable 2-factor login",
                "Activer la connexion à double facteur",
            ),
        ] {
            assert_unit_clean(&NumberMismatch, en, fr);
        }
        // A word that only starts like a prefix, a number outside a
        // compound, a compound's number said by a word of another value.
        for (en, fr) in [
            ("Exact Sig. (2-tailed)", "Sig. exacte (bien)"),
            ("Use 2 cores", "Utiliser des processeurs bicœurs"),
            ("Print 2 copies", "Imprimer en recto-verso"),
            ("'x' must cover [0,1]", "'x' doit couvrir [0, 2]"),
            ("3-Sided Printing", "Impression recto-verso"),
        ] {
            assert_eq!(unit_texts(&NumberMismatch, en, fr).len(), 1, "{fr}");
        }
    }

    #[test]
    fn changed_and_missing_numbers_are_warnings() {
        assert_bilingual(
            &NumberMismatch,
            "The company hired 350 people in 2019.",
            "L'entreprise a embauché ⟦530⟧ personnes en 2019.",
        );
        assert_bilingual(
            &NumberMismatch,
            "The company hired 350 people in 2019.",
            "⟦L'entreprise a embauché des centaines de personnes en 2019.⟧",
        );
        let f = run_bilingual(
            &NumberMismatch,
            "He hired 350 people.",
            "Il a embauché 530 personnes.",
        );
        assert_eq!(f[0].severity, Severity::Warning);
        assert_eq!(f[0].source.unwrap().slice("He hired 350 people."), "350");
        assert_clean(&NumberMismatch, "Il a embauché 530 personnes.");
    }

    #[test]
    fn values_parse_in_both_conventions() {
        assert_eq!(parse_values("1,000", Lang::English), Some(vec![1000.0]));
        assert_eq!(parse_values("3.5", Lang::English), Some(vec![3.5]));
        assert_eq!(parse_values("3,5", Lang::French), Some(vec![3.5]));
        assert_eq!(parse_values("1 000", Lang::French), Some(vec![1000.0]));
        assert_eq!(parse_values("1,000", Lang::French), Some(vec![1000.0, 1.0]));
        assert_eq!(parse_values("1.000.000", Lang::English), Some(vec![1e6]));
        assert_eq!(roman_value("XXI"), Some(21.0));
        assert_eq!(roman_value("XIX"), Some(19.0));
    }
}
