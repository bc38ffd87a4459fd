"""Every documented error status of every operation raises its exception, sync and async.

The mock server answers a conformant request with each reply the spec documents for the status
(each named example, or a body built from the schema); the client must raise the class the
runtime's error tree assigns to that status, with `status_code` set and `body` holding the reply,
as the declared error model when the operation declares one.
"""

from __future__ import annotations

import pytest

from generator.verify.cases import ErrorCase
from generator.verify.checks import check_error
from generator.verify.invoke import invoke_async, invoke_sync
from generator.verify.results import route_of

from .conftest import get_contract
from .contracts import ContractRegistry


def test_error_sync(error_case: ErrorCase, contracts: ContractRegistry) -> None:
    contract = get_contract(contracts, error_case.spec)
    call = contract.answered_call(error_case)
    for reply in contract.mock.replies.canned(route_of(call.method), error_case.status):
        outcome = invoke_sync(contract, call, status=error_case.status, reply=reply.name)
        check_error(contract, call, error_case.status, reply, outcome)


@pytest.mark.anyio
async def test_error_async(error_case: ErrorCase, contracts: ContractRegistry) -> None:
    contract = get_contract(contracts, error_case.spec)
    call = contract.answered_call(error_case)
    for reply in contract.mock.replies.canned(route_of(call.method), error_case.status):
        outcome = await invoke_async(contract, call, status=error_case.status, reply=reply.name)
        check_error(contract, call, error_case.status, reply, outcome)
