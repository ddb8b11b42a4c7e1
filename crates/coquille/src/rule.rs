//! What a rule is: its metadata, the trait every rule implements, the findings
//! it produces and the sink it writes them to.

use crate::document::Document;
use crate::parallel::Parallel;
use crate::span::Span;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::any::Any;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

/// How bad a finding is. Ordered: `Info < Warning < Error`.
///
/// `Error` is a promise: any reader would see the defect (English left in, a
/// broken tag, doubled punctuation) and a gate fails the article. House-style
/// choices are `Warning` or `Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A remark; never fails a gate unless asked with `--fail-on info`.
    Info,
    /// Probably a defect or a house-style breach.
    Warning,
    /// A defect any reader would see.
    Error,
}

impl Severity {
    const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    /// The severity of a finding a rule graded `self` when the rule's
    /// default is `default`, once the rule's level is set to `level`: the
    /// finding keeps its distance from the default, within `info..=error`.
    ///
    /// A rule whose default is `error` grades a finding `info` (two below);
    /// set to `warning`, that finding stays two below, clamped to `info`.
    /// Setting a rule to its own default changes nothing.
    ///
    /// ```
    /// use coquille::Severity::*;
    /// assert_eq!(Info.regraded(Error, Warning), Info);
    /// assert_eq!(Warning.regraded(Error, Info), Info);
    /// assert_eq!(Error.regraded(Warning, Warning), Error);
    /// assert_eq!(Info.regraded(Warning, Error), Warning);
    /// ```
    pub fn regraded(self, default: Severity, level: Severity) -> Severity {
        let rank = |s: Severity| s as isize;
        let shifted = rank(level) + rank(self) - rank(default);
        Self::ALL[shifted.clamp(0, 2) as usize]
    }

    /// The lowercase name used in reports and configuration.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

/// The family a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Markup (HTML tags, entities) broken or leaked into text.
    Markup,
    /// Punctuation marks doubled, misplaced or missing.
    Punctuation,
    /// French typographic conventions (spacing, quotes, accents on capitals).
    Typography,
    /// Text in the wrong language.
    Language,
    /// Locale conventions: units, number formats.
    Locale,
    /// Web-page furniture leaked into the article.
    Leak,
    /// The translation against its source: omissions, numbers, names,
    /// markup, text left as in the source. Needs the source text.
    Translation,
    /// Text damaged by a wrong character encoding.
    Encoding,
    /// Sentence structure: fragments, run-ons, repetitions.
    Structure,
}

impl Category {
    /// The kebab-case name used in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Markup => "markup",
            Category::Punctuation => "punctuation",
            Category::Typography => "typography",
            Category::Language => "language",
            Category::Locale => "locale",
            Category::Leak => "leak",
            Category::Translation => "translation",
            Category::Encoding => "encoding",
            Category::Structure => "structure",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Static description of a rule. Built by [`declare_rule!`](crate::declare_rule)
/// from the rule's doc comment.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case identifier, never changed once released.
    pub id: &'static str,
    /// Family of the rule.
    pub category: Category,
    /// Severity of its findings unless the rule or the configuration says otherwise.
    pub default_severity: Severity,
    /// The rule's full documentation (Markdown), taken from its doc comment.
    pub docs: &'static str,
}

impl RuleMeta {
    /// First line of the documentation: a one-line summary.
    pub fn summary(&self) -> &'static str {
        self.docs
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
    }
}

/// A suggested replacement for a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// What to replace.
    pub span: Span,
    /// The new text.
    pub replacement: String,
    /// The replacement is certain to be right wherever the finding is: a
    /// fixer may apply it without a person reading it (`--fix`). Other
    /// suggestions (a conversion that rounds, a guess among readings, a
    /// rewording) are for a person to judge.
    pub certain: bool,
}

impl Edit {
    /// A replacement certain to be right.
    pub fn certain(span: Span, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
            certain: true,
        }
    }

    /// A replacement for a person to judge.
    pub fn possible(span: Span, replacement: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: replacement.into(),
            certain: false,
        }
    }
}

/// The edits of `edits` that [`apply_edits`] applies to `text`, in the order
/// applied: sorted by position (then by end, then by replacement, so that the
/// order given never matters), leaving out an edit that overlaps one kept
/// before it, a second insertion at the same place, and an edit that is out
/// of bounds, off a char boundary of `text` or changes nothing. A fixer
/// checks again and applies what was left out then, if it still holds.
pub fn select_edits<'e>(text: &str, edits: impl IntoIterator<Item = &'e Edit>) -> Vec<&'e Edit> {
    let mut sorted: Vec<&Edit> = edits
        .into_iter()
        .filter(|e| {
            text.get(e.span.start..e.span.end)
                .is_some_and(|old| old != e.replacement)
        })
        .collect();
    sorted.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.replacement).cmp(&(b.span.start, b.span.end, &b.replacement))
    });
    let mut kept: Vec<&Edit> = Vec::with_capacity(sorted.len());
    for e in sorted {
        if let Some(last) = kept.last() {
            let same_insertion =
                e.span.is_empty() && last.span.is_empty() && e.span.start == last.span.start;
            if e.span.start < last.span.end || same_insertion {
                continue;
            }
        }
        kept.push(e);
    }
    kept
}

