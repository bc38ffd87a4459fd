"""Swagger 2.0 read as OpenAPI 3.0: each rule that decides what goes on the wire."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.hoist import hoist
from generator.load import load_spec, parse_spec, read_bundle
from generator.normalize import normalize
from generator.swagger2 import convert

OK = {"200": {"description": "ok"}}


def _swagger(paths: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": paths, **extra}


def _operation(document: dict[str, Any], path: str = "/items", method: str = "get") -> Any:
    converted = parse_spec(json.dumps(document).encode(), "swagger.json")
    return converted["paths"][path][method]


def _parameter(location: str, collection: str | None, name: str = "ids") -> dict[str, Any]:
    parameter: dict[str, Any] = {
        "name": name,
        "in": location,
        "type": "array",
        "items": {"type": "string"},
    }
    if location == "path":
        parameter["required"] = True
    return parameter | ({"collectionFormat": collection} if collection else {})


@pytest.mark.parametrize(
    ("location", "collection", "style"),
    [
        ("query", None, {"style": "form", "explode": False}),  # Swagger's default is csv
        ("query", "csv", {"style": "form", "explode": False}),
        ("query", "multi", {"style": "form", "explode": True}),
        ("query", "ssv", {"style": "spaceDelimited", "explode": False}),
        ("query", "pipes", {"style": "pipeDelimited", "explode": False}),
        ("header", None, {"style": "simple", "explode": False}),
        ("path", "csv", {"style": "simple", "explode": False}),
    ],
)
def test_collection_formats_become_styles(
    location: str, collection: str | None, style: dict[str, Any]
) -> None:
    path = "/items/{ids}" if location == "path" else "/items"
    document = _swagger(
        {path: {"get": {"parameters": [_parameter(location, collection)], "responses": OK}}}
    )
    (parameter,) = _operation(document, path)["parameters"]
    assert {key: parameter.get(key) for key in style} == style
    assert parameter["schema"] == {"type": "array", "items": {"type": "string"}}


def test_a_format_openapi_cannot_express_is_a_warning_with_its_pointer() -> None:
    operation = {"parameters": [_parameter("query", "tsv")], "responses": OK}
    converted, problems, _ = convert(_swagger({"/items": {"get": operation}}), "swagger.json")
    (warning,) = [problem for problem in problems if problem.level == "warning"]
    assert "'tsv'" in warning.message
    assert warning.pointer == "/paths/~1items/get/parameters/0/collectionFormat"
    # sent comma-separated, as the warning says, not as repeated names
    (parameter,) = converted["paths"]["/items"]["get"]["parameters"]
    assert (parameter["style"], parameter["explode"]) == ("form", False)


@pytest.mark.parametrize(
    ("collection", "style"),
    [
        (None, {"style": "form", "explode": False}),
        ("multi", {"style": "form", "explode": True}),
        ("ssv", {"style": "spaceDelimited", "explode": False}),
        ("pipes", {"style": "pipeDelimited", "explode": False}),
    ],
)
def test_a_form_fields_collection_format_becomes_its_encoding_style(
    collection: str | None, style: dict[str, Any]
) -> None:
    field = _parameter("formData", collection, name="scopes")
    operation = {
        "consumes": ["application/x-www-form-urlencoded"],
        "parameters": [field],
        "responses": OK,
    }
    converted, problems, _ = convert(_swagger({"/items": {"post": operation}}), "swagger.json")
    content = converted["paths"]["/items"]["post"]["requestBody"]["content"]
    assert content["application/x-www-form-urlencoded"]["encoding"] == {"scopes": style}
    assert not [problem for problem in problems if problem.level == "warning"]


@pytest.mark.parametrize(
    ("media_type", "collection"),
    [("application/x-www-form-urlencoded", "tsv"), ("multipart/form-data", "pipes")],
)
def test_a_form_fields_format_openapi_cannot_express_is_a_warning(
    media_type: str, collection: str
) -> None:
    field = _parameter("formData", collection, name="scopes")
    operation = {"consumes": [media_type], "parameters": [field], "responses": OK}
    _converted, problems, _ = convert(_swagger({"/items": {"post": operation}}), "swagger.json")
    (warning,) = [problem for problem in problems if problem.level == "warning"]
    assert f"{collection!r}" in warning.message
    assert warning.pointer == "/paths/~1items/post/parameters/0/collectionFormat"


def test_path_parameters_are_shared_and_an_operation_overrides_them() -> None:
    shared = [
        {"name": "id", "in": "path", "required": True, "type": "string"},
        {"name": "verbose", "in": "query", "type": "boolean"},
    ]
    own = [{"name": "verbose", "in": "query", "type": "integer"}]
    item = {"parameters": shared, "get": {"parameters": own, "responses": OK}}
    operation = _operation(_swagger({"/items/{id}": item}), "/items/{id}")
    types = {p["name"]: p["schema"]["type"] for p in operation["parameters"]}
    assert types == {"id": "string", "verbose": "integer"}


def test_body_and_form_parameters_become_request_bodies() -> None:
    pet = {"type": "object", "properties": {"name": {"type": "string"}}}
    body = {"name": "pet", "in": "body", "required": True, "schema": {"$ref": "#/definitions/Pet"}}
    upload = [
        {"name": "note", "in": "formData", "type": "string", "required": True},
        {"name": "file", "in": "formData", "type": "file"},
    ]
    form = [{"name": "tags", "in": "formData", "type": "array", "items": {"type": "string"}}]
    paths = {
        "/pets": {"post": {"parameters": [{"$ref": "#/parameters/Pet"}], "responses": OK}},
        "/uploads": {"post": {"parameters": upload, "responses": OK}},
        "/forms": {"post": {"parameters": form, "responses": OK}},
    }
    document = _swagger(
        paths,
        consumes=["application/json"],
        parameters={"Pet": body},
        definitions={"Pet": pet},
    )
    converted = parse_spec(json.dumps(document).encode(), "swagger.json")
    pets = converted["paths"]["/pets"]["post"]
    assert pets["requestBody"] == {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
        "required": True,
    }
    assert pets["x-codegen-request-body-name"] == "pet"
    (media_type, content), *_ = converted["paths"]["/uploads"]["post"]["requestBody"][
        "content"
    ].items()
    assert media_type == "multipart/form-data"
    assert content["schema"]["properties"]["file"] == {"type": "string", "format": "binary"}
    assert content["schema"]["required"] == ["note"]
    forms = converted["paths"]["/forms"]["post"]["requestBody"]["content"]
    encoding = forms["application/x-www-form-urlencoded"]["encoding"]
    assert encoding == {"tags": {"style": "form", "explode": False}}
    assert "parameters" not in converted.get("components", {})  # a body is not a parameter


def test_responses_take_the_operations_media_types_examples_and_headers() -> None:
    response = {
        "description": "ok",
        "schema": {"type": "object"},
        "examples": {"application/xml": "<a/>"},
        "headers": {"X-Rate-Limit": {"type": "integer", "description": "per hour"}},
    }
    operation = {"produces": ["application/xml"], "responses": {"200": response}}
    document = _swagger({"/items": {"get": operation}}, produces=["application/json"])
    converted = _operation(document)["responses"]["200"]
    assert converted["content"] == {
        "application/xml": {"schema": {"type": "object"}, "example": "<a/>"}
    }
    assert converted["headers"]["X-Rate-Limit"] == {
        "description": "per hour",
        "schema": {"type": "integer"},
    }


PROBLEM = {"type": "object", "properties": {"message": {"type": "string"}}}


def test_an_object_response_is_json_where_the_operation_produces_only_text() -> None:
    """`produces` is the operation's, for every response: a text ping whose error is an object
    cannot mean that object sent as text, so the error is JSON (with a warning) and the text
    success stays text; beside JSON, a text media type is dropped for an object alone."""
    failed = {"description": "no", "schema": {"$ref": "#/definitions/Problem"}}
    text = {"description": "ok", "schema": {"type": "string"}}
    ping = {"produces": ["text/plain"], "responses": {"200": text, "500": failed}}
    listing = {"responses": {"200": {"description": "ok", "schema": {"type": "array"}}}}
    document = _swagger(
        {"/_ping": {"get": ping}, "/items": {"get": listing}},
        produces=["application/json", "text/plain"],
        definitions={"Problem": PROBLEM},
    )
    converted, problems, _ = convert(document, "swagger.json")
    responses = converted["paths"]["/_ping"]["get"]["responses"]
    assert list(responses["200"]["content"]) == ["text/plain"]
    assert list(responses["500"]["content"]) == ["application/json"]
    items = converted["paths"]["/items"]["get"]["responses"]["200"]
    assert list(items["content"]) == ["application/json"]
    (warning,) = [problem for problem in problems if problem.level == "warning"]
    assert warning.pointer == "/paths/~1_ping/get/responses/500/schema"
    assert "text/plain" in warning.message


def test_an_object_body_is_not_sent_as_the_documents_text_type() -> None:
    """A document that `consumes` JSON and text (for its one raw-text upload) does not mean
    every JSON object body may go as text: an object or array body keeps only the types that
    carry one, shared or not, while a string body keeps the text type."""
    edit = {"in": "body", "name": "body", "schema": {"$ref": "#/definitions/Problem"}}
    raw = {"in": "body", "name": "body", "required": True, "schema": {"type": "string"}}
    listing = {"in": "body", "name": "ids", "schema": {"type": "array", "items": {}}}
    shared = {"$ref": "#/parameters/Problem"}
    ok = {"200": {"description": "ok"}}
    document = _swagger(
        {
            "/items": {"patch": {"parameters": [edit], "responses": ok}},
            "/raw": {"post": {"parameters": [raw], "responses": ok}},
            "/ids": {"post": {"parameters": [listing], "responses": ok}},
            "/a": {"put": {"parameters": [shared], "responses": ok}},
            "/b": {"put": {"parameters": [shared], "responses": ok}},
        },
        consumes=["application/json", "text/plain"],
        definitions={"Problem": PROBLEM},
        parameters={"Problem": edit},
    )
    converted, _, _ = convert(document, "swagger.json")
    paths = converted["paths"]
    assert list(paths["/items"]["patch"]["requestBody"]["content"]) == ["application/json"]
    assert list(paths["/ids"]["post"]["requestBody"]["content"]) == ["application/json"]
    assert list(paths["/raw"]["post"]["requestBody"]["content"]) == [
        "application/json",
        "text/plain",
    ]
    component = converted["components"]["requestBodies"]["Problem"]
    assert list(component["content"]) == ["application/json"]


@pytest.mark.parametrize(
    ("scheme", "expected"),
    [
        ({"type": "basic"}, {"type": "http", "scheme": "basic"}),
        (
            {"type": "apiKey", "name": "key", "in": "query"},
            {"type": "apiKey", "name": "key", "in": "query"},
        ),
        (
            {"type": "oauth2", "flow": "application", "tokenUrl": "https://a.example/t"},
            {
                "type": "oauth2",
                "flows": {"clientCredentials": {"tokenUrl": "https://a.example/t", "scopes": {}}},
            },
        ),
        (
            {
                "type": "oauth2",
                "flow": "accessCode",
                "authorizationUrl": "https://a.example/a",
                "tokenUrl": "https://a.example/t",
                "scopes": {"read": "read"},
            },
            {
                "type": "oauth2",
                "flows": {
                    "authorizationCode": {
                        "authorizationUrl": "https://a.example/a",
                        "tokenUrl": "https://a.example/t",
                        "scopes": {"read": "read"},
                    }
                },
            },
        ),
    ],
)
def test_security_definitions_become_security_schemes(
    scheme: dict[str, Any], expected: dict[str, Any]
) -> None:
    document = _swagger({}, securityDefinitions={"auth": scheme})
    converted = parse_spec(json.dumps(document).encode(), "swagger.json")
    assert converted["components"]["securitySchemes"]["auth"] == expected


@pytest.mark.parametrize(
    ("location", "servers"),
    [
        (
            {"host": "api.example.com", "basePath": "/v1", "schemes": ["http", "https"]},
            [{"url": "https://api.example.com/v1"}, {"url": "http://api.example.com/v1"}],
        ),
        ({"host": "api.example.com"}, [{"url": "https://api.example.com"}]),
        ({"host": "xkcd.com", "basePath": "/", "schemes": ["http"]}, [{"url": "http://xkcd.com"}]),
        ({"basePath": "/v1"}, [{"url": "/v1"}]),
        ({}, None),
    ],
)
def test_servers_come_from_host_base_path_and_schemes(
    location: dict[str, Any], servers: list[dict[str, str]] | None
) -> None:
    converted, _, _ = convert(_swagger({}, **location), "swagger.json")
    assert converted.get("servers") == servers


def test_schemas_are_rewritten_wherever_they_sit() -> None:
    animal = {
        "type": "object",
        "discriminator": "kind",
        "required": ["kind"],
        "properties": {"kind": {"type": "string"}},
    }
    cat = {
        "x-discriminator-value": "cat",
        "allOf": [
            {"$ref": "#/definitions/Animal"},
            {"properties": {"owner": {"type": "string", "x-nullable": True}}},
        ],
    }
    listing = {"type": "array", "items": {"$ref": "#/definitions/Cat", "x-nullable": True}}
    response = {"description": "ok", "schema": listing}
    document = _swagger(
        {"/cats": {"get": {"responses": {"200": response}}}},
        definitions={"Animal": animal, "Cat": cat},
    )
    converted = parse_spec(json.dumps(document).encode(), "swagger.json")
    schemas = converted["components"]["schemas"]
    assert schemas["Animal"]["discriminator"] == {
        "propertyName": "kind",
        "mapping": {"cat": "#/components/schemas/Cat"},
    }
    assert schemas["Cat"]["allOf"][0] == {"$ref": "#/components/schemas/Animal"}
    assert schemas["Cat"]["allOf"][1]["properties"]["owner"]["nullable"] is True
    content = converted["paths"]["/cats"]["get"]["responses"]["200"]["content"]
    assert content["application/json"]["schema"]["items"]["$ref"] == "#/components/schemas/Cat"


def test_a_shared_response_and_parameter_move_to_components() -> None:
    limit = {"name": "limit", "in": "query", "type": "integer", "default": 20}
    missing = {"description": "missing", "schema": {"type": "string"}}
    operation = {
        "parameters": [{"$ref": "#/parameters/Limit"}],
        "responses": {"404": {"$ref": "#/responses/Missing"}},
    }
    document = _swagger(
        {"/items": {"get": operation}}, parameters={"Limit": limit}, responses={"Missing": missing}
    )
    converted = parse_spec(json.dumps(document).encode(), "swagger.json")
    operation = converted["paths"]["/items"]["get"]
    assert operation["parameters"] == [{"$ref": "#/components/parameters/Limit"}]
    assert operation["responses"]["404"] == {"$ref": "#/components/responses/Missing"}
    components = converted["components"]
    assert components["parameters"]["Limit"]["schema"] == {"type": "integer", "default": 20}
    assert components["responses"]["Missing"]["content"]["application/json"]["schema"] == {
        "type": "string"
    }


def test_a_body_parameter_two_operations_share_is_named_after_the_parameter() -> None:
    """A JSON Patch list every resource takes: its class is the spec's `PatchRequest`, not the
    name of one operation's resource (`environments.patch(body: list[Project])` misleads)."""
    patch = {
        "name": "patchDelta",
        "in": "body",
        "required": True,
        "description": "JSON Patch",
        "schema": {
            "type": "array",
            "items": {"type": "object", "properties": {"op": {"type": "string"}}},
        },
    }
    created = {"name": "body", "in": "body", "schema": {"type": "object"}}
    project = {"type": "object", "properties": {"key": {"type": "string"}}}

    def patched(operation_id: str, **extra: Any) -> dict[str, Any]:
        parameters = [{"$ref": "#/parameters/PatchRequest"}]
        return {"operationId": operation_id, "parameters": parameters, "responses": OK, **extra}

    document = _swagger(
        {
            "/environments": {"patch": patched("patchEnvironment")},
            "/projects": {
                "patch": patched("patchProject"),
                "post": {"parameters": [{"$ref": "#/parameters/Created"}], "responses": OK},
            },
            "/webhooks": {"patch": patched("patchWebhook", consumes=["application/xml"])},
        },
        parameters={"PatchRequest": patch, "Created": created},
        definitions={"Project": project},
    )
    converted = parse_spec(json.dumps(document).encode(), "swagger.json")
    shared = {"$ref": "#/components/requestBodies/PatchRequest"}
    assert converted["paths"]["/environments"]["patch"]["requestBody"] == shared
    assert converted["paths"]["/projects"]["patch"]["requestBody"] == shared
    assert list(converted["components"]["requestBodies"]) == ["PatchRequest"]
    component = converted["components"]["requestBodies"]["PatchRequest"]
    assert component["required"] is True and component["description"] == "JSON Patch"
    # A body one operation takes, or one sent as another media type, stays in its operation.
    assert "content" in converted["paths"]["/projects"]["post"]["requestBody"]
    webhook = converted["paths"]["/webhooks"]["patch"]["requestBody"]
    assert list(webhook["content"]) == ["application/xml"]
    del document["paths"]["/webhooks"]  # an inline twin would be named too
    normalized, _problems = normalize(parse_spec(json.dumps(document).encode(), "swagger.json"))
    names = set(hoist(normalized).schemas)
    assert {"PatchRequest", "Project"} <= names
    assert not {"Project2", "Environment"} & names


