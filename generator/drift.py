"""The drift gate: regenerate every API from its pinned inputs and compare with generated/."""

from __future__ import annotations

import filecmp
from pathlib import Path

from .config import load_config
from .lock import LOCK_FILE, read_lock
from .pipeline import generate_package
from .regen import CONFIG_FILE
from .state import STATE_FILE, read_state


def drift(specs: Path, generated: Path, scratch: Path) -> list[str]:
    """One line per file that differs, is missing or is extra; empty when all match."""
    differences: list[str] = []
    for config_path in sorted(specs.glob(f"*/{CONFIG_FILE}")):
        api_dir = config_path.parent
        config = load_config(config_path)
        fresh = scratch / config.distribution
        spec = api_dir / config.spec
        generate_package(
            spec.read_bytes(),
            str(spec),
            fresh,
            config,
            lock=read_lock(api_dir / LOCK_FILE),
            state=read_state(api_dir / STATE_FILE),
        )
        differences += _compare(fresh, generated / config.distribution)
    return differences


def _compare(expected: Path, actual: Path) -> list[str]:
    if not actual.is_dir():
        return [f"missing: {actual}"]
    expected_files = {p.relative_to(expected) for p in expected.rglob("*") if p.is_file()}
    actual_files = {
        p.relative_to(actual)
        for p in actual.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    lines = [f"missing: {actual / p}" for p in sorted(expected_files - actual_files)]
    lines += [f"unexpected: {actual / p}" for p in sorted(actual_files - expected_files)]
    lines += [
        f"differs: {actual / p}"
        for p in sorted(expected_files & actual_files)
        if not filecmp.cmp(expected / p, actual / p, shallow=False)
    ]
    return lines
