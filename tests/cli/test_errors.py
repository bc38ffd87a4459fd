"""A broken spec ends with one line per problem (file, JSON pointer, fix), a non-zero exit, no
traceback, and the previous output untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BROKEN = {
    "invalid.yaml": ("openapi: 3.1.0\ninfo: [\n", "invalid.yaml: error: invalid YAML at line 3"),
    "dangling.json": (
        '{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},'
        ' "components": {"schemas": {"A": {"$ref": "#/components/schemas/B"}}}}',
        "dangling.json#/components/schemas/A/$ref: error: dangling $ref",
    ),
    "swagger.json": ('{"swagger": "1.2"}', "swagger.json#/swagger: error: Swagger '1.2'"),
    "swagger2.json": (
        '{"swagger": "2.0", "info": {}}',
        "swagger2.json#/info/title: error: missing required key 'title'",
    ),
    "plain.json": ('{"hello": "world"}', "plain.json: error: not an OpenAPI document"),
    "empty.yaml": ("", "empty.yaml: error: spec file is empty"),
}


def _run(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_spec_is_refused_cleanly(repo: Path, tmp_path: Path, name: str) -> None:
    text, expected = BROKEN[name]
    spec = tmp_path / name
    spec.write_text(text)
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("previous output")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--spec", name, "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        env={"PYTHONPATH": str(repo), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert result.stderr.startswith(expected), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_debug_flag_shows_the_traceback(repo: Path, tmp_path: Path) -> None:
    spec = tmp_path / "plain.json"
    spec.write_text('{"hello": "world"}')
    result = _run(
        "--debug", "generate", "--spec", str(spec), "--out", str(tmp_path / "o"), cwd=repo
    )
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_regen_with_a_broken_pinned_spec_leaves_generated_untouched(
    repo: Path, tmp_path: Path
) -> None:
    specs = tmp_path / "specs" / "demo"
    specs.mkdir(parents=True)
    (specs / "config.yaml").write_text(
        "name: demo\ntitle: Demo\npackage: demo_client\ndistribution: demo-client\n"
        "client_class: Demo\nenv_prefix: DEMO\nspec: openapi.yaml\n"
    )
    (specs / "openapi.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n"
        "  /a: {get: {responses: {'200': {$ref: '#/nope'}}}}\n"
    )
    generated = tmp_path / "generated" / "demo-client"
    generated.mkdir(parents=True)
    (generated / "sentinel").write_text("old")
    result = _run(
        "regen",
        "--offline",
        "--specs",
        str(tmp_path / "specs"),
        "--out",
        str(tmp_path / "generated"),
        cwd=repo,
    )
    assert result.returncode == 1
    assert (
        "openapi.yaml#/paths/~1a/get/responses/200/$ref: error: dangling $ref '#/nope'"
        in result.stderr
    )
    assert [p.name for p in generated.iterdir()] == ["sentinel"]
    assert sorted(p.name for p in specs.iterdir()) == ["config.yaml", "openapi.yaml"]


def test_unknown_api_lists_the_known_ones(repo: Path) -> None:
    result = _run("regen", "--offline", "--api", "nope", cwd=repo)
    assert result.returncode == 1
    assert "unknown API 'nope'" in result.stderr and "known APIs: actualize, anam" in result.stderr
