"""A `type: object` beside an `allOf` that wraps schemas of other types is dropped, with a warning.

Swagger 2.0 allowed nothing beside a `$ref`, so tools attach a description to a reference by
wrapping it, and some add the `type: object` they give every wrapper: Lyft's
`ride_profile: {allOf: [{$ref: RideProfileEnum}], description: ..., type: object}` wraps an
enum of strings. Read literally no value satisfies it, so the contract validator would reject the
`"personal"` the API sends; what the spec means is the wrapped schema. Only a bare wrapper is
changed: one with object keywords of its own (`properties`, `required`...) stays as written.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer, refs
from ..errors import Problem
from .shared_walk import every_schema

_OBJECT_KEYWORDS = frozenset(
    {"properties", "additionalProperties", "patternProperties", "required", "minProperties"}
    | {"maxProperties", "propertyNames", "discriminator", "unevaluatedProperties"}
)


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        members = schema.get("allOf")
        if schema.get("type") != "object" or not isinstance(members, list) or not members:
            continue
        if _OBJECT_KEYWORDS & schema.keys():
            continue
        kinds = [_declared_types(document, member, pointer) for member in members]
        if not all(kind and "object" not in kind for kind in kinds):
            continue
        del schema["type"]
        shown = " and ".join("/".join(kind) for kind in kinds)
        message = f"`type: object` contradicts the `{shown}` its `allOf` wraps; it is dropped"
        fix = "remove `type: object` beside the `allOf`"
        problems.append(Problem("warning", message, file, jsonpointer.join(pointer, "type"), fix))
    return problems


def _declared_types(document: dict[str, Any], member: Any, pointer: str) -> list[str]:
    """The types a member declares (`type` as a name or a list); empty when it declares none."""
    schema = refs.resolve(document, member, pointer).node
    kind = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kind, str):
        return [kind]
    return [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []
