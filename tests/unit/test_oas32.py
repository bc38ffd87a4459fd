"""OpenAPI 3.2 documents: read as 3.1 where they say what 3.1 can, refused by pointer where not."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.errors import SpecError
from generator.hoist import hoist
from generator.load import parse_spec
from generator.normalize import normalize

TICK = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}


def _doc(paths: dict[str, Any], **components: Any) -> dict[str, Any]:
    return {
        "openapi": "3.2.0",
        "info": {"title": "t", "version": "1"},
        "paths": paths,
        "components": {"schemas": {"Tick": TICK}, **components},
    }


def _stream(media: str, entry: dict[str, Any]) -> dict[str, Any]:
    response = {"description": "ticks", "content": {media: entry}}
    return {"/ticks": {"get": {"operationId": "listTicks", "responses": {"200": response}}}}


def _problems(document: dict[str, Any]) -> list[str]:
    with pytest.raises(SpecError) as caught:
        parse_spec(json.dumps(document).encode(), "spec.json")
    return [str(problem) for problem in caught.value.problems]


def test_the_fields_32_adds_pass_the_structure_check() -> None:
    document = _doc(
        _stream("application/jsonl", {"itemSchema": {"$ref": "#/components/schemas/Tick"}}),
        examples={"tick": {"dataValue": {"id": "a"}, "serializedValue": '{"id":"a"}'}},
        mediaTypes={"Ticks": {"itemSchema": {"$ref": "#/components/schemas/Tick"}}},
        securitySchemes={
            "device": {
                "type": "oauth2",
                "deprecated": True,
                "oauth2MetadataUrl": "https://auth.invalid/.well-known/oauth-authorization-server",
                "flows": {
                    "deviceAuthorization": {
                        "deviceAuthorizationUrl": "https://auth.invalid/device",
                        "tokenUrl": "https://auth.invalid/token",
                        "scopes": {},
                    }
                },
            }
        },
    )
    document["$self"] = "https://api.invalid/openapi.json"
    document["tags"] = [{"name": "Ticks", "summary": "Ticks", "kind": "nav", "parent": "Root"}]
    document["servers"] = [{"url": "https://api.invalid", "name": "production"}]
    document["paths"]["/ticks"]["get"]["responses"]["404"] = {"summary": "no such feed"}
    schemas = document["components"]["schemas"]
    schemas["Shape"] = {
        "oneOf": [{"$ref": "#/components/schemas/Tick"}],
        "discriminator": {"propertyName": "id", "defaultMapping": "#/components/schemas/Tick"},
        "xml": {"nodeType": "element"},
    }
    assert parse_spec(json.dumps(document).encode(), "spec.json")["openapi"] == "3.2.0"


def test_32_documents_are_checked_as_31_ones() -> None:
    document = _doc({"/p": {"post": {"requestBody": {"content": "not a map"}}}})
    problems = _problems(document)
    assert any(p.startswith("spec.json#/paths/~1p/post/requestBody/content") for p in problems)
    assert all("see the OpenAPI 3.2 specification" in p for p in problems)


def test_32_constructs_without_a_reading_are_refused_at_their_pointers() -> None:
    ok = {"200": {"description": "ok"}}
    querystring = {
        "name": "filter",
        "in": "querystring",
        "content": {"application/x-www-form-urlencoded": {"schema": {"type": "object"}}},
    }
    json_ref = {"$ref": "#/components/mediaTypes/Json"}
    shared = {"name": "f", "in": "query", "content": {"application/json": json_ref}}
    parts = {"multipart/mixed": {"itemSchema": {"type": "string"}, "itemEncoding": {}}}
    item = {
        "query": {"operationId": "search", "responses": ok},
        "additionalOperations": {"LINK": {"operationId": "link", "responses": ok}},
        "post": {
            "operationId": "upload",
            "parameters": [querystring, shared],
            "requestBody": {"content": parts},
            "responses": ok,
        },
    }
    problems = _problems(_doc({"/search": item}, mediaTypes={"Json": {"schema": TICK}}))
    assert [p.split(": error: ")[0] for p in problems] == [
        "spec.json#/paths/~1search/additionalOperations/LINK",
        "spec.json#/paths/~1search/post/parameters/0",
        "spec.json#/paths/~1search/post/parameters/1/content/application~1json/$ref",
        "spec.json#/paths/~1search/post/requestBody/content/multipart~1mixed/itemEncoding",
        "spec.json#/paths/~1search/query",
    ]
    assert all("(fix: " in p for p in problems)


def test_querystring_in_31_documents_is_still_a_structure_error() -> None:
    parameter = {"name": "q", "in": "querystring", "schema": {"type": "string"}}
    document = _doc({"/s": {"get": {"parameters": [parameter], "responses": {}}}})
    problems = _problems({**document, "openapi": "3.1.0"})
    assert any("#/paths/~1s/get/parameters/0/in" in p for p in problems)


@pytest.mark.parametrize("media", ["text/event-stream", "application/jsonl"])
def test_a_ref_item_schema_is_the_stream_item_type(media: str) -> None:
    document = _doc(_stream(media, {"itemSchema": {"$ref": "#/components/schemas/Tick"}}))
    pointer = f"/paths/~1ticks/get/responses/200/content/{media.replace('/', '~1')}/itemSchema"
    assert hoist(document).roots[pointer] == {"$ref": "#/components/schemas/Tick"}


def test_an_inline_item_schema_is_named_as_its_31_schema_would_be() -> None:
    inline = {"type": "object", "properties": {"at": {"type": "string"}}}
    names_32 = set(hoist(_doc(_stream("application/jsonl", {"itemSchema": inline}))).schemas)
    names_31 = set(hoist(_doc(_stream("application/jsonl", {"schema": inline}))).schemas)
    assert names_32 == names_31 == {"ListTicksResponse", "Tick"}


def test_media_types_referenced_from_components_are_joined_in() -> None:
    item = {"itemSchema": {"$ref": "#/components/schemas/Tick"}}
    document = _doc(
        _stream("application/jsonl", {"$ref": "#/components/mediaTypes/Lines"}),
        mediaTypes={"Lines": {"$ref": "#/components/mediaTypes/Ticks"}, "Ticks": item},
    )
    normalize(document)
    content = document["paths"]["/ticks"]["get"]["responses"]["200"]["content"]
    assert content == {"application/jsonl": item}


def test_a_cycle_of_media_type_refs_is_refused() -> None:
    document = _doc(
        _stream("application/jsonl", {"$ref": "#/components/mediaTypes/A"}),
        mediaTypes={
            "A": {"$ref": "#/components/mediaTypes/B"},
            "B": {"$ref": "#/components/mediaTypes/A"},
        },
    )
    with pytest.raises(SpecError) as caught:
        normalize(document, "spec.json")
    [problem] = caught.value.problems
    assert problem.pointer.endswith("/content/application~1jsonl/$ref")
    assert "cycle" in problem.message
