"""An operation taking several body media types is proven through each of its methods.

Each alternative body's method (`<name>_<suffix>`) is a method of its own: verify calls it sync
and async, with required-only and all-fields arguments and one documented error, and the mock
judges the request by the media type it was sent with. An alternative that sends the wrong
Content-Type, or JSON where it must send a form, fails verify, naming the method.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import generate_package
from generator.verify import verify_spec
from generator.verify.cases import error_cases, operation_cases
from generator.verify.surface import surface

from .contracts import proven, verify_mutated

_ERROR = {"application/json": {"schema": {"type": "object", "properties": {"error": {}}}}}
_ERRORS = {
    "422": {"description": "Refused.", "content": _ERROR},
    "429": {"description": "Too many.", "content": _ERROR},
}


def _document() -> dict[str, Any]:
    """Notes made from JSON, a form or an upload; changed by JSON or a merge patch."""
    note = {
        "type": "object",
        "required": ["title"],
        "properties": {
            "title": {"type": "string"},
            "pinned": {"type": "boolean"},
            "labels": {"type": "array", "items": {"type": "string"}},
        },
    }
    upload = {
        "type": "object",
        "required": ["title", "attachment"],
        "properties": {
            "title": {"type": "string"},
            "attachment": {"type": "string", "format": "binary"},
        },
    }
    patch = {"type": "object", "properties": {"title": {"type": "string", "nullable": True}}}
    saved = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    reply = {"description": "Saved.", "content": {"application/json": {"schema": saved}}}
    create = {
        "operationId": "create",
        "tags": ["notes"],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": note},
                "application/x-www-form-urlencoded": {"schema": note},
                "multipart/form-data": {"schema": upload},
            },
        },
        "responses": {"201": reply, **_ERRORS},
    }
    update = {
        "operationId": "update",
        "tags": ["notes"],
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": note},
                "application/merge-patch+json": {"schema": patch},
            },
        },
        "responses": {"200": reply, **_ERRORS},
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Jot", "version": "1"},
        "servers": [{"url": "https://jot.invalid"}],
        "paths": {"/v1/notes": {"post": create}, "/v1/notes/{id}": {"patch": update}},
    }


_SPEC = json.dumps(_document()).encode()


def test_each_alternative_is_a_method_with_cases_of_its_own(tmp_path: Path) -> None:
    generated = generate_package(_SPEC, "openapi.json", tmp_path / "package")
    shape = surface(generated.api)
    forms = {
        method.name: (method.second, method.body and method.body.media_type)
        for method in shape.methods
    }
    assert forms == {
        "create": (None, "multipart/form-data"),
        "create_json": ("body", "application/json"),
        "create_form": ("body", "application/x-www-form-urlencoded"),
        "update": (None, "application/json"),
        "update_json": ("body", "application/merge-patch+json"),
    }
    cases = [
        case.id
        for case in [
            *operation_cases("jot", shape, generated.document),
            *error_cases("jot", shape, generated.document),
        ]
        if case.label in ("notes.create_form", "notes.update_json")
    ]
    # parameters and errors are the own method's (path ids, 429 proven there); the merge
    # patch's nulls are its own body's
    assert cases == [
        "jot:notes.create_form:required",
        "jot:notes.create_form:all-fields",
        "jot:notes.update_json:required",
        "jot:notes.update_json:all-fields",
        "jot:notes.update_json:nulls",
        "jot:notes.create_form:422",
        "jot:notes.update_json:422",
    ]


def test_every_method_is_proven() -> None:
    verified = verify_spec(_SPEC, "openapi.json")
    assert verified.result.passed, proven(verified)
    assert verified.result.line().endswith("2/2 operations")


@pytest.mark.parametrize(
    ("pattern", "replacement", "method", "must_name"),
    [
        # The form method sends JSON: a declared media type, but not the one it must send.
        (r"urlencoded=(\{\"title\")", r"json=\1", "notes.create_form", "application/json"),
        # The merge patch goes out as plain JSON.
        (r'content_type="application/merge-patch\+json",\s*', "", "notes.update_json", "merge"),
        # The merge patch goes out as a media type the operation does not take.
        (
            r'content_type="application/merge-patch\+json"',
            'content_type="application/patch+json"',
            "notes.update_json",
            "application/patch+json",
        ),
    ],
    ids=["form-as-json", "patch-as-json", "undeclared"],
)
def test_an_alternative_sending_the_wrong_body_fails(
    tmp_path: Path, pattern: str, replacement: str, method: str, must_name: str
) -> None:
    verified = verify_mutated(_SPEC, tmp_path / "package", "notes", pattern, replacement)
    lines = proven(verified)
    assert not verified.result.passed, lines
    assert verified.result.line().endswith("1/2 operations"), lines
    failures = verified.result.failures
    assert failures and all(method in f.message for f in failures), lines
    assert any(must_name in f.message for f in failures), lines
