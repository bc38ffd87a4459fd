"""Generates the wire fixture package the tests import (``sdkwire``), once per session.

``fixtures/wire/openapi.yaml`` holds one operation per way OpenAPI says a request is written or
a reply read; the package is exactly what the generator emits, runtime included, and the tests
call it against ``FaultServer`` on loopback, which records every request as it arrived.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from generator.config import load_config
from generator.errors import Problem
from generator.pipeline import generate_package
from tests.support.fault_server import FaultServer

if TYPE_CHECKING:
    from sdkwire import Wire

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_NAMES = ("wire", "security", "paging", "hierarchy", "held", "spans")
_generated = pytest.StashKey[Path]()
PROBLEMS: dict[str, tuple[Problem, ...]] = {}  # what generating each fixture warned about


def pytest_configure(config: pytest.Config) -> None:
    root = Path(tempfile.mkdtemp(prefix="sdkwire-"))
    for fixture in FIXTURE_NAMES:
        spec = FIXTURES / fixture / "openapi.yaml"
        api_config = load_config(FIXTURES / fixture / "config.yaml")
        generated = generate_package(spec.read_bytes(), str(spec), root / fixture, api_config)
        PROBLEMS[fixture] = generated.problems
        sys.path.insert(0, str(root / fixture / "src"))
    config.stash[_generated] = root


def pytest_unconfigure(config: pytest.Config) -> None:
    root = config.stash.get(_generated, None)
    if root is not None:
        for fixture in FIXTURE_NAMES:
            sys.path.remove(str(root / fixture / "src"))
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as running:
        yield running


@pytest.fixture
def client(server: FaultServer) -> Iterator[Wire]:
    from sdkwire import Wire

    with Wire(base_url=server.url + "/api", timeout=5.0, max_retries=0) as wire:
        yield wire


PAGING_KEY = "k-123"  # the paging fixture's API key


@pytest.fixture
def paging(server: FaultServer) -> Iterator[Any]:
    from sdkpaging import Paging

    with Paging(api_key=PAGING_KEY, base_url=server.url + "/api", max_retries=0) as client:
        yield client


@pytest.fixture
def async_paging(server: FaultServer) -> Any:
    from sdkpaging import AsyncPaging

    return AsyncPaging(api_key=PAGING_KEY, base_url=server.url + "/api", max_retries=0)


@pytest.fixture
def elsewhere() -> Iterator[FaultServer]:
    """A second server: another origin, which must receive nothing."""
    with FaultServer() as running:
        yield running
