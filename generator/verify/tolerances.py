"""Everything the harness tolerates, or reads itself instead of openapi-core, with the reason.

openapi-core 0.23.1 routes requests (path templates and `servers`, `routing.py`), and its schema
validator (openapi-schema-validator's `OAS31Validator` with the OpenAPI format checker) judges
every value (`schemas.py`). Reading values off the wire is ours, because openapi-core reads real
specs' requests wrongly:

1. Parameters (`styles.py`): openapi-core raises TypeError on a parameter whose schema has a type
   list (`type: [integer, "null"]`, which every 3.0 `nullable` becomes), splits
   `spaceDelimited` arrays on a literal `%20` after the query was decoded (so `1 2` fails as
   "not an integer"), and reads an exploded `form` object from one key instead of its
   properties' keys.
2. Multipart bodies (`bodies.py`): openapi-core hands file parts to the validator as bytes,
   which fail `type: string` (openapi-core issue #854), and does not read text parts as their
   property's type (`"500"` for an integer). Ours is stricter too: a `format: binary` property
   must arrive as a file part, and a file part must be declared binary.
3. Security (`security.py`): openapi-core accepts any request for `oauth2` and `openIdConnect`
   and compares the `http` scheme case-sensitively; ours requires the client's own secret where
   the scheme says.

What is tolerated, and only this:

4. Raw binary bodies and XML (requests and replies) are checked for their media type (and a
   reply's status), not their bytes: a `format: binary` string admits any bytes, and XML is
   not something the generated clients build.
5. A form-encoded object property without an `encoding` has no serialization OpenAPI defines;
   both that servers read are accepted: `field[key]=value` brackets and a JSON text.
6. `mutualTLS` security cannot be seen over plain HTTP and is taken as satisfied.
7. `oneOf`s whose branches overlap (`OverlappingOneOf`): a value valid under two branches is
   rejected by a strict `oneOf`, and when a branch's own values are valid under another branch
   (no discriminator, nothing one branch requires and another forbids), the spec forbids what
   every caller sends. Exactly those places are validated as `anyOf` ("valid under at least
   one branch"); every other `oneOf` stays strict. `verify` lists each place it relaxed.
   A `discriminator` that cannot pick a branch (`UnusableDiscriminator`: no mapping names
   it, or the name it gets is a value its property does not allow, so every real value is
   rejected) is left out where it stands: the composition is validated without it. Listed too.
8. An operation that documents no success reply (only errors, or only a 1xx) is answered with
   an empty 200: a real server answers something, and the spec says nothing about it.
9. A security requirement naming a scheme the document does not declare asks for nothing: no
   client could meet it, and the generator cannot know what it means.
10. Array parameters whose items are objects or arrays have no serialization OpenAPI defines;
   each item as JSON, joined by the style's comma, is read back as that array.
11. `format: time` is checked as RFC 3339 (which OpenAPI cites) writes a time, the offset
   optional: openapi-schema-validator checks JSON Schema draft 3's `HH:MM:SS` and rejects
   `12:00:00Z`, and clients send both.
12. An optional JSON body a call left out may arrive as `{}` where the schema allows `{}`
   (`expect.py`): it says nothing more than no body.
13. An `allOf` closed by `additionalProperties: false`, beside it or in a member, admits no
   object as written (`additionalProperties` does not see the other members' properties): it is
   validated as closed over the properties of all its members (`closed.py`), as the models and
   the fake client read it. Listed.

Not tolerances, but OpenAPI as written: the document validated is the normalized one
(`nullable` becomes a null type, 3.0 documents are read as 3.1), its `servers` point at the
mock, discriminator mappings to schema names become references (`document.py`); requests do
not require `readOnly` properties nor replies `writeOnly` ones (`schemas.py`); a path key with
a `#fragment` names the URL without it (`routing.py`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .. import jsonpointer
from ..refs import ref_holders
from ..walk import iter_schemas
from .closed import ClosedComposition
from .compose import discriminator_values
from .errors import NoValidValue
from .schemas import SchemaChecker, properties_of, resolved_schema, schema_key
from .values import Mode, ValueFactory


@dataclass(frozen=True)
class OverlappingOneOf:
    """A `oneOf` with a value (built from branch `branch`) valid under several branches."""

    pointer: str
    branch: int
    instance: Any
    valid_under: tuple[int, ...]

    def __str__(self) -> str:
        return (
            f"#{self.pointer}: oneOf branches {list(self.valid_under)} all accept "
            f"{_short(self.instance)}; validated as anyOf"
        )


def overlapping_one_ofs(document: dict[str, Any]) -> list[OverlappingOneOf]:
    """Every `oneOf` where a value built from one branch is valid under another branch too.

    Both the minimal value (only what the branch requires: what strict `oneOf`s reject first
    and callers send most) and the full one are tried.
    """
    branches = _Branches(SchemaChecker(document, "request"))
    return [
        found
        for pointer, schema in iter_schemas(document)
        if (found := _overlap(branches, pointer, schema)) is not None
    ]


@dataclass(frozen=True)
class UnusableDiscriminator:
    """A discriminator that selects branch `branch` only by `value`, which that branch
    forbids for the discriminating property (or that no mapping gives it)."""

    pointer: str
    branch: int
    value: str | None

    def __str__(self) -> str:
        named = "no name" if self.value is None else f"the name {self.value!r}"
        return (
            f"#{self.pointer}: the discriminator gives branch {self.branch} {named}, which it "
            "cannot carry; validated without the discriminator"
        )


Relaxation = ClosedComposition | OverlappingOneOf | UnusableDiscriminator


def unusable_discriminators(document: dict[str, Any]) -> list[UnusableDiscriminator]:
    checker = SchemaChecker(document)
    return [
        found
        for pointer, schema in iter_schemas(document)
        if (found := _unusable(checker, pointer, schema)) is not None
    ]


def drop_discriminators(document: dict[str, Any], places: list[UnusableDiscriminator]) -> None:
    for place in places:
        jsonpointer.resolve(document, place.pointer).pop("discriminator", None)


def _unusable(
    checker: SchemaChecker, pointer: str, schema: dict[str, Any]
) -> UnusableDiscriminator | None:
    discriminator = schema.get("discriminator")
    branches = schema.get("oneOf") or schema.get("anyOf")
    if not isinstance(discriminator, dict) or not isinstance(branches, list):
        return None
    name = str(discriminator.get("propertyName"))
    for index, branch in enumerate(branches):
        values = discriminator_values(schema, branch)
        prop = properties_of(checker.document, branch).get(name, {})
        if not any(checker.is_valid(prop, value) for value in values):
            return UnusableDiscriminator(pointer, index, values[0] if values else None)
    return None


def relax(document: dict[str, Any], places: list[OverlappingOneOf]) -> dict[str, str]:
    """Validate each listed `oneOf` of `document` (in place) as an `anyOf`; `$ref`s that point
    into a relaxed `oneOf` are moved along with its branches. Returns the moves (old `$ref`
    prefix -> new), for pointers kept elsewhere (`moved_pointer`)."""
    # Resolve every place before changing any: a listed place may sit inside another's oneOf.
    nodes = [jsonpointer.resolve(document, place.pointer) for place in places]
    moved: dict[str, str] = {}
    for place, node in zip(places, nodes, strict=True):
        branches = node.pop("oneOf")
        if "anyOf" in node:
            node.setdefault("allOf", []).append({"anyOf": branches})
            new = jsonpointer.join(place.pointer, "allOf", len(node["allOf"]) - 1, "anyOf")
        else:
            node["anyOf"] = branches
            new = jsonpointer.join(place.pointer, "anyOf")
        moved[f"#{jsonpointer.join(place.pointer, 'oneOf')}/"] = f"#{new}/"
    if moved:
        _move_refs(document, moved)
    return moved


def moved_pointer(pointer: str, moves: dict[str, str]) -> str:
    """Where a JSON pointer into the spec sits once relaxed `oneOf`s have moved."""
    ref = "#" + pointer
    for old, new in moves.items():
        if ref.startswith(old):
            return new[1:] + ref[len(old) :]
    return pointer


def _move_refs(node: Any, moved: dict[str, str]) -> None:
    """Rewrite every `$ref` under `node` that starts with a moved prefix."""
    for holder in ref_holders(node):
        ref = holder["$ref"]
        for old, new in moved.items():
            if ref.startswith(old):
                holder["$ref"] = new + ref[len(old) :]


def _overlap(branches: _Branches, pointer: str, schema: dict[str, Any]) -> OverlappingOneOf | None:
    members = schema.get("oneOf")
    if not isinstance(members, list) or len(members) < 2 or "discriminator" in schema:
        return None  # a discriminator picks the branch: values cannot be valid under two
    modes: tuple[Mode, ...] = ("minimal", "full")
    for mode in modes:
        for index, member in enumerate(members):
            others = [
                i
                for i, other in enumerate(members)
                if i != index and not branches.refuses(other, member)
            ]
            if not others:
                continue  # no other branch can accept the value: no need to build it
            instance = branches.value(member, mode)
            if instance is _NONE:
                continue
            # a branch accepts its own value: `value` built it valid for that branch
            valid = tuple(
                i
                for i in range(len(members))
                if i == index or (i in others and branches.accepts(members[i], member, mode))
            )
            if len(valid) > 1:
                return OverlappingOneOf(pointer, index, instance, valid)
    return None


_NONE = object()  # no value can be built for the branch
_NULL_BRANCH = {"type": "null"}


class _Branches:
    """Values built from `oneOf` branches, and which branches accept them, each worked out once:
    specs repeat the same branches in many `oneOf`s (`{"type": "null"}`, a `$ref` to an id
    type), and a value built from a branch is the same wherever the branch appears."""

    def __init__(self, checker: SchemaChecker) -> None:
        self.checker = checker
        self._values: dict[tuple[str, Mode], Any] = {}
        self._verdicts: dict[tuple[str, str, Mode], bool] = {}
        self._reaches: dict[str, _Reach] = {}
        self._keys: dict[int, tuple[Any, str]] = {}

    def _key(self, branch: Any) -> str:
        """`branch` as text, so equal branches share their work; worked out once per object
        (the object is held with its key, so its id is not reused while the key is cached)."""
        held = self._keys.get(id(branch))
        if held is None or held[0] is not branch:
            held = self._keys[id(branch)] = (branch, schema_key(branch))
        return held[1]

    def value(self, branch: Any, mode: Mode) -> Any:
        key = (self._key(branch), mode)
        if key not in self._values:
            factory = ValueFactory(self.checker, mode=mode, direction="request")
            try:
                self._values[key] = factory.value(branch, "branch")
            except NoValidValue:
                self._values[key] = _NONE
        return self._values[key]

    def refuses(self, branch: Any, built_from: Any) -> bool:
        """Whether `branch` surely accepts no value built from `built_from`, known without
        building one: the `null` branch (`oneOf: [X, {type: null}]`, the commonest `oneOf`)
        accepts only null, which a value valid for an `X` that refuses null cannot be; and two
        branches that declare disjoint types or `const`/`enum` values (a `oneOf` of one `const`
        per event name), or require a property with such values (objects tagged by a `type`
        property), share no value."""
        if branch == _NULL_BRANCH:
            return not self.checker.is_valid(built_from, None)
        return self._reach(branch).disjoint(self._reach(built_from))

    def _reach(self, branch: Any) -> _Reach:
        key = self._key(branch)
        if key not in self._reaches:
            self._reaches[key] = _Reach.of(self.checker.document, branch)
        return self._reaches[key]

    def accepts(self, branch: Any, built_from: Any, mode: Mode) -> bool:
        """Whether `branch` accepts the value built (in `mode`) from branch `built_from`."""
        key = (self._key(branch), self._key(built_from), mode)
        if key not in self._verdicts:
            instance = self.value(built_from, mode)
            self._verdicts[key] = self.checker.is_valid(branch, instance)
        return self._verdicts[key]


@dataclass(frozen=True)
class _Reach:
    """What a schema's own `type` and `const`/`enum` let through (None: not limited), and the
    same for each property it requires (a tagged object's `kind`)."""

    types: frozenset[str] | None
    values: frozenset[tuple[str, Any]] | None
    required: Mapping[str, _Reach]

    @classmethod
    def of(cls, document: dict[str, Any], schema: Any, *, properties: bool = True) -> _Reach:
        schema = resolved_schema(document, schema)
        if not isinstance(schema, dict):
            return cls(None, None, {})
        declared = schema.get("type")
        names = [declared] if isinstance(declared, str) else declared
        types = None
        if isinstance(names, list) and all(isinstance(name, str) for name in names):
            types = frozenset(names) | ({"integer"} if "number" in names else set())
        listed = [schema["const"]] if "const" in schema else schema.get("enum")
        values = None
        if isinstance(listed, list) and all(_scalar(value) for value in listed):
            values = frozenset(_json_value(value) for value in listed)
        required: dict[str, _Reach] = {}
        known, needed = schema.get("properties"), schema.get("required")
        if properties and isinstance(known, dict) and isinstance(needed, list):
            required = {
                name: cls.of(document, known[name], properties=False)
                for name in needed
                if isinstance(name, str) and name in known
            }
        return cls(types, values, required)

    def disjoint(self, other: _Reach) -> bool:
        """Whether no value can be valid under both: a value has one type and one value, and
        an object has one value for a property both require."""
        return (
            (self.types is not None and other.types is not None and not self.types & other.types)
            or (
                self.values is not None
                and other.values is not None
                and not self.values & other.values
            )
            or any(
                name in other.required and reach.disjoint(other.required[name])
                for name, reach in self.required.items()
            )
        )


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float)


def _json_value(value: Any) -> tuple[str, Any]:
    """A scalar as JSON compares it: `true` is not `1`, but `1` is `1.0`."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return (type(value).__name__, value)
    return ("number", value)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
