use crate::declare_rule;
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::text::RegionKind;
use crate::text::chars::{is_word_space, skip_word_space};
use crate::text::regex_util::BoundaryMatches;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// Times on the 12-hour clock: `3 p.m.`, `11 a.m.`, `3:30 pm`, `15h PM`, `10:01AM`.
    ///
    /// ## What it does
    /// Finds an hour (with its minutes, if any: `3:30`, `10h30`, `8.15`)
    /// followed by `a.m.`, `p.m.`, `am`, `pm`, `AM` or `PM`, and suggests the
    /// time on the 24-hour clock, French style: `3 p.m.` → `15 h`, `3:30 pm`
    /// → `15 h 30`, `12 a.m.` → `0 h`, `12 p.m.` → `12 h`. An hour already
    /// on the 24-hour clock with a stray `PM` (`15h PM`) loses the `PM`.
    ///
    /// ## Why it matters
    /// French gives the time on the 24-hour clock with `h` (`15 h 30`).
    /// `a.m.` and `p.m.` mean nothing to a French reader: the text reads as
    /// an untouched translation, and `3 pm` may be read as 3 o'clock at night.
    ///
    /// ## Example
    /// Bad: `Le match commence à 3 p.m. et finit vers 5:30 pm.`
    ///
    /// Good: `Le match commence à 15 h et finit vers 17 h 30.`
    ///
    /// ## Not flagged
    /// `am` and `pm` that are not after an hour (`AM` radio, `PM` for a
    /// prime minister), hours out of range (`13 am`), times in URLs and code.
    /// Time zones after the time (`ET`, `PT`) are left as they are.
    ///
    /// ## Known false positives
    /// A number followed by the abbreviation `PM` or `AM` that means
    /// something else (`2 PM` for two military police officers).
    pub struct TwelveHourClock {
        id: "twelve-hour-clock",
        category: Locale,
        severity: Error,
    }
}

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<h>\d{1,2})(?:[ \x{a0}\x{202f}]?(?P<sep>[:.hH])[ \x{a0}\x{202f}]?(?P<min>\d{2})?)?[ \x{a0}\x{202f}]?(?P<ampm>[aApP]\.[mM]\.?|[aA][mM]|[pP][mM])",
    )
    .expect("twelve-hour clock pattern")
});

/// The 24-hour time, French style: `15 h`, `15 h 30` (no-break spaces).
/// Whether `s` starts with `am` or `pm` as [`PATTERN`] writes them
/// (`a.m`, `AM`, `p.M`…).
fn starts_with_am_pm(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b.first(), Some(b'a' | b'A' | b'p' | b'P'))
        && match b.get(1) {
            Some(b'm' | b'M') => true,
            Some(b'.') => matches!(b.get(2), Some(b'm' | b'M')),
            _ => false,
        }
}

/// Whether a number of `text` is followed by `am` or `pm`, directly or
/// after a separator (`:`, `.`, `h`), minutes and word spaces as
/// [`PATTERN`] allows them: what every match holds.
fn may_hold_time(text: &str, runs: impl IntoIterator<Item = (usize, usize)>) -> bool {
    runs.into_iter().any(|(_, end)| {
        let rest = skip_word_space(&text[end..]);
        if starts_with_am_pm(rest) {
            return true;
        }
        let Some(rest) = rest.strip_prefix([':', '.', 'h', 'H']) else {
            return false;
        };
        let rest = skip_word_space(rest).trim_start_matches(char::is_numeric);
        starts_with_am_pm(skip_word_space(rest))
    })
}

fn french_time(hour: u32, minutes: Option<&str>) -> String {
    match minutes {
        Some(m) => format!("{hour}\u{a0}h\u{a0}{m}"),
        None => format!("{hour}\u{a0}h"),
    }
}

