"""`allOf` compositions closed by `additionalProperties: false`, validated as their authors mean.

`additionalProperties` sees only the properties written beside it. Read literally, a closed
composite (`allOf: [Base, {properties: ...}]` beside `additionalProperties: false`) forbids every
property its members declare, and a closed member (`Base` closed itself) forbids every property
the other members add: no object carrying the members' required properties is valid, though it
is what every caller sends and every server answers (AssemblyAI's `TranscriptParams` and its
LeMUR replies are written so). The generated models and the fake client read such a composite as
one object closed over the properties of all its members; the harness validates it the same
way: the composite gets `unevaluatedProperties: false` (which sees what its members evaluate) and
each closing member an open copy of itself, inside that composite only. A key no member declares
is still refused. `verify` lists each place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..walk import iter_schemas
from .schemas import resolved_schema

_CLOSERS = ("additionalProperties", "unevaluatedProperties")
_MAX_DEPTH = 20


@dataclass(frozen=True)
class ClosedComposition:
    """An `allOf` at `pointer` that closes the object; `members` as the spec writes them."""

    pointer: str
    members: tuple[Any, ...]
    closed_itself: bool  # `additionalProperties: false` beside the `allOf`, not only in members

    def __str__(self) -> str:
        return (
            f"#{self.pointer}: an `allOf` closed by `additionalProperties: false` admits no "
            "object as written; validated as closed over the properties of all its members"
        )


def close_compositions(document: dict[str, Any]) -> list[ClosedComposition]:
    """Rewrite (in place) every closed `allOf` of `document` as described above."""
    places = []
    for pointer, schema in list(iter_schemas(document)):
        members = schema.get("allOf")
        if not isinstance(members, list):
            continue
        closed_itself = schema.get("additionalProperties") is False
        opened = [_opened(document, member, 0) for member in members]
        if not closed_itself and all(new is old for new, old in zip(opened, members, strict=True)):
            continue
        places.append(ClosedComposition(pointer, tuple(members), closed_itself))
        schema["allOf"] = opened
        if closed_itself:
            del schema["additionalProperties"]
        schema["unevaluatedProperties"] = False
    return places


def _opened(document: dict[str, Any], member: Any, depth: int) -> Any:
    """`member` as one part of a composition: itself when it closes nothing, else a copy of
    what it points to without its closing keyword (and with its own members opened)."""
    target = resolved_schema(document, member)
    if not isinstance(target, dict) or not _closes(document, target, depth):
        return member
    opened = {key: value for key, value in target.items() if not _closing(key, value)}
    if isinstance(target.get("allOf"), list):
        opened["allOf"] = [_opened(document, inner, depth + 1) for inner in target["allOf"]]
    return opened


def _closes(document: dict[str, Any], schema: dict[str, Any], depth: int) -> bool:
    """Whether `schema`, or an `allOf` member of it, refuses properties it does not declare."""
    if depth > _MAX_DEPTH:
        return False
    if any(_closing(key, value) for key, value in schema.items()):
        return True
    for member in schema.get("allOf") or []:
        target = resolved_schema(document, member)
        if isinstance(target, dict) and _closes(document, target, depth + 1):
            return True
    return False


def _closing(key: str, value: Any) -> bool:
    return key in _CLOSERS and value is False
