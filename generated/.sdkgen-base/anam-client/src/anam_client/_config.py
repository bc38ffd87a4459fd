"""A generated package's identity, and the client settings derived from it.

The runtime is copied byte for byte into every package, so it cannot name any of them; each
package describes itself once in a ClientSettings (distribution name, version, environment
variable prefix, how its API authenticates) and the runtime reads everything from there.
"""

from __future__ import annotations

import math
import platform
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from ._auth import Security, SecurityScheme, check_security
from ._exceptions import SDKError
from ._headers import check_header_name
from ._servers import ServerTemplate
from ._types import NotGiven

__all__ = [
    "DEFAULT_DEADLINE",
    "DEFAULT_MAX_RESPONSE_SIZE",
    "DEFAULT_TIMEOUT",
    "ClientSettings",
    "SecurityScheme",
    "resolve_deadline",
    "resolve_size",
    "resolve_timeout",
]

# Finite on purpose: an SDK call that can hang forever takes its caller's process down with it.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
# The longest one call may take, retries and waits included (see _deadline).
DEFAULT_DEADLINE = 600.0
# The largest body read into memory, after decompression (see _body).
DEFAULT_MAX_RESPONSE_SIZE = 32 * 1024 * 1024
_TIMEOUT_PARTS = ("connect", "read", "write", "pool")


@dataclass(frozen=True, kw_only=True)
class ClientSettings:
    """What a generated client tells the runtime about its package and API.

    Authentication is described by ``schemes`` (named ``SecurityScheme``s) and ``security``,
    the API's default requirement in OpenAPI's form: a tuple of alternatives, each a tuple of
    scheme names that must all be satisfied; ``()`` among them (or no alternatives at all)
    means a call may go without credentials. An operation whose requirement differs passes its
    own to ``_request(..., security=...)``. For example, an API taking a bearer token or basic
    credentials, where the token is preferred::

        ClientSettings(
            ...,
            schemes={
                "token": SecurityScheme("bearer"),
                "login": SecurityScheme("basic", credentials=("username", "password")),
            },
            security=(("token",), ("login",)),
        )

    ``operation_security`` lists the operations' own requirements: a client whose credentials
    meet one of them is built even where they fall short of the default (Datadog's log intake
    takes the API key alone, the rest of the API an application key too), and refuses only the
    calls they do not cover.

    ``auth`` is a shorthand for an API with a single key: ``"bearer"``, ``"header:<Name>"`` or
    ``"query:<name>"`` (the key is the ``api_key`` credential; ``api_key_required=False`` also
    allows calls without it), or None for no authentication. It cannot be combined with
    ``schemes``.

    ``idempotency_header`` names the header (e.g. ``"Idempotency-Key"``) in which the API
    accepts a key that makes repeating a request safe; see ``RequestOptions.idempotent``.

    ``server`` is the API's URL when it is a template whose variables the client takes as
    arguments (see ``_servers``); ``default_base_url`` is then that URL at its defaults.

    ``required_headers`` maps each header the API requires of every call to the argument that
    gives it (``{"Xero-Tenant-Id": "xero_tenant_id"}``): a generated client takes it once, and each
    method per call; a call with neither is refused before it is sent.
    """

    distribution: str
    version: str
    default_base_url: str
    env_prefix: str
    schemes: Mapping[str, SecurityScheme] = field(default_factory=dict)
    security: Security = ()
    operation_security: tuple[Security, ...] = ()
    auth: str | None = None
    api_key_required: bool = True
    idempotency_header: str | None = None
    server: ServerTemplate | None = None
    required_headers: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.auth is not None:
            if self.schemes or self.security:
                raise SDKError("ClientSettings takes either auth= or schemes= and security=")
            scheme = _shorthand_scheme(self.auth)
            object.__setattr__(self, "schemes", {"default": scheme})
            required = (("default",),)
            object.__setattr__(
                self, "security", required if self.api_key_required else (*required, ())
            )
        check_security(self.security, self.schemes, "ClientSettings.security")
        for security in self.operation_security:
            check_security(security, self.schemes, "ClientSettings.operation_security")
        if self.idempotency_header is not None:
            check_header_name(self.idempotency_header, "ClientSettings.idempotency_header")
        for name in self.required_headers:
            check_header_name(name, "ClientSettings.required_headers")

    @property
    def credential_names(self) -> tuple[str, ...]:
        """Every credential the schemes take (`api_key`, `username`, `password`), each once."""
        names = (name for scheme in self.schemes.values() for name in scheme.credentials)
        return tuple(dict.fromkeys(names))

    @property
    def user_agent(self) -> str:
        return (
            f"{self.distribution}/{self.version} "
            f"Python/{platform.python_version()} httpx/{httpx.__version__}"
        )


def _shorthand_scheme(auth: str) -> SecurityScheme:
    kind, _, parameter = auth.partition(":")
    if auth == "bearer":
        return SecurityScheme("bearer")
    if kind == "header" and parameter:
        return SecurityScheme("header", parameter)
    if kind == "query" and parameter:
        return SecurityScheme("query", parameter)
    raise SDKError(
        "ClientSettings.auth must be 'bearer', 'header:<Name>', 'query:<name>' or None, "
        f"not {auth!r}"
    )


def resolve_timeout(value: object, fallback: httpx.Timeout) -> httpx.Timeout:
    """A complete, finite Timeout: parts left as None (or not given at all) come from fallback."""
    if value is None or isinstance(value, NotGiven):
        return fallback
    if isinstance(value, httpx.Timeout):
        parts = {
            name: getattr(fallback, name) if getattr(value, name) is None else getattr(value, name)
            for name in _TIMEOUT_PARTS
        }
    elif isinstance(value, int | float) and not isinstance(value, bool):
        parts = dict.fromkeys(_TIMEOUT_PARTS, float(value))
    else:
        raise TypeError(f"timeout must be a number of seconds or an httpx.Timeout, not {value!r}")
    for name, seconds in parts.items():
        if not (math.isfinite(seconds) and seconds > 0):
            raise ValueError(f"The {name} timeout must be a positive finite number, not {seconds}")
    return httpx.Timeout(**parts)


def resolve_size(value: object, fallback: int) -> int:
    """A positive byte count; ``NOT_GIVEN`` or None gives ``fallback``."""
    if value is None or isinstance(value, NotGiven):
        return fallback
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValueError(f"max_response_size must be a positive number of bytes, not {value!r}")
    return value


def resolve_deadline(value: object, fallback: float) -> float:
    """A positive finite number of seconds; ``NOT_GIVEN`` or None gives ``fallback``."""
    if value is None or isinstance(value, NotGiven):
        return fallback
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"deadline must be a number of seconds, not {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"deadline must be a positive finite number of seconds, not {value}")
    return float(value)
