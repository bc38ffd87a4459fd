"""An `enum` of plain values on an array schema meant its items: moved onto `items`, with a warning.

Box's `Folder.allowed_shared_link_access_levels` is `type: array` with `items: {type: string}`
and `enum: [collaborators, open, company]` beside them. Read literally the value must be one of
three strings and an array at once, which nothing is; the intent, a list of those strings, is
plain. Left in place, the model generator turns the array into an enum of its own naming. An
enum whose values are arrays is a real constraint on the whole array and stays.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer, keywords
from ..errors import Problem
from .shared_walk import every_schema


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        values = schema.get("enum")
        if "array" not in keywords.types(schema) or not isinstance(values, list) or not values:
            continue
        if any(isinstance(value, list) for value in values):
            continue
        del schema["enum"]
        # a `null` joined in by `nullable: true` belongs to the array, which keeps its null type
        values = [value for value in values if value is not None]
        items = schema.get("items")
        if not values:
            continue
        if items is None:
            schema["items"] = {"enum": values}
        elif isinstance(items, dict) and "$ref" not in items and "enum" not in items:
            items["enum"] = values
        else:
            message = "`enum` of plain values on an array allows no value; dropped"
            where = jsonpointer.join(pointer, "enum")
            problems.append(Problem("warning", message, file, where, "put the enum on `items`"))
            continue
        message = "`enum` of plain values on an array; read as the enum of its items"
        where = jsonpointer.join(pointer, "enum")
        problems.append(Problem("warning", message, file, where, "put the enum on `items`"))
    return problems