def test_the_conversion_is_reported(tmp_path: Path) -> None:
    bundle = read_bundle(json.dumps(_swagger({})).encode(), "swagger.json")
    (note,) = bundle.problems
    assert (note.level, note.pointer) == ("info", "/swagger")
    assert "OpenAPI 3.0" in note.message


def test_schemas_in_other_files_are_converted_too(tmp_path: Path) -> None:
    (tmp_path / "pet.json").write_text(
        json.dumps(
            {"type": "object", "properties": {"tag": {"type": "string", "x-nullable": True}}}
        )
    )
    response = {"description": "ok", "schema": {"$ref": "pet.json"}}
    root = tmp_path / "swagger.json"
    root.write_text(json.dumps(_swagger({"/pets": {"get": {"responses": {"200": response}}}})))
    document = load_spec(root)
    (schema,) = document["components"]["schemas"].values()
    assert schema["properties"]["tag"] == {"type": "string", "nullable": True}


def test_azure_x_ms_paths_are_path_items_too() -> None:
    """Azure's `x-ms-paths` holds path items that `$ref` the shared body parameters: they are
    rewritten like `paths`, so no reference is left pointing at a body that became inline."""
    body = {"name": "image", "in": "body", "required": True, "schema": {"type": "string"}}
    overload = {"post": {"parameters": [{"$ref": "#/parameters/Image"}], "responses": OK}}
    document = _swagger(
        {"/evaluate": {"post": {"responses": OK}}},
        consumes=["image/png"],
        parameters={"Image": body},
        **{"x-ms-paths": {"/evaluate?overload=stream": overload}},
    )
    converted = parse_spec(json.dumps(document).encode(), "swagger.json")
    operation = converted["paths"]["/evaluate?overload=stream"]["post"]
    assert operation["requestBody"]["content"] == {"image/png": {"schema": {"type": "string"}}}
    assert "parameters" not in operation


