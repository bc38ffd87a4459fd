"""A credential declared as a header parameter of every operation, read as the API key it is.

Some specs declare no security at all and pass the key as a required header parameter of every
operation instead (Postmark's `X-Postmark-Account-Token`, Azure API Management's
`Ocp-Apim-Subscription-Key`, common in Swagger 2.0 exports). Generated as written, every method
would take the secret as an argument: the client would neither hold it, nor read it from the
environment, nor keep it out of its logs. Where a spec declares no security, a header that every
operation requires, whose name says it is a credential and whose schema admits any text, is read
as an `apiKey` security scheme in that header, required by every operation, with a warning naming
the fix. The requests are the same as before: the header is sent with each of them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import jsonpointer, refs
from ..errors import Problem
from ..naming import snake_case
from ..walk import HTTP_METHODS, iter_events, iter_operations

# A word of the header's name that makes it a credential; `key` needs a word saying whose key it
# is, so that `Idempotency-Key` or `Cache-Key` never qualify.
_CREDENTIAL_WORDS = frozenset({"token", "secret", "password", "apikey"})
_KEY_OWNERS = frozenset({"api", "access", "auth", "subscription", "account", "client", "private"})
# A schema holding any of these fixes or suggests the value: a setting, not a secret.
_NOT_SECRET = ("enum", "const", "default", "example", "examples")


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    if _declares_security(document):
        return []
    headers = _headers_of_every_operation(document)
    if not headers:
        return []
    schemes = document.setdefault("components", {}).setdefault("securitySchemes", {})
    requirement: dict[str, list[str]] = {}
    problems = []
    for name, (wire, parameter, where) in sorted(headers.items()):
        scheme_name = _free_name(schemes, wire)
        schemes[scheme_name] = _scheme(wire, parameter)
        requirement[scheme_name] = []
        message = (
            f"every operation requires the header {wire!r}, a credential: read as an API key "
            "the client holds, not as an argument of each method"
        )
        hint = f"declare an `apiKey` security scheme `in: header`, `name: {wire}`"
        problems.append(Problem("warning", message, file, where, hint))
        _drop_parameter(document, name)
    document["security"] = [requirement]
    return problems


def _declares_security(document: dict[str, Any]) -> bool:
    components = document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    if schemes or document.get("security"):
        return True
    operations = [op for _p, _m, op in iter_operations(document)]
    operations += [op for _p, _n, op in iter_events(document)]
    return any(operation.get("security") for operation in operations)


def _headers_of_every_operation(document: dict[str, Any]) -> dict[str, tuple[str, Any, str]]:
    """The credential headers every operation requires, by lower-cased name: (name as first
    written, its first declaration, where that operation's parameters are)."""
    common: dict[str, tuple[str, Any, str]] | None = None
    for path, method, operation in iter_operations(document):
        item = document["paths"][path]
        where = jsonpointer.join("", "paths", path, method, "parameters")
        found = {
            wire.lower(): (wire, parameter, where)
            for parameter in _parameters(document, item, operation)
            if (wire := _credential_header(parameter)) is not None
        }
        common = found if common is None else {k: common[k] for k in common if k in found}
        if not common:
            return {}
    return common or {}


def _parameters(
    document: dict[str, Any], item: dict[str, Any], operation: dict[str, Any]
) -> Iterator[Any]:
    for holder in (item, operation):
        declared = holder.get("parameters")
        for raw in declared if isinstance(declared, list) else []:
            yield refs.resolve(document, raw, "").node


def _credential_header(parameter: Any) -> str | None:
    """The header's name if `parameter` is a required credential header taking any text."""
    if not isinstance(parameter, dict) or parameter.get("in") != "header":
        return None
    name = parameter.get("name")
    if parameter.get("required") is not True or not isinstance(name, str):
        return None
    schema = parameter.get("schema")
    if not isinstance(schema, dict) or schema.get("type", "string") != "string":
        return None
    if any(key in schema or key in parameter for key in _NOT_SECRET):
        return None
    words = set(snake_case(name).split("_"))
    if words & _CREDENTIAL_WORDS or ("key" in words and words & _KEY_OWNERS):
        return name
    return None


def _free_name(schemes: dict[str, Any], wire: str) -> str:
    name, number = wire, 2
    while name in schemes:
        name, number = f"{wire}_{number}", number + 1
    return name


def _scheme(wire: str, parameter: dict[str, Any]) -> dict[str, Any]:
    scheme: dict[str, Any] = {"type": "apiKey", "in": "header", "name": wire}
    if isinstance(parameter.get("description"), str):
        scheme["description"] = parameter["description"]
    return scheme


def _drop_parameter(document: dict[str, Any], name: str) -> None:
    """The header's declarations out of every operation and path item (a shared
    `components/parameters` entry stays, unused)."""
    for item in (document.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        holders = [item, *(item[m] for m in HTTP_METHODS if isinstance(item.get(m), dict))]
        for holder in holders:
            declared = holder.get("parameters")
            if isinstance(declared, list):
                holder["parameters"] = [raw for raw in declared if not _names(document, raw, name)]


def _names(document: dict[str, Any], raw: Any, name: str) -> bool:
    parameter = refs.resolve(document, raw, "").node
    return (
        isinstance(parameter, dict)
        and parameter.get("in") == "header"
        and str(parameter.get("name")).lower() == name
    )
