"""Parameters reach the server written as their `style` and `explode` say, in every location."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.support.fault_server import FaultServer, Reply

if TYPE_CHECKING:
    from sdkwire import Wire

NO_CONTENT = Reply(204)


def _query(server: FaultServer) -> str:
    return server.requests[-1].raw_path.partition("?")[2]


@pytest.mark.parametrize(
    ("arguments", "query"),
    [
        ({"created": {"gte": 1, "lt": 5}}, "created[gte]=1&created[lt]=5"),
        (
            {"filter": {"owner": {"id": 7}, "tags": ["a", "b"]}},
            "filter[owner][id]=7&filter[tags][0]=a&filter[tags][1]=b",
        ),
        ({"ids": [1, 2, 3]}, "ids=1,2,3"),
        ({"point": {"x": 1, "y": 2}}, "point=x,1,y,2"),
        ({"spread": {"x": 1, "y": 2}}, "x=1&y=2"),
        ({"words": ["a b", "c"]}, "words=a%20b%20c"),
        ({"pipes": ["a|b", "c"]}, "pipes=a%7Cb|c"),
        ({"repeated": ["a", "b"]}, "repeated=a&repeated=b"),
        ({"ids": ["1,5", "2"]}, "ids=1%2C5,2"),
        ({"raw": "a/b:c?d"}, "raw=a/b:c?d"),
        ({"escaped": "a/b:c?d&e=f#g"}, "escaped=a%2Fb%3Ac%3Fd%26e%3Df%23g"),
        ({"where": {"name": "x y"}}, "where=%7B%22name%22%3A%22x%20y%22%7D"),
        ({"ids": [], "created": {}}, ""),
    ],
    ids=lambda value: str(value)[:40],
)
def test_query_styles_reach_the_server_as_declared(
    server: FaultServer, client: Wire, arguments: dict[str, object], query: str
) -> None:
    server.enqueue(NO_CONTENT)
    client.params.query_styles(**arguments)  # type: ignore[arg-type]
    assert _query(server) == query


def test_a_model_argument_is_written_like_a_dict(server: FaultServer, client: Wire) -> None:
    from sdkwire.types import Range

    server.enqueue(NO_CONTENT)
    client.params.query_styles(created=Range(gte=3))
    assert _query(server) == "created[gte]=3"


def test_path_styles_reach_the_server_as_declared(server: FaultServer, client: Wire) -> None:
    server.enqueue(NO_CONTENT)
    client.params.path_styles(
        7, ["a", "b/c"], ["l1", "l2"], ["e1", "e2"], ["m1", "m2"], ["n1", "n2"], {"x": 1, "y": 2}
    )
    assert server.requests[0].path == (
        "/api/path/7/a,b%2Fc/.l1,l2/.e1.e2/;matrix=m1,m2/;matrices=n1;matrices=n2/x=1,y=2"
    )


def test_a_path_parameter_defined_by_ref_is_typed() -> None:
    import inspect

    from sdkwire.resources.params import Params

    assert inspect.signature(Params.path_styles).parameters["plain"].annotation == "int"


def test_headers_and_cookies_reach_the_server_as_declared(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(NO_CONTENT)
    client.params.headers_and_cookies(
        x_tags=["a", "b"],
        x_point={"x": 1, "y": 2},
        session="s 1;x",
        flavours=["mint", "lime"],
        spot={"x": 3, "y": 4},
    )
    headers = server.requests[0].headers
    assert headers["x-tags"] == "a,b"
    assert headers["x-point"] == "x=1,y=2"
    assert headers["cookie"] == "session=s%201%3Bx; flavours=mint,lime; spot=x,3,y,4"


def test_cookie_parameters_join_a_cookie_the_caller_set(server: FaultServer, client: Wire) -> None:
    server.enqueue(NO_CONTENT)
    client.params.headers_and_cookies(session="abc", extra_headers={"Cookie": "theirs=1"})
    assert server.requests[0].headers["cookie"] == "theirs=1; session=abc"


def test_absent_cookies_send_no_cookie_header(server: FaultServer, client: Wire) -> None:
    server.enqueue(NO_CONTENT)
    client.params.headers_and_cookies()
    assert "cookie" not in server.requests[0].headers


def test_an_accept_header_parameter_is_left_to_the_client() -> None:
    """OpenAPI says to ignore a header parameter named Accept, Content-Type or Authorization."""
    import inspect

    from sdkwire.resources.params import Params

    assert "accept" not in inspect.signature(Params.headers_and_cookies).parameters


def test_a_fragment_in_a_spec_path_is_not_sent_and_the_query_survives(
    server: FaultServer, client: Wire
) -> None:
    """`/docs#anchor` names the URL `/docs` (a fragment never reaches a server); left in the
    URL, the `#` would have swallowed the query."""
    server.enqueue(NO_CONTENT)
    client.params.hash_in_path(page=2)
    assert server.requests[0].raw_path == "/api/docs?page=2"


def test_a_query_in_a_spec_path_is_sent_with_the_calls_own(
    server: FaultServer, client: Wire
) -> None:
    server.enqueue(NO_CONTENT, NO_CONTENT)
    client.params.question_in_path(page=2)
    client.params.question_in_path()
    with_page, without = server.requests
    assert with_page.raw_path == "/api/ask?kind=plain&tag=a&tag=b&page=2"
    assert without.raw_path == "/api/ask?kind=plain&tag=a&tag=b"


def test_the_next_page_keeps_every_filter_as_it_was_written(
    server: FaultServer, client: Wire
) -> None:
    def page(number: int, last: int) -> Reply:
        meta = {"currentPage": number, "lastPage": last}
        return Reply.json({"data": [{"id": f"t{number}"}], "meta": meta})

    server.enqueue(page(1, 2), page(2, 2))
    items = list(client.params.list_pages(created={"gte": 1}, ids=[1, 2]))
    assert [item.id for item in items] == ["t1", "t2"]
    first, second = (request.raw_path for request in server.requests)
    assert first == "/api/pages?created[gte]=1&ids=1,2"
    assert second == "/api/pages?created[gte]=1&ids=1,2&page=2"


@pytest.mark.anyio
async def test_the_async_client_writes_the_same_query(server: FaultServer) -> None:
    from sdkwire import AsyncWire

    server.enqueue(NO_CONTENT)
    async with AsyncWire(base_url=server.url + "/api", timeout=5.0) as wire:
        await wire.params.query_styles(created={"gte": 1}, ids=[1, 2])
    assert _query(server) == "created[gte]=1&ids=1,2"
