use crate::declare_rule;
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::chars::{is_apostrophe, is_word_space};
use crate::text::fold;

declare_rule! {
    /// Fahrenheit temperatures given as decades: `les températures atteindront le milieu des années 90` for *temperatures will reach the mid-90s*.
    ///
    /// ## What it does
    /// English gives a temperature range by its tens: *the mid-90s*, *the
    /// upper 80s*, *the low 100s* (degrees Fahrenheit). Translation engines
    /// render them as decades: `le milieu des années 90`, `le haut des années
    /// 80`, `les années 100 inférieures`. The rule reports `milieu`, `haut`,
    /// `bas`, `partie supérieure` or `partie inférieure des années NN`, and
    /// `années NN supérieures`, `inférieures`, `hautes` or `basses`, when the
    /// words just before it (past articles and prepositions) are a
    /// temperature (`températures`, `maximales`, `mercure`, `thermomètre`,
    /// `indice de chaleur`) or a verb of reaching (`atteindront`, `grimper`,
    /// `culminer`, `avoisiner`, `dépasser`, `se situer`), and gives the range
    /// in degrees Celsius in its message (`le milieu des années 90`: about 34
    /// to 36 °C). It also reports the whole tens, `dans les 100` or `dans
    /// les années 90`, right after a verb of reaching in the future tense
    /// (`grimperont`, `atteindra`, `seront`: a forecast, where a decade as a
    /// date would be in the past) in a sentence about temperatures, when no
    /// noun follows the number (`dans les 100 mètres` is a count).
    ///
    /// ## Why it matters
    /// A French reader reads a decade (the 1990s) where a temperature was
    /// meant: the sentence makes no sense, and the value is in Fahrenheit
    /// anyway.
    ///
    /// ## Example
    /// Bad: `Les températures atteindront le milieu des années 90 dans toute la région.`
    ///
    /// Good: `Les températures atteindront 34 à 36 °C dans toute la région.`
    ///
    /// ## Not flagged
    /// Decades as dates (`depuis le milieu des années 90`, `au milieu des
    /// années 80, la crise…`, `les températures dans les années 90`),
    /// `début` and `fin des années`, which English temperatures do not use,
    /// four-digit decades (`années 1990`), code and URLs.
    ///
    /// ## Known false positives
    /// A decade right after a verb of reaching used of time (`la mode a
    /// atteint le milieu des années 80 sans changer`).
    pub struct FahrenheitDecade {
        id: "fahrenheit-decade",
        category: Locale,
        severity: Error,
    }
}

/// Where in its tens a range lies, from the qualifier.
#[derive(Clone, Copy)]
enum Part {
    Low,
    Mid,
    High,
    /// The whole tens: *in the 90s*.
    Whole,
}

/// Qualifiers before `des années`, folded ([`fold`]: lower case), with their part of the tens.
const BEFORE: &[(&str, Part)] = &[
    ("milieu", Part::Mid),
    ("haut", Part::High),
    ("bas", Part::Low),
    ("partie supérieure", Part::High),
    ("partie inférieure", Part::Low),
];

/// Qualifiers after `années NN`, folded.
const AFTER: &[(&str, Part)] = &[
    ("supérieures", Part::High),
    ("hautes", Part::High),
    ("inférieures", Part::Low),
    ("basses", Part::Low),
    ("moyennes", Part::Mid),
];

/// Words allowed between the cue and the decade, folded.
const LINKS: &[&str] = &[
    "le", "la", "les", "l", "dans", "du", "des", "de", "au", "aux", "à", "jusqu", "se", "vers",
];

/// Word beginnings (folded) of a verb of reaching; with [`TEMPERATURE`],
/// the cues that make a range a temperature.
const REACHING: &[&str] = &[
    "atteindr", "atteign", "atteint", "grimp", "culmin", "mont", "oscill", "plafonn", "avoisin",
    "dépass", "situ",
];

/// Whether `word` (folded) begins like a temperature or a verb of reaching.
fn is_cue(word: &str) -> bool {
    TEMPERATURE
        .iter()
        .chain(REACHING)
        .any(|c| word.starts_with(c))
}

/// The words of `before`, last first, folded.
fn words_back(before: &str) -> impl Iterator<Item = String> + '_ {
    before
        .rsplit(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
        .flat_map(|w| w.rsplit(is_apostrophe))
        .filter(|w| !w.is_empty())
        .map(|w| fold(w).into_owned())
}

/// The Fahrenheit range of `part` of the tens `t`.
fn range(part: Part, t: f64) -> (f64, f64) {
    match part {
        Part::Low => (t, t + 3.0),
        Part::Mid => (t + 3.0, t + 7.0),
        Part::High => (t + 7.0, t + 9.0),
        Part::Whole => (t, t + 9.0),
    }
}

