"""Prove one package: every case of every method, sync and async, against its mock.

An operation counts as proven when the package has a method for it and every case of every
method for it passed (its success variants and its documented errors, sync and async). The total
is counted from the spec document, not from the package, so an operation the generator forgot
is reported as not proven instead of silently not being a case.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from .. import jsonpointer
from ..ir import Api
from ..walk import iter_operations
from .calls import Call
from .cases import (
    AnsweredCase,
    ErrorCase,
    OperationCase,
    error_cases,
    operation_cases,
    success_cases,
)
from .checks import check_error, check_success
from .contract import (
    Contract,
    GeneratedPackage,
    forget_package,
    import_every_module,
    import_package,
)
from .errors import SPEC_BLAME, ContractFailure, NoValueAtAll, no_reply
from .invoke import Outcome, invoke_async, invoke_sync
from .mock import SpecMockServer
from .replies import Canned
from .results import route_of
from .surface import surface
from .tolerances import Relaxation
from .transport import Connections
from .workers import run_in_workers, worker_count


@dataclass(frozen=True)
class Failure:
    key: str  # the operation, or "" for the package as a whole
    label: str  # the operation and case, as people read it
    message: str
    pointer: str  # where the spec says otherwise

    def line(self) -> str:
        text = "; ".join(part.strip() for part in self.message.splitlines() if part.strip())
        return f"FAIL {text} (at #{self.pointer})" if self.key else f"FAIL {text}"


@dataclass
class ContractResult:
    name: str
    total: list[str]  # operation keys, from the document
    proven: set[str] = field(default_factory=set)
    failures: list[Failure] = field(default_factory=list)
    relaxed: tuple[Relaxation, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures and self.proven >= set(self.total)

    def line(self) -> str:
        proven = len(self.proven & set(self.total))
        return f"contract: {self.name} {proven}/{len(self.total)} operations"


def operation_keys(document: dict[str, Any]) -> list[str]:
    """Every operation of a document, as `METHOD /path`: the denominator of the contract line."""
    return [f"{method.upper()} {path}" for path, method, _op in iter_operations(document)]


@contextlib.contextmanager
def open_contract(name: str, root: Path, api: Api, document: dict[str, Any]) -> Iterator[Contract]:
    """The package generated into `root` from `api`, imported, with its mock running."""
    shape = surface(api)
    module = import_package(root, shape.package)
    # The runtime warns about unknown response fields on stderr; the checks judge them instead.
    quiet = logging.NullHandler()
    logging.getLogger(shape.package).addHandler(quiet)
    try:
        with SpecMockServer(document, shape.base_url) as mock:
            yield Contract(name, GeneratedPackage(root, shape, module), mock, document)
    finally:
        logging.getLogger(shape.package).removeHandler(quiet)
        forget_package(root, shape.package)


def prove(
    contract: Contract, document: dict[str, Any], *, workers: int | None = None
) -> ContractResult:
    """Run every case of the package behind `contract`; `document` is the normalized spec.
    The cases run in `workers` processes (by default one per core, one for few cases); the
    result is the same however many."""
    relaxed = contract.mock.validator.relaxed
    result = ContractResult(contract.name, operation_keys(document), relaxed=relaxed)
    root, package = contract.package.root, contract.surface.package
    for module, error in import_every_module(root, package):
        result.failures.append(Failure("", f"import {module}", f"import {module}: {error}", ""))
    failed: set[str] = set()
    cases: list[Case] = [
        *operation_cases(contract.name, contract.surface, contract.document),
        *error_cases(contract.name, contract.surface, contract.document),
        *success_cases(contract.name, contract.surface, contract.document),
    ]
    count = worker_count(len(cases)) if workers is None else workers
    for case, failures in zip(cases, _run(contract, cases, count), strict=True):
        failed |= _record(result, case.key, failures)
    exposed = {method.key for method in contract.surface.methods}
    for key in result.total:
        if key not in exposed:
            method, _, path = key.partition(" ")
            pointer = jsonpointer.join("", "paths", path, method.lower())
            message = f"{key}: the package has no method for it"
            result.failures.append(Failure(key, key, message, pointer))
    result.proven = exposed - failed
    return result


Case = OperationCase | AnsweredCase


def _run(contract: Contract, cases: list[Case], workers: int) -> list[list[Failure]]:
    """Each case's failures, in order: here, or in `workers` processes, an operation's cases
    together in one (`workers.py`)."""
    if workers <= 1:
        with _proving(contract) as prove_case:
            return [prove_case(case) for case in cases]
    groups: dict[str, list[int]] = {}
    for index, case in enumerate(cases):
        groups.setdefault(case.key, []).append(index)
    start = partial(_proving, contract, own_mock=True)
    return run_in_workers(cases, list(groups.values()), workers, start, _encode, _decode, _lost)


@contextlib.contextmanager
def _proving(
    contract: Contract, *, own_mock: bool = False
) -> Iterator[Callable[[Case], list[Failure]]]:
    """A function that runs one case against the contract's mock (with `own_mock`, against a
    new one of its own, as a worker process needs), on one event loop for every call."""
    with contextlib.ExitStack() as stack:
        if own_mock:
            contract.mock = stack.enter_context(contract.mock.another())
        loop = stack.enter_context(_event_loop())
        stack.enter_context(_kept_open(contract, loop))
        prover = _Prover(contract, loop)
        yield prover.prove


def _encode(failure: Failure) -> list[str]:
    return [failure.key, failure.label, failure.message, failure.pointer]


def _decode(fields: list[str]) -> Failure:
    return Failure(*fields)


def _lost(case: Case, why: str) -> Failure:
    method, _, path = case.key.partition(" ")
    pointer = jsonpointer.join("", "paths", path, method.lower())
    return Failure(case.key, case.label, f"{case.key} ({case.label}): not run: {why}", pointer)


@contextlib.contextmanager
def _event_loop() -> Iterator[asyncio.AbstractEventLoop]:
    """The event loop every async call of a run shares. Plain: `asyncio.Runner` would look up,
    install and restore a SIGINT handler around each of thousands of calls."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        asyncio.set_event_loop(None)
        loop.close()


