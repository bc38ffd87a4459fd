"""A bare `type: object` its own spec's examples fill with other values: read as any JSON value.

Swagger 2.0 has no way to say "any value" but to leave `type` out, and the tools of its day read
`type: object` without properties as their language's root type (Java's `Object`), so specs use
it for values that are anything: LaunchDarkly's flag variation `value` (`true`, `"a"`) and the
`values` of a targeting clause (example `"Top Customers"`). Kept, the field is typed `dict`:
mypy refuses `{"value": True}`, the fake client rejects the call the API takes, and a response
holds a value its annotation denies. Where an example the spec gives, at the schema or around
it, puts a non-object in such a schema, the schema becomes any JSON value. That only widens:
every object it allowed it still allows. A bare object no example contradicts is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from jsonschema.exceptions import ValidationError  # type: ignore[import-untyped]
from jsonschema.validators import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable
from referencing.jsonschema import DRAFT202012

from .. import jsonpointer, keywords
from ..errors import Problem
from .shared_walk import every_schema

_ROOT = "urn:sdkgen:spec"

# What a schema may hold and still say nothing about an object's contents.
_ANNOTATIONS = frozenset(
    {
        "type",
        "title",
        "description",
        "example",
        "examples",
        "default",
        "deprecated",
        "readOnly",
        "writeOnly",
        "externalDocs",
        "xml",
        "format",
    }
)
_SCALARS = frozenset({"string", "integer", "number", "boolean", "null"})
_JSON_NAMES = {str: "string", bool: "boolean", int: "number", float: "number", list: "array"}
_REACHING = frozenset({"$ref", "properties", "items", "additionalProperties", "allOf"})


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    schemas = every_schema(document)
    bare = {id(schema): pointer for pointer, schema in schemas if _bare_object(schema)}
    if not bare:
        return []
    resource: Resource[Any] = DRAFT202012.create_resource(document)
    registry: Registry[Any] = Registry().with_resource(_ROOT, resource)
    found: dict[str, tuple[dict[str, Any], str, Any]] = {}
    for pointer, schema in schemas:
        if _may_reach(schema):
            for example, at in _examples(schema, pointer):
                for error in _errors(example, pointer, registry):
                    widened = bare.get(id(error.schema))
                    if widened is not None and widened not in found and error.instance is not None:
                        found[widened] = (error.schema, at, error.instance)
    return [
        _widen(schema, pointer, at, value, file) for pointer, (schema, at, value) in found.items()
    ]


def _bare_object(schema: dict[str, Any]) -> bool:
    """`type: object` (or object-or-null) and nothing else about the value."""
    kinds = keywords.types(schema)
    if "object" not in kinds or not kinds <= {"object", "null"}:
        return False
    return all(key in _ANNOTATIONS or key.startswith("x-") for key in schema)


def _may_reach(schema: dict[str, Any]) -> bool:
    """Whether an example of `schema` may hold a value an object schema describes: not when
    the schema is a scalar that leads nowhere else (most examples are)."""
    kinds = keywords.types(schema)
    return not (kinds and kinds <= _SCALARS) or not _REACHING.isdisjoint(schema)


def _examples(schema: dict[str, Any], pointer: str) -> Iterator[tuple[Any, str]]:
    if "example" in schema:
        yield schema["example"], jsonpointer.join(pointer, "example")
    listed = schema.get("examples")
    for index, example in enumerate(listed if isinstance(listed, list) else ()):
        yield example, jsonpointer.join(pointer, "examples", index)


def _errors(value: Any, pointer: str, registry: Registry[Any]) -> list[ValidationError]:
    """The schema at `pointer`'s objections to `value`, each where it arises (nothing for a
    broken `$ref` or `pattern`: those are reported elsewhere)."""
    target = {"$ref": f"{_ROOT}#{quote(pointer, safe='/~')}"}
    validator = Draft202012Validator(target, registry=registry)
    try:
        return [e for e in validator.iter_errors(value) if e.validator == "type"]
    except (Unresolvable, re.error):
        return []


def _widen(schema: dict[str, Any], pointer: str, at: str, value: Any, file: str) -> Problem:
    del schema["type"]
    shown = _JSON_NAMES.get(type(value), "value")
    article = "an" if shown[0] in "aeiou" else "a"
    message = (
        f"`type: object` with nothing declared, but the example at '#{at}' puts {article} "
        f"{shown} here; read as any JSON value"
    )
    hint = "leave `type` out for a value of any type, or type it as its examples are"
    return Problem("warning", message, file, jsonpointer.join(pointer, "type"), hint)
