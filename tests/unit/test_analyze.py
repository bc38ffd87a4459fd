"""Analysis types every argument and result, wherever the spec defines it."""

from __future__ import annotations

from typing import Any

import pytest

import generator.analyze as analysis
from generator.analyze import analyze
from generator.config import default_config
from generator.ir import ModelSet, Operation

WIDGET = {"type": "object", "properties": {"name": {"type": "string"}}}


def _operations(document: dict[str, Any]) -> dict[str, Operation]:
    api = analyze(document, default_config("Demo", "demo.json"))
    return {str(op.name): op for op in api.operations}


def test_shared_components_and_path_item_parameters_are_typed() -> None:
    """Responses, bodies and parameters reached through `$ref`, or declared on the path item,
    are as typed as inline ones (they used to become `Any`)."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/widgets/{id}": {
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
                ],
                "put": {
                    "operationId": "updateWidget",
                    "parameters": [{"$ref": "#/components/parameters/Verbose"}],
                    "requestBody": {"$ref": "#/components/requestBodies/Widget"},
                    "responses": {
                        "200": {"$ref": "#/components/responses/Widget"},
                        "404": {"$ref": "#/components/responses/Problem"},
                    },
                },
            }
        },
        "components": {
            "schemas": {"Widget": WIDGET},
            "parameters": {
                "Verbose": {"name": "verbose", "in": "query", "schema": {"type": "boolean"}}
            },
            "requestBodies": {
                "Widget": {
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}
                    }
                }
            },
            "responses": {
                "Widget": {
                    "description": "ok",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Widget"}}
                    },
                },
                "Problem": {
                    "description": "problem",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"detail": {"type": "string"}},
                            }
                        }
                    },
                },
            },
        },
    }
    update = _operations(document)["update"]
    types = {str(p.name): str(p.type.input) for p in update.parameters}
    assert types == {"id": "int", "verbose": "bool"}
    assert update.response.type is not None and update.response.type.output == "Widget"
    assert update.body is not None
    assert [str(field.name) for field in update.body.arguments] == ["name"]
    assert [(str(e.status), str(e.type.output)) for e in update.errors] == [
        ("404", "ProblemResponse")
    ]


def test_the_model_set_is_handed_over_before_the_operations_are_analyzed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/widgets": {
                "get": {
                    "operationId": "listWidgets",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Widget"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Widget": WIDGET}},
    }
    events: list[str] = []
    handed: list[ModelSet] = []
    operation = analysis._operation

    def recorded(*args: Any, **kwargs: Any) -> Operation:
        events.append("operation")
        return operation(*args, **kwargs)

    def known(models: ModelSet) -> None:
        events.append("models")
        handed.append(models)

    monkeypatch.setattr(analysis, "_operation", recorded)
    api = analyze(document, default_config("Demo", "demo.json"), models_known=known)
    assert events == ["models", "operation"]
    assert handed == [api.models] and "Widget" in api.models.schemas


def test_a_spec_without_operations_is_a_package_of_models_with_a_warning() -> None:
    """Adyen publishes its webhooks as specs of their own: `webhooks` and no `paths`."""
    payload = {"type": "object", "properties": {"type": {"type": "string"}}}
    hook = {"post": {"requestBody": {"content": {"application/json": {"schema": payload}}}}}
    webhooks_only = {
        "openapi": "3.1.0",
        "info": {"title": "Hooks", "version": "1"},
        "webhooks": {"report.created": {**hook, "responses": {"200": {"description": "ok"}}}},
    }
    api = analyze(webhooks_only, default_config("Hooks", "hooks.json"), file="hooks.json")
    assert not api.operations and api.models.class_names
    assert [str(problem) for problem in api.problems] == [
        "hooks.json#/paths: warning: the spec declares no operations: the package has no "
        "methods, only the models of what its webhook sends (fix: declare the API's operations "
        "under `paths`)"
    ]
    ok = {"responses": {"204": {"description": "ok"}}}
    with_paths = {**webhooks_only, "paths": {"/a": {"get": ok}}}
    api = analyze(with_paths, default_config("Hooks", "hooks.json"), file="hooks.json")
    assert not api.problems


def _fastapi_post(operation_id: str, media: str, tag: str | None = None) -> dict[str, Any]:
    body = {"$ref": f"#/components/schemas/Body_{operation_id}"}
    operation = {
        "operationId": operation_id,
        "requestBody": {"required": True, "content": {media: {"schema": body}}},
        "responses": {"200": {"description": "ok"}},
    }
    return {"post": operation | ({"tags": [tag]} if tag else {})}


def test_fastapi_body_schemas_are_named_after_their_operations() -> None:
    """`Body_<operationId>`: FastAPI's default ids (function, path, method) lose the path and
    method, the client-generation recipe's `<tag>-` prefix goes, and two bodies that would
    then share a name keep their keys, as does a `Body_` schema no operation sends."""
    form = "application/x-www-form-urlencoded"
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/uploadfiles/": _fastapi_post(
                "create_upload_files_uploadfiles__post", "multipart/form-data"
            ),
            "/login/access-token": _fastapi_post("login-login_access_token", form, tag="login"),
            "/a/": _fastapi_post("create_item_a__post", form),
            "/b/": _fastapi_post("create_item_b__post", form),
        },
        "components": {
            "schemas": {
                "Body_create_upload_files_uploadfiles__post": WIDGET,
                "Body_login-login_access_token": WIDGET,
                "Body_create_item_a__post": WIDGET,
                "Body_create_item_b__post": WIDGET,
                "Body_unused": WIDGET,
            }
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"))
    assert set(api.models.class_names) == {
        "CreateUploadFilesBody",
        "LoginAccessTokenBody",
        "BodyCreateItemAPost",
        "BodyCreateItemBPost",
        "BodyUnused",
    }


def test_java_qualified_schema_keys_are_named_by_their_classes() -> None:
    """Springdoc's fully qualified keys: the packages go, a generic's arguments stay
    (`Response<List<Invoice>>`), and two classes of one name in two packages keep their keys
    rather than take numbers."""
    ref = "#/components/schemas/"
    page = {"type": "array", "items": {"$ref": ref + "com.acme.web.Invoice"}}
    wrapper = {"type": "object", "properties": {"data": page}}
    document = {
        "openapi": "3.0.1",
        "info": {"title": "Demo", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "com.acme.web.Invoice": WIDGET,
                "com.acme.common.ResponseJava.util.ListCom.acme.web.Invoice": wrapper,
                "com.acme.v1.Item": WIDGET,
                "com.acme.v2.Item": WIDGET,
                "Plain.Name": WIDGET,
            }
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"))
    assert set(api.models.class_names) >= {
        "Invoice",
        "ResponseListInvoice",
        "ComAcmeV1Item",
        "ComAcmeV2Item",
        "PlainName",
    }


def _erring(content: dict[str, Any]) -> dict[str, Any]:
    """A document whose one operation answers `default` with `content`."""
    error = {
        "type": "object",
        "required": ["code", "message"],
        "properties": {"code": {"type": "integer"}, "message": {"type": "string"}},
    }
    problem = {
        "type": "object",
        "required": ["type", "title"],
        "properties": {"type": {"type": "string"}, "title": {"type": "string"}},
    }
    return {
        "openapi": "3.0.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/widgets": {
                "get": {
                    "operationId": "listWidgets",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": WIDGET}},
                        },
                        "default": {"description": "failed", "content": content},
                    },
                }
            }
        },
        "components": {"schemas": {"Error": error, "Problem": problem}},
    }


def test_an_error_with_two_json_bodies_is_parsed_into_either() -> None:
    """The server picks the media type of an error (Twitter answers `application/problem+json`
    with a `Problem` where `application/json` is listed first with an `Error`): the body is
    parsed into whichever declared schema it fits, not always the first."""
    document = _erring(
        {
            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}},
        }
    )
    (operation,) = _operations(document).values()
    assert [(str(e.status), str(e.type.output)) for e in operation.errors] == [
        ("'default'", "Error | Problem")
    ]


def test_an_error_with_one_schema_under_two_media_types_keeps_one_type() -> None:
    problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
    document = _erring({"application/json": problem, "application/problem+json": problem})
    (operation,) = _operations(document).values()
    assert [str(e.type.output) for e in operation.errors] == ["Problem"]


@pytest.mark.parametrize(
    "alias",
    [
        {"oneOf": [{"$ref": "#/components/schemas/Widget"}]},
        {"anyOf": [{"$ref": "#/components/schemas/Widget"}], "description": "The widget."},
        {"$ref": "#/components/schemas/Widget"},
    ],
)
def test_a_body_named_by_an_alias_of_one_model_takes_that_models_fields(
    alias: dict[str, Any],
) -> None:
    """Mux's `UpdateReferrerDomainRestrictionRequest` is a `oneOf` of one model: the body's
    fields are that model's, as keyword arguments, not one opaque `body` argument."""
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/widgets": {
                "put": {
                    "operationId": "replaceWidget",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/WidgetUpdate"}
                            }
                        },
                    },
                    "responses": {"204": {"description": "done"}},
                }
            }
        },
        "components": {"schemas": {"Widget": WIDGET, "WidgetUpdate": alias}},
    }
    body = _operations(document)["replace"].body
    assert body is not None
    assert [str(field.name) for field in body.arguments] == ["name"]


