"""Which list operations page, in which style, detected from the spec's shape.

A false positive changes a method's return type, so detection is strict: an operation pages only
when it is a GET, takes the style's paging parameter in its query, and its success body holds
both an array of items and the field that says where the next page is:

- page: `?page=` with the current and last page numbers (Anam: `meta.currentPage`/`lastPage`);
- offset: `?offset=` with a `total`, a `more`/`has_more` flag or a `next` link;
- cursor: `?cursor=` (`after`, `starting_after`, `page_token`, ...) with the next cursor in the
  body (`next_cursor`, `nextPageToken`, ...), or `has_more` and items with an `id` (Stripe);
- next_link: a `next` URL (`links.next`, `_links.next.href`) and a page-size or paging parameter.

A spec that declares how an operation pages (AutoRest's `x-ms-pageable`: the items under
`itemName`, `value` by default, the next page at the URL under `nextLinkName`, no paging when
that is null) is taken at its word instead of detected; `normalize/pageable.py` has dropped the
declarations a client cannot honour.

The API config has the final say: its field names replace the ones looked for, `style` limits
detection to one style, `include` forces pagination and `exclude` forbids it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .annotate import Annotator
from .config import PaginationConfig, PagingStyle
from .ir import Pagination, Parameter, Response
from .refs import component_name
from .strings import SpecText

STYLES: tuple[PagingStyle, ...] = ("page", "offset", "cursor", "next_link")
DECLARATION = "x-ms-pageable"
_ITEMS = ("data", "items", "results")
_OFFSET_PARAMS = ("offset",)
_CURSOR_PARAMS = (
    "cursor",
    "after",
    "starting_after",
    "page_token",
    "pageToken",
    "next_token",
    "nextToken",
)
_NEXT_CURSORS = (
    "next_cursor",
    "nextCursor",
    "next_page_token",
    "nextPageToken",
    "next_token",
    "nextToken",
    "cursor",
    "meta.next_cursor",
    "response_metadata.next_cursor",
    "page.endCursor",
    "pageInfo.endCursor",
    "paging.next.after",
)
_NEXT_LINKS = ("next", "links.next", "_links.next.href", "meta.next_page_url")
_TOTALS = ("total", "total_count", "totalCount")
_MORE_FLAGS = ("has_more", "hasMore", "more", "page.hasNextPage", "pageInfo.hasNextPage")
# With only a next link, one of these in the query shows the operation is a paged list.
_LINK_PARAMS = (
    "limit",
    "per_page",
    "perPage",
    "page_size",
    "pageSize",
    "PageSize",
    "page",
    "offset",
    *_CURSOR_PARAMS,
)
_ITEM_CURSOR = "id"  # with `has_more` alone, the last item's id is the next cursor (Stripe)


@dataclass(frozen=True)
class _Shape:
    """The operation's query parameters and success body, with `$ref`s followed on demand."""

    query: frozenset[str]
    body: Any
    annotator: Annotator

    def field(self, path: str, accepts: Callable[[Any], bool] = lambda _: True) -> Any:
        node = self.body
        for part in path.split("."):
            node = _property(node, part, self.annotator)
            if node is None:
                return None
        return node if accepts(node) else None

    def first(self, paths: Iterable[str], accepts: Callable[[Any], bool]) -> str | None:
        return next((path for path in paths if self.field(path, accepts) is not None), None)

    def param(self, names: Iterable[str]) -> str | None:
        return next((name for name in names if name in self.query), None)


def detect_pagination(
    config: PaginationConfig,
    key: str,
    operation: dict[str, Any],
    parameters: tuple[Parameter, ...],
    response: Response,
    body: dict[str, Any],
    annotator: Annotator,
) -> Pagination | None:
    names = {key, str(operation.get("operationId") or "")}
    if names & set(config.exclude) or response.kind != "model":
        return None
    shape = _Shape(
        frozenset(p.wire_name.unsafe_value for p in parameters if p.location == "query"),
        body,
        annotator,
    )
    declared = operation.get(DECLARATION)
    if isinstance(declared, dict) and not names & set(config.include):
        return _declared(declared, shape)
    listed = _listed(config, shape)
    if listed is not None and key.startswith("GET "):
        for style in (config.style,) if config.style else STYLES:
            found = _DETECTORS[style](config, shape, listed)
            if found is not None:
                return found
    if names & set(config.include):
        return _forced(config, shape, listed)
    return None


