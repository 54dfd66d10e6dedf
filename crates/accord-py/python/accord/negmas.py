"""NegMAS interoperability, at the data level.

NegMAS (https://github.com/yasserfarouk/negmas) is imported only when it is
installed and only through its public objects: a scenario's issues, each
utility function's weights, value functions, bias and reserved value. None
of its code is used here.

What this gives a NegMAS user:

* :func:`from_negmas` / :func:`load` read a NegMAS scenario whose utility
  functions are linear additive (``LinearAdditiveUtilityFunction``,
  ``LinearUtilityFunction``, ``AffineUtilityFunction``) into an accord
  :class:`~accord.Session`, so every accord question applies to it;
  :func:`to_negmas` goes the other way (through accord's Genius export).
* :func:`scenario_stats` computes NegMAS's ``ScenarioStats`` from accord's
  exact frontier, ZOPA count and solutions, without enumerating the outcome
  space; :func:`save_stats` writes them where NegMAS looks for them
  (``_stats.yaml``), so NegMAS's tools show exact values.
* :func:`pareto_frontier`, :func:`nash_points`, :func:`kalai_points` (NegMAS's
  name for the egalitarian point), :func:`ks_points` (Kalai–Smorodinsky),
  :func:`max_welfare_points` and :func:`max_relative_welfare_points` take
  NegMAS's arguments and return what NegMAS's functions of the same names in
  ``negmas.preferences.ops`` return, so they drop in for them.

Utilities are NegMAS's own numbers: every utility returned is the utility
function's value at the returned outcome, summed in NegMAS's order. accord
decides which outcomes are on the frontier on its 0–1 scale (each party's
utility mapped affinely onto [0, 1], which leaves the frontier unchanged);
two outcomes whose utilities differ only in the last bits of a float may be
told apart differently than a float-by-float enumeration would.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from . import Session, parse

__all__ = [
    "from_negmas",
    "load",
    "to_negmas",
    "scenario_stats",
    "save_stats",
    "pareto_frontier",
    "nash_points",
    "kalai_points",
    "ks_points",
    "max_welfare_points",
    "max_relative_welfare_points",
]

Utils = tuple[float, ...]
Outcome = tuple[Any, ...]


def _negmas() -> Any:
    try:
        import negmas  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "accord.negmas needs NegMAS: pip install negmas (accord works without it; "
            "only this module uses it)"
        ) from e
    return negmas


@dataclass(frozen=True)
class _Party:
    """One linear additive utility function: u = bias + Σ contributions[i][value]."""

    name: str
    bias: float
    contributions: list[list[float]]
    reserved: float
    affine: bool  # NegMAS's AffineUtilityFunction sums its terms first, then adds the bias

    def utility(self, positions: Sequence[int]) -> float:
        """The utility as NegMAS computes it, term by term in issue order."""
        terms = (c[k] for c, k in zip(self.contributions, positions))
        if self.affine:
            return self.bias + sum(terms)
        u = self.bias
        for t in terms:
            u += t
        return u

    def minmax(self) -> tuple[float, float]:
        lo = [min(c) for c in self.contributions]
        hi = [max(c) for c in self.contributions]
        if self.affine:
            return self.bias + sum(lo), self.bias + sum(hi)
        a, b = self.bias, self.bias
        for x, y in zip(lo, hi):
            a += x
            b += y
        return a, b


@dataclass(frozen=True)
class _Space:
    """A NegMAS outcome space with linear additive utility functions."""

    issue_names: list[str]
    values: list[list[Any]]
    parties: list[_Party]

    @property
    def cardinality(self) -> int:
        return math.prod(len(v) for v in self.values)

    def index(self, positions: Sequence[int]) -> int:
        """The outcome's index in NegMAS's enumeration (the last issue varies fastest)."""
        i = 0
        for k, v in zip(positions, self.values):
            i = i * len(v) + k
        return i

    def outcome(self, positions: Sequence[int]) -> Outcome:
        return tuple(v[k] for v, k in zip(self.values, positions))


def _issues_of(ufuns: Sequence[Any], issues: Sequence[Any] | None) -> list[Any]:
    if issues:
        return list(issues)
    os_ = getattr(ufuns[0], "outcome_space", None)
    if os_ is None or not hasattr(os_, "issues"):
        raise ValueError("the utility functions have no outcome space with issues; pass issues=")
    return list(os_.issues)


def _issue_values(issue: Any, n_discretization: int | None) -> list[Any]:
    finite = getattr(issue, "is_finite", lambda: True)()
    if not finite:
        if n_discretization is None:
            raise ValueError(
                f"issue {issue.name!r} is continuous: accord analyses finite issues; "
                "pass n_discretization= to take that many evenly spaced values"
            )
        issue = issue.to_discrete(n_discretization)
    return list(issue.all)


def _party(ufun: Any, values: list[list[Any]], k: int) -> _Party:
    _negmas()
    from negmas.preferences import (  # type: ignore[import-untyped, import-not-found, unused-ignore]
        AffineUtilityFunction,
        DiscountedUtilityFunction,
        LinearAdditiveUtilityFunction,
    )

    name = str(getattr(ufun, "name", None) or f"party{k + 1}")
    reserved = ufun.reserved_value
    reserved = float("-inf") if reserved is None else float(reserved)
    # A discounted utility function (Genius's discount factor) is, outside a
    # negotiation's clock, its undiscounted one; its own reserved value stays.
    while isinstance(ufun, DiscountedUtilityFunction):
        ufun = ufun.ufun
    if getattr(ufun, "_constraints", None):
        raise ValueError(f"utility function {name!r} has constraints; accord reads only unconstrained ones")
    if isinstance(ufun, LinearAdditiveUtilityFunction):
        weights = list(ufun.weights)
        funs = list(ufun.values)
        contributions = [[w * f(x) for x in vs] for w, f, vs in zip(weights, funs, values)]
        bias = float(getattr(ufun, "_bias", 0.0) or 0.0)
        affine = False
    elif isinstance(ufun, AffineUtilityFunction):
        weights = list(getattr(ufun, "_weights", None) or ufun.weights)
        contributions = [[w * x for x in vs] for w, vs in zip(weights, values)]
        bias = float(getattr(ufun, "_bias", 0.0) or 0.0)
        affine = True
    else:
        raise TypeError(
            f"utility function {name!r} is a {type(ufun).__name__}: accord reads NegMAS's linear "
            "additive utility functions (LinearAdditiveUtilityFunction, LinearUtilityFunction, "
            "AffineUtilityFunction)"
        )
    if len(contributions) != len(values):
        raise ValueError(f"utility function {name!r} has {len(contributions)} issues, the space {len(values)}")
    for i, c in enumerate(contributions):
        for j, x in enumerate(c):
            if x is None or not math.isfinite(float(x)):
                raise ValueError(f"utility function {name!r} gives {x!r} for value {values[i][j]!r} of issue {i + 1}")
    return _Party(name, bias, [[float(x) for x in c] for c in contributions], reserved, affine)


def _space(
    ufuns: Sequence[Any], issues: Sequence[Any] | None = None, n_discretization: int | None = None
) -> _Space:
    if not ufuns:
        raise ValueError("no utility functions")
    iss = _issues_of(ufuns, issues)
    values = [_issue_values(i, n_discretization) for i in iss]
    parties = [_party(u, values, k) for k, u in enumerate(ufuns)]
    return _Space([str(i.name) for i in iss], values, parties)


def _ufuns_of(scenario: Any) -> list[Any]:
    if isinstance(scenario, (list, tuple)):
        return list(scenario)
    ufuns = getattr(scenario, "ufuns", None)
    if ufuns is None:
        raise TypeError("expected a NegMAS Scenario or a sequence of utility functions")
    return list(ufuns)


def _document(space: _Space, name: str, reservations: Sequence[float]) -> dict[str, Any]:
    """The accord scenario (as JSON data) with each party's utility mapped onto [0, 1]."""
    issues = [
        {
            "id": f"i{i}",
            "name": n,
            "options": [{"id": f"o{k}", "label": str(v)} for k, v in enumerate(vs)],
        }
        for i, (n, vs) in enumerate(zip(space.issue_names, space.values))
    ]
    parties, preferences = [], {}
    for p, (party, r) in enumerate(zip(space.parties, reservations)):
        weights: dict[str, float] = {}
        values: dict[str, dict[str, float]] = {}
        for i, c in enumerate(party.contributions):
            lo, hi = min(c), max(c)
            if hi > lo:
                weights[f"i{i}"] = hi - lo
                values[f"i{i}"] = {f"o{k}": (x - lo) / (hi - lo) for k, x in enumerate(c)}
        if not weights:  # a constant utility function
            weights["i0"] = 1.0
            values["i0"] = {f"o{k}": 0.0 for k in range(len(space.values[0]))}
        parties.append({"id": f"p{p}", "name": party.name, "role": "principal", "reservation": r})
        preferences[f"p{p}"] = {"weights": weights, "values": values}
    return {
        "scenario": {"name": name, "tolerance": 0.0},
        "parties": parties,
        "issues": issues,
        "preferences": preferences,
    }


