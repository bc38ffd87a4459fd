"""What reaches the server: path segments, query, headers and JSON bodies, as seen on the wire."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import uuid
import zlib
from collections.abc import Callable

import httpx
import pytest
from sdkrt._exceptions import SDKError
from sdkrt._types import NOT_GIVEN, RequestOptions

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import API_KEY, Credentials, NoWaitAsyncDemo, NoWaitDemo, Owner

WIDGET = {"id": "w1"}

# id -> the single path segment that must arrive
PATH_IDS = [
    (".", "%2E"),
    ("..", "%2E%2E"),
    ("a/b", "a%2Fb"),
    ("a?b#c", "a%3Fb%23c"),
    ("ü", "%C3%BC"),
    ("50% off", "50%25%20off"),
    ("../../admin", "..%2F..%2Fadmin"),
]


@pytest.mark.parametrize(("widget_id", "segment"), PATH_IDS)
def test_a_path_id_reaches_the_server_as_one_encoded_segment(
    server: FaultServer, client: NoWaitDemo, widget_id: str, segment: str
) -> None:
    server.enqueue(Reply.json(WIDGET))
    client.widgets.get(widget_id)
    assert server.requests[0].raw_path == f"/v1/widgets/{segment}"


@pytest.mark.anyio
@pytest.mark.parametrize(("widget_id", "segment"), PATH_IDS)
async def test_a_path_id_reaches_the_server_as_one_encoded_segment_async(
    server: FaultServer, async_client: NoWaitAsyncDemo, widget_id: str, segment: str
) -> None:
    server.enqueue(Reply.json(WIDGET))
    await async_client.widgets.get(widget_id)
    assert server.requests[0].raw_path == f"/v1/widgets/{segment}"


def test_an_empty_path_id_is_refused_before_any_request(
    server: FaultServer, client: NoWaitDemo
) -> None:
    with pytest.raises(ValueError, match="'id'"):
        client.widgets.get("")
    assert server.count == 0


@pytest.mark.anyio
async def test_an_empty_path_id_is_refused_before_any_request_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    with pytest.raises(ValueError, match="'id'"):
        await async_client.widgets.get("")
    assert server.count == 0


def test_a_base_url_path_prefix_is_kept(server: FaultServer) -> None:
    server.enqueue(Reply.json(WIDGET))
    with NoWaitDemo(api_key=API_KEY, base_url=f"{server.url}/proxy/") as client:
        client.widgets.get("w1")
    assert server.requests[0].raw_path == "/proxy/v1/widgets/w1"


def test_a_caller_supplied_http_client_keeps_its_headers_and_cookies_under_ours(
    server: FaultServer,
) -> None:
    server.enqueue(Reply.json(WIDGET))
    own = {"Accept": "text/plain", "X-Via": "proxy"}
    with (
        httpx.Client(headers=own, cookies={"session": "s1"}) as http_client,
        NoWaitDemo(api_key=API_KEY, base_url=server.url, http_client=http_client) as client,
    ):
        client.widgets.get("w1", x_trace="abc")
    headers = server.requests[0].headers
    assert (headers["accept"], headers["x-via"], headers["x-trace"]) == (
        "application/json",
        "proxy",
        "abc",
    )
    assert (headers["authorization"], headers["cookie"]) == (f"Bearer {API_KEY}", "session=s1")


@pytest.mark.parametrize(
    ("method", "body"), [("GET", NOT_GIVEN), ("POST", {"displayName": "Gadget"})]
)
def test_a_request_is_built_as_httpx_build_request_builds_it(
    client: NoWaitDemo, method: str, body: object
) -> None:
    """The runtime merges headers itself (see _request_plan); the result must not differ from
    httpx's own merge: same headers in the same order, one of each name, ours winning."""
    http_client = httpx.Client(
        headers={"ACCEPT": "text/plain", "X-Via": "proxy"},
        cookies={"session": "s1"},
        params={"tenant": "t1"},
    )
    plan = client._plan(
        method,
        "/v1/widgets/{id}",
        path_params={"id": "w1"},
        query=None,
        headers={"X-Trace": "abc"},
        json=body,
        form=None,
        files=None,
        options=RequestOptions(),
        stream=False,
    )
    budget = plan.budget()
    built = plan.build(http_client, budget, retries=1)
    expected = http_client.build_request(
        method,
        plan.url,
        headers={**plan.headers, "x-retry-count": "1"},
        content=plan.content,
        timeout=budget.attempt_timeout(plan.timeout),
    )
    assert (built.method, built.url, built.headers.raw, built.extensions) == (
        expected.method,
        expected.url,
        expected.headers.raw,
        expected.extensions,
    )
    assert built.read() == expected.read()


def page(items: list[dict[str, object]]) -> Reply:
    return Reply.json({"data": items, "meta": {"currentPage": 1, "lastPage": 1}})


def test_query_values_are_converted_and_absent_ones_dropped(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(page([]))
    since = dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=dt.UTC)
    client.widgets.list(tags=["red", "blue"], since=since, active=False, search=NOT_GIVEN)
    assert server.requests[0].query == {
        "tags": ["red", "blue"],
        "since": ["2024-05-06T07:08:09+00:00"],
        "active": ["false"],
    }


