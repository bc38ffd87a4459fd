"""Concrete calls for a case: arguments built from the schemas, and what the server must see.

The all-fields variant passes the richer Python types the signatures accept (model instances,
`UUID`, `datetime`, tuples for sequences, file tuples) while the required-only variant passes
plain JSON values and dicts, so both spellings a user may choose are exercised. Alongside the
arguments each call carries the request they must produce (`ExpectedRequest`): the same values
under the spec's names, which `expect.py` compares with what the mock server recorded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator import jsonpointer
from generator.ir import Api, Operation, Parameter, Resource, TypeRef

from .cases import (
    EMPTY_ID,
    ErrorCase,
    OperationCase,
    nullable_fields,
    parameter_objects,
    request_body_schema,
    special_ids,
)
from .mock_server import GENERATED
from .schemas import SchemaChecker
from .values import Mode, ValueFactory
from .wire import wire_text


@dataclass(frozen=True)
class ExpectedBody:
    encoding: str  # json | multipart | form | binary
    media_type: str
    data: Any  # the JSON value; for multipart, the fields by wire name (files as bytes)
    files: frozenset[str] = frozenset()  # multipart parts that must arrive as files


@dataclass(frozen=True)
class ExpectedRequest:
    """What the server must see: the arguments, spelt as the spec names them."""

    key: str
    path: dict[str, str]
    query: dict[str, Any]
    headers: dict[str, str]
    body: ExpectedBody | None


@dataclass(frozen=True)
class Call:
    label: str  # names the operation and variant in every failure message
    resource: str
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    expected: ExpectedRequest
    refused: bool = False  # the client must raise ValueError and send nothing
    reply: str | None = None  # which canned reply the mock answers with (None: its first)
    transform: Callable[[Any], Any] | None = None  # how the mock adapts that reply's data
    schemas: dict[str, Any] = field(default_factory=dict)  # wire name -> schema, for decoding


def build_calls(
    api: Api, types: Any, document: dict[str, Any], case: OperationCase, *, api_key: str | None
) -> list[Call]:
    """The calls a case makes, from the fresh package's IR `api` and validation `document`."""
    resource, op = _find(api, case.key)
    builder = _CallBuilder(api, types, document, op, resource, api_key)
    label = f"{op.key} ({case.label}) [{case.variant}]"
    if case.variant == "path-ids":
        return list(builder.path_id_calls(label))
    if case.variant == "nulls":
        nulls = nullable_fields(builder.checker, document, op)
        return [builder.call(label, "minimal", rich=False, nulls=nulls)]
    mode: Mode = "minimal" if case.variant == "required" else "full"
    rich = case.variant == "all-fields"
    call = builder.call(label, mode, rich)
    # required-only is answered with the spec's example, all-fields with every declared field
    # (and, for a list, as a page that is not the last, so the client must ask for the next)
    transform = _not_the_last_page(op, call) if rich and op.pagination else None
    return [dataclasses.replace(call, reply=GENERATED if rich else None, transform=transform)]


def _not_the_last_page(op: Operation, call: Call) -> Callable[[Any], Any]:
    """Set the reply's paging fields to "page N of N+1", N the page the call asked for."""
    assert op.pagination is not None
    pagination = op.pagination
    asked = call.expected.query.get(pagination.page_param.unsafe_value, 1)
    current = [step.unsafe_value for step in pagination.current_page]
    last = [step.unsafe_value for step in pagination.last_page]

    def transform(data: Any) -> Any:
        for path, value in ((current, asked), (last, asked + 1)):
            node = data
            for step in path[:-1]:
                node = node.setdefault(step, {}) if isinstance(node, dict) else {}
            if isinstance(node, dict):
                node[path[-1]] = value
        return data

    return transform


def error_call(
    api: Api, types: Any, document: dict[str, Any], case: ErrorCase, *, api_key: str | None
) -> Call:
    resource, op = _find(api, case.key)
    builder = _CallBuilder(api, types, document, op, resource, api_key)
    return builder.call(f"{op.key} ({case.label}) [{case.status}]", "minimal", rich=False)


