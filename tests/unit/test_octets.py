"""Bytes fields of models are typed by the runtime's `Octets`, and the allowlist takes exactly
that import from the package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.errors import GenerationError
from generator.ir import ModelSet
from generator.models import check_models, generate_models
from generator.pipeline import generate_package

BINARY = {"type": "string", "format": "binary"}


def _models(properties: dict[str, Any], **schema: Any) -> ModelSet:
    return ModelSet(
        schemas={"Attachment": {"type": "object", "properties": properties, **schema}},
        field_names={"Attachment": {name: name for name in properties}},
        pointers={},
    )


def test_bytes_wherever_they_sit_are_the_runtimes_octets() -> None:
    source = generate_models(
        _models(
            {
                "content": BINARY,
                "pages": {"type": "array", "items": BINARY},
                "named": {"type": "object", "additionalProperties": BINARY},
                "maybe": {"type": ["string", "null"], "format": "binary"},
                "either": {"anyOf": [BINARY, {"type": "string"}]},
                "name": {"type": "string"},
            },
            required=["content"],
        ),
        "pkg",
    )
    lines = source.splitlines()
    assert "from pkg._types import Octets" in lines
    for line in (
        "    content: Octets",
        "    pages: list[Octets] | None = None",
        "    named: dict[str, Octets] | None = None",
        "    maybe: Octets | None = None",
        "    either: Octets | str | None = None",
        "    name: str | None = None",
    ):
        assert line in lines
    assert "bytes" not in source
    assert "arbitrary_types_allowed" not in source  # `Octets` is a type pydantic knows


def test_other_settings_of_a_model_with_bytes_are_kept() -> None:
    source = generate_models(_models({"content": BINARY}, additionalProperties=False), "pkg")
    assert "extra='forbid'" in source
    assert "arbitrary_types_allowed" not in source


def test_a_custom_type_path_written_in_the_spec_is_not_imported() -> None:
    hostile = {"type": "string", "customTypePath": "os.system"}
    source = generate_models(_models({"name": hostile, "content": BINARY}), "pkg")
    assert "os" not in source.split()
    assert "    name: str | None = None" in source.splitlines()


def test_a_binary_string_that_is_not_bytes_alone_is_left_to_the_library() -> None:
    source = generate_models(
        _models({"either": {"type": ["string", "integer"], "format": "binary"}}), "pkg"
    )
    assert "Octets" not in source


SOURCE = """
from __future__ import annotations
from pkg._models import BaseModel
{imported}
class Attachment(BaseModel):
    content: Octets | None = None
"""


def test_the_allowlist_takes_octets_from_the_package_and_nothing_else() -> None:
    models = _models({"content": BINARY})
    check_models(SOURCE.format(imported="from pkg._types import Octets"), models, "pkg")
    for imported in (
        "from pkg._types import NOT_GIVEN as Octets",
        "from pkg._types import Octets as Octets",
        "from pkg._types import Octets, NotGiven",
        "from other._types import Octets",
        "from pkg._client import Octets",
    ):
        with pytest.raises(GenerationError, match="unexpected import"):
            check_models(SOURCE.format(imported=imported), models, "pkg")


def test_a_schema_named_octets_leaves_the_name_to_the_runtimes_type(tmp_path: Path) -> None:
    octets = {"schema": {"$ref": "#/components/schemas/Octets"}}
    reply = {"description": "d", "content": {"application/json": octets}}
    spec = {
        "openapi": "3.0.3",
        "info": {"title": "Clash", "version": "1"},
        "paths": {"/o": {"get": {"operationId": "getO", "responses": {"200": reply}}}},
        "components": {"schemas": {"Octets": {"type": "object", "properties": {"blob": BINARY}}}},
    }
    generate_package(json.dumps(spec).encode(), "openapi.json", tmp_path)
    (module,) = [
        path
        for path in (tmp_path / "src/clash_client/types").glob("_*.py")
        if "octets" in path.name
    ]
    lines = module.read_text(encoding="utf-8").splitlines()
    assert "from clash_client._types import Octets" in lines
    assert "class Octets(BaseModel):" not in lines
    assert "    blob: Octets | None = None" in lines
