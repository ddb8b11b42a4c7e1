//! JSON-lines batches: input order, ids, error lines that do not stop the
//! batch, offsets per field, bounded lines.

use coquille::batch::{self, BatchOptions, BatchSummary};
use coquille::{Checker, Document, Format};
use serde_json::{Value, json};

/// Runs a batch on `input` with `threads` threads; returns the output lines
/// parsed and the summary.
fn run(input: &str, options: &BatchOptions, threads: usize) -> (Vec<Value>, BatchSummary) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let mut out = Vec::new();
    let mut summary = BatchSummary::default();
    let mut chunks = 0;
    pool.install(|| {
        batch::run(
            &Checker::default(),
            input.as_bytes(),
            &mut out,
            options,
            &mut summary,
            |_| chunks += 1,
        )
    })
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.is_empty() || text.ends_with('\n'));
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(chunks >= 1);
    (lines, summary)
}

fn record(id: &str, body: &str) -> String {
    json!({"id": id, "fields": [{"name": "body", "content": body}]}).to_string()
}

const TEXTS: [&str; 4] = [
    "Les forces russes sont arrivées depuis la Pologne. .",
    "Le temps est beau ce matin.",
    "Cliquez sur « Read more » pour lire la suite de l'article.",
    "Il fait 75 °F à Lyon et le match commence à 7:30 PM.",
];

#[test]
fn a_malformed_record_in_the_middle_does_not_stop_the_batch() {
    let mut lines: Vec<String> = (0..300)
        .map(|i| record(&format!("r{i}"), TEXTS[i % 4]))
        .collect();
    // Broken JSON (the id is still readable), then a record without
    // fields, then one with an unknown format, then a non-JSON line.
    lines[100] = r#"{"id": "r100", "fields": [{"name": "body", "content": "unterminated"#.into();
    lines[101] = r#"{"id": "r101"}"#.into();
    lines[102] =
        r#"{"id": "r102", "fields": [{"name": "b", "format": "pdf", "content": "x"}]}"#.into();
    lines[103] = "garbage".into();
    let input = lines.join("\n") + "\n";
    let options = BatchOptions {
        chunk_records: 16,
        ..BatchOptions::default()
    };
    let (out, summary) = run(&input, &options, 2);
    assert_eq!(out.len(), 300, "one output line per record");
    for (i, o) in out.iter().enumerate() {
        assert_eq!(o["line"], i + 1, "output in input order");
        if (100..104).contains(&i) {
            assert!(
                o["error"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("line {}: ", i + 1))
            );
            assert!(o.get("verdict").is_none());
        } else {
            assert_eq!(o["id"], format!("r{i}"), "id kept");
            assert!(o.get("error").is_none(), "{o}");
        }
    }
    assert_eq!(out[100]["id"], "r100");
    assert!(out[100]["error"].as_str().unwrap().contains("EOF"));
    assert_eq!(out[101]["id"], "r101");
    assert!(
        out[101]["error"]
            .as_str()
            .unwrap()
            .contains("missing field `fields`")
    );
    assert_eq!(out[102]["id"], "r102");
    assert!(out[102]["error"].as_str().unwrap().contains("pdf"));
    assert_eq!(out[103]["id"], Value::Null);
    assert_eq!(summary.records, 300);
    assert_eq!(summary.errors, 4);
    assert_eq!(summary.first_error, Some((None, 101)));
    assert_eq!(summary.pass + summary.warn + summary.fail, 296);
    let findings: u64 = summary.rules.values().sum();
    assert_eq!(findings, summary.findings);
    assert!(summary.findings > 0);
}

