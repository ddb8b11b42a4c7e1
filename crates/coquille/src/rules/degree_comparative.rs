use crate::declare_rule;
use crate::rule::{Context, Edit, Rule, RuleMeta, Sink};
use crate::span::Span;
use crate::text::chars::{letters_at, letters_start};
use crate::text::{RegionKind, in_quotation};
use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

declare_rule! {
    /// An adverb of degree before `meilleur` or `pire`, which already hold their degree: `les 12 très meilleures choses`, `le plus meilleur`.
    ///
    /// ## What it does
    /// Reports `très`, `trop` or `assez`, and `plus` after an article
    /// (`le plus`, `la plus`, `les plus`, `l'un des plus`) or in `de plus en
    /// plus`, right before `meilleur`, `meilleure(s)`, `pire` or `pires`,
    /// and suggests the comparative alone (`les 12 meilleures choses`, `le
    /// meilleur`).
    ///
    /// ## Why it matters
    /// `Meilleur` and `pire` are comparatives by themselves: French says
    /// `bien meilleur`, `encore pire`, never `très meilleur` or `plus pire`.
    /// The error is a translation engine's rendering of English `very best`
    /// (`12 Very Best Things` → `12 Très meilleures choses`); a careful writer
    /// does not make it, and every reader notices it.
    ///
    /// ## Example
    /// Bad: `Les 12 très meilleures choses à faire à Nashville`
    ///
    /// Good: `Les 12 meilleures choses à faire à Nashville`
    ///
    /// ## Not flagged
    /// The adverbs French puts before a comparative (`bien meilleur`,
    /// `beaucoup meilleur`, `encore pire`, `tellement meilleur`), `plus`
    /// meaning *also* or *no more* (`mais aussi meilleur`, `il n'y a plus
    /// meilleur moment`), and the words inside code or a URL.
    ///
    /// Words inside quotation marks on their line (`« très pire »`, `“plus
    /// pire”`) are left alone: a grammarian citing the error, or speech
    /// reported with its slip.
    ///
    /// ## Known false positives
    /// None known.
    pub struct DegreeComparative {
        id: "degree-comparative",
        category: Structure,
        severity: Error,
    }
}

/// The comparatives that take no adverb of degree.
const COMPARATIVES: [&str; 6] = [
    "meilleur",
    "meilleure",
    "meilleurs",
    "meilleures",
    "pire",
    "pires",
];

/// The words before `plus` that make it the superlative's (`le plus`) or a
/// progression (`de plus en plus`).
fn superlative_plus(before: &str) -> bool {
    let lower = before.to_lowercase();
    let lower = lower.trim_end();
    lower.ends_with("de plus en")
        || ["le", "la", "les", "l'", "l’", "des", "du"]
            .iter()
            .any(|a| {
                lower.strip_suffix(a).is_some_and(|rest| {
                    rest.is_empty() || rest.ends_with(|c: char| !c.is_alphanumeric())
                })
            })
}

/// The stems of [`COMPARATIVES`], in any ASCII case: one pass over the
/// text finds them all.
static CUES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(["meilleur", "pire"])
        .expect("degree-comparative cues")
});

impl Rule for DegreeComparative {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn warm_up(&self) {
        LazyLock::force(&CUES);
    }

    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>) {
        let text = ctx.text();
        // The comparatives first (rare), then the word before each: most
        // texts hold none, and no word of theirs is read.
        let mut found: Vec<usize> = CUES
            .find_iter(text)
            .map(|m| letters_start(text, m.start()))
            .collect();
        if found.is_empty() {
            return;
        }
        // Found in order; two stems in one word give its start twice.
        found.dedup();
        let regions = ctx.doc.regions();
        for next_start in found {
            let next = letters_at(text, next_start);
            if !COMPARATIVES.contains(&next.to_lowercase().as_str()) {
                continue;
            }
            let before = &text[..next_start];
            let end = before.trim_end_matches([' ', '\u{a0}']).len();
            if end == next_start {
                continue;
            }
            let start = letters_start(text, end);
            let word = &text[start..end];
            let lower = word.to_lowercase();
            if !matches!(lower.as_str(), "très" | "trop" | "assez" | "plus") {
                continue;
            }
            let near = text.floor_char_boundary(start.saturating_sub(40));
            if lower == "plus" && !superlative_plus(&text[near..start]) {
                continue;
            }
            if regions.covers(&[RegionKind::Code, RegionKind::Url], start)
                || in_quotation(
                    text,
                    Span::new(0, text.len()),
                    Span::new(start, next_start + next.len()),
                )
            {
                continue;
            }
            let span = Span::new(start, next_start + next.len());
            // The comparative keeps the adverb's capital (`Très meilleures`
            // at the start of a title → `Meilleures`).
            let fixed = if word.starts_with(char::is_uppercase) {
                let mut chars = next.chars();
                chars.next().map_or_else(String::new, |c| {
                    c.to_uppercase().collect::<String>() + chars.as_str()
                })
            } else {
                next.to_string()
            };
            let severity = sink.default_severity();
            sink.push(
                span,
                format!(
                    "`{}` is already a comparative: no `{word}` before it",
                    next.to_lowercase()
                ),
                severity,
                Some(Edit::possible(span, fixed)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::testing::{apply_suggestions, assert_clean, assert_marked};

    #[test]
    fn quoted_words_are_left_alone() {
        assert_clean(
            &DegreeComparative,
            "On entend « moins pire, plus pire, très pire » : des pléonasmes.",
        );
        assert_clean(&DegreeComparative, "Il a dit \"c'est trop pire\" en riant.");
        assert_marked(
            &DegreeComparative,
            "« Voici » les 12 ⟦Très meilleures⟧ choses.",
        );
    }

    #[test]
    fn flags_an_adverb_of_degree_before_meilleur_or_pire() {
        assert_marked(
            &DegreeComparative,
            "Les 12 ⟦très meilleures⟧ choses, le ⟦plus meilleur⟧ et de plus en ⟦plus pire⟧.",
        );
        assert_marked(&DegreeComparative, "C'est ⟦trop meilleur⟧ et ⟦assez pire⟧.");
        assert_eq!(
            apply_suggestions(&DegreeComparative, "12 Très meilleures choses à faire"),
            "12 Meilleures choses à faire"
        );
    }

    #[test]
    fn leaves_the_adverbs_of_comparatives_alone() {
        assert_clean(
            &DegreeComparative,
            "Bien meilleur, beaucoup meilleur, encore pire, tellement meilleur. \
             C'est rapide mais aussi meilleur pour la santé. Il n'y a plus meilleur moment. \
             De plus, meilleur encore. Très bon, plus grand, le meilleur.",
        );
    }
}
