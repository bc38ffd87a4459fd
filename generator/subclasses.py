"""The named classes made valid subclasses of what they extend, in place.

A class whose parents declare one property differently stops inheriting from the later one:
`allOf: [ProjectResponse, Failure]` is a class of both bases in Python, and type checkers refuse
a class whose bases declare one field with types that do not agree: Cloudflare's error replies
extend the success envelope (`success: Literal[True]`) and the failure (`Literal[False]`), and
every one of them failed `mypy --strict`. pydantic reads the first base's field either way, so
the class keeps its first parent and declares the later one's other properties, and what it
requires of them, itself: the fields a value has stay as they were.
"""

from __future__ import annotations

from typing import Any

from .inheritance import (
    allof_parents,
    covers,
    declared_properties,
    narrow_overrides,
    require_inherited,
    required_names,
    separate_tagged_members,
)
from .jsonpointer import escape
from .refs import SCHEMA_PREFIX, component_name


def settle_subclasses(schemas: dict[str, dict[str, Any]]) -> None:
    """Each step in place: tagged members apart, overrides narrowed, clashing parents inlined,
    and what any parent requires required."""
    separate_tagged_members(schemas)
    narrow_overrides(schemas)
    separate_clashing_parents(schemas)
    require_inherited(schemas)


def separate_clashing_parents(schemas: dict[str, dict[str, Any]]) -> None:
    """In place: each class inlines every later parent that clashes with an earlier one."""
    document = {"components": {"schemas": schemas}}
    for name in sorted(schemas):
        parents = [parent for parent in allof_parents(schemas[name]) if parent in schemas]
        for index, later in enumerate(parents[1:], 1):
            if "discriminator" in schemas[later]:
                continue
            theirs = declared_properties(document, _ref(later))
            clashes = {
                prop
                for earlier in parents[:index]
                for prop, held in declared_properties(document, _ref(earlier)).items()
                if prop in theirs and not covers(schemas, theirs[prop], held)
            }
            if clashes:
                kept = {prop: held for prop, held in theirs.items() if prop not in clashes}
                wanted = sorted(required_names(schemas, later, set()) & kept.keys())
                member: dict[str, Any] = {"type": "object", "properties": kept}
                if wanted:
                    member["required"] = wanted
                schemas[name] = _replaced(schemas[name], later, member)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": SCHEMA_PREFIX + escape(name)}


def _replaced(schema: dict[str, Any], parent: str, member: dict[str, Any]) -> dict[str, Any]:
    members = [member if component_name(m) == parent else m for m in schema.get("allOf") or []]
    return {**schema, "allOf": members}
