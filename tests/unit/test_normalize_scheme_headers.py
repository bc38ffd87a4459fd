from __future__ import annotations

import copy
from typing import Any

import pytest

from generator.normalize import normalize

_AUTH = {"in": "header", "name": "Authorization", "required": True, "schema": {"type": "string"}}
_TRACE = {"in": "header", "name": "X-Trace", "schema": {"type": "string"}}


def _document(operation: dict[str, Any], **top: Any) -> dict[str, Any]:
    """One secured operation and `operation` beside it, with an apiKey scheme in `Authorization`
    (the way SendGrid declares its key)."""
    schemes = {"Key": {"type": "apiKey", "in": "header", "name": "Authorization"}}
    return {
        "openapi": "3.0.0",
        "components": {"securitySchemes": schemes},
        "paths": {
            "/alerts": {"get": {"security": [{"Key": []}], "responses": {}}},
            "/status": {"get": {"responses": {}, **operation}},
        },
        **top,
    }


def test_an_unsecured_operation_declaring_the_schemes_header_requires_the_scheme() -> None:
    """Without it the method sends no credential: OpenAPI ignores an `Authorization` parameter."""
    parameters = [{"$ref": "#/components/parameters/Auth"}, _TRACE]
    document = _document({"parameters": parameters})
    document["components"]["parameters"] = {"Auth": _AUTH}
    normalized, problems = normalize(document, "spec.yaml")
    status = normalized["paths"]["/status"]["get"]
    assert status["security"] == [{"Key": []}]
    assert status["parameters"] == [_TRACE]
    assert normalized["paths"]["/alerts"]["get"]["security"] == [{"Key": []}]
    warnings = [str(p) for p in problems if "declares no security" in p.message]
    assert [w.split(" (fix: ")[0] for w in warnings] == [
        "spec.yaml#/paths/~1status/get/parameters: warning: declares no security but the header "
        "'Authorization' that the scheme 'Key' fills: read as requiring the scheme, so the "
        "client sends its credential"
    ]


def test_a_path_level_declaration_and_an_http_scheme_count_too() -> None:
    document = _document({})
    document["components"]["securitySchemes"] = {"Bearer": {"type": "http", "scheme": "bearer"}}
    document["paths"]["/status"]["parameters"] = [_AUTH]
    normalized, _problems = normalize(document)
    assert normalized["paths"]["/status"]["get"]["security"] == [{"Bearer": []}]


@pytest.mark.parametrize(
    "document",
    [
        # public on purpose
        _document({"security": [], "parameters": [_AUTH]}),
        # inherits the document's requirement
        _document({"parameters": [_AUTH]}, security=[{"Key": []}]),
        # a header no scheme fills
        _document({"parameters": [_TRACE]}),
        # an apiKey scheme's own header, which OpenAPI reads as a parameter the caller can give
        {
            **_document({"parameters": [_TRACE]}),
            "components": {
                "securitySchemes": {"Trace": {"type": "apiKey", "in": "header", "name": "X-Trace"}}
            },
        },
    ],
)
def test_other_operations_are_left_as_written(document: dict[str, Any]) -> None:
    before = copy.deepcopy(document["paths"]["/status"]["get"])
    normalized, problems = normalize(document)
    assert normalized["paths"]["/status"]["get"] == before
    assert not [p for p in problems if "declares no security" in p.message]
