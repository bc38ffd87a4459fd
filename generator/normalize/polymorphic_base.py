"""A discriminator on a base class (the Springdoc/Jackson, NSwag and Redocly shape) as a union.

Java and .NET frameworks describe a class hierarchy by putting the discriminator on the base
schema itself, which holds the shared properties; each subclass includes the base through
`allOf`. The base may also list the subclasses in its own `oneOf` (Springdoc with
`@Schema(oneOf = ...)`), or not, leaving them to point back through `allOf` alone:

    Pet: {type: object, properties: {petType: ..., name: ...},
          discriminator: {propertyName: petType, mapping: {dog: Dog, cat: Cat}},
          oneOf: [Dog, Cat]}                      # optional
    Dog: {allOf: [Pet, {properties: {barks: ...}}]}

A value of type `Pet` is then one of the subclasses, told apart by `petType`. Here the base stays
the class its subclasses extend (`Dog(Pet)`, so `isinstance(value, Pet)` holds), and a union
component `PetUnion` (`oneOf` the subclasses, with the discriminator) takes its place wherever
the spec uses `Pet` as a value's type, so that a reply is parsed into the right subclass. The
discriminator check that follows judges the union's tags as for any other.

A base whose property allows tags no subclass carries (Okta's `TokenRequest`: `grant_type` may
be `implicit`, and only eleven grant types have a subclass) is itself what the API means by those
tags. The union then gains one more member, `<Base>Other`: the base with the property narrowed to
the tags left over, so that a request with such a tag can still be built and a reply with one is
still read, while every other tag picks its subclass. Without it the base would stay the type of
every value, and a caller could send none of the subclasses' fields.

Left as written, with the reason in an info note: a base listed among its own subclasses by a
`$ref` with constraints beside it (a bare one adds nothing to the union and is gone already, see
self_union.py), a discriminator whose tags cannot be honoured (the check that follows drops it),
and a `oneOf` listing a schema that does not extend the base (a union of unrelated shapes, not
a hierarchy).
"""

from __future__ import annotations

from typing import Any

from .. import jsonpointer
from ..errors import Problem
from ..inheritance import allof_ancestors, declared_properties
from ..refs import SCHEMA_PREFIX, component_name, ref_holders, resolve
from .discriminator import member_tags, union_members

_SUFFIX = "Union"


def apply(document: dict[str, Any], file: str) -> list[Problem]:
    schemas = (document.get("components") or {}).get("schemas")
    if not isinstance(schemas, dict):
        return []
    problems: list[Problem] = []
    ancestors = allof_ancestors({k: v for k, v in schemas.items() if isinstance(v, dict)})
    for base in sorted(name for name, schema in schemas.items() if _is_base(document, schema)):
        where = jsonpointer.join("/components/schemas", base)
        members = union_members(document, where, schemas[base]) or []
        reason = _unsplittable(document, where, base, members, ancestors)
        pointer = jsonpointer.join(where, "discriminator")
        if reason:
            problems.append(
                Problem("info", f"discriminator kept on the base: {reason}", file, pointer)
            )
            continue
        union = _free_name(schemas, base + _SUFFIX)
        _split(document, schemas, base, union, members)
        message = f"the base's subclasses are read by their tag as {union} where {base} is a type"
        leftover = _untagged(document, where, schemas[base], schemas[union])
        if leftover:
            other = _add_other(schemas, base, union, leftover)
            message += f"; {other} carries the tags no subclass has ({', '.join(leftover)})"
        problems.append(Problem("info", message, file, pointer))
    return problems


def _is_base(document: dict[str, Any], schema: Any) -> bool:
    """A class (own properties, or a subclass through `allOf`: Springdoc's intermediate classes)
    with a discriminator on one of the properties it declares."""
    if not isinstance(schema, dict):
        return False
    if not isinstance(schema.get("properties"), dict) and not isinstance(schema.get("allOf"), list):
        return False
    discriminator = schema.get("discriminator")
    prop = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
    return isinstance(prop, str) and prop in declared_properties(document, schema)


