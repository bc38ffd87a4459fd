"""A required object in the query is found however the client spells it: exploded `form` (the
OpenAPI default: `q=stark&query_by=name`, as Typesense's search takes its `searchParameters`),
`deepObject` (`filter[status]=open`) or a free-form map, so a call the API accepts is not refused
as missing, while a call that leaves the object out still is."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

from generator.pipeline import generate_package
from tests.support.packages import importable

_SEARCH = {
    "allOf": [
        {"$ref": "#/components/schemas/Paging"},
        {"type": "object", "required": ["q"], "properties": {"q": {"type": "string"}}},
    ]
}
_PARAMETERS = [
    {"name": "search", "in": "query", "required": True, "schema": _SEARCH},
    {
        "name": "filter",
        "in": "query",
        "required": True,
        "style": "deepObject",
        "schema": {"type": "object", "properties": {"status": {"type": "string"}}},
    },
    {
        "name": "labels",
        "in": "query",
        "required": True,
        "schema": {"type": "object", "additionalProperties": {"type": "string"}},
    },
    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
]
SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Finder", "version": "1"},
    "servers": [{"url": "https://finder.example"}],
    "paths": {
        "/hits": {
            "get": {
                "operationId": "listHits",
                "parameters": _PARAMETERS,
                "responses": {"204": {"description": "none"}},
            }
        }
    },
    "components": {
        "schemas": {
            "Paging": {"type": "object", "properties": {"per_page": {"type": "integer"}}},
        }
    },
}


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    out = tmp_path_factory.mktemp("finder") / "finder-client"
    generate_package(json.dumps(SPEC).encode(), "finder.json", out)
    with importable(out, "finder_client"):
        yield importlib.import_module("finder_client.testing")


def test_objects_spelt_by_their_keys_count_as_given(fake: Any) -> None:
    client = fake.FakeFinder()
    client.hits.list(
        search={"q": "stark", "per_page": 5},
        filter={"status": "open"},
        labels={"team": "core"},
        limit=3,
    )
    assert client.fake.calls[-1].query == {
        "q": ["stark"],
        "per_page": ["5"],
        "filter[status]": ["open"],
        "team": ["core"],
        "limit": ["3"],
    }


def test_an_object_left_out_is_still_required(fake: Any) -> None:
    client = fake.FakeFinder()
    with pytest.raises(fake.FakeRequestError, match="query parameter 'search': is required"):
        client.hits.list(search={}, filter={"status": "open"}, labels={"team": "core"})
