"""What a generated package offers its users, read from the generator's IR in one place.

The harness calls methods and judges their results; it needs each method's name, arguments
(Python name, wire name, where it goes, the annotation it accepts), body form, declared return
and error types, and paging. This is the only module that reads `generator.ir`, so a change to
the IR is adapted here and nowhere else in the harness.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..ir import (
    Api,
    BodyField,
    Operation,
    Pagination,
    Parameter,
    RequestBody,
    Resource,
    TypeRef,
)
from ..strings import SpecText

Location = Literal["path", "query", "header", "cookie", "body"]


@dataclass(frozen=True)
class Annotation:
    """A declared Python type, as the annotation text of both flavours."""

    output: str  # what results hold: `Persona | None`
    inputs: tuple[str, ...]  # union members callers may pass: `PersonaParam`, `Mapping[...]`
    models: frozenset[str]  # model classes it names

    @classmethod
    def of(cls, type_: TypeRef) -> Annotation:
        return cls(str(type_.output), tuple(map(str, type_.inputs)), type_.models)

    @property
    def accepts_none(self) -> bool:
        return any(member in ("None", "Any", "object") for member in self.inputs)


@dataclass(frozen=True)
class Argument:
    name: str  # the Python parameter name
    wire: str  # the name on the wire, as the spec spells it
    location: Location
    type: Annotation
    required: bool
    is_file: bool = False
    # A required parameter's value in the signature (`has_default`), sent when none is passed.
    has_default: bool = False
    default: Any = None


@dataclass(frozen=True)
class BodyForm:
    encoding: str  # json | multipart | form | binary | text
    media_type: str
    required: bool  # the spec's `requestBody.required`
    fields: tuple[Argument, ...]  # one keyword argument per property
    whole: Argument | None  # or the whole body as one argument
    # Properties without an argument, each with the value the method sends (absent: none).
    withheld: tuple[tuple[str, Any], ...] = ()

    @property
    def fixed(self) -> dict[str, Any]:
        """The withheld properties the method sends all the same, with their values."""
        return {wire: sent for wire, sent in self.withheld if sent is not NOT_SENT}


@dataclass(frozen=True)
class Returns:
    kind: str  # model | none | binary | text | events | lines
    status: str
    annotation: str | None
    media_type: str | None
    # Where the success statuses declare different bodies: each status's annotation.
    status_types: tuple[tuple[int, str], ...] = ()

    def annotation_for(self, status: int) -> str | None:
        return dict(self.status_types).get(status, self.annotation)


@dataclass(frozen=True)
class Paging:
    """How a list method pages (`ir.Pagination`, as plain text)."""

    item_annotation: str
    style: str
    page_param: str | None
    items_path: tuple[str, ...]  # empty: the body is the item list
    current_page: tuple[str, ...]
    last_page: tuple[str, ...]
    total: tuple[str, ...]
    has_more: tuple[str, ...]
    next: tuple[str, ...]
    item_cursor: str | None
    done: tuple[str, ...] = ()  # true on the last page
    first_page: int = 1  # the number of the page asked for without a page number


@dataclass(frozen=True)
class Method:
    """One callable of a resource: `client.<resource>.<name>(...)`."""

    key: str  # the operation it calls: `GET /v1/avatars/{id}`
    resource: str  # the client's attribute
    name: str
    module: str  # where its annotations mean something: `resources.<module>`
    http_method: str  # lower case
    path: str  # the spec's path key
    parameters: tuple[Argument, ...]
    body: BodyForm | None
    returns: Returns
    errors: tuple[tuple[str, str], ...]  # (status label, annotation)
    paging: Paging | None
    # A second method of the operation, which takes its own method's parameters and replies:
    # its events twin (`<name>_stream`, the same request with the flag it sends and the
    # `Accept` it asks for the reply with) or an alternative body's (`<name>_<suffix>`, the
    # body in another media type).
    second: Literal["events", "body"] | None = None

    @property
    def label(self) -> str:
        return f"{self.resource}.{self.name}"

    @property
    def path_parameters(self) -> tuple[Argument, ...]:
        return tuple(p for p in self.parameters if p.location == "path")


@dataclass(frozen=True)
class Surface:
    package: str
    client_class: str
    base_url: str  # where the client sends requests by default
    authenticated: bool  # the client takes an API key
    credentials: tuple[str, ...]  # the names of every credential the client takes
    methods: tuple[Method, ...]
    model_pointers: dict[str, str]  # schema pointer -> model class
    held_headers: dict[str, str]  # a header the client holds -> the argument giving it

    def method(self, key: str, label: str | None = None) -> Method:
        for method in self.methods:
            if method.key == key and (label is None or method.label == label):
                return method
        raise LookupError(f"the generated package has no method for {key}")


def surface(api: Api) -> Surface:
    config = api.config
    return Surface(
        package=config.package,
        client_class=config.client_class,
        base_url=config.base_url or api.base_url.unsafe_value,
        authenticated=api.auth.kind is not None,
        credentials=tuple(
            dict.fromkeys(name for scheme in api.schemes for name in scheme.credentials)
        ),
        methods=tuple(
            method
            for resource in api.resources
            for op in resource.operations
            for method in _methods(resource, op)
        ),
        model_pointers=dict(api.models.pointers),
        held_headers={
            header.wire_name.unsafe_value: str(header.argument) for header in api.held_headers
        },
    )


def _methods(resource: Resource, op: Operation) -> list[Method]:
    """The operation's own method, one per alternative body, and its events twin."""
    methods = [_method(resource, op, op.body)]
    for body in op.alternatives:
        assert body.method is not None  # named with the operation's methods
        alternative = _method(resource, op, body)
        methods.append(replace(alternative, name=str(body.method), second="body"))
    if op.events is not None:
        methods.append(replace(_method(resource, op.events, op.events.body), second="events"))
    return methods


