"""A response body the caller reads: whole, in chunks, as text or lines, or into a file.

One implementation for every body handed over unread: binary downloads (BinaryResponse), the
responses of ``.with_streaming_response`` (APIResponse) and their async twins. Memory stays
bounded however the body is compressed (see _body): iterating holds one chunk, a line or an
event at a time; only ``read()`` (and what needs the whole body: ``text``, ``json()``,
``parse()``) holds it all, so that is limited to ``max_response_size``, as is a single line.

Writing to a path goes through a temporary file beside it, renamed into place once the whole
body has arrived: an interrupted download never leaves a truncated file under the final name.
"""

from __future__ import annotations

import codecs
import contextlib
import inspect
import json
import os
import re
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import anyio
import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._body import aiter_decoded, aread_limited, arechunk, iter_decoded, read_limited, rechunk
from ._body import too_large as _too_large
from ._config import DEFAULT_MAX_RESPONSE_SIZE
from ._exceptions import SDKError, raise_if_transport_failure

__all__ = ["AsyncStreamedBody", "LineSplitter", "StreamedBody", "WriteTarget", "split_lines"]

WriteTarget = str | os.PathLike[str] | IO[bytes]
_WRITE_CHUNK = 64 * 1024
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _Body:
    def __init__(
        self, http_response: httpx.Response, *, max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE
    ) -> None:
        self.http_response = http_response
        self.max_response_size = max_response_size
        self._content = http_response.content if http_response.is_stream_consumed else None

    @property
    def content_type(self) -> str | None:
        content_type: str | None = self.http_response.headers.get("content-type")
        return content_type

    def _took(self, response: httpx.Response) -> bytes:
        """Keep the fully read (decoded) response in place of the streamed one."""
        self.http_response = response
        self._content = response.content
        return self._content

    def _text_decoder(self) -> codecs.IncrementalDecoder:
        encoding = self.http_response.encoding or "utf-8"
        return codecs.getincrementaldecoder(encoding)(errors="replace")

    @contextlib.contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except httpx.StreamError as exc:  # consumed twice, or read after close
            raise SDKError(f"Cannot read this response body: {exc}") from exc
        except Exception as exc:
            raise_if_transport_failure(exc, self.http_response.request)
            raise

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.content_type}]>"