/// Applies `edits` to `text` (those [`select_edits`] keeps, in its order):
/// every byte outside an applied edit is copied unchanged. Returns the new
/// text and how many edits were applied. Never panics: an edit that does not
/// fit `text` is left out.
pub fn apply_edits<'e>(text: &str, edits: impl IntoIterator<Item = &'e Edit>) -> (String, usize) {
    let kept = select_edits(text, edits);
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in &kept {
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    (out, kept.len())
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Id of the rule that found it.
    pub rule: &'static str,
    /// Category of that rule.
    pub category: Category,
    /// Severity after configuration.
    pub severity: Severity,
    /// Where it is, in UTF-8 bytes of the input.
    pub span: Span,
    /// What is wrong, for a person.
    pub message: String,
    /// A suggested fix, if any, certain or not ([`Edit::certain`]).
    pub suggestion: Option<Edit>,
    /// Rules that reported the same defect in the same bytes, folded into
    /// this finding by the checker (see [`crate::checker::PRECEDENCE`]).
    pub related: Vec<&'static str>,
    /// The findings of those rules themselves, each with its own span,
    /// message and suggestion (sorted like findings): folding counts the
    /// defect once and loses nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub folded: Vec<Finding>,
    /// For a finding of a bilingual check: the bytes of the source text it
    /// is about (the sentence left out, the number changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
}

/// The findings of a bounded check
/// ([`crate::checker::Checker::findings_within`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LimitedFindings {
    /// Sorted like [`crate::checker::Checker::findings`], at most
    /// [`crate::checker::Limits::max_findings`].
    pub findings: Vec<Finding>,
    /// Findings found beyond the cap, not kept.
    pub omitted: usize,
    /// The highest severity among those, so the verdict still counts them.
    pub omitted_worst: Option<Severity>,
}

/// How a rule reads its table of `coquille.toml` (`[rule-id]`): the
/// options struct declared in the rule's file, through serde.
pub trait OptionsSchema: Sync {
    /// Reads the table into the rule's options; an unknown key or a value of
    /// the wrong type is an error.
    fn read(&self, table: &toml::Table) -> Result<Box<dyn Any + Send + Sync>, String>;
    /// The keys of the table, sorted (from the options struct itself).
    fn keys(&self) -> Vec<String>;
}

/// The [`OptionsSchema`] of an options struct `T` (serde, unknown keys
/// denied, every key with a default).
pub struct Schema<T>(PhantomData<fn() -> T>);

impl<T> Schema<T> {
    /// The schema of `T`.
    pub const fn new() -> Self {
        Schema(PhantomData)
    }
}

impl<T> Default for Schema<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> OptionsSchema for Schema<T>
where
    T: DeserializeOwned + Serialize + Default + Any + Send + Sync,
{
    fn read(&self, table: &toml::Table) -> Result<Box<dyn Any + Send + Sync>, String> {
        T::deserialize(toml::Value::Table(table.clone()))
            .map(|t| Box::new(t) as Box<dyn Any + Send + Sync>)
            .map_err(|e| e.to_string().trim_end().to_string())
    }

    fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = match toml::Value::try_from(T::default()) {
            Ok(toml::Value::Table(t)) => t.keys().cloned().collect(),
            _ => Vec::new(),
        };
        keys.sort();
        keys
    }
}

/// The options of the rules for one check: each rule's options struct, by
/// rule id. Built by the checker from settings; a rule without options set
/// gets its struct's default.
#[derive(Default)]
pub struct RuleOptions {
    by_rule: HashMap<&'static str, Box<dyn Any + Send + Sync>>,
}

impl fmt::Debug for RuleOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut ids: Vec<&str> = self.by_rule.keys().copied().collect();
        ids.sort_unstable();
        f.debug_struct("RuleOptions")
            .field("set_for", &ids)
            .finish()
    }
}

impl RuleOptions {
    /// Sets the options of `rule` (its options struct).
    pub fn set<T: Any + Send + Sync>(&mut self, rule: &'static str, options: T) {
        self.by_rule.insert(rule, Box::new(options));
    }

    /// These options with those of `rule` set.
    pub fn with<T: Any + Send + Sync>(mut self, rule: &'static str, options: T) -> Self {
        self.set(rule, options);
        self
    }

