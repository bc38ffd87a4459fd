"""Raw responses (``.with_raw_response``) and streamed binary bodies."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from sdkrt._binary import AsyncBinaryResponse, BinaryResponse
from sdkrt._exceptions import APIConnectionError, NotFoundError
from sdkrt._pagination import AsyncPage, SyncPage
from sdkrt._response import APIResponse, AsyncAPIResponse, parse_body
from typing_extensions import TypeAliasType

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import NoWaitAsyncDemo, NoWaitDemo, Widget

WIDGET = {"id": "w1", "displayName": "One"}
RECORDING = os.urandom(3 * 1024 * 1024 + 17)  # several chunks, not a round number


def audio(body: bytes = RECORDING) -> Reply:
    return Reply(200, {"Content-Type": "audio/wav"}, body)


def test_a_raw_response_exposes_the_http_details_and_parses_on_demand(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(Reply.json(WIDGET, headers={"x-request-id": "req-1", "x-extra": "yes"}))
    raw = client.widgets.with_raw_response.get("w1")
    assert isinstance(raw, APIResponse)
    assert raw.status_code == 200
    assert raw.headers["x-extra"] == "yes"
    assert raw.request_id == "req-1"
    assert isinstance(raw.http_response, httpx.Response)
    assert raw.json() == WIDGET
    assert '"displayName": "One"' in raw.text
    widget = raw.parse()
    assert isinstance(widget, Widget)
    assert widget.display_name == "One"
    assert raw.parse() is widget


def test_raw_mode_is_only_for_the_wrapped_call(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(Reply.json(WIDGET), Reply.json(WIDGET))
    client.widgets.with_raw_response.get("w1")
    assert isinstance(client.widgets.get("w1"), Widget)


def test_raw_mode_still_raises_on_error_statuses(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(Reply.json({"message": "no"}, status=404))
    with pytest.raises(NotFoundError):
        client.widgets.with_raw_response.get("w1")


def test_a_raw_list_parses_to_a_page_that_keeps_paginating(
    server: FaultServer, client: NoWaitDemo
) -> None:
    meta = {"currentPage": 1, "lastPage": 2}
    server.enqueue(
        Reply.json({"data": [WIDGET], "meta": meta}, headers={"x-total": "2"}),
        Reply.json({"data": [{"id": "w2"}], "meta": {"currentPage": 2, "lastPage": 2}}),
    )
    raw = client.widgets.with_raw_response.list()
    assert raw.headers["x-total"] == "2"
    first = raw.parse()
    assert isinstance(first, SyncPage)
    assert [widget.id for widget in first] == ["w1", "w2"]


@pytest.mark.anyio
async def test_a_raw_response_exposes_the_http_details_and_parses_on_demand_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(Reply.json(WIDGET, headers={"request-id": "req-2"}), Reply.json(WIDGET))
    raw = await async_client.widgets.with_raw_response.get("w1")
    assert isinstance(raw, AsyncAPIResponse)
    assert (raw.status_code, raw.request_id) == (200, "req-2")
    assert raw.json() == WIDGET
    widget = await raw.parse()
    assert widget.display_name == "One"
    assert isinstance(await async_client.widgets.get("w1"), Widget)


@pytest.mark.anyio
async def test_a_raw_list_parses_to_a_page_that_keeps_paginating_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(
        Reply.json({"data": [WIDGET], "meta": {"currentPage": 1, "lastPage": 2}}),
        Reply.json({"data": [{"id": "w2"}], "meta": {"currentPage": 2, "lastPage": 2}}),
    )
    raw = await async_client.widgets.with_raw_response.list()
    assert isinstance(raw, AsyncAPIResponse)
    first = await raw.parse()
    assert isinstance(first, AsyncPage)
    assert [widget.id async for widget in first] == ["w1", "w2"]


@pytest.mark.anyio
async def test_raw_mode_still_raises_on_error_statuses_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(Reply.json({"message": "no"}, status=404))
    with pytest.raises(NotFoundError):
        await async_client.widgets.with_raw_response.create(display_name="x")


def test_a_binary_body_is_left_unread_until_asked_for(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(audio())
    with client.widgets.download("w1") as recording:
        assert isinstance(recording, BinaryResponse)
        assert not recording.http_response.is_stream_consumed
        with pytest.raises(httpx.ResponseNotRead):
            _ = recording.http_response.content
        assert recording.content_type == "audio/wav"
        assert recording.read() == RECORDING
        assert recording.content == RECORDING


def test_a_binary_body_streams_to_a_file(
    server: FaultServer, client: NoWaitDemo, tmp_path: Path
) -> None:
    server.enqueue(audio())
    target = tmp_path / "recording.wav"
    recording = client.widgets.download("w1")
    recording.write_to_file(target)
    assert target.read_bytes() == RECORDING
    assert recording.http_response.is_closed


def test_a_binary_body_can_be_iterated_in_chunks(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(audio())
    with client.widgets.download("w1") as recording:
        chunks = list(recording.iter_bytes(64 * 1024))
    assert b"".join(chunks) == RECORDING
    assert all(len(chunk) == 64 * 1024 for chunk in chunks[:-1])


def test_a_binary_download_that_is_cut_off_raises_a_connection_error(
    server: FaultServer, client: NoWaitDemo, tmp_path: Path
) -> None:
    server.enqueue(Reply(200, {"Content-Type": "audio/wav"}, RECORDING, fault="truncate"))
    recording = client.widgets.download("w1")
    with pytest.raises(APIConnectionError):
        recording.write_to_file(tmp_path / "partial.wav")


def test_a_binary_download_error_status_raises(server: FaultServer, client: NoWaitDemo) -> None:
    server.enqueue(Reply.json({"message": "no such recording"}, status=404))
    with pytest.raises(NotFoundError) as caught:
        client.widgets.download("w1")
    assert caught.value.body == {"message": "no such recording"}


def test_a_raw_binary_response_parses_to_the_streamed_body(
    server: FaultServer, client: NoWaitDemo
) -> None:
    server.enqueue(audio(b"RIFF"))
    raw = client.widgets.with_raw_response.download("w1")
    assert raw.headers["content-type"] == "audio/wav"
    with raw.parse() as recording:
        assert recording.read() == b"RIFF"


@pytest.mark.anyio
async def test_a_binary_body_streams_to_a_file_async(
    server: FaultServer, async_client: NoWaitAsyncDemo, tmp_path: Path
) -> None:
    server.enqueue(audio(), audio(b"small"))
    recording = await async_client.widgets.download("w1")
    assert isinstance(recording, AsyncBinaryResponse)
    assert not recording.http_response.is_stream_consumed
    target = tmp_path / "recording.wav"
    await recording.write_to_file(target)
    assert target.read_bytes() == RECORDING

    async with await async_client.widgets.download("w2") as small:
        with pytest.raises(RuntimeError, match="read"):
            _ = small.content
        assert await small.read() == b"small"
        assert small.content == b"small"


@pytest.mark.anyio
async def test_a_binary_body_can_be_iterated_in_chunks_async(
    server: FaultServer, async_client: NoWaitAsyncDemo
) -> None:
    server.enqueue(audio())
    async with await async_client.widgets.download("w1") as recording:
        chunks = [chunk async for chunk in recording.iter_bytes(64 * 1024)]
    assert b"".join(chunks) == RECORDING


def test_a_sync_client_refuses_the_async_binary_type(
    server: FaultServer, client: NoWaitDemo
) -> None:
    with pytest.raises(TypeError, match="BinaryResponse"):
        client._request("get", "/v1/file", cast_to=AsyncBinaryResponse)
    assert server.count == 0


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("application/octet-stream", b"\x00\x01zip", b"\x00\x01zip"),
        ("text/plain; charset=utf-8", b"root = true\n", "root = true\n"),
        ("application/json", b'{"a": 1}', {"a": 1}),
        ("application/vnd.api+json", b"[1]", [1]),
    ],
)
def test_a_reply_the_spec_gives_no_schema_comes_back_as_the_server_labels_it(
    content_type: str, body: bytes, expected: object
) -> None:
    """`200: description: success` on a raw file download: the method returns `Any`, and a
    server sending the file's bytes must not get an "is not valid JSON" error for it."""
    request = httpx.Request("GET", "http://api.test/repos/o/r/raw/a.zip")
    response = httpx.Response(
        200, headers={"Content-Type": content_type}, content=body, request=request
    )
    assert parse_body(response, Any, strict=True) == expected


@pytest.mark.parametrize(
    ("content_type", "body", "expected"),
    [
        ("text/javascript; charset=UTF-8", b"window.x = 1;\n", "window.x = 1;\n"),
        ("application/json", b'"window.x = 1;"', "window.x = 1;"),
        ("text/javascript", b"", ""),
    ],
)
def test_a_text_reply_to_a_named_string_schema_comes_back_as_text(
    content_type: str, body: bytes, expected: object
) -> None:
    """Ory Kratos' `/.well-known/ory/webauthn.js` declares a JSON string schema under a name
    (`WebAuthnJavaScript`, a type alias of `str`) and serves the script as JavaScript: like a
    bare `str`, the alias takes a text reply as it came instead of failing to parse it as JSON."""
    named = TypeAliasType("Script", str)
    request = httpx.Request("GET", "http://api.test/.well-known/ory/webauthn.js")
    response = httpx.Response(
        200, headers={"Content-Type": content_type}, content=body, request=request
    )
    assert parse_body(response, named, strict=True) == expected
