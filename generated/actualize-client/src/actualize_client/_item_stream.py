"""What every typed stream shares: a response read record by record as the caller iterates.

Server-sent events (``_sse.py``) and JSON lines (``_jsonl.py``) differ only in how bytes become
records and how a record becomes an item; reading the socket, the idle timeout and closing the
connection (when the records end, the caller breaks out, or the ``with`` block ends) are the
same, so they live here once, in a sync and an async flavour.

Waiting is bounded per record, not per call: a stream may legitimately last for hours, but when
no complete record arrives within the read timeout (``idle_timeout``) the stream fails with
APITimeoutError. Keep-alive comments and blank lines do not count as records.
"""

from __future__ import annotations

import contextvars
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from types import TracebackType
from typing import Generic, Protocol, TypeVar

import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._body import aiter_decoded, iter_decoded
from ._deadline import Budget
from ._exceptions import APITimeoutError, describe, raise_if_transport_failure

R = TypeVar("R")  # a record as the wire format frames it
R_co = TypeVar("R_co", covariant=True)
T = TypeVar("T")  # an item, as the caller receives it


class RecordDecoder(Protocol[R_co]):
    def feed(self, chunk: bytes, *, final: bool = False) -> Iterator[R_co]: ...


def _never(record: object) -> bool:
    return False


class _Records(Generic[R, T]):
    def __init__(
        self,
        response: httpx.Response,
        *,
        decoder: RecordDecoder[R],
        typed: Callable[[R], T],
        idle_timeout: float,
        record: str,
        ends: Callable[[R], bool] | None = None,
    ) -> None:
        self.response = response
        self.idle_timeout = idle_timeout
        self._decoder = decoder
        self._typed = typed
        self._ends = ends or _never  # a record that marks the end, not an item (`[DONE]`)
        self._record = record  # what one record is called in a timeout's message
        self._pending: deque[R] = deque()
        self._waiting: Budget | None = None

    def _wait(self) -> tuple[Budget, contextvars.Token[Budget | None]]:
        """Start (or continue) waiting for the next record: socket reads are capped by it."""
        if self._waiting is None:
            self._waiting = Budget(self.idle_timeout, self.idle_timeout)
        return self._waiting, self._waiting.activate()

    def _received(self, chunk: bytes | None) -> None:
        final = chunk is None
        self._pending.extend(self._decoder.feed(chunk or b"", final=final))
        if self._pending:
            self._waiting = None

    def _failed(self, exc: Exception) -> APITimeoutError:
        """The timeout a silent stream raises; any other transport failure raised as such."""
        if isinstance(exc, httpx.TimeoutException):
            return APITimeoutError(
                f"No {self._record} for {self.idle_timeout:g} s from "
                f"{describe(self.response.request, 1)}",
                request=self.response.request,
            )
        raise_if_transport_failure(exc, self.response.request)
        raise exc


class SyncRecords(_Records[R, T]):
    """Typed items from a streamed response; iterate it once, or close it."""

    def __iter__(self) -> Iterator[T]:
        try:
            for record in self._records():
                if self._ends(record):
                    return
                yield self._typed(record)
        finally:
            self.close()  # a record that does not parse ends the stream too

    def _records(self) -> Iterator[R]:
        chunks = iter_decoded(self.response, self.response.iter_raw())
        try:
            while True:
                chunk = self._next_chunk(chunks)
                self._received(chunk)
                while self._pending:
                    yield self._pending.popleft()
                if chunk is None:
                    return
        finally:
            self.close()

    def _next_chunk(self, chunks: Iterator[bytes]) -> bytes | None:
        budget, token = self._wait()
        try:
            chunk = next(chunks, None)
            budget.check_response(self.response.request)
            return chunk
        except Exception as exc:
            raise self._failed(exc) from exc
        finally:
            Budget.deactivate(token)

    def close(self) -> None:
        self.response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncRecords(_Records[R, T]):
    """The async twin of SyncRecords: ``async for item in stream``."""

    async def __aiter__(self) -> AsyncIterator[T]:
        try:
            async for record in self._records():
                if self._ends(record):
                    return
                yield self._typed(record)
        finally:
            await self.close()  # an async generator left mid-way is only finalized later

    async def _records(self) -> AsyncIterator[R]:
        chunks = aiter_decoded(self.response, self.response.aiter_raw())
        try:
            while True:
                chunk = await self._next_chunk(chunks)
                self._received(chunk)
                while self._pending:
                    yield self._pending.popleft()
                if chunk is None:
                    return
        finally:
            await self.close()

    async def _next_chunk(self, chunks: AsyncIterator[bytes]) -> bytes | None:
        budget, token = self._wait()
        try:
            chunk = await anext(chunks, None)
            budget.check_response(self.response.request)
            return chunk
        except Exception as exc:
            raise self._failed(exc) from exc
        finally:
            Budget.deactivate(token)

    async def close(self) -> None:
        await self.response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
