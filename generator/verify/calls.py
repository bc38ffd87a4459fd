"""Concrete calls for a case: arguments built from the schemas, and what the server must see.

The all-fields variant passes the richer Python types the signatures accept (model instances,
`UUID`, `datetime`, tuples for sequences, file tuples) while the required-only variant passes
plain JSON values and dicts, so both spellings a user may choose are exercised. Alongside the
arguments each call carries the request they must produce (`ExpectedRequest`): the same values
under the spec's names, which `expect.py` compares with what the mock server decoded.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pydantic

from .. import jsonpointer
from .bodies import field_schemas, is_binary
from .cases import (
    EMPTY_ID,
    AnsweredCase,
    OperationCase,
    ids_and_takers,
    nullable_fields,
    parameter_schema,
    request_body,
    with_nulls,
)
from .errors import ContractFailure, NoValidValue
from .mock import GENERATED
from .paging import last_page_transform, page_reply_headers, page_reply_transform
from .schemas import SchemaChecker
from .surface import Annotation, Argument, Method, Surface
from .values import Mode, ValueFactory
from .wire import raw_argument


@dataclass(frozen=True)
class ExpectedBody:
    encoding: str  # json | multipart | form | binary | text
    media_type: str
    data: Any  # the JSON value (bytes for binary); multipart files as bytes
    files: frozenset[str] = frozenset()  # multipart parts that must arrive as files


@dataclass(frozen=True)
class ExpectedRequest:
    """What the server must see: the arguments, under the spec's names, as JSON values."""

    key: str
    parameters: dict[tuple[str, str], Any]  # (location, wire name) -> value
    body: ExpectedBody | None


@dataclass(frozen=True)
class Call:
    label: str  # names the operation and variant in every failure message
    method: Method
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    expected: ExpectedRequest
    refused: bool = False  # the client must raise ValueError and send nothing
    reply: str | None = None  # which canned reply the mock answers with (None: its first)
    transform: Callable[[Any], Any] | None = None  # how the mock adapts that reply's data
    headers: Mapping[str, str | None] = dataclasses.field(default_factory=dict)  # and headers


def build_calls(
    surface: Surface,
    types: Any,
    document: dict[str, Any],
    case: OperationCase,
    models: dict[str, Any],
    held: Mapping[str, Any],
) -> list[Call]:
    """The calls a case makes, against the package `surface` describes; `models` maps model
    classes to their schemas, so all-fields arguments can be given as model instances, and
    `held` the headers the clients are made with to their values (see `held_values`)."""
    method = surface.method(case.key, case.label)
    builder = _CallBuilder(types, document, method, models, held)
    label = f"{method.key} ({case.label}) [{case.variant}]"
    if case.variant == "path-ids":  # a next link in the spec's example names the real API
        transform = last_page_transform(method, builder.checker)
        headers = page_reply_headers(method, False)
        return [
            dataclasses.replace(call, transform=transform, headers=headers)
            for call in builder.path_id_calls(label)
        ]
    if case.variant == "nulls":
        nulls = nullable_fields(builder.checker, document, method)
        call = builder.call(label, "minimal", rich=False, nulls=nulls)
        return [dataclasses.replace(call, headers=page_reply_headers(method, False))]
    mode: Mode = "minimal" if case.variant == "required" else "full"
    rich = case.variant == "all-fields"
    call = builder.call(label, mode, rich)
    # required-only is answered with the spec's example, all-fields with every declared field
    # (and, for a list, as a page that is not the last, so the client must ask for the next)
    transform = page_reply_transform(method, call.expected.parameters, rich, builder.checker)
    headers = page_reply_headers(method, rich)
    reply = GENERATED if rich else None
    return [dataclasses.replace(call, reply=reply, transform=transform, headers=headers)]


def answered_call(
    surface: Surface,
    types: Any,
    document: dict[str, Any],
    case: AnsweredCase,
    models: dict[str, Any],
    held: Mapping[str, Any],
) -> Call:
    method = surface.method(case.key, case.label)
    builder = _CallBuilder(types, document, method, models, held)
    return builder.call(f"{method.key} ({case.label}) [{case.status}]", "minimal", rich=False)


