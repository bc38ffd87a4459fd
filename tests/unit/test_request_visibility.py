"""What a request sends: a property read-only through the schema it names is left out, and a
parameter typed by its `content` entry is typed, not `Any`."""

from __future__ import annotations

from typing import Any

from generator.analyze import analyze
from generator.config import default_config
from generator.ir import Operation
from generator.refs import is_read_only

OK = {"204": {"description": "ok"}}
SCHEMAS: dict[str, Any] = {
    "Id": {"type": "string", "readOnly": True},
    "Stamp": {"type": "string", "format": "date-time", "readOnly": True},
    "Meta": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
    "Drive": {
        "type": "object",
        "required": ["id", "name"],
        "properties": {
            "id": {"$ref": "#/components/schemas/Id"},
            "created_at": {"anyOf": [{"$ref": "#/components/schemas/Stamp"}, {"type": "null"}]},
            "name": {"type": "string"},
        },
    },
}
JSON_DRIVE = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Drive"}}},
}
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}


def _operations(paths: dict[str, Any], parameters: dict[str, Any] | None = None) -> list[Operation]:
    components: dict[str, Any] = {"schemas": SCHEMAS, "parameters": parameters or {}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": paths,
        "components": components,
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    return list(api.operations)


def test_a_property_naming_a_read_only_schema_is_neither_sent_nor_required() -> None:
    paths = {
        "/drives": {"post": {"operationId": "addDrive", "requestBody": JSON_DRIVE, "responses": OK}}
    }
    (operation,) = _operations(paths)
    assert operation.body is not None
    assert [(f.wire_name.unsafe_value, f.required) for f in operation.body.fields] == [
        ("name", True)
    ]


def test_the_path_id_keeps_its_name_when_the_body_id_is_read_only() -> None:
    patch = {"operationId": "updateDrive", "requestBody": JSON_DRIVE, "responses": OK}
    paths = {"/drives/{id}": {"parameters": [ID], "patch": patch}}
    (operation,) = _operations(paths)
    assert [str(p.name) for p in operation.path_parameters] == ["id"]


def test_read_only_follows_references_and_nullable_wrappers_only() -> None:
    assert is_read_only({"$ref": "#/components/schemas/Id"}, SCHEMAS)
    assert is_read_only(
        {"anyOf": [{"$ref": "#/components/schemas/Stamp"}, {"type": "null"}]}, SCHEMAS
    )
    assert not is_read_only({"$ref": "#/components/schemas/Meta"}, SCHEMAS)
    either = {"anyOf": [{"$ref": "#/components/schemas/Id"}, {"type": "integer"}]}
    assert not is_read_only(either, SCHEMAS)  # the integer branch is the caller's to send
    cycle = {"A": {"$ref": "#/components/schemas/A"}}
    assert not is_read_only({"$ref": "#/components/schemas/A"}, cycle)


def test_a_header_of_json_is_typed_by_its_content_schema() -> None:
    meta = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Meta"}}}}
    shared = {"name": "x-meta", "in": "header", "required": True, **meta}
    inline = {"name": "x-inline", "in": "header", "required": True, **meta}
    post = {
        "operationId": "upload",
        "parameters": [{"$ref": "#/components/parameters/metadata"}, inline],
        "responses": OK,
    }
    (operation,) = _operations({"/files": {"post": post}}, {"metadata": shared})
    types = {p.wire_name.unsafe_value: p.type for p in operation.parameters}
    for name in ("x-meta", "x-inline"):
        assert types[name].inputs == ("Meta", "MetaParam"), types[name]
    assert all(p.serialization is not None for p in operation.parameters)  # sent as JSON
