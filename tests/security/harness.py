"""How the security tests run things: the CLI under a memory cap, the import probe, ruff.

Each runner works the way a user's machine would (a fresh interpreter, an argument list, no shell)
and returns plain results the tests assert on.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Imported here so that in-process generation checks a spec's structure in place instead of in a
# child process per call (generator/structure.py): the same check, a second faster per spec.
import openapi_python_client.schema  # noqa: F401
from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]

REPO = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).resolve().parent / "probe.py"

# The CLI runs under the limits set by this launcher, then as `python -m generator`: an address-
# space cap, and a CPU-time cap (CPU, not wall-clock, time: a loaded machine must not fail a bound
# that holds). An audit hook (PEP 578) reports on stderr, after AUDIT_MARK, every attempt to resolve
# a host or open a socket, and every open of a file a hostile $ref names (/etc/passwd, shared.yaml).
_LAUNCHER = """
import os, resource, runpy, sys
memory, cpu = int(sys.argv.pop(1)), int(sys.argv.pop(1))
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
NETWORK = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto")
FILES = ("/etc/passwd", "shared.yaml")
def audit(event, args):
    path = args[0] if event == "open" else None
    path = os.fsdecode(path) if isinstance(path, (str, bytes, os.PathLike)) else ""
    if event in NETWORK or path.endswith(FILES):
        os.write(2, f"AUDIT: {event} {args!r}\\n".encode())
sys.addaudithook(audit)
sys.argv[0] = "generator"
runpy.run_module("generator", run_name="__main__", alter_sys=True)
"""
AUDIT_MARK = "AUDIT:"


@dataclass(frozen=True)
class CliRun:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool

    @property
    def out_of_cpu(self) -> bool:
        """Killed for using more CPU time than it was given (SIGXCPU, then SIGKILL)."""
        return self.returncode in (-signal.SIGXCPU, -signal.SIGKILL)


def run_cli(
    arguments: list[str], *, cwd: Path, memory_mb: int = 512, cpu_seconds: float = 60.0
) -> CliRun:
    """`python -m generator ARGUMENTS` in a fresh process under memory and CPU-time caps.

    Wall-clock time is bounded too, generously (a hang uses no CPU), so a stuck run still ends.
    """
    limits = [str(memory_mb * 1024 * 1024), str(max(1, round(cpu_seconds)))]
    command = [sys.executable, "-c", _LAUNCHER, *limits, *arguments]
    wall = max(60.0, 6 * cpu_seconds)
    started = time.monotonic()
    try:
        result = subprocess.run(
            command,
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=wall,
            env=_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired as expired:
        return CliRun(-1, _text(expired.stdout), _text(expired.stderr), wall, True)
    seconds = time.monotonic() - started
    return CliRun(result.returncode, result.stdout, result.stderr, seconds, False)


def run_probe(jobs: list[dict[str, Any]], *, cwd: Path, timeout: float = 300.0) -> list[Any]:
    """Run `probe.py` over `jobs` from `cwd` (which should be empty) and return its reports."""
    jobs_file = cwd.parent / f"{cwd.name}.jobs.json"
    reports_file = cwd.parent / f"{cwd.name}.reports.json"
    jobs_file.write_text(json.dumps(jobs), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(PROBE), str(jobs_file), str(reports_file)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_environment(),
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"the probe itself failed:\n{result.stderr}")
    reports: list[Any] = json.loads(reports_file.read_text(encoding="utf-8"))
    return reports


def ruff_check(paths: Iterable[Path]) -> subprocess.CompletedProcess[str]:
    """The lint every generated package must pass, run the way a consumer's CI would."""
    command = [
        find_ruff_bin(),
        "check",
        "--isolated",
        "--no-cache",
        "--output-format",
        "concise",
        "--select",
        "E,F,W",
        "--ignore",
        "E501",
        *(str(path) for path in paths),
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def unparsable_python(root: Path) -> list[str]:
    """Python files under `root` that `ast.parse` rejects, with the reason."""
    failures = []
    for path in sorted(root.rglob("*.py")):
        try:
            ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except SyntaxError as error:
            failures.append(f"{path.relative_to(root)}: {error}")
    return failures


def escaping_paths(root: Path) -> list[str]:
    """Entries under `root` that are symlinks or resolve outside it."""
    resolved = root.resolve()
    return [
        str(path)
        for path in root.rglob("*")
        if path.is_symlink() or not path.resolve().is_relative_to(resolved)
    ]


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (relative path -> bytes), to prove a tree did not change."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def siblings(path: Path) -> list[str]:
    """Names next to `path` other than itself: leftovers of staging show up here."""
    return sorted(p.name for p in path.parent.iterdir() if p.name != path.name)


def _environment() -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR")
    environment = {key: os.environ[key] for key in keep if key in os.environ}
    environment["PYTHONPATH"] = str(REPO)
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    return environment


def _text(value: str | bytes | None) -> str:
    if isinstance(value, bytes):
        return value.decode(errors="replace")
    return value or ""
