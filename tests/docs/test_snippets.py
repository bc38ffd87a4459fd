"""Every Python block of a package's README and `api.md` type-checks and runs.

Each block is a file of its own, checked with `mypy --strict` against the package, then run
against the package's fake client with the network switched off.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import Documented
from .snippets import python_blocks

RUNNER = Path(__file__).with_name("run_snippets.py")


@pytest.fixture(scope="session")
def blocks(documented: Documented, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("snippets")
    files = []
    for document in ("README.md", "api.md"):
        for index, block in enumerate(python_blocks(documented.text(document))):
            path = folder / f"{document.split('.')[0].lower()}_{index:03d}.py"
            path.write_text(block, encoding="utf-8")
            files.append(path)
    return files


def test_every_block_passes_mypy_strict(documented: Documented, blocks: list[Path]) -> None:
    assert len(blocks) > 5
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, blocks)],
        capture_output=True,
        text=True,
        env={**os.environ, "MYPYPATH": str(documented.src)},
        cwd=blocks[0].parent,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_every_block_runs_against_the_fake(documented: Documented, blocks: list[Path]) -> None:
    (blocks[0].parent / "example.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.endswith(("_API_KEY", "_BASE_URL"))
    }
    result = subprocess.run(
        [sys.executable, str(RUNNER), documented.package, documented.client, *map(str, blocks)],
        capture_output=True,
        text=True,
        env={**environment, "PYTHONPATH": str(documented.src)},
        cwd=blocks[0].parent,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
