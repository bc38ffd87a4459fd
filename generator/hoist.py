"""Inline schemas -> named classes, so every model has a readable name that stays put.

datamodel-code-generator names inline schemas `Type1`, `Model1`, `PersonaConfig1`. We hand it a flat
set of named schemas instead: every inline object gets a name from where it sits (operation, role,
property: `CreatePersonaRequest`, `VoiceDetectionOptions`), identical inline schemas share one
class, and a short name is used only when no other schema wants it, so names do not depend on the
order in which things appear. Names recorded in the names lock (JSON pointer -> class name) win.

The flat schemas are also cleaned for code generation: only formats that change a Python type are
kept, examples and extensions are dropped, secrets are marked `x-sdk-secret`.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import jsonpointer
from .ir import SCHEMA_PREFIX
from .media import encoding, pick_media
from .naming import Namer, class_name, pascal_case, singular, snake_case
from .strings import plain
from .vocabulary import CLASS_RESERVED
from .walk import iter_operations

_PLACEHOLDER = "#/x-inline/"
KEPT_FORMATS = frozenset({"date-time", "date", "uuid", "binary"})
_CONTAINERS = frozenset({"data", "items", "results", "records", "entries", "values", "list"})
# `pattern` is dropped too: a spec's regex dialect is not pydantic's (Rust), and an invalid one
# would stop the package from importing; the contract validator still checks patterns.
_DROPPED_KEYS = frozenset(
    {"example", "examples", "externalDocs", "xml", "$comment", "deprecated", "pattern"}
)
_SECRET_WORDS = frozenset({"secret", "password", "token", "apikey"})
_STRUCTURAL = frozenset(
    {
        "type",
        "properties",
        "$ref",
        "enum",
        "const",
        "items",
        "allOf",
        "anyOf",
        "oneOf",
        "additionalProperties",
        "format",
        "prefixItems",
    }
)


@dataclass(frozen=True)
class Hoisted:
    """Flat named schemas for datamodel-code-generator, and where each name came from."""

    schemas: dict[str, dict[str, Any]]
    pointer_names: dict[str, str]
    roots: dict[str, dict[str, Any]]

    def name_at(self, pointer: str) -> str | None:
        return self.pointer_names.get(pointer)


@dataclass
class _Entity:
    """A schema that becomes a class: a component, an operation root, or a group of inline twins."""

    pointers: list[str]
    schema: dict[str, Any]
    fixed: str | None = None
    title: str | None = None
    shorts: list[str] = field(default_factory=list)
    parents: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class _Site:
    """Where a schema sits: its pointer, the nearest enclosing class, its short name, the noun."""

    pointer: str
    owner: str
    short: str
    noun: str

    def at(self, pointer: str, short: str) -> _Site:
        return _Site(pointer, self.owner, short, self.noun)


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
        ref = member.get("$ref") if isinstance(member, dict) else None
        if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
            found.add(jsonpointer.unescape(ref[len(SCHEMA_PREFIX) :]))
        else:
            found |= _allof_refs(member)
    return found


def hoist(
    document: dict[str, Any],
    *,
    locked: Mapping[str, str] | None = None,
    reserved: frozenset[str] = frozenset(),
) -> Hoisted:
    return _Hoister(document, dict(locked or {}), CLASS_RESERVED | reserved).run()


class _Hoister:
    def __init__(self, document: dict[str, Any], locked: dict[str, str], reserved: frozenset[str]):
        self.document = document
        self.locked = locked
        self.reserved = reserved
        self.entities: dict[str, _Entity] = {}
        self.cyclic = cyclic_inheritance(document)
        self.by_pointer: dict[str, str] = {}
        self.roots: dict[str, dict[str, Any]] = {}

    def run(self) -> Hoisted:
        components = (self.document.get("components") or {}).get("schemas") or {}
        for key, schema in components.items():
            pointer = jsonpointer.join("", "components", "schemas", key)
            name = class_name(key, fallback="Schema")
            self._add_root(pointer, schema, _Site(pointer, pointer, name, key), fixed=name)
        for path, method, operation in iter_operations(self.document):
            self._operation(path, method, operation)
        names = self._assign_names()
        schemas = {
            names[key]: _resolve(entity.schema, names) for key, entity in self.entities.items()
        }
        roots = {pointer: _resolve(schema, names) for pointer, schema in self.roots.items()}
        pointer_names = {
            pointer: names[key]
            for key, entity in self.entities.items()
            for pointer in entity.pointers
        }
        return Hoisted(dict(sorted(schemas.items())), pointer_names, roots)

    # -- collecting -------------------------------------------------------------------------

    def _operation(self, path: str, method: str, operation: dict[str, Any]) -> None:
        base = jsonpointer.join("", "paths", path, method)
        op_name = class_name(
            str(operation.get("operationId") or "")
            or f"{method} {path.replace('{', '').replace('}', '')}",
            fallback="Operation",
        )
        noun = _noun(op_name)
        body = operation.get("requestBody")
        if isinstance(body, dict):
            content_map = body.get("content") or {}
            chosen = pick_media(list(content_map))
            for media, content in content_map.items():
                if isinstance(content, dict) and isinstance(content.get("schema"), dict):
                    pointer = jsonpointer.join(base, "requestBody", "content", media, "schema")
                    suffix = "Request" if media == chosen else _media_suffix(media)
                    self._add_root(pointer, content["schema"], noun, fixed=op_name + suffix)
        for status, response in sorted((operation.get("responses") or {}).items()):
            if not isinstance(response, dict):
                continue
            role = (
                "Response" if str(status).startswith("2") else _status_name(str(status)) + "Error"
            )
            for media, content in (response.get("content") or {}).items():
                if isinstance(content, dict) and isinstance(content.get("schema"), dict):
                    pointer = jsonpointer.join(
                        base, "responses", status, "content", media, "schema"
                    )
                    self._add_root(pointer, content["schema"], noun, fixed=op_name + role)
        for index, parameter in enumerate(operation.get("parameters") or []):
            if isinstance(parameter, dict) and isinstance(parameter.get("schema"), dict):
                pointer = jsonpointer.join(base, "parameters", index, "schema")
                fixed = op_name + class_name(str(parameter.get("name", "")), fallback="Param")
                self._add_root(pointer, parameter["schema"], noun, fixed=fixed)

    def _add_root(self, pointer: str, schema: Any, site: _Site | str, fixed: str) -> None:
        if not isinstance(schema, dict):
            return
        is_class = pointer.startswith("/components/schemas/") or _is_class_worthy(schema)
        if isinstance(site, str):
            site = _Site(pointer, pointer if is_class else "", "", site)
        rewritten = self._rewrite(schema, site)
        if is_class:
            self.entities[pointer] = _Entity([pointer], rewritten, fixed=fixed)
            self.by_pointer[pointer] = pointer
            self.roots[pointer] = {"$ref": _PLACEHOLDER + jsonpointer.escape(pointer)}
        else:
            self.roots[pointer] = rewritten

    def _rewrite(self, schema: dict[str, Any], site: _Site) -> dict[str, Any]:
        """`schema` cleaned for code generation, with nested class-worthy schemas hoisted."""
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key in _DROPPED_KEYS or (key.startswith("x-") and key != "x-sdk-secret"):
                continue
            if key == "format" and value not in KEPT_FORMATS:
                continue
            if key == "additionalProperties" and value is False:
                continue  # a closed response model would reject fields a newer API adds
            if key in ("description", "title") and isinstance(value, str):
                out[key] = plain(value)
            elif key == "$ref" and isinstance(value, str):
                out[key] = value
            elif key == "properties" and isinstance(value, dict):
                out[key] = {
                    name: self._child(
                        prop,
                        site.at(jsonpointer.join(site.pointer, key, name), class_name(name)),
                        secret=_is_secret(name),
                    )
                    for name, prop in value.items()
                }
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                short = self._items_short(site) if key == "items" else site.short + "Value"
                out[key] = self._child(value, site.at(jsonpointer.join(site.pointer, key), short))
            elif key in ("oneOf", "anyOf") and isinstance(value, list):
                branches = [b for b in value if not _is_constraint_only(b)]
                if branches:
                    out[key] = self._union(branches, site, key)
            elif key == "allOf" and isinstance(value, list):
                value = [member for member in value if not self._cyclic(site, member)]
                out[key] = [
                    self._rewrite(
                        member, site.at(jsonpointer.join(site.pointer, key, i), site.short)
                    )
                    if isinstance(member, dict)
                    else member
                    for i, member in enumerate(value)
                ]
            elif key == "discriminator" and isinstance(value, dict):
                out[key] = copy.deepcopy(value)
            else:
                out[key] = copy.deepcopy(value)
        return _simplify(out)

    def _cyclic(self, site: _Site, member: Any) -> bool:
        ref = member.get("$ref") if isinstance(member, dict) else None
        owner = site.owner.removeprefix("/components/schemas/")
        if not (isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX)) or owner == site.owner:
            return False
        parent = jsonpointer.unescape(ref[len(SCHEMA_PREFIX) :])
        return (jsonpointer.unescape(owner), parent) in self.cyclic

    def _child(self, schema: Any, site: _Site, secret: bool = False) -> Any:
        """A schema inside another: hoisted if it is a class, else rewritten in place."""
        if not isinstance(schema, dict):
            return schema
        if _is_class_worthy(schema):
            ref = self._hoist_inline(schema, site)
            return {"anyOf": [ref, {"type": "null"}]} if _is_nullable_object(schema) else ref
        rewritten = self._rewrite(schema, site)
        if secret and "x-sdk-secret" not in rewritten and _types(schema) <= {"string", "null"}:
            rewritten["x-sdk-secret"] = True
        return rewritten

    def _union(self, branches: list[Any], site: _Site, key: str) -> list[Any]:
        shorts = _branch_shorts(branches, site.short)
        return [
            self._child(branch, site.at(jsonpointer.join(site.pointer, key, i), shorts[i]))
            for i, branch in enumerate(branches)
        ]

    def _items_short(self, site: _Site) -> str:
        if not site.short or site.short.lower() in _CONTAINERS:
            return class_name(singular(site.noun), fallback="Item") if site.noun else "Item"
        return class_name(singular(site.short), fallback="Item")

    def _hoist_inline(self, schema: dict[str, Any], site: _Site) -> dict[str, Any]:
        """Register an inline class; schemas of the same shape (docs aside) share one class."""
        bare = {**schema, "type": "object"} if _is_nullable_object(schema) else schema
        class_site = _Site(site.pointer, site.pointer, site.short, site.noun)
        rewritten = self._rewrite(bare, class_site)
        shape = json.dumps(_shape(rewritten), sort_keys=True)
        digest = hashlib.sha256(shape.encode()).hexdigest()[:16]
        entity = self.entities.get(digest)
        if entity is None:
            entity = self.entities[digest] = _Entity([], rewritten)
        entity.pointers.append(site.pointer)
        title = schema.get("title")
        if isinstance(title, str) and class_name(title, fallback=""):
            entity.title = entity.title or class_name(title, fallback="Schema")
        entity.shorts.append(site.short or "Model")
        entity.parents.append((site.owner, site.short or "Model"))
        self.by_pointer[site.pointer] = digest
        return {"$ref": _PLACEHOLDER + digest}

    # -- naming -----------------------------------------------------------------------------

    def _assign_names(self) -> dict[str, str]:
        namer = Namer(self.reserved)
        names: dict[str, str] = {}
        ordered = sorted(self.entities.items(), key=lambda item: min(item[1].pointers))
        for key, entity in ordered:
            locked = next(
                (self.locked[p] for p in sorted(entity.pointers) if p in self.locked), None
            )
            if locked:
                names[key] = namer.claim(locked)
        for key, entity in ordered:
            if key not in names and entity.fixed:
                names[key] = namer.claim(entity.fixed)
        wanted = Counter(
            _preferred(entity) for entity in self.entities.values() if not entity.fixed
        )
        for key, entity in ordered:
            if key in names:
                continue
            preferred = _preferred(entity)
            if wanted[preferred] == 1 and preferred not in namer:
                names[key] = namer.claim(preferred)
        for key, _entity in ordered:
            if key not in names:
                names[key] = namer.claim(self._qualified(key, names))
        return names

    def _qualified(self, key: str, names: dict[str, str]) -> str:
        entity = self.entities[key]
        parent_pointer, short = sorted(entity.parents)[0]
        parent_key = self.by_pointer.get(parent_pointer)
        parent = names.get(parent_key, "") if parent_key else ""
        if parent_key and not parent:
            parent = self._qualified(parent_key, names)
        if short.startswith(parent):
            return short
        return parent + short


def _preferred(entity: _Entity) -> str:
    if entity.title:
        return entity.title
    counts = Counter(entity.shorts)
    return min(counts, key=lambda name: (-counts[name], len(name), name))


def _resolve(schema: Any, names: dict[str, str]) -> Any:
    """Placeholders and component refs -> `#/components/schemas/<final class name>`."""
    if isinstance(schema, list):
        return [_resolve(item, names) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = _resolve_ref(value, names)
        elif key == "discriminator" and isinstance(value, dict) and "mapping" in value:
            mapping = {tag: _resolve_ref(ref, names) for tag, ref in value["mapping"].items()}
            out[key] = {**value, "mapping": mapping}
        elif key in ("enum", "const", "default"):
            out[key] = value
        else:
            out[key] = _resolve(value, names)
    return out


def _resolve_ref(ref: str, names: dict[str, str]) -> str:
    if ref.startswith(_PLACEHOLDER):
        key = jsonpointer.unescape(ref[len(_PLACEHOLDER) :])
        return SCHEMA_PREFIX + names[key]
    if ref.startswith(SCHEMA_PREFIX):
        pointer = ref[1:]
        if pointer in names:
            return SCHEMA_PREFIX + names[pointer]
    return ref


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


def _types(schema: dict[str, Any]) -> set[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    if isinstance(kind, list):
        return {k for k in kind if isinstance(k, str)}
    return set()


def _is_class_worthy(schema: Any) -> bool:
    if not isinstance(schema, dict) or "$ref" in schema:
        return False
    properties = schema.get("properties")
    types = _types(schema)
    if isinstance(properties, dict) and properties and (not types or "object" in types):
        return True
    members = schema.get("allOf")
    return isinstance(members, list) and len(members) > 1


def _is_nullable_object(schema: dict[str, Any]) -> bool:
    return _types(schema) == {"object", "null"} and bool(schema.get("properties"))


def _is_constraint_only(branch: Any) -> bool:
    """`oneOf: [{required: [a]}, {required: [b]}]` says which keys must be there, not a type."""
    return isinstance(branch, dict) and not (set(branch) & _STRUCTURAL)


def _simplify(schema: dict[str, Any]) -> dict[str, Any]:
    """`allOf` of one member is that member; keep the member's annotations next to a `$ref`."""
    members = schema.get("allOf")
    if isinstance(members, list) and len(members) == 1 and isinstance(members[0], dict):
        outer = {k: v for k, v in schema.items() if k != "allOf"}
        if not (set(outer) & _STRUCTURAL):
            return {**members[0], **outer}
    return schema


