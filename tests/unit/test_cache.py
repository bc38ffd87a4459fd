"""The generator's cache: a hit is what a fresh run writes, and a tampered entry is not trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import GenerationError
from generator.ir import ModelSet
from generator.models import generate_models
from generator.render import environment

MODELS = ModelSet(
    schemas={"Voice": {"type": "object", "properties": {"displayName": {"type": "string"}}}},
    field_names={"Voice": {"displayName": "display_name"}},
    pointers={},
)


def test_a_cache_hit_is_the_module_a_fresh_run_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDKGEN_CACHE", "off")
    fresh = generate_models(MODELS, "pkg")
    monkeypatch.setenv("SDKGEN_CACHE", str(tmp_path))
    assert generate_models(MODELS, "pkg") == fresh
    (entry,) = (tmp_path / "models").iterdir()
    assert entry.read_text() == fresh
    assert generate_models(MODELS, "pkg") == fresh  # served from the entry


def test_a_tampered_cache_entry_is_refused_like_fresh_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDKGEN_CACHE", str(tmp_path))
    generate_models(MODELS, "pkg")
    (entry,) = (tmp_path / "models").iterdir()
    entry.write_text(entry.read_text() + "\nimport os\nos.system('touch pwned')\n")
    with pytest.raises(GenerationError, match="unexpected Import"):
        generate_models(MODELS, "pkg")


def test_a_different_package_is_a_different_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDKGEN_CACHE", str(tmp_path))
    assert "from one._models" in generate_models(MODELS, "one")
    assert "from two._models" in generate_models(MODELS, "two")
    assert len(list((tmp_path / "models").iterdir())) == 2


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SDKGEN_CACHE", str(tmp_path / "cache"))
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "README.md.jinja").write_text("one\n")
    fresh_environment = environment.__wrapped__  # past the per-process memo
    assert fresh_environment(overrides).get_template("README.md.jinja").render() == "one\n"
    assert list((tmp_path / "cache").glob("templates-*/__jinja2_*.cache"))
    (overrides / "README.md.jinja").write_text("two\n")
    assert fresh_environment(overrides).get_template("README.md.jinja").render() == "two\n"
