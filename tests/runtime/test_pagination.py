"""Page-number pagination: lazy fetching, carried query parameters, and where it stops."""

from __future__ import annotations

import httpx
import pytest
from sdkrt._exceptions import APIResponseValidationError
from sdkrt._pagination import NextPage, PageNumberPagination, read_page

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import NoWaitAsyncDemo, NoWaitDemo, Widget


def page(number: int, ids: list[str], *, last: int = 3) -> Reply:
    items = [{"id": item, "displayName": item.upper()} for item in ids]
    return Reply.json({"data": items, "meta": {"currentPage": number, "lastPage": last}})


THREE_PAGES = [page(1, ["a", "b"]), page(2, ["c", "d"]), page(3, ["e"])]


def assert_pages_were_requested_in_order(server: FaultServer) -> None:
    queries = [request.query for request in server.requests]
    assert queries == [
        {"perPage": ["2"], "search": ["x"]},
        {"perPage": ["2"], "search": ["x"], "page": ["2"]},
        {"perPage": ["2"], "search": ["x"], "page": ["3"]},
    ]


def test_iteration_fetches_each_page_only_when_it_is_reached(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(*THREE_PAGES)
    first = client.widgets.list(per_page=2, search="x")
    assert [widget.id for widget in first.items] == ["a", "b"]
    assert server.count == 1

    items = iter(first)
    assert [next(items).id, next(items).id] == ["a", "b"]
    assert server.count == 1  # page 2 is not needed yet
    assert next(items).id == "c"
    assert server.count == 2
    rest = list(items)
    assert [widget.id for widget in rest] == ["d", "e"]
    assert all(isinstance(widget, Widget) for widget in rest)
    assert_pages_were_requested_in_order(server)


def test_pages_can_be_walked_one_by_one(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(*THREE_PAGES)
    pages = list(client.widgets.list(per_page=2, search="x").iter_pages())
    assert [[widget.id for widget in each.items] for each in pages] == [
        ["a", "b"],
        ["c", "d"],
        ["e"],
    ]
    assert [each.has_next_page() for each in pages] == [True, True, False]
    assert pages[1].body == {
        "data": [{"id": "c", "displayName": "C"}, {"id": "d", "displayName": "D"}],
        "meta": {"currentPage": 2, "lastPage": 3},
    }
    assert_pages_were_requested_in_order(server)
    with pytest.raises(RuntimeError, match="last page"):
        pages[2].next_page()


def test_an_empty_page_ends_iteration(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(page(1, [], last=5))
    assert list(client.widgets.list()) == []
    assert server.count == 1


def test_starting_on_a_later_page_continues_from_there(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(page(2, ["c"], last=3), page(3, ["e"], last=3))
    assert [widget.id for widget in client.widgets.list(page=2)] == ["c", "e"]
    assert [request.query for request in server.requests] == [{"page": ["2"]}, {"page": ["3"]}]


@pytest.mark.anyio
async def test_iteration_fetches_each_page_only_when_it_is_reached_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(*THREE_PAGES)
    paginator = async_client.widgets.list(per_page=2, search="x")
    assert server.count == 0  # nothing is sent until the paginator is awaited or iterated

    seen: list[str] = []
    async for widget in paginator:
        seen.append(widget.id)
        if widget.id == "b":
            assert server.count == 1
    assert seen == ["a", "b", "c", "d", "e"]
    assert_pages_were_requested_in_order(server)


@pytest.mark.anyio
async def test_awaiting_the_paginator_gives_the_first_page_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(*THREE_PAGES)
    first = await async_client.widgets.list(per_page=2, search="x")
    assert [widget.id for widget in first.items] == ["a", "b"]
    assert server.count == 1
    pages = [each async for each in first.iter_pages()]
    assert [len(each.items) for each in pages] == [2, 2, 1]
    assert_pages_were_requested_in_order(server)
    with pytest.raises(RuntimeError, match="last page"):
        await pages[-1].next_page()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"meta": {"next": 7}}, 7),
        ({"meta": {"next": "https://api.example/items?page=2"}}, 2),
        ({"meta": {"next": None}}, None),
        ({"meta": {}}, None),
    ],
)
def test_a_next_field_can_drive_pagination(body: object, expected: int | None) -> None:
    pagination = PageNumberPagination(next_page=("meta", "next"))
    assert pagination.page_after(body, requested=None, item_count=3) == expected


