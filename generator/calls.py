"""The call a generated method makes to the runtime: `self._request(<arguments>)`, spelt.

Parameters travel as mappings from wire names to arguments (`query={"perPage": per_page}`);
one the spec serializes unlike its location's default is wrapped for the runtime to follow:
`Styled(created, "deepObject")`, `WithContentType(filter, "application/json")`. The body goes
as its encoding says: `json=`, `urlencoded=`, multipart `form=`/`files=`, or `content=` for text
and raw bytes, with `content_type=` where the media type is not the encoding's usual one.
"""

from __future__ import annotations

from . import strings
from .answers import is_redirect_status
from .ir import (
    Argument,
    BodyField,
    Operation,
    Pagination,
    ParameterLocation,
    RequestBody,
    Security,
    Serialization,
    TypeRef,
)
from .media import is_json
from .strings import Safe, SpecText

_LOCATIONS: tuple[tuple[ParameterLocation, str], ...] = (
    ("query", "query"),
    ("header", "headers"),
    ("cookie", "cookies"),
)
_PLAIN_JSON = "application/json"


def request_arguments(
    operation: Operation, body: RequestBody | None, asynchronous: bool
) -> tuple[Safe, ...]:
    """The arguments passed to `_request`/`_request_page`, one per line."""
    lines = [
        Safe(f"{strings.string_literal(operation.http_method)},"),
        Safe(f"{strings.string_literal(operation.request_path or operation.path)},"),
    ]
    path = operation.path_parameters
    if path:
        lines.append(_mapping("path_params", [(p.wire_name, _value(p)) for p in path]))
    for location, argument in _LOCATIONS:
        pairs = [(p.wire_name, _value(p)) for p in operation.located(location)]
        if location == "query":
            pairs = _fixed_query(operation) + pairs
        if location == "header":
            pairs += _accept(operation)
        if pairs:
            lines.append(_mapping(argument, pairs))
    if body is not None:
        lines += _body_arguments(body)
    if operation.server is not None:
        lines.append(Safe(f"server={strings.string_literal(operation.server)},"))
    key = operation.idempotency_header
    if key is not None and operation.pagination is None and not operation.idempotent:
        lines.append(Safe(f"idempotency_header={strings.string_literal(key.wire_name)},"))
    if operation.security is not None:
        lines.append(Safe(f"security={security_literal(operation.security)},"))
    if operation.pagination is None:
        lines += _reply_arguments(operation, asynchronous)
    else:
        lines += _pagination_arguments(operation)
    if operation.errors:
        entries = ", ".join(f"{error.status}: {error.type.output}" for error in operation.errors)
        lines.append(Safe(f"error_types={{{entries}}},"))
    return tuple(lines)


def _reply_arguments(operation: Operation, asynchronous: bool) -> list[Safe]:
    """What the reply is read into: its type, and where it depends on the reply, how."""
    response = operation.response
    lines = [Safe(f"cast_to={_cast_to(operation, asynchronous)},")]
    if is_redirect_status(response.status):
        lines.append(Safe(f"answer_status={int(response.status)},"))
    if response.event_types:
        lines.append(_event_types(response.event_types))
    if response.status_types:
        lines.append(_status_types(response.status_types))
    return lines


def _event_types(named: tuple[tuple[SpecText, TypeRef], ...]) -> Safe:
    entries = ", ".join(f"{strings.string_literal(name)}: {type_.output}" for name, type_ in named)
    return Safe(f"event_types={{{entries}}},")


def _status_types(typed: tuple[tuple[str, TypeRef], ...]) -> Safe:
    entries = ", ".join(f"{int(status)}: {type_.output}" for status, type_ in typed)
    return Safe(f"status_types={{{entries}}},")


def _value(argument: Argument) -> Safe:
    """The argument as the runtime takes it: bare, or wrapped with how it is written."""
    many = isinstance(argument, BodyField) and argument.file_array
    name = Safe(f"FileArray({argument.name})") if many else argument.name
    return _wrapped(name, argument.serialization)


def _wrapped(name: Safe, how: Serialization | None) -> Safe:
    if how is None:
        return name
    if how.content_type is not None:
        return Safe(f"WithContentType({name}, {strings.string_literal(how.content_type)})")
    options: list[str] = [strings.string_literal(how.style or "form")]
    if how.explode is not None:
        options.append(f"explode={how.explode}")
    if how.allow_reserved:
        options.append("allow_reserved=True")
    return Safe(f"Styled({name}, {', '.join(options)})")


def security_literal(security: Security) -> Safe:
    """OpenAPI's alternatives of scheme names as a tuple of tuples: `(("token",), ())`."""
    alternatives = [_tuple([strings.string_literal(name) for name in names]) for names in security]
    return Safe(_tuple(alternatives))


def _tuple(items: list[Safe] | list[str]) -> str:
    return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"


def _fixed_query(operation: Operation) -> list[tuple[SpecText, Safe]]:
    """The query a `?` in the path key gives every call (unless a parameter of that name does)."""
    declared = {p.wire_name.unsafe_value for p in operation.located("query")}
    values: dict[str, list[SpecText]] = {}
    for name, value in operation.fixed_query:
        if name.unsafe_value not in declared:
            values.setdefault(name.unsafe_value, []).append(value)
    return [
        (
            SpecText(name),
            strings.string_literal(texts[0])
            if len(texts) == 1
            else Safe(f"[{', '.join(strings.string_literal(text) for text in texts)}]"),
        )
        for name, texts in values.items()
    ]


