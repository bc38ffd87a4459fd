"""The page objects users hold, and reading a page whatever the API's paging style.

Iterating a page iterates every item of every later page too, fetching each page only when the
iteration reaches it, so ``for item in client.things.list()`` works on any size of collection
without loading it all first. Every later request repeats the first one's query, changing only
the paging parameter (page number, offset or cursor), or follows the next link the server gave
(see ``_page_styles``).

Paging never goes back: a reply that points to a page already fetched on the way here (the same
cursor or next link again, or a cycle of them) raises PaginationLoopError instead of repeating
pages forever, and nothing is requested for it. Iteration also stops with it at a page that
holds exactly the items of the page before it (a server ignoring the offset or page number),
without delivering them again. The items already delivered stay delivered.

A page is read straight from its bytes by pydantic, as one typed dict whose items field is the
item list: no decoded copy of a thousand items is built only to be validated and thrown away.
The page's raw JSON is decoded again only if someone asks for ``page.body``.
"""

from __future__ import annotations

import functools
import types
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import httpx
import pydantic
import typing_extensions

from ._exceptions import APIResponseValidationError, PaginationLoopError, describe
from ._page_styles import (
    CursorPagination,
    FieldPath,
    LinkHeaderPagination,
    NextLinkPagination,
    NextPage,
    OffsetPagination,
    PageNumberPagination,
    PaginationStrategy,
    field_at,
    follow,
    place_of,
)

if TYPE_CHECKING:
    from typing_extensions import TypeForm
from ._parsing import NO_MATCH, parse_json
from ._response import decode_json, validate_body

__all__ = [
    "AsyncPage",
    "AsyncPaginator",
    "CursorPagination",
    "LinkHeaderPagination",
    "NextLinkPagination",
    "NextPage",
    "OffsetPagination",
    "PageData",
    "PageNumberPagination",
    "PaginationStrategy",
    "SyncPage",
    "follow",
    "read_page",
]

T = TypeVar("T")
_PageT = TypeVar("_PageT", bound="_BasePage[Any]")


@dataclass(frozen=True)
class PageData(Generic[T]):
    items: list[T]
    response: httpx.Response
    following: NextPage | None
    place: NextPage | None = None  # the paging parameter the page was requested with


def read_page(
    response: httpx.Response,
    item_type: TypeForm[T],
    pagination: PaginationStrategy,
    *,
    params: Sequence[tuple[str, str]],
    strict: bool,
) -> PageData[T]:
    """Decode one page; ``params`` is the (percent-encoded) query it was requested with."""
    body = _typed_page(response, item_type, pagination.items_field)
    if body is NO_MATCH:
        body = decode_json(response)
        raw_items = field_at(body, pagination.items_field)
        if raw_items is None and _omitted(body, pagination.items_field):
            raw_items = []
        if not isinstance(raw_items, list):
            raise APIResponseValidationError(
                f"Response to {describe(response.request, 1)} has no list at "
                f"{pagination.items_field!r}, so it cannot be read as a page",
                response=response,
                body=body,
            )
        list_type = types.GenericAlias(list, (item_type,))
        items = cast(list[T], validate_body(response, list_type, raw_items, strict=strict))
    else:
        items = cast(list[T], field_at(body, pagination.items_field))
    following = pagination.following(body, params=params, items=items, headers=response.headers)
    place = place_of(pagination, params)
    return PageData(items=items, response=response, following=following, place=place)


def _omitted(body: object, items_field: FieldPath) -> bool:
    """Whether the object that holds the items leaves them out (or null): an empty page, as
    APIs that drop empty lists from their JSON send it (Google's `{"resultSizeEstimate": 0}`
    for a search that matched nothing). A body of another shape is still no page."""
    path = (items_field,) if isinstance(items_field, str) else tuple(items_field)
    if not path:
        return False
    holder = field_at(body, path[:-1])
    return isinstance(holder, dict) and holder.get(path[-1]) is None


def _typed_page(response: httpx.Response, item_type: object, items_field: FieldPath) -> object:
    """The page with its items validated, read in one pass; NO_MATCH sends the caller to the
    slower path that explains a bad page or keeps what does not fit."""
    if not response.content:
        return NO_MATCH
    try:
        shape = _page_shape(item_type, items_field)
    except TypeError:  # an unhashable item type: no cached shape, take the slow path
        return NO_MATCH
    page = parse_json(shape, response.content)
    if not isinstance(field_at(page, items_field), list):
        return NO_MATCH
    return page


@functools.lru_cache(maxsize=256)
def _page_shape(item_type: object, items_field: FieldPath) -> object:
    """A typed dict holding the item list at ``items_field``; every other field stays plain JSON."""
    typed_dict: Any = typing_extensions.TypedDict  # keys known only at run time: untyped call
    shape: object = types.GenericAlias(list, (item_type,))
    for step in reversed((items_field,) if isinstance(items_field, str) else items_field):
        level = typed_dict("PageShape", {step: shape}, total=False)
        level.__pydantic_config__ = pydantic.ConfigDict(extra="allow")
        shape = level
    return shape


