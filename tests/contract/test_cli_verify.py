"""`sdkgen verify` as users run it: a real process, its output lines and its exit status.

It proves a shipped API and the newer real Anam capture operation by operation, fails (naming
the operation and the field) on a package broken on purpose, and refuses wrong usage with one
line that says what to do.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests import shared

from .specs import REPO, UPSTREAM

ANAM = REPO / "specs" / "anam"


def _sdkgen(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_verify_proves_a_shipped_api() -> None:
    run = _sdkgen("verify", "--api", "actualize")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[0] == "contract: actualize 1/1 operations"
    assert "FAIL" not in run.stdout


def test_an_example_that_breaks_its_schema_is_one_located_warning(tmp_path: Path) -> None:
    """Reply examples often break their own schema (an enum in another case); `verify` says so
    once per example, located in the spec, not in Python's warning format with our source."""
    error = {
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"type": "string", "enum": ["Backend"]}},
    }
    media = {"application/json": {"schema": error, "example": {"kind": "backend"}}}
    responses = {"204": {"description": "done"}, "429": {"description": "busy", "content": media}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Replies", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/a": {"get": {"responses": responses}}, "/b": {"get": {"responses": responses}}},
    }
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(document))
    run = _sdkgen("verify", "--spec", str(spec))
    assert run.returncode == 0, run.stdout + run.stderr
    lines = [line for line in (run.stdout + run.stderr).splitlines() if "breaks its own" in line]
    pointer = "/paths/~1a/get/responses/429/content/application~1json"
    assert lines[0].startswith(f"{spec}#{pointer}: warning: example 'example' breaks its own")
    assert len(lines) == 2, lines  # one for each operation's example, nothing else
    assert "warnings.warn" not in run.stderr


@pytest.mark.slow
def test_verify_proves_the_newer_anam_capture() -> None:
    spec = shared.require(UPSTREAM / "swagger.newer.json")
    run = _sdkgen("verify", "--spec", str(spec), "--config", str(ANAM / "config.yaml"))
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert run.stdout.splitlines()[0] == "contract: anam 57/57 operations"


@pytest.mark.slow
def test_verify_fails_on_a_broken_package_naming_the_operation(tmp_path: Path) -> None:
    spec, config = str(ANAM / "swagger.json"), str(ANAM / "config.yaml")
    package = tmp_path / "anam-client"
    made = _sdkgen("generate", "--spec", spec, "--config", config, "--out", str(package))
    assert made.returncode == 0, made.stderr
    proven = _sdkgen("verify", "--spec", spec, "--config", config, "--package", str(package))
    assert proven.returncode == 0, proven.stdout + proven.stderr  # the package as generated
    personas = package / "src" / "anam_client" / "resources" / "personas.py"
    text = personas.read_text(encoding="utf-8")
    broken, count = re.subn(r'"avatarId": avatar_id', '"avatar_id": avatar_id', text)
    assert count, "the generated personas module no longer sends avatarId this way"
    personas.write_text(broken, encoding="utf-8")
    run = _sdkgen("verify", "--spec", spec, "--config", config, "--package", str(package))
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "contract: anam 1/2 operations"
    failures = [line for line in lines if line.startswith("FAIL ")]
    assert failures and all("POST /v1/personas (personas.create)" in line for line in failures)
    assert any("avatarId" in line and "avatar_id" in line for line in failures), failures
    assert all("(at #/paths/~1v1~1personas/post" in line for line in failures), failures


def test_an_async_method_that_mangles_only_awkward_ids_fails_verify(tmp_path: Path) -> None:
    """The async twin of a call is never taken as proven by its sync run: a package whose async
    method alone mangles ids holding a dot fails on those ids, async side only, while the same
    calls' sync runs and every other case pass."""
    parameter = {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "string"}}
    found = {"application/json": {"schema": {"type": "object"}}}
    responses = {"200": {"description": "ok", "content": found}, "404": {"description": "no"}}
    operation = {"operationId": "getThing", "parameters": [parameter], "responses": responses}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Things", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/things/{thing_id}": {"get": operation}},
    }
    spec, package = tmp_path / "openapi.json", tmp_path / "things-client"
    spec.write_text(json.dumps(document))
    made = _sdkgen("generate", "--spec", str(spec), "--out", str(package))
    assert made.returncode == 0, made.stderr
    assert _sdkgen("verify", "--spec", str(spec), "--package", str(package)).returncode == 0
    module = package / "src" / "things_client" / "resources" / "things.py"
    sync, marker, asynchronous = module.read_text(encoding="utf-8").partition("class AsyncThings")
    sent = 'path_params={"thing_id": thing_id}'
    mangled = 'path_params={"thing_id": str(thing_id).replace(".", "-")}'
    assert sent in sync and sent in asynchronous, "the generated methods no longer look this way"
    module.write_text(sync + marker + asynchronous.replace(sent, mangled), encoding="utf-8")
    run = _sdkgen("verify", "--spec", str(spec), "--package", str(package))
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "contract: things 0/1 operations"
    failures = [line for line in lines if line.startswith("FAIL ")]
    assert len(failures) == 1, failures  # a case stops at its first failing call
    assert "(things.get) [path-ids] thing_id='.'" in failures[0], failures
    assert "thing_id" in failures[0] and "'-'" in failures[0], failures


