#!/usr/bin/env python3
"""Checks a corpus of article records with Coquille on Spark and writes the
findings as Parquet.

Input: JSON lines in the shape of a `/v1/check` request plus an id (what
`build_corpus.py` writes, what `coquille check --jsonl` reads):

    {"id": "a-1", "fields": [{"name": "title", "format": "text", "content": "..."},
                             {"name": "body", "format": "html", "content": "..."}]}

Output, under --output:
  records/   one row per record: id, verdict (worst over its fields: pass, warn,
             fail), error (why a record could not be checked, else null), and
             its findings as a nested list;
  findings/  one row per finding: id, field, rule, category, severity,
             start/end (code points), start_byte/end_byte (UTF-8), line,
             column, text, message, suggestion.

Two engines, same output:
  --engine python  the `coquille_fr` package inside `mapInPandas`: one Checker
                   per partition, `check_many` per Arrow batch;
  --engine pipe    `rdd.pipe("coquille check --jsonl")`: the CLI binary,
                   fed the records' JSON lines, one report line back for each.

Local:    spark-submit --master 'local[2]' examples/spark/check_corpus.py \\
              --input /tmp/corpus.jsonl --output /tmp/out
Cluster:  the same command with --master yarn / spark://... / k8s://...; the
          executors need the package (or the binary): see README.md.
"""

import argparse
import json
import shlex
import time

from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

FIELD = T.StructType([
    T.StructField("name", T.StringType()),
    T.StructField("format", T.StringType()),
    T.StructField("content", T.StringType()),
])
INPUT = T.StructType([
    T.StructField("id", T.StringType()),
    T.StructField("fields", T.ArrayType(FIELD)),
    # Lines that are not valid JSON land here (PERMISSIVE mode).
    T.StructField("_corrupt_record", T.StringType()),
])
FINDING = T.StructType([
    T.StructField("field", T.StringType()),
    T.StructField("rule", T.StringType()),
    T.StructField("category", T.StringType()),
    T.StructField("severity", T.StringType()),
    T.StructField("start", T.LongType()),
    T.StructField("end", T.LongType()),
    T.StructField("start_byte", T.LongType()),
    T.StructField("end_byte", T.LongType()),
    T.StructField("line", T.LongType()),
    T.StructField("column", T.LongType()),
    T.StructField("text", T.StringType()),
    T.StructField("message", T.StringType()),
    T.StructField("suggestion", T.StringType()),
])
RECORD = T.StructType([
    T.StructField("id", T.StringType()),
    T.StructField("verdict", T.StringType()),
    T.StructField("error", T.StringType()),
    T.StructField("findings", T.ArrayType(FINDING)),
])
FINDING_KEYS = [f.name for f in FINDING.fields if f.name != "field"]
VERDICT_ORDER = {"pass": 0, "warn": 1, "fail": 2}


def worst(verdicts):
    """The record's verdict: the worst of its fields' (as `/v1/check` does)."""
    return max(verdicts, key=VERDICT_ORDER.__getitem__, default="pass")


def missing(value):
    """None, or the NaN pandas puts in a column for a null."""
    return value is None or (isinstance(value, float) and value != value)


def record_fields(fields):
    """[(name, format, content)] of a record's fields, or raises ValueError."""
    if missing(fields):
        raise ValueError("missing `fields`")
    out = []
    for i, f in enumerate(fields):
        f = dict(f) if not isinstance(f, dict) else f
        if missing(f.get("name")) or missing(f.get("content")):
            raise ValueError(f"fields[{i}]: `name` and `content` are required")
        fmt = f.get("format")
        out.append((f["name"], "text" if missing(fmt) else fmt, f["content"]))
    return out


# --- engine: the Python package in mapInPandas --------------------------------


def check_partition(settings, threads):
    """The mapInPandas function: one Checker for the whole partition."""

    def run(batches):
        import pandas as pd
        from coquille_fr import Checker

        checker = Checker(**settings)
        for pdf in batches:
            yield pd.DataFrame(check_batch(checker, pdf, threads), columns=RECORD.names)

    return run


def check_batch(checker, pdf, threads):
    rows, todo = [], []  # todo: (row index, fields)
    for rid, fields, corrupt in zip(pdf["id"], pdf["fields"], pdf["_corrupt_record"]):
        if not missing(corrupt) or missing(rid):
            what = "no id" if missing(corrupt) else corrupt[:200]
            rows.append([None if missing(rid) else rid, None, f"malformed record: {what}", []])
            continue
        try:
            todo.append((len(rows), record_fields(fields)))
            rows.append([rid, None, None, []])
        except ValueError as e:
            rows.append([rid, None, f"invalid record: {e}", []])
    texts = [content for _, fields in todo for (_, _, content) in fields]
    formats = [fmt for _, fields in todo for (_, fmt, _) in fields]
    try:
        results = iter(checker.check_many(texts, formats, threads=threads))
    except ValueError:
        # A bad format somewhere: check record by record so that only the
        # records at fault get an error.
        results = None
    for row_i, fields in todo:
        if results is None:
            try:
                field_results = [checker.check(c, f) for (_, f, c) in fields]
            except ValueError as e:
                rows[row_i][2] = f"invalid record: {e}"
                continue
        else:
            field_results = [next(results) for _ in fields]
        findings = []
        for (name, _, _), result in zip(fields, field_results):
            for f in result.findings:
                d = f.to_dict()
                findings.append({"field": name, **{k: d[k] for k in FINDING_KEYS}})
        rows[row_i][1] = worst(r.verdict for r in field_results)
        rows[row_i][3] = findings
    return rows


