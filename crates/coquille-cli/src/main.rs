//! The `coquille` command line: a thin layer over the library.

use clap::{Parser, Subcommand, ValueEnum};
mod bilingual;
mod human;
use coquille::{Checker, Document, Format, Report, Settings, Severity};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_HELP: &str = "\
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage, configuration or input error (missing file, invalid UTF-8, ...),
     or an internal error on one file (the others are still reported)";

const CHECK_HELP: &str = "\
Examples:
  coquille check article.txt
  coquille check --format json --fail-on warning articles/
  curl -s https://example.org/feed.txt | coquille check -
  coquille check --select untranslated-english,boilerplate article.txt
  coquille check --source article.en.html article.fr.html
  coquille check messages.fr.xlf po/fr.po memory.tmx

Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage, configuration or input error (missing file, invalid UTF-8, ...),
     or an internal error on one file (the others are still reported)";

/// `coquille --version`: the version, then the licences of the code and of the
/// language data compiled in (`LICENSES/summary.txt`).
const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\n",
    include_str!("../../../LICENSES/summary.txt")
);

/// Coquille: a translation-quality checker for French text.
///
/// Finds what machine translation and web scraping leave in French articles:
/// English left untranslated, broken HTML tags, doubled punctuation, English
/// typography, web-page furniture.
#[derive(Parser, Debug)]
#[command(
    name = "coquille",
    version,
    long_version = LONG_VERSION,
    about,
    long_about,
    after_help = EXIT_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check files (or standard input) and report findings.
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Split a file into sentences, one a line (or JSON with byte offsets).
    Split(SplitArgs),
    /// Align the sentences of a French text with its English source.
    #[command(after_help = bilingual::ALIGN_HELP)]
    Align(bilingual::AlignArgs),
    /// List every rule: id, category, default severity, summary.
    Rules,
    /// Print the documentation of one rule.
    Rule {
        /// The rule id, e.g. duplicate-punctuation.
        id: String,
    },
    /// Run the HTTP gate: /v1/check, CMS webhooks, a LanguageTool-compatible API.
    #[cfg(feature = "server")]
    #[command(after_help = SERVE_HELP)]
    Serve(ServeArgs),
}

#[cfg(feature = "server")]
const SERVE_HELP: &str = "\
Secrets come from the environment (or the [server] table of the config file),
never from arguments:
  COQUILLE_WEBHOOK_SECRET  webhook signing keys, space-separated (rotation):
                           whsec_... for standard, others for github-style, ghost
  COQUILLE_WEBHOOK_TOKEN   bearer tokens of strapi and contentful, space-separated
  COQUILLE_API_TOKEN       token required by /v1/check and /v2/check when set
  COQUILLE_LOG             log filter (default: info); logs are JSON on stderr

Routes: POST /v1/check, POST /v1/webhooks/{standard,github-style,ghost,strapi,contentful},
POST|GET /v2/check, GET /v2/languages, GET /v1/rules[/{id}], /healthz, /readyz, /metrics.
Stops on SIGTERM or SIGINT after finishing the requests in flight.";

