"""Regeneration is crash-safe. A real `sdkgen regen` process is SIGKILLed just before each rename
it makes under specs/ and generated/ (each swap of a tree is one rename-exchange, audited as
`sdkgen.exchange`; each file replace is `os.rename`). At every one of those instants the package
is the complete old tree or the complete new one; the leftovers are invisible to `check`, `build`
and git; and the next regen cleans them up and finishes the release as if nothing had happened."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import build_packages
from tests.versioning.conftest import actualize_at, add_optional_field

from .conftest import sdkgen, tree

KILLER = """
import os, signal, sys
root, target, count = sys.argv[1], int(sys.argv[2]), 0

def kill_at_rename(event, args):
    global count
    if event in ("os.rename", "sdkgen.exchange") and str(args[1]).startswith(root):
        count += 1
        if count == target:
            os.kill(os.getpid(), signal.SIGKILL)

sys.addaudithook(kill_at_rename)
from generator.cli import main
sys.argv = ["sdkgen", *sys.argv[3:]]
main()
"""
RENAMES = 5  # the package, its base, the names lock, the state, the released spec
LEFTOVER_MARKS = (".staging-", ".old-")


def _leftovers(root: Path) -> list[str]:
    return [
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if any(mark in p.name for mark in LEFTOVER_MARKS)
    ]


def _git_status(root: Path, repo: Path) -> list[str]:
    (root / ".gitignore").write_bytes((repo / ".gitignore").read_bytes())
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    status = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    )
    return status.stdout.splitlines()


@pytest.mark.parametrize("kill_at", range(1, RENAMES + 2))
def test_a_regen_killed_at_any_rename_leaves_a_whole_tree(
    tmp_path: Path, repo: Path, kill_at: int
) -> None:
    api = actualize_at(tmp_path, repo, "0.1.0")
    package = tmp_path / "generated" / "actualize-client"
    old = tree(package)
    add_optional_field(api)
    where = ("--offline", "--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated"))
    run = subprocess.run(
        [sys.executable, "-c", KILLER, str(tmp_path), str(kill_at), "regen", *where],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    if kill_at > RENAMES:
        assert run.returncode == 0, run.stderr  # every rename was counted: the run completed
    else:
        assert run.returncode == -signal.SIGKILL, run.stderr
    assert tree(package) in (old, _fresh(tmp_path, repo, api))

    check = sdkgen("check", *where[1:])
    assert not any(mark in check.stdout + check.stderr for mark in LEFTOVER_MARKS)
    built = build_packages(tmp_path / "generated", tmp_path / "dist")
    assert sorted({p.name.split("-")[0] for p in built}) == ["actualize_client"]
    leftovers = _leftovers(tmp_path)
    status = _git_status(tmp_path, repo)
    assert not [line for line in status if any(mark in line for mark in LEFTOVER_MARKS)]
    if kill_at <= 2:
        assert leftovers, "a kill inside a swap leaves its staging folder behind"

    again = sdkgen("regen", *where)
    assert again.returncode == 0, again.stderr
    assert _leftovers(tmp_path) == []
    assert tree(package) == _fresh(tmp_path, repo, api)
    assert sdkgen("check", *where[1:]).returncode == 0
    state = (api / "state.json").read_text()
    assert '"version": "0.1.1"' in state and state.count('"version": "0.1.1"') == 2
    assert (api / "released" / "openapi.yaml").read_bytes() == (api / "openapi.yaml").read_bytes()


def _fresh(tmp_path: Path, repo: Path, api: Path) -> dict[str, bytes]:
    """The package an uninterrupted regen of the edited spec writes."""
    clean = tmp_path / "clean"
    if not clean.exists():
        actualize_at(clean, repo, "0.1.0")
        (clean / "specs" / "actualize" / "openapi.yaml").write_bytes(
            (api / "openapi.yaml").read_bytes()
        )
        out = clean / "generated"
        where = ("--offline", "--specs", str(clean / "specs"), "--out", str(out))
        assert sdkgen("regen", *where).returncode == 0
    return tree(clean / "generated" / "actualize-client")


def test_the_kill_points_are_the_renames_of_the_run(tmp_path: Path, repo: Path) -> None:
    """The parametrisation above covers every rename: count them in a complete run."""
    counter = KILLER.replace("os.kill(os.getpid(), signal.SIGKILL)", "pass").replace(
        "main()", "try:\n    main()\nfinally:\n    print(count)"
    )
    api = actualize_at(tmp_path, repo, "0.1.0")
    add_optional_field(api)
    where = ("--offline", "--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated"))
    run = subprocess.run(
        [sys.executable, "-c", counter, str(tmp_path), "0", "regen", *where],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    assert run.stdout.splitlines()[-1] == str(RENAMES), run.stdout + run.stderr
