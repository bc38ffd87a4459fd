"""A bare `type: object` the spec's own examples fill with strings or booleans is any JSON value
(LaunchDarkly's flag variation `value`, a targeting clause's `values`): typed `dict`, mypy and the
fake client refused the `{"value": True}` the API takes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.normalize import normalize
from generator.pipeline import generate_package


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _normalized(**schemas: Any) -> tuple[dict[str, Any], list[str]]:
    document = {"openapi": "3.0.3", "components": {"schemas": schemas}}
    normalized, problems = normalize(document, "spec.json")
    warnings = [str(problem) for problem in problems if problem.level == "warning"]
    return normalized["components"]["schemas"], warnings


VARIATION = {
    "type": "object",
    "required": ["value"],
    "properties": {"name": {"type": "string"}, "value": {"type": "object"}},
}


def test_a_bare_object_an_enclosing_example_fills_with_a_string_is_any_value() -> None:
    flag = {
        "type": "object",
        "properties": {
            "variations": {"type": "array", "items": _ref("Variation"), "example": [{"value": "a"}]}
        },
    }
    schemas, warnings = _normalized(Variation=VARIATION, Flag=flag)
    assert schemas["Variation"]["properties"]["value"] == {}
    assert warnings == [
        "spec.json#/components/schemas/Variation/properties/value/type: warning: `type: object` "
        "with nothing declared, but the example at "
        "'#/components/schemas/Flag/properties/variations/example' puts a string here; read as "
        "any JSON value (fix: leave `type` out for a value of any type, or type it as its "
        "examples are)"
    ]


def test_a_bare_object_with_its_own_contradicting_example_keeps_its_annotations() -> None:
    clause = {
        "type": "object",
        "properties": {
            "values": {
                "type": "array",
                "items": {"type": "object", "description": "A value.", "example": "Top"},
            }
        },
    }
    schemas, warnings = _normalized(Clause=clause)
    items = schemas["Clause"]["properties"]["values"]["items"]
    assert items == {"description": "A value.", "example": "Top"}
    assert len(warnings) == 1


def test_objects_that_declare_their_contents_or_meet_fitting_examples_are_kept() -> None:
    declared = {"type": "object", "properties": {"a": {"type": "string"}}, "example": "text"}
    mapping = {"type": "object", "additionalProperties": {"type": "string"}, "example": 5}
    fitting = {"type": "object", "example": {"company": "example.com"}}
    unexampled = {"type": "object"}
    null = {"type": "object", "example": None}
    schemas, warnings = _normalized(
        Declared=declared, Mapping=mapping, Fitting=fitting, Unexampled=unexampled, Null=null
    )
    assert schemas == {
        "Declared": declared,
        "Mapping": mapping,
        "Fitting": fitting,
        "Unexampled": unexampled,
        "Null": null,
    }
    assert [w for w in warnings if "any JSON value" in w] == []


def test_a_swagger2_variation_value_takes_a_boolean_in_the_generated_types(
    tmp_path: Path,
) -> None:
    document = {
        "swagger": "2.0",
        "info": {"title": "Flags", "version": "1"},
        "host": "api.example.com",
        "paths": {
            "/flags": {
                "post": {
                    "operationId": "postFlag",
                    "parameters": [
                        {"name": "body", "in": "body", "required": True, "schema": _flag_body()}
                    ],
                    "responses": {"204": {"description": "created"}},
                }
            }
        },
        "definitions": {"Variation": VARIATION},
    }
    generate_package(json.dumps(document).encode(), "swagger.json", tmp_path / "out", None)
    types = next((tmp_path / "out" / "src").glob("*/types"))
    assert "value: Any\n" in (types / "_variation.py").read_text()
    assert "value: Required[Any]\n" in (types / "_variation_param.py").read_text()


def _flag_body() -> dict[str, Any]:
    variations = {
        "type": "array",
        "items": {"$ref": "#/definitions/Variation"},
        "example": [{"value": True}, {"value": False}],
    }
    return {"type": "object", "properties": {"variations": variations}}
