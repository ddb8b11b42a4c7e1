//! Folders as a CI job or an editor gives them: .gitignore, .ignore, hidden
//! files, --exclude, symlink loops, FIFOs, configuration per file, files
//! checked in parallel with output in a stable order, size caps, and a
//! closed output pipe.

use predicates::prelude::*;
use std::fs;
use std::path::Path;

mod common;
use common::coquille_in as coquille;

const BAD: &str = "Fin de phrase. . Le ministre est arrivé.\n";
const GOOD: &str = "Le ministre est arrivé hier.\n";

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// Runs `coquille check --no-config --format json ARGS` in `dir`: the paths
/// checked, standard error and the exit code.
fn run(dir: &Path, args: &[&str]) -> (Vec<String>, String, Option<i32>) {
    let out = coquille(dir)
        .args(["check", "--no-config", "--format", "json"])
        .args(args)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let paths = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["path"].as_str().unwrap().to_string())
        .collect();
    (
        paths,
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

fn checked_paths(dir: &Path, args: &[&str]) -> Vec<String> {
    run(dir, args).0
}

#[test]
fn ignore_files_hidden_files_and_excludes_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "docs/a.txt", BAD);
    write(d, "docs/b.md", BAD);
    write(d, "docs/notes.rs", BAD); // not a checked extension
    write(d, "build/out.html", BAD); // .gitignore
    write(d, "docs/draft.txt", BAD); // .ignore
    write(d, ".cache/c.txt", BAD); // hidden
    write(d, "docs/old/x.txt", BAD); // --exclude
    write(d, ".gitignore", "build/\n");
    write(d, "docs/.ignore", "draft.txt\n");
    assert_eq!(
        checked_paths(d, &["--exclude", "old/", "."]),
        ["./docs/a.txt", "./docs/b.md"]
    );
    // Each can be turned off.
    let all = checked_paths(d, &["--no-ignore", "--hidden", "."]);
    for p in [
        "./build/out.html",
        "./docs/draft.txt",
        "./.cache/c.txt",
        "./docs/old/x.txt",
    ] {
        assert!(all.contains(&p.to_string()), "{p} in {all:?}");
    }
    // A file named on the command line is checked whatever the ignore files say.
    assert_eq!(checked_paths(d, &["build/out.html"]), ["build/out.html"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_said_once_and_nothing_is_checked_twice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "docs/a.txt", BAD);
    write(d, "docs/sub/b.txt", BAD);
    std::os::unix::fs::symlink("..", d.join("docs/sub/up")).unwrap();
    std::os::unix::fs::symlink("../docs", d.join("docs/sub/up2")).unwrap();
    std::os::unix::fs::symlink("a.txt", d.join("docs/same.txt")).unwrap();
    let (paths, stderr, code) = run(d, &["docs"]);
    assert_eq!(stderr.matches("symlink loop").count(), 1, "{stderr}");
    assert_eq!(code, Some(1), "a loop is a note, not an error");
    // `same.txt` is `a.txt` again: checked once, under its first path.
    assert_eq!(paths, ["docs/a.txt", "docs/sub/b.txt"]);
}

#[cfg(unix)]
#[test]
fn fifos_in_a_folder_are_skipped_with_a_note_and_devices_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "docs/a.txt", GOOD);
    let status = std::process::Command::new("mkfifo")
        .arg(d.join("docs/pipe.txt"))
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    coquille(d)
        .args(["check", "--no-config", "docs"])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            "skipped docs/pipe.txt: not a regular file (a FIFO)",
        ));
    // /dev/zero named on the command line: read up to the cap, then an error.
    coquille(d)
        .args([
            "check",
            "--no-config",
            "--max-file-size",
            "100000",
            "/dev/zero",
            "docs/a.txt",
        ])
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/dev/zero: larger than 100000 bytes",
        ))
        .stdout(predicate::str::contains("in 1 document"));
}

#[test]
fn a_file_over_the_size_cap_is_an_error_and_the_others_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.txt", &BAD.repeat(100));
    write(d, "b.txt", BAD);
    let out = coquille(d)
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "--max-file-size",
            "1000",
            ".",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"][0]["path"], "./b.txt");
    assert_eq!(v["errors"][0]["path"], "./a.txt");
    assert!(
        v["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("larger than 1000 bytes")
    );
}

#[test]
fn each_file_is_checked_with_its_nearest_configuration_in_any_argument_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "strict/a.txt", BAD);
    write(d, "lax/b.txt", BAD);
    write(
        d,
        "lax/coquille.toml",
        "select = [\"untranslated-english\"]\n",
    );
    let verdicts = |args: &[&str]| -> Vec<(String, String)> {
        let out = coquille(d)
            .args(["check", "--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut r: Vec<(String, String)> = v["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["path"].as_str().unwrap().to_string(),
                    d["verdict"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        r.sort();
        r
    };
    let one = verdicts(&["strict/a.txt", "lax/b.txt"]);
    let other = verdicts(&["lax/b.txt", "strict/a.txt"]);
    assert_eq!(one, other);
    assert_eq!(
        one,
        [
            ("lax/b.txt".to_string(), "pass".to_string()),
            ("strict/a.txt".to_string(), "fail".to_string())
        ]
    );
}

#[test]
fn parallel_output_is_the_sequential_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for i in 0..40 {
        let text = if i % 3 == 0 { BAD } else { GOOD };
        write(
            d,
            &format!("docs/{:02}/article-{i}.txt", i % 7),
            &text.repeat(1 + i % 5),
        );
    }
    let run = |jobs: &str| {
        coquille(d)
            .args([
                "check",
                "--no-config",
                "--color",
                "never",
                "--jobs",
                jobs,
                "docs",
            ])
            .output()
            .unwrap()
            .stdout
    };
    let one = run("1");
    assert!(String::from_utf8_lossy(&one).contains("in 40 documents"));
    assert_eq!(one, run("2"));
    assert_eq!(one, run("8"));
}

#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "big.txt", &format!("{BAD}\n").repeat(20_000));
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("coquille"))
        .args(["check", "--no-config", "--color", "never", "big.txt"])
        .current_dir(d)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 100`
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(stderr, "", "nothing said about the closed pipe");
    assert_eq!(status.code(), Some(1), "the verdict's code, not 2");
}

#[test]
fn a_missing_file_says_so_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    coquille(dir.path())
        .args(["check", "--no-config", "missing.txt"])
        .assert()
        .code(2)
        .stdout(predicate::str::contains("1 input not checked: error"))
        .stdout(predicate::str::contains(": pass").not());
}
