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


BUILT: dict[str, Any] = {
    "Reference": {
        "properties": {"id": {"readOnly": True}, "self": {"$ref": "#/components/schemas/Url"}}
    },
    "Url": {"type": "string", "readOnly": True},
    "Team": {"allOf": [{"$ref": "#/components/schemas/Reference"}], "properties": {"name": {}}},
    "TokenRequest": {"type": "object", "properties": {"keyName": {}, "nonce": {}}},
    "SignedTokenRequest": {
        "allOf": [
            {"$ref": "#/components/schemas/TokenRequest"},
            {"type": "object", "properties": {"mac": {}, "nonce": {}}},
        ]
    },
    "Loop": {"allOf": [{"$ref": "#/components/schemas/Loop"}], "properties": {"next": {}}},
    "Empty": {"type": "object"},
}


@pytest.mark.parametrize(
    ("schema", "expected"),
    [
        ({"$ref": "#/components/schemas/SignedTokenRequest"},
         "An object with keys `keyName`, `nonce`, `mac`."),
        ({"oneOf": [{"$ref": "#/components/schemas/TokenRequest"},
                    {"$ref": "#/components/schemas/SignedTokenRequest"}]},
         "One of: `TokenRequest` (keys `keyName`, `nonce`); "
         "`SignedTokenRequest` (keys `keyName`, `nonce`, `mac`)."),
        ({"type": "array", "items": {"$ref": "#/components/schemas/SignedTokenRequest"}},
         "A list of objects, each with keys `keyName`, `nonce`, `mac`."),
        ({"$ref": "#/components/schemas/Loop"}, "An object with key `next`."),
        ({"$ref": "#/components/schemas/Team"}, "An object with key `name`."),  # none read-only
        ({"anyOf": [{"$ref": "#/components/schemas/Empty"},
                    {"$ref": "#/components/schemas/TokenRequest"}]},
         "One of: `Empty`; `TokenRequest` (keys `keyName`, `nonce`)."),
    ],
)  # fmt: skip
def test_a_model_built_on_another_lists_the_keys_it_takes_from_it(
    schema: Any, expected: str
) -> None:
    """A request body that is one of `TokenRequest` or `SignedTokenRequest` (an `allOf` of it and
    a `mac`) said `SignedTokenRequest ()`: the keys of the models a model is built on are its
    own, but not those only the server sets."""
    text = describe(None, schema, BUILT)
    assert (text.unsafe_value if text else None) == expected


@pytest.mark.parametrize(
    ("own", "schema", "expected"),
    [
        ("How many per page", {"type": "integer", "minimum": 1, "maximum": 100, "default": 10},
         "How many per page. From 1 to 100. Defaults to `10`."),
        ("Sort order.", {"enum": ["asc", "desc"], "default": "asc"},
         "Sort order. Defaults to `asc`."),
        ("Between 1 and 100 (default 20).", {"minimum": 1, "maximum": 100, "default": 20},
         "Between 1 and 100 (default 20)."),
        ("At least 1.", {"minimum": 1}, "At least 1."),
        ("Words.", {"$ref": "#/components/schemas/Voice"}, "Words."),
        # a sentence ended inside closing marks is ended: GitHub's `per_page` got a second stop
        ('See "[Using pagination](https://docs.example.com/p)."', {"default": 30},
         'See "[Using pagination](https://docs.example.com/p)." Defaults to `30`.'),
        ("Results per page (max 100)", {"default": 30},
         "Results per page (max 100). Defaults to `30`."),
    ],
)  # fmt: skip
def test_a_description_is_followed_by_the_bounds_and_default_it_leaves_unsaid(
    own: str, schema: Any, expected: str
) -> None:
    """Harbor's `page_size` is described, and its description hid `From 1 to 100` and the
    default the server uses when it is left out."""
    text = describe(own, schema, SCHEMAS)
    assert text is not None and text.unsafe_value == expected
