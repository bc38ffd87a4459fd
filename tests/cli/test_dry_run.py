"""`regen --dry-run` shows, per API, the source, the bump, the changelog entry and the files that
would change, and writes nothing at all."""

from __future__ import annotations

import os
from pathlib import Path

from tests.versioning.conftest import add_optional_field

from .conftest import sdkgen


def _snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder under `root` with its bytes and modification time."""
    return {
        p.relative_to(root).as_posix(): (
            p.read_bytes() if p.is_file() else b"",
            os.stat(p).st_mtime_ns,
        )
        for p in sorted(root.rglob("*"))
    }


def test_dry_run_previews_the_release_and_writes_nothing(actualize: Path, tmp_path: Path) -> None:
    add_optional_field(actualize)
    before = _snapshot(tmp_path)
    result = sdkgen(
        "regen",
        "--dry-run",
        "--offline",
        "--specs",
        str(tmp_path / "specs"),
        "--out",
        str(tmp_path / "generated"),
    )
    assert result.returncode == 0, result.stderr
    assert _snapshot(tmp_path) == before
    assert result.stdout.splitlines() == [
        "actualize: from the snapshot spec",
        "  version: 0.1.0 -> 0.1.1",
        "  changelog (0.1.1): API changes: 0 breaking, 2 added or relaxed, 0 documentation only.",
        "    - Added or relaxed (sdk): AgentProfile.nickname was added",
        "    - Added or relaxed (wire): request body property `agent_config.agent.nickname` was"
        " added (optional)",
        "  files that would change (5):",
        "    CHANGELOG.md",
        "    README.md",
        "    pyproject.toml",
        "    src/actualize_client/_version.py",
        "    src/actualize_client/types/_agent_profile.py",
    ]


def test_dry_run_of_an_unchanged_api_says_so(actualize: Path, tmp_path: Path) -> None:
    where = ("--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated"))
    result = sdkgen("regen", "--dry-run", "--offline", *where)
    assert result.stdout.splitlines() == [
        "actualize: from the snapshot spec",
        "  nothing would change",
    ]