def test_a_body_of_format_file_is_binary() -> None:
    """AutoRest's Swagger 2.0 writes a streamed body as `type: object, format: file`; OpenAPI 3
    says the same with `type: string, format: binary`."""
    stream = {"name": "Text Content", "in": "body", "required": True}
    stream["schema"] = {"type": "object", "format": "file"}
    operation = {"consumes": ["text/plain"], "parameters": [stream], "responses": OK}
    document = parse_spec(json.dumps(_swagger({"/screen": {"post": operation}})).encode(), "s")
    normalized, _ = normalize(document, "s")
    body = normalized["paths"]["/screen"]["post"]["requestBody"]
    assert body["content"] == {"text/plain": {"schema": {"type": "string", "format": "binary"}}}


def test_azure_discriminator_values_map_too() -> None:
    """AutoRest names a subtype's tag `x-ms-discriminator-value`; without it in the mapping the
    subtype would be tagged with its schema name, which the tag's enum refuses."""
    tag = {"type": "string", "enum": ["Microsoft.Static"]}
    criteria = {"discriminator": "odata.type", "properties": {"odata.type": tag}}
    static = {"allOf": [{"$ref": "#/definitions/Criteria"}], "type": "object"}
    static["x-ms-discriminator-value"] = "Microsoft.Static"
    document = _swagger({}, definitions={"Criteria": criteria, "StaticCriteria": static})
    converted = parse_spec(json.dumps(document).encode(), "swagger.json")
    discriminator = converted["components"]["schemas"]["Criteria"]["discriminator"]
    assert discriminator["mapping"] == {"Microsoft.Static": "#/components/schemas/StaticCriteria"}


