"""The CI workflow is valid for the hosting platform, safe by zizmor's audits, and runs what the
README tells users to run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

BIN = Path(sys.executable).parent


def _workflow(repo: Path) -> Path:
    return repo / ".github" / "workflows" / "specs.yml"


def _schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_workflow_matches_the_github_actions_schema(repo: Path) -> None:
    result = _schema_check(_workflow(repo))
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_catches_a_broken_workflow(repo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(_workflow(repo).read_text().replace("runs-on: ubuntu-latest", "runs-on: 5"))
    assert _schema_check(broken).returncode != 0


def test_workflow_passes_zizmor_audits(repo: Path) -> None:
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(_workflow(repo))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _steps(repo: Path) -> list[dict[str, Any]]:
    document = yaml.safe_load(_workflow(repo).read_text())
    steps: list[dict[str, Any]] = document["jobs"]["regen"]["steps"]
    return steps


@pytest.mark.parametrize("command", ["make regen", "make test", "make wheels", "release-check"])
def test_workflow_runs_the_documented_commands(repo: Path, command: str) -> None:
    assert any(command in step.get("run", "") for step in _steps(repo))
    if command.startswith("make"):
        assert command in (repo / "README.md").read_text()


def test_workflow_triggers_on_spec_changes_and_daily(repo: Path) -> None:
    triggers = yaml.safe_load(_workflow(repo).read_text())[True]  # YAML 1.1 reads `on` as True
    for event in ("push", "pull_request"):
        assert {"specs/**", "templates/**", "generator/**"} <= set(triggers[event]["paths"])
    assert triggers["schedule"][0]["cron"]
    uses = [step["uses"] for step in _steps(repo) if "uses" in step]
    assert all(len(ref.split("@")[1]) == 40 for ref in uses)  # actions pinned to commits
