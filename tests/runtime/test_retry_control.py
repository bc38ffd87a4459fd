"""Who decides whether a POST may be repeated: the client, the call, or an idempotency key the
API honours; and every retry says how many attempts came before it."""

from __future__ import annotations

import pytest
from sdkrt._auth import SecurityScheme
from sdkrt._exceptions import InternalServerError
from sdkrt._types import RequestOptions

from tests.support.fault_server import FaultServer, Reply

from . import custom
from .demo_sdk import API_KEY, NoWaitAsyncDemo, NoWaitDemo

BOOM = Reply.json({"message": "boom"}, status=502)
KEYED = custom.settings(
    {"token": SecurityScheme("bearer")}, (("token",),), idempotency_header="Idempotency-Key"
)


def test_a_post_is_not_repeated_by_default(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(BOOM, Reply.json({"id": "w1"}))
    with pytest.raises(InternalServerError):
        client.post("/v1/widgets", cast_to=dict, body={"displayName": "w"})
    assert server.count == 1


def test_a_client_may_allow_every_post_to_be_retried(server: FaultServer) -> None:
    server.enqueue(BOOM, Reply.json({"id": "w1"}))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, retry_non_idempotent=True) as client:
        assert client.post("/v1/widgets", cast_to=dict, body={})["id"] == "w1"
    assert server.count == 2


def test_a_call_overrides_the_client_either_way(server: FaultServer) -> None:
    server.enqueue(BOOM, BOOM, Reply.json({"id": "w1"}))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, retry_non_idempotent=True) as client:
        with pytest.raises(InternalServerError):
            client.post("/v1/w", cast_to=dict, options=RequestOptions(idempotent=False))
        assert server.count == 1
        cautious = client.with_options(retry_non_idempotent=False)
        assert cautious.post("/v1/w", cast_to=dict, options=RequestOptions(idempotent=True))
    assert server.count == 3


def test_an_idempotency_key_is_made_once_per_call_and_resent_with_every_attempt(
    server: FaultServer,
) -> None:
    server.enqueue(BOOM, BOOM, Reply.json({}), Reply.json({}))
    with custom.sync_client(KEYED, api_key=API_KEY, base_url=server.url) as client:
        client.post("/v1/sessions", cast_to=dict, body={})
        client.post("/v1/sessions", cast_to=dict, body={})
    keys = [request.headers["idempotency-key"] for request in server.requests]
    assert keys[0] == keys[1] == keys[2] != keys[3]
    assert len(set(keys)) == 2 and all(len(key) == 36 for key in keys)


def test_a_key_the_caller_gives_is_kept(server: FaultServer) -> None:
    server.enqueue(BOOM, Reply.json({}))
    with custom.sync_client(KEYED, api_key=API_KEY, base_url=server.url) as client:
        client.post("/v1/sessions", cast_to=dict, headers={"Idempotency-Key": "mine-1"})
    assert [request.headers["idempotency-key"] for request in server.requests] == ["mine-1"] * 2


def test_an_operation_can_declare_its_own_idempotency_header(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(BOOM, Reply.json({}))
    client._request("post", "/v1/pay", cast_to=dict, idempotency_header="X-Request-Key")
    first, second = server.requests
    assert first.headers["x-request-key"] == second.headers["x-request-key"]


def test_safe_methods_carry_no_idempotency_key(server: FaultServer) -> None:
    server.enqueue(Reply.json({}))
    with custom.sync_client(KEYED, api_key=API_KEY, base_url=server.url) as client:
        client.get("/v1/sessions", cast_to=dict)
    assert "idempotency-key" not in server.requests[0].headers


def test_every_retry_says_how_many_attempts_came_before(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(BOOM, BOOM, Reply.json({"id": "w1"}))
    client.widgets.get("w1")
    counts = [request.headers.get("x-retry-count") for request in server.requests]
    assert counts == [None, "1", "2"]


@pytest.mark.anyio
async def test_an_idempotency_key_survives_async_retries(server: FaultServer) -> None:
    server.enqueue(BOOM, Reply.json({}))
    async with custom.async_client(KEYED, api_key=API_KEY, base_url=server.url) as client:
        await client.post("/v1/sessions", cast_to=dict)
    first, second = server.requests
    assert first.headers["idempotency-key"] == second.headers["idempotency-key"]
    assert (first.headers.get("x-retry-count"), second.headers["x-retry-count"]) == (None, "1")


@pytest.mark.anyio
async def test_an_async_client_may_allow_posts_to_be_retried(server: FaultServer) -> None:
    server.enqueue(BOOM, Reply.json({"id": "w1"}))
    async with NoWaitAsyncDemo(
        api_key=API_KEY, base_url=server.url, retry_non_idempotent=True
    ) as client:
        assert (await client.post("/v1/widgets", cast_to=dict))["id"] == "w1"