@pytest.mark.parametrize(
    ("servers", "template"),
    [
        ([{"url": "/api/v1"}], "{origin}/api/v1"),  # Swagger 2.0: basePath, no host
        ([{"url": "/"}], "{origin}"),
        (
            [{"url": "/{version}", "variables": {"version": {"default": "v3"}}}],
            "{origin}/{version}",
        ),
    ],
)
def test_a_server_url_that_is_a_path_is_that_path_under_an_origin_the_caller_gives(
    servers: list[dict[str, Any]], template: str
) -> None:
    """Gitea's spec has `basePath: /api/v1` and no `host` (it is self-hosted): a caller who
    names their instance must reach `/api/v1/...`, not the instance's root."""
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "servers": servers,
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
    }
    api = analyze(document, default_config("T", "t.json"), file="t.json")
    assert api.base_url.unsafe_value == ""
    assert api.server is not None
    assert api.server.url.unsafe_value == template
    origin = api.server.variables[0]
    assert (origin.name.unsafe_value, str(origin.argument), origin.default) == (
        "origin",
        "origin",
        None,
    )
    swagger = _swagger({"/a": {"get": {"responses": OK}}}, basePath="/api/v1")
    converted = parse_spec(json.dumps(swagger).encode(), "swagger.json")
    api = analyze(converted, default_config("T", "t.json"), file="t.json")
    assert api.server is not None
    assert api.server.url.unsafe_value == "{origin}/api/v1"


