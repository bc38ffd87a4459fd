"""Small specs built the way Stripe's published spec is, proven end to end as `sdkgen verify` does.

Stripe's spec ties its resources into one big reference cycle ("expandable" fields, `anyOf:
[{type: string}, {$ref: Customer}]`, and nullable references, on every resource), sends arrays
in form bodies and queries as indexed `deepObject`s (`expand[0]=a&items[0][price]=p`) and
nests objects the same way (`metadata[key]=v`). The mock must answer the first with small,
finite replies and read the second as the arrays the client sent; when the mock itself fails,
the failure must say so instead of looking like a dropped connection.
"""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import httpx
import pytest

from generator.verify import verify_spec
from generator.verify.cycles import recursive_refs
from generator.verify.mock import SpecMockServer

from .contracts import proven

SERVER = "https://api.example.com"
RESOURCES = 24
_TEXT = {"type": "string", "maxLength": 5000}


def _spec(title: str, paths: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": title, "version": "1"},
        "servers": [{"url": SERVER}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


def _ref(index: int) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/resource_{index % RESOURCES}"}


def _resource(index: int) -> dict[str, Any]:
    """A resource that reaches every other one: a required nullable reference to the next,
    expandable references to two others, and a list of expandable references to itself."""
    return {
        "type": "object",
        "title": f"Resource{index}",
        "required": ["id", "object", "parent", "owner"],
        "properties": {
            "id": _TEXT,
            "object": {"type": "string", "enum": [f"resource_{index}"]},
            "parent": {"anyOf": [_ref(index + 1)], "nullable": True},
            "owner": {"anyOf": [_TEXT, _ref(index * 7 + 3)]},
            "related": {"anyOf": [_TEXT, _ref(index * 13 + 5)], "nullable": True},
            "history": {"type": "array", "items": {"anyOf": [_TEXT, _ref(index)]}},
        },
    }


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}


CYCLE = _spec(
    "Expandable Cycle",
    {
        "/v1/resources/{id}": {
            "get": {
                "operationId": "GetResource",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": _TEXT}],
                "responses": _json(_ref(0)),
            }
        },
        "/v1/resources": {
            "get": {
                "operationId": "ListResources",
                "responses": _json(
                    {
                        "type": "object",
                        "required": ["object", "data", "has_more"],
                        "properties": {
                            "object": {"type": "string", "enum": ["list"]},
                            "data": {"type": "array", "items": _ref(5)},
                            "has_more": {"type": "boolean"},
                        },
                    }
                ),
            },
            "post": {
                "operationId": "PostResources",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": _ref(9)}},
                },
                "responses": _json(_ref(9)),
            },
        },
    },
    {f"resource_{index}": _resource(index) for index in range(RESOURCES)},
)


def test_every_resource_of_the_cycle_is_found_recursive() -> None:
    refs = recursive_refs(CYCLE)
    assert {f"#/components/schemas/resource_{i}" for i in range(RESOURCES)} <= refs


def test_a_deep_cycle_of_expandable_references_is_proven() -> None:
    """Built by following every reference, a reply never ends (the required nullable `parent`
    chain alone runs round the cycle forever); built right, it holds each resource in full
    once, and a reference met again is its id or null."""
    verified = verify_spec(json.dumps(CYCLE).encode(), "openapi.json")
    assert verified.result.passed, proven(verified)


_PARAMETERS = {"explode": True, "style": "deepObject"}
FORM_FIELDS = {
    "expand": {"type": "array", "items": _TEXT},
    "tags": {"type": "array", "items": _TEXT},
    "metadata": {
        "anyOf": [{"type": "object", "additionalProperties": {"type": "string"}}, {"enum": [""]}]
    },
    "items": {
        "type": "array",
        "items": {
            "type": "object",
            "title": "item_params",
            "required": ["price"],
            "properties": {
                "price": _TEXT,
                "quantity": {"type": "integer"},
                "tax_rates": {"type": "array", "items": _TEXT},
                "options": {
                    "type": "object",
                    "required": ["codes"],
                    "properties": {"codes": {"type": "array", "items": _TEXT}},
                },
            },
        },
    },
    "created": {
        "anyOf": [
            {
                "type": "object",
                "properties": {"gt": {"type": "integer"}, "lt": {"type": "integer"}},
            },
            {"type": "integer"},
        ]
    },
}
FORM = _spec(
    "Indexed Form",
    {
        "/v1/orders": {
            "post": {
                "operationId": "PostOrders",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/x-www-form-urlencoded": {
                            "encoding": dict.fromkeys(FORM_FIELDS, _PARAMETERS),
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "required": ["tags", "items"],
                                "properties": FORM_FIELDS,
                            },
                        }
                    },
                },
                "responses": _json({"type": "object", "properties": {"id": _TEXT}}),
            },
            "get": {
                "operationId": "GetOrders",
                "parameters": [
                    {"name": "expand", "in": "query", "schema": FORM_FIELDS["expand"]}
                    | _PARAMETERS,
                    {"name": "created", "in": "query", "schema": FORM_FIELDS["created"]}
                    | _PARAMETERS,
                ],
                "responses": _json({"type": "object", "properties": {"id": _TEXT}}),
            },
        }
    },
    {},
)


def test_indexed_arrays_and_nested_objects_in_a_form_body_are_proven() -> None:
    """`expand[0]=a&expand[1]=b`, `items[0][options][codes][0]=c`, `metadata[key]=v` and
    `created[gt]=1` are read as the arrays, objects and integers the client was given; a
    required array is given an item, since a form cannot carry an empty one."""
    verified = verify_spec(json.dumps(FORM).encode(), "openapi.json")
    assert verified.result.passed, proven(verified)


TREE = _spec(
    "Tree",
    {"/tree": {"get": {"responses": _json({"$ref": "#/components/schemas/Tree"})}}},
    {"Tree": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}}},
)


def _nested(data: Any) -> Any:
    """A reply deeper than the schema validator can follow (it recurses per level)."""
    for _ in range(600):
        data = [data]
    return data


def test_a_mock_that_fails_answers_with_a_harness_error_and_keeps_serving() -> None:
    """The mock's own failure (here: checking a reply too deep for the validator) is answered
    500 with what failed and recorded as the harness's error, so the check reports a harness
    bug; the server thread lives on and answers the next request."""
    with SpecMockServer(TREE, SERVER) as mock:
        url = mock.url + "/tree"
        with mock.respond_with(transform=_nested):
            failed = httpx.get(url, timeout=30)
        assert failed.status_code == 500
        assert failed.text.startswith("the mock failed: RecursionError")
        [exchange] = mock.exchanges
        assert exchange.harness_error.startswith("the mock failed: RecursionError")
        mock.clear()
        assert httpx.get(url, timeout=30).status_code == 200


def test_a_request_the_client_gave_up_on_is_not_counted_against_the_next_call() -> None:
    """A reply slower than the client's timeout is still being built when the next call
    starts: while it is, the mock says it is answering, and when it ends it is dropped rather
    than recorded as a request of the next call."""
    release = threading.Event()

    def slow(data: Any) -> Any:
        release.wait(timeout=30)
        return data

    with SpecMockServer(TREE, SERVER) as mock:
        url = mock.url + "/tree"
        with mock.respond_with(transform=slow):
            with pytest.raises(httpx.ReadTimeout):
                httpx.get(url, timeout=0.5)
            assert mock.answering == 1
            mock.clear()  # the next call begins
            assert mock.answering == 0
            release.set()
            deadline = time.monotonic() + 30
            while mock._in_flight and time.monotonic() < deadline:
                time.sleep(0.05)
        assert mock.exchanges == []
