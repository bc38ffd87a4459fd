"""How the client authenticates: the security schemes it can send, and which each call needs.

Every scheme a `security` requirement names becomes a `SecurityScheme`: HTTP bearer, HTTP basic,
any other HTTP scheme that takes one credential (Django REST Framework's `Token`, Sentry's `DSN`:
sent as `Authorization: <scheme> <credential>`, the scheme spelt as the spec spells it), an API
key in a header, the query or a cookie; OAuth 2 and OpenID Connect send their access token as a
bearer token. Several OAuth 2 / OpenID Connect schemes in one alternative (Google's APIs list an
implicit and an authorization-code flow together) ask for the one access token: the first stands
for them all, so the client asks for one token and sends it once. A scheme no client can send by
itself (mutual TLS, an HTTP scheme that answers a challenge, such as digest) is left out of the
requirements with a warning, so the operations that need it say so instead of failing silently:
the caller supplies it through the HTTP client it passes in. A scheme name that is not an HTTP
token is an error: it would go into the header as written. A name no scheme declares is
another matter: nothing tells what it asks for, so an alternative naming one is left out rather
than read as needing no credentials (Supabase pairs `bearer` with an undeclared
`fga_permissions` on most operations).

Credentials are named for the client's arguments and environment variables: the scheme the
API asks for first takes `api_key` (`username` and `password` for basic), the others their
scheme's name in snake case.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from .. import jsonpointer
from ..errors import Problem, SpecError
from ..http_tokens import is_token
from ..ir import Auth, Security, SecurityScheme
from ..naming import Namer, snake_case
from ..strings import SpecText
from ..walk import iter_operations
from .context import Context

_TOKEN_SCHEMES = ("oauth2", "openIdConnect")
_AUTHORIZATION = ("bearer", "basic", "http")  # the kinds sent in the Authorization header
# HTTP schemes that answer a challenge from the server (RFC 7616, 4559, 7804, 7486, 8120) or sign
# each request (OAuth 1.0): a credential sent as it is would not authenticate.
_CHALLENGED = frozenset(
    {
        "digest",
        "negotiate",
        "ntlm",
        "scram-sha-1",
        "scram-sha-256",
        "hoba",
        "mutual",
        "oauth",
    }
)
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
_KEY_LOCATIONS = ("header", "query", "cookie")
_LEGACY_KEY_LOCATIONS = ("header", "query")


@dataclass(frozen=True)
class ApiSecurity:
    """The schemes the client can send, the API's default requirement, and what was dropped."""

    schemes: tuple[SecurityScheme, ...]
    default: Security
    problems: tuple[Problem, ...]
    tokens: frozenset[str]
    undeclared: frozenset[str] = frozenset()

    def requirement(self, operation: dict[str, Any]) -> Security | None:
        """An operation's own requirement, or None where it follows the API's default."""
        if "security" not in operation:
            return None
        sendable = {s.name.unsafe_value for s in self.schemes}
        own = _requirement(operation.get("security"), sendable, self.tokens, self.undeclared)
        return None if own == self.default else own

    def keys_sent(self, operation: dict[str, Any]) -> frozenset[tuple[str, str]]:
        """Where the API keys an operation may need go: (location, name), a header's name in
        lower case. A parameter the operation declares there too (NYTimes's `api-key` in the
        query) is the credential itself, which the client sends from its key."""
        own = self.requirement(operation)
        needed = {
            name for alternative in (self.default if own is None else own) for name in alternative
        }
        return frozenset(
            (
                s.kind,
                s.parameter.unsafe_value.lower()
                if s.kind == "header"
                else s.parameter.unsafe_value,
            )
            for s in self.schemes
            if s.parameter is not None and s.name.unsafe_value in needed
        )


def api_security(context: Context) -> ApiSecurity:
    declared = (context.document.get("components") or {}).get("securitySchemes") or {}
    tokens = _access_tokens(context.document)
    problems: list[Problem] = []
    schemes: list[SecurityScheme] = []
    undeclared: set[str] = set()
    for name in _used_scheme_names(context.document, tokens):
        scheme = declared.get(name) if isinstance(declared, dict) else None
        if not isinstance(scheme, dict):
            undeclared.add(name)
        pointer = jsonpointer.join("", "components", "securitySchemes", name)
        sendable = _sendable(context, name, scheme, pointer) if isinstance(scheme, dict) else None
        if sendable is None:
            problems.append(_unsendable(context, name, scheme, pointer))
        else:
            schemes.append(sendable)
    names = {scheme.name.unsafe_value for scheme in schemes}
    unknown = frozenset(undeclared)
    default = _default_requirement(context.document, names, tokens, unknown)
    ordered = _primary_first(schemes, default)
    problems += _header_clashes(context, {s.name.unsafe_value: s for s in schemes}, tokens)
    return ApiSecurity(_named_credentials(ordered), default, tuple(problems), tokens, unknown)


