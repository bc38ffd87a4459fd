"""Turning ``form`` and ``files`` arguments into multipart/form-data parts.

Callers hold files in many shapes (bytes, a path, an open file, a tuple naming it); they are all
normalised to httpx's ``(filename, content, content_type)`` here, and anything else is refused
with a message listing what is accepted rather than being sent as something surprising (a ``str``
is rejected because it is ambiguous between a path and the file's content).
"""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TypeAlias, cast

from ._serialization import format_value
from ._types import NotGiven

__all__ = ["file_bytes", "multipart_parts"]

_FilePart: TypeAlias = tuple[str | None, bytes | IO[bytes], str | None]
_DEFAULT_FILENAME = "upload"  # what httpx itself calls a file without a name
_ACCEPTED = (
    "bytes, a path (os.PathLike), a binary file object, or a tuple "
    "(filename, content) / (filename, content, content_type) with bytes or binary file content"
)


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
        if value is None or isinstance(value, NotGiven):
            continue
        parts.append((name, (None, format_value(value).encode(), None)))
    for name, value in files.items():
        if value is None or isinstance(value, NotGiven):
            continue
        parts.append((name, _file_part(name, value)))
    return parts


def file_bytes(value: object) -> tuple[bytes, str | None]:
    """A raw request body from any accepted file form: its bytes and content type if known.

    The bytes are read now, so that every retry sends the same body.
    """
    _filename, content, content_type = _file_part("content", value)
    data = content if isinstance(content, bytes) else content.read()
    return data, content_type


def _file_part(field: str, value: object) -> _FilePart:
    if isinstance(value, bytes):
        return _DEFAULT_FILENAME, value, _guess_type(_DEFAULT_FILENAME)
    if isinstance(value, os.PathLike):
        # Read now rather than streaming from disk: a retry must send the same bytes again.
        path = Path(os.fsdecode(value))
        return path.name, path.read_bytes(), _guess_type(path.name)
    if isinstance(value, tuple) and len(value) in {2, 3}:
        return _tuple_part(field, cast(tuple[object, ...], value))
    if _is_file(field, value):
        file = cast(IO[bytes], value)
        name = getattr(file, "name", None)
        filename = Path(name).name if isinstance(name, str) else _DEFAULT_FILENAME
        return filename, file, _guess_type(filename)
    raise TypeError(f"files[{field!r}] must be {_ACCEPTED}; got {type(value).__name__}")


def _tuple_part(field: str, value: tuple[object, ...]) -> _FilePart:
    filename, content = value[0], value[1]
    content_type = value[2] if len(value) == 3 else None
    if not (filename is None or isinstance(filename, str)):
        raise TypeError(f"files[{field!r}]: the filename must be a str or None")
    if not (content_type is None or isinstance(content_type, str)):
        raise TypeError(f"files[{field!r}]: the content type must be a str or None")
    if not isinstance(content, bytes) and not _is_file(field, content):
        raise TypeError(f"files[{field!r}] must be {_ACCEPTED}; got {type(content).__name__}")
    file = content if isinstance(content, bytes) else cast(IO[bytes], content)
    return filename, file, content_type or _guess_type(filename or "")


def _is_file(field: str, value: object) -> bool:
    if isinstance(value, io.TextIOBase):
        raise TypeError(f"files[{field!r}] is a text-mode file; open it in binary mode ('rb')")
    return callable(getattr(value, "read", None))


def _guess_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"
