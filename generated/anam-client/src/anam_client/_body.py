"""Reading response bodies within a size limit, with decompression that cannot explode.

httpx decompresses each network chunk in one call, so a 64 KB gzip chunk can become 64 MB, and a
body encoded ``gzip, gzip`` can become gigabytes before anyone gets to count. Here every layer
of ``Content-Encoding`` is undone at most ``_PIECE`` bytes at a time, and the decoded size is
counted as it grows, so memory stays bounded whatever the compression ratio.

A buffered body (a JSON reply, an error) is refused once it outgrows ``max_response_size``
(ResponseTooLargeError). Streamed bodies (downloads, event streams) are not size-limited while
the caller iterates them chunk by chunk, but reading one whole into memory is.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Literal

import httpx

from ._deadline import Budget
from ._exceptions import ResponseTooLargeError, describe
from ._redaction import Secrets

__all__ = [
    "ZLIB_WBITS",
    "BodyDecoder",
    "aiter_decoded",
    "aread_limited",
    "arechunk",
    "iter_decoded",
    "read_limited",
    "rechunk",
    "too_large",
    "with_content",
    "without_secrets",
]

_PIECE = 64 * 1024
# zlib's window bits for each Content-Encoding it undoes
ZLIB_WBITS = {
    "gzip": zlib.MAX_WBITS | 16,
    "x-gzip": zlib.MAX_WBITS | 16,
    "deflate": zlib.MAX_WBITS,
}
# The decoded body is rebuilt into a new response, which describes it without these.
_ENCODED_BODY_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


class _Inflater:
    """One layer of gzip or deflate, producing at most _PIECE bytes per step."""

    def __init__(self, encoding: str, request: httpx.Request) -> None:
        self._encoding = encoding
        self._request = request
        self._zlib = zlib.decompressobj(ZLIB_WBITS[encoding])
        self._started = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        while not self._zlib.eof:
            try:
                out = self._zlib.decompress(data, _PIECE)
            except zlib.error as exc:
                if self._encoding == "deflate" and not self._started:
                    # Some servers send raw deflate without the zlib wrapper; httpx allows it.
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._started = True
                    continue
                raise httpx.DecodingError(
                    f"The {self._encoding} body could not be decoded: {exc}", request=self._request
                ) from exc
            self._started = True
            if out:
                yield out
            data = self._zlib.unconsumed_tail
            if not data and len(out) < _PIECE:
                return

    def finish(self) -> Iterator[bytes]:
        yield from self.feed(b"")
        if rest := self._zlib.flush():
            yield rest


class BodyDecoder:
    """Undoes a response's Content-Encoding layers incrementally, in bounded pieces.

    Unknown encodings are passed through untouched, as httpx does; only gzip and deflate are
    advertised in Accept-Encoding, so a server has no reason to send others.
    """

    def __init__(self, response: httpx.Response) -> None:
        names = [
            name.strip().lower()
            for name in response.headers.get("content-encoding", "").split(",")
            if name.strip()
        ]
        self.layers = [
            _Inflater(name, response.request) for name in reversed(names) if name in ZLIB_WBITS
        ]

    def feed(self, chunk: bytes) -> Iterator[bytes]:
        return self._through(0, (chunk,))

    def finish(self) -> Iterator[bytes]:
        for index, layer in enumerate(self.layers):
            yield from self._through(index + 1, layer.finish())

    def _through(self, index: int, pieces: Iterable[bytes]) -> Iterator[bytes]:
        if index == len(self.layers):
            yield from pieces
            return
        layer = self.layers[index]
        for piece in pieces:
            yield from self._through(index + 1, layer.feed(piece))


def too_large(response: httpx.Response, limit: int) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"Response to {describe(response.request, 1)} is larger than max_response_size "
        f"({limit} bytes, decoded): raise the limit for this call, or stream the body",
        response=response,
        limit=limit,
    )


def _how_to_read(
    response: httpx.Response, limit: int, budget: Budget | None
) -> Literal["ready", "direct", "decode"]:
    """``ready``: already in memory; ``direct``: httpx may read it as is; ``decode``: read it
    here, piece by piece."""
    if response.is_stream_consumed:  # already read, e.g. by a mock transport
        if len(response.content) > limit:
            raise too_large(response, limit)
        return "ready"
    declared = _identity_length(response)
    if declared is None:
        return "decode"
    if declared > limit:
        raise too_large(response, limit)
    # Nothing to decode and h11 stops at the declared length; when the socket enforces the
    # time limits on every read, nothing is left to check between chunks.
    return "direct" if budget is not None and budget.guarded else "decode"


class _Collector:
    """Gathers decoded pieces up to the limit, checking the time budget between them."""

    def __init__(self, response: httpx.Response, limit: int, budget: Budget | None) -> None:
        self.response = response
        self.limit = limit
        self.budget = budget
        self.decoder = BodyDecoder(response)
        self.pieces: list[bytes] = []
        self.size = 0

    def add(self, chunk: bytes, *, last: bool = False) -> None:
        if self.budget is not None:
            self.budget.check_response(self.response.request)
        for piece in self.decoder.finish() if last else self.decoder.feed(chunk):
            self.size += len(piece)
            if self.size > self.limit:
                raise too_large(self.response, self.limit)
            self.pieces.append(piece)

    def rebuilt(self) -> httpx.Response:
        return with_content(self.response, b"".join(self.pieces))


def with_content(original: httpx.Response, content: bytes) -> httpx.Response:
    """A response holding ``content`` (decoded), with the original status and headers."""
    headers = [
        (name, value)
        for name, value in original.headers.multi_items()
        if name.lower() not in _ENCODED_BODY_HEADERS
    ]
    return httpx.Response(
        original.status_code,
        headers=headers,
        content=content,
        request=original.request,
        extensions=original.extensions,
    )


def without_secrets(response: httpx.Response, secrets: Secrets) -> httpx.Response:
    """``response`` (read) with every secret in its body replaced, e.g. an echoed request."""
    text = response.text
    clean = secrets.scrub(text)
    if clean == text:
        return response
    return with_content(response, clean.encode(response.encoding or "utf-8", "replace"))


def read_limited(response: httpx.Response, limit: int, budget: Budget | None) -> httpx.Response:
    """The response with its whole body read and decoded, or ResponseTooLargeError."""
    try:
        how = _how_to_read(response, limit, budget)
        if how == "direct":
            response.read()
        if how != "decode":
            return response
        collector = _Collector(response, limit, budget)
        for chunk in response.iter_raw():
            collector.add(chunk)
        collector.add(b"", last=True)
    finally:
        response.close()
    return collector.rebuilt()


async def aread_limited(
    response: httpx.Response, limit: int, budget: Budget | None
) -> httpx.Response:
    try:
        how = _how_to_read(response, limit, budget)
        if how == "direct":
            await response.aread()
        if how != "decode":
            return response
        collector = _Collector(response, limit, budget)
        async for chunk in response.aiter_raw():
            collector.add(chunk)
        collector.add(b"", last=True)
    finally:
        await response.aclose()
    return collector.rebuilt()


def iter_decoded(response: httpx.Response, raw: Iterable[bytes]) -> Iterator[bytes]:
    """A streamed body decoded in bounded pieces, for callers that iterate it."""
    decoder = BodyDecoder(response)
    for chunk in raw:
        yield from decoder.feed(chunk)
    yield from decoder.finish()


async def aiter_decoded(
    response: httpx.Response, raw: AsyncIterator[bytes]
) -> AsyncIterator[bytes]:
    decoder = BodyDecoder(response)
    async for chunk in raw:
        for piece in decoder.feed(chunk):
            yield piece
    for piece in decoder.finish():
        yield piece


def rechunk(pieces: Iterable[bytes], size: int | None) -> Iterator[bytes]:
    """``pieces`` regrouped into chunks of ``size`` bytes (the last may be shorter); as they
    come when ``size`` is None."""
    if size is None:
        yield from (piece for piece in pieces if piece)
        return
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        while len(buffer) >= size:
            yield bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        yield bytes(buffer)


async def arechunk(pieces: AsyncIterator[bytes], size: int | None) -> AsyncIterator[bytes]:
    buffer = bytearray()
    async for piece in pieces:
        buffer += piece
        while len(buffer) >= (size or 1):
            cut = size or len(buffer)
            yield bytes(buffer[:cut])
            del buffer[:cut]
    if buffer:
        yield bytes(buffer)


def _identity_length(response: httpx.Response) -> int | None:
    """The declared length of a body sent without Content-Encoding, else None.

    One pass over the raw headers: httpx's lookups decode every header each time, which shows
    in the cost of every call.
    """
    length = None
    for name, value in response.headers.raw:
        lowered = name.lower()
        if lowered == b"content-encoding":
            return None
        if lowered == b"content-length":
            length = int(value) if value.isdigit() else None
    return length