_TIE = 1e-12


def _strict_reservations(space: _Space) -> list[float]:
    """Reservation values on accord's 0–1 scale such that accord's acceptance (u ≥ r)
    is NegMAS's rationality for the ZOPA count (u > reserved value): a utility
    within 1e-12 of the party's range above its reserved value counts as equal."""
    out = []
    for party in space.parties:
        lo, hi = party.minmax()
        r = party.reserved
        if math.isnan(r) or r >= hi:
            out.append(1.0)  # nothing is above it; counted as zero below
        elif r < lo or hi == lo:
            out.append(0.0)
        else:
            # a package whose utility is the reserved value is not above it; accord's
            # sums of normalised terms may round such a tie up by a few ulps
            out.append(min(1.0, (r - lo) / (hi - lo) + _TIE))
    return out


def _display_reservations(space: _Space) -> list[float]:
    out = []
    for party in space.parties:
        lo, hi = party.minmax()
        r = party.reserved
        if math.isnan(r) or r <= lo or hi == lo:
            out.append(0.0)
        else:
            out.append(min(1.0, (r - lo) / (hi - lo)))
    return out


def _session(space: _Space, name: str, reservations: Sequence[float]) -> Session:
    return parse(json.dumps(_document(space, name, reservations)), format="json")


def from_negmas(scenario: Any, *, name: str | None = None) -> Session:
    """An accord session for a NegMAS scenario (or a sequence of its utility
    functions), which must be linear additive over finite issues.

    Issues become ``i0, i1, …`` (named as in NegMAS), their values options
    ``o0, o1, …`` (labelled with the value), parties ``p0, p1, …`` (named
    after the utility functions), all principals. Each utility is mapped
    affinely onto accord's [0, 1] (u' = (u − min)/(max − min)), which
    changes no ranking, frontier, Nash or Kalai–Smorodinsky point; the
    reserved value goes with it (clamped to [0, 1]).

    >>> from negmas import make_issue, make_os
    >>> from negmas.preferences import LinearAdditiveUtilityFunction as U
    >>> os = make_os([make_issue(["low", "high"], "price")])
    >>> a = U(values=[{"low": 0.0, "high": 1.0}], outcome_space=os, reserved_value=0.2)
    >>> b = U(values=[{"low": 1.0, "high": 0.0}], outcome_space=os, reserved_value=0.2)
    >>> from_negmas([a, b]).analyze().to_dict()["pareto"]["distinct"]
    2
    """
    ufuns = _ufuns_of(scenario)
    space = _space(ufuns)
    if name is None:
        os_ = getattr(ufuns[0], "outcome_space", None)
        name = str(getattr(os_, "name", None) or "negmas")
    return _session(space, name, _display_reservations(space))


