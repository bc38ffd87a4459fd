"""The fake ends a list whose pages are bare arrays: with nothing on the page after the first,
which is how such an API says there is no more (Clerk's `GET /users?limit=&offset=`)."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

from generator.pipeline import generate_package
from tests.support.packages import importable

_USER = {"type": "object", "properties": {"id": {"type": "string", "example": "user_1"}}}
_PAGE = {"type": "array", "items": _USER}


def _query(name: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": "integer"}}


SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Bare", "version": "1"},
    "servers": [{"url": "https://bare.example"}],
    "paths": {
        "/users": {
            "get": {
                "operationId": "listUsers",
                "parameters": [_query("limit"), _query("offset")],
                "responses": {
                    "200": {"description": "ok", "content": {"application/json": {"schema": _PAGE}}}
                },
            }
        },
    },
}


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    out = tmp_path_factory.mktemp("bare") / "bare-client"
    generate_package(json.dumps(SPEC).encode(), "bare.json", out)
    with importable(out, "bare_client"):
        yield importlib.import_module("bare_client.testing").FakeBare


def test_iterating_a_list_of_bare_array_pages_ends(fake: Any) -> None:
    client = fake()
    assert [user.id for user in client.users.list(limit=2)] == ["user_1"]
    assert [call.query for call in client.fake.calls] == [
        {"limit": ["2"]},
        {"limit": ["2"], "offset": ["1"]},
    ]


def test_a_page_from_an_offset_past_the_example_is_empty(fake: Any) -> None:
    client = fake()
    assert list(client.users.list(offset=5)) == []
    assert [call.query for call in client.fake.calls] == [{"offset": ["5"]}]
