use crate::declare_rule;
use crate::lang::us;
use crate::rule::{Context, Rule, RuleMeta, Severity, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::chars::is_word_space;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// US postal codes and abbreviations of states after a place: `Austin, TX`, `Salem, OR`, `Sacramento, Calif.`.
    ///
    /// ## What it does
    /// Finds a place name followed by a comma and a US state's postal code
    /// (`TX`, `OR`) or Associated Press abbreviation (`Calif.`, `Fla.`), and
    /// suggests the French form, the state spelt out in brackets: `Austin,
    /// TX` → `Austin (Texas)` (error). The party and state labels of US
    /// politicians (`(R-LA)`, `(D-Calif.)`) and `Washington, DC` are reported
    /// as warnings, without suggestion.
    ///
    /// ## Why it matters
    /// The `City, ST` format is a convention of American newsrooms and
    /// postal addresses. French names the state (`Austin, au Texas`,
    /// `Austin (Texas)`); most French readers do not know the codes, and
    /// `Salem, OR` reads as a stray conjunction.
    ///
    /// ## Example
    /// Bad: `Le siège de l'entreprise, à Austin, TX, emploie 300 personnes.`
    ///
    /// Good: `Le siège de l'entreprise, à Austin (Texas), emploie 300 personnes.`
    ///
    /// ## Not flagged
    /// A full postal address (`Austin, TX 78701`), where the US format is
    /// right; a code followed by a capitalised word (`Paris, LA Galaxy`);
    /// text in capitals (`PARIS, LE 5 MAI`); place names spelt out (`Buffalo,
    /// New York`).
    ///
    /// ## Known false positives
    /// Two capital letters after a comma that are an acronym rather than a
    /// state (`Lyon, OL` would need `OL` to be a state code; `Nice, CA` is
    /// read as California).
    pub struct UsPlaceFormat {
        id: "us-place-format",
        category: Locale,
        severity: Error,
    }
}

/// `Place, XX` or `Place, Abbr.`: the place is one to three capitalised
/// words.
static PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<place>\p{Lu}[\p{Ll}'’.\-]+(?:[ \-]\p{Lu}[\p{Ll}'’.\-]+){0,2}),[ \x{a0}](?P<st>[A-Z]{2}|[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|W\.Va?\.)",
    )
    .expect("place pattern")
});

/// `(R-LA)`, `(D-Calif.)`, `(R-Texas)`: party and state of a politician.
static PARTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\((?P<p>[RDI])[-–](?P<st>[A-Z]{2}|[A-Z][a-z]{1,4}\.|[A-Z][a-z]+(?: [A-Z][a-z]+)?)\)",
    )
    .expect("party pattern")
});

/// The state labels [`PLACE`] may read at the start of `rest` (`TX`,
/// `Calif.`, `N.C.`, `W.Va.`): every alternative of its `st` group that
/// matches there.
fn state_labels(rest: &str) -> impl Iterator<Item = &str> {
    let b = rest.as_bytes();
    let upper = |i: usize| b.get(i).is_some_and(u8::is_ascii_uppercase);
    let dot = |i: usize| b.get(i) == Some(&b'.');
    let two_capitals = (upper(0) && upper(1)).then(|| &rest[..2]);
    let lower = b
        .iter()
        .skip(1)
        .take_while(|c| c.is_ascii_lowercase())
        .count();
    let abbreviated =
        (upper(0) && (1..=4).contains(&lower) && dot(1 + lower)).then(|| &rest[..2 + lower]);
    let dotted = (upper(0) && dot(1) && upper(2) && dot(3)).then(|| &rest[..4]);
    let west_virginia = ["W.Va.", "W.V."].into_iter().find(|w| rest.starts_with(w));
    [two_capitals, abbreviated, dotted, west_virginia]
        .into_iter()
        .flatten()
}

