"""An operation left without security that declares the `Authorization` header a security scheme
fills, read as requiring that scheme.

Some specs declare a scheme and require it on most operations, but on a few declare only the
scheme's header as a parameter (SendGrid: a required `Authorization` header defaulting to
`Bearer <<apiKey>>`, and no `security`). OpenAPI ignores a header parameter named `Authorization`,
and the operation requires no scheme, so the generated method would send no credentials at all
and every call would be refused. Where an operation names no security of its own and the document
none for it to inherit, an `Authorization` parameter that a declared scheme fills (an `http`
scheme, or an `apiKey` one sent in that header) is read as requiring that scheme, and the
parameter goes: the client sends the header from the credential it holds. With a warning naming
the fix. An operation declaring `security: []` stays public. Any other header parameter is sent
as declared, even one named like an `apiKey` scheme's header: OpenAPI reads it as a parameter,
and the caller can give it.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer, refs
from ..errors import Problem
from ..walk import iter_operations


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    if "security" in document:
        return []
    filled = _filled_headers(document)
    if not filled:
        return []
    problems = []
    for path, method, operation in iter_operations(document):
        if "security" in operation:
            continue
        item = document["paths"][path]
        headers = [h for h in _header_names(document, item, operation) if h.lower() in filled]
        if not headers:
            continue
        schemes = sorted({name for header in headers for name in filled[header.lower()]})
        operation["security"] = [{name: []} for name in schemes]
        _drop(document, item, operation, {header.lower() for header in headers})
        where = jsonpointer.join("", "paths", path, method, "parameters")
        message = (
            f"declares no security but the header {headers[0]!r} that the scheme "
            f"{schemes[0]!r} fills: read as requiring the scheme, so the client sends its "
            "credential"
        )
        hint = f"add `security: [{{{schemes[0]}: []}}]` to the operation"
        problems.append(Problem("warning", message, file, where, hint))
    return problems


def _filled_headers(document: dict[str, Any]) -> dict[str, list[str]]:
    """The names of the declared schemes by the lower-cased header each fills."""
    components = document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    filled: dict[str, list[str]] = {}
    for name, raw in schemes.items() if isinstance(schemes, dict) else ():
        scheme = refs.resolve(document, raw, "").node
        header = _header_of(scheme)
        if header is not None and header.lower() == "authorization":
            filled.setdefault(header.lower(), []).append(name)
    return filled


def _header_of(scheme: Any) -> str | None:
    if not isinstance(scheme, dict):
        return None
    if scheme.get("type") == "http":
        return "Authorization"
    name = scheme.get("name")
    if scheme.get("type") == "apiKey" and scheme.get("in") == "header" and isinstance(name, str):
        return name
    return None


def _header_names(
    document: dict[str, Any], item: dict[str, Any], operation: dict[str, Any]
) -> list[str]:
    names = []
    for holder in (item, operation):
        declared = holder.get("parameters")
        for raw in declared if isinstance(declared, list) else []:
            parameter = refs.resolve(document, raw, "").node
            if not isinstance(parameter, dict) or parameter.get("in") != "header":
                continue
            if isinstance(parameter.get("name"), str):
                names.append(parameter["name"])
    return names


def _drop(
    document: dict[str, Any], item: dict[str, Any], operation: dict[str, Any], headers: set[str]
) -> None:
    """The headers' declarations out of the operation's own parameters. A path-level one stays:
    dropping it would change the path item's other operations."""
    declared = operation.get("parameters")
    if isinstance(declared, list):
        operation["parameters"] = [
            raw for raw in declared if not _is_header(document, raw, headers)
        ]


def _is_header(document: dict[str, Any], raw: Any, headers: set[str]) -> bool:
    parameter = refs.resolve(document, raw, "").node
    return (
        isinstance(parameter, dict)
        and parameter.get("in") == "header"
        and str(parameter.get("name")).lower() in headers
    )
