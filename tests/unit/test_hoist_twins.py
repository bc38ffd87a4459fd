"""An inline copy of a component (a generic type's argument written out) is that component."""

from __future__ import annotations

from typing import Any

from generator.classnames import Entity
from generator.hoist import hoist
from generator.twins import merge_twins

INDEX = {
    "type": "object",
    "required": ["uid"],
    "properties": {"uid": {"type": "string"}, "primaryKey": {"type": ["string", "null"]}},
}
_ITEMS = "/components/schemas/PaginationView_IndexView/properties/results/items"


def _doc(**schemas: Any) -> dict[str, Any]:
    page = {
        "type": "object",
        "properties": {"results": {"type": "array", "items": {**INDEX, "description": "copy"}}},
    }
    schemas = {"IndexView": INDEX, "PaginationView_IndexView": page, **schemas}
    return {"openapi": "3.1.0", "paths": {}, "components": {"schemas": schemas}}


def test_a_generic_page_lists_the_component_it_copies() -> None:
    hoisted = hoist(_doc())
    assert set(hoisted.schemas) == {"IndexView", "PaginationViewIndexView"}
    results = hoisted.schemas["PaginationViewIndexView"]["properties"]["results"]
    assert results["items"] == {"$ref": "#/components/schemas/IndexView"}
    assert hoisted.pointer_names[_ITEMS] == "IndexView"


def test_a_copy_of_two_alike_components_keeps_a_class_of_its_own() -> None:
    hoisted = hoist(_doc(IndexCopy=INDEX))
    assert hoisted.pointer_names[_ITEMS] not in {"IndexView", "IndexCopy"}


def test_a_name_locked_for_the_copy_is_kept() -> None:
    hoisted = hoist(_doc(), locked={_ITEMS: "ListedIndex"})
    assert hoisted.pointer_names[_ITEMS] == "ListedIndex"
    assert "ListedIndex" in hoisted.schemas


def test_an_extension_alike_to_another_component_keeps_its_own_class() -> None:
    extension = {"allOf": [{"$ref": "#/components/schemas/IndexView"}, {"type": "object"}]}
    entities = {
        "/components/schemas/Counterparty": Entity(["/components/schemas/Counterparty"], extension),
        "abc": Entity(["/components/schemas/Restriction/anyOf/0"], dict(extension)),
    }
    merged = merge_twins(entities, {}, {})
    assert merged.twins == {}
    assert set(merged.entities) == set(entities)
