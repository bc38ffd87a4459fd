"""The fake ends a list of numbered pages whose end is said by the page itself, whatever the
example says: a flag that another page follows (Immich's `GET /people?page=` answers
`hasNextPage`) or the next page's number (Hetzner's `meta.pagination.next_page`)."""

from __future__ import annotations

import importlib
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

from generator.pipeline import generate_package
from tests.support.packages import importable

_THING = {"type": "object", "properties": {"id": {"type": "string", "example": "thing_1"}}}
_THINGS = {"type": "array", "items": _THING}
_NEXT = {"type": "integer", "nullable": True, "example": 2}
_META = {
    "type": "object",
    "properties": {"pagination": {"type": "object", "properties": {"next_page": _NEXT}}},
}
_PAGES = {
    "/people": {
        "type": "object",
        "required": ["people", "hasNextPage"],
        "properties": {
            "people": _THINGS,
            "hasNextPage": {"type": "boolean", "example": True},
            "total": {"type": "integer"},
        },
    },
    "/servers": {"type": "object", "properties": {"servers": _THINGS, "meta": _META}},
}


def _list(path: str, schema: dict[str, Any]) -> dict[str, Any]:
    page = {"name": "page", "in": "query", "schema": {"type": "number", "minimum": 1}}
    answer = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return {
        "get": {
            "operationId": f"list{path[1:].title()}",
            "parameters": [page],
            "responses": {"200": answer},
        }
    }


SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Numbered", "version": "1"},
    "servers": [{"url": "https://numbered.example"}],
    "paths": {path: _list(path, schema) for path, schema in _PAGES.items()},
}


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    out = tmp_path_factory.mktemp("numbered") / "numbered-client"
    generate_package(json.dumps(SPEC).encode(), "numbered.json", out)
    with importable(out, "numbered_client"):
        yield importlib.import_module("numbered_client.testing").FakeNumbered


@pytest.mark.parametrize("resource", ["people", "servers"])
def test_a_numbered_list_is_its_last_page(fake: Any, resource: str) -> None:
    page = getattr(fake(), resource).list()
    assert [thing.id for thing in page.items] == ["thing_1"]
    assert not page.has_next_page()


@pytest.mark.parametrize("resource", ["people", "servers"])
def test_iterating_a_numbered_list_ends_after_the_page_asked_for(fake: Any, resource: str) -> None:
    client = fake()
    things = [thing.id for thing in itertools.islice(getattr(client, resource).list(page=3), 5)]
    assert things == ["thing_1"]
    assert [call.query for call in client.fake.calls] == [{"page": ["3"]}]
