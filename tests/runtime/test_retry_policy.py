"""The retry schedule and the retry decisions, as pure functions (no waiting, no sockets)."""

from __future__ import annotations

import email.utils

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sdkrt._retries import (
    MAX_BACKOFF,
    backoff_delay,
    may_retry_error,
    may_retry_status,
    retry_after,
    retry_delay,
)

NOW = 1_700_000_000.0


def headers(**values: str) -> httpx.Headers:
    return httpx.Headers({name.replace("_", "-"): value for name, value in values.items()})


@pytest.mark.parametrize(
    ("retry", "expected"),
    [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 8.0), (6, 8.0), (10_000, 8.0)],
)
def test_backoff_doubles_from_half_a_second_up_to_the_cap(retry: int, expected: float) -> None:
    assert backoff_delay(retry, jitter=0.0) == expected


@given(
    retry=st.integers(min_value=1, max_value=100), jitter=st.floats(min_value=0.0, max_value=0.999)
)
def test_jitter_only_ever_shortens_a_delay_by_up_to_a_quarter(retry: int, jitter: float) -> None:
    ceiling = backoff_delay(retry, jitter=0.0)
    assert 0.75 * ceiling <= backoff_delay(retry, jitter=jitter) <= ceiling <= MAX_BACKOFF


@pytest.mark.parametrize(
    ("given_headers", "expected"),
    [
        (headers(retry_after="1"), 1.0),
        (headers(retry_after="2.5"), 2.5),
        (headers(retry_after="0"), 0.0),
        (headers(retry_after_ms="250"), 0.25),
        (headers(retry_after_ms="250", retry_after="7"), 0.25),
        (headers(retry_after=email.utils.formatdate(NOW + 30, usegmt=True)), 30.0),
        (headers(retry_after=email.utils.formatdate(NOW - 30, usegmt=True)), 0.0),
        (headers(retry_after="60"), 60.0),
    ],
)
def test_retry_after_is_understood_in_every_form(
    given_headers: httpx.Headers, expected: float
) -> None:
    assert retry_after(given_headers, now=NOW) == pytest.approx(expected)


@pytest.mark.parametrize(
    "given_headers",
    [
        httpx.Headers(),
        headers(retry_after="61"),
        headers(retry_after_ms="60001"),
        headers(retry_after=email.utils.formatdate(NOW + 3600, usegmt=True)),
        headers(retry_after="-1"),
        headers(retry_after="soon"),
        headers(retry_after="inf"),
        headers(retry_after="nan"),
    ],
)
def test_absent_nonsense_or_over_cap_retry_after_is_ignored(given_headers: httpx.Headers) -> None:
    assert retry_after(given_headers, now=NOW) is None


def test_an_over_cap_retry_after_falls_back_to_the_backoff_schedule() -> None:
    assert retry_delay(3, headers(retry_after="3600"), jitter=0.0) == backoff_delay(3, jitter=0.0)
    assert retry_delay(3, headers(retry_after="1"), jitter=0.0) == 1.0
    assert retry_delay(3, None, jitter=0.0) == 2.0


@pytest.mark.parametrize(
    ("method", "status", "given_headers", "idempotent", "expected"),
    [
        ("GET", 500, httpx.Headers(), False, True),
        ("GET", 520, httpx.Headers(), False, True),
        ("GET", 408, httpx.Headers(), False, True),
        ("GET", 429, httpx.Headers(), False, True),
        ("DELETE", 502, httpx.Headers(), False, True),
        ("PUT", 503, httpx.Headers(), False, True),
        ("GET", 404, httpx.Headers(), False, False),
        ("GET", 400, httpx.Headers(), False, False),
        ("POST", 502, httpx.Headers(), False, False),
        ("POST", 500, httpx.Headers(), False, False),
        ("POST", 408, httpx.Headers(), False, False),
        ("PATCH", 503, httpx.Headers(), False, False),
        ("POST", 503, headers(retry_after="1"), False, True),
        ("POST", 503, headers(retry_after_ms="10"), False, True),
        ("POST", 403, headers(retry_after="60"), False, True),  # GitHub's secondary rate limit
        ("GET", 403, httpx.Headers(), False, False),
        ("POST", 429, httpx.Headers(), False, True),
        ("POST", 502, httpx.Headers(), True, True),
        ("POST", 409, httpx.Headers(), True, False),
    ],
)
def test_which_statuses_are_retried(
    method: str, status: int, given_headers: httpx.Headers, idempotent: bool, expected: bool
) -> None:
    assert may_retry_status(method, status, given_headers, idempotent=idempotent) is expected


@pytest.mark.parametrize(
    ("method", "error", "idempotent", "expected"),
    [
        ("GET", httpx.ReadError("reset"), False, True),
        ("GET", httpx.ReadTimeout("slow"), False, True),
        ("GET", httpx.RemoteProtocolError("cut"), False, True),
        ("POST", httpx.ConnectError("refused"), False, True),
        ("POST", httpx.ConnectTimeout("slow connect"), False, True),
        ("POST", httpx.PoolTimeout("no connection free"), False, True),
        ("POST", httpx.ReadError("reset"), False, False),
        ("POST", httpx.ReadTimeout("slow"), False, False),
        ("PATCH", httpx.RemoteProtocolError("cut"), False, False),
        ("POST", httpx.ReadTimeout("slow"), True, True),
        ("GET", httpx.DecodingError("bad gzip"), False, False),
    ],
)
def test_which_transport_errors_are_retried(
    method: str, error: Exception, idempotent: bool, expected: bool
) -> None:
    assert may_retry_error(method, error, idempotent=idempotent) is expected
