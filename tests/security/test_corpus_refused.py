"""Broken and hostile specs the CLI must refuse: one precise line each, bounded, harmless.

What a user sees is the contract: exit code 1, no traceback, `<file>#<pointer>: error: <message>
(fix: <hint>)` on stderr, the previous output untouched, no staging folders left behind, and no
socket or forbidden file touched on the way. Every case runs the real CLI in its own process under
memory and CPU-time caps; they run in parallel so the whole table takes seconds.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from .corpus import Refused, materialize, refused
from .harness import AUDIT_MARK, CliRun, run_cli, snapshot

CASES = {case.name: case for case in refused()}
PREVIOUS = {"keep.txt": b"previous output\n", "src/old.py": b"x = 1\n"}


@dataclass(frozen=True)
class Outcome:
    run: CliRun
    output: dict[str, bytes]
    folder: list[str]


def _refuse(case: Refused, folder: Path) -> Outcome:
    folder.mkdir()
    materialize(case, folder)
    out = folder / "out"
    for relative, data in PREVIOUS.items():
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_bytes(data)
    run = run_cli(
        ["generate", "--spec", case.name, "--out", "out"],
        cwd=folder,
        memory_mb=case.memory_mb,
        cpu_seconds=case.seconds,
    )
    return Outcome(run, snapshot(out), sorted(p.name for p in folder.iterdir()))


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("refused")
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {
            name: pool.submit(_refuse, case, root / f"case{index}")
            for index, (name, case) in enumerate(sorted(CASES.items()))
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_spec_is_refused_as_the_table_says(name: str, outcomes: dict[str, Outcome]) -> None:
    """Exit 1 in bounded time and memory, and the one line that says where and what to do."""
    case = CASES[name]
    run = outcomes[name].run
    what = f"{name} ({case.attack})"
    assert not run.out_of_cpu, f"{what}: killed after {case.seconds} s of CPU time"
    assert not run.timed_out, f"{what}: still running after {run.seconds:.0f} s"
    assert run.returncode == 1, f"{what}: exit code {run.returncode}, stderr:\n{run.stderr}"
    assert "Traceback" not in run.stderr and run.stdout == "", f"{what}:\n{run.stderr}"
    where = f"{case.location}" if case.pointer is not None else f"{name}#<any pointer>"
    assert case.line_in(run.stderr), (
        f"{what}: no line '{where}: error: ...{case.message}... (fix: ...{case.hint}...)' in:\n"
        f"{run.stderr}"
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_refusal_leaves_everything_as_it_was(name: str, outcomes: dict[str, Outcome]) -> None:
    """Previous output byte-for-byte, no staging leftovers, no canary, no socket, no file read."""
    outcome = outcomes[name]
    assert outcome.output == PREVIOUS
    assert outcome.folder == sorted([name, "out"])
    assert AUDIT_MARK not in outcome.run.stderr, outcome.run.stderr


def test_debug_shows_the_traceback_a_refusal_hides(tmp_path: Path) -> None:
    """`--debug` is the one way to see where a refusal came from."""
    case = CASES["invalid_json.json"]
    materialize(case, tmp_path)
    run = run_cli(["--debug", "generate", "--spec", case.name, "--out", "out"], cwd=tmp_path)
    assert run.returncode == 1
    assert "Traceback (most recent call last)" in run.stderr
    assert "generator.errors.SpecError" in run.stderr
