from __future__ import annotations

from typing import Any

from generator.normalize import normalize


def _schema(schema: dict[str, Any]) -> dict[str, Any]:
    document = {"openapi": "3.1.0", "components": {"schemas": {"S": schema}}}
    normalized, _problems = normalize(document)
    result: dict[str, Any] = normalized["components"]["schemas"]["S"]
    return result


def test_nullable_becomes_a_null_type_and_joins_enums() -> None:
    assert _schema({"type": "string", "nullable": True}) == {"type": ["string", "null"]}
    assert _schema({"type": "string", "enum": ["a"], "nullable": True}) == {
        "type": ["string", "null"],
        "enum": ["a", None],
    }
    assert _schema({"type": "string", "nullable": False}) == {"type": "string"}


def test_nullable_ref_keeps_its_docs_outside_the_union() -> None:
    schema = _schema({"$ref": "#/components/schemas/T", "nullable": True, "description": "d"})
    assert schema == {
        "description": "d",
        "anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}],
    }


def test_nullable_and_type_list_spellings_normalize_to_the_same_schema() -> None:
    assert _schema({"type": "integer", "nullable": True}) == _schema({"type": ["integer", "null"]})


def test_optional_keyword_is_dropped_and_releases_required() -> None:
    schema = _schema(
        {
            "type": "object",
            "required": ["a"],
            "properties": {"a": {"type": "string", "optional": True}},
        }
    )
    assert schema == {"type": "object", "required": [], "properties": {"a": {"type": "string"}}}


def test_a_property_called_optional_is_not_a_keyword() -> None:
    schema = {
        "type": "object",
        "properties": {"o": {"type": "object", "properties": {"optional": {"type": "boolean"}}}},
    }
    assert _schema(schema) == schema


def test_boolean_exclusive_bounds_become_numbers() -> None:
    assert _schema({"type": "number", "minimum": 0, "exclusiveMinimum": True}) == {
        "type": "number",
        "exclusiveMinimum": 0,
    }
    assert _schema({"type": "number", "maximum": 5, "exclusiveMaximum": False}) == {
        "type": "number",
        "maximum": 5,
    }


def test_single_branch_one_of_is_merged_but_refs_and_conflicts_are_kept() -> None:
    assert _schema({"type": "string", "oneOf": [{"type": "string", "enum": ["a", "b"]}]}) == {
        "type": "string",
        "enum": ["a", "b"],
    }
    ref = {"oneOf": [{"$ref": "#/components/schemas/T"}]}
    assert _schema(ref) == ref
    conflict = {"type": "string", "oneOf": [{"type": "integer"}]}
    assert _schema(conflict) == conflict


def test_normalize_rewrites_in_place_and_reports_each_change() -> None:
    schemas = {
        "A": {"type": "string", "nullable": True},
        "B": {"type": "integer", "nullable": True},
    }
    document = {"openapi": "3.1.0", "components": {"schemas": schemas}}
    normalized, problems = normalize(document, "spec.json")
    assert normalized is document
    assert [(p.level, p.file, p.pointer) for p in problems] == [
        ("info", "spec.json", "/components/schemas/A"),
        ("info", "spec.json", "/components/schemas/B"),
    ]
