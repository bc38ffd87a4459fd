"""Test inputs kept outside the repository, in `../shared` (captures, corpus, seeds).

One rule for every test that needs them: on a machine without `../shared` the test is skipped and
says so; under CI (`CI=true`), where `../shared` must be laid beside the clone, it fails.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def absent(path: Path) -> str:
    """Why a test that needs `path` cannot run here."""
    return f"{path} is absent: ../shared is not on this machine"


def require(path: Path) -> Path:
    """`path`, or a skip (a failure under CI) saying it is absent."""
    if path.exists():
        return path
    if in_ci():
        pytest.fail(f"{absent(path)}, and CI must have it")
    pytest.skip(absent(path))


def marks(path: Path) -> tuple[Any, ...]:
    """Collection marks for a parameter that needs `path`: a skip where it is absent, except under
    CI, where the test runs and fails on the missing file."""
    if path.exists() or in_ci():
        return ()
    return (pytest.mark.skip(reason=absent(path)),)
