"""Does the request the server saw carry the call's arguments, under the spec's names?

The request is read back exactly as the validator reads it (`styles.py` for parameters,
`bodies.py` for bodies), so "the server got `perPage=3`" means one thing in both places; the
values are then compared by meaning (`compare.py`) with what the call was given.
"""

from __future__ import annotations

import json
from typing import Any

from .bodies import FilePart, declared_media, decode
from .calls import Call, ExpectedBody
from .compare import differences, short
from .routing import Route
from .styles import MISSING, owned_query_names, query_names, read_parameter
from .validation import ContractValidator, DeclaredParameter, query_api_keys
from .wire import WireRequest, media_matches


def request_differences(
    call: Call, request: WireRequest, route: Route, validator: ContractValidator
) -> list[str]:
    """Where `request` does not carry `call`'s arguments as the spec names them."""
    expected = call.expected
    if route.key != expected.key:
        return [f"routed to {route.key}, not {expected.key} (raw path {request.raw_path!r})"]
    declared = {(p.spec.location, p.spec.name): p for p in validator.parameters(route)}
    owned = owned_query_names(validator.document, (p.spec for p in declared.values()))
    found: list[str] = []
    for (location, name), value in expected.parameters.items():
        parameter = declared.get((location, name))
        if parameter is None:
            found.append(f"{location} parameter {name!r}: the spec does not declare it")
            continue
        others = owned - {name}  # a free-form exploded object leaves its siblings their keys
        sent = read_parameter(validator.document, parameter.spec, request, route.variables, others)
        if sent is MISSING:
            found.append(f"{parameter.label}: missing (expected {short(value)})")
        else:
            found += differences(value, sent, parameter.label)
    found += _unasked(expected.parameters, declared, request, validator)
    found += _body_differences(expected.body, request, route, validator)
    return found


def _unasked(
    expected: dict[tuple[str, str], Any],
    declared: dict[tuple[str, str], DeclaredParameter],
    request: WireRequest,
    validator: ContractValidator,
) -> list[str]:
    """Declared query parameters and cookies sent although the call gave no argument for them."""
    sent = [key for key, _ in request.query]
    asked = {name for location, name in expected if location == "query"}
    others = frozenset(name for location, name in declared if location == "query")
    found = []
    for (location, name), parameter in declared.items():
        if (location, name) in expected:
            continue
        if location == "cookie" and name in request.cookies:
            found.append(f"{parameter.label}: sent, but no argument was given for it")
        if location == "query":
            keys = query_names(validator.document, parameter.spec, sent, others - {name})
            keys -= asked | query_api_keys(validator.document)
            if keys & set(sent):
                found.append(f"{parameter.label}: sent, but no argument was given for it")
    return found


def _body_differences(
    expected: ExpectedBody | None, request: WireRequest, route: Route, validator: ContractValidator
) -> list[str]:
    if expected is None:
        # An empty JSON object for an optional body the call left out says nothing more than
        # no body; the validator has already judged whether the spec allows it.
        if not request.body or (request.media_type == "application/json" and _is_empty(request)):
            return []
        return [f"body: {len(request.body)} bytes sent, the call gave no body"]
    media = request.media_type
    if not media_matches(expected.media_type, media):
        return [f"body: content type {media!r}, expected {expected.media_type!r}"]
    if expected.encoding == "binary":
        return [] if request.body == expected.data else ["body: the raw bytes differ"]
    body = validator.operation(route).get("requestBody") or {}
    content = validator.resolved(body).get("content") or {}
    declared = declared_media(content, media)
    if declared is None:
        return [f"body: content type {media!r} is not declared"]
    decoded = decode(validator.document, declared, content[declared], request)
    if decoded.value is MISSING:
        return [f"body: {problem}" for problem in decoded.problems]
    if expected.encoding == "multipart":
        return _multipart_differences(expected, decoded.value)
    return differences(expected.data, decoded.value, "body")


def _file_differences(name: str, expected: Any, sent: Any) -> list[str]:
    """A file part (or, for an array of files, each of them) sent as a file, bytes intact."""
    if isinstance(expected, list):
        sent = sent if isinstance(sent, list) else [sent]
        if len(sent) != len(expected):
            return [f"body: {len(sent)} parts {name!r}, expected {len(expected)} files"]
        return [
            line
            for e, s in zip(expected, sent, strict=True)
            for line in _file_differences(name, e, s)
        ]
    if not isinstance(sent, FilePart) or sent.filename is None:
        return [f"body: part {name!r} must be a file (no filename was sent)"]
    return [] if sent.data == expected else [f"body: part {name!r}: the file bytes differ"]


def _is_empty(request: WireRequest) -> bool:
    try:
        return bool(json.loads(request.body) == {})
    except ValueError:
        return False


def _multipart_differences(expected: ExpectedBody, parts: dict[str, Any]) -> list[str]:
    found = []
    for name, value in expected.data.items():
        part = parts.get(name, MISSING)
        if part is MISSING:
            found.append(f"body: missing part {name!r}")
        elif name in expected.files:
            found += _file_differences(name, value, part)
        else:
            found += differences(value, part, f"body part {name!r}")
    found += [f"body: unexpected part {name!r}" for name in parts if name not in expected.data]
    return found
