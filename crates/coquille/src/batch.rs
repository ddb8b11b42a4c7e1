//! Batches of records as JSON lines: the corpus-scale check behind
//! `coquille check --jsonl` (and `coquille batch`).
//!
//! Each input line is one record in the shape of a `/v1/check` request with
//! an id:
//!
//! ```json
//! {"id": "a-1", "fields": [{"name": "title", "content": "..."},
//!                          {"name": "body", "format": "html", "content": "..."}]}
//! ```
//!
//! (`document_id` is accepted for `id`; an optional `options` object takes
//! `fail_on` and `offset_encoding` as in `/v1/check`.) Each record gives one
//! output line, in input order: its id, its line number, the worst verdict
//! over its fields and one [`DocumentReport`] per field (offsets into that
//! field's `content`, UTF-8 bytes unless the record asks otherwise):
//!
//! ```json
//! {"id":"a-1","line":1,"verdict":"warn","offset_encoding":"utf-8","fields":[{"name":"title","format":"text","report":{...}}, ...]}
//! ```
//!
//! A line that cannot be checked (not JSON, not a record, not UTF-8, over
//! the size limit) gives an error line instead, with the id when it can be
//! read, and the batch goes on:
//!
//! ```json
//! {"id":"a-2","line":2,"error":"line 2: EOF while parsing a string at line 1 column 57"}
//! ```
//!
//! Blank lines are skipped (they give no output line but count as lines).
//!
//! [`run`] streams: it reads records in chunks (at most
//! [`BatchOptions::chunk_records`] records or [`BatchOptions::chunk_bytes`]
//! bytes), checks a chunk's records in parallel on the current rayon pool,
//! writes their lines in input order, then reads the next chunk. Memory is
//! bounded by the chunk and the largest record, whatever the number of
//! records.
//!
//! ```
//! use coquille::{Checker, batch};
//!
//! let input = concat!(
//!     r#"{"id": "a", "fields": [{"name": "body", "content": "Il pleut. ."}]}"#, "\n",
//!     r#"{"id": "b", "fields": [{"name": "body", "content": "#, "\n",
//!     r#"{"id": "c", "fields": [{"name": "body", "content": "Il pleut."}]}"#, "\n",
//! );
//! let mut out = Vec::new();
//! let mut summary = batch::BatchSummary::default();
//! batch::run(&Checker::default(), input.as_bytes(), &mut out, &batch::BatchOptions::default(),
//!            &mut summary, |_| {}).unwrap();
//! let lines: Vec<serde_json::Value> = String::from_utf8(out).unwrap()
//!     .lines().map(|l| serde_json::from_str(l).unwrap()).collect();
//! assert_eq!(lines[0]["verdict"], "fail");
//! assert_eq!(lines[1]["id"], "b");        // malformed, its id still read
//! assert!(lines[1]["error"].is_string());
//! assert_eq!(lines[2]["verdict"], "pass"); // the batch went on
//! assert_eq!((summary.records, summary.errors), (3, 1));
//! ```

use crate::checker::Checker;
use crate::document::{Document, Format};
use crate::report::{DocumentReport, Gate, Verdict};
use crate::rule::Severity;
use crate::span::OffsetEncoding;
use rayon::prelude::*;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::io::{self, BufRead, Write};

/// One record: an id and the fields of one document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The caller's id, a string or a number, echoed back as given.
    #[serde(alias = "document_id", deserialize_with = "record_id")]
    pub id: Value,
    /// The parts of the document (title, body, ...), checked one by one.
    pub fields: Vec<Field>,
    /// How to check and report this record.
    #[serde(default)]
    pub options: RecordOptions,
}

/// One part of a record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Its name, echoed back.
    pub name: String,
    /// `text` (default), `html` or `markdown`.
    #[serde(default)]
    pub format: Format,
    /// The text; offsets in the report point into it.
    pub content: String,
}

/// Options of one record (as in a `/v1/check` request).
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordOptions {
    /// Lowest severity that makes the verdict `fail` (default: the checker's).
    #[serde(default)]
    pub fail_on: Option<Severity>,
    /// Unit of `start`/`end` in the report (default `utf-8`).
    #[serde(default)]
    pub offset_encoding: OffsetEncoding,
}

