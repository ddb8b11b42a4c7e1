#!/usr/bin/env python3
"""Reads a `coquille check --format json` report on standard input and writes
it with each rule of a finding's `related` list added as a finding of its own
on the same bytes, for scorers that match findings by `rule` only (such as
`../shared/tools/score-findings.py`).

Coquille folds the findings of several rules on one defect into one finding
(`related` names the others; see `crates/coquille/src/fold.rs`), so a scorer
that reads `rule` alone misses the folded rules. The added findings carry
`"expanded_from": RULE`; the span is the folding finding's, which holds or
shares bytes with the folded one's.

    coquille check --no-config --format json FILE | python3 scripts/expand-related.py > r.json
"""
import json
import sys


def expand(findings):
    out = []
    for f in findings:
        out.append(f)
        for rule in f.get("related") or []:
            g = dict(f, rule=rule, related=[], expanded_from=f["rule"])
            out.append(g)
    return out


def main():
    report = json.load(sys.stdin)
    if "documents" in report:
        for doc in report["documents"]:
            doc["findings"] = expand(doc.get("findings", []))
    elif "findings" in report:
        report["findings"] = expand(report["findings"])
    json.dump(report, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