/// How English names `part` before the tens.
fn part_name(part: Part) -> &'static str {
    match part {
        Part::Low => "low ",
        Part::Mid => "mid-",
        Part::High => "upper ",
        Part::Whole => "",
    }
}

/// Words that may follow `dans les 100` in a forecast (the end of the
/// clause, a day, a link word), where a noun would make it a count (`dans
/// les 100 mètres`).
const AFTER_BARE: &[&str] = &[
    "à", "au", "aux", "et", "ou", "ce", "cet", "cette", "ces", "dans", "pour", "en", "avec",
    "jusqu", "d", "de", "du", "des", "sur", "la", "le", "les", "lundi", "mardi", "mercredi",
    "jeudi", "vendredi", "samedi", "dimanche", "demain", "aujourd", "ici", "pendant",
];

/// Word beginnings (folded) of a temperature.
const TEMPERATURE: &[&str] = &[
    "températur",
    "maximal",
    "minimal",
    "mercure",
    "thermomètr",
    "chaleur",
    "degré",
];

/// Whether `word` (folded) is a verb of reaching in the future tense
/// (`grimperont`, `atteindra`, `seront`): a forecast, where a decade as a
/// date would be in the past.
fn future_reaching(word: &str) -> bool {
    let future = word.ends_with("ront") || word.ends_with("ra");
    future
        && (REACHING.iter().any(|c| word.starts_with(c))
            || matches!(word, "seront" | "sera" | "resteront" | "restera"))
}

/// `les températures grimperont dans les 100`, `seront dans les années
/// 90`: the whole tens after a forecast's verb. Reports through `sink`.
fn bare_tens(ctx: &Context<'_>, sink: &mut Sink<'_>) {
    let text = ctx.text();
    for (i, m) in text.match_indices("dans les ") {
        let mut after = &text[i + m.len()..];
        let decade = after.starts_with("années ");
        if decade {
            after = &after["années ".len()..];
        }
        let Some((tens, n_len)) = tens_at(after) else {
            continue;
        };
        let rest = &after[n_len..];
        if rest.starts_with(|c: char| {
            c.is_alphanumeric()
                || c == ','
                || c == '.' && rest[1..].starts_with(|d: char| d.is_ascii_digit())
        }) {
            continue;
        }
        let next = rest.trim_start_matches(is_word_space);
        if !decade && next.starts_with(char::is_alphabetic) {
            let word: String = next
                .split(|c: char| !c.is_alphabetic())
                .next()
                .map(|w| fold(w).into_owned())
                .unwrap_or_default();
            if !AFTER_BARE.contains(&word.as_str()) {
                continue;
            }
        }
        // The verb right before, and a temperature in the words before it
        // (the forecast is not about prices or rankings).
        let lo = text.floor_char_boundary(i.saturating_sub(150));
        let mut before = words_back(&text[lo..i]);
        if !before.next().is_some_and(|verb| future_reaching(&verb))
            || !before.any(|w| TEMPERATURE.iter().any(|t| w.starts_with(t)))
        {
            continue;
        }
        let end = text.len() - rest.len();
        if ctx
            .doc
            .regions()
            .covers(&[RegionKind::Code, RegionKind::Url], i)
        {
            continue;
        }
        let (from, to) = range(Part::Whole, f64::from(tens));
        sink.report(
            Span::new(i, end),
            format!(
                "a temperature range in Fahrenheit translated word for word (English `in the {tens}s`): about {} to {} °C",
                celsius(from),
                celsius(to)
            ),
        );
    }
}

/// The tens at the start of `s` (`90`, `100`: two or three digits, a
/// multiple of ten from 10 to 120) and their length in bytes.
fn tens_at(s: &str) -> Option<(u32, usize)> {
    let n_len = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(2..=3).contains(&n_len) {
        return None;
    }
    let tens: u32 = s[..n_len].parse().ok()?;
    (tens.is_multiple_of(10) && (10..=120).contains(&tens)).then_some((tens, n_len))
}

/// Celsius of a Fahrenheit value, rounded.
fn celsius(f: f64) -> i64 {
    ((f - 32.0) * 5.0 / 9.0).round() as i64
}

