"""How an API says where the next page is: one strategy class per paging style.

Each strategy reads a page's body (and headers) and says what the next request changes: a query
parameter (the page number, the offset, the cursor) set on the first request's query, or the URL
of the next page the server gave, in the body or in the ``Link`` header. Every strategy stops at
an empty page, so a server that keeps pointing further without sending items cannot make
iteration endless; a server that points back to a page already fetched is stopped by the pages
themselves (``_pagination``).

A next link is data from the server, so it is followed only to the origin (scheme, host and
port) the first request went to and only under the API's base path: a link elsewhere raises
SDKError rather than carry the request, and the credentials in it, anywhere else.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import unquote

import httpx

from ._exceptions import SDKError
from ._paths import check_path
from ._redirects import origin_of
from ._request_plan import RequestPlan

__all__ = [
    "CursorPagination",
    "FieldPath",
    "LinkHeaderPagination",
    "NextLinkPagination",
    "NextPage",
    "OffsetPagination",
    "PageNumberPagination",
    "PaginationStrategy",
    "field_at",
    "follow",
    "place_of",
]

FieldPath = str | tuple[str, ...]
_EMPTY: tuple[object, ...] = (None, False, "", [], {})


@dataclass(frozen=True)
class NextPage:
    """Where the next page is: the first request with ``param`` (name, value) set in its query,
    or the ``link`` the server gave."""

    param: tuple[str, str] | None = None
    link: str | None = None


@dataclass(frozen=True, kw_only=True)
class PageNumberPagination:
    """Page numbers: ``current_page``/``last_page``/``next_page``/``has_more`` are paths into
    the body. A page is the last one when it is empty, when ``has_more`` is false, when
    ``current_page`` reaches ``last_page``, or when ``next_page`` is null; with none of them
    declared, pages are fetched until an empty one."""

    page_param: str = "page"
    items_field: FieldPath = "data"
    current_page: FieldPath | None = None
    last_page: FieldPath | None = None
    next_page: FieldPath | None = None
    has_more: FieldPath | None = None
    first_page: int = 1

    @property
    def param(self) -> str:
        return self.page_param

    def following(
        self,
        body: object,
        *,
        params: Sequence[tuple[str, str]],
        items: Sequence[object],
        headers: httpx.Headers,
    ) -> NextPage | None:
        requested = _as_int(_requested(params, self.page_param))
        number = self.page_after(body, requested=requested, item_count=len(items))
        return None if number is None else NextPage(param=(self.page_param, str(number)))

    def page_after(self, body: object, *, requested: int | None, item_count: int) -> int | None:
        """The number of the page after the one in ``body``, or None when it was the last."""
        if item_count == 0 or field_at(body, self.has_more) is False:
            return None
        current = _as_int(field_at(body, self.current_page))
        if current is None:
            current = self.first_page if requested is None else requested
        last = _as_int(field_at(body, self.last_page))
        if last is not None:
            return current + 1 if current < last else None
        if self.next_page is not None:
            following = field_at(body, self.next_page)
            if following in _EMPTY:
                return None
            explicit = _as_int(following)
            return current + 1 if explicit is None else explicit
        return current + 1


@dataclass(frozen=True, kw_only=True)
class OffsetPagination:
    """Offsets: the next page starts where this one ended (the requested offset, 0 by default,
    plus its item count). It is the last page when it is empty, when that reaches ``total``, or
    when ``has_more`` is false or ``next_link`` null (whichever the body holds, in that order);
    with none of them in the body, when a ``Link`` header pages (ORY Hydra's ``first``/``last``)
    but names no ``next``, else at an empty page."""

    offset_param: str = "offset"
    items_field: FieldPath = "data"
    total: FieldPath | None = None
    has_more: FieldPath | None = None
    next_link: FieldPath | None = None

    @property
    def param(self) -> str:
        return self.offset_param

    def following(
        self,
        body: object,
        *,
        params: Sequence[tuple[str, str]],
        items: Sequence[object],
        headers: httpx.Headers,
    ) -> NextPage | None:
        if not items:
            return None
        start = _as_int(_requested(params, self.offset_param)) or 0
        after = start + len(items)
        total = _as_int(field_at(body, self.total))
        more = field_at(body, self.has_more)
        if total is not None:
            ends = after >= total
        elif isinstance(more, bool):
            ends = not more
        elif self.next_link is not None:
            ends = field_at(body, self.next_link) in _EMPTY
        else:
            ends = _last_by_link_header(headers)
        return None if ends else NextPage(param=(self.offset_param, str(after)))


@dataclass(frozen=True, kw_only=True)
class CursorPagination:
    """Cursors: the next request sends the cursor this page gives, at ``next_cursor`` or, with
    ``item_cursor``, the value of that field of the last item (Stripe's ``starting_after``).
    It is the last page when it is empty, when ``has_more`` is false or ``done`` true (Svix's
    last page still gives a cursor), or when there is no cursor. A cursor that comes back (the
    one just sent, or an earlier one) is a loop, which iteration refuses to follow."""

    cursor_param: str = "cursor"
    items_field: FieldPath = "data"
    next_cursor: FieldPath | None = None
    has_more: FieldPath | None = None
    item_cursor: str | None = None
    done: FieldPath | None = None

    @property
    def param(self) -> str:
        return self.cursor_param

    def following(
        self,
        body: object,
        *,
        params: Sequence[tuple[str, str]],
        items: Sequence[object],
        headers: httpx.Headers,
    ) -> NextPage | None:
        if not items or field_at(body, self.has_more) is False:
            return None
        if field_at(body, self.done) is True:
            return None
        if self.next_cursor is not None:
            cursor = field_at(body, self.next_cursor)
        else:
            cursor = None if self.item_cursor is None else _item_field(items[-1], self.item_cursor)
        if isinstance(cursor, bool) or not isinstance(cursor, str | int) or cursor == "":
            return None
        return NextPage(param=(self.cursor_param, str(cursor)))


@dataclass(frozen=True, kw_only=True)
class NextLinkPagination:
    """Next links: the body holds the URL of the next page at ``next_link``; it is the last
    page when it is empty or the link is null."""

    items_field: FieldPath = "data"
    next_link: FieldPath = "next"

    def following(
        self,
        body: object,
        *,
        params: Sequence[tuple[str, str]],
        items: Sequence[object],
        headers: httpx.Headers,
    ) -> NextPage | None:
        link = field_at(body, self.next_link)
        if not items or not isinstance(link, str) or not link:
            return None
        return NextPage(link=link)


@dataclass(frozen=True, kw_only=True)
class LinkHeaderPagination:
    """Links in the ``Link`` response header (RFC 8288, as GitHub and GitLab page): the next
    page is the link whose relation is ``next``; it is the last page when it is empty or there
    is no such link. ``items_field`` is empty when the whole body is the item list."""

    items_field: FieldPath = ()

    def following(
        self,
        body: object,
        *,
        params: Sequence[tuple[str, str]],
        items: Sequence[object],
        headers: httpx.Headers,
    ) -> NextPage | None:
        # Imported here: its grammar compiles at import, a cost only these APIs should pay.
        from ._link_header import link_for

        link = link_for(headers, "next")
        return NextPage(link=link) if items and link else None


PaginationStrategy = (
    PageNumberPagination
    | OffsetPagination
    | CursorPagination
    | NextLinkPagination
    | LinkHeaderPagination
)


def place_of(pagination: PaginationStrategy, params: Sequence[tuple[str, str]]) -> NextPage | None:
    """Where a page was requested from, as the NextPage that leads there: the paging parameter
    its query was sent with (a first page may have none). Pages reached by a next link are known
    by that link instead."""
    if isinstance(pagination, NextLinkPagination | LinkHeaderPagination):
        return None
    value = _requested(params, pagination.param)
    return None if value is None else NextPage(param=(pagination.param, value))


def follow(plan: RequestPlan, following: NextPage) -> RequestPlan:
    """The request for the next page: the first one with its paging parameter changed, or the
    server's link, checked to stay at the API, with the first request's other parameters that
    the link does not set (credentials in the query among them)."""
    if following.param is not None:
        return plan.with_param(*following.param)
    assert following.link is not None
    base = httpx.URL(plan.url)
    try:
        target = base.join(following.link).copy_with(fragment=None)
    except httpx.InvalidURL:
        raise _refused(plan, "it is not a valid URL") from None
    if origin_of(target) != origin_of(base):
        raise _refused(plan, f"it points to another origin ({_origin(target)})")
    if target.userinfo:
        raise _refused(plan, "it names a user, whom the client's credentials are not for")
    path = target.copy_with(query=None).raw_path.decode("ascii")
    root = httpx.URL(plan.prefix).raw_path.decode("ascii").rstrip("/")
    if not (path == root or path.startswith(f"{root}/")):
        raise _refused(plan, f"its path {path!r} is outside the API's base path {root or '/'!r}")
    try:
        check_path(_sent_segments_as_placeholders(path, base.raw_path.decode("ascii")))
    except SDKError as error:
        raise _refused(plan, str(error)) from None
    pairs = [_pair(item) for item in target.query.decode("ascii").split("&") if item]
    names = {unquote(name) for name, _ in pairs}
    kept = [param for param in plan.params if unquote(param[0]) not in names]
    prefix = f"{target.scheme}://{target.netloc.decode('ascii')}"
    return dataclasses.replace(plan, url=prefix + path, params=(*pairs, *kept))


def _sent_segments_as_placeholders(path: str, sent: str) -> str:
    """``path`` with each segment that holds, at the same place, what the first request's path
    held there put as a placeholder, which ``check_path`` leaves alone as it does the values it
    fills in: a value with a ``/`` (GitLab's ``group%2Fproject``, a branch ``feature%2Fx``) went
    out escaped in the first request, and a link back to the same list carries it again. Only
    segments the server repeats are spared; an escaped ``/`` of its own is still refused."""
    own = sent.split("?", 1)[0].split("/")
    segments = path.split("/")
    for index, segment in enumerate(segments):
        if index < len(own) and "%" in segment and unquote(segment) == unquote(own[index]):
            segments[index] = "{sent}"
    return "/".join(segments)


def _refused(plan: RequestPlan, reason: str) -> SDKError:
    return SDKError(
        f"Refusing the next-page link in the reply to {plan.method} {plan.url}: {reason}; "
        f"the client sends requests and credentials only to {_origin(httpx.URL(plan.url))}, "
        f"under {plan.prefix}"
    )


def _origin(url: httpx.URL) -> str:
    return "{}://{}:{}".format(*origin_of(url))


def _pair(item: str) -> tuple[str, str]:
    """One ``name=value`` of the link's query, kept as the server encoded it."""
    name, _, value = item.partition("=")
    return name, value


def _last_by_link_header(headers: httpx.Headers) -> bool:
    """Whether an RFC 8288 ``Link`` header that pages (it names a first, last or previous
    page) leaves out ``next``: the server's word that this is the last page, which spares the
    request for the empty page past it. A ``Link`` header about something else says nothing."""
    if "link" not in headers:
        return False
    from ._link_header import link_for  # its grammar compiles at import: paid only here

    relations = ("first", "last", "prev", "previous")
    pages = any(link_for(headers, relation) is not None for relation in relations)
    return pages and link_for(headers, "next") is None


def field_at(body: object, path: FieldPath | None) -> object:
    """The value at ``path`` in a JSON body, or None when any step is missing."""
    if path is None:
        return None
    value = body
    for step in (path,) if isinstance(path, str) else path:
        if not isinstance(value, dict):
            return None
        value = value.get(step)
    return value


def _requested(params: Sequence[tuple[str, str]], name: str) -> str | None:
    """The (decoded) value of the query parameter ``name`` a page was requested with."""
    values = [unquote(value) for key, value in params if unquote(key) == name]
    return values[-1] if values else None


def _item_field(item: object, name: str) -> object:
    """A field of an item, by its name in the API (a model is read by alias)."""
    if isinstance(item, dict):
        return item.get(name)
    dump = getattr(item, "model_dump", None)
    return dump(by_alias=True, mode="json").get(name) if callable(dump) else None


def _as_int(value: object) -> int | None:
    """A page number, offset or count as an integer, also where it is a whole float: a JSON
    body may write one as `2.0`, and a parameter typed `number` is a float the query writes as
    `3.0`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        if value.isdigit():
            return int(value)
        value = _float(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None
