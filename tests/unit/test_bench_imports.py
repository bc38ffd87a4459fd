"""The import benchmark's explanation of a miss reads the shipped package's models, whether they
are one `types.py` module or a `types/` package."""

from __future__ import annotations

from pathlib import Path

from bench.imports import Sample, _why
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
