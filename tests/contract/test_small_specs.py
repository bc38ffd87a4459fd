"""Small specs written for one construct each, proven end to end as `sdkgen verify` proves them.

Each spec is generated into a temporary folder, imported, and every operation called sync and
async against the validating mock (`generator.verify.verify_spec`, the code behind the command).
A construct that breaks the client, the mock or the harness shows as a failed operation, with
the failure lines in the assertion message. The packages must also pass `mypy --strict`, as
`make corpus` requires.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package
from generator.verify import Verified, verify_spec

from .contracts import proven, verify_mutated

SERVER = "https://api.example.com"


def _spec(title: str, paths: dict[str, Any], schemas: dict[str, Any] | None = None) -> Any:
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1"},
        "servers": [{"url": SERVER}],
        "paths": paths,
        "components": {"schemas": schemas or {}},
    }


def _verify(document: dict[str, Any]) -> Verified:
    return verify_spec(json.dumps(document).encode(), "openapi.json")


def _body(schema: dict[str, Any], media_type: str = "application/json") -> dict[str, Any]:
    return {"required": True, "content": {media_type: {"schema": schema}}}


NO_CONTENT = {"204": {"description": "done"}}


def test_a_body_typed_by_an_alias_of_a_model_is_proven() -> None:
    """A `oneOf` of components that are each `allOf` one model: the members are aliases
    (`TypeAliasType`) of that model, and the all-fields call builds the model they stand for."""
    base = {
        "type": "object",
        "required": ["event_id"],
        "properties": {"event_id": {"type": "string"}, "note": {"type": "string"}},
    }
    schemas = {
        "Base": base,
        "Approved": {"title": "Approved", "allOf": [{"$ref": "#/components/schemas/Base"}]},
        "Denied": {"title": "Denied", "allOf": [{"$ref": "#/components/schemas/Base"}]},
    }
    members = [{"$ref": "#/components/schemas/Approved"}, {"$ref": "#/components/schemas/Denied"}]
    operation = {"requestBody": _body({"oneOf": members}), "responses": NO_CONTENT}
    verified = _verify(_spec("Alias Union", {"/events": {"post": operation}}, schemas))
    assert verified.result.passed, proven(verified)


def _files(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional multipart body of one object schema."""
    return {"requestBody": {"content": {"multipart/form-data": {"schema": schema}}}}


FILE_ARRAY = _spec(
    "File Array",
    {
        "/photos": {
            "put": {
                **_files(
                    {
                        "type": "object",
                        "properties": {
                            "photos": {
                                "type": "array",
                                "items": {"type": "string", "format": "binary"},
                            }
                        },
                    }
                ),
                "responses": NO_CONTENT,
            }
        }
    },
)


def test_an_optional_array_of_files_is_proven() -> None:
    verified = _verify(FILE_ARRAY)
    assert verified.result.passed, proven(verified)


def test_a_required_multipart_body_of_optional_fields_is_sent_without_them() -> None:
    """The required-only call gives no field; the body is still required, so an empty multipart
    body (its closing boundary alone) is sent rather than none."""
    upload = {
        "requestBody": {
            **_files(
                {"type": "object", "properties": {"spec": {"type": "string", "format": "binary"}}}
            )["requestBody"],
            "required": True,
        },
        "responses": NO_CONTENT,
    }
    verified = _verify(_spec("Required Upload", {"/specs": {"post": upload}}))
    assert verified.result.passed, proven(verified)


def _menu_item(category: str, extra: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["category", "name", "id", *extra],
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "category": {"type": "string", "enum": [category]},
            "name": {"type": "string"},
            "price": {"type": "integer", "minimum": 0},
            "photo": {"type": "string", "format": "binary", "nullable": True},
            **extra,
        },
    }


MULTIPART_UNION = _spec(
    "Menu Union",
    {
        "/menu": {
            "post": {
                "requestBody": _body(
                    {
                        "oneOf": [
                            {"$ref": "#/components/schemas/Drink"},
                            {"$ref": "#/components/schemas/Cake"},
                        ],
                        "discriminator": {"propertyName": "category"},
                    },
                    "multipart/form-data",
                ),
                "responses": NO_CONTENT,
            }
        }
    },
    {
        "Drink": _menu_item(
            "Drink", {"volume": {"type": "number"}, "caffeine": {"type": "boolean"}}
        ),
        "Cake": _menu_item("Cake", {"calories": {"type": "number"}}),
    },
)


def test_a_multipart_body_that_is_a_union_of_models_is_proven() -> None:
    """Given whole (a model or its dict): a boolean or number field is a text part (`true`,
    `1.5`), read by the server as its schema's type; a binary property is a file part; the
    model (whose read-only `id` a new item has not) gives way to the dict."""
    verified = _verify(MULTIPART_UNION)
    assert verified.result.passed, proven(verified)


