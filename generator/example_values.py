"""Python source for example argument values, valid against the (hoisted) schema they follow.

An id where a UUID is expected, the first value of an enum, bounds respected, a nested object as
a dict with its required keys (its API names as keys, as the TypedDicts expect), files as
`Path("example.png")`, as many items as an array's `minItems`. Strings from the spec reach the
source only as string literals.

Hoisting drops the constraints of schemas nested in another (an array's items), which the models
cannot spell; the spec's own schema of an argument, where given, supplies them.
"""

from __future__ import annotations

from typing import Any, TypeGuard

from . import keywords, refs
from .annotate import is_model
from .inheritance import tagged_members, with_tags
from .ir import Api, Argument, BodyField
from .naming import python_name
from .refs import component_name, is_read_only
from .strings import Safe, SpecText, string_literal

_MAX_DEPTH = 4
_FORMATS = {
    "uuid": "00000000-0000-4000-8000-000000000001",
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "email": "user@example.com",
    "uri": "https://example.com/",
    "url": "https://example.com/",
}
_FILE = Safe('Path("example.png")')


class Values:
    """Python source for a value valid against a (hoisted) schema."""

    def __init__(self, api: Api, document: dict[str, Any] | None = None) -> None:
        self._schemas = api.models.schemas
        self._properties = api.models.properties
        self._tags = tagged_members(self._schemas)
        self._document = document or {}

    def argument(self, argument: Argument, original: Any = None) -> str:
        """`original`: the argument's schema as the spec writes it, when known."""
        if isinstance(argument, BodyField) and argument.is_file:
            if argument.name == "content":
                return Safe('b"..."')
            return Safe(f"[{_FILE}]") if argument.type.input.startswith("Sequence[") else _FILE
        return self.value(argument.schema, str(argument.wire_name.unsafe_value), 0, original)

    def value(
        self,
        schema: Any,
        name: str,
        depth: int,
        original: Any = None,
        via: frozenset[str] = frozenset(),
    ) -> str:
        """`depth` counts the objects and arrays the value sits in; an alias, a union or a
        single `allOf` member adds none (Qdrant's `actions` items are an alias of a union of
        objects that wrap the object to send), so `via` holds the aliases being expanded at
        this depth, against an alias that names itself."""
        if not isinstance(schema, dict):
            return "{}"
        ref = component_name(schema)
        if ref is not None:
            if is_model(self._schemas, ref):
                return self.model(ref, depth)
            if ref in via:
                return "{}"
            return self.value(self._schemas.get(ref, {}), name, depth, original, via | {ref})
        branches = [b for b in (*schema.get("oneOf", ()), *schema.get("anyOf", ())) if _not_null(b)]
        if branches:
            return self.value(branches[0], name, depth, via=via)
        members = schema.get("allOf")
        if isinstance(members, list) and len(members) == 1:
            return self.value(members[0], name, depth, original, via)
        if "const" in schema:
            return _python(schema["const"])
        choices = [v for v in schema.get("enum") or [] if v is not None]
        if choices:
            return _python(choices[0])
        return self._typed(schema, name, depth, original)

    def _typed(self, schema: dict[str, Any], name: str, depth: int, original: Any) -> str:
        kinds = keywords.types(schema) or keywords.implied_types(schema)
        kind = next(
            (k for k in ("string", "integer", "number", "boolean", "array") if k in kinds), ""
        )
        if kind == "string":
            return _python(_FORMATS.get(str(schema.get("format")), _text(schema, name)))
        if kind in ("integer", "number"):
            return _python(_number(schema))
        if kind == "boolean":
            return "True"
        if kind == "array":
            return self._array(schema, name, depth, original)
        return "{}"

    def _array(self, schema: dict[str, Any], name: str, depth: int, original: Any) -> str:
        """As many items as `minItems` asks (one when it does not): the fake client refuses a
        pair the API wants as a two-item array when the example gives one. Items that must be
        unique are made from different names, which tells strings apart."""
        spec = refs.resolve(self._document, original, "").node
        bounds = spec if isinstance(spec, dict) and keywords.types(spec) & {"array"} else schema
        low = bounds.get("minItems")
        count = low if isinstance(low, int) and not isinstance(low, bool) and low > 1 else 1
        if depth >= _MAX_DEPTH or bounds.get("maxItems") == 0:
            return "[]"
        unique = bounds.get("uniqueItems") is True and count > 1
        names = [f"{name}_{i + 1}" if unique else name for i in range(count)]
        items, inner = schema.get("items"), bounds.get("items") if bounds is spec else None
        return "[" + ", ".join(self.value(items, each, depth + 1, inner) for each in names) + "]"

    def model(self, model: str, depth: int) -> str:
        """A dict with the model's required keys (or its first key, when none is required), and
        its constants: a one-value tag names the variant of a union the server is to read, and
        a dict, unlike a model, does not fill it in."""
        if depth >= _MAX_DEPTH:
            return "{}"
        properties, required = self._properties(model)
        tags = self._tags.get(model, {})
        writable = {
            k: with_tags(v, tags.get(k))
            for k, v in properties.items()
            if not is_read_only(v, self._schemas)
        }
        keys = [k for k, v in writable.items() if k in required or self._constant(v)]
        keys = keys or list(writable)[:1]
        entries = ", ".join(
            f"{string_literal(SpecText(key))}: {self.value(writable[key], key, depth + 1)}"
            for key in keys
        )
        return f"{{{entries}}}"

    def _constant(self, schema: Any) -> bool:
        ref = component_name(schema) if isinstance(schema, dict) else None
        target = self._schemas.get(ref, {}) if ref is not None else schema
        if not isinstance(target, dict):
            return False
        return "const" in target or len([v for v in target.get("enum") or [] if v is not None]) == 1


def _not_null(branch: Any) -> bool:
    return not (isinstance(branch, dict) and keywords.types(branch) == {"null"})


def _text(schema: dict[str, Any], name: str) -> str:
    text = python_name(name, fallback="text")
    low, high = schema.get("minLength"), schema.get("maxLength")
    if isinstance(low, int) and len(text) < low:
        text += "x" * (low - len(text))
    if isinstance(high, int) and len(text) > high:
        text = text[:high]
    return text


def _number(schema: dict[str, Any]) -> int | float:
    low, high = schema.get("minimum"), schema.get("maximum")
    above, below = schema.get("exclusiveMinimum"), schema.get("exclusiveMaximum")
    value: float = low if _numeric(low) else above + 1 if _numeric(above) else 1
    if _numeric(high) and value > high:
        value = high
    if _numeric(below) and value >= below:
        value = below - 1
    if schema.get("type") == "integer" or (isinstance(value, float) and value.is_integer()):
        return int(value)
    return value


def _numeric(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _python(value: Any) -> str:
    """A JSON value as Python source; strings go through the string-literal escaper."""
    if isinstance(value, str):
        return string_literal(SpecText(value))
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_python(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (f"{string_literal(SpecText(str(k)))}: {_python(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    return "None"
