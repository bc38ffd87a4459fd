"""Conversions from Python argument values to what goes on the wire.

One set of rules for every place a value can travel (query, headers, path, form fields, JSON
bodies), so that a ``datetime`` or an ``Enum`` means the same thing wherever the spec puts it.
``NOT_GIVEN`` and ``None`` are dropped from query, header and form parameters because an absent
optional parameter must not reach the server as the text "None".
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import uuid
from collections.abc import Mapping
from decimal import Decimal

import pydantic

from ._types import NotGiven

__all__ = [
    "format_value",
    "header_params",
    "json_body",
    "merge_params",
    "query_params",
    "to_jsonable",
]


def to_jsonable(value: object) -> object:
    """A structure ``json.dumps`` accepts, keeping the real values of secret model fields."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return _jsonable_dict(value)
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(item) for item in value]
    if isinstance(value, enum.Enum):
        return to_jsonable(value.value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    return value


def _jsonable_dict(mapping: Mapping[str, object]) -> dict[str, object]:
    return {
        str(key): to_jsonable(item)
        for key, item in mapping.items()
        if not isinstance(item, NotGiven)
    }


def json_body(value: object, extra_body: Mapping[str, object] | None) -> bytes:
    """Encode a request body; ``extra_body`` keys win over the generated ones."""
    body = {} if isinstance(value, NotGiven) else to_jsonable(value)
    if extra_body:
        if not isinstance(body, dict):
            raise TypeError("extra_body can only be merged into a JSON object body")
        body = {**body, **_jsonable_dict(extra_body)}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


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


def _is_absent(value: object) -> bool:
    return value is None or isinstance(value, NotGiven)


def query_params(params: Mapping[str, object]) -> dict[str, list[str]]:
    """Query values by name; a list or tuple becomes a repeated parameter (``?a=1&a=2``)."""
    result: dict[str, list[str]] = {}
    for name, value in params.items():
        if _is_absent(value):
            continue
        items = value if isinstance(value, list | tuple) else [value]
        result[name] = [format_value(item) for item in items if not _is_absent(item)]
    return result


def merge_params(*layers: Mapping[str, list[str]]) -> list[tuple[str, str]]:
    """Flatten query layers in order of precedence; a later layer replaces a name entirely."""
    merged: dict[str, list[str]] = {}
    for layer in layers:
        merged.update(layer)
    return [(name, value) for name, values in merged.items() for value in values]


def header_params(params: Mapping[str, object]) -> dict[str, str]:
    """Header values by name; a list becomes one comma-separated header, as HTTP defines."""
    return {name: ", ".join(values) for name, values in query_params(params).items()}
