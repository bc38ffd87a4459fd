"""`sdkgen verify` proves a JSON body whose server-set properties are read-only in two ways:
inline (`flagged: {type: [boolean, null], readOnly: true}`) and through the schema a property
names (`id: {$ref: Id}`, `Id` read-only), as Apideck's unified APIs write every resource. The
method takes neither, the path `id` keeps its name, and the `nulls` call sends null only for
what the caller may send."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package
from generator.verify import verify_spec

DRIVE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name"],
    "properties": {
        "id": {"$ref": "#/components/schemas/Id"},
        "created_at": {"$ref": "#/components/schemas/CreatedAt"},
        "flagged": {"type": "boolean", "nullable": True, "readOnly": True},
        "description": {"type": "string", "nullable": True},
        "name": {"type": "string"},
    },
}
BODY = {
    "required": True,
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Drive"}}},
}
REPLY = {
    "200": {
        "description": "The drive.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Drive"}}},
    }
}
SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Store", "version": "1"},
    "servers": [{"url": "https://api.store.example"}],
    "paths": {
        "/drives": {
            "post": {
                "operationId": "drivesAdd",
                "tags": ["drives"],
                "requestBody": BODY,
                "responses": REPLY,
            }
        },
        "/drives/{id}": {
            "patch": {
                "operationId": "drivesUpdate",
                "tags": ["drives"],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "requestBody": BODY,
                "responses": REPLY,
            }
        },
    },
    "components": {
        "schemas": {
            "Drive": DRIVE,
            "Id": {"type": "string", "readOnly": True},
            "CreatedAt": {
                "type": "string",
                "format": "date-time",
                "nullable": True,
                "readOnly": True,
            },
        }
    },
}
DATA = json.dumps(SPEC).encode()


def test_read_only_properties_are_not_arguments_and_the_contract_holds(tmp_path: Path) -> None:
    generated = generate_package(DATA, "openapi.json", tmp_path / "out")
    package = generated.api.config.package
    source = (tmp_path / "out" / "src" / package / "resources" / "drives.py").read_text("utf-8")
    for name in ("id: str,", "created_at:", "flagged:", "id_path"):
        assert name not in source
    assert "def update(\n        self,\n        id: str | UUID," in source

    result = verify_spec(DATA, "openapi.json", workers=1).result
    assert result.line() == "contract: store 2/2 operations", [f.line() for f in result.failures]
