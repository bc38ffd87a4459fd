"""datamodel-code-generator in a child process, started before the models are known.

Importing datamodel-code-generator takes a quarter of a second, and running it is the longest
stage of a generation; neither needs anything else the pipeline does. So a generation starts
this child first (the CLI does, before it imports the pipeline): the child imports the library
and warms it on a one-class model set while the parent reads, normalizes and analyzes the spec,
then turns the model set into source while the parent renders everything else. Both cores work,
and the library's import is off the critical path. A big model set is cut into parts
(see `model_groups.py`), the biggest for the child already warm, the others for children
started then (or as soon as the spec's size announces a big set), each module taken as it comes.
When one part holds a web of types big enough to finish last whatever else runs, the other
children run at a lower priority, so that it keeps a core to itself.

The request goes to the child pickled (plain data: schemas, aliases, names); the answer comes
back as JSON, because the child handles spec text and nothing it writes may be unpickled.
Anything the library prints goes to the child's stderr, never into the answer.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from .errors import GenerationError, Problem
from .heap import sparse_collections
from .model_groups import Partition, partition
from .model_source import ModelsRequest, model_source

_TIMEOUT = 900.0
_WARM_UP = ModelsRequest(
    {"Warm": {"type": "object", "properties": {"up": {"type": "string"}}}}, {}, "warm", ""
)
# Classes from which a second process pays: below, its start-up costs more than it saves.
SPLIT_AT = 400
# The niceness of a child whose part is not on the critical path: the scheduler then gives it a
# tenth of a core while the critical part and the parent's rendering want both.
_YIELDING = 10
_POLL = 0.005  # seconds between looks at which part is made, while several are awaited
# Spec size from which that many classes are to be expected (every corpus spec this big has
# them: Discord's 1.2 MB makes 581), so the second process is started before they are known.
BIG_SPEC_BYTES = 1_000_000


class ModelsChild:
    """Started children; `submit` hands them a model set once, `source` waits for the module."""

    def __init__(self) -> None:
        self._workers = [_Worker()]

    def expect(self, spec_bytes: int) -> None:
        """Start the second child now if a spec this big will most likely want it: its import
        then overlaps the parent's analysis instead of competing with the first child's run."""
        if spec_bytes >= BIG_SPEC_BYTES and _cores() > 1 and len(self._workers) < 2:
            self._workers.append(_Worker())

    def submit(self, request: ModelsRequest) -> None:
        """Send the request (in parts, to more children, when it is big) without waiting."""
        big = len(request.schemas) >= SPLIT_AT and _cores() > 1
        split = partition(request, 2) if big else Partition([request], leading=False)
        parts = split.parts
        for spare in self._workers[len(parts) :]:
            spare.close()
        del self._workers[len(parts) :]
        self._workers += [_Worker() for _ in parts[len(self._workers) :]]
        for worker, part in zip(self._workers, parts, strict=False):
            worker.submit(part)
        if split.leading:  # the others yield to the first part, and to the parent's rendering
            for worker in self._workers[1:]:
                worker.yield_cores()

    def made(self, file: str) -> Iterator[tuple[int, str]]:
        """Each part's index and module, the first made first, so that the caller can work on
        one while another is still being made; a part whose run failed raises its
        GenerationError."""
        waiting = dict(enumerate(self._workers))
        while waiting:
            done = [index for index, worker in waiting.items() if worker.answered()]
            if not done:  # wait a moment on the first, and look at all again
                next(iter(waiting.values())).answered(_POLL)
                continue
            for index in done:
                yield index, waiting.pop(index).source(file)

    def close(self) -> None:
        """Stop children whose answers are no longer wanted (a cache hit, a failed stage); a
        second call does nothing."""
        for worker in self._workers:
            worker.close()


def _cores() -> int:
    """The cores this process may run on (`taskset`, a container's cpuset), not the machine's:
    a second child on the same one core only adds its start-up."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class _Worker:
    """One child process; `submit` hands it a request once, `source` waits for the module."""

    def __init__(self) -> None:
        stdin, self._request = os.pipe()  # the child's stdin: the request goes into `_request`
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__],
                stdin=stdin,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except BaseException:
            os.close(self._request)
            raise
        finally:
            os.close(stdin)
        self._answer: tuple[bytes, bytes] | None = None
        self._talk: threading.Thread | None = None

    def submit(self, request: ModelsRequest) -> None:
        """Send the request without waiting: the child may still be importing."""
        payload = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        self._talk = threading.Thread(target=self._communicate, args=(payload,), daemon=True)
        self._talk.start()

    def yield_cores(self) -> None:
        """Run at a lower priority: this child's part is not the one everything waits for."""
        if hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):  # it ended already
                os.setpriority(os.PRIO_PROCESS, self._process.pid, _YIELDING)

    def answered(self, wait: float = 0.0) -> bool:
        """Whether the child's answer (or its end) is in, after waiting up to `wait` seconds."""
        assert self._talk is not None, "submit() first"
        self._talk.join(wait)
        return not self._talk.is_alive()

    def source(self, file: str) -> str:
        """The models module, or the GenerationError the library's run raised."""
        assert self._talk is not None, "submit() first"
        self._talk.join(_TIMEOUT)
        if self._answer is None or self._process.returncode != 0:
            self.close()
            stderr = (self._answer or (b"", b""))[1].decode(errors="replace").strip()
            message = f"the models process failed (exit {self._process.returncode})"
            detail = f": {stderr.splitlines()[-1]}" if stderr else ""
            raise GenerationError(Problem("error", message + detail, file))
        answer = json.loads(self._answer[0])
        if "problems" in answer:
            raise GenerationError([Problem(**problem) for problem in answer["problems"]])
        source: str = answer["source"]
        return source

    def close(self) -> None:
        """Stop a child whose answer is no longer wanted (a cache hit, a failed stage); a second
        call does nothing."""
        if self._process.poll() is None:
            self._process.kill()
        if self._talk is None:  # nobody reads its pipes: wait here, and close them
            self._close_request()
            self._process.communicate()

    def _communicate(self, payload: bytes) -> None:
        """Send the request in one write, then wait for the answer.

        `communicate(payload)` would write it in pipe-sized pieces, each waiting for this
        thread's turn at the interpreter while the parent renders: a Stripe-sized request
        then reached its child a fifth of a second late. The child reads its whole request
        before it writes anything, and a child that never reads is killed by `source`'s timeout.
        """
        try:
            unsent = memoryview(payload)
            with contextlib.suppress(BrokenPipeError):  # it died: its exit status says why
                while unsent:
                    unsent = unsent[os.write(self._request, unsent) :]
            self._close_request()
            self._answer = self._process.communicate(timeout=_TIMEOUT)
        except (subprocess.TimeoutExpired, OSError):
            self._process.kill()
            self._process.communicate()
        finally:
            self._close_request()

    def _close_request(self) -> None:
        """The end of the request: the child reads to it (a second call does nothing)."""
        if self._request >= 0:
            os.close(self._request)
            self._request = -1


@sparse_collections()
def _main() -> None:
    """Child side: warm the library up, then one pickled request on stdin, JSON on stdout."""
    answer_fd = os.dup(1)
    os.dup2(2, 1)  # whatever the library prints lands on stderr, never in the answer
    model_source(_WARM_UP)
    request = sys.stdin.buffer.read()
    if not request:
        return  # the parent needed no models after all
    answer: dict[str, Any]
    try:
        answer = {"source": model_source(pickle.loads(request))}
    except GenerationError as error:
        answer = {"problems": [asdict(problem) for problem in error.problems]}
    with os.fdopen(answer_fd, "wb") as stream:
        stream.write(json.dumps(answer).encode())


if __name__ == "__main__":
    _main()
