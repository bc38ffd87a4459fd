"""One schema as the diff sees it: what it accepts, with its spelling taken out.

Two specs can say the same thing in different words: a schema inline or behind a `$ref`, `allOf`
of one part or the part itself, `oneOf: [X, {type: null}]` or X made nullable, properties in any
order. A `View` is the same for all of them, so comparing views reports contract changes only.
Children (properties, items, branches) stay unresolved `Node`s: views are built lazily as the
comparison descends, which keeps recursive schemas finite.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from .. import jsonpointer, keywords, refs

_MISSING: Any = object()
BOUNDS = (
    "minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties",
    "maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties",
    "pattern", "multipleOf", "uniqueItems",
)  # fmt: skip
_MAX_ALLOF_DEPTH = 20


@dataclass(frozen=True)
class Node:
    """A schema as written, and where it sits in its document."""

    schema: Any
    pointer: str


@dataclass(frozen=True)
class View:
    pointer: str
    ref: str | None = None
    types: frozenset[str] = frozenset()
    nullable: bool = False
    format: str | None = None
    enum: tuple[Any, ...] | None = None
    properties: dict[str, Node] = field(default_factory=dict)
    required: frozenset[str] = frozenset()
    items: Node | None = None
    additional: Node | bool | None = None
    branches: tuple[Node, ...] = ()
    bounds: dict[str, Any] = field(default_factory=dict)
    default: Any = _MISSING
    description: str | None = None
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False

    @property
    def has_default(self) -> bool:
        return self.default is not _MISSING

    @property
    def bare(self) -> bool:
        """No shape of its own: only a union of branches (and annotations) decides what it is."""
        return not (
            self.types or self.enum is not None or self.properties or self.items or self.format
        )

    def plain(self) -> View:
        """This view without the annotations and nullability its wrapper already compared."""
        return replace(self, nullable=False, description=None, deprecated=False, default=_MISSING)


def view(document: dict[str, Any], node: Node) -> View:
    return _view(document, node, frozenset(), 0)


def enum_key(value: Any) -> str:
    """A hashable, order-independent spelling of an enum value (values may be objects)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _view(document: dict[str, Any], node: Node, seen: frozenset[str], depth: int) -> View:
    schema, pointer, ref, outer = _deref(document, node)
    if not isinstance(schema, dict) or pointer in seen or depth > _MAX_ALLOF_DEPTH:
        return View(pointer, ref)
    seen = seen | {pointer}
    own = _own(schema, pointer, ref)
    for index, member in enumerate(schema.get("allOf") or []):
        where = jsonpointer.join(pointer, "allOf", index)
        own = _merge(own, _view(document, Node(member, where), seen, depth + 1))
    own = _fold_branches(document, schema, own, seen, depth)
    return _annotate(own, outer)


def _deref(document: dict[str, Any], node: Node) -> tuple[Any, str, str | None, dict[str, Any]]:
    """`$ref`s followed; annotations written next to a `$ref` are kept as `outer`."""
    resolved = refs.resolve(document, node.schema, node.pointer)
    schema = {} if resolved.node is None else resolved.node
    return schema, resolved.pointer, resolved.first_ref, resolved.siblings


def _own(schema: dict[str, Any], pointer: str, ref: str | None) -> View:
    kinds = keywords.types(schema)
    enum = _enum(schema)
    properties = schema.get("properties")
    items = schema.get("items")
    return View(
        pointer=pointer,
        ref=ref,
        types=frozenset(kinds - {"null"} or keywords.implied_types(schema)),
        nullable="null" in kinds or (not kinds and enum is not None and None in enum),
        format=schema.get("format") if isinstance(schema.get("format"), str) else None,
        enum=None if enum is None else tuple(v for v in enum if v is not None),
        properties={
            name: Node(child, jsonpointer.join(pointer, "properties", name))
            for name, child in (properties if isinstance(properties, dict) else {}).items()
        },
        required=frozenset(r for r in schema.get("required") or [] if isinstance(r, str)),
        items=Node(items, jsonpointer.join(pointer, "items")) if isinstance(items, dict) else None,
        additional=_additional(schema, pointer),
        bounds={key: schema[key] for key in BOUNDS if key in schema},
        default=schema.get("default", _MISSING),
        description=_docs(schema),
        deprecated=schema.get("deprecated") is True,
        read_only=schema.get("readOnly") is True,
        write_only=schema.get("writeOnly") is True,
    )


def _enum(schema: dict[str, Any]) -> list[Any] | None:
    """The allowed values (`const` is an enum of one), or None when any value of the type is."""
    if "const" in schema:
        return [schema["const"]]
    enum = schema.get("enum")
    return enum if isinstance(enum, list) else None


def _additional(schema: dict[str, Any], pointer: str) -> Node | bool | None:
    """A schema for extra properties, False when they are forbidden, None when unspecified."""
    additional = schema.get("additionalProperties")
    if isinstance(additional, dict) and additional:
        return Node(additional, jsonpointer.join(pointer, "additionalProperties"))
    return False if additional is False else None


def _docs(schema: dict[str, Any]) -> str | None:
    parts = [schema.get(key) for key in ("title", "description")]
    text = "\n".join(part for part in parts if isinstance(part, str) and part.strip())
    return text or None


def _merge(base: View, part: View) -> View:
    """`base` with an allOf member folded in; what `base` says itself wins."""
    return replace(
        base,
        types=base.types & part.types if base.types and part.types else base.types | part.types,
        nullable=base.nullable and part.nullable if base.types else base.nullable or part.nullable,
        format=base.format or part.format,
        enum=base.enum if base.enum is not None else part.enum,
        properties={**part.properties, **base.properties},
        required=base.required | part.required,
        items=base.items or part.items,
        additional=base.additional if base.additional is not None else part.additional,
        branches=base.branches + part.branches,
        bounds={**part.bounds, **base.bounds},
        default=base.default if base.has_default else part.default,
        description=base.description or part.description,
        deprecated=base.deprecated or part.deprecated,
        read_only=base.read_only or part.read_only,
        write_only=base.write_only or part.write_only,
    )


def _fold_branches(
    document: dict[str, Any], schema: dict[str, Any], own: View, seen: frozenset[str], depth: int
) -> View:
    """Null branches become nullability; a union left with one branch is that branch."""
    branches: list[Node] = []
    nullable = own.nullable
    for key in ("oneOf", "anyOf"):
        for index, branch in enumerate(schema.get(key) or []):
            if _is_null(branch):
                nullable = True
            else:
                branches.append(Node(branch, jsonpointer.join(own.pointer, key, index)))
    own = replace(own, nullable=nullable, branches=own.branches + tuple(branches))
    if len(own.branches) == 1 and own.bare:
        inner = _view(document, own.branches[0], seen, depth + 1)
        return replace(_merge(replace(own, branches=()), inner), ref=own.ref or inner.ref)
    return own


def _is_null(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    kind = schema.get("type")
    return kind == "null" or kind == ["null"] or schema.get("enum") == [None]


def _annotate(own: View, outer: dict[str, Any]) -> View:
    """Annotations written next to a `$ref` describe this use of the target: they win."""
    if not outer:
        return own
    return replace(
        own,
        description=_docs(outer) or own.description,
        deprecated=own.deprecated or outer.get("deprecated") is True,
        read_only=own.read_only or outer.get("readOnly") is True,
        write_only=own.write_only or outer.get("writeOnly") is True,
        default=outer.get("default", own.default),
    )