    /// Sets the options of `rule` already read by its [`OptionsSchema`].
    pub(crate) fn set_boxed(&mut self, rule: &'static str, options: Box<dyn Any + Send + Sync>) {
        self.by_rule.insert(rule, options);
    }

    /// The options of `rule` as its struct `T`: those set, or `T`'s default.
    pub fn get<T: Any + Default + Clone>(&self, rule: &str) -> Cow<'_, T> {
        match self.by_rule.get(rule).and_then(|b| b.downcast_ref::<T>()) {
            Some(t) => Cow::Borrowed(t),
            None => Cow::Owned(T::default()),
        }
    }
}

/// What a rule sees when it runs.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The document being checked.
    pub doc: &'a Document<'a>,
    /// Options from the configuration.
    pub options: &'a RuleOptions,
    /// Caches kept between documents by the checker that runs the rule
    /// ([`Scratch`]); `None` when a rule is run alone.
    pub scratch: Option<&'a Scratch>,
}

pub use crate::document::PARALLEL_FROM;

/// What a [`Checker`](crate::Checker) keeps from one document to the next,
/// to go faster, never to change a finding: each thread's cache of the
/// English detector's word evidence ([`crate::lang::english::WordScores`],
/// a pure function of the word, bounded in size). A checker shared by
/// threads gives each its own cache, so nothing is locked.
#[derive(Default)]
pub struct Scratch {
    words: thread_local::ThreadLocal<std::cell::RefCell<crate::lang::english::WordScores>>,
    /// Bytes of the documents this checker has been given, the current
    /// one included: rules that can search phrase by phrase or build an
    /// automaton once read it to know when the automaton pays.
    checked: std::sync::atomic::AtomicUsize,
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

impl Scratch {
    /// Counts a document of `len` bytes as given to the checker.
    pub(crate) fn note_checked(&self, len: usize) {
        self.checked
            .fetch_add(len, std::sync::atomic::Ordering::Relaxed);
    }

    /// Bytes of the documents given to the checker so far.
    pub fn checked_bytes(&self) -> usize {
        self.checked.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Runs `f` with this thread's word-evidence cache, or with a new one
    /// when this thread is already using its own (a nested check).
    pub fn with_word_scores<R>(
        &self,
        f: impl FnOnce(&mut crate::lang::english::WordScores) -> R,
    ) -> R {
        let cell = self.words.get_or_default();
        match cell.try_borrow_mut() {
            Ok(mut scores) => f(&mut scores),
            Err(_) => f(&mut crate::lang::english::WordScores::default()),
        }
    }
}

impl<'a> Context<'a> {
    /// The whole input text.
    pub fn text(&self) -> &'a str {
        self.doc.text()
    }
}

/// Collects the findings of one rule.
#[derive(Debug)]
pub struct Sink<'m> {
    meta: &'m RuleMeta,
    findings: Vec<Finding>,
    /// Findings kept at most; the rest are only counted.
    limit: usize,
    dropped: usize,
    dropped_worst: Option<Severity>,
}

impl<'m> Sink<'m> {
    /// A sink for the findings of the rule described by `meta`.
    pub fn new(meta: &'m RuleMeta) -> Self {
        Self::with_limit(meta, usize::MAX)
    }

    /// A sink that keeps the first `limit` findings reported and only counts
    /// the others ([`Sink::dropped`]), so that a text with a finding every
    /// few bytes cannot make one rule hold millions of them.
    pub fn with_limit(meta: &'m RuleMeta, limit: usize) -> Self {
        Sink {
            meta,
            findings: Vec::new(),
            limit,
            dropped: 0,
            dropped_worst: None,
        }
    }

    /// How many findings were reported beyond the limit, and the highest
    /// severity among them.
    pub fn dropped(&self) -> (usize, Option<Severity>) {
        (self.dropped, self.dropped_worst)
    }

    /// Reports a finding at the rule's default severity, without suggestion.
    pub fn report(&mut self, span: Span, message: impl Into<String>) {
        self.push(span, message, self.meta.default_severity, None);
    }

    /// Reports a finding with a certain replacement for `span`.
    pub fn report_fix(
        &mut self,
        span: Span,
        message: impl Into<String>,
        replacement: impl Into<String>,
    ) {
        let edit = Edit::certain(span, replacement);
        self.push(span, message, self.meta.default_severity, Some(edit));
    }

    /// Reports a finding with a replacement for `span` that a person should
    /// judge ([`Edit::possible`]).
    pub fn report_suggestion(
        &mut self,
        span: Span,
        message: impl Into<String>,
        replacement: impl Into<String>,
    ) {
        let edit = Edit::possible(span, replacement);
        self.push(span, message, self.meta.default_severity, Some(edit));
    }