class _Walk:
    """The places (cursors, offsets, links) that one chain of pages was fetched from, each with
    its depth in the chain (the first page is 0), so that a reply pointing back up the chain is
    refused. Depths, rather than a plain set, let a caller fetch a page's next page twice or
    iterate the same first page again without that counting as a loop."""

    def __init__(self, first: NextPage | None) -> None:
        self._depths: dict[NextPage, int] = {} if first is None else {first: 0}

    def enter(self, following: NextPage, *, depth: int, request: httpx.Request) -> None:
        """Record the step from the page at ``depth`` to ``following``, or refuse it."""
        earlier = self._depths.get(following)
        if earlier is not None and earlier <= depth:
            shown = _shown(following)
            raise PaginationLoopError(
                f"Stopped paging {describe(request, 1)}: page {depth + 1} points to {shown}, "
                f"which page {earlier + 1} was already fetched from; following it would repeat "
                "pages forever",
                request=request,
                repeated=_repeated(following),
            )
        self._depths[following] = depth + 1


class _BasePage(Generic[T]):
    def __init__(self, data: PageData[T]) -> None:
        self.items = data.items
        self._response = data.response
        self._following = data.following
        self._walk = _Walk(data.place)
        self._depth = 0

    @functools.cached_property
    def body(self) -> object:
        """The decoded JSON of this page, for fields the SDK does not model."""
        return decode_json(self._response)

    def has_next_page(self) -> bool:
        return self._following is not None

    def _require_next_page(self) -> NextPage:
        if self._following is None:
            raise RuntimeError("This is the last page; check has_next_page() first")
        self._walk.enter(self._following, depth=self._depth, request=self._response.request)
        return self._following

    def _continued_by(self, page: _PageT) -> _PageT:
        """``page``, fetched as this page's next one, on this page's walk one step further."""
        page._walk, page._depth = self._walk, self._depth + 1
        return page

    def _check_moved_on(self, page: _BasePage[T]) -> None:
        """Iteration's guard against a server that ignores the paging parameter: ``page``, the
        one after this, must not hold exactly this page's items. (``next_page()`` alone hands
        over whatever the server sent: one step is the caller's to judge.)"""
        if not page.items or page.items != self.items:
            return
        assert self._following is not None
        raise PaginationLoopError(
            f"Stopped paging {describe(page._response.request, 1)}: the page at "
            f"{_shown(self._following)} holds the same {len(page.items)} items as the page "
            "before it, so the server is not moving on; following it would repeat them forever",
            request=page._response.request,
            repeated=_repeated(self._following),
        )

    def __repr__(self) -> str:
        return f"<{type(self).__name__} items={len(self.items)} more={self.has_next_page()}>"


class SyncPage(_BasePage[T]):
    def __init__(self, data: PageData[T], fetch_page: Callable[[NextPage], SyncPage[T]]) -> None:
        super().__init__(data)
        self._fetch_page = fetch_page

    def next_page(self) -> SyncPage[T]:
        return self._continued_by(self._fetch_page(self._require_next_page()))

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        """This page, then each later page as iteration reaches it."""
        page: SyncPage[T] = self
        yield page
        while page.has_next_page():
            following = page.next_page()
            page._check_moved_on(following)
            page = following
            yield page

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            yield from page.items


class AsyncPage(_BasePage[T]):
    def __init__(
        self, data: PageData[T], fetch_page: Callable[[NextPage], Awaitable[AsyncPage[T]]]
    ) -> None:
        super().__init__(data)
        self._fetch_page = fetch_page

    async def next_page(self) -> AsyncPage[T]:
        return self._continued_by(await self._fetch_page(self._require_next_page()))

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page: AsyncPage[T] = self
        yield page
        while page.has_next_page():
            following = await page.next_page()
            page._check_moved_on(following)
            page = following
            yield page

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


class AsyncPaginator(Generic[T]):
    """What an async list method returns: ``await`` it for the first page, or ``async for``
    over every item. Nothing is requested until one of those happens."""

    def __init__(self, fetch_first_page: Callable[[], Awaitable[AsyncPage[T]]]) -> None:
        self._fetch_first_page = fetch_first_page

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._fetch_first_page().__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page = await self
        async for item in page:
            yield item


def _shown(where: NextPage) -> str:
    """A paging step for a message: ``cursor='c2'``, or a next link with its query's values
    left out, since a server may echo a credential of the first request into its links."""
    if where.param is not None:
        name, value = where.param
        return f"{name}={value!r}"
    path, _, query = (where.link or "").partition("?")
    names = "&".join(f"{item.partition('=')[0]}=..." for item in query.split("&") if item)
    return f"the next link {path + ('?' + names if names else '')!r}"


def _repeated(where: NextPage) -> str:
    if where.param is not None:
        return where.param[1]
    assert where.link is not None
    return where.link