def load(folder: str | os.PathLike[str], **kwargs: Any) -> Session:
    """Read a NegMAS scenario folder with NegMAS's loader (``Scenario.load``;
    keyword arguments go to it) and convert it with :func:`from_negmas`."""
    negmas = _negmas()
    sc = negmas.inout.Scenario.load(folder, **kwargs)
    if sc is None:
        raise ValueError(f"NegMAS found no scenario in {os.fspath(folder)!r}")
    return from_negmas(sc)


def to_negmas(session: Session) -> Any:
    """The NegMAS ``Scenario`` for an accord scenario, read by NegMAS from
    accord's Genius export (the export's refusals and warnings apply)."""
    negmas = _negmas()
    files, _warnings = session.export_genius()
    with tempfile.TemporaryDirectory(prefix="accord-negmas-") as d:
        for fname, text in files.items():
            with open(os.path.join(d, fname), "w", encoding="utf-8") as f:
                f.write(text)
        sc = negmas.inout.Scenario.load(d, load_stats=False, load_info=False)
    if sc is None:
        raise ValueError("NegMAS could not read accord's Genius export")
    return sc


@dataclass(frozen=True)
class _Point:
    utils: Utils
    positions: tuple[int, ...]


def _exact_frontier(space: _Space) -> tuple[list[_Point], int]:
    """Every distinct frontier vector with a package (accord's exact frontier),
    in NegMAS's units, and the number of outcomes every party rates above its
    reserved value (strictly, as NegMAS counts them)."""
    res = _strict_reservations(space)
    report = _session(space, "negmas", res).analyze().to_dict()
    points = []
    for p in report["pareto"]["points"]:
        pos = tuple(int(p["package"][f"i{i}"][1:]) for i in range(len(space.values)))
        points.append(_Point(tuple(party.utility(pos) for party in space.parties), pos))
    count = int(report["zopa"]["count"])
    if any(math.isnan(p.reserved) or p.reserved >= p.minmax()[1] for p in space.parties):
        count = 0
    return points, count


