//! The `coquille` command line: a thin layer over the library.

use clap::{Parser, Subcommand, ValueEnum};
mod batch;
mod bilingual;
mod check;
mod human;
mod inputs;
mod output;
use coquille::{Document, Format, Settings, Severity};
use std::io::Write;
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
  curl -s https://example.org/feed.txt | coquille check --stdin-filename feed.txt -
  coquille check --select untranslated-english,boilerplate article.txt
  coquille check --source article.en.html article.fr.html
  coquille check messages.fr.xlf po/fr.po memory.tmx
  coquille check --format sarif --output coquille.sarif docs/
  coquille check --diff docs/          (what --fix would change)

Folders are walked for .txt, .md, .markdown, .html, .htm, .xhtml, .xlf,
.xliff, .po and .tmx files, skipping what .gitignore, .ignore and git's
exclude files list, hidden files (--hidden) and --exclude globs; symlinks are
followed, a loop is said once; FIFOs, sockets and devices found in a folder
are skipped with a note. Each
file is checked with the coquille.toml nearest to it. Inputs larger than
--max-file-size are an error, never read to the end.

Inline suppression: <!-- coquille-ignore RULE[, RULE] --> turns rules off for
the block (paragraph) it stands in or the next one, <!-- coquille-ignore-file
RULE --> for the whole file, in HTML, Markdown and plain text (on a line of
its own).

Exit codes:
  0  no finding at or above --fail-on (with --diff: nothing to change)
  1  findings at or above --fail-on (with --diff: changes to make)
  2  usage, configuration or input error (missing or unreadable file or
     folder, invalid UTF-8, too large, ...), or an internal error on one file;
     the other files are still checked and reported
A closed output pipe (`coquille check big.txt | head`) ends the run quietly
with the code it would have had.";

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
    /// Check JSON-lines records ({"id", "fields": [...]}), one report line
    /// per record; the same as `check --jsonl`.
    #[command(after_help = BATCH_HELP)]
    Batch(BatchArgs),
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

const BATCH_HELP: &str = "\
Each input line is one record in the shape of a /v1/check request, with an id
(a string or a number; `document_id` is accepted too):
  {\"id\": \"a-1\", \"fields\": [{\"name\": \"title\", \"content\": \"...\"},
                          {\"name\": \"body\", \"format\": \"html\", \"content\": \"...\"}],
   \"options\": {\"fail_on\": \"warning\", \"offset_encoding\": \"utf-32\"}}
Each gives one line on the output, in input order:
  {\"id\": \"a-1\", \"line\": 1, \"verdict\": \"warn\", \"offset_encoding\": \"utf-8\",
   \"fields\": [{\"name\": \"title\", \"format\": \"text\", \"report\": {...}}, ...]}
where each report is the JSON report of that field's text (offsets into its
content). A line that cannot be checked (not JSON, not a record, not UTF-8,
larger than --max-record-size) gives an error line and the batch goes on:
  {\"id\": \"a-2\", \"line\": 2, \"error\": \"line 2: ...\"}
Blank lines are skipped. Records are checked in parallel, in chunks: memory
stays bounded whatever the number of records. A summary (records, verdicts,
findings per rule, throughput) goes to standard error.

Examples:
  coquille batch corpus.jsonl > reports.jsonl
  zcat corpus.jsonl.gz | coquille check --jsonl --jobs 8 --progress > reports.jsonl

Exit codes:
  0  every record checked, none failed (verdict `fail`)
  1  some records failed
  2  error lines (malformed records), an unreadable input or a usage or
     configuration error; every other record is still checked and reported";

#[cfg(feature = "server")]
const SERVE_HELP: &str = "\
Secrets come from the environment (or the [server] table of the config file),
never from arguments:
  COQUILLE_WEBHOOK_SECRET  webhook signing keys, space-separated (rotation):
                           whsec_... for standard, others for github-style, ghost
  COQUILLE_WEBHOOK_TOKEN   bearer tokens of strapi, contentful and markdown, space-separated
                           ([server.adapters.contentful] signing_secrets: Contentful's
                           request verification instead of a token)
  COQUILLE_API_TOKEN       token required by /v1/check and /v2/check when set
  COQUILLE_LOG             log filter (default: info); logs are JSON on stderr

Routes: POST /v1/check, POST /v1/webhooks/{standard,github-style,ghost,strapi,contentful,markdown},
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
    /// Folders are searched for .txt, .md, .markdown, .html, .htm and .xhtml files.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Print how many findings each rule made instead of the findings
    /// (human or json format).
    #[arg(long)]
    statistics: bool,
    /// Lowest severity that makes the check fail (exit 1) [default: error, or
    /// `fail_on` from coquille.toml].
    #[arg(long, value_enum)]
    fail_on: Option<SeverityArg>,
    /// Penalty points per 1,000 words above which a document fails, whatever
    /// the severities (`inf`: never) [default: 30, or `fail_on_score` from
    /// coquille.toml].
    #[arg(long, value_name = "POINTS", value_parser = parse_score)]
    fail_on_score: Option<f64>,
    /// Configuration file for every input (default: the coquille.toml
    /// nearest to each file, found from its folder upwards).
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
    /// Apply the certain suggestions to the files, then report what remains.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print what --fix would change as a unified diff; change nothing.
    #[arg(long)]
    diff: bool,
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
    /// Name standard input in reports, and pick its format and
    /// configuration as if it were this file.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// Skip paths matching this gitignore-style glob (relative to each
    /// folder walked; repeatable), e.g. `--exclude 'drafts/'`.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Also check hidden files and folders (names starting with a dot).
    #[arg(long)]
    hidden: bool,
    /// Do not skip what .gitignore, .ignore and git's exclude files list.
    #[arg(long)]
    no_ignore: bool,
    /// Files checked at once [default: one per core, or RAYON_NUM_THREADS].
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// Largest input checked, in bytes; larger ones are an error (exit 2),
    /// never read to the end.
    #[arg(long, value_name = "BYTES", default_value_t = inputs::DEFAULT_MAX_BYTES)]
    max_file_size: u64,
    /// Read JSON-lines records from the inputs and write one report line per
    /// record (see `coquille batch --help`).
    #[arg(long, conflicts_with_all = [
        "format", "statistics", "fix", "diff", "color", "input_format",
        "stdin_filename", "exclude", "hidden", "no_ignore", "max_file_size",
    ])]
    jsonl: bool,
    /// With --jsonl: show progress on standard error when it is a terminal.
    #[arg(long, requires = "jsonl")]
    progress: bool,
    /// With --jsonl: largest record (line) checked, in bytes; a larger one
    /// gives an error line.
    #[arg(long, value_name = "BYTES", requires = "jsonl")]
    max_record_size: Option<usize>,
}