    /// Reports a finding with everything spelled out.
    pub fn push(
        &mut self,
        span: Span,
        message: impl Into<String>,
        severity: Severity,
        suggestion: Option<Edit>,
    ) {
        if self.findings.len() >= self.limit {
            self.dropped += 1;
            self.dropped_worst = self.dropped_worst.max(Some(severity));
            return;
        }
        self.findings.push(Finding {
            rule: self.meta.id,
            category: self.meta.category,
            severity,
            span,
            message: message.into(),
            suggestion,
            source: None,
            related: Vec::new(),
            folded: Vec::new(),
        });
    }

    /// Reports a finding of a bilingual check about `source`, bytes of the
    /// source text.
    pub fn report_with_source(
        &mut self,
        span: Span,
        source: Span,
        severity: Severity,
        message: impl Into<String>,
    ) {
        self.push(span, message, severity, None);
        if let Some(f) = self.findings.last_mut() {
            f.source = Some(source);
        }
    }

    /// The default severity of the rule.
    pub fn default_severity(&self) -> Severity {
        self.meta.default_severity
    }

    /// The findings reported so far.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Consumes the sink.
    pub fn into_findings(self) -> Vec<Finding> {
        self.findings
    }

    /// Reports `finding` as it is (a finding of this rule, kept by a
    /// [`Rule::check_with_source`] that filters [`findings_without_source`]).
    pub fn push_finding(&mut self, finding: Finding) {
        if self.findings.len() >= self.limit {
            self.dropped += 1;
            self.dropped_worst = self.dropped_worst.max(Some(finding.severity));
            return;
        }
        self.findings.push(finding);
    }
}

/// What `rule` finds in `ctx` without its source: what a
/// [`Rule::check_with_source`] starts from when it only leaves out or
/// lowers findings the source explains (a unit's own names, quoting or
/// punctuation).
pub fn findings_without_source(rule: &dyn Rule, ctx: &Context<'_>) -> Vec<Finding> {
    let mut own = Sink::new(rule.meta());
    rule.check(ctx, &mut own);
    own.into_findings()
}

/// A check. Stateless, infallible and shareable between threads: tables a rule
/// needs are built once in statics.
pub trait Rule: Sync + Send {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;
    /// Looks for problems in `ctx.doc` and reports them to `sink`.
    fn check(&self, ctx: &Context<'_>, sink: &mut Sink<'_>);
    /// Looks for problems in `ctx.doc` with its source text at hand
    /// (`coquille check --source`, the units of XLIFF, PO and TMX files).
    /// Monolingual rules keep this default, which is [`Rule::check`];
    /// bilingual rules (category [`Category::Translation`]) do their work
    /// here and nothing in `check`; a monolingual rule may use the source
    /// as further evidence.
    fn check_with_source(&self, ctx: &Context<'_>, source: &Parallel<'_>, sink: &mut Sink<'_>) {
        let _ = source;
        self.check(ctx, sink);
    }
    /// Builds every lazy table the rule uses, so that malformed data fails a
    /// test instead of a request. Rules without tables keep the default.
    fn warm_up(&self) {}
    /// How the rule reads its `[rule-id]` table of `coquille.toml`, when it
    /// has options (declared in the rule's file and in its docs' `## Options`).
    fn options(&self) -> Option<&'static dyn OptionsSchema> {
        None
    }
    /// Revises this rule's findings on `ctx.doc` once every rule has run,
    /// from document-level evidence: `signals` sums up what all the rules
    /// found ([`DocumentSignals`]). Runs before the configured severity
    /// overrides. Rules whose findings do not depend on the rest of the
    /// document keep the default, which changes nothing.
    fn review(&self, ctx: &Context<'_>, signals: &DocumentSignals, own: &mut [Finding]) {
        let _ = (ctx, signals, own);
    }
}

/// Document-level evidence: the artefacts of machine translation the rules
/// found in one document, counted once every rule has run.
///
/// A page full of artefacts is machine output, and its doubtful findings
/// (an English word a careful writer might have borrowed) are more likely
/// defects; a page with none deserves the benefit of the doubt. Typography
/// findings (spacing, quotes, accents on capitals) are not counted: careful
/// writers differ on them. Rules read this in [`Rule::review`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DocumentSignals {
    /// Findings at `warning` or `error` of the categories that machine
    /// translation leaves (every category but typography).
    pub artefacts: usize,
    /// Of those, the findings at `error`.
    pub errors: usize,
    /// How many different rules reported them.
    pub rules: usize,
    /// Words in the document (white-space separated), for densities.
    pub words: usize,
}

impl DocumentSignals {
    /// Counts the artefacts among `findings` (all the rules' findings on a
    /// document of `text`, before severity overrides).
    pub fn from_findings(text: &str, findings: &[Finding]) -> Self {
        Self::counted(text.split_whitespace().count(), findings)
    }

