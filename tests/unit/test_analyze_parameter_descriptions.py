"""A parameter reached through `$ref` is described by the words written beside the `$ref`, as
OpenAPI 3.1's Reference Object has them override the shared component's."""

from __future__ import annotations

from typing import Any

from generator.analyze import analyze
from generator.config import default_config

SHARED = "Order by a field. Valid fields for ordering: `id`."
OWN = "Order by a field. Valid fields for ordering: `id`, `name` and `created_at`."


def _descriptions(document: dict[str, Any]) -> dict[str, str | None]:
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    return {
        f"{operation.path.unsafe_value} {parameter.wire_name.unsafe_value}": (
            None if parameter.description is None else parameter.description.unsafe_value
        )
        for operation in api.operations
        for parameter in operation.parameters
    }


def test_a_description_beside_a_parameter_ref_replaces_the_shared_one() -> None:
    """Paddle's list operations share `order_by_query` and each lists its own sort fields."""
    ordered = {"$ref": "#/components/parameters/order_by"}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/products": {
                "get": {"operationId": "listProducts", "parameters": [ordered], "responses": {}}
            },
            "/prices": {
                "get": {
                    "operationId": "listPrices",
                    "parameters": [{**ordered, "description": OWN}],
                    "responses": {},
                }
            },
        },
        "components": {
            "parameters": {
                "order_by": {
                    "name": "order_by",
                    "in": "query",
                    "description": SHARED,
                    "schema": {"type": "string"},
                }
            }
        },
    }
    assert _descriptions(document) == {"/products order_by": SHARED, "/prices order_by": OWN}