def _welfare_order(points: list[_Point]) -> list[_Point]:
    return sorted(points, key=lambda p: (-sum(p.utils), p.positions))


def _nondominated(points: list[_Point], sort_by_welfare: bool) -> list[_Point]:
    """NegMAS's frontier rule on a candidate list: in order of welfare (highest
    first), a point stays unless an earlier kept point is at least as good for
    everyone (so of equal vectors the first stays)."""
    kept: list[_Point] = []
    for p in _welfare_order(points):
        if not any(all(a >= b for a, b in zip(k.utils, p.utils)) for k in kept):
            kept.append(p)
    if not sort_by_welfare:
        kept.sort(key=lambda p: p.positions)
    return kept


def _settle_rounding(points: list[_Point], sort_by_welfare: bool) -> list[_Point]:
    """NegMAS's frontier rule on accord's frontier, whose points no other
    dominates on accord's 0–1 scale. Back in NegMAS's units a point can only
    be dominated by rounding: by a point within a hair of it in some utility.
    So only such neighbours (by each party's utility) are compared, and the
    rule costs O(F log F) instead of O(F²)."""
    order = _welfare_order(points)
    rank = {id(p): r for r, p in enumerate(order)}
    dropped: set[int] = set()
    n = len(order[0].utils) if order else 0
    for j in range(n):
        by_j = sorted(order, key=lambda p: p.utils[j])
        span = (by_j[-1].utils[j] - by_j[0].utils[j]) if by_j else 0.0
        hair = 1e-9 * max(1.0, abs(span), abs(by_j[0].utils[j]), abs(by_j[-1].utils[j]))
        lo = 0
        for hi, q in enumerate(by_j):
            while q.utils[j] - by_j[lo].utils[j] > hair:
                lo += 1
            for p in by_j[lo:hi]:
                # p and q are within a hair in utility j: does one dominate the other?
                first, second = (p, q) if rank[id(p)] < rank[id(q)] else (q, p)
                if all(a >= b for a, b in zip(first.utils, second.utils)):
                    dropped.add(id(second))
                elif all(a >= b for a, b in zip(second.utils, first.utils)):
                    dropped.add(id(first))
    kept = [p for p in order if id(p) not in dropped]
    if not sort_by_welfare:
        kept.sort(key=lambda p: p.positions)
    return kept