def _method(resource: Resource, op: Operation, body: RequestBody | None) -> Method:
    return Method(
        key=op.key,
        resource=str(resource.name),
        name=str(op.name),
        module=f"resources.{resource.module}",
        http_method=str(op.http_method),
        path=op.path.unsafe_value,
        parameters=tuple(_parameter(p) for p in op.parameters),
        body=None
        if body is None
        else BodyForm(
            encoding=body.encoding,
            media_type=body.media_type.unsafe_value,
            required=body.required,
            fields=tuple(_field(f) for f in body.fields),
            whole=None if body.whole is None else _field(body.whole),
            withheld=_withheld(body),
        ),
        returns=Returns(
            kind=op.response.kind,
            status=str(op.response.status),
            annotation=None if op.response.type is None else str(op.response.type.output),
            media_type=None
            if op.response.media_type is None
            else op.response.media_type.unsafe_value,
            status_types=tuple((int(s), str(t.output)) for s, t in op.response.status_types),
        ),
        errors=tuple((str(e.status).strip("'\""), str(e.type.output)) for e in op.errors),
        paging=None if op.pagination is None else _paging(op.pagination),
    )


def _withheld(body: RequestBody) -> tuple[tuple[str, Any], ...]:
    fixed = {wire.unsafe_value: ast.literal_eval(str(value)) for wire, value in body.fixed}
    return tuple(
        (wire.unsafe_value, fixed.get(wire.unsafe_value, NOT_SENT)) for wire in body.withheld
    )


NOT_SENT = object()  # a withheld property the method does not send


def _paging(pagination: Pagination) -> Paging:
    def text(value: SpecText | None) -> str | None:
        return None if value is None else value.unsafe_value

    def path(parts: tuple[SpecText, ...]) -> tuple[str, ...]:
        return tuple(part.unsafe_value for part in parts)

    return Paging(
        item_annotation=str(pagination.item_type.output),
        style=pagination.style,
        page_param=text(pagination.page_param),
        items_path=path(pagination.items_path),
        current_page=path(pagination.current_page),
        last_page=path(pagination.last_page),
        total=path(pagination.total),
        has_more=path(pagination.has_more),
        next=path(pagination.next),
        item_cursor=text(pagination.item_cursor),
        done=path(pagination.done),
        first_page=pagination.first_page,
    )


def _parameter(parameter: Parameter) -> Argument:
    return Argument(
        name=str(parameter.name),
        wire=parameter.wire_name.unsafe_value,
        location=parameter.location,
        type=Annotation.of(parameter.type),
        required=parameter.required,
        has_default=parameter.default is not None,
        default=None if parameter.default is None else ast.literal_eval(str(parameter.default)),
    )


def _field(field: BodyField) -> Argument:
    return Argument(
        name=str(field.name),
        wire=field.wire_name.unsafe_value,
        location="body",
        type=Annotation.of(field.type),
        required=field.required,
        is_file=field.is_file,
    )
