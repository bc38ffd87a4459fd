"""Class hierarchies several levels deep, as Springdoc writes them for Jackson's `@JsonSubTypes`:
every class down the line repeats the discriminator, and a leaf that adds nothing includes its
parent through `allOf` alone. Each name must still be a type a reply can be read into.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from generator.pipeline import generate_package


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _spec() -> dict[str, Any]:
    tag = {"propertyName": "kind"}
    kind = {"type": "object", "properties": {"kind": {"type": "string"}}}
    body = {"required": True, "content": {"application/json": {"schema": _ref("Middle")}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Shapes", "version": "1"},
        "paths": {
            "/shapes": {
                "post": {
                    "operationId": "addShape",
                    "requestBody": body,
                    "responses": {"204": {"description": "added"}},
                }
            }
        },
        "components": {
            "schemas": {
                "Root": {**kind, "required": ["kind"], "discriminator": tag},
                "Middle": {"allOf": [_ref("Root"), kind], "discriminator": tag},
                "Leaf": {"allOf": [_ref("Middle")]},
            }
        },
    }


def test_a_leaf_under_an_intermediate_class_is_a_type_replies_are_read_into(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "shapes.json"
    spec.write_text(json.dumps(_spec()), "utf-8")
    out = tmp_path / "shapes-client"
    generate_package(spec.read_bytes(), str(spec), out)
    program = (
        "import pydantic\n"
        "from shapes_client import types\n"
        "leaf = pydantic.TypeAdapter(types.Leaf).validate_python({'kind': 'Leaf'})\n"
        "assert isinstance(leaf, types.Middle), leaf\n"
        "assert isinstance(leaf, types.Root), leaf\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program], cwd=out / "src", capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr[-2000:]
