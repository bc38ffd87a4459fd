"""A `type: array` without `items` whose `default` is a JSON object is an object, with a warning.

Specs dumped from languages with a single table type (Lua, PHP) cannot tell a record from a list
and write both as `type: array`; Kong's Admin API types an upstream's `healthchecks` so, with a
nested object as its default. Read by the letter, the default is dropped as invalid and the field
is typed `list`, so a model refuses every value the API sends. An array schema that says nothing
about items has no other reading of its own default than the object it is.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer, keywords
from ..errors import Problem
from .shared_walk import every_schema

# Keywords that say something about an array's items: with any of them, the array is meant.
_ARRAY_KEYWORDS = ("items", "prefixItems", "contains", "minItems", "maxItems", "uniqueItems")


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        if not isinstance(schema.get("default"), dict) or not _bare_array(schema):
            continue
        kind = schema["type"]
        schema["type"] = [_objected(k) for k in kind] if isinstance(kind, list) else "object"
        message = "`type: array` without `items` has an object `default`; read as an object"
        where = jsonpointer.join(pointer, "type")
        problems.append(Problem("warning", message, file, where, "write `type: object`"))
    return problems


def _bare_array(schema: dict[str, Any]) -> bool:
    arrays = "array" in keywords.types(schema)
    return arrays and not any(key in schema for key in _ARRAY_KEYWORDS)


def _objected(kind: Any) -> Any:
    return "object" if kind == "array" else kind
