"""Time limits over a whole call, which httpx's per-operation timeouts cannot express.

httpx bounds each socket operation: a server that sends one byte every two seconds never trips a
five-second read timeout, however long the reply takes. A call therefore carries a Budget:

- the call's ``deadline`` (seconds from its start) bounds everything: every attempt, the waits
  between them, and reading a buffered body;
- within one attempt, the whole response (from the first byte awaited to the last byte of a
  buffered body) must arrive within the read timeout, not merely each piece of it.

The Budget is enforced where the waiting happens. A client that creates its own connection pool
wraps the pool's sockets (``guard_transport``) so that every read, write and connect waits at
most what is left, which makes the limits exact. With a caller-supplied ``http_client`` the
runtime can only cap each attempt's timeouts when it starts and check between body chunks, so
a limit may be overrun by up to one read timeout.

Streamed bodies (downloads, event streams) leave the Budget behind with the response headers:
each read then has the read timeout, so large downloads are possible, and the caller decides
how long to keep reading.
"""

from __future__ import annotations

import contextvars
import inspect
import time
from typing import Any, Literal

import httpx

__all__ = ["Budget", "guard_transport"]

_active: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "sdk_call_budget", default=None
)


class Budget:
    """The time one call has left: ``seconds`` is its deadline as given, ``response_limit``
    the read timeout, applied to each whole response."""

    __slots__ = (
        "attempt_started",
        "ends",
        "guarded",
        "longest",
        "response_limit",
        "response_started",
    )

    def __init__(self, seconds: float, response_limit: float, longest: float = 0.0) -> None:
        self.response_limit = response_limit
        self.longest = longest  # the longest part of the timeout attempts are given
        self.attempt_started = time.monotonic()
        self.ends = self.attempt_started + seconds
        self.response_started: float | None = None
        self.guarded = False  # whether the current attempt's socket is wrapped

    def remaining(self) -> float:
        return self.ends - time.monotonic()

    def expired(self) -> bool:
        return self.remaining() <= 0

    def new_attempt(self) -> None:
        self.attempt_started = time.monotonic()
        self.response_started = None
        self.guarded = False

    def attempt_timeout(self, timeout: httpx.Timeout) -> httpx.Timeout:
        """``timeout`` with no part longer than the time left (for unguarded sockets)."""
        left = max(self.remaining(), 0.001)
        if 0 < self.longest <= left:
            return timeout
        parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
        connect, read, write, pool = (left if part is None else min(part, left) for part in parts)
        return httpx.Timeout(connect=connect, read=read, write=write, pool=pool)

    def check_response(self, request: httpx.Request) -> None:
        """Raise a read timeout once the deadline or the response's time limit has passed."""
        now = time.monotonic()
        started = self.attempt_started if self.response_started is None else self.response_started
        if now >= self.ends or now - started >= self.response_limit:
            raise httpx.ReadTimeout("The response took longer than its time limit", request=request)

    def activate(self) -> contextvars.Token[Budget | None]:
        return _active.set(self)

    @staticmethod
    def deactivate(token: contextvars.Token[Budget | None]) -> None:
        _active.reset(token)

    def _cap(self, timeout: float | None, phase: _Phase) -> float | None:
        """The timeout for one socket operation of the current attempt; raises when none is
        left. Writing starts a new request on the connection, reading its response."""
        now = time.monotonic()
        self.guarded = True
        left = self.ends - now
        if phase == "read":
            if self.response_started is None:
                self.response_started = now
            left = min(left, self.response_started + self.response_limit - now)
        else:
            self.response_started = None
        if left <= 0:
            # httpx passes its own exceptions through its transport unchanged.
            raise _TIMEOUTS[phase]("The call ran out of time")
        return left if timeout is None else min(timeout, left)


_Phase = Literal["connect", "write", "read"]
_TIMEOUTS: dict[_Phase, type[httpx.TimeoutException]] = {
    "connect": httpx.ConnectTimeout,
    "write": httpx.WriteTimeout,
    "read": httpx.ReadTimeout,
}


def _cap(timeout: float | None, phase: _Phase) -> float | None:
    budget = _active.get()
    return timeout if budget is None else budget._cap(timeout, phase)


# The wrappers below implement httpcore's network stream and backend interfaces by duck typing,
# so that the runtime imports nothing a package does not declare.


class _GuardedStream:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = self._inner.read(max_bytes, _cap(timeout, "read"))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:  # httpcore hands over the empty end of a bodiless request: nothing to wait for
            self._inner.write(buffer, _cap(timeout, "write"))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> _GuardedStream:
        timeout = _cap(timeout, "connect")
        return _GuardedStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _GuardedBackend:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> _GuardedStream:
        timeout = _cap(timeout, "connect")
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _GuardedStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> _GuardedStream:
        timeout = _cap(timeout, "connect")
        return _GuardedStream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncGuardedStream:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = await self._inner.read(max_bytes, _cap(timeout, "read"))
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if buffer:  # as in _GuardedStream.write
            await self._inner.write(buffer, _cap(timeout, "write"))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> _AsyncGuardedStream:
        timeout = _cap(timeout, "connect")
        stream = await self._inner.start_tls(ssl_context, server_hostname, timeout)
        return _AsyncGuardedStream(stream)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _AsyncGuardedBackend:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> _AsyncGuardedStream:
        timeout = _cap(timeout, "connect")
        stream = await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _AsyncGuardedStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> _AsyncGuardedStream:
        timeout = _cap(timeout, "connect")
        stream = await self._inner.connect_unix_socket(path, timeout, socket_options)
        return _AsyncGuardedStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def guard_transport(transport: httpx.BaseTransport | httpx.AsyncBaseTransport) -> None:
    """Route a transport's sockets through the call budget.

    httpx offers no public way to pass a network backend, so this reaches for the connection
    pool that ``httpx.HTTPTransport`` keeps; if a future httpx moves it, clients fall back to
    the coarser checks described above rather than failing.
    """
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if backend is None or isinstance(backend, _GuardedBackend | _AsyncGuardedBackend):
        return
    asynchronous = inspect.iscoroutinefunction(getattr(backend, "connect_tcp", None))
    pool._network_backend = (  # type: ignore[union-attr]
        _AsyncGuardedBackend(backend) if asynchronous else _GuardedBackend(backend)
    )
