#!/usr/bin/env python3
"""Compares the Spark job's Parquet output with the findings of the `coquille`
command line on the same records.

Every field text of the corpus is written once to a file (named by its
SHA-1, so a text repeated in many records is checked once; `.txt`, `.html` or
`.md` after its format), the CLI checks that folder with `--format json`, and
every record of the Parquet output is compared with the CLI's report of each
of its fields: verdict (the worst over the fields), and every finding's rule,
category, severity, byte offsets, line, column, text, message and suggestion.
The code-point offsets of the Parquet rows are checked by slicing the text.
With --cli-jsonl, the reference is instead the output of `coquille batch`
(`check --jsonl`) on the corpus, compared record by record.

    python3 examples/spark/compare_with_cli.py --input /tmp/corpus.jsonl \\
        --output /tmp/out --coquille target/release/coquille

Needs pyarrow (no Spark). Exits 1 on the first differences (printed).
"""

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

EXT = {"text": ".txt", "html": ".html", "markdown": ".md"}
VERDICT_ORDER = {"pass": 0, "warn": 1, "fail": 2}
KEYS = ["rule", "category", "severity", "start_byte", "end_byte", "line", "column",
        "text", "message", "suggestion"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, required=True, help="the corpus (JSON lines)")
    ap.add_argument("--output", type=Path, required=True, help="the Spark job's --output")
    ap.add_argument("--coquille", default="coquille", help="the CLI binary")
    ap.add_argument("--cli-jsonl", type=Path,
                    help="compare with this output of `coquille batch` on the corpus "
                         "instead of running `coquille check` on every field text")
    args = ap.parse_args()

    records = {}  # id -> [(field name, format, content)]
    malformed = 0
    for line in args.input.open(encoding="utf-8"):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            records[rec["id"]] = [(f["name"], f.get("format", "text"), f["content"])
                                  for f in rec["fields"]]
        except (ValueError, KeyError, TypeError):
            malformed += 1

    if args.cli_jsonl:
        expected = expected_from_jsonl(args.cli_jsonl)
    else:
        expected = expected_from_check(args.coquille, records)

    table = pq.read_table(args.output / "records").to_pylist()
    got, errors, bad_slices = {}, Counter(), 0
    for row in table:
        if row["error"] is not None:
            errors[row["error"][:60]] += 1
            continue
        contents = {name: content for name, _, content in records[row["id"]]}
        findings = []
        for f in row["findings"]:
            if contents[f["field"]][f["start"]:f["end"]] != f["text"]:
                bad_slices += 1
            findings.append((f["field"],) + tuple(f[k] for k in KEYS))
        got[row["id"]] = (row["verdict"], sorted(findings, key=repr))

    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    differ = [rid for rid in expected if rid in got and got[rid] != expected[rid]]
    n_findings = sum(len(v[1]) for v in got.values())
    print(json.dumps({
        "records_in_corpus": len(records) + malformed,
        "malformed_in_corpus": malformed,
        "records_in_parquet": len(table),
        "error_records_in_parquet": sum(errors.values()),
        "compared": len(got),
        "findings_compared": n_findings,
        "identical": len(got) - len(differ),
        "differ": len(differ),
        "missing_from_parquet": len(missing),
        "not_in_corpus": len(extra),
        "code_point_slices_wrong": bad_slices,
    }))
    for rid in differ[:5]:
        print("DIFF", rid, "\n  parquet:", got[rid], "\n  cli:    ", expected[rid], file=sys.stderr)
    if differ or missing or extra or bad_slices or sum(errors.values()) != malformed:
        sys.exit(1)


def expected_from_check(coquille, records):
    """{id: (verdict, findings)} from `coquille check --format json` on the
    distinct field texts."""
    with tempfile.TemporaryDirectory() as tmp:
        names = {}  # (format, content) -> file name
        for fields in records.values():
            for _, fmt, content in fields:
                if (fmt, content) not in names:
                    name = hashlib.sha1(content.encode()).hexdigest() + EXT[fmt]
                    Path(tmp, name).write_text(content, encoding="utf-8", newline="")
                    names[(fmt, content)] = name
        run = subprocess.run(
            [coquille, "check", "--no-config", "--format", "json", tmp],
            capture_output=True, text=True, check=False,
        )
        if run.returncode not in (0, 1):
            sys.exit(f"coquille failed ({run.returncode}): {run.stderr[-2000:]}")
        by_file = {Path(d["path"]).name: d for d in json.loads(run.stdout)["documents"]}
    print(f"CLI: {len(by_file)} distinct texts checked for {len(records)} records",
          file=sys.stderr)

    expected = {}
    for rid, fields in records.items():
        verdicts, findings = [], []
        for name, fmt, content in fields:
            doc = by_file[names[(fmt, content)]]
            verdicts.append(doc["verdict"])
            for f in doc["findings"]:
                row = dict(f, start_byte=f["start"], end_byte=f["end"])
                findings.append((name,) + tuple(row[k] for k in KEYS))
        expected[rid] = (max(verdicts, key=VERDICT_ORDER.__getitem__, default="pass"),
                         sorted(findings, key=repr))
    return expected


def expected_from_jsonl(path):
    """{id: (verdict, findings)} from the output of `coquille batch` (or
    `check --jsonl`) on the corpus; its error lines are left out."""
    expected = {}
    for line in path.open(encoding="utf-8"):
        rec = json.loads(line)
        if "error" in rec:
            continue
        findings = []
        for field in rec["fields"]:
            for f in field["report"]["findings"]:
                row = dict(f, start_byte=f["start"], end_byte=f["end"])
                findings.append((field["name"],) + tuple(row[k] for k in KEYS))
        expected[rec["id"]] = (rec["verdict"], sorted(findings, key=repr))
    print(f"CLI --jsonl: {len(expected)} records read from {path}", file=sys.stderr)
    return expected


if __name__ == "__main__":
    main()
