"""Which replies are JSON lines: a stream of one value per line, read as the lines arrive rather
than whole (against a stream that never ends, reading it whole never returns)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.analyze import analyze
from generator.calls import return_type
from generator.config import default_config
from generator.ir import Operation
from generator.media import is_json_lines, streams_json_lines

TWEET = {"type": "object", "properties": {"id": {"type": "string"}}}


def _operation(media: str, flags: dict[str, Any] | None = None) -> Operation:
    content = {media: {"schema": {"$ref": "#/components/schemas/Tweet"}}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/tweets/stream": {
                "get": {
                    "operationId": "streamTweets",
                    "tags": ["Tweets"],
                    **(flags or {}),
                    "responses": {"200": {"description": "ok", "content": content}},
                }
            }
        },
        "components": {"schemas": {"Tweet": TWEET}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    (resource,) = api.resources
    (operation,) = resource.operations
    return operation


@pytest.mark.parametrize(
    "media",
    [
        "application/x-ndjson",
        "application/jsonl",
        "application/json-lines",
        "application/stream+json",
        "application/json-seq",
        "Application/X-NDJSON; charset=utf-8",
    ],
)
def test_each_json_lines_media_type_streams_the_item_model(media: str) -> None:
    assert is_json_lines(media)
    operation = _operation(media)
    assert operation.response.kind == "lines"
    assert str(return_type(operation, asynchronous=False)) == "JSONLinesStream[Tweet]"
    assert str(return_type(operation, asynchronous=True)) == "AsyncJSONLinesStream[Tweet]"


@pytest.mark.parametrize("flag", ["x-twitter-streaming", "x-streaming"])
def test_a_json_reply_flagged_as_never_ending_is_read_as_lines(flag: str) -> None:
    operation = _operation("application/json", {flag: True})
    assert operation.response.kind == "lines"
    assert str(return_type(operation, asynchronous=False)) == "JSONLinesStream[Tweet]"


@pytest.mark.parametrize("flag", [True, {"format": "json"}])
def test_a_json_reply_fern_flags_as_streaming_is_read_as_lines(flag: object) -> None:
    """ElevenLabs' speech with timestamps: `x-fern-streaming: true` over `application/json`,
    one chunk per line; read whole, a reply of two chunks failed to parse."""
    operation = _operation("application/json", {"x-fern-streaming": flag})
    assert operation.response.kind == "lines"
    assert str(return_type(operation, asynchronous=False)) == "JSONLinesStream[Tweet]"


@pytest.mark.parametrize(
    "flag",
    [
        False,
        {"format": "sse"},  # events, not lines
        {"stream-condition": "stream", "response-stream": {"$ref": "#/components/schemas/Tweet"}},
    ],
    ids=["false", "sse", "stream-condition"],
)
def test_a_fern_flag_that_is_not_a_plain_json_stream_leaves_one_body(flag: object) -> None:
    operation = _operation("application/json", {"x-fern-streaming": flag})
    assert operation.response.kind == "model"


@pytest.mark.parametrize("flags", [None, {"x-twitter-streaming": False}, {"x-streaming": "yes"}])
def test_a_plain_json_reply_is_read_whole(flags: dict[str, Any] | None) -> None:
    operation = _operation("application/json", flags)
    assert operation.response.kind == "model"
    assert str(return_type(operation, asynchronous=False)) == "Tweet"


def test_the_flag_does_not_make_other_media_lines() -> None:
    operation = {"x-streaming": True}
    assert not streams_json_lines(operation, "text/event-stream", "200")
    assert not streams_json_lines(operation, "application/octet-stream", "200")
    assert streams_json_lines(operation, "application/problem+json", 200)
    assert not is_json_lines("application/json")


@pytest.mark.parametrize("status", ["default", "4XX", "429", 503])
def test_the_flag_leaves_an_error_reply_one_json_body(status: int | str) -> None:
    """Twitter's streams answer an error with one JSON body, not lines."""
    assert not streams_json_lines({"x-twitter-streaming": True}, "application/json", status)
    assert not streams_json_lines({"x-fern-streaming": True}, "application/json", status)
    assert streams_json_lines({}, "application/x-ndjson", status)  # the media type says lines
