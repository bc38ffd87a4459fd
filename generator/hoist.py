"""Inline schemas -> a flat set of classes, cleaned for code generation.

datamodel-code-generator names inline schemas `Type1`, `Model1`, `PersonaConfig1`. We hand it a flat
set of named schemas instead: every inline object becomes its own entity (identical inline schemas
share one), and `classnames.py` names them all. On the way every schema is cleaned, one keyword at a
time (`_HANDLERS`): only formats that change a Python type are kept, examples and extensions are
dropped, descriptions become plain text, secrets are marked `x-sdk-secret`.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import classnames, jsonpointer, keywords
from .classnames import PLACEHOLDER, Entity
from .media import pick_media
from .naming import class_name, singular, snake_case
from .refs import component_name
from .strings import plain
from .vocabulary import CLASS_RESERVED
from .walk import iter_operations

KEPT_FORMATS = frozenset({"date-time", "date", "uuid", "binary"})
_CONTAINERS = frozenset({"data", "items", "results", "records", "entries", "values", "list"})
# `pattern` is dropped too: a spec's regex dialect is not pydantic's (Rust), and an invalid one
# would stop the package from importing; the contract validator still checks patterns.
_DROPPED_KEYS = frozenset(
    {"example", "examples", "externalDocs", "xml", "$comment", "deprecated", "pattern"}
)
_SECRET_WORDS = frozenset({"secret", "password", "token", "apikey"})
_COMPONENTS = "/components/schemas/"
_DROP: Any = object()  # a handler's answer for "leave this keyword out"


@dataclass(frozen=True)
class Hoisted:
    """Flat named schemas for datamodel-code-generator, and where each name came from.

    `roots` holds the schema of every parameter, body and response by its pointer, with classes
    replaced by `$ref`s to their final names.
    """

    schemas: dict[str, dict[str, Any]]
    pointer_names: dict[str, str]
    roots: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class _Site:
    """Where a schema sits: its pointer, the nearest enclosing class, its short name, the noun."""

    pointer: str
    owner: str
    short: str
    noun: str

    def at(self, pointer: str, short: str) -> _Site:
        return _Site(pointer, self.owner, short, self.noun)


def hoist(
    document: dict[str, Any],
    *,
    locked: Mapping[str, str] | None = None,
    reserved: frozenset[str] = frozenset(),
) -> Hoisted:
    hoister = _Hoister(document)
    hoister.collect()
    names = classnames.assign_names(
        hoister.entities, hoister.by_pointer, dict(locked or {}), CLASS_RESERVED | reserved
    )
    schemas = {
        names[key]: classnames.resolve(entity.schema, names)
        for key, entity in hoister.entities.items()
    }
    roots = {
        pointer: classnames.resolve(schema, names) for pointer, schema in hoister.roots.items()
    }
    pointer_names = {
        pointer: names[key]
        for key, entity in hoister.entities.items()
        for pointer in entity.pointers
    }
    return Hoisted(dict(sorted(schemas.items())), pointer_names, roots)


def cyclic_inheritance(document: dict[str, Any]) -> frozenset[tuple[str, str]]:
    """`allOf` edges (child, parent) that lie on a cycle (A includes B includes A).

    A cycle of `allOf` is legal JSON Schema (including yourself adds nothing) but cannot be class
    inheritance; those edges are dropped from the models, each class keeping its own properties.
    """
    schemas = (document.get("components") or {}).get("schemas") or {}
    parents = {name: _allof_refs(schema) & set(schemas) for name, schema in schemas.items()}
    reach: dict[str, set[str]] = {}
    for start in parents:
        seen: set[str] = set()
        stack = list(parents[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(parents.get(node, ()))
        reach[start] = seen
    return frozenset(
        (child, parent)
        for child, found in parents.items()
        for parent in found
        if child in reach.get(parent, set())
    )


def _allof_refs(schema: Any) -> set[str]:
    """Components a schema includes through `allOf`, directly or in nested `allOf` members."""
    found: set[str] = set()
    members = schema.get("allOf") if isinstance(schema, dict) else None
    for member in members if isinstance(members, list) else []:
        name = component_name(member)
        if name is not None:
            found.add(name)
        else:
            found |= _allof_refs(member)
    return found


class _Hoister:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.entities: dict[str, Entity] = {}
        self.cyclic = cyclic_inheritance(document)
        self.by_pointer: dict[str, str] = {}
        self.roots: dict[str, dict[str, Any]] = {}

    def collect(self) -> None:
        components = self.document.get("components") or {}
        for key, schema in (components.get("schemas") or {}).items():
            pointer = jsonpointer.join("", "components", "schemas", key)
            name = class_name(key, fallback="Schema")
            self._add_root(pointer, schema, _Site(pointer, pointer, name, key), fixed=name)
        self._shared_components(components)
        for path, item in (self.document.get("paths") or {}).items():
            if isinstance(item, dict):
                base = jsonpointer.join("", "paths", path)
                self._parameters(item, base, class_name(path, fallback="Path"))
        for path, method, operation in iter_operations(self.document):
            self._operation(path, method, operation)

    def _shared_components(self, components: dict[str, Any]) -> None:
        """Bodies, responses and parameters that operations reach through `$ref`."""
        for kind, role in (("requestBodies", "Request"), ("responses", "Response")):
            for key, message in (components.get(kind) or {}).items():
                base = jsonpointer.join("", "components", kind, key)
                name = class_name(key, fallback="Component")
                self._content(message, base, name, name + role)
        for key, parameter in (components.get("parameters") or {}).items():
            base = jsonpointer.join("", "components", "parameters", key)
            name = class_name(key, fallback="Param")
            self._parameter(parameter, base, name, name + "Param")

    def _operation(self, path: str, method: str, operation: dict[str, Any]) -> None:
        base = jsonpointer.join("", "paths", path, method)
        op_name = classnames.operation_name(operation, method, path)
        noun = classnames.noun(op_name)
        body = operation.get("requestBody")
        if isinstance(body, dict):
            self._content(body, jsonpointer.join(base, "requestBody"), noun, op_name + "Request")
        for status, response in sorted((operation.get("responses") or {}).items()):
            role = classnames.response_role(str(status))
            where = jsonpointer.join(base, "responses", status)
            self._content(response, where, noun, op_name + role)
        self._parameters(operation, base, op_name)

    def _content(self, message: Any, base: str, noun: str, fixed: str) -> None:
        """The schemas of a body or response; a body's other media types get suffixed names."""
        content = message.get("content") if isinstance(message, dict) else None
        if not isinstance(content, dict):
            return
        chosen = pick_media(list(content)) if fixed.endswith("Request") else None
        for media, entry in content.items():
            if isinstance(entry, dict) and isinstance(entry.get("schema"), dict):
                pointer = jsonpointer.join(base, "content", media, "schema")
                name = fixed
                if chosen is not None and media != chosen:
                    name = fixed.removesuffix("Request") + classnames.media_suffix(media)
                self._add_root(pointer, entry["schema"], noun, fixed=name)

    def _parameters(self, owner: dict[str, Any], base: str, prefix: str) -> None:
        for index, parameter in enumerate(owner.get("parameters") or []):
            if isinstance(parameter, dict):
                fixed = prefix + class_name(str(parameter.get("name", "")), fallback="Param")
                pointer = jsonpointer.join(base, "parameters", index)
                self._parameter(parameter, pointer, prefix, fixed)

    def _parameter(self, parameter: Any, pointer: str, noun: str, fixed: str) -> None:
        if isinstance(parameter, dict) and isinstance(parameter.get("schema"), dict):
            self._add_root(jsonpointer.join(pointer, "schema"), parameter["schema"], noun, fixed)

    def _add_root(self, pointer: str, schema: Any, site: _Site | str, fixed: str) -> None:
        if not isinstance(schema, dict):
            return
        is_class = pointer.startswith(_COMPONENTS) or keywords.is_class_worthy(schema)
        if isinstance(site, str):
            site = _Site(pointer, pointer if is_class else "", "", site)
        rewritten = self._rewrite(schema, site)
        if is_class:
            self.entities[pointer] = Entity([pointer], rewritten, fixed=fixed)
            self.by_pointer[pointer] = pointer
            self.roots[pointer] = {"$ref": PLACEHOLDER + jsonpointer.escape(pointer)}
        else:
            self.roots[pointer] = rewritten

    # -- cleaning, one keyword at a time ------------------------------------------------------

    def _rewrite(self, schema: dict[str, Any], site: _Site) -> dict[str, Any]:
        """`schema` cleaned for code generation, with nested class-worthy schemas hoisted."""
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _DROPPED_KEYS or (key.startswith("x-") and key != "x-sdk-secret"):
                continue
            handler = _HANDLERS.get(key)
            kept = copy.deepcopy(value) if handler is None else handler(self, key, value, site)
            if kept is not _DROP:
                out[key] = kept
        return _simplify(out)

    def _text(self, key: str, value: Any, site: _Site) -> Any:
        return plain(value) if isinstance(value, str) else copy.deepcopy(value)

    def _format(self, key: str, value: Any, site: _Site) -> Any:
        return value if value in KEPT_FORMATS else _DROP

    def _properties(self, key: str, value: Any, site: _Site) -> Any:
        if not isinstance(value, dict):
            return copy.deepcopy(value)
        return {
            name: self._child(
                prop,
                site.at(jsonpointer.join(site.pointer, key, name), class_name(name)),
                secret=_is_secret(name),
            )
            for name, prop in value.items()
        }

    def _items(self, key: str, value: Any, site: _Site) -> Any:
        if not isinstance(value, dict):
            return copy.deepcopy(value)
        return self._child(
            value, site.at(jsonpointer.join(site.pointer, key), self._item_short(site))
        )

    def _additional(self, key: str, value: Any, site: _Site) -> Any:
        if value is False:
            return _DROP  # a closed response model would reject fields a newer API adds
        if not isinstance(value, dict):
            return copy.deepcopy(value)
        return self._child(
            value, site.at(jsonpointer.join(site.pointer, key), site.short + "Value")
        )

    def _union(self, key: str, value: Any, site: _Site) -> Any:
        if not isinstance(value, list):
            return copy.deepcopy(value)
        branches = [b for b in value if not keywords.is_constraint_only(b)]
        if not branches:
            return _DROP
        shorts = classnames.branch_shorts(branches, site.short)
        return [
            self._child(branch, site.at(jsonpointer.join(site.pointer, key, i), shorts[i]))
            for i, branch in enumerate(branches)
        ]

    def _all_of(self, key: str, value: Any, site: _Site) -> Any:
        if not isinstance(value, list):
            return copy.deepcopy(value)
        members = [member for member in value if not self._cyclic(site, member)]
        return [
            self._rewrite(member, site.at(jsonpointer.join(site.pointer, key, i), site.short))
            if isinstance(member, dict)
            else member
            for i, member in enumerate(members)
        ]

    # -- hoisting -----------------------------------------------------------------------------

    def _cyclic(self, site: _Site, member: Any) -> bool:
        owner = site.owner.removeprefix(_COMPONENTS)
        parent = component_name(member)
        if parent is None or owner == site.owner:
            return False
        return (jsonpointer.unescape(owner), parent) in self.cyclic

    def _child(self, schema: Any, site: _Site, secret: bool = False) -> Any:
        """A schema inside another: hoisted if it is a class, else rewritten in place."""
        if not isinstance(schema, dict):
            return schema
        if keywords.is_class_worthy(schema):
            ref = self._hoist_inline(schema, site)
            return (
                {"anyOf": [ref, {"type": "null"}]} if keywords.is_nullable_object(schema) else ref
            )
        rewritten = self._rewrite(schema, site)
        if (
            secret
            and "x-sdk-secret" not in rewritten
            and keywords.types(schema) <= {"string", "null"}
        ):
            rewritten["x-sdk-secret"] = True
        return rewritten

    def _item_short(self, site: _Site) -> str:
        if not site.short or site.short.lower() in _CONTAINERS:
            return class_name(singular(site.noun), fallback="Item") if site.noun else "Item"
        return class_name(singular(site.short), fallback="Item")

    def _hoist_inline(self, schema: dict[str, Any], site: _Site) -> dict[str, Any]:
        """Register an inline class; schemas of the same shape (docs aside) share one class."""
        bare = {**schema, "type": "object"} if keywords.is_nullable_object(schema) else schema
        class_site = _Site(site.pointer, site.pointer, site.short, site.noun)
        rewritten = self._rewrite(bare, class_site)
        shape = json.dumps(_shape(rewritten), sort_keys=True)
        digest = hashlib.sha256(shape.encode()).hexdigest()[:16]
        entity = self.entities.get(digest)
        if entity is None:
            entity = self.entities[digest] = Entity([], rewritten)
        entity.pointers.append(site.pointer)
        title = schema.get("title")
        if isinstance(title, str) and class_name(title, fallback=""):
            entity.title = entity.title or class_name(title, fallback="Schema")
        entity.shorts.append(site.short or "Model")
        entity.parents.append((site.owner, site.short or "Model"))
        self.by_pointer[site.pointer] = digest
        return {"$ref": PLACEHOLDER + digest}


