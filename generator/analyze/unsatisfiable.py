"""Schemas no value satisfies: an `allOf` whose members admit no common type.

`allOf: [{type: string}, {type: integer}]` is valid OpenAPI, but every value breaks it, so a
request that must carry one cannot be correct whatever the client does, and a reply that must
carry one is never valid. So does an `allOf` whose members declare a required property with no
common type (a base `Response` with `data: object`, extended with `data: array`): the models
read the later declaration as an override, but no value is valid against the spec. The package
is still generated (the rest of the API is usable); each such schema is a warning naming its
pointer, once, where the conflict is written (a schema whose member is itself unsatisfiable is
not warned about again). Members are read through nested `allOf`s, and a required property whose
members' `enum`s share no value clashes too: Cloudflare answers errors with `allOf` of an
envelope whose `success` is `enum: [true]` and a failure whose `success` is `enum: [false]`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from .. import refs
from ..errors import Problem
from ..keywords import common_types
from ..walk import iter_schemas
from .context import Context

_MAX_DEPTH = 20


def unsatisfiable_schemas(context: Context) -> tuple[Problem, ...]:
    problems = []
    for pointer, schema in iter_schemas(context.document):
        members = schema.get("allOf")
        if not isinstance(members, list):
            continue
        kinds = [_types(context.document, member, pointer, 0) for member in members]
        if schema.get("type") is not None:
            kinds.append(_names(schema["type"]))
        declared = [kind for kind in kinds if kind is not None]
        if [] in declared:
            continue
        if _common(declared) == []:
            shown = " and ".join("/".join(kind) for kind in declared)
            message = f"no value satisfies this schema: its `allOf` admits no common type ({shown})"
            hint = "give the members one type: no request that must carry it can be valid"
            problems.append(Problem("warning", message, context.file, pointer, hint))
        elif _member_clashes(context.document, members, pointer):
            continue  # warned where that member is written
        elif clash := _property_clash(context.document, [*members, _own(schema)], pointer):
            name, shown = clash
            message = (
                f"no value satisfies this schema: its `allOf` members declare the required "
                f"property {name!r} with no common {shown}; the models read the last "
                "declaration as the one that holds"
            )
            hint = (
                f"declare {name!r} so that every member admits its value, or drop it from the base"
            )
            problems.append(Problem("warning", message, context.file, pointer, hint))
    return tuple(problems)


def _member_clashes(document: dict[str, Any], members: list[Any], pointer: str) -> bool:
    """Whether a member is itself an `allOf` whose members clash (and is warned about)."""
    for member in members:
        schema = refs.resolve(document, member, pointer).node
        nested = schema.get("allOf") if isinstance(schema, dict) else None
        if isinstance(nested, list) and _property_clash(document, [*nested, _own(schema)], pointer):
            return True
    return False


def _property_clash(
    document: dict[str, Any], members: list[Any], pointer: str
) -> tuple[str, str] | None:
    """The first required property the members declare with no common type or value, and the
    types or values they declare."""
    declared: dict[str, list[list[str]]] = {}
    values: dict[str, list[list[Any]]] = {}
    required: set[str] = set()
    for schema in _flattened(document, members, pointer, 0):
        required.update(name for name in schema.get("required") or [] if isinstance(name, str))
        properties = schema.get("properties")
        for name, prop in properties.items() if isinstance(properties, dict) else ():
            kind = _types(document, prop, pointer, 0)
            if kind:
                declared.setdefault(name, []).append(kind)
            allowed = _allowed(document, prop, pointer)
            if allowed is not None:
                values.setdefault(name, []).append(allowed)
    for name in sorted(required & declared.keys()):
        if _common(declared[name]) == []:
            return name, "type (" + _shown("/".join(kind) for kind in declared[name]) + ")"
    for name in sorted(required & values.keys()):
        if not [value for value in values[name][0] if all(value in v for v in values[name])]:
            return name, "value (" + _shown(f"enum {json.dumps(v)}" for v in values[name]) + ")"
    return None


def _own(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema's own keywords, beside its `allOf` members (which are read already)."""
    return {key: value for key, value in schema.items() if key != "allOf"}


def _shown(parts: Iterable[str]) -> str:
    return " and ".join(dict.fromkeys(parts))


def _flattened(
    document: dict[str, Any], members: list[Any], pointer: str, depth: int
) -> list[dict[str, Any]]:
    """The members, each nested `allOf` member in its place as well."""
    found: list[dict[str, Any]] = []
    for member in members:
        schema = refs.resolve(document, member, pointer).node
        if not isinstance(schema, dict):
            continue
        found.append(schema)
        nested = schema.get("allOf")
        if isinstance(nested, list) and depth < _MAX_DEPTH:
            found += _flattened(document, nested, pointer, depth + 1)
    return found


def _allowed(document: dict[str, Any], node: Any, pointer: str) -> list[Any] | None:
    """The values a property's `enum` (or `const`) allows; None when it does not say."""
    schema = refs.resolve(document, node, pointer).node
    if not isinstance(schema, dict):
        return None
    if "const" in schema:
        return [schema["const"]]
    enum = schema.get("enum")
    return enum if isinstance(enum, list) else None


def _types(document: dict[str, Any], node: Any, pointer: str, depth: int) -> list[str] | None:
    """The types a schema admits, by its `type` and its `allOf` members' (None: any)."""
    schema = refs.resolve(document, node, pointer).node
    if not isinstance(schema, dict) or depth > _MAX_DEPTH:
        return None
    kinds: list[list[str] | None] = [None if schema.get("type") is None else _names(schema["type"])]
    members = schema.get("allOf")
    for member in members if isinstance(members, list) else []:
        kinds.append(_types(document, member, pointer, depth + 1))
    return _common([kind for kind in kinds if kind is not None])


def _common(kinds: list[list[str]]) -> list[str] | None:
    if not kinds:
        return None
    found = kinds[0]
    for kind in kinds[1:]:
        found = common_types(found, kind)
    return found


def _names(kind: Any) -> list[str]:
    if isinstance(kind, str):
        return [kind]
    return [k for k in kind if isinstance(k, str)] if isinstance(kind, list) else []
