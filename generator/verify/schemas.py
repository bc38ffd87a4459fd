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

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

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


class SchemaChecker:
    """Validates instances against schemas that may `$ref` anything in `document`."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def violations(self, schema: Any, instance: Any, pointer: str = "") -> list[Violation]:
        """Every violation; `pointer` is where `schema` sits in the document, if it does."""
        if schema is True or schema is None:
            return []
        if schema is False:
            return [Violation("<root>", "no value is allowed here", pointer)]
        # The document is the root resource, so `#/components/...` resolves; OpenAPI's own keys
        # (`paths`, `info`, ...) are not JSON Schema keywords and are ignored by the validator.
        root = {**self.document, **schema}
        validator = OAS31Validator(root, format_checker=_FORMATS)
        found = sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path)))
        return [self._violation(error, pointer) for error in found]

    def errors(self, schema: Any, instance: Any) -> list[str]:
        return [str(violation) for violation in self.violations(schema, instance)]

    def is_valid(self, schema: Any, instance: Any) -> bool:
        return not self.violations(schema, instance)

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
