"""Release notes quote spec names (a new property, a new path), so the CHANGELOG escapes them.

The notes come from the real diff between two versions of a hostile spec (`markdown_html.yaml`
with and without its hostile additions); the generated CHANGELOG must render them as literal text:
no HTML, no links, no headings or list items injected through a newline.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from generator.config import default_config
from generator.lock import NamesLock
from generator.pipeline import generate_package
from generator.release import first_release, spec_release
from generator.state import ApiState

from .corpus import CORPUS

NEW = CORPUS / "markdown_html.yaml"


def _old_version() -> bytes:
    """The same API before the hostile property and operation were added."""
    document = yaml.safe_load(NEW.read_text(encoding="utf-8"))
    document["components"]["schemas"]["Page"]["properties"] = {"id": {"type": "string"}}
    operation = document["paths"].pop("/pages")["get"]
    document["paths"]["/pages"] = {"get": {**operation, "summary": "List pages."}}
    document["paths"]["/pages/<img src=x onerror=alert(6)>\n# Injected"] = {
        "get": {"operationId": "old", "responses": {"204": {"description": "gone"}}}
    }
    return json.dumps(document).encode()


def test_changelog_shows_spec_names_as_literal_text(tmp_path: Path) -> None:
    old, new = _old_version(), NEW.read_bytes()
    config = default_config("Pages", "openapi.yaml")
    state = spec_release(first_release(ApiState(), old), old, new, config=config, lock=NamesLock())
    changes = state.releases[-1].changes
    assert any("<img src=x onerror=alert(5)>" in change for change in changes), changes
    generate_package(new, "openapi.yaml", tmp_path / "out", config, state=state)
    changelog = (tmp_path / "out" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert\\(5\\)&gt;" in changelog
    for raw in ("<img", "<script", "<b>", "](javascript:"):
        assert raw not in changelog
    headings = [line for line in changelog.splitlines() if line.startswith("#")]
    assert headings == ["# Changelog of pages-client"] + [
        f"## {release.version}" for release in reversed(state.releases)
    ]
    entries = [line for line in changelog.splitlines() if re.match(r"[-*+|>]|\d+\.", line)]
    assert len(entries) == len(changes)
