//! The report: the one JSON shape shared by the CLI and the server, and its
//! serialisers for other tools: [`sarif`] (code scanning), [`github`]
//! (workflow commands), [`junit`] (test reports) and [`gitlab`] (Code
//! Quality).

pub mod github;
pub mod gitlab;
pub mod junit;
pub mod sarif;

use crate::document::Document;
use crate::rule::{Category, Finding, LimitedFindings, Severity};
use crate::score::Score;
use crate::span::{OffsetEncoding, convert_offsets};
use serde::Serialize;

/// The outcome of a check, as a gate sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No finding at all.
    Pass,
    /// Findings, all below the failing severity, and a score at or below
    /// `fail_on_score`.
    Warn,
    /// At least one finding at or above the failing severity, or a score
    /// above `fail_on_score`.
    Fail,
}

/// What fails a document: a finding at or above `fail_on`, or a
/// [score](crate::score) above `fail_on_score`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gate {
    /// Lowest severity that fails the verdict.
    pub fail_on: Severity,
    /// Penalty points per 1,000 words above which the verdict fails
    /// (`None` or infinity: the score never fails it).
    pub fail_on_score: Option<f64>,
}

impl Default for Gate {
    fn default() -> Self {
        Gate {
            fail_on: Severity::Error,
            fail_on_score: Some(crate::score::DEFAULT_FAIL_ON_SCORE),
        }
    }
}

/// A gate on severity only: the score never fails it.
impl From<Severity> for Gate {
    fn from(fail_on: Severity) -> Self {
        Gate {
            fail_on,
            fail_on_score: None,
        }
    }
}

impl Verdict {
    /// The verdict for `findings` when `fail_on` is the lowest failing severity.
    pub fn of(findings: &[Finding], fail_on: Severity) -> Verdict {
        if findings.iter().any(|f| f.severity >= fail_on) {
            Verdict::Fail
        } else if findings.is_empty() {
            Verdict::Pass
        } else {
            Verdict::Warn
        }
    }

    /// The verdict for `findings` scored `score` under `gate`: [`Verdict::of`],
    /// made `fail` when the score is above the gate's `fail_on_score`.
    pub fn judge(findings: &[Finding], score: &Score, gate: Gate) -> Verdict {
        if score.exceeds(gate.fail_on_score) {
            Verdict::Fail
        } else {
            Verdict::of(findings, gate.fail_on)
        }
    }

    /// The lowercase name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Warn => "warn",
            Verdict::Fail => "fail",
        }
    }
}

/// Name and version of the tool, at the top of every report.
#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    /// Always `coquille`.
    pub name: &'static str,
    /// The crate version.
    pub version: &'static str,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "coquille",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// A report over one or more documents.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Report {
    /// Which tool made it.
    pub tool: Tool,
    /// One entry per checked document, in the order checked.
    pub documents: Vec<DocumentReport>,
    /// Inputs that could not be checked (unreadable, not UTF-8, too large),
    /// in the order met. Any of them makes the CLI exit with code 2.
    pub errors: Vec<InputError>,
}

/// An input that could not be checked.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct InputError {
    /// The path as given or found.
    pub path: String,
    /// What went wrong, for a person.
    pub message: String,
}

/// How many findings one rule made over a report.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RuleCount {
    /// Rule id.
    pub rule: &'static str,
    /// Its category.
    pub category: Category,
    /// The most severe of its findings.
    pub severity: Severity,
    /// How many findings.
    pub count: usize,
    /// How many of them carry a certain suggestion (`--fix` applies it).
    pub fixable: usize,
}

impl Report {
    /// The worst verdict over all documents (`pass` when there are none).
    pub fn verdict(&self) -> Verdict {
        self.documents
            .iter()
            .map(|d| d.verdict)
            .max()
            .unwrap_or(Verdict::Pass)
    }

    /// Findings counted per rule, most frequent first (then by id).
    pub fn statistics(&self) -> Vec<RuleCount> {
        let mut counts: std::collections::BTreeMap<&'static str, RuleCount> = Default::default();
        for f in self.documents.iter().flat_map(|d| &d.findings) {
            let c = counts.entry(f.rule).or_insert(RuleCount {
                rule: f.rule,
                category: f.category,
                severity: f.severity,
                count: 0,
                fixable: 0,
            });
            c.count += 1;
            c.fixable += usize::from(f.suggestion_certain == Some(true));
            c.severity = c.severity.max(f.severity);
        }
        let mut out: Vec<RuleCount> = counts.into_values().collect();
        out.sort_by(|a, b| b.count.cmp(&a.count).then(a.rule.cmp(b.rule)));
        out
    }
}