def _find(api: Api, key: str) -> tuple[Resource, Operation]:
    for resource in api.resources:
        for op in resource.operations:
            if op.key == key:
                return resource, op
    raise LookupError(f"the generated package has no operation {key}")


class _CallBuilder:
    def __init__(
        self,
        api: Api,
        types: Any,
        document: dict[str, Any],
        op: Operation,
        resource: Resource,
        api_key: str | None,
    ) -> None:
        self.api, self.types, self.document, self.op = api, types, document, op
        self.resource = resource
        self.api_key = api_key
        self.checker = SchemaChecker(document)
        self.model_schemas = _model_schemas(api, document)

    def call(
        self,
        label: str,
        mode: Mode,
        rich: bool,
        path: dict[str, str] | None = None,
        nulls: list[str] | None = None,
    ) -> Call:
        factory = ValueFactory(self.checker, mode=mode, direction="request")
        op = self.op
        raw = path or {
            p.wire_name.unsafe_value: factory.value(self._parameter_schema(p), p.name)
            for p in op.path_parameters
        }
        args = tuple(
            self._rich(raw[p.wire_name.unsafe_value], p.type, rich) for p in op.path_parameters
        )
        path_values = {name: wire_text(value) for name, value in raw.items()}
        kwargs: dict[str, Any] = {}
        query: dict[str, Any] = {}
        headers: dict[str, str] = {}
        schemas: dict[str, Any] = {}
        for parameter in op.parameters:
            if parameter.location == "path" or not (parameter.required or mode == "full"):
                continue
            schema = self._parameter_schema(parameter)
            value = factory.value(schema, parameter.wire_name.unsafe_value)
            if value is None and not parameter.required:
                continue  # None means "leave out" for query and header parameters
            kwargs[parameter.name] = self._rich(value, parameter.type, rich)
            wire = parameter.wire_name.unsafe_value
            schemas[wire] = schema
            if parameter.location == "query":
                query[wire] = value
            elif parameter.location == "header":
                headers[wire] = wire_text(value)
        headers.update(self._auth_headers())
        body = self._body(factory, kwargs, rich, nulls or [])
        expected = ExpectedRequest(op.key, path_values, query, headers, body)
        return Call(label, self.resource.name, op.name, args, kwargs, expected, schemas=schemas)

    def path_id_calls(self, label: str) -> Iterator[Call]:
        normal = self.call(label, "minimal", rich=False)
        for parameter in self.op.path_parameters:
            wire = parameter.wire_name.unsafe_value
            for value in special_ids(self.checker, self.document, self.op, parameter):
                path = {**normal.expected.path, wire: value}
                yield self.call(f"{label} {wire}={value!r}", "minimal", False, path)
            empty = {**normal.expected.path, wire: EMPTY_ID}
            yield Call(
                f"{label} {wire}=''",
                normal.resource,
                normal.method,
                tuple(empty[p.wire_name.unsafe_value] for p in self.op.path_parameters),
                normal.kwargs,
                normal.expected,
                refused=True,
            )

    # -- pieces ------------------------------------------------------------------------------

    def _parameter_schema(self, parameter: Parameter) -> Any:
        for candidate in parameter_objects(self.document, self.op):
            if (candidate.get("in"), candidate.get("name")) == (
                parameter.location,
                parameter.wire_name.unsafe_value,
            ):
                return candidate.get("schema", {})
        raise LookupError(
            f"{self.op.key}: no {parameter.location} parameter "
            f"{parameter.wire_name.unsafe_value!r} in the spec"
        )

    def _auth_headers(self) -> dict[str, str]:
        auth = self.api.auth
        if self.api_key is None or auth.kind is None:
            return {}
        if auth.kind == "bearer":
            return {"authorization": f"Bearer {self.api_key}"}
        if auth.kind == "header" and auth.name is not None:
            return {auth.name.unsafe_value.lower(): self.api_key}
        return {}

    def _body(
        self, factory: ValueFactory, kwargs: dict[str, Any], rich: bool, nulls: list[str]
    ) -> ExpectedBody | None:
        body = self.op.body
        if body is None:
            return None
        media = body.media_type.unsafe_value
        schema = request_body_schema(self.document, self.op)
        if body.encoding == "binary":
            content = f"{self.op.name} raw body \x00\xff".encode("latin-1")
            assert body.whole is not None
            kwargs[body.whole.name] = content
            return ExpectedBody("binary", media, content)
        value = factory.value(schema, "body")
        for wire in nulls:
            value[wire] = None
        if nulls and not self.checker.is_valid(schema, value):
            raise AssertionError(f"{self.op.key}: a body with {nulls} set to null is invalid")
        if body.whole is not None:
            kwargs[body.whole.name] = self._rich(value, body.whole.type, rich)
            return ExpectedBody(body.encoding, media, value)
        if not isinstance(value, dict):
            raise AssertionError(f"{self.op.key}: body schema gave {value!r}, not an object")
        if not value and not body.required:
            return None  # an optional body whose fields are all left out is not sent
        by_wire = {f.wire_name.unsafe_value: f for f in body.fields}
        files = set()
        for wire, item in list(value.items()):
            field_ = by_wire.get(wire)
            if field_ is None:
                raise AssertionError(
                    f"{self.op.key}: the spec's body property {wire!r} has no keyword argument "
                    f"in the generated method (arguments: {sorted(by_wire)})"
                )
            if item is None and "None" not in field_.type.inputs:
                raise AssertionError(
                    f"{self.op.key}: the spec allows null for {wire!r}, but the argument "
                    f"{field_.name} is annotated {field_.type.input}, which excludes None"
                )
            if field_.is_file:
                content = _file_content(wire)
                value[wire] = content
                files.add(wire)
                kwargs[field_.name] = (
                    (f"{wire}.bin", content, "application/octet-stream") if rich else content
                )
            else:
                kwargs[field_.name] = self._rich(item, field_.type, rich)
        return ExpectedBody(body.encoding, media, value, frozenset(files))

    def _rich(self, value: Any, type_: TypeRef, rich: bool) -> Any:
        """The value as the richest Python type the annotation accepts (all-fields only)."""
        if not rich:
            return value
        inputs = set(type_.inputs)
        if isinstance(value, str) and "UUID" in inputs and _is_uuid(value):
            return uuid.UUID(value)
        if isinstance(value, str) and "datetime" in inputs and _is_datetime(value):
            return dt.datetime.fromisoformat(value)
        if isinstance(value, dict) and type_.models:
            return self._model(value, type_) or value
        if isinstance(value, list):
            items = [self._rich(item, type_, rich) for item in value]
            return tuple(items) if any(i.startswith("Sequence[") for i in inputs) else items
        return value

    def _model(self, value: dict[str, Any], type_: TypeRef) -> Any:
        """An instance of the first declared model whose spec schema `value` satisfies.

        Built the way users write it, with the Python field names as keyword arguments
        (`VoiceDetectionOptions(end_of_speech_sensitivity=0.5)`); the client must send it under
        the API's names all the same.
        """
        ordered = sorted(type_.models, key=lambda name: type_.input.find(name))
        for name in ordered:
            schema = self.model_schemas.get(name)
            if schema is not None and self.checker.is_valid(schema, value):
                model = getattr(self.types, name)
                by_alias = {f.alias or n: n for n, f in model.model_fields.items()}
                return model(**{by_alias.get(key, key): item for key, item in value.items()})
        return None


def _model_schemas(api: Api, document: dict[str, Any]) -> dict[str, Any]:
    """Model class name -> its schema in the spec (the first place it was named from)."""
    schemas: dict[str, Any] = {}
    for pointer, name in sorted(api.models.pointers.items()):
        try:
            schemas.setdefault(name, jsonpointer.resolve(document, pointer))
        except KeyError:
            continue
    return schemas


def _file_content(wire: str) -> bytes:
    """File bytes that are not valid UTF-8, so a client that decodes them is caught."""
    return f"{wire} file content ".encode() + bytes([0, 255, 254, 10, 13, 128])


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _is_datetime(value: str) -> bool:
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return "T" in value