def test_operations_go_to_the_servers_they_declare() -> None:
    """An operation's own server (its variables at their defaults) wins over its path item's,
    which wins over the API's; a relative one is read against the API's."""
    ok = {"responses": NO_CONTENT}
    uploads = {
        "url": "https://{region}.uploads.example.com/",
        "variables": {"region": {"default": "eu"}},
    }
    paths = {
        "/plain": {"get": ok},
        "/moved": {"servers": [{"url": "/v2"}], "get": ok, "put": {**ok, "servers": [uploads]}},
        "/uploads": {"post": {**ok, "servers": [uploads, {"url": "https://other.example.com"}]}},
    }
    document = {**_spec("Own Servers", paths), "servers": [{"url": f"{SERVER}/v1"}]}
    verified = _verify(document)
    assert verified.result.passed, proven(verified)
    assert len(verified.result.proven) == 4


def test_a_server_variable_holding_the_base_path_is_proven() -> None:
    """eBay's `https://api.ebay.com{basePath}` with `basePath` defaulting to `/sell/feed/v1`:
    the default is a path of several segments, which the client takes, not refuses."""
    ok = {"responses": NO_CONTENT}
    server = {"url": SERVER + "{basePath}", "variables": {"basePath": {"default": "/sell/v1"}}}
    document = {**_spec("Base Path", {"/task": {"get": ok}}), "servers": [server]}
    verified = _verify(document)
    assert verified.result.passed, proven(verified)
    assert len(verified.result.proven) == 1


def test_paths_that_differ_only_in_variable_names_are_told_apart_by_pattern() -> None:
    """`/reports/{reportId}` (digits) and `/reports/{reportName}` (any text) are one template
    to a router, which OpenAPI forbids but published specs rely on: a call by name reaches the
    operation by name, checked against its own parameter, not refused by the id's pattern."""

    def by(name: str, pattern: str) -> dict[str, Any]:
        parameter = {"name": name, "in": "path", "required": True}
        return {**parameter, "schema": {"type": "string", "pattern": pattern}}

    def operations(parameter: dict[str, Any]) -> dict[str, Any]:
        ok = {
            "200": {"description": "ok", "content": {"text/plain": {"schema": {"type": "string"}}}}
        }
        return {
            "parameters": [parameter],
            "get": {"responses": ok},
            "delete": {"responses": NO_CONTENT},
        }

    paths = {
        "/reports/{reportId}": operations(by("reportId", r"\d+")),
        "/reports/{reportName}": operations(by("reportName", ".+")),
    }
    verified = _verify(_spec("Equivalent Paths", paths))
    assert verified.result.passed, proven(verified)
    assert len(verified.result.proven) == 4


def test_an_enum_reference_with_its_type_restated_beside_it_is_proven() -> None:
    """`{$ref: Status, type: string, nullable: true}` (how Twilio writes every enum field): the
    client reads the enum's values and null, not an object."""
    status = {"$ref": "#/components/schemas/Status", "type": "string"}
    sink = {
        "type": "object",
        "required": ["status", "previous"],
        "properties": {"status": status, "previous": {**status, "nullable": True}},
    }
    schemas = {"Status": {"type": "string", "enum": ["active", "failed"]}, "Sink": sink}
    reply = {
        "description": "ok",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Sink"}}},
    }
    paths = {
        "/sinks/{id}": {
            "get": {
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": {"200": reply},
            }
        }
    }
    verified = _verify(_spec("Restated Types", paths, schemas))
    assert verified.result.passed, proven(verified)


def test_form_fields_of_any_type_holding_objects_are_proven() -> None:
    """A form field with no schema, and a list of such items (Twilio's `SinkConfiguration` and
    `Types`): an object given for the field is sent with brackets, one in the list as its JSON
    text, and the server reads both back as the objects."""
    fields = {"Config": {"description": "JSON text."}, "Types": {"type": "array", "items": {}}}
    schema = {"type": "object", "required": ["Config", "Types"], "properties": fields}
    upload = {"requestBody": _body(schema, "application/x-www-form-urlencoded")}
    verified = _verify(_spec("Form Any", {"/sinks": {"post": {**upload, "responses": NO_CONTENT}}}))
    assert verified.result.passed, proven(verified)


