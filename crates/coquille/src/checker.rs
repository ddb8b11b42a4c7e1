//! The checker: runs the configured rules over a document and sorts what they
//! find.

use crate::document::{Document, Format, InPlace};
use crate::fold::fold_overlaps;
pub use crate::fold::{PRECEDENCE, PUNCTUATION_RULES};
use crate::parallel::Parallel;
use crate::report::{DocumentReport, Gate};
use crate::rule::{
    Context, DocumentSignals, Finding, Rule, RuleMeta, RuleOptions, Scratch, Severity, Sink,
};
use crate::rules;
use crate::settings::Settings;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

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
    /// A table of rule options that its rule cannot read, or a setting out
    /// of range.
    #[error("invalid options: {0}")]
    Options(String),
}

// Defined next to `Scratch`, which the rules read, so that they need not
// depend on the checker.
pub use crate::rule::PARALLEL_FROM;

/// Bounds on one check ([`Checker::findings_within`]): a flag another thread
/// sets to stop it, a deadline, a cap on the findings kept, and which of the
/// checker's rules run.
///
/// The flag and the deadline are looked at before each rule, so a check stops
/// within the time one rule takes on the document.
#[derive(Clone, Copy, Default)]
pub struct Limits<'a> {
    /// Stop as soon as this is `true`.
    pub cancel: Option<&'a AtomicBool>,
    /// Stop once this instant has passed.
    pub deadline: Option<Instant>,
    /// Keep at most this many findings, the first ones by position; the
    /// others are counted ([`LimitedFindings::omitted`]).
    pub max_findings: Option<usize>,
    /// Run only the rules for which this is `true` (a caller's per-request
    /// selection, such as LanguageTool's `enabledRules`), so the cap counts
    /// only their findings.
    pub only: Option<&'a (dyn Fn(&RuleMeta) -> bool + Sync)>,
}

impl std::fmt::Debug for Limits<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Limits")
            .field("cancel", &self.cancel)
            .field("deadline", &self.deadline)
            .field("max_findings", &self.max_findings)
            .field("only", &self.only.map(|_| "fn"))
            .finish()
    }
}

impl Limits<'_> {
    /// `Err` when the check must stop now.
    pub fn check(&self) -> Result<(), Stopped> {
        if self.cancel.is_some_and(|c| c.load(Ordering::Acquire)) {
            return Err(Stopped::Cancelled);
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Err(Stopped::DeadlinePassed);
        }
        Ok(())
    }
}

/// Why a bounded check stopped before the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Stopped {
    /// The cancellation flag was set.
    #[error("the check was cancelled")]
    Cancelled,
    /// The deadline passed.
    #[error("the check ran out of time")]
    DeadlinePassed,
}

// Defined next to `Finding`, so that the report reads it without depending
// on the checker (the library's module graph has no cycle).
pub use crate::rule::LimitedFindings;

/// Runs rules over documents. Build once, share freely: a `Checker` is
/// `Send + Sync` and checking takes `&self`.
#[derive(Debug)]
pub struct Checker {
    rules: Vec<&'static dyn Rule>,
    severity: HashMap<&'static str, Severity>,
    options: RuleOptions,
    fail_on: Severity,
    fail_on_score: Option<f64>,
    /// Caches kept between documents (never a change of findings).
    scratch: Scratch,
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
            fail_on_score: Some(settings.fail_on_score).filter(|s| s.is_finite()),
            scratch: Scratch::default(),
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

    /// The score above which the verdict fails ([`crate::score`]; `None`:
    /// the score fails nothing).
    pub fn fail_on_score(&self) -> Option<f64> {
        self.fail_on_score
    }

    /// Changes the score above which the verdict fails (`None` or infinity:
    /// the score fails nothing).
    pub fn set_fail_on_score(&mut self, limit: Option<f64>) {
        self.fail_on_score = limit.filter(|s| s.is_finite());
    }

    /// What fails a document: `fail_on` and `fail_on_score`.
    pub fn gate(&self) -> Gate {
        Gate {
            fail_on: self.fail_on,
            fail_on_score: self.fail_on_score,
        }
    }

