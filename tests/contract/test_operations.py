"""Every operation of every spec, called through its generated client, sync and async.

Each case makes real requests to the spec-driven mock server and passes only when the server saw
a conformant request that carries the arguments under the spec's names, and the client returned
the declared type holding exactly what the server sent. These are `sdkgen verify`'s own checks;
passing cases feed the per-spec coverage line.
"""

from __future__ import annotations

import pytest

from generator.verify.cases import OperationCase
from generator.verify.checks import check_success
from generator.verify.invoke import invoke_async, invoke_sync

from . import coverage
from .conftest import get_contract
from .contracts import ContractRegistry


def test_operation_sync(operation_case: OperationCase, contracts: ContractRegistry) -> None:
    contract = get_contract(contracts, operation_case.spec)
    for call in contract.calls(operation_case):
        routed = check_success(contract, call, invoke_sync(contract, call), asynchronous=False)
    coverage.record(operation_case.spec, routed)


@pytest.mark.anyio
async def test_operation_async(operation_case: OperationCase, contracts: ContractRegistry) -> None:
    contract = get_contract(contracts, operation_case.spec)
    for call in contract.calls(operation_case):
        outcome = await invoke_async(contract, call)
        routed = check_success(contract, call, outcome, asynchronous=True)
    coverage.record(operation_case.spec, routed)
