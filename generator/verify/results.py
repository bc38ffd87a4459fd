"""Judging what a call returned or raised: the declared type, holding exactly what was sent.

A result must be the declared type (a page of the item type, a binary body, a stream of events,
nothing), hold what the server sent (compared by meaning), and expose every declared property as
an attribute (a model that parks a declared property in its extras has the wrong alias). An
error reply must raise the class the runtime's error tree assigns to its status, with
`status_code` and `body`.
"""

from __future__ import annotations

import json
from typing import Any

from .. import jsonpointer
from ..media import is_event_stream
from .calls import Call
from .cases import RoundTripCase
from .compare import differences, leaked_fields, to_wire
from .contract import Contract
from .errors import ContractFailure
from .invoke import Outcome
from .paging import value_at
from .replies import Canned
from .routing import Route
from .surface import Method
from .typecheck import mismatch
from .wire import is_json_media

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


def check_result(
    contract: Contract, call: Call, reply: Canned, outcome: Outcome, asynchronous: bool
) -> None:
    """The result is the declared type and holds exactly what the server sent."""
    method, result, label = call.method, outcome.result, call.label
    returns = method.returns
    status = str(reply.status) if returns.status_types else returns.status
    pointer = response_pointer(method, status, reply.media_type)
    if method.paging is not None:
        page_class = contract.export("AsyncPage" if asynchronous else "SyncPage")
        if not isinstance(result, page_class):
            raise ContractFailure(f"{label}: returned {type(result).__name__}, not a page", pointer)
        item_type = contract.declared(method, method.paging.item_annotation)
        for index, item in enumerate(result.items):
            reason = mismatch(item, item_type, f"items[{index}]")
            if reason:
                message = f"{label}: {reason} (declared {method.paging.item_annotation})"
                raise ContractFailure(message, pointer)
        expected = value_at(reply.data, method.paging.items_path)
        _no_differences(label, expected, to_wire(result.items), "items", pointer)
        _no_leaks(contract, label, result.items, "items", pointer)
        return
    if returns.kind == "none":
        if result is not None:
            message = f"{label}: returned {result!r}, the operation returns nothing"
            raise ContractFailure(message, pointer)
        return
    if returns.kind == "binary":
        _check_binary(contract, call, reply, outcome, asynchronous, pointer)
        return
    if returns.kind in ("events", "lines"):
        _check_events(contract, call, reply, outcome, asynchronous, pointer)
        return
    annotation = returns.annotation_for(reply.status)
    assert annotation is not None
    reason = mismatch(result, contract.declared(method, annotation))
    if reason:
        raise ContractFailure(f"{label}: {reason} (declared {annotation})", pointer)
    _no_differences(label, reply.data, to_wire(result), "response", pointer)
    _no_leaks(contract, label, result, "response", pointer)


def _check_binary(
    contract: Contract,
    call: Call,
    reply: Canned,
    outcome: Outcome,
    asynchronous: bool,
    pointer: str,
) -> None:
    result, label = outcome.result, call.label
    _returned(contract, "BinaryResponse", asynchronous, outcome, label, pointer)
    if outcome.binary != reply.body:
        raise ContractFailure(
            f"{label}: the binary body differs from what the server sent", pointer
        )
    if result.content_type != reply.media_type:
        message = (
            f"{label}: content type {result.content_type!r}, the server sent {reply.media_type!r}"
        )
        raise ContractFailure(message, pointer)


def _check_events(
    contract: Contract,
    call: Call,
    reply: Canned,
    outcome: Outcome,
    asynchronous: bool,
    pointer: str,
) -> None:
    """A stream of the declared item type, yielding each event (or JSON line) the server sent,
    intact."""
    label, method = call.label, call.method
    lines = method.returns.kind == "lines"
    if not lines and not is_event_stream(reply.media_type or ""):  # a twin that did not ask
        wanted = method.returns.media_type
        message = (
            f"{label}: the reply is {reply.media_type}, not events: the request did not ask "
            f"for them (Accept: {wanted})"
        )
        raise ContractFailure(message, response_pointer(method, method.returns.status, wanted))
    _returned(
        contract, "JSONLinesStream" if lines else "Stream", asynchronous, outcome, label, pointer
    )
    if outcome.events is None:
        raise ContractFailure(f"{label}: the stream's events were not read", pointer)
    assert method.returns.annotation is not None
    declared = contract.declared(method, method.returns.annotation)
    for index, item in enumerate(outcome.events):
        reason = mismatch(item, declared, f"events[{index}]")
        if reason:
            message = f"{label}: {reason} (declared {method.returns.annotation})"
            raise ContractFailure(message, pointer)
    _no_differences(label, reply.data, to_wire(outcome.events), "events", pointer)
    _no_leaks(contract, label, outcome.events, "events", pointer)


