"""Class names for the branches of a union, from what tells each branch apart.

A branch is named by its title, by the component it is built on, by the value a tag property
pins it to, or as `<Base>With<Property>` after a property only it has.
"""

from __future__ import annotations

import re
from typing import Any

from . import jsonpointer, keywords, schemanames
from .naming import class_name
from .refs import SCHEMA_PREFIX

_UNION_BRANCH = re.compile(r"/(?:oneOf|anyOf)/\d+$")


def branch_shorts(branches: list[Any], base: str, free: bool = True, at: str = "") -> list[str]:
    """Names for union branches: titles; a branch built on a component after it, with what it
    adds (`CreateGuildInviteRequestWithTargetUsersFile`); else the base name for the richest
    branch (unless the union itself is called that: `free` false) and `<Base>With<Property>`
    for the others, named by a property no other branch has. Branches told apart by a tag, a
    property each pins to its own value, are named by it (`GrammarTypeJson`, `GrammarTypeRegex`
    for `type`).

    A union that is itself a branch of another one (`at` its pointer) names the branches built
    on a component after both (`oneOf: [{title: MMS, oneOf: [Image, ...]}, {title: WhatsApp,
    oneOf: [Image, ...]}]`: `MMSImage`, `WhatsAppImage`): each outer branch builds on the same
    components, which alone would tell apart only by numbers."""
    within = bool(base) and _UNION_BRANCH.search(at) is not None
    base = base or "Variant"
    props = [_own_properties(branch) for branch in branches]
    components = [_based_on(branch) for branch in branches]
    primary = max(range(len(branches)), key=lambda i: (len(props[i]), -i)) if branches else -1
    tags = _tags(branches)
    shorts = []
    for index, branch in enumerate(branches):
        title = branch.get("title") if isinstance(branch, dict) else None
        component = components[index]
        others = set().union(*(p for i, p in enumerate(props) if i != index))
        if isinstance(title, str) and class_name(title, fallback=""):
            shorts.append(class_name(title, fallback="Variant"))
        elif component is not None:
            alone = within and components.count(component) == 1
            shorts.append(_on_component(component, props[index], base if within else "", alone))
        elif tags:
            shorts.append(base + tags[index])
        elif index == primary and free:
            shorts.append(base)
        else:
            shorts.append(base + (_with(props[index], others) or "Variant"))
    return shorts


def _on_component(component: str, own: set[str], qualifier: str, alone: bool) -> str:
    """`ImageWithCaption` for a branch built on `Image` that adds `caption`; qualified
    (`MMSImage`), what it adds goes unsaid when no other branch builds on `Image`."""
    short = class_name(schemanames.unqualified(component), fallback="Variant")
    if not alone:
        short += _with(own, set())
    return qualifier + short if qualifier and not short.startswith(qualifier) else short


def _with(own: set[str], others: set[str]) -> str:
    """`WithPersonaId`: the first property only this branch has (else its first one)."""
    unique = sorted(own - others) or sorted(own)
    return "With" + class_name(unique[0], fallback="Field") if unique else ""


def _tags(branches: list[Any]) -> list[str]:
    """Each branch's value, as a class name, of the first property (by name) that every branch
    pins to one value of its own (`enum: [json]`, `const: json`); empty when there is none."""
    pinned = [_pinned(branch) for branch in branches]
    shared = set.intersection(*(set(p) for p in pinned)) if len(pinned) > 1 else set()
    for name in sorted(shared):
        values = [class_name(p[name], fallback="") for p in pinned]
        if all(values) and len(set(values)) == len(values):
            return values
    return []


def _pinned(branch: Any) -> dict[str, str]:
    """The properties a branch pins to one text value, in inline `allOf` members too."""
    if not isinstance(branch, dict):
        return {}
    found = {}
    for name, schema in (branch.get("properties") or {}).items():
        values = schema.get("enum", [schema.get("const")]) if isinstance(schema, dict) else []
        if isinstance(values, list) and len(values) == 1 and isinstance(values[0], str):
            found[name] = values[0]
    for member in branch.get("allOf") or []:
        if isinstance(member, dict) and "$ref" not in member:
            found |= _pinned(member)
    return found


def _own_properties(branch: Any) -> set[str]:
    """Properties a branch declares itself, in inline `allOf` members too."""
    if not isinstance(branch, dict):
        return set()
    found = set(branch.get("properties") or {})
    for member in branch.get("allOf") or []:
        if isinstance(member, dict) and "$ref" not in member:
            found |= _own_properties(member)
    return found


def _based_on(branch: Any) -> str | None:
    """The component a branch is, or extends (`allOf: [{$ref: X}, ...]`, after any member that
    only says which keys must be there: `allOf: [{required: [a]}, {$ref: X}, ...]`)."""
    if not isinstance(branch, dict):
        return None
    ref = branch.get("$ref")
    if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
        return jsonpointer.unescape(ref[len(SCHEMA_PREFIX) :])
    members = branch.get("allOf")
    if isinstance(members, list) and len(members) > 1:
        typed = [member for member in members if not keywords.is_constraint_only(member)]
        return _based_on(typed[0]) if typed else None
    return None