def test_a_datetime_without_a_timezone_is_refused_before_any_request(
    server: FaultServer, client: NoWaitDemo
) -> None:
    """RFC 3339 needs an offset: sent bare, `datetime.now()` meant local time but would reach
    the server as a time it reads in its own zone, or answers 400 to."""
    with pytest.raises(ValueError, match="no timezone"):
        client.widgets.list(since=dt.datetime(2024, 5, 6, 7, 8, 9))
    assert server.count == 0


def test_query_layers_merge_with_the_call_winning(server: FaultServer) -> None:
    server.enqueue(page([]))
    defaults = {"region": "eu", "search": "default", "debug": True}
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, default_query=defaults) as client:
        client.widgets.list(search="mine", extra_query={"region": "us"})
    assert server.requests[0].query == {
        "region": ["us"],
        "search": ["mine"],
        "debug": ["true"],
    }


def test_header_layers_merge_with_extra_headers_winning(server: FaultServer) -> None:
    server.enqueue(Reply.json(WIDGET), Reply.json(WIDGET))
    defaults = {"X-Team": "core", "X-Trace": "from-defaults"}
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, default_headers=defaults) as client:
        client.widgets.get("w1", x_trace="abc", extra_headers={"x-team": "edge"})
        client.widgets.get("w1")
    first, second = (request.headers for request in server.requests)
    assert (first["x-trace"], first["x-team"]) == ("abc", "edge")
    assert first["authorization"] == f"Bearer {API_KEY}"
    assert second["x-trace"] == "from-defaults"  # an absent header parameter is not sent


def test_extra_headers_can_replace_the_authorization_header(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET))
    client.widgets.get("w1", extra_headers={"authorization": "Bearer other"})
    assert server.requests[0].headers["authorization"] == "Bearer other"


def test_a_json_body_uses_wire_names_and_drops_arguments_not_given(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET))
    owner_id = uuid.UUID("12345678-1234-5678-1234-567812345678")
    client.widgets.create(display_name="Gadget", owner=Owner(id=owner_id, name="Ada"))
    request = server.requests[0]
    assert request.headers["content-type"] == "application/json"
    assert request.json() == {
        "displayName": "Gadget",
        "owner": {"id": "12345678-1234-5678-1234-567812345678", "name": "Ada"},
    }


def test_plain_dicts_pass_through_and_extra_body_wins(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET))
    client.widgets.create(
        display_name="Gadget",
        owner={"id": "o1", "name": "Ada", "futureField": [1, 2]},
        extra_body={"displayName": "Override", "beta": True},
        extra_query={"dryRun": "true"},
    )
    request = server.requests[0]
    assert request.json() == {
        "displayName": "Override",
        "owner": {"id": "o1", "name": "Ada", "futureField": [1, 2]},
        "beta": True,
    }
    assert request.query == {"dryRun": ["true"]}


def test_a_secret_field_is_sent_with_its_real_value(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET))
    credentials = Credentials(username="ada", password="hunter2")
    client.widgets.create(credentials=credentials)
    assert "hunter2" not in repr(credentials)
    assert server.requests[0].json() == {"credentials": {"username": "ada", "password": "hunter2"}}


@pytest.mark.anyio
async def test_a_json_body_is_sent_the_same_way_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(Reply.json(WIDGET))
    await async_client.widgets.create(display_name="Gadget", extra_body={"beta": True})
    assert server.requests[0].json() == {"displayName": "Gadget", "beta": True}


@pytest.mark.parametrize(
    ("encoding", "decode"),
    [("gzip", gzip.decompress), ("deflate", zlib.decompress), ("identity", bytes)],
)
def test_a_body_the_client_writes_is_encoded_as_its_content_encoding_says(
    server: FaultServer, client: NoWaitDemo, encoding: str, decode: Callable[[bytes], bytes]
) -> None:
    """Datadog's log intake takes `Content-Encoding: gzip`: a JSON body labelled gzip but sent
    plain is one the server cannot read, so the client compresses what it serialized."""
    server.enqueue(Reply.json(WIDGET))
    client.widgets.create(display_name="Gadget", extra_headers={"Content-Encoding": encoding})
    request = server.requests[0]
    assert request.headers["content-encoding"] == encoding
    assert json.loads(decode(request.body)) == {"displayName": "Gadget"}
    assert request.headers["content-length"] == str(len(request.body))


def test_bytes_the_caller_gives_are_sent_as_the_encoded_body(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET))
    packed = gzip.compress(b"already packed")
    headers = {"Content-Encoding": "gzip"}
    client._request("post", "/widgets", content=packed, headers=headers, cast_to=object)
    assert server.requests[0].body == packed


def test_an_encoding_the_client_cannot_apply_is_refused_before_sending(
    server: FaultServer, client: NoWaitDemo
) -> None:
    with pytest.raises(SDKError, match="Cannot encode the request body as 'br'"):
        client.widgets.create(display_name="Gadget", extra_headers={"Content-Encoding": "br"})
    assert server.count == 0
