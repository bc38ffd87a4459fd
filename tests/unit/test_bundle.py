"""A spec split into files loads as one document; a reference out of its folder is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.errors import SpecError
from generator.load import load_spec, parse_spec, read_bundle, spec_files

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "multifile"
ROOT = FIXTURE / "openapi.yaml"


def _refs(node: Any) -> list[str]:
    found: list[str] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("$ref"), str):
                found.append(item["$ref"])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _write(folder: Path, files: dict[str, Any]) -> Path:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(content) if not isinstance(content, str) else content)
    return folder / "openapi.json"


def _spec(schema: dict[str, Any]) -> dict[str, Any]:
    response = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": response}}}},
    }


def _refusal(root: Path) -> str:
    with pytest.raises(SpecError) as caught:
        load_spec(root)
    (problem,) = caught.value.problems
    return str(problem)


def test_files_become_components_and_path_items_are_inlined() -> None:
    document = load_spec(ROOT)
    assert sorted(document["components"]["schemas"]) == ["Label", "Pet", "Problem", "Tag", "owner"]
    assert document["components"]["parameters"]["limit"]["in"] == "query"
    listing = document["paths"]["/pets"]["get"]
    assert listing["responses"]["200"]["content"]["application/json"]["schema"]["items"] == {
        "$ref": "#/components/schemas/Pet"
    }
    assert document["paths"]["/pets/{petId}"]["get"]["operationId"] == "getPet"
    assert document["webhooks"]["petAdopted"]["post"]["operationId"] == "petAdopted"
    assert all(ref.startswith("#/components/") for ref in _refs(document))


def test_a_fragment_of_another_file_and_its_own_internal_refs_follow_it() -> None:
    schemas = load_spec(ROOT)["components"]["schemas"]
    assert schemas["Tag"]["properties"]["label"] == {"$ref": "#/components/schemas/Label"}
    assert schemas["owner"]["properties"]["pets"]["items"] == {"$ref": "#/components/schemas/Pet"}


def test_spec_files_lists_the_root_and_every_referenced_file() -> None:
    files = spec_files(ROOT)
    assert files[0] == ROOT
    assert {path.relative_to(FIXTURE).as_posix() for path in files} == {
        "openapi.yaml",
        "paths/pets.yaml",
        "paths/pet.json",
        "schemas/pet.yaml",
        "schemas/owner.yaml",
        "shared/definitions.yaml",
        "shared/parameters.yaml",
        "shared/responses.yaml",
        "webhooks/adopted.yaml",
    }


def test_a_ref_out_of_the_spec_folder_is_refused_with_file_pointer_and_fix() -> None:
    problem = _refusal(FIXTURE / "escape" / "openapi.yaml")
    assert problem.startswith(
        f"{FIXTURE / 'escape' / 'openapi.yaml'}#/paths/~1pets/get/responses/200/content/"
        "application~1json/schema/$ref: error: $ref '../schemas/pet.yaml' leaves the spec's folder"
    )
    assert "(fix: move the file under the spec's folder)" in problem


def test_a_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.json"
    outside.write_text('{"type": "string"}')
    root = _write(tmp_path / "spec", {"openapi.json": _spec({"$ref": "link.json"})})
    (tmp_path / "spec" / "link.json").symlink_to(outside)
    assert "$ref 'link.json' leaves the spec's folder" in _refusal(root)


@pytest.mark.parametrize(
    ("ref", "fragment"),
    [
        ("/etc/passwd", "absolute $ref path '/etc/passwd' refused"),
        ("https://example.com/pet.json", "remote $ref 'https://example.com/pet.json' refused"),
        ("file:///etc/passwd", "remote $ref 'file:///etc/passwd' refused"),
        ("missing.json", "$ref 'missing.json' names no file"),
        ("pet.json#/nope", "dangling $ref 'pet.json#/nope': nothing at that pointer in pet.json"),
    ],
)
def test_other_references_are_refused(tmp_path: Path, ref: str, fragment: str) -> None:
    root = _write(tmp_path, {"openapi.json": _spec({"$ref": ref}), "pet.json": {"type": "object"}})
    problem = _refusal(root)
    assert fragment in problem and "/schema/$ref: error:" in problem and "(fix: " in problem


def test_a_referenced_file_is_held_to_the_bounds_of_a_spec(tmp_path: Path) -> None:
    lines = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    files = {"openapi.json": _spec({"$ref": "bomb.yaml"}), "bomb.yaml": "\n".join(lines)}
    problem = _refusal(_write(tmp_path, files))
    assert problem.startswith(f"{tmp_path / 'bomb.yaml'}: error: ")


def test_path_items_that_include_each_other_are_refused(tmp_path: Path) -> None:
    spec = {**_spec({}), "paths": {"/a": {"$ref": "a.json"}}}
    files = {"openapi.json": spec, "a.json": {"$ref": "b.json"}, "b.json": {"$ref": "a.json"}}
    assert "circular $ref between path items" in _refusal(_write(tmp_path, files))


def test_a_root_relative_ref_in_another_file_is_read_from_the_root_with_a_warning(
    tmp_path: Path,
) -> None:
    spec = {**_spec({"$ref": "pet.json"}), "components": {"schemas": {"Id": {"type": "string"}}}}
    pet = {"type": "object", "properties": {"id": {"$ref": "#/components/schemas/Id"}}}
    root = _write(tmp_path, {"openapi.json": spec, "pet.json": pet})
    bundled = read_bundle(root.read_bytes(), str(root), root)
    assert bundled.document["components"]["schemas"]["pet"]["properties"]["id"] == {
        "$ref": "#/components/schemas/Id"
    }
    (warning,) = bundled.problems
    assert str(warning).startswith(f"{tmp_path / 'pet.json'}#/properties/id/$ref: warning: ")


def test_spec_bytes_without_a_file_may_not_refer_to_files() -> None:
    with pytest.raises(SpecError, match=r"external \$ref 'pet\.json' refused"):
        parse_spec(json.dumps(_spec({"$ref": "pet.json"})).encode(), "spec.json")


def test_names_of_files_from_different_folders_do_not_collide(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "properties": {"a": {"$ref": "a/Error.json"}, "b": {"$ref": "b/Error.json"}},
    }
    files = {
        "openapi.json": _spec(schema),
        "a/Error.json": {"type": "string"},
        "b/Error.json": {"type": "integer"},
    }
    document = load_spec(_write(tmp_path, files))
    assert document["components"]["schemas"] == {
        "Error": {"type": "string"},
        "b_Error": {"type": "integer"},
    }


def test_extensions_are_not_followed_and_go_when_their_refs_would_break(tmp_path: Path) -> None:
    spec = {
        **_spec({"$ref": "pet.json"}),
        "x-samples": {"source": {"$ref": "samples/get.cs"}},
        "x-internal": {"$ref": "#/info"},
    }
    pet = {"type": "object", "x-note": "kept", "x-link": {"$ref": "#/definitions/Other"}}
    root = _write(tmp_path, {"openapi.json": spec, "pet.json": pet})
    bundled = read_bundle(root.read_bytes(), str(root), root)
    assert "x-samples" not in bundled.document and "x-internal" in bundled.document
    assert bundled.document["components"]["schemas"]["pet"] == {"type": "object", "x-note": "kept"}
    assert {problem.level for problem in bundled.problems} == {"info"}
    assert [problem.pointer for problem in bundled.problems] == ["/x-samples", "/x-link"]
