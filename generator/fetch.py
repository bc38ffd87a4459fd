"""The only module that touches the network: fetch a live spec, carefully.

CI fetches on a schedule from servers we do not control, so every fetch is bounded: an overall
deadline (retries, redirects and a server that drips a byte at a time included), per-read timeouts,
a few retries on transient failures only, and a cap on the *decoded* size that holds while
decoding: the body is read raw and inflated here in bounded steps, so a 3 KB `gzip, gzip` bomb
stops at the cap instead of filling memory. What comes back is checked (status, content type,
parses as an OpenAPI document) and written atomically by the caller, with its sha256 recorded.

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
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import FetchError, Problem, SpecError
from .load import MAX_BYTES, parse_spec

if TYPE_CHECKING:
    import httpx

    from .deadline import Clock

_ACCEPTED_TYPES = ("json", "yaml", "yml", "text/plain", "octet-stream")
_RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
_WBITS = {
    "gzip": 16 + zlib.MAX_WBITS,
    "x-gzip": 16 + zlib.MAX_WBITS,
    "deflate": 32 + zlib.MAX_WBITS,
}
MAX_ENCODINGS = 2
DEADLINE = 60.0


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
    deadline: float = DEADLINE,
    retries: int = 2,
    max_bytes: int = MAX_BYTES,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """Download and validate the spec at `url` within `deadline` seconds; raise FetchError."""
    if not url.startswith(("https://", "http://")):
        raise FetchError(Problem("error", f"refusing to fetch non-HTTP URL {url!r}", url))
    if transport is None:
        _resolve_host(url)
    import httpx

    from .deadline import Clock

    clock = Clock(deadline)
    headers = {
        "Accept": "application/json, application/yaml;q=0.9, */*;q=0.1",
        "Accept-Encoding": "gzip, deflate",
        "User-Agent": "sdkgen-fetch",
    }
    with httpx.Client(
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        headers=headers,
        follow_redirects=True,
        max_redirects=5,
        transport=transport or _transport(clock),
    ) as client:
        for attempt in range(retries + 1):
            try:
                data = _download(client, url, max_bytes, clock)
                break
            except _Retryable as error:
                pause = 0.5 * 2**attempt
                if attempt == retries or clock.left() < pause:
                    message = f"{error} (after {attempt + 1} attempts)"
                    raise FetchError(Problem("error", message, url)) from None
                time.sleep(pause)
    try:
        parse_spec(data, url)
    except SpecError as error:
        raise FetchError(error.problems) from None
    return Fetched(url, data)


def _transport(clock: Clock) -> httpx.BaseTransport | None:
    """Connections bounded by the deadline; behind a proxy httpx's own (between chunks only)."""
    from . import deadline

    return None if urllib.request.getproxies() else deadline.transport(clock)


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


def _download(client: httpx.Client, url: str, max_bytes: int, clock: Clock) -> bytes:
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
            decoder = _Decoder(response.headers.get("content-encoding", ""), max_bytes, url)
            chunks = []
            for raw in response.iter_raw():
                _check_deadline(clock, url)
                chunks.append(decoder.feed(raw))
            chunks.append(decoder.flush())
            return b"".join(chunks)
    except (httpx.TimeoutException, httpx.RemoteProtocolError, httpx.ReadError) as error:
        _check_deadline(clock, url)
        raise _Retryable(f"{type(error).__name__}: {error}") from None
    except httpx.ConnectError as error:
        if _caused_by(error, socket.gaierror):
            raise FetchError(Problem("error", f"cannot resolve host: {error}", url)) from None
        raise _Retryable(f"cannot connect: {error}") from None
    except httpx.HTTPError as error:
        raise FetchError(Problem("error", f"fetch failed: {error}", url)) from None


class _Decoder:
    """Undo the response's content codings in bounded steps; the total is capped at `limit`.

    Each layer inflates at most what is left of the budget per call (zlib's `max_length`), so
    memory stays near the cap whatever the compression ratio or the number of layers.
    """

    def __init__(self, header: str, limit: int, url: str) -> None:
        codings = [c.strip().lower() for c in header.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        unknown = [c for c in codings if c not in _WBITS]
        if unknown or len(codings) > MAX_ENCODINGS:
            message = f"unsupported Content-Encoding {header!r}"
            raise FetchError(Problem("error", message, url, hint="serve it plain or gzip"))
        self.layers = [zlib.decompressobj(_WBITS[c]) for c in reversed(codings)]
        self.limit, self.url, self.size = limit, url, 0

    def feed(self, data: bytes) -> bytes:
        for layer in self.layers:
            data = self._inflate(layer, data)
        return self._count(data)

    def flush(self) -> bytes:
        data = b""
        for layer in self.layers:
            data = self._inflate(layer, data) + layer.flush()
        return self._count(data)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            raise FetchError(_too_big(self.url, self.limit))
        return data

    def _inflate(self, layer: zlib._Decompress, data: bytes) -> bytes:
        try:
            parts, budget = [], self.limit - self.size + 1
            output = layer.decompress(data, budget)
            while True:
                parts.append(output)
                budget -= len(output)
                if budget <= 0:
                    raise FetchError(_too_big(self.url, self.limit))
                if not layer.unconsumed_tail:
                    return b"".join(parts)
                output = layer.decompress(layer.unconsumed_tail, budget)
        except zlib.error as error:
            message = f"corrupt compressed body: {error}"
            raise FetchError(Problem("error", message, self.url)) from None


def _check_deadline(clock: Clock, url: str) -> None:
    if clock.left() <= 0:
        message = f"no complete response within the {clock.seconds:g}-second deadline"
        raise FetchError(Problem("error", message, url, hint="is the server overloaded?"))


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
