"""The CI workflow is valid (GitHub's schema and actionlint), safe by zizmor's audits, pinned and
least-privileged, triggered by every input of generated output, and its drift job really fails
on a stale generated/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import fingerprint

BIN = Path(sys.executable).parent


def _workflow(repo: Path) -> Path:
    return repo / ".github" / "workflows" / "specs.yml"


def _document(repo: Path) -> dict[Any, Any]:
    document: dict[Any, Any] = yaml.safe_load(_workflow(repo).read_text())
    return document


def _jobs(repo: Path) -> dict[str, Any]:
    jobs: dict[str, Any] = _document(repo)["jobs"]
    return jobs


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def _actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "actionlint"), "-no-color", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_workflow_matches_the_github_actions_schema(repo: Path) -> None:
    result = _schema_check(_workflow(repo))
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_passes_actionlint(repo: Path) -> None:
    result = _actionlint(_workflow(repo))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_checkers_catch_a_broken_workflow(repo: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    text = _workflow(repo).read_text()
    broken.write_text(text.replace("runs-on: ubuntu-latest", "runs-on: 5"))
    assert _schema_check(broken).returncode != 0
    broken.write_text(text.replace("needs: build", "needs: no-such-job"))
    assert "no-such-job" in _actionlint(broken).stdout


def test_workflow_passes_zizmor_audits(repo: Path) -> None:
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(_workflow(repo))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_catches_an_injection(repo: Path, tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        _workflow(repo)
        .read_text()
        .replace(
            'git worktree add --detach "$RUNNER_TEMP/released"', 'echo "${{ github.head_ref }}"'
        )
    )
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(unsafe)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "template-injection" in result.stdout


def test_actions_are_pinned_and_permissions_least(repo: Path) -> None:
    document = _document(repo)
    assert document["permissions"] == {}
    for name, job in document["jobs"].items():
        assert "permissions" in job, name
        for step in job["steps"]:
            if "uses" in step:
                ref = step["uses"].split("@")[1]
                assert len(ref) == 40 and int(ref, 16) >= 0, step["uses"]
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
    writers = {
        name for name, job in document["jobs"].items() if "write" in job["permissions"].values()
    }
    assert writers == {"spec-diff", "refresh", "publish"}
    assert document["jobs"]["publish"]["permissions"] == {"id-token": "write"}


def test_every_input_of_generated_output_triggers_the_workflow(repo: Path) -> None:
    triggers = _document(repo)[True]  # YAML 1.1 reads `on` as True
    inputs = {f"{folder}/**" for folder in ("specs", "templates", "generator")}
    inputs |= set(fingerprint._PINS) | {"Makefile", "generated/**", ".github/workflows/**"}
    for event in ("push", "pull_request"):
        assert inputs <= set(triggers[event]["paths"]), event
    assert triggers["push"]["tags"] == ["v*"]
    assert triggers["schedule"][0]["cron"] and "workflow_dispatch" in triggers


@pytest.mark.parametrize(
    ("job", "commands"),
    [
        ("test", ["make lint", "make test", "make corpus"]),
        ("drift", ["make check"]),
        ("spec-diff", ["sdkgen release-check", "gh api"]),
        ("refresh", ['make regen ARGS="--strict"', "gh pr create", "gh pr edit"]),
        ("build", ["make wheels"]),
    ],
)
def test_jobs_run_the_documented_commands(repo: Path, job: str, commands: list[str]) -> None:
    runs = _runs(_jobs(repo)[job])
    readme = (repo / "README.md").read_text()
    for command in commands:
        assert command in runs
        if command.startswith("make"):
            assert command.split(" ARGS")[0] in readme
    assert "make lint" in (repo / ".ci" / "run").read_text()


def _drift_job(repo: Path, root: Path) -> subprocess.CompletedProcess[str]:
    """The drift job's own steps, run in `root` (a copy of the project with the same .venv)."""
    script = _runs(_jobs(repo)["drift"])
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "MAKEFLAGS": ""},
        timeout=600,
    )


@pytest.mark.slow
def test_the_drift_job_fails_on_a_stale_generated_folder(repo: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy2(repo / name, root / name)  # keeps the times: make sees .venv up to date
    for name in ("specs", "generated"):
        shutil.copytree(repo / name, root / name)
    (root / ".venv").symlink_to(repo / ".venv")
    up_to_date = subprocess.run(["make", "-q", "venv"], cwd=root, check=False)
    assert up_to_date.returncode == 0  # the job must not reinstall (or delete) the shared .venv
    regen = subprocess.run(
        [str(BIN / "sdkgen"), "regen", "--offline"], cwd=root, capture_output=True, text=True
    )
    assert regen.returncode == 0, regen.stderr
    passed = _drift_job(repo, root)
    assert passed.returncode == 0, passed.stdout + passed.stderr

    spec = root / "specs" / "actualize" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("Identifier of the agent.", "Agent identifier."))
    failed = _drift_job(repo, root)
    assert failed.returncode != 0
    assert "generated/ is stale: run `make regen`" in failed.stderr
