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
to their own types. A ``data: [DONE]`` event (the end marker of OpenAI-style streams) ends the
iteration instead of being an item. ``stream.events()`` gives the raw ServerSentEvent objects
instead, with their name, id and retry fields.

Reading, the idle timeout (no event within the read timeout raises APITimeoutError; comments
and keep-alive lines do not count) and closing are shared with JSON lines (``_item_stream.py``).
A single event (or line) larger than ``max_response_size`` raises ResponseTooLargeError instead
of filling memory.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any, Generic, TypeVar

import httpx
import pydantic

from ._body import too_large
from ._exceptions import APIResponseValidationError, describe
from ._item_stream import AsyncRecords, SyncRecords
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


class _EventTyping(Generic[T]):
    """How an event's data becomes an item: by its declared type, or kept as received."""

    def __init__(
        self,
        response: httpx.Response,
        item_type: object,
        event_types: Mapping[str, object] | None,
        strict: bool,
    ) -> None:
        self._response = response
        self._item_type = item_type
        self._event_types = event_types or {}
        self._strict = strict

    def ends(self, event: ServerSentEvent) -> bool:
        """Whether the event is the `data: [DONE]` that OpenAI-style APIs (Mistral's too) send
        after the last one: not JSON, and not an item, where the events are typed."""
        type_ = self._event_types.get(event.event or "message", self._item_type)
        return type_ is not str and event.data == "[DONE]"

    def typed(self, event: ServerSentEvent) -> T:
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
            f"Event {event.event or 'message'!r} from {describe(self._response.request, 1)} "
            f"does not match the declared type: {why}",
            response=self._response,
            body=event.data,
        )


class Stream(SyncRecords[ServerSentEvent, T]):
    """Typed events from a ``text/event-stream`` response; iterate it once, or close it."""

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
        typing_ = _EventTyping[T](response, item_type, event_types, strict)
        decoder = _EventDecoder(max_response_size, response)
        super().__init__(
            response,
            decoder=decoder,
            typed=typing_.typed,
            idle_timeout=idle_timeout,
            record="event",
            ends=typing_.ends,
        )

    def events(self) -> Iterator[ServerSentEvent]:
        """Every event as sent, known or not."""
        return self._records()


class AsyncStream(AsyncRecords[ServerSentEvent, T]):
    """The async twin of Stream: ``async for event in stream``."""

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
        typing_ = _EventTyping[T](response, item_type, event_types, strict)
        decoder = _EventDecoder(max_response_size, response)
        super().__init__(
            response,
            decoder=decoder,
            typed=typing_.typed,
            idle_timeout=idle_timeout,
            record="event",
            ends=typing_.ends,
        )

    def events(self) -> AsyncIterator[ServerSentEvent]:
        """Every event as sent, known or not."""
        return self._records()