def test_a_shared_response_takes_the_produces_of_the_operation_that_refers_to_it() -> None:
    """Gitea's `#/responses/string` is the reply of a diff endpoint that produces only
    `text/plain`: there it is text (and the client asks for text), while an operation that
    produces what the document does keeps the `$ref` to the component."""
    shared = {"string": {"description": "a string", "schema": {"type": "string"}}}
    reply = {"200": {"$ref": "#/responses/string"}}
    document = _swagger(
        {
            "/pulls/{index}.diff": {"get": {"produces": ["text/plain"], "responses": reply}},
            "/version": {"get": {"responses": reply}},
        },
        produces=["application/json", "text/html"],
        responses=shared,
    )
    converted, _, _ = convert(document, "swagger.json")
    diff = converted["paths"]["/pulls/{index}.diff"]["get"]["responses"]["200"]
    assert diff == {
        "description": "a string",
        "content": {"text/plain": {"schema": shared["string"]["schema"]}},
    }
    version = converted["paths"]["/version"]["get"]["responses"]["200"]
    assert version == {"$ref": "#/components/responses/string"}


def test_a_shared_response_that_cannot_be_text_is_warned_of_in_each_operation_using_it() -> None:
    """Harbor's shared `#/responses/404` (an `Errors` object) answers two text-only log
    endpoints: the fix is in each of those operations' `produces`, so each warning names the
    operation that refers to the response, not the one component both share."""
    shared = {"404": {"description": "no", "schema": {"$ref": "#/definitions/Problem"}}}
    text = {"description": "ok", "schema": {"type": "string"}}
    log = {
        "produces": ["text/plain"],
        "responses": {"200": text, "404": {"$ref": "#/responses/404"}},
    }
    document = _swagger(
        {"/scans/{id}/log": {"get": log}, "/tasks/{id}/log": {"get": log}},
        produces=["application/json"],
        responses=shared,
        definitions={"Problem": PROBLEM},
    )
    _, problems, _ = convert(document, "swagger.json")
    warnings = [problem for problem in problems if problem.level == "warning"]
    assert [warning.pointer for warning in warnings] == [
        "/paths/~1scans~1{id}~1log/get/responses/404",
        "/paths/~1tasks~1{id}~1log/get/responses/404",
    ]
    assert all("shared response #/responses/404" in warning.message for warning in warnings)


