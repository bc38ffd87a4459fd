"""Event streams as Speakeasy-style specs describe them (Mistral's chat and conversations): the
`text/event-stream` schema frames one event (`data`, perhaps `event`), each `data:` line holds
the JSON of the `data` property, and `data: [DONE]` ends the stream. An operation that answers
only events (Mistral's `POST /v1/conversations#stream`) sends the body's `stream` flag true, as
its twin methods do: the server answers JSON to a request without it. Against a loopback server
and the fake.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import json
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.pipeline import generate_package
from tests.support.fault_server import FaultServer, Reply
from tests.support.packages import importable

_REF = "#/components/schemas/"


def _post(operation_id: str, body: str, content: dict[str, Any]) -> dict[str, Any]:
    return {
        "post": {
            "operationId": operation_id,
            "tags": ["talk"],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": _REF + body}}},
            },
            "responses": {"200": {"description": "The reply.", "content": content}},
        }
    }


def _events(name: str) -> dict[str, Any]:
    return {"text/event-stream": {"schema": {"$ref": _REF + name}}}


_SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Talk", "version": "1"},
    "servers": [{"url": "https://talk.invalid"}],
    "paths": {
        "/v1/chat": _post(
            "chat",
            "ChatRequest",
            {"application/json": {"schema": {"$ref": _REF + "Chunk"}}, **_events("ChunkEvent")},
        ),
        "/v1/talks#stream": _post("start_stream", "TalkRequest", _events("TalkEvent")),
    },
    "components": {
        "schemas": {
            "Chunk": {
                "type": "object",
                "required": ["id", "delta"],
                "properties": {"id": {"type": "string"}, "delta": {"type": "string"}},
            },
            "ChunkEvent": {
                "type": "object",
                "required": ["data"],
                "properties": {"data": {"$ref": _REF + "Chunk"}},
            },
            "TalkEvent": {
                "type": "object",
                "required": ["event", "data"],
                "properties": {"event": {"type": "string"}, "data": {"$ref": _REF + "Chunk"}},
            },
            "ChatRequest": {
                "type": "object",
                "required": ["prompt"],
                "properties": {"prompt": {"type": "string"}, "stream": {"type": "boolean"}},
            },
            "TalkRequest": {
                "type": "object",
                "required": ["inputs"],
                "properties": {
                    "inputs": {"type": "string"},
                    "stream": {"type": "boolean", "enum": [True], "default": True},
                },
            },
        }
    },
}


def _operations() -> dict[str, Any]:
    api = analyze(_SPEC, default_config("Talk", "talk.json"), file="talk.json")
    return {str(operation.name): operation for operation in api.operations}


def test_each_event_is_typed_as_the_data_the_framing_schema_holds() -> None:
    operations = _operations()
    twin = operations["chat"].events
    assert twin is not None and twin.response.type is not None
    assert twin.response.type.output == "Chunk"
    started = operations["start_stream"].response
    assert started.kind == "events" and started.type is not None
    assert started.type.output == "Chunk"


def test_a_union_of_framings_with_the_end_marker_types_each_event_as_the_data() -> None:
    """Together's `ChatCompletionStream`: `oneOf: [ChatCompletionEvent, StreamSentinel]`, the
    sentinel framing only `data: [DONE]`. Each event is still the chunk, typed, not the framing
    object with the chunk's fields left as untyped extras."""
    spec = copy.deepcopy(_SPEC)
    schemas = spec["components"]["schemas"]
    done = {"type": "string", "enum": ["[DONE]"]}
    schemas["Sentinel"] = {"type": "object", "required": ["data"], "properties": {"data": done}}
    schemas["ChunkStream"] = {"oneOf": [{"$ref": _REF + "ChunkEvent"}, {"$ref": _REF + "Sentinel"}]}
    spec["paths"]["/v1/chat"]["post"]["responses"]["200"]["content"].update(_events("ChunkStream"))
    api = analyze(spec, default_config("Talk", "talk.json"), file="talk.json")
    twin = {str(operation.name): operation for operation in api.operations}["chat"].events
    assert twin is not None and twin.response.type is not None
    assert twin.response.type.output == "Chunk"


def test_an_operation_answering_only_events_sends_the_flag_true() -> None:
    body = _operations()["start_stream"].body
    assert body is not None
    assert [field.wire_name.unsafe_value for field in body.fields] == ["inputs"]
    assert [(k.unsafe_value, v) for k, v in body.fixed] == [("stream", "True")]


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("talk") / "talk-client"
    generate_package(json.dumps(_SPEC).encode(), "talk.json", out, default_config("Talk", "t"))
    with importable(out, "talk_client"):
        yield importlib.import_module("talk_client")


def _stream(*frames: str) -> Reply:
    return Reply(200, {"Content-Type": "text/event-stream"}, "".join(frames).encode())


def test_the_chunks_arrive_typed_and_done_ends_the_stream(talk: ModuleType) -> None:
    chunk = 'data: {"id": "c1", "delta": "Hel"}\n\ndata: {"id": "c1", "delta": "lo"}\n\n'
    named = 'event: message.output.delta\ndata: {"id": "t1", "delta": "Hi"}\n\n'
    with FaultServer() as server:
        server.enqueue(_stream(chunk, "data: [DONE]\n\n"), _stream(named, "data: [DONE]\n\n"))
        with talk.Talk(base_url=server.url) as client:
            chunks = list(client.talk.chat_stream(prompt="Hi"))
            started = client.talk.start_stream(inputs="Hi")
            assert "stream" not in inspect.signature(client.talk.start_stream).parameters
            talked = list(started)
        chatted, talking = server.requests
    assert [(type(c).__name__, c.delta) for c in chunks] == [("Chunk", "Hel"), ("Chunk", "lo")]
    assert [(type(c).__name__, c.delta) for c in talked] == [("Chunk", "Hi")]
    assert chatted.json() == {"prompt": "Hi", "stream": True}
    assert (talking.path, talking.json()) == ("/v1/talks", {"inputs": "Hi", "stream": True})
    assert talking.headers["accept"] == "text/event-stream"


def test_the_fake_streams_the_data_not_the_framing(talk: ModuleType) -> None:
    fake = importlib.import_module(f"{talk.__name__}.testing").FakeTalk()
    chunks = list(fake.talk.start_stream(inputs="Hi"))
    assert chunks and all(isinstance(chunk.delta, str) for chunk in chunks)
    assert fake.fake.calls_to("talk.start_stream")[0].json == {"inputs": "Hi", "stream": True}
