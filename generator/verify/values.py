"""Schema -> one JSON value that is valid for it, deterministically, for any spec.

The harness needs arguments for every operation (a required-only and an all-fields variant) and
bodies for the mock server's replies without anyone listing them by hand. Values are built from
the schema itself (formats and their ranges, bounds, lengths, patterns, enums, compositions) and
every built value is checked with the mock server's JSON Schema validator, so a value this module
returns is valid by construction, or building it fails loudly with the validator's message.

Strings and numbers carry a running counter (`avatarId-3`), so no two fields share a value: a
client that sends one field's value under another field's name cannot pass by coincidence.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
from collections.abc import Iterator
from typing import Any, Literal

from .compose import at_most_properties, discriminated, forbidden_by_not, merge, merge_all_of
from .cycles import recursive_refs
from .errors import NoValidValue
from .formats import formatted_text, matching_text, object_key, word
from .numbers import integer_value, number_value
from .schemas import Direction, SchemaChecker, resolve

Mode = Literal["minimal", "full"]

_MAX_DEPTH = 6  # past this, objects get only their required properties (recursive schemas)
_ANNOTATIONS = frozenset({"title", "description", "deprecated", "example", "examples", "nullable"})
_MAX_REENTRY = 2  # a recursive schema inside itself this often: a cycle no value can leave


class ValueFactory:
    """Builds values for the schemas of one (normalized, validation-ready) document.

    ``minimal`` gives only what is required, ``full`` every property the schema allows together;
    ``request`` leaves out ``readOnly`` properties, ``response`` leaves out ``writeOnly`` ones.

    A recursive schema (`cycles.py`) is built in full once per value; inside itself, or met
    again elsewhere in the same value, it is built minimally (`_lean`), preferring `anyOf` and
    `oneOf` branches that leave the cycle. So a value is finite and small on any graph of
    references, and every declared field of every schema it reaches still appears once.
    """

    def __init__(self, checker: SchemaChecker, *, mode: Mode, direction: Direction) -> None:
        self.checker = checker.toward(direction)
        self.document = checker.document
        self.mode = mode
        self.direction = direction
        self._counter: Iterator[int] = itertools.count(1)
        # enum schema -> (the schema, members handed out); holding the schema keeps its `id`
        # from being reused by a schema merged on the fly, whose turns would then depend on
        # memory layout rather than on the spec
        self._turns: dict[int, tuple[Any, int]] = {}
        self._recursive = recursive_refs(self.document)
        self._path: list[str] = []  # recursive `$ref`s being built, outermost first
        self._expanded: set[str] = set()  # recursive `$ref`s built in full in this value
        self._lean = 0  # > 0 while building inside a recursive schema met before: minimally
        self._nonempty = False
        self._trusting = True  # see `_trusted`
        self._target = functools.cache(functools.partial(resolve, self.document))  # by `$ref`

    def value(self, schema: Any, hint: str = "value", *, nonempty: bool = False) -> Any:
        """A value valid for ``schema`` (a schema object or ``{"$ref": ...}``).

        ``nonempty`` is for a form or multipart body, which cannot carry a null or an empty array
        or object (it is not sent at all, so a required one would go missing): every nested array
        and object gets at least one member, and a `oneOf`/`anyOf` a branch other than `null`."""
        self._nonempty = nonempty
        first, turns = next(self._counter), dict(self._turns)
        for trusting in (True, False):  # alike at the start: a checked build is as if alone
            self._counter, self._turns, self._expanded = itertools.count(first), dict(turns), set()
            self._trusting = trusting
            try:
                built = self._build(schema, hint, 0)
            except NoValidValue:
                if trusting:  # a checked choice around a trusted one found no valid branch
                    continue
                raise
            errors = self.checker.errors(schema, built)
            if not errors:
                return built
        raise NoValidValue(f"built {built!r} for {hint!r} but it is invalid: {errors[0]}")

    # -- dispatch ------------------------------------------------------------------------

    @property
    def _minimal(self) -> bool:
        return self.mode == "minimal" or self._lean > 0

    def _build(self, schema: Any, hint: str, depth: int, via: Any = None) -> Any:
        """A value for `schema`; `via` is the branch it was merged from, when it was (its
        `$ref` is the schema being entered)."""
        with self._entering(via if via is not None else schema, hint):
            return self._build_resolved(self._resolved(schema), hint, depth)

    @contextlib.contextmanager
    def _entering(self, schema: Any, hint: str) -> Iterator[None]:
        """Build inside `schema`: a schema on a reference cycle is built in full the first
        time in this value, lean after that."""
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if ref not in self._recursive:
            yield
            return
        if self._path.count(ref) >= _MAX_REENTRY:
            raise NoValidValue(f"{hint!r}: {ref} requires itself; no finite value exists")
        lean = self._minimal or ref in self._expanded or ref in self._path
        if not lean:
            self._expanded.add(ref)
        self._path.append(ref)
        self._lean += lean
        try:
            yield
        finally:
            self._lean -= lean
            self._path.pop()

    def _recurses(self, branch: Any) -> bool:
        """Whether a branch goes (back) into a recursive schema: one being built or already
        built in full, or any while building lean. Such branches are tried last."""
        ref = branch.get("$ref") if isinstance(branch, dict) else None
        if ref not in self._recursive:
            return False
        return self._lean > 0 or ref in self._path or ref in self._expanded

    def _build_resolved(self, schema: Any, hint: str, depth: int) -> Any:
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
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return self._member(schema)
        return self._typed(schema, hint, depth)

    def _member(self, schema: dict[str, Any]) -> Any:
        """An `enum` member: the first (`minimal`), else the last, then the ones before it (so
        a list of them has no repeats). Specs list values their own `type` forbids (`type:
        string, enum: [3, "3_lite"]`), so only valid ones are taken, `null` last."""
        enum = schema["enum"]
        valid = [member for member in enum if self.checker.is_valid(schema, member)]
        members = [member for member in valid if member is not None] or valid or enum
        if self._minimal:
            return members[0]
        turn = self._turns.get(id(schema), (schema, 0))[1]
        self._turns[id(schema)] = (schema, turn + 1)
        return members[-1 - turn % len(members)]

    def _typed(self, schema: dict[str, Any], hint: str, depth: int) -> Any:
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
            return self._minimal or next(self._counter) % 2 == 0
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
            target = self._target(ref)
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
        return merge_all_of(schema, self._resolved)

    def _choose_branch(self, schema: dict[str, Any], key: str, hint: str, depth: int) -> Any:
        """A branch's value that is valid for the whole schema.

        `minimal` tries the branches in order, `full` the richest first (most properties), so
        that the all-fields variant reaches the richest shape; the first valid value wins, which
        keeps nested compositions linear rather than exponential to build."""
        problems: list[str | tuple[int, Any]] = []  # a rejected value is explained only if needed
        candidates = self._branch_schemas(schema, key)
        if not self._minimal:
            candidates.sort(key=lambda pair: -self._richness(pair[1]))
        candidates.sort(key=lambda pair: self._recurses(schema[key][pair[0]]))
        if self._nonempty:  # a form cannot carry a null: its `null` branches come last
            candidates.sort(key=lambda pair: self._type_of(self._resolved(pair[1])) == "null")
        for index, merged in candidates:
            try:
                candidate = self._build(merged, hint, depth, via=schema[key][index])
            except NoValidValue as error:
                problems.append(str(error))
                continue
            if self._trusted(schema, key) or self.checker.is_valid(schema, candidate):
                return candidate
            problems.append((index, candidate))
        said = "; ".join(p if isinstance(p, str) else self._breaks(schema, *p) for p in problems)
        raise NoValidValue(f"{hint!r}: no {key} branch gives a valid value ({said})")

    def _trusted(self, schema: dict[str, Any], key: str) -> bool:
        """Whether a branch's value may be taken unchecked: an `anyOf` whose siblings only
        annotate holds any value its branch holds, a `oneOf` too unless another branch does (the
        mock's document validates a `oneOf` found to overlap as an `anyOf`, `tolerances.py`).
        Checking each choice at every level makes nested values quadratic to build (Stripe's
        `anyOf`s, Discord's `oneOf`s), so the first build trusts them and the whole is checked
        once; only if that fails is the value built again checking every choice (`value`)."""
        return self._trusting and all(
            k in _ANNOTATIONS or k.startswith("x-") for k in schema if k != key
        )

    def _breaks(self, schema: dict[str, Any], index: int, candidate: Any) -> str:
        return (
            f"branch {index}'s value breaks the whole: {self.checker.errors(schema, candidate)[0]}"
        )

    def _branch_schemas(self, schema: dict[str, Any], key: str) -> list[tuple[int, Any]]:
        """Each branch merged into the schema around it (`oneOf: [{required: [a]}, ...]` next
        to `properties` is common), carrying its discriminator value; in `full` mode without
        the properties only *other* branches require, since sending them would make those
        branches match too."""
        base = {k: v for k, v in schema.items() if k != key}
        branches = [self._resolved(branch) for branch in schema[key]]
        found = []
        for index, resolved in enumerate(branches):
            if not isinstance(resolved, dict):
                continue
            merged = merge(merge(base, resolved), discriminated(schema, schema[key][index]))
            mine = set(merged.get("required") or [])
            excluded = {
                name
                for i, other in enumerate(branches)
                if i != index and isinstance(other, dict)
                for name in other.get("required") or []
                if name not in mine
            }
            if excluded:
                merged["x-verify-exclude"] = sorted(excluded)
            found.append((index, merged))
        return found

    def _richness(self, schema: dict[str, Any]) -> int:
        """How much a branch's value would carry: its properties and theirs, one level down."""
        try:
            flat = self._merge_all_of(schema) if "allOf" in schema else schema
        except NoValidValue:
            return -1  # a branch no value satisfies: tried last, and its error reported
        excluded = set(flat.get("x-verify-exclude") or [])
        properties = [
            self._resolved(prop)
            for name, prop in (flat.get("properties") or {}).items()
            if name not in excluded
        ]
        return sum(1 + len(p.get("properties") or {}) for p in properties if isinstance(p, dict))

    # -- objects and arrays --------------------------------------------------------------

    def _object(self, schema: dict[str, Any], hint: str, depth: int) -> dict[str, Any]:
        properties: dict[str, Any] = dict(schema.get("properties") or {})
        required = [name for name in schema.get("required") or [] if isinstance(name, str)]
        value = {}
        for name in self._property_names(schema, properties, required, depth):
            try:
                value[name] = self._build(properties.get(name, {}), name, depth + 1)
            except NoValidValue:
                if name in required:
                    raise
                # an optional property that admits no value (`allOf: [string, integer]`) is
                # one no client can send: the all-fields variant leaves it out
        richer = self._nonempty_at(depth) or (not self._minimal and depth < _MAX_DEPTH)
        wanted = max(int(richer and not properties), int(schema.get("minProperties") or 0))
        most = schema.get("maxProperties")
        if isinstance(most, int):
            wanted = min(wanted, most)
        while len(value) < wanted and (found := object_key(schema, hint, next(self._counter))):
            key, extra = found  # a key beyond the declared ones: one the schema admits
            built = self._build(extra, key, depth + 1) if isinstance(extra, dict) else None
            value[key] = f"{key}-value" if built is None else built
        return value

    def _property_names(
        self, schema: dict[str, Any], properties: dict[str, Any], required: list[str], depth: int
    ) -> list[str]:
        """Which properties a value gets: the required ones, or (`full`) every one the
        direction allows, minus those another `oneOf` branch or a `not` claims."""
        excluded = set(schema.get("x-verify-exclude") or [])
        excluded |= forbidden_by_not(self._resolved(schema.get("not")), required)
        skip = "readOnly" if self.direction == "request" else "writeOnly"
        chosen = [
            name
            for name, prop in properties.items()
            if name not in excluded
            and not (isinstance(prop, dict) and self._resolved(prop).get(skip) is True)
        ]
        minimal = self._minimal or depth >= _MAX_DEPTH
        names = [n for n in chosen if n in required] if minimal else chosen
        names += [n for n in required if n not in names and n not in properties]
        optional = [name for name in chosen if name not in names]
        least = max(int(schema.get("minProperties") or 0), int(self._nonempty_at(depth)))
        missing = max(0, least - len(names))
        names += optional[:missing]  # minProperties: the first optional properties
        return at_most_properties(schema, names, required)

    def _array(self, schema: dict[str, Any], hint: str, depth: int) -> list[Any]:
        prefix = schema.get("prefixItems")
        if isinstance(prefix, list) and prefix:
            return self._tuple(schema, prefix, hint, depth)
        low, high = int(schema.get("minItems") or 0), schema.get("maxItems")
        # full: two items near the top (a list of one hides bugs), one deeper down, where
        # every extra item multiplies the size of the value
        full = 2 if depth < 3 else 1
        count = low if self._minimal or depth >= _MAX_DEPTH else max(low, full)
        if isinstance(high, int):
            count = min(count, high)
        if count == 0 and self._nonempty_at(depth) and high != 0:
            try:  # one item if any value fits (a recursive item may have none)
                return [self._build(schema.get("items", {}), _singular(hint), depth + 1)]
            except NoValidValue:
                return []
        values: list[Any] = []
        for _ in range(count):
            item = self._build(schema.get("items", {}), _singular(hint), depth + 1)
            if schema.get("uniqueItems") and item in values:
                continue
            values.append(item)
        return values

    def _tuple(self, schema: dict[str, Any], prefix: list[Any], hint: str, depth: int) -> list[Any]:
        """A 3.1 tuple: one value per `prefixItems` position, then `items` values only as many
        as `minItems` asks (with `items: false`, pydantic's fixed-length tuple, there are none)."""
        values = [self._build(position, _singular(hint), depth + 1) for position in prefix]
        extra = schema.get("items")
        while len(values) < int(schema.get("minItems") or 0) and isinstance(extra, dict):
            values.append(self._build(extra, _singular(hint), depth + 1))
        return values

    def _nonempty_at(self, depth: int) -> bool:
        """Whether an array or object at `depth` must not be empty (the value itself may)."""
        return self._nonempty and depth > 0

    # -- scalars ---------------------------------------------------------------------------

    def _string(self, schema: dict[str, Any], hint: str, depth: int) -> str:
        n = next(self._counter)
        text = formatted_text(str(schema.get("format") or ""), hint, n)
        low, high = int(schema.get("minLength") or 0), schema.get("maxLength")
        if len(text) < low:
            text = text + "x" * (low - len(text))
        if isinstance(high, int) and len(text) > high:
            suffix = f"-{n}"
            text = text[: high - len(suffix)] + suffix if high > len(suffix) else str(n)[-high:]
            text = text.rjust(low, "0")  # a short counter still fills `minLength`
        pattern = schema.get("pattern")
        if isinstance(pattern, str) and not re.search(pattern, text):
            text = matching_text(pattern, hint, n, low, high if isinstance(high, int) else None)
        return text

    def _integer(self, schema: dict[str, Any], hint: str, depth: int) -> int:
        return integer_value(schema, next(self._counter))

    def _number(self, schema: dict[str, Any], hint: str, depth: int) -> float | int:
        return number_value(schema, next(self._counter))


def _singular(hint: str) -> str:
    return hint[:-1] if hint.endswith("s") and len(hint) > 1 else hint
