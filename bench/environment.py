"""The machine, the versions and the paths a run used, so anyone can tell whether their rerun is
comparable: absolute numbers only mean something next to the CPU, the load and the versions."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NEWER_SPEC = (PROJECT.parent / "shared" / "upstream" / "anam" / "swagger.newer.json").resolve()

_DISTRIBUTIONS = (
    "openapi-python-client",
    "datamodel-code-generator",
    "pydantic",
    "pydantic-core",
    "httpx",
    "jinja2",
    "ruff",
    "matplotlib",
)


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int
    load_at_start: tuple[float, float, float]
    os: str
    python: str
    versions: dict[str, str]
    git_commit: str


def describe_machine() -> Machine:
    return Machine(
        cpu=_cpu_model(),
        cores=os.cpu_count() or 0,
        load_at_start=os.getloadavg(),
        os=f"{platform.system()} {platform.release()} ({platform.machine()})",
        python=f"{platform.python_implementation()} {platform.python_version()}",
        versions={name: _version(name) for name in _DISTRIBUTIONS},
        git_commit=_git_commit(),
    )


def tool(name: str) -> str:
    """A console script of this virtualenv (the baselines' CLIs), by absolute path."""
    return str(BIN / name)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _git_commit() -> str:
    """The checked-out commit (read only), and whether the work tree differs from it."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "--no-optional-locks", "status", "--porcelain", "--untracked-files=no"],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit} (with uncommitted changes)" if dirty else commit
