"""Small specs written for one construct each, proven end to end as `sdkgen verify` proves them.

Each spec is generated into a temporary folder, imported, and every operation called sync and
async against the validating mock (`generator.verify.verify_spec`, the code behind the command).
A construct that breaks the client, the mock or the harness shows as a failed operation, with
the failure lines in the assertion message.
"""

from __future__ import annotations

import json
from typing import Any

from generator.verify import Verified, verify_spec

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


def _proven(verified: Verified) -> str:
    """The contract line, with every failure line after it (what an assertion shows)."""
    result = verified.result
    return "\n".join([result.line(), *(failure.line() for failure in result.failures)])


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
    assert verified.result.passed, _proven(verified)
