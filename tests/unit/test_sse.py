"""Which event-stream schemas list named events (`generator/sse.py`)."""

from __future__ import annotations

from typing import Any

from generator.sse import NamedEvent, named_events


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
