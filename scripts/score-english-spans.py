#!/usr/bin/env python3
"""Span recall and precision of untranslated-English detection on hand-annotated pages.

usage: score-english-spans.py DIR coquille BINARY     findings of `untranslated-english`
       score-english-spans.py DIR lingua              lingua's English spans (French + English)
       add --list to print every annotated span and finding

DIR holds NAME.txt with NAME.ann.tsv beside it (eval/README.md's format; rows of defect
`english` count). Recall: annotated `must` spans that some finding overlaps (any severity, and
at `error`). Precision: findings that overlap an annotated span (`must` or `minor`). Per page,
the gate verdict (coquille only) and whether the page has `must` English.
"""
import json
import os
import subprocess
import sys


def annotations(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 5 and cols[1] == "english":
                rows.append((cols[0], int(cols[2]), int(cols[3]), cols[4]))
    return rows


def coquille_findings(binary, path):
    out = subprocess.run(
        [binary, "check", "--no-config", "--format", "json", path],
        capture_output=True, text=True,
    ).stdout
    doc = json.loads(out)["documents"][0]
    found = [
        (f["start"], f["end"], f["severity"], f["text"])
        for f in doc["findings"]
        if f["rule"] == "untranslated-english"
    ]
    return found, doc["verdict"]


_DETECTOR = None


def lingua_findings(path):
    global _DETECTOR
    from lingua import Language, LanguageDetectorBuilder

    if _DETECTOR is None:
        _DETECTOR = LanguageDetectorBuilder.from_languages(
            Language.FRENCH, Language.ENGLISH
        ).build()
    text = open(path, encoding="utf-8").read()
    # character index -> byte offset
    offsets = [0]
    for ch in text:
        offsets.append(offsets[-1] + len(ch.encode("utf-8")))
    found = []
    for r in _DETECTOR.detect_multiple_languages_of(text):
        if r.language == Language.ENGLISH:
            s, e = offsets[r.start_index], offsets[r.end_index]
            found.append((s, e, "english", text[r.start_index:r.end_index].strip()))
    return found, "-"


def overlaps(a0, a1, b0, b1):
    return a0 < b1 and b0 < a1


def main(argv):
    listing = "--list" in argv
    argv = [a for a in argv if a != "--list"]
    if len(argv) < 3:
        sys.exit(__doc__)
    folder, engine = argv[1], argv[2]
    names = sorted(n[:-4] for n in os.listdir(folder) if n.endswith(".txt"))
    must = must_hit = must_hit_error = 0
    findings = findings_ok = 0
    pages = []
    for name in names:
        path = os.path.join(folder, name + ".txt")
        ann_path = os.path.join(folder, name + ".ann.tsv")
        ann = annotations(ann_path) if os.path.exists(ann_path) else []
        if engine == "coquille":
            found, verdict = coquille_findings(argv[3], path)
        elif engine == "lingua":
            found, verdict = lingua_findings(path)
        else:
            sys.exit(__doc__)
        page_must = [a for a in ann if a[0] == "must"]
        hit = 0
        for level, s, e, text in page_must:
            over = [f for f in found if overlaps(s, e, f[0], f[1])]
            must += 1
            if over:
                must_hit += 1
                hit += 1
            if any(f[2] == "error" for f in over):
                must_hit_error += 1
            if listing:
                mark = "HIT" if over else "miss"
                print(f"{name}\t{mark}\t{level}\t{text[:80]!r}")
        for s, e, sev, text in found:
            findings += 1
            ok = any(overlaps(s, e, a[1], a[2]) for a in ann)
            findings_ok += ok
            if listing:
                print(f"{name}\t{'ok' if ok else 'FP'}\t{sev}\t{text[:80]!r}")
        pages.append((name, len(page_must), hit, len(found), verdict))
    print("page\tmust\thit\tfindings\tverdict")
    for p in pages:
        print("\t".join(str(x) for x in p))
    recall = must_hit / must if must else 0.0
    recall_err = must_hit_error / must if must else 0.0
    precision = findings_ok / findings if findings else 0.0
    with_english = [p for p in pages if p[1]]
    failing = [p for p in with_english if p[4] == "fail"]
    clean = [p for p in pages if not p[1]]
    clean_fail = [p for p in clean if p[4] == "fail"]
    print(
        f"span recall {must_hit}/{must} = {recall:.2f} (at error {must_hit_error}/{must} = "
        f"{recall_err:.2f}); precision {findings_ok}/{findings} = {precision:.2f}; "
        f"pages with English failing {len(failing)}/{len(with_english)}; "
        f"pages without English failing {len(clean_fail)}/{len(clean)}"
    )


if __name__ == "__main__":
    main(sys.argv)
