"""Inline copies of a component schema are that component.

Generators that expand generic types write the type argument inline (utoipa's
`PaginationView_IndexView.results.items` is `IndexView` copied out), and bundlers that dereference
do the same. Given its own class, the copy is a second type for one thing: a user holding an
`IndexView` could not pass a listed index where one is expected. An inline class whose shape (docs
aside) is exactly one component's is that component; a name already locked for the inline class is
kept, so a regenerated package renames nothing its users import. Only a copy of a component's
fields counts: an `allOf` that extends a component adds nothing of its own, so another component
extending it the same way is a coincidence of shape, not the same thing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from .classnames import Entity
from .shapes import without_docs

_COMPONENTS = "/components/schemas/"
_COMPOSED = frozenset({"allOf", "anyOf", "oneOf"})


@dataclass(frozen=True)
class Merged:
    """The entities left to name, the site pointer -> entity key map over them, and each inline
    copy's key -> the key of the component it copies."""

    entities: dict[str, Entity]
    by_pointer: dict[str, str]
    twins: dict[str, str]


def merge_twins(
    entities: Mapping[str, Entity], by_pointer: Mapping[str, str], locked: Mapping[str, str]
) -> Merged:
    components: dict[frozenset[str], list[str]] = {}
    for key, entity in entities.items():
        if key.startswith(_COMPONENTS) and _copyable(entity):
            components.setdefault(_fields(entity), []).append(key)
    twins: dict[str, str] = {}
    for key, entity in entities.items():
        if key.startswith("/") or any(p in locked for p in entity.pointers):
            continue  # a component or an operation's root, or a name users already import
        candidates = components.get(_fields(entity), []) if _copyable(entity) else []
        if not candidates:  # most inline objects: no component has their field names
            continue
        shape = _shape(entity)
        found = [other for other in candidates if _shape(entities[other]) == shape]
        if len(found) == 1:  # two components of that shape: which one it copies is unknowable
            twins[key] = found[0]
    return Merged(
        {key: entity for key, entity in entities.items() if key not in twins},
        {pointer: twins.get(key, key) for pointer, key in by_pointer.items()},
        twins,
    )


def _copyable(entity: Entity) -> bool:
    """An object of fields of its own: what an inline copy of a component is."""
    return isinstance(entity.schema.get("properties"), dict) and not (
        _COMPOSED & entity.schema.keys()
    )


def _fields(entity: Entity) -> frozenset[str]:
    return frozenset(entity.schema["properties"])


def _shape(entity: Entity) -> str:
    return json.dumps(without_docs(entity.schema), sort_keys=True)
