"""Named objects that declare no property of their own, given to the models as maps.

A component such as Qdrant's `Payload` (`{type: object, additionalProperties: true}`) or a bare
`{type: object}` holds whatever keys the caller chose. datamodel-code-generator makes it an empty
class when it is named (while the same schema inline is a `dict[str, Any]`), and mypy then refuses
`point.payload["city"]` and every other way of reading it. As a map (`additionalProperties: {}`)
it becomes `TypeAliasType("Payload", dict[str, Any])`, what requests already take for it.

A component some other schema extends through `allOf` stays a class: its children inherit it.
"""

from __future__ import annotations

from typing import Any

from . import keywords
from .inheritance import allof_refs

# keywords that give an object a shape of its own, beyond "any keys"
_SHAPING = frozenset(
    {
        "properties",
        "patternProperties",
        "allOf",
        "anyOf",
        "oneOf",
        "not",
        "discriminator",
        "enum",
        "const",
        "$ref",
    }
)


def as_open_maps(schemas: dict[str, Any]) -> dict[str, Any]:
    """`schemas`, each named object that holds any keys at all rewritten as a map of `Any`."""
    extended: set[str] = set()
    for schema in schemas.values():
        extended |= allof_refs(schema)
    out = dict(schemas)
    for name, schema in schemas.items():
        if name not in extended and _open_object(schema):
            out[name] = {**schema, "additionalProperties": {}}
    return out


def _open_object(schema: Any) -> bool:
    """An object (only: a nullable one is left as it is) with no shaping keyword, whose extra
    keys may hold anything (`additionalProperties` absent, `true` or `{}`)."""
    if not isinstance(schema, dict) or keywords.types(schema) != {"object"}:
        return False
    if schema.get("nullable") is True:
        return False
    if any(key in schema and schema[key] not in ({}, []) for key in _SHAPING):
        return False
    return schema.get("additionalProperties", True) in (True, {})
