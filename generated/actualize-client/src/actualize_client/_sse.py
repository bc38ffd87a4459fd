"""Server-sent events (``text/event-stream``) as typed iterators: Stream[T] and AsyncStream[T].

An operation that streams events is generated with ``cast_to=Stream[Event]`` (``AsyncStream``
in the async client); the call returns as soon as the response headers arrive and the events
are read as the caller iterates::

    for event in client.chat.stream(...):   # each one an Event
        ...

Each event's ``data`` is decoded as JSON and built into ``T`` the way response bodies are:
leniently by default, so an event the SDK does not know (a new event type, a new field) is kept
as received, with one warning, rather than dropped or raised; strictly with
``strict_response_validation=True``. ``event_types`` (from generated code) may map event names
to their own types. ``stream.events()`` gives the raw ServerSentEvent objects instead, with
their name, id and retry fields.

Waiting is bounded per event, not per call: a stream may legitimately last for hours, but when
no complete event arrives within the read timeout (``idle_timeout``) the stream fails with
APITimeoutError. Comments and keep-alive lines do not count as events. A single event (or line)
larger than ``max_response_size`` raises ResponseTooLargeError instead of filling memory.
"""

from __future__ import annotations

import codecs
import contextvars
import json
from collections import deque
from collections.abc import AsyncIterator, Iterator, Mapping
from types import TracebackType
from typing import Any, Generic, TypeVar

import httpx
import pydantic
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._body import aiter_decoded, iter_decoded, too_large
from ._deadline import Budget
from ._exceptions import (
    APIResponseValidationError,
    APITimeoutError,
    describe,
    raise_if_transport_failure,
)
from ._logs import warn_once
from ._parsing import parse_response, summarize_validation_error
from ._streaming import LineSplitter

__all__ = ["AsyncStream", "ServerSentEvent", "Stream"]

T = TypeVar("T")


class ServerSentEvent:
    """One event as sent: ``event`` (None means "message"), ``data``, ``id``, ``retry``."""

    __slots__ = ("data", "event", "id", "retry")

    def __init__(
        self,
        *,
        event: str | None = None,
        data: str = "",
        id: str | None = None,
        retry: int | None = None,
    ) -> None:
        self.event = event
        self.data = data
        self.id = id
        self.retry = retry

    def json(self) -> Any:
        return json.loads(self.data)

    def __repr__(self) -> str:
        return f"ServerSentEvent(event={self.event!r}, id={self.id!r}, data={self.data[:60]!r})"


class _EventDecoder:
    """The event-stream format (WHATWG HTML, "Parsing an event stream"), one line at a time."""

    def __init__(self, limit: int, response: httpx.Response) -> None:
        self._limit = limit
        self._response = response
        self._lines = LineSplitter(limit, response)
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._event: str | None = None
        self._data: list[str] = []
        self._size = 0
        self._last_id: str | None = None
        self._retry: int | None = None

    def feed(self, chunk: bytes, *, final: bool = False) -> Iterator[ServerSentEvent]:
        text = self._text.decode(chunk, final=final)
        lines = [*self._lines.feed(text), *(self._lines.finish() if final else ())]
        for line in lines:
            event = self._line(line)
            if event is not None:
                yield event

    def _line(self, line: str) -> ServerSentEvent | None:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return None  # a comment, often a keep-alive
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "data":
            self._size += len(value) + 1
            if self._size > self._limit:
                raise too_large(self._response, self._limit)
            self._data.append(value)
        elif field == "event":
            self._event = value
        elif field == "id" and "\0" not in value:
            self._last_id = value
        elif field == "retry" and value.isdigit():
            self._retry = int(value)
        return None

    def _dispatch(self) -> ServerSentEvent | None:
        data, event = "\n".join(self._data), self._event
        self._data, self._event, self._size = [], None, 0
        if not data and event is None:
            return None
        return ServerSentEvent(event=event, data=data, id=self._last_id, retry=self._retry)


class _BaseStream(Generic[T]):
    def __init__(
        self,
        response: httpx.Response,
        *,
        item_type: object,
        event_types: Mapping[str, object] | None = None,
        strict: bool = False,
        idle_timeout: float,
        max_response_size: int,
    ) -> None:
        self.response = response
        self._item_type = item_type
        self._event_types = event_types or {}
        self._strict = strict
        self.idle_timeout = idle_timeout
        self._decoder = _EventDecoder(max_response_size, response)
        self._pending: deque[ServerSentEvent] = deque()
        self._waiting: Budget | None = None

    def _typed(self, event: ServerSentEvent) -> T:
        """The event's data as its declared type; kept as received when it does not fit."""
        type_ = self._event_types.get(event.event or "message", self._item_type)
        if type_ is str:
            return event.data  # type: ignore[return-value]
        try:
            data = json.loads(event.data)
        except ValueError:
            if self._strict:
                raise self._invalid(event, "its data is not JSON") from None
            warn_once("event stream", event.event or "message", "data that is not JSON", "")
            return event.data  # type: ignore[return-value]
        try:
            return parse_response(type_, data, strict=self._strict)  # type: ignore[return-value]
        except pydantic.ValidationError as exc:
            raise self._invalid(event, summarize_validation_error(exc)) from exc

    def _invalid(self, event: ServerSentEvent, why: str) -> APIResponseValidationError:
        return APIResponseValidationError(
            f"Event {event.event or 'message'!r} from {describe(self.response.request, 1)} "
            f"does not match the declared type: {why}",
            response=self.response,
            body=event.data,
        )

    def _wait(self) -> tuple[Budget, contextvars.Token[Budget | None]]:
        """Start (or continue) waiting for the next event: socket reads are capped by it."""
        if self._waiting is None:
            self._waiting = Budget(self.idle_timeout, self.idle_timeout)
        return self._waiting, self._waiting.activate()

    def _received(self, chunk: bytes | None) -> None:
        final = chunk is None
        self._pending.extend(self._decoder.feed(chunk or b"", final=final))
        if self._pending:
            self._waiting = None

    def _idle(self) -> APITimeoutError:
        return APITimeoutError(
            f"No event for {self.idle_timeout:g} s from {describe(self.response.request, 1)}",
            request=self.response.request,
        )


class Stream(_BaseStream[T]):
    """Typed events from a ``text/event-stream`` response; iterate it once, or close it."""

    def __iter__(self) -> Iterator[T]:
        for event in self.events():
            yield self._typed(event)

    def events(self) -> Iterator[ServerSentEvent]:
        """Every event as sent, known or not."""
        chunks = iter_decoded(self.response, self.response.iter_raw())
        try:
            while True:
                while self._pending:
                    yield self._pending.popleft()
                chunk = self._next_chunk(chunks)
                self._received(chunk)
                if chunk is None:
                    while self._pending:
                        yield self._pending.popleft()
                    return
        finally:
            self.close()

    def _next_chunk(self, chunks: Iterator[bytes]) -> bytes | None:
        budget, token = self._wait()
        try:
            chunk = next(chunks, None)
            budget.check_response(self.response.request)
            return chunk
        except httpx.TimeoutException as exc:
            raise self._idle() from exc
        except Exception as exc:
            raise_if_transport_failure(exc, self.response.request)
            raise
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


class AsyncStream(_BaseStream[T]):
    """The async twin of Stream: ``async for event in stream``."""

    async def __aiter__(self) -> AsyncIterator[T]:
        async for event in self.events():
            yield self._typed(event)

    async def events(self) -> AsyncIterator[ServerSentEvent]:
        chunks = aiter_decoded(self.response, self.response.aiter_raw())
        try:
            while True:
                while self._pending:
                    yield self._pending.popleft()
                chunk = await self._next_chunk(chunks)
                self._received(chunk)
                if chunk is None:
                    while self._pending:
                        yield self._pending.popleft()
                    return
        finally:
            await self.close()

    async def _next_chunk(self, chunks: AsyncIterator[bytes]) -> bytes | None:
        budget, token = self._wait()
        try:
            chunk = await anext(chunks, None)
            budget.check_response(self.response.request)
            return chunk
        except httpx.TimeoutException as exc:
            raise self._idle() from exc
        except Exception as exc:
            raise_if_transport_failure(exc, self.response.request)
            raise
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
