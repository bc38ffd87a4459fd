"""The fake types a nullable query parameter's text as the value it holds before checking it:
`?status=2` is the integer 2 for `{$ref: Status, nullable: true}` (an integer enum) and for
FastAPI's `anyOf: [{type: integer}, {type: null}]`, so a call the API accepts is not refused,
while a value outside the enum still is."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

from generator.pipeline import generate_package
from tests.support.packages import importable

_STATUS = {"type": "integer", "enum": [0, 1, 2, 3]}
_PARAMETERS = [
    {
        "name": "status",
        "in": "query",
        "schema": {"anyOf": [{"$ref": "#/components/schemas/Status"}, {"type": "null"}]},
    },
    {"name": "limit", "in": "query", "schema": {"anyOf": [{"type": "integer"}, {"type": "null"}]}},
    {
        "name": "tags",
        "in": "query",
        "schema": {"anyOf": [{"type": "array", "items": {"type": "integer"}}, {"type": "null"}]},
    },
]
SPEC = {
    "openapi": "3.1.0",
    "info": {"title": "Nulled", "version": "1"},
    "servers": [{"url": "https://nulled.example"}],
    "paths": {
        "/attempts": {
            "get": {
                "operationId": "listAttempts",
                "parameters": _PARAMETERS,
                "responses": {"204": {"description": "none"}},
            }
        }
    },
    "components": {"schemas": {"Status": _STATUS}},
}


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    out = tmp_path_factory.mktemp("nulled") / "nulled-client"
    generate_package(json.dumps(SPEC).encode(), "nulled.json", out)
    with importable(out, "nulled_client"):
        yield importlib.import_module("nulled_client.testing")


def test_a_nullable_query_value_is_typed_as_the_value_it_holds(fake: Any) -> None:
    client = fake.FakeNulled()
    client.attempts.list(status=2, limit=5, tags=[1, 2])
    assert client.fake.calls[-1].query == {"status": ["2"], "limit": ["5"], "tags": ["1", "2"]}


def test_a_value_outside_the_enum_is_still_refused(fake: Any) -> None:
    with pytest.raises(fake.FakeRequestError, match="query parameter 'status'"):
        fake.FakeNulled().attempts.list(status=7)
