"""The names README and `api.md` examples give what a call returns."""

from __future__ import annotations

from typing import Any

from generator.analyze import analyze
from generator.config import default_config
from generator.examples import Examples


def _returns(operation: dict[str, Any]) -> dict[str, Any]:
    content = {"application/json": {"schema": operation.pop("schema")}}
    return {**operation, "responses": {"200": {"description": "ok", "content": content}}}


def test_a_list_is_named_after_its_resource_and_one_item_in_the_singular() -> None:
    booking = {"type": "object", "properties": {"id": {"type": "string"}}}
    many = {"type": "array", "items": booking}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/bookings": {"get": _returns({"operationId": "getBookings", "schema": many})},
            "/bookings/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {}}],
                "get": _returns({"operationId": "getBooking", "schema": booking}),
            },
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    examples = Examples(api, document)
    (resource,) = api.resources
    calls = {str(op.name): str(examples.of(resource, op).result) for op in resource.operations}
    assert calls == {"list": "bookings", "get": "booking"}


def test_a_list_of_a_resource_named_in_the_singular_is_still_plural() -> None:
    entry = {"type": "object", "properties": {"id": {"type": "string"}}}
    listing = {"operationId": "getChangelogs", "tags": ["Changelog"], "schema": {"items": entry}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {"/changelogs": {"get": _returns(listing)}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    (resource,) = api.resources
    (operation,) = resource.operations
    assert str(Examples(api, document).of(resource, operation).result) == "changelogs"


def test_a_result_named_like_a_builtin_is_called_result() -> None:
    """`list = client.lists.create(...)` would hide the builtin in code copied from the README."""
    twitter_list = {"type": "object", "properties": {"id": {"type": "string"}}}
    creating = {"operationId": "createList", "tags": ["Lists"], "schema": twitter_list}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {"/lists": {"post": _returns(creating)}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    (resource,) = api.resources
    (operation,) = resource.operations
    assert str(Examples(api, document).of(resource, operation).result) == "result"


def test_events_are_named_a_stream() -> None:
    answer = {"type": "object", "properties": {"text": {"type": "string"}}}
    content = {"application/json": {"schema": answer}, "text/event-stream": {"schema": answer}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/chat": {
                "post": {
                    "operationId": "chat",
                    "tags": ["Talk"],
                    "responses": {"200": {"description": "ok", "content": content}},
                }
            }
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    (resource,) = api.resources
    (operation,) = resource.operations
    assert operation.events is not None
    examples = Examples(api, document)
    assert str(examples.of(resource, operation.events).result) == "stream"
    assert str(examples.of(resource, operation).result) == "talk"


def test_an_array_example_has_as_many_items_as_min_items_asks() -> None:
    pair = {"type": "array", "items": {"type": "string"}, "minItems": 2, "maxItems": 2}
    labels = {"type": "array", "items": {"type": "string"}, "minItems": 2, "uniqueItems": True}
    body = {
        "type": "object",
        "required": ["pairs", "labels"],
        "properties": {
            "pairs": {"type": "array", "items": pair, "minItems": 1},
            "labels": labels,
        },
    }
    request = {"required": True, "content": {"application/json": {"schema": body}}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/answers": {
                "post": {
                    "operationId": "createAnswer",
                    "requestBody": request,
                    "responses": {"204": {"description": "done"}},
                }
            }
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    (resource,) = api.resources
    (operation,) = resource.operations
    call = str(Examples(api, document).of(resource, operation).call)
    assert "pairs=[['pairs', 'pairs']]" in call
    assert "labels=['labels_1', 'labels_2']" in call


def test_a_nested_object_example_carries_its_one_value_tag_even_when_optional() -> None:
    """A dict is sent as written: without `type`, the server cannot tell which payment
    method it reads, whatever default the schema gives the tag."""
    card = {
        "type": "object",
        "required": ["number"],
        "properties": {
            "type": {"type": "string", "enum": ["card"], "default": "card"},
            "number": {"type": "string"},
            "note": {"type": "string"},
        },
    }
    bank = {
        "type": "object",
        "required": ["iban"],
        "properties": {"type": {"const": "bank"}, "iban": {"type": "string"}},
    }
    body = {
        "type": "object",
        "required": ["method"],
        "properties": {"method": {"oneOf": [{"$ref": "#/components/schemas/Card"}, bank]}},
    }
    request = {"required": True, "content": {"application/json": {"schema": body}}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/payments": {
                "post": {
                    "operationId": "createPayment",
                    "requestBody": request,
                    "responses": {"204": {"description": "done"}},
                }
            }
        },
        "components": {"schemas": {"Card": card}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    (resource,) = api.resources
    (operation,) = resource.operations
    call = str(Examples(api, document).of(resource, operation).call)
    assert "method={'type': 'card', 'number': 'number'}" in call


def test_a_resource_example_reads_rather_than_deletes_where_it_can() -> None:
    """Keycloak's attack detection deletes with the realm alone, but reads with a user id too:
    code copied from the README must not clear the realm's login failures. A resource that only
    deletes still gets its example, and the simplest call overall is a read as well."""
    status = {"type": "object", "properties": {"disabled": {"type": "boolean"}}}
    realm = {"name": "realm", "in": "path", "required": True, "schema": {"type": "string"}}
    user = {"name": "userId", "in": "path", "required": True, "schema": {"type": "string"}}
    gone = {"responses": {"204": {"description": "gone"}}}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/{realm}/brute-force/users": {
                "parameters": [realm],
                "delete": {**gone, "tags": ["Attack"]},
            },
            "/{realm}/brute-force/users/{userId}": {
                "parameters": [realm, user],
                "get": _returns({"tags": ["Attack"], "schema": status}),
                "delete": {**gone, "tags": ["Attack"]},
            },
            "/{realm}/cache": {"parameters": [realm], "delete": {**gone, "tags": ["Cache"]}},
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    examples = Examples(api, document)
    chosen = [str(example.operation.http_method) for example in examples.per_resource()]
    simple = examples.simple()
    assert chosen == ["get", "delete"]
    assert simple is not None and str(simple.operation.http_method) == "get"
