"""The contract checks themselves: call a generated client, then judge request and result.

Used by the operation and error tests and by the mutation test, so a mutated package is judged by
exactly the code that judges the real one. Every failure is an AssertionError whose message starts
with the call's label (`POST /v1/personas (personas.create) [all-fields]`) and names the field.

Order matters for useful messages: what the server saw is judged before the result, so a request
the validator rejected fails with the validator's message, not with the client's BadRequestError.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from generator.ir import Operation, Resource

from .calls import Call
from .cases import RoundTripCase
from .contracts import Contract
from .expect import differences, leaked_fields, mismatch, request_differences, to_wire
from .mock_server import Canned, Exchange
from .validation import Route

# What each status must raise (the runtime's documented tree, `_exceptions.py`).
STATUS_ERRORS = {
    400: "BadRequestError",
    401: "AuthenticationError",
    403: "PermissionDeniedError",
    404: "NotFoundError",
    409: "ConflictError",
    422: "UnprocessableEntityError",
    429: "RateLimitError",
}


@dataclass(frozen=True)
class Outcome:
    result: Any
    error: BaseException | None
    binary: bytes | None = None  # a binary response's bytes, read while the client was open
    following: Any = None  # the page after a first page that says there is one


def invoke_sync(
    contract: Contract, call: Call, *, status: int | None = None, reply: str | None = None
) -> Outcome:
    """Make the call (and fetch the next page, if the first says there is one).

    The mock answers with `status` and the canned `reply` when given, else as the call asks.
    """
    contract.mock.clear()
    answer = contract.mock.respond_with(status, reply or call.reply, call.transform)
    with answer, contract.sync_client() as client:
        method = getattr(getattr(client, call.resource), call.method)
        try:
            result = method(*call.args, **call.kwargs)
            if _is_binary(contract, result):
                return Outcome(result, None, binary=result.read())
            if _is_page(contract, result) and result.has_next_page():
                return Outcome(result, None, following=result.next_page())
        except Exception as error:
            return Outcome(None, error)
        return Outcome(result, None)


async def invoke_async(
    contract: Contract, call: Call, *, status: int | None = None, reply: str | None = None
) -> Outcome:
    contract.mock.clear()
    with contract.mock.respond_with(status, reply or call.reply, call.transform):
        return await _invoke_async(contract, call)


async def _invoke_async(contract: Contract, call: Call) -> Outcome:
    async with contract.async_client() as client:
        method = getattr(getattr(client, call.resource), call.method)
        try:
            result = await method(*call.args, **call.kwargs)
            if _is_binary(contract, result):
                return Outcome(result, None, binary=await result.read())
            if _is_page(contract, result) and result.has_next_page():
                return Outcome(result, None, following=await result.next_page())
        except Exception as error:
            return Outcome(None, error)
        return Outcome(result, None)


def _is_binary(contract: Contract, result: Any) -> bool:
    kinds = (contract.export("BinaryResponse"), contract.export("AsyncBinaryResponse"))
    return isinstance(result, kinds)


def _is_page(contract: Contract, result: Any) -> bool:
    return isinstance(result, (contract.export("SyncPage"), contract.export("AsyncPage")))


# -- judging ------------------------------------------------------------------------------------


def check_success(contract: Contract, call: Call, outcome: Outcome, *, asynchronous: bool) -> str:
    """Judge a call that should succeed; returns the operation key the server routed it to."""
    if call.refused:
        check_refused(contract, call, outcome)
        return call.expected.key
    if outcome.error is not None and not contract.mock.exchanges:
        raise AssertionError(
            f"{call.label}: the call raised {outcome.error!r} before sending a request"
        ) from outcome.error
    exchange = conformant_exchange(contract, call, total=1 if outcome.following is None else 2)
    if outcome.error is not None:
        raise AssertionError(f"{call.label}: the call raised {outcome.error!r}") from outcome.error
    assert exchange.reply is not None and exchange.route is not None
    resource, op = contract.operation(call.expected.key)
    check_result(contract, call, resource, op, exchange.reply, outcome, asynchronous)
    if op.pagination is not None:
        check_next_page(contract, call, op, exchange.reply, outcome, asynchronous)
    return exchange.route.key


def check_refused(contract: Contract, call: Call, outcome: Outcome) -> None:
    """An id that cannot be one path segment (the empty id) must be refused, never sent."""
    sent = contract.mock.exchanges
    if sent:
        paths = ", ".join(f"{e.request.method} {e.request.target}" for e in sent)
        raise AssertionError(
            f"{call.label}: the client sent {paths} instead of refusing the "
            "empty path parameter (it addresses another resource)"
        )
    if not isinstance(outcome.error, ValueError):
        raise AssertionError(
            f"{call.label}: expected ValueError before any request, got {outcome.error!r}"
        )


def conformant_exchange(contract: Contract, call: Call, index: int = 0, total: int = 1) -> Exchange:
    """The call's `index`th of `total` requests, judged: conformant, routed right, arguments
    intact."""
    exchanges = contract.mock.exchanges
    if len(exchanges) != total:
        seen = "; ".join(f"{e.request.method} {e.request.target}" for e in exchanges) or "none"
        raise AssertionError(f"{call.label}: expected {total} request(s), the server saw: {seen}")
    exchange = exchanges[index]
    target = f"{exchange.request.method} {exchange.request.target}"
    if exchange.violations:
        lines = "\n  ".join(exchange.violations)
        raise AssertionError(
            f"{call.label}: the request breaks the contract ({target}):\n  {lines}"
        )
    assert exchange.route is not None
    found = request_differences(call, exchange.request, exchange.route, contract.mock.document)
    if found:
        lines = "\n  ".join(found)
        raise AssertionError(
            f"{call.label}: the request does not carry the arguments as the "
            f"spec names them ({target}):\n  {lines}"
        )
    if exchange.reply_violations:
        lines = "\n  ".join(exchange.reply_violations)
        raise AssertionError(
            f"{call.label}: the mock server's own reply breaks the spec (a bug "
            f"in the contract suite, not the client):\n  {lines}"
        )
    return exchange


def check_result(
    contract: Contract,
    call: Call,
    resource: Resource,
    op: Operation,
    reply: Canned,
    outcome: Outcome,
    asynchronous: bool,
) -> None:
    """The result is the declared type (a page of the item type, a binary body, nothing) and
    holds exactly what the server sent, every declared property readable as an attribute."""
    result, label = outcome.result, call.label
    if op.pagination is not None:
        page_class = contract.export("AsyncPage" if asynchronous else "SyncPage")
        if not isinstance(result, page_class):
            raise AssertionError(f"{label}: returned {type(result).__name__}, not {page_class}")
        item_type = contract.declared(resource, op.pagination.item_type.output)
        for index, item in enumerate(result.items):
            reason = mismatch(item, item_type, f"items[{index}]")
            if reason:
                raise AssertionError(
                    f"{label}: {reason} (declared {op.pagination.item_type.output})"
                )
        expected = _field(reply.data, op.pagination.items_field.unsafe_value)
        _no_differences(label, expected, to_wire(result.items), "items")
        _no_leaks(contract, label, result.items, "items")
        return
    if op.response.kind == "none":
        if result is not None:
            raise AssertionError(f"{label}: returned {result!r}, the operation returns nothing")
        return
    if op.response.kind == "binary":
        kind = contract.export("AsyncBinaryResponse" if asynchronous else "BinaryResponse")
        if not isinstance(result, kind):
            raise AssertionError(f"{label}: returned {type(result).__name__}, not {kind.__name__}")
        if outcome.binary != reply.body:
            raise AssertionError(f"{label}: the binary body differs from what the server sent")
        if result.content_type != reply.media_type:
            raise AssertionError(
                f"{label}: content type {result.content_type!r}, the server "
                f"sent {reply.media_type!r}"
            )
        return
    assert op.response.type is not None
    declared = contract.declared(resource, op.response.type.output)
    reason = mismatch(result, declared)
    if reason:
        raise AssertionError(f"{label}: {reason} (declared {op.response.type.output})")
    _no_differences(label, reply.data, to_wire(result), "response")
    _no_leaks(contract, label, result, "response")


def check_next_page(
    contract: Contract,
    call: Call,
    op: Operation,
    reply: Canned,
    outcome: Outcome,
    asynchronous: bool,
) -> None:
    """Page two is asked for with the declared page parameter and the first page's query.

    Whether there is a next page, and its number, are read from the reply at the places the
    generator's pagination reads them (`meta.currentPage` / `meta.lastPage`); when the reply
    does not say, only the request for page two (if any) is judged.
    """
    pagination = op.pagination
    assert pagination is not None
    current = _at(reply.data, pagination.current_page)
    last = _at(reply.data, pagination.last_page)
    if isinstance(current, int) and isinstance(last, int):
        says = bool(_field(reply.data, pagination.items_field.unsafe_value)) and current < last
        if says != (outcome.following is not None):
            found = "found no" if says else "fetched a"
            raise AssertionError(
                f"{call.label}: the reply is page {current} of {last}, but the client {found} "
                "next page"
            )
    if outcome.following is None:
        return
    page_param = pagination.page_param.unsafe_value
    number = current + 1 if isinstance(current, int) else _page_number_sent(contract, page_param)
    following = dataclasses.replace(
        call,
        label=f"{call.label} (page {number})",
        expected=dataclasses.replace(
            call.expected, query={**call.expected.query, page_param: number}
        ),
        schemas={page_param: {"type": "integer"}, **call.schemas},
    )
    exchange = conformant_exchange(contract, following, index=1, total=2)
    assert exchange.reply is not None
    resource, _ = contract.operation(call.expected.key)
    check_result(
        contract,
        following,
        resource,
        op,
        exchange.reply,
        Outcome(outcome.following, None),
        asynchronous,
    )


def _page_number_sent(contract: Contract, page_param: str) -> Any:
    sent = dict(contract.mock.exchanges[1].request.query)
    return int(sent[page_param]) if sent.get(page_param, "").isdigit() else sent.get(page_param)


def _at(data: Any, path: Any) -> Any:
    for step in path:
        data = data.get(step.unsafe_value) if isinstance(data, dict) else None
    return data


def check_error(
    contract: Contract, call: Call, status: int, reply: Canned, outcome: Outcome
) -> None:
    """Judge a call the server answered with a documented error status."""
    conformant_exchange(contract, call)
    resource, op = contract.operation(call.expected.key)
    name = STATUS_ERRORS.get(status, "InternalServerError" if status >= 500 else "APIStatusError")
    expected = contract.export(name)
    error: Any = outcome.error
    label = f"{call.label} ({reply.name})"
    if type(error) is not expected:
        raise AssertionError(f"{label}: a {status} reply must raise {name}, got {error!r}")
    if error.status_code != status:
        raise AssertionError(f"{label}: status_code is {error.status_code}, not {status}")
    declared = next((e for e in op.errors if _status_matches(e.status, status)), None)
    if declared is not None:
        annotation = contract.declared(resource, declared.type.output)
        reason = mismatch(error.body, annotation, "error.body")
        if reason:
            raise AssertionError(f"{label}: {reason} (declared {declared.type.output})")
        _no_differences(label, reply.data, to_wire(error.body), "error.body")
        _no_leaks(contract, label, error.body, "error.body")
    else:
        _no_differences(label, reply.data, error.body, "error.body")


def route_of(op: Operation) -> Route:
    """The mock's route for an operation (to ask which replies it has for it)."""
    return Route(str(op.http_method), op.path.unsafe_value, {})


