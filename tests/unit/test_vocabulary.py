"""The reserved-name vocabulary holds against what the generated code really imports and defines.

A name the templates or the runtime start to use without the vocabulary knowing would let a spec
shadow it again; each test here fails as soon as one side moves without the other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pydantic

from generator import vocabulary
from generator.ir import ModelSet
from generator.models import generate_models
from generator.render import TEMPLATES

RUNTIME = TEMPLATES / "runtime"


def _public_attributes(path: Path, classes: set[str]) -> set[str]:
    """Public methods and `self.x` attributes of the named classes in a runtime module."""
    found: set[str] = set()
    for node in ast.parse(path.read_text()).body:
        if not (isinstance(node, ast.ClassDef) and node.name in classes):
            continue
        found |= {
            child.name
            for child in node.body
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        for child in ast.walk(node):
            if (
                isinstance(child, ast.Attribute)
                and isinstance(child.ctx, ast.Store)
                and isinstance(child.value, ast.Name)
                and child.value.id == "self"
            ):
                found.add(child.attr)
    return {name for name in found if not name.startswith("_")}


def test_client_attributes_cover_the_runtime_clients() -> None:
    defined = _public_attributes(RUNTIME / "_client_core.py", {"BaseClient"}) | _public_attributes(
        RUNTIME / "_base_client.py", {"SyncAPIClient", "AsyncAPIClient"}
    )
    missing = defined - vocabulary.CLIENT_RESERVED
    assert not missing, f"resources named {sorted(missing)} would shadow client attributes"


def test_resource_attributes_cover_the_runtime_resources() -> None:
    defined = _public_attributes(RUNTIME / "_resource.py", {"SyncAPIResource", "AsyncAPIResource"})
    assert defined <= set(vocabulary.RESOURCE_ATTRIBUTES) | {"with_raw_response"}


def test_field_names_avoid_every_model_attribute() -> None:
    pydantic_public = {name for name in dir(pydantic.BaseModel) if not name.startswith("_")}
    ours = _public_attributes(RUNTIME / "_models.py", {"BaseModel"})
    missing = (pydantic_public | ours) - vocabulary.FIELD_RESERVED
    assert not missing, f"fields named {sorted(missing)} would shadow model attributes"


def test_pydantic_names_are_attributes_pydantic_defines() -> None:
    """A stale name renames a wire field (`fields` -> `fields_`) for nothing."""
    pydantic_public = {name for name in dir(pydantic.BaseModel) if not name.startswith("_")}
    stale = set(vocabulary.PYDANTIC_MODEL_ATTRIBUTES) - pydantic_public
    assert not stale, f"{sorted(stale)} are not attributes of pydantic's BaseModel"


def test_model_modules_import_only_reserved_names() -> None:
    """Models using every construct we keep (dates, uuids, enums, unions, maps, aliases)."""
    schemas = {
        "Everything": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string", "format": "uuid"},
                "at": {"type": "string", "format": "date-time"},
                "day": {"type": "string", "format": "date"},
                "kind": {"enum": ["a", "b"]},
                "fixed": {"const": 3},
                "either": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/Alias"}},
                "blob": {"type": "string", "format": "binary"},
                "secret": {"type": "string", "x-sdk-secret": True},
            },
            "additionalProperties": False,
        },
        "Alias": {"oneOf": [{"type": "string"}, {"$ref": "#/components/schemas/Everything"}]},
    }
    names = {"Everything": {wire: wire for wire in schemas["Everything"]["properties"]}}
    source = generate_models(ModelSet(schemas, names, {}), "pkg")
    imported = {
        alias.asname or alias.name
        for node in ast.parse(source).body
        if isinstance(node, ast.ImportFrom) and node.module != "__future__"
        for alias in node.names
    }
    assert imported <= vocabulary.CLASS_RESERVED, imported - vocabulary.CLASS_RESERVED


def test_resource_class_names_avoid_resource_module_imports() -> None:
    from generator.placement import resource_class_name

    for tag in ("timeout", "body", "headers", "query", "request_options", "not_given"):
        name = resource_class_name(tag)
        assert name not in vocabulary.CLASS_RESERVED, name
