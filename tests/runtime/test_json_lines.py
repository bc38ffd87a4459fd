"""JSON lines against a real loopback server: items yielded as each line arrives (before the
server finishes), keep-alive lines skipped, a line that is not JSON named by its number, and the
connection closed when the caller stops early."""

from __future__ import annotations

import time

import pytest
from sdkrt._exceptions import APITimeoutError
from sdkrt._jsonl import AsyncJSONLinesStream, JSONLineError, JSONLinesStream
from sdkrt._models import BaseModel

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import API_KEY, NoWaitAsyncDemo, NoWaitDemo

PAUSE = 1.0


class Tweet(BaseModel):
    id: str
    text: str


def lines(pieces: list[bytes | float], media: str = "application/x-ndjson") -> Reply:
    return Reply.streamed(lambda: pieces, headers={"Content-Type": media})


# Twitter's shape: a value per line, `\r\n` heartbeats between them, and a pause mid-stream.
TWEETS: list[bytes | float] = [
    b'{"id": "1", "text": "first"}\r\n',
    b"\r\n",
    PAUSE,
    b'\r\n{"id": "2", "text": "sec',
    b'ond"}\n\n{"id": "3", "text": "last"}',
]


def test_each_line_is_yielded_as_it_arrives_and_heartbeats_are_skipped(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(lines(TWEETS))
    started = time.monotonic()
    with client._request("get", "/v1/stream", cast_to=JSONLinesStream[Tweet]) as stream:
        items = iter(stream)
        first = next(items)
        assert time.monotonic() - started < PAUSE * 0.7  # before the server has finished
        rest = list(items)
    assert time.monotonic() - started >= PAUSE * 0.9
    assert [first.text, *(tweet.text for tweet in rest)] == ["first", "second", "last"]
    assert stream.response.is_closed


def test_a_record_separator_before_each_value_is_dropped(
    server: FaultServer, client: NoWaitDemo
) -> None:
    pieces: list[bytes | float] = [b'\x1e{"id": "1", "text": "a"}\n\x1e{"id": "2", "text": "b"}\n']
    server.enqueue(lines(pieces, "application/json-seq"))
    stream = client._request("get", "/v1/stream", cast_to=JSONLinesStream[Tweet])
    assert [tweet.id for tweet in stream] == ["1", "2"]


def test_a_line_that_is_not_json_raises_naming_its_number(
    server: FaultServer, client: NoWaitDemo
) -> None:
    pieces: list[bytes | float] = [b'{"id": "1", "text": "a"}\r\n\r\n', b"<html>oops</html>\r\n"]
    server.enqueue(lines(pieces))
    stream = client._request("get", "/v1/stream", cast_to=JSONLinesStream[Tweet])
    items = iter(stream)
    assert next(items).id == "1"
    with pytest.raises(JSONLineError, match=r"^Line 3 from GET .*: it is not JSON") as caught:
        next(items)
    assert caught.value.line_number == 3 and caught.value.body == "<html>oops</html>"
    assert stream.response.is_closed


def test_a_line_of_the_wrong_shape_raises_under_strict_validation(server: FaultServer) -> None:
    server.enqueue(lines([b'{"id": "1"}\n']))
    strict = NoWaitDemo(api_key=API_KEY, base_url=server.url, strict_response_validation=True)
    with strict as client:
        stream = client._request("get", "/v1/stream", cast_to=JSONLinesStream[Tweet])
        with pytest.raises(JSONLineError, match=r"Line 1 .* does not match the declared type"):
            list(stream)


def test_breaking_out_early_closes_the_connection(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(lines([b'{"id": "1", "text": "a"}\n', 30.0, b'{"id": "2", "text": "b"}\n']))
    started = time.monotonic()
    stream = client._request("get", "/v1/stream", cast_to=JSONLinesStream[Tweet])
    for tweet in stream:
        assert tweet.id == "1"
        break
    assert stream.response.is_closed  # the loop's iterator is released, and closes it
    server.enqueue(lines([b'{"id": "1", "text": "a"}\n', 30.0]))
    with client._request("get", "/v1/stream", cast_to=JSONLinesStream[Tweet]) as unread:
        pass  # leaving the block releases a stream never iterated
    assert unread.response.is_closed
    assert time.monotonic() - started < 5


def test_a_stream_that_goes_quiet_times_out(server: FaultServer) -> None:
    server.enqueue(lines([b'{"id": "1", "text": "a"}\n', 30.0]))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, timeout=1.0) as client:
        stream = client._request("get", "/v1/stream", cast_to=JSONLinesStream[Tweet])
        items = iter(stream)
        assert next(items).id == "1"
        with pytest.raises(APITimeoutError, match="No line for 1 s"):
            next(items)


@pytest.mark.anyio
async def test_async_lines_arrive_as_sent(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(lines(TWEETS))
    started = time.monotonic()
    stream = await async_client._request("get", "/v1/stream", cast_to=AsyncJSONLinesStream[Tweet])
    async with stream:
        items = aiter(stream)
        first = await anext(items)
        assert time.monotonic() - started < PAUSE * 0.7
        rest = [tweet async for tweet in items]
    assert [first.id, *(tweet.id for tweet in rest)] == ["1", "2", "3"]
    assert stream.response.is_closed


@pytest.mark.anyio
async def test_an_async_bad_line_raises_and_closes(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(lines([b"\r\n", b"not json\n"]))
    stream = await async_client._request("get", "/v1/stream", cast_to=AsyncJSONLinesStream[Tweet])
    with pytest.raises(JSONLineError, match=r"^Line 2 "):
        async for _tweet in stream:
            pass
    assert stream.response.is_closed


def test_a_sync_client_refuses_the_async_lines_type(client: NoWaitDemo) -> None:
    with pytest.raises(TypeError, match="twin"):
        client._request("get", "/v1/stream", cast_to=AsyncJSONLinesStream[Tweet])
