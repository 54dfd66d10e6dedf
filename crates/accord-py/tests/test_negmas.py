"""accord.negmas against NegMAS itself (0.16): the same frontier, solutions and
statistics as NegMAS's enumerating functions on random linear additive
scenarios and on Genius domains NegMAS reads; conversions both ways.

Skipped where NegMAS is not installed (`.ci/run` installs negmas==0.16.0).
"""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import Any

import pytest

negmas = pytest.importorskip("negmas")

from negmas import make_issue, make_os  # noqa: E402
from negmas.inout import Scenario  # noqa: E402
from negmas.preferences import (  # noqa: E402
    AffineUtilityFunction,
    ExpDiscountedUFun,
    LinearAdditiveUtilityFunction,
    LinearUtilityFunction,
    MappingUtilityFunction,
    ops,
)

import accord  # noqa: E402
import accord.negmas as an  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
GENIUS = ROOT / "crates/accord-io/tests/data/genius"

SOLUTIONS = (
    "nash_utils",
    "kalai_utils",
    "modified_kalai_utils",
    "ks_utils",
    "modified_ks_utils",
    "max_welfare_utils",
    "max_relative_welfare_utils",
    "utility_ranges",
)


def same(a: Any, b: Any) -> bool:
    a, b = sorted(map(tuple, a)), sorted(map(tuple, b))
    return len(a) == len(b) and all(
        len(p) == len(q) and all(abs(x - y) <= 1e-9 for x, y in zip(p, q)) for p, q in zip(a, b)
    )


def random_ufuns(rng: random.Random) -> list[Any]:
    issues = []
    for i in range(rng.randint(1, 4)):
        k = rng.randint(1, 5)
        if rng.random() < 0.5:
            issues.append(make_issue([f"v{j}" for j in range(k)], f"issue {i}"))
        else:
            issues.append(make_issue(k, f"issue {i}"))
    space = make_os(issues)
    numeric = all(not isinstance(v, str) for i in issues for v in i.all)
    ufuns: list[Any] = []
    for p in range(rng.randint(2, 4)):
        reserved = rng.choice([0.0, 0.5, rng.random(), float("-inf")])
        weights = [rng.choice([0, 1, 2, rng.random()]) for _ in issues]
        bias = rng.choice([0.0, 0.1, -1.0])
        kind = rng.random()
        u: Any
        if numeric and kind < 0.2:
            u = LinearUtilityFunction(weights=weights, outcome_space=space, reserved_value=reserved)
        elif numeric and kind < 0.3:
            u = AffineUtilityFunction(weights=weights, bias=bias, outcome_space=space, reserved_value=reserved)
        else:
            tables = [
                {v: rng.choice([0, 0.25, 0.5, 1, rng.random(), rng.randint(0, 3)]) for v in iss.all}
                for iss in issues
            ]
            u = LinearAdditiveUtilityFunction(
                values=tables, weights=weights, bias=bias, outcome_space=space, reserved_value=reserved, name=f"u{p}"
            )
            if kind > 0.9:
                u = ExpDiscountedUFun(ufun=u, discount=0.5, outcome_space=space, reserved_value=reserved)
        ufuns.append(u)
    return ufuns


def test_stats_and_frontier_equal_negmas_on_random_scenarios() -> None:
    rng = random.Random(7)
    for case in range(300):
        ufuns = random_ufuns(rng)
        outcomes = list(ufuns[0].outcome_space.enumerate())
        theirs, _ = ops.pareto_frontier(ufuns)
        mine, index = an.pareto_frontier(ufuns)
        assert same(theirs, mine), case
        # each index is the outcome NegMAS enumerates there, with those utilities
        for u, i in zip(mine, index):
            assert same([u], [tuple(f(outcomes[i]) for f in ufuns)]), case
        welfare = [sum(u) for u in mine]
        assert welfare == sorted(welfare, reverse=True), case
        a, b = ops.calc_scenario_stats(ufuns), an.scenario_stats(ufuns)
        for key in SOLUTIONS:
            assert same(getattr(a, key), getattr(b, key)), (case, key)
        assert math.isclose(a.opposition, b.opposition, abs_tol=1e-9), case
        assert math.isclose(a.rational_fraction, b.rational_fraction, abs_tol=1e-12), case
        assert same(a.pareto_utils, b.pareto_utils), case
        for u, o in zip(b.pareto_utils, b.pareto_outcomes):
            assert same([u], [tuple(f(o) for f in ufuns)]), case


