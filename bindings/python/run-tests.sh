#!/usr/bin/env bash
# Builds the Python package in a virtual environment (debug profile, which
# reuses what `cargo test` compiled) and runs its tests: pytest, then
# mypy's stubtest (the .pyi stubs match the compiled module).
# Needs python3 (>= 3.9) with venv, and PyPI for maturin, pytest and mypy.
# The CLI parity test needs target/debug/coquille (`cargo build -p coquille-cli`;
# under $CARGO_TARGET_DIR when that is set).
set -euo pipefail
cd "$(dirname "$0")"
venv="$(realpath -m "${COQUILLE_PY_VENV:-../../target/python-venv}")"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade "maturin>=1.9.4,<2" "pytest>=7" mypy
VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" "$venv/bin/maturin" develop --quiet
"$venv/bin/python" -m pytest -q tests
(cd /tmp && "$venv/bin/python" -m mypy.stubtest coquille_fr)
