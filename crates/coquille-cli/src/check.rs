//! `coquille check`: find the inputs, pick each one's configuration, check
//! them in parallel, fix or diff them if asked, and render one report in the
//! order of the inputs (the same order as a run on one thread).

use crate::inputs::{self, Input};
use crate::output::Output;
use crate::{CheckArgs, ColorChoice, Fatal, OutputFormat, SeverityArg, bilingual, human};
use coquille::report::{github, gitlab, junit, sarif};
use coquille::{Checker, DocumentReport, Format, InputError, Report, Settings};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

/// Below this many inputs no progress bar is drawn (the run is short).
const PROGRESS_MIN_INPUTS: usize = 100;

/// One input with what checking it needs.
struct Task<'a> {
    input: &'a Input,
    checker: Arc<Checker>,
    format: Format,
    /// `--source`: the English original of the one input.
    source: Option<&'a bilingual::Source>,
}

/// What became of one input.
enum Outcome {
    Checked {
        report: DocumentReport,
        /// The human rendering of its findings (human format only).
        rendered: String,
        /// `--diff`: the unified diff, when the fixes change something.
        diff: Option<String>,
        /// `--fix`/`--diff`: edits applied.
        fixed: usize,
        notes: Vec<String>,
    },
    Failed(InputError),
}

pub fn run(args: CheckArgs) -> Result<ExitCode, Fatal> {
    if args.statistics && !matches!(args.format, OutputFormat::Human | OutputFormat::Json) {
        return Err(Fatal(
            "--statistics works with --format human or json".into(),
        ));
    }
    let stdin_name = args
        .stdin_filename
        .as_ref()
        .map_or_else(|| "-".to_string(), |p| p.display().to_string());
    let walk = inputs::WalkOptions {
        hidden: args.hidden,
        no_ignore: args.no_ignore,
        exclude: args.exclude.clone(),
    };
    let found = inputs::collect(&args.paths, &stdin_name, &walk);
    if args.fix && found.inputs.iter().any(|i| matches!(i, Input::Stdin(_))) {
        return Err(Fatal(
            "--fix rewrites files and cannot rewrite standard input; use --diff".into(),
        ));
    }
    for note in &found.notes {
        eprintln!("coquille: note: {note}");
    }
    // With nothing readable to check, the errors say why; no source needed.
    let nothing_readable = found.inputs.is_empty() && !found.errors.is_empty();
    let source = match &args.source {
        Some(path) if !nothing_readable => Some(bilingual::Source::read(
            path,
            &found.inputs,
            args.input_format,
            args.max_file_size,
        )?),
        _ => None,
    };
    let mut configs = Configs::new(Overrides::of(&args));
    let mut tasks = Vec::with_capacity(found.inputs.len());
    for input in &found.inputs {
        let like = match input {
            Input::Stdin(_) => args.stdin_filename.as_deref(),
            Input::File(p) => Some(p.as_path()),
        };
        let format = args
            .input_format
            .map(Format::from)
            .or_else(|| like.map(crate::format_of))
            .unwrap_or(Format::Text);
        tasks.push(Task {
            input,
            checker: configs.checker_for(like)?,
            format,
            source: source.as_ref(),
        });
    }

    let color = args.format == OutputFormat::Human
        && match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                args.output.is_none()
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none()
            }
        };
    let render = args.format == OutputFormat::Human && !args.statistics && !args.diff;
    let progress = (tasks.len() >= PROGRESS_MIN_INPUTS && std::io::stderr().is_terminal())
        .then(|| progress_bar(tasks.len()));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()?;
    let outcomes: Vec<Outcome> = pool.install(|| {
        tasks
            .par_iter()
            .map(|task| {
                let outcome = process(task, &args, render, color);
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
                outcome
            })
            .collect()
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }

    let mut report = Report {
        errors: found.errors,
        ..Report::default()
    };
    let mut rendered = Vec::new();
    let mut diffs = Vec::new();
    let mut fixed = (0, 0);
    for outcome in outcomes {
        match outcome {
            Outcome::Checked {
                report: doc,
                rendered: text,
                diff,
                fixed: n,
                notes,
            } => {
                for note in notes {
                    eprintln!("coquille: note: {note}");
                }
                if n > 0 {
                    fixed.0 += n;
                    fixed.1 += 1;
                }
                report.documents.push(doc);
                rendered.push(text);
                diffs.extend(diff);
            }
            Outcome::Failed(e) => report.errors.push(e),
        }
    }
    for e in &report.errors {
        eprintln!("coquille: error: {}", e.message);
    }

    let mut out = Output::open(args.output.as_deref()).map_err(|e| {
        Fatal(format!(
            "cannot write {}: {e}",
            show(args.output.as_deref())
        ))
    })?;
    let written = write_report(&mut out, &args, &report, &rendered, &diffs);
    written.and_then(|()| out.finish()).map_err(|e| {
        Fatal(format!(
            "cannot write {}: {e}",
            show(args.output.as_deref())
        ))
    })?;
    if args.fix || args.diff {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let fixes = plural(fixed.0, "fix", "fixes");
        let files = plural(fixed.1, "file", "files");
        if args.diff {
            eprintln!("coquille: {fixes} would change {files}");
        } else {
            eprintln!("coquille: applied {fixes} to {files}");
        }
    }
    Ok(if !report.errors.is_empty() {
        ExitCode::from(2)
    } else if args.diff {
        ExitCode::from(u8::from(!diffs.is_empty()))
    } else {
        match report.verdict() {
            coquille::Verdict::Fail => ExitCode::from(1),
            _ => ExitCode::SUCCESS,
        }
    })
}

