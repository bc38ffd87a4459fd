"""Spellings of security that API design tools export, read as what they plainly mean.

Apidog writes its own bookkeeping into Security Requirement Objects (`- BearerAuth: []` beside
`x-apidog: {schemeGroups: ...}`); such a requirement would name a scheme `x-apidog`, and its value
is not the list of scopes a requirement holds. The `x-` key is dropped: OpenAPI lets no scheme be
named like an extension anyway. The same exports declare `type: bearer` (or `basic`) where
OpenAPI says `type: http` with `scheme: bearer`; such a scheme is read as the HTTP scheme it names,
so the client sends the credentials the API asks for. An OAuth2 flow without its `scopes` map
(required, and often left out where the API has none) is read as having no scopes. Each with a
warning naming the pointer.

Fern's `x-fern-header: {prefix: Token}` on an API key sent in `Authorization` says the key
follows a word there (`Authorization: Token <key>`, Deepgram's keys): that is the HTTP
authentication scheme `Token`, and is read as one, so a caller passes the key alone, as the
API's own SDKs take it. No warning: the spec says what it means, in words tools read. A prefix
that is not an HTTP token (it would go into the header as written) leaves the scheme as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..http_tokens import is_token
from ..walk import iter_events, iter_operations

_HTTP_SCHEMES = ("bearer", "basic")


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    _prefixed_keys(document)
    found = [*_requirement_extensions(document), *_bare_http(document)]
    found += _scopeless_flows(document)
    return [Problem("warning", message, file, where, hint) for where, message, hint in found]


def _requirement_extensions(document: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for pointer, requirements in requirement_lists(document):
        emptied: set[int] = set()
        for index, alternative in enumerate(requirements):
            extensions = [key for key in alternative if key.startswith("x-")]
            for key in extensions:
                del alternative[key]
                where = jsonpointer.join(pointer, str(index), key)
                message = f"`{key}` in a security requirement is not a scheme name; it is ignored"
                yield where, message, "keep vendor data out of `security`"
            if extensions and not alternative:
                emptied.add(index)
        # An alternative that held only extensions goes: as `{}` it would make credentials optional.
        requirements[:] = [item for index, item in enumerate(requirements) if index not in emptied]


def requirement_lists(document: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """Every list of security alternatives (the document's, its operations' and events'), with
    the pointer of each."""
    owners = [("", document)] + [
        (jsonpointer.join("", "paths", path, method), operation)
        for path, method, operation in iter_operations(document)
    ]
    owners += [(pointer, operation) for pointer, _name, operation in iter_events(document)]
    for pointer, owner in owners:
        requirements = owner.get("security")
        if isinstance(requirements, list) and all(isinstance(r, dict) for r in requirements):
            yield jsonpointer.join(pointer, "security"), requirements


def _bare_http(document: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for name, scheme in _schemes(document).items():
        kind = scheme.get("type") if isinstance(scheme, dict) else None
        if not isinstance(kind, str) or kind.lower() not in _HTTP_SCHEMES:
            continue
        scheme["type"] = "http"
        scheme.setdefault("scheme", kind.lower())
        where = jsonpointer.join("", "components", "securitySchemes", name, "type")
        message = f"security scheme type {kind!r} is read as HTTP {kind.lower()} authentication"
        yield where, message, f"write `type: http` with `scheme: {kind.lower()}`"


def _prefixed_keys(document: dict[str, Any]) -> None:
    for scheme in _schemes(document).values():
        if not isinstance(scheme, dict) or scheme.get("type") != "apiKey":
            continue
        name, fern = scheme.get("name"), scheme.get("x-fern-header")
        prefix = fern.get("prefix") if isinstance(fern, dict) else None
        if scheme.get("in") != "header" or not isinstance(name, str):
            continue
        if name.lower() != "authorization" or not isinstance(prefix, str):
            continue
        if is_token(prefix.strip()):
            for key in ("in", "name"):
                del scheme[key]
            scheme.update({"type": "http", "scheme": prefix.strip()})


def _scopeless_flows(document: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    for name, scheme in _schemes(document).items():
        flows = scheme.get("flows") if isinstance(scheme, dict) else None
        for flow_name, flow in flows.items() if isinstance(flows, dict) else ():
            if isinstance(flow, dict) and "scopes" not in flow:
                flow["scopes"] = {}
                at = ("components", "securitySchemes", name, "flows", flow_name, "scopes")
                message = "an OAuth2 flow without `scopes` is read as having none"
                yield jsonpointer.join("", *at), message, "write `scopes: {}`"


def _schemes(document: dict[str, Any]) -> dict[str, Any]:
    components = document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    return schemes if isinstance(schemes, dict) else {}
