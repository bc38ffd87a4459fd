"""Cases run in forked worker processes, one per core, each against a mock of its own.

A call and its mock's answer take turns on one interpreter, so a single process keeps one core
busy however many the machine has. After the package is imported and the mock's document
prepared, `run_in_workers` forks: each worker starts its own mock on its own loopback port (the
same validation document, served there) and takes operations from a shared queue until none are
left, the biggest first, so workers finish together. All the cases of an operation run in one
worker, so each reply is built and validated once, as in one process.

What a worker sends back is data, as JSON: each case's failures, and the warnings it raised
with the index of the case that raised them. The parent re-raises those warnings in case order,
so its output is the one a single process prints. A worker that dies fails the cases it had not
answered, never drops them.
"""

from __future__ import annotations

import builtins
import contextlib
import gc
import json
import os
import struct
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TextIO, TypeVar

from .replies import SpecExampleWarning

Case = TypeVar("Case")
Failure = TypeVar("Failure")
RunCase = Callable[[Case], list[Failure]]

_INDEX = struct.Struct("!I")  # one queued group: a pipe read this small is atomic
_FEW_CASES = 120  # below this, starting workers costs more than it saves


def worker_count(cases: int) -> int:
    """How many workers to run `cases` in: the cores this process may use, one if few cases."""
    if cases < _FEW_CASES or not hasattr(os, "fork") or not hasattr(os, "sched_getaffinity"):
        return 1
    return max(1, len(os.sched_getaffinity(0)))


def run_in_workers(
    cases: Sequence[Case],
    groups: Sequence[Sequence[int]],
    workers: int,
    start: Callable[[], contextlib.AbstractContextManager[RunCase[Case, Failure]]],
    encode: Callable[[Failure], list[str]],
    decode: Callable[[list[str]], Failure],
    lost: Callable[[Case, str], Failure],
) -> list[list[Failure]]:
    """Each case's failures, in order. `groups` (indices into `cases`, covering each once) run
    whole in one of `workers` forked processes. `start`, entered in a worker, gives the function
    that runs a case there; `encode`/`decode` carry a failure as strings; `lost` makes the
    failure of a case whose worker died before answering it."""
    queue_read, queue_write = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # the workers share the parent's objects instead of copying them on collection
    children: list[tuple[int, int]] = []
    try:
        for _ in range(workers):
            answer_read, answer_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: it never returns into the parent's code
                for unused in (answer_read, queue_write, *(fd for _, fd in children)):
                    os.close(unused)
                _work(cases, groups, queue_read, answer_write, start, encode)
            os.close(answer_write)
            children.append((pid, answer_read))
        os.close(queue_read)
        biggest_first = sorted(range(len(groups)), key=lambda index: -len(groups[index]))
        # the queue and every answer at once: a worker blocked on a full answer pipe must not
        # stop the others, nor the queue wait for a worker that waits to be read
        with ThreadPoolExecutor(max_workers=workers + 1) as pool:
            queued = pool.submit(_enqueue, queue_write, biggest_first)
            answering = [pool.submit(_collect, pid, answer) for pid, answer in children]
            answers = [future.result() for future in answering]
            queued.result()
    finally:
        gc.unfreeze()
    return _merge(cases, answers, decode, lost)


def _enqueue(queue: int, groups: list[int]) -> None:
    """Queue the groups, one atomic write each, while the workers take them (a pipe holds only
    so many); closing the queue tells the workers when it is empty."""
    with contextlib.suppress(BrokenPipeError), os.fdopen(queue, "wb", buffering=0) as writer:
        for group in groups:
            writer.write(_INDEX.pack(group))


def _work(
    cases: Sequence[Any],
    groups: Sequence[Sequence[int]],
    queue: int,
    answer: int,
    start: Callable[[], contextlib.AbstractContextManager[RunCase[Any, Any]]],
    encode: Callable[[Any], list[str]],
) -> None:
    status = 0
    try:
        with (
            os.fdopen(answer, "w", encoding="utf-8") as out,
            _warnings_to(out) as running,
            start() as run,
        ):
            for group in _queued(queue):
                for index in groups[group]:
                    running.case = index
                    failures = [encode(failure) for failure in run(cases[index])]
                    out.write(json.dumps({"case": index, "failures": failures}) + "\n")
                out.flush()
    except BaseException:  # the parent fails the unanswered cases; say why on stderr
        traceback.print_exc()
        status = 1
    finally:
        sys.stderr.flush()
        os._exit(status)


def _queued(queue: int) -> Iterator[int]:
    while len(taken := os.read(queue, _INDEX.size)) == _INDEX.size:
        yield _INDEX.unpack(taken)[0]


class _Running:
    case = -1


@contextlib.contextmanager
def _warnings_to(out: Any) -> Iterator[_Running]:
    """Send each warning the worker shows to the parent, with the case being run."""
    running = _Running()
    shown = warnings.showwarning

    def send(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        sent = {
            "warning": str(message),
            "category": category.__name__,
            "pointer": message.pointer if isinstance(message, SpecExampleWarning) else "",
            "place": [filename, lineno],
            "case": running.case,
        }
        out.write(json.dumps(sent) + "\n")

    warnings.showwarning = send
    try:
        yield running
    finally:
        warnings.showwarning = shown


def _collect(pid: int, answer: int) -> tuple[list[dict[str, Any]], str]:
    """The worker's lines, and how it ended ("" when well)."""
    with os.fdopen(answer, encoding="utf-8") as lines:
        found = [json.loads(line) for line in lines if line.endswith("\n")]
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return found, "" if code == 0 else f"exit status {code}"


def _merge(
    cases: Sequence[Any],
    answers: list[tuple[list[dict[str, Any]], str]],
    decode: Callable[[list[str]], Any],
    lost: Callable[[Any, str], Any],
) -> list[list[Any]]:
    results: dict[int, list[Any]] = {}
    raised: list[tuple[int, int, dict[str, Any]]] = []
    for lines, _ending in answers:
        for order, line in enumerate(lines):
            if "warning" in line:
                raised.append((line["case"], order, line))
            else:
                results[line["case"]] = [decode(failure) for failure in line["failures"]]
    for *_, line in sorted(raised, key=lambda item: item[:2]):
        _reraise(line)
    endings = ", ".join(ending for _, ending in answers if ending) or "no answer"
    why = f"the verify worker running it stopped first ({endings})"
    return [results[i] if i in results else [lost(case, why)] for i, case in enumerate(cases)]


def _reraise(line: dict[str, Any]) -> None:
    """A worker's warning, raised here as where it was first raised."""
    filename, lineno = line["place"]
    if line["category"] == SpecExampleWarning.__name__:
        warning: Warning = SpecExampleWarning(line["warning"], line["pointer"])
    else:
        warning = _builtin_warning(line["category"])(line["warning"])
    warnings.warn_explicit(warning, type(warning), filename, lineno)


def _builtin_warning(name: str) -> type[Warning]:
    found = getattr(builtins, name, None)
    return found if isinstance(found, type) and issubclass(found, Warning) else UserWarning
