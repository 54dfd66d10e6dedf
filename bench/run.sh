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

# The mediator's queries: `leverage` (least shift, slack, least-cost mix)
# and `mediate`. Synthetic scenarios get a stick against p1 and costs on
# two issues through --set.
qrow() { # name file args...
  local name=$1 file=$2; shift 2
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$tmp/mem" "$bin" "$@" "$file" > /dev/null
  end=$(date +%s.%N)
  python3 -c "print(f'| $name | $1 | {$end - $start:.3f} | {int(open(\"$tmp/mem\").read())/1024:.0f} |')"
}
echo
echo "| scenario | query | seconds | peak MB |"
echo "|---|---|---|---|"
u=examples/ukraine-2025/scenario.toml
qrow "ukraine-2025" "$u" leverage
qrow "ukraine-2025" "$u" mediate --press ukraine
qrow "ukraine-2025, ratified" "$u" mediate --press ukraine --ratified
levers=(--set p1.pressure.max=0.1 --set p1.pressure.cost=2 --set i0.cost.o1=1 --set i1.cost.o2=1)
for spec in "2 12 10 --opposed" "3 10 8" "4 8 6"; do
  set -- $spec
  python3 bench/gen_scenario.py "$@" 1 > "$tmp/s.toml"
  qrow "synthetic ${1}p ${2}x${3}${4:+ opposed}" "$tmp/s.toml" leverage "${levers[@]}"
  qrow "synthetic ${1}p ${2}x${3}${4:+ opposed}" "$tmp/s.toml" mediate --press p1 --satisfy p0 "${levers[@]}"
done

# `accord robust`: samples per second (each sample decides its ZOPA exactly).
rrow() { # name samples file args...
  local name=$1 n=$2 file=$3; shift 3
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$tmp/mem" "$bin" robust "$file" --samples "$n" --json "$@" > /dev/null
  end=$(date +%s.%N)
  python3 -c "t=$end - $start; print(f'| $name | $n | {t:.2f} | {$n/t:,.0f} | {int(open(\"$tmp/mem\").read())/1024:.0f} |')"
}
echo
echo "| scenario | samples | seconds | samples/s | peak MB |"
echo "|---|---|---|---|---|"
rrow "ukraine-2025 (5 uncertain numbers)" 100000 "$u"
rrow "ukraine-2025, ratified" 100000 "$u" --ratified
unc=(--set p0.reservation=uniform\(0.2,0.6\) --set p1.reservation=uniform\(0.2,0.6\)@f --set p2.reservation=uniform\(0.2,0.6\)@-f --set p0.weights.i0=uniform\(0,0.3\))
python3 bench/gen_scenario.py 3 10 8 1 > "$tmp/s.toml"
rrow "synthetic 3p 10x8 (10^9 packages)" 2000 "$tmp/s.toml" "${unc[@]}"
python3 bench/gen_scenario.py 2 12 10 --opposed 1 > "$tmp/s.toml"
rrow "synthetic 2p 12x10 opposed (10^12 packages)" 2000 "$tmp/s.toml" "${unc[@]:0:4}"

# Forecasting: KTAB's reference case, the EU emissions case, and synthetic
# 250-actor, 3-dimension SMP runs (seconds, turns to convergence).
frow() { # name model file
  local name=$1 model=$2 file=$3 start end
  start=$(date +%s.%N)
  "$bin" forecast "$file" --model "$model" --json > "$tmp/f.json"
  end=$(date +%s.%N)
  python3 -c "import json; j=json.load(open('$tmp/f.json')); print(f'| $name | $model | {len(j[\"rounds\"]) - 1} | {$end - $start:.3f} |')"
}
echo
echo "| case | model | rounds | seconds |"
echo "|---|---|---|---|"
frow "SOE-Pol-Comp (13 actors, 2 dims)" smp crates/accord-core/tests/data/ktab/SOE-Pol-Comp.csv
frow "EU emissions (10 actors)" eum crates/accord-core/tests/data/ktab/eu-emissions-actors.csv
for seed in 1 2 3 7; do
  python3 bench/gen_actors.py 250 3 $seed > "$tmp/a.csv"
  frow "synthetic 250 actors × 3 dims, seed $seed" smp "$tmp/a.csv"
done
