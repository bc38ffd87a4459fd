"""The contract coverage line and verdict, as a plugin of the whole test run.

Registered from `tests/conftest.py`, not from the contract suite's own conftest: under
pytest-xdist the controller collects nothing, so it never loads `tests/contract/conftest.py`,
and a hook defined there would never print the line or fail the run. Workers hand their tallies
over in `workeroutput`; the controller merges and judges them.
"""

from __future__ import annotations

from typing import Any

import pytest

from . import coverage

WORKER_KEY = "contract_coverage"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if hasattr(config, "workeroutput"):  # an xdist worker: hand the tally to the controller
        config.workeroutput[WORKER_KEY] = {
            name: tally.to_json() for name, tally in coverage.TALLIES.items()
        }
        return
    if incomplete() and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """xdist controller: merge a worker's tally."""
    for name, data in (getattr(node, "workeroutput", None) or {}).get(WORKER_KEY, {}).items():
        coverage.tally(name).merge(data)


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if hasattr(config, "workeroutput"):
        return
    shown = {name: t for name, t in coverage.TALLIES.items() if t.selected or t.skipped_reason}
    if not any(t.selected for t in shown.values()):
        return
    terminalreporter.section("contract coverage")
    for name, tally in shown.items():
        terminalreporter.write_line(tally.line(name))
        if tally.enforced and tally.missing():
            terminalreporter.write_line(f"  not exercised: {', '.join(tally.missing())}", red=True)
    if incomplete():
        terminalreporter.write_line(
            "contract coverage is incomplete: the run fails (every operation must be exercised)",
            red=True,
        )


def incomplete() -> list[str]:
    return [name for name, tally in coverage.TALLIES.items() if tally.enforced and tally.missing()]
