"""Which bodies are text: `text/*` and the application types that hold text (XML, YAML,
scripts, queries) are read and sent as `str`; the rest of what is not JSON or a form is bytes.
A text body that is not `text/*` is named after what it is written in (`add_xml`)."""

from __future__ import annotations

from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.media import encoding

PET = {"type": "object", "properties": {"name": {"type": "string"}}}


@pytest.mark.parametrize(
    ("media", "expected"),
    [
        ("text/plain", "text"),
        ("text/csv; charset=utf-8", "text"),
        ("application/xml", "text"),
        ("Application/YAML", "text"),
        ("application/x-yaml", "text"),
        ("application/atom+xml", "text"),
        ("application/vnd.k8s+yaml", "text"),
        ("application/javascript", "text"),
        ("application/graphql", "text"),
        ("image/svg+xml", "binary"),
        ("application/octet-stream", "binary"),
        ("application/pdf", "binary"),
        ("application/zip", "binary"),
        ("application/problem+json", "json"),
    ],
)
def test_the_encoding_of_a_media_type(media: str, expected: str) -> None:
    assert encoding(media) == expected


def _operation(content: dict[str, Any], *, body: dict[str, Any] | None = None) -> Any:
    operation: dict[str, Any] = {
        "operationId": "addPet",
        "responses": {"200": {"description": "ok", "content": content}},
    }
    if body is not None:
        operation["requestBody"] = {"required": True, "content": body}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Demo", "version": "1"},
        "paths": {"/pets": {"post": operation}},
    }
    (found,) = analyze(document, default_config("Demo", "demo.json")).operations
    return found


@pytest.mark.parametrize(
    ("media", "kind"),
    [
        ("application/yaml", "text"),
        ("application/xml", "text"),
        ("image/svg+xml", "binary"),
        ("application/pdf", "binary"),
    ],
)
def test_a_reply_in_a_text_type_is_a_str(media: str, kind: str) -> None:
    response = _operation({media: {"schema": {"type": "string"}}}).response
    assert response.kind == kind


def test_a_text_body_beside_json_is_named_after_what_it_is_written_in() -> None:
    body = {"application/json": {"schema": PET}, "application/xml": {"schema": PET}}
    operation = _operation({"application/json": {"schema": PET}}, body=body)
    (alternative,) = operation.alternatives
    assert (alternative.encoding, str(alternative.method)) == ("text", "add_xml")
    assert alternative.whole is not None and alternative.whole.type.inputs == ("str",)


def test_text_bodies_of_several_types_share_a_method_named_for_text() -> None:
    body = {
        "application/json": {"schema": PET},
        "application/x-yaml": {"schema": {"type": "string"}},
        "text/plain": {"schema": {"type": "string"}},
    }
    operation = _operation({"application/json": {"schema": PET}}, body=body)
    (alternative,) = operation.alternatives
    assert str(alternative.method) == "add_text"
    assert [media.unsafe_value for media in alternative.media_types] == [
        "application/x-yaml",
        "text/plain",
    ]


def test_a_text_or_raw_body_makes_no_class() -> None:
    """Swagger 2.0's `produces: [json, xml]` gives each reply an XML copy of its schema: the
    method returns the JSON model, and the XML (a `str`) and raw copies make no class nobody
    returns (Zoom had 59)."""
    inline = {"type": "object", "properties": {"id": {"type": "string"}}}
    content = {
        "application/json": {"schema": inline},
        "application/xml": {"schema": inline},
        "application/octet-stream": {"schema": inline},
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "getPet",
                    "responses": {"200": {"description": "ok", "content": content}},
                }
            }
        },
    }
    api = analyze(document, default_config("Demo", "demo.json"))
    assert api.models.class_names == ("GetPetResponse",)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Typesense's import: the body's own description
        (
            {
                "description": "The JSONL file to import",
                "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            },
            "The JSONL file to import",
        ),
        # Spotify's playlist cover: only the schema says what the bytes are
        (
            {
                "content": {
                    "image/jpeg": {
                        "schema": {"type": "string", "description": "Base64 encoded JPEG"}
                    }
                }
            },
            "Base64 encoded JPEG",
        ),
        ({"content": {"text/csv": {"schema": {"description": "Rows"}}}}, "Rows"),
    ],
)
def test_a_raw_or_text_body_is_described(body: dict[str, Any], expected: str) -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/imports": {"post": {"requestBody": body, "responses": {"204": {"description": "ok"}}}}
        },
    }
    (operation,) = analyze(document, default_config("Demo", "demo.json")).operations
    whole = operation.body.whole if operation.body else None
    assert whole is not None and whole.description is not None
    assert whole.description.unsafe_value == expected