def test_solution_functions_equal_negmas_on_any_frontier() -> None:
    """The twins take NegMAS's arguments: a frontier, ranges, eps, the flags."""
    rng = random.Random(3)
    for case in range(200):
        ufuns = random_ufuns(rng)
        front, _ = ops.pareto_frontier(ufuns)
        if not front:
            continue
        space = ufuns[0].outcome_space
        ranges = [u.minmax(space, above_reserve=False) for u in ufuns]
        for name in ("nash_points", "kalai_points", "ks_points", "max_welfare_points", "max_relative_welfare_points"):
            for kw in ({}, {"subtract_reserved_value": False}) if name in ("kalai_points", "ks_points") else ({},):
                theirs = getattr(ops, name)(ufuns, frontier=front, ranges=ranges, **kw)
                mine = getattr(an, name)(ufuns, front, ranges=ranges, **kw)
                assert [i for _, i in theirs] == [i for _, i in mine], (case, name, kw)
        # without ranges: accord's exact minimum and maximum of each utility
        assert [i for _, i in ops.nash_points(ufuns, front, outcome_space=space)] == [
            i for _, i in an.nash_points(ufuns, front, outcome_space=space)
        ]
        # without ufuns: reserved values of 0
        assert [i for _, i in ops.nash_points(None, front, ranges=ranges)] == [
            i for _, i in an.nash_points(None, front, ranges=ranges)
        ]


