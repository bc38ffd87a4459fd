"""An empty `enum` allows no value at all: read as the plain type it restricts, with a warning.

Discord's spec has two (`enum: []` beside an `allOf` naming the real enum). A validator would
reject every value; the intent, a value of the schema's type, is plain.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        if schema.get("enum") == []:
            del schema["enum"]
            message = "empty `enum` allows no value; read as the plain type"
            where = jsonpointer.join(pointer, "enum")
            problems.append(Problem("warning", message, file, where, "list the values or drop it"))
    return problems
