"""Request bodies made from files: ``files=`` (multipart parts) and ``content=`` (a raw body).

Callers hold files in many shapes (bytes, a path, an open file, a pipe, a generator, a tuple
naming it); each is turned into something that either can be sent again on a retry, or is known
not to be, so that no attempt ever sends a body cut short:

- ``bytes``: as is.
- a path: opened when the call starts, streamed from disk, re-read on a retry, closed after.
- a seekable binary file: streamed from where it stood when the call was made, and rewound to
  there for a retry (the caller closes it).
- anything that can be read only once (a pipe, a socket, ``urlopen()``'s response, an iterator
  of bytes): up to MAX_BUFFERED_UPLOAD bytes are read into memory first, so a retry can send
  them again; a longer stream is sent once, chunked, and the call is not retried.

Anything else is refused with a message listing what is accepted, rather than sent as something
surprising (a ``str`` is refused because it is ambiguous between a path and the content). Where
the API takes an array of files, generated code passes ``FileArray(files)``: each is a part of
the same name.

Form fields follow OpenAPI's default content types: a scalar is a text part, an object (a model
or a dict) a JSON part, an array one part per item, and a file (bytes, a path, a file object, a
file tuple: a binary property of a body given whole) a file part. ``WithContentType`` (from the
spec's ``encoding``) names a part's type: a JSON type makes the value JSON, and for a file it is
the type sent when the caller gives none.
"""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TypeAlias, cast

import anyio

from ._serialization import (
    WithContentType,
    format_value,
    is_absent,
    is_json_media,
    json_text,
    to_jsonable,
)
from ._types import NotGiven

__all__ = [
    "MAX_BUFFERED_UPLOAD",
    "FileArray",
    "OneShotStream",
    "RewindableFile",
    "Upload",
    "multipart_parts",
    "upload_content",
]

# Streams that can be read only once are buffered up to this size so that a retry can resend
# them; longer ones are sent once and not retried.
MAX_BUFFERED_UPLOAD = 16 * 1024 * 1024
_CHUNK = 64 * 1024
_DEFAULT_FILENAME = "upload"  # what httpx itself calls a file without a name
_ACCEPTED = (
    "bytes, a path (os.PathLike), a binary file object, an iterable of bytes, or a tuple "
    "(filename, content) / (filename, content, content_type) with such content"
)


class RewindableFile:
    """A seekable file seen from the position it had when the call was made.

    httpx rewinds a file part with ``seek(0)`` before each attempt and measures it with
    ``tell``/``seek``; both are relative to that position here, and no ``fileno`` is offered,
    so the declared length is what is actually sent.
    """

    replayable = True

    def __init__(self, file: IO[bytes], *, owned: bool) -> None:
        self._file = file
        self._start = file.tell()
        self._owned = owned
        self.name = getattr(file, "name", None)

    def read(self, size: int = -1) -> bytes:
        return self._file.read(size)

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        base = offset + self._start if whence == os.SEEK_SET else offset
        return self._file.seek(base, whence) - self._start

    def tell(self) -> int:
        return self._file.tell() - self._start

    @property
    def length(self) -> int:
        here = self._file.tell()
        end = self._file.seek(0, os.SEEK_END)
        self._file.seek(here)
        return end - self._start

    def chunks(self) -> Iterator[bytes]:
        self.seek(0)
        while chunk := self.read(_CHUNK):
            yield chunk

    async def achunks(self) -> AsyncIterator[bytes]:
        await anyio.to_thread.run_sync(self.seek, 0)
        while chunk := await anyio.to_thread.run_sync(self.read, _CHUNK):
            yield chunk

    def close(self) -> None:
        if self._owned:
            self._file.close()


class OneShotStream:
    """A stream longer than MAX_BUFFERED_UPLOAD that can be read only once: what was already
    read, then the rest. It has no length (httpx sends it chunked) and is never sent twice."""

    replayable = False
    length = None

    def __init__(self, head: list[bytes], rest: Iterator[bytes], name: object = None) -> None:
        self._pieces = iter(head)
        self._rest = rest
        self._buffer = b""
        self.name = name

    def _next_piece(self) -> bytes:
        for piece in self._pieces:
            return piece
        return next(self._rest, b"")

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self._buffer) < size:
            piece = self._next_piece()
            if not piece:
                break
            self._buffer += piece
        cut = len(self._buffer) if size < 0 else size
        data, self._buffer = self._buffer[:cut], self._buffer[cut:]
        return data

    def chunks(self) -> Iterator[bytes]:
        while chunk := self.read(_CHUNK):
            yield chunk

    async def achunks(self) -> AsyncIterator[bytes]:
        while chunk := await anyio.to_thread.run_sync(self.read, _CHUNK):
            yield chunk

    def close(self) -> None:
        """Nothing to close: the caller owns the stream."""


Upload: TypeAlias = bytes | RewindableFile | OneShotStream
_FilePart: TypeAlias = tuple[str | None, Upload, str | None]


@dataclass(frozen=True)
class FileArray:
    """The files of a field the API declares as an array of files, each sent as its own part.

    ``files`` is the argument as the caller gave it: absent (``NOT_GIVEN`` or ``None``) when an
    optional field was left out, which sends no part.
    """

    files: Sequence[object] | NotGiven | None

    def parts(self) -> Sequence[object]:
        return () if self.files is None or isinstance(self.files, NotGiven) else self.files