class _CallBuilder:
    def __init__(
        self,
        types: Any,
        document: dict[str, Any],
        method: Method,
        models: dict[str, Any],
        held: Mapping[str, Any],
    ) -> None:
        self.types, self.document, self.method = types, document, method
        self.checker = SchemaChecker(document)
        self.model_schemas = models
        self.held = held

    def call(
        self,
        label: str,
        mode: Mode,
        rich: bool,
        path: dict[str, Any] | None = None,
        nulls: list[str] | None = None,
    ) -> Call:
        factory = ValueFactory(self.checker, mode=mode, direction="request")
        method = self.method
        path = path or {p.wire: self._parameter_value(factory, p) for p in method.path_parameters}
        args = tuple(self._rich(path[p.wire], p.type, rich) for p in method.path_parameters)
        parameters: dict[tuple[str, str], Any] = {
            ("path", name): value for name, value in path.items()
        }
        kwargs: dict[str, Any] = {}
        for parameter in method.parameters:
            if parameter.location == "path" or not (parameter.required or mode == "full"):
                continue
            if parameter.has_default and mode == "minimal":  # the signature's value goes out
                parameters[(parameter.location, parameter.wire)] = parameter.default
                continue
            try:
                value = self._parameter_value(factory, parameter)
            except NoValidValue:
                if parameter.required:
                    raise
                continue  # an optional parameter no value satisfies: no client can send it
            if value is None and not parameter.required:
                continue  # None means "leave out" for query, header and cookie parameters
            kwargs[parameter.name] = self._rich(value, parameter.type, rich)
            parameters[(parameter.location, parameter.wire)] = value
        for parameter in method.parameters:  # what the call leaves to the client
            held = self.held.get(parameter.wire.lower()) if parameter.location == "header" else None
            if held is not None:
                parameters.setdefault(("header", parameter.wire), held)
        body = self._body(factory, kwargs, rich, nulls or []) if self._sends_body(mode) else None
        expected = ExpectedRequest(method.key, parameters, body)
        return Call(label, method, args, kwargs, expected)

    def path_id_calls(self, label: str) -> Iterator[Call]:
        normal = self.call(label, "minimal", rich=False)
        path = {
            name: value
            for (where, name), value in normal.expected.parameters.items()
            if where == "path"
        }
        for value, takers, refused in ids_and_takers(self.checker, self.document, self.method):
            named = ", ".join(f"{wire}={value!r}" for wire in takers)
            ids = {**path, **dict.fromkeys(takers, value)}
            call = self.call(f"{label} {named}", "minimal", False, ids)
            yield dataclasses.replace(call, refused=True) if refused else call
        for parameter in self.method.path_parameters:
            empty = {**path, parameter.wire: EMPTY_ID}
            yield dataclasses.replace(
                normal,
                label=f"{label} {parameter.wire}=''",
                args=tuple(empty[p.wire] for p in self.method.path_parameters),
                refused=True,
            )

    # -- pieces ------------------------------------------------------------------------------

    def _parameter_value(self, factory: ValueFactory, parameter: Argument) -> Any:
        """A value for a parameter; an array or object gets items, since an empty one is not
        sent at all (and is refused in a path)."""
        schema = parameter_schema(self.document, self.method, parameter)
        value = factory.value(schema, parameter.wire)
        if value in ([], {}):
            full = ValueFactory(self.checker, mode="full", direction="request")
            value = full.value(schema, parameter.wire)
        return value

    def _sends_body(self, mode: Mode) -> bool:
        """An optional body is left out of the required-only variant, unless the method makes a
        property of it a required argument or sends one of its own (an events twin's flag)."""
        body = self.method.body
        if body is None or body.required or mode == "full" or body.fixed:
            return body is not None
        if body.whole is not None:
            return body.whole.required
        return any(field.required for field in body.fields)

    def _body(
        self, factory: ValueFactory, kwargs: dict[str, Any], rich: bool, nulls: list[str]
    ) -> ExpectedBody | None:
        body = self.method.body
        if body is None:
            return None
        pointer, schema = request_body(self.document, self.method)
        if body.encoding == "binary":
            content = f"{self.method.name} raw body \x00\xff".encode("latin-1")
            assert body.whole is not None
            kwargs[body.whole.name], media = raw_argument(content, body.media_type)
            return ExpectedBody("binary", media, content)
        # neither a form nor a multipart body can carry a null field or an empty array
        value = factory.value(schema, "body", nonempty=body.encoding in ("form", "multipart"))
        if body.encoding == "text" and not isinstance(value, str):  # the method takes a str
            value = f"{self.method.name} text"
        value = with_nulls(self.checker, schema, value, nulls)
        if body.whole is not None:
            files = self._whole_files(schema, value) if body.encoding == "multipart" else set()
            kwargs[body.whole.name] = self._rich(value, body.whole.type, rich)
            return ExpectedBody(body.encoding, body.media_type, value, frozenset(files))
        if not isinstance(value, dict):
            raise ContractFailure(
                f"{self.method.key}: body schema gave {value!r}, not an object", pointer
            )
        for wire, _ in body.withheld:  # properties the method decides itself
            value.pop(wire, None)
        if not value and not body.fixed and not body.required:
            return None  # an optional body whose fields are all left out is not sent
        expected = self._fields(
            body.fields, body.encoding, body.media_type, value, kwargs, rich, pointer
        )
        value.update(body.fixed)
        return expected

    def _whole_files(self, schema: Any, value: Any) -> set[str]:
        """The binary properties of a multipart body given whole (a union of models), given
        file bytes: they must arrive as file parts."""
        if not isinstance(value, dict):
            return set()
        fields = field_schemas(self.document, schema)
        files = {
            wire
            for wire, item in value.items()
            if item is not None and is_binary(self.document, fields.get(wire, {}))
        }
        for wire in files:
            count = len(value[wire]) if isinstance(value[wire], list) else None
            contents = [_file_content(f"{wire}{i}") for i in range(count or 1)]
            value[wire] = contents[0] if count is None else contents
        return files

    def _fields(
        self,
        fields: tuple[Argument, ...],
        encoding: str,
        media_type: str,
        value: dict[str, Any],
        kwargs: dict[str, Any],
        rich: bool,
        pointer: str,
    ) -> ExpectedBody:
        """One keyword argument per body property (the spec's name -> the method's name)."""
        by_wire = {field.wire: field for field in fields}
        files = set()
        for wire, item in list(value.items()):
            field = by_wire.get(wire)
            where = jsonpointer.join(pointer, "properties", wire)
            if field is None:
                raise ContractFailure(
                    f"{self.method.key}: the spec's body property {wire!r} has no keyword "
                    f"argument in the generated method (arguments: {sorted(by_wire)})",
                    where,
                )
            if item is None and not field.type.accepts_none:
                raise ContractFailure(
                    f"{self.method.key}: the spec allows null for {wire!r}, but the argument "
                    f"{field.name} is annotated {' | '.join(field.type.inputs)}, "
                    "which excludes None",
                    where,
                )
            if field.is_file:
                count = len(item) if isinstance(item, list) else None
                contents = [_file_content(f"{wire}{i}") for i in range(count or 1)]
                given: list[Any] = [
                    (f"{wire}{i}.bin", c, "application/octet-stream") if rich else c
                    for i, c in enumerate(contents)
                ]
                value[wire] = contents[0] if count is None else contents
                kwargs[field.name] = given[0] if count is None else given
                files.add(wire)
            else:
                kwargs[field.name] = self._rich(item, field.type, rich)
        return ExpectedBody(encoding, media_type, value, frozenset(files))

    def _rich(self, value: Any, type_: Annotation, rich: bool) -> Any:
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

    def _model(self, value: dict[str, Any], type_: Annotation) -> Any:
        """An instance of the first declared model whose spec schema `value` satisfies.

        Built the way users write it, with the Python field names as keyword arguments
        (`VoiceDetectionOptions(end_of_speech_sensitivity=0.5)`); the client must send it under
        the API's names all the same.
        """
        text = " | ".join(type_.inputs)
        for name in sorted(type_.models, key=text.find):
            schema = self.model_schemas.get(name)
            if schema is not None and self._accepts(schema, value):
                model = self._model_class(getattr(self.types, name), value)
                if model is None or not _required_fields(model) <= value.keys():
                    continue  # a model needing what only the API gives (its read-only fields)
                by_alias = {f.alias or n: n for n, f in model.model_fields.items()}
                try:
                    return model(**{by_alias.get(key, key): item for key, item in value.items()})
                except pydantic.ValidationError as error:
                    if any(e["type"] != "missing" for e in error.errors()):
                        raise
                    continue  # a nested model needs read-only fields: sent as a plain dict
        return None

    def _model_class(self, declared: Any, value: dict[str, Any]) -> Any:
        """The model class to build `value` as: `declared` itself, or, for an alias
        (`TypeAliasType`, `Annotated`, a union), the first class it stands for whose own
        schema `value` satisfies."""
        if isinstance(declared, type) and hasattr(declared, "model_fields"):
            return declared
        inner = getattr(declared, "__value__", None)
        if inner is not None:
            return self._model_class(inner, value)
        members = typing.get_args(declared)
        if typing.get_origin(declared) is typing.Annotated:
            members = members[:1]
        for member in members:
            schema = self.model_schemas.get(getattr(member, "__name__", ""))
            if len(members) == 1 or schema is None or self._accepts(schema, value):
                found = self._model_class(member, value)
                if found is not None:
                    return found
        return None

    def _accepts(self, schema: Any, value: Any) -> bool:
        return self.checker.toward("request").is_valid(schema, value)


def _required_fields(model: Any) -> set[str]:
    fields = model.model_fields.items()
    return {field.alias or name for name, field in fields if field.is_required()}


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
