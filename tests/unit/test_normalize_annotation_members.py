"""An `allOf` member that only annotates describes the schema holding the `allOf`: merged into
it, so a described reference is that reference (with its text), not an empty subclass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.normalize import normalize
from generator.pipeline import generate_package


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _normalized(**schemas: Any) -> dict[str, Any]:
    document = {"openapi": "3.1.0", "components": {"schemas": schemas}}
    normalized, _problems = normalize(document, "spec.json")
    result: dict[str, Any] = normalized["components"]["schemas"]
    return result


INPUT = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
KIND = {"type": "string", "enum": ["voa", "income"]}


def test_a_description_member_is_merged_into_the_schema_that_holds_it() -> None:
    # Resend's `template`: a reference described by a second `allOf` member.
    described = {"allOf": [_ref("Input"), {"description": "Use a published template."}]}
    schemas = _normalized(Input=INPUT, Mail={"properties": {"template": described}})
    assert schemas["Mail"]["properties"]["template"] == {
        "allOf": [_ref("Input")],
        "description": "Use a published template.",
    }


def test_the_outer_schemas_own_annotation_wins_and_constraints_stay_members() -> None:
    outer = {
        "description": "outer",
        "allOf": [_ref("Input"), {"description": "inner", "title": "T"}, {"minProperties": 1}],
    }
    assert _normalized(Input=INPUT, Outer=outer)["Outer"] == {
        "description": "outer",
        "title": "T",
        "allOf": [_ref("Input"), {"minProperties": 1}],
    }
    only_annotations = {"allOf": [{"description": "a"}, {"title": "b"}]}
    assert _normalized(Only=only_annotations)["Only"] == only_annotations


def test_a_described_reference_is_typed_as_the_reference(tmp_path: Path) -> None:
    # Before: `ReportRequested(BaseModel): pass` and `SendTemplate(Input): pass`, and the
    # descriptions lost; an enum given so could not be passed as its value at all (Plaid's
    # `report_requested`).
    properties = {
        "template": {"allOf": [_ref("Input"), {"description": "Use a published template."}]},
        "kind": {"allOf": [_ref("Kind"), {"description": "Deprecated.", "deprecated": True}]},
    }
    operation = {
        "operationId": "send",
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _ref("Mail")}},
        },
        "responses": {"204": {"description": "done"}},
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Mailer", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/mails": {"post": operation}},
        "components": {
            "schemas": {
                "Input": INPUT,
                "Kind": KIND,
                "Mail": {"type": "object", "properties": properties},
            }
        },
    }
    generate_package(json.dumps(document).encode(), "openapi.json", tmp_path / "out", None)
    types = next((tmp_path / "out" / "src").glob("*/types"))
    mail = (types / "_mail.py").read_text()
    assert "template: Input | None = None" in mail
    assert "Use a published template." in mail
    assert "kind: Kind | None = None" in mail
    assert not [path.name for path in types.glob("_*.py") if "(Input):" in path.read_text()]
