"""Inline schemas -> a flat set of classes, cleaned for code generation.

datamodel-code-generator names inline schemas `Type1`, `Model1`, `PersonaConfig1`. We hand it a flat
set of named schemas instead: every inline object becomes its own entity (identical inline schemas
share one), and `classnames.py` names them all. On the way every schema is cleaned, one keyword at a
time (`_HANDLERS`): only formats that change a Python type are kept, examples and extensions
(`x-ms-client-name` aside) are dropped, descriptions become plain text, secrets are marked."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import branchnames, classnames, jsonpointer, keywords, refs, shapes, twins
from .answers import first_reply
from .classnames import PLACEHOLDER, Entity
from .inheritance import cyclic_inheritance
from .media import holds_models
from .naming import class_name, is_secret_name, singular
from .refs import component_name
from .schemanames import component_class_names
from .strings import plain
from .subclasses import settle_subclasses
from .vocabulary import CLASS_RESERVED
from .walk import iter_events, iter_operations

KEPT_FORMATS = frozenset({"date-time", "date", "uuid", "binary"})
_CONTAINERS = frozenset({"data", "items", "results", "records", "entries", "values", "list"})
# `pattern` is dropped too: a spec's regex dialect is not pydantic's (Rust), and an invalid
# one would stop the package from importing; the contract validator still checks patterns.
_DROPPED_KEYS = frozenset(
    {"example", "examples", "externalDocs", "xml", "$comment", "deprecated", "pattern"}
)
_KEPT_EXTENSIONS = frozenset({"x-sdk-secret", "x-ms-client-name"})  # read by later stages
_COMPONENTS = "/components/schemas/"
_SITE_REF = "#/x-site"  # a `$ref` into the middle of a schema, until every schema has been seen
_DROP: Any = object()  # a handler's answer for "leave this keyword out"


@dataclass(frozen=True)
class Hoisted:
    """Flat named schemas for datamodel-code-generator, and where each name came from. `roots`
    holds the schema of every parameter, body and response by its pointer, with classes
    replaced by `$ref`s to their final names."""

    schemas: dict[str, dict[str, Any]]
    pointer_names: dict[str, str]
    roots: dict[str, dict[str, Any]]


@dataclass(frozen=True)
class _Site:
    """Where a schema sits: its pointer, the nearest enclosing class, its short name, the noun,
    and whether it is nested (array items, map values, union branches: not a class's field)."""

    pointer: str
    owner: str
    short: str
    noun: str
    nested: bool = False

    def at(self, pointer: str, short: str, *, nested: bool = False) -> _Site:
        return _Site(pointer, self.owner, short, self.noun, nested)


def hoist(
    document: dict[str, Any],
    *,
    locked: Mapping[str, str] | None = None,
    reserved: frozenset[str] = frozenset(),
) -> Hoisted:
    hoister = _Hoister(document)
    hoister.collect()
    hoister.resolve_sites()
    merged = twins.merge_twins(hoister.entities, hoister.by_pointer, locked or {})
    names = classnames.assign_names(
        merged.entities,
        merged.by_pointer,
        dict(locked or {}),
        CLASS_RESERVED | reserved,
        roots=hoister.fixed,
    )
    names.update({key: names[component] for key, component in merged.twins.items()})
    schemas = {names[k]: classnames.resolve(e.schema, names) for k, e in merged.entities.items()}
    settle_subclasses(schemas)
    roots = {
        pointer: classnames.resolve(schema, names) for pointer, schema in hoister.roots.items()
    }
    pointer_names = {p: names[key] for key, e in hoister.entities.items() for p in e.pointers}
    return Hoisted(dict(sorted(schemas.items())), pointer_names, roots)


class _Hoister:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.entities: dict[str, Entity] = {}
        self.cyclic = cyclic_inheritance(document)
        self.by_pointer: dict[str, str] = {}
        self.roots: dict[str, dict[str, Any]] = {}
        self.fixed: dict[str, str] = {}  # an operation's schema -> the name it would have

    def collect(self) -> None:
        components = self.document.get("components") or {}
        names = component_class_names(self.document)
        for key, schema in (components.get("schemas") or {}).items():
            pointer = jsonpointer.join("", "components", "schemas", key)
            name, noun = names[key], classnames.subject(names[key])  # ImagesResponse.data: Image
            self._add_root(pointer, schema, _Site(pointer, pointer, name, noun), fixed=name)
        self._shared_components(components)
        for path, item in (self.document.get("paths") or {}).items():
            if isinstance(item, dict):
                base = jsonpointer.join("", "paths", path)
                self._parameters(item, base, class_name(path, fallback="Path"))
        for path, method, operation in iter_operations(self.document):
            base = jsonpointer.join("", "paths", path, method)
            self._operation(base, classnames.operation_name(operation, method, path), operation)
        for base, name, operation in iter_events(self.document):
            self._operation(base, classnames.event_name(operation, name), operation)

    def _shared_components(self, components: dict[str, Any]) -> None:
        """Bodies, responses and parameters that operations reach through `$ref`."""
        for kind, role in (("requestBodies", "Request"), ("responses", "Response")):
            for key, message in (components.get(kind) or {}).items():
                base = jsonpointer.join("", "components", kind, key)
                name = class_name(key, fallback="Component")
                self._content(message, base, name, classnames.with_role(name, role))
        for key, parameter in (components.get("parameters") or {}).items():
            base = jsonpointer.join("", "components", "parameters", key)
            name = class_name(key, fallback="Param")
            self._parameter(parameter, base, name, classnames.with_role(name, "Param"))

    def _operation(self, base: str, op_name: str, operation: dict[str, Any]) -> None:
        noun = classnames.noun(op_name)
        body = operation.get("requestBody")
        if isinstance(body, dict):
            where = jsonpointer.join(base, "requestBody")
            self._content(body, where, noun, classnames.with_role(op_name, "Request"))
        responses = operation.get("responses") or {}
        bodies = [str(s) for s, r in responses.items() if isinstance(r, dict) and "content" in r]
        first = first_reply([str(status) for status in responses], bodies)
        for status, response in sorted(responses.items()):
            role = classnames.response_role(str(status), first=str(status) == first)
            where = jsonpointer.join(base, "responses", status)
            self._content(response, where, noun, classnames.with_role(op_name, role))
        self._parameters(operation, base, op_name)

    def _content(self, message: Any, base: str, noun: str, fixed: str) -> None:
        """The schemas of a body or response; its other media types get suffixed names. A 3.2
        `itemSchema` is named as the 3.1 form's `schema` is (beside one: that name's `Item`)."""
        content = message.get("content") if isinstance(message, dict) else None
        content = content if isinstance(content, dict) else {}
        request = fixed.endswith("Request")
        role = "Request" if request else "Response" if fixed.endswith("Response") else "Error"
        primary = classnames.primary_media(list(content), request=request)
        for media, entry in content.items():
            if not holds_models(media) or not isinstance(entry, dict):
                continue  # a text or raw body is a `str` or bytes, whatever its schema says
            suffix = classnames.media_suffix(media, role)
            name = fixed if media == primary else fixed.removesuffix(role) + suffix
            for key in ("schema", "itemSchema"):
                if isinstance(entry.get(key), dict):
                    pointer = jsonpointer.join(base, "content", media, key)
                    item = key == "itemSchema" and isinstance(entry.get("schema"), dict)
                    self._add_root(pointer, entry[key], noun, fixed=name + "Item" * item)

    def _parameters(self, owner: dict[str, Any], base: str, prefix: str) -> None:
        for index, parameter in enumerate(owner.get("parameters") or []):
            if isinstance(parameter, dict):
                fixed = prefix + class_name(str(parameter.get("name", "")), fallback="Param")
                pointer = jsonpointer.join(base, "parameters", index)
                self._parameter(parameter, pointer, prefix, fixed)

    def _parameter(self, parameter: Any, pointer: str, noun: str, fixed: str) -> None:
        found = refs.parameter_schema(parameter)
        if found is not None:
            self._add_root(jsonpointer.join(pointer, *found[0]), found[1], noun, fixed)

    def _add_root(self, pointer: str, schema: Any, site: _Site | str, fixed: str) -> None:
        """A component (`site` says where it is) or an operation's schema (`site` is its noun)."""
        if not isinstance(schema, dict):
            return
        schema = shapes.canonical(schema, nested=False)
        is_class = pointer.startswith(_COMPONENTS) or keywords.is_class_worthy(schema)
        operation = isinstance(site, str)
        if isinstance(site, str):
            site = _Site(pointer, pointer if is_class else "", "", site)
            self.fixed[pointer] = fixed
        rewritten = self._rewrite(schema, site)  # a root is never nested
        if is_class:
            alternate = classnames.with_role(
                fixed, "Param" if "/parameters/" in pointer else "Body"
            )
            entity = Entity([pointer], rewritten, fixed, (alternate,) if operation else ())
            self.entities[pointer] = entity
            self.by_pointer[pointer] = pointer
            self.roots[pointer] = {"$ref": PLACEHOLDER + jsonpointer.escape(pointer)}
        else:
            self.roots[pointer] = rewritten

    # -- `$ref`s into the middle of schemas ---------------------------------------------------

    def resolve_sites(self) -> None:
        """Each `$ref` into the middle of a schema becomes a `$ref` to the class hoisted there,
        else a copy of what is there (rewritten as if it stood where the reference is)."""
        for pointer, root in list(self.roots.items()):
            self.roots[pointer] = self._sited(root, frozenset())
        done: set[str] = set()
        while pending := [key for key in self.entities if key not in done]:
            for key in pending:
                done.add(key)
                self.entities[key].schema = self._sited(self.entities[key].schema, frozenset())

    def _sited(self, node: Any, resolving: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [self._sited(item, resolving) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_SITE_REF + "/"):
            siblings = {k: self._sited(v, resolving) for k, v in node.items() if k != "$ref"}
            return {**self._site_target(ref[len(_SITE_REF) :], resolving), **siblings}
        return {
            key: value if key in ("enum", "const", "default") else self._sited(value, resolving)
            for key, value in node.items()
        }

    def _site_target(self, pointer: str, resolving: frozenset[str]) -> dict[str, Any]:
        if pointer in self.by_pointer:
            return {"$ref": PLACEHOLDER + jsonpointer.escape(self.by_pointer[pointer])}
        resolved = refs.resolve(self.document, {"$ref": "#" + pointer}, pointer)
        if pointer in resolving or not isinstance(resolved.node, dict):
            return {}  # references that only lead to each other: any value
        if resolved.pointer in self.by_pointer:
            return {"$ref": PLACEHOLDER + jsonpointer.escape(self.by_pointer[resolved.pointer])}
        owner = "/".join(resolved.pointer.split("/")[:4])  # its component, if it is in one
        owner = owner if owner.startswith(_COMPONENTS) and owner in self.entities else ""
        short = classnames.referenced_short(resolved.pointer, resolved.node)
        site = _Site(resolved.pointer, owner, short, "", nested=True)
        return dict(self._sited(self._child(resolved.node, site), resolving | {pointer}))

    # -- cleaning, one keyword at a time ------------------------------------------------------

    def _rewrite(self, schema: dict[str, Any], site: _Site) -> dict[str, Any]:
        """`schema`, in canonical form for `site`, cleaned for code generation, with nested
        class-worthy schemas hoisted."""
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _DROPPED_KEYS or (key.startswith("x-") and key not in _KEPT_EXTENSIONS):
                continue
            handler = _HANDLERS.get(key)
            kept = copy.deepcopy(value) if handler is None else handler(self, key, value, site)
            if kept is not _DROP:
                out[key] = kept
        return shapes.simplify(out)

    def _reference(self, key: str, value: Any, site: _Site) -> Any:
        """A component's `$ref` stays; one into the middle of a schema is marked for later."""
        if not isinstance(value, str) or not value.startswith("#/") or _is_component(value):
            return value
        return _SITE_REF + value[1:]

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
                secret=is_secret_name(name),
            )
            for name, prop in value.items()
        }

    def _items(self, key: str, value: Any, site: _Site) -> Any:
        if not isinstance(value, dict):
            return copy.deepcopy(value)
        where = jsonpointer.join(site.pointer, key)
        return self._child(value, site.at(where, self._item_short(site), nested=True))

    def _additional(self, key: str, value: Any, site: _Site) -> Any:
        if value is False:
            return _DROP  # a closed response model would reject fields a newer API adds
        if not isinstance(value, dict):
            return copy.deepcopy(value)
        where = jsonpointer.join(site.pointer, key)
        return self._child(value, site.at(where, site.short + "Value", nested=True))

    def _union(self, key: str, value: Any, site: _Site) -> Any:
        if not isinstance(value, list):
            return copy.deepcopy(value)
        branches = [b for b in value if not keywords.is_constraint_only(b)]
        if not branches:
            return _DROP
        base = site.short or self.fixed.get(site.pointer, "")
        shorts = branchnames.branch_shorts(branches, base, site.owner != site.pointer, site.pointer)
        return [
            self._child(
                branch, site.at(jsonpointer.join(site.pointer, key, i), shorts[i], nested=True)
            )
            for i, branch in enumerate(branches)
        ]

    def _all_of(self, key: str, value: Any, site: _Site) -> Any:
        if not isinstance(value, list):
            return copy.deepcopy(value)
        members = [member for member in value if not self._cyclic(site, member)]
        return [
            self._rewrite(
                shapes.canonical(member, nested=site.nested),
                site.at(jsonpointer.join(site.pointer, key, i), site.short, nested=site.nested),
            )
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
        schema = shapes.canonical(schema, nested=site.nested)
        if keywords.is_class_worthy(schema) or (
            site.nested and keywords.is_discriminated_union(schema)
        ):
            ref = self._hoist_inline(schema, site)
            return (
                {"anyOf": [ref, {"type": "null"}]} if keywords.is_nullable_object(schema) else ref
            )
        rewritten = self._rewrite(schema, site)
        if secret and "x-sdk-secret" not in rewritten and self._holds_text(schema):
            rewritten["x-sdk-secret"] = True  # a `token` that is an object is no credential
        return rewritten

    def _holds_text(self, schema: dict[str, Any]) -> bool:
        resolved = refs.resolve(self.document, schema, "").node
        return keywords.types(resolved if isinstance(resolved, dict) else {}) <= {"string", "null"}

    def _item_short(self, site: _Site) -> str:  # an item of `data` or of a list class: noun
        if not site.short or site.short.lower() in _CONTAINERS or site.pointer == site.owner:
            return class_name(classnames.member(site.noun), fallback="Item")
        return class_name(singular(site.short), fallback="Item")

    def _hoist_inline(self, schema: dict[str, Any], site: _Site) -> dict[str, Any]:
        """Register an inline class; schemas of the same shape (docs aside) share one class."""
        if site.pointer in self.by_pointer:  # seen before, through a `$ref` into the middle
            return {"$ref": PLACEHOLDER + jsonpointer.escape(self.by_pointer[site.pointer])}
        bare = {**schema, "type": "object"} if keywords.is_nullable_object(schema) else schema
        class_site = _Site(site.pointer, site.pointer, site.short, site.noun)
        rewritten = self._rewrite(shapes.canonical(bare, nested=False), class_site)
        shape = json.dumps(shapes.without_docs(rewritten), sort_keys=True)
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
    "$ref": _Hoister._reference,
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


def _is_component(ref: str) -> bool:
    return ref.startswith("#" + _COMPONENTS) and "/" not in ref[len(_COMPONENTS) + 1 :]
