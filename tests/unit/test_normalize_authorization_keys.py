from __future__ import annotations

from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.normalize import normalize

_SCHEMES: dict[str, Any] = {
    "personal_access_token": {"type": "apiKey", "in": "header", "name": "Authorization"},
    "oauth2": {"type": "oauth2", "flows": {"implicit": {"authorizationUrl": "/a", "scopes": {}}}},
    "basic": {"type": "http", "scheme": "basic"},
    "bearer": {"type": "http", "scheme": "bearer"},
    "tenant": {"type": "apiKey", "in": "header", "name": "X-Tenant"},
}


def _document(security: list[dict[str, Any]]) -> dict[str, Any]:
    operation = {"operationId": "listThings", "security": security, "responses": {}}
    return {
        "openapi": "3.0.0",
        "info": {"title": "Demo", "version": "1"},
        "components": {"securitySchemes": _SCHEMES},
        "paths": {"/things": {"get": operation}},
    }


def _security(document: dict[str, Any]) -> Any:
    return document["paths"]["/things"]["get"]["security"]


def test_a_key_in_authorization_beside_a_token_is_satisfied_by_the_token() -> None:
    """Square: its key in `Authorization` beside the OAuth token the same header carries. As
    written the client asked for two credentials and sent one: a caller with the token the API
    takes (`Authorization: Bearer <token>`) could make no call."""
    security = [{"personal_access_token": [], "oauth2": ["PAYMENTS_READ"], "tenant": []}]
    normalized, problems = normalize(_document(security), "spec.json")
    assert _security(normalized) == [{"oauth2": ["PAYMENTS_READ"], "tenant": []}]
    (warning,) = [str(problem) for problem in problems]
    assert warning.startswith("spec.json#/paths/~1things/get/security/0: warning: ")
    assert "personal_access_token (an API key in the Authorization header)" in warning
    assert "(fix: require oauth2 alone" in warning
    api = analyze(normalized, default_config("Demo", "spec.json"), file="spec.json")
    assert api.security == (("oauth2", "tenant"),)
    credentials = {s.name.unsafe_value: s.credentials for s in api.schemes}
    assert credentials == {"oauth2": ("api_key",), "tenant": ("tenant",)}


@pytest.mark.parametrize(
    "security",
    [
        pytest.param([{"personal_access_token": []}, {"oauth2": []}], id="alternatives"),
        pytest.param([{"personal_access_token": [], "tenant": []}], id="key-beside-other-header"),
        pytest.param([{"basic": [], "bearer": []}], id="no-key-in-authorization"),
    ],
)
def test_other_requirements_are_left_as_written(security: list[dict[str, Any]]) -> None:
    normalized, problems = normalize(_document(security), "spec.json")
    assert _security(normalized) == security
    assert not [p for p in problems if "Authorization" in p.message]
