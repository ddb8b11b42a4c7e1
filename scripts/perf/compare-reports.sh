#!/bin/bash
# JSON reports of two binaries on the sample, the fixtures, PUD, Sequoia,
# eval/mt and eval/clean-web, compared byte for byte (run from the root).
#   scripts/perf/compare-reports.sh OLD_BINARY NEW_BINARY
B=$1; N=$2; ok=0; bad=0
for f in data/samples/allinfo-poutine-bielorussie.txt crates/coquille/tests/fixtures/leaks/*.txt \
         crates/coquille/tests/fixtures/clean/* crates/coquille/tests/fixtures/html/* \
         crates/coquille/tests/fixtures/*.txt ../shared/eval/ud-fr-pud.running.txt \
         ../shared/eval/sequoia-fulldocs.running.txt eval/mt/*.txt eval/clean-web/*.txt; do
  a=$("$B" check --no-config --format json "$f" 2>&1 | md5sum); b=$("$N" check --no-config --format json "$f" 2>&1 | md5sum)
  if [ "$a" == "$b" ]; then ok=$((ok+1)); else bad=$((bad+1)); echo "DIFF $f"; fi
done
echo "identical $ok, different $bad"
