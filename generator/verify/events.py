"""Server-sent events in the contract: what the mock streams, and how it checks its own stream.

A `text/event-stream` response is not one body but a sequence of events; the spec's schema (or
OpenAPI 3.2's `itemSchema`) describes the data of each one, as the generator reads it
(`analyze/responses.py`). The mock answers with one event whose data is a value valid for that
schema (text for a string schema, JSON otherwise), framed as the WHATWG format says; its own
reply is checked event by event against the same schema.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .. import jsonpointer
from .schemas import SchemaChecker, Violation


def event_schema_key(media_object: Mapping[str, Any]) -> str:
    """Which key of the media object holds the schema of each event's data."""
    return "itemSchema" if "itemSchema" in media_object else "schema"


def encode_events(values: list[Any]) -> bytes:
    """An event stream carrying one `message` event per value (text as is, others as JSON)."""
    frames = []
    for value in values:
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        frames.append("".join(f"data: {line}\n" for line in text.split("\n")) + "\n")
    return "".join(frames).encode()


def event_data(body: bytes) -> list[str]:
    """The data of each event in `body` (fields other than `data` are not the schema's)."""
    events: list[str] = []
    lines: list[str] = []
    for line in body.decode("utf-8", "replace").splitlines():
        if not line:
            if lines:
                events.append("\n".join(lines))
            lines = []
        elif line.startswith("data:"):
            lines.append(line[5:].removeprefix(" "))
    if lines:
        events.append("\n".join(lines))
    return events


def event_violations(
    checker: SchemaChecker, pointer: str, media_object: Mapping[str, Any], body: bytes
) -> list[Violation]:
    """Every way the events in `body` break the per-event schema at `pointer/.../<media>`."""
    key = event_schema_key(media_object)
    schema, schema_pointer = media_object.get(key, {}), jsonpointer.join(pointer, key)
    found = []
    for index, data in enumerate(event_data(body)):
        value = _decoded(checker, schema, data)
        found += [
            Violation(f"event[{index}]", v.message, v.pointer)
            for v in checker.violations(schema, value, schema_pointer)
        ]
    return found


def _decoded(checker: SchemaChecker, schema: Any, data: str) -> Any:
    """The event's data as the client reads it: JSON, or the text itself where the schema
    takes text (a string schema's `data: hello` is not JSON)."""
    try:
        value = json.loads(data)
    except ValueError:
        return data
    if checker.violations(schema, value, "") and not checker.violations(schema, data, ""):
        return data
    return value
