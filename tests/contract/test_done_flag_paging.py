"""A cursor list whose last page still gives a cursor, ended by a `done` flag (Svix: the
request sends `?iterator=`, the reply gives `iterator` back, and `done: true` on the last page):
the list methods page, `sdkgen verify` proves them, and the client stops at `done` instead of
asking again with the cursor it was given."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package
from generator.verify import verify_spec
from tests.support.snippets import run_snippet

NULLABLE_STRING = {"type": "string", "nullable": True}
APP = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}
PAGE = {
    "type": "object",
    "required": ["data", "done"],
    "properties": {
        "data": {"type": "array", "items": {"$ref": "#/components/schemas/App"}},
        "done": {"type": "boolean"},
        "iterator": NULLABLE_STRING,
        "prevIterator": NULLABLE_STRING,
    },
}
SPEC: dict[str, Any] = {
    "openapi": "3.0.2",
    "info": {"title": "Hooks", "version": "1"},
    "servers": [{"url": "https://api.hooks.example/"}],
    "paths": {
        "/api/v1/app/": {
            "get": {
                "operationId": "v1.application.list",
                "tags": ["Application"],
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {"name": "iterator", "in": "query", "schema": NULLABLE_STRING},
                ],
                "responses": {
                    "200": {
                        "description": "",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ListResponse_App_"}
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": {"App": APP, "ListResponse_App_": PAGE}},
}
DATA = json.dumps(SPEC).encode()

# Two pages; the last one gives a cursor as well, which a client must not follow.
WALK = """
import httpx
from hooks_client import Hooks

PAGES = {
    None: {"data": [{"id": "a1", "name": "a"}], "done": False, "iterator": "a1"},
    "a1": {"data": [{"id": "a2", "name": "b"}], "done": True, "iterator": "a2"},
}
sent = []

def answer(request):
    sent.append(request.url.params.get("iterator"))
    return httpx.Response(200, json=PAGES[request.url.params.get("iterator")])

client = Hooks(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
print([app.id for app in client.application.list(limit=1)], sent)
"""


def test_a_done_flag_ends_a_cursor_list(tmp_path: Path) -> None:
    generated = generate_package(DATA, "openapi.json", tmp_path / "out")
    package = generated.api.config.package
    resource = tmp_path / "out" / "src" / package / "resources" / "application.py"
    text = resource.read_text(encoding="utf-8")
    assert "-> SyncPage[App]:" in text
    assert 'cursor_param="iterator"' in text and 'done=("done",)' in text

    result = verify_spec(DATA, "openapi.json", workers=1).result
    assert result.line() == "contract: hooks 1/1 operations", [f.line() for f in result.failures]

    walked = run_snippet(WALK, tmp_path / "out" / "src")
    assert walked == "['a1', 'a2'] [None, 'a1']"
