"""How the client authenticates: the first security scheme the spec requires that we can send."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .. import jsonpointer
from ..errors import Problem, SpecError
from ..ir import Auth
from ..strings import SpecText
from ..walk import iter_operations
from .context import Context

_TOKEN_SCHEMES = ("oauth2", "openIdConnect")
# RFC 9110 token: what a header or cookie name may consist of.
_NAME_TOKEN = re.compile(r"[-!#$%&'*+.^_`|~0-9A-Za-z]+")
# Headers httpx sets from the URL and the body (the runtime refuses them too, see _headers.py),
# and the two a credential must not replace.
UNSETTABLE_HEADERS = frozenset(
    {
        "host",
        "content-length",
        "transfer-encoding",
        "connection",
        "keep-alive",
        "proxy-connection",
        "upgrade",
        "te",
        "trailer",
        "expect",
        "cookie",
        "content-type",
    }
)
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
        pointer = jsonpointer.join("", "components", "securitySchemes", name, "name")
        if not isinstance(key_name, str) or not key_name.strip():
            message = "an apiKey security scheme needs the name of its header or parameter"
            raise SpecError(Problem("error", message, context.file, pointer, "set `name`"))
        if scheme["in"] == "header":
            _check_header_name(key_name, context.file, pointer)
        return Auth(scheme["in"], SpecText(key_name), required)
    return None


def _check_header_name(name: str, file: str, pointer: str) -> None:
    """A header the key can travel in: a valid name that HTTP framing does not own."""
    if not _NAME_TOKEN.fullmatch(name):
        message = f"{name!r} is not a valid HTTP header name"
        hint = "use letters, digits and -_.!#$%&'*+^`|~"
        raise SpecError(Problem("error", message, file, pointer, hint))
    if name.lower() in UNSETTABLE_HEADERS:
        message = f"an API key cannot be sent in the {name!r} header"
        raise SpecError(Problem("error", message, file, pointer, "name the header the API reads"))
