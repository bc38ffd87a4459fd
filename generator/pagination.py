"""Which list operations page, in which style, detected from the spec's shape.

A false positive changes a method's return type, so detection is strict: an operation pages only
when it is a GET, takes the style's paging parameter in its query, and its success body holds
both an array of items and the field that says where the next page is:

- page: `?page=` (Zoom: `?page_number=`) with the current and last page or the page count,
  the next page's number, or a flag that another page follows (Immich: `hasNextPage`);
  where no style fits, a numbered `?page=` alone (Netlify, Xero, Mux), read until an empty page;
- offset: `?offset=` (Jira: `?startAt=`) with a `total`, a `more`/`has_more` flag or a `next`
  link; where no style fits, a numbered offset beside a page size (Keycloak's `first` and
  `max`, `skip` and `take`), read until an empty page;
- cursor: `?cursor=` (`after`, `starting_after`, `page_token`, ...) with the next cursor in the
  body (`next_cursor`, ...; ended by Svix's `done`), or `has_more` and items with an `id` (Stripe);
- next_link: a `next` URL (`links.next`, `_links.next.href`, `next_url`) and a page-size or
  paging parameter (HAL's items are the one array under `_embedded`);
- link_header: a `Link` header declared on the success response (RFC 8288, GitHub), with the
  items in the body or the body itself an array of them.

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
from .page_names import (
    BARE_OFFSETS,
    CURRENT_PAGES,
    CURSOR_PARAMS,
    DONE_FLAGS,
    HAL_EMBEDDED,
    ITEM_CURSOR,
    ITEMS,
    LAST_PAGES,
    LINK_PARAMS,
    MORE_FLAGS,
    NEXT_CURSORS,
    NEXT_LINKS,
    NEXT_PAGE,
    NEXT_PAGES,
    NOT_ITEMS,
    OFFSET_PARAMS,
    PAGE_COUNTS,
    SIZES,
    TOTALS,
)
from .page_schema import (
    first_page,
    follow,
    is_array,
    is_boolean,
    is_integer,
    is_scalar,
    is_string,
    own_properties,
    property_of,
)
from .strings import SpecText

STYLES: tuple[PagingStyle, ...] = ("page", "offset", "cursor", "next_link", "link_header")
DECLARATION = "x-ms-pageable"
LINK_HEADER = "link"
_NUMBERS = (("int",), ("float",))  # the annotations of `integer` and `number`


@dataclass(frozen=True)
class _Shape:
    """The operation's query parameters and success body, with `$ref`s followed on demand."""

    query: frozenset[str]
    body: Any
    annotator: Annotator
    link_header: bool = False  # the success response declares a `Link` header
    numbers: frozenset[str] = frozenset()  # the query parameters typed as numbers

    def field(self, path: str, accepts: Callable[[Any], bool] = lambda _: True) -> Any:
        """The schema at the dotted `path` in the body (the body itself for an empty path),
        or None where the body has no such field or `accepts` refuses it."""
        return self.at(path.split(".") if path else (), accepts)

    def at(self, parts: Iterable[str], accepts: Callable[[Any], bool] = lambda _: True) -> Any:
        """The schema at the path of `parts` in the body, as `field` finds it."""
        node = follow(self.body, self.annotator)
        for part in parts:
            node = property_of(node, part, self.annotator)
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
    headers: frozenset[str] = frozenset(),
) -> Pagination | None:
    """How the operation pages, or None; `headers` names (in lower case) the headers its
    success response declares."""
    names = {key, str(operation.get("operationId") or "")}
    if names & set(config.exclude) or response.kind != "model":
        return None
    query = [p for p in parameters if p.location == "query"]
    shape = _Shape(
        frozenset(p.wire_name.unsafe_value for p in query),
        body,
        annotator,
        link_header=LINK_HEADER in headers,
        numbers=frozenset(p.wire_name.unsafe_value for p in query if p.type.outputs in _NUMBERS),
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
        found = _markerless(config, shape, listed)
        if found is not None:
            return found
    if names & set(config.include):
        return _forced(config, shape, listed)
    return None


def counted_from(found: Pagination | None, parameters: tuple[Parameter, ...]) -> Pagination | None:
    """`found`, its page numbers counted from where its page parameter says (`first_page`)."""
    if found is None or found.style != "page":
        return found
    numbers = [
        p.schema for p in parameters if p.location == "query" and p.wire_name == found.page_param
    ]
    return dataclasses.replace(found, first_page=first_page(numbers[0])) if numbers else found


def _declared(declared: dict[str, Any], shape: _Shape) -> Pagination | None:
    """The next-link paging the spec declares: the names are single fields, taken as written
    (Azure's `@odata.nextLink` holds a dot), and both must be in the body's schema."""
    link, items_field = declared.get("nextLinkName"), declared.get("itemName", "value")
    if not isinstance(link, str) or not isinstance(items_field, str):
        return None
    items = property_of(shape.body, items_field, shape.annotator)
    if not is_array(items) or not is_string(property_of(shape.body, link, shape.annotator)):
        return None
    return Pagination(
        item_type=shape.annotator.annotate(items.get("items")),
        items_path=(SpecText(items_field),),
        style="next_link",
        next=(SpecText(link),),
    )


def _listed(config: PaginationConfig, shape: _Shape) -> Pagination | None:
    """What every style shares, which each detector completes: the items array (the configured
    field, else a usual name, `entries` among them for Box, whose pages also hold an `order`
    array, else the body's only array, an `errors` one aside, else the only array a HAL body
    embeds, else the body when it is an array: there only a header can say where the next page
    is) and their type."""
    if config.items_field is not None:
        candidates: tuple[str, ...] = (config.items_field,)
    elif shape.field("", is_array) is not None:
        candidates = ("",)
    else:
        arrays = [
            name
            for name, schema in _properties(shape)
            if is_array(schema) and name not in NOT_ITEMS
        ]
        candidates = (*ITEMS, *arrays) if len(arrays) == 1 else ITEMS
    name = shape.first(candidates, is_array)
    path: tuple[str, ...] | None = _embedded(shape) if name is None else (name,) if name else ()
    if path is None or "." in (name or ""):
        return None
    items = shape.at(path)
    return Pagination(
        item_type=shape.annotator.annotate(items.get("items")),
        items_path=tuple(SpecText(part) for part in path),
        style="page",
    )


def _embedded(shape: _Shape) -> tuple[str, str] | None:
    """HAL's list (`_embedded.<name>`, Spring HATEOAS, Vonage): the path to the one array
    `_embedded` holds, or None."""
    embedded = shape.at((HAL_EMBEDDED,))
    if not isinstance(embedded, dict):
        return None
    arrays = [
        name
        for name, schema in _properties(_Shape(shape.query, embedded, shape.annotator))
        if is_array(schema)
    ]
    return (HAL_EMBEDDED, arrays[0]) if len(arrays) == 1 else None


def _page(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    """Page numbers, with the current and last page in the body or the next page's number
    (Hetzner's `meta.pagination`: `page`, `last_page`, and `next_page`, null on the last), or
    a flag saying whether another page follows (Immich's `hasNextPage`). The flag alone is
    not taken beside a cursor parameter: the API then pages by the cursor it hands out."""
    param = shape.param(_configured(config, "page_param", ("page_number", "pageNumber")))
    if param is None:
        return None
    current = shape.first(_configured(config, "current_page", (*CURRENT_PAGES, param)), is_scalar)
    last = shape.first(_configured(config, "last_page", (*LAST_PAGES, *PAGE_COUNTS)), is_scalar)
    following = shape.first(NEXT_PAGES, is_integer)
    more = None
    if shape.param(_names(config.cursor_param, CURSOR_PARAMS)) is None:
        more = shape.first(MORE_FLAGS, is_boolean)
    if following is None and more is None and (current is None or last is None):
        return None
    return _with(items, "page", param, current=current, last=last, following=following, more=more)


def _configured(config: PaginationConfig, field: str, usual: tuple[str, ...]) -> tuple[str, ...]:
    """The path the API config names, else the usual ones (the default path first)."""
    named = str(getattr(config, field))
    return (named,) if field in config.model_fields_set else (named, *usual)


def _offset(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    param = shape.param(_names(config.offset_param, OFFSET_PARAMS))
    if param is None:
        return None
    total = shape.first(TOTALS, is_integer)
    more = shape.first(MORE_FLAGS, is_boolean)
    link = shape.first(_names(config.next_link, NEXT_LINKS), is_string)
    if total is None and more is None and link is None:
        return None
    return _with(items, "offset", param, total=total, more=more, following=link)


def _cursor(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    param = shape.param(_names(config.cursor_param, CURSOR_PARAMS))
    if param is None:
        return _next_page_token(config, shape, items)
    following = shape.first(_names(config.next_cursor, NEXT_CURSORS), is_scalar)
    more = shape.first(MORE_FLAGS, is_boolean)
    done = None if more is not None else shape.first(DONE_FLAGS, is_boolean)
    if following is not None:
        return _with(items, "cursor", param, following=following, more=more, done=done)
    item_schema = shape.at(part.unsafe_value for part in items.items_path).get("items")
    if more is None or not is_scalar(property_of(item_schema, ITEM_CURSOR, shape.annotator)):
        return None
    pagination = _with(items, "cursor", param, more=more)
    return dataclasses.replace(pagination, item_cursor=SpecText(ITEM_CURSOR))


def _next_page_token(
    config: PaginationConfig, shape: _Shape, items: Pagination
) -> Pagination | None:
    """An `?offset=` the API fills from a token it gives under the same name in a `next_page`
    object (Asana: `next_page: {offset, path, uri}`, null on the last page). The offset is a
    token to send back, not a count to add to: it pages as a cursor."""
    if config.cursor_param is not None or config.next_cursor is not None:
        return None
    for param in OFFSET_PARAMS:
        following = f"{NEXT_PAGE}.{param}"
        if param in shape.query and shape.field(following, is_string) is not None:
            return _with(items, "cursor", param, following=following)
    return None


def _next_link(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    if shape.param(LINK_PARAMS) is None:
        return None
    link = shape.first(_names(config.next_link, NEXT_LINKS), is_string)
    return None if link is None else _with(items, "next_link", None, following=link)


def _link_header(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    """The `Link` header is evidence enough: a list response declares it only to page."""
    return _with(items, "link_header", None) if shape.link_header else None


_DETECTORS: dict[
    PagingStyle, Callable[[PaginationConfig, _Shape, Pagination], Pagination | None]
] = {
    "page": _page,
    "offset": _offset,
    "cursor": _cursor,
    "next_link": _next_link,
    "link_header": _link_header,
}


def _markerless(config: PaginationConfig, shape: _Shape, items: Pagination) -> Pagination | None:
    """Where no style fits: a page number, or an offset beside a page size, with nothing in the
    body to say where the list ends: read until a page comes back empty. Numbers count, `number`
    as much as `integer` (Deepgram, Immich and Supabase type theirs `number`): a counter is
    whole either way, and a text parameter named `page` may be a name, not a place in a list.
    Not beside a cursor parameter (Kratos: a deprecated `page` beside `page_token`): the API
    then pages by a token it hands out where the spec does not say, and its numbers need not
    run in sequence, so counting them up would ask for pages that are not the next."""
    if shape.param(_names(config.cursor_param, CURSOR_PARAMS)) is not None:
        return None
    numbers = shape.numbers
    if config.style in (None, "page") and config.page_param in numbers:
        return _with(items, "page", config.page_param)
    offset = next((n for n in _names(config.offset_param, BARE_OFFSETS) if n in numbers), None)
    if config.style in (None, "offset") and offset and not numbers.isdisjoint(SIZES):
        return _with(items, "offset", offset)
    return None


def _forced(config: PaginationConfig, shape: _Shape, items: Pagination | None) -> Pagination:
    """An `include`d operation whose shape does not say: the config's style and names, or the
    first usual name of each."""
    base = items or Pagination(
        item_type=shape.annotator.annotate(None),
        items_path=(SpecText(config.items_field or ITEMS[0]),),
        style="page",
    )
    style = config.style or "page"
    if style == "offset":
        param = _names(config.offset_param, OFFSET_PARAMS)[0]
        total = shape.first(TOTALS, is_integer)
        more = shape.first(MORE_FLAGS, is_boolean)
        return _with(base, "offset", param, total=total, more=more, following=config.next_link)
    if style == "cursor":
        following = _names(config.next_cursor, NEXT_CURSORS)[0]
        return _with(
            base, "cursor", _names(config.cursor_param, CURSOR_PARAMS)[0], following=following
        )
    if style == "next_link":
        return _with(base, "next_link", None, following=_names(config.next_link, NEXT_LINKS)[0])
    if style == "link_header":
        return _with(base, "link_header", None)
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
    done: str | None = None,  # true on the last page
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
        done=_path(done),
    )


def _path(dotted: str | None) -> tuple[SpecText, ...]:
    return () if dotted is None else tuple(SpecText(part) for part in dotted.split("."))


def _names(configured: str | None, usual: tuple[str, ...]) -> tuple[str, ...]:
    return usual if configured is None else (configured,)


def _properties(shape: _Shape) -> list[tuple[str, Any]]:
    schema = follow(shape.body, shape.annotator)
    if not isinstance(schema, dict):
        return []
    found = [
        (name, follow(value, shape.annotator)) for name, value in own_properties(schema).items()
    ]
    for member in schema.get("allOf") or []:
        found += _properties(_Shape(shape.query, member, shape.annotator))
    return found
