"""`verify` proves a path parameter holding a path: routed across the segments it names, and
failed when a client escapes its slashes or sends a segment that climbs out of the path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.verify.routing import Route, Router

from .specs import REPO

SPEC = REPO / "tests" / "wire" / "fixtures" / "spans" / "openapi.yaml"
HOST = "http://127.0.0.1:9"
_PATH = {"name": "path", "in": "path", "required": True, "schema": {"type": "string"}}


def _by(name: str, pattern: str) -> dict[str, Any]:
    return {**_PATH, "name": name, "schema": {"type": "string", "pattern": pattern}}


_OPERATION = {"parameters": [_PATH], "responses": {"200": {"description": "ok"}}}
_DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Spans", "version": "1"},
    "servers": [{"url": f"{HOST}/api"}],
    "paths": {
        "/{+path}": {"get": _OPERATION},
        "/things/{id}": {"get": {**_OPERATION, "parameters": [{**_PATH, "name": "id"}]}},
        "/folders/{folderId}": {"get": {**_OPERATION, "parameters": [_by("folderId", r"^\d+$")]}},
        "/folders/{folderPath}": {"get": {**_OPERATION, "parameters": [_by("folderPath", ".+")]}},
    },
}


def _route(raw_path: str) -> Route | str:
    return Router(_DOCUMENT, f"{HOST}/api").route("get", raw_path)


def test_a_path_routes_under_the_server_base_path_as_the_value_sent() -> None:
    found = _route("/api/a/b%20c/d")
    assert isinstance(found, Route), found
    assert (found.template, dict(found.variables)) == ("/{+path}", {"path": "a/b c/d"})


def test_a_more_literal_key_still_wins_and_an_id_stays_one_segment() -> None:
    found = _route("/api/things/a%2Fb")
    assert isinstance(found, Route), found
    assert (found.template, dict(found.variables)) == ("/things/{id}", {"id": "a/b"})


@pytest.mark.parametrize(
    ("raw_path", "complaint"),
    [
        ("/api/a%2Fb", "'path' holds a path, whose '/' must be sent as separators"),
        ("/api/a/b%2Fc", ""),
    ],
)
def test_a_path_sent_with_escaped_slashes_is_refused(raw_path: str, complaint: str) -> None:
    found = _route(raw_path)
    assert isinstance(found, str) and complaint in found, found


def test_of_two_keys_of_one_shape_a_path_means_the_one_holding_paths() -> None:
    """HubSpot's `/folders/{folderId}` and `/folders/{folderPath}`: a path of several segments
    is the folder path's; one segment (`a%2Fb`) is left to the id, whose pattern decides."""
    spanned = _route("/api/folders/a/b")
    assert isinstance(spanned, Route), spanned
    assert (spanned.template, dict(spanned.variables)) == (
        "/folders/{folderPath}",
        {"folderPath": "a/b"},
    )
    assert spanned.candidates == ("/folders/{folderPath}",)
    one = _route("/api/folders/a%2Fb")
    assert isinstance(one, Route), one
    assert (one.template, one.candidates) == ("/folders/{folderId}", ("/folders/{folderId}",))


def _sdkgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spans") / "spans-client"
    made = _sdkgen("generate", "--spec", str(SPEC), "--out", str(out))
    assert made.returncode == 0, made.stderr
    return out


def _verify(package: Path) -> list[str]:
    run = _sdkgen("verify", "--spec", str(SPEC), "--package", str(package), "--workers", "1")
    return run.stdout.splitlines()


def test_verify_proves_every_way_a_spec_declares_a_path_parameter(package: Path) -> None:
    lines = _verify(package)
    assert lines[0] == "contract: spans 5/5 operations", lines


@pytest.mark.parametrize(
    ("sent", "complaint"),
    [
        ('"%2F".join(', "must be sent as separators, not escaped as %2F"),
        ('"/".join(segments) or "/".join(', "instead of refusing the path parameter"),
    ],
)
def test_verify_fails_a_client_that_escapes_the_slashes_or_sends_dot_segments(
    package: Path, tmp_path: Path, sent: str, complaint: str
) -> None:
    broken = tmp_path / "spans-client"
    subprocess.run(["cp", "-r", str(package), str(broken)], check=True)
    runtime = broken / "src" / "spans_client" / "_paths.py"
    text = runtime.read_text(encoding="utf-8")
    joined = 'return "/".join(path_text(name, segment) for segment in segments)'
    refusal = "if any(segment in _NOT_SEGMENTS for segment in segments):"
    assert joined in text and refusal in text, "the runtime no longer spells a path this way"
    text = text.replace(joined, joined.replace('"/".join(', sent))
    if "refusing" in complaint:
        text = text.replace(refusal, "if False:")
    runtime.write_text(text, encoding="utf-8")
    failures = [line for line in _verify(broken) if line.startswith("FAIL ")]
    assert any("(files.get_folder) [path-ids]" in line for line in failures), failures
    assert any(complaint in line for line in failures), failures
