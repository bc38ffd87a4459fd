"""A `required` name no property of the class declares is dropped from `required`, with a warning.

`required: [id, ghost]` where nothing declares `ghost` (often a property renamed or removed) would
make a field of unknown type that every response must carry and every request must send. Dropping
the requirement never rejects a valid message. A class is judged with its `allOf` members (an
inline member may require what another declares) and with the components that include it (a base
`Paging` may require the `items` each of its subclasses declares); schemas without properties or
`allOf` (mixins of constraints, `oneOf` branches saying which keys must be there) are left alone.
The components that include it may be inline schemas too: an operation's body composing a base
with the mixin that declares what the base requires.
"""

from __future__ import annotations

import re
from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..inheritance import allof_ancestors, allof_refs, declared_properties
from .shared_walk import every_schema

_MEMBER = re.compile(r"/allOf/\d+$")


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems: list[Problem] = []
    subclasses = _subclasses(document)
    for pointer, schema in every_schema(document):
        if _MEMBER.search(pointer) or not ("properties" in schema or "allOf" in schema):
            continue
        declared = set(declared_properties(document, schema))
        for subclass in subclasses.get(pointer, ()):
            declared |= set(declared_properties(document, subclass))
        for where, holder in _holders(schema, pointer):
            required = holder.get("required")
            if not isinstance(required, list):
                continue
            for name in [name for name in required if name not in declared]:
                message = f"required property {name!r} is not declared; it is read as optional"
                hint = f"declare `{name}` under `properties`, or remove it from `required`"
                where_required = jsonpointer.join(where, "required")
                problems.append(Problem("warning", message, file, where_required, hint))
            kept = [name for name in required if name in declared]
            if len(kept) < len(required):
                holder["required"] = kept
    return problems


def _subclasses(document: dict[str, Any]) -> dict[str, list[Any]]:
    """Component pointer -> the schemas that include it through `allOf`, at any depth: other
    components, and inline schemas (a request body `allOf: [Text, SmsChannel]` declares the `to`
    that `Text`'s base requires)."""
    schemas = (document.get("components") or {}).get("schemas") or {}
    ancestors = allof_ancestors(schemas)
    found: dict[str, list[Any]] = {}
    for pointer, schema in every_schema(document):
        if _MEMBER.search(pointer):
            continue  # a member is judged with the class it is part of
        direct = allof_refs(schema) & ancestors.keys()
        included = direct.union(*(ancestors[name] for name in direct))
        for parent in sorted(included):
            where = jsonpointer.join("", "components", "schemas", parent)
            if where != pointer:
                found.setdefault(where, []).append(schema)
    return found


def _holders(schema: dict[str, Any], pointer: str) -> list[tuple[str, dict[str, Any]]]:
    """The class and its inline `allOf` members (at any depth): where its `required` lists are."""
    found = [(pointer, schema)]
    members = schema.get("allOf")
    for index, member in enumerate(members if isinstance(members, list) else []):
        if isinstance(member, dict) and "$ref" not in member:
            found += _holders(member, jsonpointer.join(pointer, "allOf", index))
    return found
