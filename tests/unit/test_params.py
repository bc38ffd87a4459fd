"""Which TypedDicts a package writes: every one a method's signature names, and theirs."""

from __future__ import annotations

from typing import Any

from generator.analyze import analyze
from generator.config import default_config
from generator.example_values import Values
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


def test_a_discriminated_members_typed_dict_and_example_take_its_own_tag() -> None:
    """Ory Kratos' login body: members tagged by `method`, each declaring it a plain string.
    The models spell the tag (`Literal["password"]`); the TypedDict and the example must too,
    or a dict (and the README) sends a `method` the API reads as no member at all."""
    member = {
        "type": "object",
        "properties": {
            "method": {"type": "string", "description": "Set to the method's name."},
            "password": {"type": "string"},
        },
        "required": ["method"],
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Demo", "version": "1"},
        "paths": {
            "/login": {
                "post": {
                    "operationId": "login",
                    "requestBody": {"content": {"application/json": {"schema": _ref("Body")}}},
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
        "components": {
            "schemas": {
                "Body": {
                    "oneOf": [_ref("WithPassword"), _ref("WithCode")],
                    "discriminator": {
                        "propertyName": "method",
                        "mapping": {
                            "password": "#/components/schemas/WithPassword",
                            "code": "#/components/schemas/WithCode",
                        },
                    },
                },
                "WithPassword": member,
                "WithCode": member,
            }
        },
    }
    api = _api(document)
    views = param_modules(api, plan_params(api), {}).views.values()
    fields = {
        (view.name, f.key): (f.annotation, f.description) for view in views for f in view.fields
    }
    annotation, description = fields[("WithPasswordParam", "method")]
    assert annotation == "Required[Literal['password']]"
    assert description is not None and description.unsafe_value == "Set to the method's name."
    assert fields[("WithCodeParam", "method")][0] == "Required[Literal['code']]"
    assert fields[("WithCodeParam", "password")][0] == "NotRequired[str]"
    assert Values(api).model("WithCode", 0) == "{'method': 'code'}"


def test_an_example_reaches_through_aliases_and_unions_to_the_keys_a_model_requires() -> None:
    """Qdrant's `actions` items are an alias of a union of wrappers around the object to send;
    counting the alias and the union as nesting left `{"create_alias": {}}`, which mypy refuses
    in the README's own example. Only objects and arrays count; an alias naming itself ends."""
    wrapper = {
        "type": "object",
        "required": ["create_alias"],
        "properties": {"create_alias": _ref("CreateAlias")},
    }
    alias = {
        "type": "object",
        "required": ["alias_name", "collection_name"],
        "properties": {"collection_name": {"type": "string"}, "alias_name": {"type": "string"}},
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Change": {
                    "type": "object",
                    "required": ["actions", "loop"],
                    "properties": {
                        "actions": {"type": "array", "items": _ref("AliasOperations")},
                        "loop": _ref("Loop"),
                    },
                },
                "AliasOperations": {"anyOf": [_ref("CreateAliasOperation"), _ref("Other")]},
                "CreateAliasOperation": wrapper,
                "CreateAlias": alias,
                "Other": {"type": "object", "properties": {"x": {"type": "string"}}},
                "Loop": {"anyOf": [_ref("Loop"), {"type": "null"}]},
            }
        },
    }
    api = _api(document)
    wanted = (
        "{'actions': [{'create_alias': "
        "{'collection_name': 'collection_name', 'alias_name': 'alias_name'}}], 'loop': {}}"
    )
    assert Values(api).model("Change", 0) == wanted
