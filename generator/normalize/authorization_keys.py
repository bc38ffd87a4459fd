"""An API key in the `Authorization` header, required together with another scheme that fills
that header, read as satisfied by the other scheme's credential.

Square's Connect spec requires `{personal_access_token: [], oauth2: [...]}` on every operation:
an `apiKey` sent in `Authorization` together with the OAuth 2 access token, which travels in the
same header. Read as two credentials, the client asked for both and sent one (the header holds
one value), and a caller holding the one token the API takes could make no call at all. An API
key's value is any text, so the header the other scheme sends (`Bearer <token>`) is a value of
the key too: that one header satisfies both schemes. Such a key is left out of the alternative,
with a warning naming the fix, and the client asks for the other scheme's credential alone.
Two other schemes filling the header (HTTP basic and a bearer token) have no such reading:
analyze/auth.py warns at them.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .security_quirks import requirement_lists

_FILLERS = ("http", "oauth2", "openIdConnect")  # the other schemes sent in `Authorization`


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    components = document.get("components")
    declared = components.get("securitySchemes") if isinstance(components, dict) else None
    if not isinstance(declared, dict):
        return []
    problems = []
    for pointer, requirements in requirement_lists(document):
        for index, alternative in enumerate(requirements):
            keys = [name for name in alternative if _key_in_authorization(declared.get(name))]
            others = [name for name in alternative if _kind(declared.get(name)) in _FILLERS]
            if not keys or not others:
                continue
            for name in keys:
                del alternative[name]
            kept = others[0]
            message = (
                f"{' and '.join(keys)} (an API key in the Authorization header) is required "
                f"with {kept}, which fills that header: the header {kept} sends is read as the "
                "key's value too, so the client sends that one credential"
            )
            hint = f"require {kept} alone, or list the schemes as separate alternatives"
            where = jsonpointer.join(pointer, str(index))
            problems.append(Problem("warning", message, file, where, hint))
    return problems


def _kind(scheme: Any) -> Any:
    return scheme.get("type") if isinstance(scheme, dict) else None


def _key_in_authorization(scheme: Any) -> bool:
    if _kind(scheme) != "apiKey" or scheme.get("in") != "header":
        return False
    name = scheme.get("name")
    return isinstance(name, str) and name.lower() == "authorization"
