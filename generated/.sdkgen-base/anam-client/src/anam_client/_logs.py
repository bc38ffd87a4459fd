"""Opt-in diagnostic logging that cannot leak credentials.

Nothing is printed unless the user sets ``<PREFIX>_LOG=debug|info``; a library must not attach
handlers behind its users' backs. Every header and message passes through the redaction helpers
here first, so a debug log can be pasted into a bug report without exposing the API key.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable

import httpx

__all__ = [
    "configure_logging",
    "log_request",
    "log_response",
    "log_retry",
    "logger",
    "redact_headers",
    "redact_url",
    "scrub",
    "warn_once",
]

# The package that holds the runtime: ``<package>`` for ``<package>._logs``.
logger = logging.getLogger(__name__.rpartition(".")[0] or __name__)

REDACTED = "<redacted>"
_SENSITIVE_NAME_PARTS = ("auth", "key", "token", "secret", "password", "cookie", "session")
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}


# Names the handler we add, so that constructing many clients adds it only once.
_HANDLER_NAME = f"{logger.name}.sdk-stderr"


def configure_logging(env_prefix: str) -> None:
    """Turn on logging to stderr when ``<env_prefix>_LOG`` asks for it."""
    level = _LEVELS.get(os.environ.get(f"{env_prefix}_LOG", "").strip().lower())
    if level is None:
        return
    logger.setLevel(level)
    if not any(handler.get_name() == _HANDLER_NAME for handler in logger.handlers):
        handler = logging.StreamHandler()
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("[%(asctime)s %(name)s %(levelname)s] %(message)s"))
        logger.addHandler(handler)


def redact_headers(headers: httpx.Headers, extra_sensitive: Iterable[str] = ()) -> dict[str, str]:
    """Copy headers for display, hiding any whose name suggests a credential."""
    sensitive = {name.lower() for name in extra_sensitive}
    return {
        name: REDACTED if _is_sensitive(name.lower(), sensitive) else value
        for name, value in headers.items()
    }


def _is_sensitive(name: str, extra: set[str]) -> bool:
    return name in extra or any(part in name for part in _SENSITIVE_NAME_PARTS)


def scrub(text: str, secret: str | None) -> str:
    """Remove a secret from free text, such as a server echoing the key back in an error body."""
    return text.replace(secret, REDACTED) if secret else text


def redact_url(url: httpx.URL, sensitive_query: Iterable[str] = ()) -> str:
    """The URL for display, with the values of credential query parameters hidden."""
    names = set(sensitive_query)
    if not names or not any(name in names for name in url.params):
        return str(url)
    params = [(key, REDACTED if key in names else value) for key, value in url.params.multi_items()]
    return str(url.copy_with(params=params))


def log_request(
    request: httpx.Request, sensitive_headers: Iterable[str], sensitive_query: Iterable[str] = ()
) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "Request: %s %s headers=%s",
            request.method,
            redact_url(request.url, sensitive_query),
            redact_headers(request.headers, sensitive_headers),
        )


def log_response(
    response: httpx.Response, sensitive_headers: Iterable[str], sensitive_query: Iterable[str] = ()
) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "Response: %s %s -> %s %s headers=%s",
            response.request.method,
            redact_url(response.request.url, sensitive_query),
            response.status_code,
            response.reason_phrase,
            redact_headers(response.headers, sensitive_headers),
        )


def log_retry(request: httpx.Request, *, reason: str, delay: float, retry: int, of: int) -> None:
    logger.info(
        "Retrying %s %s in %.2f s (retry %d of %d) after %s",
        request.method,
        request.url.path,
        delay,
        retry,
        of,
        reason,
    )


_reported: set[tuple[str, str, str, str]] = set()
_reported_lock = threading.Lock()


def warn_once(owner: str, field: str, kind: str, detail: str) -> None:
    """Log a response that did not match the SDK's types, once per kind of surprise."""
    surprise = (owner, field, kind, detail)
    with _reported_lock:
        if surprise in _reported:
            return
        _reported.add(surprise)
    where = f"{owner}.{field}" if field else owner
    what = f"{kind} {detail}" if detail else kind
    logger.warning(
        "Response did not match the SDK's types: %s at %s; kept as received "
        "(the API may be newer than this SDK)",
        what,
        where,
    )
