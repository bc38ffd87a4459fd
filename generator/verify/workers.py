"""Proving on every core: the cases are shared between this process and a forked twin.

A contract run is thousands of calls, each a client and a mock server taking turns on one
interpreter lock, so one process uses one core. Where the machine has a second core, the process
forks after the package is imported and the mock built (the twin inherits both, copy-on-write),
and each process runs its share of the cases against a mock server of its own on loopback. Every
case still runs in full, exactly once; only where it runs changes. The twin sends back its cases'
results, and the warnings it gave, through a pipe.

Without `os.fork` (Windows), on one core, or for a few cases, everything runs here.
"""

from __future__ import annotations

import os
import pickle
import traceback
import warnings
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

_WORKERS = 2  # this process and one twin: the machines verify runs on have few cores
_MIN_JOBS = 200  # below this, forking costs more than it saves


class WorkerFailed(Exception):
    """The twin process crashed or died; its traceback, or what is known, is the message."""


def share(
    jobs: Sequence[Job],
    weight: Callable[[Job], int],
    group: Callable[[Job], str],
    run: Callable[[list[Job]], list[Result]],
    prepare_twin: Callable[[], None],
) -> list[Result]:
    """`run` over `jobs`, results in `jobs`' order, split between this process and a twin.

    Jobs of one `group` (an operation) stay in one process, so what a process builds for an
    operation (its replies, its values) is built once; groups are dealt out by `weight` so both
    processes finish together. `prepare_twin` runs first in the twin (its own mock server).
    """
    if not _parallel(len(jobs)):
        return run(list(jobs))
    mine, theirs = _split(jobs, weight, group)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the twin: run its share, report, and leave without running any cleanup
        os.close(read)

        def twin() -> Any:
            prepare_twin()
            return _run_seen(run, [jobs[i] for i in theirs])

        _report(write, twin)
        os._exit(0)
    os.close(write)
    try:
        here = run([jobs[i] for i in mine])
    finally:
        payload = _read_all(read)
        os.waitpid(pid, 0)
    there = _received(payload)
    placed = dict(zip([*mine, *theirs], [*here, *there], strict=True))
    return [placed[index] for index in range(len(jobs))]


def _parallel(jobs: int) -> bool:
    if not hasattr(os, "fork") or jobs < _MIN_JOBS:
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) >= _WORKERS


def _split(
    jobs: Sequence[Job], weight: Callable[[Job], int], group: Callable[[Job], str]
) -> tuple[list[int], list[int]]:
    """Job indexes for here and for the twin: whole groups, heaviest first to the lighter side."""
    groups: dict[str, list[int]] = {}
    for index, job in enumerate(jobs):
        groups.setdefault(group(job), []).append(index)
    sides: tuple[list[int], list[int]] = ([], [])
    loads = [0, 0]
    by_weight = sorted(groups.values(), key=lambda g: -sum(weight(jobs[i]) for i in g))
    for indexes in by_weight:
        side = 0 if loads[0] <= loads[1] else 1
        sides[side].extend(indexes)
        loads[side] += sum(weight(jobs[i]) for i in indexes)
    return sorted(sides[0]), sorted(sides[1])


def _run_seen(run: Callable[[list[Job]], list[Result]], jobs: list[Job]) -> Any:
    with warnings.catch_warnings(record=True) as caught:  # keeps the filters it inherited
        results = run(jobs)
    return results, [record.message for record in caught]


def _report(write: int, work: Callable[[], Any]) -> None:
    try:
        payload = pickle.dumps(("ok", work()))
    except BaseException:  # the parent must hear of any failure, or it would hang or lie
        payload = pickle.dumps(("failed", traceback.format_exc()))
    with os.fdopen(write, "wb") as pipe:
        pipe.write(payload)


def _read_all(read: int) -> bytes:
    with os.fdopen(read, "rb") as pipe:
        return pipe.read()


def _received(payload: bytes) -> list[Any]:
    if not payload:
        raise WorkerFailed("the second worker process died without a word")
    status, value = pickle.loads(payload)
    if status != "ok":
        raise WorkerFailed(f"the second worker process failed:\n{value}")
    results, seen = value
    for warning in seen:  # said again here, where the run's warnings are collected
        warnings.warn(warning, stacklevel=1)
    return list(results)
