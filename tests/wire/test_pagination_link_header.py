"""Paging by the ``Link`` response header against a real server: the links iteration follows,
the exact requests it sends, where it stops, and the links it refuses.

``listRepos`` in ``fixtures/paging/openapi.yaml`` answers a bare array of items, as GitHub does,
and names the next page in its ``Link`` header.
"""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.support.fault_server import FaultServer, Reply

from .conftest import PAGING_KEY


def repos(*ids: str) -> list[dict[str, str]]:
    return [{"id": each, "title": each.upper()} for each in ids]


def repo_pages(server: FaultServer) -> list[Reply]:
    """Three pages, whose links are written in the ways servers write them: absolute with other
    relations beside, several relation types and a comma in the URL, relative; the last page
    has links, but none to a next page."""
    return [
        Reply.json(
            repos("a", "b"),
            headers={
                "Link": f'<{server.url}/api/repos?per_page=2&sort=name&page=2>; rel="next", '
                f'<{server.url}/api/repos?per_page=2&sort=name&page=3>; rel="last"'
            },
        ),
        Reply.json(
            repos("c", "d"),
            headers={
                "Link": '</api/repos?page=1>; rel="prev first"; title="a, <b>", '
                '</api/repos?per_page=2&sort=name,id&page=3>; title="3; last"; rel="last NEXT"'
            },
        ),
        Reply.json(repos("e"), headers={"Link": '</api/repos?page=2>; rel="prev"'}),
    ]


REPO_TARGETS = [
    "/api/repos?per_page=2&sort=name",
    "/api/repos?per_page=2&sort=name&page=2",
    "/api/repos?per_page=2&sort=name,id&page=3",
]


def targets(server: FaultServer) -> list[str]:
    return [request.raw_path for request in server.requests]


def test_the_next_link_of_the_header_is_followed_until_there_is_none(
    server: FaultServer, paging: Any
) -> None:
    server.enqueue(*repo_pages(server))
    first = paging.repos.list(per_page=2, sort="name")
    assert [repo.id for repo in first.items] == ["a", "b"]
    assert server.count == 1  # later pages wait until iteration reaches them
    assert [repo.id for repo in first] == ["a", "b", "c", "d", "e"]
    assert targets(server) == REPO_TARGETS
    assert all(request.headers["x-api-key"] == PAGING_KEY for request in server.requests)


@pytest.mark.anyio
async def test_the_next_link_of_the_header_is_followed_async(
    server: FaultServer, async_paging: Any
) -> None:
    server.enqueue(*repo_pages(server))
    async with async_paging as client:
        first = await client.repos.list(per_page=2, sort="name")
        pages = [[repo.id for repo in page.items] async for page in first.iter_pages()]
    assert pages == [["a", "b"], ["c", "d"], ["e"]]
    assert targets(server) == REPO_TARGETS


def test_a_reply_without_the_header_is_the_last_page(server: FaultServer, paging: Any) -> None:
    server.enqueue(Reply.json(repos("a")))
    page = paging.repos.list()
    assert not page.has_next_page()
    assert [repo.id for repo in page] == ["a"]
    assert server.count == 1


def test_an_empty_page_ends_iteration_whatever_the_header_says(
    server: FaultServer, paging: Any
) -> None:
    server.enqueue(Reply.json([], headers={"Link": '</api/repos?page=2>; rel="next"'}))
    assert list(paging.repos.list()) == []
    assert server.count == 1


def test_a_header_link_to_another_origin_is_refused_and_nothing_is_sent_there(
    server: FaultServer, elsewhere: FaultServer, paging: Any
) -> None:
    from sdkpaging import SDKError

    link = f'<{elsewhere.url}/api/repos?page=2>; rel="next"'
    server.enqueue(Reply.json(repos("a"), headers={"Link": link}))
    items = iter(paging.repos.list())
    assert next(items).id == "a"
    with pytest.raises(SDKError, match="another origin"):
        next(items)
    assert elsewhere.count == 0
    assert server.count == 1


@pytest.mark.anyio
async def test_a_header_link_to_another_origin_is_refused_async(
    server: FaultServer, elsewhere: FaultServer, async_paging: Any
) -> None:
    from sdkpaging import SDKError

    link = f'<{elsewhere.url}/api/repos>; rel="next"'
    server.enqueue(Reply.json(repos("a"), headers={"Link": link}))
    async with async_paging as client:
        page = await client.repos.list()
        with pytest.raises(SDKError, match="another origin"):
            await page.next_page()
    assert elsewhere.count == 0


def test_a_header_link_outside_the_api_is_refused(server: FaultServer, paging: Any) -> None:
    from sdkpaging import SDKError

    server.enqueue(Reply.json(repos("a"), headers={"Link": '</admin/keys>; rel="next"'}))
    page = paging.repos.list()
    with pytest.raises(SDKError, match="outside the API's base path"):
        page.next_page()
    assert server.count == 1


def test_a_header_link_that_repeats_stops_iteration(server: FaultServer, paging: Any) -> None:
    from sdkpaging import PaginationLoopError

    answered = itertools.count()
    server.fallback = lambda request: Reply.json(
        repos(f"r{next(answered)}"), headers={"Link": '</api/repos?page=2>; rel="next"'}
    )
    with pytest.raises(PaginationLoopError, match="page 2 points to the next link"):
        for _ in itertools.islice(paging.repos.list(), 50):
            pass
    assert server.count == 2


def test_the_fake_answers_with_a_last_page() -> None:
    from sdkpaging.testing import FakePaging

    client = FakePaging()
    items = list(itertools.islice(client.repos.list(per_page=3), 100))
    assert 0 < len(items) < 100  # made from the spec's schema, and not endless
    assert len(client.fake.calls) == 1
