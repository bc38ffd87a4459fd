"""Code a maintainer writes inside a generated package survives regeneration: files the generator
did not write are never touched, edits of generated files are merged three ways with the new
output, and an edit that overlaps a change of the generator stops regen with both trees intact."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.versioning.conftest import add_optional_field

from .conftest import sdkgen, tree

IMPORTS = "from actualize_client._models import BaseModel\n"
GREETING = '''

def greeting(profile: AgentProfile) -> str:
    """Hand-written: how the agent introduces itself."""
    return f"This is {profile.full_name}"
'''


def _where(tmp_path: Path) -> tuple[str, ...]:
    return ("--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "generated"))


def test_a_helper_and_an_edit_survive_a_regen_to_a_newer_spec(
    actualize: Path, tmp_path: Path
) -> None:
    package = tmp_path / "generated" / "actualize-client"
    source = package / "src" / "actualize_client"
    helper = source / "lib" / "helpers.py"
    helper.parent.mkdir()
    helper.write_text('"""Hand-written helpers."""\n\nTIMEOUT = 30\n')
    model = source / "types" / "_agent_profile.py"
    model.write_text(model.read_text().replace(IMPORTS, IMPORTS + GREETING))
    assert sdkgen("check", *_where(tmp_path)).returncode == 0  # hand-written code is not drift

    add_optional_field(actualize)
    result = sdkgen("regen", "--offline", *_where(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "0.1.0 -> 0.1.1" in result.stdout

    assert helper.read_text() == '"""Hand-written helpers."""\n\nTIMEOUT = 30\n'
    merged = model.read_text()
    assert "nickname" in merged  # the generator's change
    assert IMPORTS + GREETING in merged  # the maintainer's edit
    program = (
        "from actualize_client.types._agent_profile import AgentProfile, greeting\n"
        "print(greeting(AgentProfile(full_name='Desk', nickname='D')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(package / "src")},
        check=False,
    )
    assert run.stdout == "This is Desk\n", run.stderr
    assert sdkgen("check", *_where(tmp_path)).returncode == 0


def test_a_conflicting_edit_stops_regen_and_leaves_both_trees(
    actualize: Path, tmp_path: Path
) -> None:
    package = tmp_path / "generated" / "actualize-client"
    version_file = package / "src" / "actualize_client" / "_version.py"
    version_file.write_text(version_file.read_text().replace('"0.1.0"', '"0.1.0.post1"'))
    add_optional_field(actualize)
    maintainer, specs = tree(package), tree(actualize)
    base = tree(tmp_path / "generated" / ".sdkgen-base")

    result = sdkgen("regen", "--offline", *_where(tmp_path))
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{version_file}: error: conflict: the edit at lines 3-4 overlaps")
    assert ".sdkgen-conflict/" in line
    assert tree(package) == maintainer
    assert tree(actualize) == specs  # no release, no state, lock or snapshot written
    assert tree(tmp_path / "generated" / ".sdkgen-base") == base
    proposed = tmp_path / "generated" / ".sdkgen-conflict" / "actualize-client"
    assert '__version__ = "0.1.1"' in (proposed / version_file.relative_to(package)).read_text()

    version_file.write_text(version_file.read_text().replace('"0.1.0.post1"', '"0.1.0"'))
    resolved = sdkgen("regen", "--offline", *_where(tmp_path))
    assert resolved.returncode == 0, resolved.stderr
    assert '"0.1.1"' in version_file.read_text()
    assert not proposed.exists()
