"""Inline schemas get readable names from where they sit, independent of order, and stable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.hoist import hoist
from generator.load import load_spec
from generator.normalize import normalize

OBJ = {"type": "object", "properties": {"a": {"type": "string"}}}


def _doc(paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"openapi": "3.1.0", "paths": paths, "components": {"schemas": schemas or {}}}


def _post(operation_id: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "post": {
            "operationId": operation_id,
            "responses": {"200": {"description": "ok"}},
            "requestBody": {"content": {"application/json": {"schema": schema}}},
        }
    }


def test_bodies_and_properties_are_named_by_position() -> None:
    body = {
        "type": "object",
        "properties": {
            "voiceOptions": OBJ,
            "tags": {
                "type": "array",
                "items": {"type": "object", "properties": {"b": {"type": "integer"}}},
            },
        },
    }
    names = set(hoist(_doc({"/p": _post("createPersona", body)})).schemas)
    assert names == {"CreatePersonaRequest", "VoiceOptions", "Tag"}


def test_short_names_go_only_to_schemas_nobody_else_wants() -> None:
    other = {"type": "object", "properties": {"z": {"type": "boolean"}}}
    paths = {
        "/a": _post("makeA", {"type": "object", "properties": {"meta": OBJ}}),
        "/b": _post("makeB", {"type": "object", "properties": {"meta": other}}),
    }
    names = set(hoist(_doc(paths)).schemas)
    assert names == {"MakeARequest", "MakeBRequest", "MakeARequestMeta", "MakeBRequestMeta"}
    reversed_paths = dict(reversed(list(paths.items())))
    assert set(hoist(_doc(reversed_paths)).schemas) == names


def test_same_shape_with_different_docs_shares_one_class() -> None:
    documented = {**OBJ, "description": "first wording"}
    paths = {
        "/a": _post("makeA", {"type": "object", "properties": {"opts": OBJ}}),
        "/b": _post("makeB", {"type": "object", "properties": {"opts": documented}}),
    }
    hoisted = hoist(_doc(paths))
    assert "Opts" in hoisted.schemas and "Opts2" not in hoisted.schemas


def test_union_branches_are_named_without_numbers() -> None:
    body = {
        "type": "object",
        "properties": {
            "personaConfig": {
                "oneOf": [
                    {
                        "type": "object",
                        "properties": {"name": {"type": "string"}, "avatarId": {"type": "string"}},
                    },
                    {"type": "object", "properties": {"personaId": {"type": "string"}}},
                    {
                        "title": "Legacy Config",
                        "type": "object",
                        "properties": {"brain": {"type": "string"}},
                    },
                ]
            }
        },
    }
    names = set(hoist(_doc({"/s": _post("createSession", body)})).schemas)
    assert {"PersonaConfig", "PersonaConfigWithPersonaId", "LegacyConfig"} <= names


def test_component_names_are_kept_and_refs_point_at_them() -> None:
    schemas = {"Voice": OBJ}
    body = {"type": "object", "properties": {"voice": {"$ref": "#/components/schemas/Voice"}}}
    hoisted = hoist(_doc({"/v": _post("setVoice", body)}, schemas))
    assert hoisted.schemas["SetVoiceRequest"]["properties"]["voice"] == {
        "$ref": "#/components/schemas/Voice"
    }


def test_inline_name_clashing_with_a_component_is_qualified() -> None:
    body = {
        "type": "object",
        "properties": {"voice": OBJ | {"properties": {"x": {"type": "number"}}}},
    }
    hoisted = hoist(_doc({"/v": _post("setVoice", body)}, {"Voice": OBJ}))
    assert {"Voice", "SetVoiceRequestVoice"} <= set(hoisted.schemas)


def test_nullable_inline_object_keeps_null_at_the_use_site() -> None:
    body = {"type": "object", "properties": {"opts": {**OBJ, "type": ["object", "null"]}}}
    hoisted = hoist(_doc({"/v": _post("setVoice", body)}))
    assert hoisted.schemas["SetVoiceRequest"]["properties"]["opts"] == {
        "anyOf": [{"$ref": "#/components/schemas/Opts"}, {"type": "null"}]
    }
    assert hoisted.schemas["Opts"]["type"] == "object"


def test_locked_names_win() -> None:
    pointer = "/paths/~1v/post/requestBody/content/application~1json/schema/properties/opts"
    body = {"type": "object", "properties": {"opts": OBJ}}
    hoisted = hoist(_doc({"/v": _post("setVoice", body)}), locked={pointer: "VoiceSettings"})
    assert "VoiceSettings" in hoisted.schemas and "Opts" not in hoisted.schemas


def test_codegen_view_drops_examples_unknown_formats_and_closed_objects() -> None:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "example": {"a": "x"},
        "properties": {
            "a": {"type": "string", "format": "openai", "x-internal": True},
            "b": {"type": "string", "format": "date-time"},
            "apiKey": {"type": "string"},
        },
    }
    hoisted = hoist(_doc({}, {"S": schema}))
    assert hoisted.schemas["S"] == {
        "type": "object",
        "properties": {
            "a": {"type": "string"},
            "b": {"type": "string", "format": "date-time"},
            "apiKey": {"type": "string", "x-sdk-secret": True},
        },
    }


def test_newer_capture_has_no_numbered_names(upstream: Path) -> None:
    document, _ = normalize(load_spec(upstream / "swagger.newer.json"))
    names = hoist(document).schemas
    assert not [name for name in names if name[-1].isdigit() and not name.endswith("V1")]
    assert {"PersonaConfig", "PersonaConfigWithPersonaId", "ClientToolConfig", "Persona"} <= set(
        names
    )
