"""`make check`: fails after a hand edit of a generated file, passes again after `make regen`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def _generator(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def test_check_catches_hand_edits_and_regen_repairs_them(repo: Path, tmp_path: Path) -> None:
    shutil.copytree(repo / "specs", tmp_path / "specs")
    shutil.copytree(repo / "generated", tmp_path / "generated")
    where = ("--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated"))
    assert _generator("regen", "--offline", *where, cwd=repo).returncode == 0
    assert _generator("check", *where, cwd=repo).returncode == 0

    edited = (
        tmp_path / "generated" / "anam-client" / "src" / "anam_client" / "resources" / "personas.py"
    )
    edited.write_text(edited.read_text().replace('"avatarId"', '"avatar_id"'))
    (tmp_path / "generated" / "anam-client" / "stray.py").write_text("x = 1\n")
    failed = _generator("check", *where, cwd=repo)
    assert failed.returncode == 1
    assert f"differs: {edited}" in failed.stderr
    assert "unexpected: " in failed.stderr and "stray.py" in failed.stderr
    assert "run `make regen`" in failed.stderr

    regen = _generator("regen", "--offline", *where, cwd=repo)
    assert regen.returncode == 0, regen.stderr
    assert "anam: regenerated" in regen.stdout and "actualize: unchanged" in regen.stdout
    assert _generator("check", *where, cwd=repo).returncode == 0


def test_committed_output_is_what_the_specs_produce(repo: Path) -> None:
    result = _generator("check", cwd=repo)
    assert result.returncode == 0, result.stderr