def _access_tokens(document: dict[str, Any]) -> frozenset[str]:
    """The schemes whose credential is an OAuth 2 / OpenID Connect access token."""
    declared = (document.get("components") or {}).get("securitySchemes") or {}
    if not isinstance(declared, dict):
        return frozenset()
    return frozenset(
        str(name)
        for name, scheme in declared.items()
        if isinstance(scheme, dict) and scheme.get("type") in _TOKEN_SCHEMES
    )


def _header_clashes(
    context: Context, schemes: dict[str, SecurityScheme], tokens: frozenset[str]
) -> list[Problem]:
    """Alternatives that need two schemes in the one `Authorization` header: only the last can
    be sent, so such a call cannot authenticate as the spec asks."""
    owners = [("/security", context.document)] + [
        (jsonpointer.join("", "paths", path, method, "security"), operation)
        for path, method, operation in iter_operations(context.document)
    ]
    problems = []
    for pointer, owner in owners:
        for alternative in _alternatives(owner.get("security"), tokens):
            clashing = [
                n for n in alternative if n in schemes and schemes[n].kind in _AUTHORIZATION
            ]
            if len(clashing) > 1:
                message = f"{' and '.join(clashing)} both need the Authorization header"
                hint = "only the last is sent; list them as alternatives if either will do"
                problems.append(Problem("warning", message, context.file, pointer, hint))
    return problems


def _default_requirement(
    document: dict[str, Any], sendable: set[str], tokens: frozenset[str], unknown: frozenset[str]
) -> Security:
    """The document's `security`; without one, the requirement every operation repeats, if
    they all do (so the client asks for its credentials when it is built, not on each call)."""
    if "security" in document:
        return _requirement(document.get("security"), sendable, tokens, unknown)
    operations = [operation for _path, _method, operation in iter_operations(document)]
    if not operations or any("security" not in operation for operation in operations):
        return ()
    found = {
        _requirement(operation.get("security"), sendable, tokens, unknown)
        for operation in operations
    }
    return found.pop() if len(found) == 1 else ()


def _used_scheme_names(document: dict[str, Any], tokens: frozenset[str]) -> list[str]:
    """Every scheme a requirement names, the document's first, in order of first use."""
    found: dict[str, None] = {}
    requirements = [document.get("security")] + [
        operation.get("security") for _path, _method, operation in iter_operations(document)
    ]
    for requirement in requirements:
        for alternative in _alternatives(requirement, tokens):
            found.update(dict.fromkeys(alternative))
    return list(found)


def _alternatives(requirement: Any, tokens: frozenset[str]) -> Iterator[tuple[str, ...]]:
    """Each alternative's scheme names, the access-token schemes after its first left out: one
    token in the one `Authorization` header satisfies them all."""
    for alternative in requirement if isinstance(requirement, list) else []:
        if isinstance(alternative, dict):
            names = [str(name) for name in alternative]
            first_token = next((name for name in names if name in tokens), None)
            yield tuple(name for name in names if name not in tokens or name == first_token)


def _requirement(
    requirement: Any, sendable: set[str], tokens: frozenset[str], unknown: frozenset[str]
) -> Security:
    """The alternatives with the schemes the client cannot send left out, without repeats.

    An alternative naming an undeclared scheme goes whole: emptied, it would let a call that
    needs a token go out without one instead of asking for it. An empty alternative (no
    credentials needed) goes last: the client uses the first one it can satisfy, so optional
    credentials are sent whenever the client has them.
    """
    result: list[tuple[str, ...]] = []
    for alternative in _alternatives(requirement, tokens):
        if unknown.intersection(alternative):
            continue
        kept = tuple(name for name in alternative if name in sendable)
        if kept not in result:
            result.append(kept)
    return tuple(sorted(result, key=lambda alternative: not alternative))


def _sendable(
    context: Context, name: str, scheme: dict[str, Any], pointer: str
) -> SecurityScheme | None:
    kind = scheme.get("type")
    http_scheme = str(scheme.get("scheme", "")).lower()
    if (kind == "http" and http_scheme == "bearer") or kind in _TOKEN_SCHEMES:
        return SecurityScheme(SpecText(name), "bearer")
    if kind == "http" and http_scheme == "basic":
        return SecurityScheme(SpecText(name), "basic", credentials=("username", "password"))
    if kind == "apiKey" and scheme.get("in") in _KEY_LOCATIONS:
        return SecurityScheme(SpecText(name), scheme["in"], _key_name(context, scheme, pointer))
    other = _other_http_scheme(context, scheme, pointer) if kind == "http" else None
    return None if other is None else SecurityScheme(SpecText(name), "http", other)


def _other_http_scheme(context: Context, scheme: dict[str, Any], pointer: str) -> SpecText | None:
    """The name the credential follows in `Authorization`, as the spec spells it (servers that
    compare it case-sensitively exist); None for a challenged scheme or none at all. The name
    goes into a header verbatim: anything but an RFC 9110 token could add header text."""
    value = scheme.get("scheme")
    if not isinstance(value, str) or not value or value.lower() in _CHALLENGED:
        return None
    if not is_token(value):
        message = f"{value!r} is not a valid HTTP authentication scheme name"
        hint = "use letters, digits and -_.!#$%&'*+^`|~, with no spaces"
        where = jsonpointer.join(pointer, "scheme")
        raise SpecError(Problem("error", message, context.file, where, hint))
    return SpecText(value)