/// The report of one record.
#[derive(Debug, Clone, Serialize)]
pub struct RecordReport {
    /// The record's id.
    pub id: Value,
    /// Its 1-based line in the input.
    pub line: u64,
    /// The worst verdict over its fields (`pass` when it has none).
    pub verdict: Verdict,
    /// Unit of every `start`/`end`.
    pub offset_encoding: OffsetEncoding,
    /// One report per field, in the record's order.
    pub fields: Vec<FieldReport>,
}

/// The report of one field.
#[derive(Debug, Clone, Serialize)]
pub struct FieldReport {
    /// The field's name.
    pub name: String,
    /// The format it was checked as.
    pub format: Format,
    /// The report, as `coquille check --format json` gives it for this text
    /// (its `path` is the field's name).
    pub report: DocumentReport,
}

/// A line that could not be checked.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RecordError {
    /// The record's id when it could be read, else `null`.
    pub id: Value,
    /// The input it came from, when named ([`BatchOptions::source`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Its 1-based line in the input.
    pub line: u64,
    /// What is wrong, for a person.
    pub error: String,
}

/// What became of one input line: one output line.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    /// The record was checked.
    Checked(RecordReport),
    /// It could not be.
    Failed(RecordError),
}

/// Checks one record found on `line`.
pub fn check_record(checker: &Checker, record: Record, line: u64) -> RecordReport {
    // The checker's gate (its `fail_on_score` too), the record's `fail_on`
    // over it.
    let gate = Gate {
        fail_on: record.options.fail_on.unwrap_or(checker.fail_on()),
        ..checker.gate()
    };
    let encoding = record.options.offset_encoding;
    let fields: Vec<FieldReport> = record
        .fields
        .into_iter()
        .map(|field| {
            let doc = Document::with_format(&field.content, field.format);
            let findings = checker.findings(&doc);
            let mut report = DocumentReport::from_findings(Some(&field.name), &doc, findings, gate);
            report.convert_offsets(&field.content, encoding);
            FieldReport {
                name: field.name,
                format: field.format,
                report,
            }
        })
        .collect();
    RecordReport {
        id: record.id,
        line,
        verdict: fields
            .iter()
            .map(|f| f.report.verdict)
            .max()
            .unwrap_or(Verdict::Pass),
        offset_encoding: encoding,
        fields,
    }
}

/// Reads one record from a JSON line. On failure, returns the id when it
/// could still be read (`null` otherwise) and why.
pub fn parse_record(line: &[u8]) -> Result<Record, (Value, String)> {
    let text = std::str::from_utf8(line).map_err(|e| {
        (
            Value::Null,
            format!("not UTF-8 (invalid byte at {})", e.valid_up_to()),
        )
    })?;
    serde_json::from_str::<Record>(text).map_err(|e| (probe_id(text), e.to_string()))
}

/// Checks the record on one input line (without its line break). Never
/// panics: a bug in a rule gives an error line for this record only.
pub fn check_line(checker: &Checker, line: &[u8], number: u64, source: Option<&str>) -> Outcome {
    let fail = |id: Value, error: String| {
        Outcome::Failed(RecordError {
            id,
            source: source.map(str::to_string),
            line: number,
            error: format!("line {number}: {error}"),
        })
    };
    match parse_record(line) {
        Err((id, error)) => fail(id, error),
        Ok(record) => {
            let id = record.id.clone();
            let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                check_record(checker, record, number)
            }));
            match checked {
                Ok(report) => Outcome::Checked(report),
                Err(_) => fail(
                    id,
                    "internal error while checking this record (a bug in Coquille; please report it with the record)".into(),
                ),
            }
        }
    }
}

/// The id of a record that did not parse: the value of its first `id` (or
/// `document_id`) key, if the line is a JSON object that reads well at least
/// up to that value.
fn probe_id(text: &str) -> Value {
    let mut found = None;
    let mut de = serde_json::Deserializer::from_str(text);
    let _ = IdProbe(&mut found).deserialize(&mut de);
    found.unwrap_or(Value::Null)
}

