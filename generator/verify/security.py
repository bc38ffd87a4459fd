"""Does a request carry the credentials its operation's `security` asks for, and the right ones?

The harness gives the client one secret (`SECRET`); a request satisfies a requirement when every
scheme of one of its alternatives finds that secret where the scheme says: an `apiKey` in its
header, query parameter or cookie; `http` bearer (and OAuth2 / OpenID Connect access tokens) as
`Authorization: Bearer <secret>`; `http` basic as `Authorization: Basic` credentials holding it;
any other `http` scheme as `Authorization: <scheme> <secret>`.
An empty alternative (`{}`) makes authentication optional.

Stricter than openapi-core 0.23.1, which accepts any request for `oauth2` and `openIdConnect`
("unsupported scheme"), compares the `http` scheme case-sensitively, and never compares values.
`mutualTLS` cannot be seen over plain HTTP and is taken as satisfied (see `tolerances.py`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from .. import jsonpointer
from .schemas import Violation
from .wire import WireRequest

SECRET = "sdkgen-verify-key"


def security_violations(
    document: dict[str, Any], operation: Mapping[str, Any], pointer: str, request: WireRequest
) -> list[Violation]:
    """A violation unless `request` satisfies one alternative of the operation's requirement."""
    if "security" in operation:
        requirements, where = operation.get("security") or [], jsonpointer.join(pointer, "security")
    else:
        requirements, where = document.get("security") or [], "/security"
    if not requirements or any(not alternative for alternative in requirements):
        return []
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    for alternative in requirements:
        if all(_satisfied(schemes.get(name), request) for name in alternative or {}):
            return []
    needs = " or ".join(
        " and ".join(describe_scheme(name, schemes.get(name)) for name in alternative)
        for alternative in requirements
    )
    return [Violation("credentials", f"the operation requires {needs}", where)]


def describe_scheme(name: str, scheme: Any) -> str:
    """What a scheme asks a request to carry, in HTTP terms."""
    scheme = scheme if isinstance(scheme, dict) else {}
    kind = scheme.get("type")
    if kind == "apiKey":
        return f"{name} ({scheme.get('in')} {scheme.get('name')!r})"
    if kind == "http":
        label = str(scheme.get("scheme", ""))
        label = label.title() if label.lower() in ("bearer", "basic") else label
        return f"{name} (an 'Authorization: {label} ...' header)"
    if kind in ("oauth2", "openIdConnect"):
        return f"{name} (an 'Authorization: Bearer <access token>' header)"
    return f"{name} ({kind})"


def _satisfied(scheme: Any, request: WireRequest) -> bool:
    if not isinstance(scheme, dict):
        return True  # tolerance 9: a scheme the document does not declare asks for nothing
    kind = scheme.get("type")
    if kind == "apiKey":
        return _api_key(scheme, request) == SECRET
    if kind == "mutualTLS":
        return True
    scheme_name = str(scheme.get("scheme", "bearer")).lower() if kind == "http" else "bearer"
    label, _, credentials = request.headers.get("authorization", "").partition(" ")
    if label.lower() != scheme_name:
        return False
    if scheme_name == "basic":
        return SECRET in _basic_credentials(credentials.strip())
    return credentials.strip() == SECRET


def _api_key(scheme: Mapping[str, Any], request: WireRequest) -> str | None:
    name = str(scheme.get("name"))
    location = scheme.get("in")
    if location == "header":
        return request.headers.get(name.lower())
    if location == "cookie":
        return request.cookies.get(name)
    values = [value for key, value in request.query if key == name]
    return values[-1] if values else None


def _basic_credentials(encoded: str) -> list[str]:
    try:
        text = base64.b64decode(encoded, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return []
    user, _, password = text.partition(":")
    return [user, password]
