"""accord: exact analysis of multi-party negotiations, from Python.

Load a scenario and ask it questions; each method is a command of the
``accord`` command line, its keyword arguments named like the command's
flags (``-`` written ``_``), and every answer a :class:`Report` whose
``to_dict()`` is exactly the command's ``--json``::

    >>> import accord
    >>> s = accord.load("examples/ukraine-2025/scenario.toml")
    >>> s.analyze().to_dict()["zopa"]["count"]
    61874
    >>> s.evaluate(deal="us_28_point").to_dict()["blocking"]
    ['ukraine']
    >>> m = s.mediate(press=["ukraine"], maximize="russia", limit=1).to_dict()
    >>> round(m["deals"][0]["utilities"]["russia"], 4)
    0.8326
    >>> round(s.robust(samples=2000, seed=1).to_dict()["p_zopa"], 3)
    1.0
    >>> print(s.leverage().text(width=100).splitlines()[0])
    The zone of possible agreement is not empty: no pressure is needed. Each veto party's slack (how far

Arguments left out take the command line's defaults. Errors are
:class:`ScenarioError` (an invalid file: ``file``, ``line``, ``column``,
``hint``) and :class:`RequestError` (a question that cannot apply). Long
questions release the GIL and stop on Ctrl-C; ``progress=callable`` gets
``(done, total)`` about ten times a second.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Mapping, Sequence

from . import _accord, _engines
from ._accord import AccordError, Report, RequestError, ScenarioError, merge

__version__: str = _accord.__version__

__all__ = [
    "AccordError",
    "RequestError",
    "ScenarioError",
    "Report",
    "Session",
    "load",
    "parse",
    "tournament",
    "compare",
    "forecast",
    "validate",
    "sweep",
    "merge",
    "import_genius",
    "import_geniusweb",
]

Progress = Callable[[int, int], Any]


def _request(command: str | None, args: Mapping[str, Any]) -> str:
    """The JSON of a request: ``command`` and the arguments given (``None``
    means "the command line's default" and is left out)."""
    body: dict[str, Any] = {} if command is None else {"command": command}
    for key, value in args.items():
        if value is not None:
            body[key] = value
    return json.dumps(body)


def _varies(vary: Mapping[str, Sequence[float]] | Iterable[str] | str) -> list[str]:
    """``vary`` as the CLI's ``--vary PATH=LO:HI:STEP`` strings: a mapping
    ``{path: (lo, hi, step)}``, or the strings themselves."""
    if isinstance(vary, str):
        return [vary]
    if isinstance(vary, Mapping):
        out = []
        for path, grid in vary.items():
            if isinstance(grid, str):
                out.append(f"{path}={grid}")
                continue
            lo, hi, step = grid
            out.append(f"{path}={lo!r}:{hi!r}:{step!r}")
        return out
    return list(vary)


def _list(x: str | Sequence[str] | None) -> list[str] | None:
    if x is None:
        return None
    return [x] if isinstance(x, str) else list(x)


class Session:
    """A scenario, loaded and compiled once. Create it with :func:`load`
    or :func:`parse`; every method asks one question."""

    def __init__(self, inner: _accord.Session) -> None:
        self._inner = inner

    @property
    def source(self) -> str:
        """The name reports show for the scenario."""
        return self._inner.source

    def text(self) -> str:
        """The scenario standing alone as TOML text (deal files written
        in): :func:`parse` reads it back as the same scenario."""
        return self._inner.text()

    def __repr__(self) -> str:
        return repr(self._inner)

    def run(self, request: Mapping[str, Any], progress: Progress | None = None) -> Report:
        """Any question as a request dict, ``{"command": "analyze", ...}``
        (the HTTP API's ``request``; docs/http-api.md)."""
        return self._inner.run(json.dumps(dict(request)), progress)

    def _ask(self, command: str, progress: Progress | None = None, **args: Any) -> Report:
        return self._inner.run(_request(command, args), progress)

    def _farm(
        self,
        command: str,
        shards: int | None,
        engine: str | None,
        address: str | None,
        progress: Progress | None,
        **args: Any,
    ) -> Report:
        """One question, in shards on an engine when asked to."""
        if shards is None and engine is None:
            return self._ask(command, progress, **args)
        body = json.loads(_request(command, args))
        return _engines.run(self, body, shards or 1, engine, address, progress)

    def check(self) -> Report:
        """Validate and summarise (``accord check``)."""
        return self._ask("check")

    def analyze(
        self,
        *,
        parties: Sequence[str] | None = None,
        ties: int | None = None,
        ratified: bool | None = None,
        progress: Progress | None = None,
    ) -> Report:
        """Zone of possible agreement, Pareto frontier and bargaining
        solutions, exactly (``accord analyze``; ``ties`` defaults to 1)."""
        return self._ask("analyze", progress, parties=_list(parties), ties=ties, ratified=ratified)

    def frontier(
        self,
        *,
        parties: Sequence[str] | None = None,
        ties: int | None = None,
        ratified: bool | None = None,
        progress: Progress | None = None,
    ) -> Report:
        """The Pareto frontier as data (``accord frontier``); ``csv()``,
        ``svg()`` and :func:`to_frame` give its table and chart."""
        return self._ask("frontier", progress, parties=_list(parties), ties=ties, ratified=ratified)

    def evaluate(self, *, deal: str, change: str | None = None) -> Report:
        """What a proposal does to each party (``accord evaluate``):
        ``deal`` is a deal id, a deal file or ``issue=option,...``;
        ``change`` edits some of its issues first."""
        return self._ask("evaluate", deal=deal, change=change)

    def repair(
        self,
        *,
        deal: str,
        change: str | None = None,
        limit: int | None = None,
        ratified: bool | None = None,
        progress: Progress | None = None,
    ) -> Report:
        """The acceptable deals nearest a proposal (``accord repair``;
        ``limit`` defaults to 5)."""
        return self._ask("repair", progress, deal=deal, change=change, limit=limit, ratified=ratified)

    def leverage(self, *, ratified: bool | None = None, progress: Progress | None = None) -> Report:
        """What it would take to open a zone, and the mediator's cheapest
        mix of pressure and incentives (``accord leverage``)."""
        return self._ask("leverage", progress, ratified=ratified)

    def mediate(
        self,
        *,
        press: str | Sequence[str],
        satisfy: Sequence[str] | None = None,
        maximize: str | None = None,
        curve: bool | None = None,
        deal: str | None = None,
        change: str | None = None,
        limit: int | None = None,
        ratified: bool | None = None,
        progress: Progress | None = None,
    ) -> Report:
        """The deals the mediator can press a party into (``accord
        mediate``): the others accept as they are, least pressure first
        (or, with ``maximize``, best for that party first)."""
        return self._ask(
            "mediate",
            progress,
            press=_list(press),
            satisfy=_list(satisfy),
            maximize=maximize,
            curve=curve,
            deal=deal,
            change=change,
            limit=limit,
            ratified=ratified,
        )

    def robust(
        self,
        *,
        samples: int | None = None,
        seed: int | None = None,
        pool: int | None = None,
        ratified: bool | None = None,
        deal: str | None = None,
        ignore_observations: bool | None = None,
        progress: Progress | None = None,
        shards: int | None = None,
        engine: str | None = None,
        address: str | None = None,
    ) -> Report:
        """Monte Carlo over the scenario's uncertain numbers (``accord
        robust``; 10,000 samples, seed 1 by default), conditional on its
        observations unless ``ignore_observations``. With ``shards`` (and
        ``engine="ray"`` or ``"dask"``, at ``address``), the samples are
        computed in that many shards there and merged: the same report,
        byte for byte."""
        return self._farm(
            "robust",
            shards,
            engine,
            address,
            progress,
            samples=samples,
            seed=seed,
            pool=pool,
            ratified=ratified,
            deal=deal,
            ignore_observations=ignore_observations,
        )

    def calibrate(
        self, *, samples: int | None = None, seed: int | None = None, progress: Progress | None = None
    ) -> Report:
        """What the parties said: the reservation values their recorded
        answers allow (``accord calibrate``)."""
        return self._ask("calibrate", progress, samples=samples, seed=seed)

    def simulate(
        self,
        *,
        protocol: str | None = None,
        strategies: Mapping[str, str] | None = None,
        parties: Sequence[str] | None = None,
        rounds: int | None = None,
        drift: Mapping[str, float] | None = None,
        discount: Mapping[str, float] | None = None,
        opponent_model: bool | None = None,
        seed: int | None = None,
        deal: str | None = None,
        change: str | None = None,
        progress: Progress | None = None,
    ) -> Report:
        """Simulated talks (``accord simulate``; protocol ``stacked``,
        strategy ``linear``, 100 rounds, seed 1 by default). ``strategies``
        maps a party to its strategy (the CLI's ``--strategy PARTY=S``)."""
        return self._ask(
            "simulate",
            progress,
            protocol=protocol,
            strategies=dict(strategies) if strategies is not None else None,
            parties=_list(parties),
            rounds=rounds,
            drift=dict(drift) if drift is not None else None,
            discount=dict(discount) if discount is not None else None,
            opponent_model=opponent_model,
            seed=seed,
            deal=deal,
            change=change,
        )

    def sweep(
        self,
        *,
        vary: Mapping[str, Sequence[float]] | Iterable[str] | str,
        question: str | None = None,
        press: str | Sequence[str] | None = None,
        satisfy: Sequence[str] | None = None,
        maximize: str | None = None,
        ratified: bool | None = None,
        progress: Progress | None = None,
        shards: int | None = None,
        engine: str | None = None,
        address: str | None = None,
    ) -> Report:
        """The same questions over a grid (``accord sweep``): ``vary`` is
        ``{"russia.reservation": (0.5, 0.9, 0.05)}`` or the CLI's
        ``"PATH=LO:HI:STEP"`` strings; ``question`` is the CLI's
        ``--command`` (``analyze`` by default, or ``mediate``). ``shards``,
        ``engine`` and ``address`` as for :meth:`robust`."""
        return self._farm(
            "sweep",
            shards,
            engine,
            address,
            progress,
            vary=_varies(vary),
            question=question,
            press=_list(press),
            satisfy=_list(satisfy),
            maximize=maximize,
            ratified=ratified,
        )

    def report(
        self, *, samples: int | None = None, seed: int | None = None, progress: Progress | None = None
    ) -> Report:
        """The briefing (``accord report``): ``html()`` is the same
        self-contained document the command writes."""
        return self._ask("report", progress, samples=samples, seed=seed)

    def export_genius(self) -> tuple[dict[str, str], list[str]]:
        """The scenario as a Genius domain and one utility profile per party
        (``accord export genius``): ``({file name: contents}, warnings)``,
        the domain first; the warnings say what Genius cannot hold."""
        files, warnings = self._inner.export_genius()
        return dict(files), list(warnings)

    def forecast(
        self,
        *,
        model: str | None = None,
        rounds: int | None = None,
        reading: str | None = None,
        q: float | None = None,
        pce: str | None = None,
    ) -> Report:
        """Where the actors end up (``accord forecast`` on this scenario;
        model ``smp`` by default)."""
        return self._inner.forecast(
            _request(None, dict(model=model, rounds=rounds, reading=reading, q=q, pce=pce))
        )


def load(path: str | Any, *, set: Sequence[str] | None = None) -> Session:
    """Load a scenario file (TOML, YAML or JSON; deal files are read from
    its folder). ``set`` takes the CLI's ``--set PATH=VALUE`` overrides."""
    return Session(_accord.load(str(path), _list(set)))


def parse(text: str, format: str = "toml", *, set: Sequence[str] | None = None) -> Session:
    """Read a scenario from text (``toml``, ``yaml`` or ``json``); it reads
    no file. Errors name it ``scenario.FORMAT``."""
    return Session(_accord.parse(text, format, _list(set)))


def tournament(
    paths: str | Sequence[str],
    *,
    strategies: Sequence[str] | None = None,
    protocol: str | None = None,
    rounds: int | None = None,
    seeds: int | None = None,
    seed: int | None = None,
    opponent_model: bool | None = None,
    set: Sequence[str] | None = None,
    progress: Progress | None = None,
    shards: int | None = None,
    engine: str | None = None,
    address: str | None = None,
) -> Report:
    """Every combination of strategies on the scenario files and seeds
    (``accord tournament``). With ``shards`` (and ``engine="ray"`` or
    ``"dask"`` at ``address``) its matches run in that many shards there
    and are merged: the same report, its measured seconds aside."""
    body = _request(
        None,
        dict(
            strategies=_list(strategies),
            protocol=protocol,
            rounds=rounds,
            seeds=seeds,
            seed=seed,
            opponent_model=opponent_model,
        ),
    )
    files = [str(p) for p in _list(paths) or []]
    if shards is not None or engine is not None:
        return _engines.tournament(files, body, _list(set) or [], shards or 1, engine, address, progress)
    return _accord.tournament(files, body, _list(set), progress)


def compare(paths: Sequence[str], *, set: Sequence[str] | None = None) -> Report:
    """Variants of a scenario side by side (``accord compare``)."""
    return _accord.compare([str(p) for p in paths], _list(set))


def forecast(
    path: str,
    *,
    model: str | None = None,
    rounds: int | None = None,
    reading: str | None = None,
    q: float | None = None,
    pce: str | None = None,
    set: Sequence[str] | None = None,
) -> Report:
    """Forecast where actors end up (``accord forecast``) from an actor
    file (KTAB's CSV) or a scenario file."""
    body = _request(None, dict(model=model, rounds=rounds, reading=reading, q=q, pce=pce))
    return _accord.forecast(str(path), body, _list(set))


def validate(
    actors: str,
    outcomes: str,
    *,
    model: str | None = None,
    all: bool | None = None,
    rounds: int | None = None,
    reading: str | None = None,
    q: float | None = None,
    pce: str | None = None,
) -> Report:
    """Score forecasting models on a validation set (``accord forecast
    --validate``)."""
    body = _request(
        None, dict(model=model, all=all, rounds=rounds, reading=reading, q=q, pce=pce)
    )
    return _accord.validate(str(actors), str(outcomes), body)


def sweep(
    path: str,
    *,
    vary: Mapping[str, Sequence[float]] | Iterable[str] | str,
    question: str | None = None,
    press: str | Sequence[str] | None = None,
    satisfy: Sequence[str] | None = None,
    maximize: str | None = None,
    ratified: bool | None = None,
    set: Sequence[str] | None = None,
    progress: Progress | None = None,
    shards: int | None = None,
    engine: str | None = None,
    address: str | None = None,
) -> Report:
    """``accord sweep`` on a scenario file: ``load(path).sweep(...)``; with
    ``engine="ray"`` (at ``address``) its grid points are farmed out as Ray
    tasks, one per shard (``shards``, default one per two points)."""
    s = load(path, set=set)
    if engine is not None and shards is None:
        points = 1
        for grid in _varies(vary):
            lo, hi, step = (float(x) for x in grid.split("=", 1)[1].split(":"))
            points *= int(round((hi - lo) / step)) + 1
        shards = max(1, points // 2)
    return s.sweep(
        vary=vary,
        question=question,
        press=press,
        satisfy=satisfy,
        maximize=maximize,
        ratified=ratified,
        progress=progress,
        shards=shards,
        engine=engine,
        address=address,
    )


def import_genius(domain: str, profiles: Sequence[str], *, real_steps: int = 10) -> str:
    """A Genius domain and one utility profile per party (the profile's file
    stem is the party id) as a scenario's TOML text (``accord import
    genius``); :func:`parse` reads it."""
    return _accord.import_genius(str(domain), [str(p) for p in profiles], real_steps)


def import_geniusweb(profiles: Sequence[str], *, real_steps: int = 10) -> str:
    """GeniusWeb profiles (LinearAdditiveUtilitySpace JSON) as a scenario's
    TOML text (``accord import geniusweb``)."""
    return _accord.import_geniusweb([str(p) for p in profiles], real_steps)
