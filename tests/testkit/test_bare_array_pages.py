"""The fake ends a list whose pages are bare arrays: with nothing on the page after the first,
which is how such an API says there is no more (Clerk's `GET /users?limit=&offset=`, Grafana's
`GET /users?perpage=&page=`)."""

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


def _query(name: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": {"type": "integer", **schema}}


def _list(operation_id: str, *parameters: dict[str, Any]) -> dict[str, Any]:
    answer = {"description": "ok", "content": {"application/json": {"schema": _PAGE}}}
    return {
        "get": {
            "operationId": operation_id,
            "parameters": list(parameters),
            "responses": {"200": answer},
        }
    }


SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Bare", "version": "1"},
    "servers": [{"url": "https://bare.example"}],
    "paths": {
        "/users": _list("listUsers", _query("limit"), _query("offset")),
        "/members": _list("listMembers", _query("perpage"), _query("page", default=1)),
        "/guests": _list("listGuests", _query("page", default=0)),
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


def test_iterating_a_list_of_numbered_bare_array_pages_ends(fake: Any) -> None:
    client = fake()
    assert [member.id for member in client.members.list(perpage=2)] == ["user_1"]
    assert [call.query for call in client.fake.calls] == [
        {"perpage": ["2"]},
        {"perpage": ["2"], "page": ["2"]},
    ]


def test_pages_counted_from_zero_end_after_page_zero(fake: Any) -> None:
    client = fake()
    assert [guest.id for guest in client.guests.list()] == ["user_1"]
    assert [call.query for call in client.fake.calls] == [{}, {"page": ["1"]}]
