"""`sdkgen verify` proves a list that sends back as `?pagination_token=` the `meta.next_token`
its reply gives (Twitter), where the parameter takes fewer cursors than the reply's schema
allows (at least 16 characters, against any non-empty text): the mock gives a cursor the
parameter accepts, as the API does, so page two is judged on the client's request alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package
from generator.verify import verify_spec

USER = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}
PAGE = {
    "type": "object",
    "properties": {
        "data": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/User"}},
        "meta": {
            "type": "object",
            "properties": {
                "next_token": {"type": "string", "minLength": 1},
                "result_count": {"type": "integer"},
            },
        },
    },
}
TOKEN = {"type": "string", "minLength": 16}
SPEC: dict[str, Any] = {
    "openapi": "3.0.0",
    "info": {"title": "Chirp", "version": "2"},
    "servers": [{"url": "https://api.chirp.example"}],
    "paths": {
        "/2/users/{id}/blocking": {
            "get": {
                "operationId": "usersIdBlocking",
                "tags": ["users"],
                "parameters": [
                    # no pattern: the path-ids calls send `.` and `..` too
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "max_results", "in": "query", "schema": {"type": "integer"}},
                    {
                        "name": "pagination_token",
                        "in": "query",
                        "schema": {"$ref": "#/components/schemas/Token"},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "A page of users.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/UsersPage"}
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": {"User": USER, "UsersPage": PAGE, "Token": TOKEN}},
}
DATA = json.dumps(SPEC).encode()


def test_a_token_under_meta_is_paged_and_proven(tmp_path: Path) -> None:
    generated = generate_package(DATA, "openapi.json", tmp_path / "out")
    package = generated.api.config.package
    resource = tmp_path / "out" / "src" / package / "resources" / "users.py"
    assert "-> SyncPage[User]:" in resource.read_text(encoding="utf-8")

    result = verify_spec(DATA, "openapi.json", workers=1).result
    assert result.line() == "contract: chirp 1/1 operations", [f.line() for f in result.failures]
