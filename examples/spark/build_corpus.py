#!/usr/bin/env python3
"""Builds a JSONL corpus of article records from the project's real corpora.

Each line is one record in the shape of a `/v1/check` request, plus an id:

    {"id": "rec-0000001", "fields": [{"name": "title", "format": "text", "content": "..."},
                                     {"name": "body", "format": "text", "content": "..."}]}

Sources: `../shared/eval/*.running.txt` (PUD, Sequoia: careful French) and
`eval/mt/*.txt`, `eval/clean-web/*.txt` (machine-translated and clean web
pages) of this repository, split into paragraphs at blank lines. Record i is
a window of 1 to 4 consecutive paragraphs of one source file, starting at a
position that moves through every file; when the window starts with a short
line (under 120 characters, no final full stop) it becomes the title field.
The corpora hold about 2,000 paragraphs, so a 100,000-record corpus repeats
them in varying windows: fine for throughput, and every record keeps its id.

`--malformed-at N` replaces record N by a line that is not valid JSON (to show
that a batch goes on past it). The output is generated data: do not commit it.

    python3 examples/spark/build_corpus.py --records 100000 --out /tmp/corpus.jsonl
"""

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def paragraphs_by_file(repo: Path, shared: Path):
    sources = sorted(shared.glob("*.running.txt"))
    sources += sorted((repo / "eval" / "mt").glob("*.txt"))
    sources += sorted((repo / "eval" / "clean-web").glob("*.txt"))
    if not sources:
        sys.exit(f"no corpus found under {shared} or {repo / 'eval'}")
    files = []
    for path in sources:
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        paras = [p.strip("\n") for p in text.split("\n\n")]
        paras = [p for p in paras if p.strip()]
        if paras:
            files.append((path, paras))
    return files


def is_title(paragraph: str) -> bool:
    line = paragraph.strip()
    return "\n" not in line and len(line) < 120 and not line.endswith((".", "!", "?", "…"))


def records(files, count: int):
    # Every (file, start) pair in turn, so consecutive records come from
    # different files, then the window length cycles 1..4.
    starts = [(f, s) for f, (_, paras) in enumerate(files) for s in range(len(paras))]
    for i in range(count):
        f, start = starts[(i * 7919) % len(starts)]  # prime stride: jumps between files
        paras = files[f][1]
        window = paras[start : start + 1 + i % 4]
        fields = []
        if len(window) > 1 and is_title(window[0]):
            fields.append({"name": "title", "format": "text", "content": window[0]})
            window = window[1:]
        fields.append({"name": "body", "format": "text", "content": "\n\n".join(window)})
        yield {"id": f"rec-{i:07d}", "fields": fields}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=100_000)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "eval",
                    help="the shared corpora (default: ../shared/eval next to the repository)")
    ap.add_argument("--malformed-at", type=int, default=None,
                    help="replace record N (0-based) by a line that is not valid JSON")
    args = ap.parse_args()
    files = paragraphs_by_file(REPO, args.shared)
    total_bytes = 0
    with args.out.open("w", encoding="utf-8") as out:
        for i, rec in enumerate(records(files, args.records)):
            if i == args.malformed_at:
                line = '{"id": "%s", "fields": [{"name": "body", "content": "unterminated' % rec["id"]
            else:
                line = json.dumps(rec, ensure_ascii=False)
            total_bytes += len(line.encode("utf-8")) + 1
            out.write(line + "\n")
    n_paras = sum(len(p) for _, p in files)
    print(f"{args.records} records, {total_bytes / 1e6:.1f} MB, from {len(files)} files "
          f"({n_paras} paragraphs) -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
