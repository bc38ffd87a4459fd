"""`sdkgen init` scaffolds a new API that `regen` accepts as it is, and the config's JSON Schema
for editors is exported and kept in sync with the config model."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import yaml

from generator.config import ApiConfig, config_schema
from tests.support.fault_server import FaultServer, Reply

from .conftest import sdkgen


def test_the_committed_schema_is_the_config_models(repo: Path) -> None:
    assert (repo / "specs" / "config.schema.json").read_text() == config_schema(), (
        "run `sdkgen schema --out specs/config.schema.json`"
    )


def test_the_schema_accepts_every_config_and_refuses_a_typo(repo: Path) -> None:
    schema = json.loads(config_schema())
    for path in (repo / "specs").glob("*/config.yaml"):
        config = yaml.safe_load(path.read_text())
        jsonschema.validate(config, schema)
        ApiConfig.model_validate(config)
    typo = {**yaml.safe_load((repo / "specs" / "anam" / "config.yaml").read_text()), "pakage": "x"}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(typo))


def test_init_from_a_spec_file_is_ready_for_regen(repo: Path, tmp_path: Path) -> None:
    spec = tmp_path / "voice.yaml"
    shutil.copy(repo / "specs" / "actualize" / "openapi.yaml", spec)
    specs = tmp_path / "specs"
    result = sdkgen("init", "--api", "voice", "--spec", str(spec), "--specs", str(specs))
    assert result.returncode == 0, result.stderr
    config = specs / "voice" / "config.yaml"
    assert result.stdout == f"voice: wrote {config}; review it, then run `make regen`\n"
    assert config.read_text().splitlines()[:4] == [
        "# yaml-language-server: $schema=../config.schema.json",
        "name: voice",
        "title: Actualize Voice API",
        "package: voice_client",
    ]
    assert (specs / "voice" / "voice.yaml").read_bytes() == spec.read_bytes()
    assert (specs / "config.schema.json").read_text() == config_schema()
    regen = sdkgen("regen", "--offline", "--specs", str(specs), "--out", str(tmp_path / "out"))
    assert regen.returncode == 0, regen.stderr
    assert (tmp_path / "out" / "voice-client" / "src" / "voice_client" / "__init__.py").is_file()


def test_init_from_a_url_records_it_as_the_source(repo: Path, tmp_path: Path) -> None:
    body = (repo / "specs" / "anam" / "swagger.json").read_bytes()
    with FaultServer(fallback=Reply(200, {"Content-Type": "application/json"}, body)) as live:
        url = live.url + "/swagger.json"
        result = sdkgen("init", "--api", "avatars", "--url", url, "--specs", str(tmp_path))
    assert result.returncode == 0, result.stderr
    config = yaml.safe_load((tmp_path / "avatars" / "config.yaml").read_text())
    assert (config["spec"], config["source_url"]) == ("openapi.json", url)
    assert (tmp_path / "avatars" / "openapi.json").read_bytes() == body


def test_init_refuses_what_it_cannot_do_in_one_line(repo: Path, tmp_path: Path) -> None:
    spec = str(repo / "specs" / "actualize" / "openapi.yaml")
    cases = {
        ("--api", "Bad Name", "--spec", spec): "invalid API name 'Bad Name'",
        ("--api", "voice"): "give exactly one of --url and --spec",
        ("--api", "actualize", "--spec", spec): "API 'actualize' already exists",
    }
    for arguments, message in cases.items():
        result = sdkgen("init", *arguments, "--specs", str(repo / "specs"))
        assert result.returncode == 1
        (line,) = result.stderr.splitlines()
        assert f"error: {message}" in line
    assert not (repo / "specs" / "voice").exists()
