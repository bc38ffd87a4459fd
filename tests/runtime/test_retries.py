"""Retries against a real loopback server: what is retried, how often, and how long it waits."""

from __future__ import annotations

import socket
import time

import httpx
import pytest
from sdkrt._exceptions import (
    APIConnectionError,
    APITimeoutError,
    InternalServerError,
    RateLimitError,
)
from sdkrt._retries import backoff_delay

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import API_KEY, AsyncDemo, Demo, NoWaitAsyncDemo, NoWaitDemo

WIDGET = {"id": "w1", "displayName": "Widget"}
BUSY = Reply.json({"message": "busy"}, status=503, headers={"Retry-After": "1"})
STORM = Reply.json({"message": "slow down"}, status=429)


def assert_waited_about_one_second(elapsed: float) -> None:
    assert 0.8 <= elapsed <= 3.0, f"expected a ~1 s pause for Retry-After: 1, took {elapsed:.2f} s"


def test_retry_after_is_honoured_with_one_real_pause(server: FaultServer) -> None:
    server.enqueue(BUSY, Reply.json(WIDGET))
    with Demo(api_key=API_KEY, base_url=server.url) as client:
        started = time.monotonic()
        widget = client.widgets.get("w1")
        elapsed = time.monotonic() - started
    assert widget.id == "w1"
    assert server.count == 2
    assert_waited_about_one_second(elapsed)


@pytest.mark.anyio
async def test_retry_after_is_honoured_with_one_real_pause_async(server: FaultServer) -> None:
    server.enqueue(BUSY, Reply.json(WIDGET))
    async with AsyncDemo(api_key=API_KEY, base_url=server.url) as client:
        started = time.monotonic()
        widget = await client.widgets.get("w1")
        elapsed = time.monotonic() - started
    assert widget.id == "w1"
    assert server.count == 2
    assert_waited_about_one_second(elapsed)


def assert_storm_outcome(error: RateLimitError, server: FaultServer, pauses: list[float]) -> None:
    assert server.count == 4
    assert error.attempts == 4
    assert "after 4 attempts" in str(error)
    assert error.status_code == 429
    assert len(pauses) == 3
    for retry, pause in enumerate(pauses, start=1):
        assert 0.75 * backoff_delay(retry, jitter=0.0) <= pause <= backoff_delay(retry, jitter=0.0)