@contextlib.contextmanager
def _kept_open(contract: Contract, loop: asyncio.AbstractEventLoop) -> Iterator[None]:
    """Lend every client of the run the same kept-open connections to the mock."""
    connections = Connections(contract.mock.url)
    contract.connections = connections
    try:
        yield
    finally:
        contract.connections = None
        connections.close()
        loop.run_until_complete(connections.aclose())


def _record(result: ContractResult, key: str, failures: list[Failure]) -> set[str]:
    result.failures += failures
    return {key} if failures else set()


class _Prover:
    """Runs a case's calls, sync then async, and keeps its first failure."""

    def __init__(self, contract: Contract, loop: asyncio.AbstractEventLoop) -> None:
        self.contract = contract
        self.loop = loop

    def prove(self, case: Case) -> list[Failure]:
        if isinstance(case, OperationCase):
            return self.operation(case)
        return self.answered(case)

    def operation(self, case: OperationCase) -> list[Failure]:
        label = f"{case.key} ({case.label}) [{case.variant}]"
        try:
            calls = self.contract.calls(case)
        except Exception as error:
            return [_failure(case.key, label, error)]
        for call in calls:
            failures = _attempt(call, partial(self._success, call, False)) or _attempt(
                call, partial(self._success, call, True)
            )
            if failures:
                return failures
        return []

    def answered(self, case: AnsweredCase) -> list[Failure]:
        """A call the mock answers with the case's status, each reply it has for it."""
        label = f"{case.key} ({case.label}) [{case.status}]"
        try:
            call = self.contract.answered_call(case)
            replies = self.contract.mock.replies.canned(route_of(call.method), case.status)
        except Exception as error:
            return [_failure(case.key, label, error)]
        judge = self._error if isinstance(case, ErrorCase) else self._other_success
        for reply in replies:
            failures = _attempt(call, partial(judge, call, case.status, reply, False)) or (
                _attempt(call, partial(judge, call, case.status, reply, True))
            )
            if failures:
                return failures
        return []

    def _success(self, call: Call, asynchronous: bool) -> None:
        outcome = self._invoke(call, asynchronous)
        check_success(self.contract, call, outcome, asynchronous=asynchronous)

    def _error(self, call: Call, status: int, reply: Canned, asynchronous: bool) -> None:
        outcome = self._invoke(call, asynchronous, status=status, reply=reply.name)
        check_error(self.contract, call, status, reply, outcome)

    def _other_success(self, call: Call, status: int, reply: Canned, asynchronous: bool) -> None:
        outcome = self._invoke(call, asynchronous, status=status, reply=reply.name)
        check_success(self.contract, call, outcome, asynchronous=asynchronous)

    def _invoke(
        self, call: Call, asynchronous: bool, status: int | None = None, reply: str | None = None
    ) -> Outcome:
        if asynchronous:
            coroutine = invoke_async(self.contract, call, status=status, reply=reply)
            return self.loop.run_until_complete(coroutine)
        return invoke_sync(self.contract, call, status=status, reply=reply)


def _attempt(call: Call, check: Callable[[], None]) -> list[Failure]:
    try:
        check()
    except Exception as error:
        return [_failure(call.expected.key, call.label, error)]
    return []


def _failure(key: str, label: str, error: Exception) -> Failure:
    if isinstance(error, ContractFailure):
        message = str(error)
        message = message if message.startswith(key) else f"{label}: {message}"
        return Failure(key, label, message, error.pointer)
    method, _, path = key.partition(" ")
    pointer = jsonpointer.join("", "paths", path, method.lower())
    message = f"{label}: {type(error).__name__}: {error}"
    if isinstance(error, NoValueAtAll):  # an error reply the spec lets nothing satisfy
        message = f"{label}: {no_reply(error)}; {SPEC_BLAME}"
    return Failure(key, label, message if len(message) < 600 else message[:597] + "...", pointer)