    /// [`DocumentSignals::from_findings`] of a text of `words` words (runs
    /// of non-white space).
    pub fn counted(words: usize, findings: &[Finding]) -> Self {
        let mut rules: Vec<&str> = Vec::new();
        let mut signals = DocumentSignals {
            words,
            ..Default::default()
        };
        for f in findings {
            if f.category == Category::Typography || f.severity < Severity::Warning {
                continue;
            }
            signals.artefacts += 1;
            if f.severity == Severity::Error {
                signals.errors += 1;
            }
            if !rules.contains(&f.rule) {
                rules.push(f.rule);
            }
        }
        signals.rules = rules.len();
        signals
    }

    /// Whether the document shows machine-translation artefacts beyond
    /// `own` of one rule's findings: at least one error of another rule, or
    /// artefacts from at least two rules; at least
    /// [`DocumentSignals::MT_ARTEFACTS`] artefacts (a careful writer's typo,
    /// `de de` or `2022 ,`, is no machine output, however short the text);
    /// and at least [`DocumentSignals::MT_DENSITY`] artefacts per 1,000
    /// words (a long careful text may hold a slip or two). A rule asks with
    /// its own findings left out (`own` counts them), so that it does not
    /// vouch for itself.
    pub fn machine_translated(&self, own: &DocumentSignals) -> bool {
        let errors = self.errors - own.errors.min(self.errors);
        let rules = self.rules - own.rules.min(self.rules);
        let artefacts = self.artefacts - own.artefacts.min(self.artefacts);
        (errors >= 1 || rules >= 2) && artefacts >= Self::MT_ARTEFACTS && self.dense(artefacts)
    }

    /// Fewest artefacts of other rules from which a document is machine
    /// output.
    pub const MT_ARTEFACTS: usize = 2;

    /// Artefacts per 1,000 words from which a document is machine output.
    pub const MT_DENSITY: f64 = 2.0;

    /// Whether `count` artefacts are dense enough in this document's words.
    pub fn dense(&self, count: usize) -> bool {
        count as f64 * 1000.0 >= Self::MT_DENSITY * self.words.max(1) as f64
    }
}

/// Declares a rule's unit struct and its [`RuleMeta`] from its doc comment.
///
/// ```
/// coquille::declare_rule! {
///     /// Flags doubled punctuation.
///     ///
///     /// ## Why it matters ...
///     pub struct DoubledMarks {
///         id: "doubled-marks",
///         category: Punctuation,
///         severity: Error,
///     }
/// }
/// assert_eq!(DoubledMarks::META.id, "doubled-marks");
/// assert_eq!(DoubledMarks::META.summary(), "Flags doubled punctuation.");
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            id: $id:literal,
            category: $cat:ident,
            severity: $sev:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            /// This rule's metadata.
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                id: $id,
                category: $crate::rule::Category::$cat,
                default_severity: $crate::rule::Severity::$sev,
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}

