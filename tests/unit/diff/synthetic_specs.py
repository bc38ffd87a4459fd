"""Builders for small synthetic specs, and a `diff` that treats them exactly like real files.

Every synthetic document goes through `parse_spec` (so a test cannot pass on an invalid spec) and
`normalize`, as `diff_files` does. Imported by the test modules beside it (pytest puts this folder
on `sys.path`; the name is unique so it cannot shadow another module).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from generator.diff import DiffReport, diff_specs
from generator.load import parse_spec
from generator.normalize import normalize

Spec = dict[str, Any]
JSON = "application/json"


def spec(paths: dict[str, Any] | None = None, **top: Any) -> Spec:
    """A valid OpenAPI 3.1 document; `top` adds or replaces top-level keys."""
    document: Spec = {
        "openapi": "3.1.0",
        "info": {"title": "Pets", "version": "1.0"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": copy.deepcopy(paths) if paths is not None else {},
    }
    document.update(copy.deepcopy(top))
    return document


def operation(operation_id: str = "listPets", **fields: Any) -> dict[str, Any]:
    """An operation with a bodiless 200 response unless `responses` is given."""
    result: dict[str, Any] = {
        "operationId": operation_id,
        "responses": {"200": {"description": "ok"}},
    }
    result.update(copy.deepcopy(fields))
    return result


def json_body(schema: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {JSON: {"schema": copy.deepcopy(schema)}}}


def json_response(schema: dict[str, Any], description: str = "ok") -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": copy.deepcopy(schema)}}}


def obj(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": copy.deepcopy(properties)}
    if required:
        schema["required"] = list(required)
    return schema


def diff(old: Spec, new: Spec, **options: Any) -> DiffReport:
    return diff_specs(prepared(old, "old.json"), prepared(new, "new.json"), **options)


def prepared(document: Spec, name: str = "spec.json") -> Spec:
    normalized, _notes = normalize(parse_spec(json.dumps(document).encode(), name), name)
    return normalized


def rules(report: DiffReport, level: str | None = None) -> set[str]:
    return {c.rule for c in report.changes if level is None or c.level == level}