/// Walks an object key by key and keeps the id as soon as it is read, so
/// that a syntax error further on does not lose it.
struct IdProbe<'a>(&'a mut Option<Value>);

impl<'de> DeserializeSeed<'de> for IdProbe<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for IdProbe<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a record object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == "id" || key == "document_id" {
                let v: Value = map.next_value()?;
                if v.is_string() || v.is_number() {
                    *self.0 = Some(v);
                    return Ok(());
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

fn record_id<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    let v = Value::deserialize(d)?;
    if v.is_string() || v.is_number() {
        Ok(v)
    } else {
        Err(de::Error::custom("`id` must be a string or a number"))
    }
}

/// How [`run`] reads its input.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Largest line (record) read, in bytes; a longer one gives an error
    /// line and is skipped without being held in memory.
    pub max_record_bytes: usize,
    /// Most records checked at once (one chunk).
    pub chunk_records: usize,
    /// A chunk ends once its lines hold this many bytes.
    pub chunk_bytes: usize,
    /// The input's name, put in error lines (`None`: none).
    pub source: Option<String>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            max_record_bytes: 16 * 1024 * 1024,
            chunk_records: 1024,
            chunk_bytes: 4 * 1024 * 1024,
            source: None,
        }
    }
}

/// Counts over a batch (or several: [`run`] adds to it).
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct BatchSummary {
    /// Output lines written: records checked plus error lines.
    pub records: u64,
    /// Records whose verdict is `pass`.
    pub pass: u64,
    /// Records whose verdict is `warn`.
    pub warn: u64,
    /// Records whose verdict is `fail`.
    pub fail: u64,
    /// Lines that could not be checked (error lines).
    pub errors: u64,
    /// The first of them: (source, line).
    pub first_error: Option<(Option<String>, u64)>,
    /// Bytes of input lines read (records and blank lines, without line breaks).
    pub bytes: u64,
    /// Findings over all records.
    pub findings: u64,
    /// Findings per rule id.
    pub rules: BTreeMap<&'static str, u64>,
}

impl BatchSummary {
    /// Rules by number of findings, most frequent first (then by id).
    pub fn rules_by_count(&self) -> Vec<(&'static str, u64)> {
        let mut v: Vec<_> = self.rules.iter().map(|(&r, &n)| (r, n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        v
    }

    fn add(&mut self, outcome: &Outcome) {
        self.records += 1;
        match outcome {
            Outcome::Failed(e) => {
                self.errors += 1;
                if self.first_error.is_none() {
                    self.first_error = Some((e.source.clone(), e.line));
                }
            }
            Outcome::Checked(r) => {
                *match r.verdict {
                    Verdict::Pass => &mut self.pass,
                    Verdict::Warn => &mut self.warn,
                    Verdict::Fail => &mut self.fail,
                } += 1;
                for f in r.fields.iter().flat_map(|f| &f.report.findings) {
                    self.findings += 1;
                    *self.rules.entry(f.rule).or_default() += 1;
                }
            }
        }
    }
}

/// Why [`run`] stopped before the end of its input.
#[derive(Debug)]
pub enum BatchError {
    /// The input could not be read.
    Read(io::Error),
    /// The output could not be written (a closed pipe is
    /// [`io::ErrorKind::BrokenPipe`]).
    Write(io::Error),
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Read(e) => write!(f, "cannot read the input: {e}"),
            BatchError::Write(e) => write!(f, "cannot write the output: {e}"),
        }
    }
}

impl std::error::Error for BatchError {}

/// One line read, or why not.
enum Line {
    /// A record's line, without its line break.
    Record(u64, Vec<u8>),
    /// A line over the limit: its number, its length, its first bytes.
    TooLong(u64, usize, Vec<u8>),
}

