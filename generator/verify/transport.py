"""httpx transports that deliver every request to the mock, whatever host it was meant for.

The client under test keeps its default base URL (the spec's server), and an operation with a
server of its own (a path item's or operation's `servers`) makes it address that one; each
request goes to the mock at `/__origin/<host>/...`, where the validation document serves that
server (`document.py`). So nothing `verify` runs ever leaves the machine, and the mock still
sees which server the client meant. (A client without a default is given the mock's URL.)
"""

from __future__ import annotations

import ssl

import httpx

from .document import ORIGIN_PREFIX

# httpx builds a fresh SSL context (loading the CA bundle, ~35 ms) for every client; the mock
# speaks plain HTTP, so every transport shares one.
_SSL_CONTEXT = ssl.create_default_context()


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
        super().__init__(verify=_SSL_CONTEXT)
        self._mock = httpx.URL(mock_url)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _to_mock(request, self._mock)
        return super().handle_request(request)


class AsyncMockTransport(httpx.AsyncHTTPTransport):
    def __init__(self, mock_url: str) -> None:
        super().__init__(verify=_SSL_CONTEXT)
        self._mock = httpx.URL(mock_url)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        _to_mock(request, self._mock)
        return await super().handle_async_request(request)
