"""Server-sent events in the contract: what the mock streams, and how it checks its own stream.

A `text/event-stream` response is not one body but a sequence of events; the spec's schema (or
OpenAPI 3.2's `itemSchema`) describes the data of each one, as the generator reads it
(`analyze/responses.py`). The mock answers with one event whose data is a value valid for that
schema (text for a string schema, JSON otherwise), framed as the WHATWG format says; its own
reply is checked event by event against the same schema. A schema listing named events
(`sse.py`) gets one event of each name instead, each checked against its own data schema. A
stream of JSON lines is served the same way: one line holding such a value, then a keep-alive.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .. import jsonpointer
from ..sse import NamedEvent, envelope_data, named_events
from .schemas import SchemaChecker, Violation, resolved_schema


def item_schema_key(media_object: Mapping[str, Any]) -> str:
    """Which key of the media object holds the schema of each event's data, or of each JSON
    line (as `analyze` reads them)."""
    return "itemSchema" if "itemSchema" in media_object else "schema"


def event_schema(document: dict[str, Any], media_object: Mapping[str, Any]) -> Any:
    """The schema of each event's data (or JSON line's value): the media's, less the framing
    of a schema that describes one event (`sse.envelope_data`)."""
    key = item_schema_key(media_object)
    schema = media_object.get(key, {})
    if key != "schema":
        return schema
    data = envelope_data(schema, lambda node: resolved_schema(document, node))
    return schema if data is None else data


def stream_events(document: dict[str, Any], media_object: Mapping[str, Any]) -> list[NamedEvent]:
    """The named events the media's schema lists ([] when it describes each event's data)."""
    if item_schema_key(media_object) != "schema":
        return []
    return named_events(media_object.get("schema"), lambda node: resolved_schema(document, node))


def encode_events(values: list[Any], names: list[str] | None = None) -> bytes:
    """An event stream carrying one event per value (text as is, others as JSON), named by
    `names` if given, else `message` events."""
    frames = []
    for index, value in enumerate(values):
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        name = f"event: {names[index]}\n" if names is not None else ""
        frames.append(name + "".join(f"data: {line}\n" for line in text.split("\n")) + "\n")
    return "".join(frames).encode()


def event_data(body: bytes) -> list[tuple[str, str]]:
    """The name (`message` if unnamed) and data of each event in `body`."""
    events: list[tuple[str, str]] = []
    name, lines = "message", list[str]()
    for line in body.decode("utf-8", "replace").splitlines():
        if not line:
            if lines:
                events.append((name, "\n".join(lines)))
            name, lines = "message", []
        elif line.startswith("data:"):
            lines.append(line[5:].removeprefix(" "))
        elif line.startswith("event:"):
            name = line[6:].strip() or "message"
    if lines:
        events.append((name, "\n".join(lines)))
    return events


def event_violations(
    checker: SchemaChecker, pointer: str, media_object: Mapping[str, Any], body: bytes
) -> list[Violation]:
    """Every way the events in `body` break the per-event schema at `pointer/.../<media>`."""
    key = item_schema_key(media_object)
    schema, schema_pointer = (
        event_schema(checker.document, media_object),
        jsonpointer.join(pointer, key),
    )
    named = {event.name: event.data for event in stream_events(checker.document, media_object)}
    found = []
    for index, (name, data) in enumerate(event_data(body)):
        if named and name not in named:
            found.append(Violation(f"event[{index}]", f"{name!r} is not declared", schema_pointer))
            continue
        expected = named.get(name, schema)
        value = _decoded(checker, expected, data)
        found += [
            Violation(f"event[{index}]", v.message, v.pointer)
            for v in checker.violations(expected, value, schema_pointer)
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


def encode_lines(values: list[Any]) -> bytes:
    """A stream of JSON lines, one value per line, each followed by a blank keep-alive line as
    Twitter sends them between values (a client must skip it)."""
    return "".join(json.dumps(value, ensure_ascii=False) + "\n\r\n" for value in values).encode()


def line_violations(
    checker: SchemaChecker, pointer: str, media_object: Mapping[str, Any], body: bytes
) -> list[Violation]:
    """Every way the lines in `body` break the per-line schema at `pointer/.../<media>`."""
    key = item_schema_key(media_object)
    schema, schema_pointer = media_object.get(key, {}), jsonpointer.join(pointer, key)
    found = []
    lines = body.decode("utf-8", "replace").splitlines()
    for number, line in enumerate(lines, 1):
        text = line.strip().lstrip("\x1e")
        if not text:
            continue
        try:
            value = json.loads(text)
        except ValueError:
            found.append(Violation(f"line[{number}]", "is not JSON", schema_pointer))
            continue
        found += [
            Violation(f"line[{number}]", v.message, v.pointer)
            for v in checker.violations(schema, value, schema_pointer)
        ]
    return found
