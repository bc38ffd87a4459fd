"""When a failed request may be sent again, and how long to wait first.

Retrying is only safe when repeating the request cannot do something twice. Methods that HTTP
defines as idempotent retry on any transient failure; POST and PATCH retry only when the request
provably never reached the application (the connection was never made, or the server answered
429, or 503 or 403 with a Retry-After), unless they are made repeatable: by the caller
(``idempotent=True`` per call, ``retry_non_idempotent=True`` per client), or by an idempotency
key the API honours (``ClientSettings.idempotency_header``), generated once per call and sent
with every attempt so that the server can recognise a repeat.

A retry carries ``X-Retry-Count: <n>`` (1 for the first retry), so a server can tell retries
from first attempts, which go without it.
These are pure functions of their inputs so the schedule can be tested without waiting.
"""

from __future__ import annotations

import email.utils
import math
import time

import httpx

__all__ = [
    "IDEMPOTENT_METHODS",
    "INITIAL_BACKOFF",
    "MAX_BACKOFF",
    "MAX_RETRY_AFTER",
    "RETRY_COUNT_HEADER",
    "backoff_delay",
    "may_retry_error",
    "may_retry_status",
    "retry_after",
    "retry_delay",
]

INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
# A server asking for a longer pause than this is more likely confused than right; fall back
# to our own schedule instead of hanging the caller for minutes.
MAX_RETRY_AFTER = 60.0
_MAX_DOUBLINGS = 16

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"})
RETRY_COUNT_HEADER = "x-retry-count"
# Failures that happen before a single byte of the request left this machine.
_NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def backoff_delay(retry: int, *, jitter: float) -> float:
    """Seconds before retry number ``retry`` (1-based); ``jitter`` in [0, 1) spreads clients out.

    Doubling from 0.5 s up to 8 s, each shortened by up to a quarter so that clients failing
    together do not retry in lockstep.
    """
    base = min(MAX_BACKOFF, INITIAL_BACKOFF * 2.0 ** min(retry - 1, _MAX_DOUBLINGS))
    return base * (1.0 - 0.25 * jitter)


def retry_after(headers: httpx.Headers, *, now: float | None = None) -> float | None:
    """The pause the server asked for, or None when it asked for none we should honour.

    Understands ``retry-after-ms``, ``Retry-After: <seconds>`` and ``Retry-After: <HTTP date>``
    (relative to ``now``, a Unix time). Pauses above MAX_RETRY_AFTER are ignored.
    """
    seconds = _retry_after_ms(headers.get("retry-after-ms"))
    if seconds is None:
        seconds = _retry_after_header(
            headers.get("retry-after"), time.time() if now is None else now
        )
    if seconds is None or not 0 <= seconds <= MAX_RETRY_AFTER:
        return None
    return seconds


def _retry_after_ms(value: str | None) -> float | None:
    milliseconds = _finite_float(value)
    return None if milliseconds is None else milliseconds / 1000


def _retry_after_header(value: str | None, now: float) -> float | None:
    if value is None:
        return None
    seconds = _finite_float(value)
    if seconds is not None:
        return seconds
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(0.0, email.utils.mktime_tz(parsed) - now)


def _finite_float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def retry_delay(retry: int, headers: httpx.Headers | None, *, jitter: float) -> float:
    """Honour the server's Retry-After when it gave a sane one, else back off exponentially."""
    requested = retry_after(headers) if headers is not None else None
    return requested if requested is not None else backoff_delay(retry, jitter=jitter)


def may_retry_status(method: str, status: int, headers: httpx.Headers, *, idempotent: bool) -> bool:
    """429 says the request was not served; so do 503, and 403 as GitHub's secondary rate limit
    answers, when they say when to come back (a 403 without that is a refusal that stands)."""
    if status == 429:
        return True
    if status in (403, 503) and ("retry-after" in headers or "retry-after-ms" in headers):
        return True
    return _repeatable(method, idempotent) and (status == 408 or status >= 500)


def may_retry_error(method: str, exc: Exception, *, idempotent: bool) -> bool:
    if isinstance(exc, _NOT_SENT_ERRORS):
        return True
    return _repeatable(method, idempotent) and isinstance(exc, httpx.TransportError)


def _repeatable(method: str, idempotent: bool) -> bool:
    return idempotent or method.upper() in IDEMPOTENT_METHODS
