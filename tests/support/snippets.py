"""Running a few lines of Python against a generated package, as its user would: in a process of
their own, with the package importable from `cwd`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_snippet(code: str, cwd: Path) -> str:
    """What `code` prints, stripped; the test fails with its stderr if it raises."""
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=cwd
    )
    assert ran.returncode == 0, ran.stderr
    return ran.stdout.strip()