/// Test helpers shared by the rule tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::document::Document;

    /// Runs `rule` on `text` (plain text) with default options.
    pub fn run(rule: &dyn Rule, text: &str) -> Vec<Finding> {
        run_with(rule, text, &RuleOptions::default())
    }

    /// Runs `rule` on the view of an HTML document (tags blanked out), with
    /// default options; offsets are the view's.
    pub fn run_html(rule: &dyn Rule, html: &str) -> Vec<Finding> {
        let doc = Document::with_format(html, crate::document::Format::Html);
        let view = doc.view().expect("an HTML document has a view");
        check_doc(rule, &view, &RuleOptions::default(), |ctx, sink| {
            rule.check(ctx, sink)
        })
    }

    /// Runs `rule` on `text` with `options`.
    pub fn run_with(rule: &dyn Rule, text: &str, options: &RuleOptions) -> Vec<Finding> {
        let mut f = check_with(rule, text, options, |ctx, sink| rule.check(ctx, sink));
        f.sort_by_key(|f| (f.span.start, f.span.end));
        f
    }

    /// Runs `part` (a part of `rule`'s check) on `text` with default
    /// options: the number of findings it pushes.
    pub fn run_part(
        rule: &dyn Rule,
        text: &str,
        part: impl FnOnce(&Context<'_>, &mut Sink<'_>),
    ) -> usize {
        check_with(rule, text, &RuleOptions::default(), part).len()
    }

    /// The findings `part` pushes into `rule`'s sink on `text`.
    fn check_with(
        rule: &dyn Rule,
        text: &str,
        options: &RuleOptions,
        part: impl FnOnce(&Context<'_>, &mut Sink<'_>),
    ) -> Vec<Finding> {
        check_doc(rule, &Document::new(text), options, part)
    }

    /// The findings `part` pushes into `rule`'s sink on `doc`.
    fn check_doc(
        rule: &dyn Rule,
        doc: &Document<'_>,
        options: &RuleOptions,
        part: impl FnOnce(&Context<'_>, &mut Sink<'_>),
    ) -> Vec<Finding> {
        let ctx = Context {
            doc,
            options,
            scratch: None,
        };
        let mut sink = Sink::new(rule.meta());
        part(&ctx, &mut sink);
        sink.into_findings()
    }

    /// Asserts that `may` holds on every line of [`prefilter_lines`]
    /// (`extra` first) where `part` of `rule` (run without its prefilter)
    /// finds something. Returns how many lines had findings.
    #[track_caller]
    pub fn assert_prefilter_part(
        rule: &dyn Rule,
        part: impl Fn(&Context<'_>, &mut Sink<'_>),
        may: impl Fn(&str) -> bool,
        extra: &[&str],
    ) -> usize {
        let mut found = 0;
        for line in prefilter_lines(extra) {
            if run_part(rule, &line, &part) > 0 {
                found += 1;
                assert!(
                    may(&line),
                    "{}: prefilter hides a finding: {line:?}",
                    rule.meta().id
                );
            }
        }
        found
    }

    /// `n` lines of 2 to 9 tokens drawn (by a fixed pseudo-random sequence)
    /// from numbers, spaces, signs, units, month and day names and the
    /// like: the neighbourhoods the prefilters look at, in every order.
    pub fn token_soup(n: usize) -> Vec<String> {
        const TOKENS: &[&str] = &[
            "5",
            "12",
            "2024",
            "1,000",
            "3.5",
            "12,50",
            "٣",
            "٤٥",
            "５",
            "²",
            " ",
            " ",
            " ",
            "\u{a0}",
            "\u{202f}",
            "\t",
            "\n",
            ",",
            ", ",
            ".",
            ":",
            "/",
            "-",
            "'",
            "’",
            "″",
            "”",
            "\"",
            "$",
            "US$",
            "€",
            "£",
            "¥",
            "%",
            "°",
            "F",
            "C",
            "h",
            "H",
            "am",
            "pm",
            "a.m.",
            "P.M",
            "st",
            "nd",
            "rd",
            "th",
            "miles",
            "milles",
            "pieds",
            "pied",
            "feet",
            "ft",
            "pouces",
            "inch",
            "lbs",
            "livres",
            "onces",
            "oz",
            "yards",
            "gallons",
            "acres",
            "mph",
            "mi/h",
            "sq",
            "square ",
            "carrés",
            "degrés",
            "degré",
            "Fahrenheit",
            "deux",
            "quelques",
            "million",
            "millions",
            "billion",
            "bn",
            "December",
            "Dec",
            "Sept",
            "May",
            "mai",
            "Mai",
            "octobre",
            "Octobre",
            "mardi",
            "Mardi",
            "Monday",
            "Mon",
            "le",
            "à",
            "et",
            "https://",
            "www.",
            "mailto",
            "tel",
            "isbn",
            "doi",
            "x",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..n)
            .map(|_| {
                let len = 2 + (next() % 8) as usize;
                (0..len)
                    .map(|_| TOKENS[(next() % TOKENS.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    /// Lines to try a prefilter on: `extra` (whole, and item by item), a
    /// [`token_soup`], the odd inputs of
    /// `rules::EDGE_CASES`, and every line of the real text at hand (the
    /// sample, the rule fixtures, `eval/mt`, `eval/clean-web`, and PUD and
    /// Sequoia from `../shared/eval`, required).
    pub fn prefilter_lines(extra: &[&str]) -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files: Vec<std::path::PathBuf> = Vec::new();
        for dir in [
            "data/samples",
            "crates/coquille/tests/fixtures",
            "crates/coquille/tests/fixtures/leaks",
            "crates/coquille/tests/fixtures/clean",
            "eval/mt",
            "eval/clean-web",
        ] {
            let entries = std::fs::read_dir(root.join(dir))
                .unwrap_or_else(|e| panic!("{dir}: {e} (the prefilter tests read real text)"));
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
        for f in ["ud-fr-pud.running.txt", "sequoia-fulldocs.running.txt"] {
            files.push(root.join("../shared/eval").join(f));
        }
        files.sort();
        // `extra` whole, and each of its comma-separated items alone.
        let mut lines: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        lines.extend(extra.iter().flat_map(|s| s.split(", ").map(str::to_string)));
        lines.extend(crate::rules::EDGE_CASES.iter().map(|s| s.to_string()));
        lines.extend(token_soup(6000));
        for f in files {
            // Every listed file is required: CI has `../shared` beside the
            // repository, and a test that cannot read its corpus must fail.
            let bytes = std::fs::read(&f).unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (the prefilter tests read the real corpora; `../shared` must be beside the repository)",
                    f.display()
                )
            });
            // Fixtures include non-UTF-8 inputs on purpose: read them lossily.
            lines.extend(String::from_utf8_lossy(&bytes).lines().map(str::to_string));
        }
        lines
    }

    /// Asserts that `may` holds on every line of [`prefilter_lines`]
    /// (`extra` first) where `re` finds a match: a prefilter never hides a
    /// match. Returns how many lines matched.
    #[track_caller]
    pub fn assert_prefilter(
        re: &regex::Regex,
        may: impl Fn(&str) -> bool,
        extra: &[&str],
    ) -> usize {
        let mut matched = 0;
        for line in prefilter_lines(extra) {
            if re.is_match(&line) {
                matched += 1;
                assert!(may(&line), "prefilter misses a match of {re}: {line:?}");
            }
        }
        matched
    }

    /// Parses a marked example: `⟦` and `⟧` delimit the expected spans.
    /// Returns the plain text and the spans in it.
    pub fn parse_marked(marked: &str) -> (String, Vec<Span>) {
        let mut text = String::new();
        let mut spans = Vec::new();
        let mut open = None;
        for c in marked.chars() {
            match c {
                '⟦' => open = Some(text.len()),
                '⟧' => spans.push(Span::new(open.take().expect("unbalanced ⟧"), text.len())),
                c => text.push(c),
            }
        }
        assert!(open.is_none(), "unbalanced ⟦ in {marked:?}");
        (text, spans)
    }

    /// Asserts that `rule` reports exactly the spans marked with ⟦ ⟧.
    #[track_caller]
    pub fn assert_marked(rule: &dyn Rule, marked: &str) {
        let (text, expected) = parse_marked(marked);
        let got: Vec<Span> = run(rule, &text).iter().map(|f| f.span).collect();
        let show = |spans: &[Span]| -> Vec<&str> { spans.iter().map(|s| s.slice(&text)).collect() };
        assert_eq!(
            got,
            expected,
            "{}: in {text:?} got {:?}, expected {:?}",
            rule.meta().id,
            show(&got),
            show(&expected)
        );
    }

    /// Asserts that every span `rule` reports on the odd inputs of
    /// `rules::EDGE_CASES` is non-empty, in bounds and on char boundaries.
    #[track_caller]
    pub fn assert_sound_spans(rule: &dyn Rule, options: &RuleOptions) {
        for text in crate::rules::EDGE_CASES {
            for f in run_with(rule, text, options) {
                assert!(
                    text.is_char_boundary(f.span.start)
                        && text.is_char_boundary(f.span.end)
                        && f.span.start < f.span.end
                        && f.span.end <= text.len(),
                    "{}: {text:?}: bad span {:?}",
                    rule.meta().id,
                    f.span
                );
            }
        }
    }

    /// Runs `rule` on the French `target` with its English `source` (plain
    /// texts, aligned sentence by sentence).
    pub fn run_bilingual(rule: &dyn Rule, source: &str, target: &str) -> Vec<Finding> {
        let doc = Document::new(target);
        let parallel = crate::parallel::Parallel::new(source, crate::Format::Text, &doc);
        run_parallel(rule, &doc, &parallel)
    }

    /// Runs `rule` on `doc` against `parallel`, findings sorted by position.
    fn run_parallel(
        rule: &dyn Rule,
        doc: &Document<'_>,
        parallel: &crate::parallel::Parallel<'_>,
    ) -> Vec<Finding> {
        let options = RuleOptions::default();
        let ctx = Context {
            doc,
            options: &options,
            scratch: None,
        };
        let mut sink = Sink::new(rule.meta());
        rule.check_with_source(&ctx, parallel, &mut sink);
        let mut f = sink.into_findings();
        f.sort_by_key(|f| (f.span.start, f.span.end));
        f
    }

    /// Runs `rule` on the French `target` of one unit of a bilingual file
    /// (a program's string) whose English source is `source`.
    pub fn run_unit(rule: &dyn Rule, source: &str, target: &str) -> Vec<Finding> {
        let doc = Document::new(target);
        let parallel = crate::parallel::Parallel::unit(
            source,
            crate::Format::Text,
            &doc,
            crate::parallel::DEFAULT_RATIO,
            Vec::new(),
            Vec::new(),
        );
        run_parallel(rule, &doc, &parallel)
    }

    /// The texts `rule` reports in the French `target` of one unit whose
    /// English source is `source` ([`run_unit`]).
    pub fn unit_texts(rule: &dyn Rule, source: &str, target: &str) -> Vec<String> {
        run_unit(rule, source, target)
            .iter()
            .map(|f| f.span.slice(target).to_string())
            .collect()
    }

    /// Asserts that `rule` finds nothing in the unit `target` of a bilingual
    /// file whose source is `source` ([`unit_texts`] is empty).
    #[track_caller]
    pub fn assert_unit_clean(rule: &dyn Rule, source: &str, target: &str) {
        assert_eq!(
            unit_texts(rule, source, target),
            Vec::<String>::new(),
            "{target}"
        );
    }

    /// Asserts that `rule`, given the English `source`, reports exactly the
    /// spans marked with ⟦ ⟧ in the French target.
    #[track_caller]
    pub fn assert_bilingual(rule: &dyn Rule, source: &str, marked_target: &str) {
        let (text, expected) = parse_marked(marked_target);
        let found = run_bilingual(rule, source, &text);
        let got: Vec<Span> = found.iter().map(|f| f.span).collect();
        let show = |spans: &[Span]| -> Vec<&str> { spans.iter().map(|s| s.slice(&text)).collect() };
        assert_eq!(
            got,
            expected,
            "{}: in {text:?} (source {source:?}) got {:?}, expected {:?}; messages {:?}",
            rule.meta().id,
            show(&got),
            show(&expected),
            found.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }

    /// Applies the certain suggestions `rule` makes on `text` and checks the
    /// result, as `--fix` would: the text changes only inside the edits, and
    /// checking it again finds nothing where an edit was applied. Returns the
    /// fixed text and how many edits were applied.
    #[track_caller]
    pub fn fix(rule: &dyn Rule, text: &str) -> (String, usize) {
        let id = rule.meta().id;
        let found = run(rule, text);
        let edits: Vec<&Edit> = found
            .iter()
            .filter_map(|f| f.suggestion.as_ref())
            .filter(|e| e.certain)
            .collect();
        let (fixed, applied) = super::apply_edits(text, edits.iter().copied());
        // The edits applied: in order, none overlapping an earlier one.
        let kept = super::select_edits(text, edits.iter().copied());
        assert!(
            kept.windows(2).all(|w| w[0].span.end <= w[1].span.start),
            "{id}: overlapping edits applied"
        );
        assert_eq!(kept.len(), applied, "{id}: edits applied");
        // Between the edits, the fixed text is the input; record where each
        // replacement landed.
        let (mut from_in, mut from_out) = (0, 0);
        let mut landed = Vec::new();
        for e in kept {
            let gap = &text[from_in..e.span.start];
            assert_eq!(
                &fixed[from_out..from_out + gap.len()],
                gap,
                "{id}: fixing {text:?} changed text outside an edit"
            );
            let start = from_out + gap.len();
            landed.push(Span::new(start, start + e.replacement.len()));
            from_in = e.span.end;
            from_out = start + e.replacement.len();
        }
        assert_eq!(
            &fixed[from_out..],
            &text[from_in..],
            "{id}: text changed after the edits"
        );
        for f in run(rule, &fixed) {
            let at_edit = landed.iter().any(|l| {
                l.overlaps(f.span)
                    || (l.is_empty() && f.span.start <= l.start && l.start <= f.span.end)
            });
            assert!(
                !at_edit,
                "{id}: fixing {text:?} gave {fixed:?}, where it still finds {:?} ({})",
                f.span.slice(&fixed),
                f.message
            );
        }
        (fixed, applied)
    }

    /// `text` with every suggestion of `rule` applied, certain or not (as a
    /// person who accepts them all would), by [`apply_edits`](super::apply_edits).
    #[track_caller]
    pub fn apply_suggestions(rule: &dyn Rule, text: &str) -> String {
        let found = run(rule, text);
        assert!(
            found.iter().any(|f| f.suggestion.is_some()),
            "{}: no suggestion on {text:?}",
            rule.meta().id
        );
        super::apply_edits(text, found.iter().filter_map(|f| f.suggestion.as_ref())).0
    }

    /// `text` with the suggestion of its one finding applied (fails unless
    /// `rule` reports exactly one finding there).
    #[track_caller]
    pub fn fix_one(rule: &dyn Rule, text: &str) -> String {
        assert_eq!(run(rule, text).len(), 1, "{}: {text}", rule.meta().id);
        apply_suggestions(rule, text)
    }

    /// Asserts that applying the certain suggestions of `rule` on `text`
    /// gives `expected` ([`fix`]).
    #[track_caller]
    pub fn assert_fixed(rule: &dyn Rule, text: &str, expected: &str) {
        let (fixed, _) = fix(rule, text);
        assert_eq!(fixed, expected, "{}: fixing {text:?}", rule.meta().id);
    }

    /// Asserts that `rule` reports nothing on `text`.
    #[track_caller]
    pub fn assert_clean(rule: &dyn Rule, text: &str) {
        let got = run(rule, text);
        assert!(
            got.is_empty(),
            "{}: expected no finding in {text:?}, got {:?}",
            rule.meta().id,
            got.iter()
                .map(|f| (f.span.slice(text), &f.message))
                .collect::<Vec<_>>()
        );
    }
}
