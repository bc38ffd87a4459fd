"""Schema compositions as one schema: `allOf` members merged, a `oneOf` branch with its base.

The value builder (`values.py`) builds objects from properties and requirements; compositions
are turned into those first. Merging follows what validation will demand of the value: a
property declared by two members must satisfy both, a member with `additionalProperties: false`
forbids what it does not declare, and a branch picked by a discriminator must carry its name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..keywords import common_types
from .errors import NoValueAtAll

Resolve = Callable[[Any], Any]


def merge_all_of(schema: dict[str, Any], resolve: Resolve) -> dict[str, Any]:
    """One schema with the properties and requirements of every `allOf` member."""
    merged: dict[str, Any] = {key: value for key, value in schema.items() if key != "allOf"}
    properties: dict[str, Any] = {}
    required: list[str] = []
    closed: list[set[str]] = []  # members that forbid every property they do not declare
    apart: list[str] = []  # properties two members give `enum`s with no value in common
    for member in [*schema["allOf"], dict(merged)]:
        member = resolve(member)
        if not isinstance(member, dict):
            continue
        if "allOf" in member:
            member = merge_all_of(member, resolve)
        apart += _merge_properties(properties, member, resolve)
        required += [name for name in member.get("required") or [] if name not in required]
        if member.get("additionalProperties") is False:
            closed.append(set(member.get("properties") or {}))
        _merge_keywords(merged, member)
    if missing := [name for name in apart if name in required]:  # found before any is built
        raise NoValueAtAll(f"`allOf` members allow {missing[0]!r} no common value")
    if closed:  # only what every closed member declares may be sent
        allowed = set.intersection(*closed)
        properties = {name: prop for name, prop in properties.items() if name in allowed}
    return _with(merged, properties, required)


def _merge_properties(
    properties: dict[str, Any], member: dict[str, Any], resolve: Resolve
) -> list[str]:
    """Adds the member's properties; a property declared by two members must satisfy both
    declarations. Returns those the two declare with `enum`s that share no value."""
    apart = []
    for name, prop in (member.get("properties") or {}).items():
        earlier = properties.get(name)
        properties[name] = prop if earlier is None else {"allOf": [earlier, prop]}
        if earlier is not None and _apart(resolve(earlier), resolve(prop)):
            apart.append(name)
    return apart


def _merge_keywords(merged: dict[str, Any], member: dict[str, Any]) -> None:
    """The member's other keywords: the first one wins, but `items` must satisfy both, an
    `enum` is what both allow and a `type` what both admit (none of either: no value is
    valid)."""
    for key, value in member.items():
        if key == "type" and "type" in merged:
            merged["type"] = common_type(merged["type"], value)
        elif key == "items" and merged.get("items", value) != value:
            merged["items"] = {"allOf": [merged["items"], value]}
        elif key == "enum" and isinstance(merged.get("enum"), list) and isinstance(value, list):
            common = [item for item in merged["enum"] if item in value]
            if not common:
                shown = f"{merged['enum']!r} and {value!r}"
                raise NoValueAtAll(f"`allOf` members allow no common value ({shown})")
            merged["enum"] = common
        elif key not in ("properties", "required"):
            merged.setdefault(key, value)


def _apart(first: Any, second: Any) -> bool:
    """Whether two declarations of a property list `enum`s that share no value."""
    enums = [s.get("enum") if isinstance(s, dict) else None for s in (first, second)]
    if not all(isinstance(enum, list) for enum in enums):
        return False
    return not [value for value in enums[0] or [] if value in (enums[1] or [])]


def common_type(first: Any, second: Any) -> Any:
    """The `type` admitting what both admit; NoValueAtAll when that is nothing."""
    both = common_types(first, second)
    if not both:
        raise NoValueAtAll(f"`allOf` members admit no common type ({first!r} and {second!r})")
    return both[0] if len(both) == 1 else both


def _with(
    schema: dict[str, Any], properties: dict[str, Any], required: list[str]
) -> dict[str, Any]:
    if properties:
        schema["properties"] = properties
    if required:
        schema["required"] = required
    return schema


def merge(base: dict[str, Any], branch: dict[str, Any]) -> dict[str, Any]:
    """A `oneOf`/`anyOf` branch merged into the schema around it (the branch's keywords win,
    but its `items` must satisfy the surrounding ones too: `anyOf: [{type: array, items: {}}]`
    beside `items: {$ref: Item}` still holds Items)."""
    merged = {**base, **{k: v for k, v in branch.items() if k not in ("properties", "required")}}
    if "items" in base and "items" in branch and base["items"] != branch["items"]:
        merged["items"] = {"allOf": [base["items"], branch["items"]]}
    properties = {**(base.get("properties") or {}), **(branch.get("properties") or {})}
    required = [*(base.get("required") or [])]
    required += [name for name in branch.get("required") or [] if name not in required]
    return _with(merged, properties, required)


def discriminator_values(schema: dict[str, Any], branch: Any) -> list[str]:
    """The values of the schema's discriminating property that pick `branch`: the mapping keys
    that name it, or (unmapped) the name of a `#/components/schemas/<name>` branch."""
    discriminator = schema.get("discriminator")
    ref = branch.get("$ref") if isinstance(branch, dict) else None
    if not isinstance(discriminator, dict) or not isinstance(ref, str):
        return []
    mapping = discriminator.get("mapping") or {}
    keys = [key for key, target in mapping.items() if ref in (target, _SCHEMAS + str(target))]
    if not keys and ref.startswith(_SCHEMAS) and ref[len(_SCHEMAS) :] not in mapping:
        keys = [ref[len(_SCHEMAS) :]]
    return keys


def discriminated(schema: dict[str, Any], branch: Any) -> dict[str, Any]:
    """What a branch's value must carry to be picked by the schema's discriminator."""
    values = discriminator_values(schema, branch)
    name = (schema.get("discriminator") or {}).get("propertyName")
    if not isinstance(name, str) or not values:
        return {}
    return {"properties": {name: {"const": values[0]}}, "required": [name]}


_SCHEMAS = "#/components/schemas/"


def member_tags(document: Any) -> dict[str, dict[str, list[str]]]:
    """Pointer of each component a discriminator mapping names -> {property: its tags}.

    The models spell those tags on the property (`kind: Literal["dog"]`), so the class of a
    member accepts only values carrying one of them, wherever else its schema is used.
    """
    found: dict[str, dict[str, list[str]]] = {}
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        stack.extend(node.values())
        discriminator = node.get("discriminator")
        mapping = discriminator.get("mapping") if isinstance(discriminator, dict) else None
        name = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
        for tag, target in mapping.items() if isinstance(mapping, dict) else ():
            if isinstance(name, str) and isinstance(target, str) and target.startswith("#/"):
                tags = found.setdefault(target[1:], {}).setdefault(name, [])
                tags += [] if tag in tags else [tag]
    return found


def forbidden_by_not(schema: Any, required: list[str]) -> set[str]:
    """``not: {required: [x]}`` means "must not send x"; ``not: {required: [x, y]}`` only "must
    not send both" (one API key expires by date or by time to live, never by both), so one
    name the value need not carry is left out, the last, and the others may be sent."""
    if not isinstance(schema, dict) or set(schema) != {"required"}:
        return set()
    names = [name for name in schema["required"] if isinstance(name, str)]
    optional = [name for name in names if name not in required]
    return set(optional[-1:])


def at_most_properties(schema: dict[str, Any], names: list[str], required: list[str]) -> list[str]:
    """`names` cut to the schema's `maxProperties`, required ones kept first: an error object
    may declare three properties and allow one of them at a time."""
    most = schema.get("maxProperties")
    if not isinstance(most, int) or len(names) <= most:
        return names
    kept = [n for n in names if n in required]
    kept += [n for n in names if n not in required][: max(0, most - len(kept))]
    return [n for n in names if n in kept]