def test_form_fields_named_with_brackets_are_read_as_their_own_type() -> None:
    """Fields named `employee[weekly_hours]` (Personio's form): each is its own property, read
    as its own type, not as raw text kept for an `employee` property nobody declares."""
    fields = {
        "employee[email]": {"type": "string"},
        "employee[weekly_hours]": {"type": "number"},
        "employee[active]": {"type": "boolean"},
    }
    schema = {"type": "object", "required": ["employee[email]"], "properties": fields}
    create = {"requestBody": _body(schema, "application/x-www-form-urlencoded")}
    paths = {"/employees": {"post": {**create, "responses": NO_CONTENT}}}
    verified = _verify(_spec("Bracketed Form", paths))
    assert verified.result.passed, proven(verified)


def test_a_reply_no_value_satisfies_is_blamed_on_the_spec_not_the_harness() -> None:
    """A base reply `data: object` extended with `data: array` (Personio's `Response`): no
    reply is valid, so the operation cannot be proven; verify says it is the spec's doing, as
    the generator's warning said, instead of calling it a harness bug."""
    base = {
        "type": "object",
        "required": ["success", "data"],
        "properties": {"success": {"type": "boolean"}, "data": {"type": "object"}},
    }
    listed = {"properties": {"data": {"type": "array", "items": {"type": "integer"}}}}
    schemas = {
        "Response": base,
        "Listed": {"allOf": [{"$ref": "#/components/schemas/Response"}, listed]},
    }
    reply = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Listed"}}}}
    paths = {
        "/items": {"get": {"responses": {"200": {**reply, "description": "ok"}}}},
        "/fine": {"get": {"responses": NO_CONTENT}},
    }
    verified = _verify(_spec("Clashing Reply", paths, schemas))
    assert verified.result.proven == {"GET /fine"}, proven(verified)
    assert {failure.key for failure in verified.result.failures} == {"GET /items"}
    for failure in verified.result.failures:
        assert "no reply is valid against the spec" in failure.message
        assert "harness bug" not in failure.message
    warned = [problem.pointer for problem in verified.problems if problem.level == "warning"]
    assert warned == ["/components/schemas/Listed"]


def test_an_envelope_list_is_proven_and_its_clashing_error_reply_blamed_on_the_spec() -> None:
    """Cloudflare's shape: a list reply is `allOf` an envelope (`result: anyOf [object, array,
    string]`, `success: enum [true]`) and an array of items; its `4XX` reply is `allOf` that
    reply and a failure (`success: enum [false]`), which no reply satisfies. The list itself is
    answered (the array branch holds the items), and the error case is the spec's doing, as the
    generator warned, not a harness bug."""
    envelope = {
        "type": "object",
        "required": ["success", "result"],
        "properties": {
            "success": {"type": "boolean", "enum": [True]},
            "result": {"anyOf": [{"type": "object"}, {"type": "array", "items": {}}]},
        },
    }
    failure = {
        "type": "object",
        "required": ["success"],
        "properties": {"success": {"type": "boolean", "enum": [False]}},
    }
    item = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    items = {
        "properties": {"result": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}}
    }
    schemas = {
        "Envelope": envelope,
        "Failure": failure,
        "Item": item,
        "Listed": {"allOf": [{"$ref": "#/components/schemas/Envelope"}, items]},
    }
    listed = {"schema": {"$ref": "#/components/schemas/Listed"}}
    clash = {
        "allOf": [{"$ref": "#/components/schemas/Listed"}, {"$ref": "#/components/schemas/Failure"}]
    }
    responses = {
        "200": {"content": {"application/json": listed}, "description": "ok"},
        "4XX": {"content": {"application/json": {"schema": clash}}, "description": "failed"},
    }
    paths = {"/items": {"get": {"operationId": "list_items", "responses": responses}}}
    verified = _verify(_spec("Envelope", paths, schemas))
    failures = verified.result.failures
    assert [failure.message.split(": ", 1)[0] for failure in failures] == [
        "GET /items (items.list) [418]"
    ], proven(verified)
    assert "no reply is valid against the spec" in failures[0].message
    assert "harness bug" not in failures[0].message
    warned = [problem.message for problem in verified.problems if problem.level == "warning"]
    assert len(warned) == 1 and "'success'" in warned[0], warned


def test_a_schema_no_value_satisfies_fails_only_where_it_must_be_sent() -> None:
    """An optional property of `allOf: [string, integer]` is one no client can send: it is left
    out and the operation proven. A required body of it cannot be sent: verify says so, naming
    the operation, and the generator warned about it."""
    clash = {"allOf": [{"type": "string"}, {"type": "integer"}]}
    optional = _body({"type": "object", "properties": {"clash": clash, "name": {"type": "string"}}})
    paths = {
        "/optional": {"post": {"requestBody": optional, "responses": NO_CONTENT}},
        "/required": {"post": {"requestBody": _body(clash), "responses": NO_CONTENT}},
    }
    verified = _verify(_spec("No Value", paths))
    assert verified.result.proven == {"POST /optional"}, proven(verified)
    failures = {failure.key for failure in verified.result.failures}
    assert failures == {"POST /required"}
    assert all("admit no common type" in failure.message for failure in verified.result.failures)
    warned = [problem.pointer for problem in verified.problems]
    assert warned == [
        "/paths/~1optional/post/requestBody/content/application~1json/schema/properties/clash",
        "/paths/~1required/post/requestBody/content/application~1json/schema",
    ]


