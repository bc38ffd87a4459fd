from __future__ import annotations

from typing import Any

import pytest

from generator.annotate import Annotator, param_names

SCHEMAS: dict[str, Any] = {
    "Voice": {"type": "object", "properties": {"id": {"type": "string"}}},
    "Gender": {"type": "string", "enum": ["male", "female"]},
    "Either": {"oneOf": [{"$ref": "#/components/schemas/Voice"}, {"type": "string"}]},
    "Options": {"type": ["object", "null"], "properties": {"a": {"type": "string"}}},
}


@pytest.mark.parametrize(
    ("schema", "output", "input_"),
    [
        ({"type": "string"}, "str", "str"),
        ({"type": ["integer", "null"]}, "int | None", "int | None"),
        ({"type": "string", "format": "date-time"}, "datetime", "str | datetime"),
        ({"type": "string", "format": "uuid"}, "UUID", "str | UUID"),
        (
            {"type": "string", "enum": ["a", "b'c", None]},
            "Literal['a', \"b'c\"] | None",
            "Literal['a', \"b'c\"] | None",
        ),
        ({"$ref": "#/components/schemas/Voice"}, "Voice", "Voice | VoiceParam"),
        ({"$ref": "#/components/schemas/Gender"}, "Gender", "Literal['male', 'female']"),
        (
            {"$ref": "#/components/schemas/Options"},
            "Options | None",
            "Options | OptionsParam | None",
        ),
        ({"$ref": "#/components/schemas/Either"}, "Either", "Voice | VoiceParam | str"),
        (
            {"type": "array", "items": {"$ref": "#/components/schemas/Voice"}},
            "List[Voice]",
            "Sequence[Voice | VoiceParam]",
        ),
        (
            {"type": "object", "additionalProperties": {"type": "number"}},
            "Dict[str, float]",
            "Mapping[str, float]",
        ),
        (
            {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Voice"}},
            "Dict[str, Voice]",
            "Mapping[str, Voice | VoiceParam]",
        ),
        ({"type": "object"}, "Dict[str, Any]", "Mapping[str, Any]"),
        ({}, "Any", "Any"),
        ({"anyOf": [{"type": "string"}, {}]}, "Any", "Any"),
        ({"const": 3}, "Literal[3]", "Literal[3]"),
        ({"const": None}, "None", "None"),
        ({"enum": [0.5, 1.5]}, "float", "float"),
        ({"enum": [1, 2.5]}, "float", "float"),
        (
            {"enum": [1, "one", None, True]},
            "Literal[1, 'one', True] | None",
            "Literal[1, 'one', True] | None",
        ),
        (
            {"enum": [{"a": 1}, "b"]},
            "Literal['b'] | Dict[str, Any]",
            "Literal['b'] | Mapping[str, Any]",
        ),
        ({"type": "string", "enum": []}, "str", "str"),
        (
            {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]},
            "List[str | int]",
            "Sequence[str | int]",
        ),
        ({"type": ["string", "integer", "null"]}, "int | str | None", "int | str | None"),
    ],
)
def test_output_and_input_flavours(schema: dict[str, Any], output: str, input_: str) -> None:
    annotation = Annotator(SCHEMAS).annotate(schema)
    assert (annotation.output, annotation.input) == (output, input_)


def test_binary_is_a_file_only_in_uploads() -> None:
    schema = {"type": "string", "format": "binary"}
    assert Annotator({}).annotate(schema, file=True).input == "FileTypes"
    assert Annotator({}).annotate(schema).input == "bytes"


def test_models_and_imports_are_collected() -> None:
    schema = {
        "type": "array",
        "items": {
            "anyOf": [{"$ref": "#/components/schemas/Voice"}, {"type": "string", "format": "date"}]
        },
    }
    annotation = Annotator(SCHEMAS).annotate(schema)
    assert annotation.models == {"Voice"} and annotation.imports == {"date"}


def test_recursive_aliases_terminate() -> None:
    schemas = {"Tree": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}}
    assert Annotator(schemas).annotate({"$ref": "#/components/schemas/Tree"}).output == "Tree"


def test_models_are_accepted_as_their_typed_dict() -> None:
    annotation = Annotator(SCHEMAS).annotate({"$ref": "#/components/schemas/Either"})
    assert annotation.models == {"Either", "Voice"} and annotation.params == {"VoiceParam"}


def test_typed_dict_names_stay_clear_of_classes() -> None:
    schemas = {**SCHEMAS, "VoiceParam": SCHEMAS["Voice"], "Shelf": SCHEMAS["Voice"]}
    names = param_names(schemas, reserved=frozenset({"ShelfParam"}))
    assert names == {
        "Options": "OptionsParam",
        "Shelf": "ShelfParam2",
        "Voice": "VoiceParam2",
        "VoiceParam": "VoiceParamParam",
    }


@pytest.mark.parametrize(
    ("schema", "wire_name", "input_"),
    [
        ({"type": "string"}, "id", "str | UUID"),
        ({"type": "string"}, "personaId", "str | UUID"),
        ({"type": "string"}, "persona_id", "str | UUID"),
        ({"type": "string", "format": "uuid"}, "slug", "str | UUID"),
        ({"type": "string"}, "slug", "str"),
        ({"type": "string"}, "paid", "str"),
        ({"type": "integer"}, "id", "int"),
        ({"type": "string", "enum": ["a"]}, "kindId", "Literal['a']"),
    ],
)
def test_path_ids_accept_what_models_return(
    schema: dict[str, Any], wire_name: str, input_: str
) -> None:
    assert Annotator({}).path_parameter(schema, wire_name).input == input_
