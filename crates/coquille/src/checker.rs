//! The checker: runs the configured rules over a document and sorts what they
//! find.

use crate::document::{Document, Format};
use crate::report::DocumentReport;
use crate::rule::{Context, Finding, Rule, RuleOptions, Severity, Sink};
use crate::rules;
use crate::settings::Settings;
use std::collections::HashMap;

/// Settings that name rules that do not exist, or are otherwise unusable.
#[derive(Debug, thiserror::Error)]
pub enum CheckerError {
    /// A rule id in `select`, `ignore` or `severity` is unknown.
    #[error("unknown rule `{id}` in `{field}` (see `coquille rules`)")]
    UnknownRule {
        /// The id as written.
        id: String,
        /// Which setting named it.
        field: &'static str,
    },
}

/// Runs rules over documents. Build once, share freely: a `Checker` is
/// `Send + Sync` and checking takes `&self`.
#[derive(Debug)]
pub struct Checker {
    rules: Vec<&'static dyn Rule>,
    severity: HashMap<&'static str, Severity>,
    options: RuleOptions,
    fail_on: Severity,
}

impl std::fmt::Debug for dyn Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.meta().id)
    }
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new(Settings::default()).expect("default settings are valid")
    }
}

impl Checker {
    /// Builds a checker from settings, rejecting unknown rule ids.
    pub fn new(settings: Settings) -> Result<Self, CheckerError> {
        let find = |id: &str, field: &'static str| {
            rules::by_id(id).ok_or_else(|| CheckerError::UnknownRule {
                id: id.to_string(),
                field,
            })
        };
        for id in &settings.select {
            find(id, "select")?;
        }
        for id in &settings.ignore {
            find(id, "ignore")?;
        }
        let mut severity = HashMap::new();
        for (id, sev) in &settings.severity {
            severity.insert(find(id, "severity")?.meta().id, *sev);
        }
        let rules = rules::ALL
            .iter()
            .copied()
            .filter(|r| {
                let id = r.meta().id;
                (settings.select.is_empty() || settings.select.iter().any(|s| s == id))
                    && !settings.ignore.iter().any(|s| s == id)
            })
            .collect();
        let options = RuleOptions {
            english_min_words: settings.untranslated_english.min_words.max(1),
            english_allow: settings
                .untranslated_english
                .allow
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            strict_spacing: settings.french_spacing.strict,
            ..RuleOptions::default()
        };
        Ok(Checker {
            rules,
            severity,
            options,
            fail_on: settings.fail_on,
        })
    }

    /// The rules this checker runs, sorted by id.
    pub fn rules(&self) -> impl Iterator<Item = &'static dyn Rule> + '_ {
        self.rules.iter().copied()
    }

    /// Lowest severity that fails the verdict.
    pub fn fail_on(&self) -> Severity {
        self.fail_on
    }

    /// Changes the lowest severity that fails the verdict.
    pub fn set_fail_on(&mut self, severity: Severity) {
        self.fail_on = severity;
    }

    /// Runs every rule on `doc`. Findings come sorted by `(start, end, rule)`,
    /// exact duplicates removed, severities as configured, without what
    /// inline comments suppress ([`crate::suppress`]), and one finding per
    /// defect: findings of several rules on the same bytes are folded into
    /// the most specific one, which names the others in
    /// [`Finding::related`] (see [`PRECEDENCE`]).
    ///
    /// Rules read the document's view ([`Document::view`]): hidden markup
    /// blanked out, entities decoded, hard-wrapped lines joined. Their spans
    /// are led back to the input ([`Document::input_span`]: a span on a
    /// decoded entity covers the whole entity). A finding whose ends are not
    /// char boundaries of the input (possible only inside blanked-out markup)
    /// is dropped.
    pub fn findings(&self, doc: &Document<'_>) -> Vec<Finding> {
        let view = doc.view();
        let ctx = Context {
            doc: view.as_ref().unwrap_or(doc),
            options: &self.options,
        };
        let mut all = Vec::new();
        for rule in &self.rules {
            let mut sink = Sink::new(rule.meta());
            rule.check(&ctx, &mut sink);
            let overridden = self.severity.get(rule.meta().id).copied();
            all.extend(sink.into_findings().into_iter().map(|mut f| {
                if let Some(sev) = overridden {
                    f.severity = sev;
                }
                f
            }));
        }
        if let (Some(view), Some(map)) = (&view, doc.offset_map()) {
            for f in &mut all {
                to_input(f, map, view.text());
            }
        }
        if view.is_some() {
            let text = doc.text();
            let sound =
                |s: crate::Span| text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
            all.retain(|f| sound(f.span) && f.suggestion.as_ref().is_none_or(|e| sound(e.span)));
        }
        all.sort_by(|a, b| {
            (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
        });
        all.dedup();
        suppress(doc, &mut all);
        fold_overlaps(all)
    }

    /// Checks `doc` and builds its report; `path` names it in the report.
    pub fn check(&self, doc: &Document<'_>, path: Option<&str>) -> DocumentReport {
        let findings = self.findings(doc);
        DocumentReport::from_findings(path, doc, findings, self.fail_on)
    }

    /// Checks a plain-text string.
    pub fn check_text(&self, text: &str) -> DocumentReport {
        self.check(&Document::with_format(text, Format::Text), None)
    }
}