    /// Runs every rule on `doc`, then lets each rule review its findings
    /// with the document's evidence ([`Rule::review`], [`DocumentSignals`]).
    /// Findings come sorted by `(start, end, rule)`, exact duplicates
    /// removed, severities as configured (a rule set to another level moves
    /// each of its findings by as much: [`Severity::regraded`]), without what
    /// inline comments suppress ([`crate::suppress`]), and one finding per
    /// defect: findings of several rules on the same bytes are folded into
    /// the most specific one, which names the others in [`Finding::related`]
    /// (see [`PRECEDENCE`]).
    ///
    /// Rules read the document's view ([`Document::view`]): hidden markup
    /// blanked out, entities decoded, hard-wrapped lines joined. Their spans
    /// are led back to the input ([`Document::input_span`]: a span on a
    /// decoded entity covers the whole entity). A finding whose ends are not
    /// char boundaries of the input (possible only inside blanked-out markup)
    /// is dropped.
    pub fn findings(&self, doc: &Document<'_>) -> Vec<Finding> {
        // Without a flag or a deadline nothing stops the check.
        self.findings_within(doc, &Limits::default())
            .map_or_else(|_| Vec::new(), |f| f.findings)
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
        self.findings_parallel(doc, &|d: &Document<'_>| {
            Parallel::new(source, source_format, d)
        })
    }

    /// Runs every rule on `doc` against a source that `parallel` pairs with
    /// the document the rules read ([`Parallel`]: an aligned text, or the
    /// source of a unit of a bilingual file). `parallel` is given that
    /// document, the view of `doc` when there is one ([`Document::view`]),
    /// so that the bilingual rules' offsets are view offsets like the
    /// others', led back to the input alike.
    pub fn findings_parallel<'s>(
        &self,
        doc: &Document<'_>,
        parallel: &dyn Fn(&Document<'_>) -> Parallel<'s>,
    ) -> Vec<Finding> {
        self.run(doc, Some(parallel), &Limits::default())
            .map_or_else(|_| Vec::new(), |f| f.findings)
    }

    /// Like [`Checker::findings_parallel`], within `limits` (see
    /// [`Checker::findings_within`]).
    pub fn findings_parallel_within<'s>(
        &self,
        doc: &Document<'_>,
        parallel: &dyn Fn(&Document<'_>) -> Parallel<'s>,
        limits: &Limits<'_>,
    ) -> Result<LimitedFindings, Stopped> {
        limits.check()?;
        self.run(doc, Some(parallel), limits)
    }

    /// Like [`Checker::findings_with_source`], within `limits` (see
    /// [`Checker::findings_within`]).
    pub fn findings_with_source_within(
        &self,
        doc: &Document<'_>,
        source: &str,
        source_format: Format,
        limits: &Limits<'_>,
    ) -> Result<LimitedFindings, Stopped> {
        limits.check()?;
        self.run(
            doc,
            Some(&|d: &Document<'_>| Parallel::new(source, source_format, d)),
            limits,
        )
    }

    /// Like [`Checker::findings`], within `limits`: stops before the next
    /// rule once cancelled or past the deadline, and keeps `max_findings` of
    /// what [`Checker::findings`] would return, counting the rest. Each rule
    /// keeps its first `max_findings + 1024` reports, so memory for findings
    /// is bounded by the cap times the rules, not by the text (every rule's
    /// findings stay until the document-level review, [`Rule::review`]); the
    /// findings kept are the first
    /// by position among those (the first of all unless a rule reported more
    /// than that many out of order).
    pub fn findings_within(
        &self,
        doc: &Document<'_>,
        limits: &Limits<'_>,
    ) -> Result<LimitedFindings, Stopped> {
        self.run(doc, None, limits)
    }

    fn run<'s>(
        &self,
        doc: &Document<'_>,
        parallel: Option<&dyn Fn(&Document<'_>) -> Parallel<'s>>,
        limits: &Limits<'_>,
    ) -> Result<LimitedFindings, Stopped> {
        let view = doc.view();
        self.scratch.note_checked(doc.text().len());
        let read = view.as_ref().unwrap_or(doc);
        // The source is paired with the text the rules read, which blanks
        // out markup; the rules that compare markup see it at the same
        // offsets.
        let parallel = parallel.map(|make| make(read).with_target_markup(doc.markup_shown()));
        let (mut all, out) = self.found(read, parallel.as_ref(), limits)?;
        // From view offsets to the input's (entities decoded in the view are
        // shorter than in the input).
        if let (Some(view), Some(map)) = (&view, doc.offset_map()) {
            for f in &mut all {
                to_input(f, map, view.text());
            }
        }
        Ok(settled(
            doc.text(),
            view.is_some(),
            all,
            out,
            limits,
            |all| suppress(doc, all),
        ))
    }

    /// Runs the rules on `read` (the document the rules read), then each
    /// rule's review and the configured levels: the findings in view
    /// offsets, in the rules' order, and what a cap left out.
    fn found(
        &self,
        read: &Document<'_>,
        parallel: Option<&Parallel<'_>>,
        limits: &Limits<'_>,
    ) -> Result<(Vec<Finding>, LimitedFindings), Stopped> {
        let ctx = Context {
            doc: read,
            options: &self.options,
            scratch: Some(&self.scratch),
        };
        let mut out = LimitedFindings::default();
        let mut ran: Vec<(&dyn Rule, std::ops::Range<usize>)> =
            Vec::with_capacity(self.rules.len());
        let chosen: Vec<&'static dyn Rule> = self
            .rules
            .iter()
            .copied()
            .filter(|rule| limits.only.is_none_or(|only| only(rule.meta())))
            .collect();
        let run_rule = |rule: &&'static dyn Rule| -> Result<Sink<'static>, Stopped> {
            limits.check()?;
            // A rule keeps a little more than the cap: rules report mostly
            // in order, so the first `cap` by position are almost always
            // among what it kept; the rest are only counted. Memory for
            // findings is bounded by the rules times that limit.
            let mut sink = match limits.max_findings {
                Some(cap) => Sink::with_limit(rule.meta(), cap.saturating_add(1024)),
                None => Sink::new(rule.meta()),
            };
            match parallel {
                Some(p) => rule.check_with_source(&ctx, p, &mut sink),
                None => rule.check(&ctx, &mut sink),
            }
            Ok(sink)
        };
        // A large document runs its rules on every core; each rule's
        // findings are kept in the rules' order, so the result is the
        // sequential one.
        // The document's words are counted for its signals meanwhile.
        let count_words = || crate::text::count_tokens(ctx.text());
        let (sinks, words) =
            if ctx.text().len() >= PARALLEL_FROM && rayon::current_num_threads() > 1 {
                use rayon::prelude::*;
                rayon::join(
                    || {
                        chosen
                            .par_iter()
                            .map(run_rule)
                            .collect::<Result<Vec<_>, _>>()
                    },
                    count_words,
                )
            } else {
                let sinks = chosen.iter().map(run_rule).collect::<Result<Vec<_>, _>>();
                (sinks, count_words())
            };
        let sinks: Vec<Sink<'static>> = sinks?;
        // Sized once: grown by doubling, the list of a document's findings
        // could hold twice their size while the rules' lists are still there.
        let mut all = Vec::with_capacity(sinks.iter().map(|s| s.findings().len()).sum());
        for (rule, sink) in chosen.into_iter().zip(sinks) {
            let default = rule.meta().default_severity;
            let level = self.severity.get(rule.meta().id).copied();
            // Regrading keeps the order of severities, so the worst dropped
            // finding regraded is the worst of the dropped ones regraded.
            let (dropped, worst) = sink.dropped();
            if dropped > 0 {
                let regrade = |s: Severity| level.map_or(s, |level| s.regraded(default, level));
                out.omitted += dropped;
                out.omitted_worst = out.omitted_worst.max(worst.map(regrade));
            }
            let start = all.len();
            all.extend(sink.into_findings());
            ran.push((rule, start..all.len()));
        }
        // Document-level evidence, then each rule's review of its findings,
        // then the configured levels.
        let signals = DocumentSignals::counted(words, &all);
        for (rule, range) in ran {
            rule.review(&ctx, &signals, &mut all[range.clone()]);
            let default = rule.meta().default_severity;
            if let Some(&level) = self.severity.get(rule.meta().id) {
                for f in &mut all[range] {
                    f.severity = f.severity.regraded(default, level);
                }
            }
        }
        Ok((all, out))
    }

    /// Like [`Checker::check`] on `Document::with_format(text, format)`,
    /// with the same report, but the view the rules read
    /// ([`Document::view`]: markup blanked out, entities decoded, wrapped
    /// lines joined) is written over `text`'s own buffer instead of a copy,
    /// and `text` is given back as it was before the report is built: a
    /// large input is held once instead of twice. (If a rule panics, `text`
    /// may be left as the view.)
    pub fn check_in_place(
        &self,
        text: &mut String,
        format: Format,
        path: Option<&str>,
    ) -> DocumentReport {
        // Suppression comments are read in the input, after the rules: a
        // text with one is checked as usual.
        let prepared = if text.contains(crate::suppress::KEYWORD) {
            None
        } else {
            InPlace::new(text, format)
        };
        let Some(prepared) = prepared else {
            return self.check(&Document::with_format(text, format), path);
        };
        let limits = Limits::default();
        let (all, out, words, sentences) = {
            let read = prepared.document(text);
            self.scratch.note_checked(prepared.input_len());
            // A large document's words are counted while the rules run.
            let found = || self.found(&read, None, &limits);
            let words = || crate::score::words(&read);
            let (found, words) = if read.text().len() >= PARALLEL_FROM {
                rayon::join(found, words)
            } else {
                (found(), words())
            };
            let Ok((mut all, out)) = found else {
                unreachable!("nothing stops a check without limits")
            };
            if let Some(map) = prepared.offset_map() {
                let view = read.text();
                if view.len() >= PARALLEL_FROM && rayon::current_num_threads() > 1 {
                    use rayon::prelude::*;
                    all.par_iter_mut().for_each(|f| to_input(f, map, view));
                } else {
                    all.iter_mut().for_each(|f| to_input(f, map, view));
                }
            }
            (all, out, words, read.sentences().len())
        };
        let has_view = prepared.has_view();
        // The blocks and sentences are not needed any more: freed before
        // the findings are sorted and the report is built.
        let lines = prepared.restore(text);
        let findings = settled(text, has_view, all, out, &limits, |_| {}).findings;
        DocumentReport::from_parts(path, text, &lines, sentences, words, findings, self.gate())
    }

    /// Checks `doc` and builds its report; `path` names it in the report.
    pub fn check(&self, doc: &Document<'_>, path: Option<&str>) -> DocumentReport {
        let findings = self.findings(doc);
        DocumentReport::from_findings(path, doc, findings, self.gate())
    }

    /// Like [`Checker::check`], within `limits`; the report says when
    /// findings were left out ([`DocumentReport::truncated`]).
    pub fn check_within(
        &self,
        doc: &Document<'_>,
        path: Option<&str>,
        limits: &Limits<'_>,
    ) -> Result<DocumentReport, Stopped> {
        let limited = self.findings_within(doc, limits)?;
        Ok(DocumentReport::from_limited(
            path,
            doc,
            limited,
            self.gate(),
        ))
    }

    /// Checks a plain-text string.
    pub fn check_text(&self, text: &str) -> DocumentReport {
        self.check(&Document::with_format(text, Format::Text), None)
    }
}