def _declared(declared: dict[str, Any], shape: _Shape) -> Pagination | None:
    """The next-link paging the spec declares: the names are single fields, taken as written
    (Azure's `@odata.nextLink` holds a dot), and both must be in the body's schema."""
    link, items_field = declared.get("nextLinkName"), declared.get("itemName", "value")
    if not isinstance(link, str) or not isinstance(items_field, str):
        return None
    items = _property(shape.body, items_field, shape.annotator)
    if not _is_array(items) or not _is_string(_property(shape.body, link, shape.annotator)):
        return None
    return Pagination(
        item_type=shape.annotator.annotate(items.get("items")),
        items_field=SpecText(items_field),
        style="next_link",
        next=(SpecText(link),),
    )


def _listed(config: PaginationConfig, shape: _Shape) -> Pagination | None:
    """What every style shares, which each detector completes: the items array (the configured
    field, else a usual name, else the body's only array) and their type."""
    if config.items_field is not None:
        candidates: tuple[str, ...] = (config.items_field,)
    else:
        arrays = [name for name, schema in _properties(shape) if _is_array(schema)]
        candidates = (*_ITEMS, *arrays) if len(arrays) == 1 else _ITEMS
    name = shape.first(candidates, _is_array)
    if name is None or "." in name:
        return None
    items = shape.field(name)
    return Pagination(
        item_type=shape.annotator.annotate(items.get("items")),
        items_field=SpecText(name),
        style="page",
    )