/// Drops the findings that `<!-- coquille-ignore ... -->` comments turn off.
fn suppress(doc: &Document<'_>, findings: &mut Vec<Finding>) {
    let text = doc.text();
    if !text.contains("coquille-ignore") {
        return;
    }
    let directives = crate::suppress::directives(text, doc.format() == Format::Text);
    let scopes: Vec<_> = directives
        .iter()
        .filter_map(|d| {
            crate::suppress::scope_span(d, doc.blocks(), text.len()).map(|span| (d, span))
        })
        .collect();
    findings.retain(|f| {
        !scopes.iter().any(|(d, span)| {
            d.covers(f.rule)
                && span.start <= f.span.start
                && f.span.start < span.end.max(span.start + 1)
        })
    });
}

/// Which rule wins when several report the same defect, most specific
/// first. A finding B is folded into a finding A (B's rule goes to A's
/// `related`, B is not reported) when A's rule comes before B's here, A is
/// at least as severe as B (so folding never changes a verdict), and
/// - B lies inside A: the smaller finding is a facet of the larger defect
///   (the English words of a boilerplate line, a capital without its accent
///   in `A lire aussi |`, a `;` that `french-spacing` reads inside the broken
///   entity `&amp;nbsp;`), or
/// - A and B both report punctuation marks ([`PUNCTUATION_RULES`]) and share
///   a byte: `guerre. , déclarant` is one stray comma, which
///   `duplicate-punctuation` (`. ,`), `space-before-punctuation` (` ,`) and
///   `sentence-fragment` (`, déclarant`) all see.
///
/// The order: broken markup and encoding damage first (every other rule
/// misreads those bytes), then leaked furniture (a whole line that must go),
/// then punctuation from the narrowest rule to the widest, then word-level
/// rules, and last the rules whose spans are whole phrases, quotations or
/// sentences, which hold other defects rather than being them: an English
/// quotation or a repeated sentence does not absorb a doubled full stop in
/// it. Every rule must be listed (a test checks it).
pub const PRECEDENCE: &[&str] = &[
    "broken-markup",
    "mojibake",
    "boilerplate",
    "duplicate-punctuation",
    "space-before-punctuation",
    "sentence-fragment",
    "french-spacing",
    "repeated-word",
    "glued-words",
    "capital-accent",
    "english-number-format",
    "imperial-units",
    "untranslated-english",
    "truncated-text",
    "english-quotes",
    "missing-sentence-boundary",
    "repeated-sentence",
];

/// Rules whose findings are punctuation marks: two of them that share a
/// byte see the same marks (see [`PRECEDENCE`]).
pub const PUNCTUATION_RULES: &[&str] = &[
    "duplicate-punctuation",
    "space-before-punctuation",
    "sentence-fragment",
    "french-spacing",
];

fn rank(rule: &str) -> usize {
    PRECEDENCE
        .iter()
        .position(|r| *r == rule)
        .unwrap_or(PRECEDENCE.len())
}

/// Whether `b` is the same defect as `a`, reported less specifically.
fn absorbs(a: &Finding, b: &Finding) -> bool {
    rank(a.rule) < rank(b.rule)
        && a.severity >= b.severity
        && (a.span.contains(b.span)
            || (a.span.overlaps(b.span)
                && PUNCTUATION_RULES.contains(&a.rule)
                && PUNCTUATION_RULES.contains(&b.rule)))
}

/// Most earlier findings of one rule a finding is compared with, so that
/// folding stays linear on a text with a finding every few bytes.
const FOLD_LOOKBACK: usize = 64;