/// Whether `text` may hold a reported match of [`PLACE`]: a comma, a space
/// or no-break space, and a label of a known state.
fn may_report_place(text: &str) -> bool {
    text.match_indices(',').any(|(i, _)| {
        let rest = &text[i + 1..];
        rest.strip_prefix([' ', '\u{a0}'])
            .is_some_and(|r| state_labels(r).any(|label| state_of(label).is_some()))
    })
}

/// Whether `text` may hold a match of [`PARTY`]: `(R-`, `(D–`, `(I-`…
fn may_report_party(text: &str) -> bool {
    text.match_indices('(').any(|(i, _)| {
        let rest = &text[i + 1..];
        rest.strip_prefix(['R', 'D', 'I'])
            .is_some_and(|r| r.starts_with(['-', '–']))
    })
}

fn state_of(label: &str) -> Option<&'static us::State> {
    if label.len() == 2 && label.bytes().all(|b| b.is_ascii_uppercase()) {
        us::state_by_code(label)
    } else {
        us::state_by_abbreviation(label)
    }
}

impl Rule for UsPlaceFormat {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // Each pattern is built and run only where it can report.
        if may_report_place(text) {
            Self::places(ctx, sink);
        }
        if may_report_party(text) {
            Self::parties(ctx, sink);
        }
    }

    fn warm_up(&self) {
        LazyLock::force(&PLACE);
        LazyLock::force(&PARTY);
        us::warm_up();
    }
}

