"""The import benchmark's explanation of a miss reads the shipped package's models, whether they
are one `types.py` module or a `types/` package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.imports import _RESOURCE, Sample, _why
from bench.packages import Package

SHIPPED = Path(__file__).resolve().parents[2] / "generated" / "anam-client" / "src"


def test_a_miss_counts_the_models_of_a_types_package() -> None:
    package = Package("anam_client (shipped)", "anam_client", SHIPPED)
    types = SHIPPED / "anam_client" / "types"
    classes = sum(
        line.startswith("class ")
        for path in types.rglob("*.py")
        for line in path.read_text("utf-8").splitlines()
    )
    assert classes > 0
    modules = {"anam_client.types": 3.0, "anam_client.types.personas": 5.0, "anam_client": 40.0}
    text = _why(package, [Sample(48.0, 0.0, 50.0, modules)])
    assert f"takes 8 ms (median self time) to define its {classes} model classes" in text


@pytest.mark.parametrize("package", ["actualize", "anam"])
def test_the_timed_snippet_builds_each_shipped_client(package: str) -> None:
    """The snippet timed for "client + first resource" runs as it is for either shipped client,
    one that takes an API key and one whose API declares no credential (which refuses a key)."""
    src = SHIPPED.parents[1] / f"{package}-client" / "src"
    snippet = "bare_client = None\n" + _RESOURCE.format(name=f"{package}_client")
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", snippet], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
