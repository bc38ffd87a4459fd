"""Model code from datamodel-code-generator is held to an allowlist before anything imports it."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from functools import partial

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.errors import GenerationError
from generator.ir import ModelSet
from generator.models import PendingModels, check_models, generate_models

MODELS = ModelSet(
    schemas={
        "Voice": {
            "type": "object",
            "properties": {"displayName": {"type": "string"}, "class": {"type": "string"}},
        }
    },
    field_names={"Voice": {"displayName": "display_name", "class": "class_"}},
    pointers={},
)
SAFE = '''
from __future__ import annotations
from pkg._models import BaseModel
from pydantic import Field
from typing import Annotated
class Voice(BaseModel):
    """Doc."""
    display_name: Annotated[str | None, Field(alias="displayName")] = None
    class_: Annotated[str | None, Field(alias="class")] = None
'''


def test_generated_models_use_our_field_names() -> None:
    source = generate_models(MODELS, "pkg")
    assert "display_name: Annotated[str | None, Field(alias='displayName')] = None" in source
    assert "class_: Annotated[str | None, Field(alias='class')] = None" in source


def test_allowlisted_source_passes() -> None:
    check_models(SAFE, MODELS, "pkg")


@pytest.mark.parametrize(
    ("injected", "fragment"),
    [
        ("import os", "unexpected Import"),
        ("from subprocess import run", "unexpected import from 'subprocess'"),
        ("__import__('os').system('id')", "unexpected call to __import__"),
        ("class Evil(BaseModel):\n    x: int = print('hi')", "unexpected call to print"),
        ("class Evil(BaseModel):\n    def f(self): pass", "unexpected FunctionDef"),
        ("@decorator\nclass Evil(BaseModel):\n    x: int", "decorator on class Evil"),
        ("y = (lambda: 1)()", "unexpected Lambda"),
        ("x = [i for i in ()]", "unexpected ListComp"),
    ],
)
def test_anything_else_is_refused(injected: str, fragment: str) -> None:
    with pytest.raises(GenerationError, match=fragment):
        check_models(SAFE + "\n" + injected + "\n", MODELS, "pkg")


def test_fields_we_did_not_name_are_refused() -> None:
    with pytest.raises(GenerationError, match="did not name"):
        check_models(SAFE.replace("class_:", "klass:"), MODELS, "pkg")


def test_a_type_the_models_named_themselves_is_refused_with_the_pointer() -> None:
    models = ModelSet(
        schemas={"Customer": {"type": "object", "properties": {"id": {"type": "string"}}}},
        field_names={},
        pointers={"/components/schemas/Customer": "Customer"},
    )
    pushed_aside = """
from __future__ import annotations
from pkg._models import BaseModel
from typing_extensions import TypeAliasType
Customer = TypeAliasType("Customer", str)
class CustomerModel(BaseModel):
    id: str | None = None
