//! What `coquille check` reads: paths expanded into files with the `ignore`
//! crate (`.gitignore`, `.ignore`, hidden files, `--exclude`, symlink loops),
//! and each input read with a size cap, so that no input can hang the run
//! or exhaust memory.

use coquille::InputError;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Extensions of the monolingual files searched for in folders (the
/// bilingual ones are in [`crate::bilingual::EXTENSIONS`]).
pub const EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "html", "htm", "xhtml"];

/// How folders are walked.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Also enter hidden files and folders (names starting with `.`).
    pub hidden: bool,
    /// Do not read `.gitignore`, `.ignore` and git's exclude files.
    pub no_ignore: bool,
    /// Gitignore-style globs of paths never checked, relative to each folder
    /// walked.
    pub exclude: Vec<String>,
}

/// One input to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, shown under this name.
    Stdin(String),
    /// A file, as given or found.
    File(PathBuf),
}

impl Input {
    /// The name in reports.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin(name) => name.clone(),
            Input::File(p) => p.display().to_string(),
        }
    }
}

/// The inputs found, what could not be walked, and notes for the user.
#[derive(Debug, Default)]
pub struct Found {
    /// Inputs in order: arguments in the order given, each folder's files
    /// sorted by path; a file reached twice (through symlinks) once.
    pub inputs: Vec<Input>,
    /// Paths that could not be read (exit 2; the rest is still checked).
    pub errors: Vec<InputError>,
    /// Things skipped on purpose (a FIFO, a symlink loop), said once each.
    pub notes: Vec<String>,
}

/// Expands `paths` into inputs; no path, or `-`, is standard input.
pub fn collect(paths: &[PathBuf], stdin_name: &str, options: &WalkOptions) -> Found {
    let mut found = Found::default();
    let mut seen = HashSet::new();
    if paths.is_empty() {
        found.inputs.push(Input::Stdin(stdin_name.to_string()));
    }
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(Input::Stdin(stdin_name.to_string()));
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => found
                .errors
                .push(error(path, format!("cannot read {}: {e}", path.display()))),
            Ok(m) if m.is_dir() => walk(path, options, &mut seen, &mut found),
            // A file named on the command line is checked whatever its name
            // or kind (a pipe from `<(...)` included); reading is capped.
            Ok(_) => {
                if seen.insert(identity(path)) {
                    found.inputs.push(Input::File(path.clone()));
                }
            }
        }
    }
    found
}

fn error(path: &Path, message: String) -> InputError {
    InputError {
        path: path.display().to_string(),
        message,
    }
}

/// What makes two paths the same file: the canonical path when there is one.
fn identity(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn walk(root: &Path, options: &WalkOptions, seen: &mut HashSet<PathBuf>, found: &mut Found) {
    let mut builder = ignore::WalkBuilder::new(root);
    let use_ignore_files = !options.no_ignore;
    builder
        .hidden(!options.hidden)
        .git_ignore(use_ignore_files)
        .git_global(use_ignore_files)
        .git_exclude(use_ignore_files)
        .ignore(use_ignore_files)
        .parents(use_ignore_files)
        // A folder that is not (yet) a git repository still has its
        // .gitignore respected.
        .require_git(false)
        // Symlinks are followed; loops are detected and said once.
        .follow_links(true)
        .sort_by_file_path(|a, b| a.cmp(b));
    if !options.exclude.is_empty() {
        let mut overrides = ignore::overrides::OverrideBuilder::new(root);
        for glob in &options.exclude {
            if let Err(e) = overrides.add(&format!("!{glob}")) {
                found
                    .errors
                    .push(error(root, format!("invalid --exclude glob `{glob}`: {e}")));
                return;
            }
        }
        match overrides.build() {
            Ok(o) => {
                builder.overrides(o);
            }
            Err(e) => {
                found
                    .errors
                    .push(error(root, format!("invalid --exclude glob: {e}")));
                return;
            }
        }
    }
    let before = found.inputs.len() + found.errors.len();
    for entry in builder.build() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                walk_error(&e, found);
                continue;
            }
        };
        let path = entry.path();
        let Some(kind) = entry.file_type() else {
            continue; // standard input: never from a walk
        };
        if kind.is_dir() {
            continue;
        }
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .is_some_and(|e| {
                EXTENSIONS.contains(&e.as_str())
                    || crate::bilingual::EXTENSIONS.contains(&e.as_str())
            });
        if !wanted {
            continue;
        }
        if !kind.is_file() {
            found.notes.push(format!(
                "skipped {}: not a regular file ({})",
                path.display(),
                kind_name(&kind)
            ));
            continue;
        }
        if seen.insert(identity(path)) {
            found.inputs.push(Input::File(path.to_path_buf()));
        }
    }
    if found.inputs.len() + found.errors.len() == before {
        found.errors.push(error(
            root,
            format!(
                "{}: folder holds no .txt, .md, .html, .xlf, .po or .tmx file to check (ignored and hidden files are skipped: see --no-ignore, --hidden)",
                root.display()
            ),
        ));
    }
}