/// One finding per defect (see [`PRECEDENCE`]). Takes findings sorted by
/// `(start, end, rule)` and returns them so.
fn fold_overlaps(findings: Vec<Finding>) -> Vec<Finding> {
    if findings.len() < 2 {
        return findings;
    }
    // Rank by rank, most specific first: a finding can only be folded into
    // one of an earlier rank, all of which are settled by then.
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_by_key(|&i| (rank(findings[i].rule), i));
    let mut folded_into: Vec<Option<usize>> = vec![None; findings.len()];
    // Kept findings of settled ranks: indices sorted by start (the input
    // order), with the running maximum of their ends.
    let mut settled: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    let mut group = 0;
    while group < order.len() {
        let r = rank(findings[order[group]].rule);
        let end = group + order[group..].partition_point(|&i| rank(findings[i].rule) == r);
        for &b in &order[group..end] {
            let fb = &findings[b];
            folded_into[b] = settled.iter().find_map(|(kept, max_end)| {
                let upto = kept.partition_point(|&a| {
                    findings[a].span.start <= fb.span.start.max(fb.span.end.saturating_sub(1))
                });
                (0..upto)
                    .rev()
                    .take(FOLD_LOOKBACK)
                    .take_while(|&j| max_end[j] > fb.span.start || fb.span.is_empty())
                    .map(|j| kept[j])
                    .find(|&a| absorbs(&findings[a], fb))
            });
        }
        let kept: Vec<usize> = {
            let mut k: Vec<usize> = order[group..end]
                .iter()
                .copied()
                .filter(|&i| folded_into[i].is_none())
                .collect();
            k.sort_unstable();
            k
        };
        let mut max_end = Vec::with_capacity(kept.len());
        let mut m = 0;
        for &i in &kept {
            m = m.max(findings[i].span.end);
            max_end.push(m);
        }
        settled.push((kept, max_end));
        group = end;
    }
    let mut related: Vec<Vec<&'static str>> = vec![Vec::new(); findings.len()];
    for (b, a) in folded_into.iter().enumerate() {
        if let Some(a) = *a {
            related[a].push(findings[b].rule);
        }
    }
    findings
        .into_iter()
        .zip(related)
        .zip(folded_into)
        .filter(|(_, into)| into.is_none())
        .map(|((mut f, mut rel), _)| {
            rel.sort_by_key(|r| rank(r));
            rel.dedup();
            f.related = rel;
            f
        })
        .collect()
}

