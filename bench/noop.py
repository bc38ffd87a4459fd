"""No-op regen: what `make regen` costs when nothing changed, the case maintainers hit most.

The project's specs/ and generated/ are copied into scratch and brought up to date once, then
every timed run must answer "unchanged" for every API; a run that regenerated (say, someone edited
the generator mid-benchmark) is dropped and counted, never averaged in. Four ways in are timed:
the CLI offline, `make regen` offline (make's own overhead included), and the default live
attempt, directly and through make, which also pays for importing the HTTP stack and failing to
reach the spec's URL (no DNS on this machine) before falling back to the pinned snapshot.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from . import imports, profiling
from .child import ChildRun, run_child
from .environment import PROJECT
from .results import Row, Section, below, shown
from .timing import interleave, stats

TARGET = 0.3
START = "interpreter start (`python -c pass`)"
OFFLINE = "`regen --offline`"
MAKE_OFFLINE = '`make -s regen ARGS="--offline ..."`'
LIVE = "`regen` (live attempt, falls back)"
MAKE_LIVE = '`make -s regen ARGS="..."` (live attempt)'


def run(scratch: Path, rounds: int) -> Section:
    specs, out = scratch / "specs", scratch / "generated"
    shutil.copytree(PROJECT / "specs", specs)
    shutil.copytree(PROJECT / "generated", out)
    apis = len(list(specs.glob("*/config.yaml")))
    where = ["--specs", str(specs), "--out", str(out)]
    regen = [sys.executable, "-m", "generator", "regen"]
    make = ["make", "-s", "-C", str(PROJECT), "regen"]
    commands = {
        START: [sys.executable, "-c", "pass"],
        OFFLINE: [*regen, "--offline", *where],
        MAKE_OFFLINE: [*make, "ARGS=--offline " + " ".join(where)],
        LIVE: [*regen, *where],
        MAKE_LIVE: [*make, "ARGS=" + " ".join(where)],
    }
    section = Section(
        title="No-op regen",
        summary=(
            f"`regen` of both APIs ({apis}) on a copy of specs/ and generated/ whose inputs did "
            f"not change; {rounds} interleaved rounds of fresh processes. Target < {TARGET} s."
        ),
        commands=[shown(command) for name, command in commands.items() if name != START],
    )
    warm_up = _bring_up_to_date(commands[OFFLINE], apis)
    if not _make_is_safe():
        del commands[MAKE_OFFLINE], commands[MAKE_LIVE]
        section.notes.append(
            "make runs skipped: the venv stamp is stale, so make would reinstall the venv."
        )
    dropped: dict[str, int] = {}

    def task(name: str) -> Callable[[], ChildRun | None]:
        def once() -> ChildRun | None:
            result = run_child(commands[name], cwd=PROJECT).check()
            if name != START and unchanged_apis(result.stdout) != apis:
                dropped[name] = dropped.get(name, 0) + 1
                return None
            return result

        return once

    runs = interleave(rounds, {name: task(name) for name in commands})
    for name, results in runs.items():
        walls = [r.wall for r in results if r is not None]
        if not walls:
            section.notes.append(f"{name}: every run regenerated, so nothing to report.")
            continue
        verdict = None
        if name != START:
            verdict = below(stats(walls).median, TARGET, unit="s", target=f"< {TARGET} s")
        section.rows.append(Row(name, stats(walls), "s", verdict=verdict))
    section.notes.append(
        f"Bringing the copy up to date took {warm_up} run(s) before the timed ones. "
        + (
            f"Dropped (regenerated instead of no-op): {dropped}."
            if dropped
            else "No timed run regenerated."
        )
    )
    blocks, live_imports = _profiles(scratch, commands[OFFLINE], commands[LIVE])
    section.details += blocks
    medians = {row.label: row.stats.median for row in section.rows}
    missed = [name for name in (LIVE, MAKE_LIVE) if medians.get(name, 0.0) >= TARGET]
    if missed and OFFLINE in medians:
        fetch = dict(live_imports).get("generator.fetch", 0.0)
        extra = ", ".join(f"{name} {medians[name] - medians[OFFLINE]:+.2f} s" for name in missed)
        section.notes.append(
            f"Why the live attempt misses ({extra} against `regen --offline`): before it can "
            "fall back to the pinned snapshot it imports `generator.fetch` "
            f"({fetch:.0f} ms in `-X importtime`; httpx itself is imported only once the "
            "host resolves) and waits for name resolution of the spec's host to fail; offline "
            "skips both, and through make it also pays make's start-up. With the host reachable "
            "the live run also downloads and validates the spec, so it can only be slower."
        )
    return section


_UNCHANGED_ROW = re.compile(r"^\W*\w[\w.-]*\W+unchanged\W", re.MULTILINE)


def unchanged_apis(summary: str) -> int:
    """How many APIs regen's closing table reports `unchanged` (the result column follows the
    API name on each row, whatever characters draw the table)."""
    return len(_UNCHANGED_ROW.findall(summary))


def _bring_up_to_date(command: list[str], apis: int) -> int:
    for attempt in range(1, 4):
        if unchanged_apis(run_child(command, cwd=PROJECT).check().stdout) == apis:
            return attempt
    raise RuntimeError("regen never settled into a no-op: is the generator changing under us?")


def _make_is_safe() -> bool:
    """Whether `make regen` would run regen only (not rebuild the venv on a stale stamp)."""
    dry = subprocess.run(
        ["make", "-n", "-s", "-C", str(PROJECT), "regen"],
        capture_output=True,
        text=True,
        check=False,
    )
    return dry.returncode == 0 and "pip" not in dry.stdout and "rm -rf" not in dry.stdout


def _profiles(
    scratch: Path, offline: list[str], live: list[str]
) -> tuple[list[str], list[tuple[str, float]]]:
    """Where a no-op's time goes: what it imports (-X importtime) and what it runs (cProfile).

    Also returns the live attempt's direct imports (module, cumulative ms) for the verdict's why.
    """
    blocks = []
    modules: list[tuple[str, float]] = []
    for label, command in (("offline", offline), ("live attempt", live)):
        traced = run_child([command[0], "-X", "importtime", *command[1:]], cwd=PROJECT).check()
        modules = imports.top_level(traced.stderr)
        listed = ", ".join(f"`{module}` {ms:.0f} ms" for module, ms in modules)
        path = scratch / f"noop-{label.split()[0]}.prof"
        profiled = [command[0], "-m", "cProfile", "-o", str(path), *command[1:]]
        run_child(profiled, cwd=PROJECT).check()
        profile = profiling.load(path)
        total = profiling.total_time(profile)
        blocks.append(
            f"Where a no-op `regen` ({label}) spends its time. Imports made directly by the "
            f"program, by cumulative time (`-X importtime`): {listed}. cProfile of one run, "
            f"{total:.3f} s under the profiler (interpreter start not included), top 10 by "
            "cumulative time:\n\n"
            + profiling.markdown(profiling.top(profile, by="cumulative", count=10), total=total)
        )
    return blocks, modules
