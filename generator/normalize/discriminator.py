"""Discriminators made explicit, or dropped (with a warning) where they cannot be honoured.

A discriminator lets a parser pick a union member by one property (`pet_type: dog`) instead of by
trying each. The models put each member's tags on that property (`pet_type: Literal["dog"]`), so
they must be exact: every member must be a component declaring the property, its tags must be
the same in every union it belongs to, and the property's own schema must allow them (a name
its `enum` leaves out is one the API never sends). The mapping is written out in full here, with
the tags a spec implies (the member's `const`/single `enum` value, else its component name as
written), so renaming a class never changes a tag. A discriminator that breaks these rules is
dropped: the union is then told apart by shape, which still parses every valid message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import jsonpointer, keywords
from ..errors import Problem
from ..inheritance import declared_properties
from ..refs import SCHEMA_PREFIX, component_name, resolve
from .shared_walk import every_schema


@dataclass
class _Site:
    pointer: str
    schema: dict[str, Any]
    tags: dict[str, list[str]]  # member component -> its tags


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    problems: list[Problem] = []
    sites: list[_Site] = []
    for pointer, schema in every_schema(document):
        if "discriminator" not in schema:
            continue
        tags, reason = member_tags(document, pointer, schema)
        if tags is None:
            _drop(schema, reason, file, pointer, problems)
        else:
            sites.append(_Site(pointer, schema, tags))
    claimed: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for site in sites:
        prop = site.schema["discriminator"]["propertyName"]
        for member, tags_of_member in site.tags.items():
            claimed.setdefault((member, prop), set()).add(tuple(sorted(tags_of_member)))
    for site in sites:
        prop = site.schema["discriminator"]["propertyName"]
        clash = next((m for m in site.tags if len(claimed[(m, prop)]) > 1), None)
        if clash is not None:
            reason = f"member {clash!r} has other tags in another discriminated union"
            _drop(site.schema, reason, file, site.pointer, problems)
        else:
            mapping = {tag: SCHEMA_PREFIX + member for member, t in site.tags.items() for tag in t}
            site.schema["discriminator"] = {"propertyName": prop, "mapping": mapping}
    return problems


def member_tags(
    document: dict[str, Any], pointer: str, schema: dict[str, Any]
) -> tuple[dict[str, list[str]] | None, str]:
    """Each member's tags, or None and why the discriminator cannot be honoured."""
    discriminator = schema["discriminator"]
    prop = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
    if not isinstance(prop, str):
        return None, "it names no `propertyName`"
    members = union_members(document, pointer, schema)
    if members is None:
        return None, "a member is not a `$ref` to a component schema"
    mapped: dict[str, list[str]] = {}
    raw_mapping = discriminator.get("mapping")
    for tag, target in (raw_mapping if isinstance(raw_mapping, dict) else {}).items():
        member = _mapped_component(target)
        if member not in members:
            return None, f"mapping {tag!r} names no member of the union"
        mapped.setdefault(member, []).append(str(tag))
    schemas = (document.get("components") or {}).get("schemas") or {}
    tags: dict[str, list[str]] = {}
    for member in members:
        declared = declared_properties(document, schemas.get(member))
        if prop not in declared:
            return None, f"member {member!r} does not declare {prop!r}"
        where = jsonpointer.join(SCHEMA_PREFIX[1:], member)
        property_schema = resolve(document, declared[prop], where).node
        tags[member] = mapped.get(member) or _implied(property_schema, member)
        refused = next((t for t in tags[member] if not _admits(property_schema, t)), None)
        if refused is not None:
            return None, f"member {member!r} cannot carry the tag {refused!r} in {prop!r}"
    return tags, ""


def union_members(
    document: dict[str, Any], pointer: str, schema: dict[str, Any]
) -> list[str] | None:
    """The union's branches, or for a discriminator on a parent, the components including it."""
    branches = schema.get("oneOf") or schema.get("anyOf")
    if isinstance(branches, list) and branches:
        names = [component_name(branch) for branch in branches]
        return None if None in names else [name for name in names if name is not None]
    parent = component_name({"$ref": "#" + pointer})
    schemas = (document.get("components") or {}).get("schemas") or {}
    children = [
        key
        for key, child in schemas.items()
        if isinstance(child, dict)
        and any(component_name(m) == parent for m in child.get("allOf") or [])
    ]
    return children if parent is not None and children else None


def _mapped_component(target: Any) -> str | None:
    if not isinstance(target, str):
        return None
    return component_name({"$ref": target}) if target.startswith("#") else target


def _implied(prop: Any, member: str) -> list[str]:
    """The member's own value for the property (`const`, a one-value `enum`), else its name."""
    if isinstance(prop, dict):
        if isinstance(prop.get("const"), str):
            return [prop["const"]]
        enum = prop.get("enum")
        if isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str):
            return [enum[0]]
    return [member]


def _admits(prop: Any, tag: str) -> bool:
    """Whether the property's own schema allows the tag (`$ref`s followed): its `const`, its
    `enum`, a `type` that includes strings. The models would spell the tag on the property, and a
    value the spec forbids there is one the API never sends."""
    if not isinstance(prop, dict):
        return True
    if "const" in prop:
        return bool(prop["const"] == tag)
    enum = prop.get("enum")
    if isinstance(enum, list) and enum:
        return tag in enum
    kinds = keywords.types(prop)
    return not kinds or "string" in kinds


def _drop(
    schema: dict[str, Any], reason: str, file: str, pointer: str, problems: list[Problem]
) -> None:
    del schema["discriminator"]
    message = f"discriminator ignored: {reason}; members are told apart by their shape"
    hint = "make every member a component that declares the property, with one set of tags"
    where = jsonpointer.join(pointer, "discriminator")
    problems.append(Problem("warning", message, file, where, hint))