/// Moves a finding on a view with decoded entities back to input offsets.
/// Its suggestion is dropped when it cannot be applied to the input as it
/// stands: when an end falls inside a decoded entity, or when it would write
/// `<`, `>` or `&` where the input had them escaped (a fix must never turn
/// `&lt;p&gt;` into a tag).
fn to_input(f: &mut Finding, map: &crate::markup::OffsetMap, view: &str) {
    f.span = map.span_to_input(f.span);
    let Some(edit) = &mut f.suggestion else {
        return;
    };
    let span = map.span_to_input(edit.span);
    let exact =
        map.to_decoded(span.start) == edit.span.start && map.to_decoded(span.end) == edit.span.end;
    let markup = |s: &str| s.contains(['<', '>', '&']);
    let unescapes = markup(&edit.replacement)
        && map
            .entities_in(span)
            .iter()
            .any(|(_, decoded)| view.get(decoded.clone()).is_some_and(markup));
    if exact && !unescapes {
        edit.span = span;
    } else {
        f.suggestion = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checker_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Checker>();
    }

    #[test]
    fn unknown_rule_ids_are_rejected() {
        let settings = Settings {
            ignore: vec!["no-such-rule".into()],
            ..Settings::default()
        };
        let err = Checker::new(settings).unwrap_err().to_string();
        assert!(
            err.contains("no-such-rule") && err.contains("ignore"),
            "{err}"
        );
    }

    #[test]
    fn select_and_ignore_choose_the_rules() {
        let first = rules::ALL[0].meta().id;
        let only = Checker::new(Settings {
            select: vec![first.into()],
            ..Settings::default()
        })
        .unwrap();
        assert_eq!(only.rules().count(), 1);
        let without = Checker::new(Settings {
            ignore: vec![first.into()],
            ..Settings::default()
        })
        .unwrap();
        assert_eq!(without.rules().count(), rules::ALL.len() - 1);
    }

    #[test]
    fn severity_overrides_apply() {
        let text = "Fin de phrase.. Et ensuite.";
        let mut settings = Settings::default();
        settings
            .severity
            .insert("duplicate-punctuation".into(), Severity::Info);
        let checker = Checker::new(settings).unwrap();
        let doc = Document::new(text);
        let f = checker.findings(&doc);
        assert!(f.iter().any(|f| f.rule == "duplicate-punctuation"));
        assert!(
            f.iter()
                .filter(|f| f.rule == "duplicate-punctuation")
                .all(|f| f.severity == Severity::Info)
        );
    }

    fn report(text: &str, format: Format) -> Vec<(&'static str, String, Vec<&'static str>)> {
        Checker::default()
            .findings(&Document::with_format(text, format))
            .into_iter()
            .map(|f| (f.rule, f.span.slice(text).to_string(), f.related))
            .collect()
    }

    #[test]
    fn precedence_lists_every_rule_once() {
        let mut listed: Vec<&str> = PRECEDENCE.to_vec();
        listed.sort_unstable();
        let mut ids: Vec<&str> = rules::ALL.iter().map(|r| r.meta().id).collect();
        ids.sort_unstable();
        assert_eq!(
            listed, ids,
            "every rule must have its place in checker::PRECEDENCE"
        );
        for id in PUNCTUATION_RULES {
            assert!(PRECEDENCE.contains(id), "{id}");
        }
    }

    #[test]
    fn one_defect_seen_by_three_rules_is_one_finding() {
        let text = "Il a fait la guerre. , déclarant que tout allait bien.";
        let found = report(text, Format::Text);
        assert_eq!(
            found,
            [(
                "duplicate-punctuation",
                ". ,".to_string(),
                vec!["space-before-punctuation", "sentence-fragment"]
            )]
        );
    }

    #[test]
    fn furniture_absorbs_what_lies_inside_it() {
        let text = "Le ministre est arrivé hier à Minsk.\n\nExit mobile version";
        let found = report(text, Format::Text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "boilerplate");
        assert_eq!(found[0].2, ["untranslated-english"]);
    }

    #[test]
    fn a_defect_inside_a_wider_span_is_its_own() {
        // A doubled mark inside an English headline is a defect of its own:
        // the wide English span does not absorb it.
        let text =
            "Le journal titrait : Reuters Doctoring Photos from Beirut ? . Little Green Footballs.";
        let found = report(text, Format::Text);
        assert!(
            found.iter().any(|f| f.0 == "duplicate-punctuation"),
            "{found:?}"
        );
        assert!(
            found.iter().any(|f| f.0 == "untranslated-english"),
            "{found:?}"
        );
    }

    #[test]
    fn a_milder_rule_never_absorbs_a_graver_one() {
        let mk = |rule: &'static str, severity, start, end| Finding {
            rule,
            category: crate::rule::Category::Leak,
            severity,
            span: crate::Span::new(start, end),
            message: String::new(),
            suggestion: None,
            related: Vec::new(),
        };
        // boilerplate ranks first, but as an info it cannot hide an error.
        let kept = fold_overlaps(vec![
            mk("boilerplate", Severity::Info, 0, 20),
            mk("untranslated-english", Severity::Error, 0, 20),
        ]);
        assert_eq!(kept.len(), 2);
        let kept = fold_overlaps(vec![
            mk("boilerplate", Severity::Error, 0, 20),
            mk("glued-words", Severity::Warning, 5, 9),
            mk("untranslated-english", Severity::Error, 0, 20),
        ]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].related, ["glued-words", "untranslated-english"]);
    }

    #[test]
    fn inline_comments_suppress_rules_per_block_or_file() {
        let html = "<p>Fin de phrase.. Et ensuite.</p>\n<!-- coquille-ignore duplicate-punctuation -->\n<p>Autre phrase.. Et ensuite.</p>\n<p>Encore.. Et ensuite.</p>";
        let found = report(html, Format::Html);
        let dp: Vec<&str> = found
            .iter()
            .filter(|f| f.0 == "duplicate-punctuation")
            .map(|f| f.1.as_str())
            .collect();
        assert_eq!(dp.len(), 2, "the block after the comment only: {found:?}");
        let whole = format!("<!-- coquille-ignore-file duplicate-punctuation -->\n{html}");
        assert!(
            report(&whole, Format::Html)
                .iter()
                .all(|f| f.0 != "duplicate-punctuation")
        );
        // Markdown: the same comment.
        let md =
            "Fin de phrase.. Et ensuite.\n\n<!-- coquille-ignore -->\nAutre phrase.. Et ensuite.\n";
        assert_eq!(report(md, Format::Markdown).len(), 1);
        // Plain text: the comment on a line of its own, not read as prose.
        let text = "Fin de phrase.. Et ensuite.\n<!-- coquille-ignore duplicate-punctuation -->\nAutre phrase.. Et ensuite.\n\nEncore.. Fin.";
        let found = report(text, Format::Text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|f| !f.1.contains("coquille")));
        // Another rule in the same block is still reported.
        let other = "<!-- coquille-ignore french-spacing -->\nFin de phrase.. Et ensuite.";
        assert_eq!(report(other, Format::Text).len(), 1);
    }

    #[test]
    fn every_lazy_table_builds() {
        for rule in rules::ALL {
            rule.warm_up();
        }
    }
}
