//! Runs the real `coquille` binary: exit codes, output formats, input errors.

use predicates::prelude::*;
use std::io::Write;

mod common;
use common::{ROOT, SAMPLE, coquille};

/// The JSON a finished command printed on standard output.
fn json_stdout(assert: assert_cmd::assert::Assert) -> serde_json::Value {
    serde_json::from_slice(&assert.get_output().stdout).expect("stdout is JSON")
}

fn temp_file(bytes: &[u8], suffix: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new().suffix(suffix).tempfile().unwrap();
    f.write_all(bytes).unwrap();
    f
}

#[test]
fn sample_fails_with_exit_1_in_human_format() {
    coquille()
        .args(["check", "--no-config", SAMPLE])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "data/samples/allinfo-poutine-bielorussie.txt:23:",
        ))
        .stdout(predicate::str::contains("[duplicate-punctuation]"))
        .stdout(predicate::str::contains("^^^"))
        .stdout(predicate::str::contains(
            "(1 failed, 1 by score; score 89.1 per 1,000 words): fail",
        ));
}

#[test]
fn sample_json_follows_the_contract() {
    let v = json_stdout(
        coquille()
            .args(["check", "--no-config", "--format", "json", SAMPLE])
            .assert()
            .code(1),
    );
    assert_eq!(v["tool"]["name"], "coquille");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let doc = &v["documents"][0];
    assert_eq!(doc["path"], SAMPLE);
    assert_eq!(doc["verdict"], "fail");
    assert_eq!(doc["stats"]["bytes"], 3993);
    assert!(doc["stats"]["sentences"].as_u64().unwrap() > 10);
    let findings = doc["findings"].as_array().unwrap();
    // `stats.findings` counts the defects; the findings folded into
    // another's follow it, marked `folded_into`.
    let counted = findings.iter().filter(|f| f.get("folded_into").is_none());
    assert_eq!(doc["stats"]["findings"], counted.count());
    let text = std::fs::read_to_string(format!("{ROOT}/{SAMPLE}")).unwrap();
    for f in findings {
        for key in [
            "rule",
            "category",
            "severity",
            "start",
            "end",
            "line",
            "column",
            "text",
            "message",
            "suggestion",
        ] {
            assert!(f.get(key).is_some(), "finding lacks `{key}`: {f}");
        }
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(f["text"], &text[s..e], "text is the flagged slice");
        let line = text[..s].matches('\n').count() + 1;
        assert_eq!(f["line"], line);
        let col = text[..s].rsplit('\n').next().unwrap().chars().count() + 1;
        assert_eq!(f["column"], col);
    }
    let dp = findings
        .iter()
        .find(|f| f["rule"] == "duplicate-punctuation" && f["text"] == ". .")
        .expect("the doubled full stop is reported");
    assert_eq!(dp["start"], 2406);
    assert_eq!(dp["suggestion"], ".");
}

#[test]
fn clean_text_passes_with_exit_0() {
    coquille()
        .args(["check", "--no-config", "-"])
        .write_stdin("Le président a parlé. Les ministres l'ont écouté.\n")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors").and(predicate::str::contains("pass")));
}

#[test]
fn fail_on_sets_the_threshold_and_warn_verdict() {
    // "!!!" is a warning: exit 0 by default with verdict warn, exit 1 with --fail-on warning.
    let text = "C'est vraiment incroyable !!!\n";
    let v = json_stdout(
        coquille()
            .args([
                "check",
                "--no-config",
                "--format",
                "json",
                "--select",
                "duplicate-punctuation",
            ])
            .write_stdin(text)
            .assert()
            .code(0),
    );
    assert_eq!(v["documents"][0]["verdict"], "warn");
    assert_eq!(v["documents"][0]["path"], "-");
    coquille()
        .args([
            "check",
            "--no-config",
            "--fail-on",
            "warning",
            "--select",
            "duplicate-punctuation",
        ])
        .write_stdin(text)
        .assert()
        .code(1);
}

#[test]
fn fail_on_score_fails_a_document_without_errors() {
    // One warning in a short text: 1 point over the 200-word floor, score 5.
    let text = "C'est vraiment incroyable !!!\n";
    let args = |limit: &'static str| {
        [
            "check",
            "--no-config",
            "--format",
            "json",
            "--select",
            "duplicate-punctuation",
            "--fail-on-score",
            limit,
        ]
    };
    let v = json_stdout(
        coquille()
            .args(args("4"))
            .write_stdin(text)
            .assert()
            .code(1),
    );
    let doc = &v["documents"][0];
    assert_eq!(doc["verdict"], "fail");
    assert_eq!(doc["score"]["value"], 5.0);
    assert_eq!(doc["score"]["fail_on_score"], 4.0);
    assert_eq!(doc["score"]["fails"], true);
    let v = json_stdout(
        coquille()
            .args(args("inf"))
            .write_stdin(text)
            .assert()
            .code(0),
    );
    assert_eq!(v["documents"][0]["verdict"], "warn");
    assert_eq!(
        v["documents"][0]["score"]["fail_on_score"],
        serde_json::Value::Null
    );
    coquille()
        .args(args("-1"))
        .write_stdin(text)
        .assert()
        .code(2);
    // The human summary says why.
    coquille()
        .args(["check", "--no-config", "--select", "duplicate-punctuation"])
        .args(["--fail-on-score", "4"])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("1 by score").and(predicate::str::contains(
                "score 5 per 1,000 words (1 defect, 3 words), above 4: fails",
            )),
        );
}

