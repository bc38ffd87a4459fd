"""Each paging style against a real server: the exact requests iteration sends, and where it stops.

``fixtures/paging/openapi.yaml`` has one list operation per style (offset with a total, offset
with a `more` flag, a cursor the body gives, Stripe's last id with `has_more`, a next link,
page numbers alone);
the generated package walks them against ``FaultServer``, which records each request as sent.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from tests.support.fault_server import FaultServer, RecordedRequest, Reply

from .conftest import PAGING_KEY as KEY


def songs(*ids: str) -> list[dict[str, str]]:
    return [{"id": each, "title": each.upper()} for each in ids]


def targets(server: FaultServer) -> list[str]:
    return [request.raw_path for request in server.requests]


# Offset and limit with a total: the next offset is where the page ended.
SONG_PAGES = [
    Reply.json({"items": songs("a", "b"), "total": 5, "next": "ignored"}),
    Reply.json({"items": songs("c", "d"), "total": 5, "next": "ignored"}),
    Reply.json({"items": songs("e"), "total": 5, "next": None}),
]
SONG_TARGETS = [
    "/api/songs?limit=2&genre=rock",
    "/api/songs?limit=2&genre=rock&offset=2",
    "/api/songs?limit=2&genre=rock&offset=4",
]


def test_offset_pages_advance_by_the_items_received_until_the_total(
    server: FaultServer, paging: Any
) -> None:
    server.enqueue(*SONG_PAGES)
    first = paging.songs.list(limit=2, genre="rock")
    assert server.count == 1  # later pages wait until iteration reaches them
    assert [song.id for song in first] == ["a", "b", "c", "d", "e"]
    assert targets(server) == SONG_TARGETS
    assert all(request.headers["x-api-key"] == KEY for request in server.requests)


@pytest.mark.anyio
async def test_offset_pages_advance_by_the_items_received_async(
    server: FaultServer, async_paging: Any
) -> None:
    server.enqueue(*SONG_PAGES)
    async with async_paging as client:
        assert [song.id async for song in client.songs.list(limit=2, genre="rock")] == list("abcde")
    assert targets(server) == SONG_TARGETS


def test_offset_starting_later_continues_from_there(server: FaultServer, paging: Any) -> None:
    server.enqueue(Reply.json({"items": songs("x"), "total": 12}))
    page = paging.songs.list(offset=10)
    assert page.has_next_page()  # 10 + 1 < 12
    server.enqueue(Reply.json({"items": songs("y"), "total": 12}))
    assert not page.next_page().has_next_page()
    assert targets(server) == ["/api/songs?offset=10", "/api/songs?offset=11"]


def test_offset_with_a_more_flag_reads_a_resource_named_list(
    server: FaultServer, paging: Any
) -> None:
    server.enqueue(
        Reply.json({"incidents": songs("a", "b"), "offset": 0, "limit": 2, "more": True}),
        Reply.json({"incidents": songs("c"), "offset": 2, "limit": 2, "more": False}),
    )
    assert [incident.id for incident in paging.incidents.list(limit=2)] == ["a", "b", "c"]
    assert targets(server) == ["/api/incidents?limit=2", "/api/incidents?limit=2&offset=2"]


CURSOR_PAGES = [
    Reply.json({"data": songs("a"), "next_cursor": "c/2+=="}),
    Reply.json({"data": songs("b"), "next_cursor": "c3"}),
    Reply.json({"data": songs("c"), "next_cursor": None}),
]
CURSOR_TARGETS = [
    "/api/events?limit=1",
    "/api/events?limit=1&cursor=c%2F2%2B%3D%3D",
    "/api/events?limit=1&cursor=c3",
]


def test_a_cursor_from_the_body_is_sent_back_encoded_until_it_is_null(
    server: FaultServer, paging: Any
) -> None:
    server.enqueue(*CURSOR_PAGES)
    assert [event.id for event in paging.events.list(limit=1)] == ["a", "b", "c"]
    assert targets(server) == CURSOR_TARGETS


@pytest.mark.anyio
async def test_a_cursor_from_the_body_is_sent_back_async(
    server: FaultServer, async_paging: Any
) -> None:
    server.enqueue(*CURSOR_PAGES)
    async with async_paging as client:
        first = await client.events.list(limit=1)
        pages = [page async for page in first.iter_pages()]
    assert [[event.id for event in page.items] for page in pages] == [["a"], ["b"], ["c"]]
    assert targets(server) == CURSOR_TARGETS


# Servers that loop: each answers every request forever (``fallback``), by what it asked for.
# Iteration is bounded by ``islice`` so that, without the guard, a test fails instead of hanging.
BOUND = 50


def cursor_server(*, after: dict[str | None, str]) -> Callable[[RecordedRequest], Reply]:
    """A cursor API whose next cursor after each one is ``after[cursor sent]``."""

    def answer(request: RecordedRequest) -> Reply:
        sent = request.query.get("cursor", [None])[0]
        return Reply.json({"data": songs(f"after-{sent}"), "next_cursor": after[sent]})

    return answer


def test_a_cursor_that_comes_back_unchanged_stops_iteration_with_an_error(
    server: FaultServer, paging: Any
) -> None:
    from sdkpaging import PaginationLoopError

    server.fallback = cursor_server(after={None: "same", "same": "same"})
    seen: list[str] = []
    with pytest.raises(PaginationLoopError, match="page 2 points to cursor='same'") as loop:
        seen.extend(event.id for event in itertools.islice(paging.events.list(), BOUND))
    assert seen == ["after-None", "after-same"]  # every page before the loop was delivered
    assert loop.value.repeated == "same"
    assert loop.value.request.url.raw_path == b"/api/events?cursor=same"
    assert server.count == 2  # the repeated page is not requested


def test_a_cursor_pointing_back_to_an_earlier_page_stops_iteration(
    server: FaultServer, paging: Any
) -> None:
    from sdkpaging import PaginationLoopError

    server.fallback = cursor_server(after={None: "c2", "c2": "c3", "c3": "c2"})
    with pytest.raises(PaginationLoopError, match="page 2 was already fetched from"):
        list(itertools.islice(paging.events.list(limit=1), BOUND))
    assert targets(server) == [
        "/api/events?limit=1",
        "/api/events?limit=1&cursor=c2",
        "/api/events?limit=1&cursor=c3",
    ]


@pytest.mark.anyio
async def test_a_cursor_pointing_back_stops_iteration_async(
    server: FaultServer, async_paging: Any
) -> None:
    from sdkpaging import PaginationLoopError

    server.fallback = cursor_server(after={None: "c2", "c2": "c3", "c3": "c2"})
    seen: list[str] = []
    async with async_paging as client:
        with pytest.raises(PaginationLoopError, match="cursor='c2'"):
            async for event in client.events.list():
                seen.append(event.id)
                assert len(seen) < BOUND
    assert seen == ["after-None", "after-c2", "after-c3"]


def test_a_page_fetched_twice_or_iterated_again_is_not_a_loop(
    server: FaultServer, paging: Any
) -> None:
    server.fallback = cursor_server(after={None: "c2", "c2": ""})
    first = paging.events.list()
    assert [event.id for event in first.next_page().items] == ["after-c2"]
    assert [event.id for event in first.next_page().items] == ["after-c2"]
    assert [event.id for event in first] == ["after-None", "after-c2"]
    assert [event.id for event in first] == ["after-None", "after-c2"]
    assert server.count == 5


def test_a_server_ignoring_starting_after_stops_iteration(server: FaultServer, paging: Any) -> None:
    from sdkpaging import PaginationLoopError

    server.fallback = Reply.json({"data": songs("ch_1", "ch_2"), "has_more": True})
    with pytest.raises(PaginationLoopError, match="starting_after='ch_2'"):
        list(itertools.islice(paging.charges.list(limit=2), BOUND))
    assert targets(server) == ["/api/charges?limit=2", "/api/charges?limit=2&starting_after=ch_2"]


def test_the_last_id_is_the_next_cursor_while_has_more(server: FaultServer, paging: Any) -> None:
    server.enqueue(
        Reply.json({"data": songs("ch_1", "ch_2"), "has_more": True}),
        Reply.json({"data": songs("ch_3"), "has_more": False}),
    )
    assert [charge.id for charge in paging.charges.list(limit=2)] == ["ch_1", "ch_2", "ch_3"]
    assert targets(server) == ["/api/charges?limit=2", "/api/charges?limit=2&starting_after=ch_2"]


def link_pages(server: FaultServer) -> list[Reply]:
    return [
        # absolute, on the client's origin: its own query, the first request's `q` not repeated
        Reply.json(
            {"results": songs("a"), "links": {"next": f"{server.url}/api/tracks?page=2&limit=1"}}
        ),
        Reply.json({"results": songs("b"), "links": {"next": "/api/tracks?page=3&limit=1"}}),
        Reply.json({"results": songs("c"), "links": {"next": None}}),
    ]


LINK_TARGETS = [
    "/api/tracks?limit=1&q=x",
    "/api/tracks?page=2&limit=1&q=x",
    "/api/tracks?page=3&limit=1&q=x",
]


def test_next_links_on_the_same_origin_are_followed_with_the_credentials(
    server: FaultServer, paging: Any
) -> None:
    server.enqueue(*link_pages(server))
    assert [track.id for track in paging.tracks.list(limit=1, q="x")] == ["a", "b", "c"]
    assert targets(server) == LINK_TARGETS
    assert [request.headers.get("x-api-key") for request in server.requests] == [KEY] * 3


@pytest.mark.anyio
async def test_next_links_are_followed_async(server: FaultServer, async_paging: Any) -> None:
    server.enqueue(*link_pages(server))
    async with async_paging as client:
        assert [track.id async for track in client.tracks.list(limit=1, q="x")] == list("abc")
    assert targets(server) == LINK_TARGETS


def test_a_hal_list_is_read_where_it_is_embedded_and_its_next_link_followed(
    server: FaultServer, paging: Any
) -> None:
    def page(*ids: str, following: str | None) -> Reply:
        links = {"next": {"href": following}} if following else {}
        return Reply.json({"_embedded": {"albums": songs(*ids)}, "_links": links})

    server.enqueue(
        page("a", "b", following="/api/albums?page=2&page_size=2"), page("c", following=None)
    )
    albums = paging.albums.list(page_size=2)
    assert [album.title for album in albums] == ["A", "B", "C"]
    assert targets(server) == ["/api/albums?page_size=2", "/api/albums?page=2&page_size=2"]


def test_an_offset_the_server_ignores_stops_iteration_at_the_repeated_page(
    server: FaultServer, paging: Any
) -> None:
    from sdkpaging import PaginationLoopError

    server.fallback = Reply.json({"incidents": songs("a", "b"), "offset": 0, "more": True})
    seen: list[str] = []
    with pytest.raises(PaginationLoopError, match="offset='2' holds the same 2 items") as loop:
        seen.extend(incident.id for incident in itertools.islice(paging.incidents.list(), BOUND))
    assert seen == ["a", "b"]  # the repeated page's items are not delivered again
    assert loop.value.repeated == "2"
    assert server.count == 2


def test_one_next_page_step_hands_over_what_the_server_sent(
    server: FaultServer, paging: Any
) -> None:
    """Only iteration judges a repeated page: one explicit step is the caller's to judge."""
    server.fallback = Reply.json({"incidents": songs("a", "b"), "offset": 0, "more": True})
    first = paging.incidents.list()
    assert [incident.id for incident in first.next_page().items] == ["a", "b"]
    assert server.count == 2


