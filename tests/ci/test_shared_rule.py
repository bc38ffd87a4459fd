"""Tests that need ../shared say honestly that it is absent, and fail under CI instead of
skipping: run a test that needs a missing file both ways, in a real pytest process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

NEEDS_SHARED = """
from pathlib import Path
from tests import shared

def test_needs_a_capture():
    shared.require(Path("{missing}"))
"""


@pytest.mark.parametrize(("ci", "outcome"), [("", "1 skipped"), ("true", "1 failed")])
def test_a_missing_shared_file_skips_honestly_and_fails_under_ci(
    repo: Path, tmp_path: Path, ci: str, outcome: str
) -> None:
    missing = tmp_path / "shared" / "upstream" / "capture.json"
    test = tmp_path / "test_needs_shared.py"
    test.write_text(NEEDS_SHARED.format(missing=missing))
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rsf", "-q", str(test)],
        capture_output=True,
        text=True,
        check=False,
        cwd=repo,
        env={**os.environ, "CI": ci, "PYTHONPATH": str(repo)},
    )
    assert outcome in run.stdout, run.stdout
    assert f"{missing} is absent: ../shared is not on this machine" in run.stdout
    assert "CI always" not in run.stdout
