from __future__ import annotations

from typing import Any

import pytest

from generator.describe import describe

SCHEMAS: dict[str, Any] = {
    "Voice": {"type": "object", "description": "A voice.", "properties": {"id": {}}},
    "Plain": {"type": "object", "properties": {"personaId": {}, "name": {}}},
    "Other": {"type": "object", "properties": {"url": {}}},
}


@pytest.mark.parametrize(
    ("own", "schema", "expected"),
    [
        ("Its own words.", {"description": "schema words"}, "Its own words."),
        (None, {"description": "Schema words."}, "Schema words."),
        (None, {"title": "A title"}, "A title"),
        (None, {"$ref": "#/components/schemas/Voice"}, "A voice."),
        (None, {"type": "array", "items": {"$ref": "#/components/schemas/Voice"}}, "A voice."),
        (None, {"enum": ["a", "b`c"]}, "One of `a`, `b'c`."),
        (None, {"enum": ["", " x", "none"]}, 'One of `""`, `" x"`, `none`.'),
        (None, {"type": "string", "format": "uuid"}, "A UUID."),
        (None, {"type": "integer", "minimum": 1, "maximum": 20, "default": 5},
         "From 1 to 20. Defaults to `5`."),
        (None, {"type": "boolean", "default": False}, "Defaults to `false`."),
        (None, {"$ref": "#/components/schemas/Plain"}, "An object with keys `personaId`, `name`."),
        (None, {"oneOf": [{"$ref": "#/components/schemas/Plain"},
                          {"$ref": "#/components/schemas/Other"}]},
         "One of: `Plain` (keys `personaId`, `name`); `Other` (key `url`)."),
        ("   ", {"type": "string"}, None),
        (None, {"type": "object"}, None),
    ],
)  # fmt: skip
def test_the_spec_says_what_it_can(own: Any, schema: Any, expected: str | None) -> None:
    text = describe(own, schema, SCHEMAS)
    assert (text.unsafe_value if text else None) == expected


NAMED: dict[str, Any] = {
    "Format": {"type": "string", "title": "Format", "enum": ["float", "base64"]},
    "Shape": {"title": "Shape", "type": "object", "properties": {"side": {}}},
}


@pytest.mark.parametrize(
    ("name", "schema", "expected"),
    [
        ("raw_scores", {"type": "boolean", "title": "Raw Scores", "default": False},
         "Defaults to `false`."),
        ("input", {"type": "array", "items": {"type": "string"}, "title": "Input"}, None),
        ("topN", {"title": "Top N"}, None),
        ("format", {"$ref": "#/components/schemas/Format"}, "One of `float`, `base64`."),
        ("encoding", {"$ref": "#/components/schemas/Format"}, "One of `float`, `base64`."),
        ("shape", {"$ref": "#/components/schemas/Shape"}, "An object with key `side`."),
        ("loc", {"title": "Location"}, "Location"),
        (None, {"title": "Raw Scores"}, "Raw Scores"),
    ],
)  # fmt: skip
def test_a_title_that_restates_a_name_says_nothing(
    name: str | None, schema: Any, expected: str | None
) -> None:
    """FastAPI titles every property and model after its own name: `input: Input` in the docs
    tells nothing, while the facts do."""
    text = describe(None, schema, NAMED, name)
    assert (text.unsafe_value if text else None) == expected
