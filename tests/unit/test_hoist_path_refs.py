"""Schemas a `$ref` reaches inside an operation (specs bundled without components, such as
DigitalOcean's, share `links` and `meta` as `allOf` members of one list's response): the
operation's method is no name, so the class is named after what the member declares."""

from __future__ import annotations

from typing import Any

from generator.hoist import hoist

SHARED = "#/paths/~1keys/get/responses/200/content/application~1json/schema/allOf/"


def _member(name: str) -> dict[str, Any]:
    return {"type": "object", "properties": {name: {"type": "object", "properties": {}}}}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": "ok", "content": {"application/json": {"schema": schema}}}


def _document() -> dict[str, Any]:
    keys = {"type": "object", "properties": {"keys": {"type": "array", "items": {}}}}
    actions = {"type": "object", "properties": {"actions": {"type": "array", "items": {}}}}
    listed = {"allOf": [keys, _member("links"), _member("meta")]}
    reusing = {"allOf": [actions, {"$ref": SHARED + "1"}, {"$ref": SHARED + "2"}]}
    paths = {
        "/keys": {"get": {"operationId": "listKeys", "responses": {"200": _json(listed)}}},
        "/actions": {"get": {"operationId": "listActions", "responses": {"200": _json(reusing)}}},
    }
    return {"openapi": "3.0.3", "paths": paths, "components": {"schemas": {}}}


def test_a_member_of_an_operations_schema_is_named_after_its_one_property() -> None:
    schemas = hoist(_document()).schemas
    members = schemas["ListActionsResponse"]["allOf"][1:]
    names = [member["$ref"].rsplit("/", 1)[1] for member in members]
    assert names == ["Links", "Meta"]
    assert not [name for name in schemas if name.startswith("Get")]


def test_a_member_with_many_properties_is_named_after_its_path() -> None:
    common = {"type": "object", "properties": {"size": {"type": "string"}, "region": {}}}
    one = {"allOf": [{"type": "object", "properties": {"name": {"type": "string"}}}, common]}
    shared = "#/paths/~1v2~1droplets/post/requestBody/content/application~1json/schema/oneOf/0"
    many = {
        "allOf": [{"type": "object", "properties": {"names": {}}}, {"$ref": shared + "/allOf/1"}]
    }
    body = {"content": {"application/json": {"schema": {"oneOf": [one, many]}}}}
    operation = {"operationId": "createDroplet", "requestBody": body, "responses": {}}
    document = {"openapi": "3.0.3", "paths": {"/v2/droplets": {"post": operation}}}
    schemas = hoist(document).schemas
    assert "DropletsPart2" in schemas
    assert not {"Model", "PostPart2"} & set(schemas)
