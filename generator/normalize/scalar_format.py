"""A `format` that disagrees with its `type`: a string format on a number or a boolean, read as
the plain type it sits on, with a warning; an integer format on a number, read as an integer.

JSON Schema applies a format only to values of the type it names: `date-time` describes strings,
and an integer stays an integer whatever its `format` says. Intercom's spec types its Unix
timestamps `type: integer, format: date-time`. Kept, the format would make the field a
`datetime`, so a request would send `"2023-02-08T11:37:43Z"` where the API takes `1675856263`,
and a response would hand back a different value than the server sent. The type is the contract
on the wire; the format goes.

An integer format on a number narrows it instead: the format registry defines `int32`, `int64`
and their kin on numbers, and a number that is a 64-bit integer is an integer. Weaviate's spec
types its object counts `type: number, format: int64` (its Go server sends integers). Read as a
plain number, the field became a `float`: `objectCount` came back as `1000.0`, a count past
2**53 came back rounded, and a caller had to convert every one to use it as the count it is.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer, keywords
from ..errors import Problem
from .shared_walk import every_schema

# The formats that make a field something other than the JSON value (see `hoist.KEPT_FORMATS`),
# with the other string-only ones a generator might one day read.
_STRING_FORMATS = frozenset({"date-time", "date", "time", "uuid", "binary", "byte"})
_SCALARS = frozenset({"integer", "number", "boolean", "null"})
# The format registry's integer formats, and go-swagger's `int` and `uint` (its Go types).
_INTEGER_FORMATS = frozenset(
    f"{sign}int{bits}" for sign in ("", "u") for bits in ("", "8", "16", "32", "64")
)


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        kinds = keywords.types(schema)
        if schema.get("format") in _STRING_FORMATS and kinds and kinds <= _SCALARS:
            kind = " or ".join(sorted(kinds - {"null"})) or "null"
            message = f"`format: {schema.pop('format')}` describes strings; read as a plain {kind}"
            where = jsonpointer.join(pointer, "format")
            problems.append(
                Problem("warning", message, file, where, "drop the format, or type it a string")
            )
        elif _integer_number(schema, kinds):
            _as_integer(schema)
            message = f"`type: number, format: {schema['format']}` read as an integer"
            problems.append(Problem("info", message, file, jsonpointer.join(pointer, "type")))
    return problems


def _integer_number(schema: dict[str, Any], kinds: set[str]) -> bool:
    """A number of an integer format whose listed values (enum and default) are whole numbers:
    a schema that lists `1.5` means a number, whatever its format says."""
    if schema.get("format") not in _INTEGER_FORMATS or "number" not in kinds:
        return False
    enum = schema.get("enum")
    values = [*(enum if isinstance(enum, list) else []), schema.get("default")]
    return not any(isinstance(value, float) and not value.is_integer() for value in values)


def _as_integer(schema: dict[str, Any]) -> None:
    """The type made `integer`, and a listed `2.0` written `2` so the model's default is one."""
    kind = schema["type"]
    if isinstance(kind, str):
        schema["type"] = "integer"
    else:
        schema["type"] = list(dict.fromkeys("integer" if k == "number" else k for k in kind))
    if isinstance(schema.get("default"), float):
        schema["default"] = int(schema["default"])
    if isinstance(schema.get("enum"), list):
        schema["enum"] = [int(v) if isinstance(v, float) else v for v in schema["enum"]]