def test_frontier_of_given_outcomes_indexes_them() -> None:
    rng = random.Random(11)
    for case in range(100):
        ufuns = random_ufuns(rng)
        outcomes = list(ufuns[0].outcome_space.enumerate())
        some = rng.sample(outcomes, max(1, len(outcomes) // 2))
        theirs = ops.pareto_frontier(ufuns, outcomes=some)
        mine = an.pareto_frontier(ufuns, outcomes=some)
        assert same(theirs[0], mine[0]), case
        for u, i in zip(*mine):
            assert same([u], [tuple(f(some[i]) for f in ufuns)])


@pytest.mark.parametrize("domain", ["Coffee", "Laptop", "EnglandZimbabwe", "SmartEnergyGrid", "ZoningPlan"])
def test_genius_domains_read_by_negmas(domain: str) -> None:
    sc = Scenario.load(GENIUS / domain, load_stats=False)
    assert sc is not None
    a, b = ops.calc_scenario_stats(sc.ufuns), an.scenario_stats(sc)
    assert same(a.pareto_utils, b.pareto_utils)
    for key in SOLUTIONS:
        assert same(getattr(a, key), getattr(b, key)), key
    assert math.isclose(a.opposition, b.opposition, abs_tol=1e-9)
    # the accord session NegMAS's scenario becomes has the same frontier, on 0–1
    s = an.from_negmas(sc)
    rep = s.frontier().to_dict()["pareto"]
    assert rep["distinct"] >= len(b.pareto_utils)
    lo_hi = b.utility_ranges
    scaled = sorted(
        tuple(lo + (hi - lo) * p["utilities"][f"p{k}"] for k, (lo, hi) in enumerate(lo_hi))
        for p in rep["points"]
    )
    for u in b.pareto_utils:
        assert any(all(abs(x - y) < 1e-9 for x, y in zip(u, v)) for v in scaled)


def test_save_stats_is_read_back_by_negmas(tmp_path: Path) -> None:
    sc = Scenario.load(GENIUS / "EnglandZimbabwe", load_stats=False)
    assert sc is not None
    path = an.save_stats(sc, tmp_path)
    assert Path(path).name == "_stats.yaml" and Path(path).is_file()
    back = Scenario(outcome_space=sc.outcome_space, ufuns=sc.ufuns).load_stats(tmp_path)
    assert back.stats is not None
    assert same(back.stats.pareto_utils, sc.stats.pareto_utils)
    assert same(back.stats.nash_utils, ops.calc_scenario_stats(sc.ufuns).nash_utils)


PLAIN = """
[scenario]
name = "three parties, three issues"
[[parties]]
id = "a"
role = "principal"
reservation = 0.3
[[parties]]
id = "b"
role = "principal"
reservation = 0.25
[[parties]]
id = "c"
role = "stakeholder"
reservation = 0.1
[[issues]]
id = "x"
options = [{id = "x1"}, {id = "x2"}, {id = "x3"}]
[[issues]]
id = "y"
options = [{id = "y1"}, {id = "y2"}, {id = "y3"}, {id = "y4"}]
[[issues]]
id = "z"
options = [{id = "z1"}, {id = "z2"}]
[preferences.a]
weights = { x = 3, y = 1, z = 1 }
values = { x = { x1 = 1, x2 = 0.5, x3 = 0 }, y = { y1 = 0, y2 = 0.2, y3 = 0.9, y4 = 1 }, z = { z1 = 1, z2 = 0 } }
[preferences.b]
weights = { x = 1, y = 2, z = 1 }
values = { x = { x1 = 0, x2 = 0.7, x3 = 1 }, y = { y1 = 1, y2 = 0.8, y3 = 0.1, y4 = 0 }, z = { z1 = 0.4, z2 = 1 } }
[preferences.c]
weights = { x = 1, y = 1 }
values = { x = { x1 = 0.2, x2 = 1, x3 = 0.6 }, y = { y1 = 0.5, y2 = 1, y3 = 0, y4 = 0.3 } }
"""


def test_to_negmas_round_trip_keeps_the_frontier() -> None:
    s = accord.parse(PLAIN)
    sc = an.to_negmas(s)
    names = [u.name for u in sc.ufuns]  # NegMAS orders profiles by file name
    assert sorted(names) == ["a", "b", "c"]
    theirs, _ = ops.pareto_frontier(sc.ufuns)
    assert same(theirs, an.pareto_frontier(sc.ufuns)[0])
    reserved = {p["id"]: p["reservation"] for p in s.check().to_dict()["scenario"]["parties"]}
    ours = [
        tuple(p["utilities"][n] for n in names)
        for p in s.frontier().to_dict()["pareto"]["points"]
        if all(p["utilities"][n] >= reserved[n] for n in names)
    ]
    assert len(ours) >= 3 and same(theirs, ours)
    # and back: the NegMAS scenario read into accord has accord's frontier
    back = an.from_negmas(sc).frontier().to_dict()["pareto"]
    assert back["distinct"] == s.frontier().to_dict()["pareto"]["distinct"]


def test_big_space_without_enumeration() -> None:
    """10^12 outcomes: NegMAS would enumerate them; accord does not."""
    rng = random.Random(5)
    space = make_os([make_issue(10, f"i{k}") for k in range(12)])
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[{v: rng.random() for v in range(10)} for _ in range(12)],
            outcome_space=space,
            reserved_value=3.0,
        )
        for _ in range(2)
    ]
    stats = an.scenario_stats(ufuns)
    assert len(stats.pareto_utils) > 50
    front, index = an.pareto_frontier(ufuns)
    assert len(front) == len(stats.pareto_utils)
    for u, i in list(zip(front, index))[:20]:
        digits = [int(d) for d in f"{i:012d}"]
        assert same([u], [tuple(f(tuple(digits)) for f in ufuns)])
    # no sampled outcome beats a frontier point; the rational share agrees with a sample
    sample = [tuple(rng.randrange(10) for _ in range(12)) for _ in range(20000)]
    utils = [tuple(f(o) for f in ufuns) for o in sample]
    for u in utils:
        assert not any(all(x >= y for x, y in zip(u, p)) and u != p for p in front)
    share = sum(all(x > 3.0 for x in u) for u in utils) / len(utils)
    assert abs(share - stats.rational_fraction) < 0.01


def test_refusals_are_clear() -> None:
    space = make_os([make_issue(3, "x")])
    other = MappingUtilityFunction(lambda o: o[0], outcome_space=space)
    good = LinearAdditiveUtilityFunction(values=[{0: 0.0, 1: 0.5, 2: 1.0}], outcome_space=space)
    with pytest.raises(TypeError, match="linear additive"):
        an.scenario_stats([good, other])
    cont = make_os([negmas.make_issue((0.0, 1.0), "y")])
    lin = LinearUtilityFunction(weights=[1.0], outcome_space=cont)
    with pytest.raises(ValueError, match="continuous"):
        an.pareto_frontier([lin, lin])
    front, _ = an.pareto_frontier([lin, lin], n_discretization=5)
    assert len(front) == 1


def test_docstring_examples() -> None:
    import doctest

    failed, _ = doctest.testmod(an, optionflags=doctest.ELLIPSIS)
    assert failed == 0
