"""Where the templates are: inside the installed package, or at the top of a source checkout.

The repository keeps `templates/` at its top level (the runtime in it is tested as ordinary
Python); the wheel ships the same folder as package data at `generator/_templates/`
(`force-include` in pyproject.toml), so a pip-installed `sdkgen` finds its templates too.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_root() -> Path:
    packaged = _PACKAGE / "_templates"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "templates"
