"""Streamed JSON lines as typed iterators: JSONLinesStream[T] and AsyncJSONLinesStream[T].

A response of newline-delimited JSON (``application/x-ndjson``, ``application/jsonl``,
``application/json-seq``, ...) or a JSON response the API never ends (Twitter's filtered and
sample streams) is one JSON value per line, not one body: read whole, the call would never
return. Such an operation is generated with ``cast_to=JSONLinesStream[Item]``
(``AsyncJSONLinesStream`` in the async client); the call returns once the headers arrive and
each line is parsed into ``Item`` as the caller iterates::

    with client.tweets.sample_stream() as stream:
        for item in stream:
            ...

Blank lines are keep-alives (Twitter sends ``\\r\\n`` every few seconds) and are skipped; a
record separator (``json-seq``'s U+001E) before a value is dropped. A line that is not JSON
raises JSONLineError naming its line number. Reading, the idle timeout and closing are shared
with server-sent events (``_item_stream.py``).
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Generic, NamedTuple, TypeVar

import httpx
import pydantic

from ._exceptions import APIResponseValidationError, describe
from ._item_stream import AsyncRecords, SyncRecords
from ._parsing import parse_response, summarize_validation_error
from ._streaming import LineSplitter

__all__ = ["AsyncJSONLinesStream", "JSONLineError", "JSONLinesStream"]

T = TypeVar("T")


class JSONLineError(APIResponseValidationError):
    """A line of a JSON-lines stream is not JSON, or not the declared type; ``line_number``
    counts from 1, blank lines included, and ``body`` is the line itself."""

    def __init__(
        self, message: str, *, response: httpx.Response, body: str, line_number: int
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.line_number = line_number


class _Line(NamedTuple):
    number: int
    text: str


class _LineDecoder:
    """Non-blank lines, numbered as the server sent them."""

    def __init__(self, limit: int, response: httpx.Response) -> None:
        self._lines = LineSplitter(limit, response)
        self._text = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._count = 0

    def feed(self, chunk: bytes, *, final: bool = False) -> Iterator[_Line]:
        text = self._text.decode(chunk, final=final)
        for line in [*self._lines.feed(text), *(self._lines.finish() if final else ())]:
            self._count += 1
            stripped = line.strip().lstrip("\x1e")
            if stripped:
                yield _Line(self._count, stripped)


class _LineTyping(Generic[T]):
    """How a line becomes an item: parsed as JSON, then built into the declared type."""

    def __init__(self, response: httpx.Response, item_type: object, strict: bool) -> None:
        self._response = response
        self._item_type = item_type
        self._strict = strict

    def typed(self, line: _Line) -> T:
        try:
            data = json.loads(line.text)
        except ValueError as exc:
            raise self._invalid(line, f"it is not JSON ({exc})") from None
        try:
            return parse_response(self._item_type, data, strict=self._strict)  # type: ignore[return-value]
        except pydantic.ValidationError as exc:
            why = f"it does not match the declared type: {summarize_validation_error(exc)}"
            raise self._invalid(line, why) from exc

    def _invalid(self, line: _Line, why: str) -> JSONLineError:
        return JSONLineError(
            f"Line {line.number} from {describe(self._response.request, 1)}: {why}",
            response=self._response,
            body=line.text,
            line_number=line.number,
        )


class JSONLinesStream(SyncRecords[_Line, T]):
    """Typed items from a stream of JSON lines; iterate it once, or close it."""

    def __init__(
        self,
        response: httpx.Response,
        *,
        item_type: object,
        strict: bool = False,
        idle_timeout: float,
        max_response_size: int,
    ) -> None:
        typing_ = _LineTyping[T](response, item_type, strict)
        decoder = _LineDecoder(max_response_size, response)
        super().__init__(
            response, decoder=decoder, typed=typing_.typed, idle_timeout=idle_timeout, record="line"
        )


class AsyncJSONLinesStream(AsyncRecords[_Line, T]):
    """The async twin of JSONLinesStream: ``async for item in stream``."""

    def __init__(
        self,
        response: httpx.Response,
        *,
        item_type: object,
        strict: bool = False,
        idle_timeout: float,
        max_response_size: int,
    ) -> None:
        typing_ = _LineTyping[T](response, item_type, strict)
        decoder = _LineDecoder(max_response_size, response)
        super().__init__(
            response, decoder=decoder, typed=typing_.typed, idle_timeout=idle_timeout, record="line"
        )
