"""Edits that change how a spec is written but not the contract: the diff must stay silent.

Each pair is built so that nothing (or only documentation) differs for a client: not on the wire,
not in the generated package.
"""

from __future__ import annotations

from typing import Any

import pytest
from synthetic_specs import Spec, diff, json_body, json_response, obj, operation, rules, spec

PET = obj(
    {
        "id": {"type": "string", "format": "uuid"},
        "name": {"type": "string", "maxLength": 50},
        "tag": {"type": "string", "enum": ["cat", "dog", "bird"]},
        "owner": obj({"name": {"type": "string"}}),
    },
    ["id", "name"],
)


def _pets_api(pet: dict[str, Any], components: dict[str, Any] | None = None) -> Spec:
    """Create and read a pet, both using `pet` as body and response schema."""
    paths = {
        "/pets": {
            "post": operation(
                "createPet",
                requestBody=json_body(pet),
                responses={"201": json_response(pet)},
            )
        },
        "/pets/{id}": {
            "get": operation(
                "getPet",
                parameters=[{"name": "id", "in": "path", "required": True, "schema": pet_id()}],
                responses={"200": json_response(pet)},
            )
        },
    }
    return spec(paths, components=components) if components else spec(paths)


def pet_id() -> dict[str, Any]:
    return {"type": "string", "format": "uuid"}


def _with_property(schema: dict[str, Any]) -> Spec:
    return _pets_api(obj({**PET["properties"], "nickname": schema}, PET["required"]))


def test_nullable_keyword_equals_a_null_type_list() -> None:
    old = _with_property({"type": "string", "nullable": True})
    new = _with_property({"type": ["string", "null"]})
    assert diff(old, new).changes == ()


def test_nullable_enum_equals_an_enum_with_null() -> None:
    old = _with_property({"type": "string", "enum": ["a", "b"], "nullable": True})
    new = _with_property({"type": ["string", "null"], "enum": ["a", "b", None]})
    assert diff(old, new).changes == ()


def test_nullable_ref_equals_a_union_with_null() -> None:
    components = {"schemas": {"Owner": obj({"name": {"type": "string"}})}}
    owner = {"$ref": "#/components/schemas/Owner"}
    old = _pets_api(obj({"owner": {**owner, "nullable": True}}), components)
    new = _pets_api(obj({"owner": {"oneOf": [owner, {"type": "null"}]}}), components)
    assert diff(old, new).changes == ()


def test_optional_keyword_equals_leaving_the_property_out_of_required() -> None:
    old = _pets_api(obj({"name": {"type": "string", "optional": True}}, ["name"]))
    new = _pets_api(obj({"name": {"type": "string"}}))
    assert diff(old, new).changes == ()


def test_single_branch_union_equals_its_branch() -> None:
    old = _with_property({"oneOf": [{"type": "string", "enum": ["a", "b"]}]})
    new = _with_property({"type": "string", "enum": ["a", "b"]})
    assert diff(old, new).changes == ()


def _create_pet(body: dict[str, Any], components: dict[str, Any] | None = None) -> Spec:
    paths = {"/pets": {"post": operation("createPet", requestBody=json_body(body))}}
    return spec(paths, components=components) if components else spec(paths)


def test_inline_schema_moved_into_components_behind_a_ref() -> None:
    """Nothing changes when the component keeps the class name the inline schema had."""
    components = {"schemas": {"CreatePetRequest": PET}}
    new = _create_pet({"$ref": "#/components/schemas/CreatePetRequest"}, components)
    assert diff(_create_pet(PET), new).changes == ()


def test_inline_schema_moved_under_a_new_name_only_renames_the_classes() -> None:
    """On the wire nothing moved; in the package three inline classes became one `Pet`."""
    new = _pets_api({"$ref": "#/components/schemas/Pet"}, {"schemas": {"Pet": PET}})
    report = diff(_pets_api(PET), new)
    assert rules(report, "wire") == set()
    assert {(c.rule, c.message) for c in report.changes} == {
        ("sdk-model-renamed", "model CreatePetRequest is now Pet"),
        ("sdk-model-renamed", "model CreatePetResponse is now Pet"),
        ("sdk-model-renamed", "model GetPetResponse is now Pet"),
    }


def test_allof_of_one_part_equals_the_part() -> None:
    components = {"schemas": {"Pet": PET}}
    old = _pets_api({"$ref": "#/components/schemas/Pet"}, components)
    new = _pets_api({"allOf": [{"$ref": "#/components/schemas/Pet"}]}, components)
    assert rules(diff(old, new), "wire") == set()


def test_recursive_schemas_compare_without_looping() -> None:
    node = obj(
        {
            "name": {"type": "string"},
            "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
        }
    )
    old = _pets_api({"$ref": "#/components/schemas/Node"}, {"schemas": {"Node": node}})
    assert diff(old, old).changes == ()
    grown = obj({**node["properties"], "age": {"type": "integer"}})
    new = _pets_api({"$ref": "#/components/schemas/Node"}, {"schemas": {"Node": grown}})
    report = diff(old, new)
    wire = [c for c in report.changes if c.level == "wire"]
    assert {c.rule for c in wire} == {"request-property-added-optional", "response-property-added"}
    assert {c.pointer for c in wire} == {"/components/schemas/Node/properties/age"}


def _reversed(mapping: dict[str, Any]) -> dict[str, Any]:
    return dict(reversed(list(mapping.items())))


def test_reordering_changes_nothing() -> None:
    """Properties, paths, methods, parameters, enum values, required names, tags: any order."""
    parameters = [
        {"name": "limit", "in": "query", "schema": {"type": "integer"}},
        {"name": "tag", "in": "query", "schema": {"type": "string"}},
    ]
    old = spec(
        {
            "/pets": {
                "get": operation("listPets", parameters=parameters, tags=["pets", "animals"]),
                "post": operation("createPet", requestBody=json_body(PET)),
            },
            "/owners": {"get": operation("listOwners")},
        }
    )
    shuffled = {
        **PET,
        "properties": _reversed(PET["properties"]),
        "required": list(reversed(PET["required"])),
    }
    shuffled["properties"]["tag"] = {"type": "string", "enum": ["bird", "dog", "cat"]}
    new = spec(
        {
            "/owners": {"get": operation("listOwners")},
            "/pets": {
                "post": operation("createPet", requestBody=json_body(shuffled)),
                "get": operation(
                    "listPets", parameters=list(reversed(parameters)), tags=["pets", "animals"]
                ),
            },
        }
    )
    assert diff(old, new).changes == ()


@pytest.mark.parametrize(
    "edit",
    ["summary", "description", "property description", "parameter description", "title"],
)
def test_documentation_edits_are_docs_only(edit: str) -> None:
    old, new = _documented("old"), _documented(edit)
    report = diff(old, new)
    assert report.changes, "the edit must be reported"
    assert {c.severity for c in report.changes} == {"docs"}
    assert report.summary.bump == "patch"


def _documented(edit: str) -> Spec:
    def text(what: str) -> str:
        return f"The {what}, edited." if edit == what else f"The {what}."

    pet = obj({"name": {"type": "string", "description": text("property description")}})
    pet["title"] = text("title")
    parameter = {
        "name": "limit",
        "in": "query",
        "description": text("parameter description"),
        "schema": {"type": "integer"},
    }
    return spec(
        {
            "/pets": {
                "get": operation(
                    summary=text("summary"),
                    description=text("description"),
                    parameters=[parameter],
                    responses={"200": json_response(pet)},
                )
            }
        }
    )