# Defaults written as text for fields typed `date`, `datetime` and `UUID`.
DATED_DEFAULTS = _spec(
    "Dated",
    {
        "/events": {
            "post": {
                "requestBody": _body({"$ref": "#/components/schemas/Event"}),
                "responses": NO_CONTENT,
            }
        }
    },
    {
        "Event": {
            "type": "object",
            "properties": {
                "day": {"type": "string", "format": "date", "default": "2024-01-01"},
                "at": {"type": "string", "format": "date-time", "default": "2024-01-01T10:00:00Z"},
                "ref": {
                    "type": "string",
                    "format": "uuid",
                    "default": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                },
                "note": {"type": "string", "default": "none"},
            },
        }
    },
)


# Defaults holding objects where the field holds models (a map, a list, an `allOf` of one), and
# one beside plain strings, which stays.
MODEL_DEFAULTS = _spec(
    "Daemon",
    {
        "/info": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Info"}}
                        },
                    }
                }
            }
        }
    },
    {
        "Runtime": {"type": "object", "properties": {"path": {"type": "string"}}},
        "Info": {
            "type": "object",
            "properties": {
                "runtimes": {
                    "type": "object",
                    "additionalProperties": {"$ref": "#/components/schemas/Runtime"},
                    "default": {"runc": {"path": "runc"}},
                },
                "main": {
                    "allOf": [{"$ref": "#/components/schemas/Runtime"}],
                    "default": {"path": "runc"},
                },
                "spares": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Runtime"},
                    "default": [{"path": "crun"}],
                },
                "labels": {
                    "type": "object",
                    "additionalProperties": {"type": "string"},
                    "default": {"tier": "free"},
                },
            },
        },
    },
)


def test_defaults_holding_objects_for_models_are_proven() -> None:
    verified = _verify(MODEL_DEFAULTS)
    assert verified.result.passed, proven(verified)


def _extends(parent: str, **properties: Any) -> dict[str, Any]:
    own = {"type": "object", "properties": properties}
    return {"allOf": [{"$ref": f"#/components/schemas/{parent}"}, own]}


# A discriminated union whose members extend one another (`Puppy` is a `Dog`), as Jackson
# hierarchies come out of springdoc: each member carries its own tag.
TAGGED_CHAIN = _spec(
    "Shelter",
    {
        "/animals": {
            "post": {
                "requestBody": _body({"$ref": "#/components/schemas/Animal"}),
                "responses": NO_CONTENT,
            }
        }
    },
    {
        "Animal": {
            "oneOf": [{"$ref": f"#/components/schemas/{name}"} for name in ("Dog", "Puppy", "Cat")],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {
                    tag: f"#/components/schemas/{tag.title()}" for tag in ("dog", "puppy", "cat")
                },
            },
        },
        "Base": {
            "type": "object",
            "required": ["kind", "name"],
            "properties": {"kind": {"type": "string"}, "name": {"type": "string"}},
        },
        "Dog": _extends("Base", bark={"type": "boolean"}),
        "Puppy": _extends("Dog", ageWeeks={"type": "integer"}),
        "Cat": _extends("Base", lives={"type": "integer", "enum": [7, 9]}),
    },
)


def test_a_union_member_extending_another_member_is_proven() -> None:
    verified = _verify(TAGGED_CHAIN)
    assert verified.result.passed, proven(verified)


def test_an_apidog_style_security_export_sends_the_bearer_token() -> None:
    """`type: bearer` and an `x-apidog` key beside the scheme name, as Apidog exports them."""
    vendor = {"schemeGroups": [{"id": "g1", "schemeIds": ["Token"]}], "required": True}
    document = _spec("Apidog", {"/jobs": {"post": {"responses": NO_CONTENT}}})
    document["components"]["securitySchemes"] = {"Token": {"type": "bearer"}}
    document["security"] = [{"Token": [], "x-apidog": vendor}]
    verified = _verify(document)
    assert verified.result.passed, proven(verified)


