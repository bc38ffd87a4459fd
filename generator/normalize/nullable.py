"""`nullable: true` -> a JSON Schema null type, so 3.1 validators and generators see it.

3.1 validators ignore `nullable` (it is not JSON Schema), yet real 3.1 documents carry it: the older
Anam capture has twenty. An enum gets `null` as a member too, or validators reject null anyway.

A union branch that is `nullable: true` and nothing else (`anyOf: [{$ref: Filter}, {nullable:
true}]`, how Rust's schemars writes `Option<Filter>`: all of Qdrant's optional fields) is that
null: read by the letter it would be a branch of any value, which says nothing, so the union's
`null` was lost and callers could not pass `None` where the API takes it.

Likewise an `allOf` member that says `nullable: true` and nothing else (`allOf: [{$ref:
UsageData}, {nullable: true}]`, how Together writes a nullable reference) makes the whole
nullable: read by the letter it constrains nothing, so a field the API sends as `null` (every
stream chunk's `usage` but the last) was typed not-null and each chunk failed to parse.
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
    problems: list[Problem] = []
    schemas = every_schema(document)
    for pointer, schema in schemas:
        if _fold_null_members(schema):
            message = "an `allOf` member saying only `nullable: true` makes the whole nullable"
            problems.append(Problem("info", message, file, pointer))
    null_branches = {id(branch) for _, schema in schemas for branch in _bare_nullable(schema)}
    for pointer, schema in schemas:
        if "nullable" not in schema:
            continue
        if schema.pop("nullable") is True:
            if id(schema) in null_branches:
                schema["type"] = "null"
            else:
                _make_nullable(schema)
            message = "`nullable: true` rewritten as a null type"
            problems.append(Problem("info", message, file, pointer))
    return problems


def _fold_null_members(schema: dict[str, Any]) -> bool:
    """Drop `schema`'s `allOf` members that say only `nullable: true`, marking `schema` nullable
    instead (unless it says `nullable: false`, which the intersection keeps); whether any went."""
    members = schema.get("allOf")
    if not isinstance(members, list) or schema.get("nullable") is False:
        return False
    bare = [m for m in members if isinstance(m, dict) and _says_only_nullable(m)]
    if not bare:
        return False
    for member in bare:
        member.pop("nullable")  # detached: the walk below must not rewrite it again
    kept = [m for m in members if all(m is not member for member in bare)]
    if kept:
        schema["allOf"] = kept
    else:
        del schema["allOf"]
    schema["nullable"] = True
    return True


def _says_only_nullable(schema: dict[str, Any]) -> bool:
    return schema.get("nullable") is True and set(schema) - {"nullable"} <= set(ANNOTATIONS)


def _bare_nullable(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The branches of `schema`'s unions that say `nullable: true` and nothing else."""
    branches = [
        b for key in ("anyOf", "oneOf") for b in schema.get(key) or [] if isinstance(b, dict)
    ]
    return [b for b in branches if _says_only_nullable(b)]


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
