"""Generates the demo package the runtime tests import, and provides shared fixtures.

The runtime only works as part of a package (its modules import each other relatively), so the
tests use a real generated package: ``fixtures/demo/openapi.yaml`` generated as ``sdkrt``, whose
runtime modules are templates/runtime copied byte for byte and whose client and resources are
exactly what the generator emits. ``demo_sdk.py`` names what the tests use from it.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from generator.config import load_config
from generator.pipeline import generate_package
from generator.state import ApiState
from tests.support.fault_server import FaultServer

if TYPE_CHECKING:
    from .demo_sdk import NoWaitAsyncDemo, NoWaitDemo

RUNTIME_SOURCE = Path(__file__).resolve().parents[2] / "templates" / "runtime"
DEMO_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "demo"
PACKAGE_NAME = "sdkrt"
_assembled = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    root = Path(tempfile.mkdtemp(prefix="sdkrt-"))
    spec = DEMO_FIXTURE / "openapi.yaml"
    demo_config = load_config(DEMO_FIXTURE / "config.yaml")
    generate_package(
        spec.read_bytes(), str(spec), root / "demo", demo_config, state=ApiState(version="1.2.3")
    )
    sys.path.insert(0, str(root / "demo" / "src"))
    config.stash[_assembled] = root


def pytest_unconfigure(config: pytest.Config) -> None:
    root = config.stash.get(_assembled, None)
    if root is not None:
        sys.path.remove(str(root / "demo" / "src"))
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No DEMO_* variables leak in from the shell, and logging changes are undone."""
    for name in ("DEMO_API_KEY", "DEMO_BASE_URL", "DEMO_LOG"):
        monkeypatch.delenv(name, raising=False)
    logger = logging.getLogger(PACKAGE_NAME)
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers
    logger.setLevel(level)


@pytest.fixture
def client(server: FaultServer) -> Iterator[NoWaitDemo]:
    from .demo_sdk import API_KEY, NoWaitDemo

    with NoWaitDemo(api_key=API_KEY, base_url=server.url, timeout=5.0) as demo:
        yield demo


@pytest.fixture
async def async_client(server: FaultServer) -> AsyncIterator[NoWaitAsyncDemo]:
    from .demo_sdk import API_KEY, NoWaitAsyncDemo

    async with NoWaitAsyncDemo(api_key=API_KEY, base_url=server.url, timeout=5.0) as demo:
        yield demo
