//! The document score: MQM-style penalty points per 1,000 words, so that a
//! page with several kinds of artefacts fails even when none alone is an
//! `error`.
//!
//! Each defect costs the weight of its severity times the weight of its
//! category; the points are summed and brought to 1,000 words:
//!
//! ```text
//! score = 1000 × Σ severity_weight × category_weight / max(words, WORD_FLOOR)
//! ```
//!
//! | severity  | weight | MQM level |
//! |-----------|-------:|-----------|
//! | `error`   | 5      | major     |
//! | `warning` | 1      | minor     |
//! | `info`    | 0      | neutral   |
//!
//! | category      | weight | rules |
//! |---------------|-------:|-------|
//! | `markup`      | 1      | broken-markup |
//! | `encoding`    | 1      | mojibake |
//! | `leak`        | 1      | boilerplate, glued-words, truncated-text |
//! | `language`    | 1      | untranslated-english |
//! | `punctuation` | 1      | duplicate-punctuation, space-before-punctuation |
//! | `structure`   | 1      | sentence-fragment, repeated-word, repeated-sentence, missing-sentence-boundary |
//! | `locale`      | 1      | english-number-format, imperial-units |
//! | `translation` | 1      | omission, addition, number-mismatch, name-translated, markup-mismatch, untranslated-copy, length-ratio (with a source only) |
//! | `typography`  | 0.5    | french-spacing, english-quotes, capital-accent |
//!
//! The severity weights are those of the MQM scoring model (minor 1, major
//! 5; an `info` is a remark, MQM's *neutral*). Typography counts half: those
//! rules are house style, which careful writers also break (straight
//! quotes, a space missing before `:`), while a reader sees every other
//! kind as damage. The weights and the default threshold
//! ([`DEFAULT_FAIL_ON_SCORE`]) were chosen on real text: machine-translated
//! pages and careful French from the web (`eval/`), see
//! `notes/issue-11-score.md`.
//!
//! - **One defect counts once.** The checker already folds the findings of
//!   several rules on one defect into one ([`PRECEDENCE`]); two findings it
//!   keeps that still report one defect (the same bytes, or one covering the
//!   other as [`PRECEDENCE`] says, kept apart only because the more specific
//!   rule is milder) count once, at the greater weight. `guerre. ,
//!   déclarant` costs one error.
//! - **A house style counts three times at most.** Past
//!   [`TYPOGRAPHY_REPEATS`] defects of one typographic kind (one rule, one
//!   message), the rest of that kind cost nothing: a page that never puts a
//!   space before `:` follows a house style, and sixteen such colons are one
//!   choice. Every finding is still reported and counted among the defects.
//! - **Words** are counted by the text layer ([`count_words`]) on the text
//!   the rules read: whitespace-delimited tokens with a letter or digit
//!   outside tags.
//! - **Short documents**: below [`WORD_FLOOR`] words the score is computed
//!   as if the document had that many, so that one warning in a 5-word title
//!   gives 1000 × 1 / 200 = 5 points, not 200: with the default threshold no
//!   single warning fails a document however short, and one error (which
//!   fails it anyway) reads 25.
//!
//! `fail_on_score` in `coquille.toml` (default [`DEFAULT_FAIL_ON_SCORE`];
//! `inf` turns it off) makes the verdict `fail` when the score is above it,
//! whatever the severities ([`crate::report::Gate`]).
//!
//! [`PRECEDENCE`]: crate::checker::PRECEDENCE
//! [`count_words`]: crate::text::count_words

use crate::document::Document;
use crate::fold::same_defect;
use crate::rule::{Category, Finding, Severity};
use crate::text::{Regions, count_words};
use serde::Serialize;
use std::collections::HashMap;

/// Penalty points of a defect of each severity (MQM: major 5, minor 1,
/// neutral 0).
pub const fn severity_weight(severity: Severity) -> f64 {
    match severity {
        Severity::Error => 5.0,
        Severity::Warning => 1.0,
        Severity::Info => 0.0,
    }
}

/// What a defect of each category weighs against the others.
pub const fn category_weight(category: Category) -> f64 {
    match category {
        Category::Typography => 0.5,
        Category::Markup
        | Category::Encoding
        | Category::Leak
        | Category::Language
        | Category::Punctuation
        | Category::Structure
        | Category::Locale
        | Category::Translation => 1.0,
    }
}

/// The penalty points of one finding: [`severity_weight`] ×
/// [`category_weight`].
pub const fn weight(severity: Severity, category: Category) -> f64 {
    severity_weight(severity) * category_weight(category)
}

/// Documents shorter than this many words are scored as if they had this
/// many (see the [module documentation](self)).
pub const WORD_FLOOR: usize = 200;

/// Most defects of one typographic kind (one rule, one message: `:` with
/// no space before it, English quotation marks) a document is charged for.
/// A page that writes `Remplaçants:` sixteen times follows a house style
/// (Swiss and many web outlets do): one choice, not sixteen slips. Three,
/// so that a page mixing several such kinds still adds up.
pub const TYPOGRAPHY_REPEATS: usize = 3;

