#!/usr/bin/env bash
# Simulated negotiations, accord vs NegMAS 0.16.0 (see simulate.py).
# Makes bench/peer/.venv with negmas from PyPI on first use. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
venv=bench/peer/.venv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "negmas==0.16.0"
fi
exec "$venv/bin/python" bench/peer/simulate.py --python "$venv/bin/python" "$@"
