#!/usr/bin/env bash
# Runs the attack suite of `coquille serve` (issue 15) against a fresh build.
#
#   scripts/attack/run.sh [--release] [CASE ...]
#
# Builds the `coquille` binary (debug, or release with --release: use release
# for measurements), then runs scripts/attack/attack.py, which starts its own
# servers on free 127.0.0.1 ports. Needs python3 (standard library only) and,
# for case 9, wrk (apt-get install wrk). Takes a few minutes; prints one
# PASS/FAIL line per check and exits 1 if any failed.
set -euo pipefail
cd "$(dirname "$0")/../.."
profile=debug
flags=()
if [[ "${1:-}" == "--release" ]]; then
  profile=release
  flags=(--release)
  shift
fi
cargo build "${flags[@]}" --quiet -p coquille-cli
exec python3 scripts/attack/attack.py --bin "target/$profile/coquille" "$@"
