"""Per-API template overrides and package metadata reach the generated package through regen."""

from __future__ import annotations

import tomllib
from pathlib import Path

from generator.render import TEMPLATES

from .conftest import sdkgen


def _where(tmp_path: Path) -> tuple[str, ...]:
    return ("--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated"))


def test_an_override_replaces_its_template_and_metadata_fills_pyproject(
    actualize: Path, tmp_path: Path
) -> None:
    overrides = actualize / "templates"
    overrides.mkdir()
    readme = (TEMPLATES / "package" / "README.md.jinja").read_text()
    (overrides / "README.md.jinja").write_text(readme + "\n## Support\n\nAsk the voice team.\n")
    config = actualize / "config.yaml"
    config.write_text(
        config.read_text()
        + "templates: templates\n"
        + "metadata:\n  license: MIT\n  urls:\n    Homepage: https://actualize.example\n"
        + "  classifiers: ['Intended Audience :: Developers']\n"
    )

    regen = sdkgen("regen", "--offline", *_where(tmp_path))
    assert regen.returncode == 0, regen.stderr

    package = tmp_path / "generated" / "actualize-client"
    assert (package / "README.md").read_text().endswith("## Support\n\nAsk the voice team.\n")
    assert "from actualize_client import" in (package / "README.md").read_text()
    project = tomllib.loads((package / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT"
    assert project["urls"] == {"Homepage": "https://actualize.example"}
    assert project["classifiers"] == [
        "Programming Language :: Python :: 3",
        "Typing :: Typed",
        "Intended Audience :: Developers",
    ]
    assert sdkgen("check", *_where(tmp_path)).returncode == 0

    (overrides / "README.md.jinja").write_text(readme + "\n## Support\n\nAsk anyone.\n")
    stale = sdkgen("check", *_where(tmp_path))
    assert stale.returncode == 1 and "README.md" in stale.stderr
