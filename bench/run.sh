#!/usr/bin/env bash
# Times `accord analyze` on the bundled example and a ladder of synthetic
# scenarios; prints one table. Not part of CI. Usage: bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/accord
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

row() { # name file extra-args...
  local name=$1 file=$2; shift 2
  local start end secs
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$tmp/mem" "$bin" analyze "$file" --json "$@" > "$tmp/out.json"
  end=$(date +%s.%N)
  secs=$(python3 -c "print(f'{$end - $start:.3f}')")
  python3 - "$name" "$secs" "$(cat "$tmp/mem")" "$tmp/out.json" <<'PY'
import json, sys
name, secs, mem, path = sys.argv[1:]
v = json.load(open(path))
z = v["zopa"]
print(f"| {name} | {v['outcomes']:.3g} | {z['count']:.3g} ({z['method']}) | {v['pareto']['distinct']} | {secs} | {int(mem)/1024:.0f} |")
PY
}

echo "| scenario | outcomes | ZOPA (method) | frontier points | seconds | peak MB |"
echo "|---|---|---|---|---|---|"
row "ukraine-2025 (4 parties)" examples/ukraine-2025/scenario.toml
row "ukraine-2025, frontier of the 2 principals" examples/ukraine-2025/scenario.toml --parties russia,ukraine
for spec in "2 12 10 --opposed" "2 20 10 --opposed" "2 30 10 --opposed" "3 8 8" "3 10 8" "4 8 6"; do
  set -- $spec
  python3 bench/gen_scenario.py "$@" 1 > "$tmp/s.toml"
  row "synthetic ${1}p ${2}x${3}${4:+ opposed}" "$tmp/s.toml"
done
