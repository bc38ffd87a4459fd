"""Model code from datamodel-code-generator is held to an allowlist before anything imports it."""

from __future__ import annotations

import pytest

from generator.errors import GenerationError
from generator.ir import ModelSet
from generator.models import check_models, generate_models

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
