"""Running one question as shards: here, on a Ray cluster, or on Dask.

A sharded run computes shard K of N of a ``robust`` or ``sweep`` question
(each shard from the scenario's text alone: the same part file as the CLI's
``--shard K/N``) and merges the parts: the same report, byte for byte, as one
run, for any N and any engine (docs/python-api.md, "Beyond one machine").
"""

from __future__ import annotations

import json
import time
from typing import Any, Callable, Sequence

from . import _accord

Progress = Callable[[int, int], Any]


def _shard(text: str, name: str, source: str, request: str, k: int, n: int, sets: list[str]) -> str:
    """One shard's part file (JSON); runs wherever the engine puts it."""
    from accord import _accord as core

    return core.shard(text, name, source, request, k, n, sets)


def run(
    session: Any,
    request: dict[str, Any],
    shards: int,
    engine: str | None,
    address: str | None,
    progress: Progress | None,
) -> _accord.Report:
    """``request`` on ``session`` in ``shards`` shards on ``engine``
    (``None``/``"local"``, ``"ray"`` or ``"dask"``), merged."""
    if shards < 1:
        raise _accord.RequestError(f"shards must be at least 1, not {shards}")
    inner = session._inner
    args = (inner.text(), inner.text_name(), inner.source, json.dumps(request))
    sets: list[str] = list(inner.sets)
    ks = range(1, shards + 1)
    parts: Sequence[str]
    if engine in (None, "local"):
        out = []
        for k in ks:
            out.append(_accord.shard(*args, k, shards, sets))
            if progress is not None:
                progress(k, shards)
        parts = out
    elif engine == "ray":
        parts = _on_ray(args, shards, sets, address, progress)
    elif engine == "dask":
        parts = _on_dask(args, shards, sets, address, progress)
    else:
        raise _accord.RequestError(f"unknown engine `{engine}`: local, ray or dask")
    return _accord.merge(list(parts))


def _on_ray(
    args: tuple[str, str, str, str],
    shards: int,
    sets: list[str],
    address: str | None,
    progress: Progress | None,
) -> list[str]:
    try:
        import ray  # type: ignore[import-not-found,unused-ignore]
    except ImportError as e:
        raise ImportError("engine='ray' needs Ray: pip install ray") from e
    if not ray.is_initialized():
        ray.init(address=address, ignore_reinit_error=True, log_to_driver=False)
    task = ray.remote(_shard)
    refs = [task.remote(*args, k, shards, sets) for k in range(1, shards + 1)]
    pending = list(refs)
    while pending:
        _, pending = ray.wait(pending, num_returns=len(pending), timeout=0.1)
        if progress is not None:
            progress(shards - len(pending), shards)
    return list(ray.get(refs))


def _on_dask(
    args: tuple[str, str, str, str],
    shards: int,
    sets: list[str],
    address: str | None,
    progress: Progress | None,
) -> list[str]:
    try:
        from dask.distributed import Client, wait  # type: ignore[import-not-found,unused-ignore]
    except ImportError as e:
        raise ImportError("engine='dask' needs dask.distributed: pip install 'dask[distributed]'") from e
    with Client(address) as client:
        futures = [client.submit(_shard, *args, k, shards, sets, pure=False) for k in range(1, shards + 1)]
        while True:
            done = sum(f.done() for f in futures)
            if progress is not None:
                progress(done, shards)
            if done == shards:
                break
            time.sleep(0.1)
        wait(futures)
        return list(client.gather(futures))