@pytest.mark.anyio
async def test_an_offset_the_server_ignores_stops_iteration_async(
    server: FaultServer, async_paging: Any
) -> None:
    from sdkpaging import PaginationLoopError

    server.fallback = Reply.json({"items": songs("a"), "total": 1000})
    seen: list[str] = []
    async with async_paging as client:
        with pytest.raises(PaginationLoopError, match="offset='1'"):
            async for song in client.songs.list():
                seen.append(song.id)
                assert len(seen) < BOUND
    assert server.count == 2


def repeated_link(request: RecordedRequest) -> Reply:
    """Fresh items every time, and always the same next link."""
    items = songs(f"t{next(ANSWERED)}")
    return Reply.json({"results": items, "links": {"next": "/api/tracks?page=2&key=s3cret"}})


ANSWERED = itertools.count()


def test_a_next_link_that_repeats_stops_iteration(server: FaultServer, paging: Any) -> None:
    from sdkpaging import PaginationLoopError

    server.enqueue(Reply.json({"results": songs("z"), "links": {"next": "/api/tracks?page=2"}}))
    server.fallback = repeated_link
    with pytest.raises(PaginationLoopError) as loop:
        list(itertools.islice(paging.tracks.list(), BOUND))
    assert "page 3 points to the next link '/api/tracks?page=...&key=...'" in str(loop.value)
    assert "s3cret" not in str(loop.value)  # link values may echo a credential
    assert loop.value.repeated == "/api/tracks?page=2&key=s3cret"
    assert server.count == 3


