//! `coquille_fr._native`: the Python face of [`coquille::Checker`].
//!
//! Thin on purpose: Python arguments become [`coquille::Settings`] (through
//! the same serde shape as `coquille.toml`), a text becomes a
//! [`coquille::Document`], and the library's [`DocumentReport`] becomes
//! Python objects. No rule, filter or report shape lives here.
//!
//! Offsets: Python indexes strings by code point, the library by UTF-8 byte.
//! Every finding carries both, converted with [`coquille::span::convert_offsets`].

use coquille::report::{DocumentReport, FindingReport};
use coquille::span::{OffsetEncoding, convert_offsets};
use coquille::{Document, Format, Settings};
use pyo3::create_exception;
use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

create_exception!(
    coquille_fr,
    ConfigError,
    PyValueError,
    "Settings that cannot be used: an unknown rule id, severity or option, or an invalid configuration file."
);

/// One finding, with offsets both in code points (`start`, `end`: Python
/// string indices) and in UTF-8 bytes (`start_byte`, `end_byte`).
#[pyclass(frozen, module = "coquille_fr")]
struct Finding {
    #[pyo3(get)]
    rule: &'static str,
    #[pyo3(get)]
    category: &'static str,
    #[pyo3(get)]
    severity: &'static str,
    #[pyo3(get)]
    start: usize,
    #[pyo3(get)]
    end: usize,
    #[pyo3(get)]
    start_byte: usize,
    #[pyo3(get)]
    end_byte: usize,
    #[pyo3(get)]
    line: usize,
    #[pyo3(get)]
    column: usize,
    #[pyo3(get)]
    text: String,
    #[pyo3(get)]
    message: String,
    #[pyo3(get)]
    suggestion: Option<String>,
    #[pyo3(get)]
    suggestion_certain: Option<bool>,
    #[pyo3(get)]
    related: Vec<&'static str>,
    folded: Vec<Py<Finding>>,
}

#[pymethods]
impl Finding {
    /// The findings of other rules on the same defect, folded into this one
    /// (each with its own offsets, message and suggestion; `related` names
    /// their rules): the defect counts once, nothing is lost. Usually empty.
    #[getter]
    fn folded<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.folded.iter().map(|f| f.clone_ref(py)))
    }

    /// The finding as a plain dict (for pandas, JSON, Spark rows).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("rule", self.rule)?;
        d.set_item("category", self.category)?;
        d.set_item("severity", self.severity)?;
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("start_byte", self.start_byte)?;
        d.set_item("end_byte", self.end_byte)?;
        d.set_item("line", self.line)?;
        d.set_item("column", self.column)?;
        d.set_item("text", &self.text)?;
        d.set_item("message", &self.message)?;
        d.set_item("suggestion", &self.suggestion)?;
        d.set_item("suggestion_certain", self.suggestion_certain)?;
        d.set_item("related", &self.related)?;
        let folded = self
            .folded
            .iter()
            .map(|f| f.get().to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item("folded", folded)?;
        Ok(d)
    }

    fn __repr__(&self) -> String {
        format!(
            "Finding(rule={:?}, severity={:?}, start={}, end={}, text={:?})",
            self.rule, self.severity, self.start, self.end, self.text
        )
    }
}

/// The outcome of checking one text.
#[pyclass(frozen, module = "coquille_fr")]
struct CheckResult {
    #[pyo3(get)]
    verdict: &'static str,
    #[pyo3(get)]
    bytes: usize,
    #[pyo3(get)]
    sentences: usize,
    findings: Vec<Py<Finding>>,
}

#[pymethods]
impl CheckResult {
    /// Findings sorted by position (a new list of the same objects each time).
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.findings.iter().map(|f| f.clone_ref(py)))
    }

    /// The result as a plain dict: `verdict`, `bytes`, `sentences`, `findings`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("verdict", self.verdict)?;
        d.set_item("bytes", self.bytes)?;
        d.set_item("sentences", self.sentences)?;
        let findings = self
            .findings
            .iter()
            .map(|f| f.get().to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item("findings", findings)?;
        Ok(d)
    }

    fn __len__(&self) -> usize {
        self.findings.len()
    }

    fn __repr__(&self) -> String {
        format!(
            "CheckResult(verdict={:?}, findings={})",
            self.verdict,
            self.findings.len()
        )
    }
}

/// What one check produces before it becomes Python objects: the library's
/// report and the code-point offsets of its findings, `[start, end]` each.
struct Checked {
    report: DocumentReport,
    code_points: Vec<usize>,
}

fn check_one(checker: &coquille::Checker, text: &str, format: Format) -> Checked {
    let report = checker.check(&Document::with_format(text, format), None);
    // Every finding's offsets, each followed by those of its folded ones.
    let mut bytes = Vec::new();
    for f in &report.findings {
        for g in std::iter::once(f).chain(&f.folded) {
            bytes.extend([g.start, g.end]);
        }
    }
    let code_points = convert_offsets(text, &bytes, OffsetEncoding::Utf32);
    Checked {
        report,
        code_points,
    }
}

