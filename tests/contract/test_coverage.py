"""The coverage line counts what it should, and an unexercised operation fails the run.

The line is the suite's promise ("every operation of every spec was proved"), so its arithmetic
and its effect on the exit status are tested on their own, with tallies made up for the purpose.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from . import coverage, report
from .coverage import SpecTally


def _tally(selected: set[str], exercised: set[str]) -> SpecTally:
    return SpecTally(
        total=["GET /a", "POST /a", "GET /b"],
        exercised=exercised,
        listed={"t1", "t2", "t3"},
        selected=selected,
    )


def test_the_line_counts_exercised_operations_of_the_document() -> None:
    tally = _tally({"t1", "t2", "t3"}, {"GET /a", "GET /b", "GET /elsewhere"})
    assert tally.line("demo") == "contract: demo 2/3 operations"
    assert tally.enforced and tally.missing() == ["POST /a"]


def test_a_selected_subset_is_reported_but_not_judged() -> None:
    tally = _tally({"t1"}, {"GET /a"})
    assert not tally.enforced
    assert tally.line("demo") == (
        "contract: demo 1/3 operations (a subset was selected: 1 of 3 cases)"
    )


def test_worker_tallies_merge() -> None:
    merged = SpecTally()
    merged.merge(_tally({"t1", "t2"}, {"GET /a"}).to_json())
    merged.merge(_tally({"t3"}, {"POST /a", "GET /b"}).to_json())
    assert merged.enforced and merged.missing() == []


@pytest.mark.parametrize(
    ("exercised", "status"),
    [
        ({"GET /a", "POST /a", "GET /b"}, pytest.ExitCode.OK),
        ({"GET /a", "GET /b"}, pytest.ExitCode.TESTS_FAILED),
    ],
)
def test_an_unexercised_operation_fails_the_run(
    monkeypatch: pytest.MonkeyPatch, exercised: set[str], status: pytest.ExitCode
) -> None:
    monkeypatch.setattr(coverage, "TALLIES", {"demo": _tally({"t1", "t2", "t3"}, exercised)})
    session = SimpleNamespace(config=SimpleNamespace(), exitstatus=pytest.ExitCode.OK)
    report.pytest_sessionfinish(session, 0)  # type: ignore[arg-type]
    assert session.exitstatus == status


_ACTUALIZE = "test_operation and actualize"


@pytest.mark.slow
def test_a_parallel_run_from_the_root_prints_the_line(repo: Path) -> None:
    """`make test` runs `pytest -n auto` with no path: the xdist controller collects nothing, so
    the line must come from a plugin it loads, not from this suite's conftest."""
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "-p", "no:cacheprovider", "-qk", _ACTUALIZE],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert "contract: actualize 1/1 operations\n" in run.stdout