#[cfg(unix)]
fn kind_name(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn kind_name(_: &std::fs::FileType) -> &'static str {
    "not a file"
}

/// Sorts out a walking error: a symlink loop or a broken link is a note; an
/// unreadable folder or file is an error on its path.
fn walk_error(e: &ignore::Error, found: &mut Found) {
    let mut path = None;
    let mut e = e;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p.clone());
                e = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err;
            }
            _ => break,
        }
    }
    let shown = path.as_deref().unwrap_or(Path::new("?"));
    match e {
        ignore::Error::Loop { ancestor, child } => found.notes.push(format!(
            "symlink loop: {} leads back to {}; not followed",
            child.display(),
            ancestor.display()
        )),
        ignore::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => found
            .notes
            .push(format!("skipped {}: broken symlink", shown.display())),
        ignore::Error::Partial(_) | ignore::Error::Glob { .. } => {
            found.notes.push(format!("ignore file not fully read: {e}"))
        }
        ignore::Error::Io(io) => {
            // walkdir's errors repeat the path; the OS error alone reads better.
            let why = io
                .get_ref()
                .and_then(std::error::Error::source)
                .and_then(|inner| inner.downcast_ref::<std::io::Error>())
                .map_or_else(|| io.to_string(), ToString::to_string);
            found.errors.push(error(
                shown,
                format!("cannot read {}: {why}", shown.display()),
            ));
        }
        _ => found.errors.push(error(
            shown,
            format!("cannot read {}: {e}", shown.display()),
        )),
    }
}

/// Default largest input, in bytes (`--max-file-size`).
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a path named on the command line (`-`: standard input) with
/// [`read`].
pub fn read_path(path: &Path, max_bytes: u64) -> Result<String, String> {
    let input = if path.as_os_str() == "-" {
        Input::Stdin("-".into())
    } else {
        Input::File(path.to_path_buf())
    };
    read(&input, max_bytes)
}

/// Reads `input` as UTF-8, at most `max_bytes` bytes; the error names the
/// input (and the byte offset of the first invalid sequence).
pub fn read(input: &Input, max_bytes: u64) -> Result<String, String> {
    let name = input.name();
    let mut bytes = Vec::new();
    let read = match input {
        Input::Stdin(_) => std::io::stdin()
            .lock()
            .take(max_bytes + 1)
            .read_to_end(&mut bytes),
        Input::File(path) => std::fs::File::open(path).and_then(|f| {
            // The file's size, when known, sizes the buffer: growing it by
            // doubling would hold up to three times the file at the peak.
            if let Ok(meta) = f.metadata()
                && meta.len() <= max_bytes
            {
                bytes.reserve_exact(meta.len() as usize + 1);
            }
            f.take(max_bytes + 1).read_to_end(&mut bytes)
        }),
    };
    read.map_err(|e| match input {
        Input::Stdin(_) => format!("cannot read standard input: {e}"),
        Input::File(_) => format!("cannot read {name}: {e}"),
    })?;
    if bytes.len() as u64 > max_bytes {
        return Err(format!(
            "{name}: larger than {max_bytes} bytes, not checked (raise --max-file-size to check it)"
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        format!(
            "{name}: not valid UTF-8 (first invalid byte at offset {offset}); convert it to UTF-8 first"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unreadable_folder_is_an_error_on_its_path_and_a_loop_a_note() {
        let mut found = Found::default();
        let denied = ignore::Error::WithPath {
            path: PathBuf::from("docs/private"),
            err: Box::new(ignore::Error::Io(std::io::Error::from(
                std::io::ErrorKind::PermissionDenied,
            ))),
        };
        walk_error(
            &ignore::Error::WithDepth {
                depth: 1,
                err: Box::new(denied),
            },
            &mut found,
        );
        assert_eq!(found.errors.len(), 1);
        assert_eq!(found.errors[0].path, "docs/private");
        assert!(
            found.errors[0]
                .message
                .starts_with("cannot read docs/private: ")
        );
        walk_error(
            &ignore::Error::Loop {
                ancestor: PathBuf::from("docs"),
                child: PathBuf::from("docs/sub/up"),
            },
            &mut found,
        );
        assert_eq!(found.errors.len(), 1);
        assert_eq!(
            found.notes,
            ["symlink loop: docs/sub/up leads back to docs; not followed"]
        );
    }
}