/// A finding of the report as a Python object, its code-point offsets taken
/// from `code_points` (its own, then its folded findings' in order).
fn finding_to_python(
    py: Python<'_>,
    f: FindingReport,
    code_points: &mut std::slice::ChunksExact<'_, usize>,
) -> PyResult<Py<Finding>> {
    let cp = code_points
        .next()
        .expect("check_one gives two offsets for every finding and folded finding");
    let (start, end) = (cp[0], cp[1]);
    let folded = f
        .folded
        .into_iter()
        .map(|g| finding_to_python(py, g, code_points))
        .collect::<PyResult<Vec<_>>>()?;
    Py::new(
        py,
        Finding {
            rule: f.rule,
            category: f.category.as_str(),
            severity: f.severity.as_str(),
            start,
            end,
            start_byte: f.start,
            end_byte: f.end,
            line: f.line,
            column: f.column,
            text: f.text,
            message: f.message,
            suggestion: f.suggestion,
            suggestion_certain: f.suggestion_certain,
            related: f.related,
            folded,
        },
    )
}

fn to_python(py: Python<'_>, checked: Checked) -> PyResult<CheckResult> {
    let Checked {
        report,
        code_points,
    } = checked;
    let mut offsets = code_points.chunks_exact(2);
    let findings = report
        .findings
        .into_iter()
        .map(|f| finding_to_python(py, f, &mut offsets))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(CheckResult {
        verdict: report.verdict.as_str(),
        bytes: report.stats.bytes,
        sentences: report.stats.sentences,
        findings,
    })
}

/// `"text"`, `"html"` or `"markdown"`, named as in the library's serde shape.
fn parse_format(name: &str) -> PyResult<Format> {
    serde_json::from_value(Value::String(name.to_string())).map_err(|_| {
        PyValueError::new_err(format!(
            "unknown format {name:?}: expected \"text\", \"html\" or \"markdown\""
        ))
    })
}

/// Overlays `over` on `base`: tables merge key by key, anything else replaces.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k).or_insert(Value::Null), v);
            }
        }
        (b, o) => *b = o,
    }
}

/// The settings of a configuration file as a JSON value, after checking
/// them with the library (whose errors name the file, line and column).
fn read_config(path: &PathBuf) -> PyResult<Value> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let msg = format!("cannot read configuration {}: {e}", path.display());
        if e.kind() == std::io::ErrorKind::NotFound {
            PyFileNotFoundError::new_err(msg)
        } else {
            PyOSError::new_err(msg)
        }
    })?;
    Settings::from_toml(&text, path).map_err(|e| ConfigError::new_err(e.to_string()))?;
    toml::from_str(&text).map_err(|e| ConfigError::new_err(e.to_string()))
}

/// A reusable, thread-safe checker. Build it once and share it: `check`
/// and `check_many` release the GIL while they run.
#[pyclass(frozen, module = "coquille_fr", name = "Checker")]
struct PyChecker {
    inner: coquille::Checker,
}

#[pymethods]
impl PyChecker {
    #[new]
    #[pyo3(signature = (config=None, *, fail_on=None, select=None, ignore=None, severity=None, options=None))]
    fn new(
        py: Python<'_>,
        config: Option<PathBuf>,
        fail_on: Option<String>,
        select: Option<&Bound<'_, PyAny>>,
        ignore: Option<&Bound<'_, PyAny>>,
        severity: Option<BTreeMap<String, String>>,
        options: Option<Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let mut settings = match &config {
            Some(path) => read_config(path)?,
            None => Value::Object(Default::default()),
        };
        if let Some(options) = options {
            let json: String = py
                .import("json")?
                .call_method1("dumps", (options,))?
                .extract()?;
            let options: Value = serde_json::from_str(&json)
                .map_err(|e| ConfigError::new_err(format!("invalid options: {e}")))?;
            merge(&mut settings, options);
        }
        let mut overrides = serde_json::Map::new();
        if let Some(v) = fail_on {
            overrides.insert("fail_on".into(), Value::String(v));
        }
        if let Some(v) = rule_ids(py, select, "select")? {
            overrides.insert("select".into(), v);
        }
        if let Some(v) = rule_ids(py, ignore, "ignore")? {
            overrides.insert("ignore".into(), v);
        }
        if let Some(v) = severity {
            overrides.insert(
                "severity".into(),
                serde_json::to_value(v).unwrap_or_default(),
            );
        }
        merge(&mut settings, Value::Object(overrides));
        let settings: Settings = serde_path_to_error::deserialize(settings)
            .map_err(|e| ConfigError::new_err(format!("invalid settings: {e}")))?;
        let inner =
            coquille::Checker::new(settings).map_err(|e| ConfigError::new_err(e.to_string()))?;
        Ok(PyChecker { inner })
    }

