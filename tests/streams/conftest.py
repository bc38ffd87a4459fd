"""The Feed fixture generated once per run and imported as `feed_client`."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.config import load_config
from generator.pipeline import generate_package

FIXTURE = Path(__file__).with_name("fixture")


@pytest.fixture(scope="session")
def feed_src(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = FIXTURE / "openapi.yaml"
    out = tmp_path_factory.mktemp("feed") / "feed-client"
    generate_package(spec.read_bytes(), str(spec), out, load_config(FIXTURE / "config.yaml"))
    return out / "src"


@pytest.fixture(scope="session")
def feed(feed_src: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(feed_src))
    try:
        yield importlib.import_module("feed_client")
    finally:
        sys.path.remove(str(feed_src))


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
