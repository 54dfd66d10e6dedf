"""accord's two-party merge against a vectorised numpy sort-and-sweep doing
the same merge steps, in one run (issue 17's target: accord ≤ 0.25× numpy).

    python3 bench/python/merge_baseline.py [ISSUES] [OPTIONS] [SEED] [--repeat N]

Generates `bench/gen_scenario.py 2 ISSUES OPTIONS SEED --opposed` (defaults
50 × 10, seed 1: 10^50 packages), then times:

- numpy: for each issue (in accord's merge order: fewest options first, then
  issue order), every frontier point plus every option's utility pair, sorted
  by the first party's utility (descending; with np.argsort, and again with
  np.lexsort, ties by the second: the faster of the two is the baseline),
  kept where the second party's utility beats every point before it; the
  back-pointers (which point, which option) carried along as index arrays;
- accord: the merge alone (`cargo run --release -p accord --example merge`),
  with its back-pointers and ε = 1e-9 ties.

Each is the fastest of N runs (default 7). Needs numpy.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def vectors(doc: dict) -> list[np.ndarray]:
    """Each issue's option vectors (options × 2): weight × value, weights normalised."""
    parties = [p["id"] for p in doc["parties"]]
    out = []
    for issue in doc["issues"]:
        ids = [o["id"] for o in issue["options"]]
        cols = []
        for p in parties:
            pref = doc["preferences"][p]
            w = pref["weights"].get(issue["id"], 0.0) / sum(pref["weights"].values())
            cols.append([w * pref["values"].get(issue["id"], {}).get(o, 0.0) for o in ids])
        out.append(np.array(cols, dtype=float).T)
    return out


def numpy_merge(steps: list[np.ndarray], lex: bool) -> tuple[int, list[np.ndarray]]:
    """The merge steps; `lex`: ties in the first utility sorted by the second
    (np.lexsort), else a plain np.argsort of the first (faster; exact ties
    then keep whichever comes first)."""
    front = np.zeros((1, 2))
    back = []
    for opts in steps:
        cand = (front[:, None, :] + opts[None, :, :]).reshape(-1, 2)
        order = np.lexsort((-cand[:, 1], -cand[:, 0])) if lex else np.argsort(-cand[:, 0])
        c = cand[order]
        best = np.maximum.accumulate(c[:, 1])
        keep = np.empty(len(c), dtype=bool)
        keep[0] = True
        keep[1:] = c[1:, 1] > best[:-1]
        front = c[keep]
        back.append(order[keep])  # (point, option) = divmod(index, options)
    return len(front), back


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("issues", type=int, nargs="?", default=50)
    ap.add_argument("options", type=int, nargs="?", default=10)
    ap.add_argument("seed", type=int, nargs="?", default=1)
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    text = subprocess.run(
        [sys.executable, str(ROOT / "bench/gen_scenario.py"), "2", str(a.issues), str(a.options), str(a.seed), "--opposed"],
        check=True, capture_output=True, text=True,
    ).stdout
    path = Path("/tmp") / f"accord-merge-{a.issues}x{a.options}-{a.seed}.toml"
    path.write_text(text)
    doc = tomllib.loads(text)
    steps = vectors(doc)
    order = sorted(range(len(steps)), key=lambda i: (len(steps[i]), i))
    steps = [steps[i] for i in order]
    best = {}
    for lex in (False, True):
        times = []
        for _ in range(a.repeat):
            t = time.perf_counter()
            n_numpy, _ = numpy_merge(steps, lex)
            times.append(time.perf_counter() - t)
        best[lex] = (min(times), n_numpy)
    t_numpy, n_numpy = min(best.values())
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "accord", "--example", "merge"], cwd=ROOT, check=True)
    out = subprocess.run(
        [str(ROOT / "target/release/examples/merge"), str(path), str(a.repeat)],
        check=True, capture_output=True, text=True,
    ).stdout
    r = json.loads(out)
    print(f"2 parties × {a.issues} issues × {a.options} options (opposed, seed {a.seed}), fastest of {a.repeat}:")
    print(f"  numpy sort-and-sweep: {t_numpy:.4f} s, {n_numpy} points "
          f"(argsort {best[False][0]:.4f} s, lexsort {best[True][0]:.4f} s: the faster is the baseline)")
    print(f"  accord merge:         {r['min']:.4f} s, {r['points']} points (median {r['median']:.4f} s)")
    print(f"  accord / numpy:       {r['min'] / t_numpy:.3f}×")


if __name__ == "__main__":
    main()
