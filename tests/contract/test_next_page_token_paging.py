"""`sdkgen verify` proves a list whose `?offset=` is a token the reply gives back in a
`next_page` object (Asana: `next_page: {offset, path, uri}`, null on the last page): the client
pages it as a cursor, sending the token it was given rather than a count of items seen."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package
from generator.verify import verify_spec

STRING = {"type": "string", "readOnly": True}
NEXT_PAGE = {
    "type": "object",
    "nullable": True,
    "properties": {"offset": STRING, "path": STRING, "uri": {**STRING, "format": "uri"}},
}
TASK = {"type": "object", "properties": {"gid": STRING, "name": {"type": "string"}}}
SPEC: dict[str, Any] = {
    "openapi": "3.0.0",
    "info": {"title": "Tasky", "version": "1"},
    "servers": [{"url": "https://app.tasky.example/api/1.0"}],
    "paths": {
        "/tasks": {
            "get": {
                "operationId": "getTasks",
                "tags": ["tasks"],
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "offset", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {
                        "description": "A page of tasks.",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "data": {
                                            "type": "array",
                                            "items": {"$ref": "#/components/schemas/Task"},
                                        },
                                        "next_page": {"$ref": "#/components/schemas/NextPage"},
                                    },
                                }
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": {"Task": TASK, "NextPage": NEXT_PAGE}},
}
DATA = json.dumps(SPEC).encode()


def test_an_offset_token_in_next_page_is_paged_as_a_cursor(tmp_path: Path) -> None:
    generated = generate_package(DATA, "openapi.json", tmp_path / "out")
    package = generated.api.config.package
    resource = tmp_path / "out" / "src" / package / "resources" / "tasks.py"
    assert "-> SyncPage[Task]:" in resource.read_text(encoding="utf-8")

    result = verify_spec(DATA, "openapi.json", workers=1).result
    assert result.line() == "contract: tasky 1/1 operations", [f.line() for f in result.failures]
