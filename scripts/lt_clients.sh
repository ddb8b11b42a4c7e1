#!/usr/bin/env bash
# Runs three real LanguageTool clients against `coquille serve` (127.0.0.1
# only) and prints what each one shows, with one PASS/FAIL line per client:
#
#   scripts/lt_clients.sh          (COQUILLE_BIN=path to use a built binary)
#
#   1. language_tool_python (PyPI language-tool-python, remote-server mode):
#      scripts/languagetool_client.py, offsets on a text with emoji;
#   2. pylanguagetool (PyPI pylanguagetool): its command line with rules,
#      categories and rule URLs (-u), French, then `-l auto` on English;
#   3. languagetool-rust's `ltrs` command (crates.io languagetool-rust,
#      `cargo install languagetool-rust --no-default-features --features cli`),
#      found on PATH or in $LTRS.
#
# Install the Python clients with:
#   pip install language-tool-python==3.4.0 pylanguagetool==0.11.0
# A missing client is reported as FAIL, never skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

WORK=$(mktemp -d)
SERVER_PID=
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [[ -n "${COQUILLE_BIN:-}" ]]; then
  BIN=$COQUILLE_BIN
else
  cargo build --quiet -p coquille-cli || exit 2
  BIN=target/debug/coquille
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
"$BIN" serve --addr "127.0.0.1:$PORT" --config /dev/null 2>"$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 1 200); do
  curl -fsS "$URL/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done

FAILS=0
result() { # name status
  if [[ "$2" -eq 0 ]]; then echo "PASS $1"; else echo "FAIL $1"; FAILS=$((FAILS + 1)); fi
  echo
}

printf 'Les forces russes sont arrivées depuis la Pologne. . Le ministère a confirmé , , hier.\n' > "$WORK/fr.txt"
printf 'The troops arrived at the border last night, according to the ministry.\n' > "$WORK/en.txt"
echo "== $("$BIN" --version 2>/dev/null || echo coquille) at $URL"
echo

echo "-- 1. language_tool_python $(pip show language-tool-python 2>/dev/null | awk '/^Version/ {print $2}')"
python3 scripts/languagetool_client.py "$URL/"
result "language_tool_python" $?

echo "-- 2. pylanguagetool $(pip show pylanguagetool 2>/dev/null | awk '/^Version/ {print $2}')"
if command -v pylanguagetool >/dev/null; then
  echo "\$ pylanguagetool -a $URL/v2/ -l fr -r --rule-categories -u --no-color fr.txt"
  # Like a linter, pylanguagetool exits 1 when it found something, 0 when not.
  pylanguagetool -a "$URL/v2/" -l fr -r --rule-categories -u --no-color "$WORK/fr.txt" | tee "$WORK/py.txt"
  rc=${PIPESTATUS[0]}
  ok=0
  [[ "$rc" -eq 1 ]] || { echo "(exit status $rc, expected 1)"; ok=1; }
  grep -q "duplicate-punctuation" "$WORK/py.txt" && grep -q "/v1/rules/duplicate-punctuation" "$WORK/py.txt" || ok=1
  echo "\$ pylanguagetool -a $URL/v2/ -l auto --no-color en.txt"
  pylanguagetool -a "$URL/v2/" -l auto --no-color "$WORK/en.txt" | tee "$WORK/py-en.txt"
  rc=${PIPESTATUS[0]}
  [[ "$rc" -eq 0 ]] || { echo "(exit status $rc, expected 0)"; ok=1; }
  grep -q "English detected" "$WORK/py-en.txt" || ok=1
  result "pylanguagetool" "$ok"
else
  echo "pylanguagetool is not installed (pip install pylanguagetool==0.11.0)"
  result "pylanguagetool" 1
fi

LTRS=${LTRS:-$(command -v ltrs || true)}
echo "-- 3. languagetool-rust (ltrs) ${LTRS:+$("$LTRS" --version 2>/dev/null)}"
if [[ -n "$LTRS" && -x "$LTRS" ]]; then
  # ltrs 3.0.1 takes only 4-digit ports in --port: the port goes with the
  # host name instead (an empty --port means none of its own).
  echo "\$ ltrs --hostname $URL check --language fr --raw --text \"\$(cat fr.txt)\""
  "$LTRS" --hostname "$URL" check --language fr --raw --text "$(cat "$WORK/fr.txt")" > "$WORK/ltrs.json"
  ok=$?
  python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); print(json.dumps({"software": v["software"], "language": v["language"], "matches": [(m["rule"]["id"], m["offset"], m["length"], m["sentence"]) for m in v["matches"]]}, ensure_ascii=False, indent=1))' "$WORK/ltrs.json" || ok=1
  echo "\$ ltrs --hostname $URL check --language fr --text \"\$(cat fr.txt)\""
  "$LTRS" --hostname "$URL" check --language fr --text "$(cat "$WORK/fr.txt")" || ok=1
  result "languagetool-rust (ltrs)" "$ok"
else
  echo "ltrs not found (cargo install languagetool-rust --no-default-features --features cli; or set LTRS)"
  result "languagetool-rust (ltrs)" 1
fi

echo "== $FAILS client(s) failed"
[[ "$FAILS" -eq 0 ]]
