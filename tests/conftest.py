"""Shared fixtures: where the repository, the specs and `../shared` are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.shared import REPO, SHARED, require

# The contract coverage line, registered here so that an xdist controller has it too.
pytest_plugins = ["tests.contract.report"]

UPSTREAM = SHARED / "upstream" / "anam"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The generator's cache lives in a folder of this run, never in the user's home."""
    os.environ["SDKGEN_CACHE"] = str(tmp_path_factory.mktemp("sdkgen-cache"))


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def upstream() -> Path:
    """The two real captures of Anam's swagger.json, from ../shared."""
    return require(UPSTREAM)
