"""API keys listed as alternatives that each operation also requires as parameters, read as
needed together.

Some specs list several API keys as alternatives (`security: [{api_key: []}, {api_token: []}]`)
and declare each of them as a required parameter of the operation as well (Trello: its `key` and
`token` query parameters, both of which every call needs). The parameters are the credentials,
sent by the client from the keys it holds; but the client sends one alternative, the first whose
credentials it has, so only the `key` went and every call was refused for want of a `token`.
Where an operation's every alternative is made of API keys that it declares required parameters,
the parameters say what the API needs: all the keys at once. The alternatives are read as one,
needing every key, with a warning naming the fix. An alternative with anything else in it (a
bearer token, a key the operation does not require) leaves the requirement as written: there the
`required` flags may be no more than a spec's carelessness, and the alternatives may be real.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer, refs
from ..errors import Problem
from ..walk import iter_operations

_KEY_LOCATIONS = ("query", "header", "cookie")


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    keys = _key_places(document)
    merged_at: dict[str, list[str]] = {}
    for path, method, operation in iter_operations(document):
        requirement = _key_alternatives(operation.get("security", document.get("security")), keys)
        if requirement is None:
            continue
        pointer = jsonpointer.join("", "paths", path, method)
        required = _required_places(document, path, operation, pointer)
        if not all(keys[name] in required for alternative in requirement for name in alternative):
            continue
        merged: dict[str, Any] = {}
        for alternative in requirement:
            for name, scopes in alternative.items():
                merged.setdefault(name, scopes)
        operation["security"] = [merged]
        merged_at.setdefault(", ".join(merged), []).append(jsonpointer.join(pointer, "security"))
    return [_warning(file, names, pointers) for names, pointers in merged_at.items()]


def _warning(file: str, names: str, pointers: list[str]) -> Problem:
    """One warning for the operations whose alternatives were read as the same keys together,
    naming the first: a spec like Trello's has hundreds."""
    where = f" and {len(pointers) - 1} more operations" if len(pointers) > 1 else ""
    message = (
        f"the alternative API keys {names} are each a required parameter of the operation"
        f"{where}: read as needed together, so the client sends every one"
    )
    hint = f"list the keys in one security requirement: `- {{{names}}}`"
    return Problem("warning", message, file, pointers[0], hint)


def _key_places(document: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Where each declared `apiKey` scheme sends its key, by scheme name: (location, name), a
    header's name in lower case."""
    components = document.get("components")
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    places = {}
    for name, raw in schemes.items() if isinstance(schemes, dict) else ():
        scheme = refs.resolve(document, raw, "").node
        if not isinstance(scheme, dict) or scheme.get("type") != "apiKey":
            continue
        location, wire = scheme.get("in"), scheme.get("name")
        if location in _KEY_LOCATIONS and isinstance(wire, str):
            places[name] = (location, wire.lower() if location == "header" else wire)
    return places


def _key_alternatives(
    requirement: Any, keys: dict[str, tuple[str, str]]
) -> list[dict[str, Any]] | None:
    """`requirement` where it offers two or more alternatives, each made of API keys only."""
    keyed = (
        isinstance(requirement, list)
        and len(requirement) > 1
        and all(
            isinstance(alternative, dict) and alternative and all(n in keys for n in alternative)
            for alternative in requirement
        )
    )
    return requirement if keyed else None


def _required_places(
    document: dict[str, Any], path: str, operation: dict[str, Any], pointer: str
) -> set[tuple[str, str]]:
    return {
        (site.location, site.name.lower() if site.location == "header" else site.name)
        for site in refs.operation_parameters(document, path, operation, pointer)
        if site.parameter.get("required") is True
    }