def _accept(operation: Operation) -> list[tuple[SpecText, Safe]]:
    """An `Accept` header naming the reply's media type, where it is not JSON (the default)."""
    media = operation.response.media_type
    if media is None or is_json(media.unsafe_value):
        return []
    if any(p.wire_name.unsafe_value.lower() == "accept" for p in operation.located("header")):
        return []
    return [(SpecText("Accept"), strings.string_literal(media))]


def _body_arguments(body: RequestBody) -> list[Safe]:
    """How the body travels: JSON, multipart (`form` + `files`), urlencoded or raw content."""
    if body.encoding in ("text", "binary") and body.whole is not None:
        return [Safe(f"content={body.whole.name},"), *_content_type(body)]
    if body.encoding == "multipart":
        lines = _multipart(body)
    elif body.encoding == "form":
        lines = _fields("urlencoded", body)
    else:
        lines = _fields("json", body)
        if body.media_type.unsafe_value.split(";")[0].strip().lower() != _PLAIN_JSON:
            lines.append(Safe(f"content_type={strings.string_literal(body.media_type)},"))
    if body.whole is None and not body.required:
        lines.append(Safe("omit_empty_body=True,"))
        defaults = [
            (f.wire_name, _wrapped(f.fill_in, f.serialization)) for f in body.fields if f.fill_in
        ]
        if defaults:
            lines.append(_mapping("body_defaults", defaults))
    return lines


def _fields(argument: str, body: RequestBody) -> list[Safe]:
    if body.whole is not None:
        return [Safe(f"{argument}={body.whole.name},")]
    pairs = [(f.wire_name, _value(f)) for f in body.fields]
    return [_mapping(argument, [*pairs, *body.fixed])]


def _multipart(body: RequestBody) -> list[Safe]:
    if body.whole is not None:
        return [Safe(f"form={body.whole.name},")]
    fields = [(f.wire_name, _value(f)) for f in body.fields if not f.is_file]
    files = [(f.wire_name, _value(f)) for f in body.fields if f.is_file]
    return [_mapping(name, items) for name, items in (("form", fields), ("files", files)) if items]


def _content_type(body: RequestBody) -> list[Safe]:
    choices = body.content_types
    if len(choices) > 1:
        return [Safe("content_type=content_type,")]
    if choices:
        return [Safe(f"content_type={strings.string_literal(choices[0])},")]
    return []


def _mapping(argument: str, pairs: list[tuple[SpecText, Safe]]) -> Safe:
    entries = ", ".join(f"{strings.string_literal(wire)}: {value}" for wire, value in pairs)
    return Safe(f"{argument}={{{entries}}},")


def _pagination_arguments(operation: Operation) -> list[Safe]:
    pagination = operation.pagination
    assert pagination is not None
    return [
        Safe(f"item_type={pagination.item_type.output},"),
        Safe(f"pagination={pagination_literal(pagination)},"),
    ]


_STRATEGIES = {
    "page": "PageNumberPagination",
    "offset": "OffsetPagination",
    "cursor": "CursorPagination",
    "next_link": "NextLinkPagination",
    "link_header": "LinkHeaderPagination",
}


_NEXT_FIELDS = {"cursor": "next_cursor", "page": "next_page"}


def pagination_literal(pagination: Pagination) -> Safe:
    """The runtime strategy for the operation, e.g. `OffsetPagination(offset_param="offset",
    items_field="items", total=("total",))`, naming only the fields the API has."""
    param_name = {"page": "page_param", "offset": "offset_param", "cursor": "cursor_param"}
    arguments: list[str] = []
    if pagination.page_param is not None and pagination.style in param_name:
        literal = strings.string_literal(pagination.page_param)
        arguments.append(f"{param_name[pagination.style]}={literal}")
    items = pagination.items_path
    one = len(items) == 1
    arguments.append(
        f"items_field={strings.string_literal(items[0]) if one else _path_tuple(items)}"
    )
    paths = {
        "current_page": pagination.current_page,
        "last_page": pagination.last_page,
        "total": pagination.total,
        "has_more": pagination.has_more,
        "done": pagination.done,
        _NEXT_FIELDS.get(pagination.style, "next_link"): pagination.next,
    }
    arguments += [f"{name}={_path_tuple(path)}" for name, path in paths.items() if path]
    if pagination.item_cursor is not None:
        arguments.append(f"item_cursor={strings.string_literal(pagination.item_cursor)}")
    if pagination.first_page != 1:
        arguments.append(f"first_page={pagination.first_page:d}")
    return Safe(f"{_STRATEGIES[pagination.style]}({', '.join(arguments)})")


def _path_tuple(parts: tuple[SpecText, ...]) -> str:
    literals = [strings.string_literal(part) for part in parts]
    return f"({literals[0]},)" if len(literals) == 1 else f"({', '.join(literals)})"


def _cast_to(operation: Operation, asynchronous: bool) -> Safe:
    response = operation.response
    if response.kind == "none":
        return Safe("None")
    if response.kind == "binary":
        return Safe("AsyncBinaryResponse" if asynchronous else "BinaryResponse")
    assert response.type is not None
    if response.kind == "events":
        return Safe(f"{'AsyncStream' if asynchronous else 'Stream'}[{response.type.output}]")
    if response.kind == "lines":
        kind = "AsyncJSONLinesStream" if asynchronous else "JSONLinesStream"
        return Safe(f"{kind}[{response.type.output}]")
    return response.type.output


def return_type(operation: Operation, asynchronous: bool) -> Safe:
    if operation.pagination is not None:
        kind = "AsyncPaginator" if asynchronous else "SyncPage"
        return Safe(f"{kind}[{operation.pagination.item_type.output}]")
    return _cast_to(operation, asynchronous)