#[test]
fn missing_file_exits_2_naming_it() {
    coquille()
        .args(["check", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/file.txt"));
}

#[test]
fn invalid_utf8_exits_2_with_the_offset() {
    let f = temp_file(b"Bonjour \xe9t\xe9 !", ".txt");
    coquille()
        .args(["check", "--no-config"])
        .arg(f.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("offset 8"))
        .stderr(predicate::str::contains(
            f.path().file_name().unwrap().to_str().unwrap(),
        ));
}

#[test]
fn binary_junk_exits_2_without_panic() {
    let junk: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let f = temp_file(&junk, ".bin");
    coquille()
        .args(["check", "--no-config"])
        .arg(f.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not valid UTF-8"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn empty_and_blank_inputs_pass() {
    for input in ["", "   \n\n\t \n", "\u{feff}"] {
        coquille()
            .args(["check", "--no-config", "--format", "json", "-"])
            .write_stdin(input)
            .assert()
            .code(0)
            .stdout(predicate::str::contains("\"verdict\": \"pass\""));
    }
}

#[test]
fn control_characters_and_nul_do_not_panic() {
    let input = "Texte\u{0}avec\u{1b}[31m des\u{7f} caractères. .\r\n\r\n« »\u{200b}";
    coquille()
        .args(["check", "--no-config", "--format", "json", "-"])
        .write_stdin(input)
        .assert()
        .stderr(predicate::str::contains("panicked").not())
        .code(predicate::in_iter([0, 1]));
}

#[test]
fn unknown_rule_and_bad_config_exit_2() {
    coquille()
        .args(["check", "--no-config", "--select", "no-such-rule", SAMPLE])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-rule"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("coquille.toml"), "fail_onn = 3\n").unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Bonjour.\n").unwrap();
    coquille()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("coquille.toml"))
        .stderr(predicate::str::contains("fail_onn"));
}

#[test]
fn config_is_discovered_from_the_checked_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("coquille.toml"),
        "ignore = [\"duplicate-punctuation\"]\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let file = dir.path().join("sub/a.txt");
    std::fs::write(&file, "Fin de phrase. .\n").unwrap();
    coquille().arg("check").arg(&file).assert().code(0);
    coquille()
        .args(["check", "--no-config"])
        .arg(&file)
        .assert()
        .code(1);
}

#[test]
fn usage_errors_exit_2_and_help_documents_exit_codes() {
    coquille()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    coquille().arg("frobnicate").assert().code(2);
    coquille()
        .args(["check", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Exit codes"))
        .stdout(predicate::str::contains("--fail-on"));
}

#[test]
fn one_bad_file_among_good_ones_still_reports_the_good_ones() {
    let v = json_stdout(
        coquille()
            .args([
                "check",
                "--no-config",
                "--format",
                "json",
                SAMPLE,
                "missing.txt",
            ])
            .assert()
            .code(2),
    );
    assert_eq!(v["documents"].as_array().unwrap().len(), 1);
}

#[test]
fn html_is_read_as_html_by_name_or_by_flag() {
    let html = "<h2>Le contexte</h2><p>Le ministre est arrivé mardi.</p><script>var label = \"Read more about this story\";</script>";
    // From standard input, text unless told otherwise: the script is read
    // (its quoted English is reported, as cited: `info`).
    coquille()
        .args(["check", "-"])
        .write_stdin(html)
        .assert()
        .stdout(predicate::str::contains("[untranslated-english]"));
    coquille()
        .args(["check", "--input-format", "html", "-"])
        .write_stdin(html)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("[untranslated-english]").not());
    // From the file name.
    let file = temp_file(html.as_bytes(), ".html");
    coquille().arg("check").arg(file.path()).assert().code(0);
    coquille()
        .args(["split", "--input-format", "html", "-"])
        .write_stdin(html)
        .assert()
        .code(0)
        .stdout("Le contexte\nLe ministre est arrivé mardi.\n");
}

#[test]
fn split_prints_sentences_and_json_offsets() {
    let text = "Titre sans point\n\nPremière phrase. Deuxième phrase !";
    coquille()
        .args(["split", "-"])
        .write_stdin(text)
        .assert()
        .code(0)
        .stdout("Titre sans point\nPremière phrase.\nDeuxième phrase !\n");
    let v = json_stdout(
        coquille()
            .args(["split", "--format", "json", "-"])
            .write_stdin(text)
            .assert()
            .code(0),
    );
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 3);
    let s = arr[1]["start"].as_u64().unwrap() as usize;
    let e = arr[1]["end"].as_u64().unwrap() as usize;
    assert_eq!(&text[s..e], "Première phrase.");
    assert_eq!(arr[1]["text"], "Première phrase.");
}

