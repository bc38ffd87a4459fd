"""The only module that touches the network: fetch a live spec, carefully.

CI fetches on a schedule from servers we do not control, so every fetch is bounded (timeouts, a
size cap, a few retries on transient failures only), checked (status, content type, parses as an
OpenAPI document) and written atomically, with its sha256 recorded by the caller.

`regen` tries the live URL on every run, including the many runs on machines without a network.
There the host's name fails to resolve in a millisecond, so that is asked first, before httpx is
imported and a TLS context built (a tenth of a second together): a no-op `regen` stays fast.
"""

from __future__ import annotations

import hashlib
import socket
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import FetchError, Problem, SpecError
from .load import MAX_BYTES, parse_spec

if TYPE_CHECKING:
    import httpx

_ACCEPTED_TYPES = ("json", "yaml", "yml", "text/plain", "octet-stream")
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Fetched:
    url: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def fetch_spec(
    url: str,
    *,
    timeout: float = 15.0,
    retries: int = 2,
    max_bytes: int = MAX_BYTES,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """Download and validate the spec at `url`; raise FetchError saying what went wrong."""
    if not url.startswith(("https://", "http://")):
        raise FetchError(Problem("error", f"refusing to fetch non-HTTP URL {url!r}", url))
    if transport is None:
        _resolve_host(url)
    import httpx

    headers = {
        "Accept": "application/json, application/yaml;q=0.9, */*;q=0.1",
        "User-Agent": "sdkgen-fetch",
    }
    with httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        headers=headers,
        follow_redirects=True,
        max_redirects=5,
        transport=transport,
    ) as client:
        for attempt in range(retries + 1):
            try:
                data = _download(client, url, max_bytes)
                break
            except _Retryable as error:
                if attempt == retries:
                    message = f"{error} (after {attempt + 1} attempts)"
                    raise FetchError(Problem("error", message, url)) from None
                time.sleep(0.5 * 2**attempt)
    try:
        parse_spec(data, url)
    except SpecError as error:
        raise FetchError(error.problems) from None
    return Fetched(url, data)


class _Retryable(Exception):
    pass


def _resolve_host(url: str) -> None:
    """Raise FetchError when the URL's host has no address. Behind a proxy the proxy resolves
    names, and a URL httpx cannot parse is left to httpx to explain: both pass here."""
    if urllib.request.getproxies():
        return
    try:
        parts = urllib.parse.urlsplit(url)
        host, port = parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
        if host:
            socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchError(Problem("error", f"cannot resolve host: {error}", url)) from None
    except (OSError, ValueError):
        return


def _download(client: httpx.Client, url: str, max_bytes: int) -> bytes:
    import httpx

    try:
        with client.stream("GET", url) as response:
            if response.status_code in _RETRY_STATUSES:
                raise _Retryable(f"server answered {response.status_code}")
            if response.status_code != 200:
                message = f"server answered {response.status_code}, expected 200"
                raise FetchError(Problem("error", message, url, hint="check the URL"))
            _check_content_type(response, url)
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_too_big(url, max_bytes))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(_too_big(url, max_bytes))
                chunks.append(chunk)
            return b"".join(chunks)
    except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as error:
        raise _Retryable(f"{type(error).__name__}: {error}") from None
    except httpx.ConnectError as error:
        if _caused_by(error, socket.gaierror):
            raise FetchError(Problem("error", f"cannot resolve host: {error}", url)) from None
        raise _Retryable(f"cannot connect: {error}") from None
    except httpx.HTTPError as error:
        raise FetchError(Problem("error", f"fetch failed: {error}", url)) from None


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    """Whether `kind` is in the chain of causes (a DNS failure will not heal on retry)."""
    seen: BaseException | None = error
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, kind):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _check_content_type(response: httpx.Response, url: str) -> None:
    content_type = response.headers.get("content-type", "").lower()
    if content_type and not any(kind in content_type for kind in _ACCEPTED_TYPES):
        message = f"server sent {content_type!r}, not a JSON or YAML spec"
        raise FetchError(Problem("error", message, url, hint="is the URL a docs page?"))


def _too_big(url: str, max_bytes: int) -> Problem:
    return Problem("error", f"response is larger than {max_bytes:,} bytes", url)
