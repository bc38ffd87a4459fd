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
    """Spec names appear only inside code spans (shown as written, never interpreted: no
    HTML, no link); everywhere else the text is escaped; no line starts a heading or an item
    the generator did not write."""
    old, new = _old_version(), NEW.read_bytes()
    config = default_config("Pages", "openapi.yaml")
    state = spec_release(first_release(ApiState(), old), old, new, config=config, lock=NamesLock())
    changes = state.releases[-1].changes
    assert any("<img src=x onerror=alert(5)>" in change for change in changes), changes
    generate_package(new, "openapi.yaml", tmp_path / "out", config, state=state)
    changelog = (tmp_path / "out" / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "`<img src=x onerror=alert(5)>`" in changelog
    outside_code = re.sub(r"(`+)[^`\n]*?\1", "", changelog)
    for raw in ("<img", "<script", "<b>", "](javascript:", "alert("):
        assert raw not in outside_code
    headings = [line for line in changelog.splitlines() if line.startswith("#")]
    assert headings == [
        "# Changelog of pages-client",
        "## 0.2.0",
        "### `client.b_pages_b`",  # the untagged operation removed sat beside the tagged one
        "### Models",
        "## 0.1.0",
    ]
    items = [line for line in changelog.splitlines() if re.match(r"\s*[-*+|>]|\s*\d+\.", line)]
    assert len(items) == sum(len(change.split("\n")) - 1 for change in changes)
    assert all(re.match(r"(  )?- (Breaking|Added|wire): ", item) for item in items), items
