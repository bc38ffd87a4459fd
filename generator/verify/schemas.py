"""JSON Schema checks over a whole OpenAPI document, with openapi-core's own validator.

openapi-core validates OpenAPI 3.1 schemas with openapi-schema-validator's `OAS31Validator` and
the OpenAPI format checker (so `binary`, `byte`, `uuid`, `date-time`, `int32` are checked the same
way everywhere). Every value the harness builds, every decoded request part and every reply of
the mock is checked with that same pair here, so "valid" means one thing throughout. Documents
are validated in their 3.1 form (`document.py` turns a 3.0 document into it).

A violation carries where it is twice: in the instance (`avatarId`) and in the spec (the JSON
pointer of the schema keyword that failed, `$ref`s followed), so a failure names both.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from jsonschema.exceptions import ValidationError as _ValidationError  # type: ignore[import-untyped]
from jsonschema.validators import extend  # type: ignore[import-untyped]
from openapi_schema_validator import OAS30ReadValidator, OAS31Validator

from .. import jsonpointer

_MESSAGE_CHARS = 240  # jsonschema quotes whole subschemas in oneOf messages; keep the start
_QUOTE_CHARS = 60
_TIME = re.compile(
    r"^([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)?$"
)


def _format_checker() -> Any:
    """openapi-core's format checker, with `time` read as RFC 3339 (which OpenAPI cites) says,
    offset optional: openapi-schema-validator checks JSON Schema draft 3's `HH:MM:SS`, which
    rejects `12:00:00Z` (see `tolerances.py`)."""
    checker = type(OAS30ReadValidator.FORMAT_CHECKER)(formats=())
    checker.checkers = dict(OAS30ReadValidator.FORMAT_CHECKER.checkers)
    checker.checkers["time"] = (_is_time, ())
    return checker


def _is_time(instance: object) -> bool:
    return not isinstance(instance, str) or bool(_TIME.match(instance))


_FORMATS = _format_checker()


@dataclass(frozen=True)
class Violation:
    """One way an instance breaks a schema."""

    where: str  # in the instance: `avatarId`, `items/0/name`, `<root>`
    message: str
    pointer: str  # in the document: the failing keyword's schema, e.g. `/components/schemas/X`

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def resolve(document: Any, ref: str) -> Any:
    """The target of a local `$ref` (`#/components/schemas/X`)."""
    if not ref.startswith("#"):
        raise ValueError(f"only local $refs are supported, not {ref!r}")
    return jsonpointer.resolve(document, ref)


def schema_key(schema: Any) -> str:
    """`schema` as text, so equal schemas met at different places share work done for one."""
    return json.dumps(schema, sort_keys=True, default=str)


def resolved_schema(document: dict[str, Any], schema: Any) -> Any:
    """`schema` with its `$ref` chain followed (cycles stop at the first repeat)."""
    seen: set[str] = set()
    while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        ref = schema["$ref"]
        if ref in seen:
            break
        seen.add(ref)
        schema = resolve(document, ref)
    return schema


def properties_of(document: dict[str, Any], schema: Any, depth: int = 0) -> dict[str, Any]:
    """A schema's properties by name, its `allOf` members' included."""
    schema = resolved_schema(document, schema)
    if not isinstance(schema, dict) or depth > 20:
        return {}
    properties: dict[str, Any] = {}
    for member in schema.get("allOf") or []:
        properties.update(properties_of(document, member, depth + 1))
    properties.update(schema.get("properties") or {})
    return properties


Direction = Literal["request", "response"]


def _required_unless(skipped: str, document: dict[str, Any]) -> Any:
    """`required`, except for properties marked `skipped` (`readOnly` in a request)."""

    def required(validator: Any, names: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if not validator.is_type(instance, "object"):
            return
        properties = properties_of(document, schema)  # `allOf` members declare them too
        for name in names:
            if name not in instance and not _marked(document, properties.get(name)):
                yield _ValidationError(f"{name!r} is a required property")

    def _marked(root: Any, declared: Any) -> bool:
        seen = 0
        while isinstance(declared, dict) and seen < 10:
            if declared.get(skipped) is True:
                return True
            ref = declared.get("$ref")
            if not (isinstance(ref, str) and ref.startswith("#")):
                return False
            try:
                declared, seen = jsonpointer.resolve(root, ref), seen + 1
            except KeyError:
                return False
        return False

    return required


def _all_of_unless(skipped: str | None, document: dict[str, Any]) -> Any:
    """`allOf`, where a property one member marks `skipped` is not required by another member
    (`allOf: [Base (id read-only), {required: [id]}]` is common).

    Beside a `discriminator`, openapi-schema-validator checks the schema its tag names in place
    of the members. In a class hierarchy that repeats the discriminator at each level (Springdoc
    writes them so), the tag of a subclass names that subclass itself, which would be checked in
    place of itself forever; there the members are checked instead, as a plain `allOf` is.
    """
    original = OAS31Validator.VALIDATORS["allOf"]
    active = threading.local()

    def all_of(validator: Any, members: Any, instance: Any, schema: Any) -> Iterator[Any]:
        if skipped is not None:
            members = _required_as_read(skipped, document, members)
        if "discriminator" not in schema:
            yield from original(validator, members, instance, schema)
            return
        checking: set[tuple[int, int]] = active.__dict__.setdefault("checking", set())
        mark = (id(schema), id(instance))
        if mark in checking:
            plain = {key: value for key, value in schema.items() if key != "discriminator"}
            yield from original(validator, members, instance, plain)
            return
        checking.add(mark)
        try:
            yield from original(validator, members, instance, schema)
        finally:
            checking.discard(mark)

    return all_of


def _required_as_read(skipped: str, root: dict[str, Any], members: Any) -> Any:
    names = {
        name
        for member in members
        for name, prop in properties_of(root, member).items()
        if isinstance(resolved_schema(root, prop), dict)
        and (prop.get(skipped) is True or resolved_schema(root, prop).get(skipped) is True)
    }
    return [_without_required(root, member, names) for member in members] if names else members


def _without_required(root: Any, member: Any, names: set[str]) -> Any:
    target = resolved_schema(root, member)
    required = target.get("required") if isinstance(target, dict) else None
    if not isinstance(required, list) or not names & set(required):
        return member
    return {**target, "required": [name for name in required if name not in names]}


# OpenAPI's reading of `required` next to `readOnly`/`writeOnly` (openapi-core's OAS 3.0
# read and write validators do the same): a read-only property is not required in a request,
# a write-only one not in a response.
_SKIPPED: dict[Direction, str] = {"request": "readOnly", "response": "writeOnly"}


def _validator_class(document: dict[str, Any], direction: Direction | None) -> Any:
    if direction is None:
        return extend(OAS31Validator, {"allOf": _all_of_unless(None, document)})
    skipped = _SKIPPED[direction]
    rules = {
        "required": _required_unless(skipped, document),
        "allOf": _all_of_unless(skipped, document),
    }
    return extend(OAS31Validator, rules)


_KEPT = 16  # documents whose root validators are kept: a bound, not a tuning knob
_REMEMBERED = 65_536  # verdicts (and schemas' texts) a root keeps: a bound on memory
_PLAIN_MARSHAL = 2  # the last version without back-references: equal data, equal bytes
_ROOTS: dict[tuple[int, Direction | None], _Root] = {}


class _Root:
    """A document's validator for one direction, rooted at the document, so `#/components/...`
    resolves; each schema is checked by `evolve`-ing it (jsonschema's own way into a
    subschema) instead of building a validator class and a reference registry per check.

    It also keeps each verdict (valid or not) on a (schema, instance) pair, for every checker
    of the document and direction: a run checks the same value against the same schema many
    times (a canned reply sent to every call of a route, sync and async; a value built for
    many calls; an awkward path id tried on every path parameter), and the verdict depends on
    nothing else. Violations are not kept: they are rare, and each names where it was met. A
    document checked here changes afterwards only to be relaxed (`tolerances.py` drops a
    discriminator, reads a `oneOf` as `anyOf`), which keeps every valid verdict valid; the
    relaxed document is checked as a new one (`document.served` copies its root)."""

    def __init__(self, document: dict[str, Any], direction: Direction | None) -> None:
        self.document = document  # kept, so its `id` cannot be reused while the entry lives
        self.validator = _validator_class(document, direction)(document, format_checker=_FORMATS)
        self._verdicts: dict[bytes, bool] = {}
        self._schema_texts: dict[int, tuple[Any, str]] = {}

    def verdict(self, key: bytes | None) -> bool | None:
        """Whether the pair of `key` was found valid; None if it was not checked yet."""
        return None if key is None else self._verdicts.get(key)

    def remember(self, key: bytes | None, valid: bool) -> None:
        if key is None:
            return
        if len(self._verdicts) >= _REMEMBERED:
            self._verdicts.clear()
        self._verdicts[key] = valid

    def verdict_key(self, schema: Any, instance: Any) -> bytes | None:
        """A digest of the schema's text and the instance's `marshal` form, which holds plain
        data only, exactly (it tells `1` from `1.0` and `True`, text from bytes, a list from a
        tuple, as JSON Schema's types do); None for an instance it cannot hold (a file), which
        is then checked every time. A schema's text is kept per object, with the object, so
        that its `id` cannot be reused meanwhile."""
        try:
            data = marshal.dumps(instance, _PLAIN_MARSHAL)
        except ValueError:
            return None
        held = self._schema_texts.get(id(schema))
        if held is None or held[0] is not schema:
            if len(self._schema_texts) >= _REMEMBERED:
                self._schema_texts.clear()
            held = self._schema_texts[id(schema)] = (schema, schema_key(schema))
        digest = hashlib.blake2b(held[1].encode(errors="surrogatepass"), digest_size=16)
        digest.update(data)
        return digest.digest()


def _root_validator(document: dict[str, Any], direction: Direction | None) -> _Root:
    """One root per document and direction, shared by every checker of them."""
    key = (id(document), direction)
    kept = _ROOTS.get(key)
    if kept is None or kept.document is not document:
        if len(_ROOTS) >= _KEPT:
            _ROOTS.clear()
        kept = _ROOTS[key] = _Root(document, direction)
    return kept


class SchemaChecker:
    """Validates instances against schemas that may `$ref` anything in `document`, as a request
    or a response when `direction` says (`toward` gives the same document's other directions)."""

    def __init__(self, document: dict[str, Any], direction: Direction | None = None) -> None:
        self.document = document
        self.direction = direction
        self._root = _root_validator(document, direction)
        self._towards: dict[Direction | None, SchemaChecker] = {direction: self}

    def toward(self, direction: Direction | None) -> SchemaChecker:
        """This document's checker for requests, responses, or neither (made once each)."""
        if direction not in self._towards:
            self._towards[direction] = SchemaChecker(self.document, direction)
        return self._towards[direction]

    def violations(self, schema: Any, instance: Any, pointer: str = "") -> list[Violation]:
        """Every violation; `pointer` is where `schema` sits in the document, if it does."""
        if schema is True or schema is None:
            return []
        if schema is False:
            return [Violation("<root>", "no value is allowed here", pointer)]
        key = self._root.verdict_key(schema, instance)
        if self._root.verdict(key):
            return []
        validator = self._root.validator.evolve(schema=schema)
        found = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path)))
        self._root.remember(key, not found)
        return [self._violation(error, pointer) for error in found]

    def errors(self, schema: Any, instance: Any) -> list[str]:
        if self.is_valid(schema, instance):
            return []
        return [str(violation) for violation in self.violations(schema, instance)]

    def is_valid(self, schema: Any, instance: Any) -> bool:
        """Whether `instance` is valid; stops at the first error (no messages are built)."""
        if schema is True or schema is None:
            return True
        if schema is False:
            return False
        key = self._root.verdict_key(schema, instance)
        known = self._root.verdict(key)
        if known is not None:
            return known
        valid = next(self._root.validator.evolve(schema=schema).iter_errors(instance), None) is None
        self._root.remember(key, valid)
        return valid

    def _violation(self, error: Any, pointer: str) -> Violation:
        where = "/".join(str(part) for part in error.absolute_path) or "<root>"
        message = error.message
        quoted = repr(error.instance)
        if len(quoted) > _QUOTE_CHARS:  # the message starts by quoting the whole invalid value
            message = message.replace(quoted, quoted[: _QUOTE_CHARS - 4] + "...}", 1)
        if len(message) > _MESSAGE_CHARS:
            message = message[: _MESSAGE_CHARS - 3] + "..."
        located = keyword_pointer(self.document, pointer, error.absolute_schema_path)
        return Violation(where, f"{message} [{error.validator}]", located)


def keyword_pointer(document: dict[str, Any], start: str, path: Iterable[Any]) -> str:
    """The document pointer of a validator's schema path that starts at `start`.

    The path runs through `$ref` keywords (`properties/pet/$ref/required`): each one moves
    to the referenced schema, so the result is a place a person can open in the spec.
    """
    pointer = start
    for token in path:
        if token == "$ref":
            try:
                node = jsonpointer.resolve(document, pointer) if pointer else None
            except KeyError:
                return pointer
            ref = node.get("$ref") if isinstance(node, dict) else None
            if not isinstance(ref, str) or not ref.startswith("#"):
                return pointer
            pointer = ref[1:]
        else:
            pointer = jsonpointer.join(pointer, str(token))
    return pointer
