#!/bin/bash
# JSON reports of two binaries on the sample, the fixtures, PUD, Sequoia,
# eval/mt and eval/clean-web, compared byte for byte (run from the root).
#   scripts/perf/compare-reports.sh OLD_BINARY NEW_BINARY
# COUNTED=1 compares the findings that count only (the entries with
# `folded_into`, listed since 2026-12-03, left out): to compare with a binary
# that did not list them.
B=$1; N=$2; ok=0; bad=0
report() {
  if [ -n "$COUNTED" ]; then
    "$1" check --no-config --format json "$2" 2>&1 | python3 -c '
import json, sys
raw = sys.stdin.read()
try:
    r = json.loads(raw)
except ValueError:
    sys.stdout.write(raw); sys.exit()
for d in r.get("documents", []):
    d["findings"] = [f for f in d["findings"] if "folded_into" not in f]
json.dump(r, sys.stdout, ensure_ascii=False, indent=2)'
  else
    "$1" check --no-config --format json "$2" 2>&1
  fi
}
for f in data/samples/allinfo-poutine-bielorussie.txt crates/coquille/tests/fixtures/leaks/*.txt \
         crates/coquille/tests/fixtures/clean/* crates/coquille/tests/fixtures/html/* \
         crates/coquille/tests/fixtures/*.txt ../shared/eval/ud-fr-pud.running.txt \
         ../shared/eval/sequoia-fulldocs.running.txt eval/mt/*.txt eval/clean-web/*.txt; do
  a=$(report "$B" "$f" | md5sum); b=$(report "$N" "$f" | md5sum)
  if [ "$a" == "$b" ]; then ok=$((ok+1)); else bad=$((bad+1)); echo "DIFF $f"; fi
done
echo "identical $ok, different $bad"
