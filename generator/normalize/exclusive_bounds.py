"""OpenAPI 3.0 boolean `exclusiveMinimum`/`exclusiveMaximum` -> the 3.1 (JSON Schema) numbers."""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from .shared_walk import every_schema

_PAIRS = (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum"))


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        for exclusive, bound in _PAIRS:
            flag = schema.get(exclusive)
            if not isinstance(flag, bool):
                continue
            del schema[exclusive]
            if flag and bound in schema:
                schema[exclusive] = schema.pop(bound)
            message = f"boolean `{exclusive}` rewritten in the 3.1 form"
            problems.append(Problem("info", message, file, pointer))
    return problems
