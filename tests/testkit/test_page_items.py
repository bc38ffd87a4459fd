"""An item of a list the fake makes up is as full as the item a single fetch answers with: made
within the page (a `$ref`'d page holding `$ref`'d items, LaunchDarkly's `GET /auditlog`), the
item sat too deep to be given more than its required fields, so every optional one was None."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from typing import Any

import pytest

from generator.pipeline import generate_package
from tests.support.packages import importable


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


_LINK = {"type": "object", "properties": {"href": {"type": "string"}}}
_ENTRY = {
    "type": "object",
    "properties": {
        "_id": {"type": "string", "example": "5a580a01"},
        "kind": {"type": "string", "example": "environment"},
        "date": {"type": "integer", "example": 1472243938774},
    },
}
_ENTRIES = {
    "type": "object",
    "properties": {
        "_links": {"type": "object", "properties": {"next": _ref("Link")}},
        "items": {"type": "array", "items": _ref("Entry")},
    },
}


def _answer(name: str) -> dict[str, Any]:
    content = {"application/json": {"schema": _ref(name)}}
    return {"200": {"description": "ok", "content": content}}


_LIMIT = {"name": "limit", "in": "query", "schema": {"type": "integer"}}
_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "Audit", "version": "1"},
    "servers": [{"url": "https://audit.example"}],
    "paths": {
        "/entries": {
            "get": {
                "operationId": "listEntries",
                "parameters": [_LIMIT],
                "responses": _answer("Entries"),
            }
        },
        "/entries/{id}": {
            "get": {"operationId": "getEntry", "parameters": [_ID], "responses": _answer("Entry")}
        },
    },
    "components": {"schemas": {"Link": _LINK, "Entry": _ENTRY, "Entries": _ENTRIES}},
}


@pytest.fixture(scope="module")
def fake(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    out = tmp_path_factory.mktemp("audit") / "audit-client"
    generate_package(json.dumps(SPEC).encode(), "audit.json", out)
    with importable(out, "audit_client"):
        yield importlib.import_module("audit_client.testing").FakeAudit


def test_a_made_up_page_holds_items_as_full_as_a_single_fetch(fake: Any) -> None:
    client = fake()
    single = client.entries.get("entry_1")
    page = client.entries.list()
    assert page.has_next_page() is False
    assert [item.to_dict() for item in page] == [single.to_dict()]
    assert single.to_dict() == {"_id": "5a580a01", "kind": "environment", "date": 1472243938774}
