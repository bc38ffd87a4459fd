"""Fuzz: whole specs with hostile text in every field still give safe, valid, lint-clean packages.

Hypothesis builds the specs (`hostile.py`) and each one is generated in-process. A spec may be
refused only as a SpecError (the spec itself is wrong, e.g. a structure the validator rejects); any
other exception is a generator bug. The expensive checks then run once over every package: one
subprocess imports them all (every module, both clients, every resource), one ruff run lints them
all, and the canary file that the payloads try to create must never exist.

Failures are collected rather than raised, so one run reports every kind of failure at once, each
with the smallest spec that shows it (a cheap stand-in for shrinking, which would regenerate
hundreds of packages). Examples are derandomized: every run checks the same specs.
"""

from __future__ import annotations

import itertools
import json
import re
import traceback
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from generator.errors import SpecError
from generator.pipeline import generate_package

from .expectations import generic_problems
from .harness import ruff_check, run_probe
from .hostile import hostile_specs, hostile_text

EXAMPLES = 100
# The strategy must mostly produce specs that generate, or the test would prove little.
MIN_GENERATED = 0.6
_VOLATILE = re.compile(r"'[^']*'|\"[^\"]*\"|/\S*/example\d+\S*|\.staging-\w+|line \d+|:\d+:\d+")
_EXCEPTION = re.compile(r"^\s*[\w.]*(Error|Exception)\b")


class Failures:
    """Failures grouped by kind (paths and numbers left out), keeping the smallest spec of each."""

    def __init__(self) -> None:
        self.kinds: dict[str, tuple[int, str, dict[str, Any]]] = {}

    def add(self, kind: str, detail: str, spec: dict[str, Any]) -> None:
        kind = _VOLATILE.sub("…", kind)[:200]
        size = len(json.dumps(spec))
        if kind not in self.kinds or size < self.kinds[kind][0]:
            self.kinds[kind] = (size, detail, spec)

    def report(self) -> str:
        return "\n\n".join(
            f"{kind}\n{detail}\nsmallest spec: {json.dumps(spec)}"
            for kind, (_size, detail, spec) in sorted(self.kinds.items())
        )


def test_hostile_specs_generate_safe_packages(tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    canary = root / "CANARY"
    built: list[tuple[dict[str, Any], Path, str]] = []
    refusals: list[str] = []
    failures = Failures()
    numbers = itertools.count()

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )
    @given(spec=hostile_specs(hostile_text(str(canary))))
    def generate(spec: dict[str, Any]) -> None:
        out = root / f"example{next(numbers)}"
        try:
            generated = generate_package(json.dumps(spec).encode(), "fuzz.json", out)
        except SpecError as error:
            refusals.append(str(error))
        except Exception as error:
            lines = [line for line in str(error).splitlines() if line.strip()][:2]
            kind = f"generation raised {type(error).__name__}: " + " ".join(lines)
            failures.add(kind, traceback.format_exc(), spec)
        else:
            built.append((spec, out, generated.api.config.package))

    generate()
    assert not canary.exists(), "generating a hostile spec ran its payload"
    total = next(numbers)
    assert len(built) >= MIN_GENERATED * total or failures.kinds, (
        f"only {len(built)} of {total} specs generated; refusals:\n" + "\n".join(refusals[:5])
    )

    importing = root / "import-cwd"
    importing.mkdir()
    jobs = [{"src": str(out / "src"), "package": package} for _, out, package in built]
    reports = run_probe(jobs, cwd=importing) if jobs else []
    leftovers = sorted(p.name for p in importing.iterdir())
    lint = ruff_check(out for _, out, _ in built).stdout if built else ""
    for (spec, out, _package), report in zip(built, reports, strict=True):
        problems = generic_problems(out, report, leftovers)
        problems += [line for line in lint.splitlines() if f"/{out.name}/" in line]
        for problem in problems:
            lines = problem.strip().splitlines()
            raised = [line for line in lines if _EXCEPTION.match(line)]
            kind = lines[0] + (" " + raised[-1].strip() if raised else "")
            failures.add(kind, problem, spec)
    assert not canary.exists(), "importing a generated package ran a payload"
    assert not failures.kinds, f"{len(failures.kinds)} kinds of failure:\n\n{failures.report()}"