def _self_union_spec(folder: Path, schemas: dict[str, Any]) -> Path:
    """A one-operation spec whose reply is the first of `schemas`."""
    reply = {"schema": {"$ref": f"#/components/schemas/{next(iter(schemas))}"}}
    ok = {"description": "ok", "content": {"application/json": reply}}
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Self", "version": "1"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {"/things": {"get": {"operationId": "listThings", "responses": {"200": ok}}}},
        "components": {"schemas": schemas},
    }
    spec = folder / "openapi.json"
    spec.write_text(json.dumps(document))
    return spec


def _schema(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def test_unions_that_list_themselves_are_proven_without_the_branch_back(tmp_path: Path) -> None:
    """A union listing itself (directly, or through another union) once crashed `verify` with
    a RecursionError, and two unions adding a type to each other crashed the generated client's
    process; the branches back are dropped with a warning and every operation is proven."""
    value = {"oneOf": [{"type": "string"}, {"type": "array", "items": _schema("Value")}]}
    value["oneOf"].append(_schema("Value"))
    spec = _self_union_spec(
        tmp_path,
        {
            "Reply": {
                "type": "object",
                "properties": {n: _schema(n) for n in ("Value", "Loop", "U")},
            },
            "Value": value,
            "Loop": {"anyOf": [_schema("Loop2")]},
            "Loop2": {"anyOf": [_schema("Loop"), {"type": "integer"}]},
            "U": {"anyOf": [{"type": "string"}, _schema("V")]},
            "V": {"anyOf": [_schema("U"), {"type": "integer"}]},
        },
    )
    run = _sdkgen("verify", "--spec", str(spec))
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[0] == "contract: self 1/1 operations"
    assert "FAIL" not in run.stdout
    warned = [line.split(": ")[0] for line in run.stderr.splitlines() if "refers back" in line]
    assert warned == [
        f"{spec}#/components/schemas/{branch}"
        for branch in ("Value/oneOf/2", "Loop2/anyOf/0", "U/anyOf/1", "V/anyOf/0")
    ]


def test_a_union_of_nothing_but_itself_is_refused_with_the_pointer(tmp_path: Path) -> None:
    schemas = {"Loop": {"anyOf": [_schema("Loop2")]}, "Loop2": {"anyOf": [_schema("Loop")]}}
    spec = _self_union_spec(tmp_path, schemas)
    run = _sdkgen("verify", "--spec", str(spec))
    assert run.returncode == 1, run.stdout + run.stderr
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        f"{spec}#/components/schemas/{name}/anyOf: error: every `anyOf` branch refers back to "
        "this union: it says nothing about a value (fix: give the union a branch that is a type "
        "of its own, or remove it)"
        for name in ("Loop", "Loop2")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "verify takes either --spec PATH [--config FILE] or --api NAME"),
        (("--api", "nosuch"), "unknown API 'nosuch'"),
        (("--api", "anam", "--config", "x.yaml"), "verify takes either"),
        (("--spec", "missing.yaml"), "cannot read spec"),
        (("--api", "anam", "--package", "tests"), "not a generated package"),
    ],
    ids=["nothing", "unknown-api", "api-and-config", "missing-spec", "not-a-package"],
)
def test_wrong_usage_is_one_clear_line(args: tuple[str, ...], message: str) -> None:
    run = _sdkgen("verify", *args)
    assert run.returncode == 1
    assert run.stdout == ""
    (line,) = run.stderr.splitlines()
    assert message in line and "Traceback" not in run.stderr
