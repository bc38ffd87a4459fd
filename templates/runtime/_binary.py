"""Binary response bodies (audio, images, archives) handed over unread.

The body stays on the socket until the caller asks for it, so a large recording can go straight
to disk in chunks instead of being held in memory. The caller must consume or close it (or use
``with``) to give the connection back. Transport failures while reading surface as
APIConnectionError like everywhere else.

Iterating or writing to a file has no size limit and holds one bounded chunk at a time, however
the body is compressed; ``read()`` holds the whole body, so it is limited to the call's
``max_response_size``. Each read waits at most the read timeout; the call's deadline ended when
the response headers arrived (see _deadline).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Iterator
from types import TracebackType

import anyio
import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._body import aiter_decoded, aread_limited, arechunk, iter_decoded, read_limited, rechunk
from ._config import DEFAULT_MAX_RESPONSE_SIZE
from ._exceptions import SDKError, raise_connection_error
from ._redaction import Secrets

__all__ = ["AsyncBinaryResponse", "BinaryResponse"]

_WRITE_CHUNK = 64 * 1024


class _BaseBinaryResponse:
    def __init__(
        self, http_response: httpx.Response, *, max_response_size: int = DEFAULT_MAX_RESPONSE_SIZE
    ) -> None:
        self.http_response = http_response
        self.max_response_size = max_response_size
        self._content: bytes | None = None

    @property
    def content_type(self) -> str | None:
        content_type: str | None = self.http_response.headers.get("content-type")
        return content_type

    @contextlib.contextmanager
    def _translated_errors(self) -> Iterator[None]:
        try:
            yield
        except httpx.StreamError as exc:  # consumed twice, or read after close
            raise SDKError(f"Cannot read this response body: {exc}") from exc
        except httpx.HTTPError as exc:
            raise_connection_error(exc, self.http_response.request, attempts=1, secrets=Secrets())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.content_type}]>"


class BinaryResponse(_BaseBinaryResponse):
    @property
    def content(self) -> bytes:
        return self.read()

    def read(self) -> bytes:
        """The whole body (read once, then kept), up to ``max_response_size`` bytes."""
        if self._content is None:
            with self._translated_errors():
                read = read_limited(self.http_response, self.max_response_size, None)
            self._content = read.content
        return self._content

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        """The decoded body in pieces of ``chunk_size`` bytes (the last may be shorter)."""
        with self._translated_errors():
            decoded = iter_decoded(self.http_response, self.http_response.iter_raw())
            yield from rechunk(decoded, chunk_size)

    def write_to_file(self, path: str | os.PathLike[str]) -> None:
        """Stream the body to ``path`` chunk by chunk, then release the connection."""
        try:
            with open(path, "wb") as file:
                for chunk in self.iter_bytes(_WRITE_CHUNK):
                    file.write(chunk)
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


class AsyncBinaryResponse(_BaseBinaryResponse):
    @property
    def content(self) -> bytes:
        """The body, once ``await read()`` has fetched it."""
        if self._content is None:
            raise RuntimeError("Call `await response.read()` before using `.content`")
        return self._content

    async def read(self) -> bytes:
        if self._content is None:
            with self._translated_errors():
                read = await aread_limited(self.http_response, self.max_response_size, None)
            self._content = read.content
        return self._content

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        with self._translated_errors():
            decoded = aiter_decoded(self.http_response, self.http_response.aiter_raw())
            async for chunk in arechunk(decoded, chunk_size):
                yield chunk

    async def write_to_file(self, path: str | os.PathLike[str]) -> None:
        """Stream the body to ``path`` without blocking the event loop on disk writes."""
        try:
            async with await anyio.open_file(path, "wb") as file:
                async for chunk in self.iter_bytes(_WRITE_CHUNK):
                    await file.write(chunk)
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