def multipart_parts(
    form: Mapping[str, object], files: Mapping[str, object]
) -> list[tuple[str, _FilePart]]:
    """All parts of the body, form fields first.

    Form fields travel as parts without a filename. Passing them to httpx this way (rather than
    as ``data=``) keeps the body multipart even when every optional file was left out, which is
    what a multipart endpoint expects.
    """
    parts: list[tuple[str, _FilePart]] = []
    for name, value in form.items():
        if _is_file(value):  # a file in a body given whole (a model or a dict)
            parts.append((name, _file_part(name, value, None)))
        else:
            parts += [(name, part) for part in _field_parts(value)]
    for name, value in files.items():
        content_type = value.content_type if isinstance(value, WithContentType) else None
        value = value.value if isinstance(value, WithContentType) else value
        items = value.parts() if isinstance(value, FileArray) else [value]
        for item in items:
            if not is_absent(item):
                parts.append((name, _file_part(name, item, content_type)))
    return parts


def _is_file(value: object) -> bool:
    """Whether a form value is a file: bytes, a path, a binary file object or a file tuple."""
    if isinstance(value, tuple) and len(value) in {2, 3}:
        value = value[1]
    return isinstance(value, bytes | os.PathLike) or callable(getattr(value, "read", None))


def _field_parts(value: object) -> list[_FilePart]:
    """The parts of one form field: none if absent, one per item of an array."""
    if isinstance(value, WithContentType):
        if is_absent(value.value):
            return []
        media = value.content_type
        text = json_text(value.value) if is_json_media(media) else format_value(value.value)
        return [(None, text.encode(), media)]
    data = None if is_absent(value) else to_jsonable(value)
    if data is None:
        return []
    if isinstance(data, list):
        return [part for item in data for part in _field_parts(item)]
    if isinstance(data, dict):
        return [(None, json_text(data).encode(), "application/json")]
    return [(None, format_value(data).encode(), None)]


def upload_content(value: object, declared: str | None) -> tuple[Upload, str | None]:
    """A raw request body from any accepted file form, and its content type: as for a file
    part, the caller's (a tuple's third item) wins over the operation's ``declared`` type, so
    an asset the API stores under the type it is sent with (``application/zip``) is not
    relabelled with the spec's generic ``application/octet-stream``."""
    _filename, content, content_type = _file_part("content", value, declared)
    return content, content_type


def _file_part(field: str, value: object, declared: str | None) -> _FilePart:
    """One file as httpx takes it; its type is the caller's, else ``declared``, else guessed."""
    if isinstance(value, tuple) and len(value) in {2, 3}:
        filename, content, content_type = _tuple_part(field, cast(tuple[object, ...], value))
        return filename, content, content_type or declared or _guess_type(filename or "")
    content = _upload(field, value)
    name = content.name if not isinstance(content, bytes) else None
    filename = Path(os.fsdecode(name)).name if isinstance(name, str | os.PathLike) else None
    filename = filename or _DEFAULT_FILENAME
    return filename, content, declared or _guess_type(filename)


def _tuple_part(field: str, value: tuple[object, ...]) -> _FilePart:
    filename, content = value[0], value[1]
    content_type = value[2] if len(value) == 3 else None
    if not (filename is None or isinstance(filename, str)):
        raise TypeError(f"files[{field!r}]: the filename must be a str or None")
    if not (content_type is None or isinstance(content_type, str)):
        raise TypeError(f"files[{field!r}]: the content type must be a str or None")
    if isinstance(content, os.PathLike):
        raise TypeError(f"files[{field!r}] must be {_ACCEPTED}; got a path inside a tuple")
    return filename, _upload(field, content), content_type


def _upload(field: str, value: object) -> Upload:
    if isinstance(value, bytes):
        return value
    if isinstance(value, os.PathLike):
        return RewindableFile(open(os.fsdecode(value), "rb"), owned=True)
    if isinstance(value, io.TextIOBase):
        raise TypeError(f"files[{field!r}] is a text-mode file; open it in binary mode ('rb')")
    if callable(getattr(value, "read", None)):
        file = cast(IO[bytes], value)
        if _seekable(file):
            return RewindableFile(file, owned=False)
        return _buffered(iter(lambda: _read_bytes(field, file), b""), getattr(file, "name", None))
    if isinstance(value, Iterable) and not isinstance(value, str | bytearray | memoryview):
        return _buffered(_checked_chunks(field, value), None)
    raise TypeError(f"files[{field!r}] must be {_ACCEPTED}; got {type(value).__name__}")


def _seekable(file: IO[bytes]) -> bool:
    try:
        return bool(file.seekable()) and file.tell() >= 0
    except (AttributeError, OSError, ValueError):
        return False


def _buffered(chunks: Iterator[bytes], name: object) -> bytes | OneShotStream:
    """The whole stream if it fits in MAX_BUFFERED_UPLOAD, else a one-shot stream."""
    head: list[bytes] = []
    size = 0
    for chunk in chunks:
        if not chunk:
            continue
        head.append(chunk)
        size += len(chunk)
        if size > MAX_BUFFERED_UPLOAD:
            return OneShotStream(head, chunks, name)
    return b"".join(head)


def _read_bytes(field: str, file: IO[bytes]) -> bytes:
    data = file.read(_CHUNK)
    if not isinstance(data, bytes):
        raise TypeError(f"files[{field!r}] returned {type(data).__name__} from read(), not bytes")
    return data


def _checked_chunks(field: str, chunks: Iterable[object]) -> Iterator[bytes]:
    for chunk in chunks:
        if not isinstance(chunk, bytes):
            raise TypeError(f"files[{field!r}] yielded {type(chunk).__name__}, not bytes")
        if chunk:
            yield chunk


def _guess_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"
