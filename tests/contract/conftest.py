"""Wiring for the contract suite: cases from every spec, fresh packages, the coverage line.

Cases are listed at collection time by `generator.verify.cases`, from each spec's document and
the surface its package will have; the packages they run against are generated once per session
into a temporary directory (`contracts.py`). At the end
the run prints `contract: <spec> <exercised>/<total> operations` per spec and fails when a spec
whose cases were all selected has an operation that no passing test exercised (`report.py`,
loaded from the root conftest so that an xdist controller, which collects nothing, has it too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any

import pytest

from generator.verify.cases import (
    ErrorCase,
    OperationCase,
    RoundTripCase,
    error_cases,
    operation_cases,
    roundtrip_cases,
)
from generator.verify.contract import Contract
from generator.verify.run import operation_keys
from tests import shared

from . import coverage
from .contracts import ContractRegistry, SpecUnavailable
from .specs import ContractSpec, LoadedSpec, contract_specs, load


@cache
def _specs() -> tuple[ContractSpec, ...]:
    specs = tuple(contract_specs())
    for spec in specs:
        tally = coverage.tally(spec.name)
        if spec.available:
            tally.total = operation_keys(load(spec).document)
        else:
            tally.skipped_reason = spec.missing_reason
    return specs


def _params(kind: str) -> list[Any]:
    params: list[Any] = []
    for spec in _specs():
        if not spec.available:
            placeholder = {
                "operation": OperationCase(spec.name, "-", "-", "required"),
                "error": ErrorCase(spec.name, "-", "-", 0),
                "roundtrip": RoundTripCase(spec.name, "-", "", "", ""),
            }[kind]
            params.append(
                pytest.param(
                    placeholder,
                    id=f"{spec.name}:unavailable",
                    marks=shared.marks(spec.path),
                )
            )
            continue
        loaded = load(spec)
        listing: dict[str, Callable[[LoadedSpec], Sequence[Any]]] = {
            "operation": lambda s: operation_cases(s.spec.name, s.surface, s.document),
            "error": lambda s: error_cases(s.spec.name, s.surface, s.document),
            "roundtrip": lambda s: roundtrip_cases(s.spec.name, s.surface),
        }
        cases = listing[kind](loaded)
        params += [pytest.param(case, id=case.id) for case in cases]
    return params


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "operation_case" in metafunc.fixturenames:
        metafunc.parametrize("operation_case", _params("operation"))
    if "error_case" in metafunc.fixturenames:
        metafunc.parametrize("error_case", _params("error"))
    if "roundtrip_case" in metafunc.fixturenames:
        metafunc.parametrize("roundtrip_case", _params("roundtrip"))
    if "contract_spec" in metafunc.fixturenames:
        metafunc.parametrize(
            "contract_spec",
            [
                pytest.param(
                    spec,
                    id=spec.name,
                    marks=shared.marks(spec.path),
                )
                for spec in _specs()
            ],
        )


@pytest.fixture(scope="session")
def contracts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ContractRegistry]:
    registry = ContractRegistry(list(_specs()), tmp_path_factory.mktemp("contract-packages"))
    yield registry
    registry.close()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def get_contract(registry: ContractRegistry, spec: str) -> Contract:
    try:
        return registry.get(spec)
    except SpecUnavailable as missing:
        shared.require(missing.path)  # skips, or fails under CI
        raise


# -- the coverage line ------------------------------------------------------------------------


def _success_case(item: pytest.Item) -> OperationCase | None:
    callspec = getattr(item, "callspec", None)
    case = callspec.params.get("operation_case") if callspec is not None else None
    return case if isinstance(case, OperationCase) and case.key != "-" else None


def pytest_itemcollected(item: pytest.Item) -> None:
    case = _success_case(item)
    if case is not None:
        coverage.tally(case.spec).listed.add(item.nodeid)


def pytest_collection_finish(session: pytest.Session) -> None:
    for item in session.items:
        case = _success_case(item)
        if case is not None:
            coverage.tally(case.spec).selected.add(item.nodeid)