def test_a_pattern_that_does_not_compile_is_not_checked() -> None:
    """NestJS class-validator output with its backslashes lost: `[w-.]` is a reversed range."""
    email = {"type": "string", "pattern": "^[w-.]+@([w-]+.)+[w-]{2,4}$"}
    body = {"type": "object", "properties": {"email": email}, "required": ["email"]}
    verified = _verify(
        _spec(
            "Recovery",
            {"/recover": {"post": {"requestBody": _body(body), "responses": NO_CONTENT}}},
        )
    )
    assert verified.result.passed, proven(verified)


def test_request_bodies_of_wildcard_media_types_are_proven() -> None:
    """`image/*`, `text/*` and `*/*` bodies: the caller names the exact type (a file tuple)."""
    raw = {"type": "string", "format": "binary"}
    paths = {
        f"/{name}": {"put": {"requestBody": _body(schema, media), "responses": NO_CONTENT}}
        for name, media, schema in [
            ("avatar", "image/*", raw),
            ("note", "text/*", {"type": "string"}),
            ("blob", "*/*", raw),
        ]
    }
    verified = _verify(_spec("Uploads", paths))
    assert verified.result.passed, proven(verified)


def test_media_types_written_without_a_subtype_are_proven() -> None:
    """Litestar prints a route's `media_type="text"` as the content key; `json` is as short."""
    reply = {"200": {"description": "ok", "content": {"json": {"schema": {"type": "object"}}}}}
    paths = {
        "/notes": {"post": {"requestBody": _body({"type": "string"}, "text"), "responses": reply}}
    }
    verified = _verify(_spec("Litestar", paths))
    assert verified.result.passed, proven(verified)


def test_a_stream_of_named_events_is_proven() -> None:
    """huma's description of a stream: an array of the events it may carry, each named by a
    `const`; the mock sends one event of each name, the client types each by its name."""
    members = [
        {
            "type": "object",
            "required": ["event", "data"],
            "properties": {"event": {"type": "string", "const": name}, "data": data},
        }
        for name, data in [
            ("status", {"$ref": "#/components/schemas/Status"}),
            ("note", {"type": "string"}),
        ]
    ]
    stream = {"type": "array", "items": {"oneOf": members}}
    ok = {"description": "events", "content": {"text/event-stream": {"schema": stream}}}
    status = {"type": "object", "required": ["state"], "properties": {"state": {"type": "string"}}}
    verified = _verify(
        _spec("Huma", {"/events": {"get": {"responses": {"200": ok}}}}, {"Status": status})
    )
    assert verified.result.passed, proven(verified)


_EMPTY_FORM = {"type": "object", "properties": {}, "additionalProperties": False}
EMPTY_FORM_BODY = _spec(
    "Formed",
    {
        "/v1/balance": {
            "get": {
                "requestBody": _body(_EMPTY_FORM, "application/x-www-form-urlencoded")
                | {"required": False},
                "responses": NO_CONTENT,
            }
        }
    },
)


def test_an_optional_form_body_without_fields_is_left_out() -> None:
    """Stripe puts an empty form body on every GET and DELETE: optional, no properties. A call
    that does not give it sends no body (and the package type-checks: see below)."""
    verified = _verify(EMPTY_FORM_BODY)
    assert verified.result.passed, proven(verified)


def test_a_required_model_whose_schema_omits_type_object_is_proven() -> None:
    """`Props` lists properties but no `type`: strict JSON Schema would let it be null too, which
    no generated class accepts. It is read as an object, so the mock expects no null."""
    rule = {
        "type": "object",
        "required": ["properties"],
        "properties": {
            "properties": {"$ref": "#/components/schemas/Props"},
            "labels": {"additionalProperties": {"type": "string"}},
        },
    }
    schemas = {"Rule": rule, "Props": {"properties": {"enabled": {"type": "boolean"}}}}
    ref = {"$ref": "#/components/schemas/Rule"}
    reply = {"200": {"description": "ok", "content": {"application/json": {"schema": ref}}}}
    operation = {"requestBody": _body(ref), "responses": reply}
    verified = _verify(_spec("Rules", {"/rules": {"post": operation}}, schemas))
    assert verified.result.passed, proven(verified)


def test_a_tuple_of_prefix_items_is_proven() -> None:
    """OpenAPI 3.1's tuple, as pydantic writes one: `prefixItems` and `items: false`. Each
    position gets a value of its own type, and nothing beyond them."""
    point = {
        "type": "array",
        "prefixItems": [{"type": "integer"}, {"type": "string"}],
        "items": False,
        "minItems": 2,
        "maxItems": 2,
    }
    pair = {"type": "object", "required": ["point"], "properties": {"point": point}}
    ref = {"$ref": "#/components/schemas/Pair"}
    reply = {"200": {"description": "ok", "content": {"application/json": {"schema": ref}}}}
    document = _spec("Pairs", {"/pair": {"post": {"requestBody": _body(ref), "responses": reply}}})
    document["openapi"] = "3.1.0"
    document["components"]["schemas"]["Pair"] = pair
    verified = _verify(document)
    assert verified.result.passed, proven(verified)


