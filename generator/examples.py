"""Example calls for a package's README and `api.md`, written from its own operations and schemas.

A README whose examples use the API's real resources (`client.personas.get(...)`) teaches faster
than a generic one. Every example is a call a user could paste: its values are valid for the
spec (an id where a UUID is expected, the first value of an enum, a nested object as a dict with
its required keys), so the examples type-check under `mypy --strict` and run against the
package's fake client, which checks each request against the spec; the tests do both.
"""

from __future__ import annotations

import keyword
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import jsonpointer, keywords, refs
from .annotate import is_model
from .example_values import Values
from .ir import Api, Argument, BodyField, Operation, Resource
from .naming import BUILTIN_NAMES, plural, python_name, singular
from .strings import Safe, string_literal


@dataclass(frozen=True)
class Example:
    resource: Resource
    operation: Operation
    call: Safe

    @property
    def call_with_options(self) -> Safe:
        return self.plus("timeout=5.0, max_retries=1")

    def plus(self, arguments: str) -> Safe:
        """The call with more keyword arguments (ours, written in a template)."""
        separator = "" if self.call.endswith("()") else ", "
        return Safe(f"{self.call[:-1]}{separator}{arguments})")

    @property
    def streaming_call(self) -> Safe:
        prefix = f"client.{self.resource.name}."
        return Safe(self.call.replace(prefix, prefix + "with_streaming_response.", 1))

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
        `personas.get`, `bookings` for `bookings.list` (and `changelogs` for `changelog.list`),
        `page` for a list that pages, `stream` for server-sent events or JSON lines, else `result`
        (also where the name is a builtin's: `list = client.lists.create()` would hide `list` in
        the reader's code)."""
        if self.paginated:
            return Safe("page")
        if self.operation.response.kind in ("events", "lines"):
            return Safe("stream")
        verb, _, rest = str(self.operation.name).partition("_")
        one = singular(str(self.resource.name))
        noun = rest if verb in _VERBS and rest else plural(one) if verb == "list" else one
        name = python_name(noun, fallback="result")
        taken = name in _TAKEN or name in BUILTIN_NAMES or keyword.iskeyword(name)
        return Safe("result" if taken else name)

    @property
    def streams_lines(self) -> bool:
        """A stream of JSON lines, which the example iterates (it may never end on its own)."""
        return self.operation.response.kind == "lines"

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
        self._values = Values(api, document)

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

    def first(self, kind: str) -> Example | None:
        """The first operation of a kind the README shows (see `_KINDS`)."""
        wanted = _KINDS[kind]
        for resource in self._api.resources:
            for operation in resource.operations:
                if wanted(operation, self._api):
                    return self.of(resource, operation, with_file=kind == "upload")
        return None

    def keyed(self) -> bool:
        """Whether some operation declares an idempotency key header."""
        return any(op.idempotency_header is not None for op in self._api.operations)

    def raw(self, method: str) -> Safe | None:
        """`client.get("/v1/personas", cast_to=object)`: the raw request of a simple operation
        (no path parameter, nothing else required), with an empty object as a POST's body."""
        for operation in self._api.operations:
            if (
                str(operation.http_method) == method
                and operation.response.kind != "binary"
                and operation.response.kind not in ("events", "lines")
                and not self._needed(operation, set())
            ):
                if operation.path_parameters or (method == "post" and operation.body is None):
                    continue
                path = string_literal(operation.path)
                body = ", body={}" if method == "post" else ""
                return Safe(f"client.{method}({path}, cast_to=object{body})")
        return None

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
        originals = self._body_properties(operation)

        def value(argument: Argument) -> str:
            original = originals.get(str(argument.name))
            return given.get(argument.name) or self._values.argument(argument, original)

        keyword = [
            f"{argument.name}={value(argument)}"
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
        needed = {str(a.name) for a in _arguments(operation) if _needs_value(a)}
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

    def _body_schema(self, operation: Operation) -> dict[str, Any]:
        """The schema of the operation's body as the spec writes it ({} where there is none)."""
        if operation.body is None:
            return {}
        path, method = operation.path.unsafe_value, str(operation.http_method)
        raw = jsonpointer.resolve(self._document, jsonpointer.join("", "paths", path, method))
        body = refs.resolve(self._document, raw.get("requestBody"), "").node or {}
        media = (body.get("content") or {}).get(operation.body.media_type.unsafe_value) or {}
        schema = refs.resolve(self._document, media.get("schema"), "").node
        return schema if isinstance(schema, dict) else {}

    def _body_properties(self, operation: Operation) -> dict[str, Any]:
        """Each body field's schema as the spec writes it, with the constraints of what it
        nests, which hoisting leaves out of the models."""
        if operation.body is None or operation.body.whole is not None:
            return {}
        properties = self._body_schema(operation).get("properties")
        if not isinstance(properties, dict):
            return {}
        return {
            str(field.name): properties[field.wire_name.unsafe_value]
            for field in operation.body.fields
            if field.wire_name.unsafe_value in properties
        }

    def _body_constraints(self, operation: Operation) -> list[list[dict[str, Any]]]:
        """The body schema's `oneOf`/`anyOf` lists that only say which keys must be there."""
        schema = self._body_schema(operation)
        return [
            branches
            for branches in (schema.get("oneOf"), schema.get("anyOf"))
            if isinstance(branches, list)
            and branches
            and all(map(keywords.is_constraint_only, branches))
        ]


def _simplicity(example: Example) -> tuple[bool, int, bool, bool, int]:
    """Anything but a delete (code copied from the README must not destroy data where another
    call shows the resource), then the fewest required arguments, then a plain JSON answer,
    then a read, then the shortest."""
    operation = example.operation
    required = sum(map(_needs_value, _arguments(operation)))
    streamed = operation.response.kind in ("binary", "events", "lines")
    deletes = operation.http_method == "delete"
    return (deletes, required, streamed, operation.http_method != "get", len(example.call))


def _needs_value(argument: Argument) -> bool:
    """Required, and without a default in the signature."""
    return argument.required and argument.default is None


def _arguments(operation: Operation) -> list[Argument]:
    return [*operation.parameters, *(operation.body.arguments if operation.body else ())]


def _is_file(argument: Argument) -> bool:
    return isinstance(argument, BodyField) and argument.is_file


def _uploads(operation: Operation) -> bool:
    return operation.body is not None and any(f.is_file for f in operation.body.fields)


def _returns_model(operation: Operation, api: Api) -> bool:
    response = operation.response
    if response.kind != "model" or response.type is None or operation.pagination is not None:
        return False
    return len(response.type.outputs) == 1 and is_model(api.models.schemas, response.type.output)


_KINDS: dict[str, Callable[[Operation, Api], bool]] = {
    "paginated": lambda operation, api: operation.pagination is not None,
    "upload": lambda operation, api: _uploads(operation),
    "binary": lambda operation, api: operation.response.kind == "binary",
    "events": lambda operation, api: operation.response.kind == "events",
    "lines": lambda operation, api: operation.response.kind == "lines",
    "model": _returns_model,
    "retried_post": lambda operation, api: not operation.idempotent,
}
