"""An OpenAPI 3.2 spec whose streams give their item type with `itemSchema`, proven end to end.

The events and the JSON lines each hold a component model (one stream reaches its media type
through `components.mediaTypes`): the client returns `Stream[Tick]` and `JSONLinesStream[Tick]`,
the mock streams items valid for the item schema, and the harness compares every item it reads
with what was sent. A client that read the items untyped would be caught.
"""

from __future__ import annotations

import json
from pathlib import Path

from generator.verify import verify_spec

from .contracts import proven, verify_mutated

_TICK_REF = {"$ref": "#/components/schemas/Tick"}
TICK = {
    "type": "object",
    "required": ["id", "price"],
    "properties": {"id": {"type": "string"}, "price": {"type": "number"}},
}
PROBLEM = {"type": "object", "required": ["title"], "properties": {"title": {"type": "string"}}}


def _operation(operation_id: str, content: dict[str, object]) -> dict[str, object]:
    problem = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {
        "operationId": operation_id,
        "tags": ["Ticks"],
        "responses": {
            "200": {"summary": "a feed", "description": "ticks", "content": content},
            "default": {"description": "an error", "content": problem},
        },
    }


SPEC = json.dumps(
    {
        "openapi": "3.2.0",
        "$self": "https://api.invalid/openapi.json",
        "info": {"title": "Ticks", "version": "1"},
        "tags": [{"name": "Ticks", "summary": "Price ticks", "kind": "nav"}],
        "paths": {
            "/ticks/events": {
                "get": _operation("watchTicks", {"text/event-stream": {"itemSchema": _TICK_REF}})
            },
            "/ticks/lines": {
                "get": _operation(
                    "streamTicks", {"application/jsonl": {"$ref": "#/components/mediaTypes/Lines"}}
                )
            },
        },
        "components": {
            "schemas": {"Tick": TICK, "Problem": PROBLEM},
            "mediaTypes": {"Lines": {"itemSchema": _TICK_REF}},
        },
    }
).encode()


def test_item_schema_streams_are_typed_and_proven() -> None:
    verified = verify_spec(SPEC, "openapi.json")
    assert verified.result.passed, proven(verified)
    assert verified.result.line().endswith("2/2 operations")


def test_an_untyped_item_is_caught(tmp_path: Path) -> None:
    verified = verify_mutated(
        SPEC,
        tmp_path,
        "ticks",
        r"cast_to=(Async)?JSONLinesStream\[Tick\]",
        r"cast_to=\1JSONLinesStream[dict]",
    )
    assert not verified.result.passed
