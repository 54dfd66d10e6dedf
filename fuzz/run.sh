#!/usr/bin/env bash
# Fuzz every target for SECONDS each (default 30: the smoke run in .ci/run;
# a release run is `bash fuzz/run.sh 1800`, see fuzz/README.md). Seeds each
# target's corpus from the repository's test data on first use. Needs
# cargo-fuzz (`cargo install cargo-fuzz --locked`); the stable toolchain
# builds the targets with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-30}"
export RUSTC_BOOTSTRAP=1
root=..
corpus=corpus
seed() { # seed TARGET NAME < bytes
    mkdir -p "$corpus/$1"
    cat > "$corpus/$1/$2"
}
if [ ! -d "$corpus" ]; then
    data=$root/crates/accord-cli/tests/data
    genius=$root/crates/accord-io/tests/data/genius
    n=0
    for f in "$data"/*.toml "$data"/*.yaml "$data"/*.json "$data"/bad/* \
             "$root"/examples/ukraine-2025/scenario.toml "$root"/examples/ukraine-2025/deals/*.toml; do
        case "$f" in
            *.toml) p='\x00' ;; *.yaml) p='\x01' ;; *) p='\x02' ;;
        esac
        n=$((n + 1))
        { printf "$p"; cat "$f"; } | seed scenario "s$n"
    done
    printf 'price=150,delivery=fast\nbuyer.reservation=0.5\n' | seed deal_and_set d1
    printf 'price=200\nseller.weights.price=uniform(1,2)\nbroker.reservation=1e400\n' | seed deal_and_set d2
    printf 'delivery=fast,price=125\nbuyer.reservation=0.3:0.5:0.1\nseller.reservation=0:1:0.25\n' | seed deal_and_set d3
    printf 'price=175\nbuyer.red_lines.1=off\ndelivery.options.fast=off\nbuyer.reservation=0:1:0\n' | seed deal_and_set d4
    printf 'delivery=slow,price=125\nprice.step=0\n' | seed deal_and_set d3
    n=0
    for dir in "$genius"/*/; do
        dom=$(ls "$dir" | grep -i -E 'domain|^[A-Za-z_]+\.xml$' | grep -v -i util | head -1 || true)
        for prof in "$dir"*.xml; do
            [ -n "$dom" ] && [ "$prof" != "$dir$dom" ] || continue
            n=$((n + 1))
            { cat "$dir$dom"; printf '\x00'; cat "$prof"; } | seed genius_xml "g$n"
        done
    done
    fb=$genius/FlightBooking-geniusweb
    { cat "$fb/flightbooking1.json"; printf '\x00'; cat "$fb/flightbooking2.json"; } | seed geniusweb w1
    val=$data/validation
    { printf '\x01'; cat "$val/actors.csv"; printf '\x00'; cat "$val/outcomes.csv"; } | seed actors_csv v1
    printf '\x00actor,capability,position,salience\na,1,10,0.5\nb,2,90,0.7\n' | seed actors_csv a1
    printf '\x00Example,desc,3,1\nActor,Description,Power,Position,Salience\nA,a,10,20,80\nB,b,20,60,50\nC,c,5,90,30\n' | seed actors_csv k1
fi
for t in scenario deal_and_set genius_xml geniusweb actors_csv; do
    echo "== fuzz $t for ${secs}s"
    mkdir -p "$corpus/$t"
    cargo fuzz run -s none "$t" "$corpus/$t" -- \
        -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
        -print_final_stats=1 2>&1 | grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|thread|panicked)|Done|crash|ERROR' || true
    # A crash leaves an artifact; fail the run then.
    if [ -n "$(find "artifacts/$t" -type f 2>/dev/null)" ]; then
        echo "fuzz $t found a failing input: fuzz/artifacts/$t/"
        exit 1
    fi
done
