"""The IR as the resource template prints it: one view per generated method and per module.

A method's shape (signature, return type, docstring, the request it makes) is decided here, in
Python, once; `templates/package/src/resources/` only lays the lines out. Every line is `Safe`:
built from names and annotations we made, with spec text passed through an escaper.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from . import strings
from .ir import Operation, ParameterLocation, RequestBody, Resource, TypeRef
from .strings import Safe, SpecText
from .vocabulary import NON_IDEMPOTENT_METHODS, PER_CALL_OPTIONS

_DEFAULT_DOC = SpecText("Call the operation.")
_DEPRECATED = SpecText("Deprecated: the API marks this operation as deprecated.")
_LOCATIONS: tuple[tuple[ParameterLocation, str], ...] = (("query", "query"), ("header", "headers"))
_PLACEHOLDER = re.compile(r"(\{[^{}/]+\})")
# One character that is not a path character or the start of a %XX escape.
_UNSAFE_PATH_TEXT = re.compile(r"%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]")


@dataclass(frozen=True)
class MethodView:
    """One resource method, sync or async: `def name(self, <parameters>) -> returns`."""

    name: Safe
    asynchronous: bool
    parameters: tuple[Safe, ...]
    returns: Safe
    docstring: Safe
    call: Safe
    arguments: tuple[Safe, ...]
    options: tuple[Safe, ...]

    @property
    def option_parameters(self) -> tuple[Safe, ...]:
        """The per-call options' parameter lines, after the operation's own."""
        return tuple(Safe(f"{name}: {PER_CALL_OPTIONS[name]},") for name in self.options)

    @property
    def coroutine(self) -> bool:
        """`async def` awaiting its request; an async paginated method instead returns a
        paginator at once, to be awaited or iterated."""
        return self.asynchronous and self.call == "_request"


@dataclass(frozen=True)
class ResourceView:
    """A resource module: its imports and both flavours of every method."""

    resource: Resource
    model_imports: tuple[Safe, ...]
    stdlib_imports: tuple[Safe, ...]
    sync_methods: tuple[MethodView, ...]
    async_methods: tuple[MethodView, ...]


def resource_view(resource: Resource) -> ResourceView:
    types = [type_ for operation in resource.operations for type_ in _types_of(operation)]
    return ResourceView(
        resource=resource,
        model_imports=tuple(Safe(name) for name in sorted(_union(t.models for t in types))),
        stdlib_imports=_stdlib_imports(_union(t.imports for t in types)),
        sync_methods=tuple(method_view(op, asynchronous=False) for op in resource.operations),
        async_methods=tuple(method_view(op, asynchronous=True) for op in resource.operations),
    )


def method_view(operation: Operation, *, asynchronous: bool) -> MethodView:
    return MethodView(
        name=operation.name,
        asynchronous=asynchronous,
        parameters=_signature(operation),
        returns=_return_type(operation, asynchronous),
        docstring=_docstring(operation),
        call=Safe("_request" if operation.pagination is None else "_request_page"),
        arguments=_request_arguments(operation, asynchronous),
        options=tuple(
            Safe(name)
            for name in PER_CALL_OPTIONS
            if name != "idempotent" or operation.http_method in NON_IDEMPOTENT_METHODS
        ),
    )


def _signature(operation: Operation) -> tuple[Safe, ...]:
    """The parameter lines (without `self` and the per-call options)."""
    lines = [Safe(f"{p.name}: {p.type.input},") for p in operation.path_parameters]
    lines.append(Safe("*,"))
    keyword = [p for p in operation.parameters if p.location != "path"]
    arguments = [*keyword, *(operation.body.arguments if operation.body else ())]
    for argument in arguments:
        annotation = argument.type.input
        if argument.required:
            lines.append(Safe(f"{argument.name}: {annotation},"))
        else:
            lines.append(Safe(f"{argument.name}: {annotation} | NotGiven = NOT_GIVEN,"))
    return tuple(lines)


def _request_arguments(operation: Operation, asynchronous: bool) -> tuple[Safe, ...]:
    """The arguments passed to `_request`/`_request_page`, one per line."""
    lines = [
        Safe(f"{strings.string_literal(operation.http_method)},"),
        Safe(f"{strings.string_literal(request_path(operation.path.unsafe_value))},"),
    ]
    path = operation.path_parameters
    if path:
        lines.append(_mapping("path_params", [(p.wire_name, p.name) for p in path]))
    for location, argument in _LOCATIONS:
        located = operation.located(location)
        if located:
            lines.append(_mapping(argument, [(p.wire_name, p.name) for p in located]))
    if operation.body is not None:
        lines += _body_arguments(operation.body)
    if operation.pagination is None:
        lines.append(Safe(f"cast_to={_cast_to(operation, asynchronous)},"))
    else:
        pagination = operation.pagination
        lines.append(Safe(f"item_type={pagination.item_type.output},"))
        lines.append(
            Safe(
                "pagination=PageNumberPagination("
                f"page_param={strings.string_literal(pagination.page_param)}, "
                f"items_field={strings.string_literal(pagination.items_field)}, "
                f"current_page={_path_tuple(pagination.current_page)}, "
                f"last_page={_path_tuple(pagination.last_page)}),"
            )
        )
    if operation.errors:
        entries = ", ".join(f"{error.status}: {error.type.output}" for error in operation.errors)
        lines.append(Safe(f"error_types={{{entries}}},"))
    return tuple(lines)


def request_path(template: str) -> str:
    """The spec's path template as a URI path: literal text outside RFC 3986's path characters
    (quotes, spaces, backslashes) percent-encoded, `{placeholders}` and `%XX` kept as written."""
    return "".join(
        piece if _PLACEHOLDER.fullmatch(piece) else _UNSAFE_PATH_TEXT.sub(_escape, piece)
        for piece in _PLACEHOLDER.split(template)
        if piece
    )


def _escape(match: re.Match[str]) -> str:
    return quote(match.group(), safe="")


def _body_arguments(body: RequestBody) -> list[Safe]:
    """How the body travels: JSON, multipart (`form` + `files`), urlencoded or raw bytes."""
    if body.encoding == "binary" and body.whole is not None:
        media = strings.string_literal(body.media_type)
        return [Safe(f"content={body.whole.name},"), Safe(f"content_type={media},")]
    if body.whole is not None:
        return [Safe(f"json={body.whole.name},")]
    pairs = [(f.wire_name, f.name) for f in body.fields if not f.is_file]
    if body.encoding == "form":
        return [_mapping("urlencoded", pairs)]
    if body.encoding == "multipart":
        files = [(f.wire_name, f.name) for f in body.fields if f.is_file]
        return [
            _mapping(name, items) for name, items in (("form", pairs), ("files", files)) if items
        ]
    return [_mapping("json", pairs)]


def _mapping(argument: str, pairs: list[tuple[SpecText, Safe]]) -> Safe:
    entries = ", ".join(f"{strings.string_literal(wire)}: {name}" for wire, name in pairs)
    return Safe(f"{argument}={{{entries}}},")


def _path_tuple(parts: tuple[SpecText, ...]) -> str:
    literals = [strings.string_literal(part) for part in parts]
    return f"({literals[0]},)" if len(literals) == 1 else f"({', '.join(literals)})"


def _binary_type(asynchronous: bool) -> Safe:
    return Safe("AsyncBinaryResponse" if asynchronous else "BinaryResponse")


def _cast_to(operation: Operation, asynchronous: bool) -> Safe:
    response = operation.response
    if response.kind == "none":
        return Safe("None")
    if response.kind == "binary":
        return _binary_type(asynchronous)
    assert response.type is not None
    return response.type.output


def _return_type(operation: Operation, asynchronous: bool) -> Safe:
    if operation.pagination is not None:
        kind = "AsyncPaginator" if asynchronous else "SyncPage"
        return Safe(f"{kind}[{operation.pagination.item_type.output}]")
    return _cast_to(operation, asynchronous)


def _docstring(operation: Operation) -> Safe:
    paragraphs = [text for text in (operation.summary, operation.description) if text]
    if operation.deprecated:
        paragraphs.append(_DEPRECATED)
    arguments = [*operation.parameters, *(operation.body.arguments if operation.body else ())]
    items = [(a.name, a.description) for a in arguments if a.description]
    return strings.docstring_sections(paragraphs or [_DEFAULT_DOC], items, indent=8)


def _types_of(operation: Operation) -> list[TypeRef]:
    types = [p.type for p in operation.parameters]
    if operation.body:
        types += [argument.type for argument in operation.body.arguments]
    if operation.response.type:
        types.append(operation.response.type)
    if operation.pagination:
        types.append(operation.pagination.item_type)
    types += [error.type for error in operation.errors]
    return types


def _union(sets: Iterable[frozenset[str]]) -> set[str]:
    return set().union(*sets)


def _stdlib_imports(names: set[str]) -> tuple[Safe, ...]:
    lines = []
    dates = sorted(names & {"date", "datetime"})
    if dates:
        lines.append(Safe("from datetime import " + ", ".join(dates)))
    if "UUID" in names:
        lines.append(Safe("from uuid import UUID"))
    return tuple(lines)
