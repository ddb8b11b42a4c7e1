#!/usr/bin/env python3
"""Prints the "10 KB French article" the attack suite and scripts/loadtest.sh
post: the start of the Sequoia running text (French Wikipedia and press, from
`../shared/eval/sequoia-fulldocs.running.txt`, LGPL-LR, see
`../shared/eval/README.md`), cut at the last sentence end before 10,240 bytes.

    python3 scripts/attack/article.py [--json]

With --json, prints a /v1/check body with the article as title + body fields.
Exits 2, loudly, when the shared corpus cannot be found (set COQUILLE_SHARED to
the folder that holds eval/).
"""

import json
import os
import sys

LIMIT = 10 * 1024


def shared_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    candidates = [os.environ.get("COQUILLE_SHARED", "")]
    candidates += [os.path.join(root, *[".."] * up, "shared") for up in (1, 2)]
    for c in candidates:
        if c and os.path.isfile(os.path.join(c, "eval", "sequoia-fulldocs.running.txt")):
            return c
    sys.exit("article.py: ../shared/eval/sequoia-fulldocs.running.txt not found "
             "(set COQUILLE_SHARED); the 10 KB article comes from there")


def article():
    path = os.path.join(shared_dir(), "eval", "sequoia-fulldocs.running.txt")
    with open(path, encoding="utf-8") as f:
        text = f.read(4 * LIMIT)
    raw = text.encode("utf-8")[:LIMIT].decode("utf-8", errors="ignore")
    cut = max(raw.rfind(". "), raw.rfind(".\n"))
    return raw[: cut + 1] + "\n"


def check_body(text):
    title = text.split("\n", 1)[0]
    return {"document_id": "article-10k", "fields": [
        {"name": "title", "format": "text", "content": title},
        {"name": "body", "format": "text", "content": text}]}


if __name__ == "__main__":
    a = article()
    if "--json" in sys.argv[1:]:
        sys.stdout.write(json.dumps(check_body(a), ensure_ascii=False))
    else:
        sys.stdout.write(a)
