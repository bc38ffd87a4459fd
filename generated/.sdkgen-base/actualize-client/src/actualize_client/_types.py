"""Names that appear in generated signatures and models: the NOT_GIVEN sentinel, argument types
and the type of bytes fields.

Optional arguments default to ``NOT_GIVEN`` rather than ``None`` because ``None`` can be a real
value (JSON ``null``); the sentinel lets the runtime drop exactly the arguments a caller never
mentioned.

A model field of ``format: binary`` inside a JSON document is typed ``Octets``: JSON has no bytes,
so such a field travels as standard base64 text (RFC 4648; pydantic's own base64 is the URL-safe
alphabet, which APIs that take base64 do not all read). Read from text, canonical base64 gives
the bytes (as the API sends them), so a model read from the API is sent back unchanged; other
text is kept as its UTF-8, and in a union with ``str`` stays text. Only these fields pay for it:
a model without one runs no base64 code.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Annotated, Final, Literal, TypeAlias, final

import httpx
import pydantic

__all__ = [
    "NOT_GIVEN",
    "Body",
    "Fields",
    "FileContent",
    "FileTypes",
    "Headers",
    "NotGiven",
    "Octets",
    "Query",
    "RequestOptions",
    "Timeout",
]


@final
class NotGiven:
    """The type of ``NOT_GIVEN``: falsy, and distinct from every value a caller could mean."""

    def __bool__(self) -> Literal[False]:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()

Headers: TypeAlias = Mapping[str, str]
Query: TypeAlias = Mapping[str, object]
Body: TypeAlias = Mapping[str, object]
# A form or multipart body: its fields by API name, or a model (a union of bodies goes whole).
Fields: TypeAlias = Mapping[str, object] | pydantic.BaseModel

# ``None`` is deliberately not a Timeout: in httpx it means "wait forever", which we never allow.
Timeout: TypeAlias = float | httpx.Timeout

FileContent: TypeAlias = bytes | IO[bytes]
FileTypes: TypeAlias = (
    FileContent
    | os.PathLike[str]
    | tuple[str | None, FileContent]
    | tuple[str | None, FileContent, str | None]
)


@dataclass(frozen=True, kw_only=True)
class RequestOptions:
    """Per-call overrides every generated method accepts; they win over the client's settings."""

    extra_headers: Headers | None = None
    extra_query: Query | None = None
    extra_body: Body | None = None
    timeout: Timeout | NotGiven = NOT_GIVEN
    max_retries: int | NotGiven = NOT_GIVEN
    # Seconds the whole call may take, retries and the waits between them included.
    deadline: float | NotGiven = NOT_GIVEN
    # Bytes of decoded body the call may read into memory (streamed bodies excepted).
    max_response_size: int | NotGiven = NOT_GIVEN
    # True lets a POST/PATCH call retry like GET (the caller knows repeating it is harmless);
    # False keeps it to retries that cannot repeat it; NOT_GIVEN follows the client's setting.
    idempotent: bool | NotGiven = NOT_GIVEN


def _octets_from_text(value: object) -> object:
    """Canonical base64 text as its bytes; anything else as given (pydantic takes text's UTF-8)."""
    if not isinstance(value, str):
        return value
    try:
        octets = base64.b64decode(value, validate=True)
    except ValueError:
        return value
    return octets if base64.b64encode(octets).decode("ascii") == value else value


def _standard_base64(value: object) -> object:
    # Tolerant of a value that is not bytes: pydantic does not validate a field's default.
    return base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value


Octets: TypeAlias = Annotated[
    bytes,
    pydantic.BeforeValidator(_octets_from_text),
    pydantic.PlainSerializer(_standard_base64, when_used="json"),
]
