use crate::align::LinkKind;
use crate::declare_rule;
use crate::parallel::{Pairing, Parallel, trimmed};
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;

declare_rule! {
    /// A translation far shorter or far longer than its source warrants.
    ///
    /// ## What it does
    /// Needs the source (not run on a unit of a bilingual file whose source
    /// is a message key such as `post.too_short_content` or `0d999f2`: it has
    /// no English to compare with). For each sentence pair of the alignment
    /// (each unit of a bilingual file), compares the target's length
    /// (characters, white space and formatting tags such as `<b>` or `<span …>` aside) with the source's times the ratio of
    /// the two texts (measured on them, about 1.15 for French): the
    /// difference, over its expected spread (Gale and Church's model: a
    /// variance growing with the length), must stay under 3.5 standard
    /// deviations, or the target between half and twice the expected length.
    /// Pairs of fewer than 40 characters on both sides are not looked at:
    /// short strings vary too much.
    ///
    /// ## Why it matters
    /// A translation half as long as its source has lost a clause; one twice
    /// as long has gained text the source did not have (a repetition, a
    /// hallucination, page furniture).
    ///
    /// ## Example
    /// Source: `The council approved the budget on Tuesday after a long and
    /// heated debate about school funding, road repairs and the new library.`
    ///
    /// Bad: `Le conseil a approuvé le budget.`
    ///
    /// Good: `Le conseil a approuvé le budget mardi, après un long débat animé
    /// sur le financement des écoles, la réfection des routes et la nouvelle
    /// bibliothèque.`
    ///
    /// In a unit of a bilingual file, only when both texts read as prose:
    /// a command's table of options (lines starting with `-`, columns of
    /// spaces) is not compared sentence by sentence.
    ///
    /// A unit whose translation is longer by the people it names with their
    /// e-mail addresses (two or more the source lacks: the translator's
    /// credits for `Translated by`) is not reported.
    ///
    /// ## Known false positives
    /// A translator's deliberate condensation or explanation.
    pub struct LengthRatio {
        id: "length-ratio",
        category: Translation,
        severity: Warning,
    }
}

/// Shortest pair looked at, in characters without white space.
const MIN_CHARS: usize = 40;
/// Standard deviations from which a length is reported.
const MAX_DEVIATIONS: f64 = 3.5;
/// Variance of the target length per source character (Gale and Church).
const VARIANCE: f64 = 6.8;

impl Rule for LengthRatio {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}

    fn check_with_source(&self, ctx: &Context<'_>, p: &Parallel<'_>, sink: &mut Sink<'_>) {
        if !p.sentences_comparable() {
            return;
        }
        let text = ctx.text();
        let ratio = p.alignment().ratio;
        let pairs: Vec<(Span, Span)> = match p.pairing() {
            Pairing::Unit => p.pairs(),
            Pairing::Aligned => p
                .links()
                .iter()
                .filter(|l| {
                    matches!(
                        l.kind,
                        LinkKind::OneOne | LinkKind::TwoOne | LinkKind::OneTwo
                    )
                })
                .filter_map(|l| Some((l.source?, l.target?)))
                .collect(),
        };
        // Both texts as given, formatting tags aside (`<span
        // weight="bold">`, `</b>`: no text to translate); a synopsis'
        // `<script>` or `<text>` is words, which a view that blanks out
        // HTML elements would drop on one side or both.
        let target_text = p.target_with_markup();
        for (source, target) in pairs {
            let ls = chars_outside_tags(source.slice(p.source())) as f64;
            let lt = chars_outside_tags(target.slice(target_text)) as f64;
            if ls < MIN_CHARS as f64 && lt < MIN_CHARS as f64 {
                continue;
            }
            let expected = ratio * ls;
            let mean = (ls + lt / ratio) / 2.0;
            let z = (lt - expected) / (mean * VARIANCE).sqrt();
            let factor = lt / expected.max(1.0);
            if z.abs() < MAX_DEVIATIONS || (0.5..=2.0).contains(&factor) {
                continue;
            }
            // A unit's translator credits: the people named by address
            // (`Translated by` → `Traduction par : Jean <j@x.fr>, …`).
            if factor > 1.0
                && p.pairing() == Pairing::Unit
                && added_addresses(source.slice(p.source()), target.slice(target_text)) >= 2
            {
                continue;
            }
            let Some(at) = trimmed(text, target) else {
                continue;
            };
            let message = if factor < 1.0 {
                format!(
                    "The translation is {:.0}% as long as expected from its source: something may be missing",
                    factor * 100.0
                )
            } else {
                format!(
                    "The translation is {factor:.1} times as long as expected from its source: something may have been added"
                )
            };
            sink.report_with_source(at, source, sink.default_severity(), message);
        }
    }
}

