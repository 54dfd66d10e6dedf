"""Running one question as shards: here, on a Ray cluster, or on Dask.

A sharded run computes shard K of N of a ``robust``, ``sweep`` or
``tournament`` question (each shard from the scenarios' text alone: the same
part file as the CLI's ``--shard K/N``) and merges the parts: the same
report as one run, for any N and any engine (byte for byte; a tournament's
measured seconds aside). See docs/python-api.md, "Beyond one machine".
"""

from __future__ import annotations

import json
import time
from typing import Any, Callable, Sequence

from . import _accord

Progress = Callable[[int, int], Any]


def _shard(text: str, name: str, source: str, request: str, sets: list[str], k: int, n: int) -> str:
    """One shard's part file (JSON); runs wherever the engine puts it."""
    from accord import _accord as core

    return core.shard(text, name, source, request, k, n, sets)


def _tournament_shard(
    scenarios: list[tuple[str, str, str]], request: str, sets: list[str], k: int, n: int
) -> str:
    """One tournament shard's part file (JSON)."""
    from accord import _accord as core

    return core.tournament_shard(scenarios, request, k, n, sets)


def run(
    session: Any,
    request: dict[str, Any],
    shards: int,
    engine: str | None,
    address: str | None,
    progress: Progress | None,
) -> _accord.Report:
    """``request`` (``robust`` or ``sweep``) on ``session`` in ``shards``
    shards on ``engine`` (``None``/``"local"``, ``"ray"`` or ``"dask"``),
    merged."""
    inner = session._inner
    args = (inner.text(), inner.text_name(), inner.source, json.dumps(request), list(inner.sets))
    return _accord.merge(_farm(_shard, args, shards, engine, address, progress))


def tournament(
    paths: Sequence[str],
    request: str,
    sets: list[str],
    shards: int,
    engine: str | None,
    address: str | None,
    progress: Progress | None,
) -> _accord.Report:
    """A tournament over the scenario files ``paths`` in ``shards`` shards on
    ``engine``, merged."""
    scenarios = []
    for p in paths:
        s = _accord.load(p, sets)
        scenarios.append((s.text(), s.text_name(), p))
    return _accord.merge(_farm(_tournament_shard, (scenarios, request, sets), shards, engine, address, progress))


def _farm(
    task: Callable[..., str],
    args: tuple[Any, ...],
    shards: int,
    engine: str | None,
    address: str | None,
    progress: Progress | None,
) -> list[str]:
    """Every shard's part file: ``task(*args, k, shards)`` for k = 1..shards,
    on the engine."""
    if shards < 1:
        raise _accord.RequestError(f"shards must be at least 1, not {shards}")
    if engine in (None, "local"):
        out = []
        for k in range(1, shards + 1):
            out.append(task(*args, k, shards))
            if progress is not None:
                progress(k, shards)
        return out
    if engine == "ray":
        return _on_ray(task, args, shards, address, progress)
    if engine == "dask":
        return _on_dask(task, args, shards, address, progress)
    raise _accord.RequestError(f"unknown engine `{engine}`: local, ray or dask")


def _on_ray(
    task: Callable[..., str],
    args: tuple[Any, ...],
    shards: int,
    address: str | None,
    progress: Progress | None,
) -> list[str]:
    try:
        import ray  # type: ignore[import-not-found,unused-ignore]
    except ImportError as e:
        raise ImportError("engine='ray' needs Ray: pip install ray") from e
    if not ray.is_initialized():
        ray.init(address=address, ignore_reinit_error=True, log_to_driver=False)
    remote = ray.remote(task)
    shared = [ray.put(a) for a in args]
    refs = [remote.remote(*shared, k, shards) for k in range(1, shards + 1)]
    pending = list(refs)
    while pending:
        _, pending = ray.wait(pending, num_returns=len(pending), timeout=0.1)
        if progress is not None:
            progress(shards - len(pending), shards)
    return list(ray.get(refs))


def _on_dask(
    task: Callable[..., str],
    args: tuple[Any, ...],
    shards: int,
    address: str | None,
    progress: Progress | None,
) -> list[str]:
    try:
        import dask.distributed  # type: ignore[import-not-found,unused-ignore]
    except ImportError as e:
        raise ImportError("engine='dask' needs dask.distributed: pip install 'dask[distributed]'") from e
    dd: Any = dask.distributed  # partly typed; used through its documented calls only
    with dd.Client(address) as client:
        futures = [client.submit(task, *args, k, shards, pure=False) for k in range(1, shards + 1)]
        while True:
            done = sum(f.done() for f in futures)
            if progress is not None:
                progress(done, shards)
            if done == shards:
                break
            time.sleep(0.1)
        dd.wait(futures)
        return list(client.gather(futures))
