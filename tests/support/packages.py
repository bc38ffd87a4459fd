"""A generated package made importable for the length of a test fixture."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def importable(out: Path, package: str) -> Iterator[None]:
    """The package generated at `out` importable as `package` while the context lasts. Its
    modules are forgotten afterwards, so that another test's package of the same name loads
    its own."""
    src = str(out / "src")
    sys.path.insert(0, src)
    try:
        yield
    finally:
        sys.path.remove(src)
        for name in [module for module in sys.modules if module.split(".")[0] == package]:
            del sys.modules[name]