#[cfg(feature = "server")]
#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Address to listen on [default: `[server] addr` from the config, else 127.0.0.1:8080].
    #[arg(long)]
    addr: Option<String>,
    /// Configuration file (default: coquille.toml in the current folder or above).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or folders to check; `-` or nothing reads standard input.
    /// Folders are searched for .txt, .md, .markdown, .html and .htm files.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Lowest severity that makes the check fail (exit 1) [default: error, or
    /// `fail_on` from coquille.toml].
    #[arg(long, value_enum)]
    fail_on: Option<SeverityArg>,
    /// Configuration file (default: coquille.toml found from the first path upwards).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Do not read any configuration file.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Run only these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    select: Vec<String>,
    /// Never run these rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    ignore: Vec<String>,
    /// When to colour the human report.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// How to read the input [default: from the file name: .html/.htm HTML,
    /// .md/.markdown Markdown, anything else and standard input text].
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
    /// The English source of the (single) file checked: sentences are
    /// aligned and the bilingual rules (omission, number-mismatch...) run.
    /// Read as text, HTML or Markdown by its name, like the checked file.
    /// XLIFF, PO and TMX files carry their source and need no --source.
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
struct SplitArgs {
    /// File to split; `-` reads standard input.
    path: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = SplitFormat::Text)]
    format: SplitFormat,
    /// How to read the input [default: from the file name].
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub(crate) enum InputFormat {
    /// Plain text.
    Text,
    /// HTML: scripts, styles, comments, code and tags are not read as prose.
    Html,
    /// Markdown: code and front matter are not read as prose.
    Markdown,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Format {
        match f {
            InputFormat::Text => Format::Text,
            InputFormat::Html => Format::Html,
            InputFormat::Markdown => Format::Markdown,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum OutputFormat {
    /// Findings with the source line underlined, then a summary.
    Human,
    /// The JSON report (see README: "JSON report").
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum SplitFormat {
    /// One sentence a line.
    Text,
    /// `[{"start":..,"end":..,"text":..}]`, byte offsets.
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum SeverityArg {
    Error,
    Warning,
    Info,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Self {
        match s {
            SeverityArg::Error => Severity::Error,
            SeverityArg::Warning => Severity::Warning,
            SeverityArg::Info => Severity::Info,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// An error that ends the command with exit code 2.
pub(crate) struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Split(args) => split(args),
        Command::Align(args) => bilingual::align(args),
        Command::Rules => list_rules(),
        Command::Rule { id } => show_rule(&id),
        #[cfg(feature = "server")]
        Command::Serve(args) => serve(args),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(msg)) => {
            eprintln!("coquille: error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Reads a file (or standard input for `-`) as UTF-8, naming the file and the
/// byte offset of the first invalid sequence on failure.
pub(crate) fn read_input(path: &Path) -> Result<String, Fatal> {
    let mut bytes = Vec::new();
    let name = path.display();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Fatal(format!("cannot read standard input: {e}")))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| Fatal(format!("cannot read {name}: {e}")))?;
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Fatal(format!(
            "{name}: not valid UTF-8 (first invalid byte at offset {offset}); convert it to UTF-8 first"
        ))
    })
}

pub(crate) fn format_of(path: &Path) -> Format {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        _ => Format::Text,
    }
}

/// Expands folders into the text files below them, sorted.
fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Fatal> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found = Vec::new();
            walk(p, &mut found)?;
            found.sort();
            if found.is_empty() {
                return Err(Fatal(format!(
                    "{}: folder holds no .txt, .md or .html file",
                    p.display()
                )));
            }
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    if out.is_empty() {
        out.push(PathBuf::from("-"));
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Fatal> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Fatal(format!("cannot read {}: {e}", dir.display())))?;
    for entry in entries {
        let path = entry
            .map_err(|e| Fatal(format!("cannot read {}: {e}", dir.display())))?
            .path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "md" | "markdown" | "html" | "htm")
        ) || path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| bilingual::EXTENSIONS.contains(&e))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn load_settings(args: &CheckArgs, first: &Path) -> Result<Settings, Fatal> {
    let mut settings = if args.no_config {
        Settings::default()
    } else if let Some(file) = &args.config {
        Settings::from_file(file)?
    } else {
        let start = if first.as_os_str() == "-" {
            Path::new(".")
        } else {
            first
        };
        match Settings::discover(start) {
            Some(file) => Settings::from_file(&file)?,
            None => Settings::default(),
        }
    };
    if let Some(f) = args.fail_on {
        settings.fail_on = f.into();
    }
    if !args.select.is_empty() {
        settings.select = args.select.clone();
    }
    settings.ignore.extend(args.ignore.iter().cloned());
    Ok(settings)
}

fn check(args: CheckArgs) -> Result<ExitCode, Fatal> {
    let paths = expand_paths(&args.paths)?;
    let settings = load_settings(&args, &paths[0])?;
    let checker = Checker::new(settings)?;
    let source = match &args.source {
        Some(p) => Some(bilingual::Source::read(p, &paths, args.input_format)?),
        None => None,
    };
    let mut report = Report::default();
    let mut sources = Vec::new();
    let mut input_errors = Vec::new();
    for path in &paths {
        match read_input(path) {
            Ok(text) => {
                let name = path.display().to_string();
                // A bug in a rule must not lose the other files' reports: it is
                // reported like an unreadable file (exit 2), the panic message
                // above it.
                let checked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let format = args
                        .input_format
                        .map_or_else(|| format_of(path), Format::from);
                    bilingual::check_input(
                        &checker,
                        &text,
                        &name,
                        format,
                        args.input_format.is_some(),
                        source.as_ref(),
                    )
                }));
                match checked {
                    Ok(Err(msg)) => {
                        eprintln!("coquille: error: {msg}");
                        input_errors.push(msg);
                    }
                    Ok(Ok(doc_report)) => {
                        report.documents.push(doc_report);
                        sources.push(text);
                    }
                    Err(_) => {
                        let msg = format!(
                            "{name}: internal error while checking this file (a bug in \
                             Coquille; please report it with the file)"
                        );
                        eprintln!("coquille: error: {msg}");
                        input_errors.push(msg);
                    }
                }
            }
            Err(Fatal(msg)) => {
                eprintln!("coquille: error: {msg}");
                input_errors.push(msg);
            }
        }
    }
    let mut stdout = anstream::AutoStream::new(
        std::io::stdout().lock(),
        match args.color {
            ColorChoice::Auto => anstream::ColorChoice::Auto,
            ColorChoice::Always => anstream::ColorChoice::Always,
            ColorChoice::Never => anstream::ColorChoice::Never,
        },
    );
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut stdout, &report)?;
            writeln!(stdout)?;
        }
        OutputFormat::Human => {
            let color = match args.color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let refs: Vec<&str> = sources.iter().map(String::as_str).collect();
            write!(stdout, "{}", human::render(&report, &refs, color))?;
        }
    }
    stdout.flush()?;
    if !input_errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(match report.verdict() {
        coquille::Verdict::Fail => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}

fn split(args: SplitArgs) -> Result<ExitCode, Fatal> {
    let text = read_input(&args.path)?;
    let format = args
        .input_format
        .map_or_else(|| format_of(&args.path), Format::from);
    let doc = Document::with_format(&text, format);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        SplitFormat::Text => {
            for s in doc.sentences() {
                // One sentence a line: line breaks inside a sentence become spaces.
                let one_line: String = doc
                    .slice(s.span)
                    .chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                    .collect();
                writeln!(out, "{one_line}")?;
            }
        }
        SplitFormat::Json => {
            #[derive(serde::Serialize)]
            struct Out<'a> {
                start: usize,
                end: usize,
                text: &'a str,
            }
            let v: Vec<Out> = doc
                .sentences()
                .iter()
                .map(|s| Out {
                    start: s.span.start,
                    end: s.span.end,
                    text: doc.slice(s.span),
                })
                .collect();
            serde_json::to_writer(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "server")]
fn serve(args: ServeArgs) -> Result<ExitCode, Fatal> {
    let settings = match &args.config {
        Some(file) => Settings::from_file(file)?,
        None => match Settings::discover(Path::new(".")) {
            Some(file) => Settings::from_file(&file)?,
            None => Settings::default(),
        },
    };
    coquille_server::main(coquille_server::ServeOptions {
        addr: args.addr,
        settings,
    })?;
    Ok(ExitCode::SUCCESS)
}

fn list_rules() -> Result<ExitCode, Fatal> {
    let mut out = std::io::stdout().lock();
    let width = coquille::rules::ALL
        .iter()
        .map(|r| r.meta().id.len())
        .max()
        .unwrap_or(0);
    for rule in coquille::rules::ALL {
        let m = rule.meta();
        writeln!(
            out,
            "{:<width$}  {:<11}  {:<7}  {}",
            m.id,
            m.category.as_str(),
            m.default_severity.as_str(),
            m.summary()
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn show_rule(id: &str) -> Result<ExitCode, Fatal> {
    let rule = coquille::rules::by_id(id)
        .ok_or_else(|| Fatal(format!("unknown rule `{id}` (see `coquille rules`)")))?;
    let m = rule.meta();
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "# {}\n\ncategory: {} · default severity: {}\n",
        m.id, m.category, m.default_severity
    )?;
    for line in m.docs.lines() {
        writeln!(out, "{}", line.strip_prefix(' ').unwrap_or(line))?;
    }
    Ok(ExitCode::SUCCESS)
}