def run_python(spark, args, settings):
    records = (
        spark.read.schema(INPUT)
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", "_corrupt_record")
        .json(args.input)
    )
    if args.partitions:
        records = records.repartition(args.partitions)
    return records.mapInPandas(check_partition(settings, args.threads_per_task), RECORD)


# --- engine: the CLI binary through rdd.pipe ------------------------------------


def run_pipe(spark, args, settings):
    """`coquille check --jsonl` on each partition's lines. Its report lines
    carry byte offsets; code points are counted here from the record's own
    text (each input line is zipped with its report line: the CLI answers
    every non-blank line, in input order)."""
    if settings:
        raise SystemExit("--engine pipe takes its settings from --config only")
    # One thread per CLI: Spark already runs one task per core, and a CLI
    # using every core in each of them would oversubscribe the executor
    # (measured: 1,834 records/s on local[2] with all cores, against 2,228
    # on local[1]).
    cmd = [args.coquille, "check", "--jsonl", "--jobs", "1", "--no-config"]
    if args.config:
        cmd[-1:] = ["--config", args.config]
    lines = spark.sparkContext.textFile(
        args.input, args.partitions or spark.sparkContext.defaultParallelism * 4)
    lines = lines.filter(lambda line: line.strip() != "").cache()
    # The CLI exits with 1 when a record fails and 2 when a line is
    # malformed: both normal in a corpus, so the code is not checked. A CLI
    # that stopped early would answer fewer lines, which zip refuses.
    reports = lines.pipe(shlex.join(cmd), checkCode=False)
    rows = lines.zip(reports).map(lambda pair: report_row(*pair))
    return spark.createDataFrame(rows, RECORD)


def report_row(request_line, report_line):
    """One output row from a record's JSON line and the CLI's report line."""
    report = json.loads(report_line)
    rid = report.get("id")
    if report.get("error") is not None:
        return (rid, None, report["error"], [])
    contents = {}
    try:
        for f in json.loads(request_line).get("fields") or []:
            contents[f["name"]] = f["content"]
    except (ValueError, KeyError, TypeError, AttributeError):
        pass
    findings = []
    for field in report["fields"]:
        raw = contents.get(field["name"], "").encode("utf-8")
        for f in field["report"]["findings"]:
            d = {k: f.get(k) for k in FINDING_KEYS}
            d["start_byte"], d["end_byte"] = f["start"], f["end"]
            d["start"] = len(raw[: f["start"]].decode("utf-8"))
            d["end"] = len(raw[: f["end"]].decode("utf-8"))
            findings.append({"field": field["name"], **d})
    return (rid, report["verdict"], None, findings)


# --- main ---------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", required=True, help="JSON-lines records (a file, folder or glob)")
    ap.add_argument("--output", required=True, help="folder for records/ and findings/ (Parquet)")
    ap.add_argument("--engine", choices=["python", "pipe"], default="python")
    ap.add_argument("--partitions", type=int, default=0,
                    help="repartition the input (default: as read)")
    ap.add_argument("--threads-per-task", type=int, default=1,
                    help="check_many threads in each task: Spark's task cores (spark.task.cpus)")
    ap.add_argument("--config", help="a coquille.toml, read on the executors (ship it with --files)")
    ap.add_argument("--fail-on", choices=["error", "warning", "info"])
    ap.add_argument("--coquille", default="coquille", help="--engine pipe: the CLI binary")
    args = ap.parse_args()

    spark = SparkSession.builder.appName("coquille-check-corpus").getOrCreate()
    if spark.conf.get("spark.sql.files.minPartitionNum", None) is None:
        # Split the input into about 4 tasks per core: a lone big file would
        # otherwise be read as one task per 128 MB (one core busy), and
        # smaller tasks even out their running times.
        spark.conf.set("spark.sql.files.minPartitionNum",
                       str(spark.sparkContext.defaultParallelism * 4))
    settings = {}
    if args.fail_on:
        settings["fail_on"] = args.fail_on
    started = time.perf_counter()
    if args.engine == "python":
        if args.config:
            settings["config"] = args.config
        out = run_python(spark, args, settings)
    else:
        if args.fail_on:
            raise SystemExit("--engine pipe: put fail_on in the --config file")
        out = run_pipe(spark, args, settings)
    out.write.mode("overwrite").parquet(f"{args.output}/records")
    elapsed = time.perf_counter() - started

    records = spark.read.parquet(f"{args.output}/records")
    (
        records.select("id", F.explode("findings").alias("f"))
        .select("id", "f.*")
        .write.mode("overwrite")
        .parquet(f"{args.output}/findings")
    )
    counts = {r["verdict"]: r["count"] for r in records.groupBy("verdict").count().collect()}
    n = sum(counts.values())
    errors = records.filter(F.col("error").isNotNull()).count()
    findings = spark.read.parquet(f"{args.output}/findings").count()
    print(json.dumps({
        "engine": args.engine,
        "master": spark.sparkContext.master,
        "records": n,
        "verdicts": {k or "error": v for k, v in counts.items()},
        "errors": errors,
        "findings": findings,
        "check_seconds": round(elapsed, 2),
        "records_per_second": round(n / elapsed, 1),
    }))
    spark.stop()


if __name__ == "__main__":
    main()
