"""Conversions from Python argument values to what goes on the wire.

One set of rules for every place a value can travel (query, headers, cookies, path, form fields,
multipart parts, JSON bodies), so that a ``datetime`` or an ``Enum`` means the same thing
wherever the spec puts it. ``NOT_GIVEN`` and ``None`` are dropped from parameters and form
fields because an absent optional parameter must not reach the server as the text "None".

Generated code says how a value is to be written only where the spec departs from the default of
its location: ``Styled(value, "deepObject")`` for an OpenAPI ``style``/``explode``/
``allowReserved``, ``WithContentType(value, "application/json")`` for a parameter declared with
``content`` or a form field or multipart part with an ``encoding.contentType``.

JSON has no bytes: a ``format: binary`` value inside a JSON document (an attachment's content in
a JSON body) travels as standard base64 text (RFC 4648), the encoding OpenAPI names for octets in
a string and what JSON APIs that take file contents read. A ``datetime`` travels as RFC 3339
text with its UTC offset; one without a timezone is refused before anything is sent.
"""

from __future__ import annotations

import base64
import datetime as dt
import enum
import functools
import json
import typing
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

import pydantic

from ._types import NotGiven

__all__ = [
    "READ_ONLY_MARK",
    "Style",
    "Styled",
    "WithContentType",
    "format_value",
    "is_absent",
    "is_json_media",
    "json_body",
    "json_text",
    "to_jsonable",
]

# How a generated model marks a field the spec declares read-only (``json_schema_extra``).
READ_ONLY_MARK = "readOnly"
_MAX_TYPE_DEPTH = 8

Style = Literal[
    "form", "simple", "label", "matrix", "spaceDelimited", "pipeDelimited", "deepObject"
]


@dataclass(frozen=True)
class Styled:
    """A parameter or form field value with the serialization the spec declares for it.

    ``explode`` None means OpenAPI's default for the style: true for ``form``, false otherwise.
    ``allow_reserved`` leaves RFC 3986 reserved characters of a query value unescaped.
    """

    value: object
    style: Style
    explode: bool | None = None
    allow_reserved: bool = False

    @property
    def exploded(self) -> bool:
        return self.style == "form" if self.explode is None else self.explode


@dataclass(frozen=True)
class WithContentType:
    """A value sent as a document of ``content_type``: JSON text for JSON types, else text.

    For a multipart file, the part's Content-Type when the caller did not name one.
    """

    value: object
    content_type: str


