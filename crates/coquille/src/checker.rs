//! The checker: runs the configured rules over a document and sorts what they
//! find.

use crate::document::{Document, Format};
use crate::parallel::Parallel;
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
                .map(|w| crate::text::fold(w).into_owned())
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
    /// exact duplicates removed, severities as configured.
    ///
    /// Rules read the document's view ([`Document::view`]): hidden markup
    /// blanked out, hard-wrapped lines joined; offsets are the same. A
    /// finding whose ends are not char boundaries of the input (possible only
    /// inside blanked-out markup) is dropped.
    pub fn findings(&self, doc: &Document<'_>) -> Vec<Finding> {
        self.run(doc, None)
    }

    /// Runs every rule on `doc`, the translation of `source` (English, in
    /// `source_format`): the two texts are split and their sentences aligned
    /// ([`crate::align`]), and the bilingual rules compare each target
    /// sentence with its source. Findings as [`Checker::findings`]; those of
    /// bilingual rules carry the bytes of the source they are about.
    pub fn findings_with_source(
        &self,
        doc: &Document<'_>,
        source: &str,
        source_format: Format,
    ) -> Vec<Finding> {
        let parallel = Parallel::new(source, source_format, doc);
        self.run(doc, Some(&parallel))
    }

    /// Runs every rule on `doc` against an already prepared source
    /// ([`Parallel`]: an aligned text, or the source of a unit of a
    /// bilingual file).
    pub fn findings_parallel(&self, doc: &Document<'_>, parallel: &Parallel<'_>) -> Vec<Finding> {
        self.run(doc, Some(parallel))
    }

    fn run(&self, doc: &Document<'_>, parallel: Option<&Parallel<'_>>) -> Vec<Finding> {
        let view = doc.view();
        let ctx = Context {
            doc: view.as_ref().unwrap_or(doc),
            options: &self.options,
        };
        let mut all = Vec::new();
        for rule in &self.rules {
            let mut sink = Sink::new(rule.meta());
            match parallel {
                Some(p) => rule.check_with_source(&ctx, p, &mut sink),
                None => rule.check(&ctx, &mut sink),
            }
            let overridden = self.severity.get(rule.meta().id).copied();
            all.extend(sink.into_findings().into_iter().map(|mut f| {
                if let Some(sev) = overridden {
                    f.severity = sev;
                }
                f
            }));
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
        all
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

    #[test]
    fn every_lazy_table_builds() {
        for rule in rules::ALL {
            rule.warm_up();
        }
    }
}
