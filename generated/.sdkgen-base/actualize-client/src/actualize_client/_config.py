"""A generated package's identity, and the client settings derived from it.

The runtime is copied byte for byte into every package, so it cannot name any of them; each
package describes itself once in a ClientSettings (distribution name, version, environment
variable prefix, how its API authenticates) and the runtime reads everything from there.
"""

from __future__ import annotations

import math
import platform
from dataclasses import dataclass

import httpx

from ._types import NotGiven

__all__ = ["DEFAULT_TIMEOUT", "ClientSettings", "resolve_timeout"]

# Finite on purpose: an SDK call that can hang forever takes its caller's process down with it.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
_TIMEOUT_PARTS = ("connect", "read", "write", "pool")
_HEADER_AUTH_PREFIX = "header:"
_QUERY_AUTH_PREFIX = "query:"


@dataclass(frozen=True, kw_only=True)
class ClientSettings:
    """What a generated client tells the runtime about its package and API.

    ``auth`` is ``"bearer"`` (``Authorization: Bearer <key>``), ``"header:<Name>"`` (the key
    as the value of that header), ``"query:<name>"`` (the key as that query parameter, redacted
    from logs like a header) or None for an API without authentication.
    """

    distribution: str
    version: str
    default_base_url: str
    env_prefix: str
    auth: str | None = "bearer"
    api_key_required: bool = True

    def __post_init__(self) -> None:
        if self.auth not in (None, "bearer") and not any(
            self.auth.startswith(prefix) and len(self.auth) > len(prefix)
            for prefix in (_HEADER_AUTH_PREFIX, _QUERY_AUTH_PREFIX)
        ):
            raise ValueError(
                "ClientSettings.auth must be 'bearer', 'header:<Name>', 'query:<name>' or None, "
                f"not {self.auth!r}"
            )

    @property
    def auth_header(self) -> str | None:
        """The header that carries the API key, if the API sends it in a header."""
        if self.auth == "bearer":
            return "Authorization"
        if self.auth is not None and self.auth.startswith(_HEADER_AUTH_PREFIX):
            return self.auth.removeprefix(_HEADER_AUTH_PREFIX)
        return None

    @property
    def auth_query(self) -> str | None:
        """The query parameter that carries the API key, if the API sends it in the URL."""
        if self.auth is not None and self.auth.startswith(_QUERY_AUTH_PREFIX):
            return self.auth.removeprefix(_QUERY_AUTH_PREFIX)
        return None

    def auth_header_value(self, api_key: str) -> str:
        return f"Bearer {api_key}" if self.auth == "bearer" else api_key

    @property
    def user_agent(self) -> str:
        return (
            f"{self.distribution}/{self.version} "
            f"Python/{platform.python_version()} httpx/{httpx.__version__}"
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
