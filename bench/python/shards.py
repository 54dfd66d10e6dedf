"""Throughput of sharded Monte Carlo from Python: one run, local shards, and
Ray tasks on a two-node cluster on 127.0.0.1 (started and stopped here).

    python bench/python/shards.py [--samples 200000] [--shards 8]

Needs the package (`pip install crates/accord-py`) and Ray (`pip install
ray`) in the running Python. Prints a Markdown table: samples per second,
and the overhead per shard (the sharded time minus the one run's, divided
by the number of shards). Every sharded answer is checked to be the one
run's bytes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import accord

ROOT = Path(__file__).resolve().parents[2]


def timed(f):
    t = time.perf_counter()
    r = f()
    return r, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=200_000)
    ap.add_argument("--shards", type=int, default=8)
    a = ap.parse_args()
    os.chdir(ROOT)
    s = accord.load("examples/ukraine-2025/scenario.toml")
    s.robust(samples=1000)  # warm up
    one, t1 = timed(lambda: s.robust(samples=a.samples))
    local, t2 = timed(lambda: s.robust(samples=a.samples, shards=a.shards))
    assert local.to_json() == one.to_json()
    rows = [("one run", 1, t1), (f"{a.shards} shards, here", a.shards, t2)]
    ray_bin = str(Path(sys.executable).with_name("ray"))
    env = dict(os.environ, RAY_USAGE_STATS_ENABLED="0")
    try:
        subprocess.run([ray_bin, "start", "--head", "--node-ip-address=127.0.0.1", "--port=6391",
                        "--num-cpus=1", "--include-dashboard=false"], check=True, env=env,
                       capture_output=True)
        subprocess.run([ray_bin, "start", "--address=127.0.0.1:6391", "--node-ip-address=127.0.0.1",
                        "--num-cpus=1"], check=True, env=env, capture_output=True)
        ray_run, t3 = timed(lambda: s.robust(samples=a.samples, shards=a.shards, engine="ray",
                                             address="127.0.0.1:6391"))
        assert ray_run.to_json() == one.to_json()
        rows.append((f"{a.shards} shards, Ray, 2 local nodes", a.shards, t3))
    finally:
        subprocess.run([ray_bin, "stop", "--force"], env=env, capture_output=True)
    print(f"Ukraine example, robust --samples {a.samples}, {os.cpu_count()} cores\n")
    print("| run | shards | seconds | samples/s | overhead per shard (s) |")
    print("|---|---:|---:|---:|---:|")
    for name, n, t in rows:
        over = (t - t1) / n if n > 1 else 0.0
        print(f"| {name} | {n} | {t:.2f} | {a.samples / t:,.0f} | {over:+.3f} |")


if __name__ == "__main__":
    main()
