"""Which TypedDicts a package writes: every one a method's signature names, and theirs."""

from __future__ import annotations

from typing import Any

from generator.analyze import analyze
from generator.config import default_config
from generator.ir import Api
from generator.params import param_modules, plan_params


def _api(document: dict[str, Any]) -> Api:
    return analyze(document, default_config("Demo", "demo.json"), file="demo.json")


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def test_a_typed_dict_only_an_alternative_body_names_is_written() -> None:
    """The JSON body is the operation's own method; the multipart one (`create_multipart`)
    is the only one naming `Meta`, and its signature imports `MetaParam`."""
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "create",
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": _ref("NewThing")},
                            "multipart/form-data": {"schema": _ref("ThingUpload")},
                        }
                    },
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
        "components": {
            "schemas": {
                "NewThing": {"type": "object", "properties": {"name": {"type": "string"}}},
                "ThingUpload": {
                    "type": "object",
                    "properties": {"meta": _ref("Meta"), "tags": {"type": "string"}},
                },
                "Meta": {
                    "type": "object",
                    "properties": {"origin": _ref("Origin")},
                },
                "Origin": {"type": "object", "properties": {"city": {"type": "string"}}},
            }
        },
    }
    api = _api(document)
    (operation,) = api.operations
    assert [str(body.method) for body in operation.alternatives] == ["create_multipart"]
    written = set(param_modules(api, plan_params(api), {}).homes)
    assert {"MetaParam", "OriginParam"} <= written