def test_go_swaggers_x_isnullable_lets_a_caller_send_null() -> None:
    """go-swagger reads `x-isnullable` as `x-nullable` (Harbor's configuration update writes
    it on every field): a caller clearing a setting sends `null`, so the argument takes None."""
    settings = {
        "type": "object",
        "properties": {
            "email_port": {"type": "integer", "x-isnullable": True},
            "email_host": {"type": "string", "x-nullable": True},
            "read_only": {"type": "boolean"},
        },
    }
    body = {"name": "settings", "in": "body", "required": True, "schema": settings}
    since = {"name": "since", "in": "query", "type": "string", "x-isnullable": True}
    operation = {"operationId": "update", "parameters": [body, since], "responses": OK}
    document = parse_spec(json.dumps(_swagger({"/settings": {"put": operation}})).encode(), "s")
    normalized, _ = normalize(document, "s")
    (converted,) = analyze(normalized, default_config("T", "t.json"), file="t.json").operations
    assert converted.body is not None
    fields = {str(field.name): str(field.type.input) for field in converted.body.fields}
    assert fields == {
        "email_port": "int | None",
        "email_host": "str | None",
        "read_only": "bool",
    }
    (query,) = converted.parameters
    assert str(query.type.input) == "str | None"


def test_go_swaggers_x_nullable_beside_a_ref_lets_a_caller_send_null() -> None:
    """go-swagger reads `x-nullable` beside a `$ref` (Weaviate's filter `valueGeoRange`): that
    property takes None, and `x-nullable: false` leaves the reference as it is."""
    point = {"type": "object", "properties": {"lat": {"type": "number"}}}
    where = {
        "type": "object",
        "properties": {
            "near": {"$ref": "#/definitions/Point", "x-nullable": True},
            "at": {"$ref": "#/definitions/Point", "x-isnullable": True},
            "origin": {"$ref": "#/definitions/Point", "x-nullable": False},
            "plain": {"$ref": "#/definitions/Point"},
        },
    }
    body = {"name": "where", "in": "body", "required": True, "schema": where}
    operation = {"operationId": "find", "parameters": [body], "responses": OK}
    swagger = _swagger({"/find": {"post": operation}}, definitions={"Point": point})
    document = parse_spec(json.dumps(swagger).encode(), "s")
    normalized, _ = normalize(document, "s")
    (converted,) = analyze(normalized, default_config("T", "t.json"), file="t.json").operations
    assert converted.body is not None
    fields = {str(field.name): str(field.type.input) for field in converted.body.fields}
    assert fields == {
        "near": "Point | PointParam | None",
        "at": "Point | PointParam | None",
        "origin": "Point | PointParam",
        "plain": "Point | PointParam",
    }