def test_a_204_that_declares_content_is_answered_without_a_body() -> None:
    """HTTP gives a 204 no body, whatever the spec declares: a mock that sent one would break
    the next response on the kept-open connection, and the method returns None."""
    text = {"application/json": {"schema": {"type": "string"}}}
    item = {
        "parameters": [
            {"name": "term", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        "delete": {"responses": {"204": {"description": "gone", "content": text}}},
        "get": {"responses": {"200": {"description": "ok", "content": text}}},
    }
    verified = _verify(_spec("Terms", {"/terms/{term}": item}))
    assert verified.result.passed, proven(verified)


def test_a_head_whose_errors_declare_a_json_body_is_proven() -> None:
    """A reply to HEAD has no body, whatever the spec declares (responses shared with the GET
    of the same path often do): the mock expects none, and `error.body` is None."""
    problem = {"type": "object", "properties": {"message": {"type": "string"}}}
    failed = {"description": "no", "content": {"application/json": {"schema": problem}}}
    responses = {"200": {"description": "there"}, "404": failed, "default": failed}
    tag = {"name": "tag", "in": "path", "required": True, "schema": {"type": "string"}}
    item = {"parameters": [tag], "head": {"responses": responses}}
    verified = _verify(_spec("Tags", {"/tags/{tag}": item}))
    assert verified.result.passed, proven(verified)


def test_a_swagger_text_operation_whose_errors_are_objects_is_proven() -> None:
    """Swagger 2.0's `produces` covers every response of an operation: a text ping's object
    error is answered and read as JSON, its success as text."""
    problem = {"type": "object", "properties": {"message": {"type": "string"}}}
    responses = {
        "200": {"description": "up", "schema": {"type": "string"}},
        "500": {"description": "down", "schema": {"$ref": "#/definitions/Problem"}},
    }
    document = {
        "swagger": "2.0",
        "info": {"title": "Ping", "version": "1"},
        "host": "api.example.com",
        "paths": {"/_ping": {"get": {"produces": ["text/plain"], "responses": responses}}},
        "definitions": {"Problem": problem},
    }
    verified = _verify(document)
    assert verified.result.passed, proven(verified)


def test_a_required_form_body_whose_fields_are_all_left_out_is_proven() -> None:
    """The client sends the empty form (its content type, no bytes): that is a body, with no
    fields, not a missing one."""
    schema = {
        "type": "object",
        "properties": {
            "note": {"type": "string"},
            "expand": {"type": "array", "items": {"type": "string"}},
        },
    }
    body = _body(schema, "application/x-www-form-urlencoded")
    operation = {"requestBody": body, "responses": NO_CONTENT}
    verified = _verify(_spec("Empty Form", {"/charges": {"post": operation}}))
    assert verified.result.passed, proven(verified)


def test_a_streamed_body_written_as_format_file_is_proven() -> None:
    """Azure's specs, converted from Swagger 2.0, keep AutoRest's `type: object, format: file`
    for a streamed text/plain body: it is bytes, sent as they are."""
    stream = {"type": "object", "format": "file"}
    operation = {"requestBody": _body(stream, "text/plain"), "responses": NO_CONTENT}
    verified = _verify(_spec("Screen", {"/screen": {"post": operation}}))
    assert verified.result.passed, proven(verified)


NUMBERED_PAGES = _spec(
    "Numbered",
    {
        "/sites": {
            "get": {
                "operationId": "listSites",
                "parameters": [
                    {"name": "page", "in": "query", "schema": {"type": "integer"}},
                    {"name": "per_page", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "A page of sites, and no word of the next.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/Site"},
                                }
                            }
                        },
                    }
                },
            }
        }
    },
    {"Site": {"type": "object", "properties": {"id": {"type": "string"}}}},
)


def _text_reply(media: str, description: str) -> dict[str, Any]:
    content = {media: {"schema": {"type": "string"}}}
    return {"200": {"description": description, "content": content}}


TEXT_TYPES = _spec(
    "Text Types",
    {
        "/clusters/{id}/kubeconfig": {
            "get": {
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "responses": _text_reply("application/yaml", "The cluster's config."),
            }
        },
        "/pets": {
            "post": {
                "operationId": "addPet",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Pet"}},
                        "application/xml": {"schema": {"$ref": "#/components/schemas/Pet"}},
                    },
                },
                "responses": _text_reply("application/atom+xml", "The feed of pets."),
            }
        },
        "/logo": {"get": {"responses": _text_reply("image/svg+xml", "The logo, a file.")}},
    },
    {"Pet": {"type": "object", "properties": {"name": {"type": "string"}}}},
)


