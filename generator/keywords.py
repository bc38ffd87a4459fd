"""JSON Schema keywords read one way everywhere the generator looks at a schema.

`type` may be a string or a list (3.1, or 3.0 after normalization), and may be left out where
`properties` or `items` say what the schema is; these helpers give one answer for all spellings.
"""

from __future__ import annotations

from typing import Any

# Keywords that say what a value is; a schema with none of them only annotates or constrains.
STRUCTURAL = frozenset(
    {
        "type",
        "properties",
        "$ref",
        "enum",
        "const",
        "items",
        "allOf",
        "anyOf",
        "oneOf",
        "additionalProperties",
        "format",
        "prefixItems",
    }
)


def types(schema: dict[str, Any]) -> set[str]:
    """The names in `type`, whether it is one string or a list."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def common_types(first: Any, second: Any) -> list[str]:
    """The `type` names satisfying two `type`s at once (`number` and `integer`: `integer`), in
    the first's order; empty when no value can (`string` and `integer`)."""
    admitted = [_admitted(first), _admitted(second)]
    both = [kind for kind in admitted[0] if kind in admitted[1]]
    return [kind for kind in both if not (kind == "integer" and "number" in both)]


def _admitted(kind: Any) -> list[str]:
    names = [kind] if isinstance(kind, str) else [k for k in kind or [] if isinstance(k, str)]
    return [*names, "integer"] if "number" in names and "integer" not in names else names


def implied_types(schema: dict[str, Any]) -> set[str]:
    """What a schema without `type` still is: an object with properties, an array with items."""
    if "properties" in schema or "additionalProperties" in schema:
        return {"object"}
    if "items" in schema:
        return {"array"}
    return set()


def is_class_worthy(schema: Any) -> bool:
    """An object with properties, or an `allOf` of several parts: a model class of its own."""
    if not isinstance(schema, dict) or "$ref" in schema:
        return False
    properties = schema.get("properties")
    kinds = types(schema)
    if isinstance(properties, dict) and properties and (not kinds or "object" in kinds):
        return True
    members = schema.get("allOf")
    return isinstance(members, list) and len(members) > 1


def is_nullable_object(schema: dict[str, Any]) -> bool:
    return types(schema) == {"object", "null"} and bool(schema.get("properties"))


def is_constraint_only(branch: Any) -> bool:
    """`oneOf: [{required: [a]}, {required: [b]}]` says which keys must be there, not a type."""
    return isinstance(branch, dict) and not (set(branch) & STRUCTURAL)


def is_discriminated_union(schema: dict[str, Any]) -> bool:
    """A union with a discriminator: nested in a list or map it needs a name of its own (the
    discriminator is spelt on a type alias)."""
    return "discriminator" in schema and bool(schema.get("oneOf") or schema.get("anyOf"))
