"""The no-op regen benchmark keeps only runs where regen's summary says every API is unchanged."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from bench.noop import unchanged_apis

PROJECT = Path(__file__).resolve().parents[2]


def test_counts_the_apis_regen_reports_unchanged(tmp_path: Path) -> None:
    specs, out = tmp_path / "specs", tmp_path / "generated"
    shutil.copytree(PROJECT / "specs", specs)
    shutil.copytree(PROJECT / "generated", out)
    apis = len(list(specs.glob("*/config.yaml")))
    command = [sys.executable, "-m", "generator", "regen", "--offline"]
    command += ["--specs", str(specs), "--out", str(out)]
    subprocess.run(command, cwd=PROJECT, capture_output=True, check=True)  # brought up to date
    settled = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=True)
    assert unchanged_apis(settled.stdout) == apis
    (specs / "anam" / "swagger.json").write_text(
        (specs / "anam" / "swagger.json").read_text().replace('"title"', '"title" ', 1)
    )
    (specs / "actualize" / "config.yaml").touch()
    changed = subprocess.run(command, cwd=PROJECT, capture_output=True, text=True, check=True)
    assert unchanged_apis(changed.stdout) < apis


def test_reads_rows_whatever_draws_the_table() -> None:
    summary = "│ actualize │ unchanged │ 0.1.8 │\n│ anam-v2 │ regenerated │ 1.0.5 │\n"
    assert unchanged_apis(summary) == 1
    assert unchanged_apis("| a.b | unchanged | 1 |\n| c | unchanged | 2 |\n") == 2
    assert unchanged_apis("actualize: regenerated (unchanged schemas)\n") == 0