/// The default `fail_on_score`: a document scoring more than this many
/// penalty points per 1,000 words fails.
pub const DEFAULT_FAIL_ON_SCORE: f64 = 30.0;

/// Most earlier findings a finding is compared with to find one defect
/// reported twice, so that scoring stays linear on a text with a finding
/// every few bytes.
const LOOKBACK: usize = 64;

/// The score of one document.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Score {
    /// Penalty points per 1,000 words (rounded to 0.1).
    pub value: f64,
    /// Penalty points of the document (rounded to 0.01).
    pub points: f64,
    /// Defects counted: findings, one per defect (the typographic repeats
    /// past [`TYPOGRAPHY_REPEATS`] counted, at no cost).
    pub defects: usize,
    /// Words of the document ([`count_words`]); below [`WORD_FLOOR`], the
    /// score divides by the floor instead.
    pub words: usize,
}

impl Score {
    /// The score of `findings` (sorted by start, as the checker returns
    /// them) over `words` words.
    pub fn of(findings: &[Finding], words: usize) -> Score {
        // Union-find over the findings that report one defect.
        let mut root: Vec<usize> = (0..findings.len()).collect();
        fn find(root: &mut [usize], mut i: usize) -> usize {
            while root[i] != i {
                root[i] = root[root[i]];
                i = root[i];
            }
            i
        }
        for (i, b) in findings.iter().enumerate() {
            for j in (0..i).rev().take(LOOKBACK) {
                let a = &findings[j];
                if (a.span.overlaps(b.span) || a.span == b.span) && same_defect(a, b) {
                    let (ra, rb) = (find(&mut root, j), find(&mut root, i));
                    root[rb] = ra;
                }
            }
        }
        // The worst finding of each defect (the first at the greater weight).
        let mut worst = vec![None::<(f64, usize)>; findings.len()];
        for (i, f) in findings.iter().enumerate() {
            let r = find(&mut root, i);
            let w = weight(f.severity, f.category);
            if worst[r].is_none_or(|(v, _)| w > v) {
                worst[r] = Some((w, i));
            }
        }
        // A typographic choice repeated through the page is a house style:
        // past TYPOGRAPHY_REPEATS of one kind, the rest cost nothing.
        let mut kinds: HashMap<(&str, &str), usize> = HashMap::new();
        for slot in worst.iter_mut() {
            let Some((_, i)) = *slot else { continue };
            let f = &findings[i];
            if f.category != Category::Typography {
                continue;
            }
            let seen = kinds.entry((f.rule, f.message.as_str())).or_insert(0);
            *seen += 1;
            if *seen > TYPOGRAPHY_REPEATS {
                *slot = Some((0.0, i));
            }
        }
        let worst: Vec<Option<f64>> = worst.iter().map(|w| w.map(|(v, _)| v)).collect();
        let defects = worst.iter().flatten().count();
        // Not `sum()`: an empty sum of floats is -0.0.
        let points = worst.iter().flatten().fold(0.0, |a, b| a + b);
        let value = points * 1000.0 / words.max(WORD_FLOOR) as f64;
        Score {
            value: (value * 10.0).round() / 10.0,
            points: (points * 100.0).round() / 100.0,
            defects,
            words,
        }
    }

    /// The score of `findings` on `doc`, its words counted on the text the
    /// rules read ([`Document::view_text`]).
    pub fn of_document(doc: &Document<'_>, findings: &[Finding]) -> Score {
        Score::of(findings, words(doc))
    }

    /// Whether this score fails a gate whose `fail_on_score` is `limit`:
    /// strictly above it.
    pub fn exceeds(&self, limit: Option<f64>) -> bool {
        limit.is_some_and(|limit| self.value > limit)
    }
}

