"""An argument that shares its name with another one of the method says where it goes."""

from __future__ import annotations

from typing import Any

from generator.analyze import analyze
from generator.config import default_config


def _arguments(operation: dict[str, Any], path: str = "/lists/{list_id}") -> dict[str, str]:
    """The method's argument names, by where each goes and its name on the wire."""
    document = {
        "openapi": "3.0.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {path: {"get": {"operationId": "getList", "responses": {}, **operation}}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    (method,) = api.operations
    return {f"{p.location} {p.wire_name.unsafe_value}": str(p.name) for p in method.parameters}


def _parameter(location: str, name: str, **extra: Any) -> dict[str, Any]:
    return {"in": location, "name": name, "schema": {"type": "integer"}, **extra}


def test_a_query_parameter_named_like_a_path_parameter_says_it_is_the_query_one() -> None:
    """SendGrid's `GET /contactdb/lists/{list_id}` also takes `?list_id=`."""
    parameters = [
        _parameter("path", "list_id", required=True),
        _parameter("query", "list_id"),
        _parameter("header", "list_id"),
        _parameter("query", "page"),
    ]
    assert _arguments({"parameters": parameters}) == {
        "path list_id": "list_id",
        "query list_id": "list_id_query",
        "header list_id": "list_id_header",
        "query page": "page",
    }


def test_a_path_parameter_named_like_a_body_field_says_it_is_the_path_one() -> None:
    """Gmail's `PUT /users/{userId}/labels/{id}` sends a label, which has an `id` of its own."""
    body = {
        "content": {
            "application/json": {
                "schema": {"type": "object", "properties": {"id": {"type": "string"}}}
            }
        }
    }
    parameters = [_parameter("path", "id", required=True), _parameter("query", "id")]
    arguments = _arguments({"parameters": parameters, "requestBody": body}, path="/labels/{id}")
    assert arguments == {"path id": "id_path", "query id": "id_query"}


def test_two_arguments_going_to_the_same_place_are_numbered() -> None:
    """`fooBar` and `foo_bar`, both in the query: a place would not tell them apart. The one
    spelled as the argument keeps the plain name, whichever the spec lists first."""
    parameters = [_parameter("query", "fooBar"), _parameter("query", "foo_bar")]
    assert _arguments({"parameters": parameters}, path="/things") == {
        "query fooBar": "foo_bar_2",
        "query foo_bar": "foo_bar",
    }


def test_the_argument_named_as_a_wire_name_sends_that_wire_name() -> None:
    """Clerk's `GET /public/interstitial` lists the deprecated `frontendApi` before
    `frontend_api`: `frontend_api=` must send `frontend_api`, not the deprecated one."""
    parameters = [
        _parameter("query", "frontendApi", deprecated=True),
        _parameter("query", "frontend_api"),
        _parameter("query", "frontend-api"),
        _parameter("query", "publishable_key"),
    ]
    assert _arguments({"parameters": parameters}, path="/public/interstitial") == {
        "query frontendApi": "frontend_api_2",
        "query frontend_api": "frontend_api",
        "query frontend-api": "frontend_api_3",
        "query publishable_key": "publishable_key",
    }


def test_a_path_parameter_spelled_otherwise_beside_a_query_one_says_where_it_goes() -> None:
    """`{listId}` in the path beside `?list_id=`: `list_id=` sends the query one."""
    parameters = [_parameter("path", "listId", required=True), _parameter("query", "list_id")]
    assert _arguments({"parameters": parameters}, path="/lists/{listId}") == {
        "path listId": "list_id_path",
        "query list_id": "list_id",
    }


def test_a_placed_name_is_never_a_keyword_or_a_per_call_option() -> None:
    """`class` in the query beside a body's `class` is `class_query`, not `class__query`; an
    `extra` query parameter beside a body's `extra` must not become the `extra_query` option."""
    properties = {"class": {"type": "string"}, "extra": {"type": "string"}}
    body = {
        "content": {"application/json": {"schema": {"type": "object", "properties": properties}}}
    }
    parameters = [_parameter("query", "class"), _parameter("query", "extra")]
    arguments = _arguments({"parameters": parameters, "requestBody": body}, path="/things")
    assert arguments == {"query class": "class_query", "query extra": "extra_query_"}


def test_a_parameter_named_like_a_builtin_is_spelt_as_a_body_field_is() -> None:
    """Ory Keto's `GET /check?object=` and the JSON body of `POST /check` carry the same
    `object`: the body's argument (and the model field) is `object_`, so the query argument
    must be too, or the same keyword is a TypeError in one of the two methods."""
    fields = {"object": {"type": "string"}, "list": {"type": "string"}}
    body = {"content": {"application/json": {"schema": {"type": "object", "properties": fields}}}}
    query = [_parameter("query", "object"), _parameter("query", "list")]
    document = {
        "openapi": "3.0.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/check": {
                "get": {"operationId": "getCheck", "parameters": query, "responses": {}},
                "post": {"operationId": "postCheck", "requestBody": body, "responses": {}},
            }
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    by_method = {str(operation.http_method): operation for operation in api.operations}
    get = {p.wire_name.unsafe_value: str(p.name) for p in by_method["get"].parameters}
    assert get == {"object": "object_", "list": "list_"}
    post = by_method["post"]
    assert post.body is not None
    assert {f.wire_name.unsafe_value: str(f.name) for f in post.body.fields} == get