impl UsPlaceFormat {
    /// `Austin, TX`, `Sacramento, Calif.`
    fn places(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for caps in PLACE.captures_iter(text) {
            let (Some(place), Some(st)) = (caps.name("place"), caps.name("st")) else {
                continue;
            };
            let before = text[..place.start()].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric()) {
                continue;
            }
            let label = st.as_str();
            let Some(state) = state_of(label) else {
                continue;
            };
            // The code ends a word, and is not followed by a capitalised word
            // (`LA Galaxy`) or a ZIP code (an address, rightly in US form).
            let rest = &text[st.end()..];
            let next = rest.chars().next();
            // (`IN_FÉRIEUR`: a word with a GUI access key in it.)
            if !label.ends_with('.')
                && next.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            {
                continue;
            }
            let following = rest.trim_start_matches(is_word_space);
            if following.len() < rest.len()
                && following
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && !label.ends_with('.')
            {
                continue;
            }
            if ctx
                .doc
                .regions()
                .covers(&RegionKind::NOT_PROSE, place.start())
            {
                continue;
            }
            // An abbreviation ending a sentence keeps its dot as a full stop.
            let mut end = st.end();
            let sentence_end = label.ends_with('.')
                && (following.is_empty()
                    || following.starts_with('\n')
                    || following.starts_with(char::is_uppercase));
            if sentence_end {
                end -= 1;
            }
            let span = Span::new(place.start(), end);
            if state.code == "DC" {
                sink.push(
                    span,
                    "`Washington, DC` is the US format: French writes `Washington` (or `Washington DC`)",
                    Severity::Warning,
                    None,
                );
                continue;
            }
            let fix = format!("{} ({})", place.as_str(), state.french);
            sink.report_suggestion(
                span,
                format!(
                    "US place format `{}`: write `{fix}` (French names the state)",
                    span.slice(text)
                ),
                fix,
            );
        }
    }

    /// `(R-LA)`, `(D-Calif.)`
    fn parties(ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        for caps in PARTY.captures_iter(text) {
            let (Some(whole), Some(st)) = (caps.get(0), caps.name("st")) else {
                continue;
            };
            let label = st.as_str();
            let known = state_of(label).is_some() || us::is_place(label);
            if !known
                || ctx
                    .doc
                    .regions()
                    .covers(&RegionKind::NOT_PROSE, whole.start())
            {
                continue;
            }
            sink.push(
                Span::new(whole.start(), whole.end()),
                format!(
                    "US party and state label `{}`: write the party and the state in words (`républicain, Louisiane`)",
                    whole.as_str()
                ),
                Severity::Warning,
                None,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked, assert_prefilter_part, fix_one, run};

    #[test]
    fn prefilters_never_hide_a_finding() {
        let cases = [
            "à Austin, TX, à Salem, OR. à Sacramento, Calif. Le maire, à Fort Worth, Tex., la police",
            "à Raleigh, N.C., à Charleston, W.Va., à Wheeling, W.V., depuis Washington, DC.",
            "à Austin,\u{a0}TX, Austin, Texas, Paris, Londres, Los Angeles, CA 90001, à Boise, ID",
            "Mike Johnson (R-LA), Nancy Pelosi (D-Calif.), Bernie Sanders (I–Vt.), (R-New York)",
            "à Sacramento, Calif. Le maire",
            "à Raleigh, N.C. Le maire",
            "à Charleston, W.Va. Le maire",
            "Nancy Pelosi (D–Calif.)",
        ];
        let rule = &UsPlaceFormat;
        let n = assert_prefilter_part(rule, UsPlaceFormat::places, may_report_place, &cases);
        assert!(n > 0);
        let n = assert_prefilter_part(rule, UsPlaceFormat::parties, may_report_party, &cases);
        assert!(n > 0);
        assert!(!may_report_place(
            "Le 5 December, à Austin, Texas, et à Paris, Londres."
        ));
        assert!(!may_report_party("Le prix (en euros) a monté (de 5 %)."));
    }

    /// `text` with its one suggestion applied.
    fn fix(text: &str) -> String {
        fix_one(&UsPlaceFormat, text)
    }

    #[test]
    fn flags_postal_codes_and_abbreviations() {
        assert_marked(
            &UsPlaceFormat,
            "Le siège, à ⟦Austin, TX⟧, emploie 300 personnes.",
        );
        assert_marked(&UsPlaceFormat, "né à ⟦Salem, OR⟧.");
        // Capitals of a word that holds an access key.
        assert_marked(&UsPlaceFormat, "Intervalle, IN_FÉRIEUR à la valeur");
        assert_marked(&UsPlaceFormat, "à ⟦Sacramento, Calif⟧. Le maire");
        assert_marked(&UsPlaceFormat, "à ⟦Fort Worth, Tex.⟧, la police");
        let f = run(&UsPlaceFormat, "à Austin, TX.");
        assert_eq!(f[0].severity, Severity::Error);
    }

    #[test]
    fn suggests_the_state_in_words() {
        assert_eq!(fix("à Austin, TX, il"), "à Austin (Texas), il");
        assert_eq!(fix("né à Salem, OR."), "né à Salem (Oregon).");
        assert_eq!(fix("à Raleigh, NC."), "à Raleigh (Caroline du Nord).");
        assert_eq!(
            fix("à Sacramento, Calif. Le maire"),
            "à Sacramento (Californie). Le maire"
        );
    }

    #[test]
    fn flags_party_labels_and_dc_as_warnings() {
        assert_marked(
            &UsPlaceFormat,
            "Mike Johnson ⟦(R-LA)⟧ et Nancy Pelosi ⟦(D-Calif.)⟧",
        );
        assert_marked(&UsPlaceFormat, "depuis ⟦Washington, DC⟧.");
        let f = run(&UsPlaceFormat, "Mike Johnson (R-LA) a parlé.");
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn leaves_addresses_names_and_capitals_alone() {
        for text in [
            "Écrire au 100 Congress Ave, Austin, TX 78701.",
            "Le club de Paris, LA Galaxy et Lyon, OL ou Nice, AS Monaco.",
            "PARIS, LE 5 MAI. ROME, IN EXTENSO.",
            "à Buffalo, New York, et à Austin, au Texas.",
            "Il a dit oui, OK. Voir Lyon, FR et Berlin, DE-BE.",
        ] {
            assert_clean(&UsPlaceFormat, text);
        }
    }
}
