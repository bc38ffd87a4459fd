"""An `allOf` member naming an alias component names the component the alias stands for.

Asana's spec declares intermediate names that are nothing but a reference
(`AttachmentBase: {$ref: AttachmentCompact}`) and builds on them
(`AttachmentResponse: {allOf: [{$ref: AttachmentBase}, {properties: ...}]}`). The alias has no
properties and no `allOf` of its own, so inheritance read through it found nothing: the class lost
every inherited field and kept what the API sent as unknown extras. Both names mean one schema,
so the member is re-pointed at the end of the alias chain (annotations beside an alias's `$ref`
describe the alias, not its shape). The alias itself stays, as the alias it is.
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..refs import SCHEMA_PREFIX, component_name
from .shared_walk import every_schema

_ANNOTATIONS = frozenset(
    {"$ref", "title", "description", "example", "examples", "deprecated", "externalDocs"}
    | {"readOnly", "writeOnly", "$comment"}
)


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    components = (document.get("components") or {}).get("schemas")
    if not isinstance(components, dict):
        return []
    problems = []
    for pointer, schema in every_schema(document):
        members = schema.get("allOf")
        if not isinstance(members, list):
            continue
        for index, member in enumerate(members):
            alias = component_name(member)
            target = _target(components, alias) if alias is not None else None
            if alias is None or target is None or target == alias:
                continue
            member["$ref"] = SCHEMA_PREFIX + jsonpointer.escape(target)
            message = f"`{alias}` only names `{target}`; this `allOf` member includes `{target}`"
            where = jsonpointer.join(pointer, "allOf", index, "$ref")
            problems.append(Problem("info", message, file, where))
    return problems


def _target(components: dict[str, Any], name: str) -> str | None:
    """The component at the end of `name`'s chain of aliases (`name` when it is no alias);
    None when the chain leads nowhere (a missing component, or a cycle of aliases)."""
    seen = {name}
    while _is_alias(components.get(name)):
        following = component_name(components[name])
        if following is None or following in seen or following not in components:
            return None
        seen.add(following)
        name = following
    return name


def _is_alias(schema: Any) -> bool:
    """A component that is a reference to another component and says nothing else about it."""
    return (
        isinstance(schema, dict)
        and component_name(schema) is not None
        and schema.keys() <= _ANNOTATIONS
    )
