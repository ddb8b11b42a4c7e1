use crate::declare_rule;
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::RegionKind;
use crate::text::chars::drop_word_space;
use regex::Regex;
use std::sync::LazyLock;

declare_rule! {
    /// A currency sign before the amount, as in English: `$5 millions`, `€20`.
    ///
    /// ## What it does
    /// Reports a currency sign written before an amount in French figures:
    /// - any sign before an amount with a magnitude word (`$5 millions`,
    ///   `€3,2 milliards`, `£2 M`), suggesting `5 millions de dollars`,
    ///   `3,2 milliards d’euros` (a rewording, for a person to judge);
    /// - the euro sign before an amount (`€20`, `€ 1 500`), suggesting
    ///   `20 €`.
    ///
    /// Amounts written the English way (`$5 million`, `$2.50`, `€1,500`)
    /// are left to `english-number-format`, which fixes the number and the
    /// sign together.
    ///
    /// ## Why it matters
    /// French, in France as in Quebec, writes the sign after the amount
    /// (`20 €`, `5 millions $`, `5 millions de dollars`). `$5 millions`
    /// mixes the English order with a French number and reads as a careless
    /// translation; `€20` is the English style guide's form, never the
    /// French one.
    ///
    /// ## Example
    /// Bad: `une hausse de $5 millions, soit €20 par habitant`
    ///
    /// Good: `une hausse de 5 millions de dollars, soit 20 € par habitant`
    ///
    /// ## Not flagged
    /// The sign after the amount (`5 millions $`, Quebec's usage; `20 €`);
    /// a dollar, pound or yen sign alone before a plain amount (`£760`):
    /// careful translations of British or American copy keep it, as a house
    /// style; code and placeholders (`$1`, `$HOME`, `$x$`), URLs.
    ///
    /// ## Known false positives
    /// Prices quoted from an English-language shop or document.
    pub struct CurrencyPosition {
        id: "currency-position",
        category: Locale,
        severity: Error,
    }
}

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<cur>US\$|CA\$|C\$|A\$|\$|€|£|¥)[ \x{a0}\x{202f}]?(?P<num>\d{1,3}(?:[ \x{a0}\x{202f}]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:[ \x{a0}\x{202f}](?P<mag>millions|million|milliards|milliard|Mds|Md|M))?",
    )
    .expect("currency pattern")
});

/// `de dollars`, `d’euros`... after a magnitude word.
/// Whether a number of `text` follows a currency sign, after at most one
/// word space: what every match of [`PATTERN`] holds.
fn sign_before_number(text: &str, runs: impl IntoIterator<Item = (usize, usize)>) -> bool {
    runs.into_iter()
        .any(|(start, _)| drop_word_space(&text[..start]).ends_with(['$', '€', '£', '¥']))
}

fn currency_noun(cur: &str) -> &'static str {
    match cur {
        "€" => "d’euros",
        "£" => "de livres",
        "¥" => "de yens",
        "US$" => "de dollars américains",
        "CA$" | "C$" => "de dollars canadiens",
        "A$" => "de dollars australiens",
        _ => "de dollars",
    }
}

fn value(num: &str) -> f64 {
    num.chars()
        .filter(|c| c.is_ascii_digit() || *c == ',')
        .collect::<String>()
        .replace(',', ".")
        .parse()
        .unwrap_or(0.0)
}

fn french_magnitude(mag: &str, v: f64) -> &'static str {
    let plural = v >= 2.0;
    match (mag, plural) {
        ("millions" | "million" | "M", false) => "million",
        ("millions" | "million" | "M", true) => "millions",
        (_, false) => "milliard",
        (_, true) => "milliards",
    }
}

