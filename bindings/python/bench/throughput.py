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
slower by orders of magnitude, so they run on the first --slow-texts texts
only; every rate is texts per second of wall time. Prints one JSON line per
measure, then a summary table.

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


def measure(name, texts, run, threads=None, **extra):
    started = time.perf_counter()
    cpu = time.process_time()
    findings = run(texts)
    wall = time.perf_counter() - started
    row = {"way": name, "threads": threads, "texts": len(texts),
           "bytes": sum(len(t.encode()) for t in texts), "seconds": round(wall, 3),
           "texts_per_s": round(len(texts) / wall, 1), "findings": findings,
           "client_cpu_s": round(time.process_time() - cpu, 3), **extra}
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
    ap.add_argument("--slow-texts", type=int, default=300)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--coquille", default="coquille", help="the CLI binary (release build)")
    args = ap.parse_args()

    texts = load_texts(args.corpus, args.records)
    slow = texts[: args.slow_texts]
    checker = Checker()
    checker.check("Échauffement : les tables paresseuses se construisent ici.")
    rows = []
    # The slow ways must find what check_many finds on the same texts.
    expected_slow = sum(len(r.findings) for r in checker.check_many(slow))

    for n in sorted({1, args.threads}):
        rows.append(measure("check_many", texts, threads=n, run=lambda ts, n=n: sum(
            len(r.findings) for r in checker.check_many(ts, threads=n))))
    for n in sorted({1, args.threads}):
        def threaded(ts, n=n):
            with ThreadPoolExecutor(max_workers=n) as pool:
                return sum(len(r.findings) for r in pool.map(checker.check, ts, chunksize=64))
        rows.append(measure("python-threads", texts, threads=n, run=threaded))

    def cli(ts):
        total = 0
        for t in ts:
            out = subprocess.run([args.coquille, "check", "--no-config", "--format", "json", "-"],
                                 input=t.encode(), capture_output=True, check=False)
            if out.returncode not in (0, 1):
                sys.exit(f"coquille failed: {out.stderr.decode()[-500:]}")
            total += len(json.loads(out.stdout)["documents"][0]["findings"])
        return total
    rows.append(measure("cli-per-text", slow, threads=1, run=cli))

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
        rows.append(measure("http-per-text", slow, threads=1, run=http_sequential))

        def http_threads(ts, n=args.threads):
            def worker(chunk):
                with requests.Session() as s:
                    return sum(post(s, t) for t in chunk)
            chunks = [ts[i::n] for i in range(n)]
            with ThreadPoolExecutor(max_workers=n) as pool:
                return sum(pool.map(worker, chunks))
        rows.append(measure("http-per-text", slow, threads=args.threads, run=http_threads))
    finally:
        server.terminate()
        server.wait(timeout=30)

    for r in rows:
        if r["texts"] == len(slow) and r["findings"] != expected_slow:
            sys.exit(f"{r['way']} found {r['findings']} findings, check_many {expected_slow}")
    print(f"\n{'way':<16}{'threads':>8}{'texts':>8}{'texts/s':>10}{'findings':>10}", file=sys.stderr)
    for r in rows:
        print(f"{r['way']:<16}{r['threads']:>8}{r['texts']:>8}{r['texts_per_s']:>10}"
              f"{r['findings']:>10}", file=sys.stderr)
    print(f"load average at the end: {os.getloadavg()}", file=sys.stderr)


if __name__ == "__main__":
    main()