/// Findings from which a document's are sorted on every core.
const PARALLEL_SORT_FROM: usize = 1 << 12;

/// The findings of a check in input offsets, made final: without those
/// whose ends are not char boundaries of `text` (the input) when the rules
/// read a view, sorted by `(start, end, rule)`, exact duplicates removed,
/// suppressed, folded, and cut to the cap of `limits`.
fn settled(
    text: &str,
    has_view: bool,
    mut all: Vec<Finding>,
    mut out: LimitedFindings,
    limits: &Limits<'_>,
    suppress: impl FnOnce(&mut Vec<Finding>),
) -> LimitedFindings {
    if has_view {
        let sound = |s: crate::Span| text.is_char_boundary(s.start) && text.is_char_boundary(s.end);
        all.retain(|f| sound(f.span) && f.suggestion.as_ref().is_none_or(|e| sound(e.span)));
    }
    let order = |a: &Finding, b: &Finding| {
        (a.span.start, a.span.end, a.rule).cmp(&(b.span.start, b.span.end, b.rule))
    };
    // Both sorts are stable: the same order on one core or several.
    if all.len() >= PARALLEL_SORT_FROM && rayon::current_num_threads() > 1 {
        use rayon::prelude::*;
        all.par_sort_by(order);
    } else {
        all.sort_by(order);
    }
    all.dedup();
    suppress(&mut all);
    let mut all = fold_overlaps(all);
    if let Some(cap) = limits.max_findings
        && all.len() > cap
    {
        out.omitted += all.len() - cap;
        let worst = all[cap..].iter().map(|f| f.severity).max();
        out.omitted_worst = out.omitted_worst.max(worst);
        all.truncate(cap);
    }
    out.findings = all;
    out
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
    use crate::report::Verdict;

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

    /// A bare finding of `rule` on `start..end`, for folding tests.
    fn mk(rule: &'static str, severity: Severity, start: usize, end: usize) -> Finding {
        Finding {
            rule,
            category: crate::rule::Category::Leak,
            severity,
            span: crate::Span::new(start, end),
            message: String::new(),
            suggestion: None,
            related: Vec::new(),
            folded: Vec::new(),
            source: None,
        }
    }

    #[test]
    fn a_milder_rule_never_absorbs_a_graver_one() {
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
        // Nothing is lost: the folded findings are kept whole, in order.
        let folded: Vec<_> = kept[0].folded.iter().map(|f| (f.rule, f.span)).collect();
        assert_eq!(
            folded,
            [
                ("untranslated-english", crate::Span::new(0, 20)),
                ("glued-words", crate::Span::new(5, 9)),
            ]
        );
    }

    #[test]
    fn a_finding_folded_in_turn_hands_on_what_it_held() {
        // A capped check folds as it goes: a finding that already holds
        // another is folded later into a wider one, which then holds both.
        let first = fold_overlaps(vec![
            mk("capital-accent", Severity::Error, 5, 12),
            mk("untranslated-english", Severity::Error, 5, 12),
        ]);
        assert_eq!(first[0].folded.len(), 1);
        let mut again = first;
        again.insert(0, mk("boilerplate", Severity::Error, 0, 20));
        let kept = fold_overlaps(again);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].related, ["capital-accent", "untranslated-english"]);
        let rules: Vec<&str> = kept[0].folded.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["capital-accent", "untranslated-english"]);
        assert!(
            kept[0]
                .folded
                .iter()
                .all(|f| f.related.is_empty() && f.folded.is_empty())
        );
    }

    #[test]
    fn an_omission_is_never_folded_into_a_wider_finding() {
        // The omission points at the full stop that ends the sentence before
        // the missing one; a sentence-wide finding holding that stop is
        // another defect.
        let kept = fold_overlaps(vec![
            mk("repeated-sentence", Severity::Warning, 0, 20),
            mk("addition", Severity::Warning, 0, 20),
            mk("omission", Severity::Warning, 19, 20),
        ]);
        let rules: Vec<&str> = kept.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["repeated-sentence", "omission"]);
        assert_eq!(kept[0].related, ["addition"]);
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
    fn a_cap_keeps_the_first_findings_and_counts_the_rest() {
        let text = "Fin.. Et.. puis,, encore !! Fin.. ".repeat(400);
        let doc = Document::new(&text);
        let checker = Checker::default();
        let all = checker.findings(&doc);
        assert!(all.len() > 1500, "{}", all.len());
        for cap in [0, 1, 7, 1000, all.len(), all.len() + 5] {
            let limits = Limits {
                max_findings: Some(cap),
                ..Limits::default()
            };
            let got = checker.findings_within(&doc, &limits).unwrap();
            let kept = cap.min(all.len());
            assert_eq!(got.findings, all[..kept], "cap {cap}");
            assert_eq!(got.omitted, all.len() - kept, "cap {cap}");
            let worst = all[kept..].iter().map(|f| f.severity).max();
            assert_eq!(got.omitted_worst, worst, "cap {cap}");
        }
        let unlimited = checker.findings_within(&doc, &Limits::default()).unwrap();
        assert_eq!(unlimited.findings, all);
        assert_eq!(unlimited.omitted, 0);
    }

    #[test]
    fn a_rule_reporting_far_more_than_the_cap_keeps_memory_bounded() {
        // Each `, ,` is one finding: 5,000 of them from one rule, cap 10.
        let text = "Le mot , , ".repeat(5000);
        let doc = Document::new(&text);
        let checker = Checker::default();
        let all = checker.findings(&doc);
        let limits = Limits {
            max_findings: Some(10),
            ..Limits::default()
        };
        let got = checker.findings_within(&doc, &limits).unwrap();
        assert_eq!(got.findings, all[..10]);
        // Findings cut before the last rule ran are counted before folding:
        // `omitted` is then at least the true number, never less.
        assert!(got.omitted >= all.len() - 10, "{}", got.omitted);
        assert_eq!(
            got.omitted_worst,
            all[10..].iter().map(|f| f.severity).max()
        );
    }

    #[test]
    fn a_capped_report_is_marked_truncated_and_keeps_its_verdict() {
        let text = "Un texte correct. Puis une faute.. ici. Fin.. là.";
        let doc = Document::new(text);
        let checker = Checker::default();
        let full = checker.check(&doc, None);
        assert_eq!(full.verdict, Verdict::Fail);
        assert!(!full.truncated);
        let none = Limits {
            max_findings: Some(0),
            ..Limits::default()
        };
        let capped = checker.check_within(&doc, None, &none).unwrap();
        assert!(capped.findings.is_empty());
        assert!(capped.truncated);
        assert_eq!(capped.omitted, full.findings.len());
        assert_eq!(capped.verdict, Verdict::Fail, "omitted errors still fail");
        let json = serde_json::to_value(&capped).unwrap();
        assert_eq!(json["truncated"], true);
        assert_eq!(json["omitted"], full.findings.len());
        let json = serde_json::to_value(&full).unwrap();
        assert!(json.get("truncated").is_none() && json.get("omitted").is_none());
    }

    #[test]
    fn only_the_selected_rules_run() {
        let doc = Document::new("Fin.. ici , , là.");
        let checker = Checker::default();
        let all = checker.findings(&doc);
        let only = |m: &RuleMeta| m.id == "duplicate-punctuation";
        let limits = Limits {
            only: Some(&only),
            ..Limits::default()
        };
        let got = checker.findings_within(&doc, &limits).unwrap().findings;
        // With one rule running, no other rule's finding folds into it.
        let want: Vec<_> = all
            .into_iter()
            .filter(|f| f.rule == "duplicate-punctuation")
            .map(|f| Finding {
                related: Vec::new(),
                folded: Vec::new(),
                ..f
            })
            .collect();
        assert!(want.len() >= 2, "{want:?}");
        assert_eq!(got, want);
    }

    #[test]
    fn a_cancelled_or_late_check_stops() {
        let doc = Document::new("Fin.. ici.");
        let checker = Checker::default();
        let flag = AtomicBool::new(true);
        let cancelled = Limits {
            cancel: Some(&flag),
            ..Limits::default()
        };
        assert_eq!(
            checker.findings_within(&doc, &cancelled),
            Err(Stopped::Cancelled)
        );
        let late = Limits {
            deadline: Some(Instant::now()),
            ..Limits::default()
        };
        assert_eq!(
            checker.findings_within(&doc, &late),
            Err(Stopped::DeadlinePassed)
        );
        flag.store(false, Ordering::Release);
        assert!(
            !checker
                .findings_within(&doc, &cancelled)
                .unwrap()
                .findings
                .is_empty()
        );
    }

    /// A test rule that sets [`STOP`] when it runs.
    struct RaisesStop;
    static STOP: AtomicBool = AtomicBool::new(false);
    static RAISES_STOP: RuleMeta = RuleMeta {
        id: "test-raises-stop",
        category: crate::rule::Category::Punctuation,
        default_severity: Severity::Info,
        docs: "Sets the stop flag.",
    };
    impl Rule for RaisesStop {
        fn meta(&self) -> &'static RuleMeta {
            &RAISES_STOP
        }
        fn check(&self, _: &Context<'_>, sink: &mut Sink<'_>) {
            STOP.store(true, Ordering::Release);
            sink.report(crate::Span { start: 0, end: 1 }, "ran");
        }
    }

    #[test]
    fn a_check_stops_between_rules_once_cancelled() {
        // The flag is raised while the first rule runs: the next rule
        // (duplicate-punctuation, which would find `..`) never runs.
        let checker = Checker {
            rules: vec![&RaisesStop, rules::by_id("duplicate-punctuation").unwrap()],
            ..Checker::default()
        };
        let doc = Document::new("Fin.. ici.");
        let limits = Limits {
            cancel: Some(&STOP),
            ..Limits::default()
        };
        assert_eq!(
            checker.findings_within(&doc, &limits),
            Err(Stopped::Cancelled)
        );
        STOP.store(false, Ordering::Release);
        let rules: Vec<_> = checker.findings(&doc).iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["test-raises-stop", "duplicate-punctuation"]);
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