impl Rule for CurrencyPosition {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // Every match holds a currency sign right before a number (after at
        // most one word space): without one, the pattern is neither built
        // nor run.
        if !ctx.doc.has_digit() || !sign_before_number(text, ctx.doc.digit_runs()) {
            return;
        }
        for caps in PATTERN.captures_iter(text) {
            let (Some(cur), Some(num)) = (caps.name("cur"), caps.name("num")) else {
                continue;
            };
            let mag = caps.name("mag");
            let end = mag.map_or(num.end(), |m| m.end());
            let before = text[..cur.start()].chars().next_back();
            let after = text[end..].chars().next();
            let after_num = text[num.end()..].chars().next();
            let after_num2 = text[num.end()..].chars().nth(1);
            // Code and placeholders: `x$1`, `$1$`, `\$5`.
            if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '$' | '\\' | '_'))
                || after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '$' | '_'))
            {
                continue;
            }
            // Written the English way (`$2.50`, `$1,500`, `$5 million`):
            // `english-number-format` reports it.
            if after_num == Some('.') && after_num2.is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            if num
                .as_str()
                .split_once(',')
                .is_some_and(|(_, dec)| dec.len() == 3)
            {
                continue;
            }
            let v = value(num.as_str());
            if mag.is_some_and(|m| m.as_str() == "million") && v >= 2.0 {
                continue;
            }
            if mag.is_none() && cur.as_str() != "€" {
                continue;
            }
            if ctx
                .doc
                .regions()
                .covers(&RegionKind::NOT_PROSE, cur.start())
            {
                continue;
            }
            let number = num.as_str().replace(' ', "\u{202f}");
            let (fix, message) = match mag {
                Some(m) => {
                    let fix = format!(
                        "{number} {} {}",
                        french_magnitude(m.as_str(), v),
                        currency_noun(cur.as_str())
                    );
                    let message = format!(
                        "currency sign before the amount: write `{fix}` (the currency comes after the number in French)"
                    );
                    (fix, message)
                }
                None => {
                    let fix = format!("{number}\u{a0}€");
                    let message = format!(
                        "euro sign before the amount: write `{}` (the sign comes after the number in French)",
                        fix.replace('\u{a0}', " ")
                    );
                    (fix, message)
                }
            };
            let span = Span::new(cur.start(), end);
            // Moving the sign is certain; rewording the currency is not.
            if mag.is_some() {
                sink.report_suggestion(span, message, fix);
            } else {
                sink.report_fix(span, message, fix);
            }
        }
    }

    fn warm_up(&self) {
        LazyLock::force(&PATTERN);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_clean, assert_marked, assert_prefilter, fix_one, run};
    use crate::text::chars::digit_runs;

    fn sign_before_number(t: &str) -> bool {
        super::sign_before_number(t, digit_runs(t))
    }

    #[test]
    fn prefilter_never_hides_a_match() {
        let cases = [
            "€12, € 12, €\u{a0}12, €\u{202f}1 200, US$5 million, CA$3, C$ 4, A$5, £760, ¥100, $٣",
            "12,50 €, 45 %, 3 $, le 5 mai",
        ];
        assert!(assert_prefilter(&PATTERN, sign_before_number, &cases) > 0);
        assert!(!sign_before_number(
            "Le 5 mai 2024, 12,50 € pour 3 kg, 45 $."
        ));
    }

    /// `text` with its one suggestion applied.
    fn fix(text: &str) -> String {
        fix_one(&CurrencyPosition, text).replace(['\u{a0}', '\u{202f}'], " ")
    }

    #[test]
    fn flags_signs_before_amounts() {
        assert_marked(&CurrencyPosition, "une hausse de ⟦$5 millions⟧ cette année");
        assert_marked(
            &CurrencyPosition,
            "Le billet coûte ⟦€20⟧, soit ⟦€ 1 500⟧ au total.",
        );
        assert_marked(
            &CurrencyPosition,
            "un fonds de ⟦£2 milliards⟧ et ⟦US$3,5 millions⟧",
        );
        let f = run(&CurrencyPosition, "une hausse de $5 millions");
        assert_eq!(f[0].severity, crate::rule::Severity::Error);
    }

    #[test]
    fn suggests_the_french_order() {
        assert_eq!(
            fix("une hausse de $5 millions cette année"),
            "une hausse de 5 millions de dollars cette année"
        );
        assert_eq!(fix("Le billet coûte €20."), "Le billet coûte 20 €.");
        assert_eq!(
            fix("un fonds de €1,5 milliard"),
            "un fonds de 1,5 milliard d’euros"
        );
        assert_eq!(
            fix("un prêt de $1 million"),
            "un prêt de 1 million de dollars"
        );
        assert_eq!(fix("€3 M de budget"), "3 millions d’euros de budget");
    }

    #[test]
    fn leaves_french_and_other_forms_alone() {
        for text in [
            "Une hausse de 5 millions $ au Québec, de 20 € en France.",
            "Le tarif fixe est de £760 ; un placement de £12 000 ; $40 le baril.",
            "Il a reçu $5 million et $2.50, et €1,500.",
            "En bash, echo $1 et $HOME ; en LaTeX, $5$ ; x$2.",
            "Voir https://exemple.fr/?prix=€20 pour le détail.",
        ] {
            assert_clean(&CurrencyPosition, text);
        }
    }
}
