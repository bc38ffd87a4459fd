from __future__ import annotations

import copy
from typing import Any

from generator.normalize import normalize
from generator.placement import place_operations
from generator.structure import check_structure


def _spec(paths: dict[str, Any]) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": paths}


def test_a_path_item_or_operation_written_as_an_empty_list_is_an_empty_one() -> None:
    """Lua and PHP dump an empty table as `[]`: Kong's Admin API has `/targets: []` and
    `get: []`. The document is read, and the empty operation becomes a method."""
    spec = _spec(
        {
            "/targets": [],
            "/consumers": {"get": [], "post": {"summary": "Create", "responses": {}}},
        }
    )
    assert check_structure(copy.deepcopy(spec), "spec.json")  # refused as written
    normalized, problems = normalize(spec, "spec.json")
    assert normalized["paths"] == {
        "/targets": {},
        "/consumers": {"get": {}, "post": {"summary": "Create", "responses": {}}},
    }
    assert [str(problem) for problem in problems] == [
        "spec.json#/paths/~1targets: warning: a path item or operation written `[]` "
        "(and 1 more); read as an empty one (fix: write `{}` or leave it out)"
    ]
    assert check_structure(normalized, "spec.json") == []
    placed = {(p.resource, p.method) for p in place_operations(normalized).values()}
    assert placed == {("consumers", "list"), ("consumers", "create")}


def test_a_document_without_empty_lists_is_left_as_it_is() -> None:
    spec = _spec({"/a": {"get": {"responses": {}}, "parameters": []}})
    normalized, problems = normalize(copy.deepcopy(spec), "spec.json")
    assert normalized == spec
    assert problems == []
