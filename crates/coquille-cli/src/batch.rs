//! `coquille batch` and `coquille check --jsonl`: JSON-lines records through
//! the library's [`coquille::batch`], input after input, one output stream,
//! progress and a summary on standard error.

use crate::check::{Configs, Overrides};
use crate::output::Output;
use crate::{BatchArgs, Fatal};
use coquille::batch::{self, BatchError, BatchOptions, BatchSummary};
use std::io::{self, BufRead, BufReader, IsTerminal};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Default of `--max-record-size`.
pub const DEFAULT_MAX_RECORD: usize = 16 * 1024 * 1024;

pub fn run(args: BatchArgs) -> Result<ExitCode, Fatal> {
    let checker = Configs::new(Overrides {
        config: args.config.as_deref(),
        no_config: args.no_config,
        fail_on: args.fail_on,
        fail_on_score: None,
        select: &args.select,
        ignore: &args.ignore,
    })
    .checker_for(None)?;
    // The global pool: the input and output are locked standard streams,
    // which cannot move to a pool thread; the library's parallel part runs
    // on the global pool from this thread.
    rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build_global()?;
    let cannot_write = |e: io::Error| {
        Fatal(format!(
            "cannot write {}: {e}",
            args.output
                .as_deref()
                .map_or_else(|| "standard output".into(), |p| p.display().to_string())
        ))
    };
    let mut out = Output::open(args.output.as_deref()).map_err(cannot_write)?;
    let bar = (args.progress && io::stderr().is_terminal()).then(progress_bar);
    let started = Instant::now();
    let mut summary = BatchSummary::default();
    let mut unreadable = 0usize;
    let stdin = [Path::new("-").to_path_buf()];
    let paths = if args.paths.is_empty() {
        &stdin[..]
    } else {
        &args.paths
    };
    for path in paths {
        let (input, source): (Box<dyn BufRead>, _) = if path.as_os_str() == "-" {
            (Box::new(io::stdin().lock()), None)
        } else {
            match open(path) {
                Ok(file) => (Box::new(file), Some(path.display().to_string())),
                Err(message) => {
                    eprintln!("coquille: error: {message}");
                    unreadable += 1;
                    continue;
                }
            }
        };
        let options = BatchOptions {
            max_record_bytes: args.max_record_size,
            source,
            ..BatchOptions::default()
        };
        let ran = batch::run(&checker, input, &mut out, &options, &mut summary, |s| {
            if let Some(bar) = &bar {
                bar.set_position(s.records);
            }
        });
        match ran {
            Ok(()) => {}
            // The reader went away (`| head`): stop quietly.
            Err(BatchError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => break,
            Err(BatchError::Write(e)) => return Err(cannot_write(e)),
            Err(BatchError::Read(e)) => {
                let name = options.source.as_deref().unwrap_or("standard input");
                eprintln!("coquille: error: cannot read {name}: {e}");
                unreadable += 1;
            }
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    eprint!(
        "{}",
        summary_text(&summary, started.elapsed().as_secs_f64())
    );
    Ok(if unreadable > 0 || summary.errors > 0 {
        ExitCode::from(2)
    } else if summary.fail > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn open(path: &Path) -> Result<BufReader<std::fs::File>, String> {
    let fail = |e: io::Error| format!("cannot read {}: {e}", path.display());
    if path.is_dir() {
        return Err(format!(
            "{} is a folder; --jsonl reads JSON-lines files",
            path.display()
        ));
    }
    std::fs::File::open(path)
        .map(|f| BufReader::with_capacity(256 * 1024, f))
        .map_err(fail)
}

fn progress_bar() -> indicatif::ProgressBar {
    let bar =
        indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} checked {human_pos} records in {elapsed} ({per_sec})",
    ) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The summary for standard error.
fn summary_text(s: &BatchSummary, seconds: f64) -> String {
    let seconds = seconds.max(1e-9);
    let mut text = format!(
        "coquille: {} records in {:.1} s ({:.0} records/s, {:.1} MB/s): {} pass, {} warn, {} fail, {} error{}",
        s.records,
        seconds,
        s.records as f64 / seconds,
        s.bytes as f64 / seconds / 1e6,
        s.pass,
        s.warn,
        s.fail,
        s.errors,
        if s.errors == 1 { "" } else { "s" },
    );
    if let Some((source, line)) = &s.first_error {
        let at = source
            .as_ref()
            .map_or_else(|| format!("line {line}"), |src| format!("{src}:{line}"));
        text.push_str(&format!(" (first at {at})"));
    }
    text.push('\n');
    if s.findings > 0 {
        text.push_str(&format!("coquille: {} findings:\n", s.findings));
        let rules = s.rules_by_count();
        let width = rules.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
        for (rule, n) in rules {
            text.push_str(&format!("  {rule:<width$}  {n:>9}\n"));
        }
    }
    text
}
