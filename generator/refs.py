"""Following `$ref`s inside one document, and the parameters an operation really has.

Analysis and the spec diff both need "this parameter, body or response, with its `$ref`s
followed" and "the path item's parameters merged with the operation's"; this is the one place
that does either. References are followed iteratively and a cycle of bare `$ref`s ends the walk
instead of looping, whatever the document says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import jsonpointer

SCHEMA_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class Resolved:
    """What a node stands for once its `$ref`s are followed.

    `node` is None when a reference dangles or the references form a cycle. `siblings` are the
    keywords written next to the `$ref`s (3.1 allows `description` there), nearest first.
    """

    node: Any
    pointer: str
    first_ref: str | None = None
    siblings: dict[str, Any] = field(default_factory=dict)


def ref_holders(node: Any) -> Iterator[dict[str, Any]]:
    """Every object inside `node` (itself too) whose `$ref` is a string, without following any
    (no order promised). A holder's `$ref` may be rewritten while the walk goes on."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def refs_in(node: Any) -> Iterator[str]:
    """Every `$ref` string anywhere inside `node`, without following any (no order promised)."""
    return (holder["$ref"] for holder in ref_holders(node))


def resolve(document: dict[str, Any], node: Any, pointer: str) -> Resolved:
    """`node` (found at `pointer`) with its chain of `$ref`s followed."""
    first: str | None = None
    siblings: dict[str, Any] = {}
    visited: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in visited:
            return Resolved(None, pointer, first, siblings)
        visited.add(ref)
        siblings = {**{k: v for k, v in node.items() if k != "$ref"}, **siblings}
        first = first or ref
        try:
            node, pointer = jsonpointer.resolve(document, ref), ref[1:]
        except (KeyError, ValueError):
            return Resolved(None, pointer, first, siblings)
    return Resolved(node, pointer, first, siblings)


def component_name(schema: Any) -> str | None:
    """`Persona` for `{"$ref": "#/components/schemas/Persona"}`; None for anything else."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str) and ref.startswith(SCHEMA_PREFIX):
        return jsonpointer.unescape(ref[len(SCHEMA_PREFIX) :])
    return None


def parameter_schema(parameter: Any) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    """A parameter's schema and the keys that lead to it: `schema`, or its one `content`
    entry's (a header of JSON, `x-metadata: {"name": ...}`, is as much typed by it)."""
    if not isinstance(parameter, dict):
        return None
    if isinstance(parameter.get("schema"), dict):
        return ("schema",), parameter["schema"]
    content = parameter.get("content")
    if isinstance(content, dict) and content:
        media, entry = next(iter(content.items()))
        if isinstance(entry, dict) and isinstance(entry.get("schema"), dict):
            return ("content", str(media), "schema"), entry["schema"]
    return None


@dataclass(frozen=True)
class ParameterSite:
    """One parameter of an operation, `$ref`s followed, and where its definition sits."""

    parameter: dict[str, Any]
    pointer: str

    @property
    def location(self) -> str:
        return str(self.parameter.get("in"))

    @property
    def name(self) -> str:
        return str(self.parameter.get("name"))


def operation_parameters(
    document: dict[str, Any], path: str, operation: dict[str, Any], pointer: str
) -> list[ParameterSite]:
    """The path item's parameters overridden by the operation's (same `in` and `name`), in order.

    Header names compare case-insensitively, as HTTP does. A `description` written beside a
    parameter's `$ref` replaces the shared one (3.1's Reference Object: an operation sharing a
    parameter says what it means there).
    """
    item = (document.get("paths") or {}).get(path) or {}
    owners = (
        (item, jsonpointer.join("", "paths", path)),
        (operation, pointer),
    )
    merged: dict[tuple[str, str], ParameterSite] = {}
    for owner, base in owners:
        raw_parameters = owner.get("parameters") if isinstance(owner, dict) else None
        for index, raw in enumerate(raw_parameters if isinstance(raw_parameters, list) else []):
            resolved = resolve(document, raw, jsonpointer.join(base, "parameters", index))
            parameter = _described_here(resolved)
            if isinstance(parameter, dict) and isinstance(parameter.get("name"), str):
                site = ParameterSite(parameter, resolved.pointer)
                merged[_identity(site)] = site
    return list(merged.values())


def _described_here(resolved: Resolved) -> Any:
    """The resolved parameter, with the `description` beside its `$ref` where one is written
    (a copy: the shared component stays as the document has it)."""
    own = resolved.siblings.get("description")
    if isinstance(own, str) and isinstance(resolved.node, dict):
        return {**resolved.node, "description": own}
    return resolved.node


def _identity(site: ParameterSite) -> tuple[str, str]:
    return (site.location, site.name.lower() if site.location == "header" else site.name)


_MAX_HOPS = 20


def hops(schema: Any, lookup: Callable[[str], Any]) -> Iterator[Any]:
    """`schema`, then each schema it stands for in turn: the named schema a `$ref` names
    (`lookup` finds it by name), the one branch of a nullable `anyOf`/`oneOf`, the one member of
    an untyped `allOf` (a `$ref` beside a description). Bounded, as a chain of names may loop."""
    for _ in range(_MAX_HOPS):
        yield schema
        if not isinstance(schema, dict):
            return
        name = component_name(schema)
        if name is not None:
            schema = lookup(name)
            continue
        branches = [
            b
            for b in schema.get("anyOf") or schema.get("oneOf") or []
            if not (isinstance(b, dict) and b.get("type") in ("null", ["null"]))
        ]
        if len(branches) == 1:
            schema = branches[0]
        elif not schema.get("type") and len(schema.get("allOf") or []) == 1:
            schema = schema["allOf"][0]
        else:
            return


def is_read_only(schema: Any, schemas: Mapping[str, Any]) -> bool:
    """Whether a property is one the server alone sets: `readOnly` on it, or on the schema it
    stands for (`id: {$ref: Id}` with `Id` read-only is as read-only as the inline form, and so
    is the one branch of a nullable wrapper). A request neither sends nor requires it."""
    return any(
        isinstance(hop, dict) and hop.get("readOnly") is True for hop in hops(schema, schemas.get)
    )
