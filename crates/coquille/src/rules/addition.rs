use crate::align::LinkKind;
use crate::declare_rule;
use crate::parallel::{Pairing, Parallel};
use crate::rule::{Context, Rule, RuleMeta, Sink};
use crate::rules::omission::{MIN_WORDS, word_count};
use crate::span::Span;

declare_rule! {
    /// A sentence of the target with no counterpart in the source.
    ///
    /// ## What it does
    /// Needs the source (`coquille check --source`, or the units of a
    /// bilingual file, save those whose source is a message key such as
    /// `post.too_short_content` or `0d999f2`, which have no English to
    /// compare with). The source and target sentences are aligned by
    /// length and anchors (`align`); a target sentence of at least four
    /// words the alignment leaves without source (a 0–1 link) is reported.
    ///
    /// ## Why it matters
    /// A sentence with no source is text the translation invented (machine
    /// translation sometimes repeats or hallucinates a sentence) or page
    /// furniture mixed into the article; either way it was not in the
    /// original.
    ///
    /// ## Example
    /// Source: `The storm hit the coast. Schools stay closed.`
    ///
    /// Bad: `La tempête a frappé la côte. Abonnez-vous à notre lettre
    /// d'information pour ne rien manquer. Les écoles restent fermées.`
    ///
    /// Good: `La tempête a frappé la côte. Les écoles restent fermées.`
    ///
    /// In a unit of a bilingual file, a target sentence that translates any
    /// word of the source is a split sentence and is not reported. In a
    /// unit, only when both texts read as prose:
    /// a command's table of options (lines starting with `-`, columns of
    /// spaces) is not compared sentence by sentence.
    ///
    /// ## Known false positives
    /// A translator's note or an explanation added for French readers on
    /// purpose; one source sentence translated as two whose second half the
    /// alignment could not attach.
    pub struct Addition {
        id: "addition",
        category: Translation,
        severity: Warning,
    }
}

impl Rule for Addition {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, _ctx: &Context<'_>, _sink: &mut Sink<'_>) {}

    fn check_with_source(&self, ctx: &Context<'_>, p: &Parallel<'_>, sink: &mut Sink<'_>) {
        if !p.sentences_comparable() {
            return;
        }
        let text = ctx.text();
        if p.source_sentences().is_empty() {
            // Nothing to compare with: an empty source is not a translation.
            return;
        }
        for link in p.links() {
            if link.kind != LinkKind::ZeroOne {
                continue;
            }
            let Some(target) = link.target else { continue };
            if word_count(target.slice(text)) < MIN_WORDS {
                continue;
            }
            // In a unit, a target sentence that translates words of the
            // source is a split sentence, not an addition.
            if p.pairing() == Pairing::Unit {
                let whole = Span::new(0, p.source().len());
                if p.words_translated(whole, target).0 > 0 {
                    continue;
                }
            }
            sink.report(target, "This sentence has no counterpart in the source");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::assert_bilingual;

    #[test]
    fn an_invented_sentence_is_reported() {
        assert_bilingual(
            &Addition,
            "The storm hit the coast on Tuesday night. Schools will stay closed until Monday.",
            "La tempête a frappé la côte mardi soir. ⟦Abonnez-vous à notre lettre d'information pour ne rien manquer de l'actualité régionale.⟧ Les écoles resteront fermées jusqu'à lundi.",
        );
    }

    #[test]
    fn a_faithful_translation_passes() {
        assert_bilingual(
            &Addition,
            "He resigned in March. He had been in office for twelve years. His successor was sworn in on Friday.",
            "Il a démissionné en mars, après douze ans au pouvoir. Son successeur a prêté serment vendredi.",
        );
        crate::rule::testing::assert_clean(&Addition, "Une phrase de plus de quatre mots.");
    }
}
