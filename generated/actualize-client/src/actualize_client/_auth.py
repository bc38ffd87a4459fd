"""Security schemes, the credentials a client holds, and what they add to a request.

An API declares named schemes (``SecurityScheme``) and which of them a call needs: a list of
alternatives, each of which needs all of its schemes (OpenAPI's ``security``; an empty
alternative means no credentials are needed). A client holds credentials by name (``api_key``,
``username``...), given as arguments or read from ``<PREFIX>_<NAME>`` environment variables,
and each call uses the first alternative whose credentials it has.

Credentials are checked when the client is built, against every place a scheme would put them
(a header, a cookie, the query), so that a key with a stray newline fails at once with an error
that names it but never shows it, instead of failing inside httpx on every call.
"""

from __future__ import annotations

import base64
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from ._exceptions import SDKError
from ._headers import check_header_name, check_header_value, is_token
from ._redaction import Secrets

__all__ = [
    "NO_AUTH",
    "AuthParts",
    "Authenticator",
    "Security",
    "SecurityScheme",
    "check_security",
    "collect_credentials",
]

SchemeKind = Literal["bearer", "basic", "http", "header", "query", "cookie"]
Security = tuple[tuple[str, ...], ...]

_CREDENTIAL_NAME = re.compile(r"[a-z][a-z0-9_]*")
# RFC 6265 cookie-octet: no whitespace, quotes, commas, semicolons or backslashes.
_COOKIE_VALUE = re.compile(r"[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A credential header must not be able to change how the request is routed or read.
_NOT_FOR_CREDENTIALS = frozenset({"cookie", "content-type", "content-encoding", "accept-encoding"})
_AUTHORIZATION = ("bearer", "basic", "http")  # the kinds sent in the Authorization header


@dataclass(frozen=True)
class SecurityScheme:
    """How an API accepts credentials (one OpenAPI security scheme).

    ``kind`` says where the credentials go:

    - ``"bearer"``: ``Authorization: Bearer <credential>``
    - ``"basic"``: ``Authorization: Basic base64(<username>:<password>)``, two credentials
    - ``"http"``: ``Authorization: <parameter> <credential>``, another HTTP authentication
      scheme taking one credential, named ``parameter`` as the API spells it (``"Token"``)
    - ``"header"``: the credential as the value of the header named ``parameter``
    - ``"query"``: the credential as the query parameter named ``parameter``
    - ``"cookie"``: the credential as the cookie named ``parameter``

    ``credentials`` names the client credentials used, in that order: ``("api_key",)`` for a
    key, ``("username", "password")`` for basic. A client takes each by name (``api_key=`` or
    ``credentials={"username": ...}``) or from the ``<PREFIX>_<NAME>`` environment variable.
    """

    kind: SchemeKind
    parameter: str | None = None
    credentials: tuple[str, ...] = ("api_key",)

    def __post_init__(self) -> None:
        what = f"SecurityScheme({self.kind!r}, {self.parameter!r})"
        expected = 2 if self.kind == "basic" else 1
        if self.kind not in ("bearer", "basic", "http", "header", "query", "cookie"):
            raise SDKError(f"{what}: kind must be bearer, basic, http, header, query or cookie")
        if len(self.credentials) != expected or not all(
            isinstance(name, str) and _CREDENTIAL_NAME.fullmatch(name) for name in self.credentials
        ):
            raise SDKError(f"{what} needs {expected} credential name(s) in snake_case")
        if (self.parameter is None) != (self.kind in ("bearer", "basic")):
            raise SDKError(f"{what}: only http, header, query and cookie schemes name a parameter")
        if self.kind == "header":
            name = check_header_name(self.parameter, what)
            if name.lower() in _NOT_FOR_CREDENTIALS:
                raise SDKError(f"{what}: a credential cannot travel in the {name!r} header")
        elif self.kind == "http" and not is_token(self.parameter):
            raise SDKError(f"{what}: not a valid HTTP authentication scheme name")
        elif self.kind == "cookie" and not is_token(self.parameter):
            raise SDKError(f"{what}: not a valid cookie name")
        elif self.kind == "query" and not self.parameter:
            raise SDKError(f"{what}: the query parameter needs a name")


def check_security(security: Security, schemes: Mapping[str, SecurityScheme], what: str) -> None:
    for alternative in security:
        for name in alternative:
            if name not in schemes:
                raise SDKError(f"{what} names the security scheme {name!r}, which is not declared")


class AuthParts:
    """What one satisfied security alternative adds to a request: headers (lower-case names),
    query parameters, and a cookie (``name=value; ...``)."""

    __slots__ = ("cookie", "headers", "query")

    def __init__(
        self, headers: Mapping[str, str], query: Mapping[str, list[str]], cookie: str | None
    ) -> None:
        self.headers = headers
        self.query = query
        self.cookie = cookie


NO_AUTH = AuthParts({}, {}, None)


class Authenticator:
    """The credentials one client holds, checked once, and the parts each requirement adds."""

    def __init__(
        self,
        schemes: Mapping[str, SecurityScheme],
        credentials: Mapping[str, str],
        *,
        env_prefix: str,
        client_name: str,
    ) -> None:
        self._schemes = schemes
        self._credentials = dict(credentials)
        self._env_prefix = env_prefix
        self._client_name = client_name
        self._resolved: dict[Security, AuthParts] = {}
        for scheme in schemes.values():
            for name in scheme.credentials:
                if name in credentials:
                    _check_credential(scheme, name, credentials[name], self._label(name))
        self.secrets = Secrets.of(self._secret_spellings())
        self.header_names = tuple(
            "authorization" if scheme.kind in _AUTHORIZATION else scheme.parameter or ""
            for scheme in schemes.values()
            if scheme.kind in (*_AUTHORIZATION, "header")
        )
        self.query_names = tuple(
            scheme.parameter or "" for scheme in schemes.values() if scheme.kind == "query"
        )

    @property
    def credentials(self) -> dict[str, str]:
        return dict(self._credentials)

    def credential(self, name: str) -> str | None:
        return self._credentials.get(name)

    def parts(self, security: Security) -> AuthParts:
        """What the first satisfiable alternative adds; SDKError when none is."""
        resolved = self._resolved.get(security)
        if resolved is None:
            resolved = self._resolved[security] = self._resolve(security)
        return resolved

    def meets(self, security: Security) -> bool:
        """Whether the credentials held satisfy an alternative of ``security`` that asks for
        any: a requirement met by sending nothing says nothing of what the caller meant."""
        return any(
            alternative
            and all(
                name in self._credentials
                for scheme in alternative
                for name in self._schemes[scheme].credentials
            )
            for alternative in security
        )

    def _resolve(self, security: Security) -> AuthParts:
        if not security:
            return NO_AUTH
        needed = [
            [name for scheme in alternative for name in self._schemes[scheme].credentials]
            for alternative in security
        ]
        for alternative, names in zip(security, needed, strict=True):
            if all(name in self._credentials for name in names):
                return self._parts_for(alternative)
        wanted = "; or ".join(" and ".join(self._label(name) for name in names) for names in needed)
        # Each way spelled out: there is no `username=` argument to guess at.
        ways = dict.fromkeys(
            "api_key=" if names == ["api_key"] else _credentials_argument(names) for names in needed
        )
        raise SDKError(
            f"No credentials for {self._client_name}: it needs {wanted}. Pass "
            f"{' or '.join(ways)} or set the environment variable(s){self._blank_hint(security)}"
        )

    def _blank_hint(self, security: Security) -> str:
        """How to send a blank basic password, where a basic scheme lacks only its password."""
        for scheme in (self._schemes[name] for alternative in security for name in alternative):
            user, password = scheme.credentials if scheme.kind == "basic" else ("", "")
            if user in self._credentials and password and password not in self._credentials:
                return f' (an API that wants no password takes "{password}": "")'
        return ""

    def _parts_for(self, alternative: tuple[str, ...]) -> AuthParts:
        headers: dict[str, str] = {}
        query: dict[str, list[str]] = {}
        cookies: list[str] = []
        for scheme_name in alternative:
            scheme = self._schemes[scheme_name]
            values = [self._credentials[name] for name in scheme.credentials]
            if scheme.kind == "bearer":
                headers["authorization"] = f"Bearer {values[0]}"
            elif scheme.kind == "basic":
                headers["authorization"] = f"Basic {_basic_token(values[0], values[1])}"
            elif scheme.kind == "http":
                headers["authorization"] = f"{scheme.parameter} {values[0]}"
            elif scheme.kind == "header":
                headers[(scheme.parameter or "").lower()] = values[0]
            elif scheme.kind == "query":
                query[scheme.parameter or ""] = [values[0]]
            else:
                cookies.append(f"{scheme.parameter}={values[0]}")
        return AuthParts(headers, query, "; ".join(cookies) or None)

    def _secret_spellings(self) -> list[str]:
        spellings = list(self._credentials.values())
        for scheme in self._schemes.values():
            names = scheme.credentials
            if scheme.kind == "basic" and all(name in self._credentials for name in names):
                pair = [self._credentials[name] for name in names]
                spellings.append(_basic_token(pair[0], pair[1]))
        return spellings

    def _label(self, name: str) -> str:
        return f"{name} ({self._env_prefix}_{name.upper()})"


def _credentials_argument(names: list[str]) -> str:
    return "credentials={" + ", ".join(f'"{name}": ...' for name in names) + "}"


def _basic_token(username: str, password: str) -> str:
    return base64.b64encode(f"{username}:{password}".encode()).decode("ascii")


def _check_credential(scheme: SecurityScheme, name: str, value: str, label: str) -> None:
    what = f"The {label} credential"
    if not isinstance(value, str):
        raise SDKError(f"{what} must be a str, not {type(value).__name__}")
    if scheme.kind in ("bearer", "http", "header"):
        check_header_value(value, what)
    elif _CONTROL.search(value) or value != value.strip():
        raise SDKError(
            f"{what} contains a line break, a control character, or leading or trailing "
            "whitespace (a value read from a file often ends in a newline: strip it)"
        )
    elif scheme.kind == "cookie" and not _COOKIE_VALUE.fullmatch(value):
        raise SDKError(
            f"{what} cannot be sent as a cookie: it contains whitespace, quotes, commas, "
            "semicolons, backslashes or non-ASCII characters"
        )
    elif scheme.kind == "basic" and name == scheme.credentials[0] and ":" in value:
        raise SDKError(f"{what} is a basic-auth user name and cannot contain ':'")


def collect_credentials(
    names: set[str],
    given: Mapping[str, str | None],
    env_prefix: str,
    schemes: Mapping[str, SecurityScheme],
) -> dict[str, str]:
    """Each credential from the arguments, else from ``<PREFIX>_<NAME>``; empty means absent,
    except a basic password given as ``""``: APIs that take a key as the user name want the
    password left blank (Lob, Stripe), and an explicit empty string is the only way to say so."""
    blank = {scheme.credentials[1] for scheme in schemes.values() if scheme.kind == "basic"}
    found: dict[str, str] = {}
    for name in sorted(names | set(given)):
        if name in blank and given.get(name) == "":
            found[name] = ""
            continue
        value = given.get(name) or os.environ.get(f"{env_prefix}_{name.upper()}") or None
        if value is not None:
            found[name] = value
    return found
