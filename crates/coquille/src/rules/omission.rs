use crate::align::LinkKind;
use crate::declare_rule;
use crate::parallel::{Pairing, Parallel};
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::span::Span;

declare_rule! {
    /// A sentence of the source with no translation in the target.
    ///
    /// ## What it does
    /// Needs the source (`coquille check --source`, or the units of a
    /// bilingual file, save those whose source is a message key such as
    /// `post.too_short_content` or `0d999f2`, which have no English to
    /// compare with). The source and target sentences are aligned by
    /// length and anchors (`align`); a source sentence the alignment leaves
    /// without counterpart (a 1–0 link) is reported when it has at least
    /// four words. The finding points at the end of the target sentence
    /// after which the translation is missing (or at the start of the first
    /// one) and carries the source sentence's bytes.
    ///
    /// ## Why it matters
    /// Machine translation drops sentences (a quotation, a line after a
    /// list, a sentence glued to a heading) and a reader of the French
    /// alone cannot tell: the text still reads well.
    ///
    /// ## Example
    /// Source: `The storm hit the coast. More than 40,000 homes and
    /// businesses lost power across three counties, and roads were blocked.
    /// Schools stay closed.`
    ///
    /// Bad: `La tempête a frappé la côte. Les écoles restent fermées.`
    ///
    /// Good: `La tempête a frappé la côte. Plus de 40 000 foyers et
    /// entreprises ont perdu l'électricité dans trois comtés, et des routes
    /// ont été bloquées. Les écoles restent fermées.`
    ///
    /// In a unit of a bilingual file, a source sentence a third of whose
    /// known words have a translation somewhere in the target was merged,
    /// not left out, and is not reported. In a unit, only when both texts
    /// read as prose:
    /// a command's table of options (lines starting with `-`, columns of
    /// spaces) is not compared sentence by sentence.
    ///
    /// ## Known false positives
    /// A source sentence the translator merged into its neighbour's
    /// translation while shortening it a lot; text of the source page that
    /// the target page does not carry (a caption, a byline).
    pub struct Omission {
        id: "omission",
        category: Translation,
        severity: Warning,
    }
}

/// Fewest words a source sentence needs to be reported as left out.
pub(crate) const MIN_WORDS: usize = 4;

/// Number of words (runs of letters) in `s`.
pub(crate) fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .count()
}

impl Rule for Omission {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}

    fn check_with_source(&self, ctx: &Context<'_>, p: &Parallel<'_>, sink: &mut Sink<'_>) {
        if !p.sentences_comparable() {
            return;
        }
        let text = ctx.text();
        let links = p.links();
        for (k, link) in links.iter().enumerate() {
            if link.kind != LinkKind::OneZero {
                continue;
            }
            let Some(source) = link.source else { continue };
            let sentence = source.slice(p.source());
            if word_count(sentence) < MIN_WORDS {
                continue;
            }
            // In a unit, a sentence whose words are translated elsewhere in
            // the target was merged, not left out.
            if p.pairing() == Pairing::Unit {
                let whole = Span::new(0, p.target().len());
                let (found, known) = p.words_translated(source, whole);
                if found * 3 > known {
                    continue;
                }
            }
            // The end of the previous target sentence, else the start of the
            // next one.
            let before = links[..k].iter().rev().find_map(|l| l.target);
            let after = links[k + 1..].iter().find_map(|l| l.target);
            let at = match (before, after) {
                (Some(b), _) => last_char(text, b),
                (None, Some(a)) => first_char(text, a),
                (None, None) => continue,
            };
            let Some(at) = at else { continue };
            sink.report_with_source(
                at,
                source,
                sink.default_severity(),
                format!(
                    "A sentence of the source is not translated here: “{}”",
                    excerpt(sentence)
                ),
            );
        }
    }
}

/// The last character of `span` in `text`.
pub(crate) fn last_char(text: &str, span: Span) -> Option<Span> {
    let c = span.slice(text).chars().next_back()?;
    Some(Span::new(span.end - c.len_utf8(), span.end))
}

/// The first character of `span` in `text`.
pub(crate) fn first_char(text: &str, span: Span) -> Option<Span> {
    let c = span.slice(text).chars().next()?;
    Some(Span::new(span.start, span.start + c.len_utf8()))
}

/// A sentence as quoted in a message: at most about 80 characters.
pub(crate) fn excerpt(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= 90 {
        return s;
    }
    let cut: String = s.chars().take(80).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{assert_bilingual, run_bilingual};

    #[test]
    fn a_dropped_sentence_is_reported_after_the_previous_one() {
        assert_bilingual(
            &Omission,
            "The storm hit the coast on Tuesday night. More than 40,000 homes and businesses lost power across three counties, and dozens of roads were blocked by fallen trees. Officials said repairs could take a week. Schools will stay closed until Monday.",
            "La tempête a frappé la côte mardi soir⟦.⟧ Selon les autorités, les réparations pourraient prendre une semaine. Les écoles resteront fermées jusqu'à lundi.",
        );
        let en = "Officials gave a long statement about the damage that the storm caused in the county overnight. Schools will stay closed.";
        let fr = "Les écoles resteront fermées.";
        let f = run_bilingual(&Omission, en, fr);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].span.slice(fr), "L");
        assert!(f[0].source.unwrap().slice(en).starts_with("Officials gave"));
    }

    #[test]
    fn a_full_translation_and_a_short_dropped_sentence_pass() {
        assert_bilingual(
            &Omission,
            "The storm hit the coast. Schools will stay closed until Monday.",
            "La tempête a frappé la côte. Les écoles resteront fermées jusqu'à lundi.",
        );
        assert_bilingual(
            &Omission,
            "The storm hit the coast on Tuesday night. Read more. Schools will stay closed until Monday.",
            "La tempête a frappé la côte mardi soir. Les écoles resteront fermées jusqu'à lundi.",
        );
    }

    #[test]
    fn nothing_without_a_source() {
        crate::rule::testing::assert_clean(&Omission, "Une phrase. Une autre.");
    }
}
