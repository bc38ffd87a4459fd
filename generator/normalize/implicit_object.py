"""A schema that lists `properties` (or `additionalProperties`) but no `type` is an object.

Strict JSON Schema lets such a schema match a string, a number or `null` too, since its keywords
only constrain objects. No API team means that: it is a model whose `type: object` was left
out, and the generated class takes only an object. Saying so here keeps the contract validator
from expecting `null` where the client rightly refuses it, and every later stage reads one thing.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema

_OBJECT_KEYWORDS = ("properties", "additionalProperties", "patternProperties")
# Keywords that let a schema be something other than an object: those are left as written.
_OTHER_SHAPES = ("type", "$ref", "oneOf", "anyOf", "not", "enum", "const", "items")


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        shaped = any(isinstance(schema.get(key), dict) for key in _OBJECT_KEYWORDS)
        if shaped and not any(key in schema for key in _OTHER_SHAPES):
            schema["type"] = "object"
            where = jsonpointer.join(pointer, "type")
            message = "schema with properties but no `type` read as `type: object`"
            problems.append(Problem("info", message, file, where))
    return problems