/// Counts about one document.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct Stats {
    /// Size of the input in bytes.
    pub bytes: usize,
    /// Number of sentences found.
    pub sentences: usize,
    /// Number of findings.
    pub findings: usize,
}

/// The report of one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    /// The path as given, `-` for standard input, or `null`.
    pub path: Option<String>,
    /// `pass`, `warn` or `fail`.
    pub verdict: Verdict,
    /// Counts.
    pub stats: Stats,
    /// Penalty points per 1,000 words, and whether they fail the document.
    pub score: ScoreReport,
    /// Findings sorted by position, one per defect; each one's
    /// [`FindingReport::folded`] findings follow it in the JSON report.
    #[serde(serialize_with = "serialize_with_folded")]
    pub findings: Vec<FindingReport>,
    /// Lowest severity that fails this document (its checker's `fail_on`;
    /// not serialised: `verdict` says it).
    #[serde(skip)]
    pub fail_on: Severity,
    /// Findings found but not listed, beyond the cap the caller set
    /// ([`crate::checker::Limits::max_findings`]); absent when 0.
    #[serde(skip_serializing_if = "is_zero")]
    pub omitted: usize,
    /// `true` when findings were left out (`omitted` says how many); absent
    /// when every finding is listed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
}

/// `findings` as the JSON report lists them: each finding that counts,
/// then the findings folded into it, marked with its index (`folded_into`),
/// so that a reader of the report, or a scorer matching findings by rule,
/// finds every rule's finding on its own bytes.
fn serialize_with_folded<S: serde::Serializer>(
    findings: &[FindingReport],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let total = findings.iter().map(|f| 1 + f.folded.len()).sum();
    let mut seq = serializer.serialize_seq(Some(total))?;
    let mut index = 0;
    for f in findings {
        seq.serialize_element(f)?;
        let at = index;
        index += 1;
        for g in &f.folded {
            seq.serialize_element(&FindingReport {
                folded_into: Some(at),
                ..g.clone()
            })?;
            index += 1;
        }
    }
    seq.end()
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The [score](crate::score) of a document as reported.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ScoreReport {
    /// The score and what it is made of.
    #[serde(flatten)]
    pub score: Score,
    /// The gate's `fail_on_score` (`null` when the score fails nothing).
    pub fail_on_score: Option<f64>,
    /// Whether the score is above `fail_on_score`, failing the document
    /// whatever the severities of its findings.
    pub fails: bool,
}

impl std::ops::Deref for ScoreReport {
    type Target = Score;
    fn deref(&self) -> &Score {
        &self.score
    }
}

/// One finding as reported.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FindingReport {
    /// Rule id.
    pub rule: &'static str,
    /// Rule category.
    pub category: Category,
    /// Severity after configuration.
    pub severity: Severity,
    /// Start offset (UTF-8 bytes unless another encoding was asked).
    pub start: usize,
    /// End offset, exclusive.
    pub end: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The flagged text.
    pub text: String,
    /// What is wrong.
    pub message: String,
    /// Replacement for the flagged text, if the rule has one.
    pub suggestion: Option<String>,
    /// Whether `suggestion` is certain to be right wherever the finding is (a
    /// fixer applies only these); `null` without a suggestion.
    pub suggestion_certain: Option<bool>,
    /// Ids of other rules that reported the same defect in the same bytes
    /// and were folded into this finding (most specific first; usually
    /// empty).
    pub related: Vec<&'static str>,
    /// The findings of those rules, as they reported the defect (spans,
    /// messages, suggestions). Not a field of the JSON report: there they
    /// follow this finding in `findings`, each with `folded_into`.
    #[serde(skip)]
    pub folded: Vec<FindingReport>,
    /// In the JSON report only: set on a finding another rule's finding
    /// absorbed (one defect, counted once: see `related`), the index in
    /// `findings` of that finding; absent on the findings that count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub folded_into: Option<usize>,
    /// For a finding of a bilingual check: the bytes of the source it is
    /// about, `[start, end]` (in the source file for `--source`, in the
    /// checked file for a bilingual file).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<[usize; 2]>,
    /// For a finding in a unit of a bilingual file (XLIFF, PO, TMX): the
    /// unit and the finding's bytes in its target text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<UnitRef>,
}

