#!/usr/bin/env bash
# Times `accord robust` on the Ukraine example against another build, the
# runs alternating so that both see the same machine.
#
# usage: bench/robust.sh BEFORE [RUNS] [SAMPLES]
#   BEFORE   an accord binary to compare with (e.g. a release build of an
#            older commit: git worktree add /tmp/old 07de408 &&
#            cargo build --release --manifest-path /tmp/old/Cargo.toml)
#   RUNS     alternations (default 10); SAMPLES (default 100000)
#
# Prints each build's fastest and mean wall-clock seconds, their ratios, and
# whether the two outputs are identical byte for byte.
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:?usage: bench/robust.sh BEFORE [RUNS] [SAMPLES]}
runs=${2:-10}
samples=${3:-100000}
cargo build --release --quiet -p accord-cli
now=target/release/accord
args=(robust examples/ukraine-2025/scenario.toml --samples "$samples" --json --quiet)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for _ in $(seq "$runs"); do
  for b in "$before" "$now"; do
    s=$(date +%s.%N)
    "$b" "${args[@]}" > "$out/$(basename "$(dirname "$b")")-$(basename "$b").json"
    e=$(date +%s.%N)
    echo "$b $s $e"
  done
done | python3 -c '
import sys
t = {}
for line in sys.stdin:
    b, s, e = line.split()
    t.setdefault(b, []).append(float(e) - float(s))
(b0, x0), (b1, x1) = t.items()
print(f"| build | fastest s | mean s |\n|---|---:|---:|")
for b, x in t.items():
    print(f"| {b} | {min(x):.3f} | {sum(x)/len(x):.3f} |")
print(f"ratio (fastest): {min(x0)/min(x1):.2f}x, (mean): {sum(x0)/sum(x1):.2f}x")
'
files=("$out"/*.json)
if cmp -s "${files[0]}" "${files[1]}"; then echo "outputs: identical"; else echo "outputs: DIFFER"; fi
