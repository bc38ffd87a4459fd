"""The drift gate: regenerate every API from its pinned inputs and compare with generated/.

What is compared is what the generator wrote: the last generated tree kept beside the packages
(`custom.py`), so hand-written code in a package passes while a spec, config or generator change
that was not regenerated fails. A package without that record is compared file by file.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

from .config import load_config, template_overrides
from .config_paths import CONFIG_FILE
from .custom import base_path
from .lock import LOCK_FILE, read_lock
from .pipeline import generate_package
from .snapshot import read_spec
from .state import STATE_FILE, read_state


def drift(api_dirs: list[Path], generated: Path, scratch: Path) -> list[str]:
    """One line per file that differs, is missing or is extra; empty when all match."""
    differences: list[str] = []
    for api_dir in api_dirs:
        config = load_config(api_dir / CONFIG_FILE)
        fresh = scratch / config.distribution
        spec = read_spec(api_dir, config.spec, skip=(config.templates,) if config.templates else ())
        generate_package(
            spec.data,
            str(api_dir / spec.root),
            fresh,
            config,
            lock=read_lock(api_dir / LOCK_FILE),
            state=read_state(api_dir / STATE_FILE),
            source=spec.source,
            templates=template_overrides(config, api_dir),
        )
        package = generated / config.distribution
        if not package.is_dir():
            differences.append(f"missing: {package}")
            continue
        base = base_path(package)
        differences += _compare(fresh, base if base.is_dir() else package, shown=package)
    return differences


def _compare(expected: Path, actual: Path, *, shown: Path) -> list[str]:
    expected_files = {p.relative_to(expected) for p in expected.rglob("*") if p.is_file()}
    actual_files = {
        p.relative_to(actual)
        for p in actual.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    lines = [f"missing: {shown / p}" for p in sorted(expected_files - actual_files)]
    lines += [f"unexpected: {shown / p}" for p in sorted(actual_files - expected_files)]
    lines += [
        f"differs: {shown / p}"
        for p in sorted(expected_files & actual_files)
        if not filecmp.cmp(expected / p, actual / p, shallow=False)
    ]
    return lines