impl Rule for TwelveHourClock {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // The pattern starts with a digit; it is built and run only where a
        // number is followed by `am` or `pm`.
        if !ctx.doc.has_digit() || !may_hold_time(text, ctx.doc.digit_runs()) {
            return;
        }
        for (caps, whole) in BoundaryMatches::new(&PATTERN, text) {
            let (Some(h), Some(ampm)) = (caps.name("h"), caps.name("ampm")) else {
                continue;
            };
            // `am`/`pm` must end a word (`3 pmol` is not a time); `a.m.` ends
            // with its dot.
            let after = text[whole.end..].chars().next();
            if after.is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            // Part of a longer number or a date: `1.3 am`, `12:30:15 pm` is
            // still a time but `v2.3pm` is not.
            if text[..whole.start]
                .chars()
                .next_back()
                .is_some_and(|c| matches!(c, '.' | ',' | '/'))
            {
                continue;
            }
            let sep = caps.name("sep").map(|m| m.as_str());
            let minutes = caps.name("min").map(|m| m.as_str());
            // A separator other than `h` needs minutes: `3. PM` is not a time.
            if sep.is_some_and(|s| !s.eq_ignore_ascii_case("h")) && minutes.is_none() {
                continue;
            }
            if minutes.is_some_and(|m| m.parse::<u32>().map_or(true, |m| m >= 60)) {
                continue;
            }
            let Ok(hour) = h.as_str().parse::<u32>() else {
                continue;
            };
            let pm = ampm.as_str().starts_with(['p', 'P']);
            let hour24 = match hour {
                1..=11 if pm => hour + 12,
                1..=11 => hour,
                12 if pm => 12,
                12 => 0,
                // `15h PM`: already on the 24-hour clock.
                13..=23 if pm && sep.is_some() => hour,
                _ => continue,
            };
            if ctx
                .doc
                .regions()
                .covers(&RegionKind::NOT_PROSE, whole.start)
            {
                continue;
            }
            // `à 3 p.m.` ending a sentence: its dot is the full stop too.
            let mut span = whole;
            let rest = text[whole.end..].trim_start_matches(is_word_space);
            if ampm.as_str().ends_with('.')
                && (rest.is_empty()
                    || rest.starts_with('\n')
                    || rest.starts_with(char::is_uppercase))
            {
                span.end -= 1;
            }
            let fix = french_time(hour24, minutes);
            sink.report_fix(
                span,
                format!(
                    "12-hour clock with `{}`: write `{}` (24-hour clock in French)",
                    ampm.as_str(),
                    fix.replace('\u{a0}', " ")
                ),
                fix,
            );
        }
    }

    fn warm_up(&self) {
        LazyLock::force(&PATTERN);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked, assert_prefilter, fix_one};
    use crate::text::chars::digit_runs;

    fn may_hold_time(t: &str) -> bool {
        super::may_hold_time(t, digit_runs(t))
    }

    #[test]
    fn prefilter_never_hides_a_match() {
        let cases = [
            "3 p.m., 3pm, 3 PM, 11:30 am, 11 : 30 AM, 9h30 pm, 9 h pm, 9.30 a.m, 10.  am, 7\u{a0}P.M.",
            "12:30:15 pm, 9 h  pm, ٣ pm, 3\u{202f}am, 15h PM, 3 pmol, 2 ampoules, 5 h 30 du matin",
        ];
        assert!(assert_prefilter(&PATTERN, may_hold_time, &cases) > 0);
        assert!(!may_hold_time(
            "Le 5 mai 2024 à 15 h 30, 12,50 € pour 3 kg, 7 % par an."
        ));
    }

    /// `text` with its one suggestion applied.
    fn fix(text: &str) -> String {
        fix_one(&TwelveHourClock, text).replace('\u{a0}', " ")
    }

    #[test]
    fn flags_twelve_hour_times() {
        assert_marked(&TwelveHourClock, "Rendez-vous à ⟦3 p.m.⟧ devant la mairie.");
        assert_marked(&TwelveHourClock, "de ⟦11 a.m.⟧ à ⟦3:30 pm⟧");
        assert_marked(&TwelveHourClock, "le coup d'envoi à ⟦15h PM⟧ ET");
        assert_marked(&TwelveHourClock, "mis à jour à ⟦10:01AM⟧ ET");
        assert_marked(&TwelveHourClock, "vers ⟦8 PM⟧, puis ⟦9pm⟧.");
    }

    #[test]
    fn suggests_the_24_hour_clock() {
        assert_eq!(fix("à 3 p.m. devant"), "à 15 h devant");
        assert_eq!(fix("à 3:30 pm."), "à 15 h 30.");
        assert_eq!(fix("à 11 a.m. ou"), "à 11 h ou");
        assert_eq!(fix("à 12 a.m. ou"), "à 0 h ou");
        assert_eq!(fix("à 12 p.m., puis"), "à 12 h, puis");
        assert_eq!(fix("à 15h PM"), "à 15 h");
        assert_eq!(fix("à 10h30 pm"), "à 22 h 30");
        assert_eq!(fix("à 10:01AM ET"), "à 10 h 01 ET");
        assert_eq!(fix("Il part à 3 p.m. Le soir"), "Il part à 15 h. Le soir");
        assert_eq!(fix("Il part à 3 p.m."), "Il part à 15 h.");
    }

    #[test]
    fn leaves_other_uses_alone() {
        for text in [
            "Il est 15 h 30 et la radio AM grésille.",
            "Le PM a parlé ; 2 pmol de sérum ; 13 am ; 3. PM",
            "Voir https://exemple.fr/3pm et `5 am`.",
            "Il a 12 ans, amène 3 amis ; version 2.3pm",
        ] {
            assert_clean(&TwelveHourClock, text);
        }
    }
}
