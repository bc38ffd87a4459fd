"""An operation answering JSON or server-sent events is proven through both of its methods.

The events twin (`<name>_stream`) is a method of its own: verify calls it sync and async, with
required-only and all-fields arguments and one documented error, the mock answers its
`Accept: text/event-stream` with the events the spec declares, and the check judges the stream.
A twin that does not ask for events (no `Accept`, or no `stream: true` in the body) fails verify,
naming the method, exactly as a broken own method would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import generate_package
from generator.verify import verify_spec
from generator.verify.cases import error_cases, operation_cases
from generator.verify.surface import surface

from .contracts import proven, verify_mutated

_ERROR = {"application/json": {"schema": {"type": "object", "properties": {"error": {}}}}}


def _document(required: tuple[str, ...] = ("prompt",)) -> dict[str, Any]:
    body = {
        "type": "object",
        "required": list(required),
        "properties": {
            "prompt": {"type": "string"},
            "stream": {"type": "boolean", "nullable": True},
            "note": {"type": "string", "nullable": True},
        },
    }
    answer = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
    chunk = {"type": "object", "required": ["delta"], "properties": {"delta": {"type": "string"}}}
    reply = {
        "operationId": "reply",
        "tags": ["replies"],
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": {
            "200": {
                "description": "The answer, whole or as it is written.",
                "content": {
                    "application/json": {"schema": answer},
                    "text/event-stream": {"schema": chunk},
                },
            },
            "422": {"description": "Refused.", "content": _ERROR},
            "429": {"description": "Too many.", "content": _ERROR},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Talk", "version": "1"},
        "servers": [{"url": "https://talk.invalid"}],
        "paths": {"/v1/replies": {"post": reply}},
    }


_SPEC = json.dumps(_document()).encode()


def test_the_twin_is_a_method_with_cases_of_its_own(tmp_path: Path) -> None:
    generated = generate_package(_SPEC, "openapi.json", tmp_path / "package")
    shape = surface(generated.api)
    twin = shape.method("POST /v1/replies", "replies.reply_stream")
    assert twin.second == "events" and twin.returns.kind == "events"
    assert twin.body is not None and twin.body.fixed == {"stream": True}
    assert "stream" not in {field.wire for field in twin.body.fields}
    cases = [
        case.id
        for case in [
            *operation_cases("talk", shape, generated.document),
            *error_cases("talk", shape, generated.document),
        ]
        if case.label == twin.label
    ]
    # its arguments are the own method's (nulls proven there); one error proves the streamed path
    assert cases == [
        "talk:replies.reply_stream:required",
        "talk:replies.reply_stream:all-fields",
        "talk:replies.reply_stream:422",
    ]


@pytest.mark.parametrize(
    "required", [("prompt",), ("prompt", "stream")], ids=["optional-flag", "required-flag"]
)
def test_both_methods_are_proven(required: tuple[str, ...]) -> None:
    """Where the body requires the flag, the own method sends it false, the twin true."""
    spec = json.dumps(_document(required)).encode()
    verified = verify_spec(spec, "openapi.json")
    assert verified.result.passed, proven(verified)
    assert verified.result.line().endswith("1/1 operations")


@pytest.mark.parametrize(
    ("pattern", "must_name"),
    [
        # The twin asks for JSON (the client's default): the mock answers JSON, not events.
        (r'headers=\{"Accept": "text/event-stream"\},\s*', "did not ask for them"),
        # The twin leaves its flag out: the request is not the one the method must make.
        (r', "stream": True', "stream"),
    ],
    ids=["no-accept", "no-flag"],
)
def test_a_twin_that_does_not_ask_for_events_fails(
    tmp_path: Path, pattern: str, must_name: str
) -> None:
    verified = verify_mutated(_SPEC, tmp_path / "package", "replies", pattern, "")
    lines = proven(verified)
    assert not verified.result.passed, lines
    assert verified.result.line().endswith("0/1 operations"), lines
    failures = verified.result.failures
    assert failures and all("replies.reply_stream" in f.message for f in failures), lines
    assert any(must_name in f.message for f in failures), lines
