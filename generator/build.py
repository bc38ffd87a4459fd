"""Wheels and sdists of the generated packages, reproducibly.

Builds run without isolation (the build backend comes from our pinned environment, so no network
is needed) and with a fixed SOURCE_DATE_EPOCH, so the same package gives byte-identical archives.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .errors import GeneratorError, Problem

_EPOCH = "315532800"  # 1980-01-01, the earliest date a zip archive can hold


def build_packages(generated: Path, dist: Path) -> list[Path]:
    """Build every project under `generated/` into `dist/`; return the archives made.

    Hidden folders are skipped: they hold the last generated trees and leftovers of interrupted
    runs, never a package.
    """
    projects = sorted(
        p
        for p in generated.iterdir()
        if not p.name.startswith(".") and (p / "pyproject.toml").is_file()
    )
    if not projects:
        raise GeneratorError(
            Problem(
                "error",
                "no generated packages to build",
                str(generated),
                hint="run `make regen` first",
            )
        )
    dist.mkdir(parents=True, exist_ok=True)
    before = set(dist.iterdir())
    for project in projects:
        build_package(project, dist)
    return sorted(set(dist.iterdir()) - before)


def build_package(project: Path, dist: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "build",
        "--no-isolation",
        "--sdist",
        "--wheel",
        "--outdir",
        str(dist.absolute()),
        str(project),
    ]
    environment = {**os.environ, "SOURCE_DATE_EPOCH": _EPOCH}
    result = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()[-5:]
        message = "building failed: " + " / ".join(output)
        raise GeneratorError(Problem("error", message, str(project)))