#[derive(clap::Args, Debug)]
struct BatchArgs {
    /// JSON-lines files to read in turn; `-` or nothing reads standard input.
    paths: Vec<PathBuf>,
    /// Write the report lines to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Lowest severity that makes a record's verdict `fail` [default: error,
    /// or `fail_on` from coquille.toml]; a record's `options.fail_on` wins.
    #[arg(long, value_enum)]
    fail_on: Option<SeverityArg>,
    /// Configuration file (default: coquille.toml in the current folder or above).
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
    /// Records checked at once [default: one per core, or RAYON_NUM_THREADS].
    #[arg(long, short, value_name = "N")]
    jobs: Option<usize>,
    /// Show progress on standard error when it is a terminal.
    #[arg(long)]
    progress: bool,
    /// Largest record (line) checked, in bytes; a larger one gives an error
    /// line.
    #[arg(long, value_name = "BYTES", default_value_t = batch::DEFAULT_MAX_RECORD)]
    max_record_size: usize,
}

impl From<CheckArgs> for BatchArgs {
    fn from(a: CheckArgs) -> Self {
        BatchArgs {
            paths: a.paths,
            output: a.output,
            fail_on: a.fail_on,
            config: a.config,
            no_config: a.no_config,
            select: a.select,
            ignore: a.ignore,
            jobs: a.jobs,
            progress: a.progress,
            max_record_size: a.max_record_size.unwrap_or(batch::DEFAULT_MAX_RECORD),
        }
    }
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

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OutputFormat {
    /// Findings with the source line underlined, then a summary.
    Human,
    /// The JSON report (see README: "JSON report").
    Json,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, VS Code).
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// JUnit XML test results, one test case per finding.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
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
        Command::Check(args) if args.jsonl => batch::run(args.into()),
        Command::Check(args) => check::run(args),
        Command::Batch(args) => batch::run(args),
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

pub(crate) fn format_of(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        _ => Format::Text,
    }
}

fn split(args: SplitArgs) -> Result<ExitCode, Fatal> {
    let text = inputs::read_path(&args.path, inputs::DEFAULT_MAX_BYTES).map_err(Fatal)?;
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

/// A `--fail-on-score` value: a number of points, 0 or more, or `inf`.
fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v >= 0.0 => Ok(v),
        _ => Err(format!(
            "`{s}` is not a number of points, 0 or more (or `inf`)"
        )),
    }
}