#[test]
fn rules_and_rule_docs() {
    coquille()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("duplicate-punctuation"))
        .stdout(predicate::str::contains("punctuation"))
        .stdout(predicate::str::contains("error"));
    coquille()
        .args(["rule", "duplicate-punctuation"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("## Why it matters"));
    coquille().args(["rule", "nope"]).assert().code(2);
}

#[test]
fn colour_is_off_when_not_a_terminal_and_on_when_forced() {
    let plain = coquille()
        .args(["check", "--no-config", SAMPLE])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert!(!plain.contains(&0x1b), "no ANSI escapes when piped");
    let coloured = coquille()
        .args(["check", "--no-config", "--color", "always", SAMPLE])
        .assert()
        .get_output()
        .stdout
        .clone();
    assert!(coloured.contains(&0x1b));
}

#[test]
fn check_with_a_source_runs_the_bilingual_rules_and_align_prints_links() {
    let en = temp_file(
        b"Highs will reach 82 \xc2\xb0F on Sunday. More than 40,000 homes and businesses lost power across three counties, and roads were blocked by fallen trees. Schools will stay closed until Monday.",
        ".en.txt",
    );
    let fr = temp_file(
        "Les maximales atteindront 82 degrés dimanche. Les écoles resteront fermées jusqu'à lundi."
            .as_bytes(),
        ".fr.txt",
    );
    let v = json_stdout(
        coquille()
            .args(["check", "--format", "json", "--source"])
            .arg(en.path())
            .arg(fr.path())
            .assert()
            .code(1),
    );
    // A rule and the rules whose findings on the same defect it absorbed:
    // `82 degrés` for `82 °F` is also a Fahrenheit temperature given as
    // plain degrees, which `imperial-units` reports (and ranks first).
    let rules: Vec<&str> = v["documents"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| std::iter::once(&f["rule"]).chain(f["related"].as_array().unwrap().iter()))
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"number-mismatch") && rules.contains(&"omission"),
        "{rules:?}"
    );
    let out = coquille()
        .args(["align", "--format", "json", "--source"])
        .arg(en.path())
        .arg(fr.path())
        .assert()
        .success();
    let links: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let links = links.as_array().unwrap();
    assert_eq!(links.len(), 3, "{links:?}");
    assert_eq!(links[1]["target"], serde_json::Value::Null);
    assert_eq!(links[1]["kind"], "1-0");
    let fr_text = std::fs::read_to_string(fr.path()).unwrap();
    let t = &links[2]["target"];
    let (s, e) = (
        t[0].as_u64().unwrap() as usize,
        t[1].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &fr_text[s..e],
        "Les écoles resteront fermées jusqu'à lundi."
    );
    // The help says what the JSON holds.
    coquille()
        .args(["align", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "\"source\": [start, end] or null",
        ));
    // --source with several files is a usage error (two distinct files: a
    // file named twice is checked once).
    coquille()
        .args(["check", "--source"])
        .arg(en.path())
        .arg(fr.path())
        .arg(en.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("needs exactly one checked file"));
}

#[test]
fn po_and_xliff_files_are_checked_unit_by_unit_with_file_offsets() {
    let po = temp_file(
        "msgid \"\"\nmsgstr \"Language: fr\\n\"\n\n#, c-format\nmsgid \"Copy %s to %s\"\nmsgstr \"Copier %s vers %d\"\n".as_bytes(),
        ".po",
    );
    let v = json_stdout(
        coquille()
            .args(["check", "--format", "json"])
            .arg(po.path())
            .assert()
            .code(1),
    );
    let f = &v["documents"][0]["findings"][0];
    assert_eq!(f["rule"], "markup-mismatch", "{v}");
    let text = std::fs::read_to_string(po.path()).unwrap();
    let (s, e) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], f["text"].as_str().unwrap());
    assert_eq!(f["text"], "%d");
    assert_eq!(f["unit"]["id"], "Copy %s to %s");
    assert_eq!(f["line"], 6);
    // A PO file carries its own source: --source with it is an input error.
    let en = temp_file(b"Copy a file.", ".txt");
    coquille()
        .args(["check", "--source"])
        .arg(en.path())
        .arg(po.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("carries its own source"));
    // --fix does not rewrite a bilingual file (its fixes are not mapped into
    // the units' escapes): the file stays as it was, and a note says so.
    coquille()
        .args(["check", "--fix"])
        .arg(po.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("leave XLIFF, PO and TMX files"));
    assert_eq!(std::fs::read_to_string(po.path()).unwrap(), text);
    // A broken file is an input error.
    let bad = temp_file(
        b"<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</target>",
        ".xlf",
    );
    coquille().arg("check").arg(bad.path()).assert().code(2);
}