def test_a_more_flag_ends_page_numbers_when_it_is_false() -> None:
    pagination = PageNumberPagination(items_field="people", has_more=("hasNextPage",))
    assert pagination.page_after({"hasNextPage": True}, requested=None, item_count=2) == 2
    assert pagination.page_after({"hasNextPage": True}, requested=2, item_count=2) == 3
    assert pagination.page_after({"hasNextPage": False}, requested=3, item_count=2) is None


def test_without_metadata_pages_continue_until_one_is_empty() -> None:
    pagination = PageNumberPagination()
    assert pagination.page_after({"data": [1]}, requested=4, item_count=1) == 5
    assert pagination.page_after({"data": []}, requested=4, item_count=0) is None


def test_a_page_number_written_as_a_whole_float_counts_on_from_it() -> None:
    """A spec that types its page `number` has a `float` parameter, sent as `page=3.0`: the
    next page is 4, not the second counted from the start again; a body may say `2.0`."""
    pagination = PageNumberPagination(current_page="page")
    following = pagination.following(
        {"data": [1]}, params=[("page", "3.0")], items=[1], headers=httpx.Headers()
    )
    assert following == NextPage(param=("page", "4"))
    assert pagination.page_after({"page": 2.0}, requested=None, item_count=1) == 3


def test_the_body_current_page_wins_over_the_requested_one() -> None:
    pagination = PageNumberPagination(current_page="page", last_page="pages")
    assert pagination.page_after({"page": 2, "pages": 9}, requested=7, item_count=1) == 3
    assert pagination.page_after({"page": 9, "pages": 9}, requested=None, item_count=1) is None


def _response(body: bytes) -> httpx.Response:
    request = httpx.Request("GET", "https://api.example/widgets")
    return httpx.Response(200, content=body, request=request)


def test_a_page_nested_deeper_reads_its_items_and_paging_fields() -> None:
    pagination = PageNumberPagination(items_field=("result", "items"), last_page=("result", "last"))
    body = b'{"result": {"items": [{"id": "a", "kind": "small"}], "last": 4}, "page": 1}'

    data = read_page(_response(body), Widget, pagination, params=[("page", "2")], strict=True)

    assert [(widget.id, widget.kind) for widget in data.items] == [("a", "small")]
    assert data.following == NextPage(param=("page", "3"))


def test_a_page_with_an_item_that_does_not_fit_keeps_it_unless_strict() -> None:
    pagination = PageNumberPagination()
    body = b'{"data": [{"id": "a", "kind": "medium"}, {"id": "b"}]}'

    lenient = read_page(_response(body), Widget, pagination, params=[], strict=False)
    assert [widget.id for widget in lenient.items] == ["a", "b"]
    assert lenient.items[0].kind == "medium"  # kept as received
    with pytest.raises(APIResponseValidationError, match="does not match the declared type"):
        read_page(_response(body), Widget, pagination, params=[], strict=True)


def test_a_body_without_the_items_list_is_not_a_page() -> None:
    with pytest.raises(APIResponseValidationError, match="no list at 'data'"):
        read_page(
            _response(b'{"data": {"id": "a"}}'),
            Widget,
            PageNumberPagination(),
            params=[],
            strict=False,
        )


@pytest.mark.parametrize(
    ("body", "items_field"),
    [
        (b'{"resultSizeEstimate": 0}', "data"),  # Google's reply to a search with no match
        (b'{"data": null}', "data"),
        (b'{"result": {"last": 1}}', ("result", "items")),
    ],
)
def test_a_body_that_leaves_the_items_out_is_an_empty_last_page(
    body: bytes, items_field: str | tuple[str, ...]
) -> None:
    pagination = PageNumberPagination(items_field=items_field)

    data = read_page(_response(body), Widget, pagination, params=[], strict=True)

    assert data.items == []
    assert data.following is None


@pytest.mark.parametrize("body", [b"[]", b'{"result": 3}', b'"text"'])
def test_a_body_without_the_object_that_holds_the_items_is_not_a_page(body: bytes) -> None:
    with pytest.raises(APIResponseValidationError, match="no list at"):
        read_page(
            _response(body),
            Widget,
            PageNumberPagination(items_field=("result", "items")),
            params=[],
            strict=False,
        )