impl Rule for FahrenheitDecade {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        if !ctx.doc.has_digit() {
            return;
        }
        bare_tens(ctx, sink);
        const DECADES: &str = "années";
        for i in memchr::memmem::find_iter(text.as_bytes(), DECADES) {
            let after = &text[i + DECADES.len()..];
            let digits_from = after.len() - after.trim_start_matches(is_word_space).len();
            if digits_from == 0 || digits_from > 3 {
                continue;
            }
            let digits: &str = &after[digits_from..];
            let Some((tens, n_len)) = tens_at(digits) else {
                continue;
            };
            if digits[n_len..].starts_with(|c: char| c.is_alphanumeric() || c == ',') {
                continue;
            }
            let mut end = i + DECADES.len() + digits_from + n_len;
            // A qualifier after: `années 80 supérieures`.
            let rest = &text[end..];
            let next_from = rest.len() - rest.trim_start_matches(is_word_space).len();
            let next: String = rest[next_from..]
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .map(|w| fold(w).into_owned())
                .unwrap_or_default();
            let mut part = AFTER.iter().find(|(q, _)| *q == next).map(|&(_, p)| p);
            if part.is_some() {
                end += next_from
                    + rest[next_from..]
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .map_or(0, str::len);
            }
            // A qualifier before: `le milieu des années 90`.
            let lo = text.floor_char_boundary(i.saturating_sub(120));
            let before = &text[lo..i];
            let mut words = words_back(before).peekable();
            let mut start_word: Option<String> = None;
            if part.is_none() {
                if words.next().as_deref() != Some("des") {
                    continue;
                }
                let first = words.next().unwrap_or_default();
                let found = if first == "supérieure" || first == "inférieure" {
                    let second = words.next().unwrap_or_default();
                    (second == "partie").then(|| format!("partie {first}"))
                } else {
                    Some(first)
                };
                part = found
                    .as_deref()
                    .and_then(|q| BEFORE.iter().find(|(b, _)| *b == q))
                    .map(|&(_, p)| p);
                start_word = found;
            }
            let Some(part) = part else {
                continue;
            };
            // The cue: the first word before that is not a link word.
            let cue = words.find(|w| !LINKS.contains(&w.as_str()));
            if !cue.is_some_and(|w| is_cue(&w)) {
                continue;
            }
            // The span starts at the qualifier before, or at `années`.
            let start = match &start_word {
                Some(q) => {
                    let first = q.split(' ').next().unwrap_or(q);
                    let lower = before.to_lowercase();
                    lower
                        .rfind(first)
                        .filter(|&k| lower.len() == before.len() && before.is_char_boundary(k))
                        .map_or(i, |k| lo + k)
                }
                None => i,
            };
            if ctx
                .doc
                .regions()
                .covers(&[RegionKind::Code, RegionKind::Url], start)
            {
                continue;
            }
            let t = f64::from(tens);
            let (from, to) = range(part, t);
            sink.report(
                Span::new(start, end),
                format!(
                    "a temperature range in Fahrenheit translated as a decade (English `the {}{tens}s`): about {} to {} °C",
                    part_name(part),
                    celsius(from),
                    celsius(to)
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked, run};

    #[test]
    fn flags_fahrenheit_ranges_given_as_decades() {
        assert_marked(
            &FahrenheitDecade,
            "Les températures atteindront le ⟦milieu des années 90⟧ dans toute la région.",
        );
        assert_marked(
            &FahrenheitDecade,
            "Les maximales grimperont dans le ⟦haut des années 80⟧ jeudi.",
        );
        assert_marked(
            &FahrenheitDecade,
            "des minimales dans les ⟦années 30 inférieures⟧ la nuit",
        );
        assert_marked(
            &FahrenheitDecade,
            "le mercure devrait avoisiner la ⟦partie supérieure des années 70⟧.",
        );
        assert_marked(
            &FahrenheitDecade,
            "les valeurs de l'indice de chaleur grimperont ⟦dans les 100⟧.",
        );
        assert_marked(
            &FahrenheitDecade,
            "Les maximales seront ⟦dans les années 90⟧ jeudi.",
        );
    }

    #[test]
    fn gives_the_range_in_celsius() {
        let f = run(
            &FahrenheitDecade,
            "Les températures atteindront le milieu des années 90.",
        );
        assert!(f[0].message.contains("34 to 36 °C"), "{}", f[0].message);
    }

    #[test]
    fn leaves_decades_as_dates_alone() {
        for text in [
            "Les températures ont augmenté depuis le milieu des années 90.",
            "Au milieu des années 80, la crise a frappé la région.",
            "Les températures dans les années 90 étaient plus basses.",
            "Il a atteint la fin des années 90 sans changer de voiture.",
            "Les températures atteindront le milieu des années 1990.",
            "Les températures ont grimpé dans les années 90.",
            "Les coureurs grimperont dans les 100 mètres ; ils seront dans les 100 premiers.",
            "Elle sera dans les 20 meilleures ; les prix monteront dans les 10,5 %.",
            "Les prix grimperont dans les 100. La soirée sera dans les années 80.",
            "La chaleur des années 90 ; le haut des années 60 en musique.",
        ] {
            assert_clean(&FahrenheitDecade, text);
        }
    }
}