/// Checks every record of `input` and writes one line per record to
/// `output`, in input order, adding to `summary`; calls `progress` after
/// each chunk. Records are checked in parallel on the current rayon pool:
/// the global one, unless called inside `ThreadPool::install`.
pub fn run<R: BufRead, W: Write>(
    checker: &Checker,
    mut input: R,
    output: &mut W,
    options: &BatchOptions,
    summary: &mut BatchSummary,
    mut progress: impl FnMut(&BatchSummary),
) -> Result<(), BatchError> {
    let source = options.source.as_deref();
    let mut number = 0u64;
    let mut at_end = false;
    while !at_end {
        let mut chunk = Vec::new();
        let mut bytes = 0usize;
        while chunk.len() < options.chunk_records.max(1) && bytes < options.chunk_bytes {
            let mut buf = Vec::new();
            let Some(len) = read_line(&mut input, &mut buf, options.max_record_bytes)
                .map_err(BatchError::Read)?
            else {
                at_end = true;
                break;
            };
            number += 1;
            summary.bytes += len as u64;
            if len > options.max_record_bytes {
                chunk.push(Line::TooLong(number, len, buf));
            } else if !buf.iter().all(u8::is_ascii_whitespace) {
                bytes += buf.len();
                chunk.push(Line::Record(number, buf));
            }
        }
        let outcomes: Vec<(Outcome, String)> = chunk
            .into_par_iter()
            .map(|line| {
                let outcome = match line {
                    Line::Record(n, buf) => check_line(checker, &buf, n, source),
                    Line::TooLong(n, len, head) => Outcome::Failed(RecordError {
                        id: probe_id(&String::from_utf8_lossy(&head)),
                        source: source.map(str::to_string),
                        line: n,
                        error: format!(
                            "line {n}: record of {len} bytes, over the limit of {} bytes",
                            options.max_record_bytes
                        ),
                    }),
                };
                // Serialising a report cannot fail (string keys only).
                let json = serde_json::to_string(&outcome).unwrap_or_default();
                (outcome, json)
            })
            .collect();
        for (outcome, json) in &outcomes {
            output
                .write_all(json.as_bytes())
                .and_then(|()| output.write_all(b"\n"))
                .map_err(BatchError::Write)?;
            summary.add(outcome);
        }
        output.flush().map_err(BatchError::Write)?;
        progress(summary);
    }
    Ok(())
}

/// Reads one line into `buf` (without `\n` or `\r\n`), keeping at most
/// `max` bytes of it; returns its full length, or `None` at the end of the
/// input.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Option<usize>> {
    let mut len = 0usize;
    let mut read_any = false;
    let mut ends_in_cr = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        read_any = true;
        let (part, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        let room = (max + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&part[..part.len().min(room)]);
        len += part.len();
        if let Some(&last) = part.last() {
            ends_in_cr = last == b'\r';
        }
        input.consume(used);
        if done {
            break;
        }
    }
    if !read_any {
        return Ok(None);
    }
    if ends_in_cr {
        len -= 1;
        buf.truncate(len);
    }
    Ok(Some(len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<(usize, Vec<u8>)> {
        let mut r = io::BufReader::with_capacity(4, input);
        let mut out = Vec::new();
        loop {
            let mut buf = Vec::new();
            match read_line(&mut r, &mut buf, max).unwrap() {
                Some(len) => out.push((len, buf)),
                None => return out,
            }
        }
    }

    #[test]
    fn lines_are_read_across_buffer_ends_and_cut_at_the_limit() {
        let got = lines(b"abcdefgh\r\n\nxy\nlast", 5);
        assert_eq!(
            got,
            vec![
                (8, b"abcdef".to_vec()),
                (0, vec![]),
                (2, b"xy".to_vec()),
                (4, b"last".to_vec()),
            ]
        );
        assert_eq!(lines(b"", 5), vec![]);
        assert_eq!(lines(b"a\r\n", 5), vec![(1, b"a".to_vec())]);
    }

    #[test]
    fn the_id_is_read_from_a_line_broken_after_it() {
        assert_eq!(probe_id(r#"{"fields": [], "id": 7, "x": "#), Value::from(7));
        assert_eq!(
            probe_id(r#"{"id": "a", "fields": [{"content": "un"#),
            Value::from("a")
        );
        assert_eq!(probe_id(r#"{"id": {"x": 1}}"#), Value::Null);
        assert_eq!(probe_id("not json"), Value::Null);
        assert_eq!(probe_id(r#"["id", "a"]"#), Value::Null);
    }
}
