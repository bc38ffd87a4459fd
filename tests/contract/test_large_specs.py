"""Constructs the largest public specs use, each in a small spec of our own, proven end to end.

Each spec is generated into a temporary folder, imported, and every operation called sync and
async against the validating mock (`generator.verify.verify_spec`, the code behind `sdkgen
verify`). A construct that breaks the client, the mock or the harness shows as a failed
operation, with the failure lines in the assertion message.
"""

from __future__ import annotations

import json
from typing import Any

from generator.verify import Verified, verify_spec

from .contracts import proven

SCHEMAS = "#/components/schemas/"
NO_CONTENT = {"204": {"description": "done"}}


def _verify(paths: dict[str, Any], schemas: dict[str, Any]) -> Verified:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Large", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": paths,
        "components": {"schemas": schemas},
    }
    return verify_spec(json.dumps(document).encode(), "openapi.json")


def _post(path: str, schema: dict[str, Any]) -> dict[str, Any]:
    body = {"required": True, "content": {"application/json": {"schema": schema}}}
    return {path: {"post": {"requestBody": body, "responses": NO_CONTENT}}}


def _object(**properties: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties}


def test_a_model_whose_refs_lead_into_a_relaxed_one_of_is_built() -> None:
    """`Value.value` is a `oneOf` whose branches overlap (an integer is a number), which the
    mock validates as an `anyOf`; `Editable` refers into its branches, and the all-fields call
    builds `Editable` models, checked against the mock's document where those refs moved."""
    branches = [_object(v={"type": "number"}), _object(v={"type": "integer"})]
    into = [{"$ref": f"{SCHEMAS}Value/properties/value/oneOf/{i}"} for i in range(2)]
    schemas = {
        "Value": _object(value={"oneOf": branches}),
        "Editable": _object(name={"type": "string"}, value={"oneOf": into}),
    }
    body = _object(fields={"type": "array", "items": {"$ref": f"{SCHEMAS}Editable"}})
    verified = _verify(_post("/values", body), schemas)
    assert verified.result.passed, proven(verified)


def test_a_body_whose_nested_reference_requires_a_read_only_id_is_sent_as_given() -> None:
    """PagerDuty's references: `id` is `readOnly` and `required`, so a request leaves it out
    (OpenAPI: `required` holds for responses only) while the model demands it. The all-fields
    call cannot be built as the model, and goes out as the plain dict its params type allows."""
    reference = {
        "type": "object",
        "required": ["id", "type"],
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "type": {"type": "string", "enum": ["service_reference"]},
        },
    }
    setting = _object(
        name={"type": "string"},
        services={"type": "array", "items": {"$ref": f"{SCHEMAS}Reference"}},
    )
    body = _object(setting={"$ref": f"{SCHEMAS}Setting"})
    verified = _verify(_post("/settings", body), {"Reference": reference, "Setting": setting})
    assert verified.result.passed, proven(verified)
