"""An operation whose success reply is JSON or server-sent events, as the body's `stream` flag
asks (openai-style completions): the method returns the JSON reply, and a twin method makes
the same request with the flag set and returns the events, against a loopback server and the
fake. Sending the flag through the JSON method would have made it fail to parse the events.
"""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.pipeline import generate_package
from tests.support.fault_server import FaultServer, Reply
from tests.support.packages import importable

_ANSWER = {
    "type": "object",
    "required": ["text"],
    "properties": {"text": {"type": "string"}},
}
_CHUNK = {
    "type": "object",
    "required": ["delta"],
    "properties": {"delta": {"type": "string"}},
}


def _spec(flag: dict[str, Any] | None, required: list[str]) -> dict[str, Any]:
    properties: dict[str, Any] = {"prompt": {"type": "string"}}
    if flag is not None:
        properties["stream"] = flag
    return {
        "openapi": "3.0.3",
        "info": {"title": "Talk", "version": "1"},
        "servers": [{"url": "https://talk.invalid"}],
        "paths": {
            "/v1/replies": {
                "post": {
                    "operationId": "reply",
                    "tags": ["replies"],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": required,
                                    "properties": properties,
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The answer, whole or as it is written.",
                            "content": {
                                "application/json": {"schema": _ANSWER},
                                "text/event-stream": {"schema": _CHUNK},
                            },
                        }
                    },
                }
            }
        },
    }


_FLAG = {"type": "boolean", "nullable": True}


def _reply_operation(spec: dict[str, Any]) -> Any:
    api = analyze(spec, default_config("Talk", "talk.json"), file="talk.json")
    (operation,) = api.operations
    return operation


def test_the_twin_returns_events_and_the_flag_leaves_both_signatures() -> None:
    operation = _reply_operation(_spec(_FLAG, ["prompt"]))
    twin = operation.events
    assert operation.response.kind == "model" and twin is not None
    assert (twin.name, twin.response.kind) == ("reply_stream", "events")
    assert operation.body is not None and twin.body is not None
    for body in (operation.body, twin.body):
        assert [field.wire_name.unsafe_value for field in body.fields] == ["prompt"]
    assert operation.body.fixed == ()
    assert [(k.unsafe_value, v) for k, v in twin.body.fixed] == [("stream", "True")]


def test_a_required_flag_is_sent_false_by_the_json_method() -> None:
    operation = _reply_operation(_spec(_FLAG, ["prompt", "stream"]))
    assert operation.body is not None
    assert [(k.unsafe_value, v) for k, v in operation.body.fixed] == [("stream", "False")]


def test_without_a_flag_the_twin_asks_for_events_by_accept_alone() -> None:
    operation = _reply_operation(_spec(None, ["prompt"]))
    assert operation.events is not None and operation.events.body is not None
    assert operation.events.body.fixed == ()
    not_a_flag = _reply_operation(_spec({"type": "string"}, ["prompt"]))
    assert not_a_flag.body is not None and not_a_flag.events is not None
    assert [f.wire_name.unsafe_value for f in not_a_flag.body.fields] == ["prompt", "stream"]


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("talk") / "talk-client"
    spec = json.dumps(_spec(_FLAG, ["prompt"])).encode()
    generate_package(spec, "talk.json", out, default_config("Talk", "talk.json"))
    with importable(out, "talk_client"):
        yield importlib.import_module("talk_client")


def test_each_method_gets_the_reply_it_asks_for(talk: ModuleType) -> None:
    events = b'data: {"delta": "Hel"}\n\ndata: {"delta": "lo"}\n\n'
    with FaultServer() as server:
        server.enqueue(
            Reply.json({"text": "Hello"}),
            Reply(200, {"Content-Type": "text/event-stream"}, events),
        )
        with talk.Talk(base_url=server.url) as client:
            assert "stream" not in inspect.signature(client.replies.reply).parameters
            assert client.replies.reply(prompt="Hi").text == "Hello"
            chunks = list(client.replies.reply_stream(prompt="Hi"))
        whole, streamed = server.requests
    assert [chunk.delta for chunk in chunks] == ["Hel", "lo"]
    assert whole.json() == {"prompt": "Hi"}
    assert streamed.json() == {"prompt": "Hi", "stream": True}
    assert streamed.headers["accept"] == "text/event-stream"


def test_the_fake_answers_each_method_in_its_kind(talk: ModuleType) -> None:
    fake = importlib.import_module(f"{talk.__name__}.testing").FakeTalk()
    assert isinstance(fake.replies.reply(prompt="Hi").text, str)
    chunks = list(fake.replies.reply_stream(prompt="Hi"))
    assert chunks and all(isinstance(chunk.delta, str) for chunk in chunks)


def test_the_fake_tells_the_twins_calls_and_replies_apart(talk: ModuleType) -> None:
    """A test of code that streams asserts on the method it called, and sets that method's
    reply without changing its sibling's."""
    fake = importlib.import_module(f"{talk.__name__}.testing").FakeTalk()
    assert {"replies.reply", "replies.reply_stream"} <= set(fake.fake.operations)
    fake.fake.respond("replies.reply_stream", body=[{"delta": "set"}])
    assert [chunk.delta for chunk in fake.replies.reply_stream(prompt="Hi")] == ["set"]
    assert fake.replies.reply(prompt="Hi").text != "set"
    assert [call.operation for call in fake.fake.calls] == ["replies.reply_stream", "replies.reply"]
    assert fake.fake.calls_to("replies.reply_stream")[0].json == {"prompt": "Hi", "stream": True}


def test_the_twin_is_documented_beside_its_method(talk: ModuleType) -> None:
    source = Path(inspect.getfile(talk)).parent / "resources" / "replies.py"
    text = source.read_text()
    assert "`reply_stream` makes the same request" in text
    assert "`reply` returns it whole" in text
