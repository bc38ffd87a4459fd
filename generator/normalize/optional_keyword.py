"""Drop the non-standard `optional: true` property keyword (older Anam capture).

It only restates that a property is not required; removing it keeps validators and generators from
tripping over an unknown keyword, and a property marked optional is taken out of `required`.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from .shared_walk import every_schema


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        properties = schema.get("properties")
        if not isinstance(properties, dict):
            continue
        for name, prop in properties.items():
            if isinstance(prop, dict) and "optional" in prop and not _is_property_name(prop):
                optional = prop.pop("optional")
                required = schema.get("required")
                if optional is True and isinstance(required, list) and name in required:
                    required.remove(name)
                where = jsonpointer.join(pointer, "properties", name, "optional")
                problems.append(
                    Problem("info", "non-standard `optional` keyword dropped", file, where)
                )
    return problems


def _is_property_name(prop: dict[str, Any]) -> bool:
    """A schema whose own properties map holds a field called `optional` is left alone."""
    return isinstance(prop.get("optional"), dict)