def test_text_that_is_not_text_star_is_proven_as_str(tmp_path: Path) -> None:
    """A YAML config and an XML feed come back as `str`, an XML body is sent from a `str` by
    `add_xml`; an SVG image stays a file."""
    verified = _verify(TEXT_TYPES)
    assert verified.result.passed, proven(verified)
    generate_package(json.dumps(TEXT_TYPES).encode(), "openapi.json", tmp_path)
    resources = tmp_path / "src" / "text_types_client" / "resources"
    assert "    ) -> str:" in (resources / "clusters.py").read_text("utf-8")
    assert "def add_xml(" in (resources / "pets.py").read_text("utf-8")
    assert "    ) -> BinaryResponse:" in (resources / "logo.py").read_text("utf-8")


OFFSET_PAGES = _spec(
    "Offsets",
    {
        "/realms": {
            "get": {
                "operationId": "listRealms",
                "parameters": [
                    {"name": "first", "in": "query", "schema": {"type": "integer"}},
                    {"name": "max", "in": "query", "schema": {"type": "integer"}},
                ],
                "responses": NUMBERED_PAGES["paths"]["/sites"]["get"]["responses"],
            }
        }
    },
    NUMBERED_PAGES["components"]["schemas"],
)


WIRE_FIXTURES = Path(__file__).resolve().parents[1] / "wire" / "fixtures"
HIERARCHY = WIRE_FIXTURES / "hierarchy" / "openapi.yaml"
HELD = WIRE_FIXTURES / "held" / "openapi.yaml"

TYPE_CHECKED = {
    "file_array": FILE_ARRAY,
    "menu_union": MULTIPART_UNION,
    "dated": DATED_DEFAULTS,
    "model_defaults": MODEL_DEFAULTS,
    "tagged_chain": TAGGED_CHAIN,
    "empty_form": EMPTY_FORM_BODY,
    "numbered": NUMBERED_PAGES,
    "text_types": TEXT_TYPES,
}


def test_the_packages_pass_mypy_strict(tmp_path: Path) -> None:
    sources = []
    for name, document in TYPE_CHECKED.items():
        out = tmp_path / name
        generate_package(json.dumps(document).encode(), f"{name}.json", out)
        sources += [str(path) for path in (out / "src").iterdir()]
    for fixture in (HIERARCHY, HELD):
        out = tmp_path / fixture.parent.name
        generate_package(fixture.read_bytes(), str(fixture), out)
        sources += [str(path) for path in (out / "src").iterdir()]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *sources],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_class_hierarchies_with_the_discriminator_on_the_base_are_proven() -> None:
    """Springdoc's base listing its subclasses in `oneOf`, NSwag's mapping without one, and
    class names as tags: every operation proven against a mock answering each subclass."""
    verified = verify_spec(HIERARCHY.read_bytes(), str(HIERARCHY))
    assert verified.result.passed, proven(verified)


def test_headers_the_client_holds_are_proven_sent_from_it(tmp_path: Path) -> None:
    """Clients are made holding the tenant header: each call leaving it out must send the
    client's value, so a client that drops it fails the contract."""
    verified = verify_spec(HELD.read_bytes(), str(HELD))
    assert verified.result.passed, proven(verified)
    out = tmp_path / "package"
    generated = generate_package(HELD.read_bytes(), str(HELD), out)
    module = out / "src" / generated.api.config.package / "_client.py"
    source, count = re.subn(r'"X-Tenant-Id": x_tenant_id,', "", module.read_text("utf-8"))
    assert count == 2, "the sync and async constructors no longer hold the header"
    module.write_text(source, encoding="utf-8")
    mutated = verify_spec(HELD.read_bytes(), str(HELD), package=out)
    assert not mutated.result.passed
    assert "'X-Tenant-Id' header is required" in proven(mutated)


def test_page_numbers_alone_are_proven_to_ask_for_the_next_number(tmp_path: Path) -> None:
    """A page of items says another may follow: the client must ask for the next number; one
    that asks for the same page again fails the contract."""
    verified = _verify(NUMBERED_PAGES)
    assert verified.result.passed, proven(verified)
    spec = json.dumps(NUMBERED_PAGES).encode()
    pattern = r'page_param="page"'
    mutated = verify_mutated(spec, tmp_path / "package", "sites", pattern, 'page_param="per_page"')
    assert not mutated.result.passed, proven(mutated)
    assert "page 2" in proven(mutated)


