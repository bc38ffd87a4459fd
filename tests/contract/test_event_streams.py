"""Operations that answer with server-sent events, proven end to end like any other.

The mock streams events whose data is valid for the schema the spec gives each event, the client
returns a `Stream` (`AsyncStream`) of the declared item type, and the harness reads the stream
while the client is open and compares every item with what was sent.
"""

from __future__ import annotations

import json
from typing import Any

from generator.verify import Verified, verify_spec

from .contracts import proven


def _verify(event_schema: dict[str, Any], schemas: dict[str, Any] | None = None) -> Verified:
    stream = {"text/event-stream": {"schema": event_schema}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Events", "version": "1"},
        "paths": {
            "/jobs/{jobId}/progress": {
                "get": {
                    "operationId": "watchProgress",
                    "parameters": [
                        {
                            "name": "jobId",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        }
                    ],
                    "responses": {"200": {"description": "progress events", "content": stream}},
                }
            }
        },
        "components": {"schemas": schemas or {}},
    }
    return verify_spec(json.dumps(document).encode(), "openapi.json")


def test_text_events_are_streamed_and_read_as_strings() -> None:
    verified = _verify({"type": "string"})
    assert verified.result.passed, proven(verified)
    assert verified.result.line().endswith("1/1 operations")


def test_json_events_are_parsed_into_the_declared_model() -> None:
    progress = {
        "type": "object",
        "required": ["percent", "stage"],
        "properties": {
            "percent": {"type": "integer", "minimum": 0, "maximum": 100},
            "stage": {"type": "string", "enum": ["queued", "running", "done"]},
            "note": {"type": "string", "nullable": True},
        },
    }
    verified = _verify({"$ref": "#/components/schemas/Progress"}, {"Progress": progress})
    assert verified.result.passed, proven(verified)
