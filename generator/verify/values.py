"""Schema -> one JSON value that is valid for it, deterministically, for any spec.

The harness needs arguments for every operation (a required-only and an all-fields variant) and
bodies for the mock server's replies without anyone listing them by hand. Values are built from
the schema itself (formats and their ranges, bounds, lengths, patterns, enums, compositions) and
every built value is checked with the same JSON Schema validator the mock server uses, so a value
this module returns is valid by construction, or building it fails loudly with the validator's
message.

Strings and numbers carry a running counter (`avatarId-3`), so no two fields share a value: a
client that sends one field's value under another field's name cannot pass by coincidence.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator
from typing import Any, Literal

from .errors import NoValidValue
from .formats import formatted_text, matching_text, word
from .schemas import SchemaChecker, resolve

Mode = Literal["minimal", "full"]
Direction = Literal["request", "response"]

_MAX_DEPTH = 6  # past this, objects get only their required properties (recursive schemas)


class ValueFactory:
    """Builds values for the schemas of one (normalized, validation-ready) document.

    ``minimal`` gives only what is required, ``full`` every property the schema allows together;
    ``request`` leaves out ``readOnly`` properties, ``response`` leaves out ``writeOnly`` ones.
    """

    def __init__(self, checker: SchemaChecker, *, mode: Mode, direction: Direction) -> None:
        self.checker = checker
        self.document = checker.document
        self.mode = mode
        self.direction = direction
        self._counter: Iterator[int] = itertools.count(1)

    def value(self, schema: Any, hint: str = "value") -> Any:
        """A value valid for ``schema`` (a schema object or ``{"$ref": ...}``)."""
        built = self._build(schema, hint, 0)
        errors = self.checker.errors(schema, built)
        if errors:
            raise NoValidValue(f"built {built!r} for {hint!r} but it is invalid: {errors[0]}")
        return built

    # -- dispatch ------------------------------------------------------------------------

    def _build(self, schema: Any, hint: str, depth: int) -> Any:
        schema = self._resolved(schema)
        if schema is True or schema == {}:
            return self._anything(hint)
        if not isinstance(schema, dict):
            raise NoValidValue(f"{hint!r}: schema {schema!r} admits nothing")
        if "allOf" in schema:
            return self._build(self._merge_all_of(schema), hint, depth)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list):
                return self._choose_branch(schema, key, hint, depth)
        if "const" in schema:
            return schema["const"]
        enum = schema.get("enum")
        if isinstance(enum, list) and enum:
            members = [member for member in enum if member is not None] or enum
            return members[0] if self.mode == "minimal" else members[-1]
        kind = self._type_of(schema)
        builder = {
            "object": self._object,
            "array": self._array,
            "string": self._string,
            "integer": self._integer,
            "number": self._number,
        }.get(kind or "")
        if builder is not None:
            return builder(schema, hint, depth)
        if kind == "boolean":
            return self.mode == "minimal" or next(self._counter) % 2 == 0
        if kind == "null":
            return None
        return self._anything(hint)

    def _resolved(self, schema: Any) -> Any:
        """Follow ``$ref`` chains; sibling keywords of a ``$ref`` are kept (OpenAPI 3.1)."""
        seen: set[str] = set()
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            if ref in seen:
                raise NoValidValue(f"circular $ref {ref}")
            seen.add(ref)
            target = resolve(self.document, ref)
            siblings = {key: value for key, value in schema.items() if key != "$ref"}
            schema = {**target, **siblings} if siblings and isinstance(target, dict) else target
        return schema

    def _type_of(self, schema: dict[str, Any]) -> str | None:
        kind = schema.get("type")
        if isinstance(kind, list):
            concrete = [k for k in kind if k != "null"]
            return concrete[0] if concrete else "null"
        if isinstance(kind, str):
            return kind
        if "properties" in schema or "required" in schema or "additionalProperties" in schema:
            return "object"
        if "items" in schema:
            return "array"
        return None

    def _anything(self, hint: str) -> Any:
        """A value for a schema that allows anything: a small object, as APIs usually mean."""
        return {"note": f"{word(hint)}-{next(self._counter)}"}

    # -- compositions --------------------------------------------------------------------

    def _merge_all_of(self, schema: dict[str, Any]) -> dict[str, Any]:
        """One schema with the properties and requirements of every ``allOf`` member."""
        merged: dict[str, Any] = {key: value for key, value in schema.items() if key != "allOf"}
        properties: dict[str, Any] = {}
        required: list[str] = []
        closed: list[set[str]] = []  # members that forbid every property they do not declare
        for member in [*schema["allOf"], merged]:
            member = self._resolved(member)
            if not isinstance(member, dict):
                continue
            if "allOf" in member:
                member = self._merge_all_of(member)
            for name, prop in (member.get("properties") or {}).items():
                earlier = properties.get(name)
                # a property declared by two members must satisfy both declarations
                properties[name] = prop if earlier is None else {"allOf": [earlier, prop]}
            required += [name for name in member.get("required") or [] if name not in required]
            if member.get("additionalProperties") is False:
                closed.append(set(member.get("properties") or {}))
            for key, value in member.items():
                if key == "items" and merged.get("items", value) != value:
                    merged["items"] = {"allOf": [merged["items"], value]}
                elif key not in ("properties", "required"):
                    merged.setdefault(key, value)
        if closed:  # only what every closed member declares may be sent
            allowed = set.intersection(*closed)
            properties = {name: prop for name, prop in properties.items() if name in allowed}
        if properties:
            merged["properties"] = properties
        if required:
            merged["required"] = required
        return merged

    def _choose_branch(self, schema: dict[str, Any], key: str, hint: str, depth: int) -> Any:
        """A branch's value that is valid for the whole schema.

        ``minimal`` takes the first branch that works, ``full`` the one whose value carries the
        most data, so that the all-fields variant reaches the richest shape. A branch is merged
        into the schema around it (``oneOf: [{required: [a]}, {required: [b]}]`` next to
        ``properties`` is common), and in ``full`` mode the properties that only *other*
        branches require are left out, since sending them would make those branches match too.
        """
        base = {k: v for k, v in schema.items() if k != key}
        branches = schema[key]
        problems = []
        best: tuple[int, Any] | None = None
        for index, branch in enumerate(branches):
            resolved = self._resolved(branch)
            if not isinstance(resolved, dict):
                continue
            others = [self._resolved(b) for i, b in enumerate(branches) if i != index]
            merged = _merge(_merge(base, resolved), _discriminated(schema, branch))
            mine = set(merged.get("required") or [])
            excluded = {
                name
                for other in others
                if isinstance(other, dict)
                for name in other.get("required") or []
                if name not in mine
            }
            if excluded:
                merged["x-verify-exclude"] = sorted(excluded)
            try:
                candidate = self._build(merged, hint, depth)
            except NoValidValue as error:
                problems.append(str(error))
                continue
            if self.checker.errors(schema, candidate):
                problems.append(f"branch {index} gave {candidate!r}")
                continue
            if self.mode == "minimal":
                return candidate
            size = _leaves(candidate)
            if best is None or size > best[0]:
                best = (size, candidate)
        if best is not None:
            return best[1]
        raise NoValidValue(f"{hint!r}: no {key} branch gives a valid value ({'; '.join(problems)})")

    # -- objects and arrays --------------------------------------------------------------

    def _object(self, schema: dict[str, Any], hint: str, depth: int) -> dict[str, Any]:
        properties: dict[str, Any] = dict(schema.get("properties") or {})
        required = [name for name in schema.get("required") or [] if isinstance(name, str)]
        excluded = set(schema.get("x-verify-exclude") or [])
        excluded |= _forbidden_by_not(self._resolved(schema.get("not")))
        skip = "readOnly" if self.direction == "request" else "writeOnly"
        chosen = [
            name
            for name, prop in properties.items()
            if name not in excluded
            and not (isinstance(prop, dict) and self._resolved(prop).get(skip) is True)
        ]
        minimal = self.mode == "minimal" or depth >= _MAX_DEPTH
        names = [n for n in chosen if n in required] if minimal else chosen
        names += [n for n in required if n not in names and n not in properties]
        for name in chosen:  # honour minProperties with the first optional properties
            if len(names) >= int(schema.get("minProperties") or 0):
                break
            if name not in names:
                names.append(name)
        value = {}
        for name in names:
            try:
                value[name] = self._build(properties.get(name, {}), name, depth + 1)
            except NoValidValue:
                if name in required:
                    raise
                # an optional property that admits no value (`allOf: [string, integer]`) is
                # one no client can send: the all-fields variant leaves it out
        extra = schema.get("additionalProperties")
        if not minimal and not properties and extra is not False:
            key = f"{word(hint)}Key{next(self._counter)}"
            value[key] = self._build(extra if isinstance(extra, dict) else {}, key, depth + 1)
            if not isinstance(extra, dict):
                value[key] = f"{key}-value"
        while len(value) < int(schema.get("minProperties") or 0):
            key = f"{word(hint)}Key{next(self._counter)}"
            value[key] = f"{key}-value"
        return value

    def _array(self, schema: dict[str, Any], hint: str, depth: int) -> list[Any]:
        low = int(schema.get("minItems") or 0)
        high = schema.get("maxItems")
        count = low if self.mode == "minimal" else max(low, 2)
        if isinstance(high, int):
            count = min(count, high)
        items = schema.get("items", {})
        values: list[Any] = []
        for _ in range(count):
            item = self._build(items, _singular(hint), depth + 1)
            if schema.get("uniqueItems") and item in values:
                continue
            values.append(item)
        return values

    # -- scalars ---------------------------------------------------------------------------

    def _string(self, schema: dict[str, Any], hint: str, depth: int) -> str:
        n = next(self._counter)
        text = formatted_text(str(schema.get("format") or ""), hint, n)
        low = int(schema.get("minLength") or 0)
        high = schema.get("maxLength")
        if len(text) < low:
            text = text + "x" * (low - len(text))
        if isinstance(high, int) and len(text) > high:
            suffix = f"-{n}"
            text = text[: high - len(suffix)] + suffix if high > len(suffix) else str(n)[-high:]
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and not re.search(pattern, text):
            text = matching_text(pattern, low, high if isinstance(high, int) else None)
        return text

    def _integer(self, schema: dict[str, Any], hint: str, depth: int) -> int:
        n = next(self._counter)
        low, high = _integer_bounds(schema)
        if (low is None or n >= low) and (high is None or n <= high):
            candidate = n
        elif low is not None and high is not None:
            candidate = low + (n % (high - low + 1)) if high >= low else low
        elif low is not None:
            candidate = low + n
        else:
            candidate = int(high or 0) - n
        step = schema.get("multipleOf")
        if isinstance(step, int) and step > 0:
            candidate = math.ceil(candidate / step) * step
            if high is not None and candidate > high:
                candidate -= step
        return candidate

    def _number(self, schema: dict[str, Any], hint: str, depth: int) -> float | int:
        n = next(self._counter)
        low, high = _bounds(schema)
        step = schema.get("multipleOf")
        if low is not None and high is not None:
            fraction = ((n % 7) + 1) / 9  # strictly inside, so exclusive bounds hold too
            value: float = low + (high - low) * fraction
        elif low is not None:
            value = low + n + 0.5
        elif high is not None:
            value = high - n - 0.5
        else:
            value = n + 0.5
        if isinstance(step, int | float) and step > 0:
            value = math.ceil(value / step) * step
        return round(value, 6)


def _merge(base: dict[str, Any], branch: dict[str, Any]) -> dict[str, Any]:
    merged = {**base, **{k: v for k, v in branch.items() if k not in ("properties", "required")}}
    properties = {**(base.get("properties") or {}), **(branch.get("properties") or {})}
    required = [*(base.get("required") or [])]
    required += [name for name in branch.get("required") or [] if name not in required]
    if properties:
        merged["properties"] = properties
    if required:
        merged["required"] = required
    return merged


def _discriminated(schema: dict[str, Any], branch: Any) -> dict[str, Any]:
    """What a branch's value must carry to be picked by the schema's discriminator: the mapping
    key that names the branch, or the schema name of a `#/components/schemas/<name>` branch."""
    discriminator = schema.get("discriminator")
    ref = branch.get("$ref") if isinstance(branch, dict) else None
    if not isinstance(discriminator, dict) or not isinstance(ref, str):
        return {}
    prop = discriminator.get("propertyName")
    mapping = discriminator.get("mapping") or {}
    keys = [key for key, target in mapping.items() if target == ref]
    if not keys and ref.startswith(_SCHEMAS) and ref[len(_SCHEMAS) :] not in mapping:
        keys = [ref[len(_SCHEMAS) :]]
    if not isinstance(prop, str) or not keys:
        return {}
    return {"properties": {prop: {"const": keys[0]}}, "required": [prop]}


_SCHEMAS = "#/components/schemas/"


def _leaves(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_leaves(item) for item in value.values()) + 1
    if isinstance(value, list):
        return sum(_leaves(item) for item in value) + 1
    return 0 if value is None else 1


def _forbidden_by_not(schema: Any) -> set[str]:
    """``not: {required: [x]}`` means "must not send x"."""
    if isinstance(schema, dict) and set(schema) == {"required"}:
        return {name for name in schema["required"] if isinstance(name, str)}
    return set()


_FORMAT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "int8": (-(2**7), 2**7 - 1),
    "int16": (-(2**15), 2**15 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
    "uint8": (0, 2**8 - 1),
    "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1),
    "uint64": (0, 2**64 - 1),
    "float": (-3.4e38, 3.4e38),
}


def _bounds(schema: dict[str, Any]) -> tuple[float | None, float | None]:
    low = schema.get("minimum")
    high = schema.get("maximum")
    exclusive_low = schema.get("exclusiveMinimum")
    exclusive_high = schema.get("exclusiveMaximum")
    if isinstance(exclusive_low, int | float) and not isinstance(exclusive_low, bool):
        low = exclusive_low if low is None else max(low, exclusive_low)
    if isinstance(exclusive_high, int | float) and not isinstance(exclusive_high, bool):
        high = exclusive_high if high is None else min(high, exclusive_high)
    return low, high


def _integer_bounds(schema: dict[str, Any]) -> tuple[int | None, int | None]:
    """The smallest and largest integers the schema allows (exclusive bounds stepped over)."""
    low, high = _bounds(schema)
    if low is None:
        low = _FORMAT_RANGES.get(str(schema.get("format")), (None, None))[0]
    if high is None:
        high = _FORMAT_RANGES.get(str(schema.get("format")), (None, None))[1]
    low_int = high_int = None
    if low is not None:
        exclusive = _is_exclusive(schema, "exclusiveMinimum", low)
        low_int = math.floor(low) + 1 if exclusive else math.ceil(low)
    if high is not None:
        exclusive = _is_exclusive(schema, "exclusiveMaximum", high)
        high_int = math.ceil(high) - 1 if exclusive else math.floor(high)
    return low_int, high_int


def _is_exclusive(schema: dict[str, Any], key: str, bound: float) -> bool:
    value = schema.get(key)
    return isinstance(value, int | float) and not isinstance(value, bool) and value == bound


def _singular(hint: str) -> str:
    return hint[:-1] if hint.endswith("s") and len(hint) > 1 else hint
