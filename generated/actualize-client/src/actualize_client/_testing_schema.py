"""The part of JSON Schema the fake client needs: check a request value, invent a response value.

A test kit shipped inside the package may depend on nothing but httpx and pydantic, so this is a
small interpreter of the keywords that decide whether a call is right (types, required and
unknown keys, enums, bounds, lengths, ``format: uuid|date|date-time``, ``allOf``/``anyOf``/
``oneOf`` and ``$ref``), not a complete validator. ``oneOf`` is read as ``anyOf``: real specs
declare overlapping branches, and a fake that refused valid calls would be worse than none.
``pattern`` is not checked: a spec's regular expression run by ``re`` can take exponential time.

Strict mode (the fake's default) also refuses keys an object schema does not declare unless it
allows more (``additionalProperties``): a misspelt key is the mistake a fake should catch.
"""

from __future__ import annotations

import math
import operator
import re
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

__all__ = ["Problem", "item_schema", "sample", "validate"]

Schema = Mapping[str, Any]
Defs = Mapping[str, Any]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})?$"
)
_MAX_DEPTH = 8
_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
}


@dataclass(frozen=True)
class Problem:
    """One way a value breaks its schema: where (``body.personaConfig.avatarId``) and why."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def validate(value: Any, schema: Any, defs: Defs, where: str, *, strict: bool) -> list[Problem]:
    """Every problem of ``value`` against ``schema``; ``defs`` holds ``$ref`` targets by ref."""
    return list(_Checker(defs, strict).check(value, schema, where, 0))


@dataclass
class _Checker:
    defs: Defs
    strict: bool

    def check(
        self, value: Any, schema: Any, where: str, depth: int, *, part: bool = False
    ) -> Iterator[Problem]:
        """``part``: the schema is one ``allOf`` member, so keys it does not declare may belong
        to another member; the whole ``allOf`` checks unknown keys once."""
        schema = _resolve(schema, self.defs)
        if not isinstance(schema, Mapping) or depth > _MAX_DEPTH * 4:
            return
        for member in schema.get("allOf") or []:
            yield from self.check(value, member, where, depth + 1, part=True)
        branches = [*(schema.get("anyOf") or []), *(schema.get("oneOf") or [])]
        if branches:
            yield from self._any_of(value, branches, where, depth)
        yield from self._type(value, schema, where)
        yield from _choices(value, schema, where)
        if isinstance(value, dict):
            yield from self._object(value, schema, where, depth, part)
        elif isinstance(value, list):
            yield from self._array(value, schema, where, depth)
        elif isinstance(value, str):
            yield from _string(value, schema, where)
        elif _is_number(value):
            yield from _number(value, schema, where)

    def _any_of(self, value: Any, branches: list[Any], where: str, depth: int) -> Iterator[Problem]:
        reasons = []
        for index, branch in enumerate(branches):
            problems = list(self.check(value, branch, where, depth + 1))
            if not problems:
                return
            reasons.append(f"{_label(branch, index)} ({problems[0].message})")
        yield Problem(where, "matches none of: " + "; ".join(reasons))

    def _type(self, value: Any, schema: Schema, where: str) -> Iterator[Problem]:
        kinds = _types(schema)
        if kinds and not any(_has_type(value, kind) for kind in kinds):
            expected = " or ".join(sorted(kinds))
            yield Problem(where, f"{_show(value)} is not of type {expected}")

    def _object(
        self, value: dict[str, Any], schema: Schema, where: str, depth: int, part: bool
    ) -> Iterator[Problem]:
        properties = _properties(schema, self.defs)
        for name in schema.get("required") or []:
            if name not in value:
                yield Problem(where, f"required key {name!r} is missing")
        extra = schema.get("additionalProperties")
        for key, item in value.items():
            inner = f"{where}.{key}"
            if key in (schema.get("properties") or {}):
                yield from self.check(item, schema["properties"][key], inner, depth + 1)
            elif isinstance(extra, Mapping):
                yield from self.check(item, extra, inner, depth + 1)
            elif part or key in properties:
                continue
            elif extra is False or (self.strict and properties and extra is not True):
                known = ", ".join(sorted(properties)) or "none"
                yield Problem(where, f"unknown key {key!r} (the spec knows: {known})")

    def _array(self, value: list[Any], schema: Schema, where: str, depth: int) -> Iterator[Problem]:
        low, high = schema.get("minItems"), schema.get("maxItems")
        if isinstance(low, int) and len(value) < low:
            yield Problem(where, f"has {len(value)} items, fewer than {low}")
        if isinstance(high, int) and len(value) > high:
            yield Problem(where, f"has {len(value)} items, more than {high}")
        items = schema.get("items")
        if isinstance(items, Mapping):
            for index, item in enumerate(value):
                yield from self.check(item, items, f"{where}[{index}]", depth + 1)


def _choices(value: Any, schema: Schema, where: str) -> Iterator[Problem]:
    if "const" in schema and not _equal(value, schema["const"]):
        yield Problem(where, f"{_show(value)} is not {_show(schema['const'])}")
    values = schema.get("enum")
    if isinstance(values, list) and not any(_equal(value, v) for v in values):
        yield Problem(where, f"{_show(value)} is not one of {', '.join(map(_show, values))}")


def _string(value: str, schema: Schema, where: str) -> Iterator[Problem]:
    low, high = schema.get("minLength"), schema.get("maxLength")
    if isinstance(low, int) and len(value) < low:
        yield Problem(where, f"{_show(value)} is shorter than {low} characters")
    if isinstance(high, int) and len(value) > high:
        yield Problem(where, f"{_show(value)} is longer than {high} characters")
    fmt = schema.get("format")
    if fmt == "uuid" and not _is_uuid(value):
        yield Problem(where, f"{_show(value)} is not a UUID")
    elif fmt == "date" and not _DATE.match(value):
        yield Problem(where, f"{_show(value)} is not a date (YYYY-MM-DD)")
    elif fmt == "date-time" and not _DATE_TIME.match(value):
        yield Problem(where, f"{_show(value)} is not an ISO 8601 date and time")


_BOUNDS: tuple[tuple[str, Callable[[float, float], bool], str], ...] = (
    ("minimum", operator.lt, "less than"),
    ("maximum", operator.gt, "greater than"),
    ("exclusiveMinimum", operator.le, "at most"),
    ("exclusiveMaximum", operator.ge, "at least"),
)


def _number(value: float, schema: Schema, where: str) -> Iterator[Problem]:
    for keyword, fails, words in _BOUNDS:
        bound = schema.get(keyword)
        if _is_number(bound) and fails(value, bound):
            yield Problem(where, f"{_show(value)} is {words} {_show(bound)}")


def sample(schema: Any, defs: Defs, name: str = "") -> Any:
    """A value valid against ``schema``, the same every time: what the fake answers with."""
    return _Sampler(defs).value(schema, name, 0)


@dataclass
class _Sampler:
    defs: Defs
    counter: int = 0
    stack: list[str] = field(default_factory=list)

    def value(self, schema: Any, name: str, depth: int) -> Any:
        ref = schema.get("$ref") if isinstance(schema, Mapping) else None
        if isinstance(ref, str):
            if self.stack.count(ref) > 1 or depth > _MAX_DEPTH:
                return None
            self.stack.append(ref)
            try:
                return self.value(self.defs.get(ref, {}), name, depth + 1)
            finally:
                self.stack.pop()
        if not isinstance(schema, Mapping):
            return None
        for keyword in ("const", "default"):
            if keyword in schema and _valid(schema[keyword], schema, self.defs):
                return schema[keyword]
        for example in _examples(schema):
            if _valid(example, schema, self.defs):
                return example
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return schema["enum"][0]
        return self._typed(schema, name, depth)

    def _typed(self, schema: Schema, name: str, depth: int) -> Any:
        merged = _merged(schema, self.defs)
        if merged is not schema:
            return self.value(merged, name, depth + 1)
        branches = [*(schema.get("oneOf") or []), *(schema.get("anyOf") or [])]
        if branches:
            return self.value(branches[0], name, depth + 1)
        kinds = sorted(_types(schema) or _implied(schema), key=lambda k: (k == "null", k))
        kind = kinds[0] if kinds else "object" if schema.get("properties") else None
        if kind == "object":
            return self._object(schema, depth)
        if kind == "array":
            items = schema.get("items")
            count = max(1, schema.get("minItems") or 0) if depth < _MAX_DEPTH else 0
            return [self.value(items, name, depth + 1) for _ in range(count)]
        if kind == "string":
            return self._string(schema, name)
        if kind in ("integer", "number"):
            return _number_sample(schema, integer=kind == "integer")
        if kind == "boolean":
            return True
        return None

    def _object(self, schema: Schema, depth: int) -> dict[str, Any]:
        required = set(schema.get("required") or [])
        properties = schema.get("properties") or {}
        return {
            key: self.value(sub, key, depth + 1)
            for key, sub in properties.items()
            if key in required or depth < _MAX_DEPTH // 2
        }

    def _string(self, schema: Schema, name: str) -> str:
        self.counter += 1
        fmt = schema.get("format")
        if fmt == "uuid":
            return f"00000000-0000-4000-8000-{self.counter:012d}"
        fixed = {
            "date-time": "2024-01-01T00:00:00Z",
            "date": "2024-01-01",
            "time": "00:00:00",
            "email": "user@example.com",
            "uri": "https://example.com/",
            "url": "https://example.com/",
            "hostname": "example.com",
            "ipv4": "127.0.0.1",
            "ipv6": "::1",
            "byte": "",
            "binary": "",
        }
        text = fixed.get(str(fmt)) or name or "string"
        low, high = schema.get("minLength"), schema.get("maxLength")
        if isinstance(low, int) and len(text) < low:
            text = text + "x" * (low - len(text))
        if isinstance(high, int) and len(text) > high:
            text = text[:high]
        return text


def _number_sample(schema: Schema, *, integer: bool) -> float:
    low, above, high = (schema.get(k) for k in ("minimum", "exclusiveMinimum", "maximum"))
    value: float = low if _is_number(low) else above + 1 if _is_number(above) else 1
    if _is_number(high) and value > high:
        value = high
    return math.ceil(value) if integer else value


def item_schema(schema: Any, path: Sequence[str], defs: Defs) -> Any:
    """The schema of the items of the array at ``path`` (object keys) in values of ``schema``,
    or None where the schema declares no such array."""
    for step in path:
        resolved = _resolve(schema, defs)
        schema = _properties(resolved, defs).get(step) if isinstance(resolved, Mapping) else None
    resolved = _resolve(schema, defs)
    return resolved.get("items") if isinstance(resolved, Mapping) else None


def _valid(value: Any, schema: Schema, defs: Defs) -> bool:
    return not validate(value, schema, defs, "", strict=False)


def _examples(schema: Schema) -> list[Any]:
    found = list(schema["examples"]) if isinstance(schema.get("examples"), list) else []
    return [schema["example"], *found] if "example" in schema else found


def _merged(schema: Schema, defs: Defs) -> Schema:
    """An ``allOf`` of objects as one object schema (its own keywords last), for sampling."""
    members = schema.get("allOf")
    if not isinstance(members, list) or not members:
        return schema
    merged: dict[str, Any] = {"type": "object", "properties": {}, "required": []}
    for member in [*(_resolve(m, defs) for m in members), schema]:
        if not isinstance(member, Mapping):
            continue
        inner = _merged(member, defs) if member is not schema else member
        merged["properties"].update(inner.get("properties") or {})
        merged["required"] += list(inner.get("required") or [])
    return merged


def _properties(schema: Schema, defs: Defs) -> dict[str, Any]:
    """Declared properties, with those of ``allOf`` members: they all describe one object."""
    found: dict[str, Any] = {}
    for member in schema.get("allOf") or []:
        resolved = _resolve(member, defs)
        if isinstance(resolved, Mapping):
            found.update(_properties(resolved, defs))
    found.update(schema.get("properties") or {})
    return found


def _resolve(schema: Any, defs: Defs) -> Any:
    seen: set[str] = set()
    while isinstance(schema, Mapping) and isinstance(schema.get("$ref"), str):
        ref = schema["$ref"]
        if ref in seen:
            return {}
        seen.add(ref)
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        target = defs.get(ref, {})
        schema = {**target, **siblings} if siblings and isinstance(target, Mapping) else target
    return schema


def _types(schema: Schema) -> set[str]:
    kind = schema.get("type")
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def _implied(schema: Schema) -> set[str]:
    if "properties" in schema or "additionalProperties" in schema:
        return {"object"}
    return {"array"} if "items" in schema else set()


def _has_type(value: Any, kind: str) -> bool:
    if kind == "integer":
        return _is_number(value) and float(value).is_integer()
    if kind == "number":
        return _is_number(value)
    expected = _JSON_TYPES.get(kind)
    if expected is None:
        return True
    return isinstance(value, expected) and not (kind != "boolean" and isinstance(value, bool))


def _is_number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _equal(left: Any, right: Any) -> bool:
    """JSON equality: ``1 == 1.0`` but ``True != 1``."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    return bool(left == right)


def _label(branch: Any, index: int) -> str:
    ref = branch.get("$ref") if isinstance(branch, Mapping) else None
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else f"branch {index + 1}"


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
