"""`python -m bench`: run every benchmark, then write bench/RESULTS.md and bench/scaling.png.

Run counts are chosen so the full run stays under 25 minutes on a busy 2-core machine;
`--quick` takes a few samples of each for development and writes to a temporary folder (or
`--output`) so rough numbers never overwrite the real results. A benchmark that fails is
reported as such in the results (and the exit status is 1) while the others still run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import calls, corpus, imports, noop, parsing, plot, regen, report, scaling
from .environment import NEWER_SPEC, PROJECT, describe_machine
from .packages import Package, byte_compile, generate_opc, generate_ours, shipped
from .results import Section

HERE = Path(__file__).resolve().parent
BENCHMARKS = ("regen", "noop", "corpus", "scaling", "imports", "calls", "parsing")
NEEDS_SPEC = frozenset({"regen", "calls", "parsing"})


@dataclass(frozen=True)
class Plan:
    """How many samples each benchmark takes."""

    regen_rounds: int
    noop_rounds: int
    corpus_rounds: int
    verify_rounds: int
    scaling_factors: tuple[int, ...]
    scaling_rounds: int
    scaling_largest_rounds: int  # the largest size is by far the slowest
    import_rounds: int
    call_batches: int
    call_size: int
    parse_batches: int
    parse_size: int


FULL = Plan(7, 15, 3, 3, (1, 4, 16, 64), 3, 2, 9, 12, 500, 9, 8)
QUICK = Plan(2, 3, 1, 0, (1, 4), 1, 1, 2, 3, 200, 3, 3)


class Run:
    """One `python -m bench` run: shared scratch space, the packages, the sections so far."""

    def __init__(self, plan: Plan, scratch: Path) -> None:
        self.plan = plan
        self.scratch = scratch
        self.started = time.perf_counter()
        self.sections: list[Section] = []
        self.scaling: scaling.Scaling | None = None
        self.corpus: corpus.Corpus | None = None
        self.failed = False
        self._ours: Package | None = None
        self._opc: Package | None = None

    def log(self, message: str) -> None:
        elapsed = time.perf_counter() - self.started
        print(f"[bench {elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)

    def folder(self, name: str) -> Path:
        path = self.scratch / name
        path.mkdir(exist_ok=True)
        return path

    @property
    def ours(self) -> Package:
        if self._ours is None:
            self._ours = generate_ours(NEWER_SPEC, self.folder("packages") / "ours")
        return self._ours

    @property
    def opc(self) -> Package:
        if self._opc is None:
            self._opc = generate_opc(NEWER_SPEC, self.folder("packages") / "opc")
        return self._opc

    def measure(self, name: str) -> None:
        self.log(f"{name} ...")
        runner = _RUNNERS[name]
        try:
            sections = runner(self)
        except Exception as error:  # one broken benchmark must not lose the others' results
            traceback.print_exc()
            self.failed = True
            sections = [Section(title=name, summary="", skipped=f"failed: {error!r}"[:500])]
        self.sections += sections
        self.log(f"{name} done")


def _regen(run: Run) -> list[Section]:
    return [regen.run(NEWER_SPEC, run.folder("regen"), run.plan.regen_rounds)]


def _noop(run: Run) -> list[Section]:
    return [noop.run(run.folder("noop"), run.plan.noop_rounds)]


def _corpus(run: Run) -> list[Section]:
    plan = run.plan
    run.corpus = corpus.run(run.folder("corpus"), plan.corpus_rounds, plan.verify_rounds)
    return run.corpus.sections


def _scaling(run: Run) -> list[Section]:
    plan = run.plan
    run.scaling = scaling.run(
        run.folder("scaling"),
        plan.scaling_factors,
        plan.scaling_rounds,
        plan.scaling_largest_rounds,
    )
    return [run.scaling.section]


def _imports(run: Run) -> list[Section]:
    ours = shipped()
    reference: list[Package] = []
    if NEWER_SPEC.is_file():
        ours.append(run.ours)
        reference.append(run.opc)
    section = imports.run(ours, reference, run.plan.import_rounds)
    if not NEWER_SPEC.is_file():
        section.notes.append(f"Package from the newer capture skipped: {NEWER_SPEC} is absent.")
    return [section]


def _calls(run: Run) -> list[Section]:
    plan = run.plan
    return [calls.run(run.ours, NEWER_SPEC, run.folder("calls"), plan.call_batches, plan.call_size)]


def _parsing(run: Run) -> list[Section]:
    plan = run.plan
    return [
        parsing.run(
            run.ours,
            run.opc,
            NEWER_SPEC,
            run.folder("parsing"),
            plan.parse_batches,
            plan.parse_size,
        )
    ]


_RUNNERS: dict[str, Callable[[Run], list[Section]]] = {
    "regen": _regen,
    "noop": _noop,
    "corpus": _corpus,
    "scaling": _scaling,
    "imports": _imports,
    "calls": _calls,
    "parsing": _parsing,
}


def main(argv: list[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    quick = arguments.quick
    selected = arguments.only.split(",") if arguments.only else list(BENCHMARKS)
    unknown = sorted(set(selected) - set(BENCHMARKS))
    if unknown:
        raise SystemExit(f"unknown benchmark(s) {unknown}; choose from {', '.join(BENCHMARKS)}")
    partial = quick or bool(arguments.only)
    output = arguments.output or (
        Path(tempfile.mkdtemp(prefix="sdkgen-bench-results-")) if partial else HERE
    )
    output.mkdir(parents=True, exist_ok=True)
    machine = describe_machine()
    byte_compile(PROJECT / "generator")  # as the tools compared with are, installed
    started = datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="sdkgen-bench-") as scratch:
        run = Run(QUICK if quick else FULL, Path(scratch))
        for name in BENCHMARKS:
            if name not in selected:
                continue
            if name in NEEDS_SPEC and not NEWER_SPEC.is_file():
                run.sections.append(
                    Section(
                        title=name,
                        summary="",
                        skipped=f"needs {NEWER_SPEC} (../shared beside the project), absent",
                    )
                )
                continue
            run.measure(name)
        image = None
        if run.scaling is not None:
            image = "scaling.png"
            measured = run.corpus.measured if run.corpus is not None else []
            plot.write(output / image, run.scaling.points, measured)
        elapsed = time.perf_counter() - run.started
    text = report.render(
        machine,
        run.sections,
        started=started,
        elapsed=elapsed,
        load_at_end=os.getloadavg(),
        argv=sys.argv[1:] if argv is None else argv,
        plot=image,
        quick=partial,
    )
    results = output / "RESULTS.md"
    results.write_text(text, "utf-8")
    run.log(f"wrote {results} ({elapsed / 60:.1f} min)")
    for section in run.sections:
        for label, verdict in section.verdicts():
            state = "met   " if verdict.met else "MISSED"
            print(f"{state} {section.title}: {label}: {verdict.target} ({verdict.margin})")
    return 1 if run.failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="few samples, for development")
    parser.add_argument("--only", help=f"comma-separated subset of: {', '.join(BENCHMARKS)}")
    parser.add_argument("--output", type=Path, help="folder for RESULTS.md and the plot")
    return parser


if __name__ == "__main__":
    sys.exit(main())
