//! The bilingual side of the command line: `check --source`, XLIFF, PO and
//! TMX files, and `coquille align`. Kept apart from the rest of the CLI; the
//! checks themselves live in the library (`coquille::bilingual`).

use crate::inputs::{self, Input};
use crate::{Fatal, InputFormat, format_of};
use coquille::bitext::{self, BitextFormat};
use coquille::{Checker, Document, DocumentReport, Format, Span, bilingual};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Extensions of the bilingual files a folder walk picks up.
pub const EXTENSIONS: [&str; 4] = ["xlf", "xliff", "po", "tmx"];

/// The English source given with `check --source`, read once.
pub struct Source {
    text: String,
    format: Format,
}

impl Source {
    /// Reads the source `path` for the checked `inputs` (exactly one file,
    /// not standard input), at most `max_bytes`; `forced` is
    /// `--input-format`.
    pub fn read(
        path: &Path,
        checked: &[Input],
        forced: Option<InputFormat>,
        max_bytes: u64,
    ) -> Result<Self, Fatal> {
        if !matches!(checked, [Input::File(_)]) {
            return Err(Fatal(format!(
                "--source {} needs exactly one checked file (its translation)",
                path.display()
            )));
        }
        Ok(Source {
            text: inputs::read_path(path, max_bytes).map_err(Fatal)?,
            format: forced.map_or_else(|| format_of(path), Format::from),
        })
    }
}

/// The bilingual format of the input `name`, unless `forced`
/// (`--input-format` given).
fn bitext_format(name: &str, forced: bool) -> Option<BitextFormat> {
    BitextFormat::from_path(name).filter(|_| !forced)
}

/// Whether the input `name` is read as a bilingual file (XLIFF, PO, TMX)
/// unit by unit; `forced`: `--input-format` given.
pub fn is_bitext(name: &str, forced: bool) -> bool {
    bitext_format(name, forced).is_some()
}

/// Checks one input: a bilingual file (by its name, unless `--input-format`
/// is given) unit by unit, else a document in `format`, against `source`
/// when there is one. Errors are messages naming the file.
pub fn check_input(
    checker: &Checker,
    text: &mut String,
    name: &str,
    format: Format,
    forced: bool,
    source: Option<&Source>,
) -> Result<DocumentReport, String> {
    if let Some(kind) = bitext_format(name, forced) {
        if source.is_some() {
            return Err(format!(
                "{name}: a {} file carries its own source; --source is for text, HTML and Markdown",
                kind.as_str()
            ));
        }
        return bitext::parse(text, kind)
            .map(|b| bilingual::check_bitext(checker, text, &b, Some(name)))
            .map_err(|e| format!("{name}: {e}"));
    }
    Ok(match source {
        Some(s) => {
            let doc = Document::with_format(text, format);
            bilingual::check_with_source(checker, &doc, &s.text, s.format, Some(name))
        }
        // The view is written over the input's buffer: a large file is
        // held once, not twice; `text` comes back as it was.
        None => checker.check_in_place(text, format, Some(name)),
    })
}

/// Help printed after `coquille align --help`.
pub const ALIGN_HELP: &str = "\
JSON: [{\"source\": [start, end] or null, \"target\": [start, end] or null,
\"kind\": \"1-1\"}], one object a link in text order, UTF-8 byte offsets into
each file, end exclusive. A 2-1 link is one link whose source span covers both
English sentences (1-2 likewise on the French side); a 1-0 link is an English
sentence left out of the translation (target null), a 0-1 link a French
sentence with no source (source null).

Text: one link a line, kind, English sentence(s) and French sentence(s)
separated by tabs.

Example:
  coquille align --source article.en.txt article.fr.txt --format json";

/// Arguments of `coquille align`.
#[derive(clap::Args, Debug)]
pub struct AlignArgs {
    /// The English source (text, HTML or Markdown, by its name).
    #[arg(long, value_name = "FILE")]
    source: PathBuf,
    /// The French translation.
    target: PathBuf,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = AlignFormat::Text)]
    format: AlignFormat,
    /// How to read both files [default: from the file names].
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormat>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum AlignFormat {
    /// One link a line: kind, English, French (tab-separated).
    Text,
    /// `[{"source": [start, end], "target": [start, end], "kind": "1-1"}]`, byte offsets.
    Json,
}

/// `coquille align`: prints the sentence links of a translation.
pub fn align(args: AlignArgs) -> Result<ExitCode, Fatal> {
    let source = inputs::read_path(&args.source, inputs::DEFAULT_MAX_BYTES).map_err(Fatal)?;
    let target = inputs::read_path(&args.target, inputs::DEFAULT_MAX_BYTES).map_err(Fatal)?;
    let format_for = |p: &Path| args.input_format.map_or_else(|| format_of(p), Format::from);
    let alignment = coquille::align::align_texts(
        &source,
        format_for(&args.source),
        &target,
        format_for(&args.target),
    );
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match args.format {
        AlignFormat::Json => {
            #[derive(serde::Serialize)]
            struct Out {
                source: Option<[usize; 2]>,
                target: Option<[usize; 2]>,
                kind: &'static str,
            }
            let links: Vec<Out> = alignment
                .links
                .iter()
                .map(|l| Out {
                    source: l.source.map(|s| [s.start, s.end]),
                    target: l.target.map(|t| [t.start, t.end]),
                    kind: l.kind.as_str(),
                })
                .collect();
            serde_json::to_writer(&mut out, &links)?;
            writeln!(out)?;
        }
        AlignFormat::Text => {
            let one_line = |text: &str, span: Option<Span>| -> String {
                span.map_or(String::new(), |s| {
                    s.slice(text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
            };
            for l in &alignment.links {
                writeln!(
                    out,
                    "{}\t{}\t{}",
                    l.kind.as_str(),
                    one_line(&source, l.source),
                    one_line(&target, l.target)
                )?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
