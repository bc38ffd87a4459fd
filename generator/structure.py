"""The spec's structural check, run in a child process beside generation.

openapi-python-client's schema model validates a spec in milliseconds, but importing it costs about
a third of a second in a fresh process, as much as everything before model generation. `generate`
and `regen` mostly run in fresh processes, so the check runs in a child on another core while this
one normalizes, names and generates; its verdict is awaited before anything is written. In a
process that has already imported the model (the test suite, a long-lived caller) there is nothing
to win, and the check runs in place.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import asdict
from typing import Any

from . import cache
from .errors import Problem, SpecError
from .load import check_structure

_MODEL = "openapi_python_client.schema"
_PASSED = "passed\n"
_TIMEOUT = 300.0


class StructureCheck:
    """A started structural check of one document; `verify()` raises SpecError on problems.

    `data` (the spec's bytes) keys the cache of passed checks: a spec that passed once, with
    the same generator, passes again without a check.
    """

    def __init__(self, document: dict[str, Any], file: str, data: bytes) -> None:
        self._file = file
        self._key = cache.key(["structure", hashlib.sha256(data).hexdigest()])
        self._problems: list[Problem] | None = None
        self._child: subprocess.Popen[bytes] | None = None
        if cache.read("structure", self._key) == _PASSED:
            self._problems = []
            return
        if _MODEL in sys.modules:
            self._problems = check_structure(document, file)
            return
        self._child = subprocess.Popen(
            [sys.executable, "-m", __name__],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        payload = json.dumps({"file": file, "document": document}, default=str).encode()
        assert self._child.stdin is not None
        self._child.stdin.write(payload)
        self._child.stdin.close()

    def problems(self) -> list[Problem]:
        if self._problems is None:
            self._problems = self._collect()
            if not self._problems:
                cache.write("structure", self._key, _PASSED)
        return self._problems

    def verify(self) -> None:
        problems = self.problems()
        if problems:
            raise SpecError(problems)

    def _collect(self) -> list[Problem]:
        assert self._child is not None and self._child.stdout is not None
        try:
            output = self._child.stdout.read()
            self._child.wait(timeout=_TIMEOUT)
        finally:
            self._child.stdout.close()
            if self._child.stderr is not None:
                self._child.stderr.close()
        if self._child.returncode != 0:
            message = "the structural check of the spec failed to run (exit "
            return [Problem("error", f"{message}{self._child.returncode})", self._file)]
        return [Problem(**item) for item in json.loads(output)]


def _main() -> None:
    """Child side: a document on stdin, its problems as JSON on stdout."""
    payload = json.loads(sys.stdin.buffer.read())
    problems = check_structure(payload["document"], payload["file"])
    json.dump([asdict(problem) for problem in problems], sys.stdout)


if __name__ == "__main__":
    _main()
