"""Numbers in the `enum` of a string schema meant their text: written as strings, with a warning.

Zoom's `login_type` query parameter is `type: string` with `enum: [0, 1, 99, 100, 101]`. Read
literally no value is both a string and one of those numbers; the intent, the strings `"0"`,
`"1"`, ..., is plain. Left as numbers, the client takes and sends `1` where the API reads `"1"`:
the same in a query, but a different JSON value in a body. A schema that also allows numbers
(`type: [string, integer]`) keeps its enum as written.
"""

from __future__ import annotations

import json
from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        values = schema.get("enum")
        if not _only_string(schema.get("type")) or not isinstance(values, list):
            continue
        if not any(_is_number(value) for value in values):
            continue
        schema["enum"] = [json.dumps(value) if _is_number(value) else value for value in values]
        message = "`enum` of numbers on a string schema; read as their text"
        where = jsonpointer.join(pointer, "enum")
        problems.append(Problem("warning", message, file, where, "quote the enum's values"))
    return problems


def _only_string(kind: Any) -> bool:
    """`string`, or `string` beside `null` alone: no other type the numbers could be."""
    kinds = kind if isinstance(kind, list) else [kind]
    return "string" in kinds and all(item in ("string", "null") for item in kinds)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