    /// Ids of the rules this checker runs, sorted.
    #[getter]
    fn rules(&self) -> Vec<&'static str> {
        self.inner.rules().map(|r| r.meta().id).collect()
    }

    /// Lowest severity that makes the verdict `fail`.
    #[getter]
    fn fail_on(&self) -> &'static str {
        self.inner.fail_on().as_str()
    }

    /// Checks one text.
    #[pyo3(signature = (text, format="text"))]
    fn check(&self, py: Python<'_>, text: String, format: &str) -> PyResult<CheckResult> {
        let format = parse_format(format)?;
        let checked = py.detach(|| check_one(&self.inner, &text, format));
        to_python(py, checked)
    }

    /// Checks many texts on several cores; results come in input order.
    #[pyo3(signature = (texts, formats=None, *, threads=None))]
    fn check_many(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        formats: Option<&Bound<'_, PyAny>>,
        threads: Option<usize>,
    ) -> PyResult<Vec<CheckResult>> {
        if texts.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "check_many takes a sequence of texts, not one str (use check)",
            ));
        }
        let texts = str_items(py, texts, "texts")?;
        let formats = match formats {
            None => vec![Format::Text; texts.len()],
            Some(f) if f.is_instance_of::<PyString>() => {
                vec![parse_format(&f.extract::<String>()?)?; texts.len()]
            }
            Some(f) => {
                let formats = str_items(py, f, "formats")?
                    .iter()
                    .enumerate()
                    .map(|(i, name)| {
                        parse_format(name)
                            .map_err(|e| prefix_error(py, e, &format!("formats[{i}]")))
                    })
                    .collect::<PyResult<Vec<Format>>>()?;
                if formats.len() != texts.len() {
                    return Err(PyValueError::new_err(format!(
                        "{} formats for {} texts: give one format per text, or one str for all",
                        formats.len(),
                        texts.len()
                    )));
                }
                formats
            }
        };
        let pool = match threads {
            None => None,
            Some(0) => return Err(PyValueError::new_err("threads must be at least 1")),
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| PyOSError::new_err(format!("cannot start {n} threads: {e}")))?,
            ),
        };
        let checker = &self.inner;
        let checked = py.detach(|| {
            let run = || {
                texts
                    .par_iter()
                    .zip(formats.par_iter())
                    .map(|(text, format)| check_one(checker, text, *format))
                    .collect::<Vec<_>>()
            };
            match &pool {
                Some(pool) => pool.install(run),
                None => run(),
            }
        });
        checked.into_iter().map(|c| to_python(py, c)).collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Checker(fail_on={:?}, rules={})",
            self.inner.fail_on().as_str(),
            self.inner.rules().count()
        )
    }
}

/// An error about one item of a sequence: a `TypeError` stays one, anything
/// else (e.g. the `UnicodeEncodeError` of a lone surrogate) becomes a
/// `ValueError`; the message says which item, the cause is the original.
fn prefix_error(py: Python<'_>, err: PyErr, place: &str) -> PyErr {
    let msg = format!("{place}: {}", err.value(py));
    let new = if err.is_instance_of::<PyTypeError>(py) {
        PyTypeError::new_err(msg)
    } else {
        PyValueError::new_err(msg)
    };
    new.set_cause(py, Some(err));
    new
}

/// A list of rule ids; one `str` is refused rather than read as letters.
fn rule_ids(py: Python<'_>, ids: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<Value>> {
    let Some(ids) = ids else { return Ok(None) };
    if ids.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{name} takes a list of rule ids, not one str: {name}=[{:?}]",
            ids.extract::<String>()?
        )));
    }
    Ok(Some(str_items(py, ids, name)?.into()))
}

/// The `str` items of an iterable; an error names the item (`texts[3]: ...`).
fn str_items(py: Python<'_>, items: &Bound<'_, PyAny>, name: &str) -> PyResult<Vec<String>> {
    items
        .try_iter()?
        .enumerate()
        .map(|(i, item)| {
            item?
                .extract::<String>()
                .map_err(|e| prefix_error(py, e, &format!("{name}[{i}]")))
        })
        .collect()
}

/// Every rule Coquille has: a list of dicts with `id`, `category`,
/// `severity` (the default) and `summary`.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    coquille::rules::ALL
        .iter()
        .map(|r| {
            let meta = r.meta();
            let d = PyDict::new(py);
            d.set_item("id", meta.id)?;
            d.set_item("category", meta.category.as_str())?;
            d.set_item("severity", meta.default_severity.as_str())?;
            d.set_item("summary", meta.summary())?;
            Ok(d)
        })
        .collect()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyChecker>()?;
    m.add_class::<CheckResult>()?;
    m.add_class::<Finding>()?;
    m.add("ConfigError", m.py().get_type::<ConfigError>())?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