def _key_name(context: Context, scheme: dict[str, Any], pointer: str) -> SpecText:
    key_name = scheme.get("name")
    where = jsonpointer.join(pointer, "name")
    if not isinstance(key_name, str) or not key_name.strip():
        message = "an apiKey security scheme needs the name of its header or parameter"
        raise SpecError(Problem("error", message, context.file, where, "set `name`"))
    if scheme.get("in") in ("header", "cookie"):
        _check_name(key_name, scheme["in"], context.file, where)
    return SpecText(key_name)


def _check_name(name: str, location: str, file: str, pointer: str) -> None:
    """A header or cookie the key can travel in: a valid name that HTTP framing does not own."""
    if not is_token(name):
        message = f"{name!r} is not a valid HTTP {location} name"
        hint = "use letters, digits and -_.!#$%&'*+^`|~"
        raise SpecError(Problem("error", message, file, pointer, hint))
    if location == "header" and name.lower() in UNSETTABLE_HEADERS:
        message = f"an API key cannot be sent in the {name!r} header"
        raise SpecError(Problem("error", message, file, pointer, "name the header the API reads"))


def _unsendable(context: Context, name: str, scheme: Any, pointer: str) -> Problem:
    if not isinstance(scheme, dict):
        message = (
            f"security requirement names {name!r}, which components/securitySchemes lacks: "
            "alternatives naming it are ignored"
        )
        return Problem("warning", message, context.file, pointer, "declare the scheme")
    kind = scheme.get("type")
    described = f"{kind} ({scheme['scheme']})" if kind == "http" and "scheme" in scheme else kind
    http_scheme = str(scheme.get("scheme", "")).lower() if kind == "http" else ""
    why = " (it answers a challenge from the server)" if http_scheme in _CHALLENGED else ""
    message = (
        f"the client cannot send {described} credentials for {name!r}{why}: calls that need it "
        "send none of their own"
    )
    hint = "pass an httpx client that adds them, e.g. http_client=httpx.Client(cert=...)"
    if http_scheme == "digest":
        hint = "pass an httpx client that answers it, "
        hint += "e.g. http_client=httpx.Client(auth=httpx.DigestAuth(...))"
    return Problem("warning", message, context.file, pointer, hint)


def _primary_first(schemes: list[SecurityScheme], default: Security) -> list[SecurityScheme]:
    """The schemes in the order the API asks for them: the default requirement's first."""
    preferred = [name for alternative in default for name in alternative]
    order = {name: index for index, name in enumerate(dict.fromkeys(preferred))}
    return sorted(schemes, key=lambda scheme: order.get(scheme.name.unsafe_value, len(order)))


def _named_credentials(schemes: list[SecurityScheme]) -> tuple[SecurityScheme, ...]:
    """`api_key` for the scheme named so, else for the first single-credential one; the other
    keys and tokens by their scheme's name; `username`/`password` for the first basic one."""
    single = [scheme for scheme in schemes if scheme.kind != "basic"]
    named_key = [scheme for scheme in single if _own_name(scheme) == "api_key"]
    holders = named_key or single
    key_holder = holders[0] if holders else None
    namer = Namer({"api_key"})
    named = []
    for scheme in schemes:
        own = _own_name(scheme)
        credentials: tuple[str, ...]
        if scheme is key_holder:
            credentials = ("api_key",)
        elif scheme.kind == "basic":
            plain = "username" not in namer
            wanted = ("username", "password") if plain else (f"{own}_username", f"{own}_password")
            credentials = tuple(namer.claim(name) for name in wanted)
        else:
            credentials = (namer.claim(own),)
        named.append(replace(scheme, credentials=credentials))
    return tuple(named)


def _own_name(scheme: SecurityScheme) -> str:
    own = snake_case(scheme.name.unsafe_value) or "credential"
    return own if own[0].isalpha() else f"scheme_{own}"


def auth(context: Context) -> Auth:
    """The single key the current client settings describe: the first scheme the spec
    requires that is a bearer token or an API key in a header or the query."""
    schemes = (context.document.get("components") or {}).get("securitySchemes") or {}
    requirements = context.document.get("security") or []
    required = bool(requirements) and all(bool(r) for r in requirements)
    for name in _used_scheme_names(context.document, _access_tokens(context.document)):
        scheme = schemes.get(name)
        if not isinstance(scheme, dict):
            continue
        pointer = jsonpointer.join("", "components", "securitySchemes", name)
        found = _sendable(context, name, scheme, pointer)
        if found is not None and found.kind == "bearer":
            return Auth("bearer", required=required)
        if found is not None and found.kind in _LEGACY_KEY_LOCATIONS:
            return Auth(found.kind, found.parameter, required)  # type: ignore[arg-type]
    return Auth(None)