@pytest.mark.anyio
async def test_a_next_link_that_repeats_stops_iteration_async(
    server: FaultServer, async_paging: Any
) -> None:
    from sdkpaging import PaginationLoopError

    server.fallback = repeated_link
    async with async_paging as client:
        page = await client.tracks.list()
        with pytest.raises(PaginationLoopError, match="page 2 points to the next link"):
            async for _ in page.iter_pages():
                assert server.count < BOUND
    assert server.count == 2


def test_a_next_link_to_another_origin_is_refused_and_nothing_is_sent_there(
    server: FaultServer, elsewhere: FaultServer, paging: Any
) -> None:
    from sdkpaging import SDKError

    link = f"{elsewhere.url}/api/tracks?page=2"
    server.enqueue(Reply.json({"results": songs("a"), "links": {"next": link}}))
    items = iter(paging.tracks.list())
    assert next(items).id == "a"
    with pytest.raises(SDKError, match="another origin") as refused:
        next(items)
    assert server.url.rsplit(":", 1)[1] in str(refused.value)  # names where requests may go
    assert elsewhere.count == 0
    assert server.count == 1


@pytest.mark.anyio
async def test_a_next_link_to_another_origin_is_refused_async(
    server: FaultServer, elsewhere: FaultServer, async_paging: Any
) -> None:
    from sdkpaging import SDKError

    link = f"{elsewhere.url}/api/tracks"
    server.enqueue(Reply.json({"results": songs("a"), "links": {"next": link}}))
    async with async_paging as client:
        page = await client.tracks.list()
        with pytest.raises(SDKError, match="another origin"):
            await page.next_page()
    assert elsewhere.count == 0


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("/admin/keys", "outside the API's base path"),
        ("/api/../admin", "outside the API's base path"),
        ("/api/%2e%2e/admin", "'.' or '..' segment"),
        ("//evil.example/api/tracks", "another origin"),
        ("https://{host}/api/tracks", "another origin"),  # same host and port, another scheme
        ("http://user@{host}/api/tracks", "names a user"),
    ],
)
def test_a_next_link_cannot_leave_the_api(
    server: FaultServer, paging: Any, link: str, reason: str
) -> None:
    from sdkpaging import SDKError

    host = server.url.removeprefix("http://")
    server.enqueue(Reply.json({"results": songs("a"), "links": {"next": link.format(host=host)}}))
    page = paging.tracks.list()
    with pytest.raises(SDKError, match=reason):
        page.next_page()
    assert server.count == 1


