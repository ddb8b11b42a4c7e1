#!/usr/bin/env bash
# Load test of `coquille serve` on 127.0.0.1 only, bounded in time.
#
#   scripts/loadtest.sh [DURATION_S]        (default 10 s per run; about 45 s in all)
#   COQUILLE_BIN=/path/to/coquille scripts/loadtest.sh    (an already built binary)
#
# Needs wrk (Debian: apt-get install wrk), curl and python3. Builds the release
# binary, starts the server on a free loopback port, then:
#   1. posts a 10 KB French article (scripts/attack/article.py: the start of
#      ../shared/eval/sequoia-fulldocs.running.txt) as title + body fields to
#      /v1/check at 1, 16 and 64 connections and
#      prints p50/p99 latency, requests/s and errors for each;
#   2. prints the server's peak memory (VmHWM from /proc);
#   3. sends SIGTERM in the middle of a 16-connection run and shows that every
#      request the server received was answered 200, that the server exited 0
#      after finishing them, and that the client's only errors came after
#      shutdown began (refused or closed connections).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${1:-10}
WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "loadtest: $tool is missing (apt-get install $tool)" >&2; exit 2; }
done

# COQUILLE_BIN=path runs an already built binary (e.g. an older one, to
# compare) instead of building this tree.
if [[ -n "${COQUILLE_BIN:-}" ]]; then
  BIN=$COQUILLE_BIN
else
  cargo build --release --quiet -p coquille-cli
  BIN=target/release/coquille
fi

python3 scripts/attack/article.py > "$WORK/article.txt"
python3 scripts/attack/article.py --json > "$WORK/body.json"
export COQUILLE_LOADTEST_BODY="$WORK/body.json"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start_server() {
  PORT=$(free_port)
  URL="http://127.0.0.1:$PORT"
  LOG="$WORK/server-$PORT.log"
  # A config file without secrets: no adapter is used here.
  "$BIN" serve --addr "127.0.0.1:$PORT" --config /dev/null 2>"$LOG" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    if curl -fsS "$URL/readyz" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  echo "loadtest: server did not become ready" >&2; cat "$LOG" >&2; exit 1
}

run_wrk() { # connections duration
  local c=$1 d=$2 t=$(( $1 < 2 ? 1 : 2 ))
  wrk -t"$t" -c"$c" -d"${d}s" --timeout 10s -s scripts/loadtest.lua "$URL/v1/check" | grep '^RESULT'
}

echo "== coquille serve load test ($(date -u +%FT%TZ), $(nproc) cores, release build, load average $(cut -d" " -f1-3 /proc/loadavg))"
echo "   rules: $("$BIN" rules | wc -l) ($("$BIN" rules | awk '{print $1}' | paste -sd, -))"
echo "   body: 10 KB French article ($(wc -c < "$WORK/article.txt") bytes, scripts/attack/article.py) as title + body fields, $(wc -c < "$WORK/body.json") bytes of JSON"

start_server
findings=$(curl -fsS -H 'content-type: application/json' --data-binary @"$WORK/body.json" "$URL/v1/check" \
  | python3 -c 'import json,sys; v=json.load(sys.stdin); print(v["verdict"], v["summary"]["findings"], "findings")')
echo "   one check: $findings"
echo
echo "-- throughput and latency (${DURATION} s per run, wrk keep-alive connections)"
for c in 1 16 64; do
  printf 'connections=%-3s ' "$c"
  run_wrk "$c" "$DURATION"
done
echo
echo "-- server peak memory: $(awk '/VmHWM/ {print $2, $3}' "/proc/$SERVER_PID/status") (VmHWM), now $(awk '/VmRSS/ {print $2, $3}' "/proc/$SERVER_PID/status") (VmRSS)"
curl -fsS "$URL/metrics" | awk '
  /^coquille_check_duration_seconds_sum\{endpoint="v1"\}/ {sum=$2}
  /^coquille_check_duration_seconds_count\{endpoint="v1"\}/ {n=$2}
  END {if (n) printf "-- server-side check time (Checker on the blocking pool): mean %.3f ms over %d checks\n", 1000*sum/n, n}'
statuses=$(grep -o '"status":[0-9]*' "$LOG" | sort | uniq -c | tr -s ' ' | paste -sd, -)
echo "-- statuses in the access log: $statuses"
kill -TERM "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=

echo
echo "-- SIGTERM during a 16-connection run"
start_server
SHUT_DURATION=6
run_wrk 16 "$SHUT_DURATION" > "$WORK/shutdown.txt" &
WRK_PID=$!
sleep 3
before=$(grep -c '"target":"coquille::access"' "$LOG" || true)
echo "   $(date -u +%T.%N | cut -c1-12) SIGTERM sent after 3 s ($before requests answered so far)"
kill -TERM "$SERVER_PID"
set +e
wait "$SERVER_PID"; code=$?
set -e
SERVER_PID=
echo "   $(date -u +%T.%N | cut -c1-12) server exited with code $code"
wait "$WRK_PID" || true
printf '   client: '; cat "$WORK/shutdown.txt"
grep -q 'shutdown began' "$LOG" && echo "   server log: $(grep -o '"message":"shutdown[^"]*"' "$LOG" | paste -sd' ' -)"
total=$(grep '"target":"coquille::access"' "$LOG" | grep -c '"route":"/v1/check"' || true)
ok=$(grep '"target":"coquille::access"' "$LOG" | grep '"route":"/v1/check"' | grep -c '"status":200' || true)
client=$(grep -o 'requests=[0-9]*' "$WORK/shutdown.txt" | cut -d= -f2)
echo "   /v1/check requests the server received: $total, answered 200: $ok, other: $((total - ok)); responses the client read: $client"
if curl -sS "$URL/healthz" >/dev/null 2>"$WORK/curl.txt"; then
  echo "   FAIL: the server still answers after exiting"; exit 1
fi
echo "   a new connection now: $(cat "$WORK/curl.txt")"
echo "   (wrk counts a refused non-blocking connect as a write error, and a request written on a"
echo "    keep-alive connection the server closed while idle after SIGTERM as a read error:"
echo "    neither reached the server, whose every received request was answered)"
if [[ "$code" -eq 0 && "$total" -eq "$ok" && "$total" -eq "$client" ]] && grep -q 'non2xx=0 ' "$WORK/shutdown.txt"; then
  echo "   PASS: every request in flight at SIGTERM completed with 200 and reached the client; errors only after shutdown began"
else
  echo "   FAIL: see the log above"
  exit 1
fi
