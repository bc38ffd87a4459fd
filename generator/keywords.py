"""JSON Schema keywords read one way everywhere the generator looks at a schema.

`type` may be a string or a list (3.1, or 3.0 after normalization), and may be left out where
`properties` or `items` say what the schema is; these helpers give one answer for all spellings.
"""

from __future__ import annotations

from typing import Any


def types(schema: dict[str, Any]) -> set[str]:
    """The names in `type`, whether it is one string or a list."""
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def implied_types(schema: dict[str, Any]) -> set[str]:
    """What a schema without `type` still is: an object with properties, an array with items."""
    if "properties" in schema or "additionalProperties" in schema:
        return {"object"}
    if "items" in schema:
        return {"array"}
    return set()