/// The words of `doc` ([`count_words`] on the text the rules read).
pub fn words(doc: &Document<'_>) -> usize {
    match doc.view_text() {
        Some(view) => count_words(view, &Regions::new(view)),
        None => count_words(doc.text(), doc.regions()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::{Checker, Format};

    fn mk(
        rule: &'static str,
        category: Category,
        severity: Severity,
        s: usize,
        e: usize,
    ) -> Finding {
        Finding {
            rule,
            category,
            severity,
            span: Span::new(s, e),
            message: String::new(),
            suggestion: None,
            related: Vec::new(),
            folded: Vec::new(),
            source: None,
        }
    }

    #[test]
    fn one_defect_reported_by_three_rules_counts_once() {
        let text = "Il a fait la guerre. , déclarant que tout allait bien.";
        let report = Checker::default().check_text(text);
        assert_eq!(report.score.defects, 1, "{:?}", report.findings);
        assert_eq!(report.score.points, 5.0);
        assert_eq!(report.score.words, 10);
        assert_eq!(report.score.value, 25.0);
    }

    #[test]
    fn overlapping_findings_of_one_defect_count_once_at_the_greater_weight() {
        use Category::*;
        use Severity::*;
        // A milder, more specific finding kept beside a graver one on the
        // same bytes: one defect, worth the graver.
        let kept = [
            mk("boilerplate", Leak, Info, 0, 20),
            mk("untranslated-english", Language, Error, 0, 20),
        ];
        let s = Score::of(&kept, 1000);
        assert_eq!((s.defects, s.points), (1, 5.0));
        // Punctuation rules sharing a byte.
        let kept = [
            mk("duplicate-punctuation", Punctuation, Warning, 10, 13),
            mk("space-before-punctuation", Punctuation, Error, 11, 13),
        ];
        assert_eq!(Score::of(&kept, 1000).defects, 1);
        // A doubled mark inside an English quotation is a defect of its own.
        let kept = [
            mk("english-quotes", Typography, Warning, 0, 40),
            mk("duplicate-punctuation", Punctuation, Error, 20, 22),
        ];
        let s = Score::of(&kept, 1000);
        assert_eq!((s.defects, s.points), (2, 5.5));
    }

    #[test]
    fn a_page_with_several_kinds_of_warnings_fails_by_score() {
        let page = "Le ministre a parlé de “réformes profondes” devant la presse. \
                    Il a expliqué comment créer…\n\n\
                    Les débats ont duré des heures !!! Vraiment ?? Personne ne s'y attendait.\n\n\
                    Le résultat: une “victoire” pour le gouvernement, avec le principal…\n\n\
                    Les syndicats ont répondu hier. Les syndicats ont répondu hier.";
        let report = Checker::default().check_text(page);
        let kinds: std::collections::BTreeSet<&str> =
            report.findings.iter().map(|f| f.rule).collect();
        assert!(
            report.findings.iter().all(|f| f.severity < Severity::Error) && kinds.len() >= 3,
            "{:?}",
            report.findings
        );
        assert!(report.score.fails, "{:?}", report.score);
        assert_eq!(report.verdict, crate::Verdict::Fail);
        let careful = "Le ministre a parlé de « réformes profondes » devant la presse. \
                       Il a expliqué comment les mener.\n\n\
                       Les syndicats ont répondu hier ; les débats reprendront lundi.";
        let report = Checker::default().check_text(careful);
        assert_eq!(report.score.value, 0.0, "{:?}", report.findings);
        assert_eq!(report.verdict, crate::Verdict::Pass);
    }

    #[test]
    fn a_typographic_house_style_is_charged_three_times_at_most() {
        let colon = |s| {
            let mut f = mk(
                "french-spacing",
                Category::Typography,
                Severity::Warning,
                s,
                s + 1,
            );
            f.message = "no space before `:`".into();
            f
        };
        let sixteen: Vec<Finding> = (0..16).map(|i| colon(i * 10)).collect();
        let s = Score::of(&sixteen, 1000);
        assert_eq!((s.defects, s.points), (16, 1.5));
        // Another kind of typography, and any other category, still count.
        let mut mixed = sixteen.clone();
        let mut quote = colon(200);
        quote.rule = "english-quotes";
        mixed.push(quote);
        mixed.extend((0..5).map(|i| {
            mk(
                "glued-words",
                Category::Leak,
                Severity::Warning,
                300 + i * 10,
                305 + i * 10,
            )
        }));
        let s = Score::of(&mixed, 1000);
        assert_eq!((s.defects, s.points), (16 + 1 + 5, 7.0));
    }

    #[test]
    fn short_documents_are_scored_over_the_floor() {
        let one_warning = [mk("glued-words", Category::Leak, Severity::Warning, 0, 5)];
        let title = Score::of(&one_warning, 5);
        assert_eq!(title.value, 1000.0 / WORD_FLOOR as f64);
        assert!(!title.exceeds(Some(DEFAULT_FAIL_ON_SCORE)));
        let long = Score::of(&one_warning, 2 * WORD_FLOOR);
        assert_eq!(long.value, 1000.0 / (2 * WORD_FLOOR) as f64);
        assert_eq!(Score::of(&[], 0).value, 0.0);
    }

    #[test]
    fn words_are_counted_on_the_text_the_rules_read() {
        let html = "<p>Le chat <b>dort</b>.</p><script>var x = 1;</script>";
        let doc = Document::with_format(html, Format::Html);
        assert_eq!(words(&doc), 3);
        assert_eq!(words(&Document::new("Le chat dort.")), 3);
    }

    #[test]
    fn exceeds_means_strictly_above() {
        let s = Score {
            value: 20.0,
            points: 4.0,
            defects: 1,
            words: 200,
        };
        assert!(!s.exceeds(Some(20.0)));
        assert!(s.exceeds(Some(19.9)));
        assert!(!s.exceeds(None));
        assert!(!s.exceeds(Some(f64::INFINITY)));
    }
}
