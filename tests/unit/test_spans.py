"""Which path parameters hold a path (sent across segments), decided from what the spec states."""

from __future__ import annotations

from typing import Any

import pytest

from generator.analyze import analyze
from generator.analyze.spans import pattern_admits_slash, spans_segments
from generator.config import default_config
from generator.ir import Operation

OK = {"204": {"description": "ok"}}


@pytest.mark.parametrize(
    "pattern",
    [
        ".+",
        ".*",
        "^.*$",
        "^(.+)$",
        ".{1,}",
        ".{1,200}",
        "^projects/[^/]+/locations/[^/]+/instances/[^/]+$",
        r"^projects\/[^\/]+$",
        "^[a-z0-9/]+$",
        "^[-_a-z/.]*$",
    ],
)
def test_a_pattern_written_to_match_a_slash_spans(pattern: str) -> None:
    assert pattern_admits_slash(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        "[^/]+",
        "^[^/]+$",
        r"^[^\/?#]+$",
        "^[a-z]+$",
        r"\d+",
        r"^\d+.\d+$",  # a sloppy version number: one `.`
        r"^[a-z]+\.[a-z]+$",
        r"^\S+$",
        "^[.]+$",
        ".{2}",
        "^(?!.*/).+$",  # `.+`, but a lookahead forbids any `/`
        "^(?!.*/)x.*$",
    ],
)
def test_a_pattern_that_does_not_mean_a_slash_keeps_one_segment(pattern: str) -> None:
    assert not pattern_admits_slash(pattern)


def test_a_class_whose_first_member_is_a_bracket_is_read_to_its_end() -> None:
    assert pattern_admits_slash("[]/]+")
    assert not pattern_admits_slash("[^]/]+")


def _path(**extra: Any) -> dict[str, Any]:
    return {"name": "p", "in": "path", "required": True, **extra}


@pytest.mark.parametrize(
    ("parameter", "reserved", "spans"),
    [
        (_path(schema={"type": "string", "pattern": ".+"}), False, True),
        (_path(schema={"type": "string"}), True, True),
        (_path(schema={"type": "string"}, allowReserved=True), False, True),
        (_path(schema={"type": "string"}, **{"x-allowReserved": True}), False, True),
        # GitHub's mark on a tag, branch, ref or file path (`release/v1`, `docs/README.md`)
        (_path(schema={"type": "string"}, **{"x-multi-segment": True}), False, True),
        (_path(schema={"type": "string"}, **{"x-multiSegment": True}), False, True),
        (_path(schema={"type": "string"}, **{"x-multi-segment": False}), False, False),
        (_path(schema={"type": "integer"}, **{"x-multi-segment": True}), False, False),
        (_path(schema={"pattern": "^a/b$"}), False, True),
        (_path(schema={"type": "string"}), False, False),
        (_path(schema={"type": "string"}, allowReserved=False), False, False),
        (_path(schema={"type": "integer"}, allowReserved=True), False, False),
        (_path(schema={"type": "array", "items": {"type": "string"}}), True, False),
        (_path(schema={"type": "string", "pattern": ".+"}, style="label"), False, False),
        (_path(schema={"type": "string", "pattern": ".+"}, style="matrix"), True, False),
        (_path(content={"application/json": {"schema": {"type": "string"}}}), True, False),
        ({"name": "q", "in": "query", "schema": {"type": "string", "pattern": ".+"}}, True, False),
        # a name that sounds like a path is no evidence
        ({**_path(schema={"type": "string"}), "name": "folderPath"}, False, False),
    ],
)
def test_what_the_spec_states_decides_whether_a_value_spans(
    parameter: dict[str, Any], reserved: bool, spans: bool
) -> None:
    assert spans_segments(parameter, parameter.get("schema"), reserved) is spans


def _operation(path: str, *parameters: dict[str, Any]) -> Operation:
    operation = {"operationId": "getIt", "parameters": list(parameters), "responses": OK}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {path: {"get": operation}},
        "components": {"schemas": {"Name": {"type": "string", "pattern": "^folders/.+$"}}},
    }
    (found,) = analyze(document, default_config("Demo", "demo.json"), file="demo.json").operations
    return found


def test_the_client_template_writes_a_spanning_variable_with_a_plus() -> None:
    name = {"name": "name", "in": "path", "required": True}
    operation = _operation(
        "/v1/{name}/files/{id}",
        {**name, "schema": {"$ref": "#/components/schemas/Name"}},
        {**name, "name": "id", "schema": {"type": "string", "pattern": "^[^/]+$"}},
    )
    assert operation.request_path is not None
    assert operation.request_path.unsafe_value == "/v1/{+name}/files/{id}"
    assert [p.spans for p in operation.parameters] == [True, False]
    assert operation.parameters[0].description is not None
    assert "may hold slashes" in operation.parameters[0].description.unsafe_value
    assert operation.parameters[1].description is None


def test_a_reserved_expansion_in_the_path_key_loads_and_keeps_its_argument_order() -> None:
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in ("id", "name")
    ]
    operation = _operation("/v1/{+name}/items/{id}", *parameters)
    assert operation.path.unsafe_value == "/v1/{+name}/items/{id}"
    assert operation.request_path is not None
    assert operation.request_path.unsafe_value == "/v1/{+name}/items/{id}"
    assert [p.wire_name.unsafe_value for p in operation.path_parameters] == ["name", "id"]
    assert [p.spans for p in operation.path_parameters] == [True, False]


def test_the_note_on_a_spanning_value_follows_a_description_as_its_own_sentence() -> None:
    tag = {"name": "tag", "in": "path", "required": True, "x-multi-segment": True}
    tag |= {"description": "tag parameter", "schema": {"type": "string"}}
    operation = _operation("/releases/tags/{tag}", tag)
    (parameter,) = operation.parameters
    assert parameter.spans
    assert parameter.description is not None
    assert parameter.description.unsafe_value.startswith("tag parameter. The value may hold")