/// How many e-mail addresses `target` holds that `source` does not.
fn added_addresses(source: &str, target: &str) -> usize {
    let addresses = |t: &str| -> Vec<String> {
        t.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';'))
            .filter(|w| {
                w.split_once('@')
                    .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            })
            .map(str::to_lowercase)
            .collect()
    };
    let known = addresses(source);
    addresses(target)
        .iter()
        .filter(|a| !known.contains(a))
        .count()
}

/// Elements that format a program's strings (Pango, Qt, GTK labels).
const FORMATTING: &[&str] = &[
    "a", "b", "big", "br", "code", "em", "font", "i", "kbd", "p", "s", "small", "span", "strong",
    "sub", "sup", "tt", "u",
];

/// The length of the formatting tag `s` opens on (`<b>`, `</span>`,
/// `<span weight="bold">`, `<br/>`): one of [`FORMATTING`], closed by `>`
/// on its line. `<script>`, `<nom>` in a synopsis or `<traduc@traduc.org>`
/// are words of the text.
fn formatting_tag(s: &str) -> Option<usize> {
    let body = s.strip_prefix('<')?;
    let name_part = body.strip_prefix('/').unwrap_or(body);
    let name: String = name_part
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    let after = name_part[name.len()..].chars().next();
    if !FORMATTING.contains(&name.to_ascii_lowercase().as_str())
        || !matches!(after, Some('>' | ' ' | '/'))
    {
        return None;
    }
    let i = body.find(['>', '<', '\n'])?;
    body[i..].starts_with('>').then_some(i + 2)
}

/// Characters of `s` but white space and formatting tags
/// ([`formatting_tag`]).
fn chars_outside_tags(s: &str) -> usize {
    let mut n = 0;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = formatting_tag(rest)
        {
            rest = &rest[end..];
            continue;
        }
        if !c.is_whitespace() {
            n += 1;
        }
        rest = &rest[c.len_utf8()..];
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_bilingual, assert_clean, assert_unit_clean};

    #[test]
    fn a_truncated_translation_is_reported() {
        assert_bilingual(
            &LengthRatio,
            "The council approved the budget on Tuesday after a long and heated debate about school funding, road repairs and the new library.",
            "⟦Le conseil a approuvé le budget.⟧",
        );
    }

    #[test]
    fn tags_are_not_counted_and_what_they_hold_is() {
        assert_eq!(chars_outside_tags("<b>Options</b> a"), 8);
        assert_eq!(chars_outside_tags("<span weight=\"bold\">x</span><br/>"), 1);
        // Placeholders of a synopsis and an address are words.
        assert_eq!(chars_outside_tags("load <script> <nom>"), 17);
        assert_eq!(chars_outside_tags("à <traduc@traduc.org>"), 20);
    }

    #[test]
    fn translator_credits_are_no_added_text() {
        use crate::rule::testing::unit_texts;
        let credits = "Traduction par : Jeanne Martin <jeanne@exemple.fr> Paul Durand <paul@exemple.org> Anne Petit <anne@exemple.net>";
        assert_unit_clean(&LengthRatio, "Translated by", credits);
        // Text added without addresses is still reported.
        let added = "Traduction réalisée avec soin par toute l'équipe de traduction francophone, que nous remercions ici chaleureusement";
        assert_eq!(unit_texts(&LengthRatio, "Translated by", added), [added]);
    }

    #[test]
    fn a_faithful_translation_and_short_strings_pass() {
        assert_bilingual(
            &LengthRatio,
            "The council approved the budget on Tuesday after a long debate about school funding.",
            "Le conseil a approuvé le budget mardi, après un long débat sur le financement des écoles.",
        );
        assert_bilingual(&LengthRatio, "OK", "D'accord, c'est entendu");
        assert_clean(&LengthRatio, "Le conseil a approuvé le budget.");
    }
}