/// Where a finding is in a unit of a bilingual file.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UnitRef {
    /// The unit's id.
    pub id: String,
    /// Start of the finding in the unit's target text (UTF-8 bytes, as the
    /// translator reads the text: entities and escapes decoded).
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// False when an end fell inside an escape or entity of the file, so
    /// that `start`/`end` of the finding were widened to cover it.
    pub exact: bool,
}

/// One finding as reported, at `(line, column)` in `text`; the findings
/// folded into it with theirs.
fn finding_report(
    f: Finding,
    text: &str,
    index: &crate::span::LineIndex,
    (line, column): (usize, usize),
) -> FindingReport {
    let suggestion = f.suggestion.as_ref().map(|e| {
        if e.span == f.span {
            e.replacement.clone()
        } else {
            // Express the edit as a replacement of the whole finding span.
            let s = f.span.start.min(e.span.start);
            let t = f.span.end.max(e.span.end);
            let mut r = String::new();
            r.push_str(&text[s..e.span.start]);
            r.push_str(&e.replacement);
            r.push_str(&text[e.span.end..t]);
            r
        }
    });
    let folded = f
        .folded
        .into_iter()
        .map(|g| {
            let at = index.line_col(text, g.span.start);
            finding_report(g, text, index, at)
        })
        .collect();
    FindingReport {
        rule: f.rule,
        category: f.category,
        severity: f.severity,
        start: f.span.start,
        end: f.span.end,
        line,
        column,
        text: f.span.slice(text).to_string(),
        message: f.message,
        suggestion,
        related: f.related,
        folded,
        folded_into: None,
        suggestion_certain: f.suggestion.as_ref().map(|e| e.certain),
        source: f.source.map(|s| [s.start, s.end]),
        unit: None,
    }
}

impl FindingReport {
    /// How renderers introduce the suggestion: `suggestion` when it is
    /// certain, `suggestion to check` when a person should judge it.
    pub fn suggestion_label(&self) -> &'static str {
        if self.suggestion_certain == Some(false) {
            "suggestion to check"
        } else {
            "suggestion"
        }
    }

    /// 1-based line and column (in characters) just after the flagged text,
    /// from `line`, `column` and `text`.
    pub fn end_line_column(&self) -> (usize, usize) {
        match self.text.rfind('\n') {
            None => (self.line, self.column + self.text.chars().count()),
            Some(i) => (
                self.line + self.text.matches('\n').count(),
                self.text[i + 1..].chars().count() + 1,
            ),
        }
    }
}

/// A stable 64-bit FNV-1a hash, for fingerprints that must not change
/// between versions or machines (unlike `std`'s hasher).
pub(crate) fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Per finding of `doc`, a fingerprint that survives edits elsewhere in the
/// file: the rule, the flagged text and how many times the same rule flagged
/// the same text before in this document (not the line, which moves).
pub(crate) fn fingerprints(doc: &DocumentReport) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, &str), usize> = Default::default();
    doc.findings
        .iter()
        .map(|f| {
            let n = seen.entry((f.rule, f.text.as_str())).or_insert(0);
            *n += 1;
            format!("{:016x}", stable_hash(&[f.rule, &f.text, &n.to_string()]))
        })
        .collect()
}

impl DocumentReport {
    /// Builds the report of `doc` from its sorted findings, judged by
    /// `gate` (a [`Severity`] alone is a gate the score never fails).
    pub fn new(
        path: Option<&str>,
        doc: &Document<'_>,
        findings: &[Finding],
        gate: impl Into<Gate>,
    ) -> Self {
        Self::from_findings(path, doc, findings.to_vec(), gate)
    }

    /// Like [`DocumentReport::new`], taking the findings, so that their
    /// messages are moved into the report instead of copied (a text with a
    /// finding every few bytes would otherwise hold each message twice).
    pub fn from_findings(
        path: Option<&str>,
        doc: &Document<'_>,
        findings: Vec<Finding>,
        gate: impl Into<Gate>,
    ) -> Self {
        Self::from_parts(
            path,
            doc.text(),
            doc.line_index(),
            doc.sentences().len(),
            crate::score::words(doc),
            findings,
            gate,
        )
    }

