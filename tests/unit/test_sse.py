"""Which event-stream schemas list named events, or frame one event (`generator/sse.py`)."""

from __future__ import annotations

from typing import Any

from generator.sse import NamedEvent, envelope_data, named_events


def _event(name: Any, data: Any, key: str = "const") -> dict[str, Any]:
    value = [name] if key == "enum" else name
    return {"type": "object", "properties": {"event": {key: value}, "data": data}}


def _stream(*members: Any) -> dict[str, Any]:
    return {"type": "array", "items": {"oneOf": list(members)}}


def _same(node: Any) -> Any:
    return node


def test_an_array_of_named_events_gives_each_name_its_data_schema() -> None:
    schema = _stream(
        _event("progress", {"$ref": "#/P"}), _event("done", {"type": "string"}, "enum")
    )
    assert named_events(schema, _same) == [
        NamedEvent("progress", {"$ref": "#/P"}),
        NamedEvent("done", {"type": "string"}),
    ]


def test_refs_are_followed_through_the_resolver() -> None:
    defs = {"#/S": _stream({"$ref": "#/E"}), "#/E": _event("tick", {})}

    def resolve(node: Any) -> Any:
        return defs.get(str(node.get("$ref")), node) if isinstance(node, dict) else node

    assert named_events({"$ref": "#/S"}, resolve) == [NamedEvent("tick", {})]


def test_other_shapes_are_not_named_events() -> None:
    assert named_events({"$ref": "#/P"}, _same) == []
    assert named_events({"type": "array", "items": {"type": "string"}}, _same) == []
    unnamed = {"type": "object", "properties": {"data": {}}}
    assert named_events(_stream(_event("a", {}), unnamed), _same) == []
    assert named_events(_stream(_event("a", {}), _event("a", {})), _same) == []
    assert named_events(_stream(_event("a\ndata: x", {})), _same) == []
    assert named_events(_stream(_event(["a", "b"], {}, "enum")), _same) == []


def test_a_schema_framing_one_event_gives_its_data_schema() -> None:
    """Mistral's `CompletionEvent` (`data`) and `ConversationEvents` (`event`, `data`)."""
    chunk = {"$ref": "#/Chunk"}
    assert envelope_data({"type": "object", "properties": {"data": chunk}}, _same) == chunk
    framed = {"properties": {"event": {"type": "string"}, "id": {}, "retry": {}, "data": chunk}}
    assert envelope_data(framed, _same) == chunk


def test_an_object_with_other_fields_than_an_events_is_the_data_itself() -> None:
    assert envelope_data({"type": "object", "properties": {"data": {}, "model": {}}}, _same) is None
    assert envelope_data({"type": "object", "properties": {"event": {}}}, _same) is None
    assert envelope_data({"type": "array", "properties": {"data": {}}}, _same) is None
    assert envelope_data({"type": "string"}, _same) is None


def test_a_union_of_framed_events_gives_the_union_of_their_data_less_the_end_marker() -> None:
    """Together's `ChatCompletionStream`: `oneOf: [ChatCompletionEvent, StreamSentinel]`, each an
    object of one `data`, the sentinel's only `[DONE]`: each event is a chunk, not its framing."""
    chunk, other = {"$ref": "#/Chunk"}, {"$ref": "#/Other"}
    done = {"type": "string", "enum": ["[DONE]"]}
    defs = {
        "#/Event": {"type": "object", "required": ["data"], "properties": {"data": chunk}},
        "#/Sentinel": {"type": "object", "properties": {"data": done}},
    }

    def resolve(node: Any) -> Any:
        return defs.get(str(node.get("$ref")), node) if isinstance(node, dict) else node

    stream = {"oneOf": [{"$ref": "#/Event"}, {"$ref": "#/Sentinel"}]}
    assert envelope_data(stream, resolve) == chunk
    two = {"anyOf": [{"$ref": "#/Event"}, {"properties": {"data": other}}, {"$ref": "#/Sentinel"}]}
    assert envelope_data(two, resolve) == {"anyOf": [chunk, other]}


def test_a_union_with_a_member_that_frames_no_event_is_the_data_itself() -> None:
    framed = {"type": "object", "properties": {"data": {"type": "string"}}}
    assert envelope_data({"oneOf": [framed, {"type": "integer"}]}, _same) is None
    only_end = {"type": "object", "properties": {"data": {"const": "[DONE]"}}}
    assert envelope_data({"oneOf": [only_end]}, _same) is None