def _returned(
    contract: Contract, name: str, asynchronous: bool, outcome: Outcome, label: str, pointer: str
) -> None:
    """The call returned the runtime's `name` class (its `Async` twin for async calls)."""
    kind = contract.export(f"Async{name}" if asynchronous else name)
    if not isinstance(outcome.result, kind):
        message = f"{label}: returned {type(outcome.result).__name__}, not {kind.__name__}"
        raise ContractFailure(message, pointer)


def check_error_reply(
    contract: Contract, call: Call, status: int, reply: Canned, outcome: Outcome
) -> None:
    """The error raised for a documented error reply: its class, status and body (the declared
    error model for JSON, the text for anything else, as the runtime reads it)."""
    method = call.method
    name = STATUS_ERRORS.get(status, "InternalServerError" if status >= 500 else "APIStatusError")
    expected = contract.export(name)
    error: Any = outcome.error
    label = f"{call.label} ({reply.name})"
    declared = _declared_error(method, status)
    pointer = response_pointer(method, declared[0] if declared else str(status), reply.media_type)
    if type(error) is not expected:
        raise ContractFailure(
            f"{label}: a {status} reply must raise {name}, got {error!r}", pointer
        )
    if error.status_code != status:
        raise ContractFailure(f"{label}: status_code is {error.status_code}, not {status}", pointer)
    if declared is not None and reply.media_type and is_json_media(reply.media_type):
        annotation = contract.declared(method, declared[1])
        reason = mismatch(error.body, annotation, "error.body")
        if reason:
            raise ContractFailure(f"{label}: {reason} (declared {declared[1]})", pointer)
        _no_differences(label, reply.data, to_wire(error.body), "error.body", pointer)
        _no_leaks(contract, label, error.body, "error.body", pointer)
    elif reply.media_type and is_json_media(reply.media_type):
        _no_differences(label, reply.data, error.body, "error.body", pointer)
    else:
        text = reply.body.decode("utf-8", "replace") if reply.body else None
        _no_differences(label, text, error.body, "error.body", pointer)


def check_roundtrip(contract: Contract, case: RoundTripCase, instance: Any) -> None:
    """`instance` parses into the declared type and dumps back to the same data."""
    declared = contract.evaluate(case.module, case.annotation)
    parse = contract.package.submodule("_parsing").parse_response
    parsed = parse(declared, instance, strict=True)
    where = f"{case.id} ({case.annotation})"
    reason = mismatch(parsed, declared)
    if reason is not None:
        raise ContractFailure(f"{where}: {reason}", case.pointer)
    dumped = to_wire(parsed)
    changed = differences(instance, dumped, "instance")
    if changed:
        lines = "\n  ".join(changed)
        raise ContractFailure(f"{where}: the round trip changed the data:\n  {lines}", case.pointer)
    leaked = leaked_fields(parsed, contract.model_properties)
    if leaked:
        raise ContractFailure(f"{where}: " + "; ".join(leaked), case.pointer)
    again = to_wire(parse(declared, json.loads(json.dumps(dumped)), strict=True))
    if differences(dumped, again, "dumped"):
        raise ContractFailure(f"{where}: a second round trip differs", case.pointer)


def route_of(method: Method) -> Route:
    """The mock's route for a method (to ask which replies it has for it)."""
    return Route(method.http_method, method.path, {})


def response_pointer(method: Method, status: str, media: str | None) -> str:
    pointer = jsonpointer.join("", "paths", method.path, method.http_method, "responses", status)
    return pointer if media is None else jsonpointer.join(pointer, "content", media, "schema")


def _declared_error(method: Method, status: int) -> tuple[str, str] | None:
    """The error type declared for `status`: exact, then its range, then `default`."""
    by_label = {label.upper(): (label, annotation) for label, annotation in method.errors}
    for label in (str(status), f"{status // 100}XX", "DEFAULT"):
        if label in by_label:
            return by_label[label]
    return None


def _no_leaks(contract: Contract, label: str, value: Any, where: str, pointer: str) -> None:
    found = leaked_fields(value, contract.model_properties, where)
    if found:
        lines = "\n  ".join(found)
        message = f"{label}: the result does not expose what the server sent:\n  {lines}"
        raise ContractFailure(message, pointer)


def _no_differences(label: str, expected: Any, actual: Any, where: str, pointer: str) -> None:
    found = differences(expected, actual, where)
    if found:
        lines = "\n  ".join(found)
        message = f"{label}: the result does not hold what the server sent:\n  {lines}"
        raise ContractFailure(message, pointer)