@pytest.mark.parametrize("resource", ["songs", "incidents", "events", "charges", "tracks"])
def test_the_fake_answers_each_style_with_a_last_page(resource: str) -> None:
    from sdkpaging.testing import FakePaging

    client = FakePaging()
    items = list(itertools.islice(getattr(client, resource).list(limit=3), 100))
    assert 0 < len(items) < 100  # made from the spec's schema, and not endless
    assert len(client.fake.calls) == 1  # the page says it is the last one


# Page numbers with no end marker: the next number until a page comes back empty.
SITE_PAGES = [Reply.json(songs("a", "b")), Reply.json(songs("c")), Reply.json([])]
SITE_TARGETS = [
    "/api/sites?per_page=2",
    "/api/sites?per_page=2&page=2",
    "/api/sites?per_page=2&page=3",
]


def test_page_numbers_alone_advance_until_an_empty_page(server: FaultServer, paging: Any) -> None:
    server.enqueue(*SITE_PAGES)
    assert [site.id for site in paging.sites.list(per_page=2)] == ["a", "b", "c"]
    assert targets(server) == SITE_TARGETS


@pytest.mark.anyio
async def test_page_numbers_alone_advance_until_an_empty_page_async(
    server: FaultServer, async_paging: Any
) -> None:
    server.enqueue(*SITE_PAGES)
    async with async_paging as client:
        assert [site.id async for site in client.sites.list(per_page=2)] == ["a", "b", "c"]
    assert targets(server) == SITE_TARGETS


