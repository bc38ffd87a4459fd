"""How a spec describes the events of a `text/event-stream` response.

Most specs give the schema of each event's data (`schema`, or OpenAPI 3.2's `itemSchema`). Some
frameworks (huma, for one) describe the stream instead as an array of the events it may carry:
each member an object holding the event's name as a `const` (or a one-value `enum`) and its
`data`. Then the name says which schema the data follows, and the client maps each event name
to its own type. Others (Speakeasy's convention, Mistral's `CompletionEvent`) describe one event
as it is framed: an object of the event-stream fields, `data` and perhaps `event`, `id` and
`retry`; each event's data is then that `data` property's schema, the JSON a `data:` line
carries, not an object holding it. Stainless-style specs (Together's `ChatCompletionStream`) write
a union of such framings, one of them a `data` that is only the `[DONE]` end marker: each event's
data is then the union of the others' data, the marker being the stream's end and not an item.
Analysis, the contract mock and the fake client all read the shape here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import keywords

Resolve = Callable[[Any], Any]  # a schema with its `$ref`s followed

# The fields of one event in the event-stream format (WHATWG HTML): all an envelope may declare.
_EVENT_FIELDS = frozenset({"data", "event", "id", "retry"})
_END_MARKER = "[DONE]"  # the data that ends OpenAI-style streams (the runtime stops at it)


@dataclass(frozen=True)
class NamedEvent:
    name: str
    data: Any  # the schema of the event's data, as written (a `$ref` stays one)


def named_events(schema: Any, resolve: Resolve) -> list[NamedEvent]:
    """The events of a stream described as an array of named events; [] for any other shape."""
    schema = resolve(schema)
    if not isinstance(schema, dict) or schema.get("type") != "array":
        return []
    items = resolve(schema.get("items"))
    if not isinstance(items, dict):
        return []
    members = items.get("oneOf") or items.get("anyOf") or [items]
    found = [_named(resolve(member), resolve) for member in members]
    events = [event for event in found if event is not None]
    names = {event.name for event in events}
    if not events or len(events) != len(found) or len(names) != len(events):
        return []
    return events


def _named(member: Any, resolve: Resolve) -> NamedEvent | None:
    properties = member.get("properties") if isinstance(member, dict) else None
    if not isinstance(properties, dict) or "data" not in properties:
        return None
    event = resolve(properties.get("event"))
    if not isinstance(event, dict):
        return None
    name = event.get("const")
    enum = event.get("enum")
    if name is None and isinstance(enum, list) and len(enum) == 1:
        name = enum[0]
    if not isinstance(name, str) or not name or "\n" in name or "\r" in name:
        return None  # no name an event's `event:` line can carry
    return NamedEvent(name, properties["data"])


def envelope_data(schema: Any, resolve: Resolve) -> Any:
    """The schema of each event's data when `schema` describes one framed event (an object whose
    properties are event-stream fields, `data` among them), or a union of framed events; None for
    any other shape."""
    resolved = resolve(schema)
    members = resolved.get("oneOf") or resolved.get("anyOf") if isinstance(resolved, dict) else None
    if not isinstance(members, list) or not members:
        return _framed_data(resolved, resolve)
    found = [_framed_data(member, resolve) for member in members]
    if any(data is None for data in found):
        return None
    items = [data for data in found if not _is_end_marker(resolve(data))]
    if not items:
        return None
    return items[0] if len(items) == 1 else {"anyOf": items}


def _is_end_marker(schema: Any) -> bool:
    """Whether `schema` allows only the `[DONE]` text that ends a stream."""
    if not isinstance(schema, dict):
        return False
    allowed = [schema["const"]] if "const" in schema else schema.get("enum")
    return allowed == [_END_MARKER]


def _framed_data(schema: Any, resolve: Resolve) -> Any:
    """The `data` property's schema of one framed event; None if `schema` frames none."""
    schema = resolve(schema)
    if not isinstance(schema, dict) or not {"object"} >= keywords.types(schema):
        return None
    properties = schema.get("properties")
    if not isinstance(properties, dict) or "data" not in properties:
        return None
    return properties["data"] if set(properties) <= _EVENT_FIELDS else None
