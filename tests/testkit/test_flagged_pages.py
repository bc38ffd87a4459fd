"""The fake ends a list of numbered pages that say whether another one follows (Immich's
`GET /people?page=` answers `hasNextPage`): its page is the last one, whatever the example says."""

from __future__ import annotations

import importlib
import itertools
import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from generator.pipeline import generate_package

_PERSON = {"type": "object", "properties": {"id": {"type": "string", "example": "person_1"}}}
_PAGE = {
    "type": "object",
    "required": ["people", "hasNextPage"],
    "properties": {
        "people": {"type": "array", "items": _PERSON},
        "hasNextPage": {"type": "boolean", "example": True},
        "total": {"type": "integer"},
    },
}

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Flagged", "version": "1"},
    "servers": [{"url": "https://flagged.example"}],
    "paths": {
        "/people": {
            "get": {
                "operationId": "listPeople",
                "parameters": [
                    {"name": "page", "in": "query", "schema": {"type": "number", "minimum": 1}},
                    {"name": "size", "in": "query", "schema": {"type": "number"}},
                ],
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": _PAGE}}}
                },
            }
        },
    },
}


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    out = tmp_path_factory.mktemp("flagged") / "flagged-client"
    generate_package(json.dumps(SPEC).encode(), "flagged.json", out)
    sys.path.insert(0, str(out / "src"))
    try:
        yield importlib.import_module("flagged_client.testing").FakeFlagged
    finally:
        sys.path.remove(str(out / "src"))
        for name in [m for m in sys.modules if m.split(".")[0] == "flagged_client"]:
            del sys.modules[name]


def test_a_flagged_list_is_a_page_of_its_items(fake: Any) -> None:
    page = fake().people.list(size=10)
    assert [person.id for person in page.items] == ["person_1"]
    assert not page.has_next_page()


def test_iterating_a_flagged_list_ends_after_the_last_page(fake: Any) -> None:
    client = fake()
    people = [person.id for person in itertools.islice(client.people.list(page=3), 5)]
    assert people == ["person_1"]
    assert [call.query for call in client.fake.calls] == [{"page": ["3"]}]
