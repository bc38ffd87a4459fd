"""Operations that answer with JSON lines, proven end to end like any other.

The mock serves one line valid for the per-line schema (then a blank keep-alive line), the
client returns a `JSONLinesStream` (`AsyncJSONLinesStream`) of the declared item type, and the
harness reads the stream while the client is open and compares every item with what was sent.
A JSON reply an operation flags as never-ending (Twitter's `x-twitter-streaming`) is the same.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.verify import Verified, verify_spec

from .contracts import proven, verify_mutated

TWEET = {
    "type": "object",
    "required": ["data"],
    "properties": {
        "data": {
            "type": "object",
            "required": ["id", "text"],
            "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
        },
        "matching_rules": {"type": "array", "items": {"type": "string"}},
    },
}


PROBLEM = {
    "type": "object",
    "required": ["title"],
    "properties": {"title": {"type": "string"}, "detail": {"type": "string"}},
}


def _document(media: str, flags: dict[str, Any] | None = None) -> dict[str, Any]:
    content = {media: {"schema": {"$ref": "#/components/schemas/StreamingTweet"}}}
    problem = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Lines", "version": "1"},
        "paths": {
            "/tweets/sample/stream": {
                "get": {
                    "operationId": "sampleStream",
                    "tags": ["Tweets"],
                    **(flags or {}),
                    "responses": {
                        "200": {"description": "tweets", "content": content},
                        "default": {"description": "an error, one body", "content": problem},
                    },
                }
            }
        },
        "components": {"schemas": {"StreamingTweet": TWEET, "Problem": PROBLEM}},
    }


def _verify(media: str, flags: dict[str, Any] | None = None) -> Verified:
    return verify_spec(json.dumps(_document(media, flags)).encode(), "openapi.json")


@pytest.mark.parametrize("media", ["application/x-ndjson", "application/json-seq"])
def test_json_lines_are_streamed_and_parsed_into_the_declared_model(media: str) -> None:
    verified = _verify(media)
    assert verified.result.passed, proven(verified)
    assert verified.result.line().endswith("1/1 operations")


def test_an_endless_json_stream_flagged_by_the_vendor_is_read_as_lines() -> None:
    """Its errors stay one JSON body each: the harness proves the error reply too."""
    verified = _verify("application/json", {"x-twitter-streaming": True})
    assert verified.result.passed, proven(verified)
    assert verified.result.line().endswith("1/1 operations")


def test_a_method_that_reads_the_lines_whole_is_caught(tmp_path: Path) -> None:
    spec = json.dumps(_document("application/x-ndjson")).encode()
    verified = verify_mutated(
        spec, tmp_path, "tweets", r"cast_to=(Async)?JSONLinesStream\[(\w+)\]", r"cast_to=\2"
    )
    assert not verified.result.passed
