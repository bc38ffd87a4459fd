"""Example calls for a package's README and `api.md`, written from its own operations and schemas.

A README whose examples use the API's real resources (`client.personas.get(...)`) teaches faster
than a generic one. Every example is a call a user could paste: its values are valid for the
spec (an id where a UUID is expected, the first value of an enum, a nested object as a dict with
its required keys), so the examples type-check under `mypy --strict` and run against the
package's fake client, which checks each request against the spec; the tests do both.
"""

from __future__ import annotations

import keyword
from dataclasses import dataclass
from typing import Any, TypeGuard

from . import jsonpointer, keywords, refs
from .annotate import is_model
from .ir import Api, Argument, BodyField, Operation, Resource
from .naming import python_name, singular
from .refs import component_name
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


@dataclass(frozen=True)
class Example:
    resource: Resource
    operation: Operation
    call: Safe

    @property
    def call_with_options(self) -> Safe:
        separator = "" if self.call.endswith("()") else ", "
        return Safe(f"{self.call[:-1]}{separator}timeout=5.0, max_retries=1)")

    @property
    def raw_call(self) -> Safe:
        prefix = f"client.{self.resource.name}."
        return Safe(self.call.replace(prefix, prefix + "with_raw_response.", 1))

    @property
    def returns_value(self) -> bool:
        return self.operation.response.kind != "none"

    @property
    def paginated(self) -> bool:
        return self.operation.pagination is not None

    @property
    def result(self) -> Safe:
        """A name for what the call returns: `token` for `sessions.create_token`, `persona` for
        `personas.get`, `page` for a list that pages, else `result`."""
        if self.paginated:
            return Safe("page")
        verb, _, rest = str(self.operation.name).partition("_")
        noun = rest if verb in _VERBS and rest else singular(str(self.resource.name))
        name = python_name(noun, fallback="result")
        return Safe(name if name not in _TAKEN and not keyword.iskeyword(name) else "result")

    @property
    def uses_path(self) -> bool:
        return "Path(" in self.call


_TAKEN = frozenset({"client", "asyncio", "main", "Path", "print", "item", "page", "response"})
_VERBS = frozenset({"get", "create", "list", "update", "delete", "search", "upload", "stop"})


@dataclass(frozen=True)
class TypedDictExample:
    """A TypedDict argument spelt out: `config: PersonaConfigParam = {...}`, then the call."""

    param: Safe
    variable: Safe
    value: Safe
    example: Example


class Examples:
    """The example calls of one package; `document` is its normalized spec, which states
    constraints the models do not carry (a body needing one key of several)."""

    def __init__(self, api: Api, document: dict[str, Any]) -> None:
        self._api = api
        self._document = document
        self._values = _Values(api)

    def simple(self) -> Example | None:
        """A call with as few arguments as possible, preferring reads."""
        every = [
            self.of(r, op, with_file=False) for r in self._api.resources for op in r.operations
        ]
        return min(every, key=_simplicity) if every else None

    def per_resource(self) -> list[Example]:
        """One example per resource (its simplest operation), in the resources' order."""
        return [
            min(
                (self.of(resource, op, with_file=False) for op in resource.operations),
                key=_simplicity,
            )
            for resource in self._api.resources
            if resource.operations
        ]

    def paginated(self) -> Example | None:
        found = [(r, op) for r in self._api.resources for op in r.operations if op.pagination]
        return self.of(*found[0], with_file=False) if found else None

    def upload(self) -> Example | None:
        found = [
            (r, op)
            for r in self._api.resources
            for op in r.operations
            if op.body and any(f.is_file for f in op.body.fields)
        ]
        return self.of(*found[0]) if found else None

    def typed_dict(self) -> TypedDictExample | None:
        """The first body argument that takes a TypedDict as it is (not in a list)."""
        model_of = {param: model for model, param in self._api.models.param_names.items()}
        for resource in self._api.resources:
            for operation in resource.operations:
                for argument in operation.body.arguments if operation.body else ():
                    param = next((p for p in argument.type.inputs if p in model_of), None)
                    if param is not None:
                        value = self._values.model(model_of[param], 0)
                        variable = Safe(str(argument.name))
                        call = self.of(resource, operation, given={variable: variable})
                        return TypedDictExample(Safe(param), variable, Safe(value), call)
        return None

    def of(
        self,
        resource: Resource,
        operation: Operation,
        *,
        with_file: bool = True,
        given: dict[Safe, Safe] | None = None,
    ) -> Example:
        """A call with every required argument (and files, `with_file`); `given` fixes some."""
        given = given or {}
        needed = self._needed(operation, set(given))
        positional = [
            given.get(p.name) or self._values.argument(p) for p in operation.path_parameters
        ]
        keyword = [
            f"{argument.name}={given.get(argument.name) or self._values.argument(argument)}"
            for argument in _arguments(operation)
            if getattr(argument, "location", "body") != "path"
            and (
                argument.name in needed
                or argument.name in given
                or (with_file and _is_file(argument))
            )
        ]
        arguments = ", ".join([*positional, *keyword])
        return Example(
            resource, operation, Safe(f"client.{resource.name}.{operation.name}({arguments})")
        )

    def _needed(self, operation: Operation, given: set[str]) -> set[str]:
        """Required arguments, and for each `oneOf: [{required: [a]}, {required: [b]}]` of the
        body the keys of its first branch, unless a `given` argument chose another."""
        needed = {str(a.name) for a in _arguments(operation) if a.required}
        body = operation.body
        if body is None or body.whole is not None:
            return needed
        wire = {str(f.wire_name.unsafe_value): str(f.name) for f in body.fields}
        if body.model is not None:  # an optional body still goes out as an object: complete it
            _properties, required = self._api.models.properties(str(body.model))
            needed |= {wire[name] for name in required if name in wire}
        for branches in self._body_constraints(operation):
            choices = [{wire[n] for n in b.get("required") or [] if n in wire} for b in branches]
            if not any(choice & given for choice in choices):
                needed |= choices[0]
        return needed

    def _body_constraints(self, operation: Operation) -> list[list[dict[str, Any]]]:
        """The body schema's `oneOf`/`anyOf` lists that only say which keys must be there."""
        assert operation.body is not None
        path, method = operation.path.unsafe_value, str(operation.http_method)
        raw = jsonpointer.resolve(self._document, jsonpointer.join("", "paths", path, method))
        body = refs.resolve(self._document, raw.get("requestBody"), "").node or {}
        media = (body.get("content") or {}).get(operation.body.media_type.unsafe_value) or {}
        schema = refs.resolve(self._document, media.get("schema"), "").node
        if not isinstance(schema, dict):
            return []
        return [
            branches
            for branches in (schema.get("oneOf"), schema.get("anyOf"))
            if isinstance(branches, list)
            and branches
            and all(map(keywords.is_constraint_only, branches))
        ]


