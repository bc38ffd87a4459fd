"""Running the installed `sdkgen` as a user does, and a private Actualize API to run it on."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.versioning.conftest import actualize_at

SDKGEN = Path(sys.executable).parent / "sdkgen"


def sdkgen(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SDKGEN), *arguments],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
        timeout=300,
        env={**os.environ, "COLUMNS": "200"},
    )


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` with its bytes, hidden ones included."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture
def actualize(tmp_path: Path, repo: Path) -> Path:
    return actualize_at(tmp_path, repo, "0.1.0")
