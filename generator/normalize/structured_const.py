"""A `const` holding an object or an array: read as the one-value `enum` it is by definition.

JSON Schema lets `const` hold any value (`{"const": {"type": "text"}}`, `{"const": [1, 2]}`),
and defines it as an `enum` of that one value. The structural check's model of a schema takes
only a string, number or boolean there, and would refuse a valid spec; an `enum` of objects or
arrays it takes, and the models type it by its value's shape. A plain `const` stays as it is:
it becomes a `Literal`.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        value = schema.get("const")
        if not isinstance(value, dict | list):
            continue
        schema["enum"] = [schema.pop("const")]  # an `enum` beside it allows no more than this
        message = "`const` holding an object or array; read as the one-value `enum` it means"
        where = jsonpointer.join(pointer, "const")
        problems.append(Problem("info", message, file, where))
    return problems
