"""Every operation of every spec, called through its generated client, sync and async.

Each case makes real requests to the spec-driven mock server and passes only when the server saw
a conformant request (openapi-core) that carries the arguments under the spec's names, and the
client returned the declared type holding exactly what the server sent. Passing cases feed the
per-spec coverage line.
"""

from __future__ import annotations

import pytest

from . import coverage
from .cases import OperationCase
from .checks import check_success, invoke_async, invoke_sync
from .conftest import get_contract
from .contracts import ContractRegistry


def test_operation_sync(operation_case: OperationCase, contracts: ContractRegistry) -> None:
    contract = get_contract(contracts, operation_case.spec)
    calls = contract.calls(operation_case)
    for call in calls:
        outcome = invoke_sync(contract, call)
        routed = check_success(contract, call, outcome, asynchronous=False)
    coverage.record(operation_case.spec, routed)


@pytest.mark.anyio
async def test_operation_async(operation_case: OperationCase, contracts: ContractRegistry) -> None:
    contract = get_contract(contracts, operation_case.spec)
    calls = contract.calls(operation_case)
    for call in calls:
        outcome = await invoke_async(contract, call)
        routed = check_success(contract, call, outcome, asynchronous=True)
    coverage.record(operation_case.spec, routed)