"""
    with pytest.raises(GenerationError) as caught:
        check_models(pushed_aside, models, "pkg", "spec.yaml")
    (problem,) = caught.value.problems
    assert str(problem) == (
        "spec.yaml: error: datamodel-code-generator named a type CustomerModel itself "
        "(fix: report a generator bug with this spec)"
    )


def test_violations_name_the_spec_pointer_of_their_class() -> None:
    models = ModelSet(
        schemas={"Voice": MODELS.schemas["Voice"]},
        field_names=MODELS.field_names,
        pointers={"/components/schemas/Voice": "Voice"},
    )
    broken = SAFE.replace("= None\n", '= print("x")\n', 1)
    with pytest.raises(GenerationError) as caught:
        check_models(broken, models, "pkg", "spec.yaml")
    assert str(caught.value.problems[0]).startswith(
        "spec.yaml#/components/schemas/Voice: error: unexpected call to print in Voice"
    )


def test_write_only_properties_are_optional_in_the_models_responses_parse() -> None:
    models = ModelSet(
        schemas={
            "User": {
                "type": "object",
                "required": ["name", "password"],
                "properties": {
                    "name": {"type": "string"},
                    "password": {"type": "string", "writeOnly": True},
                },
            }
        },
        field_names={"User": {"name": "name", "password": "password"}},
        pointers={},
    )
    source = generate_models(models, "pkg")
    assert "    name: str\n" in source
    writable = (
        "password: Annotated[str | None, Field(json_schema_extra={'writeOnly': True})] = None"
    )
    assert writable in source


def test_a_property_named_default_is_a_field_and_untypable_defaults_are_dropped() -> None:
    """`default` is a keyword only where schemas have keywords: a property of that name stays,
    while a default the models could not write as typed values (objects where the field holds
    models, text where it holds a date or bytes) is dropped."""
    runtime = {"type": "object", "properties": {"path": {"type": "string"}}}
    models = ModelSet(
        schemas={
            "Runtime": runtime,
            "Settings": {
                "type": "object",
                "properties": {
                    "default": {"$ref": "#/components/schemas/Runtime"},
                    "runtimes": {
                        "type": "object",
                        "additionalProperties": {"$ref": "#/components/schemas/Runtime"},
                        "default": {"runc": {"path": "runc"}},
                    },
                    "since": {"type": "string", "format": "date", "default": "2024-01-01"},
                    "seed": {"type": "string", "format": "binary", "default": "YQ=="},
                    "labels": {"type": "object", "default": {"a": "b"}},
                },
            },
        },
        field_names={
            "Runtime": {"path": "path"},
            "Settings": {n: n for n in ("default", "runtimes", "since", "seed", "labels")},
        },
        pointers={},
    )
    source = generate_models(models, "pkg")
    assert "    default: Runtime | None = None\n" in source
    assert "    runtimes: dict[str, Runtime] | None = None\n" in source
    assert "    since: date | None = None\n" in source
    assert "    seed: Octets | None = None\n" in source
    assert "labels: dict[str, Any] | None = {'a': 'b'}" in source
    assert models.schemas["Settings"]["properties"]["since"]["default"] == "2024-01-01"


def test_a_property_a_later_all_of_member_redeclares_is_read_only_as_that_member_says() -> None:
    """A common base marks `type` read-only; the subtype redeclares it as a value to send."""
    base = {
        "type": "object",
        "properties": {
            "id": {"type": "string", "readOnly": True},
            "type": {"type": "string", "readOnly": True},
        },
    }
    tag = {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"type": "string", "enum": ["tag"]}},
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Tag": {"allOf": [base, tag]}}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    source = generate_models(api.models, "pkg")
    assert "id: Annotated[str | None, Field(json_schema_extra={'readOnly': True})]" in source
    assert source.rstrip().endswith("    type: Literal['tag']")
    assert api.models.request_properties("Tag")[1] == {"type"}


def test_an_extension_beside_a_ref_makes_no_class_of_its_own() -> None:
    """AutoRest writes `x-ms-client-flatten` beside a `$ref`: it says nothing about the value,
    so the property is the referenced class, not a copy named after the property."""
    inner = {"type": "object", "properties": {"size": {"type": "integer"}}}
    outer = {
        "type": "object",
        "properties": {
            "props": {"$ref": "#/components/schemas/Inner", "x-ms-client-flatten": True},
            "told": {"$ref": "#/components/schemas/Inner", "description": "Told.", "x-order": 1},
        },
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Inner": inner, "Outer": outer}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    source = generate_models(api.models, "pkg")
    assert sorted(api.models.schemas) == ["Inner", "Outer"]
    assert "props: Inner | None = None" in source
    assert "told: Inner | None = None" in source


def test_examples_beside_a_ref_make_no_class_of_their_own() -> None:
    """Mistral's `UploadFileOut.purpose` is `$ref: FilePurpose` with a description and
    `examples`: read as a schema of its own, it was an empty class that refused the enum's
    every value, so each file response failed to parse."""
    purpose = {"type": "string", "enum": ["fine-tune", "batch"]}
    out = {
        "type": "object",
        "required": ["purpose", "noted"],
        "properties": {
            "purpose": {
                "$ref": "#/components/schemas/FilePurpose",
                "description": "The intended purpose.",
                "examples": ["fine-tune"],
            },
            "noted": {
                "$ref": "#/components/schemas/FilePurpose",
                "example": "batch",
                "$comment": "an aside",
                "externalDocs": {"url": "https://docs.invalid"},
            },
        },
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {},
        "components": {"schemas": {"FilePurpose": purpose, "UploadFileOut": out}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    source = generate_models(api.models, "pkg")
    assert sorted(api.models.schemas) == ["FilePurpose", "UploadFileOut"]
    assert "purpose: FilePurpose\n" in source
    assert source.rstrip().endswith("noted: FilePurpose")


def test_a_named_object_of_any_keys_is_a_map_unless_another_schema_extends_it() -> None:
    """Qdrant's `Payload` (`{type: object, additionalProperties: true}`) is what a point holds:
    as an empty class mypy refused `point.payload["city"]` and every other way to read it. A
    named object declaring nothing is a map of `Any`, as the same schema inline is; one that an
    `allOf` extends stays the class its children inherit."""
    schemas = {
        "Payload": {"type": "object", "additionalProperties": True},
        "Anything": {"type": "object", "description": "Whatever the caller sent."},
        "Base": {"type": "object"},
        "Child": {
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {"type": "object", "properties": {"size": {"type": "integer"}}},
            ]
        },
        "Point": {
            "type": "object",
            "properties": {
                "payload": {"$ref": "#/components/schemas/Payload"},
                "extra": {"$ref": "#/components/schemas/Anything"},
            },
        },
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {},
        "components": {"schemas": schemas},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    source = generate_models(api.models, "pkg")
    check_models(source, api.models, "pkg")
    assert 'Payload = TypeAliasType("Payload", dict[str, Any])' in source
    assert 'Anything = TypeAliasType("Anything", dict[str, Any])' in source
    assert "payload: Payload | None = None" in source
    assert "class Base(BaseModel)" in source
    assert "class Child(Base)" in source
    assert api.models.schemas["Payload"] == schemas["Payload"]  # the spec's schema is untouched


def test_a_map_beside_a_union_of_the_keys_it_may_carry_is_that_map() -> None:
    """`{additionalProperties: string, anyOf: [A, B]}` (Adyen's `additionalData`): every value is a
    string whatever branch it matches, so the field is a map of strings, and no class is made
    that the models would have to name on their own."""
    known = {"type": "object", "properties": {"allow3DS2": {"type": "string"}}}
    other = {"type": "object", "properties": {"riskdata.score": {"type": "string"}}}
    union = [{"$ref": "#/components/schemas/Known"}, {"$ref": "#/components/schemas/Other"}]
    holder = {
        "type": "object",
        "properties": {
            "extra": {"type": "object", "additionalProperties": {"type": "string"}, "anyOf": union},
            "loose": {"additionalProperties": {}, "oneOf": union},
            "open": {"type": "object", "additionalProperties": True, "anyOf": union},
            "maybe": {
                "additionalProperties": {"type": "string"},
                "anyOf": [*union, {"type": "null"}],
            },
        },
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Known": known, "Other": other, "Holder": holder}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    source = generate_models(api.models, "pkg")
    check_models(source, api.models, "pkg")
    assert "extra: dict[str, str] | None = None" in source
    assert "loose: Known | Other | None = None" in source
    assert "open: Known | Other | None = None" in source
    assert "maybe: dict[str, str] | None = None" in source


def test_a_map_that_may_be_null_keeps_the_type_of_its_values() -> None:
    """A 3.0 `nullable` map (Sentry's `latestDeploys`: environment -> deploy fields -> text) is
    read as `type: [object, null]`: its field is a map of those values or None, not a map of
    anything, and a map whose values may be anything stays one."""
    deploys = {
        "type": ["object", "null"],
        "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
    }
    holder = {
        "type": "object",
        "required": ["latestDeploys"],
        "properties": {
            "latestDeploys": deploys,
            "labels": {"type": ["object", "null"], "additionalProperties": {"type": "integer"}},
            "options": {"type": ["object", "null"], "additionalProperties": {}},
        },
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Demo", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Project": holder}},
    }
    api = analyze(document, default_config("Demo", "demo.json"), file="demo.json")
    source = generate_models(api.models, "pkg")
    check_models(source, api.models, "pkg")
    assert "Annotated[dict[str, dict[str, str]] | None, Field(alias='latestDeploys')]" in source
    assert "labels: dict[str, int] | None = None" in source
    assert "options: dict[str, Any] | None = None" in source


_TWO = ModelSet(
    schemas={"Voice": MODELS.schemas["Voice"], "Echo": {"type": "string"}},
    field_names=MODELS.field_names,
    pointers={},
)


def test_each_part_of_a_model_set_made_in_parts_is_held_to_the_allowlist() -> None:
    echo = "Echo = str\n"
    # the second part is made first: the parts keep their order all the same
    checked = PendingModels(_TWO, "pkg", "", partial(list, [(1, echo), (0, SAFE)])).result()
    assert checked.sources == (SAFE, echo)

    evil = "Echo = str\n__import__('os').system('id')\n"
    with pytest.raises(GenerationError, match="unexpected call to __import__"):
        PendingModels(_TWO, "pkg", "", partial(list, [(0, SAFE), (1, evil)])).result()


def test_a_class_no_part_made_is_refused() -> None:
    with pytest.raises(GenerationError, match="model Echo was not generated"):
        PendingModels(_TWO, "pkg", "", partial(list, [(0, SAFE), (1, "")])).result()


def test_a_failed_part_is_reported_without_waiting_for_the_others() -> None:
    release = threading.Event()

    def made() -> Iterator[tuple[int, str]]:
        yield 1, "class ("  # made first, and broken
        release.wait(60)
        yield 0, SAFE

    try:
        started = time.monotonic()
        with pytest.raises(GenerationError, match="do not parse"):
            PendingModels(_TWO, "pkg", "", made).result()
        assert time.monotonic() - started < 30
    finally:
        release.set()
