"""The Python code blocks of a generated package's Markdown, and a package to try them on.

`python_blocks` reads fenced blocks the way a Markdown renderer does (a fence of three or more
backticks, closed by one at least as long). `generate_api` lays an API folder out as `regen` does
(config, spec and documentation pages side by side) and generates its package.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.config import load_config
from generator.pipeline import generate_package

REPO = Path(__file__).resolve().parents[2]
_FENCE = re.compile(r"^(`{3,})python\s*$")


def python_blocks(markdown: str) -> list[str]:
    blocks: list[str] = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        index += 1
        if opening is None:
            continue
        fence, body = opening.group(1), []
        while index < len(lines) and not lines[index].startswith(fence):
            body.append(lines[index])
            index += 1
        index += 1
        blocks.append("\n".join(body) + "\n")
    return blocks


def generate_api(api: Path, spec: Path | None, root: Path) -> Path:
    """Generate the API folder `api` (with `spec` as its pinned snapshot, if given) in `root`."""
    folder = root / api.name
    shutil.copytree(api, folder, ignore=shutil.ignore_patterns("released"))
    config = load_config(folder / "config.yaml")
    if spec is not None:
        shutil.copy(spec, folder / config.spec)
    snapshot = folder / config.spec
    out = root / f"{api.name}-package"
    generate_package(snapshot.read_bytes(), str(snapshot), out, config)
    return out