fn show(path: Option<&Path>) -> String {
    path.map_or_else(|| "standard output".into(), |p| p.display().to_string())
}

fn progress_bar(len: usize) -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("checking {pos}/{len} files {wide_bar} {eta}")
    {
        bar.set_style(style);
    }
    bar
}

fn write_report(
    out: &mut Output,
    args: &CheckArgs,
    report: &Report,
    rendered: &[String],
    diffs: &[String],
) -> std::io::Result<()> {
    if args.diff {
        for d in diffs {
            out.write_str(d)?;
        }
        return Ok(());
    }
    if args.statistics {
        return match args.format {
            OutputFormat::Json => out.write_json(&report.statistics()),
            _ => {
                out.write_str(&human::statistics(report))?;
                out.write_str(&human::summary(report))?;
                out.write_str("\n")
            }
        };
    }
    match args.format {
        OutputFormat::Human => {
            for r in rendered {
                out.write_str(r)?;
            }
            out.write_str(&human::summary(report))?;
            out.write_str("\n")
        }
        OutputFormat::Json => out.write_json(report),
        OutputFormat::Sarif => {
            let rules: Vec<&coquille::RuleMeta> =
                coquille::rules::ALL.iter().map(|r| r.meta()).collect();
            out.write_json(&sarif::render(report, &rules))
        }
        OutputFormat::Github => out.write_str(&github::render(report)),
        OutputFormat::Junit => out.write_str(&junit::render(report)),
        OutputFormat::Gitlab => out.write_json(&gitlab::render(report)),
    }
}

/// Reads, checks (and fixes) one input. A bug in a rule must not lose the
/// other files' reports: a panic is reported like an unreadable file.
fn process(task: &Task<'_>, args: &CheckArgs, render: bool, color: bool) -> Outcome {
    let name = task.input.name();
    let text = match inputs::read(task.input, args.max_file_size) {
        Ok(text) => text,
        Err(message) => {
            return Outcome::Failed(InputError {
                path: name,
                message,
            });
        }
    };
    let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        check_one(task, args, &name, text, render, color)
    }));
    match checked {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(message)) => Outcome::Failed(InputError {
            path: name,
            message,
        }),
        Err(_) => Outcome::Failed(InputError {
            message: format!(
                "{name}: internal error while checking this file (a bug in Coquille; please report it with the file)"
            ),
            path: name,
        }),
    }
}

fn check_one(
    task: &Task<'_>,
    args: &CheckArgs,
    name: &str,
    text: String,
    render: bool,
    color: bool,
) -> Result<Outcome, String> {
    let checker = &task.checker;
    let mut notes = unknown_suppressions(name, &text, task.format);
    let bitext = bilingual::is_bitext(name, args.input_format.is_some());
    if bitext && (args.fix || args.diff) {
        notes.push(format!(
            "{name}: --fix and --diff leave XLIFF, PO and TMX files as they are"
        ));
    }
    let (text, diff, fixed) = if (args.fix || args.diff) && !bitext {
        let fixed = checker.fix(&text, task.format);
        if !fixed.settled {
            notes.push(format!(
                "{name}: fixes still changed the text after {} passes; run again",
                coquille::fix::MAX_PASSES
            ));
        }
        let changed = fixed.text != text;
        let diff = (args.diff && changed).then(|| unified_diff(name, &text, &fixed.text));
        if args.fix
            && changed
            && let Input::File(path) = task.input
        {
            write_in_place(path, &fixed.text)?;
        }
        let applied = if changed { fixed.applied } else { 0 };
        (if args.fix { fixed.text } else { text }, diff, applied)
    } else {
        (text, None, 0)
    };
    let mut text = text;
    let report = bilingual::check_input(
        checker,
        &mut text,
        name,
        task.format,
        args.input_format.is_some(),
        task.source,
    )?;
    let rendered = if render {
        human::render_document(&human::renderer(color), &report, &text)
    } else {
        String::new()
    };
    Ok(Outcome::Checked {
        report,
        rendered,
        diff,
        fixed,
        notes,
    })
}

