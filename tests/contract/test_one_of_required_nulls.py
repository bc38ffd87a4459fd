"""`sdkgen verify`'s `nulls` call keeps the body valid where `oneOf` branches each require one
property, as Lob's address takes `name` or `company`: both nullable, the two sent together
(even as null) would match both branches and break the very contract the call proves."""

from __future__ import annotations

import json
from typing import Any

from generator.verify import verify_spec

ADDRESS = {
    "type": "object",
    "required": ["line1"],
    "oneOf": [{"required": ["name"]}, {"required": ["company"]}],
    "properties": {
        "name": {"type": "string", "nullable": True},
        "company": {"type": "string", "nullable": True},
        "phone": {"type": "string", "nullable": True},
        "line1": {"type": "string"},
    },
}
SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Mail", "version": "1"},
    "servers": [{"url": "https://api.mail.example/v1"}],
    "paths": {
        "/addresses": {
            "post": {
                "operationId": "create_address",
                "tags": ["addresses"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Address"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "The address.",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Address"}}
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Address": ADDRESS}},
}
DATA = json.dumps(SPEC).encode()


def test_nulls_that_would_match_two_one_of_branches_are_left_out() -> None:
    result = verify_spec(DATA, "openapi.json", workers=1).result
    assert result.line() == "contract: mail 1/1 operations", [f.line() for f in result.failures]
