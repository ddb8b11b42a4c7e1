//! Coquille checks French text for what machine translation and web scraping
//! leave behind: English left untranslated, broken markup, doubled
//! punctuation, English typography, web-page furniture.
//!
//! One [`Checker`] runs every rule over a [`Document`] and returns findings
//! with UTF-8 byte offsets into the input exactly as given.
//!
//! ```
//! use coquille::{Checker, Document, Severity};
//!
//! let checker = Checker::default();
//! let text = "Les forces russes sont arrivées depuis la Pologne. .";
//! let findings = checker.findings(&Document::new(text));
//! let f = findings.iter().find(|f| f.rule == "duplicate-punctuation").unwrap();
//! assert_eq!(&text[f.span.start..f.span.end], ". .");
//! assert_eq!(f.severity, Severity::Error);
//!
//! // The same check as the JSON report the CLI and the server produce:
//! let report = checker.check_text(text);
//! assert_eq!(report.verdict.as_str(), "fail");
//! ```
#![warn(missing_docs)]

pub mod align;
pub mod batch;
pub mod bilingual;
pub mod bitext;
pub mod checker;
mod data;
pub mod document;
pub mod fix;
mod fold;
pub mod glossary;
pub mod lang;
pub mod markup;
pub mod parallel;
pub mod report;
pub mod rule;
pub mod rules;
pub mod score;
pub mod settings;
pub mod span;
pub mod split;
pub mod suppress;
pub mod text;

pub use checker::{Checker, CheckerError};
pub use document::{Document, Format, Sentence};
pub use parallel::Parallel;
pub use report::{DocumentReport, FindingReport, Gate, InputError, Report, UnitRef, Verdict};
pub use rule::{
    Category, Context, DocumentSignals, Edit, Finding, Rule, RuleMeta, RuleOptions, Scratch,
    Severity, Sink,
};
pub use settings::{Settings, SettingsError};
pub use span::{LineIndex, OffsetEncoding, Span};
