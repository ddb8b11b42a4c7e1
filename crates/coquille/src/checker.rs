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
    /// A table of rule options that its rule cannot read.
    #[error("invalid options: {0}")]
    Options(String),
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
        settings.check().map_err(CheckerError::Options)?;
        let mut options = RuleOptions::default();
        for (id, value) in &settings.rule_options {
            // Checked above: a rule with options, and a table it reads.
            let rule = find(id, "rule options")?;
            if let (Some(schema), Some(table)) = (rule.options(), value.as_table()) {
                let read = schema.read(table).map_err(CheckerError::Options)?;
                options.set_boxed(rule.meta().id, read);
            }
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
    /// exact duplicates removed, severities as configured: a rule set to
    /// another level moves each of its findings by as much
    /// ([`Severity::regraded`]).
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
            let default = rule.meta().default_severity;
            let level = self.severity.get(rule.meta().id).copied();
            all.extend(sink.into_findings().into_iter().map(|mut f| {
                if let Some(level) = level {
                    f.severity = f.severity.regraded(default, level);
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
    fn a_level_moves_graded_findings_by_as_much() {
        // untranslated-english (default error) grades a single English word
        // `warning` and a title in a reference `info`.
        let text = "Le rapport, which est clair, sera publié.\n\n\
                    - (en) Jane Doe, How the war was sold to the public, The Observer, 2003.";
        let graded = |level: Option<Severity>| -> Vec<Severity> {
            let mut settings = Settings::default();
            if let Some(level) = level {
                settings
                    .severity
                    .insert("untranslated-english".into(), level);
            }
            Checker::new(settings)
                .unwrap()
                .findings(&Document::new(text))
                .iter()
                .filter(|f| f.rule == "untranslated-english")
                .map(|f| f.severity)
                .collect()
        };
        use Severity::*;
        assert_eq!(graded(None), [Warning, Info]);
        assert_eq!(graded(Some(Error)), [Warning, Info]);
        assert_eq!(graded(Some(Warning)), [Info, Info]);
    }

    /// Writing each rule's default level in `[severity]` changes no finding
    /// of the sample article and of the leak corpus.
    #[test]
    fn writing_the_default_levels_changes_nothing() {
        let mut settings = Settings::default();
        for rule in rules::ALL {
            let meta = rule.meta();
            settings
                .severity
                .insert(meta.id.into(), meta.default_severity);
        }
        let explicit = Checker::new(settings).unwrap();
        let default = Checker::default();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/leaks");
        let mut texts =
            vec![include_str!("../../../data/samples/allinfo-poutine-bielorussie.txt").to_string()];
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir}: {e}")) {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
        let mut graded = 0;
        for text in &texts {
            let doc = Document::new(text);
            let found = default.findings(&doc);
            graded += found
                .iter()
                .filter(|f| {
                    rules::by_id(f.rule).is_some_and(|r| r.meta().default_severity != f.severity)
                })
                .count();
            assert_eq!(explicit.findings(&doc), found);
        }
        assert!(graded > 0, "no graded finding: the test proves nothing");
    }

    #[test]
    fn rule_options_reach_the_rule() {
        let text = "Le ministre a déclaré que the situation was difficult hier.";
        let count = |settings: Settings| {
            Checker::new(settings)
                .unwrap()
                .findings(&Document::new(text))
                .iter()
                .filter(|f| f.rule == "untranslated-english")
                .count()
        };
        assert_eq!(count(Settings::default()), 1);
        let mut settings = Settings::default();
        settings
            .set_rule_options(
                "untranslated-english",
                &crate::rules::UntranslatedEnglishOptions {
                    min_words: 5,
                    allow: vec![],
                },
            )
            .unwrap();
        assert_eq!(count(settings), 0);
        let mut bad = Settings::default();
        bad.rule_options.insert(
            "untranslated-english".into(),
            toml::Value::Table(toml::toml! { min_word = 5 }),
        );
        let err = Checker::new(bad).unwrap_err().to_string();
        assert!(err.contains("min_word"), "{err}");
    }

    #[test]
    fn every_lazy_table_builds() {
        for rule in rules::ALL {
            rule.warm_up();
        }
    }
}
