"""How generation grows with the size of the spec: 1x to 64x the newer Anam capture.

A fixed start-up cost (interpreter, imports) flatters any growth ratio, so besides the ratio to
1x the table shows the marginal cost per operation between successive sizes: if that stays flat
the growth is linear; if it climbs, some stage is superlinear and the profile of the largest
case says which. Sizes run interleaved, round by round, so load from neighbours spreads over all.
"""

from __future__ import annotations

import itertools
import json
import os
import pstats
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import profiling, stages
from .child import ChildRun, run_child
from .environment import PROJECT
from .results import Row, Section, at_most, shown
from .synthetic import count_operations, write_replica
from .timing import Stats, interleave, stats

# Every size generates a spec never seen before: the models and structure caches stay off.
COLD = {**os.environ, "SDKGEN_CACHE": "off"}

LIMIT = 80.0  # 64x may cost at most 80x the 1x time
PROFILED_MIDDLE = 16  # profiled besides the extremes: growth from here to 64x excludes start-up


@dataclass(frozen=True)
class Point:
    factor: int
    operations: int
    schemas: int
    spec_bytes: int
    wall: Stats
    memory_mb: Stats


@dataclass(frozen=True)
class Scaling:
    section: Section
    points: list[Point]


def command(spec: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", str(out)]


def run(source: Path, scratch: Path, factors: Sequence[int], rounds: int) -> Scaling:
    specs = {k: write_replica(source, k, scratch / f"spec-{k}x.json") for k in factors}
    counter = itertools.count()

    def task(factor: int) -> Callable[[], ChildRun]:
        def once() -> ChildRun:
            out = scratch / f"out-{next(counter)}"
            result = run_child(command(specs[factor], out), cwd=PROJECT, env=COLD).check()
            shutil.rmtree(out, ignore_errors=True)
            return result

        return once

    runs = interleave(rounds, {str(k): task(k) for k in factors})
    points = []
    for factor in factors:
        document = json.loads(specs[factor].read_bytes())
        results = runs[str(factor)]
        points.append(
            Point(
                factor=factor,
                operations=count_operations(document),
                schemas=len(document.get("components", {}).get("schemas", {})),
                spec_bytes=specs[factor].stat().st_size,
                wall=stats([r.wall for r in results]),
                memory_mb=stats([r.max_rss_bytes / 2**20 for r in results]),
            )
        )
    section = _section(points, rounds, specs)
    profiled = sorted({min(factors), *(k for k in factors if k == PROFILED_MIDDLE), max(factors)})
    section.details += _profiles(scratch, specs, profiled)
    return Scaling(section, points)


def _section(points: list[Point], rounds: int, specs: dict[int, Path]) -> Section:
    first, last = points[0], points[-1]
    section = Section(
        title="Scaling: synthetic specs",
        summary=(
            "Every path, operation (operationId suffixed), tag and component of the newer capture "
            "copied k times with suffixed names and rewritten `$ref`s (`bench/synthetic.py`); "
            f"{rounds} interleaved rounds of fresh processes. Peak memory is ru_maxrss of the "
            "largest process in the generator's tree (`os.wait4`, taken by a small launcher so "
            "the benchmark runner's own size cannot leak in; see `bench/child.py`). Ratio = "
            "median / the 1x median (time, or memory on the memory row)."
        ),
        commands=[shown(command(specs[p.factor], specs[p.factor].parent / "out")) for p in points],
        ratio_label="time / 1x",
    )
    for point in points:
        time_ratio = point.wall.median / first.wall.median
        memory_ratio = point.memory_mb.median / first.memory_mb.median
        verdict = None
        if point is last and last.factor > first.factor:
            allowed = LIMIT * last.factor / 64
            verdict = at_most(
                time_ratio, allowed, unit="x", target=f"<= {allowed:.0f}x the 1x time"
            )
        section.rows.append(
            Row(
                f"{point.factor}x: {point.operations} operations, {point.schemas} schemas",
                point.wall,
                "s",
                ratio=time_ratio,
                verdict=verdict,
                note=f"peak {point.memory_mb.median:.0f} MB ({memory_ratio:.1f}x the 1x)",
            )
        )
    if last.factor > first.factor:
        allowed = LIMIT * last.factor / 64
        memory_ratio = last.memory_mb.median / first.memory_mb.median
        section.rows.append(
            Row(
                f"{last.factor}x: peak memory",
                last.memory_mb,
                "MB",
                ratio=memory_ratio,
                verdict=at_most(
                    memory_ratio, allowed, unit="x", target=f"<= {allowed:.0f}x the 1x memory"
                ),
                note=f"1x: {first.memory_mb.median:.0f} MB",
            )
        )
    section.details.append(_marginal_table(points))
    return section


def _marginal_table(points: list[Point]) -> str:
    """Seconds and MB per added operation between successive sizes: flat means linear."""
    lines = [
        "Marginal cost between successive sizes (flat = linear growth):",
        "",
        "| from | to | ms per added operation | MB per added operation |",
        "| --- | --- | ---: | ---: |",
    ]
    for before, after in itertools.pairwise(points):
        added = after.operations - before.operations
        seconds = after.wall.median - before.wall.median
        megabytes = after.memory_mb.median - before.memory_mb.median
        lines.append(
            f"| {before.factor}x | {after.factor}x | {seconds / added * 1000:.1f} "
            f"| {megabytes / added:.3f} |"
        )
    return "\n".join(lines)


def _profiles(scratch: Path, specs: dict[int, Path], factors: list[int]) -> list[str]:
    """cProfile of the smallest, 16x and largest size: stage shares and growth, then the top
    functions of the largest."""
    profiles = {}
    for factor in factors:
        path = scratch / f"profile-{factor}x.prof"
        base = command(specs[factor], scratch / f"profiled-{factor}x")
        profiled = [base[0], "-m", "cProfile", "-o", str(path), *base[1:]]
        run_child(profiled, cwd=PROJECT, env=COLD).check()
        profiles[factor] = profiling.load(path)
    blocks = [stages.table(profiles), *top_tables(profiles[max(profiles)], max(profiles))]
    flagged = stages.superlinear(profiles)
    if flagged:
        blocks.insert(
            0,
            "Growing faster than the spec (more than 1.5x linear between the two largest "
            "profiled sizes): " + "; ".join(flagged) + ". These are what bend the curve.",
        )
    return blocks


def top_tables(profile: pstats.Stats, factor: int) -> list[str]:
    total = profiling.total_time(profile)
    return [
        f"Top 15 functions by cumulative time, {factor}x ({total:.1f} s under cProfile):\n\n"
        + profiling.markdown(profiling.top(profile, by="cumulative", count=15), total=total),
        f"Top 15 functions by own time, {factor}x:\n\n"
        + profiling.markdown(profiling.top(profile, by="own", count=15), total=total),
    ]