def _unsplittable(
    document: dict[str, Any],
    where: str,
    base: str,
    members: list[str],
    ancestors: dict[str, set[str]],
) -> str:
    """Why the base cannot become a union of its subclasses, or "" when it can."""
    if not members:
        return "no schema extends it, or a member of its `oneOf` is not a component"
    if base in members:
        return "the base is one of its own members"
    stranger = next((m for m in members if base not in ancestors.get(m, ())), None)
    if stranger is not None:
        return f"member {stranger!r} does not extend it through `allOf`"
    schema = jsonpointer.resolve(document, where)
    tags, reason = member_tags(document, where, schema)
    return "" if tags is not None else reason


def _untagged(
    document: dict[str, Any], where: str, base: dict[str, Any], union: dict[str, Any]
) -> list[str]:
    """The values the base's property allows that no subclass is tagged with, in the spec's
    order: the ones the base itself stands for."""
    tags, _reason = member_tags(document, where, union)
    prop = union["discriminator"]["propertyName"]
    tagged = {tag for each in (tags or {}).values() for tag in each}
    return [value for value in _values(document, where, base, prop) if value not in tagged]


def _add_other(schemas: dict[str, Any], base: str, union: str, leftover: list[str]) -> str:
    """Add `<Base>Other` (the base, its tag narrowed to `leftover`) to the union and its mapping."""
    other = _free_name(schemas, base + "Other")
    discriminator = schemas[union]["discriminator"]
    prop = discriminator["propertyName"]
    narrowed = {"type": "object", "properties": {prop: {"type": "string", "enum": leftover}}}
    schemas[other] = {
        "description": f"A {base} whose `{prop}` is one no subclass of it is tagged with.",
        "allOf": [{"$ref": SCHEMA_PREFIX + jsonpointer.escape(base)}, narrowed],
    }
    target = SCHEMA_PREFIX + jsonpointer.escape(other)
    schemas[union]["oneOf"].append({"$ref": target})
    mapping = discriminator.get("mapping")
    if isinstance(mapping, dict):
        mapping.update({tag: target for tag in leftover})
    else:
        discriminator["mapping"] = {tag: target for tag in leftover}
    return other


def _values(document: dict[str, Any], where: str, schema: dict[str, Any], prop: str) -> list[str]:
    """The values the base's own declaration of the property lists (`enum`, `const`)."""
    declared = resolve(document, declared_properties(document, schema)[prop], where).node
    if not isinstance(declared, dict):
        return []
    values = declared.get("enum") if "const" not in declared else [declared["const"]]
    return list(dict.fromkeys(value for value in values or [] if isinstance(value, str)))


def _split(
    document: dict[str, Any], schemas: dict[str, Any], base: str, union: str, members: list[str]
) -> None:
    """Add the union, point every use of the base as a type at it, keep the base a class."""
    schema = schemas[base]
    inherited = {id(part) for child in schemas.values() for part in _included(child)}
    old, new = SCHEMA_PREFIX + jsonpointer.escape(base), SCHEMA_PREFIX + jsonpointer.escape(union)
    for holder in list(ref_holders(document)):
        if holder["$ref"] == old and id(holder) not in inherited:
            holder["$ref"] = new
    schemas[union] = {
        **({"description": schema["description"]} if "description" in schema else {}),
        "oneOf": [{"$ref": SCHEMA_PREFIX + jsonpointer.escape(member)} for member in members],
        "discriminator": schema.pop("discriminator"),
    }
    schema.pop("oneOf", None)
    schema.pop("anyOf", None)


def _included(schema: Any) -> list[Any]:
    """The `allOf` parts a component includes (nested `allOf`s too): the refs that are
    inheritance. An `allOf` around a single ref elsewhere (a property's type with a description
    beside it) is a use of the type, not a subclass."""
    parts = schema.get("allOf") if isinstance(schema, dict) else None
    found: list[Any] = []
    for part in parts if isinstance(parts, list) else []:
        found.append(part)
        if component_name(part) is None:
            found.extend(_included(part))
    return found


def _free_name(schemas: dict[str, Any], wanted: str) -> str:
    """`wanted`, or `wanted2`, `wanted3`... when the spec already has a schema of that name."""
    name, number = wanted, 1
    while name in schemas:
        number += 1
        name = f"{wanted}{number}"
    return name
