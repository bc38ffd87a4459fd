"""A private copy of the hand-written Actualize API, regenerated once, and the edits tests make."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.regen import regen_api

SPEC = "openapi.yaml"
AGENT_ID = "          description: Identifier of the agent.\n"
LANGUAGE = "          description: Language code of the agent, e.g. `en`.\n          example: en\n"
FULL_NAME = (
    "        full_name:\n"
    "          type: string\n"
    "          description: Display name of the agent.\n"
    "          example: Front Desk Assistant\n"
)


def edit(api: Path, old: str, new: str) -> None:
    spec = api / SPEC
    text = spec.read_text()
    assert text.count(old) == 1, old
    spec.write_text(text.replace(old, new))


def describe_differently(api: Path) -> None:
    edit(api, AGENT_ID, "          description: Unique identifier of the agent.\n")


def add_optional_field(api: Path) -> None:
    nickname = "        nickname:\n          type: string\n          description: Short name.\n"
    edit(api, LANGUAGE, LANGUAGE + nickname)


def remove_field(api: Path) -> None:
    edit(api, FULL_NAME, "")


def actualize_at(tmp_path: Path, repo: Path, version: str) -> Path:
    """specs/actualize released at `version`, its package generated under tmp_path/generated."""
    api = tmp_path / "specs" / "actualize"
    api.mkdir(parents=True)
    for name in ("config.yaml", SPEC, "names.lock.json"):
        shutil.copy(repo / "specs" / "actualize" / name, api / name)
    (api / "state.json").write_text(json.dumps({"version": version}))
    result = regen_api(api, tmp_path / "generated", offline=True)
    assert (result.changed, result.version) == (True, version)
    return api


@pytest.fixture
def actualize(tmp_path: Path, repo: Path) -> Path:
    return actualize_at(tmp_path, repo, "0.1.0")
