"""A union branch that leads back to its own union is dropped (or replaced by what it adds),
while recursion under `items` or a property, a real recursive type, is left alone."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from generator.errors import GenerationError
from generator.normalize import normalize


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _normalized(**schemas: Any) -> tuple[dict[str, Any], list[str]]:
    """The normalized schemas and the warnings about them."""
    document = {"openapi": "3.1.0", "components": {"schemas": schemas}}
    normalized, problems = normalize(document, "spec.json")
    warnings = [str(problem) for problem in problems if problem.level == "warning"]
    return normalized["components"]["schemas"], warnings


def _dropped(pointer: str, key: str) -> str:
    return (
        f"spec.json#{pointer}: warning: `{key}` branch only refers back to its own union, adding "
        "nothing; dropped (fix: drop the branch that refers back to the union)"
    )


def test_a_branch_naming_its_own_union_is_dropped_and_the_list_of_it_kept() -> None:
    value = {
        "oneOf": [{"type": "string"}, {"type": "array", "items": _ref("Value")}, _ref("Value")]
    }
    schemas, warnings = _normalized(Value=value)
    assert schemas["Value"] == {
        "oneOf": [{"type": "string"}, {"type": "array", "items": _ref("Value")}]
    }
    assert warnings == [_dropped("/components/schemas/Value/oneOf/2", "oneOf")]


def test_two_unions_naming_each_other_lose_the_branch_that_only_leads_back() -> None:
    schemas, warnings = _normalized(
        Loop={"anyOf": [_ref("Loop2")]},
        Loop2={"anyOf": [_ref("Loop"), {"type": "integer"}]},
    )
    assert schemas == {"Loop": {"anyOf": [_ref("Loop2")]}, "Loop2": {"type": "integer"}}
    assert warnings == [_dropped("/components/schemas/Loop2/anyOf/0", "anyOf")]


def test_a_chain_of_bare_refs_back_to_the_union_is_dropped() -> None:
    schemas, warnings = _normalized(
        Tree={"description": "d", "oneOf": [_ref("Alias"), {"type": "string"}, {"type": "null"}]},
        Alias={"$ref": "#/components/schemas/Tree", "description": "another name"},
    )
    assert schemas["Tree"] == {"description": "d", "oneOf": [{"type": "string"}, {"type": "null"}]}
    assert warnings == [_dropped("/components/schemas/Tree/oneOf/0", "oneOf")]


def test_a_cycle_through_a_nested_any_of_is_dropped_or_replaced_by_what_it_adds() -> None:
    only_back = {"title": "again", "anyOf": [_ref("Tree"), _ref("Tree")]}
    adding = {"anyOf": [_ref("Tree"), {"type": "integer"}]}
    tree = {"oneOf": [{"type": "string"}, only_back, adding]}
    schemas, warnings = _normalized(Tree=tree)
    assert schemas["Tree"] == {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    assert warnings == [
        _dropped("/components/schemas/Tree/oneOf/1", "oneOf"),
        "spec.json#/components/schemas/Tree/oneOf/2: warning: `oneOf` branch refers back to its "
        "own union; replaced by the 1 schema(s) it adds (fix: list those schemas in the union "
        "instead of the branch that refers back to it)",
        # the nested union leads back to itself through `Tree` as much as `Tree` through it
        "spec.json#/components/schemas/Tree/oneOf/2/anyOf/0: warning: `anyOf` branch refers "
        "back to its own union; replaced by the 1 schema(s) it adds (fix: list those schemas in "
        "the union instead of the branch that refers back to it)",
    ]


def test_unions_that_each_add_a_type_to_the_other_are_read_as_both_types() -> None:
    schemas, warnings = _normalized(
        U={"anyOf": [{"type": "string"}, _ref("V")]},
        V={"anyOf": [_ref("U"), {"type": "integer"}]},
    )
    assert schemas == {
        "U": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        "V": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
    }
    assert [warning.split(": ")[0] for warning in warnings] == [
        "spec.json#/components/schemas/U/anyOf/1",
        "spec.json#/components/schemas/V/anyOf/0",
    ]


def test_recursion_under_items_or_a_property_is_a_real_type_and_left_alone() -> None:
    node = {
        "type": "object",
        "properties": {
            "children": {"type": "array", "items": _ref("Node")},
            "parent": {"anyOf": [_ref("Node"), {"type": "null"}]},
            "value": _ref("Json"),
        },
    }
    json_value = {
        "anyOf": [
            {"type": ["string", "number", "boolean", "null"]},
            {"type": "array", "items": _ref("Json")},
            {"type": "object", "additionalProperties": _ref("Json")},
        ]
    }
    written = {"Node": node, "Json": json_value}
    schemas, warnings = _normalized(**copy.deepcopy(written))
    assert schemas == written and warnings == []


def test_a_branch_that_narrows_the_union_is_kept_and_read_as_what_it_narrows() -> None:
    narrowed = {"anyOf": [_ref("Text")], "maxLength": 3}
    schemas, warnings = _normalized(Text={"anyOf": [{"type": "string"}, narrowed]})
    # Text's second branch is not Text again but its short values: kept. Inside it, `Text`
    # leads back to the narrowing union through Text's own branches: only the string is new.
    assert schemas["Text"] == {"anyOf": [{"type": "string"}, {"type": "string", "maxLength": 3}]}
    assert [warning.split(": ")[0] for warning in warnings] == [
        "spec.json#/components/schemas/Text/anyOf/1/anyOf/0"
    ]


def test_a_self_branch_beside_properties_leaves_the_object() -> None:
    pet = {"type": "object", "properties": {"name": {"type": "string"}}, "oneOf": [_ref("Pet")]}
    schemas, warnings = _normalized(Pet=pet)
    assert schemas["Pet"] == {"type": "object", "properties": {"name": {"type": "string"}}}
    assert warnings == [_dropped("/components/schemas/Pet/oneOf/0", "oneOf")]


def test_a_union_with_nothing_but_itself_is_refused_with_each_pointer_and_the_fix() -> None:
    with pytest.raises(GenerationError) as raised:
        _normalized(Loop={"anyOf": [_ref("Loop2")]}, Loop2={"oneOf": [_ref("Loop")]})
    assert str(raised.value).splitlines() == [
        f"spec.json#/components/schemas/{name}: error: every `{key}` branch refers back to "
        "this union: it says nothing about a value (fix: give the union a branch that is a type "
        "of its own, or remove it)"
        for name, key in (("Loop/anyOf", "anyOf"), ("Loop2/oneOf", "oneOf"))
    ]


def test_a_base_listing_itself_among_its_subclasses_is_a_hierarchy_like_any_other() -> None:
    def child(name: str) -> dict[str, Any]:
        own = {"type": "object", "properties": {name.lower(): {"type": "boolean"}}}
        return {"allOf": [_ref("Pet"), own]}

    pet = {
        "type": "object",
        "required": ["petType"],
        "properties": {"petType": {"type": "string"}},
        "discriminator": {"propertyName": "petType"},
        "oneOf": [_ref("Dog"), _ref("Cat"), _ref("Pet")],
    }
    schemas, warnings = _normalized(Pet=pet, Dog=child("Dog"), Cat=child("Cat"))
    assert schemas["PetUnion"]["oneOf"] == [_ref("Dog"), _ref("Cat")]
    assert "oneOf" not in schemas["Pet"] and "discriminator" not in schemas["Pet"]
    assert warnings == [_dropped("/components/schemas/Pet/oneOf/2", "oneOf")]
