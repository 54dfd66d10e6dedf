"""accord.negmas against NegMAS on the same linear additive scenarios.

For each scenario: NegMAS 0.16's own `calc_scenario_stats` and `pareto_frontier`
(which enumerate every outcome) against accord's twins in `accord.negmas`
(exact, without enumeration), timed in one run, and checked to agree (the
frontier's utility vectors within 1e-9, Nash, Kalai, KS, welfare points,
opposition and rational fraction).

    python bench/python/negmas_stats.py [--parties 2,5] [--issues 6] [--values 10] [--seed 1]

Needs accord (pip install crates/accord-py) and negmas==0.16.0 installed.
"""

from __future__ import annotations

import argparse
import random
import time

from negmas import make_issue, make_os
from negmas.preferences import LinearAdditiveUtilityFunction
from negmas.preferences import ops

import accord.negmas as an


def scenario(parties: int, issues: int, values: int, seed: int) -> list[LinearAdditiveUtilityFunction]:
    rng = random.Random(seed)
    space = make_os([make_issue(values, f"issue{i}") for i in range(issues)])
    ufuns = []
    for p in range(parties):
        tables = [{v: round(rng.random(), 3) for v in range(values)} for _ in range(issues)]
        weights = [round(rng.random(), 3) for _ in range(issues)]
        ufuns.append(
            LinearAdditiveUtilityFunction(
                values=tables, weights=weights, outcome_space=space, reserved_value=0.2 * sum(weights), name=f"p{p}"
            )
        )
    return ufuns


def same(a, b) -> bool:
    a, b = sorted(map(tuple, a)), sorted(map(tuple, b))
    return len(a) == len(b) and all(abs(x - y) <= 1e-9 for p, q in zip(a, b) for x, y in zip(p, q))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--parties", default="2,5")
    ap.add_argument("--issues", type=int, default=6)
    ap.add_argument("--values", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    print("| parties | outcomes | frontier | NegMAS stats (s) | accord stats (s) | ratio | agree |")
    print("|---:|---:|---:|---:|---:|---:|---|")
    for n in map(int, a.parties.split(",")):
        ufuns = scenario(n, a.issues, a.values, a.seed)
        t = time.perf_counter()
        mine = an.scenario_stats(ufuns)
        t_accord = time.perf_counter() - t
        t = time.perf_counter()
        theirs = ops.calc_scenario_stats(ufuns)
        t_negmas = time.perf_counter() - t
        agree = same(mine.pareto_utils, theirs.pareto_utils) and all(
            same(getattr(mine, k), getattr(theirs, k))
            for k in ("nash_utils", "kalai_utils", "ks_utils", "max_welfare_utils", "max_relative_welfare_utils")
        )
        agree = agree and abs(mine.opposition - theirs.opposition) <= 1e-9
        agree = agree and abs(mine.rational_fraction - theirs.rational_fraction) <= 1e-9
        print(
            f"| {n} | {a.values ** a.issues:,} | {len(mine.pareto_utils):,} | {t_negmas:.2f} | {t_accord:.3f} "
            f"| {t_negmas / t_accord:,.0f}× | {'yes' if agree else 'NO'} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
