#!/usr/bin/env bash
# What conditional vetoes (issue owners) cost: `accord analyze` (ZOPA count
# by inclusion-exclusion, frontier with the owners' constraint coordinates,
# solutions) with no owner, one owned issue, and two owners of six issues,
# against the same scenario without owners, in one run on this machine.
# Not part of CI. Usage: bench/owners.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/accord
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 bench/gen_scenario.py 5 12 4 7 > "$tmp/gen.toml"
now() { date +%s.%N; }
time_it() {
  local start best=1e9
  for _ in 1 2 3; do
    start=$(now)
    "$bin" analyze "$@" --json > /dev/null
    best=$(python3 -c "print(min($best, $(now) - $start))")
  done
  echo "$best"
}
ukr=examples/ukraine-2025/scenario.toml
echo "| scenario | owners | analyze (s, best of 3) | ratio to no owners |"
echo "|---|---|---|---|"
row() {
  local name=$1 label=$2 base=$3; shift 3
  local t
  t=$(time_it "$@")
  python3 -c "print(f'| $name | $label | {$t:.2f} | {$t / $base:.2f}× |')"
}
base=$(time_it "$ukr")
python3 -c "print(f'| Ukraine (5.3M packages) | none | {$base:.2f} | 1.00× |')"
row "Ukraine" "europe: frozen_assets" "$base" "$ukr" --set frozen_assets.owner=europe --set frozen_assets.status_quo=frozen_until_reparations
row "Ukraine" "europe: frozen_assets, eu_accession; us: guarantees" "$base" "$ukr" \
  --set frozen_assets.owner=europe --set frozen_assets.status_quo=frozen_until_reparations \
  --set eu_accession.owner=europe --set eu_accession.status_quo=eligible \
  --set guarantees.owner=us --set guarantees.status_quo=none
g="$tmp/gen.toml"
nv=(--set p3.veto=false --set p4.veto=false)
base=$(time_it "$g" "${nv[@]}")
python3 -c "print(f'| generated, 5 parties, 4^12 packages | none | {$base:.2f} | 1.00× |')"
row "generated" "p3: i0" "$base" "$g" "${nv[@]}" --set i0.owner=p3 --set i0.status_quo=o0
own=()
for i in 0 1 2; do own+=(--set "i$i.owner=p3" --set "i$i.status_quo=o0"); done
for i in 3 4 5; do own+=(--set "i$i.owner=p4" --set "i$i.status_quo=o1"); done
row "generated" "p3: i0-i2; p4: i3-i5" "$base" "$g" "${nv[@]}" "${own[@]}"