def _simplicity(example: Example) -> tuple[int, bool, int]:
    operation = example.operation
    required = sum(argument.required for argument in _arguments(operation))
    return (required, operation.http_method != "get", len(example.call))


def _arguments(operation: Operation) -> list[Argument]:
    return [*operation.parameters, *(operation.body.arguments if operation.body else ())]


def _is_file(argument: Argument) -> bool:
    return isinstance(argument, BodyField) and argument.is_file


class _Values:
    """Python source for a value valid against a (hoisted) schema."""

    def __init__(self, api: Api) -> None:
        self._schemas = api.models.schemas
        self._properties = api.models.properties

    def argument(self, argument: Argument) -> str:
        if isinstance(argument, BodyField) and argument.is_file:
            if argument.name == "content":
                return Safe('b"..."')
            return Safe(f"[{_FILE}]") if argument.type.input.startswith("Sequence[") else _FILE
        return self.value(argument.schema, str(argument.wire_name.unsafe_value), 0)

    def value(self, schema: Any, name: str, depth: int) -> str:
        if not isinstance(schema, dict):
            return "{}"
        ref = component_name(schema)
        if ref is not None:
            if is_model(self._schemas, ref):
                return self.model(ref, depth)
            return self.value(self._schemas.get(ref, {}), name, depth + 1)
        branches = [b for b in (*schema.get("oneOf", ()), *schema.get("anyOf", ())) if _not_null(b)]
        if branches:
            return self.value(branches[0], name, depth + 1)
        members = schema.get("allOf")
        if isinstance(members, list) and len(members) == 1:
            return self.value(members[0], name, depth + 1)
        if "const" in schema:
            return _python(schema["const"])
        choices = [v for v in schema.get("enum") or [] if v is not None]
        if choices:
            return _python(choices[0])
        return self._typed(schema, name, depth)

    def _typed(self, schema: dict[str, Any], name: str, depth: int) -> str:
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
            if depth >= _MAX_DEPTH:
                return "[]"
            return f"[{self.value(schema.get('items'), name, depth + 1)}]"
        return "{}"

    def model(self, model: str, depth: int) -> str:
        """A dict with the model's required keys (or its first key, when none is required)."""
        if depth >= _MAX_DEPTH:
            return "{}"
        properties, required = self._properties(model)
        writable = {k: v for k, v in properties.items() if not _read_only(v)}
        keys = [k for k in writable if k in required] or list(writable)[:1]
        entries = ", ".join(
            f"{string_literal(SpecText(key))}: {self.value(writable[key], key, depth + 1)}"
            for key in keys
        )
        return f"{{{entries}}}"


def _not_null(branch: Any) -> bool:
    return not (isinstance(branch, dict) and keywords.types(branch) == {"null"})


def _read_only(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("readOnly") is True


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
