"""Streaming: ``.with_streaming_response`` (the body left on the socket until read), typed
server-sent event streams with an idle timeout, and downloads into a path or file object."""

from __future__ import annotations

import io
import itertools
import json
import time
from pathlib import Path
from typing import Literal

import pytest
from sdkrt._exceptions import (
    APIConnectionError,
    APITimeoutError,
    NotFoundError,
    ResponseTooLargeError,
)
from sdkrt._models import BaseModel
from sdkrt._response import async_to_streamed_response_wrapper, to_streamed_response_wrapper
from sdkrt._sse import AsyncStream, ServerSentEvent, Stream
from sdkrt.resources.widgets import AsyncWidgets, Widgets

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import API_KEY, NoWaitAsyncDemo, NoWaitDemo, Widget

WIDGET = {"id": "w1", "displayName": "Widget"}
MIB = 1 << 20


class WidgetsWithStreamingResponse:
    """What the generator emits beside WidgetsWithRawResponse."""

    def __init__(self, widgets: Widgets) -> None:
        self.get = to_streamed_response_wrapper(widgets.get)
        self.list = to_streamed_response_wrapper(widgets.list)
        self.download = to_streamed_response_wrapper(widgets.download)


class AsyncWidgetsWithStreamingResponse:
    def __init__(self, widgets: AsyncWidgets) -> None:
        self.get = async_to_streamed_response_wrapper(widgets.get)
        self.download = async_to_streamed_response_wrapper(widgets.download)


def slowly(body: bytes, pause: float = 0.3) -> Reply:
    """``body`` in two halves, the second ``pause`` seconds after the headers."""
    half = len(body) // 2
    return Reply.streamed(
        lambda: [body[:half], pause, body[half:]], headers={"Content-Type": "application/json"}
    )


def test_a_streamed_response_is_handed_over_before_its_body_arrives(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(slowly(json.dumps(WIDGET).encode(), pause=0.8))
    streaming = WidgetsWithStreamingResponse(client.widgets)
    started = time.monotonic()
    with streaming.get("w1") as response:
        handed_over = time.monotonic() - started
        assert response.status_code == 200
        widget = response.parse()
    assert handed_over < 0.6
    assert isinstance(widget, Widget) and widget.display_name == "Widget"


def test_a_streamed_response_iterates_bytes_and_lines(
    server: FaultServer, client: NoWaitDemo
) -> None:
    text = b"first\r\nsecond\nthird\rlast"
    pieces: list[bytes | float] = [text[:6], text[6:7], text[7:14], text[14:]]
    server.enqueue(Reply.streamed(lambda: pieces), Reply.streamed(lambda: pieces))
    streaming = WidgetsWithStreamingResponse(client.widgets)
    with streaming.download("w1") as response:
        assert list(response.iter_lines()) == ["first", "second", "third", "last"]
    with streaming.download("w1") as response:
        assert b"".join(response.iter_bytes(5)) == text


@pytest.mark.anyio
async def test_a_streamed_response_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(slowly(b"a\nb\n"), slowly(json.dumps(WIDGET).encode()))
    streaming = AsyncWidgetsWithStreamingResponse(async_client.widgets)
    async with streaming.download("w1") as response:
        assert [line async for line in response.iter_lines()] == ["a", "b"]
    async with streaming.get("w1") as response:
        assert (await response.parse()).id == "w1"


def test_a_streamed_error_raises_when_the_block_is_entered(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json({"message": "no"}, status=404))
    with pytest.raises(NotFoundError), WidgetsWithStreamingResponse(client.widgets).get("w1"):
        pytest.fail("the block must not run")


def test_leaving_the_block_releases_an_unread_body(server: FaultServer) -> None:
    server.fallback = Reply.streamed(lambda: itertools.repeat(b"x" * 65536))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url) as client:
        streaming = WidgetsWithStreamingResponse(client.widgets)
        for _ in range(3):
            with streaming.download("w1") as response:
                assert next(response.iter_bytes())
        server.fallback = Reply.json(WIDGET)
        assert client.widgets.get("w1").id == "w1"


