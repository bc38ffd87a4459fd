"""`nullable: true` -> a JSON Schema null type, so 3.1 validators and generators see it.

3.1 validators ignore `nullable` (it is not JSON Schema), yet real 3.1 documents carry it: the older
Anam capture has twenty. An enum gets `null` as a member too, or validators reject null anyway.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from .shared_walk import every_schema

ANNOTATIONS = (  # keywords that only describe a schema: they allow and forbid nothing
    "title",
    "description",
    "default",
    "example",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "externalDocs",
)


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        if "nullable" not in schema:
            continue
        if schema.pop("nullable") is True:
            _make_nullable(schema)
            message = "`nullable: true` rewritten as a null type"
            problems.append(Problem("info", message, file, pointer))
    return problems


def _make_nullable(schema: dict[str, Any]) -> None:
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
    elif isinstance(kind, list):
        if "null" not in kind:
            kind.append("null")
    elif any(key in schema for key in ("$ref", "allOf", "oneOf", "anyOf")):
        inner = {key: schema.pop(key) for key in list(schema) if key not in ANNOTATIONS}
        schema["anyOf"] = [inner, {"type": "null"}]
        return
    enum = schema.get("enum")
    if isinstance(enum, list) and None not in enum:
        enum.append(None)
