#!/usr/bin/env bash
# `accord sweep` against its baseline, the same grid as one run per point
# (what an analyst did by hand before: `analyze`, `leverage` and `mediate`
# with the point's --set), in one run on this machine. Prints one table.
# Not part of CI. Usage: bench/sweep.sh [POINTS]  (default 36)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/accord
file=examples/ukraine-2025/scenario.toml
n=${1:-36}
step=$(python3 -c "print(0.35 / ($n - 1))")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }

start=$(now)
"$bin" sweep "$file" --vary "russia.reservation=0.55:0.9:$step" --command mediate --press ukraine --json > "$tmp/sweep.json"
sweep=$(python3 -c "print($(now) - $start)")

start=$(now)
python3 - "$tmp/sweep.json" > "$tmp/values" <<'PY'
import json, sys
for v in json.load(open(sys.argv[1]))["vary"][0]["values"]:
    print(v)
PY
while read -r x; do
  "$bin" analyze "$file" --parties russia,ukraine --json --set "russia.reservation=$x" > /dev/null
  "$bin" leverage "$file" --json --set "russia.reservation=$x" > /dev/null
  "$bin" mediate "$file" --press ukraine --limit 1 --json --set "russia.reservation=$x" > /dev/null
done < "$tmp/values"
loop=$(python3 -c "print($(now) - $start)")

points=$(wc -l < "$tmp/values")
echo "| grid points | one run per point (s) | accord sweep (s) | ratio |"
echo "|---|---|---|---|"
python3 -c "print(f'| $points | {$loop:.2f} | {$sweep:.2f} | {$loop / $sweep:.1f}× |')"
