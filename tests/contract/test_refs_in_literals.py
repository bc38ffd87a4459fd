"""An API that stores JSON Schemas or OpenAPI documents (a webhook service importing event
types) gives them as example and default values, `$ref`s and all: those are data, so the spec
generates, and `sdkgen verify` proves the client."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package
from generator.verify import verify_spec

EMBEDDED = {"properties": {"tag": {"$ref": "#/components/schemas/Pet"}}, "$ref": "#/x"}
SPEC: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Hooks", "version": "1"},
    "servers": [{"url": "https://api.hooks.example"}],
    "paths": {
        "/event-types/import": {
            "post": {
                "operationId": "importEventTypes",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": "#/components/schemas/ImportIn"},
                            "example": {"spec": EMBEDDED},
                            "examples": {"one": {"value": {"spec": EMBEDDED}}},
                        }
                    },
                },
                "responses": {
                    "200": {
                        "description": "",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ImportIn"}
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "ImportIn": {
                "type": "object",
                "properties": {
                    "spec": {
                        "type": ["object", "null"],
                        "example": EMBEDDED,
                        "default": EMBEDDED,
                        "examples": [EMBEDDED],
                    },
                    "example": {"type": "string"},
                },
            }
        }
    },
}
DATA = json.dumps(SPEC).encode()


def test_refs_inside_examples_and_defaults_are_data(tmp_path: Path) -> None:
    generate_package(DATA, "openapi.json", tmp_path / "out")
    result = verify_spec(DATA, "openapi.json", workers=1).result
    assert result.line() == "contract: hooks 1/1 operations", [f.line() for f in result.failures]
