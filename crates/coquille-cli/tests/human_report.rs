//! The human report, as a person reads it in a terminal, pinned as a snapshot,
//! and `--version` with the licences of the language data.

mod common;
use common::{SAMPLE, coquille};

/// Every finding on the sample, with its line underlined, exactly as printed
/// without colour. A change here is a change users see: review the diff.
#[test]
fn human_report_on_the_sample() {
    let out = coquille()
        .args(["check", "--no-config", "--color", "never", SAMPLE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the sample fails the gate");
    let stdout = String::from_utf8(out.stdout).expect("the report is UTF-8");
    assert!(
        !stdout.contains('\u{1b}'),
        "no colour codes with --color never"
    );
    insta::assert_snapshot!("human_report_sample", stdout);
}

#[test]
fn version_names_the_data_licences() {
    let out = coquille().arg("--version").output().unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with(&format!("coquille {}", env!("CARGO_PKG_VERSION"))));
    for licence in [
        "MIT OR Apache-2.0",
        "CC-BY-SA-4.0",
        "MPL-2.0",
        "data/README.md",
    ] {
        assert!(
            stdout.contains(licence),
            "--version names {licence}: {stdout}"
        );
    }
}