def test_parsing_a_streamed_body_is_limited_but_iterating_it_is_not(server: FaultServer) -> None:
    big = b"[" + b"1," * 300_000 + b"1]"
    server.enqueue(slowly(big), slowly(big))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, max_response_size=65536) as client:
        streaming = WidgetsWithStreamingResponse(client.widgets)
        with pytest.raises(ResponseTooLargeError), streaming.get("w1") as response:
            response.parse()
        with streaming.download("w1") as response:
            assert sum(len(chunk) for chunk in response.iter_bytes()) == len(big)


def test_an_endless_line_is_refused_at_the_limit(server: FaultServer) -> None:
    server.enqueue(Reply.streamed(lambda: itertools.repeat(b"x" * 65536)))
    with (
        NoWaitDemo(api_key=API_KEY, base_url=server.url, max_response_size=MIB) as client,
        pytest.raises(ResponseTooLargeError),
        WidgetsWithStreamingResponse(client.widgets).download("w1") as response,
    ):
        list(response.iter_lines())


def test_a_streamed_list_parses_to_a_page(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(Reply.json({"data": [WIDGET], "meta": {"currentPage": 1, "lastPage": 1}}))
    with WidgetsWithStreamingResponse(client.widgets).list() as response:
        page = response.parse()
    assert [widget.id for widget in page] == ["w1"]


def test_a_download_goes_to_a_file_object(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(Reply.streamed(lambda: [b"abc", 0.05, b"def"]))
    sink = io.BytesIO()
    client.widgets.download("w1").write_to_file(sink)
    assert sink.getvalue() == b"abcdef"


def test_an_interrupted_download_leaves_no_file_behind(
    server: FaultServer, client: NoWaitDemo, tmp_path: Path
) -> None:
    target = tmp_path / "video.bin"
    target.write_bytes(b"the previous version")
    server.enqueue(Reply(200, {}, b"x" * 100_000, fault="reset"))
    with pytest.raises(APIConnectionError):
        client.widgets.download("w1").write_to_file(target)
    assert target.read_bytes() == b"the previous version"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["video.bin"]


@pytest.mark.anyio
async def test_an_async_download_goes_to_a_path_or_file(
    server: FaultServer, async_client: NoWaitAsyncDemo, tmp_path: Path
) -> None:
    server.enqueue(Reply.streamed(lambda: [b"abc", 0.05, b"def"]), Reply(200, {}, b"xyz"))
    await (await async_client.widgets.download("w1")).write_to_file(tmp_path / "a.bin")
    sink = io.BytesIO()
    await (await async_client.widgets.download("w1")).write_to_file(sink)
    assert (tmp_path / "a.bin").read_bytes() == b"abcdef"
    assert sink.getvalue() == b"xyz"


class Delta(BaseModel):
    type: Literal["delta"]
    text: str


class Done(BaseModel):
    type: Literal["done"]
    tokens: int


Event = Delta | Done


def sse(*events: str) -> list[bytes | float]:
    return [event.encode() for event in events]


EVENTS = sse(
    ": keep-alive\n\n",
    'data: {"type": "delta", "text": "Hel"}\n\n',
    'id: 7\nretry: 1500\ndata: {"type": "delta",\ndata:  "text": "lo"}\n\n',
    'event: usage\ndata: {"type": "usage", "extra": 1}\n\n',
    'data: {"type": "done", "tokens": 2}\r\n\r\n',
)


def event_stream(pieces: list[bytes | float], **reply: float) -> Reply:
    headers = {"Content-Type": "text/event-stream"}
    return Reply.streamed(lambda: pieces, headers=headers, **reply)


def test_an_event_stream_iterates_typed_events_and_keeps_unknown_ones(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(event_stream(EVENTS))
    stream = client._request("get", "/v1/events", cast_to=Stream[Event])
    first, second, unknown, done = list(stream)
    assert isinstance(first, Delta) and isinstance(second, Delta)
    assert first.text + second.text == "Hello"
    # An event the SDK does not know is kept as received, built as far as it fits (as drift in
    # any response is), not dropped and not raised.
    assert unknown.type == "usage" and unknown.model_extra == {"extra": 1}
    assert isinstance(done, Done) and done.tokens == 2


def test_event_types_choose_a_type_by_event_name(server: FaultServer, client: NoWaitDemo) -> None:
    class Usage(BaseModel):
        type: str
        extra: int

    server.enqueue(event_stream(EVENTS))
    stream = client._request(
        "get", "/v1/events", cast_to=Stream[Event | Usage], event_types={"usage": Usage}
    )
    assert isinstance(list(stream)[2], Usage)


def test_raw_events_keep_their_names_ids_and_retry(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(event_stream(EVENTS))
    with client._request("get", "/v1/events", cast_to=Stream[Event]) as stream:
        events = list(stream.events())
    assert all(isinstance(event, ServerSentEvent) for event in events)
    assert [event.event for event in events] == [None, None, "usage", None]
    assert events[1].id == "7" and events[1].retry == 1500
    assert events[1].json() == {"type": "delta", "text": "lo"}


def test_done_ends_a_typed_event_stream_but_is_text_in_a_text_one(
    server: FaultServer, client: NoWaitDemo
) -> None:
    """OpenAI-style APIs (Mistral's completions) end the stream with `data: [DONE]`: not JSON,
    and no event of the declared type, it was handed to the caller as a string."""
    pieces = sse('data: {"type": "done", "tokens": 2}\n\n', "data: [DONE]\n\n")
    server.enqueue(event_stream(pieces), event_stream(pieces))
    events = list(client._request("get", "/v1/e", cast_to=Stream[Event]))
    assert [type(event) for event in events] == [Done]
    with client._request("get", "/v1/e", cast_to=Stream[str]) as stream:
        assert list(stream)[-1] == "[DONE]"


@pytest.mark.anyio
async def test_done_ends_an_async_event_stream(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(event_stream(sse('data: {"type": "done", "tokens": 1}\n\n', "data: [DONE]\n\n")))
    stream = await async_client._request("get", "/v1/e", cast_to=AsyncStream[Event])
    assert [event.type async for event in stream] == ["done"]


def test_an_event_stream_may_outlast_the_deadline_while_events_keep_coming(
    server: FaultServer,
) -> None:
    pieces = sse(*['data: {"type": "delta", "text": "."}\n\n'] * 8)
    server.enqueue(event_stream(pieces, interval=0.25))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, timeout=1.0, deadline=0.5) as client:
        stream = client._request("get", "/v1/events", cast_to=Stream[Event])
        assert len(list(stream)) == 8


def test_an_event_stream_that_goes_quiet_times_out(server: FaultServer) -> None:
    pieces = [*sse('data: {"type": "delta", "text": "."}\n\n'), 0.3, b": ping\n\n", 30.0]
    server.enqueue(event_stream(pieces))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, timeout=1.0) as client:
        stream = client._request("get", "/v1/events", cast_to=Stream[Event])
        iterator = iter(stream)
        assert isinstance(next(iterator), Delta)
        started = time.monotonic()
        with pytest.raises(APITimeoutError, match="No event for 1 s"):
            next(iterator)
    assert 0.9 <= time.monotonic() - started <= 1.6


def test_an_oversized_event_is_refused(server: FaultServer) -> None:
    pieces: list[bytes | float] = [b"data: ", *[b"x" * 65536] * 40]
    server.enqueue(event_stream(pieces))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url, max_response_size=MIB) as client:
        stream = client._request("get", "/v1/events", cast_to=Stream[Event])
        with pytest.raises(ResponseTooLargeError):
            list(stream)


@pytest.mark.anyio
async def test_an_async_event_stream(server: FaultServer, async_client: NoWaitAsyncDemo) -> None:
    server.enqueue(event_stream(EVENTS))
    stream = await async_client._request("get", "/v1/events", cast_to=AsyncStream[Event])
    events = [event async for event in stream]
    assert [event.type for event in events] == ["delta", "delta", "usage", "done"]


@pytest.mark.anyio
async def test_an_async_event_stream_that_goes_quiet_times_out(server: FaultServer) -> None:
    pieces = [*sse('data: {"type": "done", "tokens": 1}\n\n'), 30.0]
    server.enqueue(event_stream(pieces))
    async with NoWaitAsyncDemo(api_key=API_KEY, base_url=server.url, timeout=1.0) as client:
        stream = await client._request("get", "/v1/events", cast_to=AsyncStream[Event])
        with pytest.raises(APITimeoutError):
            async for _event in stream:
                pass


def test_a_sync_client_refuses_the_async_stream_type(client: NoWaitDemo) -> None:
    with pytest.raises(TypeError, match="twin"):
        client._request("get", "/v1/events", cast_to=AsyncStream[Event])
