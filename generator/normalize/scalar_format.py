"""A string `format` on a number or a boolean: read as the plain type it sits on, with a warning.

JSON Schema applies a format only to values of the type it names: `date-time` describes strings,
and an integer stays an integer whatever its `format` says. Intercom's spec types its Unix
timestamps `type: integer, format: date-time`. Kept, the format would make the field a
`datetime`, so a request would send `"2023-02-08T11:37:43Z"` where the API takes `1675856263`,
and a response would hand back a different value than the server sent. The type is the contract
on the wire; the format goes.
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
    return problems
