//! What a rule is: its metadata, the trait every rule implements, the findings
//! it produces and the sink it writes them to.

use crate::document::Document;
use crate::parallel::Parallel;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;
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

/// A replacement for a span that is certain to be right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    /// What to replace.
    pub span: Span,
    /// The new text.
    pub replacement: String,
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
    /// A certain fix, if any.
    pub suggestion: Option<Edit>,
    /// For a finding of a bilingual check: the bytes of the source text it
    /// is about (the sentence left out, the number changed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
}

/// Per-check options that rules may read. Built by the checker from settings;
/// every field has a sensible default.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RuleOptions {
    /// `untranslated-english`: shortest run of English words reported.
    pub english_min_words: usize,
    /// Words and phrases (lowercase) never reported as untranslated English.
    pub english_allow: Vec<String>,
    /// `french-spacing`: require a no-break space (U+00A0 or U+202F) where French
    /// puts a space before high punctuation, instead of accepting any space.
    pub strict_spacing: bool,
}

impl Default for RuleOptions {
    fn default() -> Self {
        RuleOptions {
            english_min_words: 1,
            english_allow: Vec::new(),
            strict_spacing: false,
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
}

impl<'m> Sink<'m> {
    /// A sink for the findings of the rule described by `meta`.
    pub fn new(meta: &'m RuleMeta) -> Self {
        Sink {
            meta,
            findings: Vec::new(),
        }
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
        let edit = Edit {
            span,
            replacement: replacement.into(),
        };
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
        self.findings.push(Finding {
            rule: self.meta.id,
            category: self.meta.category,
            severity,
            span,
            message: message.into(),
            suggestion,
            source: None,
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
}

/// Declares a rule's unit struct and its [`RuleMeta`] from its doc comment.
///
/// ```ignore
/// declare_rule! {
///     /// Flags doubled punctuation.
///     ///
///     /// ## Why it matters ...
///     pub struct DuplicatePunctuation {
///         id: "duplicate-punctuation",
///         category: Punctuation,
///         severity: Error,
///     }
/// }
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

    /// Runs `rule` on `text` with `options`.
    pub fn run_with(rule: &dyn Rule, text: &str, options: &RuleOptions) -> Vec<Finding> {
        let doc = Document::new(text);
        let ctx = Context { doc: &doc, options };
        let mut sink = Sink::new(rule.meta());
        rule.check(&ctx, &mut sink);
        let mut f = sink.into_findings();
        f.sort_by_key(|f| (f.span.start, f.span.end));
        f
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

    /// Runs every non-comment line of a `tests/fixtures/<rule-id>.txt` file
    /// through [`assert_marked`].
    #[track_caller]
    pub fn assert_fixture(rule: &dyn Rule, fixture: &str) {
        for line in fixture
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            assert_marked(rule, line);
        }
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
        let options = RuleOptions::default();
        let ctx = Context {
            doc: &doc,
            options: &options,
        };
        let mut sink = Sink::new(rule.meta());
        rule.check_with_source(&ctx, &parallel, &mut sink);
        let mut f = sink.into_findings();
        f.sort_by_key(|f| (f.span.start, f.span.end));
        f
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
