use crate::declare_rule;
use crate::rule::{Context, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::regex_util::BoundaryMatches;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// An American time zone left after a time: `à 11h30 PT`, `05h05 ET`, `10h11 PDT`.
    ///
    /// ## What it does
    /// Finds a time (`11h30`, `11 h 30`, `20h`, `8:15`, `3 p.m.`) followed by
    /// the English abbreviation of a North American time zone: `ET`, `EST`,
    /// `EDT`, `CT`, `CST`, `CDT`, `MT`, `MST`, `MDT`, `PT`, `PST`, `PDT`.
    ///
    /// ## Why it matters
    /// These abbreviations are English: a French reader does not know that
    /// `PT` is the time in Los Angeles. French gives the time where the
    /// reader is (`20 h 30, heure de Paris`) or writes the zone out (`heure
    /// de l'Est`, `heure du Pacifique`); Canadian French writes `HE`, `HNE`,
    /// `HAE`. An English zone after a time copies the American original.
    ///
    /// ## Example
    /// Bad: `Le match débute à 14 h 30 ou 11 h 30 PT.`
    ///
    /// Good: `Le match débute à 20 h 30, heure de Paris (11 h 30 heure du Pacifique).`
    ///
    /// ## Not flagged
    /// French and Canadian French abbreviations (`HE`, `HNE`, `HAE`), world
    /// references (`GMT`, `UTC`), capitals that are not a zone after a time:
    /// `ET` as a capitalised `et` before another number (`LES 3 ET 4 MAI`),
    /// a number without `h` or `:` (`3 ET`), times in URLs and code.
    ///
    /// ## Known false positives
    /// A headline in capitals that joins a time to a word with `ET` (`À 20H
    /// ET EN DIRECT`).
    pub struct UsTimeZone {
        id: "us-time-zone",
        category: Locale,
        severity: Error,
    }
}

/// The abbreviations of North American time zones, in English.
const ZONES: [&str; 12] = [
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT",
];

/// A time (with `h` or `:`, or `am`/`pm`) and a zone after it.
static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<h>\d{1,2})(?:(?:[ \x{a0}\x{202f}]?(?P<sep>[:hH])[ \x{a0}\x{202f}]?(?P<min>\d{2})?)(?:[ \x{a0}\x{202f}]?(?P<ampm1>[aApP]\.?[mM]\.?))?|[ \x{a0}\x{202f}]?(?P<ampm2>[aApP]\.?[mM]\.?))[ \x{a0}\x{202f}]+(?P<zone>[ECMP][DS]?T)(?:\W|$)",
    )
    .expect("us-time-zone pattern")
});

impl Rule for UsTimeZone {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        if !ctx.doc.has_digit() || !ZONES.iter().any(|z| text.contains(z)) {
            return;
        }
        let zone_end = |c: &regex::Captures<'_>| c.name("zone").map_or(0, |m| m.end());
        for (caps, whole) in BoundaryMatches::with_end(&PATTERN, text, zone_end) {
            // `[ECMP][DS]?T` matches exactly the twelve `ZONES`.
            let Some(zone) = caps.name("zone") else {
                continue;
            };
            // The minutes of a time, if any, are below 60; the hour below 24.
            let hour_ok = caps["h"].parse::<u32>().is_ok_and(|h| h < 24);
            let minutes_ok = caps
                .name("min")
                .is_none_or(|m| m.as_str().parse::<u32>().is_ok_and(|m| m < 60));
            if !hour_ok || !minutes_ok {
                continue;
            }
            // Part of a longer number or a date: `1.20 ET`, `12/3 ET`.
            if text[..whole.start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/'))
            {
                continue;
            }
            // `ET` joining two numbers in capitals: `DE 20H ET 21H`.
            let rest = text[whole.end..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            if ctx
                .doc
                .regions()
                .covers(&RegionKind::NOT_PROSE, whole.start)
            {
                continue;
            }
            sink.push(
                Span::new(zone.start(), zone.end()),
                format!(
                    "American time zone `{}` after a time: give the time in French (`heure de Paris`) or write the zone out (`heure de l'Est`, `heure du Pacifique`)",
                    zone.as_str()
                ),
                Severity::Error,
                None,
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
    use crate::rule::testing::{assert_clean, assert_marked};

    #[test]
    fn flags_american_zones_after_a_time() {
        assert_marked(&UsTimeZone, "Le match débute à 14 h 30 HE ou 11h30 ⟦PT⟧.");
        assert_marked(&UsTimeZone, "À 05h05 ⟦ET⟧, les contrats progressaient.");
        assert_marked(&UsTimeZone, "Un post partagé le 26 avr 2020 à 10h11 ⟦PDT⟧");
        assert_marked(&UsTimeZone, "Coup d’envoi à 8:15 p.m. ⟦EST⟧ dimanche.");
    }

    #[test]
    fn the_pattern_names_exactly_the_zones() {
        let mut named = Vec::new();
        for a in ["E", "C", "M", "P"] {
            for b in ["", "D", "S"] {
                named.push(format!("{a}{b}T"));
            }
        }
        named.sort();
        let mut zones = ZONES.map(String::from).to_vec();
        zones.sort();
        assert_eq!(named, zones);
    }

    #[test]
    fn leaves_french_zones_and_capitals_alone() {
        assert_clean(
            &UsTimeZone,
            "Le match débute à 20 h 30 (heure de l’Est), soit 2 h 30 à Paris, 14 h HNE.",
        );
        assert_clean(&UsTimeZone, "LES 3 ET 4 MAI, DE 20H ET 21H, À 18 h GMT.");
        assert_clean(
            &UsTimeZone,
            "Il a marqué 3 ET 4 buts, la version 1.20 ET la 2.0.",
        );
    }
}
