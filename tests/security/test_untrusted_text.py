"""Spec text is typed end to end: in the IR every string from the spec is SpecText or Safe.

The intermediate representation is what templates walk. A plain `str` holding spec text there
would be one escaper away from a file; Jinja refuses to print it (see test_escaping_door.py), and
this test checks the IR never offers one: a marker put in every spec string must only be found
inside SpecText (raw, unprintable) or Safe (escaped, or a name built by `naming`).
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from generator.ir import Api
from generator.pipeline import generate_package
from generator.strings import Safe, SpecText

MARK = 'MARK"""\'{{ 7*7 }}'
# Braces in a path are template variables (an undeclared one is refused), so the path's copy of
# the marker keeps its quotes but not its Jinja.
PATH_MARK = 'MARK"""\'7*7'

# Parts of the IR that templates never print: schemas for datamodel-code-generator (whose output
# is held to a syntax allowlist by models.py), the names lock, lookup keys, and the schema an
# argument was annotated from (examples.py reads it and writes values only as string literals).
NOT_PRINTED = {
    "Api.problems",  # console messages, spec text in them shown by repr()
    "Api.models",
    "Api.operations_lock",
    "Api.config",
    "Operation.key",
    "Parameter.schema",
    "BodyField.schema",
}


def _spec() -> dict[str, Any]:
    text = MARK
    return {
        "openapi": "3.1.0",
        "info": {"title": f"T {text}", "version": text, "description": text},
        "servers": [{"url": f"https://example.com/{text}"}],
        "tags": [{"name": f"tag{text}", "description": text}],
        "paths": {
            f"/p/{PATH_MARK}/{{id}}": {
                "post": {
                    "operationId": f"op{text}",
                    "tags": [f"tag{text}"],
                    "summary": text,
                    "description": text,
                    "parameters": [
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        {
                            "name": f"q{text}",
                            "in": "query",
                            "description": text,
                            "schema": {"type": "string", "enum": [text], "default": text},
                        },
                        {"name": f"h{text}", "in": "header", "schema": {"type": "string"}},
                    ],
                    "requestBody": {
                        "description": text,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/S"}}
                        },
                    },
                    "responses": {
                        "200": {
                            "description": text,
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/S"}}
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "S": {
                    "type": "object",
                    "description": text,
                    "properties": {
                        f"p{text}": {"type": "string", "description": text, "default": text}
                    },
                }
            },
            "securitySchemes": {"k": {"type": "apiKey", "in": "query", "name": f"k{text}"}},
        },
        "security": [{"k": []}],
    }


def _plain_strings(value: Any, where: str, found: list[str]) -> None:
    if isinstance(value, SpecText | Safe):
        return
    if isinstance(value, str):
        if "MARK" in value:
            found.append(f"{where} = {value!r}")
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            name = f"{type(value).__name__}.{field.name}"
            if name not in NOT_PRINTED:
                _plain_strings(getattr(value, field.name), f"{where}.{field.name}", found)
    elif isinstance(value, dict):
        for key, item in value.items():
            _plain_strings(key, f"{where}[key]", found)
            _plain_strings(item, f"{where}[{key!r}]", found)
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            _plain_strings(item, f"{where}[{index}]", found)


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Api:
    out = tmp_path_factory.mktemp("marked") / "out"
    return generate_package(json.dumps(_spec()).encode(), "marked.json", out).api


def test_spec_strings_reach_the_ir_only_as_spec_text_or_safe(api: Api) -> None:
    found: list[str] = []
    _plain_strings(api, "api", found)
    assert found == []


def test_the_marker_reached_the_ir(api: Api) -> None:
    """Guards the test above: the marker must be in the IR as SpecText, or it proves nothing."""
    operation = api.operations[0]
    assert operation.summary == SpecText(MARK)
    assert operation.path == SpecText(f"/p/{PATH_MARK}/{{id}}")
    assert [p.wire_name for p in operation.parameters][1:] == [
        SpecText(f"q{MARK}"),
        SpecText(f"h{MARK}"),
    ]