#[test]
fn order_and_reports_do_not_depend_on_threads_or_chunks() {
    let input: String = (0..200)
        .map(|i| record(&format!("id-{i}"), TEXTS[(i * 7) % 4]) + "\n")
        .collect();
    let one = run(&input, &BatchOptions::default(), 1);
    for (threads, chunk_records, chunk_bytes) in [(2, 1, 1 << 20), (2, 7, 1 << 20), (2, 1000, 300)]
    {
        let options = BatchOptions {
            chunk_records,
            chunk_bytes,
            ..BatchOptions::default()
        };
        assert_eq!(run(&input, &options, threads), one);
    }
    let ids: Vec<&str> = one.0.iter().map(|o| o["id"].as_str().unwrap()).collect();
    let expected: Vec<String> = (0..200).map(|i| format!("id-{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn each_field_is_reported_as_the_checker_reports_its_text() {
    let checker = Checker::default();
    let title = "🎄 Noël à Québec : « Read more »";
    let body = "<p>Les forces russes sont arrivées depuis la Pologne. .</p>";
    let line = json!({"id": 42, "fields": [
        {"name": "title", "content": title},
        {"name": "body", "format": "html", "content": body},
    ]})
    .to_string();
    let (out, _) = run(&line, &BatchOptions::default(), 1);
    let o = &out[0];
    assert_eq!(o["id"], 42, "a number id is echoed as a number");
    assert_eq!(o["offset_encoding"], "utf-8");
    for (field, (name, text, format)) in o["fields"]
        .as_array()
        .unwrap()
        .iter()
        .zip([("title", title, Format::Text), ("body", body, Format::Html)])
    {
        assert_eq!(field["name"], name);
        let expected = checker.check(&Document::with_format(text, format), Some(name));
        assert_eq!(field["report"], serde_json::to_value(&expected).unwrap());
        let findings = field["report"]["findings"].as_array().unwrap();
        assert!(!findings.is_empty(), "{name}: the sample has findings");
        for f in findings {
            let (s, e) = (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
            assert_eq!(
                &text[s as usize..e as usize],
                f["text"],
                "byte offsets into {name}"
            );
        }
    }
    let worst = o["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["report"]["verdict"].as_str().unwrap())
        .max_by_key(|v| ["pass", "warn", "fail"].iter().position(|x| x == v))
        .unwrap();
    assert_eq!(o["verdict"], worst);
}

#[test]
fn a_record_can_ask_for_code_point_offsets_and_its_own_fail_on() {
    let text = "🎄 Noël : « Read more »";
    let line = json!({"document_id": "x", "fields": [{"name": "t", "content": text}],
                      "options": {"offset_encoding": "utf-32", "fail_on": "info"}})
    .to_string();
    let (out, _) = run(&line, &BatchOptions::default(), 1);
    let o = &out[0];
    assert_eq!(o["id"], "x");
    assert_eq!(o["offset_encoding"], "utf-32");
    assert_eq!(o["verdict"], "fail");
    let chars: Vec<char> = text.chars().collect();
    let findings = o["fields"][0]["report"]["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        let (s, e) = (f["start"].as_u64().unwrap(), f["end"].as_u64().unwrap());
        let got: String = chars[s as usize..e as usize].iter().collect();
        assert_eq!(got, f["text"]);
    }
}

#[test]
fn blank_crlf_too_long_and_non_utf8_lines() {
    let long_body = "a".repeat(500);
    let mut input = Vec::new();
    input.extend_from_slice(record("a", TEXTS[1]).as_bytes());
    input.extend_from_slice(b"\r\n\n   \n");
    // The id first (json! sorts keys), so that it is within the bytes kept.
    let long =
        format!(r#"{{"id": "long", "fields": [{{"name": "body", "content": "{long_body}"}}]}}"#);
    input.extend_from_slice(long.as_bytes());
    input.push(b'\n');
    input.extend_from_slice(b"{\"id\": \"bad\xff\"}\n");
    input.extend_from_slice(record("b", TEXTS[1]).as_bytes()); // no final line break
    let options = BatchOptions {
        max_record_bytes: 200,
        source: Some("in.jsonl".into()),
        ..BatchOptions::default()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    let mut out = Vec::new();
    let mut summary = BatchSummary::default();
    pool.install(|| {
        batch::run(
            &Checker::default(),
            &input[..],
            &mut out,
            &options,
            &mut summary,
            |_| {},
        )
    })
    .unwrap();
    let out: Vec<Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(out.len(), 4, "blank lines give nothing");
    assert_eq!((&out[0]["id"], &out[0]["line"]), (&json!("a"), &json!(1)));
    assert_eq!(out[0]["verdict"], "pass");
    assert_eq!(out[1]["id"], "long", "read from the first bytes");
    assert_eq!(out[1]["line"], 4);
    assert_eq!(out[1]["source"], "in.jsonl");
    assert!(
        out[1]["error"]
            .as_str()
            .unwrap()
            .contains("over the limit of 200 bytes")
    );
    assert_eq!(out[2]["line"], 5);
    assert!(out[2]["error"].as_str().unwrap().contains("not UTF-8"));
    assert_eq!((&out[3]["id"], &out[3]["line"]), (&json!("b"), &json!(6)));
    assert_eq!(summary.errors, 2);
    assert_eq!(summary.first_error, Some((Some("in.jsonl".into()), 4)));
    // A checked record never names its source.
    assert!(out[0].get("source").is_none());
}

#[test]
fn an_empty_input_gives_nothing() {
    let (out, summary) = run("", &BatchOptions::default(), 1);
    assert!(out.is_empty());
    assert_eq!(summary, BatchSummary::default());
}
