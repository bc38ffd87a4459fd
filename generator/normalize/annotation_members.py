"""An `allOf` member that only annotates (a `description`, a `title`) describes the schema that
holds the `allOf`, and is merged into it.

Resend's `template: {allOf: [{$ref: EmailTemplateInput}, {description: Use a published
template...}]}` is a common way to describe a reference in OpenAPI 3.0, where a `$ref` ignores
its siblings. Read as a second parent, the member made a class of its own with nothing in it
(`SendEmailTemplate(EmailTemplateInput): pass`) and its text was lost from the field's
docstring. A member with any constraint stays a member; an annotation the outer schema already
has is kept as the outer schema says it.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem
from .shared_walk import every_schema

_ANNOTATIONS = frozenset(
    {"title", "description", "example", "examples", "deprecated", "externalDocs", "$comment"}
)


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems = []
    for pointer, schema in every_schema(document):
        members = schema.get("allOf")
        if not isinstance(members, list) or len(members) < 2:
            continue
        kept = [m for m in members if not _annotates(m)]
        if not kept or len(kept) == len(members):
            continue
        for member in members:
            if _annotates(member):
                for key, value in member.items():
                    schema.setdefault(key, value)
        schema["allOf"] = kept
        problems.append(Problem("info", "annotation-only `allOf` member merged", file, pointer))
    return problems


def _annotates(member: Any) -> bool:
    return isinstance(member, dict) and bool(member) and member.keys() <= _ANNOTATIONS
