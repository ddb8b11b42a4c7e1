#!/usr/bin/env python3
"""Check every annotation file of the real-text corpora.

usage: check_annotations.py [EVAL_DIR]      (default: the folder above this script)

For each folder with an index.tsv: every indexed document exists with its .ann.tsv,
every row has a known level and defect class, offsets on character boundaries and
text equal to the annotated bytes, rows do not duplicate each other. Exit 1 on any
problem, printing each.
"""
import csv
import os
import sys

LEVELS = {"must", "minor"}
DEFECTS = {
    "english", "markup", "punctuation", "spacing", "quotes", "units", "number-format",
    "currency", "date", "time", "title-case", "place-format", "elision", "sentence-break",
    "boilerplate", "truncated", "repetition", "encoding", "name-translated",
    "mistranslation", "grammar", "other",
}
INDEX_COLUMNS = ["id", "url", "site", "domain", "published", "retrieved", "licence"]
ANN_COLUMNS = ["level", "defect", "start", "end", "text", "note"]


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in "tn\\":
            out.append({"t": "\t", "n": "\n", "\\": "\\"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def read_tsv(path, columns, problems):
    with open(path, encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != columns:
        problems.append(f"{path}: header must be {'<TAB>'.join(columns)}")
        return []
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(columns):
            problems.append(f"{path}:{n}: {len(cells)} columns, expected {len(columns)}")
            continue
        rows.append((n, dict(zip(columns, cells))))
    return rows


def check_folder(folder, problems):
    index = os.path.join(folder, "index.tsv")
    docs = read_tsv(index, INDEX_COLUMNS, problems)
    ids = set()
    for n, row in docs:
        doc_id = row["id"]
        if doc_id in ids:
            problems.append(f"{index}:{n}: duplicate id {doc_id}")
        ids.add(doc_id)
        for col in INDEX_COLUMNS:
            if not row[col].strip():
                problems.append(f"{index}:{n}: empty {col}")
        txt = os.path.join(folder, doc_id + ".txt")
        ann = os.path.join(folder, doc_id + ".ann.tsv")
        if not os.path.exists(txt) or not os.path.exists(ann):
            problems.append(f"{index}:{n}: {doc_id}.txt or {doc_id}.ann.tsv missing")
            continue
        data = open(txt, "rb").read()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as e:
            problems.append(f"{txt}: not UTF-8 at byte {e.start}")
            continue
        seen = set()
        for m, a in read_tsv(ann, ANN_COLUMNS, problems):
            where = f"{ann}:{m}"
            if a["level"] not in LEVELS:
                problems.append(f"{where}: level {a['level']!r} not in {sorted(LEVELS)}")
            if a["defect"] not in DEFECTS:
                problems.append(f"{where}: defect {a['defect']!r} unknown")
            try:
                start, end = int(a["start"]), int(a["end"])
            except ValueError:
                problems.append(f"{where}: offsets are not integers")
                continue
            if not 0 <= start < end <= len(data):
                problems.append(f"{where}: span {start}-{end} outside 0-{len(data)}")
                continue
            try:
                got = data[start:end].decode("utf-8")
            except UnicodeDecodeError:
                problems.append(f"{where}: span {start}-{end} cuts a character")
                continue
            if got != unescape(a["text"]):
                problems.append(f"{where}: text {a['text']!r} but bytes say {got!r}")
            key = (a["defect"], start, end)
            if key in seen:
                problems.append(f"{where}: duplicate row")
            seen.add(key)
    names = {f[: -len(".txt")] for f in os.listdir(folder) if f.endswith(".txt")}
    for orphan in sorted(names - ids):
        problems.append(f"{folder}/{orphan}.txt: not in index.tsv")
    return len(docs)


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    problems = []
    total = 0
    for name in sorted(os.listdir(root)):
        folder = os.path.join(root, name)
        if os.path.exists(os.path.join(folder, "index.tsv")):
            count = check_folder(folder, problems)
            print(f"{name}: {count} documents")
            total += count
    for p in problems:
        print(p)
    print(f"{total} documents, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