def _is_secret(name: str) -> bool:
    tokens = snake_case(name).split("_")
    return bool(tokens) and (tokens[-1] in _SECRET_WORDS or tokens[-2:] == ["api", "key"])


def _branch_shorts(branches: list[Any], base: str) -> list[str]:
    """Names for union branches: titles, else the base name for the richest branch and
    `<Base>With<Property>` for the others (named by a property only they have)."""
    base = base or "Variant"
    props = [set(b.get("properties") or {}) if isinstance(b, dict) else set() for b in branches]
    primary = max(range(len(branches)), key=lambda i: (len(props[i]), -i)) if branches else 0
    shorts = []
    for index, branch in enumerate(branches):
        title = branch.get("title") if isinstance(branch, dict) else None
        if isinstance(title, str) and class_name(title, fallback=""):
            shorts.append(class_name(title, fallback="Variant"))
        elif index == primary:
            shorts.append(base)
        else:
            own = sorted(props[index] - props[primary]) or sorted(props[index])
            shorts.append(
                base + "With" + class_name(own[0], fallback="Field") if own else base + "Variant"
            )
    return shorts


def _noun(op_name: str) -> str:
    """`ListPersonas` -> `Personas`: the operation name without its leading verb."""
    words = [w for w in snake_case(op_name).split("_") if w]
    return pascal_case("_".join(words[1:])) if len(words) > 1 else pascal_case(op_name)


def _media_suffix(media: str) -> str:
    """`JsonRequest`, `MultipartRequest`...: the body variants a method does not send itself."""
    kind = encoding(media)
    return (
        pascal_case(kind) if kind != "binary" else pascal_case(media.split("/")[-1])
    ) + "Request"


_STATUS_NAMES = {
    "400": "BadRequest",
    "401": "Unauthorized",
    "403": "Forbidden",
    "404": "NotFound",
    "409": "Conflict",
    "422": "UnprocessableEntity",
    "429": "RateLimit",
    "500": "InternalServer",
    "502": "BadGateway",
    "503": "ServiceUnavailable",
    "default": "Default",
}


def _status_name(status: str) -> str:
    return _STATUS_NAMES.get(status.lower(), "Status" + pascal_case(status))
