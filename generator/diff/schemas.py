"""Structural comparison of two schemas at one place of an operation (a parameter, a body).

The comparison walks both schemas together through `View`s, so only contract changes are seen, and
reports each under the rule for its location and direction (see `rules.py`). Every pair of
schema nodes is compared once per place: that ends recursion through `$ref` cycles and reports a
shared component once per place, where it sits (its JSON pointer), not at every path reaching it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Change
from .rules import Direction, change
from .views import BOUNDS, Node, View, enum_key, view

_MAX_DEPTH = 64
_LOWER_BOUNDS = frozenset({"minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"})
_UPPER_BOUNDS = frozenset({"maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"})


@dataclass(frozen=True)
class Site:
    """Where the compared schemas sit: `root` is the rule location of the top schema."""

    operation: str
    direction: Direction
    root: str
    where: str


def compare_schemas(
    old_document: dict[str, Any], new_document: dict[str, Any], site: Site, old: Node, new: Node
) -> list[Change]:
    comparer = _Comparer(old_document, new_document, site)
    comparer.pair(view(old_document, old), view(new_document, new), ())
    return comparer.changes


class _Comparer:
    def __init__(self, old_document: dict[str, Any], new_document: dict[str, Any], site: Site):
        self.old_document = old_document
        self.new_document = new_document
        self.site = site
        self.changes: list[Change] = []
        self.seen: set[tuple[str, str]] = set()

    # -- one pair of nodes --------------------------------------------------------------------

    def pair(self, old: View, new: View, path: tuple[str, ...]) -> None:
        key = (old.pointer, new.pointer)
        if key in self.seen or len(path) > _MAX_DEPTH:
            return
        self.seen.add(key)
        if self._hidden(old) and self._hidden(new):
            return
        self._annotations(old, new, path)
        if old.nullable != new.nullable:
            event, what = (
                ("became-nullable", "became nullable")
                if new.nullable
                else ("became-not-nullable", "is no longer nullable")
            )
            self._emit(event, new, path, what)
        if _wrapped(old, new):
            self._variants(old.branches or (old.plain(),), new.branches or (new.plain(),), path)
            return
        self._types(old, new, path)
        self._enum(old, new, path)
        self._bounds(old, new, path)
        self._properties(old, new, path)
        self._children(old, new, path)
        if old.branches or new.branches:
            self._variants(old.branches, new.branches, path)

    def _annotations(self, old: View, new: View, path: tuple[str, ...]) -> None:
        if old.description != new.description:
            self._emit("description-changed", new, path, "description changed")
        if new.deprecated and not old.deprecated:
            self._emit("deprecated", new, path, "was deprecated")
        if (old.has_default, old.default) != (new.has_default, new.default):
            shown = _value(new.default) if new.has_default else "none"
            self._emit("default-changed", new, path, f"default changed to {shown}")

    def _types(self, old: View, new: View, path: tuple[str, ...]) -> None:
        if old.types != new.types:
            event = _type_event(old.types, new.types)
            message = f"type changed from {_types(old.types)} to {_types(new.types)}"
            self._emit(event, new, path, message)
        if old.format != new.format:
            message = f"format changed from {old.format or 'none'} to {new.format or 'none'}"
            self._emit(_format_event(old.format, new.format), new, path, message)

    def _enum(self, old: View, new: View, path: tuple[str, ...]) -> None:
        if old.enum is None and new.enum is None:
            return
        if old.enum is None or new.enum is None:
            became = new.enum is not None
            values = ", ".join(_value(v) for v in new.enum or ())
            message = f"became an enum of {values}" if became else "is no longer an enum"
            self._emit("became-enum" if became else "became-not-enum", new, path, message)
            return
        old_values = {enum_key(v): v for v in old.enum}
        new_values = {enum_key(v): v for v in new.enum}
        for event, verb, keys, source in (
            ("enum-value-added", "gained", new_values.keys() - old_values.keys(), new_values),
            ("enum-value-removed", "lost", old_values.keys() - new_values.keys(), old_values),
        ):
            if keys:
                values = ", ".join(_value(source[k]) for k in sorted(keys))
                self._emit(event, new, path, f"{verb} enum values {values}")

    def _bounds(self, old: View, new: View, path: tuple[str, ...]) -> None:
        before, after = _limits(old), _limits(new)
        for keyword in [*BOUNDS, "additionalProperties"]:
            if before.get(keyword) != after.get(keyword):
                tighter = _tightened(keyword, before.get(keyword), after.get(keyword))
                shown = f"{_value(before.get(keyword))} to {_value(after.get(keyword))}"
                event = "constraint-tightened" if tighter else "constraint-relaxed"
                self._emit(event, new, path, f"{keyword} changed from {shown}")

    def _properties(self, old: View, new: View, path: tuple[str, ...]) -> None:
        direction = self.site.direction
        for name in sorted(old.properties.keys() | new.properties.keys()):
            before, after = old.properties.get(name), new.properties.get(name)
            here = (*path, name)
            if after is None and before is not None:
                if not self._hidden(view(self.old_document, before)):
                    message = f"{self._subject(here)} was removed"
                    self._add(f"{direction}-property-removed", before.pointer, message)
            elif before is None and after is not None:
                if not self._hidden(view(self.new_document, after)):
                    self._added(name in new.required, after.pointer, here)
            elif before is not None and after is not None:
                if (name in old.required) != (name in new.required):
                    became = "required" if name in new.required else "optional"
                    message = f"{self._subject(here)} became {became}"
                    self._add(f"{direction}-property-became-{became}", after.pointer, message)
                self.pair(view(self.old_document, before), view(self.new_document, after), here)

    def _added(self, required: bool, pointer: str, path: tuple[str, ...]) -> None:
        if self.site.direction == "request":
            kind = "required" if required else "optional"
            message = f"{self._subject(path)} was added ({kind})"
            self._add(f"request-property-added-{kind}", pointer, message)
        else:
            self._add("response-property-added", pointer, f"{self._subject(path)} was added")

    def _children(self, old: View, new: View, path: tuple[str, ...]) -> None:
        if old.items is not None and new.items is not None:
            old_items = view(self.old_document, old.items)
            self.pair(old_items, view(self.new_document, new.items), (*path, "[]"))
        if isinstance(old.additional, Node) and isinstance(new.additional, Node):
            old_values = view(self.old_document, old.additional)
            self.pair(old_values, view(self.new_document, new.additional), (*path, "*"))

    def _variants(
        self, old: tuple[Node | View, ...], new: tuple[Node | View, ...], path: tuple[str, ...]
    ) -> None:
        olds = [b if isinstance(b, View) else view(self.old_document, b) for b in old]
        news = [b if isinstance(b, View) else view(self.new_document, b) for b in new]
        pairs, removed, added = _match(olds, news)
        for before, after in pairs:
            self.pair(before, after, path)
        for gone in removed:
            message = f"{self._subject(path)} lost the variant {_variant(gone)}"
            self._emit("variant-removed", gone, path, message)
        for extra in added:
            message = f"{self._subject(path)} gained the variant {_variant(extra)}"
            self._emit("variant-added", extra, path, message)

    # -- helpers ------------------------------------------------------------------------------

    def _hidden(self, node: View) -> bool:
        """readOnly values are never sent, writeOnly values never returned."""
        return node.read_only if self.site.direction == "request" else node.write_only

    def _emit(self, event: str, node: View, path: tuple[str, ...], what: str) -> None:
        location = self.site.root if not path else f"{self.site.direction}-property"
        self._add(f"{location}-{event}", node.pointer, f"{self._subject(path)} {what}")

    def _add(self, rule_id: str, pointer: str, message: str) -> None:
        self.changes.append(change(rule_id, self.site.operation, pointer, message))

    def _subject(self, path: tuple[str, ...]) -> str:
        if not path:
            return self.site.where
        dotted = ""
        for token in path:
            dotted += token if token == "[]" else ("." if dotted else "") + token
        return f"{self.site.where} property `{dotted}`"


def _wrapped(old: View, new: View) -> bool:
    """One side is a bare union and the other is not a union: compare it with the branches."""
    return (bool(old.branches) != bool(new.branches)) and (
        (old.bare and bool(old.branches)) or (new.bare and bool(new.branches))
    )


def _match(
    olds: list[View], news: list[View]
) -> tuple[list[tuple[View, View]], list[View], list[View]]:
    """Pair union branches by likeness (same `$ref`, same type, shared properties or values)."""
    scored = sorted(
        (-score, i, j)
        for i, before in enumerate(olds)
        for j, after in enumerate(news)
        if (score := _likeness(before, after)) > 0
    )
    pairs: list[tuple[int, int]] = []
    for _score, i, j in scored:
        if all(i != a and j != b for a, b in pairs):
            pairs.append((i, j))
    used_old, used_new = {i for i, _ in pairs}, {j for _, j in pairs}
    return (
        [(olds[i], news[j]) for i, j in sorted(pairs)],
        [b for i, b in enumerate(olds) if i not in used_old],
        [b for j, b in enumerate(news) if j not in used_new],
    )


def _likeness(old: View, new: View) -> float:
    if old.ref is not None and old.ref == new.ref:
        return 100.0
    score = 10.0 if old.types == new.types else 0.0
    score += 50.0 * _overlap(set(old.properties), set(new.properties))
    old_values = {enum_key(v) for v in old.enum or ()}
    return score + 20.0 * _overlap(old_values, {enum_key(v) for v in new.enum or ()})


def _overlap(old: set[str], new: set[str]) -> float:
    return len(old & new) / len(old | new) if old | new else 0.0


def _type_event(old: frozenset[str], new: frozenset[str]) -> str:
    """Whether `new` accepts a superset of `old` (no type: anything; integers are numbers)."""
    if not new:
        return "type-widened"
    if not old:
        return "type-narrowed"
    wide_old = old | ({"integer"} if "number" in old else set())
    wide_new = new | ({"integer"} if "number" in new else set())
    if old <= wide_new:
        return "type-widened"
    if new <= wide_old:
        return "type-narrowed"
    return "type-changed"


def _format_event(old: str | None, new: str | None) -> str:
    if old is None:
        return "format-added"
    return "format-removed" if new is None else "format-changed"


def _limits(node: View) -> dict[str, Any]:
    """The bounds of a schema, `additionalProperties: false` counted as one."""
    closed = {"additionalProperties": False} if node.additional is False else {}
    return {**node.bounds, **closed}


def _tightened(keyword: str, before: Any, after: Any) -> bool:
    """Whether a bound change rejects values that were valid (conservative when unsure)."""
    if after is None:
        return False
    if before is None or keyword not in _LOWER_BOUNDS | _UPPER_BOUNDS:
        return True
    if not isinstance(before, int | float) or not isinstance(after, int | float):
        return True
    return after > before if keyword in _LOWER_BOUNDS else after < before


def _types(types: frozenset[str]) -> str:
    return " | ".join(sorted(types)) or "any"


def _value(value: Any) -> str:
    return "none" if value is None else enum_key(value)


def _variant(branch: View) -> str:
    if branch.ref:
        return branch.ref.rsplit("/", 1)[-1]
    if branch.properties:
        return "{" + ", ".join(sorted(branch.properties)) + "}"
    return _types(branch.types)
