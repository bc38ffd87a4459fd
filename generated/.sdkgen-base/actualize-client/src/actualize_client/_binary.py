"""Binary response bodies (audio, images, archives) handed over unread.

The body stays on the socket until the caller asks for it, so a large recording can go straight
to disk in chunks instead of being held in memory. The caller must consume or close it (or use
``with``) to give the connection back. Transport failures while reading surface as
APIConnectionError like everywhere else.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Iterator
from types import TracebackType

import anyio
import httpx
from typing_extensions import Self  # noqa: UP035 - typing.Self needs Python 3.11

from ._exceptions import SDKError, connection_error

__all__ = ["AsyncBinaryResponse", "BinaryResponse"]

_WRITE_CHUNK = 64 * 1024


class _BaseBinaryResponse:
    def __init__(self, http_response: httpx.Response) -> None:
        self.http_response = http_response

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
            raise connection_error(exc, self.http_response.request, attempts=1) from exc

    def __repr__(self) -> str:
        return f"<{type(self).__name__} [{self.content_type}]>"


class BinaryResponse(_BaseBinaryResponse):
    @property
    def content(self) -> bytes:
        return self.read()

    def read(self) -> bytes:
        """The whole body (read once, then kept)."""
        with self._translated_errors():
            return self.http_response.read()

    def iter_bytes(self, chunk_size: int | None = None) -> Iterator[bytes]:
        with self._translated_errors():
            yield from self.http_response.iter_bytes(chunk_size)

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
        try:
            return self.http_response.content
        except httpx.ResponseNotRead:
            raise RuntimeError("Call `await response.read()` before using `.content`") from None

    async def read(self) -> bytes:
        with self._translated_errors():
            return await self.http_response.aread()

    async def iter_bytes(self, chunk_size: int | None = None) -> AsyncIterator[bytes]:
        with self._translated_errors():
            async for chunk in self.http_response.aiter_bytes(chunk_size):
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
