"""A path the client could not request as written stops generation with one clear line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("path", "pointer", "complaint"),
    [
        ("items/{id}", "#/paths/items~1{id}", "must begin with a single '/'"),
        ("/items/{id", "#/paths/~1items~1{id", "unbalanced braces"),
    ],
)
def test_generate_refuses_the_path_with_its_pointer_and_a_fix(
    tmp_path: Path, path: str, pointer: str, complaint: str
) -> None:
    parameter = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
    spec = tmp_path / "spec.json"
    responses = {"204": {"description": "ok"}}
    operation = {"operationId": "getItem", "parameters": [parameter], "responses": responses}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Items", "version": "1"},
        "paths": {path: {"get": operation}},
    }
    spec.write_text(json.dumps(document))
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{spec}{pointer}: error: ")
    assert complaint in lines[0] and "(fix: " in lines[0]
    assert not out.exists()