def _status_matches(declared: str, status: int) -> bool:
    label = str(declared).strip("'\"").upper()
    return label == str(status) or label == f"{status // 100}XX"


def _field(data: Any, name: str) -> Any:
    return data.get(name) if isinstance(data, dict) else None


def _no_leaks(contract: Contract, label: str, value: Any, where: str) -> None:
    found = leaked_fields(value, contract.model_properties, where)
    if found:
        lines = "\n  ".join(found)
        raise AssertionError(
            f"{label}: the result does not expose what the server sent:\n  {lines}"
        )


def _no_differences(label: str, expected: Any, actual: Any, where: str) -> None:
    found = differences(expected, actual, where)
    if found:
        lines = "\n  ".join(found)
        raise AssertionError(f"{label}: the result does not hold what the server sent:\n  {lines}")


def check_roundtrip(contract: Contract, case: RoundTripCase, instance: Any) -> None:
    """`instance` parses into the declared type and dumps back to the same data."""
    declared = contract.evaluate(case.module, case.annotation)
    parse = contract.package.submodule("_parsing").parse_response
    parsed = parse(declared, instance, strict=True)
    where = f"{case.id} ({case.annotation})"
    reason = mismatch(parsed, declared)
    assert reason is None, f"{where}: {reason}"
    dumped = to_wire(parsed)
    changed = differences(instance, dumped, "instance")
    assert not changed, f"{where}: the round trip changed the data:\n  " + "\n  ".join(changed)
    leaked = leaked_fields(parsed, contract.model_properties)
    assert not leaked, f"{where}: " + "; ".join(leaked)
    again = to_wire(parse(declared, json.loads(json.dumps(dumped)), strict=True))
    assert not differences(dumped, again, "dumped"), f"{where}: a second round trip differs"