_Handler = Callable[[_Hoister, str, Any, _Site], Any]
_HANDLERS: dict[str, _Handler] = {
    "description": _Hoister._text,
    "title": _Hoister._text,
    "format": _Hoister._format,
    "properties": _Hoister._properties,
    "items": _Hoister._items,
    "additionalProperties": _Hoister._additional,
    "oneOf": _Hoister._union,
    "anyOf": _Hoister._union,
    "allOf": _Hoister._all_of,
}


def _shape(schema: Any) -> Any:
    """The schema without its documentation: what decides whether two schemas are the same."""
    if isinstance(schema, list):
        return [_shape(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    return {
        key: value if key in ("enum", "const", "default") else _shape(value)
        for key, value in schema.items()
        if key not in ("description", "title")
    }


def _simplify(schema: dict[str, Any]) -> dict[str, Any]:
    """`allOf` of one member is that member; keep the member's annotations next to a `$ref`."""
    members = schema.get("allOf")
    if isinstance(members, list) and len(members) == 1 and isinstance(members[0], dict):
        outer = {k: v for k, v in schema.items() if k != "allOf"}
        if not (set(outer) & keywords.STRUCTURAL):
            return {**members[0], **outer}
    return schema


def _is_secret(name: str) -> bool:
    tokens = snake_case(name).split("_")
    return bool(tokens) and (tokens[-1] in _SECRET_WORDS or tokens[-2:] == ["api", "key"])
