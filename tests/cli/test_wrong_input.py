"""Wrong input is refused before any work: one line naming the file, the JSON pointer and the fix,
and a non-zero exit. That holds for the command line (no specs/ folder, an unknown --api, a
version that is not PEP 440) and for every file of ours that decides a path, a URL or a name:
config.yaml, state.json and names.lock.json are held to the same rules, whoever edited them."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.support.fault_server import FaultServer, Reply

from .conftest import sdkgen, tree


@pytest.mark.parametrize("command", ["check", "regen"])
def test_a_folder_without_specs_is_refused(tmp_path: Path, command: str) -> None:
    result = sdkgen(command, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "specs: error: no APIs in specs/: no specs/<api>/config.yaml found (fix: run from the "
        "project folder, pass --specs, or create one with `sdkgen init`)"
    ]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "arguments",
    [
        ("regen", "--api", "nope"),
        ("check", "--api", "nope"),
        ("fetch", "--api", "nope"),
        ("regen", "--api", "actualize", "--api", "nope"),
    ],
)
def test_an_unknown_api_is_refused_by_every_command(repo: Path, arguments: tuple[str, ...]) -> None:
    result = sdkgen(*arguments, cwd=repo)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "specs: error: unknown API 'nope' (fix: known APIs: actualize, anam)"
    ]


@pytest.mark.parametrize("version", ["banana", "1.0.0-", "v 1", ""])
def test_a_version_that_is_not_pep_440_is_refused(repo: Path, tmp_path: Path, version: str) -> None:
    out = tmp_path / "out"
    spec = repo / "specs" / "actualize" / "openapi.yaml"
    result = sdkgen("generate", "--spec", str(spec), "--out", str(out), "--version", version)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"<spec>: error: invalid version {version!r}: not a PEP 440 version")
    assert not out.exists()


def test_version_and_completion(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    declared = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["version"]
    assert sdkgen("--version").stdout == f"sdkgen {declared}\n"
    # The shell is named, not detected from the processes the tests run under (`sh` in CI).
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    completion = sdkgen("--show-completion", "bash")
    assert completion.returncode == 0 and "_SDKGEN_COMPLETE" in completion.stdout


def _api(tmp_path: Path, repo: Path) -> Path:
    api = tmp_path / "specs" / "actualize"
    shutil.copytree(repo / "specs" / "actualize", api, ignore=shutil.ignore_patterns("released"))
    return api


def _regen(tmp_path: Path) -> tuple[int, list[str]]:
    where = ("--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated"))
    result = sdkgen("regen", "--offline", *where)
    return result.returncode, result.stderr.splitlines()


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ([], ": error: must be a JSON object, not list"),
        (None, ": error: must be a JSON object, not NoneType"),
        ({"version": "banana"}, "#/version: error: invalid version 'banana': expected MAJOR"),
        ({"version": 5}, "#/version: error: must be a string, not 5"),
        ({"version": "1.0.0", "spec_sha256": "../x"}, "#/spec_sha256: error: must be a sha256"),
        ({"version": "1.0.0", "releases": {}}, "#/releases: error: must be a list of releases"),
        ({"version": "1.0.0", "bulit": {}}, "#/bulit: error: unknown key 'bulit'"),
    ],
)
def test_a_malformed_state_is_one_clear_error(
    tmp_path: Path, repo: Path, state: object, expected: str
) -> None:
    api = _api(tmp_path, repo)
    (api / "state.json").write_text(json.dumps(state))
    code, lines = _regen(tmp_path)
    assert code == 1
    (line,) = lines
    assert line.startswith(f"{api / 'state.json'}{expected}"), line
    assert "(fix: restore it from git, or fix the value)" in line
    assert not (tmp_path / "generated").exists()


@pytest.mark.parametrize(
    ("method", "message"),
    [
        ("__init__", "must not be a Python keyword or start with '_'"),
        ("class", "must not be a Python keyword or start with '_'"),
        ("a.b", "must be a lower-case Python identifier, e.g. create_token"),
    ],
)
def test_a_locked_name_that_cannot_be_a_method_is_refused(
    tmp_path: Path, repo: Path, method: str, message: str
) -> None:
    api = _api(tmp_path, repo)
    lock = json.loads((api / "names.lock.json").read_text())
    key = next(iter(lock["operations"]))
    lock["operations"][key]["method"] = method
    (api / "names.lock.json").write_text(json.dumps(lock))
    code, lines = _regen(tmp_path)
    assert code == 1
    pointer = f"/operations/{key.replace('~', '~0').replace('/', '~1')}/method"
    assert lines == [
        f'{api / "names.lock.json"}#{pointer}: error: "{method}" {message} (fix: fix the name, '
        "or delete the entry to choose it afresh)"
    ]


def test_a_tampered_built_record_is_ignored_not_trusted(tmp_path: Path, repo: Path) -> None:
    """Older generators trusted `built` in state.json over the config: it named the spec file,
    the URL to fetch and the output folder. Now the config decides, validated every time."""
    api = _api(tmp_path, repo)
    outside = tmp_path / "outside.txt"
    outside.write_text("precious")
    with FaultServer(fallback=Reply.json({"openapi": "3.1.0"})) as unlisted:
        state = json.loads((api / "state.json").read_text())
        state["built"] = {
            "config_sha256": "0" * 64,
            "spec": "../../outside.txt",
            "distribution": "../../escaped",
            "source_url": unlisted.url,
        }
        (api / "state.json").write_text(json.dumps(state))
        where = ("--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated"))
        result = sdkgen("regen", *where)
        assert result.returncode == 0, result.stderr
        assert unlisted.requests == []
    assert outside.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["generated", "outside.txt", "specs"]
    assert sorted(tree(tmp_path / "generated")) == sorted(tree(tmp_path / "generated"))
    assert (tmp_path / "generated" / "actualize-client" / "pyproject.toml").is_file()
    assert "built" not in json.loads((api / "state.json").read_text())


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("spec", "../../outside.txt", "#/spec: error: must be a relative path inside"),
        ("distribution", "../escaped", "#/distribution: error: must be a valid distribution"),
        ("source_url", "file:///etc/passwd", "#/source_url: error: must be an http(s) URL"),
        ("templates", "/etc", "#/templates: error: must be a relative path inside"),
    ],
)
def test_config_paths_and_urls_are_checked_by_the_same_rules(
    tmp_path: Path, repo: Path, key: str, value: str, fragment: str
) -> None:
    api = _api(tmp_path, repo)
    config = api / "config.yaml"
    config.write_text(config.read_text() + f"{key}: {json.dumps(value)}\n")
    code, lines = _regen(tmp_path)
    assert code == 1
    assert lines[0].startswith(f"{config}{fragment}"), lines
