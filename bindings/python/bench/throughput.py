#!/usr/bin/env python3
"""Texts checked per second, four ways, on the same texts:

  check_many        Checker.check_many(texts, threads=N) (rayon, GIL released)
  python-threads    a ThreadPoolExecutor of N threads calling Checker.check
  cli-per-text      `coquille check --format json --no-config -` once per text
                    (a new process each time, as a script shelling out would)
  http-per-text     one POST /v1/check per text to `coquille serve`, as
                    language_tool_python does against a LanguageTool server:
                    sequential, and from N client threads (keep-alive sessions)

The texts are the fields of the first --records records of a corpus built by
examples/spark/build_corpus.py. The per-process and per-request ways are
slower, so they run on the first --cli-texts and --http-texts texts only.
Every rate is texts per second of wall time (the median of 3 runs for the
in-process ways, after a warm-up); process_cpu_s is the CPU time of this
Python process (all its threads; not the CLI's or the server's). Each slower
way must find exactly what check_many finds on the same texts. Prints one
JSON line per measure, then a summary table.

    python3 bindings/python/bench/throughput.py --corpus /tmp/corpus.jsonl \\
        --coquille target/release/coquille --threads 2
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from coquille_fr import Checker


def load_texts(path, records):
    texts = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i == records:
                break
            for field in json.loads(line)["fields"]:
                texts.append(field["content"])
    return texts


def measure(name, texts, run, threads=None, repeat=1):
    """The median of `repeat` runs (by wall time)."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        cpu = time.process_time()
        findings = run(texts)
        runs.append((time.perf_counter() - started, time.process_time() - cpu, findings))
    wall, cpu, findings = sorted(runs)[len(runs) // 2]
    row = {"way": name, "threads": threads, "texts": len(texts),
           "bytes": sum(len(t.encode()) for t in texts), "runs": repeat,
           "seconds": round(wall, 3), "texts_per_s": round(len(texts) / wall, 1),
           "findings": findings, "process_cpu_s": round(cpu, 3)}
    print(json.dumps(row), flush=True)
    return row


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--records", type=int, default=4000)
    ap.add_argument("--cli-texts", type=int, default=300)
    ap.add_argument("--http-texts", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--coquille", default="coquille", help="the CLI binary (release build)")
    args = ap.parse_args()

    texts = load_texts(args.corpus, args.records)
    cli_texts, http_texts = texts[: args.cli_texts], texts[: args.http_texts]
    checker = Checker()
    # Warm up: the first texts build the lazy tables (language models...).
    checker.check_many(texts[:500])
    rows = []
    # The slower ways must find what check_many finds on the same texts.
    expected = {n: sum(len(r.findings) for r in checker.check_many(texts[:n]))
                for n in (len(cli_texts), len(http_texts))}

    for n in sorted({1, args.threads}):
        rows.append(measure("check_many", texts, threads=n, repeat=3, run=lambda ts, n=n: sum(
            len(r.findings) for r in checker.check_many(ts, threads=n))))
    for n in sorted({1, args.threads}):
        def threaded(ts, n=n):
            with ThreadPoolExecutor(max_workers=n) as pool:
                return sum(len(r.findings) for r in pool.map(checker.check, ts, chunksize=64))
        rows.append(measure("python-threads", texts, threads=n, repeat=3, run=threaded))

    def cli(ts):
        total = 0
        for t in ts:
            out = subprocess.run([args.coquille, "check", "--no-config", "--format", "json", "-"],
                                 input=t.encode(), capture_output=True, check=False)
            if out.returncode not in (0, 1):
                sys.exit(f"coquille failed: {out.stderr.decode()[-500:]}")
            total += len(json.loads(out.stdout)["documents"][0]["findings"])
        return total
    rows.append(measure("cli-per-text", cli_texts, threads=1, run=cli))

    port = free_port()
    server = subprocess.Popen(
        [args.coquille, "serve", "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/",
        env={**os.environ, "COQUILLE_LOG": "warn"},
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                if requests.get(f"{url}/readyz", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            sys.exit("coquille serve did not become ready")

        def post(session, t):
            body = {"fields": [{"name": "body", "content": t}]}
            r = session.post(f"{url}/v1/check", json=body, timeout=60)
            r.raise_for_status()
            return r.json()["summary"]["findings"]

        def http_sequential(ts):
            with requests.Session() as s:
                return sum(post(s, t) for t in ts)
        rows.append(measure("http-per-text", http_texts, threads=1, run=http_sequential))

        def http_threads(ts, n=args.threads):
            def worker(chunk):
                with requests.Session() as s:
                    return sum(post(s, t) for t in chunk)
            chunks = [ts[i::n] for i in range(n)]
            with ThreadPoolExecutor(max_workers=n) as pool:
                return sum(pool.map(worker, chunks))
        rows.append(measure("http-per-text", http_texts, threads=args.threads, run=http_threads))
    finally:
        server.terminate()
        server.wait(timeout=30)

    for r in rows:
        if r["texts"] in expected and r["findings"] != expected[r["texts"]]:
            sys.exit(f"{r['way']} found {r['findings']} findings, check_many {expected[r['texts']]}")
    print(f"\n{'way':<16}{'threads':>8}{'texts':>8}{'texts/s':>10}{'findings':>10}", file=sys.stderr)
    for r in rows:
        print(f"{r['way']:<16}{r['threads']:>8}{r['texts']:>8}{r['texts_per_s']:>10}"
              f"{r['findings']:>10}", file=sys.stderr)
    print(f"load average at the end: {os.getloadavg()}", file=sys.stderr)


if __name__ == "__main__":
    main()
