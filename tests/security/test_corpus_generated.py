"""Hostile specs that must generate: safely, with valid unique names, and with the text intact.

All cases are generated once per module (in-process, from an empty working directory that must
stay empty), then one subprocess imports every package and reports on it (`probe.py`), and one
ruff run lints them all; each case's test then compares that evidence with its table entry.
"""

from __future__ import annotations

import os
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.pipeline import generate_package

from .corpus import CORPUS, Generated, generated
from .expectations import case_problems, generic_problems
from .harness import ruff_check, run_probe

CASES = {case.name: case for case in generated()}


@dataclass(frozen=True)
class Outcome:
    out: Path
    failure: str | None
    report: dict[str, Any] | None
    leftovers: list[str]
    lint: str


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    root = tmp_path_factory.mktemp("generated")
    workdir = tmp_path_factory.mktemp("generation-cwd")
    failures: dict[str, str] = {}
    previous = Path.cwd()
    os.chdir(workdir)  # a payload that ran during generation would write its canary here
    try:
        for name in CASES:
            try:
                generate_package((CORPUS / name).read_bytes(), name, root / name)
            except Exception:
                failures[name] = traceback.format_exc()
    finally:
        os.chdir(previous)
    leftovers_during_generation = sorted(p.name for p in workdir.iterdir())
    built = [name for name in CASES if name not in failures]
    jobs = [
        {
            "src": str(root / name / "src"),
            "package": next(p.name for p in (root / name / "src").iterdir() if p.is_dir()),
            "payloads": CASES[name].probe_payloads(),
            "calls": CASES[name].requests,
        }
        for name in built
    ]
    importing = tmp_path_factory.mktemp("import-cwd")
    reports = dict(zip(built, run_probe(jobs, cwd=importing), strict=True))
    leftovers = leftovers_during_generation + sorted(p.name for p in importing.iterdir())
    lint = ruff_check(root / name for name in built).stdout if built else ""
    return {
        name: Outcome(
            root / name,
            failures.get(name),
            reports.get(name),
            leftovers,
            "\n".join(line for line in lint.splitlines() if f"/{name}/" in line),
        )
        for name in CASES
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_spec_generates_as_the_table_says(name: str, outcomes: dict[str, Outcome]) -> None:
    """The package exists, is safe to import and lint-clean, and holds what the table lists."""
    case: Generated = CASES[name]
    outcome = outcomes[name]
    assert outcome.failure is None, f"{name} ({case.attack}) did not generate:\n{outcome.failure}"
    problems = generic_problems(outcome.out, outcome.report, outcome.leftovers)
    if outcome.lint:
        problems.append(f"ruff check fails:\n{outcome.lint}")
    if outcome.report is not None and outcome.report["ok"]:
        problems += case_problems(case, outcome.out, outcome.report)
    assert problems == [], f"{name} ({case.attack}):\n" + "\n".join(problems)
