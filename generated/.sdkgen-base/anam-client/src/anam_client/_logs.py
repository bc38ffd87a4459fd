"""Opt-in diagnostic logging that cannot leak credentials.

Everything goes through the package's own logger (``<package>``), which has a NullHandler, so
nothing is printed unless the application configures logging, and then under the package's
name. ``<PREFIX>_LOG=debug|info`` is a shortcut that sets that logger's level and gives it a
stderr handler; it changes no other logger, the root's included. Every header and message
passes through the redaction helpers first, so a debug log can be pasted into a bug report
without exposing the API key.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable

import httpx

from ._redaction import redact_headers, redact_url

__all__ = [
    "configure_logging",
    "debug_enabled",
    "log_request",
    "log_response",
    "log_retry",
    "logger",
    "warn_once",
]

# The package that holds the runtime: ``<package>`` for ``<package>._logs``.
logger = logging.getLogger(__name__.rpartition(".")[0] or __name__)
# A library's records reach handlers only if the application wants them: without a handler of
# its own, Python's last-resort handler would print every drift warning to stderr.
logger.addHandler(logging.NullHandler())

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


def debug_enabled() -> bool:
    """Whether requests and responses are logged. Senders ask once per attempt and skip the
    logging calls (and the redaction they do) otherwise: on a hot path logging is off."""
    return logger.isEnabledFor(logging.DEBUG)


def log_request(
    request: httpx.Request, sensitive_headers: Iterable[str], sensitive_query: Iterable[str] = ()
) -> None:
    """At DEBUG level (see ``debug_enabled``), the request with its credentials hidden."""
    logger.debug(
        "Request: %s %s headers=%s",
        request.method,
        redact_url(request.url, sensitive_query),
        redact_headers(request.headers, sensitive_headers),
    )


def log_response(
    response: httpx.Response, sensitive_headers: Iterable[str], sensitive_query: Iterable[str] = ()
) -> None:
    """At DEBUG level (see ``debug_enabled``), the response with its credentials hidden."""
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