def test_an_offset_beside_a_page_size_is_proven_to_move_past_the_items(tmp_path: Path) -> None:
    """A page of items says another may follow: the client must ask for the offset past them;
    one that sends the page size there instead fails the contract."""
    verified = _verify(OFFSET_PAGES)
    assert verified.result.passed, proven(verified)
    spec = json.dumps(OFFSET_PAGES).encode()
    pattern = r'offset_param="first"'
    mutated = verify_mutated(spec, tmp_path / "package", "realms", pattern, 'offset_param="max"')
    assert not mutated.result.passed, proven(mutated)


REDIRECT_REPLY = _spec(
    "Redirect Reply",
    {
        "/deactivations": {
            "get": {
                "operationId": "fetchDeactivation",
                "responses": {
                    "307": {
                        "description": "Temporary Redirect",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Deactivation"}
                            }
                        },
                    }
                },
            }
        }
    },
    {"Deactivation": {"type": "object", "properties": {"redirect_to": {"type": "string"}}}},
)


def test_a_redirect_that_is_the_reply_is_proven(tmp_path: Path) -> None:
    """An operation answering only `307` with a JSON body (Twilio's deactivations): the mock
    answers 307, and the client returns the body instead of following or refusing it; a
    method that does not take the 307 as its reply fails verify."""
    verified = _verify(REDIRECT_REPLY)
    assert verified.result.passed, proven(verified)
    spec = json.dumps(REDIRECT_REPLY).encode()
    pattern = r"\s*answer_status=307,"
    mutated = verify_mutated(spec, tmp_path / "package", "deactivations", pattern, "")
    assert not mutated.result.passed, proven(mutated)
    assert "307" in proven(mutated)


def test_a_readme_offers_api_key_only_where_a_scheme_takes_one(tmp_path: Path) -> None:
    """Twilio signs in with HTTP basic: its README names `credentials={"username": ...}`, not
    an `api_key=` the client would refuse."""
    basic = _spec("Basic Only", {"/me": {"get": {"responses": NO_CONTENT}}})
    basic["components"]["securitySchemes"] = {"login": {"type": "http", "scheme": "basic"}}
    basic["security"] = [{"login": []}]
    generate_package(json.dumps(basic).encode(), "openapi.json", tmp_path / "basic")
    readme = (tmp_path / "basic" / "README.md").read_text(encoding="utf-8")
    assert 'Credentials are passed as `credentials={"username": ...}`' in readme
    assert "api_key=" not in readme


def test_an_offset_declared_a_string_pages_with_the_text_of_the_next_offset() -> None:
    """Box's folder listing declares `offset` a string and answers `entries` beside an `order`
    array and `total_count`: the list pages, and page two asks for `offset=<items so far>`,
    which the spec reads as the string it declares."""
    order = {"type": "array", "items": {"type": "object", "properties": {"by": {"type": "string"}}}}
    item = {"type": "object", "properties": {"id": {"type": "string"}}}
    page = {
        "type": "object",
        "properties": {
            "entries": {"type": "array", "items": item},
            "order": order,
            "total_count": {"type": "integer"},
        },
    }
    parameters = [
        {"name": name, "in": "query", "schema": {"type": kind}}
        for name, kind in (("offset", "string"), ("limit", "integer"))
    ]
    replies = {"200": {"description": "ok", "content": {"application/json": {"schema": page}}}}
    paths = {"/folders/items": {"get": {"parameters": parameters, "responses": replies}}}
    verified = _verify(_spec("Folders", paths))
    assert verified.result.passed, proven(verified)


def test_an_exploded_object_of_alternatives_leaves_its_siblings_their_keys() -> None:
    """Intercom's `GET /events`: a required `filter` (form, exploded) that is one of
    `{user_id}`, `{email}`, declared beside plain query parameters. Its keys sit in the
    branches, so its own properties name none; `type` and `summary` are still not its keys."""

    def branch(name: str) -> dict[str, Any]:
        return {
            "title": f"by {name}",
            "properties": {name: {"type": "string"}},
            "required": [name],
            "additionalProperties": False,
        }

    filter_ = {
        "name": "filter",
        "in": "query",
        "required": True,
        "style": "form",
        "explode": True,
        "schema": {"type": "object", "oneOf": [branch("user_id"), branch("email")]},
    }
    parameters = [
        filter_,
        {"name": "type", "in": "query", "required": True, "schema": {"type": "string"}},
        {"name": "summary", "in": "query", "schema": {"type": "boolean"}},
    ]
    paths = {"/events": {"get": {"parameters": parameters, "responses": NO_CONTENT}}}
    verified = _verify(_spec("Exploded Alternatives", paths))
    assert verified.result.passed, proven(verified)
