"""An API's documentation pages are part of its inputs: editing one regenerates the README."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.regen import regen_api

from .snippets import REPO


def test_editing_a_docs_page_regenerates_the_readme(tmp_path: Path) -> None:
    api = tmp_path / "specs" / "anam"
    shutil.copytree(REPO / "specs" / "anam", api)
    out = tmp_path / "generated"
    assert regen_api(api, out, offline=True).changed
    assert not regen_api(api, out, offline=True).changed
    page = api / "session-tokens.md"
    page.write_text(page.read_text() + "\nTokens are short-lived on purpose.\n")
    assert regen_api(api, out, offline=True).changed
    assert "Tokens are short-lived on purpose." in (out / "anam-client" / "README.md").read_text()