def _rational(points: Iterable[_Point], reserved: Sequence[float]) -> list[_Point]:
    return [p for p in points if all(u >= r for u, r in zip(p.utils, reserved))]


def pareto_frontier(
    ufuns: Sequence[Any],
    outcomes: Sequence[Outcome] | None = None,
    issues: Sequence[Any] | None = None,
    n_discretization: int | None = None,
    max_cardinality: int | float = float("inf"),
    sort_by_welfare: bool = True,
    eps: float = 1e-12,
) -> tuple[tuple[Utils, ...], tuple[int, ...]]:
    """NegMAS's ``pareto_frontier``, exactly and without enumerating the
    outcomes: the utilities of the Pareto-optimal outcomes among those every
    party rates at least at its reserved value, one outcome per distinct
    vector, by welfare (highest first) when ``sort_by_welfare``; and each
    outcome's index in ``outcomes`` (or in NegMAS's enumeration of the issues).

    With ``outcomes`` given, only those are considered (each evaluated here).
    ``max_cardinality`` is accepted for NegMAS's signature: the answer is
    always over the whole space. ``eps`` is unused, as in NegMAS.
    """
    del max_cardinality, eps
    space = _space(list(ufuns), issues, n_discretization)
    reserved = [p.reserved for p in space.parties]
    if outcomes is not None:
        lookup = [{v: k for k, v in enumerate(vs)} for vs in space.values]
        cands = []
        index: dict[tuple[int, ...], int] = {}
        for n, o in enumerate(outcomes):
            pos = tuple(lookup[i][x] for i, x in enumerate(o))
            index.setdefault(pos, n)
            cands.append(_Point(tuple(p.utility(pos) for p in space.parties), pos))
        front = _nondominated(_rational(cands, reserved), sort_by_welfare)
        return tuple(p.utils for p in front), tuple(index[p.positions] for p in front)
    points, _ = _exact_frontier(space)
    front = _settle_rounding(_rational(points, reserved), sort_by_welfare)
    return tuple(p.utils for p in front), tuple(space.index(p.positions) for p in front)


def _ranges(
    ufuns: Sequence[Any] | None,
    ranges: Sequence[tuple[float, ...]] | None,
    issues: Sequence[Any] | None,
    outcome_space: Any,
    outcomes: Sequence[Outcome] | None,
) -> list[tuple[float, float]]:
    if ranges:
        return [(float(r[0]), float(r[1])) for r in ranges]
    if ufuns is None:
        raise ValueError("pass ufuns or ranges")
    if outcomes is not None:
        us = [[float(u(o)) for o in outcomes] for u in ufuns]
        return [(min(x), max(x)) for x in us]
    if issues is None and outcome_space is not None:
        issues = list(outcome_space.issues)
    space = _space(list(ufuns), issues)
    return [p.minmax() for p in space.parties]


def _reserved(ufuns: Sequence[Any] | None, n: int) -> list[float]:
    if not ufuns:
        return [0.0] * n
    return [float("-inf") if u.reserved_value is None else float(u.reserved_value) for u in ufuns]


