"""A list of numbered pages that says whether another page follows (Immich: `GET /people`
sends `?page=&size=`, typed `number`, and answers `people`, `total` and `hasNextPage`): the
list method pages, `sdkgen verify` proves it, and the client asks for page two only while the
flag is true."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package
from generator.verify import verify_spec
from tests.support.snippets import run_snippet

PERSON = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}
PAGE = {
    "type": "object",
    "required": ["people", "total", "hidden"],
    "properties": {
        "hasNextPage": {"type": "boolean"},
        "hidden": {"type": "integer"},
        "people": {"type": "array", "items": {"$ref": "#/components/schemas/PersonResponseDto"}},
        "total": {"type": "integer"},
    },
}


def _number(name: str, **bounds: int) -> dict[str, Any]:
    return {"name": name, "required": False, "in": "query", "schema": {"type": "number", **bounds}}


SPEC: dict[str, Any] = {
    "openapi": "3.0.0",
    "info": {"title": "Photos", "version": "1"},
    "servers": [{"url": "https://photos.example/api"}],
    "paths": {
        "/people": {
            "get": {
                "operationId": "getAllPeople",
                "tags": ["People"],
                "parameters": [_number("page", minimum=1), _number("size", minimum=1)],
                "responses": {
                    "200": {
                        "description": "",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/PeopleResponseDto"}
                            }
                        },
                    }
                },
            }
        }
    },
    "components": {"schemas": {"PersonResponseDto": PERSON, "PeopleResponseDto": PAGE}},
}
DATA = json.dumps(SPEC).encode()

# Two pages, then a third the client must not ask for: the second says none follows.
WALK = """
import httpx
from photos_client import Photos

def person(n):
    return {"id": f"p{n}", "name": f"P{n}"}

PAGES = {
    None: {"people": [person(1), person(2)], "total": 5, "hidden": 0, "hasNextPage": True},
    "2": {"people": [person(3)], "total": 5, "hidden": 0, "hasNextPage": False},
    "3": {"people": [person(4), person(5)], "total": 5, "hidden": 0, "hasNextPage": False},
}
sent = []

def answer(request):
    sent.append(dict(request.url.params))
    return httpx.Response(200, json=PAGES[request.url.params.get("page")])

client = Photos(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
print([p.id for p in client.people.get_all_people(size=2)], sent)
"""


def test_a_more_flag_ends_a_numbered_list(tmp_path: Path) -> None:
    generated = generate_package(DATA, "openapi.json", tmp_path / "out")
    package = generated.api.config.package
    resource = tmp_path / "out" / "src" / package / "resources" / "people.py"
    text = resource.read_text(encoding="utf-8")
    assert "-> SyncPage[PersonResponseDto]:" in text
    assert 'page_param="page"' in text and 'has_more=("hasNextPage",)' in text

    result = verify_spec(DATA, "openapi.json", workers=1).result
    assert result.line() == "contract: photos 1/1 operations", [f.line() for f in result.failures]

    walked = run_snippet(WALK, tmp_path / "out" / "src")
    assert walked == "['p1', 'p2', 'p3'] [{'size': '2'}, {'size': '2', 'page': '2'}]"
