"""httpx transports that deliver every request to the mock, whatever host it was meant for.

The client under test keeps its default base URL (the spec's server), and an operation with a
server of its own (a path item's or operation's `servers`) makes it address that one; each
request goes to the mock at `/__origin/<host>/...`, where the validation document serves that
server (`document.py`). So nothing `verify` runs ever leaves the machine, and the mock still
sees which server the client meant. (A client without a default is given the mock's URL.)

A run of many calls keeps its connections to the mock open (`Connections`): every call still
gets a fresh client, but not a fresh TCP connection, a fresh server thread and a fresh
handshake, which cost more than the call itself on loopback.
"""

from __future__ import annotations

import socket
import ssl

import httpx

from .document import ORIGIN_PREFIX

# httpx builds a fresh SSL context (loading the CA bundle, ~35 ms) for every client; the mock
# speaks plain HTTP, so every transport shares one.
_SSL_CONTEXT = ssl.create_default_context()
# httpcore writes a request's head and body in separate sends; with Nagle's algorithm on, the
# body would wait for the server's delayed ACK of the head on a kept-open connection.
_NO_DELAY = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]


def _to_mock(request: httpx.Request, mock: httpx.URL) -> None:
    url = request.url
    if (url.scheme, url.host, url.port) == (mock.scheme, mock.host, mock.port):
        return
    netloc = url.netloc.decode("ascii")
    request.url = url.copy_with(
        scheme=mock.scheme,
        netloc=mock.netloc,
        raw_path=ORIGIN_PREFIX.encode() + netloc.encode() + url.raw_path,
    )
    request.headers["host"] = mock.netloc.decode("ascii")


class MockTransport(httpx.HTTPTransport):
    def __init__(self, mock_url: str) -> None:
        super().__init__(verify=_SSL_CONTEXT, socket_options=_NO_DELAY)
        self._mock = httpx.URL(mock_url)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _to_mock(request, self._mock)
        return super().handle_request(request)


class AsyncMockTransport(httpx.AsyncHTTPTransport):
    def __init__(self, mock_url: str) -> None:
        super().__init__(verify=_SSL_CONTEXT, socket_options=_NO_DELAY)
        self._mock = httpx.URL(mock_url)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        _to_mock(request, self._mock)
        return await super().handle_async_request(request)


class Connections:
    """Keep-alive connections to the mock, lent to one client after another.

    `sync()` and `async_()` give transports whose clients may close them: closing a client
    returns its connection to the pool instead of hanging up. The async pool belongs to the
    event loop that first uses it; `aclose` must run on that loop.
    """

    def __init__(self, mock_url: str) -> None:
        self._sync = MockTransport(mock_url)
        self._async = AsyncMockTransport(mock_url)

    def sync(self) -> httpx.BaseTransport:
        return _Lent(self._sync)

    def async_(self) -> httpx.AsyncBaseTransport:
        return _AsyncLent(self._async)

    def close(self) -> None:
        self._sync.close()

    async def aclose(self) -> None:
        await self._async.aclose()


class _Lent(httpx.BaseTransport):
    """A pooled transport for one client; the client's `close` leaves the pool open."""

    def __init__(self, pool: httpx.BaseTransport) -> None:
        self._pool = pool

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._pool.handle_request(request)


class _AsyncLent(httpx.AsyncBaseTransport):
    def __init__(self, pool: httpx.AsyncBaseTransport) -> None:
        self._pool = pool

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self._pool.handle_async_request(request)
