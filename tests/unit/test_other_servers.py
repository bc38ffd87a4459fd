"""The servers a spec lists beside the default one (a sandbox, another region) are named in the
README as values of `base_url`: the client goes to the first by default and to the others only
when the caller says so, but a caller must be able to find them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.analyze import analyze
from generator.config import default_config
from generator.pipeline import generate_package


def _document(servers: list[Any]) -> dict[str, Any]:
    return {
        "openapi": "3.0.2",
        "info": {"title": "Hooks", "version": "1"},
        "servers": servers,
        "paths": {
            "/health": {
                "get": {"operationId": "health", "responses": {"204": {"description": "ok"}}}
            }
        },
    }


def _others(servers: list[Any]) -> list[tuple[str, str | None]]:
    api = analyze(_document(servers), default_config("Hooks", "openapi.json"))
    return [
        (
            other.url.unsafe_value,
            None if other.description is None else other.description.unsafe_value,
        )
        for other in api.other_servers
    ]


EU = {"description": "The EU region", "url": "https://api.eu.hooks.example/"}
US = {"description": "The US region", "url": "https://api.us.hooks.example/"}


def test_the_servers_after_the_default_are_listed_without_a_trailing_slash() -> None:
    assert _others([EU, US]) == [("https://api.us.hooks.example", "The US region")]


@pytest.mark.parametrize(
    "other",
    [
        pytest.param({"url": "/v2"}, id="relative"),
        pytest.param({"url": "https://{region}.hooks.example"}, id="templated"),
        pytest.param({"url": "https://user@evil.example"}, id="credentials"),
        pytest.param({"url": "ftp://hooks.example"}, id="not-http"),
        pytest.param({"url": "https://api.eu.hooks.example"}, id="the-default-again"),
        pytest.param("https://api.us.hooks.example", id="not-an-object"),
    ],
)
def test_what_cannot_be_a_base_url_is_not_listed(other: Any) -> None:
    assert _others([EU, other]) == []


def test_a_configured_base_url_lists_none() -> None:
    config = default_config("Hooks", "openapi.json").model_copy(
        update={"base_url": "https://proxy.example"}
    )
    assert analyze(_document([EU, US]), config).other_servers == ()


def test_the_readme_names_them_as_base_urls(tmp_path: Path) -> None:
    data = json.dumps(_document([EU, US])).encode()
    generate_package(data, "openapi.json", tmp_path / "out")
    readme = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "Requests go to https://api.eu.hooks.example unless `base_url=...`" in readme
    assert "| https://api.us.hooks.example | The US region |" in readme


def test_a_single_server_adds_nothing_to_the_readme(tmp_path: Path) -> None:
    data = json.dumps(_document([EU])).encode()
    generate_package(data, "openapi.json", tmp_path / "out")
    assert "the spec also lists" not in (tmp_path / "out" / "README.md").read_text("utf-8")


def test_a_url_variable_with_listed_values_is_typed_as_one_of_them(tmp_path: Path) -> None:
    """Sentry's `https://{region}.sentry.io` lists its regions: `region="eu"` is caught by the
    type checker, not first by the client at run time; a variable without a list takes any text."""
    region = {"default": "us", "enum": ["us", "de"]}
    server = {"url": "https://{region}.{zone}.hooks.example", "variables": {"region": region}}
    server["variables"]["zone"] = {"default": "a"}
    data = json.dumps(_document([server])).encode()
    generate_package(data, "openapi.json", tmp_path / "out")
    src = tmp_path / "out" / "src"
    program = tmp_path / "program.py"
    lines = ["from hooks_client import Hooks", 'Hooks(region="de", zone="b")', 'Hooks(region="eu")']
    program.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(program)],
        capture_output=True,
        text=True,
        env={"MYPYPATH": str(src), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, result.stdout
    assert errors[0].startswith('program.py:3: error: Argument "region"')


def test_without_servers_the_readme_says_how_to_name_the_url(tmp_path: Path) -> None:
    generate_package(json.dumps(_document([])).encode(), "openapi.json", tmp_path / "out")
    readme = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "The spec names no server, so the client has no URL of its own" in readme
    assert "or set\n`HOOKS_BASE_URL`." in readme
    generate_package(json.dumps(_document([EU])).encode(), "openapi.json", tmp_path / "eu")
    assert "names no server" not in (tmp_path / "eu" / "README.md").read_text(encoding="utf-8")
