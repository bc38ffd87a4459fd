"""The contract checks: after a call, judge the request the server saw, then the result.

Used by `verify`, by the test suite and by its mutation tests, so a mutated package is judged by
exactly the code that judges the real one. Every failure is a `ContractFailure` whose message
starts with the call's label (`POST /v1/personas (personas.create) [all-fields]`), names the
field, and carries the spec's JSON pointer.

Order matters for useful messages: what the server saw is judged before the result, so a request
the validator rejected fails with the validator's message, not with the client's BadRequestError.
"""

from __future__ import annotations

from .. import jsonpointer
from .calls import Call
from .contract import Contract
from .errors import ContractFailure
from .expect import request_differences
from .invoke import Outcome
from .mock import Exchange
from .paging import check_next_page
from .replies import Canned
from .results import check_error_reply, check_result


def check_success(contract: Contract, call: Call, outcome: Outcome, *, asynchronous: bool) -> str:
    """Judge a call that should succeed; returns the operation key the server routed it to."""
    if call.refused:
        check_refused(contract, call, outcome)
        return call.expected.key
    pointer = operation_pointer(call)
    if outcome.error is not None and not contract.mock.exchanges:
        if contract.mock.answering:
            raise ContractFailure(
                f"{call.label}: the mock had not answered when the client gave up "
                f"({outcome.error!r}): a harness problem, not the client's",
                pointer,
            ) from outcome.error
        raise ContractFailure(
            f"{call.label}: the call raised {outcome.error!r} before sending a request", pointer
        ) from outcome.error
    exchange = conformant_exchange(contract, call, total=1 if outcome.following is None else 2)
    if outcome.error is not None:
        raise ContractFailure(f"{call.label}: the call raised {outcome.error!r}", pointer) from (
            outcome.error
        )
    assert exchange.reply is not None and exchange.route is not None
    check_result(contract, call, exchange.reply, outcome, asynchronous)
    if call.method.paging is not None:
        following = check_next_page(contract, call, exchange.reply, outcome)
        if following is not None:
            later = conformant_exchange(contract, following, index=1, total=2)
            assert later.reply is not None
            next_outcome = Outcome(outcome.following, None)
            check_result(contract, following, later.reply, next_outcome, asynchronous)
    return exchange.route.key


def check_error(
    contract: Contract, call: Call, status: int, reply: Canned, outcome: Outcome
) -> None:
    """Judge a call the server answered with a documented error status: the request first (a
    request the mock refused is that failure, not a wrong exception), then the error."""
    conformant_exchange(contract, call)
    check_error_reply(contract, call, status, reply, outcome)


def check_refused(contract: Contract, call: Call, outcome: Outcome) -> None:
    """An id that cannot be sent where it belongs (the empty id; a path with an empty, `.` or
    `..` segment, for a parameter holding a path) must be refused, never sent."""
    sent = contract.mock.exchanges
    if sent:
        paths = ", ".join(f"{e.request.method} {e.request.target}" for e in sent)
        raise ContractFailure(
            f"{call.label}: the client sent {paths} instead of refusing the "
            "path parameter (it addresses another resource)",
            operation_pointer(call),
        )
    if not isinstance(outcome.error, ValueError):
        raise ContractFailure(
            f"{call.label}: expected ValueError before any request, got {outcome.error!r}",
            operation_pointer(call),
        )


def conformant_exchange(contract: Contract, call: Call, index: int = 0, total: int = 1) -> Exchange:
    """The call's `index`th of `total` requests, judged: conformant, routed right, arguments
    intact."""
    exchanges = contract.mock.exchanges
    pointer = operation_pointer(call)
    for failed in (e for e in exchanges if e.harness_error):
        target = f"{failed.request.method} {failed.request.target}"
        raise ContractFailure(
            f"{call.label}: {failed.harness_error} ({target}); {failed.blame}",
            pointer,
        )
    if len(exchanges) != total:
        seen = "; ".join(f"{e.request.method} {e.request.target}" for e in exchanges) or "none"
        raise ContractFailure(
            f"{call.label}: expected {total} request(s), the server saw: {seen}", pointer
        )
    exchange = exchanges[index]
    target = f"{exchange.request.method} {exchange.request.target}"
    if exchange.violations:
        lines = "\n  ".join(map(str, exchange.violations))
        raise ContractFailure(
            f"{call.label}: the request breaks the contract ({target}):\n  {lines}",
            exchange.violations[0].pointer,
        )
    assert exchange.route is not None
    found = request_differences(call, exchange.request, exchange.route, contract.mock.validator)
    if found:
        lines = "\n  ".join(found)
        raise ContractFailure(
            f"{call.label}: the request does not carry the arguments as the "
            f"spec names them ({target}):\n  {lines}",
            pointer,
        )
    if exchange.reply_violations:
        lines = "\n  ".join(map(str, exchange.reply_violations))
        raise ContractFailure(
            f"{call.label}: the mock could not answer as the spec says (a harness or spec "
            f"problem, not the client's):\n  {lines}",
            exchange.reply_violations[0].pointer,
        )
    return exchange


def operation_pointer(call: Call) -> str:
    return jsonpointer.join("", "paths", call.method.path, call.method.http_method)
