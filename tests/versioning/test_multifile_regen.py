"""A multi-file spec under specs/<api>/ goes through `regen`, `check` and the release diff like a
one-file spec: the package is generated from every file, `released/` keeps every file, and a
change in a file the root only refers to is a release with the right bump."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.drift import drift
from generator.load import read_document
from generator.regen import fetch_api, regen_api
from generator.release import check_release
from generator.state import read_state
from tests.support.fault_server import FaultServer, Reply

FIXTURE = Path(__file__).resolve().parents[1] / "unit" / "fixtures" / "multifile"
CONFIG = """name: shelter
title: Shelter
package: shelter_client
distribution: shelter-client
client_class: Shelter
env_prefix: SHELTER
spec: openapi.yaml
"""
PET = "schemas/pet.yaml"


def _shelter(tmp_path: Path) -> Path:
    """specs/shelter: the multi-file fixture (without its escaping variant) at 1.0.0."""
    api = tmp_path / "specs" / "shelter"
    shutil.copytree(FIXTURE, api, ignore=shutil.ignore_patterns("escape"))
    (api / "config.yaml").write_text(CONFIG)
    (api / "state.json").write_text(json.dumps({"version": "1.0.0"}))
    return api


def _edit(api: Path, name: str, old: str, new: str) -> None:
    text = (api / name).read_text()
    assert text.count(old) == 1, old
    (api / name).write_text(text.replace(old, new))


def test_a_multi_file_spec_regenerates_and_passes_the_drift_gate(tmp_path: Path) -> None:
    api, generated = _shelter(tmp_path), tmp_path / "generated"
    result = regen_api(api, generated, offline=True)
    assert (result.changed, result.version, result.operations) == (True, "1.0.0", 3)
    types = generated / "shelter-client" / "src" / "shelter_client" / "types" / "__init__.py"
    assert all(f'"{name}"' in types.read_text() for name in ("Pet", "Owner", "Tag"))
    released = api / "released"
    assert (released / PET).read_bytes() == (api / PET).read_bytes()
    assert drift([api], generated, tmp_path / "scratch") == []
    again = regen_api(api, generated, offline=True)
    assert not again.changed

    _edit(api, "schemas/owner.yaml", "type: object", "type: object\ndescription: Who.")
    assert drift([api], generated, tmp_path / "scratch2") != []  # the gate sees a file's edit


def test_a_change_in_a_referenced_file_is_released_with_its_bump(tmp_path: Path) -> None:
    api, generated = _shelter(tmp_path), tmp_path / "generated"
    regen_api(api, generated, offline=True)
    before = tmp_path / "before"
    shutil.copytree(api, before)

    _edit(api, PET, "  owner:\n", "  nickname:\n    type: string\n  owner:\n")
    added = regen_api(api, generated, offline=True)
    assert (added.changed, added.version) == (True, "1.1.0")
    assert added.release is not None and any("nickname" in c for c in added.release.changes)
    assert check_release(before, api).report.summary.bump == "minor"

    _edit(api, PET, "required: [name]", "required: [name, nickname]")
    breaking = regen_api(api, generated, offline=True)
    assert (breaking.changed, breaking.version) == (True, "2.0.0")
    state = read_state(api / "state.json")
    assert [release.version for release in state.releases] == ["1.0.0", "1.1.0", "2.0.0"]
    assert (api / "released" / PET).read_bytes() == (api / PET).read_bytes()
    assert drift([api], generated, tmp_path / "scratch") == []


def test_a_fetched_spec_is_diffed_against_every_file_of_the_release(tmp_path: Path) -> None:
    """The API team now publishes the spec bundled into one file, with a field removed: the
    release kept as files is read whole, so the bump is breaking, not "changes unknown"."""
    api = _shelter(tmp_path)
    regen_api(api, tmp_path / "generated", offline=True)
    root = api / "openapi.yaml"
    bundled = read_document(root.read_bytes(), str(root), root)
    del bundled["components"]["schemas"]["owner"]["properties"]["name"]
    published = json.dumps(bundled).encode()
    with FaultServer(fallback=Reply(200, {"Content-Type": "application/json"}, published)) as live:
        _sha, state = fetch_api(api, f"{live.url}/openapi.json")
    assert state.version == "2.0.0"
    changes = state.releases[-1].changes
    assert changes and all("owner.name" in change for change in changes), changes
    assert root.read_bytes() == published == (api / "released" / "openapi.yaml").read_bytes()
