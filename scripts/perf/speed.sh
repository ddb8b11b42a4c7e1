#!/bin/bash
# The measures of notes/issue-19-speed.md, items 1, 3 and 4 (run from the root):
#   scripts/perf/speed.sh DIR OLD_BINARY NEW_BINARY OLD_RULE_TIMES NEW_RULE_TIMES
# DIR from scripts/perf/make-inputs.py; *_RULE_TIMES: the rule_times example of each
# tree (cargo build --release -p coquille --example rule_times).
W=$1; B=$2; N=$3; BRT=$4; NRT=$5
MT=$(ls eval/mt/*.txt); SEQ=../shared/eval/sequoia-fulldocs.running.txt
echo "== load: $(uptime)"
echo "== 1. whole check in process, one thread, best of 5 rounds, alternated"
for i in 1 2; do for rt in "$BRT" "$NRT"; do
  echo "$rt  mt: $(RAYON_NUM_THREADS=1 $rt --whole --rounds 5 $MT)  newswire: $(RAYON_NUM_THREADS=1 $rt --whole --rounds 5 $SEQ)"
done; done
echo "== 1b. whole process, one thread, against grammalecte-cli -f FILE -j"
cat $MT > "$W/mt-all.txt"
for f in "$W/mt-all.txt" $SEQ; do
  for b in "$B" "$N"; do /usr/bin/time -f "$b $(basename $f) %e s %U user %M KB" $b check --no-config -j1 --format json $f > /dev/null 2>"$W/t.err"; tail -1 "$W/t.err"; done
  /usr/bin/time -f "grammalecte $(basename $f) %e s %U user %M KB" grammalecte-cli -f $f -j > /dev/null 2>"$W/t.err"; tail -1 "$W/t.err"
done
echo "== 3. 5,000 files, then 64 MB documents, on 1 and 2 threads; peak memory"
for j in 1 2; do /usr/bin/time -f "new files5k -j$j %e s %U user %M KB" $N check --no-config -j$j --format json "$W/files5k" > "$W/f5k-j$j.json" 2>"$W/t.err"; tail -1 "$W/t.err"; done
/usr/bin/time -f "old files5k -j2 %e s %U user %M KB" $B check --no-config -j2 --format json "$W/files5k" > "$W/f5k-old.json" 2>"$W/t.err"; tail -1 "$W/t.err"
for f in big-paras.txt big.html big-line.txt; do for j in 1 2; do
  /usr/bin/time -f "new $f -j$j %e s %U user %M KB" $N check --no-config -j$j --format json "$W/$f" > "$W/$f-j$j.json" 2>"$W/t.err"; tail -1 "$W/t.err"
done; done
md5sum "$W"/*.json
echo "== load: $(uptime)"
