"""A schema that lists `properties` (or `additionalProperties`) but no `type` is an object, and
one that lists `items` but no `type` is an array.

Strict JSON Schema lets such a schema match a string, a number or `null` too, since its keywords
only constrain objects (or arrays). No API team means that: it is a model whose `type: object`
was left out (PagerDuty's `responder_request_targets` lists `items` alone), and the generated
class or list takes only that shape. Saying so here keeps the contract validator from expecting
`null` where the client rightly refuses it, and every later stage reads one thing.

A schema without `type` whose `format` is a JSON type's name is that type, its `type` written
in the wrong keyword: Weaviate's node status says `compressed: {format: boolean}` and
`vectorIndexingStatus: {format: string}`. No format registry has such names, and read by the
letter the fields took any value, so they came back typed `Any`.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema

_OBJECT_KEYWORDS = ("properties", "additionalProperties", "patternProperties")
# Keywords that let a schema be something other than an object or array: left as written.
_OTHER_SHAPES = ("type", "$ref", "oneOf", "anyOf", "not", "enum", "const")
_SCALAR_NAMES = frozenset({"string", "boolean", "integer", "number"})


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        if any(key in schema for key in _OTHER_SHAPES):
            continue
        object_shaped = any(isinstance(schema.get(key), dict) for key in _OBJECT_KEYWORDS)
        array_shaped = isinstance(schema.get("items"), dict)
        if not object_shaped and not array_shaped and _type_as_format(schema):
            message = f"`format: {schema['type']}` without a `type` read as its `type`"
            problems.append(Problem("info", message, file, jsonpointer.join(pointer, "type")))
            continue
        if object_shaped == array_shaped:  # neither, or both: which one is meant is unclear
            continue
        kind = "object" if object_shaped else "array"
        schema["type"] = kind
        keywords = "properties" if object_shaped else "items"
        message = f"schema with {keywords} but no `type` read as `type: {kind}`"
        problems.append(Problem("info", message, file, jsonpointer.join(pointer, "type")))
    return problems


def _type_as_format(schema: dict[str, Any]) -> bool:
    """Moves a plain value's type from `format` to `type`; False where the schema is no such
    value (another format, or parts of its own in `allOf`)."""
    if schema.get("format") not in _SCALAR_NAMES or "allOf" in schema:
        return False
    schema["type"] = schema.pop("format")
    return True
