"""A `oneOf`/`anyOf` with a single branch is that branch (Anam's `emotion` enum is spelt so).

Merging keeps one schema per field instead of a union of one, which generators would otherwise turn
into a wrapper type. Only branches that do not contradict the outer schema are merged.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from .shared_walk import every_schema


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        for key in ("oneOf", "anyOf"):
            branches = schema.get(key)
            if not (isinstance(branches, list) and len(branches) == 1):
                continue
            branch = branches[0]
            if not isinstance(branch, dict) or "$ref" in branch or _conflicts(schema, branch):
                continue
            del schema[key]
            schema.update(branch)
            problems.append(Problem("info", f"single-branch `{key}` merged", file, pointer))
    return problems


def _conflicts(schema: dict[str, Any], branch: dict[str, Any]) -> bool:
    return any(key in schema and schema[key] != value for key, value in branch.items())
