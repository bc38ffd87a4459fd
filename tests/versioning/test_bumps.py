"""Every bump comes from the diff against the spec of the last release, kept in
`specs/<api>/released/`, whether the spec was fetched or edited by hand in place (as Actualize's
is). Semver from 1.0: docs -> patch, additive -> minor, breaking -> major; before 1.0 a breaking
change moves the minor version and everything else the patch version (see `generator/version.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.regen import regen_api
from generator.state import read_state

from .conftest import actualize_at, add_optional_field, describe_differently, remove_field

EDITS: dict[str, Callable[[Path], None]] = {
    "description": describe_differently,
    "optional field": add_optional_field,
    "removed field": remove_field,
}


@pytest.mark.parametrize(
    ("start", "change", "expected"),
    [
        ("1.2.3", "description", "1.2.4"),
        ("1.2.3", "optional field", "1.3.0"),
        ("1.2.3", "removed field", "2.0.0"),
        ("0.1.0", "description", "0.1.1"),
        ("0.1.0", "optional field", "0.1.1"),
        ("0.1.0", "removed field", "0.2.0"),
    ],
)
def test_a_hand_edited_spec_is_bumped_by_what_changed(
    tmp_path: Path, repo: Path, start: str, change: str, expected: str
) -> None:
    api = actualize_at(tmp_path, repo, start)
    assert (api / "released" / "openapi.yaml").read_bytes() == (api / "openapi.yaml").read_bytes()
    EDITS[change](api)
    result = regen_api(api, tmp_path / "generated", offline=True)
    assert (result.old_version, result.version) == (start, expected)
    release = read_state(api / "state.json").releases[-1]
    assert "to be safe" not in release.summary
    assert (api / "released" / "openapi.yaml").read_bytes() == (api / "openapi.yaml").read_bytes()
    changelog = (tmp_path / "generated" / "actualize-client" / "CHANGELOG.md").read_text()
    assert f"## {expected}" in changelog


def test_a_description_change_is_listed_as_documentation_only(
    actualize: Path, tmp_path: Path
) -> None:
    describe_differently(actualize)
    result = regen_api(actualize, tmp_path / "generated", offline=True)
    assert result.release is not None
    assert result.release.summary == (
        "API changes: 0 breaking, 0 added or relaxed, 1 documentation only."
    )


def test_the_released_spec_and_its_sha_cover_every_file_of_a_multi_file_spec(
    actualize: Path, tmp_path: Path
) -> None:
    shared = actualize / "components" / "errors.yaml"
    shared.parent.mkdir()
    shared.write_text("ValidationError:\n  type: object\n")
    first = regen_api(actualize, tmp_path / "generated", offline=True)
    state = read_state(actualize / "state.json")
    files = {"openapi.yaml": actualize / "openapi.yaml", "components/errors.yaml": shared}
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name].read_bytes()).digest())
    assert state.spec_sha256 == digest.hexdigest()
    assert first.changed and first.version == "0.1.1"  # the spec gained a file: a new release
    released = actualize / "released"
    assert sorted(p.relative_to(released).as_posix() for p in released.rglob("*.yaml")) == sorted(
        files
    )

    shared.write_text("ValidationError:\n  type: object\n  description: changed\n")
    second = regen_api(actualize, tmp_path / "generated", offline=True)
    assert second.changed and second.release is not None
    assert (released / "components" / "errors.yaml").read_text() == shared.read_text()