def test_page_numbers_alone_stop_where_the_server_ignores_the_page(
    server: FaultServer, paging: Any
) -> None:
    from sdkpaging import PaginationLoopError

    server.enqueue(*[Reply.json(songs("a", "b"))] * BOUND)
    with pytest.raises(PaginationLoopError):
        list(itertools.islice(paging.sites.list(), BOUND))
    assert server.count == 2


# An offset beside a page size, no end marker: past the items received until a page is empty.
REALM_PAGES = [Reply.json(songs("a", "b")), Reply.json(songs("c")), Reply.json([])]
REALM_TARGETS = ["/api/realms?max=2", "/api/realms?max=2&first=2", "/api/realms?max=2&first=3"]


def test_an_offset_beside_a_page_size_advances_until_an_empty_page(
    server: FaultServer, paging: Any
) -> None:
    server.enqueue(*REALM_PAGES)
    assert [realm.id for realm in paging.realms.list(max=2)] == ["a", "b", "c"]
    assert targets(server) == REALM_TARGETS


@pytest.mark.anyio
async def test_an_offset_beside_a_page_size_advances_until_an_empty_page_async(
    server: FaultServer, async_paging: Any
) -> None:
    server.enqueue(*REALM_PAGES)
    async with async_paging as client:
        assert [realm.id async for realm in client.realms.list(max=2)] == ["a", "b", "c"]
    assert targets(server) == REALM_TARGETS


def _realm_links(*relations: tuple[str, int]) -> dict[str, str]:
    links = [f'</api/realms?max=2&first={first}>; rel="{name}"' for name, first in relations]
    return {"Link": ", ".join(links)}


def test_an_offset_page_whose_link_header_names_no_next_is_the_last(
    server: FaultServer, paging: Any
) -> None:
    """ORY Hydra pages its clients by offset and says in `Link` which pages there are: a page
    whose links name no `next` is the last, so nothing is asked past it."""
    server.enqueue(
        Reply.json(songs("a", "b"), headers=_realm_links(("first", 0), ("next", 2), ("last", 2))),
        Reply.json(songs("c"), headers=_realm_links(("first", 0), ("prev", 0), ("last", 2))),
    )
    assert [realm.id for realm in paging.realms.list(max=2)] == ["a", "b", "c"]
    assert targets(server) == REALM_TARGETS[:2]


def test_a_link_header_that_does_not_page_leaves_offsets_to_an_empty_page(
    server: FaultServer, paging: Any
) -> None:
    described = {"Link": '</api/schema>; rel="describedby"'}
    bodies = (songs("a", "b"), songs("c"), [])
    server.enqueue(*(Reply.json(body, headers=described) for body in bodies))
    assert [realm.id for realm in paging.realms.list(max=2)] == ["a", "b", "c"]
    assert targets(server) == REALM_TARGETS