/// Notes for suppression comments that name rules that do not exist (a
/// typo would otherwise silently suppress nothing).
fn unknown_suppressions(name: &str, text: &str, format: Format) -> Vec<String> {
    if !text.contains("coquille-ignore") {
        return Vec::new();
    }
    let mut notes = Vec::new();
    for d in coquille::suppress::directives(text, format == Format::Text) {
        for id in d
            .rules
            .iter()
            .filter(|id| coquille::rules::by_id(id).is_none())
        {
            let line = text[..d.span.start].matches('\n').count() + 1;
            notes.push(format!(
                "{name}:{line}: coquille-ignore names unknown rule `{id}` (see `coquille rules`)"
            ));
        }
    }
    notes
}

fn unified_diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(name, name)
        .to_string()
}

/// Replaces `path`'s content with `text` through a temporary file in the
/// same folder and a rename, keeping the file's permissions: an
/// interrupted run never leaves half a file.
fn write_in_place(path: &Path, text: &str) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    let permissions = std::fs::metadata(path).map_err(fail)?.permissions();
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{file_name}.coquille-fix.tmp"));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::set_permissions(&tmp, permissions))
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail(e)
        })
}

/// What the command line says about configuration, over the files.
pub struct Overrides<'a> {
    pub config: Option<&'a Path>,
    pub no_config: bool,
    pub fail_on: Option<SeverityArg>,
    pub fail_on_score: Option<f64>,
    pub select: &'a [String],
    pub ignore: &'a [String],
}

impl<'a> Overrides<'a> {
    fn of(args: &'a CheckArgs) -> Self {
        Overrides {
            config: args.config.as_deref(),
            no_config: args.no_config,
            fail_on: args.fail_on,
            fail_on_score: args.fail_on_score,
            select: &args.select,
            ignore: &args.ignore,
        }
    }
}

/// The checkers, one per configuration file, each found from its input's
/// folder upwards (unless `--config` or `--no-config`), with the command
/// line's overrides on top.
pub struct Configs<'a> {
    args: Overrides<'a>,
    /// By configuration file (`None`: the defaults).
    checkers: HashMap<Option<PathBuf>, Arc<Checker>>,
    /// Which configuration file holds for a folder.
    by_folder: HashMap<PathBuf, Option<PathBuf>>,
}

impl<'a> Configs<'a> {
    pub fn new(args: Overrides<'a>) -> Self {
        Configs {
            args,
            checkers: HashMap::new(),
            by_folder: HashMap::new(),
        }
    }

    /// The checker for an input like `path` (`None`: standard input without
    /// a name, configured from the current folder).
    pub fn checker_for(&mut self, path: Option<&Path>) -> Result<Arc<Checker>, Fatal> {
        let file = if self.args.no_config {
            None
        } else if let Some(file) = self.args.config {
            Some(file.to_path_buf())
        } else {
            let folder = path
                .and_then(Path::parent)
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            self.by_folder
                .entry(folder)
                .or_insert_with_key(|folder| Settings::discover(folder))
                .clone()
        };
        if let Some(checker) = self.checkers.get(&file) {
            return Ok(checker.clone());
        }
        let mut settings = match &file {
            Some(f) => Settings::from_file(f)?,
            None => Settings::default(),
        };
        if let Some(f) = self.args.fail_on {
            settings.fail_on = f.into();
        }
        if let Some(s) = self.args.fail_on_score {
            settings.fail_on_score = s;
        }
        if !self.args.select.is_empty() {
            settings.select = self.args.select.to_vec();
        }
        settings.ignore.extend(self.args.ignore.iter().cloned());
        let checker = Arc::new(Checker::new(settings).map_err(|e| {
            // Name the file unless the id came from the command line.
            let from_args = match &e {
                coquille::CheckerError::UnknownRule { id, .. } => {
                    self.args.select.contains(id) || self.args.ignore.contains(id)
                }
                // Rule options come from the file only.
                coquille::CheckerError::Options(_) => false,
            };
            match &file {
                Some(f) if !from_args => Fatal(format!("{}: {e}", f.display())),
                _ => Fatal(e.to_string()),
            }
        })?);
        self.checkers.insert(file, checker.clone());
        Ok(checker)
    }
}
