"""Shared fixtures: where the repository, the specs and `../shared` are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from tests.shared import REPO, SHARED, require

# Property tests assert what holds, not how fast: on a loaded CI machine an example may take
# longer than hypothesis's default 200 ms deadline, which would fail a correct run.
settings.register_profile("sdkgen", deadline=None)
settings.load_profile("sdkgen")

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
