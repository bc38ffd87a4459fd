"""Header parameters every operation takes, held by the client as well.

An API that scopes every call by a header (Xero's `Xero-Tenant-Id`, an account or organization
id, an API version) declares it as a parameter of each operation; generated as written, every
call of every method repeats it, and forgetting it once is a 400 from the server. openai-python's
client takes `organization=` once and sends it with each request. Here such a header becomes an
argument of the client too, sent with every call that passes none; each method keeps its
argument, optional now, for the call that differs. When the spec requires the header, a call
that has it from neither is refused before anything is sent (the runtime checks the settings'
`required_headers`).

Only a header the client can hold for every call qualifies: one plain string (no default the
signature already sends, no enum to type, no serialization of its own), under one argument name
everywhere, and not one that describes a single request (a precondition, a body's encoding, a
request id). A string that may be `null` qualifies too: a header cannot carry a null, so the
call that passes `None` sends none of its own, as one that passes nothing (FastAPI writes every
`Optional[str]` header, an API key included, as `anyOf: [string, null]`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..ir import HeldHeader, Operation, Parameter, Resource, ServerTemplate
from ..vocabulary import CLIENT_ARGUMENTS_TAKEN

# Headers about one request, never a setting of the client: preconditions (`If-Match`), the
# body's description, the media type asked for, ranges, and what identifies or signs a request.
# (`Accept-Language` is a setting: the client's locale.)
_PER_REQUEST_PREFIXES = ("if-", "content-")
_PER_REQUEST_WORDS = ("idempotency", "request-id", "requestid", "correlation", "trace", "nonce")
_PER_REQUEST_NAMES = frozenset(
    {"accept", "accept-encoding", "range", "date", "prefer", "expect", "signature", "digest"}
)
_PLAIN_STRINGS = frozenset({("str",), ("str", "None")})


def held_headers(
    operations: Iterable[Operation], server: ServerTemplate | None
) -> tuple[HeldHeader, ...]:
    """The headers every one of `operations` (two or more) takes that the client can hold, in
    the order the first operation declares them; `server`'s variables are arguments of the
    client's constructor already."""
    operations = list(operations)
    variables = () if server is None else (variable.argument for variable in server.variables)
    taken = CLIENT_ARGUMENTS_TAKEN | frozenset(variables)
    if len(operations) < 2:
        return ()
    common: dict[str, list[Parameter]] | None = None
    for operation in operations:
        found = {_key(p): p for p in operation.located("header") if _holdable(p)}
        if common is None:
            common = {name: [parameter] for name, parameter in found.items()}
        else:
            common = {k: [*v, found[k]] for k, v in common.items() if k in found}
        if not common:
            return ()
    return tuple(
        _held(declared)
        for declared in (common or {}).values()
        if len({p.name for p in declared}) == 1 and declared[0].name not in taken
    )


def release(resources: tuple[Resource, ...], held: tuple[HeldHeader, ...]) -> tuple[Resource, ...]:
    """`resources` with every held header's argument optional: the client may give its value."""
    if not held:
        return resources
    names = frozenset(header.wire_name.unsafe_value.lower() for header in held)
    return tuple(
        dataclasses.replace(
            resource,
            operations=tuple(_released(operation, names) for operation in resource.operations),
        )
        for resource in resources
    )


def _released(operation: Operation, names: frozenset[str]) -> Operation:
    parameters = tuple(
        dataclasses.replace(p, required=False) if p.location == "header" and _key(p) in names else p
        for p in operation.parameters
    )
    events = None if operation.events is None else _released(operation.events, names)
    return dataclasses.replace(operation, parameters=parameters, events=events)


def _key(parameter: Parameter) -> str:
    """Header names are case-insensitive: `X-Tenant` and `x-tenant` are one header."""
    return parameter.wire_name.unsafe_value.lower()


def _holdable(parameter: Parameter) -> bool:
    name = _key(parameter)
    return (
        parameter.default is None
        and parameter.serialization is None
        and parameter.type.outputs in _PLAIN_STRINGS
        and parameter.type.inputs in _PLAIN_STRINGS
        and not name.startswith(_PER_REQUEST_PREFIXES)
        and not any(word in name for word in _PER_REQUEST_WORDS)
        and name not in _PER_REQUEST_NAMES
    )


def _held(declared: list[Parameter]) -> HeldHeader:
    first = declared[0]
    description = next((p.description for p in declared if p.description), None)
    return HeldHeader(
        wire_name=first.wire_name,
        argument=first.name,
        required=all(p.required for p in declared),
        description=description,
    )