def test_a_resource_the_spec_names_for_its_sdk_keeps_its_tag_description() -> None:
    """AssemblyAI tags its LeMUR operations `LeMUR` and groups them as `lemur` for its SDKs: the
    `lemur` resource is documented by the `LeMUR` tag, as `le_mur` would have been."""
    operation = {
        "operationId": "lemurTask",
        "tags": ["LeMUR"],
        "x-fern-sdk-group-name": "lemur",
        "x-fern-sdk-method-name": "task",
        "responses": {"200": {"description": "ok"}},
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "tags": [
            {"name": "LeMUR", "description": "Apply models to spoken data."},
            {"name": "health", "description": "Is the API up."},
        ],
        "paths": {
            "/lemur/task": {"post": operation},
            "/health": {"get": {"tags": ["health"], "responses": {"200": {"description": "ok"}}}},
            "/ping": {"get": {"responses": {"200": {"description": "ok"}}}},
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"))
    described = {str(r.name): r.description for r in api.resources}
    assert described["lemur"] is not None
    assert described["lemur"].unsafe_value == "Apply models to spoken data."
    assert described["health"] is not None
    assert described["health"].unsafe_value == "Is the API up."
    assert described["ping"] is None


def test_each_media_type_the_spec_names_for_its_sdk_gets_that_method() -> None:
    """Deepgram's `/v1/listen` takes a JSON URL (`transcribeUrl`) or raw audio
    (`transcribeFile`): its SDK has those two methods, and so does the client."""
    named = {"type": "object", "properties": {"url": {"type": "string"}}}
    content = {
        "application/octet-stream": {
            "x-fern-sdk-method-name": "transcribeFile",
            "schema": {"type": "string", "format": "binary"},
        },
        "application/json": {"x-fern-sdk-method-name": "transcribeUrl", "schema": named},
    }
    listen = {
        "x-fern-sdk-group-name": "media",
        "x-fern-sdk-method-name": "transcribe",
        "requestBody": {"required": True, "content": content},
        "responses": {"200": {"description": "ok"}},
    }
    unnamed = {
        "x-fern-sdk-group-name": "media",
        "x-fern-sdk-method-name": "upload",
        "requestBody": {"content": {**content, "application/json": {"schema": named}}},
        "responses": {"200": {"description": "ok"}},
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {"/v1/listen": {"post": listen}, "/v1/upload": {"post": unnamed}},
    }
    api = analyze(document, default_config("Demo", "demo.json"))
    methods = {
        str(operation.name): [str(body.method) for body in operation.alternatives]
        for resource in api.resources
        for operation in resource.operations
    }
    # the second operation's raw body: the name is taken, so it is named for its encoding
    assert methods == {"transcribe_url": ["transcribe_file"], "upload": ["upload_binary"]}


def test_an_upload_the_spec_names_keeps_its_name_when_it_is_the_main_body() -> None:
    """A multipart body carrying a file is what the operation's own method sends, ahead of JSON:
    the method takes the upload's own name, and the JSON body's method keeps its name too (the
    body given by `$ref` as much as the one written in place)."""
    file_form = {
        "type": "object",
        "properties": {"audio": {"type": "array", "items": {"type": "string", "format": "binary"}}},
    }
    content = {
        "application/json": {
            "x-fern-sdk-method-name": "transcribeUrl",
            "schema": {"type": "object", "properties": {"url": {"type": "string"}}},
        },
        "multipart/form-data": {
            "x-fern-sdk-method-name": "transcribeFile",
            "schema": {"$ref": "#/components/schemas/Upload"},
        },
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/listen": {
                "post": {
                    "requestBody": {"content": content},
                    "responses": {"200": {"description": "ok"}},
                }
            },
            "/speak": {
                "post": {
                    "requestBody": {"$ref": "#/components/requestBodies/Speak"},
                    "responses": {"200": {"description": "ok"}},
                }
            },
        },
        "components": {
            "schemas": {"Upload": {"allOf": [file_form]}},
            "requestBodies": {"Speak": {"content": content}},
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"))
    methods = {
        (str(resource.name), str(operation.name)): (
            operation.body.media_type.unsafe_value if operation.body else None,
            [str(body.method) for body in operation.alternatives],
        )
        for resource in api.resources
        for operation in resource.operations
    }
    assert methods == {
        ("listen", "transcribe_file"): ("multipart/form-data", ["transcribe_url"]),
        ("speak", "transcribe_file"): ("multipart/form-data", ["transcribe_url"]),
    }