def to_jsonable(value: object) -> object:
    """A structure ``json.dumps`` accepts, keeping the real values of secret model fields.

    A model sends the fields that were set, except those the spec marks read-only (at any
    depth): a model read from the API can be sent back without echoing its ``id``.
    """
    if isinstance(value, pydantic.BaseModel):
        data = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
        return _as_sent(value, data)
    if isinstance(value, Mapping):
        return _jsonable_dict(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(item) for item in value]
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, dt.datetime):
        return _timestamp(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(value).decode("ascii")
    return value


def _timestamp(value: dt.datetime) -> str:
    """RFC 3339, the text of OpenAPI's ``date-time``, requires a UTC offset, and servers that
    parse it (Go's ``time.Time``, for one) answer 400 to a time without one. A naive datetime
    names no instant (``datetime.now()`` is local time, ``datetime.utcnow()`` UTC), so it is
    refused before anything is sent rather than guessed at."""
    if value.utcoffset() is None:
        raise ValueError(
            f"The datetime {value.isoformat()} has no timezone, so it names no instant: pass an "
            "aware one (datetime.now(timezone.utc), or .replace(tzinfo=...)) or the text itself"
        )
    return value.isoformat()


def body_fields(body: Mapping[str, object] | pydantic.BaseModel) -> Mapping[str, object]:
    """A form or multipart body as its fields by API name. A model gives the fields that were
    set (and extra ones), read-only ones left out, as Python values: a file stays a file."""
    if not isinstance(body, pydantic.BaseModel):
        return body
    declared = type(body).model_fields
    fields: dict[str, object] = {
        field.alias or name: getattr(body, name)
        for name, field in declared.items()
        if name in body.model_fields_set and not _is_read_only(field)
    }
    return {**fields, **(body.model_extra or {})}


def _as_sent(model: pydantic.BaseModel, data: object) -> object:
    """``data`` (``model`` dumped by alias) without the read-only fields of any model in it,
    once every datetime the models hold is known to name an instant (see ``_timestamp``):
    pydantic writes a naive one without an offset, which a nested field would send unnoticed."""
    extra = model.__pydantic_extra__
    if not isinstance(data, dict) or not (extra or _needs_a_look(type(model))):
        return data
    for name, field in type(model).model_fields.items():
        key = field.alias or name
        if key not in data:
            continue
        if _is_read_only(field):
            del data[key]
            continue
        _nested(getattr(model, name), data[key])
    for key, item in (extra or {}).items():
        _nested(item, data.get(key))
    return data


def _nested(value: object, data: object) -> None:
    if isinstance(value, pydantic.BaseModel):
        _as_sent(value, data)
    elif isinstance(value, dt.datetime):
        _timestamp(value)
    elif isinstance(value, list | tuple) and isinstance(data, list):
        for item, item_data in zip(value, data, strict=False):
            _nested(item, item_data)
    elif isinstance(value, Mapping) and isinstance(data, dict):
        for key, item in value.items():
            if str(key) in data:
                _nested(item, data[str(key)])


def _is_read_only(field: pydantic.fields.FieldInfo) -> bool:
    extra = field.json_schema_extra
    return isinstance(extra, dict) and extra.get(READ_ONLY_MARK) is True


@functools.cache
def _needs_a_look(model: type[pydantic.BaseModel]) -> bool:
    """Whether a field of ``model`` is read-only or may hold a model or a datetime (checked per
    class once): the others are sent as dumped."""
    return any(
        _is_read_only(field) or _names_a_model_or_datetime(field)
        for field in model.model_fields.values()
    )


def _names_a_model_or_datetime(field: pydantic.fields.FieldInfo) -> bool:
    return any(
        isinstance(arg, type) and issubclass(arg, pydantic.BaseModel | dt.datetime)
        for arg in _type_arguments(field.annotation)
    )


def _type_arguments(annotation: object, depth: int = 0) -> list[object]:
    if depth > _MAX_TYPE_DEPTH:
        return []
    found = [annotation]
    for arg in typing.get_args(annotation):
        found += _type_arguments(arg, depth + 1)
    return found


def _jsonable_dict(mapping: Mapping[str, object]) -> dict[str, object]:
    return {
        str(key): to_jsonable(item)
        for key, item in mapping.items()
        if not isinstance(item, NotGiven)
    }


def json_text(value: object) -> str:
    """``value`` as compact JSON (UTF-8 kept, NaN refused: it is not JSON)."""
    plain = to_jsonable(value)
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def json_body(value: object, extra_body: Mapping[str, object] | None) -> bytes:
    """Encode a request body; ``extra_body`` keys win over the generated ones."""
    body = {} if isinstance(value, NotGiven) else to_jsonable(value)
    if extra_body:
        if not isinstance(body, dict):
            raise TypeError("extra_body can only be merged into a JSON object body")
        body = {**body, **_jsonable_dict(extra_body)}
    return json_text(body).encode()


def format_value(value: object) -> str:
    """The text form of one parameter value: ``true``/``false``, ISO dates, enum values..."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    plain = to_jsonable(value)
    if isinstance(plain, str):
        return plain
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":"))


def is_absent(value: object) -> bool:
    return value is None or isinstance(value, NotGiven)


def is_json_media(media_type: str) -> bool:
    base = media_type.partition(";")[0].strip().lower()
    return base == "application/json" or base.endswith("+json")
