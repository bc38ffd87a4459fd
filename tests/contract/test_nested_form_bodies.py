"""Nested, nullable and union-typed fields of form and multipart bodies are proven as sent.

A form body writes an object field with brackets (`post[poll][question]=...`) and cannot carry a
null or an empty array or object; a multipart body sends one part per field. So the harness
builds such bodies from values a form can carry (a required object whose fields are all optional
and nullable still gets a member), and the mock reads a nullable object (`oneOf: [null, {...}]`)
as the object it is, types a field by whichever union branch declares it, and finds the fields of
a union nested in an `allOf`.
"""

from __future__ import annotations

import json
from typing import Any

from generator.verify import verify_spec

from .contracts import proven

_ERROR = {"application/json": {"schema": {"type": "object", "properties": {"error": {}}}}}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [{"type": "null"}, schema]}


def _kind(
    name: str, field: str, item: dict[str, Any], extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A block kind whose `parts` hold items of its own shape."""
    return {
        "type": "object",
        "required": ["kind"],
        "properties": {
            **(extra or {}),
            "kind": {"type": "string", "enum": [name]},
            "parts": {
                "type": "array",
                "items": {"type": "object", "properties": {field: item}},
            },
        },
    }


def _document() -> dict[str, Any]:
    """Posts with a required settings object, a nullable survey and blocks of two kinds."""
    tally = {"type": "object", "properties": {"votes": {"type": ["integer", "null"]}}}
    settings = {
        "type": "object",
        "properties": {"tallies": {"type": ["array", "null"], "items": _nullable(tally)}},
    }
    survey = {
        "type": "object",
        "properties": {
            "question": {"type": "string"},
            "emoji": _nullable(
                {"type": "object", "properties": {"id": {"type": ["string", "null"]}}}
            ),
            "hours": {"type": ["integer", "null"]},
        },
    }
    blocks = {
        "type": ["array", "null"],
        "items": {
            "oneOf": [
                _kind("row", "label", {"type": "string"}),
                # the richer kind, so the all-fields value is one; the row declares `parts` too
                _kind("box", "hidden", {"type": "boolean"}, {"title": {"type": "string"}}),
            ]
        },
    }
    message = {"type": "object", "properties": {"text": {"type": "string"}, "blocks": blocks}}
    post = {
        "type": "object",
        "required": ["settings"],
        "properties": {
            "settings": settings,
            "survey": _nullable(survey),
            "message": _nullable(message),
            "rank": {"type": ["integer", "null"]},
        },
    }
    public = {
        "type": "object",
        "properties": {
            "pinned": {"type": ["boolean", "null"]},
            "tag": _nullable({"type": "string"}),
        },
    }
    private = {"type": "object", "properties": {"limit": {"type": "integer", "minimum": 1}}}
    upload = {
        "allOf": [
            {"anyOf": [public, private]},
            {"type": "object", "properties": {"sheet": {"type": "string", "format": "binary"}}},
        ]
    }
    saved = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    operation = {
        "operationId": "create",
        "tags": ["posts"],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": post},
                "application/x-www-form-urlencoded": {"schema": post},
                "multipart/form-data": {"schema": upload},
            },
        },
        "responses": {
            "201": {"description": "Saved.", "content": {"application/json": {"schema": saved}}},
            "422": {"description": "Refused.", "content": _ERROR},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Posts", "version": "1"},
        "servers": [{"url": "https://posts.invalid"}],
        "paths": {"/v1/posts": {"post": operation}},
    }


def test_nested_nullable_and_union_fields_of_forms_are_proven() -> None:
    verified = verify_spec(json.dumps(_document()).encode(), "openapi.json")
    assert verified.result.passed, proven(verified)
    assert verified.result.line().endswith("1/1 operations")
