"""How the client authenticates: the first security scheme the spec requires that we can send."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import jsonpointer
from ..errors import Problem, SpecError
from ..ir import Auth
from ..strings import SpecText
from ..walk import iter_operations
from .context import Context

_TOKEN_SCHEMES = ("oauth2", "openIdConnect")
_KEY_LOCATIONS = ("header", "query")


def auth(context: Context) -> Auth:
    schemes = (context.document.get("components") or {}).get("securitySchemes") or {}
    requirements = context.document.get("security") or []
    required = bool(requirements) and all(bool(r) for r in requirements)
    for name in _required_scheme_names(context.document, requirements):
        scheme = schemes.get(name)
        if isinstance(scheme, dict):
            found = _scheme_auth(context, name, scheme, required)
            if found is not None:
                return found
    return Auth(None)


def _required_scheme_names(document: dict[str, Any], requirements: Any) -> list[str]:
    """Schemes named by the document's `security`, else by any operation's."""
    names = list(_names_in(requirements))
    if names:
        return names
    return [
        name
        for _path, _method, operation in iter_operations(document)
        for name in _names_in(operation.get("security") or [])
    ]


def _names_in(requirements: Any) -> Iterator[str]:
    for requirement in requirements if isinstance(requirements, list) else []:
        if isinstance(requirement, dict):
            yield from requirement


def _scheme_auth(
    context: Context, name: str, scheme: dict[str, Any], required: bool
) -> Auth | None:
    kind = scheme.get("type")
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return Auth("bearer", required=required)
    if kind in _TOKEN_SCHEMES:
        return Auth("bearer", required=required)
    if kind == "apiKey" and scheme.get("in") in _KEY_LOCATIONS:
        key_name = scheme.get("name")
        if not isinstance(key_name, str) or not key_name.strip():
            pointer = jsonpointer.join("", "components", "securitySchemes", name, "name")
            message = "an apiKey security scheme needs the name of its header or parameter"
            raise SpecError(Problem("error", message, context.file, pointer, "set `name`"))
        return Auth(scheme["in"], SpecText(key_name), required)
    return None
