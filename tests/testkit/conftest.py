"""The package generated from the newer Anam capture, imported in-process as `anam_kit_client`."""

from __future__ import annotations

import importlib
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.config import load_config
from generator.pipeline import generate_package

REPO = Path(__file__).resolve().parents[2]
PACKAGE = "anam_kit_client"


@pytest.fixture(scope="session")
def kit(tmp_path_factory: pytest.TempPathFactory, upstream: Path) -> Iterator[ModuleType]:
    spec = upstream / "swagger.newer.json"
    config = load_config(REPO / "specs" / "anam" / "config.yaml").model_copy(
        update={"package": PACKAGE, "distribution": "anam-kit-client"}
    )
    out = tmp_path_factory.mktemp("kit") / "anam-kit-client"
    generate_package(spec.read_bytes(), str(spec), out, config)
    sys.path.insert(0, str(out / "src"))
    try:
        importlib.import_module(PACKAGE)
        yield importlib.import_module(f"{PACKAGE}.testing")
    finally:
        sys.path.remove(str(out / "src"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake needs no network: any socket connection fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the fake client opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
