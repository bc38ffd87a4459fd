"""Logging stays the package's own: silent unless the application asks, and ``<PREFIX>_LOG``
configures the package's logger and no other."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sdkrt

from tests.support.fault_server import FaultServer, Reply

from .demo_sdk import API_KEY, NoWaitDemo

PROJECT = Path(__file__).resolve().parents[2]

DRIFTING_CALL = """
import logging, sys
from sdkrt import Demo
if sys.argv[2] == "configured":
    logging.basicConfig(format="%(name)s %(levelname)s %(message)s")
with Demo(api_key="k", base_url=sys.argv[1]) as client:
    widget = client.widgets.get("w1")
print(widget.model_extra)
"""


def drifting_call(server: FaultServer, logging_setup: str) -> subprocess.CompletedProcess[str]:
    server.enqueue(Reply.json({"id": "w1", "brandNew": 1}))
    package_root = Path(sdkrt.__file__).parents[1]
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(DRIFTING_CALL), server.url, logging_setup],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PYTHONPATH": f"{package_root}:{PROJECT}", "PATH": ""},
        check=True,
    )


def test_drift_warnings_print_nothing_unless_the_application_configures_logging(
    server: FaultServer,
) -> None:
    quiet = drifting_call(server, "unconfigured")
    assert quiet.stdout.strip() == "{'brandNew': 1}"
    assert quiet.stderr == ""
    configured = drifting_call(server, "configured")
    assert "sdkrt WARNING Response did not match" in configured.stderr


def test_the_log_variable_configures_only_the_package_logger(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    watched = [logging.getLogger(), logging.getLogger("httpx"), logging.getLogger("httpcore")]
    before = [(logger.level, list(logger.handlers)) for logger in watched]
    monkeypatch.setenv("DEMO_LOG", "debug")
    server.enqueue(Reply.json({"id": "w1"}))
    with NoWaitDemo(api_key=API_KEY, base_url=server.url) as client:
        client.widgets.get("w1")
    assert [(logger.level, list(logger.handlers)) for logger in watched] == before
    package = logging.getLogger("sdkrt")
    assert package.level == logging.DEBUG
    assert any(isinstance(handler, logging.StreamHandler) for handler in package.handlers)
