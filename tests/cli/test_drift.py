"""`make check`: passes with hand-written code in a package, fails when a spec changed without a
regen (in any file of a multi-file spec), and passes again after `make regen`."""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import sdkgen


def test_check_fails_on_a_spec_change_until_regen(repo: Path, tmp_path: Path) -> None:
    shutil.copytree(repo / "specs", tmp_path / "specs")
    shutil.copytree(repo / "generated", tmp_path / "generated")
    where = ("--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated"))
    assert sdkgen("regen", "--offline", *where).returncode == 0
    assert sdkgen("check", *where).returncode == 0

    package = tmp_path / "generated" / "anam-client"
    edited = package / "src" / "anam_client" / "resources" / "personas.py"
    edited.write_text(edited.read_text().replace('"avatarId"', '"avatar_id"'))
    (package / "stray.py").write_text("x = 1\n")
    assert sdkgen("check", *where).returncode == 0  # hand-written code is not drift

    spec = tmp_path / "specs" / "actualize" / "openapi.yaml"
    spec.write_text(spec.read_text().replace("Identifier of the agent.", "Agent identifier."))
    failed = sdkgen("check", *where)
    assert failed.returncode == 1
    types = tmp_path / "generated" / "actualize-client" / "src" / "actualize_client" / "types"
    assert f"differs: {types / '_agent_profile.py'}" in failed.stderr
    assert failed.stderr.endswith("generated/ is stale: run `make regen`\n")

    regen = sdkgen("regen", "--offline", *where)
    assert regen.returncode == 0, regen.stderr
    assert sdkgen("check", *where).returncode == 0
    assert '"avatar_id"' in edited.read_text() and (package / "stray.py").is_file()


def test_committed_output_is_what_the_specs_produce(repo: Path) -> None:
    result = sdkgen("check", cwd=repo)
    assert result.returncode == 0, result.stderr
