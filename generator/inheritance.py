"""`allOf` as class inheritance, and the edges of it that cannot be classes.

A component that includes another through `allOf` becomes its subclass. JSON Schema also allows
an `allOf` cycle (A includes B includes A), which adds nothing to either and has no class form.
"""

from __future__ import annotations

from typing import Any

from . import refs
from .refs import component_name


def cyclic_inheritance(document: dict[str, Any]) -> frozenset[tuple[str, str]]:
    """`allOf` edges (child, parent) that lie on a cycle (A includes B includes A).

    A cycle of `allOf` is legal JSON Schema (including yourself adds nothing) but cannot be class
    inheritance; those edges are dropped from the models, each class keeping its own properties.
    """
    schemas = (document.get("components") or {}).get("schemas") or {}
    parents = {name: allof_refs(schema) & set(schemas) for name, schema in schemas.items()}
    reach: dict[str, set[str]] = {}
    for start in parents:
        seen: set[str] = set()
        stack = list(parents[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(parents.get(node, ()))
        reach[start] = seen
    return frozenset(
        (child, parent)
        for child, found in parents.items()
        for parent in found
        if child in reach.get(parent, set())
    )


def allof_refs(schema: Any) -> set[str]:
    """Components a schema includes through `allOf`, directly or in nested `allOf` members."""
    found: set[str] = set()
    members = schema.get("allOf") if isinstance(schema, dict) else None
    for member in members if isinstance(members, list) else []:
        name = component_name(member)
        if name is not None:
            found.add(name)
        else:
            found |= allof_refs(member)
    return found


def declared_properties(document: dict[str, Any], schema: Any) -> dict[str, Any]:
    """Every property a class declares: its own and its `allOf` members' (through `$ref`s),
    each name with the schema that declares it (the class's own declaration last, so it wins)."""
    found: dict[str, Any] = {}
    seen: set[int] = set()
    stack = [schema]
    order: list[dict[str, Any]] = []
    while stack:
        node = refs.resolve(document, stack.pop(), "").node
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        members = node.get("allOf")
        stack.extend(members if isinstance(members, list) else [])
    for node in reversed(order):
        properties = node.get("properties")
        if isinstance(properties, dict):
            found.update(properties)
    return found
