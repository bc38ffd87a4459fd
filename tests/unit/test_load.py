"""Bad input gets one clear problem naming the file, the JSON pointer and the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import SpecError
from generator.load import MAX_BYTES, load_spec, parse_spec

MINIMAL = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}


def _problems(data: bytes) -> list[str]:
    with pytest.raises(SpecError) as caught:
        parse_spec(data, "spec.yaml")
    return [str(problem) for problem in caught.value.problems]


def _doc(**extra: object) -> bytes:
    return json.dumps({**MINIMAL, **extra}).encode()


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"", "spec file is empty"),
        (b'{"openapi": "3.1.0",}', "invalid JSON at line 1, column 21"),
        (b"openapi: 3.1.0\n  info: [\n", "invalid YAML at line 2, column 7"),
        (
            b'{"swagger": "1.2"}',
            "spec.yaml#/swagger: error: Swagger '1.2' documents are not supported",
        ),
        (b'{"swagger": "2.0", "paths": {}}', "spec.yaml#/info"),
        (b'{"foo": 1}', "not an OpenAPI document"),
        (b'{"openapi": "4.0"}', "unsupported OpenAPI version"),
        (b"[1, 2]", "must be a JSON/YAML object"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_unreadable_or_foreign_documents_are_refused(data: bytes, fragment: str) -> None:
    assert any(fragment in problem for problem in _problems(data))


def test_dangling_ref_names_the_pointer() -> None:
    paths = {
        "/a": {
            "get": {
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Nope"}}
                        },
                    }
                }
            }
        }
    }
    (problem,) = _problems(_doc(paths=paths))
    assert problem.startswith(
        "spec.yaml#/paths/~1a/get/responses/200/content/application~1json/schema/$ref: error: "
        "dangling $ref '#/components/schemas/Nope'"
    )


# A JSON Schema or an OpenAPI document given as an example value: its `$ref`s are data.
EMBEDDED = {"properties": {"tag": {"$ref": "#/components/schemas/Nowhere"}}}


@pytest.mark.parametrize(
    "schema",
    [
        pytest.param({"type": "object", "example": EMBEDDED}, id="example"),
        pytest.param({"type": "object", "default": EMBEDDED}, id="default"),
        pytest.param({"type": "object", "enum": [EMBEDDED]}, id="enum"),
        pytest.param({"type": "object", "examples": [EMBEDDED]}, id="examples-list"),
        pytest.param(
            {"type": "object", "properties": {"spec": {"type": "object", "example": EMBEDDED}}},
            id="example-of-a-property",
        ),
    ],
)
def test_a_ref_inside_a_literal_value_is_data(schema: dict[str, object]) -> None:
    document = parse_spec(_doc(components={"schemas": {"Spec": schema}}), "spec.yaml")
    assert document["components"]["schemas"]["Spec"] == schema


def test_a_ref_inside_media_and_example_object_values_is_data() -> None:
    media = {
        "schema": {"type": "object"},
        "example": EMBEDDED,
        "examples": {"one": {"value": EMBEDDED}},
    }
    body = {"content": {"application/json": media}}
    paths = {"/specs": {"post": {"requestBody": body, "responses": {"204": {"description": ""}}}}}
    assert parse_spec(_doc(paths=paths), "spec.yaml")["paths"] == paths


@pytest.mark.parametrize(
    "schema",
    [
        pytest.param(
            {"type": "object", "properties": {"example": {"$ref": "#/components/schemas/Nope"}}},
            id="a-property-named-example",
        ),
        pytest.param(
            {"type": "object", "x-example": {"$ref": "#/components/schemas/Nope"}},
            id="an-extension",
        ),
        pytest.param(
            {"type": "object", "examples": {"a": {"$ref": "#/components/schemas/Nope"}}},
            id="examples-not-a-list",
        ),
    ],
)
def test_a_ref_where_a_name_looks_like_a_literal_keyword_is_still_checked(
    schema: dict[str, object],
) -> None:
    (problem,) = _problems(_doc(components={"schemas": {"Spec": schema}}))
    assert "dangling $ref '#/components/schemas/Nope'" in problem


@pytest.mark.parametrize(
    ("ref", "fragment"),
    [
        ("https://evil.example/x.json", "remote $ref"),
        ("../../etc/passwd", "external $ref"),
        ("other.yaml#/A", "external $ref"),
        ("file:///etc/passwd", "remote $ref"),
    ],
)
def test_external_refs_are_never_followed(ref: str, fragment: str) -> None:
    (problem,) = _problems(_doc(components={"schemas": {"A": {"$ref": ref}}}))
    assert fragment in problem and "#/components/schemas/A/$ref" in problem


def test_structure_errors_point_into_the_document() -> None:
    problems = _problems(
        json.dumps(
            {
                "openapi": "3.1.0",
                "info": {"title": "t"},
                "paths": {"/a": {"get": {"responses": {"200": {"description": 5}}}}},
            }
        ).encode()
    )
    assert any("#/info/version: error: missing required key 'version'" in p for p in problems)
    assert any("#/paths/~1a/get/responses/200/description" in p for p in problems)
    assert all("see the OpenAPI 3.1 specification" in p for p in problems)


def _tuple_response(version: str) -> bytes:
    pair = {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}
    content = {"application/json": {"schema": {**pair, "items": False}}}
    ok = {"200": {"description": "ok", "content": content}}
    return _doc(openapi=version, paths={"/pair": {"get": {"responses": ok}}})


def test_boolean_schemas_of_31_pass_the_structure_check() -> None:
    document = parse_spec(_tuple_response("3.1.0"), "spec.json")
    assert "/pair" in document["paths"]


def test_structure_pointers_skip_union_branch_names() -> None:
    (problem,) = _problems(_tuple_response("3.0.3"))
    pointer = "#/paths/~1pair/get/responses/200/content/application~1json/schema/items:"
    assert pointer in problem


def test_yaml_alias_bomb_is_bounded() -> None:
    lines = ["a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    assert any("expands to more than" in p for p in _problems("\n".join(lines).encode()))


def test_yaml_alias_cycle_is_refused() -> None:
    assert any("cycle" in p for p in _problems(b"openapi: 3.1.0\na: &x\n  b: *x\n"))


@pytest.mark.parametrize("data", [b"[" * 100_000, b"a: " + b"[" * 5_000 + b"]" * 5_000])
def test_absurd_nesting_is_refused_not_a_crash(data: bytes) -> None:
    assert any("nests deeper than" in p for p in _problems(data))


def test_oversized_files_are_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    with big.open("wb") as stream:
        stream.truncate(MAX_BYTES + 1)
    with pytest.raises(SpecError, match=r"over the .*-byte limit"):
        load_spec(big)


def test_circular_refs_and_missing_operation_ids_load(tmp_path: Path) -> None:
    schemas = {
        "Node": {"type": "object", "properties": {"next": {"$ref": "#/components/schemas/Node"}}}
    }
    paths = {"/n": {"get": {"responses": {"200": {"description": "ok"}}}}}
    document = parse_spec(_doc(components={"schemas": schemas}, paths=paths), "spec.json")
    assert "Node" in document["components"]["schemas"]


def test_real_captures_load(upstream: Path) -> None:
    for name in ("swagger.older.json", "swagger.newer.json"):
        assert load_spec(upstream / name)["openapi"] == "3.1.0"


def test_openapi_31_operations_need_no_responses_and_documents_no_paths() -> None:
    operation = {"post": {"operationId": "ping"}}
    assert parse_spec(_doc(paths={"/ping": operation}), "spec.json")["paths"]["/ping"]
    webhook_only = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "webhooks": {}}
    assert parse_spec(json.dumps(webhook_only).encode(), "spec.json")["webhooks"] == {}


def test_openapi_30_operations_still_need_responses() -> None:
    spec = {**MINIMAL, "openapi": "3.0.3", "paths": {"/ping": {"post": {"operationId": "p"}}}}
    problems = _problems(json.dumps(spec).encode())
    assert any("#/paths/~1ping/post/responses: error: missing required key" in p for p in problems)
    assert all("see the OpenAPI 3.0 specification" in p for p in problems)


def test_webhooks_are_checked_as_path_items() -> None:
    webhooks = {"newPet": {"post": {"requestBody": {"content": "not a map"}}}}
    problems = _problems(_doc(webhooks=webhooks))
    where = "spec.yaml#/webhooks/newPet/post/requestBody/content"
    assert any(problem.startswith(where) for problem in problems)


@pytest.mark.parametrize(
    ("data", "pointer"),
    [
        (b'{"openapi": "3.1.0", "x": ' + b"9" * 5000 + b"}", ""),
        (b"openapi: 3.1.0\nx: " + b"9" * 5000 + b"\n", ""),
        (b'{"openapi": "3.1.0", "x": [-' + b"9" * 41 + b"]}", "/x/0"),
    ],
    ids=["json-5000-digits", "yaml-5000-digits", "json-41-digits"],
)
def test_huge_integers_are_a_spec_error_not_a_crash(data: bytes, pointer: str) -> None:
    with pytest.raises(SpecError) as caught:
        parse_spec(data, "s.json")
    (problem,) = caught.value.problems
    assert (problem.message, problem.pointer) == (
        "spec holds an integer with more than 40 digits",
        pointer,
    )


def test_yaml_timestamps_stay_the_text_they_were_written_as() -> None:
    """TypeSpec writes `version: 0000-00-00`; YAML 1.1 reads that as an impossible date."""
    data = (
        b"openapi: 3.0.3\ninfo: {title: t, version: 0000-00-00}\npaths: {}\n"
        b"components:\n  schemas:\n    Day: {type: string, format: date, example: 2024-02-29}\n"
    )
    spec = parse_spec(data, "spec.yaml")
    assert spec["info"]["version"] == "0000-00-00"
    assert spec["components"]["schemas"]["Day"]["example"] == "2024-02-29"