class StreamedBody(_Body):
    @property
    def content(self) -> bytes:
        return self.read()

    def read(self) -> bytes:
        """The whole decoded body (read once, then kept), up to ``max_response_size`` bytes."""
        if self._content is None:
            with self._translated_errors():
                return self._took(read_limited(self.http_response, self.max_response_size, None))
        return self._content

    @property
    def text(self) -> str:
        self.read()
        return self.http_response.text

    def json(self) -> object:
        return json.loads(self.read())

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The decoded body in chunks of ``chunk_size`` bytes (the last may be shorter)."""
        if self._content is not None:
            yield from rechunk((self._content,), chunk_size)
            return
        with self._translated_errors():
            decoded = iter_decoded(self.http_response, self.http_response.iter_raw())
            yield from rechunk(decoded, chunk_size)

    def iter_text(self, chunk_size: int | None = None) -> Iterator[str]:
        decoder = self._text_decoder()
        for chunk in self.iter_bytes(chunk_size):
            if text := decoder.decode(chunk):
                yield text
        if text := decoder.decode(b"", final=True):
            yield text

    def iter_lines(self) -> Iterator[str]:
        """The body's lines without their line breaks (``\\n``, ``\\r\\n`` or ``\\r``)."""
        yield from split_lines(self.iter_text(), self.max_response_size, self.http_response)

    def write_to_file(self, target: WriteTarget) -> None:
        """Stream the body into a path (replaced only once complete) or a binary file object,
        then release the connection."""
        try:
            if isinstance(target, str | os.PathLike):
                _replace_atomically(Path(target), self.iter_bytes(_WRITE_CHUNK))
            else:
                for chunk in self.iter_bytes(_WRITE_CHUNK):
                    target.write(chunk)
        finally:
            self.close()

    def close(self) -> None:
        self.http_response.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncStreamedBody(_Body):
    @property
    def content(self) -> bytes:
        """The body, once ``await read()`` has fetched it."""
        if self._content is None:
            raise RuntimeError("This body is streamed; call `await response.read()` first")
        return self._content

    async def read(self) -> bytes:
        if self._content is None:
            with self._translated_errors():
                limit = self.max_response_size
                return self._took(await aread_limited(self.http_response, limit, None))
        return self._content

    @property
    def text(self) -> str:
        self.content  # noqa: B018 - raises if the body was not read yet
        return self.http_response.text

    def json(self) -> object:
        return json.loads(self.content)

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        if self._content is not None:
            for chunk in rechunk((self._content,), chunk_size):
                yield chunk
            return
        with self._translated_errors():
            decoded = aiter_decoded(self.http_response, self.http_response.aiter_raw())
            async for chunk in arechunk(decoded, chunk_size):
                yield chunk

    async def iter_text(self, chunk_size: int | None = None) -> AsyncIterator[str]:
        decoder = self._text_decoder()
        async for chunk in self.iter_bytes(chunk_size):
            if text := decoder.decode(chunk):
                yield text
        if text := decoder.decode(b"", final=True):
            yield text

    async def iter_lines(self) -> AsyncIterator[str]:
        splitter = LineSplitter(self.max_response_size, self.http_response)
        async for text in self.iter_text():
            for line in splitter.feed(text):
                yield line
        for line in splitter.finish():
            yield line

    async def write_to_file(self, target: WriteTarget) -> None:
        """Stream the body into a path (replaced only once complete) or a file object, without
        blocking the event loop on disk writes to a path."""
        try:
            if isinstance(target, str | os.PathLike):
                await _areplace_atomically(Path(target), self.iter_bytes(_WRITE_CHUNK))
            else:
                async for chunk in self.iter_bytes(_WRITE_CHUNK):
                    written: Any = target.write(chunk)
                    if inspect.isawaitable(written):  # an async file object, e.g. anyio's
                        await written
        finally:
            await self.close()

    async def close(self) -> None:
        await self.http_response.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()


class LineSplitter:
    """Splits text chunks into lines at ``\n``, ``\r\n`` or ``\r`` (the breaks HTTP and
    server-sent events use), holding at most ``limit`` characters of an unfinished line."""

    def __init__(self, limit: int, response: httpx.Response) -> None:
        self._limit = limit
        self._response = response
        self._pending = ""

    def feed(self, text: str) -> Iterator[str]:
        text = self._pending + text
        start = 0
        for match in _LINE_BREAK.finditer(text):
            if match.group() == "\r" and match.end() == len(text):
                break  # maybe the first half of "\r\n": decide with the next chunk
            yield text[start : match.start()]
            start = match.end()
        self._pending = text[start:]
        if len(self._pending) > self._limit:
            raise _too_large(self._response, self._limit)

    def finish(self) -> Iterator[str]:
        pending, self._pending = self._pending, ""
        if pending:
            yield pending.removesuffix("\r")


def split_lines(texts: Iterable[str], limit: int, response: httpx.Response) -> Iterator[str]:
    splitter = LineSplitter(limit, response)
    for text in texts:
        yield from splitter.feed(text)
    yield from splitter.finish()


def _part_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:12]}.part")


def _replace_atomically(path: Path, chunks: Iterable[bytes]) -> None:
    part = _part_path(path)
    try:
        with open(part, "wb") as file:
            for chunk in chunks:
                file.write(chunk)
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


async def _areplace_atomically(path: Path, chunks: AsyncIterator[bytes]) -> None:
    part = anyio.Path(_part_path(path))
    try:
        async with await anyio.open_file(part, "wb") as file:
            async for chunk in chunks:
                await file.write(chunk)
        await part.replace(path)
    except BaseException:
        await part.unlink(missing_ok=True)
        raise