def _disagreement(rs: Sequence[float], ranges: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Each party's (disagreement, best): the reserved value where it is a
    finite number inside the range, the range's minimum otherwise."""
    for i, rng in enumerate(ranges):
        if not all(math.isfinite(x) for x in rng):
            raise ValueError(f"Cannot find the range for ufun {i}: {rng}")
    return [
        (r, hi) if math.isfinite(r) and r >= lo else (lo, hi)
        for r, (lo, hi) in zip(rs, ranges)
    ]


def _best(
    frontier: Sequence[Utils], values: Sequence[float], eps: float, maximize: bool = True
) -> tuple[tuple[Utils, int], ...]:
    """Every frontier point within eps of the best finite value."""
    sign = 1.0 if maximize else -1.0
    scored = [(sign * v, i) for i, v in enumerate(values) if not math.isnan(v) and math.isfinite(sign * v)]
    if not scored:
        return tuple()
    top = max(s for s, _ in scored)
    return tuple((tuple(frontier[i]), i) for i, v in enumerate(values) if not math.isnan(v) and sign * v >= top - eps)


def _common(
    ufuns: Sequence[Any] | None,
    frontier: Sequence[Utils],
    ranges: Sequence[tuple[float, ...]] | None,
    outcome_space: Any,
    issues: Sequence[Any] | None,
    outcomes: Sequence[Outcome] | None,
) -> tuple[list[float], list[tuple[float, float]], list[tuple[float, float]]]:
    n = len(frontier[0])
    rng = _ranges(ufuns, ranges, issues, outcome_space, outcomes)
    rs = _reserved(ufuns, n)
    return rs, rng, _disagreement(rs, rng)


def nash_points(
    ufuns: Sequence[Any] | None,
    frontier: Sequence[Utils],
    ranges: Sequence[tuple[float, ...]] | None = None,
    outcome_space: Any = None,
    issues: Sequence[Any] | None = None,
    outcomes: Sequence[Outcome] | None = None,
    eps: float = 1e-12,
) -> tuple[tuple[Utils, int], ...]:
    """NegMAS's ``nash_points``: the frontier points whose product of gains over
    the disagreement point (reserved value, or the minimum utility where that
    is unset or lower) is within ``eps`` of the largest, with their positions
    in ``frontier``. Without ``ufuns`` the reserved values are taken as 0."""
    if not frontier:
        return tuple()
    _, rng, d = _common(ufuns, frontier, ranges, outcome_space, issues, outcomes)
    if any(hi - lo <= eps for lo, hi in d):
        return tuple((tuple(f), i) for i, f in enumerate(frontier))
    return _best(frontier, [math.prod(float(u) - lo for u, (lo, _) in zip(f, d)) for f in frontier], eps)


def kalai_points(
    ufuns: Sequence[Any],
    frontier: Sequence[Utils],
    ranges: Sequence[tuple[float, ...]] | None = None,
    outcome_space: Any = None,
    issues: Sequence[Any] | None = None,
    outcomes: Sequence[Outcome] | None = None,
    eps: float = 1e-12,
    subtract_reserved_value: bool = True,
) -> tuple[tuple[Utils, int], ...]:
    """NegMAS's ``kalai_points`` — the egalitarian point (Kalai 1977): among
    frontier points every party rates at least at its reserved value, those
    whose smallest gain over the disagreement point (or smallest utility,
    without ``subtract_reserved_value``) is within ``eps`` of the largest."""
    if not frontier:
        return tuple()
    rs, _, d = _common(ufuns, frontier, ranges, outcome_space, issues, outcomes)
    if any(hi - lo <= eps for lo, hi in d):
        return tuple((tuple(f), i) for i, f in enumerate(frontier))
    vals = []
    for f in frontier:
        if any(u < r for u, r in zip(f, rs)):
            vals.append(-math.inf)
        elif subtract_reserved_value:
            vals.append(min(float(u) - lo for u, (lo, _) in zip(f, d)))
        else:
            vals.append(min(float(u) for u in f))
    return _best(frontier, vals, eps)


def ks_points(
    ufuns: Sequence[Any],
    frontier: Sequence[Utils],
    ranges: Sequence[tuple[float, ...]] | None = None,
    outcome_space: Any = None,
    issues: Sequence[Any] | None = None,
    outcomes: Sequence[Outcome] | None = None,
    eps: float = 1e-12,
    subtract_reserved_value: bool = True,
    exponent: float = float("inf"),
) -> tuple[tuple[Utils, int], ...]:
    """NegMAS's ``ks_points`` — Kalai–Smorodinsky: among frontier points every
    party rates at least at its reserved value, those whose parties' shares of
    their possible gain (gain over the disagreement point divided by the best
    utility's; without ``subtract_reserved_value``, utility over best) are
    closest to equal (largest minus smallest share within ``eps`` of the least).
    ``exponent`` is accepted for the signature; only the maximum norm is used."""
    del exponent
    if not frontier:
        return tuple()
    rs, _, d = _common(ufuns, frontier, ranges, outcome_space, issues, outcomes)
    if any(hi - lo <= eps for lo, hi in d):
        return tuple((tuple(f), i) for i, f in enumerate(frontier))
    vals = []
    for f in frontier:
        if any(u < r for u, r in zip(f, rs)):
            vals.append(math.inf)
            continue
        if subtract_reserved_value:
            shares = [((float(u) - lo) / (hi - lo)) if hi - lo else float(u) - lo for u, (lo, hi) in zip(f, d)]
        else:
            shares = [(float(u) / hi) if hi else float(u) for u, (_, hi) in zip(f, d)]
        vals.append(max(shares) - min(shares))
    return _best(frontier, vals, eps, maximize=False)


def max_welfare_points(
    ufuns: Sequence[Any],
    frontier: Sequence[Utils],
    ranges: Sequence[tuple[float, ...]] | None = None,
    outcome_space: Any = None,
    issues: Sequence[Any] | None = None,
    outcomes: Sequence[Outcome] | None = None,
    eps: float = 1e-12,
) -> tuple[tuple[Utils, int], ...]:
    """NegMAS's ``max_welfare_points``: the frontier points whose sum of
    utilities is within ``eps`` of the largest (reserved values play no part)."""
    if not frontier:
        return tuple()
    rng = _ranges(ufuns, ranges, issues, outcome_space, outcomes)
    for i, r in enumerate(rng):
        if not all(math.isfinite(x) for x in r):
            raise ValueError(f"Cannot find the range for ufun {i}: {r}")
    if any(hi - lo <= eps for lo, hi in rng):
        return tuple((tuple(f), i) for i, f in enumerate(frontier))
    return _best(frontier, [sum(float(u) for u in f) for f in frontier], eps)


def max_relative_welfare_points(
    ufuns: Sequence[Any],
    frontier: Sequence[Utils],
    ranges: Sequence[tuple[float, ...]] | None = None,
    outcome_space: Any = None,
    issues: Sequence[Any] | None = None,
    outcomes: Sequence[Outcome] | None = None,
    eps: float = 1e-12,
) -> tuple[tuple[Utils, int], ...]:
    """NegMAS's ``max_relative_welfare_points``: among frontier points every
    party rates at least at its reserved value, those whose sum of gains
    relative to each party's possible gain is within ``eps`` of the largest.
    The gain is measured from the range's minimum; the possible gain from the
    larger of the minimum and the reserved value to the maximum."""
    if not frontier:
        return tuple()
    rng = _ranges(ufuns, ranges, issues, outcome_space, outcomes)
    for i, r in enumerate(rng):
        if not all(math.isfinite(x) for x in r):
            raise ValueError(f"Cannot find the range for ufun {i}: {r}")
    if any(hi - lo <= eps for lo, hi in rng):
        return tuple((tuple(f), i) for i, f in enumerate(frontier))
    rs = _reserved(ufuns, len(frontier[0]))
    spans = [hi - max(r, lo) for (lo, hi), r in zip(rng, rs)]
    vals = []
    for f in frontier:
        if any(u < r for u, r in zip(f, rs)):
            vals.append(-math.inf)
        else:
            vals.append(sum((float(u) - lo) / (s if s else 1.0) for u, (lo, _), s in zip(f, rng, spans)))
    return _best(frontier, vals, eps)


def scenario_stats(scenario: Any) -> Any:
    """NegMAS's ``ScenarioStats`` for a NegMAS scenario (or its utility
    functions), from accord's exact frontier and ZOPA count: what NegMAS's
    ``calc_scenario_stats`` computes by enumerating every outcome, for spaces
    far beyond what enumeration reaches. ``rational_fraction`` is exact
    (outcomes every party rates above its reserved value over all outcomes),
    ``opposition`` is the least distance from the ideal point over those
    outcomes (it is reached on the frontier)."""
    negmas = _negmas()
    ufuns = _ufuns_of(scenario)
    space = _space(ufuns)
    points, rational = _exact_frontier(space)
    reserved = [p.reserved for p in space.parties]
    front = _settle_rounding(_rational(points, reserved), True)
    utils = tuple(p.utils for p in front)
    outcomes = [space.outcome(p.positions) for p in front]
    rng = [p.minmax() for p in space.parties]

    def pick(found: tuple[tuple[Utils, int], ...]) -> tuple[list[Utils], list[Outcome]]:
        return [u for u, _ in found], [outcomes[i] for _, i in found]

    nash = pick(nash_points(ufuns, utils, ranges=rng))
    kalai = pick(kalai_points(ufuns, utils, ranges=rng))
    mkalai = pick(kalai_points(ufuns, utils, ranges=rng, subtract_reserved_value=False))
    ks = pick(ks_points(ufuns, utils, ranges=rng))
    mks = pick(ks_points(ufuns, utils, ranges=rng, subtract_reserved_value=False))
    welfare = pick(max_welfare_points(ufuns, utils, ranges=rng))
    relative = pick(max_relative_welfare_points(ufuns, utils, ranges=rng))
    best = [hi for _, hi in rng]
    opposition = math.inf
    for p in _rational(points, reserved):
        v = sum((1.0 - u / m) ** 2 if m else (1.0 - u) ** 2 for u, m in zip(p.utils, best))
        opposition = min(opposition, v)
    card = space.cardinality
    return negmas.preferences.ops.ScenarioStats(
        opposition=float(math.sqrt(opposition)),
        utility_ranges=rng,
        pareto_utils=utils,
        pareto_outcomes=outcomes,
        nash_utils=nash[0],
        nash_outcomes=nash[1],
        kalai_utils=kalai[0],
        kalai_outcomes=kalai[1],
        modified_kalai_utils=mkalai[0],
        modified_kalai_outcomes=mkalai[1],
        max_welfare_utils=welfare[0],
        max_welfare_outcomes=welfare[1],
        max_relative_welfare_utils=relative[0],
        max_relative_welfare_outcomes=relative[1],
        ks_utils=ks[0],
        ks_outcomes=ks[1],
        modified_ks_utils=mks[0],
        modified_ks_outcomes=mks[1],
        rational_fraction=(rational / card) if card else 0.0,
    )


def save_stats(scenario: Any, folder: str | os.PathLike[str]) -> str:
    """Compute :func:`scenario_stats` for a NegMAS ``Scenario``, set them on it
    and write them with NegMAS's ``save_stats`` into ``folder`` (NegMAS reads
    ``_stats.yaml`` back with ``Scenario.load``); returns the file's path."""
    scenario.stats = scenario_stats(scenario)
    scenario.save_stats(folder)
    return os.path.join(os.fspath(folder), "_stats.yaml")