def test_a_429_storm_gives_up_after_max_retries_plus_one_attempts(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.fallback = STORM
    with pytest.raises(RateLimitError) as caught:
        client.widgets.get("w1", max_retries=3)
    assert_storm_outcome(caught.value, server, client.pauses)


@pytest.mark.anyio
async def test_a_429_storm_gives_up_after_max_retries_plus_one_attempts_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.fallback = STORM
    with pytest.raises(RateLimitError) as caught:
        await async_client.widgets.get("w1", max_retries=3)
    assert_storm_outcome(caught.value, server, async_client.pauses)


def test_max_retries_comes_from_the_call_then_with_options_then_the_client(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.fallback = STORM
    with pytest.raises(RateLimitError):
        client.widgets.get("w1")
    assert server.count == 3  # the client default: 2 retries
    with pytest.raises(RateLimitError):
        client.with_options(max_retries=0).widgets.get("w1")
    assert server.count == 4
    with pytest.raises(RateLimitError):
        client.with_options(max_retries=0).widgets.get("w1", max_retries=1)
    assert server.count == 6


def test_a_connection_reset_mid_response_is_retried_for_get(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET, fault="reset"), Reply.json(WIDGET))
    assert client.widgets.get("w1").id == "w1"
    assert server.count == 2


def test_a_connection_reset_on_every_attempt_raises_a_connection_error(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.fallback = Reply.json(WIDGET, fault="reset")
    with pytest.raises(APIConnectionError) as caught:
        client.widgets.get("w1")
    assert type(caught.value) is APIConnectionError
    assert isinstance(caught.value.__cause__, httpx.ReadError)  # wrapped, never leaked
    assert caught.value.attempts == 3
    assert "GET /v1/widgets/w1 after 3 attempts" in str(caught.value)
    assert server.count == 3


@pytest.mark.anyio
async def test_a_connection_reset_mid_response_is_retried_for_get_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(Reply.json(WIDGET, fault="reset"), Reply.json(WIDGET))
    assert (await async_client.widgets.get("w1")).id == "w1"
    assert server.count == 2


@pytest.mark.anyio
async def test_a_connection_reset_on_every_attempt_raises_a_connection_error_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.fallback = Reply.json(WIDGET, fault="reset")
    with pytest.raises(APIConnectionError) as caught:
        await async_client.widgets.get("w1")
    assert type(caught.value) is APIConnectionError
    assert caught.value.attempts == 3
    assert server.count == 3


def test_a_post_whose_connection_was_reset_is_not_retried(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.fallback = Reply.json(WIDGET, fault="reset")
    with pytest.raises(APIConnectionError):
        client.widgets.create(display_name="once")
    assert server.count == 1  # the server may have acted on it; sending again could duplicate


@pytest.mark.anyio
async def test_a_post_whose_connection_was_reset_is_not_retried_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.fallback = Reply.json(WIDGET, fault="reset")
    with pytest.raises(APIConnectionError):
        await async_client.widgets.create(display_name="once")
    assert server.count == 1


def test_a_reply_slower_than_the_timeout_raises_a_timeout_error(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.fallback = Reply.json(WIDGET, delay=10)
    with pytest.raises(APITimeoutError) as caught:
        client.widgets.get("w1", timeout=0.2, max_retries=1)
    assert caught.value.attempts == 2
    assert "timed out" in str(caught.value)
    assert server.count == 2


@pytest.mark.anyio
async def test_a_reply_slower_than_the_timeout_raises_a_timeout_error_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.fallback = Reply.json(WIDGET, delay=10)
    with pytest.raises(APITimeoutError) as caught:
        await async_client.widgets.get("w1", timeout=0.2, max_retries=1)
    assert caught.value.attempts == 2
    assert server.count == 2


def test_a_post_answered_502_is_not_retried_unless_idempotent(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json({"message": "bad gateway"}, status=502))
    with pytest.raises(InternalServerError):
        client.widgets.create(display_name="x")
    assert server.count == 1

    server.enqueue(Reply.json({"message": "bad gateway"}, status=502), Reply.json(WIDGET))
    assert client.widgets.create(display_name="x", idempotent=True).id == "w1"
    assert server.count == 3


@pytest.mark.anyio
async def test_a_post_answered_502_is_not_retried_unless_idempotent_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(Reply.json({"message": "bad gateway"}, status=502))
    with pytest.raises(InternalServerError):
        await async_client.widgets.create(display_name="x")
    assert server.count == 1

    server.enqueue(Reply.json({"message": "bad gateway"}, status=502), Reply.json(WIDGET))
    assert (await async_client.widgets.create(display_name="x", idempotent=True)).id == "w1"
    assert server.count == 3


@pytest.mark.parametrize("refusal", [STORM, BUSY], ids=["429", "503-retry-after"])
def test_a_post_the_server_refused_to_process_is_retried(
    server: FaultServer, client: NoWaitDemo, refusal: Reply
) -> None:
    server.enqueue(refusal, Reply.json(WIDGET))
    assert client.widgets.create(display_name="x").id == "w1"
    assert server.count == 2
    assert server.requests[0].body == server.requests[1].body


@pytest.mark.anyio
@pytest.mark.parametrize("refusal", [STORM, BUSY], ids=["429", "503-retry-after"])
async def test_a_post_the_server_refused_to_process_is_retried_async(
    server: FaultServer, async_client: NoWaitAsyncDemo, refusal: Reply
) -> None:
    server.enqueue(refusal, Reply.json(WIDGET))
    assert (await async_client.widgets.create(display_name="x")).id == "w1"
    assert server.count == 2


def test_the_pause_requested_by_retry_after_is_the_one_taken(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(
        Reply.json({}, status=503, headers={"Retry-After": "7"}),
        Reply.json({}, status=503, headers={"retry-after-ms": "1500"}),
        Reply.json({}, status=503, headers={"Retry-After": "3600"}),
        Reply.json(WIDGET),
    )
    client.widgets.create(display_name="x", max_retries=3)
    assert client.pauses[:2] == [7.0, 1.5]
    assert client.pauses[2] <= backoff_delay(3, jitter=0.0)  # over the cap: back off instead


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_a_post_that_could_not_connect_is_retried() -> None:
    client = NoWaitDemo(api_key=API_KEY, base_url=f"http://127.0.0.1:{unused_port()}")
    with client, pytest.raises(APIConnectionError) as caught:
        client.widgets.create(display_name="x")
    assert caught.value.attempts == 3
    assert len(client.pauses) == 2


@pytest.mark.anyio
async def test_a_post_that_could_not_connect_is_retried_async() -> None:
    base_url = f"http://127.0.0.1:{unused_port()}"
    async with NoWaitAsyncDemo(api_key=API_KEY, base_url=base_url) as client:
        with pytest.raises(APIConnectionError) as caught:
            await client.widgets.create(display_name="x")
    assert caught.value.attempts == 3
