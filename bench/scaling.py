"""How generation grows with the size of the spec: 1x to 64x a synthetic 250-operation spec.

A fixed start-up cost (interpreter, imports) flatters any growth ratio, so besides the ratio to
1x the table shows the marginal cost per operation between successive sizes: if that stays flat
the growth is linear; if it climbs, some stage is superlinear and the profile of the largest
case says which. Sizes run interleaved, round by round, so load from neighbours spreads over all;
the largest may take fewer rounds than the others (it is the slowest by far), which the section
then says.
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

from . import goals, profiling, stages
from .child import ChildRun, run_child
from .environment import PROJECT
from .results import Row, Section, at_most, below, shown
from .synthetic import RESOURCES, count_operations, write_base, write_replica
from .timing import Stats, interleave, stats

# Every size generates a spec never seen before: the models and structure caches stay off.
COLD = {**os.environ, "SDKGEN_CACHE": "off"}

LIMIT = 80.0  # 64x may cost at most 80x the 1x time
LARGEST_FACTOR = 64
LARGEST_SECONDS = 120.0  # and the 64x run must finish under this
# The largest size profiled: cProfile doubles a run's time, which at 64x alone would take minutes.
# The two largest profiled sizes show growth without start-up; the smallest shows start-up.
PROFILED_LARGEST = 16


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


def run(scratch: Path, factors: Sequence[int], rounds: int, largest_rounds: int) -> Scaling:
    """`rounds` interleaved rounds of every size; the largest size runs `largest_rounds` of them."""
    base = write_base(scratch / "base.json")
    specs = {k: write_replica(base, k, scratch / f"spec-{k}x.json") for k in factors}
    counter = itertools.count()

    def task(factor: int) -> Callable[[], ChildRun]:
        def once() -> ChildRun:
            out = scratch / f"out-{next(counter)}"
            result = run_child(
                command(specs[factor], out), cwd=PROJECT, env=COLD, sample_tree=True
            ).check()
            shutil.rmtree(out, ignore_errors=True)
            return result

        return once

    largest = max(factors)
    largest_rounds = min(largest_rounds, rounds)
    runs = interleave(largest_rounds, {str(k): task(k) for k in factors})
    others = interleave(rounds - largest_rounds, {str(k): task(k) for k in factors if k != largest})
    for name, results in others.items():
        runs[name] += results
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
                memory_mb=stats([r.tree_rss_bytes / 2**20 for r in results]),
            )
        )
    section = _section(points, (rounds, largest_rounds), specs)
    affordable = sorted(k for k in factors if k <= PROFILED_LARGEST)
    profiled = sorted({min(factors), *affordable[-2:]})
    section.details += _profiles(scratch, specs, profiled)
    return Scaling(section, points)


def _section(points: list[Point], rounds: tuple[int, int], specs: dict[int, Path]) -> Section:
    first, last = points[0], points[-1]
    every, largest = rounds
    fewer = f" ({largest} for {last.factor}x, the slowest)" if largest < every else ""
    section = Section(
        title="Scaling: synthetic specs",
        summary=(
            f"The synthetic base spec (`bench/synthetic.py`'s `base_spec()`: {first.operations} "
            f"operations over {RESOURCES} CRUD resources) with every path, operation "
            "(operationId suffixed), tag and component copied k times, with suffixed names and "
            f"rewritten `$ref`s; {every} interleaved rounds of fresh processes{fewer}, cache "
            "off. Peak memory is the whole process tree's (resident sizes of every process of "
            "the run summed, sampled every 20 ms by a small launcher so the benchmark runner's "
            "own size cannot leak in; see `bench/child.py`). Ratio = median / the 1x median "
            "(time, or memory on the memory row)."
        ),
        commands=[shown(command(specs[p.factor], specs[p.factor].parent / "out")) for p in points],
        ratio_label="time / 1x",
    )
    section.rows += [_size_row(point, first, last) for point in points]
    section.rows += _largest_rows(first, last)
    section.details.append(_marginal_table(points))
    return section


def _size_row(point: Point, first: Point, last: Point) -> Row:
    """Time at one size, and its ratio to 1x; the largest is judged against the 80x budget."""
    time_ratio = point.wall.median / first.wall.median
    memory_ratio = point.memory_mb.median / first.memory_mb.median
    verdict = None
    if point is last and last.factor > first.factor:
        allowed = LIMIT * last.factor / 64
        verdict = at_most(time_ratio, allowed, unit="x", target=f"<= {allowed:.0f}x the 1x time")
    return Row(
        f"{point.factor}x: {point.operations} operations, {point.schemas} schemas",
        point.wall,
        "s",
        ratio=time_ratio,
        verdict=verdict,
        note=f"peak {point.memory_mb.median:.0f} MB ({memory_ratio:.1f}x the 1x)",
        goals=(goals.FLAT,) if verdict and last.factor == LARGEST_FACTOR else (),
    )


def _largest_rows(first: Point, last: Point) -> list[Row]:
    """The largest size's absolute time (at 64x: under two minutes) and its memory growth."""
    rows = []
    if last.factor == LARGEST_FACTOR:
        target = f"< {LARGEST_SECONDS:.0f} s"
        rows.append(
            Row(
                f"{last.factor}x: wall time",
                last.wall,
                "s",
                verdict=below(last.wall.median, LARGEST_SECONDS, unit="s", target=target),
                note=f"{last.operations} operations",
                goals=(goals.FLAT,),
            )
        )
    if last.factor > first.factor:
        allowed = LIMIT * last.factor / 64
        memory_ratio = last.memory_mb.median / first.memory_mb.median
        rows.append(
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
    return rows


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
    """cProfile of the given sizes: stage shares and growth, then the top functions of the
    largest profiled."""
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
