"""An overall deadline for one fetch, enforced at every socket read and write.

httpx bounds each read, not a whole request: a server that drips a byte every few seconds, in the
headers or the body, keeps every read under its timeout forever. Here each read and write of the
connection gets at most the time left before the deadline, and none once it has passed, so
connecting, TLS, headers, body and redirects all fit inside it.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx


class Clock:
    """The moment a fetch must be finished by."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def bound(self, timeout: float | None) -> float:
        """`timeout` shortened to the time left; raise once there is none."""
        left = self.left()
        if left <= 0:
            raise httpcore.ReadTimeout(f"the {self.seconds:g}-second deadline passed")
        return left if timeout is None else min(timeout, left)


def transport(clock: Clock) -> httpx.HTTPTransport:
    """httpx's own transport, its connections made through the deadline backend."""
    result = httpx.HTTPTransport()
    # httpx builds its pool without a way to pass a network backend; same settings, plus ours.
    result._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(), network_backend=_Backend(clock)
    )
    return result


class _Backend(httpcore.NetworkBackend):
    def __init__(self, clock: Clock) -> None:
        self._inner = httpcore.SyncBackend()
        self._clock = clock

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, self._clock.bound(timeout), local_address, socket_options
        )
        return _Stream(stream, self._clock)

    def sleep(self, seconds: float) -> None:
        time.sleep(min(seconds, max(self._clock.left(), 0)))


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, clock: Clock) -> None:
        self._inner = inner
        self._clock = clock

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._clock.bound(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._clock.bound(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        secure = self._inner.start_tls(ssl_context, server_hostname, self._clock.bound(timeout))
        return _Stream(secure, self._clock)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)
