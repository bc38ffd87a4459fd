from __future__ import annotations

import copy
from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.normalize import normalize

_SCHEMES = {
    "app_key": {"type": "apiKey", "in": "query", "name": "key"},
    "user_token": {"type": "apiKey", "in": "query", "name": "token"},
    "bearer": {"type": "http", "scheme": "bearer"},
}
_KEY = {"in": "query", "name": "key", "required": True, "schema": {"type": "string"}}
_TOKEN = {"in": "query", "name": "token", "required": True, "schema": {"type": "string"}}
_EITHER = [{"app_key": []}, {"user_token": []}]


def _document(operation: dict[str, Any], **top: Any) -> dict[str, Any]:
    """Trello's way: two API keys listed as alternatives, each a required query parameter."""
    return {
        "openapi": "3.0.0",
        "info": {"title": "Boards", "version": "1"},
        "components": {"securitySchemes": copy.deepcopy(_SCHEMES)},
        "paths": {
            "/boards/{id}": {
                "parameters": [
                    {"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}
                ],
                "get": {"operationId": "getBoard", "responses": {"200": {"description": "ok"}}}
                | operation,
            }
        },
        **top,
    }


def test_alternative_keys_each_required_as_a_parameter_are_needed_together() -> None:
    """Sent as alternatives the client would send the key alone, and every call be refused."""
    document = _document({"parameters": [_KEY, _TOKEN], "security": _EITHER})
    normalized, problems = normalize(document, "spec.yaml")
    assert normalized["paths"]["/boards/{id}"]["get"]["security"] == [
        {"app_key": [], "user_token": []}
    ]
    assert [str(p).split(" (fix: ")[0] for p in problems] == [
        "spec.yaml#/paths/~1boards~1{id}/get/security: warning: the alternative API keys "
        "app_key, user_token are each a required parameter of the operation: read as needed "
        "together, so the client sends every one"
    ]


def test_an_inherited_requirement_and_path_level_parameters_count_too() -> None:
    document = _document({}, security=_EITHER)
    document["paths"]["/boards/{id}"]["parameters"] += [_KEY, _TOKEN]
    normalized, _problems = normalize(document)
    assert normalized["paths"]["/boards/{id}"]["get"]["security"] == [
        {"app_key": [], "user_token": []}
    ]
    assert normalized["security"] == _EITHER


def test_the_client_sends_both_keys_and_takes_neither_as_an_argument() -> None:
    document = _document({"parameters": [_KEY, _TOKEN], "security": _EITHER})
    normalized, _problems = normalize(document)
    api = analyze(normalized, default_config("Boards", "spec.yaml"), file="spec.yaml")
    (operation,) = api.operations
    # the requirement every operation repeats is the API's default
    assert (operation.security, api.security) == (None, (("app_key", "user_token"),))
    assert [p.wire_name.unsafe_value for p in operation.parameters] == ["id"]


@pytest.mark.parametrize(
    "operation",
    [
        # one of the keys is optional: the alternatives may be real
        {"parameters": [_KEY, {**_TOKEN, "required": False}], "security": _EITHER},
        # an alternative that is not an API key
        {"parameters": [_KEY, _TOKEN], "security": [*_EITHER, {"bearer": []}]},
        # a single alternative already needs what it needs
        {"parameters": [_KEY, _TOKEN], "security": [{"app_key": []}]},
        # public on purpose
        {"parameters": [_KEY, _TOKEN], "security": []},
        # optional credentials
        {"parameters": [_KEY, _TOKEN], "security": [*_EITHER, {}]},
    ],
)
def test_other_requirements_are_left_as_written(operation: dict[str, Any]) -> None:
    document = _document(copy.deepcopy(operation))
    normalized, problems = normalize(document)
    assert (
        normalized["paths"]["/boards/{id}"]["get"]
        == _document(operation)["paths"]["/boards/{id}"]["get"]
    )
    assert not [p for p in problems if "alternative API keys" in p.message]
