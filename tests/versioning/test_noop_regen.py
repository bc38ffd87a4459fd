"""A regen with nothing to do answers from the config's paths, without the full validation."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.errors import ConfigError
from generator.regen import regen_api

_NO_OP = """
import sys
from pathlib import Path
from generator.regen import regen_api
result = regen_api(Path(sys.argv[1]), Path(sys.argv[2]), offline=True)
print(result.changed, "pydantic" in sys.modules)
"""


def test_a_no_op_regen_does_not_import_the_config_validation(
    actualize: Path, tmp_path: Path, repo: Path
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", _NO_OP, str(actualize), str(tmp_path / "generated")],
        capture_output=True,
        text=True,
        cwd=repo,
        check=True,
    )
    assert run.stdout.split() == ["False", "False"]


def test_an_edited_config_is_validated_whole_though_nothing_else_changed(
    actualize: Path, tmp_path: Path
) -> None:
    config = actualize / "config.yaml"
    config.write_text(config.read_text() + "colour: red\n")
    with pytest.raises(ConfigError, match="unknown key 'colour'"):
        regen_api(actualize, tmp_path / "generated", offline=True)
