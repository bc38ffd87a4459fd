"""The value builder gives valid, distinct values, and the shapes the variants promise.

Every value the suite sends or answers with comes from `values.py`; if it built invalid values
the suite would blame clients for its own mistakes, and if it built narrow ones whole fields
would go untested. Spec-independent schemas pin down each rule.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from generator.verify.document import validation_document
from generator.verify.errors import NoValidValue
from generator.verify.schemas import Direction, SchemaChecker
from generator.verify.values import Mode, ValueFactory

COMPONENTS: dict[str, Any] = {
    "openapi": "3.1.0",
    "components": {
        "schemas": {
            "Base": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string", "format": "uuid"}},
            },
            "Pet": {
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {"type": "object", "properties": {"name": {"type": "string"}}},
                ]
            },
        }
    },
}


def _value(schema: Any, mode: Mode = "full", direction: Direction = "request") -> Any:
    return ValueFactory(SchemaChecker(COMPONENTS), mode=mode, direction=direction).value(
        schema, "thing"
    )


OBJECT = {
    "type": "object",
    "required": ["a"],
    "properties": {
        "a": {"type": "string"},
        "b": {"type": "integer"},
        "c": {"type": ["boolean", "null"]},
    },
}


def test_minimal_has_only_the_required_properties_and_full_has_all() -> None:
    assert set(_value(OBJECT, "minimal")) == {"a"}
    assert set(_value(OBJECT, "full")) == {"a", "b", "c"}


def test_values_are_distinct_so_swapped_fields_are_noticed() -> None:
    value = _value(
        {
            "type": "object",
            "properties": {
                "first": {"type": "string"},
                "second": {"type": "string"},
                "n": {"type": "integer"},
                "m": {"type": "integer"},
            },
        }
    )
    assert value["first"] != value["second"] and value["n"] != value["m"]


@pytest.mark.parametrize("fmt", ["uuid", "date-time", "date", "email", "uri", "ipv4", "byte"])
def test_formats_are_valid(fmt: str) -> None:
    text = _value({"type": "string", "format": fmt})
    if fmt == "uuid":
        uuid.UUID(text)
    assert SchemaChecker(COMPONENTS).is_valid({"type": "string", "format": fmt}, text)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "integer", "minimum": 10, "maximum": 12},
        {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 2},
        {"type": "number", "minimum": 0.6, "maximum": 1.5},
        {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        {"type": "integer", "minimum": 5, "multipleOf": 5},
        {"type": "string", "minLength": 30},
        {"type": "string", "maxLength": 3},
        {"type": "string", "minLength": 2, "maxLength": 2},
        {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{2}$"},
        {"type": "array", "items": {"type": "string", "enum": ["x"]}, "uniqueItems": True},
        {"type": "object", "minProperties": 2},
        # an error's `source` names one of three properties at a time
        {
            "type": "object",
            "maxProperties": 1,
            "properties": {"parameter": {"type": "string"}, "pointer": {"type": "string"}},
        },
        {
            "type": "object",
            "maxProperties": 2,
            "required": ["b"],
            "properties": {"a": {"type": "string"}, "b": {}, "c": {"type": "string"}},
        },
        {"type": "object", "maxProperties": 0},
        {"type": "object", "additionalProperties": {"type": "integer"}, "minProperties": 2},
        # keys beyond the declared ones must match a pattern, and the values its schema
        {
            "type": "object",
            "patternProperties": {"^x-[a-z]+$": {"type": "integer", "minimum": 3}},
            "additionalProperties": False,
            "minProperties": 1,
        },
        {
            "type": "object",
            "patternProperties": {"^[0-9]+$": {"type": "string"}},
            "unevaluatedProperties": False,
        },
    ],
)
def test_bounds_and_patterns_are_honoured(schema: dict[str, Any]) -> None:
    modes: tuple[Mode, ...] = ("minimal", "full")
    for mode in modes:
        assert SchemaChecker(COMPONENTS).is_valid(schema, _value(schema, mode))


def test_refs_and_all_of_are_followed() -> None:
    pet = _value({"$ref": "#/components/schemas/Pet"})
    assert set(pet) == {"id", "name"}
    assert set(_value({"$ref": "#/components/schemas/Pet"}, "minimal")) == {"id"}


def test_full_one_of_takes_the_richest_branch_and_leaves_out_the_others_requirements() -> None:
    schema = {
        "type": "object",
        "required": ["url"],
        "properties": {
            "url": {"type": "string"},
            "personaId": {"type": "string"},
            "personaConfig": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "voice": {"type": "string"}},
            },
        },
        "oneOf": [{"required": ["personaId"]}, {"required": ["personaConfig"]}],
    }
    full = _value(schema, "full")
    assert "personaConfig" in full and "personaId" not in full
    minimal = _value(schema, "minimal")
    assert set(minimal) == {"url", "personaId"}


def test_an_any_of_branch_beside_items_builds_items_that_hold_both() -> None:
    """A response envelope's `result: anyOf [object, array of anything, string]` narrowed by an
    `allOf` sibling to an array of Pets (Cloudflare's list replies): the array branch's bare
    `items: {}` must not replace the Pet items, or the value breaks the whole."""
    envelope = {"anyOf": [{"type": "object"}, {"type": "array", "items": {}}, {"type": "string"}]}
    pets = {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}
    schema = {"allOf": [envelope, pets]}
    full = _value(schema, "full", "response")
    assert isinstance(full, list) and full and all("id" in item for item in full), full
    for value in (full, _value(schema, "minimal", "response")):
        assert SchemaChecker(COMPONENTS).is_valid(schema, value)


def test_not_required_and_read_write_only_are_respected() -> None:
    schema = {
        "type": "object",
        "not": {"required": ["secret"]},
        "properties": {
            "secret": {"type": "string"},
            "id": {"type": "string", "readOnly": True},
            "password": {"type": "string", "writeOnly": True},
        },
    }
    assert set(_value(schema, direction="request")) == {"password"}
    assert set(_value(schema, direction="response")) == {"id"}


def test_not_requiring_several_names_forbids_only_their_combination() -> None:
    """`not: {required: [a, b]}` beside `oneOf: [{required: [a]}, {required: [b]}]`: exactly one
    of the two (Deepgram's API key expires by date or by time to live)."""
    schema = {
        "type": "object",
        "required": ["comment"],
        "properties": {
            "comment": {"type": "string"},
            "expires_at": {"type": "string", "format": "date-time"},
            "ttl": {"type": "number"},
        },
        "oneOf": [{"required": ["expires_at"]}, {"required": ["ttl"]}],
        "not": {"required": ["expires_at", "ttl"]},
    }
    assert set(_value(schema, "minimal")) == {"comment", "expires_at"}
    full = _value(schema, "full")
    assert full.keys() & {"expires_at", "ttl"} and not {"expires_at", "ttl"} <= full.keys()
    loose = {key: value for key, value in schema.items() if key != "oneOf"}
    assert set(_value(loose, "full")) == {"comment", "expires_at"}


def test_a_schema_without_valid_values_fails_loudly() -> None:
    with pytest.raises(NoValidValue, match="thing"):
        _value({"type": "string", "enum": []})


READ_ONLY: dict[str, Any] = {
    "openapi": "3.1.0",
    "components": {
        "schemas": {
            "Base": {"type": "object", "properties": {"id": {"type": "string", "readOnly": True}}},
            "Reference": {
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {"type": "object", "required": ["id", "type"]},
                ]
            },
        }
    },
}


def test_read_only_properties_are_required_in_responses_only() -> None:
    """A read-only `id` required by another `allOf` member (PagerDuty's references)."""
    schema = {"$ref": "#/components/schemas/Reference"}
    checker = SchemaChecker(READ_ONLY)
    request = ValueFactory(checker, mode="minimal", direction="request").value(schema, "ref")
    response = ValueFactory(checker, mode="minimal", direction="response").value(schema, "ref")
    assert set(request) == {"type"} and set(response) == {"id", "type"}
    assert checker.toward("request").is_valid(schema, request)
    assert not checker.toward("response").is_valid(schema, request)


def test_enum_members_the_type_forbids_are_not_chosen() -> None:
    schema = {"type": ["string", "null"], "enum": [4.1, "3_lite", 3, None]}
    assert _value(schema, "minimal") == _value(schema, "full") == "3_lite"
    assert _value({"type": ["string", "null"], "enum": [4, 3, None]}) is None


def test_a_discriminated_branch_carries_the_name_that_picks_it() -> None:
    kind = {"type": "object", "properties": {"kind": {"type": "string"}}}
    pets = [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}]
    mapping = {"propertyName": "kind", "mapping": {"dog": "Dog"}}  # a name, as OpenAPI allows
    schemas = {
        "Cat": kind,
        "Dog": kind,
        "Pet": {"oneOf": pets, "discriminator": mapping},
        "OnlyDog": {"oneOf": pets[1:], "discriminator": mapping},
    }
    document = {"openapi": "3.1.0", "components": {"schemas": schemas}}
    validated = validation_document(document, "http://mock", "http://mock").document
    factory = ValueFactory(SchemaChecker(validated), mode="minimal", direction="request")
    assert factory.value({"$ref": "#/components/schemas/Pet"}, "pet") == {"kind": "Cat"}
    assert factory.value({"$ref": "#/components/schemas/OnlyDog"}, "pet") == {"kind": "dog"}


# A `oneOf` whose first branch's values the second branch also holds (5000 and up): only the
# second branch's values below 5000 are valid for the whole.
_OVERLAPPING = {
    "oneOf": [
        {"type": "integer", "minimum": 5000},
        {"type": "integer", "minimum": 1000, "maximum": 100000},
    ]
}


def test_a_one_of_choice_another_branch_also_holds_is_built_again_checked() -> None:
    """The first build takes each `oneOf` choice unchecked; a value two branches hold fails the
    check of the whole, and the build after it checks every choice: here the second branch's
    value, which the first branch refuses, is the one that is valid."""
    value = _value({"type": "object", "properties": {"n": _OVERLAPPING}})
    assert 1000 <= value["n"] < 5000


def test_a_checked_choice_around_a_trusted_one_is_built_again_checked() -> None:
    """A `oneOf` beside other keywords is checked even in the first build; when the only value
    its branch gets fails that check because of a trusted choice inside it, no branch seems
    valid there, and the build after it, checking every choice, still finds a value."""
    outer = {"type": "object", "oneOf": [{"properties": {"n": _OVERLAPPING}, "required": ["n"]}]}
    assert 1000 <= _value(outer, mode="minimal")["n"] < 5000