def _page(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    if shape.param((config.page_param,)) is None:
        return None
    if shape.field(config.current_page) is None or shape.field(config.last_page) is None:
        return None
    return _with(
        items, "page", config.page_param, current=config.current_page, last=config.last_page
    )


def _offset(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    param = shape.param(_names(config.offset_param, _OFFSET_PARAMS))
    if param is None:
        return None
    total = shape.first(_TOTALS, _is_integer)
    more = shape.first(_MORE_FLAGS, _is_boolean)
    link = shape.first(_names(config.next_link, _NEXT_LINKS), _is_string)
    if total is None and more is None and link is None:
        return None
    return _with(items, "offset", param, total=total, more=more, following=link)


def _cursor(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    param = shape.param(_names(config.cursor_param, _CURSOR_PARAMS))
    if param is None:
        return None
    following = shape.first(_names(config.next_cursor, _NEXT_CURSORS), _is_scalar)
    more = shape.first(_MORE_FLAGS, _is_boolean)
    if following is not None:
        return _with(items, "cursor", param, following=following, more=more)
    item_schema = shape.field(items.items_field.unsafe_value).get("items")
    if more is None or not _is_scalar(_property(item_schema, _ITEM_CURSOR, shape.annotator)):
        return None
    pagination = _with(items, "cursor", param, more=more)
    return dataclasses.replace(pagination, item_cursor=SpecText(_ITEM_CURSOR))


def _next_link(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    if shape.param(_LINK_PARAMS) is None:
        return None
    link = shape.first(_names(config.next_link, _NEXT_LINKS), _is_string)
    return None if link is None else _with(items, "next_link", None, following=link)


_DETECTORS: dict[
    PagingStyle, Callable[[PaginationConfig, _Shape, Pagination], Pagination | None]
] = {
    "page": _page,
    "offset": _offset,
    "cursor": _cursor,
    "next_link": _next_link,
}


def _forced(config: PaginationConfig, shape: _Shape, items: Pagination | None) -> Pagination:
    """An `include`d operation whose shape does not say: the config's style and names, or the
    first usual name of each."""
    base = items or Pagination(
        item_type=shape.annotator.annotate(None),
        items_field=SpecText(config.items_field or _ITEMS[0]),
        style="page",
    )
    style = config.style or "page"
    if style == "offset":
        param = _names(config.offset_param, _OFFSET_PARAMS)[0]
        total = shape.first(_TOTALS, _is_integer)
        more = shape.first(_MORE_FLAGS, _is_boolean)
        return _with(base, "offset", param, total=total, more=more, following=config.next_link)
    if style == "cursor":
        following = _names(config.next_cursor, _NEXT_CURSORS)[0]
        return _with(
            base, "cursor", _names(config.cursor_param, _CURSOR_PARAMS)[0], following=following
        )
    if style == "next_link":
        return _with(base, "next_link", None, following=_names(config.next_link, _NEXT_LINKS)[0])
    return _with(
        base, "page", config.page_param, current=config.current_page, last=config.last_page
    )


def _with(
    items: Pagination,
    style: PagingStyle,
    param: str | None,
    *,
    current: str | None = None,
    last: str | None = None,
    total: str | None = None,
    more: str | None = None,
    following: str | None = None,
) -> Pagination:
    return dataclasses.replace(
        items,
        style=style,
        page_param=None if param is None else SpecText(param),
        current_page=_path(current),
        last_page=_path(last),
        total=_path(total),
        has_more=_path(more),
        next=_path(following),
    )


def _path(dotted: str | None) -> tuple[SpecText, ...]:
    return () if dotted is None else tuple(SpecText(part) for part in dotted.split("."))


def _names(configured: str | None, usual: tuple[str, ...]) -> tuple[str, ...]:
    return usual if configured is None else (configured,)


def _properties(shape: _Shape) -> list[tuple[str, Any]]:
    schema = _follow(shape.body, shape.annotator)
    if not isinstance(schema, dict):
        return []
    found = [(name, _follow(value, shape.annotator)) for name, value in _own(schema).items()]
    for member in schema.get("allOf") or []:
        found += _properties(_Shape(shape.query, member, shape.annotator))
    return found


def _own(schema: dict[str, Any]) -> dict[str, Any]:
    properties = schema.get("properties")
    return properties if isinstance(properties, dict) else {}


def _property(schema: Any, name: str, annotator: Annotator) -> Any:
    schema = _follow(schema, annotator)
    if not isinstance(schema, dict):
        return None
    if name in _own(schema):
        return _follow(_own(schema)[name], annotator)
    for member in schema.get("allOf") or []:
        found = _property(member, name, annotator)
        if found is not None:
            return found
    return None


def _follow(schema: Any, annotator: Annotator) -> Any:
    """A `$ref` (or a nullable `anyOf` around one) replaced by the named schema."""
    for _ in range(20):
        if not isinstance(schema, dict):
            return schema
        name = component_name(schema)
        if name is not None:
            schema = annotator.schema(name)
            continue
        branches = [
            b
            for b in schema.get("anyOf") or schema.get("oneOf") or []
            if not (isinstance(b, dict) and b.get("type") == "null")
        ]
        if len(branches) == 1:
            schema = branches[0]
            continue
        if not schema.get("type") and len(schema.get("allOf") or []) == 1:
            schema = schema["allOf"][0]  # `allOf: [$ref]` beside a description
            continue
        return schema
    return schema


def _types(schema: Any) -> set[str]:
    kind = schema.get("type") if isinstance(schema, dict) else None
    if isinstance(kind, str):
        return {kind}
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else set()


def _is_array(schema: Any) -> bool:
    return "array" in _types(schema)


def _is_string(schema: Any) -> bool:
    return "string" in _types(schema)


def _is_integer(schema: Any) -> bool:
    return "integer" in _types(schema)


def _is_boolean(schema: Any) -> bool:
    return "boolean" in _types(schema)


def _is_scalar(schema: Any) -> bool:
    return bool(_types(schema) & {"string", "integer"})
