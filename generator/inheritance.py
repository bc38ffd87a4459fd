"""`allOf` as class inheritance, and the edges of it that cannot be classes.

A component that includes another through `allOf` becomes its subclass. JSON Schema also allows
an `allOf` cycle (A includes B includes A), which adds nothing to either and has no class form.
"""

from __future__ import annotations

from typing import Any

from . import refs
from .refs import component_name


def cyclic_inheritance(document: dict[str, Any]) -> frozenset[tuple[str, str]]:
    """`allOf` edges (child, parent) that lie on a cycle (A includes B includes A).

    A cycle of `allOf` is legal JSON Schema (including yourself adds nothing) but cannot be class
    inheritance; those edges are dropped from the models, each class keeping its own properties.
    """
    schemas = (document.get("components") or {}).get("schemas") or {}
    names = set(schemas)
    reach = allof_ancestors(schemas)
    return frozenset(
        (child, parent)
        for child, schema in schemas.items()
        for parent in allof_refs(schema) & names
        if child in reach[parent]
    )


def allof_ancestors(schemas: dict[str, Any]) -> dict[str, set[str]]:
    """Component name -> every component it includes through `allOf`, at any depth."""
    names = set(schemas)
    parents = {name: allof_refs(schema) & names for name, schema in schemas.items()}
    reach: dict[str, set[str]] = {}
    for start in parents:
        seen: set[str] = set()
        stack = list(parents[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(parents[node])
        reach[start] = seen
    return reach


def allof_refs(schema: Any) -> set[str]:
    """Components a schema includes through `allOf`, directly or in nested `allOf` members."""
    found: set[str] = set()
    members = schema.get("allOf") if isinstance(schema, dict) else None
    for member in members if isinstance(members, list) else []:
        name = component_name(member)
        if name is not None:
            found.add(name)
        else:
            found |= allof_refs(member)
    return found


def declared_properties(document: dict[str, Any], schema: Any) -> dict[str, Any]:
    """Every property a class declares: its own and its `allOf` members' (through `$ref`s),
    each name with the schema that declares it (the class's own declaration last, so it wins)."""
    found: dict[str, Any] = {}
    seen: set[int] = set()
    stack = [schema]
    order: list[dict[str, Any]] = []
    while stack:
        node = refs.resolve(document, stack.pop(), "").node
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        order.append(node)
        members = node.get("allOf")
        stack.extend(members if isinstance(members, list) else [])
    for node in reversed(order):
        properties = node.get("properties")
        if isinstance(properties, dict):
            found.update(properties)
    return found


def narrow_overrides(schemas: dict[str, dict[str, Any]]) -> None:
    """A subclass redeclaring an inherited property must declare a subtype of its parent's: type
    checkers insist (pydantic does not). Made so, in place: enum values the parent lacks join its
    enum (the spec says subclasses send them); a class whose direct parent declares the property
    otherwise (another inline class, a list of another class) stops inheriting from that parent
    and declares the parent's other properties itself. Other redeclarations stay as written."""
    names = set(schemas)
    for name in sorted(schemas):
        for parent in sorted(set(allof_parents(schemas[name])) & names):
            clashes = set()
            for prop, child in _own_properties(schemas[name]).items():
                holder = _declaring(schemas, parent, prop, set())
                if holder is None:
                    continue
                refined = _refined(holder[prop], child)
                if refined is not None:
                    _redeclare(schemas[name], prop, refined)
                    continue  # the inherited type, annotated or constrained: a subtype
                if covers(schemas, holder[prop], child):
                    continue
                values, child_values = _values(holder[prop]), _values(child)
                if values is not None and child_values is not None:
                    joined = values + [value for value in child_values if value not in values]
                    rest = {k: v for k, v in holder[prop].items() if k != "const"}
                    holder[prop] = {**rest, "enum": joined}
                elif prop in _own_properties(schemas[parent]):
                    clashes.add(prop)
            if clashes and "discriminator" not in schemas[parent]:
                schemas[name] = _unparented(schemas[name], parent, schemas[parent], clashes)


def require_inherited(schemas: dict[str, dict[str, Any]]) -> None:
    """A class requires what any of its `allOf` members requires, whoever declares the property:
    `Text` requires the `to` that `SmsChannel` declares optional, so `allOf: [Text, SmsChannel]`
    must send it. Where the parent that declares such a property (the first, as the class's
    fields come from it) leaves it optional, the class redeclares it required, in place, so that
    its model asks for what the API requires, as its keyword arguments and typed dicts do."""
    for name in sorted(schemas):
        parents = [parent for parent in allof_parents(schemas[name]) if parent in schemas]
        inherited = set().union(*(required_names(schemas, p, set()) for p in parents))
        # what the class requires itself, its models already redeclare wherever it is declared
        wanted = inherited - required_names(schemas, name, set(parents)).union(
            _own_properties(schemas[name])
        )
        added: dict[str, Any] = {}
        for prop in sorted(wanted):
            for parent in parents:
                holder = _declaring(schemas, parent, prop, set())
                if holder is not None:
                    if prop not in required_names(schemas, parent, set()):
                        added[prop] = holder[prop]
                    break
        if added:
            member = {"properties": added, "required": sorted(added)}
            schemas[name] = {**schemas[name], "allOf": [*schemas[name]["allOf"], member]}


def required_names(schemas: dict[str, dict[str, Any]], name: str, seen: set[str]) -> set[str]:
    """The names a class requires: its own `required` lists and its parents', at any depth."""
    if name in seen or name not in schemas:
        return set()
    seen.add(name)
    schema = schemas[name]
    found = set(schema.get("required") or [])
    for member in schema.get("allOf") or []:
        parent = component_name(member)
        if parent is not None:
            found |= required_names(schemas, parent, seen)
        elif isinstance(member, dict):
            found |= set(member.get("required") or [])
    return found


def separate_tagged_members(schemas: dict[str, dict[str, Any]]) -> None:
    """A member of a discriminated union that includes another member tagged otherwise on the
    same property (`Puppy: allOf [Dog]`, `puppy` and `dog`) cannot be its subclass: each class
    spells its own tag (`Literal["puppy"]` over `Literal["dog"]`), which type checkers refuse and
    pydantic checks against the parent's. Made so, in place: such a class declares the parent's
    properties itself, the tag property without the parent's tag."""
    tagged = tagged_members(schemas)
    if not tagged:
        return
    names = set(schemas)  # passes replace schemas, never add or remove one
    for _ in range(len(schemas)):  # each pass lifts one level of a chain
        lifted = False
        for name in sorted(names):
            for parent in sorted(set(allof_parents(schemas[name])) & names):
                own, inherited = tagged.get(name, {}), tagged.get(parent, {})
                shared = {p for p in own.keys() & inherited.keys() if own[p] - inherited[p]}
                if shared:
                    schema = schemas[name]
                    schemas[name] = _unparented(schema, parent, schemas[parent], set(), shared)
                    lifted = True
        if not lifted:
            return


def tagged_members(
    node: Any, found: dict[str, dict[str, set[str]]] | None = None
) -> dict[str, dict[str, set[str]]]:
    """The components discriminator mappings name, each with its tags by property."""
    found = {} if found is None else found
    if isinstance(node, list):
        for item in node:
            tagged_members(item, found)
    elif isinstance(node, dict):
        discriminator = node.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(discriminator.get("mapping"), dict):
            prop = str(discriminator.get("propertyName"))
            for tag, target in discriminator["mapping"].items():
                name = component_name({"$ref": target})
                if name is not None:
                    found.setdefault(name, {}).setdefault(prop, set()).add(str(tag))
        for value in node.values():
            tagged_members(value, found)
    return found


def with_tags(schema: Any, tags: set[str] | None) -> Any:
    """A member's discriminator property as the member alone may send it: its own tags (the
    model's `Literal`), for a TypedDict or an example that, unlike a model, does not fill it in."""
    if not tags:
        return schema
    kept = (
        {k: v for k, v in schema.items() if k == "description"} if isinstance(schema, dict) else {}
    )
    return {**kept, "type": "string", "enum": sorted(tags)}


def _unparented(
    schema: dict[str, Any],
    parent: str,
    parent_schema: dict[str, Any],
    dropped: set[str],
    untagged: set[str] | None = None,
) -> dict[str, Any]:
    """`schema` with its `$ref` to `parent` replaced by the parent's own declarations, less the
    properties it redeclares and the `enum`/`const` of `untagged` ones (the parent's own parents
    stay its parents). What the parent requires stays required: under `allOf` a `required` name
    holds whichever member declares the property, here the class's own redeclaration."""
    members: list[Any] = list(parent_schema.get("allOf") or [])
    own = {k: v for k, v in parent_schema.items() if k not in _DOCS and k != "allOf"}
    own.pop("discriminator", None)
    parts = [m for m in members if component_name(m) is not None] + [
        _without(part, dropped, untagged or set())
        for part in [own, *(m for m in members if component_name(m) is None)]
        if isinstance(part, dict) and part
    ]
    replaced: list[Any] = []
    for member in schema.get("allOf") or []:
        replaced += parts if component_name(member) == parent else [member]
    return {**schema, "allOf": replaced}


def _without(schema: dict[str, Any], dropped: set[str], untagged: set[str]) -> dict[str, Any]:
    """The parent's part without the `dropped` declarations (its `required` list is kept)."""
    out = dict(schema)
    if isinstance(out.get("properties"), dict):
        out["properties"] = {
            k: _untagged(v) if k in untagged else v
            for k, v in out["properties"].items()
            if k not in dropped
        }
    return out


def _untagged(prop: Any) -> Any:
    return (
        {k: v for k, v in prop.items() if k not in ("enum", "const")}
        if isinstance(prop, dict)
        else prop
    )


def _refined(parent: Any, child: Any) -> dict[str, Any] | None:
    """The inherited declaration with the redeclaration's keywords on top, when the redeclaration
    says nothing of the value's type (`text: {description: ...}` over `text: {type: string}`).

    Under `allOf` a value meets both declarations, so such a redeclaration narrows the inherited
    type rather than replacing it: read alone it would be `Any`, and the class would stop
    extending its parent. A reference is only annotated, never constrained beside it."""
    if not isinstance(parent, dict) or not isinstance(child, dict) or child.keys() & _SHAPE:
        return None
    if "$ref" in parent and not child.keys() <= _NOTES:
        return None
    return {**parent, **child}


def _redeclare(schema: dict[str, Any], prop: str, value: dict[str, Any]) -> None:
    """Replace the class's own declaration of `prop` (the last one, which wins) with `value`."""
    holders = [schema] + [m for m in schema.get("allOf") or [] if isinstance(m, dict)]
    for holder in reversed(holders):
        properties = holder.get("properties")
        if "$ref" not in holder and isinstance(properties, dict) and prop in properties:
            holder["properties"] = {**properties, prop: value}
            return


def allof_parents(schema: dict[str, Any]) -> list[str]:
    """The components the schema's `allOf` includes, in its order (the first gives the fields)."""
    return [n for m in schema.get("allOf") or [] if (n := component_name(m)) is not None]


def _own_properties(schema: dict[str, Any]) -> dict[str, Any]:
    found = dict(schema.get("properties") or {})
    for member in schema.get("allOf") or []:
        if isinstance(member, dict) and "$ref" not in member:
            found.update(member.get("properties") or {})
    return found


def _declaring(
    schemas: dict[str, dict[str, Any]], name: str, prop: str, seen: set[str]
) -> dict[str, Any] | None:
    """The `properties` map that declares `prop` for class `name`, nearest first."""
    if name in seen or name not in schemas:
        return None
    seen.add(name)
    schema = schemas[name]
    holders = [schema.get("properties")] + [
        m.get("properties") for m in schema.get("allOf") or [] if isinstance(m, dict)
    ]
    for holder in holders:
        if isinstance(holder, dict) and prop in holder:
            return holder
    for parent in sorted(allof_parents(schema)):
        found = _declaring(schemas, parent, prop, seen)
        if found is not None:
            return found
    return None


_DOCS = ("description", "title", "default", "readOnly", "writeOnly", "x-sdk-secret")

# What a property's schema says its values are; a redeclaration without any of them only adds
# annotations or constraints to the inherited declaration.
_SHAPE = frozenset(
    {"type", "$ref", "allOf", "anyOf", "oneOf", "not", "enum", "const", "properties", "items"}
    | {"additionalProperties", "patternProperties", "prefixItems", "discriminator", "nullable"}
)
_NOTES = frozenset(_DOCS) | {"example", "examples", "deprecated"}


def covers(schemas: dict[str, dict[str, Any]], parent: Any, child: Any) -> bool:
    if not isinstance(parent, dict) or not isinstance(child, dict):
        return bool(parent == child)
    bare_parent = {k: v for k, v in parent.items() if k not in _DOCS}
    bare_child = {k: v for k, v in child.items() if k not in _DOCS}
    if not bare_parent or bare_parent == bare_child:
        return True
    values, child_values = _values(bare_parent), _values(bare_child)
    if values is not None and child_values is not None:
        return all(value in values for value in child_values)
    branches = bare_parent.get("anyOf") or bare_parent.get("oneOf")
    if isinstance(branches, list):
        return any(covers(schemas, branch, child) for branch in branches)
    ours, theirs = component_name(bare_parent), component_name(bare_child)
    return ours is not None and theirs is not None and _extends(schemas, theirs, ours, set())


def _extends(schemas: dict[str, dict[str, Any]], name: str, ancestor: str, seen: set[str]) -> bool:
    if name == ancestor:
        return True
    if name in seen or name not in schemas:
        return False
    seen.add(name)
    return any(_extends(schemas, p, ancestor, seen) for p in allof_parents(schemas[name]))


def _values(schema: dict[str, Any]) -> list[Any] | None:
    if "const" in schema:
        return [schema["const"]]
    enum = schema.get("enum")
    return list(enum) if isinstance(enum, list) else None
