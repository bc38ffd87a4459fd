"""A package generated fresh from the newer Anam capture (it has pagination and uploads)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.config import parse_config
from generator.pipeline import generate_package

PACKAGE = "anam_faults_client"


@pytest.fixture(scope="session")
def generated_newer(tmp_path_factory: pytest.TempPathFactory, upstream: Path) -> Path:
    spec = upstream / "swagger.newer.json"
    config = parse_config(
        {
            "name": "anam",
            "title": "Anam",
            "package": PACKAGE,
            "distribution": "anam-faults-client",
            "client_class": "Anam",
            "env_prefix": "ANAM",
            "spec": spec.name,
        },
        "<faults>",
    )
    out = tmp_path_factory.mktemp("faults") / "anam-faults-client"
    generate_package(spec.read_bytes(), str(spec), out, config)
    return out


@pytest.fixture(scope="session")
def sdk(generated_newer: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(generated_newer / "src"))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(generated_newer / "src"))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