    /// [`DocumentReport::from_findings`] from what it reads of the
    /// document: the input, its lines, its number of sentences and of
    /// words ([`crate::score::words`]).
    pub(crate) fn from_parts(
        path: Option<&str>,
        text: &str,
        index: &crate::span::LineIndex,
        sentences: usize,
        words: usize,
        findings: Vec<Finding>,
        gate: impl Into<Gate>,
    ) -> Self {
        let gate = gate.into();
        let fail_on_score = gate.fail_on_score.filter(|l| l.is_finite());
        let score = Score::of(&findings, words);
        let verdict = Verdict::judge(&findings, &score, gate);
        // Findings come sorted: each column is counted on from the previous
        // finding's when on the same line, not from the line start (on a
        // one-line 50 MB input that was quadratic).
        let mut last: Option<(usize, usize, usize)> = None; // (offset, line, column)
        let findings_out = findings
            .into_iter()
            .map(|f| {
                let offset = f.span.start;
                let (line, column) = match last {
                    Some((o, l, c)) if o <= offset && index.line_of(offset) + 1 == l => {
                        (l, c + text[o..offset].chars().count())
                    }
                    _ => index.line_col(text, offset),
                };
                last = Some((offset, line, column));
                finding_report(f, text, index, (line, column))
            })
            .collect::<Vec<_>>();
        DocumentReport {
            path: path.map(str::to_string),
            verdict,
            stats: Stats {
                bytes: text.len(),
                sentences,
                findings: findings_out.len(),
            },
            score: ScoreReport {
                score,
                fail_on_score,
                fails: score.exceeds(fail_on_score),
            },
            findings: findings_out,
            fail_on: gate.fail_on,
            omitted: 0,
            truncated: false,
        }
    }

    /// The report of a bounded check: the findings kept, and how many were
    /// left out. The verdict counts the ones left out too.
    pub fn from_limited(
        path: Option<&str>,
        doc: &Document<'_>,
        limited: LimitedFindings,
        gate: Gate,
    ) -> Self {
        let fail_on = gate.fail_on;
        let mut report = Self::from_findings(path, doc, limited.findings, gate);
        if limited.omitted > 0 {
            report.omitted = limited.omitted;
            report.truncated = true;
            let omitted = match limited.omitted_worst {
                Some(s) if s >= fail_on => Verdict::Fail,
                _ => Verdict::Warn,
            };
            report.verdict = report.verdict.max(omitted);
        }
        report
    }

    /// Re-expresses `start`/`end` in another offset encoding. `text` must be
    /// the text this report was made from.
    pub fn convert_offsets(&mut self, text: &str, encoding: OffsetEncoding) {
        if encoding == OffsetEncoding::Utf8 {
            return;
        }
        let raw: Vec<usize> = self
            .findings
            .iter()
            .flat_map(|f| std::iter::once(f).chain(&f.folded))
            .flat_map(|f| [f.start, f.end])
            .collect();
        let conv = convert_offsets(text, &raw, encoding);
        let mut pairs = conv.chunks(2);
        self.for_each_finding_mut(|f| {
            if let Some(&[start, end]) = pairs.next() {
                (f.start, f.end) = (start, end);
            }
        });
    }

    /// Calls `each` on every finding, in the order of the JSON report: each
    /// finding that counts, then those folded into it.
    pub fn for_each_finding_mut(&mut self, mut each: impl FnMut(&mut FindingReport)) {
        for f in &mut self.findings {
            each(f);
            for g in &mut f.folded {
                each(g);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::Checker;

    #[test]
    fn suggestions_say_whether_they_are_certain() {
        // Not `A lire aussi`: that line is boilerplate, which absorbs the
        // capital-accent finding (one finding per defect).
        let report = Checker::default().check_text("A Varsovie, on arrive depuis la Pologne. .");
        let json = serde_json::to_value(&report).unwrap();
        let pick = |rule: &str| {
            json["findings"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["rule"] == rule)
                .cloned()
                .unwrap_or_else(|| panic!("no {rule} finding in {json}"))
        };
        let stacked = pick("duplicate-punctuation");
        assert_eq!(stacked["suggestion"], ".");
        assert_eq!(stacked["suggestion_certain"], true);
        let accent = pick("capital-accent");
        assert_eq!(accent["suggestion"], "À");
        assert_eq!(accent["suggestion_certain"], false);
        let fragment = Checker::default().check_text("la guerre. , déclarant");
        let json = serde_json::to_value(&fragment).unwrap();
        assert!(
            json["findings"]
                .as_array()
                .unwrap()
                .iter()
                .all(|f| f["suggestion"].is_null() == f["suggestion_certain"].is_null())
        );
    }
}
